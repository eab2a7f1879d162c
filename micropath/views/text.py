"""Every sentence micropath writes: findings, plans, cycles and offers, as text
and as JSON-ready dicts.

Code that decides returns values (:class:`~micropath.findings.Finding`,
:class:`~micropath.planner.Plan`, ...); this module alone turns them into
English. The dict schema is stable and documented in ``docs/schema.md``; the
CLI's ``--json`` prints :func:`to_dict` (plus :func:`offer_dict` under
``offer`` when an offer is checked).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from micropath.pathways import (
    Allowance,
    Charge,
    FilingWindow,
    MinimumTerms,
    PremiumRule,
    RecommendationValidity,
    Rule,
    StartLimit,
)

if TYPE_CHECKING:
    from micropath.calendar import Calendar, ClosedDay
    from micropath.cycle import Cycle, CycleCheck, CycleRow
    from micropath.fees import Cost
    from micropath.findings import Finding
    from micropath.planner import Milestone, Plan, Verdict, Window
    from micropath.search import OfferVerdict

__all__ = [
    "SCHEMA_VERSION",
    "applied_rule_text",
    "closed_days_dict",
    "closed_days_text",
    "cost_text",
    "cycle_dict",
    "cycle_row_sentence",
    "cycle_text",
    "explain",
    "finding_dict",
    "heading",
    "milestone_reason",
    "offer_dict",
    "offer_sentence",
    "plan_sentence",
    "plan_text",
    "planned_at",
    "rule_text",
    "sentence",
    "to_dict",
    "window_notes",
    "window_rule",
]

_LABELS = {"mit": "MIT", "massachusetts": "Massachusetts"}
"""How built-in calendar names read in a sentence."""

SCHEMA_VERSION = 2
"""Version of the :func:`to_dict` schema; bumped on any incompatible change."""


_ANCHORS: Final = {
    "start": "the start",
    "academic_year_completes": "one academic year completes",
    "program_end": "the program end",
}
"""How an anchor reads after "before" or "after"."""


def _anchor(name: str, day: object = None) -> str:
    phrase = _ANCHORS.get(name, name)
    return f"{phrase} ({_iso(day)})" if isinstance(day, date) and name != "start" else phrase


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _not_eligible(p: Mapping[str, Any]) -> str:
    kind = p["authorization"]
    required = p["terms_required"]
    terms = f"one full academic year ({required} terms)" if required == 2 else f"{required} terms"
    needs = (
        f"{p['school']}'s practice asks for {terms} before {kind}"
        if p["kind"] == "practice"
        else f"{kind} needs {terms}"
    )
    return f"not eligible for {kind}: {p['terms_completed']} term(s) completed, and {needs}"


def _too_early(p: Mapping[str, Any]) -> str:
    if p["anchor"] == "academic_year_completes":
        return (
            f"work may not start before one full academic year completes "
            f"({_iso(p['earliest'])}); the start is {_iso(p['start'])}"
        )
    return (
        f"work may not start before {_iso(p['earliest'])} ({_anchor(p['anchor'])}); "
        f"the start is {_iso(p['start'])}"
    )


def _advisory(p: Mapping[str, Any]) -> str:
    head = f"advisory ({p['status']}, from {_iso(p['effective'])}): {p['title']}"
    if p["status"] != "in-force":
        return f"{head}; informational, not in force"
    if p["applies_to_some"]:
        return (
            f"{head}. If this applies to the student, no {p['authorization']} date can be "
            "promised, with premium processing or without"
        )
    return head


_SENTENCES: Final[dict[str, Callable[[Mapping[str, Any]], str]]] = {
    "not-eligible-terms": _not_eligible,
    "start-too-early": _too_early,
    "start-too-late": lambda p: (
        f"the requested start {_iso(p['start'])} is more than {p['days']} days after "
        f"{_anchor(p['anchor'], p['anchor_date'])}: it must be no later than "
        f"{_iso(p['latest'])}"
    ),
    "window-opens-late": lambda p: (
        f"the filing window opens {_iso(p['opens'])}, after the latest safe filing "
        f"{_iso(p['latest_filing'])}"
    ),
    "start-closed": lambda p: (
        f"the first day of work, {_iso(p['start'])}, is a closed day for the school: {p['closed']}"
    ),
    "confidence-unused": lambda p: (
        f"confidence {p['confidence']:g} changes nothing here: every lead is a bound; "
        "give processing=percentiles(...) or samples(...) to plan at a confidence"
    ),
    "forward-out-of-span": lambda p: "the forward pass leaves the calendars' span",
    "deadline-passed": lambda p: (
        f"the latest {p['milestone']} date, {_iso(p['date'])}, has already passed "
        f"(today is {_iso(p['today'])})"
    ),
    "advisory": _advisory,
    "duplicate-id": lambda p: (
        f"the id {p['id']!r} is on {p['rows']} rows (input lines "
        f"{', '.join(str(line) for line in p['lines'])}"
        f"{', ...' if p['rows'] > len(p['lines']) else ''}): join results by line, not by id"
    ),
    "begins-on-closed-day": lambda p: (
        f"{p['label']} on {_iso(p['date'])}, a day the office is closed ({p['closed']}): "
        "a lead in calendar days runs on, but nobody may act on the request until the "
        "office opens; give the lead in business days to plan around it"
    ),
    # Internship notices (micropath.internship).
    "hours": lambda p: (
        f"{p['hours_per_week']:g} hours a week; micro-internships are typically "
        f"{p['typical_hours'][0]}-{p['typical_hours'][1]}"
    ),
    "weeks": lambda p: (
        f"{p['weeks']} weeks; micro-internships are typically "
        f"{p['typical_weeks'][0]}-{p['typical_weeks'][1]}"
    ),
    "pay": lambda p: (
        f"no minimum wage data for {_iso(p['start'])} in {p['school']}'s wage rule"
        if p["minimum_wage"] is None
        else f"${p['pay_rate']:.2f} an hour is below the minimum wage by {p['school']}'s wage "
        f"rule (${p['minimum_wage']:.2f} on {_iso(p['start'])})"
    ),
    "in-session": lambda p: (
        f"{p['hours_per_week']:g} hours a week on {p['days_outside']} day(s) outside the "
        f"vacations given ({', '.join(p['vacations']) or 'none'}): F-1 and J-1 students may "
        f"work at most {p['limit_hours']} hours a week while school is in session. If those "
        "days fall in a vacation, such as the summer, pass it as vacations="
    ),
    "cpt-limit": lambda p: (
        f"{p['full_time_days']} days of full-time CPT: 12 months ({p['limit_days']} days) or "
        "more ends post-completion OPT eligibility"
    ),
    "cpt-concurrent": lambda p: (
        f"{p['concurrent_days']} day(s) count as full time only because concurrent part-time "
        f"CPT adds up to more than {p['limit_hours']} hours a week (school guidance; pass "
        "add_concurrent_hours=False if your school does not count it)"
    ),
}
"""One sentence per finding code."""


def sentence(finding: Finding) -> str:
    """A finding in one sentence, from its code and parameters.

    >>> from micropath.findings import Finding
    >>> sentence(Finding("forward-out-of-span", "reason", {}))
    "the forward pass leaves the calendars' span"
    """
    render = _SENTENCES.get(finding.code)
    parameters = dict(finding.parameters)
    if render is not None:
        try:
            return render(parameters)
        except (KeyError, TypeError, ValueError):  # a finding made by hand, missing a part
            pass
    shown = ", ".join(f"{k}={_iso(v)}" for k, v in finding.parameters)
    return f"{finding.code}" + (f" ({shown})" if shown else "")


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as JSON types: code, severity, sentence, parameters, source citation."""
    return {
        "code": finding.code,
        "severity": finding.severity,
        "text": sentence(finding),
        "parameters": {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in finding.parameters
        },
        "source": None if finding.source is None else finding.source.citation,
    }


