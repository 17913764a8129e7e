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

import pytest
from hypothesis import HealthCheck, given, settings

from partnerkit.lint.engine import lint_bytes
from partnerkit.report.build import build
from partnerkit.report.sections.alignment import Alignment
from partnerkit.report.sections.health import Health
from partnerkit.report.sections.hypotheses import Hypotheses
from partnerkit.report.sections.metrics import Metrics
from partnerkit.report.sections.milestones import Milestones
from partnerkit.report.sections.vision import Vision
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE
from tests.generated import corpus
from tests.hardening.charters import valid_charter_text

FINE_METRIC = {"met", "on track", "early: expected lag", "no data", "no target"}
_ID = re.compile(r"^[a-z_]+\[([^\]]*)\]")


def subject_id(f) -> str:
    m = _ID.match(f.subject)
    return m.group(1) if m else ""


URGENT_CODES = {"C008", "C003", "M009", "M008", "M014", "A014"}


def agree(result) -> list[str]:
    """Each disagreement between a finding and the report, in words; [] when they agree.

    A section that reads a part of the charter set aside for schema errors is not shown (it says so instead): the
    checks on it are left to the last part, which makes sure it is never shown as fine.
    """
    if result.charter is None:
        return []  # no report is rendered for these
    r = build(result, AS_OF)
    problems = []
    metrics = r.section(Metrics)
    cards = r.section(Hypotheses)
    vision = r.section(Vision)
    gates = r.section(Milestones)
    alignment = r.section(Alignment)
    health = {h.letter: h for h in r.section(Health).lessons}
    agenda = r.agenda
    agenda_codes = {item.code for item in agenda}
    for f in result.active:
        what = f"{f.code} {f.subject}: {f.message}"
        key = subject_id(f)
        if f.code in ("M008", "M009", "M011", "M013", "M014") and metrics and metrics.get(key).status in FINE_METRIC:
            problems.append(f"{what} — but the report says {metrics.get(key).status}")
        if f.code == "D004" and cards and not cards.card(key).overdue:
            problems.append(f"{what} — but the hypothesis card is not overdue")
        if f.code == "D005" and cards and not cards.card(key).gap:
            problems.append(f"{what} — but the card shows no confidence gap")
        if f.code == "V004" and vision and not next(v for v in vision.values if v.id == key).not_held:
            problems.append(f"{what} — but the report shows the value held by everyone")
        if f.code == "V006" and vision:
            partner = result.charter.partners[f.path[1]]
            text = partner.values[f.path[3]]
            own = next(o for o in vision.own if o.partner == partner.name)
            if any(v.text == text and v.shared for v in own.values):
                problems.append(f"{what} — but the report shows `{text}` as shared")
        if f.code == "V002" and vision and not vision.not_agreed:
            problems.append(f"{what} — but the report shows the vision agreed by all")
        if f.code == "C003" and gates and gates.get(key).state != "overdue":
            problems.append(f"{what} — but the milestone shows {gates.get(key).state}")
        if f.code == "C008" and gates and not gates.get(key).fired:
            problems.append(f"{what} — but the milestone shows no kill condition met")
        if f.code == "C008" and (not agenda or agenda[0].code != "C008"):
            problems.append(f"{what} — but the agenda does not lead with it")
        if f.code in ("A009", "A011") and alignment:
            partner, level = key.split("/")
            dim = f.path[-1]
            flag = "gap" if f.code == "A009" else "low"
            cells = [c for row in alignment.grid if row.partner == partner and (f.code == "A009" or row.level == level)
                     for c, d in zip(row.cells, alignment.dims) if d == dim and c]
            if not any(getattr(c, flag) and c.flags for c in cells):
                problems.append(f"{what} — but the heatmap does not flag it")
        if f.code == "A010" and alignment and f.path[-1] not in {g.dim for g in alignment.partner_gaps}:
            problems.append(f"{what} — but the report lists no partner gap on it")
        if f.code in ("C003", "C008", "A014", "D004", "M008", "M009", "M014") and f.code not in agenda_codes:
            problems.append(f"{what} — but it is not on the agenda")
        if f.severity in ("error", "warning") and f.code[0] in health and health[f.code[0]].status == "healthy":
            problems.append(f"{what} — but lesson {f.code[0]} is shown healthy")
        if (f.code in URGENT_CODES or f.severity == "error") and f.code[0] in health \
                and health[f.code[0]].status != "at risk":
            problems.append(f"{what} — but lesson {f.code[0]} is shown {health[f.code[0]].status}, not at risk")
        if (f.code in URGENT_CODES or f.severity == "error") and r.verdict.state != "At risk":
            problems.append(f"{what} — but the verdict is {r.verdict.state}")
        if f.severity == "warning" and r.verdict.state == "On track":
            problems.append(f"{what} — but the verdict is On track")
    # health follows the agenda: a lesson holding an urgent item is at risk, whatever its count of warnings
    for item in agenda:
        lesson = item.lesson
        if item.urgent and lesson in health and health[lesson].status != "at risk":
            problems.append(f"urgent agenda item {item.subject} — but lesson {lesson} is {health[lesson].status}")
        if item.urgent and r.verdict.state != "At risk":
            problems.append(f"urgent agenda item {item.subject} — but the verdict is {r.verdict.state}")
    if r.verdict.needs_decision != any(i.group == "decide" for i in agenda):
        problems.append(f"needs a decision: {r.verdict.needs_decision}, but the agenda says otherwise")
    # a section set aside never shows as fine: each one reading it says "set aside" instead
    for name in result.set_aside:
        shown = [s for s in r.sections if name in getattr(s, "reads", ())]
        if shown:
            problems.append(f"{name} is set aside, but {[s.name for s in shown]} show it")
        if r.verdict.state != "At risk" or r.banner is None or name not in r.banner.set_aside:
            problems.append(f"{name} is set aside, but the verdict or the banner does not say so")
    return problems


