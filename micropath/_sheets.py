"""Spreadsheets at the border: CSV files as offices save them, and xlsx workbooks.

This is the one module that reads and writes the files of ``micropath batch``
(and the one that imports ``openpyxl``, the optional ``xlsx`` extra, lazily).
It knows nothing about plans: it turns a file into numbered rows of cells,
and rows of values into a file.

Reading a CSV file (:class:`CsvTable`):

* UTF-8, with or without the byte-order mark Excel writes; UTF-16 and other
  encodings are refused with a message that says how to save the file.
* Line ends LF, CRLF or CR (old Mac Excel), as :meth:`bytes.splitlines`
  splits them.
* The delimiter is a comma, a semicolon (Excel in many European locales) or
  a tab, or given. The header row decides when it can: the delimiter is the
  one that splits it into the most names of *columns* (the columns a caller
  reads); when that does not decide (a tie), :class:`csv.Sniffer`, restricted
  to those three, decides on the first lines. (The sniffer alone can be swayed
  by the data: quotes around a word in a cell, ``x;'y';z``, make it take the
  characters beside them for the delimiter.)
* Rows whose cells are all empty (``,,,``, as Excel saves formatted but empty
  rows) are skipped like blank lines.
* A quoted field that is never closed would swallow the rows after it into
  one cell; it is an error naming the line where the quoted field began.

Reading an xlsx workbook (:class:`XlsxTable`): the first visible worksheet (a
hidden sheet or a chart sheet is not the table a person sees first) or a named
one; cells keep their types (a date cell is a :class:`~datetime.datetime`);
:func:`cell_text` gives a cell as the text a CSV file would hold. A workbook
openpyxl cannot read, however it breaks (a damaged zip member, XML that does
not parse, a value that is not what its type says), is an error naming the
file, and the sheet and row when the damage is in a row; openpyxl's warnings
about parts micropath does not read (data validation, extensions) are not
shown.

Writing: :class:`SheetWriter` writes an xlsx sheet row by row (openpyxl's
write-only mode: memory stays flat): a bold header, frozen panes, date
cells, highlighted cells. Every ``str`` is written as text, never as a
formula. :func:`neutralise` is the OWASP defence against CSV injection, for
text copied from an input into an output.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3"), neutralise("Ana")
('\\'=HYPERLINK("http://x")', "'-3", 'Ana')
>>> table = CsvTable(io.BytesIO(b"id;start\\r;\\rs1;2027/01/04\\r"), "in.csv")
>>> table.delimiter, table.header, list(table.rows())
(';', ['id', 'start'], [(3, ['s1', '2027/01/04'], False)])
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Final, Self

import attrs

from micropath.errors import BatchInputError, MissingExtraError, UnknownNameError

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook as ReadOnlyWorkbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = [
    "DELIMITERS",
    "SAVED_VALUE",
    "CsvTable",
    "Row",
    "SheetWriter",
    "UnsavedFormula",
    "XlsxTable",
    "cell_text",
    "is_xlsx",
    "neutralise",
    "open_table",
    "parse_delimiter",
    "require_openpyxl",
    "restore",
]

DELIMITERS: Final[Mapping[str, str]] = {",": "comma", ";": "semicolon", "\t": "tab"}
"""The delimiters a CSV input may use, and their names (``--delimiter semicolon``)."""

_DANGEROUS: Final = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV
injection): equals, plus, minus, at, tab and carriage return."""

_MAX_LINE_BYTES: Final = 1 << 20
_BLOCK_BYTES: Final = 1 << 16
_SAMPLE_LINES: Final = 50
"""How many lines :class:`csv.Sniffer` sees (at most 64 KiB of them)."""
_NO_DELIMITERS: Final = str.maketrans("", "", ",;\t")
"""Deletes every delimiter: what is left of a blank spreadsheet row is white space."""
_SPOOL_BYTES: Final = 1 << 20
"""A piped input is copied to memory up to this size, then to a temporary file."""
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM: Final = b"\xef\xbb\xbf"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0"
"""The start of an Excel 97-2003 ``.xls`` file (and other OLE compound files)."""
_MAX_REMEMBERED_LINES: Final = 10_000
"""Lines of one record kept to find where an unclosed quote began."""
_SHEET_CHUNK_ROWS: Final = 256
"""Rows of a sheet read at a time, under one guard against openpyxl's errors and warnings."""


