"""Schools as values: the built-in ones, and a school loaded from a TOML file.

A school file changes the CPT processing, the office calendar, the winter break and AT
eligibility without code; choosing a school never moves USCIS; every error in a file
names the file, the key, what was expected and what came.
"""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

import micropath as mp
from micropath import SchoolFileError

D = date.fromisoformat

EXAMPLE = """\
key = "example"
label = "Example University"

[calendar]
base = "federal"
closed = { "2026-11-27" = "Day after Thanksgiving" }

[calendar.winter_break]
first = "12-19"
last = "01-02"

[term]
name = "Winter term"
days = 26
published = { "2027" = ["2027-01-11", "2027-02-05"] }

[recruiting]
offers = "10-15"

[practices]
cpt_processing = { business_days = 15, source = "Example ISO, CPT page (2026)" }
at_minimum_terms = { terms = 3, source = "Example ISO, AT page" }
filing_window = { days = 90 }

[wage]
minimum = { "2025-01-01" = 16.5 }
source = "Example state wage law"
"""


@pytest.fixture
def example(tmp_path: Path) -> mp.School:
    path = tmp_path / "example.toml"
    path.write_text(EXAMPLE, encoding="utf-8")
    return mp.School.from_toml(path)


def test_builtin_mit_reproduces_the_default_figures() -> None:
    for kind, offer, filing in [
        ("CPT", "2026-11-20", "2026-12-10"),
        ("AT", "2026-11-20", "2026-12-10"),
    ]:
        p = mp.plan(kind, "2027-01-04", school=mp.schools.mit())
        assert (p.latest_offer, p.latest_filing) == (D(offer), D(filing))
        assert p == mp.plan(kind, "2027-01-04")


def test_generic_school_has_no_winter_break_and_no_practices() -> None:
    school = mp.schools.generic()
    assert school.calendar.is_business_day("2026-12-28")
    assert school.leads == ()
    assert school.eligibility == ()
    assert school.filing_window is None
    # No winter break: the filing is 10 federal business days before the start.
    p = mp.plan("CPT", "2027-01-04", school="generic")
    assert p.latest_filing == mp.calendars.federal().add_business_days(D("2027-01-04"), -10)


def test_at_eligibility_is_mit_practice_not_regulation() -> None:
    mit = mp.plan("AT", "2027-01-04", terms_completed=1, school=mp.schools.mit())
    assert not mit.feasible
    (reason,) = mit.reasons
    assert reason.code == "not-eligible-terms"
    assert reason.source is not None
    assert reason.source.kind == "practice"
    assert "22 CFR" not in reason.source.citation
    assert "MIT's practice" in str(reason)
    generic = mp.plan("AT", "2027-01-04", terms_completed=1, school=mp.schools.generic())
    assert generic.feasible


def test_a_school_file_changes_processing_calendar_break_and_eligibility(
    example: mp.School,
) -> None:
    assert example.label == "Example University"
    # The winter break of the file, not MIT's: Dec 19 - Jan 2.
    assert example.calendar.why_closed("2026-12-21") == "winter break"
    assert example.calendar.why_closed("2027-01-02") == "winter break"
    assert example.calendar.is_business_day("2026-12-18")
    assert example.calendar.why_closed("2026-11-27") == "Day after Thanksgiving"
    cpt = mp.plan("CPT", "2027-01-11", school=example)
    # 15 business days of the school before Jan 11: Jan 4-8 (5), Dec 7-18 (10).
    assert cpt.latest_filing == D("2026-12-07")
    assert cpt.milestone("filing").source is not None
    assert cpt.milestone("filing").source.citation == "Example ISO, CPT page (2026)"
    assert cpt.milestone("filing").source.kind == "practice"
    # AT needs three terms at this school (practice), and two are not enough.
    at = mp.plan("AT", "2027-01-11", school=example, terms_completed=2)
    assert [r.code for r in at.reasons] == ["not-eligible-terms"]
    assert mp.plan("AT", "2027-01-11", school=example, terms_completed=3).feasible
    # The filing-window practice applies.
    opt = mp.plan("OPT", "2027-01-11", school=example)
    assert opt.earliest_filing == D("2026-10-13")
    assert not opt.feasible


