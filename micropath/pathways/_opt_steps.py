"""The I-765 chain that both OPT categories share."""

from __future__ import annotations

from typing import Final

from micropath.leads import business_days, days
from micropath.pathways._common import DECISION, PREPARATION
from micropath.pathways._model import Role, Step

OPT_STEPS: Final = (
    DECISION,
    PREPARATION,
    Step(
        Role.RECOMMENDATION,
        "school_request",
        "OPT recommendation requested from the school",
        "student",
        "school",
        business_days(10),
        "school-recommendation",
        "the DSO recommends OPT in SEVIS and issues the OPT I-20",
        submitted=True,
    ),
    Step(
        Role.PROCESSING,
        "filing",
        "I-765 received by USCIS",
        "student",
        "uscis",
        days(120),
        "opt-processing",
        "USCIS adjudicates the I-765",
        receipt=True,
    ),
    Step(
        Role.MAILING,
        "approval",
        "I-765 approved",
        "uscis",
        "uscis",
        days(14),
        "opt-mailing",
        "the EAD card is mailed",
    ),
)
"""offer -> decision -> preparation -> school request -> recommendation ->
I-765 received by USCIS -> processing -> approval -> mailing -> EAD card in hand."""

EAD_IN_HAND: Final = "EAD card in hand (and its validity start reached)"
