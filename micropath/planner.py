"""The planner: latest safe offer and filing dates, by a backward pass.

Starting from the first day of work, each step of the pathway is walked
backwards: a step of *n* calendar days that must be done by *Y* begins no
later than ``Y - n``; one of *n* business days no later than the n-th
business day of its actor strictly before *Y*; a begin that is a paper
receipt rolls back to the actor's previous business day (an online filing is
received on any day). "Latest safe" means that beginning on that date, with
every step taking its stated lead, still has authorization in hand on day
one, and beginning one business day later does not.

The rules of the pathway and of the school (:mod:`micropath.pathways.rules`)
are applied in a loop: filing windows, eligibility, start limits, validity,
premium processing and fees. The planner never asks which authorization it
plans, and never writes a sentence: what it finds are
:class:`~micropath.findings.Finding` values.

:meth:`Plan.check` runs the chain forwards from an offer date and reports
whether it is on time and by how much.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import inspect
import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final, NamedTuple, ParamSpec, TypeVar

import attrs

from micropath import calendars
from micropath._convert import DateLike, to_date
from micropath.advisories import in_force
from micropath.calendar import Calendar, ClosedDay
from micropath.errors import (
    InvalidTypeError,
    InvalidValueError,
    OutOfRangeError,
    PremiumUnavailableError,
    StartOutOfSpanError,
)
from micropath.estimates import Estimate, LeadLike, probability, resolve, to_confidence
from micropath.fees import Cost, fee_on
from micropath.findings import Finding, _trusted
from micropath.leads import Lead, Unit
from micropath.options import NAMES, FilingMethod, PlanOptions
from micropath.pathways import (
    PATHWAYS,
    Actor,
    Authorization,
    FilingWindow,
    MinimumTerms,
    Pathway,
    PremiumRule,
    RecommendationValidity,
    Role,
    Rule,
    StartLimit,
    select,
)
from micropath.sources import SOURCES, Source
from micropath.terms import Term

if TYPE_CHECKING:
    from micropath.schools import School

__all__ = ["Milestone", "Plan", "Verdict", "Window", "plan"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_ONE_DAY: Final = timedelta(days=1)


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
        role: the role of the step that begins here (None for the ends).
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
    role: Role | None = None

    @property
    def stepped_over(self) -> tuple[ClosedDay, ...]:
        """The closed days the step skipped: those inside a business-day step,
        and those a roll back to a business day passed over."""
        if self.calendar is None or self.deadline is None or self.lead is None:
            return ()
        days: dict[date, ClosedDay] = {}
        if self.lead.business and self.deadline > self.date:
            inside = self.calendar._closed_days(self.date, self.deadline - _ONE_DAY)
            days.update((d.date, d) for d in inside)
        if self.rolled_from is not None:
            rolled = self.calendar._closed_days(self.date + _ONE_DAY, self.rolled_from)
            days.update((d.date, d) for d in rolled)
        return tuple(days.values())  # in date order: the second range starts inside the first


@attrs.frozen
class Window:
    """An inclusive span in which something must happen.

    Attributes:
        name: ``filing`` or ``recommendation``.
        opens: the first day allowed; None means no earlier limit.
        closes: the last day allowed.
        rules: the rules that set the limits (the ones that bind ``opens``).
        source: the source of the rule that sets the window. For the
            filing window, the rule that sets ``opens`` (the regulation's when
            two limits open on the same day), and None when no earlier limit
            applies; for the recommendation window, its validity rule.
    """

    name: str
    opens: date | None
    closes: date
    rules: tuple[Rule, ...]
    source: Source | None
    anchors: tuple[tuple[str, date], ...] = ()
    """The anchor dates the rules count from (``("program_end", date)``)."""

    @property
    def rule(self) -> str:
        """The rules that set the limits, in words (rendered by :mod:`micropath.views.text`)."""
        from micropath.views.text import window_rule

        return window_rule(self)

    def contains(self, day: DateLike) -> bool:
        """True if *day* lies inside the window.

        >>> Window("filing", None, date(2026, 8, 21), (), None).contains(date(2026, 8, 24))
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
        reasons: the plan's reasons, and a forward pass that left the
            calendars' span, as findings.
    """

    offer: date
    latest_offer: date
    on_time: bool
    slack: int
    in_hand: date | None
    expected: tuple[tuple[str, date], ...]
    reasons: tuple[Finding, ...] = ()


@attrs.frozen(eq=False)
class _Setup:
    """Resolved plan inputs for one pathway, shared by the backward and the forward pass."""

    pathway: Pathway
    options: PlanOptions
    school: School
    leads: tuple[Lead, ...]
    estimates: tuple[Lead | Estimate, ...]  # as given, before resolving at the confidence
    sources: tuple[Source, ...]  # per step: the caller's, the school's or the pathway's
    plan_confidence: float | None  # the confidence as a Plan gives it
    calendars: tuple[Calendar, ...]  # one per step, the step's actor's calendar
    school_calendar: Calendar  # for findings about the first day of work
    rules: tuple[Rule, ...]  # the pathway's and the school's, waivers applied
    windows: tuple[FilingWindow, ...]  # the filing-window rules among them
    fixed_limits: bool  # no window counts from the start
    start_limits: tuple[_StartBound, ...]  # the start-limit rules whose anchor is given
    ineligible: tuple[Finding, ...]  # what no start changes (too few terms)
    premium: tuple[PremiumRule, ...]  # the premium rules when premium is planned, else ()
    premium_shifts: tuple[int | timedelta, ...]  # per premium rule, as in `program`
    filing_index: int
    program: tuple[tuple[int | timedelta, Calendar, bool], ...]
    """Per step, for the backward pass: how far back it begins (minus its business
    days, an int, or its calendar days, a timedelta), its actor's calendar, and
    whether its begin rolls back to a business day."""
    limits: dict[None, _Limits] = attrs.field(factory=dict)
    """The filing limits, once computed, when they do not depend on the start."""

    def anchor(self, name: str, start: date) -> date | None:
        """The date an anchor names: the start, or a plan option."""
        if name == "start":
            return start
        value: date | None = getattr(self.options, name)
        return value


# -- the plan -----------------------------------------------------------------


@attrs.frozen(repr=False)
class Plan:
    """The latest safe dates for one authorization and first day of work.

    Build it with :func:`plan`. Dates are computed eagerly; the milestone
    objects are built on demand, and text only by the views.
    """

    authorization: Authorization
    category: str
    """The authorization category planned: ``"(c)(3)(A)"``, ``"(c)(3)(B)"``, or ``""``."""
    start: date
    latest_offer: date
    latest_filing: date
    earliest_filing: date | None
    reasons: tuple[Finding, ...]
    """Why the plan is not feasible (empty when it is), as findings."""
    term: Term | None = attrs.field(eq=False)
    confidence: float | None
    """The confidence the plan was made at, or None."""
    _setup: _Setup = attrs.field(eq=False, repr=False)
    _begins: tuple[date, ...] = attrs.field(repr=False)
    _rolled: tuple[date | None, ...] = attrs.field(repr=False)
    _premium: PremiumRule | None = attrs.field(repr=False)
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __repr__(self) -> str:
        category = f" {self.category}" if self.category else ""
        return (
            f"Plan({self.authorization.value}{category}, start={self.start.isoformat()}, "
            f"latest_offer={self.latest_offer.isoformat()}, "
            f"latest_filing={self.latest_filing.isoformat()}, feasible={self.feasible})"
        )

    @property
    def pathway(self) -> Pathway:
        """The pathway planned: its steps and rules."""
        return self._setup.pathway

    @property
    def options(self) -> PlanOptions:
        """The options the plan was made with."""
        return self._setup.options

    @property
    def school(self) -> School:
        """The school whose calendar, practices and terms the plan used."""
        return self._setup.school

    @property
    def school_calendar(self) -> Calendar:
        """The calendar of the school's offices used by the plan (the school's,
        or the one ``calendar=`` gave the school)."""
        return self._setup.school_calendar

    @property
    def filing(self) -> FilingMethod:
        """How the filing is made: ``"online"`` or ``"paper"``."""
        return self._setup.options.filing

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules that applied: the pathway's and the school's (waivers
        applied), the premium rule used, and the fees charged."""
        used: tuple[Rule, ...] = () if self._premium is None else (self._premium,)
        charged = tuple(
            charge
            for charge in self._setup.pathway.charges
            if self._premium is not None or not charge.premium_only
        )
        return (*self._setup.rules, *used, *charged)

    def not_checked(self, rule: Rule) -> str | None:
        """The plan option whose absence left *rule* (one of :attr:`rules`) unchecked,
        or None if it was checked: ``terms_completed`` for an eligibility rule, or the
        option a start limit or filing window counts from (``program_end``,
        ``academic_year_completes``).

        >>> p = plan("CPT", "2027-01-04", terms_completed=2)
        >>> [p.not_checked(rule) for rule in p.rules]
        [None, 'academic_year_completes']
        """
        if isinstance(rule, MinimumTerms):
            return "terms_completed" if self._setup.options.terms_completed is None else None
        if (
            isinstance(rule, StartLimit | FilingWindow)
            and self._setup.anchor(rule.anchor, self.start) is None
        ):
            return rule.anchor
        return None

    def source(self, key: str) -> Source:
        """The source a rule's key names (the school's own, else micropath's)."""
        return self._setup.school.source(key)

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
        """The filing window, and one window per validity rule (OPT's 30-day
        recommendation rule)."""
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

        Only the step begun by the filing is uncertain here: a bound (a plain
        lead) is certain, an estimate gives its share of cases done in time. It
        never decreases as the filing moves earlier, and at ``latest_filing`` it
        is at least the planned confidence. The filing window is not checked
        (see :attr:`windows`).

        >>> import micropath as mp
        >>> p = mp.plan("OPT", "2027-01-04", confidence=0.8,
        ...             processing=mp.percentiles({50: 75, 80: 100, 95: 130}))
        >>> p.latest_filing  # Dec 21 - 100 days is Saturday Sep 12: received online
        datetime.date(2026, 9, 12)
        >>> p.on_time_probability(p.latest_filing), p.on_time_probability("2026-09-14")
        (0.8, 0.776)
        """
        return _on_time_probability(self, to_date(filing, "filing"))

    @property
    def notices(self) -> tuple[Finding, ...]:
        """Findings worth a second look that do not make the plan infeasible: a
        first day of work on a day the school is closed, a confidence that has
        no estimate to act on, and, given ``today``, the deadlines already passed
        then and the policy advisories in force then (severity ``advisory``).

        >>> plan("OPT", "2027-01-04", confidence=0.95).notices[0].code
        'confidence-unused'
        """
        setup = self._setup
        found = []
        school = setup.school_calendar
        covers = school.covers
        # A start outside the school calendar's span: that calendar does not know the day.
        if covers is None or covers[0] <= self.start <= covers[1]:
            reason = school.why_closed(self.start)
            if reason is not None:
                found.append(
                    Finding("start-closed", "notice", {"start": self.start, "closed": reason})
                )
        found.extend(_closed_begins(self))
        if self.confidence is not None and all(
            isinstance(estimate, Lead) for estimate in setup.estimates
        ):
            found.append(Finding("confidence-unused", "notice", {"confidence": self.confidence}))
        today = setup.options.today
        if today is not None:
            for name, day in (("offer", self.latest_offer), ("filing", self.latest_filing)):
                if today > day:
                    found.append(
                        Finding(
                            "deadline-passed",
                            "notice",
                            {"milestone": name, "date": day, "today": today},
                        )
                    )
            found.extend(_advisories(self, today))
        return tuple(found)

    @property
    def costs(self) -> tuple[Cost, ...]:
        """Government fees in force on the latest filing date, by the filing
        method (none for CPT and AT)."""
        return _costs(self)

    def explain(self) -> str:
        """Plain text: every date in ISO form, and the reason for it."""
        from micropath.views.text import explain

        return explain(self)

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON types only (dates as ISO strings); see ``docs/schema.md``."""
        from micropath.views.text import to_dict

        return to_dict(self)

    def to_ics(
        self,
        *,
        student: str | None = None,
        reminders: tuple[int, ...] | list[int] = (7, 1),
        internship: Term | None = None,
        check_ins: str | Iterable[DateLike] | None = None,
        stamp: datetime.datetime | None = None,
    ) -> bytes:
        """An iCalendar file of the deadlines (needs the ``ics`` extra), titled and
        identified by *student* (an id or a name) when given, stamped with the
        export time unless *stamp* is given; see :func:`micropath.views.ics.to_ics`."""
        from micropath.views.ics import to_ics

        return to_ics(
            self,
            student=student,
            reminders=reminders,
            internship=internship,
            check_ins=check_ins,
            stamp=stamp,
        )

    def _repr_html_(self) -> str:
        """A compact HTML table, for notebooks."""
        from micropath.views.html import plan_html

        return plan_html(self)


