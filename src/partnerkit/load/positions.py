"""Where every key and item of a loaded document sits in its file.

A :class:`Pos` is one node: its 1-based line and column, and below it either
the keys of a mapping (``key -> (key_line, key_col, Pos)``) or the items of a
sequence. Rows merged in from a CSV file carry that file's name.
"""

from __future__ import annotations


class Pos:
    __slots__ = ("line", "col", "sub", "file")

    def __init__(self, line: int, col: int, sub=None, file: str | None = None):
        self.line = line
        self.col = col
        self.sub = sub  # dict for a mapping, list for a sequence, None for a scalar
        self.file = file


def resolve(root: Pos | None, path: tuple, at_value: bool = False) -> tuple[str | None, int, int]:
    """Return ``(file, line, col)`` of the most specific node on ``path``.

    A path that ends on a mapping key points at the key (or, with
    ``at_value``, at its value); one that ends on a sequence index points at
    the item. Where the path leaves the document (something missing), the
    deepest part that exists is used: the parent section's key or item, or
    the top of the document.
    """
    if root is None:
        return None, 1, 1
    node = root
    here = (root.file, root.line, root.col)
    for part in path:
        sub = node.sub
        if isinstance(sub, dict) and part in sub:
            kline, kcol, child = sub[part]
            here = (node.file, kline, kcol)
        elif isinstance(sub, list) and isinstance(part, int) and -len(sub) <= part < len(sub):
            child = sub[part]
            here = (child.file, child.line, child.col)
        else:
            return here
        node = child
    if at_value:
        return node.file, node.line, node.col
    return here


def format_path(path: tuple) -> str:
    """``("metrics", 2, "readings", 3)`` -> ``metrics[2].readings[3]``."""
    out = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + str(part))
    return "".join(out)
