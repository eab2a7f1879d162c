"""``micropath batch`` throughput and memory at 10,000 and 100,000 rows.

Run from the repository root::

    python benchmarks/bench_batch.py            # 3 runs of each size, about a minute
    python benchmarks/bench_batch.py --runs 1   # a quick look

What it does, in a temporary directory:

1. Generates a 100,000-row input CSV (fixed seed): CPT, OPT and AT mixed;
   80% of rows give a ``start`` spread over every day of 2025-2030, 20% an
   ``iap`` year; about a third set an option (processing, premium,
   decision, filing window, calendar); about 1% are bad rows (an impossible
   date, an unknown authorization, a negative count, an OPT-only option on
   CPT). The 10,000-row input is its first 10,000 rows.
2. Times the real console script, ``micropath batch IN.csv -o OUT.csv --today
   2026-06-01``, as a subprocess: the median of the runs, start-up included,
   both wall clock and CPU time (user + system; steadier than wall clock on a
   busy shared machine). The day is fixed so that the figures do not drift
   with the calendar; on it every OPT row carries the advisories then in
   force, and the rows that start before the autumn of 2026 their passed
   deadlines, in the ``notices`` column. Peak memory is the child's maximum
   resident set size, from ``os.wait4`` (the same figure as
   ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``, but for that one
   child). Runs go round-robin over all figures, so a busy spell hits them
   alike; the load average is printed at the start and the end.
3. Does the same with the row cache turned off (``batch.run(...,
   cache_size=0, today=...)`` in a subprocess), to show what the cache is
   worth on this input, and reports how many rows of the input are distinct
   apart from ``id`` (an upper bound on the cache's hits).
4. Prints the figures side by side, and the goals: >= 20,000 rows/s, peak
   memory < 100 MB, and flat (100k peak / 10k peak <= 1.1).

This is a script, not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000)
RATE_GOAL = 20_000
MEMORY_GOAL_MB = 100.0
FLAT_GOAL = 1.1
COLUMNS = (
    "id",
    "authorization",
    "start",
    "iap",
    "processing",
    "processing_business",
    "premium",
    "decision_business",
    "filing_window",
    "calendar",
)
FIRST, LAST = date(2025, 1, 1), date(2030, 12, 31)
TODAY = "2026-06-01"
"""The day of every plan (``--today``): fixed, so that runs on different days compare."""
BAD = (
    ("start", "2027-02-30"),
    ("authorization", "H-1B"),
    ("processing", "-3"),
    ("mailing_for_cpt", ""),
)


def _row(index: int, rng: random.Random) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row["id"] = f"S{index:06d}"
    kind = rng.choices(("CPT", "OPT", "AT"), weights=(5, 3, 2))[0]
    row["authorization"] = kind
    if rng.random() < 0.8:
        row["start"] = (FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))).isoformat()
    else:
        row["iap"] = str(rng.randrange(2025, 2031))
    if rng.random() < 0.35:
        choice = rng.randrange(5)
        if choice == 0:
            row["decision_business"] = str(rng.randrange(5, 8))
        elif choice == 1 and kind == "OPT":
            row["premium"] = "yes"
        elif choice == 1:
            row["processing_business"] = str(rng.randrange(5, 16))
        elif choice == 2:
            row["processing"] = str(rng.choice((14, 21, 90, 120, 150)))
        elif choice == 3 and kind == "OPT":
            row["filing_window"] = "90"
        else:
            row["calendar"] = rng.choice(("federal", "massachusetts", "mit"))
    if rng.random() < 0.01:
        field, value = rng.choice(BAD)
        if field == "mailing_for_cpt":
            row["authorization"], row["processing"] = "CPT", "14 days"
        else:
            row[field] = value
            if field == "start":
                row["iap"] = ""
    return row


def generate(path: Path, rows: int, seed: int = 20270104) -> int:
    """Write *rows* rows to *path*; return how many are distinct apart from id."""
    rng = random.Random(seed)
    distinct: set[tuple[str, ...]] = set()
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for index in range(rows):
            row = _row(index, rng)
            writer.writerow(row.values())
            distinct.add(tuple(row.values())[1:])
    return len(distinct)


def _script() -> str:
    script = Path(sys.executable).with_name("micropath")
    if not script.exists():
        raise SystemExit(f"no console script at {script}: pip install -e . first")
    return str(script)


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one run of *command*."""
    import subprocess

    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode not in (0, 1):
        raise SystemExit(f"{command} failed ({child.returncode}): {errors}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()
    script = _script()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    with tempfile.TemporaryDirectory() as folder:
        inputs = {}
        for size in SIZES:
            inputs[size] = Path(folder, f"in-{size}.csv")
            distinct = generate(inputs[size], size)
            print(f"{size:>7,} rows: {distinct:,} distinct apart from id")
        header_only = Path(folder, "header.csv")
        header_only.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
        out = str(Path(folder, "out.csv"))
        no_cache = [
            sys.executable,
            "-c",
            "import sys; from datetime import date; from micropath.batch import run; "
            "run(sys.argv[1], sys.argv[2], cache_size=0, today=date.fromisoformat(sys.argv[3]))",
        ]
        day = ["--today", TODAY]
        commands = {("start-up", 0): [script, "batch", str(header_only), "-o", out, *day]}
        for size in SIZES:
            commands["cache", size] = [script, "batch", str(inputs[size]), "-o", out, *day]
            commands["no cache", size] = [*no_cache, str(inputs[size]), out, TODAY]
        # Round-robin, so that a busy spell on a shared machine hits every figure alike.
        runs: dict[tuple[str, int], list[tuple[float, float, float]]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for key, command in commands.items():
                runs[key].append(measure(command))
    figures = {
        key: (
            statistics.median(r[0] for r in found),
            statistics.median(r[1] for r in found),
            max(r[2] for r in found),
        )
        for key, found in runs.items()
    }
    print(f"load average at the end {os.getloadavg()[0]:.1f}; medians of {args.runs} runs")
    print()
    head = ("rows", 9), ("wall s", 9), ("rows/s", 10), ("CPU s", 8), ("rows/CPU s", 12)
    print(f"{'':<10}" + "".join(f"{text:>{width}}" for text, width in head) + f"{'peak MB':>9}")
    for (label, size), (wall, cpu, peak) in figures.items():
        rate = (
            f"{size / wall:>10,.0f}{cpu:>8.2f}{size / cpu:>12,.0f}"
            if size
            else f"{'':>10}{cpu:>8.2f}{'':>12}"
        )
        print(f"{label:<10}{size:>9,}{wall:>9.2f}{rate}{peak:>9.1f}")
    print()
    small, large = SIZES
    wall_rate = large / figures["cache", large][0]
    cpu_rate = large / figures["cache", large][1]
    marginal = (large - small) / (figures["cache", large][0] - figures["cache", small][0])
    peak = figures["cache", large][2]
    flat = peak / figures["cache", small][2]
    print(
        f"rows/s at {large:,}, start-up included: {wall_rate:,.0f} wall, {cpu_rate:,.0f} CPU"
        f"  (goal >= {RATE_GOAL:,})"
    )
    print(f"rows/s from {small:,} to {large:,} (marginal, wall): {marginal:,.0f}")
    print(f"peak memory at {large:,}: {peak:.1f} MB  (goal < {MEMORY_GOAL_MB:.0f} MB)")
    print(f"peak memory {large:,} / {small:,}: {flat:.2f}  (goal <= {FLAT_GOAL})")
    met = wall_rate >= RATE_GOAL and peak < MEMORY_GOAL_MB and flat <= FLAT_GOAL
    print(
        "goals met" if met else "GOALS NOT MET (wall clock; see the CPU figure on a busy machine)"
    )


if __name__ == "__main__":
    main()
