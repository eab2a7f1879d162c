#!/usr/bin/env bash
# Mutation testing of micropath/calendar.py and micropath/planner.py with mutmut 3.
#
#   bash tests/mutation/run.sh            # all mutants: ~80 min on 2 busy cores the first time;
#                                         # later runs only test mutants of changed functions
#   bash tests/mutation/run.sh NAME ...   # re-test these mutants (e.g. the survivors, after
#                                         # adding tests: results are kept between runs)
#   python tests/mutation/recheck.py      # survivors against the whole test selection
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
# Two workers: this is a 2-core machine shared with other test runs; nice keeps it polite.
exec nice -n 10 "$MUTMUT" run --max-children "${MUTMUT_CHILDREN:-2}" "$@"
