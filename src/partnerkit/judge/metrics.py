"""Metric verdicts: direction, progress along the path, and the status the report shows.

Each test here is exactly one rule's: ``direction_conflict`` is M013,
``stale`` M007, ``off_track`` M008, ``missed`` M009, ``stalled`` M011 and
``due_soon`` M014; :func:`status` composes them for the report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from partnerkit.core.dates import cadence_days
from partnerkit.judge.timeline import horizon_end

EPS = 1e-9


def finite(*values) -> bool:
    """True when every value is a real number (YAML allows .nan and .inf)."""
    return all(v is not None and math.isfinite(v) for v in values)


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
    return sorted(m.readings, key=lambda r: r.date)


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
