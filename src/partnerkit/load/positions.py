"""Where every key and item of a loaded document sits in its file.

A :class:`Pos` is one node: its 1-based start line and column, its end (just
after the last character, for scalars; the end of the first key for a
mapping, the opening character for a sequence), and below it either the keys
of a mapping (``key -> (key Pos, value Pos)``) or the items of a sequence.
Rows merged in from a CSV file carry that file's name.

The loader builds the tree of plain tuples in that order, ``(line, col,
sub, file, end_line, end_col)``: a charter holds thousands of them, and a
plain tuple costs about a third less to make and free than a tuple
subclass. :func:`resolve` and :func:`node_at` read them by index. Code that
reads a node by name views it as a :class:`Pos` (``Pos.of(node)``, which
shares its ``sub``), or a whole tree (:func:`typed`): editing and the
language server, which load one file at a time.
"""

from __future__ import annotations

from operator import itemgetter

from partnerkit.core.location import Location


class Pos(tuple):
    """One node: ``(line, col, sub, file, end_line, end_col)``, read by name.

    A tuple, so that the loader makes thousands of them per charter in C
    (``tuple.__new__(Pos, (...))``) rather than through a Python constructor.
    Compared by identity where it matters (``is``); never hashed.
    """

    __slots__ = ()

    def __new__(cls, line: int, col: int, sub=None, file: str | None = None, end_line: int | None = None,
                end_col: int | None = None):
        return tuple.__new__(cls, (line, col, sub, file, end_line, end_col))

    line = property(itemgetter(0))
    col = property(itemgetter(1))
    sub = property(itemgetter(2))  # dict for a mapping (key -> (key Pos, value Pos)), list for a sequence, None
    file = property(itemgetter(3))  # a CSV data file's name for rows merged from it, else None
    end_line = property(itemgetter(4))
    end_col = property(itemgetter(5))

    @classmethod
    def of(cls, node: tuple) -> Pos:
        """A node of the loaded tree, read by name; the same ``sub``, so changes to it are changes to the tree."""
        return node if node.__class__ is cls else tuple.__new__(cls, node)

    def loc(self) -> Location:
        return Location(self[3], self[0], self[1], self[4], self[5])

    def __repr__(self) -> str:
        return f"Pos({self[0]}:{self[1]}-{self[4]}:{self[5]})"


def typed(node: tuple | None) -> Pos | None:
    """A loaded tree with every node a :class:`Pos` (a copy: the loaded tree is left as it is)."""
    if node is None:
        return None
    sub = node[2]
    if sub.__class__ is dict:
        sub = {key: (typed(kpos), typed(vpos)) for key, (kpos, vpos) in sub.items()}
    elif sub.__class__ is list:
        sub = [typed(item) for item in sub]
    return tuple.__new__(Pos, (node[0], node[1], sub, node[3], node[4], node[5]))


def resolve(root: Pos | None, path: tuple, at_value: bool = False, file: str | None = None) -> Location:
    """The location of the most specific node on ``path`` (in ``file`` unless the node names its own).

    A path that ends on a mapping key points at the key (or, with
    ``at_value``, at its value); one that ends on a sequence index points at
    the item. Where the path leaves the document (something missing), the
    deepest part that exists is used: the parent section's key or item, or
    the top of the document.
    """
    if root is None:
        return Location(file)
    node = here = root
    for part in path:
        sub = node[2]
        if sub.__class__ is dict:
            entry = sub.get(part)
            if entry is None:
                break
            here, node = entry
        elif sub.__class__ is list and part.__class__ is int and -len(sub) <= part < len(sub):
            here = node = sub[part]
        else:
            break
    else:
        if at_value:
            here = node
    return Location(here[3] or file, here[0], here[1], here[4], here[5])


def node_at(root: Pos | None, path: tuple) -> Pos | None:
    """The node a path names exactly, or None."""
    node = root
    for part in path:
        sub = node[2] if node is not None else None
        if isinstance(sub, dict) and part in sub:
            node = sub[part][1]
        elif isinstance(sub, list) and isinstance(part, int) and -len(sub) <= part < len(sub):
            node = sub[part]
        else:
            return None
    return node