def window_rule(window: Window) -> str:
    """The rules that set a window, in words."""
    anchors = dict(window.anchors)
    parts = []
    for rule in window.rules:
        if isinstance(rule, FilingWindow) and rule.opens_before is not None:
            parts.append(
                f"no earlier than {rule.opens_before} before "
                f"{_anchor(rule.anchor, anchors.get(rule.anchor))}"
            )
        elif isinstance(rule, RecommendationValidity):
            parts.append(
                f"USCIS must receive the I-765 within {rule.days} days of the SEVIS "
                "recommendation, so the recommendation may not come too early"
            )
    return "; ".join(parts) if parts else "no earlier limit applies"


def rule_text(rule: Rule) -> str:
    """One rule in words, without its dates.

    >>> from micropath.pathways import OPT_POST
    >>> rule_text(OPT_POST.rules[1])
    'file from 90 days before to 60 days after the program end'
    """
    if isinstance(rule, FilingWindow):
        anchor = _ANCHORS.get(rule.anchor, rule.anchor)
        if rule.opens_before is not None and rule.closes_after is not None:
            return f"file from {rule.opens_before} before to {rule.closes_after} after {anchor}"
        if rule.opens_before is not None:
            return f"file no earlier than {rule.opens_before} before {anchor}"
        return f"file no later than {rule.closes_after} after {anchor}"
    if isinstance(rule, RecommendationValidity):
        return f"the filing must be received within {rule.days} days of the recommendation"
    if isinstance(rule, MinimumTerms):
        return f"eligible after {rule.terms} completed terms (one full academic year)"
    if isinstance(rule, StartLimit):
        anchor = _ANCHORS.get(rule.anchor, rule.anchor)
        limits = []
        if rule.earliest_after is not None:
            after = f"{rule.earliest_after} days after " if rule.earliest_after else ""
            limits.append(f"work starts no earlier than {after}{anchor}")
        if rule.latest_after is not None:
            limits.append(
                f"the requested start is no later than {rule.latest_after} days after {anchor}"
            )
        return "; ".join(limits)
    if isinstance(rule, PremiumRule):
        period = f"filings from {rule.first.isoformat()}" + (
            f" to {rule.last.isoformat()}" if rule.last is not None else ""
        )
        return f"premium processing: USCIS acts within {rule.lead} ({period})"
    if isinstance(rule, Charge):
        from micropath.fees import FEES

        return next(fee.name for fee in FEES if fee.kind == rule.fee)
    if isinstance(rule, Allowance):
        return f"at most {rule.amount} {rule.unit}"
    raise TypeError(f"not a rule: {rule!r}")  # pragma: no cover - Rule is a closed union


