"""Inputs the fuzzer once broke partnerkit with, kept as plain tests: each now gets a clear finding, fast."""

from __future__ import annotations

import time

import pytest

from fuzz.check import lint_and_check
from tests.hardening.helpers import HEALTHY_TEXT, MINIMAL, SAMPLE


def codes(data: bytes, base_dir=None) -> list[tuple]:
    result, _ = lint_and_check(data, base_dir=base_dir, report=True)
    return [(f.code, f.line, f.col) for f in result.findings]


def test_nested_complex_keys_are_not_a_hang():
    # Each level's key is the text of the level below: it used to double at every level.
    data = MINIMAL.format(id="x").replace("id: x", "id: " + "{" * 63 + "}" * 63).encode()
    start = time.monotonic()
    found = codes(data)
    assert time.monotonic() - start < 5
    assert ("E002", 2, 5) in found


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("started: 2025-09-01", "started: 9999-12-31", {"E005", "M002"}),  # started + months: past year 9999
    ("horizon_months: 36", "horizon_months: 999999999999", set()),  # the horizon ends after year 9999
    ("  last: 2026-11-02", "  last: 9999-12-30", {"E005"}),  # last review + cadence: past year 9999
], ids=["started", "horizon", "review"])
def test_dates_at_the_end_of_the_calendar(old, new, expected):
    result, outputs = lint_and_check(HEALTHY_TEXT.replace(old, new).encode(), report=True)
    assert {f.code for f in result.findings} == expected
    assert ("html" in outputs) == (not expected)  # a clean charter still gets its report


def test_an_absurd_respondent_count_is_out_of_range():
    text = HEALTHY_TEXT.replace("responses: 3,", 'responses: "' + "9" * 400 + '",')
    assert ("E002", 184, 73) in codes(text.encode())


def test_an_error_at_the_end_of_a_file_without_a_final_newline_is_inside_the_file():
    for fast in (True, False):
        from partnerkit.lint.engine import lint_bytes

        result = lint_bytes(b"partnerkit: 1\nid: [a, b", "c.charter.yaml", fast=fast)
        # at the `[` left open: inside the file, where the reader has to act
        assert [(f.code, f.line, f.col) for f in result.findings] == [("E001", 2, 5)]


@pytest.mark.parametrize("partners", ["  - {id: [a], name: A}\n  - {id: {b: 1}, name: B}\n", "  7\n"], ids=["lists", "number"])
def test_csv_data_with_ids_that_are_not_text(tmp_path, partners):
    (tmp_path / "pulse.csv").write_text("date,partner,level,dimension,score,responses\n2026-10-05,a,executive,trust,4,3\n")
    (tmp_path / "readings.csv").write_text("metric,date,value\nm,2026-10-05,4\n")
    text = MINIMAL.format(id="x").replace("  - {id: a, name: A}\n  - {id: b, name: B}\n", partners)
    text += "metrics: [{id: [m], name: M, type: interim}]\ndata: {readings: readings.csv, pulse: pulse.csv}\n"
    found = codes(text.encode(), str(tmp_path))
    assert ("E004", 2, 12) in found  # `a` is not a known partner: the CSV row is reported at its cell
    assert ("E004", 2, 1) in found  # `m` is not a known metric


def test_invalid_utf8_after_carriage_returns_is_placed_on_its_line():
    data = SAMPLE.replace("\n", "\r").encode().replace("# é".encode(), b"# \xff")
    assert codes(data) == [("E001", 99, 50)]


def test_a_data_file_name_with_a_nul(tmp_path):
    text = MINIMAL.format(id="x") + 'data: {readings: "a\\0b.csv"}\n'
    result, _ = lint_and_check(text.encode(), base_dir=str(tmp_path))
    assert [f.message for f in result.findings if f.code == "E002"] == [
        "data.readings: cannot read `a\x00b.csv`: not a valid file name"]


def test_a_suppression_comment_with_thousands_of_words_is_one_finding():
    # `# partnerkit: ignore[E0[1,[1,...` on a 100 KB line used to give one finding, and a slow lookup, per word.
    line = "partnerkit: 1  # partnerkit: ignore[E0" + "[1," * 30000 + "] reason\n"
    start = time.process_time()
    result, _ = lint_and_check((line + MINIMAL.format(id="x").replace("partnerkit: 1\n", "")).encode())
    assert time.process_time() - start < 2
    comment = [f for f in result.findings if "suppression comment" in f.message]
    assert len(comment) == 1 and "29,997 more" in comment[0].message
