"""Talking to a running preview from tests: requests with any Host header, and waiting for the board."""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Callable

DEADLINE = 60.0  # seconds: a PDF on a busy machine, with every test beside it


def get(port: int, path: str = "/", host: str | None = "default", method: str = "GET") -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request; ``host`` None sends no Host header at all."""
    if host is None:
        return _raw(port, f"{method} {path} HTTP/1.0\r\n\r\n".encode())
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{port}" if host == "default" else host)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, {name.lower(): value for name, value in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def _raw(port: int, request: bytes) -> tuple[int, dict, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), {}, body


def wait_for(condition: Callable[[], object], what: str, deadline: float = DEADLINE):
    """``condition()``'s first true value, polled until ``deadline`` seconds have passed."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"waited {deadline:.0f} s for {what}")


def settled(board, deadline: float = DEADLINE):
    """The board's snapshot once a render has finished (the PDF drawn, or a problem shown)."""
    return wait_for(lambda: (snapshot := board.snapshot).version and not snapshot.busy and snapshot, "the preview to settle", deadline)


class Running:
    """`noticekit preview ARGS` as a process in ``cwd``: its address once it has printed it; stop() sends ``signal``."""

    def __init__(self, cwd, *args: str) -> None:
        import re
        import subprocess
        import sys

        self.process = subprocess.Popen([sys.executable, "-m", "noticekit", "preview", *args], cwd=cwd, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = _line_within(self.process.stdout, DEADLINE)
        found = re.fullmatch(r"Previewing \S+ at (http://127\.0\.0\.1:(\d+)/) \(press Ctrl-C to stop\)\n", line)
        if not found:
            self.process.kill()
            raise AssertionError(f"unexpected first line {line!r}; stderr: {self.process.stderr.read()}")
        self.url, self.port = found[1], int(found[2])

    def stop(self, signal_number: int) -> tuple[int, str]:
        """Sends the signal; (exit status, everything it printed on stderr)."""
        self.process.send_signal(signal_number)
        _, stderr = self.process.communicate(timeout=30)
        return self.process.returncode, stderr


def _line_within(stream, seconds: float) -> str:
    import selectors

    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(seconds):
            raise AssertionError(f"no line within {seconds:.0f} s")
    return stream.readline()
