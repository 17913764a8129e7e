from __future__ import annotations

import os
import sys
from datetime import date


def fail(message: str):
    """A usage error: one line on standard error, exit 2."""
    sys.stderr.write(f"partnerkit: {message}\n")
    raise SystemExit(2)


def as_of_date(value: str | None) -> date:
    """``--as-of``, else ``PARTNERKIT_AS_OF``, else today."""
    value = value or os.environ.get("PARTNERKIT_AS_OF") or None
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"invalid as-of date `{value}`: use an ISO date such as 2026-11-15")


def guarded(run) -> None:
    """Run a command: never a traceback; an interruption or an internal error is one line."""
    try:
        run()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("partnerkit: interrupted\n")
        sys.exit(130)
    except BaseException as exc:  # noqa: BLE001 - the promise is: no traceback, ever
        sys.stderr.write(f"partnerkit: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(2)


def lint_charters(path: str, options) -> list:
    """Every charter at ``path`` (a file, or the charters in a folder), linted; one line and exit 2 when the
    configuration is bad, a path cannot be read, or there is no charter."""
    from partnerkit.api import ConfigError, lint

    try:
        results = list(lint([path], options))
    except ConfigError as exc:
        fail(str(exc))
    for r in results:
        if r.error:
            fail(r.error)
    if not results:
        fail(f"no charters found in {path} (charter.yaml, *.charter.yaml, *.charter.yml)")
    return results


def print_file_errors(broken, as_of) -> None:
    """The E findings of each result on standard error, as ``partnerkit lint`` prints them."""
    import dataclasses
    import sys

    from partnerkit.outputs import text_format
    from partnerkit.outputs.common import RunInfo

    errors = [dataclasses.replace(r, findings=[f for f in r.active if f.code[0] == "E"]) for r in broken]
    sys.stderr.write(text_format.render(errors, RunInfo(as_of=as_of)))


def write_or_fail(path: str, text: str | bytes) -> None:
    from partnerkit.core.files import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def output_format(fmt: str | None, output: str | None, by_extension: dict[str, tuple[str, ...]], default: str) -> str:
    """``--format``, or the format the ``-o`` file's extension names, or ``default``.

    ``by_extension`` maps an extension to the formats that may be written under it, the one inferred first. An
    explicit ``--format`` the extension contradicts is a usage error.
    """
    ext = os.path.splitext(output)[1].lower() if output and output != "-" else ""
    fitting = by_extension.get(ext, ())
    if fmt is None:
        return fitting[0] if fitting else default
    if fitting and fmt not in fitting:
        other = next((e for e, formats in by_extension.items() if fmt in formats), None)
        fail(f"--format {fmt} contradicts the extension of {output}: drop --format, or "
             + (f"name the file {other}" if other else "use another file name"))
    return fmt
