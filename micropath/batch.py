"""Batch planning: one plan per row of a CSV file, streamed.

The input is UTF-8 CSV with a header row. Required columns: ``id``,
``authorization``, and ``start`` (a date) or ``iap`` (a year); every plan
option may be a column too. An empty cell means "not given". Each input row
yields one output row, in order; a row that cannot be planned gets an
``error`` naming the column and the problem, and the other rows still go
through.

The option columns are derived from :class:`~micropath.options.PlanOptions`
(:func:`micropath._text.text_options`): a field ``x_y`` is the column
``x_y``; a lead is also ``x_y_business``; ``uscis_calendar`` sets USCIS's
calendar. The ``micropath plan`` flags are the same options.

>>> outcome = plan_row({"authorization": "cpt", "iap": "2027"})
>>> outcome.latest_offer, outcome.latest_filing, outcome.error
('2026-11-20', '2026-12-10', None)
>>> plan_row({"authorization": "CPT", "iap": "2027", "mailing": "14"}).error
"mailing must be empty for CPT (mailing applies to OPT only), got '14'"
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import operator
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import IO, Final, Protocol

import attrs

from micropath import _files
from micropath._text import (
    CSV_WORDS,
    Given,
    TextOption,
    parse_date,
    parse_iap,
    read_options,
    resolve,
    text_options,
)
from micropath.errors import BatchInputError, InvalidValueError, MicropathError
from micropath.pathways import Authorization
from micropath.planner import Plan, plan
from micropath.terms import Term

__all__ = [
    "FORMATS",
    "INPUT_COLUMNS",
    "OUTPUT_COLUMNS",
    "BatchInputError",
    "Outcome",
    "Summary",
    "plan_row",
    "run",
    "run_streams",
]

_OPTIONS_BY_COLUMN: Final[Mapping[str, TextOption]] = {o.column: o for o in text_options()}

INPUT_COLUMNS: Final[tuple[str, ...]] = ("id", "authorization", "start", "iap", *_OPTIONS_BY_COLUMN)
"""The columns a batch input may have (in any order): the plan options' among them."""

OUTPUT_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "authorization",
    "start",
    "latest_offer",
    "latest_filing",
    "earliest_filing",
    "feasible",
    "reasons",
    "notices",
    "error",
)
"""The columns of a batch output, in order (also the keys of each JSON Lines object)."""

FORMATS: Final[tuple[str, ...]] = ("csv", "json")
"""Output formats: CSV, or JSON Lines (one object per row)."""

_REASONS_SEPARATOR: Final = " | "
_NOTICES_SEPARATOR: Final = "; "


# -- one row ----------------------------------------------------------------------


@attrs.frozen
class Outcome:
    """The planned result of one input row, as text ready for output.

    ``authorization`` and ``start`` are the plan's (normalized, ``start`` the
    first day of work) when the row planned, and the row's own text when not.
    ``reasons`` and ``notices`` are the plan's findings as sentences.
    """

    authorization: str
    start: str
    latest_offer: str | None = None
    latest_filing: str | None = None
    earliest_filing: str | None = None
    feasible: bool | None = None
    reasons: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    error: str | None = None

    @classmethod
    def of(cls, result: Plan) -> Outcome:
        """The outcome of a plan."""
        earliest = result.earliest_filing
        return cls(
            authorization=result.authorization.value,
            start=result.start.isoformat(),
            latest_offer=result.latest_offer.isoformat(),
            latest_filing=result.latest_filing.isoformat(),
            earliest_filing=None if earliest is None else earliest.isoformat(),
            feasible=result.feasible,
            reasons=tuple(str(finding) for finding in result.reasons),
            notices=tuple(str(finding) for finding in result.notices),
        )


def plan_row(fields: Mapping[str, str]) -> Outcome:
    """Plan one row given as column -> text; never raises for bad text.

    >>> plan_row({"authorization": "OPT", "start": "2027-01-04", "premium": "yes"}).latest_filing
    '2026-11-05'
    >>> plan_row({"authorization": "OPT", "start": "2027-01-04", "processing": "-3"}).error
    "processing must be a whole number of calendar days, 0 or more, got '-3'"
    """
    given = [
        (option, text)
        for column, text in fields.items()
        if (option := _OPTIONS_BY_COLUMN.get(column)) is not None
    ]
    return _plan_texts(
        fields.get("authorization", ""), fields.get("start", ""), fields.get("iap", ""), given
    )


