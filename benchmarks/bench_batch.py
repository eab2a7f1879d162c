"""``micropath batch`` on distinct realistic rows: throughput against a bare loop
of ``plan()``, and peak memory from 10,000 to 1,000,000 rows.

Run from the repository root::

    python benchmarks/bench_batch.py            # 3 runs of each figure, about 12 minutes
    python benchmarks/bench_batch.py --quick    # 1 run, and no 1,000,000-row input

What it does, in a temporary directory:

1. Generates the inputs (fixed seed). Every row is distinct: its own ``id``,
   and its own dates, as an office's list of students is:

   * ``authorization``: CPT (40%), OPT (40%: a quarter of them post-completion,
     with a ``program_end`` 1-75 days before the start; a quarter
     pre-completion with a ``program_end`` after it; half without one) and AT
     (20%);
   * a ``start`` on any day of 2026-2030 (90%) or an ``iap`` year 2027-2030;
   * varied options: ``processing`` (calendar days), ``processing_business``,
     ``processing_percentiles`` with a ``confidence``, ``premium``,
     ``decision_business``, ``school`` (``mit`` or ``generic``),
     ``terms_completed``;
   * an ``offer`` 20-200 days before the start on half the rows (any day,
     weekends and holidays included);
   * 5% bad rows: an impossible date, an unknown authorization, a negative
     count, an OPT-only option on CPT, a malformed percentile list, an offer
     that is not a date.

   The 10,000- and 100,000-row inputs are the first rows of the
   1,000,000-row one. A second 100,000-row input repeats rows, as the
   benchmark before issue 13 did (options drawn from a few values, so most
   rows are the same apart from their ``id``): it is the *repeated rows*
   line, the best case of micropath's plan cache.
2. Times, as fresh processes, round-robin so that a busy spell hits every
   figure alike (medians; CPU time is user + system, steadier than wall
   time on a busy machine; peak memory is the child's maximum resident set
   size, from ``os.wait4``):

   * ``micropath batch IN.csv -o OUT.csv --today 2026-06-01`` (the console
     script, start-up included) at each size (the 1,000,000-row input, which
     takes minutes, once: it is there for its peak memory);
   * the **bare loop**: a process that imports micropath and calls ``plan()``
     for each of the same 100,000 rows from Python values prepared in advance
     (the rows unpickled before the clock starts), reads its notices, and
     asks ``offer_verdict`` for the rows with an offer, as ``batch`` does;
     a bad row's ``MicropathError`` is caught. No reading, parsing or
     writing: only the planning that ``batch`` does for those rows.
3. Prints the figures and the goals (issue 13): ``batch`` / the bare loop on
   100,000 distinct rows >= 0.5 in throughput (reading, parsing and writing
   cost at most as much as planning), and peak memory < 100 MB at every size
   and flat (1,000,000 / 10,000 <= 1.1).

This is a script, not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from micropath._text import parse_percentiles

SIZES = (10_000, 100_000, 1_000_000)
LOOP_SIZE = 100_000
RATIO_GOAL = 0.5
MEMORY_GOAL_MB = 100.0
FLAT_GOAL = 1.1
TODAY = "2026-06-01"
"""The day of every plan (``--today``): fixed, so that runs on different days compare."""
COLUMNS = (
    "id",
    "authorization",
    "start",
    "iap",
    "offer",
    "program_end",
    "processing",
    "processing_business",
    "processing_percentiles",
    "confidence",
    "premium",
    "decision_business",
    "school",
    "terms_completed",
)
FIRST, LAST = date(2026, 1, 1), date(2030, 12, 31)
PERCENTILES = ("50:75,80:100,95:130", "50:60,90:110", "25:40,50:70,75:95,99:150")
BAD = ("start", "authorization", "count", "opt-only", "percentiles", "offer")

Row = dict[str, str]
Call = tuple[str, object, dict[str, object], object]
"""One bare-loop call: authorization, start (a date, or ("iap", year)), keyword
options, and the offer (a date, text, or None)."""


def _day(rng: random.Random, first: date = FIRST, last: date = LAST) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def distinct_row(index: int, rng: random.Random) -> tuple[Row, Call]:
    """One distinct realistic row, as CSV cells and as the bare loop's call."""
    row = dict.fromkeys(COLUMNS, "")
    options: dict[str, object] = {}
    row["id"] = f"S{index:07d}"
    kind = rng.choices(("CPT", "OPT", "AT"), weights=(4, 4, 2))[0]
    row["authorization"] = kind
    start_day = _day(rng)
    start: object = start_day
    if rng.random() < 0.9:
        row["start"] = start_day.isoformat()
    else:
        year = rng.randrange(2027, 2031)
        row["iap"] = str(year)
        start = ("iap", year)
        start_day = date(year, 1, 5)  # near enough for the other dates
    if kind == "OPT":
        shape = rng.random()
        if shape < 0.25:  # post-completion, (c)(3)(B)
            end = start_day - timedelta(days=rng.randrange(1, 76))
        elif shape < 0.5:
            end = start_day + timedelta(days=rng.randrange(30, 400))
        else:
            end = None
        if end is not None:
            row["program_end"] = end.isoformat()
            options["program_end"] = end
        shape = rng.random()
        if shape < 0.3:
            days = rng.randrange(60, 151)
            row["processing"], options["processing"] = str(days), days
        elif shape < 0.45:
            text = rng.choice(PERCENTILES)
            level = rng.choice((0.8, 0.9, 0.95))
            row["processing_percentiles"], row["confidence"] = text, str(level)
            options["processing"] = parse_percentiles(text, "processing_percentiles")
            options["confidence"] = level
        if "processing" not in options and rng.random() < 0.2:
            row["premium"], options["premium"] = "yes", True
    elif rng.random() < 0.4:
        business = rng.randrange(5, 16)
        row["processing_business"] = str(business)
        options["processing"] = ("business", business)
    if rng.random() < 0.3:
        decision = rng.randrange(5, 8)
        row["decision_business"] = str(decision)
        options["decision"] = ("business", decision)
    school = rng.choices(("", "mit", "generic"), weights=(3, 4, 3))[0]
    if school:
        row["school"], options["school"] = school, school
    if rng.random() < 0.1:
        terms = rng.randrange(0, 5)
        row["terms_completed"], options["terms_completed"] = str(terms), terms
    offer: object = None
    if rng.random() < 0.5:
        offer_day = start_day - timedelta(days=rng.randrange(20, 201))
        row["offer"], offer = offer_day.isoformat(), offer_day
    if rng.random() < 0.05:
        offer = _spoil(row, options, offer, rng)
        if row["start"] == "2027-02-30":
            start = "2027-02-30"
        if row["authorization"] == "H-1B":
            kind = "H-1B"
        if "mailing" in options:
            kind = "CPT"
    return row, (kind, start, options, offer)


