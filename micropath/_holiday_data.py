"""The one adapter to the ``holidays`` package.

Nothing else in micropath imports ``holidays``; it is imported here lazily, on
the first call, so ``import micropath`` stays cheap. Holiday data changes
between ``holidays`` releases, so ``tests/snapshots/`` pins the years the
tests rely on.

Only the package's ``UnitedStates`` class is loaded (:func:`united_states`),
from its own module file: the usual route, ``holidays.country_holidays("US")``,
first imports ``holidays.countries``, whose ``__init__`` imports all of the
package's ~250 country modules, which took longer than ``import holidays``
itself (see ``docs/performance.md``). The same class from the same file gives
the same data; if the file is not where this release keeps it, the usual
route is taken.

What micropath makes of the package's ``US`` data (:func:`federal_days`):

* **Legal public holidays** (5 U.S.C. 6103), from the categories ``public``
  and ``government``, each only from the first year its law makes it a
  federal holiday (:data:`LEGAL_PUBLIC_HOLIDAYS`), and each under one name,
  OPM's: the package names Martin Luther King Jr. Day differently in the two
  categories, and lists Columbus Day on October 12 before 1971, when it was
  not yet a federal holiday. A holiday on a weekend is observed on the
  Friday before or the Monday after, also where the package forgets to
  (Memorial Day 1970).
* **Whole-day executive-order closures**: every other entry of the
  ``government`` category, plus the documented closures the package lacks
  (:data:`EXTRA_CLOSURES`, each with its source in ``micropath.SOURCES``).
* **Half days**: every entry of the package's ``half_day`` category, and
  every entry whose name says it is a half-day closing (``"Christmas Eve
  (half-day closing)"``), plus :data:`EXTRA_HALF_DAYS`. They are business days
  for counting. This is decided from the data, so a half day a later
  ``holidays`` release adds is treated the same way.
* **Inauguration Day** is left out, whatever the package does: it is a
  holiday only for employees in the Inauguration Day area around Washington,
  D.C. (5 U.S.C. 6103(c)), and USCIS works nationwide.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Final

import attrs

__all__ = [
    "EXTRA_CLOSURES",
    "EXTRA_HALF_DAYS",
    "LEGAL_PUBLIC_HOLIDAYS",
    "FederalDays",
    "LegalHoliday",
    "Order",
    "federal_days",
    "patriots_days",
    "sort_federal",
    "thanksgivings",
    "united_states",
]

_US_MODULE: Final = "holidays.countries.united_states"


@attrs.frozen
class LegalHoliday:
    """A legal public holiday of 5 U.S.C. 6103, and since when it is one."""

    name: str
    """OPM's name for it, the one micropath gives."""
    since: int | None
    """The first year it is a federal holiday on the day the package computes;
    None if that is before 1970, the first year micropath covers."""
    law: str
    """The law that made it a holiday (or moved it), as cited in the ``federal-holidays`` source."""
    aliases: tuple[str, ...] = ()
    """Other names the ``holidays`` package gives it."""


LEGAL_PUBLIC_HOLIDAYS: Final = (
    LegalHoliday("New Year's Day", None, "5 U.S.C. 6103(a)"),
    LegalHoliday(
        "Birthday of Martin Luther King, Jr.",
        1986,
        "Pub. L. 98-144 (1983), first observed 1986-01-20",
        aliases=("Martin Luther King Jr. Day",),
    ),
    LegalHoliday(
        "Washington's Birthday",
        None,
        "5 U.S.C. 6103(a); third Monday of February from 1971 (Pub. L. 90-363)",
    ),
    LegalHoliday(
        "Memorial Day", None, "5 U.S.C. 6103(a); last Monday of May from 1971 (Pub. L. 90-363)"
    ),
    LegalHoliday("Juneteenth National Independence Day", 2021, "Pub. L. 117-17 (2021-06-17)"),
    LegalHoliday("Independence Day", None, "5 U.S.C. 6103(a)"),
    LegalHoliday("Labor Day", None, "5 U.S.C. 6103(a)"),
    LegalHoliday(
        "Columbus Day",
        1971,
        "Pub. L. 90-363 (1968, the Monday Holiday Act), effective 1971-01-01",
    ),
    LegalHoliday(
        "Veterans Day",
        None,
        "5 U.S.C. 6103(a); fourth Monday of October 1971-1977 (Pub. L. 90-363), "
        "November 11 again from 1978 (Pub. L. 94-97)",
        aliases=("Armistice Day",),
    ),
    LegalHoliday("Thanksgiving Day", None, "5 U.S.C. 6103(a)"),
    LegalHoliday("Christmas Day", None, "5 U.S.C. 6103(a)"),
)
"""The eleven legal public holidays, by OPM's names."""

