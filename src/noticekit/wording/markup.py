"""Notice markup: the small XML language a layout's wording is written in, parsed into a Notice.

  <notice title="..." short-title="..." subject="..." author="..." lang="en-GB">
    <h1>..</h1> <h2>..</h2> <h3>..</h3>      headings
    <p>..</p>                                  paragraphs
    <ul><li>..</li></ul>                       bullet lists
  </notice>
Inside headings, paragraphs and items: text, <a href="https://|http://|mailto:">..</a>,
<strong>..</strong>, <span lang="..">..</span> and <br/>. Whitespace collapses as in HTML. A
heading, paragraph or list may carry lang="en-GB" or lang="cy-GB": a passage in the other
language, which screen readers speak in its own voice. Nothing else is accepted, so a layout
cannot smuggle images, scripts or attachments into a document.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import urlsplit

from noticekit.errors import LayoutError
from noticekit.wording.document import BulletList, Heading, Inline, LineBreak, Link, Notice, Paragraph, Text
from noticekit.wording.languages import ENGLISH, WELSH

HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
LINK_SCHEMES = ("https", "http", "mailto")
NOTICE_ATTRIBUTES = ("title", "short-title", "subject", "author", "lang")
LANGUAGE_TAGS = (ENGLISH, WELSH)  # the languages a notice, or a passage in it, may be in
# HTML collapses ASCII whitespace only: a no-break space in a value is kept as written.
_SPACE = re.compile(r"[ \t\n\r\f]+")


def parse_notice(markup: str, source: str, sources: Sequence[tuple[str, str]] = ()) -> Notice:
    """The Notice that ``markup`` describes; ``source`` names the file in error messages, and
    ``sources`` ((shown path, text) of the template files the markup was filled from) let a
    message point at the line an officer typed. A bare & or < in text is taken as written."""
    if "<!DOCTYPE" in markup or "<!ENTITY" in markup:
        raise LayoutError(f"{source}: DOCTYPE and ENTITY declarations are not allowed in notice markup")
    markup = _BARE_LESS.sub("&lt;", _BARE_AMPERSAND.sub("&amp;", markup))
    place = Place(source, sources)
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as error:
        line, column = error.position
        raise LayoutError(f"{place.of_output(markup, line, column)}: {_plain(str(error).split(': line ')[0])}") from None
    return _notice(root, place)


# An & that starts no entity, and a < that starts no tag, are text: "Health & Social Care", "a < b".
_BARE_AMPERSAND = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)")
_BARE_LESS = re.compile(r"<(?![A-Za-z/!?])")
_PLAIN = {
    "mismatched tag": "a closing tag does not match the tag it closes; give each <p>, <ul>, <li>, <a> and <strong> its own closing tag, in order",
    "unclosed token": "a tag is not finished; close it with >",
    "no element found": "the wording ends before every tag is closed; close each one, and end with </notice>",
    "junk after document element": "there is text or a tag after </notice>; move it inside",
    "not well-formed (invalid token)": "a character here cannot be read as markup; check the tag's spelling and its quotes",
    "duplicate attribute": "a tag has the same attribute twice; keep one",
}


def _plain(reason: str) -> str:
    return _PLAIN.get(reason, f"not well-formed markup ({reason})")


class Place:
    """Where in the files an officer edited a piece of the filled markup comes from."""

    def __init__(self, source: str, sources: Sequence[tuple[str, str]]) -> None:
        self.source, self.sources = source, [(shown, text.splitlines()) for shown, text in sources]

    def __str__(self) -> str:
        return self.source

    def of_text(self, text: str) -> str:
        """'file: line N' of the template line holding ``text`` (its first words), else the file."""
        words = " ".join(text.split())
        for length in (len(words), 40, 20, 10):
            snippet = words[:length].strip()
            if len(snippet) >= 4:
                for shown, lines in self.sources:
                    for number, line in enumerate(lines, 1):
                        if snippet in " ".join(line.split()):
                            return f"{shown}: line {number}"
        return self.source

    def of_output(self, markup: str, line: int, column: int) -> str:
        """The edited file's line for a position in the filled markup: found by the text around it."""
        lines = markup.splitlines()
        output = lines[line - 1] if 0 < line <= len(lines) else ""
        for width in (30, 15, 8):
            found = self.of_text(output[max(0, column - width):column + width])
            if found != self.source:
                return found
        return f"{self.source}: line {line}, column {column + 1} of the filled wording"


def _notice(root: ET.Element, source: Place) -> Notice:
    if root.tag != "notice":
        raise LayoutError(f"{source}: the markup must start with <notice>, not <{root.tag}>")
    missing = [name for name in NOTICE_ATTRIBUTES if not root.get(name, "").strip()]
    if missing:
        raise LayoutError(f"{source}: <notice> lacks the attribute {missing[0]!r}")
    unknown = sorted(set(root.attrib) - set(NOTICE_ATTRIBUTES))
    if unknown:
        raise LayoutError(f"{source}: <notice> has the unknown attribute {unknown[0]!r}")
    _no_loose_text(root, source)
    _language(root, source)
    return Notice(
        title=_clean(root.get("title")),
        short_title=_clean(root.get("short-title")),
        subject=_clean(root.get("subject")),
        author=_clean(root.get("author")),
        lang=root.get("lang").strip(),
        blocks=tuple(_block(element, source) for element in root),
    )


