"""JUnit XML for CI dashboards.

``<testsuites>`` holds one ``<testsuite>`` per file. A file with findings
has one ``<testcase>`` per rule (classname: the file, name: ``CODE name``)
with one ``<failure>`` per finding; a clean file has one passing test case,
so dashboards list it too. Files that could not be read are test cases with
an ``<error>``. Characters XML cannot hold (control characters from charter
text) are written as visible ``\\xNN`` escapes.
"""

from __future__ import annotations

from partnerkit.core.text import visible as xml_text
from partnerkit.outputs.common import shown

CLEAN_CASE = "partnerkit lint"


def _failure_text(f) -> str:
    lines = [f"{f.file}:{f.line}:{f.col}: {f.code} {f.severity} {f.message}"]
    if f.path_str:
        lines.append(f"path: {f.path_str}")
    if f.hint:
        lines.append(f"hint: {f.hint}")
    for r in f.related:
        lines.append(f"related: {r.loc.file or f.file}:{r.loc.line}:{r.loc.col}: {r.message}")
    return "\n".join(lines)


def _by_rule(findings) -> dict:
    groups: dict[str, list] = {}
    for f in findings:
        groups.setdefault(f"{f.code} {f.name}", []).append(f)
    return dict(sorted(groups.items()))


def _suite(ET, parent, name: str):
    return ET.SubElement(parent, "testsuite", name=xml_text(name))


def _count(suite, tests: int, failures: int, errors: int, skipped: int) -> None:
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", "0")


def render(results, info) -> str:
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="partnerkit")
    totals = [0, 0, 0, 0]
    for r in results:
        suite = _suite(ET, root, r.path)
        counts = [0, 0, 0, 0]
        findings = shown(r, info)
        if not findings:
            ET.SubElement(suite, "testcase", classname=xml_text(r.path), name=CLEAN_CASE)
            counts[0] += 1
        for name, group in _by_rule(findings).items():
            case = ET.SubElement(suite, "testcase", classname=xml_text(r.path), name=xml_text(name))
            counts[0] += 1
            active = [f for f in group if not f.suppressed]
            for f in active:
                failure = ET.SubElement(case, "failure", message=xml_text(f.message), type=f.severity)
                failure.text = xml_text(_failure_text(f))
            quiet = [f for f in group if f.suppressed]
            if active:
                counts[1] += 1
            elif quiet:
                ET.SubElement(case, "skipped", message=xml_text(f"suppressed: {quiet[0].suppressed}"))
                counts[3] += 1
            if quiet:
                out = ET.SubElement(case, "system-out")
                out.text = xml_text("\n".join(f"{_failure_text(f)}\nsuppressed: {f.suppressed}" for f in quiet))
        _count(suite, *counts)
        totals = [a + b for a, b in zip(totals, counts)]
    if info.errors:
        suite = _suite(ET, root, "partnerkit")
        for message in info.errors:
            case = ET.SubElement(suite, "testcase", classname="partnerkit", name=xml_text(message))
            ET.SubElement(case, "error", message=xml_text(message), type="unreadable")
        _count(suite, len(info.errors), 0, len(info.errors), 0)
        totals[0] += len(info.errors)
        totals[2] += len(info.errors)
    _count(root, *totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
