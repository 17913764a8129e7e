"""The fast shape check (partnerkit.model.light) against the pydantic models it is generated from.

The promise: whenever ``check(data)`` answers, ``Charter.model_validate(data)``
succeeds and gives the same objects, field by field, value by value, type by
type; and valid charters take the fast path, so it cannot quietly switch
itself off. Checked over the bundled examples, every rule case, hundreds of
generated charters, the hardening strategies (valid and invalid) and every
type boundary of the format; then lint's findings with the fast path on and
off, and the cold start without pydantic.
"""

from __future__ import annotations

import copy
import json
import math
import pickle
import subprocess
import sys
from collections import Counter
from datetime import date, datetime
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel, ValidationError

from partnerkit.core.finding import Finding
from partnerkit.lint.engine import lint_bytes
from partnerkit.load.document import load_document
from partnerkit.model import charter as models
from partnerkit.model import light, lightgen
from partnerkit.model.shared import without_extensions
from tests.conftest import AS_OF, EXAMPLES, HEALTHY, ROOT

# --- the comparison ------------------------------------------------------------------------------------------------


def same(fast, model, where="charter") -> None:
    """Assert that a light object and a pydantic model hold the same content, recursively, types included."""
    if isinstance(model, BaseModel):
        assert type(fast).__name__ == type(model).__name__, where
        assert type(fast).__module__ == light.__name__, where
        assert tuple(fast.__slots__) == tuple(type(model).model_fields), where
        for name in type(model).model_fields:
            same(getattr(fast, name), getattr(model, name), f"{where}.{name}")
    elif isinstance(model, list):
        assert type(fast) is list and len(fast) == len(model), where
        for i, (a, b) in enumerate(zip(fast, model)):
            same(a, b, f"{where}[{i}]")
    elif isinstance(model, dict):
        assert type(fast) is dict and list(fast) == list(model), where
        for key in model:
            same(key, next(k for k in fast if k == key), f"{where} key {key!r}")
            same(fast[key], model[key], f"{where}[{key!r}]")
    else:
        assert type(fast) is type(model), f"{where}: {type(fast).__name__} against {type(model).__name__}"
        assert fast == model or (isinstance(model, float) and math.isnan(model) and math.isnan(fast)), \
            f"{where}: {fast!r} against {model!r}"


def agree(data) -> tuple[bool, bool]:
    """Check ``data`` both ways and compare; (pydantic accepts it, the fast check answered)."""
    fast = light.check(copy.deepcopy(data))
    try:
        model = models.Charter.model_validate(data)
    except ValidationError:
        assert fast is None, f"the fast check accepted what pydantic refuses: {fast!r}"
        return False, False
    if fast is not None:
        same(fast, model)
    return True, fast is not None