# -- options ------------------------------------------------------------------


def _checked_options(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Reject unknown keyword options with a MicropathError that lists the valid ones."""
    params = inspect.signature(func).parameters
    known = frozenset(n for n, p in params.items() if p.kind is p.KEYWORD_ONLY)
    names = frozenset(params)

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if kwargs.get("options") is not None:  # options= replaces every keyword option
            given = sorted(known.intersection(kwargs) - {"options"})
            if given:
                raise InvalidValueError(
                    given[0],
                    f"left out when options= is given (set it in the PlanOptions: {given[0]}=...)",
                    kwargs[given[0]],
                )
        try:
            return func(*args, **kwargs)
        except TypeError:  # Python's, for an unknown keyword: looked at only on error
            if names.issuperset(kwargs):
                raise
        name = sorted(kwargs.keys() - names)[0]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InvalidTypeError(
            "options", f"keyword options among {', '.join(sorted(known))}{hint}", name
        )

    return wrapper


@attrs.frozen(eq=False)
class _Prepared:
    """One authorization under one PlanOptions: a setup per category, chosen by start."""

    setups: tuple[_Setup, ...]
    breaks: tuple[date, ...]
    """The anchor dates the categories' choice turns on, ascending."""
    chosen: tuple[_Setup, ...]
    """The setup chosen for a start on or before each break, then after the last."""

    def setup(self, start: date) -> _Setup:
        """The setup of the category that :func:`~micropath.pathways.select` chooses."""
        return self.chosen[bisect_left(self.breaks, start)]


def _options_from(scope: Mapping[str, object]) -> PlanOptions:
    """The PlanOptions of :func:`plan`'s keywords, or the ``options`` given instead (the
    keywords are then all left out: :func:`_checked_options` refuses any given
    beside it)."""
    base = scope["options"]
    if base is None:
        given = {name: scope[name] for name in NAMES if scope[name] is not _DEFAULTS[name]}
        return PlanOptions(**given)  # type: ignore[arg-type]  # validated by PlanOptions
    if not isinstance(base, PlanOptions):
        raise InvalidTypeError("options", "a micropath PlanOptions", base)
    return base


def _prepared(authorization: object, scope: Mapping[str, object]) -> _Prepared:
    """The prepared setups of a function that takes :func:`plan`'s keywords, from its
    scope (``locals()``)."""
    return _prepared_values(authorization, *_KEYWORD_VALUES(scope))


def _prepared_values(authorization: object, *values: object) -> _Prepared:
    """The prepared setups, memoized: plan inputs are immutable, and advisors'
    lists repeat them. *values* are :func:`plan`'s keywords, in field order, then
    ``options``. The cache is typed, so ``premium=1`` is not mistaken for
    ``premium=True``."""
    try:
        return _cached_prepared(authorization, *values)
    except TypeError:  # an unhashable value, such as a dict of calendars
        return _prepare(authorization, _options_from(dict(zip(_KEYWORDS, values, strict=True))))


_KEYWORDS: Final = (*NAMES, "options")
""":func:`plan`'s keywords: the fields of :class:`PlanOptions` in order, then ``options``."""
_KEYWORD_VALUES: Final = operator.itemgetter(*_KEYWORDS)
"""The keyword values of a scope, in the order of :data:`_KEYWORDS`."""


@functools.lru_cache(maxsize=1024, typed=True)
def _cached_prepared(authorization: object, *values: object) -> _Prepared:
    return _prepare(authorization, _options_from(dict(zip(_KEYWORDS, values, strict=True))))


def _prepare(authorization: object, options: PlanOptions) -> _Prepared:
    kind = Authorization.parse(authorization)
    setups = tuple(_setup(path, options) for path in PATHWAYS[kind])
    anchors = {
        "program_end": options.program_end,
        "academic_year_completes": options.academic_year_completes,
    }
    # select() asks only whether the start falls after an anchor date, so its
    # choice is the same between two such dates: choose once per interval.
    breaks = sorted(
        {
            day
            for path in PATHWAYS[kind]
            if path.applies is not None and (day := anchors.get(path.applies.anchor)) is not None
        }
    )
    samples = [*breaks]
    if not breaks or breaks[-1] < date.max:
        samples.append(breaks[-1] + _ONE_DAY if breaks else date.min)
    by_pathway = {id(setup.pathway): setup for setup in setups}
    chosen = tuple(by_pathway[id(select(kind, day, anchors))] for day in samples)
    return _Prepared(setups, tuple(breaks), chosen)


def _school_of(options: PlanOptions) -> School:
    if options.school is not None:
        return options.school
    from micropath.schools import mit

    return mit()


def _actor_calendars(options: PlanOptions, school: School) -> dict[Actor, Calendar]:
    chosen: dict[Actor, Calendar] = {"school": school.calendar, "uscis": calendars.federal()}
    given = options.calendar
    if isinstance(given, Calendar):
        return dict.fromkeys(chosen, given)
    if given is not None:
        chosen.update(given)
    return chosen


def _offered_by(test: Callable[[Pathway], bool]) -> str:
    """The authorizations some pathway of which passes *test*, for messages."""
    kinds = [kind.value for kind, paths in PATHWAYS.items() if any(map(test, paths))]
    return ", ".join(kinds) if kinds else "no authorization"


def _has_role(role: Role) -> Callable[[Pathway], bool]:
    return lambda path: role in path.roles


def _waives(flag: str) -> Callable[[Pathway], bool]:
    return lambda path: any(getattr(rule, "waived_by", None) == flag for rule in path.rules)


def _setup(path: Pathway, options: PlanOptions) -> _Setup:
    kind = path.authorization.value
    for role in Role:
        value = getattr(options, role.value)
        if value is not None and role not in path.roles:
            applies = _offered_by(_has_role(role))
            raise InvalidValueError(
                role.value, f"None for {kind} ({role.value} applies to {applies} only)", value
            )
    if options.premium and not path.premium:
        offered = _offered_by(lambda path: bool(path.premium))
        raise InvalidValueError(
            "premium",
            f"False for {kind} (premium processing exists only for {offered})",
            options.premium,
        )
    school = _school_of(options)
    school_rules = tuple(rule for k, rule in school.eligibility if k is path.authorization)
    window: tuple[Rule, ...] = ()
    if options.filing_window is not None:
        window = (
            FilingWindow(
                "start", options.filing_window, None, "filing-window-practice", "practice"
            ),
        )
    elif school.filing_window is not None:
        window = (school.filing_window,)
    candidates = (*path.rules, *school_rules, *window)
    waivable = {
        rule.waived_by
        for rule in candidates
        if isinstance(rule, (FilingWindow, MinimumTerms, StartLimit)) and rule.waived_by
    }
    for flag in ("immediate_cpt",):
        if getattr(options, flag) and flag not in waivable:
            offered = _offered_by(_waives(flag))
            raise InvalidValueError(flag, f"False for {kind} (it is a {offered} exception)", True)
    rules = tuple(
        rule
        for rule in candidates
        if not (
            isinstance(rule, (FilingWindow, MinimumTerms, StartLimit))
            and rule.waived_by is not None
            and getattr(options, rule.waived_by)
        )
    )
    cals = _actor_calendars(options, school)
    level = None if options.confidence is None else to_confidence(options.confidence)
    practices = {
        practice.role: practice
        for practice in school.leads
        if practice.authorization is path.authorization
    }
    given: list[Lead | Estimate] = []
    sources: list[Source] = []
    for step in path.steps:
        value = getattr(options, step.option)
        practice = practices.get(step.role)
        if value is not None:
            given.append(value)
            sources.append(SOURCES["given"])
        elif practice is not None:
            given.append(practice.lead)
            sources.append(school.source(practice.source))
        else:
            given.append(step.lead)
            sources.append(school.source(step.source))
    step_leads = tuple(
        resolve(value, level, step.option) for value, step in zip(given, path.steps, strict=True)
    )
    paper = options.filing == "paper"
    return _Setup(
        pathway=path,
        options=options,
        school=school,
        leads=step_leads,
        estimates=tuple(given),
        sources=tuple(sources),
        plan_confidence=None if level is None else float(level),
        calendars=tuple(cals[step.actor] for step in path.steps),
        school_calendar=cals["school"],
        rules=rules,
        windows=tuple(rule for rule in rules if isinstance(rule, FilingWindow)),
        fixed_limits=all(
            rule.anchor != "start" for rule in rules if isinstance(rule, FilingWindow)
        ),
        start_limits=tuple(
            _start_bound(rule, anchor, school)
            for rule in rules
            if isinstance(rule, StartLimit)
            and (anchor := getattr(options, rule.anchor)) is not None
        ),
        ineligible=_terms_findings(rules, options, path, school),
        premium=path.premium if options.premium else (),
        premium_shifts=tuple(_shift(rule.lead) for rule in path.premium) if options.premium else (),
        filing_index=next(i for i, s in enumerate(path.steps) if s.begins == path.filing),
        program=tuple(
            (_shift(lead), cals[step.actor], step.receipt and paper)
            for lead, step in zip(step_leads, path.steps, strict=True)
        ),
    )


# -- the passes -----------------------------------------------------------------

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
    filing_window = setup.options.filing_window
    if filing_window is not None and filing_window.amount > _LONGEST_PLAUSIBLE_LEAD:
        return OutOfRangeError(
            "filing_window",
            f"a window that keeps the plan from {start} {where}",
            str(filing_window),
        )
    return StartOutOfSpanError("start", f"a date whose plan stays {where}", start)


def _plan(setup: _Setup, start: date, term: Term | None) -> Plan:
    try:
        limits = _filing_limits(setup, start)
        begins, rolled, premium = _backward(setup, start, limits.closes)
    except PremiumUnavailableError:
        raise
    except OutOfRangeError as error:
        raise _out_of_span(setup, start, f"within the calendars' span ({error.expected})") from None
    except OverflowError:
        raise _out_of_span(setup, start, f"after {date.min}") from None
    latest_filing = begins[setup.filing_index]
    reasons = _reasons(setup, start)
    if limits.opens is not None and limits.opens > latest_filing:
        reasons = (
            *reasons,
            _trusted(
                "window-opens-late",
                "reason",
                (("opens", limits.opens), ("latest_filing", latest_filing)),
                setup.school.source(limits.binding[0].source),
            ),
        )
    # Positional, in field order (authorization, category, start, latest_offer,
    # latest_filing, earliest_filing, reasons, term, confidence, setup, begins,
    # rolled, premium): one plan per call, on the hot path.
    return Plan(
        setup.pathway.authorization,
        setup.pathway.category,
        start,
        begins[0],
        latest_filing,
        limits.opens,
        reasons,
        term,
        setup.plan_confidence,
        setup,
        begins,
        rolled,
        premium,
    )


@attrs.frozen
class _Limits:
    """The filing window of one plan: when it opens and closes, and which rules bind."""

    opens: date | None
    closes: date | None
    binding: tuple[FilingWindow, ...]  # the rules that set `opens`
    anchors: tuple[tuple[str, date], ...]


def _filing_limits(setup: _Setup, start: date) -> _Limits:
    """The earliest and latest allowed filing, and the rules that set the earliest
    (the pathway's regulation before a school's practice)."""
    if not setup.windows:
        return _NO_LIMITS
    if setup.fixed_limits:  # no window counts from the start: the same for every start
        cached: _Limits | None = setup.limits.get(None)
        if cached is None:
            cached = setup.limits[None] = _compute_limits(setup, start)
        return cached
    return _compute_limits(setup, start)


def _compute_limits(setup: _Setup, start: date) -> _Limits:
    cal = setup.calendars[setup.filing_index]
    opening: list[tuple[date, FilingWindow]] = []
    closes: date | None = None
    anchors: dict[str, date] = {}
    for rule in setup.windows:
        anchor = setup.anchor(rule.anchor, start)
        if anchor is None:
            continue
        anchors[rule.anchor] = anchor
        if rule.opens_before is not None:
            opening.append((_before(anchor, rule.opens_before, cal), rule))
        if rule.closes_after is not None:
            last = _after(anchor, rule.closes_after, cal)
            closes = last if closes is None else min(closes, last)
    if not opening:
        return _Limits(None, closes, (), tuple(anchors.items()))
    latest = max(day for day, _ in opening)
    opens = cal.next_business_day(latest) if setup.program[setup.filing_index][2] else latest
    binding = tuple(rule for day, rule in opening if day == latest)
    return _Limits(opens, closes, binding, tuple(anchors.items()))


_NO_LIMITS: Final = _Limits(None, None, (), ())


def _before(anchor: date, lead: Lead, cal: Calendar) -> date:
    """*lead* before *anchor*, for a limit such as "no earlier than": calendar days
    before date.min are no limit (date.min); business days count on *cal*."""
    if lead.business:
        return _back(anchor, lead, cal)
    return _days_before(anchor, lead.amount)


def _after(anchor: date, lead: Lead, cal: Calendar) -> date:
    """*lead* after *anchor*, for a limit such as "no later than": past date.max
    is no limit (date.max)."""
    if lead.business:
        return cal.add_business_days(anchor, lead.amount)
    return anchor + timedelta(days=min(lead.amount, (date.max - anchor).days))


def _terms_findings(
    rules: tuple[Rule, ...], options: PlanOptions, path: Pathway, school: School
) -> tuple[Finding, ...]:
    """The eligibility findings that no start changes: too few completed terms."""
    terms = options.terms_completed
    if terms is None:
        return ()
    return tuple(
        Finding(
            "not-eligible-terms",
            "reason",
            {
                "authorization": path.authorization.value,
                "terms_completed": terms,
                "terms_required": rule.terms,
                "kind": rule.kind,
                "school": school.label,
            },
            school.source(rule.source),
        )
        for rule in rules
        if isinstance(rule, MinimumTerms) and terms < rule.terms
    )


class _StartBound(NamedTuple):
    """A start-limit rule whose anchor is given: the first and last start it allows,
    and its findings' parameters (all but the start)."""

    anchor: date
    earliest: date | None  # None: no earliest start
    latest: date | None  # None: no latest start
    early: tuple[tuple[str, object], ...]  # a start-too-early finding's, but the start
    late: tuple[tuple[str, object], ...]  # a start-too-late finding's, but the start
    source: Source


def _start_bound(rule: StartLimit, anchor: date, school: School) -> _StartBound:
    """The first and last start *rule* allows from *anchor*. A latest start past
    ``date.max`` is no limit; an earliest one is an error naming the anchor."""
    earliest = latest = None
    room = (date.max - anchor).days
    if rule.earliest_after is not None:
        if rule.earliest_after > room:
            raise OutOfRangeError(
                rule.anchor,
                f"a date at least {rule.earliest_after} days before {date.max}",
                anchor,
            )
        earliest = anchor + timedelta(days=rule.earliest_after)
    if rule.latest_after is not None:
        latest = anchor + timedelta(days=min(rule.latest_after, room))
    early = (("anchor", rule.anchor), ("earliest", earliest))
    late = (
        ("anchor", rule.anchor),
        ("anchor_date", anchor),
        ("days", rule.latest_after),
        ("latest", latest),
    )
    return _StartBound(anchor, earliest, latest, early, late, school.source(rule.source))


def _reasons(setup: _Setup, start: date) -> tuple[Finding, ...]:
    """The eligibility and start-limit findings against a start on *start*."""
    found = setup.ineligible
    for _, earliest, latest, early, late, source in setup.start_limits:
        if earliest is not None and start < earliest:
            too_early = _trusted("start-too-early", "reason", (*early, ("start", start)), source)
            found = (*found, too_early)
        if latest is not None and start > latest:
            too_late = _trusted("start-too-late", "reason", (*late, ("start", start)), source)
            found = (*found, too_late)
    return found


def _backward(
    setup: _Setup, start: date, cap: date | None
) -> tuple[tuple[date, ...], tuple[date | None, ...], PremiumRule | None]:
    """Each step's latest begin, the days they rolled back from, and the premium rule
    used. *cap* is the latest allowed filing (a window that closes), or None."""
    program = setup.program
    count = len(program)
    begins: list[date] = [start] * count
    rolled: list[date | None] = [None] * count
    premium: PremiumRule | None = None
    deadline = start
    filing = setup.filing_index
    for i in range(count - 1, -1, -1):
        shift, cal, rolls = program[i]
        if i != filing and not rolls:  # most steps: only the lead (_step_back, inlined)
            if isinstance(shift, int):  # business days: lands on a business day
                deadline = cal.add_business_days(deadline, shift)
            else:
                deadline = deadline - shift
        elif i == filing and setup.premium:
            deadline, premium, rolled[i] = _premium_back(deadline, cal, setup, rolls, cap)
        else:
            begin = _step_back(deadline, shift, cal)
            if i == filing and cap is not None and begin > cap:
                begin = cap
            if rolls and not cal.is_business_day(begin):
                rolled[i] = begin
                begin = cal.previous_business_day(begin)
            deadline = begin
        begins[i] = deadline
    return tuple(begins), tuple(rolled), premium


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


def _step_back(deadline: date, shift: int | timedelta, cal: Calendar) -> date:
    """The begin of a step that must be done by *deadline* (see :func:`_shift`)."""
    if isinstance(shift, int):  # business days: lands on a business day
        return cal.add_business_days(deadline, shift)
    return deadline - shift


def _shift(lead: Lead) -> int | timedelta:
    """How far back a step of *lead* begins from its deadline: minus its business
    days (an int, for :meth:`Calendar.add_business_days`), or its calendar days
    (a timedelta to subtract; 0 business days is 0 days). A lead longer than
    every date range is cut to one day longer than it: subtracting it still
    overflows."""
    if lead.business and lead.amount:
        return -lead.amount
    return timedelta(days=min(lead.amount, _LONGER_THAN_EVERY_RANGE))


_LONGER_THAN_EVERY_RANGE: Final = (date.max - date.min).days + 1


def _days_before(day: date, days: int) -> date:
    """*days* before *day*, for a limit such as "no earlier than": a limit before
    date.min is no limit, so it is date.min."""
    return day - timedelta(days=min(days, (day - date.min).days))


def _premium_back(
    deadline: date, cal: Calendar, setup: _Setup, rolls: bool, cap: date | None
) -> tuple[date, PremiumRule, date | None]:
    """Latest premium filing: each rule applies only to filings in its own period.

    Returns the filing, its rule, and the day it rolled back from (or None).
    """
    rules = setup.premium
    best: tuple[date, PremiumRule, date | None] | None = None
    # Newest rule first: an older rule whose period ends before the best filing
    # found cannot beat it. On a tie the rule listed first wins.
    for index in range(len(rules) - 1, -1, -1):
        rule = rules[index]
        if best is not None and rule.last is not None and rule.last < best[0]:
            continue
        unrolled = _step_back(deadline, setup.premium_shifts[index], cal)
        if rule.last is not None and unrolled > rule.last:
            unrolled = rule.last
        if cap is not None and unrolled > cap:
            unrolled = cap
        begin = cal.previous_business_day(unrolled) if rolls else unrolled
        if begin >= rule.first and (best is None or begin >= best[0]):
            best = (begin, rule, None if begin == unrolled else unrolled)
    if best is None:
        first = rules[0].first
        raise PremiumUnavailableError(
            "premium",
            f"False for this start: premium processing for "
            f"{setup.pathway.authorization.value} began {first.isoformat()}, "
            "and this plan would need an earlier filing",
            True,
        )
    return best


def _premium_clock(filing: date, rules: tuple[PremiumRule, ...]) -> tuple[date, PremiumRule]:
    """When the premium clock starts for a filing, and the rule it runs under.

    A filing before premium processing began waits, pending, for the first day
    USCIS accepted upgrades of pending cases (2023-03-06).
    """
    start = max(filing, rules[0].first)
    rule = next(rule for rule in rules if rule.covers(start))
    return start, rule


# -- derived views of a plan ----------------------------------------------------


def _milestones(p: Plan) -> tuple[Milestone, ...]:
    setup = p._setup
    steps = setup.pathway.steps
    out = []
    for i, step in enumerate(steps):
        lead, source = setup.leads[i], setup.sources[i]
        if p._premium is not None and i == setup.filing_index:
            lead, source = p._premium.lead, setup.school.source(p._premium.source)
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
                role=step.role,
            )
        )
    out.append(Milestone(setup.pathway.ends, setup.pathway.ends_label, p.start, steps[-1].actor))
    out.append(Milestone("start", "First day of work", p.start, "employer"))
    return tuple(out)


