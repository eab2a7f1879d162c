"""One self-contained HTML page to share: the answer, the dates, the timeline, the sources.

An advisor e-mails the page, or attaches it; an employer opens it in any
browser, offline, without Python. It holds, in order:

1. the answer in one plain sentence per plan (for an offer date, the
   employer's answer: :func:`~micropath.views.text.offer_sentence`);
2. for a recruiting cycle, its dates;
3. the timeline, as inline SVG drawn by
   :func:`~micropath.views.plot.plot_timeline` (the ``plot`` extra; without
   matplotlib the page says so and leaves the figure out);
4. per plan, the milestones table (date, milestone, actor, why; for an offer,
   also the date each step is expected if the offer goes out then) and its
   findings: the reasons it is not possible, its notices, the advisories
   in force, and those shown but not in force (a proposed rule, a paused one);
5. the sources: the citation behind every milestone and every rule, with its
   kind (regulation, practice or estimate).

The page is safe to open and to forward: standard library only (apart from
the figure), every piece of text escaped with :func:`html.escape`, no
script, no link, nothing fetched (a ``Content-Security-Policy`` forbids it,
too), its style inline, with print rules so that it prints on A4 or Letter.
Web addresses of sources are text, not links. Like every view it only lays
out what it is given: it never plans, checks an offer or reads the clock.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable
from datetime import date
from html import escape
from itertools import chain
from typing import TYPE_CHECKING, Final

import attrs

from micropath._convert import DateLike, to_items, to_optional_date
from micropath.cycle import Cycle, CycleCheck
from micropath.errors import InvalidTypeError, InvalidValueError, MissingExtraError
from micropath.planner import Plan, _checked_options
from micropath.search import OfferVerdict
from micropath.views.text import (
    _CYCLE_LABELS,
    applied_rule_text,
    cost_text,
    cycle_row_sentence,
    heading,
    milestone_reason,
    offer_sentence,
    plan_sentence,
    planned_at,
    sentence,
    window_notes,
    with_premium,
)

if TYPE_CHECKING:
    from micropath.findings import Finding
    from micropath.sources import Source

__all__ = ["GLOSSARY", "report_html"]

Subject = Plan | OfferVerdict | CycleCheck | Iterable[Plan | OfferVerdict]
"""What :func:`report_html` takes."""

_STYLE: Final = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1rem; margin: 1.25rem 0 .35rem; }
p.meta, p.note, footer { color: #555; font-size: .9rem; }
ul.answers { padding-left: 1.2rem; }
ul.answers li { margin: .35rem 0; font-size: 1.05rem; }
.late { color: #b22222; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #e3e3e3; }
th { background: #f3f3f3; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td ul { margin: 0; padding-left: 1.1rem; }
.kind { display: inline-block; padding: 0 .35rem; border: 1px solid #999;
  border-radius: .25rem; font-size: .8rem; white-space: nowrap; }
figure { margin: .5rem 0; }
figure svg { width: 100%; height: auto; display: block; }
.missing { border: 1px dashed #999; padding: .75rem; }
@page { margin: 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, figure, ul.answers li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
  section.plan { break-before: auto; }
}
"""
_MISSING_GLYPHS: Final = r"(Glyph \d+ .* missing from|Matplotlib currently does not support)"
"""matplotlib's warnings about characters its font cannot draw."""
_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""Nothing may be fetched; only the page's own style applies."""


@attrs.frozen
class _Entry:
    """One plan on the page, with its answer and what checked it (if anything)."""

    plan: Plan
    answer: str
    verdict: OfferVerdict | None = None
    on_time: bool | None = None
    """The offer's verdict (an offer verdict's, a cycle row's); None for a plan alone."""
    label: str | None = None
    """What the caller calls it (a student's id), or None."""


