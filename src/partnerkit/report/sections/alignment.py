"""Alignment: the latest pulse as a heatmap (dimension × partner and level), gaps and low scores flagged in words
and outline, the gaps between partners, and the trend of each dimension over the rounds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from partnerkit.core.numbers import num
from partnerkit.judge import pulse as judge
from partnerkit.report import charts
from partnerkit.report.section import Context, Section

DIMENSIONS = ("vision", "values", "priorities", "trust", "communication", "feedback")
LEVELS = ("executive", "execution")


@dataclass
class Cell:
    score: float
    gap: bool  # a level gap (A009) on this partner and dimension
    low: bool  # a low score (A011)

    @property
    def fill(self) -> str:
        return charts.score_fill(self.score)

    @property
    def flags(self) -> str:
        return ", ".join(w for w, on in (("level gap", self.gap), ("low", self.low)) if on)


@dataclass
class PulseRow:
    """One partner and level in the latest pulse."""

    partner: str  # id
    name: str
    level: str
    date: date
    responses: int
    cells: list[Cell | None]  # one per dimension


@dataclass
class PartnerGap:
    dim: str
    high: str
    low: str
    diff: str
    high_score: str
    low_score: str


@dataclass
class Trend:
    rounds: list[date]
    rows: list[tuple[date, list[str]]]
    chart: dict | None


@dataclass
class Alignment(Section):
    name: ClassVar[str] = "alignment"
    title: ClassVar[str] = "Alignment"
    reads: ClassVar[tuple[str, ...]] = ("pulse", "partners")
    dims: list[str] = field(default_factory=list)
    grid: list[PulseRow] = field(default_factory=list)
    partner_gaps: list[PartnerGap] = field(default_factory=list)
    level_gaps: int = 0
    low_scores: int = 0
    gap: str = ""
    low: str = ""
    latest_date: date | None = None
    trend: Trend | None = None

    @property
    def partners(self) -> list[tuple[str, list[PulseRow]]]:
        """The grid's rows grouped by partner, in order."""
        out: list[tuple[str, list[PulseRow]]] = []
        for row in self.grid:
            if out and out[-1][0] == row.name:
                out[-1][1].append(row)
            else:
                out.append((row.name, [row]))
        return out

    @classmethod
    def of(cls, ctx: Context) -> "Alignment | None":
        ch, th = ctx.charter, ctx.thresholds
        if not ch.pulse:
            return cls()
        latest = judge.latest_pulse(ch)
        level_flags = {(g.partner, g.dim) for g in judge.level_gaps(ch, th["pulse-gap"])}
        low_flags = {(x.partner, x.level, x.dim) for x in judge.low_scores(ch, th["low-score"])}
        seen = {d for p in latest.values() for d in p.scores}
        dims = [d for d in DIMENSIONS if d in seen] + sorted(seen - set(DIMENSIONS))
        grid = []
        for partner in judge.partner_order(ch):
            for level in LEVELS:
                p = latest.get((partner, level))
                if p is None:
                    continue
                cells = [Cell(p.scores[d], (partner, d) in level_flags, (partner, level, d) in low_flags)
                         if d in p.scores else None for d in dims]
                grid.append(PulseRow(partner, ctx.name(partner), level, p.date, p.responses, cells))
        gaps = [PartnerGap(g.dim, ctx.name(g.high[0]), ctx.name(g.low[0]), num(g.gap), num(g.high[1]), num(g.low[1]))
                for g in judge.partner_gaps(ch, th["pulse-gap"])]
        return cls(dims, grid, gaps, sum(1 for r in grid for c in r.cells if c and c.gap) // 2,
                   sum(1 for r in grid for c in r.cells if c and c.low), num(th["pulse-gap"]), num(th["low-score"]),
                   max(p.date for p in latest.values()), trend(ch, dims))


def trend(ch, dims: list[str]) -> Trend:
    rounds = sorted({p.date for p in ch.pulse})
    series: dict[str, list] = {}
    for d in dims:
        values = []
        for r in rounds:
            entries = [p for p in ch.pulse if p.date == r and d in p.scores]
            weight = sum(p.responses for p in entries)
            values.append(sum(p.scores[d] * p.responses for p in entries) / weight if weight else None)
        series[d] = values
    rows = [(r, [num(series[d][i]) for d in dims]) for i, r in enumerate(rounds)]
    return Trend(rounds, rows, charts.trend_chart(rounds, series) if len(rounds) > 1 else None)
