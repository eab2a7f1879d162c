"""Batch planning: one plan per row of a CSV file, streamed.

The input is UTF-8 CSV with a header row. Required columns: ``id``,
``authorization``, and ``start`` (a date) or ``iap`` (a year); every
:func:`~micropath.plan` option may be a column too (see :data:`OPTIONS`).
An empty cell means "not given". Each input row yields one output row, in
order; a row that cannot be planned gets an ``error`` naming the field and
the problem, and the other rows still go through.

The same table of options drives the ``micropath plan`` flags (``--name``)
and the batch columns (``name`` with ``_`` for ``-``), so adding an option
is one line in :data:`OPTIONS`.

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
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import IO, Final, NamedTuple, Protocol

import attrs

from micropath import calendars
from micropath.calendar import Calendar
from micropath.errors import InvalidTypeError, InvalidValueError, MicropathError
from micropath.leads import Lead, business_days, days
from micropath.pathways import Authorization
from micropath.planner import Plan, plan
from micropath.terms import Term, iap

__all__ = [
    "FORMATS",
    "INPUT_COLUMNS",
    "OPTIONS",
    "OUTPUT_COLUMNS",
    "BatchInputError",
    "Option",
    "Outcome",
    "Summary",
    "plan_kwargs",
    "plan_row",
    "relabel",
    "run",
]


class BatchInputError(MicropathError, ValueError):
    """The batch input (or output) cannot be used at all: no row is planned."""


# -- parsing text at the border -------------------------------------------------

_COUNT: Final = re.compile(r"\+?[0-9]{1,9}")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE: Final = frozenset({"true", "1", "yes"})
_FALSE: Final = frozenset({"false", "0", "no", ""})


def _count(text: str, parameter: str, expected: str = "a whole number, 0 or more") -> int:
    stripped = text.strip()
    if not _COUNT.fullmatch(stripped):
        raise InvalidValueError(parameter, expected, text)
    return int(stripped)


def _days(text: str, parameter: str) -> Lead:
    return days(_count(text, parameter, "a whole number of calendar days, 0 or more"))


def _business_days(text: str, parameter: str) -> Lead:
    return business_days(_count(text, parameter, "a whole number of business days, 0 or more"))


def _boolean(text: str, parameter: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InvalidValueError(parameter, "true/false, yes/no, 1/0 or empty", text)


def _date(text: str, parameter: str) -> date:
    stripped = text.strip()
    if _DATE.fullmatch(stripped):
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            raise InvalidValueError(parameter, "a real calendar date YYYY-MM-DD", text) from None
    raise InvalidValueError(parameter, "a date YYYY-MM-DD", text)


def _term(text: str, parameter: str) -> Term:
    year = _count(text, parameter, "a year such as 2027")
    try:
        return iap(year)
    except MicropathError as error:
        raise relabel(error, parameter, text) from None


def _calendar(text: str, parameter: str) -> Calendar:
    try:
        return calendars.by_name(text)
    except MicropathError as error:
        raise relabel(error, parameter, text) from None


def relabel(
    error: MicropathError,
    parameter: str,
    got: object,
    *,
    none: str = "empty",
    false: str = "false or empty",
) -> MicropathError:
    """The same error, naming *parameter* (a flag or column) and the text the user gave.

    The library speaks Python ("must be None for CPT"); *none* and *false*
    say how a user leaves a value out (an "empty" cell, a flag "left out").

    >>> error = InvalidValueError("mailing", "None for CPT", 14)
    >>> str(relabel(error, "--mailing", "14", none="left out"))
    "--mailing must be left out for CPT, got '14'"
    """
    if not isinstance(error, (InvalidTypeError, InvalidValueError)):
        return error
    expected = error.expected
    for word, plain in (("None", none), ("False", false)):
        if expected == word or expected.startswith(word + " "):
            expected = plain + expected[len(word) :]
    return type(error)(parameter, expected, got)


# -- the table of plan options ----------------------------------------------------


class Option(NamedTuple):
    """One :func:`~micropath.plan` option as text: a ``--name`` flag and a ``name`` column."""

    name: str
    """Hyphenated: the flag is ``--name``, the column ``name`` with ``_`` for ``-``."""
    kwarg: str
    """The :func:`~micropath.plan` keyword it sets."""
    parse: Callable[[str, str], object]
    """``parse(text, parameter)``: the keyword's value, or a MicropathError naming *parameter*."""
    help: str
    metavar: str = "N"

    @property
    def flag(self) -> str:
        """The command-line flag, ``--processing-business``."""
        return "--" + self.name

    @property
    def column(self) -> str:
        """The batch column, ``processing_business``."""
        return self.name.replace("-", "_")

    @property
    def is_switch(self) -> bool:
        """True for a yes/no option: a bare flag on the command line."""
        return self.parse is _boolean