def loaded(text: str | bytes):
    """The loader's data for a charter's text, `x-` keys removed as lint removes them; None when it stops."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc = load_document(raw, 10**7)
    if doc.stopped:
        return None
    return without_extensions(doc.data) if "x-" in doc.text else doc.data


# --- the corpus ----------------------------------------------------------------------------------------------------

def example_texts() -> list[bytes]:
    return [p.read_bytes() for p in sorted(EXAMPLES.rglob("*.yaml"))]


@lru_cache(maxsize=None)
def rule_case_texts() -> list[bytes]:
    from tests.rules.test_rule_cases import BASE, dump, load_cases, remove_path, set_path

    out = []
    for param in load_cases():
        _rule, case = param.values
        data = copy.deepcopy(BASE)
        for path in case.get("remove", []):
            remove_path(data, path)
        for path, value in (case.get("set") or {}).items():
            set_path(data, path, value)
        out.append(dump(data))
    return out


def generated_texts(count: int = 300) -> list[str]:
    from tests.generated import corpus

    return corpus(count, seed=7)


def _tally(texts) -> Counter:
    seen = Counter()
    for text in texts:
        data = loaded(text)
        if data is not None:
            valid, fast = agree(data)
            seen["valid"] += valid
            seen["fast"] += fast
            seen["all"] += 1
    return seen


def test_bundled_examples_agree_and_take_the_fast_path():
    seen = _tally(example_texts())
    assert seen["valid"] >= 2 and seen["fast"] == seen["valid"], seen

@pytest.mark.slow

def test_every_rule_case_agrees_and_takes_the_fast_path():
    seen = _tally(rule_case_texts())
    assert seen["all"] > 200 and seen["fast"] == seen["valid"] > 0.95 * seen["all"], seen

@pytest.mark.slow

def test_generated_charters_agree_and_take_the_fast_path():
    seen = _tally(generated_texts())
    assert seen["all"] == 300 and seen["fast"] == seen["valid"] == 300, seen


HYPOTHESIS = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _tally_drawn(strategy) -> Counter:
    seen = Counter()

    @HYPOTHESIS
    @given(strategy)
    def run(text):
        seen.update(_tally([text]))

    run()
    return seen

@pytest.mark.slow

def test_hardening_valid_charters_agree_and_mostly_take_the_fast_path():
    from tests.hardening.charters import valid_charter_text

    seen = _tally_drawn(valid_charter_text)
    assert seen["valid"] > 100 and seen["fast"] >= 0.95 * seen["valid"], seen


def test_hardening_invalid_charters_agree():
    from tests.hardening.charters import charter_text

    seen = _tally_drawn(charter_text)
    assert seen["all"] > 30 and seen["valid"] < seen["all"], seen  # loaded, and mostly refused: each refusal agreed


# --- every type boundary -------------------------------------------------------------------------------------------

BASE = loaded(HEALTHY.read_bytes())
SURROGATE = "\ud800"

NUMBERS = [0, 1, -1, 36, 1.0, 36.0, 36.5, -0.0, 1e300, 1e-300, 10**40, 10**400, float("inf"), float("-inf"),
           float("nan"), True, False, "36", "1.0", "", None]
DATES = [date(2026, 1, 15), datetime(2026, 1, 15), datetime(2026, 1, 15, 10, 30), "2026-01-15", "2026-1-15",
         "2026-02-30", "2026-01-15T00:00:00", "20260115", 20260115, " 2026-01-15", "2026-01-15\n", "0000-01-01",
         "２０２６-01-15", "", None, True]
TEXTS = ["x", "", " ", "\n", "é", "Ünïcødé ✓", SURROGATE, "a" + SURROGATE, 1, 1.5, True, None, ["x"], {"x": 1}]
SLUGS = ["a", "A1", "a.b_c-d", "0", "a b", "-a", "_a", "a\n", "é", "", "x-y", SURROGATE, 1, None]
ENUMS = ["weekly", "Weekly", "weekly ", " weekly", "WEEKLY", "", 1, True, None]
REASONS = ["agreed", " agreed \n", "\tagreed", "", " ", "\n", "\xa0agreed", "agreed\xa0", "\u3000", "\x1cagreed",
           "agreed\x1f", "\u200bagreed", "\ufeffagreed", "agreed\u2028", "\x85", "a" + SURROGATE, SURROGATE, 1, None,
           True, ["agreed"]]


def _cases():
    """(data path, value) pairs over every field kind of the format."""
    for v in NUMBERS:
        yield ("horizon_months",), v
        yield ("pulse", 0, "responses"), v
        yield ("hypotheses", 0, "confidence", "northwind"), v
        yield ("pulse", 0, "scores", "trust"), v
        yield ("metrics", 0, "readings", 0, "value"), v
        yield ("metrics", 0, "target"), v
        yield ("governance", "exit", "notice_days"), v
        yield ("milestones", 0, "kill_criteria"), [{"metric": "M1", "above": v}]
    for v in [10**9, 10**9 + 1, 1e9, 2e9, 0.5, 1.5, -0.0]:
        yield ("pulse", 0, "responses"), v
    for v in [0.99, 1.0, 5.0, 5.01, 0, 5, 6]:
        yield ("pulse", 0, "scores", "trust"), v
    for v in [-1e-9, 0.0, 1.0, 1.0000001, 0, 1, 2]:
        yield ("hypotheses", 0, "confidence", "northwind"), v
    for v in DATES:
        yield ("started",), v
        yield ("metrics", 0, "readings", 0, "date"), v
        yield ("milestones", 0, "decided_on"), v
        yield ("lint",), {"ignore": {"V006": {"reason": "agreed", "until": v}}}
    for v in TEXTS:
        yield ("title",), v
        yield ("notes",), v
        yield ("partners", 0, "name"), v
        yield ("partners", 0, "gives"), [v]
        yield ("pulse", 0, "scores"), {v: 3} if isinstance(v, (str, int, float, bool)) or v is None else v
        yield ("milestones", 0, "kill_criteria"), v
        yield ("milestones", 0, "kill_criteria"), [v]
        yield ("lint",), {"ignore": {v: "agreed"}} if isinstance(v, (str, int, float, bool)) or v is None else v
    for v in SLUGS:
        yield ("id",), v
        yield ("partners", 0, "id"), v
        yield ("metrics", 0, "tracks"), [v]
        yield ("hypotheses", 0, "confidence"), {v: 0.5} if isinstance(v, (str, int)) or v is None else v
        yield ("metrics", 0, "owner"), v
    for v in ENUMS:
        yield ("governance", "feedback", "cadence"), v
        yield ("metrics", 0, "type"), v
        yield ("governance", "forums", 0, "levels"), [v]
    for v in REASONS:
        yield ("lint",), {"ignore": {"V006": v}}
        yield ("lint",), {"ignore": {"V006": {"reason": v}}}
    for v in [True, False, "true", 1, 0, None]:
        yield ("governance", "feedback", "anonymous"), v
    for v in [1, 1.0, True, 2, "1", None]:
        yield ("partnerkit",), v
    for v in ["", "x", [], [""], ["x"], [{"metric": "M1", "above": 1}], [{"metric": "M1"}], {"metric": "M1"},
              [{"metric": "M1", "above": 1, "below": 2}], [{"metric": "M1", "above": None, "below": 2}],
              [{"metric": "M1", "below": None}], [{"metric": "M1", "above": 1, "by": "2027-01-01"}],
              [{"metric": "bad id", "above": 1}], [{"metric": "M1", "above": 1, "on": "2027-01-01"}], [1], [None],
              ["x", {"metric": "M1", "below": 2}], [["x"]]]:
        yield ("milestones", 0, "kill_criteria"), v
    for v in [{}, [], "x", None, 1, [{}], ["x"], [[]]]:  # wrong containers, and null, for lists and mappings
        yield ("partners",), v
        yield ("values",), v
        yield ("review",), v
        yield ("governance",), v
        yield ("governance", "forums"), v
        yield ("hypotheses", 0, "confidence"), v
        yield ("pulse",), v
        yield ("lint",), v
        yield ("lint", "ignore"), v
        yield ("metrics", 0, "readings"), v
    for key in ["titel", "x-extra", "On", "ID", 1, None, True, "on"]:  # unknown keys at every depth (x- kept here)
        yield ("",), key
        yield ("partners", 0, ""), key
        yield ("metrics", 0, "readings", 0, ""), key
        yield ("governance", "feedback", ""), key
        yield ("lint", "ignore", "V006", ""), key


def _patched(path: tuple, value):
    data = copy.deepcopy(BASE)
    data.setdefault("lint", {"ignore": {"V006": {"reason": "agreed"}}})
    node = data
    for part in path[:-1]:
        node = node[part]
    if path[-1] == "":  # an unknown key: `value` names it
        node[value] = "extra"
    else:
        node[path[-1]] = value
    return data


def _without(path: tuple):
    data = copy.deepcopy(BASE)
    node = data
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return data


def test_every_type_boundary_agrees():
    seen = Counter()
    for path, value in _cases():
        try:
            valid, fast = agree(_patched(path, value))
        except AssertionError as exc:
            raise AssertionError(f"{path} = {value!r}: {exc}") from None
        seen[(valid, fast)] += 1
    assert seen[(True, True)] > 150 and seen[(False, False)] > 250, seen
    assert seen[(True, False)] < 0.1 * seen[(True, True)], seen  # doubts are rare on valid data


@pytest.mark.parametrize("path", [("id",), ("title",), ("started",), ("phase",), ("partners",), ("partnerkit",),
                                  ("partners", 0, "name"), ("metrics", 0, "readings", 0, "value"),
                                  ("metrics", 0, "type"), ("pulse", 0, "responses"), ("horizon_months",),
                                  ("governance", "feedback", "anonymous"), ("kind",), ("vision",),
                                  ("metrics", 0, "readings")])
def test_required_and_optional_keys_left_out_agree(path):
    valid, fast = agree(_without(path))
    assert fast == valid


def test_mixed_fields_agree_on_top_of_each_other():
    """Several changes at once: each boundary value on a charter that already carries others."""
    data = _patched(("horizon_months",), 36.0)
    data["pulse"][0]["scores"]["trust"] = 4
    data["hypotheses"][0]["confidence"]["northwind"] = 1
    data["started"] = "2026-01-15"
    data["lint"] = {"ignore": {"V006": " agreed at the meeting\n", "A001": {"reason": "later", "until": "2027-01-31"}}}
    assert agree(data) == (True, True)
    fast = light.check(data)
    assert fast.horizon_months == 36 and type(fast.horizon_months) is int
    assert fast.pulse[0].scores["trust"] == 4.0 and type(fast.pulse[0].scores["trust"]) is float
    assert fast.started == date(2026, 1, 15) and fast.lint.ignore["V006"].reason == "agreed at the meeting"


def test_the_check_never_raises_and_copies_what_it_keeps():
    for data in [None, [], "x", 1, {}, {"partnerkit": 1}, {(1, 2): 3}, {frozenset(): 1}, BASE["partners"]]:
        assert light.check(data) is None
    data = copy.deepcopy(BASE)
    fast = light.check(data)
    data["partners"][0]["gives"].append("more")
    data["hypotheses"][0]["confidence"]["x"] = 0.1
    assert fast is not None and "more" not in fast.partners[0].gives and "x" not in fast.hypotheses[0].confidence


def test_subclasses_of_the_plain_types_are_left_to_pydantic():
    class Text(str):
        pass

    data = copy.deepcopy(BASE)
    data["title"] = Text("A title")
    assert light.check(data) is None


# --- the classes ---------------------------------------------------------------------------------------------------

def _pydantic_models():
    return lightgen._models(models.Charter)


def test_light_classes_have_the_models_fields_order_and_defaults():
    from pydantic_core import PydanticUndefined

    for model in _pydantic_models():
        cls = getattr(light, model.__name__)
        assert cls.__slots__ == tuple(model.model_fields), model.__name__
        required = {n: f for n, f in model.model_fields.items() if f.default is PydanticUndefined}
        fields = {n: f.default for n, f in model.model_fields.items() if n not in required}
        a = cls(**{n: f"<{n}>" for n in required})
        b = cls(**{n: f"<{n}>" for n in required})
        for name, default in fields.items():
            assert getattr(a, name) == default and type(getattr(a, name)) is type(default), (model.__name__, name)
            if isinstance(default, (list, dict)):
                assert getattr(a, name) is not getattr(b, name), "a mutable default is shared"
        with pytest.raises(TypeError):
            cls(**{n: 1 for n in list(required)[1:]}) if required else cls(unknown=1)


def test_light_objects_compare_hash_repr_and_pickle_like_the_models():
    fast = light.check(copy.deepcopy(BASE))
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert light.check(copy.deepcopy(BASE)) == fast
    assert fast.partners[0] != fast.partners[1]
    assert fast != models.Charter.model_validate(BASE)  # different kinds are never equal
    person = fast.partners[0].sponsor
    assert hash(person) == hash(light.check(copy.deepcopy(BASE)).partners[0].sponsor)
    with pytest.raises(TypeError):
        hash(fast)  # it holds lists, as the pydantic model does
    assert repr(person).startswith("Person(name=")
    assert not hasattr(person, "__dict__")


def test_kill_condition_behaviour_is_shared_by_both_kinds():
    for kind in (models.KillCondition, light.KillCondition):
        above = kind(metric="M1", above=3.0)
        below = kind(metric="M1", below=2.0)
        assert (above.bound, above.comparison, below.bound, below.comparison) == (3.0, "above", 2.0, "below")
        assert above.problem() is None and kind.problem(light.KillCondition(metric="M1")) is not None
    with pytest.raises(ValidationError, match="exactly one of `above` and `below`"):
        models.KillCondition(metric="M1", above=1.0, below=2.0)


def test_as_model_gives_the_pydantic_charter_for_either_kind():
    fast = light.check(copy.deepcopy(BASE))
    model = models.Charter.model_validate(BASE)
    assert models.as_model(fast) == model and models.as_model(model) is model


# --- the generator -------------------------------------------------------------------------------------------------

def test_light_module_is_current():
    assert (ROOT / "src" / "partnerkit" / "model" / "light.py").read_text(encoding="utf-8") == lightgen.source(), \
        "src/partnerkit/model/light.py is stale: run `python -m partnerkit.model.lightgen`"


def _model(**annotations):
    from pydantic import create_model

    return create_model("Probe", __base__=models.Model, **annotations)


@pytest.mark.parametrize("field,reason", [
    ((int, ...), "lax int"),
    ((float, ...), "lax float"),
    ((models.date, ...), "ISO before-validator"),
    ((models.Annotated[str, models.StringConstraints(pattern=r"^\d+$")], ...), "pattern"),
    ((models.Annotated[str, models.StringConstraints(to_lower=True)], ...), "string constraint"),
    ((str | list[str] | models.Annotated[str, models.StringConstraints(min_length=2)], ...), "same kind of input"),
    ((models.Number | models.Int(), ...), "same kind of input"),
    ((set[str], ...), "type"),
    ((list[str], ["x"]), "default"),
])
def test_the_generator_refuses_what_it_cannot_check_exactly(field, reason):
    with pytest.raises(lightgen.Unsupported, match=reason):
        lightgen.model_code(lightgen.Code(), _model(x=field))


def test_the_generator_refuses_configuration_and_field_options_it_does_not_know():
    from pydantic import ConfigDict, Field

    class Stripped(models.Model):
        model_config = ConfigDict(str_strip_whitespace=True)
        x: str

    class Aliased(models.Model):
        x: str = Field(alias="X")

    with pytest.raises(lightgen.Unsupported, match="configuration"):
        lightgen.model_code(lightgen.Code(), Stripped)
    with pytest.raises(lightgen.Unsupported, match="field options"):
        lightgen.model_code(lightgen.Code(), Aliased)


def test_the_generator_refuses_validators_it_does_not_know(monkeypatch):
    from pydantic import field_validator

    class Probe(models.Model):
        x: str

        @field_validator("x")
        @classmethod
        def _upper(cls, v):
            return v.upper()

    with pytest.raises(lightgen.Unsupported, match="field_validators"):
        lightgen.model_code(lightgen.Code(), Probe)
    monkeypatch.setitem(lightgen.BEFORE, "_whole", (lightgen.BEFORE["_whole"][0], "000000000000"))
    with pytest.raises(lightgen.Unsupported, match="`_whole` changed"):
        lightgen.source()


# --- lint with the fast path on and off ----------------------------------------------------------------------------

def _lint(text, fast_check: bool, monkeypatch):
    with monkeypatch.context() as m:
        if not fast_check:
            m.setattr(light, "check", lambda data: None)
        raw = text.encode("utf-8") if isinstance(text, str) else text
        return lint_bytes(raw, "c.charter.yaml", None, AS_OF, None)


def _same_lint(texts, monkeypatch) -> int:
    fast_ones = 0
    for text in texts:
        on, off = _lint(text, True, monkeypatch), _lint(text, False, monkeypatch)
        assert on.findings == off.findings and on.skipped == off.skipped and on.set_aside == off.set_aside
        assert all(isinstance(f, Finding) for f in on.findings)
        fast_ones += type(on.charter).__module__ == light.__name__
    return fast_ones

@pytest.mark.slow

def test_findings_are_the_same_with_the_fast_path_on_and_off(monkeypatch):
    texts = example_texts() + rule_case_texts() + generated_texts(120)
    assert _same_lint(texts, monkeypatch) > 0.9 * len(texts)


def test_csv_data_merged_into_the_charter_agrees(tmp_path, monkeypatch):
    from tests.test_csv_data import setup

    path = setup(tmp_path, readings="metric,date,value,note\nmt-fields,2026-11-10,21,fine\nmt-members,2026-11-14,1.5,\n",
                 pulse="date,partner,level,dimension,score,responses\n2026-11-01,northwind,executive,trust,4,6\n"
                       "2026-11-01,northwind,executive,vision,3.5,6\n")
    raw = path.read_bytes()
    doc = load_document(raw, 10**7, str(tmp_path))
    assert not doc.problems and agree(doc.data) == (True, True)
    on = lint_bytes(raw, str(path), None, AS_OF, str(tmp_path))
    with monkeypatch.context() as m:
        m.setattr(light, "check", lambda data: None)
        off = lint_bytes(raw, str(path), None, AS_OF, str(tmp_path))
    assert on.findings == off.findings and any(f.loc.file.endswith("readings.csv") for f in on.findings)
    assert type(on.charter).__module__ == light.__name__ and type(off.charter).__module__ == models.__name__


def test_findings_are_the_same_on_hardening_charters(monkeypatch):
    from hypothesis import strategies as st

    from tests.hardening.charters import charter_text, valid_charter_text

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(charter_text, valid_charter_text))
    def run(text):
        _same_lint([text], monkeypatch)

    run()


# --- the cold start ------------------------------------------------------------------------------------------------

COLD = """
import json, sys
from datetime import date
from partnerkit.api import Options, lint_text
result = lint_text(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1], Options(as_of=date(2026, 11, 15)))
print(json.dumps({"kind": type(result.charter).__module__, "pydantic": "pydantic" in sys.modules,
                  "codes": [f.code for f in result.active],
                  "schema": [f.message for f in result.active if f.code == "E002"]}))
