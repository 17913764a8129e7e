"""What every section of a report is built from, and what a section is.

A section is a data class with a ``name`` (its templates are
``templates/report/sections/<name>.html.j2`` and ``.md.j2``), a ``title``
(its heading), the charter sections it ``reads``, and a class method ``of``
that builds it from the :class:`Context` (or returns None when it has nothing
to show). :data:`partnerkit.report.build.SECTIONS` lists them in order.

A section that reads a part of the charter set aside for schema errors is
replaced by :class:`SetAside`, which says so: it never shows as fine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar


@dataclass
class Context:
    """One linted charter and everything the sections share."""

    result: object  # the lint FileResult
    charter: object
    as_of: date
    thresholds: dict
    names: dict[str, str]  # partner id -> name
    concerns: list  # the agenda as the judge sees it (judge.agenda.Concern)
    changes: object = None  # report.changes.Changes, with --since or --previous
    set_aside: tuple[str, ...] = ()

    @property
    def active(self) -> list:
        return self.result.active

    @property
    def suppressed(self) -> list:
        return self.result.suppressed

    def name(self, partner: str | None) -> str | None:
        return self.names.get(partner, partner) if partner else None


class Section:
    name: ClassVar[str]
    title: ClassVar[str]
    reads: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def of(cls, ctx: Context):  # pragma: no cover - every section defines it
        raise NotImplementedError


@dataclass
class SetAside(Section):
    """A section that cannot be shown: part of what it reads is set aside for schema errors."""

    name: ClassVar[str] = "set_aside"
    of_name: str
    of_title: str
    sections: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:  # type: ignore[override]
        return self.of_title