OPTIONS: Final[tuple[Option, ...]] = (
    Option("processing", "processing", _days, "processing time, calendar days"),
    Option("processing-business", "processing", _business_days, "processing, business days"),
    Option("premium", "premium", _boolean, "OPT only: USCIS premium processing", ""),
    Option("preparation", "preparation", _days, "preparing the request, calendar days"),
    Option("preparation-business", "preparation", _business_days, "preparation, business days"),
    Option(
        "decision", "decision", _days, "student's decision, CALENDAR days (default: 7 business)"
    ),
    Option("decision-business", "decision", _business_days, "student's decision, business days"),
    Option("mailing", "mailing", _days, "OPT only: EAD card mailing, calendar days"),
    Option("mailing-business", "mailing", _business_days, "OPT only: mailing, business days"),
    Option("recommendation", "recommendation", _days, "OPT only: DSO recommendation, days"),
    Option(
        "recommendation-business",
        "recommendation",
        _business_days,
        "OPT only: DSO recommendation, business days",
    ),
    Option("filing-window", "filing_window", _days, "file no earlier than N days before start"),
    Option("filing-window-business", "filing_window", _business_days, "the same, business days"),
    Option(
        "academic-year-completes",
        "academic_year_completes",
        _date,
        "when one full academic year completes",
        "DATE",
    ),
    Option(
        "terms-completed", "terms_completed", _count, "terms completed (fewer than 2: not eligible)"
    ),
    Option(
        "immediate-cpt", "immediate_cpt", _boolean, "CPT only: program requires CPT at once", ""
    ),
    Option("calendar", "calendar", _calendar, "one built-in calendar for every actor", "NAME"),
)
"""Every plan option the CLI and batch accept, as text. One line per option."""

INPUT_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "authorization",
    "start",
    "iap",
    *(option.column for option in OPTIONS),
)
"""The columns a batch input may have (in any order)."""

OUTPUT_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "authorization",
    "start",
    "latest_offer",
    "latest_filing",
    "earliest_filing",
    "feasible",
    "reasons",
    "error",
)
"""The columns of a batch output, in order (also the keys of each JSON Lines object)."""

FORMATS: Final[tuple[str, ...]] = ("csv", "json")
"""Output formats: CSV, or JSON Lines (one object per row)."""

_REASONS_SEPARATOR: Final = " | "


def plan_kwargs(
    given: Mapping[Option, str], label: Callable[[Option], str], blank: str = "empty"
) -> dict[str, object]:
    """The :func:`~micropath.plan` keywords for the options given as text.

    Raises a MicropathError naming the option's *label* (its flag or column)
    if a text does not parse, or if two options set the same keyword.
    """
    kwargs: dict[str, object] = {}
    setters: dict[str, Option] = {}
    for option, text in given.items():
        if option.kwarg in setters:
            other = label(setters[option.kwarg])
            raise InvalidValueError(label(option), f"{blank} when {other} is given", text)
        setters[option.kwarg] = option
        kwargs[option.kwarg] = option.parse(text, label(option))
    return kwargs


def _resolve(
    error: MicropathError,
    labels: Mapping[str, tuple[str, str]],
    blank: str,
) -> MicropathError:
    """Name the flag or column behind a library error about keyword *parameter*."""
    parameter = getattr(error, "parameter", None)
    if isinstance(parameter, str) and parameter in labels:
        name, text = labels[parameter]
        return relabel(error, name, text, blank)
    return error


