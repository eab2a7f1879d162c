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
   for a formula; in an xlsx output, what XML cannot hold is U+FFFD), and exit
   1 means some row has an error; with exit 2 nothing is written: no output
   file is created, an existing one is left as it was, and standard output
   stays empty. No temporary file is ever left behind.
4. xlsx inputs (workbooks built with openpyxl from ``strategies.workbook_specs``:
   cells of every type, formulas, error values, merged cells, a hidden or very
   hidden first sheet, a chart sheet, an empty sheet, a stray cell as far as
   row 20,000 or column XFD): the first visible worksheet is read, or the one
   ``--sheet`` names; with exit 0 or 1 every non-blank row after the header is
   in the CSV, JSON or xlsx output (read back with openpyxl), in order, with its
   id as the documentation spells a cell (an ISO date, ``12.0`` as ``12``,
   ``true``, ``#N/A``), and the summary line names the sheet rows with errors;
   exit 2 names the file. A file named ``.xlsx`` that is not a workbook (any
   bytes, CSV text, a zip of other files, a workbook with a part replaced, cut
   or left out, or cut short) is exit 2 naming the file, or read for its rows.
5. Delimiters (``strategies.delimited_files``): a file whose header names two
   or more columns joined by a comma, semicolon or tab is read with that
   delimiter, whatever its cells hold (the other delimiters, bare or quoted;
   quotes), and the CSV output keeps it; a row pasted in with another delimiter
   may break only its quoting, an error naming the line; a file of one column
   (``id`` or ``start`` alone) is exit 2 naming the columns it lacks.
6. Offers (``plan --offer`` and the batch ``offer`` column, offers after the first
   day, on closed days, in the years 1, 1969, 2101, 9999): the offer's slack,
   on-time verdict and earliest first days agree with the plan
   (:func:`assert_offer_laws`); a bad offer is an error naming ``--offer`` or the
   ``offer`` column.
7. Pages (``plan --html``, ``cycle --html``, ``batch --html``; school names, terms,
   closed days and sources, ids, students and notes holding markup and every
   Unicode category): the page is inert (:func:`oracles.assert_inert`: no script,
   no event handler, no reference out of the page, no frame, link, base or meta
   refresh, no style but micropath's own) and shows the school's name as text;
   headless Chromium opening such a page runs none of the data's scripts.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from oracles import InertPage, assert_inert
from strategies import (
    DELIMITER_NAMES,
    MARKUP,
    SHEET_TITLES,
    CellError,
    Damage,
    DelimitedFile,
    Formula,
    SheetSpec,
    WorkbookSpec,
    cli_argvs,
    csv_inputs,
    delimited_files,
    not_workbooks,
    offer_argvs,
    offer_batches,
    page_texts,
    workbook_specs,
)

from micropath import batch, cli

LIMIT_SECONDS = 1.0
SCRIPT = Path(sys.executable).with_name("micropath")

fuzz = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""The active profile's example count (500 under ``ci``), without Hypothesis' deadline."""


def main(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``micropath`` in-process: its exit status, standard output (UTF-8, as a
    terminal's: with a binary buffer, for ``--html -``) and standard error. A run over
    the time limit is timed once more (a hang is slow every time; a one-time cost, such
    as an import, or a machine too busy to keep its caches warm, is not)."""
    status, out, err, elapsed = _run(argv, stdin)
    if elapsed >= LIMIT_SECONDS:
        elapsed = _run(argv, stdin)[3]
    assert elapsed < LIMIT_SECONDS, f"micropath {argv} took {elapsed:.2f}s"
    return status, out, err


def _run(argv: list[str], stdin: bytes) -> tuple[int, str, str, float]:
    written, err = io.BytesIO(), io.StringIO()
    out = io.TextIOWrapper(written, encoding="utf-8", write_through=True)
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    started = time.process_time()  # CPU time: a busy machine does not count
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(argv)
            out.flush()
    finally:
        sys.stdin = saved
    elapsed = time.process_time() - started
    return status, written.getvalue().decode("utf-8"), err.getvalue(), elapsed


@pytest.fixture(scope="module", autouse=True)
def _warm_up(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Pay the one-time costs first, which the time limit is not about: reading the
    holiday data, importing icalendar, openpyxl and matplotlib, and drawing a first
    figure."""
    folder = tmp_path_factory.mktemp("warm")
    argv = ["plan", "CPT", "--iap", "2027", "--today", "2026-10-01", "--ics", str(folder / "p.ics")]
    _run([*argv, "--html", str(folder / "p.html")], b"")
    source = folder / "in.csv"
    source.write_text(CSV_GOOD, encoding="utf-8")
    _run(["batch", str(source), "-o", str(folder / "out.xlsx"), "--today", "2026-10-01"], b"")
    _run(["cycle", "2027", "--today", "2026-10-01"], b"")


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
    among comma, semicolon and tab that splits the header (the first line that is not
    a blank row) into the most names of columns micropath reads, or if that is a tie,
    the one ``csv.Sniffer`` finds in the first 50 lines that are not blank rows (at
    most 64 KiB); rows of blank cells skipped."""
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
    if sample:
        named = {
            d: sum(normal(c) in READ for c in next(csv.reader(sample[:1], delimiter=d)))
            for d in ",;\t"
        }
        if named[delimiter] < max(named.values()):
            delimiter = max(named, key=lambda d: (named[d], -",;\t".index(d)))
    header, *rows = [row for row in csv.reader(lines, delimiter=delimiter) if any(row)]
    return header, [row for row in rows if any(cell.strip() for cell in row)]


NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 (so a workbook) cannot hold."""
READ = frozenset(batch.INPUT_COLUMNS) | frozenset(batch.SYNONYMS)
"""The header names that decide a delimiter: the columns micropath reads, and synonyms."""


def normal(name: str) -> str:
    """A column's name as the header check compares it."""
    return name.strip().lower().replace("-", "_").replace(" ", "_")


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
    fmt=st.sampled_from(("csv", "json", "xlsx")),
    to=st.sampled_from(("file", "existing file", "stdout", "stdin")),
)
@example(data=b"id,authorization,start\nr1,CPT,2027-01-04\n", fmt="csv", to="file")
@example(data=b"\xff\xfei\x00d\x00", fmt="csv", to="existing file")
@example(data=b'id,authorization,start\nr1,"CPT\n', fmt="json", to="existing file")
@example(data=b"id,authorization,start\nr1,CPT,2027-01-04\x00\n", fmt="csv", to="stdin")
@example(
    data=b"id,authorization,start\nr\xef\xbf\xbf1,CPT,2027-01-04\n", fmt="xlsx", to="file"
).via("finding: U+FFFF in a cell made an xlsx output that neither openpyxl nor Excel opens")
def test_batch_inputs(data: bytes, fmt: str, to: str) -> None:
    if fmt == "xlsx" and not to.endswith("file"):
        to = "file"  # a workbook goes to a file (in-process standard output is text)
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.csv"), Path(folder, f"out.{fmt}")
        source.write_bytes(data)
        if to == "existing file":
            target.write_text("old\n", encoding="utf-8")
        argv = ["batch", "-" if to == "stdin" else str(source), "--format", fmt]
        if to.endswith("file"):
            argv += ["-o", str(target)]
        status, out, err = main(argv, stdin=data)
        assert_clean(status, out, err, argv)
        left = set(os.listdir(folder))
        written = target.read_bytes() if target.exists() else None
        rows = xlsx_output_rows(target) if fmt == "xlsx" and status != 2 else None
    assert left <= {"in.csv", target.name}, left  # no temporary file left behind
    if status == 2:
        assert written == (b"old\n" if to == "existing file" else None)
        assert out == ""  # the whole input is checked before a row is written
        return
    if rows is None:
        text = written.decode("utf-8") if to.endswith("file") and written is not None else out
        rows = output_rows(text, fmt)
    header, expected = read_input(data)
    assert len(rows) == len(expected)  # every data row is in the output
    columns = [normal(c) for c in header]
    at = columns.index("id")
    ids = [(row[at] if at < len(row) else "").strip() for row in expected]
    shown = ids if fmt == "json" else [neutralised(i) for i in ids]
    if fmt == "xlsx":  # what XML cannot hold is U+FFFD; XML reads a CR as a line feed
        shown = [NOT_XML.sub("\ufffd", i).replace("\r\n", "\n").replace("\r", "\n") for i in shown]
    assert [r["id"] for r in rows] == shown
    assert (status == 1) == any(r["error"] for r in rows)


# -- xlsx workbooks ----------------------------------------------------------------------


def few(count: int) -> settings:
    """At most *count* examples (for slow calls: workbooks, pages)."""
    return settings(fuzz, max_examples=min(count, settings.default.max_examples))  # type: ignore[union-attr]


def build_workbook(spec: WorkbookSpec) -> bytes:
    """The workbook *spec* describes, saved by openpyxl."""
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.chart import BarChart

    book = openpyxl.Workbook()
    book.remove(book.active)
    for drawn in spec.sheets:
        sheet = book.create_sheet(drawn.title)
        if drawn.far is not None:
            sheet.cell(row=drawn.far[0], column=drawn.far[1], value="far")
        for number, row in enumerate(drawn.rows, start=1):
            for column, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=number, column=column)
                if isinstance(value, Formula):
                    cell.value = value.text  # openpyxl takes "=..." for a formula
                elif isinstance(value, CellError):
                    cell.value = value.code
                    cell.data_type = "e"
                else:
                    cell.value = value
                    if isinstance(value, str):
                        cell.data_type = "s"  # text, even "=1+1"
        for top, left, bottom, right in drawn.merged:
            sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        sheet.sheet_state = drawn.state
    if spec.chart_at is not None:
        book.create_chartsheet("Chart", spec.chart_at).add_chart(BarChart())
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_text(value: object) -> str:
    """A cell as the documentation says a batch reads it: a date as ISO text (with its
    time if it has one), a whole number stored as a float (``12.0``) as ``12``, a boolean
    as ``true``/``false``, an empty cell as ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat() if value.time() != clock_time() else value.date().isoformat()
    if isinstance(value, (date, clock_time)):
        return value.isoformat()
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def sheet_table(
    data: bytes, spec: WorkbookSpec, sheet: str | None
) -> list[tuple[int, tuple[object, ...]]] | None:
    """The non-blank rows (number, values) of the sheet a batch reads: *sheet*, or the first
    visible worksheet; None if there is none. Read by openpyxl's ordinary (not read-only)
    reader, over the drawn rows only and the stray far cell (a sheet 16384 columns wide
    and 20000 rows long is not read cell by cell). A formula is its text: openpyxl saves
    it without a value, and batch reads it as such (an ``UnsavedFormula``), never as an
    empty cell."""
    import openpyxl

    with warnings.catch_warnings():  # about parts neither reader uses
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data))
    tables = list(book.worksheets)
    if sheet is None:
        chosen = next((ws for ws in tables if ws.sheet_state == "visible"), None)
    else:
        chosen = next((ws for ws in tables if ws.title == sheet), None)
    if chosen is None:
        return None
    drawn = next(s for s in spec.sheets if s.title == chosen.title)
    height = len(drawn.rows) + 3
    width = max((len(row) for row in drawn.rows), default=0) + 3
    rows: dict[int, list[object]] = {
        number: list(values)
        for number, values in enumerate(
            chosen.iter_rows(min_row=1, max_row=height, max_col=width, values_only=True), start=1
        )
    }
    if drawn.far is not None:
        row, column = drawn.far
        value = chosen.cell(row=row, column=column).value  # "far", unless merged over
        cells = rows.setdefault(row, [])
        cells += [None] * (column - len(cells))
        cells[column - 1] = value
    return [
        (number, tuple(values))
        for number, values in sorted(rows.items())
        if any(value is not None and value != "" for value in values)
    ]


def xlsx_output_rows(path: Path) -> list[dict[str, object]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        header, *rows = [list(values) for values in book.worksheets[0].values]
    finally:
        book.close()
    assert header[0] == "id"
    assert tuple(header[-len(batch.RESULT_COLUMNS) :]) == batch.RESULT_COLUMNS
    width = len(header)
    return [  # a row's empty cells at its end are not stored
        {
            str(name): ("" if value is None else value)
            for name, value in zip(header, row + [None] * (width - len(row)), strict=True)
        }
        for row in rows
    ]


def usage_error(err: str, path: Path) -> str:
    """The kind of a usage error, for ``--hypothesis-show-statistics``: its first words
    after the file's name."""
    text = err.removeprefix("micropath: error: ").replace(str(path), "FILE")
    return "exit 2: " + re.split(r"[('\":;,]", text, maxsplit=1)[0].strip()[:50]


def error_lines(err: str) -> tuple[int, int, list[int]] | None:
    """The rows with errors the summary line names: (errors, rows, line numbers)."""
    found = re.search(
        r"micropath: (\d+) of (\d+) rows have an error \(input (?:rows|lines) ([\d, .]+)\)", err
    )
    if found is None:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", found.group(3))]
    return int(found.group(1)), int(found.group(2)), numbers


HIDDEN_FIRST = WorkbookSpec(
    (
        SheetSpec(
            "Hidden",
            (("id", "authorization", "start"), ("h1", "CPT", date(2027, 1, 4))),
            state="hidden",
        ),
        SheetSpec("Students", (("id", "authorization", "start"), ("s1", "OPT", date(2027, 1, 4)))),
    )
)
CHART_FIRST = WorkbookSpec(
    (SheetSpec("Students", (("id", "authorization", "start"), ("s1", "CPT", "2027-01-04"))),),
    chart_at=0,
)
FAR_AND_WIDE = WorkbookSpec(
    (
        SheetSpec(
            "Students",
            (("id", "authorization", "start"), ("s1", "CPT", "2027-01-04")),
            far=(100_000, 16_384),
        ),
    )
)
TIMES = WorkbookSpec(
    (
        SheetSpec(
            "Students",
            (
                ("id", "authorization", "start", "notes", "Since"),
                ("r0", "CPT", date(2027, 1, 4), clock_time(9, 30), timedelta(days=3)),
            ),
        ),
    )
)
TYPED = WorkbookSpec(
    (
        SheetSpec(
            "Students",
            (
                ("id", "authorization", "start", "notes"),
                (CellError("#N/A"), "CPT", date(2027, 1, 4), Formula("=1+1")),
                (Formula("=A1"), CellError("#DIV/0!"), datetime(2027, 1, 4, 9, 30), True),
                (12.0, "OPT", "2027-01-04", '=HYPERLINK("http://x")'),
                ("m", "CPT", date(2027, 1, 4), None),
                ("n", None, None, None),
            ),
            merged=((5, 3, 6, 4),),
        ),
    )
)


@few(150)
@given(
    spec=workbook_specs(),
    fmt=st.sampled_from(("csv", "json", "xlsx")),
    sheet=st.sampled_from((None,) * 24 + (*SHEET_TITLES, "Chart")),  # mostly the default
    raw=st.booleans(),
)
@example(spec=HIDDEN_FIRST, fmt="csv", sheet=None, raw=False).via(
    "finding: the hidden first sheet was read, not the sheet Excel shows"
)
@example(spec=CHART_FIRST, fmt="csv", sheet=None, raw=False).via(
    "finding: a chart sheet first raised AttributeError"
)
@example(spec=CHART_FIRST, fmt="json", sheet="Chart", raw=False).via(
    "finding: --sheet naming a chart sheet raised AttributeError"
)
@example(spec=FAR_AND_WIDE, fmt="xlsx", sheet=None, raw=False).via(
    "finding: a cell in row 100000 and one in column XFD made every row 16384 cells wide"
)
@example(spec=TYPED, fmt="xlsx", sheet=None, raw=True)
@example(spec=TIMES, fmt="json", sheet=None, raw=False).via(
    "finding: a time or duration cell in an extra column raised TypeError writing JSON"
)
def test_xlsx_inputs(spec: WorkbookSpec, fmt: str, sheet: str | None, raw: bool) -> None:
    data = build_workbook(spec)
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.xlsx"), Path(folder, f"out.{fmt}")
        source.write_bytes(data)
        argv = ["batch", str(source), "-o", str(target), "--format", fmt, "--today", "2026-10-01"]
        argv += ["--sheet", sheet] if sheet is not None else []
        argv += ["--raw"] if raw else []
        status, out, err = main(argv)
        assert_clean(status, out, err, argv)
        assert set(os.listdir(folder)) <= {"in.xlsx", target.name}  # no temporary file
        table = sheet_table(data, spec, sheet)
        if status == 2:
            assert not target.exists()
            assert str(source) in err  # the message names the file
            event(usage_error(err, source))
            return
        assert table is not None  # read: the sheet asked for, or the first visible one
        rows = (
            xlsx_output_rows(target)
            if fmt == "xlsx"
            else output_rows(target.read_text(encoding="utf-8"), fmt)
        )
    header = [as_text(cell).strip() for cell in table[0][1]]
    at = [name.lower().replace("-", "_").replace(" ", "_") for name in header].index("id")
    data_rows = [(number, values) for number, values in table[1:] if not all(map(_blank, values))]
    ids = [as_text(values[at] if at < len(values) else None).strip() for _, values in data_rows]
    shown = ids if fmt == "json" or raw else [neutralised(i) for i in ids]
    assert [r["id"] for r in rows] == shown  # every row, in order, with its id
    failed = [number for (number, _), r in zip(data_rows, rows, strict=True) if r["error"]]
    assert (status == 1) == bool(failed)
    if failed:  # the summary names the sheet rows with errors
        assert error_lines(err) == (len(failed), len(rows), failed[:5])


BASE = WorkbookSpec(
    (
        SheetSpec(
            "Students",
            (
                ("id", "authorization", "start", "notes"),
                ("r0", "CPT", date(2027, 1, 4), "a"),
                ("r1", "OPT", "2027-01-04", 3.5),
                ("r2", "AT", date(2027, 1, 4), None),
            ),
        ),
    )
)
"""The good workbook :class:`strategies.Damage` damages."""
BAD_NUMBER_SHEET = (
    b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    b"<sheetData><row r='1'><c r='A1' t='n'><v>abc</v></c></row></sheetData></worksheet>"
)


@functools.cache
def base_workbook() -> bytes:
    return build_workbook(BASE)


def damaged(damage: Damage) -> bytes:
    base = base_workbook()
    if damage.member is None:
        return base[: damage.keep]
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for name in original.namelist():
            content = original.read(name)
            if name == damage.member:
                if damage.drop:
                    continue
                content = damage.content if damage.content is not None else content[: damage.keep]
            copy.writestr(name, content)
    return buffer.getvalue()


@few(200)
@given(data=not_workbooks())
@example(data=Damage("[Content_Types].xml", content=b"junk")).via(
    "finding: a workbook whose XML does not parse raised xml.etree.ElementTree.ParseError"
)
@example(data=Damage("xl/worksheets/sheet1.xml", content=BAD_NUMBER_SHEET)).via(
    "finding: a sheet whose number cell holds text raised ValueError"
)
@example(data=Damage("xl/workbook.xml", content=BAD_NUMBER_SHEET)).via(
    "finding: a workbook part with no sheet raised IndexError"
)
@example(data=Damage("xl/styles.xml", content=b"<a/>")).via(
    "finding: openpyxl's warning about the styles was printed (an error under pytest)"
)
def test_files_named_xlsx_that_are_not_workbooks(data: bytes | Damage) -> None:
    pytest.importorskip("openpyxl")
    content = damaged(data) if isinstance(data, Damage) else data
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.xlsx"), Path(folder, "out.csv")
        source.write_bytes(content)
        argv = ["batch", str(source), "-o", str(target), "--today", "2026-10-01"]
        status, out, err = main(argv)
        assert_clean(status, out, err, argv)
        written = target.read_text(encoding="utf-8") if target.exists() else None
    if status == 2:
        assert written is None
        assert str(source) in err  # names the file
        event(usage_error(err, source))
        return
    assert written is not None
    rows = output_rows(written, "csv")
    if content.startswith(b"PK\x03\x04"):  # read as a workbook: the rows openpyxl reads
        import openpyxl

        with warnings.catch_warnings():  # a damaged part (styles) gets openpyxl's default
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = next(ws for ws in book.worksheets if ws.sheet_state == "visible")
            table = [values for values in sheet.values if not all(map(_blank, values))]
        expected = [as_text(values[0]).strip() for values in table[1:]]
    else:  # read as CSV, as the name does not matter
        header, found = read_input(content)
        at = [c.strip().lower() for c in header].index("id")
        expected = [(row[at] if at < len(row) else "").strip() for row in found]
    assert [r["id"] for r in rows] == [neutralised(i) for i in expected]


# -- CSV delimiters ----------------------------------------------------------------------


@fuzz
@given(case=delimited_files(), fmt=st.sampled_from(("csv", "json")))
@example(
    case=DelimitedFile(
        b"id,authorization,start,notes\nr1,CPT,2027-01-04,x;'y';z\n",
        ",",
        ("id", "authorization", "start", "notes"),
        (("r1", "CPT", "2027-01-04", "x;'y';z"),),
    ),
    fmt="csv",
).via("finding: quotes in a cell outweighed the header: a comma file was read as semicolons")
def test_the_header_decides_the_delimiter(case: DelimitedFile, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.csv"), Path(folder, f"out.{fmt}")
        source.write_bytes(case.data)
        argv = ["batch", str(source), "-o", str(target), "--format", fmt, "--today", "2026-10-01"]
        status, out, err = main(argv)
        assert_clean(status, out, err, argv)
        written = target.read_text(encoding="utf-8") if target.exists() else None
    event(f"{DELIMITER_NAMES[case.delimiter]}, {len(case.header)} column(s): exit {status}")
    if len(case.header) == 1:  # a column micropath needs is missing, whatever the delimiter
        assert status == 2
        assert f"{source} has no column" in err
        return
    if status == 2:  # only a row pasted from another file may break the file's quoting
        assert case.pasted, err
        assert re.search(rf"{re.escape(str(source))} line \d+: a quoted field", err), err
        return
    assert written is not None
    if fmt == "csv":  # the output keeps the input's delimiter
        assert written.startswith("id" + case.delimiter), written[:80]
    rows = output_rows(written, fmt)
    lines = case.data.decode("utf-8").splitlines(keepends=True)
    header, *records = [row for row in csv.reader(lines, delimiter=case.delimiter) if any(row)]
    records = [row for row in records if any(cell.strip() for cell in row)]
    at = header.index("id")
    ids = [(row[at] if at < len(row) else "").strip() for row in records]
    assert [r["id"] for r in rows] == (ids if fmt == "json" else [neutralised(i) for i in ids])


# -- offers ------------------------------------------------------------------------------


def iso(text: object) -> date | None:
    return None if text in (None, "") else date.fromisoformat(str(text))


def assert_offer_laws(
    offer: date,
    start: date,
    latest_offer: date,
    feasible: bool,
    on_time: bool,
    slack: int,
    earliest: date | None,
    premium: date | None,
) -> None:
    """An offer's check agrees with the plan it checks: its slack is the latest offer
    minus the offer, it is on time exactly when the plan is feasible and the offer no
    later than the latest offer; an offer on time allows the plan's own first day (or an
    earlier one), a late one only a later one (the latest offer never moves earlier as the
    first day moves later); no first day it allows comes before the offer. (Premium
    processing can give a later first day than without: it began in 2023.)"""
    assert slack == (latest_offer - offer).days
    assert on_time == (feasible and offer <= latest_offer)
    if on_time and earliest is not None:
        assert earliest <= start
    if feasible and not on_time and earliest is not None:
        assert earliest > start
    for first_day in (earliest, premium):
        assert first_day is None or first_day >= offer


@fuzz
@given(argv=offer_argvs())
@example(argv=["plan", "CPT", "--start", "2027-01-04", "--offer", "0001-01-01", "--json"])
@example(argv=["plan", "OPT", "--start", "2027-01-04", "--offer", "9999-12-31", "--json"])
@example(argv=["plan", "AT", "--iap", "2100", "--offer", "2100-12-31", "--json"])
@example(argv=["plan", "CPT", "--iap", "1970", "--offer", "1969-12-31", "--json"])
@example(argv=["plan", "OPT", "--start", "2027-01-04", "--offer", "2026-12-25", "--premium"])
def test_offers_on_the_command_line(argv: list[str]) -> None:
    status, out, err = main(argv)
    assert_clean(status, out, err, argv)
    assert status != 1  # nothing is written to a file
    offer_text = argv[argv.index("--offer") + 1]
    if status == 2:  # the line names a flag (or argument) given
        named = re.match(r"micropath: error: (--[a-z-]+|AUTH|YEAR) ", err)
        assert named is not None, err
        assert named.group(1) in (*argv, "AUTH"), err
        return
    if "--json" not in argv:
        assert f"An offer on {date.fromisoformat(offer_text.strip()).isoformat()}" in out
        return
    data = json.loads(out)
    offer = data["offer"]
    day = iso(offer["offer"])
    assert day == date.fromisoformat(offer_text.strip())
    assert offer["latest_offer"] == data["latest_offer"]
    expected = [iso(step["date"]) for step in offer["expected"]]
    assert expected[0] == day
    assert expected == sorted(expected)  # type: ignore[type-var]
    start = iso(data["start"])
    assert day is not None
    assert start is not None
    if offer["on_time"] and offer["in_hand"] is not None:
        assert iso(offer["in_hand"]) <= start  # type: ignore[operator]
    assert_offer_laws(
        day,
        start,
        date.fromisoformat(data["latest_offer"]),
        data["feasible"],
        offer["on_time"],
        offer["slack"],
        iso(offer["earliest_start"]),
        iso(offer["earliest_start_premium"]),
    )


@few(300)
@given(data=offer_batches())
@example(data=b"id,authorization,start,offer\nr0,CPT,2027-01-04,2101-01-01\n")
@example(data=b"id,authorization,iap,offer\nr0,OPT,2100,9999-12-31\nr1,AT,1970,0001-01-01\n")
def test_offers_in_a_batch(data: bytes) -> None:
    argv = ["batch", "-", "--format", "json", "--today", "2026-10-01"]
    status, out, err = main(argv, stdin=data)
    assert_clean(status, out, err, argv)
    assert status in (0, 1)  # the header is right: row errors only
    rows = [json.loads(line) for line in out.splitlines()]
    header, *lines = data.decode("utf-8").splitlines()
    given = [line.split(",") for line in lines]
    assert [r["id"] for r in rows] == [cells[0] for cells in given]  # every row, in order
    for row, (*_, offer_text) in zip(rows, given, strict=True):
        if row["error"] is not None:  # it names the column of the cell that is wrong
            assert row["error"].split(" ", 1)[0] in header.split(","), row["error"]
            continue
        if not offer_text.strip():
            assert row["offer"] is None
            continue
        day = iso(row["offer"])
        assert day is not None
        assert day == date.fromisoformat(offer_text.strip())
        assert_offer_laws(
            day,
            date.fromisoformat(row["start"]),
            date.fromisoformat(row["latest_offer"]),
            row["feasible"],
            row["on_time"],
            row["slack"],
            iso(row["earliest_start"]),
            iso(row["earliest_start_premium"]),
        )


# -- shareable pages ---------------------------------------------------------------------

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The page's Content-Security-Policy."""


def toml_text(text: str) -> str:
    """*text* as a TOML basic string (control characters escaped)."""
    escaped = "".join(
        "\\" + char
        if char in '"\\'
        else f"\\u{ord(char):04x}"
        if ord(char) < 0x20 or ord(char) == 0x7F
        else char
        for char in text
    )
    return f'"{escaped}"'


def school_file(label: str, term: str, closed: str, source: str) -> str:
    """A school file whose every name (the school's, the term's, closed days', the
    winter break's, a closure's) and every practice's source is drawn text."""
    return f"""key = "fuzz"
label = {toml_text(label)}
[calendar]
base = "federal"
closed = {{ "2026-11-30" = {toml_text(closed)}, "2026-12-15" = {toml_text(closed)} }}
[calendar.winter_break]
first = "12-19"
last = "01-02"
name = {toml_text(closed)}
[[calendar.closures]]
first = "2026-12-08"
last = "2026-12-09"
name = {toml_text(closed)}
[term]
name = {toml_text(term)}
days = 26
published = {{ "2027" = ["2027-01-11", "2027-02-05"] }}
[practices]
cpt_processing = {{ business_days = 10, source = {toml_text(source)} }}
opt_recommendation = {{ business_days = 10, source = {toml_text(source)} }}
at_processing = {{ business_days = 10, source = {toml_text(source)} }}
"""


@functools.cache
def own_styles() -> frozenset[str]:
    """The styles micropath writes: the page's and its figure's (matplotlib's SVG),
    read from a page without data of its own (drawing it also pays matplotlib's
    one-time costs, which the time limit is not about)."""
    from micropath import check_cycle, recruiting_cycle
    from micropath.views.page import report_html

    return frozenset(InertPage(report_html(check_cycle(recruiting_cycle(2027)))).styles)


@few(40)
@given(
    texts=st.lists(page_texts(), min_size=6, max_size=6),
    student=st.one_of(page_texts(), st.sampled_from(("\udcff", "Ana Lee", "\udcc3("))),
    command=st.sampled_from(("plan", "offer", "cycle", "batch")),
    kind=st.sampled_from(("CPT", "OPT", "AT")),
    to_stdout=st.booleans(),
    ics=st.booleans(),
)
@example(
    texts=list(MARKUP[:6]), student="\udcff", command="plan", kind="CPT", to_stdout=False, ics=True
).via("finding: --student with bytes that are not UTF-8 raised UnicodeEncodeError (--ics)")
@example(
    texts=[MARKUP[0], "a $x^$ b", *MARKUP[1:5]],
    student="x",
    command="cycle",
    kind="AT",
    to_stdout=True,
    ics=False,
).via("finding: a school's term named with $...$ broke 'micropath cycle --html' (ValueError)")
def test_pages_from_the_command_line_stay_inert(
    texts: list[str], student: str, command: str, kind: str, to_stdout: bool, ics: bool
) -> None:
    """``plan --html``, ``cycle --html`` and ``batch --html`` with a school file whose names
    and sources, and a batch whose ids, students and notes, hold markup and characters of
    every Unicode category: the page runs, fetches and restyles nothing, and shows the
    school's name as text."""
    label, term, closed, source, row_id, notes = (t if t.strip() else f"x{t}" for t in texts)
    own_styles()  # once, untimed
    with tempfile.TemporaryDirectory() as folder:
        school, page = Path(folder, "school.toml"), Path(folder, "page.html")
        school.write_text(school_file(label, term, closed, source), encoding="utf-8")
        target = "-" if to_stdout and command != "batch" else str(page)
        if command == "batch":
            rows = [["id", "name", "authorization", "iap", "school", "notes"],
                    [row_id, student, kind, "2027", str(school), notes],
                    [f"{row_id}-2", label, "CPT", "2027", str(school), term]]  # fmt: skip
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            source_file = Path(folder, "in.csv")
            source_file.write_bytes(buffer.getvalue().encode("utf-8", "surrogateescape"))
            argv = ["batch", str(source_file), "-o", str(Path(folder, "out.csv")), "--html", target]
        elif command == "cycle":
            argv = ["cycle", "2027", "--school", str(school), "--html", target]
        else:
            argv = ["plan", kind, "--iap", "2027", "--school", str(school), "--html", target]
            argv.append(f"--student={student}")  # a value may begin with "-"
            argv += ["--offer", "2026-11-02"] if command == "offer" else []
            argv += ["--ics", str(Path(folder, "plan.ics"))] if ics else []
        argv += ["--today", "2026-10-01"]
        status, out, err = main(argv)
        assert_clean(status, out, err, argv)
        written = page.read_bytes().decode("utf-8") if page.exists() else None  # CRs kept
    if status == 2:  # a name the school file cannot take, or a student the ICS file cannot
        assert "school.toml" in err or "--student" in err or "in.csv" in err, err
        event(usage_error(err, Path(folder, "")))
        return
    if command == "batch" and status == 1:  # a row with an error: the others are on the page
        assert "see the error column" in err
    text = out if target == "-" else written
    assert text is not None
    shown = assert_inert(text, own_styles(), POLICY).text
    assert label.strip() in shown  # the school's name, as text


def page_title(document: str) -> str:
    """The text of a document's ``<title>``."""
    found = re.search(r"<title>(.*?)</title>", document, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def test_a_page_with_scripts_in_its_data_runs_none_in_chromium(tmp_path: Path) -> None:
    """Headless Chromium opens a page whose school, term, closed days and sources are
    named with scripts, event handlers, a refresh and frames: the document's title is
    the page's own, and no element the data describes exists in the DOM. The same page
    with the data copied in raw and no Content-Security-Policy does run the script, so
    the check can fail."""
    from test_views_page import browse

    payload = (
        "<script>document.title='PWNED'</script>"
        "<img src=x onerror=\"document.title='PWNED'\">"
        "<svg onload=\"document.body.setAttribute('data-pwned','1')\"></svg>"
        '<meta http-equiv="refresh" content="0;url=data:text/html,PWNED">'
        "<iframe srcdoc=\"<script>parent.document.title='PWNED'</script>\"></iframe>"
    )
    own_styles()  # matplotlib's one-time costs, before the timed run
    school = tmp_path / "school.toml"
    school.write_text(school_file(payload, payload, payload, payload), encoding="utf-8")
    page = tmp_path / "page.html"
    argv = ["plan", "CPT", "--iap", "2027", "--school", str(school), "--html", str(page)]
    status, _, err = main([*argv, "--today", "2026-10-01"])
    assert status == 0, err
    text = page.read_text(encoding="utf-8")
    dom = browse(page, tmp_path, "--dump-dom").stdout
    rendered = InertPage(dom)
    assert page_title(dom) == page_title(text)  # no script set it
    assert not {"script", "img", "iframe"} & {tag for tag, _ in rendered.tags}
    assert not any("data-pwned" in attributes for _, attributes in rendered.tags)
    assert payload in rendered.text  # shown, as text

    # The control: the data copied in raw, and the policy taken out, runs the script.
    raw = text.replace(html.escape(payload, quote=True), payload).replace(
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">', ""
    )
    assert raw != text
    unsafe = tmp_path / "unsafe.html"
    unsafe.write_text(raw, encoding="utf-8")
    assert page_title(browse(unsafe, tmp_path, "--dump-dom").stdout) == "PWNED"


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
