"""The timeline plot: rendered to PNG, and its artists checked against the plans.

Laws checked:
- one lane per plan (for a cycle check, the plan of each row), first plan on top;
- the plot only draws: it never plans or checks an offer (the planner's entry
  points raise during the call), so a cycle planned with the caller's options
  is drawn with them, and each lane gives its row's verdict;
- a lane's colour is the palette's, by its authorization's position among
  ``Authorization``'s members: every member has one, distinct;
- one bar per step, from the milestone's date to the next one's;
- one label per milestone (but the start), at the milestone's date;
- one start line per distinct start, one line per cycle event, a today line;
- the labels above the axes (first days, cycle dates) do not overlap one
  another or the title, on the rendered figure, even for first days a day
  apart or in narrow axes; with several first days each lane names its own;
- a filing window's opening is labelled; an infeasible plan's bars are hatched;
- a drawn figure saves as a real PNG;
- no pyplot: the function leaves no global matplotlib state behind;
- a missing matplotlib raises MissingExtraError, which is an ImportError.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest

import micropath as mp
import micropath.planner
from micropath.errors import InvalidTypeError, InvalidValueError, MissingExtraError
from micropath.views.plot import PALETTE, lane_color, plot_timeline

pytest.importorskip("matplotlib")
mdates = pytest.importorskip("matplotlib.dates")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def with_gid(figure: Figure, gid: str) -> list[object]:
    return [a for a in figure.findobj() if getattr(a, "get_gid", lambda: None)() == gid]


def lane_names(figure: Figure) -> list[str]:
    """The y tick labels' first lines, top lane first."""
    axes = figure.axes[0]
    ticks = sorted(zip(axes.get_yticks(), axes.get_yticklabels(), strict=True), key=lambda t: -t[0])
    return [label.get_text().splitlines()[0] for _, label in ticks]


@pytest.fixture(scope="module")
def cycle() -> mp.Cycle:
    return mp.recruiting_cycle(2027)


@pytest.fixture(scope="module")
def checked(cycle: mp.Cycle) -> mp.CycleCheck:
    return mp.check_cycle(cycle)


@pytest.fixture(scope="module")
def cycle_plans(checked: mp.CycleCheck) -> list[mp.Plan]:
    plans = [row.plan for row in checked]
    assert all(p is not None for p in plans)
    return plans  # type: ignore[return-value]  # checked above


@pytest.fixture
def no_planning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planning or checking an offer raises: what is drawn must be given."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a view planned or checked an offer")

    # micropath's names load on first use: patch the package's own name first, so that it
    # is loaded (and later restored) as the real function, not as the patched one.
    monkeypatch.setattr(mp, "plan", refuse)
    for name in ("_plan", "_forward", "plan"):
        monkeypatch.setattr(micropath.planner, name, refuse)
    monkeypatch.setattr(mp.Plan, "check", refuse)


def test_cycle_renders_to_a_png(checked: mp.CycleCheck, tmp_path: Path) -> None:
    target = tmp_path / "timeline.png"
    plot_timeline(checked).savefig(target, dpi=80)
    data = target.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 20_000  # three lanes of bars and labels, not an empty canvas


def test_cycle_lanes_are_the_rows_plans(checked: mp.CycleCheck, cycle_plans: list[mp.Plan]) -> None:
    figure = plot_timeline(checked)
    assert lane_names(figure) == [row.authorization.value for row in checked]
    assert lane_names(figure) == ["CPT", "OPT", "AT"]
    assert len(with_gid(figure, "lane")) == len(cycle_plans)


def test_cycle_lanes_say_whether_the_offer_date_is_on_time(
    cycle: mp.Cycle, checked: mp.CycleCheck, cycle_plans: list[mp.Plan]
) -> None:
    figure = plot_timeline(checked)
    texts = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert len(texts) == len(checked)
    for text, row, p in zip(texts, checked, cycle_plans, strict=True):
        verdict = p.check(cycle.offers)  # the test may check; the plot may not
        assert (row.on_time, row.slack) == (verdict.on_time, verdict.slack)
        assert ("on time" in text) == row.on_time
        assert str(abs(row.slack)) in text
    assert [("on time" in text) for text in texts] == [True, False, True]


