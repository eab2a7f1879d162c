"""Text at the border: flags and cells parsed into plan options.

The command line (``micropath plan --processing-business 10``) and batch (a
``processing_business`` column) read the plan options the same way, from one
list derived from :func:`micropath.options.fields`, never spelled again:

* a field ``x_y`` is the flag ``--x-y`` and the column ``x_y``;
* a ``lead`` field is also ``x_y_business`` (business days of the step's
  actor) and, when the field takes an estimate, ``x_y_percentiles``;
* a ``calendar`` field is one option per actor: ``calendar`` sets the
  school's calendar, ``uscis_calendar`` USCIS's (federal unless given).

Every parser takes the text and the *label* to name in its errors (the flag
or the column), and raises a :class:`~micropath.errors.MicropathError` that
names it.

>>> [o.column for o in text_options() if o.field.name == "processing"]
['processing', 'processing_business', 'processing_percentiles']
>>> [o.flag for o in text_options() if o.field.name == "calendar"]
['--calendar', '--uscis-calendar']
>>> parse_days("-3", "--processing")
Traceback (most recent call last):
...
micropath.errors.InvalidValueError: --processing must be a whole number of ..., got '-3'
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from micropath import calendars
from micropath.calendar import Calendar
from micropath.errors import (
    InvalidTypeError,
    InvalidValueError,
    MicropathError,
    SchoolFileError,
    UnknownNameError,
)
from micropath.estimates import Percentiles, percentiles, to_confidence
from micropath.leads import Lead, business_days, days
from micropath.options import Field, PlanOptions, fields
from micropath.pathways import ACTORS, Actor
from micropath.terms import Term, iap

if TYPE_CHECKING:
    from micropath.schools import School

__all__ = [
    "CLI_WORDS",
    "CSV_WORDS",
    "Form",
    "Given",
    "Read",
    "TextOption",
    "Words",
    "options_table",
    "parse_boolean",
    "parse_business_days",
    "parse_calendar",
    "parse_choice",
    "parse_confidence",
    "parse_count",
    "parse_date",
    "parse_days",
    "parse_iap",
    "parse_number",
    "parse_percentiles",
    "parse_school",
    "read_options",
    "relabel",
    "resolve",
    "text_options",
]

# -- parsers ------------------------------------------------------------------------

_COUNT: Final = re.compile(r"\+?([0-9]{1,9})(?:\.0*)?")
"""A whole number: ``12``, or ``12.0`` as pandas writes the integers of a column with
blanks (a float column)."""
_NUMBER: Final = re.compile(r"[+-]?([0-9]{1,9}(\.[0-9]{0,9})?|\.[0-9]{1,9})")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_FIRST_DATE: Final = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
"""A date that starts with its four-digit year (``2027/01/04``, ``2027-1-4``): unambiguous."""
_SLASHED_DATE: Final = re.compile(r"[0-9]{1,4}[/.][0-9]{1,2}[/.][0-9]{1,4}")
_MONTH_DAY_YEAR: Final = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})")
_DATE_AND_TIME: Final = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9:.]+)")
"""A date with a time of day, as a spreadsheet's date-and-time cell is read."""
_SERIAL_DAY: Final = re.compile(r"[0-9]{5}(?:\.0*)?")
"""A spreadsheet's date number (days since 1899-12-30): 36526 is 2000-01-01, 73050
2099-12-31; a cell formatted as a number shows it instead of the date."""
_SERIAL_EPOCH: Final = date(1899, 12, 30)
_SPREADSHEET: Final = "in a spreadsheet, format the column as yyyy-mm-dd"
_TRUE: Final = frozenset({"true", "1", "yes"})
_FALSE: Final = frozenset({"false", "0", "no", ""})


def parse_count(text: str, label: str, expected: str = "a whole number, 0 or more") -> int:
    """A whole number 0 or more (at most 9 digits, no sign); ``12.0`` is 12, ``12.5`` an error.

    >>> parse_count("12.0", "processing")
    12
    >>> parse_count("12.5", "processing")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: processing must be a whole number, 0 or more, got '12.5'
    """
    found = _COUNT.fullmatch(text.strip())
    if found is None:
        raise InvalidValueError(label, expected, text)
    return int(found[1])


def parse_number(text: str, label: str) -> float:
    """A finite decimal number, such as ``0.9``."""
    stripped = text.strip()
    if _NUMBER.fullmatch(stripped):
        return float(stripped)
    raise InvalidValueError(label, "a decimal number such as 0.9", text)


