"""Schema problems in the words of the people who write charters.

Each message names the thing by id and counts from 1 (``metric `M1`:
`target` must be a number such as 12.5; got `five```), names the expected
form with an example, and the hint says what to type: ``Write numbers
without separators: 1200.``, ``Write 0.8.``, ``Remove the quotes:
horizon_months: 36``. Dates that look right but do not exist are told so
(``month 13 does not exist``).
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date

from partnerkit.core.finding import Fix, Hit
from partnerkit.core.places import describe
from partnerkit.core.slug import slugify
from partnerkit.core.suggest import only_match, suggest
from partnerkit.core.text import one_line
from partnerkit.model.shared import DATA_MAPS

EXTENSION_NOTE = "keys starting with `x-` for your own data"

# The expected form of a number, by the key it is under.
NUMBER_FORMS = {
    "confidence": ("a number from 0 to 1", "0.7"),
    "scores": ("a score from 1 to 5", "3.8"),
    "horizon_months": ("a whole number of months", "24"),
    "responses": ("a whole number of respondents", "12"),
    "notice_days": ("a whole number of days", "90"),
}
FORMS = {  # the expected form of other values, by key
    "kill_criteria": "a text, or a list of texts and conditions such as {metric: M1, below: 3}",
    "ignore": "a reason, or {reason: ..., until: 2027-01-31}",
}
_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "hundred": 100, "a hundred": 100, "one hundred": 100}
_GROUPED = re.compile("[+-]?\\d{1,3}(?:[,\u00a0\u202f '’]\\d{3})+(?:\\.\\d+)?\\Z")
_SEPARATORS = re.compile("[,\u00a0\u202f '’]")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}\Z|[+-]?\d+,\d{4,}\Z")
_PERCENT = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*%\Z")
_WITH_UNIT = re.compile(r"[^\d+-]{0,3}?\s*([+-]?\d+(?:\.\d+)?)\s*[^\d\s].*\Z|[^\d\s+-]{1,3}\s*([+-]?\d+(?:\.\d+)?)\Z")
_NUMERIC = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*\Z")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})\Z")
_TIMED = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d")
_ISO_SHAPED = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_YAML11_BOOLS = {"yes": "true", "no": "false", "on": "true", "off": "false", "y": "true", "n": "false"}


def _key_of(path: tuple) -> str:
    """The nearest key of the format on the path (``confidence`` for ``hypotheses[0].confidence.acme``)."""
    if len(path) >= 2 and path[-2] in DATA_MAPS:
        return path[-2]
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def named(data, path: tuple) -> str:
    """``metric `M1`: `target``` / ```horizon_months``` / ``partner `acme`, commitment 2``: the thing at ``path``."""
    if path and isinstance(path[-1], str) and len(path) > 1:
        return f"{describe(data, path[:-1])}: `{path[-1]}`"
    return describe(data, path)


def got(value) -> str:
    """The value as the reader wrote it: ``five``, ``"36"`` (text in quotes), ``2026-01-15``, a list."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, date):
        return f"`{value.isoformat()}`"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    text = text if len(text) <= 40 else text[:39] + "…"
    if isinstance(value, str) and (_NUMERIC.match(value) or value in ("true", "false") or _ISO_SHAPED.match(value)):
        return f'`"{text}"` (text, in quotes)'
    return f"`{text}`"


def _number_form(path: tuple, whole: bool) -> tuple[str, str]:
    key = _key_of(path)
    if key in NUMBER_FORMS:
        return NUMBER_FORMS[key]
    return ("a whole number", "3") if whole else ("a number", "12.5")


def _number_hint(value, path: tuple, whole: bool, example: str) -> str:
    key = _key_of(path)
    unit_fields = key in ("baseline", "target", "value", "above", "below")
    if isinstance(value, str):
        text = value.strip()
        if _NUMERIC.match(text):
            return f"Remove the quotes: {key}: {text}" if key else f"Remove the quotes: {text}"
        if _GROUPED.match(text):
            return f"Write numbers without separators: {_SEPARATORS.sub('', text)}."
        if _DECIMAL_COMMA.match(text):
            return f"Write a decimal point, not a comma: {text.replace(',', '.')}."
        percent = _PERCENT.match(text)
        if percent:
            n = float(percent.group(1))
            if key == "confidence":
                return f"Write {_plain(n / 100)}: a confidence is a number from 0 to 1."
            return f"Write {_plain(n)}" + (" and keep `%` in the metric's `unit`." if unit_fields else ".")
        if text.lower() in _WORDS:
            return f"Write it in digits: {_WORDS[text.lower()]}."
        unit = _WITH_UNIT.match(text)
        if unit:
            number = unit.group(1) or unit.group(2)
            return f"Write the number alone: {number}" + (" (the unit belongs in the metric's `unit`)." if unit_fields
                                                           else ".")
    if whole and isinstance(value, float) and math.isfinite(value):
        return f"Write a whole number, such as {round(value)}."
    if isinstance(value, bool):
        return f"Write a number such as {example}: `true` and `false` are not numbers."
    return f"Write {('a whole number' if whole else 'a number')} in digits, such as {example}."


