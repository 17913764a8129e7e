"""The one set of unsafe characters: every output makes them visible or drops them, and nothing else changes."""

from __future__ import annotations

import sys

import pytest

from partnerkit.core.text import UNSAFE, dropped, one_line, visible, visible_line

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_no_unsafe_character_passes_for_printable():
    # visible() and dropped() return printable text untouched: that is only right while no unsafe character is printable
    assert [hex(ord(c)) for c in UNSAFE.findall(EVERY_CHARACTER) if c.isprintable()] == []


@pytest.mark.parametrize("text, shown, gone", [
    ("plain words, ünïcode — and 🤝", "plain words, ünïcode — and 🤝", "plain words, ünïcode — and 🤝"),
    ("esc\x1b[31mred", "esc\\x1b[31mred", "esc[31mred"),
    ("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066", "bidievil"),
    ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff", "zerowidth"),
    ("nul\x00 del\x7f c1\x85", "nul\\x00 del\\x7f c1\\x85", "nul del c1"),
    ("tab\tstays", "tab\tstays", "tab\tstays"),
    ("nbsp\u00a0stays", "nbsp\u00a0stays", "nbsp\u00a0stays"),
])
def test_visible_and_dropped(text, shown, gone):
    assert visible(text) == shown and dropped(text) == gone


def test_one_line_forms():
    assert visible_line("a\r\nb\nc\rd\x1b") == "a b c d\\x1b"
    assert one_line("a\r\n\tb\u2028c\x1b") == "a b c"
    assert visible_line(42) == "42" and visible(None) == "None"