def parse_confidence(text: str, label: str) -> float:
    """A confidence: a decimal number in (0, 1].

    >>> parse_confidence("1.5", "confidence")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: confidence must be a number in (0, 1], ..., got '1.5'
    """
    value = parse_number(text, label)
    try:
        to_confidence(value, label)
    except MicropathError as error:
        raise relabel(error, label, text) from None
    return value


def parse_days(text: str, label: str) -> Lead:
    """A lead in calendar days: ``"14"`` is ``days(14)``."""
    return days(parse_count(text, label, "a whole number of calendar days, 0 or more"))


def parse_business_days(text: str, label: str) -> Lead:
    """A lead in business days: ``"10"`` is ``business_days(10)``."""
    return business_days(parse_count(text, label, "a whole number of business days, 0 or more"))


def parse_percentiles(text: str, label: str) -> Percentiles:
    """Calendar days at percentiles: ``"50:75,80:100,95:130"`` is
    ``percentiles({50: 75, 80: 100, 95: 130})``."""
    expected = "PERCENTILE:DAYS pairs separated by commas, such as 50:75,80:100,95:130"
    points: dict[float, int] = {}
    for pair in text.split(","):
        percentile, sep, amount = pair.partition(":")
        if not sep:
            raise InvalidValueError(label, expected, text)
        try:  # the whole text in the error, not the pair: "50:75;80:100" shows both
            key = parse_number(percentile, label)
            count = parse_count(amount, label, expected)
        except InvalidValueError:
            raise InvalidValueError(label, expected, text) from None
        if key in points:
            raise InvalidValueError(label, "distinct percentiles", text)
        points[key] = count
    try:
        return percentiles(points)
    except MicropathError as error:
        raise InvalidValueError(label, getattr(error, "expected", expected), text) from None


def parse_boolean(text: str, label: str) -> bool:
    """true/false, yes/no, 1/0 (any case); empty is false.

    >>> parse_boolean(" YES ", "premium"), parse_boolean("", "premium")
    (True, False)
    """
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InvalidValueError(label, "true/false, yes/no, 1/0 or empty", text)


def parse_date(text: str, label: str) -> date:
    """An ISO date ``YYYY-MM-DD``, or another year-first form (``2027/01/04``,
    ``2027-1-4``); a date that does not start with its year is refused as ambiguous.

    >>> parse_date("2027/1/4", "start")
    datetime.date(2027, 1, 4)
    >>> parse_date("2027-02-29", "start")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: start must be a real calendar date ..., got '2027-02-29'
    >>> parse_date("1/4/2027", "start")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: start must be a date YYYY-MM-DD (1/4/2027 could be ...
    >>> parse_date("10/25/2026", "offer")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: offer must be a date YYYY-MM-DD (write 10/25/2026 as ...
    """
    stripped = text.strip()
    if _DATE.fullmatch(stripped):
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            raise InvalidValueError(label, "a real calendar date YYYY-MM-DD", text) from None
    year_first = _YEAR_FIRST_DATE.fullmatch(stripped)
    if year_first is not None:
        try:
            return date(int(year_first[1]), int(year_first[3]), int(year_first[4]))
        except ValueError:
            raise InvalidValueError(label, "a real calendar date YYYY-MM-DD", text) from None
    if _SLASHED_DATE.fullmatch(stripped):  # how spreadsheets often save dates: ambiguous
        raise InvalidValueError(label, f"a date YYYY-MM-DD ({_slashed(stripped, label)})", text)
    with_time = _DATE_AND_TIME.fullmatch(stripped)
    if with_time is not None:
        day, clock = with_time.groups()
        try:
            date.fromisoformat(day)
        except ValueError:
            raise InvalidValueError(label, "a real calendar date YYYY-MM-DD", text) from None
        raise InvalidValueError(
            label, f"a date YYYY-MM-DD without a time of day (this is {day} at {clock})", text
        )
    serial = _SERIAL_DAY.fullmatch(stripped) and 36526 <= float(stripped) <= 73050
    if serial and not _is_flag(label):  # a spreadsheet's cell: its date as a number
        day = _SERIAL_EPOCH + timedelta(days=int(float(stripped)))
        hint = f"{stripped} looks like a spreadsheet's number for {day}{_advice(label)}"
        raise InvalidValueError(label, f"a date YYYY-MM-DD ({hint})", text)
    raise InvalidValueError(label, "a date YYYY-MM-DD", text)


def _is_flag(label: str) -> bool:
    """Whether *label* names a command-line flag (``--start``), not a column."""
    return label.startswith("-")


def _advice(label: str) -> str:
    """How to fix a date in a spreadsheet, for a column (not for a flag, ``--start``)."""
    return "" if _is_flag(label) else f"; {_SPREADSHEET}"


