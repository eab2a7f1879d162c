"""Load a :class:`~micropath.schools.School` from a TOML file (``docs/schools.md``).

Every error is a :class:`~micropath.errors.SchoolFileError` that names the file
and the key (``uni.toml: practices.cpt_processing``), what was expected and
what came; an unknown key suggests the nearest known one.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import date, timedelta
from os import PathLike, fspath
from pathlib import Path
from typing import Any, Final

import attrs

from micropath import calendars
from micropath.calendar import Calendar, _add_name, _Source
from micropath.errors import InvalidTypeError, InvalidValueError, SchoolFileError
from micropath.leads import Lead, business_days, days
from micropath.pathways import (
    PATHWAYS,
    Authorization,
    FilingWindow,
    MinimumTerms,
    Role,
    StartLimit,
)
from micropath.schools import LeadPractice, RecruitingCalendar, School
from micropath.sources import Confidence, Source
from micropath.terms import TermRule

__all__ = ["load"]

_MAX_BYTES: Final = 1 << 20
"""A school file is small; a larger one is refused rather than read."""
_MAX_CLOSED: Final = 50_000
"""At most this many closed days of a file's own (closed days, winter breaks and
closures; its base calendar's are not counted)."""
_KEY: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_MONTH_DAY: Final = re.compile(r"(\d\d)-(\d\d)")
_BASES: Final = ("federal", "massachusetts", "mit", "none")
_TOP: Final = ("key", "label", "calendar", "term", "recruiting", "practices", "wage")


def _lead_keys() -> dict[str, tuple[Authorization, Role]]:
    """``cpt_processing``, ``opt_recommendation``, ...: one per authorization and role."""
    keys = {}
    for kind, paths in PATHWAYS.items():
        for role in sorted({r for p in paths for r in p.roles}, key=lambda r: r.value):
            keys[f"{kind.value.lower()}_{role.value}"] = (kind, role)
    return keys


_LEADS: Final = _lead_keys()
_TERMS: Final = {f"{kind.value.lower()}_minimum_terms": kind for kind in Authorization}
_PRACTICES: Final = (*_LEADS, *_TERMS, "filing_window")


