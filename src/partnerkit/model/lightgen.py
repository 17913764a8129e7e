"""Writes :mod:`partnerkit.model.light` from the pydantic models: ``python -m partnerkit.model.lightgen``.

For each model of :mod:`partnerkit.model.charter` the generated module has a
plain class (``__slots__``, the same fields in the same order, the same
defaults, the shared behaviour) and a check function in straight-line code:
each field read once, its type tested by class identity, converted as
pydantic converts it (``36.0`` -> 36, a quoted ISO date -> ``date``, an int
-> float), the object built. Any doubt raises, and ``check`` answers None:
the caller then asks pydantic, which says what is wrong.

Only what this generator understands is generated; anything else in the
models (a new constraint, validator or union) stops it with the reason, so
the check can never quietly accept what the models refuse. Pydantic is
imported here, at generation time only. A test checks that ``light.py`` is
what this module would write.
"""

from __future__ import annotations

import hashlib
import inspect
import keyword
import sys
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

TARGET = Path(__file__).with_name("light.py")


class Unsupported(Exception):
    """The models use something the generator cannot check exactly: teach it here first."""


# Patterns pydantic checks with Rust's regex engine, and the same test in Python's: `$` differs (Python's matches
# before a final line break), so anchored patterns become `\Z`. ASCII: a match holds no surrogates (see _SURROGATE).
PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": (r"[A-Za-z0-9][A-Za-z0-9._-]*\Z", "match", True),
    # Python's \s holds every character Rust's does (and \x1c-\x1f too): a Python match is a Rust match.
    r"\S": (r"\S", "search", False),
}

# Before-validators the models use, what each does in generated code, and a fingerprint of the source it mirrors:
# when the function changes, generation stops until its snippet here is checked and the fingerprint updated.
BEFORE = {
    "_whole": ("if {v}.__class__ is float and {v}.is_integer(): {v} = int({v})", "0386df8bcd0d"),
    "_iso_date": (None, "3252367fcb06"),  # the DATE kind itself
    "_reason_only": ("if {v}.__class__ is str: {v} = {{'reason': {v}}}", "8e99a667f985"),
}
# Model validators: the models' own rules beyond field types, written once in a shared mixin (`problem()`).
AFTER = {"_no_problem": ("if {o}.problem() is not None: raise _Doubt", "29421c590fb3")}


# Configuration keys that leave validation as the generated code does it (`frozen`: the plain objects are not).
CONFIG = frozenset(("extra", "frozen", "hide_input_in_errors", "json_schema_extra", "title"))


def fingerprint(func) -> str:
    return hashlib.sha256(inspect.getsource(func).encode()).hexdigest()[:12]


def _known(table: dict, func, what: str) -> str | None:
    name = getattr(func, "__name__", repr(func))
    if name not in table:
        raise Unsupported(f"{what} `{name}` is new: write what it does in lightgen.{'BEFORE' if table is BEFORE else 'AFTER'}")
    snippet, expected = table[name]
    if fingerprint(func) != expected:
        raise Unsupported(f"{what} `{name}` changed (fingerprint {fingerprint(func)}): check its snippet in lightgen, "
                          "then update the fingerprint")
    return snippet


# --- what a type is: a small tree of kinds ------------------------------------------------------------------------

@dataclass
class Kind:
    name: str  # str, int, float, bool, date, literal, model, list, dict, union, none
    strict: bool = False
    ge: object = None
    le: object = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    strip: bool = False
    before: list = field(default_factory=list)  # before-validators (functions), in the order pydantic runs them
    values: tuple = ()  # literal
    model: type | None = None
    items: list = field(default_factory=list)  # list: [item]; dict: [key, value]; union: branches

    @property
    def constrained(self) -> bool:
        return any(x is not None for x in (self.min_length, self.max_length, self.pattern)) or self.strip

    def gates(self) -> set:
        """The classes of input this kind can accept (union branches must not share one)."""
        if self.name == "union":
            return set().union(*(b.gates() for b in self.items))
        if self.name == "literal":
            return {type(v) for v in self.values}
        gate = {"str": {str}, "int": {int}, "float": {float, int}, "bool": {bool}, "date": {date, str},
                "model": {dict}, "list": {list}, "dict": {dict}, "none": {type(None)}}[self.name]
        if self.before and self.name in ("int", "model"):  # `_whole` takes floats, `_reason_only` text
            gate |= {float} if self.name == "int" else {str}
        return gate

    @property
    def converts(self) -> bool:
        """Whether the checked value may differ from the input (else a container's items are tested in place)."""
        if self.name == "union":
            return any(b.converts for b in self.items)
        return self.name in ("int", "float", "date", "model", "list", "dict") or self.strip


