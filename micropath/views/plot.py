"""A timeline of plans, one lane per plan (needs the ``plot`` extra: matplotlib).

Each lane runs from the latest offer to the first day of work: one bar per
step (its lead written inside when it fits), a marker and a short label at
each milestone, and a vertical line at the start. An infeasible plan's bars
are hatched and its lane label is red; where a filing window opens, a red
triangle marks the day. Above the axes each first day of work is named over
its line; labels that would overlap (first days a few days apart) are
stacked in rows. When the lanes have several first days, each lane's label
names its own. Given a :class:`~micropath.cycle.CycleCheck` (what
:func:`~micropath.cycle.check_cycle` returns), the lanes are the plans behind
its rows, the cycle's posting, interview and offer dates are drawn across
them, and each lane gives its row's verdict on the cycle's offer date.

The plot only draws: it never plans or checks an offer itself, so the plans
it shows are exactly the caller's, with the caller's options. A lane's colour
comes from a palette, by the position of its authorization in
:class:`~micropath.pathways.Authorization`.

The figure is a :class:`matplotlib.figure.Figure` built without pyplot: no
global state, no backend switch, nothing shown. A notebook displays the
returned figure; ``fig.savefig("timeline.png")`` writes it.

Artists a caller may want to find carry a ``gid``: ``"lane"`` (the y tick
labels), ``"milestone-label"``, ``"window-label"`` (where a filing window
opens), ``"lead-label"``, ``"start-line"``, ``"start-label"`` (the first day
above its line), ``"cycle-line"``, ``"cycle-label"`` and ``"today-line"``.

Text that comes from the caller (a cycle term's name, in the title) is drawn as
it is: ``$`` does not start matplotlib's mathtext, and a lone surrogate, which
no font can draw, is drawn as U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from micropath._convert import DateLike, to_optional_date
from micropath.cycle import Cycle, CycleCheck, CycleRow
from micropath.errors import InvalidTypeError, InvalidValueError, MissingExtraError
from micropath.pathways import Authorization
from micropath.planner import Plan, _checked_options
from micropath.views.frame import plan_list

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from micropath.planner import Milestone

__all__ = ["PALETTE", "SHORT_LABELS", "lane_color", "plot_timeline"]

SHORT_LABELS: Final = {
    "offer": "offer",
    "acceptance": "accept",
    "school_request": "ask school",
    "filing": "file",
    "approval": "approved",
    "authorization": "in hand",
    "card_in_hand": "EAD in hand",
    "start": "start",
}
"""The word a milestone gets on the timeline (its name, if not listed)."""

PALETTE: Final = (
    "#4C72B0",
    "#DD8452",
    "#55A868",
    "#8172B3",
    "#937860",
    "#DA8BC3",
    "#8C8C8C",
    "#CCB974",
    "#64B5CD",
)
"""Lane colours, taken in the order of :class:`~micropath.pathways.Authorization`'s
members (and again from the start past the last)."""
_LATE: Final = "#B22222"
_CYCLE_EVENTS: Final = ("posting", "interviews", "offers")
_BAR_HEIGHT: Final = 0.34
_LABEL_GAP: Final = 0.24  # from the lane's centre to a label, in lanes
_FONT: Final = 8.0
_CHAR_WIDTH: Final = 0.6  # average glyph width, in font sizes
_MONTHLY_TICKS_DAYS: Final = 400  # widest x range labelled by month, with weekly ticks (more: slow)
_HEAD_GAP: Final = 1.01  # labels above the axes start here, in axes fractions
_HEAD_ROW: Final = 24.0  # one row of two-line labels above the axes, in points
_HEAD_WIDTH: Final = 1.25  # bold glyphs, and room between labels, in average glyph widths
_SURROGATES: Final = re.compile("[\ud800-\udfff]")
"""Lone surrogates: a ``str`` holds them, but no font draws them (FreeType refuses them)."""
_TITLE_PAD: Final = 30.0  # from the axes to the title, over one row of labels, in points


def lane_color(authorization: Authorization) -> str:
    """The colour of a lane for *authorization*: its member's position in the palette.

    >>> [lane_color(kind) for kind in Authorization] == list(PALETTE[: len(Authorization)])
    True
    """
    return PALETTE[list(Authorization).index(authorization) % len(PALETTE)]


@_checked_options  # an unknown keyword is a MicropathError, as in plan()
def plot_timeline(
    plans_or_cycle: Plan | Iterable[Plan] | CycleCheck,
    *,
    ax: Axes | None = None,
    today: DateLike | None = None,
) -> Figure:
    """Draw plans side by side, one horizontal lane each, back from the start.

    Args:
        plans_or_cycle: a :class:`~micropath.planner.Plan`, an iterable of
            them (one lane each, in order, top to bottom), or a
            :class:`~micropath.cycle.CycleCheck`: then the lanes are the
            plans of its rows (``row.plan``), in order, each labelled with
            the row's verdict on the cycle's offer date. A
            :class:`~micropath.cycle.Cycle` alone is refused: pass
            ``check_cycle(cycle, ...)`` with the options to plan it at.
        ax: draw into these axes (their figure is returned); default: a new
            figure.
        today: mark this day with a dotted line (a date or ISO string).

    Returns:
        The :class:`matplotlib.figure.Figure` drawn on.

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidTypeError, InvalidValueError: an argument is unusable.

    >>> import micropath as mp
    >>> figure = plot_timeline(mp.check_cycle(mp.recruiting_cycle(2027)))
    >>> labels = [label.get_text().splitlines() for label in figure.axes[0].get_yticklabels()]
    >>> [(lines[0], lines[1]) for lines in labels]
    [('CPT', 'Oct 25 offer: on time'), ('OPT', 'Oct 25 offer: too late'),
     ('AT', 'Oct 25 offer: on time')]
    """
    rows: list[CycleRow | None]
    if isinstance(plans_or_cycle, CycleCheck):
        cycle: Cycle | None = plans_or_cycle.cycle
        plans, rows = _cycle_plans(plans_or_cycle)
    elif isinstance(plans_or_cycle, Cycle):
        raise InvalidTypeError(
            "plans_or_cycle",
            "a Plan, an iterable of Plans, or a CycleCheck (plot check_cycle(cycle), "
            "which plans the cycle with your options)",
            plans_or_cycle,
        )
    else:
        cycle = None
        plans = plan_list(plans_or_cycle, "plans_or_cycle")
        if not plans:
            raise InvalidValueError(
                "plans_or_cycle", "at least one Plan, or a CycleCheck", plans_or_cycle
            )
        rows = [None] * len(plans)
    marked = to_optional_date(today, "today")
    try:
        import matplotlib.dates as mdates
        from matplotlib.axes import Axes
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingExtraError("plot_timeline", "plot", module="matplotlib") from None

    if ax is None:
        figure = Figure(figsize=(11, 1.9 + 1.25 * len(plans)), layout="constrained")
        axes = figure.add_subplot()
    elif isinstance(ax, Axes):
        root = ax.get_figure(root=True)
        if not isinstance(root, Figure):
            raise InvalidValueError("ax", "axes that belong to a figure", ax)
        figure, axes = root, ax
    else:
        raise InvalidTypeError("ax", "None or matplotlib Axes", ax)

    shown = [d for p in plans for d in (p.latest_offer, p.start, p.earliest_filing) if d]
    if cycle is not None:
        shown.extend(day for name, day in cycle.dates() if name in _CYCLE_EVENTS)
    if marked is not None:
        shown.append(marked)
    first, last = min(shown), max(shown)
    margin = max(7, (last - first).days // 25)
    # Near date.min or date.max the margin is what is left of the range.
    low = _x(first - timedelta(days=min(margin, (first - date.min).days)))
    high = _x(last + timedelta(days=min(margin, (date.max - last).days)))
    axes.set_xlim(low, high)
    axes.set_ylim(-0.75, len(plans) - 0.35)
    width_inches = axes.get_position().width * figure.get_figwidth()
    days_per_char = (high - low) * _FONT * _CHAR_WIDTH / 72 / width_inches

    lanes = []
    several = len({p.start for p in plans}) > 1
    for index, (p, row) in enumerate(zip(plans, rows, strict=True)):
        lane = len(plans) - 1 - index  # the first plan on top
        _draw_lane(axes, p, lane, days_per_char)
        lanes.append(_lane_label(p, row, cycle, first_day=several))
    axes.set_yticks(range(len(plans) - 1, -1, -1), [text for text, _ in lanes])
    for tick, (_, good) in zip(axes.get_yticklabels(), lanes, strict=True):
        tick.set_gid("lane")
        tick.set_fontweight("bold")
        tick.set_color("black" if good else _LATE)

    top = axes.get_xaxis_transform()  # x in data, y in axes fractions
    heads: list[tuple[float, str, str]] = []  # above the axes: x, text, gid
    for start in sorted({p.start for p in plans}):
        x = _x(start)
        axes.axvline(x, color="black", linewidth=1.6, gid="start-line", zorder=3)
        heads.append((x, f"first day\n{_short(start)}", "start-label"))
    if cycle is not None:
        for name, day in cycle.dates():
            if name not in _CYCLE_EVENTS:
                continue
            x = _x(day)
            axes.axvline(x, color="0.35", linewidth=1, linestyle="--", gid="cycle-line", zorder=1)
            heads.append((x, f"{name}\n{_short(day)}", "cycle-label"))
    rows_above = _draw_heads(axes, heads, days_per_char)
    if marked is not None:
        x = _x(marked)
        axes.axvline(x, color=_LATE, linewidth=1.2, linestyle=":", gid="today-line", zorder=4)
        axes.text(
            x, 0.01, f" today {_short(marked)}", transform=top, ha="left", va="bottom",
            fontsize=_FONT, color=_LATE,
        )  # fmt: skip

    # matplotlib.dates has no type annotations.
    if high - low <= _MONTHLY_TICKS_DAYS:
        axes.xaxis.set_major_locator(mdates.MonthLocator())  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))  # type: ignore[no-untyped-call]
        axes.xaxis.set_minor_locator(
            mdates.WeekdayLocator(byweekday=mdates.MO)  # type: ignore[no-untyped-call]
        )
    else:  # a month and a week per tick would be thousands of ticks, drawn for minutes
        locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        )
    axes.grid(axis="x", which="major", color="0.88", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.set_xlabel(
        "Each bar is a step, drawn back from the first day of work; its lead inside "
        "(bd: business days of the office that counts them, d: calendar days)",
        fontsize=_FONT,
        color="0.3",
    )
    if cycle is not None:
        estimated = ", estimated dates" if cycle.term.estimated else ""
        title = (
            f"{cycle.term.name} ({_short(cycle.term.start)} - {_short(cycle.term.end)}{estimated}):"
            f" latest safe dates, and the recruiting cycle's offer date ({_short(cycle.offers)})"
        )
    else:
        title = "Latest safe dates, planned back from the first day of work"
    axes.set_title(
        _SURROGATES.sub("\ufffd", title),  # a caller's text: no mathtext, no lone surrogate
        fontsize=10.5,
        loc="left",
        pad=_TITLE_PAD + (rows_above - 1) * _HEAD_ROW,
        parse_math=False,
    )
    return figure


def _draw_heads(axes: Axes, heads: list[tuple[float, str, str]], days_per_char: float) -> int:
    """Labels above the axes, each centred over its line, in as few rows as keep
    them apart (each in the lowest row where it clears its left neighbour).
    Returns the number of rows."""
    from matplotlib.transforms import offset_copy

    top = axes.get_xaxis_transform()
    root = axes.get_figure(root=True)
    ends: list[float] = []  # per row: where its last label ends, in x
    for x, text, gid in sorted(heads, key=lambda head: head[0]):
        half = max(len(line) for line in text.splitlines()) * _HEAD_WIDTH * days_per_char / 2
        row = next((i for i, end in enumerate(ends) if end < x - half), len(ends))
        if row == len(ends):
            ends.append(x + half)
        ends[row] = x + half
        start = gid == "start-label"
        axes.text(
            x, _HEAD_GAP, text, ha="center", va="bottom", fontsize=_FONT, gid=gid,
            transform=offset_copy(top, fig=root, y=row * _HEAD_ROW, units="points"),
            fontweight="bold" if start else "normal", color="black" if start else "0.25",
        )  # fmt: skip
    return max(1, len(ends))


def _cycle_plans(check: CycleCheck) -> tuple[list[Plan], list[CycleRow | None]]:
    """The plans behind a cycle check's rows, and the rows."""
    plans: list[Plan] = []
    for index, row in enumerate(check.rows):
        if row.plan is None:  # a row built by hand, not by check_cycle
            raise InvalidValueError(
                f"plans_or_cycle[{index}]",
                "a CycleRow with its plan (as check_cycle makes them)",
                row,
            )
        plans.append(row.plan)
    if not plans:
        raise InvalidValueError("plans_or_cycle", "a CycleCheck with at least one row", check)
    return plans, list(check.rows)


