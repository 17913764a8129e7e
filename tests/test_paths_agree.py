"""Same answers on every path: the C parser and the pure-Python one, one process and the pool.

Checked on a generated corpus (``bench/corpus.py``), on every YAML file under
``tests/`` and ``examples/``, on hand-written documents that exercise the
loader's corners (anchors, tags, complex and duplicate keys, several
documents, alias bombs, deep nesting), and on ``tests/yaml_cases.py``: a few
hundred documents by the categories of the YAML test suite. The same verdict,
data, messages and positions (start and end of every key and value), and
every position inside the file.
"""

from __future__ import annotations

import os
import threading

import pytest

from partnerkit.api import Options, lint
from partnerkit.lint.engine import lint_bytes
from partnerkit.findings.config import Settings
from partnerkit.load import parsers
from partnerkit.load.positions import Pos
from partnerkit.load.yamlload import load_yaml
from partnerkit.lint.parallel import lint_files
from fuzz.check import check_place, check_tree, file_lines
from tests.conftest import AS_OF, ROOT
from tests.generated import bench_corpus
from tests.yaml_cases import CASES

if parsers.chosen().kind != "c":
    pytest.skip("the fast path needs a C parser: ruamel.yaml.clib or ruamel.yaml.clibz", allow_module_level=True)

