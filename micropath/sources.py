"""Where every default comes from.

Each fact micropath uses by default (a processing time, a fee, a rule) is a
:class:`Source`: a citation, how sure we are (``H``/``M``/``L``), and when it
was checked. They are data, listed in :data:`SOURCES` and rendered in
``docs/rules.md``; nothing in the planner is a bare constant.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

import attrs

__all__ = ["SOURCES", "Confidence", "Kind", "Source"]

Confidence = Literal["H", "M", "L"]
Kind = Literal["regulation", "practice", "estimate"]
"""What a source's fact is: ``regulation`` (the CFR, a statute, an executive
order, USCIS's binding rules), a school's or office's ``practice``, or an
``estimate`` (a processing time, an allowance: neither law nor policy)."""


@attrs.frozen
class Source:
    """A citation for a default: what it says, where it is from, and how sure we are."""

    key: str
    fact: str
    citation: str
    confidence: Confidence
    checked: date
    url: str = ""
    note: str = ""
    kind: Kind = "estimate"
    """Regulation, practice or estimate (see :data:`Kind`)."""
    effective: date | None = None
    """When the fact took effect, where that matters (a fee, a rule), else None."""


_CHECKED = date(2026, 11, 28)

_ALL: Final = (
    Source(
        "given",
        "A lead set by the caller",
        "given by the caller (a plan option), not a micropath default",
        "H",
        _CHECKED,
        note="The caller's own estimate; micropath cites no outside source for it.",
        kind="estimate",
    ),
    Source(
        "capd-calendar",
        "Offers by October 25; students get 5-7 business days to decide; IAP work",
        "MIT CAPD, 'Hire a MIT micro-intern' (employer page: key dates)",
        "H",
        _CHECKED,
        note="Planned at the longest window, 7 business days.",
        kind="practice",
    ),
    Source(
        "preparation",
        "5 business days to prepare the request (offer letter, advisor approval)",
        "micropath planning default; no published figure",
        "L",
        _CHECKED,
        note="An allowance, not a rule: override it with preparation=.",
        kind="estimate",
    ),
    Source(
        "cpt-processing",
        "CPT processing at MIT: 'average ... 2 weeks'; other schools 5-15 business days",
        "MIT International Students Office, CPT page",
        "M",
        _CHECKED,
        note="Planned as 10 business days of the school's calendar.",
        kind="estimate",
    ),
    Source(
        "opt-recommendation",
        "OPT I-20 (DSO recommendation in SEVIS) at MIT: about 10 days",
        "MIT Sloan career office guidance (2020)",
        "M",
        _CHECKED,
        note="Planned as 10 business days of the school's calendar.",
        kind="estimate",
    ),
    Source(
        "opt-processing",
        "I-765 processing: 'can take up to 120 days' (CAPD); MIT ISO says 3-4 months",
        "MIT CAPD employer page; MIT ISO OPT page",
        "M",
        _CHECKED,
        note=(
            "USCIS's published processing time is the time in which 80% of cases "
            "finished over six months: a percentile, not a maximum."
        ),
        kind="estimate",
    ),
    Source(
        "opt-mailing",
        "EAD card mailing after approval: usually 7-14 days",
        "MIT International Students Office, OPT page",
        "M",
        _CHECKED,
        note="Planned at the longest, 14 calendar days.",
        kind="estimate",
    ),
    Source(
        "at-processing",
        "AT processing: no MIT figure found; other sponsors say apply at least 2 weeks ahead",
        "J-1 sponsors' Academic Training pages (not MIT)",
        "L",
        _CHECKED,
        note="Planned as 10 business days of the school's calendar; override it.",
        kind="estimate",
    ),
    Source(
        "opt-30-day-rule",
        "USCIS must receive the I-765 within 30 days of the DSO's SEVIS recommendation",
        "8 CFR 214.2(f)(11)(i)(B)(2); Form I-765 instructions; SEVP Broadcast 2111-03",
        "M",
        _CHECKED,
        note=(
            "The regulation's text sits in the post-completion paragraph; the form "
            "instructions and SEVP apply it to all OPT. Treated as binding."
        ),
        kind="regulation",
    ),
    Source(
        "opt-90-day-rule",
        "Pre-completion OPT may be filed up to 90 days before completing one full academic year",
        "8 CFR 214.2(f)(11)(i)(B)",
        "H",
        _CHECKED,
        note="The regulation has no '90 days before the start date' limit; schools may.",
        kind="regulation",
    ),
    Source(
        "filing-window-practice",
        "Many schools accept OPT requests no earlier than N days before the start date",
        "School practice (varies); not in the regulation",
        "M",
        _CHECKED,
        note="Off by default (filing_window=None), as in the regulation.",
        kind="practice",
    ),
    Source(
        "premium-2023",
        "Premium processing for (c)(3)(A) OPT: 30 calendar days",
        "USCIS announcement (2023): upgrades of pending I-765s from 2023-03-06, "
        "new I-765s filed with Form I-907 from 2023-04-03",
        "H",
        _CHECKED,
        note="micropath accepts premium for filings from 2023-03-06.",
        kind="regulation",
    ),
    Source(
        "premium-2024",
        "Premium processing counted in business days (weekends and federal holidays excluded)",
        "USCIS fee rule, 89 FR 6194 (2024-01-31), effective 2024-04-01; 8 CFR 106.4",
        "H",
        _CHECKED,
        note="A request for evidence restarts the clock; micropath does not model RFEs.",
        kind="regulation",
    ),
    Source(
        "first-academic-year",
        "CPT, OPT and AT need one full academic year enrolled (MIT: a Fall and a Spring)",
        "8 CFR 214.2(f)(10); MIT ISO; 22 CFR 62.23(g)",
        "H",
        _CHECKED,
        note="CPT exception: graduate programs that require immediate CPT.",
        kind="regulation",
    ),
    Source(
        "ma-wage",
        "Massachusetts minimum wage: $15.00 an hour from 2023-01-01 (earlier steps from 2016)",
        "M.G.L. c. 151 s. 1, as amended by St. 2018, c. 121 ('Grand Bargain')",
        "M",
        _CHECKED,
        note="The whole 2016-2023 schedule is confirmed; no change after 2023 was found.",
        kind="regulation",
    ),
    Source(
        "opt-half-rate",
        "Part-time pre-completion OPT (20 hours a week or less) is deducted at half rate",
        "School guidance (several universities' OPT pages)",
        "M",
        _CHECKED,
        note="Not found in today's text of 8 CFR 214.2(f); treat as school practice.",
        kind="practice",
    ),
    Source(
        "cpt-12-months",
        "12 months or more of full-time CPT ends post-completion OPT eligibility",
        "8 CFR 214.2(f)(10)(i)",
        "H",
        _CHECKED,
        kind="regulation",
    ),
    Source(
        "at-limit",
        "Academic Training: 18 months or the program's length, whichever is shorter",
        "22 CFR 62.23(g)",
        "H",
        _CHECKED,
        note="Part-time AT counts as full time at MIT.",
        kind="regulation",
    ),
    Source(
        "i765-fee",
        "Form I-765 fee: $410 from 2016-12-23; $520 paper / $470 online from 2024-04-01",
        "USCIS fee rules 81 FR 73292 (2016) and 89 FR 6194 (2024-01-31)",
        "M",
        _CHECKED,
        note="H.R. 1 (2025) EAD fees cover other categories, not (c)(3)(A).",
        kind="regulation",
    ),
    Source(
        "premium-fee",
        "Premium processing fee: $1,500 (2023), $1,685 from 2024-02-26, $1,780 from 2026-03-01",
        "USCIS; 88 FR 89539 (2023-12-28); 91 FR 1059 (2026-01-12)",
        "M",
        _CHECKED,
        note="$1,780 is confirmed by secondary sources; the rule and date by the Federal Register.",
        kind="regulation",
    ),
    Source(
        "iap-dates",
        "IAP dates: published for 2001, 2022, 2024, 2025, 2026; others by rule",
        "MIT Registrar, academic calendar",
        "H",
        _CHECKED,
        note=(
            "Rule fitted to every published year: starts on the first Monday after "
            "January 1 that is not a holiday, ends 25 days later (Friday of week 4)."
        ),
        kind="practice",
    ),
)

SOURCES: Final[dict[str, Source]] = {source.key: source for source in _ALL}
"""Every default's source, by key."""
