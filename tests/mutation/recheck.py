"""Re-run surviving mutants against the *whole* test selection.

mutmut runs each mutant only against the tests that called the mutated function while
it collected its stats, in one process. micropath caches immutable values (the built-in
calendars, plan setups keyed by their inputs, a calendar's dense tables), so a function
called under a cache is only credited to the first test that filled it, and a mutant of
it may survive tests that would have killed it. This script runs every survivor (or the
mutants named on the command line) against all of ``pytest_add_cli_args_test_selection``
in a fresh interpreter, two at a time, and prints one line per mutant::

    killed   micropath.calendar.x__weekmask__mutmut_12
    survived micropath.planner.x__windows__mutmut_3

Run it from the repository root after ``tests/mutation/run.sh`` (it needs ./mutants):

    python tests/mutation/recheck.py              # every survivor
    python tests/mutation/recheck.py NAME ...     # only these mutants
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"


def survivors() -> list[str]:
    """The mutants ``mutmut results`` lists as survived."""
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = []
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if status == "survived":
            names.append(name)
    return names


def run(mutant: str, selection: list[str], extra: list[str]) -> tuple[str, int]:
    env = {
        **os.environ,
        "MUTANT_UNDER_TEST": mutant,
        "HYPOTHESIS_PROFILE": "mutation",
        "PYTHONPATH": os.pathsep.join([str(MUTANTS), str(ROOT / "tests" / "mutation")]),
    }
    env.pop("CI", None)
    command = [sys.executable, "-m", "pytest", "-x", "-q", *extra, *selection]
    done = subprocess.run(command, cwd=MUTANTS, env=env, capture_output=True, check=False)
    return mutant, done.returncode


def main(argv: list[str]) -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    selection = config["pytest_add_cli_args_test_selection"]
    extra = config.get("pytest_add_cli_args", [])
    names = argv or survivors()
    # The tests as they are now (mutmut copies them only when it runs).
    shutil.copytree(ROOT / "tests", MUTANTS / "tests", dirs_exist_ok=True)
    alive = 0
    with ThreadPoolExecutor(max_workers=int(os.environ.get("MUTMUT_CHILDREN", "2"))) as pool:
        for mutant, code in pool.map(lambda m: run(m, selection, extra), names):
            status = {0: "survived", 1: "killed"}.get(code, f"error {code}")
            alive += code == 0
            print(f"{status:8} {mutant}", flush=True)
    print(f"{alive} of {len(names)} survive the whole selection")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
