"""The preview renders again when a file its notice was built from is saved, and only then."""

from __future__ import annotations

import time

import pytest

from noticekit.preview import watch
from preview_client import settled, wait_for

pytestmark = pytest.mark.slow


def edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_saving_the_profile_renders_the_web_page_then_the_pdf(live, workspace):
    board, before = live.session.board, live.session.board.snapshot
    edit(workspace.profiles / "hampshire.toml", 'label = "www.hants.gov.uk"', 'label = "www.hants.gov.uk/privacy-notices"')
    web = wait_for(lambda: (now := board.snapshot).web_version > before.web_version and now, "the new web page")
    assert b"www.hants.gov.uk/privacy-notices" in web.web
    pdf = wait_for(lambda: (now := board.snapshot).pdf_version > before.pdf_version and now, "the new PDF")
    assert pdf.pdf != before.pdf and pdf.pdf_version > web.web_version


def test_saving_the_layout_or_the_fonts_renders_again(live, workspace, monkeypatch):
    forgotten = []
    monkeypatch.setattr(watch, "forget_fonts", lambda: forgotten.append(True))
    board = live.session.board
    seen = board.snapshot.web_version
    edit(workspace.layouts / "children-in-need-1998" / "screen.css", "h1 {", "h1 { letter-spacing: 0.01em;")
    seen = wait_for(lambda: board.snapshot.web_version > seen and board.snapshot.web_version, "a render after the layout's CSS")
    assert b"letter-spacing: 0.01em" in board.snapshot.web and not forgotten
    fonts_css = workspace.fonts / "fonts.css"
    fonts_css.write_text(fonts_css.read_text("utf-8") + "\n/* edited */\n", "utf-8")
    wait_for(lambda: board.snapshot.web_version > seen, "a render after the fonts")
    assert forgotten == [True], "a new font configuration, once"


def test_saving_another_councils_profile_or_layout_changes_nothing(live, workspace):
    settled(live.session.board)
    seen = live.session.board.snapshot.version
    edit(workspace.profiles / "lancashire.toml", "Lancashire County Council", "Lancashire Council")
    edit(workspace.layouts / "children-in-need-young-people" / "notice.xml.j2", "<", "<!-- edited -->\n<")
    time.sleep(1.5)  # several times the watcher's delay
    assert live.session.board.snapshot.version == seen


def test_a_broken_then_fixed_profile_shows_its_problem_then_clears_it(live, workspace):
    board, good = live.session.board, live.session.board.snapshot
    profile = workspace.profiles / "hampshire.toml"
    text = profile.read_text("utf-8")
    profile.write_text(text.replace('name = "Hampshire County Council"', 'name = "Hampshire County Council'), "utf-8")
    broken = wait_for(lambda: (now := board.snapshot).problems and now, "the problem")
    assert broken.problems[0].startswith("profiles/hampshire.toml: line 5") and len(broken.problems) == 1
    assert broken.web == good.web and broken.pdf == good.pdf
    profile.write_text(text, "utf-8")
    fixed = wait_for(lambda: (now := board.snapshot).web_version > good.web_version and not now.problems and now, "the fix")
    assert fixed.web == good.web
