"""Working-day calendars and exact business-day arithmetic.

A :class:`Calendar` is a weekmask (which weekdays an actor works) minus named
closed days. Every question it answers costs O(1) (O(log H) for H closed days
spread over more than about 200 years), whatever the distance involved:
nothing steps day by day.

How the arithmetic works: number the days from ``date.min`` (a Monday) as
``t = ordinal - 1``. The number of weekmask days before ``t`` is
``(t // 7) * k + prefix[t % 7]`` for ``k`` working weekdays; subtracting the
closed weekmask days before ``t`` (one bisection) gives the business *rank*
of ``t``. Going the other way, the business day of rank ``m`` is the weekmask
day of rank ``m + j``, where ``j`` closed days come before it; since the
business rank of the i-th closed day never decreases, ``j`` is one bisection
of those ranks.

When the closed days span at most about 200 years, both bisections become one
index each: on the first arithmetic call a calendar builds two compact
``array`` tables over that span, the rank of each day and the day of each
rank (offsets from the span's first closed day, two bytes each when the span
is under 179 years). Outside the span no closed day is between, so the
arithmetic above with 0 or H closed days is exact. Calendars that are only
built, combined or asked ``is_business_day`` never build the tables.

Built lazily (the built-in calendars, see :mod:`micropath.calendars`): a
calendar can be made from a *source* of closed days instead of a list of them.
It then holds the closed days of a contiguous run of years only, five years at
a time, and its tables cover exactly that run. A question whose day or answer
lies outside the run, but inside the calendar's span, first builds the years
up to it and is then asked again. Inside the run the arithmetic is exact
whatever lies outside it, because only the closed days between the day asked
about and the answer change a count; so no answer depends on which years were
built first. Asking for ``holidays`` or ``half_days``, ``repr``, ``|`` and
``with_closure`` build every year; ``==`` between two calendars from the same
source, ``hash`` and pickling build none.

Date semantics (``../shared/design.md``):

* ``add_business_days(d, n)``: n > 0, the n-th business day strictly after
  d; n < 0, the \\|n\\|-th strictly before d; n == 0, d if it is a business
  day, else the next one.
* ``business_days_between(a, b)``: the business days in [a, b), negated when
  a > b, so it is antisymmetric.
"""

from __future__ import annotations

import operator
import re
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from itertools import accumulate, compress
from typing import Any, Final, Protocol, TypeAlias

import attrs

from micropath._convert import to_count, to_date, to_items
from micropath.errors import InvalidTypeError, InvalidValueError, OutOfRangeError, _brief

__all__ = ["Calendar", "ClosedDay", "HolidaysLike", "WeekmaskLike"]

HolidaysLike = Mapping[date | str, str] | Iterable[date | str | tuple[date | str, str]]
"""Closed days: dates (or ISO strings), ``(date, name)`` pairs, or a mapping from date to name."""

WeekmaskLike = str | bytes | Iterable[int | bool]
"""Seven 0/1 characters from Monday, day names (``"Mon Tue Wed Thu Fri"``, ``"MonTueWed"``),
or seven flags (ints, bools, numpy bools or integers): every weekmask numpy accepts as text
or as 0/1 flags."""

_DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_INDEX: Final = {
    **{name[:3].lower(): i for i, name in enumerate(_DAY_NAMES)},
    **{name.lower(): i for i, name in enumerate(_DAY_NAMES)},
}
_SPACE: Final = " \t\n\r\f\v"
"""The whitespace numpy's weekmask parser skips between day names (C ``isspace``);
micropath also strips it around a 0/1 weekmask, which numpy refuses."""
_DAY_TOKEN: Final = re.compile(
    rf"[{_SPACE},]+|({'|'.join(sorted(_DAY_INDEX, key=len, reverse=True))})",
    re.IGNORECASE | re.ASCII,
)
"""One step through a day-name weekmask: separators, or one day name (longest first, so
``"Monday"`` is one name, not ``"Mon"`` and ``"day"``)."""
_MAX_T: Final = date.max.toordinal() - 1  # t of date.max; t of date.min is 0
_DEFAULT_HOLIDAY_NAME: Final = "holiday"
_DEFAULT_HALF_DAY_NAME: Final = "half-day closing"
_DENSE_MAX_SPAN: Final = 200 * 366  # widest span of closed days given dense tables
_MAX_SPAN_DAYS: Final = 146_097
"""Widest span, in days (400 Gregorian years), that closed_days lists or with_closure
closes: each day of it becomes an object, so a wider one would take seconds."""
_fromordinal: Final = date.fromordinal  # bound once: the hot path returns a date
_CHUNK_YEARS: Final = 5
"""A lazily built calendar builds its closed days this many years at a time, counted from
the first year it covers."""
_GROWING: Final = threading.Lock()
"""Held while a lazily built calendar builds more years, so that two threads never build
the same years twice, and never interleave their tables."""

# The dense tables of a calendar, see Calendar._dense and _tables: (ordinal of their
# first day, days they span, ranks, len(days), days, business days before them)
_Dense: TypeAlias = tuple[int, int, "array[int]", int, "array[int]", int]


