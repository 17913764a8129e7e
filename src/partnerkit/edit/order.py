"""Where a new key goes: after the keys the format lists before it (the models' field order).

``decided_on`` goes after ``decision``, ``review`` after ``horizon_months``,
``resolved_on`` after ``status``: where a person writing the charter by
hand would put it. Keys the format does not know (``x-`` keys, map keys such
as a partner in ``confidence``) go at the end.
"""

from __future__ import annotations

import typing
from functools import lru_cache


def keys_before(path: tuple) -> tuple[str, ...]:
    """The keys the format lists before the last key of ``path``, nearest first; () when it does not say."""
    fields = _fields(tuple(p if isinstance(p, str) else 0 for p in path[:-1]))
    key = path[-1]
    if not fields or key not in fields:
        return ()
    return tuple(reversed(fields[:fields.index(key)]))


@lru_cache(maxsize=256)
def _fields(path: tuple) -> tuple[str, ...]:
    from pydantic import BaseModel

    from partnerkit.model import Charter

    kind = Charter
    for part in path:
        if isinstance(part, int):
            kind = _inner(kind, list)
        else:
            model = _model(kind)
            if model is None or part not in model.model_fields:
                return ()
            kind = model.model_fields[part].annotation
    model = _model(kind)
    return tuple(model.model_fields) if model is not None and issubclass(model, BaseModel) else ()


def _model(kind):
    from pydantic import BaseModel

    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return kind
    for arg in typing.get_args(kind):
        found = _model(arg)
        if found is not None:
            return found
    return None


def _inner(kind, container):
    """The item type of a ``list[...]`` inside ``kind`` (through Optional and Annotated)."""
    if typing.get_origin(kind) is container:
        args = typing.get_args(kind)
        return args[0] if args else None
    for arg in typing.get_args(kind):
        found = _inner(arg, container)
        if found is not None:
            return found
    return None
