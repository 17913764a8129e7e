"""The charter, format version 1 (SPEC section 1), as pydantic v2 models.

The models enforce shape only: required keys, types, ranges, enums, slugs
and ISO dates. Everything a partnership *should* have is left optional here
and reported by the lint rules, each with the lesson behind it.

The lint path checks valid charters with :mod:`partnerkit.model.light`, plain
classes and a check generated from these models (``python -m
partnerkit.model.lightgen``); these models judge everything else and give
the E002 messages. After changing them, run the generator.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from partnerkit.model.shared import ISO_DATE, MAX_RESPONSES, KillConditionMixin

# The spec writes slugs as [a-z0-9][a-z0-9._-]*, "case-sensitive as written",
# and its own example uses ids such as H1 and T1: capitals are allowed.
Slug = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


def _whole(value):
    """``36.0`` is the whole number 36, as JSON Schema says; ``"36"`` (in quotes) stays text and is refused."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _iso_date(value):
    """A date as YAML writes it (unquoted), or as text in the ISO form (quoted); nothing else becomes a date."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("iso_date", "Input should be an ISO date such as 2026-01-15")


# As strict as the JSON Schema: a number in quotes is text, true/false only are booleans, a date is YYYY-MM-DD.
def Int(**bounds):  # noqa: N802 - a type, named as one
    """A whole number within ``bounds`` (``ge``, ``le``); ``36.0`` counts, ``"36"`` does not."""
    return Annotated[Annotated[int, Strict(), Field(**bounds)], BeforeValidator(_whole)]


Number = Annotated[float, Strict()]
Bool = Annotated[bool, Strict()]
Date = Annotated[date, BeforeValidator(_iso_date)]
Text = Annotated[str, StringConstraints(min_length=1)]
Cadence = Literal["weekly", "biweekly", "monthly", "quarterly", "semiannual", "yearly"]
Level = Literal["executive", "execution"]
Kind = Literal["co-innovation", "go-to-market", "technology", "supply", "research", "joint-venture", "other"]
Phase = Literal["discovery", "pilot", "scale", "sustain", "exit"]


class Model(BaseModel):
    """The format's mappings. Their `x-` keys are allowed (the schema says so) and removed before validation
    by :func:`partnerkit.model.shared.without_extensions`, so no rule ever sees them."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True,
                              json_schema_extra={"patternProperties": {"^x-": {}}})


def _f(description: str, *default, **kw):
    """A field with a description for editors (shown on hover); required unless a default is given."""
    return Field(*default, description=description, **kw)


NOTES = "Free text: anything worth keeping that no other key holds. No rule reads it."


class Person(Model):
    """A person: an executive sponsor or an execution-level lead."""

    name: Text = _f("The person's full name.")
    title: str | None = _f("Their job title, such as Chief Innovation Officer.", None)
    email: str | None = _f("Their email address.", None)


class Want(Model):
    """One of a partner's own objectives: what it wants from the partnership."""

    id: Slug = _f("The want's id, such as `acme-revenue`: metrics list it under `tracks`. Ids share one namespace.")
    goal: str | None = _f("What the partner wants, in a sentence.", None)


class Partner(Model):
    """One organisation in the partnership."""

    id: Slug = _f("The partner's id, such as `acme`: other sections refer to the partner by it.")
    name: Text = _f("The organisation's name, such as Acme Logistics.")
    sponsor: Person | None = _f("The executive sponsor: who speaks for the partnership at the top of this "
                                "organisation (A001 when missing).", None)
    lead: Person | None = _f("The execution-level lead: who runs the partnership day to day (A002 when missing).",
                             None)
    gives: list[Text] = _f("The resources this partner commits: people, data, money, access (C001 when empty).", [])
    wants: list[Want] = _f("This partner's own objectives, each with an id that metrics can track (M006).", [])
    values: list[Text] = _f("The organisation's own values, compared with the shared values (V006).", [])
    notes: str | None = _f(NOTES, None)


class Review(Model):
    """The steering review: how often it meets and when it last did."""

    cadence: Cadence | None = _f("How often the steering review takes place: weekly, biweekly, monthly, quarterly, "
                                 "semiannual or yearly.", None)
    last: Date | None = _f("The date of the last steering review (A008 when overdue).", None)


