"""Accessibility, checked rather than hoped for: PDF structure (pikepdf), text sizes, DOCX, web page.

veraPDF cannot be installed here; these checks stand in for its PDF/UA rules that matter most.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pikepdf
import pytest
from markupsafe import escape

from conftest import REPO
from noticekit import api
from noticekit.build.products import Options
from noticekit.render.variants import BOOKLET, LARGE_PRINT, STANDARD
from noticekit.wording.compose import notice_for
from noticekit.wording.document import BulletList, Heading, LineBreak, Link, Paragraph, links, plain_text, run_groups
from noticekit.wording.languages import QR_ALT, versions
from noticekit.wording.layouts import load_layout
from output_check import soffice, to_pdf
from readback import docx_document, docx_paragraphs, docx_part, pdf_reader

pytestmark = pytest.mark.slow
MM = 72 / 25.4


LAYOUTS = sorted(path.parent.name for path in (REPO / "layouts").glob("*/layout.toml"))
WELSH_LAYOUTS = sorted(path.parent.name for path in (REPO / "layouts").glob("*/notice.cy.xml.j2"))
# Every shipped layout in English; each with Welsh wording in Welsh and bilingual too.
CASES = [(name, "en") for name in LAYOUTS] + [(name, language) for name in WELSH_LAYOUTS for language in ("cy", "bilingual")]


@pytest.fixture(params=CASES, ids=[name if language == "en" else f"{name}-{language}" for name, language in CASES])
def example(workspace, request):
    """The example council (logo, brand colour, every contact) in a workspace of its own, in
    each shipped layout; in Welsh and bilingual, the example council in Wales (the same)."""
    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, workspace.profiles / path.name)
    name, language = request.param
    authority = api.load_authorities(workspace, ["exampleshire" if language == "en" else "enghraifft"])[0]
    layout = load_layout(workspace.layouts, name)
    return workspace, authority, layout, notice_for(authority, layout, language)


def qr_alt(notice, block, link) -> str:
    """A QR code's text alternative: in the language of the block it follows."""
    return QR_ALT[block.lang or notice.lang].format(link.text.split("://")[-1])


def pdf_of(example, variant=STANDARD, **options) -> bytes:
    workspace, authority, layout, notice = example
    return api.build_pdf(notice, layout, workspace, authority, variant, Options(**options))


class Element(tuple):
    """A structure element as plain data: (tag, alt text, tags of its child elements)."""

    S = property(lambda self: self[0])
    alt = property(lambda self: self[1])
    kids = property(lambda self: self[2])


def child_elements(node) -> list:
    kids = node.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [kid for kid in items if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def tag_tree(data: bytes):
    """(the elements reachable from the root in reading order, the pdf) of a tagged PDF, opened with pikepdf."""
    pdf = pikepdf.open(io.BytesIO(data))
    found = []

    def walk(node):
        for kid in child_elements(node):
            found.append(kid)
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found, pdf


def structure(data: bytes) -> list[Element]:
    """The structure elements in document (reading) order."""
    elements, pdf = tag_tree(data)
    with pdf:
        return [Element((str(element.S), str(element["/Alt"]) if "/Alt" in element else None, [str(kid.S) for kid in child_elements(element)]))
                for element in elements]


def test_tagged_with_language_and_displayed_title(example):
    pdf = pikepdf.open(io.BytesIO(pdf_of(example)))
    assert pdf.Root.MarkInfo.Marked == True  # noqa: E712
    assert str(pdf.Root.Lang) == example[3].lang
    assert pdf.Root.ViewerPreferences.DisplayDocTitle == True  # noqa: E712
    assert str(pdf.docinfo.Title) == example[3].title
    assert "/StructTreeRoot" in pdf.Root


@pytest.mark.parametrize("variant", [STANDARD, LARGE_PRINT, BOOKLET], ids=lambda v: v.name)
def test_headings_one_h1_then_h2s_in_wording_order(example, variant):
    """One H1 for each version (two in a bilingual notice, the Welsh first), then H2s."""
    tags = [element.S for element in structure(pdf_of(example, variant))]
    headings = [tag for tag in tags if re.fullmatch(r"/H\d", tag)]
    assert headings[0] == "/H1" and headings.count("/H1") == len(versions(example[3]))
    levels = [int(tag[2:]) for tag in headings]
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:]))  # no skipped level
    notice = example[3]
    wording = [f"/H{b.level}" if isinstance(b, Heading) else "/L" if isinstance(b, BulletList) else "/P" for b in notice.blocks]
    in_pdf = [tag for tag in tags if tag in ("/H1", "/H2", "/H3", "/L") or tag == "/P"]
    # WeasyPrint 70 tags a list that breaks across a page as two L elements: count them as one.
    in_pdf = [tag for index, tag in enumerate(in_pdf) if not (tag == "/L" and index and in_pdf[index - 1] == "/L")]
    # Reading order: the wording's blocks appear in the same order (the masthead is one P before them).
    assert [tag for tag in in_pdf if tag != "/P"] == [tag for tag in wording if tag != "/P"]
    assert in_pdf.index("/H1") == 1 and in_pdf[0] == "/P"


