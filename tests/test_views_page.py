"""The page to share: parsed back with ``html.parser``, and opened in a real browser.

Laws checked:
- the page is one self-contained document: no script element, no event
  handler, nothing fetched (every src/href is a fragment of the page itself),
  a Content-Security-Policy that forbids fetching, the style inline with print
  rules;
- the answer is one sentence per plan: for an offer verdict the employer's
  answer (too late, the earliest first day it allows, with premium processing),
  for a cycle one per row, for a plan its latest offer and filing; each sentence
  is checked against the values it comes from;
- the milestones table is the plan's milestones, in order, with the expected
  dates of an offer verdict's forward pass;
- the findings (reasons, notices, advisories) are their sentences;
- the sources list the citation of every milestone and rule, with its kind;
- text is escaped: markup in a term's name, a title or a finding is text;
- the timeline is inline SVG; without matplotlib the page says it is left out;
- the same inputs give the same page;
- headless Chromium renders the file offline: the rendered text holds the
  answer and the dates, the screenshot shows the figure's bars, and the page
  prints to PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import micropath as mp
from micropath.errors import InvalidTypeError, InvalidValueError
from micropath.findings import Finding
from micropath.views.page import GLOSSARY, report_html
from micropath.views.plot import PALETTE
from micropath.views.text import (
    cycle_row_sentence,
    milestone_reason,
    offer_sentence,
    plan_sentence,
    rule_text,
)

START = "2027-01-04"
OFFER = "2026-10-25"
FETCHING = ("src", "href", "xlink:href", "action", "formaction", "poster", "data", "srcset")
EXTERNAL_TAGS = {"script", "link", "iframe", "frame", "object", "embed", "img", "base", "audio",
                 "video", "source", "form", "input"}  # fmt: skip


# -- reading a page back ---------------------------------------------------------------------


class Page(HTMLParser):
    """Tags, attributes, text per section, table rows and list items of a page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self.rows: dict[str, list[list[str]]] = {}
        self.items: dict[str, list[str]] = {}
        self.text: list[str] = []
        self._open: list[str] = []  # the tag stack
        self._section: list[str] = []
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None
        self._item: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag in ("meta", "br", "path", "use", "rect", "stop"):
            return  # void, or self-closing inside the SVG
        self._open.append(tag)
        if tag == "section":
            self._section.append(found.get("id") or found.get("class") or "")
            self.sections.setdefault(self._section[-1], [])
        elif tag == "tr":
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._cell = []
        elif tag == "li":
            self._item = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "br", "path", "use", "rect", "stop"):
            return
        while self._open and self._open.pop() != tag:
            pass
        here = self._section[-1] if self._section else ""
        if tag == "section" and self._section:
            self._section.pop()
        elif tag in ("td", "th") and self._cell is not None and self._cells is not None:
            self._cells.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._cells is not None:
            self.rows.setdefault(here, []).append(self._cells)
            self._cells = None
        elif tag == "li" and self._item is not None:
            self.items.setdefault(here, []).append(" ".join("".join(self._item).split()))
            self._item = None

    def handle_data(self, data: str) -> None:
        if "style" in self._open:
            self.styles.append(data)
            return
        if "svg" in self._open or "title" in self._open:
            return
        self.text.append(data)
        if self._section:
            self.sections[self._section[-1]].append(data)
        for part in (self._cell, self._item):
            if part is not None:
                part.append(data)

    def words(self, section: str | None = None) -> str:
        """The text (of one section), whitespace collapsed."""
        chunks = self.text if section is None else self.sections[section]
        return " ".join("".join(chunks).split())


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def verdict() -> mp.OfferVerdict:
    return mp.offer_verdict(mp.plan("OPT", START), OFFER)


@pytest.fixture(scope="module")
def checked() -> mp.CycleCheck:
    return mp.check_cycle(mp.recruiting_cycle(2027))


@pytest.fixture(scope="module")
def verdict_page(verdict: mp.OfferVerdict) -> str:
    return report_html(verdict, today="2026-09-01")


# -- one self-contained, safe document ------------------------------------------------------


