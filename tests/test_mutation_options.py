"""Behaviour of :class:`micropath.PlanOptions` that mutation testing found unchecked.

Each test here kills mutants of ``micropath/options.py`` that survived the rest of the
suite (``tests/mutation/run.sh``; docs/quality.md lists them). They check documented
behaviour through the public names:

1. Every option's error names that option, says what was expected and what came
   (the house style), for every lead, date, count and choice field.
2. The bounds are inclusive: ``terms_completed`` 0 and 100, ``confidence`` 1.
3. Values are normalized: a confidence is a float, a filing method is lower case
   without spaces, a calendar mapping or its pairs become sorted ``(actor, Calendar)``
   pairs; an estimate or a lead passes through as it is.
4. Every option's flag is its name with dashes (the fields themselves, built at
   import: ``test_mutation_import_time.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

import micropath as mp
from micropath.options import NAMES, PlanOptions, fields

LEADS = ("processing", "preparation", "decision", "mailing", "recommendation", "filing_window")
DATES = ("program_end", "academic_year_completes", "today")
DATE_EXPECTED = "a datetime.date or an ISO date string 'YYYY-MM-DD'"


def _message(**given: object) -> str:
    with pytest.raises(mp.MicropathError) as caught:
        PlanOptions(**given)  # type: ignore[arg-type]
    return str(caught.value)


@pytest.mark.parametrize("name", LEADS)
def test_a_negative_lead_names_its_option(name: str) -> None:
    assert _message(**{name: -3}) == f"{name} must be at least 0 days, got -3"


@pytest.mark.parametrize("name", DATES)
def test_a_bad_date_names_its_option(name: str) -> None:
    assert _message(**{name: "x"}) == f"{name} must be {DATE_EXPECTED}, got 'x'"
    assert getattr(PlanOptions(**{name: "2026-12-18"}), name) == date(2026, 12, 18)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["premium", "immediate_cpt"])
def test_a_flag_must_be_a_bool(name: str) -> None:
    assert _message(**{name: 1}) == f"{name} must be a bool, got 1"
    assert getattr(PlanOptions(**{name: True}), name) is True  # type: ignore[arg-type]


def test_terms_completed_from_0_to_100() -> None:
    assert PlanOptions(terms_completed=0).terms_completed == 0
    assert PlanOptions(terms_completed=100).terms_completed == 100
    assert PlanOptions(terms_completed=None).terms_completed is None
    for terms in (-1, 101):
        assert _message(terms_completed=terms) == (
            f"terms_completed must be a count from 0 to 100, got {terms}"
        )
    assert _message(terms_completed="2") == "terms_completed must be an integer, got '2'"


def test_confidence_is_a_float_up_to_1() -> None:
    one = PlanOptions(confidence=1).confidence
    assert one == 1.0
    assert type(one) is float
    assert PlanOptions(confidence=0.95).confidence == 0.95
    assert PlanOptions().confidence is None
    assert _message(confidence=2).startswith("confidence must be a number in (0, 1]")


@pytest.mark.parametrize(("given", "method"), [(" PAPER ", "paper"), ("Online\t", "online")])
def test_filing_is_normalized(given: str, method: str) -> None:
    assert PlanOptions(filing=given).filing == method


def test_filing_errors_say_online_or_paper() -> None:
    assert _message(filing="fax") == "filing must be 'online' or 'paper', got 'fax'"
    assert _message(filing=None) == "filing must be 'online' or 'paper', got None"


def test_estimates_and_leads_pass_through() -> None:
    estimate = mp.percentiles({50: 10, 90: 20})
    drawn = mp.samples([1, 2])
    given = PlanOptions(processing=estimate, mailing=drawn, filing_window=mp.business_days(3))
    assert given.processing is estimate
    assert given.mailing is drawn
    assert given.filing_window == mp.business_days(3)
    assert PlanOptions(decision=7).decision == mp.days(7)
    assert PlanOptions(preparation=None).preparation is None


def test_premium_with_processing_is_an_error_and_premium_alone_is_not() -> None:
    assert _message(premium=True, processing=5) == (
        "processing must be None when premium=True (premium processing sets the lead), "
        "got Lead(5, 'days') (micropath.leads.Lead)"
    )
    assert PlanOptions(premium=True).processing is None
    assert PlanOptions(processing=5).processing == mp.days(5)


def test_school_by_name_or_value() -> None:
    assert PlanOptions(school="generic").school == mp.schools.generic()
    school = mp.schools.mit()
    assert PlanOptions(school=school).school is school
    expected = "a micropath School, or 'mit' or 'generic' (a school file: School.from_toml(path))"
    assert _message(school=3) == f"school must be {expected}, got 3"
    # A file's path is not a name: found by a tester, who was told only the two names.
    assert _message(school="uni.toml") == f"school must be {expected}, got 'uni.toml'"
    with pytest.raises(mp.UnknownNameError):
        PlanOptions(school="harvard")


def test_calendars_are_sorted_actor_pairs() -> None:
    school, uscis = mp.Calendar(name="s"), mp.Calendar(name="u")
    expected = (("school", school), ("uscis", uscis))
    assert PlanOptions(calendar={"uscis": uscis, "school": school}).calendar == expected
    assert PlanOptions(calendar=(("uscis", uscis), ("school", school))).calendar == expected
    assert PlanOptions(calendar=(("uscis", uscis),)).calendar == (("uscis", uscis),)
    assert PlanOptions(calendar=school).calendar is school
    assert PlanOptions(calendar={}).calendar == ()


def test_calendar_errors_name_the_actor() -> None:
    mapping = "a Calendar, or a mapping from actor ('school', 'uscis') to Calendar"
    assert _message(calendar=3) == f"calendar must be {mapping}, got 3"
    assert _message(calendar=(("x",),)).startswith(f"calendar must be {mapping}, got (('x',),)")
    assert _message(calendar=(3,)).startswith(f"calendar must be {mapping}, got (3,)")
    assert (
        _message(calendar={"uscis": 3}) == "calendar['uscis'] must be a micropath.Calendar, got 3"
    )
    assert _message(calendar={"dso": mp.Calendar()}) == (
        "calendar must be actors among school, uscis, got 'dso'"
    )


def test_every_flag_is_the_name_with_dashes() -> None:
    flags = [field.flag for field in fields()]
    assert "--filing-window" in flags
    assert "--academic-year-completes" in flags
    assert flags == ["--" + "-".join(name.split("_")) for name in NAMES]
