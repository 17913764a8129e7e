"""Two lint runs of one charter compared: which findings were fixed and which are new.

Findings are matched by rule and by the thing concerned (``Finding.subject``:
``metrics[M1].readings[*]``), never by line or list position, so appending a
reading or moving a section changes nothing here.
"""

from __future__ import annotations

from collections import Counter


def matched(before: list, after: list) -> tuple[list, list]:
    """Findings only before (fixed) and only after (new), matched by rule and subject, each at most once."""
    return _only_in(before, after), _only_in(after, before)


def _key(f) -> tuple:
    return f.code, f.subject or f.path_str or f.message


def _only_in(these: list, those: list) -> list:
    left = Counter(_key(f) for f in those)
    out = []
    for f in these:
        k = _key(f)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(f)
    return out
