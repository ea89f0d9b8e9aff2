"""Notices in two languages: English passages marked inside Welsh, the bilingual notice, the checks."""

from __future__ import annotations

import pytest

from noticekit.errors import LayoutError
from noticekit.wording.document import BulletList, Heading, Notice, Paragraph, Text, passage_languages
from noticekit.wording.languages import bilingual, mark_passages, passages, versions
from noticekit.wording.markup import parse_notice


def notice(body: str, lang: str = "cy-GB", title: str = "Teitl") -> Notice:
    return parse_notice(f'<notice lang="{lang}" title="{title}" short-title="Byr" subject="Pwnc" author="Cyngor">{body}</notice>', "n.xml")


def test_english_values_in_a_welsh_notice_become_english_passages():
    marked = mark_passages(notice("<p>Rydym yn ei rhannu gyda: the NHS; yr heddlu; the NHS.</p><ul><li>the police</li></ul>"),
                           ["the NHS", "the police", ""], "en-GB")
    assert marked.blocks[0].runs == (
        Text("Rydym yn ei rhannu gyda: "), Text("the NHS", lang="en-GB"), Text("; yr heddlu; "), Text("the NHS", lang="en-GB"), Text("."))
    assert marked.blocks[1].items == ((Text("the police", lang="en-GB"),),)
    assert passage_languages(marked) == {"en-GB"}


def test_the_longest_english_value_is_marked_whole():
    marked = mark_passages(notice("<p>Tîm: Information Team Leader</p>"), ["Information Team", "Information Team Leader"], "en-GB")
    assert marked.blocks[0].runs == (Text("Tîm: "), Text("Information Team Leader", lang="en-GB"))


def test_the_bilingual_notice_is_the_welsh_then_the_english_marked_as_english():
    welsh = notice("<h1>Teitl</h1><p>Cymraeg <span lang=\"en-GB\">English</span></p>")
    english = notice('<h1>Title</h1><p>English <span lang="cy-GB">Cymraeg</span></p><ul><li>one</li></ul>', "en-GB", "Title")
    both = bilingual(welsh, english)
    assert both.lang == "cy-GB" and both.title == "Teitl / Title" and both.short_title == "Byr / Byr" and both.subject == "Pwnc / Pwnc"
    assert [type(block) for block in both.blocks] == [Heading, Paragraph, Heading, Paragraph, BulletList]
    assert [block.lang for block in both.blocks] == [None, None, "en-GB", "en-GB", "en-GB"]
    assert versions(both) == ["cy-GB", "en-GB"] and versions(welsh) == ["cy-GB"]
    with pytest.raises(LayoutError) as caught:  # a Welsh passage inside the English version: no tag could mark it
        passages(both, "layouts/x")
    assert caught.value.lines == ("layouts/x: a passage in cy-GB inside a passage in en-GB; mark each passage once, in the notice's own language (cy-GB) around it",)


def test_marks_that_say_nothing_are_dropped():
    cleaned = passages(notice('<p lang="cy-GB">Cymraeg <span lang="cy-GB">eto</span> <span lang="en-GB">English</span></p>'), "n")
    block = cleaned.blocks[0]
    assert block.lang is None and [run.lang for run in block.runs] == [None, None, None, "en-GB"]


def test_a_notice_holds_one_other_language_at_most():
    mixed = Notice("t", "s", "cy-GB", "a", "s", (Paragraph((Text("x", lang="en-GB"),)), Paragraph((Text("y", lang="fr-FR"),))))
    with pytest.raises(LayoutError) as caught:
        passages(mixed, "n")
    assert caught.value.lines == ("n: passages in en-GB and fr-FR in one cy-GB notice; a notice holds its own language and one other at most",)


@pytest.mark.parametrize(("markup", "message"), [
    ('<p lang="fr">x</p>', "n.xml: <p> lang='fr' is not a language a notice is made in; use one of: en-GB, cy-GB"),
    ('<p class="x">x</p>', "n.xml: <p> has the unknown attribute 'class'; a block may have lang alone"),
    ("<p><span>x</span></p>", 'n.xml: <span> marks a passage in another language: give it lang alone, e.g. <span lang="cy-GB">'),
])
def test_language_marks_in_markup_are_checked(markup, message):
    with pytest.raises(LayoutError) as caught:
        notice(markup)
    assert caught.value.lines == (message,)
