"""render/docx.py and render/ooxml.py: an editable Word file with real styles, links, fields and properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Mm

from noticekit import api
from noticekit.render.docx import notice_docx
from noticekit.wording.compose import notice_for
from noticekit.wording.document import Notice, Paragraph, Text, links
from noticekit.wording.layouts import load_layout
from readback import docx_document, docx_hyperlinks, docx_paragraphs, docx_part, pdf_reader, pdf_text


def build(workspace, slug="lancashire"):
    authority = api.load_authorities(workspace, [slug])[0]
    notice = notice_for(authority, load_layout(workspace.layouts, "children-in-need-1998"))
    return notice, api.build_docx(notice, authority)


def test_named_styles(workspace):
    _, data = build(workspace)
    styles = [style for style, _ in docx_paragraphs(data)]
    assert styles[:2] == ["Title", "Heading 1"]
    assert styles.count("List Bullet") == 5
    assert set(styles) == {"Title", "Heading 1", "Normal", "List Bullet"}


def test_real_hyperlinks_with_the_right_targets(workspace):
    notice, data = build(workspace)
    assert docx_hyperlinks(data) == [(link.text, link.href) for link in links(notice)]
    styles = docx_part(data, "word/styles.xml")
    assert 'w:styleId="Hyperlink"' in styles
    assert 'w:rStyle w:val="Hyperlink"' in docx_part(data, "word/document.xml")


def test_footer_has_page_fields_and_header_the_council(workspace):
    _, data = build(workspace)
    section = docx_document(data).sections[0]
    assert section.header.paragraphs[0].text == "Lancashire County Council"
    footer = docx_part(data, "word/footer1.xml")
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    # The council's name alone, as in the PDF (a title beside it would wrap at 12 pt), then the page number right-aligned.
    assert section.footer.paragraphs[0].text.startswith("Lancashire County Council\tPage ")
    # ... at the margin: the one tab stop there is (python-docx's template's Footer style had a centre stop that caught the tab)
    width = section.page_width - section.left_margin - section.right_margin
    assert [(stop.position, stop.alignment) for stop in section.footer.paragraphs[0].paragraph_format.tab_stops] == [(width, WD_TAB_ALIGNMENT.RIGHT)]
    assert list(docx_document(data).styles["Footer"].paragraph_format.tab_stops) == []


def test_page_is_a4_and_font_is_named(workspace):
    _, data = build(workspace)
    document = docx_document(data)
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    for name in ("Normal", "Title", "Heading 1", "List Bullet"):
        assert document.styles[name].font.name == "Arial"
    assert document.styles["Normal"].font.size.pt == 12
    assert 'w:lang w:val="en-GB"' in docx_part(data, "word/styles.xml")


def test_profile_chooses_the_font(workspace):
    path = workspace.profiles / "hampshire.toml"
    path.write_text(path.read_text().replace('name = "Hampshire County Council"', 'name = "Hampshire County Council"\ndocx_font = "Verdana"'))
    _, data = build(workspace, "hampshire")
    assert docx_document(data).styles["Normal"].font.name == "Verdana"


def test_core_properties(workspace):
    notice, data = build(workspace)
    properties = docx_document(data).core_properties
    assert properties.title == notice.title
    assert properties.subject == notice.subject
    assert properties.author == properties.last_modified_by == "Lancashire County Council"
    assert properties.language == "en-GB"
    assert properties.created == properties.modified == dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    assert "python-docx" not in properties.comments


def test_same_input_same_bytes(workspace):
    assert build(workspace)[1] == build(workspace)[1]


def test_text_is_never_markup():
    notice = Notice("T", "S", "en-GB", "<b>Smith & Co</b>", "s", (Paragraph((Text("<b>Smith & Co</b>"),)),))
    data = notice_docx(notice)
    assert docx_paragraphs(data) == [("Normal", "<b>Smith & Co</b>")]
    assert docx_document(data).core_properties.author == "<b>Smith & Co</b>"


@pytest.mark.slow
def test_libreoffice_opens_it(workspace, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (make test installs libreoffice-writer-nogui)"
    notice, data = build(workspace)
    source = tmp_path / "notice.docx"
    source.write_bytes(data)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    converted = (tmp_path / "notice.pdf").read_bytes()
    assert len(pdf_reader(converted).pages) == 2
    text = pdf_text(converted)
    assert "freedomofinformation@lancashire.gov.uk" in text and "Page 2 of 2" in text
    footer = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(tmp_path / "notice.pdf"), "-"], capture_output=True, text=True).stdout
    line = next(line for line in footer.splitlines() if "Page 2 of 2" in line)
    assert line.startswith("Lancashire County Council") and line.rstrip().endswith("Page 2 of 2") and "  " * 10 in line  # far apart: at the margins


def test_a_compact_layout_tightens_the_standard_word_file_only(workspace):
    from docx.shared import Pt

    from noticekit.render.variants import LARGE_PRINT, STANDARD

    assert LARGE_PRINT.compacted() is LARGE_PRINT
    notice, _ = build(workspace)
    document = docx_document(notice_docx(notice, variant=STANDARD.compacted()))
    normal, heading = document.styles["Normal"].paragraph_format, document.styles["Heading 1"].paragraph_format
    assert (normal.line_spacing, normal.space_after, heading.space_before) == (1.0, Pt(2), Pt(5))
    section = document.sections[0]
    assert [round(length.mm) for length in (section.top_margin, section.left_margin, section.header_distance, section.footer_distance)] == [9, 12, 6, 6]
    plain = docx_document(notice_docx(notice)).styles
    assert (plain["Normal"].paragraph_format.line_spacing, plain["Normal"].paragraph_format.space_after) == (1.3, Pt(6))


def test_a_long_council_name_fits_the_word_files_properties(workspace):
    notice, _ = build(workspace)
    long = dataclasses.replace(notice, author="A" * 200, subject="How " + "B" * 300 + " uses information")
    properties = docx_document(notice_docx(long)).core_properties
    assert (properties.author, len(properties.subject), properties.subject[-1]) == ("A" * 200, 255, "\u2026")


def reference_template(path, **extra) -> None:
    """A council's Word template: Heading 1 in red Georgia, 30 mm margins, its own header, and text of its own."""
    from docx.shared import RGBColor

    template = docx.Document()
    heading = template.styles["Heading 1"]
    heading.font.name, heading.font.color.rgb = "Georgia", RGBColor(0xFF, 0x00, 0x00)
    template.sections[0].left_margin = Mm(30)
    template.sections[0].header.paragraphs[0].text = "Councilshire corporate header"
    template.add_paragraph("The template's own text, which the notice replaces")
    template.save(path)


