"""A pytest plugin for mutation runs: registers the ``mutation`` Hypothesis profile.

Loaded with ``-p mutation_profile`` (see ``[tool.mutmut]`` in pyproject.toml and
``tests/mutation/run.sh``) before ``tests/conftest.py`` loads the profile named by
``HYPOTHESIS_PROFILE``. The profile makes a kill reproducible: every run draws the same
examples (``derandomize``, hence no example database shared between mutants), and no
verdict depends on timing (no deadline, no too-slow health check).

It also reports a mutant that breaks test collection as a test failure. Some test
modules build calendars at import (module constants, ``parametrize`` lists, Hypothesis
strategies), so a mutant of ``Calendar`` can make collection fail before any test runs.
pytest exits with 2 then, which mutmut files as "check was interrupted by user", not as
"killed". The clean run has no collection error (mutmut stops if it has), so such an
error is the mutant's doing: the hook turns exit status 2 into 1 when, and only when,
collection failed, and a real Ctrl-C still reads as interrupted.

And it runs a mutant's tests fastest first, by the durations mutmut recorded
(``mutants/mutmut-stats.json``), so that a kill comes as early as it can: mutmut's
plain fork runner sorts them so, but its fork server (``process_isolation =
"forkserver"``) passes them in the order of a set, and a mutant of a function that
hundreds of tests reach then waits for whichever slow property test comes first.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

_collection_errors: list[str] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    _collection_errors.clear()  # one process may run several sessions


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        _collection_errors.append(report.nodeid)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return  # mutmut's stats, clean and forced-fail runs keep the usual order
    try:
        stats = json.loads(Path("mutmut-stats.json").read_text(encoding="utf-8"))
        durations: dict[str, float] = stats["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return
    items.sort(key=lambda item: durations.get(item.nodeid, math.inf))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus == pytest.ExitCode.INTERRUPTED and _collection_errors:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