"""


def _cold(path) -> dict:
    out = subprocess.run([sys.executable, "-c", COLD, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def test_a_valid_charter_is_linted_without_importing_pydantic():
    got = _cold(EXAMPLES / "acme-globex.charter.yaml")
    assert got["kind"] == "partnerkit.model.light" and got["pydantic"] is False
    assert len(got["codes"]) == 16 and "E002" not in got["codes"]  # the worked example's findings, all there


def test_an_invalid_charter_still_gets_its_schema_messages(tmp_path):
    bad = tmp_path / "bad.charter.yaml"
    bad.write_text(HEALTHY.read_text(encoding="utf-8").replace("horizon_months: 36", "horizon_months: twenty"),
                   encoding="utf-8")
    got = _cold(bad)
    assert got["kind"] == "partnerkit.model.charter" and got["pydantic"] is True
    assert got["codes"] == ["E002"] and "`horizon_months` must be a whole number" in got["schema"][0], got


BLOCKED = """
import sys
sys.modules["pydantic"] = None  # any import of pydantic now fails
from datetime import date
from partnerkit.api import Options, lint
from partnerkit.calendar import events
from partnerkit.calendar.ics import to_ical
from partnerkit.report import render
from partnerkit.report.build import build
as_of = date(2026, 11, 15)
results = list(lint(sys.argv[1:], Options(as_of=as_of, jobs=1)))
for r in results:
    report = build(r, as_of)
    assert render.charter_md(report, as_of) and render.charter_html(report, as_of)
assert to_ical(events(results, as_of, portfolio=True), "all", as_of)
print("OK", len(results), sum(len(r.active) for r in results), type(results[0].charter).__name__)
"""


def test_lint_report_and_calendar_work_with_pydantic_blocked():
    paths = [str(EXAMPLES / "acme-globex.charter.yaml"), str(HEALTHY)]
    out = subprocess.run([sys.executable, "-c", BLOCKED, *paths], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "OK 2 16 Charter", out.stdout + out.stderr[-3000:]
