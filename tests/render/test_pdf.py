"""render/pdf.py and build/formats.py: print-ready, tagged PDFs, and a WeasyPrint that may read only the workspace."""

from __future__ import annotations

import pytest

from conftest import CountingServer
from noticekit import api
from noticekit.errors import RenderError
from noticekit.render.pdf import file_url, render_pdf
from noticekit.wording.compose import notice_for
from noticekit.wording.document import links
from noticekit.wording.layouts import load_layout
from readback import pdf_fonts, pdf_link_targets, pdf_reader, pdf_text

pytestmark = pytest.mark.slow
A4 = (595.28, 841.89)


def build(workspace, slug="lancashire"):
    authority = api.load_authorities(workspace, [slug])[0]
    layout = load_layout(workspace.layouts, "children-in-need-1998")
    notice = notice_for(authority, layout)
    return notice, api.build_pdf(notice, layout, workspace)


@pytest.mark.parametrize("slug", ["hampshire", "lancashire"])
def test_print_ready(workspace, slug):
    _, data = build(workspace, slug)
    reader = pdf_reader(data)
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
    fonts = pdf_fonts(data)
    assert {font["name"].split("+")[1] for font in fonts} == {"Atkinson-Hyperlegible-Next", "Atkinson-Hyperlegible-Next-Bold"}
    assert all(font["embedded"] and font["subtype"] == "/Type0" for font in fonts)
    assert "\ufffd" not in pdf_text(data)


def test_running_footer_and_page_numbers(workspace):
    _, data = build(workspace)
    pages = [page.extract_text() for page in pdf_reader(data).pages]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Lancashire County Council Page {number} of {len(pages)}" in text  # the council's name alone: a title would wrap at 12 pt


