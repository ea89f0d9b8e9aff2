"""build/files.py: atomic writes and a guarded join that never leaves the output folder."""

from __future__ import annotations

import os

import pytest

from noticekit.build.files import safe_join, write_atomic
from noticekit.errors import OutputError


def test_write_atomic_creates_folders_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out" / "x" / "notice.bin"
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(target.parent) == ["notice.bin"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def test_a_read_only_folder_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "notice.bin"
    target.write_bytes(b"old good copy")

    def read_only(*args, **kwargs):  # what os.open does in a folder the user may not write to
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(os, "link", read_only)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new")
    assert caught.value.lines == ("notice.bin: cannot be written (Permission denied); check the output folder and free space",)
    assert target.read_bytes() == b"old good copy"


def test_a_write_error_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blocker").write_text("a file where a folder should be")
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "blocker" / "notice.bin", b"new")
    assert caught.value.lines == ("blocker/notice.bin: cannot be written (File exists); check the output folder and free space",)


def test_interrupted_write_removes_its_temporary(tmp_path, monkeypatch):
    target = tmp_path / "notice.bin"
    target.write_bytes(b"old")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OutputError, match=r"cannot be written \(No space left on device\)"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["notice.bin"]


@pytest.mark.parametrize("parts", [("..", "x.pdf"), ("/etc", "x.pdf"), ("a", "..", "..", "x.pdf")])
def test_safe_join_refuses_to_leave_the_folder(tmp_path, parts):
    with pytest.raises(OutputError, match="would be written outside the output folder"):
        safe_join(tmp_path / "out", *parts)


def test_safe_join_refuses_a_symlink_out(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "hampshire").symlink_to(tmp_path)
    with pytest.raises(OutputError):
        safe_join(tmp_path / "out", "hampshire", "x.pdf")
    assert safe_join(tmp_path / "out", "lancashire", "x.pdf") == tmp_path / "out" / "lancashire" / "x.pdf"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_a_second_writer_is_refused(tmp_path, monkeypatch):
    from noticekit.build.files import locked

    monkeypatch.chdir(tmp_path)
    with locked(tmp_path / "out"):
        with pytest.raises(OutputError) as caught:
            with locked(tmp_path / "out"):
                pass
    assert caught.value.lines == ("out: another noticekit render is writing here; wait for it to finish, or use another --out folder",)
    with locked(tmp_path / "out"):
        pass


def test_the_data_is_named_only_when_complete(tmp_path, monkeypatch):
    """While bytes are being written, no file exists under any name in the folder."""
    seen = []
    real_write = os.write

    def watching_write(descriptor, data):
        seen.append(sorted(os.listdir(tmp_path)))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", watching_write)
    write_atomic(tmp_path / "notice.bin", b"x" * 100_000)
    assert seen and all(listing == [] for listing in seen)
    assert os.listdir(tmp_path) == ["notice.bin"]


def test_without_o_tmpfile_a_named_temporary_is_used(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "O_TMPFILE")
    write_atomic(tmp_path / "notice.bin", b"data")
    assert (tmp_path / "notice.bin").read_bytes() == b"data"
    assert os.listdir(tmp_path) == ["notice.bin"]


def test_sweep_removes_only_our_temporaries(tmp_path):
    from noticekit.build.files import sweep_temporaries

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".notice.bin.0123abcd.tmp").write_bytes(b"left by a killed run")
    (tmp_path / "a" / "notice.bin").write_bytes(b"keep")
    (tmp_path / ".mine.tmp").write_bytes(b"keep: not our pattern")
    sweep_temporaries(tmp_path)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == [".mine.tmp", "a/notice.bin"]


def test_a_named_render_checks_every_destination_before_writing_anything(cli, workspace_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (workspace_dir / "out").mkdir()
    (workspace_dir / "out" / "lancashire").symlink_to(outside)
    result = cli("render", "hampshire", "lancashire")
    assert (result.exit_code, result.stderr) == (
        1, "out/lancashire/children-in-need-1998.pdf: would be written outside the output folder out\n")
    assert [path.name for path in (workspace_dir / "out").iterdir()] == ["lancashire"] and list(outside.iterdir()) == []