def assert_self_contained(text: str) -> Page:
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>\n")
    names = [tag for tag, _ in page.tags]
    assert not EXTERNAL_TAGS & set(names), EXTERNAL_TAGS & set(names)
    for tag, found in page.tags:
        for name, value in found.items():
            assert not name.startswith("on"), (tag, name)  # no event handler
            if name in FETCHING:
                assert value is not None
                assert value.startswith("#"), (tag, name, value)  # a part of this page
            if name == "style":
                assert "url(" not in (value or "").replace("url(#", "")
    for style in page.styles:
        assert "@import" not in style
        assert "url(" not in style.replace("url(#", "")
    assert "<script" not in text.lower()
    (policy,) = [f for tag, f in page.tags if tag == "meta" and f.get("http-equiv")]
    assert (policy["http-equiv"], policy["content"]) == (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    )
    assert names.count("style") >= 1
    assert any("@media print" in style for style in page.styles)
    return page


def test_an_offer_verdicts_page_is_self_contained(verdict_page: str) -> None:
    page = assert_self_contained(verdict_page)
    assert [tag for tag, _ in page.tags].count("svg") == 1  # the timeline, inline


def test_a_cycle_page_is_self_contained(checked: mp.CycleCheck) -> None:
    assert_self_contained(report_html(checked))


def test_the_checker_catches_what_it_must() -> None:
    """The assertions above can fail: each of these pages breaks one of them."""
    good = report_html(mp.plan("CPT", START), timeline=False)
    bad = [
        good.replace("</main>", "<script>alert(1)</script></main>"),
        good.replace("</main>", '<img src="https://example.com/x.png"></main>'),
        good.replace("<h1>", '<h1 onclick="x()">'),
        good.replace("</main>", '<a href="http://example.com">x</a></main>'),
        good.replace("<style>", "<style>@import 'https://example.com/a.css';"),
        good.replace("@media print", "@media screen"),
    ]
    for text in bad:
        with pytest.raises(AssertionError):
            assert_self_contained(text)


# -- the answer -------------------------------------------------------------------------


def test_the_employers_answer_in_one_sentence(verdict: mp.OfferVerdict) -> None:
    """The issue's example: an OPT offer on October 25 for a first day of January 4."""
    assert not verdict.on_time
    assert verdict.earliest_start is not None
    assert verdict.earliest_start_premium is not None
    text = offer_sentence(verdict)
    assert text == (
        f"An offer on {OFFER} is too late for a first day of {START}; the earliest first "
        f"day it allows is {verdict.earliest_start.isoformat()} "
        f"({verdict.earliest_start_premium.isoformat()} with premium processing)."
    )
    assert text.count(".") == text.count(". ") + 1  # one sentence: the final stop
    assert (verdict.earliest_start, verdict.earliest_start_premium) == (
        date(2027, 4, 9),
        date(2027, 1, 26),
    )


def test_an_offer_on_time_says_how_many_days_to_spare() -> None:
    plan = mp.plan("CPT", START)
    on_time = mp.offer_verdict(plan, OFFER)
    assert on_time.on_time
    assert offer_sentence(on_time) == (
        f"An offer on {OFFER} is on time for a first day of {START}, with "
        f"{on_time.verdict.slack} days to spare (the latest offer is {plan.latest_offer})."
    )
    last = mp.offer_verdict(plan, plan.latest_offer)
    assert last.verdict.slack == 0
    assert "it is the latest offer" in offer_sentence(last)
    one = mp.offer_verdict(plan, plan.latest_offer - timedelta(days=1))
    assert "with 1 day to spare" in offer_sentence(one)


def test_a_late_offer_without_premium_names_one_first_day() -> None:
    late = mp.offer_verdict(mp.plan("CPT", START), "2026-12-01")
    assert not late.on_time
    assert late.earliest_start is not None
    assert late.earliest_start_premium is None  # CPT has no premium processing
    assert offer_sentence(late) == (
        f"An offer on 2026-12-01 is too late for a first day of {START}; the earliest "
        f"first day it allows is {late.earliest_start.isoformat()}."
    )


def test_an_offer_for_a_student_who_is_not_eligible() -> None:
    ineligible = mp.offer_verdict(mp.plan("OPT", START, terms_completed=1), OFFER)
    assert ineligible.earliest_start is None
    text = offer_sentence(ineligible)
    reasons = "; ".join(str(reason) for reason in ineligible.plan.reasons)
    assert text == f"No offer works for a first day of {START} ({reasons})."