class _Source(Protocol):
    """Where a lazily built calendar's closed days come from (see ``Calendar._lazy``).

    A value: hashable, compared by value, picklable. Equal sources give equal
    closed days, and a day gets the same names whichever years it is asked for
    with. Days outside the years asked for are left out.
    """

    def closed_days(
        self, years: range
    ) -> tuple[Iterable[tuple[date, str]], Iterable[tuple[date, str]]]:
        """The closed days and the half days in *years*, as ``(date, name)`` pairs, in the
        order a :class:`Calendar` would be given them (later names of a day are joined)."""
        ...  # pragma: no cover - a protocol


@attrs.frozen
class ClosedDay:
    """A day a calendar is closed, and why (``"weekend (Saturday)"`` or a holiday's name)."""

    date: date
    reason: str


def _weekmask(value: WeekmaskLike) -> str:
    """Normalize a weekmask to seven '0'/'1' characters starting on Monday.

    Accepts what numpy's ``busdaycalendar`` accepts as text or as 0/1 flags, with
    the same meaning: seven 0/1 characters; three-letter day names separated by
    whitespace or run together (``"SatSun"``); ``bytes`` of either; seven flags
    that are 0/1 integers, bools or numpy bools. Also, beyond numpy: full day names,
    any letter case, commas between names, C's whitespace (space, ``\\t``,
    ``\\n``, ``\\r``, ``\\f``, ``\\v``) around a 0/1 string, and
    any iterable of seven flags. numpy is more lenient about flags (it takes any
    truthy value, so ``2`` or ``1.0``); micropath rejects those.

    >>> _weekmask("SatSun"), _weekmask("Mon\tTue  Wed")
    ('0000011', '1110000')
    """
    expected = (
        "seven 0/1 characters starting on Monday ('1111100'), day names "
        "('Mon Tue Wed Thu Fri') or seven flags, with at least one working day"
    )
    given: object = value  # checked at run time, whatever the annotation says
    if isinstance(given, bytes):
        try:
            given = given.decode("ascii")
        except UnicodeDecodeError:
            raise InvalidValueError("weekmask", expected, value) from None
    if isinstance(given, str):
        flags = _weekmask_text(given, expected, value)
    else:
        flags = _weekmask_flags(given, expected, value)
    if not any(flags):
        raise InvalidValueError("weekmask", expected, value)
    return "".join("1" if f else "0" for f in flags)


def _weekmask_text(text: str, expected: str, value: object) -> list[bool]:
    """The flags of a text weekmask: 0/1 characters, or day names."""
    bits = text.strip(_SPACE)
    if len(bits) == 7 and not bits.strip("01"):
        return [c == "1" for c in bits]
    days: set[int] = set()
    position = 0
    while position < len(text):
        step = _DAY_TOKEN.match(text, position)
        if step is None:
            raise InvalidValueError("weekmask", expected, value)
        if step.group(1) is not None:
            days.add(_DAY_INDEX[step.group(1).lower()])
        position = step.end()
    return [i in days for i in range(7)]


def _weekmask_flags(value: object, expected: str, original: object) -> list[bool]:
    """The flags of a weekmask given as seven 0/1 values (a 1-d array, a list, ...)."""
    if getattr(value, "ndim", 1) != 1:  # a numpy array of another shape
        raise InvalidValueError("weekmask", expected, original)
    try:
        items = list(value)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidTypeError("weekmask", expected, original) from None
    flags = [_flag(item) for item in items]
    if len(flags) != 7 or None in flags:
        raise InvalidValueError("weekmask", expected, original)
    return [bool(flag) for flag in flags]


def _flag(item: object) -> bool | None:
    """*item* as a weekmask flag: an integer 0 or 1 (``__index__``: int, bool, numpy
    integers) or a numpy bool (through its ``item()``); None for anything else."""
    try:
        number = operator.index(item)  # type: ignore[arg-type]
    except TypeError:
        as_python = getattr(item, "item", None)  # numpy's bool has no __index__
        if not callable(as_python):
            return None
        try:
            scalar = as_python()
        except (TypeError, ValueError):  # an array of other than one item
            return None
        return scalar if type(scalar) is bool else None
    return bool(number) if number in (0, 1) else None


def _holidays(value: HolidaysLike) -> tuple[tuple[date, str], ...]:
    """Normalize closed days to a sorted tuple of ``(date, name)`` pairs."""
    return _named_days(value, "holidays", _DEFAULT_HOLIDAY_NAME)


def _half_days(value: HolidaysLike) -> tuple[tuple[date, str], ...]:
    """Normalize half days to a sorted tuple of ``(date, name)`` pairs."""
    return _named_days(value, "half_days", _DEFAULT_HALF_DAY_NAME)


