"""PlanOptions: the one list of plan options.

Every option of :func:`~micropath.plan` and :func:`~micropath.earliest_start`
is a field of :class:`PlanOptions`, with its type, default, validation, unit,
the source of its default and its help text (in the field's ``metadata``).
The command line's flags, the batch columns and the schema table in the docs
are derived from these fields (:func:`fields`): a field ``x_y`` is the flag
``--x-y`` and the column ``x_y``; a lead field also has ``--x-y-business``.

The frozen value is hashable and is the planner's cache key.

>>> opts = PlanOptions(processing=90, premium=False)
>>> opts.processing
Lead(90, 'days')
>>> PlanOptions(confidence=1.5)
Traceback (most recent call last):
...
micropath.errors.InvalidValueError: confidence must be a number in (0, 1], such as 0.95, got 1.5
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Final, Literal, TypedDict

import attrs

from micropath._convert import DateLike, to_count, to_optional_date
from micropath.calendar import Calendar
from micropath.errors import InvalidTypeError, InvalidValueError, UnknownNameError
from micropath.estimates import Estimate, LeadLike, Percentiles, Samples, to_confidence
from micropath.leads import Lead, to_lead
from micropath.pathways import ACTORS, Actor

if TYPE_CHECKING:
    from micropath.schools import School

__all__ = [
    "FILING_METHODS",
    "NAMES",
    "Field",
    "FilingMethod",
    "PlanKeywords",
    "PlanOptions",
    "fields",
]

FilingMethod = Literal["online", "paper"]
FILING_METHODS: Final[tuple[FilingMethod, ...]] = ("online", "paper")
"""How the I-765 is filed: online (received when submitted, any day) or on
paper (received on a USCIS business day)."""

ValueKind = Literal["lead", "bool", "date", "count", "confidence", "choice", "school", "calendar"]
"""How a field's value is written as text (a flag or a cell): see :class:`Field`."""


@attrs.frozen
class Field:
    """One plan option as data: what the CLI, batch and the docs derive from.

    Attributes:
        name: the keyword (``filing_window``); the flag is ``--filing-window``
            and the batch column ``filing_window``.
        value: how the value is written as text: ``lead`` (whole days; a
            ``--x-business`` flag or ``x_business`` column gives business
            days), ``bool``, ``date`` (ISO), ``count`` (a whole number),
            ``confidence`` (a number in (0, 1]), ``choice`` (one of
            :attr:`choices`), ``school`` (a name or a TOML file),
            ``calendar`` (a calendar name).
        unit: the unit of the value, or ``""``.
        default: the default, in words.
        source: where the default comes from (a source key, or words).
        help: one line of help.
        choices: the allowed words of a ``choice`` field.
        text: the field can be given as text (a flag or a column).
    """

    name: str
    value: ValueKind
    unit: str
    default: str
    source: str
    help: str
    choices: tuple[str, ...] = ()
    text: bool = True

    @property
    def flag(self) -> str:
        """The command-line flag: ``--filing-window``."""
        return "--" + self.name.replace("_", "-")


def _estimate(value: LeadLike | None, name: str) -> Lead | Estimate | None:
    if value is None or isinstance(value, (Percentiles, Samples)):
        return value
    return to_lead(value, name)


def _processing(value: LeadLike | None) -> Lead | Estimate | None:
    return _estimate(value, "processing")


def _preparation(value: LeadLike | None) -> Lead | Estimate | None:
    return _estimate(value, "preparation")


def _decision(value: LeadLike | None) -> Lead | Estimate | None:
    return _estimate(value, "decision")


def _mailing(value: LeadLike | None) -> Lead | Estimate | None:
    return _estimate(value, "mailing")


def _recommendation(value: LeadLike | None) -> Lead | Estimate | None:
    return _estimate(value, "recommendation")


def _filing_window(value: Lead | int | None) -> Lead | None:
    return None if value is None else to_lead(value, "filing_window")


def _program_end(value: DateLike | None) -> date | None:
    return to_optional_date(value, "program_end")


def _academic_year_completes(value: DateLike | None) -> date | None:
    return to_optional_date(value, "academic_year_completes")


def _today(value: DateLike | None) -> date | None:
    return to_optional_date(value, "today")


