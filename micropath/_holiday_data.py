"""The one adapter to the ``holidays`` package.

Nothing else in micropath imports ``holidays``; it is imported here lazily, on
the first call, so ``import micropath`` stays cheap. Holiday data changes
between ``holidays`` releases, so ``tests/snapshots/`` pins the years the
tests rely on.
"""

from __future__ import annotations

from datetime import date

__all__ = ["federal_holidays", "patriots_days", "thanksgivings"]


def federal_holidays(years: range, *, closures: bool) -> dict[date, str]:
    """OPM federal holidays with the federal observance rule.

    With *closures*, also the executive-order closures (the package's
    ``government`` category: 2019-12-24, 2024-12-24, 2025-01-09, ...).
    """
    import holidays

    categories = ("public", "government") if closures else ("public",)
    return dict(holidays.country_holidays("US", years=years, categories=categories))


def patriots_days(years: range) -> dict[date, str]:
    """Massachusetts' Patriots' Day (third Monday of April), and nothing else of the state's.

    The package's ``US(subdiv="MA")`` applies Massachusetts' Sunday-only
    observance and so drops federal Friday observances such as 2026-07-03;
    taking Patriots' Day alone and joining it to the federal days avoids that.
    """
    import holidays

    state = holidays.country_holidays("US", subdiv="MA", years=years)
    return {day: name for day, name in state.items() if name == "Patriots' Day"}


def thanksgivings(years: range) -> list[date]:
    """Thanksgiving Day (fourth Thursday of November) in each year."""
    import holidays

    national = holidays.country_holidays("US", years=years)
    return sorted(day for day, name in national.items() if name == "Thanksgiving Day")
