"""The planner: latest safe offer and filing dates, by a backward pass.

Starting from the first day of work, each step of the pathway is walked
backwards: a step of *n* calendar days that must be done by *Y* begins no
later than ``Y - n``; one of *n* business days no later than the n-th
business day of its actor strictly before *Y*; a begin that must be a
business day (a USCIS receipt) rolls back to the previous one. "Latest safe"
means that beginning on that date, with every step taking its stated lead,
still has authorization in hand on day one, and beginning one business day
later does not.

:meth:`Plan.check` runs the chain forwards from an offer date and reports
whether it is on time and by how much.
"""

from __future__ import annotations

import datetime
import difflib
import functools
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Final, ParamSpec, TypeVar

import attrs

from micropath import calendars
from micropath._convert import DateLike, to_count, to_date, to_optional_date
from micropath.calendar import Calendar, ClosedDay
from micropath.errors import InvalidTypeError, InvalidValueError, OutOfRangeError
from micropath.estimates import (
    Estimate,
    LeadLike,
    Percentiles,
    Samples,
    probability,
    resolve,
    to_confidence,
)
from micropath.fees import Cost, FeeKind, fee_on
from micropath.leads import Lead, Unit, to_lead
from micropath.pathways import (
    ACTORS,
    OPT_EARLIEST_BEFORE_ACADEMIC_YEAR,
    OPT_RECOMMENDATION_VALID_DAYS,
    PREMIUM_PROCESSING,
    Authorization,
    Pathway,
    PremiumRule,
    pathway,
)
from micropath.sources import SOURCES, Source
from micropath.terms import Term

