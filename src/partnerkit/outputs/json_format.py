"""The JSON report: a stable, documented object (see docs/json-format.md), written as files finish.

``{"version": 1, "tool": {...}, "as_of": "YYYY-MM-DD", "files": [{"path",
"findings": [...], "summary": {...}}], "summary": {...}}``
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # a JSON string literal, in C, as json.dumps writes it

from partnerkit.core.finding import format_path
from partnerkit.core.text import json_text
from partnerkit.outputs.common import Writer, render_with, shown, summary

FORMAT_VERSION = 1


def _place(loc) -> dict:
    out = {"file": loc.file, "line": loc.line, "column": loc.col}
    if loc.end_line is not None:
        out["end_line"], out["end_column"] = loc.end
    return out


def finding_dict(f) -> dict:
    """One finding as data: the readable form of what :func:`finding_json` writes (a test holds them equal)."""
    out = {"code": f.code, "name": f.name, "severity": f.severity, "message": f.message, "hint": f.hint,
           **_place(f.loc), "path": f.path_str,
           "related": [{"message": r.message, **_place(r.loc), "path": format_path(r.path)} for r in f.related],
           "suppressed": bool(f.suppressed)}
    if f.suppressed:
        out["suppression"] = {"reason": f.suppressed, "by": f.suppressed_by}
    return out


def file_head(r) -> dict:
    """A file's fields but its findings."""
    out = {"path": r.path, "summary": summary([r])}
    if r.set_aside:
        out["set_aside"] = list(r.set_aside)
        out["skipped"] = [{"code": code, "reason": reason} for code, reason in r.skipped]
    return out


def _text(value) -> str:
    return "null" if value is None else _string(value)


def _place_json(loc) -> str:
    text = f'"file": {_text(loc.file)}, "line": {loc.line}, "column": {loc.col}'
    if loc.end_line is not None:
        end_line, end_col = loc.end
        text += f', "end_line": {end_line}, "end_column": {end_col}'
    return text


def finding_json(f) -> str:
    """``json.dumps(finding_dict(f))``, written directly: the same text, several times faster (a test checks)."""
    related = ", ".join(f'{{"message": {_text(r.message)}, {_place_json(r.loc)}, "path": {_string(format_path(r.path))}}}'
                        for r in f.related)
    text = (f'{{"code": {_string(f.code)}, "name": {_string(f.name)}, "severity": {_string(f.severity)}, '
            f'"message": {_text(f.message)}, "hint": {_text(f.hint)}, {_place_json(f.loc)}, '
            f'"path": {_string(f.path_str)}, "related": [{related}], "suppressed": {"true" if f.suppressed else "false"}')
    if f.suppressed:
        text += f', "suppression": {{"reason": {_text(f.suppressed)}, "by": {_text(f.suppressed_by)}}}'
    return text + "}"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # no indent: the C encoder, several times faster


def file_text(r, info) -> str:
    """One file's object: its fields on one line, then one finding per line (readable, and fast to write)."""
    head = file_head(r)
    findings = shown(r, info)
    if not findings:
        return json_text(_dumps({**head, "findings": []}))
    body = ",\n      ".join(finding_json(f) for f in findings)
    return json_text(_dumps(head)[:-1] + ', "findings": [\n      ' + body + "\n    ]}")


class JsonWriter(Writer):
    def __init__(self, out, info):
        from partnerkit.core.version import __version__

        super().__init__(out, info)
        self.first = True
        out.write('{\n  "version": %d,\n  "tool": %s,\n  "as_of": "%s",\n  "files": [' % (
            FORMAT_VERSION, json.dumps({"name": "partnerkit", "version": __version__}), info.as_of.isoformat()))

    body = staticmethod(file_text)

    def put(self, body: str) -> None:
        self.out.write(("\n    " if self.first else ",\n    ") + body)
        self.first = False

    def close(self) -> None:
        self.out.write(("]" if self.first else "\n  ]") + ',\n  "summary": ' + _dumps(self.tally.as_dict()) + "\n}\n")


WRITER = JsonWriter


def document(results, info) -> dict:
    return json.loads(render(results, info))


def render(results, info) -> str:
    return render_with(JsonWriter, results, info)
