"""SPEC section 5: configuration files, discovery per charter, command-line overrides, bad config = exit 2."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import AS_OF, SPEC_EXAMPLE


def codes(output: str) -> list[str]:
    doc = json.loads(output)
    return sorted(f["code"] for file in doc["files"] for f in file["findings"] if not f["suppressed"])


@pytest.fixture
def tree(tmp_path):
    """Two charters: one under a folder with its own partnerkit.toml, one under a pyproject.toml."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    shutil.copy(SPEC_EXAMPLE, tmp_path / "a" / "charter.yaml")
    shutil.copy(SPEC_EXAMPLE, tmp_path / "a" / "b" / "charter.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.partnerkit]\nignore = ["A"]\n')
    (tmp_path / "a" / "b" / "partnerkit.toml").write_text('select = ["D"]\n')
    return tmp_path


def lint_json(cli, *args):
    return cli("lint", "--format", "json", "--as-of", AS_OF.isoformat(), *args)


def test_nearest_config_wins_per_charter(tree, cli):
    doc = json.loads(lint_json(cli, tree).output)
    by_file = {f["path"].replace(str(tree), ""): {x["code"][0] for x in f["findings"] if not x["suppressed"]} for f in doc["files"]}
    assert by_file["/a/b/charter.yaml"] == {"D"}
    assert "A" not in by_file["/a/charter.yaml"] and "D" in by_file["/a/charter.yaml"]


def test_pyproject_without_table_is_skipped(tmp_path, cli):
    shutil.copy(SPEC_EXAMPLE, tmp_path / "charter.yaml")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    result = lint_json(cli, tmp_path / "charter.yaml")
    assert result.exit_code in (0, 1)


def test_explicit_config_overrides_discovery(tree, cli, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text('select = ["C003"]\n')
    assert set(codes(lint_json(cli, "--config", other, tree).output)) == {"C003"}


def test_select_by_name_and_ignore_by_code(cli):
    out = lint_json(cli, "--select", "decision-overdue,D004", "--ignore", "D004", SPEC_EXAMPLE).output
    assert codes(out) == ["C003"]


def test_severity_override_and_fail_on_from_config(tmp_path, cli):
    shutil.copy(SPEC_EXAMPLE, tmp_path / "charter.yaml")
    (tmp_path / "partnerkit.toml").write_text('fail-on = "warning"\n[severity]\nC003 = "error"\n')
    result = lint_json(cli, tmp_path / "charter.yaml")
    assert result.exit_code == 1
    c003 = [f for f in json.loads(result.output)["files"][0]["findings"] if f["code"] == "C003"]
    assert c003 and c003[0]["severity"] == "error"


def test_thresholds_change_what_fires(tmp_path, cli):
    shutil.copy(SPEC_EXAMPLE, tmp_path / "charter.yaml")
    (tmp_path / "partnerkit.toml").write_text("[thresholds]\nconfidence-gap = 0.5\npulse-gap = 2.0\n")
    found = codes(lint_json(cli, tmp_path / "charter.yaml").output)
    assert "D005" not in found and "A009" not in found


@pytest.mark.parametrize("text,words", [
    ('selekt = ["D"]\n', ["selekt", "did you mean `select`"]),
    ('select = ["Z999"]\n', ["Z999"]),
    ('fail-on = "sometimes"\n', ["fail-on", "sometimes"]),
    ("[thresholds]\nconfidence-gap = -1\n", ["confidence-gap"]),
    ("[thresholds]\nstale = 2\n", ["stale"]),
    ('[severity]\nD005 = "fatal"\n', ["D005", "fatal"]),
    ("select = [\n", ["not valid TOML"]),
])
def test_bad_config_is_exit_2_naming_key_and_file(tmp_path, run_pk, text, words):
    shutil.copy(SPEC_EXAMPLE, tmp_path / "charter.yaml")
    (tmp_path / "partnerkit.toml").write_text(text)
    proc = run_pk("lint", tmp_path / "charter.yaml")
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "partnerkit.toml" in err and all(w in err for w in words), err
    assert "Traceback" not in err
