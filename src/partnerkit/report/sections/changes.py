"""Changes since last time (``--since`` or ``--previous``): computed by :mod:`partnerkit.report.changes`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from partnerkit.report.section import Context, Section


@dataclass
class ChangeGroup:
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class MetricChange:
    """One metric then and now: its latest reading and its status."""

    before: float | None
    after: float | None
    status_before: str
    status_after: str


@dataclass
class Changes(Section):
    name: ClassVar[str] = "changes"
    title: ClassVar[str] = "Changes since last time"
    source: str = ""
    note: str | None = None
    groups: list[ChangeGroup] = field(default_factory=list)
    metrics: dict[str, MetricChange] = field(default_factory=dict)  # by metric id, for the metric cards

    @property
    def empty(self) -> bool:
        return not self.note and not any(g.items for g in self.groups)

    def group(self, title: str) -> list[str]:
        return next((g.items for g in self.groups if g.title == title), [])

    @classmethod
    def of(cls, ctx: Context) -> "Changes | None":
        return ctx.changes