def _named_days(
    value: HolidaysLike, parameter: str, default_name: str
) -> tuple[tuple[date, str], ...]:
    expected = "an iterable of dates or (date, name) pairs, or a mapping from date to name"
    named: dict[date, str] = {}
    if isinstance(value, Mapping):
        for key, name in value.items():
            if not isinstance(name, str):
                raise InvalidTypeError(f"{parameter}[{_brief(key)}]", "a name (str)", name)
            _add_name(named, to_date(key, parameter), name)
    else:
        for item in to_items(value, parameter, expected):
            if isinstance(item, tuple) and len(item) == 2:
                key, name = item
                if not isinstance(name, str):
                    raise InvalidTypeError(f"{parameter}[{_brief(key)}]", "a name (str)", name)
                _add_name(named, to_date(key, parameter), name)
            else:
                _add_name(named, to_date(item, parameter), default_name)
    return tuple(sorted(named.items()))


def _add_name(named: dict[date, str], day: date, name: str) -> None:
    """Record *name* for *day*, keeping each reason once ("A / B", never "A / A"),
    however many names a day collects."""
    old = named.get(day)
    if old is None and " / " not in name:
        named[day] = name
        return
    parts = dict.fromkeys(() if old is None else old.split(" / "))
    parts.update(dict.fromkeys(name.split(" / ")))
    named[day] = " / ".join(parts)


