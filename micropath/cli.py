"""The ``micropath`` command line: ``plan``, ``cycle``, ``calendar`` and ``batch``.

Every command is a thin layer over the library: argparse and one handler
per command. The flags of ``plan`` are derived from the
:class:`~micropath.options.PlanOptions` fields and parsed by
:mod:`micropath._text` (the same options as the batch columns); the handlers
call :func:`~micropath.plan`, :func:`~micropath.check_cycle` or
:meth:`~micropath.Calendar.closed_days` and print what the views in
:mod:`micropath.views.text` make of the result. No date is computed here;
the only thing read from the system is the clock, for ``--today``.

Exit status (documented in ``docs/cli.md``):

* 0: done.
* 1: the command ran but part of it failed: a batch row has an error, or
  ``plan``'s ``--ics``/``--html`` file could not be written (for example, the
  ``ics`` extra is missing); what was printed stands.
* 2: usage error: a bad argument or value, an input that cannot be read, or
  an output that cannot be written (a full disk, a read-only folder). One
  line on standard error, starting ``micropath: error:``; the previous output
  file, if any, is left as it was, and no temporary file is left behind.

Heavy modules (the batch reader, the page, the planner) are imported by the
handler that needs them, so that ``micropath plan`` starts quickly.

>>> main(["calendar", "mit", "--from", "2026-12-24", "--to", "2026-12-27"])
mit calendar: 4 closed days from 2026-12-24 to 2026-12-27
  2026-12-24  Thu  winter break
  2026-12-25  Fri  Christmas Day / winter break
  2026-12-26  Sat  winter break
  2026-12-27  Sun  winter break
0
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final, NoReturn

import attrs

from micropath import __version__
from micropath._text import (
    CLI_WORDS,
    Given,
    TextOption,
    parse_calendar,
    parse_count,
    parse_date,
    parse_iap,
    parse_school,
    read_options,
    relabel,
    resolve,
    text_options,
)
from micropath.errors import MicropathError
from micropath.terms import Term

if TYPE_CHECKING:
    from micropath.cycle import CycleCheck
    from micropath.planner import Plan
    from micropath.search import OfferVerdict
from micropath.views.text import (
    closed_days_dict,
    closed_days_text,
    cycle_dict,
    cycle_text,
    offer_dict,
    plan_text,
)

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "main"]

PROG: Final = "micropath"
EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_USAGE: Final = 2

_FORMATS: Final = ("csv", "json", "xlsx")
"""``batch --format``: the same as :data:`micropath.batch.FORMATS` (a test checks),
spelled here so that the parser does not import the batch module."""
_FROM_THE_CLOCK: Final = "today"
"""The option the command line fills with the system's date when its flag is not
given (the library never reads the clock; batch rows give it as a column)."""

_SHORT_HELP: Final = """\
usage: micropath {plan,cycle,calendar,batch} ...

  micropath plan AUTH (--start DATE | --iap YEAR) [options]   latest offer and filing dates
  micropath cycle YEAR                                        the recruiting cycle for IAP YEAR
  micropath calendar NAME --from DATE --to DATE               closed days of a calendar
  micropath batch IN.csv [-o OUT] [--format csv|json|xlsx]    one plan per row (CSV or xlsx)

Run 'micropath COMMAND --help' for a command's options."""


