"""YAML 1.2 text -> plain Python data and a :class:`Pos` tree, from parser events.

One parse per file. The events come from the parser this process chose
(:mod:`partnerkit.load.parsers`: ruamel's C parser when it is installed,
its pure-Python parser otherwise); one builder turns them into the same
data, positions and findings on either path. Building from events rather
than the round-trip loader keeps memory bounded and lets us refuse hostile
input early: nesting depth and alias expansion are counted as we go, every
duplicate key is recorded, and tags never construct objects.

The same verdict, data and positions on every path: the directives are
checked before either parser sees them (:mod:`partnerkit.load.directives`);
a document the C parser refuses is judged by the pure-Python parser, whose
error is reported; and the few documents on which the two parsers are
known to differ are read by the pure-Python parser on every path: those
holding a tab, NEL, LS, PS or a BOM (:func:`_c_differs`, before parsing)
and those in which the builder meets, on the C parser's events, what libyaml
reads apart from YAML 1.2 (:class:`_Reread`: complex and empty keys, odd
block scalars, tags, anchor names, several or empty documents). Keys are
compared as YAML compares them (:mod:`partnerkit.load.keys`).
"""

from __future__ import annotations

import re
from datetime import date

from partnerkit.load.decode import problem
from partnerkit.load.directives import prologue
from partnerkit.load.keys import complex_key, distinct
from partnerkit.load.parsers import PURE, c_events, chosen, pure_events
from partnerkit.load.positions import Pos

MAX_DEPTH = 64  # also in _native.c
MAX_ALIAS_NODES = 10_000

NATIVE_API = 1  # the C builder's interface, as _native.c says it: one compiled from another version is not used
try:  # the C builder for the common document, where it was compiled at install; else _walk does it all
    from partnerkit.load import _native as NATIVE
except ImportError:  # pragma: no cover - a platform without a C compiler at install
    NATIVE = None
STALE = NATIVE is not None and getattr(NATIVE, "API", None) != NATIVE_API  # an editable install's old build
if STALE:
    NATIVE = None

_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
NAN = float("nan")  # the one NaN every `.nan` resolves to: equal to itself as a key, so two `.nan` keys repeat
_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": NAN}
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
    return value


def _tagged(value: str, tag: str):
    short = tag[len(_CORE):] if tag.startswith(_CORE) else None
    if short == "str":
        return value, True
    if short in ("int", "float", "bool", "null"):
        got = resolve_plain(value)
        kind = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[short]
        ok = isinstance(got, kind) and not (short != "bool" and isinstance(got, bool))
        if ok and short == "float":
            got = float(got)
        return got, ok
    return value, False


_PLAIN: dict = {}  # plain scalar text -> its value; shared by every load (values are immutable)
_PLAIN_MAX = 20_000  # about 3 MB a worker at most; the values that repeat come back at once


def _plain(raw: str):
    """``resolve_plain`` through the cache: keys, dates and enum words repeat across charters."""
    value = resolve_plain(raw)
    if len(_PLAIN) >= _PLAIN_MAX:
        _PLAIN.clear()
    if len(raw) <= 40:
        _PLAIN[raw] = value
    return value


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
    """Load one YAML document: with the parser this process chose, or (``fast=False``) the pure-Python one."""
    text, refused = prologue(text)
    if refused is not None:
        out = Loaded()
        out.problems.append(refused)
        return out
    parser = chosen() if fast else PURE
    if parser.kind == "c" and not _c_differs(text):  # see _c_differs for the documents it does not read
        out = Loaded()
        built = _native_walk(parser, text) if NATIVE is not None else None
        if built is _REFUSED:  # the C parser refuses it: the pure-Python parser says why, as below
            return _load_pure(text)
        if built is not None:
            out.data, out.pos = built
            return out
        get, restore = c_events(parser, text)
        try:
            _walk(get, out, text, True)
            return out
        except RecursionError:
            pass
        except Exception as exc:  # noqa: BLE001 - re-read below; anything else is raised again
            if not isinstance(exc, _Reread) and not _from_parser(exc):
                raise
            # A document the C parser refuses, or one it is known to read differently, is read by the
            # pure-Python parser: its verdict, data and positions stand, the same as on the plain path.
        finally:
            restore()
    return _load_pure(text)


