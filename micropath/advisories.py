"""Advisories: policy news that no calculator shows, as effective-dated data.

Rules change by announcement. An :class:`Advisory` names an announcement (a
hold on decisions, a proposed rule), its status (``in-force``, ``proposed`` or
``paused``), when it took effect and, if known, when it ends, the
authorizations and actors it affects, and its source. A plan shows the
advisories in force on its ``today`` (or, without one, on its latest filing)
as findings of severity ``advisory``.

The list is as of the release date (see ``docs/rules.md``: adding an
advisory). micropath never asks for or stores nationality: an advisory that
applies to some students only says so, and the advisor decides.

>>> [a.key for a in in_force("OPT", date(2026, 11, 30))]
['uscis-hold-pp10949', 'uscis-hold-pp10998', 'biometrics-nprm-2025']
>>> in_force("CPT", date(2026, 11, 30))
()
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

import attrs

from micropath._convert import DateLike, to_date
from micropath.pathways import Actor, Authorization
from micropath.sources import Source

__all__ = ["ADVISORIES", "Advisory", "Status", "in_force"]

Status = Literal["in-force", "proposed", "paused"]
"""``in-force``: applied now; ``proposed``: a proposed rule, informational;
``paused``: announced but stopped (by a court, say), informational."""

_CHECKED: Final = date(2026, 11, 30)


@attrs.frozen
class Advisory:
    """One piece of effective-dated policy news.

    Attributes:
        key: stable, kebab-case; also the finding's ``advisory`` parameter.
        title: what it is, in a few words.
        status: ``in-force``, ``proposed`` or ``paused``.
        effective: the first day it is shown.
        ends: the last day it is shown, or None (open-ended).
        authorizations: the authorizations it affects.
        actors: the actors whose steps it affects (``"uscis"``, ``"school"``).
        source: its citation, confidence and kind.
        applies_to_some: it applies to some students only (a nationality list):
            a plan cannot tell, so the advisor decides.
    """

    key: str
    title: str
    status: Status
    effective: date
    ends: date | None
    authorizations: frozenset[Authorization]
    actors: frozenset[Actor]
    source: Source
    applies_to_some: bool = False

    def shown_on(self, day: date) -> bool:
        """True if the advisory is shown on *day* (from ``effective`` to ``ends``)."""
        return self.effective <= day and (self.ends is None or day <= self.ends)


ADVISORIES: Final = (
    Advisory(
        "uscis-hold-pp10949",
        "USCIS hold on final decisions on benefit requests (Form I-765 included) for "
        "people born in or citizens of the countries listed in Presidential "
        "Proclamation 10949",
        "in-force",
        date(2025, 12, 2),
        None,
        frozenset({Authorization.OPT}),
        frozenset({"uscis"}),
        Source(
            "uscis-hold-pp10949",
            "USCIS holds pending benefit requests, I-765 included, of people born in or "
            "citizens of the 19 countries of Presidential Proclamation 10949",
            "USCIS Policy Memorandum PM-602-0192 (2025-12-02); USCIS has said the hold "
            "covers Form I-765",
            "M",
            _CHECKED,
            note="No end date announced. micropath never asks for nationality.",
            kind="regulation",
            effective=date(2025, 12, 2),
        ),
        applies_to_some=True,
    ),
    Advisory(
        "uscis-hold-pp10998",
        "The USCIS hold widened to the countries added by Presidential Proclamation 10998",
        "in-force",
        date(2026, 1, 1),
        None,
        frozenset({Authorization.OPT}),
        frozenset({"uscis"}),
        Source(
            "uscis-hold-pp10998",
            "USCIS holds pending benefit applications of people from the countries listed "
            "in Presidential Proclamation 10998 (2025-12-16)",
            "USCIS Policy Memorandum PM-602-0194 (2026-01-01)",
            "M",
            _CHECKED,
            note="Exceptions listed in the memorandum do not include (c)(3) OPT.",
            kind="regulation",
            effective=date(2026, 1, 1),
        ),
        applies_to_some=True,
    ),
    Advisory(
        "biometrics-nprm-2025",
        "Proposed rule: biometrics from every applicant, regardless of age",
        "proposed",
        date(2025, 11, 3),
        None,
        frozenset({Authorization.OPT}),
        frozenset({"uscis"}),
        Source(
            "biometrics-nprm-2025",
            "DHS proposes to require biometrics from any individual filing or associated "
            "with a benefit request, unless exempted (proposed only; not in force)",
            "DHS, Collection and Use of Biometrics by USCIS, proposed rule, 90 FR 49062 "
            "(2025-11-03), RIN 1615-AC99",
            "H",
            _CHECKED,
            note="Proposed: informational. A final rule would change biometrics, not the "
            "planned dates, until USCIS says how it affects processing.",
            kind="regulation",
            effective=date(2025, 11, 3),
        ),
    ),
)
"""Every advisory micropath knows, as of the release date, oldest first."""


def in_force(authorization: Authorization | str, day: DateLike) -> tuple[Advisory, ...]:
    """The advisories shown on *day* for *authorization*.

    Raises:
        UnknownNameError: an unknown authorization.
        InvalidValueError, InvalidTypeError: *day* is not a date or ISO string.
    """
    kind = Authorization.parse(authorization)
    when = to_date(day, "day")
    return tuple(a for a in ADVISORIES if kind in a.authorizations and a.shown_on(when))
