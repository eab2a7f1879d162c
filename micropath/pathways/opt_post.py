"""Post-completion OPT (F-1), Form I-765 category (c)(3)(B).

Planned when the first day of work is after the program end
(``plan("OPT", start, program_end=D)``). The chain is pre-completion OPT's;
the rules differ (8 CFR 214.2(f)(11)(i)(B)(2); USCIS Policy Manual, Vol. 2,
Part F, Ch. 5):

* one full academic year first (8 CFR 214.2(f)(10));
* the I-765 may be filed from 90 days before to 60 days after the program end;
* USCIS must receive it within 30 days of the DSO's recommendation;
* the requested start is no later than 60 days after the program end;
* the EAD is valid from the later of the requested start and the approval
  (the plan's first day is the requested start, and the card is planned in
  hand by then, so both hold);
* premium processing and fees are as for (c)(3)(A).

The one rule kind it adds is :class:`~micropath.pathways.rules.StartLimit`'s
latest start, and :class:`~micropath.pathways.rules.FilingWindow`'s closing.
"""

from __future__ import annotations

from typing import Final

from micropath.leads import days
from micropath.pathways._common import I765_FEES, ONE_ACADEMIC_YEAR, PREMIUM_PROCESSING
from micropath.pathways._model import Authorization, Pathway
from micropath.pathways._opt_steps import EAD_IN_HAND, OPT_STEPS
from micropath.pathways.opt import RECOMMENDATION_VALID
from micropath.pathways.rules import Allowance, Applies, FilingWindow, StartLimit

OPT_POST: Final = Pathway(
    Authorization.OPT,
    "(c)(3)(B)",
    "post-completion OPT",
    OPT_STEPS,
    filing="filing",
    ends="card_in_hand",
    ends_label=EAD_IN_HAND,
    rules=(
        ONE_ACADEMIC_YEAR,
        FilingWindow("program_end", days(90), days(60), "opt-post-window", "regulation"),
        RECOMMENDATION_VALID,
        StartLimit("program_end", None, 60, "opt-post-start", "regulation"),
    ),
    premium=PREMIUM_PROCESSING,
    charges=I765_FEES,
    allowance=Allowance(365, "days", "opt-post-window", "regulation"),
    applies=Applies("program_end", start_after=True),
    source="opt-post-window",
)