def _plan_texts(
    authorization: str, start_text: str, iap_text: str, options: Iterable[tuple[TextOption, str]]
) -> Outcome:
    try:
        kind = Authorization.parse(authorization)
        if start_text.strip() and iap_text.strip():
            raise InvalidValueError("iap", "empty when start is given (give one of them)", iap_text)
        if not start_text.strip() and not iap_text.strip():
            raise InvalidValueError("start", "a date YYYY-MM-DD (or give an iap year)", start_text)
        start_date = parse_date(start_text, "start") if start_text.strip() else None
        read = read_options(
            (Given(option, text, option.column) for option, text in options if text.strip()),
            CSV_WORDS,
        )
        start: date | Term
        if start_date is not None:
            start, labels = start_date, {"start": ("start", start_text)}
        else:
            start = parse_iap(iap_text, "iap", read.options.school)
            labels = {"start": ("iap", iap_text)}
        try:
            result = plan(kind, start, options=read.options)
        except MicropathError as error:
            raise resolve(error, {**read.labels, **labels}, CSV_WORDS) from None
    except MicropathError as error:
        return Outcome(authorization=authorization, start=start_text, error=str(error))
    return Outcome.of(result)


# -- files ------------------------------------------------------------------------


@attrs.frozen
class Summary:
    """What a batch run did."""

    rows: int
    errors: int
    error_lines: tuple[int, ...]
    """Input line numbers of the first few rows with errors."""


_MAX_LINE_BYTES: Final = 1 << 20
_SHOWN_ERROR_LINES: Final = 5
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM: Final = b"\xef\xbb\xbf"


