"""check/report.py, check/findings.py, check/table.py and `noticekit check`: errors, warnings, --strict, --format json, the coverage table."""

from __future__ import annotations

import json
import shutil

from conftest import REPO, write_profile
from noticekit.wording.articles import BY_KEY

LEGACY_WARNINGS = [
    "layouts/children-in-need-1998/notice.xml.j2: line 23: warning: cites the Data Protection Act 1998, repealed on 25 May 2018; it was replaced by the UK GDPR and the Data Protection Act 2018",
    "layouts/children-in-need-1998/notice.xml.j2: line 41: warning: cites the Data Protection Act 1998, repealed on 25 May 2018; it was replaced by the UK GDPR and the Data Protection Act 2018",
    "layouts/children-in-need-1998/layout.toml: current: warning: layout 'children-in-need-1998' is not current law; it leaves out 18 of the 21 items UK GDPR Articles 13 and 14 ask for (dpo, lawful_basis, special_category, criminal_offence, categories, sources, recipients, transfers, retention, right_rectification, right_erasure, right_restriction, right_objection, right_portability, withdraw_consent, complaint_ico, statutory, automated); set layout = 'children-in-need' in the profile, or render with --layout children-in-need",
]
NEEDS = "needs dpo.email, complaints.email, retention, partners, transfers, automated_decisions, reviewed"
HAMPSHIRE_TABLE = f"""\
UK GDPR Articles 13 and 14 coverage (yes: the notice covers it; no: it does not; n/a: does not apply to this council; -: not rendered)
  A  children-in-need               current law
  B  children-in-need-1998          NOT CURRENT LAW
  C  children-in-need-young-people  current law

hampshire                                             A      B      C
  13(1)(a)         Controller's identity and contact  -      yes    -
  13(1)(b)         Data Protection Officer's contact  -      no     -
  13(1)(c)         Purposes                           -      yes    -
  13(1)(c)         Lawful basis (Article 6)           -      no     -
  9(2), DPA Sch 1  Special category condition         -      no     -
  10, DPA Sch 1    Criminal offence condition         -      no     -
  14(1)(d)         Categories of information          -      no     -
  14(2)(f)         Where it comes from                -      no     -
  13(1)(e)         Recipients                         -      no     -
  13(1)(f)         Transfers outside the UK           -      no     -
  13(2)(a)         How long it is kept                -      no     -
  13(2)(b), 15     Right of access                    -      yes    -
  13(2)(b)         Right to rectification             -      no     -
  13(2)(b)         Right to erasure                   -      no     -
  13(2)(b)         Right to restriction               -      no     -
  13(2)(b), 21     Right to object                    -      no     -
  13(2)(b), 20     Right to data portability          -      n/a    -
  13(2)(c)         Right to withdraw consent          -      n/a    -
  13(2)(d)         Right to complain to the ICO       -      no     -
  13(2)(e)         Must people give it?               -      no     -
  13(2)(f)         Automated decision-making          -      no     -
  Covered (of the items that apply)                   -      3/19   -
  Flesch reading ease (60+: plain)                    -      43.3   -
  Reading age (F-K grade + 5)                         -      18.1   -
  A: not rendered: {NEEDS}
  C: not rendered: {NEEDS}
  n/a: Right to data portability: no Article 6 basis is consent or a contract (6(1)(a) or (b)), the bases data portability applies to (Article 20)
  n/a: Right to withdraw consent: no basis is consent (Article 6(1)(a) or 9(2)(a))
"""


def test_hampshire_is_incomplete_and_the_legacy_layout_cites_repealed_law(cli, workspace_dir):
    result = cli("check", "hampshire")
    assert result.exit_code == 0
    assert findings(result) == LEGACY_WARNINGS + [
        'profiles/hampshire.toml: contacts.write_to: warning: gives no postal address or email, so the notice\'s "or write to us at" names the council alone; add contacts.write_to.address, contacts.write_to.postcode and contacts.write_to.email',
        'profiles/hampshire.toml: contacts.subject_access: warning: gives no postal address or email, so the notice\'s "see a copy of information about you" names the council alone; add contacts.subject_access.address, contacts.subject_access.postcode and contacts.subject_access.email',
    ]
    assert result.stdout.split("\n\n", 1)[1] == HAMPSHIRE_TABLE
    assert result.stderr == "1 authority checked: 0 errors, 5 warnings\n"


