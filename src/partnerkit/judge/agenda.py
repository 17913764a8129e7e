"""The steering agenda: what a meeting must take up, most pressing first, and which of it is urgent.

Six groups, in this order (docs/report.md, "To discuss"), because each blocks
the ones after it:

1. ``decide``: met kill conditions (C008), then gate decisions past due (C003);
2. ``unblock``: open tensions, neglected ones (A014) first, then the oldest;
3. ``correct``: metrics missed (M009), off track (M008), outcomes behind near
   their due date (M014), stalled interim metrics (M011);
4. ``replan``: hypotheses past due and still open or testing (D004);
5. ``realign``: alignment gaps in the latest pulse, one item per kind (A010, A009, A011), each with its findings;
6. ``fix``: any other error, schema errors included.

An item is **urgent** when it is a met kill condition, an overdue decision, a
metric missed, off track or behind near its due date, a neglected tension, or
when the finding behind it is an error. Lesson health
(:mod:`partnerkit.judge.health`) and the overall verdict
(:mod:`partnerkit.judge.verdict`) follow these urgent items, so the report,
the portfolio and anything else agree on what needs attention.

Items 1 to 4 come from the charter itself (an open tension is on the agenda
whether or not a rule flags it); alignment gaps and errors come from the
active findings, so a suppressed finding does not appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerkit.judge import gates, hypotheses, metrics, tensions

GROUPS = ("decide", "unblock", "correct", "replan", "realign", "fix")
LESSON = {"decide": "C", "unblock": "A", "correct": "M", "replan": "D", "realign": "A"}  # fix: the rule's letter
# Rules whose findings the groups 1 to 5 already show.
COVERED = frozenset({"C003", "C008", "D004", "A014", "A009", "A010", "A011", "M008", "M009", "M011", "M014"})
METRIC_ORDER = {"missed": 0, "off track": 1, "at risk": 2, "stalled": 3}
METRIC_CODE = {"missed": "M009", "off track": "M008", "at risk": "M014", "stalled": "M011"}
URGENT_METRIC = frozenset({"missed", "off track", "at risk"})
# The charter sections each kind of item reads: none is judged while one of them is set aside.
READS = {
    "kill": ("milestones", "metrics"), "decision": ("milestones",), "tension": ("tensions", "review"),
    "metric": ("metrics",), "hypothesis": ("hypotheses",),
}


@dataclass(frozen=True)
class Concern:
    """One item of the agenda, as the judge sees it; the report puts it into words."""

    group: str  # one of GROUPS
    kind: str  # kill, decision, tension, metric, hypothesis, finding
    lesson: str  # V, D, M, A or C; "" for the file itself (E rules)
    code: str  # the rule reporting it, "" when none does (an open tension no rule flags)
    urgent: bool
    item: object = None  # the milestone, tension, metric or hypothesis concerned
    finding: object = None  # the finding behind it, when there is one
    check: object = None  # a met kill condition (gates.Check)
    status: str = ""  # a metric's status
    days: int = 0  # days overdue (decisions, hypotheses) or open (tensions)
    lag: object = None  # how far a metric trails its path (metrics.Lag)
    findings: tuple = ()  # every finding an item gathers (alignment gaps of one kind)

    @property
    def count(self) -> int:
        """How many things the item stands for: each gathered finding counts."""
        return len(self.findings) or 1


def _finding(active, code: str, prefix: tuple):
    for f in active:
        if f.code == code and tuple(f.path[:len(prefix)]) == prefix:
            return f
    return None


def _error(f) -> bool:
    return f is not None and f.severity == "error"


def concerns(ch, active, as_of: date, thresholds: dict, set_aside=()) -> list[Concern]:
    """The agenda, most pressing first. ``active``: the charter's findings that are not suppressed."""
    gone = set(set_aside)

    def can(kind: str) -> bool:
        return not gone.intersection(READS[kind])

    items: list[Concern] = []
    if can("kill"):
        items += _kills(ch, active, as_of)
    if can("decision"):
        items += _decisions(ch, active, as_of)
    if can("tension"):
        items += _tensions(ch, active, as_of, thresholds)
    if can("metric"):
        items += _metrics(ch, active, as_of, thresholds, timed=not gone.intersection(("started", "horizon_months")))
    if can("hypothesis"):
        items += _hypotheses(ch, active, as_of)
    items += _alignment(active) + _errors(active)
    return items


