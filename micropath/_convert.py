"""Conversion of user input at the library's border.

Dates are :class:`datetime.date`. ISO ``YYYY-MM-DD`` strings are accepted and
converted. A :class:`datetime.datetime` (and so a ``pandas.Timestamp``) is
rejected: its time part and time zone make "which day" ambiguous. Counts are
integers; ``bool`` and ``float`` are rejected rather than truncated.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from datetime import date, datetime

from micropath.errors import InvalidTypeError, InvalidValueError

__all__ = ["DateLike", "to_count", "to_date", "to_items", "to_optional_date"]

DateLike = date | str
"""A date, or an ISO ``YYYY-MM-DD`` string converted at the border."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only, as ISO 8601
_DATE_EXPECTED = "a datetime.date or an ISO date string 'YYYY-MM-DD'"


def to_date(value: object, parameter: str) -> date:
    """Return *value* as a date, or raise an error naming *parameter*.

    >>> to_date("2027-01-04", "start")
    datetime.date(2027, 1, 4)
    >>> to_date("2027-02-29", "start")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: start must be a real calendar date ..., got '2027-02-29'
    """
    if type(value) is date:
        return value
    if isinstance(value, datetime):
        raise InvalidTypeError(
            parameter,
            f"{_DATE_EXPECTED} (a datetime's time and time zone make the day ambiguous; "
            "pass its .date())",
            value,
        )
    if isinstance(value, date):  # a date subclass that is not a datetime
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.fullmatch(text):
            raise InvalidValueError(parameter, _DATE_EXPECTED, value)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidValueError(parameter, "a real calendar date 'YYYY-MM-DD'", value) from None
    raise InvalidTypeError(parameter, _DATE_EXPECTED, value)


def to_optional_date(value: object, parameter: str) -> date | None:
    """Like :func:`to_date`, but ``None`` passes through."""
    return None if value is None else to_date(value, parameter)


def to_count(value: object, parameter: str) -> int:
    """Return *value* as an int (anything with ``__index__`` but a bool).

    >>> to_count(3.0, "n")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidTypeError: n must be an integer, got 3.0
    """
    if type(value) is int:
        return value
    if isinstance(value, bool):
        raise InvalidTypeError(parameter, "an integer (not a bool)", value)
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise InvalidTypeError(parameter, "an integer", value) from None


def to_items(value: object, parameter: str, expected: str) -> list[object]:
    """The items of an iterable that is not a ``str`` or ``bytes``, or an error naming
    *parameter*: also for an object that claims to be iterable and is not (a 0-d
    numpy array).

    >>> to_items(iter((1, 2)), "values", "an iterable")
    [1, 2]
    >>> to_items("12", "values", "an iterable of whole days")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidTypeError: values must be an iterable of whole days, got '12'
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(parameter, expected, value)
    try:
        return list(value)
    except TypeError:  # iter() refused after all
        raise InvalidTypeError(parameter, expected, value) from None
