"""``micropath batch``: one plan per CSV row, streamed, written atomically.

The file-level behaviour runs the real console script in a subprocess; the
row logic is checked in-process (:func:`micropath.batch.plan_row`,
:func:`micropath.batch.run`). Laws:

1. Every input row appears in the output, in order, with its ``id``.
2. A good row's figures are those of :func:`micropath.plan` with the row's
   options; a bad row's ``error`` starts with the column at fault, and the
   other rows still go through. Exit 0 if every row planned, 1 if any row
   has an error.
3. An input that cannot be read (missing, empty, no header, unknown column,
   not UTF-8, a field over the CSV limit) is a usage error: one line on
   standard error, exit 2, and no output file - not even a temporary one.
4. The output is replaced atomically: a run that fails leaves an existing
   output file as it was.
5. The row cache changes nothing: the output is the same with it and without.
6. No input, however malformed, makes ``plan_row`` raise or the CLI print a
   traceback.
7. Every :class:`~micropath.options.PlanOptions` field is a column (a lead
   also ``x_business``), every option column is a field, and a column means
   what the field means to :func:`micropath.plan`.
8. The atomic writer (:mod:`micropath._files`) never reads or changes the
   umask: a new file gets ``0o666 & ~umask``, an existing one keeps its mode,
   and an error leaves neither a temporary file nor a changed target.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import micropath as mp
from micropath import _files, _text, batch, cli
from micropath.errors import BatchInputError, MicropathError
from micropath.options import fields

SCRIPT = Path(sys.executable).with_name("micropath")
HEADER = "id,authorization,start,iap,processing,processing_business,premium,mailing,terms_completed"


def run(
    *args: str, script: bool = True, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "micropath"]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=cwd, timeout=60, check=False
    )
    assert "Traceback" not in done.stderr
    return done


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def expected_cells(result: mp.Plan) -> dict[str, str]:
    earliest = result.earliest_filing
    return {
        "authorization": result.authorization.value,
        "start": result.start.isoformat(),
        "latest_offer": result.latest_offer.isoformat(),
        "latest_filing": result.latest_filing.isoformat(),
        "earliest_filing": "" if earliest is None else earliest.isoformat(),
        "feasible": "true" if result.feasible else "false",
        **dict.fromkeys(("offer", "on_time", "slack", "earliest_start"), ""),
        "earliest_start_premium": "",
        "reasons": " | ".join(map(str, result.reasons)),
        "notices": "; ".join(map(str, result.notices)),
        "error": "",
    }


TODAY = "2026-12-01"
"""The --today of the runs through the console script (its default is the system's date)."""


MIXED: list[tuple[str, str, mp.Plan | str]] = [
    # id, row (after the id), the plan it means (on TODAY) or the column its error names
    ("s1", "CPT,,2027,,,,,", mp.plan("CPT", mp.iap(2027), today=TODAY)),
    ("s2", "opt,2027-01-04,,,,yes,,", mp.plan("OPT", "2027-01-04", premium=True, today=TODAY)),
    ("s3", "OPT,2027-01-04,,-3,,,,", "processing"),
    ("s4", "H-1B,2027-01-04,,,,,,", "authorization"),
    ("s5", "CPT,2027-02-30,,,,,,", "start"),
    ("s6", "CPT,,2027,,,,14,", "mailing"),
    ("s7", "AT,2027-06-01,,,,,,1", mp.plan("AT", "2027-06-01", terms_completed=1, today=TODAY)),
    ("s8", "CPT,2027-01-04,,,,maybe,,", "premium"),
    ("s9", "OPT,2027-01-04,,,x,,,", "processing_business"),
    (
        "s10",
        "OPT,,2027,,12.0,,,",  # 12.0: pandas writes the integers of a column with blanks so
        mp.plan("OPT", mp.iap(2027), processing=mp.business_days(12), today=TODAY),
    ),
    ("s11", "OPT,2027-01-05,2027,,,,,", "iap"),  # IAP 2027 begins on 2027-01-04
    # IAP's year and its first day (a previous output fed back in): IAP's row.
    ("s13", "OPT,2027-01-04,2027,,,,,", mp.plan("OPT", mp.iap(2027), today=TODAY)),
    ("s12", "AT,,3000,,,,,", "iap"),
]


def test_mixed_rows_every_row_present_errors_name_the_field(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", HEADER + "\n" + "".join(f"{i},{r}\n" for i, r, _ in MIXED))
    done = run("batch", str(source), "-o", str(tmp_path / "out.csv"), "--today", TODAY)
    assert done.returncode == 1
    bad = sum(isinstance(x, str) for _, _, x in MIXED)
    assert done.stderr.startswith(f"micropath: {bad} of {len(MIXED)} rows have an error")
    # The options a row was planned with are written through, as the input gives them,
    # between id and the results (authorization and start are results: they come after).
    options = [c for c in HEADER.split(",") if c not in ("id", "authorization", "start")]
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == ("id", *options, *batch.RESULT_COLUMNS)
        rows = list(reader)
    assert [row["id"] for row in rows] == [i for i, _, _ in MIXED]
    for row, (_, cells, meant) in zip(rows, MIXED, strict=True):
        given = dict(zip(HEADER.split(",")[1:], cells.split(","), strict=True))
        # ... neutralised as every copied cell is: "-3" would be a formula in a sheet
        shown = {c: "'" + v if v[:1] in ("=", "+", "-", "@") else v for c, v in given.items()}
        assert {c: row[c] for c in options} == {c: shown[c] for c in options}
        if isinstance(meant, str):
            assert row["error"].startswith(f"{meant} must be "), row
            assert row["latest_offer"] == row["latest_filing"] == row["feasible"] == ""
        else:
            assert {c: row[c] for c in batch.RESULT_COLUMNS} == expected_cells(meant)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_all_good_rows_as_json_lines_on_stdout(tmp_path: Path) -> None:
    kinds = ["CPT", "OPT", "AT"]
    text = "id,authorization,iap,filing_window\n" + "".join(
        f"{k}{y},{k},{y},{90 if k == 'OPT' else ''}\n" for y in (2026, 2027, 2028) for k in kinds
    )
    source = str(write(tmp_path / "in.csv", text))
    done = run("batch", source, "--format", "json", "--today", TODAY, script=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in records] == [f"{k}{y}" for y in (2026, 2027, 2028) for k in kinds]
    for record in records:
        kind, year = record["id"][:-4], int(record["id"][-4:])
        window = 90 if kind == "OPT" else None
        result = mp.plan(kind, mp.iap(year), filing_window=window, today=TODAY)
        assert list(record) == ["id", "iap", "filing_window", *batch.RESULT_COLUMNS]
        assert (record["iap"], record["filing_window"]) == (str(year), str(window or ""))
        assert record["latest_offer"] == result.latest_offer.isoformat()
        assert record["latest_filing"] == result.latest_filing.isoformat()
        earliest = result.earliest_filing
        assert record["earliest_filing"] == (None if earliest is None else earliest.isoformat())
        assert record["feasible"] is result.feasible
        assert record["reasons"] == [str(reason) for reason in result.reasons]
        assert record["notices"] == [str(notice) for notice in result.notices]
        assert record["error"] is None


GOOD_ROWS = "".join(f"r{i},CPT,2027-01-{4 + i % 20:02d}\n" for i in range(2000))  # > 8 KiB

UNREADABLE = {
    "empty": (b"", "is empty"),
    "no header": (b"1,CPT,2027-01-04\n2,OPT,2027-01-04\n", "no header row"),
    "unknown column": (b"id,authorization,start,procesing\n", "did you mean 'processing'"),
    "latin-1": ("id,authorization,start\nJosé,CPT,2027-01-04\n".encode("latin-1"), "UTF-8"),
    "latin-1 late": (
        ("id,authorization,start\n" + GOOD_ROWS + "Zoë,CPT,2027-01-04\n").encode("latin-1"),
        "line 2002",
    ),
    "utf-16": ("id,authorization,start\n1,CPT,2027-01-04\n".encode("utf-16"), "UTF-16"),
    "utf-16-le": ("id,authorization,start\n1,CPT,2027-01-04\n".encode("utf-16-le"), "UTF-16"),
    "long field": (
        ("id,authorization,start\n1,CPT,2027-01-04\n2,CPT," + "x" * 200_000 + "\n").encode(),
        "line 3",
    ),
    "unclosed quote": (
        ('id,authorization,start\n1,CPT,"2027-01-04\n' + GOOD_ROWS * 4).encode(),
        "line 2: a quoted field begins here and is never closed",
    ),
    "missing file": (None, "No such file"),
}


@pytest.mark.parametrize("case", UNREADABLE, ids=list(UNREADABLE))
def test_unreadable_input_is_a_usage_error_and_writes_nothing(tmp_path: Path, case: str) -> None:
    content, says = UNREADABLE[case]
    source = tmp_path / "in.csv"
    if content is not None:
        source.write_bytes(content)
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run("batch", str(source), "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("micropath: error: ")
    assert done.stderr.count("\n") == 1
    assert says in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no output, no temp file


def test_a_failed_run_leaves_the_old_output_and_a_good_run_replaces_it(tmp_path: Path) -> None:
    out = write(tmp_path / "out.csv", "old\n")
    late = ("id,authorization,start\n" + GOOD_ROWS + "Zoë,CPT,2027-01-04\n").encode("latin-1")
    (tmp_path / "bad.csv").write_bytes(late)
    assert run("batch", "bad.csv", "-o", "out.csv", cwd=tmp_path).returncode == 2
    assert out.read_text(encoding="utf-8") == "old\n"
    write(tmp_path / "good.csv", "id,authorization,start\n" + GOOD_ROWS)
    assert run("batch", "good.csv", "-o", "out.csv", cwd=tmp_path).returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2001
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "good.csv", "out.csv"]


# -- in-process: the rows ---------------------------------------------------------------


def batch_text(text: str, *, fmt: str = "csv", cache_size: int = 8192) -> tuple[str, batch.Summary]:
    """Run a batch on *text* in-process; return the output and the summary."""
    source = io.BytesIO(text.encode("utf-8"))
    out = io.StringIO()
    summary = batch.run_streams(source, out, name="in.csv", fmt=fmt, cache_size=cache_size)
    return out.getvalue(), summary


def rows_of(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


@pytest.mark.parametrize(
    ("fields", "column"),
    [
        ({"authorization": "", "start": "2027-01-04"}, "authorization"),
        ({"authorization": "CPT"}, "start"),
        ({"authorization": "CPT", "start": "1/4/2027"}, "start"),
        ({"authorization": "CPT", "iap": "27"}, "iap"),
        ({"authorization": "CPT", "iap": "2027.5"}, "iap"),
        ({"authorization": "CPT", "start": "0001-01-02"}, "start"),
        ({"authorization": "OPT", "start": "2027-01-04", "processing": "1" * 12}, "processing"),
        ({"authorization": "OPT", "start": "2027-01-04", "processing": "999999999"}, "processing"),
        ({"authorization": "OPT", "start": "2027-01-04", "premium": "2"}, "premium"),
        (
            {"authorization": "OPT", "start": "2027-01-04", "premium": "yes", "processing": "9"},
            "processing",
        ),
        (
            {
                "authorization": "OPT",
                "start": "2027-01-04",
                "decision": "3",
                "decision_business": "3",
            },
            "decision_business",
        ),
        ({"authorization": "CPT", "iap": "2027", "recommendation_business": "5"}, "recommendation"),
        ({"authorization": "AT", "iap": "2027", "immediate_cpt": "yes"}, "immediate_cpt"),
        ({"authorization": "CPT", "iap": "2027", "calendar": "moon"}, "calendar"),
        ({"authorization": "CPT", "iap": "2027", "terms_completed": "two"}, "terms_completed"),
        ({"authorization": "CPT", "iap": "2027", "academic_year_completes": "x"}, "academic_year"),
        ({"authorization": "OPT", "iap": "2020", "premium": "true"}, "premium"),
    ],
)
def test_a_bad_row_names_the_column(fields: dict[str, str], column: str) -> None:
    outcome = batch.plan_row(fields)
    assert outcome.error is not None
    assert outcome.error.startswith(column), outcome.error
    assert outcome.latest_offer is None
    assert outcome.authorization == fields["authorization"]


def test_every_field_is_a_column_and_every_option_column_a_field() -> None:
    options = set(batch.INPUT_COLUMNS) - {"id", "authorization", "start", "iap", "offer"}
    expected = {field.name for field in fields()}
    expected |= {f"{field.name}_business" for field in fields() if field.value == "lead"}
    assert expected <= options
    names = {field.name for field in fields()}
    for column in options - expected:  # a lead's estimate, or an actor's calendar
        assert column.removesuffix("_percentiles") in names or column == "uscis_calendar", column
    assert {o.column for o in _text.text_options()} == options


SAMPLES = {
    "days": "25",
    "business_days": "25",
    "percentiles": "50:10,80:20,95:30",
    "bool": "yes",
    "date": "2026-12-01",
    "count": "3",
    "confidence": "0.9",
    "school": "generic",
    "choice": "paper",
    "calendar": "federal",
}


@pytest.mark.parametrize("option", _text.text_options(), ids=lambda o: o.column)
def test_every_option_column_means_its_field(option: _text.TextOption) -> None:
    text = SAMPLES[option.form]
    kind = "CPT" if option.field.name == "immediate_cpt" else "OPT"
    outcome = batch.plan_row({"authorization": kind, "start": "2027-06-01", option.column: text})
    value = option.parse(text, option.column)
    if option.actor is not None:
        value = {option.actor: value}
    options = mp.PlanOptions(**{option.field.name: value})
    assert outcome == batch.Outcome.of(mp.plan(kind, "2027-06-01", options=options))


def test_a_cell_with_the_same_field_twice_names_the_second_column() -> None:
    row = {"authorization": "OPT", "start": "2027-01-04", "mailing": "3", "mailing_business": "3"}
    assert batch.plan_row(row).error == (
        "mailing_business must be empty when mailing is given, got '3'"
    )


def test_calendar_and_uscis_calendar_columns_add_up() -> None:
    row = {"authorization": "OPT", "start": "2027-01-20", "premium": "yes"}
    school_only = batch.plan_row({**row, "calendar": "mit"})
    both = batch.plan_row({**row, "calendar": "massachusetts", "uscis_calendar": "mit"})
    mit, massachusetts = mp.calendars.mit(), mp.calendars.massachusetts()
    assert school_only == batch.Outcome.of(mp.plan("OPT", "2027-01-20", premium=True))
    expected = mp.plan(
        "OPT", "2027-01-20", premium=True, calendar={"school": massachusetts, "uscis": mit}
    )
    assert both == batch.Outcome.of(expected)
    assert both.latest_filing != school_only.latest_filing


def test_school_column_and_its_january_term() -> None:
    row = {"authorization": "AT", "iap": "2027", "terms_completed": "1"}
    mit, generic = batch.plan_row(row), batch.plan_row({**row, "school": "generic"})
    assert mit.feasible is False
    assert generic.feasible is True
    expected = mp.plan(
        "AT", mp.schools.generic().term_of(2027), terms_completed=1, school="generic"
    )
    assert generic == batch.Outcome.of(expected)
    assert batch.plan_row({**row, "school": "nowhere.toml"}).error == (
        "school must be 'mit', 'generic' or the path of a school TOML file "
        f"(no file at {os.path.abspath('nowhere.toml')}), got 'nowhere.toml'"
    )  # the path it was looked for at: from the working directory


def test_notices_are_a_column() -> None:
    text = "id,authorization,start,confidence\nx,OPT,2026-12-25,0.9\ny,CPT,2027-01-04,\n"
    output, summary = batch_text(text)
    assert summary.errors == 0
    first, second = rows_of(output)
    expected = mp.plan("OPT", "2026-12-25", confidence=0.9).notices
    assert len(expected) == 2  # Christmas is closed, and no estimate to plan at 0.9
    assert first["notices"] == "; ".join(str(notice) for notice in expected)
    assert second["notices"] == ""
    [record, _] = [json.loads(line) for line in batch_text(text, fmt="json")[0].splitlines()]
    assert record["notices"] == [str(notice) for notice in expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        *[("true", True), ("Yes", True), ("1", True), (" TRUE ", True)],
        *[("false", False), ("no", False), ("0", False), ("", False), ("  ", False)],
    ],
)
def test_booleans(text: str, value: bool) -> None:
    assert _text.parse_boolean(text, "premium") is value


def test_header_is_forgiving_about_case_spaces_and_a_byte_order_mark() -> None:
    output, summary = batch_text(
        "\ufeffID, Authorization ,Start,Filing-Window\nx,OPT,2027-01-04,90\n"
    )
    assert summary == batch.Summary(rows=1, errors=0, error_lines=())
    [row] = rows_of(output)
    assert (
        row["latest_filing"]
        == mp.plan("OPT", "2027-01-04", filing_window=90).latest_filing.isoformat()
    )


def test_header_only_is_zero_rows() -> None:
    output, summary = batch_text("id,authorization,start\n")
    assert summary.rows == 0
    assert output == ",".join(batch.OUTPUT_COLUMNS) + "\n"


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("id,authorization,start,start", "more than once"),
        ("authorization,start", "no column id"),
        ("id,start", "no column authorization"),
        ("id,authorization,processing", "no column start or iap"),
        ("id,authorization,start,procesing", "'procesing' .did you mean 'processing'"),
        ("id,,authorization,start", "without a name .column 2"),
    ],
)
def test_bad_headers(header: str, says: str) -> None:
    with pytest.raises(batch.BatchInputError, match=says):
        batch_text(header + "\n1,CPT,2027-01-04\n")