def findings(result) -> list[str]:
    """The finding lines: everything before the coverage table."""
    return result.stdout.split("UK GDPR Articles 13 and 14 coverage", 1)[0].strip("\n").splitlines()


def test_strict_makes_warnings_fail(cli, workspace_dir):
    assert cli("check", "lancashire").exit_code == 0
    strict = cli("check", "lancashire", "--strict")
    assert (strict.exit_code, findings(strict)) == (1, LEGACY_WARNINGS)


def test_postcodes_bare_addresses_and_errors(cli, workspace_dir):
    write_profile(workspace_dir, "oddshire", (
        'name = "Oddshire Council"\nlayout = "children-in-need-1998"\n[website]\nurl = "www.odd.gov.uk"\n'
        '[contacts.write_to]\naddress = ["1 Road"]\nemail = "a@odd.gov.uk"\n'
        '[contacts.subject_access]\npostcode = "pr18xj"\n'
    ))
    write_profile(workspace_dir, "brokenshire", 'name = 1\n[website]\nurl = "https://b.gov.uk"\n')
    result = cli("check", "oddshire", "brokenshire", "nowhere")
    assert result.exit_code == 1
    assert findings(result)[3:] == [
        "profiles/oddshire.toml: contacts.write_to.postcode: warning: the address has no postcode; add it",
        "profiles/oddshire.toml: contacts.subject_access.postcode: warning: 'pr18xj' does not look like a UK postcode (e.g. 'PR1 8XJ': capitals, one space)",
        "profiles/oddshire.toml: website.url: warning: 'www.odd.gov.uk' has no https://; it is linked as 'https://www.odd.gov.uk'; write it in full",
        "profiles/brokenshire.toml: name: must be text in quotes, not a number (1)",
        "unknown authority 'nowhere' (known in profiles: brokenshire, hampshire, lancashire, oddshire)",
    ]
    assert result.stderr == "3 authorities checked: 2 errors, 6 warnings\n"


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
    assert (report["errors"], report["warnings"]) == (0, 5)
    assert report["findings"][3] == {
        "file": "profiles/hampshire.toml",
        "key": "contacts.write_to",
        "message": 'gives no postal address or email, so the notice\'s "or write to us at" names the council alone; add contacts.write_to.address, contacts.write_to.postcode and contacts.write_to.email',
        "severity": "warning",
    }
    assert cli("check", "--format", "yaml").exit_code == 2


def test_a_brand_colour_for_headings_only_is_a_warning(cli, workspace_dir):
    write_profile(workspace_dir, "greyshire", 'name = "Greyshire"\nlayout = "children-in-need-1998"\nbrand_colour = "#808080"\n[website]\nurl = "https://g.gov.uk"\n[contacts.write_to]\nemail = "a@g.gov.uk"\n[contacts.subject_access]\nemail = "b@g.gov.uk"\n')
    result = cli("check", "greyshire")
    assert result.exit_code == 0
    assert findings(result)[3:] == [
        "profiles/greyshire.toml: brand_colour: warning: '#808080' has a contrast of 3.9:1 on white: enough for headings (3:1) but not for body text (4.5:1), so links and the council's name stay in the layout's own colour"
    ]


def test_colour_arithmetic_matches_wcag():
    from noticekit.profiles.colours import contrast_on_white, text_colour

    assert round(contrast_on_white("#000000"), 1) == 21.0 and round(contrast_on_white("#ffffff"), 1) == 1.0
    assert round(contrast_on_white("#767676"), 2) == 4.54  # the classic lightest AA grey
    assert text_colour("#808080") == "#0b3d6b" and text_colour("#6b2c91") == "#6b2c91"


def example_council(workspace_dir):
    """The fictional example council (every key filled), copied into the workspace."""
    for name in ("exampleshire.toml", "exampleshire-logo.png", "exampleshire-template.docx"):
        shutil.copy(REPO / "examples" / "profiles" / name, workspace_dir / "profiles" / name)