def _block(element: ET.Element, source: Place | str):
    if element.tag not in (*HEADINGS, "p", "ul"):
        raise LayoutError(f"{source}: <{element.tag}> is not notice markup; use h1, h2, h3, p or ul")
    unknown = sorted(set(element.attrib) - {"lang"})
    if unknown:
        raise LayoutError(f"{source}: <{element.tag}> has the unknown attribute {unknown[0]!r}; a block may have lang alone")
    lang = _language(element, source)
    if element.tag in HEADINGS:
        return Heading(HEADINGS[element.tag], _runs(element, source), lang)
    if element.tag == "p":
        return Paragraph(_runs(element, source), lang)
    _no_loose_text(element, source)  # a <ul>
    for child in element:
        if child.tag != "li":
            raise LayoutError(f"{source}: <ul> may hold only <li>, not <{child.tag}>")
    return BulletList(tuple(_runs(item, source) for item in element), lang)


def _language(element: ET.Element, source: Place | str) -> str | None:
    """The element's lang, one of LANGUAGE_TAGS (or None when it has none)."""
    lang = element.get("lang")
    if lang is not None and lang.strip() not in LANGUAGE_TAGS:
        raise LayoutError(f"{source}: <{element.tag}> lang={lang!r} is not a language a notice is made in; use one of: {', '.join(LANGUAGE_TAGS)}")
    return lang.strip() if lang is not None else None


def _runs(element: ET.Element, source: Place | str) -> tuple[Inline, ...]:
    runs = _inline(element, source, strong=False)
    runs = _trim(runs)
    if not any(isinstance(run, (Text, Link)) and run.text for run in runs):
        raise LayoutError(f"{source}: an empty <{element.tag}>; remove it or give it words")
    return tuple(runs)


def _inline(element: ET.Element, source: Place | str, strong: bool) -> list[Inline]:
    runs: list[Inline] = [Text(element.text, strong)] if element.text else []
    for child in element:
        runs.extend(_child(child, source, strong))
        if child.tail:
            runs.append(Text(child.tail, strong))
    return runs


def _child(child: ET.Element, source: Place | str, strong: bool) -> list[Inline]:
    if child.tag == "br":
        return [LineBreak()]
    if child.tag == "strong":
        return _inline(child, source, strong=True)
    if child.tag == "a":
        if len(child):
            raise LayoutError(f"{source}: <a> may hold only text")
        return [Link(_clean(child.text or ""), _href(child.get("href", ""), source))]
    if child.tag == "span":
        lang = _language(child, source)
        if lang is None or set(child.attrib) != {"lang"}:
            raise LayoutError(f"{source}: <span> marks a passage in another language: give it lang alone, e.g. <span lang=\"cy-GB\">")
        return [dataclasses.replace(run, lang=lang) if not isinstance(run, LineBreak) else run for run in _inline(child, source, strong)]
    raise LayoutError(f"{source}: <{child.tag}> is not allowed inside text; use a, strong, span or br")


def _href(href: str, source: Place | str) -> str:
    href = href.strip()
    if urlsplit(href).scheme not in LINK_SCHEMES:
        raise LayoutError(f"{source}: link target {href!r} is not allowed; use an https://, http:// or mailto: address")
    return href


def _trim(runs: list[Inline]) -> list[Inline]:
    """Collapse whitespace as HTML does: no space at the edges or around line breaks."""
    out: list[Inline] = []
    for run in runs:
        if isinstance(run, Text):
            text = _SPACE.sub(" ", run.text)
            previous = out[-1] if out else None
            if previous is None or isinstance(previous, LineBreak) or _ends_with_space(previous):
                text = text.lstrip()
            if text:
                out.append(dataclasses.replace(run, text=text))
        else:
            if isinstance(run, LineBreak) and out and isinstance(out[-1], Text):
                out[-1] = dataclasses.replace(out[-1], text=out[-1].text.rstrip())
            out.append(run)
    if out and isinstance(out[-1], Text):
        out[-1] = dataclasses.replace(out[-1], text=out[-1].text.rstrip())
    return [run for run in out if not (isinstance(run, Text) and not run.text)]


def _ends_with_space(run: Inline) -> bool:
    return isinstance(run, Text) and run.text.endswith(" ")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _no_loose_text(element: ET.Element, source: Place | str) -> None:
    loose = [text for text in [element.text] + [child.tail for child in element] if text and text.strip()]
    if loose:
        where = source.of_text(loose[0]) if isinstance(source, Place) else source
        shown = " ".join(loose[0].split())
        raise LayoutError(f"{where}: text directly inside <{element.tag}> ({shown[:40]!r}); put it in a <p> or <li>")
