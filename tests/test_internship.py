"""What an internship uses up, and what about it deserves a second look:
:func:`opt_days_used`, :func:`cpt_full_time_days`, :func:`at_months_used`,
:class:`Period`, :class:`Internship` and its notices, :func:`minimum_wage`.

The references are ``oracles.daily_rates``: walk every day each period covers and
keep the highest rate on it (full time, more than 20 hours a week, is 1; part
time is 1/2), and :func:`cpt_days_by_day` below: walk every day and add up the
hours a week of the periods covering it. The laws:

1. Each usage agrees with the day-by-day oracles: OPT sums the rates, CPT
   counts days whose periods add up to more than 20 hours a week (or, with
   ``add_concurrent_hours=False``, days under a full-time period), AT counts
   covered days; overlapping periods count each day once.
2. Additive over disjoint periods: usage(A + B) == usage(A) + usage(B) when no
   day of A is a day of B (drawn laid end to end, so provably disjoint).
3. OPT and AT are idempotent, usage(periods + periods) == usage(periods); CPT is
   not (the same part-time period twice is two concurrent jobs) except with
   ``add_concurrent_hours=False``. Order never matters.
4. Derived values: ``days_remaining`` is the allowance minus the days used,
   never below 0; ``ends_opt_eligibility`` exactly from 365 full-time days; the
   CPT notice exactly from ``365 - warn_within``; the AT limit is
   ``min(18, program_months)``, or ``min(36, program_months)`` for post-doctoral
   AT; ``exceeds_limit`` exactly past the limit in average months.
5. Bad input (negative or NaN hours, negative pay, an end before the start,
   periods given as a str or holding something else, a non-bool switch) raises a
   ``MicropathError`` that is also ``ValueError``/``TypeError`` naming the parameter.
6. Each notice cites the source of the rule it states, and that source exists.
7. Each notice is a :class:`~micropath.findings.Finding` of severity ``notice``:
   its parameters are the values it is about, its sentence (``str``) is written
   from them by ``views.text``, and ``finding_dict`` gives it as JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oracles import covered_days_by_day, full_time_days_by_day, opt_days_by_day
from strategies import disjoint_period_groups, work_periods

import micropath as mp
from micropath import (
    Internship,
    MicropathError,
    Period,
    at_months_used,
    cpt_full_time_days,
    iap,
    minimum_wage,
    opt_days_used,
)
from micropath.findings import Finding
from micropath.views.text import finding_dict

DAYS_PER_MONTH = 365.25 / 12


def _spans(periods: Sequence[Period | Internship]) -> list[tuple[date, date, float]]:
    out = []
    for item in periods:
        if isinstance(item, Internship):
            out.append((item.term.start, item.term.end, item.hours_per_week))
        else:
            out.append((item.start, item.end, item.hours_per_week))
    return out


PERIOD_LISTS = st.lists(work_periods(), max_size=8)


def cpt_days_by_day(
    spans: list[tuple[date, date, float]], *, add_concurrent_hours: bool = True
) -> tuple[int, int]:
    """Oracle: (full-time CPT days, of which full time only by adding concurrent hours).

    Steps through every day each (start, end, hours) span covers and lists the hours
    on it; hours are taken as the decimals they print as, added exactly."""
    hours_on: dict[date, list[Fraction]] = {}
    for start, end, hours in spans:
        day = start
        while day <= end:
            hours_on.setdefault(day, []).append(Fraction(repr(float(hours))))
            if day == date.max:
                break
            day += timedelta(days=1)
    full = concurrent = 0
    for on_day in hours_on.values():
        alone = any(h > 20 for h in on_day)
        together = add_concurrent_hours and sum(on_day) > 20
        full += alone or together
        concurrent += together and not alone
    return full, concurrent


# -- 1: agreement with the day-by-day oracle --------------------------------------------


@given(PERIOD_LISTS, st.integers(1, 400), st.integers(1, 30))
def test_usage_agrees_with_the_day_by_day_oracle(
    periods: list[Period], allowance: int, program_months: int
) -> None:
    spans = _spans(periods)
    opt = opt_days_used(periods, allowance_days=allowance)
    assert opt.days_used == float(opt_days_by_day(spans))
    assert opt.allowance_days == allowance
    assert opt.days_remaining == max(0.0, allowance - float(opt_days_by_day(spans)))
    cpt = cpt_full_time_days(periods)
    assert (cpt.full_time_days, cpt.concurrent_days) == cpt_days_by_day(spans)
    alone = cpt_full_time_days(periods, add_concurrent_hours=False)
    assert (alone.full_time_days, alone.concurrent_days) == (full_time_days_by_day(spans), 0)
    at = at_months_used(periods, program_months)
    assert at.days_used == covered_days_by_day(spans)
    assert at.months_used == pytest.approx(at.days_used / DAYS_PER_MONTH)
    assert at.limit_months == min(18, program_months)


@given(work_periods(), st.integers(0, 20), st.integers(0, 20))
def test_overlapping_full_time_periods_count_each_day_once(
    period: Period | Internship, before: int, after: int
) -> None:
    base = period.period if isinstance(period, Internship) else period
    full = Period(base.start, base.end, hours_per_week=40)
    wider = Period(
        base.start - timedelta(days=before), base.end + timedelta(days=after), hours_per_week=35
    )
    part = Period(base.start, base.end, hours_per_week=10)
    span_days = (wider.end - wider.start).days + 1
    assert opt_days_used([full, wider, part, full]).days_used == span_days
    assert cpt_full_time_days([wider, full, part]).full_time_days == span_days
    assert at_months_used([part, wider], 12).days_used == span_days


# -- 2, 3: additivity, idempotence, order -------------------------------------------------


@given(disjoint_period_groups())
def test_usage_is_additive_over_disjoint_periods(groups: tuple[list[Period], list[Period]]) -> None:
    first, second = groups
    days_first = {d for p in first for d in _days(p)}
    assert days_first.isdisjoint(d for p in second for d in _days(p))  # drawn disjoint
    both = first + second
    assert (
        opt_days_used(both).days_used
        == opt_days_used(first).days_used + opt_days_used(second).days_used
    )
    assert (
        cpt_full_time_days(both).full_time_days
        == cpt_full_time_days(first).full_time_days + cpt_full_time_days(second).full_time_days
    )
    assert (
        at_months_used(both, 18).days_used
        == at_months_used(first, 18).days_used + at_months_used(second, 18).days_used
    )


def _days(period: Period) -> list[date]:
    return [period.start + timedelta(days=i) for i in range(period.days)]


@given(PERIOD_LISTS, st.randoms(use_true_random=False))
def test_usage_is_idempotent_and_order_free(periods: list[Period], rnd: object) -> None:
    twice = periods + periods
    assert opt_days_used(twice) == opt_days_used(periods)
    assert at_months_used(twice, 12) == at_months_used(periods, 12)
    # CPT: the same period twice is two concurrent jobs, so hours add up ...
    assert cpt_full_time_days(twice).full_time_days == cpt_days_by_day(_spans(twice))[0]
    assert cpt_full_time_days(twice).full_time_days >= cpt_full_time_days(periods).full_time_days
    # ... unless concurrent hours are not added.
    assert cpt_full_time_days(twice, add_concurrent_hours=False) == cpt_full_time_days(
        periods, add_concurrent_hours=False
    )
    shuffled = list(periods)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert opt_days_used(shuffled) == opt_days_used(periods)
    assert cpt_full_time_days(iter(shuffled)) == cpt_full_time_days(periods)
    assert at_months_used(tuple(shuffled), 12) == at_months_used(periods, 12)


# -- 4: derived values -----------------------------------------------------------------------


def _full_time_run(days: int) -> Period:
    return Period(date(2024, 1, 1), date(2024, 1, 1) + timedelta(days=days - 1), hours_per_week=40)


@pytest.mark.parametrize(
    ("days", "warn_within", "notice", "ends"),
    [
        (304, 60, False, False),
        (305, 60, True, False),
        (364, 60, True, False),
        (365, 60, True, True),
        (400, 60, True, True),
        (364, 0, False, False),
        (365, 0, True, True),
        (200, 165, True, False),
        (199, 165, False, False),
    ],
)
def test_cpt_notice_and_the_365_day_limit(
    days: int, warn_within: int, notice: bool, ends: bool
) -> None:
    usage = cpt_full_time_days([_full_time_run(days)], warn_within=warn_within)
    assert usage.full_time_days == days
    assert [n.code for n in usage.notices] == (["cpt-limit"] if notice else [])
    assert usage.ends_opt_eligibility is ends


def test_part_time_cpt_never_counts_toward_the_limit() -> None:
    part = Period("2024-01-01", "2025-12-31", hours_per_week=20)
    usage = cpt_full_time_days([part])
    assert usage.full_time_days == 0
    assert not usage.ends_opt_eligibility
    assert usage.notices == ()


@pytest.mark.parametrize(
    ("program_months", "limit"), [(1, 1), (12, 12), (17, 17), (18, 18), (19, 18), (48, 18)]
)
def test_at_limit_is_the_shorter_of_18_months_and_the_program(
    program_months: int, limit: int
) -> None:
    jan = Period("2025-01-06", "2025-01-31", hours_per_week=15)
    usage = at_months_used([jan], program_months)
    assert usage.limit_months == limit
    assert usage.days_used == 26  # part-time AT counts as full time
    assert usage.months_remaining == pytest.approx(max(0.0, limit - 26 / DAYS_PER_MONTH))


BRIEF_AT = Period("2027-01-04", "2027-01-29", hours_per_week=40)


@pytest.mark.parametrize(
    ("program_months", "postdoctoral", "limit"),
    [
        (1, False, 1), (12, False, 12), (18, False, 18), (19, False, 18), (36, False, 18),
        (60, False, 18),
        (1, True, 1), (12, True, 12), (18, True, 18), (24, True, 24), (35, True, 35),
        (36, True, 36), (37, True, 36), (60, True, 36),
    ],
)  # fmt: skip
def test_at_limit_by_program_length_and_post_doctoral_training(
    program_months: int, postdoctoral: bool, limit: int
) -> None:
    usage = at_months_used([BRIEF_AT], program_months=program_months, postdoctoral=postdoctoral)
    assert usage.limit_months == limit
    assert usage.postdoctoral is postdoctoral
    assert usage.days_used == 26
    assert usage.months_remaining == pytest.approx(limit - 26 / DAYS_PER_MONTH)
    assert not usage.exceeds_limit


def _at_days(days: int) -> Period:
    return Period(date(2020, 1, 1), date(2020, 1, 1) + timedelta(days=days - 1), hours_per_week=10)


@pytest.mark.parametrize(
    ("days", "program_months", "postdoctoral", "exceeds"),
    [
        (547, 60, False, False),  # 18 average months are 547.875 days
        (548, 60, False, True),
        (548, 60, True, False),  # post-doctoral: 36 months
        (1095, 60, True, False),  # 36 average months are 1095.75 days
        (1096, 60, True, True),
        (1096, 36, True, True),
        (730, 24, False, True),  # 18 months, not the program's 24
        (730, 24, True, False),  # the program's 24 months (730.5 days) cap post-docs too
        (731, 24, True, True),
        (365, 12, True, False),
        (366, 12, True, True),
        (487, 16, False, False),  # exactly 16 average months: at the limit, not past it
        (488, 16, False, True),
    ],
)
def test_at_exceeds_limit_flag(
    days: int, program_months: int, postdoctoral: bool, exceeds: bool
) -> None:
    usage = at_months_used([_at_days(days)], program_months, postdoctoral=postdoctoral)
    assert usage.days_used == days
    assert usage.exceeds_limit is exceeds
    assert (usage.months_remaining == 0.0) is (exceeds or usage.months_used == usage.limit_months)


@given(st.integers(0, 5000), st.integers(1, 40))
def test_at_exceeds_limit_exactly_past_the_limit_in_average_months(days: int, limit: int) -> None:
    usage = mp.AtUsage(days, limit)
    assert usage.exceeds_limit is (Fraction(days) * 12 / Fraction(36525, 100) > limit)


def test_at_months_remaining_never_goes_below_zero() -> None:
    long = Period("2020-01-01", "2022-12-31", hours_per_week=40)
    usage = at_months_used([long], 12)
    assert usage.months_used > 12
    assert usage.months_remaining == 0.0


# -- concurrent part-time CPT (school guidance) ---------------------------------------------


def _june(first: int, last: int, hours: float) -> Period:
    return Period(date(2027, 6, first), date(2027, 6, last), hours_per_week=hours)


def test_two_concurrent_15_hour_summer_jobs_are_full_time_cpt() -> None:
    summer = Period("2027-06-01", "2027-08-31", hours_per_week=15)
    usage = cpt_full_time_days([summer] * 2)
    assert (usage.full_time_days, usage.concurrent_days) == (92, 92)  # June 1 - August 31
    assert [n.code for n in usage.notices] == ["cpt-concurrent"]
    assert cpt_full_time_days([summer]).full_time_days == 0
    assert cpt_full_time_days([summer] * 2, add_concurrent_hours=False).full_time_days == 0


@pytest.mark.parametrize(
    ("periods", "full", "concurrent"),
    [
        ([_june(1, 30, 15)], 0, 0),
        ([_june(1, 30, 20)], 0, 0),  # exactly 20 alone: part time
        ([_june(1, 30, 20.5)], 30, 0),
        ([_june(1, 30, 10), _june(1, 30, 10)], 0, 0),  # exactly 20 together: part time
        ([_june(1, 30, 10), _june(1, 30, 10.5)], 30, 30),  # 20.5 together: full time
        ([_june(1, 30, 6.7), _june(1, 30, 6.7), _june(1, 30, 6.6)], 0, 0),  # 20 as written
        ([_june(1, 30, 19.8), _june(1, 30, 0.1), _june(1, 30, 0.1)], 0, 0),  # floats: 20.000...04
        ([_june(1, 30, 6.7)] * 3, 30, 30),  # 20.1
        ([_june(1, 10, 15), _june(6, 20, 15)], 5, 5),  # partial overlap: June 6-10
        ([_june(1, 10, 15), _june(11, 20, 15)], 0, 0),  # adjacent: no day shared
        ([_june(1, 10, 15), _june(10, 20, 15)], 1, 1),  # one-day overlap: June 10
        ([_june(1, 30, 12), _june(10, 19, 9)], 10, 10),  # nested: 21 on June 10-19
        ([_june(1, 30, 7), _june(1, 20, 7), _june(11, 30, 7)], 10, 10),  # three: June 11-20
        ([_june(1, 30, 0), _june(1, 30, 20)], 0, 0),
        ([_june(1, 30, 0), _june(1, 30, 20.5)], 30, 0),
        ([_june(1, 30, 30), _june(10, 19, 15)], 30, 0),  # full time alone wins, no double count
        ([_june(1, 30, 40), _june(1, 30, 40)], 30, 0),
        ([_june(1, 10, 25), _june(5, 20, 12), _june(5, 20, 12)], 20, 10),  # 24 on June 11-20
        ([Internship.between("2027-06-01", "2027-06-30", hours_per_week=15), _june(21, 30, 10)],
         10, 10),
    ],
)  # fmt: skip
def test_concurrent_part_time_cpt_edge_cases(
    periods: list[Period | Internship], full: int, concurrent: int
) -> None:
    usage = cpt_full_time_days(periods)
    assert (usage.full_time_days, usage.concurrent_days) == (full, concurrent)
    assert ("cpt-concurrent" in [n.code for n in usage.notices]) is (concurrent > 0)
    assert cpt_days_by_day(_spans(periods)) == (full, concurrent)
    alone = cpt_full_time_days(periods, add_concurrent_hours=False)
    assert alone.full_time_days == full - concurrent
    assert (alone.concurrent_days, alone.notices) == (0, ())


def test_concurrent_days_count_toward_the_365_day_limit() -> None:
    year = Period("2026-01-01", "2026-12-31", hours_per_week=12)
    usage = cpt_full_time_days([year, year])
    assert (usage.full_time_days, usage.concurrent_days) == (365, 365)
    assert usage.ends_opt_eligibility
    assert [n.code for n in usage.notices] == ["cpt-limit", "cpt-concurrent"]
    assert str(usage.notices[1]).startswith("365 day(s) count as full time only because")


def _crowded_period(start: int, length: int, hours: float) -> Period:
    first = date(2027, 6, 1) + timedelta(days=start)
    return Period(first, first + timedelta(days=length), hours_per_week=hours)


CROWDED_HOURS = st.one_of(
    st.sampled_from((0, 0.1, 5, 6.6, 6.7, 7, 9.5, 10, 10.5, 12.5, 15, 19.5, 19.8, 20, 20.5, 40)),
    st.floats(0, 25, allow_nan=False),
)
CROWDED = st.lists(
    st.builds(_crowded_period, st.integers(0, 20), st.integers(0, 15), CROWDED_HOURS), max_size=6
)
"""Periods within a few weeks of each other, so that most overlap, at hours whose sums
often land on, just under or just over 20. (Local: tests/strategies.py is shared.)"""


@given(CROWDED, CROWDED_HOURS, st.randoms(use_true_random=False))
def test_concurrent_cpt_agrees_with_the_day_by_day_oracle(
    periods: list[Period], hours: float, rnd: object
) -> None:
    spans = _spans(periods)
    usage = cpt_full_time_days(periods)
    assert (usage.full_time_days, usage.concurrent_days) == cpt_days_by_day(spans)
    alone = cpt_full_time_days(periods, add_concurrent_hours=False)
    assert (alone.full_time_days, alone.concurrent_days) == cpt_days_by_day(
        spans, add_concurrent_hours=False
    )
    assert usage.full_time_days - usage.concurrent_days == alone.full_time_days
    assert ("cpt-concurrent" in [n.code for n in usage.notices]) is (usage.concurrent_days > 0)
    shuffled = list(periods)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert cpt_full_time_days(shuffled) == usage
    more = [*periods, _crowded_period(5, 10, hours)]  # more hours never mean fewer days
    assert cpt_full_time_days(more).full_time_days >= usage.full_time_days


# -- examples: the IAP internship ------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "used"),
    [(35, 26.0), (40, 26.0), (20.5, 26.0), (21, 26.0), (20, 13.0), (15, 13.0), (10, 13.0)],
)
def test_four_week_iap_internship_uses_opt_days(hours: float, used: float) -> None:
    job = Internship.between("2025-01-06", "2025-01-31", hours_per_week=hours)
    assert job.term.days == 26
    assert opt_days_used([job]).days_used == used
    assert opt_days_used([job.period]).days_used == used
    assert job.period.full_time is (hours > 20)


def test_iap_2025_is_january_6_to_31() -> None:
    term = iap(2025)
    assert (term.start, term.end) == (date(2025, 1, 6), date(2025, 1, 31))
    assert opt_days_used([Internship(term, hours_per_week=35)]).days_used == 26.0


def test_part_time_and_full_time_overlap_counts_full_time() -> None:
    part = Period("2025-01-06", "2025-01-31", hours_per_week=15)
    full = Period("2025-01-20", "2025-02-09", hours_per_week=30)
    # Jan 6-19 part time (14 days * 0.5), Jan 20 - Feb 9 full time (21 days).
    assert opt_days_used([part, full]).days_used == 14 * 0.5 + 21
    assert cpt_full_time_days([part, full]).full_time_days == 21
    assert at_months_used([part, full], 12).days_used == 35


def test_usage_of_periods_near_the_end_of_the_calendar() -> None:
    """Bug: a Period may end on 9999-12-31, but the merge steps to the day after its end
    and raises OverflowError instead of counting 31 days."""
    last = Period("9999-12-01", "9999-12-31", hours_per_week=30)
    assert opt_days_used([last]).days_used == 31.0
    assert cpt_full_time_days([last]).full_time_days == 31
    assert at_months_used([last], 12).days_used == 31


# -- notices -----------------------------------------------------------------------------


def _codes(job: Internship, **options: object) -> list[str]:
    return [notice.code for notice in job.notices(**options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "hours", "codes"),
    [
        ("2025-01-06", "2025-01-31", 35, []),  # inside IAP 2025: no in-session notice
        ("2025-01-06", "2025-01-31", 40, ["hours"]),
        ("2025-01-06", "2025-01-31", 10, []),
        ("2025-01-06", "2025-01-31", 9.5, ["hours"]),
        ("2025-01-06", "2025-01-31", 35.5, ["hours"]),
        ("2025-03-03", "2025-03-28", 30, ["in-session"]),
        ("2025-03-03", "2025-03-28", 40, ["hours", "in-session"]),
        ("2025-03-03", "2025-03-28", 20, []),
        ("2025-03-03", "2025-03-28", 20.5, ["in-session"]),
        ("2025-01-20", "2025-02-14", 30, ["in-session"]),  # runs past IAP's end, Jan 31
    ],
)
def test_hours_and_in_session_notices(start: str, end: str, hours: float, codes: list[str]) -> None:
    assert _codes(Internship.between(start, end, hours_per_week=hours)) == codes


def test_in_session_notice_counts_the_days_outside_vacations() -> None:
    job = Internship.between("2025-01-20", "2025-02-14", hours_per_week=30)
    (notice,) = job.notices()
    assert notice.code == "in-session"
    assert notice["days_outside"] == 14  # Feb 1-14
    assert notice["vacations"] == ("IAP 2025",)
    assert "14 day(s) outside the vacations given (IAP 2025)" in str(notice)
    assert _codes(job, vacations=[mp.Term("2025-01-01", "2025-02-28")]) == []
    assert _codes(Internship(iap(2025), hours_per_week=30), vacations=[]) == ["in-session"]


@pytest.mark.parametrize(
    ("days", "weeks_notice"),
    [(14, True), (21, True), (22, False), (26, False), (28, False), (42, False),
     (43, True), (49, True), (56, True), (7, True)],
)  # fmt: skip
def test_weeks_notice_outside_four_to_six_weeks(days: int, weeks_notice: bool) -> None:
    start = date(2025, 1, 6)
    job = Internship.between(start, start + timedelta(days=days - 1), hours_per_week=15)
    assert job.term.weeks == -(-days // 7)
    assert ("weeks" in _codes(job)) is weeks_notice


@pytest.mark.parametrize(
    ("start", "pay", "notice"),
    [
        ("2023-01-01", 14.99, True),
        ("2023-01-01", 15.00, False),
        ("2023-01-01", 15, False),
        ("2022-12-31", 14.25, False),
        ("2022-12-31", 14.24, True),
        ("2025-01-06", 0, True),
        ("2025-01-06", 25.0, False),
        ("2015-12-28", 20.0, True),  # before micropath's wage data: says it has none
    ],
)
def test_pay_notice_against_the_minimum_wage_on_the_start_date(
    start: str, pay: float, notice: bool
) -> None:
    first = date.fromisoformat(start)
    job = Internship.between(first, first + timedelta(days=27), hours_per_week=15, pay_rate=pay)
    assert ("pay" in _codes(job)) is notice


def test_no_pay_given_means_no_pay_notice() -> None:
    assert "pay" not in _codes(Internship(iap(2025), hours_per_week=15))


@pytest.mark.parametrize(
    ("day", "wage"),
    [
        ("2015-12-31", None),
        ("2016-01-01", 10.00),
        ("2018-12-31", 11.00),
        ("2019-01-01", 12.00),
        ("2021-12-31", 13.50),
        ("2022-01-01", 14.25),
        ("2022-12-31", 14.25),
        ("2023-01-01", 15.00),
        ("2026-06-01", 15.00),
    ],
)
def test_minimum_wage_steps(day: str, wage: float | None) -> None:
    assert minimum_wage(day) == wage
    assert minimum_wage(date.fromisoformat(day)) == wage


def test_each_notice_cites_the_source_that_states_its_rule() -> None:
    """Bug: the in-session notice cited the first-academic-year source and the hours and
    weeks notices a source about CAPD's recruiting dates."""
    job = Internship.between("2025-03-03", "2025-05-30", hours_per_week=40, pay_rate=1.0)
    year = Period("2026-01-01", "2026-12-31", hours_per_week=12)
    notices = [*job.notices(), *cpt_full_time_days([year, year]).notices]
    assert all(notice.source is not None for notice in notices)
    cited = {notice.code: notice.source.key for notice in notices}  # type: ignore[union-attr]
    assert cited == {
        "hours": "capd-terms",
        "weeks": "capd-terms",
        "pay": "ma-wage",
        "in-session": "twenty-hour-rule",
        "cpt-limit": "cpt-12-months",
        "cpt-concurrent": "cpt-concurrent-part-time",
    }
    stated = {  # a phrase each notice's rule states, which its source's fact must state too
        "hours": "10-35",
        "weeks": "4-6",
        "pay": "minimum wage",
        "in-session": "20 hours a week",
        "cpt-limit": "12 months",
        "cpt-concurrent": "more than 20",
    }
    for notice in notices:
        assert notice.source is mp.SOURCES[cited[notice.code]]
        assert stated[notice.code] in str(notice)
        assert stated[notice.code] in notice.source.fact
    kinds = {notice.code: mp.SOURCES[cited[notice.code]].kind for notice in notices}
    assert kinds["in-session"] == "regulation"
    assert kinds["cpt-concurrent"] == "practice"
    assert mp.SOURCES["cpt-concurrent-part-time"].confidence == "M"
    assert mp.SOURCES["at-postdoctoral"].kind == "regulation"


