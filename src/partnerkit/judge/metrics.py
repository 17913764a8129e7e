"""Metric verdicts: direction, progress along the path, and the status the report shows.

Each test here is exactly one rule's: ``direction_conflict`` is M013,
``stale`` M007, ``off_track`` M008, ``missed`` M009, ``stalled`` M011 and
``due_soon`` M014; :func:`status` composes them for the report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from partnerkit.core.dates import cadence_days
from partnerkit.judge.timeline import horizon_end

EPS = 1e-9


def finite(*values) -> bool:
    """True when every value is a real number (YAML allows .nan and .inf)."""
    for v in values:  # a loop, not all(): every rule about metrics asks, many times per charter
        if v is None or not math.isfinite(v):
            return False
    return True


# --- direction -------------------------------------------------------------------

def inferred_direction(m) -> str:
    """What the numbers say: ``down`` when the target is below the baseline, otherwise ``up``."""
    if finite(m.baseline, m.target) and m.target < m.baseline:
        return "down"
    return "up"


def direction(m) -> str:
    """The direction progress is measured in: the declared one, else the inferred one."""
    return m.direction or inferred_direction(m)


def direction_conflict(m) -> bool:
    """M013's test: a declared direction that the baseline and target contradict."""
    if m.direction is None or not finite(m.baseline, m.target) or m.target == m.baseline:
        return False
    return m.direction != inferred_direction(m)


# --- readings and the path ---------------------------------------------------------

def readings(m):
    """Readings in date order (stable for equal dates)."""
    return sorted(m.readings, key=_DATE)


_DATE = attrgetter("date")


def latest(m, as_of: date | None = None):
    """The latest reading (dated on or before ``as_of`` when given), or None."""
    rs = readings(m)
    if as_of is not None:
        rs = [r for r in rs if r.date <= as_of]
    return rs[-1] if rs else None


def reached(m, value: float) -> bool:
    if m.target is None or not finite(value):
        return False
    return value >= m.target - EPS if direction(m) == "up" else value <= m.target + EPS


def expected_at(m, started: date, day: date) -> float | None:
    """The straight path from ``baseline`` at ``started`` to ``target`` at ``due``."""
    if not finite(m.baseline, m.target) or m.due is None or m.due <= started:
        return None
    share = (day - started).days / (m.due - started).days
    share = min(max(share, 0.0), 1.0)
    return m.baseline + (m.target - m.baseline) * share


@dataclass(frozen=True)
class Lag:
    """How far the latest reading trails its path, as a share of the baseline-to-target distance."""

    share: float
    expected: float
    reading: object


def lag(m, started: date) -> Lag | None:
    last = latest(m)
    if last is None:
        return None
    expected = expected_at(m, started, last.date)
    if expected is None or m.target == m.baseline or not finite(last.value):
        return None
    distance = abs(m.target - m.baseline)
    behind = (expected - last.value) if direction(m) == "up" else (last.value - expected)
    return Lag(behind / distance, expected, last)


def _lagging(m, ch, as_of: date, threshold_pct: float) -> Lag | None:
    """Not yet due, not reached, and more than ``threshold_pct``% of the distance behind its path."""
    if m.due is None or as_of > m.due or direction_conflict(m):
        return None
    got = lag(m, ch.started)
    if got is None or reached(m, got.reading.value) or not got.share > threshold_pct / 100 + EPS:
        return None
    return got


def before_horizon(m, ch, as_of: date) -> bool:
    """An outcome metric judged before the horizon: low readings are the expected lag."""
    return m.type == "outcome" and as_of <= horizon_end(ch)


def off_track(m, ch, as_of: date, threshold_pct: float) -> Lag | None:
    """M008's test: the lag when the metric is off track, else None.

    Outcome metrics are judged only once the as-of date is past the horizon.
    """
    if before_horizon(m, ch, as_of):
        return None
    return _lagging(m, ch, as_of, threshold_pct)


def due_soon(m, ch, as_of: date, threshold_pct: float, days: float) -> Lag | None:
    """M014's test: an outcome metric due within ``days``, not yet due, lagging as M008 measures it.

    The horizon's allowance for lagging outcomes ends when the metric's own
    deadline is near. Past the horizon M008 already reports it.
    """
    if m.type != "outcome" or m.due is None or (m.due - as_of).days > days or not before_horizon(m, ch, as_of):
        return None
    return _lagging(m, ch, as_of, threshold_pct)


def missed(m, as_of: date) -> bool:
    """M009's test: due has passed and the latest reading has not reached the target."""
    if m.due is None or m.target is None or not as_of > m.due or direction_conflict(m):
        return False
    last = latest(m)
    return last is None or not reached(m, last.value)


