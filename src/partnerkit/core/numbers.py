"""Numbers as people write them: one formatter for messages, reports and calendars."""

from __future__ import annotations

import math


_MADE: dict = {}  # (value, places, keep) -> text: the same scores and targets recur in every charter


def num(value, unit: str | None = None, *, places: int = 2, keep: int = 0) -> str:
    """``3``, ``3.5``, ``40,000``, ``0.25``, ``4.0`` (``keep=1``): rounded to ``places``, trailing zeros dropped
    down to ``keep`` decimals, thousands grouped; ``—`` for nothing; the unit after a space."""
    if value is None:
        return "—"
    key = (value, places, keep) if value.__class__ is float or value.__class__ is int else None
    text = _MADE.get(key) if key is not None else None
    if text is None:
        text = _text(float(value), places, keep)
        if key is not None and value == value:  # NaN never finds itself again
            if len(_MADE) >= 10_000:
                _MADE.clear()
            _MADE[key] = text
    return f"{text} {unit}" if unit else text


def _text(value: float, places: int, keep: int) -> str:
    if not math.isfinite(value):
        text = "not a number" if value != value else ("infinity" if value > 0 else "minus infinity")
    elif abs(value) >= 1e15:
        text = f"{value:.4g}"
    else:
        text = f"{round(value, places):,.{places}f}"
        if "." in text:
            whole, frac = text.split(".")
            frac = frac.rstrip("0")
            frac = frac + "0" * (keep - len(frac)) if len(frac) < keep else frac
            text = f"{whole}.{frac}" if frac else whole
        if text in ("-0", "-0.0"):
            text = text[1:]
    return text


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
