"""Built-in calendars built lazily: the years a question touches, and no answer that
depends on which years were built first.

A lazily built calendar (``Calendar._lazy``: every built-in calendar) holds the
closed days of the years it has been asked about, five years at a time, and builds
more when a question reaches past them. The laws:

1. Order does not matter: for any sequence of questions (every query, any day of
   1970-2100 or just outside it, counts small and large), a fresh lazily built
   calendar gives exactly the answers and errors of the calendar built for all
   years at once; ``add_business_days`` also agrees with numpy's
   ``busday_offset`` on the same closed days.
2. Building five years at a time gives exactly the closed days and names of
   building all years at once, for every five years of federal, massachusetts,
   mit and mit with its winter breaks moved, and of the calendars as they were
   built before they were lazy; each five years are read with the years around
   them, so a holiday observed across New Year is there.
3. Only the years a question touches are built: one question about a day builds
   its five years; arithmetic builds as far as its answer; ``covers``, ``==``
   between two calendars from one source, ``hash`` and pickling build nothing.
4. A lazily built calendar is a value: equal to, and hashing like, the calendar
   of all its closed days; ``holidays``, ``half_days``, ``repr``, ``|``,
   ``with_closure`` and ``closed_days`` are those of that calendar.
5. Threads asking at once get the answers of the calendar built at once.
6. The ``holidays`` adapter: ``import micropath`` does not import ``holidays``;
   the first question does, loading only the package's US module, which gives
   the data of ``holidays.country_holidays("US")`` and leaves the package's own
   imports working; if that module cannot be loaded alone, the package's usual
   route is taken.
7. A school file's calendar (``School.from_toml``) is built lazily too: loading
   the file reads no holiday data, and the calendar equals its base's closed
   days with the file's own on top, built at once (laws 1, 2 and 4 run on it).
"""

from __future__ import annotations

import functools
import pickle
import subprocess
import sys
import tempfile
import threading
import types
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

import attrs
import oracles
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import builtin_dates, counts

from micropath import Calendar, MicropathError, School, _holiday_data, calendars
from micropath.calendars import _BuiltIn

FIRST, LAST = date(1970, 1, 1), date(2100, 12, 31)
COVERS = (FIRST, LAST)
KINDS = ("federal", "massachusetts", "mit")
MOVED_BREAKS = (  # mit(winter_breaks=...): none in 2026, a long one, an early one
    (1975, (date(1975, 12, 20), date(1976, 1, 2))),
    (2026, None),
    (2030, (date(2030, 12, 1), date(2032, 1, 5))),
)
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SCHOOL = ROOT / "docs" / "example_school.toml"
_MIT_BASED = Path(tempfile.mkdtemp()) / "mit-based.toml"
_MIT_BASED.write_text(
    'key = "mitbased"\nlabel = "On MIT\'s calendar"\n[calendar]\nbase = "mit"\n'
    'closed = { "2026-12-25" = "Holiday party" }\n',
    encoding="utf-8",
)
SOURCES = {kind: _BuiltIn(kind) for kind in KINDS} | {
    "mit moved": _BuiltIn("mit", MOVED_BREAKS),
    # School files' calendars: the federal base, a closed day and a winter break;
    # MIT's base (whose days can have two names) and a day the file renames.
    "example school": School.from_toml(EXAMPLE_SCHOOL).calendar._source,
    "mitbased school": School.from_toml(_MIT_BASED).calendar._source,
}


def _name(label: str) -> str:
    return label.split()[0]


def _lazy(label: str) -> Calendar:
    """A fresh lazily built calendar: nothing built yet."""
    return Calendar._lazy(SOURCES[label], name=_name(label), covers=COVERS)


_AT_ONCE: dict[str, Calendar] = {}


def _at_once(label: str) -> Calendar:
    """The calendar of all the source's closed days from 1970 to 2100, built at once."""
    if label not in _AT_ONCE:
        holidays, half_days = SOURCES[label].closed_days(range(FIRST.year, LAST.year + 1))
        _AT_ONCE[label] = Calendar(holidays, name=_name(label), covers=COVERS, half_days=half_days)
    return _AT_ONCE[label]


