"""What a rule is, the context it runs in, and the registry.

A rule is a pure function of the charter model and a :class:`Context` (the
as-of date and the thresholds) that yields :class:`Hit` objects naming data
paths. It carries everything users see about it: code, name, severity,
lesson, summary, why, fix, example, the thresholds it reads (with their
defaults) and the top-level sections of the charter it reads. ``partnerkit
rules``, ``docs/rules.md``, SARIF rule help and editor hovers are generated
from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from partnerkit.core.numbers import num

LESSONS = {
    "E": ("file", "The file itself"),
    "V": ("vision", "1. A common vision, values and culture"),
    "D": ("discovery", "2. Don't cut the discovery phase short"),
    "M": ("metrics", "3. Interim metrics, not only outcomes"),
    "A": ("alignment", "4. Align, align and align again"),
    "C": ("community", "5. Be a community"),
    "S": ("suppressions", "Accountable suppressions"),
}

# Every threshold with its default, filled as the rules that use them are registered.
THRESHOLDS: dict[str, float] = {}
THRESHOLD_USERS: dict[str, list[str]] = {}
EVERYTHING = "*"  # a rule reading the whole charter


@dataclass(frozen=True)
class Context:
    as_of: date
    thresholds: dict = field(default_factory=lambda: dict(THRESHOLDS))

    def t(self, name: str):
        return self.thresholds[name]


_PLACEHOLDER = re.compile(r"\[([a-z-]+)\]")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    template: str  # one line, for the catalogue; ``[threshold-name]`` shows the threshold's default
    why: str
    fix: str
    example: str
    check: Callable | None = None  # None: reported by the loader or the engine
    reads: tuple[str, ...] = (EVERYTHING,)  # top-level sections of the charter the check reads
    thresholds: tuple[str, ...] = ()
    fixable: bool = False

    @property
    def summary(self) -> str:
        return _PLACEHOLDER.sub(lambda m: f"[{num(THRESHOLDS[m.group(1)])}]" if m.group(1) in THRESHOLDS else m.group(0),
                                self.template)

    @property
    def category(self) -> str:
        return self.code[0]

    @property
    def lesson(self) -> str:
        return LESSONS[self.category][1]

    @property
    def hint(self) -> str:
        return self.fix.strip().split("\n")[0]

    def can_run(self, set_aside: Iterable[str]) -> bool:
        """Whether the check reads none of the sections set aside for schema errors."""
        gone = set(set_aside)
        return not gone or (EVERYTHING not in self.reads and not gone.intersection(self.reads))


REGISTRY: dict[str, Rule] = {}


def declare_threshold(name: str, default: float, user: str) -> None:
    """Register a threshold and its default; two users of one threshold must agree on it."""
    if name in THRESHOLDS and THRESHOLDS[name] != default:
        raise ValueError(f"threshold {name}: default {default} differs from {THRESHOLDS[name]}")
    THRESHOLDS[name] = default
    THRESHOLD_USERS.setdefault(name, []).append(user)


def rule(code: str, name: str, severity: str, summary: str, *, why: str, fix: str, example: str = "",
         reads: Iterable[str] = (EVERYTHING,), thresholds: dict | None = None, fixable: bool = False):
    """Register a rule; use as a decorator on its check function (or call with check=None)."""
    for threshold, default in (thresholds or {}).items():
        declare_threshold(threshold, default, code)

    def register(check: Callable[..., Iterable] | None):
        REGISTRY[code] = Rule(code, name, severity, summary, _dedent(why), _dedent(fix), _dedent(example), check,
                              tuple(reads), tuple(thresholds or ()), fixable)
        return check

    return register


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip()
