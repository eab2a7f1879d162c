"""A school's recruiting cycle for January-term micro-internships, and whether it works.

The dates come from the school's :class:`~micropath.schools.RecruitingCalendar`.
MIT's is CAPD's employer page (source key ``capd-calendar``): post by
September 16 (applications open September 15), interview from October 11,
extend offers by October 25 of the year before IAP; students have 5-7
business days to decide.

>>> report = check_cycle(recruiting_cycle(2027))
>>> [(row.authorization.value, row.on_time) for row in report]
[('CPT', True), ('OPT', False), ('AT', True)]
>>> [(flag.name, flag.date.isoformat(), flag.reason) for flag in report.closed_dates]
[('interviews', '2026-10-11', 'weekend (Sunday)'), ('offers', '2026-10-25', 'weekend (Sunday)')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Unpack

import attrs

from micropath._convert import to_items
from micropath.calendar import Calendar
from micropath.errors import (
    InvalidTypeError,
    InvalidValueError,
    OutOfRangeError,
    PremiumUnavailableError,
    StartOutOfSpanError,
)
from micropath.leads import business_days
from micropath.options import PlanKeywords
from micropath.pathways import PATHWAYS, Authorization
from micropath.planner import Plan, plan
from micropath.terms import Term

if TYPE_CHECKING:
    from micropath.schools import School

__all__ = [
    "Cycle",
    "CycleCheck",
    "CycleDate",
    "CycleRow",
    "check_cycle",
    "posting_title",
    "recruiting_cycle",
]


@attrs.frozen
class Cycle:
    """A school's recruiting calendar for one January term (CAPD's for one IAP)."""

    applications_open: date
    posting: date
    interviews: date
    offers: date
    decision_days: tuple[int, int]
    """The business days students get to decide: (fewest, most)."""
    term: Term
    school: School | None = attrs.field(default=None, eq=False)
    """The school whose recruiting calendar this is (None: MIT's)."""

    def dates(self) -> tuple[tuple[str, date], ...]:
        """The dated cycle events, in order."""
        return (
            ("applications_open", self.applications_open),
            ("posting", self.posting),
            ("interviews", self.interviews),
            ("offers", self.offers),
        )


@attrs.frozen
class CycleDate:
    """A cycle date that falls on a closed day of the school's calendar."""

    name: str
    date: date
    reason: str


@attrs.frozen
class CycleRow:
    """One authorization's verdict on the cycle's offer date."""

    authorization: Authorization
    latest_offer: date
    on_time: bool
    slack: int
    """Calendar days from the cycle's offer date to the latest offer (negative: late)."""
    premium_on_time: bool | None = None
    """Would premium processing make it? None where the pathway offers none, or a
    processing lead was given."""
    plan: Plan | None = attrs.field(default=None, eq=False, repr=False)
    """The plan behind the row (its school, options and milestones)."""
    premium_plan: Plan | None = attrs.field(default=None, eq=False, repr=False)
    """The plan with premium processing, where it was checked and possible."""


@attrs.frozen
class CycleCheck:
    """The rows of :func:`check_cycle`, one per authorization, plus closed-day flags."""

    cycle: Cycle
    rows: tuple[CycleRow, ...]
    closed_dates: tuple[CycleDate, ...]

    def __iter__(self) -> Iterator[CycleRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> CycleRow:
        return self.rows[index]


def recruiting_cycle(iap_year: int, *, school: School | str | None = None) -> Cycle:
    """The recruiting calendar for the January term of *iap_year* (dates in the
    year before), by *school* (default MIT: CAPD's calendar and IAP).

    >>> recruiting_cycle(2027).offers
    datetime.date(2026, 10, 25)
    """
    from micropath.schools import School, by_name, mit

    chosen = mit() if school is None else by_name(school) if isinstance(school, str) else school
    if not isinstance(chosen, School):
        raise InvalidTypeError("school", "a micropath School, or 'mit' or 'generic'", school)
    term = chosen.term_of(iap_year)
    year = term.start.year - 1
    dates = chosen.recruiting
    return Cycle(
        applications_open=date(year, *dates.applications_open),
        posting=date(year, *dates.posting),
        interviews=date(year, *dates.interviews),
        offers=date(year, *dates.offers),
        decision_days=dates.decision_days,
        term=term,
        school=chosen,
    )


def check_cycle(
    cycle: Cycle,
    authorizations: Iterable[Authorization | str] = ("CPT", "OPT", "AT"),
    **options: Unpack[PlanKeywords],
) -> CycleCheck:
    """Is the cycle's offer date on time for each authorization, for its term's start?

    The decision window is planned at the cycle's longest (7 business days at
    MIT) unless ``decision`` is given. Where a pathway offers premium
    processing and no processing lead is given, the row also says whether
    premium would make it. Cycle dates that fall on a closed day of the
    plans' school calendar (the cycle's school, or ``school=`` / ``calendar=``)
    are flagged.

    Takes :func:`~micropath.plan`'s keyword options (except ``premium``),
    which apply to every authorization's plan (an OPT-only option is an error
    with CPT or AT). The cycle's school is used unless ``school`` is given.

    Raises:
        InvalidTypeError: *cycle* is not a :class:`Cycle`.
        InvalidValueError: no authorization, or ``premium`` given.
        OutOfRangeError: the cycle's term cannot be planned (names ``cycle``).
    """
    if not isinstance(cycle, Cycle):
        raise InvalidTypeError("cycle", "a micropath Cycle (see recruiting_cycle)", cycle)
    if "premium" in options:
        raise InvalidValueError(
            "premium", "not given (check_cycle checks premium both ways)", options["premium"]
        )
    given = (
        [authorizations]
        if isinstance(authorizations, str)
        else to_items(authorizations, "authorizations", "an iterable of 'CPT', 'OPT', 'AT'")
    )
    kinds = [Authorization.parse(a) for a in given]
    if not kinds:
        raise InvalidValueError(
            "authorizations", "at least one of 'CPT', 'OPT', 'AT'", authorizations
        )
    keywords: PlanKeywords = {**options}
    keywords.setdefault("decision", business_days(cycle.decision_days[1]))
    if cycle.school is not None:
        keywords.setdefault("school", cycle.school)
    rows = []
    school_calendar: Calendar | None = None
    for kind in kinds:
        standard = _plan(cycle, kind, keywords)
        school_calendar = standard.school_calendar
        verdict = standard.check(cycle.offers)
        premium: bool | None = None
        with_premium: Plan | None = None
        if any(path.premium for path in PATHWAYS[kind]) and keywords.get("processing") is None:
            try:
                with_premium = _plan(cycle, kind, {**keywords, "premium": True})
            except PremiumUnavailableError:
                premium = False  # premium processing did not exist early enough
            else:
                premium = with_premium.check(cycle.offers).on_time
        rows.append(
            CycleRow(
                kind,
                verdict.latest_offer,
                verdict.on_time,
                verdict.slack,
                premium,
                plan=standard,
                premium_plan=with_premium,
            )
        )
    assert school_calendar is not None
    closed = tuple(
        CycleDate(name, day, reason)
        for name, day in cycle.dates()
        if (reason := _why_closed(school_calendar, day)) is not None
    )
    return CycleCheck(cycle, tuple(rows), closed)


def _why_closed(calendar: Calendar, day: date) -> str | None:
    covers = calendar.covers
    if covers is not None and not covers[0] <= day <= covers[1]:
        return None
    return calendar.why_closed(day)


def _plan(cycle: Cycle, kind: Authorization, options: PlanKeywords) -> Plan:
    """The plan for the cycle's term; a term that cannot be planned is the cycle's fault."""
    try:
        return plan(kind, cycle.term, **options)
    except StartOutOfSpanError as error:
        raise OutOfRangeError(
            "cycle",
            f"a cycle whose term can be planned for {kind.value}: the start must be "
            f"{error.expected}",
            cycle.term.name,
        ) from None


def posting_title(title: str, *, term: str = "IAP", alumni_host: bool = False) -> str:
    """A Handshake posting title in CAPD's prescribed form.

    >>> posting_title("Data Analytics")
    'Micro-Intern: Data Analytics (IAP)'
    >>> posting_title("Data Analytics", alumni_host=True)
    'Micro-Intern: Data Analytics (IAP-Alumni Host)'
    """
    texts: tuple[tuple[str, object], ...] = (("title", title), ("term", term))
    for name, value in texts:
        if not isinstance(value, str):
            raise InvalidTypeError(name, "a non-empty str", value)
        if not value.strip():
            raise InvalidValueError(name, "a non-empty str", value)
    if not isinstance(alumni_host, bool):
        raise InvalidTypeError("alumni_host", "a bool", alumni_host)
    suffix = f"{term.strip()}-Alumni Host" if alumni_host else term.strip()
    return f"Micro-Intern: {title.strip()} ({suffix})"
