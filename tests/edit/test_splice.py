"""The editing core: whole files compared before and after; only the lines an edit changes differ."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from partnerkit.edit import Comment, EditError, Insert, Rename, Set, apply, text_changes
from partnerkit.load.yamlload import load_yaml
from tests.conftest import HEALTHY, SPEC_EXAMPLE

FLOW = Path(__file__).with_name("flow.charter.yaml")
DAY = date(2026, 11, 30)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def changed(lines: list[str], at: int, old: str, new: str) -> list[str]:
    """``lines`` with line ``at`` (1-based) checked to be ``old`` and replaced by ``new`` (any number of lines)."""
    assert lines[at - 1] == old, lines[at - 1]
    return lines[:at - 1] + [new] + lines[at:]


def added(lines: list[str], after: int, new: str) -> list[str]:
    return lines[:after] + [new] + lines[after:]


def line_no(lines: list[str], text: str) -> int:
    found = [i + 1 for i, line in enumerate(lines) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


# --- block style: the worked example -----------------------------------------------------

def test_a_reading_goes_after_its_flow_siblings_and_nothing_else_moves():
    lines = lines_of(SPEC_EXAMPLE)
    last = line_no(lines, "{date: 2026-08-31, value: 3}")
    want = added(lines, last, "      - {date: 2026-11-30, value: 4}\n")
    got = apply("".join(lines), [Insert(("metrics", 0, "readings"), {"date": DAY, "value": 4})])
    assert got == "".join(want)


def test_an_evidence_note_goes_after_its_block_siblings_in_their_layout():
    lines = lines_of(SPEC_EXAMPLE)
    at = line_no(lines, "note: 2 shippers signed; 3 more in negotiation")
    want = added(lines, at, "      - date: 2026-11-30\n        note: 'Renewed: 3 of 5, at list price'\n")
    got = apply("".join(lines), [Insert(("hypotheses", 0, "evidence"),
                                        {"date": DAY, "note": "Renewed: 3 of 5, at list price"})])
    assert got == "".join(want)


def test_a_replaced_scalar_keeps_the_comment_beside_it_in_its_column():
    lines = lines_of(SPEC_EXAMPLE)
    at = line_no(lines, "status: testing")
    want = changed(lines, at, "    status: testing                 # lint: overdue at 2026-11-15 (D004)\n",
                   "    status: validated               # lint: overdue at 2026-11-15 (D004)\n")
    assert apply("".join(lines), [Set(("hypotheses", 0, "status"), "validated")]) == "".join(want)


def test_new_keys_go_where_the_format_lists_them():
    lines = lines_of(SPEC_EXAMPLE)
    at = line_no(lines, "decision: pending               # lint: decision overdue (C003)")
    want = changed(lines, at, lines[at - 1], "    decision: stop                  # lint: decision overdue (C003)\n"
                   "    decided_on: 2026-11-30\n    rationale: Fewer than 3 shippers renewed\n")
    got = apply("".join(lines), [Set(("milestones", 0, "decision"), "stop"),
                                 Set(("milestones", 0, "rationale"), "Fewer than 3 shippers renewed"),
                                 Set(("milestones", 0, "decided_on"), DAY)])
    assert got == "".join(want)


def test_a_missing_section_is_added_in_block_style_after_its_predecessor():
    text = "".join(lines_of(HEALTHY)).replace("review:\n  cadence: monthly\n  last: 2026-11-02\n", "")
    lines = text.splitlines(keepends=True)
    at = line_no(lines, "horizon_months: 36")
    assert lines[at] == "\n"  # sections are set apart by blank lines: so is the new one
    want = added(lines, at, "\nreview:\n  last: 2026-11-30\n")
    assert apply(text, [Set(("review", "last"), DAY)]) == "".join(want)


def test_a_new_block_item_at_the_end_of_a_list_keeps_the_blank_line_after_it():
    lines = lines_of(SPEC_EXAMPLE)
    at = line_no(lines, "resolved_on: 2026-04-20")
    item = {"id": "T3", "raised": DAY, "by": "acme", "issue": "Yes: the #1 risk, [really]", "status": "open"}
    want = added(lines, at, "  - id: T3\n    raised: 2026-11-30\n    by: acme\n"
                            "    issue: 'Yes: the #1 risk, [really]'\n    status: open\n")
    assert lines[at] == "\n"
    assert apply("".join(lines), [Insert(("tensions",), item)]) == "".join(want)


def test_an_item_can_go_in_the_middle_or_at_the_start_of_a_list():
    lines = lines_of(SPEC_EXAMPLE)
    first = line_no(lines, "{date: 2026-05-31, value: 1}")
    want = added(lines, first, "      - {date: 2026-06-15, value: 1.5}\n")
    want = added(want, first - 1, "      - {date: 2026-04-30, value: 0}\n")
    got = apply("".join(lines), [Insert(("metrics", 0, "readings"), {"date": date(2026, 6, 15), "value": 1.5}, 1),
                                 Insert(("metrics", 0, "readings"), {"date": date(2026, 4, 30), "value": 0}, 0)])
    assert got == "".join(want)


# --- flow style ------------------------------------------------------------------------

def test_flow_lists_take_new_items_before_the_bracket_on_their_own_line():
    lines = lines_of(FLOW)
    at = line_no(lines, "{date: 2026-08-31, value: 3}]},   # stale by mid-November")
    want = changed(lines, at, lines[at - 1], "              {date: 2026-08-31, value: 3},\n"
                                             "              {date: 2026-11-30, value: 4}]},   # stale by mid-November\n")
    got = apply("".join(lines), [Insert(("metrics", 0, "readings"), {"date": DAY, "value": 4})])
    assert got == "".join(want)


def test_an_empty_flow_list_takes_its_first_item_inside_the_brackets():
    lines = lines_of(FLOW)
    at = line_no(lines, "readings: []}")
    want = changed(lines, at, "   readings: []}\n", "   readings: [{date: 2026-11-30, value: 27, note: 'late, again'}]}\n")
    got = apply("".join(lines), [Insert(("metrics", 1, "readings"), {"date": DAY, "value": 27, "note": "late, again"})])
    assert got == "".join(want)


def test_flow_items_copy_where_their_sibling_breaks_its_line():
    lines = lines_of(FLOW)
    at = line_no(lines, "scores: {vision: 4.0, trust: 3.5}}]")
    entry = {"date": DAY, "partner": "globex", "level": "executive", "responses": 5, "scores": {"vision": 4.2}}
    want = changed(lines, at, lines[at - 1],
                   "         scores: {vision: 4.0, trust: 3.5}},\n"
                   "        {date: 2026-11-30, partner: globex, level: executive, responses: 5,\n"
                   "         scores: {vision: 4.2}}]   # globex did not run the survey\n")
    assert apply("".join(lines), [Insert(("pulse",), entry)]) == "".join(want)


def test_flow_mappings_take_new_keys_and_replaced_values_in_place():
    lines = lines_of(FLOW)
    at = line_no(lines, "status: testing, confidence: {acme: 0.8, globex: 0.4},")
    want = changed(lines, at, lines[at - 1], "   status: validated, confidence: {acme: 0.8, globex: 0.6},\n")
    review = line_no(want, "review: {cadence: monthly, last: 2026-10-28}")
    want = changed(want, review, want[review - 1], "review: {cadence: monthly, last: 2026-11-30}   # the steering review\n")
    t1 = line_no(want, "owner: acme, status: open}]")
    want = changed(want, t1, want[t1 - 1],
                   "            owner: acme, status: resolved, resolved_on: 2026-11-30}]   # raised at the September steering\n")
    got = apply("".join(lines), [Set(("hypotheses", 0, "status"), "validated"),
                                 Set(("hypotheses", 0, "confidence", "globex"), 0.6),
                                 Set(("review", "last"), DAY),
                                 Set(("tensions", 0, "status"), "resolved"),
                                 Set(("tensions", 0, "resolved_on"), DAY)])
    assert got == "".join(want)


def test_a_json_charter_stays_json_where_it_can():
    text = '{\n  "partnerkit": 1,\n  "id": "x",\n  "tensions": [\n    {"id": "T1", "raised": "2026-01-01"}\n  ]\n}\n'
    got = apply(text, [Rename(("tensions", 0, "raised"), "date"), Set(("title",), "X")])
    assert got == ('{\n  "partnerkit": 1,\n  "id": "x",\n  "title": X,\n  "tensions": [\n'
                   '    {"id": "T1", "date": "2026-01-01"}\n  ]\n}\n')


# --- comments everywhere, line breaks, BOM ------------------------------------------------

COMMENTED = """\
# top comment
partnerkit: 1   # the format
# above the metrics
metrics:
  # above the first metric
  - id: M1      # beside the id
    readings:
      # above the first reading
      - {date: 2026-01-31, value: 1}   # beside a reading
      # between readings
      - {date: 2026-02-28, value: 2}
      # after the last reading, indented like one
    target: 5   # beside the target
