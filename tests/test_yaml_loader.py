"""The YAML loader: YAML 1.2 where the two parsers used to differ, and the parser each process reads with.

What a user would notice: a reserved directive is ignored, a malformed
``%YAML`` is E001, ``.nan`` and ``nan`` are different keys, complex keys are
compared whole, a trailing tab is fine with or without the C parser; the C
parser is used where it is installed, ``partnerkit version --verbose`` says
which parser reads charters and why, and the deferred events the fast path
builds are exactly the C parser's own.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from partnerkit.load import parsers
from partnerkit.load.positions import Pos, node_at, resolve, typed
from partnerkit.load.yamlload import load_yaml
from tests.conftest import HEALTHY, SPEC_EXAMPLE, partnerkit_exe
from tests.yaml_cases import CASES

HAS_CLIB = importlib.util.find_spec("_ruamel_yaml") is not None
HAS_CLIBZ = importlib.util.find_spec("_ruamel_yaml_clibz") is not None
HAS_C = HAS_CLIB or HAS_CLIBZ
NO_C = pytest.mark.skipif(not HAS_C, reason="no C parser is installed")
BOTH = pytest.mark.parametrize("fast", [True, False], ids=["c-path", "pure-path"])


def codes(text: str, fast: bool) -> list[tuple[str, int, int]]:
    return [(p.code, p.loc.line, p.loc.col) for p in load_yaml(text, fast=fast).problems]


# --- directives ----------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize("text", ["%FOO bar baz\n---\na: 1\n", "%YAM 1.1\n---\na: 1\n", "%YAMLL 1.1\n---\na: 1\n",
                                  "# note\n%FOO\n%YAML 1.2\n---\na: 1\n", "%YAML 1.2   # a comment\n---\na: 1\n",
                                  "%YAML\t 1.1\n---\na: 1\n"])
def test_reserved_directives_are_ignored_and_well_formed_ones_read(text, fast):
    out = load_yaml(text, fast=fast)
    assert (out.data, out.problems) == ({"a": 1}, [])
    assert (typed(out.pos).sub["a"][0].line, typed(out.pos).sub["a"][0].col) == (text.count("\n") - 1 + 1, 1)  # positions kept


@BOTH
@pytest.mark.parametrize("text, line, words", [
    ("%YAML 1.1#...\n---\na: 1\n", 1, "malformed `%YAML`"),
    ("%YAML 1.2 extra\n---\na: 1\n", 1, "malformed `%YAML`"),
    ("%YAML one\n---\na: 1\n", 1, "malformed `%YAML`"),
    ("%YAML 2.0\n---\na: 1\n", 1, "YAML 2.0 is not YAML 1"),
    ("%YAML 1.2\n# fine\n%YAML 1.2\n---\na: 1\n", 3, "second `%YAML`"),
    ("%YAML 1.2\na: 1\n", 2, "followed by `---`"),
    ("%FOO\n", 1, "followed by a document"),
    ("% bar\n---\na: 1\n", 1, "needs a name"),
])
def test_a_malformed_yaml_directive_is_e001_where_it_is(text, line, words, fast):
    out = load_yaml(text, fast=fast)
    assert [(p.code, p.loc.line) for p in out.problems] == [("E001", line)]
    assert words in out.problems[0].message and out.data is None


@BOTH
def test_yaml_1_1_declared_is_still_read_as_yaml_1_2(fast):
    assert load_yaml("%YAML 1.1\n---\na: yes\nb: on\n", fast=fast).data == {"a": "yes", "b": "on"}


# --- keys ------------------------------------------------------------------------------


@BOTH
def test_nan_and_dot_nan_are_different_keys(fast):
    out = load_yaml(".nan: 1\nnan: 2\n", fast=fast)
    assert out.problems == [] and len(out.data) == 2 and out.data["nan"] == 2
    assert [p.code for p in load_yaml(".nan: 1\n.NaN: 2\n", fast=fast).problems] == ["E001"]  # the same float


@BOTH
def test_numbers_and_booleans_equal_in_python_are_different_keys(fast):
    out = load_yaml("1: a\n1.0: b\ntrue: c\n'1': d\n", fast=fast)
    assert out.problems == [] and sorted(out.data.values()) == ["a", "b", "c", "d"]
    assert [p.code for p in load_yaml("1: a\n0x1: b\n", fast=fast).problems] == ["E001"]  # the same integer
    assert [p.code for p in load_yaml("!!float 1: a\n1.0: b\n", fast=fast).problems] == ["E001"]


@BOTH
def test_complex_keys_are_compared_whole(fast):
    long = ", ".join(["item"] * 40)  # far past the first 80 characters
    differ = load_yaml(f"? [{long}, x]\n: v\n? [{long}, y]\n: w\n", fast=fast)
    assert [p.code for p in differ.problems] == [] and len(differ.data) == 2
    same = load_yaml(f"? [{long}, x]\n: v\n? [{long}, x]\n: w\n", fast=fast)
    assert [(p.code, p.loc.line) for p in same.problems] == [("E001", 3)] and len(same.data) == 1
    unordered = load_yaml("? {a: 1, b: 2}\n: v\n? {b: 2, a: 1}\n: w\n", fast=fast)
    assert [p.code for p in unordered.problems] == ["E001"]  # a mapping is the same in any order
    text_too = load_yaml("? [1, 2]\n: v\n'[1, 2]': w\n", fast=fast)
    assert text_too.problems == [] and len(text_too.data) == 2  # a complex key is not its text


@BOTH
def test_a_complex_key_is_shown_short_in_messages(fast):
    long = ", ".join(["word"] * 60)
    out = load_yaml(f"? [{long}]\n: v\n? [{long}]\n: w\n", fast=fast)
    assert len(out.problems[0].message) < 200 and "…" in out.problems[0].message


# --- tabs and other white space --------------------------------------------------------


@BOTH
@pytest.mark.parametrize("text, data", [
    ("a: b\t\n", {"a": "b"}),
    ("a: b\t\nc: \u2028d\n", {"a": "b", "c": "d"}),  # a line separator used to switch paths
    ("a: b \t # note\nc: d\t# note\n", {"a": "b", "c": "d"}),
    ("a:\tb\n", {"a": "b"}),
    ("title: Foo\tBar\n", {"title": "Foo\tBar"}),
    ("a:\n  - b\t\n  - \"c\"\t\n", {"a": ["b", "c"]}),
    ("a: 1\n\t\nb: 2\n", {"a": 1, "b": 2}),
    ("a: |\n  x\t\n", {"a": "x\t\n"}),
])
def test_tabs_where_yaml_1_2_allows_them(text, data, fast):
    out = load_yaml(text, fast=fast)
    assert (out.data, out.problems) == (data, [])


@BOTH
@pytest.mark.parametrize("text", ["a:\n\tb: 1\n", "a:\n  b: 1\n  \tc: 2\n", "-\t- x\n"])
def test_a_tab_never_indents(text, fast):
    assert [c for c, _, _ in codes(text, fast)] == ["E001"]


@BOTH
def test_a_block_scalar_opening_with_a_short_empty_line(fast):
    assert load_yaml("a: |\n \n  text\n", fast=fast).data == {"a": "\ntext\n"}
    assert [c for c, _, _ in codes("a: |\n   \n  text\n", fast)] == ["E001"]  # longer than the text: YAML 1.2 says no


@BOTH
def test_an_empty_value_sits_just_after_its_colon(fast):
    pos = typed(load_yaml('a:\n"b" :  # x\nc: {d: }\n? e\n:\n', fast=fast).pos)
    empty = [pos.sub["a"][1], pos.sub["b"][1], pos.sub["c"][1].sub["d"][1], pos.sub["e"][1]]
    assert [(v.line, v.col, v.end_line, v.end_col) for v in empty] == [(1, 3, 1, 3), (2, 6, 2, 6), (3, 7, 3, 7),
                                                                       (5, 2, 5, 2)]


@BOTH
def test_a_node_starts_at_its_first_property(fast):
    pos = typed(load_yaml("a: !!str &x 5\nb: &y !!str 6\nc: *x\n", fast=fast).pos)
    assert [(v.line, v.col) for _, v in pos.sub.values()] == [(1, 4), (2, 4), (3, 4)]  # an alias where it is used


@BOTH
def test_every_way_of_asking_where_a_plain_scalar_is_gives_the_same_place(fast):
    """A key, a value and an item, asked for by path, by node or through the typed tree: the same 1-based place."""
    out = load_yaml("a:\n  b: text\n  c: [x, 'y']\n", fast=fast)

    def place(p):
        return p.line, p.col, p.end_line, p.end_col

    assert place(resolve(out.pos, ("a", "b"), at_value=True)) == (2, 6, 2, 10)
    assert place(Pos.of(node_at(out.pos, ("a", "b")))) == (2, 6, 2, 10)
    assert place(typed(out.pos).sub["a"][1].sub["b"][1]) == (2, 6, 2, 10)
    assert place(resolve(out.pos, ("a", "b"))) == (2, 3, 2, 4)  # the key
    assert place(resolve(out.pos, ("a", "c", 0))) == (3, 7, 3, 8)  # an item
    assert typed(out.pos).sub["a"][1].end_line == 2  # a mapping ends where its first key does


# --- the parser of this process --------------------------------------------------------


@NO_C
def test_the_c_parser_is_used_where_it_is_installed():
    chosen = parsers.chosen()
    assert (chosen.kind, chosen.dist) == ("c", "ruamel.yaml.clib" if HAS_CLIB else "ruamel.yaml.clibz")
    load_yaml("a: 1\n")
    assert parsers.factories(chosen) and chosen.deferred is True, chosen.check
    assert parsers.fixes().startswith("on")
    assert parsers.chosen() is chosen  # chosen once


def test_without_a_c_parser_the_pure_one_says_why(monkeypatch):
    monkeypatch.setitem(sys.modules, "_ruamel_yaml", None)  # an import that fails
    monkeypatch.setitem(sys.modules, "_ruamel_yaml_clibz", None)
    chosen = parsers.choose()
    assert chosen.kind == "pure"
    assert parsers.describe(chosen).startswith("pure Python, about 20 times slower: no C parser is installed")


@NO_C
def test_ruamel_0_19_clibz_alone_is_used_as_the_c_parser(monkeypatch):
    """Where only ruamel.yaml.clibz is installed its parser is used, deferred, with the same results."""
    import importlib

    clibz = importlib.import_module("_ruamel_yaml_clibz" if HAS_CLIBZ else "_ruamel_yaml")  # the same parser API
    monkeypatch.setitem(sys.modules, "_ruamel_yaml", None)
    monkeypatch.setitem(sys.modules, "_ruamel_yaml_clibz", clibz)
    chosen = parsers.choose()
    assert (chosen.kind, chosen.dist, chosen.why) == ("c", "ruamel.yaml.clibz", "ruamel.yaml.clib is not installed")
    assert "ruamel.yaml.clibz" in parsers.describe(chosen) and chosen.deferred
    monkeypatch.setattr(parsers, "_chosen", chosen)
    for text in (SPEC_EXAMPLE.read_text(encoding="utf-8"), *CASES["flow"], *CASES["anchor"]):
        got, plain = load_yaml(text), load_yaml(text, fast=False)
        assert (repr(got.data), [p.loc for p in got.problems]) == (repr(plain.data), [p.loc for p in plain.problems])


def test_a_c_parser_that_fails_is_passed_over_with_the_reason(monkeypatch):
    class Broken:
        __name__ = "_ruamel_yaml"

        @staticmethod
        def CParser(text):  # noqa: N802 - the C module's own name
            raise RuntimeError("built against another ruamel")

    monkeypatch.setitem(sys.modules, "_ruamel_yaml", Broken)
    monkeypatch.setitem(sys.modules, "_ruamel_yaml_clibz", None)
    chosen = parsers.choose()
    assert chosen.kind == "pure" and "ruamel.yaml.clib is installed but its parser fails" in chosen.why


@NO_C
def test_deferral_is_off_when_the_c_parser_builds_other_events(monkeypatch):
    class Other:
        pass

    module = parsers.chosen().module
    chosen = parsers.Parser("c", module, parsers.chosen().dist)
    monkeypatch.setattr(module, "ScalarEvent", Other)
    assert parsers.factories(chosen) == {} and chosen.deferred is False
    assert "does not build events from ruamel.yaml.events (ScalarEvent)" in chosen.check


@NO_C
def test_deferred_events_are_the_c_parsers_own():
    """The event-class swap still matches ruamel's events: every event of every document the C parser reads."""
    chosen = parsers.chosen()
    assert parsers.factories(chosen)
    texts = [SPEC_EXAMPLE.read_text(encoding="utf-8"), HEALTHY.read_text(encoding="utf-8")]
    texts += [t for texts_ in CASES.values() for t in texts_]
    compared = 0
    for text in texts:
        try:
            real = [parsers.deferred(ev) for ev in iter(chosen.module.CParser(text).get_event, None)]
        except Exception:  # noqa: BLE001 - a document the C parser refuses
            continue
        get, restore = parsers.c_events(chosen, text)
        try:
            got = list(iter(get, None))
        finally:
            restore()
        assert len(got) == len(real) and all(parsers.same(g, r) for g, r in zip(got, real)), text
        compared += 1
    assert compared > 200


def test_version_verbose_says_which_parser_reads_charters_and_why():
    proc = subprocess.run([*partnerkit_exe(), "--version", "--verbose"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("partnerkit ") and any(line.startswith("ruamel.yaml: ") for line in lines)
    parser = next(line for line in lines if line.startswith("YAML parser: "))
    if HAS_C:
        module, dist = ("_ruamel_yaml", "ruamel.yaml.clib") if HAS_CLIB else ("_ruamel_yaml_clibz", "ruamel.yaml.clibz")
        assert parser.startswith(f"YAML parser: C, {module} from {dist} ")
        assert "events deferred: the self-check passed" in parser
    else:
        assert parser.startswith("YAML parser: pure Python")
    assert "YAML 1.2 fixes to the pure-Python parser: on (self-check passed)" in lines


def test_the_version_command(cli):
    assert cli("version").stdout.startswith("partnerkit ") and len(cli("version").stdout.splitlines()) == 1
    assert "YAML parser: " in cli("version", "--verbose").stdout
