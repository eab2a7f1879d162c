"""``micropath batch`` on the CSV files offices actually export.

Each example of issue 12 is a test here (the xlsx ones are in
``test_batch_xlsx.py``). Laws:

1. Extra columns (name, email, notes) and option columns (``iap``, ``premium``) are
   written through unchanged, in their input order, between ``id`` and the result
   columns; ``--drop-extra-columns`` leaves them out. Every row keeps its own results
   (no join on ``id``).
2. The delimiter (comma, semicolon, tab) is the one that splits the header into
   the most columns micropath reads (``csv.Sniffer`` breaks ties), or given
   with ``--delimiter``; the output uses the input's. LF, CRLF and CR line ends
   are read. Rows of empty cells (``,,``) are skipped like blank lines and
   trailing empty cells are no error.
3. An unclosed quote is a usage error naming the line where the quoted field
   began: exit 2, and nothing written (no file, nothing on standard output).
4. ``12.0`` is 12 where a whole number is meant, ``12.5`` an error; the
   year-first dates ``2027/01/04`` and ``2027-1-4`` are dates, ``1/4/2027``
   stays an error that says why.
5. A missing input is exit 2 "cannot read", and an existing ``-o`` file is
   left as it was.
6. Text copied from the input (ids, extra cells, the echoed cells of a row in
   error) that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
   return gets a ``'`` in front; ``--raw`` writes it as it is. The numbers
   micropath writes (a negative slack) stay numbers. A NUL in a cell is a row
   error naming the column.
7. An id on more than one row: one warning on standard error, a notice on
   each of its rows.
8. A missing column is suggested by meaning (``student_id`` for ``id``) as
   well as by spelling; a column that looks like one micropath reads is an
   error, never passed through.
9. An ``offer`` column gives ``on_time``, ``slack``, ``earliest_start`` and
   ``earliest_start_premium``, as :func:`micropath.offer_verdict` does.
   ``--today`` (default: the system's date) is the day of every row without a
   ``today`` cell.
10. ``--ics-dir`` writes ``Plan.to_ics(student=id)`` for each planned row;
    ``--ics`` one file of every row; two students never share a UID.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from in_process import main

import micropath as mp
from micropath import batch, cli
from micropath.errors import BatchInputError

SCRIPT = Path(sys.executable).with_name("micropath")
TODAY = "2026-10-01"


def script(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """Run the real console script, its standard input a pipe."""
    done = subprocess.run(
        [str(SCRIPT), *args], input=stdin, capture_output=True, timeout=120, check=False
    )
    assert b"Traceback" not in done.stderr
    return done


def table(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def results(result: mp.Plan) -> dict[str, str]:
    """The result cells of a good row planned as *result*, without an offer."""
    return {
        "authorization": result.authorization.value,
        "start": result.start.isoformat(),
        "latest_offer": result.latest_offer.isoformat(),
        "latest_filing": result.latest_filing.isoformat(),
        "earliest_filing": "" if result.earliest_filing is None else str(result.earliest_filing),
        "feasible": "true" if result.feasible else "false",
        "offer": "",
        "on_time": "",
        "slack": "",
        "earliest_start": "",
        "earliest_start_premium": "",
        "reasons": " | ".join(map(str, result.reasons)),
        "notices": "; ".join(map(str, result.notices)),
        "error": "",
    }


EXPORT = (
    "id,name,email,program,authorization,start,notes\r\n"
    '1042,Ana Lee,ana@example.edu,EECS PhD,OPT,2027-01-04,"asked about OPT, twice"\r\n'
    "1043,Bo Chen,bo@example.edu,MBA,CPT,2027-01-04,\r\n"
    '1044,Cy Diaz,cy@example.edu,Physics,AT,2027-01-04,"first year;\r\nsee advisor"\r\n'
)
"""An office's export, as Excel saves 'CSV UTF-8': CRLF, extra columns, a note over
two lines."""


def test_an_export_with_extra_columns_keeps_them_in_order_before_the_results(
    tmp_path: Path,
) -> None:
    source = tmp_path / "export.csv"
    source.write_text(EXPORT, encoding="utf-8", newline="")
    status, out, err = main(["batch", str(source), "--today", TODAY])
    assert (status, err) == (0, "")
    header = next(csv.reader(io.StringIO(out)))
    assert header == ["id", "name", "email", "program", "notes", *batch.RESULT_COLUMNS]
    rows = table(out)
    given = table(EXPORT)
    for row, student in zip(rows, given, strict=True):
        assert {k: row[k] for k in ("id", "name", "email", "program", "notes")} == {
            k: student[k] for k in ("id", "name", "email", "program", "notes")
        }
        expected = mp.plan(student["authorization"], student["start"], today=TODAY)
        assert {k: row[k] for k in batch.RESULT_COLUMNS} == results(expected)
    assert rows[2]["notes"] == "first year;\r\nsee advisor"  # unchanged, line break and all

    status, out, _ = main(["batch", str(source), "--today", TODAY, "--drop-extra-columns"])
    assert status == 0
    assert next(csv.reader(io.StringIO(out))) == list(batch.OUTPUT_COLUMNS)
    assert [row["latest_filing"] for row in table(out)] == [r["latest_filing"] for r in rows]


def test_the_option_columns_are_written_through_with_the_extra_ones(tmp_path: Path) -> None:
    """Found by a tester: the options a row was planned with (premium, the program's
    end) were dropped from the output, so the advisor could not see them."""
    source = tmp_path / "export.csv"
    source.write_text(
        "id,Name,Authorization,IAP,Premium,Program End\n"
        "ana,Ana Lee,OPT,2027,yes,2026-12-18\n"
        "bo,Bo Chen,OPT,2027,,\n",
        encoding="utf-8",
    )
    status, out, _ = main(["batch", str(source), "--today", TODAY])
    assert status == 0
    header = next(csv.reader(io.StringIO(out)))
    assert header == ["id", "Name", "IAP", "Premium", "Program End", *batch.RESULT_COLUMNS]
    rows = table(out)
    assert [(r["IAP"], r["start"], r["Premium"], r["Program End"]) for r in rows] == [
        ("2027", mp.iap(2027).start.isoformat(), "yes", "2026-12-18"),
        ("2027", mp.iap(2027).start.isoformat(), "", ""),
    ]
    ana = mp.plan("OPT", mp.iap(2027), premium=True, program_end="2026-12-18", today=TODAY)
    assert {k: rows[0][k] for k in batch.RESULT_COLUMNS} == results(ana)
    status, out, _ = main(["batch", str(source), "--today", TODAY, "--drop-extra-columns"])
    assert next(csv.reader(io.StringIO(out))) == list(batch.OUTPUT_COLUMNS)


def test_json_lines_carry_the_extra_columns_after_the_id() -> None:
    output = io.StringIO()
    batch.run_streams(io.BytesIO(EXPORT.encode()), output, fmt="json", today=date(2026, 10, 1))
    records = [json.loads(line) for line in output.getvalue().splitlines()]
    assert list(records[0]) == ["id", "name", "email", "program", "notes", *batch.RESULT_COLUMNS]
    assert [r["email"] for r in records] == [r["email"] for r in table(EXPORT)]


@pytest.mark.parametrize(
    ("delimiter", "given"),
    [(";", None), ("\t", None), (";", "semicolon"), ("\t", "tab"), (",", "comma"), (";", ";")],
)
def test_a_semicolon_or_tab_file_is_read_and_written_back_alike(
    delimiter: str, given: str | None
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(
        [
            ["id", "authorization", "start", "processing", "notes"],
            ["a", "CPT", "2027-01-04", "", "x, y"],
            ["b", "OPT", "2027-01-04", "100", ""],
        ]
    )
    text = buffer.getvalue()
    argv = ["batch", "-", "--today", TODAY]
    if given is not None:
        argv += ["--delimiter", given]
    status, out, err = main(argv, stdin=text.encode())
    assert (status, err) == (0, "")
    header = f"id{delimiter}processing{delimiter}notes{delimiter}authorization{delimiter}"
    assert out.startswith(header)  # the option is written through, with the extra column
    rows = table(out, delimiter)
    assert [row["notes"] for row in rows] == ["x, y", ""]
    assert [row["processing"] for row in rows] == ["", "100"]
    assert rows[1]["latest_filing"] == str(
        mp.plan("OPT", "2027-01-04", processing=100).latest_filing
    )


def test_a_wrong_delimiter_is_a_usage_error_that_says_so() -> None:
    status, out, err = main(
        ["batch", "-", "--delimiter", "comma"], stdin=b"id;authorization;start\n1;CPT;2027-01-04\n"
    )
    assert (status, out) == (2, "")
    assert "--delimiter" in err
    status, _, err = main(["batch", "-", "--delimiter", "pipe"], stdin=b"id\n")
    assert status == 2
    assert "--delimiter must be one of comma (','), semicolon (';'), tab" in err


def test_the_issue_s_excel_file_with_an_empty_row_has_no_error_row() -> None:
    """The issue's example, through a pipe:
    ``printf 'id,authorization,start\\r\\n1,CPT,2027-01-04\\r\\n,,\\r\\n' | micropath batch -``"""
    done = script(
        "batch",
        "-",
        "--today",
        TODAY,
        stdin=b"id,authorization,start\r\n1,CPT,2027-01-04\r\n,,\r\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    [row] = table(done.stdout.decode())
    assert row["id"] == "1"
    assert row["error"] == ""


def test_empty_rows_spaces_and_trailing_empty_cells_are_no_rows_and_no_errors() -> None:
    text = (
        "id,authorization,start,,\n"  # two unnamed columns after the last
        ",,,,\n"
        "a,CPT,2027-01-04,,\n"
        " , ,  \n"
        "b,CPT,2027-01-04,,,,\n"
        "c,CPT,2027-01-04,,,surplus\n"
        ",,\n"
    )
    output, summary = io.StringIO(), None
    summary = batch.run_streams(io.BytesIO(text.encode()), output)
    rows = table(output.getvalue())
    assert [row["id"] for row in rows] == ["a", "b", "c"]
    assert rows[0]["error"] == rows[1]["error"] == ""
    assert rows[2]["error"] == "row must have at most 3 fields (the header's), got 6"
    assert summary == batch.Summary(rows=3, errors=1, error_lines=(6,))


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_every_line_end_is_read(ending: str) -> None:
    text = ending.join(["id,authorization,start", "a,CPT,2027-01-04", '"b', 'c",AT,2027-01-04', ""])
    output = io.StringIO()
    summary = batch.run_streams(io.BytesIO(text.encode()), output)
    rows = table(output.getvalue())
    assert [row["id"] for row in rows] == ["a", f"b{ending}c"]
    assert summary.errors == 0
    assert rows[1]["latest_offer"] == str(mp.plan("AT", "2027-01-04").latest_offer)


UNCLOSED = 'id,authorization,start\n1,CPT,2027-01-04\n2,CPT,"2027-01-04\n' + "".join(
    f"{n},CPT,2027-01-04\n" for n in range(3, 103)
)
"""A quote left open on line 3, and 100 more students: today one row swallows them."""


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (UNCLOSED, "line 3: a quoted field begins here and is never closed"),
        (UNCLOSED + '103,CPT,"2027-01-04",notes\n', "line 3: a quoted field begins here"),
        (UNCLOSED.replace("\n", "\r"), "line 3: a quoted field begins here"),
        ('id,authorization,start\n"a"b,CPT,2027-01-04\n', "line 2: a quoted field has text"),
        ('id,name,authorization,start\n1,"x\ny",CPT,"2027\n', "line 3: a quoted field begins"),
    ],
    ids=["at-the-end", "closed-later", "cr", "text-after-quote", "after-a-good-one"],
)
def test_an_unclosed_quote_names_its_line_and_writes_nothing(
    tmp_path: Path, text: str, says: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8", newline="")
    for argv in (["batch", str(source)], ["batch", str(source), "-o", str(tmp_path / "out.csv")]):
        status, out, err = main(argv)
        assert (status, out) == (2, "")
        assert says in err, err
        assert err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["in.csv"]
    done = script("batch", "-", stdin=text.encode())  # through a pipe, as well
    assert (done.returncode, done.stdout) == (2, b"")
    assert says in done.stderr.decode()


@pytest.mark.parametrize(
    ("cell", "processing"),
    [("12.0", 12), ("12", 12), ("12.", 12), (" 12.00 ", 12), ("+7.0", 7)],
)
def test_a_whole_number_as_pandas_writes_it(cell: str, processing: int) -> None:
    row = {"authorization": "OPT", "start": "2027-01-04", "processing": cell}
    outcome = batch.plan_row(row)
    assert outcome.error is None
    assert outcome == batch.Outcome.of(mp.plan("OPT", "2027-01-04", processing=processing))


@pytest.mark.parametrize("cell", ["12.5", "12.01", "1e3", "-12.0", "twelve"])
def test_a_number_that_is_not_whole_is_an_error(cell: str) -> None:
    error = batch.plan_row({"authorization": "OPT", "start": "2027-01-04", "processing": cell})
    assert error.error == (
        f"processing must be a whole number of calendar days, 0 or more, got {cell!r}"
    )


@pytest.mark.parametrize("cell", ["2027/01/04", "2027-1-4", "2027/1/4", " 2027.01.04 "])
def test_year_first_dates_are_dates(cell: str) -> None:
    outcome = batch.plan_row({"authorization": "CPT", "start": cell, "offer": cell})
    assert outcome.error is None
    assert outcome.start == outcome.offer == "2027-01-04"


SPREADSHEET = "in a spreadsheet, format the column as yyyy-mm-dd"


def test_a_date_with_a_time_that_is_no_date_is_not_a_real_date() -> None:
    assert batch.plan_row({"authorization": "CPT", "start": "2027-02-30T10:00"}).error == (
        "start must be a real calendar date YYYY-MM-DD, got '2027-02-30T10:00'"
    )


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("1/4/2027", "1/4/2027 could be 2027-01-04 or 2027-04-01"),
        ("04/01/2027", "04/01/2027 could be 2027-04-01 or 2027-01-04"),
        ("4.1.2027", "4.1.2027 could be 2027-04-01 or 2027-01-04"),
        # One reading only: the date it is, still not read (a column is read one way).
        ("10/25/2026", "write 10/25/2026 as 2026-10-25"),
        ("25/10/2026", "write 25/10/2026 as 2026-10-25"),
        ("13/13/2027", "13/13/2027 is not a year-first date"),
        # A spreadsheet's date number: Excel's 45658 is 2025-01-01, so 46391 (733 days
        # later) is 2027-01-04.
        ("46391", "46391 looks like a spreadsheet's number for 2027-01-04"),
    ],
)
def test_ambiguous_dates_stay_errors_that_say_why(cell: str, why: str) -> None:
    """Found by a tester: the message gave the same example whatever the cell held."""
    assert batch.plan_row({"authorization": "CPT", "start": cell}).error == (
        f"start must be a date YYYY-MM-DD ({why}; {SPREADSHEET}), got {cell!r}"
    )
    assert "real calendar date" in str(
        batch.plan_row({"authorization": "CPT", "start": "2027/2/30"}).error
    )


def test_a_missing_input_is_a_usage_error_whatever_exists_at_the_output(tmp_path: Path) -> None:
    stale = tmp_path / "plans.csv"
    stale.write_text("id,latest_offer\nold,2020-01-01\n", encoding="utf-8")
    before = stale.stat()
    for args in (("missing.csv", "-o", "plans.csv"), ("missing.csv", "-o", str(stale))):
        done = subprocess.run(
            [str(SCRIPT), "batch", *args], capture_output=True, text=True, cwd=tmp_path, check=False
        )
        assert done.returncode == 2
        assert done.stderr.startswith("micropath: error: cannot read missing.csv")
        assert done.stdout == ""
    after = stale.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert stale.read_text(encoding="utf-8") == "id,latest_offer\nold,2020-01-01\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.csv"]


# -- safe output -------------------------------------------------------------------

DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]


def injected(first: str) -> str:
    """A batch input whose id, extra cell and (in a row in error) echoed cells all
    begin with *first*."""
    rows = [
        ["id", "notes", "authorization", "start", "offer"],
        [f"{first}1+1", f"{first}cmd|' /C calc'!A0", "OPT", "2027-01-04", "2026-10-25"],
        ["bad", "ok", f"{first}CPT", f"{first}2027-01-04", f"{first}2026"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("first", DANGEROUS, ids=["equals", "plus", "minus", "at", "tab", "cr"])
def test_every_cell_copied_from_the_input_is_neutralised(first: str) -> None:
    text = injected(first)
    output = io.StringIO()
    summary = batch.run_streams(io.BytesIO(text.encode()), output, today=date(2026, 10, 1))
    assert summary.errors == 1
    good, bad = table(output.getvalue())
    given_good, given_bad = table(text)
    row_id = given_good["id"].strip()  # an id is stripped: "\t1+1" is "1+1"
    assert good["id"] == (f"'{row_id}" if row_id[0] == first else row_id)
    assert good["notes"] == "'" + given_good["notes"]
    for column in ("authorization", "start", "offer"):
        assert bad[column] == "'" + given_bad[column]
    assert bad["error"] != ""
    assert good["slack"] == "-94"  # micropath's own number: no quote
    assert (
        int(good["slack"])
        == mp.offer_verdict(mp.plan("OPT", "2027-01-04"), "2026-10-25").verdict.slack
    )

    raw = io.StringIO()
    batch.run_streams(io.BytesIO(text.encode()), raw, raw=True, today=date(2026, 10, 1))
    good, bad = table(raw.getvalue())
    assert (good["id"], good["notes"]) == (row_id, given_good["notes"])
    assert bad["authorization"] == given_bad["authorization"]


def test_a_header_cell_copied_from_the_input_is_neutralised_too() -> None:
    output = io.StringIO()
    batch.run_streams(io.BytesIO(b"id,authorization,start,=notes\na,CPT,2027-01-04,x\n"), output)
    assert output.getvalue().startswith("id,'=notes,authorization,")


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        (("a", "CPT", "2027-01-04", "x\x00y"), "Notes"),
        (("a\x00", "CPT", "2027-01-04", ""), "id"),
        (("a", "CPT", "2027-01-04\x00", ""), "start"),
    ],
)
def test_a_nul_in_a_cell_is_a_row_error_naming_the_column(
    cells: tuple[str, ...], column: str
) -> None:
    text = "id,authorization,start,Notes\nfirst,CPT,2027-01-04,\n" + ",".join(cells) + "\n"
    output = io.StringIO()
    summary = batch.run_streams(io.BytesIO(text.encode()), output)
    first, row = table(output.getvalue())
    assert first["error"] == ""
    nul = next(cell for cell in cells if "\x00" in cell)
    assert row["error"] == f"{column} must be text without NUL characters, got {nul!r}"
    assert summary == batch.Summary(rows=2, errors=1, error_lines=(3,))


# -- ids and headers ----------------------------------------------------------------


def test_duplicate_ids_warn_once_and_mark_each_of_their_rows() -> None:
    text = (
        "id,name,authorization,start\n"
        "1042,Ana,CPT,2027-01-04\n"
        "7,Bo,AT,2027-01-04\n"
        "1042,Ana,OPT,2027-01-04\n"
        "8,Cy,CPT,2027-02-30\n"
        "8,Cy,CPT,2027-01-04\n"
        "1042,Ana,AT,2027-01-04\n"
    )
    status, out, err = main(["batch", "-", "--today", TODAY], stdin=text.encode())
    assert status == 1  # the row with 2027-02-30
    warning, summary = err.splitlines()
    assert warning == (
        "micropath: warning: 2 id(s) on more than one row: '1042' (input lines 2, 4, 7), "
        "'8' (input lines 5, 6); see the notices column"
    )
    assert summary.startswith("micropath: 1 of 6 rows have an error (input lines 5)")
    rows = table(out)
    notice = {
        "1042": str(
            mp.Finding("duplicate-id", "notice", {"id": "1042", "rows": 3, "lines": (2, 4, 7)})
        ),
        "8": str(mp.Finding("duplicate-id", "notice", {"id": "8", "rows": 2, "lines": (5, 6)})),
    }
    for row in rows:
        if row["id"] == "7":
            assert row["notices"] == ""
            continue
        assert row["notices"].endswith(notice[row["id"]]), row
    # Each row keeps its own plan: the OPT row's dates are OPT's, not the CPT row's.
    assert rows[2]["latest_filing"] == str(mp.plan("OPT", "2027-01-04").latest_filing)
    assert rows[0]["latest_filing"] == str(mp.plan("CPT", "2027-01-04").latest_filing)
    assert rows[2]["notices"] == "; ".join(
        [*map(str, mp.plan("OPT", "2027-01-04", today=TODAY).notices), notice["1042"]]
    )


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("student_id,authorization,start", "no column id (did you mean 'student_id'?)"),
        ("Student,authorization,start", "no column id (did you mean 'Student'?)"),  # a tester's
        ("id,visa,start", "no column authorization (did you mean 'visa'?)"),
        ("id,Type,start", "no column authorization (did you mean 'Type'?)"),
        ("id,authorization,Start Date", "no column start or iap (did you mean 'Start Date'?)"),
        (
            "Student ID,Visa,start_date",
            "no column id (did you mean 'Student ID'?); no column authorization (did you mean "
            "'Visa'?); no column start or iap (did you mean 'start_date'?)",
        ),
        ("id,authorization,start,offer_date", "'offer_date' (did you mean 'offer'?)"),
        ("id,authorization,start,premium_processing", "(did you mean 'premium'?)"),
        ("id,authorization,start,procesing", "'procesing' (did you mean 'processing'?)"),
        ("id,authorization,start,calender", "(did you mean 'calendar'?)"),
        ("id,authorization,start,Premum", "'Premum' (did you mean 'premium'?)"),
    ],
)
def test_a_missing_or_misnamed_column_is_suggested_by_meaning_and_spelling(
    header: str, says: str
) -> None:
    with pytest.raises(BatchInputError) as caught:
        batch.run_streams(io.BytesIO(f"{header}\n1,CPT,2027-01-04\n".encode()), io.StringIO())
    assert says in str(caught.value)


@pytest.mark.parametrize(
    "header",
    [
        "id,authorization,start,email,name,program,notes",  # 'email' is not 'mailing'
        "id,authorization,start,type,visa",  # synonyms of a column that is there
        "id,authorization,iap,year,status,degree",
    ],
)
def test_an_ordinary_extra_column_is_not_taken_for_an_option(header: str) -> None:
    output = io.StringIO()
    batch.run_streams(io.BytesIO(f"{header}\n1,CPT,2027,x,y,z,w\n".encode()), output)
    kept = [c for c in header.split(",") if c not in ("id", "authorization", "start")]
    assert output.getvalue().startswith(",".join(["id", *kept]) + ",authorization,")


def test_an_output_with_options_fed_back_in_gives_the_same_output() -> None:
    """Found by a reviewer and a tester: with the option columns written through, an iap
    row came back with both iap and start (an error), a failed iap row lost its year,
    and a neutralised "'+30" was no number. A row with iap and the start IAP begins on
    is that IAP's row; "'+30" is read as "+30"; a failed row keeps its cells."""
    text = (
        "id,authorization,iap,start,processing,premium,offer,notes\n"
        "ana,CPT,2027,,,,2026-11-02,=see advisor\n"
        "bo,OPT,,2027-01-04,+30,,2026-06-01,\n"
        "cy,OPT,,2027-01-04,,yes,,\n"
        "dee,OPT,2028,,,maybe,,\n"
    )
    first = io.StringIO()
    batch.run_streams(io.BytesIO(text.encode()), first, today=date(2026, 10, 1))
    rows = table(first.getvalue())
    assert [row["error"] for row in rows] == [
        "",
        "",
        "",
        "premium must be true/false, yes/no, 1/0 or empty, got 'maybe'",
    ]
    assert (rows[0]["iap"], rows[0]["start"]) == ("2027", mp.iap(2027).start.isoformat())
    assert rows[1]["processing"] == "'+30"  # neutralised for a spreadsheet
    second = io.StringIO()
    batch.run_streams(io.BytesIO(first.getvalue().encode()), second, today=date(2026, 10, 1))
    assert second.getvalue() == first.getvalue()


