"""One charter's report as typed data: the verdict, then each section, computed once for both formats.

Every status comes from :mod:`partnerkit.judge`, the code the rules use, so
the report never disagrees with ``partnerkit lint``. Values from the charter
stay plain strings here; the templates escape them.

Adding a section: a data class in ``report/sections/`` (a subclass of
:class:`~partnerkit.report.section.Section` with ``name``, ``title``,
``reads`` and ``of``), its place in :data:`SECTIONS`, and two templates,
``templates/report/sections/<name>.html.j2`` and ``<name>.md.j2``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from partnerkit.core.dates import months_between
from partnerkit.judge.agenda import concerns
from partnerkit.judge.verdict import verdict as judge_verdict
from partnerkit.report.section import Context, Section, SetAside
from partnerkit.report.sections.agenda import Agenda
from partnerkit.report.sections.alignment import Alignment
from partnerkit.report.sections.changes import Changes
from partnerkit.report.sections.findings import Findings
from partnerkit.report.sections.health import Health
from partnerkit.report.sections.hypotheses import Hypotheses
from partnerkit.report.sections.metrics import Metrics
from partnerkit.report.sections.milestones import Milestones
from partnerkit.report.sections.partnership import Partnership
from partnerkit.report.sections.vision import Vision

# In order: the brief (agenda, health, changes) first, then the detail.
SECTIONS: tuple[type[Section], ...] = (Agenda, Health, Changes, Partnership, Vision, Hypotheses, Metrics, Alignment,
                                       Milestones, Findings)
TONE = {"At risk": "bad", "Watch": "warn", "On track": "good"}
SYMBOL = {"At risk": "▲", "Watch": "●", "On track": "✓"}


@dataclass
class Verdict:
    state: str
    parts: tuple[str, ...]  # what makes it, most pressing first
    needs_decision: bool
    counts: dict

    @property
    def reason(self) -> str:
        return ", ".join(self.parts)

    @property
    def short(self) -> str:
        """The reason's first part, for a portfolio row: the charter's own page has it all."""
        more = len(self.parts) - 1
        return self.parts[0] + (f" and {more} more" if more > 0 else "")

    @property
    def tone(self) -> str:
        return TONE[self.state]

    @property
    def symbol(self) -> str:
        return SYMBOL[self.state]


@dataclass
class Banner:
    """A charter with errors in the file itself: what was set aside, which rules could not run."""

    errors: int
    set_aside: list[str]
    skipped: list[str]


@dataclass
class Report:
    id: str
    anchor: str  # the prefix of the page's element ids; unique within a portfolio
    file: str
    title: str
    as_of: date
    phase: str | None
    month: int | None  # of the horizon, 0 before the start; None when unknown
    months: int | None
    verdict: Verdict
    banner: Banner | None
    sections: list[Section] = field(default_factory=list)

    def section(self, kind: type[Section] | str):
        """The section of this class or name, or None."""
        name = kind if isinstance(kind, str) else kind.name
        return next((s for s in self.sections if getattr(s, "name", None) == name and not isinstance(s, SetAside)),
                    None)

    @property
    def agenda(self) -> list:
        agenda = self.section(Agenda)
        return agenda.items if agenda else []


def _default_thresholds() -> dict:
    from partnerkit.rules import thresholds

    return thresholds()


def _banner(result) -> Banner | None:
    errors = [f for f in result.active if f.code[0] == "E"]
    if not errors and not result.set_aside:
        return None
    return Banner(len(errors), list(result.set_aside), [code for code, _ in result.skipped])


def build(result, as_of: date, changes: Changes | None = None) -> Report:
    """The report of a linted charter (``result.charter`` is not None: sections may be set aside)."""
    ch = result.charter
    gone = tuple(result.set_aside)
    th = result.settings.thresholds if result.settings else _default_thresholds()
    names = {p.id: p.name for p in ch.partners} if "partners" not in gone else {}
    found = concerns(ch, result.active, as_of, th, gone)
    ctx = Context(result, ch, as_of, th, names, found, changes, gone)
    v = judge_verdict(found, result.active, gone)
    sections: list[Section] = []
    for kind in SECTIONS:
        blocked = [s for s in kind.reads if s in gone]
        if blocked:
            sections.append(SetAside(kind.name, kind.title, blocked))
            continue
        made = kind.of(ctx)
        if made is not None:
            sections.append(made)
    month = months = None
    if "started" not in gone and "horizon_months" not in gone:
        month = 0 if as_of < ch.started else months_between(ch.started, as_of) + 1
        months = ch.horizon_months
    title = ch.title or ch.id or os.path.basename(result.path)
    return Report(ch.id or "", ch.id or "", result.path, title, as_of, ch.phase, month, months,
                  Verdict(v.state, v.parts, v.needs_decision, v.counts), _banner(result), sections)
