"""Pathways: each authorization as a chain of steps, written as data.

A :class:`Step` is one link: who does it (its *actor*, whose calendar counts
its business days), how long it takes by default (its :class:`~micropath.leads.Lead`),
where that default comes from, and whether it must begin on the actor's
business day. A :class:`Pathway` is the chain for one authorization, in
forward order, from the offer to authorization in hand.

Default chains (``../shared/domain.md``), forward:

* CPT: offer -> decision (7 business days) -> preparation (5) -> filing the
  request with the school -> processing (10 school business days) ->
  endorsed I-20 in hand.
* OPT: offer -> decision (7) -> preparation (5) -> school request ->
  recommendation (10 school business days) -> I-765 received by USCIS (on a
  USCIS business day) -> processing (120 calendar days, or premium) ->
  approval -> mailing (14 calendar days) -> EAD card in hand.
* AT: as CPT, with the J-1 sponsor's office as the school.

Premium processing is effective-dated data (:data:`PREMIUM_PROCESSING`), not
code paths.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Final, Literal

import attrs

from micropath.errors import InvalidTypeError, UnknownNameError
from micropath.leads import Lead, business_days, days

__all__ = [
    "ACTORS",
    "AT",
    "CPT",
    "OPT",
    "OPT_RECOMMENDATION_VALID_DAYS",
    "OPT_EARLIEST_BEFORE_ACADEMIC_YEAR",
    "PATHWAYS",
    "PREMIUM_PROCESSING",
    "Actor",
    "Authorization",
    "Pathway",
    "PremiumRule",
    "Step",
    "pathway",
]

Actor = Literal["school", "uscis"]
ACTORS: Final[tuple[Actor, ...]] = ("school", "uscis")
"""Actors whose calendars count business days: the school's offices and USCIS."""


class Authorization(enum.Enum):
    """The three kinds of off-campus work authorization micropath plans."""

    CPT = "CPT"
    """Curricular Practical Training (F-1), granted by the school's DSO."""
    OPT = "OPT"
    """Pre-completion Optional Practical Training (F-1), granted by USCIS on Form I-765."""
    AT = "AT"
    """Academic Training (J-1), granted by the sponsor's responsible officer."""

    @classmethod
    def parse(cls, value: object) -> Authorization:
        """The authorization named by *value*, case-insensitively.

        >>> Authorization.parse("opt")
        <Authorization.OPT: 'OPT'>
        >>> Authorization.parse("H-1B")
        Traceback (most recent call last):
        ...
        micropath.errors.UnknownNameError: authorization must be one of ..., got 'H-1B'
        """
        if isinstance(value, cls):
            return value
        expected = "one of 'CPT', 'OPT', 'AT'"
        if not isinstance(value, str):
            raise InvalidTypeError("authorization", expected, value)
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise UnknownNameError("authorization", expected, value) from None


@attrs.frozen
class Step:
    """One link of a chain.

    Attributes:
        option: the :func:`micropath.plan` option that overrides this step's lead.
        begins: the name of the milestone at which this step begins.
        label: that milestone, in words.
        by: who acts at that milestone (``"employer"``, ``"student"``, ``"uscis"``).
        actor: whose calendar counts the step's business days.
        lead: the default duration.
        source: key of the default's :class:`~micropath.sources.Source`.
        rule: the rule, in words.
        on_business_day: the step must begin on the actor's business day (a
            USCIS receipt); a latest begin that is not one rolls back.
    """

    option: str
    begins: str
    label: str
    by: str
    actor: Actor
    lead: Lead
    source: str
    rule: str
    on_business_day: bool = False


@attrs.frozen
class Pathway:
    """The chain of steps for one authorization, in forward order."""

    authorization: Authorization
    steps: tuple[Step, ...]
    filing: str
    """The milestone that is the student's filing (``latest_filing``)."""
    ends: str
    """The milestone at which authorization is in hand."""
    ends_label: str

    @property
    def options(self) -> frozenset[str]:
        """The lead options this pathway's steps accept."""
        return frozenset(step.option for step in self.steps)


@attrs.frozen
class PremiumRule:
    """USCIS premium processing for (c)(3)(A) OPT, for filings from *first* to *last*."""

    first: date
    last: date | None
    lead: Lead
    source: str

    def covers(self, filing: date) -> bool:
        """True if a filing on *filing* gets this rule."""
        return self.first <= filing and (self.last is None or filing <= self.last)


PREMIUM_PROCESSING: Final = (
    PremiumRule(date(2023, 3, 6), date(2024, 3, 31), days(30), "premium-2023"),
    PremiumRule(date(2024, 4, 1), None, business_days(30), "premium-2024"),
)
"""Premium processing for OPT, oldest first: 30 calendar days, then 30 USCIS business days."""

OPT_RECOMMENDATION_VALID_DAYS: Final = 30
"""USCIS must receive the I-765 within this many days of the SEVIS recommendation."""
OPT_EARLIEST_BEFORE_ACADEMIC_YEAR: Final = 90
"""Pre-completion OPT may be filed up to this many days before one academic year completes."""

_DECISION = Step(
    "decision",
    "offer",
    "Offer extended",
    "employer",
    "school",
    business_days(7),
    "capd-calendar",
    "the student has 5-7 business days to decide (planned at 7)",
)
_PREPARATION = Step(
    "preparation",
    "acceptance",
    "Offer accepted (decision deadline)",
    "student",
    "school",
    business_days(5),
    "preparation",
    "time to gather the offer letter and approvals for the request",
)


def _school_processing(source: str, rule: str) -> Step:
    return Step(
        "processing",
        "filing",
        "Request filed with the school",
        "student",
        "school",
        business_days(10),
        source,
        rule,
    )


CPT: Final = Pathway(
    Authorization.CPT,
    (
        _DECISION,
        _PREPARATION,
        _school_processing("cpt-processing", "the international office endorses the I-20 for CPT"),
    ),
    filing="filing",
    ends="authorization",
    ends_label="CPT endorsement on the I-20 in hand",
)
AT: Final = Pathway(
    Authorization.AT,
    (
        _DECISION,
        _PREPARATION,
        _school_processing("at-processing", "the J-1 sponsor's officer authorizes AT in writing"),
    ),
    filing="filing",
    ends="authorization",
    ends_label="written AT authorization in hand",
)
OPT: Final = Pathway(
    Authorization.OPT,
    (
        _DECISION,
        _PREPARATION,
        Step(
            "recommendation",
            "school_request",
            "OPT recommendation requested from the school",
            "student",
            "school",
            business_days(10),
            "opt-recommendation",
            "the DSO recommends OPT in SEVIS and issues the OPT I-20",
        ),
        Step(
            "processing",
            "filing",
            "I-765 received by USCIS",
            "student",
            "uscis",
            days(120),
            "opt-processing",
            "USCIS adjudicates the I-765",
            on_business_day=True,
        ),
        Step(
            "mailing",
            "approval",
            "I-765 approved",
            "uscis",
            "uscis",
            days(14),
            "opt-mailing",
            "the EAD card is mailed",
        ),
    ),
    filing="filing",
    ends="card_in_hand",
    ends_label="EAD card in hand (and its validity start reached)",
)

PATHWAYS: Final = {p.authorization: p for p in (CPT, OPT, AT)}


def pathway(authorization: Authorization | str) -> Pathway:
    """The default pathway of *authorization* (``"CPT"``, ``"OPT"`` or ``"AT"``)."""
    return PATHWAYS[Authorization.parse(authorization)]
