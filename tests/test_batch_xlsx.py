"""``micropath batch`` with xlsx workbooks in and out (the ``xlsx`` extra, openpyxl).

Every output is read back with openpyxl. Laws:

1. An xlsx input is read from its first visible worksheet or the one named by
   ``--sheet``;
   a date cell is a date, a whole number stored as ``12.0`` is 12, a blank row
   is skipped; extra columns keep their values.
2. The xlsx output (``-o OUT.xlsx`` or ``--format xlsx``) holds exactly the
   rows and columns of the CSV output; dates are date cells, ``feasible`` and
   ``on_time`` booleans, ``slack`` a number; the header is bold, the panes are
   frozen below it and right of the ids, and the deadlines already passed on
   ``--today`` are highlighted (and no other cell).
3. Text copied from the input is neutralised as in CSV, and no cell is ever a
   formula, even with ``--raw``.
4. Without openpyxl the xlsx paths are a usage error naming the extra; an
   Excel 97-2003 file, a broken workbook, an unknown sheet, and flags that
   do not fit the file are usage errors too; nothing is written.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from in_process import main

import micropath as mp
from micropath import _sheets, batch, cli

openpyxl = pytest.importorskip("openpyxl")

SCRIPT = Path(sys.executable).with_name("micropath")
TODAY = "2026-12-01"


def text_cell(sheet: Any, reference: str, value: str) -> None:
    """Put *value* in a cell as text (openpyxl would take ``=...`` for a formula)."""
    sheet[reference] = value
    sheet[reference].data_type = "s"


def export(path: Path) -> Path:
    """An office's workbook: a title-less header with extra columns, number ids,
    date cells, a float count, a blank row, and a second sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Students"
    sheet.append(["ID", "Name", "GPA", "Authorization", "Start", "Processing", "Offer", "Since"])
    sheet.append([1042, "Ana Lee", 3.9, "OPT", date(2027, 1, 4), 120.0, date(2026, 10, 25), None])
    sheet.append([1043, "Bo Chen", 3.5, "CPT", datetime(2027, 1, 4), None, None, date(2025, 9, 1)])
    sheet.append([])
    sheet.append([1044, "Cy Diaz", None, "AT", "2027-02-30", None, None, None])
    sheet.append(["s9", None, None, "CPT", date(2027, 6, 1), 12.5, None, None])
    text_cell(sheet, "B7", '=HYPERLINK("http://x","y")')
    sheet["A7"], sheet["D7"], sheet["E7"] = "-1", "OPT", date(2027, 6, 1)
    other = book.create_sheet("Other")
    other.append(["id", "authorization", "iap"])
    other.append(["z", "AT", 2027])
    book.save(path)
    return path


def read_xlsx(path: Path) -> Any:
    return openpyxl.load_workbook(path).active


