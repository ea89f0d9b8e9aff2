"""A council in Wales, rendered in English, Welsh and both: its law, and its languages marked in
every format, read back from the real PDF, DOCX and web page."""

from __future__ import annotations

import html.parser
import io
import re
import shutil

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn

from conftest import REPO
from noticekit import api
from readback import pdf_reader, pdf_text

pytestmark = pytest.mark.slow
LAYOUTS = ["children-in-need", "children-in-need-young-people"]
WELSH_LAW = ("Social Services and Well-being (Wales) Act 2014", "Welsh Government")
WELSH_LAW_CY = ("Deddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014", "Llywodraeth Cymru")
ENGLAND_ONLY = ("section 83", "Department for Education", "DfE", "National Pupil Database", "SSDA903", "adran 83")


@pytest.fixture(scope="module", params=LAYOUTS)
def rendered(request, tmp_path_factory):
    """out/enghraifft/ of the example Welsh council, in one layout: every language its profile asks for, in every format."""
    root = tmp_path_factory.mktemp("ws")
    for name in ("profiles", "layouts", "fonts"):
        shutil.copytree(REPO / name, root / name)
    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, root / "profiles" / path.name)
    workspace = api.Workspace.discover(root)
    out = root / "out"
    report = api.render(["enghraifft"], formats=["pdf", "docx", "html"], out=out, workspace=workspace, layout=request.param)
    assert not report.failed
    return request.param, out / "enghraifft"


def test_each_language_the_profile_asks_for_is_written(rendered):
    layout, folder = rendered
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        f"{layout}{suffix}.{fmt}" for suffix in ("", ".cy", ".bilingual") for fmt in ("pdf", "docx", "html"))


def flat(text: str) -> str:
    """The text as one line: a line broken at a hyphen ("Well-" / "being") joined again."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))


def test_the_law_in_wales_and_none_of_englands(rendered):
    layout, folder = rendered
    texts = {name: flat(pdf_text((folder / f"{layout}{suffix}.pdf").read_bytes())) for name, suffix in (("en", ""), ("cy", ".cy"), ("both", ".bilingual"))}
    for text in texts.values():
        assert not [phrase for phrase in ENGLAND_ONLY if phrase in text]
    flat_ = texts
    assert "Welsh Government" in flat_["en"] and "Llywodraeth Cymru" in flat_["cy"]
    if layout == "children-in-need":
        for phrase in (*WELSH_LAW, "Children Receiving Care and Support Census", "Looked After Children Census",
                       "section 74 of the Social Services and Well-being (Wales) Act 2014"):
            assert phrase in flat_["en"] and phrase in flat_["both"], phrase
        for phrase in (*WELSH_LAW_CY, "Cyfrifiad Plant sy'n Derbyn Gofal a Chymorth", "Cyfrifiad Plant sy'n Derbyn Gofal)", "adran 74"):
            assert phrase in flat_["cy"] and phrase in flat_["both"], phrase


def test_the_welsh_comes_first_in_the_bilingual_notice(rendered):
    layout, folder = rendered
    text = flat(pdf_text((folder / f"{layout}.bilingual.pdf").read_bytes()))
    welsh_title = "Sut rydym yn defnyddio gwybodaeth" if layout == "children-in-need" else "Dy wybodaeth: beth rydym yn ei gadw"
    english_title = "How we use information" if layout == "children-in-need" else "Your information: what we keep"
    assert 0 <= text.index(welsh_title) < text.index(english_title)
    assert "Cyngor Bwrdeistref Sirol Enghraifft" in text and "Enghraifft County Borough Council" in text


def structure(data: bytes) -> tuple[list[tuple[str, str | None, str]], str]:
    """(tag, its /Lang or None, its /Alt) of each structure element in reading order, and the document's /Lang."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        def walk(node):
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found.append((str(kid.S)[1:], str(kid.Lang) if "/Lang" in kid else None, str(kid.get("/Alt", ""))))
                    walk(kid)
        walk(pdf.Root.StructTreeRoot)
        return found, str(pdf.Root.Lang)


