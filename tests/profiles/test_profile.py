"""profiles/profile.py and profiles/messages.py: reading and validating authority profiles, every problem at once, in plain words."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import REPO
from noticekit.errors import ProfileError
from noticekit.profiles.profile import Contact, Profile, load_profile

GOOD = 'name = "Testshire Council"\n[website]\nurl = "https://www.testshire.gov.uk"\n'


def problems(tmp_path, monkeypatch, text: str | bytes) -> list[str]:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "x.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return list(caught.value.lines)


def test_the_seed_profiles_hold_what_the_seeds_say():
    hampshire = load_profile(REPO / "profiles" / "hampshire.toml")
    assert hampshire.name == "Hampshire County Council"
    assert hampshire.website.url == "https://www.hants.gov.uk"
    assert hampshire.website.label == "www.hants.gov.uk"
    assert hampshire.contacts.write_to == Contact() == hampshire.contacts.subject_access
    lancashire = load_profile(REPO / "profiles" / "lancashire.toml")
    assert lancashire.contacts.write_to.email == "dataprotection@lancashire.gov.uk"
    assert lancashire.contacts.subject_access.email == "freedomofinformation@lancashire.gov.uk"
    assert lancashire.contacts.write_to.address == ("PO Box78", "County Hall", "Preston")
    assert lancashire.contacts.write_to.postcode == "PR1 8XJ"
    assert lancashire.docx_font == "Arial"


def test_minimal_profile_and_defaults(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(GOOD)
    profile = load_profile(path)
    assert profile == Profile(name="Testshire Council", website={"url": "https://www.testshire.gov.uk"})
    assert profile.contacts.write_to.address == ()


def test_reviewed_date_and_bare_web_address(tmp_path, monkeypatch):
    path = tmp_path / "x.toml"
    path.write_text('name = "T"\nreviewed = 2026-10-01\n[website]\nurl = "www.t.gov.uk/privacy"\n')
    profile = load_profile(path)
    assert profile.reviewed == dt.date(2026, 10, 1)
    assert (profile.website.href, profile.website.text) == ("https://www.t.gov.uk/privacy", "www.t.gov.uk/privacy")
    assert problems(tmp_path, monkeypatch, "reviewed = 2026-13-01\n" + GOOD) == [
        "x.toml: line 1, column 16: not valid TOML: unexpected text after the value; put text in quotes, and dates as 2026-10-01"
    ]
    assert problems(tmp_path, monkeypatch, 'reviewed = "last year"\n' + GOOD) == [
        "x.toml: reviewed: must be a date written as 2026-10-01, without quotes"
    ]


def test_values_are_trimmed(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(GOOD.replace('"Testshire Council"', '"  Testshire Council "'))
    assert load_profile(path).name == "Testshire Council"


def test_malformed_toml_names_line_and_column(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, 'name = "Testshire\n') == [
        "x.toml: line 1, column 18: not valid TOML: the line ends inside quotes; close the quotes"
    ]


def test_duplicate_key(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, 'name = "One"\nname = "Two"\n' + GOOD) == [
        "x.toml: line 2, column 13: not valid TOML: this key (or [section]) is already given above; keep one"
    ]


def test_missing_required_field(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, '[website]\nurl = "https://a.gov.uk"\n') == [
        'x.toml: name: required key is missing; add it, e.g. name = "Hampshire County Council"'
    ]


def test_missing_section(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, 'name = "Testshire Council"\n') == [
        "x.toml: website: required key is missing; add it as a [website] section"
    ]


def test_wrong_types(tmp_path, monkeypatch):
    text = 'name = 42\nwebsite = "https://a.gov.uk"\n[contacts.write_to]\naddress = "County Hall"\nteam = true\n'
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: name: must be text in quotes, not a number (42)",
        "x.toml: website: must be a table (a [website] section), not text ('https://a.gov.uk')",
        "x.toml: contacts.write_to.team: must be text in quotes, not true/false (true)",
        'x.toml: contacts.write_to.address: must be a list of text in square brackets, not text (\'County Hall\'), e.g. address = ["PO Box 78", "County Hall", "Preston"]',
    ]


def test_bad_email_and_web_address(tmp_path, monkeypatch):
    text = GOOD.replace("https://www.testshire.gov.uk", "javascript:alert(1)") + '[contacts.subject_access]\nemail = "foo"\n'
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: website.url: 'javascript:alert(1)' is not a web address; write it in full, e.g. 'https://www.example.gov.uk'",
        "x.toml: contacts.subject_access.email: 'foo' is not an email address",
    ]


def test_unknown_keys_suggest_the_close_one(tmp_path, monkeypatch):
    text = 'zebra = "striped"\n' + GOOD + '[contacts.write_to]\nemial = "a@b.gov.uk"\n[contacts.subjet_access]\n'
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: contacts.write_to.emial: unknown key; did you mean 'email'?",
        "x.toml: contacts.subjet_access: unknown key; did you mean 'subject_access'?",
        "x.toml: zebra: unknown key; expected one of: name, website, contacts, docx_font, logo, brand_colour, dpo, complaints, retention, lawful_basis, partners, reviewed",
    ]


def test_top_level_key_inside_a_section(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, '[website]\nurl = "https://a.gov.uk"\nname = "Testshire Council"\n') == [
        "x.toml: website.name: unknown key; 'name' belongs at the top of the file, above the first [section]",
    ]


def test_empty_and_whitespace_values(tmp_path, monkeypatch):
    text = 'name = "   "\n[website]\nurl = "https://a.gov.uk"\n[contacts.write_to]\naddress = ["County Hall", ""]\n'
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: name: must not be empty; fill it in or remove the key",
        "x.toml: contacts.write_to.address[1]: must not be empty; fill it in or remove the key",
    ]


def test_line_breaks_in_a_value(tmp_path, monkeypatch):
    text = GOOD + '[contacts.write_to]\nemail = """a@b.gov.uk\nBcc: x@evil.example"""\n'
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: contacts.write_to.email: must be a single line of text (it contains a line break or control character)"
    ]


def test_too_long_value(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, GOOD.replace("Testshire Council", "x" * 201)) == [
        "x.toml: name: is too long (201 characters; at most 200)"
    ]


def test_not_utf8(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, GOOD.encode("utf-8").replace(b"Testshire", b"Test\xffshire")) == [
        "x.toml: is not UTF-8 text (byte 13); save it as UTF-8"
    ]


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_profile(path).name == "Testshire Council"


def test_unreadable_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path / "absent.toml")
    assert caught.value.lines == ("absent.toml: cannot be read (No such file or directory); check the file exists and is readable",)


def test_profile_is_frozen(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(GOOD)
    with pytest.raises(Exception):
        load_profile(path).name = "Other"


def test_brand_colour_needs_contrast_on_white(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch, 'brand_colour = "#9fc5e8"\n' + GOOD) == [
        "x.toml: brand_colour: '#9fc5e8' has a contrast of 1.8:1 on white; headings need at least 3:1 and body text 4.5:1 (WCAG 2.2 AA); choose a darker colour"
    ]
    assert problems(tmp_path, monkeypatch, 'brand_colour = "navy"\n' + GOOD) == [
        "x.toml: brand_colour: 'navy' is not a colour; write it as '#' and six hex digits, e.g. '#0b3d6b'"
    ]
    path = tmp_path / "ok.toml"
    path.write_text('brand_colour = "#6B2C91"\n' + GOOD)
    assert load_profile(path).brand_colour == "#6b2c91"


def test_the_lawful_basis_starts_with_its_provision(tmp_path, monkeypatch):
    text = GOOD + '[lawful_basis]\narticle_6 = "public task"\narticle_9 = "Article 9(2)(k): no such point"\n'
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: lawful_basis.article_6: must start with the provision it relies on, Article 6(1)(a) to Article 6(1)(f), e.g. 'Article 6(1)(e): ...'",
        "x.toml: lawful_basis.article_9: must start with the provision it relies on, Article 9(2)(a) to Article 9(2)(j), e.g. 'Article 9(2)(g): ...'",
    ]
    path = tmp_path / "ok.toml"
    path.write_text(GOOD + '[lawful_basis]\narticle_6 = "Article 6(1)(c): the law says we must"\n')
    basis = load_profile(path).lawful_basis
    assert (basis.article_6_point, basis.article_9_point) == ("c", "g")


def test_accented_letters_are_stored_composed_and_a_lone_mark_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "x.toml"
    path.write_text(GOOD + '[contacts.write_to]\nteam = "Ty\u0302 Gwyn, Dw\u0302r, e\u0301, \u2764\ufe0f"\n', encoding="utf-8")
    assert load_profile(path).contacts.write_to.team == "T\u0177 Gwyn, D\u0175r, \u00e9, \u2764\ufe0f"  # a variation selector is kept
    assert problems(tmp_path, monkeypatch, GOOD + '[contacts.write_to]\nteam = "Box 0\u0327"\n') == [
        "x.toml: contacts.write_to.team: has a combining mark (U+0327 COMBINING CEDILLA) after '0' that makes no single letter; "
        "type the accented letter itself, or leave the mark out",
    ]