def builder() -> str:
    """Which builder turns the C parser's events into data and positions, in one line (``version --verbose``)."""
    from partnerkit.load.parsers import makers

    parser = chosen()
    if parser.kind != "c":
        return "Python (the pure-Python parser reads every charter)"
    if STALE:
        return "Python: partnerkit's C builder was compiled from another version of it; install partnerkit again"
    if NATIVE is None:
        return ("Python: partnerkit's C builder was not compiled at install (no C compiler or Python headers); "
                "linting takes about a third longer")
    events = "made for it" if makers(parser) else "deferred partials (its makers' self-check failed)"
    return (f"C ({NATIVE.__name__}), events {events}; documents with anchors, tags, repeated or complex keys "
            f"go to the Python builder")


def _native_walk(parser, text: str):
    """``(data, pos)`` from the C builder (:mod:`partnerkit.load._native`); None when the document holds what it
    leaves to :func:`_walk` (anchors, tags, repeated keys, ...); ``_REFUSED`` when the C parser refuses it."""
    global _KINDS
    if _KINDS is None:
        from ruamel.yaml import events

        _KINDS = tuple(getattr(events, name) for name in ("ScalarEvent", "MappingStartEvent", "MappingEndEvent",
                                                          "SequenceStartEvent", "SequenceEndEvent", "AliasEvent",
                                                          "DocumentStartEvent"))
    get, restore = c_events(parser, text, native=True)
    try:
        return NATIVE.walk(get, text, _KINDS, _PLAIN, _plain, _odd_block, _after_colon)
    except Exception as exc:  # noqa: BLE001 - the parser's errors are read again below; anything else is raised
        if not _from_parser(exc):
            raise
        return _REFUSED
    finally:
        restore()


_REFUSED = object()
_KINDS = None  # the event classes, in the order walk() takes them: looked up once


def _c_differs(text: str) -> bool:
    """A tab, NEL, LS, PS or a BOM inside the text: read by the pure-Python parser on every path.

    libyaml follows YAML 1.1 on tabs and line breaks, and counts a BOM as a column. A few microseconds: each
    ``in`` runs in C, and ASCII text (a flag of the string) cannot hold the others.
    """
    return "\t" in text or not text.isascii() and (
        "\x85" in text or "\u2028" in text or "\u2029" in text or "\ufeff" in text)


def _load_pure(text: str) -> Loaded:
    out = Loaded()
    try:
        _walk(pure_events(text), out, text, False)
    except RecursionError:
        out.problems.append(problem("E007", "nesting too deep", "Flatten the document."))
    except Exception as exc:  # the parser's own errors: YAMLError and friends
        if not _from_parser(exc):
            raise
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


class _Reread(Exception):
    """The C parser is known to read this document differently: read it with the pure-Python parser."""


class _Stop(Exception):
    """The document cannot be used: the reason is already in ``Loaded.problems``."""


