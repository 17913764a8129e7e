"""Did-you-mean: the one close match for a mistyped word, or nothing."""

from __future__ import annotations

import difflib
from typing import Any, Iterable


def suggest(word: Any, choices: Iterable) -> str | None:
    if not isinstance(word, str):
        return None
    got = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return got[0] if got else None