def kind_of(tp, meta=()) -> Kind:
    """The kind of the annotation ``tp`` with pydantic's ``meta`` (constraints, validators) on it."""
    from annotated_types import Ge, Le, MaxLen, MinLen
    from pydantic import BaseModel, BeforeValidator, Strict, StringConstraints
    from pydantic.fields import FieldInfo

    if typing.get_origin(tp) is typing.Annotated:
        base, *more = typing.get_args(tp)
        return kind_of(base, (*meta, *more))
    flat = []
    for m in meta:
        if isinstance(m, FieldInfo):
            if m.alias or m.validation_alias or m.discriminator:
                raise Unsupported(f"Field options other than constraints: {m!r}")
            flat.extend(m.metadata)
        else:
            flat.append(m)
    k = Kind("")
    for m in flat:
        if isinstance(m, Strict):
            k.strict = m.strict
        elif isinstance(m, Ge):
            k.ge = m.ge
        elif isinstance(m, Le):
            k.le = m.le
        elif isinstance(m, MinLen):
            k.min_length = m.min_length
        elif isinstance(m, MaxLen):
            k.max_length = m.max_length
        elif isinstance(m, StringConstraints):
            if m.to_upper or m.to_lower or m.strict or m.ascii_only:
                raise Unsupported(f"string constraint {m!r}")
            k.min_length, k.max_length, k.pattern, k.strip = m.min_length, m.max_length, m.pattern, bool(m.strip_whitespace)
            if m.pattern is not None and m.pattern not in PATTERNS:
                raise Unsupported(f"pattern {m.pattern!r}: add its Python equivalent to lightgen.PATTERNS")
        elif isinstance(m, BeforeValidator):
            k.before.insert(0, m.func)  # pydantic runs the last one first
        else:
            raise Unsupported(f"annotation {m!r}")
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if flat:
            raise Unsupported(f"constraints on a union: {tp}")
        k.name, k.items = "union", [kind_of(a) for a in args]
        seen: set = set()
        for branch in k.items:
            if seen & branch.gates():
                raise Unsupported(f"union branches that accept the same kind of input: {tp}")
            seen |= branch.gates()
        return k
    if origin is typing.Literal:
        if len({type(a) for a in args}) != 1 or type(args[0]) not in (str, int):
            raise Unsupported(f"a literal of mixed or unusual values: {tp}")
        k.name, k.values = "literal", args
    elif origin is list:
        k.name, k.items = "list", [kind_of(args[0])]
    elif origin is dict:
        k.name, k.items = "dict", [kind_of(args[0]), kind_of(args[1])]
    elif tp is type(None):
        k.name = "none"
    elif isinstance(tp, type) and issubclass(tp, BaseModel):
        k.name, k.model = "model", tp
    elif tp in (str, int, float, bool, date):
        k.name = tp.__name__
    else:
        raise Unsupported(f"type {tp!r}")
    _check_kind(k)
    return k


def _check_kind(k: Kind) -> None:
    allowed_before = {"int": {"_whole"}, "date": {"_iso_date"}, "model": {"_reason_only"}}.get(k.name, set())
    for func in k.before:
        if getattr(func, "__name__", None) not in allowed_before:
            raise Unsupported(f"before-validator {func!r} on {k.name}")
    if k.name in ("int", "float", "bool") and not k.strict:
        raise Unsupported(f"a lax {k.name}: pydantic would take text such as '1' for it")
    if k.name == "date" and len(k.before) != 1:
        raise Unsupported("a date without the ISO before-validator: pydantic's own dates are lax")
    if len(k.before) > 1:
        raise Unsupported("more than one before-validator")
    if (k.ge is not None or k.le is not None) and k.name not in ("int", "float"):
        raise Unsupported(f"bounds on {k.name}")
    if (k.min_length is not None or k.max_length is not None) and k.name not in ("str", "list"):
        raise Unsupported(f"length constraints on {k.name}")
    if k.name != "str" and (k.pattern is not None or k.strip):
        raise Unsupported(f"string constraints on {k.name}")


# --- code --------------------------------------------------------------------------------------------------------

