"""JUnit XML for CI dashboards, valid against the common JUnit schemas (Jenkins xunit's junit-10.xsd).

``<testsuites>`` holds one ``<testsuite>`` per file and one ``<testcase>``
per finding, named by rule and by the thing concerned (``D005
confidence-gap: hypothesis `H1`, `confidence```) so a dashboard can follow
it from run to run; each test case holds at most one ``<failure>`` (the
strict Ant schema allows no more). A clean file has one passing test case,
so dashboards list it too; a suppressed finding (with ``--show-suppressed``)
is a skipped case; files that could not be read are test cases with an
``<error>``. Characters XML cannot hold are written as visible ``\\xNN``
escapes.

Suites are written to a temporary file as files finish and copied after the
``<testsuites>`` element whose totals they make, so memory stays flat.
"""

from __future__ import annotations

from partnerkit.core.text import visible as xml_text
from partnerkit.outputs.common import Spill, Writer, byte_writer, render_with, shown

CLEAN_CASE = "partnerkit lint"


def _failure_text(f, where: str) -> str:
    """The finding as element text, escaped: each line apart (most are plain, and skip the character scan)."""
    loc = f.loc
    lines = [_t(f"{loc.file or ''}:{loc.line}:{loc.col}: {f.code} {f.severity} {f.message}")]
    if where:
        lines.append(_t(f"where: {where}"))
    if f.hint:
        lines.append(_t(f"hint: {f.hint}"))
    for r in f.related:
        lines.append(_t(f"related: {r.loc.file or loc.file or ''}:{r.loc.line}:{r.loc.col}: {r.message}"))
    return "\n".join(lines)


def case_name(f, taken: dict, where: str) -> str:
    """``CODE name: where``, unique in its suite (a repeat gets ``#2``, ``#3``…)."""
    base = f"{f.code} {f.name}: {where or 'the charter'}"
    taken[base] = taken.get(base, 0) + 1
    return base if taken[base] == 1 else f"{base} #{taken[base]}"


def _t(value) -> str:
    """Element text: what XML cannot carry made visible, then escaped."""
    return xml_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _a(value) -> str:
    """An attribute value, escaped as element text is, and its quotes and line breaks too."""
    text = _t(value).replace('"', "&quot;")
    if "\n" in text or "\r" in text or "\t" in text:
        text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


def _case(classname: str, name: str, inner: str = "") -> str:
    head = f'    <testcase classname="{classname}" name="{_a(name)}" time="0"'
    return f"{head} />\n" if not inner else f"{head}>\n{inner}    </testcase>\n"


def _suite_text(name: str, counts: list[int], cases: list[str]) -> str:
    return (f'  <testsuite name="{_a(name)}" tests="{counts[0]}" failures="{counts[1]}" errors="{counts[2]}" '
            f'skipped="{counts[3]}" time="0">\n' + "".join(cases) + "  </testsuite>\n")


class JunitWriter(Writer):
    def __init__(self, out, info):
        super().__init__(out, info)
        self.spill = Spill()
        self.totals = [0, 0, 0, 0]  # tests, failures, errors, skipped

    @staticmethod
    def body(result, info) -> tuple[str, list[int]]:
        """The file's ``<testsuite>`` as text, and its counts (tests, failures, errors, skipped)."""
        cases, counts, taken = [], [0, 0, 0, 0], {}
        findings = shown(result, info)
        classname = _a(result.path)
        if not findings:
            cases.append(_case(classname, CLEAN_CASE))
        for f in findings:
            where = f.where
            if f.suppressed:
                inner = (f'      <skipped message="{_a(f"suppressed: {f.suppressed}")}" />\n'
                         f"      <system-out>{_failure_text(f, where)}</system-out>\n")
                counts[3] += 1
            else:
                inner = (f'      <failure message="{_a(f.message)}" type="{f.severity}">'  # a word of SEVERITIES
                         f"{_failure_text(f, where)}</failure>\n")
                counts[1] += 1
            cases.append(_case(classname, case_name(f, taken, where), inner))
        counts[0] = len(cases)
        return _suite_text(result.path, counts, cases), counts

    def put(self, body) -> None:
        text, counts = body
        self.spill.write(text)
        self.totals = [a + b for a, b in zip(self.totals, counts)]

    def close(self) -> None:
        if self.errors:
            cases = [_case("partnerkit", message, f'      <error message="{_a(message)}" type="unreadable" />\n')
                     for message in self.errors]
            counts = [len(cases), 0, len(cases), 0]
            self.put((_suite_text("partnerkit", counts, cases), counts))
        tests, failures, errors, _skipped = self.totals
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                       f'<testsuites name="partnerkit" tests="{tests}" failures="{failures}" errors="{errors}" time="0">\n')
        write = byte_writer(self.out)
        for chunk in self.spill.chunks():
            write(chunk)
        self.out.write("</testsuites>\n")


WRITER = JunitWriter


def render(results, info) -> str:
    return render_with(JunitWriter, results, info)
