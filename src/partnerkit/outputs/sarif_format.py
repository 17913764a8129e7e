"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the tool's driver lists every rule with its help (why, fix,
example). Each result points at the finding's file (relative to the current
folder, under ``%SRCROOT%``) with a region from its start to its end (a key,
a scalar, a CSV cell), carries its related places, and a partial fingerprint
built from file, code and data path so that an alert keeps its identity when
lines move. Suppressed findings appear only with ``--show-suppressed``,
marked with their justification.

Results are ordered errors first, then warnings, then notes, and a run holds
at most 25,000 of them (GitHub code scanning refuses more): what was left
out is counted by level in the run's ``properties`` and stated in a tool
execution notification. While files are linted, each level's results are
kept in a temporary file, so memory stays flat however many findings there
are.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from json.encoder import encode_basestring as _string
from urllib.parse import quote

from partnerkit.core.numbers import num, plural
from partnerkit.core.text import json_text
from partnerkit.outputs.common import Spill, Writer, byte_writer, render_with, shown

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000  # GitHub code scanning refuses a run with more
INFORMATION_URI = "https://partnerkit.dev"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "partnerkit/v1"
IN_SOURCE = ("comment", "lint.ignore")  # suppressions written in the charter itself
_BEFORE = {level: list(LEVELS.values())[:i] for i, level in enumerate(LEVELS.values())}  # levels written earlier


def relative_path(file: str, cwd: str | None = None) -> str:
    """A finding's file relative to the current folder, with forward slashes.

    Names that are not paths (``<stdin>``) and files outside the current
    folder are returned as given (absolute, for the latter).
    """
    return _relative(file, cwd or os.getcwd())


@lru_cache(maxsize=256)
def _relative(file: str, cwd: str) -> str:
    """One answer per file and folder: a run asks it for every finding of every charter."""
    if file.startswith("<") and file.endswith(">"):
        return file
    full = os.path.abspath(file)
    try:
        rel = os.path.relpath(full, cwd)
    except ValueError:  # another drive
        return full.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def artifact_location(file: str, cwd: str) -> dict:
    return dict(_location(file, cwd))  # a copy: results may be changed by their readers


@lru_cache(maxsize=256)
def _location(file: str, cwd: str) -> dict:
    path = relative_path(file, cwd)
    if path.startswith("/") or path[1:3] == ":/":  # outside the current folder: an absolute file URI
        return {"uri": "file:///" + quote(path.lstrip("/"))}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def folder_uri(folder: str) -> str:
    path = os.path.abspath(folder).replace(os.sep, "/")
    if not path.startswith("/"):
        path = "/" + path  # a drive letter: file:///C:/...
    return "file://" + quote(path.rstrip("/") + "/")


def _region(loc) -> dict:
    region = {"startLine": max(1, int(loc.line or 1)), "startColumn": max(1, int(loc.col or 1))}
    if loc.end_line is not None:
        end_line, end_col = loc.end
        if (end_line, end_col) >= (region["startLine"], region["startColumn"]):
            region["endLine"], region["endColumn"] = end_line, end_col
    return region


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
    """One SARIF result as data: the readable form of what :func:`result_json` writes (a test holds them equal)."""
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
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(f.loc)}}],
        "partialFingerprints": {FINGERPRINT: fingerprint(location["uri"], f.code, path, extra)},
        "properties": {"name": f.name, "severity": f.severity, "path": path},
    }
    if f.related:
        out["relatedLocations"] = [
            {"id": i, "message": {"text": r.message},
             "physicalLocation": {"artifactLocation": artifact_location(r.loc.file or f.file, cwd),
                                  "region": _region(r.loc)}}
            for i, r in enumerate(f.related, 1)]
    if f.suppressed:
        kind = "inSource" if f.suppressed_by in IN_SOURCE else "external"
        out["suppressions"] = [{"kind": kind, "justification": f.suppressed}]
    return out


def result_json(f, index: dict, cwd: str, seen: dict) -> str:
    """``json.dumps(result(f, ...))``, written directly: the same text, several times faster (a test checks)."""
    location = _location(f.file, cwd)
    uri = location["uri"]
    path = f.path_str
    key = (uri, f.code, path, "" if path else f.message)
    n = seen[key] = seen.get(key, 0) + 1
    extra = key[3] + (f"#{n}" if n > 1 else "")
    text = f.message + (f"\nhint: {f.hint}" if f.hint else "")
    head, tail = _rule_parts(f.code, f.severity, f.name, index.get(f.code))
    out = (f'{head}{_string(text)}}}, "locations": [{{"physicalLocation": {{"artifactLocation": '
           f'{_location_json(f.file, cwd)}, "region": {_region_json(f.loc)}}}}}], '
           f'"partialFingerprints": {{{_FINGERPRINT}: "{fingerprint(uri, f.code, path, extra)}"}}, '
           f'{tail}{_string(path)}}}')
    if f.related:
        out += ', "relatedLocations": [' + ", ".join(
            f'{{"id": {i}, "message": {{"text": {_string(r.message)}}}, "physicalLocation": {{"artifactLocation": '
            f'{_location_json(r.loc.file or f.file, cwd)}, "region": {_region_json(r.loc)}}}}}'
            for i, r in enumerate(f.related, 1)) + "]"
    if f.suppressed:
        kind = "inSource" if f.suppressed_by in IN_SOURCE else "external"
        out += f', "suppressions": [{{"kind": "{kind}", "justification": {_string(f.suppressed)}}}]'
    return out + "}"


_FINGERPRINT = _string(FINGERPRINT)