@_checked_options  # an unknown keyword is a MicropathError, as in plan()
def report_html(
    subject: Subject,
    *,
    title: str | None = None,
    today: DateLike | None = None,
    timeline: bool = True,
    labels: Iterable[str] | None = None,
    answers: Iterable[OfferVerdict] | None = None,
    not_planned: Iterable[tuple[str, str]] = (),
) -> str:
    """One self-contained HTML page of plans, offer verdicts or a recruiting cycle.

    Args:
        subject: a :class:`~micropath.planner.Plan`; an
            :class:`~micropath.search.OfferVerdict` (what
            :func:`~micropath.search.offer_verdict` returns: the employer's
            answer for one offer date); a :class:`~micropath.cycle.CycleCheck`
            (what :func:`~micropath.cycle.check_cycle` returns: a row per
            authorization, and the cycle's dates); or an iterable of plans and
            offer verdicts, one section each, in order.
        title: the page's title (default: the plan's heading, the cycle's
            term, or the authorizations on the page).
        today: the day the page is made, shown under the title and drawn on
            the timeline (default: the plans' own ``today`` option, when they
            share one; else none). The page never reads the clock.
        timeline: draw the timeline (needs matplotlib; without it the page
            says the figure is left out). False leaves the section out.
        labels: one label per plan or offer verdict (per row of a cycle
            check), in order, such as a student's id: it names the answer and
            the section of each. None: no labels.
        answers: with a cycle check only: one offer verdict per row, in
            order, each ``offer_verdict(row.plan, cycle.offers)`` (as
            ``micropath cycle`` prints them): each row's answer then also
            gives the earliest first day the offer allows, with premium
            processing too. None: each row's answer is the check's own.
        not_planned: ``(label, why)`` pairs of str: what could not be planned
            (a batch's rows with errors, labelled by id and line) and why. The
            page lists them under the answers, so that a page shared with
            others says who is missing from it. Empty (the default): no list.

    Returns:
        The page: a complete HTML5 document (UTF-8 text).

    Raises:
        InvalidTypeError, InvalidValueError: an argument is unusable; the
            message names it.

    >>> import micropath as mp
    >>> page = report_html(mp.offer_verdict(mp.plan("OPT", "2027-01-04"), "2026-10-25"),
    ...                    timeline=False)
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page, "too late" in page
    (True, False, True)
    """
    entries, check = _entries(subject)
    if answers is not None:
        entries = _answered(entries, check, answers)
    if labels is not None:
        given = to_items(labels, "labels", "None or one str per plan")
        if len(given) != len(entries) or not all(isinstance(label, str) for label in given):
            raise InvalidValueError(
                "labels", f"None or {len(entries)} str, one per plan on the page", labels
            )
        entries = [
            attrs.evolve(entry, label=str(label))
            for entry, label in zip(entries, given, strict=True)
        ]
    missing = _not_planned(not_planned)
    if title is not None and not isinstance(title, str):
        raise InvalidTypeError("title", "None or a str", title)
    if title is not None and not title.strip():
        raise InvalidValueError("title", "None or a non-empty str", title)
    if not isinstance(timeline, bool):
        raise InvalidTypeError("timeline", "a bool", timeline)
    day = to_optional_date(today, "today")
    if day is None:
        days = {entry.plan.options.today for entry in entries}
        day = days.pop() if len(days) == 1 else None

    import micropath

    name = title.strip() if title is not None else _title(entries, check)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="micropath">',
        f"<title>{_text(name)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_text(name)}</h1>",
    ]
    made = f"Prepared on {day.isoformat()} with" if day is not None else "Prepared with"
    schools = ", ".join(dict.fromkeys(entry.plan.school.label for entry in entries))
    parts.append(
        f'<p class="meta">{_text(made)} micropath {_text(micropath.__version__)}; '
        f"school: {_text(schools)}.</p>"
    )
    parts.extend(_answers(entries))
    parts.extend(_missing(missing))
    if check is not None:
        parts.extend(_cycle(check))
    if timeline:
        parts.extend(_timeline(check if check is not None else entries, day))
    for number, entry in enumerate(entries, start=1):
        parts.extend(_section(entry, number))
    sources = _sources(entries)
    callers: list[str] = [name, *(entry.label for entry in entries if entry.label)]
    callers.extend(chain.from_iterable(missing))
    parts.extend(_glossary("\n".join((*parts, *sources)), callers))
    parts.extend(sources)
    parts.append(
        "<footer><p>Latest safe dates: beginning a step on its date, with every step "
        "taking its planned time, still has authorization in hand on the first day of "
        "work; a day later does not. micropath is a planning aid, not legal advice: "
        "every default is an estimate or a practice with a source (listed above), and "
        "processing times are not guarantees.</p></footer>"
    )
    parts.extend(["</main>", "</body>", "</html>", ""])
    return "\n".join(parts)