def lint(text: str | bytes):
    return lint_bytes(text.encode() if isinstance(text, str) else text, "c.charter.yaml", None, AS_OF)


def test_the_examples_agree():
    for path in (SPEC_EXAMPLE, HEALTHY):
        assert agree(lint(path.read_bytes())) == []


@pytest.mark.slow
def test_varied_charters_agree():
    checked, codes = 0, set()
    for text in corpus(400, seed=1):
        result = lint(text)
        assert agree(result) == [], text
        if result.charter is not None:
            checked += 1
            codes |= {f.code for f in result.active}
    assert checked > 300  # the corpus reaches the report, and exercises the verdict rules
    assert {"M008", "M009", "M011", "M013", "M014", "C003", "C008", "D004", "D005", "V004", "V006", "A009"} <= codes


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(valid_charter_text)
def test_a_generated_corpus_agrees(text):
    assert agree(lint(text)) == []


BREAKS = [("metrics", lambda d: d["metrics"][0].update(target="five")),
          ("vision", lambda d: d["vision"].update(statment="typo")),
          ("pulse", lambda d: d["pulse"][0].update(responses=0)),
          ("milestones", lambda d: d["milestones"][0].update(decision="maybe")),
          ("started", lambda d: d.update(started="soon"))]


@pytest.mark.slow
def test_a_section_set_aside_never_shows_as_fine():
    import json

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    seen = set()
    for i, text in enumerate(corpus(60, seed=3)):
        data = yaml.load(text)
        section, breaks = BREAKS[i % len(BREAKS)]
        if section not in data and section != "started":
            continue
        breaks(data)
        result = lint(json.dumps(data, default=str))
        assert result.charter is not None and section in result.set_aside, (section, result.set_aside)
        assert agree(result) == [], text
        seen.add(section)
    assert seen == {s for s, _ in BREAKS}