def _windows(p: Plan) -> tuple[Window, ...]:
    setup = p._setup
    limits = _filing_limits(setup, p.start)
    source = setup.school.source(limits.binding[0].source) if limits.binding else None
    windows = [
        Window("filing", limits.opens, p.latest_filing, limits.binding, source, limits.anchors)
    ]
    for rule in setup.rules:
        if isinstance(rule, RecommendationValidity):
            opens = None if limits.opens is None else _days_before(limits.opens, rule.days)
            windows.append(
                Window(
                    "recommendation",
                    opens,
                    p.latest_filing,
                    (rule,),
                    setup.school.source(rule.source),
                )
            )
    return tuple(windows)


def _closed_begins(p: Plan) -> list[Finding]:
    """Requests handed to an office on a day it is closed: a step of calendar days
    that the student submits (``Step.submitted``) may begin on one."""
    setup = p._setup
    found = []
    for i, step in enumerate(setup.pathway.steps):
        if not step.submitted or setup.leads[i].business:
            continue
        cal, day = setup.calendars[i], p._begins[i]
        covers = cal.covers
        if covers is not None and not covers[0] <= day <= covers[1]:
            continue
        reason = cal.why_closed(day)
        if reason is not None:
            found.append(
                Finding(
                    "begins-on-closed-day",
                    "notice",
                    {"milestone": step.begins, "label": step.label, "date": day, "closed": reason},
                )
            )
    return found


