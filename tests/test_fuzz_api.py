"""Fuzzing the public API: every input gives a valid result or a MicropathError.

Every public function and class in ``micropath.__all__`` (and the methods of
what they return) is called with "junk" from ``strategies.junk()``: valid
values mixed with dates at the ends of ``datetime.date``, the years around the
built-in calendars' span, empty and all-closed calendars, huge leads, and
values of every type a caller might pass by mistake. Laws:

1. A call returns a result or raises a :class:`~micropath.MicropathError`,
   never another exception (and no warning: pytest turns warnings into errors).
2. An error that has a ``parameter`` names it in its message, and it is a
   parameter of the call (or part of one: ``holidays[...]``, ``reminders[0]``).
3. No call takes a second or more of CPU time (a guard against hangs, not a
   benchmark: CPU time, so that other work on a shared machine does not count;
   optional extras are imported and warmed up before the clock starts).
4. A result is valid: it has a repr, its type is right, and it keeps the laws
   that are cheap to check (a plan's ``latest_offer <= latest_filing <=
   start``, milestones in date order, ``to_dict()`` is JSON; its reasons and
   notices are findings whose sentence is not empty; a business day found is
   one; ``between`` is antisymmetric; a usage is never negative).
5. An offer's verdict (offers after the first day, on closed days, in the years
   1, 1969, 2101 and 9999) agrees with its plan, and its earliest first day (with
   premium processing too) is the earliest whose plan admits the offer and holds
   together: that day's plan does, the day before's does not.
6. A page (``report_html``, ``Plan._repr_html_``) of plans whose term, calendar and
   closed days are named with markup and characters of every Unicode category,
   lone surrogates too, is inert (:func:`oracles.assert_inert`) and shows the
   term's name and the page's title as text.

The bugs this found keep their failing input as an ``@example`` on the test
that found them (see the table in ``docs/quality.md``).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import math
import operator
import re
import sys
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import (
    HealthCheck,
    assume,
    currently_in_test_context,
    event,
    example,
    given,
    settings,
)
from hypothesis import strategies as st
from oracles import InertPage, assert_inert
from strategies import (
    ALL_CLOSED_CALENDARS,
    EDGE_DATES,
    FUZZ_CALENDARS,
    FUZZ_YEARS,
    HUGE_INT,
    JUNK_CONSTANTS,
    MARKUP,
    authorizations,
    chance,
    date_likes,
    fuzz_calendars,
    fuzz_dates,
    junk,
    mostly,
    offer_days,
    page_texts,
    percentile_cases,
    plan_options,
)

import micropath as mp
from micropath import Calendar, MicropathError
from micropath.findings import Finding
from micropath.internship import check_in_dates
from micropath.views.ics import to_ics
from micropath.views.page import report_html
from micropath.views.text import _SENTENCES, finding_dict

SENTENCE_CODES = frozenset(_SENTENCES)
"""The finding codes ``views.text`` writes a sentence for (others fall back to data)."""

LIMIT_SECONDS = 1.0 if sys.gettrace() is None else 3.0
"""No call may take this much CPU time: a second, or three under a tracer such as the
coverage gate of ``.ci/run``, which slows Python code two- to threefold (a 290-year
closure on the federal calendar took 0.46 s untraced and 1.03 s traced). A hang is
slow under any limit."""
clock = time.process_time
"""This process's CPU time: a busy machine slows a call down but does not add to it."""

fuzz = settings(
    deadline=None,  # law 3 times each call itself
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
"""The active profile's example count (500 under ``ci``), without Hypothesis' deadline."""


def _few(count: int) -> settings:
    """At most *count* examples (for slow calls: plots, ICS files)."""
    return settings(fuzz, max_examples=min(count, settings.default.max_examples))


# -- the laws every call obeys -----------------------------------------------------


@dataclass(frozen=True)
class Called:
    """What a call did: returned *value*, or raised *error* (a MicropathError)."""

    value: Any = None
    error: MicropathError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@functools.cache
def _warm_up_matplotlib() -> None:
    """Draw one figure untimed: matplotlib's first figure loads its backend and fonts
    (and on a fresh machine builds its font cache), which is not micropath's time."""
    mp.plot_timeline(mp.plan("OPT", "2027-01-04")).savefig(io.BytesIO(), format="png", dpi=20)


def call(
    function: Callable[..., Any], *args: object, names: Collection[str], **kwargs: object
) -> Called:
    """Call *function*; check laws 1-3 (*names*: the parameters an error may name)."""
    started = clock()
    try:
        value = function(*args, **kwargs)
    except MicropathError as error:
        elapsed = _again_if_slow(clock() - started, function, args, kwargs)
        assert elapsed < LIMIT_SECONDS, f"{function.__name__} took {elapsed:.2f}s to fail"
        assert_names(error, names)
        _tally(f"{function.__qualname__}: {type(error).__name__}")
        return Called(error=error)
    elapsed = _again_if_slow(clock() - started, function, args, kwargs)
    assert elapsed < LIMIT_SECONDS, f"{function.__name__} took {elapsed:.2f}s"
    _tally(f"{function.__qualname__}: a result")
    repr(value)  # a result can be shown (a notebook shows it)
    return Called(value)


def _again_if_slow(
    elapsed: float, function: Callable[..., Any], args: tuple[object, ...], kwargs: dict[str, Any]
) -> float:
    """Law 3 guards against hangs, which are slow every time: a call over the limit is
    timed once more, so that a one-time cost (a lazy calendar building the years a
    question reaches, first met under a loaded CI) is not taken for one."""
    if elapsed < LIMIT_SECONDS:
        return elapsed
    started = clock()
    with contextlib.suppress(MicropathError):
        function(*args, **kwargs)
    return clock() - started


def _tally(outcome: str) -> None:
    """Count *outcome* in ``--hypothesis-show-statistics`` (inside a Hypothesis test)."""
    if currently_in_test_context():
        event(outcome)


def assert_names(error: MicropathError, names: Collection[str]) -> None:
    """Law 2: the message names the parameter, one of *names* (or part of one)."""
    message = str(error)
    assert message
    repr(error)
    parameter = getattr(error, "parameter", None)
    if parameter is None:  # MissingExtraError: names the function and the extra
        return
    assert parameter in message
    base = re.split(r"[\[ ]", parameter, maxsplit=1)[0]
    assert base in names, f"{error!r} names {parameter!r}, not one of {sorted(names)}"


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Pay the one-time costs first, which law 3 is not about: reading the holiday
    data, importing icalendar, pandas and matplotlib, matplotlib's font cache (built
    on first use in a fresh environment, which takes seconds) and its SVG backend."""
    for name in mp.calendars.names():
        mp.calendars.by_name(name).holidays  # builds every year of the lazy calendar
    p = mp.plan("CPT", "2027-01-04")
    p.to_ics()
    mp.to_frame(p)
    mp.plot_timeline(p).savefig(io.BytesIO(), format="png", dpi=20)
    report_html(p)  # the figure as SVG, its glyphs as paths


CLOSED = ALL_CLOSED_CALENDARS[0]

PLAN_NAMES = frozenset(
    {
        "authorization",
        "start",
        "options",
        "processing",
        "preparation",
        "decision",
        "mailing",
        "recommendation",
        "premium",
        "filing_window",
        "academic_year_completes",
        "terms_completed",
        "immediate_cpt",
        "calendar",
        "confidence",
    }
)
"""What a plan error may name: plan's parameters (``options`` for an unknown one)."""


# -- calendars -------------------------------------------------------------------------

CALENDAR_NAMES = {"holidays", "weekmask", "name", "covers"}


