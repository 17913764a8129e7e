"""The shared computations: metric status (as the report shows it), dates, pulse.

The report's status of a metric and the M rules must never disagree; the
sweep at the end checks that over many variants of the healthy example.
"""

from __future__ import annotations

import copy
import itertools
from datetime import date

import pytest
from ruamel.yaml import YAML

from partnerkit import analysis
from partnerkit.api import load
from partnerkit.model import Charter
from partnerkit.rules import REGISTRY, THRESHOLDS, Context, all_rules
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

BASE = YAML(typ="safe", pure=True).load(HEALTHY.read_text())


def charter(**metric0) -> Charter:
    """The healthy example with its first metric (mt-fields, interim, 0 -> 30 by 2027-06-30) changed."""
    data = copy.deepcopy(BASE)
    data["metrics"][0].update(metric0)
    return Charter.model_validate(data)


def status(ch: Charter, i: int = 0, as_of: date = AS_OF, thresholds=None) -> str:
    return analysis.metric_status(ch.metrics[i], ch, as_of, thresholds)


def test_spec_example_statuses():
    ch = load(str(SPEC_EXAMPLE), AS_OF)
    assert [status(ch, i) for i in range(3)] == ["missed", "on track", "early: expected lag"]


def test_healthy_statuses():
    ch = load(str(HEALTHY), AS_OF)
    assert [status(ch, i) for i in range(4)] == ["on track", "on track", "on track", "early: expected lag"]


# Half way from started (2025-09-01) to due (2027-09-01) is 2026-09-01.
HALF = {"baseline": 0, "target": 100, "due": date(2027, 9, 1)}


@pytest.mark.parametrize("changes,expected", [
    ({"readings": [{"date": date(2026, 10, 31), "value": 30}]}, "met"),
    ({"readings": [{"date": date(2026, 10, 31), "value": 31}], "due": date(2026, 10, 31)}, "met"),
    ({"due": date(2026, 10, 31)}, "missed"),
    ({"due": date(2026, 10, 31), "readings": []}, "missed"),
    ({"readings": []}, "no data"),
    ({**HALF, "readings": [{"date": date(2026, 9, 1), "value": 24.9}]}, "off track"),
    ({**HALF, "readings": [{"date": date(2026, 9, 1), "value": 25}]}, "on track"),
    ({**HALF, "direction": "down", "baseline": 100, "target": 0,
      "readings": [{"date": date(2026, 9, 1), "value": 76}]}, "off track"),
    ({**HALF, "direction": "down", "baseline": 100, "target": 0,
      "readings": [{"date": date(2026, 9, 1), "value": 24}]}, "on track"),
    ({"readings": [{"date": date(2026, 8, 31), "value": 19}, {"date": date(2026, 9, 30), "value": 20},
                   {"date": date(2026, 10, 31), "value": 19}]}, "stalled"),
    ({"type": "outcome", "readings": [{"date": date(2026, 10, 31), "value": 0}]}, "early: expected lag"),
], ids=["met", "met-on-due", "missed", "missed-no-reading", "no-data", "off-track", "exactly-25%", "down-off-track",
        "down-ahead", "stalled", "early-outcome"])
def test_status(changes, expected):
    assert status(charter(**changes)) == expected


def test_the_same_outcome_reading_is_off_track_after_the_horizon():
    ch = charter(type="outcome", readings=[{"date": date(2026, 10, 31), "value": 0}])
    assert status(ch) == "early: expected lag"
    late = ch.model_copy(update={"horizon_months": 12})
    assert status(late) == "off track"


def test_thresholds_may_be_partial_or_absent():
    ch = charter(**HALF, readings=[{"date": date(2026, 9, 1), "value": 24.9}])
    assert status(ch, thresholds=None) == "off track"
    assert status(ch, thresholds={"off-track": 30}) == "on track"
    stalled = charter(readings=[{"date": date(2026, 9, 30), "value": 19}, {"date": date(2026, 10, 31), "value": 19}])
    assert status(stalled) == "on track"
    assert status(stalled, thresholds={"stall-readings": 2}) == "stalled"


def test_odd_numbers_do_not_crash_or_mislead():
    nan = charter(readings=[{"date": date(2026, 10, 31), "value": float("nan")}])
    assert status(nan) == "on track"
    inf = charter(target=float("inf"))
    assert status(inf) == "on track"
    flat = charter(baseline=30, readings=[{"date": date(2026, 10, 31), "value": 0}])
    assert status(flat) == "on track"