def test_pdf_language_marks(rendered):
    layout, folder = rendered
    english, english_lang = structure((folder / f"{layout}.pdf").read_bytes())
    welsh, welsh_lang = structure((folder / f"{layout}.cy.pdf").read_bytes())
    both, both_lang = structure((folder / f"{layout}.bilingual.pdf").read_bytes())
    assert (english_lang, welsh_lang, both_lang) == ("en-GB", "cy-GB", "cy-GB")
    # English notice: one Welsh passage ("Mae'r ... ar gael yn Gymraeg hefyd"), a Span marked cy-GB (one per line it spans)
    assert {(tag, lang) for tag, lang, _ in english if lang} == {("Span", "cy-GB")}
    # Welsh notice: one English passage ("This ... is also available in English")
    assert {(tag, lang) for tag, lang, _ in welsh if lang} == {("Span", "en-GB")}
    # bilingual: the English version's Sect(s), one per page it spans, each marked en-GB, after every Welsh element
    sections = [index for index, (tag, lang, _) in enumerate(both) if tag == "Sect"]
    assert sections and all(both[index][1] == "en-GB" for index in sections)
    first_english = sections[0]
    assert [tag for tag, _, _ in both[:first_english]].count("H1") == 1 and [tag for tag, _, _ in both[first_english:]].count("H1") == 1
    figures = [(lang_of_section, alt) for lang_of_section, alt in
               ((any(index > s for s in sections), alt) for index, (tag, _, alt) in enumerate(both) if tag == "Figure" and alt.startswith(("QR", "Cod QR")))]
    for in_english, alt in figures:  # each QR code's text alternative in the language around it
        assert alt.startswith("QR code for " if in_english else "Cod QR ar gyfer ")


def test_pdf_footer_words_in_each_version(rendered):
    """Under each page "Tudalen 1 o 8" in the Welsh version, "Page 5 of 8" in the English, which starts a page."""
    layout, folder = rendered
    texts = [page.extract_text() for page in pdf_reader((folder / f"{layout}.bilingual.pdf").read_bytes()).pages]
    count = len(texts)
    starts = next(i for i, text in enumerate(texts) if "How we use information" in text or "Your information:" in text)
    assert starts > 0 and texts[starts].lstrip().startswith(("How we use information", "Your information:"))
    for number, text in enumerate(texts, 1):
        expected = f"Page {number} of {count}" if number > starts else f"Tudalen {number} o {count}"
        assert expected in text, (number, text[-80:])


def run_languages(path) -> list[tuple[str, str]]:
    """(language, text) of every run with text in the DOCX body, hyperlinks' runs included."""
    document = docx.Document(str(path))
    found = []
    for run in document.element.body.iter(qn("w:r")):
        text = "".join(node.text or "" for node in run.iter(qn("w:t")))
        if text:
            lang = run.find(qn("w:rPr"))
            lang = lang.find(qn("w:lang")) if lang is not None else None
            found.append((lang.get(qn("w:val")) if lang is not None else None, text))
    return found


def test_docx_marks_the_language_of_every_run(rendered):
    layout, folder = rendered
    english, welsh, both = (run_languages(folder / f"{layout}{suffix}.docx") for suffix in ("", ".cy", ".bilingual"))
    for runs in (english, welsh, both):
        assert all(lang in ("en-GB", "cy-GB") for lang, _ in runs)
    assert {text for lang, text in english if lang == "cy-GB"} and {text for lang, text in welsh if lang == "en-GB"}
    assert [text for lang, text in english if lang == "cy-GB"] == ["Mae'r hysbysiad hwn ar gael yn Gymraeg hefyd." if layout == "children-in-need"
                                                                    else "Mae'r dudalen hon ar gael yn Gymraeg hefyd."]
    languages = [lang for lang, _ in both]
    switch = languages.index("en-GB", languages.index("en-GB") + 1)  # after the Welsh version's one English line
    assert set(languages[switch:]) == {"en-GB"} and languages[0] == "cy-GB"
    document = docx.Document(str(folder / f"{layout}.bilingual.docx"))
    assert document.core_properties.language == "cy-GB" and " / " in document.core_properties.title
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == 1 and breaks[0].startswith(("How we use", "Your information"))
    footer = "".join(node.text or "" for node in document.sections[0].footer._element.iter(qn("w:t")))
    assert "Tudalen" in footer and "Page" in footer


class Langs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, attrs.get("lang")))
        if "lang" in attrs:
            self.found.append((tag, attrs["lang"], attrs.get("class")))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass


