"""The preview's HTTP server: the standard library's, on 127.0.0.1 only, answering GET and HEAD for
a fixed set of addresses, all of them made in memory (no file is ever served by its name), and
only to requests whose Host is this machine (a web page elsewhere cannot reach it by DNS
rebinding). Server-sent events tell the browser when something changed."""

from __future__ import annotations

import errno
import json
import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import urlsplit

from noticekit.errors import NoticekitError
from noticekit.preview.panel import templates
from noticekit.preview.session import Session
from noticekit.problems import internal_error, one_line

LOOPBACK = "127.0.0.1"
HOST_NAMES = ("localhost", LOOPBACK)
KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream (so a dead browser is noticed)
PAGE = re.compile(r"/pages/([1-9][0-9]{0,2})\.png")
ASSETS = {"/preview.js": "text/javascript; charset=utf-8", "/preview.css": "text/css; charset=utf-8"}
COMMON_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
SHELL_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
# The web page is `render --html`'s bytes: its CSS inline, its logo a data: URL, no script.
WEB_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
FRAGMENT_POLICY = "default-src 'none'; frame-ancestors 'none'"


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = False  # a second preview on the same --port fails, never shares it

    def __init__(self, session: Session, port: int) -> None:
        self.session = session
        try:
            super().__init__((LOOPBACK, port), Handler)
        except OSError as error:
            raise NoticekitError(_bind_problem(port, error)) from None

    @property
    def port(self) -> int:
        return self.server_address[1]

    def handle_error(self, request, client_address) -> None:
        """A browser that goes away mid-answer is nothing to report; anything else is a bug, said in
        one line where the preview reports its renders (never a traceback on the terminal)."""
        error = sys.exc_info()[1]
        if not isinstance(error, (BrokenPipeError, ConnectionResetError, TimeoutError)):
            self.session.report(one_line(internal_error(error)))

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"


def _bind_problem(port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"--port {port}: already in use on {LOOPBACK}; choose another port, or leave --port out for a free one"
    if error.errno == errno.EACCES:
        return f"--port {port}: this user may not listen on it (ports below 1024 need root); choose a port from 1024 to 65535"
    return f"--port {port}: cannot listen on {LOOPBACK} ({error.strerror or error}); choose another port"


def host_allowed(host: str | None, port: int) -> bool:
    """The Host header names this machine by loopback name, with our port or none."""
    if not host:
        return False
    name, _, given = host.strip().partition(":")
    return name.lower() in HOST_NAMES and given in ("", str(port))


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "noticekit-preview"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _not_allowed(self) -> None:
        self._body = True
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"the preview only shows; it accepts no changes\n", "text/plain; charset=utf-8",
                   extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows renders, not every request."""

    def _answer(self, body: bool) -> None:
        self._body = body
        if not host_allowed(self.headers.get("Host"), self.server.port):
            self._send(HTTPStatus.FORBIDDEN, f"noticekit preview answers only at {self.server.url}\n".encode(), "text/plain; charset=utf-8")
            return
        if not self.path.startswith("/") or self.path.startswith("//"):
            self._send(HTTPStatus.BAD_REQUEST, b"bad request\n", "text/plain; charset=utf-8")
            return
        path = urlsplit(self.path).path
        route = ROUTES.get(path)
        if route:
            route(self)
        elif found := PAGE.fullmatch(path):
            self._page(int(found[1]))
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not part of the preview\n", "text/plain; charset=utf-8")

    def _shell(self) -> None:
        session = self.server.session
        page = templates().get_template("shell.html.j2").render(
            slug=session.slug, layout=session.layout_name or "the profile's own layout", variant=session.variant.name)
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8", SHELL_POLICY)

    def _asset(self) -> None:
        path = urlsplit(self.path).path
        data = resources.files("noticekit.preview").joinpath("templates", path.lstrip("/")).read_bytes()
        self._send(HTTPStatus.OK, data, ASSETS[path])

    def _state(self) -> None:
        self._send(HTTPStatus.OK, json.dumps(self.server.session.board.snapshot.as_json()).encode(), "application/json")

    def _web(self) -> None:
        web = self.server.session.board.snapshot.web
        if web is None:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"not rendered yet\n", "text/plain; charset=utf-8")
        else:
            self._send(HTTPStatus.OK, web, "text/html; charset=utf-8", WEB_POLICY)

    def _check(self) -> None:
        self._send(HTTPStatus.OK, self.server.session.board.snapshot.check.encode("utf-8"), "text/html; charset=utf-8", FRAGMENT_POLICY)

    def _pdf(self) -> None:
        pdf = self.server.session.board.snapshot.pdf
        if pdf is None:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"not rendered yet\n", "text/plain; charset=utf-8")
        else:
            self._send(HTTPStatus.OK, pdf, "application/pdf", extra={"Content-Disposition": f'inline; filename="{self.server.session.slug}.pdf"'})

    def _page(self, number: int) -> None:
        pages = self.server.session.board.snapshot.pages
        if number > len(pages):
            self._send(HTTPStatus.NOT_FOUND, b"no such page\n", "text/plain; charset=utf-8")
        else:
            self._send(HTTPStatus.OK, pages[number - 1], "image/png")

    def _events(self) -> None:
        """Server-sent events: the state now, then each newer one, until the browser or the preview goes."""
        self.send_response(HTTPStatus.OK)
        self._headers({"Content-Type": "text/event-stream; charset=utf-8", "Connection": "close"})
        if not self._body:
            return
        board, seen = self.server.session.board, -1
        try:
            while True:
                snapshot = board.wait_newer(seen, KEEP_ALIVE)
                if snapshot.stopped:
                    return
                if snapshot.version > seen:
                    seen = snapshot.version
                    self.wfile.write(f"id: {seen}\nevent: update\ndata: {json.dumps(snapshot.as_json())}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the tab was closed
            return

    def _send(self, status: HTTPStatus, data: bytes, kind: str, policy: str = FRAGMENT_POLICY, extra: dict | None = None) -> None:
        self.send_response(status)
        self._headers({"Content-Type": kind, "Content-Length": str(len(data)), "Content-Security-Policy": policy, **(extra or {})})
        if self._body:
            self.wfile.write(data)

    def _headers(self, headers: dict) -> None:
        for name, value in {**COMMON_HEADERS, **headers}.items():
            self.send_header(name, value)
        self.end_headers()


ROUTES = {
    "/": Handler._shell,
    "/preview.js": Handler._asset,
    "/preview.css": Handler._asset,
    "/state": Handler._state,
    "/events": Handler._events,
    "/web": Handler._web,
    "/check": Handler._check,
    "/notice.pdf": Handler._pdf,
}