def _slashed(text: str, label: str) -> str:
    """Why a date such as ``1/4/2027`` is refused: the dates it could be."""
    parts = _MONTH_DAY_YEAR.fullmatch(text)
    readings: list[date] = []
    if parts is not None:
        first, second, year = (int(part) for part in parts.groups())
        for month, day in ((first, second), (second, first)):
            with contextlib.suppress(ValueError):  # not a month, or not a day of it
                readings.append(date(year, month, day))
    if len(set(readings)) == 2:
        month_first, day_first = readings
        return f"{text} could be {month_first} or {day_first}{_advice(label)}"
    if readings:
        return f"write {text} as {readings[0]}{_advice(label)}"
    return f"{text} is not a year-first date{_advice(label)}"


def parse_choice(text: str, label: str, choices: Iterable[str]) -> str:
    """One of *choices* (any case, spaces around it ignored).

    >>> parse_choice(" Online ", "--filing", ("online", "paper"))
    'online'
    """
    allowed = tuple(choices)
    word = text.strip().lower()
    if word in allowed:
        return word
    raise UnknownNameError(label, "one of " + ", ".join(repr(c) for c in allowed), text)


def parse_calendar(text: str, label: str) -> Calendar:
    """A built-in calendar by name (:func:`micropath.calendars.names`)."""
    try:
        return calendars.by_name(text)
    except MicropathError as error:
        raise relabel(error, label, text) from None


def parse_school(text: str, label: str) -> School:
    """A built-in school by name (``mit``, ``generic``), or a school TOML file by path.

    >>> parse_school("Generic", "--school").key
    'generic'
    >>> parse_school("harvard", "--school")
    Traceback (most recent call last):
    ...
    micropath.errors.UnknownNameError: --school must be 'mit', 'generic' or ..., got 'harvard'
    """
    from micropath.schools import School, by_name, names

    name = text.strip()
    if name.lower() in names():
        return by_name(name)
    expected = " or ".join((", ".join(repr(n) for n in names()), "the path of a school TOML file"))
    if not name or not os.path.isfile(name):
        if name.lower().endswith(".toml"):  # meant as a file: say where it was looked for
            expected = f"{expected} (no file at {os.path.abspath(name)})"
        raise UnknownNameError(label, expected, text)
    try:
        return School.from_toml(name)
    except SchoolFileError as error:  # it names the file and the key: add the label
        raise SchoolFileError(f"{label} {error.parameter}", error.expected, error.got) from None
    except (MicropathError, OSError) as error:
        expected = f"a school file micropath can read ({error})"
        raise InvalidValueError(label, expected, text) from None


def parse_iap(text: str, label: str, school: School | None = None) -> Term:
    """The January term of the year given as text: MIT's IAP, or *school*'s term."""
    year = parse_count(text, label, "a year such as 2027")
    try:
        return iap(year) if school is None else school.term_of(year)
    except MicropathError as error:
        raise relabel(error, label, text) from None


# -- errors that name what the user typed ------------------------------------------------


@attrs.frozen
class Words:
    """How a user leaves a value out, where the library says None or False."""

    none: str
    """For None: ``"left out"`` (a flag), ``"empty"`` (a cell)."""
    false: str
    """For False: ``"left out"`` (a switch), ``"false or empty"`` (a cell)."""


CLI_WORDS: Final = Words(none="left out", false="left out")
CSV_WORDS: Final = Words(none="empty", false="false or empty")


def relabel(
    error: MicropathError, label: str, got: object, words: Words = CSV_WORDS
) -> MicropathError:
    """The same error, naming *label* (a flag or a column) and what the user gave.

    The library speaks Python ("must be None for CPT"); *words* say how a user
    leaves a value out.

    >>> error = InvalidValueError("mailing", "None for CPT", 14)
    >>> str(relabel(error, "--mailing", "14", CLI_WORDS))
    "--mailing must be left out for CPT, got '14'"
    """
    if not isinstance(error, (InvalidTypeError, InvalidValueError)):
        return error
    expected = error.expected
    for word, plain in (("None", words.none), ("False", words.false)):
        if expected == word or expected.startswith(word + " "):
            expected = plain + expected[len(word) :]
    return type(error)(label, expected, got)


def resolve(
    error: MicropathError, labels: Mapping[str, tuple[str, object]], words: Words = CSV_WORDS
) -> MicropathError:
    """Name the flag or column behind a library error.

    *labels* maps a parameter (``"processing"``, ``"start"``) to the
    ``(label, what the user gave)``; an error about another parameter passes
    through unchanged.
    """
    parameter = getattr(error, "parameter", None)
    if isinstance(parameter, str) and parameter in labels:
        label, got = labels[parameter]
        return relabel(error, label, got, words)
    return error


