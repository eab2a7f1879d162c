"""earliest_start: the earliest first day of work whose plan admits an offer.

``latest_offer`` never decreases as the start moves later, so the search
doubles, then halves; feasibility is not monotone (holidays move both ends of
a filing window, and a category can change with the start), so the last part
steps forwards, for at most three years.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

import attrs

from micropath._convert import DateLike, to_date
from micropath.calendar import Calendar
from micropath.errors import (
    InvalidTypeError,
    OutOfRangeError,
    PremiumUnavailableError,
    StartOutOfSpanError,
)
from micropath.estimates import LeadLike
from micropath.leads import Lead
from micropath.options import FilingMethod, PlanOptions
from micropath.pathways import Authorization
from micropath.planner import Plan, Verdict, _checked_options, _plan, _prepared, _reasons

if TYPE_CHECKING:
    from micropath.schools import School

__all__ = ["OfferVerdict", "earliest_start", "offer_verdict"]

_ONE_DAY: Final = timedelta(days=1)
_FEASIBILITY_HORIZON: Final = 3 * 366
"""How many days past the first start whose latest offer admits an offer
:func:`earliest_start` looks for a feasible plan (windows can stay shut)."""
_NOT_CURED_LATER: Final = frozenset({"start-too-late", "not-eligible-terms"})
"""Reasons that no later start under the same category removes: the latest start
a rule allows is fixed by an option, and completed terms do not change with the
start."""


@_checked_options
def earliest_start(
    authorization: Authorization | str,
    offer: DateLike,
    *,
    processing: LeadLike | None = None,
    preparation: LeadLike | None = None,
    decision: LeadLike | None = None,
    mailing: LeadLike | None = None,
    recommendation: LeadLike | None = None,
    premium: bool = False,
    filing: FilingMethod = "online",
    filing_window: Lead | int | None = None,
    program_end: DateLike | None = None,
    academic_year_completes: DateLike | None = None,
    terms_completed: int | None = None,
    immediate_cpt: bool = False,
    school: School | str | None = None,
    calendar: Calendar | Mapping[str, Calendar] | None = None,
    confidence: float | None = None,
    today: DateLike | None = None,
    options: PlanOptions | None = None,
) -> date | None:
    """The earliest first day of work whose plan admits an offer on *offer*.

    That is the smallest S with ``plan(S).latest_offer >= offer`` and a
    feasible plan. None if no start admits it: an ineligible student, or a
    filing window that stays shut (shorter than processing) for three years
    past the first start whose latest offer admits the offer. Takes
    :func:`~micropath.plan`'s options.

    Raises:
        OutOfRangeError: no start within the calendars' span admits the
            offer, or the offer is past the calendars' last day (names
            ``offer``).

    >>> earliest_start("CPT", "2026-10-26")  # any calendar day, even Thanksgiving
    datetime.date(2026, 11, 26)
    """
    offer_day = to_date(offer, "offer")
    prepared = _prepared(authorization, locals())
    first = prepared.setups[0]
    # Eligibility that no start can change (too few terms) rules every start out.
    if all(
        any(finding.code == "not-eligible-terms" for finding in _reasons(setup, date.max))
        for setup in prepared.setups
    ):
        return None

    lowest = offer_day
    for bound in first.start_limits:
        if bound.earliest is not None and offer_day < bound.anchor:
            lowest = max(lowest, bound.earliest)

    last = min(
        (
            cal.covers[1]
            for setup in prepared.setups
            for cal in setup.calendars
            if cal.covers is not None
        ),
        default=date.max,
    )
    if lowest > last:
        raise OutOfRangeError(
            "offer", f"a date on or before {last}, the calendars' last day", offer
        )

    def admits(day: date) -> Plan | None:
        """The plan for a start on *day* if it admits the offer."""
        try:
            candidate = _plan(prepared.setup(day), day, None)
        except (StartOutOfSpanError, PremiumUnavailableError):  # a start too early to plan
            return None
        return candidate if candidate.latest_offer >= offer_day else None

    # latest_offer never decreases as the start moves later: double, then halve.
    low, width = lowest, 1
    high = min(_shift(low, width), last)
    while admits(high) is None:
        if high == last:
            raise OutOfRangeError(
                "offer", f"a date that some start on or before {last} admits", offer
            )
        low, width = high, width * 2
        high = min(_shift(lowest, width), last)
    while (high - low).days > 1:
        middle = low + (high - low) // 2
        if admits(middle) is None:
            low = middle
        else:
            high = middle
    if admits(low) is not None:
        high = low
    day = high
    horizon = (
        last
        if (last - high).days < _FEASIBILITY_HORIZON
        else high + timedelta(days=_FEASIBILITY_HORIZON - 1)
    )
    while day <= horizon:
        candidate = admits(day)
        if candidate is not None and candidate.feasible:
            return day
        if candidate is not None and any(
            reason.code in _NOT_CURED_LATER for reason in candidate.reasons
        ):
            # No later start under the same category is feasible: go on from the
            # next day a category's choice turns on, if there is one.
            turn = bisect_left(prepared.breaks, day)
            if turn == len(prepared.breaks) or prepared.breaks[turn] >= horizon:
                break
            day = prepared.breaks[turn] + _ONE_DAY
            continue
        if day >= horizon:
            break
        day += _ONE_DAY
    return None


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise OutOfRangeError(
            "offer", f"a date that leaves room for a plan before {date.max}", day
        ) from None


@attrs.frozen
class OfferVerdict:
    """The employer's answer for one offer date: is it on time for the plan's first
    day, and if not, the earliest first day it allows.

    Attributes:
        plan: the plan checked.
        offer: the offer date.
        verdict: the forward check (:meth:`Plan.check`): ``on_time``, ``slack``
            in calendar days, the expected dates.
        earliest_start: the earliest first day of work the offer allows under the
            plan's options (None: none within three years, or not eligible).
        earliest_start_premium: the same with premium processing, where the
            pathway offers it and the plan did not already use it; else None.
    """

    plan: Plan
    offer: date
    verdict: Verdict
    earliest_start: date | None
    earliest_start_premium: date | None

    @property
    def on_time(self) -> bool:
        """True if the offer is on time for the plan's first day."""
        return self.verdict.on_time


def offer_verdict(plan: Plan, offer: DateLike) -> OfferVerdict:
    """Check *offer* against *plan*, and find the earliest first day it allows.

    Raises:
        InvalidTypeError, InvalidValueError: *offer* is not a date or ISO string.
        OutOfRangeError: the offer is past the calendars' span (names ``offer``).

    >>> import micropath as mp
    >>> v = offer_verdict(mp.plan("OPT", "2027-01-04"), "2026-10-25")
    >>> v.on_time, v.verdict.slack, v.earliest_start, v.earliest_start_premium
    (False, -94, datetime.date(2027, 4, 9), datetime.date(2027, 1, 26))
    """
    if not isinstance(plan, Plan):
        raise InvalidTypeError("plan", "a micropath Plan", plan)
    day = to_date(offer, "offer")
    verdict = plan.check(day)
    options = plan.options
    start = earliest_start(plan.authorization, day, options=options)
    premium = None
    if plan.pathway.premium and not options.premium and options.processing is None:
        try:
            premium = earliest_start(
                plan.authorization, day, options=attrs.evolve(options, premium=True)
            )
        except OutOfRangeError:  # no start admits the offer with premium: no premium answer
            premium = None
    return OfferVerdict(plan, day, verdict, start, premium)
