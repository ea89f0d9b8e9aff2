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
