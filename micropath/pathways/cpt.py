"""CPT (F-1 Curricular Practical Training), granted by the school's DSO.

offer -> decision (7 business days) -> preparation (5) -> request filed with
the school -> processing (10 school business days) -> endorsed I-20 in hand
(8 CFR 214.2(f)(10)(i)).
"""

from __future__ import annotations

from typing import Final

import attrs

from micropath.leads import business_days
from micropath.pathways._common import AFTER_ACADEMIC_YEAR, DECISION, ONE_ACADEMIC_YEAR, PREPARATION
from micropath.pathways._model import Authorization, Pathway, Role, Step
from micropath.pathways.rules import Allowance

CPT: Final = Pathway(
    Authorization.CPT,
    "",
    "CPT",
    (
        DECISION,
        PREPARATION,
        Step(
            Role.PROCESSING,
            "filing",
            "Request filed with the school",
            "student",
            "school",
            business_days(10),
            "school-processing",
            "the international office endorses the I-20 for CPT",
            submitted=True,
        ),
    ),
    filing="filing",
    ends="authorization",
    ends_label="CPT endorsement on the I-20 in hand",
    rules=(
        # Graduate programs that require CPT from the first term are exempt.
        attrs.evolve(ONE_ACADEMIC_YEAR, waived_by="immediate_cpt"),
        attrs.evolve(AFTER_ACADEMIC_YEAR, waived_by="immediate_cpt"),
    ),
    allowance=Allowance(12, "months", "cpt-12-months", "regulation"),
    source="first-academic-year",
)
