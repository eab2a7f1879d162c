"""The built-in calendars (``micropath.calendars``) on real dates.

Tables of edge days (observed holidays, executive-order closures, Patriots'
Day, Thanksgiving, MIT's winter break, leap days), the covered range
1970-2100, per-year winter-break overrides, a comparison with the checked-in
snapshot of 2021-2028, and one law: the built-ins agree with stepping day by
day over their own closed days.
"""

from __future__ import annotations

import functools
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays
import oracles
import pytest
from hypothesis import given
from strategies import builtin_dates, counts

from micropath import (
    Calendar,
    InvalidTypeError,
    MicropathError,
    OutOfRangeError,
    UnknownNameError,
    calendars,
)

SNAPSHOT = Path(__file__).parent / "snapshots" / "holidays_2021_2028.json"
NAMES = ("federal", "massachusetts", "mit")
SHUT, OPEN = "shut", "open"  # the calendar is closed / open that day


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November, by the rule rather than from holiday data."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _assert_parameter_error(error: pytest.ExceptionInfo[MicropathError], parameter: str) -> None:
    assert isinstance(error.value, MicropathError)
    assert isinstance(error.value, ValueError | TypeError)
    assert error.value.parameter == parameter  # type: ignore[attr-defined]
    assert str(error.value).startswith(parameter)


# -- edge days ------------------------------------------------------------------------------

EDGE_DAYS = [
    # day, federal, massachusetts, mit, a reason every calendar closed on it must give
    (date(2026, 7, 3), SHUT, SHUT, SHUT, "Independence Day (observed)"),  # Saturday July 4
    (date(2027, 12, 24), SHUT, SHUT, SHUT, "Christmas Day (observed)"),  # Saturday Dec 25
    (date(2027, 12, 31), SHUT, SHUT, SHUT, "New Year's Day (observed)"),  # Saturday 2028-01-01
    (date(2021, 12, 24), SHUT, SHUT, SHUT, "Christmas Day (observed)"),
    (date(2021, 12, 31), SHUT, SHUT, SHUT, "New Year's Day (observed)"),  # Saturday 2022-01-01
    (date(2028, 11, 10), SHUT, SHUT, SHUT, "Veterans Day (observed)"),  # Saturday Nov 11
    (date(2019, 12, 24), SHUT, OPEN, SHUT, None),  # executive order; MIT: winter break
    (date(2020, 12, 24), SHUT, OPEN, SHUT, None),
    (date(2024, 12, 24), SHUT, OPEN, SHUT, None),
    (date(2025, 1, 9), SHUT, OPEN, OPEN, "Day of Mourning"),  # President Carter
    (date(2025, 12, 24), SHUT, OPEN, SHUT, None),
    (date(2025, 12, 26), SHUT, OPEN, SHUT, None),
    (date(2026, 4, 20), OPEN, SHUT, SHUT, "Patriots' Day"),  # third Monday of April
    (date(2023, 4, 17), OPEN, SHUT, SHUT, "Patriots' Day"),
    (date(2026, 11, 26), SHUT, SHUT, SHUT, "Thanksgiving Day"),
    (date(2026, 11, 27), OPEN, OPEN, SHUT, "Day after Thanksgiving"),
    (date(2026, 12, 24), OPEN, OPEN, SHUT, "winter break"),
    (date(2026, 12, 31), OPEN, OPEN, SHUT, "winter break"),
    (date(2027, 1, 1), SHUT, SHUT, SHUT, "New Year's Day"),
    (date(2027, 1, 4), OPEN, OPEN, OPEN, None),  # IAP 2027 starts
    (date(2025, 1, 2), OPEN, OPEN, OPEN, None),  # the day after the 2024 break
    (date(2024, 2, 29), OPEN, OPEN, OPEN, None),
    (date(2028, 2, 29), OPEN, OPEN, OPEN, None),
]


