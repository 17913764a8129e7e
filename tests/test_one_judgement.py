"""One source of judgement: over a generated corpus, the report never calls fine what a finding flags.

For every active finding of a verdict rule, the report's own view of the
thing concerned must show the problem: the metric's status, the value's
sharing, the hypothesis card, the milestone, the pulse cell, the lesson's
health, the agenda. Charters come from the hypothesis strategy of the
hardening tests (valid shapes, random sections) and from the varied,
coherent charters of ``tests/generated.py`` (numbers, dates, statuses,
directions, kill conditions, values and pulses redrawn), so the corpus covers
far more than the examples.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings

from partnerkit.lint.engine import lint_bytes
from partnerkit.report.build import build
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE
from tests.generated import corpus
from tests.hardening.charters import valid_charter_text

FINE_METRIC = {"met", "on track", "early: expected lag", "no data", "no target"}
_ID = re.compile(r"^[a-z_]+\[([^\]]*)\]")


def subject_id(f) -> str:
    m = _ID.match(f.subject)
    return m.group(1) if m else ""


def agree(result) -> list[str]:
    """Each disagreement between a finding and the report, in words; [] when they agree."""
    if result.charter is None or any(f.code[0] == "E" for f in result.active):
        return []  # no report is rendered for these
    r = build(result, AS_OF)
    problems = []
    metrics = {m["id"]: m for m in r["metrics"]}
    cards = {c["id"]: c for col in r["hypotheses"]["columns"] for c in col["cards"]}
    values = {v["id"]: v for v in r["vision"]["values"]}
    gates = {m["id"]: m for m in r["milestones"]["rows"]}
    health = {h["letter"]: h for h in r["health"]}
    agenda_codes = {item["code"] for item in r["agenda"]}
    for f in result.active:
        what = f"{f.code} {f.subject}: {f.message}"
        key = subject_id(f)
        if f.code in ("M008", "M009", "M011", "M013", "M014") and metrics[key]["status"] in FINE_METRIC:
            problems.append(f"{what} — but the report says {metrics[key]['status']}")
        if f.code == "D004" and not cards[key]["overdue"]:
            problems.append(f"{what} — but the hypothesis card is not overdue")
        if f.code == "D005" and not cards[key]["gap"]:
            problems.append(f"{what} — but the card shows no confidence gap")
        if f.code == "V004" and not values[key]["not_held"]:
            problems.append(f"{what} — but the report shows the value held by everyone")
        if f.code == "V006":
            partner = result.charter.partners[f.path[1]]
            text = partner.values[f.path[3]]
            own = next(o for o in r["vision"]["own"] if o["partner"] == partner.name)
            if any(v["text"] == text and v["shared"] for v in own["values"]):
                problems.append(f"{what} — but the report shows `{text}` as shared")
        if f.code == "V002" and not r["vision"]["not_agreed"]:
            problems.append(f"{what} — but the report shows the vision agreed by all")
        if f.code == "C003" and gates[key]["state"] != "overdue":
            problems.append(f"{what} — but the milestone shows {gates[key]['state']}")
        if f.code == "C008" and not gates[key]["fired"]:
            problems.append(f"{what} — but the milestone shows no kill condition met")
        if f.code == "C008" and (not r["agenda"] or r["agenda"][0]["code"] != "C008"):
            problems.append(f"{what} — but the agenda does not lead with it")
        if f.code in ("A009", "A011"):
            partner, level = key.split("/")
            dim = f.path[-1]
            flag = "gap" if f.code == "A009" else "low"
            cells = [c for row in r["alignment"]["grid"] if row["partner"] == partner
                     and (f.code == "A009" or row["level"] == level)
                     for c, d in zip(row["cells"], r["alignment"]["dims"]) if d == dim and c]
            if not any(c[flag] for c in cells):
                problems.append(f"{what} — but the heatmap does not flag it")
        if f.code == "A010" and f.path[-1] not in {g["dim"] for g in r["alignment"]["partner_gaps"]}:
            problems.append(f"{what} — but the report lists no partner gap on it")
        if f.code in ("C003", "C008", "A014", "D004", "M008", "M009", "M014") and f.code not in agenda_codes:
            problems.append(f"{what} — but it is not on the agenda")
        if f.severity in ("error", "warning") and f.code[0] in health and health[f.code[0]]["status"] == "healthy":
            problems.append(f"{what} — but lesson {f.code[0]} is shown healthy")
    return problems


def lint(text: str | bytes):
    return lint_bytes(text.encode() if isinstance(text, str) else text, "c.charter.yaml", None, AS_OF)


def test_the_examples_agree():
    for path in (SPEC_EXAMPLE, HEALTHY):
        assert agree(lint(path.read_bytes())) == []


def test_varied_charters_agree():
    checked, codes = 0, set()
    for text in corpus(400, seed=1):
        result = lint(text)
        assert agree(result) == [], text
        if not any(f.code[0] == "E" for f in result.active):
            checked += 1
            codes |= {f.code for f in result.active}
    assert checked > 300  # the corpus reaches the report, and exercises the verdict rules
    assert {"M008", "M009", "M011", "M013", "M014", "C003", "C008", "D004", "D005", "V004", "V006", "A009"} <= codes


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(valid_charter_text)
def test_a_generated_corpus_agrees(text):
    assert agree(lint(text)) == []