def test_row_shapes_blank_lines_short_and_long_rows_and_quoted_newlines() -> None:
    text = (
        "id,authorization,start,processing\n"
        "\n"
        "a,CPT,2027-01-04\n"  # short: processing missing, means empty
        "b,CPT,2027-01-04,,surplus\n"
        '"c\nd",AT,2027-01-04,\n'
        ",CPT,2027-01-04,\n"
        "\n"
    )
    output, summary = batch_text(text)
    rows = rows_of(output)
    assert [r["id"] for r in rows] == ["a", "b", "c\nd", ""]
    assert rows[0]["latest_filing"] == rows[2]["latest_filing"] != ""
    assert rows[1]["error"].startswith("row must have at most 4 fields")
    assert rows[3]["error"].startswith("id must be non-empty")
    assert summary == batch.Summary(rows=4, errors=2, error_lines=(4, 7))


JUNK = ["", " ", "CPT", "opt", "AT", "2027-01-04", "2027", "yes", "-1", "0", "1e9", "NaN"]
JUNK += ["2027-02-29", "12", "999999999", "mit", "\x00", "é", "'", '"', "x" * 300, "None"]


def junk_rows(seed: int, count: int) -> str:
    rng = random.Random(seed)
    columns = batch.INPUT_COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for index in range(count):
        row = [rng.choice(JUNK) if rng.random() < 0.3 else "" for _ in columns]
        row[0] = f"row{index}"
        row[1] = rng.choice(("CPT", "OPT", "AT", "at", "", "OPT "))
        row[2] = rng.choice(("2027-01-04", "2026-06-01", "2030-01-07", "", "2027-01-04"))
        writer.writerow(row)
    return buffer.getvalue()


