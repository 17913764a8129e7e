"""Metrics: interim first, each with its status, trend, change since the last report, forecast and chart.

Statuses, steps and forecasts come from :mod:`partnerkit.judge.metrics`; every number is rounded to the
metric's own precision (the most decimals its baseline, target and readings use).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from partnerkit.core.numbers import num
from partnerkit.judge import metrics as judge
from partnerkit.report import charts
from partnerkit.report.section import Context, Section

TONE = {
    "met": "good", "on track": "good", "early: expected lag": "calm", "stalled": "warn",
    "off track": "bad", "missed": "bad", "no data": "none", "at risk": "bad", "unclear": "bad", "no target": "none",
}


@dataclass
class Reading:
    date: date
    value: str
    note: str | None
    expected: str  # on the straight path at that date


@dataclass
class Metric:
    id: str
    name: str
    type: str
    unit: str | None
    direction: str
    owner: str | None
    baseline: str
    target: str
    latest: str
    latest_date: date | None
    due: date | None
    status: str
    step: str | None = None  # "▲ +1 since 2026-07-31, better"
    step_tone: str = "none"
    since: str | None = None  # with --since or --previous
    forecast: str | None = None  # "at this pace: 24 minutes by 2026-12-31, reaching the target"
    readings: list[Reading] = field(default_factory=list)
    chart: dict | None = None

    @property
    def tone(self) -> str:
        return TONE.get(self.status, "none")


def step_words(m, places: int) -> tuple[str | None, str]:
    s = judge.last_step(m)
    if s is None:
        return None, "none"
    if s.better is None:
        return f"= unchanged since {s.previous.date.isoformat()}", "none"
    arrow, sign = ("▲", "+") if s.change > 0 else ("▼", "-")
    word = "better" if s.better else "worse"
    return f"{arrow} {sign}{num(abs(s.change), places=places)} since {s.previous.date.isoformat()}, {word}", \
        "good" if s.better else "bad"


def forecast_words(m, as_of: date, places: int) -> str | None:
    f = judge.forecast(m, as_of)
    if f is None:
        return None
    if f.value is None:
        return f"At this pace: too few readings to forecast (a line needs two dates, {f.readings} so far)"
    text = f"At this pace: {num(f.value, m.unit, places=places)}"
    if m.target is not None:
        text += f" of {num(m.target, places=places)}"
    text += f" by {f.due.isoformat()}"
    if f.reaches is not None:
        text += ", reaching the target" if f.reaches else ", short of the target"
    return text + f" (a straight line through the last {f.readings} readings)"


def since_words(m, ctx: Context, places: int) -> str | None:
    c = ctx.changes.metrics.get(m.id) if ctx.changes is not None else None
    if c is None:
        return None
    if c.status_before == "new":
        return "New since the last report."
    values = f"{num(c.before, places=places)} → {num(c.after, m.unit, places=places)}"
    if c.before == c.after:
        values = f"no new reading ({num(c.after, m.unit, places=places)})"
    status = f"{c.status_before} → {c.status_after}" if c.status_before != c.status_after else f"still {c.status_after}"
    return f"Since the last report: {values}; {status}."


def metric(m, ctx: Context) -> Metric:
    ch, as_of = ctx.charter, ctx.as_of
    status = judge.status(m, ch, as_of, ctx.thresholds)
    places = judge.precision(m)
    last = judge.latest(m)
    step, step_tone = step_words(m, places)
    readings = [Reading(r.date, num(r.value, places=places), r.note,
                        num(judge.expected_at(m, ch.started, r.date), places=places)) for r in judge.readings(m)]
    return Metric(
        m.id, m.name, m.type, m.unit, judge.direction(m), ctx.name(m.owner),
        num(m.baseline, places=places), num(m.target, places=places), num(last.value, places=places) if last else "—",
        last.date if last else None, m.due, status, step, step_tone, since_words(m, ctx, places),
        forecast_words(m, as_of, places), readings,
        charts.metric_chart(m, ch.started, as_of, TONE.get(status, "none"), places))


@dataclass
class Metrics(Section):
    name: ClassVar[str] = "metrics"
    title: ClassVar[str] = "Metrics"
    reads: ClassVar[tuple[str, ...]] = ("metrics", "started", "horizon_months")
    metrics: list[Metric] = field(default_factory=list)

    def get(self, id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == id), None)

    @classmethod
    def of(cls, ctx: Context) -> "Metrics":
        ms = ctx.charter.metrics
        return cls([metric(m, ctx) for m in [m for m in ms if m.type == "interim"] + [m for m in ms if m.type != "interim"]])