@pytest.mark.parametrize(("day", "federal", "massachusetts", "mit", "reason"), EDGE_DAYS)
def test_edge_days_are_closed_where_they_should_be(
    builtin: dict[str, Calendar],
    day: date,
    federal: str,
    massachusetts: str,
    mit: str,
    reason: str | None,
) -> None:
    expected = {"federal": federal, "massachusetts": massachusetts, "mit": mit}
    for name, state in expected.items():
        calendar = builtin[name]
        assert calendar.is_business_day(day) == (state == OPEN), name
        why = calendar.why_closed(day)
        assert (why is None) == (state == OPEN), name
        if state == SHUT and reason is not None:
            assert reason in (why or ""), (name, why)


@pytest.mark.parametrize(
    "day",
    [
        date(2021, 12, 24),
        date(2021, 12, 31),
        date(2026, 7, 3),
        date(2027, 12, 24),
        date(2027, 12, 31),
    ],
)
def test_massachusetts_keeps_the_federal_friday_the_raw_subdivision_drops(
    builtin: dict[str, Calendar], day: date
) -> None:
    """The trap: ``holidays.US(subdiv="MA")`` alone leaves these Fridays open."""
    raw = holidays.country_holidays("US", subdiv="MA", years=range(day.year, day.year + 2))
    assert day not in raw
    assert not builtin["massachusetts"].is_business_day(day)
    assert not builtin["mit"].is_business_day(day)


@pytest.mark.parametrize(
    ("calendar", "day", "n", "expected"),
    [
        # The design's worked figures for a first day of Monday 2027-01-04.
        ("mit", date(2027, 1, 4), -10, date(2026, 12, 10)),  # CPT latest filing
        ("federal", date(2027, 1, 4), -10, date(2026, 12, 17)),  # same count, no break
        ("federal", date(2026, 12, 21), -30, date(2026, 11, 5)),  # premium OPT latest filing
        ("mit", date(2026, 12, 23), 1, date(2027, 1, 4)),
        ("federal", date(2026, 12, 23), 1, date(2026, 12, 24)),
        ("massachusetts", date(2026, 4, 17), 1, date(2026, 4, 21)),  # over Patriots' Day
        ("federal", date(2026, 4, 17), 1, date(2026, 4, 20)),
        ("federal", date(2026, 7, 2), 1, date(2026, 7, 6)),  # over the observed July 4
        ("federal", date(2024, 12, 23), 1, date(2024, 12, 26)),  # over the EO closure
        ("federal", date(2025, 12, 23), 1, date(2025, 12, 29)),
        ("massachusetts", date(2025, 12, 23), 1, date(2025, 12, 24)),
        ("federal", date(2025, 1, 8), 1, date(2025, 1, 10)),
        ("mit", date(2025, 1, 8), 1, date(2025, 1, 9)),
        ("federal", date(2024, 2, 28), 1, date(2024, 2, 29)),
        ("mit", date(2028, 3, 1), -1, date(2028, 2, 29)),
        ("federal", date(2027, 2, 26), 1, date(2027, 3, 1)),
    ],
)
def test_add_business_days_on_real_dates(
    builtin: dict[str, Calendar], calendar: str, day: date, n: int, expected: date
) -> None:
    assert builtin[calendar].add_business_days(day, n) == expected


def test_a_sunday_deadline_rolls_back_to_friday(builtin: dict[str, Calendar]) -> None:
    # OPT: 2027-01-04 minus 134 calendar days is Sunday 2026-08-23.
    deadline = date(2027, 1, 4) - timedelta(days=134)
    assert builtin["federal"].previous_business_day(deadline) == date(2026, 8, 21)


