"""What a finding is about, by id rather than by list position.

``("metrics", 0, "readings", 4)`` becomes ``metrics[M1].readings[*]``: items
with an `id` are named by it, pulse entries by partner and level, comms by
audience, plain values (a partner in `held_by`, a value in a partner's
`values`) by themselves, and anything else (readings, evidence notes) by
``*``. Appending a reading or reordering a list then leaves the subject of
every other finding unchanged, so findings can be matched across versions
of a charter.
"""

from __future__ import annotations

_NATURAL = {"pulse": ("partner", "level"), "comms": ("audience",)}


def subject(data, path: tuple) -> str:
    out: list[str] = []
    node = data
    parent_key = None
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and -len(node) <= part < len(node) else None
            out.append(f"[{_name(item, parent_key)}]")
        else:
            out.append(("." if out else "") + str(part))
            parent_key = part
        if isinstance(node, (dict, list)):
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
        else:
            node = None
    return "".join(out)


def _name(item, list_key) -> str:
    if isinstance(item, dict):
        if isinstance(item.get("id"), str):
            return item["id"]
        keys = _NATURAL.get(list_key)
        if keys and all(isinstance(item.get(k), str) for k in keys):
            return "/".join(item[k] for k in keys)
        return "*"
    if isinstance(item, (str, int, float)) and not isinstance(item, bool):
        return str(item)
    return "*"
