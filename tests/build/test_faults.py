"""Faults: a killed batch, two batches at once, a full disk. Nothing truncated, nothing lost."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest
from test_batch import make_profiles

from noticekit.build.manifest import Manifest
from noticekit.build.provenance import file_digest

pytestmark = pytest.mark.slow


def start_batch(root: Path, *args: str) -> subprocess.Popen:
    environment = {**os.environ, "CI": "true"}
    environment.pop("NOTICEKIT_PROFILES", None)
    return subprocess.Popen(
        [sys.executable, "-m", "noticekit", "render", "--all", *args], cwd=root, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def finish(process: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    """Wait for a batch; its exit status and stderr (pipes closed)."""
    _, stderr = process.communicate(timeout=timeout)
    return process.returncode, stderr


def wait_for_outputs(root: Path, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(list((root / "out").glob("*/*.pdf"))) >= count:
            return
        time.sleep(0.02)
    raise AssertionError("the batch wrote too little")


def assert_consistent(out: Path) -> dict:
    """No temporary or truncated file, and every manifest entry describes its file exactly."""
    assert [p.name for p in out.rglob("*") if p.name.endswith(".tmp")] == []
    loaded = Manifest.load(out)  # manifest.json, and the journal of a run killed before it saved it whole
    assert loaded.warnings == []
    manifest = {key: asdict(entry) for key, entry in loaded.entries.items()}
    for key, entry in manifest.items():
        assert file_digest(out / key) == entry["sha256"], key
    for path in out.rglob("*.pdf"):
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
    return manifest


@pytest.fixture
def batch_root(tmp_path):
    make_profiles(tmp_path / "profiles", 40)
    return tmp_path


@pytest.mark.parametrize("after", [3, 12, 25])
def test_sigkill_mid_batch_leaves_no_partial_file_and_a_true_manifest(batch_root, after):
    process = start_batch(batch_root, "--jobs", "2")
    wait_for_outputs(batch_root, after)
    os.killpg(process.pid, signal.SIGKILL)
    assert finish(process)[0] == -signal.SIGKILL
    manifest = assert_consistent(batch_root / "out")
    assert manifest  # it recorded what was finished
    assert finish(start_batch(batch_root, "--jobs", "2"))[0] == 0
    assert len(assert_consistent(batch_root / "out")) == 80


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killing_only_the_parent_leaves_no_worker_and_the_next_render_works_at_once(batch_root, sig):
    """`kill PID` (or the out-of-memory killer) ends the parent alone: its workers must not keep
    the folder's lock, and must end with it."""
    process = start_batch(batch_root, "--jobs", "2")
    wait_for_outputs(batch_root, 2)
    workers = children_of(process.pid)
    assert len(workers) == 2
    os.kill(process.pid, sig)  # the parent only, not its process group
    assert finish(process)[0] == -sig
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
    assert_consistent(batch_root / "out")
    assert finish(start_batch(batch_root, "--jobs", "2"))[0] == 0
    assert len(assert_consistent(batch_root / "out")) == 80


def children_of(parent: int) -> list[int]:
    """The processes whose parent is ``parent``, read from /proc (a bare machine has no pgrep)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def test_a_second_batch_into_the_same_folder_is_refused(batch_root):
    first = start_batch(batch_root, "--jobs", "1")
    wait_for_outputs(batch_root, 1)
    assert finish(start_batch(batch_root, "--jobs", "1"), timeout=60) == (
        1, "out: another noticekit render is writing here; wait for it to finish, or use another --out folder\n"
    )
    assert finish(first)[0] == 0
    assert len(assert_consistent(batch_root / "out")) == 80


def test_a_full_disk_keeps_the_previous_good_output(tmp_path, cli, workspace_dir, monkeypatch):
    assert cli("render", "--all", "--jobs", "1").exit_code == 0
    before = {p: p.read_bytes() for p in (workspace_dir / "out").rglob("*.*")}
    (workspace_dir / "profiles" / "hampshire.toml").write_text(
        (workspace_dir / "profiles" / "hampshire.toml").read_text().replace("www.hants.gov.uk", "www.hants.gov.uk/privacy")
    )

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    result = cli("render", "--all", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-3:-1] == [
        "0 rendered, 1 unchanged, 1 failed (use --force to render unchanged ones again)",
        "out/manifest.journal: cannot be written (No space left on device); check the output folder and free space",
    ]
    assert result.stderr.splitlines()[-1].startswith("warning: hampshire, lancashire: layout 'children-in-need-1998' cites")
    monkeypatch.undo()
    after = {p: p.read_bytes() for p in (workspace_dir / "out").rglob("*.*") if p.name != "manifest.json"}
    assert after == {p: data for p, data in before.items() if p.name != "manifest.json"}
    assert_consistent(workspace_dir / "out")


def test_ctrl_c_stops_a_batch_within_a_second_with_the_summary_so_far(batch_root):
    process = start_batch(batch_root, "--jobs", "2")
    wait_for_outputs(batch_root, 3)
    workers = children_of(process.pid)
    interrupted = time.monotonic()
    os.kill(process.pid, signal.SIGINT)  # as Ctrl-C does, to the parent (workers leave it to the parent)
    status, stderr = finish(process)
    assert time.monotonic() - interrupted < 1.5
    assert status == 130
    last = stderr.splitlines()[-1]
    summary = re.fullmatch(r"interrupted: (\d+) rendered, (\d+) not started", last)
    assert summary, stderr
    rendered, left = (int(number) for number in summary.groups())
    assert rendered >= 3 and rendered + left <= 40 and left > 0
    assert not any(_alive(pid) for pid in workers)
    assert len(assert_consistent(batch_root / "out")) >= 2 * rendered
    assert finish(start_batch(batch_root, "--jobs", "2"))[0] == 0