def test_an_offer_for_a_start_that_is_too_early() -> None:
    """The plan itself is not possible, but a later first day is: the sentence says both."""
    early = mp.offer_verdict(mp.plan("OPT", START, academic_year_completes="2027-05-20"), OFFER)
    assert not early.plan.feasible
    assert early.earliest_start is not None
    reasons = "; ".join(str(reason) for reason in early.plan.reasons)
    expected = (
        f"No offer works for a first day of {START} ({reasons}); the earliest first day an "
        f"offer on {OFFER} allows is {early.earliest_start.isoformat()}"
    )
    assert offer_sentence(early).startswith(expected)


def test_the_offer_sentence_names_premium_processing_only_when_it_helps(
    verdict: mp.OfferVerdict,
) -> None:
    assert verdict.earliest_start is not None
    same = attrs.evolve(verdict, earliest_start_premium=verdict.earliest_start)
    assert offer_sentence(same) == (
        f"An offer on {OFFER} is too late for a first day of {START}; the earliest first day "
        f"it allows is {verdict.earliest_start.isoformat()}."
    )
    only = attrs.evolve(verdict, earliest_start=None)
    assert offer_sentence(only) == (
        f"An offer on {OFFER} is too late for a first day of {START}; the earliest first day "
        f"it allows is {verdict.earliest_start_premium} with premium processing, and none "
        "without it."
    )
    neither = attrs.evolve(verdict, earliest_start=None, earliest_start_premium=None)
    assert offer_sentence(neither) == (
        f"An offer on {OFFER} is too late for a first day of {START}; no first day within "
        "three years allows it."
    )


def test_a_plans_sentence_gives_its_latest_dates() -> None:
    windowed = mp.plan("CPT", START, filing_window=30)
    assert windowed.earliest_filing is not None
    assert plan_sentence(windowed) == (
        f"For a first day of work on {START}, extend the offer by {windowed.latest_offer}; "
        f"the student files by {windowed.latest_filing} and no earlier than "
        f"{windowed.earliest_filing}."
    )
    infeasible = mp.plan("AT", START, terms_completed=0)
    reasons = "; ".join(str(reason) for reason in infeasible.reasons)
    assert plan_sentence(infeasible) == (
        f"A first day of work on {START} is not possible for AT: {reasons}."
    )


def test_a_cycle_rows_sentence(checked: mp.CycleCheck) -> None:
    cycle = checked.cycle
    sentences = [cycle_row_sentence(row, cycle) for row in checked]
    for text, row in zip(sentences, checked, strict=True):
        assert text.startswith(f"An offer on {cycle.offers} is ")
        assert f"for {row.authorization.value} on a first day of {cycle.term.start}" in text
        assert f"{abs(row.slack)} days" in text
        assert ("on time" in text.split(",")[0]) is row.on_time
    opt = checked[1]
    assert opt.premium_on_time is False
    assert sentences[1].endswith("; premium processing does not make it on time either.")
    saved = attrs.evolve(opt, premium_on_time=True)
    assert cycle_row_sentence(saved, cycle).endswith("; with premium processing it is on time.")
    slow = mp.check_cycle(cycle, ["CPT"], processing=mp.business_days(40))[0]
    assert (slow.on_time, slow.premium_on_time) == (False, None)  # CPT: no premium
    assert cycle_row_sentence(slow, cycle) == (
        f"An offer on {cycle.offers} is too late for CPT on a first day of {cycle.term.start}, "
        f"by {-slow.slack} days (the latest offer is {slow.latest_offer})."
    )
    bad = mp.check_cycle(cycle, ["AT"], terms_completed=0)[0]
    assert bad.plan is not None
    assert cycle_row_sentence(bad, cycle).startswith("No offer works for AT on a first day of")


def test_the_page_leads_with_the_answer(verdict: mp.OfferVerdict, verdict_page: str) -> None:
    page = Page(verdict_page)
    assert page.items["answer"] == [f"OPT (c)(3)(A): {offer_sentence(verdict)}"]
    assert page.words().index("The answer") < page.words().index("Timeline")
    assert "Prepared on 2026-09-01" in page.words()
    late = [f for tag, f in page.tags if tag == "strong" and f.get("class") == "late"]
    assert len(late) == 1  # the late answer stands out


