"""Batch planning: one plan per row of a spreadsheet, streamed.

The input is a CSV file (UTF-8; comma, semicolon or tab) or an xlsx
workbook, with a header row (read by :mod:`micropath._sheets`). Required
columns: ``id``, ``authorization``, and ``start`` (a date) or ``iap`` (a
year); an ``offer`` column (a date) asks for the offer's verdict; every plan
option may be a column too. An empty cell means "not given". Any other
column (a name, an email, notes) is an *extra* column. The extra columns and
the option columns (``iap`` too) are written through unchanged, in their input
order, between ``id`` and the result columns. A row with both ``iap`` and the
``start`` that IAP begins on (an output fed back in) is that IAP's row.

Each input row yields one output row, in order; a row that cannot be planned
gets an ``error`` naming the column and the problem, and the other rows still
go through. An id on more than one row gets a ``duplicate-id`` notice on each
of its rows.

The option columns are derived from :class:`~micropath.options.PlanOptions`
(:func:`micropath._text.text_options`): a field ``x_y`` is the column
``x_y``; a lead is also ``x_y_business``; ``uscis_calendar`` sets USCIS's
calendar. The ``micropath plan`` flags are the same options.

>>> outcome = plan_row({"authorization": "cpt", "iap": "2027"})
>>> outcome.latest_offer, outcome.latest_filing, outcome.error
('2026-11-20', '2026-12-10', None)
>>> plan_row({"authorization": "CPT", "iap": "2027", "mailing": "14"}).error
"mailing must be empty for CPT (mailing applies to OPT only), got '14'"
>>> late = plan_row({"authorization": "OPT", "start": "2027-01-04", "offer": "2026-10-25"})
>>> late.on_time, late.slack, late.earliest_start, late.earliest_start_premium
(False, -94, '2027-04-09', '2027-01-26')
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import json
import math
import operator
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import IO, Final, Protocol, TypeVar

import attrs

from micropath import _files
from micropath._sheets import (
    SAVED_VALUE,
    CsvTable,
    SheetWriter,
    UnsavedFormula,
    XlsxTable,
    cell_text,
    neutralise,
    open_table,
    require_openpyxl,
    restore,
)
from micropath._text import (
    CSV_WORDS,
    Given,
    Read,
    TextOption,
    parse_date,
    parse_iap,
    read_options,
    resolve,
    text_options,
)
from micropath.errors import BatchInputError, InvalidValueError, MicropathError, MissingExtraError
from micropath.findings import Finding
from micropath.pathways import Authorization
from micropath.planner import Plan, plan
from micropath.search import OfferVerdict, offer_verdict
from micropath.terms import Term

__all__ = [
    "FORMATS",
    "INPUT_COLUMNS",
    "OUTPUT_COLUMNS",
    "RESULT_COLUMNS",
    "SYNONYMS",
    "BatchInputError",
    "Outcome",
    "Summary",
    "plan_row",
    "run",
    "run_streams",
]

_OPTIONS_BY_COLUMN: Final[Mapping[str, TextOption]] = {o.column: o for o in text_options()}

INPUT_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "authorization",
    "start",
    "iap",
    "offer",
    *_OPTIONS_BY_COLUMN,
)
"""The columns a batch reads (in any order): the plan options' among them. Any
other column is an extra column. Both are written through; ``id`` comes first."""

RESULT_COLUMNS: Final[tuple[str, ...]] = (
    "authorization",
    "start",
    "latest_offer",
    "latest_filing",
    "earliest_filing",
    "feasible",
    "offer",
    "on_time",
    "slack",
    "earliest_start",
    "earliest_start_premium",
    "reasons",
    "notices",
    "error",
)
"""The columns micropath writes after ``id`` and the columns written through, in
order."""

OUTPUT_COLUMNS: Final[tuple[str, ...]] = ("id", *RESULT_COLUMNS)
"""The columns of a batch output with no column written through (only ``id`` and the
columns micropath writes), in order (also the keys of each JSON Lines object)."""

FORMATS: Final[tuple[str, ...]] = ("csv", "json", "xlsx")
"""Output formats: CSV, JSON Lines (one object per row), or an xlsx workbook."""

SYNONYMS: Final[Mapping[str, str]] = {
    **dict.fromkeys(
        ("student", "student_id", "studentid", "student_number", "student_no", "sid", "identifier"),
        "id",
    ),
    **dict.fromkeys(
        (
            "visa",
            "visa_type",
            "type",
            "auth",
            "authorization_type",
            "work_authorization",
            "work_permit",
        ),
        "authorization",
    ),
    **dict.fromkeys(
        (
            "start_date",
            "startdate",
            "first_day",
            "first_day_of_work",
            "begin",
            "begin_date",
            "work_start",
            "employment_start",
            "internship_start",
        ),
        "start",
    ),
    "iap_year": "iap",
    **dict.fromkeys(("offer_date", "date_of_offer", "offer_day", "offered"), "offer"),
    **dict.fromkeys(("premium_processing", "expedited"), "premium"),
    **dict.fromkeys(("processing_time", "processing_days"), "processing"),
    "program_end_date": "program_end",
    "terms": "terms_completed",
    **dict.fromkeys(("as_of", "as_of_date"), "today"),
}
"""Column names that mean a column micropath reads (``student_id`` is ``id``): the
header check suggests the column by meaning, as it suggests one by spelling."""

_SPELLING_CUTOFF: Final = 0.85
"""How close (:func:`difflib.get_close_matches`) a name must be to a column's to be
taken for a misspelling of it: ``procesing`` is ``processing``, ``email`` is not
``mailing``."""

_REASONS_SEPARATOR: Final = " | "
_NOTICES_SEPARATOR: Final = "; "
_SHOWN_ERROR_LINES: Final = 5
_SHOWN_DUPLICATES: Final = 5
_DUPLICATE_LINES: Final = 5
"""The lines a duplicate-id notice lists."""
_SEEN_BYTES: Final = 1 << 23
"""The bitmap that finds repeated ids: 8 MiB, 64 Mi bits, so that few ids share a bit
(about 7,500 of a million distinct ids), whatever the size of the input."""
_MEMO_SIZE: Final = 1024
"""How many option sets (and authorization words) a batch remembers, parsed."""


# -- one row ----------------------------------------------------------------------


@attrs.frozen
class Outcome:
    """The planned result of one input row, as text ready for output.

    ``authorization``, ``start`` and ``offer`` are the plan's (normalized,
    ``start`` the first day of work) when the row planned, and the row's own
    text when not. ``reasons`` and ``notices`` are the findings as sentences;
    ``passed`` names the milestones (``offer``, ``filing``) whose latest date
    had already passed on the plan's ``today``.
    """

    authorization: str
    start: str
    latest_offer: str | None = None
    latest_filing: str | None = None
    earliest_filing: str | None = None
    feasible: bool | None = None
    offer: str | None = None
    on_time: bool | None = None
    slack: int | None = None
    earliest_start: str | None = None
    earliest_start_premium: str | None = None
    reasons: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    error: str | None = None
    passed: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: Plan, verdict: OfferVerdict | None = None) -> Outcome:
        """The outcome of a plan, and of the offer *verdict* on it if given."""
        earliest = result.earliest_filing
        offer = None
        if verdict is not None:
            offer = {
                "offer": verdict.offer.isoformat(),
                "on_time": verdict.verdict.on_time,
                "slack": verdict.verdict.slack,
                "earliest_start": _iso(verdict.earliest_start),
                "earliest_start_premium": _iso(verdict.earliest_start_premium),
            }
        notices = result.notices  # a property that builds its findings: read it once
        return cls(
            authorization=result.authorization.value,
            start=result.start.isoformat(),
            latest_offer=result.latest_offer.isoformat(),
            latest_filing=result.latest_filing.isoformat(),
            earliest_filing=None if earliest is None else earliest.isoformat(),
            feasible=result.feasible,
            reasons=tuple(map(_sentence, result.reasons)),
            notices=tuple(map(_sentence, notices)),
            passed=tuple(
                str(finding["milestone"])
                for finding in notices
                if finding.code == "deadline-passed"
            ),
            **(offer or {}),  # type: ignore[arg-type]
        )


def _sentence(finding: Finding) -> str:
    """``str(finding)``, remembered: a batch's plans share most of their findings (the
    advisories in force on its day), so each sentence is made once, and shared by
    the rows the cache keeps."""
    try:
        return _remembered_sentence(finding)
    except TypeError:  # a parameter that cannot be hashed: no finding of a plan has one
        return str(finding)


@functools.lru_cache(maxsize=256)
def _remembered_sentence(finding: Finding) -> str:
    return str(finding)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def plan_row(fields: Mapping[str, str], *, today: date | None = None) -> Outcome:
    """Plan one row given as column -> text; never raises for bad text.

    *today* is the day of the plan when the row has no ``today`` cell (the
    command line gives the system's date).

    >>> plan_row({"authorization": "OPT", "start": "2027-01-04", "premium": "yes"}).latest_filing
    '2026-11-05'
    >>> plan_row({"authorization": "OPT", "start": "2027-01-04", "processing": "-3"}).error
    "processing must be a whole number of calendar days, 0 or more, got '-3'"
    """
    columns = tuple(column for column in fields if column in _KNOWN and column != "id")
    planner = _RowPlanner(("authorization", *columns), today=today, keep_plans=False)
    return planner.outcome(tuple(fields.get(c, "") for c in ("authorization", *columns)))[0]


_KNOWN: Final = frozenset(INPUT_COLUMNS)


class _RowPlanner:
    """Plans rows given as the texts of *columns* (known columns, without ``id``)."""

    def __init__(self, columns: Sequence[str], *, today: date | None, keep_plans: bool) -> None:
        at = {column: k for k, column in enumerate(columns)}
        self._authorization = at["authorization"]
        self._start, self._iap, self._offer = at.get("start"), at.get("iap"), at.get("offer")
        self._options = [
            (k, option)
            for k, column in enumerate(columns)
            if (option := _OPTIONS_BY_COLUMN.get(column)) is not None
        ]
        self._option_texts = _getter([k for k, _ in self._options])
        self._reads: dict[tuple[object, ...], Read] = {}  # a batch repeats a few option sets
        self._kinds: dict[str, Authorization] = {}
        self._keep_plans = keep_plans
        self._always: list[Given] = []  # defaults for a column the input does not have
        self._fallback: list[tuple[int, Given]] = []  # defaults for its empty cells
        if today is not None:
            given = Given(_OPTIONS_BY_COLUMN["today"], today.isoformat(), "--today")
            if "today" in at:
                self._fallback.append((at["today"], given))
            else:
                self._always.append(given)

    def outcome(self, values: tuple[str, ...]) -> tuple[Outcome, Plan | OfferVerdict | None]:
        """The outcome of one row's *values*, and, if kept, its offer verdict (a row with
        an offer) or its plan (None if it failed)."""
        start_text = "" if self._start is None else values[self._start]
        iap_text = "" if self._iap is None else values[self._iap]
        offer_text = "" if self._offer is None else values[self._offer]
        authorization = values[self._authorization]
        try:
            kind = self._kinds.get(authorization) or self._kind(authorization)
            if not start_text.strip() and not iap_text.strip():
                raise InvalidValueError(
                    "start", "a date YYYY-MM-DD (or give an iap year)", start_text
                )
            start_date = parse_date(start_text, "start") if start_text.strip() else None
            offer = parse_date(offer_text, "offer") if offer_text.strip() else None
            texts = self._option_texts(values)
            read = self._reads.get(texts) or self._read(values, texts)
            start: date | Term
            if not iap_text.strip():
                assert start_date is not None
                start, labels = start_date, {"start": ("start", start_text)}
            else:
                start = parse_iap(iap_text, "iap", read.options.school)
                labels = {"start": ("iap", iap_text)}
                if start_date is not None and start_date != start.start:
                    # Both: an output fed back in gives IAP's first day as the start.
                    raise InvalidValueError(
                        "iap",
                        f"empty when start is given, or the year of an IAP that begins on it "
                        f"({start_date})",
                        iap_text,
                    )
            try:
                result = plan(kind, start, options=read.options)
                verdict = None if offer is None else offer_verdict(result, offer)
            except MicropathError as error:
                labels["offer"] = ("offer", offer_text)
                raise resolve(error, {**read.labels, **labels}, CSV_WORDS) from None
        except MicropathError as error:
            failed = Outcome(
                authorization=authorization,
                start=start_text,
                offer=offer_text or None,
                error=str(error),
            )
            return failed, None
        kept = (verdict or result) if self._keep_plans else None
        return Outcome.of(result, verdict), kept

    def _kind(self, text: str) -> Authorization:
        kind = Authorization.parse(text)
        if len(self._kinds) >= _MEMO_SIZE:
            self._kinds.clear()
        self._kinds[text] = kind
        return kind

    def _read(self, values: tuple[str, ...], texts: tuple[object, ...]) -> Read:
        """The options of a row (and the defaults for its empty cells), remembered by
        the row's option *texts*."""
        given = [
            Given(option, text, option.column)
            for k, option in self._options
            if (text := values[k]).strip()
        ]
        given += self._always
        for k, default in self._fallback:
            if not values[k].strip():
                given.append(default)
        read = read_options(given, CSV_WORDS)
        if len(self._reads) >= _MEMO_SIZE:
            self._reads.clear()
        self._reads[texts] = read
        return read


