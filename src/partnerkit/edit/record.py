"""`partnerkit record ...`: each command's edit, checked and described (SPEC section 10).

Each function takes an open :class:`~partnerkit.edit.session.CharterFile`
and the command's arguments, checks them (an unknown id with its
did-you-mean, a value outside its range, a date after the as-of date) and
returns a :class:`~partnerkit.edit.session.Plan`. A :class:`BadInput` is
the user's to fix (exit 2); nothing has been changed when one is raised.
"""

from __future__ import annotations

import re
from datetime import date

from partnerkit.core.numbers import num
from partnerkit.core.suggest import suggest
from partnerkit.edit.changes import Insert, Set
from partnerkit.edit.session import CharterFile, Plan
from partnerkit.edit.source import EditError

STATUSES = ("open", "testing", "validated", "invalidated", "revised")
DECISIONS = ("continue", "pivot", "stop")
ID_SECTIONS = ("partners", "values", "tensions", "hypotheses", "metrics", "milestones")
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\Z")


class BadInput(EditError):
    """An id, value or date given on the command line that cannot be used: exit 2."""


# --- checks ------------------------------------------------------------------------

def items(data: dict, section: str) -> list:
    found = data.get(section)
    if found is None:
        return []
    if not isinstance(found, list):
        raise BadInput(f"the charter's `{section}` is not a list: fix it first")
    return found


def find(data: dict, section: str, wanted: str, what: str) -> int:
    """The index of the item with id ``wanted`` in ``section``; else a :class:`BadInput` with a did-you-mean."""
    known = [item.get("id") for item in items(data, section) if isinstance(item, dict)]
    if wanted in known:
        return known.index(wanted)
    ids = [str(k) for k in known if k is not None]
    near = suggest(wanted, ids)
    if near:
        raise BadInput(f"no {what} `{wanted}` in the charter (did you mean `{near}`?)")
    if not ids:
        raise BadInput(f"no {what} `{wanted}` in the charter: it has no {section} yet")
    listed = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    raise BadInput(f"no {what} `{wanted}` in the charter; its {section}: {listed}")


def partner(data: dict, wanted: str) -> str:
    find(data, "partners", wanted, "partner")
    return wanted


def number(text: str, what: str):
    """A number as typed: ``4`` stays an integer, ``27.5`` a decimal."""
    raw = str(text).strip()
    if _NUMBER.match(raw):
        value = float(raw)
        return int(value) if re.fullmatch(r"[-+]?\d+", raw) else value
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", raw):
        raise BadInput(f"{what} `{raw}`: write numbers without separators: {raw.replace(',', '')}")
    if raw.endswith("%") and _NUMBER.match(raw[:-1].strip()):
        raise BadInput(f"{what} `{raw}`: write the number without `%` ({raw[:-1].strip()}); the unit is the metric's")
    raise BadInput(f"{what} `{raw}` is not a number: write a plain number such as 12.5")


def fraction(text: str, what: str) -> float:
    raw = str(text).strip()
    if raw.endswith("%") and _NUMBER.match(raw[:-1].strip()):
        raise BadInput(f"{what} `{raw}`: write it as a number from 0 to 1 ({num(float(raw[:-1]) / 100)})")
    value = number(raw, what)
    if not 0 <= value <= 1:
        raise BadInput(f"{what} {raw} is outside 0..1: 0 is no belief at all, 1 certainty")
    return value


def dated(day: date | None, as_of: date, what: str) -> date:
    day = day or as_of
    if day > as_of:
        raise BadInput(f"{day} is after the as-of date {as_of}: {what} cannot be dated in the future "
                       "(use --as-of, or PARTNERKIT_AS_OF, if today is later)")
    return day


def choice(word: str, allowed: tuple[str, ...], what: str) -> str:
    if word in allowed:
        return word
    near = suggest(word, allowed)
    hint = f" (did you mean `{near}`?)" if near else ""
    raise BadInput(f"`{word}` is not a {what}{hint}: use {', '.join(allowed)}")


