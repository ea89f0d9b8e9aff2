"""wording/markup.py: the notice markup language, parsed strictly into the document model."""

from __future__ import annotations

import pytest

from noticekit.errors import LayoutError
from noticekit.wording.document import BulletList, Heading, LineBreak, Link, Paragraph, Text
from noticekit.wording.markup import parse_notice

HEAD = '<notice lang="en-GB" title="T" short-title="S" subject="About" author="Testshire Council">'


def parse(body: str):
    return parse_notice(f"{HEAD}{body}</notice>", "notice.xml.j2")


def test_blocks_and_inline_runs():
    notice = parse("""
      <h1>Title</h1>
      <h2>Part  one</h2>
      <p>Visit
         <a href="https://a.gov.uk">a.gov.uk</a> or
         <strong>write</strong>:<br/>  County Hall </p>
      <ul><li>one</li><li>two <a href="mailto:x@a.gov.uk">x@a.gov.uk</a></li></ul>
    """)
    assert (notice.title, notice.short_title, notice.subject, notice.author, notice.lang) == ("T", "S", "About", "Testshire Council", "en-GB")
    assert notice.blocks == (
        Heading(1, (Text("Title"),)),
        Heading(2, (Text("Part one"),)),
        Paragraph((Text("Visit "), Link("a.gov.uk", "https://a.gov.uk"), Text(" or "), Text("write", strong=True), Text(":"), LineBreak(), Text("County Hall"))),
        BulletList(((Text("one"),), (Text("two "), Link("x@a.gov.uk", "mailto:x@a.gov.uk")))),
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<img src='x.png'/>", "notice.xml.j2: <img> is not notice markup; use h1, h2, h3, p or ul"),
        ("<p>a <script>x</script></p>", "notice.xml.j2: <script> is not allowed inside text; use a, strong, span or br"),
        ("<p><a href='javascript:alert(1)'>x</a></p>", "notice.xml.j2: link target 'javascript:alert(1)' is not allowed; use an https://, http:// or mailto: address"),
        ("<p><a href='file:///etc/passwd'>x</a></p>", "notice.xml.j2: link target 'file:///etc/passwd' is not allowed; use an https://, http:// or mailto: address"),
        ("<ul><p>x</p></ul>", "notice.xml.j2: <ul> may hold only <li>, not <p>"),
        ("loose words", "notice.xml.j2: text directly inside <notice> ('loose words'); put it in a <p> or <li>"),
        ("<p>  </p>", "notice.xml.j2: an empty <p>; remove it or give it words"),
        ("<p>unclosed", "notice.xml.j2: line 1, column 104 of the filled wording: a closing tag does not match the tag it closes; give each <p>, <ul>, <li>, <a> and <strong> its own closing tag, in order"),
    ],
)
def test_anything_else_is_refused(body, message):
    with pytest.raises(LayoutError) as caught:
        parse(body)
    assert caught.value.lines == (message,)


def test_notice_attributes_are_required():
    with pytest.raises(LayoutError) as caught:
        parse_notice('<notice lang="en-GB" title="T"><p>x</p></notice>', "n")
    assert caught.value.lines == ("n: <notice> lacks the attribute 'short-title'",)


def test_entities_are_refused():
    with pytest.raises(LayoutError, match="DOCTYPE and ENTITY declarations are not allowed"):
        parse_notice('<!DOCTYPE notice [<!ENTITY e SYSTEM "file:///etc/passwd">]><notice>&e;</notice>', "n")


def test_a_no_break_space_is_kept():
    notice = parse("<p>PO Box\u00a078\n   County Hall</p>")
    assert notice.blocks == (Paragraph((Text("PO Box\u00a078 County Hall"),)),)
