"""Shared computations on a charter: used by the rules *and* the report.

Anything a rule and the report both need (a metric's status, the latest
pulse per partner and level, dates by cadence) is computed here once, so the
report can never disagree with lint.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta

from partnerkit.model import CADENCE_DAYS, Charter, Metric, Pulse
from partnerkit.rules.base import THRESHOLDS

EPS = 1e-9


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months; a result past year 9999 (or before year 1) stops there."""
    month = day.month - 1 + months
    year = day.year + month // 12
    if not date.min.year <= year <= date.max.year:
        return date.max if year > date.max.year else date.min
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end``: the largest n with ``add_months(start, n) <= end``.

    It is 0 during the first month of a partnership, so that month is "month 1".
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def cadence_days(cadence: str | None) -> int | None:
    return CADENCE_DAYS.get(cadence) if cadence else None


def horizon_end(ch: Charter) -> date:
    return add_months(ch.started, ch.horizon_months)


# --- metrics -----------------------------------------------------------------

def readings(m: Metric):
    """Readings in date order (stable for equal dates)."""
    return sorted(m.readings, key=lambda r: r.date)


def latest(m: Metric):
    rs = readings(m)
    return rs[-1] if rs else None


def finite(*values) -> bool:
    """True when every value is a real number (YAML allows .nan and .inf)."""
    return all(v is not None and math.isfinite(v) for v in values)


def reached(m: Metric, value: float) -> bool:
    if m.target is None or math.isnan(value):
        return False
    return value >= m.target - EPS if m.direction == "up" else value <= m.target + EPS


def expected_at(m: Metric, started: date, day: date) -> float | None:
    """The straight path from ``baseline`` at ``started`` to ``target`` at ``due``."""
    if not finite(m.baseline, m.target) or m.due is None or m.due <= started:
        return None
    share = (day - started).days / (m.due - started).days
    share = min(max(share, 0.0), 1.0)
    return m.baseline + (m.target - m.baseline) * share


def lag(m: Metric, started: date):
    """How far the latest reading trails its path, as a share of the baseline-to-target distance.

    Returns ``(share, expected, reading)`` or None when it cannot be computed.
    """
    last = latest(m)
    if last is None:
        return None
    expected = expected_at(m, started, last.date)
    if expected is None or m.target == m.baseline or not finite(last.value):
        return None
    distance = abs(m.target - m.baseline)
    behind = (expected - last.value) if m.direction == "up" else (last.value - expected)
    return behind / distance, expected, last


def _lagging(m: Metric, ch: Charter, as_of: date, threshold_pct: float):
    """Not yet due, not reached, and more than ``threshold_pct``% of the distance behind its path."""
    if m.due is None or as_of > m.due:
        return None
    got = lag(m, ch.started)
    if got is None or reached(m, got[2].value) or not got[0] > threshold_pct / 100 + EPS:
        return None
    return got


def off_track(m: Metric, ch: Charter, as_of: date, threshold_pct: float):
    """M008's test: None, or the lag tuple ``(share, expected, reading)`` when the metric is off track.

    Outcome metrics are judged only once the as-of date is past the horizon:
    before that, low outcome readings are the expected lag.
    """
    if m.type == "outcome" and as_of <= horizon_end(ch):
        return None
    return _lagging(m, ch, as_of, threshold_pct)


def missed(m: Metric, as_of: date) -> bool:
    """M009's test: due has passed and the latest reading has not reached the target."""
    if m.due is None or m.target is None or not as_of > m.due:
        return False
    last = latest(m)
    return last is None or not reached(m, last.value)


def stalled(m: Metric, count: int) -> bool:
    """M011's test: the last ``count`` readings of an interim metric made no progress toward its target.

    No progress: the latest of them is no closer to the target than the first
    (direction-aware), and the target is not reached.
    """
    if m.type != "interim" or m.target is None or count < 2:
        return False
    rs = readings(m)
    if len(rs) < count:
        return False
    window = rs[-count:]
    if reached(m, window[-1].value):
        return False
    gain = window[-1].value - window[0].value
    return gain <= EPS if m.direction == "up" else gain >= -EPS


def stale(m: Metric, ch: Charter, as_of: date, cadences: float):
    """M007's test: days since the latest reading (or the start), when more than ``cadences`` cadences."""
    days = cadence_days(m.cadence)
    if days is None:
        return None
    last = latest(m)
    since = last.date if last else ch.started
    age = (as_of - since).days
    return age if age > cadences * days else None


STATUSES = ("met", "missed", "off track", "stalled", "early: expected lag", "on track", "no data")


def metric_status(m: Metric, ch: Charter, as_of: date, thresholds: dict | None = None) -> str:
    """The report's status for a metric (one of STATUSES), computed with the rules' own tests.

    "missed" is exactly M009, "off track" M008 and "stalled" M011 (when no
    earlier status applies); "early: expected lag" is an outcome metric that
    would be off track but is judged before its horizon.
    """
    t = {**THRESHOLDS, **(thresholds or {})}
    last = latest(m)
    if missed(m, as_of):
        return "missed"
    if last is None:
        return "no data"
    if reached(m, last.value):
        return "met"
    if off_track(m, ch, as_of, t["off-track"]):
        return "off track"
    if stalled(m, int(t["stall-readings"])):
        return "stalled"
    if m.type == "outcome" and _lagging(m, ch, as_of, t["off-track"]):
        return "early: expected lag"
    return "on track"


# --- pulse -------------------------------------------------------------------

def latest_pulse(ch: Charter) -> dict[tuple[str, str], Pulse]:
    """For each (partner, level), its most recent pulse entry (a later entry wins a tie)."""
    out: dict[tuple[str, str], Pulse] = {}
    for p in ch.pulse:
        key = (p.partner, p.level)
        if key not in out or p.date >= out[key].date:
            out[key] = p
    return out


def pulse_index(ch: Charter, p: Pulse) -> int:
    for i, q in enumerate(ch.pulse):
        if q is p:
            return i
    return -1


def partner_means(ch: Charter) -> dict[str, dict[str, float]]:
    """Per partner and dimension: the latest scores of both levels, weighted by responses."""
    sums: dict[str, dict[str, list[float]]] = {}
    for (partner, _level), p in latest_pulse(ch).items():
        for dim, score in p.scores.items():
            acc = sums.setdefault(partner, {}).setdefault(dim, [0.0, 0.0])
            acc[0] += score * p.responses
            acc[1] += p.responses
    return {partner: {dim: s / n for dim, (s, n) in dims.items() if n} for partner, dims in sums.items()}


def review_due(ch: Charter) -> date | None:
    if not ch.review or not ch.review.cadence:
        return None
    last = ch.review.last or ch.started
    try:
        return last + timedelta(days=cadence_days(ch.review.cadence))
    except OverflowError:  # a review dated at the end of the calendar is never overdue
        return date.max