def test_a_previous_run_s_output_is_planned_again_with_fresh_results() -> None:
    first = io.StringIO()
    text = "id,authorization,start,offer\na,OPT,2027-01-04,\n"
    batch.run_streams(io.BytesIO(text.encode()), first)
    again = first.getvalue().replace("2027-01-04,2026-07-23", "2027-01-04,1999-01-01", 1)
    second = io.StringIO()
    batch.run_streams(io.BytesIO(again.encode()), second)  # its result columns are replaced
    assert second.getvalue() == first.getvalue()


# -- offers and today --------------------------------------------------------------


def test_an_offer_column_gives_the_employer_s_answer() -> None:
    text = (
        "id,authorization,start,offer,premium\n"
        "late,OPT,2027-01-04,2026-10-25,\n"
        "early,OPT,2027-01-04,2026-06-01,\n"
        "cpt,CPT,2027-01-04,2026-11-21,\n"
        "prem,OPT,2027-01-04,2026-10-25,yes\n"
        "bad,CPT,2027-01-04,1/4/2027,\n"
    )
    output = io.StringIO()
    summary = batch.run_streams(io.BytesIO(text.encode()), output)
    assert summary.errors == 1
    rows = table(output.getvalue())
    for row in rows[:4]:
        premium = row["id"] == "prem"
        answer = mp.offer_verdict(
            mp.plan(row["authorization"], row["start"], premium=premium), row["offer"]
        )
        assert row["on_time"] == str(answer.on_time).lower()
        assert int(row["slack"]) == answer.verdict.slack
        assert row["earliest_start"] == str(answer.earliest_start or "")
        assert row["earliest_start_premium"] == str(answer.earliest_start_premium or "")
    assert [row["on_time"] for row in rows] == ["false", "true", "false", "false", ""]
    assert rows[0]["earliest_start_premium"] == "2027-01-26"  # OPT offers premium processing
    assert rows[2]["earliest_start_premium"] == rows[3]["earliest_start_premium"] == ""
    assert rows[4]["error"].startswith("offer must be a date YYYY-MM-DD")
    assert rows[4]["offer"] == "1/4/2027"