class Vision(Model):
    """The common vision and who signed up to it (lesson 1)."""

    statement: str | None = _f("Where the partners want to be together, and by when (V001 when missing).", None)
    agreed_by: list[Slug] = _f("The ids of the partners who agreed to the vision: every partner should (V002).", [])
    agreed_on: Date | None = _f("When the vision was agreed.", None)


class Value(Model):
    """A shared value: what it means in practice and how it guides a decision in a crisis."""

    id: Slug = _f("The value's id, such as `transparency`.")
    means: str | None = _f("What the value looks like in practice, day to day (V005 when missing).", None)
    held_by: list[Slug] = _f("The ids of the partners who hold this value: every partner should (V004).", [])
    in_crisis: str | None = _f("How the value guides a decision when things go wrong.", None)
    notes: str | None = _f(NOTES, None)


class Forum(Model):
    """A place where the partners meet: a steering committee, a working group, a field day."""

    id: Slug = _f("The forum's id, such as `steering`.")
    name: str | None = _f("The forum's name, such as Steering committee.", None)
    kind: Literal["formal", "informal"] | None = _f("`formal` (minuted, decides) or `informal` (builds trust; A005 "
                                                    "when there is none).", None)
    cadence: Cadence | None = _f("How often the forum meets.", None)
    levels: list[Level] = _f("Who takes part: `executive`, `execution` or both (A004 wants one forum with both).", [])
    partners: list[Slug] = _f("The ids of the partners taking part (A003 wants one forum with every partner).", [])
    notes: str | None = _f(NOTES, None)


class Feedback(Model):
    """The safe channel for candid feedback."""

    mechanism: str | None = _f("How feedback is gathered, such as an anonymous pulse survey (A006 when missing).",
                               None)
    cadence: Cadence | None = _f("How often feedback is gathered: the pulse rounds are expected at this pace.", None)
    anonymous: Bool = _f("Whether feedback is anonymous: true or false (A007 when false).", False)


class Comms(Model):
    """One line of the communications plan."""

    audience: Text = _f("Who is told, such as Sales teams or Customers.")
    scope: Literal["internal", "external"] | None = _f("`internal` (inside the partners) or `external` (C006 wants "
                                                       "at least one).", None)
    channel: str | None = _f("How they are told, such as a newsletter.", None)
    cadence: Cadence | None = _f("How often.", None)
    owner: Slug | None = _f("The id of the partner who owns this line of communication.", None)


class Exit(Model):
    """The agreed way out."""

    criteria: list[Text] = _f("What makes either partner leave (C004 when empty).", [])
    notice_days: Int(ge=0) | None = _f("Days of notice before leaving, such as 90.", None)


class Governance(Model):
    """How the partnership decides, meets, listens, talks and ends (lesson 4)."""

    decisions: str | None = _f("How decisions are taken, such as by consent of the steering committee (V008).", None)
    escalation: list[Text] = _f("The escalation path, step by step.", [])
    change_protocol: str | None = _f("How the partnership adjusts when the context changes (V007).", None)
    forums: list[Forum] = _f("Where the partners meet, formally and informally.", [])
    feedback: Feedback | None = _f("The safe channel for candid feedback (A006).", None)
    comms: list[Comms] = _f("The communications plan, internal and external (C005).", [])
    exit: Exit | None = _f("The agreed way out: criteria and notice (C004).", None)


class Tension(Model):
    """A friction or bottleneck raised, so that it is dealt with rather than polished away."""

    id: Slug = _f("The tension's id, such as `T1`.")
    raised: Date = _f("When the tension was raised.")
    by: Slug | None = _f("The id of the partner who raised it.", None)
    issue: str | None = _f("What the friction is, in a sentence.", None)
    owner: Slug | None = _f("The id of the partner who owns resolving it (A014 when missing).", None)
    status: Literal["open", "resolved"] = _f("`open` or `resolved`.", "open")
    resolved_on: Date | None = _f("When it was resolved.", None)
    notes: str | None = _f(NOTES, None)


class Evidence(Model):
    """A dated note of what a test of a hypothesis showed."""

    date: Date = _f("When the evidence was recorded (the key is `date`, never `on`).")
    note: str | None = _f("What was found.", None)


