"""Two threads behind the preview: one watches the input folders (watchfiles: inotify, no polling),
the other renders when a file the notice was built from changes, the web page before the PDF."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from noticekit.preview.session import Session
from noticekit.render.pdf import forget_fonts

STEP_MS = 30  # changes are handed over this long after the last one (an editor's save is several)
DEBOUNCE_MS = 300  # at most this long, while changes keep coming


class Renderer(threading.Thread):
    """Renders once at start, then each time it is asked; a request while the web page renders
    makes it start again rather than spend a second on a PDF already out of date."""

    def __init__(self, session: Session, stop: threading.Event) -> None:
        super().__init__(name="noticekit-preview-renderer", daemon=True)
        self.session, self.stop = session, stop
        self.wanted = threading.Event()
        self.wanted.set()
        self._fonts_changed = False

    def request(self, fonts_changed: bool = False) -> None:
        self._fonts_changed |= fonts_changed
        self.wanted.set()

    def run(self) -> None:
        while not self.stop.is_set():
            if not self.wanted.wait(0.2):
                continue
            self.wanted.clear()
            if self._fonts_changed:  # a new font configuration, once, for the new fonts
                self._fonts_changed = False
                forget_fonts()
            loaded = self.session.render_web()
            if loaded is not None and not self.wanted.is_set() and not self.stop.is_set():
                self.session.render_pdf(loaded)


class Watcher(threading.Thread):
    """Watches ``roots``; a change to a file the last render read (Session.inputs) asks ``renderer`` again."""

    def __init__(self, roots: Sequence[Path], renderer: Renderer, fonts: Path, stop: threading.Event) -> None:
        super().__init__(name="noticekit-preview-watcher", daemon=True)
        self.roots = [root for root in dict.fromkeys(root.resolve() for root in roots) if root.is_dir()]
        self.renderer, self.fonts, self.stop = renderer, fonts.resolve(), stop
        self.ready = threading.Event()

    def run(self) -> None:
        import watchfiles

        self.ready.set()
        changes = watchfiles.watch(*self.roots, step=STEP_MS, debounce=DEBOUNCE_MS, stop_event=self.stop, raise_interrupt=False)
        for batch in changes:
            paths = [Path(path) for _, path in batch]
            if any(self.renderer.session.inputs.concern(path) for path in paths):
                self.renderer.request(fonts_changed=any(path.is_relative_to(self.fonts) for path in paths))
