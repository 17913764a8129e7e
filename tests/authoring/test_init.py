"""`partnerkit init`: ids from any title, missing folders created, a scaffold whose examples are valid."""

from __future__ import annotations

import re

import pytest

from partnerkit.api import Options, lint_text
from partnerkit.core.slug import slugify
from tests.conftest import AS_OF


@pytest.mark.parametrize("title,slug", [
    ("Bølge × Ardent", "bolge-ardent"), ("Müller & Söhne", "muller-sohne"), ("Æsir Œuvre Straße", "aesir-oeuvre-strasse"),
    ("Łódź – Đakovo · Þingvellir", "lodz-dakovo-thingvellir"), ("Acme × Globex — ETA", "acme-globex-eta"),
    ("Ｆｕｌｌｗｉｄｔｈ １２", "fullwidth-12"), ("×××", "partnership"), ("", "partnership"),
])
def test_ids_from_any_title(title, slug):
    assert slugify(title) == slug


def test_init_makes_the_id_from_the_title_and_the_missing_folders(tmp_path, run_pk):
    path = tmp_path / "sub" / "dir" / "x.yaml"
    proc = run_pk("init", path, "--title", "Bølge × Ardent", "--started", "2026-01-15")
    assert proc.returncode == 0, proc.stderr
    text = path.read_text(encoding="utf-8")
    assert "\nid: bolge-ardent\n" in text and '\ntitle: "Bølge × Ardent"\n' in text


def test_init_says_when_a_folder_cannot_be_made(tmp_path, run_pk):
    (tmp_path / "file").write_text("x")
    proc = run_pk("init", tmp_path / "file" / "x.yaml")
    assert proc.returncode == 2 and b"cannot create the folder" in proc.stderr and proc.stderr.count(b"\n") == 1


def test_the_scaffold_examples_uncommented_are_a_charter_without_errors(tmp_path, run_pk):
    path = tmp_path / "c.yaml"
    assert run_pk("init", path, "--partner", "acme", "--partner", "globex", "--started", "2026-01-15").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "{metric: m1, below: 3, by: 2027-06-30}" in text  # a kill condition to copy
    opened = re.sub(r"^# (?=[a-z_]+:|  )", "", text, flags=re.M)  # the commented sections, as a user uncomments them
    result = lint_text(opened, str(path), Options(as_of=AS_OF))
    assert result.charter is not None
    assert [f for f in result.active if f.code[0] == "E"] == []
    assert result.charter.milestones[0].owner == "acme" and result.charter.metrics[0].id == "m1"
