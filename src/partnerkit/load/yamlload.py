"""YAML 1.2 text -> plain Python data and a :class:`Pos` tree, from parser events.

One parse per file. The events come from ruamel's C parser when
``ruamel.yaml.clib`` is installed (the fast path) and from its pure-Python
parser otherwise (the plain path); one builder turns either into the same
data, positions and findings (see "events" below for how the fast path
avoids building Python event objects). Building from events rather than the
round-trip loader keeps memory bounded and lets us refuse hostile input
early: nesting depth and alias expansion are counted as we go, every
duplicate key is recorded, and tags never construct objects.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from functools import partial

from partnerkit.load.decode import LINE_BREAKS, problem
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


_PLAIN: dict = {}  # plain scalar text -> its value; shared by every load (values are immutable)
_PLAIN_MAX = 50_000


def _plain(raw: str):
    """``resolve_plain`` through the cache: keys, dates and enum words repeat across charters."""
    value = resolve_plain(raw)
    if len(_PLAIN) >= _PLAIN_MAX:
        _PLAIN.clear()
    if len(raw) <= 40:
        _PLAIN[raw] = value
    return value


# --- events ----------------------------------------------------------------------
#
# The builder reads *deferred* events: ``partial(EventClass, *args)``, the
# constructor call that stands for the event, with the arguments in the order
# of ruamel's event classes (a scalar: anchor, tag, implicit, value,
# start_mark, end_mark, style). The C parser makes each event by calling the
# event class it finds in its module; those classes have Python constructors
# that cost more than the parsing itself. While a load runs on the only thread
# of the process, the parser finds ``partial(partial, EventClass)`` there
# instead, so it hands out deferred events made in C and never constructed.
# The names are restored as soon as the load ends. Otherwise (the pure-Python
# parser, other threads running, a C parser that builds events differently)
# real events are turned into the same form, so one builder serves every path.

_EVENT_NAMES = ("StreamStartEvent", "StreamEndEvent", "DocumentStartEvent", "DocumentEndEvent", "AliasEvent",
                "ScalarEvent", "SequenceStartEvent", "SequenceEndEvent", "MappingStartEvent", "MappingEndEvent")
_PROBE = "a: &x [1, 'b', !t c]\n? d\n: *x\n"
_deferring: dict | None = None  # event name -> the factory that defers it; {} when the C parser does not allow it


def _deferred(ev) -> partial:
    """A real parser event -> its deferred form."""
    cls = ev.__class__
    name = cls.__name__
    if name == "ScalarEvent":
        tag = ev.ctag
        return partial(cls, ev.anchor, tag if tag is None else str(tag), ev.implicit, ev.value, ev.start_mark,
                       ev.end_mark, ev.style)
    if name == "MappingStartEvent" or name == "SequenceStartEvent":
        tag = ev.ctag
        return partial(cls, ev.anchor, tag if tag is None else str(tag), ev.implicit, ev.start_mark, ev.end_mark,
                       ev.flow_style)
    return partial(cls, *[getattr(ev, field) for field in _OTHER_ARGS.get(name, ("start_mark", "end_mark"))])


_OTHER_ARGS = {
    "AliasEvent": ("anchor", "start_mark", "end_mark"),
    "StreamStartEvent": ("start_mark", "end_mark", "encoding"),
    "DocumentStartEvent": ("start_mark", "end_mark", "explicit", "version", "tags"),
    "DocumentEndEvent": ("start_mark", "end_mark", "explicit"),
}


def _same(a: partial, b: partial) -> bool:
    if a.func is not b.func or len(a.args) != len(b.args) or a.keywords or b.keywords:
        return False
    for x, y in zip(a.args, b.args):
        if hasattr(x, "line"):
            if (x.line, x.column) != (y.line, y.column):
                return False
        elif x != y:
            return False
    return True


def _factories(clib) -> dict:
    """Check once that deferral gives exactly the events the C parser makes; the factories, or {}."""
    global _deferring
    if _deferring is None:
        from ruamel.yaml import events

        _deferring = {}
        if all(getattr(clib, name, None) is getattr(events, name) for name in _EVENT_NAMES):
            factories = {name: partial(partial, getattr(events, name)) for name in _EVENT_NAMES}
            real = [_deferred(ev) for ev in iter(clib.CParser(_PROBE).get_event, None)]
            saved = _swap(clib, factories)
            try:
                got = list(iter(clib.CParser(_PROBE).get_event, None))
            except Exception:  # noqa: BLE001 - any surprise means: do not defer
                got = []
            finally:
                _swap(clib, saved)
            if len(got) == len(real) and all(isinstance(g, partial) and _same(g, r) for g, r in zip(got, real)):
                _deferring = factories
    return _deferring


def _swap(clib, names: dict) -> dict:
    saved = {name: getattr(clib, name) for name in names}
    for name, value in names.items():
        setattr(clib, name, value)
    return saved


def _alone() -> bool:
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _build(text: str, fast: bool, out: Loaded) -> None:
    clib = None
    if fast and not ("\x85" in text or "\u2028" in text or "\u2029" in text):
        # The C parser ends a line at NEL, LS and PS too (YAML 1.1); YAML 1.2 and editors do not. The rare document
        # holding one is read by the pure-Python parser, so that lines are counted alike on every path.
        try:
            import _ruamel_yaml as clib  # ruamel.yaml.clib: the C parser
        except ImportError:
            clib = None
    if clib is not None:
        factories = _factories(clib) if _alone() else None  # the check itself swaps names: alone only
        if factories:
            saved = _swap(clib, factories)
            try:
                _walk(clib.CParser(text).get_event, out)
            finally:
                _swap(clib, saved)
            return
        raw = clib.CParser(text).get_event
    else:
        from ruamel.yaml import YAML

        raw = partial(next, iter(YAML(typ="safe", pure=True).parse(text)), None)

    def get():
        ev = raw()
        return None if ev is None else _deferred(ev)

    _walk(get, out)


class Loaded:
    """The result of loading one YAML document."""

    __slots__ = ("data", "pos", "problems", "tag_problems")

    def __init__(self):
        self.data = None
        self.pos: Pos | None = None
        self.problems: list = []  # hits  # E001 / E007: the file cannot be used
        self.tag_problems: list[tuple[Pos, str]] = []  # unsupported tags: schema findings


def _yaml_error(exc, text: str):
    from partnerkit.load.syntax import explain

    def at(mark):
        return None if mark is None else (mark.line, mark.column)

    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    found = explain(what, getattr(exc, "context", None), at(getattr(exc, "problem_mark", None)),
                    at(getattr(exc, "context_mark", None)), text)
    return problem("E001", found.message, found.hint, found.line, found.col)


def load_yaml(text: str, fast: bool = True) -> Loaded:
    out = Loaded()
    refused = _directive_problem(text)
    if refused is not None:
        out.problems.append(refused)
        return out
    try:
        _build(text, fast, out)
    except RecursionError:
        out.problems.append(problem("E007", "nesting too deep", "Flatten the document."))
    except Exception as exc:  # the parser's own errors: YAMLError and friends
        if not _from_parser(exc):
            raise
        if fast:
            # libyaml follows YAML 1.1 where 1.2 is more lenient (`{url: https://x}`): a document the C parser
            # refuses is read again by the pure-Python parser, and the C parser's error stands only if that
            # one refuses it too. Valid documents never pay for this.
            second = load_yaml(text, fast=False)
            if not any(p.message.startswith("YAML syntax error") for p in second.problems):
                return second
        out.problems.append(_yaml_error(exc, text))
    return out


def _from_parser(exc: Exception) -> bool:
    """A parser error, or any other exception raised inside ruamel on odd input."""
    if type(exc).__module__.startswith(("ruamel", "_ruamel")) or "YAML" in type(exc).__name__:
        return True
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and "ruamel" in tb.tb_frame.f_code.co_filename


def _directive_problem(text: str):
    """The directives a charter may open with (``%YAML 1.1`` or ``1.2``, ``%TAG``), checked alike on every path.

    The two parsers disagree on the others: the C one refuses an unknown
    directive, the pure-Python one ignores it, and fails on ``%YAML 1.3``.
    """
    if "%" not in text:
        return None
    start = 0
    for number in range(1, len(text) + 1):
        end = text.find("\n", start)
        line = (text[start:] if end < 0 else text[start:end]).rstrip("\r")
        if line.startswith("%"):
            words = line.split("#", 1)[0].split()
            if not (words[0] == "%TAG" or (words[0] == "%YAML" and words[1:] in (["1.1"], ["1.2"]))):
                return problem("E001", f"unsupported YAML directive `{line[:40]}`: a charter is a YAML 1.2 document",
                               "Remove the directive: a charter needs none.", number, 1)
        elif line.strip() and not line.lstrip().startswith("#"):
            return None  # the directives, if any, are behind us
        if end < 0:
            return None
        start = end + 1
    return None


class _Stop(Exception):
    """The document cannot be used: the reason is already in ``Loaded.problems``."""


def _walk(get, out: Loaded) -> None:
    """Build ``out.data`` and ``out.pos`` from deferred events; ``get()`` gives the next one, then None."""
    from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                                    SequenceEndEvent, SequenceStartEvent)

    problems, tag_problems = out.problems, out.tag_problems
    anchors: dict = {}  # anchor -> (value, pos, node count)
    aliases = [0]  # nodes reached through aliases so far
    cache_get = _PLAIN.get
    miss = _NOKEY

    # Argument positions: a scalar is (anchor, tag, implicit, value, start_mark, end_mark, style); a mapping
    # or sequence start is (anchor, tag, implicit, start_mark, end_mark, flow_style); an alias (anchor, start_mark, ...).

    def scalar(a):
        """Any scalar: tagged, anchored or not. Returns (value, pos, 1)."""
        mark, end = a[4], a[5]
        pos = Pos(mark.line + 1, mark.column + 1, None, None, end.line + 1, end.column + 1)
        raw, tag = a[3], a[1]
        if tag is not None and tag != "!":
            value, ok = _tagged(raw, tag)
            if not ok:
                tag_problems.append((Pos(pos.line, pos.col), tag))
        elif not a[6] and a[2][0]:
            value = cache_get(raw, miss)
            if value is miss:
                value = _plain(raw)
        else:
            value = raw
        if a[0] is not None:
            anchors[a[0]] = (value, pos, 1)
        return value, pos, 1

    def node(ev, depth):
        kind = ev.func
        if kind is ScalarEvent:
            return scalar(ev.args)
        if kind is MappingStartEvent:
            return mapping(ev.args, depth)
        if kind is SequenceStartEvent:
            return sequence(ev.args, depth)
        if kind is AliasEvent:
            return alias(ev.args)
        raise TypeError(f"unexpected parser event {kind.__name__}")

    def alias(a):
        target = anchors.get(a[0])
        mark = a[1]
        if target is None:
            problems.append(problem("E001", f"unknown alias *{a[0]}", "Define the anchor before using it.",
                                    mark.line + 1, mark.column + 1))
            raise _Stop
        aliases[0] += target[2]
        if aliases[0] > MAX_ALIAS_NODES:
            problems.append(problem("E007", f"alias expansion over its limit of {MAX_ALIAS_NODES:,} nodes",
                                    "Write the data out instead of repeating large anchors.",
                                    mark.line + 1, mark.column + 1))
            raise _Stop
        return target

    def opening(a, depth):
        """A mapping or sequence too deep (refused), or with a tag of its own (reported)."""
        mark = a[3]
        if depth >= MAX_DEPTH:
            problems.append(problem("E007", f"nesting deeper than {MAX_DEPTH} levels", "Flatten the document.",
                                    mark.line + 1, mark.column + 1))
            raise _Stop
        if a[1] not in _COLLECTION_TAGS:
            tag_problems.append((Pos(mark.line + 1, mark.column + 1), a[1]))

    def mapping(start, depth):
        if depth >= MAX_DEPTH or start[1] is not None:
            opening(start, depth)
        depth += 1
        data: dict = {}
        sub: dict = {}
        place = sub.setdefault
        size = 1
        first_key = None
        while True:
            ev = get()
            kind = ev.func
            if kind is MappingEndEvent:
                break
            a = ev.args
            if kind is ScalarEvent and a[0] is None and a[2][0]:  # a plain key: nearly every key
                mark, end = a[4], a[5]
                key = cache_get(a[3], miss)
                if key is miss:
                    key = _plain(a[3])
                kpos = Pos(mark.line + 1, mark.column + 1, None, None, end.line + 1, end.column + 1)
                size += 1
            else:
                end = None
                key, kpos, ksize = node(ev, depth)
                if kpos.sub is not None:  # a complex key: point at its start only
                    kpos = Pos(kpos.line, kpos.col, None, kpos.file, kpos.line, kpos.col + 1)
                size += ksize
                if isinstance(key, (dict, list)):
                    tag_problems.append((kpos, "complex key"))
                    key = str(key)  # nested complex keys double their text at each level: keep it short
                    key = key if len(key) <= 80 else key[:79] + "…"
            if key.__class__ is float and key != key:
                key = "nan"
            if first_key is None:
                first_key = kpos
            ev = get()
            a = ev.args
            if ev.func is ScalarEvent and a[0] is None and a[1] is None:  # an untagged, unanchored value
                value = a[3]
                if value or a[6] or end is None:
                    mark, vend = a[4], a[5]
                    pos = Pos(mark.line + 1, mark.column + 1, None, None, vend.line + 1, vend.column + 1)
                else:  # nothing after `key:`: just after the colon, where the C parser puts it (the other one
                    # puts it at the next token, often on the next line)
                    pos = Pos(end.line + 1, end.column + 2, None, None, end.line + 1, end.column + 2)
                if not a[6]:
                    got = cache_get(value, miss)
                    value = _plain(value) if got is miss else got
                size += 1
            else:
                kind = ev.func
                if kind is MappingStartEvent:
                    value, pos, vsize = mapping(a, depth)
                elif kind is SequenceStartEvent:
                    value, pos, vsize = sequence(a, depth)
                else:
                    value, pos, vsize = node(ev, depth)
                size += vsize
            entry = (kpos, pos)
            first = place(key, entry)
            if first is entry:
                data[key] = value
            else:
                problems.append(problem(
                    "E001", f"duplicate key `{key}` (first defined at line {first[0].line}, column {first[0].col})",
                    "Remove or merge the repeated key: YAML keeps only one of them.", kpos.line, kpos.col,
                    kpos.end_line, kpos.end_col))
        mark = start[3]
        if first_key is not None:
            pos = Pos(mark.line + 1, mark.column + 1, sub, None, first_key.end_line, first_key.end_col)
        else:
            pos = Pos(mark.line + 1, mark.column + 1, sub, None, mark.line + 1, mark.column + 2)
        if start[0] is not None:
            anchors[start[0]] = (data, pos, size)
        return data, pos, size

    def sequence(start, depth):
        if depth >= MAX_DEPTH or start[1] is not None:
            opening(start, depth)
        depth += 1
        data: list = []
        sub: list = []
        append, pos_append = data.append, sub.append
        size = 1
        while True:
            ev = get()
            kind = ev.func
            if kind is SequenceEndEvent:
                break
            a = ev.args
            if kind is ScalarEvent and a[0] is None and a[1] is None:
                mark, end = a[4], a[5]
                pos_append(Pos(mark.line + 1, mark.column + 1, None, None, end.line + 1, end.column + 1))
                value = a[3]
                if not a[6]:
                    got = cache_get(value, miss)
                    value = _plain(value) if got is miss else got
                append(value)
                size += 1
            else:
                if kind is MappingStartEvent:
                    value, pos, vsize = mapping(a, depth)
                elif kind is SequenceStartEvent:
                    value, pos, vsize = sequence(a, depth)
                else:
                    value, pos, vsize = node(ev, depth)
                append(value)
                pos_append(pos)
                size += vsize
        mark = start[3]
        pos = Pos(mark.line + 1, mark.column + 1, sub, None, mark.line + 1, mark.column + 2)
        if start[0] is not None:
            anchors[start[0]] = (data, pos, size)
        return data, pos, size

    documents = 0
    try:
        while True:
            ev = get()
            if ev is None:
                break
            kind = ev.func
            if kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = ev.args[0]
                    problems.append(problem(
                        "E001", "more than one YAML document",
                        "A charter is a single document: remove the `---` separator and what follows.",
                        mark.line + 1, mark.column + 1))
                    return
            elif kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent or kind is AliasEvent:
                out.data, out.pos, _ = node(ev, 0)
    except _Stop:
        return
    finally:  # the helpers refer to one another: unlink them, so the document is freed as soon as it is dropped
        scalar = node = alias = opening = mapping = sequence = None  # noqa: F811


_COLLECTION_TAGS = frozenset(("!", _CORE + "map", _CORE + "seq"))


class _NoKey:
    __slots__ = ()


_NOKEY = _NoKey()
