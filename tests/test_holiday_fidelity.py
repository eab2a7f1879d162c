"""A closed day only where a law or an executive order closes it.

Tables of real edge dates for each rule, one law against an independent
oracle, and laws for the adapter (``micropath._holiday_data``) on data a later
``holidays`` release might bring:

1. First years: each federal holiday is closed from its law's first year and
   not before (Columbus Day 1971, Monday holidays 1971, Veterans Day 1971-1977
   and 1978, Martin Luther King Jr. Day 1986, Juneteenth 2021).
2. The legal public holidays of all three calendars, 1970-2100, are exactly
   those ``oracles.federal_legal_holidays`` derives from the statutes, names
   included; what else closes the federal calendar is exactly the table of
   executive-order closures.
3. Half days (Christmas Eve 1970, 1987, 1990, 1998, 2002, 2009, 2015) are
   business days that ``why_half_day`` names; a half day in the package's
   data, however marked, stays one.
4. Inauguration Day never closes a calendar.
5. One name per closed day, and a union of any calendars never repeats one.
6. MIT's own closures before 2020 are named as estimates.
7. Every added closure cites a source.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import oracles
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import holiday_names

from micropath import SOURCES, Calendar, _holiday_data, calendars
from micropath._holiday_data import sort_federal

NAMES = ("federal", "massachusetts", "mit")
MLK = "Birthday of Martin Luther King, Jr."


# -- the values the issue names ---------------------------------------------------


def test_the_values_named_in_the_issue(builtin: dict[str, Calendar]) -> None:
    federal = builtin["federal"]
    assert federal.is_business_day("1970-10-12")  # Columbus Day: federal from 1971
    assert federal.is_business_day("2015-12-24")  # a half day
    assert not federal.is_business_day("1994-04-27")  # President Nixon's funeral
    assert federal.why_closed("2027-01-18") == MLK
    assert builtin["mit"].why_closed("1997-11-28") == "Day after Thanksgiving (estimated)"


# -- 1: first years -----------------------------------------------------------------

FIRST_YEARS = [
    # holiday, a weekday it was not yet a holiday, the first day it closed the calendars
    ("Columbus Day", date(1970, 10, 12), date(1971, 10, 11)),
    ("Washington's Birthday", date(1971, 2, 22), date(1971, 2, 15)),  # a Monday from 1971
    ("Memorial Day", date(1970, 5, 25), date(1971, 5, 31)),
    ("Veterans Day", date(1971, 11, 11), date(1971, 10, 25)),  # fourth Monday of October
    ("Veterans Day", date(1977, 11, 11), date(1977, 10, 24)),
    ("Veterans Day", date(1978, 10, 23), date(1978, 11, 10)),  # Nov 11 again (a Saturday)
    (MLK, date(1985, 1, 21), date(1986, 1, 20)),
    ("Juneteenth National Independence Day", date(2020, 6, 19), date(2021, 6, 18)),
]


@pytest.mark.parametrize(("holiday", "before", "first"), FIRST_YEARS)
def test_each_holiday_closes_from_its_laws_first_year(
    builtin: dict[str, Calendar], holiday: str, before: date, first: date
) -> None:
    assert before.weekday() < 5
    assert first.weekday() < 5
    for name in NAMES:
        calendar = builtin[name]
        assert calendar.is_business_day(before), (name, before)
        assert not calendar.is_business_day(first), (name, first)
        assert holiday in (calendar.why_closed(first) or ""), (name, first)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(1970, 5, 29), "Memorial Day (observed)"),  # Saturday May 30, 1970
        (date(1970, 7, 3), "Independence Day (observed)"),
        (date(1970, 2, 23), "Washington's Birthday (observed)"),  # Sunday Feb 22
        (date(2021, 6, 18), "Juneteenth National Independence Day (observed)"),
        (date(2021, 12, 31), "New Year's Day (observed)"),
    ],
)
def test_weekend_holidays_are_observed_on_the_nearest_weekday(
    builtin: dict[str, Calendar], day: date, name: str
) -> None:
    for calendar in builtin.values():
        assert name in (calendar.why_closed(day) or "")


# -- 2: every legal holiday, against the statutes --------------------------------------

CLOSURES = {
    # Every whole-day executive-order closure in the federal calendar, 1970-2100.
    date(1972, 12, 28): "Truman",
    date(1973, 1, 25): "Lyndon B. Johnson",
    date(1973, 12, 24): "Christmas Eve",
    date(1973, 12, 31): "New Year's Eve",
    date(1979, 12, 24): "Christmas Eve",
    date(1986, 12, 26): "Day After Christmas",
    date(1994, 4, 27): "Richard Nixon",
    date(1997, 12, 26): "Day After Christmas",
    date(2001, 12, 24): "Christmas Eve",
    date(2003, 12, 26): "Day After Christmas",
    date(2004, 6, 11): "Ronald Reagan",
    date(2007, 1, 2): "Gerald R. Ford",
    date(2007, 12, 24): "Christmas Eve",
    date(2008, 12, 26): "Day After Christmas",
    date(2012, 12, 24): "Christmas Eve",
    date(2014, 12, 26): "Day After Christmas",
    date(2018, 12, 5): "George H. W. Bush",
    date(2018, 12, 24): "Christmas Eve",
    date(2019, 12, 24): "Christmas Eve",
    date(2020, 12, 24): "Christmas Eve",
    date(2024, 12, 24): "Christmas Eve",
    date(2025, 1, 9): "Jimmy Carter",
    date(2025, 12, 24): "Christmas Eve",
    date(2025, 12, 26): "Day After Christmas",
}


@functools.cache
def _statutes() -> dict[date, str]:
    """The legal public holidays 1970-2100 by the oracle (2101's New Year's Day is
    observed on 2100-12-31)."""
    days: dict[date, str] = {}
    for year in range(calendars.FIRST_YEAR, calendars.LAST_YEAR + 2):
        days.update(oracles.federal_legal_holidays(year))
    first, last = date(calendars.FIRST_YEAR, 1, 1), date(calendars.LAST_YEAR, 12, 31)
    return {day: name for day, name in days.items() if first <= day <= last}


def test_massachusetts_has_exactly_the_statutes_holidays_and_patriots_day(
    builtin: dict[str, Calendar],
) -> None:
    closed = dict(builtin["massachusetts"].holidays)
    patriots = {day for day, name in closed.items() if name == "Patriots' Day"}
    assert {(d.year, d.month, d.weekday()) for d in patriots} == {
        (year, 4, 0) for year in range(1970, 2101)
    }
    assert {day: name for day, name in closed.items() if day not in patriots} == _statutes()


def test_federal_has_the_statutes_holidays_and_exactly_the_closures(
    builtin: dict[str, Calendar],
) -> None:
    closed = dict(builtin["federal"].holidays)
    statutes = _statutes()
    assert {day: closed.get(day) for day in statutes} == statutes
    others = {day: name for day, name in closed.items() if day not in statutes}
    assert sorted(others) == sorted(CLOSURES)
    for day, part in CLOSURES.items():
        assert part in others[day], (day, others[day])
        assert builtin["massachusetts"].is_business_day(day), day  # a federal order only


def test_mit_has_every_legal_holiday(builtin: dict[str, Calendar]) -> None:
    mit = builtin["mit"]
    for day, name in _statutes().items():
        assert name in (mit.why_closed(day) or "").split(" / "), (day, mit.why_closed(day))


# -- 3: half days -----------------------------------------------------------------------

HALF_DAYS = [date(1970, 12, 24), date(1987, 12, 24), date(1990, 12, 24), date(1998, 12, 24)]
HALF_DAYS += [date(2002, 12, 24), date(2009, 12, 24), date(2015, 12, 24)]


@pytest.mark.parametrize("day", HALF_DAYS)
def test_half_days_are_business_days_that_are_still_named(
    builtin: dict[str, Calendar], day: date
) -> None:
    federal = builtin["federal"]
    assert day.weekday() < 5
    assert federal.is_business_day(day)
    assert federal.why_closed(day) is None
    assert "half-day" in (federal.why_half_day(day) or "")
    assert federal.add_business_days(day - timedelta(days=1), 1) == day
    assert federal.next_business_day(day) == day
    assert builtin["massachusetts"].why_half_day(day) is None  # a federal order only


def test_the_2015_half_day_counts_in_a_span(builtin: dict[str, Calendar]) -> None:
    federal = builtin["federal"]
    # Mon 21, Tue 22, Wed 23, Thu 24 (half day) are counted; Fri 25 is Christmas.
    assert federal.business_days_between(date(2015, 12, 21), date(2015, 12, 28)) == 4
    assert federal.add_business_days(date(2015, 12, 28), -1) == date(2015, 12, 24)
    assert [d.date for d in federal.closed_days("2015-12-24", "2015-12-27")] == [
        date(2015, 12, 25),
        date(2015, 12, 26),
        date(2015, 12, 27),
    ]
    assert dict(federal.half_days) == dict.fromkeys(HALF_DAYS, "Christmas Eve (half-day closing)")


# -- 4: Inauguration Day --------------------------------------------------------------------

INAUGURATION_DAYS = [
    date(1977, 1, 20),
    date(1981, 1, 20),
    date(1985, 1, 21),  # January 20 was a Sunday
    date(1989, 1, 20),
    date(1993, 1, 20),
    date(2005, 1, 20),
    date(2009, 1, 20),
    date(2017, 1, 20),
    date(2021, 1, 20),
]


@pytest.mark.parametrize("day", INAUGURATION_DAYS)
def test_inauguration_day_is_a_business_day(builtin: dict[str, Calendar], day: date) -> None:
    for calendar in builtin.values():
        assert calendar.is_business_day(day)


@pytest.mark.parametrize("day", [date(1997, 1, 20), date(2013, 1, 21), date(2025, 1, 20)])
def test_inauguration_on_king_day_gives_only_king_day(
    builtin: dict[str, Calendar], day: date
) -> None:
    for name in ("federal", "massachusetts"):
        assert builtin[name].why_closed(day) == MLK


# -- the adapter on what a later holidays release might list ---------------------------------

YEARS = range(1970, 2101)
LATER = range(2026, 2101)
"""Years with none of the closures micropath adds to the package's data."""


