"""Behaviour of :class:`micropath.Calendar` that mutation testing found unchecked.

Each test here kills mutants of ``micropath/calendar.py`` that survived the rest of the
suite (``tests/mutation/run.sh``; the report lists them). They check documented
behaviour against values worked out independently (real weekdays, whole 400-year
Gregorian cycles, the messages the house style prescribes), not the code's internals:

1. Arithmetic reaches the very last day a calendar covers, and ``date.max``, whichever
   path computes it (with closed days, answers past the last one leave the fast tables);
   every small count from every day around a calendar's closed days, open or closed,
   agrees with stepping day by day (also next to ``date.min``).
2. An answer past the span names the count, the day it was counted from, the span and
   the day it would reach; one past ``date.min`` / ``date.max`` says so instead.
3. ``closed_days`` and ``with_closure`` take spans of up to 146097 days (400 years,
   exactly 20871 weeks) and name both ends when refused.
4. A union covers the overlap of its sides' spans, even a single day; its name joins
   the sides' names; combining with a non-calendar or with no common working weekday
   is an error that says what was expected.
5. ``repr`` shows the name, the number of closed days, the weekmask and the span.
6. Every error message names the parameter, what was expected and what came, from the
   constructor's checks of weekmask, holidays, name and covers too.
7. Hashes, pickles and a lazily built calendar's limits.
8. The span's edges whichever path answers: a day just outside a span that begins or
   ends on a closed day, or that has no closed day at all, is refused for every count;
   a lazily built calendar without closed days answers a date outside the years it
   has built; a weekmask array of the wrong shape is named.
9. Weekmasks and names: bytes that are not ASCII, and a 0/1 weekmask with other
   characters than 0/1 and C's whitespace (space, tab, newline, return, form feed,
   vertical tab) are refused, as numpy refuses them; a day given the same name twice
   keeps it once, with another name between. The span's edges once more: open days
   cut from wider closed days fill the one-byte and two-byte tables to their edge.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import oracles
import pytest

from micropath import Calendar, InvalidTypeError, InvalidValueError, OutOfRangeError

THANKSGIVING = {"2026-11-26": "Thanksgiving Day"}
YEAR_2026 = ("2026-01-01", "2026-12-31")  # Thursday to Thursday
FOUR_HUNDRED_YEARS = 146_097
"""Days in 400 Gregorian years: exactly 20871 weeks."""
D = date.fromisoformat


# -- 1. the edges of the span are reachable ------------------------------------------


@pytest.mark.parametrize("holidays", [{}, THANKSGIVING], ids=["no-closed-days", "thanksgiving"])
def test_the_last_covered_day_is_a_reachable_answer(holidays: dict[str, str]) -> None:
    """Dec 31 2026 is a Thursday and the last day covered: one business day after Dec 30,
    and n == 0 from it is itself. With a holiday in November the answer lies past the
    calendar's closed days, where the arithmetic leaves its dense tables."""
    cal = Calendar(holidays, covers=YEAR_2026)
    assert cal.add_business_days("2026-12-30", 1) == D("2026-12-31")
    assert cal.add_business_days("2026-12-31", 0) == D("2026-12-31")
    assert cal.next_business_day("2026-12-31") == D("2026-12-31")
    assert cal.add_business_days("2026-01-02", -1) == D("2026-01-01")
    assert cal.previous_business_day("2026-01-01") == D("2026-01-01")


@pytest.mark.parametrize("holidays", [{}, THANKSGIVING], ids=["no-closed-days", "thanksgiving"])
def test_date_max_and_date_min_are_reachable_answers(holidays: dict[str, str]) -> None:
    """9999-12-31 is a Friday and 0001-01-01 a Monday: both are business days."""
    cal = Calendar(holidays)
    assert date.max.weekday() == 4
    assert date.min.weekday() == 0
    assert cal.add_business_days(date(9999, 12, 30), 1) == date.max
    assert cal.add_business_days(date(9999, 12, 24), 5) == date.max  # over a weekend
    assert cal.add_business_days(date(1, 1, 2), -1) == date.min
    week = oracles.Workdays(frozenset(range(5)), frozenset(D(d) for d in holidays))
    assert oracles.add_business_days(week, date(9999, 12, 24), 5) == date.max