__all__ = ["Milestone", "Plan", "Verdict", "Window", "earliest_start", "plan"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_ONE_DAY: Final = timedelta(days=1)
_MIN_TERMS: Final = 2  # one full academic year: a Fall and a Spring


# -- values -------------------------------------------------------------------


@attrs.frozen
class Milestone:
    """One dated point of a plan.

    Attributes:
        name: ``offer``, ``acceptance``, ``school_request``, ``filing``,
            ``approval``, ``authorization`` / ``card_in_hand``, or ``start``.
        label: the milestone in words.
        date: its latest safe date.
        actor: who acts then (``employer``, ``student``, ``school``, ``uscis``).
        rule: the rule of the step that begins here, in words ("" for the ends).
        source: where the step's default comes from.
        lead: the step's duration, as planned.
        deadline: the date the step must be done by (the next milestone).
        calendar: the calendar that counts the step's business days.
        rolled_from: the date the step would begin on had it not had to
            begin on a business day (None if it did not roll).
        confidence: the confidence the plan was made at (None: at the
            stated leads, bounds and highest percentiles).
    """

    name: str
    label: str
    date: date
    actor: str
    rule: str = ""
    source: Source | None = None
    lead: Lead | None = None
    deadline: datetime.date | None = None
    calendar: Calendar | None = attrs.field(default=None, eq=False, repr=False)
    rolled_from: datetime.date | None = None
    confidence: float | None = None

    @property
    def stepped_over(self) -> tuple[ClosedDay, ...]:
        """The closed days the step skipped: those inside a business-day step,
        and those a roll back to a business day passed over."""
        return _stepped_over(self)


def _stepped_over(m: Milestone) -> tuple[ClosedDay, ...]:
    # Properties and decorated functions delegate to plain functions such as
    # this one, which mutation testing (mutmut skips decorated code) can reach.
    if m.calendar is None or m.deadline is None or m.lead is None:
        return ()
    days: dict[date, ClosedDay] = {}
    if m.lead.business and m.deadline > m.date:
        days.update((d.date, d) for d in m.calendar._closed_days(m.date, m.deadline - _ONE_DAY))
    if m.rolled_from is not None:
        rolled = m.calendar._closed_days(m.date + _ONE_DAY, m.rolled_from)
        days.update((d.date, d) for d in rolled)
    return tuple(days.values())  # in date order: the second range starts inside the first


@attrs.frozen
class Window:
    """An inclusive span in which something must happen.

    Attributes:
        name: ``filing`` or ``recommendation``.
        opens: the first day allowed; None means no earlier limit.
        closes: the last day allowed.
        rule: the rule that sets the limits, in words.
        source: the source of the rule that sets the window. For the
            filing window, the rule that sets ``opens`` (the regulation's when
            two limits open on the same day), and None when no earlier limit
            applies; for the recommendation window, always the 30-day rule.
    """

    name: str
    opens: date | None
    closes: date
    rule: str
    source: Source | None

    def contains(self, day: DateLike) -> bool:
        """True if *day* lies inside the window.

        >>> Window("filing", None, date(2026, 8, 21), "", SOURCES["opt-90-day-rule"]).contains(
        ...     date(2026, 8, 24))
        False
        """
        when = to_date(day, "day")
        return (self.opens is None or self.opens <= when) and when <= self.closes


@attrs.frozen
class Verdict:
    """Whether an offer on *offer* is on time for a plan, from a forward pass.

    Attributes:
        on_time: the plan is feasible and ``offer <= latest_offer``; then
            authorization is expected in hand by the start.
        slack: ``latest_offer - offer`` in calendar days (negative: late).
        in_hand: when authorization is expected if every step takes its lead.
        expected: each milestone's expected date, in order.
    """

    offer: date
    latest_offer: date
    on_time: bool
    slack: int
    in_hand: date | None
    expected: tuple[tuple[str, date], ...]
    reasons: tuple[str, ...] = ()


@attrs.frozen(eq=False)
class _Setup:
    """Resolved plan inputs, shared by the backward and the forward pass."""

    pathway: Pathway
    leads: tuple[Lead, ...]
    estimates: tuple[Lead | Estimate, ...]  # as given, before resolving at the confidence
    confidence: Fraction | None
    calendars: tuple[Calendar, ...]  # one per step, the step's actor's calendar
    school: Calendar  # the school's calendar, for notices about the first day of work
    premium: bool
    filing_window: Lead | None
    academic_year_completes: date | None
    terms_completed: int | None
    immediate_cpt: bool
    filing_index: int
    given: frozenset[str]
    """The lead options the caller set (their milestones cite the caller, not a default)."""
    program: tuple[tuple[int, bool, Calendar, bool, bool], ...]
    """Per step, for the backward pass: amount, business?, calendar, on a
    business day?, premium?"""


# -- the plan -----------------------------------------------------------------


@attrs.frozen(repr=False)
class Plan:
    """The latest safe dates for one authorization and first day of work.

    Build it with :func:`plan`. Dates are computed eagerly; the milestone
    objects and all text are built on demand.
    """

    authorization: Authorization
    start: date
    latest_offer: date
    latest_filing: date
    earliest_filing: date | None
    reasons: tuple[str, ...]
    """Why the plan is not feasible (empty when it is)."""
    term: Term | None = attrs.field(eq=False)
    confidence: float | None
    """The confidence the plan was made at, or None."""
    _setup: _Setup = attrs.field(eq=False, repr=False)
    _begins: tuple[date, ...] = attrs.field(repr=False)
    _rolled: tuple[date | None, ...] = attrs.field(repr=False)
    _premium: PremiumRule | None = attrs.field(repr=False)
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __repr__(self) -> str:
        return (
            f"Plan({self.authorization.value}, start={self.start.isoformat()}, "
            f"latest_offer={self.latest_offer.isoformat()}, "
            f"latest_filing={self.latest_filing.isoformat()}, feasible={self.feasible})"
        )

    @property
    def feasible(self) -> bool:
        """True if some offer date can meet the start (no reason against it)."""
        return not self.reasons

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        """Every milestone, in date order: offer, acceptance, ..., start."""
        cached: tuple[Milestone, ...] | None = self._cache.get("milestones")
        if cached is None:
            cached = self._cache["milestones"] = _milestones(self)
        return cached

    def milestone(self, name: str) -> Milestone:
        """The milestone called *name* (``"filing"``, ``"offer"``, ...)."""
        for item in self.milestones:
            if item.name == name:
                return item
        names = ", ".join(m.name for m in self.milestones)
        raise InvalidValueError("name", f"one of {names}", name)

    @property
    def windows(self) -> tuple[Window, ...]:
        """The filing window, and for OPT the 30-day recommendation rule."""
        return _windows(self)

    def check(self, offer: DateLike) -> Verdict:
        """Is an offer on *offer* on time? Runs the chain forwards from it.

        Tight: ``latest_offer`` itself is on time and the day after is not.

        >>> p = plan("CPT", "2027-01-04")
        >>> p.check("2026-11-20").on_time, p.check("2026-11-21").on_time
        (True, False)
        >>> p.check("2026-10-25").slack
        26
        """
        return _forward(self, to_date(offer, "offer"))

    def on_time_probability(self, filing: DateLike) -> float:
        """The share of cases in which authorization is in hand by the start, if
        the student files on *filing* and every other step takes its planned lead.

        Only the processing step is uncertain here: a bound (a plain lead) is
        certain, an estimate gives its share of cases done in time. It never
        decreases as the filing moves earlier, and at ``latest_filing`` it is
        at least the planned confidence. The filing window is not checked
        (see :attr:`windows`).

        >>> import micropath as mp
        >>> p = mp.plan("OPT", "2027-01-04", confidence=0.8,
        ...             processing=mp.percentiles({50: 75, 80: 100, 95: 130}))
        >>> p.latest_filing  # Dec 21 - 100 days is Saturday Sep 12: rolls back
        datetime.date(2026, 9, 11)
        >>> p.on_time_probability(p.latest_filing), p.on_time_probability("2026-09-14")
        (0.805, 0.776)
        """
        return _on_time_probability(self, to_date(filing, "filing"))

    @property
    def notices(self) -> tuple[str, ...]:
        """Things worth a second look that do not make the plan infeasible: a
        first day of work on a day the school is closed, or a confidence that
        has no estimate to act on.

        >>> plan("OPT", "2027-01-04", confidence=0.95).notices[0][:40]
        'confidence 0.95 changes nothing here: ev'
        """
        return _notices(self)

    @property
    def costs(self) -> tuple[Cost, ...]:
        """Government fees in force on the latest filing date (none for CPT and AT)."""
        return _costs(self)

    def explain(self) -> str:
        """Plain text: every date in ISO form, and the reason for it."""
        from micropath.views.text import explain

        return explain(self)

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON types only (dates as ISO strings); see ``docs/schema.md``."""
        from micropath.views.text import to_dict

        return to_dict(self)

    def to_ics(self, **options: Any) -> bytes:
        """An iCalendar file of the deadlines (needs the ``ics`` extra); see
        :func:`micropath.views.ics.to_ics` for the options."""
        from micropath.views.ics import to_ics

        return to_ics(self, **options)

    def _repr_html_(self) -> str:
        """A compact HTML table, for notebooks."""
        from micropath.views.html import plan_html

        return plan_html(self)


# -- options ------------------------------------------------------------------


def _checked_options(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Reject unknown keyword options with a MicropathError that lists the valid ones."""
    import inspect

    params = inspect.signature(func).parameters
    known = frozenset(n for n, p in params.items() if p.kind is p.KEYWORD_ONLY)

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not known.issuperset(kwargs):
            name = sorted(kwargs.keys() - known)[0]
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidTypeError(
                "options", f"keyword options among {', '.join(sorted(known))}{hint}", name
            )
        return func(*args, **kwargs)

    return wrapper


def _calendars(value: object) -> dict[str, Calendar]:
    chosen: dict[str, Calendar] = {"school": calendars.mit(), "uscis": calendars.federal()}
    if value is None:
        return chosen
    if isinstance(value, Calendar):
        return dict.fromkeys(ACTORS, value)
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "calendar", "a Calendar, or a mapping from actor ('school', 'uscis') to Calendar", value
        )
    for actor, cal in value.items():
        if actor not in ACTORS:
            raise InvalidValueError("calendar", f"actors among {', '.join(ACTORS)}", actor)
        if not isinstance(cal, Calendar):
            raise InvalidTypeError(f"calendar[{actor!r}]", "a micropath.Calendar", cal)
        chosen[actor] = cal
    return chosen


