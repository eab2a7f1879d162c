"""Plain text and JSON-ready dicts of a plan.

The dict schema is stable and documented in ``docs/schema.md``; the CLI's
``--json`` prints exactly :func:`to_dict`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from micropath.planner import Milestone, Plan

__all__ = [
    "SCHEMA_VERSION",
    "explain",
    "heading",
    "milestone_reason",
    "planned_at",
    "to_dict",
    "window_notes",
]

_LABELS = {"mit": "MIT", "massachusetts": "Massachusetts"}
"""How built-in calendar names read in a sentence."""

SCHEMA_VERSION = 1
"""Version of the :func:`to_dict` schema; bumped on any incompatible change."""


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


def heading(plan: Plan) -> str:
    """The plan's title line: the authorization, the start and the term."""
    head = f"{plan.authorization.value} plan for a first day of work on {plan.start.isoformat()}"
    if plan.term is not None:
        head += f" ({plan.term.name}{', estimated dates' if plan.term.estimated else ''})"
    return head


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
    lines.append(f"Latest offer:   {plan.latest_offer.isoformat()}")
    lines.append(f"Latest filing:  {plan.latest_filing.isoformat()}")
    if plan.earliest_filing is not None:
        lines.append(f"Earliest filing: {plan.earliest_filing.isoformat()}")
    lines.append(f"Planned at:     {planned_at(plan)}")
    lines.extend(f"Note: {note}." for note in (*plan.notices, *window_notes(plan)))
    if plan.feasible:
        lines.append("Feasible: yes")
    else:
        lines.append("Feasible: no")
        lines.extend(f"  - {reason}" for reason in plan.reasons)
    return "\n".join(lines)


def to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as JSON types only: dates as ISO strings."""
    return {
        "schema": SCHEMA_VERSION,
        "authorization": plan.authorization.value,
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
        "reasons": list(plan.reasons),
        "confidence": plan.confidence,
        "notices": list(plan.notices),
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