def _plain(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:.6g}"


def _date_problem(value) -> tuple[str, str]:
    """Why a value is not a date, and what to write."""
    if isinstance(value, str):
        text = value.strip()
        shaped = _ISO_SHAPED.match(text)
        if shaped:
            year, month, day = (int(g) for g in shaped.groups())
            if not 1 <= month <= 12:
                return (f"`{text}` has the ISO form, but month {month} does not exist",
                        "Write the date as year-month-day, with a month from 01 to 12.")
            last = calendar.monthrange(year, month)[1] if year >= 1 else 31
            if not 1 <= day <= last:
                name = calendar.month_name[month]
                return (f"`{text}` has the ISO form, but {name} {year} has {last} days",
                        f"Use a day from 01 to {last}.")
        timed = _TIMED.match(text)
        if timed:
            return f"`{text}` is a date with a time", f"Write the date alone: {timed.group(1)}."
        slashed = _SLASHED.match(text)
        if slashed:
            y, m, d = slashed.groups()
            return f"`{text}` is not an ISO date", f"Write it as year-month-day with dashes: {y}-{int(m):02d}-{int(d):02d}."
        return f"`{text}` is not an ISO date", "Write dates as year-month-day: 2026-01-15."
    return f"{got(value)} is not a date", "Write dates as year-month-day: 2026-01-15."


def wrong_value(data, path: tuple, kind: str, value, ctx: dict, msg: str) -> Hit:
    """A value of the wrong type, out of range, or not one of the choices."""
    who = named(data, path)
    key = _key_of(path)
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        whole = kind.startswith("int")
        form, example = _number_form(path, whole)
        return Hit(path, f"{who} must be {form} such as {example}; got {got(value)}",
                   _number_hint(value, path, whole, example), at_value=True)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _out_of_range(path, who, key, kind, value, ctx)
    if kind in ("bool_type", "bool_parsing"):
        hint = "Write true or false."
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            hint = f"Remove the quotes: {key}: {value.strip().lower()}"
        elif isinstance(value, str) and value.strip().lower() in _YAML11_BOOLS:
            hint = f"Write {_YAML11_BOOLS[value.strip().lower()]}: YAML 1.2 reads `{value.strip()}` as text."
        return Hit(path, f"{who} must be true or false; got {got(value)}", hint, at_value=True)
    if kind == "iso_date" or kind.startswith("date"):
        problem, hint = _date_problem(value)
        return Hit(path, f"{who} must be a date such as 2026-01-15; {problem}", hint, at_value=True)
    if kind == "string_type":
        hint = "Write text."
        if isinstance(value, (int, float, date)) and not isinstance(value, bool) or isinstance(value, bool):
            shown = value.isoformat() if isinstance(value, date) else str(value).lower() if isinstance(value, bool) \
                else str(value)
            hint = f'Put it in quotes: "{shown}"'
        elif isinstance(value, (list, dict)):
            hint = "Write one piece of text here, not a list or a mapping."
        return Hit(path, f"{who} must be text; got {got(value)}", hint, at_value=True)
    if kind == "list_type":
        example = f"[{value}]" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else "[a, b]"
        return Hit(path, f"{who} must be a list; got {got(value)}",
                   f"Write it as a list: {example}, or one `- item` line per entry.", at_value=True)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _not_a_mapping(data, path, who, key, value)
    if kind == "union_type":
        form = FORMS.get(key, "another form")
        return Hit(path, f"{who} must be {form}; got {got(value)}", f"Write {form}.", at_value=True)
    if kind in ("literal_error", "enum"):
        choices = [c.strip().strip("'") for c in ctx.get("expected", "").replace(" or ", ", ").split(",") if c.strip()]
        near = suggest(value, choices) if isinstance(value, str) else None
        near = near or next((c for c in choices if isinstance(value, str) and c.lower() == value.strip().lower()), None)
        message = f"{who} is {got(value)}, which is not one of {', '.join(choices)}"
        if near:
            only = only_match(value, choices)
            fix = Fix(f"Replace `{one_line(value)}` with `{only}`", "replace", only) if only else None
            return Hit(path, message + f" (did you mean `{near}`?)", f"Write `{near}`.", at_value=True, fix=fix)
        return Hit(path, message, f"Use one of: {', '.join(choices)}.", at_value=True)
    if kind == "string_pattern_mismatch":
        return Hit(path, f"{who} must be an id (letters, digits, `.`, `_` and `-`, no spaces); got {got(value)}",
                   f"Write `{slugify(value, 'h1') if isinstance(value, str) else 'h1'}`.", at_value=True)
    if kind == "too_short" and path and path[-1] == "partners":
        return Hit(path, "a partnership needs at least 2 partners", "List every partner under `partners`.",
                   at_value=True)
    if kind == "string_too_short" and len(path) >= 3 and path[-3] == "ignore":
        return Hit(path[:-1], f"the suppression of {path[-2]} has no reason",
                   "Say why the rule is switched off: suppressions are accountable.", at_value=True)
    if kind == "string_too_short":
        return Hit(path, f"{who} is empty", f"Write the {key.replace('_', ' ')}, or remove the key.", at_value=True)
    if kind == "value_error":
        error = ctx.get("error")
        text = str(error) if error is not None else msg
        return Hit(path, f"{who}: {text}", "Give exactly one of `above` and `below`: {metric: M1, below: 3}."
                   if "above" in text else "Correct the value.", at_value=True)
    return Hit(path, f"{who}: {msg[0].lower() + msg[1:]}; got {got(value)}", "Correct the value.", at_value=True)


