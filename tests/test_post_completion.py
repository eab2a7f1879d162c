"""Post-completion OPT, (c)(3)(B): the worked figures, a case checked by hand, and laws.

Laws, each against the day-by-day chain of ``oracles.py``:

1. A first day after ``program_end`` plans (c)(3)(B); on or before it, (c)(3)(A).
2. The latest filing is the last day, no later than 60 days after the program end,
   from which the chain still has the card in hand on the first day (paper: a USCIS
   business day; online: any day); the day after it is not (maximality).
3. The filing window opens 90 days before the program end (paper: the next USCIS
   business day), and the plan is feasible exactly when it opens by the latest
   filing and the first day is at most 60 days after the program end.
4. ``earliest_start`` with a program end is the first start, stepping day by day
   from the offer, whose plan admits the offer, then the first feasible one within
   three years; none admits it when the calendars' last day does not.
"""

from __future__ import annotations

from datetime import date, timedelta

import oracles
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import micropath as mp

D = date.fromisoformat
ONE_DAY = timedelta(days=1)
FEDERAL = mp.calendars.federal()
MIT = mp.calendars.mit()


# -- the worked figures (issue "Rules as data", shared/domain.md) ------------------------


def test_standard_processing_for_iap_is_not_feasible_the_window_opens_too_late() -> None:
    p = mp.plan("OPT", "2027-01-04", program_end="2026-12-18", filing="online")
    assert p.category == "(c)(3)(B)"
    assert p.earliest_filing == D("2026-09-19")
    assert p.latest_filing == D("2026-08-23")
    assert not p.feasible
    (reason,) = p.reasons
    assert reason.code == "window-opens-late"
    assert reason["opens"] == D("2026-09-19")
    assert "opens 2026-09-19, after the latest safe filing 2026-08-23" in p.explain()


def test_on_paper_the_window_opens_on_the_next_uscis_business_day() -> None:
    p = mp.plan("OPT", "2027-01-04", program_end="2026-12-18", filing="paper")
    assert (p.earliest_filing, p.latest_filing, p.feasible) == (
        D("2026-09-21"),  # Saturday Sep 19 rolls forward
        D("2026-08-21"),  # Sunday Aug 23 rolls back
        False,
    )


@pytest.mark.parametrize("filing", ["online", "paper"])
def test_with_premium_processing_it_is_feasible(filing: str) -> None:
    p = mp.plan("OPT", "2027-01-04", program_end="2026-12-18", premium=True, filing=filing)
    assert (p.category, p.latest_filing, p.feasible) == ("(c)(3)(B)", D("2026-11-05"), True)


def test_a_start_more_than_60_days_after_the_program_end_is_not_feasible() -> None:
    p = mp.plan("OPT", "2027-03-01", program_end="2026-12-18", premium=True)
    assert not p.feasible
    (reason,) = p.reasons
    assert (reason.code, reason["latest"]) == ("start-too-late", D("2027-02-16"))
    assert "2027-02-16" in str(reason)
    on_the_last_day = mp.plan("OPT", "2027-02-16", program_end="2026-12-18", premium=True)
    assert on_the_last_day.feasible


def test_the_plan_records_its_category_and_rules_with_their_kinds() -> None:
    p = mp.plan("OPT", "2027-01-04", program_end="2026-12-18")
    assert p.to_dict()["category"] == "(c)(3)(B)"
    kinds = {(type(rule).__name__, rule.kind) for rule in p.rules}
    assert ("FilingWindow", "regulation") in kinds
    assert ("StartLimit", "regulation") in kinds


@pytest.mark.parametrize(
    ("start", "category"),
    [("2026-12-17", "(c)(3)(A)"), ("2026-12-18", "(c)(3)(A)"), ("2026-12-19", "(c)(3)(B)")],
)
def test_the_category_turns_on_the_day_after_the_program_end(start: str, category: str) -> None:
    assert mp.plan("OPT", start, program_end="2026-12-18").category == category


