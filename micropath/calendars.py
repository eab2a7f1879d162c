"""Built-in calendars: who is closed when.

Each step of an authorization runs on the calendar of whoever does the work.
These cover 1970-01-01 through 2100-12-31; a date outside that span is an
:class:`~micropath.errors.OutOfRangeError`, never a silently wrong answer.

Sources (see ``docs/rules.md`` for the full table):

* federal: OPM federal holidays, 5 U.S.C. 6103, each only from the first
  year its law makes it one (Columbus Day 1971, Martin Luther King Jr. Day
  1986, Juneteenth 2021), with the observance rule of Executive Order 11582
  (Saturday -> Friday before, Sunday -> Monday after; a Saturday January 1 is
  observed on the previous December 31), plus the whole-day executive-order
  closures of federal agencies (Christmas Eves, days of mourning). Half-day
  closings are business days, named by :meth:`Calendar.why_half_day`.
  Inauguration Day is not included: it is a holiday only around Washington,
  D.C. Data: the ``holidays`` package, ``US`` with categories ``public``,
  ``government`` and ``half_day``, corrected in ``micropath._holiday_data``.
* massachusetts: the federal legal public holidays (no executive-order
  closures) plus Patriots' Day (M.G.L. c. 4 s. 7, third Monday of April).
* mit: MIT's offices. Federal legal public holidays, Patriots' Day, the
  Friday after Thanksgiving, and the winter break from December 24 through
  January 1 (MIT's stated aim since 2020; the exact days are announced each
  year, so they can be overridden per year). Before 2020
  (:data:`MIT_POLICY_FIRST_YEAR`) MIT's own closures are estimates, and their
  names say so: ``"Day after Thanksgiving (estimated)"``, ``"winter break
  (estimated)"``.

Each calendar is built lazily: its holiday data is read from ``holidays`` for
the years a question touches, five years at a time (the ``holidays`` package is
not imported until then), and extended on demand. A calendar built that way is
equal to, and answers exactly as, the calendar of all its closed days from 1970
to 2100 (see :mod:`micropath.calendar`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Final

import attrs

from micropath._convert import to_count, to_date
from micropath.calendar import Calendar
from micropath.errors import InvalidTypeError, InvalidValueError, OutOfRangeError, UnknownNameError

__all__ = [
    "DAY_AFTER_THANKSGIVING",
    "ESTIMATED",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MIT_POLICY_FIRST_YEAR",
    "WINTER_BREAK",
    "by_name",
    "federal",
    "massachusetts",
    "mit",
    "names",
]

FIRST_YEAR: Final = 1970
"""First year the built-in calendars cover."""
LAST_YEAR: Final = 2100
"""Last year the built-in calendars cover."""
WINTER_BREAK: Final = "winter break"
"""Name given to the days of MIT's winter break."""
DAY_AFTER_THANKSGIVING: Final = "Day after Thanksgiving"
"""Name given to the Friday after Thanksgiving in MIT's calendar."""
MIT_POLICY_FIRST_YEAR: Final = 2020
"""First year of MIT's stated closures (the winter break "since 2020"); MIT's own
closed days before it are estimates."""
ESTIMATED: Final = " (estimated)"
"""Added to the name of a closed day that is an estimate, not a published fact."""

_COVERS: Final = (date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))

_Pairs = tuple[tuple[date, str], ...]
_Breaks = tuple[tuple[int, tuple[date, date] | None], ...]


_BLOCK_YEARS: Final = 5
"""The holiday data is read from ``holidays`` this many years at a time, counted from
1970, and kept for the rest of the process."""


@attrs.frozen
class _BuiltIn:
    """The closed days of a built-in calendar, for any years: what it is built from.

    A value: two built-in calendars from equal recipes are equal without building
    anything. *kind* is ``"federal"``, ``"massachusetts"`` or ``"mit"``;
    *winter_breaks* are MIT's per-year overrides, sorted by year.
    """

    kind: str
    winter_breaks: _Breaks = ()

    def closed_days(self, years: range) -> tuple[_Pairs, _Pairs]:
        """The closed days and half days in *years*, in the order the calendar of all
        years was made from (the later names of a day are joined to the earlier)."""
        first_block = FIRST_YEAR + (years[0] - FIRST_YEAR) // _BLOCK_YEARS * _BLOCK_YEARS
        closed: list[tuple[date, str]] = []
        half_days: list[tuple[date, str]] = []
        for start in range(first_block, years[-1] + 1, _BLOCK_YEARS):
            block_closed, block_half_days = _block(self.kind, start)
            closed += block_closed
            half_days += block_half_days
        if self.kind == "mit":
            closed += _winter_break_days(dict(self.winter_breaks), years).items()
        return _within(closed, years), _within(half_days, years)


