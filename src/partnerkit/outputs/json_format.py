"""The JSON report: a stable, documented object (see docs/json-format.md).

``{"version": 1, "tool": {...}, "as_of": "YYYY-MM-DD", "files": [{"path",
"findings": [...], "summary": {...}}], "summary": {...}}``
"""

from __future__ import annotations

import json

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
        "related": [{"message": r.message, "file": r.file, "line": r.line, "column": r.col,
                     "path": _path(r.path)} for r in f.related],
        "suppressed": bool(f.suppressed),
    }
    if f.suppressed:
        out["suppression"] = {"reason": f.suppressed, "by": f.suppressed_by}
    return out


def _path(path) -> str:
    from partnerkit.load.positions import format_path

    return format_path(path)


def document(results, info) -> dict:
    from partnerkit import __version__

    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "partnerkit", "version": __version__},
        "as_of": info.as_of.isoformat(),
        "files": [{"path": r.path, "findings": [finding_dict(f) for f in shown(r, info)], "summary": summary([r])}
                  for r in results],
        "summary": summary(results),
    }


def render(results, info) -> str:
    return json.dumps(document(results, info), indent=2, ensure_ascii=False) + "\n"
