"""The internship itself, and what it uses up of a student's allowances.

Checks against the program's terms return :class:`Notice` values, not
errors: a 40-hour week is unusual for a micro-internship, not invalid input.

Accounting rules (sources in ``docs/rules.md``):

* Pre-completion OPT is deducted from the 12-month OPT allowance: full time
  day for day, part time (20 hours a week or less) at half rate. The
  half-rate rule is **school guidance** (several universities' OPT pages); it
  was not found in today's text of 8 CFR 214.2(f). Twelve months is counted
  as ``allowance_days=365`` by default, a convention you can change.
* 12 months or more of *full-time* CPT ends post-completion OPT eligibility
  (8 CFR 214.2(f)(10)(i)); schools keep students under 365 days.
* Academic Training is limited to 18 months or the length of the program,
  whichever is shorter (22 CFR 62.23(g)); at MIT part-time pre-completion AT
  counts as full time.

Overlapping periods are merged, never counted twice; where a part-time and a
full-time period overlap, those days count as full time.

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
from typing import Final

import attrs

from micropath._convert import DateLike, to_count, to_date, to_items
from micropath.errors import InvalidTypeError, InvalidValueError
from micropath.terms import Term, iap

__all__ = [
    "FULL_TIME_HOURS",
    "MINIMUM_WAGES",
    "AtUsage",
    "CptUsage",
    "Internship",
    "Notice",
    "OptUsage",
    "Period",
    "at_months_used",
    "cpt_full_time_days",
    "minimum_wage",
    "opt_days_used",
]

FULL_TIME_HOURS: Final = 20
"""More than this many hours a week is full time; at most this is part time."""
TYPICAL_HOURS: Final = (10, 35)
TYPICAL_WEEKS: Final = (4, 6)
AT_LIMIT_MONTHS: Final = 18
CPT_LIMIT_DAYS: Final = 365
_DAYS_PER_MONTH: Final = 365.25 / 12
_ALL_DAYS: Final = date.max.toordinal()
"""Days from date.min to date.max: no allowance can be larger (or its remainder overflow)."""

MINIMUM_WAGES: Final = (
    (date(2016, 1, 1), 10.00),
    (date(2017, 1, 1), 11.00),
    (date(2019, 1, 1), 12.00),
    (date(2020, 1, 1), 12.75),
    (date(2021, 1, 1), 13.50),
    (date(2022, 1, 1), 14.25),
    (date(2023, 1, 1), 15.00),
)
"""Massachusetts minimum wage (US dollars an hour) from each date: M.G.L. c. 151
s. 1, as amended by St. 2018, c. 121 (the 2018 'Grand Bargain'); $15.00 from
2023-01-01 is the last step of that law. Confidence that $15.00 is still in
force in 2026: medium (no later change found)."""


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


@attrs.frozen
class Notice:
    """Something worth a second look (not an error): a code, a sentence, a source."""

    code: str
    message: str
    source: str


@attrs.frozen
class Internship:
    """A micro-internship: when, how many hours a week, and (optionally) the pay.

    >>> job = Internship(iap(2025), hours_per_week=40, pay_rate=14.0)
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

    def notices(self, *, vacations: Iterable[Term] | None = None) -> tuple[Notice, ...]:
        """Checks against CAPD's micro-internship terms and the hours rules.

        Args:
            vacations: the school's vacations; more than 20 hours a week is
                allowed only within them. Default: the IAP of each year the
                internship touches (the only vacation micropath knows dates for).
        """
        found = []
        low, high = TYPICAL_HOURS
        if not low <= self.hours_per_week <= high:
            found.append(Notice(
                "hours",
                f"{self.hours_per_week:g} hours a week; micro-internships are typically "
                f"{low}-{high}",
                "capd-calendar",
            ))  # fmt: skip
        weeks = self.term.weeks
        if not TYPICAL_WEEKS[0] <= weeks <= TYPICAL_WEEKS[1]:
            found.append(Notice(
                "weeks",
                f"{weeks} weeks; micro-internships are typically "
                f"{TYPICAL_WEEKS[0]}-{TYPICAL_WEEKS[1]}",
                "capd-calendar",
            ))  # fmt: skip
        if self.pay_rate is not None:
            wage = minimum_wage(self.term.start)
            if wage is None:
                found.append(Notice(
                    "pay", f"no Massachusetts minimum wage data for {self.term.start}", "ma-wage"
                ))  # fmt: skip
            elif self.pay_rate < wage:
                found.append(Notice(
                    "pay",
                    f"${self.pay_rate:.2f} an hour is below the Massachusetts minimum wage "
                    f"(${wage:.2f} on {self.term.start.isoformat()})",
                    "ma-wage",
                ))  # fmt: skip
        if self.hours_per_week > FULL_TIME_HOURS:
            breaks = self._vacations(vacations)
            outside = _days_outside(self.term, breaks)
            known = ", ".join(term.name for term in breaks) or "none"
            if outside:
                found.append(Notice(
                    "in-session",
                    f"{self.hours_per_week:g} hours a week on {outside} day(s) outside the "
                    f"vacations given ({known}): F-1 and J-1 students may work at most "
                    f"{FULL_TIME_HOURS} hours a week while school is in session. If those days "
                    "fall in a vacation, such as the summer, pass it as vacations=",
                    "first-academic-year",
                ))  # fmt: skip
        return tuple(found)

    def _vacations(self, vacations: Iterable[Term] | None) -> tuple[Term, ...]:
        if vacations is None:
            years = range(self.term.start.year, self.term.end.year + 1)
            return tuple(iap(year) for year in years if 1970 <= year <= 2099)
        chosen = to_items(vacations, "vacations", "an iterable of micropath Terms, or None")
        for item in chosen:
            if not isinstance(item, Term):
                raise InvalidTypeError("vacations", "an iterable of micropath Terms", item)
        return tuple(chosen)  # type: ignore[arg-type]  # checked above


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
    """Full-time CPT days, and a notice as they approach 365."""

    full_time_days: int
    notices: tuple[Notice, ...]

    @property
    def ends_opt_eligibility(self) -> bool:
        """12 months (365 days here) or more of full-time CPT ends post-completion OPT."""
        return self.full_time_days >= CPT_LIMIT_DAYS


