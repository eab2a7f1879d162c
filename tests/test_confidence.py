"""Laws of planning at a confidence: ``plan(..., confidence=)``,
``Plan.on_time_probability``, ``Milestone.confidence`` and ``check_cycle(confidence=)``.

Plans are drawn with a processing estimate (``percentiles`` or ``samples``, in
calendar days or business days) for CPT, OPT and AT, starts in 2024-2030 and a
confidence the estimate can answer. The laws:

1. ``on_time_probability`` never increases as the filing date moves later.
2. At ``plan.latest_filing`` it is at least the planned confidence, and one
   day later it is below it (the latest filing is the latest at that
   confidence) whenever processing takes at least one day.
3. A higher confidence never moves ``latest_filing`` or ``latest_offer`` later.
4. The plan resolves the estimate to its smallest covering amount: it equals
   the plan with that amount as a plain lead (the amount computed by the
   oracle from the points, not read from the estimate); for CPT and AT in
   calendar days, ``latest_filing`` is exactly ``start - amount``.
5. A bound covers every confidence (plain leads plan the same at any
   confidence); no confidence plans an estimate at its highest percentile or
   largest sample.
6. Every step milestone carries the plan's confidence; the plan carries it as
   the float the caller meant.
7. ``check_cycle(confidence=)`` gives each authorization the row of its plan
   at that confidence; a higher confidence never adds slack.
8. A bad confidence (outside (0, 1], NaN, a bool, a str) or one above an
   estimate's highest percentile is a ``MicropathError`` naming ``confidence``.
"""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oracles import percentile_share, sample_share, smallest_amount
from strategies import (
    EstimatePlanCase,
    PercentileCase,
    confidences_up_to,
    estimate_plan_cases,
    spell_confidence,
)

import micropath as mp
from micropath import Lead, MicropathError, Unit, calendars

pytestmark = pytest.mark.usefixtures("builtin")  # build the calendars before any deadline runs

ONE_DAY = timedelta(days=1)
OPT_MAILING_DAYS = 14  # domain.md: the EAD card is mailed 14 calendar days after approval


def _plan(case: EstimatePlanCase, confidence: object = None, **options: object) -> mp.Plan:
    chosen = case.confidence if confidence is None else confidence
    # On paper, the receipt rolls to a USCIS business day as the oracle's chain does.
    return mp.plan(
        case.authorization,
        case.start,
        processing=case.estimate,
        confidence=chosen,
        **{"filing": "paper", **options},  # type: ignore[arg-type]
    )


def _oracle_amount(case: EstimatePlanCase, confidence: Fraction) -> int:
    """The smallest whole amount covering *confidence*, from the raw points or values."""
    if isinstance(case.processing, PercentileCase):
        points = case.processing.points
        return smallest_amount(lambda n: percentile_share(points, n), confidence)
    values = case.processing.values
    return smallest_amount(lambda n: sample_share(values, n), confidence)


# -- 1, 2: on_time_probability ------------------------------------------------------


@given(estimate_plan_cases(), st.data())
def test_on_time_probability_never_increases_as_filing_moves_later(
    case: EstimatePlanCase, data: st.DataObject
) -> None:
    p = _plan(case)
    # Any two filing dates, near latest_filing or far before it ...
    offsets = st.integers(-40, 40) | st.integers(-700, 60)
    early, late = sorted(data.draw(st.lists(offsets, min_size=2, max_size=2), label="offsets"))
    first = p.latest_filing + timedelta(days=early)
    second = p.latest_filing + timedelta(days=late)
    assert p.on_time_probability(first) >= p.on_time_probability(second), (first, second)
    # ... and every day of a run around it.
    anchor = p.latest_filing + timedelta(days=data.draw(st.integers(-60, 20), label="anchor"))
    shares = [p.on_time_probability(anchor + timedelta(days=i)) for i in range(45)]
    assert all(a >= b for a, b in itertools.pairwise(shares)), (anchor, shares)
    assert all(0.0 <= share <= 1.0 for share in shares)


@given(estimate_plan_cases())
def test_latest_filing_is_the_latest_at_the_confidence(case: EstimatePlanCase) -> None:
    p = _plan(case)
    assert p.confidence is not None
    assert p.on_time_probability(p.latest_filing) >= p.confidence
    assert p.on_time_probability(p.latest_filing.isoformat()) >= p.confidence
    # A day later falls short, unless processing may take no time at all (then the
    # next filing may still be on time: the start itself, a weekend, ...).
    if _oracle_amount(case, case.confidence) >= 1:
        assert p.on_time_probability(p.latest_filing + ONE_DAY) < p.confidence


