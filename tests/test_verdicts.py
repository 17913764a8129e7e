"""Verdicts people can trust: each case where lint or the report once said the opposite of the truth."""

from __future__ import annotations

import json
from datetime import date

from partnerkit.judge import metrics as judge
from partnerkit.lint.engine import lint_bytes
from partnerkit.report.build import build
from partnerkit.rules import all_rules
from tests.conftest import AS_OF, SPEC_EXAMPLE

EXAMPLE = SPEC_EXAMPLE.read_text(encoding="utf-8")


def lint(text: str, as_of: date = AS_OF, base_dir=None):
    return lint_bytes(text.encode(), "charter.yaml", None, as_of, base_dir)


def codes(result) -> list[str]:
    return sorted(f.code for f in result.active)


def metric_row(result, metric_id: str, as_of: date = AS_OF):
    return build(result, as_of).section("metrics").get(metric_id)


DOWNTIME = EXAMPLE.replace("""  - id: M2
    name: ETA mean absolute error
    type: interim
    tracks: [H2, globex-reference-customer]
    unit: minutes
    direction: down
    baseline: 42
    target: 25""", """  - id: M2
    name: Unplanned downtime
    type: interim
    tracks: [H2, globex-reference-customer]
    unit: hours
    baseline: 1200
    target: 960""").replace("""      - {date: 2026-10-31, value: 27}""", """      - {date: 2026-10-31, value: 1210}""")


def test_a_lower_is_better_metric_that_got_worse_is_never_met():
    result = lint(DOWNTIME)
    assert judge.direction(result.charter.metrics[1]) == "down"
    assert metric_row(result, "M2").status not in ("met", "on track")
    assert "M008" in codes(result) or "M011" in codes(result)


def test_a_declared_direction_that_contradicts_the_numbers_is_an_error():
    result = lint(DOWNTIME.replace("    unit: hours\n", "    unit: hours\n    direction: up\n"))
    m013 = [f for f in result.active if f.code == "M013"]
    assert len(m013) == 1 and m013[0].path == ("metrics", 1, "direction")
    assert metric_row(result, "M2").status == "unclear"


def test_an_outcome_near_its_due_date_is_at_risk_not_early_then_missed():
    # M3: 3,500 of 40,000 EUR per month, due 2026-12-31, 30-month horizon.
    early = lint(EXAMPLE, date(2026, 9, 30))
    assert metric_row(early, "M3", date(2026, 9, 30)).status == "early: expected lag"
    for day in (date(2026, 10, 2), AS_OF, date(2026, 12, 31)):
        near = lint(EXAMPLE, day)
        assert "M014" in codes(near), day
        assert metric_row(near, "M3", day).status == "at risk", day
    after = lint(EXAMPLE, date(2027, 1, 1))
    assert "M009" in codes(after) and "M014" not in codes(after)


def test_a_met_kill_condition_is_c008_and_leads_the_agenda():
    text = EXAMPLE.replace("      - {date: 2026-10-31, value: 27}", "      - {date: 2026-10-31, value: 27}\n"
                           "      - {date: 2026-11-14, value: 31}")
    result = lint(text)
    c008 = [f for f in result.active if f.code == "C008"]
    assert len(c008) == 1
    assert c008[0].message == "ETA mean absolute error 31 minutes > 30 (2026-11-14): kill condition of G1 met"
    assert c008[0].path == ("milestones", 0, "kill_criteria", 1)
    agenda = build(result, AS_OF).agenda
    assert agenda[0].code == "C008" and "31 minutes > 30 (2026-11-14)" in agenda[0].text
    assert "C008" not in codes(lint(EXAMPLE))  # 27 is not above 30


def test_the_report_and_lint_agree_on_shared_values():
    text = EXAMPLE.replace("values: [transparency, speed, frugality]", "values: [transparency, speed, longterm]").replace(
        "  - id: speed\n", "  - id: long-term\n    means: Decisions weigh the third year as much as the first.\n"
                          "    held_by: [acme, globex]\n  - id: speed\n")
    result = lint(text)
    undiscussed = [f for f in result.findings if f.code == "V006"]
    assert all("longterm" not in f.message for f in undiscussed)
    own = build(result, AS_OF).section("vision").own[0].values
    assert [(v.text, v.shared) for v in own if v.text == "longterm"] == [("longterm", True)]