def test_an_offer_past_the_calendars_is_a_row_error_naming_offer() -> None:
    outcome = batch.plan_row({"authorization": "CPT", "start": "2027-01-04", "offer": "2100-12-31"})
    assert outcome.error is not None
    assert outcome.error.startswith("offer must be")


class _FixedDay(date):
    @classmethod
    def today(cls) -> _FixedDay:
        return cls(2026, 11, 30)


def test_today_defaults_to_the_system_date_and_a_today_cell_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "date", _FixedDay)
    text = "id,authorization,start,today\na,OPT,2027-01-04,\nb,OPT,2027-01-04,2026-06-01\n"
    status, out, _ = main(["batch", "-"], stdin=text.encode())
    assert status == 0
    first, second = table(out)
    expected = mp.plan("OPT", "2027-01-04", today="2026-11-30").notices
    assert first["notices"] == "; ".join(map(str, expected))
    assert "has already passed (today is 2026-11-30)" in first["notices"]
    assert second["notices"] == "; ".join(
        map(str, mp.plan("OPT", "2027-01-04", today="2026-06-01").notices)
    )
    status, out, _ = main(["batch", "-", "--today", "2026-06-01"], stdin=text.encode())
    assert [row["notices"] for row in table(out)] == [second["notices"]] * 2
    status, _, err = main(["batch", "-", "--today", "soon"], stdin=text.encode())
    assert status == 2
    assert "--today must be a date" in err