def _setup_for(authorization: object, values: tuple[object, ...]) -> _Setup:
    """The resolved inputs, memoized: plan inputs are immutable, and advisors'
    lists repeat them. The key carries each value's type, so ``premium=1`` is
    not mistaken for ``premium=True``."""
    key = ((type(authorization), authorization), *((type(v), v) for v in values))
    try:
        return _cached_setup(key)
    except TypeError:  # an unhashable value, such as a dict of calendars
        return _build_setup(authorization, values)


@functools.lru_cache(maxsize=1024)
def _cached_setup(key: tuple[tuple[type, object], ...]) -> _Setup:
    return _build_setup(key[0][1], tuple(value for _, value in key[1:]))


def _build_setup(authorization: object, values: tuple[object, ...]) -> _Setup:
    (processing, preparation, decision, mailing, recommendation, premium, filing_window,
     academic_year_completes, terms_completed, immediate_cpt, calendar,
     confidence) = values  # fmt: skip
    return _setup(
        authorization,
        leads={
            "processing": processing,
            "preparation": preparation,
            "decision": decision,
            "mailing": mailing,
            "recommendation": recommendation,
        },
        premium=premium,
        filing_window=filing_window,
        academic_year_completes=academic_year_completes,
        terms_completed=terms_completed,
        immediate_cpt=immediate_cpt,
        calendar=calendar,
        confidence=confidence,
    )


def _estimate(value: object, parameter: str) -> Lead | Estimate:
    if isinstance(value, (Percentiles, Samples)):
        return value
    return to_lead(value, parameter)


