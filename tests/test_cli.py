"""The ``micropath`` command line: ``plan``, ``cycle``, ``calendar``, usage errors.

The main checks run the real console script (and ``python -m micropath``) in
a subprocess; the many ways a command line can be wrong are checked by
calling :func:`micropath.cli.main` in-process, which is the same code. Laws:

1. ``plan`` prints the figures :func:`micropath.plan` computes: every
   milestone's date, label, actor and reason, then the latest offer and
   filing (the worked figures for IAP 2027 among them).
2. ``plan --json`` prints exactly ``Plan.to_dict()``; ``cycle --json`` and
   ``calendar --json`` hold what ``check_cycle`` and ``closed_days`` return.
3. A usage error (bad flag, bad value, value the library rejects) is one
   line on standard error starting ``micropath: error:``, naming the flag,
   with exit status 2 and no traceback.
4. Every :class:`~micropath.options.PlanOptions` field is a flag of ``plan``
   (``--x-y`` for ``x_y``; a lead also ``--x-y-business``), every flag is a
   field, and a flag means what the same field means to :func:`micropath.plan`.
5. ``--calendar NAME`` moves the school's calendar only; USCIS stays federal
   unless ``--uscis-calendar NAME`` is given.
6. The options table in ``docs/cli.md`` is exactly the one the fields give.
7. Files (``--ics``) are written atomically, with the usual permissions, and
   the process umask is never touched.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import micropath as mp
from micropath import _text, cli
from micropath.errors import MissingExtraError
from micropath.options import fields
from micropath.views.text import milestone_reason

SCRIPT = Path(sys.executable).with_name("micropath")
ENV = {**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}


def run(*args: str, script: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the console script (or ``python -m micropath``) with *args*."""
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "micropath"]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, env=ENV, timeout=60, check=False
    )
    assert "Traceback" not in done.stderr
    return done


def summary(stdout: str) -> dict[str, str]:
    """The ``Label: value`` lines after the milestone table."""
    found = {}
    for line in stdout.splitlines():
        label, sep, value = line.partition(":")
        if sep and label in {"Latest offer", "Latest filing", "Earliest filing", "Feasible"}:
            # "Feasible: yes (an offer by ... still meets the first day; ...)": the word.
            found[label] = value.split()[0] if label == "Feasible" else value.strip()
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_console_script_exists() -> None:
    assert SCRIPT.exists(), f"no console script next to {sys.executable}"


# Worked figures for IAP 2027 (first day of work 2027-01-04), from docs/quickstart.md.
WORKED = [
    ("CPT", (), "2026-12-10", "2026-11-20"),
    ("OPT", (), "2026-08-23", "2026-07-23"),  # filed online: received on Sunday
    ("OPT", ("--filing", "paper"), "2026-08-21", "2026-07-22"),  # rolls back to Friday
    ("OPT", ("--premium",), "2026-11-05", "2026-10-05"),
]


@pytest.mark.parametrize(("kind", "flags", "filing", "offer"), WORKED)
def test_plan_prints_the_worked_figures(
    kind: str, flags: tuple[str, ...], filing: str, offer: str
) -> None:
    done = run("plan", kind, "--iap", "2027", *flags)
    assert done.returncode == 0, done.stderr
    method = "paper" if "paper" in flags else "online"
    expected = mp.plan(kind, mp.iap(2027), premium="--premium" in flags, filing=method)
    shown = summary(done.stdout)
    assert shown["Latest filing"] == expected.latest_filing.isoformat() == filing
    assert shown["Latest offer"] == expected.latest_offer.isoformat() == offer
    assert shown["Feasible"] == ("yes" if expected.feasible else "no")
    assert "Earliest filing" not in shown
    # The table: every milestone in order, with its date, label, actor and reason.
    lines = done.stdout.splitlines()
    rows = [i for i, line in enumerate(lines) if line[:4].isdigit()]
    assert len(rows) == len(expected.milestones)
    for index, item in zip(rows, expected.milestones, strict=True):
        assert lines[index].split() == [item.date.isoformat(), *item.label.split(), item.actor]
    assert flat(milestone_reason(expected.milestones[0])) in flat(done.stdout)
    assert flat(milestone_reason(expected.milestone("filing"))) in flat(done.stdout)


