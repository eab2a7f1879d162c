"""Every Hypothesis strategy the tests use.

Inputs are built valid by construction: a weekmask is drawn as a non-empty
set of working weekdays and then spelled in one of the forms
:class:`micropath.Calendar` accepts; closed days are drawn *near* the dates
under test (within the reach of the count), so that they change the answer.
Each calendar comes with its :class:`oracles.Workdays`, the plain data the
references in ``oracles.py`` step over.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import date, timedelta

import attrs
from hypothesis import strategies as st
from oracles import Workdays

from micropath import Calendar

__all__ = [
    "ArithmeticCase",
    "CalendarCase",
    "SpanCase",
    "arithmetic_cases",
    "builtin_dates",
    "calendar_cases",
    "calendar_spellings",
    "closed_days_near",
    "counts",
    "covered_arithmetic_cases",
    "dates",
    "dates_near_max",
    "dates_near_min",
    "holiday_names",
    "huge_counts",
    "invalid_weekmasks",
    "nested_calendar_cases",
    "span_cases",
    "union_cases",
    "weekmask_day_names",
    "weekmask_spellings",
    "weekmask_strings",
    "working_weekdays",
]

SHORT_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LONG_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_COUNT_LIMIT = 40
"""Largest |n| for tests that step day by day (a one-day weekmask makes it 7n days)."""
NEAR_LIMIT_DAYS = 200
"""How close to date.min / date.max the near-limit strategies draw."""
FAR_DAYS = 300 * 366
"""How far away the occasional distant closed week lies."""


@dataclass(frozen=True)
class CalendarCase:
    """A calendar and the plain data it was built from."""

    calendar: Calendar
    week: Workdays


@dataclass(frozen=True)
class ArithmeticCase:
    """A calendar, a day and a count n, with closed days near the day."""

    case: CalendarCase
    day: date
    n: int


@dataclass(frozen=True)
class SpanCase:
    """A calendar and two days, with closed days between and around them."""

    case: CalendarCase
    start: date
    end: date


# -- weekmasks -----------------------------------------------------------------


# One draw per set (bit i = weekday i), which keeps generation cheap; it shrinks
# toward {Monday}.
_WORKING_WEEKDAYS = st.integers(1, 127).map(
    lambda bits: frozenset(day for day in range(7) if bits >> day & 1)
)


def working_weekdays() -> st.SearchStrategy[frozenset[int]]:
    """Non-empty sets of working weekdays, 0 = Monday."""
    return _WORKING_WEEKDAYS


def weekmask_string(weekdays: frozenset[int]) -> str:
    return "".join("1" if day in weekdays else "0" for day in range(7))


def weekmask_strings() -> st.SearchStrategy[str]:
    """Valid seven-character 0/1 weekmasks with at least one working day."""
    return working_weekdays().map(weekmask_string)


_SEPARATORS = (" ", ",", ", ", "  ")
# Choices that only change how a value is spelled, not what it means, come
# from one seeded Random: one draw instead of one per day keeps generation cheap.
_SEEDS = st.integers(0, 2**32 - 1)


@st.composite
def weekmask_day_names(draw: st.DrawFn, weekdays: frozenset[int] | None = None) -> str:
    """Day-name spellings of *weekdays*: short or long names, any case, order and separator."""
    if weekdays is None:
        weekdays = draw(working_weekdays())
    spelling = random.Random(draw(_SEEDS))
    order = sorted(weekdays)
    spelling.shuffle(order)
    names = []
    for day in order:
        name = spelling.choice((SHORT_NAMES, LONG_NAMES))[day]
        names.append(spelling.choice((name, name.lower(), name.upper())))
    return spelling.choice(_SEPARATORS).join(names)


_PICK_WEEKMASK_FORM = st.integers(0, 4)


@st.composite
def weekmask_spellings(draw: st.DrawFn, weekdays: frozenset[int]) -> object:
    """*weekdays* in any of the forms Calendar accepts: 0/1 string (padded or not),
    seven int or bool flags, day names."""
    flags = [day in weekdays for day in range(7)]
    form = draw(_PICK_WEEKMASK_FORM)
    if form == 0:
        return weekmask_string(weekdays)
    if form == 1:
        return f" {weekmask_string(weekdays)} "
    if form == 2:
        return [int(flag) for flag in flags]
    if form == 3:
        return tuple(flags)
    return draw(weekmask_day_names(weekdays))


@st.composite
def invalid_weekmasks(draw: st.DrawFn) -> object:
    """Weekmasks Calendar must reject: no working day, wrong length, a flag that is not 0/1."""
    flags = draw(st.lists(st.sampled_from("01"), min_size=7, max_size=7))
    position = draw(st.integers(0, 6))
    bad_flag = draw(st.sampled_from("23456789"))
    short = draw(st.integers(0, 6))
    long_ = draw(st.integers(8, 14))
    return draw(
        st.sampled_from(
            (
                "0000000",
                [0] * 7,
                "".join([*flags[:position], bad_flag, *flags[position + 1 :]]),
                [*(int(f) for f in flags[:position]), 2, *(int(f) for f in flags[position + 1 :])],
                "1" * short,
                "1" * long_,
                [1] * short,
                "",
                "abc",
                "Mon Tue Funday",
            )
        )
    )


# -- dates and counts ------------------------------------------------------------


def dates() -> st.SearchStrategy[date]:
    """Ordinary dates, away from the ends of the date range."""
    return st.dates(min_value=date(1600, 1, 1), max_value=date(2400, 12, 31))


def dates_near_min() -> st.SearchStrategy[date]:
    """Dates within NEAR_LIMIT_DAYS of date.min (0001-01-01, a Monday)."""
    return st.integers(0, NEAR_LIMIT_DAYS).map(lambda days: date.min + timedelta(days=days))


def dates_near_max() -> st.SearchStrategy[date]:
    """Dates within NEAR_LIMIT_DAYS of date.max (9999-12-31, a Friday)."""
    return st.integers(0, NEAR_LIMIT_DAYS).map(lambda days: date.max - timedelta(days=days))


def builtin_dates(first_year: int = 1970, last_year: int = 2100) -> st.SearchStrategy[date]:
    """Dates the built-in calendars cover."""
    return st.dates(min_value=date(first_year, 1, 1), max_value=date(last_year, 12, 31))


def counts(limit: int = DEFAULT_COUNT_LIMIT) -> st.SearchStrategy[int]:
    """Counts n with |n| <= limit, zero and +-1 included."""
    return st.integers(-limit, limit)


def huge_counts() -> st.SearchStrategy[int]:
    """Counts far beyond anything date can hold, and some that nearly fit."""
    days_in_range = date.max.toordinal()
    return st.one_of(
        st.integers(-(2**80), 2**80),
        st.integers(days_in_range // 7, 2 * days_in_range),
        st.integers(-2 * days_in_range, -(days_in_range // 7)),
    )


def holiday_names() -> st.SearchStrategy[str]:
    """A few realistic names; none contains the ' / ' that joins names."""
    return st.sampled_from(
        ("New Year's Day", "Christmas Day", "winter break", "Patriots' Day", "closure")
    )


# -- calendars -----------------------------------------------------------------


def _clamp_offsets(anchor: date, reach: int) -> tuple[int, int]:
    lowest = max(-reach, date.min.toordinal() - anchor.toordinal())
    highest = min(reach, date.max.toordinal() - anchor.toordinal())
    return lowest, highest


@st.composite
def closed_days_near(
    draw: st.DrawFn, anchor: date, reach: int, max_size: int = 12
) -> frozenset[date]:
    """Scattered closed days, and sometimes a run of them, within *reach* days of *anchor*.

    Sometimes also a closed week centuries away: it changes no answer near
    *anchor*, but closed days spread over centuries take the engine off its
    dense look-up tables (built only for closed days within about 200 years)
    and onto bisection, so both ways get tested.
    """
    lowest, highest = _clamp_offsets(anchor, reach)
    offsets = set(draw(st.lists(st.integers(lowest, highest), max_size=max_size)))
    if draw(st.booleans()):  # a closure such as a winter break
        first = draw(st.integers(lowest, highest))
        length = draw(st.integers(1, 14))
        offsets.update(range(first, min(first + length, highest + 1)))
    if draw(st.booleans()):
        far = FAR_DAYS if anchor.toordinal() + FAR_DAYS + 7 <= date.max.toordinal() else -FAR_DAYS
        offsets.update(range(far, far + 7))
    return frozenset(anchor + timedelta(days=offset) for offset in offsets)


_PICK_HOLIDAYS_FORM = st.integers(0, 3)
_BITS = st.integers(0, 2**64 - 1)


@st.composite
def calendar_spellings(
    draw: st.DrawFn,
    weekdays: frozenset[int],
    closed: frozenset[date] | dict[date, str],
    *,
    name: str = "",
) -> Calendar:
    """A Calendar with these working weekdays and closed days, spelled in any accepted form.

    A set of dates gets the unnamed forms (dates, ISO strings, a mix, a
    frozenset); a mapping from date to name gets the named forms (a dict keyed
    by dates or ISO strings, (date, name) pairs, (ISO string, name) pairs).
    Either way the days come in a shuffled order.
    """
    ordered = sorted(closed)
    random.Random(draw(_SEEDS)).shuffle(ordered)
    form = draw(_PICK_HOLIDAYS_FORM)
    holidays: object
    if isinstance(closed, dict):
        if form == 0:
            holidays = {day: closed[day] for day in ordered}
        elif form == 1:
            holidays = {day.isoformat(): closed[day] for day in ordered}
        elif form == 2:
            holidays = [(day, closed[day]) for day in ordered]
        else:
            holidays = tuple((day.isoformat(), closed[day]) for day in ordered)
    elif form == 0:
        holidays = ordered
    elif form == 1:
        holidays = tuple(day.isoformat() for day in ordered)
    elif form == 2:
        as_text = draw(_BITS)
        holidays = [
            day.isoformat() if as_text >> (i % 64) & 1 else day for i, day in enumerate(ordered)
        ]
    else:
        holidays = frozenset(ordered)
    weekmask = draw(weekmask_spellings(weekdays))
    return Calendar(holidays, weekmask=weekmask, name=name)  # type: ignore[arg-type]


def _reach(weekdays: frozenset[int], n: int) -> int:
    """Calendar days within which the n-th business day surely lies, holidays aside."""
    return 7 * (abs(n) + 2) // len(weekdays) + 7


@st.composite
def calendar_cases(
    draw: st.DrawFn,
    anchor: date,
    reach: int,
    weekdays: frozenset[int] | None = None,
) -> CalendarCase:
    """A calendar whose closed days lie within *reach* days of *anchor*."""
    if weekdays is None:
        weekdays = draw(working_weekdays())
    closed = draw(closed_days_near(anchor, reach))
    calendar = draw(calendar_spellings(weekdays, closed))
    return CalendarCase(calendar, Workdays(weekdays, closed))


@st.composite
def arithmetic_cases(
    draw: st.DrawFn,
    days: st.SearchStrategy[date] | None = None,
    ns: st.SearchStrategy[int] | None = None,
) -> ArithmeticCase:
    """A day, a count and a calendar with closed days on the way from the day."""
    day = draw(dates() if days is None else days)
    n = draw(counts() if ns is None else ns)
    weekdays = draw(working_weekdays())
    case = draw(calendar_cases(day, _reach(weekdays, n), weekdays))
    return ArithmeticCase(case, day, n)


@st.composite
def span_cases(
    draw: st.DrawFn,
    days: st.SearchStrategy[date] | None = None,
    max_days: int = 400,
) -> SpanCase:
    """Two days up to *max_days* apart, either order, closed days around both."""
    start = draw(dates() if days is None else days)
    lowest, highest = _clamp_offsets(start, max_days)
    end = start + timedelta(days=draw(st.integers(lowest, highest)))
    middle = start + timedelta(days=(end - start).days // 2)
    reach = abs((end - start).days) // 2 + 14
    case = draw(calendar_cases(middle, reach))
    return SpanCase(case, start, end)


@st.composite
def nested_calendar_cases(
    draw: st.DrawFn, anchor: date, reach: int
) -> tuple[CalendarCase, CalendarCase]:
    """(fewer closed, more closed): the second works on a subset of the first's weekdays
    and is closed on a superset of its closed days."""
    weekdays = draw(working_weekdays())
    kept = draw(_WORKING_WEEKDAYS)  # which of weekdays stay working, at least one of them
    fewer_weekdays = (weekdays & kept) or frozenset({min(weekdays)})
    closed = draw(closed_days_near(anchor, reach))
    extra = draw(closed_days_near(anchor, reach))
    fewer = CalendarCase(draw(calendar_spellings(weekdays, closed)), Workdays(weekdays, closed))
    more = CalendarCase(
        draw(calendar_spellings(fewer_weekdays, closed | extra)),
        Workdays(fewer_weekdays, closed | extra),
    )
    return fewer, more


@st.composite
def union_cases(
    draw: st.DrawFn, anchor: date, reach: int = 60, size: int = 2, named: bool = False
) -> tuple[CalendarCase, ...]:
    """*size* calendars near *anchor* that share at least one working weekday.

    With *named*, closed days carry names (often clashing on the same day)
    and each calendar has a name.
    """
    shared = draw(st.integers(0, 6))
    cases = []
    for _ in range(size):
        weekdays = draw(working_weekdays()) | {shared}
        closed = draw(closed_days_near(anchor, reach))
        if named:
            names = {day: draw(holiday_names()) for day in sorted(closed)}
            label = draw(st.sampled_from(("federal", "massachusetts", "mit", "")))
            calendar = draw(calendar_spellings(weekdays, names, name=label))
        else:
            calendar = draw(calendar_spellings(weekdays, closed))
        cases.append(CalendarCase(calendar, Workdays(weekdays, closed)))
    return tuple(cases)


@st.composite
def covered_arithmetic_cases(draw: st.DrawFn) -> ArithmeticCase:
    """Like :func:`arithmetic_cases`, but the calendar only covers a span around the day."""
    plain = draw(arithmetic_cases())
    day = plain.day
    first = day - timedelta(days=draw(st.integers(0, 3 * DEFAULT_COUNT_LIMIT)))
    last = day + timedelta(days=draw(st.integers(0, 3 * DEFAULT_COUNT_LIMIT)))
    calendar = attrs.evolve(plain.case.calendar, covers=(first, last))
    week = dataclasses.replace(plain.case.week, first=first, last=last)
    return ArithmeticCase(CalendarCase(calendar, week), day, plain.n)


# == estimates, confidence and allowances: test_estimates.py, test_confidence.py, ==
# == test_fees.py, test_internship.py                                              ==

from fractions import Fraction  # noqa: E402

from micropath import Internship, Percentiles, Period, Samples  # noqa: E402
from micropath import percentiles as make_percentiles  # noqa: E402
from micropath import samples as make_samples  # noqa: E402

UNITS = ("days", "business_days")
NOTABLE_HUNDREDTHS = (3330, 5700, 9990, 5000, 8000, 9500, 1, 9999)
"""Percentiles in hundredths of a percent: 33.3, 57, 99.9, 50, 80, 95, 0.01, 99.99."""


@dataclass(frozen=True)
class PercentileCase:
    """A percentiles estimate and the exact points it was built from.

    ``points`` holds (percentile as an exact Fraction, days); ``spelled`` is the
    mapping handed to :func:`micropath.percentiles` (ints, or floats such as 33.3).
    """

    estimate: Percentiles
    points: tuple[tuple[Fraction, int], ...]
    spelled: dict[float, int]

    @property
    def top(self) -> Fraction:
        """The highest percentile given, as a share in (0, 1)."""
        return self.points[-1][0] / 100


@dataclass(frozen=True)
class SampleCase:
    """A samples estimate and the values it was built from (in the order given)."""

    estimate: Samples
    values: tuple[int, ...]


def _spell_hundredths(hundredths: int) -> float:
    """33.3 for 3330, 57 for 5700: the spelling a person would type."""
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


@st.composite
def percentile_cases(
    draw: st.DrawFn, unit: str | None = None, max_points: int = 5, max_days: int = 300
) -> PercentileCase:
    """Valid point sets: 1..max_points distinct percentiles in (0, 100), days strictly
    increasing and positive, drawn directly (no filtering)."""
    hundredths = draw(
        st.lists(
            st.one_of(st.sampled_from(NOTABLE_HUNDREDTHS), st.integers(1, 9999)),
            min_size=1,
            max_size=max_points,
            unique=True,
        )
    )
    hundredths.sort()
    if len(hundredths) > 1 and hundredths[-1] <= 100:
        # All keys at most 1 reads as a 0-1 scale typed by mistake, which percentiles()
        # rejects; keep the draw valid by making the top point a real percentile.
        hundredths[-1] = draw(st.integers(101, 9999))
    first = draw(st.integers(1, max_days // 2))
    steps = draw(
        st.lists(st.integers(1, 60), min_size=len(hundredths) - 1, max_size=len(hundredths) - 1)
    )
    days = [first]
    for step in steps:
        days.append(days[-1] + step)
    spelled = {_spell_hundredths(h): d for h, d in zip(hundredths, days, strict=True)}
    chosen = unit if unit is not None else draw(st.sampled_from(UNITS))
    estimate = make_percentiles(spelled, unit=chosen)
    points = tuple((Fraction(h, 100), d) for h, d in zip(hundredths, days, strict=True))
    return PercentileCase(estimate, points, spelled)


@st.composite
def sample_cases(
    draw: st.DrawFn, unit: str | None = None, max_size: int = 30, max_days: int = 300
) -> SampleCase:
    """Observed durations, 0..max_days, repeats common, in any order."""
    pool = draw(st.lists(st.integers(0, max_days), min_size=1, max_size=8))
    values = tuple(
        draw(st.lists(st.sampled_from(pool) | st.integers(0, max_days), min_size=1,
                      max_size=max_size))
    )  # fmt: skip
    chosen = unit if unit is not None else draw(st.sampled_from(UNITS))
    return SampleCase(make_samples(list(values), unit=chosen), values)


def confidences_up_to(top: Fraction = Fraction(1)) -> st.SearchStrategy[Fraction]:
    """Confidences j/10000 in (0, top] (top a multiple of 1/10000), the ends included."""
    highest = int(top * 10000)
    return st.one_of(
        st.sampled_from(sorted({1, highest, max(1, highest // 2)})), st.integers(1, highest)
    ).map(lambda j: Fraction(j, 10000))


def spell_confidence(confidence: Fraction, as_float: bool) -> float | Fraction:
    """A confidence as the float a person types (0.95) or as the exact Fraction."""
    return float(confidence) if as_float else confidence


@dataclass(frozen=True)
class EstimatePlanCase:
    """Inputs for a plan whose processing is an estimate, planned at *confidence*."""

    authorization: str
    start: date
    processing: PercentileCase | SampleCase
    confidence: Fraction

    @property
    def estimate(self) -> Percentiles | Samples:
        return self.processing.estimate


@st.composite
def estimate_plan_cases(
    draw: st.DrawFn,
    unit: str | None = None,
    kind: str | None = None,
    authorizations: tuple[str, ...] = ("CPT", "OPT", "AT"),
) -> EstimatePlanCase:
    """A start in 2024..2030 (the winter breaks and federal holidays of the built-in
    calendars lie on the way), a percentiles or samples processing estimate and a
    confidence it can answer."""
    authorization = draw(st.sampled_from(authorizations))
    start = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    chosen_kind = kind if kind is not None else draw(st.sampled_from(("percentiles", "samples")))
    processing: PercentileCase | SampleCase
    if chosen_kind == "percentiles":
        processing = draw(percentile_cases(unit=unit, max_days=200))
        top = processing.top
    else:
        processing = draw(sample_cases(unit=unit, max_days=200))
        top = Fraction(1)
    confidence = draw(confidences_up_to(top))
    return EstimatePlanCase(authorization, start, processing, confidence)


WORK_HOURS = (0, 10, 15, 19.5, 20, 20.5, 21, 35, 40)
"""Hours a week around the full-time line (more than 20 is full time)."""


_WORK_HOURS = st.one_of(
    st.sampled_from(WORK_HOURS), st.floats(0, 168, allow_nan=False, allow_infinity=False)
)


def work_hours() -> st.SearchStrategy[float]:
    """Hours a week from 0 to 168, the 20-hour line and its neighbours favoured."""
    return _WORK_HOURS


def _work_period(start: date, length: int, hours: float, spelling: int) -> Period | Internship:
    end = start + timedelta(days=length)
    if spelling == 0:
        return Internship.between(start, end, hours_per_week=hours)
    return Period(start, end, hours_per_week=hours)


def work_periods(
    anchor: date = date(2025, 1, 6), spread: int = 60, max_days: int = 60
) -> st.SearchStrategy[Period | Internship]:
    """A period of work near *anchor* (so that periods drawn together often overlap);
    one in five spelled as an Internship. Built in one step (no composite): these are
    drawn by the thousand."""
    starts = st.integers(-spread, spread).map(lambda offset: anchor + timedelta(days=offset))
    return st.builds(
        _work_period, starts, st.integers(0, max_days - 1), _WORK_HOURS, st.integers(0, 4)
    )


@st.composite
def disjoint_period_groups(
    draw: st.DrawFn, anchor: date = date(2025, 1, 6), max_periods: int = 8
) -> tuple[list[Period], list[Period]]:
    """Two lists of periods no day of which overlaps: periods are laid end to end with
    gaps of zero or more days, then each is dealt to one of the two lists."""
    count = draw(st.integers(0, max_periods))
    day = anchor + timedelta(days=draw(st.integers(-30, 30)))
    first: list[Period] = []
    second: list[Period] = []
    for _ in range(count):
        start = day + timedelta(days=draw(st.integers(0, 10)))
        end = start + timedelta(days=draw(st.integers(0, 40)))
        period = Period(start, end, hours_per_week=draw(work_hours()))
        (first if draw(st.booleans()) else second).append(period)
        day = end + timedelta(days=1)
    return first, second


# == planner: tests/test_planner_properties.py ==================================
# Random authorizations, leads and made-up school / USCIS calendars whose closed days
# lie along the whole chain (from well before the latest offer up to the start).

import oracles as _oracles  # noqa: E402

import micropath as _mp  # noqa: E402

PLANNER_MAX_DAYS = 200
"""Largest calendar-day lead drawn."""
PLANNER_MAX_BUSINESS_DAYS = 40
"""Largest business-day lead drawn."""
PLANNER_OPTIONS = {
    "CPT": ("decision", "preparation", "processing"),
    "AT": ("decision", "preparation", "processing"),
    "OPT": ("decision", "preparation", "recommendation", "processing", "mailing"),
}
"""The lead options each authorization accepts."""


@dataclass(frozen=True)
class PlanCase:
    """One plan's inputs: the made-up calendars come with the plain data behind them."""

    authorization: str
    start: date
    leads: dict[str, object]
    """option -> an int (calendar days), micropath.days(n), micropath.business_days(n)
    or None (the default); premium OPT leaves processing None."""
    premium: bool
    school: CalendarCase
    uscis: CalendarCase
    filing: str = "paper"
    """``"online"`` or ``"paper"`` (OPT's receipt rolls to a USCIS business day on paper)."""

    @property
    def calendars(self) -> dict[str, Calendar]:
        return {"school": self.school.calendar, "uscis": self.uscis.calendar}

    @property
    def options(self) -> dict[str, object]:
        """Keyword options for micropath.plan / earliest_start."""
        chosen: dict[str, object] = {k: v for k, v in self.leads.items() if v is not None}
        if self.premium:
            chosen["premium"] = True
        chosen["calendar"] = self.calendars
        chosen["filing"] = self.filing
        return chosen

    def chain(self, leads: dict[str, object] | None = None) -> tuple[_oracles.ChainStep, ...]:
        """The oracle's chain for these inputs (or with other *leads*)."""
        return _oracles.default_chain(
            self.authorization,
            school=_oracles.open_days(self.school.week),
            uscis=_oracles.open_days(self.uscis.week),
            leads=self.leads if leads is None else leads,
            premium=self.premium,
            paper=self.filing == "paper",
        )


