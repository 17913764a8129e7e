"""Generated charters, valid and near-valid, through lint in every format and the report in both formats.

Promises checked on every example: no exception escapes, every position lies
inside the file (or names a CSV data file), the same input gives the same
output, JSON and SARIF parse as JSON and JUnit as XML.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.check import AS_OF, lint_and_check, report_check, reportable
from tests.hardening.charters import charter_text, valid_charter_text

PROPERTY = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
any_charter = st.one_of(charter_text, valid_charter_text)


@pytest.mark.slow
@PROPERTY
@given(any_charter)
def test_lint_in_every_format(text):
    data = text.encode("utf-8")
    result, outputs = lint_and_check(data, show_suppressed=True)
    again, outputs_again = lint_and_check(data, show_suppressed=True)
    assert outputs_again == outputs
    assert [f.sort_key() for f in again.findings] == [f.sort_key() for f in result.findings]


@PROPERTY
@given(any_charter)
def test_both_parsers_give_the_same_findings(text):
    """With or without the C parser (ruamel.yaml.clib), a charter gets the same findings at the same places."""
    from partnerkit.lint.engine import lint_bytes

    data = text.encode("utf-8")
    fast = lint_bytes(data, "c.charter.yaml", None, AS_OF, None, fast=True)
    plain = lint_bytes(data, "c.charter.yaml", None, AS_OF, None, fast=False)
    assert [(f.code, f.message, f.loc, f.path) for f in fast.findings] == [(f.code, f.message, f.loc, f.path)
                                                                        for f in plain.findings]


@pytest.mark.slow
@PROPERTY
@given(valid_charter_text)
def test_report_in_both_formats(text):
    result, _ = lint_and_check(text.encode("utf-8"))
    if not reportable(result):  # what `partnerkit report` renders: a charter with no E finding
        return
    md, html = report_check(result, AS_OF)
    assert (md, html) == report_check(result, AS_OF)
    assert "<script" not in html.lower()