# -- the header ---------------------------------------------------------------------


@attrs.frozen
class _Layout:
    """Where a table's columns are."""

    width: int
    """The named columns (unnamed ones at the end of the header are left out)."""
    id_at: int
    known: tuple[int, ...]
    """The indices of the known columns other than ``id``."""
    known_columns: tuple[str, ...]
    extras: tuple[int, ...]
    """The indices of the columns written through (all but ``id`` and the result
    columns: the extra columns and the options), in input order."""
    extra_names: tuple[str, ...]
    """Their names as the header gives them."""


def _normal(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def _meant(column: str) -> str | None:
    """The column micropath reads that *column* most likely means: by meaning
    (:data:`SYNONYMS`) or by spelling; None if none."""
    if column in SYNONYMS:
        return SYNONYMS[column]
    close = difflib.get_close_matches(column, _SPELLED, n=1, cutoff=_SPELLING_CUTOFF)
    return close[0] if close else None


_SPELLED: Final = tuple(c for c in INPUT_COLUMNS if len(c) > 3)
"""The columns a misspelling is looked for in (``ids`` is not taken for ``id``)."""


def _reads(name: str) -> bool:
    """True if a header cell names a column micropath reads (or a synonym of one): the
    header's delimiter is the one that splits it into the most such names."""
    column = _normal(name)
    return column in _KNOWN or column in SYNONYMS


def _layout(header: Sequence[str], name: str) -> _Layout:
    """Where the columns are, or a BatchInputError saying what is wrong with the header."""
    width = len(header)
    while width and not header[width - 1].strip():  # Excel's ",," after the last column
        width -= 1
    names = [cell.strip() for cell in header[:width]]
    columns = [_normal(cell) for cell in names]
    present = set(columns)
    if not present & _KNOWN:
        if len(names) == 1 and any(sep in names[0] for sep in ",;\t"):
            raise BatchInputError(
                f"{name} has one column, {names[0]!r}: give its delimiter with --delimiter "
                "(comma, semicolon or tab)"
            )
        if not any(_meant(c) for c in columns):
            shown = ", ".join(map(repr, names)) or "empty"
            raise BatchInputError(
                f"{name} has no header row: its first line is {shown}; the first line must "
                "name the columns: id, authorization, start or iap, ..."
            )
    unnamed = [str(k + 1) for k, c in enumerate(columns) if not c]
    if unnamed:
        raise BatchInputError(
            f"{name} has column(s) without a name (column {', '.join(unnamed)}): name them, "
            "or delete them"
        )
    problems = []
    missing = [c for c in ("id", "authorization") if c not in present]
    if "start" not in present and "iap" not in present:
        missing.append("start")
    wanted = {column: {column} for column in missing}
    if "start" in wanted:
        wanted["start"] = {"start", "iap"}
    for means in wanted.values():
        hint = next((n for n, c in zip(names, columns, strict=True) if _meant(c) in means), None)
        label = " or ".join(sorted(means, reverse=True))  # "start or iap"
        problems.append(f"no column {label}" + (f" (did you mean {hint!r}?)" if hint else ""))
    suggested = set().union(*wanted.values())
    lookalikes = [
        f"{n!r} (did you mean {meant!r}?)"
        for n, c in zip(names, columns, strict=True)
        if c not in _KNOWN
        and (meant := _meant(c)) is not None
        and meant not in present
        and meant not in suggested
    ]
    if lookalikes:
        problems.append(
            f"the column(s) {', '.join(lookalikes)}, which look like columns micropath "
            "reads: rename them (a column micropath does not read is passed through "
            "unchanged, so a misnamed option would be planned without)"
        )
    if problems:
        raise BatchInputError(f"{name} has {'; '.join(problems)}")
    repeated = sorted(
        {c for c in columns if c in _KNOWN and columns.count(c) > 1}
        | {n for n, c in zip(names, columns, strict=True) if c not in _KNOWN and names.count(n) > 1}
    )
    if repeated:
        raise BatchInputError(f"{name} has the column(s) {', '.join(repeated)} more than once")
    results = set(RESULT_COLUMNS)
    known = [k for k, c in enumerate(columns) if c in _KNOWN and c != "id"]
    # Written through: every column but id and the results' own (authorization, start
    # and offer are result columns), so the options a row was planned with are kept
    # (iap too: fed back in, with the start it gave, it is the same row).
    extras = [k for k, c in enumerate(columns) if c != "id" and c not in results]
    return _Layout(
        width=width,
        id_at=columns.index("id"),
        known=tuple(known),
        known_columns=tuple(columns[k] for k in known),
        extras=tuple(extras),
        extra_names=tuple(names[k] for k in extras),
    )


# -- writers ----------------------------------------------------------------------

_Cells = TypeVar("_Cells")


class _Writer(Protocol[_Cells]):
    """Writes outcomes in one format. :meth:`cells` formats an outcome (so it can be
    cached); :meth:`write` adds the row's ``id`` and extra cells."""

    def cells(self, outcome: Outcome) -> _Cells: ...

    def write(self, row_id: str, extras: tuple[object, ...], cells: _Cells) -> None: ...


def _same(text: str) -> str:
    return text


def _echo(outcome: Outcome, safe: Callable[[str], str]) -> tuple[str, str, str]:
    """authorization, start and offer as written: a failed row's are the input's."""
    if outcome.error is None:
        return outcome.authorization, outcome.start, outcome.offer or ""
    return safe(outcome.authorization), safe(outcome.start), safe(outcome.offer or "")


def _flag(value: bool | None) -> str:
    return "" if value is None else "true" if value else "false"


_CsvCells = tuple[object, ...]
"""The result cells of an outcome as the row cache keeps them: every text
interned (the cache's rows share their dates and sentences: a batch's plans
share most notices, the advisories in force on its day), and the notices a
tuple, joined when a row is written."""


class _Returns(tuple[object, ...]):
    """The cells of a row with a carriage return in an echoed cell (see :class:`_CsvWriter`)."""

    __slots__ = ()


class _CsvWriter:
    """CSV rows on a text stream; text copied from the input is neutralised unless *raw*.

    Lines end with LF, and csv quotes a cell only for the delimiter, a quote or an
    LF: a row with a carriage return in a cell is written with every cell quoted,
    so that no reader takes the CR for a line end.
    """

    def __init__(
        self, stream: IO[str], extra_names: Sequence[str], *, delimiter: str, raw: bool, typed: bool
    ) -> None:
        self._writerow = csv.writer(stream, delimiter=delimiter, lineterminator="\n").writerow
        self._quoted = csv.writer(
            stream, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL
        ).writerow
        self._safe = _same if raw else neutralise
        self._typed = typed
        self._writerow(("id", *map(self._safe, extra_names), *RESULT_COLUMNS))

    def cells(self, outcome: Outcome) -> _CsvCells:
        authorization, start, offer = _echo(outcome, self._safe)
        head = (
            authorization,
            start,
            outcome.latest_offer or "",
            outcome.latest_filing or "",
            outcome.earliest_filing or "",
            _flag(outcome.feasible),
            offer,
            _flag(outcome.on_time),
            "" if outcome.slack is None else str(outcome.slack),
            outcome.earliest_start or "",
            outcome.earliest_start_premium or "",
            _REASONS_SEPARATOR.join(outcome.reasons),
        )
        cells = (
            *map(sys.intern, head),
            outcome.notices,  # sentences shared already (see _sentence)
            outcome.error or "",
        )
        return _Returns(cells) if "\r" in authorization + start + offer else cells

    def write(self, row_id: str, extras: tuple[object, ...], cells: _CsvCells) -> None:
        safe = self._safe
        *head, notices, error = cells
        joined = _NOTICES_SEPARATOR.join(notices)  # type: ignore[arg-type]
        returns = "\r" in row_id or isinstance(cells, _Returns)
        if extras:
            texts = [safe(cell_text(cell) if self._typed else cell) for cell in extras]  # type: ignore[arg-type]
            row = (safe(row_id), *texts, *head, joined, error)
            returns = returns or any("\r" in text for text in texts)
        else:
            row = (safe(row_id), *head, joined, error)
        if returns:
            self._quoted(row)  # a lone CR is no line end only inside quotes
        else:
            self._writerow(row)


def _json_value(value: object) -> object:
    """A cell of an extra column as JSON: text, a whole number, a finite number or a
    boolean as it is; anything else a sheet holds (a date, a time, a duration, an
    empty cell) as its text."""
    if isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value)):
        return value
    return cell_text(value)


