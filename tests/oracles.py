"""Slow but obviously correct references for business-day arithmetic.

Two independent implementations the property tests compare micropath against:

* stepping one day at a time over a :class:`Workdays` (a set of working
  weekdays and a set of closed dates), written straight from the definitions
  in ``shared/design.md``;
* numpy's ``busday_offset`` and ``busday_count``.

Neither uses micropath, so a bug in the calendar engine cannot hide in them.
(Further down, the same for other parts: estimates and allowances, the planner's
chain, federal holidays by rule, and what makes an HTML page inert, read with the
standard library's parser.)
When a result would fall outside the dates a reference can represent (or
outside the span a calendar covers), the reference raises :class:`OutOfRange`.

>>> week = Workdays(weekdays=frozenset(range(5)), closed=frozenset({date(2026, 11, 26)}))
>>> add_business_days(week, date(2026, 11, 25), 1)  # over Thanksgiving
datetime.date(2026, 11, 27)
>>> numpy_add_business_days(week, date(2026, 11, 25), 1)
datetime.date(2026, 11, 27)
>>> business_days_between(week, date(2026, 11, 30), date(2026, 11, 23))
-4
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

__all__ = [
    "OutOfRange",
    "Workdays",
    "add_business_days",
    "business_days_between",
    "is_business_day",
    "next_business_day",
    "numpy_add_business_days",
    "numpy_business_days_between",
    "previous_business_day",
]

_ONE_DAY = timedelta(days=1)


class OutOfRange(Exception):
    """The answer lies outside the dates the reference may use."""


@dataclass(frozen=True)
class Workdays:
    """Working weekdays (0 = Monday) minus closed dates, known from *first* to *last*."""

    weekdays: frozenset[int]
    closed: frozenset[date]
    first: date = date.min
    last: date = date.max

    @property
    def weekmask(self) -> str:
        """The seven-character 0/1 weekmask starting on Monday."""
        return "".join("1" if day in self.weekdays else "0" for day in range(7))


def _check(week: Workdays, day: date) -> date:
    if not week.first <= day <= week.last:
        raise OutOfRange(day)
    return day


def _step(week: Workdays, day: date, direction: int) -> date:
    if (direction > 0 and day >= week.last) or (direction < 0 and day <= week.first):
        raise OutOfRange(day)
    return day + direction * _ONE_DAY


def is_business_day(week: Workdays, day: date) -> bool:
    """A working weekday that is not closed."""
    _check(week, day)
    return day.weekday() in week.weekdays and day not in week.closed


def next_business_day(week: Workdays, day: date) -> date:
    """*day* if it is a business day, else the first one after it."""
    _check(week, day)
    while not is_business_day(week, day):
        day = _step(week, day, 1)
    return day


def previous_business_day(week: Workdays, day: date) -> date:
    """*day* if it is a business day, else the last one before it."""
    _check(week, day)
    while not is_business_day(week, day):
        day = _step(week, day, -1)
    return day


def add_business_days(week: Workdays, day: date, n: int) -> date:
    """n > 0: the n-th business day strictly after *day*; n < 0: the |n|-th
    strictly before; n == 0: *day* if it is a business day, else the next one."""
    _check(week, day)
    if n == 0:
        return next_business_day(week, day)
    direction = 1 if n > 0 else -1
    remaining = abs(n)
    while remaining:
        day = _step(week, day, direction)
        if is_business_day(week, day):
            remaining -= 1
    return day


def business_days_between(week: Workdays, start: date, end: date) -> int:
    """Business days in [start, end), negated when end comes first."""
    if end < start:
        return -business_days_between(week, end, start)
    _check(week, start)
    _check(week, end)
    total = 0
    day = start
    while day < end:
        total += is_business_day(week, day)
        day += _ONE_DAY
    return total


# -- numpy ---------------------------------------------------------------------

_NUMPY_MIN = np.datetime64(date.min, "D")
_NUMPY_MAX = np.datetime64(date.max, "D")


def _numpy_calendar(week: Workdays) -> np.busdaycalendar:
    holidays = np.array(sorted(week.closed), dtype="datetime64[D]")
    return np.busdaycalendar(weekmask=week.weekmask, holidays=holidays)


def numpy_add_business_days(week: Workdays, day: date, n: int) -> date:
    """numpy's ``busday_offset``: roll backward for n > 0, forward for n <= 0.

    Ignores *week.first* and *week.last* apart from the result's range check.
    """
    _check(week, day)
    roll = "backward" if n > 0 else "forward"
    result = np.busday_offset(
        np.datetime64(day, "D"), n, roll=roll, busdaycal=_numpy_calendar(week)
    )
    lower = max(_NUMPY_MIN, np.datetime64(week.first, "D"))
    upper = min(_NUMPY_MAX, np.datetime64(week.last, "D"))
    if not lower <= result <= upper:
        raise OutOfRange(result)
    answer: date = result.item()
    return answer


def numpy_business_days_between(week: Workdays, start: date, end: date) -> int:
    """numpy's ``busday_count``; only defined here for start <= end, where it
    agrees with [start, end) (for start > end numpy counts a different span)."""
    if end < start:
        raise ValueError("numpy's busday_count only matches micropath for start <= end")
    _check(week, start)
    _check(week, end)
    count = np.busday_count(
        np.datetime64(start, "D"), np.datetime64(end, "D"), busdaycal=_numpy_calendar(week)
    )
    return int(count)


# == estimates and allowances: tests/test_estimates.py, test_confidence.py, test_internship.py ==
# Written from the definitions in shared/domain.md and micropath/estimates.py's and
# micropath/internship.py's docstrings, without micropath: exact fractions, one day at a time.

from collections.abc import Callable, Iterable, Sequence  # noqa: E402
from fractions import Fraction  # noqa: E402

FULL_TIME_ABOVE_HOURS = 20
"""More than this many hours a week is full time; at most this is part time."""


def percentile_share(points: Sequence[tuple[Fraction, int]], amount: int) -> Fraction:
    """Share of cases (0..1) done within *amount*: linear from (0 days, 0%) through the
    (percentile, days) *points*, flat at the highest percentile after the last point."""
    previous_p, previous_d = Fraction(0), 0
    if amount <= 0:
        return Fraction(0)
    for percentile, days in sorted(points):
        if amount <= days:
            slope = (percentile - previous_p) / (days - previous_d)
            return (previous_p + (amount - previous_d) * slope) / 100
        previous_p, previous_d = percentile, days
    return previous_p / 100


def sample_share(values: Sequence[int], amount: int) -> Fraction:
    """Share of *values* no longer than *amount*."""
    return Fraction(sum(1 for value in values if value <= amount), len(values))


def smallest_amount(share_within: Callable[[int], Fraction], confidence: Fraction) -> int:
    """The smallest whole amount >= 0 whose share is at least *confidence*, by counting up."""
    amount = 0
    while share_within(amount) < confidence:
        amount += 1
    return amount


def daily_rates(periods: Iterable[tuple[date, date, float]]) -> dict[date, Fraction]:
    """For each day some (start, end, hours_per_week) period covers, the highest rate on it:
    1 for full time (more than 20 hours a week), 1/2 for part time."""
    rates: dict[date, Fraction] = {}
    for start, end, hours in periods:
        rate = Fraction(1) if hours > FULL_TIME_ABOVE_HOURS else Fraction(1, 2)
        day = start
        while day <= end:
            rates[day] = max(rates.get(day, Fraction(0)), rate)
            day += _ONE_DAY
    return rates


def opt_days_by_day(periods: Iterable[tuple[date, date, float]]) -> Fraction:
    """OPT allowance used: each covered day once, at its highest rate."""
    return sum(daily_rates(periods).values(), Fraction(0))


def full_time_days_by_day(periods: Iterable[tuple[date, date, float]]) -> int:
    """Days covered by at least one full-time period (part-time periods ignored)."""
    return sum(1 for rate in daily_rates(periods).values() if rate == 1)


def covered_days_by_day(periods: Iterable[tuple[date, date, float]]) -> int:
    """Days covered by at least one period, whatever its hours."""
    return len(daily_rates(periods))


# == planner: tests/test_planner_*.py =========================================
# A forward simulation of an authorization chain, one day at a time, written from
# "Date semantics" in shared/design.md and the default chains in shared/domain.md.
# It uses no micropath arithmetic: a step's calendar is a plain "is this day open?"
# predicate (a Workdays below, or a built-in Calendar's is_business_day).

from collections.abc import Callable as _Callable  # noqa: E402
from collections.abc import Mapping as _Mapping  # noqa: E402
from collections.abc import Sequence as _Sequence  # noqa: E402

IsOpen = _Callable[[date], bool]
"""Whether an actor works on a day."""

PREMIUM_RULES: tuple[tuple[date, date | None, int, bool], ...] = (
    (date(2023, 3, 6), date(2024, 3, 31), 30, False),
    (date(2024, 4, 1), None, 30, True),
)
"""(first filing, last filing or None, amount, business days?) - domain.md: premium
processing for (c)(3)(A) OPT, 30 calendar days, then 30 USCIS business days."""

_MAX_STEPPED_DAYS = 200_000  # a guard: every test calendar has a working weekday


class PremiumUnavailable(Exception):
    """No premium processing rule was in force on the filing date."""


@dataclass(frozen=True)
class ChainStep:
    """One step: *amount* calendar or business days of *is_open*'s actor."""

    name: str
    amount: int
    business: bool
    is_open: IsOpen
    on_business_day: bool = False
    premium: bool = False