def _walk(get, out: Loaded, text: str, c_path: bool) -> None:
    """Build ``out.data`` and ``out.pos`` from deferred events; ``get()`` gives the next one, then None.

    On the C path (``c_path``), what the C parser is known to read differently raises :class:`_Reread`.
    """
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
        pos = (mark.line + 1, mark.column + 1, None, None, end.line + 1, end.column + 1)
        raw, tag, style = a[3], a[1], a[6]
        if c_path and (style == "|" or style == ">") and _odd_block(text, mark, raw, style):
            raise _Reread
        if tag is None:
            if not style and a[2][0]:
                value = cache_get(raw, miss)
                if value is miss:
                    value = _plain(raw)
            else:
                value = raw
        elif tag == "!":  # the non-specific tag: a string, whatever it looks like
            value = raw
        else:
            if c_path and tag not in _SCALAR_TAGS:
                raise _Reread  # the parsers read odd tags differently (`!:!x`, `!!!x`)
            value, ok = _tagged(raw, tag)
            if not ok:
                tag_problems.append((pos, tag))
        if a[0] is not None:
            if c_path and _odd_name(text, mark.index, "&", a[0]):
                raise _Reread
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
        if c_path and _odd_name(text, mark.index, "*", a[0]):
            raise _Reread
        if target is None:
            problems.append(problem("E001", f"unknown alias *{a[0]}", "Define the anchor before using it.",
                                    mark.line + 1, mark.column + 1, a[2].line + 1, a[2].column + 1))
            raise _Stop
        aliases[0] += target[2]
        if aliases[0] > MAX_ALIAS_NODES:
            problems.append(problem("E007", f"alias expansion over its limit of {MAX_ALIAS_NODES:,} nodes",
                                    "Write the data out instead of repeating large anchors.",
                                    mark.line + 1, mark.column + 1, a[2].line + 1, a[2].column + 1))
            raise _Stop
        # the alias itself is here; what is inside it is where the anchor defines it
        return target[0], (mark.line + 1, mark.column + 1, target[1][2], None, a[2].line + 1, a[2].column + 1), \
            target[2]

    def opening(a, depth):
        """A mapping or sequence too deep (refused), or with a tag of its own (reported)."""
        mark = a[3]
        if depth >= MAX_DEPTH:
            problems.append(problem("E007", f"nesting deeper than {MAX_DEPTH} levels", "Flatten the document.",
                                    mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2))
            raise _Stop
        if a[1] not in _COLLECTION_TAGS:
            if c_path:
                raise _Reread
            tag_problems.append(((mark.line + 1, mark.column + 1, None, None, mark.line + 1, mark.column + 2),
                                 a[1]))

    def mapping(start, depth):
        if depth >= MAX_DEPTH or start[1] is not None:
            opening(start, depth)
        if c_path and start[0] is not None and _odd_name(text, start[3].index, "&", start[0]):
            raise _Reread
        depth += 1
        data: dict = {}
        sub: dict = {}
        place = sub.setdefault
        size = 1
        first_key = None
        # a pair in a flow sequence (`["a":b]`, no braces): a value right after its `:` is read apart
        adjacent = c_path and start[5] and text[start[3].index:start[3].index + 1] != "{"
        while True:
            ev = get()
            kind = ev.func
            if kind is MappingEndEvent:
                break
            a = ev.args
            if kind is ScalarEvent and a[0] is None and a[1] is None and not a[6]:  # a plain key: nearly every key
                mark, end = a[4], a[5]
                key = cache_get(a[3], miss)
                if key is miss:
                    key = _plain(a[3])
                if key is None and c_path and not a[3]:
                    raise _Reread  # an empty key: the parsers place it apart
                kpos = (mark.line + 1, mark.column + 1, None, None, end.line + 1, end.column + 1)
                size += 1
            else:
                end = a[5] if kind is ScalarEvent else a[2] if kind is AliasEvent else None
                key, kpos, ksize = node(ev, depth)
                size += ksize
                if kpos[2] is not None:  # a complex key: point at its start only
                    if c_path:
                        raise _Reread  # the C parser reads some complex keys YAML 1.2 refuses, and places others apart
                    kpos = (kpos[0], kpos[1], None, kpos[3], kpos[0], kpos[1] + 1)
                if isinstance(key, (dict, list)):
                    tag_problems.append((kpos, "complex key"))
                    key = complex_key(key)
            if first_key is None:
                first_key = kpos
            ev = get()
            a = ev.args
            if adjacent and _after(text, a[4] if ev.func is ScalarEvent else a[1] if ev.func is AliasEvent else a[3]):
                raise _Reread
            if ev.func is ScalarEvent and a[0] is None and a[1] is None:  # an untagged, unanchored value
                value = a[3]
                if value or a[6] or end is None:
                    mark, vend = a[4], a[5]
                    pos = (mark.line + 1, mark.column + 1, None, None, vend.line + 1, vend.column + 1)
                else:  # nothing after `key:`: just after the colon (the parsers put it at the next token)
                    line, col = _after_colon(text, end)
                    pos = (line, col, None, None, line, col)
                if not a[6]:
                    got = cache_get(value, miss)
                    value = _plain(value) if got is miss else got
                elif c_path and (a[6] == "|" or a[6] == ">") and _odd_block(text, a[4], value, a[6]):
                    raise _Reread
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
            if first is not entry:
                other = distinct(key, data)  # `1.0` beside `1` or `true`: not the same key to YAML
                if other is not None:
                    key = other
                    first = place(key, entry)
            if first is entry:
                data[key] = value
            else:
                problems.append(problem(
                    "E001", f"duplicate key `{key}` (first defined at line {first[0][0]}, column {first[0][1]})",
                    "Remove or merge the repeated key: YAML keeps only one of them.", kpos[0], kpos[1],
                    kpos[4], kpos[5]))
        mark = start[3]
        if first_key is not None:
            pos = (mark.line + 1, mark.column + 1, sub, None, first_key[4], first_key[5])
        else:
            pos = (mark.line + 1, mark.column + 1, sub, None, mark.line + 1, mark.column + 2)
        if start[0] is not None:
            anchors[start[0]] = (data, pos, size)
        return data, pos, size

    def sequence(start, depth):
        if depth >= MAX_DEPTH or start[1] is not None:
            opening(start, depth)
        if c_path and start[0] is not None and _odd_name(text, start[3].index, "&", start[0]):
            raise _Reread
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
                pos_append((mark.line + 1, mark.column + 1, None, None, end.line + 1, end.column + 1))
                value = a[3]
                if not a[6]:
                    got = cache_get(value, miss)
                    value = _plain(value) if got is miss else got
                elif c_path and (a[6] == "|" or a[6] == ">") and _odd_block(text, mark, value, a[6]):
                    raise _Reread
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
        pos = (mark.line + 1, mark.column + 1, sub, None, mark.line + 1, mark.column + 2)
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
                    if c_path:
                        raise _Reread  # the parsers disagree on what may come between documents
                    problems.append(problem(
                        "E001", "more than one YAML document",
                        "A charter is a single document: remove the `---` separator and what follows.",
                        *_document_start(ev.args)))
                    return
            elif kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent or kind is AliasEvent:
                if c_path and kind is ScalarEvent and not ev.args[3] and not ev.args[6]:
                    raise _Reread  # an empty document: the parsers place it apart
                out.data, out.pos, _ = node(ev, 0)
    except _Stop:
        if c_path:  # the pure-Python parser scans further ahead: it may find a syntax error first
            raise _Reread from None
        return
    finally:  # the helpers refer to one another: unlink them, so the document is freed as soon as it is dropped
        scalar = node = alias = opening = mapping = sequence = None  # noqa: F811


