"""The iCalendar view: the file is parsed back with icalendar and compared with
the plans it came from.

Laws checked:
- every milestone of every plan is one all-day event on the milestone's date;
- UIDs are the same on every export and unique within a file, also in a file
  that combines several students' plans; a student label is part of every
  title and UID, so two students' files share no UID; without a label the
  UIDs are those of earlier versions;
- no title says the same thing twice;
- DTSTAMP is the export time, or the ``stamp`` given (then the bytes are
  reproducible);
- each milestone event carries one display alarm per reminder;
- descriptions give the ISO dates, the reason and the source, and the plan's
  findings as sentences (``str(finding)``): its reasons and its notices;
- text is escaped as RFC 5545 wants: a finding made by hand with markup, a
  comma, a semicolon and a line break reads back exactly;
- the internship is where the term says; check-ins are the dates of
  ``check_in_dates`` for a weekday code, or the dates given, each once;
- a missing ``icalendar`` raises MissingExtraError, which is an ImportError.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

import micropath as mp
from micropath.errors import InvalidTypeError, InvalidValueError, MissingExtraError
from micropath.findings import Finding
from micropath.internship import check_in_dates
from micropath.views.ics import milestone_title, to_ics
from micropath.views.text import milestone_reason

icalendar = pytest.importorskip("icalendar")
from icalendar import Event  # noqa: E402

START = "2027-01-04"
STAMP = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def plans() -> list[mp.Plan]:
    term = mp.iap(2027)
    return [mp.plan(kind, term) for kind in ("CPT", "OPT", "AT")]


def events(data: bytes) -> list[Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def by_uid(data: bytes) -> dict[str, Event]:
    return {str(event["uid"]): event for event in events(data)}


def test_one_all_day_event_per_milestone(plans: list[mp.Plan]) -> None:
    found = events(to_ics(plans))
    expected = [(milestone_title(p, m), m.date) for p in plans for m in p.milestones]
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in found] == expected
    for event in found:
        start = event.decoded("dtstart")
        assert type(start) is date  # a DATE value, not a DATE-TIME
        assert event["dtstart"].params.get("VALUE") == "DATE"
        assert event.decoded("dtend") == start + timedelta(days=1)


def test_summary_names_authorization_and_milestone(plans: list[mp.Plan]) -> None:
    opt = plans[1]
    filing = opt.milestone("filing")
    summaries = {str(e["summary"]): e.decoded("dtstart") for e in events(to_ics(opt))}
    summary = f"OPT: latest filing ({filing.label})"
    assert summaries[summary] == opt.latest_filing


def test_calendar_header() -> None:
    calendar = icalendar.Calendar.from_ical(to_ics(mp.plan("CPT", START)))
    assert str(calendar["version"]) == "2.0"
    assert f"micropath {mp.__version__}" in str(calendar["prodid"])


def test_uids_stable_across_exports_and_unique_within_a_file(plans: list[mp.Plan]) -> None:
    first, second = to_ics(plans, stamp=STAMP), to_ics(plans, stamp=STAMP)
    uids = [str(e["uid"]) for e in events(first)]
    assert uids == [str(e["uid"]) for e in events(second)]
    assert len(set(uids)) == len(uids) == sum(len(p.milestones) for p in plans)
    assert all(uid.endswith("@micropath") for uid in uids)
    assert first == second


def test_uids_do_not_depend_on_other_plans_in_the_file(plans: list[mp.Plan]) -> None:
    together = set(by_uid(to_ics(plans)))
    alone = set().union(*(by_uid(to_ics(p)) for p in plans))
    assert together == alone


def test_a_revised_plan_keeps_its_uids() -> None:
    """Re-exporting after changing an option updates the events instead of adding new ones."""
    before, after = mp.plan("CPT", START), mp.plan("CPT", START, processing=mp.business_days(15))
    assert before.latest_offer != after.latest_offer
    old, new = by_uid(to_ics(before)), by_uid(to_ics(after))
    assert set(old) == set(new)
    offer = next(uid for uid, e in new.items() if "latest offer" in str(e["summary"]))
    assert new[offer].decoded("dtstart") == after.latest_offer
    assert old[offer].decoded("dtstart") == before.latest_offer


def test_variants_of_one_plan_in_one_file_get_their_own_uids() -> None:
    plain, slower = mp.plan("CPT", START), mp.plan("CPT", START, processing=20)
    found = events(to_ics([plain, slower]))
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids) == len(plain.milestones) + len(slower.milestones)
    dates = [e.decoded("dtstart") for e in found]
    assert dates == [m.date for m in plain.milestones] + [m.date for m in slower.milestones]


def test_equal_plans_are_written_once() -> None:
    one = mp.plan("AT", START)
    assert to_ics([one, mp.plan("AT", START)], stamp=STAMP) == to_ics(one, stamp=STAMP)


@pytest.mark.parametrize("reminders", [(7, 1), (3,), (14, 7, 0), ()])
def test_alarms(reminders: tuple[int, ...]) -> None:
    p = mp.plan("OPT", START)
    found = events(to_ics(p, reminders=reminders))
    assert len(found) == len(p.milestones)
    for event in found:
        alarms = list(event.walk("VALARM"))
        assert [a.decoded("trigger") for a in alarms] == [timedelta(days=-n) for n in reminders]
        assert {str(a["action"]) for a in alarms} <= {"DISPLAY"}
        assert all(str(event["summary"]) in str(a["description"]) for a in alarms)


def test_default_alarms_are_a_week_and_a_day_before() -> None:
    data = to_ics(mp.plan("CPT", START))
    for event in events(data):
        triggers = sorted(a.decoded("trigger") for a in event.walk("VALARM"))
        assert triggers == [timedelta(days=-7), timedelta(days=-1)]
    assert b"TRIGGER:-P7D" in data
    assert b"TRIGGER:-P1D" in data


def test_description_gives_dates_reason_and_source(plans: list[mp.Plan]) -> None:
    found = iter(events(to_ics(plans)))
    for p in plans:
        for item in p.milestones:
            text = str(next(found)["description"])
            assert item.date.isoformat() in text
            assert milestone_reason(item) in text
            if item.deadline is not None:
                assert item.deadline.isoformat() in text
            if item.source is not None:
                assert item.source.citation in text
            assert p.latest_offer.isoformat() in text
            assert p.latest_filing.isoformat() in text


def test_description_of_an_infeasible_plan_says_why() -> None:
    p = mp.plan("OPT", START, terms_completed=0)
    assert p.reasons
    for event in events(to_ics(p)):
        text = str(event["description"])
        assert "Not feasible: " + "; ".join(str(r) for r in p.reasons) + "." in text
        assert "latest safe dates" not in text


@pytest.mark.parametrize(
    ("kind", "start", "options", "codes"),
    [
        ("OPT", START, {"confidence": 0.9}, ["confidence-unused"]),
        ("CPT", "2027-05-31", {}, ["start-closed"]),  # Memorial Day
        ("AT", "2027-05-31", {"confidence": 0.5}, ["start-closed", "confidence-unused"]),
        ("CPT", START, {}, []),
    ],
)
def test_description_gives_the_notices(
    kind: str, start: str, options: dict[str, object], codes: list[str]
) -> None:
    p = mp.plan(kind, start, **options)  # type: ignore[arg-type]
    assert [notice.code for notice in p.notices] == codes
    found = events(to_ics(p))
    assert len(found) == len(p.milestones)
    for event in found:
        notes = [
            line for line in str(event["description"]).splitlines() if line.startswith("Note: ")
        ]
        assert notes == [f"Note: {notice}." for notice in p.notices]


MARKUP = '<script>alert("x")</script>, a; b\\c\nd'


def test_findings_made_by_hand_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commas, semicolons, backslashes and line breaks in a finding are escaped in the
    file (RFC 5545 TEXT) and read back as they were; markup is text, as in any TEXT."""
    notice = Finding("start-closed", "notice", {"start": date(2027, 1, 4), "closed": MARKUP})
    reason = Finding("made-by-hand", "reason", {"why": MARKUP})
    monkeypatch.setattr(mp.Plan, "notices", property(lambda self: (notice,)))
    p = attrs.evolve(mp.plan("CPT", START), reasons=(reason,))
    data = to_ics(p)
    found = events(data)
    assert len(found) == len(p.milestones)  # no line break split an event
    for event in found:
        text = str(event["description"])
        assert f"Note: {notice}." in text
        assert f"Not feasible: {reason}." in text
        assert text.count(MARKUP) == 2
    unfolded = data.replace(b"\r\n ", b"")  # RFC 5545 folds long lines
    assert b"</script>\\, a\\; b\\\\c\\nd" in unfolded
    assert b"</script>, a; b" not in unfolded


