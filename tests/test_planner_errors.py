"""Bad input to the planner: every error is a MicropathError *and* the builtin a caller
would catch (``shared/style.md``, rule 3), names the parameter, and says what was
expected and what came."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

import micropath as mp
from micropath import (
    InvalidTypeError,
    InvalidValueError,
    MicropathError,
    OutOfRangeError,
    UnknownNameError,
)

START = "2027-01-04"
PLAIN = mp.Calendar()


def _builtin(error: type[MicropathError]) -> type[Exception]:
    return TypeError if issubclass(error, InvalidTypeError) else ValueError


def raises(
    call: Callable[[], object], error: type[MicropathError], parameter: str
) -> MicropathError:
    """Run *call*; it must raise *error*, a MicropathError and its builtin, naming
    *parameter* in ``err.parameter`` and at the start of the message."""
    with pytest.raises(error) as info:
        call()
    err = info.value
    assert isinstance(err, MicropathError)
    assert isinstance(err, _builtin(error))
    assert err.parameter == parameter  # type: ignore[attr-defined]
    assert str(err).startswith(f"{parameter} must be ")
    return err


# -- authorization -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["H-1B", "cpt-x", "", "OPTT"])
@pytest.mark.parametrize("function", [mp.plan, mp.earliest_start])
def test_unknown_authorization_lists_the_valid_ones(
    function: Callable[..., object], name: str
) -> None:
    err = raises(lambda: function(name, START), UnknownNameError, "authorization")
    for valid in ("CPT", "OPT", "AT"):
        assert repr(valid) in str(err)
    assert repr(name) in str(err)


@pytest.mark.parametrize("name", [None, 3, ("CPT",)])
def test_authorization_must_be_a_str(name: object) -> None:
    err = raises(lambda: mp.plan(name, START), InvalidTypeError, "authorization")  # type: ignore[arg-type]
    assert "'CPT', 'OPT', 'AT'" in str(err)


@pytest.mark.parametrize("name", ["cpt", " Opt ", "at", mp.Authorization.OPT])
def test_authorization_is_case_insensitive(name: object) -> None:
    p = mp.plan(name, START)  # type: ignore[arg-type]
    assert p.authorization.value == str(getattr(name, "value", name)).strip().upper()


# -- leads ------------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["processing", "preparation", "decision"])
@pytest.mark.parametrize(
    ("value", "error"),
    [
        (-3, InvalidValueError),
        (-1, InvalidValueError),
        (3.5, InvalidTypeError),
        (10.0, InvalidTypeError),
        ("120", InvalidTypeError),
        ("120 days", InvalidTypeError),
        (True, InvalidTypeError),
        ([10], InvalidTypeError),
    ],
)
def test_bad_leads(option: str, value: object, error: type[MicropathError]) -> None:
    err = raises(lambda: mp.plan("CPT", START, **{option: value}), error, option)
    assert repr(value) in str(err)


def test_negative_lead_message() -> None:
    err = raises(lambda: mp.plan("OPT", START, processing=-3), InvalidValueError, "processing")
    assert str(err) == "processing must be at least 0 days, got -3"


@pytest.mark.parametrize("option", ["mailing", "recommendation"])
def test_bad_opt_only_leads(option: str) -> None:
    raises(lambda: mp.plan("OPT", START, **{option: -14}), InvalidValueError, option)
    raises(lambda: mp.plan("OPT", START, **{option: "14"}), InvalidTypeError, option)


@pytest.mark.parametrize(
    ("make", "value", "error"),
    [
        (mp.days, -1, InvalidValueError),
        (mp.business_days, -1, InvalidValueError),
        (mp.days, 1.5, InvalidTypeError),
        (mp.business_days, "10", InvalidTypeError),
        (mp.business_days, None, InvalidTypeError),
    ],
)
def test_bad_lead_constructors(
    make: Callable[[object], mp.Lead], value: object, error: type[MicropathError]
) -> None:
    raises(lambda: make(value), error, "amount")


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [datetime(2027, 1, 4, 9, 0), datetime(2027, 1, 4), 20270104, None, (2027, 1, 4)],
)
def test_start_must_be_a_date(start: object) -> None:
    err = raises(lambda: mp.plan("CPT", start), InvalidTypeError, "start")  # type: ignore[arg-type]
    assert "date" in str(err)


@pytest.mark.parametrize("start", ["2027-02-29", "2027/01/04", "Jan 4 2027", "2027-1-4", ""])
def test_start_must_be_an_iso_date(start: str) -> None:
    raises(lambda: mp.plan("CPT", start), InvalidValueError, "start")


def test_datetime_offer_is_rejected() -> None:
    p = mp.plan("CPT", START)
    raises(lambda: p.check(datetime(2026, 10, 25, 12)), InvalidTypeError, "offer")
    raises(lambda: p.check("2026-10-32"), InvalidValueError, "offer")
    raises(lambda: mp.earliest_start("CPT", datetime(2026, 10, 25)), InvalidTypeError, "offer")


def test_academic_year_completes_must_be_a_date() -> None:
    raises(
        lambda: mp.plan("OPT", START, academic_year_completes=datetime(2026, 12, 1)),
        InvalidTypeError,
        "academic_year_completes",
    )


# -- options that do not apply ---------------------------------------------------------------------


@pytest.mark.parametrize("authorization", ["CPT", "AT"])
def test_premium_is_opt_only(authorization: str) -> None:
    err = raises(lambda: mp.plan(authorization, START, premium=True), InvalidValueError, "premium")
    assert "OPT" in str(err)


@pytest.mark.parametrize("value", [1, "yes", None])
def test_premium_must_be_a_bool(value: object) -> None:
    raises(lambda: mp.plan("OPT", START, premium=value), InvalidTypeError, "premium")


def test_premium_with_a_processing_lead_is_an_error() -> None:
    raises(
        lambda: mp.plan("OPT", START, premium=True, processing=30),
        InvalidValueError,
        "processing",
    )


@pytest.mark.parametrize("option", ["mailing", "recommendation"])
@pytest.mark.parametrize("authorization", ["CPT", "AT"])
def test_opt_only_leads_with_cpt_or_at(authorization: str, option: str) -> None:
    err = raises(lambda: mp.plan(authorization, START, **{option: 14}), InvalidValueError, option)
    assert "OPT" in str(err)


@pytest.mark.parametrize("authorization", ["OPT", "AT"])
def test_immediate_cpt_is_cpt_only(authorization: str) -> None:
    raises(
        lambda: mp.plan(authorization, START, immediate_cpt=True),
        InvalidValueError,
        "immediate_cpt",
    )


@pytest.mark.parametrize(
    ("value", "error"), [(-1, InvalidValueError), ("2", InvalidTypeError), (1.0, InvalidTypeError)]
)
def test_terms_completed(value: object, error: type[MicropathError]) -> None:
    raises(lambda: mp.plan("CPT", START, terms_completed=value), error, "terms_completed")


@pytest.mark.parametrize(("value", "error"), [(-90, InvalidValueError), ("90", InvalidTypeError)])
def test_filing_window(value: object, error: type[MicropathError]) -> None:
    raises(lambda: mp.plan("OPT", START, filing_window=value), error, "filing_window")


# -- unknown keyword options ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("procesing", "processing"),
        ("premum", "premium"),
        ("calender", "calendar"),
        ("filing_windows", "filing_window"),
        ("mailling", "mailing"),
    ],
)
@pytest.mark.parametrize("function", [mp.plan, mp.earliest_start])
def test_unknown_option_suggests_the_close_match(
    function: Callable[..., object], typo: str, meant: str
) -> None:
    with pytest.raises(InvalidTypeError) as info:
        function("OPT", START, **{typo: 1})
    err = info.value
    assert isinstance(err, MicropathError)
    assert isinstance(err, TypeError)
    assert err.got == typo
    assert f"did you mean {meant!r}" in str(err)
    assert repr(typo) in str(err)


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        # authorization and start may be passed by keyword, as Python allows; an
        # option's own error then names that option, not them.
        (lambda: mp.plan("CPT", start=START, processing=-3), "processing"),
        (lambda: mp.plan(authorization="CPT", start=START, processing="abc"), "processing"),
        (lambda: mp.earliest_start("CPT", offer=START, premium="yes"), "premium"),
    ],
)
def test_an_option_given_with_keyword_positionals_is_blamed_itself(
    call: Callable[[], object], parameter: str
) -> None:
    with pytest.raises(MicropathError) as info:
        call()
    assert info.value.parameter == parameter


def test_authorization_and_start_may_be_keywords() -> None:
    assert mp.plan(authorization="CPT", start=START) == mp.plan("CPT", START)


def test_unknown_option_without_a_close_match_lists_the_valid_ones() -> None:
    with pytest.raises(InvalidTypeError) as info:
        mp.plan("CPT", START, xyzzy=1)
    text = str(info.value)
    assert "did you mean" not in text
    assert "'xyzzy'" in text
    for option in ("processing", "preparation", "decision", "premium", "calendar"):
        assert option in text


def test_unit_names_are_not_options() -> None:
    """Plural units only (style rule 6): ``day=`` or ``days=`` are not options."""
    for name in ("day", "days", "business_day"):
        with pytest.raises(InvalidTypeError):
            mp.plan("CPT", START, **{name: 3})


# -- calendars --------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["employer", "student", "School", "USCIS "])
def test_calendar_mapping_with_an_unknown_actor(actor: str) -> None:
    err = raises(
        lambda: mp.plan("CPT", START, calendar={actor: PLAIN}), InvalidValueError, "calendar"
    )
    assert "school" in str(err)
    assert "uscis" in str(err)
    assert repr(actor) in str(err)


def test_calendar_mapping_with_a_non_calendar_value() -> None:
    raises(
        lambda: mp.plan("CPT", START, calendar={"school": "mit"}),
        InvalidTypeError,
        "calendar['school']",
    )


@pytest.mark.parametrize("value", ["mit", 3, [PLAIN]])
def test_calendar_must_be_a_calendar_or_a_mapping(value: object) -> None:
    raises(lambda: mp.plan("CPT", START, calendar=value), InvalidTypeError, "calendar")


# -- dates out of range -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authorization", "start", "options"),
    [
        ("CPT", date.min, {"calendar": PLAIN}),
        ("CPT", date.min + timedelta(days=20), {"calendar": PLAIN}),
        ("OPT", date.min + timedelta(days=100), {"calendar": PLAIN}),
        ("OPT", date.min + timedelta(days=100), {"calendar": PLAIN, "filing_window": 400}),
        ("CPT", date.max, {}),
        ("OPT", date.max - timedelta(days=3), {}),
        ("CPT", "1970-01-05", {}),  # the plan reaches into 1969, before the calendars
        ("OPT", "1970-03-02", {}),
        ("CPT", "2101-01-04", {}),  # after the calendars' span
        ("OPT", "1969-12-31", {"premium": False}),
    ],
)
def test_start_whose_plan_leaves_the_span_names_start(
    authorization: str, start: object, options: dict[str, object]
) -> None:
    err = raises(lambda: mp.plan(authorization, start, **options), OutOfRangeError, "start")
    assert err.got == (date.fromisoformat(start) if isinstance(start, str) else start)  # type: ignore[attr-defined]


def test_start_near_date_max_on_a_plain_calendar_plans_fine() -> None:
    # The backward pass only goes earlier: date.max itself is a fine start.
    p = mp.plan("CPT", date.max, calendar=PLAIN)
    assert p.latest_offer < date.max
    verdict = p.check(p.latest_offer)
    assert verdict.on_time
    assert verdict.in_hand is not None


def test_earliest_start_near_date_max_names_offer() -> None:
    raises(
        lambda: mp.earliest_start("CPT", date.max - timedelta(days=3), calendar=PLAIN),
        OutOfRangeError,
        "offer",
    )


def test_earliest_start_past_the_calendars_span_names_offer() -> None:
    """earliest_start has no parameter called start: an offer whose answer would lie
    after 2100 is the offer's problem, and the error must say so."""
    raises(lambda: mp.earliest_start("CPT", "2100-12-20"), OutOfRangeError, "offer")