def _bool(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(attribute.name, "a bool", value)


def _terms(value: int | None) -> int | None:
    if value is None:
        return None
    terms = to_count(value, "terms_completed")
    if not 0 <= terms <= _MOST_TERMS:
        raise InvalidValueError("terms_completed", f"a count from 0 to {_MOST_TERMS}", terms)
    return terms


_MOST_TERMS: Final = 100
"""No student has completed more terms than this; a larger count is a mistake."""


def _confidence(value: float | None) -> float | None:
    if value is None:
        return None
    to_confidence(value)  # rejects what is not a number in (0, 1]
    return float(value)


def _filing(value: str) -> FilingMethod:
    expected = "'online' or 'paper'"
    if not isinstance(value, str):
        raise InvalidTypeError("filing", expected, value)
    method = value.strip().lower()
    if method == "online":
        return "online"
    if method == "paper":
        return "paper"
    raise InvalidValueError("filing", expected, value)


def _school(value: School | str | None) -> School | None:
    from micropath.schools import School, by_name

    if value is None or isinstance(value, School):
        return value
    expected = "a micropath School, or 'mit' or 'generic' (a school file: School.from_toml(path))"
    if isinstance(value, str):
        try:
            return by_name(value)
        except UnknownNameError:  # a file's path, perhaps: say how to load one
            raise UnknownNameError("school", expected, value) from None
    raise InvalidTypeError("school", expected, value)


def _calendar(
    value: Calendar | Mapping[str, Calendar] | tuple[tuple[str, Calendar], ...] | None,
) -> Calendar | tuple[tuple[Actor, Calendar], ...] | None:
    if value is None or isinstance(value, Calendar):
        return value
    if isinstance(value, tuple):  # normalized pairs, as this converter returns them
        with contextlib.suppress(TypeError, ValueError):
            value = dict(value)
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "calendar", "a Calendar, or a mapping from actor ('school', 'uscis') to Calendar", value
        )
    chosen: dict[Actor, Calendar] = {}
    for actor, cal in value.items():
        if actor not in ACTORS:
            raise InvalidValueError("calendar", f"actors among {', '.join(ACTORS)}", actor)
        if not isinstance(cal, Calendar):
            raise InvalidTypeError(f"calendar[{actor!r}]", "a micropath.Calendar", cal)
        chosen[actor] = cal
    return tuple(sorted(chosen.items()))


def _meta(
    *,
    value: ValueKind,
    unit: str = "",
    shown: str,
    source: str,
    help: str,
    choices: tuple[str, ...] = (),
    text: bool = True,
) -> dict[str, object]:
    """A field's metadata: its :class:`Field` (the name is added from the field)."""
    return {"option": (value, unit, shown, source, help, choices, text)}


_LEAD_HELP = "calendar days, or business days of the office that does the step"


