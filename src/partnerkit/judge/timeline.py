"""Where the partnership stands in time: its horizon and its steering reviews."""

from __future__ import annotations

from datetime import date

from partnerkit.core.dates import add_days, add_months, cadence_days


def horizon_end(ch) -> date:
    """When substantial outcome results are expected: ``started`` + ``horizon_months``."""
    return add_months(ch.started, ch.horizon_months)


def review_due(ch) -> date | None:
    """When the next steering review falls due (the last one, or the start, plus the cadence); None without a cadence."""
    if not ch.review or not ch.review.cadence:
        return None
    return add_days(ch.review.last or ch.started, cadence_days(ch.review.cadence))


def review_overdue(ch, as_of: date) -> int | None:
    """A008's test: days the steering review is overdue, or None."""
    due = review_due(ch)
    if due is None or due >= as_of:
        return None
    return (as_of - due).days