def test_description_gives_the_earliest_filing_when_a_window_applies() -> None:
    p = mp.plan("OPT", START, filing_window=200)
    assert p.earliest_filing is not None
    for event in events(to_ics(p)):
        assert p.earliest_filing.isoformat() in str(event["description"])


def test_internship_spans_the_term() -> None:
    term = mp.iap(2027)
    found = events(to_ics(mp.plan("CPT", term), internship=term))
    internship = [e for e in found if term.name in str(e["summary"])]
    assert len(internship) == 1
    assert internship[0].decoded("dtstart") == term.start
    assert internship[0].decoded("dtend") == term.end + timedelta(days=1)  # exclusive end
    assert not list(internship[0].walk("VALARM"))


@pytest.mark.parametrize(("code", "weekday"), [("MO", 0), ("fr", 4), ("SU", 6)])
def test_weekly_check_ins(code: str, weekday: int) -> None:
    term = mp.Term(date(2027, 1, 4), date(2027, 2, 12), name="winter")
    found = events(to_ics(mp.plan("CPT", term), internship=term, check_ins=code))
    check_ins = [e.decoded("dtstart") for e in found if "Check-in" in str(e["summary"])]
    # Oracle: every day of the term, one by one.
    days = [term.start + timedelta(days=n) for n in range(term.days)]
    assert check_ins == [day for day in days if day.weekday() == weekday]
    assert tuple(check_ins) == check_in_dates(term, code)  # the library's dates, rendered
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids)