@st.composite
def holiday_inputs(draw: st.DrawFn) -> object:
    """Closed days in every form Calendar takes, with junk among or instead of them."""
    days = draw(st.lists(mostly(fuzz_dates(), 10), max_size=6))
    form = draw(st.sampled_from(range(5)))
    if form == 0:
        return days
    if form == 1:
        return [(day, draw(mostly(st.just("holiday"), 6))) for day in days]
    if form == 2:
        try:
            return {day: draw(mostly(st.just("closure"), 6)) for day in days}
        except TypeError:  # an unhashable key
            return days
    if form == 3:
        return [day.isoformat() if isinstance(day, date) else day for day in days]
    return draw(junk())


@fuzz
@given(
    holidays=holiday_inputs(),
    weekmask=mostly(
        st.one_of(
            st.sampled_from(("1111100", "Mon Tue Wed", "sun", "0000001", " 1111111 ")),
            st.lists(st.sampled_from((0, 1, True, False)), min_size=7, max_size=7),
        )
    ),
    name=mostly(st.text(max_size=5)),
    covers=mostly(
        st.one_of(st.none(), st.tuples(fuzz_dates(), fuzz_dates()).map(sorted).map(tuple))
    ),
)
def test_calendar_constructor(
    holidays: object, weekmask: object, name: object, covers: object
) -> None:
    made = call(
        Calendar, holidays, weekmask=weekmask, name=name, covers=covers, names=CALENDAR_NAMES
    )
    if made.ok:
        cal = made.value
        assert isinstance(cal, Calendar)
        assert re.fullmatch(r"[01]{7}", cal.weekmask)
        assert "1" in cal.weekmask
        assert list(cal.holidays) == sorted(cal.holidays)
        again = Calendar(cal.holidays, weekmask=cal.weekmask, name=cal.name, covers=cal.covers)
        assert again == cal
        assert hash(again) == hash(cal)
        repr(cal)


def _inside(cal: Calendar, day: object) -> bool:
    return type(day) is date and (cal.covers is None or cal.covers[0] <= day <= cal.covers[1])


@fuzz
@given(cal=fuzz_calendars(), day=date_likes(), other=date_likes(), n=mostly(st.integers(-400, 400)))
@example(cal=Calendar(), day=date(2027, 1, 4), other=date(2027, 1, 4), n=HUGE_INT).via(
    "finding: an error showing an int of more than 4300 digits raised ValueError"
)
@example(cal=Calendar(), day=date(2027, 1, 4), other=date(2027, 1, 4), n=-HUGE_INT).via(
    "finding: the same, for a count far below zero"
)
def test_calendar_queries(cal: Calendar, day: object, other: object, n: object) -> None:
    day_names = {"day"}
    business = call(cal.is_business_day, day, names=day_names)
    why = call(cal.why_closed, day, names=day_names)
    if business.ok:
        assert isinstance(business.value, bool)
        assert why.ok
        assert (why.value is None) == business.value
        assert why.value is None or (isinstance(why.value, str) and why.value)

    following = call(cal.next_business_day, day, names=day_names)
    if following.ok:
        assert cal.is_business_day(following.value)
        assert following.value >= mp_date(day)
    preceding = call(cal.previous_business_day, day, names=day_names)
    if preceding.ok:
        assert cal.is_business_day(preceding.value)
        assert preceding.value <= mp_date(day)

    moved = call(cal.add_business_days, day, n, names={"day", "n"})
    if moved.ok:
        assert type(moved.value) is date
        assert cal.is_business_day(moved.value)
        count, start = operator.index(n), mp_date(day)  # type: ignore[arg-type]
        # n > 0: the n-th business day strictly after the day; n < 0: the |n|-th
        # strictly before it; n == 0: the day itself or the next business day.
        expected = count - 1 + cal.is_business_day(start) if count > 0 else count
        assert cal.business_days_between(start, moved.value) == expected

    between = call(cal.business_days_between, day, other, names={"start", "end"})
    if between.ok:
        assert type(between.value) is int
        assert cal.business_days_between(other, day) == -between.value

    if _inside(cal, day) and _inside(cal, other) and abs((other - day).days) > 3 * 366:  # type: ignore[operator]
        return  # a long listing: see test_calendar_closed_days_of_long_spans
    listed = call(cal.closed_days, day, other, names={"first", "last"})
    if listed.ok:
        days = [c.date for c in listed.value]
        assert days == sorted(set(days))
        assert all(mp_date(day) <= d <= mp_date(other) for d in days)
        assert all(c.reason and not cal.is_business_day(c.date) for c in listed.value)


def mp_date(value: object) -> date:
    """*value* as the date micropath takes it to be (it was accepted)."""
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    assert isinstance(value, date)
    return date(value.year, value.month, value.day)


@fuzz
@given(
    cal=fuzz_calendars(),
    first=fuzz_dates(),
    years=st.sampled_from((0, 1, 10, 100, 400, 401, 1000, 10000)),
)
@example(cal=Calendar(), first=date.min, years=10000).via(
    "finding: listing the closed days of 0001-9999 took 1.8 s"
)
def test_calendar_closed_days_of_long_spans(cal: Calendar, first: date, years: int) -> None:
    last = min(first + timedelta(days=min(years * 366, (date.max - first).days)), date.max)
    listed = call(cal.closed_days, first, last, names={"first", "last"})
    if listed.ok:
        assert all(first <= c.date <= last for c in listed.value)


@fuzz
@given(
    cal=fuzz_calendars(),
    other=mostly(fuzz_calendars()),
    first=date_likes(),
    last=date_likes(),
    name=mostly(st.sampled_from(("winter break", "", "closure"))),
    years=st.sampled_from((0, 1, 3, 400, 10000)),
)
@example(
    cal=Calendar(), other=5, first=date(2027, 1, 4), last=date(2027, 1, 4), name="x", years=0
).via("finding: Calendar() | 5 raised a bare TypeError")
@example(cal=Calendar(), other=Calendar(), first=date.min, last=date.max, name="x", years=0).via(
    "finding: a closure from 0001 to 9999 took 9 s"
)
def test_calendar_union_and_closure(
    cal: Calendar, other: object, first: object, last: object, name: object, years: int
) -> None:
    def union() -> Calendar:
        return cal | other  # type: ignore[operator]

    def reflected_union() -> Calendar:
        return other | cal  # type: ignore[operator]

    joined = call(union, names={"other"})
    if joined.ok:
        assert isinstance(joined.value, Calendar)
        assert all(
            a == b == "1" or c == "0"
            for a, b, c in zip(cal.weekmask, other.weekmask, joined.value.weekmask, strict=False)
        )  # type: ignore[attr-defined]
    reflected = call(reflected_union, names={"other"})
    assert reflected.ok == joined.ok

    if years and type(first) is date:
        last = first + timedelta(days=min(years * 366, (date.max - first).days))
    closed = call(cal.with_closure, first, last, name=name, names={"first", "last", "name"})
    if closed.ok:
        assert isinstance(closed.value, Calendar)
        for day in (first, last):
            if _inside(cal, mp_date(day)):
                assert not closed.value.is_business_day(day)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


HASHABLE_JUNK = [value for value in JUNK_CONSTANTS if _hashable(value)]


@fuzz
@given(
    name=mostly(st.sampled_from(("mit", "MIT ", "federal", "uscis", "massachusetts", "ny"))),
    winter_breaks=mostly(
        st.dictionaries(
            st.one_of(st.sampled_from(FUZZ_YEARS), st.sampled_from(HASHABLE_JUNK)),
            mostly(st.one_of(st.none(), st.tuples(date_likes(), date_likes())), 6),
            max_size=3,
        )
    ),
)
def test_builtin_calendars(name: object, winter_breaks: object) -> None:
    found = call(mp.calendars.by_name, name, names={"name"})
    if found.ok:
        assert found.value.name in mp.calendars.names()
    made = call(mp.calendars.mit, winter_breaks=winter_breaks, names={"winter_breaks"})
    if made.ok:
        assert made.value.name == "mit"
        assert made.value.covers == mp.calendars.mit().covers
    assert mp.calendars.federal().covers == mp.calendars.massachusetts().covers