def stalled(m, count: int) -> bool:
    """M011's test: the last ``count`` readings of an interim metric made no progress toward its target.

    No progress: the latest of them is no closer to the target than the first
    (direction-aware), and the target is not reached.
    """
    if m.type != "interim" or m.target is None or count < 2 or direction_conflict(m):
        return False
    rs = readings(m)
    if len(rs) < count:
        return False
    window = rs[-count:]
    if reached(m, window[-1].value):
        return False
    gain = window[-1].value - window[0].value
    return gain <= EPS if direction(m) == "up" else gain >= -EPS


def stale(m, ch, as_of: date, cadences: float) -> int | None:
    """M007's test: days since the latest reading (or the start), when more than ``cadences`` cadences."""
    days = cadence_days(m.cadence)
    if days is None:
        return None
    last = latest(m)
    since = last.date if last else ch.started
    age = (as_of - since).days
    return age if age > cadences * days else None


# --- the status the report shows ------------------------------------------------------

STATUSES = ("unclear", "missed", "no target", "no data", "met", "off track", "at risk", "stalled",
            "early: expected lag", "on track")
PROBLEMS = frozenset(("unclear", "missed", "off track", "at risk", "stalled"))  # what a finding flags


def status(m, ch, as_of: date, thresholds: dict) -> str:
    """The metric's status (one of STATUSES), from the rules' own tests.

    "unclear" is M013, "missed" M009, "off track" M008, "at risk" M014 and
    "stalled" M011, in that order of precedence; "early: expected lag" is an
    outcome metric behind its path before the horizon and not yet near its
    due date.
    """
    t = thresholds
    if direction_conflict(m):
        return "unclear"
    if missed(m, as_of):
        return "missed"
    if m.target is None:
        return "no target"
    last = latest(m)
    if last is None:
        return "no data"
    if reached(m, last.value):
        return "met"
    if off_track(m, ch, as_of, t["off-track"]):
        return "off track"
    if due_soon(m, ch, as_of, t["off-track"], t["due-soon-days"]):
        return "at risk"
    if stalled(m, int(t["stall-readings"])):
        return "stalled"
    if m.type == "outcome" and _lagging(m, ch, as_of, t["off-track"]):
        return "early: expected lag"
    return "on track"


# --- where it is heading -----------------------------------------------------------------

RECENT = 4  # the readings a forecast draws its line through
MAX_DECIMALS = 4


def decimals(value) -> int:
    """How many decimals a number is written with: 3 -> 0, 29.5 -> 1, 0.25 -> 2 (at most MAX_DECIMALS)."""
    if not finite(value):
        return 0
    text = f"{float(value):.{MAX_DECIMALS}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def precision(m) -> int:
    """The metric's own precision: the most decimals its baseline, target and readings use."""
    values = [m.baseline, m.target] + [r.value for r in m.readings]
    return max((decimals(v) for v in values if v is not None), default=0)


@dataclass(frozen=True)
class Step:
    """The latest reading against the one before it."""

    previous: object
    latest: object
    change: float
    better: bool | None  # in the metric's direction; None when unchanged or the direction is unclear


def last_step(m, as_of: date | None = None) -> Step | None:
    rs = [r for r in readings(m) if (as_of is None or r.date <= as_of) and finite(r.value)]
    if len(rs) < 2:
        return None
    before, last = rs[-2], rs[-1]
    change = last.value - before.value
    better = None
    if abs(change) > EPS and not direction_conflict(m):
        better = (change > 0) == (direction(m) == "up")
    return Step(before, last, change, better)


@dataclass(frozen=True)
class Forecast:
    """Where the metric will stand at its due date at the current pace: a straight line through recent readings."""

    due: date
    value: float | None  # None: too few readings to draw a line
    readings: int  # how many readings the line goes through
    reaches: bool | None  # whether that reaches the target; None without a target or a clear direction


def forecast(m, as_of: date) -> Forecast | None:
    """The least-squares line through the last RECENT readings on or before ``as_of``, read at ``due``.

    None when there is nothing to forecast: no due date, or the due date has passed (the status says met or
    missed). Fewer than two reading dates give a forecast without a value. A metric whose numbers are all
    zero or more is never forecast below zero.
    """
    if m.due is None or as_of > m.due:
        return None
    rs = [r for r in readings(m) if r.date <= as_of and finite(r.value)][-RECENT:]
    if len({r.date for r in rs}) < 2:
        return Forecast(m.due, None, len(rs), None)
    origin = rs[0].date
    xs = [(r.date - origin).days for r in rs]
    ys = [r.value for r in rs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    value = my + slope * ((m.due - origin).days - mx)
    if not math.isfinite(value):
        return Forecast(m.due, None, len(rs), None)
    if all(v >= 0 for v in [m.baseline, m.target, *ys] if finite(v)):
        value = max(value, 0.0)
    reaches = None if m.target is None or direction_conflict(m) else reached(m, value)
    return Forecast(m.due, value, len(rs), reaches)
