"""The preview's server: loopback only, this machine's Host only, the preview's own addresses only,
nothing but GET and HEAD, and every answer made in memory."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from conftest import files_under
from noticekit import api
from noticekit.errors import NoticekitError
from noticekit.preview.server import host_allowed
from preview_client import get, settled

pytestmark = pytest.mark.slow


def listening_addresses(port: int) -> list[str]:
    """The local addresses of every socket listening on ``port``, as the kernel lists them."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]) if len(address) == 8 else address)
    return found


def test_it_listens_on_loopback_only(live):
    assert live.server.server_address[0] == "127.0.0.1"
    assert listening_addresses(live.server.port) == ["127.0.0.1"]
    assert live.url == f"http://127.0.0.1:{live.server.port}/"


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "127.0.0.1", "localhost"])
def test_it_answers_this_machine_by_name(live, host):
    status, headers, body = get(live.server.port, "/", host.format(port=live.server.port))
    assert status == 200 and b"<title>Preview: hampshire" in body
    assert "script-src 'self'" in headers["content-security-policy"] and headers["cache-control"] == "no-store"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost:1",
                                  "localhost.:{port}", "[::1]:{port}", "0.0.0.0:{port}", ""])
def test_a_foreign_host_is_refused(live, host):
    """DNS rebinding: a page at evil.example whose name now points at 127.0.0.1 still sends Host: evil.example."""
    status, _, body = get(live.server.port, "/state", host.format(port=live.server.port))
    assert status == 403 and b"Hampshire" not in body
    assert b"answers only at http://127.0.0.1:" in body


def test_a_request_without_a_host_is_refused(live):
    status, _, body = get(live.server.port, "/state", host=None)
    assert status == 403 and b"Hampshire" not in body


@pytest.mark.parametrize("path", [
    "/profiles/hampshire.toml", "/../profiles/hampshire.toml", "/%2e%2e/profiles/hampshire.toml", "/web/../../profiles/hampshire.toml",
    "/layouts/children-in-need/notice.xml.j2", "/fonts/fonts.css", "/etc/passwd", "/shell.html.j2", "/templates/preview.js",
    "//etc/passwd", "/pages/0.png", "/pages/99.png", "/pages/1.png/../../x", "/pages/-1.png", "/pages/01.png", "/out/", "/index.html", "/web/",
])
def test_nothing_outside_the_preview_is_served(live, path):
    status, _, body = get(live.server.port, path)
    assert status == 404 and body == b"not part of the preview\n" or (status == 404 and body == b"no such page\n")


@pytest.mark.parametrize("target", ["http://127.0.0.1/", "*", "state"])
def test_a_request_target_that_is_not_a_path_is_refused(live, target):
    assert get(live.server.port, target)[0] == 400


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_it_accepts_no_changes(live, workspace, method):
    before = files_under(workspace.profiles.parent)
    status, headers, _ = get(live.server.port, "/web", method=method)
    assert status == 405 and headers["allow"] == "GET, HEAD"
    assert files_under(workspace.profiles.parent) == before


def test_its_own_addresses_serve_the_render(live):
    port, snapshot = live.server.port, live.session.board.snapshot
    state = json.loads(get(port, "/state")[2])
    assert state["title"] == "Hampshire County Council" and state["pages"] == len(snapshot.pages) > 0
    status, headers, web = get(port, f"/web?v={state['web_version']}")
    assert status == 200 and web == snapshot.web and headers["content-security-policy"].startswith("default-src 'none'")
    assert get(port, "/notice.pdf")[2] == snapshot.pdf
    assert get(port, "/pages/1.png")[1]["content-type"] == "image/png"
    assert get(port, "/check")[2].decode() == snapshot.check
    assert get(port, "/preview.js")[1]["content-type"].startswith("text/javascript")
    assert get(port, "/", method="HEAD")[2] == b""


def test_a_port_in_use_is_one_line(live, workspace):
    with pytest.raises(NoticekitError) as raised:
        api.preview("hampshire", workspace=workspace, port=live.server.port)
    assert raised.value.lines == (f"--port {live.server.port}: already in use on 127.0.0.1; choose another port, or leave --port out for a free one",)


def test_a_preview_writes_no_file(workspace):
    before = files_under(workspace.profiles.parent)
    with api.preview("hampshire", workspace=workspace) as preview:
        settled(preview.session.board)
        get(preview.server.port, "/notice.pdf")
    assert files_under(workspace.profiles.parent) == before


@pytest.mark.parametrize(("host", "allowed"), [("localhost:8000", True), ("localhost:8001", False), ("localhost:", True),
                                               ("127.0.0.1:8000:8000", False), (" 127.0.0.1:8000", True), (None, False)])
def test_host_allowed(host, allowed):
    assert host_allowed(host, 8000) is allowed


def test_a_browser_going_away_is_quiet_and_a_bug_is_one_line(live, capsys):
    reported = []
    live.session.report = reported.append
    for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset"), RuntimeError("boom")):
        try:
            raise error
        except (OSError, RuntimeError):
            live.server.handle_error(None, ("127.0.0.1", 1))
    assert reported == ["noticekit: internal error (RuntimeError: boom); please report it with the command you ran"]
    assert capsys.readouterr().err == ""