# -- leads, estimates, terms -------------------------------------------------------------


@fuzz
@given(
    n=mostly(st.integers(0, 10**9)),
    unit=mostly(st.sampled_from(["days", "business_days", *mp.Unit])),
)
@example(n=-HUGE_INT, unit="days").via("finding: days(-10**5000) raised ValueError in its message")
@example(n=HUGE_INT, unit="days").via("finding: str(days(10**5000)) raised ValueError")
@example(n=5, unit="days").via("finding: Lead(5, 'days') raised attrs' bare TypeError")
def test_leads(n: object, unit: object) -> None:
    for make in (mp.days, mp.business_days):
        lead = call(make, n, names={"amount"})
        if lead.ok:
            assert lead.value.amount == n
            assert lead.value.amount >= 0
            assert str(lead.value)
            assert repr(lead.value)
    within = call(mp.within, n, unit=unit, names={"amount", "unit"})
    if within.ok:
        assert within.value.unit is mp.Unit(unit)
    built = call(mp.Lead, n, unit, names={"amount", "unit"})
    if built.ok:
        assert isinstance(built.value.unit, mp.Unit)


@fuzz
@given(
    points=mostly(
        st.one_of(
            percentile_cases().map(lambda case: case.spelled),
            st.dictionaries(
                st.one_of(
                    st.integers(1, 99), st.floats(0.01, 99.99), st.sampled_from(HASHABLE_JUNK)
                ),
                mostly(st.integers(1, 400), 8),
                max_size=4,
            ),
        )
    ),
    values=mostly(
        st.lists(mostly(st.integers(0, 400), 10), max_size=5)
    ),  # junk has 5001-digit ints
    unit=mostly(st.sampled_from(("days", "business_days"))),
    confidence=mostly(st.one_of(st.none(), st.floats(0, 1), st.fractions(0, 1))),
    amount=mostly(st.integers(-5, 500)),
)
@example(points={50: 10}, values=[1], unit="days", confidence=0.5, amount="x").via(
    "finding: Percentiles.probability('x') and Samples.probability('x') raised TypeError"
)
@example(points={50: HUGE_INT}, values=[HUGE_INT], unit="days", confidence=None, amount=0).via(
    "finding: repr() of an estimate holding an int of 5001 digits raised ValueError"
)
@example(points={}, values=np.array(5), unit="days", confidence=None, amount=0).via(
    "finding: samples(numpy.array(5)) raised TypeError (iterable in name only)"
)
def test_estimates(
    points: object, values: object, unit: object, confidence: object, amount: object
) -> None:
    for made in (
        call(mp.percentiles, points, unit=unit, names={"points", "unit"}),
        call(mp.samples, values, unit=unit, names={"values", "unit"}),
    ):
        if not made.ok:
            continue
        estimate = made.value
        at = call(estimate.at, confidence, names={"confidence"})
        if at.ok:
            assert isinstance(at.value, mp.Lead)
            assert at.value.unit is estimate.unit
            if confidence is not None:  # the smallest amount covering the confidence
                covered = estimate.probability(at.value.amount)
                assert covered >= float(Fraction(confidence).limit_denominator(10**9)) - 1e-9  # type: ignore[arg-type]
        share = call(estimate.probability, amount, names={"amount"})
        if share.ok:
            assert isinstance(share.value, float)
            assert 0.0 <= share.value <= 1.0


@fuzz
@given(
    year=mostly(st.one_of(st.sampled_from(FUZZ_YEARS), st.integers(1960, 2110))),
    start=date_likes(),
    end=date_likes(),
    name=mostly(st.sampled_from(("IAP", "term", " "))),
    estimated=mostly(st.booleans()),
)
def test_terms(year: object, start: object, end: object, name: object, estimated: object) -> None:
    term = call(mp.iap, year, names={"year"})
    if term.ok:
        assert term.value.start <= term.value.end
        assert term.value.start.year == year
        assert term.value.start.weekday() == 0
        assert term.value.weeks == 4
    made = call(
        mp.Term,
        start,
        end,
        name=name,
        estimated=estimated,
        names={"start", "end", "name", "estimated"},
    )
    if made.ok:
        assert made.value.start <= made.value.end
        assert made.value.days >= 1
        assert made.value.weeks * 7 >= made.value.days
        repr(made.value)


# -- the planner --------------------------------------------------------------------------


def assert_valid_plan(p: mp.Plan) -> None:
    """Law 4 for a plan: its dates in order, its milestones sorted, its views whole."""
    assert isinstance(p, mp.Plan)
    assert p.latest_offer <= p.latest_filing <= p.start
    dates = [m.date for m in p.milestones]
    assert dates == sorted(dates)
    assert dates[0] == p.latest_offer
    assert dates[-1] == p.start
    assert p.feasible == (not p.reasons)
    if p.earliest_filing is not None and p.earliest_filing > p.latest_filing:
        assert not p.feasible
    assert_findings(p.reasons, "reason")
    assert_findings(p.notices, "notice", "advisory")
    json.dumps(p.to_dict())
    assert p.to_dict()["latest_filing"] == p.latest_filing.isoformat()
    repr(p)


def assert_findings(findings: object, *severities: str) -> None:
    """Law 4 for findings: a tuple of Finding values of one of *severities*, each a
    sentence."""
    assert isinstance(findings, tuple)
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.severity in severities
        assert finding.code in SENTENCE_CODES  # views.text has its sentence
        assert str(finding).strip()
        json.dumps(finding_dict(finding))


def _plan_starts(first_year: int = 1971) -> st.SearchStrategy[object]:
    """Starts anywhere (junk too), starts the built-in calendars cover, IAP terms."""
    return st.one_of(
        date_likes(),
        st.dates(date(first_year, 1, 1), date(2100, 12, 31)),
        mostly(st.sampled_from([mp.iap(y) for y in (1970, 2027, 2099)])),
    )


@fuzz
@given(authorization=authorizations(), start=_plan_starts(), options=plan_options())
@example(authorization="OPT", start="2027-01-04", options={"processing": HUGE_INT}).via(
    "finding: a lead of more than 4300 digits raised ValueError in the error's message"
)
@example(
    authorization="OPT",
    start=date(1, 8, 1),
    options={"calendar": Calendar(), "academic_year_completes": date.min},
).via("finding: a window opening before 0001-01-01 was blamed on start")
def test_plan(authorization: object, start: object, options: dict[str, object]) -> None:
    made = call(mp.plan, authorization, start, names=PLAN_NAMES, **options)
    if made.ok:
        assert_valid_plan(made.value)


CPT_2027 = mp.plan("CPT", mp.iap(2027))
OPT_2027 = mp.plan("OPT", "2027-01-04")
CPT_1970 = mp.plan("CPT", "1970-06-01")
ENDS_ON_DATE_MAX = mp.plan("OPT", date.max, calendar=Calendar())
BEGINS_IN_YEAR_1 = mp.plan("CPT", date(1, 2, 1), calendar=Calendar())
PLAN_NEAR_MIN_WITH_WINDOW = mp.plan("OPT", date(1, 8, 1), calendar=Calendar(), filing_window=200)
FIXED_PLANS = (
    CPT_2027,
    OPT_2027,
    CPT_1970,
    mp.plan("OPT", "2027-01-04", premium=True),
    mp.plan("AT", "2100-12-31"),
    mp.plan("OPT", "2101-01-01"),  # a start past the school calendar's span
    mp.plan("OPT", "1970-07-06"),
    mp.plan("OPT", "2027-01-04", filing_window=30),
    mp.plan("OPT", "2027-01-04", academic_year_completes="2027-02-01", terms_completed=1),
    mp.plan("OPT", "2027-01-04", processing=mp.percentiles({50: 75, 95: 130}), confidence=0.8),
    ENDS_ON_DATE_MAX,
    mp.plan("CPT", date.max, calendar=Calendar(weekmask="0000001")),
    BEGINS_IN_YEAR_1,
    PLAN_NEAR_MIN_WITH_WINDOW,
    mp.plan("OPT", "2027-01-04", calendar=CLOSED),
    mp.plan("OPT", "2027-01-04", calendar={"uscis": ALL_CLOSED_CALENDARS[1]}),
    mp.plan("CPT", "2027-01-04", calendar=CLOSED, decision=0, preparation=0, processing=0),
    mp.plan("OPT", "2027-01-04", today="2026-12-01"),  # deadlines passed, advisories
)
"""Plans at the edges: date.min and date.max, 1970 and 2100, all-closed calendars,
infeasible ones, premium and estimates, notices and advisories."""


