"""IAP terms: MIT's published dates, the rule that estimates the other years, and
:class:`micropath.Term` validation.

The published table and the estimated dates are copied from ``shared/domain.md``;
the rule is recomputed here independently, by walking from January 2.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

import micropath as mp
from micropath import InvalidTypeError, InvalidValueError, MicropathError, OutOfRangeError

D = date.fromisoformat

PUBLISHED = {  # shared/domain.md, "IAP dates"
    2001: ("2001-01-08", "2001-02-02"),
    2022: ("2022-01-03", "2022-01-28"),
    2024: ("2024-01-08", "2024-02-02"),
    2025: ("2025-01-06", "2025-01-31"),
    2026: ("2026-01-05", "2026-01-30"),
}
ESTIMATED = {  # shared/domain.md: "That gives ..."
    2023: ("2023-01-09", "2023-02-03"),
    2027: ("2027-01-04", "2027-01-29"),
    2028: ("2028-01-03", "2028-01-28"),
    2029: ("2029-01-08", "2029-02-02"),
}


def rule(year: int) -> tuple[date, date]:
    """The first Monday after January 1 that MIT's offices are open, and the Friday of
    its fourth week - walking one day at a time."""
    school = mp.calendars.mit()
    day = date(year, 1, 2)
    while not (day.weekday() == 0 and school.is_business_day(day)):
        day += timedelta(days=1)
    return day, day + timedelta(weeks=3, days=4)


@pytest.mark.parametrize(("year", "dates"), sorted(PUBLISHED.items()))
def test_published_years_are_exact(year: int, dates: tuple[str, str]) -> None:
    term = mp.iap(year)
    assert (term.start, term.end) == (D(dates[0]), D(dates[1]))
    assert term.estimated is False
    assert term.name == f"IAP {year}"


@pytest.mark.parametrize(("year", "dates"), sorted(PUBLISHED.items()))
def test_the_rule_reproduces_every_published_year(year: int, dates: tuple[str, str]) -> None:
    assert rule(year) == (D(dates[0]), D(dates[1]))


@pytest.mark.parametrize(("year", "dates"), sorted(ESTIMATED.items()))
def test_unpublished_years_are_estimated_by_the_rule(year: int, dates: tuple[str, str]) -> None:
    term = mp.iap(year)
    assert (term.start, term.end) == (D(dates[0]), D(dates[1]))
    assert (term.start, term.end) == rule(year)
    assert term.estimated is True
    assert term.name == f"IAP {year}"
    assert term.start.weekday() == 0
    assert term.end.weekday() == 4


@pytest.mark.parametrize("year", [1970, 1971, 1999, 2030, 2050, 2098, 2099])
def test_every_supported_year_follows_the_rule(year: int) -> None:
    term = mp.iap(year)
    assert (term.start, term.end) == rule(year)
    assert term.estimated is (year not in PUBLISHED)


def test_2023_skips_new_years_day_observed() -> None:
    assert not mp.calendars.mit().is_business_day(D("2023-01-02"))
    assert mp.iap(2023).start == D("2023-01-09")


def test_iap_has_26_days_in_4_weeks() -> None:
    term = mp.iap(2027)
    assert term.days == (term.end - term.start).days + 1 == 26
    assert term.weeks == 4


@pytest.mark.parametrize("year", [1969, 2100, 0, -2027, 10_000])
def test_years_outside_the_range_are_an_error(year: int) -> None:
    with pytest.raises(OutOfRangeError) as info:
        mp.iap(year)
    assert isinstance(info.value, MicropathError)
    assert isinstance(info.value, ValueError)
    assert info.value.parameter == "year"
    assert "1970" in str(info.value)
    assert "2099" in str(info.value)


@pytest.mark.parametrize("year", ["2027", 2027.0, True, None, date(2027, 1, 1)])
def test_year_must_be_an_int(year: object) -> None:
    with pytest.raises(InvalidTypeError) as info:
        mp.iap(year)  # type: ignore[arg-type]
    assert isinstance(info.value, MicropathError)
    assert isinstance(info.value, TypeError)
    assert info.value.parameter == "year"


# -- Term ------------------------------------------------------------------------------


def test_term_accepts_dates_and_iso_strings() -> None:
    term = mp.Term("2027-01-04", "2027-01-29", name="IAP 2027")
    assert term == mp.Term(date(2027, 1, 4), date(2027, 1, 29), name="IAP 2027")
    assert (term.start, term.end) == (D("2027-01-04"), D("2027-01-29"))
    assert term.estimated is False
    one_day = mp.Term("2027-01-04", "2027-01-04")
    assert (one_day.days, one_day.weeks) == (1, 1)


def test_term_end_before_start_is_an_error() -> None:
    with pytest.raises(InvalidValueError) as info:
        mp.Term("2027-01-29", "2027-01-04")
    assert isinstance(info.value, MicropathError)
    assert isinstance(info.value, ValueError)
    assert info.value.parameter == "end"
    assert "2027-01-29" in str(info.value)


@pytest.mark.parametrize(
    ("start", "end", "parameter"),
    [
        (datetime(2027, 1, 4, 9), date(2027, 1, 29), "start"),
        (date(2027, 1, 4), datetime(2027, 1, 29, 17), "end"),
        (20270104, date(2027, 1, 29), "start"),
    ],
)
def test_term_rejects_datetimes_and_non_dates(start: object, end: object, parameter: str) -> None:
    with pytest.raises(InvalidTypeError) as info:
        mp.Term(start, end)  # type: ignore[arg-type]
    assert isinstance(info.value, MicropathError)
    assert isinstance(info.value, TypeError)
    assert info.value.parameter == parameter
    assert parameter in str(info.value)


def test_term_rejects_a_malformed_date_string() -> None:
    with pytest.raises(InvalidValueError) as info:
        mp.Term("2027-02-30", "2027-03-01")
    assert isinstance(info.value, ValueError)
    assert info.value.parameter == "start"


def test_term_estimated_must_be_a_bool() -> None:
    with pytest.raises(InvalidTypeError) as info:
        mp.Term("2027-01-04", "2027-01-29", estimated="yes")  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert info.value.parameter == "estimated"


def test_term_name_must_be_a_str() -> None:
    with pytest.raises(InvalidTypeError) as info:
        mp.Term("2027-01-04", "2027-01-29", name=2027)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert info.value.parameter == "name"


@pytest.mark.parametrize("name", ["", "   "])
def test_term_empty_name_is_a_value_error(name: str) -> None:
    """A str of the right type but no content is an unusable value: InvalidValueError
    (ValueError), as errors.py defines it and as posting_title does for an empty title."""
    with pytest.raises(InvalidValueError) as info:
        mp.Term("2027-01-04", "2027-01-29", name=name)
    assert info.value.parameter == "name"


def test_term_is_frozen() -> None:
    term = mp.iap(2027)
    with pytest.raises(AttributeError):
        term.start = D("2027-01-05")  # type: ignore[misc]
