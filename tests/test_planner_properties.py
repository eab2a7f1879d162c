"""Laws of :func:`micropath.plan`, checked on random chains and made-up calendars.

Every case draws an authorization (CPT, OPT, AT; OPT with or without premium
processing), a first day of work, leads of 0-200 calendar days or 0-40
business days for any step (``strategies.plan_cases``), and two made-up
calendars (random weekmasks with at least one working day, closed days
scattered along the whole chain) passed as ``calendar={"school": ...,
"uscis": ...}``. Expected values come from ``oracles.run_chain``, a day-by-day
forward simulation written from "Date semantics" in ``shared/design.md``. The
laws:

1. Safety and maximality of ``latest_offer``: the chain begun on it has
   authorization in hand on or before the start; begun on the school's next
   business day after it, or on the calendar day after it, it does not.
2. The same for ``latest_filing``, running the chain from the filing on.
3. ``check(offer)`` agrees with the forward oracle: ``in_hand`` and each
   expected milestone date are the oracle's; ``on_time`` exactly when
   ``offer <= latest_offer`` (tight: ``latest_offer`` is on time, the day
   after is not); ``in_hand <= start`` exactly when ``on_time``;
   ``slack == (latest_offer - offer).days``. (A premium filing made before
   premium processing existed waits for its first day, 2023-03-06.)
4. Premium processing: ``plan`` raises ``OutOfRangeError`` (parameter
   ``premium``) exactly when not even a filing on the first day premium
   existed (2023-03-06) makes the start.
5. Monotonicity in the leads: a longer lead never moves ``latest_offer`` or
   ``latest_filing`` later.
6. Monotonicity in the calendars: more closed days (including closing the
   plan's own milestone dates) and fewer working weekdays never move them later.
7. Monotonicity in the start: a later start never moves them earlier.
8. Stability: planning again (also with equal, rebuilt calendars, or with a
   Term for the start) gives an equal plan; planning from the day the oracle
   delivers authorization when beginning on ``latest_offer`` (or on
   ``latest_filing``) gives back the same latest date.
9. ``earliest_start`` inverts ``plan``: S = earliest_start(offer) admits the
   offer with a feasible plan, and S - 1 day does not; without a filing window
   S is exactly the day the oracle delivers when the chain begins on the offer.
   With premium processing, the same two halves. With a filing window: None
   only if no start admits the offer (none of the next 400 days does; a window
   shorter than the steps from the filing on always gives None), else the same
   two halves.
10. Milestones: in date order; each names its step's lead (premium: the rule in
    force on the filing date); a business-day step with a non-zero lead begins
    on a business day of its actor; the OPT filing is a USCIS business day;
    ``stepped_over`` is exactly the closed days inside a business-day step
    plus those a roll back passed over; the offer and filing milestones are
    ``latest_offer`` and ``latest_filing``.
11. Filing windows: with ``filing_window`` (calendar days) and
    ``academic_year_completes``, ``earliest_filing`` is the first allowed day
    (on a USCIS business day for OPT), the plan is feasible exactly when it is
    on or before ``latest_filing`` and the start is not before the academic
    year completes; the latest dates do not depend on the window.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import oracles
import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st
from strategies import (
    PLANNER_OPTIONS,
    CalendarCase,
    PlanCase,
    plan_cases,
    planner_closed_days,
    weekmask_string,
)

import micropath as mp
from micropath import Calendar, OutOfRangeError, Plan

ONE_DAY = timedelta(days=1)
PREMIUM_FIRST = date(2023, 3, 6)


def make_plan(case: PlanCase, start: date | None = None, **overrides: object) -> Plan | None:
    """The plan for *case*, or None when premium processing cannot reach the start."""
    options = {**case.options, **overrides}
    try:
        return mp.plan(case.authorization, case.start if start is None else start, **options)
    except OutOfRangeError as error:
        if error.parameter != "premium":
            raise
        assert case.premium
        return None


def planned(case: PlanCase, start: date | None = None, **overrides: object) -> Plan:
    result = make_plan(case, start, **overrides)
    assume(result is not None)
    assert result is not None
    return result


def next_open_after(is_open: oracles.IsOpen, day: date) -> date:
    return oracles.first_open_on_or_after(is_open, day + ONE_DAY)


# -- 1, 2: safety and maximality -------------------------------------------------


@given(plan_cases())
def test_latest_dates_are_safe_and_the_next_day_is_not(case: PlanCase) -> None:
    p = planned(case)
    chain = case.chain()
    offer = p.latest_offer
    note(f"trace from latest_offer: {oracles.trace_chain(chain, offer)}")
    assert oracles.safe(chain, offer, case.start)
    assert not oracles.safe(chain, next_open_after(chain[0].is_open, offer), case.start)
    assert not oracles.safe(chain, offer + ONE_DAY, case.start)

    tail = oracles.filing_part(chain)
    filing = p.latest_filing
    note(f"trace from latest_filing: {oracles.trace_chain(tail, filing)}")
    assert oracles.safe(tail, filing, case.start)
    assert not oracles.safe(tail, next_open_after(tail[0].is_open, filing), case.start)
    assert not oracles.safe(tail, filing + ONE_DAY, case.start)


# -- 3: the forward check ----------------------------------------------------------


def _check_agrees_with_the_forward_oracle(case: PlanCase, offset: int) -> None:
    p = planned(case)
    assert p.feasible  # no window, no eligibility options: always feasible
    offer = p.latest_offer + timedelta(days=offset)
    verdict = p.check(offer)
    chain = case.chain()
    try:
        trace = oracles.trace_chain(chain, offer)
    except oracles.PremiumUnavailable:
        trace = None
    note(f"oracle trace: {trace}; verdict: {verdict}")
    assert verdict.offer == offer
    assert verdict.latest_offer == p.latest_offer
    assert verdict.slack == (p.latest_offer - offer).days
    assert verdict.on_time == (offer <= p.latest_offer)
    if trace is None:
        assert verdict.in_hand is None
    else:
        assert verdict.in_hand == trace[-1][1]
        assert [day for _, day in verdict.expected] == [day for _, day in trace]
    assert verdict.on_time == (verdict.in_hand is not None and verdict.in_hand <= case.start)
    # Tight: latest_offer itself is on time, the day after is not.
    on_the_day, day_after = p.check(p.latest_offer), p.check(p.latest_offer + ONE_DAY)
    assert (on_the_day.on_time, on_the_day.slack) == (True, 0)
    assert (day_after.on_time, day_after.slack) == (False, -1)


@given(plan_cases(premium=False), st.integers(-60, 60))
def test_check_agrees_with_the_forward_oracle(case: PlanCase, offset: int) -> None:
    _check_agrees_with_the_forward_oracle(case, offset)


@given(plan_cases(authorizations=("OPT",), premium=True), st.integers(-60, 60))
def test_premium_check_agrees_with_the_forward_oracle(case: PlanCase, offset: int) -> None:
    _check_agrees_with_the_forward_oracle(case, offset)


# -- 4: premium availability -----------------------------------------------------------


@given(plan_cases(authorizations=("OPT",), premium=True))
def test_premium_is_an_error_exactly_when_no_premium_filing_makes_the_start(
    case: PlanCase,
) -> None:
    tail = oracles.filing_part(case.chain())
    first_filing = oracles.step_begin(tail[0], PREMIUM_FIRST)
    possible = oracles.safe(tail, first_filing, case.start)
    note(f"first premium filing {first_filing}: {oracles.trace_chain(tail, first_filing)}")
    if possible:
        p = mp.plan(case.authorization, case.start, **case.options)
        assert p.latest_filing >= PREMIUM_FIRST
    else:
        with pytest.raises(OutOfRangeError) as info:
            mp.plan(case.authorization, case.start, **case.options)
        assert info.value.parameter == "premium"
        assert isinstance(info.value, mp.MicropathError)
        assert isinstance(info.value, ValueError)


# -- 5, 6, 7: monotonicity --------------------------------------------------------------


def _default_parts(authorization: str, option: str) -> tuple[int, bool]:
    row = next(r for r in oracles.DEFAULT_CHAINS[authorization] if r[0] == option)
    return row[1], row[2]


@given(plan_cases(), st.data())
def test_longer_leads_never_move_dates_later(case: PlanCase, data: st.DataObject) -> None:
    p = planned(case)
    longer = dict(case.leads)
    for option in PLANNER_OPTIONS[case.authorization]:
        if case.premium and option == "processing":
            continue
        extra = data.draw(st.integers(0, 30), label=f"extra {option}")
        value = case.leads[option]
        amount, business = (
            _default_parts(case.authorization, option)
            if value is None
            else oracles.lead_parts(value)
        )
        longer[option] = (mp.business_days if business else mp.days)(amount + extra)
    q = planned(dataclasses.replace(case, leads=longer))
    assert q.latest_offer <= p.latest_offer
    assert q.latest_filing <= p.latest_filing


_FEWER_WEEKDAYS = st.frozensets(st.integers(0, 6))
_TARGET_INDEXES = st.frozensets(st.integers(0, 30), max_size=3)


@st.composite
def _more_closed(
    draw: st.DrawFn, calendar_case: CalendarCase, targets: list[date], reach: int
) -> CalendarCase:
    """The calendar closed on more days (some of them *targets*, others near the
    chain) and, sometimes, on more weekdays."""
    week = calendar_case.week
    weekdays = (week.weekdays - draw(_FEWER_WEEKDAYS)) or week.weekdays
    hit = {targets[i % len(targets)] for i in draw(_TARGET_INDEXES)}
    near = draw(planner_closed_days(max(targets), reach))
    closed = week.closed | hit | near
    calendar = Calendar(sorted(closed), weekmask=weekmask_string(weekdays))
    return CalendarCase(calendar, oracles.Workdays(weekdays, closed))


@given(plan_cases(), st.data())
def test_more_closed_days_never_move_dates_later(case: PlanCase, data: st.DataObject) -> None:
    p = planned(case)
    targets = sorted({m.date for m in p.milestones})
    reach = (case.start - p.latest_offer).days + 30
    school = data.draw(_more_closed(case.school, targets, reach), label="school")
    uscis = data.draw(_more_closed(case.uscis, targets, reach), label="uscis")
    q = planned(dataclasses.replace(case, school=school, uscis=uscis))
    assert q.latest_offer <= p.latest_offer
    assert q.latest_filing <= p.latest_filing


@given(plan_cases(), st.integers(1, 60))
def test_a_later_start_never_moves_dates_earlier(case: PlanCase, days: int) -> None:
    p = planned(case)
    later = make_plan(case, case.start + timedelta(days=days))
    assert later is not None  # premium that reaches one start reaches a later one
    assert later.latest_offer >= p.latest_offer
    assert later.latest_filing >= p.latest_filing


# -- 8: stability ----------------------------------------------------------------------


@given(plan_cases())
def test_planning_again_changes_nothing(case: PlanCase) -> None:
    p = planned(case)
    assert planned(case) == p
    rebuilt = {
        actor: Calendar(sorted(c.week.closed), weekmask=weekmask_string(c.week.weekdays))
        for actor, c in (("school", case.school), ("uscis", case.uscis))
    }
    assert planned(case, calendar=rebuilt) == p
    term = mp.Term(case.start, case.start + timedelta(days=25), name="work")
    with_term = mp.plan(case.authorization, term, **case.options)
    assert with_term == p
    assert with_term.term == term
    assert with_term.start == case.start
    assert p.check(p.latest_offer).on_time
    # Planning from the day the answer delivers authorization gives the answer back.
    chain = case.chain()
    delivered = oracles.run_chain(chain, p.latest_offer)
    assert delivered <= case.start
    again = make_plan(case, delivered)
    # An earlier start may need a filing before premium processing began (make_plan: None).
    assume(again is not None or case.premium)
    assume(again is not None)
    assert again is not None
    assert again.latest_offer == p.latest_offer
    filed = oracles.run_chain(oracles.filing_part(chain), p.latest_filing)
    again = make_plan(case, filed)
    assume(again is not None or case.premium)
    assume(again is not None)
    assert again is not None
    assert again.latest_filing == p.latest_filing


# -- 9: earliest_start --------------------------------------------------------------------


def _admits(case: PlanCase, start: date, offer: date, **overrides: object) -> bool:
    p = make_plan(case, start, **overrides)
    return p is not None and p.feasible and p.latest_offer >= offer


@given(plan_cases(premium=False), st.integers(0, 400))
def test_earliest_start_inverts_plan(case: PlanCase, before: int) -> None:
    offer = case.start - timedelta(days=before)
    first = mp.earliest_start(case.authorization, offer, **case.options)
    assert first is not None  # no window, no eligibility rule: some start admits any offer
    # The earliest start is exactly the day the chain begun on the offer delivers.
    assert first == oracles.run_chain(case.chain(), offer)
    p = planned(case, first)
    assert p.feasible
    assert p.latest_offer >= offer
    assert not _admits(case, first - ONE_DAY, offer)


@given(plan_cases(authorizations=("OPT",), premium=True), st.integers(0, 400))
def test_earliest_start_inverts_plan_with_premium(case: PlanCase, before: int) -> None:
    offer = case.start - timedelta(days=before)
    first = mp.earliest_start(case.authorization, offer, **case.options)
    assert first is not None  # a late enough start always admits the offer
    assert _admits(case, first, offer)
    assert not _admits(case, first - ONE_DAY, offer)


@given(plan_cases(premium=False), st.integers(0, 400), st.integers(0, 400), st.integers(-5, 40))
def test_earliest_start_with_a_filing_window(
    case: PlanCase, before: int, any_window: int, near_shortest: int
) -> None:
    offer = case.start - timedelta(days=before)
    # Every step from the filing on takes at least its amount in calendar days, so a
    # window shorter than their sum never opens by the latest filing. Windows just
    # longer than that are feasible only for some starts: draw them half the time.
    shortest = sum(step.amount for step in oracles.filing_part(case.chain()))
    window = any_window if any_window % 2 else max(0, shortest + near_shortest)
    first = mp.earliest_start(case.authorization, offer, filing_window=window, **case.options)
    # Without the window the earliest start is the day the oracle delivers (law 9); the
    # window can only push it later.
    unconstrained = oracles.run_chain(case.chain(), offer)
    if window < shortest:
        assert first is None
    elif first is None:
        # "None if no start admits it": none does, over the next 400 days at least.
        for days in range(400):
            day = unconstrained + timedelta(days=days)
            assert not _admits(case, day, offer, filing_window=window), day
    else:
        assert first >= unconstrained
        assert _admits(case, first, offer, filing_window=window)
        assert not _admits(case, first - ONE_DAY, offer, filing_window=window)


# -- 10: milestones -------------------------------------------------------------------------


@given(plan_cases())
def test_milestones_are_ordered_and_on_business_days(case: PlanCase) -> None:
    p = planned(case)
    chain = case.chain()
    milestones = p.milestones
    days = [m.date for m in milestones]
    assert days == sorted(days)
    assert milestones[0].name == "offer"
    assert milestones[0].date == p.latest_offer
    assert p.milestone("filing").date == p.latest_filing
    assert milestones[-1].name == "start"
    assert milestones[-1].date == case.start
    steps = milestones[: len(chain)]
    for i, (step, milestone) in enumerate(zip(chain, steps, strict=True)):
        deadline = milestones[i + 1].date
        assert milestone.deadline == deadline
        amount, business = step.amount, step.business
        if step.premium:
            rule = oracles.premium_lead(milestone.date)
            assert rule is not None
            amount, business = rule
        assert milestone.lead is not None
        assert (milestone.lead.amount, milestone.lead.business) == (amount, business)
        if step.on_business_day or (business and amount > 0):
            assert step.is_open(milestone.date), milestone
        # stepped_over: closed days inside a business-day step, and those a roll passed over.
        expected = set()
        if business and amount > 0:
            expected |= {
                milestone.date + timedelta(days=k)
                for k in range((deadline - milestone.date).days)
                if not step.is_open(milestone.date + timedelta(days=k))
            }
        if milestone.rolled_from is not None:
            assert step.on_business_day
            assert not step.is_open(milestone.rolled_from)
            expected |= {
                milestone.date + timedelta(days=k)
                for k in range(1, (milestone.rolled_from - milestone.date).days + 1)
            }
        assert {c.date for c in milestone.stepped_over} == expected


# -- 11: filing windows ---------------------------------------------------------------------


@given(
    plan_cases(),
    st.one_of(st.none(), st.integers(0, 400)),
    st.one_of(st.none(), st.integers(-200, 60)),
)
def test_filing_window_and_academic_year(
    case: PlanCase, window: int | None, completes_after_start: int | None
) -> None:
    completes = (
        None
        if completes_after_start is None
        else case.start + timedelta(days=completes_after_start)
    )
    p = planned(case)
    q = planned(case, filing_window=window, academic_year_completes=completes)
    assert (q.latest_offer, q.latest_filing) == (p.latest_offer, p.latest_filing)
    filing_step = oracles.filing_part(case.chain())[0]
    opens = []
    if window is not None:
        opens.append(case.start - timedelta(days=window))
    if completes is not None and case.authorization == "OPT":
        opens.append(completes - timedelta(days=90))
    if opens:
        expected = oracles.step_begin(filing_step, max(opens))
        assert q.earliest_filing == expected
    else:
        assert q.earliest_filing is None
    too_early = completes is not None and case.start < completes
    window_shut = q.earliest_filing is not None and q.earliest_filing > q.latest_filing
    assert q.feasible == (not too_early and not window_shut)
    assert q.check(q.latest_offer).on_time == q.feasible