def test_without_a_program_end_it_is_pre_completion() -> None:
    assert mp.plan("OPT", "2027-01-04").category == "(c)(3)(A)"


# -- a second worked example, checked by hand ------------------------------------------
#
# Program end Friday 2027-05-21, first day Monday 2027-06-14.
# * Card in hand 06-14 - 14 days mailing: approval by Monday 2027-05-31.
# * Standard: 05-31 - 120 days = Sunday 2027-01-31 (online), Friday 01-29 (paper);
#   the window opens 05-21 - 90 days = Saturday 2027-02-20 (online), Monday 02-22
#   (paper): after the latest filing, so not feasible.
# * Premium: 30 USCIS business days before 05-31: the 20 weekdays of May 3-28 and
#   April 19-30 (10), no federal holiday among them: Monday 2027-04-19.
#   The school request: 10 MIT business days before 04-19, which is Patriots' Day:
#   April 5-9 and 12-16, so Monday 2027-04-05; preparation 5 before it: March 29 -
#   April 2, so 2027-03-29; decision 7 before that: March 18-19 and 22-26, so the
#   latest offer is Thursday 2027-03-18.


@pytest.mark.parametrize(
    ("filing", "latest", "opens"),
    [("online", "2027-01-31", "2027-02-20"), ("paper", "2027-01-29", "2027-02-22")],
)
def test_may_program_end_june_start_standard(filing: str, latest: str, opens: str) -> None:
    p = mp.plan("OPT", "2027-06-14", program_end="2027-05-21", filing=filing)
    assert (p.latest_filing, p.earliest_filing, p.feasible) == (D(latest), D(opens), False)


def test_may_program_end_june_start_premium() -> None:
    p = mp.plan("OPT", "2027-06-14", program_end="2027-05-21", premium=True)
    assert (p.latest_filing, p.latest_offer, p.feasible) == (
        D("2027-04-19"),
        D("2027-03-18"),
        True,
    )
    assert p.milestone("school_request").date == D("2027-04-05")
    assert p.milestone("acceptance").date == D("2027-03-29")


# -- laws against the day-by-day oracle ------------------------------------------------------

PROGRAM_ENDS = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 6, 30))


def _oracle_chain() -> tuple[oracles.ChainStep, ...]:
    school = oracles.open_days(_week(MIT))
    uscis = oracles.open_days(_week(FEDERAL))
    return oracles.default_chain("OPT", school=school, uscis=uscis)


def _week(cal: mp.Calendar) -> oracles.Workdays:
    return oracles.Workdays(
        frozenset(i for i, c in enumerate(cal.weekmask) if c == "1"),
        frozenset(day for day, _ in cal.holidays),
    )


def _oracle_latest_filing(start: date, program_end: date, paper: bool) -> date:
    """Step back from the latest allowed day until the filing part of the chain delivers."""
    steps = oracles.filing_part(_oracle_chain())
    if not paper:
        steps = (oracles.ChainStep(steps[0].name, 120, False, steps[0].is_open), *steps[1:])
    day = min(start, program_end + timedelta(days=60))
    while True:
        if (not paper or FEDERAL.is_business_day(day)) and oracles.safe(steps, day, start):
            return day
        day -= ONE_DAY


@given(PROGRAM_ENDS, st.integers(1, 120), st.sampled_from(["online", "paper"]))
def test_post_completion_agrees_with_the_day_by_day_oracle(
    program_end: date, after: int, filing: str
) -> None:
    start = program_end + timedelta(days=after)
    p = mp.plan("OPT", start, program_end=program_end, filing=filing, processing=after)
    assert p.category == "(c)(3)(B)"
    # A short processing lead (the days after the end) makes the 60-day cap matter.
    steps = oracles.filing_part(_oracle_chain())
    steps = (oracles.ChainStep(steps[0].name, after, False, steps[0].is_open), *steps[1:])
    paper = filing == "paper"
    day = min(start, program_end + timedelta(days=60))
    while not ((not paper or FEDERAL.is_business_day(day)) and oracles.safe(steps, day, start)):
        day -= ONE_DAY
    assert p.latest_filing == day
    opens = program_end - timedelta(days=90)
    if paper:
        opens = FEDERAL.next_business_day(opens)
    assert p.earliest_filing == opens
    assert p.feasible == (opens <= day and after <= 60)


