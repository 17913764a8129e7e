"""What the language server says about one charter's text: findings, hovers, completions, fixes.

Pure functions of the text (no LSP library here): positions are 0-based
lines and character columns, as pygls hands them over before converting
to the client's encoding. Findings come from the same library call as
``partnerkit lint`` (:func:`partnerkit.api.lint_text`); key descriptions
from the schema's models; a rule's why and fix from the rule itself; fixes
from :mod:`partnerkit.edit.fixes` and the editing core.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date

from partnerkit.core.finding import Finding

CHARTER_NAMES = re.compile(r"(^|[\\/])(charter\.ya?ml|[^\\/]*\.charter\.ya?ml)$")
CHARTER_TEXT = re.compile(r"^partnerkit\s*:", re.M)


def is_charter(path: str, text: str) -> bool:
    """A file named like a charter, or YAML whose top level has a `partnerkit` key."""
    return bool(CHARTER_NAMES.search(path or "")) or bool(CHARTER_TEXT.search(text))


@dataclass(frozen=True)
class Span:
    """0-based start and end, in characters."""

    line: int
    col: int
    end_line: int
    end_col: int

    def holds(self, line: int, col: int) -> bool:
        return (self.line, self.col) <= (line, col) <= (self.end_line, self.end_col)


def span_of(finding: Finding, lines: list[str]) -> Span:
    """The range a finding covers: its place to its end, else to the end of the word there."""
    line = max(finding.line - 1, 0)
    col = max(finding.col - 1, 0)
    if finding.loc.end_line is not None:
        end_line, end_col = finding.loc.end_line - 1, max((finding.loc.end_col or finding.col) - 1, 0)
        if (end_line, end_col) > (line, col):
            return Span(line, col, end_line, end_col)
    text = lines[line] if line < len(lines) else ""
    word = re.match(r"\S*", text[col:])
    return Span(line, col, line, col + max(len(word.group()), 1))


class Analysis:
    """One version of a document: its lint result, its data and positions as far as they can be read."""

    def __init__(self, text: str, path: str, options, last_good=None):
        from partnerkit.api import lint_text
        from partnerkit.load.positions import typed
        from partnerkit.load.yamlload import load_yaml

        self.text, self.path = text, path
        self.lines = text.splitlines() or [""]
        self.result = lint_text(text, path, options)
        loaded = load_yaml(text)
        self.ok = not loaded.problems and isinstance(loaded.data, dict)
        self.data, self.pos = (loaded.data, typed(loaded.pos)) if self.ok else (last_good.data, None) if last_good else ({}, None)

    def findings(self) -> list[Finding]:
        """The active findings placed in this file (a CSV row's findings are in that file)."""
        return [f for f in self.result.active if f.file == self.result.path]

    def at(self, line: int, col: int) -> list[Finding]:
        return [f for f in self.findings() if span_of(f, self.lines).holds(line, col)]


# --- hover ------------------------------------------------------------------------------------------------------


def hover(a: Analysis, line: int, col: int) -> str | None:
    """Markdown: the findings here (each with its rule's why and fix), and the description of the key here."""
    from partnerkit.rules import REGISTRY

    parts = []
    for f in a.at(line, col):
        rule = REGISTRY.get(f.code)
        text = f"**{f.code} {f.name}** ({f.severity}): {f.message}\n\n*{f.hint}*"
        if rule is not None:
            text += f"\n\n**Why.** {rule.why}\n\n**How to fix.** {rule.fix}"
        parts.append(text)
    described = key_description(a, line, col)
    if described:
        parts.append(described)
    return "\n\n---\n\n".join(parts) or None


def key_description(a: Analysis, line: int, col: int) -> str | None:
    """``**`target`** — The value to reach by `due`…``: the schema description of the key under the cursor."""
    path = key_at(a.pos, line + 1, col + 1) if a.pos is not None else _key_on_line(a, line, col)
    if not path:
        return None
    field = field_of(path)
    if field is None:
        return None
    return f"**`{path[-1]}`** — {field.description}" if field.description else None


def key_at(pos, line: int, col: int, path: tuple = ()) -> tuple | None:
    """The data path of the key whose text, or whose plain value's text, holds (line, col), 1-based; or None."""
    sub = pos.sub if pos is not None else None
    if isinstance(sub, dict):
        for key, (kpos, vpos) in sub.items():
            end = (kpos.end_line or kpos.line, kpos.end_col or kpos.col + len(str(key)))
            if (kpos.line, kpos.col) <= (line, col) <= end:
                return path + (key,)
            if vpos.sub is None and vpos.end_line is not None and \
                    (vpos.line, vpos.col) <= (line, col) <= (vpos.end_line, vpos.end_col or vpos.col):
                return path + (key,)
            found = key_at(vpos, line, col, path + (key,))
            if found:
                return found
    elif isinstance(sub, list):
        for i, item in enumerate(sub):
            found = key_at(item, line, col, path + (i,))
            if found:
                return found
    return None


def _key_on_line(a: Analysis, line: int, col: int) -> tuple | None:
    """While the YAML does not parse: the key written on this line, with its parents by indentation."""
    text = a.lines[line] if line < len(a.lines) else ""
    match = re.match(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)\s*:", text)
    if not match or not match.start(2) <= col <= match.end(2):
        return None
    return tuple(context(a.lines, line, match.start(2))) + (match.group(2),)


def field_of(path: tuple):
    """The pydantic field a data path's last key names, or None (data keys: partner ids, dimensions, codes)."""
    from partnerkit.model.validate import fields_at

    keys = tuple(p for p in path if not isinstance(p, int))
    model = fields_at(keys[:-1])
    return model.model_fields.get(keys[-1]) if model is not None else None


# --- completion ---------------------------------------------------------------------------------------------------

PARTNER_KEYS = {"owner", "agreed_by", "held_by"}


def expected_ids(keys: list[str], in_key_position: bool) -> str | None:
    """What kind of id belongs here, from the keys above the cursor: partner, track, hypothesis, metric; or None."""
    if not keys:
        return None
    last = keys[-1]
    if in_key_position:
        return "partner" if last == "confidence" else None
    if last in PARTNER_KEYS or (last == "by" and "tensions" in keys) or (last == "partner" and "pulse" in keys) \
            or (last == "partners" and "forums" in keys):
        return "partner"
    if last == "tracks":
        return "track"
    if last == "revised_into":
        return "hypothesis"
    if last == "metric" and "kill_criteria" in keys:
        return "metric"
    return None


def completions(a: Analysis, line: int, col: int) -> list[tuple[str, str]]:
    """The ids that may be written at (line, col): ``(id, what it is)``, or nothing where no reference goes."""
    text = a.lines[line] if line < len(a.lines) else ""
    before = text[:col]
    keys, in_key = where_typing(a.lines, line, before)
    kind = expected_ids(keys, in_key)
    if kind is None:
        return []
    return ids_of(a.data if a.ok else _without_line(a, line), kind)


def _without_line(a: Analysis, line: int):
    """While a line is half typed the YAML may not parse: the data without that line, else the last that parsed."""
    from partnerkit.load.yamlload import load_yaml

    loaded = load_yaml("\n".join(a.lines[:line] + a.lines[line + 1:]) + "\n")
    return loaded.data if not loaded.problems and isinstance(loaded.data, dict) else a.data


def ids_of(data, kind: str) -> list[tuple[str, str]]:
    def listed(section, what, label="name"):
        items = data.get(section) if isinstance(data, dict) else None
        return [(str(i["id"]), f"{what}: {i.get(label) or ''}".rstrip(": ")) for i in items or []
                if isinstance(i, dict) and isinstance(i.get("id"), str)]

    partners = listed("partners", "partner")
    if kind == "partner":
        return partners
    hypotheses = listed("hypotheses", "hypothesis", "statement")
    if kind == "hypothesis":
        return hypotheses
    if kind == "metric":
        return listed("metrics", "metric")
    wants = [(str(w["id"]), f"want of {p.get('id')}: {w.get('goal') or ''}".rstrip(": "))
             for p in (data.get("partners") or [] if isinstance(data, dict) else []) if isinstance(p, dict)
             for w in (p.get("wants") or []) if isinstance(w, dict) and isinstance(w.get("id"), str)]
    return hypotheses + wants


def where_typing(lines: list[str], line: int, before: str) -> tuple[list[str], bool]:
    """The keys enclosing the cursor (outermost first) and whether a key (not a value) is being typed there."""
    flow: list[tuple[str, str | None]] = []  # open `{` / `[` on this line, with the key each belongs to
    key, quote = None, None
    token_start = 0
    for i, ch in enumerate(before):
        if quote:
            quote = None if ch == quote else quote
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "{[":
            flow.append((ch, key))
            key = None
        elif ch in "}]":
            if flow:
                flow.pop()
            key = None
        elif ch == "," and flow:
            key = None
        elif ch == ":" and (i + 1 == len(before) or before[i + 1] in " \t"):
            key = re.sub(r"^[\s,{\[-]*", "", before[token_start:i]).strip()
        if ch in "{[,:":
            token_start = i + 1
    indent_of = len(before) - len(before.lstrip(" -"))
    owners = context(lines, line, indent_of)
    for _, owner in flow:
        if owner:
            owners.append(owner)
    if key:
        owners.append(key)
        return owners, False
    if flow:
        return owners, flow[-1][0] == "{"
    stripped = before.strip()
    if stripped.startswith("-"):
        return owners, False  # an item of the list above
    return owners, True


def context(lines: list[str], line: int, indent: int) -> list[str]:
    """The keys above ``line`` that enclose something written at column ``indent``, outermost first."""
    keys: list[str] = []
    for number in range(line - 1, -1, -1):
        text = lines[number]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        lead = len(text) - len(text.lstrip(" "))
        match = _KEY_LINE.match(text)
        if match:
            key_col = len(match.group(1)) + len(match.group(2) or "")
            opens = not match.group(4).strip() or match.group(4).lstrip()[:1] in ("#", "|", ">")
            if key_col < indent and opens:
                keys.insert(0, match.group(3))
                indent = key_col
            if match.group(2) and lead < indent:  # the list item holding what is below
                indent = lead
        elif lead < indent:
            indent = lead
        if indent == 0:
            break
    return keys


_KEY_LINE = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][\w-]*)\s*:(?=\s|$)(.*)$")


