"""Health by lesson: the judge's status of each lesson (:mod:`partnerkit.judge.health`), in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from partnerkit.core.numbers import plural
from partnerkit.judge.health import health
from partnerkit.report.section import Context, Section
from partnerkit.rules.base import LESSONS

SHORT = {"V": "Vision, values and culture", "D": "Discovery", "M": "Interim metrics", "A": "Alignment",
         "C": "Community and commitment"}
TONE = {"healthy": "good", "watch": "warn", "at risk": "bad"}
SYMBOL = {"healthy": "✓", "watch": "!", "at risk": "✕"}


@dataclass
class Lesson:
    letter: str
    name: str
    lesson: str
    status: str
    text: str  # "1 error, 2 warnings"
    codes: list[str]
    urgent: int
    suppressed: int

    @property
    def tone(self) -> str:
        return TONE[self.status]

    @property
    def symbol(self) -> str:
        return SYMBOL[self.status]


def counts_text(counts: dict) -> str:
    words = [plural(counts[s], w) for s, w in (("error", "error"), ("warning", "warning"), ("info", "note"))
             if counts.get(s)]
    return ", ".join(words) or "no findings"


def lessons(ctx: Context) -> list[Lesson]:
    out = []
    for h in health(ctx.active, ctx.suppressed, ctx.concerns):
        text = counts_text(h.counts)
        if h.urgent:
            text += f"; {plural(h.urgent, 'urgent item')} to discuss"
        out.append(Lesson(h.letter, SHORT[h.letter], LESSONS[h.letter][1], h.status, text, list(h.codes),
                          h.urgent, h.suppressed))
    return out


@dataclass
class Health(Section):
    name: ClassVar[str] = "health"
    title: ClassVar[str] = "Health by lesson"
    lessons: list[Lesson] = field(default_factory=list)

    @classmethod
    def of(cls, ctx: Context) -> "Health":
        return cls(lessons(ctx))
