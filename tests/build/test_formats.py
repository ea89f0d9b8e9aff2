"""The builders of build/formats.py: what the PDF's identifier is derived from."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from noticekit import api
from noticekit.build.formats import portable
from noticekit.render.html import notice_html
from noticekit.render.pdf import file_url


@pytest.mark.parametrize("folder", ["plain", "a b&c'd \u00fc\u0175 (copy) #1 %20"])
def test_the_html_named_by_file_names_is_the_same_wherever_the_files_are(tmp_path, folder):
    """One HTML is built per PDF; the identifier's location-free copy is derived from it, and is
    exactly the page built with file names instead of URLs, even in a folder whose name HTML or
    URLs would escape."""
    root = tmp_path / folder
    for name in ("layouts", "fonts"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(REPO / "examples" / "profiles", root / "profiles")
    workspace = api.Workspace(root / "profiles", root / "layouts", root / "fonts")
    authority = api.load_authority(workspace, "exampleshire")
    layout = api.load_layout(workspace.layouts, "children-in-need")
    notice = api.notice_for(authority, layout)
    sheets = [workspace.fonts_css, *layout.stylesheets(api.products([], ["standard"])[0].variant)]
    html = notice_html(notice, [file_url(sheet) for sheet in sheets], file_url, "", True)
    assert "file:" in html and "file:" not in portable(html, [*sheets, notice.logo.path])
    assert portable(html, [*sheets, notice.logo.path]) == notice_html(notice, [sheet.name for sheet in sheets], lambda path: path.name, "", True)
