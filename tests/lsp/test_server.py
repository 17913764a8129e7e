"""`partnerkit lsp` over standard input and output: the same findings as lint, with ranges; hover; completion;
code actions; and a clear answer when the `lsp` extra is missing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from partnerkit.api import Options, lint_text
from partnerkit.lsp import analysis
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

pygls = pytest.importorskip("pygls", reason="the language server needs the `lsp` extra")

from tests.lsp.client import session  # noqa: E402


def test_diagnostics_are_lints_findings_with_ranges(tmp_path):
    text = SPEC_EXAMPLE.read_text(encoding="utf-8")
    name = "acme.charter.yaml"
    findings = [f for f in lint_text(text, str(tmp_path / name), Options(as_of=AS_OF)).active]

    async def script(ed):
        return await ed.open(name, text)

    shown = session(tmp_path, script)
    assert len(shown) == len(findings) == 16
    lines = text.splitlines()
    for d, f in zip(sorted(shown, key=lambda d: (d.range.start.line, d.range.start.character, d.code)),
                    sorted(findings, key=lambda f: (f.line, f.col, f.code))):
        assert (d.code, d.range.start.line, d.range.start.character) == (f.code, f.line - 1, f.col - 1)
        span = analysis.span_of(f, lines)
        assert (d.range.end.line, d.range.end.character) == (span.end_line, span.end_col)
        assert d.message.startswith(f.message) and d.message.endswith(f.hint) and d.source == "partnerkit"
        assert d.severity == {"error": 1, "warning": 2, "info": 3}[f.severity]
    m014 = [d for d in shown if d.code == "M014"]
    assert m014 and m014[0].range.end.character > m014[0].range.start.character


def test_change_close_utf16_and_files_that_are_not_charters(tmp_path):
    healthy = HEALTHY.read_text(encoding="utf-8")

    async def script(ed):
        assert await ed.open("c.charter.yaml", healthy) == []
        line = "      - {date: 2026-08-31, value: 14}"
        changed = healthy.replace(line, "      - {date: 2026-08-31, value: 14, note: 🚀 launch, bogus: 1}")
        [d] = await ed.type("c.charter.yaml", changed)
        assert d.code == "E002" and "unknown key `bogus`" in d.message
        column = changed.splitlines()[d.range.start.line].index("bogus")
        assert d.range.start.character == column + 1  # the rocket is two UTF-16 units
        assert await ed.open("docker-compose.yml", "services:\n  web: {image: nginx}\n") == []  # not a charter
        by_content = await ed.open("other.yml", "partnerkit: 1\n")  # a charter by its content
        assert "missing required key `partners`" in " ".join(x.message for x in by_content)
        return True

    assert session(tmp_path, script)


def test_hover_and_completion_and_actions_through_the_client(tmp_path):
    text = HEALTHY.read_text(encoding="utf-8").replace("phase: pilot", "phase: pilt")

    async def script(ed):
        [d] = await ed.open("c.charter.yaml", text)
        hovered = await ed.hover("c.charter.yaml", d.range.start.line, d.range.start.character + 1)
        assert "E002 schema" in hovered and "did you mean `pilot`?" in hovered and "**How to fix.**" in hovered
        assert "where it stands now" in hovered.lower()  # and what the key holds
        lines = text.splitlines()
        owner = next(i for i, line in enumerate(lines) if line.startswith("    owner: "))
        assert await ed.complete("c.charter.yaml", owner, len("    owner: ")) == ["northwind", "unilab"]
        assert await ed.complete("c.charter.yaml", 3, len("title: ")) == []  # no reference goes there
        actions = await ed.actions("c.charter.yaml", d)
        assert [a.title for a in actions] == ["Replace `pilt` with `pilot` (E002)"]  # no suppression for E rules
        return True

    assert session(tmp_path, script)


def test_without_the_extra_lsp_says_which_to_install(tmp_path):
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['partnerkit', 'lsp']\n"
            "from partnerkit import main\nmain()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == ("partnerkit: the language server needs pygls, installed with the `lsp` extra: "
                           "pip install 'partnerkit[lsp]'\n")
    assert proc.stdout == ""


COMPLETIONS = [
    ("metrics:\n  - id: m1\n    owner: ", "partner"),
    ("pulse:\n  - {date: 2026-10-01, partner: ", "partner"),
    ("tensions:\n  - id: t1\n    by: ", "partner"),
    ("hypotheses:\n  - id: h2\n    revised_into: ", "hypothesis"),
    ("hypotheses:\n  - id: h2\n    confidence: {northwind: 0.5, ", "partner"),
    ("milestones:\n  - id: g\n    kill_criteria:\n      - {metric: ", "metric"),
    ("milestones:\n  - id: g\n    kill_criteria:\n      - {metric: m1, by: ", None),
    ("governance:\n  forums:\n    - id: f\n      partners:\n        - ", "partner"),
    ("values:\n  - id: v\n    held_by: [northwind, ", "partner"),
    ("metrics:\n  - id: m1\n    tracks:\n      - ", "track"),
    ("partners:\n  - id: ", None),
    ("title: ", None),
]


@pytest.mark.parametrize("typed,kind", COMPLETIONS, ids=[t.splitlines()[-1].strip() for t, _ in COMPLETIONS])
def test_completion_where_a_reference_goes(typed, kind):
    lines = typed.split("\n")
    keys, in_key = analysis.where_typing(lines, len(lines) - 1, lines[-1])
    assert analysis.expected_ids(keys, in_key) == kind


def test_completion_offers_the_ids_of_the_charter_as_typed():
    a = analysis.Analysis(HEALTHY.read_text(encoding="utf-8") + "metrics_more: [", "c.charter.yaml",
                          Options(as_of=AS_OF))
    assert not a.ok  # half typed: the ids still come from the rest of the text
    assert [i for i, _ in analysis.ids_of(analysis._without_line(a, len(a.lines) - 1), "metric")][:1] == ["mt-fields"]
    tracks = [i for i, _ in analysis.ids_of(a.data if a.ok else analysis._without_line(a, len(a.lines) - 1), "track")]
    assert tracks[:2] == ["hy-accuracy", "hy-adoption"] and "nw-carbon-credits" in tracks