def test_plan_json_is_exactly_to_dict_and_python_m_runs_the_same_cli() -> None:
    done = run(
        "plan", "opt", "--start", "2027-01-04", "--filing-window", "90", "--json", script=False
    )
    assert done.returncode == 0, done.stderr
    # Without --today the command line plans as of the system's date (the library never
    # reads the clock): today's deadlines-passed notices and advisories are in the JSON.
    expected = mp.plan("OPT", "2027-01-04", filing_window=90, today=date.today())
    assert json.loads(done.stdout) == expected.to_dict()
    assert done.stdout == json.dumps(json.loads(done.stdout)) + "\n"  # one line, default dumps


def test_plan_with_options_offer_and_ics(tmp_path: Path) -> None:
    ics = tmp_path / "deadlines.ics"
    done = run(
        "plan",
        "OPT",
        "--start",
        "2027-06-01",
        "--processing-business",
        "40",
        "--decision-business",
        "5",
        "--mailing",
        "10",
        "--academic-year-completes",
        "2027-05-20",
        "--calendar",
        "federal",
        "--offer",
        "2027-01-15",
        "--ics",
        str(ics),
        "--today",
        TODAY,
    )
    assert done.returncode == 0, done.stderr
    federal = mp.calendars.federal()
    expected = mp.plan(
        "OPT",
        "2027-06-01",
        processing=mp.business_days(40),
        decision=mp.business_days(5),
        mailing=10,
        academic_year_completes="2027-05-20",
        calendar={"school": federal},
        today=TODAY,
    )
    shown = summary(done.stdout)
    assert shown["Latest offer"] == expected.latest_offer.isoformat()
    assert shown["Latest filing"] == expected.latest_filing.isoformat()
    assert expected.earliest_filing is not None
    assert shown["Earliest filing"] == expected.earliest_filing.isoformat()
    verdict = expected.check("2027-01-15")
    assert f"Offer on {verdict.offer}:" in done.stdout
    for _, day in verdict.expected:
        assert day.isoformat() in done.stdout

    # The same events; DTSTAMP is the export time of each file.
    def events(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if not line.startswith(b"DTSTAMP:")]

    assert events(ics.read_bytes()) == events(expected.to_ics())
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]


def test_cycle_human_and_json() -> None:
    report = mp.check_cycle(mp.recruiting_cycle(2027))
    human, as_json = run("cycle", "2027"), run("cycle", "2027", "--json")
    assert human.returncode == as_json.returncode == 0
    table = {  # the table's rows (the notes below it may wrap onto any word)
        line.split()[0]: line.split()
        for line in human.stdout.splitlines()
        if re.match(r"(CPT|OPT|AT) +\d{4}-\d\d-\d\d ", line)
    }
    for row in report:
        cells = table[row.authorization.value]
        assert cells[1] == row.latest_offer.isoformat()
        assert cells[2] == ("yes" if row.on_time else "no")
        assert int(cells[3]) == row.slack
        if row.premium_on_time is not None:
            assert cells[4] == ("yes" if row.premium_on_time else "no")
    for flag in report.closed_dates:
        line = next(x for x in human.stdout.splitlines() if flag.date.isoformat() in x)
        assert flag.reason in line
    data = json.loads(as_json.stdout)
    assert [
        (r["authorization"], r["latest_offer"], r["on_time"], r["slack"], r["premium_on_time"])
        for r in data["rows"]
    ] == [
        (r.authorization.value, r.latest_offer.isoformat(), r.on_time, r.slack, r.premium_on_time)
        for r in report
    ]
    assert data["closed_dates"] == [
        {"name": f.name, "date": f.date.isoformat(), "reason": f.reason}
        for f in report.closed_dates
    ]
    assert data["dates"]["offers"] == report.cycle.offers.isoformat()