class _JsonWriter:
    """JSON Lines on a text stream: one object per row, the extra columns as keys
    after ``id``; values as the input has them (JSON is for programs: nothing is
    neutralised)."""

    def __init__(self, stream: IO[str], extra_names: Sequence[str]) -> None:
        self._stream = stream
        self._keys = [json.dumps(name, ensure_ascii=False) + ": " for name in extra_names]

    def cells(self, outcome: Outcome) -> str:
        record = {
            "authorization": outcome.authorization,
            "start": outcome.start,
            "latest_offer": outcome.latest_offer,
            "latest_filing": outcome.latest_filing,
            "earliest_filing": outcome.earliest_filing,
            "feasible": outcome.feasible,
            "offer": outcome.offer,
            "on_time": outcome.on_time,
            "slack": outcome.slack,
            "earliest_start": outcome.earliest_start,
            "earliest_start_premium": outcome.earliest_start_premium,
            "reasons": list(outcome.reasons),
            "notices": list(outcome.notices),
            "error": outcome.error,
        }
        return ", " + json.dumps(record, ensure_ascii=False)[1:] + "\n"

    def write(self, row_id: str, extras: tuple[object, ...], cells: str) -> None:
        head = '{"id": ' + json.dumps(row_id, ensure_ascii=False)
        for key, value in zip(self._keys, extras, strict=True):
            head += ", " + key + json.dumps(_json_value(value), ensure_ascii=False)
        self._stream.write(head + cells)


