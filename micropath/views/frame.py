"""Plans as a :class:`pandas.DataFrame` (needs the ``pandas`` extra).

One row per plan, or one row per milestone; dates are ``datetime64[s]``
columns (seconds resolution holds every ``datetime.date``, where nanoseconds
stop in 2262). The frame only lays out what the plans hold: no date is
computed here.

>>> import micropath as mp
>>> frame = to_frame([mp.plan(kind, mp.iap(2027)) for kind in ("CPT", "OPT")])
>>> frame[["authorization", "latest_offer", "earliest_filing"]]
  authorization latest_offer earliest_filing
0           CPT   2026-11-20             NaT
1           OPT   2026-07-23             NaT

Findings are their sentences, so a notice reads as it does in ``explain()``:

>>> to_frame(mp.plan("CPT", "2027-05-31"))["notices"].tolist()
['the first day of work, 2027-05-31, is a closed day for the school: Memorial Day']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from micropath._convert import to_items
from micropath.errors import InvalidTypeError, MissingExtraError, UnknownNameError
from micropath.planner import Plan, _checked_options
from micropath.views.text import milestone_reason

if TYPE_CHECKING:
    import pandas as pd

    from micropath.findings import Finding

__all__ = ["MILESTONE_COLUMNS", "PLAN_COLUMNS", "to_frame"]

PLAN_COLUMNS: Final = (
    "authorization",
    "start",
    "latest_offer",
    "latest_filing",
    "earliest_filing",
    "feasible",
    "reasons",
    "notices",
)
"""Columns of ``to_frame(plans, per="plan")``, in order."""

MILESTONE_COLUMNS: Final = (
    "plan",
    "authorization",
    "start",
    "name",
    "label",
    "date",
    "actor",
    "reason",
)
"""Columns of ``to_frame(plans, per="milestone")``, in order."""

_DATE_COLUMNS: Final = frozenset(
    {"start", "latest_offer", "latest_filing", "earliest_filing", "date"}
)
_DATE_DTYPE: Final = "datetime64[s]"
_PER: Final = ("plan", "milestone")


def plan_list(plans: object, parameter: str = "plans") -> list[Plan]:
    """*plans* as a list: a single :class:`Plan`, or any iterable of them.

    Shared by the views that take several plans. Raises
    :class:`~micropath.errors.InvalidTypeError` naming *parameter* (and the
    position of a bad item) for anything else, including a ``str``.
    """
    if isinstance(plans, Plan):
        return [plans]
    items = to_items(plans, parameter, "a micropath Plan or an iterable of Plans")
    for index, item in enumerate(items):
        if not isinstance(item, Plan):
            raise InvalidTypeError(f"{parameter}[{index}]", "a micropath Plan", item)
    return items  # type: ignore[return-value]  # checked above


@_checked_options  # an unknown keyword is a MicropathError, as in plan()
def to_frame(plans: Plan | Iterable[Plan], *, per: str = "plan") -> pd.DataFrame:
    """A data frame of *plans*: one row per plan, or per milestone.

    Args:
        plans: a :class:`~micropath.planner.Plan` or an iterable of them (an
            empty one gives an empty frame with the same columns).
        per: ``"plan"`` for the columns in :data:`PLAN_COLUMNS`
            (``reasons`` and ``notices``: the findings' sentences,
            ``str(finding)``, joined by ``"; "``, empty when there are none), or
            ``"milestone"`` for those in :data:`MILESTONE_COLUMNS` (``plan`` is
            the position of the plan in *plans*; ``reason`` is
            :func:`~micropath.views.text.milestone_reason`).

    Returns:
        A :class:`pandas.DataFrame`; date columns have dtype ``datetime64[s]``
        and a plan without a filing window has ``NaT`` as its
        ``earliest_filing``.

    Raises:
        MissingExtraError: pandas is not installed.
        InvalidTypeError: *plans* is not a Plan or an iterable of Plans.
        UnknownNameError: *per* is neither ``"plan"`` nor ``"milestone"``.

    >>> import micropath as mp
    >>> rows = to_frame(mp.plan("CPT", "2027-01-04"), per="milestone")
    >>> rows[["name", "date", "actor"]]
                name       date     actor
    0          offer 2026-11-20  employer
    1     acceptance 2026-12-03   student
    2         filing 2026-12-10   student
    3  authorization 2027-01-04    school
    4          start 2027-01-04  employer
    """
    if not isinstance(per, str):
        raise InvalidTypeError("per", "one of 'plan', 'milestone'", per)
    if per not in _PER:
        raise UnknownNameError("per", "one of 'plan', 'milestone'", per)
    items = plan_list(plans)
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("to_frame", "pandas", module="pandas") from None

    columns: tuple[str, ...]
    if per == "plan":
        columns = PLAN_COLUMNS
        records: list[tuple[object, ...]] = [
            (
                p.authorization.value,
                p.start,
                p.latest_offer,
                p.latest_filing,
                p.earliest_filing,
                p.feasible,
                _sentences(p.reasons),
                _sentences(p.notices),
            )
            for p in items
        ]
    else:
        columns = MILESTONE_COLUMNS
        records = [
            (
                index,
                p.authorization.value,
                p.start,
                m.name,
                m.label,
                m.date,
                m.actor,
                milestone_reason(m),
            )
            for index, p in enumerate(items)
            for m in p.milestones
        ]
    data = {
        name: pd.Series([record[i] for record in records], dtype=_dtype(name))
        for i, name in enumerate(columns)
    }
    return pd.DataFrame(data, columns=list(columns))


def _sentences(findings: Iterable[Finding]) -> str:
    return "; ".join(str(finding) for finding in findings)


def _dtype(column: str) -> str:
    if column in _DATE_COLUMNS:
        return _DATE_DTYPE
    if column == "feasible":
        return "bool"
    if column == "plan":
        return "int64"
    return "str"  # pandas 3's string dtype; object in pandas 2