def test_the_example_council_is_covered_by_both_current_layouts(cli, workspace_dir):
    example_council(workspace_dir)
    result = cli("check", "exampleshire")
    assert result.exit_code == 0
    block = result.stdout.split("\nexampleshire", 1)[1].splitlines()
    assert block[0].split() == ["A", "B", "C"]
    not_applicable = ("right_portability", "withdraw_consent")
    legacy = {"controller": "yes", "purposes": "yes", "right_access": "yes", **dict.fromkeys(not_applicable, "n/a")}
    assert [line.split()[-3:] for line in block[1:22]] == [
        ["n/a", "n/a", "n/a"] if key in not_applicable else ["yes", legacy.get(key, "no"), "yes"] for key in BY_KEY
    ]
    assert block[22].split()[-3:] == ["19/19", "3/19", "19/19"]
    assert block[-2:] == [
        "  n/a: Right to data portability: no Article 6 basis is consent or a contract (6(1)(a) or (b)), the bases data portability applies to (Article 20)",
        "  n/a: Right to withdraw consent: no basis is consent (Article 6(1)(a) or 9(2)(a))",
    ]


def test_layout_limits_the_table_to_that_layout(cli, workspace_dir):
    example_council(workspace_dir)
    result = cli("check", "exampleshire", "--layout", "children-in-need")
    assert (result.exit_code, findings(result)) == (0, [])
    assert "  A  children-in-need  current law\n\nexampleshire" in result.stdout
    assert "  Covered (of the items that apply)                   19/19\n" in result.stdout


def test_a_claim_the_wording_does_not_bear_out_is_an_error(cli, workspace_dir):
    example_council(workspace_dir)
    claims = workspace_dir / "layouts" / "children-in-need" / "layout.toml"
    text = claims.read_text().replace('retention = "How long we keep it"', 'retention = "Your rights"')
    claims.write_text(text.replace('automated = "Decisions made by computer"', 'automated = "Computers"'))
    result = cli("check", "exampleshire", "--layout", "children-in-need")
    assert result.exit_code == 1
    assert findings(result) == [
        "layouts/children-in-need/layout.toml: coverage.retention: the section 'Your rights' does not say how long it is kept: the "
        "council's periods, schedule or sentence (for exampleshire it lacks /\\b(keep|kept|retain|retention)\\b/, 'Child in need records', "
        "\"until the child's 30th birthday\", 'Child protection records', '35 years', 'the date the case is closed', 'Records of children "
        "looked after', '75 years', \"the child's date of birth\", 'Adoption records', '100 years', 'the date of the adoption order', "
        "'https://www.exampleshire.gov.uk/retention'); fix the wording or the claim",
        "layouts/children-in-need/layout.toml: coverage.automated: no section is headed 'Computers' in the wording; fix the wording or the claim",
    ]
    assert "  13(2)(a)         How long it is kept                no\n" in result.stdout
    assert result.stderr == "1 authority checked: 2 errors, 0 warnings\n"


def test_a_section_removed_from_a_copy_of_the_layout_is_no_and_an_error(cli, workspace_dir):
    example_council(workspace_dir)
    shutil.copytree(workspace_dir / "layouts" / "children-in-need", workspace_dir / "layouts" / "copied")
    wording = workspace_dir / "layouts" / "copied" / "notice.xml.j2"
    text = wording.read_text()
    start, end = text.index("<h2>Where the information comes from</h2>"), text.index("<h2>Why we collect and use it</h2>")
    wording.write_text(text[:start] + text[end:])
    result = cli("check", "exampleshire", "--layout", "copied")
    assert result.exit_code == 1
    assert findings(result) == [
        "layouts/copied/layout.toml: coverage.sources: no section is headed 'Where the information comes from' in the wording; fix the wording or the claim",
    ]
    assert "  14(2)(f)         Where it comes from                no\n" in result.stdout
    assert "  Covered (of the items that apply)                   18/19\n" in result.stdout
    claims = workspace_dir / "layouts" / "copied" / "layout.toml"
    claims.write_text(claims.read_text().replace('sources = "Where the information comes from"\n', ""))
    assert findings(cli("check", "exampleshire", "--layout", "copied")) == [
        "layouts/copied/layout.toml: coverage.sources: claims no section for where it comes from (UK GDPR 14(2)(f)), which applies to "
        "exampleshire; add a section that says each of the council's sources, and claim it",
    ]