class _UsageError(Exception):
    """A bad command line; its message is printed as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error raises instead of printing the usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


# -- the command line ------------------------------------------------------------


def _parser() -> tuple[_Parser, dict[str, argparse.ArgumentParser]]:
    """The parser, and the parser of each command."""
    parser = _Parser(
        prog=PROG,
        allow_abbrev=False,
        description="Latest safe offer and filing dates for CPT, OPT and AT.",
        epilog="Exit status: 0 done, 1 some part failed (a batch row), 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    plan_parser = commands.add_parser(
        "plan",
        allow_abbrev=False,  # a prefix of a flag is an error, not a guess
        help="latest offer and filing dates for one internship",
        description="Plan AUTH (CPT, OPT or AT) for a first day of work; print every "
        "milestone with its latest safe date and the reason for it.",
    )
    plan_parser.add_argument("authorization", metavar="AUTH", help="CPT, OPT or AT")
    first_day = plan_parser.add_mutually_exclusive_group(required=True)
    first_day.add_argument("--start", metavar="DATE", help="the first day of work, YYYY-MM-DD")
    first_day.add_argument("--iap", metavar="YEAR", help="start on the first day of IAP YEAR")
    _add_options(plan_parser, text_options())
    plan_parser.add_argument(
        "--offer",
        metavar="DATE",
        help="also check an offer on DATE: on time? slack? the earliest first day it allows",
    )
    plan_parser.add_argument(
        "--json",
        action="store_true",
        help="print the plan as JSON (Plan.to_dict(); with --offer, its check under 'offer')",
    )
    plan_parser.add_argument(
        "--ics", metavar="FILE", help="write the deadlines to an ICS file ('-': stdout)"
    )
    plan_parser.add_argument(
        "--student", metavar="LABEL", help="the student's id or name, in ICS titles and UIDs"
    )
    plan_parser.add_argument(
        "--html", metavar="FILE", help="write a one-page HTML answer to share ('-': stdout)"
    )
    plan_parser.set_defaults(handler=_plan_command)

    cycle_parser = commands.add_parser(
        "cycle",
        allow_abbrev=False,  # a prefix of a flag is an error, not a guess
        help="is CAPD's recruiting cycle on time for CPT, OPT and AT?",
        description="Check CAPD's recruiting cycle for IAP YEAR against each authorization.",
    )
    cycle_parser.add_argument("year", metavar="YEAR", help="the IAP year, e.g. 2027")
    cycle_parser.add_argument(
        "--offer", metavar="DATE", help="check an offer on DATE instead of the cycle's offer date"
    )
    cycle_parser.add_argument(
        "--today", metavar="DATE", help="the day of the check (default: the system's date)"
    )
    cycle_parser.add_argument(
        "--school", metavar="NAME|FILE", help="mit (default), generic or a school TOML file"
    )
    cycle_parser.add_argument("--json", action="store_true", help="print JSON")
    cycle_parser.add_argument(
        "--html", metavar="FILE", help="write a one-page HTML answer to share ('-': stdout)"
    )
    cycle_parser.set_defaults(handler=_cycle_command)

    calendar_parser = commands.add_parser(
        "calendar",
        allow_abbrev=False,  # a prefix of a flag is an error, not a guess
        help="closed days of a built-in calendar",
        description="List the closed days (weekends, holidays, closures) of a calendar.",
    )
    calendar_parser.add_argument("name", metavar="NAME", help="federal, massachusetts or mit")
    calendar_parser.add_argument(
        "--from", dest="first", metavar="DATE", required=True, help="the first day listed"
    )
    calendar_parser.add_argument(
        "--to", dest="last", metavar="DATE", required=True, help="the last day listed"
    )
    calendar_parser.add_argument("--json", action="store_true", help="print JSON")
    calendar_parser.set_defaults(handler=_calendar_command)

    batch_parser = commands.add_parser(
        "batch",
        allow_abbrev=False,  # a prefix of a flag is an error, not a guess
        help="one plan per row of a CSV or xlsx file",
        description="Plan every row of IN (CSV or xlsx; columns id, authorization, start or "
        "iap, offer, and any plan option; other columns are passed through). See "
        "docs/cli.md for the columns.",
    )
    batch_parser.add_argument(
        "source", metavar="IN.csv", help="the input: CSV or xlsx ('-': stdin)"
    )
    batch_parser.add_argument(
        "-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout"
    )
    batch_parser.add_argument(
        "--format",
        choices=_FORMATS,
        default=None,
        help="csv (the default, unless OUT ends in .xlsx), json (JSON Lines, one object per "
        "row) or xlsx (a workbook)",
    )
    batch_parser.add_argument(
        "--delimiter",
        metavar="WORD",
        help="the CSV delimiter: comma, semicolon or tab (default: detected); the output "
        "uses the same",
    )
    batch_parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet of an xlsx input (default: the first visible worksheet)",
    )
    batch_parser.add_argument(
        "--today",
        metavar="DATE",
        help="the day of the plans, for rows without a today cell (default: the system's "
        "date): passed deadlines and advisories",
    )
    batch_parser.add_argument(
        "--drop-extra-columns",
        action="store_true",
        help="leave out the input's columns but id (default: written through, options too)",
    )
    batch_parser.add_argument(
        "--raw",
        action="store_true",
        help="copy text from the input as it is, even if a spreadsheet would take it for a "
        "formula (default: a ' goes before =, +, -, @, tab, CR)",
    )
    batch_parser.add_argument(
        "--html",
        metavar="FILE",
        help="also write one page of every planned row (and a list of those not planned)",
    )
    calendars = batch_parser.add_mutually_exclusive_group()
    calendars.add_argument(
        "--ics", metavar="FILE", help="also write one calendar file of every planned row"
    )
    calendars.add_argument(
        "--ics-dir", metavar="DIR", help="also write one calendar file per planned row, ID.ics"
    )
    batch_parser.set_defaults(handler=_batch_command)
    return parser, dict(commands.choices)


def _add_options(parser: argparse.ArgumentParser, options: Sequence[TextOption]) -> None:
    """One flag per option; the options that set the same value exclude each other
    (``--processing`` and ``--processing-business``; each actor's calendar is its own)."""
    groups: dict[tuple[str, str | None], argparse._MutuallyExclusiveGroup] = {}
    for option in options:
        key = (option.field.name, option.actor)
        group = groups.get(key)
        if group is None:
            group = groups[key] = parser.add_mutually_exclusive_group()
        if option.is_switch:
            group.add_argument(option.flag, action="store_true", help=option.help)
        else:
            clock = option.field.name == _FROM_THE_CLOCK
            text = option.help + ("; default here: the system's date" if clock else "")
            group.add_argument(option.flag, metavar=option.metavar, help=text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 done, 1 part failed, 2 usage)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        print(_SHORT_HELP, file=sys.stderr)
        return EXIT_USAGE
    try:
        parser, commands = _parser()
        try:
            args, extras = parser.parse_known_args(arguments)
        except SystemExit as done:  # --help, --version
            return done.code if isinstance(done.code, int) else EXIT_OK
        if args.command is None:
            raise _UsageError("a command is required: plan, cycle, calendar or batch")
        if extras:
            raise _UsageError(_unrecognized(extras, commands[args.command]))
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except (_UsageError, MicropathError) as error:
        _error(str(error))
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (micropath batch ... | head): stop quietly.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as error:  # a disk full or a device failing part-way: not a usage error
        name = f" {error.filename}" if error.filename else ""
        _error(f"input/output error{name}: {error.strerror or error}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def _unrecognized(extras: Sequence[str], command: argparse.ArgumentParser) -> str:
    """Name the arguments a command does not take, with a likely flag for a typo."""
    known = [flag for action in command._actions for flag in action.option_strings]
    hints = []
    for extra in extras:
        close = difflib.get_close_matches(extra.partition("=")[0], known, n=1)
        hints.append(f"{extra} (did you mean {close[0]}?)" if close else extra)
    return f"unrecognized arguments: {' '.join(hints)} (see '{command.prog} --help')"


def _error(message: str) -> None:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)


# -- plan --------------------------------------------------------------------------


def _plan_command(args: argparse.Namespace) -> int:
    from micropath.planner import plan

    given = []
    for option in text_options():
        value = getattr(args, option.column)
        if option.is_switch and value:
            given.append(Given(option, "yes", option.flag, shown=True))
        elif not option.is_switch and value is not None:
            given.append(Given(option, value, option.flag))
        elif option.field.name == _FROM_THE_CLOCK:
            given.append(Given(option, date.today().isoformat(), option.flag))
    start_date = None if args.start is None else parse_date(args.start, "--start")
    read = read_options(given, CLI_WORDS)
    start: date | Term
    if start_date is not None:
        start, labels = start_date, {"start": ("--start", args.start)}
    else:
        start = parse_iap(args.iap, "--iap", read.options.school)
        labels = {"start": ("--iap", args.iap)}
    offer = None if args.offer is None else parse_date(args.offer, "--offer")
    to_stdout = [
        flag for flag, value in (("--ics", args.ics), ("--html", args.html)) if value == "-"
    ]
    if len(to_stdout) > 1:
        raise _UsageError("only one of --ics - and --html - may write to standard output")
    try:
        result = plan(args.authorization, start, options=read.options)
    except MicropathError as error:
        raise resolve(error, {**read.labels, **labels}, CLI_WORDS) from None
    answer = None
    if offer is not None:
        from micropath.search import offer_verdict

        try:
            answer = offer_verdict(result, offer)
        except MicropathError as error:
            raise relabel(error, "--offer", args.offer) from None
    # The files first: a reader that stops early (| head) must not cost them.
    status = EXIT_OK
    if args.ics is not None:
        status = max(status, _write_ics(result, args.ics, args.student))
    if args.html is not None:
        status = max(status, _write_html(answer if answer is not None else result, args.html))
    if not to_stdout:
        if args.json:
            data = result.to_dict()
            if answer is not None:
                data["offer"] = offer_dict(answer)
            print(json.dumps(data))
        else:
            print(plan_text(result, answer, width=_width()))
    return status


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _write_ics(result: Plan, path: str, student: str | None) -> int:
    """Write the plan's ICS file atomically ('-': stdout); exit 1 (after one line) if
    it cannot be."""
    try:
        data = result.to_ics(student=student)
    except ImportError as error:  # MissingExtraError: not a usage error, the plan stands
        _error(f"--ics: {error}")
        return EXIT_FAILED
    except MicropathError as error:
        raise relabel(error, "--student", student) from None
    return _write_out(path, data)


def _write_html(
    subject: Plan | OfferVerdict | CycleCheck,
    path: str,
    answers: Sequence[OfferVerdict] | None = None,
) -> int:
    """Write the one-page answer ('-': stdout); exit 1 (after one line) if it cannot be.
    *answers*: a cycle check's offer verdicts, one per row."""
    from micropath.views.page import report_html

    return _write_out(path, report_html(subject, answers=answers).encode("utf-8"))


def _write_out(path: str, data: bytes) -> int:
    from micropath import _files

    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        _files.write_bytes(path, data)
    except OSError as error:
        _error(f"cannot write {path}: {error.strerror or error}")
        return EXIT_FAILED
    return EXIT_OK


# -- cycle -------------------------------------------------------------------------


def _cycle_command(args: argparse.Namespace) -> int:
    from micropath.cycle import check_cycle, recruiting_cycle
    from micropath.search import offer_verdict

    year = parse_count(args.year, "YEAR", "a year such as 2027")
    today = parse_date(args.today, "--today") if args.today else date.today()
    school = None if args.school is None else parse_school(args.school, "--school")
    try:
        cycle = recruiting_cycle(year, school=school)
    except MicropathError as error:  # the year is all the user gave
        raise relabel(error, "YEAR", args.year) from None
    if args.offer is not None:
        cycle = attrs.evolve(cycle, offers=parse_date(args.offer, "--offer"))
    try:
        report = check_cycle(cycle, today=today)
        answers = [offer_verdict(row.plan, cycle.offers) for row in report if row.plan]
    except MicropathError as error:
        raise relabel(error, "YEAR", args.year) from None
    # The page first: a reader that stops early (| head) must not cost it.
    status = EXIT_OK if args.html is None else _write_html(report, args.html, answers)
    if args.html != "-":
        if args.json:
            data = cycle_dict(report)
            data["employer"] = [offer_dict(answer) for answer in answers]
            print(json.dumps(data))
        else:
            print(cycle_text(report, answers, width=_width()))
    return status


# -- calendar ----------------------------------------------------------------------


def _calendar_command(args: argparse.Namespace) -> int:
    calendar = parse_calendar(args.name, "NAME")
    first = parse_date(args.first, "--from")
    last = parse_date(args.last, "--to")
    if last < first:
        raise _UsageError(f"--to must be on or after --from ({first}), got '{args.last}'")
    try:
        closed = calendar.closed_days(first, last)
    except MicropathError as error:
        labels = {"first": ("--from", args.first), "last": ("--to", args.last)}
        raise resolve(error, labels) from None
    if args.json:
        print(json.dumps(closed_days_dict(calendar, first, last, closed)))
    else:
        print(closed_days_text(calendar, first, last, closed))
    return EXIT_OK


# -- batch -------------------------------------------------------------------------


def _batch_command(args: argparse.Namespace) -> int:
    from micropath._sheets import parse_delimiter
    from micropath.batch import run as run_batch

    today = date.today() if args.today is None else parse_date(args.today, "--today")
    delimiter = None if args.delimiter is None else parse_delimiter(args.delimiter, "--delimiter")
    to_stdout = args.output in (None, "-")
    if args.ics == "-" or args.ics_dir == "-":
        raise _UsageError("batch calendars go to files: give --ics FILE or --ics-dir DIR")
    if args.html == "-":
        raise _UsageError("a batch's page goes to a file: give --html FILE")
    if to_stdout and (args.format == "xlsx") and sys.stdout.isatty():
        raise _UsageError("an xlsx workbook is not for a terminal: give -o FILE.xlsx")
    if to_stdout and isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")  # the output is UTF-8, whatever the locale
    try:
        summary = run_batch(
            args.source,
            args.output,
            fmt=args.format,
            today=today,
            delimiter=delimiter,
            sheet=args.sheet,
            extra_columns=not args.drop_extra_columns,
            raw=args.raw,
            ics=args.ics,
            ics_dir=args.ics_dir,
            html=args.html,
        )
    except MicropathError as error:  # the library names its parameters; say the flags
        flags = {"format": ("--format", args.format), "ics_dir": ("--ics-dir", args.ics_dir)}
        raise resolve(error, flags, CLI_WORDS) from None
    status = EXIT_OK
    where = f"input {summary.unit}s"
    if summary.duplicates:
        shown = ", ".join(
            f"{row_id!r} ({where} {', '.join(map(str, lines))})"
            for row_id, lines in summary.duplicate_ids
        )
        more = ", ..." if summary.duplicates > len(summary.duplicate_ids) else ""
        print(
            f"{PROG}: warning: {summary.duplicates} id(s) on more than one row: "
            f"{shown}{more}; see the notices column",
            file=sys.stderr,
        )
    if summary.calendar_error is not None:
        _error(f"--ics: {summary.calendar_error}")
        status = EXIT_FAILED
    if summary.page_error is not None:
        _error(f"--html: {summary.page_error}")
        status = EXIT_FAILED
    if summary.errors:
        lines = ", ".join(map(str, summary.error_lines))
        more = ", ..." if summary.errors > len(summary.error_lines) else ""
        print(
            f"{PROG}: {summary.errors} of {summary.rows} rows have an error "
            f"({where} {lines}{more}); see the error column",
            file=sys.stderr,
        )
        status = EXIT_FAILED
    return status