def _advisories(p: Plan, day: date) -> tuple[Finding, ...]:
    """The advisories shown on *day* that touch the plan's authorization and actors."""
    actors = frozenset(step.actor for step in p._setup.pathway.steps)
    return _advisory_findings(p.authorization, actors, day)


@functools.lru_cache(maxsize=4096)
def _advisory_findings(
    authorization: Authorization, actors: frozenset[str], day: date
) -> tuple[Finding, ...]:
    """The advisory findings of one authorization, actors and day (a batch asks the
    same question for every row planned on the same day)."""
    return tuple(
        Finding(
            "advisory",
            "advisory",
            {
                "advisory": advisory.key,
                "title": advisory.title,
                "status": advisory.status,
                "effective": advisory.effective,
                "authorization": authorization.value,
                "applies_to_some": advisory.applies_to_some,
            },
            advisory.source,
        )
        for advisory in in_force(authorization, day)
        if advisory.actors & actors
    )


def _on_time_probability(p: Plan, filing: date) -> float:
    setup = p._setup
    index = setup.filing_index
    cal = setup.calendars[index]
    deadline = p._begins[index + 1] if index + 1 < len(p._begins) else p.start
    try:
        begin = cal.next_business_day(filing) if setup.program[index][2] else filing
    except OutOfRangeError as error:
        raise OutOfRangeError("filing", error.expected, filing) from None
    if begin > deadline:  # filed after processing had to be done
        return 0.0
    if setup.premium:
        begin, rule = _premium_clock(begin, setup.premium)
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
    costs = []
    online = p._setup.options.filing == "online"
    for charge in p._setup.pathway.charges:
        if charge.premium_only and p._premium is None:
            continue
        fee = fee_on(charge.fee, p.latest_filing)
        if fee is None:
            continue
        amount, note = fee.amount, ""
        if charge.premium_only and p._premium is not None:
            note = f"buys processing in {p._premium.lead}"
        if fee.online_amount is not None:
            if online:
                amount, note = fee.online_amount, f"${fee.amount:,} if filed on paper"
            else:
                note = f"${fee.online_amount:,} if filed online"
        costs.append(Cost(fee.name, amount, fee.effective, fee.citation, note))
    return tuple(costs)


