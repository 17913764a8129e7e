"""A portfolio: one compact row per charter, most urgent first, then each charter's report.

Rows are sorted by :func:`partnerkit.judge.verdict.urgency` (met kill
conditions, overdue decisions, missed metrics, then the rest); charters that
cannot be read come last, each as a row with its first error and position.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from partnerkit.core.numbers import plural
from partnerkit.judge.verdict import STATES
from partnerkit.report.build import TONE, Report, Verdict
from partnerkit.report.sections.agenda import AgendaItem
from partnerkit.report.sections.findings import Findings
from partnerkit.report.sections.health import Health, Lesson, counts_text


@dataclass
class Row:
    title: str
    link: str | None
    phase: str | None = None
    month: int | None = None
    months: int | None = None
    verdict: Verdict | None = None  # None: the charter cannot be read
    lessons: list[Lesson] = field(default_factory=list)
    findings: str = ""
    top: AgendaItem | None = None
    error: str | None = None  # why it cannot be read: its first error and position
    file: str = ""

    def letters(self, status: str) -> str:
        return " ".join(le.letter for le in self.lessons if le.status == status)


@dataclass
class Portfolio:
    title: str
    rows: list[Row]
    reports: list[Report]  # empty when each report has its own page

    @property
    def decide(self) -> int:
        return sum(1 for r in self.rows if r.verdict and r.verdict.needs_decision)

    @property
    def unreadable(self) -> int:
        return sum(1 for r in self.rows if r.verdict is None)

    @property
    def states(self) -> list[tuple[str, int]]:
        return [(s, n) for s in STATES if (n := sum(1 for r in self.rows if r.verdict and r.verdict.state == s))]

    @property
    def tone(self) -> str:
        """The headline's tone: its worst partnership's. Red when one needs a decision, cannot be read or is at
        risk; amber when one is to watch; green only when every one is on track."""
        if self.decide or self.unreadable:
            return "bad"
        states = self.states  # worst first
        return TONE[states[0][0]] if states else "good"

    @property
    def totals(self) -> str:
        """"1 of 2 partnerships needs a decision" and how the rest stand."""
        n = len(self.rows)
        text = f"{self.decide} of {plural(n, 'partnership')} {'needs' if self.decide == 1 else 'need'} a decision"
        rest = [f"{c} {s.lower()}" for s, c in self.states]
        if self.unreadable:
            rest.append(f"{self.unreadable} cannot be read")
        return text + (" · " + " · ".join(rest) if rest else "")


def page_names(reports: list[Report]) -> list[str]:
    """One file name per charter, from its id; unique even when ids repeat or differ only in case."""
    taken, out = set(), []
    for r in reports:
        base = r.id or "charter"
        base = base if base.lower() != "index" else "index-charter"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        out.append(name + ".html")
    return out


def first_error(result) -> str:
    """``E001 yaml-syntax at line 2, column 5: ...`` for a charter that cannot be read."""
    if result.error:
        return result.error
    f = next((f for f in result.active if f.code[0] == "E"), None)
    if f is None:
        return "not a charter"
    return f"{f.code} {f.name} at line {f.line}, column {f.col}: {f.message}"


def row(r: Report, link: str) -> Row:
    health = r.section(Health)
    findings = r.section(Findings)
    return Row(r.title, link, r.phase, r.month, r.months, r.verdict, health.lessons if health else [],
               counts_text(findings.counts) if findings else "", r.agenda[0] if r.agenda else None, file=r.file)


def portfolio(folder: str, reports: list[Report], links: list[str], broken=(), pages: bool = False) -> Portfolio:
    """The summary rows, most urgent first; with ``pages`` each report lives on its own page and the index holds
    only the summary. ``broken``: lint results of charters that cannot be read."""
    from partnerkit.judge.verdict import urgency

    rows = sorted((row(r, link) for r, link in zip(reports, links)), key=lambda x: urgency(x.verdict, x.title))
    rows += [Row(os.path.basename(b.path), None, error=first_error(b), file=b.path) for b in broken]
    order = {id(r): i for i, r in enumerate(sorted(reports, key=lambda r: urgency(r.verdict, r.title)))}
    name = os.path.basename(os.path.abspath(folder)) or folder
    return Portfolio(f"Partnerships in {name}", rows, [] if pages else sorted(reports, key=lambda r: order[id(r)]))
