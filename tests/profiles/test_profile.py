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
        "x.toml: zebra: unknown key; expected one of: name, layout, website, contacts, docx_font, logo, docx_template, brand_colour, ico_registration, dpo, "
        "complaints, information, lawful_basis, partners, retention, transfers, automated_decisions, reviewed, next_review, jurisdiction, languages, welsh",
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


def test_the_old_one_line_lawful_basis_is_refused_with_the_new_form(tmp_path, monkeypatch):
    text = GOOD + '[lawful_basis]\narticle_6 = "Article 6(1)(e): public task"\narticle_9 = "Article 9(2)(g): public interest"\n'
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: lawful_basis.article_6: is now a list of bases, each a [[lawful_basis.article_6]] section, "
        "e.g. provision = \"6(1)(e)\" and duty = \"...\"; see the README",
        "x.toml: lawful_basis.article_9: is now a list of bases, each a [[lawful_basis.article_9]] section, "
        "e.g. provision = \"9(2)(g)\" and schedule_1 = [6]; see the README",
    ]


def test_every_basis_names_its_provision_and_schedule_1_paragraphs_in_the_right_part(tmp_path, monkeypatch):
    text = GOOD + (
        '[[lawful_basis.article_6]]\nprovision = "6(1)(f)"\nduty = "our interests"\n'
        '[[lawful_basis.article_6]]\nprovision = "public task"\nduty = "x"\n'
        '[[lawful_basis.article_9]]\nprovision = "9(2)(g)"\n'
        '[[lawful_basis.article_9]]\nprovision = "9(2)(h)"\nschedule_1 = [18]\n'
        '[[lawful_basis.article_9]]\nprovision = "9(2)(a)"\nschedule_1 = [2]\n'
        '[lawful_basis.article_10]\nschedule_1 = [5]\n'
    )
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: lawful_basis.article_6[0].provision: 6(1)(f), legitimate interests, is not open to a council for its public tasks "
        "(UK GDPR Article 6(1), last paragraph); use 6(1)(e), public task",
        "x.toml: lawful_basis.article_6[1].provision: 'public task' is not a provision of Article 6(1); write it as '6(1)(a)' to '6(1)(f)'",
        "x.toml: lawful_basis.article_9[0].schedule_1: 9(2)(g) must name the paragraph(s) of Part 2 of Schedule 1 to the Data Protection "
        "Act 2018 it relies on (section 10 of the Act), e.g. schedule_1 = [6]",
        "x.toml: lawful_basis.article_9[1].schedule_1: paragraph 18 is not a condition in Part 1 of Schedule 1 to the Data Protection "
        "Act 2018, which section 10 of the Act requires for 9(2)(h)",
        "x.toml: lawful_basis.article_9[2].schedule_1: 9(2)(a) needs no Schedule 1 condition; remove schedule_1",
        "x.toml: lawful_basis.article_10.schedule_1: paragraph 5 is not a condition in Part 1, 2 or 3 of Schedule 1 to the Data "
        "Protection Act 2018, which section 10(5) of the Act requires for Article 10",
    ]
    path = tmp_path / "ok.toml"
    path.write_text(GOOD + '[[lawful_basis.article_6]]\nprovision = "Article 6(1)(c)"\nduty = "the law says we must"\n')
    basis = load_profile(path).lawful_basis
    assert [item.provision for item in basis.article_6] == ["6(1)(c)"] and basis.points == {"6c", "9g", "9h"}
    assert [(p.number, p.part, p.heading) for p in basis.article_9[0].paragraphs] == [
        (6, 2, "statutory and government purposes"), (18, 2, "safeguarding of children and of individuals at risk")]


def test_the_record_of_processing_and_its_cross_checks(tmp_path, monkeypatch):
    text = GOOD.replace("[website]", 'reviewed = 2026-10-01\nnext_review = 2026-01-01\nico_registration = "X123"\n'
                        'partners = ["the NHS", {name = "the police", why = "to keep children safe"}]\n[website]') + (
        '[information]\nspecial_category = "yes"\nsources = []\n[transfers]\noutside_uk = true\n[automated_decisions]\nused = false\n'
        '[dpo]\nphone = "12"\norganisation = "DPO Ltd"\n[[retention.periods]]\nrecords = "All"\nperoid = "1 year"\n'
    )
    assert problems(tmp_path, monkeypatch, text) == [
        "x.toml: ico_registration: 'X123' is not an ICO registration number: 'Z' then seven capital letters or digits, e.g. 'Z1234567'",
        "x.toml: dpo.phone: '12' is not a phone number; write it as it is dialled, e.g. '01234 567890' or '+44 1234 567890'",
        "x.toml: information.sources: must list at least one; add one, or remove the key to use the default",
        "x.toml: information.special_category: must be true or false, without quotes, not text ('yes')",
        "x.toml: retention.periods[0].peroid: unknown key; did you mean 'period'?",
        "x.toml: transfers.statement: say in the council's own words where information goes outside the UK and how it stays "
        "protected (UK GDPR Article 13(1)(f))",
    ]
    path = tmp_path / "ok.toml"
    path.write_text(GOOD.replace("[website]", 'retention = "We keep it for 25 years."\npartners = ["the NHS"]\n[website]')
                    + '[dpo]\norganisation = "DPO Ltd"\nemail = "dpo@dpo.co.uk"\n')
    profile = load_profile(path)
    assert profile.retention.summary == "We keep it for 25 years." and profile.partners[0].name == "the NHS"
    assert profile.subject_access == profile.dpo and profile.access_email == "dpo@dpo.co.uk"
    path.write_text(GOOD.replace("[website]", 'reviewed = 2026-10-01\nnext_review = 2026-01-01\n[website]'))
    assert problems(tmp_path, monkeypatch, path.read_text()) == ["x.toml: next_review: 2026-01-01 is not after reviewed (2026-10-01)"]


def test_accented_letters_are_stored_composed_and_a_lone_mark_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "x.toml"
    path.write_text(GOOD + '[contacts.write_to]\nteam = "Ty\u0302 Gwyn, Dw\u0302r, e\u0301, \u2764\ufe0f"\n', encoding="utf-8")
    assert load_profile(path).contacts.write_to.team == "T\u0177 Gwyn, D\u0175r, \u00e9, \u2764\ufe0f"  # a variation selector is kept
    assert problems(tmp_path, monkeypatch, GOOD + '[contacts.write_to]\nteam = "Box 0\u0327"\n') == [
        "x.toml: contacts.write_to.team: has a combining mark (U+0327 COMBINING CEDILLA) after '0' that makes no single letter; "
        "type the accented letter itself, or leave the mark out",
    ]
