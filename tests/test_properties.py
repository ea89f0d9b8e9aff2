"""Property tests: random valid profiles in any printable Unicode render, or fail by name.

Locally a few dozen examples run; with CI set, a few hundred (the "ci" settings profile).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from conftest import REPO
from noticekit import api
from noticekit.errors import ProfileError
from noticekit.profiles.profile import Profile
from noticekit.render import glyphs
from noticekit.wording.compose import notice_for
from noticekit.wording.layouts import load_layout
from noticekit.workspace import Workspace
from readback import docx_text, pdf_text

pytestmark = pytest.mark.slow
WORKSPACE = Workspace.discover(REPO)
LAYOUT = load_layout(WORKSPACE.layouts, "children-in-need-1998")
COVERED = glyphs.coverage(WORKSPACE.fonts / "fonts.css")
IGNORED = re.compile(r"[\s\u2022]+")  # whitespace and bullet marks (drawn after the page's text)

# Real-world names beside random text: Welsh, Polish, Urdu, emoji, Danish, a very long word.
REAL = st.sampled_from([
    "Cyngor Sir Ynys Môn", "Tŷ Ŵyr Ŷ", "Zażółć gęślą jaźń", "Łódź", "کونسل", "Ærø Kommune",
    "👩‍👩‍👧 family", "Rhondda Cynon Taf", "Dŵr", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" * 3,
])
CHARACTERS = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"))
RANDOM = st.text(CHARACTERS, min_size=1, max_size=60)
DRAWABLE = st.text(st.sampled_from(sorted(chr(c) for c in COVERED if unicodedata.category(chr(c))[0] in "LMNPSZ")), min_size=1, max_size=60)
TEXT = st.one_of(REAL, DRAWABLE, RANDOM).map(str.strip).filter(lambda text: 0 < len(text) <= 200)
SLUG = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=12)


@st.composite
def profiles(draw) -> Profile:
    domain = draw(SLUG)
    contact = st.fixed_dictionaries({}, optional={
        "team": TEXT, "address": st.lists(TEXT, max_size=3), "postcode": TEXT,
        "email": SLUG.map(lambda user: f"{user}@{domain}.gov.uk"),
    })
    data = {
        "name": draw(TEXT),
        "website": {"url": f"https://www.{domain}.gov.uk/{draw(SLUG)}", "label": draw(TEXT)},
        "contacts": {"write_to": draw(contact), "subject_access": draw(contact)},
    }
    try:
        return Profile.model_validate(data)
    except Exception:  # a value our validation refuses (e.g. an invisible character): not this test's subject
        assume(False)


def values_of(profile: Profile) -> list[str]:
    values = [profile.name, profile.website.label]
    for contact in (profile.contacts.write_to, profile.contacts.subject_access):
        values += [contact.team, *contact.address, contact.postcode, contact.email]
    return [value for value in values if value]


def squeeze(text: str) -> str:
    """Text as compared: one Unicode form, no whitespace (line breaks fall anywhere), no bullets."""
    return IGNORED.sub("", unicodedata.normalize("NFKC", text))


def without_running_footer(text: str, notice) -> str:
    """The body text alone: a long value broken across a page has the footer between its halves."""
    footer = squeeze(f"{notice.author} \u2014 {notice.short_title}")
    return re.sub(r"Page\d+of\d+", "", text.replace(footer, ""))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(profiles())
def test_any_valid_profile_renders_or_names_the_missing_character(profile):
    authority = api.Authority("prop", Path("profiles/prop.toml"), profile)
    notice = notice_for(authority, LAYOUT)

    docx = docx_text(api.build_docx(notice, authority))
    for value in values_of(profile):
        assert value in docx

    missing = glyphs.first_missing("\n".join(values_of(profile)), COVERED)
    event("refused: a character no font has" if missing else "rendered to PDF")
    if missing is not None:
        with pytest.raises(ProfileError) as caught:
            api.build_pdf(notice, LAYOUT, WORKSPACE, authority)
        assert glyphs.describe(missing) in caught.value.lines[0]
        assert caught.value.lines[0].startswith("profiles/prop.toml: ")
        return
    pdf = without_running_footer(squeeze(pdf_text(api.build_pdf(notice, LAYOUT, WORKSPACE, authority))), notice)
    for value in values_of(profile):
        assert squeeze(value) in pdf


def test_shipped_fonts_cover_welsh_and_the_seeds():
    assert glyphs.first_missing("ŵŴŷŶ âêîôûŵŷ ÂÊÎÔÛ ŁłŻżŹźĆćŃńĘęĄą ÆæØøÅå – — ‘’ “” • £ €", COVERED) is None
    assert glyphs.first_missing("کونسل", COVERED) == "ک"
    assert glyphs.first_missing("e\u0301", COVERED) is None  # NFC makes it é, which the font has
    assert glyphs.first_missing("❤\ufe0f", COVERED) == "❤"  # the selector draws nothing; the heart needs a glyph
