"""The JSON report: a stable, documented object (see docs/json-format.md).

``{"version": 1, "tool": {...}, "as_of": "YYYY-MM-DD", "files": [{"path",
"findings": [...], "summary": {...}}], "summary": {...}}``
"""

from __future__ import annotations

import json

from partnerkit.core.finding import format_path
from partnerkit.outputs.common import shown, summary

FORMAT_VERSION = 1


def finding_dict(f) -> dict:
    out = {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "hint": f.hint,
        "file": f.file,
        "line": f.line,
        "column": f.col,
        "path": f.path_str,
        "related": [{"message": r.message, "file": r.loc.file, "line": r.loc.line, "column": r.loc.col,
                     "path": format_path(r.path)} for r in f.related],
        "suppressed": bool(f.suppressed),
    }
    if f.suppressed:
        out["suppression"] = {"reason": f.suppressed, "by": f.suppressed_by}
    return out


def file_dict(r, info) -> dict:
    out = {"path": r.path, "findings": [finding_dict(f) for f in shown(r, info)], "summary": summary([r])}
    if r.set_aside:
        out["set_aside"] = list(r.set_aside)
        out["skipped"] = [{"code": code, "reason": reason} for code, reason in r.skipped]
    return out


def document(results, info) -> dict:
    from partnerkit.core.version import __version__

    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "partnerkit", "version": __version__},
        "as_of": info.as_of.isoformat(),
        "files": [file_dict(r, info) for r in results],
        "summary": summary(results),
    }


def render(results, info) -> str:
    return json.dumps(document(results, info), indent=2, ensure_ascii=False) + "\n"
