"""The loader's C builder (``src/partnerkit/load/_native.c``): in use where it was compiled, and the same answers.

It builds the data and the position tree of the common document; whatever it
leaves (anchors, tags, repeated or complex keys, deep nesting, several
documents, odd block scalars) the Python builder reads, so the two must agree
on every document: data, positions, findings, messages. Compared here on the
same corpora as ``tests/test_paths_agree.py``, the C parser on both sides.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from partnerkit.load import parsers, yamlload
from partnerkit.load.yamlload import load_yaml
from tests.conftest import COMPILER, SPEC_EXAMPLE, partnerkit_exe
from tests.generated import bench_corpus
from tests.test_paths_agree import EDGES, SUITE, findings, loaded, tree_files

if parsers.chosen().kind != "c":
    pytest.skip("the C builder reads the C parser's events: ruamel.yaml.clib is not installed", allow_module_level=True)

NATIVE = yamlload.NATIVE
needs_native = pytest.mark.skipif(NATIVE is None, reason="the C builder was not compiled at install (no C compiler)")


def test_the_c_builder_was_compiled_where_a_compiler_is_at_hand():
    if not COMPILER:
        pytest.skip("no C compiler or Python headers here: the Python builder does all the work")
    assert NATIVE is not None
    assert parsers.makers(parsers.chosen()), "the makers' self-check failed"
    proc = subprocess.run([*partnerkit_exe(), "version", "--verbose"], capture_output=True, text=True, check=True)
    assert "Tree builder: C (partnerkit.load._native), events made for it" in proc.stdout, proc.stdout


def test_a_c_builder_compiled_from_another_version_is_not_used():
    """An editable install keeps its build when _native.c changes: the loader checks the interface it was built for."""
    code = ("import sys, types; fake = types.ModuleType('partnerkit.load._native'); fake.API = 0\n"
            "sys.modules['partnerkit.load._native'] = fake\n"
            "from partnerkit.load import yamlload; print(yamlload.NATIVE is None, yamlload.builder())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("True Python: partnerkit's C builder was compiled from another version of it; install"), out
    if NATIVE is not None:
        assert NATIVE.API == yamlload.NATIVE_API


def python_built(monkeypatch, how, *args):
    with monkeypatch.context() as m:
        m.setattr(yamlload, "NATIVE", None)
        return how(*args)


@pytest.fixture(scope="module")
def charters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("native")
    healthy = bench_corpus().generate(str(folder / "healthy"), 12)
    heavy = bench_corpus().generate(str(folder / "heavy"), 12, heavy=True)
    return ([str(folder / "healthy" / n) for n in sorted(healthy)] + [str(folder / "heavy" / n) for n in sorted(heavy)]
            + tree_files())


def takes(text: str) -> bool:
    """Whether the C builder built the document itself."""
    return yamlload._native_walk(parsers.chosen(), text) not in (None, yamlload._REFUSED)


@needs_native
def test_it_builds_the_common_charter_and_leaves_the_corners(charters):
    texts = [Path(p).read_text(encoding="utf-8") for p in charters[:24]]
    clean = [t for t in texts if not load_yaml(t).problems]  # one is seeded with a repeated key (E001)
    assert len(clean) >= 22 and all(takes(t) for t in clean)  # every other generated charter: built in C
    for name in ("anchors", "duplicate-key", "complex-keys", "scalar-tags", "collection-tags", "two-documents",
                 "deep-nesting", "unknown-alias", "scalar", "empty", "alias-bomb", "unclosed-flow", "special-keys"):
        assert not takes(EDGES[name]), name
    for name in ("scalars", "block-scalars", "empty-values"):
        assert takes(EDGES[name]), name


@needs_native
@pytest.mark.parametrize("name", sorted(EDGES))
def test_c_and_python_builders_agree_on_the_corners(monkeypatch, name):
    assert loaded(EDGES[name], True) == python_built(monkeypatch, loaded, EDGES[name], True)


@needs_native
@pytest.mark.parametrize("text", SUITE)
def test_c_and_python_builders_agree_on_the_yaml_suite_categories(monkeypatch, text):
    assert loaded(text, True) == python_built(monkeypatch, loaded, text, True)


@needs_native
def test_c_and_python_builders_agree_on_every_charter(monkeypatch, charters):
    for path in charters:
        data = Path(path).read_bytes()
        assert findings(data, path, True) == python_built(monkeypatch, findings, data, path, True), path
        text = data.decode("utf-8", "replace")
        assert loaded(text, True) == python_built(monkeypatch, loaded, text, True), path


@needs_native
def test_while_other_threads_run_it_reads_the_partials_the_same(charters):
    texts = [Path(p).read_text(encoding="utf-8") for p in charters[:8]]
    alone = [loaded(t, True) for t in texts]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        crowded = [loaded(t, True) for t in texts]
        assert all(takes(t) for t in texts if not load_yaml(t).problems)
    finally:
        stop.set()
        other.join()
    assert crowded == alone


@needs_native
def test_it_keeps_no_memory_once_a_document_is_dropped(charters):
    """A reference kept by mistake in the C builder would leave blocks behind on every load."""
    text = Path(charters[12]).read_text(encoding="utf-8")  # a findings-heavy charter
    for _ in range(50):
        load_yaml(text)
    gc.collect()
    objects, blocks = len(gc.get_objects()), sys.getallocatedblocks()
    for _ in range(500):
        load_yaml(text)
    gc.collect()
    assert len(gc.get_objects()) - objects < 50
    assert sys.getallocatedblocks() - blocks < 250, "memory blocks kept after 500 loads"


@needs_native
@pytest.mark.parametrize("text", [
    "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 300)),
    "[" * 100_000,
    "a: {b: [c, {d: e}], f: [1, 2, 3]}\nb: [\"x\", 'y', |\n  z\n]\n" * 200,
])
def test_hostile_documents_end_in_a_verdict(text):
    out = load_yaml(text)
    assert out.problems or out.data is not None


def test_without_the_c_builder_a_charter_is_linted_the_same(tmp_path):
    """A platform with no C compiler: the Python builder alone, same findings (the process imports no _native)."""
    charter = tmp_path / "c.charter.yaml"
    charter.write_bytes(SPEC_EXAMPLE.read_bytes())
    code = ("import sys; sys.modules['partnerkit.load._native'] = None\n"
            "from partnerkit import main; main()")
    args = ["lint", "--format", "json", "--as-of", "2026-11-15", str(charter)]
    without = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    usual = subprocess.run([*partnerkit_exe(), *args], capture_output=True, text=True)
    assert without.returncode == usual.returncode == 0 and without.stdout == usual.stdout
    verbose = subprocess.run([sys.executable, "-c", code, "version", "--verbose"], capture_output=True, text=True)
    assert "Tree builder: Python: partnerkit's C builder was not compiled at install" in verbose.stdout
