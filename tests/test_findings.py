"""Findings as values: codes, parameters, sentences, and the closed-day notice.

Laws: a request handed to an office on a calendar-day lead is flagged exactly when its
begin is a closed day of that office (checked against the calendar itself, for every
start in a window of real dates); business-day leads never begin on a closed day; the
flag never moves a date.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import micropath as mp
from micropath.findings import Finding

D = date.fromisoformat
MIT = mp.calendars.mit()


@pytest.mark.parametrize(
    ("kind", "options", "flagged"),
    [
        # Jan 4 - 10 days: Friday Dec 25, Christmas and the winter break.
        ("CPT", {"processing": 10}, "2026-12-25"),
        ("AT", {"processing": 11}, "2026-12-24"),  # the first day of the break
        ("CPT", {"processing": 14}, None),  # Monday Dec 21: open
        ("CPT", {"processing": 8}, "2026-12-27"),  # a Sunday inside the break
        ("CPT", {}, None),  # business days begin on business days
        # OPT's school request: 10 calendar days before the filing (online, Sunday Aug 23):
        # Thursday Aug 13, open; 9 days: Friday Aug 14, open; 8 days: Saturday Aug 15.
        ("OPT", {"recommendation": 10}, None),
        ("OPT", {"recommendation": 8}, "2026-08-15"),
    ],
)
def test_a_request_on_a_closed_day_is_flagged(
    kind: str, options: dict[str, object], flagged: str | None
) -> None:
    p = mp.plan(kind, "2027-01-04", **options)  # type: ignore[arg-type]
    found = [f for f in p.notices if f.code == "begins-on-closed-day"]
    if flagged is None:
        assert found == []
        return
    (finding,) = found
    assert finding["date"] == D(flagged)
    assert finding["closed"] == MIT.why_closed(flagged)
    assert flagged in str(finding)
    # The flag moves nothing: the date is the plain calendar-day arithmetic.
    assert p.milestone(finding["milestone"]).date == D(flagged)


@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)),
    st.integers(0, 40),
    st.sampled_from(["CPT", "AT"]),
)
def test_flag_iff_the_office_is_closed(start: date, days: int, kind: str) -> None:
    p = mp.plan(kind, start, processing=days)
    begin = start - timedelta(days=days)
    flagged = [f["date"] for f in p.notices if f.code == "begins-on-closed-day"]
    assert flagged == ([begin] if not MIT.is_business_day(begin) else [])


def test_a_trusted_finding_is_the_finding_the_validators_make() -> None:
    """The planner's hot path sets a finding's slots directly (``findings._trusted``):
    the value is the one ``Finding(...)`` makes, field for field."""
    from micropath.findings import _trusted
    from micropath.sources import SOURCES

    source = SOURCES["opt-post-start"]
    parameters = (("anchor", "program_end"), ("days", 60), ("start", date(2027, 3, 1)))
    made = _trusted("start-too-late", "reason", parameters, source)
    checked = Finding("start-too-late", "reason", dict(parameters), source)
    assert made == checked
    assert hash(made) == hash(checked)
    assert repr(made) == repr(checked)
    assert attrs.asdict(made, recurse=False) == attrs.asdict(checked, recurse=False)
    assert _trusted("x-y", "notice", ()).source is None