def milestone_reason(item: Milestone) -> str:
    """Why a milestone falls where it does, in one sentence."""
    if item.lead is None or item.deadline is None:
        if item.name == "start":
            return "the first day of work"
        return "authorization must be in hand on the first day of work"
    counted = (
        f" of the {_LABELS.get(item.calendar.name, item.calendar.name)} calendar"
        if item.calendar and item.calendar.name
        else ""
    )
    unit = f"{item.lead}{counted}" if item.lead.business else str(item.lead)
    text = f"{unit} before {item.deadline.isoformat()}: {item.rule}"
    if item.rolled_from is not None:
        text += f"; {item.rolled_from.isoformat()} is not a business day{counted}, so it rolls back"
    workdays = item.calendar.weekmask if item.calendar is not None else "1111100"
    skipped = [c for c in item.stepped_over if workdays[c.date.weekday()] == "1"]
    if skipped:
        shown = ", ".join(f"{c.date.isoformat()} {c.reason}" for c in skipped[:6])
        more = f" and {len(skipped) - 6} more" if len(skipped) > 6 else ""
        text += f" (skips {shown}{more})"
    return text


def planned_at(plan: Plan) -> str:
    """What durations the plan assumed, in one line."""
    if plan.confidence is None:
        return (
            "the stated leads (bounds as given; estimates at their highest percentile "
            "or largest sample)"
        )
    return (
        f"confidence {plan.confidence:g} (estimates at the smallest duration covering "
        f"{plan.confidence:.0%} of cases; bounds as given)"
    )