SPAN_CALENDARS = [
    # Two holidays a month apart: the days between them are answered from dense tables.
    ({"2026-11-26": "Thanksgiving Day", "2026-12-25": "Christmas Day"}, "1111100"),
    # The same near date.min (0001-01-01 is a Monday): table offsets there are small.
    ({"0001-01-03": "a", "0001-01-10": "b"}, "1111100"),
    # Three working weekdays and holidays on and off them.
    ({"2026-11-25": "a", "2026-11-27": "b", "2026-12-02": "c"}, "1010100"),
]


@pytest.mark.parametrize(("holidays", "weekmask"), SPAN_CALENDARS)
def test_every_small_count_around_the_closed_days_agrees_with_stepping(
    holidays: dict[str, str], weekmask: str
) -> None:
    """Every day from 12 days before the first closed day to 12 after the last, every
    n in -8..8: the answer (or OutOfRangeError) is the day-by-day oracle's, whether the
    day itself is open or closed."""
    cal = Calendar(holidays, weekmask=weekmask)
    week = oracles.Workdays(
        frozenset(i for i, flag in enumerate(weekmask) if flag == "1"),
        frozenset(D(day) for day in holidays),
    )
    first = date.fromordinal(max(D(min(holidays)).toordinal() - 12, 1))
    days = [first + timedelta(days=k) for k in range((D(max(holidays)) - first).days + 13)]
    for day in days:
        for n in range(-8, 9):
            try:
                expected = oracles.add_business_days(week, day, n)
            except oracles.OutOfRange:
                with pytest.raises(OutOfRangeError):
                    cal.add_business_days(day, n)
            else:
                assert cal.add_business_days(day, n) == expected, (day, n)


# -- 2. what an answer out of range says ---------------------------------------------


def _error(call: object) -> OutOfRangeError:
    with pytest.raises(OutOfRangeError) as caught:
        call()  # type: ignore[operator]
    return caught.value


@pytest.mark.parametrize("holidays", [{}, THANKSGIVING], ids=["no-closed-days", "thanksgiving"])
@pytest.mark.parametrize(
    ("start", "n", "reach"),
    [
        # Dec 30 (Wed) + 5: Dec 31, Jan 1, 4, 5, 6 (no holiday on Jan 1 in this calendar).
        ("2026-12-30", 5, "2027-01-06"),
        # Jan 2 (Fri) - 5: Jan 1, then Dec 31, 30, 29 and 26 (a Friday) of 2025.
        ("2026-01-02", -5, "2025-12-26"),
    ],
)
def test_a_count_past_the_span_names_count_day_span_and_reach(
    holidays: dict[str, str], start: str, n: int, reach: str
) -> None:
    error = _error(lambda: Calendar(holidays, covers=YEAR_2026).add_business_days(start, n))
    assert error.parameter == "n"
    assert error.got == n
    assert str(error) == (
        f"n must be a count whose result from {start} stays within 2026-01-01..2026-12-31, "
        f"the span this calendar covers (it would reach {reach}), got {n}"
    )


def test_a_named_calendar_is_named_in_the_error() -> None:
    cal = Calendar(THANKSGIVING, name="federal", covers=YEAR_2026)
    error = _error(lambda: cal.add_business_days("2026-12-30", 5))
    assert "the span the federal calendar covers (it would reach 2027-01-06)" in str(error)
    error = _error(lambda: cal.is_business_day("2027-01-01"))
    assert str(error) == (
        "day must be a date within 2026-01-01..2026-12-31, the span the federal calendar "
        "covers, got datetime.date(2027, 1, 1) (datetime.date)"
    )


@pytest.mark.parametrize("holidays", [{}, THANKSGIVING], ids=["no-closed-days", "thanksgiving"])
def test_a_span_ending_the_day_before_date_max_reports_date_max_as_the_reach(
    holidays: dict[str, str],
) -> None:
    """Dec 29 9999 is a Wednesday: two business days on is Friday Dec 31, date.max
    itself, one day past the span."""
    cal = Calendar(holidays, covers=("2026-01-01", "9999-12-30"))
    error = _error(lambda: cal.add_business_days(date(9999, 12, 29), 2))
    assert error.got == 2
    assert str(error).endswith(
        "from 9999-12-29 stays within 2026-01-01..9999-12-30, the span this calendar covers "
        "(it would reach 9999-12-31), got 2"
    )


