#!/usr/bin/env bash
# Mutation testing with mutmut 3 of the modules in [tool.mutmut] only_mutate: the rule
# modules (micropath/pathways), PlanOptions, the school loader, the calendar and the planner.
#
#   bash tests/mutation/run.sh            # all mutants: about an hour for the rule modules,
#                                         # options and the school loader on one worker, as much
#                                         # again each for calendar.py and planner.py; later runs
#                                         # only test mutants of changed functions
#   bash tests/mutation/run.sh NAME ...   # re-test these mutants, names or globs such as
#                                         # "micropath.options.*" (results are kept between runs)
#   python tests/mutation/recheck.py      # survivors against the whole test selection
#
# On a shared 2-core machine: MUTMUT_CHILDREN=1 bash tests/mutation/run.sh
# A file added to only_mutate after a run: delete ./mutants first (mutmut neither mutates
# its old copy nor knows which tests reach it until the stats are collected again).
#
# Configuration: [tool.mutmut] in pyproject.toml (files to mutate, the tests to run).
# Results stay in ./mutants (git-ignored); inspect them with
#   mutmut results            # survivors
#   mutmut show NAME          # a mutant's diff
#   mutmut browse             # interactive
#   mutmut results --all true # every mutant; "check was interrupted by user" is pytest's
#                             # exit code 2: the mutant broke test collection (a kill)
# Not part of CI. Needs `pip install mutmut==3.8.1` in the environment.
set -euo pipefail
cd "$(dirname "$0")/../.."
MUTMUT="${MUTMUT:-mutmut}"
# The "mutation" Hypothesis profile: derandomized, no database, no deadline.
export PYTHONPATH="$PWD/tests/mutation${PYTHONPATH:+:$PYTHONPATH}"
export HYPOTHESIS_PROFILE=mutation
unset CI
# Keep compiled bytecode: the mutated copies in ./mutants hold every mutant of a module
# (2 MB for calendar.py), and compiling them again in each mutant's fresh process would
# cost more than most of its tests.
unset PYTHONDONTWRITEBYTECODE
# Two workers: this is a 2-core machine shared with other test runs; nice keeps it polite.
exec nice -n 10 "$MUTMUT" run --max-children "${MUTMUT_CHILDREN:-2}" "$@"
