"""render/html.py: the HTML page WeasyPrint lays out, with every value escaped."""

from __future__ import annotations

from noticekit.render.html import notice_html
from noticekit.wording.document import BulletList, Heading, LineBreak, Link, Notice, Paragraph, Text

NOTICE = Notice(
    title="Title & more",
    short_title="Short",
    lang="en-GB",
    author='<b>Smith & "Co"</b>',
    subject="About",
    blocks=(
        Heading(1, (Text("Title & more"),)),
        Paragraph((Text("<script>alert(1)</script>"), LineBreak(), Text("bold", strong=True))),
        BulletList(((Link("a&b", "https://a.gov.uk/?x=1&y=2"),),)),
    ),
)


def test_page_head():
    html = notice_html(NOTICE, ["file:///f/fonts.css", "file:///l/print.css"])
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>Title &amp; more</title>')
    assert '<link rel="stylesheet" href="file:///f/fonts.css">\n<link rel="stylesheet" href="file:///l/print.css">' in html
    assert '<meta name="author" content="&lt;b&gt;Smith &amp; &#34;Co&#34;&lt;/b&gt;">' in html


def test_body_is_escaped_markup():
    html = notice_html(NOTICE, [])
    assert '<p class="masthead" data-short-title="Short">&lt;b&gt;Smith &amp; &#34;Co&#34;&lt;/b&gt;</p>' in html
    assert "<h1>Title &amp; more</h1>" in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br><strong>bold</strong></p>" in html
    assert '<ul><li><a href="https://a.gov.uk/?x=1&amp;y=2">a&amp;b</a></li></ul>' in html
    assert "<script>" not in html
