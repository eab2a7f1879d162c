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
        "capd-terms",
        "Micro-internships are typically 4-6 week projects of 10-35 hours a week, mostly in IAP",
        "MIT CAPD, micro-internship program pages ('Hire a MIT micro-intern')",
        "H",
        _CHECKED,
        note="Typical terms, not limits: an internship outside them gets a notice, not an error.",
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
        "CPT and OPT need one full academic year enrolled (MIT: a Fall and a Spring)",
        "8 CFR 214.2(f)(10)",
        "H",
        _CHECKED,
        note="CPT exception: graduate programs that require immediate CPT. MIT ISO reads a "
        "full academic year as a Fall and a Spring.",
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
        "twenty-hour-rule",
        "F-1 and J-1 students may work at most 20 hours a week while school is in session; "
        "full time only during vacations",
        "8 CFR 214.2(f)(9)(i) (on-campus employment) and 214.2(f)(10) (practical training)",
        "M",
        _CHECKED,
        note=(
            "H for F-1 on-campus work and pre-completion OPT, whose text states the cap. For "
            "CPT and J-1 Academic Training the in-session cap is how schools apply their "
            "rules (MIT among them); that was not verified in the regulation text."
        ),
        kind="regulation",
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
        "cpt-concurrent-part-time",
        "Concurrent part-time CPT jobs whose hours add up to more than 20 a week count as "
        "full time toward the 12-month rule",
        "School guidance (international offices' CPT pages); not in 8 CFR 214.2(f)(10)(i)",
        "M",
        _CHECKED,
        note=(
            "micropath adds the hours a week of every CPT period covering a day, as written "
            "(6.7 + 6.7 + 6.6 is 20, part time); add_concurrent_hours=False turns it off."
        ),
        kind="practice",
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
        "at-postdoctoral",
        "Post-doctoral Academic Training may total 36 months, including any earlier AT",
        "22 CFR 62.23(g), as cited for at-limit; sub-paragraph not verified",
        "M",
        _CHECKED,
        note=(
            "H for the 36 months (the sponsor pages found agree). micropath also caps it at "
            "the program's length: some sponsors say the total 'may not exceed the period of "
            "the full course of study', others state 36 months flat (the conservative reading)."
        ),
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
    Source(
        "mit-at-one-year",
        "AT at MIT: one full academic year enrolled first (a Fall and a Spring)",
        "MIT International Students Office, Academic Training page (MIT practice)",
        "M",
        _CHECKED,
        note=(
            "A school's practice, not regulation: 22 CFR 62.23 sets no minimum "
            "enrollment before AT. Applies only with schools.mit()."
        ),
        kind="practice",
    ),
    Source(
        "opt-post-window",
        "Post-completion OPT: file the I-765 from 90 days before to 60 days after the "
        "program end date, within 30 days of the DSO's recommendation",
        "8 CFR 214.2(f)(11)(i)(B)(2)",
        "H",
        _CHECKED,
        kind="regulation",
    ),
    Source(
        "opt-post-start",
        "Post-completion OPT: the requested start date is no later than 60 days after "
        "the program end date; the EAD is valid from the later of the requested start "
        "and the approval",
        "8 CFR 214.2(f)(10)(ii), (f)(11)(i)(B)(2); USCIS Policy Manual, Vol. 2, Part F, "
        "Ch. 5; Form I-765 instructions",
        "H",
        _CHECKED,
        kind="regulation",
    ),
    Source(
        "school-processing",
        "A school's CPT or AT processing: 5-15 business days at most schools",
        "micropath survey of international offices' published CPT pages (no single source)",
        "L",
        _CHECKED,
        note="Planned at 10 business days of the school's calendar; set the school's own.",
        kind="estimate",
    ),
    Source(
        "school-recommendation",
        "A school's time to issue the OPT recommendation (OPT I-20): about 2 weeks",
        "micropath planning default; schools publish 5-15 business days",
        "L",
        _CHECKED,
        note="Planned at 10 business days of the school's calendar; set the school's own.",
        kind="estimate",
    ),
    Source(
        "online-filing",
        "USCIS accepts (c)(3)(A) and (c)(3)(B) I-765s online; an electronic filing is "
        "received when it is submitted, on any day; a paper filing's receipt falls on a "
        "USCIS business day",
        "USCIS, Forms Available to File Online (I-765: (c)(3)(A), (c)(3)(B)); USCIS Policy "
        "Manual, Vol. 1, Part B, Ch. 1 (update of 2023-03-29); 8 CFR 103.2(a)(7)(i)",
        "H",
        _CHECKED,
        note=(
            "micropath's default is online (filing='online'); give filing='paper' for a "
            "mailed form. Fees apply by the submission date (online) or postmark (paper)."
        ),
        kind="regulation",
        effective=date(2023, 3, 29),
    ),
    Source(
        "federal-wage",
        "Federal minimum wage: $7.25 an hour from 2009-07-24",
        "Fair Labor Standards Act, 29 U.S.C. 206(a)(1)(C)",
        "H",
        _CHECKED,
        kind="regulation",
        effective=date(2009, 7, 24),
    ),
    Source(
        "federal-holidays",
        "Federal legal public holidays, each from its law's first year: Columbus Day from 1971, "
        "Martin Luther King Jr. Day from 1986, Juneteenth from 2021; Washington's Birthday, "
        "Memorial Day and Columbus Day on Mondays from 1971; Veterans Day on the fourth Monday "
        "of October 1971-1977, on November 11 again from 1978; a Saturday holiday observed "
        "the Friday before, a Sunday holiday the Monday after",
        "5 U.S.C. 6103; Pub. L. 90-363 (1968, effective 1971-01-01); Pub. L. 94-97 (1975); "
        "Pub. L. 98-144 (1983); Pub. L. 117-17 (2021); Pub. L. 86-362 (1959) and Executive "
        "Order 11582 (1971) for observed days",
        "H",
        _CHECKED,
        note=(
            "Data from the holidays package, corrected in micropath._holiday_data: it lists "
            "Columbus Day 1970-10-12 and two names for Martin Luther King Jr. Day, and misses "
            "the observed Memorial Day 1970-05-29."
        ),
        kind="regulation",
    ),
    Source(
        "inauguration-day",
        "Inauguration Day is a holiday only for employees in the Inauguration Day area "
        "(D.C. and nearby Maryland and Virginia counties and cities)",
        "5 U.S.C. 6103(c)",
        "H",
        _CHECKED,
        note="USCIS works nationwide, so the federal calendar leaves Inauguration Day out.",
        kind="regulation",
    ),
    Source(
        "federal-closures",
        "Whole-day closures of federal agencies by executive order, 2001-2025",
        "Executive Orders 13238 (2001-12-24), 13320 (2003-12-26), 13343 (2004-06-11), "
        "13421 (2007-01-02), 13453 (2007-12-24), 13482 (2008-12-26), 13633 (2012-12-24), "
        "13682 (2014-12-26), 13852 (2018-12-05), 13854 (2018-12-24), 13900 (2019-12-24), "
        "13965 (2020-12-24), 14129 (2024-12-24), 14133 (2025-01-09), 14371 (2025-12-24 "
        "and 2025-12-26)",
        "H",
        _CHECKED,
        note="As listed, with Federal Register links, by the holidays package (0.109).",
        kind="regulation",
    ),
    Source(
        "eo-11693",
        "Federal agencies closed on 1972-12-28 as a mark of respect for President Truman",
        "Executive Order 11693 of December 26, 1972 (3 CFR, 1971-1975 Comp.)",
        "H",
        _CHECKED,
        kind="regulation",
        effective=date(1972, 12, 28),
    ),
    Source(
        "mourning-1973-johnson",
        "Federal agencies closed on 1973-01-25, the day of President Johnson's state funeral",
        "OPM spokesman as reported by Federal News Radio (2004); Los Angeles Times (2004)",
        "M",
        _CHECKED,
        note="Secondary sources only; the executive order's number was not verified.",
        kind="regulation",
        effective=date(1973, 1, 25),
    ),
    Source(
        "eo-11750",
        "Federal agencies closed on 1973-12-24 and 1973-12-31",
        "Executive Order 11750 of December 13, 1973, as reported by WTOP (2012) and, from "
        "OPM records, Government Executive (2001)",
        "M",
        _CHECKED,
        note="The order's text was not seen; both reports agree on the two days.",
        kind="regulation",
        effective=date(1973, 12, 24),
    ),
    Source(
        "closure-1979-christmas-eve",
        "Federal agencies closed on 1979-12-24",
        "Executive order of December 11, 1979 (President Carter), from OPM records as "
        "reported by Government Executive (2001)",
        "M",
        _CHECKED,
        note="One secondary source; the order's number was not verified.",
        kind="regulation",
        effective=date(1979, 12, 24),
    ),
    Source(
        "closure-1986-day-after-christmas",
        "Federal agencies closed on 1986-12-26",
        "Executive order of 1986 (President Reagan), from OPM records as reported by "
        "Government Executive (2001)",
        "M",
        _CHECKED,
        note="One secondary source; the order's number and date were not verified.",
        kind="regulation",
        effective=date(1986, 12, 26),
    ),
    Source(
        "mourning-1994-nixon",
        "Federal agencies closed on 1994-04-27 as a mark of respect for President Nixon",
        "Executive order of April 23, 1994, 59 FR 21915 (FR Doc. 94-10249)",
        "H",
        _CHECKED,
        kind="regulation",
        effective=date(1994, 4, 27),
    ),
    Source(
        "eo-13068",
        "Federal agencies closed on 1997-12-26",
        "Executive Order 13068 of November 25, 1997",
        "H",
        _CHECKED,
        kind="regulation",
        effective=date(1997, 12, 26),
    ),
    Source(
        "federal-half-days",
        "Christmas Eve half-day closings of federal agencies (1970, 1987, 1990, 1998, 2002, "
        "2009, 2015) are business days for counting",
        "Executive Orders 11573 (1970), 12619 (1987), an order of December 17, 1990, 13109 "
        "(1998), 13281 (2002), 13523 (2009) and 13713 (2015)",
        "M",
        _CHECKED,
        note=(
            "H for 1987, 1998, 2002, 2009 and 2015 (the orders' texts); the 1970 and 1990 "
            "orders are known from OPM records as reported by FedSmith and Government "
            "Executive. Named by Calendar.why_half_day, never by why_closed."
        ),
        kind="regulation",
    ),
    Source(
        "mit-closures",
        "MIT closes the Friday after Thanksgiving and for a winter break from December 24 "
        "through January 1 (its stated aim 'since 2020'; the days are announced each year)",
        "MIT's stated holiday practice, as summarized in the project's domain notes "
        "(the MIT page itself was not re-checked)",
        "M",
        _CHECKED,
        note=(
            "Applied from 2020 (calendars.MIT_POLICY_FIRST_YEAR); override a year's break "
            "with calendars.mit(winter_breaks=...)."
        ),
        kind="practice",
    ),
    Source(
        "mit-closures-estimated",
        "MIT's own closed days before 2020 are estimates by the same rule, and named so "
        "('Day after Thanksgiving (estimated)', 'winter break (estimated)')",
        "micropath estimate; MIT's closures before its stated policy were not found",
        "L",
        _CHECKED,
        kind="estimate",
    ),
)

SOURCES: Final[dict[str, Source]] = {source.key: source for source in _ALL}
"""Every default's source, by key."""