class _File:
    """The file being read: its name, for messages."""

    def __init__(self, path: Path, modified: date) -> None:
        self.name = path.name or fspath(path)
        self.modified = modified
        """The file's last change: the default ``checked`` date of its sources."""

    def error(self, key: str, expected: str, got: object) -> SchoolFileError:
        """The error for *key*, showing what came as the file wrote it: a date in ISO
        form, an array or table as TOML-like text (not Python's repr)."""
        if isinstance(got, date):
            got = got.isoformat()
        elif isinstance(got, (list, dict)):
            got = json.dumps(got, default=str, ensure_ascii=False)
        return SchoolFileError(f"{self.name}: {key}", expected, got)

    def table(self, value: object, key: str, expected: str = "a table") -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            raise self.error(key, expected, value)
        return value

    def known(self, table: Mapping[str, object], known: tuple[str, ...], where: str) -> None:
        for name in table:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                listed = ", ".join(known)
                raise self.error(_join(where, name), f"one of the keys {listed}{hint}", name)

    def text(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "a non-empty string", value)
        return value.strip()

    def integer(self, value: object, key: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"a whole number from {low} to {high}", value)
        if not low <= value <= high:
            raise self.error(key, f"a whole number from {low} to {high}", value)
        return value

    def day(self, value: object, key: str) -> date:
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.error(key, 'a date (2027-01-04 or "2027-01-04")', value)

    def month_day(self, value: object, key: str) -> tuple[int, int]:
        match = _MONTH_DAY.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is not None:
            month, day = int(match[1]), int(match[2])
            try:
                date(2000, month, day)  # a leap year: 02-29 is a real month-day
            except ValueError:
                pass
            else:
                return month, day
        raise self.error(key, 'a month and day "MM-DD", such as "12-24"', value)


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def load(path: str | PathLike[str]) -> School:
    """Read and check a school file; see :meth:`School.from_toml`."""
    if not isinstance(path, (str, PathLike)):
        raise SchoolFileError("path", "a path to a TOML file (str or os.PathLike)", path)
    file_path = Path(path)
    try:
        with file_path.open("rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
            modified = date.fromtimestamp(os.fstat(handle.fileno()).st_mtime)
    except OSError as error:
        reason = error.strerror or str(error)
        raise _File(file_path, date.min).error("(file)", "a readable TOML file", reason) from None
    where = _File(file_path, modified)
    if len(raw) > _MAX_BYTES:
        raise where.error("(file)", f"a file of at most {_MAX_BYTES} bytes", "a larger file")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise where.error("(file)", "UTF-8 text", "bytes that are not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise where.error("(file)", "valid TOML", str(error)) from None
    return _school(where, data)


def _school(where: _File, data: Mapping[str, object]) -> School:
    where.known(data, _TOP, "")
    for required in ("key", "label"):
        if required not in data:
            raise where.error(required, "a non-empty string (required)", None)
    key = where.text(data["key"], "key")
    if not _KEY.fullmatch(key):
        raise where.error("key", "lower-case letters, digits, '-' or '_' (at most 40)", key)
    label = where.text(data["label"], "label")
    sources: list[Source] = []
    calendar = _calendar(where, data.get("calendar", {}), key)
    term = _term(where, data.get("term", {}))
    recruiting = _recruiting(where, data.get("recruiting", {}))
    leads, window, eligibility = _practices(where, data.get("practices", {}), key, label, sources)
    wages, wage_source = _wage(where, data.get("wage", {}), key, label, sources)
    return School(
        key,
        label,
        calendar,
        term=term,
        recruiting=recruiting,
        leads=leads,
        filing_window=window,
        eligibility=eligibility,
        minimum_wages=wages,
        wage_source=wage_source,
        sources=tuple(sources),
    )


def _calendar(where: _File, value: object, key: str) -> Calendar:
    table = where.table(value, "calendar")
    where.known(table, ("base", "weekmask", "closed", "winter_break", "closures"), "calendar")
    base_name = where.text(table.get("base", "federal"), "calendar.base").lower()
    if base_name not in _BASES:
        listed = ", ".join(repr(b) for b in _BASES)
        raise where.error("calendar.base", f"one of {listed}", table.get("base"))
    base = Calendar() if base_name == "none" else calendars.by_name(base_name)
    covers = base.covers or (date(calendars.FIRST_YEAR, 1, 1), date(calendars.LAST_YEAR, 12, 31))
    closed: dict[date, str] = {}  # the file's own closed days; its base's are added lazily
    closed_table = where.table(table.get("closed", {}), "calendar.closed")
    span = f"a date from {covers[0]} to {covers[1]} (the calendar's span)"
    for day_text, name in closed_table.items():
        day = where.day(day_text, f"calendar.closed.{day_text}")
        if not covers[0] <= day <= covers[1]:
            raise where.error(f"calendar.closed.{day_text}", span, day)
        closed[day] = where.text(name, f"calendar.closed.{day_text}")
    if "winter_break" in table:
        _add_breaks(where, table["winter_break"], covers, closed)
    closures = table.get("closures", [])
    if not isinstance(closures, list):
        raise where.error("calendar.closures", "an array of tables [[calendar.closures]]", closures)
    for index, item in enumerate(closures):
        at = f"calendar.closures[{index}]"
        entry = where.table(item, at)
        where.known(entry, ("first", "last", "name"), at)
        first, last = (
            where.day(entry.get("first"), f"{at}.first"),
            where.day(entry.get("last"), f"{at}.last"),
        )
        if not covers[0] <= first <= covers[1]:
            raise where.error(f"{at}.first", span, first)
        if last < first or (last - first).days > 366:
            raise where.error(f"{at}.last", f"a date from {first} to a year after it", last)
        if last > covers[1]:
            raise where.error(f"{at}.last", span, last)
        name = where.text(entry.get("name", "closed"), f"{at}.name")
        for offset in range((last - first).days + 1):
            closed[first + timedelta(days=offset)] = name
        if len(closed) > _MAX_CLOSED:
            break
    if len(closed) > _MAX_CLOSED:
        raise where.error("calendar", f"at most {_MAX_CLOSED} closed days", f"{len(closed)}")
    weekmask: Any = table.get("weekmask", base.weekmask)  # checked by Calendar
    days = _FileDays(base._source, tuple(sorted(closed.items())))
    try:
        return Calendar._lazy(days, weekmask=weekmask, name=key, covers=covers)
    except (InvalidTypeError, InvalidValueError) as error:
        raise where.error("calendar.weekmask", error.expected, weekmask) from None


@attrs.frozen
class _FileDays:
    """A school file's closed days for any years, as a lazily built calendar reads
    them: its base calendar's (from the base's recipe; none for ``"none"``), and the
    file's own on top (where both name a day, the file's name is kept).

    Half days are not carried over from the base (a school's calendar has none).
    """

    base: _Source | None
    days: tuple[tuple[date, str], ...]  # sorted by day

    def closed_days(
        self, years: range
    ) -> tuple[tuple[tuple[date, str], ...], tuple[tuple[date, str], ...]]:
        named: dict[date, str] = {}
        if self.base is not None:  # a day the base names twice keeps both names
            for day, name in self.base.closed_days(years)[0]:
                _add_name(named, day, name)
        named.update((day, name) for day, name in self.days if day.year in years)
        return tuple(sorted(named.items())), ()


def _add_breaks(
    where: _File, value: object, covers: tuple[date, date], closed: dict[date, str]
) -> None:
    at = "calendar.winter_break"
    table = where.table(value, at)
    where.known(table, ("first", "last", "name"), at)
    first = where.month_day(table.get("first"), f"{at}.first")
    last = where.month_day(table.get("last"), f"{at}.last")
    name = where.text(table.get("name", "winter break"), f"{at}.name")
    for year in range(covers[0].year - 1, covers[1].year + 1):
        try:
            begin = date(year, *first)
            end = date(year + (last < first), *last)
        except ValueError:  # February 29 in a common year: no break that year
            continue
        day = begin
        while day <= end:
            if covers[0] <= day <= covers[1]:
                closed[day] = name
            day += timedelta(days=1)


def _term(where: _File, value: object) -> TermRule:
    table = where.table(value, "term")
    where.known(table, ("name", "days", "weekday", "published"), "term")
    name = where.text(table.get("name", "January term"), "term.name")
    length = where.integer(table.get("days", 26), "term.days", 1, 366)
    weekday = where.integer(table.get("weekday", 0), "term.weekday", 0, 6)
    published = []
    for year_text, span in where.table(table.get("published", {}), "term.published").items():
        at = f"term.published.{year_text}"
        if not year_text.isdigit() or not 1970 <= int(year_text) <= 2099:
            raise where.error(at, "a year from 1970 to 2099 as the key", year_text)
        if not isinstance(span, list) or len(span) != 2:
            raise where.error(at, "[first, last]: two dates", span)
        first, last = where.day(span[0], at), where.day(span[1], at)
        year = int(year_text)
        if not date(year - 1, 7, 1) <= first <= date(year, 6, 30):
            raise where.error(at, f"a first day from {year - 1}-07-01 to {year}-06-30", first)
        if not first <= last <= date(year + 1, 6, 30):
            raise where.error(at, f"a last day from {first} to {year + 1}-06-30", last)
        published.append((int(year_text), first, last))
    return TermRule(name, tuple(published), length, weekday, source="iap-dates")


def _recruiting(where: _File, value: object) -> RecruitingCalendar:
    table = where.table(value, "recruiting")
    names = ("applications_open", "posting", "interviews", "offers")
    where.known(table, (*names, "decision_days"), "recruiting")
    default = RecruitingCalendar()
    dates = {
        name: where.month_day(table[name], f"recruiting.{name}")
        if name in table
        else getattr(default, name)
        for name in names
    }
    decision = table.get("decision_days", list(default.decision_days))
    if not isinstance(decision, list) or len(decision) != 2:
        raise where.error("recruiting.decision_days", "[fewest, most] business days", decision)
    fewest = where.integer(decision[0], "recruiting.decision_days[0]", 0, 60)
    most = where.integer(decision[1], "recruiting.decision_days[1]", fewest, 60)
    return RecruitingCalendar(**dates, decision_days=(fewest, most), source="capd-calendar")


def _source(
    where: _File, table: Mapping[str, object], at: str, key: str, label: str, fact: str
) -> Source:
    citation = table.get("source", f"{label}: school file {where.name}")
    confidence = table.get("confidence", "M")
    if confidence not in ("H", "M", "L"):
        raise where.error(f"{at}.confidence", "'H', 'M' or 'L'", confidence)
    checked = where.day(table.get("checked", where.modified), f"{at}.checked")
    levels: dict[object, Confidence] = {"H": "H", "M": "M", "L": "L"}
    return Source(
        f"{key}:{at}",
        fact,
        where.text(citation, f"{at}.source"),
        levels[confidence],
        checked,
        kind="practice",
    )


_LEAD_EXPECTED: Final = (
    "a whole number of calendar days, or a table such as { days = N } or { business_days = N }"
)


def _lead(where: _File, value: object, at: str) -> tuple[Lead, Mapping[str, object]]:
    if isinstance(value, int) and not isinstance(value, bool):
        return days(where.integer(value, at, 0, 3650)), {}
    table = where.table(value, at, _LEAD_EXPECTED)
    where.known(table, ("days", "business_days", "source", "confidence", "checked"), at)
    units = [unit for unit in ("days", "business_days") if unit in table]
    if len(units) != 1:
        raise where.error(at, "exactly one of days = N or business_days = N", dict(table))
    amount = where.integer(table[units[0]], f"{at}.{units[0]}", 0, 3650)
    return (days(amount) if units[0] == "days" else business_days(amount)), table


def _practices(
    where: _File, value: object, key: str, label: str, sources: list[Source]
) -> tuple[
    tuple[LeadPractice, ...],
    FilingWindow | None,
    tuple[tuple[Authorization, MinimumTerms | StartLimit], ...],
]:
    table = where.table(value, "practices")
    where.known(table, _PRACTICES, "practices")
    leads = []
    for name, (kind, role) in _LEADS.items():
        if name in table:
            at = f"practices.{name}"
            lead, spec = _lead(where, table[name], at)
            source = _source(where, spec, at, key, label, f"{label}: {name} is {lead}")
            sources.append(source)
            leads.append(LeadPractice(kind, role, lead, source.key))
    window = None
    if "filing_window" in table:
        at = "practices.filing_window"
        lead, spec = _lead(where, table["filing_window"], at)
        fact = f"{label} accepts requests no earlier than {lead} before the start"
        source = _source(where, spec, at, key, label, fact)
        sources.append(source)
        window = FilingWindow("start", lead, None, source.key, "practice")
    eligibility: list[tuple[Authorization, MinimumTerms | StartLimit]] = []
    for name, kind in _TERMS.items():
        if name in table:
            at = f"practices.{name}"
            spec = where.table(table[name], at, "a table such as { terms = N }")
            where.known(spec, ("terms", "source", "confidence", "checked"), at)
            terms = where.integer(spec.get("terms"), f"{at}.terms", 0, 20)
            fact = f"{kind.value} at {label}: {terms} completed terms first"
            source = _source(where, spec, at, key, label, fact)
            sources.append(source)
            eligibility.append((kind, MinimumTerms(terms, source.key, "practice")))
    return tuple(leads), window, tuple(eligibility)


def _wage(
    where: _File, value: object, key: str, label: str, sources: list[Source]
) -> tuple[tuple[tuple[date, float], ...], str]:
    table = where.table(value, "wage")
    where.known(table, ("minimum", "source", "confidence", "checked"), "wage")
    if "minimum" not in table:
        return ((date(2009, 7, 24), 7.25),), "federal-wage"
    rates = []
    for day_text, amount in where.table(table["minimum"], "wage.minimum").items():
        at = f"wage.minimum.{day_text}"
        day = where.day(day_text, at)
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            raise where.error(at, "dollars an hour, a number from 0 to 1000", amount)
        if not 0 <= amount <= 1000:
            raise where.error(at, "dollars an hour, a number from 0 to 1000", amount)
        rates.append((day, float(amount)))
    source = _source(where, table, "wage", key, label, f"{label}: minimum wage table")
    sources.append(source)
    return tuple(sorted(rates)), source.key
