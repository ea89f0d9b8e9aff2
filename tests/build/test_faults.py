"""Faults: a killed batch, two batches at once, a full disk. Nothing truncated, nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import make_profiles

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
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]
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
        "out/manifest.json: cannot be written (No space left on device); check the output folder and free space",
    ]
    assert result.stderr.splitlines()[-1].startswith("warning: hampshire, lancashire: layout 'children-in-need-1998' cites")
    monkeypatch.undo()
    after = {p: p.read_bytes() for p in (workspace_dir / "out").rglob("*.*") if p.name != "manifest.json"}
    assert after == {p: data for p, data in before.items() if p.name != "manifest.json"}
    assert_consistent(workspace_dir / "out")
