"""The current-law layouts (children-in-need, and children-in-need-young-people): what they need
from a profile, that they state each of the council's own facts (read back from the PDF and the
DOCX and compared with the profile), and that the current notice is the default."""

from __future__ import annotations

import pytest

from conftest import REPO, write_profile
from noticekit import api
from noticekit.profiles.profile import load_profile
from noticekit.wording.compose import compose
from noticekit.wording.document import plain_text_of
from noticekit.wording.layouts import load_layout
from noticekit.workspace import Workspace
from output_check import to_pdf
from readback import docx_text, pdf_reader, pdf_text

LAYOUT = "children-in-need"
YOUNG = "children-in-need-young-people"
EXAMPLE = REPO / "examples" / "profiles"
NEEDS = "dpo.email, complaints.email, retention, partners, transfers, automated_decisions, reviewed"
WARNING = ("layout 'children-in-need-1998' cites the Data Protection Act 1998, repealed on 25 May 2018; it was replaced by the UK GDPR "
           "and the Data Protection Act 2018; for today's notice use layout 'children-in-need' (layout = 'children-in-need' in the "
           "profile, or --layout children-in-need)")


def flat(text: str) -> str:
    return " ".join(text.split())


def example_texts(tmp_path, layout: str) -> dict[str, str]:
    """The example council's notice in ``layout``, read back from its PDF and its DOCX."""
    api.render(["exampleshire"], layout=layout, out=tmp_path, workspace=Workspace.discover(REPO, profiles=EXAMPLE))
    folder = tmp_path / "exampleshire"
    return {"pdf": flat(pdf_text((folder / f"{layout}.pdf").read_bytes())), "docx": flat(docx_text((folder / f"{layout}.docx").read_bytes()))}


@pytest.mark.parametrize("layout", [LAYOUT, YOUNG])
def test_the_seed_councils_lack_what_current_law_needs(cli, workspace_dir, layout):
    for slug in ("hampshire", "lancashire"):
        result = cli("render", slug, "--layout", layout)
        assert (result.exit_code, result.stderr) == (
            1, f"profiles/{slug}.toml: layout {layout!r} needs {NEEDS}, which this profile lacks; add them, or choose another --layout\n",
        )
    assert not (workspace_dir / "out" / "hampshire").exists()


def test_it_borrows_the_legacy_design():
    layout = load_layout(REPO / "layouts", LAYOUT)
    assert layout.design == REPO / "layouts" / "children-in-need-1998"
    assert layout.current and dict(layout.coverage)["complaint_ico"] == "How to complain"


@pytest.mark.slow
def test_the_example_councils_notice_states_each_of_its_own_facts(tmp_path):
    profile = load_profile(EXAMPLE / "exampleshire.toml")
    basis, information = profile.lawful_basis, profile.information
    expected = [
        *information.sources, *information.about, *information.categories,
        *(f"Article {item.provision}, " for item in basis.article_6), *(item.duty for item in basis.article_6),
        *(f"Article {item.provision}, " for item in basis.article_9),
        *(f"Schedule 1, Part {paragraph.part}, paragraph {paragraph.number} ({paragraph.heading})"
          for item in basis.article_9 for paragraph in item.paragraphs),
        "Article 10 of the UK GDPR", *(f"paragraph {number} " for number in basis.article_10.schedule_1), *basis.statutes,
        *(f"{partner.name}: {partner.why}" for partner in profile.partners),
        *(f"{period.records}: {period.period}" + (f" from {period.start}" if period.start else "") for period in profile.retention.periods),
        profile.retention.schedule, profile.retention.summary,
        profile.transfers.statement, profile.automated_decisions.statement,
        f"number {profile.ico_registration}", profile.dpo.organisation, profile.dpo.phone,
        profile.contacts.subject_access.email, profile.contacts.subject_access.phone,
        "National Pupil Database", "section 83 of the Children Act 1989", "children in need census", "SSDA903",
        "We will reply within one month.", "usually from about the age of 12",
        "we will then stop, unless we have strong reasons to carry on",
        "complaints@exampleshire.gov.uk", "ico.org.uk/make-a-complaint", "0303 123 1113",
        "We last reviewed this notice on 1 October 2026. We will review it again by 1 October 2027.",
    ]
    for fmt, text in example_texts(tmp_path, LAYOUT).items():
        for value in expected:
            assert flat(value) in text, (fmt, value)
        assert "1998" not in text and "Withdrawing your consent" not in text  # no basis is consent