@pytest.mark.parametrize("holidays", [{}, THANKSGIVING], ids=["no-closed-days", "thanksgiving"])
@pytest.mark.parametrize(("start", "n"), [(date.max, 1), (date.min, -1), (date(9999, 12, 30), 2)])
def test_a_count_past_date_min_or_date_max_says_so(
    holidays: dict[str, str], start: date, n: int
) -> None:
    error = _error(lambda: Calendar(holidays).add_business_days(start, n))
    assert error.got == n
    assert str(error) == (
        f"n must be a count that stays between 0001-01-01 and 9999-12-31 from {start}, got {n}"
    )


def test_no_business_day_left_in_the_span_blames_the_day() -> None:
    """Saturday Jan 2 2027 is the last covered day: no business day follows it inside
    the span, and Saturday Jan 3 2026, the first, has none before it."""
    cal = Calendar(THANKSGIVING, covers=("2026-01-03", "2027-01-02"))
    error = _error(lambda: cal.next_business_day("2027-01-02"))
    assert (error.parameter, error.got) == ("day", D("2027-01-02"))
    # The day is inside the span: the message says what is missing, a business day.
    assert str(error) == (
        "day must be a date with a business day on or after it within 2026-01-03..2027-01-02, "
        "the span this calendar covers, got datetime.date(2027, 1, 2) (datetime.date)"
    )
    error = _error(lambda: cal.previous_business_day("2026-01-03"))
    assert (error.parameter, error.got) == ("day", D("2026-01-03"))
    assert str(error).startswith(
        "day must be a date with a business day on or before it within 2026-01-03..2027-01-02"
    )
    # A day outside the span is still blamed as outside it.
    error = _error(lambda: cal.next_business_day("2027-01-03"))
    assert str(error).startswith("day must be a date within 2026-01-03..2027-01-02, the span")


# -- 3. spans of up to 400 years -----------------------------------------------------

MONDAY = date(2000, 1, 3)
LAST_ALLOWED = MONDAY + timedelta(days=FOUR_HUNDRED_YEARS - 1)  # Sunday 2400-01-02
TOO_FAR = LAST_ALLOWED + timedelta(days=1)


def test_closed_days_lists_a_400_year_span_and_refuses_a_longer_one() -> None:
    """146097 days are 20871 whole weeks: 41742 weekend days in a Monday-Friday week."""
    assert LAST_ALLOWED.weekday() == 6
    closed = Calendar().closed_days(MONDAY, LAST_ALLOWED)
    assert len(closed) == 2 * FOUR_HUNDRED_YEARS // 7
    assert (closed[0].date, closed[-1].date) == (date(2000, 1, 8), LAST_ALLOWED)
    error = _error(lambda: Calendar().closed_days(MONDAY, TOO_FAR))
    assert (error.parameter, error.got) == ("last", TOO_FAR)
    assert str(error) == (
        "last must be a date less than 146097 days (400 years) after first (2000-01-03), "
        "got datetime.date(2400, 1, 3) (datetime.date)"
    )


def test_with_closure_closes_a_400_year_span_and_refuses_a_longer_one() -> None:
    cal = Calendar().with_closure(MONDAY, LAST_ALLOWED, name="long closure")
    assert len(cal.holidays) == FOUR_HUNDRED_YEARS
    assert cal.why_closed(MONDAY) == "long closure"
    assert cal.add_business_days(MONDAY, 0) == LAST_ALLOWED + timedelta(days=1)
    error = _error(lambda: Calendar().with_closure(MONDAY, TOO_FAR, name="x"))
    assert (error.parameter, error.got) == ("last", TOO_FAR)
    assert "less than 146097 days (400 years) after first (2000-01-03)" in error.expected


# -- 4. unions -----------------------------------------------------------------------


def test_a_union_covers_an_overlap_of_a_single_day() -> None:
    left = Calendar(covers=("2026-01-01", "2026-06-30"))
    right = Calendar(covers=("2026-06-30", "2026-12-31"))
    assert (left | right).covers == (D("2026-06-30"), D("2026-06-30"))
    assert (left | right).is_business_day("2026-06-30")  # a Tuesday