def test_a_cycle_page_answers_for_each_row(checked: mp.CycleCheck) -> None:
    page = Page(report_html(checked, timeline=False))
    assert page.items["answer"] == [
        f"{row.plan.authorization.value}{' ' + row.plan.category if row.plan.category else ''}: "  # type: ignore[union-attr]
        f"{cycle_row_sentence(row, checked.cycle)}"
        for row in checked
    ]
    cycle = checked.cycle
    assert [cells[0] for cells in page.rows["cycle"][1:]] == [
        day.isoformat() for _, day in cycle.dates()
    ]
    notes = {cells[0]: cells[2] for cells in page.rows["cycle"][1:]}
    for flag in checked.closed_dates:
        assert notes[flag.date.isoformat()] == f"a closed day: {flag.reason}"
    late = [f for tag, f in page.tags if tag == "strong" and f.get("class") == "late"]
    assert len(late) == sum(not row.on_time for row in checked) == 1
    assert "Recruiting cycle for IAP 2027" in page.words()


# -- the milestones, the findings, the sources ---------------------------------------------


def plan_sections(page: Page) -> Iterator[str]:
    return (name for name in page.sections if name.startswith("plan-"))


def test_the_milestones_table_is_the_plans(verdict: mp.OfferVerdict, verdict_page: str) -> None:
    page = Page(verdict_page)
    (section,) = plan_sections(page)
    head, *rows = page.rows[section]
    assert head == ["Date", f"Expected after an offer on {OFFER}", "Milestone", "Actor",
                    "Why this date"]  # fmt: skip
    expected = dict(verdict.verdict.expected)
    assert rows == [
        [
            m.date.isoformat(),
            expected[m.name].isoformat() if m.name in expected else "",
            m.label,
            m.actor,
            squash(milestone_reason(m)),
        ]
        for m in verdict.plan.milestones
    ]


def test_one_section_per_plan_in_order() -> None:
    plans = [mp.plan("AT", START), mp.plan("CPT", "2027-06-01")]
    page = Page(report_html(plans, timeline=False))
    sections = list(plan_sections(page))
    assert len(sections) == 2
    for section, p in zip(sections, plans, strict=True):
        assert [cells[0] for cells in page.rows[section][1:]] == [
            m.date.isoformat() for m in p.milestones
        ]
        assert page.rows[section][0] == ["Date", "Milestone", "Actor", "Why this date"]
    assert page.items["answer"] == [f"{p.authorization.value}: {plan_sentence(p)}" for p in plans]


def test_the_findings_are_shown() -> None:
    p = mp.plan("OPT", START, terms_completed=1, today="2026-12-15")
    assert p.reasons
    notices = [f for f in p.notices if f.severity == "notice"]
    advisories = [f for f in p.notices if f.severity == "advisory" and f["status"] == "in-force"]
    news = [f for f in p.notices if f.severity == "advisory" and f["status"] != "in-force"]
    assert notices
    assert advisories
    assert news  # the proposed biometrics rule
    page = Page(report_html(p, timeline=False))
    items = page.items["plan-1"]

    def shown(finding: Finding) -> str:
        source = "" if finding.source is None else f" (source: {finding.source.citation})"
        return squash(str(finding) + source)

    assert [shown(f) for f in (*p.reasons, *notices, *advisories, *news)] == items
    words = page.words("plan-1")
    assert words.index("Why it is not possible") < words.index("Notices")
    assert words.index("Notices") < words.index("Advisories in force")
    assert words.index("Advisories in force") < words.index(
        "Advisories not in force (informational)"
    )
    assert "Prepared on 2026-12-15" in page.words()  # the plans' own today


def test_the_sources_cite_every_milestone_and_rule_with_its_kind() -> None:
    plans = [mp.plan(kind, START) for kind in ("CPT", "OPT", "AT")]
    page = Page(report_html(plans, timeline=False))
    rows = page.rows["sources"]
    assert rows[0] == ["Source", "Kind", "Used for"]
    listed = {(cells[0], cells[1]): cells[2] for cells in rows[1:]}
    for p in plans:
        kind = p.authorization.value + (f" {p.category}" if p.category else "")
        for m in p.milestones:
            if m.source is None:
                continue
            key = next(k for k in listed if k[0].startswith(squash(m.source.citation)))
            assert key[1] == m.source.kind
            assert f"{kind}: {m.label}" in listed[key]
        for rule in p.rules:
            source = p.source(rule.source)
            keys = [k for k in listed if k[0].startswith(squash(source.citation))]
            assert (keys[0][0], rule.kind) in listed, rule
            assert f"{kind}: {squash(rule_text(rule))}" in listed[(keys[0][0], rule.kind)]
    kinds = {key[1] for key in listed}
    assert {"regulation", "practice"} <= kinds