def test_the_plot_never_plans_or_checks(
    checked: mp.CycleCheck, cycle_plans: list[mp.Plan], no_planning: None
) -> None:
    for subject in (checked, cycle_plans, cycle_plans[1]):
        figure = plot_timeline(subject, today="2026-09-01")
        assert with_gid(figure, "milestone-label")
    with pytest.raises(AssertionError, match="planned or checked"):  # the guard works
        cycle_plans[0].check("2026-10-25")


def test_a_cycle_checked_with_options_is_drawn_with_them(cycle: mp.Cycle) -> None:
    """Bug: the plot planned the cycle itself, so the caller's options never reached it."""
    quick = mp.check_cycle(cycle, ["CPT"])
    slow = mp.check_cycle(cycle, ["CPT"], processing=mp.business_days(40))
    assert (quick[0].on_time, slow[0].on_time) == (True, False)
    for report in (quick, slow):
        figure = plot_timeline(report)
        (label,) = figure.axes[0].get_yticklabels()
        assert ("on time" in label.get_text()) is report[0].on_time
        assert report[0].plan is not None
        shown = [m for m in report[0].plan.milestones if m.name != "start"]
        assert [text.get_position()[0] for text in with_gid(figure, "milestone-label")] == [  # type: ignore[attr-defined]
            mdates.date2num(m.date) for m in shown
        ]


def test_a_cycle_alone_is_refused(cycle: mp.Cycle, no_planning: None) -> None:
    with pytest.raises(InvalidTypeError, match="check_cycle") as caught:
        plot_timeline(cycle)  # type: ignore[arg-type]
    assert caught.value.parameter == "plans_or_cycle"


def test_a_cycle_row_without_its_plan_is_refused(checked: mp.CycleCheck) -> None:
    bare = attrs.evolve(checked, rows=(checked[0], attrs.evolve(checked[1], plan=None)))
    with pytest.raises(InvalidValueError) as caught:
        plot_timeline(bare)
    assert caught.value.parameter == "plans_or_cycle[1]"
    with pytest.raises(InvalidValueError) as caught:
        plot_timeline(attrs.evolve(checked, rows=()))
    assert caught.value.parameter == "plans_or_cycle"


def test_lane_colours_follow_the_authorizations_order() -> None:
    colours = [lane_color(kind) for kind in mp.Authorization]
    assert colours == list(PALETTE[: len(colours)])
    assert len(set(colours)) == len(colours)
    plans = [mp.plan(kind, "2027-01-04") for kind in ("AT", "CPT")]
    figure = plot_timeline(plans)
    bars = [b for b in figure.axes[0].patches if isinstance(b, Rectangle)]
    by_lane: dict[int, set[str]] = {}
    for bar in bars:
        lane = round(bar.get_y() + bar.get_height() / 2)
        by_lane.setdefault(lane, set()).add(hex_color(bar.get_facecolor()))
    assert by_lane == {1: {colours[2].lower()}, 0: {colours[0].lower()}}  # AT on top, then CPT


def hex_color(rgba: object) -> str:
    """A bar's face colour as ``#rrggbb`` (its alpha set aside)."""
    from matplotlib.colors import to_hex, to_rgb

    return str(to_hex(to_rgb(rgba)))  # type: ignore[arg-type]


def test_one_label_per_milestone_at_its_date(
    checked: mp.CycleCheck, cycle_plans: list[mp.Plan]
) -> None:
    figure = plot_timeline(checked)
    labels = with_gid(figure, "milestone-label")
    shown = [m for p in cycle_plans for m in p.milestones if m.name != "start"]
    assert len(labels) == len(shown)
    assert [label.get_position()[0] for label in labels] == [  # type: ignore[attr-defined]
        mdates.date2num(m.date) for m in shown
    ]
    for label, item in zip(labels, shown, strict=True):
        when = datetime.strptime(label.get_text().splitlines()[-1], "%b %d")  # type: ignore[attr-defined]
        assert (when.month, when.day) == (item.date.month, item.date.day)