def test_a_schema_typo_sets_aside_its_section_and_the_rest_is_still_checked(cli, tmp_path):
    path = tmp_path / "charter.yaml"
    path.write_text(EXAMPLE.replace("  statement: >-", "  statment: >-"), encoding="utf-8")
    result = lint(path.read_text(encoding="utf-8"))
    assert result.set_aside == ("vision",)
    assert [f.code for f in result.active if f.code[0] == "E"] == ["E002"]
    assert {"V004", "D004", "D005", "M009", "M014", "C003", "A009"} <= set(codes(result))
    skipped = [code for code, _ in result.skipped]
    assert {"V001", "V002"} <= set(skipped) and "V004" not in skipped
    text = cli("lint", "--as-of", AS_OF.isoformat(), path).output
    assert f"rules skipped until the schema errors in vision are fixed: {', '.join(skipped)}" in text
    doc = json.loads(cli("lint", "--format", "json", "--as-of", AS_OF.isoformat(), path).output)
    assert {s["code"] for s in doc["files"][0]["skipped"]} == set(skipped)
    assert all("vision" in s["reason"] for s in doc["files"][0]["skipped"])


def test_a_stopping_error_still_stops_the_file():
    result = lint(EXAMPLE + "title: twice\n")
    assert codes(result) == ["E001"] and result.charter is None and result.skipped == []


def test_changes_since_last_time_match_by_id_not_position():
    from partnerkit.report.changes import compare

    before = lint(EXAMPLE)
    after = lint(EXAMPLE.replace("      - {date: 2026-08-31, value: 3}",
                                 "      - {date: 2026-08-31, value: 3}\n      - {date: 2026-10-31, value: 4}"))
    found = compare(before, after, "previous", AS_OF, after.settings.thresholds)
    groups = {g.title: g.items for g in found.groups}
    assert not any("M009" in item for item in groups["Findings fixed"] + groups["New findings"])
    assert groups["Findings fixed"] == [item for item in groups["Findings fixed"] if "M007" in item]  # now fresh
    assert groups["New readings"] == ["M1 Pilot shippers onboarded: 4 shippers on 2026-10-31"]


def test_changes_show_statuses_before_and_after():
    from partnerkit.report.changes import compare

    before = lint(EXAMPLE)
    text = EXAMPLE.replace("      - {date: 2026-10-31, value: 27}", "      - {date: 2026-10-31, value: 30}") \
        .replace("    status: testing                 # lint: overdue", "    status: validated                 # lint:") \
        .replace("    decision: pending               # lint: decision overdue (C003)",
                 "    decision: continue\n    decided_on: 2026-11-10")
    after = lint(text)
    found = compare(before, after, "previous", AS_OF, after.settings.thresholds)
    groups = {g.title: g.items for g in found.groups}
    assert groups["Metric statuses"] == ["M2 ETA mean absolute error: on track → stalled"]
    assert groups["Hypotheses"] == ["H1: testing → validated"]
    assert groups["Decisions taken"] == ["G1 Pilot go / no-go: pending → continue on 2026-11-10"]


def test_a_suppression_comment_does_not_reach_a_csv_row_on_the_same_line(tmp_path):
    (tmp_path / "readings.csv").write_text("metric,date,value,note\nM1,2026-09-30,3,\nM1,2026-10-31,3,\nMX,2026-10-31,1,\n")
    lines = EXAMPLE.splitlines()
    lines[3] += "  # partnerkit: ignore[E004] not a real suppression target"  # line 4, as the CSV's bad row
    text = "\n".join(lines) + "\ndata:\n  readings: readings.csv\n"
    result = lint(text, base_dir=str(tmp_path))
    e004 = [f for f in result.findings if f.code == "E004"]
    assert len(e004) == 1 and e004[0].loc.file.endswith("readings.csv") and e004[0].loc.line == 4
    assert not e004[0].suppressed


def test_a_suppression_comment_on_a_charter_line_still_works():
    lines = EXAMPLE.splitlines()
    at = next(i for i, line in enumerate(lines) if "confidence: {acme: 0.8, globex: 0.4}" in line)
    lines[at] = lines[at].split("#")[0] + "# partnerkit: ignore[D005] discussed on 2026-11-01"
    result = lint("\n".join(lines) + "\n")
    assert [f.suppressed for f in result.findings if f.code == "D005"] == ["discussed on 2026-11-01"]


class Recorder:
    """A charter that remembers which top-level sections were read."""

    def __init__(self, charter, seen: set):
        object.__setattr__(self, "_charter", charter)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name):
        self._seen.add(name)
        return getattr(self._charter, name)


def test_every_rule_declares_the_sections_it_reads():
    from partnerkit.rules import Context, thresholds
    from tests.generated import corpus

    ctx = Context(AS_OF, thresholds())
    charters = [lint(t).charter for t in corpus(60, seed=3) + [EXAMPLE]]
    for rule in all_rules():
        if rule.check is None:
            continue
        seen: set = set()
        for ch in charters:
            if ch is not None:
                list(rule.check(Recorder(ch, seen), ctx))
        assert "*" not in rule.reads, rule.code
        assert seen <= set(rule.reads), f"{rule.code} reads {sorted(seen - set(rule.reads))} without declaring it"
