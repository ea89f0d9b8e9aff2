"""The builders of build/formats.py: what the PDF's identifier is derived from."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from noticekit import api
from noticekit.build.formats import data_url, portable, print_css, print_page
from noticekit.build.products import Options
from noticekit.render.html import notice_html


@pytest.fixture(scope="module")
def example_workspace():
    """The example council (logo, brand colour) in the current notice."""
    workspace = api.Workspace(REPO / "examples" / "profiles", REPO / "layouts", REPO / "fonts")
    layout = api.load_layout(workspace.layouts, "children-in-need")
    return workspace, layout, api.notice_for(api.load_authority(workspace, "exampleshire"), layout)


@pytest.fixture(scope="module")
def example_page(example_workspace):
    workspace, layout, notice = example_workspace
    return print_page(notice, layout, workspace, api.load_authority(workspace, "exampleshire"))


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
    page = print_page(notice, layout, workspace, authority)
    html, files = page.standalone(), page.stylesheets
    assert "file:" in html and "file:" not in portable(html, files)
    css = print_css(Options(), authority.profile.brand_colour)
    assert portable(html, files) == notice_html(notice, [path.name for path in files], lambda path: data_url(notice.logo), css, True)


def test_the_print_page_holds_no_style_of_its_own(example_page):
    """Its stylesheets and CSS are given to WeasyPrint apart (so that they are parsed once per
    process); standalone() is the page that links them, as a browser or plain WeasyPrint takes it."""
    page = example_page
    assert "<link" not in page.html and "<style" not in page.html and " style=" not in page.html
    assert [path.name for path in page.stylesheets] == ["fonts.css", "print.css"]
    assert "--brand: #6b2c91" in page.css and page.css.startswith(".qr")
    standalone = page.standalone()
    assert standalone.count('<link rel="stylesheet"') == 2 and standalone.count("<style>") == 1
    assert standalone.replace(standalone[standalone.index("<link"):standalone.index("</head>")], "") == page.html


def test_the_pdf_is_the_one_plain_weasyprint_makes_of_the_standalone_page(example_page, example_workspace):
    """Stylesheets given apart and kept parsed between documents change nothing: the PDF is, byte
    for byte, the one WeasyPrint makes of the page that links them (after the same tag repairs)."""
    import weasyprint

    from noticekit.render import pdf
    from noticekit.render.tagging import repair

    workspace, layout, notice = example_workspace
    ours = api.build_pdf(notice, layout, workspace, api.load_authority(workspace, "exampleshire"))
    fetcher = pdf._fetcher_class()([workspace.layouts, workspace.fonts])
    with pdf._fixed_epoch():
        plain = weasyprint.HTML(string=example_page.standalone(), base_url=pdf.file_url(layout.folder) + "/", url_fetcher=fetcher).write_pdf(
            pdf_variant=pdf.PDF_VARIANT, pdf_identifier=pdf.pdf_identifier(portable(example_page.standalone(), example_page.stylesheets)))
    assert ours == repair(plain)


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
    assert base64.b64encode(checked).decode() in print_page(notice, layout, workspace, authority).html
    assert base64.b64encode(checked).decode().encode() in api.build_html(notice, layout, authority)
    header = docx.Document(io.BytesIO(api.build_docx(notice, authority))).sections[0].header
    assert [part.blob for part in header.part.related_parts.values() if part.content_type == "image/png"] == [checked]
