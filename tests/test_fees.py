"""Fees as effective-dated data: :func:`micropath.fee_on`, :attr:`Plan.costs` and
:func:`micropath.compare`.

The expected amounts are the published fees (``shared/domain.md`` and the
sources in ``micropath/fees.py``'s docstring), typed in here rather than read
from :data:`micropath.FEES`. Laws and tables:

1. ``fee_on`` on each side of every effective date: the day before keeps the
   old fee (or None before the first known fee), the effective day has the new.
2. The fee table is ordered: within a kind, effective dates strictly increase.
3. ``Plan.costs`` charges the fees in force on ``latest_filing``: for OPT plans
   whose latest filing falls on each side of a boundary (the start is chosen
   by planning, and the filing date asserted, not assumed); none for CPT and AT.
4. Premium processing follows the rule in force on the filing date: 30
   calendar days for a filing through 2024-03-31, 30 USCIS business days
   from 2024-04-01 (counted here against OPM's holiday list).
5. ``compare("OPT", ...)``: ``days_gained`` is the difference of the latest
   filings and ``extra_cost`` the premium fee; CPT, AT, ``premium=`` and
   ``processing=`` are errors naming their parameter.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oracles import Workdays, business_days_between

import micropath as mp
from micropath import FEES, MicropathError, fee_on

ONE_DAY = timedelta(days=1)

# -- 1, 2: fee_on ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "day", "amount", "online"),
    [
        ("i765", date(2016, 12, 22), None, None),
        ("i765", date(2016, 12, 23), 410, None),
        ("i765", date(2020, 6, 1), 410, None),
        ("i765", date(2024, 3, 31), 410, None),
        ("i765", date(2024, 4, 1), 520, 470),
        ("i765", date(2027, 1, 4), 520, 470),
        ("premium", date(2016, 12, 23), None, None),
        ("premium", date(2023, 3, 5), None, None),
        ("premium", date(2023, 3, 6), 1500, None),
        ("premium", date(2024, 2, 25), 1500, None),
        ("premium", date(2024, 2, 26), 1685, None),
        ("premium", date(2026, 2, 28), 1685, None),
        ("premium", date(2026, 3, 1), 1780, None),
        ("premium", date(2030, 1, 1), 1780, None),
    ],
)
def test_fee_on_boundaries(kind: str, day: date, amount: int | None, online: int | None) -> None:
    fee = fee_on(kind, day)  # type: ignore[arg-type]
    if amount is None:
        assert fee is None
        return
    assert fee is not None
    assert (fee.kind, fee.amount, fee.online_amount) == (kind, amount, online)
    assert fee.effective <= day
    assert fee.citation


@pytest.mark.parametrize("kind", ["I765", "premium processing", "", None, "h1b"])
def test_fee_on_unknown_kind_lists_the_valid_ones(kind: object) -> None:
    with pytest.raises(ValueError, match="'i765' or 'premium'") as error:
        fee_on(kind, date(2025, 1, 1))  # type: ignore[arg-type]
    assert isinstance(error.value, MicropathError)
    assert error.value.parameter == "kind"  # type: ignore[attr-defined]


def test_fee_table_is_ordered_within_each_kind() -> None:
    for kind in ("i765", "premium"):
        dates = [fee.effective for fee in FEES if fee.kind == kind]
        assert dates == sorted(set(dates)), kind
        assert len(dates) >= 2


@given(
    st.sampled_from(("i765", "premium")),
    st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31)),
)
def test_fee_on_is_the_latest_entry_in_force(kind: str, day: date) -> None:
    in_force = [fee for fee in FEES if fee.kind == kind and fee.effective <= day]
    expected = max(in_force, key=lambda fee: fee.effective) if in_force else None
    assert fee_on(kind, day) == expected  # type: ignore[arg-type]


# -- 3: costs of a plan ------------------------------------------------------------------


def _start_filing_on(filing: date, *, premium: bool = False, method: str = "online") -> date:
    """A first day of work whose OPT plan has *filing* as its latest filing (found by
    planning, so the boundary under test is really the one crossed)."""
    for offset in range(30, 260):
        start = filing + timedelta(days=offset)
        try:
            p = mp.plan("OPT", start, premium=premium, filing=method)  # type: ignore[arg-type]
        except mp.OutOfRangeError:
            continue
        if p.latest_filing == filing:
            return start
    raise AssertionError(f"no start gives a latest filing on {filing}")


@pytest.mark.parametrize(
    ("filing", "method", "amount", "note"),
    [
        (date(2016, 12, 22), "paper", None, None),
        (date(2016, 12, 23), "paper", 410, ""),
        (date(2024, 3, 29), "paper", 410, ""),
        (date(2024, 4, 1), "paper", 520, "$470 if filed online"),
        (date(2016, 12, 22), "online", None, None),
        (date(2016, 12, 23), "online", 410, ""),
        (date(2024, 3, 31), "online", 410, ""),  # a Sunday: received online that day
        (date(2024, 4, 1), "online", 470, "$520 if filed on paper"),
    ],
)
def test_standard_opt_costs_on_each_side_of_the_i765_boundaries(
    filing: date, method: str, amount: int | None, note: str | None
) -> None:
    p = mp.plan("OPT", _start_filing_on(filing, method=method), filing=method)  # type: ignore[arg-type]
    assert p.latest_filing == filing
    if amount is None:
        assert p.costs == ()
        return
    (cost,) = p.costs
    assert cost.amount == amount
    assert cost.note == note
    assert cost.effective <= filing
    assert "I-765" in cost.name


@pytest.mark.parametrize(
    ("filing", "i765", "premium"),
    [
        (date(2023, 3, 6), 410, 1500),
        (date(2024, 2, 23), 410, 1500),
        (date(2024, 2, 26), 410, 1685),
        (date(2024, 3, 29), 410, 1685),
        (date(2024, 4, 1), 520, 1685),
        (date(2026, 2, 27), 520, 1685),
        (date(2026, 3, 2), 520, 1780),
    ],
)
def test_premium_opt_costs_on_each_side_of_the_premium_boundaries(
    filing: date, i765: int, premium: int
) -> None:
    start = _start_filing_on(filing, premium=True, method="paper")
    p = mp.plan("OPT", start, premium=True, filing="paper")
    assert p.latest_filing == filing
    amounts = [cost.amount for cost in p.costs]
    assert amounts == [i765, premium]
    online = mp.plan("OPT", start, premium=True)
    assert [cost.amount for cost in online.costs] == [470 if i765 == 520 else i765, premium]
    assert "30" in p.costs[1].note


def test_no_premium_plan_files_before_premium_processing_began() -> None:
    earliest = None
    refused = []
    for offset in range(120):
        start = date(2023, 3, 1) + timedelta(days=offset)
        try:
            earliest = mp.plan("OPT", start, premium=True)
        except mp.OutOfRangeError as error:
            refused.append(error.parameter)
            continue
        break
    assert earliest is not None
    assert refused
    assert set(refused) == {"premium"}
    assert earliest.latest_filing >= date(2023, 3, 6)
    assert [c.amount for c in earliest.costs] == [410, 1500]


@pytest.mark.parametrize("authorization", ["CPT", "AT"])
@pytest.mark.parametrize("start", ["2017-01-09", "2024-04-15", "2027-01-04"])
def test_cpt_and_at_cost_nothing(authorization: str, start: str) -> None:
    p = mp.plan(authorization, start)
    assert p.costs == ()
    assert p.latest_filing < date.fromisoformat(start)


# -- 4: the 2024-04-01 premium switch --------------------------------------------------------

FEDERAL_2024 = frozenset(
    {date(2024, 1, 1), date(2024, 1, 15), date(2024, 2, 19), date(2024, 5, 27),
     date(2024, 6, 19), date(2024, 7, 4), date(2024, 9, 2), date(2024, 10, 14),
     date(2024, 11, 11), date(2024, 11, 28), date(2024, 12, 24), date(2024, 12, 25)}
)  # fmt: skip
"""OPM's 2024 federal holidays, plus the 2024-12-24 executive-order closure."""
USCIS_2024 = Workdays(frozenset(range(5)), FEDERAL_2024)