class Hypothesis(Model):
    """A discovery hypothesis: testable, owned, dated, tested (lesson 2)."""

    id: Slug = _f("The hypothesis's id, such as `H1`: metrics track it by this id.")
    statement: Text = _f("What the partners believe about the future, in a sentence that can be proved wrong.")
    owner: Slug | None = _f("The id of the partner who owns testing it (D003).", None)
    test: str | None = _f("How it is tested (D002).", None)
    success: str | None = _f("What result counts as validated (D002).", None)
    due: Date | None = _f("When the test must conclude (D003, D004).", None)
    status: Literal["open", "testing", "validated", "invalidated", "revised"] = _f(
        "`open`, `testing`, `validated`, `invalidated` or `revised`.", "open")
    confidence: dict[Slug, Annotated[Number, Field(ge=0, le=1)]] = _f(
        "Each partner's belief in the hypothesis, from 0 to 1: `{acme: 0.7, globex: 0.4}` (D005, D006).", {})
    revised_into: Slug | None = _f("The id of the hypothesis that replaced this one, when `revised` (D008).", None)
    evidence: list[Evidence] = _f("Dated notes of what the tests showed (D009).", [])
    notes: str | None = _f(NOTES, None)


class Reading(Model):
    """One measurement of a metric."""

    date: Date = _f("When the value was measured (the key is `date`, never `on`).")
    value: Number = _f("The measured value, a number such as 12.5, in the metric's unit.")
    note: str | None = _f("What explains the value.", None)


class Metric(Model):
    """An interim or outcome metric (lesson 3)."""

    id: Slug = _f("The metric's id, such as `M1`.")
    name: Text = _f("What is measured, such as Shippers using the ETA in production.")
    type: Literal["interim", "outcome"] = _f("`interim`: a leading indicator of the actions and factors that lead to "
                                             "results; `outcome`: money, sales, savings and other final results.")
    tracks: list[Slug] = _f("The ids of the hypotheses and partner wants this metric informs (M005, M006).", [])
    unit: str | None = _f("The unit of the values, such as shippers, %, minutes or EUR (M003).", None)
    direction: Literal["up", "down"] | None = _f("`up` (higher is better) or `down` (lower is better); left out, it "
                                                 "is inferred from `baseline` and `target` (M013).", None)
    baseline: Number | None = _f("The value at the start, a number such as 0.", None)
    target: Number | None = _f("The value to reach by `due`, a number such as 12.5 (M003).", None)
    due: Date | None = _f("When the target should be reached.", None)
    owner: Slug | None = _f("The id of the partner who measures it (M004).", None)
    cadence: Cadence | None = _f("How often it is measured (M004, M007).", None)
    readings: list[Reading] = _f("The measurements: `{date: 2026-11-01, value: 4}`.", [])
    notes: str | None = _f(NOTES, None)


class KillCondition(KillConditionMixin, Model):
    """A kill criterion a metric can decide: its latest reading strictly ``above`` or ``below`` a number."""

    metric: Slug = _f("The id of the metric that decides.")
    above: Number | None = _f("The condition holds when the latest reading is strictly above this number.", None)
    below: Number | None = _f("The condition holds when the latest reading is strictly below this number.", None)
    by: Date | None = _f("Checked only from this date on.", None)

    @model_validator(mode="after")
    def _no_problem(self):
        problem = self.problem()
        if problem is not None:
            raise ValueError(problem)
        return self


KillCriterion = Annotated[str, StringConstraints(min_length=1)] | KillCondition


class Milestone(Model):
    """A time-boxed go / no-go gate, with kill criteria agreed in advance (lesson 5)."""

    id: Slug = _f("The milestone's id, such as `G1`.")
    name: Text = _f("The gate's name, such as Pilot go / no-go.")
    due: Date = _f("When the decision is due (C003 when passed and still `pending`).")
    owner: Slug | None = _f("The id of the partner who prepares the decision.", None)
    kill_criteria: str | list[KillCriterion] | None = _f(
        "What stops the partnership, agreed in advance: a text, or a list of texts and conditions such as "
        "`{metric: M1, below: 3, by: 2027-03-31}` (C002, C008, C009).", None)
    decision: Literal["pending", "continue", "pivot", "stop"] = _f("`pending`, `continue`, `pivot` or `stop`.",
                                                                  "pending")
    decided_on: Date | None = _f("When the decision was taken.", None)
    rationale: str | None = _f("The reasons behind the decision.", None)
    notes: str | None = _f(NOTES, None)


