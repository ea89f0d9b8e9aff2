"""profiles/logo.py: a council's logo is a self-contained PNG or SVG beside its profile, with alt text."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from noticekit import api
from noticekit.errors import ProfileError
from noticekit.profiles.logo import load_logo, svg_outside_reference
from noticekit.profiles.profile import load_profile
from noticekit.wording.compose import notice_for
from noticekit.wording.layouts import load_layout
from readback import docx_document, docx_part, pdf_reader

PNG = REPO / "examples" / "profiles" / "exampleshire-logo.png"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Crest</title><rect width="10" height="10" fill="#0b3d6b"/></svg>'


def with_logo(workspace, file: str, content: bytes | None = None, alt: str = "Crest") -> None:
    path = workspace.profiles / "lancashire.toml"
    path.write_text(path.read_text() + f'\n[logo]\nfile = "{file}"\nalt = "{alt}"\n')
    if content is not None:
        (workspace.profiles / file).write_bytes(content)


def logo_problem(workspace) -> str:
    path = workspace.profiles / "lancashire.toml"
    with pytest.raises(ProfileError) as caught:
        load_logo(load_profile(path), path)
    return caught.value.lines[0]


def test_png_and_svg_logos_load(workspace):
    with_logo(workspace, "logo.png", PNG.read_bytes())
    path = workspace.profiles / "lancashire.toml"
    logo = load_logo(load_profile(path), path)
    assert (logo.kind, logo.alt, logo.path.name) == ("png", "Crest", "logo.png")
    (workspace.profiles / "logo.png").write_bytes(SVG)
    assert load_logo(load_profile(path), path).kind == "svg"


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("logo.png", b"this is text, not a picture", "'logo.png' is not a PNG or SVG image"),
        ("logo.svg", SVG.replace(b"<rect", b'<image href="https://evil.example/x.png"/><rect'), "'logo.svg' refers to 'https://evil.example/x.png'; a logo must be self-contained (no links to other files or the web)"),
        ("logo.svg", SVG.replace(b'fill="#0b3d6b"', b'style="fill: url(file:///etc/passwd)"'), "'logo.svg' refers to 'file:///etc/passwd'; a logo must be self-contained (no links to other files or the web)"),
        ("logo.svg", SVG.replace(b"<rect", b"<script>alert(1)</script><rect"), "'logo.svg' refers to '<script>'; a logo must be self-contained (no links to other files or the web)"),
        ("missing.png", None, "'missing.png' not found in profiles; check the file name"),
        ("../fonts/OFL.txt", None, "'../fonts/OFL.txt' is outside profiles; put the logo file beside the profile"),
        ("/etc/hostname", None, "'/etc/hostname' is outside profiles; put the logo file beside the profile"),
    ],
)
def test_unfit_logos_are_refused(workspace, file, content, message):
    with_logo(workspace, file, content)
    assert logo_problem(workspace) == f"profiles/lancashire.toml: logo.file: {message}"


def test_a_logo_symlinked_from_outside_is_refused(workspace, tmp_path):
    outside = tmp_path / "outside.png"
    shutil.copy(PNG, outside)
    (workspace.profiles / "logo.png").symlink_to(outside)
    with_logo(workspace, "logo.png")
    assert logo_problem(workspace) == "profiles/lancashire.toml: logo.file: 'logo.png' is outside profiles; put the logo file beside the profile"


def test_internal_svg_references_are_fine():
    assert svg_outside_reference(SVG.replace(b"<rect", b'<use href="#a"/><rect stroke="url(#g)"')) is None


@pytest.mark.slow
def test_the_logo_is_in_the_pdf_with_alt_text_and_in_the_docx_header(workspace):
    with_logo(workspace, "logo.png", PNG.read_bytes(), alt="Lancashire crest")
    authority = api.load_authorities(workspace, ["lancashire"])[0]
    layout = load_layout(workspace.layouts, "children-in-need-1998")
    notice = notice_for(authority, layout)
    pdf = pdf_reader(api.build_pdf(notice, layout, workspace))
    images = [name for name, obj in pdf.pages[0]["/Resources"]["/XObject"].items() if obj.get_object()["/Subtype"] == "/Image"]
    assert images
    figures = []
    stack = [pdf.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if node.get("/S") == "/Figure":
            figures.append(str(node.get("/Alt")))
        kids = node.get("/K")
        stack.extend(kid for kid in (kids if isinstance(kids, list) else [kids]) if kid is not None and hasattr(kid.get_object(), "get"))
    assert "Lancashire crest" in figures
    assert all(alt.startswith("QR code for ") for alt in figures if alt != "Lancashire crest")
    docx = api.build_docx(notice, authority)
    assert 'descr="Lancashire crest"' in docx_part(docx, "word/header1.xml")
    assert docx_document(docx).sections[0].header.paragraphs[0].text.strip() == "Lancashire County Council"
