"""The judge behind the steering brief: precision, the last step, the forecast at this pace, the agenda's urgent
items, lesson health that follows them, and the overall verdict with its reason."""

from __future__ import annotations

from datetime import date

import pytest

from partnerkit.judge import gates
from partnerkit.judge.agenda import concerns
from partnerkit.judge.health import health
from partnerkit.judge.metrics import decimals, forecast, last_step, precision
from partnerkit.judge.verdict import urgency, verdict
from partnerkit.lint.engine import lint_bytes
from partnerkit.model import Metric
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

EXAMPLE = SPEC_EXAMPLE.read_text(encoding="utf-8")


def metric(readings, baseline=0, target=10, due="2026-12-31", direction=None) -> Metric:
    return Metric(id="m", name="m", type="interim", baseline=baseline, target=target, due=due, direction=direction,
                  readings=[{"date": d, "value": v} for d, v in readings])


def lint(text: str):
    return lint_bytes(text.encode(), "charter.yaml", None, AS_OF)


def judged(text: str):
    result = lint(text)
    th = result.settings.thresholds
    found = concerns(result.charter, result.active, AS_OF, th, result.set_aside)
    return result, found


@pytest.mark.parametrize("value, places", [(3, 0), (3.0, 0), (29.5, 1), (0.25, 2), (1e-05, 0), (2.123456, 4),
                                           (float("nan"), 0), (40000, 0)])
def test_decimals(value, places):
    assert decimals(value) == places


def test_precision_is_the_most_decimals_the_metric_uses():
    assert precision(metric([("2026-06-30", 3), ("2026-07-31", 4)])) == 0
    assert precision(metric([("2026-06-30", 3), ("2026-07-31", 4.25)])) == 2
    assert precision(metric([], baseline=0.5)) == 1


def test_last_step_in_the_metric_s_direction():
    up = last_step(metric([("2026-06-30", 3), ("2026-07-31", 4)]))
    assert up.change == 1 and up.better is True
    down = last_step(metric([("2026-06-30", 30), ("2026-07-31", 28)], baseline=42, target=25))
    assert down.change == -2 and down.better is True
    worse = last_step(metric([("2026-06-30", 30), ("2026-07-31", 31)], baseline=42, target=25))
    assert worse.better is False
    assert last_step(metric([("2026-06-30", 3), ("2026-07-31", 3)])).better is None
    assert last_step(metric([("2026-06-30", 3)])) is None
    # a declared direction the numbers contradict: no verdict on the step
    assert last_step(metric([("2026-06-30", 3), ("2026-07-31", 4)], direction="down")).better is None


def test_forecast_at_this_pace():
    steady = metric([("2026-06-30", 2), ("2026-08-31", 4), ("2026-10-31", 6)], due="2026-12-31")
    f = forecast(steady, AS_OF)
    assert f.readings == 3 and f.value == pytest.approx(8, abs=0.1) and f.reaches is False
    fast = metric([("2026-06-30", 2), ("2026-08-31", 6), ("2026-10-31", 10)], target=12, due="2026-12-31")
    assert forecast(fast, AS_OF).reaches is True
    # only the last four readings draw the line
    turned = metric([("2026-01-31", 9), ("2026-02-28", 9), ("2026-06-30", 2), ("2026-07-31", 3), ("2026-08-31", 4),
                     ("2026-09-30", 5)], due="2026-12-31")
    assert forecast(turned, AS_OF).readings == 4 and forecast(turned, AS_OF).value == pytest.approx(8, abs=0.2)


def test_forecast_needs_two_dates_and_a_due_date_ahead():
    one = forecast(metric([("2026-06-30", 2)]), AS_OF)
    assert one.value is None and one.readings == 1
    same_day = forecast(metric([("2026-06-30", 2), ("2026-06-30", 3)]), AS_OF)
    assert same_day.value is None
    assert forecast(metric([("2026-06-30", 2), ("2026-07-31", 3)], due="2026-11-14"), AS_OF) is None  # past due
    assert forecast(metric([("2026-06-30", 2), ("2026-07-31", 3)], due="2026-11-15"), AS_OF) is not None
    assert forecast(metric([("2026-06-30", 2), ("2026-07-31", 3)], due=None), AS_OF) is None


def test_forecast_never_below_zero_for_a_metric_that_cannot_be():
    falling = metric([("2026-08-31", 6), ("2026-09-30", 3), ("2026-10-31", 1)], baseline=10, target=0)
    assert forecast(falling, AS_OF).value == 0 and forecast(falling, AS_OF).reaches is True
    signed = metric([("2026-08-31", 6), ("2026-09-30", 3), ("2026-10-31", 1)], baseline=10, target=-5)
    assert forecast(signed, AS_OF).value < 0


