"""Notice -> HTML: the page WeasyPrint lays out. Every value is escaped; nothing is fetched but the stylesheets given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape

from noticekit.document import Block, BulletList, Heading, Image, Inline, LineBreak, Link, Notice, Paragraph, Text


def notice_html(notice: Notice, stylesheets: list[str], url_of: Callable[[Path], str] = Path.as_uri) -> str:
    """A complete HTML document for ``notice`` that links ``stylesheets`` (URLs) in order.

    ``url_of`` turns a picture's path into the URL the page uses for it.
    """
    links = Markup("").join(Markup('<link rel="stylesheet" href="{}">\n').format(url) for url in stylesheets)
    head = Markup(
        '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        '<meta name="author" content="{author}">\n<meta name="description" content="{subject}">\n'
        '<meta name="dcterms.created" content="{date}">\n<meta name="dcterms.modified" content="{date}">\n'
        "{links}</head>\n<body>\n"
        '<p class="masthead" data-short-title="{short_title}">{logo}{author}</p>\n'
    ).format(
        logo=_logo(notice.logo, url_of),
        lang=notice.lang, title=notice.title, author=notice.author, subject=notice.subject,
        short_title=notice.short_title, links=links, date=notice.date.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    body = Markup("\n").join(_block(block) for block in notice.blocks)
    return str(head + body + Markup("\n</body>\n</html>\n"))


def _logo(logo: Image | None, url_of: Callable[[Path], str]) -> Markup:
    if logo is None:
        return Markup("")
    return Markup('<img class="logo" src="{}" alt="{}">').format(url_of(logo.path), logo.alt)


def _block(block: Block) -> Markup:
    if isinstance(block, Heading):
        return Markup("<h{0}>{1}</h{0}>").format(block.level, _runs(block.runs))
    if isinstance(block, Paragraph):
        return Markup("<p>{}</p>").format(_runs(block.runs))
    if isinstance(block, BulletList):
        items = Markup("").join(Markup("<li>{}</li>").format(_runs(item)) for item in block.items)
        return Markup("<ul>{}</ul>").format(items)
    raise TypeError(f"unknown block {block!r}")


def _runs(runs: tuple[Inline, ...]) -> Markup:
    return Markup("").join(_inline(run) for run in runs)


def _inline(run: Inline) -> Markup:
    if isinstance(run, LineBreak):
        return Markup("<br>")
    if isinstance(run, Link):
        return Markup('<a href="{}">{}</a>').format(run.href, run.text)
    if isinstance(run, Text):
        return Markup("<strong>{}</strong>").format(run.text) if run.strong else escape(run.text)
    raise TypeError(f"unknown inline {run!r}")
