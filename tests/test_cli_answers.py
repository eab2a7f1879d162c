"""The employer's answer from the command line: offer verdicts in text and JSON,
calendar files to standard output, the shareable page, and the cycle's employer lines.

Each expected value comes from the library call the command wraps (``offer_verdict``,
``check_cycle``, ``Plan.to_ics``), so a renderer that drifts from the library fails.
"""

from __future__ import annotations

import csv
import errno
import html
import io
import json
import os
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import attrs
import icalendar
import pytest

import micropath as mp
from micropath import cli

D = date.fromisoformat
SCRIPT = Path(sys.executable).with_name("micropath")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    done = capsys.readouterr()
    return status, done.out, done.err


def test_plan_text_starts_with_the_offer_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["plan", "OPT", "--iap", "2027", "--offer", "2026-10-25"], capsys)
    assert status == 0
    answer = mp.offer_verdict(mp.plan("OPT", mp.iap(2027)), "2026-10-25")
    first = " ".join(out.split("\n\n")[0].split())
    assert first == (
        "An offer on 2026-10-25 is too late for a first day of 2027-01-04; the earliest "
        "first day it allows is 2027-04-09 (2027-01-26 with premium processing)."
    )
    assert answer.earliest_start == D("2027-04-09")
    assert answer.earliest_start_premium == D("2027-01-26")
    # "Feasible" is explained: it is about the plan, not this offer.
    assert "Feasible:         yes (any offer by 2026-07-23 meets the first day)" in out


def test_plan_offer_json_holds_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        ["plan", "CPT", "--iap", "2027", "--offer", "2026-10-25", "--json"], capsys
    )
    assert status == 0
    data = json.loads(out)
    expected = mp.offer_verdict(mp.plan("CPT", mp.iap(2027)), "2026-10-25")
    offer = data["offer"]
    assert (offer["on_time"], offer["slack"]) == (True, expected.verdict.slack)
    assert offer["latest_offer"] == "2026-11-20"
    assert offer["in_hand"] == expected.verdict.in_hand.isoformat()  # type: ignore[union-attr]
    assert offer["earliest_start"] == expected.earliest_start.isoformat()  # type: ignore[union-attr]
    assert offer["earliest_start_premium"] is None  # CPT has no premium processing
    assert offer["sentence"].startswith("An offer on 2026-10-25 is on time")
    assert next(e["name"] for e in offer["expected"]) == "offer"


def test_ics_to_standard_output_with_a_student_label(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = io.BytesIO()

    class Out:
        def __init__(self) -> None:
            self.buffer = buffer

        def write(self, text: str) -> int:
            raise AssertionError(f"text on stdout beside the calendar: {text!r}")

        def flush(self) -> None:
            pass

    monkeypatch.setattr("sys.stdout", Out())
    status = cli.main(["plan", "CPT", "--iap", "2027", "--ics", "-", "--student", "A-17"])
    assert status == 0
    calendar = icalendar.Calendar.from_ical(buffer.getvalue())
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        assert "A-17" in str(event["SUMMARY"])
    # Another student's file for the same plan shares no UID with this one.
    other = mp.plan("CPT", mp.iap(2027)).to_ics(student="B-02")
    theirs = {str(e["UID"]) for e in icalendar.Calendar.from_ical(other).walk("VEVENT")}
    assert theirs.isdisjoint(str(e["UID"]) for e in events)


def test_html_page_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "answer.html"
    status, out, _ = run(
        ["plan", "OPT", "--iap", "2027", "--offer", "2026-10-25", "--html", str(page)], capsys
    )
    assert status == 0
    assert out.startswith("An offer on 2026-10-25")
    text = page.read_text(encoding="utf-8")

    class Scripts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script":
                self.found.append(tag)

    parser = Scripts()
    parser.feed(text)
    assert parser.found == []
    assert "2027-04-09" in text
    assert "2027-01-26" in text


def test_two_things_on_stdout_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["plan", "CPT", "--iap", "2027", "--ics", "-", "--html", "-"], capsys)
    assert status == 2
    assert "standard output" in err