def _setup(
    authorization: object,
    *,
    leads: Mapping[str, object],
    premium: object,
    filing_window: object,
    academic_year_completes: object,
    terms_completed: object,
    immediate_cpt: object,
    calendar: object,
    confidence: object,
) -> _Setup:
    path = pathway(Authorization.parse(authorization))
    kind = path.authorization.value
    for option, value in leads.items():
        if value is not None and option not in path.options:
            raise InvalidValueError(
                option, f"None for {kind} ({option} applies to OPT only)", value
            )
    if not isinstance(premium, bool):
        raise InvalidTypeError("premium", "a bool", premium)
    if premium and path.authorization is not Authorization.OPT:
        raise InvalidValueError(
            "premium", f"False for {kind} (premium processing exists only for OPT)", premium
        )
    if premium and leads.get("processing") is not None:
        raise InvalidValueError(
            "processing",
            "None when premium=True (premium processing sets the lead)",
            leads["processing"],
        )
    if not isinstance(immediate_cpt, bool):
        raise InvalidTypeError("immediate_cpt", "a bool", immediate_cpt)
    if immediate_cpt and path.authorization is not Authorization.CPT:
        raise InvalidValueError("immediate_cpt", f"False for {kind} (it is a CPT exception)", True)
    terms = None if terms_completed is None else to_count(terms_completed, "terms_completed")
    if terms is not None and terms < 0:
        raise InvalidValueError("terms_completed", "at least 0", terms)
    cals = _calendars(calendar)
    level = None if confidence is None else to_confidence(confidence)
    given = tuple(
        _estimate(step.lead if leads.get(step.option) is None else leads[step.option], step.option)
        for step in path.steps
    )
    step_leads = tuple(
        resolve(value, level, step.option) for value, step in zip(given, path.steps, strict=True)
    )
    return _Setup(
        pathway=path,
        leads=step_leads,
        estimates=given,
        confidence=level,
        calendars=tuple(cals[step.actor] for step in path.steps),
        school=cals["school"],
        premium=premium,
        filing_window=None if filing_window is None else to_lead(filing_window, "filing_window"),
        academic_year_completes=to_optional_date(
            academic_year_completes, "academic_year_completes"
        ),
        terms_completed=terms,
        immediate_cpt=immediate_cpt,
        filing_index=next(i for i, s in enumerate(path.steps) if s.begins == path.filing),
        given=frozenset(option for option, value in leads.items() if value is not None),
        program=tuple(
            (
                lead.amount,
                lead.business,
                cals[step.actor],
                step.on_business_day,
                premium and step.option == "processing",
            )
            for lead, step in zip(step_leads, path.steps, strict=True)
        ),
    )


# -- arithmetic ---------------------------------------------------------------


def _back(deadline: date, lead: Lead, cal: Calendar) -> date:
    """Latest begin of a step of *lead* that must be usable on *deadline*."""
    if lead.amount == 0:
        return deadline
    if lead.business:
        return cal.add_business_days(deadline, -lead.amount)
    return deadline - timedelta(days=lead.amount)


def _ahead(begin: date, lead: Lead, cal: Calendar) -> date:
    """The day a step of *lead* begun on *begin* is usable (independent of :func:`_back`)."""
    if lead.amount == 0:
        return begin
    if lead.business:
        # Its n-th business day, counting begin: never a day before begin, which may
        # lie before date.min or the calendar's span.
        first = cal.next_business_day(begin)
        return cal.add_business_days(first, lead.amount - 1) + _ONE_DAY
    return begin + timedelta(days=lead.amount)


def _days_before(day: date, days: int) -> date:
    """*days* before *day*, for a limit such as "no earlier than": a limit before
    date.min is no limit, so it is date.min."""
    return day - timedelta(days=min(days, (day - date.min).days))


def _premium_back(deadline: date, cal: Calendar) -> tuple[date, PremiumRule, date | None]:
    """Latest premium filing: each rule applies only to filings in its own period.

    Returns the filing, its rule, and the day it rolled back from (or None).
    """
    best: tuple[date, PremiumRule, date | None] | None = None
    for rule in PREMIUM_PROCESSING:
        unrolled = _back(deadline, rule.lead, cal)
        if rule.last is not None and unrolled > rule.last:
            unrolled = rule.last
        begin = cal.previous_business_day(unrolled)
        if begin >= rule.first and (best is None or begin > best[0]):
            best = (begin, rule, None if begin == unrolled else unrolled)
    if best is None:
        first = PREMIUM_PROCESSING[0].first
        raise OutOfRangeError(
            "premium",
            f"False for this start: premium processing for OPT began {first.isoformat()}, "
            "and this plan would need an earlier filing",
            True,
        )
    return best