def with_premium(plan: Plan) -> str:
    """``" with premium processing"`` for a plan that counts on it, else ``""``."""
    return " with premium processing" if plan.options.premium else ""


def heading(plan: Plan) -> str:
    """The plan's title line: the authorization, the start and the term."""
    kind = plan.authorization.value + (f" {plan.category}" if plan.category else "")
    head = f"{kind} plan{with_premium(plan)} for a first day of work on {plan.start.isoformat()}"
    if plan.term is not None:
        head += f" ({plan.term.name}{', estimated dates' if plan.term.estimated else ''})"
    return head


def applied_rule_text(plan: Plan, rule: Rule) -> str:
    """One of a plan's rules in words, saying so if it was not checked.

    >>> import micropath as mp
    >>> p = mp.plan("CPT", "2027-01-04")
    >>> print(applied_rule_text(p, p.rules[0]))  # doctest: +NORMALIZE_WHITESPACE
    eligible after 2 completed terms (one full academic year) (not checked: terms_completed
    not given)
    """
    option = plan.not_checked(rule)
    text = rule_text(rule)
    return text if option is None else f"{text} (not checked: {option} not given)"


def cost_text(cost: Cost) -> str:
    """A fee in one line: its amount in dollars, its name, its note and its citation.

    >>> from datetime import date
    >>> from micropath.fees import Cost
    >>> cost_text(Cost("I-765 fee", 470, date(2024, 4, 1), "89 FR 6194", "$520 on paper"))
    '$470 I-765 fee ($520 on paper; in force from 2024-04-01, 89 FR 6194)'
    """
    note = f"{cost.note}; " if cost.note else ""
    return (
        f"${cost.amount:,} {cost.name} ({note}in force from {cost.effective.isoformat()}, "
        f"{cost.citation})"
    )


def window_notes(plan: Plan) -> list[str]:
    """The rules that keep a step from coming too early (OPT's 30-day recommendation
    rule), with their citations, as notes."""
    return [
        f"{window.rule} ({window.source.citation})"
        for window in plan.windows
        if window.name == "recommendation" and window.source is not None
    ]


def explain(plan: Plan) -> str:
    """Every milestone with its date and reason, then the verdict."""
    lines = [heading(plan), ""]
    for item in plan.milestones:
        lines.append(f"  {item.date.isoformat()}  {item.label} [{item.actor}]")
        lines.append(f"              {milestone_reason(item)}")
    lines.append("")
    lines.append(f"Latest offer:    {plan.latest_offer.isoformat()}")
    lines.append(f"Latest filing:   {plan.latest_filing.isoformat()}")
    if plan.earliest_filing is not None:
        lines.append(f"Earliest filing: {plan.earliest_filing.isoformat()}")
    lines.append(f"Planned at:      {planned_at(plan)}")
    lines.extend(f"Note: {sentence(n)}." for n in plan.notices)
    lines.extend(f"Note: {note}." for note in window_notes(plan))
    lines.append("Rules applied:")
    for rule in plan.rules:
        source = plan.source(rule.source)
        lines.append(f"  - [{rule.kind}] {applied_rule_text(plan, rule)} ({source.citation})")
    if plan.feasible:
        lines.append("Feasible: yes")
    else:
        lines.append("Feasible: no")
        lines.extend(f"  - {sentence(reason)}" for reason in plan.reasons)
    return "\n".join(lines)