def test_cycle_ends_with_what_an_employer_can_do(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["cycle", "2027", "--today", "2026-09-01"], capsys)
    assert status == 0
    tail = out.split("What an employer can do:\n")[1]
    lines: list[str] = []
    for line in tail.splitlines():
        if line.startswith("    "):  # a wrapped line goes on
            lines[-1] += " " + line.strip()
        elif line.strip():
            lines.append(line.strip())
    assert [line.split(":")[0] for line in lines] == ["CPT", "OPT", "AT"]
    report = mp.check_cycle(mp.recruiting_cycle(2027))
    for line, row in zip(lines, report, strict=True):
        answer = mp.offer_verdict(row.plan, report.cycle.offers)  # type: ignore[arg-type]
        assert line == f"{row.authorization.value}: " + " ".join(
            mp.views.text.offer_sentence(answer).split()
        )


def test_cycle_offer_today_school_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        ["cycle", "2027", "--offer", "2026-07-01", "--today", "2026-06-01", "--json"], capsys
    )
    assert status == 0
    data = json.loads(out)
    assert data["dates"]["offers"] == "2026-07-01"
    assert [row["on_time"] for row in data["rows"]] == [True, True, True]
    assert [e["offer"] for e in data["employer"]] == ["2026-07-01"] * 3
    status, out, _ = run(["cycle", "2027", "--school", "generic", "--json"], capsys)
    generic = json.loads(out)
    # No winter break at the generic school: CPT's latest offer is later than MIT's.
    assert D(generic["rows"][0]["latest_offer"]) > D("2026-11-20")