def text(value: str | None, what: str) -> str:
    if value is None or not str(value).strip():
        raise BadInput(f"the {what} is empty: say what it is")
    return str(value).strip()


def all_ids(data: dict) -> set[str]:
    """Every id of the charter: they share one namespace."""
    found = set()
    for section in ID_SECTIONS:
        for item in items(data, section):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.add(item["id"])
                wants = item.get("wants") if section == "partners" else None
                for want in wants if isinstance(wants, list) else []:
                    if isinstance(want, dict) and isinstance(want.get("id"), str):
                        found.add(want["id"])
    forums = (data.get("governance") or {}).get("forums") if isinstance(data.get("governance"), dict) else None
    for forum in forums if isinstance(forums, list) else []:
        if isinstance(forum, dict) and isinstance(forum.get("id"), str):
            found.add(forum["id"])
    return found


def by_date(listed: list, day: date) -> int:
    """Where an item dated ``day`` goes in a list kept in date order: after every item dated on or before it."""
    at = len(listed)
    while at > 0:
        prev = listed[at - 1].get("date") if isinstance(listed[at - 1], dict) else None
        if not isinstance(prev, date) or prev <= day:
            break
        at -= 1
    return at


# --- the commands ------------------------------------------------------------------

def reading(cf: CharterFile, metric: str, value: str, day: date | None = None, note: str | None = None) -> Plan:
    i = find(cf.data, "metrics", metric, "metric")
    amount = number(value, "the reading")
    day = dated(day, cf.as_of, "a reading")
    model = _by_id(cf.charter.metrics if cf.charter else [], metric)
    for r in getattr(model, "readings", []):
        if r.date == day:
            raise BadInput(f"metric `{metric}` already has a reading dated {day} ({num(r.value)}): correct that one "
                           "in the file, or give another --date")
    unit = getattr(model, "unit", None)
    summary = f"recorded reading {num(amount, unit)} for metric `{metric}`, dated {day}"
    row = {"date": day, "value": amount}
    if note:
        row["note"] = note.strip()
    if "readings" in cf.data_files:
        return Plan(summary + f" (in {cf.data_display('readings')})",
                    rows={"readings": [{"metric": metric, **row}]})
    listed = items(cf.data["metrics"][i], "readings")
    return Plan(summary, [Insert(("metrics", i, "readings"), row, by_date(listed, day))])


def evidence(cf: CharterFile, hypothesis: str, note: str, day: date | None = None) -> Plan:
    i = find(cf.data, "hypotheses", hypothesis, "hypothesis")
    note = text(note, "evidence note")
    day = dated(day, cf.as_of, "evidence")
    listed = items(cf.data["hypotheses"][i], "evidence")
    return Plan(f"recorded evidence for hypothesis `{hypothesis}`, dated {day}",
                [Insert(("hypotheses", i, "evidence"), {"date": day, "note": note}, by_date(listed, day))])


def status(cf: CharterFile, hypothesis: str, new: str, into: str | None = None) -> Plan:
    i = find(cf.data, "hypotheses", hypothesis, "hypothesis")
    new = choice(new, STATUSES, "hypothesis status")
    item = cf.data["hypotheses"][i]
    edits = [Set(("hypotheses", i, "status"), new)]
    old = item.get("status", "open")
    summary = f"hypothesis `{hypothesis}`: {old} → {new}"
    if into is not None:
        if new != "revised":
            raise BadInput("--into names the hypothesis that replaces a `revised` one: use it with `revised` only")
        find(cf.data, "hypotheses", into, "hypothesis")
        if into == hypothesis:
            raise BadInput(f"hypothesis `{hypothesis}` cannot be revised into itself: name its successor")
        edits.append(Set(("hypotheses", i, "revised_into"), into))
        summary += f", revised into `{into}`"
    if old == new and (into is None or item.get("revised_into") == into):
        return Plan(f"hypothesis `{hypothesis}` is already {new}: nothing to change")
    return Plan(summary, edits)