_PLANNER_LEADS: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.integers(0, PLANNER_MAX_DAYS),
    st.integers(0, PLANNER_MAX_DAYS).map(_mp.days),
    st.integers(0, PLANNER_MAX_BUSINESS_DAYS).map(_mp.business_days),
)


def planner_leads() -> st.SearchStrategy[object]:
    """A lead option: None (default), an int, days(n) or business_days(n)."""
    return _PLANNER_LEADS


def _span_days(amount: int, business: bool, weekdays: frozenset[int]) -> int:
    """Calendar days a step surely fits in, closed days aside."""
    if not business:
        return amount
    return 7 * (amount + 2) // len(weekdays) + 7


_FRACTION = 2**16
_SCATTERED = st.lists(st.integers(0, _FRACTION), max_size=30)
_CLOSURES = st.lists(st.tuples(st.integers(0, _FRACTION), st.integers(1, 21)), max_size=2)


@st.composite
def planner_closed_days(draw: st.DrawFn, start: date, reach: int) -> frozenset[date]:
    """Closed days from *reach* days before *start* to a week after it: scattered
    ones, and up to two closures (runs of 1-21 days). Positions are drawn as
    fractions of the span, so the strategies are built once."""

    def offset(fraction: int) -> int:
        return -reach + fraction * (reach + 7) // _FRACTION

    offsets = {offset(f) for f in draw(_SCATTERED)}
    for first, length in draw(_CLOSURES):
        offsets.update(range(offset(first), offset(first) + length))
    return frozenset(start + timedelta(days=o) for o in offsets)


