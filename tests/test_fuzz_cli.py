"""Fuzzing the command line: bad input never prints a traceback.

Command lines come from ``strategies.cli_argvs`` (commands, flags and values
right and wrong) and batch inputs from ``strategies.csv_inputs`` (CSV text with
junk headers and cells, quotes, newlines and NUL, in UTF-8, UTF-16 or Latin-1,
or any bytes). They run through :func:`micropath.cli.main` in-process, which is
fast; a handful of cases run the real console script. Laws:

1. ``main`` returns 0, 1 or 2 and never raises; nothing it writes holds a
   traceback; it takes less than a second of CPU time.
2. A usage error (2) is one line on standard error, ``micropath: error: ...``
   (or the short help, when there are no arguments at all).
3. ``batch``: with exit 0 or 1 every data row of the input is in the output,
   in order, with its id (neutralised in CSV where a spreadsheet would take it
   for a formula), and exit 1 means some row has an error; with exit 2 nothing
   is written: no output file is created, an existing one is left as it was,
   and standard output stays empty. No temporary file is ever left behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from strategies import cli_argvs, csv_inputs

from micropath import batch, cli

LIMIT_SECONDS = 1.0
SCRIPT = Path(sys.executable).with_name("micropath")

fuzz = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""The active profile's example count (500 under ``ci``), without Hypothesis' deadline."""


