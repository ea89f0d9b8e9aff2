"""The running preview: the server, the renderer and the watcher, started together and stopped
together (Ctrl-C, or SIGTERM), leaving nothing behind: a preview writes no file."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Self

from noticekit.preview.server import PreviewServer
from noticekit.preview.session import Session
from noticekit.preview.watch import Renderer, Watcher

JOIN_SECONDS = 5.0  # a PDF being drawn when the preview stops is waited for this long at most


class Preview:
    def __init__(self, session: Session, port: int = 0) -> None:
        self.session = session
        self.stopping = threading.Event()
        self.server = PreviewServer(session, port)  # binds now: a port in use fails before anything starts
        self.renderer = Renderer(session, self.stopping)
        workspace = session.workspace
        self.watcher = Watcher([workspace.profiles, workspace.layouts, workspace.fonts], self.renderer, workspace.fonts, self.stopping)
        self._serving = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                         name="noticekit-preview-server", daemon=True)

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> Self:
        self.watcher.start()
        self.watcher.ready.wait(JOIN_SECONDS)
        self.renderer.start()
        self._serving.start()
        return self

    def run(self, started: Callable[[str], None] = lambda url: None) -> None:
        """Start, call ``started`` with the address, and serve until Ctrl-C or SIGTERM; then stop."""
        main = threading.current_thread() is threading.main_thread()  # only it may set a signal handler
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: self.stopping.set()) if main else None
        try:
            self.start()
            started(self.url)
            while not self.stopping.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            self.close()
            if main:
                signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)

    def close(self) -> None:
        self.stopping.set()
        self.session.board.stop()
        if self._serving.is_alive():
            self.server.shutdown()
        self.server.server_close()
        for thread in (self.renderer, self.watcher):
            if thread.is_alive():
                thread.join(JOIN_SECONDS)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