_DATE_RESULTS: Final = frozenset(
    {"start", "latest_offer", "latest_filing", "earliest_filing", "offer", "earliest_start",
     "earliest_start_premium"}
)  # fmt: skip
_PASSED_COLUMNS: Final = {"offer": "latest_offer", "filing": "latest_filing"}
"""The column of each milestone a deadline-passed notice names."""


def _day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text)


class _XlsxWriter:
    """An xlsx sheet: the same rows and columns as the CSV output, with date cells,
    booleans and numbers as such; the deadlines already passed on the plan's
    ``today`` are highlighted."""

    def __init__(self, extra_names: Sequence[str], *, raw: bool, title: str) -> None:
        self._safe = _same if raw else neutralise
        header = ("id", *map(self._safe, extra_names), *RESULT_COLUMNS)
        self._offset = 1 + len(extra_names)
        widths = {0: 14.0}
        for k, column in enumerate(RESULT_COLUMNS):
            widths[self._offset + k] = 12.0 if column in _DATE_RESULTS else 10.0
        for column in ("reasons", "notices", "error"):
            widths[self._offset + RESULT_COLUMNS.index(column)] = 40.0
        self.sheet = SheetWriter(header, title=title, widths=widths)
        self._columns = {column: k for k, column in enumerate(RESULT_COLUMNS)}

    def cells(self, outcome: Outcome) -> tuple[tuple[object, ...], tuple[int, ...]]:
        failed = outcome.error is not None
        authorization, start, offer = _echo(outcome, self._safe)
        values = (
            authorization,
            start if failed else _day(start),
            _day(outcome.latest_offer),
            _day(outcome.latest_filing),
            _day(outcome.earliest_filing),
            outcome.feasible,
            (offer or None) if failed else _day(offer),
            outcome.on_time,
            outcome.slack,
            _day(outcome.earliest_start),
            _day(outcome.earliest_start_premium),
            _REASONS_SEPARATOR.join(outcome.reasons) or None,
            _NOTICES_SEPARATOR.join(outcome.notices) or None,
            outcome.error,
        )
        highlight = tuple(self._columns[_PASSED_COLUMNS[m]] for m in outcome.passed)
        return values, highlight

    def write(
        self,
        row_id: str,
        extras: tuple[object, ...],
        cells: tuple[tuple[object, ...], tuple[int, ...]],
    ) -> None:
        safe = self._safe
        values, highlight = cells
        copied = [  # an unsaved formula as its text, as in a CSV or JSON output
            safe(str(value)) if isinstance(value, (str, UnsavedFormula)) else value
            for value in extras
        ]
        offset = self._offset
        self.sheet.row((safe(row_id), *copied, *values), highlight=[offset + k for k in highlight])