PLANNER_STARTS = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
PREMIUM_STARTS = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))
"""Premium starts reach back before premium processing began (2023-03-06) and
straddle the switch to business days (2024-04-01)."""


@st.composite
def plan_cases(
    draw: st.DrawFn,
    authorizations: tuple[str, ...] = ("CPT", "OPT", "AT"),
    premium: bool | None = None,
    starts: st.SearchStrategy[date] | None = None,
) -> PlanCase:
    """An authorization, a start, leads and two made-up calendars.

    *premium*: None draws it (OPT only), True / False forces it (OPT only).
    """
    authorization = draw(st.sampled_from(authorizations))
    with_premium = authorization == "OPT" and (draw(st.booleans()) if premium is None else premium)
    if starts is None:
        starts = PREMIUM_STARTS if with_premium else PLANNER_STARTS
    start = draw(starts)
    leads = {option: draw(planner_leads()) for option in PLANNER_OPTIONS[authorization]}
    if with_premium:
        leads["processing"] = None
    school_weekdays = draw(working_weekdays())
    uscis_weekdays = draw(working_weekdays())
    reach = 30
    for option, amount, business, actor, _ in _oracles.DEFAULT_CHAINS[authorization]:
        if leads.get(option) is not None:
            amount, business = _oracles.lead_parts(leads[option])
        if with_premium and option == "processing":
            amount, business = 30, True
        weekdays = school_weekdays if actor == "school" else uscis_weekdays
        reach += _span_days(amount, business, weekdays)
    cases = []
    for weekdays in (school_weekdays, uscis_weekdays):
        closed = draw(planner_closed_days(start, reach))
        calendar = Calendar(sorted(closed), weekmask=weekmask_string(weekdays))
        cases.append(CalendarCase(calendar, Workdays(weekdays, closed)))
    filing = draw(st.sampled_from(("online", "paper")))
    return PlanCase(authorization, start, leads, with_premium, cases[0], cases[1], filing)


