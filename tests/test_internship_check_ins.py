"""Weekly check-in days: :func:`micropath.internship.check_in_dates`.

The reference is stepping through the term one day at a time and keeping the
days on the weekday. Laws:

1. The days agree with the day-by-day oracle, for any term (also one that
   ends on 9999-12-31) and any weekday code, in any case and with spaces.
2. Each day is on the weekday and within the term; consecutive days are 7
   apart; the first is within the term's first 7 days and the last within
   its last 7 (when the term has that weekday at all).
3. ``Internship.check_ins`` gives the days of its term.
4. A weekday that is not a code, or a term that is not a Term, raises a
   ``MicropathError`` naming the parameter.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import micropath as mp
from micropath.errors import InvalidTypeError, InvalidValueError, MicropathError
from micropath.internship import WEEKDAYS, check_in_dates

CODES = tuple(WEEKDAYS)


def on_weekday_by_day(term: mp.Term, weekday: int) -> list[date]:
    """Oracle: every day of *term*, one by one, that falls on *weekday* (0 is Monday)."""
    found = []
    day = term.start
    while True:
        if day.weekday() == weekday:
            found.append(day)
        if day == term.end:
            return found
        day += timedelta(days=1)


@st.composite
def terms(draw: st.DrawFn) -> mp.Term:
    """Terms of 0 to 120 days' length, anywhere, often against date.min or date.max."""
    length = draw(st.integers(0, 120))
    start = draw(
        st.one_of(
            st.dates(max_value=date.max - timedelta(days=length)),
            st.just(date.min),
            st.just(date.max - timedelta(days=length)),
        )
    )
    return mp.Term(start, start + timedelta(days=length))


def spellings(code: str) -> st.SearchStrategy[str]:
    return st.sampled_from((code, code.lower(), code.title(), f" {code} "))


# -- 1, 2: the oracle and the shape -------------------------------------------------------


@given(terms(), st.sampled_from(CODES).flatmap(spellings))
def test_agrees_with_stepping_day_by_day(term: mp.Term, code: str) -> None:
    weekday = WEEKDAYS[code.strip().upper()]
    days = check_in_dates(term, code)
    assert list(days) == on_weekday_by_day(term, weekday)
    assert all(day.weekday() == weekday and term.start <= day <= term.end for day in days)
    assert all((later - earlier).days == 7 for earlier, later in itertools.pairwise(days))
    if days:
        assert (days[0] - term.start).days < 7
        assert (term.end - days[-1]).days < 7
    else:
        assert term.days < 7


@pytest.mark.parametrize(
    ("start", "end", "code", "expected"),
    [
        ("2027-01-04", "2027-01-29", "MO", ["2027-01-04", "2027-01-11", "2027-01-18",
                                            "2027-01-25"]),
        ("2027-01-04", "2027-01-29", "FR", ["2027-01-08", "2027-01-15", "2027-01-22",
                                            "2027-01-29"]),
        ("2027-01-04", "2027-01-29", "SU", ["2027-01-10", "2027-01-17", "2027-01-24"]),
        ("2027-01-04", "2027-01-04", "MO", ["2027-01-04"]),  # one day, on the weekday
        ("2027-01-04", "2027-01-04", "TU", []),  # one day, not on it
        ("2027-01-05", "2027-01-10", "MO", []),  # six days that miss a Monday
        ("2024-02-26", "2024-03-05", "TH", ["2024-02-29"]),  # leap day
        ("2026-12-28", "2027-01-12", "WE", ["2026-12-30", "2027-01-06"]),  # across the year
        ("9999-12-20", "9999-12-31", "FR", ["9999-12-24", "9999-12-31"]),  # the last date
        ("0001-01-01", "0001-01-10", "mo", ["0001-01-01", "0001-01-08"]),  # the first date
    ],
)  # fmt: skip
def test_table(start: str, end: str, code: str, expected: list[str]) -> None:
    days = check_in_dates(mp.Term(start, end), code)
    assert [day.isoformat() for day in days] == expected


def test_weekday_codes_are_rfc_5545_byday_codes_in_python_weekday_order() -> None:
    assert list(WEEKDAYS.items()) == [
        ("MO", 0), ("TU", 1), ("WE", 2), ("TH", 3), ("FR", 4), ("SA", 5), ("SU", 6)
    ]  # fmt: skip
    monday = date(2027, 1, 4)
    for code, number in WEEKDAYS.items():
        assert (monday + timedelta(days=number)).strftime("%a")[:2].upper() == code


# -- 3: the internship's own --------------------------------------------------------------


@given(terms(), st.sampled_from(CODES))
def test_an_internship_checks_in_on_the_days_of_its_term(term: mp.Term, code: str) -> None:
    job = mp.Internship(term, hours_per_week=15)
    assert job.check_ins(code) == check_in_dates(term, code)


# -- 4: bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "weekday", "error", "parameter"),
    [
        (mp.iap(2027), "Friday", InvalidValueError, "weekday"),
        (mp.iap(2027), "", InvalidValueError, "weekday"),
        (mp.iap(2027), 4, InvalidTypeError, "weekday"),
        (mp.iap(2027), None, InvalidTypeError, "weekday"),
        ("2027-01-04", "FR", InvalidTypeError, "term"),
        ((date(2027, 1, 4), date(2027, 1, 29)), "FR", InvalidTypeError, "term"),
    ],
)
def test_bad_arguments_name_the_parameter(
    term: object, weekday: object, error: type[Exception], parameter: str
) -> None:
    with pytest.raises(error) as caught:
        check_in_dates(term, weekday)  # type: ignore[arg-type]
    assert isinstance(caught.value, MicropathError)
    assert caught.value.parameter == parameter  # type: ignore[attr-defined]
    assert str(caught.value).startswith(parameter)
