"""Did-you-mean: the one close match for a mistyped word, or nothing."""

from __future__ import annotations

import difflib
from typing import Any, Iterable


def suggest(word: Any, choices: Iterable) -> str | None:
    if not isinstance(word, str):
        return None
    got = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return got[0] if got else None


def only_match(word: Any, choices: Iterable) -> str | None:
    """The close match when there is exactly one: safe to apply without asking."""
    if not isinstance(word, str):
        return None
    got = difflib.get_close_matches(word, [str(c) for c in choices], n=2, cutoff=0.6)
    if len(got) != 1:
        lowered = [str(c) for c in choices if str(c).lower() == word.strip().lower()]
        return lowered[0] if len(lowered) == 1 and not got else (got[0] if len(got) == 1 else None)
    return got[0]
