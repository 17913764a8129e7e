"""Milestone gates: decisions due, kill conditions agreed in advance, and whether one has fired."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerkit.core.numbers import num
from partnerkit.judge import metrics

OPEN = ("pending", "continue")  # decisions a fired kill condition still concerns


def has_kill_criteria(ms) -> bool:
    k = ms.kill_criteria
    if isinstance(k, str):
        return bool(k.strip())
    return bool(k)


def criteria(ms) -> list:
    """The kill criteria as a list: texts and conditions."""
    k = ms.kill_criteria
    if k is None:
        return []
    return [k] if isinstance(k, str) else list(k)


def conditions(ms) -> list[tuple[int, object]]:
    """``(index in kill_criteria, condition)`` for each condition on a metric."""
    k = ms.kill_criteria
    if not isinstance(k, list):
        return []
    return [(i, c) for i, c in enumerate(k) if not isinstance(c, str)]


def decision_overdue(ms, as_of: date) -> int | None:
    """C003's test: days a pending decision is past its due date, or None."""
    if ms.decision == "pending" and ms.due < as_of:
        return (as_of - ms.due).days
    return None


def unmeasurable(ms) -> bool:
    """C009's test: a pending gate with kill criteria, none of them a condition on a metric."""
    return ms.decision == "pending" and has_kill_criteria(ms) and not conditions(ms)


@dataclass(frozen=True)
class Check:
    """One kill condition judged at the as-of date."""

    milestone: object
    index: int  # in the milestone's kill_criteria
    condition: object
    metric: object | None  # None: the condition names no metric of the charter (E004)
    reading: object | None  # the metric's latest reading on or before the as-of date
    armed: bool  # False before the condition's `by` date
    holds: bool

    @property
    def sign(self) -> str:
        return ">" if self.condition.above is not None else "<"

    def evidence(self) -> str:
        """"ETA mean absolute error 31 minutes > 30 (2026-11-14): kill condition of G1 met"."""
        c, m, r = self.condition, self.metric, self.reading
        name = m.name if m is not None else c.metric
        unit = m.unit if m is not None else None
        if r is None:
            return f"{name}: no reading yet: kill condition of {self.milestone.id} ({self.wording()}) cannot be judged"
        verdict = "met" if self.holds else "not met"
        sign = self.sign if self.holds else ("≤" if self.sign == ">" else "≥")
        text = f"{name} {num(r.value, unit)} {sign} {num(c.bound)} ({r.date.isoformat()}): kill condition of {self.milestone.id} {verdict}"
        if not self.armed:
            text += f" (checked from {c.by.isoformat()})"
        return text

    def wording(self) -> str:
        """The condition as people read it: "ETA mean absolute error above 30 minutes from 2027-06-30"."""
        c, m = self.condition, self.metric
        name = f"{c.metric} {m.name}" if m is not None else c.metric
        text = f"{name} {c.comparison} {num(c.bound, m.unit if m is not None else None)}"
        return text + (f" from {c.by.isoformat()}" if c.by else "")


def check(ms, index: int, condition, ch, as_of: date) -> Check:
    metric = next((m for m in ch.metrics if m.id == condition.metric), None)
    reading = metrics.latest(metric, as_of) if metric is not None else None
    armed = condition.by is None or as_of >= condition.by
    holds = False
    if reading is not None and metrics.finite(reading.value):
        if condition.above is not None:
            holds = reading.value > condition.above + metrics.EPS
        else:
            holds = reading.value < condition.below - metrics.EPS
    return Check(ms, index, condition, metric, reading, armed, armed and holds)


def checks(ms, ch, as_of: date) -> list[Check]:
    """Every kill condition of a milestone, judged."""
    return [check(ms, i, c, ch, as_of) for i, c in conditions(ms)]


def fired(ms, ch, as_of: date) -> list[Check]:
    """C008's test: the kill conditions that hold, for a gate still ``pending`` or decided ``continue``."""
    if ms.decision not in OPEN:
        return []
    return [c for c in checks(ms, ch, as_of) if c.holds]


def owners(ms, ch) -> list[str]:
    """Who prepares the gate's decision: its ``owner`` when the charter names one, else the owners of the metrics
    its kill conditions name (in order, once each); [] when nobody is named."""
    own = getattr(ms, "owner", None)
    if own:
        return [own]
    found: list[str] = []
    for _, c in conditions(ms):
        m = next((m for m in ch.metrics if m.id == c.metric), None)
        if m is not None and m.owner and m.owner not in found:
            found.append(m.owner)
    return found