# at the end
"""


def test_comments_above_beside_and_inside_lists_stay_where_they_are():
    got = apply(COMMENTED, [Insert(("metrics", 0, "readings"), {"date": date(2026, 3, 31), "value": 3}),
                            Set(("metrics", 0, "target"), 6),
                            Set(("metrics", 0, "baseline"), 0)])
    assert got == COMMENTED.replace(
        "      - {date: 2026-02-28, value: 2}\n",
        "      - {date: 2026-02-28, value: 2}\n      - {date: 2026-03-31, value: 3}\n").replace(
        "    target: 5   # beside the target\n", "    target: 6   # beside the target\n").replace(
        "# beside the id\n", "# beside the id\n    baseline: 0\n")  # where the format lists it: before readings


def test_comments_are_added_at_the_end_of_a_line():
    got = apply(COMMENTED, [Comment(11, "partnerkit: ignore[M011] seasonal"), Comment(13, "note")])
    lines = COMMENTED.splitlines(keepends=True)
    lines[10] = lines[10][:-1] + "  # partnerkit: ignore[M011] seasonal\n"
    lines[12] = "    target: 5   # beside the target  # note\n"
    assert got == "".join(lines)


@pytest.mark.parametrize("source", [SPEC_EXAMPLE, HEALTHY, FLOW], ids=lambda p: p.name)
def test_crlf_and_a_bom_are_kept(source):
    lf = source.read_text(encoding="utf-8")
    edits = [Insert(("metrics", 0, "readings"), {"date": DAY, "value": 21}), Set(("review", "last"), DAY),
             Insert(("tensions",), {"id": "T9", "raised": DAY, "by": "x", "issue": "y", "status": "open"})]
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    got = apply(crlf, edits)
    assert got == "\ufeff" + apply(lf, edits).replace("\n", "\r\n")
    assert got.count("\r\n") == got.count("\n") == got.count("\r")


def test_a_file_without_a_final_newline_stays_so():
    text = "partnerkit: 1\ngives: [a]\nreadings:\n  - 1"
    assert apply(text, [Insert(("readings",), 2), Insert(("gives",), "b")]) == \
        "partnerkit: 1\ngives: [a, b]\nreadings:\n  - 1\n  - 2"


def test_tabs_and_odd_indentation_elsewhere_are_untouched():
    text = "partnerkit: 1\nnotes: \"a\\tb\"\t\nmetrics:\n-   id: M1\n    readings:\n    -    {date: 2026-01-31, value: 1}\n"
    got = apply(text, [Insert(("metrics", 0, "readings"), {"date": date(2026, 2, 28), "value": 2}),
                       Insert(("metrics",), {"id": "M2", "name": "Shippers"})])
    assert got == text + "    -    {date: 2026-02-28, value: 2}\n-   id: M2\n    name: Shippers\n"


# --- quoting --------------------------------------------------------------------------

AWKWARD = ["yes", "no", "on", "off", "null", "~", "true", "36", "1.5", "0o17", "1_000", "12:30", "2026-01-01",
           "a: b", "x #y", "#x", "- x", "-x", "[a", "{a", "a, b", "a]b", "'q'", '"d"', "", " lead", "trail ",
           "tab\there", "multi\nline", "é ü ×", "\x1b[31mred", "*x", "&x", "!x", "%x", "@x", "`x", "? x", ">x",
           "|x", ".inf", ".nan", "0x1f", "1e3", "—"]


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_new_text_reads_back_as_that_text_in_block_and_flow_context(value):
    for text in ("partnerkit: 1\nitems:\n  - a\nmap:\n  k: v\n", "partnerkit: 1\nitems: [a]\nmap: {k: v}\n"):
        got = apply(text, [Insert(("items",), value), Set(("map", "new"), value), Set(("map", "k"), value)])
        data = load_yaml(got).data
        assert data["items"][-1] == value and data["map"]["new"] == value and data["map"]["k"] == value
        if value in ("yes", "no", "on", "off", "12:30"):  # YAML 1.1 tools would read a boolean or a number
            assert f"'{value}'" in got or f'"{value}"' in got


# --- refusals and renames -----------------------------------------------------------------

def test_an_edit_that_would_change_more_than_asked_is_refused():
    shared = "partnerkit: 1\na: &x {k: 1}\nb: *x\n"
    with pytest.raises(EditError, match="more than asked"):
        apply(shared, [Set(("b", "k"), 2)])
    block = "partnerkit: 1\nnotes: |\n  line one\n  line two\n"
    with pytest.raises(EditError):
        apply(block, [Comment(3, "inside the block")])


def test_unknown_places_are_refused_in_words():
    with pytest.raises(EditError, match="not a mapping"):
        apply("partnerkit: 1\nreview: monthly\n", [Set(("review", "last"), DAY)])
    with pytest.raises(EditError, match="not a list"):
        apply("partnerkit: 1\nmetrics: {a: 1}\n", [Insert(("metrics",), 1)])
    with pytest.raises(EditError, match="no key"):
        apply("partnerkit: 1\n", [Rename(("nothing",), "x")])


def test_a_key_is_renamed_in_block_and_flow_style():
    text = "partnerkit: 1\nevidence:\n  - on: 2026-01-01   # a date\n    note: x\n  - {on: 2026-02-01, note: y}\n"
    got = apply(text, [Rename(("evidence", 0, "on"), "date"), Rename(("evidence", 1, "on"), "date")])
    assert got == text.replace("on:", "date:")


def test_text_changes_turn_the_old_text_into_the_new():
    old = "".join(lines_of(SPEC_EXAMPLE)).replace("\n", "\r\n")
    new = apply(old, [Insert(("metrics", 0, "readings"), {"date": DAY, "value": 4}),
                      Set(("milestones", 0, "decision"), "continue")])
    changes = text_changes(old, new)
    assert len(changes) == 2
    starts = [0] + [i + 2 for i, _ in enumerate(old) if old.startswith("\r\n", i)]
    rebuilt = old
    for change in reversed(changes):
        loc = change.loc
        a = starts[loc.line - 1] + loc.col - 1
        b = starts[loc.end_line - 1] + loc.end_col - 1
        rebuilt = rebuilt[:a] + change.text + rebuilt[b:]
    assert rebuilt == new
