"""Schools: who the school is and how its offices work, as a value.

A :class:`School` holds a school's office calendar, its January term, its
recruiting calendar, its practices (processing times, a filing-window
practice, eligibility practices) and its wage rule. The planner reads it as
data; nothing in micropath asks which school it is.

Built in:

* :func:`mit`: MIT, the default. It reproduces micropath's MIT figures.
* :func:`generic`: regulation only: federal holidays for the school's
  offices, no winter break, no practice rules, the federal minimum wage.

Any other school loads from a TOML file with :meth:`School.from_toml`
(``docs/schools.md`` gives the format). USCIS steps count on the federal
calendar whatever the school: choosing a school never moves USCIS.

>>> generic().label, mit().label
('Generic school (regulation only)', 'MIT')
"""

from __future__ import annotations

import functools
from datetime import date
from os import PathLike
from typing import Final

import attrs

from micropath import calendars
from micropath.calendar import Calendar
from micropath.errors import InvalidTypeError, UnknownNameError
from micropath.leads import Lead, business_days
from micropath.pathways import Authorization, FilingWindow, MinimumTerms, Role, StartLimit
from micropath.sources import SOURCES, Source
from micropath.terms import IAP, Term, TermRule

__all__ = [
    "LeadPractice",
    "RecruitingCalendar",
    "School",
    "by_name",
    "generic",
    "mit",
    "names",
]


@attrs.frozen
class LeadPractice:
    """A school's own lead for one step of one authorization (its processing time)."""

    authorization: Authorization
    role: Role
    lead: Lead
    source: str
    """Key of the :class:`~micropath.sources.Source` (the school's or micropath's)."""


@attrs.frozen
class RecruitingCalendar:
    """The month and day of each recruiting date, in the year before the term.

    Attributes:
        applications_open, posting, interviews, offers: ``(month, day)``.
        decision_days: the business days students get to decide: (fewest, most).
        source: key of the :class:`~micropath.sources.Source` of the dates.
    """

    applications_open: tuple[int, int] = (9, 15)
    posting: tuple[int, int] = (9, 16)
    interviews: tuple[int, int] = (10, 11)
    offers: tuple[int, int] = (10, 25)
    decision_days: tuple[int, int] = (5, 7)
    source: str = "capd-calendar"


@attrs.frozen(cache_hash=True)
class School:
    """A school's calendar, terms, recruiting cycle, practices and wage rule.

    Attributes:
        key: a short name (``"mit"``), used in source keys and file names.
        label: the name shown to people (``"MIT"``).
        calendar: the office calendar: the school's (or sponsor's) business days.
        term: the January term (IAP at MIT), published years and a rule.
        recruiting: the recruiting calendar (CAPD's at MIT).
        leads: the school's own leads for its steps (CPT processing, the OPT
            recommendation, AT processing); other steps keep the pathway's.
        filing_window: a "no earlier than N before the start" filing practice,
            or None.
        eligibility: ``(authorization, rule)`` pairs: eligibility practices,
            such as MIT's one academic year before AT.
        minimum_wages: ``(effective, dollars an hour)``, oldest first.
        wage_source: key of the wage table's source.
        sources: the school's own :class:`~micropath.sources.Source` values
            (a school file's citations), by key.
    """

    key: str
    label: str
    calendar: Calendar
    term: TermRule = IAP
    recruiting: RecruitingCalendar = RecruitingCalendar()
    leads: tuple[LeadPractice, ...] = ()
    filing_window: FilingWindow | None = None
    eligibility: tuple[tuple[Authorization, MinimumTerms | StartLimit], ...] = ()
    minimum_wages: tuple[tuple[date, float], ...] = ()
    wage_source: str = ""
    sources: tuple[Source, ...] = attrs.field(default=(), repr=False)

    def __repr__(self) -> str:
        return f"School({self.key!r}, label={self.label!r})"

    @classmethod
    def from_toml(cls, path: str | PathLike[str]) -> School:
        """Load a school from a TOML file (format: ``docs/schools.md``).

        Raises:
            SchoolFileError: the file cannot be read, is not TOML, or a key
                is unknown, missing or wrong; the message names the file,
                the key, what was expected and what came.
        """
        from micropath._school_file import load

        return load(path)

    def term_of(self, year: int) -> Term:
        """The school's January term of *year*, on its office calendar.

        >>> mit().term_of(2027).start
        datetime.date(2027, 1, 4)
        """
        return self.term.term(year, self.calendar)

    def source(self, key: str) -> Source:
        """The source called *key*: the school's own, else micropath's."""
        for own in self.sources:
            if own.key == key:
                return own
        return SOURCES[key]

    def minimum_wage(self, day: date) -> float | None:
        """The minimum wage (dollars an hour) on *day*, or None before the table begins."""
        rate = None
        for effective, amount in self.minimum_wages:
            if effective <= day:
                rate = amount
        return rate


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


@functools.cache
def mit() -> School:
    """MIT: MIT's office calendar (with the winter break), IAP, CAPD's
    recruiting calendar, MIT's processing times, MIT's one-academic-year
    practice for AT and the Massachusetts minimum wage.

    >>> mit().calendar.why_closed("2026-12-28")
    'winter break'
    """
    return School(
        "mit",
        "MIT",
        calendars.mit(),
        leads=(
            LeadPractice(Authorization.CPT, Role.PROCESSING, business_days(10), "cpt-processing"),
            LeadPractice(
                Authorization.OPT, Role.RECOMMENDATION, business_days(10), "opt-recommendation"
            ),
            LeadPractice(Authorization.AT, Role.PROCESSING, business_days(10), "at-processing"),
        ),
        eligibility=(
            (Authorization.AT, MinimumTerms(2, "mit-at-one-year", "practice")),
            (
                Authorization.AT,
                StartLimit("academic_year_completes", 0, None, "mit-at-one-year", "practice"),
            ),
        ),
        minimum_wages=MINIMUM_WAGES,
        wage_source="ma-wage",
    )


_FEDERAL_MINIMUM_WAGE: Final = ((date(2009, 7, 24), 7.25),)


@functools.cache
def generic() -> School:
    """A school with no practices of its own: regulation only.

    Its offices keep the federal holidays (no winter break); its January term
    is estimated by IAP's rule; its recruiting calendar is CAPD's dates; its
    leads are micropath's planning estimates; the wage is the federal minimum.

    >>> generic().calendar.is_business_day("2026-12-28")
    True
    """
    return School(
        "generic",
        "Generic school (regulation only)",
        calendars.federal(),
        term=TermRule("January term", source="iap-dates"),
        minimum_wages=_FEDERAL_MINIMUM_WAGE,
        wage_source="federal-wage",
    )


_BY_NAME: Final = {"mit": mit, "generic": generic}


def names() -> tuple[str, ...]:
    """The names :func:`by_name` accepts."""
    return tuple(_BY_NAME)


def by_name(name: str) -> School:
    """A built-in school by name: ``"mit"`` or ``"generic"`` (any case).

    >>> by_name("Generic").key
    'generic'
    """
    expected = "one of " + ", ".join(repr(n) for n in _BY_NAME)
    if not isinstance(name, str):
        raise InvalidTypeError("school", expected, name)
    try:
        return _BY_NAME[name.strip().lower()]()
    except KeyError:
        raise UnknownNameError("school", expected, name) from None
