"""Raw data -> :class:`Charter`, with every schema problem as a hit on a data path.

A schema error does not hide the rest of the charter: the top-level sections
holding errors are set aside (left out of the model, or None for a required
one), and the rules that read only the other sections still run.

The words are for the people who write charters by hand: a message names the
thing by id and counts from 1 (``metric `M1`: `target` must be a number such
as 12.5; got `five```), and the hint says what to type (``Write numbers
without separators: 1200.``). The wording of each kind of problem is in
:mod:`partnerkit.model.words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerkit.core.finding import Hit
from partnerkit.model import words
from partnerkit.model.charter import Charter
from partnerkit.model.shared import without_extensions

MAX_HITS = 100  # a flood of schema errors (a spreadsheet pasted in) is summarised, not listed in full
DATED = "date"  # the key of a dated item; `on` in its place is one finding, not two

# Stand-ins for required sections set aside, so the rest validates; replaced by None in the result.
_STAND_INS = {"id": "set-aside", "title": "set aside", "started": date(2000, 1, 1), "phase": "discovery",
              "partners": [{"id": "set-aside-1", "name": "set aside"}, {"id": "set-aside-2", "name": "set aside"}]}


@dataclass
class Validated:
    charter: Charter | None  # None only when nothing could be made of the data
    hits: list[Hit] = field(default_factory=list)  # E002
    set_aside: tuple[str, ...] = ()  # top-level sections left out for their schema errors


def fields_at(path: tuple):
    """The model class reached by following the data path ``path`` from Charter, or None."""
    model = Charter
    for part in path:
        if isinstance(part, int):
            continue
        found = getattr(model, "model_fields", {}).get(part)
        if found is None:
            return None
        model = _model_in(found.annotation)
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


def _data_path(loc: tuple, data) -> tuple[tuple, bool]:
    """pydantic's location -> the data path, without the names of union branches; and whether there were any."""
    path, node, branches = [], data, False
    for part in loc:
        if part == "[key]":
            path.append(part)
            continue
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and ("[" in part or part in _BRANCHES or part[:1].isupper()):
            branches = True  # `str`, `list[...]`, `function-after[...]`, `KillCondition`: a branch, not data
        else:
            path.append(part)  # something missing from the data: a required key, mostly
            node = None
    return tuple(path), branches


_BRANCHES = frozenset(("str", "constrained-str", "int", "float", "bool", "none"))
_TYPE_ERRORS = frozenset(("string_type", "list_type", "dict_type", "model_type", "model_attributes_type", "int_type",
                          "float_type", "bool_type", "iso_date", "literal_error", "none_required", "is_instance_of"))


def _choose(errors: list[dict], data) -> list[dict]:
    """One story per problem: of the errors from a union's branches, keep those of the branch the data took."""
    for err in errors:
        err["path"], err["branch"] = _data_path(err["loc"], data)
    union = [e for e in errors if e["branch"]]
    kept = []
    for err in errors:
        if err["branch"] and err["type"] in _TYPE_ERRORS:
            here = err["path"]
            deeper = any(o["path"][:len(here)] == here and len(o["path"]) > len(here) for o in union)
            beside = any(o["path"] == here and o["type"] not in _TYPE_ERRORS for o in union)
            if deeper or beside:
                continue
            if any(o is not err and o["path"] == here and o in kept for o in union):
                continue  # every branch refused the same value: one finding says what is expected there
            err["type"] = "union_type"
        kept.append(err)
    return kept


def _dated_on(errors: list[dict], data) -> set[tuple]:
    """Dated items (readings, evidence, pulse entries) written with `on` instead of `date`."""
    found = set()
    for err in errors:
        path = err["path"]
        if err["type"] == "extra_forbidden" and path and path[-1] == "on":
            parent = path[:-1]
            model = fields_at(parent)
            item = words.value_at(data, parent)
            if model is not None and DATED in model.model_fields and isinstance(item, dict) and DATED not in item:
                found.add(parent)
    return found


def _hit(err: dict, data: Any, dated_on: set[tuple]) -> Hit | None:
    path = err["path"]
    kind = err["type"]
    value = err.get("input")
    if "[key]" in path:
        return words.bad_key(data, path[:path.index("[key]")], value)
    if kind == "extra_forbidden":
        parent = path[:-1]
        if path[-1] == "on" and parent in dated_on:
            return words.on_for_date(data, parent)
        return words.unknown_key(data, path, fields_at(parent))
    if kind == "missing":
        if path[-1] == DATED and path[:-1] in dated_on:
            return None  # said by the finding on `on`
        return words.missing(data, path, fields_at(path[:-1]))
    return words.wrong_value(data, path, kind, value, err.get("ctx") or {}, err["msg"])


def validate(data: Any, extensions: bool = True) -> Validated:
    """``data`` as a :class:`Charter`, with the schema's complaints as E002 hits and invalid sections set aside.

    ``extensions``: whether ``data`` may hold `x-` keys (the lint engine knows from the file's text; when
    it says no, the walk that removes them is skipped).
    """
    from pydantic import ValidationError

    if extensions:
        data = without_extensions(data)
    try:
        return Validated(Charter.model_validate(data))
    except ValidationError as exc:
        errors = _choose(exc.errors(include_url=False), data)
    dated_on = _dated_on(errors, data)
    hits, seen = [], set()
    for err in errors[:MAX_HITS]:
        hit = _hit(err, data, dated_on)
        key = None if hit is None else (hit.path, hit.message)
        if key is not None and key not in seen:
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