def test_a_half_day_marked_in_its_name_is_a_half_day() -> None:
    day = date(2031, 12, 24)
    days = sort_federal({"government": [(day, "Christmas Eve (half-day closing)")]}, LATER)
    assert (days.closures, days.holidays) == ((), ())
    assert dict(days.half_days)[day] == "Christmas Eve (half-day closing)"


@pytest.mark.parametrize("name", ["Christmas Eve", "Half Day before Christmas", "New Year's Eve"])
def test_every_entry_of_the_half_day_category_is_a_half_day(name: str) -> None:
    day = date(2032, 12, 24)
    days = sort_federal({"half_day": [(day, name)], "government": []}, LATER)
    assert dict(days.half_days)[day] == name
    assert day not in dict(days.closures)


def test_an_unknown_government_entry_is_a_closure_and_a_public_one_is_not() -> None:
    day, other = date(2031, 3, 5), date(2031, 3, 6)
    days = sort_federal(
        {"government": [(day, "National Day of Mourning")], "public": [(other, "Flag Day")]},
        LATER,
    )
    assert dict(days.closures) == {day: "National Day of Mourning"}
    assert days.holidays == ()


def test_a_holiday_before_its_law_is_left_out() -> None:
    juneteenth = "Juneteenth National Independence Day"
    entries = {
        "public": [(date(1970, 10, 12), "Columbus Day"), (date(1971, 10, 11), "Columbus Day")],
        "government": [(date(1985, 1, 21), MLK), (date(2020, 6, 19), juneteenth)],
    }
    assert dict(sort_federal(entries, YEARS).holidays) == {date(1971, 10, 11): "Columbus Day"}