# -- what is on the page ------------------------------------------------------------------


def _entries(subject: object) -> tuple[list[_Entry], CycleCheck | None]:
    """The plans of *subject*, each with its answer; and the cycle check, if it is one."""
    if isinstance(subject, CycleCheck):
        cycle = subject.cycle
        entries = []
        for index, row in enumerate(subject.rows):
            if row.plan is None:  # a row built by hand, not by check_cycle
                raise InvalidValueError(
                    f"subject[{index}]", "a CycleRow with its plan (as check_cycle makes them)", row
                )
            entries.append(_Entry(row.plan, cycle_row_sentence(row, cycle), on_time=row.on_time))
        if not entries:
            raise InvalidValueError("subject", "a CycleCheck with at least one row", subject)
        return entries, subject
    if isinstance(subject, Cycle):
        raise InvalidTypeError(
            "subject",
            "a Plan, an OfferVerdict, a CycleCheck or an iterable of Plans and OfferVerdicts "
            "(pass check_cycle(cycle), which plans the cycle with your options)",
            subject,
        )
    expected = "a Plan, an OfferVerdict, a CycleCheck, or an iterable of Plans and OfferVerdicts"
    given: list[object] = (
        [subject]
        if isinstance(subject, Plan | OfferVerdict)
        else to_items(subject, "subject", expected)
    )
    entries = []
    for index, item in enumerate(given):
        if isinstance(item, Plan):
            entries.append(_Entry(item, plan_sentence(item)))
        elif isinstance(item, OfferVerdict):
            entries.append(_Entry(item.plan, offer_sentence(item), item, item.on_time))
        else:
            raise InvalidTypeError(f"subject[{index}]", "a Plan or an OfferVerdict", item)
    if not entries:
        raise InvalidValueError("subject", f"{expected}, with at least one", subject)
    return entries, None


def _answered(
    entries: list[_Entry], check: CycleCheck | None, answers: Iterable[OfferVerdict]
) -> list[_Entry]:
    """The entries of a cycle check, each answered by its row's offer verdict."""
    expected = "None, or one OfferVerdict per row of a CycleCheck subject"
    if check is None:
        raise InvalidValueError("answers", f"{expected} (the subject is no CycleCheck)", answers)
    given = to_items(answers, "answers", expected)
    if len(given) != len(entries):
        raise InvalidValueError(
            "answers", f"{len(entries)} OfferVerdicts, one per row", f"{len(given)} of them"
        )
    offer = check.cycle.offers
    answered = []
    for index, (entry, answer) in enumerate(zip(entries, given, strict=True)):
        if not isinstance(answer, OfferVerdict):
            raise InvalidTypeError(f"answers[{index}]", "an OfferVerdict", answer)
        if answer.plan != entry.plan or answer.offer != offer:
            raise InvalidValueError(
                f"answers[{index}]",
                f"offer_verdict(row.plan, {offer.isoformat()}) for row {index} "
                f"({entry.plan.authorization.value})",
                answer,
            )
        answered.append(attrs.evolve(entry, answer=offer_sentence(answer), verdict=answer))
    return answered


def _title(entries: list[_Entry], check: CycleCheck | None) -> str:
    if check is not None:
        return f"Recruiting cycle for {check.cycle.term.name}: is an offer on time?"
    if len(entries) == 1:
        entry = entries[0]
        if entry.verdict is not None:
            return f"An offer on {entry.verdict.offer.isoformat()}: {heading(entry.plan)}"
        return heading(entry.plan)
    kinds = ", ".join(dict.fromkeys(entry.plan.authorization.value for entry in entries))
    return f"Work authorization dates: {kinds}"