# == fuzzing: tests/test_fuzz_api.py, tests/test_fuzz_cli.py =========================
# "Junk": valid values mixed with the inputs that break libraries: dates at the ends of
# datetime.date, the years around the built-in calendars' span (1969, 1970, 2099-2101),
# empty and all-closed calendars, huge leads, and every type a caller might pass by
# mistake (None, floats, NaN, bools, datetimes, numpy and pandas scalars, Fractions,
# containers). Everything here is built once, at import.

import math as _math  # noqa: E402
from datetime import UTC as _UTC  # noqa: E402
from datetime import datetime as _datetime  # noqa: E402
from decimal import Decimal as _Decimal  # noqa: E402

import numpy as _np  # noqa: E402

_ONE = timedelta(days=1)

FUZZ_YEARS = (1, 2, 1969, 1970, 1971, 2023, 2024, 2026, 2027, 2099, 2100, 2101, 9998, 9999)
"""Years at the ends of date's range and of the built-in calendars' span (1970-2100)."""

EDGE_DATES = (
    date.min,
    date.min + _ONE,
    date(1, 1, 31),
    date(1, 12, 31),
    date(1969, 12, 31),
    date(1970, 1, 1),
    date(1970, 1, 5),
    date(2023, 3, 6),
    date(2024, 2, 29),
    date(2024, 4, 1),
    date(2026, 12, 24),
    date(2027, 1, 4),
    date(2099, 12, 31),
    date(2100, 12, 31),
    date(2101, 1, 1),
    date(9999, 1, 4),
    date.max - timedelta(days=120),
    date.max - _ONE,
    date.max,
)
"""Dates where arithmetic runs out of room, or a calendar's span begins or ends."""

HUGE_INT = 10**5000
"""More digits than ``str(int)`` may print (4300): an error showing it must not fail."""


class FuzzDate(date):
    """A date subclass that is not a datetime: accepted as the date it is."""


def _all_closed_calendars() -> tuple[Calendar, ...]:
    sundays = [date(1990, 1, 7) + timedelta(weeks=w) for w in range(52 * 50 + 10)]
    return (
        # Every day of 2020-2030 closed by one closure.
        Calendar(name="closed").with_closure("2020-01-01", "2030-12-31", name="closure"),
        # One working weekday, and each of them closed for fifty years.
        Calendar(sundays, weekmask="0000001", name="sundays"),
        # Closed on every day it covers: no business day to be found at all.
        Calendar(covers=(date(2020, 1, 1), date(2022, 12, 31))).with_closure(
            "2020-01-01", "2022-12-31", name="closure"
        ),
    )


ALL_CLOSED_CALENDARS = _all_closed_calendars()

FUZZ_CALENDARS: tuple[Calendar, ...] = (
    Calendar(),
    Calendar(weekmask="0000001"),
    Calendar(weekmask="1111111"),
    Calendar([date.min, date.min + _ONE, date.max - _ONE, date.max], name="ends"),
    Calendar(covers=(date.min, date(1, 12, 31))),
    Calendar(covers=(date(9999, 1, 1), date.max)),
    Calendar(covers=(date(2027, 1, 4), date(2027, 1, 4))),
    *ALL_CLOSED_CALENDARS,
)
"""Empty, all-closed and edge-of-range calendars (the built-in ones are added by
:func:`fuzz_calendars`, which builds them on first use)."""


def _junk_constants() -> tuple[object, ...]:
    values: list[object] = [
        None, True, False, 0, 1, -1, 2, 7, 30, 120, 365, 10**9, -(10**9), 2**63, -(2**63),
        0.0, -0.0, 0.5, 0.8, 1.0, 1.5, 1e-300, 1e308, -1e308, _math.nan, _math.inf, -_math.inf,
        Fraction(1, 3), Fraction(95, 100), Fraction(10**20, 3), _Decimal("0.5"), _Decimal("NaN"),
        1 + 2j,
        _np.int64(7), _np.int32(-1), _np.uint8(1), _np.int64(2**62), _np.float64(0.9),
        _np.float32("nan"), _np.bool_(True), _np.datetime64("2027-01-04"),
        _np.datetime64("NaT"), _np.array([1, 2]), _np.array(5), _np.array(["2027-01-04"]),
        "", " ", "\t\n", "2027-01-04", " 2027-01-04 ", "2027-1-4", "2027-02-29", "2024-02-29",
        "0001-01-01", "9999-12-31", "0000-01-01", "1969-12-31", "2100-12-31", "2101-01-01",
        "20270104", "2027-01-04T00:00", "2027-01-04\x00",
        "\u0662\u0660\u0662\u0667-\u0660\u0661-\u0660\u0664",
        "\x00", "\ufeff", "\U0001f4a5", "\u0130", "CPT", "opt", " AT ", "H-1B", "mit", "MIT",
        "federal", "uscis", "massachusetts", "days", "business_days", "MO", "fr", "1111100",
        "0000000", "0000001", "Mon Tue", "plan", "milestone", "i765", "premium", "offer",
        "filing", "start", "nan", "inf", "1e9", "-3", "10", "yes",
        b"2027-01-04", bytearray(b"CPT"),
        [], [1], [None], [date(2027, 1, 4)], (), (1, 2), ("2027-01-04", "2027-01-29"),
        (date.max, date.min), {}, {"a": 1}, {1: 2}, {2027: None}, set(), frozenset({1}), range(3),
        _datetime(2027, 1, 4), _datetime(2027, 1, 4, tzinfo=_UTC), _datetime.min,
        _datetime.max, timedelta(days=1), object(), Ellipsis, FuzzDate(2027, 1, 4),
        _mp.days(0), _mp.days(120), _mp.days(10**9), _mp.business_days(0),
        _mp.business_days(10), _mp.business_days(10**9),
        _mp.Unit.DAYS, _mp.Unit.BUSINESS_DAYS, _mp.Authorization.OPT, _mp.Authorization.CPT,
        _mp.Term(date.min, date.max, name="all time"), _mp.Term(date.max, date.max),
        _mp.Term(date(2027, 1, 4), date(2027, 1, 29), name="IAP 2027"),
        make_percentiles({50: 75, 80: 100, 95: 130}), make_samples([90, 100, 10**9]),
        *FUZZ_CALENDARS,
    ]  # fmt: skip
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is in the test extra
        pass
    else:
        values += [pd.Timestamp("2027-01-04"), pd.NaT, pd.Timedelta(days=1)]
    return tuple(values)


JUNK_CONSTANTS = _junk_constants()


def fuzz_dates() -> st.SearchStrategy[date]:
    """Real dates: the edges above, any date at all, near date.min and date.max, and
    the years around the built-in calendars' span."""
    return st.one_of(
        st.sampled_from(EDGE_DATES),
        st.dates(),
        dates_near_min(),
        dates_near_max(),
        st.dates(min_value=date(1969, 1, 1), max_value=date(2101, 12, 31)),
    )


_JUNK: st.SearchStrategy[object] = st.one_of(
    st.sampled_from(JUNK_CONSTANTS),
    # Drawn, not listed: Hypothesis would print all 5001 digits in every report.
    st.sampled_from((1, -1)).map(lambda sign: sign * HUGE_INT),
    fuzz_dates(),
    fuzz_dates().map(date.isoformat),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.datetimes(),
    st.fractions(),
    st.lists(st.sampled_from(JUNK_CONSTANTS[:30]), max_size=3),
)


def junk() -> st.SearchStrategy[object]:
    """Anything at all a caller might pass, valid or not."""
    return _JUNK


