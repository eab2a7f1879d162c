"""The rule kinds: small frozen values that constrain a plan.

Every rule carries its *kind* (``"regulation"`` or ``"practice"``) and the key
of its :class:`~micropath.sources.Source`. The planner applies the rules of a
pathway and of a school in a loop; it never asks which authorization it is
planning. The kinds:

* :class:`FilingWindow`: file no earlier than a lead before an anchor date,
  and (optionally) no later than a lead after it.
* :class:`RecommendationValidity`: the filing must be received within N days
  of the school's recommendation.
* :class:`MinimumTerms`: eligibility after N completed terms.
* :class:`StartLimit`: the first day of work must fall on or after an anchor
  date, or within N days after it.
* :class:`PremiumRule`: premium processing, with its effective dates.
* :class:`Charge`: a government fee the pathway charges.
* :class:`Allowance`: how much of the authorization a student may use.

An *anchor* names a date of the plan: ``"start"`` (the first day of work),
or a plan option: ``"academic_year_completes"`` or ``"program_end"``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeAlias

import attrs

from micropath.errors import InvalidValueError
from micropath.fees import FeeKind
from micropath.leads import Lead

__all__ = [
    "Allowance",
    "Anchor",
    "Applies",
    "Charge",
    "FilingWindow",
    "MinimumTerms",
    "OptionAnchor",
    "PremiumRule",
    "RecommendationValidity",
    "Rule",
    "RuleKind",
    "StartLimit",
]

RuleKind = Literal["regulation", "practice"]
"""Where a rule's force comes from: the CFR or USCIS, or a school's own practice."""

Anchor = Literal["start", "academic_year_completes", "program_end"]
"""The date a rule counts from: the first day of work, or a plan option."""

OptionAnchor = Literal["academic_year_completes", "program_end"]
"""An anchor that is a plan option (a start limit cannot count from the start itself)."""


@attrs.frozen
class FilingWindow:
    """File no earlier than *opens_before* the anchor (None: no earlier limit),
    and no later than *closes_after* it (None: no later limit).

    Calendar-day leads count every day; business-day leads count the filing
    actor's business days. A limit before ``date.min`` is no limit.
    """

    anchor: Anchor
    opens_before: Lead | None
    closes_after: Lead | None
    source: str
    kind: RuleKind
    waived_by: str | None = None
    """A plan option that, when true, lifts the rule (``"immediate_cpt"``)."""


@attrs.frozen
class RecommendationValidity:
    """The filing must be received within *days* calendar days of the school's
    recommendation, so the recommendation may not come too early."""

    days: int
    source: str
    kind: RuleKind


@attrs.frozen
class MinimumTerms:
    """Not eligible with fewer than *terms* completed terms (``terms_completed``)."""

    terms: int
    source: str
    kind: RuleKind
    waived_by: str | None = None
    """A plan option that, when true, lifts the rule (``"immediate_cpt"``)."""


def _option_anchor(_: object, __: object, value: object) -> None:
    """A start limit counts from a plan option, never from the start itself."""
    if value not in ("academic_year_completes", "program_end"):
        raise InvalidValueError(
            "anchor", "'academic_year_completes' or 'program_end' (a plan option)", value
        )


@attrs.frozen
class StartLimit:
    """The first day of work must be on or after the anchor plus *earliest_after*
    calendar days (None: no such limit), and on or before the anchor plus
    *latest_after* calendar days (None: no such limit)."""

    anchor: OptionAnchor = attrs.field(validator=_option_anchor)
    earliest_after: int | None
    latest_after: int | None
    source: str
    kind: RuleKind
    waived_by: str | None = None
    """A plan option that, when true, lifts the rule (``"immediate_cpt"``)."""


@attrs.frozen
class PremiumRule:
    """Premium processing for filings from *first* to *last* (None: open-ended):
    USCIS acts within *lead*."""

    first: date
    last: date | None
    lead: Lead
    source: str
    kind: RuleKind = "regulation"

    def covers(self, filing: date) -> bool:
        """True if a filing on *filing* gets this rule."""
        return self.first <= filing and (self.last is None or filing <= self.last)


@attrs.frozen
class Charge:
    """A government fee of *fee* (see :data:`micropath.fees.FEES`); with
    *premium_only*, only when premium processing is bought."""

    fee: FeeKind
    source: str
    premium_only: bool = False
    kind: RuleKind = "regulation"


@attrs.frozen
class Allowance:
    """How much of the authorization a student may use: *amount* of *unit*."""

    amount: int
    unit: Literal["days", "months"]
    source: str
    kind: RuleKind


@attrs.frozen
class Applies:
    """When a pathway is the one to plan: the first day of work is after the
    anchor (*start_after* True; the anchor must be given), or the anchor is not
    given or the start is on or before it (*start_after* False)."""

    anchor: Anchor
    start_after: bool


Rule: TypeAlias = (
    FilingWindow
    | RecommendationValidity
    | MinimumTerms
    | StartLimit
    | PremiumRule
    | Charge
    | Allowance
)
"""Any rule value."""