def test_check_ins_given_as_dates_are_rendered_in_order_each_once() -> None:
    term = mp.iap(2027)
    given: list[date | str] = ["2027-01-20", date(2027, 1, 6), date(2027, 1, 20), "2027-01-13"]
    found = events(to_ics(mp.plan("CPT", term), internship=term, check_ins=given))
    check_ins = [e for e in found if "Check-in" in str(e["summary"])]
    expected = [date(2027, 1, 6), date(2027, 1, 13), date(2027, 1, 20)]
    assert [e.decoded("dtstart") for e in check_ins] == expected
    assert [str(e["summary"]) for e in check_ins] == [
        f"Check-in {n} of 3: {term.name}" for n in (1, 2, 3)
    ]
    wednesdays = iter([*expected, date(2027, 1, 27)])  # any iterable of dates
    assert to_ics(
        mp.plan("CPT", term), internship=term, check_ins=wednesdays, stamp=STAMP
    ) == to_ics(mp.plan("CPT", term), internship=term, check_ins="WE", stamp=STAMP)
    assert not [
        e
        for e in events(to_ics(mp.plan("CPT", term), internship=term, check_ins=[]))
        if "Check-in" in str(e["summary"])
    ]


def test_default_stamp_is_the_export_time() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    data = to_ics([mp.plan("OPT", START), mp.plan("CPT", START)])
    after = datetime.now(UTC)
    stamps = {e.decoded("dtstamp") for e in events(data)}
    assert len(stamps) == 1  # one export, one time
    (stamp,) = stamps
    assert before <= stamp <= after
    assert stamp.utcoffset() == timedelta(0)
    assert f"DTSTAMP:{stamp:%Y%m%dT%H%M%S}Z\r\n".encode() in data  # stored in UTC