# -- running ------------------------------------------------------------------------


@attrs.frozen
class Summary:
    """What a batch run did."""

    rows: int
    errors: int
    error_lines: tuple[int, ...]
    """Input line numbers (row numbers of a sheet) of the first few rows with errors."""
    duplicates: int = 0
    """How many ids are on more than one row."""
    duplicate_ids: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """The first few of them, each with the lines of its first rows."""
    unit: str = "line"
    """What the numbers count: ``line`` (CSV) or ``row`` (a sheet)."""
    calendars: int = 0
    """Calendar files written (``ics_dir``: one per planned row; ``ics``: one)."""
    calendar_error: str | None = None
    """Why the combined calendar file was not written, if it was not."""
    page_error: str | None = None
    """Why the page (``html``) was not written, if it was not."""


@attrs.frozen
class _Settings:
    fmt: str
    today: date | None
    delimiter: str | None
    sheet: str | None
    extra_columns: bool
    raw: bool
    cache_size: int
    ics: str | None
    ics_dir: str | None
    html: str | None = None


def _settings(
    fmt: str | None,
    output: str | None,
    *,
    today: date | None,
    delimiter: str | None,
    sheet: str | None,
    extra_columns: bool,
    raw: bool,
    cache_size: int,
    ics: str | None,
    ics_dir: str | None,
    html: str | None = None,
) -> _Settings:
    suffix = "" if output is None or output == "-" else os.path.splitext(output)[1].lower()
    if fmt is None:
        fmt = "xlsx" if suffix == ".xlsx" else "csv"
    elif fmt not in FORMATS:
        raise InvalidValueError("format", f"one of {', '.join(FORMATS)}", fmt)
    elif (fmt == "xlsx") != (suffix == ".xlsx") and suffix in (".xlsx", ".csv", ".json", ".jsonl"):
        raise InvalidValueError(
            "format", f"the format of -o {output} (xlsx for .xlsx, csv or json otherwise)", fmt
        )
    if ics is not None and ics_dir is not None:
        raise InvalidValueError("ics_dir", "left out when ics is given (give one of them)", ics_dir)
    return _Settings(
        fmt, today, delimiter, sheet, extra_columns, raw, cache_size, ics, ics_dir, html
    )


def run(
    source: str,
    output: str | None = None,
    *,
    fmt: str | None = None,
    stdout: IO[str] | None = None,
    cache_size: int = 8192,
    today: date | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    extra_columns: bool = True,
    raw: bool = False,
    ics: str | None = None,
    ics_dir: str | None = None,
    html: str | None = None,
) -> Summary:
    """Plan every row of the CSV or xlsx file *source* (``"-"``: standard input).

    Args:
        source: the input: CSV (UTF-8; comma, semicolon or tab) or an xlsx
            workbook (recognised by its content).
        output: where to write; None or ``"-"``: *stdout*.
        fmt: ``csv``, ``json`` (JSON Lines) or ``xlsx``; None: xlsx if
            *output* ends in ``.xlsx``, else csv.
        stdout: the text stream for output to standard output (an xlsx
            workbook goes to its ``buffer``).
        cache_size: rows whose authorization, start, offer and options are the
            same (whatever their ``id`` and extra columns) are planned once, by an
            LRU cache of this many entries.
        today: the day of the plan for rows without a ``today`` cell (the
            library never reads the clock; the command line gives the
            system's date).
        delimiter: the CSV delimiter; None: found by :class:`csv.Sniffer`.
        sheet: the sheet of an xlsx input; None: the first.
        extra_columns: write the input's other columns through, the extra ones and
            the options (False: leave them out; id and the results stay).
        raw: write text copied from the input as it is, without neutralising
            what a spreadsheet would take for a formula.
        ics: also write one calendar file of every planned row.
        ics_dir: also write one calendar file per planned row, in this folder.
        html: also write one shareable HTML page of every planned row
            (:func:`micropath.views.page.report_html`), which also lists the
            rows not planned (id, line and error). Not written when no row
            was planned: :attr:`Summary.page_error` says why, as it does when
            the page cannot be written.

    The output is written atomically (a temporary file in the same directory,
    renamed over it at the end; nothing is left behind on failure). A symbolic
    link or a special file (``/dev/stdout``, a named pipe) is written directly
    instead: there is nothing safe to replace. The input is read twice: once
    to check it all (and to find duplicate ids) before anything is written,
    then to plan it row by row.

    Raises:
        BatchInputError: the input cannot be read (missing, not UTF-8, no
            header, a column micropath reads misnamed, an unclosed quote) or
            the output cannot be created. Nothing is then written.
        MissingExtraError: an xlsx file without openpyxl, or a calendar
            without icalendar.
    """
    settings = _settings(
        fmt, output, today=today, delimiter=delimiter, sheet=sheet,
        extra_columns=extra_columns, raw=raw, cache_size=cache_size, ics=ics, ics_dir=ics_dir,
        html=html,
    )  # fmt: skip
    to_stdout = output is None or output == "-"
    name = "standard input" if source == "-" else source
    if to_stdout:
        stream: IO[str] | IO[bytes] = _stdout(stdout or sys.stdout, settings.fmt)
    _check_distinct(
        (("-o", None if to_stdout else output), ("--ics", settings.ics), ("--html", settings.html))
    )
    binary = _open_input(source)
    try:
        atomic = not to_stdout and output is not None and _check_output(source, output)
        with open_table(binary, name, delimiter=delimiter, sheet=sheet, columns=_reads) as table:
            layout = _layout(table.header, name)
            duplicates = _prepare(table, layout, settings, source)
            if to_stdout or output is None:
                return _finish(_write(table, layout, duplicates, stream, settings), settings)
            if not atomic:
                with _open_special(output, settings.fmt) as special:
                    planned = _write(table, layout, duplicates, special, settings)
                return _finish(planned, settings)
            try:
                target: _files.AtomicFile[IO[str]] | _files.AtomicFile[IO[bytes]] = (
                    _files.open_binary(output)
                    if settings.fmt == "xlsx"
                    else _files.open_text(output)
                )
            except OSError as error:
                raise BatchInputError(f"cannot write {output}: {error.strerror or error}") from None
            try:
                with target as opened:
                    planned = _write(table, layout, duplicates, opened, settings)
            except OSError as error:  # a full disk: OUT is as it was, and nothing is half done
                raise BatchInputError(f"cannot write {output}: {error.strerror or error}") from None
            return _finish(planned, settings)
    finally:
        if source != "-":
            binary.close()