def _premium_clock(filing: date) -> tuple[date, PremiumRule]:
    """When the premium clock starts for a filing, and the rule it runs under.

    A filing before premium processing began waits, pending, for the first day
    USCIS accepted upgrades of pending cases (2023-03-06).
    """
    start = max(filing, PREMIUM_PROCESSING[0].first)
    rule = next(rule for rule in PREMIUM_PROCESSING if rule.covers(start))
    return start, rule


def _backward(
    setup: _Setup, start: date
) -> tuple[tuple[date, ...], tuple[date | None, ...], PremiumRule | None]:
    count = len(setup.program)
    begins: list[date] = [start] * count
    rolled: list[date | None] = [None] * count
    premium: PremiumRule | None = None
    deadline = start
    for i in range(count - 1, -1, -1):
        amount, business, cal, on_business_day, is_premium = setup.program[i]
        if is_premium:
            begin, premium, rolled[i] = _premium_back(deadline, cal)
        else:
            if amount == 0:
                begin = deadline
            elif business:
                begin = cal.add_business_days(deadline, -amount)
            else:
                begin = deadline - timedelta(days=amount)
            if on_business_day and not cal.is_business_day(begin):
                rolled[i] = begin
                begin = cal.previous_business_day(begin)
        begins[i] = deadline = begin
    return tuple(begins), tuple(rolled), premium


def _earliest_filing(setup: _Setup, start: date) -> tuple[date | None, list[tuple[str, str]]]:
    """The earliest allowed filing, and the rules that set it: (why, source key)
    pairs, the regulation before the school practice."""
    index = setup.filing_index
    step, cal = setup.pathway.steps[index], setup.calendars[index]
    candidates: list[tuple[date, str, str]] = []
    completes = setup.academic_year_completes
    if completes is not None and setup.pathway.authorization is Authorization.OPT:
        opens = _days_before(completes, OPT_EARLIEST_BEFORE_ACADEMIC_YEAR)
        why = (
            f"no earlier than {OPT_EARLIEST_BEFORE_ACADEMIC_YEAR} days before one "
            f"academic year completes ({completes.isoformat()})"
        )
        candidates.append((opens, why, "opt-90-day-rule"))
    if setup.filing_window is not None:
        opens = _back(start, setup.filing_window, cal)
        why = f"no earlier than {setup.filing_window} before the start"
        candidates.append((opens, why, "filing-window-practice"))
    if not candidates:
        return None, []
    latest = max(day for day, _, _ in candidates)
    opens = cal.next_business_day(latest) if step.on_business_day else latest
    return opens, [(why, key) for day, why, key in candidates if day == latest]


def _eligibility(setup: _Setup, start: date) -> list[str]:
    kind = setup.pathway.authorization
    if kind is Authorization.CPT and setup.immediate_cpt:
        return []
    reasons = []
    if setup.terms_completed is not None and setup.terms_completed < _MIN_TERMS:
        reasons.append(
            f"not eligible for {kind.value}: {setup.terms_completed} term(s) completed, and "
            f"{kind.value} needs one full academic year ({_MIN_TERMS} terms)"
        )
    completes = setup.academic_year_completes
    if completes is not None and start < completes:
        reasons.append(
            f"work may not start before one full academic year completes "
            f"({completes.isoformat()}); the start is {start.isoformat()}"
        )
    return reasons


