"""Ids from any text: ``Bølge × Ardent`` -> ``bolge-ardent``, ``Müller & Söhne`` -> ``muller-sohne``."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and marks.
_SPELLED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS",
                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
                          "ı": "i", "ŀ": "l", "Ŀ": "L"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "partnership") -> str:
    """Lower-case ASCII letters and digits joined by ``-``: accents dropped, the undecomposable letters spelled out."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_SPELLED))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-") or fallback
