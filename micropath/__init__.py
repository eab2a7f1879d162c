"""micropath: latest safe offer and filing dates for short internships that need
off-campus work authorization (CPT, OPT, AT).

>>> import micropath as mp
>>> p = mp.plan("CPT", mp.iap(2027))
>>> p.latest_offer, p.latest_filing
(datetime.date(2026, 11, 20), datetime.date(2026, 12, 10))

The public surface is exactly ``__all__``; everything else is private.
"""

from micropath import calendars, schools
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
    BatchInputError,
    InvalidTypeError,
    InvalidValueError,
    MicropathError,
    MissingExtraError,
    OutOfRangeError,
    PremiumUnavailableError,
    SchoolFileError,
    StartOutOfSpanError,
    UnknownNameError,
)
from micropath.estimates import Percentiles, Samples, percentiles, samples, within
from micropath.fees import FEES, Cost, Fee, fee_on
from micropath.findings import Finding
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
from micropath.options import PlanOptions
from micropath.pathways import Authorization, Pathway, Role, Step, pathway
from micropath.planner import Milestone, Plan, Verdict, Window, plan
from micropath.schools import School
from micropath.search import OfferVerdict, earliest_start, offer_verdict
from micropath.sources import SOURCES, Source
from micropath.terms import Term, iap
from micropath.views.frame import to_frame
from micropath.views.plot import plot_timeline

__version__ = "0.1.0"

__all__ = [
    "AtUsage",
    "Authorization",
    "BatchInputError",
    "Calendar",
    "ClosedDay",
    "Comparison",
    "Cost",
    "CptUsage",
    "Cycle",
    "CycleCheck",
    "CycleDate",
    "CycleRow",
    "FEES",
    "Fee",
    "Finding",
    "Internship",
    "InvalidTypeError",
    "InvalidValueError",
    "Lead",
    "MicropathError",
    "Milestone",
    "MissingExtraError",
    "Notice",
    "OfferVerdict",
    "OptUsage",
    "OutOfRangeError",
    "Pathway",
    "Percentiles",
    "Period",
    "Plan",
    "PlanOptions",
    "PremiumUnavailableError",
    "Role",
    "SOURCES",
    "Samples",
    "School",
    "SchoolFileError",
    "Source",
    "StartOutOfSpanError",
    "Step",
    "Term",
    "Unit",
    "UnknownNameError",
    "Verdict",
    "Window",
    "__version__",
    "at_months_used",
    "business_days",
    "calendars",
    "check_cycle",
    "compare",
    "cpt_full_time_days",
    "days",
    "earliest_start",
    "fee_on",
    "iap",
    "minimum_wage",
    "offer_verdict",
    "opt_days_used",
    "pathway",
    "percentiles",
    "plan",
    "plot_timeline",
    "posting_title",
    "recruiting_cycle",
    "samples",
    "schools",
    "to_frame",
    "within",
]