def test_each_plan_is_drawn_on_its_own_lane(cycle_plans: list[mp.Plan]) -> None:
    figure = plot_timeline(cycle_plans)
    axes = figure.axes[0]
    lanes = {
        label.get_text().splitlines()[0]: y
        for y, label in zip(axes.get_yticks(), axes.get_yticklabels(), strict=True)
    }
    bars = [p for p in axes.patches if isinstance(p, Rectangle)]
    labels = iter(with_gid(figure, "milestone-label"))
    for p in cycle_plans:
        y = lanes[p.authorization.value]
        for item in p.milestones[:-1]:
            assert abs(next(labels).get_position()[1] - y) < 0.5, item.name  # type: ignore[attr-defined]
        starts = {mdates.num2date(b.get_x()).date() for b in bars if abs(b.get_y() - y) < 0.5}
        assert starts == {m.date for m in p.milestones[:-2]}


def test_one_bar_per_step(cycle_plans: list[mp.Plan]) -> None:
    figure = plot_timeline(cycle_plans)
    bars = [p for p in figure.axes[0].patches if isinstance(p, Rectangle)]
    steps = [
        (m.date, nxt.date)
        for p in cycle_plans
        for m, nxt in zip(p.milestones[:-2], p.milestones[1:-1], strict=True)
        if nxt.date > m.date
    ]
    got = [(mdates.num2date(b.get_x()).date(), mdates.num2date(b.get_x() + b.get_width()).date())
           for b in bars]  # fmt: skip
    assert got == steps


def test_lead_labels_sit_inside_their_bars(cycle_plans: list[mp.Plan]) -> None:
    figure = plot_timeline(cycle_plans)
    bars = [p for p in figure.axes[0].patches if isinstance(p, Rectangle)]
    for label in with_gid(figure, "lead-label"):
        x, y = label.get_position()  # type: ignore[attr-defined]
        assert any(b.get_x() < x < b.get_x() + b.get_width() and b.get_y() < y < b.get_y()
                   + b.get_height() for b in bars)  # fmt: skip
    assert with_gid(figure, "lead-label")


def test_vertical_lines(cycle: mp.Cycle, checked: mp.CycleCheck) -> None:
    figure = plot_timeline(checked, today="2026-09-01")
    starts = with_gid(figure, "start-line")
    assert [line.get_xdata()[0] for line in starts] == [mdates.date2num(cycle.term.start)]  # type: ignore[attr-defined]
    events = [day for name, day in cycle.dates() if name in {"posting", "interviews", "offers"}]
    lines = with_gid(figure, "cycle-line")
    assert [line.get_xdata()[0] for line in lines] == [mdates.date2num(d) for d in events]  # type: ignore[attr-defined]
    (today,) = with_gid(figure, "today-line")
    assert today.get_xdata()[0] == mdates.date2num(date(2026, 9, 1))  # type: ignore[attr-defined]
    low, high = figure.axes[0].get_xlim()
    assert low < mdates.date2num(date(2026, 9, 1)) < high


def test_plans_without_a_cycle_draw_no_cycle_lines() -> None:
    plans = [mp.plan("OPT", "2027-06-01"), mp.plan("CPT", "2027-01-04")]
    figure = plot_timeline(plans)
    assert lane_names(figure) == ["OPT", "CPT"]
    assert not with_gid(figure, "cycle-line")
    assert not with_gid(figure, "today-line")
    assert sorted(line.get_xdata()[0] for line in with_gid(figure, "start-line")) == [  # type: ignore[attr-defined]
        mdates.date2num(p.start) for p in sorted(plans, key=lambda p: p.start)
    ]
    low, high = figure.axes[0].get_xlim()
    assert all(low < mdates.date2num(p.latest_offer) < high for p in plans)


def test_a_single_plan_draws_one_lane() -> None:
    p = mp.plan("AT", "2027-01-04")
    figure = plot_timeline(p)
    assert lane_names(figure) == ["AT"]
    assert len(with_gid(figure, "milestone-label")) == len(p.milestones) - 1


def test_a_filing_window_is_marked_where_it_opens() -> None:
    windowed, plain = mp.plan("CPT", "2027-01-04", filing_window=30), mp.plan("AT", "2027-01-04")
    assert windowed.earliest_filing is not None
    assert plain.earliest_filing is None
    figure = plot_timeline([windowed, plain])
    (label,) = with_gid(figure, "window-label")
    x = label.get_position()[0]  # type: ignore[attr-defined]
    assert x >= mdates.date2num(windowed.earliest_filing)
    when = datetime.strptime(label.get_text().splitlines()[-1], "%b %d")  # type: ignore[attr-defined]
    assert (when.month, when.day) == (windowed.earliest_filing.month, windowed.earliest_filing.day)
    labels = len(with_gid(figure, "milestone-label"))
    assert labels == len(windowed.milestones) + len(plain.milestones) - 2