def test_filing_after_the_start_is_never_on_time() -> None:
    """CPT with processing of 0 business days and a Saturday start (2027-03-06): filing on
    Monday 2027-03-08, two days after the first day of work, cannot have the
    authorization in hand on day one.

    Bug: on_time_probability counts business days in [filing, start) as
    ``business_days_between(filing, start)``, which is 0 (not negative) when the
    days between start and filing are all closed, so a 0-day share gives 1.0."""
    start = date(2027, 3, 6)
    assert start.weekday() == 5
    p = mp.plan(
        "CPT", start, processing=mp.samples([0, 0, 3], unit="business_days"), confidence=0.5
    )
    assert p.latest_filing == start
    assert p.on_time_probability(start) >= 0.5
    for late in (start + ONE_DAY, start + 2 * ONE_DAY):
        assert p.on_time_probability(late) == 0.0, late


def test_on_time_probability_docstring_example_from_the_definition() -> None:
    points = ((Fraction(50), 75), (Fraction(80), 100), (Fraction(95), 130))
    p = mp.plan(
        "OPT", "2027-01-04", confidence=0.8, processing=mp.percentiles(dict(points)), filing="paper"
    )
    approval = date(2027, 1, 4) - timedelta(days=OPT_MAILING_DAYS)
    assert p.milestone("approval").date == approval
    # 2026-12-21 - 100 days is Saturday 2026-09-12: the receipt rolls back to Friday.
    assert p.latest_filing == date(2026, 9, 11)
    for filing in (date(2026, 9, 11), date(2026, 9, 14), date(2026, 10, 1), date(2026, 6, 1)):
        expected = float(percentile_share(points, (approval - filing).days))
        assert p.on_time_probability(filing) == pytest.approx(expected, abs=1e-12), filing
    assert p.on_time_probability("2026-09-12") == p.on_time_probability("2026-09-14")


FIRST_PREMIUM_PLAN_START = date(2023, 5, 1)
"""Early enough that the premium filing falls soon after premium began (2023-03-06)."""


@given(st.dates(min_value=FIRST_PREMIUM_PLAN_START, max_value=date(2028, 12, 31)))
def test_premium_on_time_probability_never_increases_as_filing_moves_later(start: date) -> None:
    """The docstring's law, for premium plans too (see the example below for the bug)."""
    p = mp.plan("OPT", start, premium=True, filing="paper")
    first = p.latest_filing - timedelta(days=250)
    shares = [p.on_time_probability(first + timedelta(days=i)) for i in range(280)]
    worse = [
        (first + timedelta(days=i), a, b)
        for i, (a, b) in enumerate(itertools.pairwise(shares))
        if a < b
    ]
    assert not worse, worse[:3]


def test_premium_filing_before_premium_began_is_not_worse() -> None:
    """plan("OPT", "2023-05-01", premium=True) files by 2023-03-17.

    Bug: on_time_probability is 0.0 for a filing on 2023-03-03 (before premium
    processing began, 2023-03-06) and 1.0 on 2023-03-06, so filing earlier
    lowers the share, against the docstring ("It never decreases as the filing
    moves earlier"). USCIS took premium upgrades of pending OPT cases from
    2023-03-06, so a case filed on 2023-03-03 can be upgraded that day."""
    p = mp.plan("OPT", FIRST_PREMIUM_PLAN_START, premium=True, filing="paper")
    assert p.latest_filing == date(2023, 3, 17)
    assert p.on_time_probability("2023-03-06") == 1.0
    assert p.on_time_probability("2023-03-03") >= p.on_time_probability("2023-03-06")


# -- 3, 4, 5: what the confidence does to the plan ------------------------------------


@given(estimate_plan_cases(), st.data())
def test_higher_confidence_never_moves_latest_dates_later(
    case: EstimatePlanCase, data: st.DataObject
) -> None:
    top = case.processing.top if isinstance(case.processing, PercentileCase) else Fraction(1)
    other = data.draw(confidences_up_to(top), label="other")
    low, high = sorted((case.confidence, other))
    cautious, bold = _plan(case, high), _plan(case, low)
    assert cautious.latest_filing <= bold.latest_filing
    assert cautious.latest_offer <= bold.latest_offer


