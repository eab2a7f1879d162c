"""``python -m micropath``: the same command line as the ``micropath`` script."""

import sys

from micropath.cli import main

if __name__ == "__main__":
    sys.exit(main())