def test_explicit_stamp_is_stored_in_utc() -> None:
    boston = timezone(timedelta(hours=-5))
    stamp = datetime(2026, 9, 1, 9, 30, tzinfo=boston)
    found = events(to_ics(mp.plan("CPT", START), stamp=stamp))
    for event in found:
        stored = event.decoded("dtstamp")
        assert stored == stamp
        assert stored.utcoffset() == timedelta(0)


def test_plan_to_ics_delegates() -> None:
    p = mp.plan("AT", START)
    assert p.to_ics(reminders=(2,), stamp=STAMP) == to_ics(p, reminders=(2,), stamp=STAMP)
    assert p.to_ics(student="Ana", stamp=STAMP) == to_ics(p, student="Ana", stamp=STAMP)
    assert p.to_ics(student="Ana", stamp=STAMP) != to_ics(p, stamp=STAMP)


@pytest.mark.parametrize(
    ("options", "error", "parameter"),
    [
        ({"plans": []}, InvalidValueError, "plans"),
        ({"plans": "CPT"}, InvalidTypeError, "plans"),
        ({"plans": [None]}, InvalidTypeError, "plans[0]"),
        ({"reminders": 7}, InvalidTypeError, "reminders"),
        ({"reminders": (7, -1)}, InvalidValueError, "reminders[1]"),
        ({"reminders": (1.5,)}, InvalidTypeError, "reminders[0]"),
        ({"internship": "IAP 2027"}, InvalidTypeError, "internship"),
        ({"check_ins": "FR"}, InvalidValueError, "check_ins"),
        ({"check_ins": "Friday", "internship": mp.iap(2027)}, InvalidValueError, "check_ins"),
        ({"check_ins": 4, "internship": mp.iap(2027)}, InvalidTypeError, "check_ins"),
        ({"check_ins": [date(2027, 1, 8)]}, InvalidValueError, "check_ins"),
        ({"check_ins": ["2027-02-30"], "internship": mp.iap(2027)}, InvalidValueError,
         "check_ins[0]"),
        ({"check_ins": [date(2027, 1, 8), datetime(2027, 1, 15)], "internship": mp.iap(2027)},
         InvalidTypeError, "check_ins[1]"),
        ({"check_ins": [date(2027, 1, 1) + timedelta(days=n) for n in range(1001)],
          "internship": mp.iap(2027)}, InvalidValueError, "check_ins"),
        ({"check_ins": "MO", "internship": mp.Term("2000-01-03", "2020-01-03")},
         InvalidValueError, "check_ins"),
        ({"stamp": date(2026, 1, 1)}, InvalidTypeError, "stamp"),
        ({"student": 1042}, InvalidTypeError, "student"),
        ({"student": ""}, InvalidValueError, "student"),
        ({"student": "   "}, InvalidValueError, "student"),
        ({"student": "Ana\nLee"}, InvalidValueError, "student"),
        ({"student": "Ana\x00"}, InvalidValueError, "student"),
        ({"student": "x" * 201}, InvalidValueError, "student"),
        ({"student": ["Ana", "Ben"]}, InvalidValueError, "student"),
        ({"student": {"Ana"}}, InvalidTypeError, "student"),
        ({"plans": [mp.plan("AT", START)] * 2, "student": ["Ana", 7]}, InvalidTypeError,
         "student[1]"),
        ({"plans": [mp.plan("AT", START)] * 2, "student": ("Ana", " ")}, InvalidValueError,
         "student[1]"),
        ({"stamp": datetime(2026, 1, 1)}, InvalidValueError, "stamp"),
        ({"reminder": (1,)}, InvalidTypeError, "options"),
    ],
)  # fmt: skip
def test_bad_arguments_name_the_parameter(
    options: dict[str, object], error: type[Exception], parameter: str
) -> None:
    options = dict(options)
    plans = options.pop("plans", mp.plan("CPT", START))
    with pytest.raises(error) as caught:
        to_ics(plans, **options)  # type: ignore[arg-type]
    assert isinstance(caught.value, mp.MicropathError)
    assert caught.value.parameter == parameter  # type: ignore[attr-defined]