def test_web_page_language_attributes(rendered):
    layout, folder = rendered
    for suffix, root in (("", "en-GB"), (".cy", "cy-GB"), (".bilingual", "cy-GB")):
        page = (folder / f"{layout}{suffix}.html").read_text("utf-8")
        parser = Langs()
        parser.feed(page)
        assert parser.found[0] == ("html", root, None)
        others = parser.found[1:]
        if suffix == ".bilingual":  # the English version, after the Welsh, in one section marked as English
            welsh, english = page.split('<section class="version" lang="en-GB"')
            assert others == [("span", "en-GB", None), ("section", "en-GB", "version")]
            assert re.search(r"<h1>(Sut rydym|Dy wybodaeth)", welsh) and re.search(r"<h1>(How we use|Your information)", english)
        else:
            assert others == [("span", "cy-GB" if root == "en-GB" else "en-GB", None)]


def docx_flat(path) -> str:
    return flat(" ".join(text for _, text in run_languages(path)))


def test_the_welsh_notice_states_each_of_the_councils_welsh_values(rendered):
    """Read back from the Welsh PDF and DOCX: the council's Welsh values, and noticekit's Welsh defaults for keys it leaves out."""
    layout, folder = rendered
    profile = api.load_authority(api.Workspace.discover(folder.parents[1]), "enghraifft").welsh.profile
    expected = [profile.name, profile.website.text, profile.dpo.email]
    if layout == "children-in-need":
        expected += [
            *profile.information.sources, *profile.lawful_basis.statutes, *(basis.duty for basis in profile.lawful_basis.article_6),
            *(f"{partner.name}: {partner.why}" for partner in profile.partners), profile.contacts.write_to.team,
            *profile.contacts.write_to.address, profile.contacts.subject_access.team,
            *(f"{p.records}: {p.period}" + (f"; man cychwyn: {p.start}" if p.start else "") for p in profile.retention.periods),
            profile.retention.schedule, "Adolygwyd yr hysbysiad hwn ddiwethaf ar 1 Hydref 2026. Byddwn yn ei adolygu eto erbyn 1 Hydref 2027.",
            "Erthygl 9(2)(g), rhesymau o fudd sylweddol i'r cyhoedd: Atodlen 1, Rhan 2, paragraff 6 (dibenion statudol a llywodraethol)",
        ]
    else:
        expected += ["; ".join(profile.information.sources), "Llywodraeth Cymru; " + "; ".join(p.name for p in profile.partners),
                     "Atodlen 1, paragraffau 2, 6 a 18", "Gwnaethom wirio hyn ddiwethaf ar 1 Hydref 2026."]
    texts = {"pdf": flat(pdf_text((folder / f"{layout}.cy.pdf").read_bytes())), "docx": docx_flat(folder / f"{layout}.cy.docx")}
    for fmt, text in texts.items():
        for value in expected:
            assert flat(value) in text, (fmt, value)
        assert "Enghraifft County Borough Council" not in text and "Information Governance Team" not in text  # no English value


@pytest.mark.parametrize("rendered", ["children-in-need-young-people"], indirect=True)
def test_the_young_peoples_page_is_one_page_in_each_language(rendered, tmp_path):
    layout, folder = rendered
    from output_check import soffice, to_pdf

    for suffix, pages in ((".cy", 1), (".bilingual", 2)):
        assert len(pdf_reader((folder / f"{layout}{suffix}.pdf").read_bytes()).pages) == pages
        if soffice() is not None:  # the Word file too, as LibreOffice prints it
            to_pdf([folder / f"{layout}{suffix}.docx"], tmp_path)
            assert len(pdf_reader((tmp_path / "out" / f"{layout}{suffix}.pdf").read_bytes()).pages) == pages, suffix


