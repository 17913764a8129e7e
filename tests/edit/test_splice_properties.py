"""Any sequence of edits touches only the lines it must, and the text re-loads to the intended data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerkit.edit import Insert, Rename, Set
from partnerkit.edit.changes import expected
from partnerkit.edit.source import Source
from partnerkit.edit.splice import apply, splice
from tests.conftest import HEALTHY, SPEC_EXAMPLE

FLOW = Path(__file__).with_name("flow.charter.yaml")
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in (SPEC_EXAMPLE, HEALTHY, FLOW)}
TEXTS["crlf+bom"] = "\ufeff" + TEXTS[HEALTHY.name].replace("\n", "\r\n")

words = st.sampled_from(["yes", "on", "a: b", "#x", "- x", "[a]", "{a}", "36", "2026-01-01", "x, y", "plain words",
                         "", "é", "'q'", "null", "12:30", "trailing ", "multi\nline"])
scalars = st.one_of(words, st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False),
                    st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.booleans())
values = st.one_of(scalars, st.dictionaries(st.sampled_from(["date", "value", "note", "x-k"]), scalars, min_size=1,
                                            max_size=3))


def places(src: Source):
    """Scalars (not blocks of text), lists and mappings of the document, by data path."""
    found = {"scalar": [], "list": [], "map": []}

    def walk(value, pos, path):
        if isinstance(value, dict):
            found["map"].append(path)
            for k, v in value.items():
                walk(v, pos.sub[k][1], path + (k,))
        elif isinstance(value, list):
            found["list"].append(path)
            for i, v in enumerate(value):
                walk(v, pos.sub[i], path + (i,))
        else:
            start = src.offset(pos.line, pos.col)
            if src.text[start:start + 1] not in ("|", ">") and path and not str(path[-1]).startswith("x-"):
                found["scalar"].append(path)

    walk(src.data, src.pos, ())
    return found


@st.composite
def edit_for(draw, src: Source):
    found = places(src)
    kind = draw(st.sampled_from(["set", "insert", "add", "rename"]))
    if kind == "set" and found["scalar"]:
        return Set(draw(st.sampled_from(found["scalar"])), draw(scalars))
    if kind == "insert" and found["list"]:
        path = draw(st.sampled_from(found["list"]))
        size = len(src.value(path))
        return Insert(path, draw(values), draw(st.one_of(st.none(), st.integers(0, size))))
    maps = [p for p in found["map"] if p]
    path = draw(st.sampled_from(maps))
    keys = [k for k in src.value(path) if isinstance(k, str)]
    if kind == "rename" and keys:
        old = draw(st.sampled_from(keys))
        if "x-renamed" not in keys:
            return Rename(path + (old,), "x-renamed")
    fresh = draw(st.sampled_from(["x-new", "x-other", "notes"]))
    if fresh in keys:
        return Set(path + (fresh,), draw(scalars))
    return Set(path + (fresh,), draw(values))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(TEXTS)), st.data())
def test_edits_touch_only_their_own_lines_and_give_the_intended_data(name, data):
    text = TEXTS[name]
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    for _ in range(data.draw(st.integers(1, 4))):
        src = Source(body)
        edit = data.draw(edit_for(src))
        start, end, _new = splice(src, edit)
        after = apply(body, [edit])
        # every line before the first touched one, and after the last, is byte-identical
        first, last = src.line_of(start), src.line_of(end)
        old_lines, new_lines = body.splitlines(True), after.splitlines(True)
        assert new_lines[:first] == old_lines[:first]
        tail = old_lines[last + 1:]
        assert new_lines[len(new_lines) - len(tail):] == tail if tail else True
        # and it re-loads to exactly the data the edit asks for
        assert Source(after).data == expected(src.data, edit)
        assert after.count("\r\n") >= body.count("\r\n") and ("\r\n" in body) == ("\r\n" in after)
        body = after
    assert apply(("\ufeff" if bom else "") + body, []).startswith("\ufeff") == bom