# -- escaping ---------------------------------------------------------------------------------

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def test_text_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    term = mp.Term(date(2027, 1, 4), date(2027, 1, 29), name=MARKUP)
    notice = Finding("start-closed", "notice", {"start": date(2027, 1, 4), "closed": MARKUP})
    monkeypatch.setattr(mp.Plan, "notices", property(lambda self: (notice,)))
    p = mp.plan("CPT", term)
    text = report_html(p, title=MARKUP + " title")
    page = assert_self_contained(text)
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert page.words().startswith(squash(MARKUP) + " title")  # the h1, as text
    assert squash(MARKUP) in page.words("plan-1")  # the heading names the term
    assert any(squash(MARKUP) in item for item in page.items["plan-1"])  # the notice
    cycle = attrs.evolve(mp.recruiting_cycle(2027), term=term)
    assert "<script" not in report_html(mp.check_cycle(cycle, ["CPT"])).lower()


def test_what_was_not_planned_is_listed_under_the_answers() -> None:
    """A batch's page lists the rows it could not plan, so that a page shared with an
    employer says who is missing (found by a tester: it said nothing)."""
    missing = [("cy, line 4", "authorization must be one of 'CPT', 'OPT', 'AT', got 'XYZ'"),
               ("(no id), line 7", "id must be non-empty, got ''")]  # fmt: skip
    page = Page(report_html(mp.plan("CPT", START), not_planned=missing, timeline=False))
    assert list(page.sections)[:2] == ["answer", "not-planned"]  # in the page's order
    assert page.words("not-planned").startswith(
        "Not planned 2 rows were not planned, so they are not on this page:"
    )
    assert page.items["not-planned"] == [f"{label}: {why}" for label, why in missing]
    one = Page(report_html(mp.plan("CPT", START), not_planned=missing[:1], timeline=False))
    assert "1 row was not planned, so it is not on this page:" in one.words("not-planned")
    assert "not-planned" not in Page(report_html(mp.plan("CPT", START))).sections


# -- terms -----------------------------------------------------------------------------------


OPT_TERMS = ["OPT", "I-20", "I-765", "EAD", "DSO", "SEVIS"]


@pytest.mark.parametrize(
    ("subject", "explained"),
    [
        (mp.plan("CPT", START), ["CPT", "I-20"]),
        (mp.plan("AT", START), ["AT"]),
        (mp.plan("OPT", START, program_end="2026-12-18"), [*OPT_TERMS, "(c)(3)(B)"]),
        (  # premium processing would rescue this offer: the page says so
            mp.offer_verdict(mp.plan("OPT", START), "2026-10-25"),
            [*OPT_TERMS, "(c)(3)(A)", "premium processing", "I-907"],
        ),
    ],
    ids=["CPT", "AT", "OPT-post", "OPT-offer"],
)
def test_the_terms_a_page_uses_are_explained(subject: object, explained: list[str]) -> None:
    """Found by a tester: an employer's page said (c)(3)(A), I-765, DSO, SEVIS and EAD
    and never said what they are. Each term the page's text uses, or an explanation
    uses, is explained, and no other; the text is read back from the page."""
    page = Page(report_html(subject, timeline=False))  # type: ignore[arg-type]
    meanings = dict(GLOSSARY)
    order = [term for term, _ in GLOSSARY]
    assert page.items["terms"] == [
        f"{term}: {meanings[term]}" for term in sorted(explained, key=order.index)
    ]
    text = " ".join(page.words(name) for name in page.sections)  # the Terms too
    for term in meanings:
        used = re.search(rf"(?<![\w&-]){re.escape(term)}(?![\w&-])", text) is not None
        assert used == (term in explained), term


def test_a_term_in_the_callers_own_text_is_not_explained() -> None:
    """Found by a reviewer: a label "AT&T intern" made a CPT page explain AT."""
    text = report_html(
        mp.plan("CPT", START), title="Offer from AT&T", labels=["AT&T intern"], timeline=False
    )
    assert [item.split(":")[0] for item in Page(text).items["terms"]] == ["CPT", "I-20"]
    assert "AT&amp;T intern, CPT" in text


