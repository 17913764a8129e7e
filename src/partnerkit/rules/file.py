"""E rules: the file itself. Always on, always errors, never suppressed.

E001, E006 and E007 are reported while loading, E002 while validating (see ``partnerkit.engine``);
E003, E004 and E005 are checks on the loaded charter.
"""

from __future__ import annotations

from partnerkit.core.finding import Hit, Related
from partnerkit.core.suggest import suggest
from partnerkit.judge.gates import conditions
from partnerkit.rules.base import rule

rule("E001", "yaml-syntax", "error", "not parseable YAML: syntax error, duplicate key, bad encoding, several documents",
     why="Nothing else can be checked until the file parses; a duplicate key silently loses data.",
     fix="Fix the YAML at the position given; keep one document, unique keys, UTF-8.",
     example="title: Acme × Globex\ntitle: Acme and Globex   # E001: duplicate key")(None)

rule("E002", "schema", "error", "does not match the schema (missing key, wrong type, out of range, unknown key)",
     why="A charter that does not have the agreed shape cannot be checked or reported reliably.",
     fix="Correct the key or value named; `partnerkit schema` gives the format for editors. `partnerkit lint --fix` "
         "renames `on` to `date` in dated items, and an unknown key or choice to its only close match.",
     example="phase: pilt   # E002: 'pilt' is not one of discovery, pilot, ... (did you mean 'pilot'?)",
     fixable=True)(None)

rule("E006", "not-a-charter", "error", "not a charter (no `partnerkit` key, not a mapping) or unsupported format version",
     why="partnerkit reads charters of format version 1: a mapping whose first key is `partnerkit: 1`.",
     fix="Start the file with `partnerkit: 1`, or run `partnerkit init` for a scaffold.",
     example="- just\n- a list   # E006: a charter is a mapping")(None)

rule("E007", "unsafe-input", "error", "refused for safety: too large, alias expansion over its limit, nesting too deep",
     why="Hostile or accidental input (alias bombs, deep nesting, huge exports) must not exhaust memory or time.",
     fix="Keep the charter under the size limit (`max-bytes`), avoid large repeated anchors, flatten deep nesting.",
     example="a: &a [x, x, x]\nb: &b [*a, *a, *a]   # ...nine levels of this is E007",
     thresholds={"max-bytes": 1_048_576})(None)


def ids_in(ch):
    """Every id of the shared namespace with its data path."""
    for i, p in enumerate(ch.partners):
        yield p.id, ("partners", i, "id"), "partner"
        for j, w in enumerate(p.wants):
            yield w.id, ("partners", i, "wants", j, "id"), "want"
    for i, v in enumerate(ch.values):
        yield v.id, ("values", i, "id"), "value"
    if ch.governance:
        for i, f in enumerate(ch.governance.forums):
            yield f.id, ("governance", "forums", i, "id"), "forum"
    for section, kind in (("tensions", "tension"), ("hypotheses", "hypothesis"), ("metrics", "metric"), ("milestones", "milestone")):
        for i, item in enumerate(getattr(ch, section)):
            yield item.id, (section, i, "id"), kind


@rule("E003", "duplicate-id", "error", "duplicate id",
      why="All ids of a charter share one namespace so that every reference is unambiguous.",
      fix="Give each partner, want, value, forum, tension, hypothesis, metric and milestone its own id.",
      example="hypotheses:\n  - id: h1\n    statement: ...\nmetrics:\n  - id: h1   # E003: h1 is already a hypothesis",
      reads=("partners", "values", "governance", "tensions", "hypotheses", "metrics", "milestones"))
def duplicate_id(ch, ctx):
    seen: dict[str, tuple] = {}
    for ident, path, kind in ids_in(ch):
        if ident in seen:
            first_path, first_kind = seen[ident]
            yield Hit(path, f"id `{ident}` ({kind}) is already used by a {first_kind}",
                      "Rename one of them: ids share one namespace.", (Related(f"first use of `{ident}`", first_path),),
                      at_value=True)
        else:
            seen[ident] = (path, kind)


def references(ch):
    """Every reference: (id, data path, what it must name)."""
    if ch.vision:
        for j, pid in enumerate(ch.vision.agreed_by):
            yield pid, ("vision", "agreed_by", j), "partner"
    for i, v in enumerate(ch.values):
        for j, pid in enumerate(v.held_by):
            yield pid, ("values", i, "held_by", j), "partner"
    if ch.governance:
        for i, f in enumerate(ch.governance.forums):
            for j, pid in enumerate(f.partners):
                yield pid, ("governance", "forums", i, "partners", j), "partner"
        for i, c in enumerate(ch.governance.comms):
            if c.owner is not None:
                yield c.owner, ("governance", "comms", i, "owner"), "partner"
    for i, t in enumerate(ch.tensions):
        if t.by is not None:
            yield t.by, ("tensions", i, "by"), "partner"
        if t.owner is not None:
            yield t.owner, ("tensions", i, "owner"), "partner"
    for i, h in enumerate(ch.hypotheses):
        if h.owner is not None:
            yield h.owner, ("hypotheses", i, "owner"), "partner"
        for pid in h.confidence:
            yield pid, ("hypotheses", i, "confidence", pid), "partner"
        if h.revised_into is not None:
            yield h.revised_into, ("hypotheses", i, "revised_into"), "hypothesis"
    for i, m in enumerate(ch.metrics):
        if m.owner is not None:
            yield m.owner, ("metrics", i, "owner"), "partner"
        for j, ref in enumerate(m.tracks):
            yield ref, ("metrics", i, "tracks", j), "hypothesis or want"
    for i, p in enumerate(ch.pulse):
        yield p.partner, ("pulse", i, "partner"), "partner"
    for i, ms in enumerate(ch.milestones):
        if ms.owner is not None:
            yield ms.owner, ("milestones", i, "owner"), "partner"
        for j, c in conditions(ms):
            yield c.metric, ("milestones", i, "kill_criteria", j, "metric"), "metric"


