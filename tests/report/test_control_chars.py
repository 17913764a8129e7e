"""Control and bidi-override characters in charter text never reach a report."""

from __future__ import annotations

import pytest

from tests.conftest import AS_OF, HEALTHY


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_bidi_and_escape_characters_are_dropped(tmp_path, cli, fmt):
    text = HEALTHY.read_text().replace("title: Northwind × UniLab — soil-carbon sensing",
                                       'title: "Northwind \\u202Eevil\\e[31m ok"')
    charter = tmp_path / "charter.yaml"
    charter.write_text(text)
    out = tmp_path / f"report.{fmt}"
    result = cli("report", "--format", fmt, "--as-of", AS_OF.isoformat(), charter, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "\u202e" not in page and "\x1b" not in page
    assert "Northwind evil[31m ok" in page.replace("\\[", "[")