def _forward(p: Plan, offer: date) -> Verdict:
    """Run the chain forwards from *offer*, each step taking its planned lead."""
    setup = p._setup
    steps = setup.pathway.steps
    earliest = p.earliest_filing
    validity = [rule for rule in setup.rules if isinstance(rule, RecommendationValidity)]
    expected: list[tuple[str, date]] = []
    reasons = list(p.reasons)
    usable = offer
    in_hand: date | None = None
    try:
        for i, step in enumerate(steps):
            cal, lead = setup.calendars[i], setup.leads[i]
            begin = usable
            if i == setup.filing_index and earliest is not None:
                begin = max(begin, earliest)
            if setup.program[i][2]:
                begin = cal.next_business_day(begin)
            if step.role is Role.RECOMMENDATION and earliest is not None:
                # The recommendation must be no more than N days old at the filing.
                for valid in validity:
                    oldest = _days_before(earliest, valid.days)
                    if _ahead(begin, lead, cal) < oldest:
                        begin = _back(earliest, lead, cal)
            clock = begin  # when the step's time starts to run
            if setup.premium and i == setup.filing_index:
                clock, rule = _premium_clock(begin, setup.premium)
                lead = rule.lead
            expected.append((step.begins, begin))
            usable = _ahead(clock, lead, cal)
        in_hand = usable
        expected.append((setup.pathway.ends, usable))
    except (OutOfRangeError, OverflowError):
        reasons.append(Finding("forward-out-of-span", "reason", {"offer": offer}))
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