def as_text(value: object) -> str:
    """A cell as the CSV output writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def test_an_xlsx_round_trip_keeps_every_row_as_csv_does(tmp_path: Path) -> None:
    source = export(tmp_path / "students.xlsx")
    status, _, err = main(
        ["batch", str(source), "-o", str(tmp_path / "plans.xlsx"), "--today", TODAY]
    )
    assert status == 1  # Cy's 2027-02-30 and s9's 12.5
    assert "(input rows 5, 6); see the error column" in err
    status, csv_text, _ = main(["batch", str(source), "--today", TODAY])
    assert status == 1
    sheet = read_xlsx(tmp_path / "plans.xlsx")
    assert sheet.title == "Students"
    rows = [[as_text(cell.value) for cell in row] for row in sheet.iter_rows()]
    expected = list(csv.reader(io.StringIO(csv_text, newline="")))
    assert rows == expected
    # Every input column is kept: the extra ones and the option Processing, in order.
    assert rows[0] == ["id", "Name", "GPA", "Processing", "Since", *batch.RESULT_COLUMNS]
    assert [row[3] for row in rows[1:]] == ["120", "", "", "12.5", ""]
    assert [row[0] for row in rows[1:]] == ["1042", "1043", "1044", "s9", "'-1"]


def test_the_xlsx_output_has_date_cells_a_bold_header_frozen_panes_and_highlights(
    tmp_path: Path,
) -> None:
    source = export(tmp_path / "students.xlsx")
    target = tmp_path / "plans.xlsx"
    main(["batch", str(source), "-o", str(target), "--today", TODAY])
    sheet = read_xlsx(target)
    assert sheet.freeze_panes == "B2"
    header = [cell.value for cell in sheet[1]]
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for cell in sheet[2])
    column = {name: header.index(name) for name in header}
    ana, bo = sheet[2], sheet[3]
    ana_plan = mp.plan("OPT", "2027-01-04", processing=120, today=TODAY)
    bo_plan = mp.plan("CPT", "2027-01-04", today=TODAY)
    for row, result in ((ana, ana_plan), (bo, bo_plan)):
        for name in ("start", "latest_offer", "latest_filing"):
            cell = row[column[name]]
            assert cell.is_date, name
            assert cell.value.date() == getattr(result, name)
        assert row[column["feasible"]].value is result.feasible
    assert ana[column["on_time"]].value is False
    answer = mp.offer_verdict(ana_plan, "2026-10-25")
    assert ana[column["slack"]].value == answer.verdict.slack < 0
    assert ana[column["slack"]].data_type == "n"
    assert ana[column["earliest_start"]].value.date() == answer.earliest_start
    assert answer.earliest_start_premium is None  # processing was given: no premium answer
    assert ana[column["earliest_start_premium"]].value is None
    assert ana[column["GPA"]].value == 3.9  # an extra cell keeps its type
    assert bo[column["Since"]].is_date
    assert bo[column["Since"]].value.date() == date(2025, 9, 1)

    def highlighted(cell: Any) -> bool:
        return cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("FFC7CE")

    # On 2026-12-01 both of Ana's OPT deadlines have passed; Bo's CPT offer (11-20) has,
    # his filing (12-10) has not.
    passed = {
        (row, name)
        for row, result in ((2, ana_plan), (3, bo_plan))
        for finding in result.notices
        if finding.code == "deadline-passed"
        for name in [f"latest_{finding['milestone']}"]
    }
    assert passed == {(2, "latest_offer"), (2, "latest_filing"), (3, "latest_offer")}
    marked = {
        (cell.row, header[cell.column - 1])
        for row in sheet.iter_rows()
        for cell in row
        if highlighted(cell)
    }
    assert marked == passed


def test_xlsx_reads_a_named_sheet_and_writes_json_with_the_extra_values(tmp_path: Path) -> None:
    source = export(tmp_path / "students.xlsx")
    status, out, _ = main(["batch", str(source), "--sheet", "Other", "--format", "json"])
    assert status == 0
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["latest_offer"] == str(mp.plan("AT", mp.iap(2027)).latest_offer)
    # Excel's sheet names are unique whatever their case, and so is --sheet.
    assert main(["batch", str(source), "--sheet", "oTHER", "--format", "json"])[1] == out
    status, out, _ = main(["batch", str(source), "--format", "json", "--today", TODAY])
    first = json.loads(out.splitlines()[0])
    assert (first["id"], first["GPA"], first["Since"]) == ("1042", 3.9, "")
    assert json.loads(out.splitlines()[1])["Since"] == "2025-09-01"
    assert first["start"] == "2027-01-04"


def test_a_csv_input_gives_an_xlsx_output_too(tmp_path: Path) -> None:
    text = "id;authorization;start;notes\n=1;CPT;2027-01-04;@note\nb;AT;2027/1/4;\n"
    target = tmp_path / "out.xlsx"
    status, _, _ = main(["batch", "-", "-o", str(target)], stdin=text.encode())
    assert status == 0
    sheet = read_xlsx(target)
    assert [c.value for c in sheet[1]][:3] == ["id", "notes", "authorization"]
    assert [c.value for c in sheet[2]][:2] == ["'=1", "'@note"]
    assert sheet.title == "plans"
    assert sheet[3][3].is_date


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_xlsx_cells_copied_from_the_input_are_neutralised_and_never_formulas(
    tmp_path: Path, first: str
) -> None:
    rows = [
        ["id", "notes", "authorization", "start"],
        [f"{first}1+1", f"{first}SUM(A1:A9)", "CPT", "2027-01-04"],
        ["bad", "x", f"{first}CPT", f"{first}2027"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    for raw in (False, True):
        target = tmp_path / f"out-{raw}.xlsx"
        argv = ["batch", "-", "-o", str(target), *(["--raw"] * raw)]
        assert main(argv, stdin=buffer.getvalue().encode())[0] == 1
        out = openpyxl.load_workbook(target).active
        assert all(cell.data_type != "f" for row in out.iter_rows() for cell in row)
        quote = "" if raw else "'"

        def shown(text: str) -> str:
            return text.replace("\r", "\n")  # XML reads a CR in a cell as a line feed

        row_id = f"{first}1+1".strip()
        assert out["A2"].value == (quote + row_id if row_id[0] == first else row_id)
        assert out["B2"].value == shown(f"{quote}{first}SUM(A1:A9)")
        header = [cell.value for cell in out[1]]
        for name, written in (("authorization", f"{first}CPT"), ("start", f"{first}2027")):
            assert out.cell(3, header.index(name) + 1).value == shown(quote + written)
        assert isinstance(out.cell(2, header.index("latest_offer") + 1).value, datetime)


def test_a_formula_looking_text_cell_of_a_workbook_stays_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "notes", "authorization", "start"])
    sheet.append(["a", None, "CPT", date(2027, 1, 4)])
    text_cell(sheet, "B2", "=1+1")
    book.save(tmp_path / "in.xlsx")
    for raw, shown in ((False, "'=1+1"), (True, "=1+1")):
        target = tmp_path / f"out-{raw}.xlsx"
        main(["batch", str(tmp_path / "in.xlsx"), "-o", str(target), *(["--raw"] * raw)])
        cell = openpyxl.load_workbook(target).active["B2"]
        assert (cell.value, cell.data_type) == (shown, "s")


OPENPYXL_CALCULATION = '<calcPr calcId="124519" fullCalcOnLoad="1" />'
"""What openpyxl writes: recalculate every formula when the workbook is opened."""
EXCEL_CALCULATION = '<calcPr calcId="191029"/>'
"""What Excel writes."""


def with_saved_values(
    path: Path, saved: dict[str, tuple[str, str | None]], *, recalculate: bool = False
) -> None:
    """Give formula cells of the first sheet a type and saved value each (by reference;
    None: no value), and the workbook Excel's calculation properties (recalculate when
    opened only if *recalculate*), as a spreadsheet or another program saves them."""
    import zipfile

    with zipfile.ZipFile(path) as original:
        members = {name: original.read(name) for name in original.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    for reference, (kind, value) in saved.items():
        start = xml.index(f'<c r="{reference}"')
        end = xml.index("</c>", start)
        formula = xml[xml.index("<f", start) : xml.index("</f>", start) + 4]
        shown = "" if value is None else f"<v>{value}</v>"
        xml = f'{xml[:start]}<c r="{reference}" t="{kind}">{formula}{shown}{xml[end:]}'
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    book = members["xl/workbook.xml"].decode()
    assert OPENPYXL_CALCULATION in book or EXCEL_CALCULATION in book
    if recalculate:
        book = book.replace(EXCEL_CALCULATION, OPENPYXL_CALCULATION)
    else:
        book = book.replace(OPENPYXL_CALCULATION, EXCEL_CALCULATION)
    members["xl/workbook.xml"] = book.encode()
    with zipfile.ZipFile(path, "w") as copy:
        for name, content in members.items():
            copy.writestr(name, content)


def test_a_formula_saved_without_its_value_is_an_error_in_a_column_batch_reads(
    tmp_path: Path,
) -> None:
    """openpyxl calculates nothing: a formula saved without its value (a workbook a
    program wrote) fails its row, naming the column, where batch reads it; in an extra
    column it is copied as its text. A formula Excel saved with its value, even the
    empty text, is that value."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "notes", "authorization", "start"])
    sheet.append(["unsaved", "x", "CPT", "=DATE(2027,1,4)"])
    sheet.append(["saved", '=IF(TRUE,"","y")', '=UPPER("cpt")', date(2027, 1, 4)])
    sheet.append(["note", "=1+1", "CPT", date(2027, 1, 4)])
    sheet.append(["=A2", None, "CPT", date(2027, 1, 4)])
    sheet.append(["empty", None, None, date(2027, 1, 4)])
    sheet.append(["array", None, "CPT", date(2027, 1, 4)])
    sheet["B7"] = openpyxl.worksheet.formula.ArrayFormula("B7", "=SUM(1,1)")
    source = tmp_path / "in.xlsx"
    book.save(source)
    with_saved_values(source, {"B3": ("str", ""), "C3": ("str", "CPT")})
    status, out, err = main(["batch", str(source), "--today", TODAY])
    assert status == 1
    assert "3 of 6 rows have an error (input rows 2, 5, 6)" in err
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [row["id"] for row in rows] == ["unsaved", "saved", "note", "'=A2", "empty", "array"]
    expected = "a value, or a formula saved with its value"
    assert rows[0]["error"].startswith(f"start must be {expected}")
    assert rows[0]["error"].endswith("got '=DATE(2027,1,4)'")
    assert (rows[1]["notes"], rows[1]["authorization"], rows[1]["error"]) == ("", "CPT", "")
    assert rows[1]["latest_filing"] == rows[2]["latest_filing"] != ""
    assert (rows[2]["notes"], rows[2]["error"]) == ("'=1+1", "")
    assert rows[3]["error"].startswith(f"id must be {expected}")
    assert rows[4]["error"].startswith("authorization")  # an empty cell stays empty
    assert (rows[5]["notes"], rows[5]["error"]) == ("'=SUM(1,1)", "")
    target = tmp_path / "out.xlsx"
    main(["batch", str(source), "-o", str(target), "--today", TODAY])
    cell = openpyxl.load_workbook(target).active["B4"]
    assert (cell.value, cell.data_type) == ("'=1+1", "s")  # text, never a formula


