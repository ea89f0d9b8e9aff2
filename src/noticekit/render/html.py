"""Notice -> HTML: the page WeasyPrint lays out. Every value is escaped; nothing is fetched but the stylesheets given."""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape

from noticekit.wording.document import Block, BulletList, Heading, Image, Inline, LineBreak, Link, Notice, Paragraph, Text, plain_text
from noticekit.wording.languages import PAGE_WORDS, QR_ALT, starts_version


def notice_html(notice: Notice, stylesheets: list[str], url_of: Callable[[Path], str] = Path.as_uri, page_css: str = "",
                qr: bool = False) -> str:
    """A complete HTML document for ``notice`` that links ``stylesheets`` (URLs) in order.

    ``url_of`` turns a picture's path into the URL the page uses for it; ``page_css`` is
    trusted CSS (built from validated options) placed after the stylesheets; ``qr`` puts a QR
    code beside each web address.
    """
    return page_document(notice, url_of, qr, head_styles(stylesheets, with_qr_css(page_css, qr)))


def page_document(notice: Notice, url_of: Callable[[Path], str] = Path.as_uri, qr: bool = False, styles: Markup | None = None) -> str:
    """The HTML document of ``notice`` with ``styles`` (head_styles) as the last of its <head>; none: a
    page for a renderer given its stylesheets apart (render.pdf keeps them parsed between documents)."""
    head = Markup(
        '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n{meta}'
        '<meta name="dcterms.created" content="{date}">\n<meta name="dcterms.modified" content="{date}">\n'
        "{styles}</head>\n<body>\n"
        '<p class="masthead" data-short-title="{short_title}"{words}>{logo}{author}</p>\n'
    ).format(
        logo=_logo(notice.logo, url_of), meta=_meta(notice), lang=notice.lang, author=notice.author, words=_page_words(notice.lang),
        short_title=notice.short_title, styles=styles or Markup(""), date=notice.date.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    kept = _kept_with_previous(notice.blocks)
    body = _body(notice, lambda index, block, lang: _block(block, qr, kept[index], lang))
    return str(head + body + Markup("\n</body>\n</html>\n"))


def with_qr_css(page_css: str, qr: bool) -> str:
    """The page's own CSS, after the rule that draws QR codes' modules sharp when the page has them."""
    return f"{QR_CSS}{page_css}" if qr else page_css


def head_styles(stylesheets: list[str], page_css: str = "") -> Markup:
    """The <head>'s links to ``stylesheets`` (URLs), in order, then ``page_css`` (trusted) in a <style>."""
    links = Markup("").join(Markup('<link rel="stylesheet" href="{}">\n').format(url) for url in stylesheets)
    return links + Markup("<style>{}</style>\n").format(Markup(page_css)) if page_css else links


def _page_words(lang: str) -> Markup:
    """The words of the print design's "Page 1 of 4" in ``lang`` (print.css reads them with string-set)."""
    page, of = PAGE_WORDS[lang]
    return Markup(' data-page="{}" data-of="{}"').format(page, of)


def _body(notice: Notice, draw: Callable[[int, Block, str], Markup]) -> Markup:
    """The blocks, each run of blocks in another language than the notice's inside one
    <section lang>: a bilingual notice's other version (class "version": a new page in print, its
    own words under each page), or a passage. Screen readers switch voice at each."""
    parts, index, blocks = [], 0, notice.blocks
    while index < len(blocks):
        lang = blocks[index].lang
        end = next((i for i in range(index + 1, len(blocks)) if blocks[i].lang != lang or starts_version(blocks[i])), len(blocks))
        drawn = Markup("\n").join(draw(i, blocks[i], lang or notice.lang) for i in range(index, end))
        if lang is None:
            parts.append(drawn)
        elif starts_version(blocks[index]):
            parts.append(Markup('<section class="version" lang="{}"{}>\n{}\n</section>').format(lang, _page_words(lang), drawn))
        else:
            parts.append(Markup('<section lang="{}">\n{}\n</section>').format(lang, drawn))
        index = end
    return Markup("\n").join(parts)


def web_page(notice: Notice, css: str, url_of: Callable[[Path], str]) -> str:
    """A standalone web page of ``notice``: semantic, its CSS inlined, no outside requests.

    ``css`` is the layout's screen.css (checked to refer to nothing); ``url_of`` gives a
    picture's data: URL.
    """
    body = _body(notice, lambda index, block, lang: _block(block, lang=lang))
    return str(Markup(
        '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n{meta}'
        "<style>\n{css}</style>\n</head>\n<body>\n"
        '<header><p class="masthead">{logo}{author}</p></header>\n<main>\n{body}\n</main>\n'
        "<footer><p>{author} \u2014 {short_title}</p></footer>\n</body>\n</html>\n"
    ).format(lang=notice.lang, meta=_meta(notice), author=notice.author, css=Markup(css),
             logo=_logo(notice.logo, url_of), body=body, short_title=notice.short_title))


def _meta(notice: Notice) -> Markup:
    """The title, author and description lines both kinds of page carry."""
    return Markup(
        '<title>{}</title>\n<meta name="author" content="{}">\n<meta name="description" content="{}">\n'
    ).format(notice.title, notice.author, notice.subject)


def _logo(logo: Image | None, url_of: Callable[[Path], str]) -> Markup:
    if logo is None:
        return Markup("")
    return Markup('<img class="logo" src="{}" alt="{}">').format(url_of(logo.path), logo.alt)


TAIL = 2  # the last blocks kept with the one before them, so that no last page holds a line or two


def _kept_with_previous(blocks: tuple[Block, ...]) -> list[bool]:
    return [index >= len(blocks) - TAIL for index in range(len(blocks))]


def _class_names(block: Block, kept_with_previous: bool) -> list[str]:
    """The print design's hooks for keeping together what belongs together: ``lead-in`` (a
    paragraph that introduces what follows, "please visit:"), ``address`` (lines broken by hand)
    and ``keep-with-previous`` (the notice's last blocks)."""
    names = []
    if isinstance(block, Paragraph) and plain_text(block.runs).rstrip().endswith(":"):
        names.append("lead-in")
    if isinstance(block, Paragraph) and any(isinstance(run, LineBreak) for run in block.runs):
        names.append("address")
    if kept_with_previous:
        names.append("keep-with-previous")
    return names


def _block(block: Block, qr: bool = False, kept_with_previous: bool = False, lang: str = "en-GB") -> Markup:
    """One block; ``lang`` is the language it is in (its QR codes' text alternatives are in it too)."""
    names = _class_names(block, kept_with_previous)
    classes = Markup(' class="{}"').format(" ".join(names)) if names else Markup("")
    if isinstance(block, Heading):
        return Markup("<h{0}{1}>{2}</h{0}>").format(block.level, classes, _runs(block.runs))
    if isinstance(block, Paragraph):
        lead_in = "lead-in" in names  # its QR codes come between it and what it introduces
        return Markup("<p{}>{}</p>{}").format(classes, _runs(block.runs), _qr_row([block.runs], lang, lead_in) if qr else "")
    if isinstance(block, BulletList):
        items = Markup("").join(Markup("<li>{}</li>").format(_runs(item)) for item in block.items)
        return Markup("<ul{}>{}</ul>{}").format(classes, items, _qr_row(block.items, lang) if qr else "")
    raise TypeError(f"unknown block {block!r}")


@functools.lru_cache(maxsize=256)
def qr_png(href: str) -> str:
    """A QR code of ``href`` as a data: URL (the same addresses recur in every notice): a PNG of
    one grey-scale pixel per module, drawn without smoothing (QR_CSS), so that each module is a
    sharp square at any size, on screen and in print, in black ink alone. WeasyPrint draws one
    such image many times faster than the same code as an SVG of paths."""
    import segno
    from PIL import Image

    matrix = segno.make(href, error="m").matrix
    image = Image.frombytes("L", (len(matrix), len(matrix)), bytes(0 if dark else 255 for row in matrix for dark in row))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


QR_CSS = ".qr-code { image-rendering: pixelated; }"  # the PDF image's /Interpolate false: no blurred modules


def _qr_row(groups, lang: str, lead_in: bool = False) -> Markup:
    """The QR codes of a paragraph or list, in one row after it (inside a list item they would
    break its LI/LBody tags; beside a paragraph, WeasyPrint's table layout misbreaks lines)."""
    codes = Markup("").join(_qr_codes(runs, lang) for runs in groups)
    row = Markup('<div class="{}">{}</div>').format("qr-row lead-in" if lead_in else "qr-row", codes)
    return row if codes else Markup("")


def _qr_codes(runs: tuple[Inline, ...], lang: str) -> Markup:
    """A vector QR code for each web address in ``runs``. No caption: the address is printed in
    full in the text beside it, at the body's size (a caption small enough to fit under a code
    would be under RNIB's 12 pt)."""
    codes = []
    for link in (run for run in runs if isinstance(run, Link) and run.href.startswith(("https://", "http://"))):
        shown = link.text.removeprefix("https://").removeprefix("http://")
        alt = QR_ALT[lang].format(shown)
        codes.append(Markup('<span class="qr"><img class="qr-code" src="{}" alt="{}"></span>').format(qr_png(link.href), alt))
    return Markup("").join(codes)


def _runs(runs: tuple[Inline, ...]) -> Markup:
    """The runs, each in another language inside <span lang> (the PDF's tag repair gives its Span that /Lang)."""
    return Markup("").join(Markup('<span lang="{}">{}</span>').format(run.lang, _inline(run)) if getattr(run, "lang", None) else _inline(run)
                           for run in runs)


UNBROKEN = 45  # characters: a link this short never wraps (a longer one breaks at a slash or hyphen)


def _inline(run: Inline) -> Markup:
    if isinstance(run, LineBreak):
        return Markup("<br>")
    if isinstance(run, Link):  # a short address kept on one line: one link, one rectangle
        short = Markup(' class="unbroken"') if len(run.text) <= UNBROKEN else Markup("")
        return Markup('<a href="{}"{}>{}</a>').format(run.href, short, run.text)
    if isinstance(run, Text):
        return Markup("<strong>{}</strong>").format(run.text) if run.strong else escape(run.text)
    raise TypeError(f"unknown inline {run!r}")
