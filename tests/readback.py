"""Reading real output back: PDF text and structure (pypdf), DOCX paragraphs (python-docx)."""

from __future__ import annotations

import difflib
import io
import re
import zipfile

import docx
import pypdf

# Ignored when comparing wording: whitespace, bullet marks, dashes and hyphens, angle brackets.
IGNORED = re.compile(r"[\s\u2022\u00b7\u25aa\u25cf*\-\u2010-\u2015<>]+")


def normalise(text: str) -> str:
    return IGNORED.sub("", text)


def coverage(reference: str, output: str) -> float:
    """Share of reference's characters found in output in the same order (a lower bound on the LCS)."""
    reference, output = normalise(reference), normalise(output)
    matcher = difflib.SequenceMatcher(None, reference, output, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(reference)


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_reader(data).pages)


def pdf_link_targets(data: bytes) -> list[str]:
    targets = []
    for page in pdf_reader(data).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
                targets.append(str(annotation["/A"].get_object()["/URI"]))
    return targets


def pdf_fonts(data: bytes) -> list[dict]:
    """Every font resource: name, subtype and whether its program is embedded."""
    fonts = {}
    for page in pdf_reader(data).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = {"subtype": str(font["/Subtype"]), "embedded": embedded}
    return [{"name": name, **info} for name, info in sorted(fonts.items())]


def docx_document(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, hyperlink text included."""
    return [(paragraph.style.name, paragraph.text) for paragraph in docx_document(data).paragraphs]


def docx_text(data: bytes) -> str:
    return "\n".join(text for _, text in docx_paragraphs(data))


def docx_hyperlinks(data: bytes) -> list[tuple[str, str]]:
    """(text, target) of every w:hyperlink, resolved through its relationship."""
    document = docx_document(data)
    relationships = document.part.rels
    found = []
    for paragraph in document.paragraphs:
        for link in paragraph.hyperlinks:
            found.append((link.text, relationships[link._hyperlink.rId].target_ref))
    return found


def docx_part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")