def _kills(ch, active, as_of: date) -> list[Concern]:
    out = []
    for i, ms in enumerate(ch.milestones):
        for check in gates.fired(ms, ch, as_of):
            f = _finding(active, "C008", ("milestones", i, "kill_criteria", check.index))
            out.append(Concern("decide", "kill", LESSON["decide"], "C008", True, ms, f, check))
    return out


def _decisions(ch, active, as_of: date) -> list[Concern]:
    late = [(i, ms, gates.decision_overdue(ms, as_of)) for i, ms in enumerate(ch.milestones)]
    late = sorted(((i, ms, d) for i, ms, d in late if d is not None), key=lambda x: x[1].due)
    return [Concern("decide", "decision", LESSON["decide"], "C003", True, ms, _finding(active, "C003", ("milestones", i)), days=d)
            for i, ms, d in late]


def _tensions(ch, active, as_of: date, th: dict) -> list[Concern]:
    found = []
    for i, t in enumerate(ch.tensions):
        if t.status != "open":
            continue
        neglected = tensions.neglected(t, ch, as_of, th["tension-cadences"])
        f = _finding(active, "A014", ("tensions", i))
        found.append((not neglected, t.raised, i, Concern(
            "unblock", "tension", LESSON["unblock"], "A014" if neglected else "", neglected or _error(f), t, f,
            days=(as_of - t.raised).days)))
    return [c for *_, c in sorted(found, key=lambda x: x[:3])]


def _status(m, ch, as_of: date, th: dict, timed: bool) -> str | None:
    """The metric's status; without the start or the horizon (set aside), only what needs neither: missed, stalled."""
    if timed:
        return metrics.status(m, ch, as_of, th)
    if metrics.missed(m, as_of):
        return "missed"
    return "stalled" if metrics.stalled(m, int(th["stall-readings"])) else None


def _metrics(ch, active, as_of: date, th: dict, timed: bool = True) -> list[Concern]:
    found = []
    for i, m in enumerate(ch.metrics):
        status = _status(m, ch, as_of, th, timed)
        if status not in METRIC_ORDER:
            continue
        got = metrics.lag(m, ch.started) if timed else None
        code = METRIC_CODE[status]
        f = _finding(active, code, ("metrics", i))
        urgent = status in URGENT_METRIC or _error(f)
        found.append(((METRIC_ORDER[status], m.type != "interim", -(got.share if got else 0), i),
                      Concern("correct", "metric", LESSON["correct"], code, urgent, m, f, status=status, lag=got)))
    return [c for _, c in sorted(found, key=lambda x: x[0])]


def _hypotheses(ch, active, as_of: date) -> list[Concern]:
    late = [(i, h, hypotheses.overdue(h, as_of)) for i, h in enumerate(ch.hypotheses)]
    late = sorted(((i, h, d) for i, h, d in late if d is not None), key=lambda x: x[1].due)
    out = []
    for i, h, d in late:
        f = _finding(active, "D004", ("hypotheses", i))
        out.append(Concern("replan", "hypothesis", LESSON["replan"], "D004", _error(f), h, f, days=d))
    return out


def _alignment(active) -> list[Concern]:
    out = []
    for code in ("A010", "A009", "A011"):
        found = tuple(f for f in active if f.code == code)
        if found:
            out.append(Concern("realign", "finding", LESSON["realign"], code, any(_error(f) for f in found), finding=found[0],
                               findings=found))
    return out


def _errors(active) -> list[Concern]:
    return [Concern("fix", "finding", f.code[0] if f.code[0] in "VDMAC" else "", f.code, True, finding=f)
            for f in active if f.severity == "error" and f.code not in COVERED]
