"""Milestones and decisions: a timeline, and each gate with its owner, kill conditions and decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from partnerkit.judge import gates
from partnerkit.judge.timeline import horizon_end
from partnerkit.report import charts
from partnerkit.report.section import Context, Section
from partnerkit.report.sections.agenda import Condition, conditions, gate_facts

TONE = {"continue": "good", "pivot": "warn", "stop": "stop", "pending": "none", "overdue": "bad"}


@dataclass
class Gate:
    id: str
    name: str
    due: date
    owner: str
    conditions: list[Condition]
    fired: list[str]  # the evidence of each met kill condition
    decision: str
    decided_on: date | None
    rationale: str | None
    state: str  # pending, overdue, continue, pivot, stop
    state_text: str

    @property
    def tone(self) -> str:
        return "bad" if self.fired else TONE[self.state]


def gate(ms, ctx: Context) -> Gate:
    ch, as_of = ctx.charter, ctx.as_of
    late = gates.decision_overdue(ms, as_of)
    if ms.decision == "pending":
        state = "overdue" if late is not None else "pending"
        text = f"decision overdue by {late} days" if late is not None else "pending"
    else:
        state = ms.decision
        text = ms.decision + (f" (decided {ms.decided_on.isoformat()})" if ms.decided_on else "")
    fired = gates.fired(ms, ch, as_of)
    if fired:
        text = "kill condition met; " + text
    return Gate(ms.id, ms.name, ms.due, gate_facts(ms, ch, ctx.names)[0].text, conditions(ms, ch, as_of),
                [c.evidence() for c in fired], ms.decision, ms.decided_on, ms.rationale, state, text)


@dataclass
class Milestones(Section):
    name: ClassVar[str] = "milestones"
    title: ClassVar[str] = "Milestones and decisions"
    reads: ClassVar[tuple[str, ...]] = ("milestones", "metrics", "started", "horizon_months")
    gates: list[Gate] = field(default_factory=list)
    chart: dict | None = None

    def get(self, id: str) -> Gate | None:
        return next((g for g in self.gates if g.id == id), None)

    @classmethod
    def of(cls, ctx: Context) -> "Milestones":
        ch = ctx.charter
        rows = [gate(ms, ctx) for ms in sorted(ch.milestones, key=lambda m: m.due)]
        return cls(rows, charts.timeline(ch.started, ctx.as_of, horizon_end(ch), rows) if rows else None)