# -- Thanksgiving ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "year", [1970, 1997, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2100]
)
def test_thanksgiving_and_the_day_after(builtin: dict[str, Calendar], year: int) -> None:
    thanksgiving = _thanksgiving(year)
    wednesday, friday = thanksgiving - timedelta(days=1), thanksgiving + timedelta(days=1)
    monday = thanksgiving + timedelta(days=4)
    for name in NAMES:
        assert "Thanksgiving" in (builtin[name].why_closed(thanksgiving) or ""), name
    assert builtin["federal"].is_business_day(friday)
    assert builtin["massachusetts"].is_business_day(friday)
    # Before MIT's stated policy (2020) the closure is an estimate, and its name says so.
    expected = "Day after Thanksgiving" if year >= 2020 else "Day after Thanksgiving (estimated)"
    assert builtin["mit"].why_closed(friday) == expected
    assert builtin["federal"].add_business_days(wednesday, 1) == friday
    assert builtin["mit"].add_business_days(wednesday, 1) == monday
    assert builtin["mit"].add_business_days(monday, -1) == wednesday
    assert builtin["federal"].business_days_between(wednesday, monday) == 2
    assert builtin["mit"].business_days_between(wednesday, monday) == 1


# -- MIT's winter break ---------------------------------------------------------------------


@pytest.mark.parametrize("year", range(2021, 2029))
def test_mit_winter_break_runs_from_december_24_through_january_1(
    builtin: dict[str, Calendar], year: int
) -> None:
    mit = builtin["mit"]
    first, last = date(year, 12, 24), date(year + 1, 1, 1)
    for offset in range(9):
        day = first + timedelta(days=offset)
        assert not mit.is_business_day(day), day
        assert "winter break" in (mit.why_closed(day) or ""), day
    assert mit.is_business_day(mit.previous_business_day(first - timedelta(days=1)))
    assert mit.next_business_day(first) == builtin["federal"].next_business_day(
        last + timedelta(days=1)
    )


def test_first_business_day_after_the_2026_break(builtin: dict[str, Calendar]) -> None:
    mit = builtin["mit"]
    assert mit.next_business_day(date(2026, 12, 24)) == date(2027, 1, 4)
    assert mit.previous_business_day(date(2027, 1, 1)) == date(2026, 12, 23)
    assert mit.business_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 0


def test_a_longer_break_closes_the_extra_days() -> None:
    mit = calendars.mit(winter_breaks={2026: ("2026-12-21", "2027-01-01")})
    assert [mit.why_closed(date(2026, 12, day)) for day in (21, 22, 23)] == ["winter break"] * 3
    assert mit.add_business_days(date(2026, 12, 18), 1) == date(2027, 1, 4)


def test_a_shorter_break_leaves_new_years_day_closed() -> None:
    mit = calendars.mit(winter_breaks={2026: (date(2026, 12, 24), date(2026, 12, 31))})
    assert mit.why_closed(date(2027, 1, 1)) == "New Year's Day"
    assert mit.why_closed(date(2026, 12, 31)) == "winter break"


def test_no_break_in_one_year_keeps_the_holidays_and_the_other_years() -> None:
    mit = calendars.mit(winter_breaks={2026: None})
    assert mit.is_business_day(date(2026, 12, 24))
    assert mit.is_business_day(date(2026, 12, 28))
    assert "Christmas Day" in (mit.why_closed(date(2026, 12, 25)) or "")
    assert "New Year's Day" in (mit.why_closed(date(2027, 1, 1)) or "")
    assert mit.why_closed(date(2025, 12, 29)) == "winter break"
    assert mit.why_closed(date(2027, 12, 27)) == "winter break"
    assert mit.add_business_days(date(2027, 1, 4), -10) == date(2026, 12, 17)


def test_a_break_given_as_the_default_is_the_default(builtin: dict[str, Calendar]) -> None:
    same = calendars.mit(winter_breaks={2026: ("2026-12-24", "2027-01-01")})
    assert same == builtin["mit"]
    assert hash(same) == hash(builtin["mit"])


