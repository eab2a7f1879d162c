"""Advisories: effective-dated policy news shown as findings on the plans they affect.

Laws: an advisory is shown exactly from its effective day to its end (every day from
1970 to 2100, against a direct check of the dates); only on the authorizations it
names; only when the plan is given ``today``. Table: the real announcement dates.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import micropath as mp
from micropath.advisories import ADVISORIES, in_force

D = date.fromisoformat


@pytest.mark.parametrize(
    ("today", "keys"),
    [
        ("2025-11-02", []),
        ("2025-11-03", ["biometrics-nprm-2025"]),  # the proposed rule is published
        ("2025-12-01", ["biometrics-nprm-2025"]),
        ("2025-12-02", ["uscis-hold-pp10949", "biometrics-nprm-2025"]),  # PM-602-0192
        ("2025-12-31", ["uscis-hold-pp10949", "biometrics-nprm-2025"]),
        ("2026-01-01", ["uscis-hold-pp10949", "uscis-hold-pp10998", "biometrics-nprm-2025"]),
        ("2026-11-30", ["uscis-hold-pp10949", "uscis-hold-pp10998", "biometrics-nprm-2025"]),
    ],
)
def test_opt_advisories_by_date(today: str, keys: list[str]) -> None:
    p = mp.plan("OPT", "2027-06-01", today=today)
    shown = [f["advisory"] for f in p.notices if f.severity == "advisory"]
    assert shown == keys
    assert [a.key for a in in_force("OPT", today)] == keys


@pytest.mark.parametrize("kind", ["CPT", "AT"])
def test_school_pathways_get_no_uscis_advisory(kind: str) -> None:
    assert [
        f
        for f in mp.plan(kind, "2027-06-01", today="2026-11-30").notices
        if f.severity == "advisory"
    ] == []


def test_the_hold_says_no_date_can_be_promised_and_asks_nothing() -> None:
    p = mp.plan("OPT", "2027-06-01", today="2026-11-30", premium=True)
    hold = next(f for f in p.notices if f.code == "advisory" and f["status"] == "in-force")
    text = str(hold)
    assert "no OPT date can be promised, with premium processing or without" in text
    assert hold.source is not None
    assert "PM-602-0192" in hold.source.citation
    proposed = next(f for f in p.notices if f.code == "advisory" and f["status"] == "proposed")
    assert "informational, not in force" in str(proposed)
    data = p.to_dict()
    assert [n["severity"] for n in data["notices"]].count("advisory") == 3
    assert "PM-602-0192" in p.explain() or "Proclamation 10949" in p.explain()
    # micropath never asks for nationality: no option names it.
    assert not any("nation" in name or "country" in name for name in mp.options.NAMES)


def test_without_today_no_advisory_is_shown() -> None:
    assert [f for f in mp.plan("OPT", "2027-06-01").notices if f.severity == "advisory"] == []


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)))
def test_an_advisory_shows_only_while_in_force(today: date) -> None:
    expected = [
        a.key
        for a in ADVISORIES
        if a.effective <= today
        and (a.ends is None or today <= a.ends)
        and mp.Authorization.OPT in a.authorizations
    ]
    assert [a.key for a in in_force("OPT", today)] == expected


@pytest.mark.parametrize(
    ("today", "passed"),
    [
        ("2026-07-23", []),  # the latest offer itself: not passed
        ("2026-07-24", ["offer"]),
        ("2026-08-23", ["offer"]),  # the latest filing itself, a Sunday (online)
        ("2026-08-24", ["offer", "filing"]),
    ],
)
def test_deadlines_already_passed(today: str, passed: list[str]) -> None:
    p = mp.plan("OPT", "2027-01-04", today=today)
    found = [f["milestone"] for f in p.notices if f.code == "deadline-passed"]
    assert found == passed
    for finding in p.notices:
        if finding.code == "deadline-passed":
            assert finding["today"] == D(today)


def test_today_is_validated() -> None:
    with pytest.raises(mp.InvalidValueError, match="today must be"):
        mp.plan("OPT", "2027-01-04", today="30/11/2026")
