"""Odd but valid charters still get a report: never a traceback, always both formats."""

from __future__ import annotations

import pytest

from tests.conftest import AS_OF
from tests.report.helpers import Page, load_data, write_charter


def minimal(data):
    keep = ("partnerkit", "id", "title", "started", "phase")
    out = {k: data[k] for k in keep}
    out["partners"] = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    return out


def far_future(data):
    data["horizon_months"] = 10 ** 9
    for m in data["metrics"]:
        m["due"] = "9999-12-31"
    for h in data["hypotheses"]:
        h["due"] = "9999-12-31"
    data["milestones"][1]["due"] = "9999-12-31"
    return data


def long_ago(data):
    data["started"] = "0001-01-01"
    return data


def odd_metrics(data):
    m = data["metrics"]
    m[0].update(baseline=5, target=5)  # nothing to move
    m[1].pop("target")
    m[1].pop("baseline")
    m[2].update(baseline=-1e308, target=1e308)
    m[2]["readings"] = [{"date": "2026-09-30", "value": 0}, {"date": "2026-09-30", "value": 1e308}]
    m[3]["readings"] = []
    m[3]["direction"] = "down"
    return data


def odd_pulse(data):
    for p in data["pulse"]:
        p["scores"] = {}
    data["pulse"].append({"date": "2026-01-01", "partner": "unilab", "level": "execution", "responses": 1,
                          "scores": {"x" * 300: 1.0}})
    return data


def no_people(data):
    for p in data["partners"]:
        p.pop("sponsor")
        p.pop("lead")
        p["gives"] = []
    data.pop("vision")
    data.pop("values")
    return data


def many_partners(data):
    for i in range(12):
        data["partners"].append({"id": f"p{i}", "name": f"Partner number {i} with a long name " * 3})
    return data


@pytest.mark.parametrize("change", [minimal, far_future, long_ago, odd_metrics, odd_pulse, no_people, many_partners])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_odd_charters_get_a_report(cli, tmp_path, change, fmt):
    path = write_charter(tmp_path, change(load_data()))
    result = cli("report", "--format", fmt, "--as-of", AS_OF.isoformat(), path)
    assert result.exit_code == 0, result.output
    if fmt == "html":
        assert Page(result.stdout).headings[0][0] == "h1"
    else:
        assert result.stdout.startswith("# ")


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "2025-08-31"])
def test_any_as_of_date(cli, tmp_path, as_of):
    path = write_charter(tmp_path, minimal(load_data()))
    for fmt in ("md", "html"):
        result = cli("report", "--format", fmt, "--as-of", as_of, path)
        assert result.exit_code == 0, result.output