def test_a_consent_basis_needs_the_withdrawal_wording(cli, workspace_dir):
    example_council(workspace_dir)
    profile = workspace_dir / "profiles" / "exampleshire.toml"
    profile.write_text(profile.read_text().replace('provision = "6(1)(c)"      # legal obligation', 'provision = "6(1)(a)"      # consent'))
    result = cli("check", "exampleshire", "--layout", "children-in-need")
    assert (result.exit_code, findings(result)) == (0, [])
    assert "  13(2)(c)         Right to withdraw consent          yes\n" in result.stdout
    assert "  Covered (of the items that apply)                   21/21\n" in result.stdout
    shutil.copytree(workspace_dir / "layouts" / "children-in-need", workspace_dir / "layouts" / "no-withdrawal")
    wording = workspace_dir / "layouts" / "no-withdrawal" / "notice.xml.j2"
    text = wording.read_text()
    wording.write_text(text[:text.index("{% if consent %}\n<h2>Withdrawing")] + text[text.index("<h2>How to ask for a copy"):])
    result = cli("check", "exampleshire", "--layout", "no-withdrawal")
    assert result.exit_code == 1
    assert findings(result) == [
        "layouts/no-withdrawal/layout.toml: coverage.withdraw_consent: no section is headed 'Withdrawing your consent' in the wording; "
        "fix the wording or the claim",
    ]


def test_a_consent_basis_cannot_be_told_the_law_requires_it(cli, workspace_dir):
    example_council(workspace_dir)
    profile = workspace_dir / "profiles" / "exampleshire.toml"
    text = profile.read_text()
    start = text.index("[[lawful_basis.article_6]]")
    end = text.index("# Article 9 conditions need")
    profile.write_text(text[:start] + '[[lawful_basis.article_6]]\nprovision = "6(1)(a)"\nduty = "you agreed"\n\n' + text[end:])
    wording = workspace_dir / "layouts" / "children-in-need" / "notice.xml.j2"
    wording.write_text(wording.read_text().replace("<p>Giving us this information is your choice.", "<p>The law requires us to collect it. Giving us this information is your choice."))
    result = cli("check", "exampleshire", "--layout", "children-in-need")
    assert result.exit_code == 1
    assert findings(result)[0].startswith(
        "layouts/children-in-need/layout.toml: coverage.statutory: the section 'Do you have to give us this information?' does not say "
        "whether giving the information is required by law or a choice, and what happens if it is not given (for exampleshire it "
        "lacks nothing like /law (requires|says) (us|you)|you must (give|tell)/)")


def test_a_broken_layout_beside_the_one_checked_is_a_warning(cli, workspace_dir):
    (workspace_dir / "layouts" / "half-done").mkdir()
    (workspace_dir / "layouts" / "half-done" / "layout.toml").write_text('description = "not finished"\n')
    result = cli("check", "lancashire")
    assert result.exit_code == 0
    assert "layouts/half-done/notice.xml.j2: warning: missing; every layout needs notice.xml.j2 and print.css" in findings(result)
    assert "half-done" not in result.stdout.split("UK GDPR Articles 13 and 14 coverage", 1)[1]


def test_json_carries_the_coverage_table(cli, workspace_dir):
    example_council(workspace_dir)
    report = json.loads(cli("check", "exampleshire", "hampshire", "--format", "json").stdout)
    assert [(layout["name"], layout["current"]) for layout in report["layouts"]] == [
        ("children-in-need", True), ("children-in-need-1998", False), ("children-in-need-young-people", True),
    ]
    assert report["layouts"][0]["claims"]["retention"] == "How long we keep it"
    rows = {(row["authority"], row["layout"]): row for row in report["coverage"]}
    assert len(rows) == 6
    current = rows["exampleshire", "children-in-need"]
    assert (current["rendered"], current["covered"], current["applicable"]) == (True, 19, 19)
    assert current["items"][10] == {
        "key": "retention", "label": "How long it is kept", "article": "13(2)(a)", "section": "How long we keep it",
        "applies": True, "not_applicable": None, "covered": True, "missing": [],
    }
    assert current["items"][17] == {
        "key": "withdraw_consent", "label": "Right to withdraw consent", "article": "13(2)(c)", "section": "Withdrawing your consent",
        "applies": False, "not_applicable": "no basis is consent (Article 6(1)(a) or 9(2)(a))", "covered": False, "missing": [],
    }
    assert 60 <= current["readability"]["flesch_reading_ease"] <= 100
    assert current["readability"]["reading_age"] == current["readability"]["flesch_kincaid_grade"] + 5
    legacy = rows["exampleshire", "children-in-need-1998"]
    assert [item["key"] for item in legacy["items"] if item["covered"]] == ["controller", "purposes", "right_access"]
    assert rows["hampshire", "children-in-need"] == {
        "authority": "hampshire", "layout": "children-in-need", "current": True, "rendered": False,
        "not_rendered": NEEDS, "covered": None, "applicable": None, "items": [], "readability": None,
        "language": "en", "readability_not_measured": None,
    }


