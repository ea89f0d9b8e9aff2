"""check/readability.py: what is measured (the prose), and each shipped layout's score."""

from __future__ import annotations

import pytest

from conftest import REPO
from noticekit import api
from noticekit.check.readability import measure, prose
from noticekit.wording.compose import notice_for
from noticekit.wording.document import BulletList, Heading, LineBreak, Link, Notice, Paragraph, Text
from noticekit.wording.layouts import load_layout
from noticekit.workspace import Workspace


def test_prose_is_sentences_without_addresses():
    notice = Notice("T", "T", "en-GB", "C", "S", (
        Heading(2, (Text("Your rights"),)),
        Paragraph((Text("Visit "), Link("www.x.gov.uk/privacy", "https://www.x.gov.uk/privacy"), Text(" or write to us."))),
        BulletList(((Text("ask for a copy"),), (Text("ask us to correct it;"),))),
        Paragraph((Text("Team"), LineBreak(), Text("1 High Street"), LineBreak(), Text("EX1 2MP"))),
        Paragraph((Text("Email: "), Link("dpo@x.gov.uk", "mailto:dpo@x.gov.uk"))),
        Paragraph((Text("Call 0303 123 1113 or see https://ico.org.uk/make-a-complaint now."),)),
    ))
    assert prose(notice).splitlines() == [
        "Your rights.",
        "Visit or write to us.",
        "ask for a copy.",
        "ask us to correct it.",
        "Call 0303 123 1113 or see now.",
    ]


@pytest.fixture(scope="module")
def scores():
    workspace = Workspace.discover(REPO, profiles=REPO / "examples" / "profiles")
    [authority] = api.load_authorities(workspace, ["exampleshire"])
    return {name: measure(notice_for(authority, load_layout(workspace.layouts, name))) for name in workspace.layout_names()}


def test_the_current_notice_reads_at_about_14(scores):
    """The issue's aim, as the ICO's own notice does: a reading age of about 14, plain English."""
    current = scores["children-in-need"]
    assert current.reading_age <= 14 and current.reading_ease >= 60
    assert current.reading_age == current.grade + 5


def test_the_young_peoples_notice_is_easier_and_the_1998_one_harder(scores):
    assert scores["children-in-need-young-people"].reading_age < scores["children-in-need"].reading_age
    assert scores["children-in-need-young-people"].reading_ease > 70
    assert scores["children-in-need-1998"].reading_age > 16 and scores["children-in-need-1998"].reading_ease < 50


def test_counts_come_with_the_scores(scores):
    young = scores["children-in-need-young-people"]
    assert young.words > 200 and young.sentences > 20
    assert set(young.as_json()) == {"flesch_reading_ease", "flesch_kincaid_grade", "reading_age", "words", "sentences"}