def formula_book(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def batch_rows(source: Path) -> tuple[str, list[dict[str, str]]]:
    status, out, err = main(["batch", str(source), "--today", TODAY])
    assert status in (0, 1)
    return err, list(csv.DictReader(io.StringIO(out, newline="")))


HEADER = ["id", "authorization", "start", "processing", "premium"]


def end_cell(path: Path, number: int, cell: str) -> None:
    """Put *cell* (its XML) at the end of row *number* of the first sheet, as a program
    other than openpyxl saves it."""
    import zipfile

    with zipfile.ZipFile(path) as original:
        members = {name: original.read(name) for name in original.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    end = xml.index("</row>", xml.index(f'<row r="{number}"'))
    members["xl/worksheets/sheet1.xml"] = f"{xml[:end]}{cell}{xml[end:]}".encode()
    with zipfile.ZipFile(path, "w") as copy:
        for name, content in members.items():
            copy.writestr(name, content)


def test_a_workbook_to_be_recalculated_when_opened_has_no_usable_saved_values(
    tmp_path: Path,
) -> None:
    """xlsxwriter (and so pandas) saves each formula with the value 0 and flags the
    workbook to be recalculated when opened: those zeros are placeholders. Every formula
    in a column batch reads fails its row, whatever value it was saved with."""
    source = formula_book(
        tmp_path / "in.xlsx",
        [
            HEADER,
            ["a", "OPT", date(2027, 1, 4), "=30*4", "=FALSE()"],
            ["b", "OPT", date(2027, 1, 4)],
        ],
    )
    with_saved_values(source, {"D2": ("n", "0"), "E2": ("b", "0")}, recalculate=True)
    err, rows = batch_rows(source)
    assert "1 of 2 rows have an error (input rows 2)" in err
    assert rows[0]["error"].startswith("processing must be a value, or a formula saved")
    assert rows[0]["error"].endswith("got '=30*4'")
    assert rows[1]["error"] == ""
    # The same values saved by a spreadsheet (no recalculation asked for) are used.
    with_saved_values(source, {"D2": ("n", "60"), "E2": ("b", "0")})
    _, rows = batch_rows(source)
    assert rows[0]["error"] == ""
    expected = mp.plan("OPT", "2027-01-04", processing=60).latest_offer
    assert rows[0]["latest_offer"] == expected.isoformat()
    assert expected != mp.plan("OPT", "2027-01-04").latest_offer


@pytest.mark.parametrize(
    ("kind", "column", "cell"),
    [("b", "premium", "E2"), ("e", "processing", "D2"), ("d", "processing", "D2"),
     ("n", "processing", "D2")],
)  # fmt: skip
def test_a_formula_of_a_type_other_than_text_with_no_saved_value_is_unsaved(
    tmp_path: Path, kind: str, column: str, cell: str
) -> None:
    """A spreadsheet saves a boolean, error, date or number formula with its value: with
    none, the formula was never calculated (its row fails, naming the column)."""
    source = formula_book(
        tmp_path / "in.xlsx", [HEADER, ["a", "OPT", date(2027, 1, 4), "=1", "=TRUE()"]]
    )
    other = "E2" if cell == "D2" else "D2"
    with_saved_values(source, {cell: (kind, None), other: ("n" if other == "D2" else "b", "1")})
    _, [row] = batch_rows(source)
    assert row["error"].startswith(f"{column} must be a value, or a formula saved")


def test_the_cells_an_array_formula_fills_are_checked_as_holding_it(tmp_path: Path) -> None:
    """An array formula over D2:D4 is written in D2 only: D3 and D4 are filled by it.
    Unsaved, it fails all three rows; saved by a spreadsheet (each cell's value, and no
    recalculation asked for), it gives each its value."""
    rows = [HEADER, *(["r" + str(n), "OPT", date(2027, 1, 4)] for n in (2, 3, 4, 5))]
    source = formula_book(tmp_path / "in.xlsx", rows)
    book = openpyxl.load_workbook(source)
    book.active["D2"] = openpyxl.worksheet.formula.ArrayFormula("D2:D4", "={60;60;60}")
    book.save(source)
    err, found = batch_rows(source)
    assert "3 of 4 rows have an error (input rows 2, 3, 4)" in err
    for row in found[:3]:
        assert row["error"] == (
            "processing must be a value, or a formula saved with its value (the workbook was "
            "written by a program and never opened: open it in a spreadsheet and save it, or "
            "paste values), got '={60;60;60}'"
        )
    assert found[3]["error"] == ""
    # As Excel saves it: the first cell's formula and value, the others' values alone.
    for number in (3, 4):
        end_cell(source, number, f'<c r="D{number}"><v>60</v></c>')
    with_saved_values(source, {"D2": ("n", "60")})
    err, found = batch_rows(source)
    assert [row["error"] for row in found] == ["", "", "", ""]
    expected = mp.plan("OPT", "2027-01-04", processing=60).latest_offer.isoformat()
    assert [row["latest_offer"] for row in found[:3]] == [expected] * 3
    assert found[3]["latest_offer"] != expected  # the default processing
    # Flagged to be recalculated when opened, the filled cells' values are not usable.
    with_saved_values(source, {"D2": ("n", "60")}, recalculate=True)
    err, found = batch_rows(source)
    assert "3 of 4 rows have an error (input rows 2, 3, 4)" in err


@pytest.mark.parametrize(
    ("ref", "failed", "error"),
    [
        ("D2:D4", [2, 3, 4], "processing must be a value, or a formula"),
        ("D:D", [2, 3, 4, 5], "processing must be a value, or a formula"),  # every row
        # Past the header's columns: each row is too wide, as it is when a spreadsheet
        # saved the values there; looked at one column past the header only.
        ("2:3", [2, 3], "row must have at most 4 fields (the header's), got 5"),
        ("D2:XFD1048576", [2, 3, 4, 5], "row must have at most 4 fields (the header's), got 5"),
    ],
)
def test_an_unsaved_array_formula_fails_every_row_it_fills(
    tmp_path: Path, ref: str, failed: list[int], error: str
) -> None:
    rows = [HEADER[:4], *(["r" + str(n), "OPT", date(2027, 1, 4)] for n in (2, 3, 4, 5))]
    source = formula_book(tmp_path / "in.xlsx", rows)
    book = openpyxl.load_workbook(source)
    book.active["D2"] = openpyxl.worksheet.formula.ArrayFormula(ref, "=60")
    book.save(source)
    err, found = batch_rows(source)
    listed = ", ".join(map(str, failed))
    assert f"{len(failed)} of 4 rows have an error (input rows {listed})" in err
    assert "more than one row" not in err
    for number, row in zip((2, 3, 4, 5), found, strict=True):
        if number in failed:
            assert row["error"].startswith(error), row
        else:
            assert row["error"] == ""


def test_an_array_formula_excel_saved_as_the_empty_text_is_empty(tmp_path: Path) -> None:
    """``{=IF(D2:D4>0,"","x")}`` as Excel saves it: each cell of type text with an empty
    value. Read as empty cells (premium's default), as a single such formula is."""
    rows = [HEADER, *(["r" + str(n), "OPT", date(2027, 1, 4)] for n in (2, 3, 4))]
    source = formula_book(tmp_path / "in.xlsx", rows)
    book = openpyxl.load_workbook(source)
    book.active["E2"] = openpyxl.worksheet.formula.ArrayFormula("E2:E4", '=IF(D2:D4>0,"","x")')
    book.save(source)
    for number in (3, 4):
        end_cell(source, number, f'<c r="E{number}" t="str"><v></v></c>')
    with_saved_values(source, {"E2": ("str", "")})
    err, found = batch_rows(source)
    assert [row["error"] for row in found] == ["", "", ""], err
    assert {row["latest_offer"] for row in found} == {
        mp.plan("OPT", "2027-01-04").latest_offer.isoformat()
    }


def test_an_unsaved_formula_id_is_its_rows_error_not_a_repeated_id(tmp_path: Path) -> None:
    rows = [HEADER[:3], *(['="s"&ROW()', "OPT", date(2027, 1, 4)] for _ in range(3))]
    err, found = batch_rows(formula_book(tmp_path / "in.xlsx", rows))
    assert "3 of 3 rows have an error" in err
    assert "more than one row" not in err
    assert all(row["error"].startswith("id must be a value, or a formula") for row in found)
    assert all(row["notices"] == "" for row in found)


def test_the_byte_scan_stops_at_the_end_of_the_cells() -> None:
    """An extension after the cells (a list's source on another sheet) holds ``<xm:f>``:
    no cell holds a formula, and the sheet is read once."""
    xml = (
        b"<worksheet><sheetData><row r='1'><c r='A1'><v>1</v></c></row></sheetData>"
        b"<extLst><ext><x14:dataValidations><x14:dataValidation><x14:formula1>"
        b"<xm:f>Lists!$A$1:$A$9</xm:f></x14:formula1></x14:dataValidation>"
        b"</x14:dataValidations></ext></extLst></worksheet>"
    )
    assert _sheets._may_hold_formulas(_Sheet(xml)) is False  # type: ignore[arg-type]
    assert _sheets._may_hold_formulas(_Sheet(xml.replace(b"<v>1</v>", b"<f>1</f>"))) is True  # type: ignore[arg-type]


def test_a_column_name_that_is_an_unsaved_formula_is_a_usage_error(tmp_path: Path) -> None:
    source = formula_book(tmp_path / "in.xlsx", [["id", "authorization", '="start"']])
    status, out, err = main(["batch", str(source), "--today", TODAY])
    assert (status, out) == (2, "")
    assert f"{source} sheet 'Sheet' cell C1: a column name must be a value" in err
    assert "got '=\"start\"'" in err


def test_xlsx_on_standard_output_and_from_a_pipe(tmp_path: Path) -> None:
    text = b"id,authorization,start\na,CPT,2027-01-04\n"
    with (tmp_path / "out.xlsx").open("wb") as stream:
        done = subprocess.run(
            [str(SCRIPT), "batch", "-", "--format", "xlsx"], input=text, stdout=stream,
            stderr=subprocess.PIPE, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert read_xlsx(tmp_path / "out.xlsx")["A2"].value == "a"
    workbook = (tmp_path / "out.xlsx").read_bytes()
    done = subprocess.run(
        [str(SCRIPT), "batch", "-", "--today", TODAY], input=workbook, capture_output=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [row] = list(csv.DictReader(io.StringIO(done.stdout.decode())))
    assert (row["id"], row["latest_filing"]) == (
        "a",
        str(mp.plan("CPT", "2027-01-04").latest_filing),
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_workbook_is_not_printed_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"id,authorization,start\n")))
    assert cli.main(["batch", "-", "--format", "xlsx"]) == 2
    assert "give -o FILE.xlsx" in sys.stderr.getvalue()  # type: ignore[attr-defined]
    assert sys.stdout.getvalue() == ""  # type: ignore[attr-defined]


def test_a_text_stream_is_refused_for_xlsx_and_a_binary_one_for_csv() -> None:
    source = b"id,authorization,start\na,CPT,2027-01-04\n"
    with pytest.raises(mp.MicropathError, match="binary stream"):
        batch.run_streams(io.BytesIO(source), io.StringIO(), fmt="xlsx")
    with pytest.raises(mp.MicropathError, match="text stream"):
        batch.run_streams(io.BytesIO(source), io.BytesIO(), fmt="csv")
    with pytest.raises(mp.MicropathError, match="binary buffer"):
        batch.run("no-such-input.csv", None, fmt="xlsx", stdout=io.StringIO())
    out = io.BytesIO()
    assert batch.run_streams(io.BytesIO(source), out, fmt="xlsx").rows == 1
    assert openpyxl.load_workbook(io.BytesIO(out.getvalue())).active["A2"].value == "a"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["-o", "out.csv", "--format", "xlsx"], "--format must be the format of -o out.csv"),
        (["-o", "out.xlsx", "--format", "csv"], "--format must be the format of -o out.xlsx"),
        (["--sheet", "Other"], "is not an xlsx workbook: --sheet is for xlsx files"),
    ],
)
def test_flags_that_do_not_fit_the_files_are_usage_errors(
    tmp_path: Path, argv: list[str], says: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,authorization,start\na,CPT,2027-01-04\n", encoding="utf-8")
    with contextlib.chdir(tmp_path):
        status, out, err = main(["batch", "in.csv", *argv])
    assert (status, out) == (2, "")
    assert says in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


@pytest.mark.parametrize(
    ("content", "argv", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, [], "Excel 97-2003 workbook (.xls)"),
        (b"PK\x03\x04not really a zip", [], "is not an xlsx workbook Excel can open"),
        (None, ["--sheet", "Nope"], "has no sheet 'Nope'; its sheets: 'Students', 'Other'"),
        (None, ["--delimiter", "tab"], "is an xlsx workbook: --delimiter is for CSV files"),
        ("empty", [], "sheet 'Sheet' is empty"),
    ],
)
def test_unusable_workbooks_are_usage_errors(
    tmp_path: Path, content: bytes | str | None, argv: list[str], says: str
) -> None:
    source = tmp_path / "in.xlsx"
    if content is None:
        export(source)
    elif content == "empty":
        openpyxl.Workbook().save(source)
    else:
        assert isinstance(content, bytes)
        source.write_bytes(content)
    status, out, err = main(["batch", str(source), "-o", str(tmp_path / "out.xlsx"), *argv])
    assert (status, out) == (2, "")
    assert says in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx"]