@given(PROGRAM_ENDS, st.integers(1, 60))
def test_default_processing_law(program_end: date, after: int) -> None:
    start = program_end + timedelta(days=after)
    for filing in ("online", "paper"):
        p = mp.plan("OPT", start, program_end=program_end, filing=filing)
        assert p.latest_filing == _oracle_latest_filing(start, program_end, filing == "paper")


# -- 4: the earliest start an offer allows ------------------------------------------------

LAST_DAY = date(2100, 12, 31)
"""The built-in calendars' last day: no start after it is planned."""


def _first_admitting_feasible_day(offer: date, **options: object) -> date | str | None:
    """The oracle: step day by day from the offer to the first start whose plan admits
    the offer, then on for three years of 366 days to the first feasible one.
    ``"none admits"`` when no start up to the calendars' last day admits it (the
    latest offer never falls as the start moves later, so the last day decides)."""
    if mp.plan("OPT", LAST_DAY, **options).latest_offer < offer:  # type: ignore[arg-type]
        return "none admits"
    day = offer
    while True:
        try:
            p = mp.plan("OPT", day, **options)  # type: ignore[arg-type]
        except (mp.StartOutOfSpanError, mp.PremiumUnavailableError):
            p = None
        if p is not None and p.latest_offer >= offer:
            break
        day += ONE_DAY
    for _ in range(3 * 366):
        if mp.plan("OPT", day, **options).feasible:  # type: ignore[arg-type]
            return day
        day += ONE_DAY
    return None


def _earliest_start(offer: date, **options: object) -> date | str | None:
    try:
        return mp.earliest_start("OPT", offer, **options)  # type: ignore[arg-type]
    except mp.OutOfRangeError as error:
        return "none admits" if error.parameter == "offer" else f"error naming {error.parameter}"


@pytest.mark.parametrize(
    ("offer", "program_end", "premium", "expected"),
    [
        # IAP 2027 (the worked figures): standard processing admits the offer from
        # 2027-04-09, more than 60 days after the end, so no start is feasible.
        ("2026-10-25", "2026-12-18", False, None),
        # Premium: the first start that admits the offer is feasible.
        ("2026-10-25", "2026-12-18", True, "2027-01-26"),
        # An offer after the last filing any start allows (60 days after the end):
        # no start admits it.
        ("2027-02-17", "2026-12-18", True, "none admits"),
        # A program end after the offer: pre-completion starts do not admit it; the
        # first that does, 2026-08-13, is 83 days after the end: none is feasible.
        ("2026-03-02", "2026-05-22", False, None),
        ("2026-03-02", "2026-05-22", True, "2026-05-27"),
    ],
)
def test_earliest_start_edge_dates(
    offer: str, program_end: str, premium: bool, expected: str | None
) -> None:
    options = {"program_end": D(program_end), "premium": premium}
    got = _earliest_start(D(offer), **options)
    assert got == (D(expected) if expected and expected[0].isdigit() else expected)
    assert got == _first_admitting_feasible_day(D(offer), **options)


@settings(max_examples=25, deadline=None)  # each oracle plans up to about 1,300 days
@given(PROGRAM_ENDS, st.integers(-250, 90), st.booleans())
def test_earliest_start_agrees_with_the_day_by_day_search(
    program_end: date, offset: int, premium: bool
) -> None:
    offer = program_end + timedelta(days=offset)
    options = {"program_end": program_end, "premium": premium}
    assert _earliest_start(offer, **options) == _first_admitting_feasible_day(offer, **options)
