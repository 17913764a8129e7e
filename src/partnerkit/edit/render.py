"""New values as YAML text, in the style of what surrounds them.

Whether a text needs quotes is decided by a real YAML emitter (ruamel's),
asked twice: as YAML 1.2 reads it and as YAML 1.1 tools do (`yes`, `on`,
`12:30`), and checked once more against partnerkit's own loader. In a flow
collection (``{...}``, ``[...]``) the emitter is asked in flow context,
where ``,`` and brackets need quotes too.
"""

from __future__ import annotations

import io
import math
from datetime import date
from functools import lru_cache

FLOW_WIDTH = 100  # a new mapping of plain values is written on one line up to this width


def _emitter(flow: bool, version, style=None):
    from ruamel.yaml import YAML

    y = YAML(typ="safe", pure=True)
    y.width = 1 << 30
    y.allow_unicode = True
    y.default_flow_style = flow
    if version:
        y.version = version
    if style:
        y.default_style = style
    return y


@lru_cache(maxsize=512)
def text(value: str, flow: bool) -> str:
    """A string as a YAML scalar: plain when every YAML reader reads it back as this text, quoted otherwise."""
    from partnerkit.load.yamlload import resolve_plain

    best = _emit(value, flow, None)
    if best[:1] not in ("'", '"'):
        older = _emit(value, flow, (1, 1))
        if older[:1] in ("'", '"'):
            best = older
        elif resolve_plain(best) != value:
            best = _emit(value, flow, None, '"')
    return best


def _emit(value: str, flow: bool, version, style=None) -> str:
    out = io.StringIO()
    _emitter(flow, version, style).dump([value], out)
    got = out.getvalue()
    if got.startswith("%YAML"):
        got = got.split("---", 1)[1].lstrip("\n ")
    got = got.rstrip("\n")
    return got[1:-1] if flow else got[2:]


def scalar(value, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return text(str(value), flow)


def is_collection(value) -> bool:
    return isinstance(value, (dict, list))


def flat(value) -> bool:
    """A mapping or list of scalars: one line in flow style reads well."""
    items = value.values() if isinstance(value, dict) else value
    return all(not is_collection(v) for v in items)


def flow(value, breaks: dict | None = None) -> str:
    """Flow style: ``{date: 2026-10-31, value: 4}``; ``breaks`` maps a key to the text that goes before it
    instead of ``, `` (a line break and indentation, copying how a sibling item is laid out)."""
    if isinstance(value, dict):
        parts = []
        for i, (k, v) in enumerate(value.items()):
            sep = "" if i == 0 else (breaks or {}).get(k, ", ")
            parts.append(f"{sep}{scalar(k, True)}: {flow(v)}")
        return "{" + "".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, True)


def after_key(value, indent: int, nl: str, flow_ok: bool = True) -> str:
    """What follows ``key:`` in block context, for a key at column ``indent``: `` value`` or new lines."""
    if not is_collection(value):
        return " " + scalar(value)
    if not value:
        return " " + flow(value)
    if flow_ok and flat(value) and len(flow(value)) <= FLOW_WIDTH - indent:
        return " " + flow(value)
    return nl + nl.join(block(value, indent + 2, nl))


def block(value, indent: int, nl: str) -> list[str]:
    """Block-style lines for a mapping or a list, each indented by ``indent`` spaces."""
    pad = " " * indent
    if isinstance(value, dict):
        return [f"{pad}{scalar(k)}:{after_key(v, indent, nl)}" for k, v in value.items()]
    lines = []
    for v in value:
        if isinstance(v, dict) and v:
            lines.append(pad + "- " + block_item(v, indent + 2, nl))
        else:
            lines.append(pad + "- " + (flow(v) if is_collection(v) else scalar(v)))
    return lines


def block_item(value: dict, content_col: int, nl: str) -> str:
    """A mapping as a block sequence item, after its ``- ``, whose keys sit at ``content_col``."""
    lines = block(value, content_col, nl)
    return lines[0][content_col:] + "".join(nl + line for line in lines[1:])
