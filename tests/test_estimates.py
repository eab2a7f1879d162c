"""Laws and examples of :mod:`micropath.estimates`: percentiles, samples, within.

Every expected value is computed in the test from the points or values the
estimate was built from (``oracles.percentile_share``, ``oracles.sample_share``:
exact fractions, linear interpolation from 0 days at percentile 0), never
read back from the estimate. The laws:

1. Round trip: ``percentiles(points).at(p / 100)`` is the days given at p, for
   any valid point set (percentiles such as 33.3, 57 and 99.9 included, typed
   as floats or given as exact fractions).
2. Smallest covering amount: ``at(c)`` covers at least c of cases and
   ``at(c) - 1`` covers less than c, for percentiles and samples alike; so
   ``at(c)`` equals counting up from 0 until the share reaches c.
3. ``probability(n)`` is the share within n days (a lower bound past the last
   percentile: the highest percentile given), and never decreases with n.
4. ``at`` never decreases as the confidence grows; ``at(None)`` is the last
   percentile's days or the largest sample; the unit travels to the lead.
5. ``samples`` does not depend on the order of the values.
6. Bad input raises a ``MicropathError`` that is also ``ValueError`` or
   ``TypeError`` and names the parameter: percentiles outside (0, 100), days
   that do not increase, empty or negative samples, confidences outside (0, 1].
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oracles import percentile_share, sample_share, smallest_amount
from strategies import (
    PercentileCase,
    SampleCase,
    confidences_up_to,
    percentile_cases,
    sample_cases,
    spell_confidence,
)

import micropath as mp
from micropath import Lead, MicropathError, Unit
from micropath.estimates import to_confidence

# -- laws: percentiles ------------------------------------------------------------


@given(percentile_cases(), st.booleans())
def test_percentiles_round_trip_at_their_points(case: PercentileCase, as_float: bool) -> None:
    unit = case.estimate.unit
    for percentile, days in case.points:
        confidence = spell_confidence(percentile / 100, as_float)
        assert case.estimate.at(confidence) == Lead(days, unit), (percentile, confidence)
    # No confidence: the highest percentile given.
    assert case.estimate.at(None) == Lead(case.points[-1][1], unit)
    assert case.estimate.at() == Lead(case.points[-1][1], unit)


@given(percentile_cases(), st.data())
def test_percentiles_at_is_the_smallest_covering_amount(
    case: PercentileCase, data: st.DataObject
) -> None:
    confidence, other = data.draw(
        st.lists(confidences_up_to(case.top), min_size=2, max_size=2), label="confidences"
    )
    as_float = data.draw(st.booleans(), label="as_float")
    amount = case.estimate.at(spell_confidence(confidence, as_float)).amount

    def share(n: int) -> Fraction:
        return percentile_share(case.points, n)

    assert share(amount) >= confidence
    assert share(amount - 1) < confidence
    assert amount == smallest_amount(share, confidence)
    # ... so a higher confidence never asks for less.
    if other >= confidence:
        assert case.estimate.at(other).amount >= amount
    else:
        assert case.estimate.at(other).amount <= amount


@given(percentile_cases())
def test_percentiles_probability_is_the_interpolated_share(case: PercentileCase) -> None:
    last_days = case.points[-1][1]
    previous = -1.0
    for amount in range(-2, last_days + 5):
        got = case.estimate.probability(amount)
        assert got == float(percentile_share(case.points, amount)), amount
        assert got >= previous
        previous = got
    assert case.estimate.probability(last_days + 1000) == float(case.top)


# -- laws: samples ------------------------------------------------------------------


@given(sample_cases(), st.data())
def test_samples_at_is_the_smallest_covering_amount(case: SampleCase, data: st.DataObject) -> None:
    confidence = data.draw(confidences_up_to(), label="confidence")
    as_float = data.draw(st.booleans(), label="as_float")
    got = case.estimate.at(spell_confidence(confidence, as_float))
    assert got.unit is case.estimate.unit
    amount = got.amount
    assert amount in case.values
    assert sample_share(case.values, amount) >= confidence
    assert sample_share(case.values, amount - 1) < confidence
    assert amount == smallest_amount(lambda n: sample_share(case.values, n), confidence)
    # No confidence, or a confidence of 1: the largest sample.
    assert case.estimate.at(None).amount == max(case.values)
    assert case.estimate.at(1).amount == max(case.values)
    assert case.estimate.at(1.0).amount == max(case.values)


@given(sample_cases(), st.randoms(use_true_random=False))
def test_samples_probability_is_the_share_whatever_the_order(case: SampleCase, rnd: object) -> None:
    for amount in range(-1, max(case.values) + 2):
        assert case.estimate.probability(amount) == float(sample_share(case.values, amount))
    shuffled = list(case.values)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert mp.samples(shuffled, unit=case.estimate.unit) == case.estimate
    assert mp.samples(iter(shuffled), unit=case.estimate.unit) == case.estimate


@given(st.integers(0, 400), st.sampled_from(("days", "business_days")))
def test_within_is_a_plain_lead(n: int, unit: str) -> None:
    assert mp.within(n, unit=unit) == Lead(n, Unit(unit))
    assert mp.within(n) == mp.days(n)


# -- examples -------------------------------------------------------------------------


USCIS_LIKE = {50: 75, 80: 100, 95: 130}


@pytest.mark.parametrize(
    ("confidence", "days"),
    [
        (0.8, 100),  # a given point
        (0.5, 75),
        (0.95, 130),
        (0.9, 120),  # 100 + (10 / 15) * 30 = 120 exactly
        (0.51, 76),  # 75 + 25 / 30 = 75.83 -> rounds up
        (0.1, 15),  # 75 * 10 / 50 = 15 exactly, on the first segment from (0, 0)
        (0.001, 1),  # 0.15 days rounds up to 1
        (Fraction(4, 5), 100),
    ],
)
def test_percentiles_example_table(confidence: float, days: int) -> None:
    assert mp.percentiles(USCIS_LIKE).at(confidence) == Lead(days, Unit.DAYS)


@pytest.mark.parametrize(
    ("amount", "share"),
    [(0, 0.0), (15, 0.1), (75, 0.5), (100, 0.8), (120, 0.9), (130, 0.95), (500, 0.95)],
)
def test_percentiles_probability_table(amount: int, share: float) -> None:
    assert mp.percentiles(USCIS_LIKE).probability(amount) == pytest.approx(share, abs=1e-12)


@pytest.mark.parametrize(
    ("points", "confidence", "days"),
    [
        ({33.3: 40}, 0.333, 40),
        ({57: 90}, 0.57, 90),
        ({99.9: 200}, 0.999, 200),
        ({33.3: 40, 57: 90, 99.9: 200}, 0.57, 90),
        ({33.3: 40, 57: 90, 99.9: 200}, 0.999, 200),
        ({33.3: 40, 57: 90, 99.9: 200}, 0.333, 40),
    ],
)
def test_percentiles_typed_as_decimals_round_trip(
    points: dict[float, int], confidence: float, days: int
) -> None:
    assert mp.percentiles(points).at(confidence).amount == days


@pytest.mark.parametrize(
    ("values", "confidence", "days"),
    [
        ([90, 100, 110, 150], 0.75, 110),
        ([90, 100, 110, 150], 0.76, 150),
        ([90, 100, 110, 150], 0.25, 90),
        ([90, 100, 110, 150], 0.26, 100),
        ([150, 90, 110, 100], 0.5, 100),
        ([0, 0, 7], 0.5, 0),
        ([42], 0.0001, 42),
    ],
)
def test_samples_example_table(values: list[int], confidence: float, days: int) -> None:
    assert mp.samples(values).at(confidence).amount == days


# -- bad input -------------------------------------------------------------------------


def _names(error: pytest.ExceptionInfo[MicropathError], parameter: str) -> None:
    assert isinstance(error.value, MicropathError)
    assert isinstance(error.value, (ValueError, TypeError))
    assert error.value.parameter == parameter  # type: ignore[attr-defined]
    assert str(error.value).startswith(parameter)


@pytest.mark.parametrize(
    ("key", "builtin"),
    [
        (0, ValueError),
        (100, ValueError),
        (-5, ValueError),
        (150, ValueError),
        (0.0, ValueError),
        (100.0, ValueError),
        (math.nan, ValueError),
        (math.inf, ValueError),
        (True, TypeError),
        (False, TypeError),
        ("50", TypeError),
        (None, TypeError),
    ],
)
def test_percentiles_reject_percentiles_outside_0_100(key: object, builtin: type) -> None:
    with pytest.raises(builtin) as error:
        mp.percentiles({key: 10, 90: 200})  # type: ignore[dict-item]
    _names(error, "points")


@pytest.mark.parametrize(
    "points",
    [
        {50: 100, 80: 90},  # decreasing
        {50: 100, 80: 100},  # equal
        {80: 100, 50: 120},  # decreasing, given out of order
        {10: 5, 50: 100, 80: 100, 95: 130},
    ],
)
def test_percentiles_reject_days_that_do_not_increase(points: dict[float, int]) -> None:
    with pytest.raises(ValueError, match="increase") as error:
        mp.percentiles(points)
    _names(error, "points")


def test_percentiles_reject_days_that_decrease_across_percentiles_that_round_together() -> None:
    """50 and 50.0000000001 are different percentiles; 80 days at the lower and 75 at the
    higher decrease with the percentile, however the percentiles are stored.

    Bug: the keys snap to the same fraction (denominator <= 10**9), the pairs are
    then sorted by (percentile, days), and the decrease disappears: accepted."""
    with pytest.raises(ValueError, match=r"^points must be") as error:
        mp.percentiles({50: 80, 50.0000000001: 75})
    _names(error, "points")


def test_percentiles_reject_huge_percentile_keys_with_a_micropath_error() -> None:
    """Bug: ``math.isfinite(10**400)`` raises OverflowError before the range check."""
    with pytest.raises(ValueError, match=r"^points must be") as error:
        mp.percentiles({10**400: 5})
    _names(error, "points")


@pytest.mark.parametrize(
    ("points", "parameter", "builtin"),
    [
        ({50: 0}, "points[50]", ValueError),
        ({50: -3}, "points[50]", ValueError),
        ({50: 10.5}, "points[50]", TypeError),
        ({50: True}, "points[50]", TypeError),
        ({}, "points", (TypeError, ValueError)),
        ([(50, 10)], "points", TypeError),
        ("50:10", "points", TypeError),
    ],
)
def test_percentiles_reject_bad_days_and_containers(
    points: object, parameter: str, builtin: type
) -> None:
    with pytest.raises(builtin) as error:
        mp.percentiles(points)  # type: ignore[arg-type]
    _names(error, parameter)


@pytest.mark.parametrize(
    ("values", "builtin"),
    [
        ([], ValueError),
        ((), ValueError),
        (iter(()), ValueError),
        ([90, -1, 100], ValueError),
        ([-5], ValueError),
        ([90, 1.5], TypeError),
        ([90, True], TypeError),
        ("90", TypeError),
        (90, TypeError),
        (None, TypeError),
    ],
)
def test_samples_reject_empty_negative_and_non_integer_values(
    values: object, builtin: type
) -> None:
    with pytest.raises(builtin) as error:
        mp.samples(values)  # type: ignore[arg-type]
    _names(error, "values")


@pytest.mark.parametrize("factory", [lambda u: mp.percentiles({50: 9}, unit=u),
                                     lambda u: mp.samples([9], unit=u),
                                     lambda u: mp.within(9, unit=u)])  # fmt: skip
def test_bad_unit_is_named(factory: object) -> None:
    with pytest.raises(ValueError, match="'days' or 'business_days'") as error:
        factory("weeks")  # type: ignore[operator]
    _names(error, "unit")


BAD_CONFIDENCES = [
    (0, ValueError),
    (0.0, ValueError),
    (-0.1, ValueError),
    (1.01, ValueError),
    (2, ValueError),
    (math.nan, ValueError),
    (math.inf, ValueError),
    (True, TypeError),
    (False, TypeError),
    ("0.9", TypeError),
    ([0.9], TypeError),
]


@pytest.mark.parametrize(("confidence", "builtin"), BAD_CONFIDENCES)
@pytest.mark.parametrize(
    "estimate", [mp.percentiles({50: 75, 99: 130}), mp.samples([3, 4])], ids=["pct", "samples"]
)
def test_at_rejects_confidences_outside_0_1(
    estimate: mp.Percentiles | mp.Samples, confidence: object, builtin: type
) -> None:
    with pytest.raises(builtin) as error:
        estimate.at(confidence)
    _names(error, "confidence")


@pytest.mark.parametrize(("confidence", "builtin"), BAD_CONFIDENCES)
def test_to_confidence_rejects_values_outside_0_1(confidence: object, builtin: type) -> None:
    with pytest.raises(builtin) as error:
        to_confidence(confidence)
    _names(error, "confidence")


@pytest.mark.parametrize(
    ("confidence", "exact"),
    [(0.95, Fraction(95, 100)), (1, Fraction(1)), (0.001, Fraction(1, 1000)),
     (Fraction(1, 3), Fraction(1, 3)), (0.1 + 0.2, Fraction(3, 10))],
)  # fmt: skip
def test_to_confidence_snaps_to_the_decimal_meant(confidence: object, exact: Fraction) -> None:
    assert to_confidence(confidence) == exact


@pytest.mark.parametrize(
    ("points", "confidence", "missing"),
    [({50: 75, 80: 100}, 0.9, "90th percentile"),
     ({50: 75, 80: 100, 95: 130}, 0.99, "99th percentile"),
     ({50: 75, 80: 100, 95: 130}, 1, "100th percentile"),
     ({33.3: 40}, 0.5, "50th percentile")],
)  # fmt: skip
def test_confidence_above_the_highest_percentile_names_the_missing_one(
    points: dict[float, int], confidence: float, missing: str
) -> None:
    with pytest.raises(ValueError, match=missing) as error:
        mp.percentiles(points).at(confidence)
    _names(error, "confidence")
    top = max(points)
    assert f"percentile {top:g}" in str(error.value)