def _answers(entries: list[_Entry]) -> list[str]:
    items = []
    for entry in entries:
        late = entry.on_time is False or not entry.plan.feasible
        css = ' class="late"' if late else ""
        kind = _kind(entry.plan) + with_premium(entry.plan)
        named = kind if entry.label is None else f"{entry.label}, {kind}"
        items.append(f"<li><strong{css}>{_text(named)}</strong>: {_text(entry.answer)}</li>")
    return ['<section id="answer">', "<h2>The answer</h2>", '<ul class="answers">', *items,
            "</ul>", "</section>"]  # fmt: skip


def _not_planned(given: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """*given* checked: ``(label, why)`` pairs of str."""
    items = to_items(given, "not_planned", "an iterable of (label, why) pairs of str")
    pairs = []
    for index, item in enumerate(items):
        label, why = item if isinstance(item, tuple | list) and len(item) == 2 else (None, None)
        if not (isinstance(label, str) and isinstance(why, str)):
            raise InvalidTypeError(f"not_planned[{index}]", "a (label, why) pair of str", item)
        pairs.append((label, why))
    return pairs


def _missing(missing: list[tuple[str, str]]) -> list[str]:
    """The section that lists what could not be planned (none if nothing)."""
    if not missing:
        return []
    count = len(missing)
    noun, pronoun = ("row was", "it is") if count == 1 else ("rows were", "they are")
    items = [f"<li><strong>{_text(label)}</strong>: {_text(why)}</li>" for label, why in missing]
    return ['<section id="not-planned">', "<h2>Not planned</h2>",
            f"<p>{count} {noun} not planned, so {pronoun} not on this page:</p>",
            '<ul class="answers">', *items, "</ul>", "</section>"]  # fmt: skip


def _cycle(check: CycleCheck) -> list[str]:
    cycle = check.cycle
    closed = {flag.name: flag.reason for flag in check.closed_dates}
    rows = []
    for name, day in cycle.dates():
        note = f"a closed day: {closed[name]}" if name in closed else ""
        rows.append(
            f'<tr><td class="date">{_text(day.isoformat())}</td>'
            f"<td>{_text(_CYCLE_LABELS.get(name, name).capitalize())}</td>"
            f"<td>{_text(note)}</td></tr>"
        )
    fewest, most = cycle.decision_days
    estimated = " (estimated dates)" if cycle.term.estimated else ""
    return [
        '<section id="cycle">',
        "<h2>The recruiting cycle</h2>",
        f"<p>{_text(cycle.term.name)}: {_text(cycle.term.start.isoformat())} to "
        f"{_text(cycle.term.end.isoformat())}{_text(estimated)}. Students decide within "
        f"{fewest}-{most} business days (planned at {most}).</p>",
        "<table>",
        "<thead><tr><th>Date</th><th>What</th><th>Note</th></tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
        "</section>",
    ]


def _timeline(subject: CycleCheck | list[_Entry], day: date | None) -> list[str]:
    head = ['<section id="timeline">', "<h2>Timeline</h2>"]
    if isinstance(subject, CycleCheck):
        drawn: CycleCheck | list[Plan] = subject
    else:
        plans: list[Plan] = []
        for entry in subject:
            if entry.plan not in plans:
                plans.append(entry.plan)
        drawn = plans
    try:
        svg = _svg(drawn, day)
    except MissingExtraError as error:
        return [*head, f'<p class="missing">The timeline is left out: {_text(str(error))}.</p>',
                "</section>"]  # fmt: skip
    return [*head, "<figure>", svg, "</figure>", "</section>"]


def _svg(drawn: CycleCheck | list[Plan], day: date | None) -> str:
    """The timeline as an inline ``<svg>`` element: glyphs drawn as paths, so it looks
    the same without the fonts; ids salted so that the same plans give the same page."""
    from micropath.views.plot import plot_timeline

    figure = plot_timeline(drawn, today=day)
    import matplotlib

    buffer = io.StringIO()
    with (
        matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "micropath"}),
        warnings.catch_warnings(),
    ):
        # A name in a script the figure's font lacks is drawn as boxes; the page's text
        # shows it as it is, so matplotlib's warning about the glyphs is not passed on.
        warnings.filterwarnings("ignore", _MISSING_GLYPHS, UserWarning)
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    text = buffer.getvalue()
    svg = text[text.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    label = _text("Timeline of the latest safe dates, one lane per plan")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1).rstrip()