@pytest.mark.slow
def test_the_young_peoples_notice_is_one_a4_page_with_the_same_facts(tmp_path):
    texts = example_texts(tmp_path, YOUNG)
    pdf = (tmp_path / "exampleshire" / f"{YOUNG}.pdf").read_bytes()
    reader = pdf_reader(pdf)
    assert len(reader.pages) == 1
    assert [round(float(side) * 25.4 / 72) for side in reader.pages[0].mediabox[2:]] == [210, 297]
    # The Word file too, as LibreOffice prints it (with a wider font than Arial, if it lacks Arial).
    to_pdf([tmp_path / "exampleshire" / f"{YOUNG}.docx"], tmp_path)
    assert len(pdf_reader((tmp_path / "out" / f"{YOUNG}.pdf").read_bytes()).pages) == 1
    profile = load_profile(EXAMPLE / "exampleshire.toml")
    for fmt, text in texts.items():
        for expected in (
            "Exampleshire County Council", "Data Protection Officer, from Exampleshire Data Protection Service,", "dpo@exampleshire.gov.uk",
            "Article 6(1)(e): it is part of our job for the public", "Article 6(1)(c): the law says we must",
            "for private things like your health, Article 9(2)(g): it matters for everyone's good; Article 9(2)(h): health or social "
            "care needs it (Data Protection Act 2018, Schedule 1, paragraphs 2, 6 and 18)",
            "for anything about offences, Article 10 (Schedule 1, paragraphs 6 and 18)", ", ".join(profile.information.sources[:-1]),
            "Child protection records: 35 years from the date the case is closed.", "National Pupil Database",
            "Department for Education, the NHS, schools and colleges, the police and Exampleshire Youth Justice Service.",
            profile.transfers.statement, profile.automated_decisions.statement,
            "subjectaccess@exampleshire.gov.uk", "within one month", "usually from about age 12",
            "we stop unless we have a strong reason", "complaints@exampleshire.gov.uk",
            "ico.org.uk/make-a-complaint", "0303 123 1113", "We last checked this on 1 October 2026.",
        ):
            assert flat(expected) in text, (fmt, expected)


def test_every_basis_is_said_in_simple_words_and_consent_brings_its_own_sections():
    """Two bases in the profile are two lines on the young people's page (none is dropped), and a
    consent basis brings the right to withdraw it, data portability and 'your choice'."""
    example = load_profile(EXAMPLE / "exampleshire.toml")
    basis = example.lawful_basis.model_copy(update={"article_6": (
        example.lawful_basis.article_6[0].model_copy(update={"provision": "6(1)(a)"}), example.lawful_basis.article_6[1])})
    consenting = example.model_copy(update={"lawful_basis": basis})
    young = flat(plain_text_of(compose(consenting, load_layout(REPO / "layouts", YOUNG))))
    assert "Article 6(1)(a): you agreed" in young and "Article 6(1)(c): the law says we must" in young
    assert "you can withdraw your consent at any time" in young and "to another organisation" in young
    adults = flat(plain_text_of(compose(consenting, load_layout(REPO / "layouts", LAYOUT))))
    assert "Withdrawing your consent" in adults and "a form you can move to another organisation" in adults
    alone = example.model_copy(update={"lawful_basis": basis.model_copy(update={"article_6": basis.article_6[:1]})})
    section = flat(plain_text_of(compose(alone, load_layout(REPO / "layouts", LAYOUT)))).split("Do you have to give us this information?")[1].strip()
    assert section.startswith("Giving us this information is your choice.") and "law" not in section.split("How long")[0]


@pytest.mark.slow
def test_a_profile_without_layout_gets_the_current_notice_and_hampshire_the_1998_one_with_a_warning(cli, workspace_dir):
    example = (EXAMPLE / "exampleshire.toml").read_text("utf-8").replace('layout = "children-in-need"\n', "")
    write_profile(workspace_dir, "exampleshire", example)
    for name in ("exampleshire-logo.png", "exampleshire-template.docx"):
        (workspace_dir / "profiles" / name).write_bytes((EXAMPLE / name).read_bytes())
    result = cli("render", "exampleshire", "hampshire", "--pdf")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["out/exampleshire/children-in-need.pdf", "out/hampshire/children-in-need-1998.pdf"]
    assert result.stderr.splitlines() == [f"warning: hampshire: {WARNING}"]
    batch = cli("render", "--all", "--docx", "--jobs", "1")
    assert batch.exit_code == 0, batch.output
    assert batch.stderr.splitlines()[-2:] == ["3 rendered, 0 unchanged, 0 failed", f"warning: hampshire, lancashire: {WARNING}"]
