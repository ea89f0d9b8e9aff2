"""A preview session renders by the same pipeline as `render`, shows problems as the CLI says them,
keeps the last good render beneath them, and knows which files its notice was built from."""

from __future__ import annotations

import io
import shutil

import pypdf
import pytest

from conftest import REPO
from noticekit import api
from noticekit.errors import NoticekitError
from noticekit.preview.session import Session
from noticekit.render.variants import LARGE_PRINT, STANDARD

pytestmark = pytest.mark.slow


def rendered(session: Session):
    loaded = session.render_web()
    assert loaded is not None, session.board.snapshot.problems
    session.render_pdf(loaded)
    return session.board.snapshot


def test_the_web_page_and_pdf_are_the_bytes_render_writes(workspace, workspace_dir):
    snapshot = rendered(Session(workspace, "hampshire", None, STANDARD))
    api.render(["hampshire"], formats=["pdf", "html"], out=workspace_dir / "out", workspace=workspace)
    written = workspace_dir / "out" / "hampshire"
    assert snapshot.web == (written / "children-in-need-1998.html").read_bytes()
    assert snapshot.pdf == (written / "children-in-need-1998.pdf").read_bytes()
    assert snapshot.title == "Hampshire County Council" and snapshot.layout == "children-in-need-1998"
    assert snapshot.problems == () and not snapshot.busy


def test_each_page_of_the_pdf_is_an_image(workspace):
    snapshot = rendered(Session(workspace, "lancashire", "children-in-need-1998", LARGE_PRINT))
    pages = len(pypdf.PdfReader(io.BytesIO(snapshot.pdf)).pages)
    assert pages > 2, "large print runs to more pages than the standard notice"
    assert len(snapshot.pages) == pages
    assert all(page.startswith(b"\x89PNG\r\n\x1a\n") for page in snapshot.pages)


def test_a_broken_profile_shows_what_the_cli_prints_above_the_last_good_render(workspace, workspace_dir, cli):
    session = Session(workspace, "hampshire", None, STANDARD)
    good = rendered(session)
    profile = workspace_dir / "profiles" / "hampshire.toml"
    text = profile.read_text("utf-8")
    profile.write_text(text.replace('name = "Hampshire County Council"', 'name = ""'), "utf-8")

    assert session.render_web() is None
    broken = session.board.snapshot
    printed = cli("render", "hampshire", "--out", str(workspace_dir / "out")).stderr.splitlines()
    assert broken.problems == tuple(printed) and len(printed) == 1
    assert broken.problems[0].startswith("profiles/hampshire.toml: name: ")
    assert (broken.web, broken.pdf, broken.pages) == (good.web, good.pdf, good.pages)
    assert not (workspace_dir / "out").exists(), "neither the preview nor the refused render wrote anything"

    profile.write_text(text.replace("Hampshire County Council", "Hampshire County Council (fixed)"), "utf-8")
    fixed = rendered(session)
    assert fixed.problems == ()
    assert b"Hampshire County Council (fixed)" in fixed.web and fixed.pdf != good.pdf


def test_the_check_panel_holds_the_councils_findings_and_its_coverage(workspace):
    session = Session(workspace, "hampshire", None, STANDARD)
    session.render_web()
    panel = session.board.snapshot.check
    assert "NOT CURRENT LAW" in panel and "UK GDPR Articles 13 and 14 in children-in-need-1998" in panel
    assert "is not current law; it leaves out" in panel, "the warning `check hampshire` prints"
    assert '<tr class="no">' in panel and '<tr class="yes">' in panel


def test_a_profile_that_cannot_be_read_still_gets_its_findings(workspace, workspace_dir):
    (workspace_dir / "profiles" / "hampshire.toml").write_text('name = "Hampshire County Council"\nwebsite = 3\n', "utf-8")
    session = Session(workspace, "hampshire", None, STANDARD)
    assert session.render_web() is None
    snapshot = session.board.snapshot
    assert snapshot.problems and snapshot.web is None
    assert "website" in snapshot.check and "0 errors" not in snapshot.check


