#!/usr/bin/env bash
# Mutation testing of micropath/calendar.py and micropath/planner.py with mutmut 3.
#
#   bash tests/mutation/run.sh            # all mutants (about 40 min on 2 cores)
#   bash tests/mutation/run.sh 'micropath.calendar.*'   # only some (mutmut name globs)
#
# Configuration: [tool.mutmut] in pyproject.toml (files to mutate, the tests to run).
# Results stay in ./mutants (git-ignored); inspect them with
#   mutmut results            # survivors
#   mutmut show NAME          # a mutant's diff
#   mutmut browse             # interactive
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
