"""Vision and values: the statement and who agreed to it, shared values, each partner's own values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from partnerkit.judge.values import is_shared, not_held, shared_keys
from partnerkit.report.section import Context, Section


@dataclass
class Value:
    id: str
    means: str | None
    in_crisis: str | None
    held_by: list[str]
    not_held: list[str]


@dataclass
class OwnValue:
    text: str
    shared: bool


@dataclass
class OwnValues:
    partner: str
    values: list[OwnValue]


@dataclass
class Vision(Section):
    name: ClassVar[str] = "vision"
    title: ClassVar[str] = "Vision and values"
    reads: ClassVar[tuple[str, ...]] = ("vision", "values", "partners", "governance")
    statement: str | None = None
    agreed_by: list[str] = field(default_factory=list)
    not_agreed: list[str] = field(default_factory=list)
    agreed_on: date | None = None
    values: list[Value] = field(default_factory=list)
    own: list[OwnValues] = field(default_factory=list)
    decisions: str | None = None
    change_protocol: str | None = None

    @classmethod
    def of(cls, ctx: Context) -> "Vision":
        ch, name = ctx.charter, ctx.name
        v, g = ch.vision, ch.governance
        agreed = list(v.agreed_by) if v else []
        shared = shared_keys(ch)
        return cls(
            v.statement if v else None, [name(p) for p in agreed],
            [p.name for p in ch.partners if p.id not in agreed], v.agreed_on if v else None,
            [Value(x.id, x.means, x.in_crisis, [name(p) for p in x.held_by], [name(p) for _, p in not_held(x, ch)])
             for x in ch.values],
            [OwnValues(p.name, [OwnValue(w, is_shared(w, ch, shared)) for w in p.values]) for p in ch.partners if p.values],
            g.decisions if g else None, g.change_protocol if g else None)
