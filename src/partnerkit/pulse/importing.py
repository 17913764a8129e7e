"""`partnerkit pulse import`: a round of survey answers into the charter, as pulse entries or CSV rows."""

from __future__ import annotations

from datetime import date

from partnerkit.core.numbers import plural
from partnerkit.edit import EditError, Insert, Plan
from partnerkit.edit.session import read_file
from partnerkit.edit.record import BadInput, dated
from partnerkit.load.decode import decode
from partnerkit.pulse import MIN_K
from partnerkit.pulse.responses import MAX_BYTES, Problem, read, reduce


class BadResponses(Exception):
    """The responses file has bad rows: nothing is written; carries the problems and the count left unlisted."""

    def __init__(self, problems: list[Problem], more: int = 0):
        self.problems, self.more = problems, more
        super().__init__(f"{plural(len(problems) + more, 'problem')} in the responses")


def threshold(k) -> int:
    """K, checked: a whole number of at least 3."""
    if isinstance(k, float) and k.is_integer():
        k = int(k)
    if not isinstance(k, int) or isinstance(k, bool):
        raise BadInput(f"the anonymity threshold `{k}` is not a whole number")
    if k < MIN_K:
        raise BadInput(f"the anonymity threshold {k} is below {MIN_K}: groups that small cannot stay anonymous "
                       f"(use {MIN_K} or more; 5 is usual)")
    return k


def plan(cf, responses: str, day: date | None, k: int, display: str | None = None) -> Plan:
    """The pulse entries a responses file gives, under the anonymity rules, as a plan for the charter file."""
    display = display or responses
    day = dated(day, cf.as_of, "a pulse round")
    k = threshold(k)
    text = _text(responses, display)
    partners = [p.id for p in cf.charter.partners]
    sheet = read(text, display, partners)
    if sheet.problems:
        raise BadResponses(sheet.problems, sheet.more)
    for entry in cf.charter.pulse:
        if entry.date == day and any(r.partner == entry.partner and r.level == entry.level for r in sheet.rows):
            raise BadInput(f"a pulse round of {day} is already recorded for {entry.partner} {entry.level}: import each "
                           "round once (or give its --date)")
    reduced = reduce(sheet, partners, k, day)
    notes = [f"withheld {w}" for w in reduced.withheld]
    if reduced.absent:
        notes.append(f"no responses from {', '.join(reduced.absent)}")
    kept = sum(e["responses"] for e in reduced.entries)
    summary = (f"recorded the pulse round of {day}: {plural(len(reduced.entries), 'group')}, {kept} of "
               f"{plural(len(sheet.rows), 'respondent')} (anonymity threshold {k})")
    if not reduced.entries:
        return Plan(f"no group of the pulse round of {day} reached {k} respondents: nothing to record", notes=notes)
    if "pulse" in cf.data_files:
        rows = [{"date": e["date"], "partner": e["partner"], "level": e["level"], "dimension": dim, "score": score,
                 "responses": e["responses"]} for e in reduced.entries for dim, score in e["scores"].items()]
        return Plan(summary + f" (in {cf.data_display('pulse')})", rows={"pulse": rows}, notes=notes)
    return Plan(summary, [Insert(("pulse",), e) for e in reduced.entries], notes=notes)


def _text(path: str, display: str) -> str:
    try:
        raw = read_file(path, MAX_BYTES, display, check=False)
    except EditError as exc:
        raise BadInput(str(exc)) from None
    text, refused = decode(raw, MAX_BYTES)
    if refused is not None:
        raise BadResponses([Problem(refused.loc.in_file(display), refused.message)])
    return text