def test_missing_icalendar_raises_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(MissingExtraError) as caught:
        to_ics(mp.plan("CPT", START))
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, mp.MicropathError)
    assert "pip install 'icalendar>=5.0'" in str(caught.value)
    assert caught.value.extra == "ics"
    with pytest.raises(ImportError):
        mp.plan("CPT", START).to_ics()


# -- calendar files per student -------------------------------------------------------


def old_uid(*parts: str) -> str:
    """The UID scheme of files exported before student labels (independent of the view)."""
    namespace = uuid.uuid5(uuid.NAMESPACE_DNS, "micropath.invalid")
    return f"{uuid.uuid5(namespace, '|'.join(parts))}@micropath"


def test_without_a_student_the_uids_are_those_of_earlier_files(plans: list[mp.Plan]) -> None:
    """Files already imported keep updating in place: the unlabelled UIDs did not move."""
    found = [str(e["uid"]) for e in events(to_ics(plans))]
    expected = [old_uid(p.authorization.value, p.start.isoformat(), m.name)
                for p in plans for m in p.milestones]  # fmt: skip
    assert found == expected


def test_two_students_files_share_no_uid() -> None:
    """The issue's example: same first day, same authorization, two students."""
    p = mp.plan("OPT", START)
    ana, ben = to_ics(p, student="Ana Lee"), to_ics(p, student="1042")
    for data, label in ((ana, "Ana Lee"), (ben, "1042")):
        found = events(data)
        assert len(found) == len(p.milestones)
        assert [str(e["summary"]) for e in found] == [
            milestone_title(p, m, student=label) for m in p.milestones
        ]
        assert all(str(e["summary"]).startswith(f"[{label}] OPT: ") for e in found)
        assert all(str(e["description"]).startswith(f"Student: {label}.\n") for e in found)
        calendar = icalendar.Calendar.from_ical(data)
        assert str(calendar["x-wr-calname"]) == f"micropath: OPT deadlines for {label}"
    assert not set(by_uid(ana)) & set(by_uid(ben))
    assert not set(by_uid(ana)) & set(by_uid(to_ics(p)))
    assert by_uid(ana).keys() == by_uid(to_ics(p, student=" Ana Lee ")).keys()  # trimmed
    # A student's UIDs are as stable as anyone's: a revised plan updates in place.
    slower = mp.plan("OPT", START, processing=120)
    assert by_uid(to_ics(slower, student="Ana Lee")).keys() == by_uid(ana).keys()


def test_a_combined_calendar_of_several_students_keeps_every_uid_unique() -> None:
    """One file for a batch: a label per plan; the same plan twice for two students is
    two sets of events; a student's variant gets UIDs of its own; a repeated
    (student, plan) pair is written once."""
    cpt, opt = mp.plan("CPT", START), mp.plan("OPT", START)
    slower = mp.plan("CPT", START, processing=20)
    given = [cpt, cpt, opt, slower, cpt, opt]
    labels = ["Ana", "Ben", "Ana", "Ana", "Ana", None]
    data = to_ics(given, student=labels, stamp=STAMP)
    found = events(data)
    kept = [("Ana", cpt), ("Ben", cpt), ("Ana", opt), ("Ana", slower), (None, opt)]
    assert [str(e["summary"]) for e in found] == [
        milestone_title(p, m, student=label) for label, p in kept for m in p.milestones
    ]
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids) == sum(len(p.milestones) for _, p in kept)
    assert [e.decoded("dtstart") for e in found] == [m.date for _, p in kept for m in p.milestones]
    # Each student's events carry the UIDs of that student's own file.
    assert set(by_uid(to_ics(cpt, student="Ben"))) <= set(uids)
    assert set(by_uid(to_ics(opt))) <= set(uids)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "micropath: CPT, OPT deadlines for 2 students"
    assert to_ics(given, student=tuple(labels), stamp=STAMP) == data  # any sequence
    one = icalendar.Calendar.from_ical(to_ics([cpt, opt], student=["Ana", None]))
    assert str(one["x-wr-calname"]) == "micropath: CPT, OPT deadlines for 1 student"


