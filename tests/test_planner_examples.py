"""Tables of real plans: the worked figures of ``shared/domain.md`` and the edges
around them (New Year, Thanksgiving, weekend filings, zero leads, the premium
processing switch of 2024-04-01, eligibility and filing windows).

Expected dates were counted by hand on the real calendars (the comments show
the count) and every plan is also run through ``oracles.run_chain``, the
day-by-day forward simulation, on the built-in calendars' ``is_business_day``:
the latest dates must be safe and the next business day not.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import oracles
import pytest

import micropath as mp
from micropath import OutOfRangeError, Plan

MIT = mp.calendars.mit()
FEDERAL = mp.calendars.federal()
ONE_DAY = timedelta(days=1)
D = date.fromisoformat


def chain(
    authorization: str,
    *,
    premium: bool = False,
    school: mp.Calendar = MIT,
    uscis: mp.Calendar = FEDERAL,
    paper: bool = True,
    **leads: object,
) -> tuple[oracles.ChainStep, ...]:
    return oracles.default_chain(
        authorization,
        school=school.is_business_day,
        uscis=uscis.is_business_day,
        leads=leads,
        premium=premium,
        paper=paper,
    )


def assert_latest_and_maximal(p: Plan, steps: tuple[oracles.ChainStep, ...]) -> None:
    """The oracle agrees: latest_offer and latest_filing are safe, the next business
    day after each is not."""
    start = p.start
    assert oracles.safe(steps, p.latest_offer, start)
    later = oracles.first_open_on_or_after(steps[0].is_open, p.latest_offer + ONE_DAY)
    assert not oracles.safe(steps, later, start)
    tail = oracles.filing_part(steps)
    assert oracles.safe(tail, p.latest_filing, start)
    later = oracles.first_open_on_or_after(tail[0].is_open, p.latest_filing + ONE_DAY)
    assert not oracles.safe(tail, later, start)


def dates_of(p: Plan) -> dict[str, date]:
    return {m.name: m.date for m in p.milestones}


# -- the worked figures ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("authorization", "options", "latest_filing", "latest_offer"),
    [
        # CPT: 10 MIT business days before Jan 4 skip the break (Dec 24 - Jan 1): Dec 10;
        # 5 before that: Dec 3; 7 before that skip Nov 26-27: Nov 20.
        pytest.param("CPT", {}, "2026-12-10", "2026-11-20", id="CPT"),
        pytest.param("AT", {}, "2026-12-10", "2026-11-20", id="AT"),
        # OPT on paper: Jan 4 - 14 - 120 days is Sunday Aug 23: Aug 21.
        pytest.param("OPT", {"filing": "paper"}, "2026-08-21", "2026-07-22", id="OPT-paper"),
        # Online (the default): received on Sunday Aug 23 itself; the school's 10
        # business days before it end a day later (Aug 7 -> Aug 10 request...).
        pytest.param("OPT", {}, "2026-08-23", "2026-07-23", id="OPT-online"),
        # Premium: 30 USCIS business days before Dec 21 (skipping Nov 11 and 26): Nov 5.
        pytest.param("OPT", {"premium": True}, "2026-11-05", "2026-10-05", id="OPT-premium"),
    ],
)
def test_worked_figures_for_iap_2027(
    authorization: str, options: dict[str, object], latest_filing: str, latest_offer: str
) -> None:
    p = mp.plan(authorization, "2027-01-04", **options)
    assert p.latest_filing == D(latest_filing)
    assert p.latest_offer == D(latest_offer)
    assert p.feasible
    assert p.earliest_filing is None
    paper = options.get("filing") == "paper"
    steps = chain(authorization, premium=bool(options.get("premium")), paper=paper)
    assert_latest_and_maximal(p, steps)


def test_opt_filing_window_of_90_days_is_not_feasible() -> None:
    p = mp.plan("OPT", "2027-01-04", filing_window=90)
    assert p.earliest_filing == D("2026-10-06")  # Jan 4 - 90 days, a Tuesday
    assert p.latest_filing == D("2026-08-23")  # online: Sunday Aug 23 itself
    assert not p.feasible
    assert any("2026-10-06" in str(reason) for reason in p.reasons)
    assert not p.check(p.latest_offer).on_time


def test_capd_offer_date_fits_cpt_with_26_days_to_spare() -> None:
    p = mp.plan("CPT", mp.iap(2027))
    verdict = p.check("2026-10-25")
    assert verdict.on_time
    assert verdict.slack == (D("2026-11-20") - D("2026-10-25")).days
    assert verdict.in_hand is not None
    assert verdict.in_hand <= D("2027-01-04")


# -- New Year -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authorization", "start", "latest_filing", "latest_offer", "rolled_from"),
    [
        pytest.param("CPT", "2027-01-04", "2026-12-10", "2026-11-20", None, id="CPT-2027"),
        # 2028: Dec 23..10 (the break is Dec 24 - Jan 1); Dec 9..3; Dec 2, 1, Nov 30, 29,
        # (Nov 25-26 Thanksgiving and the day after), 24, 23, 22.
        pytest.param("CPT", "2028-01-03", "2027-12-10", "2027-11-22", None, id="CPT-2028"),
        # 2023: Jan 6..3 (Jan 2 is New Year's Day observed), Dec 23..16; Dec 9; Nov 30.
        pytest.param("CPT", "2023-01-09", "2022-12-16", "2022-11-30", None, id="CPT-2023"),
        # A Saturday start: the same 10 business days as Monday Jan 4.
        pytest.param("CPT", "2027-01-02", "2026-12-10", "2026-11-20", None, id="CPT-Saturday"),
        # 2028: Jan 3 - 134 days is Sunday Aug 22, 2027.
        pytest.param("OPT", "2028-01-03", "2027-08-20", "2027-07-21", "2027-08-22", id="OPT-2028"),
        # 2023: Jan 9 - 134 days is Sunday Aug 28, 2022.
        pytest.param("OPT", "2023-01-09", "2022-08-26", "2022-07-27", "2022-08-28", id="OPT-2023"),
        # A Saturday start: Jan 2 - 134 days is Friday Aug 21, no roll.
        pytest.param("OPT", "2027-01-02", "2026-08-21", "2026-07-22", None, id="OPT-Saturday"),
    ],
)
def test_new_year_starts(
    authorization: str,
    start: str,
    latest_filing: str,
    latest_offer: str,
    rolled_from: str | None,
) -> None:
    p = mp.plan(authorization, start, filing="paper")
    assert p.latest_filing == D(latest_filing)
    assert p.latest_offer == D(latest_offer)
    filing = p.milestone("filing")
    assert filing.rolled_from == (None if rolled_from is None else D(rolled_from))
    assert_latest_and_maximal(p, chain(authorization))


def test_iap_2028_as_a_term_plans_from_its_start() -> None:
    term = mp.iap(2028)
    p = mp.plan("CPT", term)
    assert p.start == D("2028-01-03")
    assert p.term == term
    assert p == mp.plan("CPT", "2028-01-03")
    assert "IAP 2028" in p.explain()
    assert p.to_dict()["term"] == {
        "name": "IAP 2028",
        "start": "2028-01-03",
        "end": "2028-01-28",
        "estimated": True,
    }


def test_cpt_2027_filing_steps_over_the_whole_winter_break() -> None:
    p = mp.plan("CPT", "2027-01-04")
    filing = p.milestone("filing")
    over = {c.date: c.reason for c in filing.stepped_over}
    break_days = {D("2026-12-24") + timedelta(days=k) for k in range(9)}  # Dec 24 .. Jan 1
    assert break_days <= set(over)
    assert all("winter break" in over[day] for day in break_days)
    # Exactly the closed days from the filing to the day before the start.
    span = [
        D("2026-12-10") + timedelta(days=k) for k in range((D("2027-01-04") - D("2026-12-10")).days)
    ]
    assert set(over) == {day for day in span if not MIT.is_business_day(day)}


# -- Thanksgiving ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "latest_offer", "acceptance", "latest_filing"),
    [
        # MIT: 10 business days before Dec 7 skip Nov 26 (Thanksgiving) and Nov 27: Nov 19;
        # 5 before: Nov 12; 7 before that skip Nov 11 (Veterans Day): Nov 2.
        pytest.param(MIT, "2026-11-02", "2026-11-12", "2026-11-19", id="mit"),
        # Federal: only Nov 26 is closed: Nov 20, Nov 13, Nov 3.
        pytest.param(FEDERAL, "2026-11-03", "2026-11-13", "2026-11-20", id="federal"),
    ],
)
def test_cpt_business_days_across_thanksgiving(
    calendar: mp.Calendar, latest_offer: str, acceptance: str, latest_filing: str
) -> None:
    p = mp.plan("CPT", "2026-12-07", calendar=calendar)
    assert (p.latest_offer, dates_of(p)["acceptance"], p.latest_filing) == (
        D(latest_offer),
        D(acceptance),
        D(latest_filing),
    )
    over = {c.date for c in p.milestone("filing").stepped_over}
    assert D("2026-11-26") in over
    assert (D("2026-11-27") in over) == (calendar is MIT)
    assert_latest_and_maximal(p, chain("CPT", school=calendar))


def test_forward_check_across_thanksgiving() -> None:
    verdict = mp.plan("CPT", "2027-01-04").check("2026-11-20")
    # 7 MIT business days counting Nov 20 skip Nov 26-27: done Dec 2, usable Dec 3.
    assert verdict.expected == (
        ("offer", D("2026-11-20")),
        ("acceptance", D("2026-12-03")),
        ("filing", D("2026-12-10")),
        ("authorization", D("2026-12-24")),
    )
    assert verdict.in_hand == D("2026-12-24")
    assert verdict.in_hand == oracles.run_chain(chain("CPT"), D("2026-11-20"))


# -- a filing that lands on a weekend rolls back -----------------------------------------------


def test_opt_filing_on_a_sunday_rolls_back_to_friday() -> None:
    p = mp.plan("OPT", "2027-01-04", filing="paper")
    filing = p.milestone("filing")
    assert D("2027-01-04") - timedelta(days=134) == D("2026-08-23")  # a Sunday
    assert filing.rolled_from == D("2026-08-23")
    assert filing.date == D("2026-08-21")
    assert FEDERAL.is_business_day(filing.date)
    assert [c.date for c in filing.stepped_over] == [D("2026-08-22"), D("2026-08-23")]
    assert "2026-08-23 is not a business day" in p.explain()
    assert dates_of(p)["approval"] == D("2026-12-21")


# -- zero leads -----------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["2027-01-04", "2027-01-02", "2026-11-26"])
@pytest.mark.parametrize("zero", [0, mp.days(0), mp.business_days(0)])
def test_cpt_with_zero_leads_offers_on_the_start(start: str, zero: object) -> None:
    p = mp.plan("CPT", start, decision=zero, preparation=zero, processing=zero)
    assert p.latest_offer == D(start)
    assert p.latest_filing == D(start)
    assert all(m.date == D(start) for m in p.milestones)
    assert p.check(start).on_time
    assert p.check(start).in_hand == D(start)


def test_opt_with_zero_leads_files_on_the_last_uscis_business_day() -> None:
    zeros = dict.fromkeys(("decision", "preparation", "recommendation", "processing", "mailing"), 0)
    p = mp.plan("OPT", "2027-01-02", filing="paper", **zeros)  # a Saturday; Jan 1 is New Year's Day
    filing = p.milestone("filing")
    assert filing.date == D("2026-12-31")
    assert filing.rolled_from == D("2027-01-02")
    assert p.latest_offer == D("2026-12-31")
    assert {c.date for c in filing.stepped_over} == {D("2027-01-01"), D("2027-01-02")}
    assert_latest_and_maximal(p, chain("OPT", **zeros))
    monday = mp.plan("OPT", "2027-01-04", filing="paper", **zeros)
    assert monday.latest_offer == monday.latest_filing == D("2027-01-04")
    assert monday.milestone("filing").rolled_from is None


def test_opt_without_mailing_rolls_the_filing_back() -> None:
    p = mp.plan("OPT", "2027-01-04", mailing=0, filing="paper")
    # Jan 4 - 120 days is Sunday Sep 6, 2026.
    assert p.milestone("filing").rolled_from == D("2026-09-06")
    assert p.latest_filing == D("2026-09-04")
    assert_latest_and_maximal(p, chain("OPT", mailing=0))


# -- premium processing, effective-dated -------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "latest_filing", "lead"),
    [
        # Approval Dec 25, 2023; minus 30 calendar days is Saturday Nov 25: Friday Nov 24.
        pytest.param("2024-01-08", "2023-11-24", mp.days(30), id="calendar-days"),
        # Approval May 6, 2024: the business-day rule would need Mar 25 (before it applied),
        # the calendar-day rule would allow Apr 6 but ended Mar 31: Friday Mar 29.
        pytest.param("2024-05-20", "2024-03-29", mp.days(30), id="straddle-old-rule"),
        # Approval May 13, 2024: 30 business days before it is Monday Apr 1.
        pytest.param("2024-05-27", "2024-04-01", mp.business_days(30), id="straddle-new-rule"),
        # Approval Dec 23, 2024: 30 business days skipping Nov 11 and 28: Nov 7.
        pytest.param("2025-01-06", "2024-11-07", mp.business_days(30), id="business-days"),
        # Approval Apr 5, 2023 - 30 days is Monday Mar 6, premium's first day.
        pytest.param("2023-04-19", "2023-03-06", mp.days(30), id="first-day"),
    ],
)
def test_premium_rule_in_force_on_the_filing_date(
    start: str, latest_filing: str, lead: mp.Lead
) -> None:
    p = mp.plan("OPT", start, premium=True, filing="paper")
    assert p.latest_filing == D(latest_filing)
    assert p.milestone("filing").lead == lead
    assert_latest_and_maximal(p, chain("OPT", premium=True))


def test_premium_around_the_switch_agrees_with_the_oracle() -> None:
    steps = chain("OPT", premium=True)
    start = D("2024-04-01")
    while start <= D("2024-07-31"):
        p = mp.plan("OPT", start, premium=True, filing="paper")
        assert_latest_and_maximal(p, steps)
        rule = oracles.premium_lead(p.latest_filing)
        assert rule is not None
        lead = p.milestone("filing").lead
        assert lead is not None
        assert (lead.amount, lead.business) == rule
        start += ONE_DAY


@pytest.mark.parametrize("start", ["2023-04-18", "2023-01-09", "2022-06-01"])
def test_premium_before_it_existed_is_an_error(start: str) -> None:
    with pytest.raises(OutOfRangeError) as info:
        mp.plan("OPT", start, premium=True)
    assert isinstance(info.value, mp.MicropathError)
    assert isinstance(info.value, ValueError)
    assert info.value.parameter == "premium"
    assert "2023-03-06" in str(info.value)
    # The oracle agrees: even a filing on the first premium day is too late.
    steps = oracles.filing_part(chain("OPT", premium=True))
    assert not oracles.safe(steps, D("2023-03-06"), D(start))


def test_premium_filing_that_rolls_back_records_rolled_from() -> None:
    """A calendar-day premium filing that lands on a weekend rolls back like any other.

    Approval Dec 25, 2023 - 30 days is Saturday Nov 25: the filing is Friday Nov 24,
    and the milestone must say it rolled (as the non-premium filing does), so that
    explain() and stepped_over show the weekend.
    """
    p = mp.plan("OPT", "2024-01-08", premium=True, filing="paper")
    filing = p.milestone("filing")
    assert filing.date == D("2023-11-24")
    assert filing.rolled_from == D("2023-11-25")
    assert {c.date for c in filing.stepped_over} == {D("2023-11-25")}


def test_premium_check_of_an_early_offer_is_consistent() -> None:
    """An offer well before latest_offer is on time, so the forward pass must deliver.

    Start 2023-06-01 with premium: latest_offer 2023-03-16. An offer on 2023-01-03
    reaches the filing on Friday 2023-02-03, before premium processing existed; the
    pending I-765 is upgraded on 2023-03-06, approved 30 days later (Apr 5) and the
    card is in hand 14 days after that (Apr 19). (The committed planner answered
    on_time=True with in_hand=None here.)
    """
    p = mp.plan("OPT", "2023-06-01", premium=True)
    assert p.latest_offer == D("2023-03-16")
    verdict = p.check("2023-01-03")
    assert verdict.on_time
    assert verdict.in_hand == D("2023-04-19")
    assert verdict.in_hand == oracles.run_chain(chain("OPT", premium=True), D("2023-01-03"))
    assert dict(verdict.expected)["filing"] == D("2023-02-03")


def test_earliest_start_with_premium_for_an_early_offer() -> None:
    """earliest_start documents "the smallest S with plan(S).latest_offer >= offer and a
    feasible plan". For an offer on 2023-01-03 with premium, plan("2023-06-01") admits
    it, yet earliest_start raises OutOfRangeError(premium) while probing early starts."""
    first = mp.earliest_start("OPT", "2023-01-03", premium=True)
    assert first is not None
    assert admits_with_premium(first, D("2023-01-03"))
    assert not admits_with_premium(first - ONE_DAY, D("2023-01-03"))


def admits_with_premium(start: date, offer: date) -> bool:
    try:
        return mp.plan("OPT", start, premium=True).latest_offer >= offer
    except OutOfRangeError as error:
        if error.parameter != "premium":
            raise
        return False


# -- eligibility and windows --------------------------------------------------------------------


@pytest.mark.parametrize("authorization", ["CPT", "OPT", "AT"])
def test_first_year_student_is_not_eligible(authorization: str) -> None:
    p = mp.plan(authorization, "2027-01-04", terms_completed=1)
    assert not p.feasible
    assert any("eligible" in str(reason) for reason in p.reasons)
    assert not p.check(p.latest_offer).on_time
    # The dates themselves do not change.
    plain = mp.plan(authorization, "2027-01-04")
    assert (p.latest_offer, p.latest_filing) == (plain.latest_offer, plain.latest_filing)
    assert mp.earliest_start(authorization, "2026-10-25", terms_completed=1) is None
    assert mp.plan(authorization, "2027-01-04", terms_completed=2).feasible


def test_immediate_cpt_is_eligible_in_the_first_year() -> None:
    p = mp.plan("CPT", "2027-01-04", terms_completed=1, immediate_cpt=True)
    assert p.feasible
    assert p.reasons == ()
    assert p.check("2026-10-25").on_time
    assert mp.earliest_start("CPT", "2026-11-20", terms_completed=0, immediate_cpt=True) == D(
        "2026-12-24"
    )


@pytest.mark.parametrize(
    ("completes", "earliest_filing", "feasible"),
    [
        # Dec 20 - 90 days is Monday Sep 21: after the latest filing Aug 21.
        ("2026-12-20", "2026-09-21", False),
        # Nov 15 - 90 days is Monday Aug 17: on or before Aug 21.
        ("2026-11-15", "2026-08-17", True),
        # Nov 21 - 90 days is Saturday Aug 23: the window opens Monday Aug 24, too late.
        ("2026-11-21", "2026-08-24", False),
        # Nov 19 - 90 days is Friday Aug 21, the latest filing itself.
        ("2026-11-19", "2026-08-21", True),
    ],
)
def test_opt_filing_no_earlier_than_90_days_before_the_academic_year_completes(
    completes: str, earliest_filing: str, feasible: bool
) -> None:
    p = mp.plan("OPT", "2027-01-04", academic_year_completes=completes, filing="paper")
    assert p.earliest_filing == D(earliest_filing)
    assert p.feasible is feasible
    assert p.windows[0].opens == D(earliest_filing)
    assert p.windows[0].closes == D("2026-08-21")
    assert p.check(p.latest_offer).on_time is feasible


@pytest.mark.parametrize("authorization", ["CPT", "OPT", "AT"])
def test_start_before_the_academic_year_completes_is_not_feasible(authorization: str) -> None:
    p = mp.plan(authorization, "2027-01-04", academic_year_completes="2027-01-05")
    assert not p.feasible
    assert any("2027-01-05" in str(reason) and "start" in str(reason) for reason in p.reasons)
    on_the_day = mp.plan(authorization, "2027-01-05", academic_year_completes="2027-01-05")
    if authorization == "OPT":
        # Jan 5 - 90 days (Oct 7) opens the filing window long after the latest filing.
        assert on_the_day.earliest_filing == D("2026-10-07")
        assert len(on_the_day.reasons) == 1
        assert "filing window" in str(on_the_day.reasons[0])
    else:
        assert on_the_day.feasible


def test_immediate_cpt_may_start_before_the_academic_year_completes() -> None:
    p = mp.plan("CPT", "2027-01-04", academic_year_completes="2027-05-31", immediate_cpt=True)
    assert p.feasible


def test_earliest_start_examples() -> None:
    # Any calendar day, even Thanksgiving: the chain begun Oct 26 is usable Nov 26.
    assert mp.earliest_start("CPT", "2026-10-26") == D("2026-11-26")
    assert oracles.run_chain(chain("CPT"), D("2026-10-26")) == D("2026-11-26")
    # An offer on the latest offer date: authorization on Dec 24, inside the break.
    assert mp.earliest_start("CPT", "2026-11-20") == D("2026-12-24")
    # OPT with a 90-day filing window can never make 134 days of processing and mailing.
    assert mp.earliest_start("OPT", "2026-07-01", filing_window=90) is None
    # OPT filed 90 days before Dec 1 (Sep 2) has the card Jan 14.
    assert mp.earliest_start("OPT", "2026-07-01", academic_year_completes="2026-12-01") == D(
        "2027-01-14"
    )
    assert mp.earliest_start("CPT", "2026-07-01", academic_year_completes="2026-12-01") == D(
        "2026-12-01"
    )


def test_earliest_start_near_the_start_of_the_calendars_span() -> None:
    """The earliest start for an offer in January 1970 is in February 1970, inside the
    span the built-in calendars cover; earliest_start must not fail while probing
    starts whose plans would reach into 1969 (it raises an error naming "start", a
    parameter earliest_start does not have)."""
    offer = D("1970-01-02")
    assert mp.earliest_start("CPT", offer) == oracles.run_chain(chain("CPT"), offer)


def test_earliest_start_near_date_min_on_a_plain_calendar() -> None:
    plain = mp.Calendar()
    offer = date.min + timedelta(days=3)
    steps = oracles.default_chain("CPT", school=plain.is_business_day, uscis=plain.is_business_day)
    assert mp.earliest_start("CPT", offer, calendar=plain) == oracles.run_chain(steps, offer)


def test_earliest_start_looks_past_a_month_of_shut_filing_windows() -> None:
    """A school closed every Wednesday from 2026-10-07 to 2026-12-30 and a 14-day filing
    window: 10 business days before the start fit in the window only once the closures
    stop, from a start of 2027-01-14. earliest_start scans just 32 days past the first
    start whose latest offer admits the offer, and returns None ("no start admits it")."""
    wednesdays = mp.Calendar([D("2026-10-07") + timedelta(weeks=k) for k in range(13)])
    options = {"filing_window": 14, "calendar": wednesdays}
    before = mp.plan("CPT", "2027-01-13", **options)
    assert not before.feasible
    first = mp.plan("CPT", "2027-01-14", **options)
    assert first.feasible
    assert first.latest_offer >= D("2026-10-01")
    assert mp.earliest_start("CPT", "2026-10-01", **options) == D("2027-01-14")


# -- views --------------------------------------------------------------------------------

VIEW_CASES = [
    pytest.param("CPT", {}, id="CPT"),
    pytest.param("OPT", {}, id="OPT"),
    pytest.param("OPT", {"premium": True}, id="OPT-premium"),
    pytest.param("OPT", {"filing_window": 90}, id="OPT-window"),
    pytest.param("AT", {"terms_completed": 1}, id="AT-ineligible"),
]


@pytest.mark.parametrize(("authorization", "options"), VIEW_CASES)
def test_explain_shows_every_milestone_date(authorization: str, options: dict[str, object]) -> None:
    p = mp.plan(authorization, mp.iap(2027), **options)
    text = p.explain()
    for milestone in p.milestones:
        assert milestone.date.isoformat() in text
    assert p.latest_offer.isoformat() in text
    assert p.latest_filing.isoformat() in text
    assert ("Feasible: yes" in text) is p.feasible
    for reason in p.reasons:
        assert str(reason) in text
    for rule in p.rules:
        assert f"[{rule.kind}]" in text


@pytest.mark.parametrize(("authorization", "options"), VIEW_CASES)
def test_to_dict_round_trips_through_json(authorization: str, options: dict[str, object]) -> None:
    p = mp.plan(authorization, mp.iap(2027), **options)
    data = p.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["authorization"] == authorization
    assert data["start"] == p.start.isoformat()
    assert data["latest_offer"] == p.latest_offer.isoformat()
    assert data["latest_filing"] == p.latest_filing.isoformat()
    assert data["earliest_filing"] == (
        None if p.earliest_filing is None else p.earliest_filing.isoformat()
    )
    assert data["feasible"] is p.feasible
    assert [r["text"] for r in data["reasons"]] == [str(r) for r in p.reasons]
    assert [r["code"] for r in data["reasons"]] == [r.code for r in p.reasons]
    assert [r["kind"] for r in data["rules"]] == [r.kind for r in p.rules]
    assert [m["name"] for m in data["milestones"]] == [m.name for m in p.milestones]
    for item, milestone in zip(data["milestones"], p.milestones, strict=True):
        assert date.fromisoformat(item["date"]) == milestone.date
        assert [date.fromisoformat(c["date"]) for c in item["stepped_over"]] == [
            c.date for c in milestone.stepped_over
        ]


def test_repr_names_the_dates() -> None:
    p = mp.plan("CPT", "2027-01-04")
    assert repr(p) == (
        "Plan(CPT, start=2027-01-04, latest_offer=2026-11-20, "
        "latest_filing=2026-12-10, feasible=True)"
    )