# -- the options as text ------------------------------------------------------------------

Form = Literal[
    "days",
    "business_days",
    "percentiles",
    "bool",
    "date",
    "count",
    "confidence",
    "choice",
    "school",
    "calendar",
]
"""How one text option is written: the parser it takes."""

_PARSERS: Final[Mapping[Form, Callable[[str, str, Field], object]]] = {
    "days": lambda text, label, _: parse_days(text, label),
    "business_days": lambda text, label, _: parse_business_days(text, label),
    "percentiles": lambda text, label, _: parse_percentiles(text, label),
    "bool": lambda text, label, _: parse_boolean(text, label),
    "date": lambda text, label, _: parse_date(text, label),
    "count": lambda text, label, _: parse_count(text, label),
    "confidence": lambda text, label, _: parse_confidence(text, label),
    "choice": lambda text, label, field: parse_choice(text, label, field.choices),
    "school": lambda text, label, _: parse_school(text, label),
    "calendar": lambda text, label, _: parse_calendar(text, label),
}

_METAVARS: Final[Mapping[Form, str]] = {
    "days": "N",
    "business_days": "N",
    "percentiles": "P:D,...",
    "bool": "",
    "date": "DATE",
    "count": "N",
    "confidence": "C",
    "choice": "WORD",
    "school": "NAME|FILE",
    "calendar": "NAME",
}

_NOTES: Final[Mapping[Form, str]] = {
    "days": "N calendar days",
    "business_days": "N business days of the step's actor",
    "percentiles": "calendar days at percentiles, e.g. 50:75,80:100,95:130; see --confidence",
    "bool": "",
    "date": "YYYY-MM-DD",
    "count": "a whole number",
    "confidence": "a number in (0, 1]",
    "choice": "",
    "school": "",
    "calendar": "a built-in calendar: " + ", ".join(calendars.names()),
}

_LEAD_FORMS: Final[tuple[tuple[str, Form], ...]] = (
    ("", "days"),
    ("_business", "business_days"),
    ("_percentiles", "percentiles"),
)
"""A lead field's text options: column suffix and form."""

_ACTOR_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    "school": ("the school's", "the school's own calendar"),
    "uscis": ("USCIS's", "federal, whatever the school"),
}
"""Whose business days a calendar option counts, and its default, in words."""

_SCHOOL_ACTOR: Final[Actor] = "school"
"""The actor a bare ``calendar`` sets: the school's offices. USCIS's calendar is
``uscis_calendar``: choosing a calendar for the school never moves USCIS."""


@attrs.frozen
class TextOption:
    """One way to give a :class:`~micropath.options.PlanOptions` field as text.

    Attributes:
        column: the batch column (``processing_business``); the flag is
            ``--`` and the column with ``-`` for ``_``.
        field: the field it sets.
        form: how the text is written (the parser).
        actor: for a calendar: the actor whose calendar it sets.
    """

    column: str
    field: Field
    form: Form
    actor: Actor | None = None

    @property
    def flag(self) -> str:
        """The command-line flag, ``--processing-business``."""
        return "--" + self.column.replace("_", "-")

    @property
    def is_switch(self) -> bool:
        """True for a yes/no option: a bare flag on the command line."""
        return self.form == "bool"

    @property
    def metavar(self) -> str:
        """What the flag's value is called in ``--help``."""
        if self.form == "choice":
            return "{" + ",".join(self.field.choices) + "}"
        return _METAVARS[self.form]

    @property
    def default(self) -> str:
        """The default, in words."""
        if self.actor is not None:
            return _ACTOR_WORDS.get(self.actor, ("", "unchanged"))[1]
        return self.field.default

    @property
    def help(self) -> str:
        """One line of help: the field's, and how this option writes it."""
        if self.actor is not None:
            whose, default = _ACTOR_WORDS.get(self.actor, (f"the {self.actor}'s", "unchanged"))
            return (
                f"count {whose} business days on this calendar ({_NOTES[self.form]}); "
                f"default: {default}"
            )
        note = _NOTES[self.form]
        return f"{self.field.help} ({note})" if note else self.field.help

    def parse(self, text: str, label: str) -> object:
        """The value *text* gives the field, or a MicropathError naming *label*."""
        return _PARSERS[self.form](text, label, self.field)


def _takes_estimates(field: Field) -> bool:
    """True if the field takes an estimate, as PlanOptions says."""
    probe: dict[str, Any] = {field.name: percentiles({50: 1, 90: 2})}
    try:
        PlanOptions(**probe)
    except MicropathError:
        return False
    return True


