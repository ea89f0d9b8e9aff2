"""check/coverage.py and wording/articles.py: the Article 13 items, and each layout's claims proved against its rendered wording."""

from __future__ import annotations

import pytest

from conftest import REPO
from noticekit import api
from noticekit.wording.articles import BY_KEY, ITEMS
from noticekit.wording.claims import prove, sections
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


def test_the_items_are_articles_13_and_14s():
    assert [item.key for item in ITEMS] == [
        "controller", "dpo", "purposes", "lawful_basis", "special_category", "criminal_offence", "categories", "sources",
        "recipients", "transfers", "retention", "right_access", "right_rectification", "right_erasure", "right_restriction",
        "right_objection", "right_portability", "withdraw_consent", "complaint_ico", "statutory", "automated",
    ]
    articles = [item.article for item in ITEMS]
    assert articles[0] == "13(1)(a)" and articles[-1] == "13(2)(f)" and {"14(1)(d)", "14(2)(f)"} <= set(articles)


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_claim_holds_for_the_example_council(example, name):
    workspace, authority = example
    layout = load_layout(workspace.layouts, name)
    results = prove(notice_for(authority, layout), authority.profile, layout.coverage)
    claimed = dict(layout.coverage)
    applies = {key: item.applies(authority.profile) for key, item in BY_KEY.items()}
    assert [(r.item.key, r.covered) for r in results] == [(key, key in claimed and applies[key]) for key in BY_KEY]
    assert [r.item.key for r in results if not r.applies] == ["right_portability", "withdraw_consent"]
    if layout.current:
        assert set(claimed) == set(BY_KEY), "a current layout claims every item"
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
        lines = [" ".join(line.split()) for line in reader((tmp_path / "exampleshire" / f"{name}.{fmt}").read_bytes()).splitlines()]
        starts = []
        for heading in headings:  # each heading starts a line (and may wrap), after the one before
            starts.append(_line_of(lines, heading, starts[-1] + 1 if starts else 0))
        for key, heading in layout.coverage:
            if not BY_KEY[key].applies(authority.profile):
                continue
            start = starts[headings.index(heading)]
            end = min([s for s in starts if s > start] or [len(lines)])
            section = " ".join(lines[start:end])
            # a value the PDF wraps (a long web address) reads back with a space at the break
            missing = [m for m in BY_KEY[key].missing(section, authority.profile) if m[1:-1].replace(" ", "") not in section.replace(" ", "")]
            assert missing == [], (fmt, key)


def _line_of(lines: list[str], heading: str, after: int) -> int:
    return next(i for i in range(after, len(lines)) if " ".join(lines[i:i + 3]).startswith(heading))


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
    assert results["retention"].missing[:2] == ("'Child in need records'", '"until the child\'s 30th birthday"')
    assert "'https://www.exampleshire.gov.uk/retention'" in results["retention"].missing
    assert results["automated"].unproved and not results["automated"].found


def test_the_lawful_basis_is_each_provision_the_profile_names(example):
    _, authority = example
    item = BY_KEY["lawful_basis"]
    assert item.missing("Article 6(1)(e) and Article 6(1)(c)", authority.profile) == []
    assert item.missing("Article 6(1)(e) alone", authority.profile) == ["'Article 6(1)(c)'"]


def test_schedule_1_paragraphs_are_found_as_written_and_never_inside_a_longer_number(example):
    _, authority = example
    special, criminal = BY_KEY["special_category"], BY_KEY["criminal_offence"]
    assert special.missing("Article 9(2)(g), Article 9(2)(h) (Schedule 1, paragraphs 2, 6 and 18)", authority.profile) == []
    assert special.missing("Article 9(2)(g): Schedule 1, Part 2, paragraph 6 and Schedule 1, Part 2, paragraph 18; "
                           "Article 9(2)(h): Schedule 1, Part 1, paragraph 2", authority.profile) == []
    assert special.missing("Article 9(2)(g), Article 9(2)(h): Schedule 1, paragraphs 6 and 18, paragraph 12", authority.profile) == [
        "/\\bparagraphs?\\b[\\d ,and]*?\\b2\\b/"]
    assert criminal.missing("Article 10 lets us use information about offences under Schedule 1, paragraph 6", authority.profile) == [
        "/\\bparagraphs?\\b[\\d ,and]*?\\b18\\b/"]


def test_items_that_do_not_apply_are_not_applicable_with_the_reason(example):
    _, authority = example
    profile = authority.profile
    notice = notice_of(Heading(2, (Text("Consent"),)), Paragraph((Text("Nothing here."),)))
    results = {r.item.key: r for r in prove(notice, profile, [("withdraw_consent", "Consent")])}
    assert (results["withdraw_consent"].cell, results["withdraw_consent"].unproved) == ("n/a", False)
    assert results["withdraw_consent"].not_applicable == "no basis is consent (Article 6(1)(a) or 9(2)(a))"
    consent = profile.lawful_basis.model_copy(update={"article_6": (profile.lawful_basis.article_6[0].model_copy(update={"provision": "6(1)(a)"}),)})
    consenting = profile.model_copy(update={"lawful_basis": consent})
    results = {r.item.key: r for r in prove(notice, consenting, [("withdraw_consent", "Consent")])}
    assert (results["withdraw_consent"].cell, results["withdraw_consent"].unproved) == ("no", True)
    assert results["right_portability"].applies and results["right_portability"].unclaimed
    none_special = profile.model_copy(update={"information": profile.information.model_copy(update={"special_category": False})})
    [special] = [r for r in prove(notice, none_special, ()) if r.item.key == "special_category"]
    assert special.cell == "n/a" and "special_category = false" in special.not_applicable