NOTICE_CASES = [
    (
        Internship.between("2025-03-03", "2025-05-30", hours_per_week=40, pay_rate=1.0),
        {
            "hours": {"hours_per_week": 40.0, "typical_hours": (10, 35)},
            "weeks": {
                "weeks": 13, "start": date(2025, 3, 3), "end": date(2025, 5, 30),
                "typical_weeks": (4, 6),
            },
            "pay": {
                "pay_rate": 1.0, "minimum_wage": 15.0, "start": date(2025, 3, 3), "school": "MIT",
            },
            "in-session": {
                "hours_per_week": 40.0, "days_outside": 89, "start": date(2025, 3, 3),
                "end": date(2025, 5, 30), "vacations": ("IAP 2025",), "limit_hours": 20,
            },
        },
        [
            "40 hours a week; micro-internships are typically 10-35",
            "13 weeks; micro-internships are typically 4-6",
            "$1.00 an hour is below the minimum wage by MIT's wage rule ($15.00 on 2025-03-03)",
            "40 hours a week on 89 day(s) outside the vacations given (IAP 2025): F-1 and J-1 "
            "students may work at most 20 hours a week while school is in session. If those days "
            "fall in a vacation, such as the summer, pass it as vacations=",
        ],
    ),
    (
        Internship.between("2015-12-28", "2016-01-22", hours_per_week=15, pay_rate=20),
        {
            "pay": {
                "pay_rate": 20.0, "minimum_wage": None, "start": date(2015, 12, 28),
                "school": "MIT",
            },
        },
        ["no minimum wage data for 2015-12-28 in MIT's wage rule"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("job", "parameters", "sentences"), NOTICE_CASES)
def test_notices_are_findings_with_their_values(
    job: Internship, parameters: dict[str, dict[str, object]], sentences: list[str]
) -> None:
    notices = job.notices()
    assert all(isinstance(notice, Finding) for notice in notices)
    assert all(notice.severity == "notice" for notice in notices)
    assert {notice.code: dict(notice.parameters) for notice in notices} == parameters
    assert [str(notice) for notice in notices] == sentences
    for notice in notices:
        shown = finding_dict(notice)
        assert json.loads(json.dumps(shown))["parameters"].keys() == parameters[notice.code].keys()
        assert (shown["code"], shown["severity"], shown["text"]) == (
            notice.code, "notice", str(notice)
        )  # fmt: skip
        assert shown["source"] == notice.source.citation  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("periods", "warn_within", "parameters"),
    [
        ([_full_time_run(330)], 60,
         {"cpt-limit": {"full_time_days": 330, "limit_days": 365}}),
        ([Period("2027-06-01", "2027-06-30", hours_per_week=12),
          Period("2027-06-21", "2027-07-31", hours_per_week=10)], 60,
         {"cpt-concurrent": {"concurrent_days": 10, "limit_hours": 20}}),
        ([Period("2026-01-01", "2026-12-31", hours_per_week=12)] * 2, 0,
         {"cpt-limit": {"full_time_days": 365, "limit_days": 365},
          "cpt-concurrent": {"concurrent_days": 365, "limit_hours": 20}}),
    ],
)  # fmt: skip
def test_cpt_notices_are_findings_with_their_values(
    periods: list[Period], warn_within: int, parameters: dict[str, dict[str, object]]
) -> None:
    usage = cpt_full_time_days(periods, warn_within=warn_within)
    assert {notice.code: dict(notice.parameters) for notice in usage.notices} == parameters
    assert all(notice.severity == "notice" for notice in usage.notices)
    sentences = {notice.code: str(notice) for notice in usage.notices}
    if "cpt-limit" in sentences:
        assert sentences["cpt-limit"] == (
            f"{usage.full_time_days} days of full-time CPT: 12 months (365 days) or more ends "
            "post-completion OPT eligibility"
        )
    if "cpt-concurrent" in sentences:
        assert sentences["cpt-concurrent"].startswith(
            f"{usage.concurrent_days} day(s) count as full time only because concurrent "
            "part-time CPT adds up to more than 20 hours a week"
        )


@pytest.mark.parametrize(
    ("school", "pay", "wage", "source"),
    [
        (None, 10.0, 15.0, "ma-wage"),
        ("mit", 14.99, 15.0, "ma-wage"),
        ("MIT", 15.0, None, None),
        ("generic", 10.0, None, None),  # the federal minimum, $7.25
        ("generic", 7.24, 7.25, "federal-wage"),
        (mp.schools.generic(), 7.0, 7.25, "federal-wage"),
    ],
)
def test_pay_is_checked_by_the_schools_wage_rule(
    school: object, pay: float, wage: float | None, source: str | None
) -> None:
    job = Internship(iap(2025), hours_per_week=15, pay_rate=pay)
    notices = [n for n in job.notices(school=school) if n.code == "pay"]  # type: ignore[arg-type]
    if wage is None:
        assert notices == []
        return
    (notice,) = notices
    assert notice["minimum_wage"] == wage
    assert notice.source is not None
    assert notice.source.key == source
    label = mp.schools.generic().label if source == "federal-wage" else "MIT"
    assert notice["school"] == label
    assert f"${wage:.2f} on 2025-01-06" in str(notice)


def test_default_vacations_are_the_schools_january_terms() -> None:
    job = Internship.between("2025-01-06", "2025-02-07", hours_per_week=30)
    (mit,) = job.notices()
    (generic,) = job.notices(school="generic")
    assert mit["vacations"] == ("IAP 2025",)
    assert generic["vacations"] == ("January term 2025",)
    assert mit["days_outside"] == 7  # IAP 2025 ends on Friday January 31
    assert generic["days_outside"] == (job.term.end - mp.schools.generic().term_of(2025).end).days


@pytest.mark.parametrize(
    ("school", "error"), [(42, TypeError), ("harvard", ValueError), (mp.iap(2025), TypeError)]
)
def test_a_bad_school_is_named(school: object, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        Internship(iap(2025), hours_per_week=15).notices(school=school)  # type: ignore[arg-type]
    _names(caught, "school")


def test_notice_is_kept_as_an_alias_of_finding() -> None:
    assert mp.Notice is Finding
    assert "Notice" in mp.__all__


def test_docstring_internship_notices() -> None:
    job = Internship(iap(2025), hours_per_week=40, pay_rate=14.0)
    assert _codes(job) == ["hours", "pay"]


# -- 5: bad input ----------------------------------------------------------------------------


def _names(error: pytest.ExceptionInfo[BaseException], parameter: str) -> None:
    assert isinstance(error.value, MicropathError)
    assert isinstance(error.value, (ValueError, TypeError))
    assert getattr(error.value, "parameter", None) == parameter
    assert str(error.value).startswith(parameter)


BAD_HOURS = [
    (-1, ValueError),
    (-0.5, ValueError),
    (math.nan, ValueError),
    (math.inf, ValueError),
    (169, ValueError),
    (True, TypeError),
    ("20", TypeError),
    (None, TypeError),
]


@pytest.mark.parametrize(("hours", "builtin"), BAD_HOURS)
@pytest.mark.parametrize(
    "build",
    [
        lambda h: Period("2025-01-06", "2025-01-31", hours_per_week=h),
        lambda h: Internship(iap(2025), hours_per_week=h),
        lambda h: Internship.between("2025-01-06", "2025-01-31", hours_per_week=h),
    ],
    ids=["Period", "Internship", "Internship.between"],
)
def test_bad_hours_are_named(build: object, hours: object, builtin: type) -> None:
    with pytest.raises(builtin) as error:
        build(hours)  # type: ignore[operator]
    _names(error, "hours_per_week")


@pytest.mark.parametrize(
    ("pay", "builtin"),
    [(-0.01, ValueError), (-15, ValueError), (math.nan, ValueError), (math.inf, ValueError),
     (True, TypeError), ("15", TypeError)],
)  # fmt: skip
def test_bad_pay_is_named(pay: object, builtin: type) -> None:
    with pytest.raises(builtin) as error:
        Internship(iap(2025), hours_per_week=15, pay_rate=pay)
    _names(error, "pay_rate")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Period("2025-01-31", "2025-01-06", hours_per_week=15),
        lambda: Internship.between("2025-01-31", "2025-01-30", hours_per_week=15),
    ],
    ids=["Period", "Internship.between"],
)
def test_end_before_start_is_named(build: object) -> None:
    with pytest.raises(ValueError, match=r"^end must be a date on or after start") as error:
        build()  # type: ignore[operator]
    _names(error, "end")


