"""Behaviour of the planner that mutation testing found unchecked.

Each test here kills mutants of ``micropath/planner.py`` (and one of
``micropath/calendar.py`` that only the planner reaches) that survived the rest of the
suite (``tests/mutation/run.sh``; the report lists them). Expected values come from the
day-by-day forward simulation in ``oracles.py``, from dates counted on a calendar, or
from the rules as ``shared/domain.md`` states them. The laws:

1. ``check(offer)`` agrees with the forward simulation also when a filing window or the
   academic year holds the filing back: the filing begins no earlier than
   ``earliest_filing``, and a recommendation that would be more than 30 days old at
   that filing is issued as late as it can still be in hand when the window opens
   (exactly 30 days old is still fine).
2. A forward pass that leaves the calendars' span says so among the verdict's
   reasons, with no ``in_hand``; an infeasible plan's reasons travel with its verdicts.
3. ``windows``: the filing window opens at ``earliest_filing`` and closes at
   ``latest_filing``, with the rule and source that set it; OPT adds the
   recommendation window, which opens 30 days earlier; ``Window.contains`` includes
   both ends.
4. ``milestones`` carry each step's rule and source (``given`` for a lead the caller
   set); the ends are dated on the start, the authorization's by the last step's actor.
   ``stepped_over`` lists every closed day a step skips, however long the step.
5. ``costs``: the I-765 fee in force on the latest filing, with its online price, and
   the premium fee when premium processing is planned; none where the fee is unknown.
6. A plan that runs out of dates blames a lead or filing window longer than ten years
   (3650 days), else the start.
7. Every error message names the parameter, what was expected and what came.
8. Notices, stepped-over days and ``earliest_start``'s search; then (8b) the first
   survivors of issue 14's run: ``repr``, calendar files, fees, windows, start bounds.
9. What a plan computes once per set of options, with the cache of setups emptied.
10. The reasons a start and a window give, each checked whole; of two windows that
    close, the earlier close caps the latest filing.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import attrs
import oracles
import pytest

import micropath as mp
from micropath import InvalidTypeError, InvalidValueError, OutOfRangeError, Plan, planner
from micropath.pathways import OPT_POST, FilingWindow, StartLimit

MIT = mp.calendars.mit()
FEDERAL = mp.calendars.federal()
PLAIN = mp.Calendar()
ONE_DAY = timedelta(days=1)
RECOMMENDATION_VALID = timedelta(days=30)
D = date.fromisoformat


# -- 1. the forward check with a filing window -----------------------------------------


def forward_with_windows(
    steps: tuple[oracles.ChainStep, ...], offer: date, earliest: date | None
) -> list[date]:
    """Each step's begin and then the day authorization is usable, stepping forwards:
    the filing begins no earlier than *earliest*; a recommendation that would be more
    than 30 days old then begins on the latest day from which it is still usable by
    *earliest* (found by stepping back from *earliest*)."""
    ready, out = offer, []
    for step in steps:
        begin = ready
        if step.name == oracles.FILING_STEP and earliest is not None:
            begin = max(begin, earliest)
        begin = oracles.step_begin(step, begin)
        too_old = earliest is not None and (
            oracles.usable_after(step, begin) < earliest - RECOMMENDATION_VALID
        )
        if step.name == "recommendation" and too_old:
            assert earliest is not None
            begin = earliest
            while oracles.usable_after(step, begin) > earliest:
                begin -= ONE_DAY
        out.append(begin)
        ready = oracles.usable_after(step, begin)
    return [*out, ready]


def _sweep(p: Plan, steps: tuple[oracles.ChainStep, ...], first_offer: date, days: int) -> None:
    assert p.earliest_filing is not None
    for offset in range(days):
        offer = first_offer + timedelta(days=offset)
        verdict = p.check(offer)
        expected = forward_with_windows(steps, offer, p.earliest_filing)
        assert [day for _, day in verdict.expected] == expected, offer
        assert verdict.in_hand == expected[-1]


def test_opt_check_waits_for_the_academic_year_window() -> None:
    """One academic year completes Wednesday 2026-12-16: OPT may be filed from Thursday
    Sep 17, so a recommendation usable before Tuesday Aug 18 is too old; an offer on
    Friday Jul 17 makes it usable exactly on Aug 18 (still fine). The sweep covers
    offers from early ones (recommendation reissued) to late ones (no waiting)."""
    p = mp.plan("OPT", "2027-06-01", academic_year_completes="2026-12-16", filing="paper")
    assert p.earliest_filing == D("2026-09-17")
    steps = oracles.default_chain("OPT", school=MIT.is_business_day, uscis=FEDERAL.is_business_day)
    _sweep(p, steps, D("2026-06-01"), 200)
    verdict = p.check("2026-07-17")
    assert dict(verdict.expected)["school_request"] == D(
        "2026-08-04"
    )  # 10th MIT day Aug 17: usable Aug 18
    assert dict(verdict.expected)["filing"] == D("2026-09-17")


def test_cpt_check_waits_for_the_filing_window() -> None:
    p = mp.plan("CPT", "2027-01-04", filing_window=45, calendar=PLAIN)
    assert p.earliest_filing == D("2026-11-20")  # Jan 4 - 45 days, a Friday
    steps = oracles.default_chain("CPT", school=PLAIN.is_business_day, uscis=PLAIN.is_business_day)
    _sweep(p, steps, D("2026-09-01"), 100)
    assert dict(p.check("2026-09-01").expected)["filing"] == D("2026-11-20")


# -- 2. the verdict's reasons ------------------------------------------------------------


def test_a_forward_pass_past_the_span_is_a_reason_and_has_no_in_hand() -> None:
    """The calendar ends Jan 8 2027: an offer on Jan 5 (late) cannot run 22 business
    days inside it."""
    cal = mp.Calendar(covers=("2026-01-01", "2027-01-08"))
    p = mp.plan("CPT", "2027-01-04", calendar=cal)
    assert p.feasible
    verdict = p.check("2027-01-05")
    assert [str(r) for r in verdict.reasons] == ["the forward pass leaves the calendars' span"]
    assert verdict.reasons[-1].code == "forward-out-of-span"
    assert dict(verdict.reasons[-1].parameters) == {"offer": D("2027-01-05")}
    assert verdict.in_hand is None
    assert not verdict.on_time


def test_an_infeasible_plans_reasons_travel_with_its_verdicts() -> None:
    p = mp.plan("CPT", "2027-01-04", terms_completed=1)
    assert not p.feasible
    verdict = p.check(p.latest_offer)
    assert verdict.reasons == p.reasons
    assert verdict.in_hand is not None
    assert not verdict.on_time


# -- 3. windows ------------------------------------------------------------------------


def test_opt_windows_from_the_academic_year() -> None:
    p = mp.plan("OPT", "2027-06-01", academic_year_completes="2026-12-16")
    filing, recommendation = p.windows
    assert (filing.name, filing.opens, filing.closes) == (
        "filing",
        D("2026-09-17"),
        p.latest_filing,
    )
    assert filing.rule == "no earlier than 90 days before one academic year completes (2026-12-16)"
    assert filing.source.key == "opt-90-day-rule"  # type: ignore[union-attr]
    assert (recommendation.name, recommendation.opens, recommendation.closes) == (
        "recommendation",
        D("2026-08-18"),
        p.latest_filing,
    )
    assert recommendation.rule == (
        "USCIS must receive the I-765 within 30 days of the SEVIS recommendation, "
        "so the recommendation may not come too early"
    )
    assert recommendation.source.key == "opt-30-day-rule"  # type: ignore[union-attr]


def test_opt_windows_without_a_limit() -> None:
    p = mp.plan("OPT", "2027-01-04", filing="paper")
    filing, recommendation = p.windows
    assert (filing.opens, filing.rule, filing.source) == (None, "no earlier limit applies", None)
    assert recommendation.opens is None
    assert recommendation.closes == p.latest_filing == D("2026-08-21")


def test_a_school_filing_window_cites_the_school_practice() -> None:
    p = mp.plan("CPT", "2027-01-04", filing_window=45)
    (filing,) = p.windows
    assert (filing.opens, filing.closes) == (p.earliest_filing, p.latest_filing)
    assert filing.rule == "no earlier than 45 days before the start"
    assert filing.source.key == "filing-window-practice"  # type: ignore[union-attr]


def test_a_window_contains_both_its_ends_and_nothing_past_them() -> None:
    (filing,) = mp.plan("CPT", "2027-01-04", filing_window=45).windows
    assert filing.opens is not None
    assert filing.contains(filing.opens)
    assert filing.contains(filing.closes.isoformat())
    assert not filing.contains(filing.opens - ONE_DAY)
    assert not filing.contains(filing.closes + ONE_DAY)
    with pytest.raises(InvalidValueError) as caught:
        filing.contains("2026-13-01")
    assert caught.value.parameter == "day"


# -- 4. milestones -------------------------------------------------------------------------


def test_milestones_carry_their_steps_rule_and_source() -> None:
    p = mp.plan("OPT", "2027-01-04", preparation=mp.business_days(3))
    by_name = {m.name: m for m in p.milestones}
    assert by_name["offer"].source.key == "capd-calendar"  # type: ignore[union-attr]
    assert by_name["acceptance"].source.key == "given"  # type: ignore[union-attr]
    assert by_name["school_request"].source.key == "opt-recommendation"  # type: ignore[union-attr]
    assert by_name["filing"].source.key == "opt-processing"  # type: ignore[union-attr]
    assert by_name["filing"].rule == "USCIS adjudicates the I-765"
    assert by_name["approval"].rule == "the EAD card is mailed"
    ends = [(m.name, m.label, m.date, m.actor) for m in p.milestones[-2:]]
    assert ends == [
        ("card_in_hand", "EAD card in hand (and its validity start reached)", p.start, "uscis"),
        ("start", "First day of work", p.start, "employer"),
    ]


def test_cpt_authorization_is_in_the_schools_hands() -> None:
    p = mp.plan("CPT", "2027-01-04")
    assert [(m.name, m.actor) for m in p.milestones[-2:]] == [
        ("authorization", "school"),
        ("start", "employer"),
    ]


def test_stepped_over_lists_every_closed_day_of_a_step_longer_than_400_years() -> None:
    """110000 business days of a Monday-Friday week are 22000 weeks: the step skips
    44000 weekend days, more than closed_days lists at once."""
    p = mp.plan("CPT", "2500-01-04", processing=mp.business_days(110_000), calendar=PLAIN)
    filing = p.milestone("filing")
    assert (filing.deadline - filing.date).days == 154_000  # type: ignore[operator]
    over = filing.stepped_over
    assert len(over) == 44_000
    assert all(day.date.weekday() >= 5 for day in over)


def test_an_unknown_milestone_name_lists_the_known_ones() -> None:
    with pytest.raises(InvalidValueError) as caught:
        mp.plan("CPT", "2027-01-04").milestone("card_in_hand")
    assert caught.value.got == "card_in_hand"
    assert str(caught.value) == (
        "name must be one of offer, acceptance, filing, authorization, start, got 'card_in_hand'"
    )


# -- 5. costs ------------------------------------------------------------------------------


def test_opt_costs_on_the_latest_filing() -> None:
    (i765,) = mp.plan("OPT", "2027-01-04", filing="paper").costs  # filed 2026-08-21
    assert (i765.name, i765.amount, i765.effective, i765.note) == (
        "Form I-765 filing fee",
        520,
        D("2024-04-01"),
        "$470 if filed online",
    )
    (online,) = mp.plan("OPT", "2027-01-04").costs  # online, the default: 2026-08-23
    assert (online.amount, online.effective, online.note) == (
        470,
        D("2024-04-01"),
        "$520 if filed on paper",
    )
    assert i765.citation == "USCIS fee rule, 89 FR 6194 (2024-01-31)"
    i765, premium = mp.plan("OPT", "2027-01-04", premium=True, filing="paper").costs
    assert i765.amount == 520
    assert (premium.amount, premium.effective, premium.note) == (
        1780,
        D("2026-03-01"),
        "buys processing in 30 business days",
    )
    assert premium.citation == "USCIS inflation adjustment, 91 FR 1059 (2026-01-12)"


def test_opt_costs_before_the_2024_fee_rule_and_before_any_known_fee() -> None:
    (i765,) = mp.plan("OPT", "2024-01-04").costs
    assert (i765.amount, i765.effective, i765.note) == (410, D("2016-12-23"), "")
    assert mp.plan("OPT", "2016-06-06").costs == ()
    assert mp.plan("CPT", "2027-01-04").costs == ()


# -- 6. running out of dates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "parameter", "got"),
    [
        # Year 10 minus 3650 days is before date.min: ten years is plausible, so the start
        # is blamed; a day more and the lead (or window) is.
        ({"processing": 3650}, "start", date(10, 1, 4)),
        ({"processing": 3651}, "processing", "3651 days"),
        ({"filing_window": 3650}, "filing_window", None),
        ({"filing_window": 3651}, "filing_window", None),
    ],
)
def test_a_plan_out_of_dates_blames_a_lead_of_more_than_ten_years(
    options: dict[str, int], parameter: str, got: object
) -> None:
    if parameter == "filing_window":
        # A window that opens before date.min is no earlier limit: the plan stands.
        p = mp.plan("OPT", "0010-01-04", calendar=PLAIN, **options)  # type: ignore[arg-type]
        assert p.earliest_filing == date.min
        return
    with pytest.raises(OutOfRangeError) as caught:
        mp.plan("OPT", "0010-01-04", calendar=PLAIN, **options)  # type: ignore[arg-type]
    assert (caught.value.parameter, caught.value.got) == (parameter, got)
    kind = {"processing": "a lead", "filing_window": "a window"}.get(parameter)
    if kind is None:
        assert caught.value.expected == "a date whose plan stays after 0001-01-01"
    else:
        assert (
            caught.value.expected == f"{kind} that keeps the plan from 0010-01-04 after 0001-01-01"
        )


# -- 7. messages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: mp.plan("CPT", "2027-01-04", mailing=14),
            InvalidValueError,
            "mailing must be None for CPT (mailing applies to OPT only), "
            "got Lead(14, 'days') (micropath.leads.Lead)",
        ),
        (
            lambda: mp.plan("OPT", "2027-01-04", premium=1),
            InvalidTypeError,
            "premium must be a bool, got 1",
        ),
        (
            lambda: mp.plan("CPT", "2027-01-04", premium=True),
            InvalidValueError,
            "premium must be False for CPT (premium processing exists only for OPT), got True",
        ),
        (
            lambda: mp.plan("OPT", "2023-03-20", premium=True),
            OutOfRangeError,
            "premium must be False for this start: premium processing for OPT began "
            "2023-03-06, and this plan would need an earlier filing, got True",
        ),
        (
            lambda: mp.plan("CPT", "2027-01-04", calendar=3),
            InvalidTypeError,
            "calendar must be a Calendar, or a mapping from actor ('school', 'uscis') to "
            "Calendar, got 3",
        ),
        (
            lambda: mp.plan("CPT", "2027-01-04", calendar={"employer": PLAIN}),
            InvalidValueError,
            "calendar must be actors among school, uscis, got 'employer'",
        ),
        (
            lambda: mp.plan("OPT", "2027-01-04", premium=True, processing=100),
            InvalidValueError,
            "processing must be None when premium=True (premium processing sets the lead), "
            "got Lead(100, 'days') (micropath.leads.Lead)",
        ),
        (
            lambda: mp.plan("CPT", "2027-01-04", immediate_cpt=1),
            InvalidTypeError,
            "immediate_cpt must be a bool, got 1",
        ),
        (
            lambda: mp.plan("OPT", "2027-01-04", immediate_cpt=True),
            InvalidValueError,
            "immediate_cpt must be False for OPT (it is a CPT exception), got True",
        ),
        (
            lambda: mp.plan("CPT", "2027-01-04", terms_completed=-1),
            InvalidValueError,
            "terms_completed must be a count from 0 to 100, got -1",
        ),
        (
            lambda: mp.earliest_start("CPT", "9999-12-28", calendar=PLAIN),
            OutOfRangeError,
            "offer must be a date that leaves room for a plan before 9999-12-31, "
            "got datetime.date(9999, 12, 28) (datetime.date)",
        ),
    ],
    ids=[
        "opt-only-lead",
        "premium-type",
        "premium-cpt",
        "premium-too-early",
        "premium-and-processing",
        "immediate-cpt-type",
        "immediate-cpt-opt",
        "terms-negative",
        "calendar-type",
        "calendar-actor",
        "offer-near-max",
    ],
)
def test_error_messages(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert str(caught.value) == message


def test_a_plan_past_the_calendars_span_blames_the_start_and_says_why() -> None:
    """The built-in calendars begin in 1970: a CPT start on 1970-01-05 needs an offer in
    December 1969."""
    with pytest.raises(OutOfRangeError) as caught:
        mp.plan("CPT", "1970-01-05")
    assert (caught.value.parameter, caught.value.got) == ("start", D("1970-01-05"))
    assert caught.value.expected.startswith(
        "a date whose plan stays within the calendars' span (a count whose result from "
        "1970-01-05 stays within 1970-01-01..2100-12-31"
    )


class LooksLikeCPT:
    """Equal to "CPT", with its hash, but not a str."""

    def __eq__(self, other: object) -> bool:
        return other == "CPT"

    def __hash__(self) -> int:
        return hash("CPT")


def test_an_answer_never_depends_on_what_was_planned_before() -> None:
    """Plans are memoized by their inputs and each input's type: a value merely equal to
    an earlier one (0 and False, an object equal to "CPT") is still checked."""
    mp.plan("OPT", "2027-01-04", premium=False)
    with pytest.raises(InvalidTypeError):
        mp.plan("OPT", "2027-01-04", premium=0)  # type: ignore[arg-type]
    mp.plan("CPT", "2027-01-04")
    with pytest.raises(InvalidTypeError) as caught:
        mp.plan(LooksLikeCPT(), "2027-01-04")  # type: ignore[arg-type]
    assert caught.value.parameter == "authorization"


def test_a_filing_window_in_business_days_counts_the_filing_actors_days() -> None:
    """CPT is filed with the school: 10 MIT business days before Jan 4 2027, over the
    winter break (Dec 24 - Jan 1), is Dec 10."""
    p = mp.plan("CPT", "2027-01-04", filing_window=mp.business_days(10))
    assert p.earliest_filing == D("2026-12-10")
    day, counted = D("2027-01-04"), 0
    while counted < 10:
        day -= ONE_DAY
        counted += MIT.is_business_day(day)
    assert p.earliest_filing == day


def test_the_filing_windows_rule_names_the_limit_that_binds() -> None:
    """A 270-day school window would open in September 2026 before the academic-year
    limit (Sep 17); the later one binds and is the only one named."""
    p = mp.plan("OPT", "2027-06-01", academic_year_completes="2026-12-16", filing_window=270)
    assert p.earliest_filing == D("2026-09-17")
    assert p.windows[0].rule == (
        "no earlier than 90 days before one academic year completes (2026-12-16)"
    )
    # The source is the binding rule's, not the one of whichever option was given.
    assert p.windows[0].source is not None
    assert p.windows[0].source.key == "opt-90-day-rule"
    q = mp.plan("OPT", "2027-06-01", academic_year_completes="2026-12-16", filing_window=200)
    assert q.earliest_filing == D("2026-11-13")  # Jun 1 - 200 days, a Friday
    assert q.windows[0].rule == "no earlier than 200 days before the start"
    assert q.windows[0].source is not None
    assert q.windows[0].source.key == "filing-window-practice"


def test_a_filing_window_tie_names_both_limits() -> None:
    """257 days before Jun 1 2027 is Sep 17 2026, the day the academic-year limit opens
    the window too: both rules are named."""
    p = mp.plan("OPT", "2027-06-01", academic_year_completes="2026-12-16", filing_window=257)
    assert p.earliest_filing == D("2026-09-17")
    assert p.windows[0].rule == (
        "no earlier than 90 days before one academic year completes (2026-12-16); "
        "no earlier than 257 days before the start"
    )
    # On a tie the regulation is cited, not the school practice.
    assert p.windows[0].source is not None
    assert p.windows[0].source.key == "opt-90-day-rule"


@pytest.mark.parametrize("authorization", ["CPT", "AT"])
def test_cpt_and_at_filing_windows_without_a_limit_cite_nothing(authorization: str) -> None:
    (filing,) = mp.plan(authorization, "2027-01-04").windows
    assert (filing.opens, filing.rule, filing.source) == (None, "no earlier limit applies", None)


def test_a_calendar_mapping_value_must_be_a_calendar() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        mp.plan("CPT", "2027-01-04", calendar={"school": "mit"})  # type: ignore[dict-item]
    assert (caught.value.parameter, caught.value.got) == ("calendar['school']", "mit")
    assert caught.value.expected == "a micropath.Calendar"


def test_a_filing_outside_the_calendars_span_is_blamed_on_the_filing() -> None:
    """The I-765 must be received on a USCIS business day: the built-in calendars end
    in 2100, so a paper filing in 2200 cannot be placed. Online, it is simply too late."""
    assert mp.plan("OPT", "2027-01-04").on_time_probability("2200-01-01") == 0.0
    p = mp.plan("OPT", "2027-01-04", filing="paper")
    with pytest.raises(OutOfRangeError) as caught:
        p.on_time_probability("2200-01-01")
    assert (caught.value.parameter, caught.value.got) == ("filing", D("2200-01-01"))
    assert "2100-12-31" in caught.value.expected


def test_a_business_day_step_from_a_filing_before_the_calendars_span_blames_the_filing() -> None:
    """CPT processing counts MIT business days, and the MIT calendar begins in 1970: the
    share of cases for a filing in 1960 cannot be counted."""
    p = mp.plan("CPT", "2027-01-04")
    with pytest.raises(OutOfRangeError) as caught:
        p.on_time_probability("1960-01-04")
    assert (caught.value.parameter, caught.value.got) == ("filing", D("1960-01-04"))
    assert "1970-01-01" in caught.value.expected


# -- views the plan hands over to ------------------------------------------------------------


def test_plan_views_show_the_plans_dates() -> None:
    p = mp.plan("CPT", "2027-01-04")
    ics = p.to_ics()
    assert ics.startswith(b"BEGIN:VCALENDAR")
    assert b"20261210" in ics  # the latest filing
    assert b"BEGIN:VALARM" in ics  # reminders by default
    assert b"BEGIN:VALARM" not in p.to_ics(reminders=())  # options reach the view
    html = p._repr_html_()
    assert "2026-12-10" in html


# -- 8. notices, stepped-over days and earliest_start's search -------------------------
# (reached by mutation testing once plan, earliest_start and the properties delegated
# to undecorated functions)


def test_a_start_on_a_school_holiday_is_noticed_with_the_schools_reason() -> None:
    p = mp.plan("OPT", "2026-11-26")
    assert tuple(map(str, p.notices)) == (
        "the first day of work, 2026-11-26, is a closed day for the school: Thanksgiving Day",
    )
    # The school's calendar decides, not the other actors'.
    assert mp.plan("OPT", "2026-11-26", calendar={"school": PLAIN}).notices == ()
    assert mp.plan("OPT", "2026-11-26", calendar={"uscis": PLAIN}).notices == p.notices
    # A calendar without a span (covers=None) is asked too.
    own = mp.Calendar({"2026-11-26": "Thanksgiving"})
    assert tuple(map(str, mp.plan("CPT", "2026-11-26", calendar=own).notices)) == (
        "the first day of work, 2026-11-26, is a closed day for the school: Thanksgiving",
    )


def test_a_start_at_or_past_the_end_of_the_schools_span() -> None:
    """OPT's last steps run on the USCIS calendar, so a school calendar may end before
    the start. On its last day the school calendar is still asked; past it, not."""
    ends_on_christmas = mp.Calendar(
        {"2026-12-25": "Christmas Day"}, covers=("2026-01-01", "2026-12-25")
    )
    on_last = mp.plan("OPT", "2026-12-25", calendar={"school": ends_on_christmas})
    assert tuple(map(str, on_last.notices)) == (
        "the first day of work, 2026-12-25, is a closed day for the school: Christmas Day",
    )
    past = mp.plan("OPT", "2027-01-01", calendar={"school": ends_on_christmas})
    assert past.notices == ()


def test_a_confidence_without_an_estimate_is_noticed() -> None:
    assert tuple(map(str, mp.plan("OPT", "2027-01-04", confidence=0.95).notices)) == (
        "confidence 0.95 changes nothing here: every lead is a bound; "
        "give processing=percentiles(...) or samples(...) to plan at a confidence",
    )
    estimated = mp.percentiles({50: 75, 95: 130})
    assert mp.plan("OPT", "2027-01-04", confidence=0.95, processing=estimated).notices == ()
    assert mp.plan("OPT", "2027-01-04").notices == ()


def _closed(cal: mp.Calendar, first: str, last: str) -> tuple[mp.ClosedDay, ...]:
    """The closed days in [first, last], stepping day by day."""
    out, day = [], D(first)
    while day <= D(last):
        reason = cal.why_closed(day)
        if reason is not None:
            out.append(mp.ClosedDay(day, reason))
        day += ONE_DAY
    return tuple(out)


def test_stepped_over_of_milestones_built_by_hand() -> None:
    """Milestone is public: a milestone without a calendar, deadline or lead steps over
    nothing; a business-day step that also rolled lists each closed day once, in order."""
    base = {"name": "filing", "label": "Filed", "date": D("2026-11-25"), "actor": "student"}
    lead, deadline = mp.business_days(2), D("2026-11-30")
    assert mp.Milestone(**base, calendar=MIT, deadline=deadline).stepped_over == ()
    assert mp.Milestone(**base, calendar=MIT, lead=lead).stepped_over == ()
    assert mp.Milestone(**base, deadline=deadline, lead=lead).stepped_over == ()
    # Deadline on the day itself: nothing inside the step.
    same_day = mp.Milestone(**base, calendar=MIT, deadline=base["date"], lead=lead)
    assert same_day.stepped_over == ()
    # Thanksgiving, the day after and the weekend lie inside the step; the roll back
    # from Tuesday Dec 1 passes over them again and over Monday Nov 30 (open).
    both = mp.Milestone(
        **base, calendar=MIT, deadline=deadline, lead=lead, rolled_from=D("2026-12-01")
    )
    assert both.stepped_over == _closed(MIT, "2026-11-25", "2026-12-01")
    assert [c.date for c in both.stepped_over] == [
        D("2026-11-26"), D("2026-11-27"), D("2026-11-28"), D("2026-11-29"),
    ]  # fmt: skip
    # Beginning on a closed day: the step's own first day is listed, then the roll's.
    on_holiday = mp.Milestone(
        **{**base, "date": D("2026-11-26")},
        calendar=MIT,
        deadline=D("2026-11-27"),
        lead=lead,
        rolled_from=D("2026-11-29"),
    )
    assert [c.date for c in on_holiday.stepped_over] == [
        D("2026-11-26"), D("2026-11-27"), D("2026-11-28"), D("2026-11-29"),
    ]  # fmt: skip
    calendar_days = mp.Milestone(
        **base, calendar=MIT, deadline=deadline, lead=mp.days(5), rolled_from=D("2026-11-28")
    )
    assert calendar_days.stepped_over == _closed(MIT, "2026-11-26", "2026-11-28")


def _admits(authorization: str, start: date, offer: date, **options: object) -> bool:
    p = mp.plan(authorization, start, **options)  # type: ignore[arg-type]
    return p.feasible and p.latest_offer >= offer


@pytest.mark.parametrize(
    ("authorization", "offer", "options"),
    [
        # The academic year completes more than three years after the offer: the
        # search starts there, not at the offer (which would give up after 3 years).
        ("OPT", "2026-10-01", {"academic_year_completes": "2031-06-01"}),
        # earliest start two days after the offer: the doubling step reaches it from
        # one day, and the halving step starts with a gap of one day.
        ("CPT", "2026-10-05", {"decision": 2, "preparation": 0, "processing": 0,
                               "calendar": PLAIN}),
        ("CPT", "2026-10-05", {"decision": 1, "preparation": 0, "processing": 0,
                               "calendar": PLAIN}),
        ("CPT", "2026-10-05", {"immediate_cpt": True, "academic_year_completes": "2031-06-01"}),
    ],
)  # fmt: skip
def test_earliest_start_is_the_first_admitting_start(
    authorization: str, offer: str, options: dict[str, object]
) -> None:
    found = mp.earliest_start(authorization, offer, **options)  # type: ignore[arg-type]
    assert found is not None
    assert _admits(authorization, found, D(offer), **options)
    assert not _admits(authorization, found - ONE_DAY, D(offer), **options)
    # Stepping day by day from the offer: no earlier start admits it.
    day = D(offer)
    while day < found and (found - day).days <= 40:
        assert not _admits(authorization, day, D(offer), **options)
        day += ONE_DAY


def test_earliest_start_for_a_first_year_student_with_an_academic_year() -> None:
    assert (
        mp.earliest_start(
            "OPT", "2026-10-01", terms_completed=1, academic_year_completes="2027-06-01"
        )
        is None
    )


def test_earliest_start_at_and_past_the_calendars_last_day() -> None:
    with pytest.raises(OutOfRangeError) as caught:
        mp.earliest_start("CPT", "2100-12-31")
    assert (caught.value.parameter, caught.value.got) == ("offer", "2100-12-31")
    assert caught.value.expected == "a date that some start on or before 2100-12-31 admits"
    with pytest.raises(OutOfRangeError) as caught:
        mp.earliest_start("CPT", "2101-01-05")
    assert (caught.value.parameter, caught.value.got) == ("offer", "2101-01-05")
    assert caught.value.expected == "a date on or before 2100-12-31, the calendars' last day"


def test_no_business_day_message_names_the_calendar() -> None:
    cal = mp.Calendar(covers=("2026-01-05", "2027-01-02"), name="short")
    with pytest.raises(OutOfRangeError) as caught:
        cal.next_business_day("2027-01-02")
    assert caught.value.expected == (
        "a date with a business day on or after it within 2026-01-05..2027-01-02, "
        "the span the short calendar covers"
    )


def test_earliest_start_for_an_ineligible_student_is_none_even_at_the_span_end() -> None:
    """Not eligible: no start admits any offer, so None, without searching (a search from
    the calendars' last day would run out of dates instead)."""
    assert mp.earliest_start("CPT", "2100-12-31", terms_completed=1) is None


def test_a_start_on_the_first_day_of_the_schools_span() -> None:
    """With no school step taking time, a plan can start on the school calendar's
    first day, which is asked like any other."""
    school = mp.Calendar({"2027-01-02": "Inventory day"}, covers=("2027-01-02", "2028-01-01"))
    p = mp.plan(
        "OPT", "2027-01-02", decision=0, preparation=0, recommendation=0,
        calendar={"school": school},
    )  # fmt: skip
    assert tuple(map(str, p.notices)) == (
        "the first day of work, 2027-01-02, is a closed day for the school: Inventory day",
    )


@pytest.mark.parametrize(
    "calendar",
    [mp.Calendar(), mp.Calendar(covers=("2020-01-01", "2029-12-31"))],
    ids=["date-min", "outside-the-span"],
)
def test_a_hand_built_step_ending_where_it_begins_steps_over_nothing(
    calendar: mp.Calendar,
) -> None:
    """Nothing is looked up for an empty step: not the day before date.min, not a
    day outside the calendar's span."""
    day = date.min if calendar.covers is None else D("2030-01-01")
    milestone = mp.Milestone(
        "filing", "Filed", day, "student", deadline=day, lead=mp.business_days(3),
        calendar=calendar,
    )  # fmt: skip
    assert milestone.stepped_over == ()


def test_earliest_start_near_date_max_on_a_calendar_without_a_span() -> None:
    """The last candidate is date.max itself: the search stops there with None (a
    shut filing window), or says no start admits the offer, never overflowing."""
    offer = date.max - timedelta(days=400)
    assert mp.earliest_start("OPT", offer, calendar=PLAIN, filing_window=10) is None
    with pytest.raises(OutOfRangeError) as caught:
        mp.earliest_start("CPT", date.max - ONE_DAY, calendar=PLAIN)
    assert caught.value.expected == "a date that some start on or before 9999-12-31 admits"


# -- 8b. survivors of the run for issue 14 --------------------------------------------------


def test_a_plans_repr_names_its_category() -> None:
    assert repr(mp.plan("OPT", "2027-01-04")).startswith("Plan(OPT (c)(3)(A), start=2027-01-04")
    assert repr(mp.plan("CPT", "2027-01-04")).startswith("Plan(CPT, start=2027-01-04")


def test_to_ics_passes_the_internship_and_its_check_ins_on() -> None:
    pytest.importorskip("icalendar")
    from micropath.views.ics import to_ics

    p, term = mp.plan("CPT", mp.iap(2027)), mp.iap(2027)
    stamp = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    plain = p.to_ics(stamp=stamp)
    with_term = p.to_ics(internship=term, stamp=stamp)
    with_meetings = p.to_ics(internship=term, check_ins="FR", stamp=stamp)
    assert with_term == to_ics(p, internship=term, stamp=stamp) != plain
    assert with_meetings == to_ics(p, internship=term, check_ins="FR", stamp=stamp) != with_term


def test_offered_by_lists_every_authorization_or_none() -> None:
    """Today each option a pathway does not take is offered by exactly one authorization
    (mailing and premium by OPT, immediate_cpt by CPT), so the plural and the empty
    forms of the message are reached only through the helper."""
    from micropath.planner import _offered_by

    assert _offered_by(lambda path: True) == "CPT, OPT, AT"
    assert _offered_by(lambda path: False) == "no authorization"
    assert _offered_by(lambda path: path.authorization is mp.Authorization.OPT) == "OPT"


def test_a_limit_after_an_anchor_in_business_days_counts_them() -> None:
    """``_after`` in business days: no pathway today closes a window business days after
    its anchor (post-completion's 60 days are calendar days), so it is checked alone."""
    from micropath.planner import _after

    anchor = D("2026-12-24")  # the MIT winter break follows
    assert _after(anchor, mp.business_days(3), MIT) == MIT.add_business_days(anchor, 3)
    assert _after(anchor, mp.business_days(3), MIT) == D("2027-01-06")
    assert _after(anchor, mp.days(3), MIT) == D("2026-12-27")
    assert _after(date.max - ONE_DAY, mp.days(5), PLAIN) == date.max  # no limit past it


def test_a_recommendation_in_calendar_days_is_reissued_as_late_as_it_can_be() -> None:
    """The forward check with a filing window and a recommendation lead in calendar days
    (``_back`` on calendar days): law 1 against the oracle, including a lead of 1 day."""
    for lead in (1, 12):
        p = mp.plan(
            "OPT",
            "2027-06-01",
            academic_year_completes="2026-12-16",
            filing="paper",
            recommendation=lead,
        )
        steps = tuple(
            dataclasses.replace(step, business=False, amount=lead)
            if step.name == "recommendation"
            else step
            for step in oracles.default_chain(
                "OPT", school=MIT.is_business_day, uscis=FEDERAL.is_business_day
            )
        )
        _sweep(p, steps, D("2026-06-01"), 120)


@pytest.mark.parametrize(
    "covers",
    [(D("2026-12-26"), D("2027-12-31")), (D("2026-01-01"), D("2026-12-26"))],
)
def test_a_request_on_a_closed_first_or_last_day_of_the_span_is_flagged(
    covers: tuple[date, date],
) -> None:
    """The request begins on Saturday 2026-12-26, the calendar's first (or last) covered
    day: inside its span, so the closed day is flagged, with the step's label."""
    cal = mp.Calendar(covers=covers, name="edge")
    p = mp.plan("CPT", "2027-01-04", processing=9, decision=0, preparation=0, calendar=cal)
    (finding,) = [f for f in p.notices if f.code == "begins-on-closed-day"]
    assert dict(finding.parameters) == {
        "milestone": "filing",
        "label": p.milestone("filing").label,
        "date": D("2026-12-26"),
        "closed": "weekend (Saturday)",
    }
    outside = mp.Calendar(covers=(D("2026-12-27"), D("2027-12-31")), name="after")
    late = mp.plan("CPT", "2027-01-04", processing=8, decision=0, preparation=0, calendar=outside)
    assert [f for f in late.notices if f.code == "begins-on-closed-day"] != []  # Dec 27
    assert late.milestone("filing").date == D("2026-12-27")


def test_a_premium_plan_before_the_2024_fee_rule_notes_only_the_premium_fee() -> None:
    """Filed in 2023-2024, before the I-765 had an online price: only the premium fee
    carries a note (what it buys)."""
    i765, premium = mp.plan("OPT", "2024-03-01", premium=True).costs
    assert (i765.amount, i765.note) == (410, "")
    assert premium.note.startswith("buys processing in ")


def test_a_window_over_ten_years_in_business_days_is_blamed_past_the_span() -> None:
    """On the MIT calendar (1970-2100), a filing window of 3651 business days before
    1984-06-01 leaves the span: the window is blamed; one of exactly ten years' worth
    (3650) is plausible, so the start is."""
    with pytest.raises(OutOfRangeError) as caught:
        mp.plan("CPT", "1984-06-01", filing_window=mp.business_days(3651))
    assert (caught.value.parameter, caught.value.got) == ("filing_window", "3651 business days")
    assert caught.value.expected.startswith("a window that keeps the plan from 1984-06-01 ")
    with pytest.raises(mp.StartOutOfSpanError) as blamed:
        mp.plan("CPT", "1984-06-01", filing_window=mp.business_days(3650))
    assert blamed.value.parameter == "start"


# -- 9. what a plan computes once per set of options ------------------------------------
# Setups are cached by their options (``planner._cached_prepared``), so mutation testing
# credits what they compute to the first test that asked; these tests empty the cache.


@pytest.fixture
def fresh() -> None:
    """The planner's cache of setups, emptied: this test computes its own."""
    planner._cached_prepared.cache_clear()


def test_a_start_bound_gives_the_first_and_last_start_and_its_findings_parameters(
    fresh: None,
) -> None:
    school = mp.schools.mit()
    year = StartLimit("academic_year_completes", 0, None, "first-academic-year", "regulation")
    bound = planner._start_bound(year, date.max, school)  # no room after, none needed
    assert bound == planner._StartBound(
        date.max,
        date.max,
        None,
        (("anchor", "academic_year_completes"), ("earliest", date.max)),
        (("anchor", "academic_year_completes"), ("anchor_date", date.max), ("days", None),
         ("latest", None)),
        school.source("first-academic-year"),
    )  # fmt: skip
    window = StartLimit("program_end", 5, 60, "opt-post-start", "regulation")
    bound = planner._start_bound(window, D("2026-12-18"), school)
    assert (bound.earliest, bound.latest) == (D("2026-12-23"), D("2027-02-16"))
    assert bound.late == (
        ("anchor", "program_end"), ("anchor_date", D("2026-12-18")), ("days", 60),
        ("latest", D("2027-02-16")),
    )  # fmt: skip
    assert planner._start_bound(window, date.max - timedelta(days=9), school).latest == date.max
    with pytest.raises(OutOfRangeError) as caught:
        planner._start_bound(window, date.max - timedelta(days=4), school)
    assert (caught.value.parameter, caught.value.expected, caught.value.got) == (
        "program_end",
        "a date at least 5 days before 9999-12-31",
        date.max - timedelta(days=4),
    )


def test_a_post_completion_filing_window_closes_60_days_after_the_program_end(
    fresh: None,
) -> None:
    options = mp.PlanOptions(program_end=D("2026-12-18"))
    setup = planner._prepare("OPT", options).setup(D("2027-03-01"))
    limits = planner._compute_limits(setup, D("2027-03-01"))
    assert (limits.opens, limits.closes) == (D("2026-09-19"), D("2027-02-16"))
    assert limits.anchors == (("program_end", D("2026-12-18")),)
    assert [rule.source for rule in limits.binding] == ["opt-post-window"]
    late = mp.plan("OPT", "2027-08-02", options=options)  # 134 days before: in March
    assert late.latest_filing == D("2027-02-16")  # capped at the window's close


def test_windows_that_only_close_take_the_earliest_close(fresh: None) -> None:
    """No pathway today has a window with only a closing, or two closings: a hand-made
    one checks how the limits combine (the earliest close binds; nothing opens)."""
    two = (
        FilingWindow("program_end", None, mp.days(60), "opt-post-window", "regulation"),
        FilingWindow("program_end", None, mp.business_days(10), "opt-post-window", "practice"),
    )
    path = attrs.evolve(OPT_POST, rules=two)
    setup = planner._setup(path, mp.PlanOptions(program_end=D("2026-12-18")))
    limits = planner._compute_limits(setup, D("2027-01-04"))
    assert limits == planner._Limits(
        None,
        FEDERAL.add_business_days(D("2026-12-18"), 10),
        (),
        (("program_end", D("2026-12-18")),),
    )
    one = attrs.evolve(OPT_POST, rules=two[:1])
    setup = planner._setup(one, mp.PlanOptions(program_end=D("2026-12-18")))
    assert planner._compute_limits(setup, D("2027-01-04")).closes == D("2027-02-16")


def test_a_school_practice_window_is_a_practice_rule(fresh: None) -> None:
    p = mp.plan("CPT", "2027-01-04", filing_window=45)
    (window,) = [rule for rule in p.rules if isinstance(rule, FilingWindow)]
    assert (window.anchor, window.opens_before, window.kind) == ("start", mp.days(45), "practice")
    assert window.source == "filing-window-practice"


def test_milestones_carry_their_steps_roles(fresh: None) -> None:
    p = mp.plan("OPT", "2027-01-04")
    steps = p.pathway.steps
    assert [m.role for m in p.milestones[: len(steps)]] == [step.role for step in steps]


def test_an_online_premium_filing_on_a_weekend_stays_there() -> None:
    """Premium under the 2023 rule counted 30 calendar days, so the latest filing can
    fall on a weekend: online it stays (received when submitted), on paper it rolls
    back to a USCIS business day."""
    for offset in range(60):
        start = D("2023-10-02") + timedelta(days=offset)
        online = mp.plan("OPT", start, premium=True)
        if online.latest_filing.weekday() >= 5:
            break
    else:
        pytest.fail("no weekend filing in the sweep")
    paper = mp.plan("OPT", start, premium=True, filing="paper")
    assert paper.latest_filing == FEDERAL.previous_business_day(online.latest_filing)
    assert paper.latest_filing < online.latest_filing


def test_options_that_are_not_plan_options_are_named_with_what_came() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        mp.plan("OPT", "2027-01-04", options={"premium": True})  # type: ignore[arg-type]
    assert (caught.value.parameter, caught.value.got) == ("options", {"premium": True})


def test_a_program_end_on_the_last_day_plans_pre_completion(fresh: None) -> None:
    p = mp.plan("OPT", "2027-01-04", program_end=date.max)
    assert p.category == "(c)(3)(A)"
    assert p.latest_filing == mp.plan("OPT", "2027-01-04").latest_filing


def test_calendars_given_as_a_mapping_plan_as_the_same_calendars_by_default(
    fresh: None,
) -> None:
    """A dict of calendars cannot key the cache of setups: the plan is made without it."""
    given = mp.plan("OPT", "2027-01-04", calendar={"school": MIT, "uscis": FEDERAL})
    assert given == mp.plan("OPT", "2027-01-04")
    assert given.milestones == mp.plan("OPT", "2027-01-04").milestones


def test_a_start_before_the_academic_year_completes_is_a_start_too_early_reason(
    fresh: None,
) -> None:
    p = mp.plan("CPT", "2027-01-04", academic_year_completes="2027-05-31")
    (reason,) = p.reasons
    assert (reason.code, reason.severity) == ("start-too-early", "reason")
    assert dict(reason.parameters) == {
        "anchor": "academic_year_completes",
        "earliest": D("2027-05-31"),
        "start": D("2027-01-04"),
    }
    assert reason.source is not None
    assert reason.source.key == "first-academic-year"


# -- 10. the reasons a start and a window give -------------------------------------------
# Each reason is checked whole (code, severity, parameters and the rule's source): the
# planner builds them without attrs' validators, so nothing else would notice a field
# left out or misspelt.

PROGRAM_END = D("2026-06-01")
SIXTY_DAYS = timedelta(days=60)
"""Post-completion OPT starts no later than 60 days after the program end date
(8 CFR 214.2(f)(10)(ii)), and its I-765 is filed no later than that too
(8 CFR 214.2(f)(11)(i)(B)(2)); ``shared/domain.md``."""


def test_a_start_more_than_60_days_after_the_program_end_is_a_start_too_late_reason(
    fresh: None,
) -> None:
    start = PROGRAM_END + SIXTY_DAYS + ONE_DAY
    p = mp.plan("OPT", start, program_end=PROGRAM_END)
    (reason,) = p.reasons
    assert (reason.code, reason.severity) == ("start-too-late", "reason")
    assert dict(reason.parameters) == {
        "anchor": "program_end",
        "anchor_date": PROGRAM_END,
        "days": 60,
        "latest": PROGRAM_END + SIXTY_DAYS,
        "start": start,
    }
    assert reason.source is not None
    assert (reason.source.key, reason.source.kind) == ("opt-post-start", "regulation")
    assert mp.plan("OPT", start - ONE_DAY, program_end=PROGRAM_END).reasons == ()


def test_a_window_that_opens_after_the_latest_filing_is_a_window_opens_late_reason(
    fresh: None,
) -> None:
    """A 30-day practice window opens 30 calendar days before the start; the chain's
    latest filing (120 + 14 days before it) comes first."""
    start = D("2027-01-04")
    p = mp.plan("OPT", start, filing_window=mp.days(30))
    latest_filing = start - timedelta(days=120 + 14)  # filed online: any day, no roll
    assert (p.latest_filing, p.earliest_filing) == (latest_filing, start - timedelta(days=30))
    (reason,) = p.reasons
    assert (reason.code, reason.severity) == ("window-opens-late", "reason")
    assert reason.parameters == (
        ("opens", start - timedelta(days=30)),
        ("latest_filing", latest_filing),
    )
    assert reason.source is not None
    assert (reason.source.key, reason.source.kind) == ("filing-window-practice", "practice")


def test_of_two_windows_that_close_the_earlier_close_caps_the_filing(fresh: None) -> None:
    """Post-completion OPT's window closes 60 days after the program end; a school's
    window that closes later (one day after the start) does not extend it. The start
    is far enough out that the chain alone would file after the regulation's close:
    that needs a start more than 194 days (60 + 120 + 14) after the program end, so
    the plan is also start-too-late; the cap is what is checked here."""
    start = D("2027-01-04")
    late_close = FilingWindow(
        "start", mp.days(90), mp.days(1), "filing-window-practice", "practice"
    )
    school = attrs.evolve(mp.schools.mit(), filing_window=late_close)
    regulation_close = PROGRAM_END + SIXTY_DAYS
    assert mp.plan("OPT", start).latest_filing > regulation_close  # uncapped
    for given in (mp.schools.mit(), school):
        p = mp.plan("OPT", start, program_end=PROGRAM_END, school=given)
        assert p.latest_filing == regulation_close