def test_premium_filing_on_2024_03_29_gets_30_calendar_days() -> None:
    p = mp.plan("OPT", _start_filing_on(date(2024, 3, 29), premium=True), premium=True)
    filing = p.milestone("filing")
    assert filing.date == date(2024, 3, 29)
    assert filing.lead == mp.days(30)
    assert (filing.deadline - filing.date).days >= 30


@pytest.mark.parametrize("filing", [date(2024, 4, 1), date(2024, 4, 2), date(2024, 5, 1)])
def test_premium_filing_from_2024_04_01_gets_30_business_days(filing: date) -> None:
    p = mp.plan("OPT", _start_filing_on(filing, premium=True), premium=True)
    step = p.milestone("filing")
    assert step.date == filing
    assert step.lead == mp.business_days(30)
    assert step.deadline is not None
    assert business_days_between(USCIS_2024, step.date, step.deadline) == 30


def test_premium_switch_lead_follows_the_filing_date_across_starts() -> None:
    for offset in range(90):
        start = date(2024, 4, 15) + timedelta(days=offset)
        step = mp.plan("OPT", start, premium=True).milestone("filing")
        expected = mp.days(30) if step.date <= date(2024, 3, 31) else mp.business_days(30)
        assert step.lead == expected, (start, step.date)
        assert step.deadline is not None
        if expected.business:
            assert business_days_between(USCIS_2024, step.date, step.deadline) >= 30
        else:
            assert (step.deadline - step.date).days >= 30