class Recording:
    """A source that records which years it is asked for."""

    def __init__(self, label: str) -> None:
        self.source = SOURCES[label]
        self.asked: list[range] = []

    def closed_days(
        self, years: range
    ) -> tuple[Iterable[tuple[date, str]], Iterable[tuple[date, str]]]:
        self.asked.append(years)
        return self.source.closed_days(years)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Recording) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


def _recording(label: str = "mit") -> tuple[Calendar, Recording]:
    source = Recording(label)
    return Calendar._lazy(source, name=_name(label), covers=COVERS), source


# -- 1: order does not matter -----------------------------------------------------------------

Question = tuple[str, date, int, date]


def _ask(calendar: Calendar, question: Question) -> object:
    """The answer to *question*, or the error it raises (type, message, parameter, value)."""
    kind, day, n, other = question
    calls: dict[str, Callable[[], object]] = {
        "add": lambda: calendar.add_business_days(day, n),
        "between": lambda: calendar.business_days_between(day, other),
        "is": lambda: calendar.is_business_day(day),
        "why": lambda: calendar.why_closed(day),
        "half": lambda: calendar.why_half_day(day),
        "next": lambda: calendar.next_business_day(day),
        "previous": lambda: calendar.previous_business_day(day),
        "closed": lambda: calendar.closed_days(day, day + timedelta(days=abs(n) % 400)),
        "skipped": lambda: calendar._closed_days(day, day + timedelta(days=abs(n))),
    }
    try:
        return calls[kind]()
    except MicropathError as error:
        return (type(error), str(error), error.parameter, error.got)  # type: ignore[attr-defined]


def _days() -> st.SearchStrategy[date]:
    """Any covered day, days next to the ends of the span and to five-year boundaries,
    and days just outside the span."""
    edges = [FIRST, LAST, FIRST - timedelta(days=1), LAST + timedelta(days=1)]
    edges += [date(year, 1, 1) for year in range(1975, 2101, 5)]
    edges += [date(year, 12, 31) for year in range(1974, 2100, 5)]
    return st.one_of(builtin_dates(), st.sampled_from(edges))


def _counts() -> st.SearchStrategy[int]:
    """Small counts, and counts that cross several five-year blocks or the whole span."""
    return st.one_of(counts(), st.sampled_from([-2000, 2000, -40_000, 40_000, -130, 130]))


def _questions() -> st.SearchStrategy[list[Question]]:
    kinds = st.sampled_from(["add", "between", "is", "why", "half", "next", "previous", "closed"])
    return st.lists(st.tuples(kinds, _days(), _counts(), _days()), min_size=1, max_size=8)


@pytest.mark.parametrize("label", list(SOURCES))
@settings(deadline=None)  # an example whose years were never read reads them from holidays
@given(questions=_questions(), skipped=st.tuples(_days(), st.integers(0, 400)))
def test_answers_do_not_depend_on_which_years_were_built_first(
    label: str, questions: list[Question], skipped: tuple[date, int]
) -> None:
    lazy, at_once = _lazy(label), _at_once(label)
    for question in [*questions, ("skipped", skipped[0], skipped[1], skipped[0])]:
        assert _ask(lazy, question) == _ask(at_once, question), question


@pytest.mark.parametrize("label", list(SOURCES))
@settings(max_examples=20, deadline=None)  # each example builds all 131 years
@given(touched=st.lists(builtin_dates(), max_size=4))
def test_building_in_any_order_ends_with_all_years_at_once(label: str, touched: list[date]) -> None:
    lazy = _lazy(label)
    for day in touched:
        lazy.is_business_day(day)
    assert lazy == _at_once(label)
    assert (lazy.holidays, lazy.half_days) == (_at_once(label).holidays, _at_once(label).half_days)


@functools.cache
def _workdays(label: str) -> oracles.Workdays:
    closed = frozenset(day for day, _ in _at_once(label).holidays)
    return oracles.Workdays(frozenset(range(5)), closed, FIRST, LAST)


@pytest.mark.parametrize("label", ["federal", "mit moved"])
@settings(deadline=None)  # as above
@given(day=builtin_dates(), n=_counts(), first=builtin_dates())
def test_arithmetic_agrees_with_numpy_whatever_was_built_first(
    label: str, day: date, n: int, first: date
) -> None:
    lazy = _lazy(label)
    lazy.is_business_day(first)  # build some other years first
    try:
        expected: object = oracles.numpy_add_business_days(_workdays(label), day, n)
    except oracles.OutOfRange:
        expected = "out of range"
    try:
        got: object = lazy.add_business_days(day, n)
    except MicropathError:
        got = "out of range"
    assert got == expected