def _label(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError("name", "a str", value)
    return value


def _covers(value: tuple[date, date] | None) -> tuple[date, date] | None:
    given: object = value  # checked at run time, whatever the annotation says
    if given is None:
        return None
    if isinstance(given, (str, bytes)) or not isinstance(given, (tuple, list)) or len(given) != 2:
        raise InvalidTypeError("covers", "a (first, last) pair of dates, or None", given)
    first, last = (to_date(v, "covers") for v in given)
    if first > last:
        raise InvalidValueError("covers", "a (first, last) pair with first <= last", value)
    return (first, last)


@attrs.frozen(repr=False, eq=False)
class Calendar:
    """The days an actor works: a weekmask minus named closed days.

    Args:
        holidays: closed days, as dates or ISO strings, ``(date, name)`` pairs,
            or a mapping from date to name.
        weekmask: the working weekdays, ``"1111100"`` (Monday to Friday) by
            default; day names such as ``"Mon Tue Wed Thu Fri"`` or
            ``"SatSun"`` and seven flags (numpy bools too) also work: every
            weekmask numpy accepts as text or 0/1 flags, with the same meaning.
        name: a label used in explanations (``"federal"``).
        covers: ``(first, last)``: the span the holiday data is known for. Any
            date outside it is an :class:`~micropath.errors.OutOfRangeError`
            rather than a silently wrong answer. ``None`` (the default) means
            the given holidays are all there is.
        half_days: days the actor closes for part of the day only (the federal
            Christmas Eve half days of 2002, 2009 and 2015), in the same forms
            as *holidays*. They are business days for every count; only
            :meth:`why_half_day` reports them.

    Calendars are immutable and hashable, and equal when all of the above are
    equal; ``a | b`` is closed whenever either is.

    >>> cal = Calendar({"2026-11-26": "Thanksgiving Day"})
    >>> cal.add_business_days("2026-11-25", 1)  # skips Thanksgiving
    datetime.date(2026, 11, 27)
    >>> cal.why_closed("2026-11-26")
    'Thanksgiving Day'
    """

    holidays: tuple[tuple[date, str], ...] = attrs.field(default=(), converter=_holidays)
    weekmask: str = attrs.field(default="1111100", converter=_weekmask, kw_only=True)
    name: str = attrs.field(default="", kw_only=True, converter=_label)
    covers: tuple[date, date] | None = attrs.field(default=None, converter=_covers, kw_only=True)
    half_days: tuple[tuple[date, str], ...] = attrs.field(
        default=(), converter=_half_days, kw_only=True
    )

    # Derived lookup tables, filled in by __attrs_post_init__ (for a calendar built
    # lazily, by _publish: then they hold the years built so far, and _bounds is
    # their span). Equality, hashing and pickling never look at them.
    _names: dict[date, str] = attrs.field(init=False, repr=False)
    _half_names: dict[date, str] = attrs.field(init=False, repr=False)
    _open: tuple[bool, ...] = attrs.field(init=False, repr=False)
    _per_week: int = attrs.field(init=False, repr=False)
    _prefix: tuple[int, ...] = attrs.field(init=False, repr=False)
    _position: tuple[int, ...] = attrs.field(init=False, repr=False)
    _closed: tuple[int, ...] = attrs.field(init=False, repr=False)
    _closed_set: frozenset[int] = attrs.field(init=False, repr=False)
    _closed_rank: tuple[int, ...] = attrs.field(init=False, repr=False)
    _bounds: tuple[int, int] = attrs.field(init=False, repr=False)
    _limits: tuple[int, int] = attrs.field(init=False, repr=False)
    """The day numbers the calendar covers (``covers``, or every date)."""
    # Dense tables for O(1) arithmetic, built on first use by _dense(): None
    # until then, () when the closed days span too many years (bisection).
    _fast: _Dense | tuple[()] | None = attrs.field(init=False, default=None, repr=False)
    _source: _Source | None = attrs.field(init=False, default=None, repr=False)
    """Where a lazily built calendar's closed days come from; None for every other."""
    _hash: int | None = attrs.field(init=False, default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        self._set_weekmask()
        is_open, per_week, prefix = self._open, self._per_week, self._prefix
        # Only closed days on working weekdays change any count.
        closed = tuple(d.toordinal() - 1 for d, _ in self.holidays if is_open[d.weekday()])
        # Business rank of each closed day: weekmask days before it, minus the
        # closed days before it (its index).
        closed_rank = tuple((t // 7) * per_week + prefix[t % 7] - i for i, t in enumerate(closed))
        set_(self, "_names", dict(self.holidays))
        set_(self, "_half_names", dict(self.half_days))
        set_(self, "_closed", closed)
        set_(self, "_closed_set", frozenset(closed))
        set_(self, "_closed_rank", closed_rank)
        if self.covers is None:
            limits = (0, _MAX_T)
        else:
            limits = (self.covers[0].toordinal() - 1, self.covers[1].toordinal() - 1)
        set_(self, "_limits", limits)
        set_(self, "_bounds", limits)

    def _set_weekmask(self) -> None:
        """The weekmask's tables: which weekdays are open, and how many before each."""
        set_ = object.__setattr__
        is_open = tuple(c == "1" for c in self.weekmask)
        prefix = [0]
        for flag in is_open:
            prefix.append(prefix[-1] + flag)
        set_(self, "_open", is_open)
        set_(self, "_per_week", prefix[-1])
        set_(self, "_prefix", tuple(prefix))
        set_(self, "_position", tuple(i for i, flag in enumerate(is_open) if flag))

    @classmethod
    def _lazy(
        cls,
        source: _Source,
        *,
        weekmask: WeekmaskLike = "1111100",
        name: str = "",
        covers: tuple[date, date],
    ) -> Calendar:
        """A calendar whose closed days come from *source*, built for the years the
        questions asked of it touch (see the module's docstring).

        It is equal to the calendar made from all of *source*'s closed days and half
        days in *covers* (which must span at most 200 years), and behaves as that
        calendar does. Nothing is built until a question needs it.
        """
        calendar = object.__new__(cls)
        set_ = object.__setattr__
        set_(calendar, "weekmask", _weekmask(weekmask))
        set_(calendar, "name", _label(name))
        span = _covers(covers)
        if span is None or (span[1] - span[0]).days > _DENSE_MAX_SPAN:
            raise InvalidValueError("covers", "a (first, last) pair at most 200 years apart", span)
        set_(calendar, "covers", span)
        calendar._set_weekmask()
        limits = (span[0].toordinal() - 1, span[1].toordinal() - 1)
        set_(calendar, "_limits", limits)
        set_(calendar, "_source", source)
        set_(calendar, "_hash", None)
        calendar._publish({}, {}, (limits[0], limits[0] - 1))  # nothing built yet
        return calendar

    # -- value semantics ----------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Calendar)
        if self is other:
            return True
        if (self.weekmask, self.name, self.covers) != (other.weekmask, other.name, other.covers):
            return False
        if self._source is not None and self._source == other._source:
            return True  # the same source gives the same closed days: nothing to build
        return self.holidays == other.holidays and self.half_days == other.half_days

    def __hash__(self) -> int:
        cached = self._hash
        if cached is None:
            if self.covers is None:
                cached = hash((self.holidays, self.weekmask, self.name, None, self.half_days))
            else:
                # Every lazily built calendar has a span, and its hash must not build
                # its closed days; equal calendars still hash alike.
                cached = hash((self.weekmask, self.name, self.covers))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle the value, never the derived tables; a lazily built calendar as its
        source, so that it is built lazily again."""
        if self._source is not None:
            return (_lazy_calendar, (self._source, self.weekmask, self.name, self.covers))
        return (
            _calendar,
            (self.holidays, self.weekmask, self.name, self.covers, self.half_days),
        )

    # -- construction -----------------------------------------------------

    def with_closure(self, first: date | str, last: date | str, *, name: str) -> Calendar:
        """Return a copy that is also closed on every day from *first* to *last*, inclusive.

        The closure may be up to 400 years (146097 days) long.

        >>> cal = Calendar().with_closure("2026-12-24", "2027-01-01", name="winter break")
        >>> cal.next_business_day("2026-12-24")
        datetime.date(2027, 1, 4)
        """
        first_day, last_day = to_date(first, "first"), to_date(last, "last")
        if first_day > last_day:
            raise InvalidValueError("last", f"a date on or after first ({first_day})", last_day)
        if not isinstance(name, str):
            raise InvalidTypeError("name", "a str", name)
        span = (last_day - first_day).days + 1
        if span > _MAX_SPAN_DAYS:
            raise _too_long(first_day, last_day)
        extra = [(first_day + timedelta(days=i), name) for i in range(span)]
        return attrs.evolve(self, holidays=_merge(self.holidays, extra))

    def __or__(self, other: object) -> Calendar:
        """The calendar closed whenever either calendar is closed."""
        if not isinstance(other, Calendar):
            raise InvalidTypeError("other", "a micropath Calendar to combine with", other)
        weekmask = "".join(
            "1" if a == b == "1" else "0"
            for a, b in zip(self.weekmask, other.weekmask, strict=True)
        )
        if "1" not in weekmask:
            raise InvalidValueError(
                "other", "a calendar sharing at least one working weekday", other.weekmask
            )
        covers = _intersect(self.covers, other.covers)
        names = list(dict.fromkeys(n for n in (self.name, other.name) if n))
        return Calendar(
            _merge(self.holidays, other.holidays),
            weekmask=weekmask,
            name=" | ".join(names),
            covers=covers,
            half_days=_merge(self.half_days, other.half_days),
        )

    def __ror__(self, other: object) -> Calendar:
        """``other | calendar``: an error unless *other* is a Calendar (then ``__or__`` ran)."""
        raise InvalidTypeError("other", "a micropath Calendar to combine with", other)

    def __repr__(self) -> str:
        parts = [f"{len(self.holidays)} closed days", f"weekmask={self.weekmask!r}"]
        if self.half_days:
            parts.insert(1, f"{len(self.half_days)} half days")
        if self.name:
            parts.insert(0, repr(self.name))
        if self.covers is not None:
            parts.append(f"covers={self.covers[0].isoformat()}..{self.covers[1].isoformat()}")
        return f"Calendar({', '.join(parts)})"

    # -- queries ------------------------------------------------------------

    def is_business_day(self, day: date | str) -> bool:
        """True if the actor works on *day*.

        >>> Calendar().is_business_day("2028-02-29")  # a leap day, a Tuesday
        True
        """
        t = self._t(day, "day")
        return self._open[t % 7] and t not in self._closed_set

    def why_closed(self, day: date | str) -> str | None:
        """The reason *day* is closed (holiday name, or the weekend), or None if it is open.

        >>> Calendar().why_closed("2026-10-25")
        'weekend (Sunday)'
        """
        t = self._t(day, "day")
        the_day = date.fromordinal(t + 1)
        name = self._names.get(the_day)
        if name is not None:
            return name
        if not self._open[t % 7]:
            return f"weekend ({_DAY_NAMES[t % 7]})"
        return None

    def why_half_day(self, day: date | str) -> str | None:
        """The name of a part-day closing on *day*, or None if there is none.

        A half day is a business day for every count, so :meth:`why_closed`
        says None for it; this is where it is still named.

        >>> cal = Calendar(half_days={"2015-12-24": "Christmas Eve (half-day closing)"})
        >>> cal.is_business_day("2015-12-24"), cal.why_closed("2015-12-24")
        (True, None)
        >>> cal.why_half_day("2015-12-24")
        'Christmas Eve (half-day closing)'
        """
        t = self._t(day, "day")
        return self._half_names.get(_fromordinal(t + 1))

    def closed_days(self, first: date | str, last: date | str) -> tuple[ClosedDay, ...]:
        """Every closed day from *first* to *last* inclusive, with its reason.

        The span may be up to 400 years (146097 days) long.
        """
        return self._closed_days(first, last, limited=True)

    def _closed_days(
        self, first: date | str, last: date | str, *, limited: bool = False
    ) -> tuple[ClosedDay, ...]:
        """closed_days, over any span unless *limited* (the planner's milestones
        list the closed days their steps skip, however many)."""
        lo, hi = self._t(first, "first"), self._t(last, "last")
        if limited and hi - lo >= _MAX_SPAN_DAYS:
            raise _too_long(_fromordinal(lo + 1), _fromordinal(hi + 1))
        out = []
        for t in range(lo, hi + 1):
            day = date.fromordinal(t + 1)
            reason = self._names.get(day)
            if reason is None and not self._open[t % 7]:
                reason = f"weekend ({_DAY_NAMES[t % 7]})"
            if reason is not None:
                out.append(ClosedDay(day, reason))
        return tuple(out)

    def add_business_days(self, day: date | str, n: int) -> date:
        """Move *n* business days from *day*.

        n > 0: the n-th business day strictly after *day*; n < 0: the
        \\|n\\|-th business day strictly before it; n == 0: *day* itself if it
        is a business day, else the next one.

        >>> cal = Calendar({"2027-01-01": "New Year's Day"})
        >>> cal.add_business_days("2026-12-31", 1)  # over the holiday and the weekend
        datetime.date(2027, 1, 4)
        >>> cal.add_business_days("2027-01-04", -1)
        datetime.date(2026, 12, 31)
        """
        # This is the hot path, so _t, _rank and _day_of_rank are inlined for a
        # date and an int: with dense tables, where the day and the answer lie
        # within them, it is two array look-ups; without, two bisections.
        # Anything else, every error, and a lazily built calendar's years not
        # built yet go through _add, which gives the same answers.
        fast = self._fast
        if fast is None:
            fast = self._dense()  # the first call builds the tables
        if type(day) is not date or type(n) is not int:
            return self._add(day, n)
        if fast:
            # The tables lie inside the span the calendar covers (or has built so
            # far): a day and an answer found in them need no other check. `base`
            # is the ordinal of their first day; the answer's rank counts the
            # business days before it from there.
            base, size, ranks, days_len, days, _ = fast
            if n > 0:  # business days before the next day, plus n - 1
                i = day.toordinal() - base + 1
                if 0 < i <= size:
                    rank = ranks[i] + n - 1
                    if rank < days_len:
                        return _fromordinal(base + days[rank])
            else:  # business days before the day, plus n (<= 0)
                i = day.toordinal() - base
                if 0 <= i < size:
                    rank = ranks[i] + n
                    if 0 <= rank < days_len:
                        return _fromordinal(base + days[rank])
            return self._add(day, n)
        lo, hi = self._bounds
        t = day.toordinal() - 1
        if not lo <= t <= hi:
            return self._add(day, n)
        # rank: the business days before the answer.
        if n > 0:  # business days before t + 1, plus n - 1
            t += 1
            rank = n - 1
        else:  # business days before t, plus n
            rank = n
        per_week = self._per_week
        rank += (t // 7) * per_week + self._prefix[t % 7] - bisect_left(self._closed, t)
        if rank >= 0:
            # The answer is the weekmask day of rank `rank + closed days before it`.
            rank_in_mask = rank + bisect_right(self._closed_rank, rank)
            t = (rank_in_mask // per_week) * 7 + self._position[rank_in_mask % per_week]
            if lo <= t <= hi:
                return _fromordinal(t + 1)
        return self._add(day, n)

    def next_business_day(self, day: date | str) -> date:
        """*day* if it is a business day, else the first business day after it."""
        when = to_date(day, "day")
        try:
            return self.add_business_days(when, 0)
        except OutOfRangeError as error:
            if error.parameter != "n":
                raise
            raise self._no_business_day(when, "after") from None

    def previous_business_day(self, day: date | str) -> date:
        """*day* if it is a business day, else the last business day before it.

        >>> Calendar().previous_business_day("2026-08-23")  # a Sunday
        datetime.date(2026, 8, 21)
        """
        when = to_date(day, "day")
        if self.is_business_day(when):
            return when
        try:
            return self.add_business_days(when, -1)
        except OutOfRangeError as error:
            if error.parameter != "n":
                raise
            raise self._no_business_day(when, "before") from None

    def business_days_between(self, start: date | str, end: date | str) -> int:
        """The business days in [start, end); negative when end comes first.

        >>> cal = Calendar({"2026-11-26": "Thanksgiving Day"})
        >>> cal.business_days_between("2026-11-23", "2026-11-30")
        4
        >>> cal.business_days_between("2026-11-30", "2026-11-23")
        -4
        """
        end_t = self._t(end, "end")
        start_t = self._t(start, "start")
        fast = self._dense()  # read after both: a lazily built calendar has built them
        return self._rank(fast, end_t) - self._rank(fast, start_t)

    # -- internals ----------------------------------------------------------

    def _t(self, day: object, parameter: str) -> int:
        """Day number from date.min, checked against the span the calendar covers (a
        lazily built calendar builds the years up to it)."""
        t = (day.toordinal() if type(day) is date else to_date(day, parameter).toordinal()) - 1
        lo, hi = self._bounds
        if not lo <= t <= hi:
            first, last = self._limits
            if self._source is None or not first <= t <= last:
                raise self._out_of_range(parameter, _fromordinal(t + 1))
            self._grow(t)
        return t

    def _add(self, day: object, n: object) -> date:
        """add_business_days for any *day* and *n*: checks both, builds a lazily built
        calendar's years as far as the answer needs, and raises every error."""
        t = self._t(day, "day")
        count = n if type(n) is int else to_count(n, "n")
        while True:
            # The bounds first, then the tables: tables are published before their
            # bounds (_publish), so these tables hold at least these bounds.
            lo, hi = self._bounds
            fast = self._dense()
            # count > 0: business days before t + 1, plus count - 1; else before t, plus count
            after = count > 0
            rank = self._rank(fast, t + after) + count - after
            answer = self._day_of_rank(fast, rank) if rank >= 0 else None
            if answer is not None and lo <= answer <= hi:
                return _fromordinal(answer + 1)
            if not self._grow_toward(answer, lo, hi):
                raise self._count_error(answer, day, count)

    def _count_error(self, answer: int | None, day: object, n: int) -> OutOfRangeError:
        """The error for a count whose answer, day number *answer* (None: before
        date.min), lies outside the span."""
        if answer is not None and answer <= _MAX_T:
            return self._out_of_range("n", _fromordinal(answer + 1), day=day, n=n)
        return OutOfRangeError(
            "n",
            f"a count that stays between {date.min} and {date.max} from {day}",
            n,
        )

    def _dense(self) -> _Dense | tuple[()]:
        """The dense tables, built on first use; () if bisection is to be used.

        Over the span from the first closed weekmask day to the last one, within
        the span the calendar covers (a lazily built calendar: the span built so
        far): ``ranks[i]``, the business days before day ``first + i``, less those
        before ``first``; and ``days[r]``, the business day with ``r`` more
        business days before it than ``first`` has, as an offset from ``first``.
        Outside them the closed days before a day are a bisection.
        """
        fast = self._fast
        if fast is not None:
            return fast
        closed, (lo, hi) = self._closed, self._bounds
        first, last = (max(closed[0], lo), min(closed[-1], hi)) if closed else (1, 0)
        if last < first or last - first > _DENSE_MAX_SPAN:
            object.__setattr__(self, "_fast", ())
            return ()
        tables = self._tables(first, last, closed)
        object.__setattr__(self, "_fast", tables)
        return tables

    def _tables(self, first: int, last: int, closed: Sequence[int]) -> _Dense:
        """The dense tables over day numbers *first* to *last* (none if last < first),
        where *closed* are the calendar's closed weekmask days (sorted):
        ``(ordinal of first, last - first + 1, ranks, len(days), days, business days
        before first)``."""
        size = max(last - first + 1, 0)
        start, stop = bisect_left(closed, first), bisect_right(closed, last)
        # Which days of the span are business days: the weekmask, less the closed.
        phase = first % 7
        week = bytes(self._open[(phase + i) % 7] for i in range(7))
        is_business = bytearray(week * (size // 7 + 1))[:size]
        for t in closed[start:stop]:
            is_business[t - first] = 0
        typecode = next(c for c in "BHIL" if size < 1 << (8 * array(c).itemsize))
        # ranks has one entry past the span: day last + 1 is ranked too.
        ranks = array(typecode, accumulate(is_business, initial=0))
        days = array(typecode, compress(range(size), is_business))
        before = (first // 7) * self._per_week + self._prefix[first % 7] - start
        return (first + 1, size, ranks, len(days), days, before)

    def _rank(self, fast: _Dense | tuple[()], t: int) -> int:
        """Business days before day number *t* (t may be one past date.max), by the
        tables *fast*, or outside them by bisection."""
        if fast:
            base, size, ranks, _, _, before = fast
            i = t + 1 - base
            if 0 <= i <= size:
                return before + ranks[i]
        per_week = self._per_week
        return (t // 7) * per_week + self._prefix[t % 7] - bisect_left(self._closed, t)

    def _day_of_rank(self, fast: _Dense | tuple[()], rank: int) -> int:
        """Day number of the business day with *rank* >= 0 business days before it."""
        if fast:
            base, _, _, days_len, days, before = fast
            r = rank - before
            if 0 <= r < days_len:
                return base - 1 + days[r]
        # It is the weekmask day of rank `rank + closed days before it`.
        in_mask = rank + bisect_right(self._closed_rank, rank)
        week, index = divmod(in_mask, self._per_week)
        return week * 7 + self._position[index]

    # -- building lazily -----------------------------------------------------

    def _grow_toward(self, answer: int | None, lo: int, hi: int) -> bool:
        """Build a lazily built calendar's years toward day number *answer* (None:
        before date.min), which lies outside *lo*..*hi*, the span an answer was
        sought in. False if the span already reaches the calendar's limit that way,
        so that the answer is out of range; always False for other calendars."""
        if self._source is None:
            return False
        first, last = self._limits
        target = first if answer is None else min(max(answer, first), last)
        if lo <= target <= hi:
            return False
        self._grow(target)
        return True

    def _grow(self, *targets: int) -> None:
        """Build a lazily built calendar's closed days from the years built so far to
        the years of the day numbers *targets* (inside its limits), five years at a
        time, and install the tables of the whole run once."""
        source = self._source
        assert source is not None
        assert self.covers is not None
        with _GROWING:
            lo, hi = self._bounds
            if all(lo <= t <= hi for t in targets):
                return  # another thread has built them
            first_year, last_year = self.covers[0].year, self.covers[1].year

            def chunk(day: int) -> int:
                return (_fromordinal(day + 1).year - first_year) // _CHUNK_YEARS

            wanted = [chunk(t) for t in targets]
            if hi < lo:  # nothing built yet
                low, high = min(wanted), max(wanted)
                missing = [(low, high)]
            else:
                built_low, built_high = chunk(lo), chunk(hi)
                low, high = min(built_low, *wanted), max(built_high, *wanted)
                missing = [(low, built_low - 1), (built_high + 1, high)]
            names, half_names = dict(self._names), dict(self._half_names)
            for first_chunk, last_chunk in missing:
                if first_chunk > last_chunk:
                    continue
                years = range(
                    first_year + first_chunk * _CHUNK_YEARS,
                    min(first_year + (last_chunk + 1) * _CHUNK_YEARS, last_year + 1),
                )
                span = self._span_of(years)
                holidays, half_days = source.closed_days(years)
                for named, pairs in ((names, holidays), (half_names, half_days)):
                    for day, name in pairs:
                        if span[0] <= day.toordinal() - 1 <= span[1]:
                            _add_name(named, day, name)
            built = range(first_year + low * _CHUNK_YEARS, first_year + (high + 1) * _CHUNK_YEARS)
            self._publish(names, half_names, self._span_of(built))

    def _span_of(self, years: range) -> tuple[int, int]:
        """The day numbers of *years* that the calendar covers."""
        first, last = self._limits
        start = date(years[0], 1, 1).toordinal() - 1
        end = date(min(years[-1], _fromordinal(last + 1).year), 12, 31).toordinal() - 1
        return max(start, first), min(end, last)

    def _publish(
        self, names: dict[date, str], half_names: dict[date, str], bounds: tuple[int, int]
    ) -> None:
        """Install a lazily built calendar's tables for the span *bounds*: the tables
        first and the bounds last, so that whoever reads the new bounds finds the
        tables that go with them (the tables of the old span hold the same days)."""
        set_ = object.__setattr__
        is_open, per_week, prefix = self._open, self._per_week, self._prefix
        closed = sorted(t for t in (day.toordinal() - 1 for day in names) if is_open[t % 7])
        set_(self, "_names", names)
        set_(self, "_half_names", half_names)
        set_(self, "_closed", tuple(closed))
        set_(self, "_closed_set", frozenset(closed))
        set_(
            self,
            "_closed_rank",
            tuple((t // 7) * per_week + prefix[t % 7] - i for i, t in enumerate(closed)),
        )
        set_(self, "_fast", self._tables(bounds[0], bounds[1], closed))
        set_(self, "_bounds", bounds)

    def _build_all(self) -> None:
        """Build every year of a lazily built calendar, and fill in its holidays and
        half_days."""
        self._grow(*self._limits)
        with _GROWING:
            set_ = object.__setattr__
            set_(self, "half_days", tuple(sorted(self._half_names.items())))
            set_(self, "holidays", tuple(sorted(self._names.items())))

    def _span(self) -> str:
        """The span this calendar covers, in words, for error messages."""
        lo, hi = (date.fromordinal(b + 1) for b in self._limits)
        label = f"the {self.name} calendar" if self.name else "this calendar"
        return f"{lo}..{hi}, the span {label} covers"

    def _out_of_range(
        self, parameter: str, value: date, *, day: object = None, n: int = 0
    ) -> OutOfRangeError:
        if parameter == "n":
            return OutOfRangeError(
                "n",
                f"a count whose result from {day} stays within {self._span()} "
                f"(it would reach {value})",
                n,
            )
        return OutOfRangeError(parameter, f"a date within {self._span()}", value)

    def _no_business_day(self, day: date, side: str) -> OutOfRangeError:
        """The error for a *day* inside the span with no business day on or *side* it."""
        return OutOfRangeError(
            "day", f"a date with a business day on or {side} it within {self._span()}", day
        )


class _FilledWhenRead:
    """A field that a lazily built calendar fills in when it is first read (``holidays``,
    ``half_days``): it builds every year first. Otherwise the slot attrs made for it.

    A descriptor on these two fields only: a ``__getattr__`` on the class would slow
    every other attribute of every calendar, the arithmetic's included.
    """

    def __init__(self, slot: Any) -> None:
        self._slot = slot
        self.__doc__ = slot.__doc__

    def __get__(self, calendar: Calendar | None, owner: type | None = None) -> Any:
        if calendar is None:
            return self
        try:
            return self._slot.__get__(calendar, owner)
        except AttributeError:  # a lazily built calendar's, not filled in yet
            if calendar._source is None:  # pragma: no cover - a calendar made without __init__
                raise
            calendar._build_all()
            return self._slot.__get__(calendar, owner)

    def __set__(self, calendar: Calendar, value: object) -> None:
        self._slot.__set__(calendar, value)


for _field in ("holidays", "half_days"):
    setattr(Calendar, _field, _FilledWhenRead(Calendar.__dict__[_field]))


def _calendar(
    holidays: tuple[tuple[date, str], ...],
    weekmask: str,
    name: str,
    covers: tuple[date, date] | None,
    half_days: tuple[tuple[date, str], ...],
) -> Calendar:
    """Unpickle a calendar (see ``Calendar.__reduce__``)."""
    return Calendar(holidays, weekmask=weekmask, name=name, covers=covers, half_days=half_days)


def _lazy_calendar(
    source: _Source, weekmask: str, name: str, covers: tuple[date, date]
) -> Calendar:
    """Unpickle a lazily built calendar (see ``Calendar.__reduce__``)."""
    return Calendar._lazy(source, weekmask=weekmask, name=name, covers=covers)


def _too_long(first: date, last: date) -> OutOfRangeError:
    return OutOfRangeError(
        "last", f"a date less than {_MAX_SPAN_DAYS} days (400 years) after first ({first})", last
    )


def _merge(
    first: Iterable[tuple[date, str]], second: Iterable[tuple[date, str]]
) -> dict[date, str]:
    named: dict[date, str] = {}
    for day, name in (*first, *second):
        _add_name(named, day, name)
    return named


def _intersect(
    a: tuple[date, date] | None, b: tuple[date, date] | None
) -> tuple[date, date] | None:
    if a is None:
        return b
    if b is None:
        return a
    first, last = max(a[0], b[0]), min(a[1], b[1])
    if first > last:
        raise InvalidValueError("other", f"a calendar whose span overlaps {a[0]}..{a[1]}", b)
    return (first, last)