@st.composite
def plans(draw: st.DrawFn) -> mp.Plan:
    """A fixed edge plan, or a random valid one."""
    if draw(st.booleans()):
        return draw(st.sampled_from(FIXED_PLANS))
    authorization = draw(st.sampled_from(("CPT", "OPT", "AT")))
    start = draw(fuzz_dates())
    options = draw(plan_options(exclude=("confidence",), one_in=10**6))
    keywords = PLAN_NAMES - {"authorization", "start"}  # given twice: Python's TypeError
    options = {name: value for name, value in options.items() if name in keywords}
    if not date(1971, 1, 1) <= start <= date(2100, 12, 31):  # past the built-in calendars
        options.setdefault("calendar", draw(st.sampled_from(FUZZ_CALENDARS[:4])))
    try:
        return mp.plan(authorization, start, **options)  # type: ignore[arg-type]
    except MicropathError:
        assume(False)
        raise  # pragma: no cover


@fuzz
@given(
    p=plans(),
    offer=date_likes(),
    filing=date_likes(),
    name=mostly(st.sampled_from(("offer", "filing", "start", "x"))),
    day=date_likes(),
)
@example(p=OPT_2027, offer="2026-01-01", filing="2026-01-01", name="offer", day="x").via(
    "finding: Window.contains('x') raised TypeError"
)
@example(p=CPT_2027, offer="2026-01-01", filing=date.min, name="offer", day=None).via(
    "finding: on_time_probability(0001-01-01) named 'start', which it does not take"
)
@example(p=CPT_1970, offer="1970-01-01", filing=None, name="offer", day=None).via(
    "finding: checking an offer on the calendars' first day reported 'the forward pass "
    "leaves the calendars' span' and no date in hand"
)
@example(p=BEGINS_IN_YEAR_1, offer=date.min, filing=None, name="offer", day=None).via(
    "finding: the same for an offer on 0001-01-01 with a calendar of all dates"
)
@example(p=PLAN_NEAR_MIN_WITH_WINDOW, offer=None, filing=None, name="offer", day=None).via(
    "finding: the OPT recommendation window opening before 0001-01-01 raised OverflowError"
)
def test_plan_methods(p: mp.Plan, offer: object, filing: object, name: object, day: object) -> None:
    assert_valid_plan(p)
    verdict = call(p.check, offer, names={"offer"})
    if verdict.ok:
        v = verdict.value
        assert v.slack == (p.latest_offer - v.offer).days
        assert v.on_time == (p.feasible and v.offer <= p.latest_offer)
        spans = [m.calendar.covers for m in p.milestones if m.calendar is not None]
        if v.on_time and all(span is None or span[0] <= v.offer for span in spans):
            # The forward pass from an offer in time gets authorization in hand by the start.
            assert v.in_hand is not None
            assert v.in_hand <= p.start
            assert v.reasons == ()
        assert_findings(v.reasons, "reason")
    share = call(p.on_time_probability, filing, names={"filing"})
    if share.ok:
        assert isinstance(share.value, float)
        assert 0.0 <= share.value <= 1.0
    found = call(p.milestone, name, names={"name"})
    if found.ok:
        assert found.value.name == name
    for window in p.windows:
        assert window.closes == p.latest_filing
        inside = call(window.contains, day, names={"day"})
        if inside.ok:
            assert isinstance(inside.value, bool)
    for item in p.milestones:  # the closed days a step skipped are closed, and on its way
        for closed in item.stepped_over:
            assert item.calendar is not None
            assert not item.calendar.is_business_day(closed.date)
            assert item.date <= closed.date
    assert all(cost.amount > 0 for cost in p.costs)
    assert p.explain().count("\n") >= len(p.milestones)
    html = p._repr_html_()
    assert html.count("<tr>") == len(p.milestones) + 1


@_few(100)
@given(p=plans(), offer=date_likes())
def test_offer_verdict(p: mp.Plan, offer: object) -> None:
    found = call(mp.offer_verdict, p, offer, names={"plan", "offer"})
    if found.ok:
        v = found.value
        assert v.plan is p
        assert v.verdict == p.check(v.offer)
        assert v.on_time == v.verdict.on_time
        assert_findings(v.verdict.reasons, "reason")
        if v.earliest_start is not None and v.on_time:
            assert v.earliest_start <= p.start  # the plan's own first day is reachable


@st.composite
def plans_and_offers(draw: st.DrawFn) -> tuple[mp.Plan, object]:
    """A plan, and an offer for it: after its first day, long before it, on a closed
    day, in years far outside the calendars, as text or as a date, or junk."""
    p = draw(plans())
    offer: object = draw(offer_days(p.start))
    if chance(draw, 3):
        with contextlib.suppress(ValueError):  # as a date, if it is one
            offer = date.fromisoformat(str(offer))
    elif chance(draw, 6):
        offer = draw(date_likes())
    return p, offer


def _admits(p: mp.Plan, start: date, offer: date, *, premium: bool) -> bool | None:
    """Does a plan with *p*'s options (with premium processing if *premium*) for a first
    day on *start* admit *offer* and hold together? None if no such plan can be made."""
    options = attrs.evolve(p.options, premium=True) if premium else p.options
    try:
        again = mp.plan(p.authorization, start, options=options)
    except MicropathError:
        return None
    return again.latest_offer >= offer and again.feasible


@_few(150)
@given(case=plans_and_offers())
@example(case=(CPT_2027, "0001-01-01"))
@example(case=(OPT_2027, "9999-12-31"))
@example(case=(OPT_2027, "2026-12-25"))  # Christmas: a closed day
@example(case=(CPT_1970, "1969-12-31"))
@example(case=(ENDS_ON_DATE_MAX, date.max))
@example(case=(BEGINS_IN_YEAR_1, date.min))
def test_offers_at_the_edges(case: tuple[mp.Plan, object]) -> None:
    """``offer_verdict`` (and ``Plan.check``) for offers after the first day, in year 1,
    1969, 2101 or 9999, and on closed days: a verdict whose earliest first day admits
    the offer and holds together (and the day before it does not), or an error naming
    ``offer``."""
    p, offer = case
    checked = call(p.check, offer, names={"offer"})
    found = call(mp.offer_verdict, p, offer, names={"plan", "offer"})
    if not found.ok:
        return
    assert checked.ok  # offer_verdict checks the offer the same way
    v = found.value
    assert v.verdict == checked.value
    assert v.verdict.slack == (p.latest_offer - v.offer).days
    assert v.on_time == (p.feasible and v.offer <= p.latest_offer)
    if v.on_time and v.earliest_start is not None:
        assert v.earliest_start <= p.start
    if p.feasible and not v.on_time and v.earliest_start is not None:
        assert v.earliest_start > p.start  # the latest offer never moves earlier
    for first_day, premium in ((v.earliest_start, False), (v.earliest_start_premium, True)):
        if first_day is None:
            continue
        assert first_day >= v.offer
        assert _admits(p, first_day, v.offer, premium=premium)  # it admits the offer ...
        if first_day > v.offer:  # ... and is the earliest that does
            assert not _admits(p, first_day - timedelta(days=1), v.offer, premium=premium)


