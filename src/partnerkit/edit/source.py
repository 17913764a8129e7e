"""A charter's text and where its nodes sit in it, as character offsets.

The loader's position tree (:mod:`partnerkit.load.positions`) gives the
start and end of every key and scalar and the start of every collection;
this module adds what splicing needs on top: offsets, the end of a whole
subtree, whether a collection is written in flow style, where a block
sequence item's dash is, and the file's line break.
"""

from __future__ import annotations

import re

from partnerkit.load.decode import LINE_BREAKS
from partnerkit.load.positions import Pos, node_at, typed

BOM = "\ufeff"
_SPACE = " \t\r\n"
_PROPERTY = re.compile(r"\S*[ \t]*")  # an anchor (&a) or a tag (!t) before a node


class EditError(Exception):
    """An edit that cannot be made: the message says why, in the reader's words."""


class Source:
    """One version of the text, parsed: ``data`` (plain values) and ``pos`` (the position tree)."""

    def __init__(self, text: str):
        from partnerkit.load.yamlload import load_yaml

        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAKS.finditer(text)]
        first = LINE_BREAKS.search(text)
        self.newline = first.group() if first else "\n"
        loaded = load_yaml(text)
        if loaded.problems:
            p = loaded.problems[0]
            raise EditError(f"line {p.loc.line}, column {p.loc.col}: {p.message}")
        self.data, self.pos = loaded.data, typed(loaded.pos)

    # --- offsets -------------------------------------------------------------------

    def offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col - 1

    def line_of(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        import bisect

        return bisect.bisect_right(self.starts, offset) - 1

    def line_end(self, offset: int) -> int:
        """Where the line holding ``offset`` ends: its line break, or the end of the text."""
        m = LINE_BREAKS.search(self.text, offset)
        return m.start() if m else len(self.text)

    def line_start(self, offset: int) -> int:
        return self.starts[self.line_of(offset)]

    def indent_at(self, offset: int) -> int:
        """The column (0-based) of ``offset`` in its line."""
        return offset - self.line_start(offset)

    def blank_before(self, offset: int) -> bool:
        """Whether the line above the one holding ``offset`` is blank."""
        i = self.line_of(offset)
        if i == 0:
            return False
        return not self.text[self.starts[i - 1]:self.starts[i]].strip()

    # --- nodes ---------------------------------------------------------------------

    def node(self, path: tuple) -> Pos | None:
        return node_at(self.pos, path)

    def value(self, path: tuple):
        node = self.data
        for part in path:
            node = node[part]
        return node

    def start(self, pos: Pos) -> int:
        """Where a node's own text starts (after an anchor or a tag)."""
        at = self.offset(pos.line, pos.col)
        while at < len(self.text) and self.text[at] in "&!":
            at = _PROPERTY.match(self.text, at).end()
            while at < len(self.text) and self.text[at] in _SPACE:
                at += 1
        return at

    def spans_lines(self, pos: Pos) -> bool:
        return self.line_of(self.end(pos)) != pos.line - 1

    def is_flow(self, pos: Pos) -> bool:
        return pos.sub is not None and self.text[self.start(pos):self.start(pos) + 1] in ("[", "{")

    def scalar_span(self, pos: Pos) -> tuple[int, int]:
        """A scalar's text, without the line breaks a block scalar swallows after it."""
        start = self.offset(pos.line, pos.col)
        return start, max(start, self.trim(self.offset(pos.end_line, pos.end_col)))

    def trim(self, end: int) -> int:
        while end > 0 and self.text[end - 1] in _SPACE:
            end -= 1
        return end

    def end(self, pos: Pos) -> int:
        """Just after the last character of a node: a scalar, a whole subtree, a flow collection's bracket."""
        if pos.sub is None:
            return self.scalar_span(pos)[1]
        if self.is_flow(pos):
            return self.closing(pos) + 1
        return self.end(self.children(pos)[-1])

    def children(self, pos: Pos) -> list[Pos]:
        """The nodes inside a collection in order: for a mapping, each key's value (or the key, when it has none)."""
        if isinstance(pos.sub, list):
            return list(pos.sub)
        return [value for _key, value in pos.sub.values()]

    def closing(self, pos: Pos) -> int:
        """The offset of a flow collection's closing bracket."""
        kids = self.children(pos)
        at = self.end(kids[-1]) if kids else self.start(pos) + 1
        text = self.text
        while at < len(text):
            ch = text[at]
            if ch == "#":
                at = self.line_end(at)
            elif ch in _SPACE or ch == ",":
                at += 1
            else:
                break
        if at >= len(text) or text[at] not in "]}":
            raise EditError(f"cannot find where the collection opened on line {pos.line} ends")
        return at

    def dash(self, item: Pos) -> int:
        """The offset of the ``-`` that opens a block sequence item."""
        at = self.offset(item.line, item.col) - 1
        while at >= 0 and self.text[at] in _SPACE:
            at -= 1
        if at < 0 or self.text[at] != "-":
            raise EditError(f"cannot find the `-` of the list item on line {item.line}")
        return at
