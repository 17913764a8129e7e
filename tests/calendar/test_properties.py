"""Generated charters, valid and near-valid, through the calendar: no exception, a calendar that parses back.

Promises checked on every example: a charter the calendar can read gives an
iCalendar file that parses, whose UIDs are unique, whose every event is an
all-day event stamped with the as-of date, and the same input gives the same
bytes.
"""

from __future__ import annotations

from datetime import datetime, time, timezone

from hypothesis import HealthCheck, given, settings

from partnerkit.api import Options, lint_text
from partnerkit.calendar import events
from partnerkit.calendar.ics import to_ical
from partnerkit.commands.calendar import unreadable
from tests.calendar.helpers import parse
from tests.conftest import AS_OF
from tests.hardening.charters import charter_text, valid_charter_text

PROPERTY = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(valid_charter_text)
def test_valid_charters_give_a_calendar_that_parses(text):
    check(text)


@PROPERTY
@given(charter_text)
def test_near_valid_charters_give_a_calendar_or_are_refused(text):
    check(text)


def check(text: str) -> None:
    result = lint_text(text, "c.charter.yaml", Options(as_of=AS_OF))
    if unreadable(result):
        return
    data = to_ical(events([result], AS_OF), "t", AS_OF)
    assert to_ical(events([result], AS_OF), "t", AS_OF) == data
    found = list(parse(data).walk("VEVENT"))
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)
    stamp = datetime.combine(AS_OF, time(), timezone.utc)
    for e in found:
        assert e.decoded("DTSTAMP") == stamp
        assert not isinstance(e.decoded("DTSTART"), datetime)  # a date: all day
