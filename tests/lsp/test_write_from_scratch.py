"""Writing a charter from scratch through the language server, as a partnership manager would in an editor.

Each step types the next part of the charter (with the mistakes people make), reads what the editor shows,
and does what the messages say: the session is the proof that they say what to do.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pygls", reason="the language server needs the `lsp` extra")

from tests.lsp.client import session  # noqa: E402

NAME = "bolge-ardent.charter.yaml"

HEAD = """\
partnerkit: 1
id: bolge-ardent
title: Bølge × Ardent
started: 2026-03-01
phase: discovery
"""
PARTNERS = """\
partners:
  - id: bolge
    name: Bølge Shipping
    sponsor: {name: Ingrid Dahl, title: COO}
    lead: {name: Per Lund, title: Partnership Manager}
    gives: [twenty vessels' telemetry]
    wants:
      - id: bolge-fuel
        goal: Less fuel per voyage
  - id: ardent
    name: Ardent Labs
    sponsor: {name: Maya Roy, title: CEO}
    lead: {name: Sam Ito, title: Lead Engineer}
    gives: [two data scientists]
"""


def by_code(diagnostics) -> dict[str, list]:
    out: dict[str, list] = {}
    for d in diagnostics:
        out.setdefault(d.code, []).append(d)
    return out


def said(diagnostics, code) -> str:
    return " ".join(d.message for d in diagnostics if d.code == code)


def test_a_charter_written_from_scratch(tmp_path):
    async def script(ed):
        # 1. An empty file named like a charter: what to start with.
        shown = await ed.open(NAME, "")
        assert [d.code for d in shown] == ["E006"]
        assert "partnerkit: 1" in shown[0].message and "partnerkit init" in shown[0].message

        # 2. The format version alone: each required key is named, with what it holds.
        shown = await ed.type(NAME, "partnerkit: 1\n")
        missing = said(shown, "E002")
        for key, words in (("id", "the partnership's id"), ("title", "title"), ("started", "ISO date"),
                           ("phase", "discovery, pilot"), ("partners", "at least two")):
            assert f"missing required key `{key}`" in missing and words in missing

        # 3. The header, then the partners, with a tab where spaces belong.
        shown = await ed.type(NAME, HEAD + PARTNERS.replace("    name: Ardent Labs", "\tname: Ardent Labs"))
        assert [d.code for d in shown] == ["E001"]
        assert "indent with spaces, not tabs" in shown[0].message.lower()
        assert shown[0].range.start.line == HEAD.count("\n") + 10  # the line with the tab

        shown = await ed.type(NAME, HEAD + PARTNERS)
        assert not [d for d in shown if d.code[0] == "E"]
        assert "V001" in by_code(shown) and "D001" in by_code(shown)  # what is left: the lessons, one by one

        # 4. The vision: completion offers the partners; a typo is caught with the right id.
        text = HEAD + PARTNERS + "vision:\n  statement: By 2028 every voyage is planned on shared data.\n  agreed_by: ["
        await ed.type(NAME, text)
        line = text.count("\n")
        assert await ed.complete(NAME, line, len("  agreed_by: [")) == ["bolge", "ardent"]
        text = text + "bolge, ardnt]\n"
        shown = await ed.type(NAME, text)
        assert "`ardnt` is not a known partner (did you mean `ardent`?)" in said(shown, "E004")
        text = text.replace("ardnt", "ardent")
        shown = await ed.type(NAME, text)
        assert "V001" not in by_code(shown) and "V002" not in by_code(shown)

        # 5. A hypothesis with both partners' confidence, far apart; a metric tracking it, with `on:` for a date.
        text += """\
hypotheses:
  - id: h1
    statement: Shared ETA data cuts fuel per voyage by 5%.
    owner: ardent
    test: Twelve voyages planned with and without the shared data.
    success: At least 5% less fuel on the planned voyages.
    due: 2026-12-31
    confidence: {bolge: 0.9, ardent: 0.4}
metrics:
  - id: m1
    name: Voyages planned on shared data
    type: interim
    tracks: [
"""
        await ed.type(NAME, text)
        line = text.count("\n") - 1
        assert await ed.complete(NAME, line, len("    tracks: [")) == ["h1", "bolge-fuel"]
        text = text.replace("    tracks: [\n", """\
    tracks: [h1, bolge-fuel]
    unit: voyages
    baseline: 0
    target: twelve
    due: 2026-12-31
    owner: bolge
    cadence: monthly
    readings:
      - {on: 2026-10-31, value: 4}
""")
        shown = await ed.type(NAME, text)
        errors = said(shown, "E002")
        assert "`target` must be a number such as 12.5; got `twelve`" in errors and "Write it in digits: 12." in errors
        assert "uses `on` for its date: the key is `date`" in errors
        assert len(by_code(shown)["E002"]) == 2  # `on` is one finding, not an unknown key and a missing `date`

        # 6. The quick fix renames `on`; the number is typed by hand, as the hint says.
        [on] = [d for d in shown if d.code == "E002" and "`on`" in d.message]
        [fix] = [a for a in await ed.actions(NAME, on) if a.is_preferred]
        assert fix.title == "Rename `on` to `date` (E002)"
        shown = await ed.apply(NAME, fix)
        assert "      - {date: 2026-10-31, value: 4}\n" in ed.texts[ed.uri(NAME)]
        text = ed.texts[ed.uri(NAME)].replace("target: twelve", "target: 12")
        shown = await ed.type(NAME, text)
        assert "E002" not in by_code(shown)

        # 7. Hover: a key says what it holds; a finding says why it matters and how to fix it.
        line = text.splitlines().index("    cadence: monthly")
        assert "How often it is measured" in await ed.hover(NAME, line, 5)
        [gap] = by_code(shown)["D005"]
        hovered = await ed.hover(NAME, gap.range.start.line, gap.range.start.character)
        assert "D005 confidence-gap" in hovered and "**Why.**" in hovered and "**How to fix.**" in hovered

        # 8. The partners disagree on purpose: suppress D005 on its line, then give the reason.
        [suppress] = [a for a in await ed.actions(NAME, gap) if a.title.startswith("Suppress D005")]
        shown = await ed.apply(NAME, suppress)
        text = ed.texts[ed.uri(NAME)]
        assert "# partnerkit: ignore[D005]\n" in text
        # a comment without a reason hides nothing, and says so where the reason goes
        assert "D005" in by_code(shown) and "suppression comment has no reason" in said(shown, "E002")
        assert "Add the reason after the bracket" in said(shown, "E002")
        text = text.replace("# partnerkit: ignore[D005]\n", "# partnerkit: ignore[D005] the pilot will settle it\n")
        shown = await ed.type(NAME, text)
        assert "D005" not in by_code(shown) and "E002" not in by_code(shown)

        # 9. A choice written with a capital is fixed by its quick fix.
        text = text.replace("phase: discovery", "phase: Discovery")
        shown = await ed.type(NAME, text)
        [phase] = by_code(shown)["E002"]
        assert "did you mean `discovery`?" in phase.message
        [fix] = [a for a in await ed.actions(NAME, phase) if a.is_preferred]
        shown = await ed.apply(NAME, fix)
        assert "phase: discovery\n" in ed.texts[ed.uri(NAME)] and "E002" not in by_code(shown)
        return ed.texts[ed.uri(NAME)]

    written = session(tmp_path, script)
    from partnerkit.api import Options, lint_text
    from tests.conftest import AS_OF

    result = lint_text(written, NAME, Options(as_of=AS_OF))
    assert not [f for f in result.active if f.code[0] == "E"]
