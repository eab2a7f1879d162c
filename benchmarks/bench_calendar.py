"""Business-day arithmetic: micropath against numpy, pandas, workalendar and holidays.

Run from the repository root::

    python benchmarks/bench_calendar.py           # full run, about half a minute
    python benchmarks/bench_calendar.py --quick   # smoke run, about ten seconds

What it prints, in one run:

1. For n in (5, 120, 2000, -5, -120, -2000): the median time per call of
   ``Calendar.add_business_days`` on ``calendars.federal()`` and of the same
   question asked of numpy (``busday_offset``, one date in), pandas
   (``date + n * CustomBusinessDay``), workalendar (``add_working_days`` /
   ``sub_working_days``) and holidays (``get_nth_working_day``), every
   library holding exactly micropath's closed days; the ratio of each to
   numpy; and how many answers agree with micropath's.
2. Peak memory (tracemalloc) of building ``federal()`` and ``mit()`` and
   using them across 1980-2086, in a fresh process, and what each step of
   that adds (the ``holidays`` package's import, the one US module micropath
   loads from it, the calendars, which read nothing until used, and their use,
   which reads the holiday data of the years asked about and builds the dense
   tables).
3. ``import micropath`` time as a ratio to ``import holidays``, each measured
   in fresh processes (minus the start-up of a bare ``python -c pass``), for
   information: ``bench_cli.py`` holds that goal, with the command line's.
4. The goals (issue 13): micropath <= 0.15 x numpy at every n, flat in n,
   peak memory < 10 MB.

Timing method: every call starts from a different date (a fixed random spread
of start dates, cycled), repeats are interleaved round-robin across the
libraries so that a noisy spell on a shared machine hits them all alike, and
the figure quoted is the median of the repeats. A calendar builds its dense
lookup tables on its first arithmetic call, and a built-in one reads the
holiday data of the years a question touches; those one-time costs are
measured and printed separately (the agreement check reads every year before
timing).
This is a script, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import textwrap
import timeit
import warnings
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import micropath  # noqa: E402
from micropath import calendars  # noqa: E402

NS = (5, 120, 2000, -5, -120, -2000)
RATIO_GOAL = 0.15
FLAT_GOAL = 1.25  # slowest / fastest micropath median across n
MEMORY_GOAL_MB = 10.0


def _version(module: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return None


# -- the contenders ------------------------------------------------------------
# Each contender is built once (not timed) from micropath's closed days and gives:
#   add(day, n) -> its answer, for the agreement check;
#   as_date(answer) -> a datetime.date, to compare with micropath's;
#   loop(days, n) -> a zero-argument function making the bare calls, one per
#   day, with nothing of the benchmark's own in the loop body (no wrapper
#   function that would make a fast library look slower).


class Contender:
    def __init__(
        self,
        add: Callable[[date, int], Any],
        as_date: Callable[[Any], date],
        loop: Callable[[list[date], int], Callable[[], None]],
    ) -> None:
        self.add, self.as_date, self.loop = add, as_date, loop


def _per_call(
    add: Callable[[date, int], Any],
) -> Callable[[list[date], int], Callable[[], None]]:
    """``loop`` for a library with a scalar call: *add* called once per day."""

    def loop(days: list[date], n: int) -> Callable[[], None]:
        def run() -> None:
            for d in days:
                add(d, n)

        return run

    return loop


def _micropath(cal: micropath.Calendar) -> Contender:
    return Contender(cal.add_business_days, lambda r: r, _per_call(cal.add_business_days))


def _numpy(closed: list[date]) -> Contender:
    import numpy as np

    bdc = np.busdaycalendar(weekmask="1111100", holidays=closed)
    offset = np.busday_offset

    # micropath's semantics: roll back then step for n > 0, roll forward for n <= 0.
    def add(day: date, n: int) -> Any:
        return offset(day, n, roll="backward" if n > 0 else "forward", busdaycal=bdc)

    def loop(days: list[date], n: int) -> Callable[[], None]:
        roll = "backward" if n > 0 else "forward"

        def run() -> None:
            for d in days:  # one date in, one datetime64 out
                offset(d, n, roll=roll, busdaycal=bdc)  # type: ignore[call-overload]

        return run

    return Contender(add, lambda r: r.astype(object), loop)


def _pandas(closed: list[date]) -> Contender:
    import pandas as pd

    cbd = pd.offsets.CustomBusinessDay(holidays=closed)
    offsets = {n: n * cbd for n in NS}  # prebuilt, as an application would

    def loop(days: list[date], n: int) -> Callable[[], None]:
        off = offsets[n]

        def run() -> None:
            for d in days:
                d + off

        return run

    return Contender(lambda day, n: day + offsets[n], lambda r: r.date(), loop)


def _workalendar(cal: micropath.Calendar) -> Contender:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from workalendar.core import SAT, SUN, WesternCalendar

    by_year: dict[int, list[tuple[date, str]]] = {}
    for day, name in cal.holidays:
        by_year.setdefault(day.year, []).append((day, name))

    class Federal(WesternCalendar):  # type: ignore[misc]
        """micropath's federal closed days and nothing of workalendar's own rules."""

        WEEKEND_DAYS = (SAT, SUN)

        def get_calendar_holidays(self, year: int) -> list[tuple[date, str]]:
            return list(by_year.get(year, []))

    wcal = Federal()
    same = all(
        wcal.holidays_set(y) == {d for d, _ in by_year.get(y, [])} for y in range(1970, 2101)
    )
    print(f"  workalendar: holds exactly micropath's closed days 1970..2100: {same}")

    def add(day: date, n: int) -> Any:
        # add_working_days(d, 0) returns d unrolled; n == 0 is not benchmarked.
        return wcal.add_working_days(day, n) if n > 0 else wcal.sub_working_days(day, -n)

    def loop(days: list[date], n: int) -> Callable[[], None]:
        step, count = (wcal.add_working_days, n) if n > 0 else (wcal.sub_working_days, -n)

        def run() -> None:
            for d in days:
                step(d, count)

        return run

    return Contender(add, lambda r: r, loop)


def _holidays(cal: micropath.Calendar) -> Contender:
    import holidays

    us = holidays.US(  # type: ignore[attr-defined]
        categories=("public", "government"), years=range(1969, 2102)
    )
    mine = {d for d, _ in cal.holidays}
    theirs = {d for d in us if date(1970, 1, 1) <= d <= date(2100, 12, 31)}
    print(
        f"  holidays: US(public, government) holds exactly micropath's closed days "
        f"1970..2100: {mine == theirs}"
    )
    return Contender(us.get_nth_working_day, lambda r: r, _per_call(us.get_nth_working_day))


# -- timing ------------------------------------------------------------------------


def _time_round_robin(
    contenders: dict[str, Contender], starts: list[date], n: int, repeats: int, budget: float
) -> dict[str, float]:
    """Median seconds per call of each contender, the repeats interleaved."""
    runs: dict[str, tuple[Callable[[], None], int]] = {}
    for name, c in contenders.items():
        # Calls per repeat: every start date (looped so a repeat lasts about
        # budget / 5) for fast contenders; fewer, still spread over the whole
        # range, for slow ones, so that a repeat lasts about `budget`.
        probe = starts[:3]
        t0 = timeit.default_timer()
        for d in probe:
            c.add(d, n)
        per_call = (timeit.default_timer() - t0) / len(probe)
        k = max(5, min(len(starts), int(budget / max(per_call, 1e-9))))
        days = starts[:: max(1, len(starts) // k)][:k]
        loops = max(1, int(budget / 5 / max(per_call * len(days), 1e-9)))
        runs[name] = (c.loop(days * loops, n), len(days) * loops)
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, (run, calls) in runs.items():
            samples[name].append(timeit.timeit(run, number=1) / calls)
    return {name: statistics.median(s) for name, s in samples.items()}


def _agreement(
    reference: Contender, other: Contender, starts: list[date], n: int
) -> tuple[int, int, list[str]]:
    ok, bad = 0, []
    for d in starts:
        expected = reference.add(d, n)
        got: object
        try:
            got = other.as_date(other.add(d, n))
        except Exception as exc:  # report, do not die
            got = f"{type(exc).__name__}: {exc}"
        if got == expected:
            ok += 1
        else:
            bad.append(f"{d} {n:+d}: micropath {expected}, got {got}")
    return ok, len(starts), bad


def _fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.3f} us"


# -- memory and import time, in fresh processes ------------------------------------

_MEMORY_SCRIPT = textwrap.dedent(
    """
    import sys, tracemalloc, json
    from datetime import date, timedelta
    if sys.argv[1] == "preimported":
        # Import the holidays package and its US module before tracing (micropath
        # then uses that module), so that what is traced is micropath's own work
        # and the holiday objects.
        import holidays.countries.united_states
    tracemalloc.start()
    import micropath
    from micropath import calendars
    after_import = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    fed = calendars.federal()
    mit = calendars.mit()
    for i in range(0, 39000, 7):  # 1980..2086, so +-2000 business days stay covered
        d = date(1980, 1, 1) + timedelta(days=i)
        for cal in (fed, mit):
            cal.add_business_days(d, 120)
            cal.add_business_days(d, -2000)
            cal.business_days_between(d, d + timedelta(days=400))
            cal.is_business_day(d)
            cal.why_closed(d)
    current, peak = tracemalloc.get_traced_memory()
    print(json.dumps({"import_current": after_import[0], "import_peak": after_import[1],
                      "peak": peak, "retained": current}))
    """
)


def _memory(mode: str) -> dict[str, int]:
    import json

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _MEMORY_SCRIPT, mode],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    if proc.returncode:
        raise RuntimeError(f"memory measurement failed:\n{proc.stderr}")
    return dict(json.loads(proc.stdout))


_PHASES_SCRIPT = textwrap.dedent(
    """
    import json, tracemalloc
    from datetime import date, timedelta
    tracemalloc.start()
    steps = []
    def step(label):
        steps.append((label, *tracemalloc.get_traced_memory()))
    import attrs
    step("import attrs (micropath's dependency)")
    import micropath
    from micropath import calendars
    step("import micropath (the rest)")
    import holidays
    step("import holidays (the package's top level)")
    from micropath import _holiday_data
    _holiday_data.united_states()  # the one country module micropath loads
    step("load holidays' US module (not holidays.countries)")
    fed = calendars.federal()
    mit = calendars.mit()
    step("build federal() and mit() (nothing is read until a question needs it)")
    fed.is_business_day(date(2027, 1, 4))
    mit.is_business_day(date(2027, 1, 4))
    step("one question each (reads 2025-2029, builds those tables)")
    for i in range(0, 39000, 7):
        d = date(1980, 1, 1) + timedelta(days=i)
        for cal in (fed, mit):
            cal.add_business_days(d, 120)
            cal.add_business_days(d, -2000)
            cal.business_days_between(d, d + timedelta(days=400))
            cal.is_business_day(d)
            cal.why_closed(d)
    step("use both across 1980-2086 (reads 1970-2094, rebuilds the tables)")
    print(json.dumps(steps))
    """
)


def _memory_phases() -> list[tuple[str, int, int]]:
    """(step, memory held after it, peak so far) for each step of the memory run."""
    import json

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _PHASES_SCRIPT], capture_output=True, text=True, cwd=ROOT, env=env
    )
    if proc.returncode:
        raise RuntimeError(f"memory measurement failed:\n{proc.stderr}")
    return [(str(label), int(held), int(peak)) for label, held, peak in json.loads(proc.stdout)]


def _first_call(
    fresh_calendar: Callable[[], micropath.Calendar], starts: list[date], runs: int
) -> tuple[float, float]:
    """Median seconds of the first add_business_days call on a fresh calendar (which
    builds its dense tables, or a lazily built one's first years), and of a second."""
    first: list[float] = []
    second: list[float] = []
    for i in range(runs):
        fresh = fresh_calendar()
        d = starts[i % len(starts)]
        t0 = timeit.default_timer()
        fresh.add_business_days(d, 5)
        t1 = timeit.default_timer()
        fresh.add_business_days(d, 5)
        t2 = timeit.default_timer()
        first.append(t1 - t0)
        second.append(t2 - t1)
    return statistics.median(first), statistics.median(second)


def _import_times(runs: int) -> dict[str, float]:
    # As installed: both packages import from compiled bytecode. Drop
    # PYTHONDONTWRITEBYTECODE (set on some machines) and warm the caches once,
    # or micropath, run from the work tree, is compiled from source every time
    # while holidays, installed, is not.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    codes = {"pass": "pass", "micropath": "import micropath", "holidays": "import holidays"}
    for code in codes.values():
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)
    samples: dict[str, list[float]] = {k: [] for k in codes}
    for _ in range(runs):  # interleaved, so drift hits all three alike
        for name, code in codes.items():
            t0 = timeit.default_timer()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)
            samples[name].append(timeit.default_timer() - t0)
    return {k: statistics.median(v) for k, v in samples.items()}