def run_streams(
    source: IO[bytes],
    output: IO[str] | IO[bytes],
    *,
    name: str = "the input",
    fmt: str = "csv",
    cache_size: int = 8192,
    today: date | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    extra_columns: bool = True,
    raw: bool = False,
    ics: str | None = None,
    ics_dir: str | None = None,
    html: str | None = None,
) -> Summary:
    """Like :func:`run`, from a binary stream to a stream (binary for ``xlsx``, text
    otherwise); *name* is used in errors."""
    settings = _settings(
        fmt, None, today=today, delimiter=delimiter, sheet=sheet,
        extra_columns=extra_columns, raw=raw, cache_size=cache_size, ics=ics, ics_dir=ics_dir,
        html=html,
    )  # fmt: skip
    with open_table(source, name, delimiter=delimiter, sheet=sheet, columns=_reads) as table:
        layout = _layout(table.header, name)
        duplicates = _prepare(table, layout, settings)
        return _finish(_write(table, layout, duplicates, output, settings), settings)


def _stdout(text: IO[str], fmt: str) -> IO[str] | IO[bytes]:
    """Standard output for *fmt*: its binary buffer for a workbook."""
    if fmt != "xlsx":
        return text
    if isinstance(text, io.TextIOWrapper):
        buffer: IO[bytes] = text.buffer
        return buffer
    raise InvalidValueError("stdout", "a text stream with a binary buffer, for xlsx", text)


def _open_input(source: str) -> IO[bytes]:
    if source == "-":
        if sys.stdin is None:  # started with standard input closed (<&-)
            raise BatchInputError("cannot read standard input: it is closed")
        return sys.stdin.buffer
    if os.path.isdir(source):
        raise BatchInputError(f"cannot read {source}: it is a directory")
    try:
        return open(source, "rb")
    except OSError as error:
        raise BatchInputError(f"cannot read {source}: {error.strerror or error}") from None


def _check_output(source: str, output: str, flag: str = "-o") -> bool:
    """Check *output* (given as *flag*) before any work: True if it is replaced
    atomically (a regular file or a new one), False if it is written directly (a
    symbolic link, a device such as ``/dev/stdout``, a named pipe: there is nothing
    safe to replace)."""
    said = "" if flag == "-o" else f"{flag}: "
    if os.path.isdir(output):
        raise BatchInputError(f"{said}cannot write {output}: it is a directory")
    if _is_input(source, output):
        raise BatchInputError(f"the output {output} is the input file; choose another {flag}")
    if os.path.islink(output) or (os.path.exists(output) and not os.path.isfile(output)):
        return False
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise BatchInputError(f"{said}cannot write {output}: no directory {folder}")
    return True


def _is_input(source: str, output: str) -> bool:
    """Whether *output* is the input: the file *source*, or standard input's file
    (``-``, redirected from a file)."""
    if not os.path.exists(output):
        return False
    if source != "-":
        return _same_path(source, output)
    try:
        given = os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or not a real file
        return False
    return stat.S_ISREG(given.st_mode) and os.path.samestat(given, os.stat(output))


def _check_distinct(named: Sequence[tuple[str, str | None]]) -> None:
    """Refuse two outputs that are the same file: the later would replace the earlier."""
    seen: list[tuple[str, str]] = []
    for flag, path in named:
        if path is None:
            continue
        for other_flag, other in seen:
            if _same_path(path, other):
                raise BatchInputError(
                    f"{flag} {path} is the same file as {other_flag}; choose another {flag}"
                )
        seen.append((flag, path))


def _same_path(first: str, second: str) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist yet
        return False


