"""Tables of real edge cases for :class:`micropath.Calendar` built by hand, and its bad input.

The calendars here are built from explicit closed days, so these tests do not
depend on the ``holidays`` package (``test_builtin_calendars.py`` does).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from strategies import invalid_weekmasks

from micropath import (
    Calendar,
    ClosedDay,
    InvalidTypeError,
    InvalidValueError,
    MicropathError,
    OutOfRangeError,
)

THANKSGIVING_2026 = Calendar({"2026-11-26": "Thanksgiving Day"})
WINTER_BREAK_2026 = Calendar(
    {"2026-12-25": "Christmas Day", "2027-01-01": "New Year's Day"}
).with_closure("2026-12-24", "2027-01-01", name="winter break")


EITHER = (TypeError, ValueError)


def _builtin(error_type: type[MicropathError]) -> type[Exception] | tuple[type[Exception], ...]:
    """The builtin exception an error type promises to be."""
    if issubclass(error_type, InvalidTypeError):
        return TypeError
    if issubclass(error_type, InvalidValueError):
        return ValueError
    return EITHER


def _assert_parameter_error(
    error: pytest.ExceptionInfo[MicropathError],
    parameter: str,
    builtin: type[Exception] | tuple[type[Exception], ...],
) -> None:
    """The error is a MicropathError and *builtin*, and names *parameter* in its message."""
    assert isinstance(error.value, MicropathError)
    assert isinstance(error.value, builtin)
    assert error.value.parameter == parameter  # type: ignore[attr-defined]
    assert str(error.value).startswith(parameter)


# -- leap days and month ends ------------------------------------------------------

LEAP_DAY_MOVES = [
    # day, n, Monday-Friday answer
    (date(2024, 2, 28), 1, date(2024, 2, 29)),  # Wed -> leap day Thu
    (date(2024, 2, 28), 2, date(2024, 3, 1)),
    (date(2024, 2, 29), -1, date(2024, 2, 28)),
    (date(2024, 3, 1), -1, date(2024, 2, 29)),
    (date(2024, 2, 29), 0, date(2024, 2, 29)),
    (date(2028, 2, 28), 1, date(2028, 2, 29)),  # Mon -> leap day Tue
    (date(2028, 2, 29), 1, date(2028, 3, 1)),
    (date(2028, 3, 1), -1, date(2028, 2, 29)),
    (date(2028, 3, 1), -2, date(2028, 2, 28)),
    (date(2027, 2, 26), 1, date(2027, 3, 1)),  # non-leap: Fri Feb 26 -> Mon Mar 1
    (date(2027, 3, 1), -1, date(2027, 2, 26)),
    (date(2027, 2, 28), 0, date(2027, 3, 1)),  # Sunday rolls to Monday
    (date(2026, 2, 27), 1, date(2026, 3, 2)),
    (date(2025, 2, 28), 1, date(2025, 3, 3)),
    (date(2025, 3, 3), -1, date(2025, 2, 28)),
    (date(2100, 2, 26), 1, date(2100, 3, 1)),  # 2100 is not a leap year
    (date(2000, 2, 28), 1, date(2000, 2, 29)),  # 2000 is
]


@pytest.mark.parametrize(("day", "n", "expected"), LEAP_DAY_MOVES)
def test_add_business_days_across_the_end_of_february(day: date, n: int, expected: date) -> None:
    assert Calendar().add_business_days(day, n) == expected
    assert Calendar().add_business_days(day.isoformat(), n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 2, 28), date(2024, 3, 1), 2),  # Wed, Thu 29
        (date(2028, 2, 28), date(2028, 3, 1), 2),  # Mon, Tue 29
        (date(2027, 2, 28), date(2027, 3, 1), 0),  # a Sunday only
        (date(2027, 2, 26), date(2027, 3, 2), 2),  # Fri, Mon
        (date(2024, 2, 1), date(2024, 3, 1), 21),  # leap February: 21 weekdays
        (date(2027, 2, 1), date(2027, 3, 1), 20),  # common February: 20 weekdays
    ],
)
def test_business_days_between_across_february(start: date, end: date, expected: int) -> None:
    assert Calendar().business_days_between(start, end) == expected
    assert Calendar().business_days_between(end, start) == -expected


@pytest.mark.parametrize("day", [date(2024, 2, 29), date(2028, 2, 29), date(2000, 2, 29)])
def test_leap_days_are_ordinary_business_days(day: date) -> None:
    assert Calendar().is_business_day(day.isoformat())
    assert Calendar().why_closed(day) is None


# -- holidays and closures ------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "day", "n", "expected"),
    [
        (THANKSGIVING_2026, date(2026, 11, 25), 1, date(2026, 11, 27)),
        (THANKSGIVING_2026, date(2026, 11, 27), -1, date(2026, 11, 25)),
        (THANKSGIVING_2026, date(2026, 11, 26), 0, date(2026, 11, 27)),
        (THANKSGIVING_2026, date(2026, 11, 26), 1, date(2026, 11, 27)),
        (THANKSGIVING_2026, date(2026, 11, 26), -1, date(2026, 11, 25)),
        (WINTER_BREAK_2026, date(2026, 12, 23), 1, date(2027, 1, 4)),
        (WINTER_BREAK_2026, date(2027, 1, 4), -1, date(2026, 12, 23)),
        (WINTER_BREAK_2026, date(2026, 12, 24), 0, date(2027, 1, 4)),
        (WINTER_BREAK_2026, date(2027, 1, 4), -10, date(2026, 12, 10)),
    ],
)
def test_add_business_days_skips_closed_days(
    calendar: Calendar, day: date, n: int, expected: date
) -> None:
    assert calendar.add_business_days(day, n) == expected


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        (THANKSGIVING_2026, date(2026, 11, 26), "Thanksgiving Day"),
        (THANKSGIVING_2026, date(2026, 11, 28), "weekend (Saturday)"),
        (THANKSGIVING_2026, date(2026, 11, 29), "weekend (Sunday)"),
        (THANKSGIVING_2026, date(2026, 11, 27), None),
        (WINTER_BREAK_2026, date(2026, 12, 24), "winter break"),
        (WINTER_BREAK_2026, date(2026, 12, 26), "winter break"),  # a Saturday in the break
        (WINTER_BREAK_2026, date(2027, 1, 2), "weekend (Saturday)"),
    ],
)
def test_why_closed_names_the_reason(calendar: Calendar, day: date, expected: str | None) -> None:
    assert calendar.why_closed(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 25), {"Christmas Day", "winter break"}),
        (date(2027, 1, 1), {"New Year's Day", "winter break"}),
    ],
)
def test_a_day_closed_for_two_reasons_names_both(day: date, expected: set[str]) -> None:
    reason = WINTER_BREAK_2026.why_closed(day)
    assert reason is not None
    assert set(reason.split(" / ")) == expected


def test_closed_days_lists_the_winter_break_with_reasons() -> None:
    listed = WINTER_BREAK_2026.closed_days("2026-12-23", "2027-01-04")
    assert [closed.date for closed in listed] == [date(2026, 12, 24 + i) for i in range(8)] + [
        date(2027, 1, 1),
        date(2027, 1, 2),
        date(2027, 1, 3),
    ]
    assert listed[0] == ClosedDay(date(2026, 12, 24), "winter break")
    assert listed[-1] == ClosedDay(date(2027, 1, 3), "weekend (Sunday)")


def test_business_days_between_counts_half_open_spans() -> None:
    assert THANKSGIVING_2026.business_days_between("2026-11-23", "2026-11-30") == 4
    assert THANKSGIVING_2026.business_days_between("2026-11-23", "2026-11-27") == 3
    assert WINTER_BREAK_2026.business_days_between("2026-12-10", "2027-01-04") == 10


@pytest.mark.parametrize(
    ("weekmask", "day", "n", "expected"),
    [
        ("Sun Mon Tue Wed Thu", date(2026, 5, 1), 1, date(2026, 5, 3)),  # Fri -> Sun
        ("0111110", date(2026, 5, 4), 0, date(2026, 5, 5)),  # Mon closed -> Tue
        ("Saturday", date(2026, 5, 4), -1, date(2026, 5, 2)),
        ([1, 0, 1, 0, 1, 0, 0], date(2026, 5, 4), 2, date(2026, 5, 8)),
    ],
)
def test_other_weekmasks(weekmask: object, day: date, n: int, expected: date) -> None:
    assert Calendar(weekmask=weekmask).add_business_days(day, n) == expected  # type: ignore[arg-type]


# -- calendars as values ------------------------------------------------------------------


def test_union_joins_closed_days_and_working_weekdays() -> None:
    union = THANKSGIVING_2026 | Calendar(
        {"2026-11-27": "Day after Thanksgiving"}, weekmask="1111110"
    )
    assert union.weekmask == "1111100"
    assert union.add_business_days("2026-11-25", 1) == date(2026, 11, 30)


def test_union_needs_a_shared_working_weekday() -> None:
    with pytest.raises(InvalidValueError) as error:
        Calendar(weekmask="1111100") | Calendar(weekmask="0000011")
    _assert_parameter_error(error, "other", ValueError)


def test_union_needs_overlapping_covers() -> None:
    early = Calendar(covers=(date(2020, 1, 1), date(2020, 12, 31)))
    late = Calendar(covers=(date(2021, 1, 1), date(2021, 12, 31)))
    with pytest.raises(InvalidValueError) as error:
        early | late
    _assert_parameter_error(error, "other", ValueError)


def test_union_of_overlapping_covers_covers_their_intersection() -> None:
    first = Calendar(covers=("2020-01-01", "2021-06-30"))
    second = Calendar(covers=("2021-01-01", "2022-12-31"))
    assert (first | second).covers == (date(2021, 1, 1), date(2021, 6, 30))


def test_union_with_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Calendar() | {date(2026, 11, 26)}  # type: ignore[operator]


def test_calendars_are_immutable() -> None:
    calendar = Calendar()
    with pytest.raises(AttributeError):
        calendar.weekmask = "1111111"  # type: ignore[misc]


def test_union_with_itself_keeps_the_name() -> None:
    federal = Calendar({"2026-11-26": "Thanksgiving Day"}, name="federal")
    assert (federal | federal).name == "federal"


def test_union_lists_a_reason_once() -> None:
    day = date(2026, 12, 25)
    christmas = Calendar({day: "Christmas Day"})
    winter_break = Calendar({day: "winter break"})
    union = christmas | (winter_break | christmas)
    reason = union.why_closed(day)
    assert reason is not None
    assert sorted(reason.split(" / ")) == ["Christmas Day", "winter break"]


# -- out of range ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "day"),
    [
        ("next_business_day", date.max),  # a Friday, closed here
        ("previous_business_day", date.min),  # a Monday, closed here
    ],
)
def test_next_and_previous_past_the_end_name_the_day(method: str, day: date) -> None:
    calendar = Calendar({date.min: "closed", date.max: "closed"}, weekmask="1000100")
    with pytest.raises(OutOfRangeError) as error:
        getattr(calendar, method)(day)
    _assert_parameter_error(error, "day", ValueError)
    side = "after" if method == "next_business_day" else "before"
    assert f"a date with a business day on or {side} it within" in str(error.value)


@pytest.mark.parametrize(
    ("day", "n"),
    [(date.max, 1), (date.min, -1), (date(9999, 12, 24), 6), (date(1, 1, 8), -6)],
)
def test_add_past_the_end_of_the_date_range_is_out_of_range(day: date, n: int) -> None:
    with pytest.raises(OutOfRangeError) as error:
        Calendar().add_business_days(day, n)
    _assert_parameter_error(error, "n", ValueError)


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(9999, 12, 24), 5, date.max),
        (date(1, 1, 8), -5, date.min),
        (date.min, 0, date.min),
        (date.max, 0, date.max),
    ],
)
def test_add_up_to_the_end_of_the_date_range(day: date, n: int, expected: date) -> None:
    assert Calendar().add_business_days(day, n) == expected


def test_covers_rejects_days_outside_with_the_parameter_name() -> None:
    calendar = Calendar(covers=("2026-01-01", "2026-12-31"))
    calls = [
        ("day", lambda: calendar.is_business_day("2025-12-31")),
        ("day", lambda: calendar.why_closed("2027-01-01")),
        ("day", lambda: calendar.add_business_days("2027-01-01", -1)),
        ("start", lambda: calendar.business_days_between("2025-12-31", "2026-06-01")),
        ("end", lambda: calendar.business_days_between("2026-06-01", "2027-01-01")),
        ("first", lambda: calendar.closed_days("2025-12-31", "2026-01-05")),
        ("last", lambda: calendar.closed_days("2026-12-25", "2027-01-01")),
        ("n", lambda: calendar.add_business_days("2026-12-31", 1)),
    ]
    for parameter, call in calls:
        with pytest.raises(OutOfRangeError) as error:
            call()
        _assert_parameter_error(error, parameter, ValueError)


@pytest.mark.parametrize(
    "holidays",
    [
        pytest.param({}, id="no-closed-days"),
        pytest.param(
            {"1800-01-01": "A", "2026-07-03": "B", "2300-01-01": "C"}, id="over-200-years"
        ),
        pytest.param({"2026-07-03": "B", "2026-11-26": "C"}, id="inside-covers"),
        pytest.param(
            {"2020-07-03": "A", "2026-07-03": "B", "2031-01-01": "C"}, id="wider-than-covers"
        ),
    ],
)
def test_covers_bound_the_arithmetic_wherever_the_closed_days_lie(holidays: dict[str, str]) -> None:
    calendar = Calendar(holidays, covers=("2026-01-01", "2026-12-31"))
    for day in (date(2025, 12, 31), date(2027, 1, 1)):
        with pytest.raises(OutOfRangeError) as error:
            calendar.add_business_days(day, 1)
        _assert_parameter_error(error, "day", ValueError)
    inside = [
        (date(2026, 7, 2), 1, date(2026, 7, 6) if "2026-07-03" in holidays else date(2026, 7, 3)),
        (date(2026, 12, 30), 1, date(2026, 12, 31)),
        (date(2026, 1, 2), -1, date(2026, 1, 1)),
        (date(2026, 1, 1), 0, date(2026, 1, 1)),
    ]
    for day, n, expected in inside:
        assert calendar.add_business_days(day, n) == expected
    for day, n in ((date(2026, 12, 31), 1), (date(2026, 1, 1), -1)):
        with pytest.raises(OutOfRangeError) as error:
            calendar.add_business_days(day, n)
        _assert_parameter_error(error, "n", ValueError)


# -- bad input ----------------------------------------------------------------------------------

NOT_DATES = [
    pytest.param(datetime(2027, 1, 4, 9, 30), InvalidTypeError, id="datetime"),
    pytest.param(pd.Timestamp("2027-01-04"), InvalidTypeError, id="pandas.Timestamp"),
    pytest.param(np.datetime64("2027-01-04"), InvalidTypeError, id="numpy.datetime64"),
    pytest.param(20270104.0, InvalidTypeError, id="float"),
    pytest.param(None, InvalidTypeError, id="None"),
    pytest.param("2027-02-29", InvalidValueError, id="no-such-day"),
    pytest.param("2027-1-4", InvalidValueError, id="unpadded"),
    pytest.param("20270104", InvalidValueError, id="basic-format"),
]


@pytest.mark.parametrize(("value", "error_type"), NOT_DATES)
@pytest.mark.parametrize(
    ("method", "parameter"),
    [
        ("is_business_day", "day"),
        ("why_closed", "day"),
        ("next_business_day", "day"),
        ("previous_business_day", "day"),
        ("add_business_days", "day"),
        ("business_days_between start", "start"),
        ("business_days_between end", "end"),
        ("closed_days first", "first"),
        ("closed_days last", "last"),
        ("with_closure first", "first"),
        ("with_closure last", "last"),
    ],
)
def test_every_date_parameter_rejects_what_is_not_a_date(
    method: str, parameter: str, value: object, error_type: type[MicropathError]
) -> None:
    calendar, ok = Calendar(), date(2027, 1, 4)
    calls = {
        "is_business_day": lambda: calendar.is_business_day(value),  # type: ignore[arg-type]
        "why_closed": lambda: calendar.why_closed(value),  # type: ignore[arg-type]
        "next_business_day": lambda: calendar.next_business_day(value),  # type: ignore[arg-type]
        "previous_business_day": lambda: calendar.previous_business_day(value),  # type: ignore[arg-type]
        "add_business_days": lambda: calendar.add_business_days(value, 1),  # type: ignore[arg-type]
        "business_days_between start": lambda: calendar.business_days_between(value, ok),  # type: ignore[arg-type]
        "business_days_between end": lambda: calendar.business_days_between(ok, value),  # type: ignore[arg-type]
        "closed_days first": lambda: calendar.closed_days(value, ok),  # type: ignore[arg-type]
        "closed_days last": lambda: calendar.closed_days(ok, value),  # type: ignore[arg-type]
        "with_closure first": lambda: calendar.with_closure(value, ok, name="x"),  # type: ignore[arg-type]
        "with_closure last": lambda: calendar.with_closure(ok, value, name="x"),  # type: ignore[arg-type]
    }
    with pytest.raises(error_type) as error:
        calls[method]()
    _assert_parameter_error(error, parameter, _builtin(error_type))


@pytest.mark.parametrize(
    "n",
    [
        pytest.param(True, id="bool"),
        pytest.param(1.0, id="float"),
        pytest.param(None, id="None"),
        pytest.param("1", id="str"),
        pytest.param(np.float64(2.0), id="numpy.float64"),
    ],
)
def test_add_business_days_rejects_counts_that_are_not_integers(n: object) -> None:
    with pytest.raises(InvalidTypeError) as error:
        Calendar().add_business_days(date(2027, 1, 4), n)  # type: ignore[arg-type]
    _assert_parameter_error(error, "n", TypeError)


def test_add_business_days_accepts_numpy_integers() -> None:
    assert Calendar().add_business_days(date(2027, 1, 4), np.int64(5)) == date(2027, 1, 11)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("weekmask", "error_type"),
    [
        pytest.param("1111", InvalidValueError, id="too-short"),
        pytest.param("abc", InvalidValueError, id="not-a-mask"),
        pytest.param("0000000", InvalidValueError, id="no-working-day"),
        pytest.param("1111102", InvalidValueError, id="digit-2"),
        pytest.param([1, 1, 1, 1, 1, 0, 2], InvalidValueError, id="flags-with-a-2"),
        pytest.param([1, 1, 1, 1, 1, 0], InvalidValueError, id="six-flags"),
        pytest.param([1.0] * 7, MicropathError, id="float-flags"),
        pytest.param("Mon Tue Funday", InvalidValueError, id="unknown-day"),
        pytest.param("", InvalidValueError, id="empty"),
        pytest.param(1111100, InvalidTypeError, id="int"),
        pytest.param(None, InvalidTypeError, id="None"),
    ],
)
def test_calendar_rejects_malformed_weekmasks(
    weekmask: object, error_type: type[MicropathError]
) -> None:
    with pytest.raises(error_type) as error:
        Calendar(weekmask=weekmask)  # type: ignore[arg-type]
    _assert_parameter_error(error, "weekmask", _builtin(error_type))


@given(invalid_weekmasks())
def test_calendar_rejects_every_invalid_weekmask(weekmask: object) -> None:
    with pytest.raises(MicropathError) as error:
        Calendar(weekmask=weekmask)  # type: ignore[arg-type]
    _assert_parameter_error(error, "weekmask", EITHER)


@pytest.mark.parametrize(
    "holidays",
    [
        pytest.param("2026-11-26", id="one-iso-string"),
        pytest.param(b"2026-11-26", id="bytes"),
        pytest.param(date(2026, 11, 26), id="one-date"),
        pytest.param(None, id="None"),
        pytest.param(20261126, id="int"),
    ],
)
def test_calendar_rejects_holidays_that_are_not_a_collection(holidays: object) -> None:
    with pytest.raises(InvalidTypeError) as error:
        Calendar(holidays)  # type: ignore[arg-type]
    _assert_parameter_error(error, "holidays", TypeError)


@pytest.mark.parametrize(
    ("holidays", "error_type"),
    [
        pytest.param(["2026-11-26", "2027-02-29"], InvalidValueError, id="no-such-day"),
        pytest.param(["2026-11-26", "2026-11-27T00:00"], InvalidValueError, id="iso-datetime"),
        pytest.param([datetime(2026, 11, 26)], InvalidTypeError, id="datetime"),
        pytest.param([pd.Timestamp("2026-11-26")], InvalidTypeError, id="pandas.Timestamp"),
        pytest.param([np.datetime64("2026-11-26")], InvalidTypeError, id="numpy.datetime64"),
        pytest.param({20261126: "Thanksgiving Day"}, InvalidTypeError, id="int-key"),
    ],
)
def test_calendar_rejects_holidays_that_are_not_dates(
    holidays: object, error_type: type[MicropathError]
) -> None:
    with pytest.raises(error_type) as error:
        Calendar(holidays)  # type: ignore[arg-type]
    _assert_parameter_error(error, "holidays", _builtin(error_type))


@pytest.mark.parametrize(
    "holidays",
    [
        pytest.param({date(2026, 11, 26): 1}, id="mapping-int-name"),
        pytest.param({"2026-11-26": None}, id="mapping-None-name"),
        pytest.param([(date(2026, 11, 26), b"Thanksgiving")], id="pair-bytes-name"),
        pytest.param([("2026-11-26", date(2026, 11, 27))], id="pair-of-dates"),
    ],
)
def test_calendar_rejects_holiday_names_that_are_not_str(holidays: object) -> None:
    with pytest.raises(InvalidTypeError) as error:
        Calendar(holidays)  # type: ignore[arg-type]
    assert isinstance(error.value, MicropathError)
    assert isinstance(error.value, TypeError)
    assert error.value.parameter.startswith("holidays")
    assert str(error.value).startswith("holidays")


@pytest.mark.parametrize(
    "covers",
    [
        pytest.param(("2026-12-31", "2026-01-01"), id="reversed"),
        pytest.param(("2026-01-01", "2026-13-01"), id="no-such-month"),
        pytest.param((datetime(2026, 1, 1), date(2026, 12, 31)), id="datetime"),
        pytest.param((date(2026, 1, 1),), id="one-date"),
        pytest.param((date(2026, 1, 1), date(2026, 6, 1), date(2026, 12, 31)), id="three-dates"),
        pytest.param(2026, id="int"),
    ],
)
def test_calendar_rejects_malformed_covers(covers: object) -> None:
    with pytest.raises(MicropathError) as error:
        Calendar(covers=covers)  # type: ignore[arg-type]
    _assert_parameter_error(error, "covers", EITHER)


@pytest.mark.parametrize("name", [3, None, b"federal"])
def test_calendar_rejects_a_name_that_is_not_str(name: object) -> None:
    with pytest.raises(InvalidTypeError) as error:
        Calendar(name=name)  # type: ignore[arg-type]
    _assert_parameter_error(error, "name", TypeError)


def test_with_closure_rejects_a_reversed_range() -> None:
    with pytest.raises(InvalidValueError) as error:
        Calendar().with_closure("2027-01-01", "2026-12-24", name="winter break")
    _assert_parameter_error(error, "last", ValueError)


def test_with_closure_rejects_a_name_that_is_not_str() -> None:
    with pytest.raises(InvalidTypeError) as error:
        Calendar().with_closure("2026-12-24", "2027-01-01", name=None)  # type: ignore[arg-type]
    _assert_parameter_error(error, "name", TypeError)


# -- half days --------------------------------------------------------------------------------

CHRISTMAS_2015 = Calendar(
    {"2015-12-25": "Christmas Day"}, half_days={"2015-12-24": "Christmas Eve (half-day closing)"}
)


def test_a_half_day_is_a_business_day_that_is_still_named() -> None:
    assert CHRISTMAS_2015.is_business_day("2015-12-24")
    assert CHRISTMAS_2015.why_closed("2015-12-24") is None
    assert CHRISTMAS_2015.why_half_day("2015-12-24") == "Christmas Eve (half-day closing)"
    assert CHRISTMAS_2015.why_half_day(date(2015, 12, 23)) is None
    assert CHRISTMAS_2015.why_half_day("2015-12-25") is None  # closed all day
    assert CHRISTMAS_2015.add_business_days("2015-12-23", 1) == date(2015, 12, 24)
    assert CHRISTMAS_2015.add_business_days("2015-12-24", 1) == date(2015, 12, 28)
    assert CHRISTMAS_2015.business_days_between("2015-12-21", "2015-12-28") == 4
    assert [c.date for c in CHRISTMAS_2015.closed_days("2015-12-24", "2015-12-25")] == [
        date(2015, 12, 25)
    ]


def test_half_days_change_no_count() -> None:
    plain = Calendar({"2015-12-25": "Christmas Day"})
    for start in (date(2015, 12, 21) + timedelta(days=i) for i in range(10)):
        for n in (-3, -1, 0, 1, 3):
            assert CHRISTMAS_2015.add_business_days(start, n) == plain.add_business_days(start, n)


def test_half_days_travel_through_union_and_closures() -> None:
    union = CHRISTMAS_2015 | Calendar(half_days=[date(2009, 12, 24)])
    assert dict(union.half_days) == {
        date(2009, 12, 24): "half-day closing",
        date(2015, 12, 24): "Christmas Eve (half-day closing)",
    }
    assert (CHRISTMAS_2015 | CHRISTMAS_2015).half_days == CHRISTMAS_2015.half_days
    closed = CHRISTMAS_2015.with_closure("2015-12-28", "2015-12-31", name="winter break")
    assert closed.half_days == CHRISTMAS_2015.half_days
    again = CHRISTMAS_2015 | Calendar(half_days={"2015-12-24": "early closing"})
    assert again.why_half_day("2015-12-24") == "Christmas Eve (half-day closing) / early closing"


def test_half_days_count_in_equality_and_repr() -> None:
    assert Calendar({"2015-12-25": "Christmas Day"}) != CHRISTMAS_2015
    assert hash(CHRISTMAS_2015) == hash(
        Calendar(
            [("2015-12-25", "Christmas Day")],
            half_days=[(date(2015, 12, 24), "Christmas Eve (half-day closing)")],
        )
    )
    assert repr(CHRISTMAS_2015) == "Calendar(1 closed days, 1 half days, weekmask='1111100')"


def test_why_half_day_checks_the_span() -> None:
    calendar = Calendar(half_days=["2015-12-24"], covers=("2015-01-01", "2015-12-31"))
    with pytest.raises(OutOfRangeError) as error:
        calendar.why_half_day("2016-01-04")
    _assert_parameter_error(error, "day", ValueError)


@pytest.mark.parametrize(
    ("half_days", "parameter", "error_type"),
    [
        pytest.param("2015-12-24", "half_days", InvalidTypeError, id="one-iso-string"),
        pytest.param(["2015-12-32"], "half_days", InvalidValueError, id="no-such-day"),
        pytest.param([datetime(2015, 12, 24)], "half_days", InvalidTypeError, id="datetime"),
        pytest.param({"2015-12-24": 4}, "half_days['2015-12-24']", InvalidTypeError, id="name"),
    ],
)
def test_calendar_rejects_malformed_half_days(
    half_days: object, parameter: str, error_type: type[MicropathError]
) -> None:
    with pytest.raises(error_type) as error:
        Calendar(half_days=half_days)  # type: ignore[arg-type]
    _assert_parameter_error(error, parameter, _builtin(error_type))


# -- weekmasks numpy accepts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weekmask", "day", "n", "expected"),
    [
        ("MonTueWedThuFri", date(2026, 5, 1), 1, date(2026, 5, 4)),  # Fri -> Mon
        ("SatSun", date(2026, 5, 4), 1, date(2026, 5, 9)),
        ("Mon\tTue  Wed", date(2026, 5, 6), 1, date(2026, 5, 11)),
        (np.busdaycalendar().weekmask, date(2026, 5, 1), 1, date(2026, 5, 4)),
        ([np.True_, np.False_] * 3 + [np.True_], date(2026, 5, 4), 1, date(2026, 5, 6)),
        (b"0000001", date(2026, 5, 4), 1, date(2026, 5, 10)),
    ],
)
def test_numpy_weekmasks(weekmask: object, day: date, n: int, expected: date) -> None:
    assert Calendar(weekmask=weekmask).add_business_days(day, n) == expected  # type: ignore[arg-type]
