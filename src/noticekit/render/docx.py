"""Notice -> DOCX bytes with python-docx: named Word styles, real hyperlinks, page-numbered footer."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from noticekit.render import ooxml
from noticekit.render.variants import STANDARD, Variant
from noticekit.wording.document import Block, BulletList, Heading, Inline, LineBreak, Link, Notice, Paragraph, Text
from noticekit.wording.languages import PAGE_WORDS, starts_version, versions

HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2"}
LINK_STYLE = "Hyperlink"
INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x0B, 0x3D, 0x6B)


def notice_docx(notice: Notice, *, font: str = "Arial", variant: Variant = STANDARD,
                accent: str | None = None, link: str | None = None, template: bytes | None = None) -> bytes:
    """The notice as an editable Word document, identical bytes for identical input.

    ``accent`` colours headings, ``link`` the hyperlinks ('#rrggbb'; default the layout's blue).
    """
    if template is None:
        document = docx.Document()
        _page(document, variant)
        _styles(document, font, notice.lang, variant, _rgb(accent), _rgb(link))
        _header_footer(document, notice, variant)
    else:  # the council's own: its styles, page set-up, header and footer, within the variant's promises
        document = docx.Document(io.BytesIO(template))
        _empty_body(document)
        _missing_styles(document, font, variant, _rgb(accent), _rgb(link))
        _variant_promises(document, variant)
        ooxml.set_default_language(document.styles.element, notice.lang)
    for level, name in HEADING_STYLES.items():  # Word's outline as the PDF's: the title level 1, sections level 2
        ooxml.set_outline_level(document.styles[name].element, level - 1)
    style_ids = {name: document.styles[name].style_id for name in (*HEADING_STYLES.values(), "List Bullet")}
    for index, block in enumerate(notice.blocks):
        _block(document, block, style_ids, block.lang or notice.lang, page_break=index > 0 and starts_version(block))
    _properties(document, notice)
    buffer = io.BytesIO()
    document.save(buffer)
    return ooxml.deterministic_zip(buffer.getvalue())


def _page(document, variant: Variant) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = (Mm(margin) for margin in variant.docx_margins_mm)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = top, right, bottom, left


def _empty_body(document) -> None:
    """Remove a template's own content, keeping its section properties (page size, margins, the
    header and footer it refers to)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _missing_styles(document, font: str, variant: Variant, accent: RGBColor | None, link: RGBColor | None) -> None:
    """Define the styles noticekit uses that a council's template lacks, as noticekit's own; those
    it has stay exactly as the council made them."""
    styles = document.styles
    for name, size in variant.docx_sizes.items():
        if name in [style.name for style in styles]:
            continue
        kind = WD_STYLE_TYPE.PARAGRAPH
        style = styles.add_style(name, kind)
        if name != "Normal":
            style.base_style = styles["Normal"]
        style.font.name, style.font.size = font, Pt(size)
        style.font.color.rgb = INK if name in ("Normal", "List Bullet") else accent or ACCENT
        style.font.bold = name in ("Title", "Heading 1", "Heading 2")
    if LINK_STYLE not in [style.name for style in styles]:
        hyperlink = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        hyperlink.font.underline, hyperlink.font.color.rgb = True, link or ACCENT


def _variant_promises(document, variant: Variant) -> None:
    """What a council's template may not change: no text smaller than the variant promises (12 pt,
    18 pt in large print); and a variant with its own page (large print, a one-page compact file)
    keeps its sizes, spacing and margins."""
    own_page = variant.name != STANDARD.name or variant != STANDARD
    for name, size in variant.docx_sizes.items():
        style = document.styles[name]
        if own_page or style.font.size is None or style.font.size < Pt(size):
            style.font.size = Pt(size)
    _running_text_at_least(document, Pt(variant.running_pt))
    if own_page:
        normal = document.styles["Normal"].paragraph_format
        normal.line_spacing, normal.space_after = variant.docx_line_spacing, Pt(variant.docx_space_after)
        for name in ("Title", "Heading 1", "Heading 2"):
            heading = document.styles[name].paragraph_format
            heading.space_after = Pt(variant.docx_space_after)
            if variant.docx_space_before is not None and name != "Title":
                heading.space_before = Pt(variant.docx_space_before)
        for name in ("Header", "Footer"):
            if name in [style.name for style in document.styles]:
                document.styles[name].font.size = Pt(variant.running_pt)
        _page(document, variant)
        if variant.docx_header_mm is not None:
            section = document.sections[0]
            section.header_distance = section.footer_distance = Mm(variant.docx_header_mm)


def _running_text_at_least(document, size) -> None:
    """The template's header and footer text no smaller than ``size`` (RNIB: all text a reader
    must read), in their styles and in any run sized by hand."""
    for name in ("Header", "Footer"):
        style = next((style for style in document.styles if style.name == name), None)
        if style is not None and (style.font.size is None or style.font.size < size):
            style.font.size = size
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                     section.even_page_header, section.even_page_footer):
            if part.is_linked_to_previous:
                continue
            for run in (run for paragraph in part.paragraphs for run in paragraph.runs):
                if run.font.size is not None and run.font.size < size:
                    run.font.size = size


