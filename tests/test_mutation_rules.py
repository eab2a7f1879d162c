"""Behaviour of the pathway rules and model that mutation testing found unchecked.

Each test here kills mutants of ``micropath/pathways/rules.py``,
``micropath/pathways/_model.py`` or ``micropath/pathways/__init__.py`` that survived
the rest of the suite (``tests/mutation/run.sh``; docs/quality.md lists them). They
check documented behaviour through the public names:

1. A premium rule covers a filing from its first day to its last, both included, and
   every day from its first when it is open-ended.
2. An authorization is named in any case, with spaces around it; an unknown name or a
   value of another type is an error that lists the known ones.
3. ``pathway`` gives an authorization's default category; ``select`` plans
   post-completion OPT only for a first day after the program's end (not on it), and
   the only category of CPT or AT whatever the anchors.
4. A start limit counts from a plan option, never from the start itself.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from micropath import business_days
from micropath.errors import InvalidTypeError, InvalidValueError, UnknownNameError
from micropath.pathways import (
    AT,
    CPT,
    OPT,
    OPT_POST,
    PATHWAYS,
    Authorization,
    Pathway,
    PremiumRule,
    StartLimit,
    pathway,
    select,
)

D = date.fromisoformat
ONE = timedelta(days=1)


@pytest.mark.parametrize(
    ("first", "last", "filing", "covered"),
    [
        (D("2023-03-06"), D("2024-03-31"), D("2023-03-05"), False),
        (D("2023-03-06"), D("2024-03-31"), D("2023-03-06"), True),
        (D("2023-03-06"), D("2024-03-31"), D("2024-03-31"), True),
        (D("2023-03-06"), D("2024-03-31"), D("2024-04-01"), False),
        (D("2024-04-01"), None, D("2024-03-31"), False),
        (D("2024-04-01"), None, D("2024-04-01"), True),
        (D("2024-04-01"), None, date.max, True),
    ],
)
def test_a_premium_rule_covers_its_first_and_last_day(
    first: date, last: date | None, filing: date, covered: bool
) -> None:
    rule = PremiumRule(first, last, business_days(30), "premium-2024")
    assert rule.covers(filing) is covered


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("CPT", Authorization.CPT),
        (" opt ", Authorization.OPT),
        ("At\n", Authorization.AT),
        (Authorization.AT, Authorization.AT),
    ],
)
def test_an_authorization_by_name_in_any_case(given: object, expected: Authorization) -> None:
    assert Authorization.parse(given) is expected
    assert pathway(given).authorization is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "error", "shown"),
    [
        ("H-1B", UnknownNameError, "'H-1B'"),
        ("", UnknownNameError, "''"),
        (3, InvalidTypeError, "3"),
        (None, InvalidTypeError, "None"),
    ],
)
def test_an_unknown_authorization_lists_the_known_ones(
    given: object, error: type[Exception], shown: str
) -> None:
    with pytest.raises(error) as caught:
        Authorization.parse(given)
    assert str(caught.value) == f"authorization must be one of 'CPT', 'OPT', 'AT', got {shown}"


def test_the_default_pathway_of_each_authorization() -> None:
    assert pathway("CPT") is CPT
    assert pathway("opt") is OPT
    assert pathway(Authorization.AT) is AT


@pytest.mark.parametrize(
    ("start", "program_end", "chosen"),
    [
        (D("2027-01-04"), None, OPT),
        (D("2027-01-04"), D("2027-01-05"), OPT),
        (D("2027-01-04"), D("2027-01-04"), OPT),  # on the program's last day: still (c)(3)(A)
        (D("2027-01-04"), D("2027-01-03"), OPT_POST),  # the day after: (c)(3)(B)
        (date.max, D("2027-01-03"), OPT_POST),
    ],
)
def test_post_completion_from_the_day_after_the_program_ends(
    start: date, program_end: date | None, chosen: Pathway
) -> None:
    assert select(Authorization.OPT, start, {"program_end": program_end}) is chosen
    # Other anchors do not choose the category.
    assert select(Authorization.OPT, start, {"academic_year_completes": program_end}) is OPT
    assert select(Authorization.OPT, start, {}) is OPT


@pytest.mark.parametrize("authorization", [Authorization.CPT, Authorization.AT])
def test_a_single_category_is_always_chosen(authorization: Authorization) -> None:
    for program_end in (None, D("2020-01-01"), D("2030-01-01")):
        chosen = select(authorization, D("2027-01-04"), {"program_end": program_end})
        assert chosen is PATHWAYS[authorization][0]


def test_a_start_limit_counts_from_a_plan_option() -> None:
    for anchor in ("academic_year_completes", "program_end"):
        assert StartLimit(anchor, 0, None, "s", "practice").anchor == anchor
    with pytest.raises(InvalidValueError) as caught:
        StartLimit("start", 0, None, "s", "practice")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "anchor must be 'academic_year_completes' or 'program_end' (a plan option), got 'start'"
    )