class _Reader(Protocol):
    """What the batch needs of a ``csv.reader``."""

    @property
    def line_num(self) -> int: ...

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def _lines(binary: IO[bytes], name: str) -> Iterator[str]:
    """Decode *binary* line by line as UTF-8, so an error can name its line."""
    number = 0
    while True:
        raw = binary.readline(_MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if number == 1:
            if raw.startswith(_UTF16_BOMS):
                raise BatchInputError(
                    f"{name} is UTF-16 text, not UTF-8: save it as 'CSV UTF-8' and try again"
                )
            raw = raw.removeprefix(_UTF8_BOM)
        if len(raw) > _MAX_LINE_BYTES:
            raise BatchInputError(f"{name} line {number} is longer than 1 MiB: is it a CSV file?")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BatchInputError(
                f"{name} is not UTF-8 text: line {number} has the byte 0x{raw[error.start]:02x} "
                f"(in Excel, save it as 'CSV UTF-8')"
            ) from None


def _header(reader: _Reader, name: str) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise BatchInputError(f"{name} is empty: expected a header row and data rows") from None
    columns = [cell.strip().lower().replace("-", "_").replace(" ", "_") for cell in header]
    if any("\x00" in cell for cell in columns):
        raise BatchInputError(f"{name} is not UTF-8 text (it has NUL bytes; UTF-16?)")
    known = set(INPUT_COLUMNS)
    unknown = [c for c in columns if c not in known]
    if unknown and len(unknown) == len(columns):
        if len(header) == 1 and any(sep in header[0] for sep in ";\t"):
            raise BatchInputError(
                f"{name} is not comma-separated: its header is {header[0]!r}; save it as "
                "CSV with commas (spreadsheets in some locales use semicolons)"
            )
        raise BatchInputError(
            f"{name} has no header row: its first line is {', '.join(map(repr, header))}; "
            f"the first line must name the columns: id, authorization, start or iap, ..."
        )
    if unknown:
        hints = []
        for column in unknown:
            if not column:
                hints.append("'' (a column without a name: delete it, or name it)")
                continue
            close = _close(column, INPUT_COLUMNS)
            hints.append(f"{column!r}" + (f" (did you mean {close!r}?)" if close else ""))
        raise BatchInputError(
            f"{name} has unknown column(s) {', '.join(hints)}; "
            f"known columns: {', '.join(INPUT_COLUMNS)}"
        )
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise BatchInputError(f"{name} has the column(s) {', '.join(duplicates)} more than once")
    missing = [c for c in ("id", "authorization") if c not in columns]
    if "start" not in columns and "iap" not in columns:
        missing.append("start or iap")
    if missing:
        raise BatchInputError(f"{name} has no column {' and no column '.join(missing)}")
    return columns


def _close(word: str, choices: tuple[str, ...]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, choices, n=1)
    return found[0] if found else None


class _Writer:
    """Writes outcomes as CSV or JSON Lines to a text stream.

    :meth:`cells` formats everything but the ``id`` (so it can be cached with
    the outcome); :meth:`write` adds the ``id`` and writes the row.
    """

    def __init__(self, stream: IO[str], fmt: str) -> None:
        self._stream = stream
        self._csv = csv.writer(stream, lineterminator="\n") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(OUTPUT_COLUMNS)

    def cells(self, outcome: Outcome) -> tuple[str, ...] | str:
        """The row without its ``id``: CSV cells, or the tail of a JSON object."""
        if self._csv is not None:
            return (
                outcome.authorization,
                outcome.start,
                outcome.latest_offer or "",
                outcome.latest_filing or "",
                outcome.earliest_filing or "",
                "" if outcome.feasible is None else str(outcome.feasible).lower(),
                _REASONS_SEPARATOR.join(outcome.reasons),
                _NOTICES_SEPARATOR.join(outcome.notices),
                outcome.error or "",
            )
        record = {
            "authorization": outcome.authorization,
            "start": outcome.start,
            "latest_offer": outcome.latest_offer,
            "latest_filing": outcome.latest_filing,
            "earliest_filing": outcome.earliest_filing,
            "feasible": outcome.feasible,
            "reasons": list(outcome.reasons),
            "notices": list(outcome.notices),
            "error": outcome.error,
        }
        return ", " + json.dumps(record, ensure_ascii=False)[1:] + "\n"

    def write(self, row_id: str, cells: tuple[str, ...] | str) -> None:
        """Write one row: its *id* and its :meth:`cells`."""
        if isinstance(cells, str):
            self._stream.write('{"id": ' + json.dumps(row_id, ensure_ascii=False) + cells)
        else:
            assert self._csv is not None
            self._csv.writerow((row_id, *cells))


def _open_input(source: str) -> IO[bytes]:
    if source == "-":
        return sys.stdin.buffer
    if os.path.isdir(source):
        raise BatchInputError(f"cannot read {source}: it is a directory")
    try:
        return open(source, "rb")
    except OSError as error:
        raise BatchInputError(f"cannot read {source}: {error.strerror or error}") from None


def _check_output(source: str, output: str) -> bool:
    """Check *output* before any work: True if it is replaced atomically (a regular
    file or a new one), False if it is written directly (a symbolic link, a device
    such as ``/dev/stdout``, a named pipe: there is nothing safe to replace)."""
    if os.path.isdir(output):
        raise BatchInputError(f"cannot write {output}: it is a directory")
    if source != "-" and os.path.exists(output) and os.path.samefile(source, output):
        raise BatchInputError(f"the output {output} is the input file; choose another -o")
    if os.path.islink(output) or (os.path.exists(output) and not os.path.isfile(output)):
        return False
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise BatchInputError(f"cannot write {output}: no directory {folder}")
    return True


def run(
    source: str,
    output: str | None = None,
    *,
    fmt: str = "csv",
    stdout: IO[str] | None = None,
    cache_size: int = 8192,
) -> Summary:
    """Plan every row of the CSV file *source* (``"-"``: standard input).

    Writes to *output* atomically (a temporary file in the same directory,
    renamed over it at the end; nothing is left behind on failure), or to
    *stdout* when *output* is None or ``"-"``. A symbolic link or a special
    file (``/dev/stdout``, a named pipe) is written directly instead: there
    is nothing safe to replace. Rows are read, planned and written one
    at a time; identical rows (apart from ``id``) are planned once, by an LRU
    cache of *cache_size* entries.

    Raises:
        BatchInputError: the input cannot be read (missing, not UTF-8, no
            header, unknown columns, a broken CSV line) or the output cannot
            be created. The output file is then not created.
    """
    _check_format(fmt)
    to_stdout = output is None or output == "-"
    atomic = output is not None and not to_stdout and _check_output(source, output)
    name = "standard input" if source == "-" else source
    binary = _open_input(source)
    try:
        if output is None or to_stdout:
            stream = stdout if stdout is not None else sys.stdout
            return run_streams(binary, stream, name=name, fmt=fmt, cache_size=cache_size)
        if not atomic:
            with _open_special(output) as special:
                return run_streams(binary, special, name=name, fmt=fmt, cache_size=cache_size)
        reader = csv.reader(_lines(binary, name))
        with _csv_errors(reader, name):
            columns = _header(reader, name)  # before the output file: a bad input creates none
            try:
                target = _files.open_text(output)
            except OSError as error:
                raise BatchInputError(f"cannot write {output}: {error.strerror or error}") from None
            with target as stream:
                return _plan_rows(reader, columns, _Writer(stream, fmt), cache_size)
    finally:
        if binary is not sys.stdin.buffer:
            binary.close()


def _open_special(output: str) -> IO[str]:
    try:
        return open(output, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise BatchInputError(f"cannot write {output}: {error.strerror or error}") from None


def run_streams(
    source: IO[bytes],
    output: IO[str],
    *,
    name: str = "the input",
    fmt: str = "csv",
    cache_size: int = 8192,
) -> Summary:
    """Like :func:`run`, from a binary stream to a text stream; *name* is used in errors."""
    _check_format(fmt)
    reader = csv.reader(_lines(source, name))
    with _csv_errors(reader, name):
        columns = _header(reader, name)
        return _plan_rows(reader, columns, _Writer(output, fmt), cache_size)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InvalidValueError("format", f"one of {', '.join(FORMATS)}", fmt)


@contextlib.contextmanager
def _csv_errors(reader: _Reader, name: str) -> Iterator[None]:
    """Turn the csv module's errors into a BatchInputError naming the line."""
    try:
        yield
    except csv.Error as error:
        message = str(error)
        if "field limit" in message:
            message = (
                f"a field is longer than {csv.field_size_limit()} characters (an unclosed quote?)"
            )
        raise BatchInputError(f"{name} line {reader.line_num}: {message}") from None


def _plan_rows(reader: _Reader, columns: list[str], writer: _Writer, cache_size: int) -> Summary:
    width = len(columns)
    id_index = columns.index("id")
    value_indices = [i for i, c in enumerate(columns) if c != "id"]
    values_of = operator.itemgetter(*value_indices)  # at least authorization and start/iap
    value_columns = [columns[i] for i in value_indices]
    authorization_at = value_columns.index("authorization")
    start_at = value_columns.index("start") if "start" in value_columns else None
    iap_at = value_columns.index("iap") if "iap" in value_columns else None
    options_at = [
        (k, option)
        for k, column in enumerate(value_columns)
        if (option := _OPTIONS_BY_COLUMN.get(column)) is not None
    ]

    def planned(values: tuple[str, ...]) -> tuple[tuple[str, ...] | str, bool]:
        outcome = _plan_texts(
            values[authorization_at],
            "" if start_at is None else values[start_at],
            "" if iap_at is None else values[iap_at],
            [(option, values[k]) for k, option in options_at],
        )
        return writer.cells(outcome), outcome.error is not None

    if cache_size > 0:
        planned = functools.lru_cache(maxsize=cache_size)(planned)

    rows = errors = 0
    error_lines: list[int] = []
    for fields in reader:
        if not fields:  # a blank line is not a row
            continue
        rows += 1
        if len(fields) < width:
            fields += [""] * (width - len(fields))
        row_id = fields[id_index].strip()
        if len(fields) > width:
            message = f"row must have at most {width} fields (the header's), got {len(fields)}"
            cells, failed = writer.cells(Outcome("", "", error=message)), True
        elif not row_id:
            values = values_of(fields)
            outcome = Outcome(
                authorization=values[authorization_at],
                start="" if start_at is None else values[start_at],
                error="id must be non-empty, got ''",
            )
            cells, failed = writer.cells(outcome), True
        else:
            cells, failed = planned(values_of(fields))
        if failed:
            errors += 1
            if len(error_lines) < _SHOWN_ERROR_LINES:
                error_lines.append(reader.line_num)
        writer.write(row_id, cells)
    return Summary(rows=rows, errors=errors, error_lines=tuple(error_lines))
