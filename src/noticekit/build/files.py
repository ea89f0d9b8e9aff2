"""The one module that writes files: atomically, and never outside the output folder."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import functools
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from noticekit.errors import OutputError
from noticekit.problems import display_path


def safe_join(root: Path, *parts: str) -> Path:
    """root/parts..., refusing any result that would land outside root (pelican's sanitised_join)."""
    path = root.joinpath(*parts)
    real_root = os.path.realpath(root)
    if os.path.commonpath([os.path.realpath(path), real_root]) != real_root:
        raise OutputError(f"{display_path(path)}: would be written outside the output folder {display_path(root)}")
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    The bytes go to a file that is given a name only once complete and on disk, then renamed over
    ``path``; a process killed while writing leaves nothing behind.
    """
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_then_name(temporary, data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        reason = error.strerror or str(error)
        raise OutputError(f"{display_path(path)}: cannot be written ({reason}); check the output folder and free space") from None


def append_line(path: Path, line: bytes) -> None:
    """Add one line to the end of ``path`` (created if need be, never through a link): a journal,
    whose last line a killed process may leave cut short, and whose readers drop such a line."""
    if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):  # said plainly, before opening fails otherwise
        raise _not_a_file(path)
    try:
        # never through a link; O_NONBLOCK: a named pipe planted under its name fails at once, not waits
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o666)
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # replaced between the look and the open
                raise _not_a_file(path)
            _write_all(descriptor, line + b"\n", sync=False)
        except OSError:
            if os.fstat(descriptor).st_size == 0:  # a journal this call created holds nothing: none is left
                path.unlink(missing_ok=True)
            raise
        finally:
            os.close(descriptor)
    except OSError as error:
        raise OutputError(f"{display_path(path)}: cannot be written ({error.strerror or error}); check the output folder and free space") from None


def _not_a_file(path: Path) -> OutputError:
    return OutputError(f"{display_path(path)}: is not an ordinary file; remove it, then render again")


def sweep_temporaries(folder: Path) -> None:
    """Remove temporaries a killed run left in ``folder`` (call it only while holding the folder's
    lock): ordinary files named as noticekit names them, never a folder or a link of that name,
    and never following a link out of the folder."""
    for parent, _, names in os.walk(folder, followlinks=False):
        for name in names:
            path = Path(parent) / name
            if _TEMPORARY.fullmatch(name) and stat.S_ISREG(path.lstat().st_mode):
                path.unlink(missing_ok=True)


TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")
_AT_FDCWD, _AT_EMPTY_PATH = -100, 0x1000


def _write_then_name(temporary: Path, data: bytes) -> None:
    """Write an anonymous file (O_TMPFILE) and link it as ``temporary``; else a named file from the start."""
    try:
        descriptor = os.open(temporary.parent, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except (AttributeError, OSError):
        descriptor = None
    if descriptor is not None:
        try:
            _write_all(descriptor, data)
            if _link(descriptor, temporary):
                return
        finally:
            os.close(descriptor)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes, sync: bool = True) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]
    if sync:
        os.fsync(descriptor)


def _link(descriptor: int, name: Path) -> bool:
    """Give an O_TMPFILE file a name: linkat(AT_EMPTY_PATH), else through /proc; False if neither may."""
    if libc() is not None and libc().linkat(descriptor, b"", _AT_FDCWD, os.fsencode(name), _AT_EMPTY_PATH) == 0:
        return True
    try:
        os.link(f"/proc/self/fd/{descriptor}", name, follow_symlinks=True)
        return True
    except OSError:
        return False


@functools.cache
def libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold ``folder`` (created if need be) for one writer; a second one is refused, not queued."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{display_path(folder)}: is a file, not a folder; choose another --out folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise OutputError(f"{display_path(folder)}: cannot be created or opened ({error.strerror or error}); choose another --out folder") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise OutputError(f"{display_path(folder)}: another noticekit render is writing here; wait for it to finish, or use another --out folder") from None
    HELD_LOCKS.add(descriptor)
    try:
        yield
    finally:
        HELD_LOCKS.discard(descriptor)
        os.close(descriptor)


# The descriptors of the folders this process holds. A forked worker inherits them, and a lock
# lives while any process has it open: a worker closes its copies first thing (release_inherited_locks),
# so that a killed parent never leaves the folder locked by its workers.
HELD_LOCKS: set[int] = set()


def release_inherited_locks() -> None:
    """In a forked worker: close the copies of the parent's folder locks (the parent's stay held)."""
    for descriptor in list(HELD_LOCKS):
        with contextlib.suppress(OSError):
            os.close(descriptor)
    HELD_LOCKS.clear()