@pytest.mark.parametrize("seed", range(3))
def test_junk_never_raises_keeps_every_row_and_the_cache_changes_nothing(seed: int) -> None:
    text = junk_rows(seed, 400)
    cached, summary = batch_text(text)
    uncached, _ = batch_text(text, cache_size=0)
    assert cached == uncached
    rows = rows_of(cached)
    assert [r["id"] for r in rows] == [f"row{i}" for i in range(400)]
    assert summary.rows == 400
    assert summary.errors == sum(1 for r in rows if r["error"])
    known = (*batch.INPUT_COLUMNS, "row ", "id ")
    for row in rows:
        assert bool(row["error"]) != bool(row["latest_filing"])
        assert not row["error"] or row["error"].startswith(known), row["error"]


def test_json_lines_and_csv_say_the_same() -> None:
    text = junk_rows(7, 100)
    as_csv, _ = batch_text(text)
    as_json, _ = batch_text(text, fmt="json")
    records = [json.loads(line) for line in as_json.splitlines()]
    for row, record in zip(rows_of(as_csv), records, strict=True):
        assert row["id"] == record["id"]
        assert row["error"] == (record["error"] or "")
        assert row["latest_offer"] == (record["latest_offer"] or "")
        assert row["reasons"] == " | ".join(record["reasons"])
        assert row["notices"] == "; ".join(record["notices"])
        assert row["feasible"] == (
            "" if record["feasible"] is None else str(record["feasible"]).lower()
        )


