"""Without libharfbuzz-subset0 (a plain pip install on Debian or Ubuntu), WeasyPrint subsets fonts
with fontTools: the render goes on, says once what to install, and stays byte-reproducible."""

from __future__ import annotations

import json

import pytest

from noticekit import api
from noticekit.render.subsetting import fast_subsetting, subsetting_warning
from readback import pdf_fonts

pytestmark = pytest.mark.slow


def lose_harfbuzz_subset(monkeypatch) -> None:
    """As on a machine without the library: WeasyPrint finds no HarfBuzz-Subset, and neither does noticekit."""
    import weasyprint.pdf.fonts

    from noticekit.build import ledger

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.setattr(api, "fast_subsetting", lambda: False)
    monkeypatch.setattr(ledger, "fast_subsetting", lambda: False)


@pytest.fixture
def without_harfbuzz_subset(monkeypatch):
    lose_harfbuzz_subset(monkeypatch)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_this_machine_has_it():
    assert fast_subsetting(), "make demo installs libharfbuzz-subset0"


def test_without_it_pdfs_render_with_one_warning_and_the_same_bytes_each_time(workspace, tmp_path, without_harfbuzz_subset):
    import os

    first = api.render(["hampshire", "lancashire"], formats=["pdf"], out=tmp_path / "a", workspace=workspace)
    second = api.render(["hampshire", "lancashire"], formats=["pdf"], out=tmp_path / "b", workspace=workspace)
    assert len(first.written) == len(second.written) == 2
    for path in first.written:
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path
    assert first.warnings.count(subsetting_warning()) == 1
    assert subsetting_warning() == (
        "warning: libharfbuzz-subset0 is not installed, so WeasyPrint subsets fonts with fontTools, more slowly (the PDFs are as good, "
        "and the same on every run); install it for speed: sudo apt install libharfbuzz-subset0")
    assert "SOURCE_DATE_EPOCH" not in os.environ, "set only while a PDF is written"
    data = first.written[0].read_bytes()
    assert all(font["embedded"] for font in pdf_fonts(data))
    entry = json.loads((tmp_path / "a" / "manifest.json").read_text())["outputs"]["hampshire/children-in-need-1998.pdf"]
    assert entry["inputs"]["font_subsetting"] == "fonttools"


def test_fonttools_subsets_differently_so_the_manifest_tells_them_apart(workspace, tmp_path, monkeypatch):
    harfbuzz = api.render(["hampshire"], formats=["pdf"], out=tmp_path / "out", workspace=workspace)
    assert subsetting_warning() not in harfbuzz.warnings
    lose_harfbuzz_subset(monkeypatch)
    before = harfbuzz.written[0].read_bytes()
    again = api.render(["hampshire"], formats=["pdf"], out=tmp_path / "out", workspace=workspace)
    assert again.written == harfbuzz.written, "rendered again: the subsetter is an input"
    assert again.written[0].read_bytes() != before