def test_a_school_never_moves_uscis(example: mp.School) -> None:
    p = mp.plan("OPT", "2027-01-11", school=example)
    calendars = {m.name: m.calendar for m in p.milestones if m.calendar is not None}
    assert calendars["filing"] is mp.calendars.federal()
    assert calendars["offer"] == example.calendar


def test_the_term_and_recruiting_cycle_come_from_the_school(example: mp.School) -> None:
    assert example.term_of(2027) == mp.Term(
        D("2027-01-11"), D("2027-02-05"), name="Winter term 2027"
    )
    estimated = example.term_of(2028)
    assert estimated.estimated
    assert estimated.name == "Winter term 2028"
    assert (estimated.end - estimated.start).days == 25
    cycle = mp.recruiting_cycle(2027, school=example)
    assert cycle.offers == D("2026-10-15")
    assert cycle.term.start == D("2027-01-11")
    report = mp.check_cycle(cycle, ["CPT"])
    assert report.rows[0].plan is not None
    assert report.rows[0].plan.school is example


def test_wage_rule(example: mp.School) -> None:
    assert example.minimum_wage(D("2025-06-01")) == 16.5
    assert example.minimum_wage(D("2024-12-31")) is None
    assert mp.schools.generic().minimum_wage(D("2026-01-01")) == 7.25


def test_schools_are_hashable_and_pickle(example: mp.School) -> None:
    assert pickle.loads(pickle.dumps(example)) == example
    assert hash(example) == hash(pickle.loads(pickle.dumps(example)))


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('label = "x"', "key", "required"),
        ('key = "x"\nlabel = "X"\nlabell = 1', "labell", "did you mean 'label'?"),
        ('key = "Bad Key"\nlabel = "X"', "key", "lower-case"),
        ('key = "x"\nlabel = "X"\n[calendar]\nbase = "moon"', "calendar.base", "'federal'"),
        (
            'key = "x"\nlabel = "X"\n[calendar]\nweekmask = "0000000"',
            "calendar.weekmask",
            "working",
        ),
        (
            'key = "x"\nlabel = "X"\n[calendar.winter_break]\nfirst = "13-01"\nlast = "01-01"',
            "calendar.winter_break.first",
            "MM-DD",
        ),
        (
            'key = "x"\nlabel = "X"\n[practices]\ncpt_procesing = 5',
            "practices.cpt_procesing",
            "did you mean 'cpt_processing'?",
        ),
        (
            'key = "x"\nlabel = "X"\n[practices]\ncpt_processing = { days = 5, business_days = 5 }',
            "practices.cpt_processing",
            "exactly one of",
        ),
        (
            'key = "x"\nlabel = "X"\n[practices]\ncpt_processing = -1',
            "practices.cpt_processing",
            "from 0 to 3650",
        ),
        ('key = "x"\nlabel = "X"\n[term]\ndays = "26"', "term.days", "whole number"),
        (
            'key = "x"\nlabel = "X"\n[term]\npublished = { "2027" = ["2027-02-05", "2027-01-11"] }',
            "term.published.2027",
            "a last day from 2027-02-05",
        ),
        (
            'key = "x"\nlabel = "X"\n[wage]\nminimum = { "2025-01-01" = "16" }',
            "wage.minimum",
            "dollars",
        ),
        ("key = ", "(file)", "valid TOML"),
    ],
)
def test_errors_name_the_file_and_key(tmp_path: Path, text: str, key: str, expected: str) -> None:
    path = tmp_path / "uni.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchoolFileError) as caught:
        mp.School.from_toml(path)
    assert caught.value.parameter.startswith(f"uni.toml: {key}")
    assert expected in caught.value.expected
    assert isinstance(caught.value, ValueError)


