"""The sdist and the wheel are ready to publish: twine check passes, both carry LICENSE, the metadata is complete."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT
from tests.once import built

LICENSE = (ROOT / "LICENSE").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return built(tmp_path_factory)


@pytest.mark.slow
def test_twine_check_is_clean(dist):
    proc = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dist)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2 and "WARNING" not in proc.stdout


def test_both_carry_the_license(dist):
    sdist, wheel = dist
    assert LICENSE.startswith("MIT License\n") and "Copyright (c) 2026 The partnerkit authors" in LICENSE
    with tarfile.open(sdist) as tar:
        top = tar.getnames()[0].split("/")[0]
        assert tar.extractfile(f"{top}/LICENSE").read().decode() == LICENSE
        names = set(tar.getnames())
    assert {f"{top}/CHANGELOG.md", f"{top}/action.yml"} <= names
    with zipfile.ZipFile(wheel) as zf:
        licenses = [n for n in zf.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert len(licenses) == 1 and zf.read(licenses[0]).decode() == LICENSE


def test_metadata_has_classifiers_urls_and_keywords(dist):
    with zipfile.ZipFile(dist[1]) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zf.read(name).decode())
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers and "Environment :: Console" in classifiers
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert urls == {"Homepage": "https://partnerkit.dev",
                    "Source": "https://github.com/partnerkit/partnerkit",
                    "Issues": "https://github.com/partnerkit/partnerkit/issues",
                    "Changelog": "https://github.com/partnerkit/partnerkit/blob/main/CHANGELOG.md"}
    assert "partnership" in meta["Keywords"].split(",")
    assert any(r.startswith("icalendar") for r in meta.get_all("Requires-Dist"))


def test_changelog_follows_keep_a_changelog():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    assert heads[0] == "## [Unreleased]" and heads[1].startswith("## [0.1.0] - 2026-")
    assert "keepachangelog.com" in text and "partnerkit calendar" in text
    assert "[0.1.0]: https://github.com/partnerkit/partnerkit/releases/tag/v0.1.0" in text


def test_release_workflow_publishes_with_trusted_publishing():
    flow = YAML(typ="safe", pure=True).load((ROOT / "examples" / "ci" / "release.yml").read_text(encoding="utf-8"))
    build, publish = flow["jobs"]["build"], flow["jobs"]["publish"]
    assert any("twine check --strict" in s.get("run", "") for s in build["steps"])
    making = next(s for s in build["steps"] if "python -m build" in s.get("run", ""))
    assert making["env"] == {"PARTNERKIT_PURE": "1"}  # one pure wheel for PyPI, which takes no linux_x86_64 wheel
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"} and flow["permissions"] == {"contents": "read"}
    assert publish["environment"]["name"] == "pypi"
    assert publish["steps"][-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert "password" not in str(publish) and "secrets." not in str(flow)  # no stored token
    docs = (ROOT / "docs" / "releasing.md").read_text(encoding="utf-8")
    assert "examples/ci/release.yml" in docs and "trusted publish" in docs.lower()