def cpt_full_time_days(
    periods: Iterable[Period | Internship], *, warn_within: int = 60
) -> CptUsage:
    """Add up full-time CPT days (part-time periods do not count toward the limit).

    Args:
        warn_within: notice when the total is within this many days of 365
            (micropath's choice, not a rule).
    """
    margin = to_count(warn_within, "warn_within")
    if margin < 0:
        raise InvalidValueError("warn_within", "at least 0 days", margin)
    spans = [(p.start, p.end, 1.0) for p in _periods(periods) if p.full_time]
    total = sum((last - first).days + 1 for first, last, _ in _merge(spans))
    notices: tuple[Notice, ...] = ()
    if total >= CPT_LIMIT_DAYS - margin:
        notices = (Notice(
            "cpt-limit",
            f"{total} days of full-time CPT: 12 months (365 days) or more ends "
            "post-completion OPT eligibility",
            "cpt-12-months",
        ),)  # fmt: skip
    return CptUsage(total, notices)


@attrs.frozen
class AtUsage:
    """Academic Training used against its limit."""

    days_used: int
    limit_months: int

    @property
    def months_used(self) -> float:
        """Days used in average months (365.25 / 12 days), an approximation."""
        return self.days_used / _DAYS_PER_MONTH

    @property
    def months_remaining(self) -> float:
        """Months left under the limit (never below 0)."""
        return max(0.0, self.limit_months - self.months_used)


def at_months_used(periods: Iterable[Period | Internship], program_months: int) -> AtUsage:
    """Academic Training used, against 18 months or the program's length if shorter.

    Part-time AT counts as full time (MIT's practice).
    """
    months = to_count(program_months, "program_months")
    if months <= 0:
        raise InvalidValueError("program_months", "a positive number of months", months)
    spans = [(p.start, p.end, 1.0) for p in _periods(periods)]
    used = sum((last - first).days + 1 for first, last, _ in _merge(spans))
    return AtUsage(used, min(AT_LIMIT_MONTHS, months))