def chance(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in *one_in* draws (shrinking toward False).

    ``st.integers(0, n)`` would not do: Hypothesis draws its bounds far more often
    than 1 / (n + 1), while ``sampled_from`` picks nearly uniformly.
    """
    return bool(draw(st.sampled_from(range(one_in))) == one_in - 1)


def mostly(valid: st.SearchStrategy[object], one_in: int = 4) -> st.SearchStrategy[object]:
    """*valid*, but junk in about one draw out of *one_in* (shrinks toward valid)."""
    return st.sampled_from(range(one_in)).flatmap(
        lambda pick: junk() if pick == one_in - 1 else valid
    )


def date_likes() -> st.SearchStrategy[object]:
    """Dates and ISO strings, mostly real, sometimes junk."""
    return mostly(st.one_of(fuzz_dates(), fuzz_dates().map(date.isoformat)))


@st.composite
def _drawn_calendars(draw: st.DrawFn) -> Calendar:
    """A calendar with closed days near some date, perhaps a closure of up to three
    years, perhaps a covered span."""
    anchor = draw(fuzz_dates())
    closed = draw(closed_days_near(anchor, 60, max_size=8))
    calendar = Calendar(sorted(closed), weekmask=weekmask_string(draw(working_weekdays())))
    lowest, highest = _clamp_offsets(anchor, 3 * 366)
    if draw(st.booleans()):
        first = draw(st.integers(lowest, highest))
        last = draw(st.integers(first, highest))
        calendar = calendar.with_closure(
            anchor + timedelta(days=first), anchor + timedelta(days=last), name="closure"
        )
    if draw(st.booleans()):
        first = draw(st.integers(lowest, 0))
        last = draw(st.integers(0, highest))
        calendar = attrs.evolve(
            calendar, covers=(anchor + timedelta(days=first), anchor + timedelta(days=last))
        )
    return calendar


@st.composite
def fuzz_calendars(draw: st.DrawFn) -> Calendar:
    """Built-in, empty, all-closed, edge-of-range and drawn calendars."""
    pick = draw(st.sampled_from(range(3)))
    if pick == 0:
        return draw(st.sampled_from(FUZZ_CALENDARS))
    if pick == 1:
        return draw(st.sampled_from(("federal", "massachusetts", "mit")).map(_mp.calendars.by_name))
    return draw(_drawn_calendars())


def fuzz_leads() -> st.SearchStrategy[object]:
    """Lead options: None, ints, days(n), business_days(n), huge ones, estimates."""
    return st.one_of(
        st.none(),
        st.integers(0, 400),
        st.integers(0, 400).map(_mp.days),
        st.integers(0, 60).map(_mp.business_days),
        st.sampled_from((10**9, _mp.days(10**9), _mp.business_days(10**9), 3650, 3651)),
        st.sampled_from(
            (
                make_percentiles({50: 75, 80: 100, 95: 130}),
                make_percentiles({50: 10, 99.9: 20}, unit="business_days"),
                make_samples([0, 30, 60, 90]),
                make_samples([10**9]),
            )
        ),
    )


def fuzz_confidences() -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(),
        st.floats(min_value=0, max_value=1, exclude_min=True),
        st.sampled_from((0.5, 0.8, 0.95, 0.999, 1, Fraction(1, 3))),
    )


_PLAN_OPTION_VALUES: dict[str, st.SearchStrategy[object]] = {
    "processing": fuzz_leads(),
    "preparation": fuzz_leads(),
    "decision": fuzz_leads(),
    "mailing": fuzz_leads(),
    "recommendation": fuzz_leads(),
    "premium": st.booleans(),
    "filing_window": st.one_of(
        st.none(), st.integers(0, 400), st.integers(0, 60).map(_mp.business_days)
    ),
    "academic_year_completes": st.one_of(st.none(), fuzz_dates()),
    "terms_completed": st.one_of(st.none(), st.integers(0, 4)),
    "immediate_cpt": st.booleans(),
    "calendar": st.one_of(
        st.none(),
        fuzz_calendars(),
        st.fixed_dictionaries({}, optional={"school": fuzz_calendars(), "uscis": fuzz_calendars()}),
    ),
    "confidence": fuzz_confidences(),
}
PLAN_OPTIONS = tuple(_PLAN_OPTION_VALUES)
"""The keyword options of micropath.plan and earliest_start."""


@st.composite
def plan_options(
    draw: st.DrawFn, exclude: tuple[str, ...] = (), one_in: int = 8
) -> dict[str, object]:
    """A few plan options, each mostly valid; now and then a misspelled one."""
    names = [name for name in PLAN_OPTIONS if name not in exclude]
    chosen = draw(st.lists(st.sampled_from(names), max_size=4, unique=True))
    options = {name: draw(mostly(_PLAN_OPTION_VALUES[name], one_in)) for name in chosen}
    if chance(draw, 20):  # (not "start": given twice, that is Python's own TypeError)
        options[draw(st.sampled_from(("processin", "Premium", "calendars", "strat", "x")))] = 1
    return options


def authorizations() -> st.SearchStrategy[object]:
    """'CPT', 'OPT', 'AT' in any case, the enum, or junk."""
    return mostly(
        st.one_of(
            st.sampled_from(("CPT", "OPT", "AT", "cpt", " opt ", "At")),
            st.sampled_from(list(_mp.Authorization)),
        )
    )


def _short_reprs() -> None:
    """Print plans, and calendars of many closed days, by their own short repr in
    Hypothesis' reports. Hypothesis prints attrs instances field by field, and the
    built-in calendars hold tens of thousands of closed days: hundreds of kB, which
    it warns about (an error under ``filterwarnings = error``) before it shows the
    failure."""
    try:
        from hypothesis.vendor import pretty
    except ImportError:  # pragma: no cover - an older or newer Hypothesis
        return

    def short(value: object, printer: pretty.RepresentationPrinter, cycle: bool) -> None:
        printer.text(repr(value))

    def calendar(value: Calendar, printer: pretty.RepresentationPrinter, cycle: bool) -> None:
        if len(value.holidays) > 40:
            printer.text(repr(value))
        else:
            pretty.pprint_fields(value, printer, cycle, ("holidays", "weekmask", "name", "covers"))

    pretty.for_type_by_name("micropath.planner", "Plan", short)
    pretty.for_type_by_name("micropath.calendar", "Calendar", calendar)  # type: ignore[arg-type]


_short_reprs()


# -- fuzzing the command line and batch files -------------------------------------------

from micropath import _text as _text_options  # noqa: E402
from micropath import batch as _batch  # noqa: E402

CLI_WORDS = (
    "", " ", "-", "--", "-x", "--help", "--version", "plan", "cycle", "calendar", "batch", "plna",
    "CPT", "OPT", "AT", "opt", "H-1B", "mit", "federal", "massachusetts", "uscis", "nope",
    "2027-01-04", "2027-02-29", "0001-01-01", "9999-12-31", "1969-12-31", "1970-01-01",
    "2100-12-31", "2101-01-01", "2027-1-4", "20270104",
    "1969", "1970", "2023", "2027", "2099", "2100", "2101", "0", "-3", "+5", "007", "1e9",
    "999999999", "1000000000", "0.5", "1.0", "0", "nan", "inf", ".5", "1.",
    "50:75,80:100,95:130", "50:75,50:80", "80:100,50:120", "100:5", ":", "50:", "yes", "no",
    "true", "maybe", "csv", "json", "xml", "\U0001f4a5", "\u0662\u0660\u0662\u0667", "\x00",
    "a,b", '"', "--start=2027-01-04", "--processing=10", "--proc", "--iap=2027",
)  # fmt: skip
"""Words a command line is made of, right or wrong (NUL only reaches main() in-process)."""

CLI_FLAGS = (
    *(option.flag for option in _text_options.text_options()),
    "--start", "--iap", "--offer", "--json", "--ics", "--from", "--to", "-o", "--output",
    "--format",
)  # fmt: skip
"""Every flag of every command."""


_CLI_DATES = ("2027-01-04", "2026-06-01", "1970-06-01", "2100-12-31", "2023-01-09", "2024-04-01")
_CLI_VALUES: dict[str, tuple[str, ...]] = {
    "days": ("0", "10", "120", "3650", "999999999", "-3", "1.5"),
    "business_days": ("0", "10", "30", "999999999", "x"),
    "percentiles": ("50:75,80:100,95:130", "0.5:75,0.8:100", "80:100,50:120", "50"),
    "date": (*_CLI_DATES, "2027-02-29", "0001-01-01", "9999-12-31"),
    "count": ("0", "1", "2", "4", "-1"),
    "calendar": ("mit", "federal", "massachusetts", "uscis", "nope"),
    "confidence": ("0.5", "0.8", "0.95", "1", "1.5", "0"),
    "choice": ("online", "paper", "Paper", "fax", ""),
    "school": ("mit", "generic", "Generic", "harvard", "in.csv", "."),
}
"""Values of each form of option (:attr:`micropath._text.TextOption.form`), right and wrong."""


@st.composite
def cli_argvs(draw: st.DrawFn, paths: tuple[str, ...] = ()) -> list[str]:
    """A command line: mostly a sensible command (its arguments and a few options
    with values of the right kind), then now and then noise: a flag of another
    command, a value out of place, a word from CLI_WORDS. *paths* are file names
    a flag or ``batch`` may be given."""
    words = st.sampled_from(CLI_WORDS + paths)
    paths_or_words = st.sampled_from(paths) if paths else words
    command = draw(st.sampled_from(("plan", "plan", "cycle", "calendar", "batch", "--help", "")))
    argv = [command] if command else []
    if command == "plan":
        argv.append(draw(st.sampled_from(("CPT", "OPT", "AT", "opt", "H-1B"))))
        if draw(st.booleans()):
            argv += ["--start", draw(st.sampled_from(_CLI_DATES))]
        else:
            argv += ["--iap", draw(st.sampled_from(("2027", "2024", "1970", "2099", "2100")))]
        options = st.sampled_from(_text_options.text_options())
        for option in draw(st.lists(options, max_size=3, unique=True)):
            argv.append(option.flag)
            if not option.is_switch:
                argv.append(draw(st.sampled_from(_CLI_VALUES[option.form])))
        if chance(draw, 3):
            argv += ["--offer", draw(st.sampled_from(_CLI_DATES))]
        if chance(draw, 3):
            argv.append("--json")
        if chance(draw, 4):
            argv += ["--ics", draw(paths_or_words)]
    elif command == "cycle":
        argv.append(draw(st.sampled_from(("2027", "2023", "1970", "1971", "2099", "2100"))))
    elif command == "calendar":
        argv.append(draw(st.sampled_from(("mit", "federal", "massachusetts", "uscis", "nope"))))
        argv += [
            "--from",
            draw(st.sampled_from(_CLI_DATES)),
            "--to",
            draw(st.sampled_from(_CLI_DATES)),
        ]
    elif command == "batch":
        argv.append(draw(paths_or_words))
        if draw(st.booleans()):
            argv += ["-o", draw(paths_or_words)]
        if chance(draw, 3):
            argv += ["--format", draw(st.sampled_from(("csv", "json", "xml")))]
    if command in ("cycle", "calendar") and chance(draw, 3):
        argv.append("--json")
    while chance(draw, 3):  # noise
        noise = [draw(st.sampled_from(CLI_FLAGS))]
        if not chance(draw, 4):
            noise.append(draw(words))
        if chance(draw, 3):
            noise = [draw(words)]
        at = draw(st.integers(0, len(argv)))
        argv[at:at] = noise
    return argv


_CSV_CELLS = (
    "", " ", "r1", "CPT", "OPT", "AT", " opt ", "H-1B", "2027-01-04", "2027-02-29", "0001-01-01",
    "9999-12-31", "1969-12-31", "2100-12-31", "2027", "1970", "2100", "0", "-3", "10",
    "999999999", "1e9", "0.8", "1.5", "nan", "yes", "true", "maybe", "mit", "nope",
    "50:75,80:100", "a,b", 'say "hi"', "line\nbreak", "cr\rlf", "\x00", "\U0001f4a5", "\ufeff",
    "\u00e9", "=1+1", "\uffff",
)  # fmt: skip
_CSV_COLUMNS = (
    *_batch.INPUT_COLUMNS, "ID", " Authorization ", "processing-business", "Start", "",
    "error", "notes", "id", "start",
)  # fmt: skip


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """CSV-ish text: a header of known, misspelled, repeated, extra or missing columns,
    then rows of junk cells (and sometimes a row of empty cells), quoted properly or
    joined raw, with any line ending and a comma, semicolon or tab between cells."""
    usual = ["id", "authorization", draw(st.sampled_from(("start", "iap")))]
    extra = draw(st.lists(st.sampled_from(_CSV_COLUMNS), max_size=4))
    header = draw(st.sampled_from((usual + extra, extra, usual)))
    width = max(1, len(header))
    rows = [
        draw(st.lists(st.sampled_from(_CSV_CELLS), min_size=0, max_size=width + 2))
        for _ in range(draw(st.integers(0, 6)))
    ]
    for number, row in enumerate(rows):  # most rows get a usable id, kind and start
        if header[:2] == ["id", "authorization"] and not chance(draw, 4):
            row[:3] = [
                f"r{number}",
                draw(st.sampled_from(("CPT", "OPT", "AT", "opt"))),
                draw(st.sampled_from(("2027-01-04", "2026-06-01", "2027", "2024"))),
            ]
    if chance(draw, 4):  # a row of empty cells, as Excel saves a formatted empty row
        rows.insert(draw(st.integers(0, len(rows))), [""] * draw(st.integers(2, width + 1)))
    ending = draw(st.sampled_from(("\n", "\r\n", "\r", "\n\n")))
    delimiter = draw(st.sampled_from((",", ",", ";", "\t")))  # Excel: ";" in many locales
    if draw(st.booleans()):
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending)
        writer.writerow(header)
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        text = "".join(delimiter.join(row) + ending for row in [header, *rows])
    return ("\ufeff" if chance(draw, 10) else "") + text


def csv_inputs() -> st.SearchStrategy[bytes]:
    """Bytes for ``micropath batch``: CSV text in UTF-8 (mostly), UTF-16 or Latin-1,
    or any bytes at all."""
    encoded = st.tuples(csv_texts(), st.sampled_from(("utf-8",) * 6 + ("utf-16", "latin-1"))).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")
    )
    return st.one_of(encoded, st.binary(max_size=300))


# -- workbooks: tests/test_fuzz_cli.py --------------------------------------------------
# A workbook is drawn as plain data (a WorkbookSpec) and built with openpyxl by the test,
# so that a failure prints what the workbook held, not its bytes.

import csv as _csv  # noqa: E402
import io as _io  # noqa: E402
import zipfile as _zipfile  # noqa: E402


@dataclass(frozen=True)
class Formula:
    """A formula cell; openpyxl saves it without a value (batch reads it as an unsaved
    formula: an error in a column it reads)."""

    text: str


@dataclass(frozen=True)
class CellError:
    """An error value, as Excel saves ``#N/A`` (cell data type ``e``)."""

    code: str


@dataclass(frozen=True)
class SheetSpec:
    """One worksheet: its rows (None is an empty cell; a ``str`` is text, even
    ``"=1+1"``), the ranges merged over them (top row, left column, bottom row, right
    column, from 1), its state, and perhaps one stray cell (row, column) holding
    ``"far"``, as far as column XFD."""

    title: str
    rows: tuple[tuple[object, ...], ...]
    merged: tuple[tuple[int, int, int, int], ...] = ()
    state: str = "visible"
    far: tuple[int, int] | None = None


@dataclass(frozen=True)
class WorkbookSpec:
    """Worksheets in order, and perhaps a chart sheet at position *chart_at*."""

    sheets: tuple[SheetSpec, ...]
    chart_at: int | None = None


SHEET_TITLES = ("Students", "Sheet1", "Fall 2026", "Données", "Hidden", "x", "Plans 2027")
ERROR_CODES = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!")
_FORMULAS = ("=1+1", '=HYPERLINK("http://example.com","x")', "=A1", "=NOW()", '="CPT"')
_XLSX_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
    | st.sampled_from("\t\n\r"),
    max_size=8,
)
"""Text a workbook holds: what XML allows (no C0 control character but tab and line
breaks, no U+FFFE or U+FFFF)."""

