"""Uncertain durations: processing times as distributions.

USCIS publishes the time in which **80%** of cases finished over the last six
months, a percentile and not a maximum; students pool their own timings. An
estimate says how long a step may take, and a *confidence* picks the
duration to plan with: the smallest whole number of days that covers at least
that share of cases. Rounding is always up, never down.

* :func:`within` -- an upper bound: the same as a plain ``int`` (or
  :func:`~micropath.days`). It covers every confidence.
* :func:`percentiles` -- days at given percentiles, piecewise linear in
  between, starting from 0 days at percentile 0.
* :func:`samples` -- observed durations (the empirical distribution).

>>> est = percentiles({50: 75, 80: 100, 95: 130})
>>> est.at(0.8), est.at(0.9)
(Lead(100, 'days'), Lead(120, 'days'))
>>> est.probability(100)
0.8
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Final, TypeAlias

import attrs

from micropath._convert import to_count, to_items
from micropath.errors import InvalidTypeError, InvalidValueError, _int_text
from micropath.leads import Lead, Unit, to_lead, to_unit

__all__ = [
    "Estimate",
    "LeadLike",
    "Percentiles",
    "Samples",
    "percentiles",
    "probability",
    "resolve",
    "samples",
    "to_confidence",
    "within",
]

_DENOMINATOR: Final = 10**9  # confidences are snapped to the decimal the caller meant


def to_confidence(value: object, parameter: str = "confidence") -> Fraction:
    """A confidence in (0, 1] as an exact fraction (0.95 means 95/100, not its binary float)."""
    expected = "a number in (0, 1], such as 0.95"
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        raise InvalidTypeError(parameter, expected, value)
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValueError(parameter, expected, value)
    exact = Fraction(value).limit_denominator(_DENOMINATOR)
    if not 0 < exact <= 1:
        raise InvalidValueError(parameter, expected, value)
    return exact


@attrs.frozen(cache_hash=True)  # a plan option: hashed for the plan cache
class Percentiles:
    """Days at percentiles, piecewise linear in between, from 0 days at percentile 0.

    Build it with :func:`percentiles`.
    """

    points: tuple[tuple[Fraction, int], ...] = attrs.field(repr=lambda v: _repr_counts(v))
    """``(percentile, amount)`` pairs, both strictly increasing."""
    unit: Unit = Unit.DAYS

    def at(self, confidence: object = None) -> Lead:
        """The smallest whole amount covering at least *confidence* of cases.

        None means the highest percentile given.
        """
        if confidence is None:
            return Lead(self.points[-1][1], self.unit)
        share = to_confidence(confidence) * 100
        top = self.points[-1][0]
        if share > top:
            raise InvalidValueError(
                "confidence",
                f"at most {float(top) / 100:g}: the estimate stops at percentile "
                f"{float(top):g} (add its {float(share):g}th percentile to plan at "
                f"{float(share) / 100:g})",
                float(share) / 100,
            )
        low_p, low_d = Fraction(0), 0
        for high_p, high_d in self.points:
            if share <= high_p:
                amount = low_d + (share - low_p) * (high_d - low_d) / (high_p - low_p)
                return Lead(math.ceil(amount), self.unit)
            low_p, low_d = high_p, high_d
        raise AssertionError("unreachable: share <= top")  # pragma: no cover

    def probability(self, amount: int) -> float:
        """The share of cases done within *amount* (a lower bound past the last point)."""
        amount = to_count(amount, "amount")
        if amount <= 0:
            return 0.0
        low_p, low_d = Fraction(0), 0
        for high_p, high_d in self.points:
            if amount <= high_d:
                share = low_p + (amount - low_d) * (high_p - low_p) / (high_d - low_d)
                return float(share / 100)
            low_p, low_d = high_p, high_d
        return float(low_p / 100)


@attrs.frozen(cache_hash=True)  # a plan option: hashed for the plan cache
class Samples:
    """Observed durations; the share of cases within n is the share of samples <= n.

    Build it with :func:`samples`.
    """

    values: tuple[int, ...] = attrs.field(repr=lambda v: _repr_counts(v))
    """The samples, sorted."""
    unit: Unit = Unit.DAYS

    def at(self, confidence: object = None) -> Lead:
        """The smallest sample such that at least *confidence* of samples are <= it.

        None means the largest sample.
        """
        if confidence is None:
            return Lead(self.values[-1], self.unit)
        share = to_confidence(confidence)
        index = math.ceil(share * len(self.values)) - 1
        return Lead(self.values[index], self.unit)

    def probability(self, amount: int) -> float:
        """The share of samples no longer than *amount*."""
        from bisect import bisect_right

        return bisect_right(self.values, to_count(amount, "amount")) / len(self.values)


def _repr_counts(value: object) -> str:
    """repr of a tuple of counts, even a count too long for ``str`` (4300 digits).

    >>> _repr_counts(((Fraction(50), 10**5000),))
    '((Fraction(50, 1), an int of 5001 digits),)'
    """
    if isinstance(value, tuple):
        inner = ", ".join(_repr_counts(item) for item in value)
        return f"({inner}{',' if len(value) == 1 else ''})"
    if type(value) is int:
        return _int_text(value)
    return repr(value)


Estimate: TypeAlias = Percentiles | Samples
"""A distribution of durations."""

LeadLike: TypeAlias = Lead | Percentiles | Samples | int
"""Anything accepted where a lead is: an int of calendar days, a Lead, or an estimate."""


def within(n: int, *, unit: Unit | str = Unit.DAYS) -> Lead:
    """An upper bound of *n*: the same as a plain int (or a business-day lead)."""
    return Lead(n, to_unit(unit))


def percentiles(points: Mapping[float, int], *, unit: Unit | str = Unit.DAYS) -> Percentiles:
    """Days at each percentile, e.g. ``{50: 75, 80: 100, 95: 130}``.

    Percentiles lie strictly between 0 and 100, and the days strictly
    increase with them.

    >>> percentiles({80: 100, 50: 120})
    Traceback (most recent call last):
    ...
    micropath.errors.InvalidValueError: points must be days that increase with the percentile, ...
    """
    given: object = points  # checked at run time, whatever the annotation says
    if not isinstance(given, Mapping) or not given:
        raise InvalidTypeError("points", "a non-empty mapping from percentile to days", given)
    pairs = []
    for key, value in given.items():
        if isinstance(key, bool) or not isinstance(key, (int, float, Fraction)):
            raise InvalidTypeError("points", "percentiles as numbers in (0, 100)", key)
        if isinstance(key, float) and not math.isfinite(key):
            raise InvalidValueError("points", "percentiles in (0, 100)", key)
        exact = Fraction(key)
        if not 0 < exact < 100:
            raise InvalidValueError("points", "percentiles in (0, 100)", key)
        exact = exact.limit_denominator(_DENOMINATOR)  # 33.3 means 333/10
        if not 0 < exact < 100:
            raise InvalidValueError("points", "percentiles in (0, 100), to 9 decimals", key)
        amount = to_count(value, f"points[{key!r}]")
        if amount <= 0:
            raise InvalidValueError(f"points[{key!r}]", "a positive number of days", value)
        pairs.append((exact, amount))
    pairs.sort()
    if len(pairs) > 1 and pairs[-1][0] <= 1:
        hint = {float(p * 100): d for p, d in pairs}
        raise InvalidValueError(
            "points",
            f"percentiles on a 0-100 scale (every key is at most 1: did you mean {hint}?)",
            dict(given),
        )
    if len({p for p, _ in pairs}) != len(pairs):
        raise InvalidValueError("points", "distinct percentiles", dict(given))
    for (_, low), (_, high) in itertools.pairwise(pairs):
        if high <= low:
            raise InvalidValueError("points", "days that increase with the percentile", dict(given))
    return Percentiles(tuple(pairs), to_unit(unit))


def samples(values: Iterable[int], *, unit: Unit | str = Unit.DAYS) -> Samples:
    """Observed durations, e.g. the processing times students reported.

    >>> samples([90, 100, 110, 150]).at(0.75)
    Lead(110, 'days')
    """
    counted = []
    for value in to_items(values, "values", "an iterable of whole days"):
        amount = to_count(value, "values")
        if amount < 0:
            raise InvalidValueError("values", "durations of at least 0 days", amount)
        counted.append(amount)
    if not counted:
        raise InvalidValueError("values", "at least one sample", [])
    return Samples(tuple(sorted(counted)), to_unit(unit))


def resolve(value: object, confidence: Fraction | None, parameter: str) -> Lead:
    """The lead to plan with: a bound as is, an estimate at *confidence*."""
    if isinstance(value, (Percentiles, Samples)):
        try:
            return value.at(confidence)
        except InvalidValueError as error:
            expected = error.expected.replace("the estimate", f"the {parameter} estimate")
            raise InvalidValueError("confidence", expected, error.got) from None
    return to_lead(value, parameter)


def probability(value: Lead | Estimate, amount: int) -> float:
    """The share of cases a step of *value* is done within *amount* units.

    A bound is certain: 1.0 within it, 0.0 short of it.
    """
    if isinstance(value, Lead):
        return 1.0 if amount >= value.amount else 0.0
    return value.probability(amount)