# -- 2: five years at a time gives what all years at once gives -------------------------------


@pytest.mark.parametrize("label", list(SOURCES))
def test_each_five_years_are_those_of_all_years_at_once(label: str) -> None:
    at_once = _at_once(label)
    for start in range(FIRST.year, LAST.year + 1, 5):
        years = range(start, min(start + 5, LAST.year + 1))
        holidays, half_days = (
            Calendar(pairs).holidays for pairs in SOURCES[label].closed_days(years)
        )
        assert holidays == tuple(p for p in at_once.holidays if p[0].year in years), years
        assert half_days == tuple(p for p in at_once.half_days if p[0].year in years), years


def test_each_five_years_are_read_with_the_years_around_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A New Year's Day on a Saturday is observed on the Friday before, in the year
    before: a source that only lists it with its own year still gives it."""

    def only_with_its_year(years: range) -> _holiday_data.FederalDays:
        observed = tuple(
            (date(year - 1, 12, 31), "New Year's Day (observed)")
            for year in years
            if date(year, 1, 1).weekday() == 5
        )
        return _holiday_data.FederalDays(observed, (), ())

    monkeypatch.setattr(_holiday_data, "federal_days", only_with_its_year)
    calendars._block.cache_clear()
    try:
        holidays, _ = _BuiltIn("federal").closed_days(range(2020, 2025))
        assert (date(2021, 12, 31), "New Year's Day (observed)") in holidays  # from 2022
        holidays, _ = _BuiltIn("federal").closed_days(range(2095, 2101))
        assert holidays == ()  # 2101 is not read, as it never was: the span ends in 2100
    finally:
        calendars._block.cache_clear()


def _as_before(label: str) -> Calendar:
    """The calendar as micropath built it before it built lazily: all years, and unions."""
    years = range(FIRST.year, LAST.year + 1)
    federal_days = _holiday_data.federal_days(years)
    if label == "federal":
        return Calendar(
            (*federal_days.holidays, *federal_days.closures),
            name="federal",
            covers=COVERS,
            half_days=federal_days.half_days,
        )
    patriots = _holiday_data.patriots_days(years)
    massachusetts = Calendar(
        (*federal_days.holidays, *patriots.items()), name="massachusetts", covers=COVERS
    )
    if label == "massachusetts":
        return massachusetts
    friday = timedelta(days=1)
    thanksgiving = {
        day + friday: "Day after Thanksgiving" + ("" if day.year >= 2020 else " (estimated)")
        for day, name in _holiday_data._registry_route(years=years).items()
        if name == "Thanksgiving Day"
    }
    overrides = dict(SOURCES[label].winter_breaks)
    breaks: dict[date, str] = {}
    for year in range(FIRST.year - 1, LAST.year + 1):
        if year in overrides:
            span, name = overrides[year], "winter break"
        else:
            span = (date(year, 12, 24), date(year + 1, 1, 1))
            name = "winter break" + ("" if year >= 2020 else " (estimated)")
        if span is not None:
            day = max(span[0], FIRST)
            while day <= min(span[1], LAST):
                breaks[day] = name
                day += friday
    union = massachusetts | Calendar(thanksgiving, covers=COVERS) | Calendar(breaks, covers=COVERS)
    return Calendar(union.holidays, name="mit", covers=COVERS)


@pytest.mark.parametrize("label", [k for k, v in SOURCES.items() if isinstance(v, _BuiltIn)])
def test_the_calendars_are_those_built_before_they_were_lazy(label: str) -> None:
    before = _as_before(label)
    lazy = _lazy(label)
    assert lazy.holidays == before.holidays
    assert lazy.half_days == before.half_days
    assert lazy == before


def test_the_built_in_calendars_are_built_lazily_and_equal_all_years_at_once() -> None:
    assert calendars.federal() == _at_once("federal")
    assert calendars.massachusetts() == _at_once("massachusetts")
    assert calendars.mit() == _at_once("mit")
    moved = calendars.mit(winter_breaks=dict(MOVED_BREAKS))
    assert moved == _at_once("mit moved")


# -- 3: only the years touched are built --------------------------------------------------------


def test_one_question_builds_its_five_years() -> None:
    calendar, source = _recording()
    assert calendar.is_business_day("2027-01-04")
    assert source.asked == [range(2025, 2030)]
    assert calendar.why_closed("2026-12-28") == "winter break"
    assert calendar.add_business_days("2027-01-04", -10) == date(2026, 12, 10)
    assert source.asked == [range(2025, 2030)]


def test_arithmetic_builds_as_far_as_its_answer_and_no_further() -> None:
    calendar, source = _recording()
    answer = calendar.add_business_days("2029-12-20", 10)  # over the 2029 winter break
    assert answer == _at_once("mit").add_business_days("2029-12-20", 10)
    assert source.asked == [range(2025, 2030), range(2030, 2035)]
    assert calendar.business_days_between("2012-03-01", "2028-01-03") == _at_once(
        "mit"
    ).business_days_between("2012-03-01", "2028-01-03")
    assert source.asked[2:] == [range(2010, 2025)]  # the years between, in one piece


def test_errors_past_the_span_build_toward_it() -> None:
    calendar, source = _recording()
    with pytest.raises(MicropathError) as error:
        calendar.add_business_days("2099-06-01", 800)
    assert str(error.value) == str(_error(_at_once("mit"), "2099-06-01", 800))
    assert source.asked == [range(2095, 2100), range(2100, 2101)]
    with pytest.raises(MicropathError):
        calendar.is_business_day("1969-12-31")
    assert len(source.asked) == 2  # a day outside the span builds nothing


def _error(calendar: Calendar, day: str, n: int) -> MicropathError:
    try:
        calendar.add_business_days(day, n)
    except MicropathError as error:
        return error
    raise AssertionError("no error")  # pragma: no cover - a failing test


def test_covers_equality_hashing_and_pickling_build_nothing() -> None:
    calendar, source = _recording()
    again, other_source = _recording()
    assert calendar.covers == COVERS
    assert calendar == again
    assert hash(calendar) == hash(again) == hash(_at_once("mit"))
    copy = pickle.loads(pickle.dumps(calendar))
    assert copy == calendar
    assert source.asked == other_source.asked == []
    copy.is_business_day("2027-01-04")
    assert source.asked == []  # the copy has a source of its own
    assert copy.why_closed("2026-12-25") == "Christmas Day / winter break"


def test_a_school_files_calendar_is_built_lazily() -> None:
    """Loading a school file builds none of its calendar's years; its calendar is
    its base's closed days with the file's own on top, as when built at once."""
    calendar = School.from_toml(EXAMPLE_SCHOOL).calendar
    assert calendar._bounds[1] < calendar._bounds[0]  # nothing built
    assert calendar.why_closed("2026-11-27") == "Day after Thanksgiving"
    first, last = calendar._bounds
    assert (first, last) == (date(2025, 1, 1).toordinal() - 1, date(2029, 12, 31).toordinal() - 1)
    # The oracle: the federal calendar's holidays, the file's day, and the break
    # from December 19 to January 2 every year, day by day; the file's names win.
    named = dict(calendars.federal().holidays)
    named[date(2026, 11, 27)] = "Day after Thanksgiving"
    for year in range(FIRST.year - 1, LAST.year + 1):
        day = date(year, 12, 19)
        while day <= date(year + 1, 1, 2):
            if FIRST <= day <= LAST:
                named[day] = "winter break"
            day += timedelta(days=1)
    at_once = Calendar(named, name="example", covers=COVERS)
    assert calendar == at_once
    assert calendar.holidays == at_once.holidays
    assert calendar.add_business_days("2026-12-18", 1) == date(2027, 1, 4)


def test_a_school_file_on_mits_calendar_keeps_its_days_names() -> None:
    """A day MIT's calendar names twice keeps both names; a day the file names
    takes the file's name."""
    calendar = School.from_toml(_MIT_BASED).calendar
    mit = calendars.mit()
    assert calendar.why_closed("2022-12-26") == mit.why_closed("2022-12-26")
    assert calendar.why_closed("2022-12-26") == "Christmas Day (observed) / winter break"
    assert calendar.why_closed("2026-12-25") == "Holiday party"
    assert calendar.holidays == tuple(
        (day, "Holiday party" if day == date(2026, 12, 25) else name) for day, name in mit.holidays
    )


