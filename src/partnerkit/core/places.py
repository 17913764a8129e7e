"""Data paths in the words people use: by id, counting from 1.

:func:`subject`: what a finding is about, by id rather than by list position.
``("metrics", 0, "readings", 4)`` becomes ``metrics[M1].readings[*]``: items
with an `id` are named by it, pulse entries by partner and level, comms by
audience, plain values (a partner in `held_by`, a value in a partner's
`values`) by themselves, and anything else (readings, evidence notes) by
``*``. Appending a reading or reordering a list then leaves the subject of
every other finding unchanged, so findings can be matched across versions
of a charter.

:func:`describe`: the same path for a reader: ``metric `M1`, reading 5``.
JSON output keeps 0-based data paths, as documented; everything a person
reads names things by id and counts from 1.
"""

from __future__ import annotations

_NATURAL = {"pulse": ("partner", "level"), "comms": ("audience",)}


def subject(data, path: tuple) -> str:
    return names(data, path)[0]


def names(data, path: tuple) -> tuple[str, str]:
    """``(subject, describe)`` of a path in one walk: what the lint engine stores on every finding."""
    subj: list[str] = []
    words: list[str] = []
    keys: list[str] = []
    node = data
    parent_key = None
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and -len(node) <= part < len(node) else None
            subj.append(f"[{_name(item, parent_key)}]")
            if keys and keys[-1] == parent_key:
                keys.pop()
            if keys:
                words.append("`" + ".".join(keys) + "`")
                keys.clear()
            words.append(_item_words(parent_key, part, item))
        else:
            subj.append(("." if subj else "") + str(part))
            keys.append(str(part))
            parent_key = part
        if node.__class__ is dict or node.__class__ is list:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
        else:
            node = None
    if keys:
        words.append("`" + ".".join(keys) + "`")
    return "".join(subj), ", ".join(words) or "the charter"


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


SINGULAR = {
    "partners": "partner", "wants": "want", "values": "value", "forums": "forum", "comms": "comms entry",
    "tensions": "tension", "hypotheses": "hypothesis", "evidence": "evidence note", "metrics": "metric",
    "readings": "reading", "milestones": "milestone", "kill_criteria": "kill criterion", "pulse": "pulse entry",
    "escalation": "escalation step", "criteria": "exit criterion", "gives": "commitment", "tracks": "tracked item",
    "agreed_by": "partner", "held_by": "partner", "levels": "level",
}


def describe(data, path: tuple) -> str:
    """``("metrics", 0, "readings", 1, "value")`` -> ``metric `M1`, reading 2, `value```."""
    return names(data, path)[1]


def _item_words(list_key, index: int, item) -> str:
    word = SINGULAR.get(list_key, "item")
    if isinstance(item, dict):
        if isinstance(item.get("id"), str):
            return f"{word} `{item['id']}`"
        if list_key == "pulse" and all(isinstance(item.get(k), str) for k in ("partner", "level")):
            return f"{word} {index + 1} ({item['partner']} {item['level']})"
    elif isinstance(item, str) and list_key in ("agreed_by", "held_by", "partners", "tracks", "levels", "values"):
        return f"{word} `{item}`"
    return f"{word} {index + 1}"
