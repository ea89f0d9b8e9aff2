"""The current-law layouts (children-in-need, and children-in-need-young-people): what they need
from a profile, and that they render."""

from __future__ import annotations

import pytest

from conftest import REPO
from noticekit import api
from noticekit.wording.layouts import load_layout
from noticekit.workspace import Workspace
from output_check import to_pdf
from readback import docx_text, pdf_reader, pdf_text

LAYOUT = "children-in-need"


YOUNG = "children-in-need-young-people"


@pytest.mark.parametrize("layout", [LAYOUT, YOUNG])
def test_the_seed_councils_lack_what_current_law_needs(cli, workspace_dir, layout):
    for slug in ("hampshire", "lancashire"):
        result = cli("render", slug, "--layout", layout)
        assert (result.exit_code, result.stderr) == (
            1,
            f"profiles/{slug}.toml: layout {layout!r} needs dpo.email, complaints.email, retention, partners, "
            "reviewed, which this profile lacks; add them, or choose another --layout\n",
        )
    assert not (workspace_dir / "out" / "hampshire").exists()


def test_it_borrows_the_legacy_design():
    layout = load_layout(REPO / "layouts", LAYOUT)
    assert layout.design == REPO / "layouts" / "children-in-need-1998"
    assert layout.current and dict(layout.coverage)["complaint_ico"] == "How to complain"


@pytest.mark.slow
def test_the_example_council_renders_every_section(tmp_path):
    workspace = Workspace.discover(REPO, profiles=REPO / "examples" / "profiles")
    api.render(["exampleshire"], layout=LAYOUT, out=tmp_path, workspace=workspace)
    for fmt, reader in (("pdf", pdf_text), ("docx", docx_text)):
        text = " ".join(reader((tmp_path / "exampleshire" / f"{LAYOUT}.{fmt}").read_bytes()).split())
        for expected in (
            "Who we are", "Data Protection Officer", "dpo@exampleshire.gov.uk", "Article 6(1)(e)", "Article 9(2)(g)",
            "until their 75th birthday", "Exampleshire Youth Justice Service", "section 83 of the Children Act 1989",
            "children in need census", "SSDA903", "complaints@exampleshire.gov.uk", "ico.org.uk/make-a-complaint",
            "0303 123 1113", "We last reviewed this notice on 1 October 2026.", "Other formats",
        ):
            assert expected in text, (fmt, expected)
        assert "1998" not in text


@pytest.mark.slow
def test_the_young_peoples_notice_is_one_a4_page_with_the_same_facts(tmp_path):
    workspace = Workspace.discover(REPO, profiles=REPO / "examples" / "profiles")
    api.render(["exampleshire"], layout=YOUNG, out=tmp_path, workspace=workspace)
    pdf = (tmp_path / "exampleshire" / f"{YOUNG}.pdf").read_bytes()
    reader = pdf_reader(pdf)
    assert len(reader.pages) == 1
    assert [round(float(side) * 25.4 / 72) for side in reader.pages[0].mediabox[2:]] == [210, 297]
    # The Word file too, as LibreOffice prints it (with a wider font than Arial, if it lacks Arial).
    to_pdf([tmp_path / "exampleshire" / f"{YOUNG}.docx"], tmp_path)
    assert len(pdf_reader((tmp_path / "out" / f"{YOUNG}.pdf").read_bytes()).pages) == 1
    for fmt, text in (("pdf", pdf_text(pdf)), ("docx", docx_text((tmp_path / "exampleshire" / f"{YOUNG}.docx").read_bytes()))):
        text = " ".join(text.split())
        for expected in (
            "Exampleshire County Council", "Data Protection Officer", "dpo@exampleshire.gov.uk",
            "Article 6(1)(e): it is part of our job for the public",
            "Article 9(2)(g), for private things like your health: it matters for everyone's good",
            "until their 75th birthday", "Department for Education, the NHS, schools and colleges, the police and "
            "Exampleshire Youth Justice Service.", "outside the UK", "complaints@exampleshire.gov.uk",
            "ico.org.uk/make-a-complaint", "0303 123 1113", "We last checked this on 1 October 2026.",
        ):
            assert expected in text, (fmt, expected)


def test_the_young_peoples_lawful_basis_in_simple_words():
    from noticekit.profiles.profile import LawfulBasis, load_profile
    from noticekit.wording.compose import compose
    from noticekit.wording.document import plain_text_of

    example = load_profile(REPO / "examples" / "profiles" / "exampleshire.toml")
    basis = LawfulBasis(article_6="Article 6(1)(c): we must by law", article_9="Article 9(2)(h): for social care")
    notice = compose(example.model_copy(update={"lawful_basis": basis}), load_layout(REPO / "layouts", YOUNG))
    text = " ".join(plain_text_of(notice).split())
    assert "Article 6(1)(c): the law says we must" in text
    assert "Article 9(2)(h), for private things like your health: health or social care needs it" in text