def test_infeasible_lanes_are_hatched_and_red() -> None:
    plans = [mp.plan("OPT", "2027-01-04", terms_completed=0), mp.plan("OPT", "2027-01-04")]
    assert [p.feasible for p in plans] == [False, True]
    figure = plot_timeline(plans)
    axes = figure.axes[0]
    colors = {label.get_text(): str(label.get_color()) for label in axes.get_yticklabels()}
    assert len(set(colors.values())) == 2  # the infeasible lane's label stands out
    bars = [b for b in axes.patches if isinstance(b, Rectangle)]
    hatched = {round(b.get_y() + b.get_height() / 2) for b in bars if b.get_hatch()}
    assert hatched == {1}  # the first plan's lane, on top


def test_draws_into_given_axes() -> None:
    figure = Figure()
    axes = figure.add_subplot()
    assert plot_timeline(mp.plan("CPT", "2027-01-04"), ax=axes) is figure
    assert figure.axes == [axes]
    assert with_gid(figure, "milestone-label")


@pytest.mark.parametrize(
    ("value", "options", "error", "parameter"),
    [
        ([], {}, InvalidValueError, "plans_or_cycle"),
        ("CPT", {}, InvalidTypeError, "plans_or_cycle"),
        ([mp.iap(2027)], {}, InvalidTypeError, "plans_or_cycle[0]"),
        (None, {"ax": "axes"}, InvalidTypeError, "ax"),
        (None, {"today": datetime(2026, 9, 1)}, InvalidTypeError, "today"),
        (None, {"today": "2026-02-30"}, InvalidValueError, "today"),
        (None, {"axes": None}, InvalidTypeError, "options"),
    ],
)
def test_bad_arguments_name_the_parameter(
    value: object, options: dict[str, object], error: type[Exception], parameter: str
) -> None:
    target = mp.plan("CPT", "2027-01-04") if value is None else value
    with pytest.raises(error) as caught:
        plot_timeline(target, **options)  # type: ignore[arg-type]
    assert isinstance(caught.value, mp.MicropathError)
    assert caught.value.parameter == parameter  # type: ignore[attr-defined]


