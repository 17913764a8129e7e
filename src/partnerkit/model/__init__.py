"""The charter, format version 1 (SPEC section 1): its models, and a fast check for valid charters.

- :mod:`partnerkit.model.charter`: the pydantic v2 models, the format's one
  definition (types, ranges, enums, slugs, ISO dates, key descriptions).
- :mod:`partnerkit.model.light`: plain classes with the same fields and a
  check for valid data, both generated from the models
  (:mod:`partnerkit.model.lightgen`); lint tries it first and keeps pydantic
  for the charters it is not sure of (:mod:`partnerkit.model.validate`).
- :mod:`partnerkit.model.shared`: constants and behaviour both kinds share.

``from partnerkit.model import Charter, Metric`` gives the pydantic models,
imported on first use: importing this package does not import pydantic.
"""

from __future__ import annotations

from partnerkit.model.shared import CADENCE_DAYS, EXTENSION, MAX_RESPONSES  # noqa: F401


def __getattr__(name: str):
    """The pydantic models and types (capitalised names: ``Charter``, ``Slug``...), imported on first use."""
    if not name[:1].isupper():  # submodules and dunders: never a reason to import pydantic
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from partnerkit.model import charter

    try:
        return getattr(charter, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
