"""Events as an RFC 5545 iCalendar file, written by the ``icalendar`` library.

The library folds long lines and escapes text (commas, semicolons,
backslashes, newlines). ``DTSTAMP`` is the as-of date, so the same charter
on the same as-of date gives the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from partnerkit.core.version import __version__

PRODID = f"-//partnerkit//partnerkit {__version__}//EN"


def to_ical(events, name: str, as_of: date) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    stamp = datetime.combine(as_of, time(), timezone.utc)
    for e in events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.day)
        if e.day < date.max:
            ev.add("dtend", e.day + timedelta(days=1))
        ev.add("summary", e.summary)
        ev.add("description", e.description)
        ev.add("categories", [e.category])
        ev.add("transp", "TRANSPARENT")  # a date to keep, not time taken: it does not block the day
        if e.rrule:
            ev.add("rrule", e.rrule)
        cal.add_component(ev)
    return cal.to_ical()
