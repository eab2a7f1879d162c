"""Write ``holidays_2021_2028.json``: the closed days of the built-in calendars in the pinned years.

The ``holidays`` package changes its data between releases; the snapshot
keeps the years the tests rely on fixed, and ``test_builtin_calendars.py``
compares the built-in calendars against it. Regenerate it only after checking
every changed day by hand against OPM and MIT sources::

    python tests/snapshots/make_snapshot.py
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from micropath import Calendar, calendars

FIRST_YEAR = 2021
LAST_YEAR = 2028
SNAPSHOT = Path(__file__).with_name(f"holidays_{FIRST_YEAR}_{LAST_YEAR}.json")


def closed_days(calendar: Calendar) -> dict[str, str]:
    """The named closed days of *calendar* in the pinned years, by ISO date."""
    return {
        day.isoformat(): name
        for day, name in calendar.holidays
        if FIRST_YEAR <= day.year <= LAST_YEAR
    }


def main() -> None:
    snapshot = {
        "years": [FIRST_YEAR, LAST_YEAR],
        "generated_with": {"holidays": version("holidays")},
        "calendars": {
            "federal": closed_days(calendars.federal()),
            "massachusetts": closed_days(calendars.massachusetts()),
            "mit": closed_days(calendars.mit()),
        },
    }
    SNAPSHOT.write_text(json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
