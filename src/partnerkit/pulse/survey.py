"""The pulse questionnaire: for each partner and level, one plain-language 1–5 statement per dimension.

The dimensions are those the charter's pulse history uses, else the six
recommended ones. Each group's questionnaire carries the anonymity promise,
stating the threshold K under which a group's answers are withheld.
"""

from __future__ import annotations

from partnerkit.judge.pulse import LEVELS

RECOMMENDED = ("vision", "values", "priorities", "trust", "communication", "feedback")

STATEMENTS = {
    "vision": "I understand the vision we agreed for this partnership, and I believe in it.",
    "values": "Both partners act on the values we agreed, in day-to-day work.",
    "priorities": "My priorities for this partnership are the same as those of {other}.",
    "trust": "I trust the people I work with at {other} to do what they say.",
    "communication": "I hear what I need to know about this partnership in time to act on it.",
    "feedback": "I can raise a problem in this partnership openly, without fear of consequences.",
}

SCALE = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
LEVEL_WORDS = {"executive": "executives", "execution": "execution teams"}
COMMENT = "Anything else the steering committee should hear? Optional."


def dimensions(charter) -> list[str]:
    """The dimensions of the charter's pulse history, in the order first used; else the recommended six."""
    found: list[str] = []
    for entry in charter.pulse:
        for name in entry.scores:
            if name not in found:
                found.append(name)
    return found or list(RECOMMENDED)


def statement(dimension: str, other: str) -> str:
    template = STATEMENTS.get(dimension)
    if template is None:
        words = dimension.replace("_", " ").replace("-", " ")
        return f"This partnership is going well on {words}."
    return template.format(other=other)


def promise(k: int) -> str:
    return (f"This survey is anonymous. Only each group's average score per statement is recorded, and only when at "
            f"least {k} people in the group answered it: a smaller group's answers are withheld. Individual answers "
            f"and comments are never written into the charter. Please do not write your name.")


def groups(charter, k: int) -> dict:
    """What every format renders: the title, the promise and, per partner and level, the statements."""
    partners = list(charter.partners)
    dims = dimensions(charter)
    out = []
    for p in partners:
        others = [q.name for q in partners if q.id != p.id]
        other = others[0] if len(others) == 1 else "the other partners"
        for level in LEVELS:
            out.append({
                "partner": p.id, "partner_name": p.name, "level": level,
                "heading": f"{p.name} — {LEVEL_WORDS[level]}",
                "statements": [{"dimension": d, "text": statement(d, other)} for d in dims],
            })
    return {"title": charter.title, "id": charter.id, "k": k, "promise": promise(k), "scale": SCALE,
            "comment": COMMENT, "groups": out, "dimensions": dims}


def render(charter, k: int, fmt: str) -> str:
    """``md``, ``html`` (self-contained, prints one group per page) or ``csv`` (the response template's header)."""
    survey = groups(charter, k)
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(["partner", "level", *survey["dimensions"], "comment"])
        return out.getvalue()
    from partnerkit.report.render import html_env, md_env

    if fmt == "html":
        return html_env().get_template("pulse/survey.html.j2").render(s=survey)
    return md_env().get_template("pulse/survey.md.j2").render(s=survey).strip() + "\n"
