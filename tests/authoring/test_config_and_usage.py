"""The README's configuration snippet works in partnerkit.toml; usage errors are one line."""

from __future__ import annotations

import re

import pytest

from tests.conftest import AS_OF, ROOT, SPEC_EXAMPLE


def readme_snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```toml\n(\[tool\.partnerkit\].*?)```", text, re.S).group(1)


@pytest.mark.parametrize("name", ["partnerkit.toml", "pyproject.toml"])
def test_the_readme_snippet_works_in_either_file(tmp_path, run_pk, name):
    (tmp_path / name).write_text(readme_snippet(), encoding="utf-8")
    (tmp_path / "c.charter.yaml").write_bytes(SPEC_EXAMPLE.read_bytes())
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "c.charter.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # the snippet sets fail-on = "warning"
    assert b"C007" not in proc.stdout and proc.stderr == b""


def test_top_level_keys_still_work_in_partnerkit_toml(tmp_path, run_pk):
    (tmp_path / "partnerkit.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    (tmp_path / "c.charter.yaml").write_bytes(SPEC_EXAMPLE.read_bytes())
    assert run_pk("lint", "--as-of", AS_OF.isoformat(), "c.charter.yaml", cwd=tmp_path).returncode == 1


def test_both_forms_at_once_is_a_usage_error(tmp_path, run_pk):
    (tmp_path / "partnerkit.toml").write_text('fail-on = "never"\n[tool.partnerkit]\nfail-on = "warning"\n')
    (tmp_path / "c.charter.yaml").write_bytes(SPEC_EXAMPLE.read_bytes())
    proc = run_pk("lint", "c.charter.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and b"not both" in proc.stderr and proc.stderr.count(b"\n") == 1


@pytest.mark.parametrize("args,says", [
    (["lint", "--formt", "json"], "partnerkit: lint: no such option --formt (did you mean --format?)"),
    (["lint", "--show"], "partnerkit: lint: no such option --show (did you mean --show-suppressed?)"),
    (["lnt"], "partnerkit: no such command 'lnt' (did you mean 'lint'?)"),
    (["report"], "partnerkit: report: missing argument 'PATH'"),
    (["lint", "--format"], "partnerkit: lint: option '--format' requires an argument"),
    (["calendar", "a", "b"], "partnerkit: calendar: got unexpected extra argument(s) (b)"),
])
def test_usage_errors_are_one_line(run_pk, args, says):
    proc = run_pk(*args)
    assert proc.returncode == 2
    assert proc.stderr.decode() == says + "\n" and proc.stdout == b""


def test_help_and_version_still_work(run_pk):
    assert run_pk("--help").returncode == 0 and b"Usage" in run_pk("--help").stdout
    assert run_pk("lint", "-h").returncode == 0
    assert run_pk("--version").stdout.startswith(b"partnerkit ")