def test_the_output_may_not_be_the_input(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", "id,authorization,start\n1,CPT,2027-01-04\n")
    with pytest.raises(batch.BatchInputError, match="is the input file"):
        batch.run(str(source), str(source))
    assert source.read_text(encoding="utf-8").startswith("id,")


def test_stdin_and_stdout_through_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = io.BytesIO(b"id,authorization,iap\nz,AT,2027\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data, encoding="utf-8"))
    assert cli.main(["batch", "-"]) == 0
    [row] = rows_of(capsys.readouterr().out)
    assert row["latest_offer"] == mp.plan("AT", mp.iap(2027)).latest_offer.isoformat()


def test_output_keeps_the_usual_permissions(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", "id,authorization,start\n1,CPT,2027-01-04\n")
    out = tmp_path / "out.csv"
    assert batch.run(str(source), str(out)).errors == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_symbolic_link_is_written_through_not_replaced(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", "id,authorization,start\n1,CPT,2027-01-04\n")
    target = write(tmp_path / "target.csv", "old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert batch.run(str(source), str(link)).errors == 0
    assert link.is_symlink()
    [row] = rows_of(target.read_text(encoding="utf-8"))
    assert row["latest_filing"] == mp.plan("CPT", "2027-01-04").latest_filing.isoformat()


# -- the atomic writer, shared by batch -o and plan --ics ---------------------------------------


def current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


@pytest.fixture
def no_umask(monkeypatch: pytest.MonkeyPatch) -> int:
    """Make any call of os.umask fail; return the umask in force."""
    umask = current_umask()

    def refuse(mask: int) -> int:
        raise AssertionError("os.umask must not be called: it is process-wide")

    monkeypatch.setattr(os, "umask", refuse)
    return umask


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_usual_mode_without_touching_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    saved = os.umask(umask)

    def refuse(mask: int) -> int:
        raise AssertionError("os.umask must not be called: it is process-wide")

    try:
        monkeypatch.setattr(os, "umask", refuse)
        source = write(tmp_path / "in.csv", "id,authorization,start\n1,CPT,2027-01-04\n")
        out = tmp_path / "out.csv"
        assert batch.run(str(source), str(out)).errors == 0
        assert out.stat().st_mode & 0o777 == 0o666 & ~umask
        ics = tmp_path / "plan.ics"
        _files.write_bytes(ics, b"BEGIN:VCALENDAR\r\n")
        assert ics.stat().st_mode & 0o777 == 0o666 & ~umask
    finally:
        monkeypatch.undo()
        os.umask(saved)


def test_an_existing_file_keeps_its_mode(tmp_path: Path, no_umask: int) -> None:
    target = write(tmp_path / "out.csv", "old\n")
    target.chmod(0o640)
    with _files.open_text(target) as stream:
        stream.write("new\n")
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def fail_while_writing(atomic: _files.AtomicFile[Any], data: object) -> None:
    with atomic as stream:
        stream.write(data)
        raise RuntimeError("disk on fire")


def test_an_error_leaves_no_temporary_file_and_the_target_as_it_was(
    tmp_path: Path, no_umask: int
) -> None:
    target = write(tmp_path / "out.csv", "old\n")
    atomic = _files.open_text(target)
    # The temporary file, beside the target: unnamed where the system allows (O_TMPFILE).
    assert len(list(tmp_path.iterdir())) == (1 if atomic.temporary is None else 2)
    with pytest.raises(RuntimeError, match="disk on fire"):
        fail_while_writing(atomic, "half\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    with pytest.raises(RuntimeError, match="disk on fire"):
        fail_while_writing(_files.open_binary(tmp_path / "new.ics"), b"half")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def without_tmpfile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``open(O_TMPFILE)`` fail as on a file system without it."""
    real_open = os.open

    def refusing(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(errno.EOPNOTSUPP, os.strerror(errno.EOPNOTSUPP))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_files.os, "open", refusing)


@pytest.mark.parametrize("way", ["unnamed", "named", "copied"])
def test_every_way_to_a_temporary_file_gives_the_whole_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    """Unnamed (O_TMPFILE) and named by a link; named from the start (no O_TMPFILE);
    unnamed, and copied to a named file where the link is refused."""
    if way == "named":
        without_tmpfile(monkeypatch)
    elif way == "copied":

        def refuse(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

        monkeypatch.setattr(_files.os, "link", refuse)
    target = write(tmp_path / "out.csv", "old\n")
    target.chmod(0o640)
    data = b"x" * (3 << 20) + b"end\n"  # more than one piece to copy
    atomic = _files.open_binary(target)
    if way == "named":
        assert atomic.temporary is not None
        assert sorted(p.name for p in tmp_path.iterdir())[0].startswith(".out.csv.")
    with atomic as stream:
        stream.write(data)
    assert target.read_bytes() == data
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("unnamed", [True, False])
def test_a_name_taken_by_a_leftover_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool
) -> None:
    if not unnamed:
        monkeypatch.setattr(_files, "_PROC_FDS", str(tmp_path / "no-proc"))
    leftover = write(tmp_path / ".out.csv.taken.tmp", "another run's\n")
    draws = iter(["taken", "taken", "free"])
    monkeypatch.setattr(_files.secrets, "token_hex", lambda _: next(draws))
    with _files.open_text(tmp_path / "out.csv") as stream:
        stream.write("new\n")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "new\n"
    assert leftover.read_text(encoding="utf-8") == "another run's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.csv.taken.tmp", "out.csv"]


@pytest.mark.parametrize("unnamed", [True, False])
def test_a_mode_that_cannot_be_kept_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool
) -> None:
    if not unnamed:
        without_tmpfile(monkeypatch)
    target = write(tmp_path / "out.csv", "old\n")

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(_files.os, "fchmod", refuse)
    with pytest.raises(PermissionError):
        _files.open_text(target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_copy_that_fails_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    def broken(*args: object) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(_files.os, "link", refuse)
    monkeypatch.setattr(_files.os, "pread", broken)
    target = write(tmp_path / "out.csv", "old\n")
    atomic = _files.open_binary(target)
    if atomic.temporary is None:  # the copy happens only for an unnamed file
        with pytest.raises(OSError, match="Input/output error"), atomic as stream:
            stream.write(b"new\n")
    else:  # pragma: no cover - a system without O_TMPFILE
        with atomic as stream:
            stream.write(b"new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_file_system_without_o_tmpfile_still_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_tmpfile(monkeypatch)
    target = write(tmp_path / "out.csv", "old\n")
    with pytest.raises(RuntimeError, match="disk on fire"):
        fail_while_writing(_files.open_text(target), "half\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failing_fsync_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        _files.write_bytes(tmp_path / "plan.ics", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_oserror_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        _files.write_bytes(tmp_path / "no" / "plan.ics", b"data")
    assert list(tmp_path.iterdir()) == []


def test_batch_input_error_lives_in_errors_and_pickles() -> None:
    import pickle

    assert batch.BatchInputError is BatchInputError
    error = BatchInputError("in.csv is empty")
    assert isinstance(error, MicropathError)
    assert isinstance(error, ValueError)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is BatchInputError
    assert str(again) == str(error)
