"""micropath: latest safe offer and filing dates for short internships that need
off-campus work authorization (CPT, OPT, AT).

>>> import micropath as mp
>>> p = mp.plan("CPT", mp.iap(2027))
>>> p.latest_offer, p.latest_filing
(datetime.date(2026, 11, 20), datetime.date(2026, 12, 10))

The public surface is exactly ``__all__``; everything else is private.
"""

from micropath import calendars
from micropath.calendar import Calendar, ClosedDay
from micropath.cycle import (
    Cycle,
    CycleCheck,
    CycleDate,
    CycleRow,
    check_cycle,
    posting_title,
    recruiting_cycle,
)
from micropath.errors import (
    InvalidTypeError,
    InvalidValueError,
    MicropathError,
    OutOfRangeError,
    UnknownNameError,
)
from micropath.leads import Lead, Unit, business_days, days
from micropath.pathways import Authorization, Pathway, Step, pathway
from micropath.planner import Milestone, Plan, Verdict, Window, earliest_start, plan
from micropath.sources import SOURCES, Source
from micropath.terms import Term, iap

__version__ = "0.1.0"

__all__ = [
    "SOURCES",
    "Authorization",
    "Calendar",
    "ClosedDay",
    "Cycle",
    "CycleCheck",
    "CycleDate",
    "CycleRow",
    "InvalidTypeError",
    "InvalidValueError",
    "Lead",
    "MicropathError",
    "Milestone",
    "OutOfRangeError",
    "Pathway",
    "Plan",
    "Source",
    "Step",
    "Term",
    "Unit",
    "UnknownNameError",
    "Verdict",
    "Window",
    "__version__",
    "business_days",
    "calendars",
    "check_cycle",
    "days",
    "earliest_start",
    "iap",
    "pathway",
    "plan",
    "posting_title",
    "recruiting_cycle",
]
