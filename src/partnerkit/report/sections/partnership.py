"""The partnership: its partners with sponsor and lead, and where it stands on its horizon."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from partnerkit.core.dates import months_between
from partnerkit.judge.timeline import horizon_end
from partnerkit.report.section import Context, Section
from partnerkit.report.text import href


@dataclass
class Person:
    name: str
    title: str | None
    email: str | None
    href: str | None


@dataclass
class Partner:
    id: str
    name: str
    sponsor: Person | None
    lead: Person | None
    gives: list[str]


@dataclass
class Horizon:
    month: int  # 0 before the start
    months: int
    end: date
    stage: str
    meaning: str

    @property
    def percent(self) -> int:
        return min(self.month * 100 // self.months, 100)


def person(p) -> Person | None:
    return None if p is None else Person(p.name, p.title, p.email, href(p.email))


def horizon(ch, as_of: date) -> Horizon:
    months, end = ch.horizon_months, horizon_end(ch)
    if as_of < ch.started:
        return Horizon(0, months, end, "not started",
                       f"The partnership starts on {ch.started.isoformat()}: nothing is judged yet.")
    month = months_between(ch.started, as_of) + 1
    if month > months:
        return Horizon(month, months, end, "past the horizon",
                       f"Past the {months}-month horizon ({end.isoformat()}): outcome metrics such as revenue, sales "
                       "and savings are now judged against their targets, alongside the interim metrics.")
    if month <= 12:
        return Horizon(month, months, end, "early",
                       "Early months: judge the partnership by its interim metrics, the actions and factors that lead "
                       f"to results. Outcome metrics are expected to lag until about month {months} ({end.isoformat()}); "
                       "a low outcome reading now is the expected lag, not a failure.")
    return Horizon(month, months, end, "building",
                   "Past the first year: interim metrics still lead, and outcome metrics should start to move; "
                   f"substantial results are expected by month {months} ({end.isoformat()}).")


@dataclass
class Partnership(Section):
    name: ClassVar[str] = "partnership"
    title: ClassVar[str] = "The partnership"
    reads: ClassVar[tuple[str, ...]] = ("partners", "started", "horizon_months")
    kind: str = ""
    phase: str = ""
    started: date | None = None
    review: tuple[str | None, date | None] | None = None  # (cadence, last)
    horizon: Horizon | None = None
    partners: list[Partner] = field(default_factory=list)

    @classmethod
    def of(cls, ctx: Context) -> "Partnership":
        ch = ctx.charter
        return cls(ch.kind, ch.phase, ch.started, (ch.review.cadence, ch.review.last) if ch.review else None,
                   horizon(ch, ctx.as_of),
                   [Partner(p.id, p.name, person(p.sponsor), person(p.lead), list(p.gives)) for p in ch.partners])
