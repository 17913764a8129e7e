"""`partnerkit init`: a commented charter scaffold."""

from __future__ import annotations

import os
import re
from datetime import date

from partnerkit.commands.common import fail, write_or_fail
from partnerkit.core.slug import slugify

KINDS = ("co-innovation", "go-to-market", "technology", "supply", "research", "joint-venture", "other")
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def scaffold(title: str | None, partners: list[str], kind: str, started: date) -> str:
    from partnerkit.core.templating import environment

    people = []
    for spec in partners or ["partner-a=Partner A", "partner-b=Partner B"]:
        ident, _, name = spec.partition("=")
        ident = ident.strip()
        if not SLUG.match(ident):
            fail(f"--partner `{spec}`: `{ident}` is not a valid id (letters, digits, `.`, `_`, `-`)")
        people.append({"id": ident, "name": name.strip() or ident.replace("-", " ").title()})
    if len(people) < 2:
        fail("a partnership needs at least two partners: repeat --partner")
    if len({p["id"] for p in people}) != len(people):
        fail("each --partner needs its own id")
    title = title or " × ".join(p["name"] for p in people)
    return environment().get_template("charter/charter.yaml.j2").render(
        id=slugify(title), title=title, kind=kind, started=started.isoformat(), partners=people)


def run(path, title, partners, kind, started, force) -> int:
    import typer

    if kind not in KINDS:
        fail(f"--kind `{kind}` is not one of {', '.join(KINDS)}")
    try:
        start = date.fromisoformat(started) if started else date.today()
    except ValueError:
        fail(f"--started `{started}` is not an ISO date such as 2026-01-15")
    if os.path.lexists(path) and not force:
        fail(f"{path} already exists: use --force to overwrite it")
    if os.path.isdir(path):
        fail(f"{path} is a folder")
    text = scaffold(title, partners, kind, start)
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            fail(f"cannot create the folder {folder}: {exc.strerror or exc}")
    write_or_fail(path, text)
    typer.echo(f"Wrote {path}. Next: partnerkit lint {path}", err=True)
    return 0
