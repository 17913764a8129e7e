"""Raw data -> :class:`Charter`, with every schema problem as a hit on a data path.

A schema error does not hide the rest of the charter: the top-level sections
holding errors are set aside (left out of the model, or None for a required
one), and the rules that read only the other sections still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerkit.core.finding import Hit, format_path
from partnerkit.core.suggest import suggest
from partnerkit.model import Charter

_DATE_HINT = "Write dates as ISO dates: 2026-01-15."
MAX_HITS = 100  # a flood of schema errors (a spreadsheet pasted in) is summarised, not listed in full

# Stand-ins for required sections set aside, so the rest validates; replaced by None in the result.
_STAND_INS = {"id": "set-aside", "title": "set aside", "started": date(2000, 1, 1), "phase": "discovery",
              "partners": [{"id": "set-aside-1", "name": "set aside"}, {"id": "set-aside-2", "name": "set aside"}]}


@dataclass
class Validated:
    charter: Charter | None  # None only when nothing could be made of the data
    hits: list[Hit] = field(default_factory=list)  # E002
    set_aside: tuple[str, ...] = ()  # top-level sections left out for their schema errors


def _fields_at(loc: tuple):
    """The model class reached by following ``loc`` from Charter, or None."""
    model = Charter
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return None
        model = _model_in(field.annotation)
        if model is None:
            return None
    return model


def _model_in(annotation):
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _hit(err: dict, data: Any) -> Hit:
    loc = tuple(p for p in err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if "[key]" in loc:
        i = loc.index("[key]")
        path = loc[:i]
        return Hit(path, f"`{path[-1] if path else ''}` has an invalid key: {err['msg']}", "Use a slug as the key.")
    path = loc
    where = format_path(path)
    if kind == "extra_forbidden":
        key = path[-1]
        parent = path[:-1]
        model = _fields_at(parent)
        near = suggest(key, model.model_fields) if model else None
        hint = f"Did you mean `{near}`?" if near else "Remove it, or check the key against the charter format."
        if key == "on":
            hint = "Use `date` for a date: `on` is a boolean to YAML 1.1 tools."
        section = format_path(parent) or "the charter"
        return Hit(path, f"unknown key `{key}` in {section}" + (f" (did you mean `{near}`?)" if near else ""), hint)
    if kind == "missing":
        return Hit(path[:-1], f"missing required key `{path[-1]}`" + (f" in {where.rsplit('.', 1)[0]}" if len(path) > 1 else ""),
                   f"Add `{path[-1]}`.")
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        near = suggest(value, choices)
        msg = f"{where}: {_show(value)} is not one of {', '.join(choices)}"
        if near:
            msg += f" (did you mean '{near}'?)"
        return Hit(path, msg, f"Use one of: {', '.join(choices)}.", at_value=True)
    if kind.startswith("date") or kind == "date_from_datetime_parsing":
        return Hit(path, f"{where}: {_show(value)} is not a valid date", _DATE_HINT, at_value=True)
    if kind == "string_pattern_mismatch":
        return Hit(path, f"{where}: {_show(value)} is not a valid id (a slug such as `acme` or `h1`)",
                   "Use letters, digits, `.`, `_` and `-`, starting with a letter or digit.", at_value=True)
    if kind == "too_short" and path and path[-1] == "partners":
        return Hit(path, "a partnership needs at least 2 partners", "List every partner under `partners`.", at_value=True)
    if kind == "string_too_short" and len(path) >= 3 and path[-3] == "ignore":
        return Hit(path[:-1], f"suppression of {path[-2]} has no reason", "Say why the rule is switched off: suppressions are accountable.", at_value=True)
    msg = err["msg"]
    return Hit(path, f"{where or 'charter'}: {msg[0].lower() + msg[1:]} (got {_show(value)})", "Correct the value's type or range.", at_value=True)


def validate(data: Any) -> Validated:
    from pydantic import ValidationError

    try:
        return Validated(Charter.model_validate(data))
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    hits, seen = [], set()
    for err in errors[:MAX_HITS]:
        hit = _hit(err, data)
        key = (hit.path, hit.message)
        if key not in seen:
            seen.add(key)
            hits.append(hit)
    if len(errors) > MAX_HITS:
        hits.append(Hit((), f"{len(errors) - MAX_HITS:,} more schema problems are not listed",
                        "Fix the ones listed and lint again."))
    sections = Charter.model_fields
    touched = {err["loc"][0] for err in errors if err["loc"] and isinstance(err["loc"][0], str)}
    set_aside = tuple(sorted(k for k in touched if k in sections))
    kept = {k: v for k, v in data.items() if k in sections and k not in set_aside}
    required = [k for k in set_aside if sections[k].is_required()]
    try:
        partial = Charter.model_validate({**kept, **{k: _STAND_INS[k] for k in required if k in _STAND_INS}})
    except (ValidationError, KeyError):
        return Validated(None, hits, tuple(sorted(sections)))
    return Validated(partial.model_copy(update={k: None for k in required}), hits, set_aside)
