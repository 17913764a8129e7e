"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the tool's driver lists every rule with its help (why, fix,
example). Each result points at the finding's file (relative to the current
folder, under ``%SRCROOT%``), line and column, carries its related places,
and a partial fingerprint built from file, code and data path so that an
alert keeps its identity when lines move. Suppressed findings appear only
with ``--show-suppressed``, marked with their justification.
"""

from __future__ import annotations

import hashlib
import json
import os
from urllib.parse import quote

from partnerkit.outputs.common import shown

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://partnerkit.dev"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "partnerkit/v1"
IN_SOURCE = ("comment", "lint.ignore")  # suppressions written in the charter itself


def relative_path(file: str, cwd: str | None = None) -> str:
    """A finding's file relative to the current folder, with forward slashes.

    Names that are not paths (``<stdin>``) and files outside the current
    folder are returned as given (absolute, for the latter).
    """
    if file.startswith("<") and file.endswith(">"):
        return file
    cwd = cwd or os.getcwd()
    full = os.path.abspath(file)
    try:
        rel = os.path.relpath(full, cwd)
    except ValueError:  # another drive
        return full.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def artifact_location(file: str, cwd: str) -> dict:
    path = relative_path(file, cwd)
    if path.startswith("/") or path[1:3] == ":/":  # outside the current folder: an absolute file URI
        return {"uri": "file:///" + quote(path.lstrip("/"))}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def folder_uri(folder: str) -> str:
    path = os.path.abspath(folder).replace(os.sep, "/")
    if not path.startswith("/"):
        path = "/" + path  # a drive letter: file:///C:/...
    return "file://" + quote(path.rstrip("/") + "/")


def _region(line: int, col: int) -> dict:
    return {"startLine": max(1, int(line or 1)), "startColumn": max(1, int(col or 1))}


def rule_descriptor(rule) -> dict:
    text = f"{rule.why}\n\nHow to fix: {rule.fix}"
    markdown = f"**Why.** {rule.why}\n\n**How to fix.** {rule.fix}"
    if rule.example:
        text += f"\n\nExample:\n{rule.example}"
        fence = "`" * max(3, _longest_run(rule.example, "`") + 1)
        markdown += f"\n\n**Example**\n\n{fence}yaml\n{rule.example}\n{fence}"
    markdown += f"\n\nLesson: {rule.lesson}. Explain it with `partnerkit rules {rule.code}`."
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary}. {rule.why}"},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"lesson": rule.lesson, "category": rule.category, "tags": ["partnership", rule.lesson]},
    }


def _longest_run(text: str, char: str) -> int:
    best = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        best = max(best, run)
    return best


def fingerprint(file_uri: str, code: str, path: str, extra: str = "") -> str:
    return hashlib.sha256(f"{file_uri}\0{code}\0{path}\0{extra}".encode("utf-8")).hexdigest()[:32]


def result(f, index: dict, cwd: str, seen: dict) -> dict:
    location = artifact_location(f.file, cwd)
    text = f.message + (f"\nhint: {f.hint}" if f.hint else "")
    path = f.path_str
    key = (location["uri"], f.code, path, "" if path else f.message)
    seen[key] = seen.get(key, 0) + 1
    extra = key[3] + (f"#{seen[key]}" if seen[key] > 1 else "")
    out = {"ruleId": f.code}
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    out |= {
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(f.line, f.col)}}],
        "partialFingerprints": {FINGERPRINT: fingerprint(location["uri"], f.code, path, extra)},
        "properties": {"name": f.name, "severity": f.severity, "path": path},
    }
    if f.related:
        out["relatedLocations"] = [
            {"id": i, "message": {"text": r.message},
             "physicalLocation": {"artifactLocation": artifact_location(r.loc.file or f.file, cwd),
                                  "region": _region(r.loc.line, r.loc.col)}}
            for i, r in enumerate(f.related, 1)]
    if f.suppressed:
        kind = "inSource" if f.suppressed_by in IN_SOURCE else "external"
        out["suppressions"] = [{"kind": kind, "justification": f.suppressed}]
    return out


def document(results, info, cwd: str | None = None) -> dict:
    from partnerkit.core.version import __version__
    from partnerkit.rules import all_rules

    cwd = cwd or os.getcwd()
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    seen: dict = {}
    invocation = {"executionSuccessful": not info.errors}
    if info.errors:
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": e}} for e in info.errors]
    run = {
        "tool": {"driver": {"name": "partnerkit", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": [rule_descriptor(r) for r in rules]}},
        "invocations": [invocation],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": folder_uri(cwd)}},
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index, cwd, seen) for r in results for f in shown(r, info)],
        "properties": {"asOf": info.as_of.isoformat()},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results, info) -> str:
    return json.dumps(document(results, info), indent=2, ensure_ascii=False) + "\n"