def test_a_calendar_of_given_days_pickles_as_its_days() -> None:
    calendar = Calendar(
        {"2026-11-26": "Thanksgiving Day"}, weekmask="Mon Tue Wed Thu", name="four days"
    )
    calendar.add_business_days("2026-11-25", 1)  # with its tables built
    copy = pickle.loads(pickle.dumps(calendar))
    assert copy == calendar
    assert hash(copy) == hash(calendar)
    assert copy.add_business_days("2026-11-25", 1) == date(2026, 11, 30)


def test_a_built_in_calendar_pickles_as_itself() -> None:
    federal = calendars.federal()
    federal.is_business_day("2027-01-04")
    copy = pickle.loads(pickle.dumps(federal))
    assert copy == federal
    assert copy.add_business_days("2026-12-23", 1) == date(2026, 12, 24)
    assert copy.holidays == federal.holidays


# -- 4: a value ------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", list(SOURCES))
def test_a_lazy_calendar_is_the_value_of_all_its_days(label: str) -> None:
    at_once = _at_once(label)
    lazy = _lazy(label)
    lazy.is_business_day("2027-01-04")  # partly built
    assert lazy == at_once
    assert at_once == lazy
    assert hash(lazy) == hash(at_once)
    assert len({lazy, at_once}) == 1
    assert repr(lazy) == repr(at_once)
    assert (lazy.holidays, lazy.half_days) == (at_once.holidays, at_once.half_days)


