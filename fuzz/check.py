"""What every input must satisfy: lint and every output format run, positions lie inside the files, output parses.

Shared by the fuzzer and the property-based tests. Each check raises
:class:`Broken` (or lets the pipeline's own exception through) on failure.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date

from partnerkit.load.positions import Pos

AS_OF = date(2026, 11, 15)
FORMATS = ("text", "json", "sarif", "junit", "github")
# YAML 1.2 ends lines at CR, LF and CRLF; the C parser (libyaml, YAML 1.1) also at NEL, LS and PS.
# A position is in range when it is inside the file counted either way.
_BREAKS = (re.compile("\r\n|[\r\n]"), re.compile("\r\n|[\r\n\x85\u2028\u2029]"))


class Broken(AssertionError):
    """An input broke a promise: the message says which."""


def file_lines(data: bytes) -> tuple[list[str], ...]:
    """The lines of a file as positions count them (after the BOM, in characters), split both ways."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", "replace")
    return tuple(breaks.split(text) for breaks in _BREAKS)


def check_position(file: str, line: int, col: int, lines: tuple[list[str], ...] | None, what: str) -> None:
    if not (isinstance(line, int) and isinstance(col, int) and line >= 1 and col >= 1):
        raise Broken(f"{what}: position {file}:{line}:{col} is not 1-based")
    if lines is None:  # a file the charter names that is not beside it
        return
    if any(line <= len(split) and col <= len(split[line - 1]) + 1 for split in lines):
        return
    split = lines[0]
    if line > len(split):
        raise Broken(f"{what}: line {line} outside {file} ({len(split)} lines)")
    raise Broken(f"{what}: column {col} outside {file}:{line} ({len(split[line - 1])} characters)")


def check_positions(result, texts: dict[str, tuple]) -> None:
    """Every finding and related place points inside the charter, or inside a data file it names."""
    for f in result.findings:
        if f.file != result.path and not f.file:
            raise Broken(f"{f.code}: finding without a file")
        check_place(f.loc, texts.get(f.file), f"{f.code} {f.message[:60]!r}")
        for r in f.related:
            file = r.loc.file or f.file
            check_place(r.loc, texts.get(file), f"{f.code} related {r.message[:40]!r}")


def check_place(loc, lines, what: str) -> None:
    """A location's start, and its end when it has one, lie inside the file; the end is not before the start."""
    check_position(loc.file, loc.line, loc.col, lines, what)
    if loc.end_line is not None:
        check_position(loc.file, loc.end_line, loc.end_col, lines, what + " (end)")
        if (loc.end_line, loc.end_col) < (loc.line, loc.col):
            raise Broken(f"{what}: ends at {loc.end_line}:{loc.end_col}, before it starts at {loc.line}:{loc.col}")


def check_tree(pos, lines: tuple[list[str], ...], what: str = "document") -> None:
    """Every node of a loaded position tree, keys and values, has an end; each lies inside the file (see check_place)."""
    if pos is None:
        return
    pos = Pos.of(pos)
    if pos.end_line is None or pos.end_col is None:
        raise Broken(f"{what}: no end at {pos.line}:{pos.col}")
    check_place(pos.loc(), lines, what)
    if isinstance(pos.sub, dict):
        for key, (key_pos, child) in pos.sub.items():
            check_tree(key_pos, lines, f"{what} key {str(key)[:30]!r}")
            check_tree(child, lines, f"{what}.{str(key)[:30]}")
    elif isinstance(pos.sub, list):
        for i, child in enumerate(pos.sub):
            check_tree(child, lines, f"{what}[{i}]")


