"""Two lint runs of one charter compared: which findings were fixed and which are new.

Findings are matched by rule and by the thing concerned (``Finding.subject``:
``metrics[M1].readings[*]``), never by line or list position, so appending a
reading or moving a section changes nothing here.
"""

from __future__ import annotations

from collections import Counter


def matched(before: list, after: list) -> tuple[list, list]:
    """Findings only before (fixed) and only after (new), matched by rule and subject, each at most once."""
    def key(f):
        return f.code, f.subject or f.path_str or f.message

    left = Counter(key(f) for f in after)
    fixed = []
    for f in before:
        if left[key(f)] > 0:
            left[key(f)] -= 1
        else:
            fixed.append(f)
    gone = Counter(key(f) for f in before)
    new = []
    for f in after:
        if gone[key(f)] > 0:
            gone[key(f)] -= 1
        else:
            new.append(f)
    return fixed, new