@attrs.frozen(cache_hash=True)
class PlanOptions:
    """The options of a plan: every field is keyword-only and validated.

    Leads (``processing``, ``preparation``, ``decision``, ``mailing``,
    ``recommendation``) override a step's default: an ``int`` is calendar days,
    :func:`~micropath.business_days` counts the step's actor's business days,
    and :func:`~micropath.percentiles` / :func:`~micropath.samples` give an
    estimate planned at ``confidence``. None keeps the default of the pathway
    or the school. Change one with :func:`attrs.evolve`.

    Raises:
        InvalidTypeError, InvalidValueError: a field of the wrong type or
            value; the message names the field.
    """

    processing: Lead | Estimate | None = attrs.field(
        default=None, kw_only=True, converter=_processing,
        metadata=_meta(value="lead", unit="days", shown="pathway or school default",
        source="cpt-processing, opt-processing, at-processing",
        help="the authority's processing time (" + _LEAD_HELP + ")"),
    )  # fmt: skip
    preparation: Lead | Estimate | None = attrs.field(
        default=None, kw_only=True, converter=_preparation,
        metadata=_meta(value="lead", unit="days", shown="5 business days", source="preparation",
        help="time to prepare the request after accepting the offer"),
    )  # fmt: skip
    decision: Lead | Estimate | None = attrs.field(
        default=None, kw_only=True, converter=_decision,
        metadata=_meta(value="lead", unit="days", shown="7 business days", source="capd-calendar",
        help="the student's time to decide on the offer"),
    )  # fmt: skip
    mailing: Lead | Estimate | None = attrs.field(
        default=None, kw_only=True, converter=_mailing,
        metadata=_meta(value="lead", unit="days", shown="14 days", source="opt-mailing",
        help="OPT only: the EAD card's mailing after approval"),
    )  # fmt: skip
    recommendation: Lead | Estimate | None = attrs.field(
        default=None, kw_only=True, converter=_recommendation,
        metadata=_meta(value="lead", unit="days", shown="10 business days",
        source="opt-recommendation",
        help="OPT only: the school's time to issue the OPT recommendation"),
    )  # fmt: skip
    premium: bool = attrs.field(
        default=False, kw_only=True, validator=_bool,
        metadata=_meta(value="bool", shown="False", source="premium-2024",
        help="OPT only: USCIS premium processing, by the rule in force on the filing date"),
    )  # fmt: skip
    filing: FilingMethod = attrs.field(
        default="online", kw_only=True, converter=_filing,
        metadata=_meta(value="choice", shown="'online'", source="online-filing",
        help="OPT only: how the I-765 is filed: 'online' (received when submitted, any day) "
        "or 'paper' (received on a USCIS business day)", choices=FILING_METHODS),
    )  # fmt: skip
    filing_window: Lead | None = attrs.field(
        default=None, kw_only=True, converter=_filing_window,
        metadata=_meta(value="lead", unit="days", shown="the school's practice (MIT: none)",
        source="filing-window-practice",
        help="file no earlier than this long before the start (a school practice)"),
    )  # fmt: skip
    program_end: date | None = attrs.field(
        default=None, kw_only=True, converter=_program_end,
        metadata=_meta(value="date", shown="None", source="opt-post-window",
        help="OPT: the program end date; a first day after it plans post-completion OPT "
        "(c)(3)(B)"),
    )  # fmt: skip
    academic_year_completes: date | None = attrs.field(
        default=None, kw_only=True, converter=_academic_year_completes,
        metadata=_meta(value="date", shown="None", source="opt-90-day-rule",
        help="when one full academic year completes: OPT may be filed at most 90 days "
        "before it, and work may not start before it"),
    )  # fmt: skip
    terms_completed: int | None = attrs.field(
        default=None, kw_only=True, converter=_terms,
        metadata=_meta(value="count", unit="terms", shown="None", source="first-academic-year",
        help="terms completed; fewer than one academic year (2) is not eligible where a "
        "rule asks for it"),
    )  # fmt: skip
    immediate_cpt: bool = attrs.field(
        default=False, kw_only=True, validator=_bool,
        metadata=_meta(value="bool", shown="False", source="first-academic-year",
        help="CPT only: the program requires CPT from the first term"),
    )  # fmt: skip
    school: School | None = attrs.field(
        default=None, kw_only=True, converter=_school,
        metadata=_meta(value="school", shown="schools.mit()", source="the school's own",
        help="the school: 'mit', 'generic' or a TOML file (its calendar, terms and practices)"),
    )  # fmt: skip
    calendar: Calendar | tuple[tuple[Actor, Calendar], ...] | None = attrs.field(
        default=None, kw_only=True, converter=_calendar,
        metadata=_meta(value="calendar", shown="school's calendar; federal for USCIS",
        source="the school's calendar, calendars.federal()",
        help="a calendar for every actor, or per actor ('school', 'uscis'): overrides the "
        "school's and USCIS's"),
    )  # fmt: skip
    confidence: float | None = attrs.field(
        default=None, kw_only=True, converter=_confidence,
        metadata=_meta(value="confidence", shown="None", source="opt-processing",
        help="plan estimates at the smallest duration covering this share of cases, in (0, 1]"),
    )  # fmt: skip
    today: date | None = attrs.field(
        default=None, kw_only=True, converter=_today,
        metadata=_meta(value="date", shown="None (no advisories, no passed deadlines)",
        source="the caller",
        help="the day the plan is made: advisories in force then, and deadlines already "
        "passed"),
    )  # fmt: skip

    def __new__(cls, *args: object, **kwargs: object) -> PlanOptions:
        """Refuse positional values and unknown names with a MicropathError."""
        if args:
            raise InvalidTypeError(
                "options", "keyword options only (PlanOptions(premium=True))", args
            )
        unknown = sorted(kwargs.keys() - _NAME_SET)
        if unknown:
            close = difflib.get_close_matches(unknown[0], NAMES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidTypeError(
                "options", f"keyword options among {', '.join(NAMES)}{hint}", unknown[0]
            )
        return super().__new__(cls)

    def __attrs_post_init__(self) -> None:
        if self.premium and self.processing is not None:
            raise InvalidValueError(
                "processing", "None when premium=True (premium processing sets the lead)",
                self.processing,
            )  # fmt: skip


def _fields() -> tuple[Field, ...]:
    out = []
    for attribute in attrs.fields(PlanOptions):
        value, unit, shown, source, help_, choices, text = attribute.metadata["option"]
        out.append(Field(attribute.name, value, unit, shown, source, help_, choices, text))
    return tuple(out)


_FIELDS: Final = _fields()
NAMES: Final = tuple(field.name for field in _FIELDS)
"""The option names, in field order."""
_NAME_SET: Final = frozenset(NAMES)


def fields() -> tuple[Field, ...]:
    """Every plan option as a :class:`Field`, in order.

    >>> [f.flag for f in fields()][:3]
    ['--processing', '--preparation', '--decision']
    """
    return _FIELDS


class PlanKeywords(TypedDict, total=False):
    """:func:`~micropath.plan`'s keywords, for functions that pass them on
    (``check_cycle(cycle, **options)``, ``compare``). Its keys are exactly
    :data:`NAMES` (a test checks it)."""

    processing: LeadLike | None
    preparation: LeadLike | None
    decision: LeadLike | None
    mailing: LeadLike | None
    recommendation: LeadLike | None
    premium: bool
    filing: FilingMethod
    filing_window: Lead | int | None
    program_end: DateLike | None
    academic_year_completes: DateLike | None
    terms_completed: int | None
    immediate_cpt: bool
    school: School | str | None
    calendar: Calendar | Mapping[str, Calendar] | None
    confidence: float | None
    today: DateLike | None