def welsh_council(workspace_dir, **changes) -> None:
    """The example council in Wales, in the profiles folder, with ``changes`` made to its text."""
    text = (REPO / "examples" / "profiles" / "enghraifft.toml").read_text("utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    write_profile(workspace_dir, "enghraifft", text)
    shutil.copy(REPO / "examples" / "profiles" / "enghraifft-logo.png", workspace_dir / "profiles")


UNAPPROVED = ("profiles/enghraifft.toml: welsh.approved_by: warning: the Welsh wording noticekit ships is a careful translation, not yet "
              "approved: the council's Welsh language service must approve the Welsh text (the wording and the council's Welsh values) "
              "before publication; then record who approved it, and when, in welsh.approved_by")


def test_a_council_in_wales_is_checked_in_each_of_its_languages(cli, workspace_dir):
    welsh_council(workspace_dir)
    result = cli("check", "enghraifft", "--layout", "children-in-need")
    assert result.exit_code == 0 and UNAPPROVED not in result.stdout
    lines = result.stdout.splitlines()
    assert next(line for line in lines if line.startswith("enghraifft")).split() == ["enghraifft", "A", "A", "cy", "A", "cy+en"]
    assert "  Covered (of the items that apply)                   19/19    19/19    19/19" in lines
    assert next(line for line in lines if "Flesch" in line).split()[-2:] == ["n/m", "n/m"]
    assert ("  n/m: readability not measured: the Flesch formulas measure English, and would give Welsh a wrong figure" in lines)
    report = json.loads(cli("check", "enghraifft", "--layout", "children-in-need", "--format", "json").stdout)
    rows = {row["language"]: row for row in report["coverage"]}
    assert [rows[language]["covered"] for language in ("en", "cy", "bilingual")] == [19, 19, 19]
    assert rows["en"]["readability"] is not None and rows["cy"]["readability"] is rows["bilingual"]["readability"] is None
    assert rows["cy"]["readability_not_measured"] == "the Flesch formulas measure English, not Welsh"
    assert report["layouts"][0]["claims_cy"]["retention"] == "Am ba hyd rydym yn ei chadw"


def test_welsh_text_warns_until_its_approval_is_recorded(cli, workspace_dir):
    welsh_council(workspace_dir, **{'approved_by = "Gwasanaeth Cyfieithu Cyngor Enghraifft (Enghraifft Council Translation Service), 2026-10-12"\n': ""})
    result = cli("check", "enghraifft", "--layout", "children-in-need")
    assert result.exit_code == 0 and UNAPPROVED in result.stdout.splitlines()
    assert cli("check", "enghraifft", "--layout", "children-in-need", "--strict").exit_code == 1


def test_a_welsh_council_citing_englands_law_is_warned(cli, workspace_dir):
    welsh_council(workspace_dir)
    with open(workspace_dir / "profiles" / "enghraifft.toml", "a", encoding="utf-8") as profile:
        profile.write('\n[lawful_basis]\nstatutes = ["the Children Act 1989 (section 83)"]\n'
                      '[welsh.lawful_basis]\nstatutes = ["Deddf Plant 1989 (adran 83)"]\n')
    result = cli("check", "enghraifft", "--layout", "children-in-need")
    assert result.exit_code == 0
    assert ("profiles/enghraifft.toml: lawful_basis.statutes: warning: 'the Children Act 1989 (section 83)' cites 'section 83', England's "
            'law or returns, but the council is in Wales (jurisdiction = "wales"); give the law that applies there, or remove the key for '
            "Wales's default") in result.stdout.splitlines()
