"""The internship itself, and what it uses up of a student's allowances.

Checks against the program's terms return notices, not errors: a 40-hour
week is unusual for a micro-internship, not invalid input. A notice is a
:class:`~micropath.findings.Finding` of severity ``"notice"``: a stable code
(``hours``, ``weeks``, ``pay``, ``in-session``, ``cpt-limit``,
``cpt-concurrent``), its parameters and the :class:`~micropath.sources.Source`
of its rule; ``str(notice)`` is its sentence (written by
:mod:`micropath.views.text`). :func:`check_in_dates` gives the days of weekly
check-ins during an internship.

Accounting rules (sources in ``docs/rules.md``):

* Pre-completion OPT is deducted from the 12-month OPT allowance: full time
  day for day, part time (20 hours a week or less) at half rate. The
  half-rate rule is **school guidance** (several universities' OPT pages); it
  was not found in today's text of 8 CFR 214.2(f). Twelve months is counted
  as ``allowance_days=365`` by default, a convention you can change.
* 12 months or more of *full-time* CPT ends post-completion OPT eligibility
  (8 CFR 214.2(f)(10)(i)); schools keep students under 365 days. A day is
  full-time CPT when the hours a week of all CPT periods covering it add up
  to more than 20: two concurrent 15-hour jobs are full time. That sum is
  **school guidance** (confidence M), not regulation text; turn it off with
  ``add_concurrent_hours=False``.
* Academic Training is limited to 18 months or the length of the program,
  whichever is shorter; post-doctoral AT may total 36 months, including any
  earlier AT (22 CFR 62.23(g)). micropath caps post-doctoral AT at the
  program's length too (the conservative reading; see ``at-postdoctoral``).
  At MIT part-time pre-completion AT counts as full time.

Overlapping periods are merged, never counted twice; where a part-time and a
full-time period overlap, those days count as full time.

>>> summer = Period("2027-06-01", "2027-08-31", hours_per_week=15)
>>> cpt_full_time_days([summer]).full_time_days
0
>>> cpt_full_time_days([summer, summer]).full_time_days  # two 15-hour jobs at once
92

>>> jan = Period("2025-01-06", "2025-01-31", hours_per_week=35)
>>> opt_days_used([jan]).days_used
26.0
>>> opt_days_used([Period("2025-01-06", "2025-01-31", hours_per_week=15)]).days_used
13.0
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Final

import attrs

from micropath._convert import DateLike, to_count, to_date, to_items
from micropath.errors import InvalidTypeError, InvalidValueError
from micropath.findings import Finding
from micropath.schools import MINIMUM_WAGES, School, by_name, mit
from micropath.sources import SOURCES
from micropath.terms import FIRST_IAP_YEAR, LAST_IAP_YEAR, Term

__all__ = [
    "FULL_TIME_HOURS",
    "MINIMUM_WAGES",
    "WEEKDAYS",
    "AtUsage",
    "CptUsage",
    "Internship",
    "Notice",
    "OptUsage",
    "Period",
    "at_months_used",
    "check_in_dates",
    "cpt_full_time_days",
    "minimum_wage",
    "opt_days_used",
]

FULL_TIME_HOURS: Final = 20
"""More than this many hours a week is full time; at most this is part time."""
TYPICAL_HOURS: Final = (10, 35)
TYPICAL_WEEKS: Final = (4, 6)
AT_LIMIT_MONTHS: Final = 18
AT_POSTDOCTORAL_LIMIT_MONTHS: Final = 36
CPT_LIMIT_DAYS: Final = 365
_DAYS_PER_MONTH: Final = 365.25 / 12
_MONTH: Final = (1461, 48)
"""An average month as a fraction of days, 1461/48 = 365.25/12, for exact comparisons."""
_ALL_DAYS: Final = date.max.toordinal()
"""Days from date.min to date.max: no allowance can be larger (or its remainder overflow)."""


def minimum_wage(day: DateLike) -> float | None:
    """The Massachusetts minimum wage on *day*, or None before micropath's data begins.

    >>> minimum_wage("2022-12-31"), minimum_wage("2023-01-01")
    (14.25, 15.0)
    """
    when = to_date(day, "day")
    rate = None
    for effective, amount in MINIMUM_WAGES:
        if effective <= when:
            rate = amount
    return rate


def _hours(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError("hours_per_week", "a number of hours from 0 to 168", value)
    if not 0 <= value <= 168:  # NaN fails too; an int is compared exactly, never converted
        raise InvalidValueError("hours_per_week", "a number of hours from 0 to 168", value)
    return float(value)


def _pay(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError("pay_rate", "US dollars an hour, or None", value)
    # Compared, never converted first (math.isfinite(10**400) overflows); NaN fails too.
    if not 0 <= value <= sys.float_info.max:
        raise InvalidValueError("pay_rate", "at least 0 US dollars an hour", value)
    return float(value)


def _start(value: object) -> date:
    return to_date(value, "start")


def _end(value: object) -> date:
    return to_date(value, "end")


def _term(_instance: object, _attribute: object, value: Term) -> None:
    given: object = value  # checked at run time, whatever the annotation says
    if not isinstance(given, Term):
        raise InvalidTypeError(
            "term", "a micropath Term (use Internship.between for explicit dates)", given
        )


@attrs.frozen
class Period:
    """Days of authorized work, both ends included, at *hours_per_week*."""

    start: date = attrs.field(converter=_start)
    end: date = attrs.field(converter=_end)
    hours_per_week: float = attrs.field(kw_only=True, converter=_hours)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError("end", f"a date on or after start ({self.start})", self.end)

    @property
    def full_time(self) -> bool:
        """More than 20 hours a week."""
        return self.hours_per_week > FULL_TIME_HOURS

    @property
    def days(self) -> int:
        """Calendar days in the period, both ends included."""
        return (self.end - self.start).days + 1


Notice = Finding
"""Kept for compatibility: an internship notice is a
:class:`~micropath.findings.Finding` of severity ``"notice"`` (``str(notice)``
is its sentence, ``notice.source`` its :class:`~micropath.sources.Source`)."""


def _notice(code: str, source: str, **parameters: object) -> Finding:
    """A notice with its parameters and the source (by key) of the rule it states."""
    return Finding(code, "notice", parameters, SOURCES[source])


WEEKDAYS: Final = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
"""The weekday codes of RFC 5545 (``BYDAY``) and their weekday numbers (0 is Monday)."""


def _weekday(value: object, parameter: str) -> int:
    expected = "a weekday code among " + ", ".join(repr(code) for code in WEEKDAYS)
    if not isinstance(value, str):
        raise InvalidTypeError(parameter, expected, value)
    number = WEEKDAYS.get(value.strip().upper())
    if number is None:
        raise InvalidValueError(parameter, expected, value)
    return number


def check_in_dates(term: Term, weekday: str) -> tuple[date, ...]:
    """The days of *term* (both ends included) that fall on *weekday*, in order.

    Weekly check-ins with an intern: CAPD's employer page encourages regular
    check-ins during a micro-internship. *weekday* is a code of
    :data:`WEEKDAYS` (``"MO"`` ... ``"SU"``, in any case). The days are
    counted, never stepped through one by one.

    Raises:
        InvalidTypeError, InvalidValueError: *term* is not a Term, or *weekday*
            is not a weekday code.

    >>> iap = mit().term_of(2027)  # IAP 2027: Monday January 4 to Friday January 29
    >>> [day.isoformat() for day in check_in_dates(iap, "fr")]
    ['2027-01-08', '2027-01-15', '2027-01-22', '2027-01-29']
    >>> check_in_dates(Term("2027-01-04", "2027-01-08"), "SA")  # no Saturday in it
    ()
    """
    given: object = term  # checked at run time, whatever the annotation says
    if not isinstance(given, Term):
        raise InvalidTypeError("term", "a micropath Term", given)
    number = _weekday(weekday, "weekday")
    first = term.start.toordinal() + (number - term.start.weekday()) % 7
    return tuple(date.fromordinal(day) for day in range(first, term.end.toordinal() + 1, 7))


@attrs.frozen
class Internship:
    """A micro-internship: when, how many hours a week, and (optionally) the pay.

    >>> job = Internship(mit().term_of(2025), hours_per_week=40, pay_rate=14.0)
    >>> [notice.code for notice in job.notices()]
    ['hours', 'pay']
    """

    term: Term = attrs.field(validator=_term)
    hours_per_week: float = attrs.field(kw_only=True, converter=_hours)
    pay_rate: float | None = attrs.field(default=None, kw_only=True, converter=_pay)

    @classmethod
    def between(
        cls,
        start: DateLike,
        end: DateLike,
        *,
        hours_per_week: float,
        pay_rate: float | None = None,
    ) -> Internship:
        """An internship on explicit dates."""
        return cls(
            Term(start, end, name="internship"), hours_per_week=hours_per_week, pay_rate=pay_rate
        )

    @property
    def period(self) -> Period:
        """The internship as a period of authorized work."""
        return Period(self.term.start, self.term.end, hours_per_week=self.hours_per_week)

    def check_ins(self, weekday: str) -> tuple[date, ...]:
        """The days of weekly check-ins on *weekday* during the internship
        (see :func:`check_in_dates`).

        >>> Internship(mit().term_of(2027), hours_per_week=15).check_ins("MO")[-1]
        datetime.date(2027, 1, 25)
        """
        return check_in_dates(self.term, weekday)

    def notices(
        self, *, vacations: Iterable[Term] | None = None, school: School | str | None = None
    ) -> tuple[Finding, ...]:
        """Checks against CAPD's micro-internship terms, the school's wage rule and
        the hours rules.

        Each notice is a :class:`~micropath.findings.Finding` of severity
        ``"notice"`` whose parameters are the values it is about:

        * ``hours``: ``hours_per_week`` outside ``typical_hours`` (10, 35);
        * ``weeks``: the term's ``weeks`` (from ``start`` to ``end``) outside
          ``typical_weeks`` (4, 6);
        * ``pay``: ``pay_rate`` below the ``minimum_wage`` on ``start`` by the
          wage rule of ``school`` (its label); ``minimum_wage`` None: the
          school's wage table has no rate for that day;
        * ``in-session``: more than ``limit_hours`` (20) ``hours_per_week`` on
          ``days_outside`` days outside the ``vacations`` (their names).

        Args:
            vacations: the school's vacations; more than 20 hours a week is
                allowed only within them. Default: the school's January term
                (IAP at MIT) of each year the internship touches (the only
                vacation micropath knows dates for).
            school: a :class:`~micropath.schools.School` or the name of a
                built-in one (default MIT): its minimum wages (Massachusetts
                at MIT, federal for ``"generic"``) and its January term.

        >>> job = Internship.between("2025-01-20", "2025-02-14", hours_per_week=30)
        >>> (notice,) = job.notices()
        >>> notice.code, notice["days_outside"], notice["vacations"], notice.source.key
        ('in-session', 14, ('IAP 2025',), 'twenty-hour-rule')
        """
        chosen = _school(school)
        found = []
        if not TYPICAL_HOURS[0] <= self.hours_per_week <= TYPICAL_HOURS[1]:
            found.append(_notice(
                "hours", "capd-terms",
                hours_per_week=self.hours_per_week, typical_hours=TYPICAL_HOURS,
            ))  # fmt: skip
        weeks = self.term.weeks
        if not TYPICAL_WEEKS[0] <= weeks <= TYPICAL_WEEKS[1]:
            found.append(_notice(
                "weeks", "capd-terms",
                weeks=weeks, start=self.term.start, end=self.term.end, typical_weeks=TYPICAL_WEEKS,
            ))  # fmt: skip
        if self.pay_rate is not None:
            wage = chosen.minimum_wage(self.term.start)
            if wage is None or self.pay_rate < wage:
                parameters = {
                    "pay_rate": self.pay_rate, "minimum_wage": wage, "start": self.term.start,
                    "school": chosen.label,
                }  # fmt: skip
                source = chosen.source(chosen.wage_source) if chosen.wage_source else None
                found.append(Finding("pay", "notice", parameters, source))
        if self.hours_per_week > FULL_TIME_HOURS:
            breaks = self._vacations(vacations, chosen)
            outside = _days_outside(self.term, breaks)
            if outside:
                found.append(_notice(
                    "in-session", "twenty-hour-rule",
                    hours_per_week=self.hours_per_week, days_outside=outside,
                    start=self.term.start, end=self.term.end,
                    vacations=tuple(term.name for term in breaks), limit_hours=FULL_TIME_HOURS,
                ))  # fmt: skip
        return tuple(found)

    def _vacations(self, vacations: Iterable[Term] | None, school: School) -> tuple[Term, ...]:
        if vacations is None:
            years = range(
                max(self.term.start.year, FIRST_IAP_YEAR),
                min(self.term.end.year, LAST_IAP_YEAR) + 1,
            )
            return tuple(school.term_of(year) for year in years)
        chosen = to_items(vacations, "vacations", "an iterable of micropath Terms, or None")
        for item in chosen:
            if not isinstance(item, Term):
                raise InvalidTypeError("vacations", "an iterable of micropath Terms", item)
        return tuple(chosen)  # type: ignore[arg-type]  # checked above


def _school(value: object) -> School:
    if value is None:
        return mit()
    if isinstance(value, School):
        return value
    if isinstance(value, str):
        return by_name(value)
    raise InvalidTypeError("school", "None, a micropath School, or a school's name", value)


def _days_outside(term: Term, vacations: tuple[Term, ...]) -> int:
    covered = _merge([(v.start, v.end, 1.0) for v in vacations])
    inside = 0
    for first, last, _ in covered:
        lo, hi = max(first, term.start), min(last, term.end)
        if lo <= hi:
            inside += (hi - lo).days + 1
    return term.days - inside


def _periods(periods: Iterable[Period | Internship]) -> list[Period]:
    expected = "an iterable of Period or Internship values"
    if isinstance(periods, (Period, Internship)):
        raise InvalidTypeError("periods", expected, periods)
    out = []
    for item in to_items(periods, "periods", expected):
        if isinstance(item, Internship):
            out.append(item.period)
        elif isinstance(item, Period):
            out.append(item)
        else:
            raise InvalidTypeError("periods", "Period or Internship values", item)
    return out


def _merge(spans: list[tuple[date, date, float]]) -> list[tuple[date, date, float]]:
    """Disjoint spans covering the same days; each day keeps the highest rate on it.

    Works on day ordinals, so a span ending on ``date.max`` needs no later date.
    """
    events: dict[int, list[float]] = {}
    for first, last, rate in spans:
        events.setdefault(first.toordinal(), []).append(rate)
        events.setdefault(last.toordinal() + 1, []).append(-rate)
    active: dict[float, int] = {}
    out: list[tuple[date, date, float]] = []
    days = sorted(events)
    for day, following in itertools.pairwise(days):
        for change in events[day]:
            key = abs(change)
            active[key] = active.get(key, 0) + (1 if change > 0 else -1)
        rates = [rate for rate, count in active.items() if count > 0]
        if rates:
            out.append((date.fromordinal(day), date.fromordinal(following - 1), max(rates)))
    return out


@attrs.frozen
class OptUsage:
    """Days deducted from the 12-month pre-completion OPT allowance."""

    days_used: float
    allowance_days: int

    @property
    def days_remaining(self) -> float:
        """Allowance left (never below 0)."""
        return max(0.0, self.allowance_days - self.days_used)


def opt_days_used(periods: Iterable[Period | Internship], *, allowance_days: int = 365) -> OptUsage:
    """Days of the 12-month OPT allowance used: full time 1:1, part time at half rate.

    The half-rate rule is school guidance, not regulation text (see the module notes).
    *allowance_days* is at most 3652059, every day from 0001-01-01 to 9999-12-31.
    """
    allowance = to_count(allowance_days, "allowance_days")
    if not 0 < allowance <= _ALL_DAYS:
        raise InvalidValueError(
            "allowance_days", f"a positive number of days, at most {_ALL_DAYS}", allowance
        )
    spans = [(p.start, p.end, 1.0 if p.full_time else 0.5) for p in _periods(periods)]
    used = sum(((last - first).days + 1) * rate for first, last, rate in _merge(spans))
    return OptUsage(float(used), allowance)


@attrs.frozen
class CptUsage:
    """Full-time CPT days, and notices as they approach 365 or add up from part-time jobs."""

    full_time_days: int
    notices: tuple[Finding, ...]
    """``cpt-limit`` (parameters ``full_time_days``, ``limit_days``) and
    ``cpt-concurrent`` (``concurrent_days``, ``limit_hours``) notices."""
    concurrent_days: int = attrs.field(default=0, kw_only=True)
    """Of the full-time days, those that count only because concurrent part-time CPT
    periods add up to more than 20 hours a week (school guidance, ``add_concurrent_hours``)."""

    @property
    def ends_opt_eligibility(self) -> bool:
        """12 months (365 days here) or more of full-time CPT ends post-completion OPT."""
        return self.full_time_days >= CPT_LIMIT_DAYS


def _exact_hours(hours: float) -> Fraction:
    """*hours* as the decimal it is written as, so that 6.7 + 6.7 + 6.6 is exactly 20."""
    return Fraction(repr(hours))


def _cpt_days(periods: list[Period], *, add_concurrent_hours: bool) -> tuple[int, int]:
    """(full-time days, of which full time only because concurrent hours add up).

    A day is full time when a period covering it is (more than 20 hours a week) or,
    with *add_concurrent_hours*, when the hours of all periods covering it add up to
    more than 20. Sweeps over day ordinals, so a period ending on ``date.max`` needs
    no later date.
    """
    events: dict[int, list[tuple[Fraction, int]]] = {}
    for period in periods:
        change = (_exact_hours(period.hours_per_week), int(period.full_time))
        events.setdefault(period.start.toordinal(), []).append(change)
        events.setdefault(period.end.toordinal() + 1, []).append((-change[0], -change[1]))
    hours = Fraction(0)
    full_time_periods = 0
    full = concurrent = 0
    for day, following in itertools.pairwise(sorted(events)):
        for hours_change, full_time_change in events[day]:
            hours += hours_change
            full_time_periods += full_time_change
        if full_time_periods:
            full += following - day
        elif add_concurrent_hours and hours > FULL_TIME_HOURS:
            full += following - day
            concurrent += following - day
    return full, concurrent


def cpt_full_time_days(
    periods: Iterable[Period | Internship],
    *,
    warn_within: int = 60,
    add_concurrent_hours: bool = True,
) -> CptUsage:
    """Add up full-time CPT days, each day once, toward the 12-month rule.

    A part-time period alone does not count; concurrent part-time periods whose
    hours add up to more than 20 a week do (school guidance, confidence M).

    Args:
        warn_within: notice when the total is within this many days of 365
            (micropath's choice, not a rule).
        add_concurrent_hours: add up the hours of concurrent CPT periods (the
            default, as schools advise); False counts only periods that are
            full time on their own.

    >>> job = Period("2027-06-01", "2027-06-30", hours_per_week=12)
    >>> other = Period("2027-06-21", "2027-07-31", hours_per_week=10)
    >>> usage = cpt_full_time_days([job, other])  # 22 hours a week on June 21-30
    >>> usage.full_time_days, usage.concurrent_days, [n.code for n in usage.notices]
    (10, 10, ['cpt-concurrent'])
    >>> cpt_full_time_days([job, other], add_concurrent_hours=False).full_time_days
    0
    """
    margin = to_count(warn_within, "warn_within")
    if margin < 0:
        raise InvalidValueError("warn_within", "at least 0 days", margin)
    if not isinstance(add_concurrent_hours, bool):
        raise InvalidTypeError("add_concurrent_hours", "True or False", add_concurrent_hours)
    total, concurrent = _cpt_days(_periods(periods), add_concurrent_hours=add_concurrent_hours)
    notices: list[Finding] = []
    if total >= CPT_LIMIT_DAYS - margin:
        notices.append(_notice(
            "cpt-limit", "cpt-12-months",
            full_time_days=total, limit_days=CPT_LIMIT_DAYS,
        ))  # fmt: skip
    if concurrent:
        notices.append(_notice(
            "cpt-concurrent", "cpt-concurrent-part-time",
            concurrent_days=concurrent, limit_hours=FULL_TIME_HOURS,
        ))  # fmt: skip
    return CptUsage(total, tuple(notices), concurrent_days=concurrent)


@attrs.frozen
class AtUsage:
    """Academic Training used against its limit."""

    days_used: int
    limit_months: int
    postdoctoral: bool = attrs.field(default=False, kw_only=True)
    """Whether the post-doctoral limit (36 months) applied."""

    @property
    def months_used(self) -> float:
        """Days used in average months (365.25 / 12 days), an approximation."""
        return self.days_used / _DAYS_PER_MONTH

    @property
    def months_remaining(self) -> float:
        """Months left under the limit (never below 0)."""
        return max(0.0, self.limit_months - self.months_used)

    @property
    def exceeds_limit(self) -> bool:
        """More AT used than the limit allows, in average months (compared exactly).

        >>> AtUsage(547, 18).exceeds_limit, AtUsage(548, 18).exceeds_limit
        (False, True)
        """
        days, months = _MONTH
        return self.days_used * months > self.limit_months * days


def at_months_used(
    periods: Iterable[Period | Internship], program_months: int, *, postdoctoral: bool = False
) -> AtUsage:
    """Academic Training used, against 18 months or the program's length if shorter.

    Post-doctoral AT may total 36 months, *including* any AT before the doctorate:
    pass every AT period. micropath still caps it at *program_months* (the full
    course of study; for a post-doc, the doctoral program), the conservative reading
    of 22 CFR 62.23(g) that several sponsors publish; others state 36 months flat.
    Part-time AT counts as full time (MIT's practice).

    Args:
        program_months: the length of the program of study, in months.
        postdoctoral: the AT is post-doctoral training (limit 36 months, not 18).

    >>> jan = Period("2027-01-04", "2027-01-29", hours_per_week=40)
    >>> at_months_used([jan], program_months=60).limit_months
    18
    >>> at_months_used([jan], program_months=60, postdoctoral=True).limit_months
    36
    >>> at_months_used([jan], program_months=24, postdoctoral=True).limit_months
    24
    """
    months = to_count(program_months, "program_months")
    if months <= 0:
        raise InvalidValueError("program_months", "a positive number of months", months)
    if not isinstance(postdoctoral, bool):
        raise InvalidTypeError("postdoctoral", "True or False", postdoctoral)
    spans = [(p.start, p.end, 1.0) for p in _periods(periods)]
    used = sum((last - first).days + 1 for first, last, _ in _merge(spans))
    cap = AT_POSTDOCTORAL_LIMIT_MONTHS if postdoctoral else AT_LIMIT_MONTHS
    return AtUsage(used, min(cap, months), postdoctoral=postdoctoral)
