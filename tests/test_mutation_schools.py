"""Behaviour of schools and the school loader that mutation testing found unchecked.

Each test here kills mutants of ``micropath/schools.py`` or ``micropath/_school_file.py``
that survived the rest of the suite (``tests/mutation/run.sh``; docs/quality.md lists
them). They check documented behaviour through the public names:

1. A built-in school is found by name in any case and with surrounding spaces; another
   name, or a value that is not a string, is an error listing the names.
2. A school shows as its key and label; its minimum wage changes on the day a rate
   takes effect (not the day after), and is None before the table begins; its own
   sources come before micropath's.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

import micropath as mp
from micropath import schools
from micropath.pathways import Authorization, FilingWindow, MinimumTerms, Role
from micropath.schools import LeadPractice, RecruitingCalendar
from micropath.sources import SOURCES, Source
from micropath.terms import TermRule

D = date.fromisoformat


@pytest.mark.parametrize("name", ["mit", "MIT", " Mit ", "generic", "\tGENERIC\n"])
def test_a_builtin_school_by_name_in_any_case(name: str) -> None:
    assert schools.by_name(name).key == name.strip().lower()


@pytest.mark.parametrize(
    ("given", "error", "shown"),
    [(3, mp.InvalidTypeError, "3"), ("harvard", mp.UnknownNameError, "'harvard'")],
)
def test_another_school_name_lists_the_names(
    given: object, error: type[Exception], shown: str
) -> None:
    with pytest.raises(error) as caught:
        schools.by_name(given)  # type: ignore[arg-type]
    assert str(caught.value) == f"school must be one of 'mit', 'generic', got {shown}"
    assert schools.names() == ("mit", "generic")


def test_a_school_shows_its_key_and_label() -> None:
    assert repr(schools.mit()) == "School('mit', label='MIT')"
    assert repr(schools.generic()) == "School('generic', label='Generic school (regulation only)')"


def test_the_minimum_wage_changes_on_the_day_a_rate_takes_effect() -> None:
    school = mp.School(
        "w",
        "W",
        mp.Calendar(),
        minimum_wages=((D("2020-01-01"), 10.0), (D("2021-07-01"), 12.5)),
    )
    assert school.minimum_wage(D("2019-12-31")) is None
    assert school.minimum_wage(D("2020-01-01")) == 10.0
    assert school.minimum_wage(D("2021-06-30")) == 10.0
    assert school.minimum_wage(D("2021-07-01")) == 12.5
    assert school.minimum_wage(date.max) == 12.5
    assert mp.School("n", "N", mp.Calendar()).minimum_wage(D("2021-07-01")) is None


def test_a_schools_own_source_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "own.toml"
    path.write_text(
        'key = "own"\nlabel = "Own"\n[practices]\n'
        'cpt_processing = { days = 9, source = "Own ISO" }\n',
        encoding="utf-8",
    )
    school = mp.School.from_toml(path)
    own = school.source("own:practices.cpt_processing")
    assert own.citation == "Own ISO"
    assert own in school.sources
    assert school.source("cpt-processing") is SOURCES["cpt-processing"]
    with pytest.raises(KeyError):
        school.source("no-such-source")


def test_the_term_of_a_year_is_on_the_schools_calendar() -> None:
    term = schools.mit().term_of(2027)
    assert term.start == D("2027-01-04")
    assert schools.mit().term_of(2028).start.year == 2028


# -- the school loader -----------------------------------------------------------------

HEAD = 'key = "x"\nlabel = "X"\n'

ERRORS = [  # (the file after its key and label, the message after "uni.toml: ")
    (
        'key = "x"',
        "label must be a non-empty string (required), got None",
    ),
    (
        'label = "X"',
        "key must be a non-empty string (required), got None",
    ),
    (
        'key = " "\nlabel = "X"',
        "key must be a non-empty string, got ' '",
    ),
    (
        'key = "x"\nlabel = ""',
        "label must be a non-empty string, got ''",
    ),
    (
        'key = "Bad"\nlabel = "X"',
        "key must be lower-case letters, digits, '-' or '_' (at most 40), got 'Bad'",
    ),
    (
        'key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\nlabel = "X"',
        "key must be lower-case letters, digits, '-' or '_' (at most 40), got "
        "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
    ),
    (
        'key = "-a"\nlabel = "X"',
        "key must be lower-case letters, digits, '-' or '_' (at most 40), got '-a'",
    ),
    (
        '[calendar]\nbase = "moon"',
        "calendar.base must be one of 'federal', 'massachusetts', 'mit', 'none', got 'moon'",
    ),
    (
        "[calendar]\nbase = 3",
        "calendar.base must be a non-empty string, got 3",
    ),
    (
        '[calendar]\nbas = "federal"',
        "calendar.bas must be one of the keys base, weekmask, closed, winter_break, "
        "closures (did you mean 'base'?), got 'bas'",
    ),
    (
        "calendar = 3",
        "calendar must be a table, got 3",
    ),
    (
        '[calendar]\nclosed = { "x" = "y" }',
        "calendar.closed.x must be a date (2027-01-04 or \"2027-01-04\"), got 'x'",
    ),
    (
        '[calendar]\nclosed = { "2027-01-04" = "" }',
        "calendar.closed.2027-01-04 must be a non-empty string, got ''",
    ),
    (
        "[calendar]\nclosures = 5",
        "calendar.closures must be an array of tables [[calendar.closures]], got 5",
    ),
    (
        '[[calendar.closures]]\nfirst = "2027-01-02"\nlast = "2027-01-01"',
        "calendar.closures[0].last must be a date from 2027-01-02 to a year after it, "
        "got '2027-01-01'",
    ),
    (
        '[[calendar.closures]]\nfirst = "2027-01-01"\nlast = "2027-01-02"\nname = ""',
        "calendar.closures[0].name must be a non-empty string, got ''",
    ),
    (
        "[calendar]\nclosures = [3]",
        "calendar.closures[0] must be a table, got 3",
    ),
    (
        '[calendar]\nweekmask = "0000000"',
        "calendar.weekmask must be seven 0/1 characters starting on Monday ('1111100'), "
        "day names ('Mon Tue Wed Thu Fri') or seven flags, with at least one working "
        "day, got '0000000'",
    ),
    (
        "[calendar]\nweekmask = 3",
        "calendar.weekmask must be seven 0/1 characters starting on Monday ('1111100'), "
        "day names ('Mon Tue Wed Thu Fri') or seven flags, with at least one working "
        "day, got 3",
    ),
    (
        "term = 3",
        "term must be a table, got 3",
    ),
    (
        '[term]\nnam = "x"',
        "term.nam must be one of the keys name, days, weekday, published (did you mean "
        "'name'?), got 'nam'",
    ),
    (
        '[term]\nname = ""',
        "term.name must be a non-empty string, got ''",
    ),
    (
        "[term]\ndays = 0",
        "term.days must be a whole number from 1 to 366, got 0",
    ),
    (
        "[term]\ndays = 367",
        "term.days must be a whole number from 1 to 366, got 367",
    ),
    (
        "[term]\ndays = true",
        "term.days must be a whole number from 1 to 366, got True",
    ),
    (
        "[term]\nweekday = -1",
        "term.weekday must be a whole number from 0 to 6, got -1",
    ),
    (
        '[term]\npublished = { "x27" = ["2027-01-11", "2027-02-05"] }',
        "term.published.x27 must be a year from 1970 to 2099 as the key, got 'x27'",
    ),
    (
        '[term]\npublished = { "1969" = ["1969-01-11", "1969-02-05"] }',
        "term.published.1969 must be a year from 1970 to 2099 as the key, got '1969'",
    ),
    (
        '[term]\npublished = { "2100" = ["2100-01-11", "2100-02-05"] }',
        "term.published.2100 must be a year from 1970 to 2099 as the key, got '2100'",
    ),
    (
        '[term]\npublished = { "2027" = ["2027-01-11"] }',
        "term.published.2027 must be [first, last]: two dates, got '[\"2027-01-11\"]'",
    ),
    (
        '[term]\npublished = { "2027" = ["2026-06-30", "2027-02-05"] }',
        "term.published.2027 must be a first day from 2026-07-01 to 2027-06-30, got '2026-06-30'",
    ),
    (
        '[term]\npublished = { "2027" = ["2027-07-01", "2027-08-05"] }',
        "term.published.2027 must be a first day from 2026-07-01 to 2027-06-30, got '2027-07-01'",
    ),
    (
        '[term]\npublished = { "2027" = ["2027-01-11", "2028-07-01"] }',
        "term.published.2027 must be a last day from 2027-01-11 to 2028-06-30, got '2028-07-01'",
    ),
    (
        '[term]\npublished = { "2027" = ["2027-01-11", "x"] }',
        "term.published.2027 must be a date (2027-01-04 or \"2027-01-04\"), got 'x'",
    ),
    (
        "recruiting = 3",
        "recruiting must be a table, got 3",
    ),
    (
        '[recruiting]\noffer = "10-10"',
        "recruiting.offer must be one of the keys applications_open, posting, "
        "interviews, offers, decision_days (did you mean 'offers'?), got 'offer'",
    ),
    (
        "[recruiting]\ndecision_days = [5]",
        "recruiting.decision_days must be [fewest, most] business days, got '[5]'",
    ),
    (
        "[recruiting]\ndecision_days = [-1, 5]",
        "recruiting.decision_days[0] must be a whole number from 0 to 60, got -1",
    ),
    (
        "[recruiting]\ndecision_days = [1, 61]",
        "recruiting.decision_days[1] must be a whole number from 1 to 60, got 61",
    ),
    (  # found by a tester: which of the two was wrong, and that the most comes second
        "[recruiting]\ndecision_days = [7, 5]",
        "recruiting.decision_days[1] must be a whole number from 7 to 60, got 5",
    ),
    (
        '[recruiting]\nposting = "02-30"',
        'recruiting.posting must be a month and day "MM-DD", such as "12-24", got \'02-30\'',
    ),
    (
        "practices = 3",
        "practices must be a table, got 3",
    ),
    (
        '[practices]\ncpt_processing = "5"',
        "practices.cpt_processing must be a whole number of calendar days, or a table such as "
        "{ days = N } or { business_days = N }, got '5'",
    ),
    (  # found by a tester: "must be a table" for a number that is not whole
        "[practices]\ncpt_processing = 5.5",
        "practices.cpt_processing must be a whole number of calendar days, or a table such as "
        "{ days = N } or { business_days = N }, got 5.5",
    ),
    (
        "[practices]\ncpt_processing = 3651",
        "practices.cpt_processing must be a whole number from 0 to 3650, got 3651",
    ),
    (
        "[practices]\ncpt_processing = {}",
        "practices.cpt_processing must be exactly one of days = N or business_days = N, got '{}'",
    ),
    (
        "[practices]\ncpt_processing = { weeks = 3 }",
        "practices.cpt_processing.weeks must be one of the keys days, business_days, "
        "source, confidence, checked, got 'weeks'",
    ),
    (
        '[practices]\ncpt_processing = { days = 3, confidence = "X" }',
        "practices.cpt_processing.confidence must be 'H', 'M' or 'L', got 'X'",
    ),
    (
        '[practices]\ncpt_processing = { days = 3, checked = "x" }',
        "practices.cpt_processing.checked must be a date (2027-01-04 or \"2027-01-04\"), got 'x'",
    ),
    (
        '[practices]\ncpt_processing = { days = 3, source = "" }',
        "practices.cpt_processing.source must be a non-empty string, got ''",
    ),
    (
        "[practices]\nat_minimum_terms = 3",
        "practices.at_minimum_terms must be a table such as { terms = N }, got 3",
    ),
    (
        "[practices]\nat_minimum_terms = { terms = 2, x = 1 }",
        "practices.at_minimum_terms.x must be one of the keys terms, source, confidence, "
        "checked, got 'x'",
    ),
    (
        "[practices]\nat_minimum_terms = { }",
        "practices.at_minimum_terms.terms must be a whole number from 0 to 20, got None",
    ),
    (
        "[practices]\nat_minimum_terms = { terms = 21 }",
        "practices.at_minimum_terms.terms must be a whole number from 0 to 20, got 21",
    ),
    (
        "wage = 3",
        "wage must be a table, got 3",
    ),
    (
        "[wage]\nminimum = 3",
        "wage.minimum must be a table, got 3",
    ),
    (
        '[wage]\nminimum = { "x" = 3 }',
        "wage.minimum.x must be a date (2027-01-04 or \"2027-01-04\"), got 'x'",
    ),
    (
        '[wage]\nminimum = { "2025-01-01" = -1 }',
        "wage.minimum.2025-01-01 must be dollars an hour, a number from 0 to 1000, got -1",
    ),
    (
        '[wage]\nminimum = { "2025-01-01" = 1000.5 }',
        "wage.minimum.2025-01-01 must be dollars an hour, a number from 0 to 1000, got 1000.5",
    ),
    (
        "[practices]\ncpt_processing = { days = 3, checked = 2026-01-02T10:00:00 }",
        'practices.cpt_processing.checked must be a date (2027-01-04 or "2027-01-04"), '
        "got '2026-01-02T10:00:00'",
    ),
    (
        "[practices]\ncpt_processing = { business_days = 3651 }",
        "practices.cpt_processing.business_days must be a whole number from 0 to 3650, got 3651",
    ),
    (
        "[recruiting]\ndecision_days = [61, 61]",
        "recruiting.decision_days[0] must be a whole number from 0 to 60, got 61",
    ),
    (
        '[wage]\nminimum = { "2025-01-01" = true }',
        "wage.minimum.2025-01-01 must be dollars an hour, a number from 0 to 1000, got True",
    ),
    (
        '[wage]\nminimum = { "2025-01-01" = 16 }\nconfidence = "Q"',
        "wage.confidence must be 'H', 'M' or 'L', got 'Q'",
    ),
    (
        "[wage]\nminimm = 3",
        "wage.minimm must be one of the keys minimum, source, confidence, checked (did "
        "you mean 'minimum'?), got 'minimm'",
    ),
    (
        '[calendar.winter_break]\nfirst = "02-30"\nlast = "01-02"',
        'calendar.winter_break.first must be a month and day "MM-DD", such as "12-24", '
        "got '02-30'",
    ),
]


MORE_ERRORS = [
    (
        "[recruiting]\ndecision_days = [1970-01-01]",
        "recruiting.decision_days must be [fewest, most] business days, got '[\"1970-01-01\"]'",
    ),
    (
        '[recruiting]\ndecision_days = ["\u00e9"]',
        "recruiting.decision_days must be [fewest, most] business days, got '[\"\u00e9\"]'",
    ),
    ("[term]\npublished = 3", "term.published must be a table, got 3"),
    (
        '[[calendar.closures]]\nlast = "2027-01-01"',
        'calendar.closures[0].first must be a date (2027-01-04 or "2027-01-04"), got None',
    ),
    (
        '[term]\npublished = { "2027" = ["x", "2027-02-05"] }',
        "term.published.2027 must be a date (2027-01-04 or \"2027-01-04\"), got 'x'",
    ),
]
"""Errors that show what the file wrote: a date in an array as ISO text, other letters as
they are (not escaped)."""


def _load(tmp_path: Path, text: str) -> mp.School:
    path = tmp_path / "uni.toml"
    path.write_text(text if text.startswith(("key", "label")) else HEAD + text, encoding="utf-8")
    return mp.School.from_toml(path)


@pytest.mark.parametrize(("text", "message"), ERRORS + MORE_ERRORS)
def test_every_error_names_the_file_key_expectation_and_value(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(mp.SchoolFileError) as caught:
        _load(tmp_path, text)
    assert str(caught.value) == f"uni.toml: {message}"


@pytest.mark.parametrize(
    "text",
    [
        '[[calendar.closures]]\nfirst = "2027-01-01"\nlast = "2028-01-02"',  # 366 days on
        '[[calendar.closures]]\nfirst = "2027-01-04"\nlast = "2027-01-04"',
        "[term]\ndays = 1\nweekday = 0",
        "[term]\ndays = 366\nweekday = 6",
        '[term]\npublished = { "1970" = ["1969-07-01", "1970-06-30"] }',
        '[term]\npublished = { "2099" = ["2099-06-30", "2100-06-30"] }',
        '[term]\npublished = { "2027" = ["2027-01-11", "2027-01-11"] }',
        "[recruiting]\ndecision_days = [0, 60]",
        "[recruiting]\ndecision_days = [5, 5]",
        "[practices]\ncpt_processing = 0\nopt_processing = 3650",
        "[practices]\ncpt_processing = { days = 0 }\nopt_processing = { business_days = 3650 }",
        "[practices]\nat_minimum_terms = { terms = 0 }\ncpt_minimum_terms = { terms = 20 }",
        '[practices]\nat_minimum_terms = { terms = 2, confidence = "H", checked = 2026-01-01 }',
        '[wage]\nminimum = { "2025-01-01" = 0, "2026-01-01" = 1000, "2027-01-01" = 16.5 }',
        '[practices]\ncpt_processing = { days = 3, confidence = "L" }',
        '[practices]\ncpt_processing = { days = 3, confidence = "H" }',
    ],
)
def test_the_limits_are_inclusive(tmp_path: Path, text: str) -> None:
    assert _load(tmp_path, text).key == "x"


def test_a_winter_break_is_named_and_reaches_both_ends_of_the_span(tmp_path: Path) -> None:
    school = _load(
        tmp_path,
        '[calendar.winter_break]\nfirst = "12-31"\nlast = "01-01"\nname = "Shutdown"',
    )
    cal = school.calendar
    assert cal.covers == (D("1970-01-01"), D("2100-12-31"))
    assert cal.why_closed("1970-01-01") == "Shutdown"  # the break's name replaces the holiday's
    assert cal.why_closed("1970-12-31") == "Shutdown"
    assert cal.why_closed("2099-12-31") == "Shutdown"
    assert cal.why_closed("2100-12-31") == "Shutdown"
    assert cal.why_closed("2100-12-30") is None  # a Thursday


def test_a_break_from_the_previous_year_reaches_the_first_january(tmp_path: Path) -> None:
    cal = _load(tmp_path, '[calendar.winter_break]\nfirst = "12-19"\nlast = "01-02"').calendar
    assert cal.why_closed("1970-01-02") == "winter break"  # the break that began in 1969
    assert cal.why_closed("1970-12-21") == "winter break"
    assert cal.why_closed("2099-12-21") == "winter break"
    assert cal.why_closed("2100-12-20") == "winter break"


def test_a_one_day_break_is_one_day(tmp_path: Path) -> None:
    cal = _load(tmp_path, '[calendar.winter_break]\nfirst = "12-23"\nlast = "12-23"').calendar
    assert cal.why_closed("2026-12-23") == "winter break"
    assert cal.why_closed("2026-12-22") is None
    assert cal.why_closed("2026-12-24") is None
    assert cal.why_closed("2027-06-23") is None


def test_a_break_from_february_29_is_there_in_leap_years_only(tmp_path: Path) -> None:
    cal = _load(tmp_path, '[calendar.winter_break]\nfirst = "02-29"\nlast = "03-01"').calendar
    assert cal.why_closed("1972-02-29") == "winter break"
    assert cal.why_closed("2028-02-29") == "winter break"
    assert cal.why_closed("2028-03-01") == "winter break"
    assert cal.why_closed("2027-03-01") is None  # 2027 has no February 29: no break


def test_winter_break_errors_name_their_key(tmp_path: Path) -> None:
    at = "uni.toml: calendar.winter_break"
    cases = {
        "[calendar]\nwinter_break = 3": f"{at} must be a table, got 3",
        '[calendar.winter_break]\nfirst = "12-19"\nlast = "1-02"': (
            f'{at}.last must be a month and day "MM-DD", such as "12-24", got \'1-02\''
        ),
        '[calendar.winter_break]\nfirst = "12-19"\nlast = "01-02"\nname = 5': (
            f"{at}.name must be a non-empty string, got 5"
        ),
        '[calendar.winter_break]\nfirst = "12-19"\nlast = "01-02"\nnam = "x"': (
            f"{at}.nam must be one of the keys first, last, name (did you mean 'name'?), got 'nam'"
        ),
    }
    for text, message in cases.items():
        with pytest.raises(mp.SchoolFileError) as caught:
            _load(tmp_path, text)
        assert str(caught.value) == message


SOURCED = """\
key = "x"
label = "X U"
[practices]
cpt_processing = 5
opt_processing = { business_days = 7, confidence = "L", checked = 2026-01-02 }
filing_window = { days = 30, confidence = "H", source = "X page" }
at_minimum_terms = { terms = 2 }
[wage]
minimum = { "2026-01-01" = 17, "2025-01-01" = 16 }
"""


def test_each_practice_cites_its_source(tmp_path: Path) -> None:
    path = tmp_path / "uni.toml"
    path.write_text(SOURCED, encoding="utf-8")
    noon = datetime(2026, 5, 6, 12).timestamp()
    os.utime(path, (noon, noon))
    school = mp.School.from_toml(path)
    file_date = D("2026-05-06")  # the file's last change: the default "checked"

    def source(at: str, fact: str, citation: str, confidence: str, checked: date) -> Source:
        return Source(f"x:{at}", fact, citation, confidence, checked, kind="practice")  # type: ignore[arg-type]

    cited = "X U: school file uni.toml"
    assert school.sources == (
        source("practices.cpt_processing", "X U: cpt_processing is 5 days", cited, "M", file_date),
        source(
            "practices.opt_processing",
            "X U: opt_processing is 7 business days",
            cited,
            "L",
            D("2026-01-02"),
        ),
        source(
            "practices.filing_window",
            "X U accepts requests no earlier than 30 days before the start",
            "X page",
            "H",
            file_date,
        ),
        source(
            "practices.at_minimum_terms",
            "AT at X U: 2 completed terms first",
            cited,
            "M",
            file_date,
        ),
        source("wage", "X U: minimum wage table", cited, "M", file_date),
    )
    assert school.leads == (
        LeadPractice(Authorization.CPT, Role.PROCESSING, mp.days(5), "x:practices.cpt_processing"),
        LeadPractice(
            Authorization.OPT, Role.PROCESSING, mp.business_days(7), "x:practices.opt_processing"
        ),
    )
    assert school.filing_window == FilingWindow(
        "start", mp.days(30), None, "x:practices.filing_window", "practice"
    )
    assert school.eligibility == (
        (Authorization.AT, MinimumTerms(2, "x:practices.at_minimum_terms", "practice")),
    )
    assert school.minimum_wages == ((D("2025-01-01"), 16.0), (D("2026-01-01"), 17.0))
    assert school.wage_source == "x:wage"


def test_a_practice_without_a_source_cites_the_file(tmp_path: Path) -> None:
    path = tmp_path / "uni.toml"
    path.write_text('key = "x"\nlabel = "X U"\n[practices]\nfiling_window = 30\n', encoding="utf-8")
    (source,) = mp.School.from_toml(path).sources
    assert source.key == "x:practices.filing_window"
    assert source.citation == "X U: school file uni.toml"
    assert source.fact == "X U accepts requests no earlier than 30 days before the start"


def test_what_a_school_file_leaves_out(tmp_path: Path) -> None:
    school = _load(tmp_path, "")
    assert school.term == TermRule("January term", (), 26, 0, source="iap-dates")
    assert school.recruiting == RecruitingCalendar()
    assert school.recruiting.source == "capd-calendar"
    assert school.filing_window is None
    assert school.leads == ()
    assert school.eligibility == ()
    assert school.minimum_wages == ((D("2009-07-24"), 7.25),)
    # no [wage]: the federal minimum
    assert school.wage_source == "federal-wage"
    assert school.sources == ()


def test_a_term_as_the_file_gives_it(tmp_path: Path) -> None:
    school = _load(
        tmp_path,
        '[term]\nname = "Winter session"\ndays = 30\nweekday = 2\n'
        '[term.published]\n"2027" = ["2027-01-06", "2027-02-04"]\n'
        '"2028" = ["2028-01-05", "2028-02-03"]',
    )
    assert school.term == TermRule(
        "Winter session",
        ((2027, D("2027-01-06"), D("2027-02-04")), (2028, D("2028-01-05"), D("2028-02-03"))),
        30,
        2,
        source="iap-dates",
    )


MAX_BYTES = 1 << 20  # a school file is at most 1 MiB


def test_a_file_of_exactly_the_largest_size_loads_and_one_byte_more_does_not(
    tmp_path: Path,
) -> None:
    head, tail = 'key = "x"\n', 'label = "X"'  # the last byte closes the label
    text = head + "#" + "a" * (MAX_BYTES - len(head) - len(tail) - 2) + "\n" + tail
    path = tmp_path / "big.toml"
    path.write_bytes(text.encode())
    assert path.stat().st_size == MAX_BYTES
    assert mp.School.from_toml(path).label == "X"
    path.write_bytes(text.encode() + b"\n")
    with pytest.raises(mp.SchoolFileError) as caught:
        mp.School.from_toml(path)
    assert str(caught.value) == (
        "big.toml: (file) must be a file of at most 1048576 bytes, got 'a larger file'"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"key = '\xff'", "(file) must be UTF-8 text, got 'bytes that are not UTF-8'"),
        (b"key = ", "(file) must be valid TOML, got 'Invalid value (at end of document)'"),
    ],
)
def test_a_file_that_is_not_toml_says_why(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "uni.toml"
    path.write_bytes(content)
    with pytest.raises(mp.SchoolFileError) as caught:
        mp.School.from_toml(path)
    assert str(caught.value) == f"uni.toml: {message}"


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    expected = "(file) must be a readable TOML file, got"
    for path, shown in [
        (tmp_path / "missing.toml", "missing.toml"),
        (Path("/"), "/"),  # no file name: the path itself
    ]:
        with pytest.raises(mp.SchoolFileError) as caught:
            mp.School.from_toml(path)
        reason = "No such file or directory" if path.name else "Is a directory"
        assert str(caught.value) == f"{shown}: {expected} {reason!r}"
    with pytest.raises(mp.SchoolFileError) as caught:
        mp.School.from_toml(5)  # type: ignore[arg-type]
    assert str(caught.value) == "path must be a path to a TOML file (str or os.PathLike), got 5"


def test_a_calendar_as_the_file_gives_it(tmp_path: Path) -> None:
    default = _load(tmp_path, "").calendar
    assert default.name == "x"
    assert default.covers == (D("1970-01-01"), D("2100-12-31"))
    assert default.why_closed("2026-11-26") == "Thanksgiving Day"  # the federal base
    assert default.why_closed("1970-01-01") == "New Year's Day"
    assert default.why_closed("2100-12-23") is None  # a Thursday: no holiday
    none = _load(tmp_path, '[calendar]\nbase = "none"\nclosed = { "2026-11-27" = "Friday off" }')
    assert none.calendar.covers == (D("1970-01-01"), D("2100-12-31"))
    assert none.calendar.is_business_day("2026-11-26")
    assert none.calendar.why_closed("2026-11-27") == "Friday off"
    closure = _load(
        tmp_path,
        '[[calendar.closures]]\nfirst = "2027-03-22"\nlast = "2027-03-24"\nname = "Spring"',
    ).calendar
    assert [d.date for d in closure.closed_days("2027-03-19", "2027-03-26")] == [
        D("2027-03-20"),
        D("2027-03-21"),
        D("2027-03-22"),
        D("2027-03-23"),
        D("2027-03-24"),
    ]
    assert closure.why_closed("2027-03-22") == "Spring"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[calendar.closures]]\nfirst = "2027-01-01"\nlast = "2028-01-03"',
            "calendar.closures[0].last must be a date from 2027-01-01 to a year after it, "
            "got '2028-01-03'",
        ),
        (
            '[[calendar.closures]]\nfirst = "1969-12-31"\nlast = "1970-01-01"',
            "calendar.closures[0].first must be a date from 1970-01-01 to 2100-12-31 "
            "(the calendar's span), got '1969-12-31'",
        ),
        (
            '[[calendar.closures]]\nfirst = "2100-12-31"\nlast = "2101-01-01"',
            "calendar.closures[0].last must be a date from 1970-01-01 to 2100-12-31 "
            "(the calendar's span), got '2101-01-01'",
        ),
        (
            '[calendar]\nclosed = { "2101-01-01" = "x" }',
            "calendar.closed.2101-01-01 must be a date from 1970-01-01 to 2100-12-31 "
            "(the calendar's span), got '2101-01-01'",
        ),
    ],
)
def test_closed_days_stay_in_the_span(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(mp.SchoolFileError) as caught:
        _load(tmp_path, text)
    assert str(caught.value) == f"uni.toml: {message}"
    ends = '[calendar]\nclosed = { "1970-01-01" = "first", "2100-12-31" = "last" }\n'
    ends += '[[calendar.closures]]\nfirst = "1970-01-01"\nlast = "1970-01-02"\n'
    ends += '[[calendar.closures]]\nfirst = "2100-12-30"\nlast = "2100-12-31"'
    assert _load(tmp_path, ends).calendar.why_closed("2100-12-31") == "closed"
