"""The pandas view: the frame's cells against the plans they came from.

Laws checked:
- per plan: one row per plan, in order, each cell the plan's value; the
  ``reasons`` and ``notices`` cells are the findings' sentences
  (``str(finding)``) joined by ``"; "``, empty for none;
- per milestone: one row per milestone, in order, with the plan's position;
- date columns are datetime64 and read back as the plans' dates (NaT for
  no earliest filing);
- a single Plan, a list, a generator and an empty iterable are accepted;
  anything else is an error naming ``plans`` or ``per``;
- a missing pandas raises MissingExtraError, which is an ImportError.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date

import pytest

import micropath as mp
from micropath.errors import InvalidTypeError, MissingExtraError, UnknownNameError
from micropath.views.frame import MILESTONE_COLUMNS, PLAN_COLUMNS, to_frame
from micropath.views.text import milestone_reason

pd = pytest.importorskip("pandas")

START = "2027-01-04"


@pytest.fixture(scope="module")
def plans() -> list[mp.Plan]:
    return [
        mp.plan("CPT", mp.iap(2027)),
        mp.plan("OPT", mp.iap(2027), filing_window=200),
        mp.plan("OPT", "2027-06-01", terms_completed=0),
        mp.plan("AT", "2027-06-01"),
        mp.plan("AT", "2027-05-31", confidence=0.5),  # Memorial Day: two notices
    ]


def day(value: object) -> date | None:
    """A frame cell back as a date (None for NaT)."""
    if pd.isna(value):
        return None
    assert isinstance(value, pd.Timestamp)
    result: date = value.date()
    return result


def test_one_row_per_plan(plans: list[mp.Plan]) -> None:
    frame = to_frame(plans)
    assert list(frame.columns) == list(PLAN_COLUMNS)
    assert len(frame) == len(plans)
    for (_, row), p in zip(frame.iterrows(), plans, strict=True):
        assert row["authorization"] == p.authorization.value
        assert day(row["start"]) == p.start
        assert day(row["latest_offer"]) == p.latest_offer
        assert day(row["latest_filing"]) == p.latest_filing
        assert day(row["earliest_filing"]) == p.earliest_filing
        assert row["feasible"] == p.feasible
        assert row["reasons"] == "; ".join(str(reason) for reason in p.reasons)
        assert row["notices"] == "; ".join(str(notice) for notice in p.notices)
    assert frame["earliest_filing"].isna().tolist() == [p.earliest_filing is None for p in plans]
    assert frame["feasible"].tolist() == [p.feasible for p in plans]


def test_findings_are_sentences_and_empty_when_there_are_none(plans: list[mp.Plan]) -> None:
    frame = to_frame(plans)
    assert PLAN_COLUMNS[-2:] == ("reasons", "notices")
    assert [bool(text) for text in frame["reasons"]] == [not p.feasible for p in plans]
    assert [bool(text) for text in frame["notices"]] == [bool(p.notices) for p in plans]
    last = plans[-1]
    assert [n.code for n in last.notices] == ["start-closed", "confidence-unused"]
    closed, unused = (str(notice) for notice in last.notices)
    assert frame["notices"].iloc[-1] == f"{closed}; {unused}"
    assert "Memorial Day" in closed
    assert unused.startswith("confidence 0.5 changes nothing")
    infeasible = frame["reasons"].iloc[2]
    assert infeasible == str(plans[2].reasons[0])
    assert "Finding(" not in infeasible


def test_one_row_per_milestone(plans: list[mp.Plan]) -> None:
    frame = to_frame(plans, per="milestone")
    assert list(frame.columns) == list(MILESTONE_COLUMNS)
    expected = [
        (index, p.authorization.value, p.start, m.name, m.label, m.date, m.actor)
        for index, p in enumerate(plans)
        for m in p.milestones
    ]
    got = [
        (row.plan, row.authorization, day(row.start), row.name, row.label, day(row.date), row.actor)
        for row in frame.itertuples(index=False)
    ]
    assert got == expected
    reasons = [milestone_reason(m) for p in plans for m in p.milestones]
    assert frame["reason"].tolist() == reasons


@pytest.mark.parametrize("per", ["plan", "milestone"])
def test_date_columns_are_datetime64(plans: list[mp.Plan], per: str) -> None:
    frame = to_frame(plans, per=per)
    for name in ("start", "latest_offer", "latest_filing", "earliest_filing", "date"):
        if name in frame.columns:
            assert pd.api.types.is_datetime64_dtype(frame[name].dtype), name
    if per == "plan":
        assert pd.api.types.is_bool_dtype(frame["feasible"].dtype)
    else:
        assert pd.api.types.is_integer_dtype(frame["plan"].dtype)


def test_date_columns_allow_date_arithmetic(plans: list[mp.Plan]) -> None:
    frame = to_frame(plans)
    gaps = (frame["latest_filing"] - frame["latest_offer"]).dt.days.tolist()
    assert gaps == [(p.latest_filing - p.latest_offer).days for p in plans]


def test_a_single_plan_and_a_generator_are_accepted(plans: list[mp.Plan]) -> None:
    def generate() -> Iterator[mp.Plan]:
        yield from plans

    single = to_frame(plans[0])
    assert len(single) == 1
    assert single["authorization"].tolist() == [plans[0].authorization.value]
    pd.testing.assert_frame_equal(to_frame(generate()), to_frame(plans))


@pytest.mark.parametrize("per", ["plan", "milestone"])
def test_no_plans_give_an_empty_frame_with_the_same_columns(plans: list[mp.Plan], per: str) -> None:
    empty, full = to_frame([], per=per), to_frame(plans, per=per)
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.tolist() == full.dtypes.tolist()


@pytest.mark.parametrize(
    ("plans", "per", "error", "parameter"),
    [
        ("CPT", "plan", InvalidTypeError, "plans"),
        (42, "plan", InvalidTypeError, "plans"),
        ([mp.iap(2027)], "plan", InvalidTypeError, "plans[0]"),
        ([], "plans", UnknownNameError, "per"),
        ([], "row", UnknownNameError, "per"),
        ([], None, InvalidTypeError, "per"),
    ],
)
def test_bad_arguments_name_the_parameter(
    plans: object, per: object, error: type[Exception], parameter: str
) -> None:
    with pytest.raises(error) as caught:
        to_frame(plans, per=per)  # type: ignore[arg-type]
    assert isinstance(caught.value, mp.MicropathError)
    assert caught.value.parameter == parameter  # type: ignore[attr-defined]


def test_an_unknown_option_is_a_micropath_error() -> None:
    with pytest.raises(InvalidTypeError, match="did you mean 'per'") as caught:
        to_frame([], pre="plan")  # type: ignore[call-arg]
    assert caught.value.parameter == "options"


def test_to_frame_is_exported() -> None:
    assert mp.to_frame is to_frame
    assert "to_frame" in mp.__all__


def test_missing_pandas_raises_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError) as caught:
        to_frame(mp.plan("CPT", START))
    assert isinstance(caught.value, ImportError)
    assert "pip install 'pandas>=2.0'" in str(caught.value)
    assert caught.value.function == "to_frame"