# -- main ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer dates and repeats")
    args = parser.parse_args(argv)
    n_starts, repeats, budget, import_runs = (
        (200, 5, 0.02, 7) if args.quick else (1000, 15, 0.1, 15)
    )

    print("micropath business-day benchmark" + (" (--quick)" if args.quick else ""))
    print(
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}"
    )
    libs = ("micropath", "numpy", "pandas", "workalendar", "holidays")
    print("versions: " + ", ".join(f"{m} {_version(m) or 'not installed'}" for m in libs))

    cal = calendars.federal()
    closed = [d for d, _ in cal.holidays]
    rng = random.Random(20260101)
    # Start dates spread over 1980..2090 so that +-2000 business days (about
    # eight years) stays inside the 1970..2100 span federal() covers.
    first, span = date(1980, 1, 1), (date(2090, 12, 31) - date(1980, 1, 1)).days
    starts = [first + timedelta(days=rng.randrange(span + 1)) for _ in range(n_starts)]
    print(
        f"calendar: federal(), {len(closed)} closed days 1970..2100; {n_starts} start dates; "
        f"{repeats} interleaved repeats; medians quoted"
    )

    builders: dict[str, Callable[[], Contender]] = {
        "micropath": lambda: _micropath(cal),
        "numpy": lambda: _numpy(closed),
        "pandas": lambda: _pandas(closed),
        "workalendar": lambda: _workalendar(cal),
        "holidays": lambda: _holidays(cal),
    }
    contenders: dict[str, Contender] = {}
    missing: list[str] = []
    for name, build in builders.items():
        try:
            contenders[name] = build()
        except ImportError:
            missing.append(name)
            print(f"  {name}: not installed")
    reference = contenders["micropath"]

    results: dict[int, dict[str, float]] = {}
    agree: dict[int, dict[str, str]] = {}
    for n in NS:
        agree[n] = {"micropath": "(reference)"}
        for name, other in contenders.items():
            if name == "micropath":
                continue
            # Fast libraries are checked on every start date, slow ones on 50.
            fast = name in ("numpy", "pandas")
            sample = starts if fast else starts[:: max(1, n_starts // 50)]
            ok, total, bad = _agreement(reference, other, sample, n)
            agree[n][name] = f"{ok}/{total}"
            for line in bad[:5]:
                print(f"  DISAGREE {name}: {line}")
            if len(bad) > 5:
                print(f"  DISAGREE {name}: ... and {len(bad) - 5} more")
        results[n] = _time_round_robin(contenders, starts, n, repeats, budget)

    # -- the table --------------------------------------------------------------------
    print()
    print("median time per call; vs numpy = time / numpy busday_offset scalar call;")
    print("agree = answers equal to micropath's (all start dates for numpy and pandas, 50 else)")
    print(f"{'n':>6}  {'library':<12} {'median/call':>12} {'vs numpy':>10}  agree")
    for n in NS:
        base = results[n].get("numpy")
        for i, name in enumerate(contenders):
            t = results[n][name]
            ratio = f"{t / base:.3f}x" if base else "n/a"
            label = f"{n:>6}" if i == 0 else " " * 6
            print(f"{label}  {name:<12} {_fmt_time(t):>12} {ratio:>10}  {agree[n][name]}")
        for name in missing:
            print(f"{'':>6}  {name:<12} {'not installed':>12}")

    print()
    print("side by side, micropath / each library (lower is better for micropath):")
    others = [name for name in contenders if name != "micropath"]
    print(f"{'n':>6}  {'micropath':>12}" + "".join(f"{name:>14}" for name in others))
    for n in NS:
        mine = results[n]["micropath"]
        print(
            f"{n:>6}  {_fmt_time(mine):>12}"
            + "".join(f"{mine / results[n][name]:>13.4f}x" for name in others)
        )

    # -- memory and import ------------------------------------------------------------
    print()
    mem = _memory("cold")
    own = _memory("preimported")
    mb = 1024 * 1024
    print("memory (tracemalloc, fresh processes; peak = most traced at once, import included):")
    print(
        f"  import micropath: {mem['import_current'] / mb:.2f} MB held; then build federal() "
        f"and mit() and use them across 1980-2086: peak {mem['peak'] / mb:.2f} MB, "
        f"held afterwards {mem['retained'] / mb:.2f} MB"
    )
    print(
        f"  the same with the holidays package imported before tracing starts: peak "
        f"{own['peak'] / mb:.2f} MB (import micropath {own['import_current'] / mb:.2f} MB + "
        f"build and use {(own['peak'] - own['import_current']) / mb:.2f} MB), "
        f"held afterwards {own['retained'] / mb:.2f} MB"
    )
    print("  step by step, in one fresh process (added = held after the step minus before it):")
    before = 0
    for label, held, peak_so_far in _memory_phases():
        print(
            f"    {label:<70} added {(held - before) / mb:5.2f} MB, held {held / mb:5.2f} MB, "
            f"peak so far {peak_so_far / mb:5.2f} MB"
        )
        before = held
    runs = 5 if args.quick else 15
    first_call, next_call = _first_call(
        lambda: micropath.Calendar(
            cal.holidays, weekmask=cal.weekmask, name=cal.name, covers=cal.covers
        ),
        starts,
        runs,
    )
    print(
        f"first add_business_days call on a copy of federal() with all 1970-2100 closed days "
        f"(builds its dense tables): {_fmt_time(first_call)}; the next call: "
        f"{_fmt_time(next_call)}"
    )
    lazy_call, next_lazy = _first_call(
        lambda: micropath.Calendar._lazy(
            calendars._BuiltIn("federal"), name="federal", covers=cal.covers
        ),
        starts,
        runs,
    )
    print(
        f"first add_business_days call on a fresh lazily built federal() (the holiday data "
        f"already read in this process; builds the five years' tables): {_fmt_time(lazy_call)}; "
        f"the next call: {_fmt_time(next_lazy)}"
    )
    imp = _import_times(import_runs)
    mp_import = imp["micropath"] - imp["pass"]
    hol_import = imp["holidays"] - imp["pass"]
    import_ratio = mp_import / hol_import
    print(
        f"import time (median of {import_runs} fresh processes each, minus `python -c pass`, "
        f"{imp['pass'] * 1e3:.1f} ms): import micropath {mp_import * 1e3:.1f} ms, "
        f"import holidays {hol_import * 1e3:.1f} ms, ratio {import_ratio:.2f} "
        f"(the goal is checked by bench_cli.py)"
    )

    # -- goals --------------------------------------------------------------------------
    print()
    print("goals:")
    verdicts: list[bool] = []

    def goal(met: bool, text: str) -> None:
        verdicts.append(met)
        print(f"  [{'met' if met else 'MISSED'}] {text}")

    if "numpy" in contenders:
        for n in NS:
            to_numpy = results[n]["micropath"] / results[n]["numpy"]
            goal(
                to_numpy <= RATIO_GOAL,
                f"n={n:+d}: micropath / numpy = {to_numpy:.3f} (goal <= {RATIO_GOAL})",
            )
    else:
        goal(False, "micropath / numpy: numpy not installed, cannot check")
    per_n = [results[n]["micropath"] for n in NS]
    flat = max(per_n) / min(per_n)
    goal(
        flat <= FLAT_GOAL,
        f"flat in n: slowest / fastest micropath median = {flat:.2f} (goal <= {FLAT_GOAL})",
    )
    peak = mem["peak"] / mb
    own_peak = own["peak"] / mb
    goal(
        own_peak < MEMORY_GOAL_MB,
        f"memory of built-in calendars used across 1970-2100: peak {own_peak:.2f} MB "
        f"(import micropath + build + use; goal < {MEMORY_GOAL_MB:g} MB)",
    )
    print(
        f"  [info] the whole process, the holidays package's own import included: peak "
        f"{peak:.2f} MB"
    )
    print("all goals met" if all(verdicts) else "NOT all goals met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
