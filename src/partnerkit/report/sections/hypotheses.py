"""Hypotheses: a board by status with each partner's confidence; overdue ones and confidence gaps marked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from partnerkit.judge import hypotheses as judge
from partnerkit.report.section import Context, Section

STATUS_ORDER = ("open", "testing", "validated", "invalidated", "revised")


@dataclass
class Confidence:
    partner: str
    value: float | None

    @property
    def pct(self) -> int:
        return round(self.value * 100) if self.value is not None else 0


@dataclass
class Card:
    id: str
    statement: str
    owner: str | None
    due: date | None
    overdue: bool
    days_overdue: int
    test: str | None
    success: str | None
    revised_into: str | None
    confidence: list[Confidence]
    gap: bool
    evidence: int
    last_evidence: tuple[date, str | None] | None


@dataclass
class Column:
    status: str
    cards: list[Card]


@dataclass
class Hypotheses(Section):
    name: ClassVar[str] = "hypotheses"
    title: ClassVar[str] = "Hypotheses"
    reads: ClassVar[tuple[str, ...]] = ("hypotheses", "partners")
    partners: list[str] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # statuses no hypothesis has
    count: int = 0

    def card(self, id: str) -> Card | None:
        return next((c for col in self.columns for c in col.cards if c.id == id), None)

    @classmethod
    def of(cls, ctx: Context) -> "Hypotheses":
        ch, as_of = ctx.charter, ctx.as_of
        partners = [p.id for p in ch.partners]
        columns = []
        for status in STATUS_ORDER:
            cards = []
            for h in (h for h in ch.hypotheses if h.status == status):
                late = judge.overdue(h, as_of)
                last = max(h.evidence, key=lambda e: e.date) if h.evidence else None
                cards.append(Card(
                    h.id, h.statement, ctx.name(h.owner), h.due, late is not None, late or 0, h.test, h.success,
                    h.revised_into, [Confidence(ctx.name(p), h.confidence.get(p)) for p in partners],
                    judge.confidence_gap(h, ch, ctx.thresholds["confidence-gap"]) is not None, len(h.evidence),
                    (last.date, last.note) if last else None))
            columns.append(Column(status, cards))
        return cls([ctx.name(p) for p in partners], [c for c in columns if c.cards],
                   [c.status for c in columns if not c.cards], len(ch.hypotheses))