# --- fixes ----------------------------------------------------------------------------------------------------------


def fixed(a: Analysis, finding: Finding, options) -> str | None:
    """The text with ``finding`` fixed, when the fix adds no E finding; else None."""
    from partnerkit.api import lint_text
    from partnerkit.edit.fixes import fixed_text
    from partnerkit.findings.compare import matched

    new = fixed_text(a.text, finding)
    if new is None:
        return None
    _, raised = matched(a.result.active, lint_text(new, a.path, options).active)
    return None if any(f.code[0] == "E" for f in raised) else new


def suppressed(a: Analysis, finding: Finding) -> str | None:
    """The text with ``# partnerkit: ignore[CODE]`` at the end of the finding's line, for the reason to be written
    after it; None where a comment cannot suppress (E and S rules) or one is already there."""
    from partnerkit.edit.fixes import suppression
    from partnerkit.edit.splice import apply

    line = a.lines[finding.line - 1] if finding.line - 1 < len(a.lines) else ""
    comment = suppression(finding, "", a.result.path)
    if comment is None or "partnerkit: ignore[" in line:
        return None
    try:
        return apply(a.text, [comment])
    except Exception:  # noqa: BLE001 - the editing core refused (a line inside a block of text): no action
        return None


def today_options(config: str | None = None):
    """Lint options for now: the as-of date is PARTNERKIT_AS_OF, else today, read at each call."""
    from partnerkit.api import Options

    value = os.environ.get("PARTNERKIT_AS_OF")
    try:
        as_of = date.fromisoformat(value) if value else date.today()
    except ValueError:
        as_of = date.today()
    return Options(as_of=as_of, config=config, jobs=1)