# -- calendars ---------------------------------------------------------------------

TWINS = "id,authorization,start\nana,AT,2027-01-04\nbo,AT,2027-01-04\nx/y,AT,2027-01-04\nbad,AT,\n"
"""Two students with the same first day and authorization, an id that is no file
name, and a row in error (no calendar)."""


def uids(data: bytes) -> list[str]:
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


def without_stamps(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(b"DTSTAMP")]


def test_one_calendar_file_per_student_with_distinct_uids(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(TWINS, encoding="utf-8")
    folder = tmp_path / "calendars"
    out = str(tmp_path / "out.csv")
    status, _, _ = main(
        ["batch", str(source), "-o", out, "--ics-dir", str(folder), "--today", TODAY]
    )
    assert status == 1  # the row in error
    assert sorted(p.name for p in folder.iterdir()) == ["ana.ics", "bo.ics", "x_y.ics"]
    ana, bo = (folder / "ana.ics").read_bytes(), (folder / "bo.ics").read_bytes()
    assert not set(uids(ana)) & set(uids(bo))
    assert len(uids(ana)) == len(set(uids(ana))) == len(mp.plan("AT", "2027-01-04").milestones)
    for student in ("ana", "bo"):
        expected = mp.plan("AT", "2027-01-04", today=TODAY).to_ics(student=student)
        assert without_stamps((folder / f"{student}.ics").read_bytes()) == without_stamps(expected)
    assert b"[x/y] AT" in (folder / "x_y.ics").read_bytes()


def test_one_combined_calendar_of_every_planned_row(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(TWINS + "ana,AT,2027-01-04\n", encoding="utf-8")
    target = tmp_path / "all.ics"
    status, out, _ = main(["batch", str(source), "--ics", str(target)])
    assert status == 1
    assert len(table(out)) == 5
    every = uids(target.read_bytes())
    per_student = len(mp.plan("AT", "2027-01-04").milestones)
    assert len(every) == len(set(every)) == 3 * per_student  # ana's second row is the same plan
    for student in ("ana", "bo", "x/y"):
        assert f"[{student}] AT".encode() in target.read_bytes()


def test_calendar_names_never_collide(tmp_path: Path) -> None:
    text = "id,authorization,start\nAna,CPT,2027-01-04\nana,CPT,2027-01-04\n..,CPT,2027-01-04\n"
    status, _, _ = main(["batch", "-", "--ics-dir", str(tmp_path)], stdin=text.encode())
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Ana.ics", "ana-line-3.ics", "line-4.ics"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--ics", "-"], "batch calendars go to files"),
        (["--ics", "a.ics", "--ics-dir", "d"], "not allowed with argument --ics"),
        (["--ics", "no/such/folder/a.ics"], "no directory"),
    ],
)
def test_calendar_usage_errors(argv: list[str], says: str) -> None:
    status, out, err = main(["batch", "-", *argv], stdin=TWINS.encode())
    assert (status, out) == (2, "")
    assert says in err