def test_cycle_text_and_json_give_each_rows_notices_for_today(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found by a tester: ``--today`` changed only the page. The text and the JSON now
    give each row's notices too: the deadlines today has passed, the advisories."""
    for today in ("2026-06-01", "2026-12-01"):
        report = mp.check_cycle(mp.recruiting_cycle(2027), today=today)
        notices = [(row.authorization.value, row.plan.notices) for row in report]  # type: ignore[union-attr]
        status, out, _ = run(["cycle", "2027", "--today", today], capsys)
        assert status == 0
        flat = " ".join(out.split())
        for kind, found in notices:
            for notice in found:
                text = f"Note ({kind}): {mp.views.text.sentence(notice)}."
                assert " ".join(text.split()) in flat
        assert flat.count("Note (") == sum(len(found) for _, found in notices)
        status, out, _ = run(["cycle", "2027", "--today", today, "--json"], capsys)
        rows = json.loads(out)["rows"]
        assert [[n["code"] for n in row["notices"]] for row in rows] == [
            [n.code for n in found] for _, found in notices
        ]
    # The cases in point: on 2026-12-01 CPT's latest offer (2026-11-20) has passed; on
    # 2026-06-01 it has not. OPT's advisories show on both days.
    assert [n["code"] for n in rows[0]["notices"]] == ["deadline-passed"]
    assert "Note (CPT)" in run(["cycle", "2027", "--today", "2026-12-01"], capsys)[1]
    assert "Note (CPT)" not in run(["cycle", "2027", "--today", "2026-06-01"], capsys)[1]


def test_cycle_html_answers_as_the_text_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page of ``micropath cycle --html`` answers each authorization with the
    sentence the text's "What an employer can do" gives: with the earliest first day a
    late offer allows, and with premium processing."""
    page = tmp_path / "cycle.html"
    argv = ["cycle", "2027", "--offer", "2026-11-20", "--today", "2026-11-30"]
    status, _, _ = run([*argv, "--html", str(page)], capsys)
    assert status == 0
    text = " ".join(page.read_text(encoding="utf-8").split())
    report = mp.check_cycle(
        attrs.evolve(mp.recruiting_cycle(2027), offers=date(2026, 11, 20)), today="2026-11-30"
    )
    answers = [mp.offer_verdict(row.plan, report.cycle.offers) for row in report]  # type: ignore[arg-type]
    opt = answers[1]
    assert not opt.on_time  # the case in point: late, and premium allows a first day
    assert opt.earliest_start_premium is not None
    for answer in answers:
        sentence = " ".join(mp.views.text.offer_sentence(answer).split())
        assert html.escape(sentence, quote=False) in text
    assert f"({opt.earliest_start_premium.isoformat()} with premium processing)" in text


def test_a_cycle_page_checks_the_answers_it_is_given() -> None:
    from micropath.views.page import report_html

    report = mp.check_cycle(mp.recruiting_cycle(2027))
    answers = [mp.offer_verdict(row.plan, report.cycle.offers) for row in report]  # type: ignore[arg-type]
    other = mp.offer_verdict(report[1].plan, "2026-10-01")  # type: ignore[arg-type]
    plan = mp.plan("CPT", "2027-01-04")
    cases: list[tuple[object, object, type[Exception], str]] = [
        (plan, answers, mp.InvalidValueError, "answers"),
        (report, answers[:2], mp.InvalidValueError, "answers"),
        (report, [answers[0], plan, answers[2]], mp.InvalidTypeError, "answers[1]"),
        (report, [answers[0], other, answers[2]], mp.InvalidValueError, "answers[1]"),
        (report, [answers[1], answers[0], answers[2]], mp.InvalidValueError, "answers[0]"),
        (report, 3, mp.InvalidTypeError, "answers"),
    ]
    for subject, given, error, parameter in cases:
        with pytest.raises(error) as info:
            report_html(subject, answers=given, timeline=False)  # type: ignore[arg-type]
        assert info.value.parameter == parameter  # type: ignore[attr-defined]


def test_the_parser_spells_batch_formats_as_the_batch_module_does() -> None:
    from micropath import batch

    assert cli._FORMATS == batch.FORMATS


def test_the_command_line_imports_heavy_modules_only_when_used() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import micropath.cli; "
        "print(sorted(m for m in ('micropath.batch', 'micropath.views.page', 'openpyxl', "
        "'micropath.planner', 'holidays') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_batch_writes_one_page_of_every_planned_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, page = tmp_path / "in.csv", tmp_path / "all.html"
    source.write_text(
        "id,authorization,start\nana,CPT,2027-01-04\nbo,OPT,2027-01-04\ncy,XYZ,2027-01-04\n",
        encoding="utf-8",
    )
    status, _, _ = run(
        ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--html", str(page)], capsys
    )
    assert status == 1  # the XYZ row is an error row; the others are planned
    text = page.read_text(encoding="utf-8")
    for p in (mp.plan("CPT", "2027-01-04"), mp.plan("OPT", "2027-01-04")):
        assert p.latest_offer.isoformat() in text
        assert p.latest_filing.isoformat() in text
    # Each answer and section is named by its row's id (found by a tester: they were not).
    assert "<strong>ana, CPT</strong>" in text
    assert "<h2>bo: OPT (c)(3)(A) plan" in text
    assert "<h2>cy" not in text  # the error row has no section
    # ... but the page says who is missing, and why (found by a tester: it did not).
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as opened:
        errors = {row["id"]: row["error"] for row in csv.DictReader(opened)}
    assert errors["cy"]
    assert not errors["ana"]
    assert "<h2>Not planned</h2>" in text
    assert "<p>1 row was not planned, so it is not on this page:</p>" in text
    assert f"<li><strong>cy, line 4</strong>: {html.escape(errors['cy'])}</li>" in text


def test_batch_page_is_not_written_when_no_row_is_planned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, page = tmp_path / "in.csv", tmp_path / "all.html"
    source.write_text("id,authorization,start\ncy,XYZ,2027-01-04\n", encoding="utf-8")
    status, _, err = run(
        ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--html", str(page)], capsys
    )
    assert status == cli.EXIT_FAILED
    assert "micropath: error: --html: no row was planned, so no page was written" in err
    assert not page.exists()
    assert (tmp_path / "out.csv").exists()  # the output keeps the row and its error


def test_batch_page_that_cannot_be_written_names_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a tester: a page that could not be written was blamed on --ics. A
    directory is refused before anything is written (exit 2), as for --ics and -o; the
    input file too; a page that fails at the end says --html (exit 1)."""
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("id,authorization,start\nana,CPT,2027-01-04\n", encoding="utf-8")
    for flag, page, refusal in [
        ("--html", tmp_path, f"--html: cannot write {tmp_path}: it is a directory"),
        (
            "--html",
            tmp_path / "no" / "p.html",
            f"--html: cannot write {tmp_path / 'no' / 'p.html'}: no directory {tmp_path / 'no'}",
        ),
        ("--ics", out, f"--ics {out} is the same file as -o; choose another --ics"),
        ("--html", out, f"--html {out} is the same file as -o; choose another --html"),
        ("--html", source, f"the output {source} is the input file; choose another --html"),
        ("--ics", source, f"the output {source} is the input file; choose another --ics"),
    ]:
        status, _, err = run(["batch", str(source), "-o", str(out), flag, str(page)], capsys)
        assert (status, err) == (cli.EXIT_USAGE, f"micropath: error: {refusal}\n")
        assert not out.exists()
    assert source.read_text(encoding="utf-8").startswith("id,")  # the input is untouched
    # Standard input redirected from the file the page would replace (a reviewer's case).
    with source.open("rb") as given:
        done = subprocess.run(
            [str(SCRIPT), "batch", "-", "-o", str(out), "--html", str(source)],
            stdin=given, capture_output=True, text=True, check=False,
        )  # fmt: skip
    assert (done.returncode, done.stderr) == (
        cli.EXIT_USAGE,
        f"micropath: error: the output {source} is the input file; choose another --html\n",
    )
    assert source.read_text(encoding="utf-8").startswith("id,")
    status, _, err = run(["batch", str(source), "--html", "-"], capsys)
    assert (status, err) == (
        cli.EXIT_USAGE,
        "micropath: error: a batch's page goes to a file: give --html FILE\n",
    )
    # A full disk when the page is written: the output is complete, the page is not.
    real_write = mp._files.write_bytes
    page = tmp_path / "all.html"

    def full_disk(path: str, data: bytes) -> None:
        if path == str(page):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        real_write(path, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mp._files, "write_bytes", full_disk)
        status, _, err = run(["batch", str(source), "-o", str(out), "--html", str(page)], capsys)
    assert status == cli.EXIT_FAILED
    assert err == f"micropath: error: --html: cannot write {page}: No space left on device\n"
    assert not page.exists()
    assert out.read_text(encoding="utf-8").count("\n") == 2  # the header and ana's row


def test_batch_page_answers_each_rows_offer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row with an offer gets the offer's answer on the page, as in the output."""
    source, page = tmp_path / "in.csv", tmp_path / "all.html"
    source.write_text(
        "id,authorization,start,offer\nbo,OPT,2027-01-04,2026-10-25\nana,CPT,2027-01-04,\n",
        encoding="utf-8",
    )
    status, _, _ = run(
        ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--html", str(page)], capsys
    )
    assert status == 0
    text = page.read_text(encoding="utf-8")
    verdict = mp.offer_verdict(mp.plan("OPT", "2027-01-04"), "2026-10-25")
    assert verdict.earliest_start is not None
    assert '<strong class="late">bo, OPT (c)(3)(A)</strong>: An offer on 2026-10-25' in text
    assert verdict.earliest_start.isoformat() in text
    assert "Expected after an offer on 2026-10-25" in text
    assert "<script" not in text
