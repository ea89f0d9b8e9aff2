"""What the preview shows now: the last good web page, PDF and page images, the check panel, and
the problems of the latest attempt, each change numbered so that a browser can ask for what is new."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Snapshot:
    """``version`` grows with every change; ``web_version``, ``pdf_version`` and ``check_version``
    with each part's own, so that the browser fetches only the part that changed. ``problems`` are
    the lines the CLI would print for the latest attempt (none when it succeeded); ``web`` and
    ``pdf`` stay the last good ones beneath them."""

    version: int = 0
    title: str = ""
    layout: str = ""
    problems: tuple[str, ...] = ()
    busy: bool = True
    web: bytes | None = None
    web_version: int = 0
    pdf: bytes | None = None
    pages: tuple[bytes, ...] = ()
    pdf_version: int = 0
    check: str = ""
    check_version: int = 0
    stopped: bool = field(default=False, compare=False)

    def as_json(self) -> dict:
        return {
            "version": self.version, "title": self.title, "layout": self.layout, "problems": list(self.problems), "busy": self.busy,
            "web_version": self.web_version if self.web is not None else 0,
            "pdf_version": self.pdf_version if self.pdf is not None else 0, "pages": len(self.pages),
            "check_version": self.check_version,
        }


class Board:
    """The current Snapshot, replaced whole under a lock; readers wait for a newer one."""

    def __init__(self) -> None:
        self._snapshot = Snapshot()
        self._changed = threading.Condition()

    @property
    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def publish(self, **changes) -> Snapshot:
        """A new snapshot with ``changes``; a part given anew gets its own next version."""
        with self._changed:
            now = self._snapshot
            version = now.version + 1
            for part in ("web", "pdf", "check"):
                if part in changes:
                    changes[f"{part}_version"] = version
            self._snapshot = replace(now, version=version, **changes)
            self._changed.notify_all()
            return self._snapshot

    def wait_newer(self, seen: int, timeout: float) -> Snapshot:
        """The snapshot once its version is past ``seen`` (or the board stopped), else after ``timeout`` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot.version > seen or self._snapshot.stopped, timeout)
            return self._snapshot

    def stop(self) -> None:
        with self._changed:
            self._snapshot = replace(self._snapshot, stopped=True)
            self._changed.notify_all()
