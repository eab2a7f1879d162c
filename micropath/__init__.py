"""micropath: latest safe offer and filing dates for short internships that need
off-campus work authorization (CPT, OPT, AT).

>>> import micropath as mp
>>> p = mp.plan("CPT", mp.iap(2027))
>>> p.latest_offer, p.latest_filing
(datetime.date(2026, 11, 20), datetime.date(2026, 12, 10))

The public surface is exactly ``__all__``; everything else is private.
"""

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time names load on first use
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

_WHERE: Final = {
    "AtUsage": "micropath.internship",
    "Authorization": "micropath.pathways",
    "BatchInputError": "micropath.errors",
    "Calendar": "micropath.calendar",
    "ClosedDay": "micropath.calendar",
    "Comparison": "micropath.comparison",
    "Cost": "micropath.fees",
    "CptUsage": "micropath.internship",
    "Cycle": "micropath.cycle",
    "CycleCheck": "micropath.cycle",
    "CycleDate": "micropath.cycle",
    "CycleRow": "micropath.cycle",
    "FEES": "micropath.fees",
    "Fee": "micropath.fees",
    "Finding": "micropath.findings",
    "Internship": "micropath.internship",
    "InvalidTypeError": "micropath.errors",
    "InvalidValueError": "micropath.errors",
    "Lead": "micropath.leads",
    "MicropathError": "micropath.errors",
    "Milestone": "micropath.planner",
    "MissingExtraError": "micropath.errors",
    "Notice": "micropath.internship",
    "OfferVerdict": "micropath.search",
    "OptUsage": "micropath.internship",
    "OutOfRangeError": "micropath.errors",
    "Pathway": "micropath.pathways",
    "Percentiles": "micropath.estimates",
    "Period": "micropath.internship",
    "Plan": "micropath.planner",
    "PlanOptions": "micropath.options",
    "PremiumUnavailableError": "micropath.errors",
    "Role": "micropath.pathways",
    "SOURCES": "micropath.sources",
    "Samples": "micropath.estimates",
    "School": "micropath.schools",
    "SchoolFileError": "micropath.errors",
    "Source": "micropath.sources",
    "StartOutOfSpanError": "micropath.errors",
    "Step": "micropath.pathways",
    "Term": "micropath.terms",
    "Unit": "micropath.leads",
    "UnknownNameError": "micropath.errors",
    "Verdict": "micropath.planner",
    "Window": "micropath.planner",
    "at_months_used": "micropath.internship",
    "business_days": "micropath.leads",
    "calendars": "micropath.calendars",
    "check_cycle": "micropath.cycle",
    "compare": "micropath.comparison",
    "cpt_full_time_days": "micropath.internship",
    "days": "micropath.leads",
    "earliest_start": "micropath.search",
    "fee_on": "micropath.fees",
    "iap": "micropath.terms",
    "minimum_wage": "micropath.internship",
    "offer_verdict": "micropath.search",
    "opt_days_used": "micropath.internship",
    "pathway": "micropath.pathways",
    "percentiles": "micropath.estimates",
    "plan": "micropath.planner",
    "plot_timeline": "micropath.views.plot",
    "posting_title": "micropath.cycle",
    "recruiting_cycle": "micropath.cycle",
    "samples": "micropath.estimates",
    "schools": "micropath.schools",
    "to_frame": "micropath.views.frame",
    "within": "micropath.estimates",
}
"""Where each public name lives: it is imported on first use (PEP 562), so that
``import micropath`` stays cheap and imports no optional or heavy module."""


def __getattr__(name: str) -> Any:
    """Import the public name *name* from its module on first use."""
    where = _WHERE.get(name)
    if where is None:
        # A submodule used as an attribute (micropath.options, micropath.views), as it
        # would be after any import of it.
        if name.startswith("_") or importlib.util.find_spec(f"micropath.{name}") is None:
            raise AttributeError(f"module 'micropath' has no attribute {name!r}")
        where = f"micropath.{name}"
    if where == f"micropath.{name}":  # a submodule: micropath.calendars, micropath.schools
        value = importlib.import_module(where)
    else:
        value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
