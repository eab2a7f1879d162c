"""A plan as a compact HTML table, for notebooks (``Plan._repr_html_``).

Standard library only. Every piece of text is escaped with
:func:`html.escape`; the markup carries a few class names (``micropath-plan``,
``micropath-late``, ``micropath-reasons``, ``micropath-notices``) for anyone
who wants to style it; its only style, scoped to ``micropath-plan``, aligns the
cells left (notebooks right-align them). Findings (reasons and notices) are
shown as their sentences, ``str(finding)``, with their source as a tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from micropath.views.text import milestone_reason, with_premium

if TYPE_CHECKING:
    from micropath.findings import Finding
    from micropath.planner import Plan

__all__ = ["plan_html"]

_STYLE = ".micropath-plan th, .micropath-plan td {text-align: left; vertical-align: top}"


def plan_html(plan: Plan) -> str:
    """A header (authorization, start, latest offer and filing, verdict), the
    reasons against the plan and its notices (each a list, left out when
    empty), and a table of milestones: date, milestone, actor, reason (its
    source as the reason cell's tooltip).

    >>> import micropath as mp
    >>> text = plan_html(mp.plan("CPT", "2027-01-04"))
    >>> "<td>2026-11-20</td>" in text, text.count("<tr>")
    (True, 6)
    >>> notice = plan_html(mp.plan("OPT", "2027-01-04", confidence=0.9))
    >>> print(notice[notice.index('<ul'):notice.index('</ul>')])  # doctest: +ELLIPSIS
    <ul class="micropath-notices">
    <li>Note: confidence 0.9 changes nothing here: every lead is a bound; ...</li>
    """
    head = (
        f"<strong>{_text(plan.authorization.value)}</strong> plan"
        f"{with_premium(plan)} for a first day of work on "
        f"<strong>{_text(plan.start.isoformat())}</strong>"
    )
    if plan.term is not None:
        estimated = ", estimated dates" if plan.term.estimated else ""
        head += f" ({_text(plan.term.name)}{_text(estimated)})"
    facts = [
        f"latest offer <strong>{_text(plan.latest_offer.isoformat())}</strong>",
        f"latest filing <strong>{_text(plan.latest_filing.isoformat())}</strong>",
    ]
    if plan.earliest_filing is not None:
        facts.append(f"earliest filing <strong>{_text(plan.earliest_filing.isoformat())}</strong>")
    facts.append("feasible: <strong>yes</strong>" if plan.feasible else _infeasible())
    lines = [
        '<div class="micropath-plan">',
        f"<style>{_STYLE}</style>",
        f"<p>{head}<br>{'; '.join(facts)}</p>",
    ]
    lines.extend(_findings("micropath-reasons", "", plan.reasons))
    lines.extend(_findings("micropath-notices", "Note: ", plan.notices))
    lines.append("<table>")
    lines.append("<thead>")
    lines.append(
        "<tr>"
        + "".join(f"<th>{name}</th>" for name in ("date", "milestone", "actor", "reason"))
        + "</tr>"
    )
    lines.append("</thead>")
    lines.append("<tbody>")
    for item in plan.milestones:
        cells = "".join(
            f"<td>{_text(cell)}</td>" for cell in (item.date.isoformat(), item.label, item.actor)
        )
        source = "" if item.source is None else f' title="source: {_text(item.source.citation)}"'
        lines.append(f"<tr>{cells}<td{source}>{_text(milestone_reason(item))}</td></tr>")
    lines.append("</tbody>")
    lines.append("</table>")
    lines.append("</div>")
    return "\n".join(lines)


def _findings(name: str, prefix: str, findings: Iterable[Finding]) -> list[str]:
    """A list of findings' sentences, each with its source as its tooltip; [] for none."""
    items = []
    for finding in findings:
        source = (
            "" if finding.source is None else f' title="source: {_text(finding.source.citation)}"'
        )
        items.append(f"<li{source}>{_text(prefix + str(finding))}</li>")
    return [f'<ul class="{name}">', *items, "</ul>"] if items else []


def _infeasible() -> str:
    return 'feasible: <strong class="micropath-late">no</strong>'


def _text(value: str) -> str:
    return escape(value, quote=True)
