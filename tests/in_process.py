"""Running the ``micropath`` command in the test process (faster than a subprocess, and
seen by coverage), for the batch tests. ``test_fuzz_cli.py`` has its own runner, which
also limits the time a run takes."""

from __future__ import annotations

import contextlib
import io
import sys

from micropath import cli


def main(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``micropath`` in-process, *stdin* its standard input: its exit status,
    standard output and standard error. A traceback on standard error fails the test."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(argv)
    finally:
        sys.stdin = saved
    assert "Traceback" not in err.getvalue()
    return status, out.getvalue(), err.getvalue()