@rule("E004", "unknown-reference", "error", "reference to an unknown id",
      why="A reference to an id that does not exist (often a typo) silently breaks the checks that rely on it.",
      fix="Use the id of an existing partner, hypothesis or want, or add the missing item.",
      example="vision:\n  agreed_by: [acme, globx]   # E004: no partner `globx` (did you mean `globex`?)",
      reads=("partners", "vision", "values", "governance", "tensions", "hypotheses", "metrics", "milestones", "pulse"))
def unknown_reference(ch, ctx):
    partners = {p.id for p in ch.partners}
    hypotheses = {h.id for h in ch.hypotheses}
    wants = {w.id for p in ch.partners for w in p.wants}
    known = {"partner": partners, "hypothesis": hypotheses, "hypothesis or want": hypotheses | wants,
             "metric": {m.id for m in ch.metrics}}
    for ident, path, kind in references(ch):
        choices = known[kind]
        if ident not in choices:
            near = suggest(ident, sorted(choices))
            yield Hit(path, f"`{ident}` is not a known {kind}" + (f" (did you mean `{near}`?)" if near else ""),
                      f"Use one of: {', '.join(sorted(choices)) or '(none defined)'}.",
                      at_value=path[-1] != ident)


@rule("E005", "impossible-date", "error", "impossible date: in the future of the as-of date, due before the start, resolved before raised",
      why="Dates drive the overdue, stale and off-track checks; an impossible one makes them lie.",
      fix="Correct the date (or the as-of date: `--as-of`, `PARTNERKIT_AS_OF`).",
      example="metrics:\n  - readings:\n      - {date: 2027-01-31, value: 4}   # E005 at --as-of 2026-11-15",
      reads=("started", "review", "vision", "metrics", "hypotheses", "tensions", "milestones", "pulse"))
def impossible_date(ch, ctx):
    as_of = ctx.as_of
    started = ch.started

    def future(d, path, what):
        if d is not None and d > as_of:
            return Hit(path, f"{what} is dated {d}, after the as-of date {as_of}",
                       "Correct the date; nothing can have happened after the as-of date.", at_value=True)

    found = []
    if ch.review:
        found.append(future(ch.review.last, ("review", "last"), "the last review"))
    if ch.vision:
        found.append(future(ch.vision.agreed_on, ("vision", "agreed_on"), "the vision's agreement"))
    for i, m in enumerate(ch.metrics):
        for j, r in enumerate(m.readings):
            if r.date > as_of:  # asked before the words are made: a charter holds many readings
                found.append(future(r.date, ("metrics", i, "readings", j), f"a reading of {m.id}"))
        if m.due is not None and m.due < started:
            found.append(Hit(("metrics", i, "due"), f"{m.id} is due {m.due}, before the partnership started ({started})",
                             "Correct the due date.", at_value=True))
    for i, h in enumerate(ch.hypotheses):
        for j, e in enumerate(h.evidence):
            if e.date > as_of:
                found.append(future(e.date, ("hypotheses", i, "evidence", j), f"evidence for {h.id}"))
        if h.due is not None and h.due < started:
            found.append(Hit(("hypotheses", i, "due"), f"{h.id} is due {h.due}, before the partnership started ({started})",
                             "Correct the due date.", at_value=True))
    for i, t in enumerate(ch.tensions):
        found.append(future(t.raised, ("tensions", i, "raised"), f"tension {t.id}"))
        found.append(future(t.resolved_on, ("tensions", i, "resolved_on"), f"the resolution of tension {t.id}"))
        if t.resolved_on is not None and t.resolved_on < t.raised:
            found.append(Hit(("tensions", i, "resolved_on"), f"tension {t.id} is resolved on {t.resolved_on}, before it was raised ({t.raised})",
                             "Correct `raised` or `resolved_on`.", (Related("raised here", ("tensions", i, "raised")),), at_value=True))
    for i, ms in enumerate(ch.milestones):
        if ms.due < started:
            found.append(Hit(("milestones", i, "due"), f"milestone {ms.id} is due {ms.due}, before the partnership started ({started})",
                             "Correct the due date.", at_value=True))
        found.append(future(ms.decided_on, ("milestones", i, "decided_on"), f"the decision on {ms.id}"))
    for i, p in enumerate(ch.pulse):
        if p.date > as_of:
            found.append(future(p.date, ("pulse", i), f"the {p.partner} {p.level} pulse"))
    return [f for f in found if f is not None]