def open_days(week: Workdays) -> IsOpen:
    """The predicate of a Workdays: a working weekday that is not closed."""
    return lambda day: day.weekday() in week.weekdays and day not in week.closed


def first_open_on_or_after(is_open: IsOpen, day: date) -> date:
    """*day* if the actor works then, else the first day after it that it does."""
    for _ in range(_MAX_STEPPED_DAYS):
        if is_open(day):
            return day
        day += _ONE_DAY
    raise AssertionError("no open day found: the calendar never works")


def premium_lead(filing: date) -> tuple[int, bool] | None:
    """(amount, business?) of the premium rule in force for a filing on *filing*."""
    for first, last, amount, business in PREMIUM_RULES:
        if first <= filing and (last is None or filing <= last):
            return amount, business
    return None


def step_begin(step: ChainStep, ready: date) -> date:
    """The day a step begins when its input is ready on *ready*."""
    return first_open_on_or_after(step.is_open, ready) if step.on_business_day else ready


def usable_after(step: ChainStep, ready: date) -> date:
    """The day a step's result is usable, when its input is ready on *ready*.

    Premium: the rule in force on the (rolled) filing date. n calendar days begun
    on X: usable X + n. n business days begun on X: the
    n-th open day counting X (from the first open day if X is closed); usable the
    day after. n == 0: usable on the (rolled) begin itself.
    """
    begin = step_begin(step, ready)
    amount, business = step.amount, step.business
    if step.premium:
        # A filing made before premium processing existed waits, pending, and is
        # upgraded on its first day (domain.md: upgrades of pending cases from
        # 2023-03-06); the clock runs by the rule in force when it starts.
        begin = max(begin, PREMIUM_RULES[0][0])
        rule = premium_lead(begin)
        if rule is None:
            raise PremiumUnavailable(begin)
        amount, business = rule
    if amount == 0:
        return begin
    if not business:
        return begin + timedelta(days=amount)
    day, counted = begin, 0
    for _ in range(_MAX_STEPPED_DAYS):
        if step.is_open(day):
            counted += 1
            if counted == amount:
                return day + _ONE_DAY
        day += _ONE_DAY
    raise AssertionError("business-day step never ends: the calendar never works")


