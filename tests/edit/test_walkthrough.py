"""The README's month in the life, run as written with the installed command, in a copy of the examples."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

from partnerkit.load.yamlload import load_yaml
from tests.conftest import EXAMPLES, ROOT, partnerkit_exe


def walkthrough() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Keeping the charter current", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the section holds one shell block"
    return blocks[0]


def test_the_month_in_the_life_runs_as_written(tmp_path):
    (tmp_path / "examples").mkdir()
    for name in ("acme-globex.charter.yaml", "pulse-answers.csv"):
        shutil.copyfile(EXAMPLES / name, tmp_path / "examples" / name)
    script = walkthrough()
    assert "partnerkit record reading" in script and "partnerkit pulse import" in script
    bin_dir = str(Path(partnerkit_exe()[0]).parent) if len(partnerkit_exe()) == 1 else None
    env = {k: v for k, v in os.environ.items() if k != "PARTNERKIT_AS_OF"}
    env["NO_COLOR"] = "1"
    if bin_dir:
        env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    proc = subprocess.run(["bash", "-e", "-u", "-o", "pipefail", "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    month = tmp_path / "month"
    data = load_yaml((month / "acme-globex.charter.yaml").read_text()).data
    m1, m2 = data["metrics"][0], data["metrics"][1]
    assert m1["readings"][-1]["value"] == 4 and str(m2["readings"][-1]["date"]) == "2026-11-30"
    assert data["tensions"][0]["status"] == "resolved" and data["tensions"][-1]["id"] == "T3"
    assert data["hypotheses"][0]["status"] == "validated"
    assert data["milestones"][0]["decision"] == "continue"
    assert str(data["review"]["last"]) == "2026-11-25"
    assert [(e["partner"], e["level"]) for e in data["pulse"] if str(e["date"]) == "2026-11-28"] == [
        ("acme", "executive"), ("acme", "execution"), ("globex", "execution")]
    assert "fixed C003 decision-overdue on milestone `G1`" in proc.stdout
    assert "withheld globex executive: 3 respondents, fewer than 5: the whole group" in proc.stdout
    report = (month / "steering-report.html").read_text()
    assert report.startswith("<!DOCTYPE html>") and (month / "pulse-survey.html").exists()
    with open(EXAMPLES / "pulse-answers.csv", newline="") as fh:
        comments = [row["comment"] for row in csv.DictReader(fh) if row["comment"]]
    assert len(comments) == 4
    written = "".join(p.read_text() for p in month.iterdir() if p.name != "pulse-answers.csv")
    for comment in comments:  # the answers' comments reach no file partnerkit wrote
        assert comment not in written
