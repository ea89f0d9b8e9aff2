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
        ("../fonts/OFL.txt", None, "'../fonts/OFL.txt' is a path; give the name of the logo file beside the profile, e.g. 'council-logo.png'"),
        ("/etc/hostname", None, "'/etc/hostname' is a path; give the name of the logo file beside the profile, e.g. 'council-logo.png'"),
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


def png_header(width: int, height: int, rest: bytes = b"") -> bytes:
    """A PNG's signature and IHDR chunk claiming ``width`` x ``height`` pixels, then ``rest``."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + rest


NESTED = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 60 + b"</g>" * 60 + b"</svg>"
UTF16_DOCTYPE = ('\ufeff<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>'
                 '<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>').encode("utf-16-le")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (png_header(11000, 11000), "'logo.png' is 11000 x 11000 pixels; at most 5000 on each side (a logo prints a few centimetres wide): make it smaller"),
        (png_header(20000, 10), "'logo.png' is 20000 x 10 pixels; at most 5000 on each side (a logo prints a few centimetres wide): make it smaller"),
        (png_header(10, 10, b"\x00\x00\x00\x05IDATgarbage"), "'logo.png' is not a readable PNG image ("),
        (b"\x89PNG\r\n\x1a\nshort", "'logo.png' is not a readable PNG image (its header is damaged); export it again"),
        (UTF16_DOCTYPE, "'logo.png' declares a DOCTYPE or entities; a logo must be a plain PNG or SVG file"),
        (NESTED, "'logo.png' nests its drawing more than 40 levels deep; export a simpler SVG"),
        (SVG.replace(b"<title>", b'<style>@import "https://evil.example/x.css";</style><title>'),
         "'logo.png' refers to '@import'; a logo must be self-contained (no links to other files or the web)"),
        (b"\xff\xfe" + SVG.decode().encode("utf-16-le"), None),  # UTF-16 with its mark, self-contained: fine
    ],
)
def test_a_logo_is_judged_before_any_renderer_sees_it(workspace, content, message):
    with_logo(workspace, "logo.png", content)
    if message is None:
        path = workspace.profiles / "lancashire.toml"
        assert load_logo(load_profile(path), path).kind == "svg"
        return
    assert logo_problem(workspace).startswith(f"profiles/lancashire.toml: logo.file: {message}")


def test_a_huge_or_strange_logo_file_is_refused_before_it_is_read(workspace):
    import os

    with_logo(workspace, "logo.png")
    huge = workspace.profiles / "logo.png"
    with open(huge, "wb") as file:
        file.truncate(3_000_000_000)  # sparse: 3 GB on paper, nothing on disk; reading it would take minutes
    assert logo_problem(workspace) == "profiles/lancashire.toml: logo.file: 'logo.png' is too large (3000.0 MB; at most 2.0 MB); use a PNG or SVG file"
    huge.unlink()
    os.mkfifo(huge)  # a named pipe would make a read wait for ever
    assert logo_problem(workspace) == "profiles/lancashire.toml: logo.file: 'logo.png' is a named pipe, not a file; use a PNG or SVG file"


def test_a_logo_file_is_a_name_beside_the_profile_everywhere(cli, workspace_dir):
    result = cli("new", "leeds", "--name", "Leeds", "--website", "https://leeds.gov.uk", "--set", "logo.file=../../etc/passwd", "--set", "logo.alt=x")
    assert (result.exit_code, result.stderr) == (
        1, "logo.file: '../../etc/passwd' is a path; give the name of the logo file beside the profile, e.g. 'council-logo.png'\n")
    assert not (workspace_dir / "profiles" / "leeds.toml").exists()
