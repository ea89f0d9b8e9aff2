"""check/coverage.py and wording/articles.py: the Article 13 items, and each layout's claims proved against its rendered wording."""

from __future__ import annotations

import pytest

from conftest import REPO
from noticekit import api
from noticekit.check.coverage import prove, sections
from noticekit.wording.articles import BY_KEY, ITEMS
from noticekit.wording.compose import notice_for
from noticekit.wording.document import BulletList, Heading, Notice, Paragraph, Text
from noticekit.wording.layouts import load_layout
from noticekit.workspace import Workspace
from readback import docx_text, pdf_text

LAYOUTS = sorted(path.parent.name for path in (REPO / "layouts").glob("*/layout.toml"))


@pytest.fixture(scope="module")
def example():
    workspace = Workspace.discover(REPO, profiles=REPO / "examples" / "profiles")
    [authority] = api.load_authorities(workspace, ["exampleshire"])
    return workspace, authority


def notice_of(*blocks) -> Notice:
    return Notice("T", "T", "en-GB", "Council", "S", tuple(blocks))


def test_the_items_are_article_13s_in_order():
    assert [item.key for item in ITEMS] == [
        "controller", "dpo", "purposes", "lawful_basis", "recipients", "transfers", "retention", "right_access",
        "right_rectification", "right_erasure", "right_restriction", "right_objection", "complaint_ico", "statutory",
        "automated",
    ]
    articles = [item.article for item in ITEMS]
    assert articles == sorted(articles) and articles[0] == "13(1)(a)" and articles[-1] == "13(2)(f)"


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_claim_holds_for_the_example_council(example, name):
    workspace, authority = example
    layout = load_layout(workspace.layouts, name)
    results = prove(notice_for(authority, layout), authority.profile, layout.coverage)
    claimed = dict(layout.coverage)
    assert [(r.item.key, r.covered) for r in results] == [(key, key in claimed) for key in BY_KEY]
    if layout.current:
        assert set(claimed) == set(BY_KEY), "a current layout covers every item"
    else:
        assert len(claimed) < len(BY_KEY)


@pytest.mark.slow
@pytest.mark.parametrize("name", [name for name in LAYOUTS if load_layout(REPO / "layouts", name).current])
def test_every_claim_holds_in_the_pdf_and_the_docx(example, tmp_path, name):
    """The same proof, on text read back from the files a council hands out."""
    workspace, authority = example
    layout = load_layout(workspace.layouts, name)
    api.render(["exampleshire"], layout=name, out=tmp_path, workspace=workspace)
    headings = [" ".join(b.runs[0].text.split()) for b in notice_for(authority, layout).blocks if isinstance(b, Heading)]
    for fmt, reader in (("pdf", pdf_text), ("docx", docx_text)):
        text = " ".join(reader((tmp_path / "exampleshire" / f"{name}.{fmt}").read_bytes()).split())
        starts = [text.index(heading) for heading in headings]
        for key, heading in layout.coverage:
            start = starts[headings.index(heading)]
            end = min([s for s in starts if s > start] or [len(text)])
            assert BY_KEY[key].missing(text[start:end], authority.profile) == [], (fmt, key)


def test_a_section_runs_to_the_next_heading_of_its_level():
    notice = notice_of(
        Heading(2, (Text("Rights"),)), Paragraph((Text("You can object."),)),
        Heading(3, (Text("Access"),)), BulletList(((Text("a copy"),),)),
        Heading(2, (Text("Complaints"),)), Paragraph((Text("Call   us."),)),
    )
    assert sections(notice) == {
        "Rights": "Rights You can object. Access a copy",
        "Access": "Access a copy",
        "Complaints": "Complaints Call us.",
    }


def test_an_unclaimed_item_is_missing_even_when_the_words_are_there(example):
    _, authority = example
    notice = notice_of(Heading(2, (Text("Keeping"),)), Paragraph((Text("We keep it for 7 years."),)))
    [result] = [r for r in prove(notice, authority.profile, ()) if r.item.key == "retention"]
    assert (result.section, result.covered, result.unproved) == (None, False, False)


def test_a_claim_needs_its_section_and_the_councils_own_values(example):
    _, authority = example
    notice = notice_of(Heading(2, (Text("Keeping"),)), Paragraph((Text("We keep it for 7 years."),)))
    results = {r.item.key: r for r in prove(notice, authority.profile, [("retention", "Keeping"), ("automated", "Computers")])}
    assert results["retention"].unproved and results["retention"].found
    assert results["retention"].missing == (repr(authority.profile.retention),)
    assert results["automated"].unproved and not results["automated"].found


def test_the_lawful_basis_is_the_provision_the_profile_names(example):
    _, authority = example
    item = BY_KEY["lawful_basis"]
    assert item.missing("Article 6(1)(e) and Article 9(2)(g)", authority.profile) == []
    assert item.missing("Article 6(1)(c) and Article 9(2)(g)", authority.profile) == ["'Article 6(1)(e)'"]