def to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as JSON types only: dates as ISO strings."""
    return {
        "schema": SCHEMA_VERSION,
        "authorization": plan.authorization.value,
        "category": plan.category,
        "school": plan.school.key,
        "filing": plan.filing,
        "start": plan.start.isoformat(),
        "term": None
        if plan.term is None
        else {
            "name": plan.term.name,
            "start": plan.term.start.isoformat(),
            "end": plan.term.end.isoformat(),
            "estimated": plan.term.estimated,
        },
        "latest_offer": plan.latest_offer.isoformat(),
        "latest_filing": plan.latest_filing.isoformat(),
        "earliest_filing": None
        if plan.earliest_filing is None
        else plan.earliest_filing.isoformat(),
        "feasible": plan.feasible,
        "reasons": [finding_dict(f) for f in plan.reasons],
        "confidence": plan.confidence,
        "notices": [finding_dict(f) for f in plan.notices],
        "rules": [
            {
                "kind": rule.kind,
                "rule": rule_text(rule),
                "not_checked": plan.not_checked(rule),
                "source": rule.source,
                "citation": plan.source(rule.source).citation,
            }
            for rule in plan.rules
        ],
        "costs": [
            {
                "name": cost.name,
                "amount": cost.amount,
                "effective": cost.effective.isoformat(),
                "citation": cost.citation,
                "note": cost.note,
            }
            for cost in plan.costs
        ],
        "milestones": [
            {
                "name": m.name,
                "label": m.label,
                "date": m.date.isoformat(),
                "actor": m.actor,
                "lead": None
                if m.lead is None
                else {"amount": m.lead.amount, "unit": m.lead.unit.value},
                "deadline": None if m.deadline is None else m.deadline.isoformat(),
                "reason": milestone_reason(m),
                "source": None if m.source is None else m.source.citation,
                "stepped_over": [
                    {"date": c.date.isoformat(), "reason": c.reason} for c in m.stepped_over
                ],
            }
            for m in plan.milestones
        ],
    }


# -- the command line's views: plans, verdicts, cycles and closed days ---------------------


def plan_text(
    plan: Plan, verdict: Verdict | OfferVerdict | None = None, *, width: int = 100
) -> str:
    """The plan as ``micropath plan`` prints it: with an offer, first the answer in
    one sentence (:func:`offer_sentence`); then a table of milestones, each with its
    reason wrapped to *width*, the summary, the notices as notes and the forward
    check of the offer."""
    import textwrap

    from micropath.search import OfferVerdict

    milestones = plan.milestones
    label_width = max(len("Milestone"), *(len(m.label) for m in milestones))
    lines = []
    if isinstance(verdict, OfferVerdict):
        lines.extend(textwrap.wrap(offer_sentence(verdict), width))
        lines.append("")
        verdict = verdict.verdict
    lines.extend([heading(plan), "", f"{'Date':<10}  {'Milestone':<{label_width}}  Actor"])
    indent = " " * 12
    for item in milestones:
        lines.append(f"{item.date.isoformat():<10}  {item.label:<{label_width}}  {item.actor}")
        lines.extend(
            textwrap.wrap(
                milestone_reason(item),
                width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_on_hyphens=False,
            )
        )
    lines.append("")
    lines.append(f"Latest offer:     {plan.latest_offer}")
    lines.append(f"Latest filing:    {plan.latest_filing}")
    if plan.earliest_filing is not None:
        lines.append(f"Earliest filing:  {plan.earliest_filing}")
    if plan.feasible:
        lines.append(
            f"Feasible:         yes (any offer by {plan.latest_offer} meets the first day)"
        )
    else:
        lines.append("Feasible:         no (no offer date meets the first day)")
    lines.extend(_bullets([sentence(reason) for reason in plan.reasons], width))
    lines.extend(
        textwrap.wrap(f"Planned at:       {planned_at(plan)}", width, subsequent_indent=" " * 18)
    )
    for number, cost in enumerate(plan.costs):
        label = "Fees:" if number == 0 else ""
        lines.extend(
            textwrap.wrap(f"{label:<18}{cost_text(cost)}", width, subsequent_indent=" " * 20)
        )
    notes = [sentence(notice) for notice in plan.notices]
    for note in (*notes, *window_notes(plan)):
        lines.extend(textwrap.wrap(f"Note: {note}.", width, subsequent_indent="  "))
    if verdict is not None:
        lines.append("")
        lines.extend(_verdict_lines(plan, verdict, width))
    return "\n".join(lines)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _bullets(texts: list[str], width: int) -> list[str]:
    import textwrap

    lines: list[str] = []
    for text in texts:
        lines.extend(textwrap.wrap(text, width, initial_indent="  - ", subsequent_indent="    "))
    return lines


def _verdict_lines(plan: Plan, verdict: Verdict, width: int) -> list[str]:
    if verdict.on_time:
        state = f"on time, {_count_days(verdict.slack)} to spare"
    elif verdict.slack < 0:
        state = f"late by {_count_days(-verdict.slack)}"
    else:
        state = "not on time"
    lines = [f"Offer on {verdict.offer}: {state} (latest offer {verdict.latest_offer})"]
    labels = {m.name: m.label for m in plan.milestones}
    lines.append("Expected if every step takes its planned time:")
    lines.extend(f"  {day.isoformat()}  {labels.get(name, name)}" for name, day in verdict.expected)
    lines.extend(_bullets([sentence(reason) for reason in verdict.reasons], width))
    return lines


def _count_days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


_CYCLE_LABELS: Final = {
    "applications_open": "applications open",
    "posting": "post the job by",
    "interviews": "interviews from",
    "offers": "extend offers by",
}


def cycle_text(
    report: CycleCheck, answers: Sequence[OfferVerdict] = (), *, width: int = 100
) -> str:
    """A recruiting cycle's check as ``micropath cycle`` prints it: the cycle's dates,
    a row per authorization, and each row's notices as notes (the deadlines the
    check's ``today`` has passed, the advisories in force); with *answers* (one
    :class:`~micropath.search.OfferVerdict` per row, for the cycle's offer date), it
    ends with one plain line per authorization saying what an employer can do."""
    import textwrap

    cycle = report.cycle
    term = cycle.term
    estimated = ", estimated dates" if term.estimated else ""
    lines = [f"Recruiting cycle for {term.name} ({term.start} to {term.end}{estimated})", ""]
    closed = {flag.name: flag.reason for flag in report.closed_dates}
    for name, day in cycle.dates():
        text = f"  {day.isoformat()}  {_CYCLE_LABELS.get(name, name):<18}"
        if name in closed:
            text += f"  falls on a closed day: {closed[name]}"
        lines.append(text.rstrip())
    fewest, most = cycle.decision_days
    lines.append(f"  students decide within {fewest}-{most} business days (planned at {most})")
    lines.append("")
    lines.append("Authorization  Latest offer  On time  Slack (days)  Premium on time")
    for row in report:
        premium = "" if row.premium_on_time is None else _yes(row.premium_on_time)
        lines.append(
            f"{row.authorization.value:<13}  {row.latest_offer.isoformat():<12}  "
            f"{_yes(row.on_time):<7}  {row.slack:>+12}  {premium}".rstrip()
        )
    notes = [
        f"Note ({row.authorization.value}): {sentence(notice)}."
        for row in report
        for notice in _row_notices(row)
    ]
    if notes:
        lines.append("")
        for note in notes:
            lines.extend(textwrap.wrap(note, width, subsequent_indent="  "))
    if answers:
        lines.append("")
        lines.append("What an employer can do:")
        for row, answer in zip(report, answers, strict=True):
            lines.extend(
                textwrap.wrap(
                    f"{row.authorization.value}: {offer_sentence(answer)}",
                    width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    return "\n".join(lines)


def _row_notices(row: CycleRow) -> tuple[Finding, ...]:
    """A cycle row's notices: its plan's (none for a row built without one)."""
    return () if row.plan is None else row.plan.notices


def cycle_dict(report: CycleCheck) -> dict[str, Any]:
    """A recruiting cycle's check as JSON types (``micropath cycle --json``)."""
    cycle = report.cycle
    return {
        "term": {
            "name": cycle.term.name,
            "start": cycle.term.start.isoformat(),
            "end": cycle.term.end.isoformat(),
            "estimated": cycle.term.estimated,
        },
        "dates": {name: day.isoformat() for name, day in cycle.dates()},
        "decision_days": list(cycle.decision_days),
        "rows": [
            {
                "authorization": row.authorization.value,
                "latest_offer": row.latest_offer.isoformat(),
                "on_time": row.on_time,
                "slack": row.slack,
                "premium_on_time": row.premium_on_time,
                "notices": [finding_dict(notice) for notice in _row_notices(row)],
            }
            for row in report
        ],
        "closed_dates": [
            {"name": flag.name, "date": flag.date.isoformat(), "reason": flag.reason}
            for flag in report.closed_dates
        ],
    }