# -- pages ---------------------------------------------------------------------------------

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The page's Content-Security-Policy."""


@functools.cache
def own_styles() -> frozenset[str]:
    """The styles micropath writes: the page's, its figure's (matplotlib's SVG) and the
    notebook table's, read from pages without data of their own."""
    plain = report_html(mp.check_cycle(mp.recruiting_cycle(2027), ["CPT"]))
    table = CPT_2027._repr_html_()
    return frozenset(InertPage(plain).styles) | frozenset(InertPage(table).styles)


CLOSED_ON_THE_WAY = (date(2026, 11, 30), date(2026, 12, 15), date(2026, 12, 22))
"""Weekdays a 2027 IAP plan's steps step over, when closed."""


@_few(60)
@given(
    texts=st.lists(page_texts(surrogates=True), min_size=4, max_size=4),
    kind=st.sampled_from(("CPT", "OPT", "AT")),
    subject=st.sampled_from(("plan", "offer", "cycle", "several")),
    timeline=st.sampled_from((False, False, True)),
)
@example(texts=["a $x^$ b", "h", "t", "c"], kind="CPT", subject="cycle", timeline=True).via(
    "finding: a term name with $...$ (matplotlib's mathtext) raised ValueError drawing the page"
)
@example(texts=["\ud800", "h", "t", "c"], kind="CPT", subject="cycle", timeline=True).via(
    "finding: a term name with a lone surrogate raised TypeError drawing the page"
)
@example(
    texts=["\U0001f4a5 \u6f22", "h", "t", "c"], kind="CPT", subject="cycle", timeline=True
).via("finding: a glyph the figure's font lacks warned (an error under pytest, noise on stderr)")
@example(texts=list(MARKUP[:4]), kind="OPT", subject="offer", timeline=True)
def test_pages_stay_inert(texts: list[str], kind: str, subject: str, timeline: bool) -> None:
    """``report_html`` and ``Plan._repr_html_`` of plans whose term, calendar and closed
    days are named with markup and characters of every Unicode category (lone surrogates
    too): a page that runs, fetches and restyles nothing, and shows the term's name as
    text."""
    name, holiday, title, calendar_name = (text if text.strip() else f"x{text}" for text in texts)
    term = mp.Term(date(2027, 1, 4), date(2027, 1, 29), name=name)
    closed = dict.fromkeys(CLOSED_ON_THE_WAY, holiday)
    calendar = Calendar(closed, weekmask="1111100", name=calendar_name)
    made = call(mp.plan, kind, term, names=PLAN_NAMES, calendar=calendar)
    assert made.ok, made.error
    p: mp.Plan = made.value
    shown: object = p
    if subject == "offer":
        shown = mp.offer_verdict(p, "2026-10-25")
    elif subject == "several":
        shown = [p, mp.offer_verdict(p, "2026-12-01"), mp.plan("CPT", "2027-01-04")]
    elif subject == "cycle":
        cycle = attrs.evolve(mp.recruiting_cycle(2027), term=term)
        shown = mp.check_cycle(cycle, [kind], calendar=calendar)
    labels = [name, title, "<b>S3</b>"] if subject == "several" else [title]
    page = call(
        report_html,
        shown,
        names={"subject", "title", "labels", "not_planned"},
        title=title,
        timeline=timeline,
        labels=labels,
        not_planned=[(calendar_name, holiday)],  # a batch row's id and error
    )
    assert page.ok, page.error
    text = assert_inert(page.value, own_styles(), POLICY).text
    assert name.strip() in text  # markup in a name (or a label) is shown, as text
    assert title.strip() in text
    assert f"{calendar_name}: {holiday}".strip() in text
    for label in labels:
        assert f"{label}, " in text  # each answer is named by its label
    notebook = assert_inert(p._repr_html_(), own_styles()).text
    assert name.strip() in notebook


INTERNSHIPS = (
    mp.iap(2027),
    mp.Term(date.min, date.min),
    mp.Term(date.max - timedelta(days=30), date.max),
    mp.Term(date(2020, 1, 1), date(2030, 12, 31)),
    mp.Term(date.min, date.max),
)


def _stamps() -> st.SearchStrategy[object]:
    return mostly(
        st.one_of(
            st.none(),
            st.datetimes(
                timezones=st.sampled_from(
                    (UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)))
                )
            ),
            st.sampled_from(
                (
                    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
                    datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),
                )
            ),
        )
    )


@_few(200)
@given(
    p=plans(),
    more=st.lists(plans(), max_size=2),
    reminders=mostly(st.lists(st.sampled_from((0, 1, 7, 30, 10**6, 10**9, -1)), max_size=3)),
    internship=mostly(st.one_of(st.none(), st.sampled_from(INTERNSHIPS))),
    check_ins=mostly(
        st.sampled_from(
            (None, "MO", "fr", "XX", [date(2027, 1, 8), "2027-01-15"], [date.max, date.min], ["x"])
        )
    ),
    stamp=_stamps(),
)
@example(
    p=ENDS_ON_DATE_MAX, more=[], reminders=(), internship=None, check_ins=None, stamp=None
).via("finding: a milestone on 9999-12-31 raised OverflowError (DTEND is the next day)")
@example(p=CPT_2027, more=[], reminders=[10**9], internship=None, check_ins=None, stamp=None).via(
    "finding: a reminder 10**9 days before raised OverflowError"
)
@example(
    p=CPT_2027,
    more=[],
    reminders=(),
    internship=None,
    check_ins=None,
    stamp=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
).via("finding: a stamp whose UTC time is before year 1 raised OverflowError")
@example(
    p=CPT_2027,
    more=[],
    reminders=(),
    internship=mp.Term(date(1, 1, 1), date(9999, 12, 30)),
    check_ins="MO",
    stamp=None,
).via("finding: weekly check-ins over 9999 years took minutes")
def test_to_ics(
    p: mp.Plan,
    more: list[mp.Plan],
    reminders: object,
    internship: object,
    check_ins: object,
    stamp: object,
) -> None:
    names = {"plans", "reminders", "internship", "check_ins", "stamp"}
    data = call(
        p.to_ics,
        reminders=reminders,
        internship=internship,
        check_ins=check_ins,
        stamp=stamp,
        names=names,
    )
    if data.ok:
        assert data.value.startswith(b"BEGIN:VCALENDAR")
        assert data.value.count(b"BEGIN:VEVENT") >= len(p.milestones)
        if isinstance(check_ins, str) and isinstance(internship, mp.Term):
            meetings = len(check_in_dates(internship, check_ins))
            assert data.value.count(b"BEGIN:VEVENT") == len(p.milestones) + 1 + meetings
    # Several plans or one: the same options are accepted or refused alike.
    both = call(to_ics, [p, *more], reminders=reminders, stamp=stamp, names=names)
    assert both.ok == (call(to_ics, p, reminders=reminders, stamp=stamp, names=names).ok)


@fuzz
@given(authorization=authorizations(), offer=date_likes(), options=plan_options())
def test_earliest_start(authorization: object, offer: object, options: dict[str, object]) -> None:
    found = call(mp.earliest_start, authorization, offer, names=PLAN_NAMES | {"offer"}, **options)
    if found.ok and found.value is not None:
        admitted = mp.plan(authorization, found.value, **options)  # type: ignore[arg-type]
        assert admitted.feasible
        assert admitted.latest_offer >= mp_date(offer)


