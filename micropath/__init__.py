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
from micropath.comparison import Comparison, compare
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
    MissingExtraError,
    OutOfRangeError,
    UnknownNameError,
)
from micropath.estimates import Percentiles, Samples, percentiles, samples, within
from micropath.fees import FEES, Cost, Fee, fee_on
from micropath.internship import (
    AtUsage,
    CptUsage,
    Internship,
    Notice,
    OptUsage,
    Period,
    at_months_used,
    cpt_full_time_days,
    minimum_wage,
    opt_days_used,
)
from micropath.leads import Lead, Unit, business_days, days
from micropath.pathways import Authorization, Pathway, Step, pathway
from micropath.planner import Milestone, Plan, Verdict, Window, earliest_start, plan
from micropath.sources import SOURCES, Source
from micropath.terms import Term, iap
from micropath.views.frame import to_frame
from micropath.views.plot import plot_timeline

__version__ = "0.1.0"

__all__ = [
    "FEES",
    "SOURCES",
    "AtUsage",
    "Comparison",
    "Cost",
    "CptUsage",
    "Fee",
    "Internship",
    "Notice",
    "OptUsage",
    "Percentiles",
    "Period",
    "Samples",
    "at_months_used",
    "compare",
    "cpt_full_time_days",
    "fee_on",
    "minimum_wage",
    "opt_days_used",
    "percentiles",
    "samples",
    "within",
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
    "MissingExtraError",
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
    "plot_timeline",
    "posting_title",
    "recruiting_cycle",
    "to_frame",
]
