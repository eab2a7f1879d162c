"""Time one ``micropath.plan()`` call per authorization against one scalar
``numpy.busday_offset`` call, measured side by side in the same run.

Goal (issue "Performance, raised"; it was 4 in "The backward planner"): a
plan costs at most 2 numpy scalar calls, in every case. Starts are spread over
2025-2030 so no single date is favoured; the numpy call uses a prebuilt
``busdaycalendar`` with the same federal holidays.
Figures are medians of interleaved repeats (the machines are shared and
noisy). Run: ``python benchmarks/bench_plan.py [--quick]``.
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from datetime import date, timedelta
from pathlib import Path

import numpy as np

import micropath as mp

GOAL = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeats, number = (5, 200) if args.quick else (15, 500)

    school = mp.School.from_toml(
        Path(__file__).resolve().parent.parent / "docs" / "example_school.toml"
    )
    federal = mp.calendars.federal()
    mp.calendars.mit()  # build the cached calendars before timing
    busdaycal = np.busdaycalendar(holidays=[day for day, _ in federal.holidays])
    starts = [date(2025, 1, 1) + timedelta(days=i * 7 % 2000) for i in range(number)]

    def numpy_call() -> None:
        for day in starts:
            np.busday_offset(day, -30, roll="forward", busdaycal=busdaycal)

    def plan_call(authorization: str, **options: object) -> None:
        for day in starts:
            mp.plan(authorization, day, **options)  # type: ignore[arg-type]

    cases: dict[str, tuple[str, dict[str, object]]] = {
        "CPT": ("CPT", {}),
        "OPT": ("OPT", {}),
        "AT": ("AT", {}),
        "OPT premium": ("OPT", {"premium": True}),
        "OPT confidence 0.9": (
            "OPT",
            {"processing": mp.percentiles({50: 75, 80: 100, 95: 130}), "confidence": 0.9},
        ),
        # Every start is after the program end: post-completion OPT, (c)(3)(B).
        "OPT (c)(3)(B)": ("OPT", {"program_end": date(2024, 12, 31)}),
        "CPT, TOML school": ("CPT", {"school": school}),
    }
    timings: dict[str, list[float]] = {"numpy": [], **{name: [] for name in cases}}
    for _ in range(repeats):  # interleave, so drift hits every column alike
        timings["numpy"].append(timeit.timeit(numpy_call, number=1) / number)
        for name, (authorization, options) in cases.items():
            timings[name].append(
                timeit.timeit(lambda a=authorization, o=options: plan_call(a, **o), number=1)
                / number
            )
    numpy_median = statistics.median(timings["numpy"])
    print(f"numpy.busday_offset scalar call: {numpy_median * 1e6:.2f} us (median)")
    print(f"{'case':<20} {'plan() us':>10} {'/ numpy':>8}  goal <= {GOAL:g}")
    for name in cases:
        median = statistics.median(timings[name])
        ratio = median / numpy_median
        verdict = "met" if ratio <= GOAL else "MISSED"
        print(f"{name:<20} {median * 1e6:>10.2f} {ratio:>8.2f}  {verdict}")

    plan = mp.plan("OPT", "2027-01-04")
    lazy = timeit.timeit(lambda: mp.plan("OPT", "2027-01-04").milestones, number=number) / number
    text = timeit.timeit(plan.explain, number=number) / number
    print(f"plan() + milestones: {lazy * 1e6:.2f} us; explain(): {text * 1e6:.2f} us")
    print("(milestone objects and text are built on demand, not by plan())")


if __name__ == "__main__":
    main()