def test_calendar_lists_closed_days_with_reasons() -> None:
    done = run("calendar", "mit", "--from", "2026-12-20", "--to", "2027-01-05")
    assert done.returncode == 0, done.stderr
    mit = mp.calendars.mit()
    closed = mit.closed_days("2026-12-20", "2027-01-05")
    listed = [line.split(None, 2) for line in done.stdout.splitlines()[1:]]
    assert [(day, reason) for day, _, reason in listed] == [
        (c.date.isoformat(), c.reason) for c in closed
    ]
    christmas = next(reason for day, _, reason in listed if day == "2026-12-25")
    assert christmas == mit.why_closed("2026-12-25")


def test_calendar_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(
        ["calendar", "federal", "--from", "2026-11-01", "--to", "2026-11-30", "--json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert data["closed_days"] == [
        {"date": c.date.isoformat(), "reason": c.reason}
        for c in mp.calendars.federal().closed_days("2026-11-01", "2026-11-30")
    ]


def test_no_arguments_prints_short_help_and_exits_2() -> None:
    done = run(script=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "usage: micropath" in done.stderr
    assert "micropath plan" in done.stderr


def test_a_bad_value_is_one_line_exit_2_in_a_subprocess() -> None:
    done = run("plan", "CPT", "--start", "2027-13-01")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("micropath: error: --start ")
    assert "'2027-13-01'" in done.stderr


# -- usage errors, in-process (the same main() the script calls) ----------------------


def test_a_slashed_date_on_the_command_line_gives_no_spreadsheet_advice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found by a tester: a flag's error told the user to fix a spreadsheet column."""
    assert cli.main(["plan", "CPT", "--start", "01/04/2027"]) == cli.EXIT_USAGE
    assert capsys.readouterr().err == (
        "micropath: error: --start must be a date YYYY-MM-DD (01/04/2027 could be 2027-01-04 "
        "or 2027-04-01), got '01/04/2027'\n"
    )
    assert cli.main(["plan", "CPT", "--iap", "2027", "--today", "46391"]) == cli.EXIT_USAGE
    assert capsys.readouterr().err == (  # no spreadsheet's date number on a command line
        "micropath: error: --today must be a date YYYY-MM-DD, got '46391'\n"
    )


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["plan", "CPT"], "--start"),
        (["plan", "CPT", "--start", "2027-01-04", "--iap", "2027"], "--iap"),
        (["plan", "H-1B", "--start", "2027-01-04"], "authorization"),
        (["plan", "CPT", "--start", "01/04/2027"], "--start"),
        (["plan", "CPT", "--start", "2027-02-29"], "--start"),
        (["plan", "CPT", "--iap", "1800"], "--iap"),
        (["plan", "CPT", "--iap", "next"], "--iap"),
        (["plan", "CPT", "--iap", "2027", "--processing", "-3"], "--processing"),
        (["plan", "CPT", "--iap", "2027", "--processing", "ten"], "--processing"),
        (["plan", "CPT", "--iap", "2027", "--processing", "1e3"], "--processing"),
        (["plan", "CPT", "--iap", "2027", "--mailing", "14"], "--mailing"),
        (["plan", "CPT", "--iap", "2027", "--premium"], "--premium"),
        (["plan", "OPT", "--iap", "2027", "--premium", "--processing", "30"], "--processing"),
        (
            ["plan", "OPT", "--iap", "2027", "--processing", "3", "--processing-business", "3"],
            "--processing",
        ),
        (["plan", "AT", "--iap", "2027", "--immediate-cpt"], "--immediate-cpt"),
        (["plan", "CPT", "--iap", "2027", "--calendar", "mars"], "--calendar"),
        (["plan", "CPT", "--iap", "2027", "--terms-completed", "-1"], "--terms-completed"),
        (["plan", "CPT", "--iap", "2027", "--academic-year-completes", "May"], "--academic-year"),
        (["plan", "CPT", "--iap", "2027", "--offer", "soon"], "--offer"),
        (["plan", "CPT", "--start", "9999-12-31"], "--start"),
        (["plan", "CPT", "--start", "0001-01-01"], "--start"),
        (["plan", "CPT", "--iap", "2027", "--bogus"], "--bogus"),
        (["plan", "OPT", "--iap", "2027", "--prem"], "--prem (did you mean --premium?)"),
        (["plan", "OPT", "--iap", "2027", "--proc", "5"], "did you mean --processing"),
        (["cycle", "twenty"], "YEAR"),
        (["cycle", "1800"], "YEAR"),
        (["cycle"], "YEAR"),
        (["calendar", "mars", "--from", "2026-01-01", "--to", "2026-01-31"], "NAME"),
        (["calendar", "mit", "--from", "2026-02-01", "--to", "2026-01-31"], "--to"),
        (["calendar", "mit", "--from", "1900-01-01", "--to", "1900-01-31"], "--from"),
        (["calendar", "mit", "--from", "2026-01-01"], "--to"),
        (["batch"], "IN.csv"),
        (["batch", "in.csv", "--format", "xml"], "--format"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_errors_are_one_line_naming_the_flag(
    argv: list[str], names: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.startswith("micropath: error: ")
    assert err.count("\n") == 1
    assert names in err
    assert "Traceback" not in err


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert mp.__version__ in capsys.readouterr().out
    assert cli.main(["plan", "--help"]) == 0
    help_text = capsys.readouterr().out
    for option in _text.text_options():
        assert option.flag in help_text


def plan_flags() -> set[str]:
    """The option flags ``micropath plan`` takes (not --start, --json, ...)."""
    _, commands = cli._parser()
    others = {
        "-h",
        "--help",
        "--start",
        "--iap",
        "--offer",
        "--json",
        "--ics",
        "--student",
        "--html",
    }
    return {flag for action in commands["plan"]._actions for flag in action.option_strings} - others


def test_every_field_is_a_flag_and_every_flag_a_field() -> None:
    expected = set()
    for field in fields():
        expected.add("--" + field.name.replace("_", "-"))
        if field.value == "lead":
            expected.add("--" + field.name.replace("_", "-") + "-business")
    assert expected <= plan_flags()
    # every other flag is a form of a field: a lead's percentiles, an actor's calendar
    names = {field.name for field in fields()}
    for flag in plan_flags() - expected:
        name = flag[2:].replace("-", "_")
        assert name.removesuffix("_percentiles") in names or name == "uscis_calendar", flag


TODAY = "2026-05-01"
"""The --today of tests that compare with the library (which never reads the clock)."""

SAMPLES = {
    "days": "25",
    "business_days": "25",
    "percentiles": "50:10,80:20,95:30",
    "date": "2026-12-01",
    "count": "3",
    "confidence": "0.9",
    "school": "generic",
}
CALENDARS = {"school": "federal", "uscis": "mit"}


@pytest.mark.parametrize("option", _text.text_options(), ids=lambda o: o.column)
def test_every_flag_means_its_field(
    option: _text.TextOption, capsys: pytest.CaptureFixture[str]
) -> None:
    kind = "CPT" if option.field.name == "immediate_cpt" else "OPT"
    argv = ["plan", kind, "--start", "2027-06-01", "--json"]
    if option.field.name != "today":
        argv += ["--today", TODAY]
    argv.append(option.flag)
    if option.is_switch:
        value: object = True
    else:
        if option.form == "choice":  # not the default
            default = getattr(mp.PlanOptions(), option.field.name)
            text = next(c for c in option.field.choices if c != default)
        elif option.actor is not None:
            text = CALENDARS[option.actor]
        else:  # today: after the latest offer, so a deadline has passed
            text = "2027-01-01" if option.field.name == "today" else SAMPLES[option.form]
        argv.append(text)
        value = option.parse(text, option.flag)
    if option.actor is not None:
        value = {option.actor: value}
    assert cli.main(argv) == 0, capsys.readouterr().err
    shown = json.loads(capsys.readouterr().out)
    given = {"today": TODAY, option.field.name: value}
    expected = mp.plan(kind, "2027-06-01", options=mp.PlanOptions(**given))
    assert shown == expected.to_dict()
    assert shown != mp.plan(kind, "2027-06-01", today=TODAY).to_dict() or option.column in {
        "academic_year_completes",  # in the past here: binds nothing
        "terms_completed",  # 3 terms: eligible, like the default
        "uscis_calendar",  # no USCIS business-day step here: see the test below
    }


def test_calendar_moves_the_school_only_and_uscis_calendar_moves_uscis(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["plan", "OPT", "--start", "2027-06-01", "--calendar", "massachusetts", "--json"]
    argv += ["--today", TODAY]
    assert cli.main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    massachusetts, federal = mp.calendars.massachusetts(), mp.calendars.federal()
    expected = mp.plan("OPT", "2027-06-01", calendar={"school": massachusetts}, today=TODAY)
    assert shown == expected.to_dict()
    counted = {m.name: m.calendar.name for m in expected.milestones if m.calendar is not None}
    assert counted["school_request"] == "massachusetts"  # the school's step moved
    assert counted["filing"] == counted["approval"] == federal.name  # USCIS's did not
    # Premium processing counts 30 USCIS business days: MIT's winter break moves it.
    premium = ["plan", "OPT", "--start", "2027-01-20", "--premium", "--json", "--today", TODAY]
    assert cli.main([*premium, "--uscis-calendar", "mit"]) == 0
    moved = json.loads(capsys.readouterr().out)
    assert cli.main([*premium, "--calendar", "mit"]) == 0
    kept = json.loads(capsys.readouterr().out)
    mit = mp.calendars.mit()
    by_mit = mp.plan("OPT", "2027-01-20", premium=True, calendar={"uscis": mit}, today=TODAY)
    assert moved == by_mit.to_dict()
    assert kept == mp.plan("OPT", "2027-01-20", premium=True, today=TODAY).to_dict()
    assert moved["latest_filing"] < kept["latest_filing"]


def test_school_generic_makes_at_feasible_after_one_term(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["plan", "AT", "--iap", "2027", "--terms-completed", "1"]
    assert cli.main(argv) == 0
    assert summary(capsys.readouterr().out)["Feasible"] == "no"  # MIT's one-year practice
    assert cli.main([*argv, "--school", "generic"]) == 0
    out = capsys.readouterr().out
    expected = mp.plan("AT", mp.iap(2027), terms_completed=1, school="generic")
    assert expected.feasible
    assert summary(out)["Feasible"] == "yes"
    assert summary(out)["Latest filing"] == expected.latest_filing.isoformat()


EXAMPLE_SCHOOL = Path(__file__).resolve().parent.parent / "docs" / "example_school.toml"


def test_school_file_plans_with_its_term_and_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "uni.toml"
    path.write_text(EXAMPLE_SCHOOL.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["plan", "CPT", "--iap", "2027", "--school", str(path), "--json", "--today", TODAY]
    assert cli.main(argv) == 0
    school = mp.School.from_toml(path)
    expected = mp.plan("CPT", school.term_of(2027), school=school, today=TODAY)
    assert json.loads(capsys.readouterr().out) == expected.to_dict()
    assert expected.start != mp.iap(2027).start  # the school's own January term
    path.write_text("key = [", encoding="utf-8")
    assert cli.main(["plan", "CPT", "--iap", "2027", "--school", str(path)]) == 2
    assert capsys.readouterr().err.startswith("micropath: error: --school uni.toml")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--school", "harvard"], "--school must be 'mit', 'generic' or the path of a school"),
        (["--filing", "fax"], "--filing must be one of 'online', 'paper', got 'fax'"),
        (["--program-end", "May"], "--program-end must be a date YYYY-MM-DD, got 'May'"),
        (["--uscis-calendar", "mars"], "--uscis-calendar must be one of"),
        (["--confidence", "1.5"], "--confidence must be a number in (0, 1]"),
        (["--decision-percentiles", "50"], "--decision-percentiles must be PERCENTILE:DAYS"),
        (  # found by a tester: the error showed the pair '75;80:100', not what was given
            ["--processing-percentiles", "50:75;80:100"],
            "--processing-percentiles must be PERCENTILE:DAYS pairs separated by commas, such as "
            "50:75,80:100,95:130, got '50:75;80:100'\n",
        ),
    ],
)
def test_new_flags_name_themselves_in_errors(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["plan", "OPT", "--iap", "2027", *argv]) == 2
    assert capsys.readouterr().err.startswith(f"micropath: error: {says}")


def test_the_options_table_in_the_docs_is_the_fields_table() -> None:
    page = DOCS.read_text(encoding="utf-8")
    table = _text.options_table()
    assert table in page
    start = page.index(table.splitlines()[0])
    listed = page[start:].split("\n\n")[0]
    assert listed == table  # exactly: no option row more or less
    for field in fields():
        assert f"`{field.flag}" in table


def test_ics_without_the_extra_exits_1_after_the_plan(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing(self: mp.Plan, **options: object) -> bytes:
        raise MissingExtraError("to_ics", "ics", module="icalendar")

    monkeypatch.setattr(mp.Plan, "to_ics", missing)
    target = tmp_path / "plan.ics"
    status = cli.main(["plan", "CPT", "--iap", "2027", "--ics", str(target)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Latest offer:" in out
    assert err.startswith("micropath: error: --ics: ")
    assert "pip install 'icalendar>=5.0'" in err
    assert not target.exists()


def test_ics_into_a_missing_folder_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "plan.ics"
    assert cli.main(["plan", "CPT", "--iap", "2027", "--ics", str(target)]) == 1
    assert capsys.readouterr().err.startswith(f"micropath: error: cannot write {target}")
    assert list(tmp_path.iterdir()) == []


def test_an_infeasible_plan_lists_its_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "CPT", "--iap", "2027", "--terms-completed", "1"]
    assert cli.main(argv) == 0  # an infeasible plan is an answer, not an error
    out = capsys.readouterr().out
    expected = mp.plan("CPT", mp.iap(2027), terms_completed=1)
    assert summary(out)["Feasible"] == "no"
    assert expected.reasons
    for reason in expected.reasons:
        assert flat(str(reason)) in flat(out)


# -- the examples in docs/cli.md ----------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def console_examples() -> list[tuple[str, str]]:
    """``(command, output)`` for each ``$ ...`` line of the console blocks in docs/cli.md."""
    examples: list[tuple[str, str]] = []
    block: list[str] | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("```console"):
            block = []
        elif line.startswith("```") and block is not None:
            examples.extend(_split(block))
            block = None
        elif block is not None:
            block.append(line)
    return examples


def _split(block: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for line in block:
        if line.startswith("$ "):
            found.append((line[2:], ""))
        elif found:
            command, output = found[-1]
            found[-1] = (command, output + line + "\n")
    return found


def test_the_docs_have_console_examples() -> None:
    assert len(console_examples()) >= 8


def test_console_examples_in_the_docs_are_what_the_cli_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each example runs (in-process) and prints exactly what the page shows, unless it
    elides output with ``...`` or pipes into another program; ``cat FILE`` creates FILE."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    checked = 0
    for command, output in console_examples():
        words = command.split()
        if words[0] == "cat":
            (tmp_path / words[1]).write_text(output, encoding="utf-8")
            continue
        if "|" in words or "..." in output.splitlines():
            continue
        assert words[0] == "micropath", command
        cli.main(words[1:])
        printed = capsys.readouterr()
        assert printed.out + printed.err == output, command
        checked += 1
    assert checked >= 6


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "OPT", "--start", "2027-01-04", "--premium", "--offer", "2026-10-25"],
        ["cycle", "2027", "--today", "2026-09-01"],
    ],
)
def test_a_reader_that_stops_early_does_not_cost_the_files(tmp_path: Path, argv: list[str]) -> None:
    """``micropath plan ... --html FILE | head -1``: the page (and the calendar) are
    written before the text, so a closed pipe loses only the text; exit 1, quietly."""
    page, calendar = tmp_path / "page.html", tmp_path / "plan.ics"
    files = ["--html", str(page)] + (["--ics", str(calendar)] if argv[0] == "plan" else [])
    process = subprocess.Popen(
        [str(SCRIPT), *argv, *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader is gone before micropath writes a byte
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (1, b"")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    if argv[0] == "plan":
        assert calendar.read_bytes().startswith(b"BEGIN:VCALENDAR")
