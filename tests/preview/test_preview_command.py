"""`noticekit preview` as a user runs it: its address on one line, problems as one line each, and a
clean stop on Ctrl-C (or SIGTERM) that leaves no file behind."""

from __future__ import annotations

import json
import signal

import pytest

from conftest import files_under
from preview_client import Running, get, wait_for

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_it_serves_until_stopped_then_stops_cleanly(workspace_dir, stop):
    before = files_under(workspace_dir)
    running = Running(workspace_dir, "hampshire")
    state = wait_for(lambda: (answer := json.loads(get(running.port, "/state")[2]))["pdf_version"] and answer, "the first render")
    assert state["title"] == "Hampshire County Council" and state["problems"] == []
    status, stderr = running.stop(stop)
    assert status == 0, stderr
    assert stderr.splitlines()[-1] == "preview stopped"
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert files_under(workspace_dir) == before, "nothing written: no out/, no manifest"


@pytest.mark.parametrize(("args", "message"), [
    (["wales"], "unknown authority 'wales' (known in profiles: hampshire, lancashire)"),
    (["hampshire", "--variant", "booklett"], "unknown variant 'booklett'; use one of: standard, large-print, booklet"),
    (["hampshire", "--layout", "children-in-nede"], "unknown layout 'children-in-nede'; did you mean 'children-in-need'?"),
])
def test_a_wrong_argument_is_one_line_and_status_1(workspace_dir, cli, args, message):
    result = cli("preview", *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(message)


def test_a_port_out_of_range_is_a_usage_error(cli):
    result = cli("preview", "hampshire", "--port", "70000")
    assert result.exit_code == 2 and "Invalid value for '--port': Input should be less than or equal to 65535" in result.stderr


@pytest.mark.parametrize("wanted", [True, False], ids=["--open", "without --open"])
def test_open_opens_the_browser_and_nothing_else_does(workspace_dir, cli, monkeypatch, wanted):
    import webbrowser

    from noticekit.preview.service import Preview

    opened = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    monkeypatch.setattr(Preview, "run", lambda self, started: (started(self.url), self.close()))
    result = cli("preview", "hampshire", *(["--open"] if wanted else []))
    assert result.exit_code == 0, result.stderr
    url = result.stdout.split(" at ")[1].split(" ")[0]
    assert opened == ([url] if wanted else [])
