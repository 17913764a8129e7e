"""Health by lesson, following the agenda.

For each lesson (V, D, M, A, C), over the findings that are not suppressed:

* **at risk**: the lesson holds an urgent agenda item (:mod:`partnerkit.judge.agenda`) or an error, whatever its
  count of warnings: a 31-day-overdue go / no-go puts "Be a community" at risk on its own;
* **watch**: it holds a warning, or an agenda item a rule reports (a stalled metric, an alignment gap);
* **healthy**: neither (information notes alone do not change it, nor does an open tension no rule flags).
"""

from __future__ import annotations

from dataclasses import dataclass

LETTERS = ("V", "D", "M", "A", "C")
STATUSES = ("at risk", "watch", "healthy")


@dataclass(frozen=True)
class Health:
    letter: str
    status: str  # one of STATUSES
    counts: dict  # severity -> active findings of this lesson
    codes: tuple[str, ...]  # the rules behind them
    urgent: int  # urgent agenda items of this lesson
    suppressed: int


def status_of(errors: int, warnings: int, urgent: int = 0, flagged: int = 0) -> str:
    """The rule above, from counts: errors and warnings found, urgent and flagged (rule-reported) agenda items."""
    if errors or urgent:
        return "at risk"
    if warnings or flagged:
        return "watch"
    return "healthy"


def health(active, suppressed, concerns) -> list[Health]:
    """The five lessons, in order. ``concerns``: the agenda (:func:`partnerkit.judge.agenda.concerns`)."""
    out = []
    for letter in LETTERS:
        mine = [f for f in active if f.code[0] == letter]
        items = [c for c in concerns if c.lesson == letter]
        counts = {s: sum(1 for f in mine if f.severity == s) for s in ("error", "warning", "info")}
        urgent = sum(1 for c in items if c.urgent)
        flagged = sum(1 for c in items if c.code)
        out.append(Health(letter, status_of(counts["error"], counts["warning"], urgent, flagged), counts,
                          tuple(sorted({f.code for f in mine})), urgent,
                          sum(1 for f in suppressed if f.code[0] == letter)))
    return out
