"""The pathway model: authorizations, step roles, steps and pathways."""

from __future__ import annotations

import enum
from typing import Final, Literal

import attrs

from micropath.errors import InvalidTypeError, UnknownNameError
from micropath.leads import Lead
from micropath.pathways.rules import Allowance, Applies, Charge, PremiumRule, Rule

__all__ = ["ACTORS", "Actor", "Authorization", "Pathway", "Role", "Step"]

Actor = Literal["school", "uscis"]
ACTORS: Final[tuple[Actor, ...]] = ("school", "uscis")
"""Actors whose calendars count business days: the school's offices and USCIS."""


class Authorization(enum.Enum):
    """The three kinds of off-campus work authorization micropath plans."""

    CPT = "CPT"
    """Curricular Practical Training (F-1), granted by the school's DSO."""
    OPT = "OPT"
    """Optional Practical Training (F-1), granted by USCIS on Form I-765:
    pre-completion (c)(3)(A) or post-completion (c)(3)(B)."""
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
        expected = "one of " + ", ".join(repr(member.value) for member in cls)
        if not isinstance(value, str):
            raise InvalidTypeError("authorization", expected, value)
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise UnknownNameError("authorization", expected, value) from None


class Role(enum.Enum):
    """What a step does. Its value is the plan option that overrides its lead."""

    DECISION = "decision"
    """The student decides on the offer."""
    PREPARATION = "preparation"
    """The student gathers the documents and approvals for the request."""
    RECOMMENDATION = "recommendation"
    """The school recommends the authorization (the OPT I-20)."""
    PROCESSING = "processing"
    """The authority decides the request (the school, the sponsor or USCIS)."""
    MAILING = "mailing"
    """The approved card travels to the student."""


@attrs.frozen
class Step:
    """One link of a chain.

    Attributes:
        role: what the step does; its value is the plan option that
            overrides its lead.
        begins: the name of the milestone at which this step begins.
        label: that milestone, in words.
        by: who acts at that milestone (``"employer"``, ``"student"``, ``"uscis"``).
        actor: whose calendar counts the step's business days.
        lead: the default duration.
        source: key of the default's :class:`~micropath.sources.Source`.
        rule: the rule, in words.
        receipt: the step begins with a receipt by its actor: filed on
            paper, it must be the actor's business day (a latest begin that is
            not one rolls back); filed online, any day.
        submitted: the step begins when the student hands something to its
            actor (a request to the school). A lead in calendar days may then
            begin on a day the actor is closed: the plan says so (notice
            ``begins-on-closed-day``) rather than move the caller's dates.
    """

    role: Role
    begins: str
    label: str
    by: str
    actor: Actor
    lead: Lead
    source: str
    rule: str
    receipt: bool = False
    submitted: bool = False

    @property
    def option(self) -> str:
        """The plan option that overrides this step's lead (the role's value)."""
        return self.role.value


@attrs.frozen
class Pathway:
    """The chain of steps and the rules of one authorization category, in forward order.

    Attributes:
        authorization: CPT, OPT or AT.
        category: the category within it (``"(c)(3)(A)"``), or ``""``.
        name: the category in words.
        steps: the chain, offer first.
        filing: the milestone that is the student's filing (``latest_filing``).
        ends: the milestone at which authorization is in hand.
        ends_label: that milestone, in words.
        rules: filing windows, eligibility and validity rules, applied in a loop.
        premium: premium processing rules, oldest first (empty: none offered).
        charges: government fees.
        allowance: how much of the authorization a student may use.
        applies: when this category is the one planned (None: the default).
        source: key of the source that defines the category.
    """

    authorization: Authorization
    category: str
    name: str
    steps: tuple[Step, ...]
    filing: str
    ends: str
    ends_label: str
    rules: tuple[Rule, ...] = ()
    premium: tuple[PremiumRule, ...] = ()
    charges: tuple[Charge, ...] = ()
    allowance: Allowance | None = None
    applies: Applies | None = None
    source: str = ""

    @property
    def options(self) -> frozenset[str]:
        """The lead options this pathway's steps accept."""
        return frozenset(step.option for step in self.steps)

    @property
    def roles(self) -> frozenset[Role]:
        """The roles of this pathway's steps."""
        return frozenset(step.role for step in self.steps)