def test_lazy_calendars_from_different_sources_compare_by_their_days() -> None:
    assert _lazy("mit") != _lazy("mit moved")
    assert _lazy("federal") != _lazy("massachusetts")
    dropped = Calendar._lazy(_BuiltIn("mit", ((2026, None),)), name="mit", covers=COVERS)
    assert dropped != _lazy("mit")
    same = calendars.mit(winter_breaks={2026: ("2026-12-24", "2027-01-01")})
    assert same == _lazy("mit")
    assert same._source == _lazy("mit")._source  # a default break given is the default


def test_unions_and_closures_of_lazy_calendars_are_those_of_the_whole_calendars() -> None:
    for left, right in (("federal", "mit"), ("mit moved", "massachusetts")):
        assert _lazy(left) | _lazy(right) == _at_once(left) | _at_once(right)
    closure = ("2027-01-04", "2027-01-08")
    assert _lazy("federal").with_closure(*closure, name="snow") == _at_once("federal").with_closure(
        *closure, name="snow"
    )
    assert _lazy("federal") | Calendar() == _at_once("federal")


def test_closed_days_over_many_years_build_them() -> None:
    lazy, at_once = _lazy("federal"), _at_once("federal")
    assert lazy.closed_days(FIRST, LAST) == at_once.closed_days(FIRST, LAST)
    assert lazy.why_half_day("2015-12-24") == "Christmas Eve (half-day closing)"


def test_a_calendar_is_never_equal_to_what_is_not_a_calendar() -> None:
    assert _lazy("federal") != ("federal", COVERS)
    assert Calendar().__eq__(None) is NotImplemented


def test_a_day_a_source_gives_outside_the_years_asked_for_is_left_out() -> None:
    class Generous(Recording):
        def closed_days(
            self, years: range
        ) -> tuple[Iterable[tuple[date, str]], Iterable[tuple[date, str]]]:
            holidays, half_days = super().closed_days(years)
            stray = (date(years[-1] + 1, 3, 4), "stray")  # a weekday of the next year
            return (*holidays, stray), half_days

    calendar = Calendar._lazy(Generous("federal"), name="federal", covers=COVERS)
    assert calendar.is_business_day("2027-01-04")  # reads 2025-2029, and a stray 2030-03-04
    assert calendar.is_business_day("2030-03-04")  # reads 2030-2034
    assert all(name != "stray" for _, name in calendar.holidays)


def test_a_lazy_calendar_needs_a_span_of_at_most_200_years() -> None:
    with pytest.raises(MicropathError) as error:
        Calendar._lazy(_BuiltIn("federal"), covers=(date(1900, 1, 1), date(2101, 1, 1)))
    assert error.value.parameter == "covers"  # type: ignore[attr-defined]


