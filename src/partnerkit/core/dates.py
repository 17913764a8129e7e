"""Calendar arithmetic the format relies on: cadences and whole months."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91, "semiannual": 182, "yearly": 365}


def cadence_days(cadence: str | None) -> int | None:
    return CADENCE_DAYS.get(cadence) if cadence else None


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days``; past the end (or before the start) of the calendar it stops there."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months; a result past year 9999 (or before year 1) stops there."""
    month = day.month - 1 + months
    year = day.year + month // 12
    if not date.min.year <= year <= date.max.year:
        return date.max if year > date.max.year else date.min
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end``: the largest n with ``add_months(start, n) <= end``.

    It is 0 during the first month of a partnership, so that month is "month 1".
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months