def confidence(cf: CharterFile, hypothesis: str, who: str, value: str) -> Plan:
    i = find(cf.data, "hypotheses", hypothesis, "hypothesis")
    partner(cf.data, who)
    belief = fraction(value, f"{who}'s confidence")
    held = cf.data["hypotheses"][i].get("confidence")
    old = held.get(who) if isinstance(held, dict) else None
    if old == belief:
        return Plan(f"{who}'s confidence in hypothesis `{hypothesis}` is already {num(belief)}: nothing to change")
    was = f"{num(old)} → " if isinstance(old, (int, float)) else ""
    return Plan(f"hypothesis `{hypothesis}`: {who}'s confidence {was}{num(belief)}",
                [Set(("hypotheses", i, "confidence", who), belief)])


def decision(cf: CharterFile, milestone: str, taken: str, day: date | None = None,
             rationale: str | None = None) -> Plan:
    i = find(cf.data, "milestones", milestone, "milestone")
    taken = choice(taken, DECISIONS, "gate decision")
    day = dated(day, cf.as_of, "a decision")
    old = cf.data["milestones"][i].get("decision", "pending")
    edits = [Set(("milestones", i, "decision"), taken), Set(("milestones", i, "decided_on"), day)]
    if rationale is not None:
        edits.append(Set(("milestones", i, "rationale"), text(rationale, "rationale")))
    return Plan(f"milestone `{milestone}`: decision {old} → {taken}, decided on {day}", edits)


def tension(cf: CharterFile, issue: str, by: str, owner: str | None = None, new_id: str | None = None,
            day: date | None = None) -> Plan:
    issue = text(issue, "tension")
    partner(cf.data, by)
    if owner is not None:
        partner(cf.data, owner)
    day = dated(day, cf.as_of, "a tension")
    taken = all_ids(cf.data)
    if new_id is None:
        numbers = [int(m.group(1)) for m in (re.fullmatch(r"T(\d{1,9})", t) for t in taken) if m]
        new_id = f"T{max(numbers, default=0) + 1}"
    elif not SLUG.match(new_id):
        raise BadInput(f"`{new_id}` is not a valid id: use letters, digits, `.`, `_` and `-`, starting with a letter "
                       "or digit")
    elif new_id in taken:
        raise BadInput(f"the id `{new_id}` is already used in the charter: ids share one namespace, choose another")
    item = {"id": new_id, "raised": day, "by": by, "issue": issue}
    if owner is not None:
        item["owner"] = owner
    item["status"] = "open"
    who = f", owned by {owner}" if owner else ""
    return Plan(f"raised tension `{new_id}` by {by}{who}, dated {day}", [Insert(("tensions",), item)])


def resolve(cf: CharterFile, which: str, day: date | None = None) -> Plan:
    i = find(cf.data, "tensions", which, "tension")
    item = cf.data["tensions"][i]
    if item.get("status") == "resolved":
        when = f" on {item['resolved_on']}" if item.get("resolved_on") else ""
        return Plan(f"tension `{which}` is already resolved{when}: nothing to change")
    day = dated(day, cf.as_of, "a resolution")
    raised = item.get("raised")
    if isinstance(raised, date) and day < raised:
        raise BadInput(f"tension `{which}` was raised on {raised}: it cannot be resolved before that ({day})")
    return Plan(f"resolved tension `{which}` on {day}",
                [Set(("tensions", i, "status"), "resolved"), Set(("tensions", i, "resolved_on"), day)])


def review(cf: CharterFile, day: date | None = None) -> Plan:
    day = dated(day, cf.as_of, "a review")
    held = cf.data.get("review")
    if held is not None and not isinstance(held, dict):
        raise BadInput("the charter's `review` is not a mapping: fix it first")
    last = held.get("last") if isinstance(held, dict) else None
    if last == day:
        return Plan(f"the steering review of {day} is already recorded: nothing to change")
    if isinstance(last, date) and last > day:
        raise BadInput(f"the last steering review recorded is of {last}, later than {day}: record the latest one")
    return Plan(f"recorded the steering review of {day}", [Set(("review", "last"), day)])


def _by_id(listed, wanted):
    return next((x for x in listed if getattr(x, "id", None) == wanted), None)
