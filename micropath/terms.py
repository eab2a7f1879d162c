"""Terms: the period a student works, usually MIT's IAP.

IAP (the Independent Activities Period, MIT's January term) dates come from
MIT's academic calendar where published; other years are estimated by a rule
that reproduces every published year, and say so (``estimated=True``).

>>> iap(2027)  # not yet published: estimated by the rule
Term(name='IAP 2027', start=datetime.date(2027, 1, 4), end=datetime.date(2027, 1, 29),
     estimated=True)
>>> iap(2026).estimated
False
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

import attrs

from micropath import calendars
from micropath._convert import to_count, to_date
from micropath.calendar import Calendar
from micropath.errors import InvalidTypeError, InvalidValueError, OutOfRangeError

__all__ = [
    "FIRST_IAP_YEAR",
    "IAP",
    "LAST_IAP_YEAR",
    "PUBLISHED_IAP",
    "Term",
    "TermRule",
    "iap",
]

FIRST_IAP_YEAR: Final = 1970
LAST_IAP_YEAR: Final = 2099

PUBLISHED_IAP: Final[dict[int, tuple[date, date]]] = {
    2001: (date(2001, 1, 8), date(2001, 2, 2)),
    2022: (date(2022, 1, 3), date(2022, 1, 28)),
    2024: (date(2024, 1, 8), date(2024, 2, 2)),
    2025: (date(2025, 1, 6), date(2025, 1, 31)),
    2026: (date(2026, 1, 5), date(2026, 1, 30)),
}
"""IAP dates published in MIT's academic calendar (source key ``iap-dates``)."""


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError("name", "a non-empty str", value)
    if not value.strip():
        raise InvalidValueError("name", "a non-empty str", value)
    return value


def _start(value: object) -> date:
    return to_date(value, "start")


def _end(value: object) -> date:
    return to_date(value, "end")


@attrs.frozen
class Term:
    """A work period: first and last day, a name, and whether the dates are estimated.

    >>> Term(date(2027, 1, 4), date(2027, 1, 29), name="IAP 2027").weeks
    4
    """

    start: date = attrs.field(converter=_start)
    end: date = attrs.field(converter=_end)
    name: str = attrs.field(default="term", kw_only=True, converter=_name)
    estimated: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError("end", f"a date on or after start ({self.start})", self.end)
        if not isinstance(self.estimated, bool):
            raise InvalidTypeError("estimated", "a bool", self.estimated)

    def __repr__(self) -> str:
        return (
            f"Term(name={self.name!r}, start={self.start!r}, end={self.end!r}, "
            f"estimated={self.estimated!r})"
        )

    @property
    def days(self) -> int:
        """Calendar days in the term, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> int:
        """Whole weeks the term spans, rounded up."""
        return -(-self.days // 7)


@attrs.frozen
class TermRule:
    """How a school's January term falls: published years, and a rule for the rest.

    A year not in *published* is estimated: the term starts on the first
    *weekday* (0 is Monday) after January 1 that is a business day of the
    school's calendar, and lasts *days* calendar days, both ends included.

    Attributes:
        name: the term's name (``"IAP"``); a year is added (``"IAP 2027"``).
        published: ``(year, first, last)`` for each published year.
        days: the length of an estimated term, in calendar days (IAP: 26).
        weekday: the weekday an estimated term starts on (0, Monday).
        source: key of the :class:`~micropath.sources.Source` of the dates.
    """

    name: str
    published: tuple[tuple[int, date, date], ...] = ()
    days: int = 26
    weekday: int = 0
    source: str = "iap-dates"

    def term(self, year: int, calendar: Calendar) -> Term:
        """The term of *year* (January of that year), on the school's *calendar*.

        >>> IAP.term(2023, calendars.mit()).start  # Monday Jan 2 is New Year's Day observed
        datetime.date(2023, 1, 9)
        """
        year = to_count(year, "year")
        if not FIRST_IAP_YEAR <= year <= LAST_IAP_YEAR:
            raise OutOfRangeError("year", f"a year from {FIRST_IAP_YEAR} to {LAST_IAP_YEAR}", year)
        for published_year, first, last in self.published:
            if published_year == year:
                return Term(first, last, name=f"{self.name} {year}")
        day = date(year, 1, 2)
        day += timedelta(days=(self.weekday - day.weekday()) % 7)  # first such weekday
        while not calendar.is_business_day(day):  # at most a couple of weeks
            day += timedelta(days=7)
        end = day + timedelta(days=self.days - 1)
        return Term(day, end, name=f"{self.name} {year}", estimated=True)


IAP: Final = TermRule(
    "IAP", tuple((year, first, last) for year, (first, last) in PUBLISHED_IAP.items())
)
"""MIT's Independent Activities Period: published years, else Monday of week 1
to Friday of week 4 (source key ``iap-dates``)."""


def iap(year: int) -> Term:
    """MIT's IAP of *year* (January of that year).

    Published years come from MIT's calendar. Others are estimated: IAP starts
    on the first Monday after January 1 that is not a holiday on MIT's
    calendar and ends on the Friday of its fourth week.

    >>> iap(2023).start  # Monday Jan 2 is New Year's Day observed
    datetime.date(2023, 1, 9)
    """
    return IAP.term(year, calendars.mit())
