"""A council in Wales: its jurisdiction's defaults, and its values in Welsh ([welsh])."""

from __future__ import annotations

import pytest

from conftest import REPO
from noticekit.errors import ProfileError
from noticekit.profiles.jurisdiction import WALES_DEFAULTS, WELSH_DEFAULTS
from noticekit.profiles.profile import Profile, parse_profile, read_toml
from noticekit.profiles.welsh import welsh_profile

EXAMPLE = (REPO / "examples" / "profiles" / "enghraifft.toml").read_bytes()
BASE = """
name = "Enghraifft County Borough Council"
jurisdiction = "wales"
languages = ["en", "cy"]
[website]
url = "https://www.enghraifft.gov.wales"
[contacts.write_to]
team = "Information Team"
email = "info@enghraifft.gov.wales"
"""
WELSH = """
[welsh]
name = "Cyngor Bwrdeistref Sirol Enghraifft"
[welsh.website]
url = "https://www.enghraifft.llyw.cymru"
[welsh.contacts.write_to]
team = "Tîm Gwybodaeth"
"""


def welsh(text: str):
    data = text.encode()
    return welsh_profile(read_toml(data, "x.toml"), Profile, "x.toml")


def test_the_example_council_in_welsh_has_its_welsh_values_and_keeps_the_rest():
    english = parse_profile(EXAMPLE, "enghraifft.toml")
    made = welsh(EXAMPLE.decode())
    assert made.problems == () and made.english == ()
    profile = made.profile
    assert profile.name == "Cyngor Bwrdeistref Sirol Enghraifft" and english.name == "Enghraifft County Borough Council"
    assert profile.website.url == "https://www.enghraifft.llyw.cymru/preifatrwydd"
    assert profile.contacts.write_to.team == "Tîm Llywodraethu Gwybodaeth"
    assert profile.contacts.write_to.email == english.contacts.write_to.email == "information@enghraifft.gov.wales"
    assert profile.dpo.phone == english.dpo.phone and profile.contacts.write_to.postcode == "CF99 1EG"
    assert [partner.name for partner in profile.partners] == ["Bwrdd Iechyd Prifysgol Enghraifft", "ysgolion a cholegau", "Heddlu Enghraifft Police"]
    assert [(p.records, p.period, p.start) for p in profile.retention.periods] == [
        ("Cofnodion gofal a chymorth", "hyd at ben-blwydd y plentyn yn 30 oed", None),
        ("Cofnodion plant sy'n derbyn gofal", "75 mlynedd", "dyddiad geni'r plentyn"),
    ]
    assert profile.reviewed == english.reviewed and profile.languages == english.languages


def test_keys_left_out_get_the_welsh_defaults_and_the_english_those_of_wales():
    english = parse_profile((BASE + WELSH).encode(), "x.toml")
    profile = welsh(BASE + WELSH).profile
    assert english.lawful_basis.statutes == tuple(WALES_DEFAULTS["lawful_basis"]["statutes"])
    assert english.information.about == tuple(WALES_DEFAULTS["information"]["about"])
    assert [basis.duty for basis in english.lawful_basis.article_6] == [item["duty"] for item in WALES_DEFAULTS["lawful_basis"]["article_6"]]
    assert profile.lawful_basis.statutes == tuple(WELSH_DEFAULTS["lawful_basis"]["statutes"])
    assert profile.information.sources == tuple(WELSH_DEFAULTS["information"]["sources"])
    assert profile.information.about == tuple(WELSH_DEFAULTS["information"]["about"])
    for text in (*english.lawful_basis.statutes, *(basis.duty for basis in english.lawful_basis.article_6)):
        assert "section 83" not in text and "Department for Education" not in text and "(England)" not in text


def test_a_council_in_england_keeps_englands_defaults():
    profile = parse_profile(b'name = "X"\n[website]\nurl = "https://x.gov.uk"\n', "x.toml")
    assert profile.jurisdiction == "england" and profile.languages == ("en",)
    assert "the Children Act 1989 (sections 17, 20, 22, 31, 47 and 83)" in profile.lawful_basis.statutes


