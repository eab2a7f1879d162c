"""CAPD's recruiting cycle (``shared/domain.md``, "The situation"): its dates, whether
its October 25 offer date works for each authorization, closed-day flags, and the
Handshake posting title."""

from __future__ import annotations

from datetime import date

import pytest

import micropath as mp
from micropath import InvalidTypeError, InvalidValueError, MicropathError

D = date.fromisoformat

# The worked figures of shared/domain.md for IAP 2027 (start 2027-01-04).
LATEST_OFFER_2027 = {"CPT": "2026-11-20", "AT": "2026-11-20", "OPT": "2026-07-23"}  # online


def test_recruiting_cycle_2027_dates() -> None:
    cycle = mp.recruiting_cycle(2027)
    assert cycle.applications_open == D("2026-09-15")
    assert cycle.posting == D("2026-09-16")
    assert cycle.interviews == D("2026-10-11")
    assert cycle.offers == D("2026-10-25")
    assert cycle.decision_days == (5, 7)
    assert cycle.term == mp.iap(2027)
    assert [name for name, _ in cycle.dates()] == [
        "applications_open",
        "posting",
        "interviews",
        "offers",
    ]
    assert [day for _, day in cycle.dates()] == sorted(day for _, day in cycle.dates())


@pytest.mark.parametrize("year", [2025, 2026, 2028])
def test_the_cycle_runs_in_the_autumn_before_iap(year: int) -> None:
    cycle = mp.recruiting_cycle(year)
    assert cycle.offers == date(year - 1, 10, 25)
    assert cycle.posting == date(year - 1, 9, 16)
    assert cycle.term.start.year == year


def test_check_cycle_2027() -> None:
    report = mp.check_cycle(mp.recruiting_cycle(2027))
    assert len(report) == 3
    rows = {row.authorization.value: row for row in report}
    assert list(rows) == ["CPT", "OPT", "AT"]
    offers = D("2026-10-25")
    for kind in ("CPT", "AT"):
        row = rows[kind]
        assert row.on_time
        assert row.latest_offer == D(LATEST_OFFER_2027[kind])
        assert row.slack == (D(LATEST_OFFER_2027[kind]) - offers).days
        assert row.slack > 14
        assert row.premium_on_time is None
    opt = rows["OPT"]
    assert not opt.on_time
    assert opt.latest_offer == D(LATEST_OFFER_2027["OPT"])
    assert opt.slack == (D("2026-07-23") - offers).days < 0
    # Premium's latest offer is 2026-10-05 (domain.md): still before Oct 25.
    assert opt.premium_on_time is False
    assert report[1] is report.rows[1]


def test_check_cycle_flags_sunday_dates() -> None:
    report = mp.check_cycle(mp.recruiting_cycle(2027))
    flags = {flag.name: flag for flag in report.closed_dates}
    assert set(flags) == {"interviews", "offers"}
    assert flags["offers"].date == D("2026-10-25")
    assert flags["offers"].date.weekday() == 6
    assert flags["offers"].reason == "weekend (Sunday)"
    assert flags["interviews"].date == D("2026-10-11")
    assert flags["interviews"].reason == "weekend (Sunday)"


def test_check_cycle_flags_a_holiday() -> None:
    # 2027-10-11 is the second Monday of October: Columbus Day, a federal holiday.
    report = mp.check_cycle(mp.recruiting_cycle(2028))
    flags = {flag.name: flag for flag in report.closed_dates}
    assert set(flags) == {"interviews"}
    assert flags["interviews"].date == D("2027-10-11")
    assert not flags["interviews"].reason.startswith("weekend")


def test_check_cycle_for_one_authorization_with_options() -> None:
    report = mp.check_cycle(mp.recruiting_cycle(2027), "CPT", processing=mp.business_days(30))
    (row,) = report.rows
    assert row.authorization is mp.Authorization.CPT
    expected = mp.plan("CPT", "2027-01-04", processing=mp.business_days(30))
    assert row.latest_offer == expected.latest_offer
    assert row.on_time == (D("2026-10-25") <= expected.latest_offer)


