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
    """The one choice ``word`` surely means, or None: the same word in other capitals, else the only close match."""
    if not isinstance(word, str):
        return None
    choices = [str(c) for c in choices]
    same = [c for c in choices if c.lower() == word.strip().lower()]
    if len(same) == 1:
        return same[0]
    got = difflib.get_close_matches(word, choices, n=2, cutoff=0.6)
    return got[0] if len(got) == 1 else None