_XLSX_ANY: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda x: abs(x) < 1e300),
    st.dates(date(1900, 3, 1), date(9999, 12, 31)),
    st.datetimes(_datetime(1900, 3, 1), _datetime(9999, 12, 30)),
    st.times(),
    st.booleans(),
    _XLSX_TEXT,
    st.sampled_from(_FORMULAS).map(Formula),
    st.sampled_from(ERROR_CODES).map(CellError),
    st.sampled_from(("=1+1", "+1 617", "-3", "@SUM(A1)", " ", "", "r1", "OPT")),
)
"""A cell of any type a workbook holds."""

_XLSX_COLUMNS = {
    "id": st.one_of(
        st.integers(0, 30).map(lambda n: f"r{n}"),
        st.integers(-5, 10**6),
        st.sampled_from((12.0, 12.5, 1e15, -0.0)),
        st.just(date(2027, 1, 4)),
    ),
    "authorization": st.sampled_from(("CPT", "OPT", "AT", " opt ", "cpt")),
    "start": st.one_of(
        st.sampled_from((date(2027, 1, 4), _datetime(2027, 1, 4), "2027-01-04", "2027/1/4")),
        st.dates(date(1971, 1, 1), date(2100, 6, 1)),
        st.sampled_from((_datetime(2027, 1, 4, 9, 30), 2027, 46391, date(1969, 12, 31))),
    ),
    "iap": st.sampled_from((2027, 2027.0, "2027", 2024, 1970, 2100, 2027.5, "x")),
    "offer": st.one_of(
        st.none(), st.sampled_from((date(2026, 10, 25), "2026-11-02", date(2027, 2, 1)))
    ),
}
"""Cells of the columns micropath reads, mostly valid, of several types."""
_XLSX_EXTRA = ("offer", "notes", "GPA", "Name", "processing", "premium", "Since")
"""Header cells after the required ones: columns micropath reads, and others."""
_XLSX_BAD_HEADERS = (None, "", 2027, "ID", " Start ", "iap", "Processing Time")
"""Header cells that make the header wrong: no name, a number, a column twice."""


