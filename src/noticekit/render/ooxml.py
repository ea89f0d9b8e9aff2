"""The one place that writes raw WordprocessingML: what python-docx has no API for."""

from __future__ import annotations

import io
import re
import zipfile

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def add_hyperlink(paragraph: Paragraph, text: str, url: str, style_id: str, language: str | None = None) -> None:
    """A real w:hyperlink to ``url`` (an external relationship), its run in character style ``style_id`` (and ``language``)."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    hyperlink.set(qn("w:history"), "1")
    run = _run(text, style_id)
    if language:
        set_run_language(run, language)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def set_run_language(run_element, language: str) -> None:
    """The run's language (w:rPr/w:lang): what Word checks its spelling in and a screen reader speaks it in."""
    properties = run_element.get_or_add_rPr()
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    properties.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")  # the schema's order


def set_paragraph_style(paragraph: Paragraph, style_id: str) -> None:
    """Set w:pStyle by id. python-docx's `style=` looks the name up among every style, per paragraph."""
    paragraph._p.style = style_id


def set_picture_description(picture, text: str, name: str) -> None:
    """Alt text of an inline picture (wp:docPr/@descr), which python-docx has no API for, and its
    file name (pic:cNvPr/@name, which python-docx takes from a path, and not from bytes)."""
    picture._inline.docPr.set("descr", text)
    picture._inline.graphic.graphicData.pic.nvPicPr.cNvPr.set("name", name)


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES...) that Word and LibreOffice update; ``shown`` until they do."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    field.append(_run(shown, None))
    paragraph._p.append(field)


def set_default_language(styles_element, language: str) -> None:
    """Spelling and grammar language of the whole document (w:docDefaults/w:rPr/w:lang)."""
    run_defaults = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def set_theme_fonts_off(style_element) -> None:
    """Drop theme font references so the explicit font name applies (Title and headings use them)."""
    fonts = style_element.find(qn("w:rPr"))
    fonts = fonts.find(qn("w:rFonts")) if fonts is not None else None
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed timestamps and entries in a fixed order: same input, same bytes.

    On the way, the package is made honest: docProps/app.xml is noticekit's own (not the template's
    "Microsoft Macintosh Word", 1 page, 0 words, which Word recomputes on opening), and
    word/stylesWithEffects.xml (a stale copy of the styles that ignores noticekit's) is dropped
    with its content type and relationship."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted((name for name in source.namelist() if name != STALE_STYLES), key=lambda name: (name != "[Content_Types].xml", name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, _honest(name, source.read(name)))
    return buffer.getvalue()


STALE_STYLES = "word/stylesWithEffects.xml"
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Application>noticekit</Application><DocSecurity>0</DocSecurity></Properties>")


def _honest(name: str, data: bytes) -> bytes:
    if name == "docProps/app.xml":
        return APP_XML
    if name == "[Content_Types].xml":
        return re.sub(rb'<Override PartName="/word/stylesWithEffects\.xml"[^>]*/>', b"", data)
    if name == "word/_rels/document.xml.rels":
        return re.sub(rb'<Relationship [^>]*Target="stylesWithEffects\.xml"[^>]*/>', b"", data)
    return data


def set_outline_level(style_element, level: int) -> None:
    """The style's level in Word's outline and navigation pane (0: the top level)."""
    paragraph = style_element.get_or_add_pPr()
    for old in paragraph.findall(qn("w:outlineLvl")):
        paragraph.remove(old)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    paragraph.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # the schema's order


def _run(text: str, style_id: str | None):
    run = OxmlElement("w:r")
    if style_id:
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), style_id)
        properties.append(style)
        run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    return run
