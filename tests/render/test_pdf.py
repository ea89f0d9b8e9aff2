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


def test_the_print_stylesheets_are_parsed_once_per_process(workspace, monkeypatch):
    """Every council's PDF uses the same fonts.css and print.css: parsed for the first, kept for
    the rest (about 3 ms a document); the page's own CSS (QR codes, the council's colours) each time."""
    from noticekit.render import pdf

    parsed = []
    parse = pdf._Sheet.parse.__func__
    monkeypatch.setattr(pdf._Sheet, "parse", classmethod(lambda cls, parser, **source: parsed.append(source.get("url", "css")) or parse(cls, parser, **source)))
    for slug in ("hampshire", "lancashire", "hampshire"):
        build(workspace, slug)
    assert [url.rsplit("/", 1)[-1] for url in parsed] == ["fonts.css", "print.css", "css", "css", "css"]


def test_an_edited_stylesheet_is_parsed_again(workspace):
    build(workspace)
    with_css(workspace, "body { colour: red; }\n")
    with pytest.raises(RenderError, match="Ignored `colour: red`"):
        build(workspace)
    with pytest.raises(RenderError, match="Ignored `colour: red`"):  # a stylesheet that fails is never kept
        build(workspace)


def test_a_kept_stylesheet_is_never_served_where_its_folder_is_not_allowed(workspace):
    build(workspace)  # print.css kept, parsed where the layouts folder is allowed
    stylesheet = workspace.layouts / "children-in-need-1998" / "print.css"
    with pytest.raises(RenderError, match="it is outside the workspace's layouts/ and fonts/ folders"):
        render_pdf('<html lang="en-GB"><title>t</title><p>x</p></html>', base_url=file_url(stylesheet.parent) + "/",
                   allowed=[workspace.fonts], stylesheets=[stylesheet], source="test")


def test_forgetting_the_fonts_forgets_the_stylesheets_that_declared_them(workspace):
    from noticekit.render import pdf

    build(workspace)
    assert pdf._sheets()
    pdf.forget_fonts()
    assert not pdf._sheets()


def test_counter_styles_of_a_stylesheet_given_apart_are_used(workspace):
    sheet = workspace.layouts / "children-in-need-1998" / "counters.css"
    sheet.write_text('@counter-style arrows { system: cyclic; symbols: "\\00bb"; suffix: " "; }\nol { list-style: arrows inside; }\n')
    html = '<html lang="en-GB"><title>t</title><ol><li>first</li><li>second</li></ol></html>'
    data = render_pdf(html, base_url=file_url(sheet.parent) + "/", allowed=[workspace.layouts, workspace.fonts],
                      stylesheets=[workspace.fonts / "fonts.css", sheet], source="test")
    assert pdf_text(data).split() == ["\u00bb", "first", "\u00bb", "second"]


def weasyprint_library_names() -> list[str]:
    """Every name WeasyPrint tries for its libraries, read from its own source."""
    import re
    from importlib.util import find_spec
    from pathlib import Path

    source = Path(find_spec("weasyprint.text.ffi").origin).read_text(encoding="utf-8")
    return [name for call in re.findall(r"_dlopen\(\s*ffi,([^)]*)\)", source) for name in re.findall(r"'([^']+)'", call)]


def test_the_quick_library_search_finds_what_ctypes_finds(monkeypatch):
    import ctypes.util

    from noticekit.render.pdf import quick_library_search

    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    monkeypatch.delenv("LIBRARY_PATH", raising=False)
    names = weasyprint_library_names()
    assert len(names) >= 30 and "libpango-1.0-0" in names
    original = ctypes.util.find_library
    expected = {name: original(name) for name in names}
    assert expected["pango-1.0"] == "libpango-1.0.so.0" and expected["libpango-1.0-0"] is None
    with quick_library_search():
        assert ctypes.util.find_library is not original
        assert {name: ctypes.util.find_library(name) for name in names} == expected
    assert ctypes.util.find_library is original


def test_a_library_in_ld_library_path_is_still_looked_for_the_slow_way(monkeypatch, tmp_path):
    import ctypes.util

    from noticekit.render.pdf import quick_library_search

    (tmp_path / "libnoticekit-probe.so.1").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    asked = []
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: asked.append(name))
    with quick_library_search():
        ctypes.util.find_library("noticekit-probe")
        ctypes.util.find_library("noticekit-absent")
    assert asked == ["noticekit-probe"]
