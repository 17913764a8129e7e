"""`--format github`: workflow commands GitHub parses back to the findings, and the step summary."""

from __future__ import annotations

import io

import os
import re

from partnerkit.core.text import visible
from partnerkit.outputs import github_format
from tests.conftest import AS_OF, EXAMPLES
from tests.outputs.helpers import (control_char_charter, duplicate_id_charter, finding, info, json_findings, result,
                                   suppressed_charter, write)

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def unescape(text: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse(stdout: bytes) -> list[dict]:
    """Workflow commands read the way the Actions runner reads them."""
    out = []
    for line in stdout.decode().splitlines():
        m = COMMAND.match(line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(","))
            out.append({"command": m.group(1), **{k: unescape(v) for k, v in props.items()}, "message": unescape(m.group(3))})
    return out


def github(run_pk, *args, cwd=None, env=None):
    return run_pk("lint", "--format", "github", "--as-of", AS_OF.isoformat(), *args, cwd=cwd, env=env)


def test_one_command_per_finding_matching_the_json_report(run_pk, tmp_path):
    write(tmp_path, "charters/dup.charter.yaml", duplicate_id_charter())
    write(tmp_path, "charters/odd.charter.yaml", control_char_charter())
    out = github(run_pk, "charters", cwd=tmp_path)
    assert out.returncode == 1
    commands = parse(out.stdout)
    reference = json_findings(run_pk, "charters", cwd=tmp_path)
    assert len(commands) == len(reference) >= 2
    for cmd, ref in zip(commands, reference):
        assert cmd["command"] == LEVEL[ref["severity"]]
        assert cmd["file"] == ref["file"]
        assert (cmd["line"], cmd["col"]) == (str(ref["line"]), str(ref["column"]))
        assert cmd["title"] == f"{ref['code']} {ref['name']}"
        assert cmd["message"] == visible(f"{ref['message']}\nhint: {ref['hint']}")
    # a control character from the charter reaches the log made visible, never raw
    assert any(c["message"].startswith("unknown key `bad\\x07key|x`") for c in commands)
    assert not any("\x07" in c["message"] for c in commands)
    assert out.stdout.decode().splitlines()[-1].startswith(f"{len(reference)} findings in 2 files")


def test_every_severity_has_its_command():
    lines = github_format.render([result(findings=[finding(severity=s) for s in ("error", "warning", "info")])], info())
    assert [line.split(" ", 1)[0] for line in lines.splitlines()[:3]] == ["::error", "::warning", "::notice"]


def test_values_are_escaped_by_the_workflow_command_rules():
    f = finding(code="D005", name="confidence-gap", message="100% sure:\r\nnot, really::", hint=None,
                file="a,b:c%d.charter.yaml", line=7, col=3)
    line = github_format.render([result(f.file, [f])], info()).splitlines()[0]
    assert line == ("::warning file=a%2Cb%3Ac%25d.charter.yaml,line=7,col=3,title=D005 confidence-gap"
                    "::100%25 sure:%0D%0Anot, really::")
    [cmd] = parse(line.encode())
    assert cmd["file"] == "a,b:c%d.charter.yaml"
    assert cmd["message"] == "100% sure:\r\nnot, really::"


def test_suppressed_findings_are_notices_only_with_show_suppressed(run_pk, tmp_path):
    write(tmp_path, "charter.yaml", suppressed_charter())
    assert not [c for c in parse(github(run_pk, "charter.yaml", cwd=tmp_path).stdout) if c["title"].startswith("V006")]
    commands = parse(github(run_pk, "charter.yaml", "--show-suppressed", cwd=tmp_path).stdout)
    [cmd] = [c for c in commands if c["title"].startswith("V006")]
    assert cmd["command"] == "notice"
    assert cmd["title"] == "V006 partner-value-undiscussed (suppressed)"
    assert cmd["message"].endswith("suppressed: kept as our own")


def test_step_summary_is_appended_with_every_finding(run_pk, tmp_path):
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    write(tmp_path, "odd.charter.yaml", control_char_charter())
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n\nkept\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    github(run_pk, ".", cwd=tmp_path, env=env)
    github(run_pk, ".", cwd=tmp_path, env=env)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n\nkept\n")
    assert text.count("## partnerkit lint") == 2
    reference = json_findings(run_pk, ".", cwd=tmp_path)
    first = text.split("## partnerkit lint")[1]
    rows = [line for line in first.splitlines() if line.startswith("| ") and not line.startswith(("| Where", "| ---"))]
    assert len(rows) == len(reference)
    for row, ref in zip(rows, reference):
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert len(cells) == 4, row
        assert cells[0].strip() == f"{os.path.normpath(ref['file'])}:{ref['line']}"
        assert cells[1].strip() == f"{ref['code']} {ref['name']}"
        assert cells[2].strip() == ref["severity"]
    assert "unknown key `bad\\x07key\\|x`" in first and "\x07" not in text
    counts = f"{len(reference)} findings in 2 files"
    assert counts in first


def test_step_summary_escapes_pipes_newlines_and_markup():
    f = finding(message="a | b\nnext <script>", hint="line one\r\nline two")
    writer = github_format.GithubWriter(io.StringIO(), info())
    writer.add(result(findings=[f]))
    text = writer.summary()
    [row] = [line for line in text.splitlines() if line.startswith("| charters/")]
    assert row.count("|") - row.count("\\|") == 5
    assert "a \\| b<br>next &lt;script&gt;<br>hint: line one<br>line two" in row


def test_no_step_summary_without_the_variable_and_a_bad_one_only_warns(run_pk, tmp_path):
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    out = github(run_pk, "dup.charter.yaml", cwd=tmp_path)
    assert out.returncode == 1 and not list(tmp_path.glob("*.md"))
    bad = github(run_pk, "dup.charter.yaml", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "such.md")})
    assert bad.returncode == 1
    assert bad.stdout == out.stdout
    assert "step summary" in bad.stderr.decode() and "Traceback" not in bad.stderr.decode()


def test_examples_parse(run_pk):
    out = github(run_pk, EXAMPLES)
    assert len(parse(out.stdout)) == len(json_findings(run_pk, EXAMPLES))


def test_step_summary_of_a_large_run_keeps_its_first_rows_and_counts_the_rest(run_pk, tmp_path):
    """Over the summary's cap, in a run on several processes: the first rows in file order, and the rest counted."""
    from tests.generated import bench_corpus

    bench_corpus().generate(str(tmp_path / "charters"), 30, heavy=True)  # about 1,600 findings in 30 files: a pool
    summary = tmp_path / "summary.md"
    github(run_pk, "charters", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)})
    reference = json_findings(run_pk, "charters", cwd=tmp_path)
    assert len(reference) > github_format.MAX_ROWS
    text = summary.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith(("| Where", "| ---"))]
    assert len(rows) == github_format.MAX_ROWS
    for row, ref in zip(rows, reference):
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert cells[0].strip() == f"{os.path.normpath(ref['file'])}:{ref['line']}"
        assert cells[1].strip().startswith(ref["code"] + " ")
    assert f"…and {len(reference) - github_format.MAX_ROWS} more" in text