def test_a_gate_s_owner():
    result = lint(EXAMPLE)
    g1, g2 = result.charter.milestones
    assert gates.owners(g1, result.charter) == ["globex"]  # owns M2, which its kill condition names
    assert gates.owners(g2, result.charter) == ["acme"]
    text_only = lint(EXAMPLE.replace("      - {metric: M2, above: 30}       # ETA error above 30 minutes; not met at 27\n", ""))
    assert gates.owners(text_only.charter.milestones[0], text_only.charter) == []


def test_the_example_s_agenda_urgent_items_and_verdict():
    result, found = judged(EXAMPLE)
    assert [(c.group, c.code, c.urgent) for c in found] == [
        ("decide", "C003", True), ("unblock", "A014", True), ("correct", "M009", True), ("correct", "M014", True),
        ("replan", "D004", False), ("realign", "A009", False), ("realign", "A011", False)]
    assert [len(c.findings) for c in found[-2:]] == [3, 1]
    lessons = {h.letter: h.status for h in health(result.active, result.suppressed, found)}
    # one warning, but an urgent item: at risk; three warnings and no urgent item: watch
    assert lessons == {"V": "watch", "D": "watch", "M": "at risk", "A": "at risk", "C": "at risk"}
    v = verdict(found, result.active, result.set_aside)
    assert v.text == ("At risk: 1 decision overdue, 1 metric missed, 1 outcome behind near its due date, "
                      "1 tension neglected")
    assert v.needs_decision


def test_a_met_kill_condition_leads_and_needs_a_decision():
    result, found = judged(EXAMPLE.replace("      - {date: 2026-10-31, value: 27}",
                                           "      - {date: 2026-10-31, value: 27}\n      - {date: 2026-11-14, value: 31}"))
    assert found[0].kind == "kill" and found[0].urgent and found[0].check.holds
    v = verdict(found, result.active)
    assert v.parts[0] == "1 kill condition met" and v.needs_decision


def test_the_healthy_example_is_on_track():
    result, found = judged(HEALTHY.read_text(encoding="utf-8"))
    assert [(c.kind, c.code, c.urgent) for c in found] == [("tension", "", False)]  # open, owned, recent
    assert {h.status for h in health(result.active, result.suppressed, found)} == {"healthy"}
    v = verdict(found, result.active)
    assert v.text == "On track: nothing pressing" and not v.needs_decision


def test_watch_without_anything_urgent():
    text = HEALTHY.read_text(encoding="utf-8").replace("    in_crisis:", "    x-in-crisis:", 1)
    result, found = judged(text.replace("  decisions: ", "  x-decisions: ", 1))
    v = verdict(found, result.active)
    assert v.state == "Watch" and v.parts == ("1 other warning",)


def test_a_section_set_aside_is_at_risk_and_leaves_out_what_it_holds():
    result, found = judged(EXAMPLE.replace("    target: 5\n", "    target: five\n", 1))
    assert result.set_aside == ("metrics",)
    assert not any(c.kind in ("metric", "kill") for c in found)
    assert any(c.kind == "decision" for c in found)
    v = verdict(found, result.active, result.set_aside)
    assert v.state == "At risk" and v.parts[-1] == "metrics set aside for schema errors"


def test_without_a_start_date_metrics_are_judged_only_where_they_need_none():
    result, found = judged(EXAMPLE.replace("started: 2026-01-15", "started: soon"))
    assert "started" in result.set_aside
    assert [(c.status, c.code) for c in found if c.kind == "metric"] == [("missed", "M009")]


def test_portfolio_urgency():
    def v(parts, counts, state="At risk"):
        from partnerkit.judge.verdict import Verdict

        return Verdict(state, parts, counts)

    ranked = sorted([
        ("calm", v(("nothing pressing",), {}, "On track")),
        ("watch", v(("1 other warning",), {"warning": 1}, "Watch")),
        ("missed", v(("1 metric missed",), {"missed": 1})),
        ("late", v(("1 decision overdue",), {"decision": 1})),
        ("kill", v(("1 kill condition met",), {"kill": 1})),
        ("two late", v(("2 decisions overdue",), {"decision": 2})),
    ], key=lambda x: urgency(x[1], x[0]))
    assert [name for name, _ in ranked] == ["kill", "two late", "late", "missed", "watch", "calm"]


def test_day_counts_are_from_the_as_of_date():
    result, found = judged(EXAMPLE)
    decision = next(c for c in found if c.kind == "decision")
    assert decision.days == (AS_OF - date(2026, 10, 15)).days == 31
