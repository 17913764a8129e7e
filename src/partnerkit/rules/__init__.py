"""The rule catalogue. Importing :func:`all_rules` registers every rule and every threshold."""

from __future__ import annotations

from partnerkit.rules.base import LESSONS, REGISTRY, THRESHOLDS, Context, Rule, rule  # noqa: F401

_MODULES = ("file", "vision", "discovery", "metrics", "alignment", "community", "suppressions")
_catalogue: list[Rule] = []  # every rule in catalogue order, once the modules are imported
_index: dict[str, Rule] = {}  # codes and names -> rule


def _load() -> None:
    import importlib

    for name in _MODULES:
        importlib.import_module(f"partnerkit.rules.{name}")
    _catalogue[:] = sorted(REGISTRY.values(), key=lambda r: ("EVDMACS".index(r.code[0]), r.code))
    _index.update({r.code: r for r in _catalogue}, **{r.name: r for r in _catalogue})


def all_rules() -> list[Rule]:
    if not _catalogue:
        _load()
    return list(_catalogue)


def find_rule(code_or_name: str) -> Rule | None:
    if not _catalogue:
        _load()
    key = str(code_or_name).strip()
    return _index.get(key.upper()) or _index.get(key.lower())


def thresholds() -> dict:
    """Every threshold with its default (the rules declare them)."""
    if not _catalogue:
        _load()
    return dict(THRESHOLDS)