def test_without_openpyxl_xlsx_is_a_usage_error_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = export(tmp_path / "in.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    status, out, err = main(["batch", str(source)])
    assert (status, out) == (2, "")
    assert "needs openpyxl (micropath's 'xlsx' extra): pip install 'openpyxl>=3.1'" in err
    status, _, err = main(
        ["batch", "-", "-o", str(tmp_path / "out.xlsx")], stdin=b"id,authorization,start\n"
    )
    assert status == 2
    assert "pip install 'openpyxl>=3.1'" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx"]
    error = mp.MissingExtraError("batch", "xlsx", module="openpyxl")
    assert (error.extra, error.name) == ("xlsx", "openpyxl")


def test_a_symbolic_link_to_a_workbook_is_written_through(tmp_path: Path) -> None:
    source = export(tmp_path / "in.xlsx")
    target = tmp_path / "real.xlsx"
    target.write_bytes(b"old")
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    assert main(["batch", str(source), "-o", str(link), "--today", TODAY])[0] == 1
    assert link.is_symlink()
    assert read_xlsx(target)["A2"].value == "1042"


class _Sheet:
    """A stand-in for openpyxl's read-only sheet: only its XML source."""

    def __init__(self, xml: bytes) -> None:
        self.xml = xml

    def _get_source(self) -> io.BytesIO:
        return io.BytesIO(self.xml)


@pytest.mark.parametrize(
    ("tag", "found"),
    [
        (b"<f>A1+1</f>", True),
        (b'<f t="shared" ref="B2:B9" si="0"/>', True),
        (b'<f t="shared" si="0"/>', True),
        (b"<x:f>A1</x:f>", True),
        (b"<f\n>A1</f>", True),
        (b'<fill patternType="none"/>', False),
        (b"<filterColumn/>", False),
        (b"<c r='A1'><v>f</v></c>", False),
    ],
)
@given(before=st.integers(0, 3 * 65536))
@example(before=65536 - len(b"<sheetData>") - 1)  # "<" ends the first 64 KiB block
@example(before=65536 - len(b"<sheetData>") - 2)  # "<f" ends it
@settings(max_examples=20)
def test_the_byte_scan_finds_a_formula_wherever_it_lies(
    tag: bytes, found: bool, before: int
) -> None:
    """The scan that decides whether a sheet is read a second time for its formulas finds
    a formula element at any offset, across the 64 KiB blocks it reads, and nothing else."""
    xml = b"<sheetData>" + b" " * before + tag + b"</sheetData>"
    assert _sheets._may_hold_formulas(_Sheet(xml)) is found  # type: ignore[arg-type]


RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships">{}</Relationships>'
)
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


