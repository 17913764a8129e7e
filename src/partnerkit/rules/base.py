"""What a rule is, the context it runs in, and the registry.

A rule is a pure function of the charter model and a :class:`Context` (the
as-of date and the thresholds) that yields :class:`Hit` objects naming data
paths. It carries its own docs; ``partnerkit rules`` and ``docs/rules.md``
are generated from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

LESSONS = {
    "E": ("file", "The file itself"),
    "V": ("vision", "1. A common vision, values and culture"),
    "D": ("discovery", "2. Don't cut the discovery phase short"),
    "M": ("metrics", "3. Interim metrics, not only outcomes"),
    "A": ("alignment", "4. Align, align and align again"),
    "C": ("community", "5. Be a community"),
    "S": ("suppressions", "Accountable suppressions"),
}

THRESHOLDS = {
    "confidence-gap": 0.3,
    "min-outcome-months": 12,
    "stale-cadences": 2,
    "off-track": 25,
    "stall-readings": 3,
    "max-metrics": 10,
    "pulse-gap": 1.0,
    "low-score": 3.0,
    "pulse-cadences": 2,
    "tension-cadences": 2,
    "max-bytes": 1_048_576,
}


@dataclass(frozen=True)
class Context:
    as_of: date
    thresholds: dict = field(default_factory=lambda: dict(THRESHOLDS))

    def t(self, name: str):
        return self.thresholds[name]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str  # one line, for the catalogue
    why: str
    fix: str
    example: str
    check: Callable | None = None  # None: reported by the loader or the engine

    @property
    def category(self) -> str:
        return self.code[0]

    @property
    def lesson(self) -> str:
        return LESSONS[self.category][1]

    @property
    def hint(self) -> str:
        return self.fix.strip().split("\n")[0]


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, summary: str, *, why: str, fix: str, example: str = ""):
    """Register a rule; use as a decorator on its check function (or call with check=None)."""

    def register(check: Callable[..., Iterable] | None):
        REGISTRY[code] = Rule(code, name, severity, summary, _dedent(why), _dedent(fix), _dedent(example), check)
        return check

    return register


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip()