@_checked_options
def plan(
    authorization: Authorization | str,
    start: DateLike | Term,
    *,
    processing: LeadLike | None = None,
    preparation: LeadLike | None = None,
    decision: LeadLike | None = None,
    mailing: LeadLike | None = None,
    recommendation: LeadLike | None = None,
    premium: bool = False,
    filing_window: Lead | int | None = None,
    academic_year_completes: DateLike | None = None,
    terms_completed: int | None = None,
    immediate_cpt: bool = False,
    calendar: Calendar | Mapping[str, Calendar] | None = None,
    confidence: float | None = None,
) -> Plan:
    """Plan *authorization* for a first day of work on *start*.

    Args:
        authorization: ``"CPT"``, ``"OPT"`` or ``"AT"`` (any case), or an
            :class:`~micropath.pathways.Authorization`.
        start: the first day of work: a date, an ISO string, or a
            :class:`~micropath.terms.Term` (its start).
        processing, preparation, decision, mailing, recommendation: override
            a step's lead; an int is calendar days, or use
            :func:`~micropath.days` / :func:`~micropath.business_days`
            (business days of the step's actor). ``mailing`` and
            ``recommendation`` apply to OPT only.
        premium: OPT only: USCIS premium processing, by the rule in force on
            the filing date (30 calendar days from 2023-03-06, 30 USCIS
            business days from 2024-04-01).
        filing_window: file no earlier than this long before the start (a
            school practice for OPT; the regulation has no such limit).
        academic_year_completes: when one full academic year completes: OPT
            may be filed at most 90 days before it, and work may not start
            before it.
        terms_completed: fewer than 2 means not eligible (except CPT with
            *immediate_cpt*).
        immediate_cpt: CPT only: the program requires CPT from the first term.
        calendar: one calendar for every actor, or a mapping from ``"school"``
            / ``"uscis"`` to a calendar (default: :func:`calendars.mit` and
            :func:`calendars.federal`).
        confidence: in (0, 1]: plan every estimate (:func:`~micropath.percentiles`,
            :func:`~micropath.samples`) at the smallest duration covering at least
            this share of cases. Bounds cover every confidence. None plans
            estimates at their highest percentile or largest sample.

    >>> p = plan("CPT", "2027-01-04")  # the winter break takes out Dec 24 - Jan 1
    >>> p.latest_filing, p.latest_offer
    (datetime.date(2026, 12, 10), datetime.date(2026, 11, 20))
    >>> plan("OPT", "2027-01-04").latest_filing  # Jan 4 - 134 days is a Sunday
    datetime.date(2026, 8, 21)
    """
    return _plan_for(
        authorization,
        start,
        (processing, preparation, decision, mailing, recommendation, premium, filing_window,
         academic_year_completes, terms_completed, immediate_cpt, calendar, confidence),
    )  # fmt: skip


def _plan_for(authorization: object, start: object, values: tuple[object, ...]) -> Plan:
    """plan() without the option check (mutation testing skips decorated code)."""
    term = start if isinstance(start, Term) else None
    first_day = term.start if term is not None else to_date(start, "start")
    return _plan(_setup_for(authorization, values), first_day, term)


_FEASIBILITY_HORIZON: Final = 3 * 366
"""How many days past the first start whose latest offer admits an offer
:func:`earliest_start` looks for a feasible plan (windows can stay shut)."""
_LONGEST_PLAUSIBLE_LEAD: Final = 3650
"""No step takes ten years: a longer lead, not the start, is blamed when a plan
runs out of dates."""


def _out_of_span(setup: _Setup, start: date, where: str) -> OutOfRangeError:
    """The error for a plan that runs out of dates, naming the likelier culprit."""
    longest = max(
        zip(setup.leads, setup.pathway.steps, strict=True), key=lambda pair: pair[0].amount
    )
    lead, step = longest
    if lead.amount > _LONGEST_PLAUSIBLE_LEAD:
        return OutOfRangeError(
            step.option, f"a lead that keeps the plan from {start} {where}", str(lead)
        )
    filing_window = setup.filing_window
    if filing_window is not None and filing_window.amount > _LONGEST_PLAUSIBLE_LEAD:
        return OutOfRangeError(
            "filing_window",
            f"a window that keeps the plan from {start} {where}",
            str(filing_window),
        )
    return OutOfRangeError("start", f"a date whose plan stays {where}", start)


def _plan(setup: _Setup, start: date, term: Term | None) -> Plan:
    try:
        begins, rolled, premium = _backward(setup, start)
        earliest, _ = _earliest_filing(setup, start)
    except OutOfRangeError as error:
        if error.parameter == "premium":
            raise
        raise _out_of_span(setup, start, f"within the calendars' span ({error.expected})") from None
    except OverflowError:
        raise _out_of_span(setup, start, f"after {date.min}") from None
    latest_filing = begins[setup.filing_index]
    reasons = _eligibility(setup, start)
    if earliest is not None and earliest > latest_filing:
        reasons.append(
            f"the filing window opens {earliest.isoformat()}, after the latest safe filing "
            f"{latest_filing.isoformat()}"
        )
    return Plan(
        authorization=setup.pathway.authorization,
        start=start,
        latest_offer=begins[0],
        latest_filing=latest_filing,
        earliest_filing=earliest,
        reasons=tuple(reasons),
        term=term,
        confidence=None if setup.confidence is None else float(setup.confidence),
        setup=setup,
        begins=begins,
        rolled=rolled,
        premium=premium,
    )


# -- derived views of a plan ----------------------------------------------------