@functools.cache
def _block(kind: str, start: int) -> tuple[_Pairs, _Pairs]:
    """The closed days and half days of *kind* (without MIT's winter breaks) in the
    years from *start*, for _BLOCK_YEARS years, read from ``holidays`` once."""
    from micropath import _holiday_data

    years = range(start, min(start + _BLOCK_YEARS, LAST_YEAR + 1))
    # One year more on each side (inside 1970..2100), so that a weekend holiday
    # observed across New Year is reckoned as it is with every year at hand.
    around = range(max(start - 1, FIRST_YEAR), min(years[-1] + 1, LAST_YEAR) + 1)
    federal_days = _holiday_data.federal_days(around)
    if kind == "federal":
        closed = (*federal_days.holidays, *federal_days.closures)
        return _within(closed, years), _within(federal_days.half_days, years)
    massachusetts_days = (
        *federal_days.holidays,
        *_holiday_data.patriots_days(around).items(),
    )
    if kind == "massachusetts":
        return _within(massachusetts_days, years), ()
    day_after_thanksgiving = {
        t + timedelta(days=1): _mit_name(DAY_AFTER_THANKSGIVING, t.year)
        for t in _holiday_data.thanksgivings(around)
    }
    return _within((*massachusetts_days, *day_after_thanksgiving.items()), years), ()


def _within(pairs: Iterable[tuple[date, str]], years: range) -> _Pairs:
    return tuple((day, name) for day, name in pairs if day.year in years)


@functools.cache
def federal() -> Calendar:
    """USCIS / OPM business days: federal holidays and executive-order closures.

    >>> cal = federal()
    >>> cal.why_closed("2024-12-24")  # closed by executive order
    'Christmas Eve'
    >>> cal.why_closed("2021-12-31")  # Saturday 2022-01-01 observed the Friday before
    "New Year's Day (observed)"
    >>> cal.is_business_day("2026-04-20")  # Patriots' Day is not federal
    True
    >>> cal.is_business_day("1970-10-12")  # Columbus Day is federal from 1971
    True
    >>> cal.is_business_day("2015-12-24"), cal.why_half_day("2015-12-24")
    (True, 'Christmas Eve (half-day closing)')
    """
    return Calendar._lazy(_BuiltIn("federal"), name="federal", covers=_COVERS)


@functools.cache
def massachusetts() -> Calendar:
    """Federal public holidays plus Patriots' Day.

    Unlike the ``holidays`` package's Massachusetts subdivision alone, this
    keeps federal Friday observances such as 2026-07-03.

    >>> cal = massachusetts()
    >>> cal.why_closed("2026-04-20"), cal.why_closed("2026-07-03")
    ("Patriots' Day", 'Independence Day (observed)')
    """
    return Calendar._lazy(_BuiltIn("massachusetts"), name="massachusetts", covers=_COVERS)


def _mit_name(name: str, year: int) -> str:
    """*name* for one of MIT's own closed days in *year*: marked as an estimate before
    MIT's stated policy."""
    return name if year >= MIT_POLICY_FIRST_YEAR else name + ESTIMATED


def _default_break(year: int) -> tuple[date, date]:
    return date(year, 12, 24), date(year + 1, 1, 1)


@functools.cache
def _default_mit() -> Calendar:
    return _with_breaks({})


