"""The pre-commit hook, as a project uses it: its `.pre-commit-config.yaml` names a repository (a copy of this working
tree, committed) and a revision, and `pre-commit run` installs the hook from there and runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from tests.conftest import AS_OF, HEALTHY, ROOT
from tests.once import shared_folder
from tests.outputs.helpers import duplicate_id_charter, write

IGNORED = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache", "*.egg-info", "build", "dist",
                                 ".venv", "venv", "node_modules", ".mypy_cache", ".ruff_cache")
GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=dict(os.environ, **GIT_ENV))


def commit_all(folder):
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "snapshot")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """The current working tree, committed into a repository of its own (committed or not here); one per test
    run, so that every test uses the hook environment the first one installed."""

    def snapshot(folder):
        shutil.copytree(ROOT, folder / "partnerkit", ignore=IGNORED, symlinks=True)
        commit_all(folder / "partnerkit")

    return shared_folder(tmp_path_factory, "partnerkit-repo", snapshot) / "partnerkit"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    """pre-commit's cache of hook environments, shared as a team's machine shares it (pre-commit locks it)."""
    return shared_folder(tmp_path_factory, "pre-commit-home", lambda folder: None)


def run_hook(hook_repo, home, project):
    """Commit ``project`` with a configuration that uses the hook, then run every hook on every file."""
    revision = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True,
                              check=True).stdout.strip()
    write(project, ".pre-commit-config.yaml",
          f"repos:\n- repo: {hook_repo.as_uri()}\n  rev: {revision}\n  hooks:\n  - id: partnerkit-lint\n")
    commit_all(project)
    env = dict(os.environ, **GIT_ENV, PRE_COMMIT_HOME=str(home), PARTNERKIT_AS_OF=AS_OF.isoformat(), NO_COLOR="1")
    env.pop("PRE_COMMIT", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                          cwd=project, capture_output=True, text=True, env=env, timeout=900)


def test_hook_definition():
    [hook] = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "partnerkit-lint"
    assert hook["entry"] == "partnerkit lint"
    assert hook["language"] == "python"
    import re

    files = re.compile(hook["files"])
    for name in ("charter.yaml", "a/b/charter.yaml", "acme.charter.yaml", "x/acme.charter.yml"):
        assert files.search(name), name
    for name in ("mycharter.yaml", "charter.yml", "charter.yaml.bak", "notes.yaml", "charter.json"):
        assert not files.search(name), name


@pytest.mark.slow
def test_hook_fails_on_a_charter_with_an_error(hook_repo, pre_commit_home, tmp_path):
    write(tmp_path, "partners/acme.charter.yaml", duplicate_id_charter())
    write(tmp_path, "notes.yaml", "not: [a charter\n")  # not a charter name: never linted
    out = run_hook(hook_repo, pre_commit_home, tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "partners/acme.charter.yaml:" in out.stdout
    assert "E003" in out.stdout
    assert "notes.yaml" not in out.stdout


@pytest.mark.slow
def test_hook_passes_on_a_clean_charter(hook_repo, pre_commit_home, tmp_path):
    write(tmp_path, "charter.yaml", HEALTHY.read_text(encoding="utf-8"))
    out = run_hook(hook_repo, pre_commit_home, tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "partnerkit lint" in out.stdout and "Passed" in out.stdout
