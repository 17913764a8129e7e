"""To discuss: the judge's agenda (:mod:`partnerkit.judge.agenda`) in words, decisions first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from partnerkit.core.numbers import num, plural
from partnerkit.judge import gates, metrics
from partnerkit.report.section import Context, Section

LABELS = {"decide": "Decide", "unblock": "Unblock", "correct": "Course-correct", "replan": "Re-plan",
          "realign": "Realign", "fix": "Fix the charter"}


@dataclass
class Fact:
    label: str
    text: str


@dataclass
class Condition:
    """A gate's kill criterion: a text, or a condition on a metric with its latest reading."""

    text: str
    state: str  # "met", "not met", "not yet checked", "no reading", "not judged"; "" for a text criterion
    evidence: str = ""


@dataclass
class AgendaItem:
    rank: int
    group: str
    lesson: str  # V, D, M, A or C; "" for the file itself
    label: str  # "Decide"
    urgent: bool
    code: str
    subject: str  # "G1 Pilot go / no-go"
    status: str  # "decision overdue by 31 days"; "" for an item straight from a finding
    text: str
    facts: list[Fact] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    points: list[str] = field(default_factory=list)  # what an item gathers: each alignment gap
    detail: str = ""

    @property
    def tone(self) -> str:
        return "bad" if self.urgent else "warn"


def conditions(ms, ch, as_of, set_aside=()) -> list[Condition]:
    out = []
    for i, c in enumerate(gates.criteria(ms)):
        if isinstance(c, str):
            out.append(Condition(c, ""))
            continue
        if "metrics" in set_aside:
            out.append(Condition(f"{c.metric} {c.comparison} {num(c.bound)}", "not judged",
                                 "the metrics are set aside for schema errors"))
            continue
        check = gates.check(ms, i, c, ch, as_of)
        if check.reading is None:
            state, evidence = "no reading", "no reading yet"
        else:
            m = check.metric
            value = num(check.reading.value, m.unit if m else None, places=metrics.precision(m) if m else 2)
            state = "met" if check.holds else ("not yet checked" if not check.armed else "not met")
            evidence = f"{value} on {check.reading.date.isoformat()}"
        out.append(Condition(check.wording(), state, evidence))
    return out


def gate_facts(ms, ch, names) -> list[Fact]:
    own = gates.owners(ms, ch)
    if getattr(ms, "owner", None):
        who = names.get(own[0], own[0])
    elif own:
        metric_ids = [c.metric for _, c in gates.conditions(ms)]
        who = ", ".join(names.get(p, p) for p in own) + f" (owns {', '.join(dict.fromkeys(metric_ids))})"
    else:
        who = "owner not named"
    return [Fact("Owner", who), Fact("Due", ms.due.isoformat())]


def _value(m, value) -> str:
    return num(value, m.unit, places=metrics.precision(m))


def item(rank: int, c, ctx: Context) -> AgendaItem:
    ch, as_of = ctx.charter, ctx.as_of
    it = AgendaItem(rank, c.group, c.lesson, LABELS[c.group], c.urgent, c.code, "", "", "")
    if c.kind == "kill":
        ms = c.item
        it.subject, it.status = f"{ms.id} {ms.name}", "kill condition met"
        it.text = c.check.evidence() + "."
        it.facts, it.conditions = gate_facts(ms, ch, ctx.names), conditions(ms, ch, as_of, ctx.set_aside)
        it.detail = "The partners agreed in advance that this is when to decide whether to stop or pivot."
    elif c.kind == "decision":
        ms = c.item
        it.subject, it.status = f"{ms.id} {ms.name}", f"decision overdue by {plural(c.days, 'day')}"
        it.text = f"The go / no-go was due on {ms.due.isoformat()} and is still pending."
        it.facts, it.conditions = gate_facts(ms, ch, ctx.names), conditions(ms, ch, as_of, ctx.set_aside)
        if not it.conditions:
            it.detail = "No kill criteria were agreed."
    elif c.kind == "tension":
        t = c.item
        it.subject = f"{t.id}: {t.issue or 'tension'}"
        it.status = f"open {plural(c.days, 'day')}" + (", neglected" if c.code else "")
        it.text = f"Raised by {ctx.name(t.by)} on {t.raised.isoformat()}." if t.by else f"Raised on {t.raised.isoformat()}."
        it.facts = [Fact("Owner", ctx.name(t.owner) or "no owner")]
    elif c.kind == "metric":
        _metric(it, c, ctx)
    elif c.kind == "hypothesis":
        h = c.item
        it.subject, it.status = f"{h.id}: {h.statement}", f"overdue by {plural(c.days, 'day')}"
        it.text = f"Due on {h.due.isoformat()}, still {h.status}."
        conf = ", ".join(f"{ctx.name(p)} {num(v)}" for p, v in h.confidence.items())
        if conf:
            it.text += f" Confidence: {conf}."
        it.facts = [Fact("Owner", ctx.name(h.owner) or "no owner")]
        it.detail = "Validate, invalidate or revise it with the evidence so far, or agree a new date."
    elif len(c.findings) > 1:
        from partnerkit.rules import REGISTRY

        rule = REGISTRY[c.code]
        it.subject = f"{rule.name.replace('-', ' ').capitalize()}s"
        it.text = f"{len(c.findings)} in the latest pulse."
        it.points = [f.message for f in c.findings]
        it.detail = rule.hint
    else:
        f = c.finding
        it.subject = f.name.replace("-", " ").capitalize()
        it.text, it.detail = f.message, f.hint
    return it


def _metric(it: AgendaItem, c, ctx: Context) -> None:
    m, status = c.item, c.status
    it.subject, it.status = f"{m.id} {m.name}", f"{status} ({m.type})"
    last = metrics.latest(m)
    if status == "missed":
        have = f"{_value(m, last.value)} on {last.date.isoformat()}" if last else "no reading"
        it.text = f"Target {_value(m, m.target)} was due on {m.due.isoformat()}; latest: {have}."
    elif status in ("off track", "at risk"):
        got = c.lag
        it.text = (f"{_value(m, got.reading.value)} on {got.reading.date.isoformat()}, where the path to "
                   f"{_value(m, m.target)} by {m.due.isoformat()} expected {_value(m, got.expected)}: "
                   f"{round(got.share * 100)}% of the distance behind.")
        ahead = metrics.forecast(m, ctx.as_of)
        if ahead is not None and ahead.value is not None:
            it.text += f" At this pace: {_value(m, ahead.value)} by {ahead.due.isoformat()}."
    else:
        n = int(ctx.thresholds["stall-readings"])
        values = ", ".join(num(r.value, places=metrics.precision(m)) for r in metrics.readings(m)[-n:])
        it.text = f"No progress over the last {n} readings ({values}): time for a pivot-or-persevere conversation."
    it.facts = [Fact("Owner", ctx.name(m.owner) or "no owner")] + ([Fact("Due", m.due.isoformat())] if m.due else [])


@dataclass
class Agenda(Section):
    name: ClassVar[str] = "agenda"
    title: ClassVar[str] = "To discuss"
    items: list[AgendaItem] = field(default_factory=list)

    @property
    def urgent(self) -> int:
        return sum(1 for i in self.items if i.urgent)

    @classmethod
    def of(cls, ctx: Context) -> "Agenda":
        return cls([item(rank, c, ctx) for rank, c in enumerate(ctx.concerns, 1)])
