"""Edits made as text splices: only the lines an edit changes differ.

Each edit is located through the position tree of the current text and made
by replacing one span (a scalar, a key) or inserting text (a key, a list
item, a comment) in the style of its neighbours. After each edit the text is
parsed again and must hold exactly the data the edit asks for; otherwise the
edit is refused (:class:`EditError`), so a splice can never silently change
something else.
"""

from __future__ import annotations

import json

from partnerkit.edit import render
from partnerkit.edit.changes import Comment, Edit, Insert, Rename, Set, expected
from partnerkit.edit.order import keys_before
from partnerkit.edit.source import BOM, EditError, Source
from partnerkit.load.positions import Pos


def apply(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """The text with the edits made, one after the other; a BOM, line breaks and everything else kept."""
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    src = Source(text)
    for edit in edits:
        start, end, new = splice(src, edit)
        changed = src.text[:start] + new + src.text[end:]
        want = expected(src.data, edit)
        try:
            src = Source(changed)
        except EditError as exc:
            raise EditError(f"{describe(edit)} would break the YAML ({exc})") from None
        if src.data != want:
            raise EditError(f"{describe(edit)} would change more than asked (is the value shared through a YAML "
                            f"anchor, or inside a block of text?): edit this by hand")
    return (BOM if bom else "") + src.text


def describe(edit: Edit) -> str:
    from partnerkit.core.finding import format_path

    if isinstance(edit, Comment):
        return f"adding a comment to line {edit.line}"
    return f"changing `{format_path(edit.path) or 'the document'}`"


def splice(src: Source, edit: Edit) -> tuple[int, int, str]:
    """The one span an edit replaces, and its new text."""
    if isinstance(edit, Set):
        return _set(src, tuple(edit.path), edit.value)
    if isinstance(edit, Insert):
        return _insert(src, tuple(edit.path), edit.item, edit.index)
    if isinstance(edit, Rename):
        return _rename(src, tuple(edit.path), edit.key)
    if isinstance(edit, Comment):
        return _comment(src, edit.line, edit.text)
    raise TypeError(f"not an edit: {edit!r}")


# --- Set ---------------------------------------------------------------------------

def _set(src: Source, path: tuple, value) -> tuple[int, int, str]:
    if not path:
        raise EditError("cannot replace the whole document")
    node = src.node(path)
    if node is not None:
        return _replace(src, path, node, value)
    parent_path, key = path[:-1], path[-1]
    parent = src.node(parent_path)
    if parent is None or (parent.sub is None and _value_at(src, parent_path) is None):
        if not parent_path or not isinstance(parent_path[-1], str):
            raise EditError(f"there is no `{_name(parent_path)}` to change")
        return _set(src, parent_path, {key: value})
    if not isinstance(parent.sub, dict) or not isinstance(key, str):
        raise EditError(f"`{_name(parent_path)}` is not a mapping: cannot add `{key}` to it")
    return _add_key(src, path, parent, value)


def _value_at(src: Source, path: tuple):
    try:
        return src.value(path)
    except (KeyError, IndexError, TypeError):
        return None


def _name(path: tuple) -> str:
    from partnerkit.core.finding import format_path

    return format_path(path) or "the document"


def _in_flow(src: Source, path: tuple) -> bool:
    parent = src.node(path[:-1])
    return parent is not None and src.is_flow(parent)


def _replace(src: Source, path: tuple, node: Pos, value) -> tuple[int, int, str]:
    flow = _in_flow(src, path)
    parent = src.node(path[:-1])
    if node.sub is None and not render.is_collection(value):
        start, end = src.scalar_span(node)
        new = render.scalar(value, flow)
        if start == end and src.text[start - 1:start] == ":":
            new = " " + new
        return _keep_comment_column(src, start, end, new)
    if flow:
        start = src.start(node) if node.sub is not None else src.scalar_span(node)[0]
        new = render.flow(value)
        if start == src.scalar_span(node)[1] and src.text[start - 1:start] == ":":
            new = " " + new
        return start, src.end(node), new
    if isinstance(parent.sub, dict):
        key = parent.sub[path[-1]][0]
        colon = src.text.index(":", src.offset(key.end_line, key.end_col))
        return colon + 1, src.end(node), render.after_key(value, key.col - 1, src.newline, len(path) > 1)
    if node.sub is None:
        start, end = src.scalar_span(node)
        return start, end, render.flow(value)
    raise EditError(f"cannot replace the list item `{_name(path)}` as a whole")


def _keep_comment_column(src: Source, start: int, end: int, new: str) -> tuple[int, int, str]:
    """Replace ``start:end`` with ``new``, keeping a comment after it in its column where there is room."""
    text = src.text
    gap = end
    while gap < len(text) and text[gap] in " \t":
        gap += 1
    if gap == end or gap >= len(text) or text[gap] != "#" or "\t" in text[end:gap]:
        return start, end, new
    room = (gap - start) - len(new)
    return start, gap, new + " " * max(1, room)


def _add_key(src: Source, path: tuple, parent: Pos, value) -> tuple[int, int, str]:
    key = path[-1]
    entries = list(parent.sub.items())  # key -> (key pos, value pos), in the order written
    before = keys_before(path)
    anchor = None
    for name in before:
        if name in parent.sub:
            anchor = name
            break
    if src.is_flow(parent):
        json_keys = bool(entries) and src.text[src.offset(entries[0][1][0].line, entries[0][1][0].col)] == '"'
        key_text = json.dumps(key, ensure_ascii=False) if json_keys else render.scalar(key, True)
        entry = f"{key_text}: {render.flow(value)}"
        if not entries:
            return src.start(parent) + 1, src.start(parent) + 1, entry
        name = anchor if anchor is not None else entries[-1][0]
        at = src.end(parent.sub[name][1])
        keys = [kpos for _, (kpos, _v) in entries]
        sep = ", "
        if len(keys) >= 2 and keys[-1].line != keys[-2].line:
            sep = "," + src.newline + " " * (keys[-1].col - 1)
        elif keys[-1].line != keys[0].line and src.indent_at(at) + len(entry) + 2 > render.FLOW_WIDTH:
            first_on_line = min((k for k in keys[1:] if k.line == keys[-1].line), key=lambda k: k.col)
            sep = "," + src.newline + " " * (first_on_line.col - 1)
        return at, at, sep + entry
    name = anchor if anchor is not None else entries[-1][0]
    key_pos, value_pos = parent.sub[name]
    indent = entries[0][1][0].col - 1
    at = src.line_end(src.end(value_pos))
    nl = src.newline
    gap = ""
    if render.is_collection(value) and len(path) == 1:
        later = [k for k, _ in entries]
        nxt = later.index(name) + 1
        probe = entries[nxt][1][0] if nxt < len(entries) else (key_pos if nxt > 1 else None)
        if probe is not None and src.blank_before(src.offset(probe.line, probe.col)):
            gap = nl
    key_text = render.scalar(key)
    return at, at, f"{nl}{gap}{' ' * indent}{key_text}:{render.after_key(value, indent, nl, len(path) > 1)}"


# --- Insert ------------------------------------------------------------------------

def _insert(src: Source, path: tuple, item, index: int | None) -> tuple[int, int, str]:
    node = src.node(path)
    if node is None or (node.sub is None and _value_at(src, path) is None):
        return _set(src, path, [item])
    if not isinstance(node.sub, list):
        raise EditError(f"`{_name(path)}` is not a list")
    items = node.sub
    n = len(items)
    index = n if index is None else max(0, min(index, n))
    nl = src.newline
    if src.is_flow(node):
        if not items:
            at = src.start(node) + 1
            return at, at, render.flow(item)
        ref = items[index - 1] if index > 0 else items[0]
        new = _like(src, ref, item, 0) if src.is_flow(ref) else render.flow(item)
        last = items[-1]
        sep = ", "
        if (n >= 2 and last.line != items[-2].line) or src.line_of(src.end(last)) != last.line - 1:
            sep = "," + nl + " " * (last.col - 1)
        if index == n:
            at = src.end(last)
            return at, at, sep + new
        at = src.start(items[index])
        return at, at, new + sep
    ref = items[index - 1] if index > 0 else items[0]
    dash = src.dash(ref)
    dash_col = src.indent_at(dash)
    ref_start = src.offset(ref.line, ref.col)
    content_col = src.indent_at(ref_start) if src.line_of(ref_start) == src.line_of(dash) else dash_col + 2
    line = " " * dash_col + "-" + " " * (content_col - dash_col - 1) + _like(src, ref, item, content_col)
    if index > 0:
        at = src.line_end(src.end(items[index - 1]))
        return at, at, nl + line
    at = src.line_start(dash)
    return at, at, line + nl


def _like(src: Source, ref: Pos, item, content_col: int) -> str:
    """``item`` written the way the sibling list item ``ref`` is."""
    nl = src.newline
    if ref.sub is not None and src.is_flow(ref) and render.is_collection(item):
        breaks = {}
        if isinstance(ref.sub, dict):
            keys = list(ref.sub.items())
            for (_, (prev, _v)), (name, (kpos, _w)) in zip(keys, keys[1:]):
                if kpos.line != prev.line:
                    breaks[name] = "," + nl + " " * (kpos.col - 1)
        return render.flow(item, breaks)
    if isinstance(item, dict) and item:
        return render.block_item(item, content_col, nl)
    if render.is_collection(item):
        return render.flow(item)
    return render.scalar(item)


# --- Rename, Comment ----------------------------------------------------------------

def _rename(src: Source, path: tuple, new_key: str) -> tuple[int, int, str]:
    parent = src.node(path[:-1])
    if parent is None or not isinstance(parent.sub, dict) or path[-1] not in parent.sub:
        raise EditError(f"there is no key `{_name(path)}` to rename")
    key = parent.sub[path[-1]][0]
    start, end = src.offset(key.line, key.col), src.offset(key.end_line, key.end_col)
    if src.text[start:start + 1] == '"':
        return start, end, json.dumps(new_key, ensure_ascii=False)
    return start, end, render.scalar(new_key, src.is_flow(parent))


def _comment(src: Source, line: int, text: str) -> tuple[int, int, str]:
    from partnerkit.core.text import one_line

    if not 1 <= line <= len(src.starts):
        raise EditError(f"there is no line {line}")
    at = src.line_end(src.starts[line - 1])
    body = src.text[src.starts[line - 1]:at]
    pad = "" if not body.strip() else "  "
    return at, at, f"{pad}# {one_line(text)}"
