"""partnerkit: lint and report on business-partnership charters.

The library API lives in :mod:`partnerkit.api`; this module stays tiny so that
``partnerkit --version`` and shell completion start fast.
"""

from partnerkit.core.version import __version__  # noqa: F401


def main() -> None:
    """The console entry point.

    ``--version`` is answered before the command line (typer) is imported, and
    ``lint`` is read without it when its options are plain (see
    :mod:`partnerkit.commands.shortcut`). Any other command runs through
    typer. Then the process leaves as soon as its exit handlers have run and
    its output is flushed, without tearing the interpreter down object by
    object (some 50 ms once pydantic is loaded).
    """
    import sys

    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"partnerkit {__version__}\n")
        return
    try:
        if sys.argv[1:2] == ["lint"]:
            from partnerkit.commands.common import guarded
            from partnerkit.commands.shortcut import lint

            guarded(lambda: _exit_with(lint(sys.argv[2:])))
        from partnerkit.cli import main as run

        run()
        code = 0
    except SystemExit as exc:
        code = exc.code
    _leave(code)


def _exit_with(code) -> None:
    """Leave with ``code``; None (the shortcut declined) carries on."""
    if code is not None:
        raise SystemExit(code)


def _leave(code) -> None:
    import atexit
    import os
    import sys

    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (`partnerkit lint | head`): nothing more to say
            pass
        except (OSError, ValueError) as exc:  # a full disk, a closed stream: the output is incomplete
            if stream is sys.stdout:
                try:
                    sys.stderr.write(f"partnerkit: cannot write the output: {exc}\n")
                    sys.stderr.flush()
                except (OSError, ValueError):
                    pass
                code = 2
    os._exit(code)
