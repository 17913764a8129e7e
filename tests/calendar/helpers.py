"""Charters for the calendar tests, and the calendar read back as an application reads it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import AS_OF, SPEC_EXAMPLE

EXAMPLE_TEXT = SPEC_EXAMPLE.read_text(encoding="utf-8")
CHARTER_ID = "acme-globex-eta"


def example(folder: Path, swap: dict | None = None, name: str = "acme.charter.yaml") -> Path:
    """The worked example written in ``folder``, with each exact text ``old`` of ``swap`` replaced by ``new``."""
    text = EXAMPLE_TEXT
    for old, new in (swap or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def parse(data: bytes):
    from icalendar import Calendar

    return Calendar.from_ical(data)


def by_uid(cal) -> dict:
    """``{uid without @partnerkit: event}``."""
    return {str(e["UID"]).removesuffix("@partnerkit"): e for e in cal.walk("VEVENT")}


def day(event) -> date:
    return event.decoded("DTSTART")


def calendar_of(run_pk, path, *args, as_of: date = AS_OF, cwd=None):
    """Run ``partnerkit calendar`` and return (process, parsed calendar or None)."""
    out = run_pk("calendar", path, "--as-of", as_of.isoformat(), *args, cwd=cwd)
    cal = parse(out.stdout) if out.returncode == 0 and out.stdout else None
    return out, cal


def events_of(run_pk, path, as_of: date = AS_OF) -> dict:
    """The events of a calendar the command wrote successfully, by UID."""
    out, cal = calendar_of(run_pk, path, as_of=as_of)
    assert out.returncode == 0, out.stderr
    return by_uid(cal)
