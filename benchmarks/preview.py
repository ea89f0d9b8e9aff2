"""Preview benchmark: edit-to-update time of `noticekit preview`, measured in one run. Not a test.

    python benchmarks/preview.py [--edits 15]

Starts the real command on a copy of the repository's workspace (with the example council), then
saves an edit to the profile again and again, as an officer would. For each save it times, from
the moment the file is written:
  web: until the browser has the new web page (the server's event, then GET /web);
  pdf: until the browser has every new page image (the event, then GET /pages/N.png each).
The first update (WeasyPrint's import and first font load) is left out: the preview keeps one
warm renderer, so that is paid once, at start. Machines are shared and noisy: medians are quoted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"web": 0.5, "pdf": 1.5}  # seconds, the bar for this machine
CASES = [("exampleshire", "label = \"www.exampleshire.gov.uk/privacy\"", "today's notice, 6 pages"),
         ("hampshire", "label = \"www.hants.gov.uk\"", "the 1998 notice, 2 pages")]


def workspace(folder: Path) -> Path:
    for name in ("profiles", "layouts", "fonts"):
        shutil.copytree(REPO / name, folder / name)
    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, folder / "profiles" / path.name)
    return folder


class Follower(threading.Thread):
    """Reads the preview's server-sent events; ``arrived(part, version)`` waits for a part to pass a version."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.state, self.changed = port, {}, threading.Condition()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        connection.request("GET", "/events")
        answer = connection.getresponse()
        for line in answer:
            if line.startswith(b"data: "):
                with self.changed:
                    self.state = json.loads(line[6:])
                    self.changed.notify_all()

    def arrived(self, part: str, after: int) -> dict:
        with self.changed:
            if not self.changed.wait_for(lambda: self.state.get(part, 0) > after, timeout=60):
                raise SystemExit(f"no new {part} within 60 s: {self.state}")
            return dict(self.state)


def fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
    body = connection.getresponse().read()
    connection.close()
    return body


def measure(folder: Path, slug: str, line: str, edits: int) -> tuple[list[float], list[float]]:
    process = subprocess.Popen([sys.executable, "-m", "noticekit", "preview", slug], cwd=folder, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        port = int(process.stdout.readline().split("127.0.0.1:")[1].split("/")[0])
        follower = Follower(port)
        follower.start()
        state = follower.arrived("pdf_version", 0)  # the first render: WeasyPrint imported, fonts loaded
        profile = folder / "profiles" / f"{slug}.toml"
        original = profile.read_text("utf-8")
        web, pdf = [], []
        for edit in range(edits):
            started = time.perf_counter()
            profile.write_text(original.replace(line, line[:-1] + f"/edit-{edit}\""), "utf-8")
            state = follower.arrived("web_version", state["web_version"])
            fetch(port, f"/web?v={state['web_version']}")
            web.append(time.perf_counter() - started)
            state = follower.arrived("pdf_version", state["pdf_version"])
            for number in range(1, state["pages"] + 1):
                fetch(port, f"/pages/{number}.png?v={state['pdf_version']}")
            pdf.append(time.perf_counter() - started)
            time.sleep(0.3)  # an officer's pause between saves
        return web, pdf
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    edits = parser.parse_args().edits
    with tempfile.TemporaryDirectory() as temporary:
        folder = workspace(Path(temporary))
        print(f"edit-to-update, median of {edits} saves (min-max), targets: web page {TARGETS['web']} s, PDF pages {TARGETS['pdf']} s")
        for slug, line, what in CASES:
            web, pdf = measure(folder, slug, line, edits)
            print(f"  {slug} ({what}):  web page {statistics.median(web):.2f} s ({min(web):.2f}-{max(web):.2f}),"
                  f"  PDF pages {statistics.median(pdf):.2f} s ({min(pdf):.2f}-{max(pdf):.2f})")


if __name__ == "__main__":
    main()
