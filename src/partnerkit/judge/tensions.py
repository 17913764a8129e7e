"""Tensions raised: open ones nobody owns, and ones left open too long."""

from __future__ import annotations

from datetime import date

from partnerkit.core.dates import cadence_days

NO_REVIEW_CADENCE = "monthly"  # without a review cadence (A008 reports that) tensions are judged monthly


def limit_days(ch, cadences: float) -> tuple[str, int, float]:
    """``(cadence, days, limit)``: how long a tension may stay open."""
    cadence = (ch.review.cadence if ch.review else None) or NO_REVIEW_CADENCE
    days = cadence_days(cadence)
    return cadence, days, cadences * days


def open_too_long(t, ch, as_of: date, cadences: float) -> int | None:
    """A014's test (age): days an open tension has been open, when longer than ``cadences`` review cadences."""
    if t.status != "open":
        return None
    age = (as_of - t.raised).days
    return age if age > limit_days(ch, cadences)[2] else None


def unowned(t) -> bool:
    """A014's test (owner): an open tension nobody owns."""
    return t.status == "open" and t.owner is None


def neglected(t, ch, as_of: date, cadences: float) -> bool:
    return unowned(t) or open_too_long(t, ch, as_of, cadences) is not None
