"""CAPD's recruiting cycle for IAP micro-internships, and whether it works.

CAPD's employer page (source key ``capd-calendar``): post by September 16
(applications open September 15), interview from October 11, extend offers by
October 25 of the year before IAP; students have 5-7 business days to decide.

>>> report = check_cycle(recruiting_cycle(2027))
>>> [(row.authorization.value, row.on_time) for row in report]
[('CPT', True), ('OPT', False), ('AT', True)]
>>> [(flag.name, flag.date.isoformat(), flag.reason) for flag in report.closed_dates]
[('interviews', '2026-10-11', 'weekend (Sunday)'), ('offers', '2026-10-25', 'weekend (Sunday)')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, Final

import attrs

from micropath import calendars
from micropath._convert import to_items
from micropath.errors import InvalidTypeError, InvalidValueError, OutOfRangeError
from micropath.leads import business_days
from micropath.pathways import Authorization
from micropath.planner import Plan, plan
from micropath.terms import Term, iap

__all__ = [
    "Cycle",
    "CycleCheck",
    "CycleDate",
    "CycleRow",
    "check_cycle",
    "posting_title",
    "recruiting_cycle",
]

_DECISION_DAYS: Final = (5, 7)


@attrs.frozen
class Cycle:
    """CAPD's published recruiting calendar for one IAP."""

    applications_open: date
    posting: date
    interviews: date
    offers: date
    decision_days: tuple[int, int]
    """The business days students get to decide: (fewest, most)."""
    term: Term

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
    """For OPT: would premium processing make it? None for CPT and AT."""


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


def recruiting_cycle(iap_year: int) -> Cycle:
    """CAPD's recruiting calendar for the IAP of *iap_year* (dates in the year before).

    >>> recruiting_cycle(2027).offers
    datetime.date(2026, 10, 25)
    """
    term = iap(iap_year)
    year = term.start.year - 1
    return Cycle(
        applications_open=date(year, 9, 15),
        posting=date(year, 9, 16),
        interviews=date(year, 10, 11),
        offers=date(year, 10, 25),
        decision_days=_DECISION_DAYS,
        term=term,
    )


def check_cycle(
    cycle: Cycle,
    authorizations: Iterable[Authorization | str] = ("CPT", "OPT", "AT"),
    *,
    confidence: float | None = None,
    **options: Any,
) -> CycleCheck:
    """Is the cycle's offer date on time for each authorization, for its term's start?

    The decision window is planned at the cycle's longest (7 business days).
    Cycle dates that fall on a weekend or school holiday are flagged.
    *confidence* and any other :func:`~micropath.plan` option apply to every
    authorization's plan (an OPT-only option is an error with CPT or AT).
    """
    if not isinstance(cycle, Cycle):
        raise InvalidTypeError("cycle", "a micropath Cycle (see recruiting_cycle)", cycle)
    if "premium" in options:
        raise InvalidValueError(
            "premium", "not given (check_cycle checks OPT both ways)", options["premium"]
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
    decision = business_days(cycle.decision_days[1])
    rows = []
    for kind in kinds:
        options.setdefault("decision", decision)
        verdict = _plan(cycle, kind, confidence, options).check(cycle.offers)
        premium = None
        if kind is Authorization.OPT and options.get("processing") is None:
            try:
                with_premium = _plan(cycle, kind, confidence, {**options, "premium": True})
            except OutOfRangeError as error:
                if error.parameter != "premium":
                    raise
                premium = False  # premium processing did not exist early enough
            else:
                premium = with_premium.check(cycle.offers).on_time
        rows.append(CycleRow(kind, verdict.latest_offer, verdict.on_time, verdict.slack, premium))
    school = calendars.mit()
    closed = tuple(
        CycleDate(name, day, reason)
        for name, day in cycle.dates()
        if (reason := school.why_closed(day)) is not None
    )
    return CycleCheck(cycle, tuple(rows), closed)


def _plan(
    cycle: Cycle, kind: Authorization, confidence: float | None, options: dict[str, Any]
) -> Plan:
    """The plan for the cycle's term; a term that cannot be planned is the cycle's fault."""
    try:
        return plan(kind, cycle.term, confidence=confidence, **options)
    except OutOfRangeError as error:
        if error.parameter != "start":
            raise
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