def test_check_cycle_rejects_bad_input() -> None:
    with pytest.raises(InvalidTypeError) as info:
        mp.check_cycle("2027")  # type: ignore[arg-type]
    assert isinstance(info.value, MicropathError)
    assert isinstance(info.value, TypeError)
    assert info.value.parameter == "cycle"
    with pytest.raises(InvalidValueError) as value_info:
        mp.check_cycle(mp.recruiting_cycle(2027), ())
    assert value_info.value.parameter == "authorizations"
    with pytest.raises(mp.UnknownNameError) as name_info:
        mp.check_cycle(mp.recruiting_cycle(2027), ["H-1B"])
    assert isinstance(name_info.value, ValueError)
    assert name_info.value.parameter == "authorization"


def test_recruiting_cycle_outside_the_iap_years_is_an_error() -> None:
    with pytest.raises(mp.OutOfRangeError) as info:
        mp.recruiting_cycle(2100)
    assert isinstance(info.value, ValueError)
    assert info.value.parameter == "year"


# -- posting_title -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "kwargs", "title"),
    [
        (("Data Analytics",), {}, "Micro-Intern: Data Analytics (IAP)"),
        (
            ("Data Analytics",),
            {"alumni_host": True},
            "Micro-Intern: Data Analytics (IAP-Alumni Host)",
        ),
        (("  Web Design ",), {"term": " Spring "}, "Micro-Intern: Web Design (Spring)"),
        (
            ("ML Ops",),
            {"term": "Summer", "alumni_host": True},
            "Micro-Intern: ML Ops (Summer-Alumni Host)",
        ),
    ],
)
def test_posting_title_examples(args: tuple[str], kwargs: dict[str, object], title: str) -> None:
    assert mp.posting_title(*args, **kwargs) == title  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "parameter"),
    [
        (("",), {}, InvalidValueError, "title"),
        (("   ",), {}, InvalidValueError, "title"),
        ((None,), {}, InvalidTypeError, "title"),
        ((42,), {}, InvalidTypeError, "title"),
        (("Data",), {"term": ""}, InvalidValueError, "term"),
        (("Data",), {"term": 2027}, InvalidTypeError, "term"),
        (("Data",), {"alumni_host": "yes"}, InvalidTypeError, "alumni_host"),
        (("Data",), {"alumni_host": 1}, InvalidTypeError, "alumni_host"),
    ],
)
def test_posting_title_errors(
    args: tuple[object],
    kwargs: dict[str, object],
    error: type[MicropathError],
    parameter: str,
) -> None:
    with pytest.raises(error) as info:
        mp.posting_title(*args, **kwargs)  # type: ignore[arg-type]
    builtin = TypeError if issubclass(error, InvalidTypeError) else ValueError
    assert isinstance(info.value, MicropathError)
    assert isinstance(info.value, builtin)
    assert info.value.parameter == parameter
    assert str(info.value).startswith(parameter)


def test_check_cycle_flags_closed_dates_on_the_plans_school_calendar() -> None:
    # Sunday 2026-10-11 and 2026-10-25 are flagged on MIT's calendar; a calendar that
    # works every day flags nothing, and one closed on 2026-09-16 flags the posting date.
    cycle = mp.recruiting_cycle(2027)
    every_day = mp.Calendar(weekmask="1111111")
    assert mp.check_cycle(cycle, calendar={"school": every_day}).closed_dates == ()
    closed = mp.Calendar({"2026-09-16": "retreat"}, weekmask="1111111")
    flags = mp.check_cycle(cycle, ["CPT"], calendar={"school": closed}).closed_dates
    assert [(f.name, f.reason) for f in flags] == [("posting", "retreat")]


def test_check_cycle_takes_premium_from_the_pathway_data_not_the_name() -> None:
    report = mp.check_cycle(mp.recruiting_cycle(2027))
    rows = {row.authorization.value: row for row in report}
    assert rows["OPT"].premium_plan is not None
    assert rows["OPT"].premium_plan.latest_filing == D("2026-11-05")
    assert rows["CPT"].premium_plan is None
    assert rows["CPT"].premium_on_time is None
    assert all(row.plan is not None for row in report)


def test_check_cycle_rejects_unknown_options_and_premium() -> None:
    with pytest.raises(mp.InvalidValueError, match="premium must be not given"):
        mp.check_cycle(mp.recruiting_cycle(2027), premium=True)
    with pytest.raises(mp.InvalidTypeError, match="did you mean 'processing'"):
        mp.check_cycle(mp.recruiting_cycle(2027), procesing=5)  # type: ignore[call-arg]
