"""The HTML view: parsed back with the standard library's html.parser.

Laws checked:
- one table row per milestone: its ISO date, label, actor and reason;
- the header gives the authorization, start, latest offer and filing, verdict;
- every piece of text is escaped: what the parser reads back is the raw
  text, and no markup from the data survives as a tag.
"""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

import micropath as mp
from micropath.views.html import plan_html
from micropath.views.text import milestone_reason

START = "2027-01-04"
VOID = frozenset({"br", "hr", "img", "meta", "link", "col", "wbr", "input"})


class Page(HTMLParser):
    """Collects the tags met, the rows of the table body, the header paragraph
    and the reasons list, as text the parser decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.titles: list[list[str | None]] = []  # per row, per cell
        self.header = ""
        self.reasons: list[str] = []
        self._where: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in VOID:
            return
        self._where.append(tag)
        if tag == "tr" and "tbody" in self._where:
            self.rows.append([])
            self.titles.append([])
        if tag == "td":
            self.rows[-1].append("")
            self.titles[-1].append(dict(attrs).get("title"))
        if tag == "li":
            self.reasons.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self._where, f"</{tag}> closes nothing"
        assert self._where[-1] == tag, f"</{tag}> closes <{self._where[-1]}>"
        self._where.pop()

    def handle_data(self, data: str) -> None:
        if "td" in self._where:
            self.rows[-1][-1] += data
        elif "li" in self._where:
            self.reasons[-1] += data
        elif "p" in self._where:
            self.header += data


@pytest.mark.parametrize("kind", ["CPT", "OPT", "AT"])
def test_one_row_per_milestone(kind: str) -> None:
    p = mp.plan(kind, mp.iap(2027))
    page = Page(plan_html(p))
    expected = [[m.date.isoformat(), m.label, m.actor, milestone_reason(m)] for m in p.milestones]
    assert page.rows == expected
    assert [date.fromisoformat(row[0]) for row in page.rows] == [m.date for m in p.milestones]
    assert page.titles == [
        [None, None, None, f"source: {m.source.citation}" if m.source else None]
        for m in p.milestones
    ]


def test_header_gives_the_verdict() -> None:
    p = mp.plan("OPT", START, filing_window=200)
    assert p.earliest_filing is not None
    header = Page(plan_html(p)).header
    for day in (p.start, p.latest_offer, p.latest_filing, p.earliest_filing):
        assert day.isoformat() in header
    assert header.startswith(p.authorization.value)
    assert "feasible: yes" in header


def test_an_infeasible_plan_lists_its_reasons() -> None:
    p = mp.plan("OPT", START, terms_completed=0)
    page = Page(plan_html(p))
    assert "feasible: no" in page.header
    assert page.reasons == list(p.reasons)


def test_a_feasible_plan_lists_no_reasons() -> None:
    page = Page(plan_html(mp.plan("CPT", START)))
    assert page.reasons == []
    assert "ul" not in page.tags


def test_all_text_is_escaped() -> None:
    holiday = '<b>Fish & "Chips"</b>'
    calendar = mp.Calendar({date(2026, 12, 15): holiday}, name="<i>odd</i>")
    term = mp.Term(START, "2027-01-29", name="IAP <script>alert(1)</script>")
    p = mp.plan("CPT", term, calendar=calendar)
    text = plan_html(p)
    page = Page(text)
    assert not {"b", "i", "script"} & set(page.tags)
    assert "<script>" not in text
    assert term.name in page.header  # read back as the raw text
    reasons = [row[3] for row in page.rows]
    assert reasons == [milestone_reason(m) for m in p.milestones]
    assert any(holiday in reason for reason in reasons)


def test_repr_html_is_plan_html() -> None:
    p = mp.plan("AT", START)
    assert p._repr_html_() == plan_html(p)
