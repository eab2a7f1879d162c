"""Steps and rules that several pathways share."""

from __future__ import annotations

from datetime import date
from typing import Final

from micropath.leads import business_days, days
from micropath.pathways._model import Role, Step
from micropath.pathways.rules import Charge, MinimumTerms, PremiumRule, StartLimit

DECISION: Final = Step(
    Role.DECISION,
    "offer",
    "Offer extended",
    "employer",
    "school",
    business_days(7),
    "capd-calendar",
    "the student has 5-7 business days to decide (planned at 7)",
)
PREPARATION: Final = Step(
    Role.PREPARATION,
    "acceptance",
    "Offer accepted (decision deadline)",
    "student",
    "school",
    business_days(5),
    "preparation",
    "time to gather the offer letter and approvals for the request",
)

ONE_ACADEMIC_YEAR: Final = MinimumTerms(2, "first-academic-year", "regulation")
"""F-1 practical training: one full academic year (a Fall and a Spring) first."""
AFTER_ACADEMIC_YEAR: Final = StartLimit(
    "academic_year_completes", 0, None, "first-academic-year", "regulation"
)
"""F-1 practical training may not start before one full academic year completes."""

PREMIUM_PROCESSING: Final = (
    PremiumRule(date(2023, 3, 6), date(2024, 3, 31), days(30), "premium-2023"),
    PremiumRule(date(2024, 4, 1), None, business_days(30), "premium-2024"),
)
"""Premium processing for OPT, oldest first: 30 calendar days, then 30 USCIS business days."""

I765_FEES: Final = (
    Charge("i765", "i765-fee"),
    Charge("premium", "premium-fee", premium_only=True),
)
"""The Form I-765 fee, and the premium processing fee when premium is bought."""