def test_a_union_of_disjoint_spans_is_an_error_naming_both() -> None:
    left = Calendar(covers=("2026-01-01", "2026-06-29"))
    right = Calendar(covers=("2026-06-30", "2026-12-31"))
    with pytest.raises(InvalidValueError) as caught:
        left | right
    assert caught.value.parameter == "other"
    assert caught.value.got == (D("2026-06-30"), D("2026-12-31"))
    assert caught.value.expected == "a calendar whose span overlaps 2026-01-01..2026-06-29"


def test_a_union_is_named_after_both_sides() -> None:
    union = Calendar(name="federal") | Calendar(name="mit") | Calendar()
    assert union.name == "federal | mit"


def test_a_union_without_a_common_working_weekday_is_an_error() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Calendar(weekmask="1110000") | Calendar(weekmask="0001111")
    assert str(caught.value) == (
        "other must be a calendar sharing at least one working weekday, got '0001111'"
    )


@pytest.mark.parametrize("other", [3, "1111100", None])
def test_a_union_with_something_else_is_a_type_error_either_way_round(other: object) -> None:
    expected = f"other must be a micropath Calendar to combine with, got {other!r}"
    with pytest.raises(InvalidTypeError) as caught:
        Calendar() | other
    assert (caught.value.parameter, caught.value.got, str(caught.value)) == (
        "other",
        other,
        expected,
    )
    with pytest.raises(InvalidTypeError) as caught:
        other | Calendar()
    assert (caught.value.parameter, caught.value.got, str(caught.value)) == (
        "other",
        other,
        expected,
    )


# -- 5. repr -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "text"),
    [
        (Calendar(), "Calendar(0 closed days, weekmask='1111100')"),
        (
            Calendar(THANKSGIVING, weekmask="Mon Tue Wed Thu", name="federal"),
            "Calendar('federal', 1 closed days, weekmask='1111000')",
        ),
        (
            Calendar(THANKSGIVING, covers=("2026-01-01", "2027-12-31")),
            "Calendar(1 closed days, weekmask='1111100', covers=2026-01-01..2027-12-31)",
        ),
        (
            Calendar(name="mit", covers=YEAR_2026),
            "Calendar('mit', 0 closed days, weekmask='1111100', covers=2026-01-01..2026-12-31)",
        ),
    ],
)
def test_repr_shows_name_size_weekmask_and_span(calendar: Calendar, text: str) -> None:
    assert repr(calendar) == text


# -- 6. with_closure's messages ------------------------------------------------------


def test_with_closure_errors_name_parameter_expectation_and_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Calendar().with_closure("2026-12-24", "2026-12-23", name="winter break")
    assert caught.value.got == D("2026-12-23")
    assert str(caught.value) == (
        "last must be a date on or after first (2026-12-24), "
        "got datetime.date(2026, 12, 23) (datetime.date)"
    )
    with pytest.raises(InvalidTypeError) as caught:
        Calendar().with_closure("2026-12-24", "2026-12-31", name=3)  # type: ignore[arg-type]
    assert caught.value.got == 3
    assert str(caught.value) == "name must be a str, got 3"


# -- 6. the constructor's messages ---------------------------------------------------

WEEKMASK_EXPECTED = (
    "seven 0/1 characters starting on Monday ('1111100'), day names "
    "('Mon Tue Wed Thu Fri') or seven flags, with at least one working day"
)