@pytest.mark.parametrize(
    ("periods", "builtin"),
    [
        ("2025-01-06/2025-01-31", TypeError),
        (b"periods", TypeError),
        (Period("2025-01-06", "2025-01-31", hours_per_week=15), TypeError),
        (None, TypeError),
        (42, TypeError),
        ([Period("2025-01-06", "2025-01-31", hours_per_week=15), "2025-02-01"], TypeError),
        ([(date(2025, 1, 6), date(2025, 1, 31))], TypeError),
        ([iap(2025)], TypeError),
    ],
    ids=["str", "bytes", "bare-period", "none", "int", "str-inside", "tuple-inside", "term"],
)
@pytest.mark.parametrize(
    "usage",
    [opt_days_used, cpt_full_time_days, lambda p: at_months_used(p, 12)],
    ids=["opt", "cpt", "at"],
)
def test_periods_must_be_an_iterable_of_periods(
    usage: object, periods: object, builtin: type
) -> None:
    with pytest.raises(builtin) as error:
        usage(periods)  # type: ignore[operator]
    _names(error, "periods")


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: opt_days_used([], allowance_days=0), "allowance_days"),
        (lambda: opt_days_used([], allowance_days=365.0), "allowance_days"),  # type: ignore[arg-type]
        (lambda: cpt_full_time_days([], warn_within=-1), "warn_within"),
        (lambda: at_months_used([], 0), "program_months"),
        (lambda: at_months_used([], 12.5), "program_months"),  # type: ignore[arg-type]
        (lambda: minimum_wage("2025-13-01"), "day"),
    ],
)
def test_other_bad_arguments_are_named(call: object, parameter: str) -> None:
    with pytest.raises((ValueError, TypeError)) as error:
        call()  # type: ignore[operator]
    _names(error, parameter)


@pytest.mark.parametrize("value", [1, 0, "yes", "True", None, 1.0])
@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda v: at_months_used([], 12, postdoctoral=v), "postdoctoral"),
        (lambda v: cpt_full_time_days([], add_concurrent_hours=v), "add_concurrent_hours"),
    ],
    ids=["postdoctoral", "add_concurrent_hours"],
)
def test_switches_must_be_bools(call: object, parameter: str, value: object) -> None:
    with pytest.raises(TypeError, match=r"must be True or False, got ") as error:
        call(value)  # type: ignore[operator]
    _names(error, parameter)


@pytest.mark.parametrize("term", ["2025-01-06", ("2025-01-06", "2025-01-31"), None])
def test_internship_term_that_is_not_a_term_is_a_micropath_error(term: object) -> None:
    """Bug: the field uses attrs' ``instance_of`` validator, which raises a bare
    TypeError (not a MicropathError, no ``parameter``)."""
    with pytest.raises(TypeError) as error:
        Internship(term, hours_per_week=15)  # type: ignore[arg-type]
    _names(error, "term")