# -- 5: compare ------------------------------------------------------------------------------


def test_compare_opt_for_iap_2027() -> None:
    c = mp.compare("OPT", "2027-01-04")
    # shared/domain.md worked figures, filed online (the default)
    assert c.standard.latest_filing == date(2026, 8, 23)
    assert c.premium.latest_filing == date(2026, 11, 5)
    assert c.days_gained == (c.premium.latest_filing - c.standard.latest_filing).days
    assert c.days_gained == 74
    assert c.offer_days_gained == (date(2026, 10, 5) - date(2026, 7, 23)).days
    paper = mp.compare("OPT", "2027-01-04", filing="paper")
    assert (paper.standard.latest_filing, paper.days_gained) == (date(2026, 8, 21), 76)
    assert c.extra_cost == 1780
    assert c.standard == mp.plan("OPT", "2027-01-04")
    assert c.premium == mp.plan("OPT", "2027-01-04", premium=True)


@pytest.mark.parametrize(
    ("start", "premium_fee"),
    [("2024-01-08", 1500), ("2024-06-03", 1685), ("2026-01-05", 1685), ("2026-06-01", 1780)],
)
def test_compare_extra_cost_is_the_premium_fee_on_the_premium_filing(
    start: str, premium_fee: int
) -> None:
    c = mp.compare("OPT", start)
    assert c.extra_cost == premium_fee
    assert c.days_gained == (c.premium.latest_filing - c.standard.latest_filing).days > 0


@pytest.mark.parametrize(
    ("args", "options", "parameter"),
    [
        (("CPT", "2027-01-04"), {}, "authorization"),
        (("AT", "2027-01-04"), {}, "authorization"),
        (("cpt", mp.iap(2027)), {}, "authorization"),
        (("OPT", "2027-01-04"), {"premium": True}, "premium"),
        (("OPT", "2027-01-04"), {"premium": False}, "premium"),
        (("OPT", "2027-01-04"), {"processing": 90}, "processing"),
    ],
)
def test_compare_rejects_what_it_cannot_compare(
    args: tuple[str, object], options: dict[str, object], parameter: str
) -> None:
    with pytest.raises(ValueError, match=f"^{parameter} must be") as error:
        mp.compare(*args, **options)  # type: ignore[arg-type]
    assert isinstance(error.value, MicropathError)
    assert error.value.parameter == parameter  # type: ignore[attr-defined]


def test_the_plan_text_names_premium_and_lists_each_fee() -> None:
    """``micropath plan`` says a plan is planned with premium processing in its heading,
    and lists the fees in force on the latest filing date, each with its amount,
    citation and date; CPT and AT cost nothing and list no fee."""
    from micropath.views.text import heading, plan_text

    premium = mp.plan("OPT", "2027-01-04", premium=True, filing="paper")
    plain = mp.plan("OPT", "2027-01-04")
    assert heading(premium).startswith("OPT (c)(3)(A) plan with premium processing for ")
    assert "premium" not in heading(plain)
    text = " ".join(plan_text(premium).split())  # unwrapped
    assert len(premium.costs) == 2
    for cost in premium.costs:
        assert f"${cost.amount:,} {cost.name} ({cost.note}; " in text
        assert f"in force from {cost.effective.isoformat()}, {cost.citation})" in text
    assert text.count("Fees: ") == 1
    for authorization in ("CPT", "AT"):
        assert "Fees:" not in plan_text(mp.plan(authorization, "2027-01-04"))