def neutralise(text: str) -> str:
    """*text*, with a ``'`` in front if it begins with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return, so that a spreadsheet shows it as text and never runs it
    as a formula (OWASP's advice against CSV injection).

    >>> neutralise("+1 617 253 1000"), neutralise("@SUM(A1)"), neutralise("")
    ("'+1 617 253 1000", "'@SUM(A1)", '')
    """
    return "'" + text if text and text[0] in _DANGEROUS else text


def restore(text: str) -> str:
    """*text* without the ``'`` that :func:`neutralise` puts in front, so that an
    output read back as an input means what the input meant.

    >>> restore("'+30"), restore("'Ana"), restore("+30")
    ('+30', "'Ana", '+30')
    """
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in _DANGEROUS else text


def parse_delimiter(text: str, label: str) -> str:
    """A delimiter by its character or its name: ``;`` or ``semicolon``; ``\\t`` or ``tab``.

    >>> parse_delimiter("semicolon", "--delimiter"), parse_delimiter("\\\\t", "--delimiter")
    (';', '\\t')
    """
    word = text.strip(" ").lower()
    for character, name in DELIMITERS.items():
        if word in (character, name) or (character == "\t" and word == "\\t"):
            return character
    names = ", ".join(f"{name} ({character!r})" for character, name in DELIMITERS.items())
    raise UnknownNameError(label, f"one of {names}", text)


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV file would hold.

    A date cell is its ISO date (and its time, if it has one); a whole float
    (``12.0``, as spreadsheets store every number) is ``12``; an empty cell is
    ``""``; a boolean is ``true`` or ``false``.

    >>> cell_text(datetime(2027, 1, 4)), cell_text(12.0), cell_text(12.5), cell_text(None)
    ('2027-01-04', '12', '12.5', '')
    >>> cell_text(datetime(2027, 1, 4, 9, 30)), cell_text(time(9, 30)), cell_text(True)
    ('2027-01-04T09:30:00', '09:30:00', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


Row = tuple[int, list[object], bool]
"""One data row of a table: where it begins (its line in a CSV file, its row number
in a sheet), its cells (text for a CSV file, values for a sheet: see
:func:`cell_text`), and whether a cell holds a NUL character."""


class _Table:
    """What every table has: a name, a header and numbered rows (read again on request)."""

    name: str
    unit: str
    """What a row's number counts: ``line`` (CSV) or ``row`` (a sheet)."""
    header: list[str]
    typed: bool
    """True if cells are values (a sheet), False if they are text (CSV)."""

    def rows(self) -> Iterator[Row]:
        """The data rows after the header, from the start each time; blank rows left out."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the file."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


# -- CSV ---------------------------------------------------------------------------------


class _Rewindable:
    """A binary input that can be read again from its start: a seekable file as it
    is; a pipe copied (to memory, then to a temporary file) as it is first read."""

    def __init__(self, binary: IO[bytes]) -> None:
        self._binary = binary
        self._start = binary.tell() if binary.seekable() else None
        self._copy: IO[bytes] | None = None
        self._complete = False
        if self._start is None:
            self._copy = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115

    def blocks(self) -> Iterator[bytes]:
        """The bytes from the start, block by block (a reader may stop at any block)."""
        if self._copy is None:
            assert self._start is not None
            self._binary.seek(self._start)
            while block := self._binary.read(_BLOCK_BYTES):
                yield block
            return
        copy = self._copy
        copy.seek(0)
        while block := copy.read(_BLOCK_BYTES):  # what an earlier reader copied
            yield block
        while not self._complete:
            block = self._binary.read(_BLOCK_BYTES)
            if not block:
                self._complete = True
                return
            copy.seek(0, os.SEEK_END)
            copy.write(block)
            yield block

    def close(self) -> None:
        if self._copy is not None:
            self._copy.close()


class CsvTable(_Table):
    """The rows of a CSV byte stream (see the module's docstring for what is read).

    The header is read when the table is made, and the delimiter found then
    unless *delimiter* gives it (*columns* tells a header name the caller
    reads: the delimiter that splits the header into the most of them wins).
    :meth:`rows` reads the stream again from its start each time (a pipe is
    kept in a temporary copy).

    Raises:
        BatchInputError: not UTF-8 text, a line over 1 MiB, an unclosed quote,
            no header row (the message names the file and the line).
    """

    unit = "line"
    typed = False

    def __init__(
        self,
        binary: IO[bytes],
        name: str,
        delimiter: str | None = None,
        *,
        columns: Callable[[str], bool] | None = None,
    ) -> None:
        self.name = name
        self._columns = columns
        self._input = _Rewindable(binary)
        self._remembered: list[tuple[int, str]] = []
        self._nul = False
        try:
            self.delimiter = delimiter or self._sniff()
            _, cells, nul = next(self._records(), (0, None, False))
        except BaseException:
            self.close()
            raise
        if cells is None:
            self.close()
            raise BatchInputError(f"{name} is empty: expected a header row and data rows")
        self.header = [str(cell) for cell in cells]
        if nul:
            self.close()
            raise BatchInputError(f"{name} is not UTF-8 text (it has NUL bytes; UTF-16?)")

    def rows(self) -> Iterator[Row]:
        records = self._records()
        next(records)  # the header: the first record, as when the table was made
        yield from records

    def close(self) -> None:
        self._input.close()

    def _lines(self) -> Iterator[str]:
        """Decoded lines (each with its line end: LF, CRLF or CR, as
        :meth:`bytes.splitlines` splits them), remembered until the csv reader
        completes the record they belong to (to find where an unclosed quote began)."""
        remembered = self._remembered
        remembered.clear()
        remember = remembered.append
        self._nul = False
        number = 0
        rest = b""
        for block in self._input.blocks():
            lines = (rest + block).splitlines(keepends=True)
            rest = lines.pop()  # maybe incomplete, or a CR whose LF is in the next block
            if len(rest) > _MAX_LINE_BYTES:
                number += len(lines) + 1
                raise BatchInputError(f"{self.name} line {number} is longer than 1 MiB")
            if number == 0 and lines:
                lines[0] = self._first(lines[0])
            for raw in lines:
                number += 1
                text = self._decode(raw, number)
                if "\x00" in text:
                    self._nul = True
                if len(remembered) < _MAX_REMEMBERED_LINES:
                    remember((number, text))
                yield text
        if rest:
            number += 1
            text = self._decode(self._first(rest) if number == 1 else rest, number)
            self._nul = self._nul or "\x00" in text
            remember((number, text))
            yield text

    def _first(self, raw: bytes) -> bytes:
        """The first line without Excel's byte-order mark; UTF-16 refused."""
        if raw.startswith(_UTF16_BOMS):
            raise BatchInputError(
                f"{self.name} is UTF-16 text, not UTF-8: save it as 'CSV UTF-8' and try again"
            )
        return raw.removeprefix(_UTF8_BOM)

    def _decode(self, raw: bytes, number: int) -> str:
        if len(raw) > _MAX_LINE_BYTES:
            raise BatchInputError(f"{self.name} line {number} is longer than 1 MiB")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BatchInputError(
                f"{self.name} is not UTF-8 text: line {number} has the byte "
                f"0x{raw[error.start]:02x} (in Excel, save it as 'CSV UTF-8')"
            ) from None

    def _sniff(self) -> str:
        """The delimiter that splits the header into the most names of columns; if
        that is a tie, the delimiter of the first lines by :class:`csv.Sniffer`, or a
        comma if it cannot tell (the header check then says what it saw)."""
        sample = []
        size = 0
        for text in self._lines():
            if not text.translate(_NO_DELIMITERS).strip():
                continue  # a blank row as spreadsheets save it (",,,", ";;;") says nothing
            sample.append(text)
            size += len(text)
            if len(sample) >= _SAMPLE_LINES or size >= _BLOCK_BYTES:
                break
        try:
            found = csv.Sniffer().sniff("".join(sample), delimiters="".join(DELIMITERS))
        except csv.Error:
            sniffed = ","
        else:
            sniffed = found.delimiter
        if not sample or self._columns is None:
            return sniffed
        named = {
            delimiter: sum(map(self._columns, next(csv.reader([sample[0]], delimiter=delimiter))))
            for delimiter in DELIMITERS
        }
        most = max(named.values())
        if named.get(sniffed, 0) == most:
            return sniffed
        return next(delimiter for delimiter, count in named.items() if count == most)

    def _records(self) -> Iterator[Row]:
        """Every non-blank record, the header included."""
        reader = csv.reader(self._lines(), delimiter=self.delimiter, strict=True)
        remembered = self._remembered
        end = 0
        try:
            for cells in reader:
                line, end = end + 1, reader.line_num
                remembered.clear()
                if any(cells):
                    if self._nul:
                        self._nul = False
                        yield line, cells, True  # type: ignore[misc]  # list[str]: list[object]
                    else:
                        yield line, cells, False  # type: ignore[misc]
                else:
                    self._nul = False
        except csv.Error as error:
            raise self._broken(str(error), reader.line_num) from None

    def _broken(self, message: str, line: int) -> BatchInputError:
        found = _bad_quote(self._remembered, self.delimiter)
        if found is not None:
            opened, text_after = found
            if text_after and opened == line:
                return BatchInputError(
                    f"{self.name} line {opened}: a quoted field has text after its closing "
                    'quote (a quote inside a quoted field must be doubled: "")'
                )
            return BatchInputError(
                f"{self.name} line {opened}: a quoted field begins here and is never closed; "
                "the lines after it would be read as one cell"
            )
        limit = f"a field is longer than {csv.field_size_limit()} characters"
        return BatchInputError(
            f"{self.name} line {line}: {limit if 'field limit' in message else message}"
        )


def _bad_quote(lines: Sequence[tuple[int, str]], delimiter: str) -> tuple[int, bool] | None:
    """Where a quoted field of one record's *lines* goes wrong, by the csv module's
    rules: the line on which it opens, and True if text follows what would close
    it (False: it is still open at the end). None if every quoted field closes
    with a quote followed by the delimiter or a line end (``""`` is a quote)."""
    opened = 0
    field_start, quoted, after_quote = True, False, False
    for number, text in lines:
        for character in text:
            ends_field = character == delimiter or character in "\r\n"
            if quoted and after_quote:
                if character == '"':
                    after_quote = False  # "" inside quotes: one quote
                elif ends_field:
                    quoted = after_quote = False
                    field_start = True
                else:
                    return opened, True
            elif quoted:
                after_quote = character == '"'
            elif field_start and character == '"':
                quoted, field_start, opened = True, False, number
            else:
                field_start = ends_field
    return (opened, False) if quoted and not after_quote else None


# -- xlsx --------------------------------------------------------------------------------


def is_xlsx(start: bytes) -> bool:
    """True if a file beginning with *start* is a zip archive, as an xlsx file is."""
    return start.startswith(_ZIP_MAGIC)


def require_openpyxl(function: str) -> None:
    """Check that openpyxl (the ``xlsx`` extra) is installed.

    Raises:
        MissingExtraError: it is not; the message names *function* and the extra.
    """
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise MissingExtraError(function, "xlsx", module="openpyxl") from None


class XlsxTable(_Table):
    """The rows of one sheet of an xlsx workbook: the first visible worksheet, or the
    one named *sheet* (hidden or not).

    Cells keep their types. A formula cell gives the value a spreadsheet saved
    with it; a formula whose saved value cannot be used (see :class:`_Formulas`:
    a workbook written by a program and never opened in a spreadsheet; openpyxl
    does not calculate) is an :class:`UnsavedFormula`, never an empty cell or a
    placeholder. An error value is its text (``#N/A``).

    Raises:
        MissingExtraError: openpyxl (the ``xlsx`` extra) is not installed.
        BatchInputError: not a workbook, or one openpyxl cannot read (now or
            while reading the rows); no visible worksheet, no sheet *sheet*, or
            a chart sheet; no header row.
    """

    unit = "row"
    typed = True

    def __init__(
        self,
        binary: IO[bytes],
        name: str,
        sheet: str | None = None,
        *,
        owned: IO[bytes] | None = None,
    ) -> None:
        require_openpyxl("batch on an xlsx file")
        import openpyxl

        self.name = name
        self._owned = owned  # a copy of a pipe: closed with the table
        try:
            with _quiet():  # openpyxl warns about parts it drops (data validation, ...)
                self._book = openpyxl.load_workbook(binary, read_only=True, data_only=True)
        except Exception as error:  # however the archive or its XML is broken
            raise BatchInputError(
                f"{name} is not an xlsx workbook Excel can open ({_reason(error)})"
            ) from None
        self._formulas: ReadOnlyWorkbook | None = None
        self._formula_sheet: ReadOnlyWorksheet | None = None
        self._width: int | None = None  # the header's, once read
        try:
            self._sheet: ReadOnlyWorksheet = self._choose(sheet)
            self.title = self._sheet.title
            if _may_hold_formulas(self._sheet):
                # The sheet again, with its formulas: read beside the values, it tells
                # a formula saved without its value from an empty cell. (Two archives
                # on one file: each seeks to its own place before a read.)
                try:
                    with _quiet():
                        self._formulas = openpyxl.load_workbook(binary, read_only=True)
                except Exception as error:  # read once already: not expected
                    raise BatchInputError(
                        f"{name} is not an xlsx workbook Excel can open ({_reason(error)})"
                    ) from None
                self._formula_sheet = self._formulas[self.title]
                self._untrusted = _recalculated_on_open(binary)
            # The sheet's own dimension is not trusted: one that claims 16384 columns
            # would pad every row (and every missing row) to that width.
            for table in (self._sheet, self._formula_sheet):
                if table is not None:
                    table.reset_dimensions()
            number, cells, _ = next(self._records(), (0, None, False))
            if cells is None:
                raise BatchInputError(
                    f"{name} sheet {self.title!r} is empty: expected a header row and data rows"
                )
            for column, cell in enumerate(cells, start=1):
                if isinstance(cell, UnsavedFormula):
                    from openpyxl.utils.cell import get_column_letter

                    raise BatchInputError(
                        f"{name} sheet {self.title!r} cell {get_column_letter(column)}{number}: "
                        f"a column name must be {SAVED_VALUE}, got {cell.formula!r}"
                    )
        except BaseException:
            self.close()
            raise
        header = list(cells)
        while header[-1] in (None, ""):  # the first non-blank row has a cell
            header.pop()
        self.header = [cell_text(cell) for cell in header]
        self._width = len(self.header)

    def _choose(self, sheet: str | None) -> ReadOnlyWorksheet:
        """The worksheet named *sheet* (in any case, as Excel, which allows no two names
        that differ only in case), or the first visible one."""
        names = self._book.sheetnames
        tables = {table.title: table for table in self._book.worksheets}
        if sheet is None:
            for table in tables.values():
                if table.sheet_state == "visible":
                    return table
            listed = ", ".join(map(repr, names)) or "none"
            raise BatchInputError(
                f"{self.name} has no visible worksheet (its sheets: {listed}); name one "
                "with --sheet"
            )
        if sheet not in names:  # as Excel names sheets: whatever the case
            sheet = next((name for name in names if name.casefold() == sheet.casefold()), sheet)
        if sheet not in names:
            raise BatchInputError(
                f"{self.name} has no sheet {sheet!r}; its sheets: {', '.join(map(repr, names))}"
            )
        if sheet not in tables:
            raise BatchInputError(f"{self.name} sheet {sheet!r} is a chart, not a table")
        return tables[sheet]

    def rows(self) -> Iterator[Row]:
        records = self._records()
        next(records)  # the header: the first record, as when the table was made
        yield from records

    def close(self) -> None:
        self._book.close()
        if self._formulas is not None:
            self._formulas.close()
        if self._owned is not None:
            self._owned.close()

    def _records(self) -> Iterator[Row]:
        # Parsed lazily: damage shows up row by row. Both readers parse the same XML,
        # so their rows pair up.
        rows: Iterator[Sequence[object]]
        if self._formula_sheet is None:
            rows = iter(self._sheet.values)
        else:
            formulas = _Formulas(self._untrusted, self._width)
            pairs = zip(self._sheet.rows, self._formula_sheet.rows, strict=True)
            rows = (formulas.row(number, *pair) for number, pair in enumerate(pairs, 1))
        number = 0
        while True:
            chunk: list[Sequence[object]] = []
            with _quiet():  # once for a few rows: catch_warnings is not free
                for _ in range(_SHEET_CHUNK_ROWS):
                    try:
                        values = next(rows, None)
                    except Exception as error:  # the sheet's XML, or a value, is broken
                        where = f" past row {number + len(chunk)}" if number + len(chunk) else ""
                        raise BatchInputError(
                            f"{self.name} sheet {self.title!r} cannot be read{where} "
                            f"({_reason(error)})"
                        ) from None
                    if values is None:
                        break
                    chunk.append(values)
            for cells in chunk:
                number += 1
                if any(cell is not None and cell != "" for cell in cells):
                    yield number, list(cells), False
            if len(chunk) < _SHEET_CHUNK_ROWS:
                return


@attrs.frozen
class UnsavedFormula:
    """A formula cell saved without its value: a workbook written by a program
    (openpyxl, pandas) and never opened in a spreadsheet, which would have
    calculated it. micropath does not calculate formulas.

    Attributes:
        formula: the formula as the file holds it (``=A2+7``).
    """

    formula: str

    def __str__(self) -> str:
        return self.formula


class _Formulas:
    """Tells, row by row, which cells hold a formula whose saved value cannot be used,
    and puts an :class:`UnsavedFormula` in their place.

    A saved value cannot be used when:

    * the workbook asks to be recalculated when it is opened (``fullCalcOnLoad`` in
      its calculation properties, as openpyxl and xlsxwriter, and so pandas, write
      every workbook): its values are placeholders (xlsxwriter saves 0) or none;
    * the formula has no value of a type other than text: a spreadsheet saves a
      number, a date, a boolean or an error for each. (An empty value of type text
      is the empty text, ``=IF(A2="","",A2)`` as Excel saves it, and so an empty
      cell: openpyxl does not tell it from a text formula saved without a value.)

    The cells an array formula (or a data table) fills, other than its first, hold
    no formula of their own: they are checked as if they held it.
    """

    def __init__(self, untrusted: bool, width: int | None) -> None:
        self.untrusted = untrusted
        self.width = width
        """The header's width, if known: the cells an array formula fills are looked at
        up to one column past it (a cell there is a row too wide, whatever it holds),
        never across the 16,384 columns a range may name."""
        self.arrays: list[tuple[int, int, int, int, UnsavedFormula]] = []
        """Array formulas over several cells: their first and last rows and columns
        (from 1) and the formula."""

    def row(self, number: int, cells: tuple[Any, ...], formulas: tuple[Any, ...]) -> list[object]:
        """Row *number*'s values (*cells*: openpyxl's read-only cells, read for their
        saved values; *formulas*: the same row read with its formulas)."""
        values = [cell.value for cell in cells]
        for column, formula in enumerate(formulas):
            if formula.data_type != "f":
                continue
            text = _formula_text(formula.value)
            ref = getattr(formula.value, "ref", None)  # an array formula's or a data table's
            if isinstance(ref, str) and ":" in ref:
                first_column, first_row, last_column, last_row = _range_boundaries(ref)
                self.arrays.append((first_row, last_row, first_column, last_column, text))
            if self._unusable(values[column], cells[column]):
                values[column] = text
        if self.arrays:
            self.arrays = [found for found in self.arrays if found[1] >= number]
            limit = len(values) if self.width is None else self.width + 1
            for first_row, last_row, first_column, last_column, text in self.arrays:
                if not first_row <= number <= last_row:
                    continue
                last = min(last_column, max(limit, len(values)))
                if len(values) < last:
                    values += [None] * (last - len(values))
                for column in range(first_column - 1, last):
                    cell = cells[column] if column < len(cells) else None
                    if self._unusable(values[column], cell):
                        values[column] = text
        return values

    def _unusable(self, value: object, cell: Any) -> bool:
        """Whether a formula's saved *value* (in *cell*, None if the row has no such cell)
        cannot be used."""
        return self.untrusted or (value is None and (cell is None or cell.data_type != "str"))


_LAST_ROW: Final = 1_048_576
_LAST_COLUMN: Final = 16_384
"""A sheet's last row and column (Excel's limits): where a range without them ends."""


def _range_boundaries(ref: str) -> tuple[int, int, int, int]:
    """A range's first column, first row, last column and last row (from 1): ``B2:D4``;
    a whole column (``D:D``) runs over every row, a whole row (``2:5``) over every
    column."""
    from openpyxl.utils.cell import range_boundaries

    first_column, first_row, last_column, last_row = range_boundaries(ref)
    return (
        first_column or 1,
        first_row or 1,
        last_column or _LAST_COLUMN,
        last_row or _LAST_ROW,
    )


_PREFIX: Final = rb"(?:[A-Za-z_][\w.-]*:)?"
"""An XML namespace prefix, if any."""
_FORMULA_OR_END: Final = re.compile(rb"<" + _PREFIX + rb"f[\s/>]|</" + _PREFIX + rb"sheetData>")
"""A formula element (``<f>``, ``<f t="shared" .../>``, ``<x:f>``) in a sheet's cells,
or the end of the cells (an extension after them may hold ``<xm:f>`` references)."""
_FULL_CALCULATION: Final = re.compile(
    rb"<" + _PREFIX + rb"calcPr\b[^>]*?\bfullCalcOnLoad\s*=\s*[\"'](?:1|true)[\"']"
)
"""The workbook's calculation properties ask for every formula to be recalculated when
it is opened."""
_WORKBOOK_PART: Final = re.compile(
    rb"<" + _PREFIX + rb"Relationship\b[^>]*?/officeDocument[\"'][^>]*?"
    rb"\bTarget\s*=\s*[\"']([^\"']+)[\"']"
    rb"|<" + _PREFIX + rb"Relationship\b[^>]*?\bTarget\s*=\s*[\"']([^\"']+)[\"']"
    rb"[^>]*?/officeDocument[\"']"
)
"""The package relationship that names the workbook part (its target, either way round)."""
_MAX_RELATIONSHIP_BYTES: Final = 1 << 20


def _first_match(source: IO[bytes], pattern: re.Pattern[bytes]) -> re.Match[bytes] | None:
    """The first match of *pattern* in *source*, read in blocks (a tag cut between two
    blocks is found: :data:`_LONGEST_TAG` bytes are kept from one to the next)."""
    tail = b""
    while block := source.read(_SCAN_BYTES):
        found = pattern.search(tail + block)
        if found is not None:
            return found
        tail = block[-_LONGEST_TAG:]
    return None


_SCAN_BYTES: Final = 1 << 16
_LONGEST_TAG: Final = 200
"""Bytes kept from one block to the next, so a tag cut between them is found."""


def _may_hold_formulas(sheet: ReadOnlyWorksheet) -> bool:
    """False if the cells of *sheet* hold no formula element: a scan of its XML's
    bytes, far cheaper than reading the sheet a second time. True if unsure
    (openpyxl's read-only sheet no longer opens its XML as it does today)."""
    opener = getattr(sheet, "_get_source", None)
    if opener is None:
        return True
    try:
        with opener() as source:
            found = _first_match(source, _FORMULA_OR_END)
    except Exception:  # a damaged archive member: reading the rows reports it
        return True
    return found is not None and not found.group().startswith(b"</")


def _recalculated_on_open(binary: IO[bytes]) -> bool:
    """True if the workbook in *binary* asks to be recalculated when opened (see
    :class:`_Formulas`), or if its workbook part cannot be found: its saved values are
    then not trusted. Read from its parts directly: openpyxl reports the flag as set
    when the workbook leaves it out."""
    import posixpath
    import zipfile
    from urllib.parse import unquote

    try:
        with zipfile.ZipFile(binary) as archive:  # leaves *binary* open
            with archive.open("_rels/.rels") as source:
                found = _WORKBOOK_PART.search(source.read(_MAX_RELATIONSHIP_BYTES))
            target = (found.group(1) or found.group(2)).decode() if found else "xl/workbook.xml"
            part = posixpath.normpath(unquote(target)).lstrip("/")
            with archive.open(part) as source:
                return _first_match(source, _FULL_CALCULATION) is not None
    except Exception:  # no workbook part where the package says: trust nothing
        return True


SAVED_VALUE: Final = (
    "a value, or a formula saved with its value (the workbook was written by a program "
    "and never opened: open it in a spreadsheet and save it, or paste values)"
)
"""What an :class:`UnsavedFormula` is not, in an error about a cell micropath reads."""


def _formula_text(formula: object) -> UnsavedFormula:
    """*formula* (text beginning with ``=``, or openpyxl's array or data-table formula)
    as an :class:`UnsavedFormula`. (Read with its formulas, a cell whose saved value is
    empty holds either nothing or a formula.)"""
    if isinstance(formula, str):
        return UnsavedFormula(formula)
    text = getattr(formula, "text", None)  # an ArrayFormula's
    return UnsavedFormula(text if isinstance(text, str) else "=TABLE()")  # a data table


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Without openpyxl's warnings (about parts of a workbook micropath does not read)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _reason(error: Exception) -> str:
    """What went wrong, in one short line (a parser's message can be long)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def open_table(
    binary: IO[bytes],
    name: str,
    *,
    delimiter: str | None = None,
    sheet: str | None = None,
    columns: Callable[[str], bool] | None = None,
) -> CsvTable | XlsxTable:
    """A table of *binary*: an xlsx workbook if it is a zip archive, else CSV (whose
    delimiter the names of *columns* in its header decide, if they can).

    Raises:
        BatchInputError: the file is unusable; ``--sheet`` for a CSV file, or
            ``--delimiter`` for a workbook; an Excel 97-2003 ``.xls`` file.
    """
    start = _peek(binary)
    if start.startswith(_OLE_MAGIC):
        raise BatchInputError(
            f"{name} is an Excel 97-2003 workbook (.xls): save it as .xlsx or 'CSV UTF-8'"
        )
    if is_xlsx(start):
        if delimiter is not None:
            raise BatchInputError(f"{name} is an xlsx workbook: --delimiter is for CSV files")
        if binary.seekable():
            return XlsxTable(binary, name, sheet)
        copy = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
        try:
            while block := binary.read(_BLOCK_BYTES):  # a zip archive is read from its end
                copy.write(block)
            copy.seek(0)
            return XlsxTable(copy, name, sheet, owned=copy)
        except BaseException:
            copy.close()
            raise
    if sheet is not None:
        raise BatchInputError(f"{name} is not an xlsx workbook: --sheet is for xlsx files")
    return CsvTable(binary, name, delimiter, columns=columns)


def _peek(binary: IO[bytes]) -> bytes:
    """The first bytes of *binary*, left in place for the readers."""
    if isinstance(binary, io.BufferedReader):
        return binary.peek(8)[:8]
    if binary.seekable():
        position = binary.tell()
        start = binary.read(8)
        binary.seek(position)
        return start
    raise TypeError("a seekable or buffered binary stream is needed")  # pragma: no cover


# -- writing xlsx ------------------------------------------------------------------------

_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What XML 1.0 cannot hold, so neither can a workbook: C0 control characters but tab
and line breaks, lone surrogates, and U+FFFE and U+FFFF (openpyxl writes them, and
then neither it nor Excel can open the file)."""
_HIGHLIGHT: Final = "FFC7CE"
"""The fill of a highlighted cell: Excel's light red (as its "Bad" style)."""


class SheetWriter:
    """Writes one xlsx sheet row by row, then the workbook to a binary stream.

    The header row is bold and frozen with the first column (panes at ``B2``).
    A ``str`` is written as text (never a formula, whatever it begins with;
    characters Excel cannot hold, such as other C0 control characters than
    tab and line breaks, or U+FFFF, become U+FFFD); a :class:`~datetime.date` as a date
    cell (``yyyy-mm-dd``); numbers and booleans as they are; None empty.

    Raises:
        MissingExtraError: openpyxl (the ``xlsx`` extra) is not installed.
    """

    def __init__(
        self,
        header: Sequence[str],
        *,
        title: str = "plans",
        widths: Mapping[int, float] | None = None,
    ) -> None:
        require_openpyxl("batch --format xlsx")
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font, PatternFill
        from openpyxl.utils import get_column_letter

        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(title)
        self._cell = WriteOnlyCell
        self._fill = PatternFill("solid", fgColor=_HIGHLIGHT)
        self._sheet.freeze_panes = "B2"
        for index, width in (widths or {}).items():
            self._sheet.column_dimensions[get_column_letter(index + 1)].width = width
        bold = Font(bold=True)
        cells = []
        for text in header:
            cell = self._text(text)
            cell.font = bold
            cells.append(cell)
        self._sheet.append(cells)

    def _text(self, text: str) -> Cell:
        cell: Cell = self._cell(self._sheet, value=_NOT_XML.sub("\ufffd", text))
        cell.data_type = "s"  # text, even if it begins with "="
        return cell

    def row(self, values: Sequence[object], highlight: Collection[int] = ()) -> None:
        """Append one row; the cells at the indices in *highlight* are filled light red."""
        cells: list[object] = []
        for index, value in enumerate(values):
            if isinstance(value, str):
                cell = self._text(value)
            elif index in highlight:
                cell = self._cell(self._sheet, value=value)  # type: ignore[arg-type]
            else:  # a date, a number, a boolean or None: as it is
                cells.append(value)
                continue
            if index in highlight:
                cell.fill = self._fill
            cells.append(cell)
        self._sheet.append(cells)

    def save(self, stream: IO[bytes]) -> None:
        """Write the workbook to *stream* (once, at the end)."""
        self._book.save(stream)