def _out_of_range(path, who, key, kind, value, ctx) -> Hit:
    bound = _plain(next(iter(ctx.values()), 0))
    word = {"greater_than_equal": "at least", "less_than_equal": "at most", "greater_than": "more than",
            "less_than": "less than"}[kind]
    hint = f"Use a number {word} {bound}."
    if key == "confidence":
        hint = "A confidence is a number from 0 to 1" + (f": write {_plain(value / 100)} for {_plain(value)}%."
                                                         if isinstance(value, (int, float)) and 1 < value <= 100 else
                                                         ".")
    elif key == "scores":
        hint = "A score is a mean answer on a 1 to 5 scale."
    return Hit(path, f"{who} must be {word} {bound}; got {got(value)}", hint, at_value=True)


def _not_a_mapping(data, path, who, key, value) -> Hit:
    from partnerkit.model.validate import fields_at

    if key in FORMS:
        return Hit(path, f"{who} must be {FORMS[key]}; got {got(value)}", f"Write {FORMS[key]}.", at_value=True)
    model = fields_at(path)
    keys = [k for k in model.model_fields] if model is not None else []
    example = ", ".join(f"{k}: ..." for k in keys[:3])
    hint = f"Write a mapping: {{{example}}}, or one `key: value` line per key, indented." if keys else \
        "Write a mapping of `key: value` lines, indented."
    if isinstance(value, str) and "name" in keys:
        hint = f"Write {{name: {value}}}, and add `title` and `email` if you know them." \
            if "title" in keys else f"Write {{name: {value}}}."
    return Hit(path, f"{who} must be a mapping" + (f" with keys such as {', '.join(keys[:4])}" if keys else "")
               + f"; got {got(value)}", hint, at_value=True)


def missing(data, path: tuple, model) -> Hit:
    """A required key left out."""
    key = path[-1]
    parent = path[:-1]
    where = f" in {describe(data, parent)}" if parent else ""
    described = model.model_fields[key].description if model is not None and key in model.model_fields else None
    hint = f"Add `{key}`" + (f": {described[0].lower() + described[1:]}" if described else ".")
    return Hit(parent, f"missing required key `{key}`{where}", hint)


def unknown_key(data, path: tuple, model) -> Hit:
    """A key the format does not have here: the close match, or the keys allowed here."""
    key = path[-1]
    parent = path[:-1]
    section = describe(data, parent) if parent else "the charter"
    allowed = list(model.model_fields) if model is not None else []
    near = suggest(key, allowed)
    if near:
        only = only_match(key, allowed)
        item = value_at(data, parent)
        safe = only and not (isinstance(item, dict) and only in item)  # renaming onto a key already there: no
        fix = Fix(f"Rename `{one_line(key)}` to `{only}`", "rename", only) if safe else None
        return Hit(path, f"unknown key `{key}` in {section} (did you mean `{near}`?)", f"Rename it to `{near}`.",
                   fix=fix)
    listed = ", ".join(allowed)
    return Hit(path, f"unknown key `{key}` in {section}" + (f"; the keys allowed here: {listed}" if allowed else ""),
               "Use one of the keys allowed here, or start your own keys with `x-` to keep data no rule reads.")


def on_for_date(data, item: tuple) -> Hit:
    """`on` where a dated item needs `date`: one finding, not an unknown key and a missing one."""
    return Hit(item + ("on",), f"{describe(data, item)} uses `on` for its date: the key is `date`",
               "Rename `on` to `date` (YAML 1.1 tools read `on` as true).", fix=Fix("Rename `on` to `date`", "rename",
                                                                                    "date"))


def value_at(data, path: tuple):
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def bad_key(data, path: tuple, value) -> Hit:
    """A key of a map whose keys are data (``confidence``'s partner ids) that is not an id."""
    return Hit(path, f"{describe(data, path[:-1])}: the key {got(value)} is not an id (letters, digits, `.`, `_` and "
               "`-`, no spaces)",
               f"Use an id as the key, such as `{slugify(value, 'acme') if isinstance(value, str) else 'acme'}`.")