# -- the entry point --------------------------------------------------------------


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
    filing: FilingMethod = "online",
    filing_window: Lead | int | None = None,
    program_end: DateLike | None = None,
    academic_year_completes: DateLike | None = None,
    terms_completed: int | None = None,
    immediate_cpt: bool = False,
    school: School | str | None = None,
    calendar: Calendar | Mapping[str, Calendar] | None = None,
    confidence: float | None = None,
    today: DateLike | None = None,
    options: PlanOptions | None = None,
) -> Plan:
    """Plan *authorization* for a first day of work on *start*.

    Each keyword is a field of :class:`~micropath.options.PlanOptions`, which
    documents its unit, default and source; or pass ``options=`` a
    ``PlanOptions`` instead of the keywords.

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
        filing: OPT: ``"online"`` (the default: received when submitted, on
            any day) or ``"paper"`` (the receipt rolls back to a USCIS business
            day). Source ``online-filing``.
        filing_window: file no earlier than this long before the start (a
            school practice; the regulation has no such limit). Overrides
            the school's own.
        program_end: OPT: the program end date. A first day after it plans
            post-completion OPT, (c)(3)(B); otherwise pre-completion, (c)(3)(A).
        academic_year_completes: when one full academic year completes:
            pre-completion OPT may be filed at most 90 days before it, and
            work may not start before it.
        terms_completed: fewer than 2 means not eligible where a rule asks for
            one academic year (CPT, OPT; AT only as MIT's practice), except
            CPT with *immediate_cpt*.
        immediate_cpt: CPT only: the program requires CPT from the first term.
        school: a :class:`~micropath.schools.School`, or ``"mit"`` (the
            default) or ``"generic"``: the school's calendar, terms and practices.
        calendar: one calendar for every actor, or a mapping from ``"school"``
            / ``"uscis"`` to a calendar (default: the school's calendar and
            :func:`calendars.federal`).
        confidence: in (0, 1]: plan every estimate (:func:`~micropath.percentiles`,
            :func:`~micropath.samples`) at the smallest duration covering at least
            this share of cases. Bounds cover every confidence. None plans
            estimates at their highest percentile or largest sample.
        today: the day the plan is made (the library never reads the clock):
            the advisories in force then (:mod:`micropath.advisories`) and the
            deadlines already passed are among the notices. None: neither.
        options: a :class:`~micropath.options.PlanOptions` instead of keywords.

    Raises:
        InvalidTypeError, InvalidValueError: an option of the wrong type or
            value, or one the pathway does not take; the message names it.
        OutOfRangeError: the plan leaves the calendars' span (it names the
            start, or a lead longer than ten years).

    >>> p = plan("CPT", "2027-01-04")  # the winter break takes out Dec 24 - Jan 1
    >>> p.latest_filing, p.latest_offer
    (datetime.date(2026, 12, 10), datetime.date(2026, 11, 20))
    >>> plan("OPT", "2027-01-04").latest_filing  # Jan 4 - 134 days, a Sunday: filed online
    datetime.date(2026, 8, 23)
    >>> plan("OPT", "2027-01-04", filing="paper").latest_filing  # rolls back to Friday
    datetime.date(2026, 8, 21)
    """
    term = start if isinstance(start, Term) else None
    first_day = term.start if term is not None else to_date(start, "start")
    # The keywords in the order of _KEYWORDS (tests/test_options.py,
    # test_each_keyword_reaches_its_own_field, fails on any other): a tuple costs a
    # third of locals() on this hot path (docs/performance.md).
    prepared = _prepared_values(
        authorization,
        processing,
        preparation,
        decision,
        mailing,
        recommendation,
        premium,
        filing,
        filing_window,
        program_end,
        academic_year_completes,
        terms_completed,
        immediate_cpt,
        school,
        calendar,
        confidence,
        today,
        options,
    )
    return _plan(prepared.setup(first_day), first_day, term)


_DEFAULTS: Final[Mapping[str, object]] = {
    name: parameter.default
    for name, parameter in inspect.signature(plan).parameters.items()
    if name in NAMES
}
"""plan()'s keyword defaults: a keyword that is not its default was given."""