def _document_start(args) -> tuple[int, int, int, int]:
    """Where a document starts: its `---` (the C parser puts an explicit start at the directives before it)."""
    start, end, explicit = args[0], args[1], args[2]
    if explicit:
        return end.line + 1, end.column - 2, end.line + 1, end.column + 1
    return start.line + 1, start.column + 1, start.line + 1, start.column + 1


_ENDS = "\r\n\x85\u2028\u2029"


def _after_colon(text: str, mark) -> tuple[int, int]:
    """Where an empty value sits: just after the `:` that follows its key, which ends at ``mark``."""
    i, line, col, n = mark.index, mark.line, mark.column, len(text)
    while i < n:
        ch = text[i]
        if ch == ":":
            return line + 1, col + 2
        if ch == " " or ch == "\t":
            col += 1
        elif ch == "#":
            while i + 1 < n and text[i + 1] not in _ENDS:
                i += 1
        elif ch in _ENDS:
            if ch == "\r" and text[i + 1:i + 2] == "\n":
                i += 1
            line, col = line + 1, 0
        else:
            break
        i += 1
    return mark.line + 1, mark.column + 1  # no colon (`? key` alone): at the key's end


def _after(text: str, mark) -> bool:
    """Whether a node starts right after a `:`."""
    return mark.index > 0 and text[mark.index - 1] == ":"


def _odd_block(text: str, mark, value: str, style: str) -> bool:
    """A block scalar the C parser reads differently: empty, opening with empty lines, or an odd header."""
    if not value or value[0] == "\n":
        return True
    i = mark.index
    if text[i:i + 1] != style:  # properties before it
        return True
    i += 1
    while text[i:i + 1] in ("+", "-") or text[i:i + 1].isdigit():
        i += 1
    return text[i:i + 1] not in (" ", "\t", "\r", "\n", "")


def _odd_name(text: str, index: int, sigil: str, name: str) -> bool:
    """An anchor or alias YAML 1.2 reads longer than the C parser did (``&a:b``), or that cannot be found."""
    i = index if text.startswith(sigil + name, index) else text.find(sigil + name, index)
    if i < 0:
        return True
    return text[i + 1 + len(name):i + 2 + len(name)] not in ("", " ", "\t", "\r", "\n", ",", "[", "]", "{", "}")


_COLLECTION_TAGS = frozenset(("!", _CORE + "map", _CORE + "seq"))
_SCALAR_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null"))


class _NoKey:
    __slots__ = ()


_NOKEY = _NoKey()
