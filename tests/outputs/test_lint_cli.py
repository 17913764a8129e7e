"""`partnerkit lint`: --output, standard input, `python -m partnerkit`, the progress bar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from partnerkit.outputs import FORMATS
from tests.conftest import AS_OF, EXAMPLES, HEALTHY
from tests.outputs.helpers import duplicate_id_charter, write

DATE = AS_OF.isoformat()


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_holds_exactly_what_stdout_would(run_pk, tmp_path, fmt):
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    shown = run_pk("lint", "dup.charter.yaml", "--format", fmt, "--as-of", DATE, cwd=tmp_path)
    saved = run_pk("lint", "dup.charter.yaml", "--format", fmt, "--as-of", DATE, "--output", "out.txt", cwd=tmp_path)
    assert saved.returncode == shown.returncode == 1
    assert saved.stdout == b""
    assert (tmp_path / "out.txt").read_bytes() == shown.stdout
    dash = run_pk("lint", "dup.charter.yaml", "--format", fmt, "--as-of", DATE, "--output", "-", cwd=tmp_path)
    assert dash.stdout == shown.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_write_leaves_the_previous_file_intact(cli, tmp_path, monkeypatch, fmt):
    charter = write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    target = tmp_path / "report.out"
    target.write_bytes(b"previous report\n")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = cli("lint", charter, "--format", fmt, "--output", target)
    assert result.exit_code == 2
    assert "cannot write" in result.output and "No space left on device" in result.output
    assert target.read_bytes() == b"previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dup.charter.yaml", "report.out"]  # no temporary file left


def test_unwritable_output_is_one_line_and_exit_2(run_pk, tmp_path):
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    (tmp_path / "taken").mkdir()
    for target in ("no/such/folder/out.sarif", "taken"):
        out = run_pk("lint", "dup.charter.yaml", "--format", "sarif", "--output", target, cwd=tmp_path)
        assert out.returncode == 2
        err = out.stderr.decode()
        assert err.startswith(f"partnerkit: cannot write {target}") and err.count("\n") == 1
    assert (tmp_path / "taken").is_dir() and not list((tmp_path / "taken").iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dup.charter.yaml", "taken"]


def findings(stdout: bytes) -> list[dict]:
    return [f for file in json.loads(stdout)["files"] for f in file["findings"]]


def test_stdin_is_named_and_configured_by_stdin_filename(run_pk, tmp_path):
    write(tmp_path, "team/partnerkit.toml", 'fail-on = "never"\n')
    data = duplicate_id_charter().encode()
    named = run_pk("lint", "-", "--stdin-filename", "team/acme.charter.yaml", "--format", "json", input=data, cwd=tmp_path)
    assert named.returncode == 0, named.stderr  # team/partnerkit.toml says fail-on never
    assert {f["file"] for f in findings(named.stdout)} == {"team/acme.charter.yaml"}
    assert "E003" in {f["code"] for f in findings(named.stdout)}
    plain = run_pk("lint", "-", "--format", "json", input=data, cwd=tmp_path)
    assert plain.returncode == 1  # no configuration in the current folder: errors fail
    assert {f["file"] for f in findings(plain.stdout)} == {"<stdin>"}
    text = run_pk("lint", "-", "--stdin-filename", "team/acme.charter.yaml", input=data, cwd=tmp_path)
    assert text.stdout.decode().startswith("team/acme.charter.yaml:")


def test_stdin_between_files_keeps_the_order(run_pk, tmp_path):
    write(tmp_path, "a.charter.yaml", duplicate_id_charter())
    out = run_pk("lint", "a.charter.yaml", "-", "--stdin-filename", "b.charter.yaml", "--format", "json",
                 "--as-of", DATE, input=HEALTHY.read_bytes(), cwd=tmp_path)
    assert [f["path"] for f in json.loads(out.stdout)["files"]] == ["a.charter.yaml", "b.charter.yaml"]


def test_stdin_over_the_size_limit_is_a_finding(run_pk, tmp_path):
    write(tmp_path, "partnerkit.toml", "[thresholds]\nmax-bytes = 2000\n")
    out = run_pk("lint", "-", "--format", "json", input=duplicate_id_charter().encode() * 20, cwd=tmp_path)
    assert out.returncode == 1
    assert [f["code"] for f in findings(out.stdout)] == ["E007"]


@pytest.mark.parametrize("args, message", [
    (["-", "-"], "only once"),
    (["--stdin-filename", "x.charter.yaml"], "add `-`"),
    (["x.charter.yaml", "--stdin-filename", "x.charter.yaml"], "add `-`"),
])
def test_stdin_usage_errors(run_pk, tmp_path, args, message):
    out = run_pk("lint", *args, input=b"", cwd=tmp_path)
    assert out.returncode == 2
    assert message in out.stderr.decode() and out.stderr.decode().count("\n") == 1


def test_python_dash_m_partnerkit(run_pk, tmp_path):
    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    env = dict(os.environ, NO_COLOR="1")
    module = subprocess.run([sys.executable, "-m", "partnerkit", "lint", "dup.charter.yaml", "--format", "json", "--as-of", DATE],
                            capture_output=True, cwd=tmp_path, env=env, timeout=60)
    command = run_pk("lint", "dup.charter.yaml", "--format", "json", "--as-of", DATE, cwd=tmp_path)
    assert module.returncode == command.returncode == 1
    assert module.stdout == command.stdout
    version = subprocess.run([sys.executable, "-m", "partnerkit", "--version"], capture_output=True, env=env, timeout=60)
    from partnerkit import __version__

    assert version.stdout.decode() == f"partnerkit {__version__}\n"


def many(tmp_path, n: int):
    folder = tmp_path / f"portfolio{n}"
    folder.mkdir()
    text = HEALTHY.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"c{i:03}.charter.yaml").write_text(text if i % 10 else duplicate_id_charter(), encoding="utf-8")
    return folder


def run_with_terminal_stderr(args, cwd) -> tuple[bytes, bytes, int]:
    """Run partnerkit with stdout on a pipe and stderr on a pseudo-terminal."""
    import fcntl
    import pty
    import struct
    import termios

    from tests.conftest import partnerkit_exe

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([*partnerkit_exe(), *args], stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL,
                            cwd=cwd, env=env)
    os.close(slave)
    chunks = []

    def drain():
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return stdout, b"".join(chunks), proc.returncode


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_progress_bar_on_a_terminal_leaves_stdout_byte_identical(run_pk, tmp_path, fmt):
    folder = many(tmp_path, 51)
    args = ["lint", str(folder), "--format", fmt, "--as-of", DATE]
    stdout, terminal, code = run_with_terminal_stderr(args, tmp_path)
    plain = run_pk(*args, cwd=tmp_path)
    assert "linting" in terminal.decode(errors="replace")
    assert "51/51" in terminal.decode(errors="replace")
    assert code == plain.returncode == 1
    assert stdout == plain.stdout
    assert plain.stderr == b""  # not a terminal: no progress bar


def test_no_progress_bar_for_50_charters_or_fewer(tmp_path):
    folder = many(tmp_path, 50)
    _, terminal, code = run_with_terminal_stderr(["lint", str(folder), "--as-of", DATE, "--format", "json"], tmp_path)
    assert code == 1
    assert terminal == b""


@pytest.mark.parametrize("fmt", FORMATS)
def test_rich_is_not_imported_without_a_progress_bar(tmp_path, fmt):
    folder = many(tmp_path, 51)
    script = ("import sys\nfrom partnerkit.cli import app\n"
              f"try:\n    app(['lint', {str(folder)!r}, '--format', {fmt!r}], prog_name='partnerkit')\n"
              "except SystemExit:\n    pass\n"
              "sys.stderr.write('RICH=%s' % any(m == 'rich' or m.startswith('rich.') for m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                         env=dict(os.environ, NO_COLOR="1"))
    assert out.stderr.decode().endswith("RICH=False")


def test_examples_lint_in_every_format(run_pk):
    for fmt in FORMATS:
        out = run_pk("lint", EXAMPLES, "--format", fmt, "--as-of", DATE)
        assert out.returncode in (0, 1) and out.stdout and b"Traceback" not in out.stderr


def test_a_lone_surrogate_in_a_charter_is_shown_in_every_format(run_pk, tmp_path):
    """``"\\ud800"`` in a double-quoted scalar is a lone surrogate, which UTF-8 cannot carry: every format shows it
    as the visible text ``\\ud800`` (JSON and SARIF once failed to encode it and the run ended in an error)."""
    charter = write(tmp_path, "odd.charter.yaml", 'partnerkit: 1\nid: "x\\ud800y"\ntitle: t\n')
    for fmt in FORMATS:
        out = run_pk("lint", charter, "--format", fmt, "--as-of", DATE)
        assert out.returncode == 1, (fmt, out.stderr)
        text = out.stdout.decode("utf-8")  # strict: the whole output is UTF-8
        if fmt in ("json", "sarif"):
            json.loads(text)
            assert "x\\\\ud800y" in text, fmt  # the JSON string for the text x\ud800y
        else:
            assert "x\\ud800y" in text, fmt


def test_every_format_is_written_as_files_finish():
    """A writer puts each file's findings out when it is given them (SARIF and JUnit keep them in a temporary
    file until the end), so a long run streams and its memory does not grow with the findings."""
    import io

    from partnerkit import outputs
    from tests.outputs.helpers import finding, info, result

    for fmt in ("text", "json", "github"):
        out = io.StringIO()
        writer = outputs.get(fmt).WRITER(out, info())
        writer.add(result("first.charter.yaml", [finding(file="first.charter.yaml", message="the first finding")]))
        assert "the first finding" in out.getvalue(), fmt
        writer.add(result("second.charter.yaml", []))
        writer.close()
    for fmt in ("sarif", "junit"):
        out = io.StringIO()
        writer = outputs.get(fmt).WRITER(out, info())
        writer.add(result("first.charter.yaml", [finding(file="first.charter.yaml", message="the first finding")]))
        assert "the first finding" not in out.getvalue(), fmt  # spilled, not held in memory
        writer.close()
        assert "the first finding" in out.getvalue(), fmt


def test_end_positions_in_json_are_just_after_the_thing(run_pk, tmp_path):
    import json

    from tests.outputs.helpers import duplicate_id_charter, write

    write(tmp_path, "dup.charter.yaml", duplicate_id_charter())
    out = run_pk("lint", "--format", "json", "dup.charter.yaml", cwd=tmp_path)
    lines = (tmp_path / "dup.charter.yaml").read_text().splitlines()
    for f in json.loads(out.stdout)["files"][0]["findings"]:
        if "end_line" not in f:
            continue
        assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"])
        if f["code"] == "E003":  # a value: the duplicated id itself
            assert f["end_line"] == f["line"]
            assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == "nw-carbon-credits"


def test_json_findings_are_written_as_json_dumps_would_write_them():
    import json

    from partnerkit.lint.engine import lint_bytes
    from partnerkit.outputs.json_format import finding_dict, finding_json
    from tests.conftest import SPEC_EXAMPLE
    from tests.outputs.helpers import RELATED, finding

    result = lint_bytes(SPEC_EXAMPLE.read_bytes(), "a.charter.yaml", None, AS_OF)
    odd = [finding(message='quotes " and \\\\ and \x00\x1b and ünïcode\u2028', hint=None, related=[RELATED],
                   suppressed="kept \"as\" is", suppressed_by="comment")]
    for f in result.findings + odd:
        assert finding_json(f) == json.dumps(finding_dict(f), ensure_ascii=False)
