"""Shared test configuration: Hypothesis profiles and the built-in calendars.

Profiles (pick one with the environment variable ``HYPOTHESIS_PROFILE``):

* ``dev`` (the default): about 100 examples per property, quick to iterate;
* ``ci`` (the default when ``CI`` is set): 500 examples.

Neither has a deadline: an example that first asks a built-in calendar about a
decade builds those years (tens of milliseconds, more on a busy shared machine),
and Hypothesis would report that one slow call as a failure. A hang is still
caught: the fuzz tests bound each call's CPU time themselves.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import settings

from micropath import Calendar, calendars

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=500, deadline=None, print_blob=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(scope="session")
def builtin() -> dict[str, Calendar]:
    """The built-in calendars by name, built once (building them reads the holiday data)."""
    return {
        "federal": calendars.federal(),
        "massachusetts": calendars.massachusetts(),
        "mit": calendars.mit(),
    }


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Show dates in test ids as ISO strings (``[2026-07-03-shut-...]``, not ``[day0-...]``)."""
    if type(val) is date:
        return val.isoformat()
    return None
