from __future__ import annotations

import typer


def fail(message: str):
    typer.echo(f"partnerkit: {message}", err=True)
    raise typer.Exit(2)


def write_or_fail(path: str, text: str | bytes) -> None:
    from partnerkit.core.files import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
