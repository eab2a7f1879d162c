"""Faults mid-run: a batch killed, a full disk, an output that cannot be written.

Laws: whatever happens, the previous output file is untouched or replaced whole, no
temporary file is left behind, and a failure to write is one line and exit status 2
(a usage problem: nothing was written).
"""

from __future__ import annotations

import errno
import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from micropath import _files, cli

ROWS = 20_000


def _big_input(path: Path) -> None:
    lines = ["id,authorization,start"]
    kinds = ("CPT", "OPT", "AT")
    for i in range(ROWS):
        lines.append(f"s{i},{kinds[i % 3]},20{27 + i % 3}-0{1 + i % 9}-1{i % 10}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_batch_killed_with_sigkill_leaves_the_old_output_and_no_temporary_file(
    tmp_path: Path, seed: int
) -> None:
    source, output = tmp_path / "in.csv", tmp_path / "out.csv"
    _big_input(source)
    output.write_text("the previous output\n", encoding="utf-8")
    command = [sys.executable, "-m", "micropath", "batch", str(source), "-o", str(output)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(seed).uniform(0.3, 1.5))  # somewhere in the run
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    text = output.read_text(encoding="utf-8")
    # Untouched, or (if the run finished first) replaced by a whole output.
    assert text == "the previous output\n" or text.count("\n") == ROWS + 1
    assert _leftovers(tmp_path, {"in.csv", "out.csv"}) == []


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_is_one_line_exit_2_and_no_partial_output(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    """ENOSPC injected while the rows are written (after the first 100 bytes), or
    when the file is flushed to disk at the end."""
    source, output = tmp_path / "in.csv", tmp_path / "out.csv"
    _big_input(source)
    output.write_text("the previous output\n", encoding="utf-8")

    def no_space(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "fsync":
        monkeypatch.setattr(_files.os, "fsync", no_space)
    else:
        real_fdopen = os.fdopen

        class Filling(io.RawIOBase):
            def __init__(self, fd: int) -> None:
                self.raw = real_fdopen(fd, "wb", buffering=0)
                self.written = 0

            def writable(self) -> bool:
                return True

            def write(self, data: bytes) -> int:  # type: ignore[override]
                if self.written + len(data) > 100:
                    no_space()
                self.written += len(data)
                return self.raw.write(data)

            def fileno(self) -> int:
                return self.raw.fileno()

            def close(self) -> None:
                self.raw.close()
                super().close()

        def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
            return io.BufferedWriter(Filling(fd), buffer_size=64)

        monkeypatch.setattr(_files.os, "fdopen", fdopen)
    status = cli.main(["batch", str(source), "-o", str(output)])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "No space left on device" in err
    assert output.read_text(encoding="utf-8") == "the previous output\n"
    assert _leftovers(tmp_path, {"in.csv", "out.csv"}) == []


def test_a_read_only_folder_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The refusal is injected where the OS gives it (CI runs as root, which ignores
    permission bits, so a chmod would test nothing there)."""
    source = tmp_path / "in.csv"
    source.write_text("id,authorization,start\n1,CPT,2027-01-04\n", encoding="utf-8")
    real_open = os.open

    def refuse(path: str, flags: int, mode: int = 0o777, **kw: object) -> int:
        if str(path).startswith(str(tmp_path / "locked")):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, mode)

    (tmp_path / "locked").mkdir()
    monkeypatch.setattr(_files.os, "open", refuse)
    status = cli.main(["batch", str(source), "-o", str(tmp_path / "locked" / "out.csv")])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "Permission denied" in err


def test_an_output_path_that_is_a_folder_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,authorization,start\n1,CPT,2027-01-04\n", encoding="utf-8")
    (tmp_path / "out.csv").mkdir()
    status = cli.main(["batch", str(source), "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert (tmp_path / "out.csv").is_dir()
    assert _leftovers(tmp_path, {"in.csv", "out.csv"}) == []
