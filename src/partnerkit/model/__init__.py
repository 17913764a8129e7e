"""The charter, format version 1 (SPEC section 1), as pydantic v2 models.

The models enforce shape only: required keys, types, ranges, enums, slugs
and ISO dates. Everything a partnership *should* have is left optional here
and reported by the lint rules, each with the lesson behind it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

# The spec writes slugs as [a-z0-9][a-z0-9._-]*, "case-sensitive as written",
# and its own example uses ids such as H1 and T1: capitals are allowed.
Slug = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Cadence = Literal["weekly", "biweekly", "monthly", "quarterly", "semiannual", "yearly"]
Level = Literal["executive", "execution"]
Kind = Literal["co-innovation", "go-to-market", "technology", "supply", "research", "joint-venture", "other"]
Phase = Literal["discovery", "pilot", "scale", "sustain", "exit"]

MAX_RESPONSES = 10**9  # respondents to one survey round: a larger count is a typo, and too big to weigh scores by
CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91, "semiannual": 182, "yearly": 365}


EXTENSION = "x-"  # keys starting with this are allowed in every mapping and ignored by every rule


def _drop_extensions(value):
    if isinstance(value, dict) and any(isinstance(k, str) and k.startswith(EXTENSION) for k in value):
        return {k: v for k, v in value.items() if not (isinstance(k, str) and k.startswith(EXTENSION))}
    return value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True,
                              json_schema_extra={"patternProperties": {"^x-": {}}})

    @model_validator(mode="before")
    @classmethod
    def _extensions(cls, value):
        return _drop_extensions(value)


class Person(Model):
    name: Text
    title: str | None = None
    email: str | None = None


class Want(Model):
    id: Slug
    goal: str | None = None


class Partner(Model):
    id: Slug
    name: Text
    sponsor: Person | None = None
    lead: Person | None = None
    gives: list[Text] = []
    wants: list[Want] = []
    values: list[Text] = []
    notes: str | None = None


class Review(Model):
    cadence: Cadence | None = None
    last: date | None = None


class Vision(Model):
    statement: str | None = None
    agreed_by: list[Slug] = []
    agreed_on: date | None = None


class Value(Model):
    id: Slug
    means: str | None = None
    held_by: list[Slug] = []
    in_crisis: str | None = None
    notes: str | None = None


class Forum(Model):
    id: Slug
    name: str | None = None
    kind: Literal["formal", "informal"] | None = None
    cadence: Cadence | None = None
    levels: list[Level] = []
    partners: list[Slug] = []
    notes: str | None = None


class Feedback(Model):
    mechanism: str | None = None
    cadence: Cadence | None = None
    anonymous: bool = False


class Comms(Model):
    audience: Text
    scope: Literal["internal", "external"] | None = None
    channel: str | None = None
    cadence: Cadence | None = None
    owner: Slug | None = None


class Exit(Model):
    criteria: list[Text] = []
    notice_days: Annotated[int, Field(ge=0)] | None = None


class Governance(Model):
    decisions: str | None = None
    escalation: list[Text] = []
    change_protocol: str | None = None
    forums: list[Forum] = []
    feedback: Feedback | None = None
    comms: list[Comms] = []
    exit: Exit | None = None


class Tension(Model):
    id: Slug
    raised: date
    by: Slug | None = None
    issue: str | None = None
    owner: Slug | None = None
    status: Literal["open", "resolved"] = "open"
    resolved_on: date | None = None
    notes: str | None = None


class Evidence(Model):
    date: date
    note: str | None = None


class Hypothesis(Model):
    id: Slug
    statement: Text
    owner: Slug | None = None
    test: str | None = None
    success: str | None = None
    due: date | None = None
    status: Literal["open", "testing", "validated", "invalidated", "revised"] = "open"
    confidence: dict[Slug, Annotated[float, Field(ge=0, le=1)]] = {}
    revised_into: Slug | None = None
    evidence: list[Evidence] = []
    notes: str | None = None


class Reading(Model):
    date: date
    value: float
    note: str | None = None


class Metric(Model):
    id: Slug
    name: Text
    type: Literal["interim", "outcome"]
    tracks: list[Slug] = []
    unit: str | None = None
    direction: Literal["up", "down"] | None = None  # None: inferred (see partnerkit.judge.metrics.direction)
    baseline: float | None = None
    target: float | None = None
    due: date | None = None
    owner: Slug | None = None
    cadence: Cadence | None = None
    readings: list[Reading] = []
    notes: str | None = None


class KillCondition(Model):
    """A kill criterion a metric can decide: its latest reading strictly ``above`` or ``below`` a number."""

    metric: Slug
    above: float | None = None
    below: float | None = None
    by: date | None = None  # checked only from this date on

    @model_validator(mode="after")
    def _one_bound(self):
        if (self.above is None) == (self.below is None):
            raise ValueError("a kill condition needs exactly one of `above` and `below`")
        return self

    @property
    def bound(self) -> float:
        return self.above if self.above is not None else self.below

    @property
    def comparison(self) -> str:
        return "above" if self.above is not None else "below"


KillCriterion = Annotated[str, StringConstraints(min_length=1)] | KillCondition


class Milestone(Model):
    id: Slug
    name: Text
    due: date
    kill_criteria: str | list[KillCriterion] | None = None
    decision: Literal["pending", "continue", "pivot", "stop"] = "pending"
    decided_on: date | None = None
    rationale: str | None = None
    notes: str | None = None


class Pulse(Model):
    date: date
    partner: Slug
    level: Level
    responses: Annotated[int, Field(ge=1, le=MAX_RESPONSES)]
    scores: dict[Text, Annotated[float, Field(ge=1, le=5)]] = {}


class Data(Model):
    readings: str | None = None
    pulse: str | None = None


class Suppression(Model):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    until: date | None = None


def _reason_only(value):
    return {"reason": value} if isinstance(value, str) else value


# `CODE: reason` is short for `CODE: {reason: ...}`.
IgnoreEntry = Annotated[Suppression, BeforeValidator(_reason_only, json_schema_input_type=str | Suppression)]


class Lint(Model):
    ignore: dict[str, IgnoreEntry] = {}


class Charter(Model):
    partnerkit: Literal[1]
    id: Slug
    title: Text
    kind: Kind = "other"
    started: date
    phase: Phase
    horizon_months: Annotated[int, Field(ge=1)] = 24
    review: Review | None = None
    partners: Annotated[list[Partner], Field(min_length=2)]
    vision: Vision | None = None
    values: list[Value] = []
    governance: Governance | None = None
    tensions: list[Tension] = []
    hypotheses: list[Hypothesis] = []
    metrics: list[Metric] = []
    milestones: list[Milestone] = []
    pulse: list[Pulse] = []
    data: Data | None = None
    lint: Lint | None = None
    notes: str | None = None
