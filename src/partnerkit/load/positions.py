"""Where every key and item of a loaded document sits in its file.

A :class:`Pos` is one node: its 1-based start line and column, its end (just
after the last character, for scalars; the end of the first key for a
mapping, the opening character for a sequence), and below it either the keys
of a mapping (``key -> (key Pos, value Pos)``) or the items of a sequence.
Rows merged in from a CSV file carry that file's name.
"""

from __future__ import annotations

from partnerkit.core.location import Location


class Pos:
    __slots__ = ("line", "col", "end_line", "end_col", "sub", "file")

    def __init__(self, line: int, col: int, sub=None, file: str | None = None, end_line: int | None = None,
                 end_col: int | None = None):
        self.line = line
        self.col = col
        self.end_line = end_line
        self.end_col = end_col
        self.sub = sub  # dict for a mapping, list for a sequence, None for a scalar
        self.file = file

    def loc(self) -> Location:
        return Location(self.file, self.line, self.col, self.end_line, self.end_col)


def resolve(root: Pos | None, path: tuple, at_value: bool = False) -> Location:
    """The location of the most specific node on ``path``.

    A path that ends on a mapping key points at the key (or, with
    ``at_value``, at its value); one that ends on a sequence index points at
    the item. Where the path leaves the document (something missing), the
    deepest part that exists is used: the parent section's key or item, or
    the top of the document.
    """
    if root is None:
        return Location()
    node = root
    here = root
    for part in path:
        sub = node.sub
        if isinstance(sub, dict) and part in sub:
            key, child = sub[part]
            here = key
        elif isinstance(sub, list) and isinstance(part, int) and -len(sub) <= part < len(sub):
            child = sub[part]
            here = child
        else:
            return here.loc()
        node = child
    return node.loc() if at_value else here.loc()


def node_at(root: Pos | None, path: tuple) -> Pos | None:
    """The node a path names exactly, or None."""
    node = root
    for part in path:
        sub = node.sub if node is not None else None
        if isinstance(sub, dict) and part in sub:
            node = sub[part][1]
        elif isinstance(sub, list) and isinstance(part, int) and -len(sub) <= part < len(sub):
            node = sub[part]
        else:
            return None
    return node