@pytest.mark.parametrize("year", [1969, 2100])
def test_iap_years_outside_the_range(year: int) -> None:
    raises(lambda: mp.plan("CPT", mp.iap(year)), OutOfRangeError, "year")


def test_milestone_lookup_by_unknown_name() -> None:
    p = mp.plan("CPT", START)
    err = raises(lambda: p.milestone("card_in_hand"), InvalidValueError, "name")
    assert "filing" in str(err)


# -- start limits ------------------------------------------------------------------------


def test_a_start_limit_counts_from_a_plan_option() -> None:
    from micropath.pathways import StartLimit

    with pytest.raises(InvalidValueError) as info:
        StartLimit("start", 0, None, "first-academic-year", "practice")  # type: ignore[arg-type]
    assert info.value.parameter == "anchor"


def test_an_earliest_start_past_the_last_date_names_the_anchor() -> None:
    """A start limit whose earliest start lies past date.max (a school built in code)
    is an error naming the anchor option, not an OverflowError."""
    import attrs

    from micropath.pathways import Authorization, StartLimit

    school = attrs.evolve(
        mp.schools.generic(),
        eligibility=(
            (
                Authorization.CPT,
                StartLimit("academic_year_completes", 30, None, "first-academic-year", "practice"),
            ),
        ),
    )
    for call in (
        lambda: mp.plan(
            "CPT", date.max, school=school, calendar=mp.Calendar(),
            academic_year_completes=date(9999, 12, 15),
        ),
        lambda: mp.earliest_start(
            "CPT", date(9999, 1, 4), school=school, calendar=mp.Calendar(),
            academic_year_completes=date(9999, 12, 15),
        ),
    ):  # fmt: skip
        with pytest.raises(mp.OutOfRangeError) as info:
            call()
        assert info.value.parameter == "academic_year_completes"
