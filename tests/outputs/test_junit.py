"""`--format junit`: JUnit XML valid against Jenkins xunit's junit-10.xsd, one test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from partnerkit.outputs import junit_format
from tests.conftest import AS_OF, EXAMPLES
from tests.outputs.helpers import (RELATED, control_char_charter, duplicate_id_charter, finding, info, json_findings,
                                   result, suppressed_charter, write, written_to_file)


XSD = Path("/work/shared/schemas/junit-10.xsd")


def valid(text: bytes | str) -> None:
    """Valid for Jenkins' junit-10.xsd, and at most one <failure> per test case (the strict Ant schema's rule)."""
    if not XSD.exists():
        pytest.skip(f"the JUnit schema is not at {XSD}")
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(text.encode() if isinstance(text, str) else text)
    assert schema.validate(doc), schema.error_log
    assert all(len(case.findall("failure")) <= 1 for case in doc.iter("testcase"))


def junit(run_pk, *args, cwd=None):
    out = run_pk("lint", "--format", "junit", "--as-of", AS_OF.isoformat(), *args, cwd=cwd)
    assert out.returncode in (0, 1, 2), out.stderr
    valid(out.stdout)
    return ET.fromstring(out.stdout), out


def check_counts(root) -> None:
    """Every count attribute matches the elements it counts."""
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        counts = {"tests": len(cases),
                  "failures": sum(1 for c in cases if c.find("failure") is not None),
                  "errors": sum(1 for c in cases if c.find("error") is not None),
                  "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
        assert {k: int(suite.get(k)) for k in counts} == counts
        totals = {k: totals[k] + counts[k] for k in totals}
    assert {k: int(root.get(k)) for k in ("tests", "failures", "errors")} == {k: totals[k] for k in ("tests", "failures", "errors")}
    assert root.get("skipped") is None  # not an attribute of <testsuites> in junit-10.xsd


def test_one_suite_per_file_one_case_and_one_failure_per_finding(run_pk):
    root, _ = junit(run_pk, EXAMPLES)
    assert root.tag == "testsuites"
    check_counts(root)
    findings = json_findings(run_pk, EXAMPLES)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {str(EXAMPLES / "acme-globex.charter.yaml"), str(EXAMPLES / "healthy.charter.yaml")}
    for name, suite in suites.items():
        mine = [f for f in findings if f["file"] == name]
        cases = suite.findall("testcase")
        assert len(cases) == max(1, len(mine))
        assert all(c.get("classname") == name for c in cases)
        assert [len(c.findall("failure")) for c in cases] == [1] * len(mine) or (not mine and cases[0].get("name") == "partnerkit lint")
        names = [c.get("name") for c in cases]
        assert len(set(names)) == len(names)  # a dashboard can follow each case from run to run
    a009 = sorted(c.get("name") for c in root.iter("testcase") if c.get("name").startswith("A009"))
    assert a009 == ["A009 level-gap: pulse entry 2 (acme execution), `scores.communication`",
                    "A009 level-gap: pulse entry 2 (acme execution), `scores.priorities`",
                    "A009 level-gap: pulse entry 4 (globex execution), `scores.communication`"]


def test_the_same_rule_on_the_same_thing_twice_gets_numbered_cases():
    twice = [finding(message="first"), finding(message="second")]
    root = ET.fromstring(junit_format.render([result(findings=twice)], info()))
    assert [c.get("name") for c in root.iter("testcase")] == ["V004 value-not-shared: the charter",
                                                             "V004 value-not-shared: the charter #2"]


def test_failure_carries_message_position_and_hint(run_pk, tmp_path):
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    root, out = junit(run_pk, "dup.charter.yaml", cwd=tmp_path)
    assert out.returncode == 1
    check_counts(root)
    [ref] = [f for f in json_findings(run_pk, "dup.charter.yaml", cwd=tmp_path) if f["code"] == "E003"]
    [case] = [c for c in root.iter("testcase") if c.get("name").startswith("E003 duplicate-id")]
    assert case.get("classname") == "dup.charter.yaml"
    [failure] = case.findall("failure")
    assert failure.get("message") == ref["message"]
    assert failure.get("type") == "error"
    assert f"dup.charter.yaml:{ref['line']}:{ref['column']}:" in failure.text
    assert f"hint: {ref['hint']}" in failure.text
    assert f"related: dup.charter.yaml:{ref['related'][0]['line']}:" in failure.text


def test_clean_file_is_a_passing_case(run_pk, tmp_path):
    write(tmp_path, "charter.yaml", (EXAMPLES / "healthy.charter.yaml").read_text())
    root, out = junit(run_pk, "charter.yaml", cwd=tmp_path)
    assert out.returncode == 0
    [suite] = root.findall("testsuite")
    [case] = suite.findall("testcase")
    assert (case.get("classname"), case.get("name"), list(case)) == ("charter.yaml", "partnerkit lint", [])
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_control_characters_and_markup_from_the_charter_cannot_break_the_xml(run_pk, tmp_path):
    write(tmp_path, "odd.charter.yaml", control_char_charter())
    root, _ = junit(run_pk, "odd.charter.yaml", cwd=tmp_path)
    [failure] = [f for f in root.iter("failure") if "bad" in f.get("message")]
    assert failure.get("message") == ("unknown key `bad\\x07key|x` in the charter; the keys allowed here: partnerkit, id, "
                                      "title, kind, started, phase, horizon_months, review, partners, vision, values, "
                                      "governance, tensions, hypotheses, metrics, milestones, pulse, data, lint, notes")

    nasty = finding(message='a <b> & "c" \x00\x1b[31m\ufffe\r\nend]]>', hint="\x0c", file="a&<b>.charter.yaml",
                    related=[RELATED])
    text = junit_format.render([result("a&<b>.charter.yaml", [nasty])], info())
    valid(text)
    root = ET.fromstring(text)
    check_counts(root)
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == 'a <b> & "c" \\x00\\x1b[31m\\ufffe\r\nend]]>'
    assert root.find("testsuite").get("name") == "a&<b>.charter.yaml"


def test_suppressed_findings_are_skipped_cases_only_with_show_suppressed(run_pk, tmp_path):
    write(tmp_path, "charter.yaml", suppressed_charter())
    root, _ = junit(run_pk, "charter.yaml", cwd=tmp_path)
    assert not [c for c in root.iter("testcase") if c.get("name", "").startswith("V006")]
    root, _ = junit(run_pk, "charter.yaml", "--show-suppressed", cwd=tmp_path)
    check_counts(root)
    [case] = [c for c in root.iter("testcase") if c.get("name").startswith("V006 partner-value-undiscussed")]
    assert case.find("failure") is None
    assert case.find("skipped").get("message") == "suppressed: kept as our own"
    assert "frugality" in case.find("system-out").text


def test_unreadable_paths_are_errors(run_pk, tmp_path):
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    root, out = junit(run_pk, "dup.charter.yaml", "missing.charter.yaml", cwd=tmp_path)
    assert out.returncode == 2
    assert "missing.charter.yaml" in out.stderr.decode()
    check_counts(root)
    [error] = root.iter("error")
    assert "missing.charter.yaml" in error.get("message")
    assert int(root.get("errors")) == 1


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_a_file_written_through_its_byte_buffer_is_the_document_written_in_memory(tmp_path, monkeypatch, chunk):
    # suites are kept as UTF-8 bytes until the totals are known, then copied out in blocks that may end
    # inside a character
    from partnerkit.outputs.common import Spill

    files = [result(path=f"c{i}.charter.yaml", findings=[finding(message=f"ünï {i} ✓", file=f"c{i}.charter.yaml")])
             for i in range(3)]
    monkeypatch.setattr(Spill, "CHUNK", chunk)
    in_memory = junit_format.render(files, info())
    assert written_to_file(junit_format.JunitWriter, files, tmp_path / "out.xml") == in_memory
    assert in_memory.count("ünï") == 6 and in_memory.rstrip().endswith("</testsuites>")  # a message is in its failure's
    # attribute and text
