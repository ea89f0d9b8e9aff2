"""The preview's board: numbered snapshots, each part with its own version, and readers that wait."""

from __future__ import annotations

import threading
import time

from noticekit.preview.state import Board


def test_each_part_gets_the_version_it_changed_in():
    board = Board()
    board.publish(web=b"<p>one</p>", title="Hampshire County Council")
    board.publish(check="<h2>Check</h2>")
    snapshot = board.publish(problems=("profiles/x.toml: name: required",))
    assert (snapshot.version, snapshot.web_version, snapshot.check_version, snapshot.pdf_version) == (3, 1, 2, 0)
    assert snapshot.web == b"<p>one</p>", "a problem leaves the last good web page in place"
    assert snapshot.as_json()["problems"] == ["profiles/x.toml: name: required"]
    assert snapshot.as_json()["pdf_version"] == 0, "no PDF yet: nothing for the browser to fetch"


def test_a_reader_waits_for_a_newer_snapshot():
    board = Board()
    seen = board.publish(title="A").version
    threading.Timer(0.1, lambda: board.publish(title="B")).start()
    started = time.monotonic()
    snapshot = board.wait_newer(seen, timeout=10)
    assert snapshot.title == "B" and time.monotonic() - started < 5


def test_a_reader_gives_up_after_its_timeout_and_a_stop_wakes_it():
    board = Board()
    seen = board.publish(title="A").version
    assert board.wait_newer(seen, timeout=0.05).version == seen
    threading.Timer(0.1, board.stop).start()
    assert board.wait_newer(seen, timeout=10).stopped
