"""The difference between two versions of a text as ranges to replace: what an editor applies (LSP text edits)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from partnerkit.core.location import Location
from partnerkit.load.decode import LINE_BREAKS


@dataclass(frozen=True)
class TextChange:
    """Replace the text from ``loc`` (line, col) to (end_line, end_col) with ``text``; 1-based, in characters."""

    loc: Location
    text: str


def text_changes(old: str, new: str) -> list[TextChange]:
    """Whole-line replacements, in order, that turn ``old`` into ``new``; ranges are positions in ``old``."""
    a, b = old.splitlines(True), new.splitlines(True)
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        line, col = _position(old, starts[i1])
        end_line, end_col = _position(old, starts[i2])
        changes.append(TextChange(Location(None, line, col, end_line, end_col), "".join(b[j1:j2])))
    return changes


def _position(text: str, offset: int) -> tuple[int, int]:
    lines = LINE_BREAKS.split(text[:offset])
    return len(lines), len(lines[-1]) + 1