@lru_cache(maxsize=512)
def _rule_parts(code: str, severity: str, name: str, rule_index: int | None) -> tuple[str, str]:
    """What every result of one rule at one severity starts with (up to its message text) and the start of its
    properties (up to its path): the same for thousands of results, so made once."""
    head = f'{{"ruleId": {_string(code)}' + (f', "ruleIndex": {rule_index}' if rule_index is not None else "")
    head += f', "level": {_string(LEVELS.get(severity, "warning"))}, "message": {{"text": '
    tail = f'"properties": {{"name": {_string(name)}, "severity": {_string(severity)}, "path": '
    return head, tail


@lru_cache(maxsize=256)
def _location_json(file: str, cwd: str) -> str:
    return json.dumps(_location(file, cwd), ensure_ascii=False)


def _region_json(loc) -> str:
    """``json.dumps(_region(loc))``: positions are whole numbers, so the text is written directly."""
    line, col = max(1, int(loc.line or 1)), max(1, int(loc.col or 1))
    if loc.end_line is not None:
        end_line, end_col = loc.end
        if (end_line, end_col) >= (line, col):
            return f'{{"startLine": {line}, "startColumn": {col}, "endLine": {end_line}, "endColumn": {end_col}}}'
    return f'{{"startLine": {line}, "startColumn": {col}}}'


def _rule_index() -> dict[str, int]:
    from partnerkit.rules import all_rules

    return {r.code: i for i, r in enumerate(all_rules())}


class SarifWriter(Writer):
    def __init__(self, out, info, cwd: str | None = None):
        from partnerkit.rules import all_rules

        super().__init__(out, info)
        self.cwd = cwd or os.getcwd()
        self.rules = all_rules()
        self.spill = {level: None for level in LEVELS.values()}  # level -> its results so far, one per line
        self.counts = dict.fromkeys(LEVELS.values(), 0)

    @staticmethod
    def body(result_, info) -> dict[str, tuple[int, str]]:
        """The file's results by level: how many, and their JSON, one per line."""
        seen: dict = {}
        index, cwd = _rule_index(), os.getcwd()
        lines: dict[str, list[str]] = {}
        for f in shown(result_, info):
            lines.setdefault(LEVELS.get(f.severity, "warning"), []).append(result_json(f, index, cwd, seen))
        return {level: (len(got), json_text("".join(line + "\n" for line in got))) for level, got in lines.items()}

    def put(self, body: dict[str, tuple[int, str]]) -> None:
        for level, (count, text) in body.items():
            # Room left for this level: the run's cap less what the levels before it already hold. Those only
            # grow, so a result past it now can never be included: it is counted, not kept.
            room = MAX_RESULTS - sum(self.counts[before] for before in _BEFORE[level]) - self.counts[level]
            self.counts[level] += count
            if room <= 0:
                continue
            if room < count:
                text = "".join(line + "\n" for line in text.split("\n", room)[:room])  # JSON escapes "\n"
            if self.spill[level] is None:
                self.spill[level] = Spill()
            self.spill[level].write(text)

    def close(self) -> None:
        from partnerkit.core.version import __version__

        kept, omitted, room = {}, {}, MAX_RESULTS
        for level in LEVELS.values():
            kept[level] = min(self.counts[level], room)
            omitted[level] = self.counts[level] - kept[level]
            room -= kept[level]
        invocation = {"executionSuccessful": not self.errors}
        notes = [{"level": "error", "message": {"text": e}} for e in self.errors]
        if any(omitted.values()):
            left = ", ".join(plural(n, level) for level, n in omitted.items() if n)
            notes.append({"level": "warning", "message": {"text": (
                f"{num(sum(self.counts.values()))} results: only the first {num(MAX_RESULTS)} are included (errors "
                f"first, then warnings, then notes); left out: {left}. Run `partnerkit lint` for all of them.")}})
        if notes:
            invocation["toolExecutionNotifications"] = notes
        run = {
            "tool": {"driver": {"name": "partnerkit", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": [rule_descriptor(r) for r in self.rules]}},
            "invocations": [invocation],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": folder_uri(self.cwd)}},
            "columnKind": "unicodeCodePoints",
        }
        properties = {"asOf": self.info.as_of.isoformat(), "omitted": omitted}
        head = json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0"}, ensure_ascii=False)[:-1]
        self.out.write(head + ', "runs": [' + json_text(json.dumps(run, indent=2, ensure_ascii=False))[:-2] +
                       ',\n  "results": [')
        first = self._results(kept)
        self.out.write(("]" if first else "\n  ]") + ',\n  "properties": ' + json.dumps(properties) + "\n}]}\n")

    def _results(self, kept: dict[str, int]) -> bool:
        """Copy the kept results out, each line of the spills (a result) on a line of its own after a comma;
        True when there were none."""
        write = byte_writer(self.out)
        first, held = True, False  # held: a line ended, its comma written only if another result follows
        for level in LEVELS.values():
            if self.spill[level] is None:
                continue
            for chunk in self.spill[level].chunks(kept[level]):
                write(b"\n    " if first else b",\n    " if held else b"")
                first, held = False, chunk.endswith(b"\n")
                write((chunk[:-1] if held else chunk).replace(b"\n", b",\n    "))
        return first


WRITER = SarifWriter


def document(results, info, cwd: str | None = None) -> dict:
    import io

    out = io.StringIO()
    writer = SarifWriter(out, info, cwd)
    for message in info.errors:
        writer.error(message)
    for r in results:
        writer.add(r)
    writer.close()
    return json.loads(out.getvalue())


def render(results, info) -> str:
    return render_with(SarifWriter, results, info)
