"""AT (J-1 Academic Training), granted in writing by the sponsor's responsible officer.

offer -> decision (7 business days) -> preparation (5) -> request filed with
the sponsor -> processing (10 business days of the sponsor's office) ->
written AT authorization in hand (22 CFR 62.23(g)).

The regulation sets no minimum enrollment before AT; a school that asks for
one (MIT: one academic year) says so as a practice of its
:class:`~micropath.schools.School`.
"""

from __future__ import annotations

from typing import Final

from micropath.leads import business_days
from micropath.pathways._common import DECISION, PREPARATION
from micropath.pathways._model import Authorization, Pathway, Role, Step
from micropath.pathways.rules import Allowance

AT: Final = Pathway(
    Authorization.AT,
    "",
    "Academic Training",
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
            "at-processing",
            "the J-1 sponsor's officer authorizes AT in writing",
            submitted=True,
        ),
    ),
    filing="filing",
    ends="authorization",
    ends_label="written AT authorization in hand",
    allowance=Allowance(18, "months", "at-limit", "regulation"),
    source="at-limit",
)
