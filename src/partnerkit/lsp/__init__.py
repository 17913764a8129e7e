"""`partnerkit lsp`: the language server for editors, a shell over the library like the command line.

Installed with the `lsp` extra (``pip install 'partnerkit[lsp]'``, which brings pygls); without it the
command says so in one line and exits 2. :mod:`partnerkit.lsp.analysis` holds what is said about a
charter (no LSP library); :mod:`partnerkit.lsp.server` speaks the protocol.
"""

from __future__ import annotations

import sys

MISSING = ("partnerkit: the language server needs pygls, installed with the `lsp` extra: "
           "pip install 'partnerkit[lsp]'")


def main() -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        sys.stderr.write(MISSING + "\n")
        return 2
    from partnerkit.lsp.server import run

    return run()