_AREA_ONLY: Final = frozenset({"Inauguration Day"})
"""Holidays only for employees in the Inauguration Day area (5 U.S.C. 6103(c))."""


@attrs.frozen
class Order:
    """A day an executive order closed federal agencies for all or part of the day."""

    day: date
    name: str
    source: str
    """Its key in ``micropath.SOURCES``."""


_MOURNING: Final = "National Day of Mourning for former President"

EXTRA_CLOSURES: Final = (
    Order(date(1972, 12, 28), f"{_MOURNING} Harry S. Truman", "eo-11693"),
    Order(date(1973, 1, 25), f"{_MOURNING} Lyndon B. Johnson", "mourning-1973-johnson"),
    Order(date(1973, 12, 24), "Christmas Eve", "eo-11750"),
    Order(date(1973, 12, 31), "New Year's Eve", "eo-11750"),
    Order(date(1979, 12, 24), "Christmas Eve", "closure-1979-christmas-eve"),
    Order(date(1986, 12, 26), "Day After Christmas", "closure-1986-day-after-christmas"),
    Order(date(1994, 4, 27), f"{_MOURNING} Richard Nixon", "mourning-1994-nixon"),
    Order(date(1997, 12, 26), "Day After Christmas", "eo-13068"),
)
"""Whole-day executive-order closures of federal agencies that ``holidays`` 0.109 lacks.
Added only where the package has no closure or half day on that day."""

EXTRA_HALF_DAYS: Final = (
    Order(date(1970, 12, 24), "Christmas Eve (half-day closing)", "federal-half-days"),
    Order(date(1987, 12, 24), "Christmas Eve (half-day closing)", "federal-half-days"),
    Order(date(1990, 12, 24), "Christmas Eve (half-day closing)", "federal-half-days"),
    Order(date(1998, 12, 24), "Christmas Eve (half-day closing)", "federal-half-days"),
)
"""Half-day closings by executive order that ``holidays`` 0.109 lacks (business days)."""

_HALF_DAY: Final = re.compile(r"\bhalf[- ]?day\b", re.IGNORECASE)
_OBSERVED: Final = " (observed)"
_BY_NAME: Final = {
    name: holiday for holiday in LEGAL_PUBLIC_HOLIDAYS for name in (holiday.name, *holiday.aliases)
}


@attrs.frozen
class FederalDays:
    """The federal calendar's days, sorted by kind, each as sorted ``(date, name)`` pairs."""

    holidays: tuple[tuple[date, str], ...]
    """Legal public holidays and their observed days, one name per day."""
    closures: tuple[tuple[date, str], ...]
    """Whole-day executive-order closures."""
    half_days: tuple[tuple[date, str], ...]
    """Part-day closings: business days for counting."""


UnitedStatesFactory = Callable[..., Mapping[date, str]]
"""``holidays``' US calendar class, or a callable taking the same keyword arguments."""


@functools.cache
def united_states() -> UnitedStatesFactory:
    """The ``holidays`` package's ``UnitedStates`` class, called as
    ``united_states()(years=..., subdiv=..., categories=...)``.

    Loaded from ``holidays/countries/united_states.py`` without importing the
    ``holidays.countries`` package (whose ``__init__`` imports every country),
    and without registering it in ``sys.modules``: a later ``import
    holidays.countries`` is not affected. If the package has already imported
    the module, that one is used. If the file is missing or does not define
    the class, ``holidays.country_holidays("US", ...)`` is used instead.
    """
    import holidays

    loaded = sys.modules.get(_US_MODULE)
    if loaded is not None:
        return _us_class(loaded) or _registry_route
    path = Path(holidays.__file__).parent / "countries" / "united_states.py"
    spec = importlib.util.spec_from_file_location(_US_MODULE, path) if path.is_file() else None
    if spec is None or spec.loader is None:
        return _registry_route
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError:  # a later release that needs its package: take the usual route
        return _registry_route
    return _us_class(module) or _registry_route


def _us_class(module: object) -> UnitedStatesFactory | None:
    factory = getattr(module, "UnitedStates", None)
    return factory if callable(factory) else None


def _registry_route(**options: object) -> Mapping[date, str]:
    """``holidays.country_holidays("US", **options)``: the package's usual route."""
    import holidays

    return holidays.country_holidays("US", **options)  # type: ignore[arg-type]


