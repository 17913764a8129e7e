"""Vision and values: who agreed, who holds what, which partner values are shared."""

from __future__ import annotations

import re


def blank(text) -> bool:
    return text is None or not str(text).strip()


def value_key(text: str) -> str:
    """`Long-term thinking`, `long_term thinking` and `longterm thinking` are the same value.

    Case, spaces, `_` and `-` are ignored (SPEC: V006).
    """
    return re.sub(r"[\s_-]+", "", str(text).strip().lower())


def not_agreed(ch) -> list[tuple[int, str]]:
    """V002's test: ``(index, id)`` of each partner missing from ``vision.agreed_by``."""
    if ch.vision is None:
        return []
    return [(j, p.id) for j, p in enumerate(ch.partners) if p.id not in ch.vision.agreed_by]


def not_held(value, ch) -> list[tuple[int, str]]:
    """V004's test: ``(index, id)`` of each partner that does not hold a shared value."""
    return [(j, p.id) for j, p in enumerate(ch.partners) if p.id not in value.held_by]


def shared_keys(ch) -> set[str]:
    return {value_key(v.id) for v in ch.values}


def is_shared(text: str, ch, keys: set[str] | None = None) -> bool:
    """Whether a partner's own value is among the shared values (V006 fires when it is not)."""
    return value_key(text) in (keys if keys is not None else shared_keys(ch))
