"""build/manifest.py and build/provenance.py: what each output is, and what it was made from."""

from __future__ import annotations

import json

from noticekit.build.manifest import Entry, Manifest
from noticekit.build.provenance import Provenance, file_digest, folder_digest, inputs_digest


def entry_for(data: bytes, inputs: dict) -> Entry:
    import hashlib

    return Entry("x", "layout", "pdf", hashlib.sha256(data).hexdigest(), inputs_digest(inputs), inputs)


def test_round_trip_and_currency(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.pdf").write_bytes(b"pdf")
    manifest = Manifest(tmp_path, {})
    manifest.record("x/a.pdf", entry_for(b"pdf", {"profile": "1"}))
    manifest.save()
    loaded = Manifest.load(tmp_path)
    assert loaded.entries == manifest.entries
    assert loaded.is_current("x/a.pdf", {"profile": "1"})
    assert not loaded.is_current("x/a.pdf", {"profile": "2"})
    assert not loaded.is_current("x/b.pdf", {"profile": "1"})
    (tmp_path / "x" / "a.pdf").write_bytes(b"changed by hand")
    assert not loaded.is_current("x/a.pdf", {"profile": "1"})
    (tmp_path / "x" / "a.pdf").unlink()
    assert not loaded.is_current("x/a.pdf", {"profile": "1"})
    assert json.loads((tmp_path / "manifest.json").read_text())["manifest_version"] == 1


def test_unreadable_manifest_means_render_everything(tmp_path):
    (tmp_path / "manifest.json").write_text("{ not json")
    assert Manifest.load(tmp_path).entries == {}
    (tmp_path / "manifest.json").write_text('{"outputs": {"a": {"unexpected": 1}}}')
    assert Manifest.load(tmp_path).entries == {}
    assert Manifest.load(tmp_path / "absent").entries == {}


def test_folder_digest_sees_names_and_contents(tmp_path):
    (tmp_path / "a.css").write_text("x")
    first = folder_digest(tmp_path)
    (tmp_path / "a.css").write_text("y")
    second = folder_digest(tmp_path)
    (tmp_path / "a.css").rename(tmp_path / "b.css")
    assert len({first, second, folder_digest(tmp_path)}) == 3


def test_inputs_of_each_format(workspace):
    provenance = Provenance.of_batch(workspace.layouts / "children-in-need-1998", workspace.fonts, {"SOURCE_DATE_EPOCH": "5"})
    profile = file_digest(workspace.profiles / "hampshire.toml")
    pdf = provenance.of("pdf", profile)
    docx = provenance.of("docx", profile)
    assert set(pdf) == {"profile", "layout", "fonts", "noticekit", "weasyprint", "SOURCE_DATE_EPOCH"}
    assert set(docx) == {"profile", "layout", "noticekit", "python-docx", "SOURCE_DATE_EPOCH"}
    assert pdf["weasyprint"].startswith("70.") and pdf["SOURCE_DATE_EPOCH"] == "5"
    assert inputs_digest(pdf) != inputs_digest(docx)


def planted_manifests(out, outside):
    """Each kind of manifest a render must set aside: (name, how to plant it)."""
    import os

    deep = '{"outputs": ' + "[" * 100_000 + "]" * 100_000 + "}"
    return [
        ("deeply nested JSON", lambda: (out / "manifest.json").write_text(deep), "is damaged (not a manifest noticekit wrote)"),
        ("a link to /dev/zero", lambda: (out / "manifest.json").symlink_to("/dev/zero"), "is a symbolic link, not a file"),
        ("a link to a file outside", lambda: (out / "manifest.json").symlink_to(outside), "is a symbolic link, not a file"),
        ("a named pipe", lambda: os.mkfifo(out / "manifest.json"), "is a named pipe, not a file"),
        ("tens of megabytes", lambda: _sparse(out / "manifest.json", 40_000_000), "is too large (40.0 MB; at most 16.0 MB)"),
    ]


def test_a_planted_manifest_is_set_aside_with_one_warning_and_replaced(cli, workspace_dir, tmp_path):
    out = workspace_dir / "out"
    outside = tmp_path / "secret.json"
    outside.write_text('{"outputs": {}}')
    for name, plant, reason in planted_manifests(out, outside):
        out.mkdir(exist_ok=True)
        for path in out.iterdir():
            path.unlink() if not path.is_dir() or path.is_symlink() else None
        plant()
        result = cli("render", "hampshire", "--docx")
        assert result.exit_code == 0, (name, result.output)
        assert result.stderr.splitlines()[0] == f"warning: out/manifest.json: {reason}; it is replaced, and every output is rendered again", name
        manifest = out / "manifest.json"
        assert manifest.is_file() and not manifest.is_symlink(), name
        assert list(json.loads(manifest.read_text())["outputs"]) == ["hampshire/children-in-need-1998.docx"], name
        assert outside.read_text() == '{"outputs": {}}'  # never written through the link
        again = cli("render", "hampshire", "--docx")
        assert (again.exit_code, again.stdout) == (0, ""), name  # the next render trusts the new manifest


def test_bad_entries_and_gone_files_are_dropped_and_no_key_leads_out(cli, workspace_dir):
    assert cli("render", "hampshire", "lancashire", "--docx").exit_code == 0
    out = workspace_dir / "out"
    data = json.loads((out / "manifest.json").read_text())
    good = data["outputs"]["hampshire/children-in-need-1998.docx"]
    data["outputs"].update({
        "../../etc/passwd": good, "/etc/hostname": good, "hampshire/x.docx": {"authority": 1}, "hampshire/ok": "junk",
    })
    (out / "manifest.json").write_text(json.dumps(data))
    (out / "lancashire" / "children-in-need-1998.docx").unlink()
    result = cli("render", "hampshire", "lancashire", "--docx")
    assert result.exit_code == 0
    assert result.stdout == "out/lancashire/children-in-need-1998.docx\n"  # only the file that is gone
    assert "warning: out/manifest.json: 4 damaged entries dropped; their outputs are rendered again" in result.stderr
    assert sorted(json.loads((out / "manifest.json").read_text())["outputs"]) == [
        "hampshire/children-in-need-1998.docx", "lancashire/children-in-need-1998.docx"]


def test_a_folder_or_link_named_like_a_temporary_is_left_alone(cli, workspace_dir, tmp_path):
    out = workspace_dir / "out" / "hampshire"
    out.mkdir(parents=True)
    (out / ".children-in-need-1998.docx.0123abcd.tmp").mkdir()
    keep = tmp_path / "keep.txt"
    keep.write_text("mine")
    (out / ".x.0123abcd.tmp").symlink_to(keep)
    (out / ".y.0123abcd.tmp").write_bytes(b"a killed run's temporary")
    result = cli("render", "hampshire", "--docx")
    assert result.exit_code == 0, result.output
    assert (out / ".children-in-need-1998.docx.0123abcd.tmp").is_dir() and keep.read_text() == "mine"
    assert not (out / ".y.0123abcd.tmp").exists()


def _sparse(path, size: int) -> None:
    with open(path, "wb") as file:
        file.truncate(size)


def test_a_killed_run_is_replayed_from_the_journal(tmp_path):
    """Changes go to manifest.journal as they happen; a run killed before its final save leaves
    them there, and the next load replays them over manifest.json, in order."""
    (tmp_path / "x").mkdir()
    for name in ("a.bin", "b.bin"):
        (tmp_path / "x" / name).write_bytes(name.encode())
    first = Manifest(tmp_path, {})
    first.record("x/a.bin", entry_for(b"a.bin", {"profile": "1"}))
    first.save()
    assert not (tmp_path / "manifest.journal").exists(), "a saved manifest needs no journal"
    killed = Manifest.load(tmp_path)
    killed.forget(["x/a.bin"])
    killed.record("x/a.bin", entry_for(b"a.bin", {"profile": "2"}))
    killed.record("x/b.bin", entry_for(b"b.bin", {"profile": "2"}))  # ... and never saved
    assert len((tmp_path / "manifest.journal").read_text().splitlines()) == 3
    replayed = Manifest.load(tmp_path)
    assert replayed.entries == killed.entries and replayed.warnings == []
    assert replayed.is_current("x/a.bin", {"profile": "2"}) and replayed.is_current("x/b.bin", {"profile": "2"})


def test_a_line_cut_short_is_dropped_quietly_and_a_damaged_one_with_a_warning(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.bin").write_bytes(b"a")
    manifest = Manifest(tmp_path, {})
    manifest.record("x/a.bin", entry_for(b"a", {"profile": "1"}))
    journal = tmp_path / "manifest.journal"
    journal.write_bytes(journal.read_bytes() + b'{"record": "x/b.bin", "ent')  # killed mid-line
    assert Manifest.load(tmp_path).warnings == [] and list(Manifest.load(tmp_path).entries) == ["x/a.bin"]
    journal.write_bytes(b'{"record": "../../etc/passwd", "entry": {}}\n' + journal.read_bytes())
    loaded = Manifest.load(tmp_path)
    assert list(loaded.entries) == ["x/a.bin"]
    assert len(loaded.warnings) == 1
    assert loaded.warnings[0] == f"warning: {journal}: 1 damaged line dropped; their outputs are rendered again"


def test_a_batch_writes_the_manifest_once_and_a_no_op_not_at_all(workspace, tmp_path, monkeypatch):
    from noticekit import api
    from noticekit.build import manifest as module

    saves = []
    real = module.write_atomic
    monkeypatch.setattr(module, "write_atomic", lambda path, data: saves.append(path.name) or real(path, data))
    out = tmp_path / "out"
    api.render(["hampshire", "lancashire"], formats=["docx"], out=out, workspace=workspace, keep_going=True)
    assert saves == ["manifest.json"] and not (out / "manifest.journal").exists()
    written = (out / "manifest.json").stat().st_mtime_ns
    api.render(["hampshire", "lancashire"], formats=["docx"], out=out, workspace=workspace, keep_going=True)
    assert saves == ["manifest.json"] and (out / "manifest.json").stat().st_mtime_ns == written


def test_a_killed_runs_journal_is_folded_into_the_manifest_by_the_next_run(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.bin").write_bytes(b"a")
    Manifest(tmp_path, {}).record("x/a.bin", entry_for(b"a", {"profile": "1"}))  # killed before its save
    nothing_new = Manifest.load(tmp_path)
    nothing_new.save()
    assert not (tmp_path / "manifest.journal").exists()
    assert list(json.loads((tmp_path / "manifest.json").read_text())["outputs"]) == ["x/a.bin"]


def test_a_journal_that_is_no_ordinary_file_is_one_line_and_never_a_hang(cli, workspace_dir):
    import os

    out = workspace_dir / "out"
    out.mkdir()
    os.mkfifo(out / "manifest.journal")  # opened for writing, a named pipe would wait for a reader forever
    result = cli("render", "hampshire", "--docx")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "out/manifest.journal: is not an ordinary file; remove it, then render again"