def _milestones(p: Plan) -> tuple[Milestone, ...]:
    setup = p._setup
    steps = setup.pathway.steps
    out = []
    for i, step in enumerate(steps):
        lead, source = setup.leads[i], SOURCES[step.source]
        if step.option in setup.given:
            source = SOURCES["given"]
        if p._premium is not None and step.option == "processing":
            lead, source = p._premium.lead, SOURCES[p._premium.source]
        deadline = p._begins[i + 1] if i + 1 < len(steps) else p.start
        out.append(
            Milestone(
                name=step.begins,
                label=step.label,
                date=p._begins[i],
                actor=step.by,
                rule=step.rule,
                source=source,
                lead=lead,
                deadline=deadline,
                calendar=setup.calendars[i],
                rolled_from=p._rolled[i],
                confidence=p.confidence,
            )
        )
    out.append(Milestone(setup.pathway.ends, setup.pathway.ends_label, p.start, steps[-1].actor))
    out.append(Milestone("start", "First day of work", p.start, "employer"))
    return tuple(out)


def _windows(p: Plan) -> tuple[Window, ...]:
    setup = p._setup
    earliest, binding = _earliest_filing(setup, p.start)
    if binding:
        rule = "; ".join(why for why, _ in binding)
        source: Source | None = SOURCES[binding[0][1]]
    else:
        rule, source = "no earlier limit applies", None
    windows = [Window("filing", earliest, p.latest_filing, rule, source)]
    if setup.pathway.authorization is Authorization.OPT:
        opens = None
        if earliest is not None:
            opens = _days_before(earliest, OPT_RECOMMENDATION_VALID_DAYS)
        windows.append(
            Window(
                "recommendation",
                opens,
                p.latest_filing,
                f"USCIS must receive the I-765 within {OPT_RECOMMENDATION_VALID_DAYS} days of "
                "the SEVIS recommendation, so the recommendation may not come too early",
                SOURCES["opt-30-day-rule"],
            )
        )
    return tuple(windows)


def _notices(p: Plan) -> tuple[str, ...]:
    found = []
    school = p._setup.school
    covers = school.covers
    # A start outside the school calendar's span: that calendar does not know the day.
    if covers is None or covers[0] <= p.start <= covers[1]:
        reason = school.why_closed(p.start)
        if reason is not None:
            found.append(
                f"the first day of work, {p.start.isoformat()}, is a closed day for "
                f"the school: {reason}"
            )
    if p.confidence is not None and all(
        isinstance(estimate, Lead) for estimate in p._setup.estimates
    ):
        found.append(
            f"confidence {p.confidence:g} changes nothing here: every lead is a bound; "
            "give processing=percentiles(...) or samples(...) to plan at a confidence"
        )
    return tuple(found)


def _processing_index(setup: _Setup) -> int:
    return next(i for i, s in enumerate(setup.pathway.steps) if s.option == "processing")


def _on_time_probability(p: Plan, filing: date) -> float:
    setup = p._setup
    index = _processing_index(setup)
    step, cal = setup.pathway.steps[index], setup.calendars[index]
    deadline = p._begins[index + 1] if index + 1 < len(p._begins) else p.start
    try:
        begin = cal.next_business_day(filing) if step.on_business_day else filing
    except OutOfRangeError as error:
        raise OutOfRangeError("filing", error.expected, filing) from None
    if begin > deadline:  # filed after processing had to be done
        return 0.0
    if setup.premium:
        begin, rule = _premium_clock(begin)
        if begin > deadline:
            return 0.0
        estimate: Lead | Estimate = rule.lead
    else:
        estimate = setup.estimates[index]
    if estimate.unit is Unit.BUSINESS_DAYS:
        try:
            available = cal.business_days_between(begin, deadline)
        except OutOfRangeError as error:  # a filing before the calendar's span
            raise OutOfRangeError("filing", error.expected, filing) from None
    else:
        available = (deadline - begin).days
    return probability(estimate, available)


def _costs(p: Plan) -> tuple[Cost, ...]:
    if p.authorization is not Authorization.OPT:
        return ()
    costs = []
    kinds: list[tuple[FeeKind, str]] = [("i765", "")]
    if p._premium is not None:
        kinds.append(("premium", f"buys processing in {p._premium.lead}"))
    for kind, note in kinds:
        fee = fee_on(kind, p.latest_filing)
        if fee is None:
            continue
        if fee.online_amount is not None:
            note = f"${fee.online_amount:,} if filed online"
        costs.append(Cost(fee.name, fee.amount, fee.effective, fee.citation, note))
    return tuple(costs)