def test_a_combined_calendar_of_no_plan_is_a_failure_after_the_rows(tmp_path: Path) -> None:
    target = tmp_path / "all.ics"
    status, out, err = main(
        ["batch", "-", "--ics", str(target)], stdin=b"id,authorization,start\na,CPT,\n"
    )
    assert status == 1
    assert len(table(out)) == 1
    assert "no row was planned, so no calendar was written" in err
    assert not target.exists()


def test_calendars_need_the_ics_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    status, out, err = main(["batch", "-", "--ics-dir", str(tmp_path)], stdin=TWINS.encode())
    assert (status, out) == (2, "")
    assert "pip install 'icalendar>=5.0'" in err
    assert list(tmp_path.iterdir()) == []


# -- edges: pipes, files, limits ----------------------------------------------------


class _Pipe(io.RawIOBase):
    """A readable stream that cannot seek, read in small pieces, as a pipe is."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(min(len(buffer), 4000))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def piped(data: bytes) -> io.BufferedReader:
    return io.BufferedReader(_Pipe(data))


def test_a_pipe_is_read_twice_without_losing_a_byte() -> None:
    notes = "n" * 200
    text = "id;authorization;start;notes\n" + "".join(
        f"r{i};CPT;2027-01-{4 + i % 20:02d};{notes}\n" for i in range(6000)
    )  # over 1 MiB: the copy of the pipe moves from memory to a temporary file
    data = text.encode()
    assert len(data) > 1 << 20
    from_file, from_pipe = io.StringIO(), io.StringIO()
    batch.run_streams(io.BytesIO(data), from_file)
    summary = batch.run_streams(piped(data), from_pipe)
    assert summary.rows == 6000
    assert from_pipe.getvalue() == from_file.getvalue()
    assert from_pipe.getvalue().startswith("id;notes;authorization;")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"id,authorization,start\n" + b"x" * (1 << 20) + b"\nz\n", "line 2 is longer than 1 MiB"),
        (b"id,authorization,start\n" + b"x" * (1 << 21), "line 2 is longer than 1 MiB"),
        (b"id,authorization\x00,start\n", "it has NUL bytes; UTF-16?"),
        ("id,authorization,start\n".encode("utf-16"), "UTF-16 text, not UTF-8"),
        ("id,authorization,start\nJosé,CPT,\n".encode("latin-1"), "line 2 has the byte 0xe9"),
        (b'id,authorization,start\n1,CPT,"' + b"x\n" * 20_000, "line 2: a quoted field begins"),
        (b'id,authorization,start\n1,"say ""hi"" and go,CPT\n', "line 2: a quoted field begins"),
        (b'id,authorization,start\n1,CPT,"' + b"x" * 140_000 + b'"\n', "longer than 131072"),
        (b"\n\n", "is empty"),
        (b"", "is empty"),
        (b"1,CPT,2027-01-04\n", "has no header row: its first line is '1', 'CPT', '2027-01-04'"),
    ],
    ids=[
        "long-line",
        "long-last-line",
        "nul-header",
        "utf-16",
        "latin-1",
        "open-quote-many-lines",
        "doubled-quotes",
        "field-limit",
        "blank",
        "empty",
        "no-header",
    ],
)
def test_unreadable_inputs_in_process(content: bytes, says: str) -> None:
    for source in (io.BytesIO(content), piped(content)):
        with pytest.raises(BatchInputError) as caught:
            batch.run_streams(source, io.StringIO(), name="in.csv")
        assert says in str(caught.value)


def test_file_errors_name_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "in.csv"
    good.write_text("id,authorization,start\na,CPT,2027-01-04\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(tmp_path / "gone" / "out.csv")
    cases = [
        ([str(tmp_path)], f"cannot read {tmp_path}: it is a directory"),
        ([str(tmp_path / "missing.csv"), "-o", str(good)], "No such file or directory"),
        ([str(good), "-o", str(tmp_path)], "it is a directory"),
        ([str(good), "-o", str(tmp_path / "no" / "out.csv")], "no directory"),
        ([str(good), "-o", str(good)], "is the input file"),
        ([str(good), "-o", str(tmp_path / "link.csv")], "cannot write"),
        ([str(good), "--ics-dir", str(good / "sub")], "--ics-dir: cannot write calendars to"),
        (  # found by a tester: "File exists", and no flag
            [str(good), "--ics-dir", str(good)],
            f"--ics-dir: cannot write calendars to {good}: it is not a directory",
        ),
    ]
    for argv, says in cases:
        status, out, err = main(["batch", *argv])
        assert (status, out) == (2, ""), argv
        assert says in err, (argv, err)
    assert good.read_text(encoding="utf-8").startswith("id,authorization,start\na,")
    monkeypatch.setattr(sys, "stdin", None)
    status, _, err = cli_main_plain(["batch", "-"])
    assert status == 2
    assert "cannot read standard input: it is closed" in err


def cli_main_plain(argv: list[str]) -> tuple[int, str, str]:
    """``cli.main`` without replacing standard input."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return status, out.getvalue(), err.getvalue()


