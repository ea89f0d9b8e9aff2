"""check.py and `noticekit check`: errors, warnings, --strict, --format json."""

from __future__ import annotations

import json

from conftest import write_profile

LEGACY_WARNINGS = [
    "layouts/children-in-need-1998/notice.xml.j2: line 23: warning: cites the Data Protection Act 1998, repealed on 25 May 2018; it was replaced by the UK GDPR and the Data Protection Act 2018",
    "layouts/children-in-need-1998/notice.xml.j2: line 41: warning: cites the Data Protection Act 1998, repealed on 25 May 2018; it was replaced by the UK GDPR and the Data Protection Act 2018",
]


def test_hampshire_is_incomplete_and_the_legacy_layout_cites_repealed_law(cli, workspace_dir):
    result = cli("check", "hampshire")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == LEGACY_WARNINGS + [
        'profiles/hampshire.toml: contacts.write_to: warning: gives no postal address or email, so the notice\'s "or write to us at" names the council alone; add contacts.write_to.address, contacts.write_to.postcode and contacts.write_to.email',
        'profiles/hampshire.toml: contacts.subject_access: warning: gives no postal address or email, so the notice\'s "see a copy of information about you" names the council alone; add contacts.subject_access.address, contacts.subject_access.postcode and contacts.subject_access.email',
    ]
    assert result.stderr == "1 authority checked: 0 errors, 4 warnings\n"


def test_strict_makes_warnings_fail(cli, workspace_dir):
    assert cli("check", "lancashire").exit_code == 0
    strict = cli("check", "lancashire", "--strict")
    assert (strict.exit_code, strict.stdout.splitlines()) == (1, LEGACY_WARNINGS)


def test_postcodes_bare_addresses_and_errors(cli, workspace_dir):
    write_profile(workspace_dir, "oddshire", (
        'name = "Oddshire Council"\n[website]\nurl = "www.odd.gov.uk"\n'
        '[contacts.write_to]\naddress = ["1 Road"]\nemail = "a@odd.gov.uk"\n'
        '[contacts.subject_access]\npostcode = "pr18xj"\n'
    ))
    write_profile(workspace_dir, "brokenshire", 'name = 1\n[website]\nurl = "https://b.gov.uk"\n')
    result = cli("check", "oddshire", "brokenshire", "nowhere")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == [
        "profiles/oddshire.toml: contacts.write_to.postcode: warning: the address has no postcode; add it",
        "profiles/oddshire.toml: contacts.subject_access.postcode: warning: 'pr18xj' does not look like a UK postcode (e.g. 'PR1 8XJ': capitals, one space)",
        "profiles/oddshire.toml: website.url: warning: 'www.odd.gov.uk' has no https://; it is linked as 'https://www.odd.gov.uk'; write it in full",
        "profiles/brokenshire.toml: name: must be text in quotes, not a number (1)",
        "unknown authority 'nowhere' (known in profiles: brokenshire, hampshire, lancashire, oddshire)",
    ]
    assert result.stderr == "3 authorities checked: 2 errors, 5 warnings\n"


def test_a_value_the_layout_needs_is_an_error(cli, workspace_dir):
    wording = workspace_dir / "layouts" / "children-in-need-1998" / "notice.xml.j2"
    wording.write_text(wording.read_text().replace("{{ council.name }}", "{{ council.phone }}", 1))
    result = cli("check", "lancashire")
    assert result.exit_code == 1
    assert "layouts/children-in-need-1998/notice.xml.j2: line 7: uses 'phone', which the profile does not have here; check the name against `noticekit schema`" in result.stdout


def test_json_carries_the_same_findings(cli, workspace_dir):
    result = cli("check", "--format", "json")
    report = json.loads(result.stdout)
    assert report["checked"] == ["hampshire", "lancashire"]
    assert (report["errors"], report["warnings"]) == (0, 4)
    assert report["findings"][2] == {
        "file": "profiles/hampshire.toml",
        "key": "contacts.write_to",
        "message": 'gives no postal address or email, so the notice\'s "or write to us at" names the council alone; add contacts.write_to.address, contacts.write_to.postcode and contacts.write_to.email',
        "severity": "warning",
    }
    assert cli("check", "--format", "yaml").exit_code == 2


def test_a_brand_colour_for_headings_only_is_a_warning(cli, workspace_dir):
    write_profile(workspace_dir, "greyshire", 'name = "Greyshire"\nbrand_colour = "#808080"\n[website]\nurl = "https://g.gov.uk"\n[contacts.write_to]\nemail = "a@g.gov.uk"\n[contacts.subject_access]\nemail = "b@g.gov.uk"\n')
    result = cli("check", "greyshire")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == [
        "profiles/greyshire.toml: brand_colour: warning: '#808080' has a contrast of 3.9:1 on white: enough for headings (3:1) but not for body text (4.5:1), so links and the council's name stay in the layout's own colour"
    ]


def test_colour_arithmetic_matches_wcag():
    from noticekit.colours import contrast_on_white, text_colour

    assert round(contrast_on_white("#000000"), 1) == 21.0 and round(contrast_on_white("#ffffff"), 1) == 1.0
    assert round(contrast_on_white("#767676"), 2) == 4.54  # the classic lightest AA grey
    assert text_colour("#808080") == "#0b3d6b" and text_colour("#6b2c91") == "#6b2c91"