@st.composite
def sheet_specs(draw: st.DrawFn, title: str, state: str = "visible") -> SheetSpec:
    """A worksheet: mostly a header micropath reads and rows of typed cells (its own
    columns mostly valid, junk of every type now and then), blank rows, merged ranges,
    sometimes nothing at all, sometimes a stray cell far away."""
    form = draw(st.sampled_from(range(10)))
    if form == 0:  # an empty sheet
        return SheetSpec(title, (), state=state)
    first = ["id", "authorization", draw(st.sampled_from(("start", "iap")))]
    extra: list[object] = list(
        draw(st.lists(st.sampled_from(_XLSX_EXTRA), max_size=3, unique=True))
    )
    if chance(draw, 6):  # a header cell that is no name, or names a column twice
        extra.insert(draw(st.integers(0, len(extra))), draw(st.sampled_from(_XLSX_BAD_HEADERS)))
    header: list[object] = [*first, *extra] if form > 1 else extra or ["id"]
    if chance(draw, 4):
        random.Random(draw(_SEEDS)).shuffle(header)
    rows: list[tuple[object, ...]] = [()] * draw(st.sampled_from((0, 0, 0, 1, 2)))
    rows.append(tuple(header))
    for _ in range(draw(st.integers(0, 6))):
        row = []
        for column in header:
            valid = _XLSX_COLUMNS.get(column) if isinstance(column, str) else None
            cell = draw(_XLSX_ANY if valid is None or chance(draw, 6) else valid)
            row.append(cell)
        if chance(draw, 5):
            row += draw(st.lists(_XLSX_ANY, max_size=2))  # cells past the header
        rows.append(tuple(row) if not chance(draw, 8) else ())  # () is a blank row
    merged: list[tuple[int, int, int, int]] = []
    width = max(len(row) for row in rows)
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.sampled_from((0, 0, 0, 1, 2)))):
        top = draw(st.integers(1, len(rows) + 1))
        left = draw(st.integers(1, width + 1))
        bottom = top + draw(st.integers(0, 2))
        right = left + draw(st.integers(0 if bottom > top else 1, 2))
        area = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
        if not area & taken:  # Excel refuses overlapping merged ranges
            merged.append((top, left, bottom, right))
            taken |= area
    far = None
    if chance(draw, 12):
        far = (
            draw(st.sampled_from((1, 2, len(rows) + 1, 20_000))),
            draw(st.sampled_from((1, 2, width + 1, 200, 16_384))),
        )
    return SheetSpec(title, tuple(rows), tuple(merged), state, far)


@st.composite
def workbook_specs(draw: st.DrawFn) -> WorkbookSpec:
    """One to three worksheets (the first hidden now and then, or very hidden), perhaps
    a chart sheet first; at least one sheet is visible, as Excel requires."""
    titles = draw(st.lists(st.sampled_from(SHEET_TITLES), min_size=1, max_size=3, unique=True))
    states = ["visible"] * len(titles)
    chart_at = 0 if chance(draw, 8) else None
    if len(titles) > 1 and chance(draw, 3):
        states[0] = draw(st.sampled_from(("hidden", "veryHidden")))
    if chance(draw, 10) and chart_at is not None:
        states = ["hidden"] * len(titles)  # only the chart sheet is visible
    sheets = tuple(
        draw(sheet_specs(title, state)) for title, state in zip(titles, states, strict=True)
    )
    return WorkbookSpec(sheets, chart_at)


# -- files named .xlsx that are not workbooks -----------------------------------------


@dataclass(frozen=True)
class Damage:
    """A workbook with one member of its zip archive changed: replaced by *content*,
    cut to *keep* bytes, or left out (*drop*); or the whole file cut to *keep* bytes
    (member None)."""

    member: str | None
    content: bytes | None = None
    keep: int | None = None
    drop: bool = False


_ZIP_MEMBERS = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/styles.xml",
                "xl/sharedStrings.xml", "docProps/core.xml", "docProps/app.xml",
                "xl/theme/theme1.xml")  # fmt: skip
_XML_JUNK = (b"", b"<", b"junk", b"<?xml version='1.0'?>", b"<a><b></a>", b"\xff\xfe<\x00",
             b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
             b"<sheetData><row r='1'><c r='A1' t='n'><v>abc</v></c></row></sheetData>"
             b"</worksheet>",
             b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
             b"<sheetData><row r='x'><c r='A1' t='s'><v>99</v></c></row></sheetData>"
             b"</worksheet>",
             b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;&a;</x>")  # fmt: skip


def not_workbooks() -> st.SearchStrategy[bytes | Damage]:
    """What a file named ``.xlsx`` may hold that is no workbook: any bytes, CSV text, a
    zip archive of other files, an Excel 97-2003 header, or a Damage to a real workbook
    (which the test applies)."""
    zips = st.lists(
        st.tuples(st.sampled_from((*_ZIP_MEMBERS, "a.txt", "x/")), st.sampled_from(_XML_JUNK)),
        max_size=4,
    ).map(_zip_of)
    damage = st.one_of(
        st.builds(Damage, st.sampled_from(_ZIP_MEMBERS), content=st.sampled_from(_XML_JUNK)),
        st.builds(Damage, st.sampled_from(_ZIP_MEMBERS), keep=st.integers(0, 400)),
        st.builds(Damage, st.sampled_from(_ZIP_MEMBERS), drop=st.just(True)),
        st.builds(Damage, st.none(), keep=st.integers(0, 6000)),
    )
    return st.one_of(
        st.binary(max_size=200),
        st.binary(max_size=60).map(lambda rest: b"PK\x03\x04" + rest),
        st.binary(max_size=60).map(lambda rest: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rest),
        csv_texts().map(lambda text: text.encode("utf-8")),
        zips,
        damage,
    )


def _zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = _io.BytesIO()
    with _zipfile.ZipFile(buffer, "w") as archive:
        for name, content in dict(members).items():
            archive.writestr(name, content)
    return buffer.getvalue()


# -- CSV delimiters: tests/test_fuzz_cli.py ----------------------------------------------

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_DELIMITER_CELLS = (
    "a,b", "a;b", "a\tb", "x;'y';z", "'a','b'", "say \"hi\", then go", "1,5", "Lee, Ana",
    "Lee; Ana", "\"quoted\"", "'q'", "a, b; c\td", ",", ";", "\t", " ", "",
)  # fmt: skip
"""Cells holding the other delimiters (and quotes: the sniffer reads quotes first)."""


@dataclass(frozen=True)
class DelimitedFile:
    """A CSV file of *delimiter*, and the header it was written with: with two or more
    names (none holding a delimiter), *delimiter* is the one the file must be read with."""

    data: bytes
    delimiter: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    pasted: tuple[int, ...] = ()
    """The rows (from 0) written with another delimiter."""


@st.composite
def delimited_files(draw: st.DrawFn) -> DelimitedFile:
    """A comma, semicolon or tab file whose cells hold the other delimiters, quoted or
    bare; some rows written with another delimiter (a file pasted together); quoted
    fields holding the delimiter; or a file of one column (just ``id``, just ``start``)."""
    delimiter = draw(st.sampled_from(tuple(DELIMITER_NAMES)))
    others = [d for d in DELIMITER_NAMES if d != delimiter]
    if chance(draw, 6):  # one column
        header: tuple[str, ...] = (draw(st.sampled_from(("id", "start", "authorization"))),)
    else:
        header = ("id", "authorization", draw(st.sampled_from(("start", "iap"))))
        header += tuple(draw(st.lists(st.sampled_from(("notes", "offer", "Name", "program")),
                                      max_size=2, unique=True)))  # fmt: skip
        if chance(draw, 3):
            header = tuple(random.Random(draw(_SEEDS)).sample(header, len(header)))
    valid = {"authorization": ("CPT", "OPT", "AT"), "start": ("2027-01-04",),
             "iap": ("2027",), "offer": ("2026-10-25", "")}  # fmt: skip
    rows: list[tuple[str, ...]] = []
    for number in range(draw(st.integers(0, 5))):
        row: list[str] = []
        for column in header:
            if column == "id":
                cell = f"r{number}" if not chance(draw, 4) else f"r{number}" + draw(
                    st.sampled_from(_DELIMITER_CELLS))  # fmt: skip
            elif column in valid and not chance(draw, 5):
                cell = draw(st.sampled_from(valid[column]))
            else:
                cell = draw(st.sampled_from(_DELIMITER_CELLS))
            row.append(cell)
        rows.append(tuple(row))
    ending = draw(st.sampled_from(("\n", "\r\n")))
    lines = []
    pasted = []
    for number, record in enumerate((header, *rows), start=-1):
        written_with = delimiter
        if number >= 0 and chance(draw, 6):
            written_with = draw(st.sampled_from(others))  # a row pasted from another file
            pasted.append(number)
        buffer = _io.StringIO()
        if chance(draw, 5):  # every cell quoted
            _csv.writer(buffer, delimiter=written_with, lineterminator=ending,
                        quoting=_csv.QUOTE_ALL).writerow(record)  # fmt: skip
        else:
            _csv.writer(buffer, delimiter=written_with, lineterminator=ending).writerow(record)
        lines.append(buffer.getvalue())
    text = "".join(lines)
    return DelimitedFile(text.encode("utf-8"), delimiter, header, tuple(rows), tuple(pasted))


# -- offers: tests/test_fuzz_cli.py, tests/test_fuzz_api.py --------------------------------

OFFER_EDGES = ("0001-01-01", "9999-12-31", "1969-12-31", "1970-01-01", "2100-12-31",
               "2101-01-01", "1969-01-01", "2099-12-31")  # fmt: skip
"""Offers far outside the built-in calendars' span (1970-2100), and at its ends."""
CLOSED_OFFERS = ("2026-11-26", "2026-11-27", "2026-12-24", "2026-12-25", "2026-12-31",
                 "2027-01-01", "2027-01-18", "2026-11-28", "2026-11-29", "2027-07-05",
                 "2026-10-12", "2026-12-19", "2027-01-02")  # fmt: skip
"""Offers on closed days: US and MIT holidays, the winter break, weekends."""


@st.composite
def offer_days(draw: st.DrawFn, start: date) -> str:
    """An offer for a first day on *start*, as ISO text: before it by up to a year and a
    half, on it or after it (too late by any reckoning), on a closed day (a weekend, a
    holiday), far outside the calendars' years, or not a date at all."""
    form = draw(st.sampled_from(range(6)))
    if form == 0:
        return draw(st.sampled_from(OFFER_EDGES))
    if form == 1:
        return draw(st.sampled_from(CLOSED_OFFERS))
    if form == 2:
        return draw(st.sampled_from(("2027-02-29", "x", "", " ", "2027-13-01", "27-1-4")))
    offset = draw(st.integers(0, 400) if form == 3 else st.integers(-550, 0))
    try:
        day = start + timedelta(days=offset)
    except OverflowError:
        day = start
    if chance(draw, 3) and day <= date.max - timedelta(days=7):  # the Saturday after it
        day += timedelta(days=(5 - day.weekday()) % 7)
    return day.isoformat()


def _iap_start(year: int) -> date:
    """The first day of IAP *year*, or about then for a year without IAP dates."""
    try:
        return _mp.iap(year).start
    except _mp.MicropathError:
        return date(year, 1, 4)


@st.composite
def offer_argvs(draw: st.DrawFn) -> list[str]:
    """``micropath plan AUTH (--start DATE | --iap YEAR) --offer DATE``, with a few
    options, the offer drawn by :func:`offer_days` for the first day of work."""
    kind = draw(st.sampled_from(("CPT", "OPT", "AT")))
    if chance(draw, 4):
        year = draw(st.sampled_from((1970, 1971, 2024, 2027, 2099, 2100)))
        start = _iap_start(year)
        argv = ["plan", kind, "--iap", str(year)]
    else:
        start = draw(
            st.one_of(
                st.sampled_from((date(2027, 1, 4), date(1970, 6, 1), date(2100, 12, 31))),
                st.sampled_from(CLOSED_OFFERS).map(date.fromisoformat),  # a closed first day
                builtin_dates(1971, 2100),
            )
        )
        argv = ["plan", kind, "--start", start.isoformat()]
    argv += ["--offer", draw(offer_days(start))]
    if chance(draw, 3):
        argv += ["--today", draw(st.sampled_from(("2026-10-01", "2027-06-01", "1970-01-01")))]
    if chance(draw, 4):
        argv.append("--premium")
    if chance(draw, 5):
        argv += ["--processing-business", draw(st.sampled_from(("0", "10", "400")))]
    if chance(draw, 5):
        argv += ["--school", "generic"]
    if not chance(draw, 4):
        argv.append("--json")
    return argv


@st.composite
def offer_batches(draw: st.DrawFn) -> bytes:
    """A batch file of rows with an offer: ``id,authorization,start,offer`` (or ``iap``
    instead of ``start``), the offers drawn by :func:`offer_days`."""
    by_iap = chance(draw, 4)
    lines = ["id,authorization,iap,offer" if by_iap else "id,authorization,start,offer"]
    for number in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(("CPT", "OPT", "AT")))
        if by_iap:
            year = draw(st.sampled_from((1970, 2027, 2100)))
            start, first = _iap_start(year), str(year)
        else:
            start = draw(builtin_dates(1971, 2100))
            first = start.isoformat()
        lines.append(f"r{number},{kind},{first},{draw(offer_days(start))}")
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- markup and every Unicode class, for the pages: tests/test_fuzz_*.py -------------------