def _spoil(row: Row, options: dict[str, object], offer: object, rng: random.Random) -> object:
    """Make *row* bad in one of the ways an office's list goes wrong."""
    how = rng.choice(BAD)
    if how == "start":
        row["start"], row["iap"] = "2027-02-30", ""
    elif how == "authorization":
        row["authorization"] = "H-1B"
    elif how == "count":
        row["decision_business"] = "-3"
        options["decision"] = ("business", -3)
    elif how == "opt-only":
        row["authorization"], row["mailing"] = "CPT", "14"
        options["mailing"] = 14
    elif how == "percentiles":
        row["processing_percentiles"], row["processing"] = "50:75,80", ""
        options["processing"] = "50:75,80"
    else:
        row["offer"] = "next week"
        return "next week"
    return offer


def repeated_row(index: int, rng: random.Random) -> Row:
    """A row from the benchmark before issue 13: few distinct option values."""
    row = dict.fromkeys(COLUMNS, "")
    row["id"] = f"R{index:07d}"
    kind = rng.choices(("CPT", "OPT", "AT"), weights=(5, 3, 2))[0]
    row["authorization"] = kind
    if rng.random() < 0.8:
        row["start"] = _day(rng, date(2025, 1, 1)).isoformat()
    else:
        row["iap"] = str(rng.randrange(2025, 2031))
    if rng.random() < 0.35:
        if kind == "OPT" and rng.random() < 0.5:
            row["premium"] = "yes"
        else:
            row["processing"] = str(rng.choice((14, 21, 90, 120, 150)))
    return row


def _paths(folder: Path) -> tuple[dict[int, Path], Path, Path]:
    """The distinct inputs by size, the repeated-rows input, and the bare loop's calls."""
    distinct = {size: folder / f"distinct-{size}.csv" for size in SIZES}
    return distinct, folder / "repeated-100000.csv", folder / "calls.pickle"


def generate(folder: Path) -> None:
    """Write the inputs and the bare loop's calls into *folder*."""
    rng = random.Random(20270104)
    paths, repeated, loop_input = _paths(folder)
    streams = {size: path.open("w", encoding="utf-8", newline="") for size, path in paths.items()}
    writers = {size: csv.writer(stream, lineterminator="\n") for size, stream in streams.items()}
    header = (*COLUMNS, "mailing")
    for writer in writers.values():
        writer.writerow(header)
    calls: list[Call] = []
    for index in range(SIZES[-1]):
        row, call = distinct_row(index, rng)
        cells = [row.get(name, "") for name in header]
        for size, writer in writers.items():
            if index < size:
                writer.writerow(cells)
        if index < LOOP_SIZE:
            calls.append(call)
    for stream in streams.values():
        stream.close()
    loop_input.write_bytes(pickle.dumps(calls))
    rng = random.Random(20270104)
    with repeated.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for index in range(LOOP_SIZE):
            writer.writerow(repeated_row(index, rng).values())