@fuzz
@given(
    authorization=mostly(st.sampled_from(("OPT", "opt", mp.Authorization.OPT, "CPT"))),
    start=_plan_starts(first_year=2023),
    options=plan_options(exclude=("processing", "premium")),
)
@example(authorization="OPT", start=date(1, 12, 31), options={"calendar": Calendar()}).via(
    "finding: compare() for a start before premium processing existed named 'premium', "
    "which compare does not take"
)
def test_compare(authorization: object, start: object, options: dict[str, object]) -> None:
    options.pop("start", None)  # compare(a, s, start=...): Python's own TypeError, not an input
    # compare takes no premium option (none is drawn): an error may not name it.
    names = PLAN_NAMES - {"premium"}
    compared = call(mp.compare, authorization, start, names=names, **options)
    if compared.ok:
        c = compared.value
        assert_valid_plan(c.standard)
        assert_valid_plan(c.premium)
        assert c.days_gained == (c.premium.latest_filing - c.standard.latest_filing).days
        assert c.extra_cost >= 0
        assert isinstance(c.offer_days_gained, int)


# -- the recruiting cycle -----------------------------------------------------------


@fuzz
@given(
    year=mostly(st.one_of(st.sampled_from(FUZZ_YEARS), st.integers(1971, 2099))),
    kinds=mostly(st.lists(authorizations(), max_size=3).map(tuple)),
    confidence=mostly(st.one_of(st.none(), st.floats(0.01, 1))),
    options=plan_options(exclude=("confidence", "premium", "mailing", "recommendation")),
)
@example(year=2027, kinds=("OPT",), confidence=None, options={"premium": True}).via(
    "finding: check_cycle(..., premium=True) raised TypeError (premium given twice)"
)
@example(year=2027, kinds=None, confidence=None, options={}).via(
    "finding: check_cycle(cycle, None) raised TypeError (not iterable)"
)
@example(year=2023, kinds=("CPT", "OPT", "AT"), confidence=None, options={}).via(
    "finding: check_cycle for IAP 2023 and earlier raised 'premium must be False'"
)
@example(year=1970, kinds=("CPT",), confidence=None, options={}).via(
    "finding: check_cycle for IAP 1970 named 'start', which check_cycle does not take"
)
def test_cycle(year: object, kinds: object, confidence: object, options: dict[str, object]) -> None:
    cycle = call(mp.recruiting_cycle, year, names={"year"})
    if not cycle.ok:
        cycle = Called(mp.recruiting_cycle(2027))
    c = cycle.value
    assert c.applications_open < c.posting < c.interviews < c.offers < c.term.start
    # check_cycle takes no start (the cycle has it) and no premium (it tries both).
    names = PLAN_NAMES - {"start", "premium"} | {"cycle", "authorizations", "authorization"}
    if "premium" in options:
        names |= {"premium"}
    checked = call(mp.check_cycle, c, kinds, confidence=confidence, names=names, **options)
    if checked.ok:
        report = checked.value
        assert len(report) == len(report.rows) >= 1
        for row in report:
            premium = (
                row.authorization is mp.Authorization.OPT and options.get("processing") is None
            )
            assert isinstance(row.premium_on_time, bool) if premium else row.premium_on_time is None
            assert row.slack == (row.latest_offer - c.offers).days
            assert row.slack >= 0 or not row.on_time
            assert row.plan is not None
            assert row.plan.authorization is row.authorization
            assert row.plan.latest_offer == row.latest_offer
        # The flags are the cycle dates closed on the plans' school calendar (the
        # school's, or the one given as calendar=), as the plans used it.
        first = report[0].plan
        assert first is not None
        school = first.milestones[0].calendar
        assert school is not None
        span = school.covers
        closed = [
            (name, day, school.why_closed(day))
            for name, day in c.dates()
            if span is None or span[0] <= day <= span[1]
        ]
        assert [(f.name, f.date, f.reason) for f in report.closed_dates] == [
            entry for entry in closed if entry[2] is not None
        ]


@fuzz
@given(
    title=mostly(st.text(max_size=8)),
    term=mostly(st.sampled_from(("IAP", " Spring ", ""))),
    alumni_host=mostly(st.booleans()),
)
def test_posting_title(title: object, term: object, alumni_host: object) -> None:
    made = call(
        mp.posting_title,
        title,
        term=term,
        alumni_host=alumni_host,
        names={"title", "term", "alumni_host"},
    )
    if made.ok:
        assert made.value.startswith("Micro-Intern: ")
        assert made.value.endswith(")")


@fuzz
@given(
    cycle=mostly(st.sampled_from((1970, 2027, 2099)).map(mp.recruiting_cycle)),
    bad=junk(),
)
def test_check_cycle_rejects_what_is_not_a_cycle(cycle: object, bad: object) -> None:
    call(mp.check_cycle, bad, names={"cycle"})
    call(mp.check_cycle, cycle, bad, names={"cycle", "authorizations", "authorization"})


# -- the internship and its allowances -----------------------------------------------

PERIOD_NAMES = {"start", "end", "hours_per_week"}


def _hours() -> st.SearchStrategy[object]:
    return mostly(
        st.one_of(st.integers(0, 168), st.floats(0, 168), st.sampled_from((10**400, 1e308, -1)))
    )


@fuzz
@given(
    term=mostly(
        st.sampled_from(
            [
                mp.iap(2027),
                mp.iap(1970),
                mp.Term(date.min, date.max),
                mp.Term(date(9999, 12, 1), date.max),
            ]
        )
    ),
    start=date_likes(),
    end=date_likes(),
    hours=_hours(),
    pay=mostly(st.one_of(st.none(), st.floats(0, 100), st.sampled_from((10**400, 15, 14.99)))),
    vacations=mostly(
        st.one_of(
            st.none(),
            st.lists(st.sampled_from([mp.iap(2027), mp.Term(date.min, date.max)]), max_size=2),
        )
    ),
    school=mostly(st.sampled_from((None, "mit", "generic", mp.schools.generic()))),
    weekday=mostly(st.sampled_from(("MO", "su", " fr "))),
)
@example(
    term=mp.iap(2027),
    start="2027-01-04",
    end="2027-01-29",
    hours=10**400,
    pay=None,
    vacations=None,
    school=None,
    weekday="MO",
).via("finding: hours_per_week=10**400 raised OverflowError")
@example(
    term=mp.iap(2027),
    start="2027-01-04",
    end="2027-01-29",
    hours=10,
    pay=10**400,
    vacations=None,
    school=None,
    weekday="MO",
).via("finding: pay_rate=10**400 raised OverflowError")
@example(
    term=mp.iap(2027),
    start="2027-01-04",
    end="2027-01-29",
    hours=40,
    pay=None,
    vacations=5,
    school=None,
    weekday="MO",
).via("finding: notices(vacations=5) raised TypeError")
def test_internship(
    term: object,
    start: object,
    end: object,
    hours: object,
    pay: object,
    vacations: object,
    school: object,
    weekday: object,
) -> None:
    names = {"term", "hours_per_week", "pay_rate"}
    for made in (
        call(mp.Internship, term, hours_per_week=hours, pay_rate=pay, names=names),
        call(
            mp.Internship.between,
            start,
            end,
            hours_per_week=hours,
            pay_rate=pay,
            names=names | {"start", "end"},
        ),
    ):
        if not made.ok:
            continue
        job = made.value
        assert job.period.days == job.term.days
        notices = call(
            job.notices, vacations=vacations, school=school, names={"vacations", "school"}
        )
        if notices.ok:
            assert all(n.code in {"hours", "weeks", "pay", "in-session"} for n in notices.value)
            assert_findings(notices.value, "notice")
        if job.term.weeks <= 1000:  # a tuple of every week of 9999 years is no check-in plan
            days = call(job.check_ins, weekday, names={"weekday"})
            if days.ok:
                assert all(job.term.start <= day <= job.term.end for day in days.value)


@st.composite
def periods(draw: st.DrawFn) -> object:
    items = draw(
        st.lists(
            mostly(st.tuples(fuzz_dates(), st.integers(0, 400), st.integers(0, 60)), 10), max_size=4
        )
    )
    out: list[object] = []
    for item in items:
        if not isinstance(item, tuple):
            out.append(item)
            continue
        first, length, hours = item
        last = first + timedelta(days=min(length, (date.max - first).days))
        out.append(mp.Period(first, last, hours_per_week=hours))
    return draw(junk()) if chance(draw, 10) else out