@pytest.mark.parametrize(
    ("winter_breaks", "parameter"),
    [
        pytest.param({1900: None}, "winter_breaks year", id="year-out-of-range"),
        pytest.param({True: None}, "winter_breaks year", id="bool-year"),
        pytest.param({"2026": None}, "winter_breaks year", id="str-year"),
        pytest.param({2026: ("2027-01-01", "2026-12-24")}, "winter_breaks[2026]", id="reversed"),
        pytest.param({2026: ("2026-12-24",)}, "winter_breaks[2026]", id="one-date"),
        pytest.param({2026: 5}, "winter_breaks[2026]", id="int-span"),
        pytest.param({2026: ("2026-12-24", "2027-02-29")}, "winter_breaks[2026]", id="no-such-day"),
        pytest.param(
            {2026: (datetime(2026, 12, 24), date(2027, 1, 1))}, "winter_breaks[2026]", id="datetime"
        ),
        pytest.param([(2026, None)], "winter_breaks", id="list"),
        pytest.param([], "winter_breaks", id="empty-list"),
    ],
)
def test_mit_rejects_malformed_winter_breaks(winter_breaks: object, parameter: str) -> None:
    with pytest.raises(MicropathError) as error:
        calendars.mit(winter_breaks=winter_breaks)  # type: ignore[arg-type]
    _assert_parameter_error(error, parameter)


# -- the covered range ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "last_business_day"),
    [
        ("federal", date(2100, 12, 30)),
        ("massachusetts", date(2100, 12, 30)),
        ("mit", date(2100, 12, 23)),  # the 2100 winter break runs to the end of the range
    ],
)
def test_the_ends_of_the_covered_range_are_known_holidays(
    builtin: dict[str, Calendar], name: str, last_business_day: date
) -> None:
    calendar = builtin[name]
    assert calendar.covers == (date(1970, 1, 1), date(2100, 12, 31))
    assert calendar.weekmask == "1111100"
    assert "New Year's Day" in (calendar.why_closed(date(1970, 1, 1)) or "")
    # 2101-01-01 is a Saturday, observed on Friday 2100-12-31.
    assert "New Year's Day" in (calendar.why_closed(date(2100, 12, 31)) or "")
    assert calendar.next_business_day(date(1970, 1, 1)) == date(1970, 1, 2)
    assert calendar.previous_business_day(date(2100, 12, 31)) == last_business_day
    assert calendar.business_days_between(date(1970, 1, 1), date(2100, 12, 31)) > 0


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("day", [date(1969, 12, 31), date(2101, 1, 1)])
def test_days_outside_the_covered_range_are_out_of_range(
    builtin: dict[str, Calendar], name: str, day: date
) -> None:
    calendar = builtin[name]
    inside = date(2026, 1, 5)
    calls = [
        ("day", lambda: calendar.is_business_day(day)),
        ("day", lambda: calendar.why_closed(day.isoformat())),
        ("day", lambda: calendar.add_business_days(day, 0)),
        ("day", lambda: calendar.next_business_day(day)),
        ("day", lambda: calendar.previous_business_day(day)),
        ("start", lambda: calendar.business_days_between(day, inside)),
        ("end", lambda: calendar.business_days_between(inside, day)),
        ("first", lambda: calendar.closed_days(day, inside)),
        ("last", lambda: calendar.closed_days(inside, day)),
    ]
    for parameter, call in calls:
        with pytest.raises(OutOfRangeError) as error:
            call()
        _assert_parameter_error(error, parameter)
        assert error.value.got == day  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("day", "n"),
    [
        (date(2100, 12, 30), 1),  # 2100-12-31 is closed; the next business day is in 2101
        (date(2100, 12, 1), 30),
        (date(1970, 1, 2), -1),  # 1970-01-01 is closed
        (date(1970, 2, 2), -40),
    ],
)
def test_arithmetic_crossing_the_end_of_the_range_is_out_of_range(
    builtin: dict[str, Calendar], name: str, day: date, n: int
) -> None:
    with pytest.raises(OutOfRangeError) as error:
        builtin[name].add_business_days(day, n)
    _assert_parameter_error(error, "n")


