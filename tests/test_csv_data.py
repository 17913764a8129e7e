"""SPEC section 2: CSV readings and pulse files merge with the charter; bad rows are findings at file:line:col."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, HEALTHY


def setup(tmp_path, readings: str | None = None, pulse: str | None = None):
    text = HEALTHY.read_text() + "data:\n"
    (tmp_path / "data").mkdir()
    if readings is not None:
        (tmp_path / "data" / "readings.csv").write_text(readings)
        text += "  readings: data/readings.csv\n"
    if pulse is not None:
        (tmp_path / "data" / "pulse.csv").write_text(pulse)
        text += "  pulse: data/pulse.csv\n"
    (tmp_path / "charter.yaml").write_text(text)
    return tmp_path / "charter.yaml"


def lint(cli, path, as_of=AS_OF):
    result = cli("lint", "--format", "json", "--as-of", as_of.isoformat(), path)
    return result, [f for file in json.loads(result.output)["files"] for f in file["findings"]]


def test_bad_rows_are_findings_at_their_cells(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path, readings="metric,date,value,note\n"
                             "mt-fields,2026-11-10,21,fine\n"
                             "mt-feilds,2026-11-10,3\n"
                             "mt-fields,2026-13-01,3\n"
                             "mt-fields,2026-11-11,abc\n"
                             "mt-fields,2026-11-12\n")
    result, found = lint(cli, "charter.yaml")
    got = [(f["file"], f["line"], f["column"], f["code"]) for f in found]
    assert got == [("data/readings.csv", 3, 1, "E004"), ("data/readings.csv", 4, 11, "E002"),
                   ("data/readings.csv", 5, 22, "E002"), ("data/readings.csv", 6, 21, "E002")]
    assert "did you mean `mt-fields`" in found[0]["message"]
    assert result.exit_code == 1


def test_good_rows_merge_and_drive_rules(tmp_path, cli):
    # A reading in the CSV past the as-of date is E005, reported at the CSV row.
    path = setup(tmp_path, readings="metric,date,value,note\nmt-fields,2026-12-30,22,\n")
    _, found = lint(cli, path)
    assert [(f["code"], f["file"].endswith("readings.csv"), f["line"]) for f in found] == [("E005", True, 2)]


def test_csv_readings_count_as_latest(tmp_path, cli):
    # mt-members: a flat CSV reading far below its path makes it off track (M008) at the CSV's line.
    path = setup(tmp_path, readings="metric,date,value\nmt-members,2026-11-14,1\n")
    _, found = lint(cli, path)
    m008 = [f for f in found if f["code"] == "M008"]
    assert m008 and m008[0]["file"].endswith("readings.csv") and m008[0]["line"] == 2


def test_pulse_rows_group_into_entries(tmp_path, cli):
    pulse = "date,partner,level,dimension,score,responses\n" + "".join(
        f"2026-11-10,{p},{lvl},trust,{s},3\n" for p, lvl, s in
        [("northwind", "executive", 4.5), ("northwind", "execution", 2.5), ("unilab", "executive", 4), ("unilab", "execution", 4)])
    path = setup(tmp_path, pulse=pulse)
    _, found = lint(cli, path)
    a009 = [f for f in found if f["code"] == "A009"]
    assert len(a009) == 1 and a009[0]["file"].endswith("pulse.csv")


def test_missing_columns_and_unknown_partner(tmp_path, cli):
    path = setup(tmp_path, pulse="date,partner,level,dimension,score\n2026-11-10,acme,executive,trust,4\n")
    _, found = lint(cli, path)
    assert found[0]["code"] == "E002" and "responses" in found[0]["message"] and found[0]["line"] == 1


def test_missing_csv_file_is_a_finding(tmp_path, cli):
    path = setup(tmp_path)
    path.write_text(path.read_text() + "  readings: data/nope.csv\n")
    _, found = lint(cli, path)
    assert found[0]["code"] == "E002" and "cannot read" in found[0]["message"]


def test_data_paths_cannot_leave_the_charters_folder(tmp_path, cli):
    (tmp_path / "secret.csv").write_text("token\nabc123\n")
    (tmp_path / "team").mkdir()
    path = setup(tmp_path / "team")
    (tmp_path / "team" / "data" / "link.csv").symlink_to(tmp_path / "secret.csv")
    for rel in ("../secret.csv", "/etc/passwd", "data/link.csv"):
        path.write_text(HEALTHY.read_text() + f"data:\n  readings: {rel}\n")
        result, found = lint(cli, path)
        assert [f["code"] for f in found] == ["E002"], found
        assert "inside the charter's folder" in found[0]["message"] and "abc123" not in result.output
