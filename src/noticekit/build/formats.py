"""One authority's documents as bytes, in each format: PDF, DOCX and the web page.

WeasyPrint, python-docx and pikepdf are imported only when a PDF or a DOCX is made (so that a
run that finds everything up to date starts quickly).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from noticekit.build.products import Options, Product
from noticekit.errors import LayoutError
from noticekit.problems import display_path
from noticekit.profiles.authority import Authority
from noticekit.profiles.colours import text_colour
from noticekit.profiles.logo import Image
from noticekit.render.variants import STANDARD, Variant
from noticekit.wording.document import Notice, passage_languages
from noticekit.wording.layouts import Layout
from noticekit.workspace import Workspace


def build(product: Product, notice: Notice, layout: Layout, authority: Authority, workspace: Workspace,
          options: Options | None = None) -> dict[str, bytes]:
    """The file(s) of one product: {file name: bytes}."""
    options = options or Options()
    names = product.files(layout.name)
    if product.fmt == "pdf":
        from noticekit.render.imposition import impose
        from noticekit.render.marks import add_marks

        pages = build_pdf(notice, layout, workspace, authority, product.variant, replace(options, marks=False))
        pdf = add_marks(pages) if options.marks else pages
        return dict(zip(names, (pdf, impose(pages, with_marks=options.marks)) if product.variant.imposed else (pdf,)))
    if product.fmt == "html":
        return {names[0]: build_html(notice, layout, authority)}
    return {names[0]: build_docx(notice, authority, product.variant.compacted() if layout.compact else product.variant)}


def build_pdf(notice: Notice, layout: Layout, workspace: Workspace, authority: Authority | None = None,
              variant: Variant = STANDARD, options: Options | None = None) -> bytes:
    """PDF bytes of ``notice`` in ``layout``'s design for ``variant``; WeasyPrint is imported only here."""
    from noticekit.render.marks import add_marks
    from noticekit.render.pdf import file_url, pdf_identifier, render_pdf

    options = options or Options()
    page = print_page(notice, layout, workspace, authority, variant, options)
    pdf = render_pdf(
        page.html,
        stylesheets=page.stylesheets,
        css=page.css,
        base_url=file_url(layout.folder) + "/",
        allowed=[workspace.layouts, workspace.fonts],
        source=display_path(layout.folder),
        identifier=pdf_identifier(portable(page.standalone(), page.stylesheets)),
        passages=next(iter(passage_languages(notice)), None),
        versions=notice.versions,
    )
    return add_marks(pdf) if options.marks else pdf


@dataclass(frozen=True)
class PrintPage:
    """The page WeasyPrint lays out for the PDF: its HTML, which holds no style, then the
    stylesheets (files) and the trusted CSS that style it, in that order. Given apart, the files
    are parsed once per process (render.pdf), not once per council."""

    html: str
    stylesheets: tuple[Path, ...]
    css: str

    def standalone(self) -> str:
        """The same page as one HTML document that links its stylesheets and holds its CSS (what
        plain WeasyPrint lays out the same way), as render.html.notice_html writes it."""
        from noticekit.render.html import head_styles
        from noticekit.render.pdf import file_url

        styles = head_styles([file_url(sheet) for sheet in self.stylesheets], self.css)
        return self.html.replace("</head>", f"{styles}</head>", 1)


def print_page(notice: Notice, layout: Layout, workspace: Workspace, authority: Authority | None = None,
               variant: Variant = STANDARD, options: Options | None = None) -> PrintPage:
    """The page WeasyPrint lays out for the PDF. The logo, like the QR codes, is in the page as a
    data: URL, read when the page is built: so every picture WeasyPrint sees is named by its
    content, and a worker can keep it between documents."""
    from noticekit.render.glyphs import require_glyphs
    from noticekit.render.html import page_document, with_qr_css

    fonts_css = workspace.fonts_css
    if not fonts_css.is_file():
        raise LayoutError(f"{display_path(fonts_css)}: missing; the fonts folder must declare its fonts there")
    require_glyphs(notice, layout, fonts_css, authority)
    options = options or Options()
    qr = options.qr and layout.qr
    css = with_qr_css(print_css(options, authority.profile.brand_colour if authority else None), qr)
    return PrintPage(page_document(notice, lambda path: data_url(notice.logo), qr), (fonts_css, *layout.stylesheets(variant)), css)


def portable(html: str, files: Sequence[Path]) -> str:
    """``html`` as if each of ``files`` were named by its file name alone, not its URL on this
    machine: what the PDF's identifier is derived from, so that the same notice has the same
    identifier wherever it is built. (A file URL is percent-encoded, so it stands in the HTML as
    it is, between quotes.)"""
    from noticekit.render.pdf import file_url

    for path in files:
        html = html.replace(f'"{file_url(path)}"', f'"{path.name}"')
    return html


def brand_css(brand: str | None) -> str:
    """The council's colours as CSS variables, from the validated colour only: --brand for large
    headings (at least 3:1 on white), --brand-text for smaller text (the layout's blue unless the
    brand colour reaches 4.5:1)."""
    return f"\n:root {{ --brand: {brand}; --brand-text: {text_colour(brand)}; }}\n" if brand else ""


def print_css(options: Options, brand: str | None = None) -> str:
    """CSS from validated values only: the brand colours, and the printers' bleed the command line
    asks for (noticekit draws the marks itself, outside the bleed: render/marks.py)."""
    css = brand_css(brand).strip()
    return css + (f"@page {{ bleed: {options.bleed}; }}" if options.bleed else "")


def build_docx(notice: Notice, authority: Authority, variant: Variant = STANDARD) -> bytes:
    from noticekit.render.docx import notice_docx

    brand = authority.profile.brand_colour
    return notice_docx(notice, font=authority.profile.docx_font, variant=variant, accent=brand, link=text_colour(brand) if brand else None,
                       template=authority.word_template)


def build_html(notice: Notice, layout: Layout, authority: Authority | None = None) -> bytes:
    """A standalone web page of the notice, in the layout's screen.css, with the council's colour
    (by the same contrast rules as the PDF)."""
    from noticekit.render.html import web_page

    brand = authority.profile.brand_colour if authority else None
    return web_page(notice, layout.screen_css() + brand_css(brand), lambda path: data_url(notice.logo)).encode("utf-8")


def data_url(logo: Image) -> str:
    """The logo, as the bytes that were checked when the profile was loaded, as a data: URL."""
    kind = "image/svg+xml" if logo.kind == "svg" else "image/png"
    return f"data:{kind};base64,{base64.b64encode(logo.data).decode('ascii')}"
