"""Atomic output files: a file is complete, or as it was before.

An :class:`AtomicFile` writes to a new temporary file in the target's folder
(``.NAME.XXXXXXXX.tmp``); when the ``with`` block ends without an error it
flushes the file to disk (``fsync``) and renames it over the target
(``os.replace``), so a reader sees either the previous file or the complete
new one. On any error the temporary file is removed and the target is left
as it was.

Permissions: a new target gets the mode every new file gets, ``0o666`` less
the umask, because the temporary file is created with mode ``0o666`` and the
operating system applies the umask itself. The process-wide umask is never
read or changed (changing it would race with other threads). A target that
already exists keeps its mode.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with open_text(folder / "out.csv") as stream:
...     _ = stream.write("id\\n")
>>> [p.name for p in folder.iterdir()], (folder / "out.csv").read_text()
(['out.csv'], 'id\\n')
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
from types import TracebackType
from typing import IO, Final, Generic, TypeVar

__all__ = ["AtomicFile", "open_binary", "open_text", "write_bytes"]

_S = TypeVar("_S", IO[str], IO[bytes])

_FLAGS: Final = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL  # never an existing file, never through a symbolic link
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NEW_FILE_MODE: Final = 0o666
"""The mode a new file asks for; the operating system takes the umask off it."""
_ATTEMPTS: Final = 100


class AtomicFile(Generic[_S]):
    """A temporary file beside *path* that replaces *path* when its ``with`` block ends.

    Build it with :func:`open_text` or :func:`open_binary`: the temporary file
    exists from then on (an :class:`OSError` there means the target cannot be
    written), so enter the ``with`` block at once.
    """

    path: str
    """The target, an absolute path."""
    temporary: str
    """The temporary file, until it replaces the target or is removed."""
    stream: _S
    """The open temporary file."""

    def __init__(self, path: str, temporary: str, stream: _S) -> None:
        self.path = path
        self.temporary = temporary
        self.stream = stream

    def __enter__(self) -> _S:
        return self.stream

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None:
            self._discard()
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.replace(self.temporary, self.path)
        except BaseException:
            self._discard()
            raise
        _sync_folder(os.path.dirname(self.path))

    def _discard(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(OSError):
            os.remove(self.temporary)


def _create(path: str | os.PathLike[str]) -> tuple[str, str, int]:
    """The target's absolute path, a new temporary file beside it, and its descriptor."""
    target = os.path.abspath(os.fspath(path))
    folder, base = os.path.split(target)
    try:
        kept: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:  # no such file yet: the new file's usual mode
        kept = None
    for _ in range(_ATTEMPTS):
        temporary = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(temporary, _FLAGS, 0o600 if kept is not None else _NEW_FILE_MODE)
        except FileExistsError:
            continue
        if kept is not None:
            try:
                os.fchmod(descriptor, kept)
            except OSError:
                os.close(descriptor)
                os.remove(temporary)
                raise
        return target, temporary, descriptor
    raise FileExistsError(f"no free temporary name beside {target}")  # pragma: no cover


def open_binary(path: str | os.PathLike[str]) -> AtomicFile[IO[bytes]]:
    """An atomic binary file for *path*.

    Raises:
        OSError: the temporary file cannot be created (no such folder, no permission).
    """
    target, temporary, descriptor = _create(path)
    return AtomicFile(target, temporary, os.fdopen(descriptor, "wb"))


def open_text(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str = ""
) -> AtomicFile[IO[str]]:
    """An atomic text file for *path* (UTF-8, line ends as written, by default).

    Raises:
        OSError: the temporary file cannot be created (no such folder, no permission).
    """
    target, temporary, descriptor = _create(path)
    binary = os.fdopen(descriptor, "wb")
    return AtomicFile(target, temporary, io.TextIOWrapper(binary, encoding, newline=newline))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically.

    Raises:
        OSError: it could not be written; *path* is then as it was.
    """
    with open_binary(path) as stream:
        stream.write(data)


def _sync_folder(folder: str) -> None:
    """Make a rename in *folder* durable, where the system allows it (POSIX)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        descriptor = os.open(folder, flags)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(descriptor)
    os.close(descriptor)