def main(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``micropath`` in-process: its exit status, standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    started = time.process_time()  # CPU time: a busy machine does not count
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(argv)
    finally:
        sys.stdin = saved
    elapsed = time.process_time() - started
    assert elapsed < LIMIT_SECONDS, f"micropath {argv} took {elapsed:.2f}s"
    return status, out.getvalue(), err.getvalue()


def assert_clean(status: int, out: str, err: str, argv: list[str]) -> None:
    """Laws 1 and 2."""
    event(f"exit {status}")
    assert status in (0, 1, 2), (argv, status)
    assert "Traceback" not in out + err
    if status == 2:
        if not argv:
            assert err.startswith("usage: micropath")
        else:
            assert err.startswith("micropath: error: "), err
            assert err.count("\n") == 1, err


# -- command lines --------------------------------------------------------------------

CSV_GOOD = "id,authorization,start,processing\na,CPT,2027-01-04,\nb,OPT,2027-01-04,-3\n"


@fuzz
@given(argv=cli_argvs(paths=("in.csv", "out.csv", "plan.ics", "no/such/dir/x.ics", ".")))
@example(argv=["cycle", "2023"]).via(
    "finding: 'micropath cycle 2023' said 'YEAR must be false or empty for this start' (exit 2)"
)
@example(argv=["cycle", "1970"]).via("finding: 'cycle 1970' blamed a start the user never gave")
@example(argv=["plan", "OPT", "--start", "9999-12-31", "--ics", "plan.ics"])
@example(argv=["calendar", "mit", "--from", "0001-01-01", "--to", "9999-12-31"])
@example(argv=["plan", "CPT", "--start", "2027-01-04", "--processing", "999999999"])
@example(argv=[])
def test_command_lines(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        Path("in.csv").write_text(CSV_GOOD, encoding="utf-8")
        status, out, err = main(argv, stdin=CSV_GOOD.encode())
        assert_clean(status, out, err, argv)
        left = sorted(os.listdir(folder))
    assert set(left) <= {"in.csv", "out.csv", "plan.ics"}, left  # no temporary file left
    helped = "--help" in argv or "--version" in argv
    if status == 0 and "--json" in argv and argv[0] in ("plan", "cycle", "calendar") and not helped:
        json.loads(out)  # --json prints JSON


# -- batch files ----------------------------------------------------------------------


def read_input(data: bytes) -> tuple[list[str], list[list[str]]]:
    """The header and data rows of a batch input, read the way the documentation
    says: UTF-8 lines (a byte order mark dropped; LF, CRLF or CR ends), the delimiter
    that ``csv.Sniffer`` finds among comma, semicolon and tab in the first 50 lines
    that are not blank rows (at most 64 KiB), rows of blank cells skipped."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    sample, size = [], 0
    for line in lines:
        if not line.translate(str.maketrans("", "", ",;\t")).strip():
            continue  # a blank row (",,,", ";;;") tells the sniffer nothing
        sample.append(line)
        size += len(line)
        if len(sample) >= 50 or size >= 1 << 16:
            break
    try:
        delimiter = csv.Sniffer().sniff("".join(sample), delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    header, *rows = [row for row in csv.reader(lines, delimiter=delimiter) if any(row)]
    return header, [row for row in rows if any(cell.strip() for cell in row)]


def neutralised(text: str) -> str:
    """What the CSV output shows of a cell copied from the input (OWASP)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def output_rows(text: str, fmt: str) -> list[dict[str, object]]:
    if fmt == "json":
        return [json.loads(line) for line in text.splitlines()]
    delimiter = text[2]  # the header starts with "id" and the input's delimiter
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows[0][0] == "id"
    assert tuple(rows[0][-len(batch.RESULT_COLUMNS) :]) == batch.RESULT_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@fuzz
@given(
    data=csv_inputs(),
    fmt=st.sampled_from(("csv", "json")),
    to=st.sampled_from(("file", "existing file", "stdout", "stdin")),
)
@example(data=b"id,authorization,start\nr1,CPT,2027-01-04\n", fmt="csv", to="file")
@example(data=b"\xff\xfei\x00d\x00", fmt="csv", to="existing file")
@example(data=b'id,authorization,start\nr1,"CPT\n', fmt="json", to="existing file")
@example(data=b"id,authorization,start\nr1,CPT,2027-01-04\x00\n", fmt="csv", to="stdin")
def test_batch_inputs(data: bytes, fmt: str, to: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.csv"), Path(folder, "out.csv")
        source.write_bytes(data)
        if to == "existing file":
            target.write_text("old\n", encoding="utf-8")
        argv = ["batch", "-" if to == "stdin" else str(source), "--format", fmt]
        if to.endswith("file"):
            argv += ["-o", str(target)]
        status, out, err = main(argv, stdin=data)
        assert_clean(status, out, err, argv)
        left = set(os.listdir(folder))
        written = target.read_text(encoding="utf-8") if target.exists() else None
    assert left <= {"in.csv", "out.csv"}, left  # no temporary file left behind
    if status == 2:
        assert written == ("old\n" if to == "existing file" else None)
        assert out == ""  # the whole input is checked before a row is written
        return
    text = written if to.endswith("file") else out
    assert text is not None
    rows = output_rows(text, fmt)
    header, expected = read_input(data)
    assert len(rows) == len(expected)  # every data row is in the output
    columns = [c.strip().lower().replace("-", "_").replace(" ", "_") for c in header]
    at = columns.index("id")
    ids = [(row[at] if at < len(row) else "").strip() for row in expected]
    assert [r["id"] for r in rows] == (ids if fmt == "json" else [neutralised(i) for i in ids])
    assert (status == 1) == any(r["error"] for r in rows)


# -- the real console script -------------------------------------------------------------------


def script(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60,
        check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "status"),
    [
        pytest.param((), 2, id="no-arguments"),
        pytest.param(("plan", "CPT", "--start", "9999-12-31"), 2, id="start-outside-calendars"),
        pytest.param(("plan", "OPT", "--iap", "2027", "--processing", "999999999"), 2, id="huge"),
        pytest.param(("cycle", "1970"), 2, id="cycle-1970"),
        pytest.param(("cycle", "2023"), 0, id="cycle-2023-before-premium"),
        pytest.param(
            ("calendar", "mit", "--from", "0001-01-01", "--to", "9999-12-31"),
            2,
            id="calendar-0001-9999",
        ),
        pytest.param(("plan", "OPT", "--iap", "2027", "--ics", "no/such/dir/p.ics"), 1, id="ics"),
    ],
)
def test_the_console_script(args: tuple[str, ...], status: int, tmp_path: Path) -> None:
    done = script(*args, cwd=tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == status, done.stderr
    if status == 2 and args:
        assert done.stderr.startswith("micropath: error: ")
        assert done.stderr.count("\n") == 1
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("data", [bytes(range(256)), b"id,authorization,start\n\x00,\xff\n"])
def test_the_console_script_on_binary_input(data: bytes, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    done = script("batch", str(source), "-o", str(tmp_path / "out.csv"))
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2
    assert done.stderr.startswith("micropath: error: ")
    assert os.listdir(tmp_path) == ["in.csv"]