def test_profile_values_are_text_in_the_check_panel(workspace, workspace_dir):
    profile = workspace_dir / "profiles" / "hampshire.toml"
    profile.write_text(profile.read_text("utf-8").replace("[contacts.write_to]\n", '[contacts.write_to]\nemail = "<b>x</b>"\n'), "utf-8")
    session = Session(workspace, "hampshire", None, STANDARD)
    session.render_web()
    assert "'<b>x</b>' is not an email address" in session.board.snapshot.problems[0]
    assert "<b>" not in session.board.snapshot.check
    assert "&#39;&lt;b&gt;x&lt;/b&gt;&#39; is not an email address" in session.board.snapshot.check


def test_inputs_are_the_profile_its_logo_and_template_the_layouts_and_the_fonts(workspace, workspace_dir):
    for name in ("exampleshire.toml", "exampleshire-logo.png", "exampleshire-template.docx"):
        shutil.copy(REPO / "examples" / "profiles" / name, workspace_dir / "profiles" / name)
    session = Session(workspace, "exampleshire", None, STANDARD)
    rendered(session)
    inputs, profiles = session.inputs, workspace.profiles.resolve()
    assert not inputs.everything
    for concerned in (profiles / "exampleshire.toml", profiles / "exampleshire-logo.png", profiles / "exampleshire-template.docx",
                      workspace.layouts.resolve() / "children-in-need" / "notice.xml.j2", workspace.fonts.resolve() / "fonts.css"):
        assert inputs.concern(concerned), concerned
    for other in (profiles / "hampshire.toml", workspace.layouts.resolve() / "children-in-need-young-people" / "notice.xml.j2"):
        assert not inputs.concern(other), other


def test_until_a_profile_loads_every_change_may_concern_it(workspace, workspace_dir):
    (workspace_dir / "profiles" / "hampshire.toml").write_text("name = \n", "utf-8")
    session = Session(workspace, "hampshire", None, STANDARD)
    session.render_web()
    assert session.inputs.everything and session.inputs.concern(workspace_dir / "layouts" / "anything")


@pytest.mark.parametrize(("arguments", "message"), [
    (("wales", None), "unknown authority 'wales'"),
    (("hampshire", "children-in-nede"), "unknown layout 'children-in-nede'; did you mean 'children-in-need'?"),
])
def test_a_wrong_authority_or_layout_fails_before_anything_starts(workspace, arguments, message):
    with pytest.raises(NoticekitError) as raised:
        Session(workspace, *arguments, STANDARD)
    assert raised.value.lines[0].startswith(message)


def test_a_bug_is_one_line_on_the_board_and_the_preview_goes_on(workspace, monkeypatch):
    from noticekit.preview import session as module

    monkeypatch.setattr(module, "build_html", lambda *args: (_ for _ in ()).throw(RuntimeError("boom")))
    reported = []
    session = Session(workspace, "hampshire", None, STANDARD, reported.append)
    assert session.render_web() is None
    line = "noticekit: internal error (RuntimeError: boom); please report it with the command you ran"
    assert session.board.snapshot.problems == (line,) and reported == [line]
    monkeypatch.undo()
    assert rendered(session).problems == ()


@pytest.mark.parametrize("language", [None, "cy", "bilingual"])
def test_a_council_in_wales_is_previewed_in_the_language_asked_for(workspace, workspace_dir, language):
    """By default the profile's first language; with --language, that one: the bytes `render --language` writes."""
    for name in ("enghraifft.toml", "enghraifft-logo.png"):
        shutil.copy(REPO / "examples" / "profiles" / name, workspace_dir / "profiles" / name)
    snapshot = rendered(Session(workspace, "enghraifft", None, STANDARD, language=language))
    api.render(["enghraifft"], formats=["pdf", "html"], out=workspace_dir / "out", workspace=workspace, languages=[language or "en"])
    suffix = {None: "", "cy": ".cy", "bilingual": ".bilingual"}[language]
    written = workspace_dir / "out" / "enghraifft"
    assert snapshot.web == (written / f"children-in-need{suffix}.html").read_bytes()
    assert snapshot.pdf == (written / f"children-in-need{suffix}.pdf").read_bytes()
    assert snapshot.web.startswith(b'<!DOCTYPE html>\n<html lang="%s">' % (b"en-GB" if language is None else b"cy-GB"))


def test_an_unknown_language_stops_the_preview_before_it_serves(workspace):
    with pytest.raises(NoticekitError) as caught:
        api.preview("enghraifft", language="fr", workspace=workspace)
    assert caught.value.lines == ("--language 'fr': use one of: en, cy, bilingual",)
