"""The judge: metric status (as the report shows it), dates, pulse.

The report's status of a metric and the M rules must never disagree; the
sweep at the end checks that over many variants of the healthy example.
"""

from __future__ import annotations

import copy
import itertools
from datetime import date

import pytest
from ruamel.yaml import YAML

from partnerkit.api import load
from partnerkit.core.dates import add_months, months_between
from partnerkit.judge import metrics as analysis
from partnerkit.judge import pulse
from partnerkit.judge.timeline import horizon_end, review_due
from partnerkit.model import Charter
from partnerkit.rules import REGISTRY, Context, all_rules, thresholds
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

BASE = YAML(typ="safe", pure=True).load(HEALTHY.read_text())


def charter(**metric0) -> Charter:
    """The healthy example with its first metric (mt-fields, interim, 0 -> 30 by 2027-06-30) changed."""
    data = copy.deepcopy(BASE)
    data["metrics"][0].update(metric0)
    return Charter.model_validate(data)


def status(ch: Charter, i: int = 0, as_of: date = AS_OF, thresholds=None) -> str:
    return analysis.status(ch.metrics[i], ch, as_of, {**thresholds_(), **(thresholds or {})})


def thresholds_() -> dict:
    return thresholds()


def test_spec_example_statuses():
    ch = load(str(SPEC_EXAMPLE), AS_OF)
    assert [status(ch, i) for i in range(3)] == ["missed", "on track", "at risk"]


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


def test_direction_is_inferred_from_baseline_and_target():
    # Downtime: baseline 1,200 h, target 960 h, no `direction`: lower is better, so 1,210 h is worse, not "met".
    down = charter(baseline=1200, target=960, readings=[{"date": date(2026, 10, 31), "value": 1210}])
    assert analysis.direction(down.metrics[0]) == "down"
    assert status(down) == "off track"
    assert status(charter(baseline=1200, target=960, readings=[{"date": date(2026, 10, 31), "value": 955}])) == "met"
    assert analysis.direction(charter(baseline=0, target=30).metrics[0]) == "up"
    assert analysis.direction(charter(baseline=30, target=30).metrics[0]) == "up"


def test_a_declared_direction_the_numbers_contradict_is_unclear_never_met():
    for declared, baseline, target, value in (("up", 1200, 960, 1210), ("up", 1200, 960, 900), ("down", 0, 30, 40)):
        ch = charter(direction=declared, baseline=baseline, target=target,
                     readings=[{"date": date(2026, 10, 31), "value": value}])
        assert analysis.direction_conflict(ch.metrics[0])
        assert status(ch) == "unclear"
        assert not analysis.missed(ch.metrics[0], date(2028, 1, 1))


# --- the report's status and the rules agree ------------------------------------

def fired(ch: Charter, as_of: date, code: str) -> set[int]:
    all_rules()
    ctx = Context(as_of, thresholds())
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
        assert (got == "at risk") == (0 in fired(ch, as_of, "M014")), where
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
    assert add_months(start, months) == end


@pytest.mark.parametrize("start,end,months", [
    (date(2026, 1, 15), date(2026, 1, 15), 0),
    (date(2026, 1, 15), date(2026, 2, 14), 0),
    (date(2026, 1, 15), date(2026, 2, 15), 1),
    (date(2026, 1, 31), date(2026, 2, 28), 1),
    (date(2026, 1, 15), date(2026, 11, 15), 10),
])
def test_months_between_agrees_with_add_months(start, end, months):
    assert months_between(start, end) == months
    assert add_months(start, months) <= end < add_months(start, months + 1)


def test_horizon_end_and_review_due():
    ch = load(str(SPEC_EXAMPLE), AS_OF)
    assert horizon_end(ch) == date(2028, 7, 15)
    assert review_due(ch) == date(2026, 11, 27)
    assert review_due(ch.model_copy(update={"review": None})) is None


# --- pulse ----------------------------------------------------------------------

def test_latest_pulse_per_partner_and_level_later_entry_wins_a_tie():
    data = copy.deepcopy(BASE)
    data["pulse"].append({"date": date(2026, 10, 5), "partner": "unilab", "level": "execution", "responses": 1,
                          "scores": {"vision": 1.0}})
    data["pulse"].append({"date": date(2026, 4, 5), "partner": "northwind", "level": "executive", "responses": 1,
                          "scores": {"vision": 1.0}})
    ch = Charter.model_validate(data)
    latest = pulse.latest_pulse(ch)
    assert len(latest) == 4
    assert latest[("unilab", "execution")].scores == {"vision": 1.0}
    assert latest[("northwind", "executive")].scores["vision"] == 4.3


def test_partner_means_weight_both_levels_by_responses():
    ch = load(str(SPEC_EXAMPLE), AS_OF)
    means = pulse.partner_means(ch)
    # acme: executives 4.5 (2 responses), execution 3.0 (6 responses)
    assert means["acme"]["priorities"] == pytest.approx((4.5 * 2 + 3.0 * 6) / 8)
    assert means["globex"]["communication"] == pytest.approx((3.5 * 2 + 2.5 * 4) / 6)
