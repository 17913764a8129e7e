"""YAML 1.2 text -> plain Python data and a :class:`Pos` tree, from parser events.

One parse per file. The events come from ruamel's C parser when
``ruamel.yaml.clib`` is installed (the fast path) and from its pure-Python
parser otherwise (the plain path); both give the same events, so the same
data, positions and findings. Building from events rather than the
round-trip loader keeps memory bounded and lets us refuse hostile input
early: nesting depth and alias expansion are counted as we go, every
duplicate key is recorded, and tags never construct objects.
"""

from __future__ import annotations

import re
from datetime import date

from partnerkit.load.decode import Problem
from partnerkit.load.positions import Pos

MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000

_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_NUMERIC_START = frozenset("0123456789+-.")
_CORE = "tag:yaml.org,2002:"


def resolve_plain(value: str):
    """YAML 1.2 core schema for an untagged plain scalar."""
    if not value or value in _NULLS:
        return None
    first = value[0]
    if first in _NUMERIC_START:
        if len(value) > 40:  # a huge number is not a number a charter means
            return value
        if _INT.match(value):
            return int(value)
        if _DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value  # 2026-02-30: left as text, the schema says why
        if _FLOAT.match(value):
            return float(value)
        if _OCT.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
        low = value.lower()
        if low in _SPECIAL:
            return _SPECIAL[low]
        return value
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in (".nan", ".NaN", ".NAN"):
        return float("nan")
    return value


def _tagged(value: str, tag: str):
    short = tag[len(_CORE):] if tag.startswith(_CORE) else None
    if short == "str":
        return value, True
    if short in ("int", "float", "bool", "null"):
        got = resolve_plain(value)
        kind = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[short]
        return got, isinstance(got, kind)
    return value, False


def _event_parser(text: str, fast: bool):
    if fast:
        try:
            from _ruamel_yaml import CParser  # ruamel.yaml.clib
        except ImportError:
            pass
        else:
            parser = CParser(text)
            return parser.get_event, parser.check_event
    from ruamel.yaml import YAML

    parser = YAML(typ="safe", pure=True)
    events = iter(parser.parse(text))
    pending = []

    def check():
        if not pending:
            nxt = next(events, None)
            if nxt is None:
                return False
            pending.append(nxt)
        return True

    def get():
        check()
        return pending.pop()

    return get, check


class Loaded:
    """The result of loading one YAML document."""

    __slots__ = ("data", "pos", "problems", "tag_problems")

    def __init__(self):
        self.data = None
        self.pos: Pos | None = None
        self.problems: list[Problem] = []  # E001 / E007: the file cannot be used
        self.tag_problems: list[tuple[Pos, str]] = []  # unsupported tags: schema findings


def _yaml_error(exc) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem("E001", message, "Fix the YAML syntax at this position.", line, col)


def load_yaml(text: str, fast: bool = True) -> Loaded:
    out = Loaded()
    try:
        _build(text, fast, out)
    except RecursionError:
        out.problems.append(Problem("E007", "nesting too deep", "Flatten the document."))
    except Exception as exc:  # the parser's own errors: YAMLError and friends
        if type(exc).__module__.startswith(("ruamel", "_ruamel")) or "YAML" in type(exc).__name__:
            out.problems.append(_yaml_error(exc))
        else:
            raise
    return out


def _build(text: str, fast: bool, out: Loaded) -> None:
    get, check = _event_parser(text, fast)
    stack: list = []  # frames: [container, pos, is_map, pending_key, key_mark, anchor, size]
    anchors: dict = {}
    alias_nodes = 0
    documents = 0
    problems = out.problems
    while check():
        ev = get()
        name = type(ev).__name__
        mark = ev.start_mark
        if name == "ScalarEvent":
            raw = ev.value
            tag = ev.tag
            if tag is not None and tag != "!":
                value, ok = _tagged(raw, tag)
                if not ok:
                    out.tag_problems.append((Pos(mark.line + 1, mark.column + 1), tag))
            elif ev.style in (None, "") and (ev.implicit is None or ev.implicit[0]):
                value = resolve_plain(raw)
            else:
                value = raw
            pos = Pos(mark.line + 1, mark.column + 1)
            size = 1
            if ev.anchor is not None:
                anchors[ev.anchor] = (value, pos, 1)
        elif name == "MappingStartEvent" or name == "SequenceStartEvent":
            if len(stack) >= MAX_DEPTH:
                problems.append(Problem("E007", f"nesting deeper than {MAX_DEPTH} levels",
                                        "Flatten the document.", mark.line + 1, mark.column + 1))
                return
            is_map = name == "MappingStartEvent"
            if ev.tag is not None and ev.tag not in ("!", _CORE + "map", _CORE + "seq"):
                out.tag_problems.append((Pos(mark.line + 1, mark.column + 1), ev.tag))
            container = {} if is_map else []
            sub = {} if is_map else []
            stack.append([container, Pos(mark.line + 1, mark.column + 1, sub), is_map, _NOKEY, None, ev.anchor, 1])
            continue
        elif name == "MappingEndEvent" or name == "SequenceEndEvent":
            frame = stack.pop()
            value, pos, size = frame[0], frame[1], frame[6]
            if frame[5] is not None:
                anchors[frame[5]] = (value, pos, size)
        elif name == "AliasEvent":
            target = anchors.get(ev.anchor)
            if target is None:
                problems.append(Problem("E001", f"unknown alias *{ev.anchor}", "Define the anchor before using it.",
                                        mark.line + 1, mark.column + 1))
                return
            value, pos, size = target
            alias_nodes += size
            if alias_nodes > MAX_ALIAS_NODES:
                problems.append(Problem("E007", f"alias expansion over its limit of {MAX_ALIAS_NODES:,} nodes",
                                        "Write the data out instead of repeating large anchors.",
                                        mark.line + 1, mark.column + 1))
                return
        elif name == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                problems.append(Problem("E001", "more than one YAML document",
                                        "A charter is a single document: remove the `---` separator and what follows.",
                                        mark.line + 1, mark.column + 1))
                return
            continue
        else:  # stream start/end, document end
            continue

        if not stack:
            out.data, out.pos = value, pos
            continue
        frame = stack[-1]
        frame[6] += size
        if frame[2]:
            if frame[3] is _NOKEY:
                if isinstance(value, (dict, list)):
                    out.tag_problems.append((pos, "complex key"))
                    value = str(value)
                elif isinstance(value, float) and value != value:
                    value = "nan"
                frame[3], frame[4] = value, (mark.line + 1, mark.column + 1)
            else:
                key = frame[3]
                kline, kcol = frame[4]
                sub = frame[1].sub
                if key in sub:
                    first = sub[key]
                    problems.append(Problem(
                        "E001",
                        f"duplicate key `{key}` (first defined at line {first[0]}, column {first[1]})",
                        "Remove or merge the repeated key: YAML keeps only one of them.",
                        kline, kcol))
                else:
                    frame[0][key] = value
                    sub[key] = (kline, kcol, pos)
                frame[3] = _NOKEY
        else:
            frame[0].append(value)
            frame[1].sub.append(pos)


class _NoKey:
    __slots__ = ()


_NOKEY = _NoKey()
