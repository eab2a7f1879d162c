"""Plans as an iCalendar file (needs the ``ics`` extra: ``icalendar``).

Each milestone of each plan becomes one all-day event on its latest safe date,
with display reminders some days before it. An office that exports a file per
student labels each one (``student="Ana Lee"`` or the student's id):

* **Titles** start with the label in brackets:
  ``[Ana Lee] OPT: latest filing (I-765 received by USCIS)``. A title never
  repeats itself: a milestone whose label already says what the title says
  (``EAD card in hand (and its validity start reached)``) is titled by its
  label alone.
* **UIDs** are UUID 5 of the student label, the authorization, the first day
  of work and the milestone name (``<uuid>@micropath``); without a label,
  of the last three only. Importing the file again, or a new export of the
  same plan, updates events instead of duplicating them, and two students
  with the same first day and authorization never share a UID. Several
  students' plans can go into one file (``student=`` a list, one label per
  plan): every UID in a file is unique.
* **DTSTAMP** (required by RFC 5545) is when the file was made: the current
  UTC time (to the second) unless ``stamp=`` gives another, for files that
  must be byte for byte reproducible.

Each milestone's description gives its date, reason and source, the plan's
latest dates, and the plan's findings as sentences (``str(finding)``): the
reasons it is not feasible, and its notices. icalendar escapes what RFC 5545
wants escaped (commas, semicolons, backslashes and line breaks).

Check-in meetings during the internship are rendered as given: a list of
dates, or a weekday code whose dates
:func:`micropath.internship.check_in_dates` computes; one event per meeting.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from micropath._convert import DateLike, to_count, to_date, to_items
from micropath.errors import (
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
    OutOfRangeError,
)
from micropath.internship import WEEKDAYS, check_in_dates
from micropath.planner import _checked_options
from micropath.terms import Term
from micropath.views.frame import plan_list
from micropath.views.text import milestone_reason, with_premium

if TYPE_CHECKING:
    import icalendar

    from micropath.planner import Milestone, Plan

__all__ = ["UID_NAMESPACE", "WEEKDAYS", "milestone_title", "to_ics"]

UID_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, "micropath.invalid")
"""The namespace of every event UID (UUID 5); fixed forever, so UIDs are stable."""

_ONE_DAY: Final = timedelta(days=1)
_MAX_REMINDER_DAYS: Final = (date.max - date.min).days
"""The earliest a reminder can be: a longer one reaches before any date (and past
what timedelta holds)."""
_MAX_CHECK_INS: Final = 1000
"""Most check-ins (weekly, about 19 years): a longer series takes seconds to write."""
_MAX_STUDENT: Final = 200
"""The longest student label, in characters: a title, not a record."""
_TITLES: Final = {
    "authorization": "authorization in hand",
    "card_in_hand": "EAD card in hand",
    "start": "first day of work",
}


def milestone_title(plan: Plan, item: Milestone, *, student: str | None = None) -> str:
    """An event summary: ``"[Ana Lee] OPT: latest filing (I-765 received by USCIS)"``.

    The title is what the milestone is (``latest filing``) and, in
    parentheses, its label; a label that already says it stands alone, so
    nothing is said twice.

    >>> import micropath as mp
    >>> p = mp.plan("CPT", "2027-01-04")
    >>> [milestone_title(p, m) for m in p.milestones][::2]
    ['CPT: latest offer (Offer extended)', 'CPT: latest filing (Request filed with the school)', \
'CPT: first day of work']
    >>> milestone_title(p, p.milestone("authorization"), student="1042")
    '[1042] CPT: authorization in hand (CPT endorsement on the I-20 in hand)'
    >>> opt = mp.plan("OPT", "2027-01-04")
    >>> milestone_title(opt, opt.milestone("card_in_hand"))
    'OPT: EAD card in hand (and its validity start reached)'
    >>> fast = mp.plan("OPT", "2027-01-04", premium=True)
    >>> milestone_title(fast, fast.milestone("filing"))
    'OPT with premium processing: latest filing (I-765 received by USCIS)'
    """
    head = "" if student is None else f"[{student}] "
    kind = plan.authorization.value + with_premium(plan)
    title = _TITLES.get(item.name, f"latest {item.name.replace('_', ' ')}")
    said, label = title.casefold(), item.label.casefold()
    if label in said:  # the label says nothing more
        return f"{head}{kind}: {title}"
    if said in label:  # the label says it all: EAD card in hand (and its validity ...)
        return f"{head}{kind}: {item.label}"
    if "(" in item.label:  # no parentheses inside parentheses
        return f"{head}{kind}: {title} - {item.label}"
    return f"{head}{kind}: {title} ({item.label})"


@_checked_options  # an unknown keyword is a MicropathError, as in plan()
def to_ics(
    plans: Plan | Iterable[Plan],
    *,
    student: str | Sequence[str | None] | None = None,
    reminders: Iterable[int] = (7, 1),
    internship: Term | None = None,
    check_ins: str | Iterable[DateLike] | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """An iCalendar (RFC 5545) file of the plans' deadlines.

    Args:
        plans: a :class:`~micropath.planner.Plan` or an iterable of them (at
            least one). A plan equal to an earlier one of the same student is
            left out; a different plan for the same student, authorization
            and start (other options) gets UIDs of its own.
        student: who the plans are for, shown in every title and part of
            every UID: a label (an id or a name; one line, at most 200
            characters) for all the plans, or a sequence of labels (or
            None), one per plan, for a combined file of several students.
            None: no label (the UIDs of earlier versions).
        reminders: days before each milestone for a display alarm
            (``TRIGGER:-P7D``), each from 0 to 3652058; ``()`` for none.
        internship: a :class:`~micropath.terms.Term` to add as one all-day
            event spanning the term (``DTEND`` is the day after its end, as
            RFC 5545 wants for all-day events; an event ending on 9999-12-31
            gives its ``DURATION`` instead). It is the student's when the
            plans have one label, and unlabelled otherwise.
        check_ins: all-day check-in events during *internship* (required
            with it): a weekday code (``"MO"`` ... ``"SU"``, see
            :data:`WEEKDAYS`) for every such weekday of the internship
            (:func:`~micropath.internship.check_in_dates`; the internship at
            most 1000 weeks long), or the dates themselves (dates or ISO
            strings, at most 1000; written in date order, each once).
        stamp: the ``DTSTAMP`` of every event, a timezone-aware datetime
            (stored in UTC). Default: now, to the second.

    Returns:
        The file's bytes (UTF-8, CRLF line ends), ready to write to a ``.ics``.

    Raises:
        MissingExtraError: ``icalendar`` is not installed.
        InvalidTypeError, InvalidValueError: an argument is unusable; the
            message names it.

    >>> import micropath as mp
    >>> data = to_ics(mp.plan("CPT", mp.iap(2027)), internship=mp.iap(2027), check_ins="FR")
    >>> data.count(b"BEGIN:VEVENT"), data.count(b"TRIGGER:-P7D")
    (10, 5)
    >>> ana, ben = (to_ics(mp.plan("AT", "2027-01-04"), student=name) for name in ("Ana", "Ben"))
    >>> b"SUMMARY:[Ana] AT: latest offer" in ana, ana.count(b"UID:"), b"[Ana]" in ben
    (True, 5, False)
    """
    given = plan_list(plans)
    if not given:
        raise InvalidValueError("plans", "at least one Plan", plans)
    items = _unique(list(zip(_students(student, len(given)), given, strict=True)))
    days_before = _reminders(reminders)
    if internship is not None and not isinstance(internship, Term):
        raise InvalidTypeError(
            "internship", "a micropath Term (such as iap(2027)) or None", internship
        )
    meetings = _check_ins(check_ins, internship)
    stamped = _stamp(stamp)
    try:
        import icalendar
    except ImportError:
        raise MissingExtraError("to_ics", "ics", module="icalendar") from None

    import micropath

    named = list(dict.fromkeys(label for label, _ in items if label is not None))
    owner = named[0] if len(named) == 1 and all(label for label, _ in items) else None
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//micropath//micropath {micropath.__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    kinds = ", ".join(dict.fromkeys(p.authorization.value for _, p in items))
    whose = f" for {owner}" if owner is not None else ""
    if owner is None and named:
        whose = f" for {len(named)} student{'' if len(named) == 1 else 's'}"
    calendar.add("x-wr-calname", f"micropath: {kinds} deadlines{whose}")

    seen: dict[tuple[str | None, str, date], int] = {}
    for label, p in items:
        key = (label, p.authorization.value, p.start)
        variant = seen.get(key, 0)
        seen[key] = variant + 1
        for item in p.milestones:
            parts = [p.authorization.value, p.start.isoformat(), item.name]
            if label is not None:
                parts.insert(0, f"student {label}")
            if variant:
                parts.append(f"variant {variant}")
            title = milestone_title(p, item, student=label)
            event = _event(
                uid=_uid(*parts),
                stamp=stamped,
                day=item.date,
                last=item.date,
                summary=title,
                description=_description(p, item, label),
            )
            for days in days_before:
                event.add_component(_alarm(days, title))
            calendar.add_component(event)

    if internship is not None:
        for event in _internship_events(internship, meetings, owner, stamped):
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _internship_events(
    internship: Term, meetings: tuple[date, ...], owner: str | None, stamp: datetime
) -> list[icalendar.Event]:
    """The internship's event and its check-ins', the student's if *owner* is given."""
    head = "" if owner is None else f"[{owner}] "
    mine = () if owner is None else (f"student {owner}",)
    events = [
        _event(
            uid=_uid(
                *mine,
                "internship",
                internship.name,
                internship.start.isoformat(),
                internship.end.isoformat(),
            ),
            stamp=stamp,
            day=internship.start,
            last=internship.end,
            summary=f"{head}Internship: {internship.name}",
            description=(
                f"{internship.name}: {internship.start.isoformat()} to "
                f"{internship.end.isoformat()}"
                f"{' (estimated dates)' if internship.estimated else ''}."
            ),
        )
    ]
    for number, day in enumerate(meetings, start=1):
        events.append(
            _event(
                uid=_uid(
                    *mine,
                    "check-in",
                    internship.name,
                    internship.start.isoformat(),
                    day.isoformat(),
                ),
                stamp=stamp,
                day=day,
                last=day,
                summary=f"{head}Check-in {number} of {len(meetings)}: {internship.name}",
                description=(
                    f"Check-in with the intern ({day.isoformat()}): CAPD's employer "
                    "page encourages regular check-ins during a micro-internship."
                ),
            )
        )
    return events