def test_title_language_and_tags(workspace):
    notice, data = build(workspace)
    reader = pdf_reader(data)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject is always truthy)
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == notice.title
    assert reader.metadata.author == "Lancashire County Council"
    tags = set()
    stack = [catalog["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if "/S" in node:
            tags.add(str(node["/S"]))
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids]
        stack.extend(kid for kid in kids if kid is not None and hasattr(kid.get_object(), "get"))
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/LBody", "/Link"} <= tags


def test_links_are_clickable(workspace):
    notice, data = build(workspace)
    assert sorted(set(pdf_link_targets(data))) == sorted({link.href for link in links(notice)})


def test_same_input_same_bytes(workspace):
    assert build(workspace)[1] == build(workspace)[1]


# --- what WeasyPrint may read ------------------------------------------------------------


def with_css(workspace, css: str) -> None:
    stylesheet = workspace.layouts / "children-in-need-1998" / "print.css"
    stylesheet.write_text(css + stylesheet.read_text())


def test_a_layout_cannot_reach_the_network(workspace):
    with CountingServer() as server:
        with_css(workspace, f'@import url("{server.url}");\n')
        with pytest.raises(RenderError) as caught:
            build(workspace)
    assert server.requests == 0
    assert caught.value.lines == (
        f"layouts/children-in-need-1998: refused to load {server.url!r}: a notice may use only files inside the workspace's layouts/ and fonts/ folders",
    )


@pytest.mark.parametrize("reference", ["file:///etc/hostname", "../../../../../../../../etc/hostname", "../../profiles/hampshire.toml"])
def test_a_layout_cannot_read_files_outside_the_workspace(workspace, reference):
    with_css(workspace, f'body {{ background: url("{reference}"); }}\n')
    with pytest.raises(RenderError) as caught:
        build(workspace)
    assert "it is outside the workspace's layouts/ and fonts/ folders" in caught.value.lines[0]


def test_a_symlink_out_of_the_layout_is_refused(workspace):
    (workspace.layouts / "children-in-need-1998" / "escape.png").symlink_to("/etc/hostname")
    with_css(workspace, 'body { background: url("escape.png"); }\n')
    with pytest.raises(RenderError, match="it is outside"):
        build(workspace)


def test_an_attachment_is_refused_even_inside_the_workspace(workspace):
    layout = workspace.layouts / "children-in-need-1998"
    html = f'<html lang="en-GB"><title>t</title><p><a rel="attachment" href="{file_url(layout / "print.css")}">x</a></p></html>'
    with pytest.raises(RenderError) as caught:
        render_pdf(html, base_url=file_url(layout) + "/", allowed=[workspace.layouts], source="test")
    assert caught.value.lines[0].startswith("test: refused to embed 'file://")
    assert caught.value.lines[0].endswith("print.css': a notice may not carry attachments")


def test_a_weasyprint_warning_fails_the_render(workspace):
    with_css(workspace, "body { colour: red; }\n")
    with pytest.raises(RenderError) as caught:
        build(workspace)
    assert caught.value.lines[0].startswith("layouts/children-in-need-1998: WeasyPrint: Ignored `colour: red`")


def test_a_missing_stylesheet_file_fails(workspace):
    with_css(workspace, '@import url("missing.css");\n')
    with pytest.raises(RenderError) as caught:
        build(workspace)
    assert "cannot read" in caught.value.lines[0] and "missing.css" in caught.value.lines[0]


def test_file_url_is_absolute_and_escaped(tmp_path):
    url = file_url(tmp_path / "a b.css")
    assert url.startswith("file:///") and url.endswith("/a%20b.css")


def test_fonts_are_subset_with_harfbuzz():
    """libharfbuzz-subset0 is installed: faster subsetting and byte-identical output (see Makefile)."""
    from weasyprint.text.ffi import harfbuzz_subset

    assert harfbuzz_subset is not None


def test_document_date_is_the_reviewed_date(workspace):
    path = workspace.profiles / "lancashire.toml"
    path.write_text("reviewed = 2026-10-01\n" + path.read_text())
    _, data = build(workspace)
    info = pdf_reader(data).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261001000000Z"


def test_one_font_configuration_per_process(workspace):
    from noticekit.render import pdf

    build(workspace)
    first = pdf._font_config()
    build(workspace, "hampshire")
    assert pdf._font_config() is first


def test_same_notice_same_bytes_wherever_the_workspace_is(workspace, tmp_path):
    import shutil

    from noticekit.workspace import Workspace

    elsewhere = tmp_path / "another" / "checkout"
    for name in ("profiles", "layouts", "fonts"):
        shutil.copytree(workspace.profiles.parent / name, elsewhere / name)
    assert build(Workspace.discover(elsewhere))[1] == build(workspace)[1]


def test_each_qr_code_is_the_exact_code_of_its_address_drawn_sharp(workspace):
    """Read back from the PDF: each QR image is one grey pixel per module, exactly segno's code of a
    web address the notice links to (so a phone reads that address), drawn without smoothing
    (/Interpolate false: sharp squares at 600 dpi) in grey-scale (black ink alone in print); and
    the same address twice in a notice is one image."""
    import io

    import pikepdf
    import segno
    from PIL import Image

    notice, data = build(workspace, "hampshire")
    expected = {}
    for link in links(notice):
        if link.href.startswith("https://"):
            matrix = segno.make(link.href, error="m").matrix
            expected[bytes(0 if dark else 255 for row in matrix for dark in row)] = link.href
    found = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for name, image in page.get_images().items():
                if image.get("/Interpolate") is not False:
                    continue
                assert image.ColorSpace == "/DeviceGray" and image.BitsPerComponent == 8, name
                pixels = pikepdf.PdfImage(image).as_pil_image()
                assert isinstance(pixels, Image.Image) and pixels.width == pixels.height
                found[pixels.tobytes()] = found.get(pixels.tobytes(), 0) + 1
    assert set(found) == set(expected), "one image per address, each its exact code"
    assert sorted(expected.values()) == sorted({link.href for link in links(notice) if link.href.startswith("https://")})