def run_chain(steps: _Sequence[ChainStep], ready: date) -> date:
    """The day authorization is usable when the chain's first step is ready on *ready*."""
    for step in steps:
        ready = usable_after(step, ready)
    return ready


def trace_chain(steps: _Sequence[ChainStep], ready: date) -> list[tuple[str, date]]:
    """Each step's (name, begin) and then ("end", usable day), stepping forwards."""
    out = []
    for step in steps:
        out.append((step.name, step_begin(step, ready)))
        ready = usable_after(step, ready)
    out.append(("end", ready))
    return out


def safe(steps: _Sequence[ChainStep], ready: date, start: date) -> bool:
    """True if beginning on *ready* has authorization usable on or before *start*."""
    try:
        return run_chain(steps, ready) <= start
    except PremiumUnavailable:
        return False


# The default chains of shared/domain.md, forward, as
# (option, amount, business days?, actor, must begin on the actor's business day?).
DEFAULT_CHAINS: dict[str, tuple[tuple[str, int, bool, str, bool], ...]] = {
    "CPT": (
        ("decision", 7, True, "school", False),
        ("preparation", 5, True, "school", False),
        ("processing", 10, True, "school", False),
    ),
    "OPT": (
        ("decision", 7, True, "school", False),
        ("preparation", 5, True, "school", False),
        ("recommendation", 10, True, "school", False),
        ("processing", 120, False, "uscis", True),
        ("mailing", 14, False, "uscis", False),
    ),
    "AT": (
        ("decision", 7, True, "school", False),
        ("preparation", 5, True, "school", False),
        ("processing", 10, True, "school", False),
    ),
}
FILING_STEP = "processing"
"""The step that begins at the filing, in every chain."""


