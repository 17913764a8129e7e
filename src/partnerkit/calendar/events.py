"""What a charter dates, as plain events: gates, hypotheses, metrics, the steering review, the pulse.

An event is data only (no iCalendar here): a stable UID, an all-day date, a
title, a description and, for the steering review, a recurrence rule. An
item whose date has passed but which is still to do also gets an event on
the as-of date, so it is not hidden in the past.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from partnerkit.calendar import describe as say
from partnerkit.calendar.dates import recurrence
from partnerkit.core.numbers import num
from partnerkit.core.text import visible
from partnerkit.judge.hypotheses import UNDECIDED
from partnerkit.judge.pulse import next_round
from partnerkit.judge.timeline import review_due

TITLE_CHARS = 80  # a hypothesis statement is cut to this many characters in an event's title


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str
    category: str
    rrule: dict | None = None


class _Charter:
    """One charter's events, with its findings at hand for the descriptions."""

    def __init__(self, result, as_of: date, portfolio: bool):
        self.ch, self.path, self.as_of = result.charter, result.path, as_of
        self.findings = result.active
        # in a portfolio, an item's title names its partnership (the review's and the pulse's always do)
        self.suffix = f" · {self.ch.title}" if portfolio else ""
        self.events: list[Event] = []

    def add(self, item: str, kind: str, day: date, summary: str, details: list[str], places: list[tuple],
            rrule: dict | None = None) -> None:
        """An event, and its overdue twin on the as-of date when ``day`` has passed.

        Its description lists the active findings whose data path starts with one of ``places``.
        """
        found = [say.finding(f, self.path) for f in self.findings if any(f.path[:len(p)] == p for p in places)]
        text = "\n".join([self.ch.title, *details, *say.section("Open findings", found),
                          f"Charter: {self.path}"])
        uid = ".".join([self.ch.id, *([item] if item else []), kind])
        event = Event(f"{uid}@partnerkit", day, visible(summary), visible(text), kind.capitalize(), rrule)
        self.events.append(event)
        if day < self.as_of:
            self.events.append(replace(event, uid=f"{uid}-overdue@partnerkit", day=self.as_of, rrule=None,
                                       summary=f"{event.summary} (overdue since {day})",
                                       description=f"Overdue since {day}.\n{event.description}"))

    def gates(self) -> None:
        for i, m in enumerate(self.ch.milestones):
            if m.decision != "pending":
                continue
            details = [f"Go / no-go gate {m.id}: {m.name}", f"Decision due {m.due}: continue, pivot or stop.",
                       *say.section("Kill criteria", say.kill_criteria(m, self.ch, self.as_of)), *_notes(m)]
            title = f"Gate {m.id}: {m.name} — decide{self.suffix}"
            self.add(m.id, "gate", m.due, title, details, [("milestones", i)])

    def hypotheses(self) -> None:
        for i, h in enumerate(self.ch.hypotheses):
            if h.status not in UNDECIDED or h.due is None:
                continue
            details = [f"Hypothesis {h.id}: {h.statement}",
                       f"Status: {h.status}; due {h.due}; owner: {h.owner or 'none'}"]
            if h.test:
                details.append(f"Test: {h.test}")
            if h.success:
                details.append(f"Success: {h.success}")
            if h.confidence:
                details.append("Confidence: " + ", ".join(f"{p} {num(v)}" for p, v in h.confidence.items()))
            if h.evidence:
                last = max(h.evidence, key=lambda e: e.date)
                details.append(f"Latest evidence ({last.date}): {last.note or '(no note)'}")
            title = f"Hypothesis {h.id} due: {_short(h.statement)}{self.suffix}"
            self.add(h.id, "hypothesis", h.due, title, details + _notes(h), [("hypotheses", i)])

    def metrics(self) -> None:
        for i, m in enumerate(self.ch.metrics):
            if m.due is None or m.due < self.as_of:  # a passed due date is lint's business (M009), not the calendar's
                continue
            unit = f" {m.unit}" if m.unit else ""
            target = f" — target {num(m.target)}{unit}" if m.target is not None else ""
            details = [f"{m.type.capitalize()} metric {m.id}: {m.name}; owner: {m.owner or 'none'}"]
            if m.target is not None:
                base = f" (baseline {num(m.baseline)}{unit})" if m.baseline is not None else ""
                details.append(f"Target: {num(m.target)}{unit} by {m.due}{base}")
            if m.readings:
                last = max(m.readings, key=lambda r: r.date)
                details.append(f"Latest reading: {num(last.value)}{unit} on {last.date}")
            if m.tracks:
                details.append("Tracks: " + ", ".join(m.tracks))
            title = f"Metric {m.id} due: {m.name}{target}{self.suffix}"
            self.add(m.id, "metric", m.due, title, details + _notes(m), [("metrics", i)])

    def review(self) -> None:
        due = review_due(self.ch)
        if due is None:
            return
        review = self.ch.review
        last = f"last held {review.last}" if review.last else f"none held yet since the start ({self.ch.started})"
        details = [f"Steering review, {review.cadence}; {last}.",
                   "After the meeting, record its date in `review.last`."]
        self.add("", "review", due, f"Steering review: {self.ch.title}", details, [("review",)],
                 rrule=recurrence(review.cadence, due))

    def pulse(self) -> None:
        due = next_round(self.ch)
        if due is None:
            return
        feedback = self.ch.governance.feedback
        last = max((p.date for p in self.ch.pulse), default=None)
        latest = f"latest round {last}." if last else "no round recorded yet."
        details = [f"Pulse survey round, {feedback.cadence}; {latest}"]
        if feedback.mechanism:
            details.append(f"Mechanism: {feedback.mechanism}")
        self.add("", "pulse", due, f"Pulse survey round: {self.ch.title}", details,
                 [("pulse",), ("governance", "feedback")])


def _notes(item) -> list[str]:
    return [f"Notes: {item.notes}"] if item.notes else []


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rstrip() + "…"


def charter_events(result, as_of: date, portfolio: bool = False) -> list[Event]:
    """Every event of one readable charter (``result.charter`` set), in the charter's order."""
    c = _Charter(result, as_of, portfolio)
    c.gates()
    c.hypotheses()
    c.metrics()
    c.review()
    c.pulse()
    return c.events
