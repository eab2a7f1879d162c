"""Atomic output files: a file is complete, or as it was before.

An :class:`AtomicFile` writes to a new temporary file in the target's folder;
when the ``with`` block ends without an error it flushes the file to disk
(``fsync``) and renames it over the target (``os.replace``), so a reader sees
either the previous file or the complete new one. On any error the temporary
file is removed and the target is left as it was.

Where the system allows it (Linux, ``O_TMPFILE``), the temporary file has no
name while it is written, and is named (``.NAME.XXXXXXXX.tmp``, by a link
through ``/proc/self/fd``) only for the rename: a process killed part-way
(``SIGKILL``, a power cut) leaves nothing behind. Elsewhere it is created
under that name from the start, and removed on any error the process lives
to see.

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
import errno
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
_PROC_FDS: Final = "/proc/self/fd"
"""Where an unnamed file is found, to give it a name (Linux)."""
_NO_TMPFILE: Final = frozenset({errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL})
"""What ``open(O_TMPFILE)`` says where the system or the file system cannot."""


class AtomicFile(Generic[_S]):
    """A temporary file beside *path* that replaces *path* when its ``with`` block ends.

    Build it with :func:`open_text` or :func:`open_binary`: the temporary file
    exists from then on (an :class:`OSError` there means the target cannot be
    written), so enter the ``with`` block at once.
    """

    path: str
    """The target, an absolute path."""
    temporary: str | None
    """The temporary file's name, until it replaces the target or is removed; None
    while it has none (``O_TMPFILE``)."""
    stream: _S
    """The open temporary file."""

    def __init__(self, path: str, temporary: str | None, stream: _S) -> None:
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
            if self.temporary is None:
                self.temporary = _name(self.stream.fileno(), self.path)
            self.stream.close()
            os.replace(self.temporary, self.path)
        except BaseException:
            self._discard()
            raise
        _sync_folder(os.path.dirname(self.path))

    def _discard(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()  # an unnamed temporary file goes with it
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                os.remove(self.temporary)


def _create(path: str | os.PathLike[str]) -> tuple[str, str | None, int]:
    """The target's absolute path, a new temporary file beside it (its name, or None
    if it has none), and its descriptor."""
    target = os.path.abspath(os.fspath(path))
    folder, base = os.path.split(target)
    try:
        kept: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:  # no such file yet: the new file's usual mode
        kept = None
    mode = 0o600 if kept is not None else _NEW_FILE_MODE
    temporary: str | None = None
    descriptor = _unnamed(folder, mode)
    if descriptor is None:
        temporary, descriptor = _named(folder, base, mode)
    if kept is not None:
        try:
            os.fchmod(descriptor, kept)
        except OSError:
            os.close(descriptor)
            if temporary is not None:
                os.remove(temporary)
            raise
    return target, temporary, descriptor


def _unnamed(folder: str, mode: int) -> int | None:
    """A new file without a name in *folder*, or None where the system cannot make one."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir(_PROC_FDS):
        return None
    try:
        return os.open(folder, flag | os.O_RDWR | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as error:
        if error.errno in _NO_TMPFILE:
            return None
        raise


def _named(folder: str, base: str, mode: int) -> tuple[str, int]:
    """A new file named ``.BASE.XXXXXXXX.tmp`` in *folder*: its name and descriptor."""
    for _ in range(_ATTEMPTS):  # a name taken by a leftover of another run: draw again
        temporary = os.path.join(folder, _temporary_name(base))
        with contextlib.suppress(FileExistsError):
            return temporary, os.open(temporary, _FLAGS, mode)
    raise FileExistsError(f"no free temporary name in {folder}")  # pragma: no cover


def _name(descriptor: int, target: str) -> str:
    """Give the unnamed file open on *descriptor* a temporary name beside *target*
    (a link through ``/proc/self/fd``; where the system refuses it, a named copy)."""
    folder, base = os.path.split(target)
    directory = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for _ in range(_ATTEMPTS):
            name = _temporary_name(base)
            try:  # a directory descriptor makes os.link call linkat, which follows the link
                os.link(
                    f"{_PROC_FDS}/{descriptor}", name, dst_dir_fd=directory, follow_symlinks=True
                )
            except FileExistsError:
                continue
            except OSError:
                return _copy(descriptor, folder, base)
            return os.path.join(folder, name)
        raise FileExistsError(f"no free temporary name in {folder}")  # pragma: no cover
    finally:
        os.close(directory)


def _temporary_name(base: str) -> str:
    """``.BASE.XXXXXXXX.tmp``: 32 random bits, so that a name drawn again is taken by
    a leftover of another run (at most one in four billion)."""
    return f".{base}.{secrets.token_hex(4)}.tmp"


def _copy(descriptor: int, folder: str, base: str) -> str:
    """A named temporary file with the content of the unnamed one on *descriptor*."""
    temporary, copy = _named(folder, base, stat.S_IMODE(os.fstat(descriptor).st_mode))
    try:
        offset = 0
        while chunk := os.pread(descriptor, 1 << 20, offset):
            os.write(copy, chunk)
            offset += len(chunk)
        os.fsync(copy)
    except BaseException:
        os.close(copy)
        os.remove(temporary)
        raise
    os.close(copy)
    return temporary


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