def closed_days_text(
    calendar: Calendar, first: date, last: date, closed: tuple[ClosedDay, ...]
) -> str:
    """A calendar's closed days from *first* to *last*, as ``micropath calendar`` prints them."""
    count = f"{len(closed)} closed day{'' if len(closed) == 1 else 's'}"
    lines = [f"{calendar.name} calendar: {count} from {first} to {last}"]
    lines.extend(
        f"  {item.date.isoformat()}  {item.date.strftime('%a')}  {item.reason}" for item in closed
    )
    return "\n".join(lines)


def closed_days_dict(
    calendar: Calendar, first: date, last: date, closed: tuple[ClosedDay, ...]
) -> dict[str, Any]:
    """A calendar's closed days as JSON types (``micropath calendar --json``)."""
    return {
        "calendar": calendar.name,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "closed_days": [{"date": c.date.isoformat(), "reason": c.reason} for c in closed],
    }


# -- answers in one plain sentence: the employer's question ---------------------------------


def offer_sentence(verdict: OfferVerdict) -> str:
    """The employer's answer for one offer date, in one sentence: on time or too late
    for the plan's first day and, if too late, the earliest first day it allows (also
    with premium processing, where that is earlier).

    >>> import micropath as mp
    >>> print(offer_sentence(mp.offer_verdict(mp.plan("OPT", "2027-01-04"), "2026-10-25")))
    An offer on 2026-10-25 is too late for a first day of 2027-01-04; the earliest first day
    it allows is 2027-04-09 (2027-01-26 with premium processing).
    >>> print(offer_sentence(mp.offer_verdict(mp.plan("CPT", "2027-01-04"), "2026-10-25")))
    An offer on 2026-10-25 is on time for a first day of 2027-01-04, with 26 days to spare
    (the latest offer is 2026-11-20).
    """
    plan = verdict.plan
    offer, start = verdict.offer.isoformat(), plan.start.isoformat()
    if verdict.on_time:
        if verdict.verdict.slack == 0:
            return (
                f"An offer on {offer} is on time for a first day of {start}: it is the "
                "latest offer."
            )
        return (
            f"An offer on {offer} is on time for a first day of {start}, with "
            f"{_count_days(verdict.verdict.slack)} to spare (the latest offer is "
            f"{plan.latest_offer.isoformat()})."
        )
    if plan.feasible:
        head = f"An offer on {offer} is too late for a first day of {start}"
    else:
        reasons = "; ".join(sentence(reason) for reason in plan.reasons)
        head = f"No offer works for a first day of {start} ({reasons})"
    earliest, premium = verdict.earliest_start, verdict.earliest_start_premium
    allows = "it allows" if plan.feasible else f"an offer on {offer} allows"
    if earliest is None:
        if premium is None:
            return head + ("; no first day within three years allows it." if plan.feasible else ".")
        return (
            f"{head}; the earliest first day {allows} is {premium.isoformat()} with premium "
            "processing, and none without it."
        )
    text = f"{head}; the earliest first day {allows} is {earliest.isoformat()}"
    if premium is not None and premium < earliest:
        text += f" ({premium.isoformat()} with premium processing)"
    return text + "."