def _forward(p: Plan, offer: date) -> Verdict:
    """Run the chain forwards from *offer*, each step taking its planned lead."""
    setup = p._setup
    steps = setup.pathway.steps
    earliest = p.earliest_filing
    expected: list[tuple[str, date]] = []
    reasons = list(p.reasons)
    usable = offer
    in_hand: date | None = None
    try:
        for i, step in enumerate(steps):
            cal, lead = setup.calendars[i], setup.leads[i]
            begin = usable
            if step.begins == setup.pathway.filing and earliest is not None:
                begin = max(begin, earliest)
            if step.on_business_day:
                begin = cal.next_business_day(begin)
            if step.option == "recommendation" and earliest is not None:
                # The recommendation must be no more than 30 days old at filing.
                oldest = _days_before(earliest, OPT_RECOMMENDATION_VALID_DAYS)
                if _ahead(begin, lead, cal) < oldest:
                    begin = _back(earliest, lead, cal)
            clock = begin  # when the step's time starts to run
            if setup.premium and step.option == "processing":
                clock, rule = _premium_clock(begin)
                lead = rule.lead
            expected.append((step.begins, begin))
            usable = _ahead(clock, lead, cal)
        in_hand = usable
        expected.append((setup.pathway.ends, usable))
    except (OutOfRangeError, OverflowError):
        reasons.append("the forward pass leaves the calendars' span")
    on_time = not p.reasons and offer <= p.latest_offer
    return Verdict(
        offer=offer,
        latest_offer=p.latest_offer,
        on_time=on_time,
        slack=(p.latest_offer - offer).days,
        in_hand=in_hand,
        expected=tuple(expected),
        reasons=tuple(reasons),
    )


@_checked_options
def earliest_start(
    authorization: Authorization | str,
    offer: DateLike,
    *,
    processing: LeadLike | None = None,
    preparation: LeadLike | None = None,
    decision: LeadLike | None = None,
    mailing: LeadLike | None = None,
    recommendation: LeadLike | None = None,
    premium: bool = False,
    filing_window: Lead | int | None = None,
    academic_year_completes: DateLike | None = None,
    terms_completed: int | None = None,
    immediate_cpt: bool = False,
    calendar: Calendar | Mapping[str, Calendar] | None = None,
    confidence: float | None = None,
) -> date | None:
    """The earliest first day of work whose plan admits an offer on *offer*.

    That is the smallest S with ``plan(S).latest_offer >= offer`` and a
    feasible plan. None if no start admits it: an ineligible student, or a
    filing window that stays shut (shorter than processing) for three years
    past the first start whose latest offer admits the offer. Takes
    :func:`plan`'s options.

    >>> earliest_start("CPT", "2026-10-26")  # any calendar day, even Thanksgiving
    datetime.date(2026, 11, 26)
    """
    return _earliest_start(
        authorization,
        offer,
        (processing, preparation, decision, mailing, recommendation, premium, filing_window,
         academic_year_completes, terms_completed, immediate_cpt, calendar, confidence),
    )  # fmt: skip


def _earliest_start(
    authorization: object, offer: object, values: tuple[object, ...]
) -> date | None:
    """earliest_start() without the option check (mutation testing skips decorated code)."""
    offer_day = to_date(offer, "offer")
    setup = _setup_for(authorization, values)
    if setup.terms_completed is not None and _eligibility(setup, date.max):
        return None

    completes = setup.academic_year_completes
    if completes is not None and not (setup.immediate_cpt and offer_day < completes):
        offer_day_or_completes = max(offer_day, completes)
    else:
        offer_day_or_completes = offer_day

    last = min(
        (cal.covers[1] for cal in setup.calendars if cal.covers is not None), default=date.max
    )
    if offer_day_or_completes > last:
        raise OutOfRangeError(
            "offer", f"a date on or before {last}, the calendars' last day", offer
        )

    def admits(day: date) -> Plan | None:
        """The plan for a start on *day* if it admits the offer."""
        try:
            candidate = _plan(setup, day, None)
        except OutOfRangeError as error:
            if error.parameter in ("start", "premium"):  # a start too early to plan
                return None
            raise
        return candidate if candidate.latest_offer >= offer_day else None

    # latest_offer never decreases as the start moves later: double, then halve.
    low, width = offer_day_or_completes, 1
    high = min(_shift(low, width), last)
    while admits(high) is None:
        if high == last:
            raise OutOfRangeError(
                "offer", f"a date that some start on or before {last} admits", offer
            )
        low, width = high, width * 2
        high = min(_shift(offer_day_or_completes, width), last)
    while (high - low).days > 1:
        middle = low + (high - low) // 2
        if admits(middle) is None:
            low = middle
        else:
            high = middle
    if admits(low) is not None:
        high = low
    # Feasibility is not monotone (holidays move both ends of a filing window).
    day = high
    for _ in range(_FEASIBILITY_HORIZON):
        candidate = admits(day)
        if candidate is not None and candidate.feasible:
            return day
        if day >= last:
            break
        day += _ONE_DAY
    return None


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise OutOfRangeError(
            "offer", f"a date that leaves room for a plan before {date.max}", day
        ) from None