def test_next_business_day_past_the_covered_range_is_out_of_range(
    builtin: dict[str, Calendar],
) -> None:
    with pytest.raises(OutOfRangeError) as error:
        builtin["federal"].next_business_day(date(2100, 12, 31))
    _assert_parameter_error(error, "day")


# -- lookup by name -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("federal", "federal"),
        ("USCIS", "federal"),
        (" Massachusetts ", "massachusetts"),
        ("MIT", "mit"),
    ],
)
def test_by_name(builtin: dict[str, Calendar], name: str, expected: str) -> None:
    assert calendars.by_name(name) == builtin[expected]


def test_by_name_lists_the_valid_names_when_it_does_not_know_one() -> None:
    with pytest.raises(UnknownNameError) as error:
        calendars.by_name("harvard")
    _assert_parameter_error(error, "name")
    assert all(name in str(error.value) for name in calendars.names())


def test_by_name_rejects_a_name_that_is_not_str() -> None:
    with pytest.raises(InvalidTypeError) as error:
        calendars.by_name(None)  # type: ignore[arg-type]
    _assert_parameter_error(error, "name")


# -- snapshot ---------------------------------------------------------------------------------


def _snapshot() -> dict[str, dict[str, str]]:
    data = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert data["years"] == [2021, 2028]
    return data["calendars"]  # type: ignore[no-any-return]


def _closed_in_pinned_years(calendar: Calendar) -> dict[str, str]:
    return {day.isoformat(): name for day, name in calendar.holidays if 2021 <= day.year <= 2028}


@pytest.mark.parametrize("name", NAMES)
def test_closed_days_match_the_snapshot(builtin: dict[str, Calendar], name: str) -> None:
    assert sorted(_closed_in_pinned_years(builtin[name])) == sorted(_snapshot()[name])


@pytest.mark.parametrize("name", NAMES)
def test_closed_day_names_match_the_snapshot(builtin: dict[str, Calendar], name: str) -> None:
    assert _closed_in_pinned_years(builtin[name]) == _snapshot()[name]


def test_snapshot_agrees_with_the_table_of_edge_days() -> None:
    snapshot = _snapshot()
    for day, *states, _ in EDGE_DAYS:
        if 2021 <= day.year <= 2028 and day.weekday() < 5:
            for name, state in zip(NAMES, states, strict=True):
                assert (day.isoformat() in snapshot[name]) == (state == SHUT), (name, day)


# -- law: the built-ins agree with stepping over their own closed days -------------------------


@functools.cache
def _workdays(calendar: Calendar) -> oracles.Workdays:
    assert calendar.covers is not None
    first, last = calendar.covers
    closed = frozenset(day for day, _ in calendar.holidays)
    return oracles.Workdays(frozenset(range(5)), closed, first, last)


@given(builtin_dates(), counts(), builtin_dates(2020, 2030), counts())
def test_builtins_agree_with_stepping(
    builtin: dict[str, Calendar], day: date, n: int, near: date, m: int
) -> None:
    for calendar in builtin.values():
        week = _workdays(calendar)
        for start, count in (
            (day, n),
            (near, m),
            (date(1970, 1, 1) + timedelta(days=abs(n)), n),  # may cross the start of the range
            (date(2100, 12, 31) - timedelta(days=abs(m)), m),  # may cross the end
        ):
            try:
                expected = oracles.add_business_days(week, start, count)
            except oracles.OutOfRange:
                with pytest.raises(OutOfRangeError) as error:
                    calendar.add_business_days(start, count)
                _assert_parameter_error(error, "n")
            else:
                assert calendar.add_business_days(start, count) == expected
        assert calendar.is_business_day(near) == oracles.is_business_day(week, near)
        assert calendar.next_business_day(near) == oracles.next_business_day(week, near)
        assert calendar.previous_business_day(near) == oracles.previous_business_day(week, near)
        end = near + timedelta(days=7 * m)
        assert calendar.business_days_between(near, end) == oracles.business_days_between(
            week, near, end
        )