def test_an_answer_planned_with_premium_processing_says_so() -> None:
    """Found by a tester: the answer's sentence did not say premium was assumed."""
    page = Page(report_html(mp.plan("OPT", START, premium=True), timeline=False))
    (answer,) = page.items["answer"]
    assert answer.startswith("OPT (c)(3)(A) with premium processing: ")
    plain = Page(report_html(mp.plan("OPT", START), timeline=False))
    assert plain.items["answer"][0].startswith("OPT (c)(3)(A): ")


# -- the timeline ---------------------------------------------------------------------------


def test_the_timeline_is_inline_svg_and_the_page_is_reproducible(checked: mp.CycleCheck) -> None:
    first, second = report_html(checked), report_html(checked)
    assert first == second
    svg = first[first.index("<svg") : first.index("</svg>")]
    assert 'role="img"' in svg
    assert svg.count("<path") > 100  # bars, markers and glyphs
    assert "<?xml" not in first
    assert "<!DOCTYPE svg" not in first


def test_without_matplotlib_the_page_says_the_timeline_is_left_out(
    monkeypatch: pytest.MonkeyPatch, verdict: mp.OfferVerdict
) -> None:
    for name in ("matplotlib", "matplotlib.dates", "matplotlib.axes", "matplotlib.figure"):
        monkeypatch.setitem(sys.modules, name, None)
    text = report_html(verdict)
    page = assert_self_contained(text)
    assert "svg" not in [tag for tag, _ in page.tags]
    assert "The timeline is left out" in page.words("timeline")
    assert "pip install 'matplotlib>=3.7'" in page.words("timeline")
    assert page.items["answer"] == [f"OPT (c)(3)(A): {offer_sentence(verdict)}"]


def test_timeline_false_leaves_the_section_out() -> None:
    page = Page(report_html(mp.plan("CPT", START), timeline=False))
    assert "timeline" not in page.sections
    assert "answer" in page.sections
    assert "sources" in page.sections


@pytest.mark.parametrize(
    ("subject", "options", "error", "parameter"),
    [
        ([], {}, InvalidValueError, "subject"),
        ("CPT", {}, InvalidTypeError, "subject"),
        ([mp.iap(2027)], {}, InvalidTypeError, "subject[0]"),
        (mp.recruiting_cycle(2027), {}, InvalidTypeError, "subject"),
        (None, {"title": 3}, InvalidTypeError, "title"),
        (None, {"title": "  "}, InvalidValueError, "title"),
        (None, {"today": datetime(2026, 9, 1)}, InvalidTypeError, "today"),
        (None, {"today": "2026-02-30"}, InvalidValueError, "today"),
        (None, {"timeline": "yes"}, InvalidTypeError, "timeline"),
        (None, {"figure": False}, InvalidTypeError, "options"),
        (None, {"not_planned": "ana"}, InvalidTypeError, "not_planned"),
        (None, {"not_planned": [("ana", "why"), ("bo",)]}, InvalidTypeError, "not_planned[1]"),
        (None, {"not_planned": [("ana", 3)]}, InvalidTypeError, "not_planned[0]"),
    ],
)
def test_bad_arguments_name_the_parameter(
    subject: object, options: dict[str, object], error: type[Exception], parameter: str
) -> None:
    target = mp.plan("CPT", START) if subject is None else subject
    with pytest.raises(error) as caught:
        report_html(target, **options)  # type: ignore[arg-type]
    assert isinstance(caught.value, mp.MicropathError)
    assert caught.value.parameter == parameter  # type: ignore[attr-defined]


def test_a_cycle_row_without_its_plan_is_refused(checked: mp.CycleCheck) -> None:
    bare = attrs.evolve(checked, rows=(checked[0], attrs.evolve(checked[1], plan=None)))
    with pytest.raises(InvalidValueError) as caught:
        report_html(bare)
    assert caught.value.parameter == "subject[1]"
    with pytest.raises(InvalidValueError) as caught:
        report_html(attrs.evolve(checked, rows=()))
    assert caught.value.parameter == "subject"


# -- in a real browser ------------------------------------------------------------------------

BROWSER_TIMEOUT = 180  # seconds: a cold start on a loaded CI machine


def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not on PATH in CI: .ci/run installs Debian's chromium")
        pytest.skip("chromium is not on PATH: install Debian's chromium package to run this test")
    return found


