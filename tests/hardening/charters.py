"""Hypothesis strategies for charters: valid, near-valid and plainly wrong.

``charters(valid=False)``: every section optional, values usually of the
right type and sometimes not, ids and references from one small pool (so
duplicates and unknown references happen), dates around the as-of date with
impossible ones mixed in, unknown keys at any level.

``charters(valid=True)``: right types, declared partners, dates before the
as-of date where the spec requires it; still random subsets of sections and
random values, so most of them reach the rules and the report.

Both give YAML text, as a person or a spreadsheet export would write it.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from tests.conftest import AS_OF

PARTNERS = ["nw", "ul", "acme", "Globex"]
CADENCES = ["weekly", "biweekly", "monthly", "quarterly", "semiannual", "yearly"]
CODES = ["D005", "V006", "confidence-gap", "M007", "XX99", "S001"]

junk = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.lists(st.integers(0, 3), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.sampled_from(["2026-02-30", "9999-99-99", "0000-00-00", "1e99999", "9" * 400, "yes", "on", "~"]),
)
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
nonempty = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30).map(lambda s: s.strip() or "text")


def days(lo: int, hi: int):
    return st.integers(lo, hi).map(lambda d: AS_OF + timedelta(days=d))


def charters(valid: bool):
    """A strategy for charter text; see the module's docstring."""

    def field(strategy):
        return strategy if valid else st.one_of(strategy, strategy, strategy, strategy, junk)

    def record(required=(), **fields):
        known = st.fixed_dictionaries({k: field(fields[k]) for k in required},
                                      optional={k: field(v) for k, v in fields.items() if k not in required})
        if valid:
            return known
        extra = st.dictionaries(st.sampled_from(["titel", "notes", "x-extra", "On", "ID"]), junk, max_size=1)
        return st.tuples(known, extra, st.integers(0, 9)).map(lambda t: {**t[0], **t[1]} if t[2] == 0 else t[0])

    def items(strategy, most=4):
        return st.lists(strategy, max_size=most, unique_by=lambda d: repr(d.get("id")) if isinstance(d, dict) else repr(d))

    def pool(prefix, n=4):
        own = [f"{prefix}{i}" for i in range(1, n + 1)]
        return st.sampled_from(own if valid else own + ["nw", "h1", "bad id", "x" * 70])

    ref = st.sampled_from(PARTNERS if valid else PARTNERS + ["nobody", ""])
    past = days(-900, 0) if valid else days(-900, 900)
    started = days(-900, -300) if valid else days(-900, 900)
    due = days(-250, 900)
    long_text = nonempty if valid else text
    person = record(("name",), name=long_text, title=text, email=st.sampled_from(["a@example.org", "javascript:alert(1)", "x"]))
    partner = st.builds(lambda pid, rest: {"id": pid, "name": pid.upper(), **rest}, ref,
                        record(sponsor=person, lead=person, gives=st.lists(long_text, max_size=3),
                               values=st.lists(long_text, max_size=3), wants=items(record(("id",), id=pool("w"), goal=text))))
    tracks = st.lists(st.one_of(pool("h"), pool("w")), max_size=3)
    hypothesis = record(
        ("id", "statement"), id=pool("h"), statement=text, owner=ref, test=text, success=text, due=due,
        status=st.sampled_from(["open", "testing", "validated", "invalidated", "revised"] + ([] if valid else ["done"])),
        confidence=st.dictionaries(ref, st.floats(0, 1) if valid else st.floats(-0.5, 1.5, allow_nan=False), max_size=4),
        revised_into=pool("h"), evidence=items(record(("date",), date=past, note=text)))
    metric = record(  # `direction` is optional: often left to inference
        ("id", "name", "type"), id=pool("m", 6), name=text, type=st.sampled_from(["interim", "outcome"]), tracks=tracks, unit=text,
        direction=st.sampled_from(["up", "down"]), baseline=st.floats(-10, 100), target=st.floats(-10, 100), due=due,
        owner=ref, cadence=st.sampled_from(CADENCES),
        readings=items(record(("date", "value"), date=past, value=st.floats(-1e6, 1e6), note=text), most=6))
    governance = record(
        decisions=text, escalation=st.lists(text, max_size=3), change_protocol=text,
        forums=items(record(("id",), id=pool("f"), name=text, kind=st.sampled_from(["formal", "informal"]),
                            cadence=st.sampled_from(CADENCES),
                            levels=st.lists(st.sampled_from(["executive", "execution"]), max_size=2, unique=True),
                            partners=st.lists(ref, max_size=4, unique=True))),
        feedback=record(mechanism=text, cadence=st.sampled_from(CADENCES), anonymous=st.booleans()),
        comms=st.lists(record(("audience",), audience=text, scope=st.sampled_from(["internal", "external"]), channel=text,
                              cadence=st.sampled_from(CADENCES), owner=ref), max_size=3),
        exit=record(criteria=st.lists(text, max_size=2), notice_days=st.integers(0, 400)))
    tension = st.builds(
        lambda t, gap: {**t, "resolved_on": t["raised"] + timedelta(days=gap)} if valid and t.get("status") == "resolved"
        and isinstance(t.get("raised"), type(AS_OF)) and gap <= (AS_OF - t["raised"]).days else t,
        record(("id", "raised"), id=pool("t"), raised=past, by=ref, issue=text, owner=ref,
               status=st.sampled_from(["open", "resolved"]), resolved_on=days(-900, 900)), st.integers(0, 60))
    condition = st.builds(lambda m, side, bound, by: {"metric": m, side: bound, **({"by": by} if by else {})},
                          pool("m", 6), st.sampled_from(["above", "below"]), st.floats(-10, 100),
                          st.one_of(st.none(), days(-300, 300)))
    kill_criteria = st.one_of(text, st.lists(st.one_of(text.filter(bool), condition), max_size=3))
    milestone = record(("id", "name", "due"), id=pool("g"), name=text, due=due, kill_criteria=kill_criteria,
                       decision=st.sampled_from(["pending", "continue", "pivot", "stop"]), decided_on=past)
    pulse = record(("date", "partner", "level", "responses"), date=past, partner=ref,
                   level=st.sampled_from(["executive", "execution"]), responses=st.integers(1, 50),
                   scores=st.dictionaries(st.sampled_from(["vision", "trust", "feedback", "mood"]),
                                          st.floats(1, 5) if valid else st.floats(0, 6), max_size=4))
    suppression = st.one_of(long_text, record(("reason",), reason=long_text, until=days(-100, 100)))
    head = st.fixed_dictionaries(
        {"partnerkit": st.just(1) if valid else st.one_of(st.just(1), st.just(1), st.just(1), junk),
         "id": field(pool("p")), "title": field(long_text), "started": field(started),
         "phase": field(st.sampled_from(["discovery", "pilot", "scale", "sustain", "exit"]))},
        optional={"kind": field(st.sampled_from(["research", "supply", "other"])),
                  "horizon_months": field(st.integers(1, 60) if valid else st.integers(-1, 10**9))})
    partners = (st.lists(partner, min_size=2, max_size=4, unique_by=lambda p: p["id"]) if valid
                else st.lists(partner, max_size=4))
    body = record(
        review=record(cadence=st.sampled_from(CADENCES), last=past),
        vision=record(statement=text, agreed_by=st.lists(ref, max_size=4, unique=True), agreed_on=past),
        values=items(record(("id",), id=pool("v"), means=text, held_by=st.lists(ref, max_size=4, unique=True), in_crisis=text)),
        governance=governance, tensions=items(tension), hypotheses=items(hypothesis), metrics=items(metric, most=5),
        milestones=items(milestone), pulse=st.lists(pulse, max_size=5),
        lint=record(ignore=st.dictionaries(st.sampled_from(CODES[:4] if valid else CODES), suppression, max_size=3)))
    data = st.builds(lambda h, p, b: {**h, "partners": p, **b}, head, field(partners), body)
    return st.builds(dump, data, st.sampled_from([False, False, None, True]), st.sampled_from(["\n", "\n", "\r\n"]),
                     st.lists(st.tuples(st.integers(0, 400), st.sampled_from(CODES)), max_size=3))


def dump(data: dict, flow: bool | None, line_ending: str, comments: list[tuple[int, str]]) -> str:
    from tests.generated import yaml_text

    lines = yaml_text(data, flow).split("\n")
    for at, code in comments:  # line-end suppressions, used or not
        k = at % len(lines)
        if lines[k] and "#" not in lines[k] and not lines[k].rstrip().endswith(("|", ">", "|-", ">-")):
            lines[k] += f"  # partnerkit: ignore[{code}] agreed at the steering meeting"
    return line_ending.join(lines)


charter_text = charters(valid=False)
valid_charter_text = charters(valid=True)