def render_all(result, show_suppressed: bool = False, as_of: date = AS_OF) -> dict[str, str]:
    """Every output format of one result; JSON and SARIF must parse as JSON, JUnit as XML."""
    import xml.etree.ElementTree as ET

    from partnerkit import outputs
    from partnerkit.outputs.common import RunInfo

    info = RunInfo(as_of=as_of, show_suppressed=show_suppressed)
    out = {}
    for fmt in FORMATS:
        text = outputs.get(fmt).render([result], info)
        if not isinstance(text, str) or not text.endswith("\n"):
            raise Broken(f"{fmt}: output is not newline-terminated text")
        out[fmt] = text
    doc = json.loads(out["json"])
    shown = [f for f in result.findings if show_suppressed or not f.suppressed]
    if len(doc["files"][0]["findings"]) != len(shown):
        raise Broken("json: finding count differs from the lint result")
    if len(json.loads(out["sarif"])["runs"][0]["results"]) != len(shown):
        raise Broken("sarif: result count differs from the lint result")
    ET.fromstring(out["junit"].encode("utf-8"))
    annotations = [line for line in out["github"].splitlines() if line.startswith("::")]
    if len(annotations) != len(shown):
        raise Broken("github: one annotation per finding, each on one line")
    return out


def data_texts(result_path: str, charter: bytes, base_dir: str | None) -> dict[str, tuple]:
    """The charter's lines, and those of each regular data file a finding may point into."""
    texts = {result_path: file_lines(charter)}
    if base_dir is None:
        return texts
    for name in os.listdir(base_dir):
        path = os.path.join(base_dir, name)
        if os.path.isfile(path):
            with open(path, "rb") as fh:
                texts[os.path.normpath(os.path.join(os.path.dirname(result_path), name))] = file_lines(fh.read())
    return texts


def lint_and_check(charter: bytes, display: str = "fuzz.charter.yaml", base_dir: str | None = None,
                   show_suppressed: bool = False, as_of: date = AS_OF, report: bool = False):
    """Lint ``charter`` in-process, render every format and check positions. Returns (result, outputs).

    With ``report``, a charter ``partnerkit report`` would render is rendered too (outputs "md" and "html").
    """
    from partnerkit.lint.engine import lint_bytes

    result = lint_bytes(charter, display, None, as_of, base_dir)
    if result.error is not None:
        raise Broken(f"lint_bytes gave an error instead of findings: {result.error}")
    check_builders(charter)
    check_positions(result, data_texts(display, charter, base_dir))
    outputs = render_all(result, show_suppressed, as_of)
    if report and reportable(result):
        outputs["md"], outputs["html"] = report_check(result, as_of)
    return result, outputs


def check_builders(charter: bytes) -> None:
    """What the loader's C builder, where installed, builds itself is what the Python builder builds: data and
    positions. (A document it leaves goes to the Python builder on both sides: nothing to compare.)"""
    from partnerkit.load import parsers, yamlload
    from partnerkit.load.directives import prologue

    native = yamlload.NATIVE
    text, refused = prologue(charter.decode("utf-8", "replace"))
    if native is None or refused is not None or parsers.chosen().kind != "c" or yamlload._c_differs(text):
        return
    built = yamlload._native_walk(parsers.chosen(), text)
    if built is None or built is yamlload._REFUSED:
        return
    try:
        yamlload.NATIVE = None
        slow = yamlload.load_yaml(text)
    finally:
        yamlload.NATIVE = native
    if slow.problems or slow.tag_problems or repr(built) != repr((slow.data, slow.pos)):
        raise Broken("the C and Python builders read this document differently")


def reportable(result) -> bool:
    """What ``partnerkit report`` renders: a charter with no E finding."""
    return result.charter is not None and not any(f.code[0] == "E" for f in result.active)


def report_check(result, as_of: date = AS_OF) -> tuple[str, str]:
    """The steering report of a reportable result, in Markdown and HTML; the HTML must parse."""
    from html.parser import HTMLParser

    from partnerkit.report.build import build
    from partnerkit.report.render import charter_html, charter_md

    data = build(result, as_of)
    md, html = charter_md(data, as_of), charter_html(data, as_of)
    if not md.strip() or not html.lstrip().lower().startswith("<!doctype html>"):
        raise Broken("report: empty Markdown or not an HTML page")
    HTMLParser().feed(html)
    return md, html
