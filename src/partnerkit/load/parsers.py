"""Which YAML parser reads charters in this process, chosen once, and the events each one gives.

The C parser is ruamel's libyaml binding: ``_ruamel_yaml`` from
``ruamel.yaml.clib``, or ``_ruamel_yaml_clibz`` from ``ruamel.yaml.clibz``
(ruamel.yaml 0.19's own choice) when only that one is installed. Without
either, ruamel's pure-Python parser reads every charter, about 20 times
slower. :func:`chosen` makes the choice on first use and keeps it;
:func:`describe` says which parser is in use and why (``partnerkit version
--verbose``).

Events reach the builder *deferred*: ``partial(EventClass, *args)``, the
constructor call that stands for the event, with the arguments in the order
of ruamel's event classes (a scalar: anchor, tag, implicit, value,
start_mark, end_mark, style). The C parser makes each event by calling the
event class it finds in its module; those classes have Python constructors
that cost more than the parsing itself. While a load runs on the only thread
of the process, the C parser finds ``partial(partial, EventClass)`` there
instead, so it hands out deferred events made in C and never constructed.
The names are restored as soon as the load ends. A self-check, run once,
compares the events made that way with the real ones on a probe document;
if they differ (another ruamel release), or other threads run, real events
are turned into the same form, so one builder serves every path.

The pure-Python parser is ruamel's, with four fixes towards YAML 1.2
(:mod:`partnerkit.load.pure`): tabs separate tokens and words wherever they
do not indent a line; a block scalar's leading empty lines are checked as
the specification says; a node whose tag comes before its anchor starts at
the tag, as on the C path; repeated ``...`` markers end no extra document.
They too are checked once, on a probe document (:func:`fixes`).
"""

from __future__ import annotations

import sys
from functools import partial

C_MODULES = (("_ruamel_yaml", "ruamel.yaml.clib"), ("_ruamel_yaml_clibz", "ruamel.yaml.clibz"))
EVENT_NAMES = ("StreamStartEvent", "StreamEndEvent", "DocumentStartEvent", "DocumentEndEvent", "AliasEvent",
               "ScalarEvent", "SequenceStartEvent", "SequenceEndEvent", "MappingStartEvent", "MappingEndEvent")
PROBE = "%TAG !e! tag:example.com,2000:\n--- !e!m &m\na: &x [1, 'b', !t c, \"d\", {e: f}]\n? g\n: *x\nh: |\n  i\n"


class Parser:
    """The parser this process reads YAML with: ``kind`` is ``"c"`` or ``"pure"``."""

    __slots__ = ("kind", "module", "dist", "why", "factories", "check", "makers")

    def __init__(self, kind: str, module=None, dist: str = "", why: str = ""):
        self.kind = kind
        self.module = module  # the C extension module, or None
        self.dist = dist  # the distribution that installed it
        self.why = why  # why this parser, in a reader's words
        self.factories: dict | None = None  # event name -> deferring factory; {} when deferral is off; None: unchecked
        self.check = ""  # what the deferral self-check found
        self.makers: dict | None = None  # event name -> the C builder's event maker; {} when not in use; None: unchecked

    @property
    def deferred(self) -> bool | None:
        """Whether the C parser's events are deferred (None until the self-check has run)."""
        return None if self.factories is None else bool(self.factories)


_chosen: Parser | None = None
PURE = Parser("pure", why="asked for the pure-Python parser")


def chosen() -> Parser:
    """The parser of this process: chosen on first use, then kept."""
    global _chosen
    if _chosen is None:
        _chosen = choose()
    return _chosen


_PROBE_EVENTS = 21  # what the probe document holds


def choose(modules=C_MODULES) -> Parser:
    """The first C parser that imports and reads a probe document, else the pure-Python one."""
    import importlib

    passed = []  # why each C parser before the chosen one was not used
    for name, dist in modules:
        try:
            module = importlib.import_module(name)
        except ImportError:
            passed.append(f"{dist} is not installed")
            continue
        try:
            count = sum(1 for _ in iter(module.CParser(PROBE).get_event, None))
        except Exception as exc:  # noqa: BLE001 - a broken build: say so, and try the next parser
            passed.append(f"{dist} is installed but its parser fails ({type(exc).__name__}: {exc})")
            continue
        if count != _PROBE_EVENTS:
            passed.append(f"{dist} is installed but its parser gives {count} events where {_PROBE_EVENTS} are due")
            continue
        return Parser("c", module, dist, "; ".join(passed))
    if sys.implementation.name != "cpython":
        passed.append(f"no C parser is built for {sys.implementation.name}")
    elif all(reason.endswith("not installed") for reason in passed):
        passed = ["no C parser is installed (pip install ruamel.yaml.clib)"]
    return Parser("pure", why="; ".join(passed))


def describe(parser: Parser | None = None) -> str:
    """The parser in use, in one line: which, from where, why, and whether its events are deferred."""
    parser = parser or chosen()
    if parser.kind == "pure":
        return f"pure Python, about 20 times slower: {parser.why}"
    factories(parser)
    why = f" ({parser.why})" if parser.why else ""
    events = "deferred" if parser.deferred else "built by ruamel"
    return (f"C, {parser.module.__name__} from {parser.dist} {_version(parser.dist)}{why}; "
            f"events {events}: {parser.check}")


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "(version unknown)"


