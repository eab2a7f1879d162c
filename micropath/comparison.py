"""Standard against premium processing, side by side: what the fee buys in days.

>>> c = compare("OPT", "2027-01-04")
>>> c.standard.latest_filing, c.premium.latest_filing, c.days_gained
(datetime.date(2026, 8, 23), datetime.date(2026, 11, 5), 74)
>>> c.extra_cost
1780
"""

from __future__ import annotations

from typing import Unpack

import attrs

from micropath._convert import DateLike
from micropath.errors import InvalidValueError, OutOfRangeError, PremiumUnavailableError
from micropath.options import PlanKeywords
from micropath.pathways import PATHWAYS, Authorization
from micropath.planner import Plan, plan
from micropath.terms import Term

__all__ = ["Comparison", "compare"]


@attrs.frozen
class Comparison:
    """Two plans for the same start: standard and premium processing."""

    standard: Plan
    premium: Plan

    @property
    def days_gained(self) -> int:
        """How many calendar days later the student may file with premium processing."""
        return (self.premium.latest_filing - self.standard.latest_filing).days

    @property
    def offer_days_gained(self) -> int:
        """How many calendar days later the offer may go out with premium processing."""
        return (self.premium.latest_offer - self.standard.latest_offer).days

    @property
    def extra_cost(self) -> int:
        """The premium fee (US dollars) in force on the premium plan's latest filing."""
        standard = {cost.name for cost in self.standard.costs}
        return sum(cost.amount for cost in self.premium.costs if cost.name not in standard)


def compare(
    authorization: Authorization | str, start: DateLike | Term, **options: Unpack[PlanKeywords]
) -> Comparison:
    """Plan *authorization* twice, with and without premium processing.

    Takes :func:`~micropath.plan`'s options, except ``premium`` and ``processing``.

    Raises:
        InvalidValueError: the authorization offers no premium processing, or
            ``premium`` or ``processing`` was given.
        OutOfRangeError: the start is too early for premium processing (names ``start``).
    """
    kind = Authorization.parse(authorization)
    offered = [k.value for k, paths in PATHWAYS.items() if any(p.premium for p in paths)]
    if not any(path.premium for path in PATHWAYS[kind]):
        names = ", ".join(repr(name) for name in offered)
        raise InvalidValueError(
            "authorization", f"{names} (premium processing exists only for those)", authorization
        )
    if "premium" in options:
        raise InvalidValueError(
            "premium", "not given (compare plans both ways)", options["premium"]
        )
    if options.get("processing") is not None:
        raise InvalidValueError(
            "processing",
            "None (premium processing sets the lead of one side)",
            options.get("processing"),
        )
    standard = plan(authorization, start, **options)
    try:
        with_premium: PlanKeywords = {**options, "premium": True}
        premium = plan(authorization, start, **with_premium)
    except PremiumUnavailableError:
        began = standard.pathway.premium[0].first.isoformat()
        raise OutOfRangeError(
            "start",
            f"a start late enough for premium processing (it began {began}; this plan "
            "would need an earlier filing)",
            start,
        ) from None
    return Comparison(standard=standard, premium=premium)