# -- one row ----------------------------------------------------------------------


@attrs.frozen
class Outcome:
    """The planned result of one input row, as text ready for output.

    ``authorization`` and ``start`` are the plan's (normalized, ``start`` the
    first day of work) when the row planned, and the row's own text when not.
    """

    authorization: str
    start: str
    latest_offer: str | None = None
    latest_filing: str | None = None
    earliest_filing: str | None = None
    feasible: bool | None = None
    reasons: tuple[str, ...] = ()
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
            reasons=result.reasons,
        )


_OPTIONS_BY_COLUMN: Final = {option.column: option for option in OPTIONS}


def plan_row(fields: Mapping[str, str]) -> Outcome:
    """Plan one row given as column -> text; never raises for bad text.

    >>> plan_row({"authorization": "OPT", "start": "2027-01-04", "premium": "yes"}).latest_filing
    '2026-11-05'
    >>> plan_row({"authorization": "OPT", "start": "2027-01-04", "processing": "-3"}).error
    "processing must be a whole number of calendar days, 0 or more, got '-3'"
    """
    authorization = fields.get("authorization", "")
    start_text = fields.get("start", "")
    iap_text = fields.get("iap", "")
    try:
        kind = Authorization.parse(authorization)
        start: date | Term
        if start_text.strip() and iap_text.strip():
            raise InvalidValueError("iap", "empty when start is given (give one of them)", iap_text)
        if start_text.strip():
            start = _date(start_text, "start")
            labels = {"start": ("start", start_text)}
        elif iap_text.strip():
            start = _term(iap_text, "iap")
            labels = {"start": ("iap", iap_text)}
        else:
            raise InvalidValueError("start", "a date YYYY-MM-DD (or give an iap year)", start_text)
        given = {
            option: text
            for column, text in fields.items()
            if (option := _OPTIONS_BY_COLUMN.get(column)) is not None and text.strip()
        }
        labels.update((o.kwarg, (o.column, text)) for o, text in given.items())
        kwargs = plan_kwargs(given, _column)
        try:
            result = plan(kind, start, **kwargs)  # type: ignore[arg-type]
        except MicropathError as error:
            raise _resolve(error, labels, "empty") from None
    except MicropathError as error:
        return Outcome(authorization=authorization, start=start_text, error=str(error))
    return Outcome.of(result)


def _column(option: Option) -> str:
    return option.column


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
        raise BatchInputError(
            f"{name} has no header row: its first line is {', '.join(map(repr, header))}; "
            f"the first line must name the columns: id, authorization, start or iap, ..."
        )
    if unknown:
        hints = []
        for column in unknown:
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
    """Writes outcomes as CSV or JSON Lines to a text stream."""

    def __init__(self, stream: IO[str], fmt: str) -> None:
        self._stream = stream
        self._csv = csv.writer(stream, lineterminator="\n") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(OUTPUT_COLUMNS)

    def write(self, row_id: str, outcome: Outcome) -> None:
        if self._csv is not None:
            feasible = "" if outcome.feasible is None else str(outcome.feasible).lower()
            self._csv.writerow(
                (
                    row_id,
                    outcome.authorization,
                    outcome.start,
                    outcome.latest_offer or "",
                    outcome.latest_filing or "",
                    outcome.earliest_filing or "",
                    feasible,
                    _REASONS_SEPARATOR.join(outcome.reasons),
                    outcome.error or "",
                )
            )
        else:
            record = {
                "id": row_id,
                "authorization": outcome.authorization,
                "start": outcome.start,
                "latest_offer": outcome.latest_offer,
                "latest_filing": outcome.latest_filing,
                "earliest_filing": outcome.earliest_filing,
                "feasible": outcome.feasible,
                "reasons": list(outcome.reasons),
                "error": outcome.error,
            }
            self._stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _open_input(source: str) -> IO[bytes]:
    if source == "-":
        return sys.stdin.buffer
    if os.path.isdir(source):
        raise BatchInputError(f"cannot read {source}: it is a directory")
    try:
        return open(source, "rb")
    except OSError as error:
        raise BatchInputError(f"cannot read {source}: {error.strerror or error}") from None