# --- the C parser's events -------------------------------------------------------


def c_events(parser: Parser, text: str, native: bool = False):
    """``(get, restore)``: the deferred events of ``text`` from the C parser, and what to call when done.

    ``native``: for the C builder, which also reads events made as tuples by its own makers (faster again).
    """
    module = parser.module
    deferring = factories(parser) if _alone() else None  # the self-check itself swaps names: alone only
    if deferring and native:
        deferring = makers(parser) or deferring
    if deferring:
        saved = _swap(module, deferring)
        return module.CParser(text).get_event, partial(_swap, module, saved)
    raw = module.CParser(text).get_event

    def get():
        ev = raw()
        return None if ev is None else deferred(ev)

    return get, _nothing


def factories(parser: Parser) -> dict:
    """Check once that deferral gives exactly the events the C parser makes; the factories, or {}."""
    if parser.factories is None:
        parser.factories, parser.check = _self_check(parser.module)
    return parser.factories


def makers(parser: Parser) -> dict:
    """The C builder's event makers (:class:`partnerkit.load._native.Maker`: each event comes as the tuple
    ``(EventClass, *args)``), checked once on the probe document against the deferred events; {} when the C builder
    is not installed or the check fails. The check also lets the builder read the parser's marks directly."""
    if parser.makers is None:
        parser.makers = _makers_check(parser) if factories(parser) else {}
    return parser.makers


def _makers_check(parser: Parser) -> dict:
    from ruamel.yaml import events

    try:
        from partnerkit.load import _native
    except ImportError:
        return {}
    module = parser.module
    made = {name: _native.Maker(getattr(events, name)) for name in EVENT_NAMES}
    real = [deferred(ev) for ev in iter(module.CParser(PROBE).get_event, None)]
    saved = _swap(module, made)
    try:
        got = list(iter(module.CParser(PROBE).get_event, None))
    except Exception:  # noqa: BLE001 - any surprise means: the partials serve
        return {}
    finally:
        _swap(module, saved)
    if len(got) != len(real) or not all(isinstance(g, tuple) and same(partial(g[0], *g[1:]), r)
                                        for g, r in zip(got, real)):
        return {}
    if hasattr(module, "Mark"):
        _native.marks_direct(module.Mark)
    return made


def _self_check(module) -> tuple[dict, str]:
    from ruamel.yaml import events

    differ = [name for name in EVENT_NAMES if getattr(module, name, None) is not getattr(events, name)]
    if differ:
        return {}, f"the C parser does not build events from ruamel.yaml.events ({', '.join(differ)})"
    made = {name: partial(partial, getattr(events, name)) for name in EVENT_NAMES}
    real = [deferred(ev) for ev in iter(module.CParser(PROBE).get_event, None)]
    saved = _swap(module, made)
    try:
        got = list(iter(module.CParser(PROBE).get_event, None))
    except Exception as exc:  # noqa: BLE001 - any surprise means: do not defer
        return {}, f"the self-check failed: {type(exc).__name__}: {exc}"
    finally:
        _swap(module, saved)
    if len(got) != len(real) or not all(isinstance(g, partial) and same(g, r) for g, r in zip(got, real)):
        return {}, "the self-check found deferred events that differ from the C parser's own"
    return made, "the self-check passed"


def deferred(ev) -> partial:
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


def same(a: partial, b: partial) -> bool:
    """Two deferred events are the same event: class, arguments, and marks at the same place."""
    if a.func is not b.func or len(a.args) != len(b.args) or a.keywords or b.keywords:
        return False
    for x, y in zip(a.args, b.args):
        if hasattr(x, "line"):
            if (x.line, x.column, x.index) != (y.line, y.column, y.index):
                return False
        elif x != y:
            return False
    return True


def _swap(module, names: dict) -> dict:
    saved = {name: getattr(module, name) for name in names}
    for name, value in names.items():
        setattr(module, name, value)
    return saved


def _nothing() -> None:
    return None


def _alone() -> bool:
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


# --- the pure-Python parser ------------------------------------------------------


def pure_events(text: str):
    """The deferred events of ``text`` from ruamel's pure-Python parser, with the YAML 1.2 fixes below."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.Scanner, yaml.Parser = _classes()
    raw = partial(next, iter(yaml.parse(text)), None)

    def get():
        ev = raw()
        return None if ev is None else deferred(ev)

    return get


_CLASSES: tuple | None = None
_FIXES = ""  # what the pure-Python parser's self-check found
PURE_PROBE = "a: b\t\nc: !!str &x d\ne: |\n \n  f\n...\n...\n"


def _classes() -> tuple:
    """The pure-Python scanner and parser: with the fixes when they still work on this ruamel, else ruamel's own."""
    global _CLASSES, _FIXES
    if _CLASSES is None:
        from ruamel.yaml.parser import Parser as RuamelParser
        from ruamel.yaml.scanner import Scanner as RuamelScanner

        from partnerkit.load.pure import check, fixed_classes

        fixed = fixed_classes()
        problem = check(fixed, PURE_PROBE)
        _CLASSES = (RuamelScanner, RuamelParser) if problem else fixed
        _FIXES = f"off: {problem}" if problem else "on (self-check passed)"
    return _CLASSES


def fixes() -> str:
    """Whether the pure-Python parser's YAML 1.2 fixes are on, and why not."""
    _classes()
    return _FIXES
