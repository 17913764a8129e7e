"""Small charters made for these tests, and findings built by hand for the formatters."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from partnerkit.lint.engine import FileResult
from partnerkit.core.finding import Finding, Related
from partnerkit.core.location import Location
from partnerkit.outputs.common import RunInfo
from tests.conftest import AS_OF, HEALTHY

HEALTHY_TEXT = HEALTHY.read_text(encoding="utf-8")
WANT = "  - id: ul-publication\n"
assert WANT in HEALTHY_TEXT


def duplicate_id_charter() -> str:
    """The healthy charter with unilab's want reusing northwind's want id: one E003 with a related place."""
    return HEALTHY_TEXT.replace(WANT, "  - id: nw-carbon-credits\n")


def control_char_charter() -> str:
    """An unknown key holding a bell character and a pipe: one E002 whose message carries both."""
    return HEALTHY_TEXT.replace("kind: research\n", 'kind: research\n"bad\\akey|x": 1\n')


def suppressed_charter() -> str:
    """northwind holds a value nobody shares (V006), suppressed by a comment on its line."""
    old = "    values: [openness, long-term thinking]\n"
    assert old in HEALTHY_TEXT
    return HEALTHY_TEXT.replace(old, "    values: [openness, long-term thinking, frugality]  # partnerkit: ignore[V006] kept as our own\n")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def json_findings(run_pk, *args, cwd=None) -> list[dict]:
    """The findings of a run, from the JSON format: the reference the other formats are checked against."""
    out = run_pk("lint", "--format", "json", "--as-of", AS_OF.isoformat(), *args, cwd=cwd)
    assert out.returncode in (0, 1), out.stderr
    return [f for file in json.loads(out.stdout)["files"] for f in file["findings"]]


def finding(code="V004", name="value-not-shared", severity="warning", message="shared value `speed` is not held by globex",
            hint="Agree what it means.", file="charters/a.charter.yaml", line=3, col=5, path=("values", 1, "held_by"),
            related=(), suppressed=None, suppressed_by=None) -> Finding:
    f = Finding(code, name, severity, message, hint, Location(file, line, col), path, list(related))
    f.suppressed, f.suppressed_by = suppressed, suppressed_by
    return f


def result(path="charters/a.charter.yaml", findings=()) -> FileResult:
    return FileResult(path, findings=list(findings))


def info(show_suppressed=False, errors=()) -> RunInfo:
    return RunInfo(as_of=date(2026, 11, 15), show_suppressed=show_suppressed, errors=list(errors))


RELATED = Related("partner globex does not hold `speed`", ("partners", 1), Location("charters/a.charter.yaml", 20, 5))


def written_to_file(writer_class, results, path: Path) -> str:
    """A format's document written through a real UTF-8 file (its byte buffer), read back."""
    with open(path, "w", encoding="utf-8") as out:
        writer = writer_class(out, info())
        for r in results:
            writer.add(r)
        writer.close()
    return path.read_text(encoding="utf-8")