def _draw_lane(axes: Axes, p: Plan, lane: int, days_per_char: float) -> None:
    """One plan's bars, markers and labels on the horizontal line y = *lane*.

    An infeasible plan's bars are hatched. A filing window's opening gets a
    triangle below the lane and a label among the milestones'.
    """
    color = lane_color(p.authorization)
    hatch = None if p.feasible else "///"
    steps = [m for m in p.milestones if m.name != "start"]
    for index, item in enumerate(steps[:-1]):
        left, right = _x(item.date), _x(steps[index + 1].date)
        if right <= left:
            continue
        axes.barh(
            lane, right - left, left=left, height=_BAR_HEIGHT, color=color,
            alpha=0.9 if index % 2 == 0 else 0.55, edgecolor="white", linewidth=1, zorder=2,
            hatch=hatch,
        )  # fmt: skip
        text = _lead(item)
        if text and (len(text) + 2) * days_per_char < right - left:
            axes.text(
                (left + right) / 2, lane, text, ha="center", va="center", fontsize=_FONT - 1,
                color="white", fontweight="bold", gid="lead-label", zorder=3,
            )  # fmt: skip
    xs = [_x(m.date) for m in steps]
    axes.plot(xs, [lane] * len(xs), "o", color="black", markersize=4, zorder=4)

    labels = [
        (x, f"{SHORT_LABELS.get(item.name, item.name)}\n{_short(item.date)}", "milestone-label")
        for item, x in zip(steps, xs, strict=True)
    ]
    if p.earliest_filing is not None:
        x = _x(p.earliest_filing)
        axes.plot([x], [lane - _BAR_HEIGHT / 2], "^", color=_LATE, markersize=6, zorder=4)
        text = f"filing opens\n{_short(p.earliest_filing)}"
        labels.append((x, text, "window-label"))
        labels.sort(key=lambda label: label[0])  # stable: a tie keeps the milestone first

    ends: dict[int, float] = {}  # per side (+1 above, -1 below): where its last label ends
    for position, (x, text, gid) in enumerate(labels):
        half = max(len(line) for line in text.splitlines()) * days_per_char / 2
        preferred = (1, -1) if position % 2 == 0 else (-1, 1)
        free = [side for side in preferred if ends.get(side, float("-inf")) < x - half]
        side = free[0] if free else min(preferred, key=lambda s: ends.get(s, float("-inf")))
        # Crowded on both sides: nudge the label right, past its neighbour, by a character.
        at = max(x, ends.get(side, float("-inf")) + half + days_per_char)
        ends[side] = at + half
        axes.text(
            at, lane + side * _LABEL_GAP, text, ha="center", va="bottom" if side > 0 else "top",
            fontsize=_FONT, linespacing=1.1, gid=gid, zorder=5,
            color=_LATE if gid == "window-label" else "black",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.6},
        )  # fmt: skip


def _lane_label(
    p: Plan, row: CycleRow | None, cycle: Cycle | None, *, first_day: bool
) -> tuple[str, bool]:
    """The y tick label (authorization, its first day when *first_day*, then the
    plan's latest offer or its row's verdict on the cycle's offer date), and
    False if that is bad news."""
    head = p.authorization.value
    if first_day:
        head += f"\nfirst day {_short(p.start)}, {p.start.year}"
    if not p.feasible:
        return f"{head}\nnot feasible", False
    if row is None or cycle is None:
        return f"{head}\noffer by {_short(p.latest_offer)}", True
    offer = f"{_short(cycle.offers)} offer"
    if row.on_time:
        return f"{head}\n{offer}: on time\n{_days(row.slack)} to spare", True
    return f"{head}\n{offer}: too late\nby {_days(-row.slack)}", False


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def _x(day: date) -> float:
    """The x coordinate of *day* (matplotlib's date numbers)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _lead(item: Milestone) -> str:
    if item.lead is None or item.lead.amount == 0:
        return ""
    return f"{item.lead.amount} {'bd' if item.lead.business else 'd'}"


def _short(day: date) -> str:
    return f"{day:%b} {day.day}"