CORPUS_SIZE = 30
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8))
EDGES = {
    "scalars": "a: 1\nb: [1, 2.5, true, null, ~, 2026-01-15, 2026-02-30, 0o17, 0x1F, .inf, -.inf, '3', \"x\", -0, 1e3]\n",
    "anchors": "a: &x {k: v, n: [1, 2]}\nb: *x\nc: *x\nd: &s text\ne: *s\n",
    "unknown-alias": "a: *nope\n",
    "duplicate-key": "a: 1\nb: 2\na: 3\n",
    "complex-keys": "? [1, 2]\n: v\n? {a: b}\n: w\n",
    "scalar-tags": "a: !!str 12\nb: !!int x\nc: !!int 12\nd: !custom v\ne: !!float 1\nf: !!bool yes\ng: ! 12\n",
    "collection-tags": "a: !!map {x: 1}\nb: !!seq [1]\nc: !foo {x: 1}\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "explicit-document": "%YAML 1.2\n---\na: 1\n...\n",
    "directives": "# a comment\n%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\na: !e!x y\n",
    "unknown-directive": "%FOO bar\n---\na: 1\n",
    "future-version": "%YAML 1.3\n---\na: 1\n",
    "other-major-version": "%YAML 2.0\n---\na: 1\n",
    "empty": "",
    "comment-only": "# nothing\n",
    "scalar": "just text\n",
    "list": "- a\n- b\n",
    "block-scalars": "a: |\n  block\n  text\nb: >-\n  folded\n  text\nc: 'it''s'\n",
    "special-keys": ".nan: 1\nnull: 2\n1: 3\ntrue: 4\n2026-01-01: 5\n",
    "alias-bomb": BOMB,
    "deep-nesting": "a: " + "[" * 70 + "]" * 70 + "\n",
    "unclosed-flow": "partnerkit: 1\nid: [unclosed\n",
    "bad-indent": "a:\n  - x\n y: 2\n",
    "tab": "a: 1\n\tb: 2\n",
    "empty-values": "a:\nb:   \nc: # note\nd:\n  e:\n  f: 1\ng: [x, {h: }]\ni:\n  - j:\n    k:\n",
    "unicode-line-separators": "a: x\u2028y\nb: \"p\u2029q\"\nc: r\x85s\nd: [1, 2]\n",
    "suppression-comments": "partnerkit: 1\nid: x  # partnerkit: ignore[V001] reason\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    seeded = bench_corpus().generate(str(folder), CORPUS_SIZE)
    return folder, sorted(str(folder / name) for name in seeded)


def tree_files() -> list[str]:
    found = []
    for top in ("tests", "examples"):
        for root, dirs, names in os.walk(ROOT / top):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
            found.extend(os.path.join(root, n) for n in sorted(names) if n.endswith((".yaml", ".yml")))
    return found


def positions(pos):
    """A Pos tree as plain tuples, so two trees compare with ``==``."""
    if pos is None:
        return None
    pos = Pos.of(pos)
    sub = pos.sub
    if isinstance(sub, dict):
        sub = {k: (positions(key), positions(child)) for k, (key, child) in sub.items()}
    elif isinstance(sub, list):
        sub = [positions(child) for child in sub]
    return pos.line, pos.col, pos.end_line, pos.end_col, pos.file, sub


def loaded(text: str, fast: bool):
    out = load_yaml(text, fast=fast)
    problems = [(p.code, p.loc, p.message, p.hint) for p in out.problems]
    tags = [(positions(p), tag) for p, tag in out.tag_problems]
    return repr(out.data), positions(out.pos), problems, tags


def findings(data: bytes, name: str, fast: bool):
    result = lint_bytes(data, name, Settings(), AS_OF, os.path.dirname(name) or None, fast=fast)
    return [(f.code, f.severity, f.message, f.hint, f.file, f.loc, f.path,
             [(r.message, r.path, r.loc) for r in f.related], f.suppressed)
            for f in result.findings]


SUITE = [pytest.param(text, id=f"{category}-{i}") for category, texts in CASES.items() for i, text in enumerate(texts)]


def test_there_is_something_to_compare(corpus):
    assert len(corpus[1]) == CORPUS_SIZE
    assert len(tree_files()) >= 2  # at least the two examples


@pytest.mark.parametrize("name", sorted(EDGES))
def test_c_and_pure_parsers_build_the_same_document(name):
    text = EDGES[name]
    assert loaded(text, fast=True) == loaded(text, fast=False)


@pytest.mark.parametrize("text", SUITE)
def test_c_and_pure_parsers_agree_on_the_yaml_suite_categories(text):
    assert loaded(text, fast=True) == loaded(text, fast=False)


@pytest.mark.parametrize("text", SUITE + [pytest.param(t, id=name) for name, t in EDGES.items()])
def test_every_position_lies_inside_the_file_on_both_paths(text):
    """Every key and value has a start and an end; both lie in the file, the end not before the start."""
    lines = file_lines(text.encode("utf-8"))
    for fast in (True, False):
        out = load_yaml(text, fast=fast)
        check_tree(out.pos, lines)
        for pos, tag in out.tag_problems:
            check_tree(pos, lines, f"tag {tag}")
        for hit in out.problems:
            check_place(hit.loc, lines, hit.message)


def test_the_suite_covers_its_categories():
    """The categories of the YAML test suite, each with several documents, valid and not."""
    assert {"alias", "anchor", "comment", "complex-key", "directive", "double", "duplicate-key", "empty", "empty-key",
            "error", "explicit-key", "flow", "folded", "footer", "header", "indent", "literal", "local-tag",
            "mapping", "missing", "scalar", "sequence", "simple", "single", "tag", "unknown-tag",
            "whitespace"} <= set(CASES)
    assert all(len(texts) >= 4 for texts in CASES.values())
    verdicts = [bool(load_yaml(t).problems) for texts in CASES.values() for t in texts]
    assert 30 <= verdicts.count(True) and 150 <= verdicts.count(False)

@pytest.mark.slow

def test_c_and_pure_parsers_agree_on_every_charter(corpus):
    files = corpus[1] + tree_files()
    for path in files:
        data = open(path, "rb").read()
        assert findings(data, path, fast=True) == findings(data, path, fast=False), path
        text = data.decode("utf-8", "replace")
        assert loaded(text, fast=True) == loaded(text, fast=False), path


def test_fast_path_gives_the_same_answer_while_other_threads_run(corpus):
    """With another thread alive the C parser's events are built the ordinary way: same result."""
    texts = [open(p, encoding="utf-8").read() for p in corpus[1][:10]] + list(EDGES.values())
    alone = [loaded(t, fast=True) for t in texts]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        crowded = [loaded(t, fast=True) for t in texts]
    finally:
        stop.set()
        other.join()
    assert crowded == alone


def summary(results):
    return [(r.path, r.error, [(f.code, f.severity, f.message, f.file, f.line, f.col, f.path, f.related, f.suppressed,
                                f.subject, f.where) for f in r.findings]) for r in results]


def test_a_finding_sent_to_another_process_keeps_its_names_and_leaves_the_charter_behind():
    import pickle

    from tests.conftest import SPEC_EXAMPLE

    raw = SPEC_EXAMPLE.read_bytes()
    named = [(f.subject, f.where) for f in lint_bytes(raw, "a.charter.yaml", Settings(), AS_OF).findings]
    sent = lint_bytes(raw, "a.charter.yaml", Settings(), AS_OF).findings  # names not asked for yet
    back = [pickle.loads(pickle.dumps(f)) for f in sent]
    assert [(f.subject, f.where) for f in back] == named
    assert any(where.startswith("metric `") for _, where in named)
    assert max(len(pickle.dumps(f)) for f in sent) < len(raw) // 4  # the charter's data does not travel with each


def test_one_process_and_the_pool_agree(corpus):
    folder, files = corpus
    examples = [str(p) for p in sorted((ROOT / "examples").glob("*.charter.yaml"))]
    options = Options(as_of=AS_OF)
    one = list(lint_files(files + examples, options, workers=1))
    pooled = list(lint_files(files + examples, options, workers=2))
    assert summary(pooled) == summary(one)
    assert [r.charter for r in pooled] == [r.charter for r in one]  # charters come back too, unless declined
    assert all(r.settings is not None for r in pooled)
    assert sum(len(r.findings) for r in one) > 0


def test_folder_runs_use_the_pool_and_keep_the_input_order(corpus):
    folder, files = corpus
    missing = str(folder / "missing.charter.yaml")
    one = list(lint([str(folder), missing, str(ROOT / "examples")], Options(as_of=AS_OF, jobs=1), charters=False))
    pooled = list(lint([str(folder), missing, str(ROOT / "examples")], Options(as_of=AS_OF), charters=False))
    assert summary(pooled) == summary(one)
    assert [r.path for r in pooled][:CORPUS_SIZE] == files
    assert pooled[CORPUS_SIZE].error and "missing.charter.yaml" in pooled[CORPUS_SIZE].error
    assert all(r.charter is None for r in pooled)


def test_ruamel_is_left_as_it_was_after_every_load():
    """The fast path lends the C parser other event factories during a load only; ruamel's own loaders still work."""
    from ruamel.yaml import YAML, events

    module = parsers.chosen().module
    for text in ("a: [1, 2]\n", "a: [1\n", EDGES["deep-nesting"], EDGES["alias-bomb"], "a: 1\n---\nb: 2\n"):
        load_yaml(text, fast=True)
        assert all(getattr(module, name) is getattr(events, name)
                   for name in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent", "AliasEvent"))
    assert YAML(typ="safe").load("a: [1, 2]\nb: {c: d}\n") == {"a": [1, 2], "b": {"c": "d"}}