BARE_LOOP = """
import pickle, sys, time
from datetime import date
calls = pickle.loads(open(sys.argv[1], "rb").read())
started = time.perf_counter()
from micropath import MicropathError, business_days, iap, offer_verdict, plan, schools
today = date.fromisoformat(sys.argv[2])
for kind, start, options, offer in calls:
    for name in ("processing", "decision"):
        value = options.get(name)
        if isinstance(value, tuple):
            options[name] = business_days(value[1]) if value[1] >= 0 else value[1]
    try:
        if isinstance(start, tuple):
            school = options.get("school")
            start = iap(start[1]) if school is None else schools.by_name(school).term_of(start[1])
        result = plan(kind, start, today=today, **options)
        result.notices
        if offer is not None:
            offer_verdict(result, offer)
    except MicropathError:
        pass
print(time.perf_counter() - started)
"""
"""The bare loop. Turning a ("business", n) pair into a Lead happens inside the
clock, as ``batch`` turns its cells into leads inside its own."""


def _script() -> str:
    script = Path(sys.executable).with_name("micropath")
    if not script.exists():
        raise SystemExit(f"no console script at {script}: pip install -e . first")
    return str(script)


def measure(command: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system), peak RSS (MB) and standard output
    of one run of *command*."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = child.stdout.read().decode() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode not in (0, 1):
        raise SystemExit(f"{command} failed ({child.returncode}): {errors}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out  # KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--quick", action="store_true", help="one run, without the 1,000,000-row input"
    )
    parser.add_argument("--generate", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:  # in a child, so that this process stays small (see below)
        generate(Path(args.generate))
        return
    runs = 1 if args.quick else args.runs
    sizes = SIZES[:-1] if args.quick else SIZES
    script = _script()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        made = time.perf_counter()
        # A child that forks from a large parent starts with the parent's memory,
        # and ru_maxrss would count it: the inputs are made in a process of their own.
        subprocess.run([sys.executable, __file__, "--generate", name], check=True)
        paths, repeated, loop_input = _paths(folder)
        print(f"inputs generated in {time.perf_counter() - made:.0f} s")
        out = str(folder / "out.csv")
        day = ["--today", TODAY]
        commands: dict[str, list[str]] = {}
        for size in sizes:
            commands[f"batch, {size:,} distinct rows"] = [
                script,
                "batch",
                str(paths[size]),
                "-o",
                out,
                *day,
            ]
        commands[f"bare loop, {LOOP_SIZE:,} distinct rows"] = [
            sys.executable,
            "-c",
            BARE_LOOP,
            str(loop_input),
            TODAY,
        ]
        commands[f"batch, {LOOP_SIZE:,} repeated rows"] = [
            script,
            "batch",
            str(repeated),
            "-o",
            out,
            *day,
        ]
        found: dict[str, list[tuple[float, float, float, str]]] = {k: [] for k in commands}
        once = f"batch, {SIZES[-1]:,} distinct rows"  # minutes a run: measured once
        for index in range(runs):  # round-robin: a busy spell hits every figure alike
            for label, command in commands.items():
                if label != once or index == 0:
                    found[label].append(measure(command))
        print(f"load average at the end {os.getloadavg()[0]:.1f}; medians of {runs} runs")
    print()
    print(f"{'':<34}{'wall s':>8}{'rows/s':>10}{'CPU s':>8}{'peak MB':>9}")
    wall: dict[str, float] = {}
    peak: dict[str, float] = {}
    for label, results in found.items():
        rows = int(label.split(", ")[1].split(" ")[0].replace(",", ""))
        wall[label] = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        peak[label] = max(r[2] for r in results)
        print(f"{label:<34}{wall[label]:>8.2f}{rows / wall[label]:>10,.0f}{cpu:>8.2f}", end="")
        print(f"{peak[label]:>9.1f}")
    loop_label = f"bare loop, {LOOP_SIZE:,} distinct rows"
    inside = statistics.median(float(r[3]) for r in found[loop_label])
    print(f"(the bare loop's own clock, import included, unpickling not: {inside:.2f} s)")
    print()
    batch_label = f"batch, {LOOP_SIZE:,} distinct rows"
    ratio = wall[loop_label] / wall[batch_label]
    largest = f"batch, {sizes[-1]:,} distinct rows"
    smallest = f"batch, {sizes[0]:,} distinct rows"
    flat = peak[largest] / peak[smallest]
    most = max(peak[label] for label in found if label.startswith("batch"))
    goals = (
        (
            f"batch / bare loop, throughput on {LOOP_SIZE:,} distinct rows = {ratio:.2f}"
            f" (goal >= {RATIO_GOAL})",
            ratio >= RATIO_GOAL,
        ),
        (f"peak memory, largest = {most:.1f} MB (goal < {MEMORY_GOAL_MB:.0f})", most < 100),
        (
            f"peak memory {sizes[-1]:,} / {sizes[0]:,} rows = {flat:.2f} (goal <= {FLAT_GOAL})",
            flat <= FLAT_GOAL,
        ),
    )
    for text, met in goals:
        print(f"  [{'met' if met else 'MISSED'}] {text}")
    print("all goals met" if all(met for _, met in goals) else "NOT all goals met")


if __name__ == "__main__":
    main()