def test_a_council_in_wales_keeps_the_values_it_gives():
    profile = parse_profile((BASE + '[lawful_basis]\nstatutes = ["the Children Act 1989"]\n').encode(), "x.toml")
    assert profile.lawful_basis.statutes == ("the Children Act 1989",)
    assert profile.lawful_basis.article_6[0].provision == "6(1)(e)"  # the rest of the table: Wales's defaults


def test_a_value_without_its_welsh_form_refuses_the_welsh_notice_naming_every_key():
    made = welsh(BASE + '[[partners]]\nname = "the NHS"\nwhy = "to keep children safe"\n')
    assert made.profile is None
    assert [str(problem) for problem in made.problems] == [
        "x.toml: welsh: the Welsh notice needs the Welsh form of name, website.url, contacts.write_to.team, partners[0].name, "
        "partners[0].why; add them under [welsh], or set welsh.english_fallback = true to print the English there",
    ]


def test_english_fallback_prints_the_english_and_says_which_words_are_english():
    made = welsh(BASE + '[[partners]]\nname = "the NHS"\n[welsh]\nenglish_fallback = true\nname = "Cyngor Enghraifft"\n')
    assert made.problems == ()
    assert made.profile.name == "Cyngor Enghraifft" and made.profile.contacts.write_to.team == "Information Team"
    assert made.profile.partners[0].name == "the NHS"
    assert made.english == ("Information Team", "the NHS")  # the web address is in no language: not marked


NAMED = '[welsh]\nname = "Cyngor Enghraifft"\n'


@pytest.mark.parametrize(("tail", "line"), [
    (NAMED + '[welsh.contacts.write_to]\nemail = "gwybodaeth@enghraifft.llyw.cymru"\n',
     "x.toml: welsh.contacts.write_to.email: is the same in every language; give it once, outside [welsh]"),
    (NAMED + 'reviewed = 2026-10-01\n',
     "x.toml: welsh.reviewed: not a value in words; [welsh] holds the Welsh forms of: name, website, contacts, dpo, complaints, logo, "
     "information, lawful_basis, partners, retention, transfers, automated_decisions"),
    (NAMED + '[welsh.dpo]\nteam = "Swyddog Diogelu Data"\n',
     "x.toml: welsh.dpo: the profile gives no English dpo; give the English value too, or remove the Welsh form"),
    ('[[partners]]\nname = "the NHS"\n[[partners]]\nname = "the police"\n' + NAMED + '[[welsh.partners]]\nname = "y GIG"\n',
     "x.toml: welsh.partners: gives 1 Welsh forms for the 2 items of partners; give one for each, in the same order"),
])
def test_a_misplaced_welsh_form_is_one_line_naming_it(tail, line):
    assert line in [str(problem) for problem in welsh(BASE + tail).problems]


def test_a_welsh_form_is_validated_as_the_english_is():
    made = welsh(BASE.replace('team = "Information Team"', 'team = "Information Team"\naddress = ["1 High Street"]') + WELSH
                 + 'address = ["1 Stryd Fawr\\nsecond line"]\n')
    assert [str(problem) for problem in made.problems] == [
        "x.toml: welsh.contacts.write_to.address[0]: must be a single line of text (it contains a line break or control character)"]


@pytest.mark.parametrize(("text", "line"), [
    ('name = "X"\nlanguages = ["en", "cy"]\n[website]\nurl = "https://x.gov.uk"\n',
     'x.toml: languages: the Welsh notice states the law in Wales; set jurisdiction = "wales" (for a council in Wales), or keep languages = ["en"]'),
    ('name = "X"\njurisdiction = "wales"\nlanguages = ["cy", "cy"]\n[website]\nurl = "https://x.gov.uk"\n',
     "x.toml: languages: a language is given twice; give each once"),
    ('name = "X"\njurisdiction = "scotland"\n[website]\nurl = "https://x.gov.uk"\n',
     "x.toml: jurisdiction: input should be 'england' or 'wales'"),
    ('name = "X"\njurisdiction = "wales"\nlanguages = ["cymraeg"]\n[website]\nurl = "https://x.gov.uk"\n',
     "x.toml: languages[0]: input should be 'en', 'cy' or 'bilingual'"),
])
def test_jurisdiction_and_languages_are_checked(text, line):
    with pytest.raises(ProfileError) as caught:
        parse_profile(text.encode(), "x.toml")
    assert line in caught.value.lines
