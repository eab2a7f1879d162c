"""Start-up: cold ``micropath`` processes against ``python -c pass`` and ``import holidays``.

Run from the repository root::

    python benchmarks/bench_cli.py           # 21 interleaved rounds, about a minute
    python benchmarks/bench_cli.py --quick   # 7 rounds, about 20 seconds

What it prints, in one run:

1. The median wall time of fresh processes, one of each per round, the rounds
   interleaved so that a busy spell on a shared machine hits every command
   alike:

   * ``python -c pass`` (the interpreter alone) and ``python -c "import
     holidays"`` (the baseline of the goals);
   * ``python -c "import micropath"``;
   * for information, the floor of a plan: ``import holidays, attrs`` (the
     data source and the class library micropath's values are made with), and
     ``import holidays, micropath.cli, micropath.planner, micropath.schools``
     (a plan's imports without its work);
   * ``micropath plan CPT --iap 2027``, ``micropath cycle 2027`` and
     ``micropath calendar mit --from 2026-12-24 --to 2027-01-04``: the console
     script, as an advisor runs it (``python -m micropath`` when the script is
     not installed).

   Each figure is quoted as a ratio to ``import holidays`` from the same run,
   whole process, and also with the interpreter's own start-up (the ``pass``
   median) taken off both sides.
2. Whether ``import micropath`` imports ``holidays`` (it must not), and
   whether the first use of a built-in calendar does (it must).
3. The goals (issue 13): ``micropath plan CPT --iap 2027`` <= 1.5 x ``import
   holidays``, whole process; ``import micropath`` <= 1.0 x ``import
   holidays``, each less the interpreter's start-up, as in
   ``bench_calendar.py``. Each is printed as met or MISSED.

Bytecode: both packages import from compiled bytecode, as after a normal
install. The script removes ``PYTHONDONTWRITEBYTECODE`` from the children's
environment and runs every command once before timing, so micropath (run from
the work tree) is not compiled from source in every process while
``holidays`` (installed) is not. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_GOAL = 1.5  # micropath plan CPT --iap 2027, whole process, / import holidays
IMPORT_GOAL = 1.0  # import micropath / import holidays, each less python -c pass


def _cli() -> list[str]:
    """The command that runs micropath's command line: the console script if installed."""
    script = shutil.which("micropath", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "micropath"]


def _commands() -> dict[str, list[str]]:
    python, cli = sys.executable, _cli()
    return {
        "python -c pass": [python, "-c", "pass"],
        "import holidays": [python, "-c", "import holidays"],
        "import micropath": [python, "-c", "import micropath"],
        # The floor of any plan: the data source and the class library of micropath's values.
        "import holidays, attrs": [python, "-c", "import holidays, attrs"],
        # A plan's imports without its work (the command line, the planner, the school).
        "import a plan's modules": [
            python,
            "-c",
            "import holidays, micropath.cli, micropath.planner, micropath.schools",
        ],
        "micropath plan CPT --iap 2027": [*cli, "plan", "CPT", "--iap", "2027"],
        "micropath cycle 2027": [*cli, "cycle", "2027"],
        "micropath calendar mit ...": [
            *cli,
            "calendar",
            "mit",
            "--from",
            "2026-12-24",
            "--to",
            "2027-01-04",
        ],
    }


def _environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode for both packages
    return env


def _run(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one fresh process; its output is discarded, a failure is fatal."""
    start = timeit.default_timer()
    subprocess.run(
        command, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return timeit.default_timer() - start


def _imports_holidays(code: str, env: dict[str, str]) -> bool:
    probe = f"import sys\n{code}\nprint('holidays' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, cwd=ROOT, env=env, capture_output=True, text=True
    )
    return out.stdout.strip() == "True"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="7 rounds instead of 21")
    args = parser.parse_args(argv)
    rounds = 7 if args.quick else 21

    print("micropath start-up benchmark" + (" (--quick)" if args.quick else ""))
    print(
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}"
    )
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    env = _environment()
    commands = _commands()
    for command in commands.values():  # warm the bytecode and the file system caches
        _run(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):  # interleaved: one process of each command per round
        for name, command in commands.items():
            samples[name].append(_run(command, env))
    median = {name: statistics.median(times) for name, times in samples.items()}
    base, holidays = median["python -c pass"], median["import holidays"]

    print(
        f"\nmedian wall time of {rounds} fresh processes each, interleaved; "
        f"ratio = time / `import holidays` in the same run"
    )
    print(f"{'command':<32} {'median':>9} {'ratio':>7} {'less pass':>10} {'ratio':>7}")
    for name, seconds in median.items():
        own = seconds - base
        less = (
            f"{own * 1e3:8.1f} ms {own / (holidays - base):6.2f}x"
            if name != "python -c pass"
            else ""
        )
        print(f"{name:<32} {seconds * 1e3:6.1f} ms {seconds / holidays:6.2f}x {less}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    imports_early = _imports_holidays("import micropath", env)
    imports_on_use = _imports_holidays(
        "import micropath\nmicropath.calendars.federal().is_business_day('2027-01-04')", env
    )
    print(
        f"\n`import micropath` imports holidays: {imports_early}; "
        f"the first use of a built-in calendar does: {imports_on_use}"
    )

    print("\ngoals:")
    verdicts: list[bool] = []

    def goal(met: bool, text: str) -> None:
        verdicts.append(met)
        print(f"  [{'met' if met else 'MISSED'}] {text}")

    plan_ratio = median["micropath plan CPT --iap 2027"] / holidays
    goal(
        plan_ratio <= PLAN_GOAL,
        f"micropath plan CPT --iap 2027 / import holidays, whole process = {plan_ratio:.2f} "
        f"(goal <= {PLAN_GOAL})",
    )
    import_ratio = (median["import micropath"] - base) / (holidays - base)
    goal(
        import_ratio <= IMPORT_GOAL,
        f"import micropath / import holidays, each less `python -c pass` = {import_ratio:.2f} "
        f"(goal <= {IMPORT_GOAL})",
    )
    goal(not imports_early, "import micropath does not import holidays")
    goal(imports_on_use, "the first use of a built-in calendar imports holidays (the data source)")
    print("all goals met" if all(verdicts) else "NOT all goals met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