@given(estimate_plan_cases(), st.booleans())
def test_plan_uses_the_smallest_covering_amount(case: EstimatePlanCase, as_float: bool) -> None:
    amount = _oracle_amount(case, case.confidence)
    unit = case.estimate.unit
    p = _plan(case, spell_confidence(case.confidence, as_float))
    bound = mp.plan(case.authorization, case.start, processing=Lead(amount, unit), filing="paper")
    assert (p.latest_filing, p.latest_offer) == (bound.latest_filing, bound.latest_offer)
    assert p.milestone("filing").lead == Lead(amount, unit)
    # The confidence travels with the plan and every step's milestone.
    assert p.confidence == float(case.confidence)
    steps = [m for m in p.milestones if m.lead is not None]
    assert len(steps) >= 3
    assert all(m.confidence == float(case.confidence) for m in steps)


@given(estimate_plan_cases(unit="days"))
def test_latest_filing_in_calendar_days_from_the_oracle_amount(case: EstimatePlanCase) -> None:
    amount = _oracle_amount(case, case.confidence)
    if case.authorization == "OPT":
        # The I-765 receipt is on a USCIS business day, 14 mailing days before the start.
        unrolled = case.start - timedelta(days=OPT_MAILING_DAYS + amount)
        expected = calendars.federal().previous_business_day(unrolled)
        assert expected <= unrolled
    else:  # CPT and AT file with the school on any day
        expected = case.start - timedelta(days=amount)
    assert _plan(case).latest_filing == expected


@given(
    st.sampled_from(("CPT", "OPT", "AT")),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 200),
    st.sampled_from((Unit.DAYS, Unit.BUSINESS_DAYS)),
    confidences_up_to(),
)
def test_a_bound_covers_every_confidence(
    authorization: str, start: date, amount: int, unit: Unit, confidence: Fraction
) -> None:
    lead = Lead(amount, unit)
    sure = mp.plan(authorization, start, processing=lead, confidence=confidence)
    plain = mp.plan(authorization, start, processing=lead)
    assert (sure.latest_filing, sure.latest_offer) == (plain.latest_filing, plain.latest_offer)
    assert sure.on_time_probability(sure.latest_filing) == 1.0
    assert plain.confidence is None
    assert sure.confidence == float(confidence)


@given(estimate_plan_cases())
def test_no_confidence_plans_at_the_highest_percentile_or_largest_sample(
    case: EstimatePlanCase,
) -> None:
    if isinstance(case.processing, PercentileCase):
        top_amount = case.processing.points[-1][1]
    else:
        top_amount = max(case.processing.values)
    p = mp.plan(case.authorization, case.start, processing=case.estimate)
    bound = mp.plan(case.authorization, case.start, processing=Lead(top_amount, case.estimate.unit))
    assert (p.latest_filing, p.latest_offer) == (bound.latest_filing, bound.latest_offer)
    assert p.confidence is None
    assert all(m.confidence is None for m in p.milestones)


def test_milestones_without_a_confidence_say_none() -> None:
    p = mp.plan("CPT", "2027-01-04", processing=mp.samples([8, 10, 12], unit="business_days"))
    assert p.confidence is None
    assert all(m.confidence is None for m in p.milestones)


def test_estimates_in_other_steps_resolve_at_the_confidence() -> None:
    decision = mp.percentiles({50: 5, 90: 7}, unit="business_days")
    at_half = mp.plan("CPT", "2027-01-04", decision=decision, confidence=0.5)
    at_ninety = mp.plan("CPT", "2027-01-04", decision=decision, confidence=0.9)
    assert at_half.milestone("offer").lead == mp.business_days(5)
    assert at_ninety.milestone("offer").lead == mp.business_days(7)
    assert at_half.latest_filing == at_ninety.latest_filing
    school = calendars.mit()
    acceptance = at_half.milestone("acceptance").date
    assert school.business_days_between(at_half.latest_offer, acceptance) == 5
    assert school.business_days_between(at_ninety.latest_offer, acceptance) == 7


# -- 7: the recruiting cycle ------------------------------------------------------------


CYCLE_ESTIMATE = mp.percentiles({50: 6, 80: 10, 95: 15}, unit="business_days")