def test_render_all_renders_each_council_in_its_languages_and_then_nothing(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    for name in ("profiles", "layouts", "fonts"):
        shutil.copytree(REPO / name, root / name)
    for name in ("enghraifft.toml", "enghraifft-logo.png"):
        shutil.copy(REPO / "examples" / "profiles" / name, root / "profiles" / name)
    monkeypatch.chdir(root)
    workspace = api.Workspace.discover(root)
    report = api.render_all(workspace, out=root / "out")
    assert not report.failed
    assert sorted(path.name for path in report.written if path.parent.name == "enghraifft") == sorted(
        f"children-in-need{suffix}.{fmt}" for suffix in ("", ".cy", ".bilingual") for fmt in ("pdf", "docx"))
    assert {path.parent.name for path in report.written} == {"enghraifft", "hampshire", "lancashire"}
    again = api.render_all(workspace, out=root / "out")
    assert again.written == [] and len([path for path in again.unchanged if path.parent.name == "enghraifft"]) == 6
    only_welsh = api.render_all(workspace, out=root / "out", languages=["cy"], force=True)
    assert sorted(path.name for path in only_welsh.written if path.parent.name == "enghraifft") == ["children-in-need.cy.docx", "children-in-need.cy.pdf"]
    assert [line for problems in only_welsh.failed.values() for line in problems] == [
        line for slug in ("hampshire", "lancashire") for line in
        [f"profiles/{slug}.toml: jurisdiction: a Welsh notice states the law in Wales; set jurisdiction = \"wales\" for a council in Wales"]]


def without_welsh_partners(text: str) -> str:
    """The example profile without the Welsh forms of its partners."""
    start = text.index("[[welsh.partners]]")
    return text[:start] + text[text.index("[welsh.retention]"):]


def test_a_missing_welsh_form_refuses_the_welsh_render_naming_the_keys(workspace_dir, cli):
    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, workspace_dir / "profiles" / path.name)
    profile = workspace_dir / "profiles" / "enghraifft.toml"
    profile.write_text(without_welsh_partners(profile.read_text("utf-8")), "utf-8")
    result = cli("render", "enghraifft")
    assert (result.exit_code, result.stderr) == (1, (
        "profiles/enghraifft.toml: welsh: the Welsh notice needs the Welsh form of partners[0].name, partners[0].why, partners[1].name, "
        "partners[1].why, partners[2].name, partners[2].why; add them under [welsh], or set welsh.english_fallback = true to print the "
        "English there\n"))
    assert not (workspace_dir / "out" / "enghraifft").exists()  # all or nothing: not even the English
    assert cli("render", "enghraifft", "--language", "en").exit_code == 0  # English needs no Welsh form


def test_english_fallback_prints_the_english_marked_as_english(workspace_dir, cli):
    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, workspace_dir / "profiles" / path.name)
    profile = workspace_dir / "profiles" / "enghraifft.toml"
    profile.write_text(without_welsh_partners(profile.read_text("utf-8")).replace("english_fallback = false", "english_fallback = true"), "utf-8")
    result = cli("render", "enghraifft", "--language", "cy", "--pdf", "--docx", "--html")
    assert result.exit_code == 0, result.stderr
    folder = workspace_dir / "out" / "enghraifft"
    english = ["Enghraifft University Health Board", "to keep children healthy and safe", "schools and colleges"]
    runs = run_languages(folder / "children-in-need.cy.docx")
    for value in english:
        assert ("en-GB", value) in runs, value
    page = (folder / "children-in-need.cy.html").read_text("utf-8")
    assert '<li><span lang="en-GB">Enghraifft University Health Board</span>: <span lang="en-GB">to keep children healthy and safe</span></li>' in page
    marked, _ = structure((folder / "children-in-need.cy.pdf").read_bytes())
    assert len([tag for tag, lang, _ in marked if lang == "en-GB"]) >= 1 + 2 * 3  # the English line, and each partner's name and why


def test_the_bilingual_pdfs_metadata_has_each_versions_title_and_both_languages(rendered):
    layout, folder = rendered
    with pikepdf.open(io.BytesIO((folder / f"{layout}.bilingual.pdf").read_bytes())) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        with pdf.open_metadata() as meta:
            languages, title = meta["dc:language"], meta["dc:title"]
    titles = dict(re.findall(r'<rdf:li xml:lang="([^"]+)">([^<]+)</rdf:li>', xmp.split("</dc:title>")[0]))
    assert list(titles) == ["x-default", "cy-GB", "en-GB"] and title == titles["x-default"] == f"{titles['cy-GB']} / {titles['en-GB']}"
    assert titles["cy-GB"].startswith(("Sut rydym", "Dy wybodaeth")) and titles["en-GB"].startswith(("How we use", "Your information"))
    assert languages == {"cy-GB", "en-GB"} and xmp.index("<rdf:li>cy-GB</rdf:li>") < xmp.index("<rdf:li>en-GB</rdf:li>")
    assert 'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' in xmp and 'pdfuaid:part="1"' in xmp  # still PDF/UA-1
    with pikepdf.open(io.BytesIO((folder / f"{layout}.cy.pdf").read_bytes())) as pdf:
        assert "dc:language" not in pdf.Root.Metadata.read_bytes().decode("utf-8")  # one language: the catalog's /Lang says it
