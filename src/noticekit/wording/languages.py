"""Notices in more than one language: English words inside a Welsh notice marked as English, and
the bilingual notice, the Welsh version then the English.

The Welsh Language Standards (Welsh Language (Wales) Measure 2011; the Welsh Language Standards
(No. 1) Regulations 2015) ask that in a bilingual document the Welsh be placed to be read first.
Welsh then English, each whole, reads best in print and on screen: facing columns would halve the
line (too short at 12 pt on A4, impossible at large print's 18 pt) and a web page or a screen
reader reads columns one after the other anyway. In print the English starts on a new page.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from noticekit.errors import LayoutError
from noticekit.wording.document import Block, Heading, Inline, Notice, Text, passage_languages, run_groups, with_run_groups

WELSH, ENGLISH = "cy-GB", "en-GB"
# The words of "Page 1 of 4" under each page, and of a QR code's text alternative, in each language.
PAGE_WORDS = {ENGLISH: ("Page", "of"), WELSH: ("Tudalen", "o")}
QR_ALT = {ENGLISH: "QR code for {}", WELSH: "Cod QR ar gyfer {}"}
# A profile's languages: the file name's part for each ("" for English).
SUFFIXES = {"en": "", "cy": ".cy", "bilingual": ".bilingual"}
NAMES = {"en": "English", "cy": "Welsh", "bilingual": "bilingual"}  # what `noticekit list` calls each


def mark_passages(notice: Notice, texts: Iterable[str], lang: str) -> Notice:
    """``notice`` with each occurrence of ``texts`` (values printed in another language) marked as ``lang``."""
    texts = sorted({text for text in texts if text.strip()}, key=len, reverse=True)
    if not texts:
        return notice
    pattern = re.compile("|".join(re.escape(text) for text in texts))
    return dataclasses.replace(notice, blocks=tuple(_marked_block(block, pattern, lang) for block in notice.blocks))


def _marked_block(block: Block, pattern: re.Pattern, lang: str) -> Block:
    return with_run_groups(block, tuple(_marked_runs(runs, pattern, lang) for runs in run_groups(block)))


def _marked_runs(runs: tuple[Inline, ...], pattern: re.Pattern, lang: str) -> tuple[Inline, ...]:
    marked: list[Inline] = []
    for run in runs:
        if not isinstance(run, Text) or run.lang is not None:
            marked.append(run)
            continue
        start = 0
        for found in pattern.finditer(run.text):
            marked += [Text(run.text[start:found.start()], run.strong)] if found.start() > start else []
            marked.append(Text(found[0], run.strong, lang))
            start = found.end()
        marked += [Text(run.text[start:], run.strong)] if start < len(run.text) else []
    return tuple(marked)


def bilingual(welsh: Notice, english: Notice) -> Notice:
    """One notice: the Welsh version, then the English, each block of it marked as English (marks
    that then say nothing are dropped by ``passages``). Titles and description carry both
    languages, the Welsh first."""
    return dataclasses.replace(
        welsh,
        title=f"{welsh.title} / {english.title}",
        short_title=f"{welsh.short_title} / {english.short_title}",
        subject=f"{welsh.subject} / {english.subject}",
        blocks=welsh.blocks + tuple(dataclasses.replace(block, lang=block.lang or english.lang) for block in english.blocks),
        versions=tuple((version.lang, version.title, version.subject) for version in (welsh, english)),
    )


def starts_version(block: Block) -> bool:
    """Whether ``block`` begins another language's version of the notice (its title, marked in that language)."""
    return isinstance(block, Heading) and block.level == 1 and block.lang is not None


def versions(notice: Notice) -> list[str]:
    """The languages of the notice's versions, in order: its own, then (bilingual) the other."""
    return [notice.lang, *(block.lang for block in notice.blocks if starts_version(block))]


def passages(notice: Notice, source: str) -> Notice:
    """``notice`` with each language mark that says nothing dropped (a block in the notice's own
    language, a run in its block's), checked to hold passages in one other language at most, never
    one inside another: what every backend can mark (the PDF's tags mark each passage as it)."""
    blocks = []
    for block in notice.blocks:
        lang = block.lang if block.lang != notice.lang else None
        around = lang or notice.lang
        groups = tuple(tuple(dataclasses.replace(run, lang=None) if getattr(run, "lang", None) == around else run for run in runs)
                       for runs in run_groups(block))
        for runs in groups:
            inner = next((run.lang for run in runs if getattr(run, "lang", None)), None)
            if lang and inner:
                raise LayoutError(f"{source}: a passage in {inner} inside a passage in {lang}; mark each passage once, "
                                  f"in the notice's own language ({notice.lang}) around it")
        blocks.append(dataclasses.replace(with_run_groups(block, groups), lang=lang))
    cleaned = dataclasses.replace(notice, blocks=tuple(blocks))
    others = passage_languages(cleaned)
    if len(others) > 1:
        raise LayoutError(f"{source}: passages in {' and '.join(sorted(others))} in one {notice.lang} notice; a notice holds "
                          "its own language and one other at most")
    return cleaned
