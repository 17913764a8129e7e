"""The edits, each located by data path, and what each does to the data.

A data path is a tuple of keys and 0-based indexes, as in findings:
``("metrics", 0, "readings")``. Paths name the charter's own YAML, before
CSV data files are merged in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Set:
    """Give the key or item at ``path`` this value. A missing key is added (and missing mappings above it),
    placed after the keys the format lists before it; an existing scalar is replaced in place."""

    path: tuple
    value: object


@dataclass(frozen=True)
class Insert:
    """Put ``item`` into the list at ``path`` before position ``index`` (None: at the end). A missing list is
    created."""

    path: tuple
    item: object
    index: int | None = None


@dataclass(frozen=True)
class Rename:
    """Rename the key at ``path`` to ``key``; its value, comments and layout stay."""

    path: tuple
    key: str


@dataclass(frozen=True)
class Comment:
    """Add ``# text`` at the end of line ``line`` (1-based), two spaces after what is there."""

    line: int
    text: str


Edit = Set | Insert | Rename | Comment


def expected(data, edit: Edit):
    """The data an edit should give: a copy of ``data`` with the edit made (shared nodes unshared)."""
    out = plain_copy(data)
    if isinstance(edit, Comment):
        return out
    if isinstance(edit, Rename):
        owner = _walk(out, edit.path[:-1])
        old = edit.path[-1]
        items = [(edit.key if k == old else k, v) for k, v in owner.items()]
        owner.clear()
        owner.update(items)
        return out
    if isinstance(edit, Set):
        if not edit.path:
            return plain_copy(edit.value)
        owner = _walk(out, edit.path[:-1], create=True)
        owner[edit.path[-1]] = plain_copy(edit.value)
        return out
    owner = _walk(out, edit.path[:-1], create=True)
    key = edit.path[-1]
    if not isinstance(owner.get(key) if isinstance(owner, dict) else owner[key], list):
        owner[key] = []
    items = owner[key]
    items.insert(len(items) if edit.index is None else edit.index, plain_copy(edit.item))
    return out


def _walk(node, path: tuple, create: bool = False):
    for part in path:
        if create and isinstance(node, dict) and not isinstance(node.get(part), (dict, list)):
            node[part] = {}
        node = node[part]
    return node


def plain_copy(value):
    """A deep copy that never shares a node, even where the original did (YAML aliases)."""
    if isinstance(value, dict):
        return {k: plain_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_copy(v) for v in value]
    return value