def test_a_failure_to_write_is_reported_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,authorization,start\na,CPT,2027-01-04\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch._files, "open_text", refuse)
    status, _, err = main(["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert status == 2
    assert "cannot write" in err
    assert "No space left on device" in err
    monkeypatch.undo()
    monkeypatch.setattr(batch._files, "write_bytes", refuse)
    status, out, err = main(["batch", str(source), "--ics", str(tmp_path / "all.ics")])
    assert status == 1
    assert len(table(out)) == 1
    assert "No space left on device" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_calendar_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch._files, "write_bytes", refuse)
    out = tmp_path / "out.csv"
    status, _, err = main(
        ["batch", "-", "-o", str(out), "--ics-dir", str(tmp_path / "cal")], stdin=TWINS.encode()
    )
    assert status == 2
    assert f"cannot write {tmp_path / 'cal' / 'ana.ics'}: No space left on device" in err
    assert not out.exists()


def test_library_arguments_are_checked() -> None:
    source = io.BytesIO(b"id,authorization,start\na,CPT,2027-01-04\n")
    with pytest.raises(mp.MicropathError, match="format must be one of csv, json, xlsx"):
        batch.run_streams(source, io.StringIO(), fmt="xml")
    with pytest.raises(mp.MicropathError, match="ics_dir must be left out when ics is given"):
        batch.run_streams(source, io.StringIO(), ics="a.ics", ics_dir="d")


def test_the_memos_forget_and_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "id,authorization,start,processing\n" + "".join(
        f"r{i},{' ' * (i % 4)}OPT,2027-01-04,{i % 5}\n" for i in range(40)
    )
    remembered = io.StringIO()
    batch.run_streams(io.BytesIO(text.encode()), remembered, cache_size=0)
    monkeypatch.setattr(batch, "_MEMO_SIZE", 2)
    forgetful = io.StringIO()
    batch.run_streams(io.BytesIO(text.encode()), forgetful, cache_size=0)
    assert forgetful.getvalue() == remembered.getvalue()
    assert table(forgetful.getvalue())[7]["latest_filing"] == str(
        mp.plan("OPT", "2027-01-04", processing=2).latest_filing
    )


def test_an_id_in_the_last_column_and_a_short_row() -> None:
    output = io.StringIO()
    summary = batch.run_streams(
        io.BytesIO(b"authorization,start,id\nCPT,2027-01-04,a\nCPT\n"), output
    )
    assert [row["id"] for row in table(output.getvalue())] == ["a", ""]
    assert summary.errors == 1


def test_the_warning_lists_the_first_five_duplicate_ids() -> None:
    text = "id,authorization,start\n" + "".join(
        f"d{i},CPT,2027-01-04\n" for i in range(7) for _ in range(2)
    )
    status, _, err = main(["batch", "-", "--today", TODAY], stdin=text.encode())
    assert status == 0
    assert err.startswith("micropath: warning: 7 id(s) on more than one row: 'd0' (input lines ")
    assert err.count("(input lines") == 5
    assert err.endswith(", ...; see the notices column\n")


def test_an_xlsx_workbook_through_a_pipe(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["id", "authorization", "start", "", None])
    book.active.append(["a", "CPT", date(2027, 1, 4), None, "surplus"])
    book.active.append(["b", "CPT", date(2027, 1, 4)])
    data = io.BytesIO()
    book.save(data)
    output = io.StringIO()
    summary = batch.run_streams(piped(data.getvalue()), output)
    rows = table(output.getvalue())
    assert [row["id"] for row in rows] == ["a", "b"]
    assert rows[0]["error"] == "row must have at most 3 fields (the header's), got 5"
    assert (summary.unit, summary.error_lines) == ("row", (2,))
    assert rows[1]["latest_offer"] == str(mp.plan("CPT", "2027-01-04").latest_offer)


def test_a_broken_workbook_through_a_pipe_leaves_no_temporary_copy() -> None:
    pytest.importorskip("openpyxl")
    with pytest.raises(BatchInputError, match="is not an xlsx workbook"):
        batch.run_streams(piped(b"PK\x03\x04" + b"junk" * 100), io.StringIO())


def test_xlsx_on_a_text_stream_goes_to_its_buffer(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "in.csv"
    source.write_text("id,authorization,start\na,CPT,2027-01-04\n", encoding="utf-8")
    binary = io.BytesIO()
    stdout = io.TextIOWrapper(binary, encoding="utf-8")
    assert batch.run(str(source), None, fmt="xlsx", stdout=stdout).rows == 1
    assert openpyxl.load_workbook(io.BytesIO(binary.getvalue())).active["A2"].value == "a"


def test_a_finding_with_a_list_parameter_is_still_a_sentence() -> None:
    finding = mp.Finding("in-session", "notice", {"vacations": ["IAP 2027"]})
    assert batch._sentence(finding) == str(finding)
    advisory = mp.plan("OPT", "2027-01-04", today=TODAY).notices[-1]
    assert batch._sentence(advisory) is batch._sentence(advisory)  # made once, shared


@pytest.mark.parametrize("blank", [";;;", ";;", ";", ";;;;;;"])
def test_a_semicolon_file_with_short_blank_rows_is_detected(tmp_path: Path, blank: str) -> None:
    """Found by a user: a ";;;" row narrower than the header made the sniffer give up."""
    source = tmp_path / "s.csv"
    source.write_text(
        f"id;Name;authorization;start;notes\n1;A;CPT;2027-01-04;\n{blank}\n2;B;AT;2027-01-04;\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert cli.main(["batch", str(source), "-o", str(out), "--today", "2026-01-01"]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3
    assert rows[1].startswith("1;A;")
    assert rows[2].startswith("2;B;")


_IDS = st.sampled_from(["1", "2", "x", "007", "7", " 7", "Ana", "", *map(str, range(10, 30))])


@settings(max_examples=60, deadline=None)
@given(st.lists(_IDS, max_size=14), st.sampled_from([1, 1 << 23]))
def test_the_rows_marked_as_duplicates_are_those_whose_id_repeats(
    ids: list[str], bitmap: int
) -> None:
    """Law: a row is marked exactly when its id (stripped, not empty) is on another
    row too, with the lines of every such row (counted by collections.Counter).
    With a bitmap of one byte most ids share a bit, so the second look is tested."""
    text = "id,authorization,start\n" + "".join(f"{i},CPT,2027-01-04\n" for i in ids)
    with mock.patch.object(batch, "_SEEN_BYTES", bitmap):
        _, out, _ = main(["batch", "-", "--today", TODAY], stdin=text.encode())
    counts = Counter(i.strip() for i in ids if i.strip())
    for line, (row_id, row) in enumerate(zip(ids, table(out), strict=True), start=2):
        key = row_id.strip()
        if key and counts[key] > 1:
            lines = tuple(n for n, i in enumerate(ids, start=2) if i.strip() == key)
            assert lines[0] <= line <= lines[-1]
            expected = mp.Finding(
                "duplicate-id", "notice", {"id": key, "rows": counts[key], "lines": lines[:5]}
            )
            assert row["notices"].endswith(str(expected)), row
        else:
            assert " rows (input lines " not in row["notices"], row
