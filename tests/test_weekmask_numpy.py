"""Weekmasks numpy accepts mean the same in micropath; numpy is the oracle.

Laws, each over a generated domain where numpy's and micropath's rules are
meant to coincide (``strategies.py``: 0/1 strings, numpy-style day names with
ASCII whitespace or run together, and sequences or arrays of 0/1 ints, bools,
numpy bools and numpy integers):

1. micropath accepts a weekmask exactly when ``numpy.busdaycalendar`` does, and
   then gives the same seven flags;
2. the business days agree with ``numpy.is_busday`` over a fortnight;
3. a rejected weekmask is a :class:`~micropath.MicropathError` that is also a
   ``ValueError`` or ``TypeError``, with the message ``"weekmask must be ...,
   got ..."``.

And where micropath deliberately differs: it accepts more spellings (full
names, any case, commas, whitespace around a 0/1 string) with the meaning the
canonical spelling has in numpy, and rejects flags that numpy reads by their
truth (``2``, ``1.0``, ``"1"``).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import oracles
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    numpy_bit_weekmasks,
    numpy_day_name_weekmasks,
    numpy_flag_weekmasks,
    weekmask_day_names,
    working_weekdays,
)

from micropath import Calendar, InvalidTypeError, InvalidValueError, MicropathError

FORTNIGHT = [date(2026, 8, 3) + timedelta(days=i) for i in range(14)]  # from a Monday


def _micropath_weekmask(value: object) -> str | None:
    """micropath's weekmask for *value*, or None if it rejects it (checking the error)."""
    try:
        return Calendar(weekmask=value).weekmask  # type: ignore[arg-type]
    except MicropathError as caught:
        error = caught
    assert isinstance(error, InvalidValueError | InvalidTypeError)  # ValueError, TypeError
    assert error.parameter == "weekmask"
    assert str(error).startswith("weekmask must be ")
    assert ", got " in str(error)
    return None


def _assert_same_as_numpy(value: object) -> None:
    expected = oracles.numpy_weekmask(value)
    assert _micropath_weekmask(value) == expected, repr(value)
    if expected is not None:
        calendar = Calendar(weekmask=value)  # type: ignore[arg-type]
        busy = np.is_busday(np.array(FORTNIGHT, dtype="datetime64[D]"), weekmask=value)  # type: ignore[call-overload]
        assert [calendar.is_business_day(day) for day in FORTNIGHT] == busy.tolist()


# -- the laws ---------------------------------------------------------------------


@given(numpy_bit_weekmasks())
def test_zero_one_strings_agree_with_numpy(weekmask: str) -> None:
    _assert_same_as_numpy(weekmask)


@given(numpy_day_name_weekmasks())
def test_day_names_agree_with_numpy(weekmask: str) -> None:
    _assert_same_as_numpy(weekmask)


@given(numpy_day_name_weekmasks())
def test_day_names_as_bytes_agree_with_numpy(weekmask: str) -> None:
    _assert_same_as_numpy(weekmask.encode("ascii"))


@given(numpy_flag_weekmasks())
def test_flags_agree_with_numpy(weekmask: object) -> None:
    _assert_same_as_numpy(weekmask)


# -- examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weekmask", "expected"),
    [
        ("MonTueWedThuFri", "1111100"),
        ("SatSun", "0000011"),
        ("SunSat", "0000011"),
        ("MonMon", "1000000"),  # a repeat changes nothing, as in numpy
        ("Mon\tTue  Wed", "1110000"),
        ("\nFri\x0bSat\x0c", "0000110"),
        (" Mon ", "1000000"),
        ("Tue Thu", "0101000"),
        (b"1111100", "1111100"),
        (b"SatSun", "0000011"),
        (np.busdaycalendar().weekmask, "1111100"),
        (np.array([1, 0, 1, 0, 1, 0, 0], dtype=np.uint8), "1010100"),
        ([np.True_] * 5 + [np.False_] * 2, "1111100"),
        ((np.int64(0),) * 6 + (np.int64(1),), "0000001"),
        ([True, False, True, False, True, False, True], "1010101"),
        (range(2), None),  # two flags, not seven
    ],
)
def test_numpy_spellings(weekmask: object, expected: str | None) -> None:
    assert oracles.numpy_weekmask(weekmask) == expected
    assert _micropath_weekmask(weekmask) == expected


@pytest.mark.parametrize(
    "weekmask",
    [
        "Mon,Tue",  # numpy: no commas
        "mon tue",  # numpy: capitals only
        "Monday Tuesday",  # numpy: three letters only
        "MondayTuesday",
        "MONTUE",
        " 1100000 ",  # numpy: no whitespace around 0/1
        "1100000\n",
    ],
)
def test_micropath_also_accepts_what_numpy_does_not(weekmask: str) -> None:
    assert oracles.numpy_weekmask(weekmask) is None
    assert _micropath_weekmask(weekmask) == "1100000"


@pytest.mark.parametrize(
    "weekmask",
    [
        [2, 1, 1, 1, 1, 0, 0],  # numpy takes any truthy value
        [1.0] * 5 + [0.0] * 2,
        ["1"] * 7,
        np.array([1.0, 1, 1, 1, 1, 0, 0]),
        [np.float64(1)] * 7,
        [[1]] * 7,
    ],
)
def test_micropath_rejects_flags_numpy_reads_by_their_truth(weekmask: object) -> None:
    assert oracles.numpy_weekmask(weekmask) is not None
    assert _micropath_weekmask(weekmask) is None


@pytest.mark.parametrize(
    "weekmask",
    [
        "",
        "   ",
        "0000000",
        [0] * 7,
        np.zeros(7, dtype=bool),
        "Mo",
        "MonTu",
        "Mon Funday",
        "Mon\xa0Tue",  # no-break space: not whitespace to numpy
        "Mon\x1cTue",  # str.isspace() says yes, numpy no
        "１１１１１００",  # fullwidth digits  # noqa: RUF001
        b"Mon\xff",
        np.ones((7, 1), dtype=bool),  # numpy: a weekmask array must be one-dimensional
        np.ones((1, 7), dtype=bool),
        np.ones(8, dtype=bool),
    ],
)
def test_weekmasks_numpy_rejects_are_errors(weekmask: object) -> None:
    assert oracles.numpy_weekmask(weekmask) is None
    assert _micropath_weekmask(weekmask) is None


def test_an_iterator_of_seven_flags_is_accepted_though_numpy_takes_none() -> None:
    assert oracles.numpy_weekmask(iter([1] * 7)) is None
    assert _micropath_weekmask(iter([1, 1, 1, 1, 1, 0, 0])) == "1111100"


@given(st.data(), working_weekdays())
def test_extended_spellings_mean_what_numpy_reads_in_the_canonical_one(
    data: st.DataObject, weekdays: frozenset[int]
) -> None:
    names = data.draw(weekmask_day_names(weekdays))  # any case, long names, commas
    canonical = " ".join(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[d] for d in weekdays)
    assert _micropath_weekmask(names) == oracles.numpy_weekmask(canonical)


def test_micropath_does_not_import_numpy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, micropath as mp\n"
        "mp.Calendar(weekmask='MonTue'); mp.Calendar(weekmask=[1, 1, 0, 0, 0, 0, 0])\n"
        "assert 'numpy' not in sys.modules, 'micropath imported numpy'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
