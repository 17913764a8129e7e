"""Baselines: adopt lint on an existing charter without fixing everything first.

``lint --write-baseline FILE`` records the active findings by file, rule and
data path (never by line, so edits elsewhere in the file do not invalidate
it); ``lint --baseline FILE`` then hides the findings recorded there, each
recorded entry matching at most as many findings as it counts.
"""

from __future__ import annotations

import json
import os
from collections import Counter

VERSION = 1


def _file_key(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return os.path.normpath(rel).replace(os.sep, "/")


def key(f) -> tuple[str, str, str]:
    return _file_key(f.file), f.code, f.path_str


def baseline_text(results=(), counts: Counter | None = None) -> str:
    """The baseline file for ``results`` (or for ``counts`` of finding keys gathered as results streamed past)."""
    counts = counts if counts is not None else Counter(key(f) for r in results for f in r.active)
    entries = [{"file": file, "code": code, "path": path, "count": n} for (file, code, path), n in sorted(counts.items())]
    return json.dumps({"version": VERSION, "tool": "partnerkit", "findings": entries}, indent=2) + "\n"


class BaselineError(Exception):
    pass


def read(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"baseline {path} is not a partnerkit baseline (version {VERSION})")
    counts: Counter = Counter()
    for entry in doc["findings"]:
        try:
            counts[(str(entry["file"]), str(entry["code"]), str(entry["path"]))] += int(entry.get("count", 1))
        except (TypeError, KeyError, ValueError):
            raise BaselineError(f"baseline {path}: malformed entry {entry!r}") from None
    return counts


class Baseline:
    """Drops baselined findings from each result as it comes, each recorded entry at most as often as recorded."""

    def __init__(self, counts: Counter):
        self.left = Counter(counts)

    def apply(self, r) -> None:
        kept = []
        for f in r.findings:
            k = key(f)
            if not f.suppressed and self.left[k] > 0:
                self.left[k] -= 1
                r.baselined += 1
            else:
                kept.append(f)
        r.findings = kept


def apply(counts: Counter, results) -> None:
    """Drop baselined findings from each result, counting them in ``result.baselined``."""
    baseline = Baseline(counts)
    for r in results:
        baseline.apply(r)