def test_two_names_of_one_holiday_give_one_name() -> None:
    day, observed = date(2027, 1, 18), date(2027, 1, 19)
    other = "Martin Luther King Jr. Day"
    entries = {
        "public": [(day, other), (observed, f"{other} (observed)")],
        "government": [(day, MLK)],
    }
    assert dict(sort_federal(entries, YEARS).holidays) == {
        day: MLK,
        observed: f"{MLK} (observed)",
    }


def test_inauguration_day_is_left_out_in_any_category() -> None:
    day = date(2029, 1, 22)
    entries = {c: [(day, "Inauguration Day")] for c in ("public", "government")}
    days = sort_federal(entries, LATER)
    assert (days.holidays, days.closures, days.half_days) == ((), (), ())


def test_a_weekend_holiday_without_its_observed_day_gets_it() -> None:
    saturday, sunday = date(2032, 7, 4) - timedelta(days=1), date(2032, 7, 4)
    assert (saturday.weekday(), sunday.weekday()) == (5, 6)
    entries = {"public": [(saturday, "Christmas Day"), (sunday, "Independence Day")]}
    assert dict(sort_federal(entries, LATER).holidays) == {
        saturday: "Christmas Day",
        saturday - timedelta(days=1): "Christmas Day (observed)",
        sunday: "Independence Day",
        sunday + timedelta(days=1): "Independence Day (observed)",
    }


def test_an_added_closure_the_package_gains_is_not_named_twice() -> None:
    nixon = date(1994, 4, 27)
    days = sort_federal({"government": [(nixon, "Day of Mourning for Richard Nixon")]}, YEARS)
    assert dict(days.closures)[nixon] == "Day of Mourning for Richard Nixon"
    half = date(1998, 12, 24)
    days = sort_federal({"half_day": [(half, "Christmas Eve")]}, YEARS)
    assert dict(days.half_days)[half] == "Christmas Eve"


