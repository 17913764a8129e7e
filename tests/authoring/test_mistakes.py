"""Writing a charter by hand: every common mistake gets one finding that says what to do, on both parser paths."""

from __future__ import annotations

import pytest

from tests.authoring.mistakes import DOC, MISTAKES, findings, markdown


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.title for m in MISTAKES])
def test_one_finding_that_says_what_to_do(mistake):
    found = findings(mistake)
    assert [f.code for f in found] == [mistake.code], [(f.code, f.message) for f in found]
    words = f"{found[0].message} {found[0].hint}".lower()
    assert mistake.says.lower() in words
    assert "[0]" not in words and "[1]" not in words  # things are named by id and counted from 1
    assert "input should" not in words and "fix the yaml syntax at this position" not in words


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.code == "E001"], ids=lambda m: m.title)
def test_both_parsers_say_the_same(mistake):
    pytest.importorskip("_ruamel_yaml", reason="the fast path needs ruamel.yaml.clib")
    fast, plain = findings(mistake, fast=True), findings(mistake, fast=False)
    assert [(f.message, f.hint, f.line, f.col) for f in fast] == [(f.message, f.hint, f.line, f.col) for f in plain]


def test_the_table_in_the_docs_is_current():
    assert DOC.read_text(encoding="utf-8") == markdown(), "run: python -m tests.authoring.mistakes"