def mit(
    *, winter_breaks: Mapping[int, tuple[date | str, date | str] | None] | None = None
) -> Calendar:
    """MIT's offices: federal public holidays, Patriots' Day, the Friday after
    Thanksgiving, and the winter break.

    Args:
        winter_breaks: per year Y, the ``(first, last)`` days of the break that
            begins in December of Y, or ``None`` for no break that year. Years
            not given keep the default, December 24 of Y through January 1 of
            Y + 1. A break given here is named ``"winter break"`` in any year;
            a default one before 2020 ``"winter break (estimated)"``.

    >>> cal = mit()
    >>> cal.add_business_days("2026-12-23", 1)  # the winter break
    datetime.date(2027, 1, 4)
    >>> cal.why_closed("2026-11-27")
    'Day after Thanksgiving'
    >>> cal.why_closed("1997-11-28")  # before MIT's stated policy
    'Day after Thanksgiving (estimated)'
    >>> mit(winter_breaks={2026: ("2026-12-24", "2026-12-31")}).is_business_day("2027-01-01")
    False
    """
    given: object = winter_breaks  # checked at run time, whatever the annotation says
    if given is None:
        return _default_mit()
    if not isinstance(given, Mapping):
        raise InvalidTypeError(
            "winter_breaks", "a mapping from year to (first, last) or None", given
        )
    if not given:
        return _default_mit()
    overrides: dict[int, tuple[date, date] | None] = {}
    for year, span in given.items():
        year = to_count(year, "winter_breaks year")
        if not FIRST_YEAR - 1 <= year <= LAST_YEAR:
            raise OutOfRangeError(
                "winter_breaks year", f"a year from {FIRST_YEAR - 1} to {LAST_YEAR}", year
            )
        if span is None:
            overrides[year] = None
            continue
        try:
            first, last = span
        except (TypeError, ValueError):
            raise InvalidTypeError(
                f"winter_breaks[{year}]", "a (first, last) pair of dates or None", span
            ) from None
        first_day, last_day = (
            to_date(first, f"winter_breaks[{year}]"),
            to_date(last, f"winter_breaks[{year}]"),
        )
        if first_day > last_day:
            raise InvalidValueError(
                f"winter_breaks[{year}]", "a (first, last) pair with first <= last", span
            )
        overrides[year] = (first_day, last_day)
    return _with_breaks(overrides)


def _with_breaks(overrides: Mapping[int, tuple[date, date] | None]) -> Calendar:
    # A break given as the default one is the default: equal recipes, equal calendars.
    given = tuple(
        (year, span)
        for year, span in sorted(overrides.items())
        if (span, WINTER_BREAK) != (_default_break(year), _mit_name(WINTER_BREAK, year))
    )
    return Calendar._lazy(_BuiltIn("mit", given), name="mit", covers=_COVERS)


def _winter_break_days(
    overrides: Mapping[int, tuple[date, date] | None], years: range
) -> dict[date, str]:
    """The days of MIT's winter breaks in *years*; where two breaks overlap, the later
    year's names the day."""
    first_day = max(date(years[0], 1, 1), _COVERS[0])
    last_day = min(date(years[-1], 12, 31), _COVERS[1])
    days: dict[date, str] = {}
    for year in range(FIRST_YEAR - 1, LAST_YEAR + 1):
        if year in overrides:
            span, name = overrides[year], WINTER_BREAK  # given, so not an estimate
        else:
            span, name = _default_break(year), _mit_name(WINTER_BREAK, year)
        if span is None:
            continue
        first, last = max(span[0], first_day), min(span[1], last_day)
        for offset in range((last - first).days + 1):
            days[first + timedelta(days=offset)] = name
    return days


_BY_NAME: Final[dict[str, Callable[[], Calendar]]] = {
    "federal": federal,
    "uscis": federal,
    "massachusetts": massachusetts,
    "mit": mit,
}


def names() -> tuple[str, ...]:
    """The names :func:`by_name` accepts."""
    return tuple(_BY_NAME)


def by_name(name: str) -> Calendar:
    """A built-in calendar by name.

    The names are ``"federal"`` (alias ``"uscis"``), ``"massachusetts"`` and ``"mit"``.

    >>> by_name("MIT").name
    'mit'
    """
    if not isinstance(name, str):
        raise InvalidTypeError("name", f"one of {', '.join(_BY_NAME)}", name)
    try:
        factory = _BY_NAME[name.strip().lower()]
    except KeyError:
        raise UnknownNameError("name", f"one of {', '.join(_BY_NAME)}", name) from None
    return factory()