def browse(page: Path, tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on *page*, offline, with a profile of its own."""
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-sync",
        "--hide-scrollbars",
        "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=5000",
        f"--user-data-dir={profile}",
        *arguments,
        page.as_uri(),
    ]
    environment = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=BROWSER_TIMEOUT,
        check=False,
        env=environment,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what
    Chromium writes), decoded with the standard library only."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    channels = {2: 3, 6: 4}[color]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                           (abs(guess - corner), 2, corner))  # fmt: skip
                line[i] = (line[i] + near[2]) & 0xFF
        pixels.extend(tuple(line[i : i + 3]) for i in range(0, stride, channels))
        previous = line
    return width, height, pixels


def screenshot_pixels(path: Path) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB pixels of a PNG: by Pillow (matplotlib's dependency, fast)
    when it is installed, else by the standard library."""
    try:
        from PIL import Image
    except ImportError:
        return png_pixels(path.read_bytes())
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        data = rgb.tobytes()
        return rgb.width, rgb.height, list(zip(data[0::3], data[1::3], data[2::3], strict=True))


def test_png_pixels_decodes_what_it_is_given(tmp_path: Path) -> None:
    """The decoder against matplotlib's own PNG writer (filters of every kind)."""
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(1, 0.5), dpi=40)
    figure.patch.set_facecolor("#4C72B0")
    target = tmp_path / "blue.png"
    figure.savefig(target)
    width, height, pixels = png_pixels(target.read_bytes())
    assert (width, height) == (40, 20)
    assert set(pixels) == {(0x4C, 0x72, 0xB0)}


def rendered_text(dom: str) -> str:
    page = Page(dom)
    return page.words()


@pytest.fixture(scope="module")
def shared_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, mp.OfferVerdict]:
    verdict = mp.offer_verdict(mp.plan("OPT", START), OFFER)
    cpt = mp.plan("CPT", START)
    target = tmp_path_factory.mktemp("page") / "offer.html"
    target.write_text(report_html([verdict, cpt], today="2026-09-01"), encoding="utf-8")
    return target, verdict


def test_chromium_renders_the_text(
    shared_page: tuple[Path, mp.OfferVerdict], tmp_path: Path
) -> None:
    target, verdict = shared_page
    dom = browse(target, tmp_path, "--dump-dom").stdout
    assert "<svg" in dom  # the figure is part of the rendered document
    text = rendered_text(dom)
    assert offer_sentence(verdict) in text
    assert plan_sentence(mp.plan("CPT", START)) in text
    for m in verdict.plan.milestones:
        assert m.date.isoformat() in text
    for heading in ("The answer", "Timeline", "Sources"):
        assert heading in text
    assert "8 CFR 214.2(f)(11)" in text


def test_chromium_screenshot_shows_the_page_and_its_figure(
    shared_page: tuple[Path, mp.OfferVerdict], tmp_path: Path
) -> None:
    target, _ = shared_page
    shot = tmp_path / "page.png"
    browse(target, tmp_path, f"--screenshot={shot}", "--window-size=1000,1400")
    width, height, pixels = screenshot_pixels(shot)
    assert (width, height) == (1000, 1400)
    counts = Counter(pixels)
    assert len(counts) > 50  # text, rules and a figure; not a blank page
    assert len(pixels) - counts[(255, 255, 255)] > len(pixels) // 50  # ink on 2% or more
    # The CPT lane's first bar, drawn by the browser from the inline SVG: the palette's
    # colour at alpha 0.9 over white.
    blue = tuple(round(0.9 * int(PALETTE[0][i : i + 2], 16) + 0.1 * 255) for i in (1, 3, 5))
    near = sum(
        count
        for colour, count in counts.items()
        if all(abs(a - b) <= 3 for a, b in zip(colour, blue, strict=True))
    )
    assert near > 500, blue


def test_chromium_prints_the_page(
    shared_page: tuple[Path, mp.OfferVerdict], tmp_path: Path
) -> None:
    target, _ = shared_page
    pdf = tmp_path / "page.pdf"
    browse(target, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 20_000


def test_a_plans_section_lists_its_fees() -> None:
    """The page gives the fees ``micropath plan`` lists: each cost's amount, note, date
    and citation; CPT costs nothing and lists no fee."""
    from micropath.views.text import cost_text

    p = mp.plan("OPT", START, premium=True)
    page = Page(report_html(p, timeline=False))
    text = page.words("plan-1")
    assert len(p.costs) == 2
    for cost in p.costs:
        assert squash(f"Fee: {cost_text(cost)}.") in text
    cpt = Page(report_html(mp.plan("CPT", START), timeline=False))
    assert "Fee:" not in cpt.words("plan-1")