def _derive(field: Field) -> Iterable[TextOption]:
    if field.value == "lead":
        for suffix, form in _LEAD_FORMS:
            if form != "percentiles" or _takes_estimates(field):
                yield TextOption(field.name + suffix, field, form)
    elif field.value == "calendar":
        for actor in sorted(ACTORS, key=lambda a: a != _SCHOOL_ACTOR):
            prefix = "" if actor == _SCHOOL_ACTOR else actor + "_"
            yield TextOption(prefix + field.name, field, "calendar", actor)
    elif field.value in _PARSERS:
        yield TextOption(field.name, field, field.value)
    else:  # a new kind of field: give it a parser here, never a silent skip
        raise TypeError(f"no text form for the {field.value!r} field {field.name!r}")


_OPTIONS: Final = tuple(option for field in fields() if field.text for option in _derive(field))


def text_options() -> tuple[TextOption, ...]:
    """Every plan option as text, in field order: the flags of ``micropath plan``
    and the option columns of ``micropath batch``."""
    return _OPTIONS


@attrs.frozen
class Given:
    """One option as the user gave it."""

    option: TextOption
    text: str
    label: str
    """The flag or column, to name in errors."""
    shown: object = None
    """What an error says the user gave (None: the text; True for a bare switch)."""


@attrs.frozen
class Read:
    """Options read from text, and how to name each one in an error."""

    options: PlanOptions
    labels: Mapping[str, tuple[str, object]]
    """Field name -> (label, what the user gave)."""


def read_options(given: Iterable[Given], words: Words = CSV_WORDS) -> Read:
    """The PlanOptions of the options given as text.

    Two options for the same field (``processing`` and ``processing_business``)
    are an error; the calendars of different actors add up.

    Raises:
        InvalidValueError, InvalidTypeError: a text does not parse, or the
            options do not go together; the message names the label.
    """
    values: dict[str, Any] = {}  # each value parsed for its field; PlanOptions checks it
    labels: dict[str, tuple[str, object]] = {}
    actors: dict[Actor, Calendar] = {}
    for item in given:
        option, name = item.option, item.option.field.name
        shown = item.text if item.shown is None else item.shown
        if option.actor is not None:
            actors[option.actor] = parse_calendar(item.text, item.label)
            labels.setdefault(name, (item.label, shown))
            continue
        value = option.parse(item.text, item.label)
        if name in labels:
            first = labels[name][0]
            raise InvalidValueError(item.label, f"{words.none} when {first} is given", shown)
        labels[name] = (item.label, shown)
        values[name] = value
    if actors:
        values[_calendar_field()] = tuple(sorted(actors.items()))
    try:
        options = _plan_options(tuple(values.items()))
    except MicropathError as error:
        raise resolve(error, labels, words) from None
    return Read(options, labels)


def _plan_options(values: tuple[tuple[str, Any], ...]) -> PlanOptions:
    """``PlanOptions(**dict(values))``, memoized: a batch repeats a few option sets
    over many rows, and building one validates every field. The values come from
    the parsers, so equal values are of equal types (never ``1`` for ``True``)."""
    try:
        return _cached_plan_options(values)
    except TypeError:  # an unhashable value: build it afresh
        return PlanOptions(**dict(values))


@functools.lru_cache(maxsize=256)
def _cached_plan_options(values: tuple[tuple[str, Any], ...]) -> PlanOptions:
    return PlanOptions(**dict(values))


def _calendar_field() -> str:
    return next(o.field.name for o in _OPTIONS if o.actor is not None)


# -- the options as a table, for the docs --------------------------------------------------


def options_table() -> str:
    """The options as a Markdown table (flags, columns, default, meaning), for ``docs/cli.md``.

    >>> print(options_table().splitlines()[2])  # doctest: +ELLIPSIS
    | `--processing N`, `--processing-business N`, `--processing-percentiles P:D,...` | ...
    """
    rows = ["| flags | batch columns | default | what it sets |", "|---|---|---|---|"]
    groups: dict[tuple[str, str | None], list[TextOption]] = {}
    for option in _OPTIONS:  # one row per field; a calendar option per actor has its own
        groups.setdefault((option.field.name, option.actor), []).append(option)
    for options in groups.values():
        field = options[0].field
        flags = ", ".join(f"`{(o.flag + ' ' + o.metavar).strip()}`" for o in options)
        columns = ", ".join(f"`{o.column}`" for o in options)
        meaning = field.help if options[0].actor is None else options[0].help
        cells = (flags, columns, options[0].default, meaning)
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows)
