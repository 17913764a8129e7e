"""Mapping keys compared as YAML compares them, where Python would not.

Python takes ``1``, ``1.0`` and ``True`` for one key, and cannot hold a
list or a mapping as a key; YAML keeps them apart, and compares a complex
key whole (a mapping's entries in any order). A :class:`Key` stands for
such a key in the loaded data. A NaN key needs none: every ``.nan`` is the
one NaN object (``yamlload.NAN``), equal to itself as a dict key.
"""

from __future__ import annotations


class Key:
    """A mapping key Python would take for another: a complex key, or ``1.0`` beside ``1`` or ``true``.

    Equal only to a key of the same YAML value, compared whole; shown as
    short text in messages.
    """

    __slots__ = ("value", "same", "text")

    def __init__(self, value, same, text: str):
        self.value = value  # the key as data
        self.same = same  # what equality compares: hashable, the whole key
        self.text = text

    def __eq__(self, other):
        return other.__class__ is Key and other.same == self.same

    def __hash__(self):
        return hash(self.same)

    def __repr__(self):
        return self.text

    __str__ = __repr__


def complex_key(value) -> Key:
    """A mapping or sequence as a key: compared whole, shown by its first 80 characters."""
    text = str(value)
    return Key(value, _whole(value), text if len(text) <= 80 else text[:79] + "…")


def _whole(value):
    """A key's value as something hashable that is equal exactly when YAML says the keys are the same."""
    if isinstance(value, dict):
        return "map", frozenset((_whole(k), _whole(v)) for k, v in value.items())
    if isinstance(value, list):
        return "seq", tuple(_whole(v) for v in value)
    if isinstance(value, float):
        return float, repr(value)  # -0.0 is not 0.0; .nan is .nan
    return value.__class__, value


def distinct(key, data: dict):
    """``key`` collides with a key of ``data`` that is another YAML value (``1``, ``1.0``, ``true``): a Key, else None."""
    for other in data:
        if other == key:
            return None if _whole(other) == _whole(key) else Key(key, _whole(key), str(key).lower())
    return None
