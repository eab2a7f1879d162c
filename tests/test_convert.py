"""Conversion at the border (``micropath._convert``).

Laws checked with Hypothesis:

* every date survives ``to_date`` unchanged, and as its ISO string (padded
  with whitespace or not);
* any string either converts to the date whose ISO form it is, or raises an
  ``InvalidValueError`` naming the parameter;
* every ``datetime`` is rejected, whatever its time, with an
  ``InvalidTypeError`` naming the parameter;
* every int passes ``to_count`` unchanged; bools and floats are rejected.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from micropath import InvalidTypeError, InvalidValueError, MicropathError
from micropath._convert import to_count, to_date, to_optional_date


class _Day(date):
    """A date subclass that is not a datetime."""


def _assert_names(error: pytest.ExceptionInfo[MicropathError], parameter: str) -> None:
    assert isinstance(error.value, MicropathError)
    assert error.value.parameter == parameter  # type: ignore[attr-defined]
    assert str(error.value).startswith(f"{parameter} must be")


# -- to_date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2027, 1, 4), date(2027, 1, 4)),
        ("2027-01-04", date(2027, 1, 4)),
        (" 2027-01-04\n", date(2027, 1, 4)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2000-02-29", date(2000, 2, 29)),
        ("0001-01-01", date.min),
        ("9999-12-31", date.max),
        (_Day(2027, 1, 4), date(2027, 1, 4)),
    ],
)
def test_to_date_accepts_dates_and_iso_strings(value: object, expected: date) -> None:
    converted = to_date(value, "start")
    assert converted == expected
    assert type(converted) is date


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(datetime(2027, 1, 4), id="datetime-midnight"),
        pytest.param(datetime(2027, 1, 4, 23, 59, tzinfo=UTC), id="aware-datetime"),
        pytest.param(pd.Timestamp("2027-01-04"), id="pandas.Timestamp"),
        pytest.param(np.datetime64("2027-01-04"), id="numpy.datetime64"),
        pytest.param(np.datetime64("2027-01-04T09:00"), id="numpy.datetime64-minutes"),
        pytest.param(2027.0104, id="float"),
        pytest.param(20270104, id="int"),
        pytest.param(True, id="bool"),
        pytest.param(None, id="None"),
        pytest.param(b"2027-01-04", id="bytes"),
        pytest.param((2027, 1, 4), id="tuple"),
    ],
)
def test_to_date_rejects_other_types(value: object) -> None:
    with pytest.raises(InvalidTypeError) as error:
        to_date(value, "start")
    assert isinstance(error.value, TypeError)
    _assert_names(error, "start")


def test_to_date_tells_how_to_fix_a_datetime() -> None:
    with pytest.raises(InvalidTypeError) as error:
        to_date(datetime(2027, 1, 4, 9), "start")
    assert ".date()" in str(error.value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2027-02-29", id="no-leap-day-in-2027"),
        pytest.param("2100-02-29", id="no-leap-day-in-2100"),
        pytest.param("2027-13-01", id="month-13"),
        pytest.param("2027-04-31", id="april-31"),
        pytest.param("0000-01-01", id="year-0"),
        pytest.param("2027-1-4", id="unpadded"),
        pytest.param("20270104", id="basic-format"),
        pytest.param("2027/01/04", id="slashes"),
        pytest.param("04-01-2027", id="day-first"),
        pytest.param("2027-01-04T00:00", id="with-time"),
        pytest.param("2027-W01-1", id="iso-week"),
        pytest.param("", id="empty"),
        pytest.param("today", id="word"),
        pytest.param("\uff12\uff10\uff12\uff17-\uff10\uff11-\uff10\uff14", id="fullwidth-digits"),
    ],
)
def test_to_date_rejects_strings_that_are_not_iso_dates(value: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        to_date(value, "start")
    assert isinstance(error.value, ValueError)
    _assert_names(error, "start")
    assert error.value.got == value


@given(st.dates())
def test_every_date_and_its_iso_string_convert_to_itself(day: date) -> None:
    assert to_date(day, "day") == day
    assert to_date(day.isoformat(), "day") == day
    assert to_date(f"  {day.isoformat()} ", "day") == day


@given(st.text(max_size=12) | st.dates().map(date.isoformat).map(lambda text: text[:-1] + "x"))
def test_a_string_converts_to_its_date_or_names_the_parameter(text: str) -> None:
    outcome: date | InvalidValueError
    try:
        outcome = to_date(text, "deadline")
    except InvalidValueError as error:
        outcome = error
    if isinstance(outcome, date):
        assert outcome.isoformat() == text.strip()
    else:
        assert outcome.parameter == "deadline"
        assert str(outcome).startswith("deadline must be")


@given(st.datetimes(timezones=st.none() | st.timezones()))
def test_every_datetime_is_rejected(moment: datetime) -> None:
    with pytest.raises(InvalidTypeError) as error:
        to_date(moment, "start")
    _assert_names(error, "start")


def test_to_optional_date_passes_none_through() -> None:
    assert to_optional_date(None, "opens") is None
    assert to_optional_date("2027-01-04", "opens") == date(2027, 1, 4)
    with pytest.raises(InvalidValueError) as error:
        to_optional_date("2027-02-29", "opens")
    _assert_names(error, "opens")


# -- to_count ------------------------------------------------------------------------------


@given(st.integers())
def test_every_int_is_a_count(n: int) -> None:
    assert to_count(n, "n") == n


@pytest.mark.parametrize(
    ("value", "expected"),
    [(np.int64(-3), -3), (np.int32(7), 7), (np.uint8(200), 200)],
)
def test_integer_like_values_are_counts(value: object, expected: int) -> None:
    converted = to_count(value, "n")
    assert converted == expected
    assert type(converted) is int


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(True, id="True"),
        pytest.param(False, id="False"),
        pytest.param(np.bool_(True), id="numpy.bool"),
        pytest.param(3.0, id="float"),
        pytest.param(np.float64(3.0), id="numpy.float64"),
        pytest.param(float("nan"), id="nan"),
        pytest.param("3", id="str"),
        pytest.param(None, id="None"),
        pytest.param(date(2027, 1, 4), id="date"),
    ],
)
def test_to_count_rejects_what_is_not_an_integer(value: object) -> None:
    with pytest.raises(InvalidTypeError) as error:
        to_count(value, "n")
    assert isinstance(error.value, TypeError)
    _assert_names(error, "n")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_no_float_is_a_count(value: float) -> None:
    with pytest.raises(InvalidTypeError) as error:
        to_count(value, "n")
    _assert_names(error, "n")