def test_leaves_no_global_matplotlib_state() -> None:
    """Run in a fresh interpreter: pyplot never imported, the backend never chosen."""
    script = textwrap.dedent(
        """
        import sys
        import matplotlib
        before = dict.__getitem__(matplotlib.rcParams, "backend")
        import micropath as mp
        mp.plot_timeline(mp.check_cycle(mp.recruiting_cycle(2027))).savefig(sys.argv[1])
        assert "matplotlib.pyplot" not in sys.modules, "pyplot imported"
        assert dict.__getitem__(matplotlib.rcParams, "backend") == before, "backend changed"
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script, "/dev/null"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_plot_timeline_is_exported() -> None:
    assert mp.plot_timeline is plot_timeline
    assert "plot_timeline" in mp.__all__


def test_missing_matplotlib_raises_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("matplotlib", "matplotlib.dates", "matplotlib.axes", "matplotlib.figure"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingExtraError) as caught:
        plot_timeline(mp.plan("CPT", "2027-01-04"))
    assert isinstance(caught.value, ImportError)
    assert "pip install 'matplotlib>=3.7'" in str(caught.value)
    assert caught.value.extra == "plot"


# -- several first days ----------------------------------------------------------------


def boxes(figure: Figure, gid: str) -> list[tuple[str, object]]:
    """The texts with *gid* and their bounding boxes on the drawn figure, in pixels."""
    figure.draw_without_rendering()  # lays the figure out as saving it would
    return [(text.get_text(), text.get_window_extent()) for text in with_gid(figure, gid)]  # type: ignore[attr-defined]


def overlapping(found: list[tuple[str, object]]) -> list[tuple[str, str]]:
    return [
        (left, right)
        for i, (left, one) in enumerate(found)
        for right, other in found[i + 1 :]
        if one.overlaps(other)  # type: ignore[attr-defined]
    ]


SEVERAL_STARTS = {
    "a day apart": [("CPT", "2027-01-04"), ("AT", "2027-01-05")],
    "a week apart": [("CPT", "2027-01-04"), ("CPT", "2027-01-11"), ("AT", "2027-01-06")],
    "five in two weeks": [
        ("CPT", "2027-01-04"), ("AT", "2027-01-05"), ("CPT", "2027-01-06"),
        ("AT", "2027-01-08"), ("CPT", "2027-01-15"),
    ],
    "far apart, and two close": [
        ("OPT", "2027-06-01"), ("CPT", "2027-01-04"), ("CPT", "2027-01-07"),
    ],
    "across a new year": [("CPT", "2026-12-29"), ("CPT", "2027-01-04")],
}  # fmt: skip


@pytest.mark.parametrize("given", SEVERAL_STARTS.values(), ids=SEVERAL_STARTS.keys())
def test_first_day_labels_do_not_overlap(given: list[tuple[str, str]]) -> None:
    """Bug: "first day" labels of starts a few days apart were drawn over each other."""
    plans = [mp.plan(kind, start) for kind, start in given]
    figure = plot_timeline(plans)
    found = boxes(figure, "start-label")
    starts = sorted({p.start for p in plans})
    assert len(found) == len(starts)  # one label per first day
    assert not overlapping(found)
    title = figure.axes[0].title.get_window_extent()
    assert not [text for text, box in found if box.overlaps(title)]  # type: ignore[attr-defined]
    # Each label is centred over its own line, and names its day.
    lines = sorted(line.get_xdata()[0] for line in with_gid(figure, "start-line"))  # type: ignore[attr-defined]
    assert lines == [mdates.date2num(day) for day in starts]
    labels = sorted(with_gid(figure, "start-label"), key=lambda t: t.get_position()[0])  # type: ignore[attr-defined]
    assert [label.get_position()[0] for label in labels] == lines  # type: ignore[attr-defined]
    assert [label.get_text() for label in labels] == [  # type: ignore[attr-defined]
        f"first day\n{day:%b} {day.day}" for day in starts
    ]


@pytest.mark.parametrize("given", SEVERAL_STARTS.values(), ids=SEVERAL_STARTS.keys())
def test_each_lane_names_its_first_day(given: list[tuple[str, str]]) -> None:
    plans = [mp.plan(kind, start) for kind, start in given]
    figure = plot_timeline(plans)
    labels = [label.get_text().splitlines() for label in figure.axes[0].get_yticklabels()]
    ticks = list(figure.axes[0].get_yticks())
    by_lane = dict(zip(ticks, labels, strict=True))
    for index, p in enumerate(plans):
        lines = by_lane[len(plans) - 1 - index]  # the first plan on top
        assert lines[0] == p.authorization.value
        assert lines[1] == f"first day {p.start:%b} {p.start.day}, {p.start.year}"
        assert lines[2] == f"offer by {p.latest_offer:%b} {p.latest_offer.day}"
    assert not overlapping(boxes(figure, "lane"))


def test_one_first_day_is_not_repeated_on_every_lane(cycle_plans: list[mp.Plan]) -> None:
    figure = plot_timeline(cycle_plans)
    assert not [label for label in figure.axes[0].get_yticklabels()
                if "first day" in label.get_text()]  # fmt: skip
    assert [text for text, _ in boxes(figure, "start-label")] == ["first day\nJan 4"]


def test_first_days_and_cycle_dates_above_the_axes_do_not_overlap(
    checked: mp.CycleCheck,
) -> None:
    """The cycle's labels share the band above the axes with the first day's."""
    figure = plot_timeline(checked)
    found = boxes(figure, "start-label") + boxes(figure, "cycle-label")
    assert [text.splitlines()[0] for text, _ in found] == [
        "first day", "posting", "interviews", "offers"
    ]  # fmt: skip
    assert not overlapping(found)


def test_first_day_labels_in_narrow_axes_do_not_overlap() -> None:
    """Axes the caller gives, a third of a small figure wide: the rows still clear."""
    figure = Figure(figsize=(8, 6))
    left, _, _ = figure.subplots(1, 3)
    plans = [mp.plan("CPT", start) for start in ("2027-01-04", "2027-01-11", "2027-01-18")]
    plot_timeline(plans, ax=left)
    found = boxes(figure, "start-label")
    assert len(found) == 3
    assert not overlapping(found)
