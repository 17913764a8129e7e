"""What every output format shares: the run's facts, running counts, and the writer protocol.

Every format is a :class:`Writer`: it is given each file's result as soon as
that file is linted (``add``) and finishes the document at the end
(``close``), so output streams and memory does not grow with the number of
charters. ``render(results, info)`` is the same writer into a string.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO



@dataclass
class RunInfo:
    as_of: date
    show_suppressed: bool = False
    color: bool = False
    baselined: int = 0
    errors: list[str] = field(default_factory=list)


class Tally:
    """Counts by severity, suppressed and baselined, kept as results stream past."""

    __slots__ = ("files", "error", "warning", "info", "suppressed", "baselined")

    def __init__(self):
        self.files = self.error = self.warning = self.info = self.suppressed = self.baselined = 0

    def add(self, result) -> None:
        self.files += 1
        self.baselined += result.baselined
        for f in result.findings:
            if f.suppressed:
                self.suppressed += 1
            else:
                setattr(self, f.severity, getattr(self, f.severity) + 1)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    @property
    def active(self) -> int:
        return self.error + self.warning + self.info


def summary(results) -> dict:
    tally = Tally()
    for r in results:
        tally.add(r)
    return tally.as_dict()


def shown(result, info: RunInfo):
    return [f for f in result.findings if info.show_suppressed or not f.suppressed]


class Writer:
    """A format's writer: ``add`` each file's result as it finishes, ``error`` each path that could not be
    read, ``close`` at the end."""

    def __init__(self, out: TextIO, info: RunInfo):
        self.out, self.info = out, info
        self.tally = Tally()
        self.errors: list[str] = []

    def add(self, result) -> None:
        self.tally.add(result)

    def error(self, message: str) -> None:
        self.errors.append(message)

    def close(self) -> None:
        pass


def render_with(writer_class, results, info: RunInfo) -> str:
    """The whole document as a string (for tests, the report commands and small runs)."""
    out = io.StringIO()
    writer = writer_class(out, info)
    for message in info.errors:
        writer.error(message)
    for r in results:
        writer.add(r)
    writer.close()
    return out.getvalue()
