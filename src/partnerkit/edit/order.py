"""Where a new key goes: after the keys the format lists before it (the models' field order).

``decided_on`` goes after ``decision``, ``review`` after ``horizon_months``,
``resolved_on`` after ``status``: where a person writing the charter by
hand would put it. Keys the format does not know (``x-`` keys, map keys such
as a partner in ``confidence``) go at the end.
"""

from __future__ import annotations

from functools import lru_cache


def keys_before(path: tuple) -> tuple[str, ...]:
    """The keys the format lists before the last key of ``path``, nearest first; () when it does not say."""
    fields = _fields(tuple(p for p in path[:-1] if isinstance(p, str)))
    key = path[-1]
    if not fields or key not in fields:
        return ()
    return tuple(reversed(fields[:fields.index(key)]))


@lru_cache(maxsize=256)
def _fields(path: tuple) -> tuple[str, ...]:
    from partnerkit.model.validate import fields_at  # the model class a data path reaches

    model = fields_at(path)
    return tuple(model.model_fields) if model is not None else ()