def lead_parts(value: object) -> tuple[int, bool]:
    """(amount, business?) of a plan option: an int is calendar days; a micropath
    Lead is read from its fields."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value, False
    amount, unit = value.amount, value.unit  # type: ignore[attr-defined]
    return amount, unit.value == "business_days"


def default_chain(
    authorization: str,
    *,
    school: IsOpen,
    uscis: IsOpen,
    leads: _Mapping[str, object] | None = None,
    premium: bool = False,
    paper: bool = True,
) -> tuple[ChainStep, ...]:
    """The chain of *authorization* with lead overrides (option -> int or Lead, None
    for the default) and premium processing for OPT. Filed online (*paper* False),
    the I-765 is received on any day; on paper, on a USCIS business day."""
    overrides = {k: v for k, v in (leads or {}).items() if v is not None}
    chain = []
    for option, amount, business, actor, on_business_day in DEFAULT_CHAINS[authorization]:
        if option in overrides:
            amount, business = lead_parts(overrides[option])
        chain.append(
            ChainStep(
                option,
                amount,
                business,
                school if actor == "school" else uscis,
                on_business_day and paper,
                premium and option == "processing",
            )
        )
    return tuple(chain)


def filing_part(steps: _Sequence[ChainStep]) -> tuple[ChainStep, ...]:
    """The steps from the filing on."""
    names = [step.name for step in steps]
    return tuple(steps[names.index(FILING_STEP) :])


# -- federal legal public holidays, by rule -----------------------------------


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The *n*-th *weekday* (0 = Monday) of *month*; n = -1 for the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - _ONE_DAY
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def federal_legal_holidays(year: int) -> dict[date, str]:
    """The legal public holidays of *year* (5 U.S.C. 6103), written from the statutes and
    without the ``holidays`` package: each only from its law's first year, on its day of
    that year, plus the observed day of one on a weekend (Saturday -> the Friday before,
    which for New Year's Day is December 31 of the year before; Sunday -> the Monday
    after), named ``"<name> (observed)"``."""
    rules: list[tuple[str, date | None]] = [
        ("New Year's Day", date(year, 1, 1)),
        (
            "Birthday of Martin Luther King, Jr.",
            _nth_weekday(year, 1, 0, 3) if year >= 1986 else None,  # Pub. L. 98-144
        ),
        (  # Pub. L. 90-363 moved it to a Monday from 1971
            "Washington's Birthday",
            _nth_weekday(year, 2, 0, 3) if year >= 1971 else date(year, 2, 22),
        ),
        ("Memorial Day", _nth_weekday(year, 5, 0, -1) if year >= 1971 else date(year, 5, 30)),
        (
            "Juneteenth National Independence Day",
            date(year, 6, 19) if year >= 2021 else None,  # Pub. L. 117-17
        ),
        ("Independence Day", date(year, 7, 4)),
        ("Labor Day", _nth_weekday(year, 9, 0, 1)),
        ("Columbus Day", _nth_weekday(year, 10, 0, 2) if year >= 1971 else None),
        (  # fourth Monday of October 1971-1977; November 11 again from 1978 (Pub. L. 94-97)
            "Veterans Day",
            _nth_weekday(year, 10, 0, 4) if 1971 <= year <= 1977 else date(year, 11, 11),
        ),
        ("Thanksgiving Day", _nth_weekday(year, 11, 3, 4)),
        ("Christmas Day", date(year, 12, 25)),
    ]
    days: dict[date, str] = {}
    for name, day in rules:
        if day is None:
            continue
        days[day] = name
        if day.weekday() == 5:
            days[day - _ONE_DAY] = f"{name} (observed)"
        elif day.weekday() == 6:
            days[day + _ONE_DAY] = f"{name} (observed)"
    return days


# -- numpy's reading of a weekmask ----------------------------------------------


def numpy_weekmask(value: object) -> str | None:
    """The 0/1 weekmask numpy's ``busdaycalendar`` makes of *value*, or None if it
    rejects it (including a weekmask with no working day)."""
    try:
        flags = np.busdaycalendar(weekmask=value).weekmask  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None
    return "".join("1" if flag else "0" for flag in flags)


# == pages that stay inert: tests/test_fuzz_cli.py, tests/test_fuzz_api.py ==================
# What a page may hold, read with the standard library's HTML parser (no micropath): the
# references it makes, the elements that run or fetch something, its styles and its text.

from collections.abc import Collection  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

ACTIVE_TAGS = frozenset(
    {"script", "link", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
     "img", "image", "audio", "video", "source", "track", "form", "input", "button",
     "portal", "noscript", "template", "a", "area", "foreignobject", "animate", "set"}
)  # fmt: skip
"""Elements that run, fetch, navigate or submit something; none belongs in the page (its
sources are text, not links; its figure is paths and glyphs)."""
REFERENCES = frozenset(
    {"src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data",
     "background", "cite", "longdesc", "ping", "manifest", "codebase", "archive", "lowsrc",
     "dynsrc", "usemap", "classid", "srcdoc", "imagesrcset"}
)  # fmt: skip
"""Attributes that point somewhere: only ``#fragment`` references into the page itself
are allowed (the figure's glyphs, ``<use xlink:href="#DejaVuSans-41">``)."""


class InertPage(HTMLParser):
    """A page's start tags (with their attributes), its ``<style>`` texts and its text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.chunks: list[str] = []
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.chunks).append(data)

    @property
    def text(self) -> str:
        """The text of the page, as a reader sees it (entities decoded)."""
        return "".join(self.chunks)


def _foreign_css(css: str) -> bool:
    """True if *css* fetches or runs something: ``@import``, ``url()`` that is not a
    ``#fragment``, ``expression()``, a ``javascript:`` address."""
    folded = "".join(css.lower().split())
    return (
        "@import" in folded
        or "expression(" in folded
        or "javascript:" in folded
        or "url(" in folded.replace("url(#", "").replace("url('#", "").replace('url("#', "")
    )


def assert_inert(text: str, own_styles: Collection[str], policy: str | None = None) -> InertPage:
    """Assert that the page *text* runs, fetches and restyles nothing of its own making:
    no element that runs, fetches or navigates (:data:`ACTIVE_TAGS`), no ``on*`` event
    handler, no reference (:data:`REFERENCES`) out of the page, no ``<style>`` but
    *own_styles*, no style attribute that fetches, and ``<meta http-equiv>`` only as the
    Content-Security-Policy *policy* (exactly once), or none if *policy* is None."""
    page = InertPage(text)
    equivs = []
    for tag, attributes in page.tags:
        assert tag not in ACTIVE_TAGS, (tag, attributes)
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in REFERENCES:
                assert (value or "").startswith("#"), (tag, name, value)
            if name == "style":
                assert not _foreign_css(value or ""), (tag, value)
        if tag == "meta" and "http-equiv" in attributes:
            equivs.append((attributes["http-equiv"], attributes.get("content")))
    expected = [] if policy is None else [("Content-Security-Policy", policy)]
    assert equivs == expected, equivs
    for style in page.styles:
        assert style in own_styles, style[:200]
    return page