def test_the_lazily_filled_fields_are_still_there_to_introspect() -> None:
    assert Calendar.holidays is Calendar.__dict__["holidays"]
    assert [field.name for field in attrs.fields(Calendar)][:5] == [
        "holidays",
        "weekmask",
        "name",
        "covers",
        "half_days",
    ]


def test_a_missing_attribute_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _lazy("federal").no_such_thing  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="no_such_thing"):
        Calendar().no_such_thing  # type: ignore[attr-defined]


# -- 5: threads -----------------------------------------------------------------------------------


def test_threads_asking_at_once_get_the_answers_of_the_calendar_built_at_once() -> None:
    lazy, at_once = _lazy("mit"), _at_once("mit")
    starts = [date(1970 + 5 * i, 3, 2) for i in range(26)]
    questions = [(day, n) for day in starts for n in (-700, -3, 0, 4, 650)]
    results: dict[int, list[tuple[date, int, object, object]]] = {}

    def ask(index: int) -> None:  # each thread in its own order
        order = questions[index::4] + [q for i, q in enumerate(questions) if i % 4 != index]
        results[index] = [
            (day, n, _ask(lazy, ("add", day, n, day)), _ask(lazy, ("between", day, n, FIRST)))
            for day, n in order
        ]

    threads = [threading.Thread(target=ask, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for answers in results.values():
        for day, n, added, between in answers:
            assert added == _ask(at_once, ("add", day, n, day))
            assert between == _ask(at_once, ("between", day, n, FIRST))
    assert len(results) == 4


# -- 6: the holidays adapter ---------------------------------------------------------------------


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_holidays_is_imported_on_first_use_and_its_countries_are_not() -> None:
    code = (
        "import sys, micropath\n"
        "print('holidays' in sys.modules)\n"
        "micropath.plan('CPT', micropath.iap(2027))\n"
        "print('holidays' in sys.modules, 'holidays.countries' in sys.modules)\n"
        "import holidays.countries\n"
        "print(holidays.countries.united_states.UnitedStates.__name__,\n"
        "      holidays.country_holidays('FR', years=2026)['2026-07-14'])\n"
    )
    assert _run(code).splitlines() == ["False", "True False", "UnitedStates National Day"]


def test_the_us_module_alone_gives_the_data_of_the_usual_route() -> None:
    years = range(1969, 2102)
    us = _holiday_data.united_states()
    for options in (
        {"categories": ("public",)},
        {"categories": ("government",)},
        {"categories": ("half_day",)},
        {"subdiv": "MA"},
        {},
    ):
        usual = _holiday_data._registry_route(years=years, **options)
        assert dict(us(years=years, **options)) == dict(usual), options


def test_the_usual_route_is_taken_when_the_us_module_cannot_be_loaded_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import holidays

    years = range(2026, 2028)
    expected = _holiday_data.federal_days(years)
    _holiday_data.united_states.cache_clear()
    _holiday_data.federal_days.cache_clear()
    try:
        # The package has imported the module already: its class.
        held = types.ModuleType("holidays.countries.united_states")
        held.UnitedStates = _holiday_data._registry_route  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "holidays.countries.united_states", held)
        assert _holiday_data.united_states() is _holiday_data._registry_route
        _holiday_data.united_states.cache_clear()
        # ... without the class: the usual route.
        monkeypatch.setitem(sys.modules, "holidays.countries.united_states", types.ModuleType("x"))
        assert _holiday_data.united_states() is _holiday_data._registry_route
        _holiday_data.united_states.cache_clear()
        monkeypatch.delitem(sys.modules, "holidays.countries.united_states")
        # No such file in this release: the usual route.
        monkeypatch.setattr(holidays, "__file__", str(tmp_path / "__init__.py"))
        assert _holiday_data.united_states() is _holiday_data._registry_route
        assert _holiday_data.federal_days(years) == expected
        _holiday_data.united_states.cache_clear()
        # A file that needs what is not there: the usual route.
        (tmp_path / "countries").mkdir()
        (tmp_path / "countries" / "united_states.py").write_text("import no_such_module\n")
        assert _holiday_data.united_states() is _holiday_data._registry_route
    finally:
        _holiday_data.united_states.cache_clear()
        _holiday_data.federal_days.cache_clear()