def test_a_reached_target_is_never_off_track_even_when_direction_disagrees():
    # direction up with a target below the baseline: 12 has reached 10 "up" but trails the path (about 21.6).
    ch = charter(baseline=42, target=10, readings=[{"date": date(2026, 10, 31), "value": 12}])
    assert status(ch) == "met"
    assert analysis.off_track(ch.metrics[0], ch, AS_OF, 25) is None


# --- the report's status and the rules agree ------------------------------------

def fired(ch: Charter, as_of: date, code: str) -> set[int]:
    all_rules()
    ctx = Context(as_of, dict(THRESHOLDS))
    return {hit.path[1] for hit in REGISTRY[code].check(ch, ctx) if hit.path[:1] == ("metrics",)}


VALUES = (0, 8, 14, 19, 30, 40)
DUES = (date(2026, 10, 31), date(2026, 11, 15), date(2027, 6, 30))
AS_OFS = (date(2026, 11, 15), date(2027, 1, 31))


@pytest.mark.parametrize("kind,direction,horizon", list(itertools.product(("interim", "outcome"), ("up", "down"), (12, 36))))
def test_status_and_rules_never_disagree(kind, direction, horizon):
    ends = {"up": (0, 30), "down": (40, 10)}[direction]
    for first, last, due, as_of in itertools.product(VALUES, VALUES, DUES, AS_OFS):
        ch = charter(type=kind, direction=direction, baseline=ends[0], target=ends[1], due=due,
                     readings=[{"date": date(2026, 8, 31), "value": first}, {"date": date(2026, 9, 30), "value": first},
                               {"date": date(2026, 10, 31), "value": last}])
        ch = ch.model_copy(update={"horizon_months": horizon})
        got = status(ch, as_of=as_of)
        where = (first, last, due, as_of, got)
        assert got in analysis.STATUSES
        assert (got == "missed") == (0 in fired(ch, as_of, "M009")), where
        assert (got == "off track") == (0 in fired(ch, as_of, "M008")), where
        stalled = 0 in fired(ch, as_of, "M011")
        assert (got == "stalled") == (stalled and got not in ("missed", "off track")), where
        if got == "met":
            assert not stalled, where


# --- dates ----------------------------------------------------------------------

@pytest.mark.parametrize("start,months,end", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 11, 15), 2, date(2027, 1, 15)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months_keeps_to_calendar_months(start, months, end):
    assert analysis.add_months(start, months) == end


@pytest.mark.parametrize("start,end,months", [
    (date(2026, 1, 15), date(2026, 1, 15), 0),
    (date(2026, 1, 15), date(2026, 2, 14), 0),
    (date(2026, 1, 15), date(2026, 2, 15), 1),
    (date(2026, 1, 31), date(2026, 2, 28), 1),
    (date(2026, 1, 15), date(2026, 11, 15), 10),
])
def test_months_between_agrees_with_add_months(start, end, months):
    assert analysis.months_between(start, end) == months
    assert analysis.add_months(start, months) <= end < analysis.add_months(start, months + 1)


def test_horizon_end_and_review_due():
    ch = load(str(SPEC_EXAMPLE), AS_OF)
    assert analysis.horizon_end(ch) == date(2028, 7, 15)
    assert analysis.review_due(ch) == date(2026, 11, 27)
    assert analysis.review_due(ch.model_copy(update={"review": None})) is None


# --- pulse ----------------------------------------------------------------------

def test_latest_pulse_per_partner_and_level_later_entry_wins_a_tie():
    data = copy.deepcopy(BASE)
    data["pulse"].append({"date": date(2026, 10, 5), "partner": "unilab", "level": "execution", "responses": 1,
                          "scores": {"vision": 1.0}})
    data["pulse"].append({"date": date(2026, 4, 5), "partner": "northwind", "level": "executive", "responses": 1,
                          "scores": {"vision": 1.0}})
    ch = Charter.model_validate(data)
    latest = analysis.latest_pulse(ch)
    assert len(latest) == 4
    assert latest[("unilab", "execution")].scores == {"vision": 1.0}
    assert latest[("northwind", "executive")].scores["vision"] == 4.3


def test_partner_means_weight_both_levels_by_responses():
    ch = load(str(SPEC_EXAMPLE), AS_OF)
    means = analysis.partner_means(ch)
    # acme: executives 4.5 (2 responses), execution 3.0 (6 responses)
    assert means["acme"]["priorities"] == pytest.approx((4.5 * 2 + 3.0 * 6) / 8)
    assert means["globex"]["communication"] == pytest.approx((3.5 * 2 + 2.5 * 4) / 6)