@pytest.mark.parametrize(
    ("relationship", "part", "calculation", "expected"),
    [
        (f'<Relationship Id="r1" Type="{OFFICE}" Target="xl/workbook.xml"/>',
         "xl/workbook.xml", '<calcPr calcId="124519" fullCalcOnLoad="1"/>', True),
        (f'<Relationship Target="/xl/book.xml" Id="r1" Type="{OFFICE}"/>',
         "xl/book.xml", "<x:calcPr fullCalcOnLoad='true' calcId='1'/>", True),
        (f'<Relationship Id="r1" Type="{OFFICE}" Target="xl/book.xml"/>',
         "xl/book.xml", '<calcPr calcId="191029"/>', False),
        (f'<Relationship Id="r1" Type="{OFFICE}" Target="xl/book.xml"/>',
         "xl/book.xml", '<calcPr fullCalcOnLoad="0"/>', False),
        (f'<Relationship Id="r1" Type="{OFFICE}" Target="xl/book.xml"/>',
         "xl/book.xml", "", False),
        (f'<Relationship Id="r1" Type="{OFFICE}" Target="xl/missing.xml"/>',
         "xl/book.xml", "", True),  # unreadable: the values are not trusted
        (f'<Relationship Id="r1" Type="{OFFICE}" Target="./xl/../xl/my%20book.xml"/>',
         "xl/my book.xml", '<calcPr calcId="191029"/>', False),
        (f'<Relationship Id="r1" Type="{OFFICE}" Target="xl/book.xml"/>', "xl/book.xml",
         '<definedNames>' + "<definedName/>" * 100_000 + '</definedNames>'
         '<calcPr fullCalcOnLoad="1"/>', True),  # past the first megabyte
    ],
)  # fmt: skip
def test_the_recalculation_flag_is_read_from_the_workbook_part(
    relationship: str, part: str, calculation: str, expected: bool
) -> None:
    """openpyxl reports ``fullCalcOnLoad`` as set when a workbook leaves it out, so
    batch reads it from the workbook part the package's relationships name."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_rels/.rels", RELS.replace(b"{}", relationship.encode()))
        archive.writestr(part, f"<workbook>{calculation}</workbook>")
    assert _sheets._recalculated_on_open(buffer) is expected
    assert not buffer.closed


def test_a_date_cell_with_a_time_of_day_says_so(tmp_path: Path) -> None:
    """Found by a tester: a cell formatted to show 01/04/2027 but holding 09:30 too was
    refused as if it were not a date. It is still refused (a first day has no time of
    day, and dropping one could move the day), with a message that says why; midnight
    is the date alone."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "authorization", "start"])
    sheet.append(["ana", "CPT", datetime(2027, 1, 4, 9, 30)])
    sheet.append(["bo", "CPT", datetime(2027, 1, 4)])
    sheet["C2"].number_format = sheet["C3"].number_format = "mm/dd/yyyy"
    book.save(tmp_path / "in.xlsx")
    _, rows = batch_rows(tmp_path / "in.xlsx")
    assert rows[0]["error"] == (
        "start must be a date YYYY-MM-DD without a time of day (this is 2027-01-04 at "
        "09:30:00), got '2027-01-04T09:30:00'"
    )
    assert (rows[1]["error"], rows[1]["latest_offer"]) == (
        "",
        mp.plan("CPT", "2027-01-04").latest_offer.isoformat(),
    )