def test_lists_links_and_figures(example):
    elements = structure(pdf_of(example))
    tags = [element.S for element in elements]
    _, _, layout, notice = example
    lists = sum(isinstance(block, BulletList) for block in notice.blocks)
    assert ({"/L", "/LI", "/Lbl", "/LBody"} <= set(tags)) == (lists > 0)
    for item in (e for e in elements if e.S == "/LI"):
        assert item.kids == ["/Lbl", "/LBody"]
    assert tags.count("/Link") >= len(links(notice))
    figures = [e.alt for e in elements if e.S == "/Figure"]
    web = [(block, run) for block in notice.blocks for runs in run_groups(block) for run in runs
           if isinstance(run, Link) and run.href.startswith("http")] if layout.qr else []
    assert figures[0] == notice.logo.alt == {"en-GB": "Exampleshire County Council crest", "cy-GB": "Arfbais Cyngor Bwrdeistref Sirol Enghraifft"}[notice.lang]
    assert sorted(figures[1:]) == sorted(qr_alt(notice, block, link) for block, link in web)


@pytest.mark.parametrize("variant", [STANDARD, LARGE_PRINT, BOOKLET], ids=lambda v: v.name)
def test_every_mark_of_content_is_reachable_or_an_artifact(example, variant):
    """All text and pictures are either content owned by an element reachable from the root or
    an Artifact; the running footer and page numbers are pagination Artifacts; no element is
    empty; a Figure's box is in points on its page."""
    elements, pdf = tag_tree(pdf_of(example, variant))
    reachable = {element.objgen for element in elements}
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    owners = {int(numbers[index]): numbers[index + 1] for index in range(0, len(numbers), 2)}
    for page in pdf.pages:
        stack, pagination_text, loose = [], 0, 0
        for instruction in pikepdf.parse_content_stream(page):
            operator, operands = str(instruction.operator), instruction.operands
            if operator in ("BDC", "BMC"):
                stack.append(operands)
                if operator == "BDC" and "/MCID" in operands[1]:
                    owner = owners[int(page.obj.StructParents)][int(operands[1].MCID)]
                    assert owner.objgen in reachable
            elif operator == "EMC":
                stack.pop()
            elif operator in ("Tj", "TJ", "Do"):
                pagination_text += operator != "Do" and any(str(marks[0]) == "/Artifact" and marks[1].get("/Type") == "/Pagination"
                                                            for marks in stack if len(marks) == 2)
                loose += not stack
        assert loose == 0  # nothing drawn outside marked content
        assert pagination_text >= 2  # the council's name and "Page N of M"
    for element in elements:
        assert element.get("/K") not in (None, pikepdf.Array([]))
        if element.S == "/Figure":
            box, media = [float(value) for value in element.A.BBox], [float(value) for value in element.Pg.MediaBox]
            assert media[0] <= box[0] < box[2] <= media[2] and media[1] <= box[1] < box[3] <= media[3]
    logo = next(element for element in elements if element.S == "/Figure")
    assert float(logo.A.BBox[1]) > float(logo.Pg.MediaBox[3]) * 0.8  # at the top of the page, as drawn


