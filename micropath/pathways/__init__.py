"""Pathways: each authorization category as a chain of steps and a set of rules, as data.

A :class:`Step` is one link: its :class:`Role`, who does it (its *actor*,
whose calendar counts its business days), how long it takes by default (its
:class:`~micropath.leads.Lead`), where that default comes from, and whether it
begins with a receipt. A :class:`Pathway` is the chain for one category, in
forward order, with its rules (:mod:`micropath.pathways.rules`): filing
windows, eligibility, validity, premium processing, fees and allowances.

One data module per category: :mod:`~micropath.pathways.cpt`,
:mod:`~micropath.pathways.opt` (pre-completion, (c)(3)(A)),
:mod:`~micropath.pathways.opt_post` (post-completion, (c)(3)(B)) and
:mod:`~micropath.pathways.at`. A new category is a new module registered in
:data:`PATHWAYS`.

>>> [p.category or p.name for p in PATHWAYS[Authorization.OPT]]
['(c)(3)(A)', '(c)(3)(B)']
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from micropath.pathways._common import PREMIUM_PROCESSING
from micropath.pathways._model import ACTORS, Actor, Authorization, Pathway, Role, Step
from micropath.pathways.at import AT
from micropath.pathways.cpt import CPT
from micropath.pathways.opt import OPT
from micropath.pathways.opt_post import OPT_POST
from micropath.pathways.rules import (
    Allowance,
    Anchor,
    Applies,
    Charge,
    FilingWindow,
    MinimumTerms,
    PremiumRule,
    RecommendationValidity,
    Rule,
    RuleKind,
    StartLimit,
)

__all__ = [
    "ACTORS",
    "AT",
    "CPT",
    "OPT",
    "OPT_EARLIEST_BEFORE_ACADEMIC_YEAR",
    "OPT_POST",
    "OPT_RECOMMENDATION_VALID_DAYS",
    "PATHWAYS",
    "PREMIUM_PROCESSING",
    "Actor",
    "Allowance",
    "Anchor",
    "Applies",
    "Authorization",
    "Charge",
    "FilingWindow",
    "MinimumTerms",
    "Pathway",
    "PremiumRule",
    "RecommendationValidity",
    "Role",
    "Rule",
    "RuleKind",
    "StartLimit",
    "Step",
    "pathway",
    "select",
]

PATHWAYS: Final[Mapping[Authorization, tuple[Pathway, ...]]] = {
    Authorization.CPT: (CPT,),
    Authorization.OPT: (OPT, OPT_POST),
    Authorization.AT: (AT,),
}
"""Every category of each authorization; the first is its default."""

OPT_RECOMMENDATION_VALID_DAYS: Final = 30
"""USCIS must receive the I-765 within this many days of the SEVIS recommendation
(kept for callers; the rule itself is data in :mod:`~micropath.pathways.opt`)."""
OPT_EARLIEST_BEFORE_ACADEMIC_YEAR: Final = 90
"""Pre-completion OPT may be filed up to this many days before one academic year
completes (kept for callers; the rule is data in :mod:`~micropath.pathways.opt`)."""


def pathway(authorization: Authorization | str) -> Pathway:
    """The default pathway of *authorization* (``"CPT"``, ``"OPT"`` or ``"AT"``).

    >>> pathway("opt").category
    '(c)(3)(A)'
    """
    return PATHWAYS[Authorization.parse(authorization)][0]


def select(
    authorization: Authorization, start: date, anchors: Mapping[str, date | None]
) -> Pathway:
    """The category of *authorization* to plan for a first day on *start*.

    *anchors* maps an anchor name (``"program_end"``) to its date or None. The
    first category whose :class:`~micropath.pathways.rules.Applies` holds wins;
    one without is the default.

    >>> select(Authorization.OPT, date(2027, 1, 4), {"program_end": date(2026, 12, 18)}).category
    '(c)(3)(B)'
    """
    for candidate in PATHWAYS[authorization]:
        rule = candidate.applies
        if rule is None:
            return candidate
        anchor = anchors.get(rule.anchor)
        after = anchor is not None and start > anchor
        if after == rule.start_after:
            return candidate
    return PATHWAYS[authorization][0]