def test_a_councils_word_template_gives_its_styles_page_and_header(workspace_dir, cli):
    reference_template(workspace_dir / "profiles" / "corporate.docx")
    profile = workspace_dir / "profiles" / "lancashire.toml"
    profile.write_text(profile.read_text().replace("[website]", 'docx_template = "corporate.docx"\n[website]'))
    assert cli("render", "lancashire", "--docx").exit_code == 0
    document = docx.Document(workspace_dir / "out" / "lancashire" / "children-in-need-1998.docx")
    heading = document.styles["Heading 1"]
    assert (heading.font.name, str(heading.font.color.rgb)) == ("Georgia", "FF0000")
    assert round(document.sections[0].left_margin.mm) == 30
    assert document.sections[0].header.paragraphs[0].text == "Councilshire corporate header"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "The template's own text, which the notice replaces" not in texts
    assert [p.style.name for p in document.paragraphs][:3] == ["Title", "Heading 1", "Normal"]
    assert "Hyperlink" in [style.name for style in document.styles]


@pytest.mark.parametrize(("variant", "smallest"), [("standard", 12), ("large-print", 16)])
def test_a_templates_small_header_and_footer_are_raised_to_the_promised_size(workspace_dir, cli, variant, smallest):
    """RNIB's sizes are for all text a reader must read: a template's 8 pt footer, in its style
    and in a run sized by hand, comes out at 12 pt (16 pt in large print)."""
    from docx.shared import Pt

    template = docx.Document()
    template.styles["Footer"].font.size = Pt(8)
    template.sections[0].footer.paragraphs[0].add_run("OFFICIAL").font.size = Pt(7)
    template.save(workspace_dir / "profiles" / "corporate.docx")
    profile = workspace_dir / "profiles" / "lancashire.toml"
    profile.write_text(profile.read_text().replace("[website]", 'docx_template = "corporate.docx"\n[website]'))
    assert cli("render", "lancashire", "--docx", "--variant", variant).exit_code == 0
    suffix = "" if variant == "standard" else f".{variant}"
    document = docx.Document(workspace_dir / "out" / "lancashire" / f"children-in-need-1998{suffix}.docx")
    assert document.styles["Footer"].font.size.pt == smallest
    sizes = [run.font.size.pt for run in document.sections[0].footer.paragraphs[0].runs if run.font.size is not None]
    assert sizes and min(sizes) >= smallest


@pytest.mark.parametrize(("content", "message"), [
    (b"just text", "'corporate.docx' is not a Word document; save the template as a .docx file"),
    ("macros", "'corporate.docx' holds macros (a .docm); save the template as a plain Word document (.docx), without macros"),
])
def test_a_word_template_that_is_not_a_plain_word_document_is_refused(workspace_dir, cli, content, message):
    import zipfile

    target = workspace_dir / "profiles" / "corporate.docx"
    if content == "macros":
        reference_template(target)
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr("word/vbaProject.bin", b"macro code")
    else:
        target.write_bytes(content)
    profile = workspace_dir / "profiles" / "lancashire.toml"
    profile.write_text(profile.read_text().replace("[website]", 'docx_template = "corporate.docx"\n[website]'))
    result = cli("render", "lancashire", "--docx")
    assert (result.exit_code, result.stderr) == (1, f"profiles/lancashire.toml: docx_template: {message}\n")