def plan_sentence(plan: Plan) -> str:
    """What a plan asks of the employer and the student, in one sentence.

    >>> import micropath as mp
    >>> print(plan_sentence(mp.plan("CPT", "2027-01-04")))
    For a first day of work on 2027-01-04, extend the offer by 2026-11-20; the student
    files by 2026-12-10.
    >>> print(plan_sentence(mp.plan("OPT", "2027-01-04", terms_completed=1)))
    A first day of work on 2027-01-04 is not possible for OPT: not eligible for OPT: 1
    term(s) completed, and OPT needs one full academic year (2 terms).
    """
    start = plan.start.isoformat()
    if not plan.feasible:
        reasons = "; ".join(sentence(reason) for reason in plan.reasons)
        kind = plan.authorization.value
        return f"A first day of work on {start} is not possible for {kind}: {reasons}."
    text = (
        f"For a first day of work on {start}, extend the offer by "
        f"{plan.latest_offer.isoformat()}; the student files by {plan.latest_filing.isoformat()}"
    )
    if plan.earliest_filing is not None:
        text += f" and no earlier than {plan.earliest_filing.isoformat()}"
    return text + "."


def cycle_row_sentence(row: CycleRow, cycle: Cycle) -> str:
    """One authorization's answer to a recruiting cycle's offer date, in one sentence.

    >>> import micropath as mp
    >>> report = mp.check_cycle(mp.recruiting_cycle(2027))
    >>> print(cycle_row_sentence(report[1], report.cycle))
    An offer on 2026-10-25 is too late for OPT on a first day of 2027-01-04, by 94 days
    (the latest offer is 2026-07-23); premium processing does not make it on time either.
    """
    kind, offer = row.authorization.value, cycle.offers.isoformat()
    start = cycle.term.start.isoformat()
    if row.plan is not None and not row.plan.feasible:
        reasons = "; ".join(sentence(reason) for reason in row.plan.reasons)
        return f"No offer works for {kind} on a first day of {start}: {reasons}."
    latest = row.latest_offer.isoformat()
    if row.on_time:
        return (
            f"An offer on {offer} is on time for {kind} on a first day of {start}, with "
            f"{_count_days(row.slack)} to spare (the latest offer is {latest})."
        )
    text = (
        f"An offer on {offer} is too late for {kind} on a first day of {start}, by "
        f"{_count_days(-row.slack)} (the latest offer is {latest})"
    )
    if row.premium_on_time is True:
        text += "; with premium processing it is on time"
    elif row.premium_on_time is False:
        text += "; premium processing does not make it on time either"
    return text + "."


def offer_dict(answer: OfferVerdict) -> dict[str, Any]:
    """The check of one offer date as JSON types (the ``offer`` key of ``micropath
    plan --offer DATE --json``; see ``docs/schema.md``)."""
    verdict = answer.verdict

    def iso(day: date | None) -> str | None:
        return None if day is None else day.isoformat()

    return {
        "offer": answer.offer.isoformat(),
        "on_time": answer.on_time,
        "slack": verdict.slack,
        "latest_offer": verdict.latest_offer.isoformat(),
        "in_hand": iso(verdict.in_hand),
        "expected": [{"name": name, "date": day.isoformat()} for name, day in verdict.expected],
        "earliest_start": iso(answer.earliest_start),
        "earliest_start_premium": iso(answer.earliest_start_premium),
        "reasons": [finding_dict(f) for f in verdict.reasons],
        "sentence": offer_sentence(answer),
    }
