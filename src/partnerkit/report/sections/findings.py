"""All findings, the same as ``partnerkit lint``, then the suppressed ones with their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from partnerkit.report.section import Context, Section

ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Row:
    code: str
    name: str
    severity: str
    message: str
    hint: str
    line: int
    col: int
    where: str  # the thing concerned, by id: "metric `M1`, reading 4"
    reason: str | None
    by: str


def row(f) -> Row:
    return Row(f.code, f.name, f.severity, f.message, f.hint, f.line, f.col, f.where, f.suppressed,
               f.suppressed_by or "")


@dataclass
class Findings(Section):
    name: ClassVar[str] = "findings"
    title: ClassVar[str] = "All findings"
    active: list[Row] = field(default_factory=list)
    suppressed: list[Row] = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @classmethod
    def of(cls, ctx: Context) -> "Findings":
        active = sorted(ctx.active, key=lambda f: (ORDER.get(f.severity, 3), f.code, f.line))
        return cls([row(f) for f in active], [row(f) for f in ctx.suppressed],
                   {s: sum(1 for f in active if f.severity == s) for s in ORDER})