def _rgb(colour: str | None) -> RGBColor | None:
    return RGBColor.from_string(colour[1:].upper()) if colour else None


def _styles(document, font: str, language: str, variant: Variant, accent: RGBColor | None, link: RGBColor | None) -> None:
    styles = document.styles
    ooxml.set_default_language(styles.element, language)
    for name, size in variant.docx_sizes.items():
        style = styles[name]
        ooxml.set_theme_fonts_off(style.element)
        style.font.name, style.font.size = font, Pt(size)
        style.font.color.rgb = INK if name in ("Normal", "List Bullet") else accent or ACCENT
    styles["Normal"].paragraph_format.line_spacing = variant.docx_line_spacing
    styles["Normal"].paragraph_format.space_after = Pt(variant.docx_space_after)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.bold = True
        styles[name].paragraph_format.space_after = Pt(variant.docx_space_after)
        if variant.docx_space_before is not None and name != "Title":
            styles[name].paragraph_format.space_before = Pt(variant.docx_space_before)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(variant.running_pt)
        # python-docx's template sets a centre tab at 8.3 cm and a right one at 16.5 cm: the footer's
        # page number would stop at the centre one (or run into a long council name), not at the margin
        styles[name].paragraph_format.tab_stops.clear_all()
    hyperlink = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.underline, hyperlink.font.color.rgb = True, link or ACCENT


def _header_footer(document, notice: Notice, variant: Variant) -> None:
    section = document.sections[0]
    if variant.docx_header_mm is not None:  # the header and footer nearer the edges (a compact page)
        section.header_distance = section.footer_distance = Mm(variant.docx_header_mm)
    header = section.header.paragraphs[0]
    if notice.logo and notice.logo.kind == "png":  # Word needs a PNG; an SVG logo is for the PDF
        picture = header.add_run().add_picture(io.BytesIO(notice.logo.data), height=Mm(variant.docx_logo_mm))
        ooxml.set_picture_description(picture, notice.logo.alt, notice.logo.path.name)
        header.add_run("  ")
    header.add_run(notice.author).bold = True
    header.paragraph_format.space_after = Pt(10 if variant.docx_header_mm is None else 3)
    footer = section.footer.paragraphs[0]
    width = section.page_width - section.left_margin - section.right_margin
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{notice.author}\t")  # as the PDF's: at 12 pt a title beside the name would wrap
    for index, language in enumerate(versions(notice)):  # a bilingual notice's in both, the Welsh first
        page, of = PAGE_WORDS[language]
        _footer_words(footer, (" / " if index else "") + f"{page} ", language)
        ooxml.add_field(footer, "PAGE", "1")
        _footer_words(footer, f" {of} ", language)
        ooxml.add_field(footer, "NUMPAGES", "1")


def _footer_words(footer, text: str, language: str) -> None:
    ooxml.set_run_language(footer.add_run(text)._r, language)


def _block(document, block: Block, style_ids: dict[str, str], language: str, page_break: bool = False) -> None:
    if isinstance(block, Heading):
        paragraph = _paragraph(document, style_ids[HEADING_STYLES[block.level]])
        paragraph.paragraph_format.page_break_before = page_break or None
        _runs(paragraph, block.runs, language)
    elif isinstance(block, Paragraph):
        _runs(document.add_paragraph(), block.runs, language)  # Normal, the default style
    elif isinstance(block, BulletList):
        for item in block.items:
            _runs(_paragraph(document, style_ids["List Bullet"]), item, language)
    else:
        raise TypeError(f"unknown block {block!r}")


def _paragraph(document, style_id: str):
    paragraph = document.add_paragraph()
    ooxml.set_paragraph_style(paragraph, style_id)
    return paragraph


def _runs(paragraph, runs: tuple[Inline, ...], language: str) -> None:
    """Each run in its language: its own mark, else its block's (``language``)."""
    for run in runs:
        if isinstance(run, Link):
            ooxml.add_hyperlink(paragraph, run.text, run.href, LINK_STYLE, run.lang or language)
        elif isinstance(run, LineBreak):
            paragraph.add_run().add_break()
        elif isinstance(run, Text):
            added = paragraph.add_run(run.text)
            added.bold = run.strong or None
            ooxml.set_run_language(added._r, run.lang or language)


PROPERTY_LIMIT = 255  # characters in a Word core property (python-docx refuses more)


def _property(text: str) -> str:
    """``text`` as a document property: cut to Word's limit, with an ellipsis when cut."""
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1].rstrip() + "\u2026"


def _properties(document, notice: Notice) -> None:
    properties = document.core_properties
    properties.title, properties.subject = _property(notice.title), _property(notice.subject)
    properties.author = properties.last_modified_by = _property(notice.author)
    properties.language = notice.lang
    properties.comments, properties.keywords = "", "privacy notice"
    properties.created = properties.modified = notice.date.astimezone(dt.UTC).replace(tzinfo=None)
    properties.revision = 1
