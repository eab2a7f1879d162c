"""The HTML view: parsed back with the standard library's html.parser.

Laws checked:
- one table row per milestone: its ISO date, label, actor and reason;
- the header gives the authorization, start, latest offer and filing, verdict;
- the plan's findings are listed as their sentences, ``str(finding)``: its
  reasons in one list, its notices in another (each with its source as the
  tooltip), and no list at all for none;
- every piece of text is escaped: what the parser reads back is the raw
  text, and no markup from the data survives as a tag, also in a finding
  made by hand.
"""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import attrs
import pytest

import micropath as mp
from micropath.findings import Finding
from micropath.views.html import plan_html
from micropath.views.text import milestone_reason

START = "2027-01-04"
VOID = frozenset({"br", "hr", "img", "meta", "link", "col", "wbr", "input"})


class Page(HTMLParser):
    """Collects the tags met, the rows of the table body, the header paragraph
    and the items of each list by its class (``reasons``, ``notices``) with
    their tooltips, as text the parser decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.titles: list[list[str | None]] = []  # per row, per cell
        self.header = ""
        self.lists: dict[str, list[str]] = {}
        self.tooltips: dict[str, list[str | None]] = {}
        self._list = ""
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
        if tag == "ul":
            self._list = (dict(attrs).get("class") or "").removeprefix("micropath-")
            assert self._list not in self.lists, f"two lists of {self._list}"
            self.lists[self._list] = []
            self.tooltips[self._list] = []
        if tag == "li":
            self.lists[self._list].append("")
            self.tooltips[self._list].append(dict(attrs).get("title"))

    def handle_endtag(self, tag: str) -> None:
        assert self._where, f"</{tag}> closes nothing"
        assert self._where[-1] == tag, f"</{tag}> closes <{self._where[-1]}>"
        self._where.pop()

    def handle_data(self, data: str) -> None:
        if "td" in self._where:
            self.rows[-1][-1] += data
        elif "li" in self._where:
            self.lists[self._list][-1] += data
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


def _tooltip(finding: Finding) -> str | None:
    return None if finding.source is None else f"source: {finding.source.citation}"


def test_an_infeasible_plan_lists_its_reasons() -> None:
    p = mp.plan("OPT", START, terms_completed=0)
    assert p.reasons
    page = Page(plan_html(p))
    assert "feasible: no" in page.header
    assert page.lists["reasons"] == [str(reason) for reason in p.reasons]
    assert page.tooltips["reasons"] == [_tooltip(reason) for reason in p.reasons]
    assert all(page.lists["reasons"])  # each a sentence, never empty


def test_a_feasible_plan_without_notices_lists_nothing() -> None:
    p = mp.plan("CPT", START)
    assert not p.reasons
    assert not p.notices
    page = Page(plan_html(p))
    assert page.lists == {}
    assert "ul" not in page.tags


@pytest.mark.parametrize(
    ("kind", "start", "options", "codes"),
    [
        ("OPT", START, {"confidence": 0.9}, ["confidence-unused"]),
        ("CPT", "2027-05-31", {}, ["start-closed"]),  # Memorial Day
        ("AT", "2027-05-31", {"confidence": 0.5}, ["start-closed", "confidence-unused"]),
    ],
)
def test_notices_are_listed(
    kind: str, start: str, options: dict[str, object], codes: list[str]
) -> None:
    p = mp.plan(kind, start, **options)  # type: ignore[arg-type]
    assert [notice.code for notice in p.notices] == codes
    page = Page(plan_html(p))
    assert page.lists["notices"] == [f"Note: {notice}" for notice in p.notices]
    assert page.tooltips["notices"] == [_tooltip(notice) for notice in p.notices]
    assert "reasons" not in page.lists
    assert "feasible: yes" in page.header


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


MARKUP = '<script>alert("x")</script> & <b>bold</b>, a; b\nc'


def test_findings_made_by_hand_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finding's parameters and its source's citation are data: they may hold markup."""
    source = attrs.evolve(mp.SOURCES["capd-terms"], citation='<i>"cited"</i> & more')
    notice = Finding(
        "start-closed", "notice", {"start": date(2027, 1, 4), "closed": MARKUP}, source
    )
    unknown = Finding("<code>", "reason", {"<name>": MARKUP})  # no sentence: shown as data
    monkeypatch.setattr(mp.Plan, "notices", property(lambda self: (notice,)))
    p = attrs.evolve(mp.plan("CPT", START), reasons=(unknown,))
    text = plan_html(p)
    page = Page(text)
    assert not {"script", "b", "i", "code", "name"} & set(page.tags)
    assert "<script>" not in text
    assert page.lists["notices"] == [f"Note: {notice}"]
    assert MARKUP in page.lists["notices"][0]  # read back as the raw text
    assert page.tooltips["notices"] == ['source: <i>"cited"</i> & more']
    assert page.lists["reasons"] == [str(unknown)]
    assert MARKUP in page.lists["reasons"][0]
    assert page.tooltips["reasons"] == [None]
    assert "feasible: no" in page.header


def test_a_closed_day_named_with_markup_is_escaped_in_the_notice() -> None:
    """End to end: the holiday's name reaches the plan's notice through the calendar."""
    name = '<script>alert(1)</script> & "Fish"'
    p = mp.plan("CPT", START, calendar=mp.Calendar({date(2027, 1, 4): name}))
    assert [n.code for n in p.notices] == ["start-closed"]
    text = plan_html(p)
    page = Page(text)
    assert "script" not in page.tags
    assert "<script>" not in text
    (shown,) = page.lists["notices"]
    assert name in shown


def test_repr_html_is_plan_html() -> None:
    p = mp.plan("AT", START)
    assert p._repr_html_() == plan_html(p)
