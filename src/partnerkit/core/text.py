"""Safe text: the one set of characters that never reach a reader as they are.

Charter text is untrusted. Control characters (C0 but tab and line breaks,
DEL, C1), bidirectional overrides and isolates, zero-width characters, lone
surrogates and the non-characters U+FFFE/U+FFFF could move a terminal's
cursor, inject workflow commands, reorder what is shown or break XML. Outputs
either make them **visible** (text, github, JUnit: ``\\x1b``) or **drop** them
(HTML, Markdown); both use this one set.
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
                    "\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


def visible(text) -> str:
    """Unsafe characters written as ``\\xNN`` / ``\\uNNNN``; everything else as it is."""
    text = str(text)
    if text.isprintable():  # no control, format, surrogate or unassigned character: nothing unsafe (most text)
        return text
    return UNSAFE.sub(_escape, text)


def dropped(text) -> str:
    """Unsafe characters removed."""
    text = str(text)
    return text if text.isprintable() else UNSAFE.sub("", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible_in_json(m: re.Match) -> str:
    return f"\\\\u{ord(m.group()):04x}"


def json_text(text: str) -> str:
    """JSON text (made with ``ensure_ascii=False``) that UTF-8 can carry: each lone surrogate, which can only stand
    inside a string there, becomes the visible text ``\\udXXX``, as the text formats show it."""
    return text if text.isascii() else _SURROGATE.sub(_visible_in_json, text)


def one_line(text) -> str:
    """A single line: line breaks and tabs become one space, unsafe characters go."""
    return dropped(_BREAKS.sub(" ", str(text)))


def visible_line(text) -> str:
    """A single line for a terminal: line breaks become spaces, unsafe characters are made visible."""
    if text.__class__ is str and text.isprintable():
        return text
    return visible(str(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