@pytest.mark.parametrize("confidence", [0.5, 0.8, 0.95, Fraction(2, 3)])
def test_check_cycle_rows_are_the_plans_at_the_confidence(confidence: float) -> None:
    cycle = mp.recruiting_cycle(2027)
    report = mp.check_cycle(cycle, confidence=confidence, processing=CYCLE_ESTIMATE)
    assert [row.authorization.value for row in report] == ["CPT", "OPT", "AT"]
    for row in report:
        p = mp.plan(
            row.authorization,
            cycle.term,
            processing=CYCLE_ESTIMATE,
            decision=mp.business_days(7),
            confidence=confidence,
        )
        assert row.latest_offer == p.latest_offer
        assert row.slack == (p.latest_offer - cycle.offers).days
        assert row.on_time == (cycle.offers <= p.latest_offer)


def test_check_cycle_higher_confidence_never_adds_slack() -> None:
    cycle = mp.recruiting_cycle(2027)
    slacks = [
        [row.slack for row in mp.check_cycle(cycle, confidence=c, processing=CYCLE_ESTIMATE)]
        for c in (0.3, 0.5, 0.8, 0.9, 0.95)
    ]
    for looser, stricter in itertools.pairwise(slacks):
        assert all(strict <= loose for loose, strict in zip(looser, stricter, strict=True)), slacks


def test_check_cycle_confidence_above_the_estimate_is_an_error() -> None:
    with pytest.raises(ValueError, match="99th percentile") as error:
        mp.check_cycle(mp.recruiting_cycle(2027), confidence=0.99, processing=CYCLE_ESTIMATE)
    assert isinstance(error.value, MicropathError)
    assert error.value.parameter == "confidence"  # type: ignore[attr-defined]


# -- 8: bad confidences -------------------------------------------------------------------


BAD_CONFIDENCES = [
    (0, ValueError),
    (-0.1, ValueError),
    (1.01, ValueError),
    (math.nan, ValueError),
    (math.inf, ValueError),
    (True, TypeError),
    ("0.9", TypeError),
]


def _names_confidence(error: pytest.ExceptionInfo[BaseException]) -> None:
    assert isinstance(error.value, MicropathError)
    assert error.value.parameter == "confidence"  # type: ignore[attr-defined]
    assert str(error.value).startswith("confidence must be")


@pytest.mark.parametrize(("confidence", "builtin"), BAD_CONFIDENCES)
@pytest.mark.parametrize(
    "call",
    [
        lambda c: mp.plan("OPT", "2027-01-04", confidence=c),
        lambda c: mp.plan("CPT", "2027-01-04", processing=mp.samples([9]), confidence=c),
        lambda c: mp.earliest_start("AT", "2026-10-25", confidence=c),
        lambda c: mp.check_cycle(mp.recruiting_cycle(2027), confidence=c),
        lambda c: mp.compare("OPT", "2027-01-04", confidence=c),
    ],
    ids=["plan-bounds", "plan-samples", "earliest_start", "check_cycle", "compare"],
)
def test_bad_confidence_is_named(call: object, confidence: object, builtin: type) -> None:
    with pytest.raises(builtin) as error:
        call(confidence)  # type: ignore[operator]
    _names_confidence(error)


@pytest.mark.parametrize(
    ("option", "confidence", "missing"),
    [
        ("processing", 0.9, "90th percentile"),
        ("processing", 0.96, "96th percentile"),
        ("decision", 0.99, "99th percentile"),
    ],
)
def test_confidence_above_an_estimates_top_names_the_step_and_percentile(
    option: str, confidence: float, missing: str
) -> None:
    estimate = (
        mp.percentiles({50: 75, 80: 100})
        if confidence == 0.9
        else mp.percentiles({50: 3, 95: 9}, unit="business_days")
    )
    with pytest.raises(ValueError, match=missing) as error:
        mp.plan("OPT", "2027-01-04", confidence=confidence, **{option: estimate})
    _names_confidence(error)
    assert f"the {option} estimate" in str(error.value)


def test_confidence_at_the_top_percentile_is_allowed() -> None:
    p = mp.plan("OPT", "2027-01-04", processing=mp.percentiles({50: 75, 80: 100}), confidence=0.8)
    assert p.milestone("filing").lead == mp.days(100)


def test_on_time_probability_rejects_a_bad_filing_date() -> None:
    p = mp.plan("CPT", "2027-01-04")
    with pytest.raises(ValueError, match=r"^filing must be") as error:
        p.on_time_probability("2026-02-30")
    assert isinstance(error.value, MicropathError)
    assert error.value.parameter == "filing"  # type: ignore[attr-defined]
