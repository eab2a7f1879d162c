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
import operator
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import IO, Final, NamedTuple, Protocol

import attrs

from micropath import calendars
from micropath.calendar import Calendar
from micropath.errors import InvalidTypeError, InvalidValueError, MicropathError
from micropath.estimates import Percentiles, percentiles
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
    "parse_boolean",
    "parse_business_days",
    "parse_calendar",
    "parse_count",
    "parse_date",
    "parse_days",
    "parse_iap",
    "parse_number",
    "parse_percentiles",
    "plan_kwargs",
    "plan_row",
    "relabel",
    "resolve",
    "run",
    "run_streams",
]


class BatchInputError(MicropathError, ValueError):
    """The batch input (or output) cannot be used at all: no row is planned."""


# -- parsing text at the border -------------------------------------------------

_COUNT: Final = re.compile(r"\+?[0-9]{1,9}")
_NUMBER: Final = re.compile(r"[+-]?([0-9]{1,9}(\.[0-9]{0,9})?|\.[0-9]{1,9})")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SLASHED_DATE: Final = re.compile(r"[0-9]{1,4}[/.][0-9]{1,2}[/.][0-9]{1,4}")
_TRUE: Final = frozenset({"true", "1", "yes"})
_FALSE: Final = frozenset({"false", "0", "no", ""})


def parse_count(text: str, parameter: str, expected: str = "a whole number, 0 or more") -> int:
    """A whole number 0 or more, from text (at most 9 digits; no sign, no decimals)."""
    stripped = text.strip()
    if not _COUNT.fullmatch(stripped):
        raise InvalidValueError(parameter, expected, text)
    return int(stripped)


def parse_number(text: str, parameter: str) -> float:
    """A finite decimal number, from text (for options such as a confidence, ``0.9``)."""
    stripped = text.strip()
    if _NUMBER.fullmatch(stripped):
        return float(stripped)
    raise InvalidValueError(parameter, "a decimal number such as 0.9", text)


def parse_days(text: str, parameter: str) -> Lead:
    """A lead of calendar days, from text: ``"14"`` is :func:`~micropath.days` (14)."""
    return days(parse_count(text, parameter, "a whole number of calendar days, 0 or more"))


def parse_business_days(text: str, parameter: str) -> Lead:
    """A lead of business days, from text: ``"10"`` is :func:`~micropath.business_days` (10)."""
    return business_days(parse_count(text, parameter, "a whole number of business days, 0 or more"))


def parse_percentiles(text: str, parameter: str) -> Percentiles:
    """Days at percentiles, from text: ``"50:75,80:100,95:130"`` is
    :func:`~micropath.percentiles` ({50: 75, 80: 100, 95: 130}), in calendar days."""
    expected = "PERCENTILE:DAYS pairs separated by commas, such as 50:75,80:100,95:130"
    points: dict[float, int] = {}
    for pair in text.split(","):
        percentile, sep, amount = pair.partition(":")
        if not sep:
            raise InvalidValueError(parameter, expected, text)
        key = parse_number(percentile, parameter)
        if key in points:
            raise InvalidValueError(parameter, "distinct percentiles", text)
        points[key] = parse_count(amount, parameter, expected)
    try:
        return percentiles(points)
    except MicropathError as error:
        raise InvalidValueError(parameter, getattr(error, "expected", expected), text) from None


def parse_boolean(text: str, parameter: str) -> bool:
    """true/false, yes/no, 1/0 (any case); empty is false."""
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InvalidValueError(parameter, "true/false, yes/no, 1/0 or empty", text)


def parse_date(text: str, parameter: str) -> date:
    """An ISO date ``YYYY-MM-DD``, from text.

    >>> parse_date("2027-02-29", "start")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: start must be a real calendar date ..., got '2027-02-29'
    """
    stripped = text.strip()
    if _DATE.fullmatch(stripped):
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            raise InvalidValueError(parameter, "a real calendar date YYYY-MM-DD", text) from None
    if _SLASHED_DATE.fullmatch(stripped):  # how spreadsheets often save dates: ambiguous
        raise InvalidValueError(
            parameter,
            "a date YYYY-MM-DD (1/4/2027 could be January 4 or April 1; in a spreadsheet, "
            "format the column as yyyy-mm-dd before saving the CSV)",
            text,
        )
    raise InvalidValueError(parameter, "a date YYYY-MM-DD", text)


def parse_iap(text: str, parameter: str) -> Term:
    """MIT's IAP of the year given as text."""
    year = parse_count(text, parameter, "a year such as 2027")
    try:
        return iap(year)
    except MicropathError as error:
        raise relabel(error, parameter, text) from None


def parse_calendar(text: str, parameter: str) -> Calendar:
    """A built-in calendar by name (see :func:`micropath.calendars.names`)."""
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
    """Hyphenated: the flag is ``--name``, the column ``name`` with ``_`` for ``-``. A name
    ending in ``-business`` sets the same keyword as the name without it."""
    parse: Callable[[str, str], object]
    """``parse(text, parameter)``: the keyword's value, or a MicropathError naming *parameter*."""
    help: str
    metavar: str = "N"

    @property
    def kwarg(self) -> str:
        """The :func:`~micropath.plan` keyword: ``processing-business`` sets ``processing``."""
        return self.name.removesuffix("-business").removesuffix("-percentiles").replace("-", "_")

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
        return self.parse is parse_boolean