MARKUP = (
    "<script>document.title='pwned'</script>",
    '<img src=x onerror="alert(1)">',
    "</style><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<link rel=stylesheet href="http://example.com/x.css">',
    "@import url(http://example.com/x.css);",
    "<style>body{background:url(http://example.com/x.png)}</style>",
    '<iframe src="http://example.com/"></iframe>',
    '<meta http-equiv="refresh" content="0;url=http://example.com/">',
    "<svg onload=alert(1)>",
    '<base href="http://example.com/">',
    '<object data="http://example.com/x"></object><embed src="x.swf">',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<form action="http://example.com"><button formaction="javascript:alert(1)">',
    '<video poster="http://example.com/p.png"><source src="x.mp4"></video>',
    '<img srcset="http://example.com/x.png 1x">',
    "<math><mtext></p><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--", "-->", "--!>", "]]>", "<![CDATA[", "&lt;script&gt;", "&amp;", "&#60;", "\\",
    "$x^$", "$\\frac{$", "$$", "javascript:alert(1)", "url(http://example.com/x)",
    "<", ">", '"', "'", "`", "=",
)  # fmt: skip
"""Markup that would run, fetch or restyle something if a page copied it unescaped."""


@st.composite
def page_texts(draw: st.DrawFn, surrogates: bool = False) -> str:
    """Text for a name or note shown on a page: markup, and characters of every Unicode
    category (control, format, combining, right-to-left, private use, unassigned; lone
    surrogates too if *surrogates*: a Python string holds them, a file cannot)."""
    characters: st.SearchStrategy[str] = st.characters(exclude_categories=["Cs"])
    if surrogates:  # rare among all the code points (and merged by |): drawn on purpose
        characters = st.one_of(
            characters, st.sampled_from(("\ud800", "\udbff", "\udc80", "\udfff"))
        )
    text = st.lists(characters, max_size=6).map("".join)  # st.text would drop surrogates
    pieces = draw(st.lists(st.one_of(st.sampled_from(MARKUP), text), min_size=1, max_size=4))
    return "".join(pieces)


# -- weekmasks as numpy spells them -------------------------------------------------

NUMPY_SPACES = ("", "", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", " \t\n")
"""Separators numpy's weekmask parser skips (C ``isspace``), and none (``"SatSun"``)."""
_NUMPY_JUNK = ("X", "Mo", "Tu", "We", "Th", "Fr", "Su", "Mox", "Sunn")
"""Pieces that are no day name for numpy or micropath (no digits, commas or lower case,
which micropath accepts and numpy does not)."""
_PICK_NUMPY_FLAG = st.integers(0, 5)


@st.composite
def numpy_day_name_weekmasks(draw: st.DrawFn) -> str:
    """Day-name weekmasks as numpy spells them: capitalised three-letter names (any order,
    repeats allowed) separated by ASCII whitespace or run together, with whitespace around;
    sometimes a piece that is no day name, and sometimes no name at all."""
    days = draw(st.lists(st.integers(0, 6), max_size=9))
    spelling = random.Random(draw(_SEEDS))
    pieces = [SHORT_NAMES[day] for day in days]
    if draw(st.integers(0, 3)) == 0:
        pieces.insert(spelling.randrange(len(pieces) + 1), spelling.choice(_NUMPY_JUNK))
    text = spelling.choice(NUMPY_SPACES)
    for piece in pieces:
        text += piece + spelling.choice(NUMPY_SPACES)
    return text


def numpy_bit_weekmasks() -> st.SearchStrategy[str]:
    """0/1 weekmask strings, mostly seven characters, sometimes with another digit."""
    return st.one_of(
        st.text(st.sampled_from("01"), min_size=7, max_size=7),
        st.text(st.sampled_from("0112"), max_size=9),
    )


@st.composite
def numpy_flag_weekmasks(draw: st.DrawFn) -> object:
    """Weekmasks as flags: a list, tuple or numpy array of 0/1 values, each an int, a bool,
    a numpy bool or a numpy integer; mostly seven of them."""
    import numpy as np

    bits = draw(
        st.one_of(
            st.lists(st.booleans(), min_size=7, max_size=7),
            st.lists(st.booleans(), max_size=9),
        )
    )
    forms = (int, bool, np.bool_, np.int8, np.int64, np.uint8)
    spelling = random.Random(draw(_SEEDS))
    container = draw(_PICK_NUMPY_FLAG)
    if container == 4:
        return np.array(bits, dtype=bool)
    if container == 5:
        return np.array(bits, dtype=spelling.choice((np.int8, np.int64, np.uint8)))
    flags = [spelling.choice(forms)(bit) for bit in bits]
    return tuple(flags) if container % 2 else flags