# -- the parts ------------------------------------------------------------------


def _event(
    *,
    uid: str,
    stamp: datetime,
    day: date,
    last: date,
    summary: str,
    description: str,
) -> icalendar.Event:
    """An all-day event from *day* to *last*, both included."""
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    if last < date.max:
        event.add("dtend", last + _ONE_DAY)  # exclusive end of an all-day event
    else:  # no day follows 9999-12-31: say how long instead (RFC 5545 allows either)
        event.add("duration", timedelta(days=(last - day).days + 1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    return event


def _alarm(days: int, summary: str) -> icalendar.Alarm:
    import icalendar

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    when = "today" if days == 0 else f"in {days} day{'' if days == 1 else 's'}"
    alarm.add("description", f"{when}: {summary}")
    return alarm


def _description(plan: Plan, item: Milestone, student: str | None) -> str:
    lines = [] if student is None else [f"Student: {student}."]
    lines += [
        f"{item.date.isoformat()}: {item.label} [{item.actor}].",
        f"Why: {milestone_reason(item)}.",
    ]
    if item.source is not None:
        lines.append(f"Source: {item.source.citation}.")
    premium = with_premium(plan) and f"{with_premium(plan)} (Form I-907)"
    summary = (
        f"{plan.authorization.value} plan{premium} for a first day of work on "
        f"{plan.start.isoformat()}: "
        f"latest offer {plan.latest_offer.isoformat()}, "
        f"latest filing {plan.latest_filing.isoformat()}"
    )
    if plan.earliest_filing is not None:
        summary += f", earliest filing {plan.earliest_filing.isoformat()}"
    lines.append(summary + ".")
    if plan.feasible:
        lines.append("These are latest safe dates: acting later risks missing the first day.")
    else:
        lines.append("Not feasible: " + "; ".join(str(reason) for reason in plan.reasons) + ".")
    lines.extend(f"Note: {notice}." for notice in plan.notices)
    return "\n".join(lines)


def _uid(*parts: str) -> str:
    return f"{uuid.uuid5(UID_NAMESPACE, '|'.join(parts))}@micropath"


# -- argument checks --------------------------------------------------------------


def _unique(items: list[tuple[str | None, Plan]]) -> list[tuple[str | None, Plan]]:
    """*items* without a (student, plan) pair equal to an earlier one, in order."""
    kept: list[tuple[str | None, Plan]] = []
    for item in items:
        if item not in kept:
            kept.append(item)
    return kept


def _students(value: object, count: int) -> list[str | None]:
    """One student label (or None) per plan: *value* for all, or one each."""
    expected = "None, a student label (str), or a sequence of labels, one per plan"
    if value is None:
        return [None] * count
    if isinstance(value, str):
        return [_label(value, "student")] * count
    if not isinstance(value, Sequence):
        raise InvalidTypeError("student", expected, value)
    if len(value) != count:
        raise InvalidValueError("student", f"{count} labels, one per plan", value)
    return [
        None if entry is None else _label(entry, f"student[{index}]")
        for index, entry in enumerate(value)
    ]


def _label(value: object, parameter: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(parameter, "a student label (str) or None", value)
    text = value.strip()
    if not text or len(text) > _MAX_STUDENT:
        raise InvalidValueError(
            parameter, f"a label of 1 to {_MAX_STUDENT} characters (an id or a name)", value
        )
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text):
        raise InvalidValueError(parameter, "a label on one line, without control characters", value)
    if any(unicodedata.category(char) == "Cs" for char in text):  # argv bytes not UTF-8
        raise InvalidValueError(parameter, "a label of UTF-8 text (no lone surrogate)", value)
    return text


def _reminders(value: object) -> tuple[int, ...]:
    entries = to_items(value, "reminders", "an iterable of whole days before, such as (7, 1)")
    days: list[int] = []
    for index, entry in enumerate(entries):
        count = to_count(entry, f"reminders[{index}]")
        if not 0 <= count <= _MAX_REMINDER_DAYS:
            raise InvalidValueError(
                f"reminders[{index}]", f"from 0 to {_MAX_REMINDER_DAYS} days before", count
            )
        if count not in days:
            days.append(count)
    return tuple(days)


def _check_ins(value: object, internship: Term | None) -> tuple[date, ...]:
    """The check-in days to write: a weekday's days of *internship*, or the dates given."""
    if value is None:
        return ()
    codes = ", ".join(repr(code) for code in WEEKDAYS)
    expected = f"None, a weekday code among {codes}, or an iterable of dates"
    if isinstance(value, str):
        code = value.strip().upper()
        if code not in WEEKDAYS:
            raise InvalidValueError("check_ins", expected, value)
        given = None
    else:
        entries = to_items(value, "check_ins", expected)
        given = [to_date(entry, f"check_ins[{index}]") for index, entry in enumerate(entries)]
    if internship is None:
        raise InvalidValueError(
            "check_ins", "None unless internship= is given (check-ins fall within it)", value
        )
    if given is not None:
        days = sorted(set(given))
        if len(days) > _MAX_CHECK_INS:
            raise InvalidValueError(
                "check_ins", f"at most {_MAX_CHECK_INS} dates (one event each)", value
            )
        return tuple(days)
    if internship.weeks > _MAX_CHECK_INS:
        raise InvalidValueError(
            "check_ins",
            f"None for an internship of more than {_MAX_CHECK_INS} weeks (one event a week; "
            f"{internship.name} has {internship.weeks})",
            value,
        )
    return check_in_dates(internship, code)


def _stamp(value: object) -> datetime:
    if value is None:  # the export time: a view may read the clock
        return datetime.now(UTC).replace(microsecond=0)
    if not isinstance(value, datetime):
        raise InvalidTypeError("stamp", "None or a timezone-aware datetime", value)
    if value.utcoffset() is None:
        raise InvalidValueError(
            "stamp", "a timezone-aware datetime (DTSTAMP is stored in UTC)", value
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise OutOfRangeError(
            "stamp", "a datetime whose UTC time lies within years 1 to 9999", value
        ) from None
