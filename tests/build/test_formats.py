"""The builders of build/formats.py: what the PDF's identifier is derived from."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from noticekit import api
from noticekit.build.formats import data_url, portable, print_css, print_html
from noticekit.build.products import Options
from noticekit.render.html import notice_html


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
    html, files = print_html(notice, layout, workspace, authority)
    assert "file:" in html and "file:" not in portable(html, files)
    page = print_css(Options(), authority.profile.brand_colour)
    assert portable(html, files) == notice_html(notice, [path.name for path in files], lambda path: data_url(notice.logo), page, True)


def test_a_warm_worker_makes_the_same_bytes_as_a_fresh_one(workspace):
    """The images WeasyPrint keeps between documents (the QR codes, the logo) change nothing."""
    import subprocess
    import sys

    authority = api.load_authority(workspace, "hampshire")
    layout = api.load_layout(workspace.layouts, "children-in-need-1998")
    notice = api.notice_for(authority, layout)
    first, second = (api.build_pdf(notice, layout, workspace, authority) for _ in range(2))
    script = ("import sys; from noticekit import api; w = api.Workspace.discover(); a = api.load_authority(w, 'hampshire'); "
              "l = api.load_layout(w.layouts, 'children-in-need-1998'); sys.stdout.buffer.write(api.build_pdf(api.notice_for(a, l), l, w, a))")
    fresh = subprocess.run([sys.executable, "-c", script], cwd=workspace.profiles.parent, capture_output=True, check=True).stdout
    assert first == second == fresh


def test_every_format_draws_the_logo_bytes_that_were_checked(tmp_path):
    """The logo is read once, when the profile is loaded and checked; no backend reads the file
    again, so one swapped afterwards (for a named pipe, which would make a reader wait forever)
    changes nothing."""
    import base64
    import io
    import os

    import docx

    shutil.copytree(REPO / "examples" / "profiles", tmp_path / "profiles")
    workspace = api.Workspace(tmp_path / "profiles", REPO / "layouts", REPO / "fonts")
    authority = api.load_authority(workspace, "exampleshire")
    checked = (tmp_path / "profiles" / "exampleshire-logo.png").read_bytes()
    (tmp_path / "profiles" / "exampleshire-logo.png").unlink()
    os.mkfifo(tmp_path / "profiles" / "exampleshire-logo.png")
    layout = api.load_layout(workspace.layouts, "children-in-need")
    notice = api.notice_for(authority, layout)
    assert authority.logo.data == checked
    assert base64.b64encode(checked).decode() in print_html(notice, layout, workspace, authority)[0]
    assert base64.b64encode(checked).decode().encode() in api.build_html(notice, layout, authority)
    header = docx.Document(io.BytesIO(api.build_docx(notice, authority))).sections[0].header
    assert [part.blob for part in header.part.related_parts.values() if part.content_type == "image/png"] == [checked]
