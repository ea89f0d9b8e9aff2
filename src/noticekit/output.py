"""The one module that writes files: atomically, and never outside the output folder."""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
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
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        reason = error.strerror or str(error)
        raise OutputError(f"{display_path(path)}: cannot be written ({reason}); check the output folder and free space") from None


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold ``folder`` (created if need be) for one writer; a second one is refused, not queued."""
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
    try:
        yield
    finally:
        os.close(descriptor)
