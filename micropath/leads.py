"""Leads: how long a step takes, in calendar days or in the actor's business days.

A plain ``int`` means calendar days ("120 days"), as people say it.

>>> days(120), business_days(10)
(Lead(120, 'days'), Lead(10, 'business_days'))
>>> str(business_days(1))
'1 business day'
"""

from __future__ import annotations

import enum

import attrs

from micropath._convert import to_count
from micropath.errors import InvalidTypeError, InvalidValueError, _int_text

__all__ = ["Lead", "Unit", "business_days", "days", "to_lead", "to_unit"]


class Unit(enum.Enum):
    """The unit of a lead."""

    DAYS = "days"
    """Calendar days: every day counts."""
    BUSINESS_DAYS = "business_days"
    """Business days of the actor doing the step."""


def to_unit(value: object) -> Unit:
    """A :class:`Unit`, or its value (``"days"``, ``"business_days"``).

    >>> to_unit("business_days")
    <Unit.BUSINESS_DAYS: 'business_days'>
    """
    if isinstance(value, Unit):
        return value
    try:
        return Unit(value)
    except ValueError:
        raise InvalidValueError("unit", "'days' or 'business_days'", value) from None


def _amount(value: object) -> int:
    amount = to_count(value, "amount")
    if amount < 0:
        raise InvalidValueError("amount", "at least 0", amount)
    return amount


@attrs.frozen(repr=False, cache_hash=True)  # a plan option: hashed for the plan cache
class Lead:
    """A duration: *amount* calendar days or business days."""

    amount: int = attrs.field(converter=_amount)
    unit: Unit = attrs.field(converter=to_unit)

    @property
    def business(self) -> bool:
        """True if the lead counts the actor's business days."""
        return self.unit is Unit.BUSINESS_DAYS

    def __repr__(self) -> str:
        return f"Lead({_int_text(self.amount)}, {self.unit.value!r})"

    def __str__(self) -> str:
        noun = "business day" if self.business else "day"
        return f"{_int_text(self.amount)} {noun}{'' if self.amount == 1 else 's'}"


def days(n: int) -> Lead:
    """A lead of *n* calendar days."""
    return Lead(n, Unit.DAYS)


def business_days(n: int) -> Lead:
    """A lead of *n* business days of the actor doing the step."""
    return Lead(n, Unit.BUSINESS_DAYS)


def to_lead(value: object, parameter: str) -> Lead:
    """A lead from user input: a :class:`Lead`, or an ``int`` of calendar days.

    >>> to_lead(-3, "processing")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: processing must be at least 0 days, got -3
    >>> to_lead("120", "processing")
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidTypeError: processing must be an int of calendar days, ..., got '120'
    """
    if isinstance(value, Lead):
        return value
    expected = "an int of calendar days, or micropath.days(n) / micropath.business_days(n)"
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = to_count(value, parameter)
        except InvalidTypeError:
            raise InvalidTypeError(parameter, expected, value) from None
    if value < 0:
        raise InvalidValueError(parameter, "at least 0 days", value)
    return Lead(value, Unit.DAYS)