def test_a_missing_or_unreadable_file_is_a_school_file_error(tmp_path: Path) -> None:
    with pytest.raises(SchoolFileError, match="a readable TOML file") as caught:
        mp.School.from_toml(tmp_path / "missing.toml")
    assert caught.value.parameter == "missing.toml: (file)"
    with pytest.raises(SchoolFileError, match="a readable TOML file"):
        mp.School.from_toml(tmp_path)  # a directory
    (tmp_path / "bytes.toml").write_bytes(b"key = '\xff'")
    with pytest.raises(SchoolFileError, match="UTF-8"):
        mp.School.from_toml(tmp_path / "bytes.toml")


def test_school_option_errors() -> None:
    with pytest.raises(mp.UnknownNameError, match="school must be a micropath School, or 'mit'"):
        mp.plan("CPT", "2027-01-04", school="harvard")
    with pytest.raises(mp.InvalidTypeError, match="school must be"):
        mp.plan("CPT", "2027-01-04", school=5)  # type: ignore[arg-type]


FULL = """\
key = "full"
label = "Full College"

[calendar]
base = "none"
weekmask = "Mon Tue Wed Thu"

[[calendar.closures]]
first = "2027-03-22"
last = "2027-03-26"
name = "spring break"

[[calendar.closures]]
first = "2026-12-24"
last = "2026-12-24"

[recruiting]
applications_open = "09-01"
posting = "09-02"
interviews = "10-01"
offers = "10-10"
decision_days = [3, 5]

[practices]
at_processing = 21
filing_window = { business_days = 60 }

[practices.opt_recommendation]
days = 14
source = "Full College ISO"
confidence = "H"
checked = 2026-11-01
"""