def _open_special(output: str, fmt: str) -> IO[str] | IO[bytes]:
    try:
        if fmt == "xlsx":
            return open(output, "wb")
        return open(output, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise BatchInputError(f"cannot write {output}: {error.strerror or error}") from None


def _prepare(
    table: CsvTable | XlsxTable, layout: _Layout, settings: _Settings, source: str = "-"
) -> Mapping[int, tuple[int, ...]]:
    """Check what can be checked before anything is written: the calendars' extra,
    where the calendars and the page go (not a directory, nor the input file *source*),
    then the whole input (which also finds the duplicate ids)."""
    if settings.fmt == "xlsx":
        require_openpyxl("batch --format xlsx")
    if settings.ics is not None or settings.ics_dir is not None:
        try:
            import icalendar  # noqa: F401
        except ImportError:
            raise MissingExtraError("batch --ics", "ics", module="icalendar") from None
    for flag, written in (("--ics", settings.ics), ("--html", settings.html)):
        if written is not None:
            _check_output(source, written, flag)
    if settings.ics_dir is not None:
        if os.path.exists(settings.ics_dir) and not os.path.isdir(settings.ics_dir):
            raise BatchInputError(
                f"--ics-dir: cannot write calendars to {settings.ics_dir}: it is not a directory"
            )
        try:
            os.makedirs(settings.ics_dir, exist_ok=True)
        except OSError as error:
            raise BatchInputError(
                f"--ics-dir: cannot write calendars to {settings.ics_dir}: "
                f"{error.strerror or error}"
            ) from None
    return _repeated_ids(table, layout)


def _repeated_ids(table: CsvTable | XlsxTable, layout: _Layout) -> dict[int, tuple[int, ...]]:
    """``hash(id)`` -> the lines of its rows, for every id on more than one row.

    Reads the whole table (so an unreadable input fails before any output), and
    once more if some id may repeat. Memory does not grow with the rows: a bitmap
    of 8 MiB picks the hashes seen before (with a million distinct ids, about
    7,500 of them by chance), and only those are looked at again.
    Two different ids share a 64-bit hash with a chance of about 1 in 40 million
    for a million rows; they would then be reported as the same.
    """
    seen = bytearray(_SEEN_BYTES)  # one bit per value of a hash's low bits
    mask = _SEEN_BYTES * 8 - 1
    again = set()  # hashes whose bit was set before: every repeated id, and a few others
    for key, _ in _id_hashes(table, layout):
        bit = key & mask
        if seen[bit >> 3] & (1 << (bit & 7)):
            again.add(key)
        else:
            seen[bit >> 3] |= 1 << (bit & 7)
    del seen
    found: dict[int, list[int]] = {}
    if again:
        for key, line in _id_hashes(table, layout):
            if key in again:
                found.setdefault(key, []).append(line)
    return {key: tuple(rows) for key, rows in found.items() if len(rows) > 1}


def _id_hashes(table: CsvTable | XlsxTable, layout: _Layout) -> Iterator[tuple[int, int]]:
    """``hash(id)`` and the line of each row with an id."""
    at = layout.id_at
    typed = table.typed
    for line, cells, _ in table.rows():
        if at < len(cells) and not isinstance(cells[at], UnsavedFormula):  # a row error
            cell = cells[at]
            row_id = (cell_text(cell) if typed else str(cell)).strip()
            if row_id:
                yield hash(row_id), line


def _write(
    table: CsvTable | XlsxTable,
    layout: _Layout,
    duplicates: Mapping[int, tuple[int, ...]],
    stream: IO[str] | IO[bytes],
    settings: _Settings,
) -> _Planned:
    names = layout.extra_names if settings.extra_columns else ()
    if settings.fmt == "xlsx":
        if isinstance(stream, io.TextIOBase):
            raise InvalidValueError("output", "a binary stream for xlsx", stream)
        title = table.title if isinstance(table, XlsxTable) else "plans"
        xlsx = _XlsxWriter(names, raw=settings.raw, title=title)
        planned = _plan_rows(table, layout, duplicates, xlsx, settings)
        xlsx.sheet.save(stream)  # type: ignore[arg-type]
        return planned
    if not isinstance(stream, io.TextIOBase) and "b" in getattr(stream, "mode", "b"):
        raise InvalidValueError("output", f"a text stream for {settings.fmt}", stream)
    text: IO[str] = stream  # type: ignore[assignment]
    if settings.fmt == "json":
        return _plan_rows(table, layout, duplicates, _JsonWriter(text, names), settings)
    delimiter = table.delimiter if isinstance(table, CsvTable) else ","
    writer = _CsvWriter(text, names, delimiter=delimiter, raw=settings.raw, typed=table.typed)
    return _plan_rows(table, layout, duplicates, writer, settings)


def _finish(planned: _Planned, settings: _Settings) -> Summary:
    """Write the page and the combined calendar file, once the output is complete."""
    summary, plans, not_planned = planned
    if settings.html is not None:
        summary = attrs.evolve(summary, page_error=_write_page(settings.html, plans, not_planned))
    if settings.ics is None:
        return summary
    if not plans:
        return attrs.evolve(
            summary, calendar_error="no row was planned, so no calendar was written"
        )
    from micropath.views.ics import to_ics

    try:
        data = to_ics([_plan_of(kept) for _, kept in plans], student=[i for i, _ in plans])
        _files.write_bytes(settings.ics, data)
    except (MicropathError, OSError) as error:
        return attrs.evolve(summary, calendar_error=_cannot_write(settings.ics, error))
    return attrs.evolve(summary, calendars=1)


def _write_page(
    path: str,
    plans: list[tuple[str, Plan | OfferVerdict]],
    not_planned: tuple[tuple[str, str], ...],
) -> str | None:
    """Write the page of every planned row, which also lists the rows not planned;
    None, or why it was not written."""
    if not plans:
        return "no row was planned, so no page was written"
    from micropath.views.page import report_html

    try:
        page = report_html(
            [kept for _, kept in plans],
            labels=[row_id for row_id, _ in plans],
            not_planned=not_planned,
        )
        _files.write_bytes(path, page.encode("utf-8"))
    except (MicropathError, OSError) as error:
        return _cannot_write(path, error)
    return None


def _cannot_write(path: str, error: MicropathError | OSError) -> str:
    """Why *path* was not written: the system's words for an OSError."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return f"cannot write {path}: {reason}"


def _getter(indices: Sequence[int]) -> Callable[[Sequence[object]], tuple[object, ...]]:
    """``operator.itemgetter``, always returning a tuple."""
    if not indices:
        return lambda _: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda cells: (cells[only],)
    return operator.itemgetter(*indices)


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _calendar_name(row_id: str, line: int, used: set[str]) -> str:
    """A file name for a row's calendar: its id with ``_`` for anything but
    letters, digits, ``.``, ``-`` and ``_``; the row's line added if taken."""
    stem = re.sub(r"[^\w.-]+", "_", row_id).lstrip(".")[:100] or f"line-{line}"
    if stem.casefold() in used:
        stem = f"{stem}-line-{line}"
    used.add(stem.casefold())
    return stem + ".ics"


def _duplicate(row_id: str, lines: tuple[int, ...]) -> str:
    """The notice of a row whose id is on other rows too."""
    parameters = {"id": row_id, "rows": len(lines), "lines": lines[:_DUPLICATE_LINES]}
    return str(Finding("duplicate-id", "notice", parameters))


_Planned = tuple[Summary, list[tuple[str, Plan | OfferVerdict]], tuple[tuple[str, str], ...]]
"""A run's summary; each planned row's id with its offer verdict (a row with an offer)
or its plan, for the combined calendar and the page; and, for the page only, each row
not planned, as ``(its id and line, its error)``."""


def _plan_of(kept: Plan | OfferVerdict) -> Plan:
    return kept.plan if isinstance(kept, OfferVerdict) else kept


def _plan_rows(
    table: CsvTable | XlsxTable,
    layout: _Layout,
    duplicates: Mapping[int, tuple[int, ...]],
    writer: _Writer[_Cells],
    settings: _Settings,
) -> _Planned:
    width, id_at, typed = layout.width, layout.id_at, table.typed
    values_of = _getter(layout.known)
    extras_of = _getter(layout.extras if settings.extra_columns else ())
    read = (id_at, *layout.known)  # the columns an unsaved formula fails a row in
    labels = [  # what a NUL or unsaved formula error calls each column
        column if (column := _normal(name)) in _KNOWN else name.strip()
        for name in table.header[:width]
    ]
    planner = _RowPlanner(
        layout.known_columns,
        today=settings.today,
        keep_plans=settings.ics is not None
        or settings.ics_dir is not None
        or settings.html is not None,
    )

    def planned(values: tuple[str, ...]) -> tuple[_Cells, str | None, Plan | OfferVerdict | None]:
        outcome, result = planner.outcome(values)
        return writer.cells(outcome), outcome.error, result

    if settings.cache_size > 0:
        planned = functools.lru_cache(maxsize=settings.cache_size)(planned)

    combined: list[tuple[str, Plan | OfferVerdict]] = []
    not_planned: list[tuple[str, str]] | None = [] if settings.html is not None else None
    used_names: set[str] = set()
    rows = errors = repeated = calendars = 0
    error_lines: list[int] = []
    shown: dict[str, tuple[int, ...]] = {}
    for line, fields, has_nul in table.rows():
        failure: str | None = None
        count = len(fields)
        if count < width:
            fields += [""] * (width - count)
        elif count > width:
            if not all(map(_blank, fields[width:])):
                failure = f"row must have at most {width} fields (the header's), got {count}"
            del fields[width:]  # trailing empty cells, as Excel saves them: no harm
        texts: list[str] = [cell_text(cell) for cell in fields] if typed else fields  # type: ignore[assignment]
        row_id = texts[id_at].strip()
        if not row_id and failure is None and all(map(_blank, texts)):
            continue  # a row of spaces: as blank as ",,,"
        rows += 1
        if has_nul and failure is None:
            at = next(k for k, text in enumerate(texts) if "\x00" in text)
            failure = str(InvalidValueError(labels[at], "text without NUL characters", texts[at]))
        if typed and failure is None:
            unsaved = next((k for k in read if isinstance(fields[k], UnsavedFormula)), None)
            if unsaved is not None:
                failure = str(InvalidValueError(labels[unsaved], SAVED_VALUE, texts[unsaved]))
        if not row_id and failure is None:
            failure = "id must be non-empty, got ''"
        # The columns micropath reads, as written before a previous run neutralised them
        # ("'+30" is "+30"): its output fed back in is planned as its input was.
        values: tuple[str, ...] = tuple(map(restore, values_of(texts)))  # type: ignore[arg-type]
        lines = duplicates.get(hash(row_id)) if duplicates and row_id else None
        result: Plan | OfferVerdict | None = None
        if failure is None and lines is None:
            cells, error, result = planned(values)
        else:  # not from the cache: the row's own error or notice
            if failure is not None:
                outcome = _failed(values, layout.known_columns, failure)
            else:
                outcome, result = planner.outcome(values)
            if lines is not None:
                if lines[0] == line:
                    repeated += 1
                if len(shown) < _SHOWN_DUPLICATES:
                    shown.setdefault(row_id, lines[:_DUPLICATE_LINES])
                notices = (*outcome.notices, _duplicate(row_id, lines))
                outcome = attrs.evolve(outcome, notices=notices)
            cells, error = writer.cells(outcome), outcome.error
        if error is not None:
            errors += 1
            if len(error_lines) < _SHOWN_ERROR_LINES:
                error_lines.append(line)
            if not_planned is not None:
                not_planned.append((f"{row_id or '(no id)'}, {table.unit} {line}", error))
        elif result is not None:
            if settings.ics_dir is not None:
                path = os.path.join(settings.ics_dir, _calendar_name(row_id, line, used_names))
                try:
                    _files.write_bytes(path, _plan_of(result).to_ics(student=row_id))
                except OSError as failure_to_write:
                    reason = failure_to_write.strerror or failure_to_write
                    raise BatchInputError(f"cannot write {path}: {reason}") from None
                calendars += 1
            if settings.ics is not None or settings.html is not None:
                combined.append((row_id, result))
        writer.write(row_id, extras_of(fields), cells)
    summary = Summary(
        rows=rows,
        errors=errors,
        error_lines=tuple(error_lines),
        duplicates=repeated,
        duplicate_ids=tuple(shown.items()),
        unit=table.unit,
        calendars=calendars,
    )
    return summary, combined, () if not_planned is None else tuple(not_planned)


def _failed(values: Sequence[str], columns: Sequence[str], error: str) -> Outcome:
    """The outcome of a row that is not planned: its own text, and *error*."""
    cell = dict(zip(columns, values, strict=True))
    return Outcome(
        authorization=cell.get("authorization", ""),
        start=cell.get("start", ""),
        offer=cell.get("offer") or None,
        error=error,
    )
