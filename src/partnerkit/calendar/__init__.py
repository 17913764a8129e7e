"""``partnerkit calendar``: what charters date, as an iCalendar (RFC 5545) file.

:func:`events` turns lint results into events: one all-day event per pending
gate, open hypothesis due date, metric due date ahead, the next steering
review (recurring at the review cadence) and the next pulse round;
:func:`partnerkit.calendar.ics.to_ical` writes them. The ``icalendar``
library is imported only there, never by other commands.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from partnerkit.calendar.events import Event, charter_events

__all__ = ["Event", "events"]


def events(results, as_of: date, portfolio: bool = False) -> list[Event]:
    """The events of every readable charter in ``results``, each with a UID no other event has.

    In a ``portfolio`` every title names its partnership.
    """
    out, seen = [], set()
    for result in results:
        for event in charter_events(result, as_of, portfolio):
            out.append(_unique(event, seen))
    return out


def _unique(event: Event, seen: set) -> Event:
    """A repeated UID (two charters with one id, two items with one id) gets ``-2``, ``-3``... in order."""
    local, _, domain = event.uid.partition("@")
    uid, n = event.uid, 1
    while uid in seen:
        n += 1
        uid = f"{local}-{n}@{domain}"
    seen.add(uid)
    return event if uid == event.uid else replace(event, uid=uid)