def test_added_days_stay_within_the_years_asked_for() -> None:
    days = sort_federal({}, range(2000, 2001))
    assert (days.closures, days.half_days) == ((), ())


# -- 5: one name per closed day -----------------------------------------------------------


def _repeats(name: str) -> list[str]:
    parts = name.split(" / ")
    return [part for part in set(parts) if parts.count(part) > 1]


@pytest.mark.parametrize("name", NAMES)
def test_every_closed_day_has_one_name_per_reason(builtin: dict[str, Calendar], name: str) -> None:
    for day, reason in builtin[name].holidays:
        assert "; " not in reason, (day, reason)
        assert _repeats(reason) == [], (day, reason)


@pytest.mark.parametrize(
    "order",
    [
        ("federal", "massachusetts", "mit"),
        ("mit", "federal", "massachusetts", "federal"),
        ("massachusetts", "mit", "mit", "federal", "massachusetts"),
    ],
)
def test_a_union_of_the_builtins_repeats_no_name(
    builtin: dict[str, Calendar], order: tuple[str, ...]
) -> None:
    union = functools.reduce(Calendar.__or__, (builtin[name] for name in order))
    assert all(_repeats(reason) == [] for _, reason in union.holidays)
    assert union.why_closed("2027-01-18") == MLK
    assert union.why_closed("2026-12-25") == "Christmas Day / winter break"


def _joined_names() -> st.SearchStrategy[str]:
    """A holiday name, or two or three of them already joined (as a union leaves them)."""
    return st.lists(holiday_names(), min_size=1, max_size=3).map(" / ".join)


@given(
    st.lists(
        st.dictionaries(
            st.dates(date(2026, 12, 20), date(2027, 1, 5)), _joined_names(), max_size=8
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_union_of_any_number_of_calendars_names_each_reason_once(
    closed: list[dict[date, str]],
) -> None:
    union = functools.reduce(Calendar.__or__, (Calendar(days) for days in closed))
    for day, reason in union.holidays:
        assert _repeats(reason) == [], reason
        expected = {part for days in closed if day in days for part in days[day].split(" / ")}
        assert set(reason.split(" / ")) == expected


# -- 6: MIT before its stated policy -------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(1970, 11, 27), "Day after Thanksgiving (estimated)"),
        (date(1997, 11, 28), "Day after Thanksgiving (estimated)"),
        (date(2019, 11, 29), "Day after Thanksgiving (estimated)"),
        (date(2020, 11, 27), "Day after Thanksgiving"),
        (date(1970, 1, 1), "New Year's Day / winter break (estimated)"),
        (date(1997, 12, 29), "winter break (estimated)"),
        (date(2019, 12, 24), "winter break (estimated)"),
        (date(2020, 1, 1), "New Year's Day / winter break (estimated)"),  # the 2019 break
        (date(2020, 12, 24), "winter break"),
        (date(2021, 1, 1), "New Year's Day / winter break"),
        (date(2100, 12, 27), "winter break"),
    ],
)
def test_mit_names_its_closures_before_2020_as_estimates(
    builtin: dict[str, Calendar], day: date, reason: str
) -> None:
    assert builtin["mit"].why_closed(day) == reason


def test_a_winter_break_given_for_an_early_year_is_no_estimate() -> None:
    mit = calendars.mit(winter_breaks={2015: ("2015-12-21", "2015-12-31")})
    assert mit.why_closed("2015-12-21") == "winter break"
    assert mit.why_closed("2016-01-01") == "New Year's Day"
    assert mit.why_closed("2014-12-29") == "winter break (estimated)"
    assert mit.why_closed("2015-11-27") == "Day after Thanksgiving (estimated)"


# -- 7: sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "order",
    [*_holiday_data.EXTRA_CLOSURES, *_holiday_data.EXTRA_HALF_DAYS],
    ids=lambda order: order.day.isoformat(),
)
def test_every_added_closure_cites_a_regulation(order: _holiday_data.Order) -> None:
    source = SOURCES[order.source]
    assert source.kind == "regulation"
    assert source.effective is None or source.effective <= order.day
    assert str(order.day.year) in source.fact + source.citation


def test_the_added_closures_are_in_the_table(builtin: dict[str, Calendar]) -> None:
    added = {order.day for order in _holiday_data.EXTRA_CLOSURES}
    assert added <= set(CLOSURES)
    assert {order.day for order in _holiday_data.EXTRA_HALF_DAYS} <= set(HALF_DAYS)
