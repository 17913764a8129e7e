"""V rules: a common vision, values and culture (lesson 1)."""

from __future__ import annotations

from partnerkit.core.finding import Hit, Related
from partnerkit.judge.values import blank, is_shared, not_agreed, not_held, shared_keys
from partnerkit.rules.base import rule


@rule("V001", "vision-missing", "error", "no vision statement",
      why="""
      Lesson 1: partners who spend time agreeing on a common vision can adjust together when the
      context changes. Without a written statement, each partner keeps its own picture of where the
      partnership is going, and the difference shows only in a crisis.
      """,
      fix="""
      Write the common vision under `vision.statement`: what the partnership will have achieved, and by when.
      Agree it with every partner and list them under `vision.agreed_by`.
      """,
      example="""
      vision:
        agreed_by: [acme, globex]   # V001: no statement
      """,
      reads=("vision",))
def vision_missing(ch, ctx):
    if ch.vision is None or blank(ch.vision.statement):
        yield Hit(("vision", "statement"), "the charter has no vision statement",
                  "Write the common vision under `vision.statement` and agree it with every partner.")


@rule("V002", "vision-not-agreed", "error", "the vision is not agreed by every partner (a partner missing from `agreed_by`)",
      why="""
      Lesson 1: a vision is common only when every partner has signed up to it. A statement that one
      partner wrote and the other never agreed is a wish, and it will not hold when plans must change.
      """,
      fix="""
      Discuss the vision with the partners missing from `vision.agreed_by` and add them once they agree.
      If they do not agree, rewrite the statement together.
      """,
      example="""
      vision:
        statement: By 2029, every shipment carries a trusted delivery time.
        agreed_by: [acme]   # V002: globex has not agreed
      """,
      reads=("vision", "partners"))
def vision_not_agreed(ch, ctx):
    missing = not_agreed(ch)
    if missing:
        names = ", ".join(pid for _, pid in missing)
        yield Hit(("vision", "agreed_by"), f"the vision is not agreed by {names}",
                  "Agree the vision with every partner and list each of them under `vision.agreed_by`.",
                  tuple(Related(f"partner {pid} has not agreed the vision", ("partners", j)) for j, pid in missing))


@rule("V003", "values-missing", "warning", "no shared values",
      why="""
      Lesson 1: shared values, and what they mean in practice, are what partners fall back on when the
      plan no longer fits. Partnerships that never name them find out about their differences in a crisis.
      """,
      fix="""
      List the values the partners share under `values`.
      Give each what it `means` in practice, who holds it (`held_by`) and how it guides decisions `in_crisis`.
      """,
      example="""
      values: []   # V003: no shared values
      """,
      reads=("values",))
def values_missing(ch, ctx):
    if not ch.values:
        yield Hit(("values",), "the charter lists no shared values",
                  "Agree the values the partners share and list them under `values`.")


@rule("V004", "value-not-shared", "warning", "a shared value is not held by every partner",
      why="""
      Lesson 1: a value held by one partner only is not a shared value; the other partner will not
      decide by it when it counts. Either agree what it means for everyone, or do not rely on it.
      """,
      fix="""
      Agree what the value means with every partner and add them to `held_by`, or drop the value.
      """,
      example="""
      values:
        - id: speed
          held_by: [acme]   # V004: globex does not hold it
      """,
      reads=("values", "partners"))
def value_not_shared(ch, ctx):
    for i, v in enumerate(ch.values):
        missing = not_held(v, ch)
        if missing:
            yield Hit(("values", i, "held_by"),
                      f"shared value `{v.id}` is not held by {', '.join(pid for _, pid in missing)}",
                      "Agree what the value means with every partner, or drop it from the shared values.",
                      tuple(Related(f"partner {pid} does not hold `{v.id}`", ("partners", j)) for j, pid in missing))


@rule("V005", "value-without-meaning", "warning", "a shared value has no `means` (what it looks like in practice)",
      why="""
      Lesson 1: partners who agree on a word often mean different things by it. Saying what the value
      looks like in practice is what makes it shared, and what lets a team tell when it is not lived.
      """,
      fix="""
      Write under `means` what the value looks like in daily work, concretely enough to check.
      """,
      example="""
      values:
        - id: transparency
          held_by: [acme, globex]   # V005: no `means`
      """,
      reads=("values",))
def value_without_meaning(ch, ctx):
    for i, v in enumerate(ch.values):
        if blank(v.means):
            yield Hit(("values", i, "means"), f"shared value `{v.id}` does not say what it means in practice",
                      f"Write under `means` what `{v.id}` looks like in daily work.")


@rule("V006", "partner-value-undiscussed", "info", "a partner's own value is not among the shared values",
      why="""
      Lesson 1: each organisation brings its own values. One that is not among the shared values may be
      a source of friction later; it deserves a conversation, even if the partners decide not to share it.
      """,
      fix="""
      Discuss the value with the other partners: adopt it as a shared value, or record why it stays one partner's own.
      A `lint.ignore` entry for V006 with its reason records that the values were discussed.
      Values are compared case-insensitively, with spaces, `_` and `-` alike.
      """,
      example="""
      partners:
        - id: acme
          values: [transparency, frugality]   # V006: frugality is not a shared value
      values:
        - id: transparency
      """,
      reads=("values", "partners"))
def partner_value_undiscussed(ch, ctx):
    shared = shared_keys(ch)
    for i, p in enumerate(ch.partners):
        for j, text in enumerate(p.values):
            if not is_shared(text, ch, shared):
                yield Hit(("partners", i, "values", j), f"{p.id}'s value `{text}` is not among the shared values",
                          f"Discuss `{text}` with the other partners: share it, or record why it stays {p.id}'s own.")


@rule("V007", "no-change-protocol", "warning", "no `governance.change_protocol`",
      why="""
      Lesson 1: alliances that restructured when the context changed succeeded far more often than those
      left unchanged. Agreeing in advance how the partnership adjusts makes changing course a routine,
      not a breach.
      """,
      fix="""
      Write under `governance.change_protocol` who may ask for a change and how fast the charter is re-planned.
      """,
      example="""
      governance:
        decisions: Consensus in the steering committee.   # V007: no change_protocol
      """,
      reads=("governance",))
def no_change_protocol(ch, ctx):
    if ch.governance is None or blank(ch.governance.change_protocol):
        yield Hit(("governance", "change_protocol"), "the charter does not say how the partnership adjusts when the context changes",
                  "Write under `governance.change_protocol` who may ask for a change and how it is re-planned.")


@rule("V008", "no-decision-rule", "warning", "no `governance.decisions`",
      why="""
      Lesson 1: partners should agree how they will decide before they face a hard decision. In a
      crisis there is no time to negotiate the rules of deciding.
      """,
      fix="""
      Write under `governance.decisions` how decisions are taken and who breaks a deadlock.
      """,
      example="""
      governance:
        change_protocol: Either partner may call a charter review.   # V008: no decisions
      """,
      reads=("governance",))
def no_decision_rule(ch, ctx):
    if ch.governance is None or blank(ch.governance.decisions):
        yield Hit(("governance", "decisions"), "the charter does not say how the partnership takes decisions",
                  "Write under `governance.decisions` how decisions are taken and who breaks a deadlock.")