def _section(entry: _Entry, number: int) -> list[str]:
    p = entry.plan
    facts = [
        f"latest offer <strong>{_text(p.latest_offer.isoformat())}</strong>",
        f"latest filing <strong>{_text(p.latest_filing.isoformat())}</strong>",
    ]
    if p.earliest_filing is not None:
        facts.append(f"earliest filing <strong>{_text(p.earliest_filing.isoformat())}</strong>")
    expected: dict[str, date] = {}
    head = ["Date", "Milestone", "Actor", "Why this date"]
    if entry.verdict is not None:
        expected = dict(entry.verdict.verdict.expected)
        head.insert(1, f"Expected after an offer on {entry.verdict.offer.isoformat()}")
    lines = [
        f'<section class="plan" id="plan-{number}">',
        f"<h2>{_text(heading(p) if entry.label is None else f'{entry.label}: {heading(p)}')}</h2>",
        f"<p>{'; '.join(facts)}.</p>",
        "<table>",
        "<thead><tr>" + "".join(f"<th>{_text(cell)}</th>" for cell in head) + "</tr></thead>",
        "<tbody>",
    ]
    for item in p.milestones:
        cells = [f'<td class="date">{_text(item.date.isoformat())}</td>']
        if entry.verdict is not None:
            when = expected.get(item.name)
            shown = "" if when is None else when.isoformat()
            cells.append(f'<td class="date">{_text(shown)}</td>')
        cells.append(f"<td>{_text(item.label)}</td>")
        cells.append(f"<td>{_text(item.actor)}</td>")
        cells.append(f"<td>{_text(milestone_reason(item))}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.extend(["</tbody>", "</table>"])
    reasons = list(p.reasons)
    if entry.verdict is not None:
        reasons += [r for r in entry.verdict.verdict.reasons if r not in reasons]
    notices = [f for f in p.notices if f.severity != "advisory"]
    advisories = [f for f in p.notices if f.severity == "advisory" and f["status"] == "in-force"]
    # A proposed rule or a paused one: shown while current, but not in force.
    news = [f for f in p.notices if f.severity == "advisory" and f["status"] != "in-force"]
    lines.extend(_findings("Why it is not possible", "reasons", reasons))
    lines.extend(_findings("Notices", "notices", notices))
    lines.extend(_findings("Advisories in force", "advisories", advisories))
    lines.extend(_findings("Advisories not in force (informational)", "advisories", news))
    notes = [
        f"Planned at {planned_at(p)}.",
        *(f"Fee: {cost_text(cost)}." for cost in p.costs),
        *(f"{note}." for note in window_notes(p)),
    ]
    lines.extend(f'<p class="note">{_text(note)}</p>' for note in notes)
    lines.append("</section>")
    return lines


def _findings(title: str, css: str, findings: list[Finding]) -> list[str]:
    if not findings:
        return []
    items = []
    for finding in findings:
        source = "" if finding.source is None else f" (source: {finding.source.citation})"
        items.append(f"<li>{_text(sentence(finding) + source)}</li>")
    return [f"<h3>{_text(title)}</h3>", f'<ul class="{css}">', *items, "</ul>"]


def _sources(entries: list[_Entry]) -> list[str]:
    """One row per source and kind, with everything on the page that uses it."""
    uses: dict[tuple[str, str], tuple[Source, list[str]]] = {}

    def use(source: Source, kind: str, what: str) -> None:
        _, found = uses.setdefault((source.citation, kind), (source, []))
        if what not in found:
            found.append(what)

    for entry in entries:
        p = entry.plan
        kind = _kind(p)
        for item in p.milestones:
            if item.source is not None:
                use(item.source, item.source.kind, f"{kind}: {item.label}")
        for rule in p.rules:
            use(p.source(rule.source), rule.kind, f"{kind}: {applied_rule_text(p, rule)}")
        for finding in (*p.reasons, *p.notices):
            if finding.source is not None:
                use(finding.source, finding.source.kind, f"{kind}: {sentence(finding)}")
    rows = []
    for (citation, kind), (source, found) in uses.items():
        where = f"<br>{_text(source.url)}" if source.url else ""
        checked = f"<br>checked {_text(source.checked.isoformat())}"
        listed = "".join(f"<li>{_text(what)}</li>" for what in found)
        rows.append(
            f"<tr><td>{_text(citation)}{where}{checked}</td>"
            f'<td><span class="kind">{_text(kind)}</span></td><td><ul>{listed}</ul></td></tr>'
        )
    return [
        '<section id="sources">',
        "<h2>Sources</h2>",
        '<p class="note">Every milestone and every rule above, with where it comes from and '
        "its kind: regulation (law and USCIS's binding rules), practice (a school's or an "
        "office's) or estimate (a planning figure).</p>",
        "<table>",
        "<thead><tr><th>Source</th><th>Kind</th><th>Used for</th></tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
        "</section>",
    ]


GLOSSARY: Final[tuple[tuple[str, str], ...]] = (
    ("CPT", "Curricular Practical Training: off-campus work for an F-1 student that the "
     "school authorizes as part of the curriculum."),
    ("OPT", "Optional Practical Training: work authorization for an F-1 student that USCIS "
     "grants on Form I-765."),
    ("(c)(3)(A)", "the I-765 category of OPT before the program ends (pre-completion)."),
    ("(c)(3)(B)", "the I-765 category of OPT after the program ends (post-completion)."),
    ("AT", "Academic Training: work authorization for a J-1 student that the exchange "
     "program's sponsor grants."),
    ("I-20", "the F-1 student's Certificate of Eligibility, issued by the school; it "
     "records the school's authorization or recommendation of practical training."),
    ("I-765", "USCIS's Application for Employment Authorization."),
    ("EAD", "Employment Authorization Document: the card USCIS sends when it approves the "
     "I-765; the student may work once it is in hand and its start date is reached."),
    ("DSO", "Designated School Official: the international office's officer who authorizes "
     "or recommends an F-1 student's practical training."),
    ("SEVIS", "Student and Exchange Visitor Information System: the government's record of "
     "international students and exchange visitors, where the school records their practical "
     "training."),
    ("premium processing", "USCIS's promise to act on the I-765 (approve it, deny it or ask "
     "for evidence) within a set time, for an extra fee; requested on Form I-907."),
    ("I-907", "USCIS's Request for Premium Processing Service."),
)  # fmt: skip
"""The terms an employer may not know, each explained in plain words, shown under
"Terms" on a page that uses them (the rules themselves are cited under "Sources")."""


_TERMS: Final = re.compile(
    r"(?<![\w&;-])("
    + "|".join(re.escape(escape(term)) for term, _ in sorted(GLOSSARY, key=lambda g: -len(g[0])))
    + r")(?![\w&-])"
)
"""Any term of :data:`GLOSSARY` as the page writes it (escaped), as a word of its own."""
_BY_ESCAPED: Final = {escape(term): term for term, _ in GLOSSARY}


def _glossary(page: str, given: Iterable[str]) -> list[str]:
    """The section that explains the terms of :data:`GLOSSARY` that *page* (HTML) uses,
    or that their explanations use, leaving out the text the caller *given* (a title,
    labels): "AT&T" is no AT."""
    for shown in {_text(text) for text in given}:
        if _TERMS.search(shown):  # most ids and titles hold none: nothing to take out
            page = page.replace(shown, " ")
    meanings = dict(GLOSSARY)
    found = {_BY_ESCAPED[word] for word in _TERMS.findall(page)}
    new = found
    while new:  # the terms an explanation uses are explained too
        said = " ".join(_text(meanings[term]) for term in new)
        new = {_BY_ESCAPED[word] for word in _TERMS.findall(said)} - found
        found |= new
    used = [(term, meaning) for term, meaning in GLOSSARY if term in found]
    if not used:
        return []
    items = [f"<li><strong>{_text(term)}</strong>: {_text(meaning)}</li>" for term, meaning in used]
    return ['<section id="terms">', "<h2>Terms</h2>", '<ul class="terms">', *items, "</ul>",
            "</section>"]  # fmt: skip


def _kind(plan: Plan) -> str:
    return plan.authorization.value + (f" {plan.category}" if plan.category else "")


def _text(value: str) -> str:
    return escape(value, quote=True)