_BUSINESS: Final = parse_business_days
# fmt: off
OPTIONS: Final[tuple[Option, ...]] = (
    Option("processing", parse_days, "processing, in calendar days"),
    Option("processing-business", _BUSINESS, "processing, in business days"),
    Option(
        "processing-percentiles",
        parse_percentiles,
        "processing days at percentiles, e.g. 50:75,80:100,95:130 (plan with --confidence)",
        "P:D,...",
    ),
    Option("premium", parse_boolean, "OPT only: USCIS premium processing", ""),
    Option("preparation", parse_days, "preparing the request, in calendar days"),
    Option("preparation-business", _BUSINESS, "preparing the request, in business days"),
    Option("decision", parse_days, "the offer decision, CALENDAR days (default: 7 business)"),
    Option("decision-business", _BUSINESS, "the offer decision, in business days"),
    Option("mailing", parse_days, "OPT only: EAD card mailing, in calendar days"),
    Option("mailing-business", _BUSINESS, "OPT only: EAD card mailing, in business days"),
    Option("recommendation", parse_days, "OPT only: DSO recommendation, in calendar days"),
    Option("recommendation-business", _BUSINESS, "OPT only: DSO recommendation, business days"),
    Option("filing-window", parse_days, "file no earlier than N calendar days before the start"),
    Option("filing-window-business", _BUSINESS, "file no earlier than N business days before"),
    Option("academic-year-completes", parse_date, "when one full academic year completes", "DATE"),
    Option("terms-completed", parse_count, "terms completed (fewer than 2: not eligible)"),
    Option("immediate-cpt", parse_boolean, "CPT only: the program requires CPT at once", ""),
    Option("calendar", parse_calendar, "one built-in calendar for every actor", "NAME"),
    Option("confidence", parse_number, "plan every estimate at this confidence (0-1]", "C"),
)
# fmt: on
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


def resolve(
    error: MicropathError,
    labels: Mapping[str, tuple[str, object]],
    *,
    none: str = "empty",
    false: str = "false or empty",
) -> MicropathError:
    """Name the flag or column behind a :func:`~micropath.plan` error.

    *labels* maps a plan parameter (``"processing"``, ``"start"``) to the
    ``(label, text)`` the user gave it; errors about other parameters pass
    through unchanged.
    """
    parameter = getattr(error, "parameter", None)
    if isinstance(parameter, str) and parameter in labels:
        name, text = labels[parameter]
        return relabel(error, name, text, none=none, false=false)
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
    given = [
        (option, text)
        for column, text in fields.items()
        if (option := _OPTIONS_BY_COLUMN.get(column)) is not None
    ]
    return _plan_texts(
        fields.get("authorization", ""), fields.get("start", ""), fields.get("iap", ""), given
    )


def _plan_texts(
    authorization: str, start_text: str, iap_text: str, options: Iterable[tuple[Option, str]]
) -> Outcome:
    try:
        kind = Authorization.parse(authorization)
        start: date | Term
        labels: dict[str, tuple[str, object]]
        if start_text.strip() and iap_text.strip():
            raise InvalidValueError("iap", "empty when start is given (give one of them)", iap_text)
        if start_text.strip():
            start = parse_date(start_text, "start")
            labels = {"start": ("start", start_text)}
        elif iap_text.strip():
            start = parse_iap(iap_text, "iap")
            labels = {"start": ("iap", iap_text)}
        else:
            raise InvalidValueError("start", "a date YYYY-MM-DD (or give an iap year)", start_text)
        given = {option: text for option, text in options if text.strip()}
        kwargs = plan_kwargs(given, _column)
        try:
            result = plan(kind, start, **kwargs)  # type: ignore[arg-type]
        except MicropathError as error:
            labels.update((o.kwarg, (o.column, text)) for o, text in given.items())
            raise resolve(error, labels) from None
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
    temp: str | None = None
    try:
        if output is None or to_stdout:
            stream = stdout if stdout is not None else sys.stdout
            return run_streams(binary, stream, name=name, fmt=fmt, cache_size=cache_size)
        if not atomic:
            with _open_special(output) as special:
                return run_streams(binary, special, name=name, fmt=fmt, cache_size=cache_size)
        reader = csv.reader(_lines(binary, name))
        with _csv_errors(reader, name):
            columns = _header(reader, name)
            temp, stream = _temporary(output)
            with stream:
                summary = _plan_rows(reader, columns, _Writer(stream, fmt), cache_size)
        _replace(temp, output)
        temp = None
        return summary
    finally:
        if binary is not sys.stdin.buffer:
            binary.close()
        if temp is not None:
            _remove(temp)


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


def _temporary(output: str) -> tuple[str, IO[str]]:
    """A new temporary file beside *output*, open for writing."""
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
