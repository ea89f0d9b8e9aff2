"""The document model: what a notice says, independent of PDF or DOCX.

A Notice is a title plus a sequence of blocks. Blocks hold inline runs. Every backend draws
from this model alone, so the wording exists once. A block or run whose ``lang`` is set is in
that language (a BCP 47 tag, "en-GB" or "cy-GB"); otherwise it is in the notice's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from noticekit.profiles.logo import Image  # the council's logo, checked where it is loaded

# The date of a document whose profile gives none and with no SOURCE_DATE_EPOCH set.
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Text:
    text: str
    strong: bool = False
    lang: str | None = None


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    lang: str | None = None


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Text | Link | LineBreak


@dataclass(frozen=True)
class Heading:
    level: int
    runs: tuple[Inline, ...]
    lang: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Inline, ...]
    lang: str | None = None


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]
    lang: str | None = None


Block = Heading | Paragraph | BulletList


@dataclass(frozen=True)
class Notice:
    """A whole notice. ``title`` is the document title; ``short_title`` goes in the web page's footer;
    ``date`` is the documents' creation and modification date (fixed, so output is reproducible)."""

    title: str
    short_title: str
    lang: str
    author: str
    subject: str
    blocks: tuple[Block, ...]
    date: dt.datetime = FIXED_DATE
    logo: Image | None = None
    versions: tuple[tuple[str, str, str], ...] = ()  # a bilingual notice's (language, title, description) of each version


def passage_languages(notice: Notice) -> set[str]:
    """The languages of the notice's passages in a language other than its own."""
    found = {block.lang for block in notice.blocks} | {
        run.lang for block in notice.blocks for runs in run_groups(block) for run in runs if not isinstance(run, LineBreak)}
    return found - {None, notice.lang}


def plain_text(runs: tuple[Inline, ...]) -> str:
    """The runs as the reader sees them, line breaks as newlines."""
    return "".join("\n" if isinstance(run, LineBreak) else run.text for run in runs)


def run_groups(block: Block) -> tuple[tuple[Inline, ...], ...]:
    """A block's text as runs: one group for a heading or paragraph, one per list item."""
    return block.items if isinstance(block, BulletList) else (block.runs,)


def with_run_groups(block: Block, groups: tuple[tuple[Inline, ...], ...]) -> Block:
    """``block`` holding ``groups`` (as run_groups gives them) instead of its own runs."""
    return dataclasses.replace(block, items=groups) if isinstance(block, BulletList) else dataclasses.replace(block, runs=groups[0])


def links(notice: Notice) -> list[Link]:
    """Every link in reading order."""
    return [run for block in notice.blocks for runs in run_groups(block) for run in runs if isinstance(run, Link)]


def plain_text_of(notice: Notice) -> str:
    """Everything a reader of the printed notice sees, as text: masthead, footer, every block."""
    parts = [notice.author, notice.short_title]
    for block in notice.blocks:
        parts.extend(plain_text(runs) for runs in run_groups(block))
    return "\n".join(parts)
