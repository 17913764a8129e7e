"""The overall verdict on a partnership, with its reason: "At risk: 1 decision overdue, 1 metric missed".

* **At risk** when the agenda holds an urgent item (:mod:`partnerkit.judge.agenda`), or sections of the charter are
  set aside for schema errors (what cannot be read cannot be called fine);
* **Watch** when it holds a warning, or an agenda item a rule reports;
* **On track** otherwise.

The reason counts what makes the verdict, most pressing first. A partnership **needs a decision** when a kill
condition is met or a gate decision is overdue; portfolios sort by :func:`urgency`.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerkit.core.numbers import plural

STATES = ("At risk", "Watch", "On track")
# (kind of item, how it is counted), in the order the reason names them.
URGENT_WORDS = (
    ("kill", ("kill condition met", "kill conditions met")),
    ("decision", ("decision overdue", "decisions overdue")),
    ("missed", ("metric missed", "metrics missed")),
    ("off track", ("metric off track", "metrics off track")),
    ("at risk", ("outcome behind near its due date", "outcomes behind near their due dates")),
    ("tension", ("tension neglected", "tensions neglected")),
    ("error", ("error in the charter", "errors in the charter")),
)
WATCH_WORDS = (
    ("stalled", ("metric stalled", "metrics stalled")),
    ("hypothesis", ("hypothesis overdue", "hypotheses overdue")),
    ("realign", ("alignment gap", "alignment gaps")),
    ("warning", ("other warning", "other warnings")),
)


WORDS = URGENT_WORDS + WATCH_WORDS


@dataclass(frozen=True)
class Verdict:
    state: str  # one of STATES
    parts: tuple[str, ...]  # ("1 decision overdue", "1 metric missed")
    counts: dict  # kind of item -> how many: the WORDS keys

    @property
    def reason(self) -> str:
        return ", ".join(self.parts)

    @property
    def needs_decision(self) -> bool:
        return bool(self.counts.get("kill") or self.counts.get("decision"))

    @property
    def text(self) -> str:
        return f"{self.state}: {self.reason}"


def kind(c) -> str:
    """What a concern counts as in the reason: a WORDS key."""
    if c.kind == "metric":
        return c.status
    if c.kind == "finding":
        return "realign" if c.group == "realign" else "error"
    return c.kind


def verdict(concerns, active, set_aside=()) -> Verdict:
    """The verdict on one charter from its agenda, its active findings and the sections set aside."""
    counts: dict[str, int] = {}
    urgent: set[str] = set()
    for c in concerns:
        if c.urgent or c.code:
            counts[kind(c)] = counts.get(kind(c), 0) + c.count
            if c.urgent:
                urgent.add(kind(c))
    shown = {id(f) for c in concerns for f in (c.findings or (c.finding,)) if f is not None}
    others = sum(1 for f in active if f.severity == "warning" and id(f) not in shown)
    if others:
        counts["warning"] = others
    parts = [plural(counts[k], *w) for k, w in WORDS if k in urgent]
    if set_aside:
        parts.append(f"{_and(list(set_aside))} set aside for schema errors")
    if parts:
        return Verdict("At risk", tuple(parts), counts)
    parts = [plural(counts[k], *w) for k, w in WORDS if counts.get(k)]
    if parts:
        return Verdict("Watch", tuple(parts), counts)
    return Verdict("On track", ("nothing pressing",), counts)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def urgency(v: Verdict, title: str = "") -> tuple:
    """A sort key, most urgent first: met kill conditions, overdue decisions, missed metrics, then the rest."""
    c = v.counts
    return (-c.get("kill", 0), -c.get("decision", 0), -c.get("missed", 0), STATES.index(v.state),
            -sum(c.values()), title.lower())
