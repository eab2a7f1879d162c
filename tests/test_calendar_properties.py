"""Laws of :class:`micropath.Calendar`, checked on random weekmasks and closed days.

Closed days are drawn near the dates under test (``strategies.py``) and every
expected value comes from a reference in ``oracles.py``. The laws:

1. ``add_business_days`` agrees with numpy's ``busday_offset`` (roll
   "backward" for n > 0, "forward" for n <= 0).
2. ``business_days_between(a, b)`` agrees with numpy's ``busday_count`` for
   a <= b.
3. All five queries (``is_business_day``, ``add_business_days``,
   ``business_days_between``, ``next_business_day``,
   ``previous_business_day``) agree with stepping one day at a time; so do
   ``why_closed`` (None exactly on business days) and ``closed_days``.
4. ``add_business_days(d, n)`` is always a business day, strictly after d
   for n > 0, strictly before for n < 0, on or after d for n == 0.
5. ``between`` is antisymmetric (``between(a, b) == -between(b, a)``) and
   additive (``between(a, b) + between(b, c) == between(a, c)``).
6. Add-then-count: ``between(d, add(d, n))`` is n, except for n > 0 from a
   day that is not a business day, where it is n - 1 (the n-th business day
   strictly after d leaves n - 1 business days in [d, result)).
7. Round trip: ``add(add(d, n), -n) == d`` exactly when d is a business day;
   otherwise it lands on ``previous_business_day(d)`` for n > 0 and on
   ``next_business_day(d)`` for n <= 0.
8. Monotonicity: closing more days (more holidays, fewer working weekdays)
   never moves ``add(d, n)`` earlier for n >= 0 nor later for n < 0, and never
   increases ``|between(a, b)|``.
9. Union ``a | b`` is closed exactly when a or b is closed; it is
   commutative, associative and idempotent (as values for unnamed calendars,
   in behaviour always); a closed day's reasons in a union are the reasons
   from each side, each once.
10. Equality and hashing: every spelling of the same weekmask and closed days
    gives equal calendars with equal hashes (a 0/1 weekmask is kept as given,
    day names give the same 0/1 weekmask); closing one more business day gives
    an unequal calendar.
11. ``with_closure(first, last)`` closes exactly the days first..last and
    changes nothing else.
12. Near ``date.min`` and ``date.max``, with counts of any size, and at the
    edge of a calendar's ``covers`` span, arithmetic returns the correct date
    or raises ``micropath.OutOfRangeError`` (a ``ValueError``), never
    ``OverflowError``, ``IndexError`` or ``KeyError``.
13. Half days change no answer: a calendar with half days agrees with
    stepping over its closed days alone, and ``why_half_day`` names exactly
    the half days.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import oracles
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    ArithmeticCase,
    CalendarCase,
    SpanCase,
    arithmetic_cases,
    calendar_cases,
    calendar_spellings,
    counts,
    covered_arithmetic_cases,
    dates,
    dates_near_max,
    dates_near_min,
    holiday_names,
    huge_counts,
    nested_calendar_cases,
    span_cases,
    union_cases,
    weekmask_day_names,
    weekmask_strings,
    working_weekdays,
)

from micropath import Calendar, OutOfRangeError

WINDOW = 45
"""Days either side of an anchor over which day-by-day laws are checked."""


def _window(anchor: date, days: int = WINDOW) -> list[date]:
    lowest = max(date.min, anchor - timedelta(days=days))
    highest = min(date.max, anchor + timedelta(days=days))
    return [lowest + timedelta(days=i) for i in range((highest - lowest).days + 1)]


def _expect(
    reference: Callable[[], object], actual: Callable[[], object], parameter: str | None
) -> None:
    """The reference's answer, or an OutOfRangeError (naming *parameter*, if given)
    where the reference has none."""
    try:
        expected = reference()
    except oracles.OutOfRange:
        with pytest.raises(OutOfRangeError) as info:
            actual()
        assert isinstance(info.value, ValueError)
        if parameter is not None:
            assert info.value.parameter == parameter
    else:
        assert actual() == expected


# -- 1, 2: numpy -------------------------------------------------------------------


@given(arithmetic_cases(ns=counts(2000)))
def test_add_agrees_with_numpy(case: ArithmeticCase) -> None:
    expected = oracles.numpy_add_business_days(case.case.week, case.day, case.n)
    assert case.case.calendar.add_business_days(case.day, case.n) == expected


@given(span_cases(max_days=3000))
def test_between_agrees_with_numpy_when_start_comes_first(case: SpanCase) -> None:
    start, end = sorted((case.start, case.end))
    expected = oracles.numpy_business_days_between(case.case.week, start, end)
    assert case.case.calendar.business_days_between(start, end) == expected


# -- 3: stepping day by day -------------------------------------------------------


@given(arithmetic_cases())
def test_add_agrees_with_stepping(case: ArithmeticCase) -> None:
    expected = oracles.add_business_days(case.case.week, case.day, case.n)
    assert case.case.calendar.add_business_days(case.day, case.n) == expected


@given(span_cases())
def test_between_agrees_with_stepping(case: SpanCase) -> None:
    expected = oracles.business_days_between(case.case.week, case.start, case.end)
    assert case.case.calendar.business_days_between(case.start, case.end) == expected


@given(st.data(), dates())
def test_is_business_day_and_why_closed_agree_with_the_definition(
    data: st.DataObject, anchor: date
) -> None:
    case = data.draw(calendar_cases(anchor, WINDOW))
    for day in _window(anchor):
        expected = oracles.is_business_day(case.week, day)
        assert case.calendar.is_business_day(day) == expected
        assert (case.calendar.why_closed(day) is None) == expected


@given(st.data(), dates())
def test_closed_days_lists_every_closed_day_with_a_reason(
    data: st.DataObject, anchor: date
) -> None:
    case = data.draw(calendar_cases(anchor, WINDOW))
    days = _window(anchor)
    listed = case.calendar.closed_days(days[0], days[-1])
    expected = [day for day in days if not oracles.is_business_day(case.week, day)]
    assert [closed.date for closed in listed] == expected
    assert all(closed.reason == case.calendar.why_closed(closed.date) for closed in listed)


@given(st.data(), dates())
def test_next_and_previous_business_day_agree_with_stepping(data: st.DataObject, day: date) -> None:
    case = data.draw(calendar_cases(day, 3 * WINDOW))
    assert case.calendar.next_business_day(day) == oracles.next_business_day(case.week, day)
    assert case.calendar.previous_business_day(day) == oracles.previous_business_day(case.week, day)


# -- 4: results are business days -------------------------------------------------


@given(arithmetic_cases())
def test_result_is_a_business_day_on_the_right_side(case: ArithmeticCase) -> None:
    calendar, day, n = case.case.calendar, case.day, case.n
    result = calendar.add_business_days(day, n)
    assert oracles.is_business_day(case.case.week, result)
    assert calendar.is_business_day(result)
    if n > 0:
        assert result > day
    elif n < 0:
        assert result < day
    else:
        assert result >= day


# -- 5: antisymmetry and additivity -------------------------------------------------


@given(span_cases())
def test_between_is_antisymmetric(case: SpanCase) -> None:
    calendar = case.case.calendar
    forward = calendar.business_days_between(case.start, case.end)
    assert calendar.business_days_between(case.end, case.start) == -forward
    assert calendar.business_days_between(case.start, case.start) == 0


@given(st.data(), span_cases())
def test_between_is_additive(data: st.DataObject, case: SpanCase) -> None:
    calendar = case.case.calendar
    middle = data.draw(st.dates(min_value=date(1500, 1, 1), max_value=date(2500, 12, 31)))
    assert calendar.business_days_between(case.start, middle) + calendar.business_days_between(
        middle, case.end
    ) == calendar.business_days_between(case.start, case.end)


# -- 6, 7: add-then-count and round trips -------------------------------------------


@given(arithmetic_cases())
def test_add_then_count_gives_back_n(case: ArithmeticCase) -> None:
    calendar, day, n = case.case.calendar, case.day, case.n
    starts_open = oracles.is_business_day(case.case.week, day)
    expected = n - 1 if n > 0 and not starts_open else n
    assert calendar.business_days_between(day, calendar.add_business_days(day, n)) == expected


@given(arithmetic_cases())
def test_round_trip_returns_exactly_the_business_days(case: ArithmeticCase) -> None:
    calendar, day, n = case.case.calendar, case.day, case.n
    back = calendar.add_business_days(calendar.add_business_days(day, n), -n)
    if oracles.is_business_day(case.case.week, day):
        assert back == day
    elif n > 0:  # the n-th business day before add(d, n) is the last one before d
        assert back == oracles.previous_business_day(case.case.week, day)
        assert back != day
    else:  # n <= 0: the first business day after d
        assert back == oracles.next_business_day(case.case.week, day)
        assert back != day


# -- 8: monotonicity ------------------------------------------------------------------


@given(st.data(), dates(), counts())
def test_closing_more_days_never_moves_a_result_toward_the_start(
    data: st.DataObject, day: date, n: int
) -> None:
    fewer, more = data.draw(nested_calendar_cases(day, 7 * (abs(n) + 2)))
    before = fewer.calendar.add_business_days(day, n)
    after = more.calendar.add_business_days(day, n)
    if n >= 0:
        assert after >= before
    else:
        assert after <= before


@given(st.data(), dates(), st.integers(-400, 400))
def test_closing_more_days_never_increases_a_count(
    data: st.DataObject, start: date, days: int
) -> None:
    end = start + timedelta(days=days)
    fewer, more = data.draw(nested_calendar_cases(start, abs(days) + 14))
    before = fewer.calendar.business_days_between(start, end)
    after = more.calendar.business_days_between(start, end)
    assert abs(after) <= abs(before)
    assert after * before >= 0  # never changes sign


# -- 9: union -------------------------------------------------------------------------


@given(st.data(), dates())
def test_union_is_closed_exactly_when_either_is(data: st.DataObject, anchor: date) -> None:
    first, second = data.draw(union_cases(anchor))
    union = first.calendar | second.calendar
    for day in _window(anchor):
        expected = oracles.is_business_day(first.week, day) and oracles.is_business_day(
            second.week, day
        )
        assert union.is_business_day(day) == expected


@given(st.data(), dates())
def test_union_is_commutative(data: st.DataObject, anchor: date) -> None:
    first, second = data.draw(union_cases(anchor))
    assert first.calendar | second.calendar == second.calendar | first.calendar
    assert hash(first.calendar | second.calendar) == hash(second.calendar | first.calendar)


@given(st.data(), dates())
def test_union_is_associative(data: st.DataObject, anchor: date) -> None:
    first, second, third = data.draw(union_cases(anchor, size=3))
    left = (first.calendar | second.calendar) | third.calendar
    right = first.calendar | (second.calendar | third.calendar)
    assert left == right


@given(st.data(), dates())
def test_union_is_idempotent(data: st.DataObject, anchor: date) -> None:
    (case,) = data.draw(union_cases(anchor, size=1))
    assert case.calendar | case.calendar == case.calendar


def _closed_behaviour(calendar: Calendar, anchor: date) -> list[bool]:
    return [calendar.is_business_day(day) for day in _window(anchor)]


@given(st.data(), dates())
def test_union_of_named_calendars_is_commutative_and_associative_in_behaviour(
    data: st.DataObject, anchor: date
) -> None:
    first, second, third = (
        case.calendar for case in data.draw(union_cases(anchor, size=3, named=True))
    )
    assert _closed_behaviour(first | second, anchor) == _closed_behaviour(second | first, anchor)
    assert _closed_behaviour((first | second) | third, anchor) == _closed_behaviour(
        first | (second | third), anchor
    )
    assert _closed_behaviour(first | first, anchor) == _closed_behaviour(first, anchor)


@given(st.data(), dates())
def test_union_gives_each_reason_once(data: st.DataObject, anchor: date) -> None:
    # A short reach makes the three calendars close many of the same days.
    cases = data.draw(union_cases(anchor, reach=10, size=3, named=True))
    first, second, third = (case.calendar for case in cases)
    names = [dict(calendar.holidays) for calendar in (first, second, third)]
    days = set().union(*names)
    for union in ((first | second) | third, first | (second | third), third | (first | second)):
        merged = dict(union.holidays)
        assert set(merged) == days
        for day in days:
            expected = {name[day] for name in names if day in name}
            assert sorted(merged[day].split(" / ")) == sorted(expected), (day, merged[day])


@given(st.data(), dates())
def test_named_calendar_union_with_itself_is_itself(data: st.DataObject, anchor: date) -> None:
    (case,) = data.draw(union_cases(anchor, size=1, named=True))
    assert case.calendar | case.calendar == case.calendar


# -- 10: equality and hashing -----------------------------------------------------------


@given(st.data(), dates(), working_weekdays())
def test_every_spelling_gives_an_equal_calendar(
    data: st.DataObject, anchor: date, weekdays: frozenset[int]
) -> None:
    first = data.draw(calendar_cases(anchor, WINDOW, weekdays))
    again = data.draw(calendar_spellings(weekdays, first.week.closed))
    assert again == first.calendar
    assert hash(again) == hash(first.calendar)
    assert len({again, first.calendar}) == 1
    assert again.weekmask == first.week.weekmask


@given(weekmask_strings())
def test_a_weekmask_string_is_kept_as_given(weekmask: str) -> None:
    assert Calendar(weekmask=weekmask).weekmask == weekmask


@given(st.data(), working_weekdays())
def test_day_names_spell_the_same_weekmask(data: st.DataObject, weekdays: frozenset[int]) -> None:
    names = data.draw(weekmask_day_names(weekdays))
    assert Calendar(weekmask=names).weekmask == oracles.Workdays(weekdays, frozenset()).weekmask


@given(st.data(), dates())
def test_closing_a_business_day_gives_an_unequal_calendar(
    data: st.DataObject, anchor: date
) -> None:
    case = data.draw(calendar_cases(anchor, WINDOW))
    day = oracles.next_business_day(case.week, anchor)
    closed = data.draw(calendar_spellings(case.week.weekdays, case.week.closed | {day}))
    assert closed != case.calendar
    assert closed.is_business_day(day) != case.calendar.is_business_day(day)


# -- 11: with_closure ------------------------------------------------------------------


@given(st.data(), dates(), st.integers(-30, 30), st.integers(0, 20), holiday_names())
def test_with_closure_closes_exactly_the_range(
    data: st.DataObject, anchor: date, offset: int, length: int, name: str
) -> None:
    case = data.draw(calendar_cases(anchor, WINDOW))
    first = anchor + timedelta(days=offset)
    last = first + timedelta(days=length)
    closed = case.calendar.with_closure(first, last, name=name)
    for day in _window(anchor):
        inside = first <= day <= last
        assert closed.is_business_day(day) == (
            not inside and oracles.is_business_day(case.week, day)
        )
        if inside:
            assert name in (closed.why_closed(day) or "")
        else:
            assert closed.why_closed(day) == case.calendar.why_closed(day)


# -- 12: the ends of the range ------------------------------------------------------------


@given(arithmetic_cases(days=dates_near_min()) | arithmetic_cases(days=dates_near_max()))
def test_add_near_the_ends_of_the_date_range(case: ArithmeticCase) -> None:
    calendar, week, day, n = case.case.calendar, case.case.week, case.day, case.n
    _expect(
        lambda: oracles.add_business_days(week, day, n),
        lambda: calendar.add_business_days(day, n),
        "n",
    )


@given(
    arithmetic_cases(days=dates_near_min(), ns=counts(3_700_000))
    | arithmetic_cases(days=dates_near_max(), ns=counts(3_700_000))
    | arithmetic_cases(ns=counts(3_700_000))
)
def test_add_of_large_counts_agrees_with_numpy_or_is_out_of_range(case: ArithmeticCase) -> None:
    calendar, week, day, n = case.case.calendar, case.case.week, case.day, case.n
    _expect(
        lambda: oracles.numpy_add_business_days(week, day, n),
        lambda: calendar.add_business_days(day, n),
        "n",
    )


@given(st.one_of(dates(), dates_near_min(), dates_near_max()), huge_counts(), working_weekdays())
def test_counts_beyond_the_date_range_raise_out_of_range(
    day: date, n: int, weekdays: frozenset[int]
) -> None:
    week = oracles.Workdays(weekdays, frozenset())
    calendar = Calendar(weekmask=week.weekmask)
    if abs(n) > date.max.toordinal():  # more business days than there are days
        with pytest.raises(OutOfRangeError) as info:
            calendar.add_business_days(day, n)
        assert isinstance(info.value, ValueError)
        assert info.value.parameter == "n"
    else:
        _expect(
            lambda: oracles.numpy_add_business_days(week, day, n),
            lambda: calendar.add_business_days(day, n),
            "n",
        )


@given(st.data(), dates_near_min() | dates_near_max())
def test_next_and_previous_near_the_ends_of_the_date_range(data: st.DataObject, day: date) -> None:
    weekdays = data.draw(working_weekdays())
    case: CalendarCase = data.draw(calendar_cases(day, 21, weekdays))
    # Which parameter the error should name is test_calendar_examples' concern.
    _expect(
        lambda: oracles.next_business_day(case.week, day),
        lambda: case.calendar.next_business_day(day),
        None,
    )
    _expect(
        lambda: oracles.previous_business_day(case.week, day),
        lambda: case.calendar.previous_business_day(day),
        None,
    )


@given(span_cases(days=dates_near_min()) | span_cases(days=dates_near_max()))
def test_between_near_the_ends_of_the_date_range(case: SpanCase) -> None:
    expected = oracles.business_days_between(case.case.week, case.start, case.end)
    assert case.case.calendar.business_days_between(case.start, case.end) == expected


@given(covered_arithmetic_cases())
def test_arithmetic_at_the_edge_of_covers(case: ArithmeticCase) -> None:
    calendar, week, day, n = case.case.calendar, case.case.week, case.day, case.n
    _expect(
        lambda: oracles.add_business_days(week, day, n),
        lambda: calendar.add_business_days(day, n),
        "n",
    )
    outside = week.last + timedelta(days=1 + abs(n))
    with pytest.raises(OutOfRangeError) as info:
        calendar.is_business_day(outside)
    assert info.value.parameter == "day"
    with pytest.raises(OutOfRangeError) as info:
        calendar.business_days_between(week.first - timedelta(days=1), day)
    assert info.value.parameter == "start"


# -- 13: half days ---------------------------------------------------------------------------


@given(arithmetic_cases(), st.data())
def test_half_days_change_no_answer(case: ArithmeticCase, data: st.DataObject) -> None:
    calendar, week, day, n = case.case.calendar, case.case.week, case.day, case.n
    window = _window(day, 20)
    half = data.draw(st.sets(st.sampled_from(window), max_size=6))
    with_half = Calendar(
        calendar.holidays, weekmask=calendar.weekmask, half_days=dict.fromkeys(half, "half day")
    )
    _expect(
        lambda: oracles.add_business_days(week, day, n),
        lambda: with_half.add_business_days(day, n),
        "n",
    )
    for each in window:
        assert with_half.is_business_day(each) == oracles.is_business_day(week, each)
        assert (with_half.why_closed(each) is None) == oracles.is_business_day(week, each)
        assert with_half.why_half_day(each) == ("half day" if each in half else None)