@pytest.mark.parametrize(
    ("arguments", "error", "parameter", "got", "expected"),
    [
        ({"weekmask": "1111100x"}, InvalidValueError, "weekmask", "1111100x", WEEKMASK_EXPECTED),
        ({"weekmask": "Mon Funday"}, InvalidValueError, "weekmask", "Mon Funday",
         WEEKMASK_EXPECTED),
        ({"weekmask": 5}, InvalidTypeError, "weekmask", 5, WEEKMASK_EXPECTED),
        ({"weekmask": [2, 0, 0, 0, 0, 0, 0]}, InvalidValueError, "weekmask", [2, 0, 0, 0, 0, 0, 0],
         WEEKMASK_EXPECTED),
        ({"weekmask": "0000000"}, InvalidValueError, "weekmask", "0000000", WEEKMASK_EXPECTED),
        ({"holidays": {"2026-11-26": 3}}, InvalidTypeError, "holidays['2026-11-26']", 3,
         "a name (str)"),
        ({"holidays": [("2026-11-26", 3)]}, InvalidTypeError, "holidays['2026-11-26']", 3,
         "a name (str)"),
        ({"holidays": 5}, InvalidTypeError, "holidays", 5,
         "an iterable of dates or (date, name) pairs, or a mapping from date to name"),
        ({"holidays": {"2026-13-01": "x"}}, InvalidValueError, "holidays", "2026-13-01",
         "a real calendar date 'YYYY-MM-DD'"),
        ({"holidays": [("2026-13-01", "x")]}, InvalidValueError, "holidays", "2026-13-01",
         "a real calendar date 'YYYY-MM-DD'"),
        ({"holidays": ["2026-13-01"]}, InvalidValueError, "holidays", "2026-13-01",
         "a real calendar date 'YYYY-MM-DD'"),
        ({"name": 3}, InvalidTypeError, "name", 3, "a str"),
        ({"covers": 5}, InvalidTypeError, "covers", 5, "a (first, last) pair of dates, or None"),
        ({"covers": ("2026-12-31", "2026-01-01")}, InvalidValueError, "covers",
         ("2026-12-31", "2026-01-01"), "a (first, last) pair with first <= last"),
    ],
    ids=[
        "weekmask-chars",
        "weekmask-names",
        "weekmask-type",
        "weekmask-flags",
        "weekmask-no-day",
        "holiday-name-in-mapping",
        "holiday-name-in-pair",
        "holidays-type",
        "holiday-date-in-mapping",
        "holiday-date-in-pair",
        "holiday-date-alone",
        "name",
        "covers-type",
        "covers-order",
    ],
)  # fmt: skip
def test_constructor_errors_name_parameter_expectation_and_value(
    arguments: dict[str, object],
    error: type[Exception],
    parameter: str,
    got: object,
    expected: str,
) -> None:
    with pytest.raises(error) as caught:
        Calendar(**arguments)  # type: ignore[arg-type]
    assert (caught.value.parameter, caught.value.got) == (parameter, got)  # type: ignore[attr-defined]
    assert caught.value.expected == expected  # type: ignore[attr-defined]


# -- 7. hashes and pickles ---------------------------------------------------------------


def test_different_calendars_hash_apart_and_equal_ones_alike() -> None:
    """A hash that gave every calendar the same value would be correct and useless (a
    dict of calendars a list): distinct calendars, eager or lazily built, hash apart.
    (A calendar with a span hashes by its weekmask, name and span only, so that a
    lazily built one's hash builds nothing: those differ here.)"""
    import micropath as mp

    calendars = [
        Calendar(),
        Calendar(THANKSGIVING),
        Calendar(THANKSGIVING, name="t"),
        Calendar(THANKSGIVING, weekmask="1111110"),
        Calendar(THANKSGIVING, covers=YEAR_2026),
        Calendar(THANKSGIVING, covers=("2026-01-01", "2027-12-31")),
        mp.calendars.federal(),
        mp.calendars.mit(),
        mp.calendars.massachusetts(),
    ]
    assert len({hash(calendar) for calendar in calendars}) == len(calendars)
    assert hash(Calendar(THANKSGIVING, covers=YEAR_2026)) == hash(calendars[4])
    assert hash(mp.calendars.federal()) == hash(calendars[6])


def test_a_pickled_calendar_keeps_its_span_half_days_and_weekmask(tmp_path: Path) -> None:
    import pickle

    import micropath as mp

    eager = Calendar(
        THANKSGIVING, weekmask="1111110", name="e", covers=YEAR_2026,
        half_days={"2026-12-24": "Christmas Eve"},
    )  # fmt: skip
    copy = pickle.loads(pickle.dumps(eager))
    assert copy == eager
    assert (copy.covers, copy.half_days, copy.weekmask) == (
        eager.covers,
        eager.half_days,
        eager.weekmask,
    )
    path = tmp_path / "four.toml"
    path.write_text(
        'key = "four"\nlabel = "Four"\n[calendar]\nbase = "none"\nweekmask = "Mon Tue Wed Thu"\n',
        encoding="utf-8",
    )
    lazy = mp.School.from_toml(path).calendar
    again = pickle.loads(pickle.dumps(lazy))
    assert again.weekmask == lazy.weekmask == "1111000"
    assert again == lazy
    assert again.add_business_days("2026-11-26", 1) == D("2026-11-30")  # Thu to Mon


