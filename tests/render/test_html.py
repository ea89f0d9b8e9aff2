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
    assert '<p class="masthead" data-short-title="Short" data-page="Page" data-of="of">&lt;b&gt;Smith &amp; &#34;Co&#34;&lt;/b&gt;</p>' in html
    assert "<h1>Title &amp; more</h1>" in html
    assert '<p class="address keep-with-previous">&lt;script&gt;alert(1)&lt;/script&gt;<br><strong>bold</strong></p>' in html
    assert '<ul class="keep-with-previous"><li><a href="https://a.gov.uk/?x=1&amp;y=2" class="unbroken">a&amp;b</a></li></ul>' in html
    assert "<script>" not in html


def test_the_web_page_uses_the_councils_colour_by_the_contrast_rules(workspace):
    from noticekit import api
    from noticekit.wording.compose import notice_for
    from noticekit.wording.layouts import load_layout

    authority = api.load_authorities(workspace, ["lancashire"])[0]
    layout = load_layout(workspace.layouts, "children-in-need-1998")
    notice = notice_for(authority, layout)
    plain = api.build_html(notice, layout, authority).decode()
    assert "--brand:" not in plain.split("</style>")[0].split("h1, h2")[0]
    for colour, text in (("#6b2c91", "#6b2c91"), ("#808080", "#0b3d6b")):  # 3.9:1 is for large headings only
        branded = authority.profile.model_copy(update={"brand_colour": colour})
        page = api.build_html(notice, layout, authority.__class__(authority.slug, authority.path, branded)).decode()
        assert f":root {{ --brand: {colour}; --brand-text: {text}; }}" in page
        assert "h1, h2 { color: var(--brand, #0b3d6b)" in page and "a { color: var(--brand-text, #0b3d6b)" in page
