"""The steering review repeats at the charter's cadence, as a calendar application expands it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.calendar.helpers import CHARTER_ID, by_uid, calendar_of, example

REVIEW = "review:\n  cadence: monthly\n  last: 2026-10-28\n"


def review_dates(run_pk, tmp_path, cadence: str, last: date, as_of: date, count: int = 4):
    """The first ``count`` occurrences of the review series, and its RRULE as written."""
    import recurring_ical_events

    path = example(tmp_path, {REVIEW: f"review:\n  cadence: {cadence}\n  last: {last}\n"})
    out, cal = calendar_of(run_pk, path, as_of=as_of)
    assert out.returncode == 0, out.stderr
    rule = by_uid(cal)[f"{CHARTER_ID}.review"]["RRULE"].to_ical().decode()
    uid = f"{CHARTER_ID}.review@partnerkit"
    window = recurring_ical_events.of(cal).between(last, date(last.year + 5, 1, 1))
    found = sorted(e.decoded("DTSTART") for e in window if str(e["UID"]) == uid)
    return rule, found[:count]


@pytest.mark.parametrize("cadence, rule, expected", [
    ("weekly", "FREQ=WEEKLY", ["2026-11-04", "2026-11-11", "2026-11-18", "2026-11-25"]),
    ("biweekly", "FREQ=WEEKLY;INTERVAL=2", ["2026-11-11", "2026-11-25", "2026-12-09", "2026-12-23"]),
    ("monthly", "FREQ=MONTHLY", ["2026-11-27", "2026-12-27", "2027-01-27", "2027-02-27"]),
    ("quarterly", "FREQ=MONTHLY;INTERVAL=3", ["2027-01-27", "2027-04-27", "2027-07-27", "2027-10-27"]),
    ("semiannual", "FREQ=MONTHLY;INTERVAL=6", ["2027-04-28", "2027-10-28", "2028-04-28", "2028-10-28"]),
    ("yearly", "FREQ=YEARLY", ["2027-10-28", "2028-10-28", "2029-10-28", "2030-10-28"]),
])
def test_each_cadence_repeats_from_the_date_lint_expects(run_pk, tmp_path, cadence, rule, expected):
    # the first date is review.last (2026-10-28) + the cadence's days, as rule A008 counts
    got_rule, found = review_dates(run_pk, tmp_path, cadence, date(2026, 10, 28), date(2026, 10, 29))
    assert got_rule == rule
    assert [d.isoformat() for d in found] == expected


def test_a_monthly_review_at_the_month_end_keeps_to_the_month_end(run_pk, tmp_path):
    # due 2026-12-31 (2026-12-01 + 30 days): every month has its review, on its last day
    rule, found = review_dates(run_pk, tmp_path, "monthly", date(2026, 12, 1), date(2026, 12, 2), 5)
    assert rule == "FREQ=MONTHLY;BYMONTHDAY=-1"
    assert [d.isoformat() for d in found] == ["2026-12-31", "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]


def test_a_monthly_review_on_the_30th_falls_on_28_february(run_pk, tmp_path):
    # due 2027-01-30 (2026-12-31 + 30 days)
    rule, found = review_dates(run_pk, tmp_path, "monthly", date(2026, 12, 31), date(2027, 1, 1), 4)
    assert rule == "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"
    assert [d.isoformat() for d in found] == ["2027-01-30", "2027-02-28", "2027-03-30", "2027-04-30"]


def test_a_yearly_review_on_29_february_is_not_skipped_in_common_years(run_pk, tmp_path):
    # due 2028-02-29 (2027-03-01 + 365 days)
    rule, found = review_dates(run_pk, tmp_path, "yearly", date(2027, 3, 1), date(2027, 3, 2), 3)
    assert "BYMONTH=2" in rule and "BYMONTHDAY=-1" in rule
    assert [d.isoformat() for d in found] == ["2028-02-29", "2029-02-28", "2030-02-28"]
