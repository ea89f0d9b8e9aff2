"""Shared fixtures: small workspaces in tmp_path, the CLI runner, and readers of real output."""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def workspace_dir(tmp_path, monkeypatch) -> Path:
    """A copy of the repository's profiles/, layouts/ and fonts/ as the current folder."""
    root = tmp_path / "ws"
    for name in ("profiles", "layouts", "fonts"):
        shutil.copytree(REPO / name, root / name)
    monkeypatch.chdir(root)
    monkeypatch.delenv("NOTICEKIT_PROFILES", raising=False)
    return root


@pytest.fixture
def workspace(workspace_dir):
    from noticekit.workspace import Workspace

    return Workspace.discover(workspace_dir)


@pytest.fixture
def cli():
    """invoke("render", "hampshire") -> typer Result (stdout, stderr, exit_code)."""
    from noticekit.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), prog_name="noticekit")


@pytest.fixture
def live(workspace):
    """A running preview of hampshire in the workspace copy, its first render finished."""
    from noticekit import api
    from preview_client import settled

    with api.preview("hampshire", workspace=workspace) as preview:
        settled(preview.session.board)
        yield preview


def write_profile(folder: Path, slug: str, text: str) -> Path:
    path = folder / "profiles" / f"{slug}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


class CountingServer:
    """A loopback HTTP server that counts the requests it receives."""

    def __init__(self):
        self.requests = 0
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                owner.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/evil.css"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()



# Property tests: a few dozen examples while developing, a few hundred in CI.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("dev", max_examples=30, deadline=None)
_hypothesis_settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
_hypothesis_settings.load_profile("ci" if __import__("os").environ.get("CI") else "dev")


# Every PDF the suite wrote must pass `qpdf --check` and carry no attachment; every DOCX it wrote
# must open in LibreOffice. Checked once, at the end of a full run, on each distinct file.
def pytest_sessionfinish(session, exitstatus):
    if exitstatus != 0 or "not slow" in (session.config.option.markexpr or "") or session.config.option.keyword:
        return
    import output_check

    problems = output_check.check_folder(session.config._tmp_path_factory.getbasetemp())
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_sep("=", f"{len(problems)} output file(s) failed the final check", red=True)
        for line in problems:
            reporter.write_line(line)
        session.exitstatus = 1