@functools.cache
def federal_days(years: range) -> FederalDays:
    """The legal public holidays, executive-order closures and half days in *years*."""
    us = united_states()
    supported = us(years=()).supported_categories  # type: ignore[attr-defined]
    entries: dict[str, list[tuple[date, str]]] = {
        category: _entries(us(years=years, categories=(category,)))
        for category in ("public", "government", "half_day")
        if category in supported
    }
    return sort_federal(entries, years)


def _entries(calendar: Mapping[date, str]) -> list[tuple[date, str]]:
    """Each ``(day, name)`` of a ``holidays`` calendar, one pair per name (it joins them
    with "; ")."""
    return [(day, name) for day, names in calendar.items() for name in names.split("; ")]


def sort_federal(entries: Mapping[str, Iterable[tuple[date, str]]], years: range) -> FederalDays:
    """Sort the package's entries, by category, into holidays, closures and half days.

    *entries* maps a ``holidays`` category (``"public"``, ``"government"``,
    ``"half_day"``) to its ``(day, name)`` pairs, one name a pair. A pure
    function, so that what a later ``holidays`` release might list can be
    tested without it.

    >>> columbus = {"government": [(date(1970, 10, 12), "Columbus Day")]}
    >>> sort_federal(columbus, range(1970, 1971)).holidays  # a federal holiday from 1971
    ()
    """
    legal: dict[date, str] = {}
    closures: dict[date, str] = {}
    half_days: dict[date, str] = {}
    for category, pairs in entries.items():
        for day, name in pairs:
            if category == "half_day" or _HALF_DAY.search(name):
                _add(half_days, day, name)
                continue
            base = name.removesuffix(_OBSERVED)
            if base in _AREA_ONLY:
                continue
            holiday = _BY_NAME.get(base)
            if holiday is not None:
                if holiday.since is None or day.year >= holiday.since:
                    _add(legal, day, holiday.name + name[len(base) :])
            elif category == "government":
                _add(closures, day, name)
            # Other public-category names are no federal holiday: left out.
    _observe(legal, years)
    for order in EXTRA_CLOSURES:
        if order.day.year in years and order.day not in closures and order.day not in half_days:
            _add(closures, order.day, order.name)
    for order in EXTRA_HALF_DAYS:
        if order.day.year in years and order.day not in half_days and order.day not in closures:
            _add(half_days, order.day, order.name)
    return FederalDays(
        tuple(sorted(legal.items())),
        tuple(sorted(closures.items())),
        tuple(sorted(half_days.items())),
    )


def _observe(legal: dict[date, str], years: range) -> None:
    """Give every legal holiday on a weekend its observed day, if the data lacks it.

    The rule (Pub. L. 86-362 of 1959, then 5 U.S.C. 6103(b) and Executive Order
    11582 from 1971): a Saturday holiday is observed on the Friday before, a
    Sunday holiday on the Monday after. The package applies it, except to
    Memorial Day (Saturday, May 30) 1970.
    """
    for day, names in list(legal.items()):
        if day.weekday() < 5:
            continue
        observed = day - timedelta(days=1) if day.weekday() == 5 else day + timedelta(days=1)
        if observed.year not in years:
            continue
        for name in names.split(" / "):
            if not name.endswith(_OBSERVED):
                _add(legal, observed, name + _OBSERVED)


def _add(named: dict[date, str], day: date, name: str) -> None:
    """Record *name* for *day*; a second, different name is joined with " / "."""
    old = named.get(day)
    if old is None:
        named[day] = name
    elif name not in old.split(" / "):
        named[day] = f"{old} / {name}"


def patriots_days(years: range) -> dict[date, str]:
    """Massachusetts' Patriots' Day (third Monday of April), and nothing else of the state's.

    The package's ``US(subdiv="MA")`` applies Massachusetts' Sunday-only
    observance and so drops federal Friday observances such as 2026-07-03;
    taking Patriots' Day alone and joining it to the federal days avoids that.
    """
    return dict(_patriots_days(years))


@functools.cache
def _patriots_days(years: range) -> tuple[tuple[date, str], ...]:
    state = united_states()(years=years, subdiv="MA")
    return tuple((day, name) for day, name in state.items() if name == "Patriots' Day")


def thanksgivings(years: range) -> list[date]:
    """Thanksgiving Day (fourth Thursday of November) in each year: the package's, as
    :func:`federal_days` has it (one reading of the data for both)."""
    return [day for day, name in federal_days(years).holidays if name == "Thanksgiving Day"]