class Pulse(Model):
    """One alignment survey result: one round, one partner, one level."""

    date: Date = _f("When the survey round closed (the key is `date`, never `on`).")
    partner: Slug = _f("The id of the partner surveyed.")
    level: Level = _f("`executive` or `execution`.")
    responses: Int(ge=1, le=MAX_RESPONSES) = _f("How many people answered, a whole number such as "
                                                                  "12.")
    scores: dict[Text, Annotated[Number, Field(ge=1, le=5)]] = _f(
        "The mean score per dimension on a 1 to 5 scale: vision, values, priorities, trust, communication, feedback.",
        {})


class Data(Model):
    """CSV files holding readings and pulse results, relative to the charter."""

    readings: str | None = _f("A CSV file of metric readings: `metric,date,value,note`.", None)
    pulse: str | None = _f("A CSV file of pulse results: `date,partner,level,dimension,score,responses`.", None)


class Suppression(Model):
    """Why a rule is switched off for this charter, and until when."""

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"\S")] = _f(
        "Why the rule is switched off: suppressions are accountable.")
    until: Date | None = _f("When the suppression expires (S002 after it).", None)


def _reason_only(value):
    return {"reason": value} if isinstance(value, str) else value


# `CODE: reason` is short for `CODE: {reason: ...}`; a reason holds more than spaces.
Reason = Annotated[str, StringConstraints(pattern=r"\S")]
IgnoreEntry = Annotated[Suppression, BeforeValidator(_reason_only, json_schema_input_type=Reason | Suppression)]


class Lint(Model):
    """Lint settings kept in the charter."""

    ignore: dict[str, IgnoreEntry] = _f("Rules switched off for this charter, each with a reason: `{V006: Our own "
                                        "values are discussed yearly}` or `{V006: {reason: ..., until: 2027-01-31}}`.",
                                        {})


class Charter(Model):
    """A partnership charter, format version 1."""

    partnerkit: Literal[1] = _f("The format version: always 1.")
    id: Slug = _f("The partnership's id, such as `acme-globex-eta`.")
    title: Text = _f("The partnership's title, such as Acme × Globex — predictive delivery times.")
    kind: Kind = _f("co-innovation, go-to-market, technology, supply, research, joint-venture or other.", "other")
    started: Date = _f("When the partnership began, as an ISO date such as 2026-01-15.")
    phase: Phase = _f("Where it stands now: discovery, pilot, scale, sustain or exit (D007: no pilot before a "
                      "validated hypothesis).")
    horizon_months: Int(ge=1) = _f(
        "Months until substantial outcome results are expected, a whole number such as 24: outcome metrics are not "
        "judged off track before then.", 24)
    review: Review | None = _f("The steering review: `{cadence: monthly, last: 2026-11-02}` (A008).", None)
    partners: Annotated[list[Partner], Field(min_length=2)] = _f("The organisations in the partnership: at least two.")
    vision: Vision | None = _f("The common vision and who agreed to it (lesson 1).", None)
    values: list[Value] = _f("Shared values, what each means in practice and how it guides a crisis (lesson 1).", [])
    governance: Governance | None = _f("How the partnership decides, meets, listens, talks and ends (lesson 4).", None)
    tensions: list[Tension] = _f("Frictions and bottlenecks raised (lesson 4): `{id, raised, by, issue, owner, "
                                 "status}`.", [])
    hypotheses: list[Hypothesis] = _f("Discovery hypotheses: testable, owned, dated, tested (lesson 2).", [])
    metrics: list[Metric] = _f("Interim and outcome metrics (lesson 3).", [])
    milestones: list[Milestone] = _f("Time-boxed go / no-go gates with kill criteria (lesson 5).", [])
    pulse: list[Pulse] = _f("Alignment survey results, one entry per round, partner and level (lesson 4).", [])
    data: Data | None = _f("CSV files holding readings and pulse results, relative to the charter.", None)
    lint: Lint | None = _f("Rules switched off for this charter, each with a reason.", None)
    notes: str | None = _f(NOTES, None)


def as_model(charter) -> Charter:
    """A charter of either kind (these models, or :mod:`partnerkit.model.light`'s plain objects) as these models."""
    return charter if isinstance(charter, Charter) else Charter.model_validate(charter, from_attributes=True)
