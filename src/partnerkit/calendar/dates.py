"""How the calendar repeats a cadence (RFC 5545 RRULE parts).

The dates themselves come from the judge, so that the review date the
calendar shows is always the one rule A008 judges by.
"""

from __future__ import annotations

from datetime import date

# How each cadence repeats in a calendar (RFC 5545 RRULE parts).
FREQUENCY = {
    "weekly": ("WEEKLY", 1),
    "biweekly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "quarterly": ("MONTHLY", 3),
    "semiannual": ("MONTHLY", 6),
    "yearly": ("YEARLY", 1),
}


def recurrence(cadence: str, start: date) -> dict:
    """The RRULE that repeats ``start`` at ``cadence``.

    Monthly rules that start on the 29th to the 31st keep to the month's end in
    shorter months (a plain BYMONTHDAY=31 would skip them); a yearly rule from
    29 February falls on 28 February in common years.
    """
    freq, interval = FREQUENCY[cadence]
    rule: dict = {"freq": freq}
    if interval > 1:
        rule["interval"] = interval
    if freq == "MONTHLY" and start.day > 28:
        if start.day == 31:
            rule["bymonthday"] = -1
        else:
            rule["bymonthday"] = list(range(28, start.day + 1))
            rule["bysetpos"] = -1
    elif freq == "YEARLY" and (start.month, start.day) == (2, 29):
        rule.update(bymonth=2, bymonthday=-1)
    return rule