@fuzz
@given(
    items=periods(),
    start=date_likes(),
    end=date_likes(),
    hours=_hours(),
    allowance=mostly(st.sampled_from((365, 1, 10**400, 0))),
    warn=mostly(st.sampled_from((60, 0, 10**400))),
    months=mostly(st.sampled_from((18, 1, 10**400, 0))),
)
@example(
    items=[], start=date.min, end=date.min, hours=0, allowance=365, warn=HUGE_INT, months=18
).via("finding: the cpt-limit notice held warn_within=10**5000, which has no repr")
@example(
    items=[], start="2027-01-04", end="2027-01-29", hours=10, allowance=10**400, warn=60, months=18
).via("finding: opt_days_used(..., allowance_days=10**400).days_remaining raised OverflowError")
def test_allowances(
    items: object,
    start: object,
    end: object,
    hours: object,
    allowance: object,
    warn: object,
    months: object,
) -> None:
    period = call(mp.Period, start, end, hours_per_week=hours, names=PERIOD_NAMES)
    if period.ok:
        assert period.value.days >= 1
        assert period.value.full_time == (period.value.hours_per_week > 20)
    opt = call(
        mp.opt_days_used, items, allowance_days=allowance, names={"periods", "allowance_days"}
    )
    if opt.ok:
        assert opt.value.days_used >= 0
        assert 0 <= opt.value.days_remaining <= opt.value.allowance_days
    cpt = call(mp.cpt_full_time_days, items, warn_within=warn, names={"periods", "warn_within"})
    if cpt.ok:
        assert cpt.value.full_time_days >= 0
        assert isinstance(cpt.value.ends_opt_eligibility, bool)
        assert_findings(cpt.value.notices, "notice")
    at = call(mp.at_months_used, items, months, names={"periods", "program_months"})
    if at.ok:
        assert at.value.days_used >= 0
        assert 0 <= at.value.months_remaining <= 18
        assert math.isfinite(at.value.months_used)


@fuzz
@given(
    day=date_likes(),
    kind=mostly(st.sampled_from(("i765", "premium", "I765"))),
    authorization=authorizations(),
)
@example(day="2020-01-01", kind="i765", authorization="OPT").via(
    "finding: fee_on('i765', '2020-01-01') raised TypeError (an ISO string compared with a date)"
)
def test_lookups(day: object, kind: object, authorization: object) -> None:
    wage = call(mp.minimum_wage, day, names={"day"})
    if wage.ok:
        assert wage.value is None or wage.value >= 10.0
    fee = call(mp.fee_on, kind, day, names={"kind", "day"})
    if fee.ok:
        assert fee.value is None or (fee.value.kind == kind and fee.value.effective <= mp_date(day))
    path = call(mp.pathway, authorization, names={"authorization"})
    parsed = call(mp.Authorization.parse, authorization, names={"authorization"})
    assert path.ok == parsed.ok
    if path.ok:
        assert path.value.authorization is parsed.value
        assert path.value.steps[-1].option in path.value.options


# -- views ----------------------------------------------------------------------------


@_few(200)
@given(
    items=mostly(st.lists(plans(), max_size=3)), per=mostly(st.sampled_from(("plan", "milestone")))
)
def test_to_frame(items: object, per: object) -> None:
    frame = call(mp.to_frame, items, per=per, names={"plans", "per"})
    if frame.ok:
        given = [items] if isinstance(items, mp.Plan) else list(items)  # type: ignore[call-overload]
        rows = len(given) if per == "plan" else sum(len(p.milestones) for p in given)
        assert len(frame.value) == rows


CYCLES = tuple(mp.recruiting_cycle(year) for year in (2027, 2099, 2024))
CYCLE_CHECKS = (
    *(mp.check_cycle(cycle) for cycle in CYCLES),
    mp.check_cycle(CYCLES[0], ["OPT"], processing=mp.percentiles({50: 75, 95: 130})),
    mp.check_cycle(CYCLES[0], calendar=Calendar()),
)


@fuzz
@given(options=plan_options())
def test_plan_options(options: dict[str, object]) -> None:
    """PlanOptions is plan()'s options as one value: what it accepts, plan() accepts."""
    fields = {field.name for field in attrs.fields(mp.PlanOptions)}
    assume(set(options) <= fields)  # a misspelled keyword: see the xfail below
    made = call(mp.PlanOptions, names=fields | {"options"}, **options)
    if made.ok:
        assert hash(made.value) == hash(mp.PlanOptions(**options))  # type: ignore[arg-type]
        assert made.value == mp.PlanOptions(**options)  # type: ignore[arg-type]


@fuzz
@given(name=mostly(st.sampled_from(("mit", "generic", " MIT ", "harvard", ""))))
def test_schools_by_name(name: object) -> None:
    school = call(mp.schools.by_name, name, names={"school"})
    if school.ok:
        assert isinstance(school.value, mp.School)
        assert school.value.key == name.strip().lower()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        (("pay", "notice", {}), True),  # a known code missing its parameters: a plain sentence
        (("start-closed", "notice", {"start": date(2027, 1, 4)}), True),
        (("x", "notice", 5), False),  # parameters must be a mapping
        (("x", "bogus", {}), False),  # not one of the severities
        ((1, "notice", {}), False),  # a code that is not a str
        (("x", "notice", {1: 2}), False),  # parameter names are str
    ],
)
def test_a_finding_made_by_hand(args: tuple[object, ...], accepted: bool) -> None:
    """Law 1 for Finding: a bad field is a MicropathError naming it, and a finding
    that was made has a sentence (found by this file: a Finding checked none of its
    fields, and str() of a known code without its parameters raised KeyError)."""
    made = call(mp.Finding, *args, names={"code", "severity", "parameters", "source"})
    assert made.ok is accepted
    if made.ok:
        assert str(made.value).startswith(str(args[0]))


def test_plan_options_with_a_misspelled_keyword() -> None:
    """Found by this file: PlanOptions(processin=3) raised attrs' bare TypeError."""
    made = call(mp.PlanOptions, names={"options", "processin"}, processin=3)
    assert not made.ok
    assert "did you mean 'processing'?" in str(made.error)


@_few(25)
@given(
    subject=mostly(
        st.one_of(
            plans(),
            st.lists(plans(), min_size=1, max_size=2),
            st.sampled_from(CYCLE_CHECKS),
            st.sampled_from(CYCLES),  # a cycle alone: refused (the plot never plans)
        ),
        5,
    ),
    today=mostly(st.one_of(st.none(), st.sampled_from(EDGE_DATES)), 5),
)
@example(subject=ENDS_ON_DATE_MAX, today=None).via(
    "finding: a plan ending on 9999-12-31 raised OverflowError"
)
@example(subject=BEGINS_IN_YEAR_1, today=None).via(
    "finding: a plan beginning in 0001 raised OverflowError"
)
@example(subject=OPT_2027, today=date.min).via("finding: today=0001-01-01 raised OverflowError")
@example(subject=OPT_2027, today=date(2100, 12, 31)).via(
    "finding: a figure spanning decades took 13 s to draw (a tick a week), millennia for ever"
)
def test_plot_timeline(subject: object, today: object) -> None:
    import matplotlib.figure

    _warm_up_matplotlib()

    def plot_timeline_drawn() -> matplotlib.figure.Figure:
        figure = mp.plot_timeline(subject, today=today)  # type: ignore[arg-type]
        figure.savefig(io.BytesIO(), format="png", dpi=20)  # a figure is for showing
        return figure

    drawn = call(plot_timeline_drawn, names={"plans_or_cycle", "today", "ax"})
    if drawn.ok:
        assert isinstance(drawn.value, matplotlib.figure.Figure)
        low, high = drawn.value.axes[0].get_xlim()
        assert low < high