def test_the_internship_is_the_students_when_the_file_has_one() -> None:
    term = mp.iap(2027)
    files = {
        name: events(to_ics(mp.plan("CPT", term), student=name, internship=term, check_ins="FR"))
        for name in ("Ana", "Ben")
    }
    for name, found in files.items():
        extra = [str(e["summary"]) for e in found if "Internship" in str(e["summary"])
                 or "Check-in" in str(e["summary"])]  # fmt: skip
        assert extra[0] == f"[{name}] Internship: {term.name}"
        assert extra[1:] == [f"[{name}] Check-in {n} of 4: {term.name}" for n in (1, 2, 3, 4)]
    assert not {str(e["uid"]) for e in files["Ana"]} & {str(e["uid"]) for e in files["Ben"]}
    shared = events(to_ics([mp.plan("CPT", term)] * 2, student=["Ana", "Ben"], internship=term))
    (internship,) = [e for e in shared if "Internship" in str(e["summary"])]
    assert str(internship["summary"]) == f"Internship: {term.name}"  # not one student's
    uids = [str(e["uid"]) for e in shared]
    assert len(set(uids)) == len(uids)


def test_a_label_is_text_escaped_as_rfc_5545_wants() -> None:
    label = 'Lee, Ana; "AL" \\ <b>'
    data = to_ics(mp.plan("AT", START), student=label, stamp=STAMP)
    found = events(data)
    assert all(str(e["summary"]).startswith(f"[{label}] AT: ") for e in found)
    assert b'[Lee\\, Ana\\; "AL" \\\\ <b>] AT' in data.replace(b"\r\n ", b"")


def repeated_phrases(title: str, words: int = 3) -> set[tuple[str, ...]]:
    """Runs of *words* words that occur twice in *title* (case and brackets aside)."""
    tokens = title.casefold().replace("(", " ").replace(")", " ").replace(":", " ").split()
    runs = [tuple(tokens[i : i + words]) for i in range(len(tokens) - words + 1)]
    return {run for run in runs if runs.count(run) > 1}


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("CPT", {}),
        ("OPT", {}),
        ("OPT", {"filing": "paper", "premium": True}),
        ("OPT", {"program_end": "2026-12-18"}),  # post-completion
        ("AT", {}),
    ],
)
def test_no_title_says_the_same_thing_twice(kind: str, options: dict[str, object]) -> None:
    """Bug: "OPT: EAD card in hand (EAD card in hand (and its validity start reached))"."""
    p = mp.plan(kind, START, **options)  # type: ignore[arg-type]
    titles = [str(e["summary"]) for e in events(to_ics(p, student="Ana"))]
    assert len(titles) == len(p.milestones)
    for title, item in zip(titles, p.milestones, strict=True):
        assert not repeated_phrases(title), title
        assert title.count("(") <= 1, title  # no parentheses inside parentheses
        assert item.label.casefold() in title.casefold(), title  # its own words are in it
    if kind == "OPT":
        card = titles[[m.name for m in p.milestones].index("card_in_hand")]
        fast = " with premium processing" if options.get("premium") else ""
        assert card == f"[Ana] OPT{fast}: {p.milestone('card_in_hand').label}"
        assert card.casefold().count("ead card in hand") == 1


def test_the_events_of_a_plan_with_premium_processing_say_so() -> None:
    """Found by a tester: a student reading "latest filing 2026-11-05" in a calendar of a
    plan with premium processing would file too late without it."""
    p = mp.plan("OPT", START, premium=True)
    found = events(to_ics(p))
    assert all(str(e["summary"]).startswith("OPT with premium processing: ") for e in found)
    assert all(
        "OPT plan with premium processing (Form I-907) for a first day of work on 2027-01-04"
        in str(e["description"])
        for e in found
    )
    plain = events(to_ics(mp.plan("OPT", START)))
    assert not any("premium" in str(e["summary"]) for e in plain)
