"""The rule catalogue. Importing this package registers every rule."""

from __future__ import annotations

from partnerkit.rules.base import LESSONS, REGISTRY, THRESHOLDS, Context, Rule, rule  # noqa: F401

_MODULES = ("file", "vision", "discovery", "metrics", "alignment", "community", "suppressions")
_loaded = False
_ordered: tuple[tuple, list[Rule]] = ((), [])  # REGISTRY's rules, and them in catalogue order


def all_rules() -> list[Rule]:
    global _loaded, _ordered
    if not _loaded:
        import importlib

        for name in _MODULES:
            try:
                importlib.import_module(f"partnerkit.rules.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"partnerkit.rules.{name}":
                    raise
        _loaded = True
    rules = tuple(REGISTRY.values())
    if rules != _ordered[0]:  # sorted again only when the registry changed
        _ordered = (rules, sorted(rules, key=lambda r: ("EVDMACS".index(r.code[0]), r.code)))
    return list(_ordered[1])


_index: tuple[tuple, dict[str, Rule]] = ((), {})  # codes and names -> rule, rebuilt when the registry changes


def find_rule(code_or_name: str) -> Rule | None:
    global _index
    rules = all_rules()
    if _index[0] != tuple(rules):
        _index = (tuple(rules), {**{r.code: r for r in rules}, **{r.name: r for r in rules}})
    key = str(code_or_name).strip()
    return _index[1].get(key.upper()) or _index[1].get(key.lower())