def test_every_part_of_a_school_file(tmp_path: Path) -> None:
    path = tmp_path / "full.toml"
    path.write_text(FULL, encoding="utf-8")
    school = mp.School.from_toml(path)
    cal = school.calendar
    assert cal.weekmask == "1111000"
    assert cal.why_closed("2027-03-24") == "spring break"
    assert cal.why_closed("2026-12-24") == "closed"
    assert cal.is_business_day("2026-11-26")  # base "none": Thanksgiving is a workday
    assert school.recruiting.offers == (10, 10)
    assert school.recruiting.decision_days == (3, 5)
    cycle = mp.recruiting_cycle(2027, school=school)
    assert cycle.offers == D("2026-10-10")
    assert cycle.decision_days == (3, 5)
    opt = mp.plan("OPT", "2027-06-01", school=school)
    source = opt.milestone("school_request").source
    assert source is not None
    assert (source.citation, source.confidence, source.checked) == (
        "Full College ISO",
        "H",
        D("2026-11-01"),
    )
    # The filing window practice counts business days of the filing's actor: USCIS.
    federal = mp.calendars.federal()
    assert opt.earliest_filing == federal.add_business_days(D("2027-06-01"), -60)
    at = mp.plan("AT", "2027-06-01", school=school)
    assert at.latest_filing == D("2027-05-11")  # 21 calendar days
    assert school.minimum_wages == ((D("2009-07-24"), 7.25),)  # no [wage]: federal


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("[calendar]\nclosures = 5", "calendar.closures", "an array of tables"),
        (
            '[[calendar.closures]]\nfirst = "2027-01-01"\nlast = "2028-06-01"',
            "calendar.closures[0].last",
            "a year after it",
        ),
        ('[[calendar.closures]]\nfirst = "2027-01-01"', "calendar.closures[0].last", "a date"),
        ('[[calendar.closures]]\nfrom = "2027-01-01"', "calendar.closures[0].from", "one of"),
        ('[calendar]\nclosed = { "2027-02-30" = "x" }', "calendar.closed.2027-02-30", "a date"),
        ("[calendar]\nclosed = 3", "calendar.closed", "a table"),
        # The calendar's span is 1970-2100: a day outside it would never be asked about.
        ('[calendar]\nclosed = { "1969-12-31" = "x" }', "calendar.closed.1969-12-31", "span"),
        ('[calendar]\nclosed = { "2101-01-01" = "x" }', "calendar.closed.2101-01-01", "span"),
        (
            '[[calendar.closures]]\nfirst = "1969-12-01"\nlast = "1970-01-02"',
            "calendar.closures[0].first",
            "span",
        ),
        (
            '[[calendar.closures]]\nfirst = "2100-12-20"\nlast = "2101-01-02"',
            "calendar.closures[0].last",
            "span",
        ),
        ("[recruiting]\ndecision_days = [7, 5]", "recruiting.decision_days[1]", "from 7 to 60"),
        ("[recruiting]\ndecision_days = 7", "recruiting.decision_days", "[fewest, most]"),
        ("[recruiting]\noffers = 1025", "recruiting.offers", "MM-DD"),
        (
            '[term]\npublished = { "1900" = ["1900-01-08", "1900-02-02"] }',
            "term.published.1900",
            "1970",
        ),
        (
            '[term]\npublished = { "2027" = ["2026-01-01", "2026-01-20"] }',
            "term.published.2027",
            "first day",
        ),
        ('[term]\npublished = { "2027" = "2027-01-11" }', "term.published.2027", "two dates"),
        ("[term]\nweekday = 7", "term.weekday", "from 0 to 6"),
        (
            "[practices]\nat_minimum_terms = { terms = 30 }",
            "practices.at_minimum_terms.terms",
            "0 to 20",
        ),
        (
            '[practices]\nfiling_window = { days = 90, confidence = "X" }',
            "practices.filing_window.confidence",
            "'H'",
        ),
        (
            "[practices]\nfiling_window = { days = true }",
            "practices.filing_window.days",
            "whole number",
        ),
        ('[wage]\nminimum = { "2025-01-01" = 2000 }', "wage.minimum.2025-01-01", "1000"),
        ('key = 5\nlabel = "X"', "key", "non-empty string"),
    ],
)
def test_more_errors_name_the_key(tmp_path: Path, text: str, key: str, expected: str) -> None:
    path = tmp_path / "uni.toml"
    head = "" if text.startswith("key") else 'key = "x"\nlabel = "X"\n'
    path.write_text(head + text, encoding="utf-8")
    with pytest.raises(SchoolFileError) as caught:
        mp.School.from_toml(path)
    assert caught.value.parameter == f"uni.toml: {key}"
    assert expected in caught.value.expected


def test_a_path_that_is_not_a_path() -> None:
    with pytest.raises(SchoolFileError, match="path must be a path"):
        mp.School.from_toml(5)  # type: ignore[arg-type]


def test_errors_show_dates_and_arrays_as_the_file_wrote_them(tmp_path: Path) -> None:
    """Found by a tester: Python's reprs (datetime.date(...), builtins.list) leaked."""
    path = tmp_path / "uni.toml"
    path.write_text(
        'key = "uni"\nlabel = "Uni"\n[calendar]\nclosed = { "2101-01-05" = "x" }\n',
        encoding="utf-8",
    )
    with pytest.raises(mp.SchoolFileError) as info:
        mp.School.from_toml(path)
    assert "got '2101-01-05'" in str(info.value)
    assert "datetime" not in str(info.value)
    path.write_text(
        'key = "uni"\nlabel = "Uni"\n[term]\npublished = { "2027" = ["2027-01-11"] }\n',
        encoding="utf-8",
    )
    with pytest.raises(mp.SchoolFileError) as info:
        mp.School.from_toml(path)
    assert """got '["2027-01-11"]'""" in str(info.value)
    assert "builtins" not in str(info.value)
