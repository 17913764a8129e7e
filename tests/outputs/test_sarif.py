"""`--format sarif`: valid SARIF 2.1.0 that GitHub code scanning accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnerkit.outputs import sarif_format
from partnerkit.rules import all_rules
from tests.conftest import AS_OF, EXAMPLES
from tests.outputs.helpers import (RELATED, control_char_charter, duplicate_id_charter, finding, info, json_findings,
                                   result, suppressed_charter, write, written_to_file)

SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")


def sarif(run_pk, *args, cwd=None, ok=(0, 1)) -> dict:
    out = run_pk("lint", "--format", "sarif", "--as-of", AS_OF.isoformat(), *args, cwd=cwd)
    assert out.returncode in ok, out.stderr
    return json.loads(out.stdout)


def assert_github_accepts(doc: dict) -> None:
    """What GitHub code scanning checks on upload."""
    assert doc["version"] == "2.1.0"
    for run in doc["runs"]:
        assert isinstance(run["results"], list)
        rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        for res in run["results"]:
            assert res["ruleId"] in rule_ids
            assert rule_ids[res["ruleIndex"]] == res["ruleId"]
            assert res["message"]["text"]
            loc = res["locations"][0]["physicalLocation"]
            assert loc["artifactLocation"]["uri"]
            assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1


def validate(doc: dict) -> None:
    if not SCHEMA.exists():
        pytest.skip(f"the official SARIF schema is not at {SCHEMA}")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)


def test_examples_are_valid_sarif_that_github_accepts(run_pk):
    doc = sarif(run_pk, EXAMPLES, "--show-suppressed")
    validate(doc)
    assert_github_accepts(doc)
    assert len(doc["runs"][0]["results"]) == len(json_findings(run_pk, EXAMPLES, "--show-suppressed"))


def test_edge_cases_are_valid_sarif(run_pk, tmp_path):
    write(tmp_path, "broken.charter.yaml", "partnerkit: 1\ntitle: [unclosed\n")  # E001, found by the loader
    write(tmp_path, "list.charter.yaml", "- a\n- list\n")  # E006
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    write(tmp_path, "odd name %#?.charter.yaml", control_char_charter())
    write(tmp_path, "quiet.charter.yaml", suppressed_charter())
    doc = sarif(run_pk, ".", "--show-suppressed", cwd=tmp_path)
    validate(doc)
    assert_github_accepts(doc)
    codes = {r["ruleId"] for r in doc["runs"][0]["results"]}
    assert {"E001", "E006", "E003", "E002", "V006"} <= codes


def test_a_clean_run_has_an_empty_results_list(run_pk, tmp_path):
    write(tmp_path, "charter.yaml", (EXAMPLES / "healthy.charter.yaml").read_text())
    doc = sarif(run_pk, "charter.yaml", cwd=tmp_path, ok=(0,))
    validate(doc)
    assert doc["runs"][0]["results"] == []


def test_driver_lists_every_rule_with_its_help(run_pk, tmp_path):
    write(tmp_path, "charter.yaml", duplicate_id_charter())
    driver = sarif(run_pk, "charter.yaml", cwd=tmp_path)["runs"][0]["tool"]["driver"]
    from partnerkit import __version__

    assert driver["name"] == "partnerkit"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    registry = all_rules()
    assert [r["id"] for r in driver["rules"]] == [r.code for r in registry]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(driver["rules"], registry):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert rule.why in descriptor["fullDescription"]["text"]
        assert rule.why in descriptor["help"]["text"] and rule.fix in descriptor["help"]["text"]
        assert rule.why in descriptor["help"]["markdown"] and rule.fix in descriptor["help"]["markdown"]
        if rule.example:
            assert rule.example in descriptor["help"]["text"]
            assert f"\n{rule.example}\n```" in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
        assert descriptor["properties"]["lesson"] == rule.lesson


def test_result_points_at_the_finding_with_its_related_place(run_pk, tmp_path):
    write(tmp_path, "charters/dup.charter.yaml", duplicate_id_charter())
    doc = sarif(run_pk, "charters", cwd=tmp_path)
    run = doc["runs"][0]
    [res] = [r for r in run["results"] if r["ruleId"] == "E003"]
    [ref] = [f for f in json_findings(run_pk, "charters", cwd=tmp_path) if f["code"] == "E003"]
    assert res["level"] == "error"
    assert res["message"]["text"] == f"{ref['message']}\nhint: {ref['hint']}"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "charters/dup.charter.yaml", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": ref["line"], "startColumn": ref["column"],
                             "endLine": ref["end_line"], "endColumn": ref["end_column"]}
    [rel] = res["relatedLocations"]
    assert rel["id"] == 1
    assert rel["message"]["text"] == ref["related"][0]["message"]
    assert rel["physicalLocation"]["region"]["startLine"] == ref["related"][0]["line"]
    assert rel["physicalLocation"]["artifactLocation"]["uri"] == "charters/dup.charter.yaml"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert "suppressions" not in res


def test_uris_are_relative_to_the_current_folder_even_for_absolute_arguments(run_pk, tmp_path):
    path = write(tmp_path, "a b/dup.charter.yaml", duplicate_id_charter())
    doc = sarif(run_pk, path.resolve(), cwd=tmp_path)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert uris == {"a%20b/dup.charter.yaml"}


def test_fingerprints_survive_moved_lines_and_differ_between_findings(run_pk, tmp_path):
    def prints():
        doc = sarif(run_pk, "charter.yaml", cwd=tmp_path)
        return [(r["ruleId"], r["partialFingerprints"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in doc["runs"][0]["results"]]

    text = duplicate_id_charter().replace("agreed_by: [northwind, unilab]", "agreed_by: [northwind, nobody]")
    write(tmp_path, "charter.yaml", text)
    before = prints()
    write(tmp_path, "charter.yaml", "# a comment\n# and another\n" + text)
    after = prints()
    assert {"E003", "E004"} <= {code for code, _, _ in before}
    assert [(code, fp) for code, fp, _ in before] == [(code, fp) for code, fp, _ in after]
    assert [line + 2 for _, _, line in before] == [line for _, _, line in after]
    assert len({json.dumps(fp) for _, fp, _ in before}) == len(before)


def test_suppressed_findings_only_with_show_suppressed(run_pk, tmp_path):
    write(tmp_path, "charter.yaml", suppressed_charter())
    hidden = sarif(run_pk, "charter.yaml", cwd=tmp_path)["runs"][0]["results"]
    assert not [r for r in hidden if r["ruleId"] == "V006"]
    shown = sarif(run_pk, "charter.yaml", "--show-suppressed", cwd=tmp_path)["runs"][0]["results"]
    [res] = [r for r in shown if r["ruleId"] == "V006"]
    assert res["suppressions"] == [{"kind": "inSource", "justification": "kept as our own"}]
    assert "frugality" in res["message"]["text"]


def test_external_suppressions_and_unreadable_paths():
    f = finding(related=[RELATED], suppressed="accepted for the pilot", suppressed_by="baseline")
    doc = sarif_format.document([result(findings=[f])], info(show_suppressed=True, errors=["cannot read gone.yaml: No such file"]),
                                cwd="/work")
    validate(doc)
    run = doc["runs"][0]
    assert run["results"][0]["suppressions"] == [{"kind": "external", "justification": "accepted for the pilot"}]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "gone.yaml" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_stdin_is_named_by_stdin_filename(run_pk, tmp_path):
    out = run_pk("lint", "-", "--stdin-filename", "sub/x.charter.yaml", "--format", "sarif",
                 input=duplicate_id_charter().encode(), cwd=tmp_path)
    doc = json.loads(out.stdout)
    validate(doc)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert uris == {"sub/x.charter.yaml"}
    plain = json.loads(run_pk("lint", "-", "--format", "sarif", input=b"- a list\n", cwd=tmp_path).stdout)
    validate(plain)
    assert plain["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%3Cstdin%3E"


def test_results_come_errors_first_then_warnings_then_notes(run_pk, tmp_path):
    write(tmp_path, "a.charter.yaml", suppressed_charter())  # warnings and notes
    write(tmp_path, "b.charter.yaml", duplicate_id_charter())  # an error, after the first file's findings
    results = sarif(run_pk, ".", cwd=tmp_path)["runs"][0]["results"]
    levels = [r["level"] for r in results]
    assert levels == sorted(levels, key=["error", "warning", "note"].index) and levels[0] == "error"

@pytest.mark.slow

def test_a_run_holds_at_most_25000_results_and_says_what_it_left_out(run_pk, tmp_path):
    # 260 charters with about a hundred schema errors each: more than GitHub code scanning accepts in one run.
    body = "".join(f"unknown{i}: x\n" for i in range(110))
    for n in range(260):
        write(tmp_path, f"c{n:03}.charter.yaml", duplicate_id_charter() + body)
    doc = sarif(run_pk, ".", cwd=tmp_path)
    run = doc["runs"][0]
    # Everything the cap adds is validated, with the results at both ends of the log: the schema check of all
    # 25,000 takes eight seconds, and each result has the shape the other tests validate in full.
    validate({**doc, "runs": [{**run, "results": run["results"][:300] + run["results"][-300:]}]})
    total = len(json_findings(run_pk, ".", cwd=tmp_path))
    assert total > 25_000 and len(run["results"]) == 25_000
    omitted = run["properties"]["omitted"]
    assert sum(omitted.values()) == total - 25_000
    [note] = [n for n in run["invocations"][0]["toolExecutionNotifications"] if n["level"] == "warning"]
    assert "only the first 25,000" in note["message"]["text"] and f"{omitted['error']:,} errors" in note["message"]["text"]


def test_the_cap_keeps_errors_before_anything_else():
    many = [finding(severity="info", message=f"note {i}") for i in range(4)] + [finding(severity="error", message="e")]
    import partnerkit.outputs.sarif_format as sf

    saved, sf.MAX_RESULTS = sf.MAX_RESULTS, 2
    try:
        doc = sarif_format.document([result(findings=many)], info())
    finally:
        sf.MAX_RESULTS = saved
    run = doc["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "note"]
    assert run["properties"]["omitted"] == {"error": 0, "warning": 0, "note": 3}
    validate(doc)


def test_errors_in_later_files_push_out_warnings_already_written():
    # four warnings where three fit: the cut falls between results, never at a line separator inside one
    first = [finding(severity="warning", message=f"w{i}\u2028\x85") for i in range(4)] + [finding(severity="info", message="n")]
    later = [finding(severity="error", message=f"e{i}", file="b.charter.yaml") for i in range(2)]
    import partnerkit.outputs.sarif_format as sf

    saved, sf.MAX_RESULTS = sf.MAX_RESULTS, 3
    try:
        doc = sarif_format.document([result(findings=first), result(path="b.charter.yaml", findings=later)], info())
    finally:
        sf.MAX_RESULTS = saved
    run = doc["runs"][0]
    assert [r["message"]["text"].split("\n")[0] for r in run["results"]] == ["e0", "e1", "w0\u2028\x85"]
    assert run["properties"]["omitted"] == {"error": 0, "warning": 3, "note": 1}
    validate(doc)


def test_results_are_written_as_json_dumps_would_write_them(tmp_path):
    import os

    from partnerkit.lint.engine import lint_bytes
    from partnerkit.outputs.sarif_format import _rule_index, result, result_json
    from tests.conftest import SPEC_EXAMPLE

    lint = lint_bytes(SPEC_EXAMPLE.read_bytes(), "charters/a b.charter.yaml", None, AS_OF)
    odd = [finding(message='quotes " and \\ and \x00\x1b ünïcode\u2028', related=[RELATED], suppressed="kept",
                   suppressed_by="comment"), finding(code="X999", path=(), related=[RELATED]),
           finding(file="/elsewhere/x.charter.yaml")]
    a, b = {}, {}
    for f in lint.findings + odd + odd:  # twice: repeated fingerprints get their number
        assert result_json(f, _rule_index(), os.getcwd(), a) == json.dumps(result(f, _rule_index(), os.getcwd(), b),
                                                                          ensure_ascii=False)


@pytest.mark.parametrize("chunk", [1, 5, 64, 1 << 20])
def test_a_file_written_through_its_byte_buffer_is_the_document_written_in_memory(tmp_path, monkeypatch, chunk):
    # results are kept as UTF-8 bytes until the end and copied out in blocks; a block may end anywhere,
    # even inside a character, and the cap may fall inside a block
    import partnerkit.outputs.sarif_format as sf
    from partnerkit.outputs.common import Spill

    files = [result(path=f"c{i}.charter.yaml", findings=[
        finding(severity=s, message=f"ünï {s} {i} \u2028", file=f"c{i}.charter.yaml") for s in ("info", "warning", "error")])
        for i in range(4)]
    monkeypatch.setattr(Spill, "CHUNK", chunk)
    monkeypatch.setattr(sf, "MAX_RESULTS", 10)
    in_memory = sf.render(files, info())
    written = written_to_file(sf.SarifWriter, files, tmp_path / "out.sarif")
    assert written == in_memory
    run = json.loads(written)["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error"] * 4 + ["warning"] * 4 + ["note"] * 2
    assert run["properties"]["omitted"] == {"error": 0, "warning": 0, "note": 2}
    validate(json.loads(written))