@pytest.mark.parametrize("variant", [STANDARD, LARGE_PRINT, BOOKLET], ids=lambda v: v.name)
def test_each_link_is_one_link_element_however_it_wraps(example, variant):
    from noticekit.render.html import UNBROKEN

    elements, _ = tag_tree(pdf_of(example, variant))
    shown = {link.href: link.text for link in links(example[3])}
    targets = []
    for link in (element for element in elements if element.S == "/Link"):
        kids = link.K if isinstance(link.K, pikepdf.Array) else [link.K]
        annotations = [str(kid.Obj.A.URI) for kid in kids if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]
        assert len(set(annotations)) == 1
        targets.append(annotations[0])
        if len(shown[annotations[0]]) <= UNBROKEN:  # a short address never wraps: one annotation
            assert len(annotations) == 1, annotations[0]
    assert sorted(targets) == sorted(link.href for link in links(example[3]))


def test_without_qr_the_only_figure_is_the_logo(example):
    figures = [e.alt for e in structure(pdf_of(example, qr=False)) if e.S == "/Figure"]
    assert figures == [example[3].logo.alt]


def page_runs(page) -> list[tuple[float, float, float, str]]:
    """A page's text runs as (x, baseline height, size, all in points, text): every run, the
    running footer and page numbers included."""
    runs = []

    def visit(text, cm, tm, font, size):
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip():
            runs.append((round(tm[4] * cm[0] + cm[4], 1), round(tm[5] * cm[3] + cm[5], 1), round(size * scale, 2), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def text_runs(data: bytes) -> list[list[tuple[float, float, float, str]]]:
    return [page_runs(page) for page in pdf_reader(data).pages]


def body_lines(data: bytes) -> list[list[str]]:
    """Each page's lines of text from the top, without the running footer (the line of "Page N
    of M" and anything below it)."""
    pages = []
    for runs in text_runs(data):
        footer = min((y for _, y, _, text in runs if re.fullmatch(r"Page \d+ of \d+", text)), default=None)
        lines: dict[float, list[str]] = {}
        for _, y, _, text in runs:
            if footer is None or y > footer + 2:
                lines.setdefault(round(y), []).append(text)
        pages.append([" ".join(lines[y]) for y in sorted(lines, reverse=True)])
    return pages


@pytest.mark.parametrize(("variant", "smallest"), [(STANDARD, 12), (LARGE_PRINT, 16), (BOOKLET, 12)], ids=["standard", "large-print", "booklet"])
def test_no_text_a_reader_must_read_under_the_promised_size(example, variant, smallest):
    """RNIB's sizes are for all the text a reader must read: the footer and page numbers too."""
    runs = [run for page in text_runs(pdf_of(example, variant)) for run in page]
    assert len(runs) > 40 and any(re.fullmatch(r"(Page \d+ of|Tudalen \d+ o) \d+", text) for _, _, _, text in runs)
    assert [(size, text) for _, _, size, text in runs if size < smallest] == []
    sizes = [size for _, _, size, _ in runs]
    assert max(set(sizes), key=sizes.count) == variant.body_pt  # the body, most of the text


@pytest.mark.parametrize("variant", [STANDARD, LARGE_PRINT, BOOKLET], ids=lambda v: v.name)
def test_page_breaks_keep_together_what_belongs_together(example, variant):
    """No page ends with a line that introduces what follows ("please visit:"); no address is
    split across pages; the last page holds more than a line or two."""
    notice = example[3]
    pages = body_lines(pdf_of(example, variant))
    assert [page[-1] for page in pages[:-1] if page[-1].endswith(":")] == []
    if len(pages) > 1:
        assert len(pages[-1]) >= 3, pages[-1]
    text_pages = [" ".join(page) for page in pages]
    for block in notice.blocks:
        if isinstance(block, Paragraph) and any(isinstance(run, LineBreak) for run in block.runs):
            lines = plain_text(block.runs).splitlines()
            first = [index for index, text in enumerate(text_pages) if lines[0] in text]
            assert first and lines[-1] in text_pages[first[0]], lines


def test_booklet_pages_are_a5_and_the_imposition_folds_in_order(example):
    from noticekit.render.imposition import impose, saddle_stitch_order

    booklet = pdf_of(example, BOOKLET)
    pages = pdf_reader(booklet).pages
    assert {(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in pages} == {(148, 210)}
    data = impose(booklet)
    imposed = pdf_reader(data)
    assert {(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in imposed.pages} == {(297, 210)}
    order = saddle_stitch_order(len(pages))
    assert len(imposed.pages) == len(order)
    for number, (left, right) in enumerate(order, start=1):
        # Each half of the side as poppler prints it (the pages are forms, placed by the side).
        found = {}
        for half, x in (("left", 0), ("right", 421)):
            text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-x", str(x), "-y", "0", "-W", "421", "-H", "596",
                                   "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
            found.update({int(page): half for page in re.findall(r"(?:Page|Tudalen) (\d+) o", text)})  # "Page 3 of", "Tudalen 3 o"
        assert found == {page: where for page, where in ((left, "left"), (right, "right")) if page is not None}


def links_on_their_text(data: bytes) -> list[tuple[int, str, str]]:
    """(page, target, the text whose runs start inside the annotation's rectangle) of each link."""
    found = []
    for number, page in enumerate(pdf_reader(data).pages, start=1):
        runs = page_runs(page)
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            xs, ys = sorted(float(value) for value in annotation["/Rect"][::2]), sorted(float(value) for value in annotation["/Rect"][1::2])
            (x0, x1), (y0, y1) = xs, ys
            inside = "".join(text for x, y, _, text in runs if x0 - 1 <= x < x1 - 1 and y0 - 1 <= y <= y1)
            found.append((number, str(annotation["/A"]["/URI"]), inside))
    return found


@pytest.mark.parametrize("variant", [STANDARD, LARGE_PRINT, BOOKLET], ids=lambda v: v.name)
def test_every_link_lies_on_the_text_it_links(example, variant):
    found = links_on_their_text(pdf_of(example, variant))
    assert len({target for _, target, _ in found}) == len({link.href for link in links(example[3])})
    assert [(target, text) for _, target, text in found if not text or text.replace(" ", "") not in target] == []


def marked_content(pdf: pikepdf.Pdf) -> list[str]:
    """Marked-content operators in every page's and form's content."""
    operators = []
    for page in pdf.pages:
        streams = [page] + [xobject for xobject in (page.Resources.get("/XObject") or {}).values() if xobject.get("/Subtype") == "/Form"]
        for stream in streams:
            operators += [str(item.operator) for item in pikepdf.parse_content_stream(stream) if str(item.operator) in ("BDC", "BMC", "EMC")]
    return operators


@pytest.mark.parametrize("options", [{}, {"bleed": "3mm"}, {"bleed": "3mm", "marks": True}], ids=["plain", "bleed", "marks"])
def test_imposed_sheets_are_an_honest_print_only_file(example, options):
    """No links (they would sit on the wrong half), no tags or marked content, but the language
    and title; A4 landscape sheets, plus the bleed around them, as printers expect."""
    from noticekit.build.formats import build
    from noticekit.build.products import Product

    workspace, authority, layout, notice = example
    files = build(Product(BOOKLET, "pdf"), notice, layout, authority, workspace, Options(**options))
    imposed = pikepdf.open(io.BytesIO(files[f"{layout.name}.booklet-imposed.pdf"]))
    assert imposed.pdf_version == "1.7" and str(imposed.Root.Lang) == notice.lang
    assert imposed.Root.ViewerPreferences.DisplayDocTitle == True and str(imposed.docinfo.Title) == notice.title  # noqa: E712
    assert "/StructTreeRoot" not in imposed.Root and "/MarkInfo" not in imposed.Root
    assert all("/Annots" not in page.obj and "/StructParents" not in page.obj for page in imposed.pages)
    assert marked_content(imposed) == []
    bleed = 3 * MM if options.get("bleed") else 0
    for page in imposed.pages:
        trim, bled = [float(value) for value in page.TrimBox], [float(value) for value in page.BleedBox]
        assert (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1)) == (841.9, 595.3)
        assert [round(b - t, 2) for b, t in zip(bled, trim)] == [round(-bleed, 2)] * 2 + [round(bleed, 2)] * 2
    if not options.get("marks"):
        assert [float(value) for value in imposed.pages[0].MediaBox] == [float(value) for value in imposed.pages[0].BleedBox]
    else:
        assert_marks_outside_the_bleed(imposed.pages[0], fold=True)


def strokes(page: pikepdf.Page) -> list[tuple[float, float, float, float]]:
    """The straight lines (x0, y0, x1, y1) a page's own content strokes: its printers' marks."""
    lines, start = [], None
    for item in pikepdf.parse_content_stream(page):
        operator = str(item.operator)
        if operator == "m":
            start = [float(value) for value in item.operands]
        elif operator == "l" and start:
            end = [float(value) for value in item.operands]
            lines.append((*start, *end))
            start = end
    return lines


def assert_marks_outside_the_bleed(page: pikepdf.Page, fold: bool = False) -> None:
    bleed = [float(value) for value in page.BleedBox]
    trim = [float(value) for value in page.TrimBox]
    media = [float(value) for value in page.MediaBox]
    def on(value, edges):
        return any(abs(value - edge) < 0.01 for edge in edges)

    crop = [line for line in strokes(page) if (line[0] == line[2] and on(line[0], trim[::2])) or (line[1] == line[3] and on(line[1], trim[1::2]))]
    assert len(crop) == 8  # two at each corner of the trim
    for x0, y0, x1, y1 in crop:
        assert 4.9 * MM < abs(x1 - x0) + abs(y1 - y0) < 10 * MM  # a usual length
        ends = ((x0, y0), (x1, y1))
        assert not any(bleed[0] + 0.01 < x < bleed[2] - 0.01 and bleed[1] + 0.01 < y < bleed[3] - 0.01 for x, y in ends)
        assert all(media[0] - 0.01 <= x <= media[2] + 0.01 and media[1] - 0.01 <= y <= media[3] + 0.01 for x, y in ends)
    middle = (trim[0] + trim[2]) / 2
    assert any(line[0] == line[2] and on(line[0], [middle]) for line in strokes(page)) == fold


def test_saddle_stitch_order_by_hand():
    from noticekit.render.imposition import saddle_stitch_order

    # Eight pages on two sheets: fold them and they read 1 to 8.
    assert saddle_stitch_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert saddle_stitch_order(3) == [(None, 1), (2, 3)]  # page 4, the back cover, is blank
    assert saddle_stitch_order(5) == [(None, 1), (2, None), (None, 3), (4, 5)]


@pytest.mark.parametrize("variant", [STANDARD, BOOKLET], ids=lambda v: v.name)
def test_bleed_and_marks_for_printers(example, variant):
    """Crop marks outside the bleed, at a usual length, as Artifacts; the links still on their words."""
    size = (210, 297) if variant is STANDARD else (148, 210)
    plain, bled = pdf_of(example, variant), pdf_of(example, variant, bleed="3mm", marks=True)
    with pikepdf.open(io.BytesIO(bled)) as pdf:
        for page in pdf.pages:
            trim, bleed = [float(value) for value in page.TrimBox], [float(value) for value in page.BleedBox]
            assert (round((trim[2] - trim[0]) / MM), round((trim[3] - trim[1]) / MM)) == size
            assert round((bleed[2] - bleed[0] - trim[2] + trim[0]) / MM) == 6
            assert_marks_outside_the_bleed(page)
        assert structure(bled) == structure(plain)
    assert links_on_their_text(bled) == links_on_their_text(plain) != []


def test_docx_title_language_headings_and_picture_alt_text(example):
    workspace, authority, layout, notice = example
    for variant in (STANDARD, LARGE_PRINT):
        data = api.build_docx(notice, authority, variant)
        document = docx_document(data)
        assert document.core_properties.title == notice.title and document.core_properties.language == notice.lang
        styles = [style for style, _ in docx_paragraphs(data)]
        headings = [style for style in styles if style == "Title" or style.startswith("Heading")]
        assert headings[0] == "Title" and headings.count("Title") == len(versions(notice)) and set(headings[1:]) - {"Title"} == {"Heading 1"}
        pictures = re.findall(r"<wp:docPr [^>]*>", docx_part(data, "word/header1.xml"))
        assert pictures and all(f'descr="{notice.logo.alt}"' in picture for picture in pictures)
        assert "<wp:docPr" not in docx_part(data, "word/document.xml")  # no text as images in the body
    assert document.styles["Normal"].font.size.pt == 18 and document.styles["Footer"].font.size.pt == 16


def outline(data: bytes) -> list[tuple[str, list[str]]]:
    """A PDF's bookmarks as (title, titles of its children)."""
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as tree:
        return [(item.title, [child.title for child in item.children]) for item in tree.root]


@pytest.mark.parametrize("variant", [STANDARD, LARGE_PRINT], ids=lambda v: v.name)
def test_docx_outline_matches_the_pdf_headings(example, variant, tmp_path):
    """Word's outline (its navigation pane, and a PDF saved from Word) has the title at the top
    level and the sections under it, as the PDF's H1 and H2s; the package says who made it."""
    if soffice() is None:
        pytest.skip("LibreOffice is not installed (make test installs libreoffice-writer-nogui)")
    workspace, authority, layout, notice = example
    data = api.build_docx(notice, authority, variant)
    (tmp_path / "notice.docx").write_bytes(data)
    to_pdf([tmp_path / "notice.docx"], tmp_path)
    expected = []  # each version's title, with its sections under it
    for block in notice.blocks:
        if isinstance(block, Heading) and block.level == 1:
            expected.append((plain_text(block.runs), []))
        elif isinstance(block, Heading) and block.level == 2:
            expected[-1][1].append(plain_text(block.runs))
    assert outline((tmp_path / "out" / "notice.pdf").read_bytes()) == expected
    assert expected[0][0] == notice.title.split(" / ")[0]
    assert "<Application>noticekit</Application>" in docx_part(data, "docProps/app.xml")
    assert "stylesWithEffects" not in docx_part(data, "[Content_Types].xml") + docx_part(data, "word/_rels/document.xml.rels")


def test_web_page_is_standalone_and_semantic(example):
    workspace, authority, layout, notice = example
    page = api.build_html(notice, layout).decode("utf-8")
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{notice.lang}">')
    assert f"<title>{escape(notice.title)}</title>" in page
    assert page.count("<h1>") == len(versions(notice)) and "<main>" in page and "<header>" in page
    assert re.findall(r'\bsrc="(?!data:)', page) == []  # pictures inline, as data: URLs
    assert "<link" not in page and "<script" not in page and "@import" not in page
    assert re.findall(r"url\((?!\s*['\"]?data:)", page) == []
    assert sorted(re.findall(r'<a href="([^"]+)"', page)) == sorted(link.href for link in links(notice))
    assert f'alt="{notice.logo.alt}"' in page
