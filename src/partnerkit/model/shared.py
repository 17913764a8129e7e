"""What both kinds of charter objects share, without pydantic.

A charter is held either by the pydantic models (:mod:`partnerkit.model.charter`)
or by the plain classes generated from them (:mod:`partnerkit.model.light`).
The constants of the format, the removal of `x-` keys before either checks the
data, and the behaviour the objects themselves carry (a kill condition's
``bound``) are here, so both kinds read the same code.
"""

from __future__ import annotations

import re

from partnerkit.core.dates import CADENCE_DAYS  # noqa: F401 - the cadences are part of the format

EXTENSION = "x-"  # keys starting with this are allowed in every mapping and ignored by every rule
MAX_RESPONSES = 10**9  # respondents to one survey round: a larger count is a typo, and too big to weigh scores by
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # a date written as text (quoted) counts in this form only

# Fields whose mappings hold data keyed by the user (partner ids, dimensions, rule codes), not the format's keys:
# an `x-` key there is data, and is left for the model to judge.
DATA_MAPS = frozenset(("confidence", "scores", "ignore"))


def without_extensions(node, key=None):
    """``node`` with every `x-` key of the format's mappings removed (SPEC section 1: ignored by every rule)."""
    if node.__class__ is dict:
        keep_all = key in DATA_MAPS
        return {k: without_extensions(v, k) for k, v in node.items()
                if keep_all or not (k.__class__ is str and k.startswith(EXTENSION))}
    if node.__class__ is list:
        return [without_extensions(v, key) for v in node]
    return node


class KillConditionMixin:
    """A kill condition's behaviour: its number and which side of it fires; and the rule no field type says."""

    __slots__ = ()

    def problem(self) -> str | None:
        """Why the condition is malformed, or None: it needs exactly one of ``above`` and ``below``."""
        if (self.above is None) == (self.below is None):
            return "a kill condition needs exactly one of `above` and `below`"
        return None

    @property
    def bound(self) -> float:
        return self.above if self.above is not None else self.below

    @property
    def comparison(self) -> str:
        return "above" if self.above is not None else "below"
