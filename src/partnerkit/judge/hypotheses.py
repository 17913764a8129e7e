"""Discovery: hypotheses past due, and partners who see them differently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerkit.judge.metrics import EPS

UNDECIDED = ("open", "testing")


def overdue(h, as_of: date) -> int | None:
    """D004's test: days a hypothesis still open or testing is past its due date, or None."""
    if h.due is not None and h.due < as_of and h.status in UNDECIDED:
        return (as_of - h.due).days
    return None


@dataclass(frozen=True)
class Gap:
    high: tuple[str, float]
    low: tuple[str, float]

    @property
    def size(self) -> float:
        return self.high[1] - self.low[1]


def confidence_gap(h, ch, limit: float) -> Gap | None:
    """D005's test: the highest and lowest partner confidence when they differ by ``limit`` or more."""
    partners = {p.id for p in ch.partners}
    stated = [(pid, c) for pid, c in h.confidence.items() if pid in partners]
    if len(stated) < 2:
        return None
    gap = Gap(max(stated, key=lambda pc: pc[1]), min(stated, key=lambda pc: pc[1]))
    return gap if gap.size >= limit - EPS else None