def _check_output(source: str, output: str) -> None:
    if os.path.isdir(output):
        raise BatchInputError(f"cannot write {output}: it is a directory")
    if source != "-" and os.path.exists(output) and os.path.samefile(source, output):
        raise BatchInputError(f"the output {output} is the input file; choose another -o")
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise BatchInputError(f"cannot write {output}: no directory {folder}")


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
    renamed at the end; nothing is left behind on failure), or to *stdout*
    when *output* is None or ``"-"``. Rows are read, planned and written one
    at a time; identical rows (apart from ``id``) are planned once, by an LRU
    cache of *cache_size* entries.

    Raises:
        BatchInputError: the input cannot be read (missing, not UTF-8, no
            header, unknown columns, a broken CSV line) or the output cannot
            be created. The output file is then not created.
    """
    if fmt not in FORMATS:
        raise InvalidValueError("format", f"one of {', '.join(FORMATS)}", fmt)
    if output is not None and output != "-":
        _check_output(source, output)
    name = "standard input" if source == "-" else source
    binary = _open_input(source)
    temp: str | None = None
    try:
        reader = csv.reader(_lines(binary, name))
        try:
            columns = _header(reader, name)
            if output is None or output == "-":
                stream = stdout if stdout is not None else sys.stdout
                return _plan_rows(reader, columns, _Writer(stream, fmt), cache_size)
            temp, stream = _temporary(output)
            with stream:
                summary = _plan_rows(reader, columns, _Writer(stream, fmt), cache_size)
        except csv.Error as error:
            raise BatchInputError(f"{name} line {reader.line_num}: {error}") from None
        _replace(temp, output)
        temp = None
        return summary
    finally:
        if binary is not sys.stdin.buffer:
            binary.close()
        if temp is not None:
            _remove(temp)


def _plan_rows(reader: _Reader, columns: list[str], writer: _Writer, cache_size: int) -> Summary:
    width = len(columns)
    id_index = columns.index("id")
    value_columns = tuple(c for c in columns if c != "id")
    value_indices = tuple(i for i, c in enumerate(columns) if c != "id")

    @functools.lru_cache(maxsize=cache_size)
    def planned(values: tuple[str, ...]) -> Outcome:
        return plan_row(dict(zip(value_columns, values, strict=True)))

    rows = errors = 0
    error_lines: list[int] = []
    for fields in reader:
        if not fields:  # a blank line is not a row
            continue
        rows += 1
        line = reader.line_num
        if len(fields) < width:
            fields += [""] * (width - len(fields))
        row_id = fields[id_index].strip()
        outcome: Outcome
        if len(fields) > width:
            outcome = Outcome(
                authorization="",
                start="",
                error=f"row must have at most {width} fields (the header's), got {len(fields)}",
            )
        elif not row_id:
            outcome = Outcome(
                authorization=fields[columns.index("authorization")],
                start=fields[columns.index("start")] if "start" in columns else "",
                error="id must be non-empty, got ''",
            )
        else:
            outcome = planned(tuple(fields[i] for i in value_indices))
        if outcome.error is not None:
            errors += 1
            if len(error_lines) < _SHOWN_ERROR_LINES:
                error_lines.append(line)
        writer.write(row_id, outcome)
    return Summary(rows=rows, errors=errors, error_lines=tuple(error_lines))


def _temporary(output: str) -> tuple[str, IO[str]]:
    folder, base = os.path.split(os.path.abspath(output))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{base}.", suffix=".tmp")
    except OSError as error:
        raise BatchInputError(f"cannot write {output}: {error.strerror or error}") from None
    return temp, os.fdopen(fd, "w", encoding="utf-8", newline="")


def _replace(temp: str, output: str) -> None:
    try:
        mode = os.stat(output).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)
    os.replace(temp, output)


def _remove(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(temp)