@pytest.mark.parametrize("year", [1970, 1971, 2000, 2023])
def test_plot_timeline_of_an_early_cycle(year: int) -> None:
    """Finding: a cycle that cannot be planned (IAP 1970: the chain leaves the
    calendars' span) was blamed on ``start``, which plot_timeline does not take.
    The plot no longer plans: ``check_cycle`` refuses that cycle, naming ``cycle``."""
    import matplotlib.figure

    checked = call(mp.check_cycle, mp.recruiting_cycle(year), names={"cycle"})
    assert checked.ok or year == 1970
    if checked.ok:
        drawn = call(mp.plot_timeline, checked.value, names={"plans_or_cycle"})
        assert drawn.ok
        assert isinstance(drawn.value, matplotlib.figure.Figure)


def test_the_fuzzing_covers_every_public_name() -> None:
    """Each name in ``__all__`` is fuzzed here (or is data, an error class, a
    result type built only by micropath)."""
    fuzzed = {
        "Calendar", "calendars", "days", "business_days", "within", "percentiles", "samples",
        "Lead", "Unit", "iap", "Term", "plan", "Plan", "earliest_start", "compare",
        "check_cycle", "recruiting_cycle", "posting_title", "Internship", "Period",
        "opt_days_used", "cpt_full_time_days", "at_months_used", "minimum_wage", "fee_on",
        "pathway", "Authorization", "to_frame", "plot_timeline", "Window", "Percentiles",
        "Samples", "PlanOptions", "schools", "offer_verdict",
    }  # fmt: skip
    # School: test_school_from_toml; Finding: test_a_finding_made_by_hand.
    fuzzed |= {"School", "Finding"}
    not_yet: set[str] = set()
    results = {
        "AtUsage", "ClosedDay", "Comparison", "Cost", "CptUsage", "Cycle", "CycleCheck",
        "CycleDate", "CycleRow", "Fee", "Milestone", "Notice", "OptUsage", "Pathway", "Source",
        "Step", "Verdict", "OfferVerdict",
    }  # fmt: skip
    data = {"FEES", "SOURCES", "__version__", "Role"}
    errors = {n for n in mp.__all__ if n.endswith("Error")}
    assert set(mp.__all__) == fuzzed | not_yet | results | data | errors


@pytest.mark.parametrize(
    "text", ["\u0662\u0660\u0662\u0667-\u0660\u0661-\u0660\u0664", "\uff12\uff10\uff12\uff17-01-04"]
)
def test_digits_of_other_scripts_are_not_an_iso_date(text: str) -> None:
    """Finding: ``\\d`` matched Arabic-Indic and full-width digits, so the error said
    "a real calendar date" as if the text were one; ISO 8601 dates are ASCII."""
    with pytest.raises(mp.InvalidValueError) as info:
        mp.plan("CPT", text)
    assert info.value.parameter == "start"
    assert "ISO date string" in info.value.expected


class _NoRepr:
    """A value whose repr fails, as the repr of an int of 5001 digits does."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


@pytest.mark.parametrize(
    ("make", "parameter"),
    [
        (lambda bad: mp.plan("CPT", bad), "start"),
        (lambda bad: Calendar({bad: 5}), "holidays[_NoRepr]"),
        (lambda bad: Calendar([(bad, 5)]), "holidays[_NoRepr]"),
    ],
)
def test_an_error_about_a_value_without_a_repr_still_has_a_message(
    make: Callable[[object], object], parameter: str
) -> None:
    """Found with ints of 5001 digits (see test_leads): the message never fails."""
    with pytest.raises(mp.InvalidTypeError) as info:
        make(_NoRepr())
    assert info.value.parameter == parameter
    assert str(info.value).startswith(f"{parameter} must be ")


# -- school files (TOML) ------------------------------------------------------------------


def _toml_value(value: object) -> str:
    """*value* as a TOML value (inline tables and arrays), for the school-file fuzz."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


_SCHOOL_KEYS = ("key", "label", "calendar", "term", "recruiting", "practices", "wage", "lable")
_SCHOOL_SUBKEYS = (
    "base", "weekmask", "closed", "winter_break", "closures", "first", "last", "name",
    "days", "weekday", "published", "offers", "decision_days", "cpt_processing",
    "opt_recommendation", "at_minimum_terms", "filing_window", "business_days", "terms",
    "minimum", "source", "confidence", "checked", "2027", "2026-12-24", "cpt_procesing",
)  # fmt: skip
_TOML_SCALARS = st.one_of(
    st.sampled_from(
        ["mit", "federal", "none", "moon", "12-24", "01-02", "13-40", "1111100", "0000000",
         "MonTueWedThuFri", "2027-01-04", "2027-02-30", "H", "X", "", " ", "x" * 300]
    ),
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, 1, 2, 5, 15, 26, 90, 366, 3650, 3651, -1, 10**6]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([date(1969, 12, 31), date(1970, 1, 1), date(2100, 12, 31), date(2101, 1, 1)]),
)  # fmt: skip
_TOML_VALUES = st.recursive(
    _TOML_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(_SCHOOL_SUBKEYS), inner, max_size=5),
    ),
    max_leaves=20,
)


@st.composite
def school_files(draw: st.DrawFn) -> bytes:
    """The bytes of a school file: mostly a table of known and unknown keys with
    values of every type, sometimes a valid base with one part spoiled, sometimes junk."""
    form = draw(st.integers(0, 9))
    if form == 0:
        return draw(st.binary(max_size=200))
    if form == 1:
        return draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")
    table: dict[str, object] = {}
    if form >= 5:  # a valid core, then more
        table = {"key": "fuzz", "label": "Fuzz University"}
    for name in draw(st.lists(st.sampled_from(_SCHOOL_KEYS), max_size=5, unique=True)):
        table[name] = draw(_TOML_VALUES)
    lines = []
    for name, value in table.items():
        lines.append(f"{json.dumps(name)} = {_toml_value(value)}")
    if form == 9:  # a huge table of closed days
        closed = ", ".join(
            f'"2026-{m:02d}-{d:02d}" = "x"' for m in range(1, 13) for d in range(1, 29)
        )
        lines.append(f"[calendar]\nclosed = {{{closed}}}")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@fuzz
@given(data=school_files())
@example(data=b'key = "a"\nlabel = "A"\n[calendar]\nweekmask = "0000000"').via(
    "a calendar with no business day"
)
@example(data=b'key = "a"\nlabel = "A"\n[calendar]\nbase = "none"\nweekmask = "1111111"').via(
    "a calendar open every day"
)
@example(
    data=b'key = "a"\nlabel = "A"\n[term]\npublished = { "2027" = ["0001-01-01", "9999-12-31"] }'
).via("a term spanning every date")
@example(data=b'key = "a"\nlabel = "A"\n[wage]\nminimum = { "0001-01-01" = 1000 }').via(
    "a wage from year 1"
)
def test_school_from_toml(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Law 1-3 for school files: a School, or a SchoolFileError that names the file and a
    key; a School plans (a result or a MicropathError) and its term and cycle answer."""
    path = tmp_path_factory.mktemp("school") / "fuzz.toml"
    path.write_bytes(data)
    made = call(mp.School.from_toml, path, names={"fuzz.toml:", "path"})
    if not made.ok:
        assert isinstance(made.error, mp.SchoolFileError)
        assert str(made.error).startswith("fuzz.toml: ")
        return
    school = made.value
    assert isinstance(school, mp.School)
    repr(school)
    for kind in ("CPT", "OPT", "AT"):
        result = call(mp.plan, kind, "2027-01-04", names=PLAN_NAMES, school=school)
        if result.ok:
            assert_valid_plan(result.value)
    term = call(school.term_of, 2027, names={"year", "start", "end"})
    if term.ok:
        call(mp.recruiting_cycle, 2027, names={"year", "school", "start", "end"}, school=school)