class Code:
    """Generated lines, module-level constants and fresh local names."""

    def __init__(self):
        self.consts: dict[str, str] = {}  # expression -> name
        self.count = 0

    def const(self, expr: str, hint: str) -> str:
        if expr not in self.consts:
            self.consts[expr] = f"_{hint.upper()}{len(self.consts)}"
        return self.consts[expr]

    def local(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"


def value(code: Code, k: Kind, v: str, pad: str, gated: bool = False) -> list[str]:
    """Lines that check the local ``v`` as kind ``k``, leaving the checked value in it, or raise _Doubt.

    ``gated``: a union branch already tested the value's class.
    """
    out = []
    for func in k.before:
        snippet = _known(BEFORE, func, "before-validator")
        if snippet:
            out.append(pad + snippet.format(v=v))
    name = k.name
    if name == "union":
        return out + _union(code, k, v, pad)
    if name == "none":
        return out + [f"{pad}if {v} is not None: raise _Doubt"]
    if name == "str":
        return out + _str(code, k, v, pad, gated)
    if name == "int":
        return out + [f"{pad}if {' or '.join([f'{v}.__class__ is not int', *_bounds(k, v)])}: raise _Doubt"]
    if name == "float":
        out += [f"{pad}if {v}.__class__ is not float:",
                f"{pad}    if {v}.__class__ is not int: raise _Doubt",
                f"{pad}    {v} = float({v})"]
        bounds = _bounds(k, v)
        return out + ([f"{pad}if {' or '.join(bounds)}: raise _Doubt"] if bounds else [])
    if name == "bool":
        return out + [f"{pad}if {v}.__class__ is not bool: raise _Doubt"]
    if name == "date":
        return out + [f"{pad}if {v}.__class__ is not _date:",
                      f"{pad}    if {v}.__class__ is not str or not _ISO_DATE({v}): raise _Doubt",
                      f"{pad}    {v} = _fromisoformat({v})"]
    if name == "literal":
        values = code.const(f"frozenset({tuple(k.values)!r})", "one_of")
        return out + [f"{pad}if {v}.__class__ is not {type(k.values[0]).__name__} or {v} not in {values}: raise _Doubt"]
    if name == "model":
        return out + [f"{pad}{v} = _{k.model.__name__}({v})"]
    if name == "list":
        return out + _list(code, k, v, pad, gated)
    if name == "dict":
        return out + _dict(code, k, v, pad, gated)
    raise Unsupported(name)


def _bounds(k: Kind, v: str) -> list[str]:
    """Conditions that fail a number out of bounds; written so that NaN fails them too."""
    out = []
    if k.ge is not None:
        out.append(f"not {v} >= {k.ge!r}")
    if k.le is not None:
        out.append(f"not {v} <= {k.le!r}")
    return out


def _str(code: Code, k: Kind, v: str, pad: str, gated: bool) -> list[str]:
    out, fails = [], [] if gated else [f"{v}.__class__ is not str"]
    if k.strip:
        # pydantic strips Unicode White_Space; Python's isspace() holds all of it: strip ASCII, doubt the rest.
        out += [f"{pad}if {' or '.join(fails)}: raise _Doubt"] if fails else []
        out.append(f"{pad}{v} = {v}.strip(_ASCII_SPACE)")
        fails = [f"not {v} or {v}[0].isspace() or {v}[-1].isspace()"]  # not empty: min_length 1 holds
    if k.min_length and not (k.strip and k.min_length == 1):
        fails.append(f"not {v}" if k.min_length == 1 else f"len({v}) < {k.min_length}")
    if k.max_length is not None:
        fails.append(f"len({v}) > {k.max_length}")
    ascii_only = False
    if k.pattern is not None:
        regex, how, ascii_only = PATTERNS[k.pattern]
        fails.append(f"not {code.const(f're.compile({regex!r}).{how}', 'pattern')}({v})")
    if k.constrained and not ascii_only:
        fails.append(f"(not {v}.isascii() and _SURROGATE({v}) is not None)")  # a constrained str refuses them
    if fails:
        out.append(f"{pad}if {' or '.join(fails)}: raise _Doubt")
    return out


def _union(code: Code, k: Kind, v: str, pad: str) -> list[str]:
    branches = [b for b in k.items if b.name != "none"]
    nullable = len(branches) < len(k.items)
    if nullable and len(branches) == 1:
        return [f"{pad}if {v} is not None:", *value(code, branches[0], v, pad + "    ")]
    c = code.local("c")
    out = [f"{pad}{c} = {v}.__class__"]
    word = "if"
    if nullable:
        out.append(f"{pad}if {v} is None: pass")
        word = "elif"
    for b in branches:
        test = " or ".join(f"{c} is {g.__name__ if g is not date else '_date'}" for g in sorted(b.gates(), key=str))
        lines = value(code, b, v, pad + "    ", gated=len(b.gates()) == 1)
        out += [f"{pad}{word} {test}:", *(lines or [f"{pad}    pass"])]
        word = "elif"
    return out + [f"{pad}else: raise _Doubt"]


def _list(code: Code, k: Kind, v: str, pad: str, gated: bool) -> list[str]:
    item = k.items[0]
    fails = [] if gated else [f"{v}.__class__ is not list"]
    if k.min_length:
        fails.append(f"len({v}) < {k.min_length}")
    if k.max_length is not None:
        fails.append(f"len({v}) > {k.max_length}")
    out = [f"{pad}if {' or '.join(fails)}: raise _Doubt"] if fails else []
    x = code.local("x")
    if item.name == "model" and not item.before:
        return out + [f"{pad}{v} = [_{item.model.__name__}({x}) for {x} in {v}]"]
    if not item.converts:
        return out + [f"{pad}for {x} in {v}:", *value(code, item, x, pad + "    "), f"{pad}{v} = {v}[:]"]
    w = code.local("w")
    return out + [f"{pad}{w} = []", f"{pad}for {x} in {v}:", *value(code, item, x, pad + "    "),
                  f"{pad}    {w}.append({x})", f"{pad}{v} = {w}"]


def _dict(code: Code, k: Kind, v: str, pad: str, gated: bool) -> list[str]:
    key, item = k.items
    a, x, w = code.local("k"), code.local("x"), code.local("w")
    return [*([] if gated else [f"{pad}if {v}.__class__ is not dict: raise _Doubt"]), f"{pad}{w} = {{}}",
            f"{pad}for {a}, {x} in {v}.items():", *value(code, key, a, pad + "    "),
            *value(code, item, x, pad + "    "), f"{pad}    {w}[{a}] = {x}", f"{pad}{v} = {w}"]


# --- a model: its class and its check ----------------------------------------------------------------------------

def _default(info) -> tuple[bool, str | None]:
    """(required, the default as an expression: a fresh one for an empty list or dict)."""
    from pydantic_core import PydanticUndefined

    if info.default_factory is not None:
        raise Unsupported("default_factory")
    if info.default is PydanticUndefined:
        return True, None
    d = info.default
    if d is None or type(d) in (str, int, float, bool):
        return False, repr(d)
    if type(d) in (list, dict) and not d:
        return False, "[]" if type(d) is list else "{}"
    raise Unsupported(f"default {d!r}")


def _mixins(model) -> list[type]:
    from pydantic import BaseModel

    out = [b for b in model.__bases__ if not issubclass(b, BaseModel)]
    for b in out:
        if b.__module__ != "partnerkit.model.shared" or b.__dict__.get("__slots__") != ():
            raise Unsupported(f"{model.__name__}'s base {b.__name__}: share behaviour through a mixin with "
                              "`__slots__ = ()` in partnerkit.model.shared")
    return out


def model_code(code: Code, model) -> tuple[list[str], list[str]]:
    """The light class and the check function of one pydantic model."""
    decorators = model.__pydantic_decorators__
    for group in ("validators", "field_validators", "root_validators", "computed_fields"):
        if getattr(decorators, group):
            raise Unsupported(f"{model.__name__} has {group}: {list(getattr(decorators, group))}")
    config = model.model_config
    if config.get("extra") != "forbid" or set(config) - CONFIG:
        raise Unsupported(f"{model.__name__}'s configuration {dict(config)}: only {sorted(CONFIG)} are understood")
    name, fields = model.__name__, model.model_fields
    for f, info in fields.items():
        if keyword.iskeyword(f) or f.startswith("_"):
            raise Unsupported(f"field name {f!r}")
        if info.alias or info.validation_alias or info.discriminator or info.validate_default:
            raise Unsupported(f"{model.__name__}.{f}: field options other than a default and constraints")
    mixins = [m.__name__ for m in _mixins(model)]
    cls = [f"class {name}({', '.join([*mixins, '_Light'])}):",
           f"    \"\"\"{_first_line(model)}.", "",
           f"    The fields of :class:`partnerkit.model.charter.{name}`; made by :func:`check`.\"\"\"",
           "", f"    __slots__ = {tuple(fields)!r}", ""]
    params, body = [], []
    for f, info in fields.items():
        required, default = _default(info)
        if required:
            params.append(f)
            body.append(f"        self.{f} = {f}")
        elif default in ("[]", "{}"):
            params.append(f"{f}=_FRESH")
            body.append(f"        self.{f} = {default} if {f} is _FRESH else {f}")
        else:
            params.append(f"{f}={default}")
            body.append(f"        self.{f} = {f}")
    cls += [f"    def __init__(self, *, {', '.join(params)}):", *body]

    keys = code.const(f"frozenset({tuple(fields)!r})", "keys")
    fn = [f"def _{name}(d):", f"    if d.__class__ is not dict or not d.keys() <= {keys}: raise _Doubt", "    get = d.get"]
    for f, info in fields.items():
        k = kind_of(info.annotation, info.metadata)
        required, default = _default(info)
        v = f"f_{f}"
        nullable = k.name == "union" and any(b.name == "none" for b in k.items)
        if required:
            fn += [f"    {v} = get({f!r}, _MISSING)", *value(code, k, v, "    ")]
        elif default == "None" and nullable:
            fn += [f"    {v} = get({f!r})", *value(code, k, v, "    ")]
        else:
            fn += [f"    {v} = get({f!r}, _MISSING)", f"    if {v} is _MISSING: {v} = {default}", "    else:",
                   *value(code, k, v, "        ")]
    fn.append(f"    o = _new({name})")
    fn += [f"    o.{f} = f_{f}" for f in fields]
    for vname, dec in decorators.model_validators.items():
        if dec.info.mode != "after":
            raise Unsupported(f"{name}.{vname}: a {dec.info.mode} model validator")
        fn.append("    " + _known(AFTER, dec.func, "model validator").format(o="o"))
    fn.append("    return o")
    return cls, fn


def _first_line(model) -> str:
    return (model.__doc__ or model.__name__).strip().splitlines()[0].rstrip(".")


def _models(root) -> list[type]:
    """Every model reachable from ``root``, each after the models it holds."""
    from pydantic import BaseModel

    order: list[type] = []

    def visit(tp):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in order:
                return
            for info in tp.model_fields.values():
                visit(info.annotation)
            order.append(tp)
            return
        for arg in typing.get_args(tp):
            visit(arg)

    visit(root)
    return order


FOOTER = '''

def check(data) -> Charter | None:
    """``data`` as a light :class:`Charter` when it is certainly valid; else None."""
    try:
        return _Charter(data)
    except Exception:  # a doubt, or anything unforeseen: pydantic judges
        return None
'''

HEADER = '''\
"""GENERATED by `python -m partnerkit.model.lightgen` from partnerkit/model/charter.py: do not edit.

Plain classes with the fields of the pydantic models, and ``check(data)``:
the loader's data (its `x-` keys removed) as these objects, equal field by
field to what ``Charter.model_validate(data)`` returns, or None at the first
doubt, when pydantic must judge (and say what is wrong). ``check`` never
raises. The classes' constructors take the fields by name and check nothing.
"""

from __future__ import annotations

import re
from datetime import date as _date

from partnerkit.model.shared import ISO_DATE, KillConditionMixin  # noqa: F401


class _Doubt(Exception):
    """The data may not be what the models accept: pydantic decides."""


class _Fresh:
    """The default of a list or dict field: a new one for every object."""


_FRESH = _Fresh()
_MISSING = _Fresh()  # a key left out; no check accepts it
_new = object.__new__
_fromisoformat = _date.fromisoformat
_ISO_DATE = ISO_DATE.match
_SURROGATE = re.compile("[\\ud800-\\udfff]").search  # text pydantic cannot pass on to its constraints
_ASCII_SPACE = " \\t\\n\\r\\x0b\\x0c"


class _Light:
    """Equality, hashing and repr by field, like the pydantic models'."""

    __slots__ = ()

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __hash__(self):
        return hash((self.__class__, *(getattr(self, f) for f in self.__slots__)))

    def __repr__(self):
        return f"{self.__class__.__name__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self.__slots__)})"

'''


def source() -> str:
    from partnerkit.model.charter import Charter

    code = Code()
    classes, checks = [], []
    for model in _models(Charter):
        cls, fn = model_code(code, model)
        classes += ["", "", *cls]
        checks += ["", "", *fn]
    consts = [f"{name} = {expr}" for expr, name in code.consts.items()]
    return "\n".join([HEADER.rstrip("\n"), *classes, "", "", *consts, *checks, FOOTER.rstrip("\n")]) + "\n"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = source()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale: run `python -m partnerkit.model.lightgen`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
