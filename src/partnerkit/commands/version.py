"""`partnerkit version [--verbose]`: the version; verbose, the versions in use and which YAML parser reads charters."""

from __future__ import annotations

import sys


def run(verbose: bool) -> int:
    from partnerkit.core.version import __version__

    lines = [f"partnerkit {__version__}"]
    if verbose:
        from partnerkit.api import about

        lines += [f"{name}: {value}" for name, value in about()[1:]]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
