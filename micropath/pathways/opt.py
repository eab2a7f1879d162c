"""Pre-completion OPT (F-1), Form I-765 category (c)(3)(A).

offer -> decision (7 business days) -> preparation (5) -> school request ->
recommendation (10 school business days) -> I-765 received by USCIS ->
processing (120 calendar days, or premium) -> approval -> mailing (14
calendar days) -> EAD card in hand.

Rules: one full academic year first (8 CFR 214.2(f)(10)); the I-765 may be
filed up to 90 days before one academic year completes (8 CFR
214.2(f)(11)(i)(B)(1)); USCIS must receive it within 30 days of the DSO's
recommendation; premium processing from 2023.
"""

from __future__ import annotations

from typing import Final

from micropath.leads import days
from micropath.pathways._common import (
    AFTER_ACADEMIC_YEAR,
    I765_FEES,
    ONE_ACADEMIC_YEAR,
    PREMIUM_PROCESSING,
)
from micropath.pathways._model import Authorization, Pathway
from micropath.pathways._opt_steps import EAD_IN_HAND, OPT_STEPS
from micropath.pathways.rules import (
    Allowance,
    Applies,
    FilingWindow,
    RecommendationValidity,
)

RECOMMENDATION_VALID: Final = RecommendationValidity(30, "opt-30-day-rule", "regulation")
"""USCIS must receive the I-765 within 30 days of the SEVIS recommendation."""

OPT: Final = Pathway(
    Authorization.OPT,
    "(c)(3)(A)",
    "pre-completion OPT",
    OPT_STEPS,
    filing="filing",
    ends="card_in_hand",
    ends_label=EAD_IN_HAND,
    rules=(
        ONE_ACADEMIC_YEAR,
        AFTER_ACADEMIC_YEAR,
        FilingWindow("academic_year_completes", days(90), None, "opt-90-day-rule", "regulation"),
        RECOMMENDATION_VALID,
    ),
    premium=PREMIUM_PROCESSING,
    charges=I765_FEES,
    allowance=Allowance(365, "days", "opt-half-rate", "regulation"),
    applies=Applies("program_end", start_after=False),
    source="opt-90-day-rule",
)
