"""The commands as a user runs them: init -> lint, rules, schema, exit codes, as-of, colour."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE


def test_init_then_lint_lists_what_is_left(tmp_path, run_pk):
    path = tmp_path / "charter.yaml"
    proc = run_pk("init", path, "--title", 'Acme "ETA": pilot', "--partner", "acme=Acme Logistics",
                  "--partner", "globex", "--kind", "co-innovation", "--started", "2026-01-15")
    assert proc.returncode == 0, proc.stderr
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=charter.schema.json")
    proc = run_pk("lint", "--format", "json", "--as-of", AS_OF.isoformat(), path)
    doc = json.loads(proc.stdout)
    found = {f["code"] for f in doc["files"][0]["findings"]}
    assert not [c for c in found if c[0] == "E"]
    assert {"V001", "D001", "M001", "A001", "A002", "C002"} <= found
    assert proc.returncode == 1  # missing vision, hypotheses ... are errors to fill in


def test_init_never_overwrites_without_force(tmp_path, run_pk):
    path = tmp_path / "charter.yaml"
    path.write_text("mine\n")
    path.chmod(0o640)
    proc = run_pk("init", path)
    assert proc.returncode == 2 and b"--force" in proc.stderr
    assert path.read_text() == "mine\n"
    assert run_pk("init", path, "--force").returncode == 0
    assert "partnerkit: 1" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("args,words", [
    (["--partner", "Bad Id"], "not a valid id"),
    (["--partner", "solo"], "at least two"),
    (["--kind", "merger"], "--kind"),
    (["--started", "yesterday"], "ISO date"),
])
def test_init_usage_errors(tmp_path, run_pk, args, words):
    proc = run_pk("init", tmp_path / "c.yaml", *args)
    assert proc.returncode == 2 and words.encode() in proc.stderr
    assert not (tmp_path / "c.yaml").exists()


def test_exit_codes_follow_fail_on(cli):
    assert cli("lint", "--as-of", AS_OF.isoformat(), SPEC_EXAMPLE).exit_code == 0
    assert cli("lint", "--as-of", AS_OF.isoformat(), "--fail-on", "warning", SPEC_EXAMPLE).exit_code == 1
    assert cli("lint", "--as-of", AS_OF.isoformat(), "--fail-on", "never", SPEC_EXAMPLE).exit_code == 0
    assert cli("lint", "--as-of", AS_OF.isoformat(), "--fail-on", "info", HEALTHY).exit_code == 0


def test_usage_errors_are_exit_2(run_pk):
    for args in (["lint", "--format", "xml", str(SPEC_EXAMPLE)], ["lint", "--fail-on", "bad", str(SPEC_EXAMPLE)],
                 ["lint", "--as-of", "15/11/2026", str(SPEC_EXAMPLE)], ["rules", "Z999"], ["lint", "--nope"]):
        proc = run_pk(*args)
        assert proc.returncode == 2, args
        assert b"Traceback" not in proc.stderr


def test_as_of_from_environment(run_pk):
    proc = run_pk("lint", "--format", "json", SPEC_EXAMPLE, env={"PARTNERKIT_AS_OF": "2026-11-15"})
    assert json.loads(proc.stdout)["as_of"] == "2026-11-15"


def test_text_output_format_and_summary(cli):
    out = cli("lint", "--as-of", AS_OF.isoformat(), SPEC_EXAMPLE).output
    lines = out.splitlines()
    assert lines[0].startswith(f"{SPEC_EXAMPLE}:") and " warning " in lines[0] or " info " in lines[0]
    assert lines[1].startswith("  hint: ")
    assert lines[-1] == "16 findings in 1 file: 0 errors, 14 warnings, 2 infos (2 suppressed, shown with --show-suppressed)."
    assert "\x1b[" not in out  # not a terminal: no colour


def test_charter_text_cannot_inject_terminal_codes(tmp_path, cli):
    path = tmp_path / "charter.yaml"
    raw = HEALTHY.read_text().replace("- id: openness", '- id: "open\\e[31mness"')
    path.write_text(raw)
    out = cli("lint", "--as-of", AS_OF.isoformat(), path).output
    assert "\x1b" not in out and "\\x1b[31m" in out


def test_rules_catalogue_and_explain(cli):
    out = cli("rules").output
    assert "63 rules" in out
    for code in ("E001", "V006", "D005", "M008", "A014", "C007", "S002"):
        assert code in out
    one = cli("rules", "confidence-gap").output
    assert one.startswith("D005 confidence-gap (warning)")
    for part in ("Lesson:", "Why", "How to fix", "Example"):
        assert part in one


def test_schema_prints_draft7_json(cli):
    doc = json.loads(cli("schema").output)
    assert doc["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(doc) and "definitions" in doc
    assert set(doc["required"]) == {"partnerkit", "id", "title", "started", "phase", "partners"}


def test_schema_validates_both_examples():
    import jsonschema
    from ruamel.yaml import YAML

    from partnerkit.model.schema import charter_schema

    validator = jsonschema.Draft7Validator(charter_schema(), format_checker=jsonschema.FormatChecker())
    for path in (SPEC_EXAMPLE, HEALTHY):
        data = json.loads(json.dumps(YAML(typ="safe", pure=True).load(path.read_text()), default=str))
        assert list(validator.iter_errors(data)) == []
    assert list(validator.iter_errors({"partnerkit": 1}))  # required keys missing


def test_version_imports_no_heavy_module():
    code = ("import sys; sys.argv=['partnerkit','--version']\n"
            "from partnerkit.cli import main\n"
            "try: main()\nexcept SystemExit: pass\n"
            "bad=[m for m in ('pydantic','ruamel','jinja2','rich','pygls','lsprotocol') if any(k==m or k.startswith(m+'.') for k in sys.modules)]\n"
            "print('HEAVY', bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().endswith("HEAVY []"), out
    assert out.startswith("partnerkit ")


def test_lint_of_a_valid_charter_never_imports_pydantic():
    """The command line itself stays light: a valid charter is linted without pydantic (typer 0.29 and later
    import it to parse options, hence the bound on typer in pyproject.toml)."""
    code = (f"import sys; sys.argv=['partnerkit','lint','--as-of','{AS_OF}','--fail-on','never',{str(HEALTHY)!r}]\n"
            "from partnerkit.cli import main\n"
            "try: main()\nexcept SystemExit: pass\n"
            "print('PYDANTIC', any(k == 'pydantic' or k.startswith('pydantic.') for k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False).stdout
    assert out.strip().endswith("PYDANTIC False"), out


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "partnerkit", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("partnerkit ")


def test_internal_error_is_one_line_exit_2(tmp_path):
    code = ("import sys; sys.argv=['partnerkit','lint','x']\n"
            "import partnerkit.commands.lint as l\n"
            "def boom(*a, **k): raise RuntimeError('disk on fire')\n"
            "l.run = boom\n"
            "from partnerkit.cli import main\nmain()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "partnerkit: internal error: RuntimeError: disk on fire"


def test_lint_without_paths_uses_current_folder(tmp_path, run_pk):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.charter.yaml").write_text(HEALTHY.read_text())
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "charter.yaml").write_text("broken: [")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "charter.yaml").write_text("broken: [")
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "pyvenv.cfg").write_text("")
    (tmp_path / "venv" / "charter.yaml").write_text("broken: [")
    (tmp_path / "notes.yaml").write_text("broken: [")
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--format", "json", cwd=tmp_path)
    doc = json.loads(proc.stdout)
    assert [f["path"] for f in doc["files"]] == [os.path.join(".", "sub", "a.charter.yaml")]
    assert proc.returncode == 0


def test_docs_rules_md_is_current(cli):
    from tests.conftest import ROOT

    assert (ROOT / "docs" / "rules.md").read_text() == cli("rules", "--markdown").output, \
        "docs/rules.md is stale: run `partnerkit rules --markdown > docs/rules.md`"