def test_a_lazily_built_calendar_counted_past_date_min_says_so() -> None:
    """A count whose answer lies before 0001-01-01 on a lazily built calendar (its span
    1970-2100) is the same error as on any calendar, not a failure to build years."""
    import micropath as mp

    path = Path(mp.__file__).parent.parent / "docs" / "example_school.toml"
    lazy = mp.School.from_toml(path).calendar
    with pytest.raises(OutOfRangeError) as caught:
        lazy.add_business_days("1970-01-05", -(10**6))
    assert str(caught.value) == (
        "n must be a count that stays between 0001-01-01 and 9999-12-31 from 1970-01-05, "
        "got -1000000"
    )


@pytest.mark.parametrize("weekmask", [[1, 1, 1, 1, 1], (1, 1, 1, 1, 1, 1, 2)])
def test_a_weekmask_of_flags_that_are_not_seven_0_or_1_is_named_with_what_came(
    weekmask: object,
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Calendar(weekmask=weekmask)  # type: ignore[arg-type]
    assert (caught.value.parameter, caught.value.got) == ("weekmask", weekmask)
    assert caught.value.expected == (
        "seven 0/1 characters starting on Monday ('1111100'), day names "
        "('Mon Tue Wed Thu Fri') or seven flags, with at least one working day"
    )


class _NoClosedDays:
    """A source of closed days with none (a value, as ``_Source`` asks)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _NoClosedDays)

    def __hash__(self) -> int:
        return 0

    def closed_days(self, years: range) -> tuple[tuple[()], tuple[()]]:
        return (), ()


def test_a_lazily_built_calendar_spans_at_most_200_years() -> None:
    """Every lazily built calendar today spans 1970-2100; the limit is checked alone."""
    widest = (D("1900-01-01"), D("1900-01-01") + timedelta(days=200 * 366))
    calendar = Calendar._lazy(_NoClosedDays(), name="n", covers=widest)  # type: ignore[arg-type]
    assert calendar.add_business_days("1950-01-02", 1) == D("1950-01-03")
    wider = (widest[0], widest[1] + timedelta(days=1))
    with pytest.raises(InvalidValueError) as caught:
        Calendar._lazy(_NoClosedDays(), name="n", covers=wider)  # type: ignore[arg-type]
    assert (caught.value.parameter, caught.value.expected, caught.value.got) == (
        "covers",
        "a (first, last) pair at most 200 years apart",
        wider,
    )


# -- 8. the span's edges, whichever path answers ------------------------------------------

# 2027-01-04 is a Monday and 2027-12-31 a Friday: both are weekmask days, so each
# closed day below lies on the span's edge and bounds the dense tables there.
EDGES_2027 = ("2027-01-04", "2027-12-31")


@pytest.mark.parametrize("n", [-3, -1, 0, 1])
@pytest.mark.parametrize(
    ("holidays", "outside"),
    [
        ({"2027-01-04": "first", "2027-12-31": "last"}, "2028-01-01"),
        ({"2027-01-04": "first", "2027-12-31": "last"}, "2027-01-03"),
        ({}, "2028-01-01"),
        ({}, "0001-01-02"),
    ],
    ids=["after-closed-last-day", "before-closed-first-day", "after-no-closed", "day-2"],
)
def test_a_day_just_outside_the_span_is_refused_for_every_count(
    holidays: dict[str, str], outside: str, n: int
) -> None:
    """The tables reach the span's last day when it is closed (their rank of the day
    after it is kept for counting back); a day past the span is still refused, by
    the same message as any day outside it."""
    cal = Calendar(holidays, covers=EDGES_2027)
    with pytest.raises(OutOfRangeError) as caught:
        cal.add_business_days(D(outside), n)
    assert str(caught.value) == (
        "day must be a date within 2027-01-04..2027-12-31, the span this calendar covers, "
        f"got {D(outside)!r} (datetime.date)"
    )


def test_a_lazily_built_calendar_without_closed_days_answers_outside_its_built_years() -> None:
    """A day in years not built yet builds them first, as on any lazily built calendar,
    even when they hold no closed day. Checked against stepping day by day."""
    covers = (D("1970-01-01"), D("2100-12-31"))
    week = oracles.Workdays(weekdays=frozenset(range(5)), closed=frozenset())
    asked = [(D("2099-06-06"), 1), (D("1970-01-01"), 0), (D("2050-01-01"), -7)]
    for day, n in asked:  # each on a calendar that has built nothing yet
        lazy = Calendar._lazy(_NoClosedDays(), name="n", covers=covers)  # type: ignore[arg-type]
        assert lazy.add_business_days(day, n) == oracles.add_business_days(week, day, n)
    # ... and in turn on one calendar: each day below or above the years built before
    lazy = Calendar._lazy(_NoClosedDays(), name="n", covers=covers)  # type: ignore[arg-type]
    for day, n in [(D("2050-01-01"), -7), (D("1970-01-01"), 0), (D("2099-06-06"), 1)]:
        assert lazy.add_business_days(day, n) == oracles.add_business_days(week, day, n)


def test_a_weekmask_array_of_another_shape_is_named_with_what_came() -> None:
    import numpy as np

    weekmask = np.ones((1, 7), dtype=int)
    with pytest.raises(InvalidValueError) as caught:
        Calendar(weekmask=weekmask)  # type: ignore[arg-type]
    assert caught.value.parameter == "weekmask"
    assert caught.value.got is weekmask
    assert caught.value.expected == (
        "seven 0/1 characters starting on Monday ('1111100'), day names "
        "('Mon Tue Wed Thu Fri') or seven flags, with at least one working day"
    )


# -- 9. weekmasks and names ------------------------------------------------------------

WEEKMASK_EXPECTED = (
    "seven 0/1 characters starting on Monday ('1111100'), day names "
    "('Mon Tue Wed Thu Fri') or seven flags, with at least one working day"
)


@pytest.mark.parametrize(
    "weekmask",
    [b"\xff1111100", "11111XX", "X1111100", "1111100\u00a0", "\x1c1111100"],
    ids=["bytes-not-ascii", "letters", "letter-first", "no-break-space", "file-separator"],
)
def test_a_weekmask_numpy_refuses_is_named_with_what_came(weekmask: object) -> None:
    """Only C's whitespace (space, tab, newline, return, form feed, vertical tab) is
    stripped around seven 0/1 characters; Python's wider whitespace is not."""
    assert oracles.numpy_weekmask(weekmask) is None
    with pytest.raises(InvalidValueError) as caught:
        Calendar(weekmask=weekmask)  # type: ignore[arg-type]
    assert caught.value.parameter == "weekmask"
    assert caught.value.got == weekmask
    assert caught.value.expected == WEEKMASK_EXPECTED


def test_a_day_named_again_keeps_each_name_once() -> None:
    cal = Calendar([("2027-01-01", "A"), ("2027-01-01", "B"), ("2027-01-01", "A")])
    assert cal.holidays == ((D("2027-01-01"), "A / B"),)


@pytest.mark.parametrize("days", [256, 65_536], ids=["one-byte-edge", "two-byte-edge"])
def test_a_span_of_open_days_cut_from_wider_closed_days_counts_every_day(days: int) -> None:
    """Closed days just outside the span: the tables cover the span alone, every day of
    it a business day (weekmask 1111111), so their largest rank is *days*, the edge of
    a one-byte or two-byte table. Counted by hand: *days* open days from the first."""
    first = D("2027-01-01")
    last = first + timedelta(days=days - 1)
    closed = {first - timedelta(days=1): "before", last + timedelta(days=1): "after"}
    cal = Calendar(closed, weekmask="1111111", covers=(first, last))
    assert cal.business_days_between(first, last) == days - 1
    assert cal.add_business_days(first, days - 1) == last
    assert cal.add_business_days(last, -(days - 1)) == first
