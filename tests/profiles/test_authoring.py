"""profiles/authoring.py, `noticekit new` and `noticekit schema`."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, files_under
from noticekit.profiles.authoring import json_schema, keys, schema_text
from noticekit.profiles.profile import load_profile


def test_new_from_options_passes_check_and_renders(cli, workspace_dir):
    result = cli(
        "new", "west-sussex", "--name", "West Sussex County Council", "--website", "https://www.westsussex.gov.uk",
        "--set", "contacts.write_to.address=County Hall", "--set", "contacts.write_to.address=Chichester",
        "--set", "contacts.write_to.postcode=PO19 1RQ", "--set", "contacts.write_to.email=data@westsussex.gov.uk",
        "--set", "contacts.subject_access.email=sar@westsussex.gov.uk", "--set", "reviewed=2026-11-01",
        "--set", "layout=children-in-need-1998",
    )
    assert (result.exit_code, result.stdout) == (0, "profiles/west-sussex.toml\n")
    text = (workspace_dir / "profiles" / "west-sussex.toml").read_text()
    assert text.startswith("#:schema ./profile.schema.json\n")
    profile = load_profile(workspace_dir / "profiles" / "west-sussex.toml")
    assert profile.contacts.write_to.address == ("County Hall", "Chichester")
    assert str(profile.reviewed) == "2026-11-01"
    checked = cli("check", "west-sussex")
    assert checked.exit_code == 0 and "profiles/west-sussex.toml" not in checked.stdout
    assert cli("render", "west-sussex", "--docx").exit_code == 0
    assert "west-sussex/children-in-need-1998.docx" in files_under(workspace_dir / "out")


def test_new_refuses_to_overwrite(cli, workspace_dir):
    before = (workspace_dir / "profiles" / "hampshire.toml").read_text()
    result = cli("new", "hampshire", "--name", "X", "--website", "https://x.gov.uk")
    assert (result.exit_code, result.stderr) == (1, "profiles/hampshire.toml: already exists; use --force to replace it\n")
    assert (workspace_dir / "profiles" / "hampshire.toml").read_text() == before
    assert cli("new", "hampshire", "--name", "X", "--website", "https://x.gov.uk", "--force").exit_code == 0
    assert load_profile(workspace_dir / "profiles" / "hampshire.toml").name == "X"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--website", "https://x.gov.uk"], "profiles/newshire.toml: name: required; give it with --name VALUE"),
        (["--name", "N"], "profiles/newshire.toml: website: required; give it with --website VALUE"),
        (["--name", "N", "--website", "nope"], "website.url: 'nope' is not a web address; write it in full, e.g. 'https://www.example.gov.uk'"),
        (["--name", "N", "--website", "https://x.gov.uk", "--set", "contacts.write_to.emial=x"], "--set contacts.write_to.emial: unknown key; did you mean 'contacts.write_to.email'?"),
        (["--name", "N", "--website", "https://x.gov.uk", "--set", "reviewed"], "--set 'reviewed': write it as KEY=VALUE, e.g. --set contacts.write_to.email=data@example.gov.uk"),
        (["--name", "N", "--website", "https://x.gov.uk", "--set", "contacts.write_to.email=x"], "contacts.write_to.email: 'x' is not an email address"),
    ],
)
def test_new_errors_write_nothing(cli, workspace_dir, args, message):
    result = cli("new", "newshire", *args)
    assert (result.exit_code, result.stderr) == (1, message + "\n")
    assert not (workspace_dir / "profiles" / "newshire.toml").exists()


def test_new_asks_on_a_terminal_and_checks_each_answer(workspace_dir, monkeypatch):
    from typer.testing import CliRunner

    from noticekit import cli as command

    monkeypatch.setattr(command, "_interactive", lambda: True)
    answers = "\n".join([
        "", "Askshire Council",                                    # name: required, so asked again
        "children-in-need-1998",                                   # layout
        "javascript:alert(1)", "https://www.askshire.gov.uk", "",  # website.url (checked as typed), label
        "", "Data Team", "1 Road", "Asktown", "", "AS1 1KS", "not-an-email", "data@askshire.gov.uk", "12", "01234 567890",
        "", "", "", "", "", "",                                    # subject_access: nothing
        "",                                                        # docx_font: the default
        "",                                                        # logo: none (skips logo.alt)
        "",                                                        # docx_template: none
        "", "",                                                    # brand_colour, ico_registration: none
        "", "",                                                    # dpo, complaints: none (skips each section)
        "", "", "", "maybe", "yes", "",                            # information: the defaults; true/false checked as typed
        "", "", "",                                                # lawful_basis.article_10 (skips it), statutes, partners
        "", "", "",                                                # retention, transfers, automated_decisions: none
        "yesterday", "2026-10-01", "",                             # reviewed: checked as typed; next_review: none
        "", "", "",                                                # jurisdiction, languages: the defaults; welsh: none
    ]) + "\n"
    result = CliRunner().invoke(command.app, ["new", "askshire"], input=answers)
    assert result.exit_code == 0, result.output
    assert "reviewed: must be a date written as 2026-10-01, without quotes" in result.output
    assert "website.url: 'javascript:alert(1)' is not a web address" in result.output
    assert "contacts.write_to.email: 'not-an-email' is not an email address" in result.output
    profile = load_profile(workspace_dir / "profiles" / "askshire.toml")
    assert (profile.name, profile.website.url, profile.contacts.write_to.address) == ("Askshire Council", "https://www.askshire.gov.uk", ("1 Road", "Asktown"))
    assert profile.contacts.write_to.email == "data@askshire.gov.uk" and profile.docx_font == "Arial"
    assert "contacts.write_to.phone: '12' is not a phone number" in result.output and profile.contacts.write_to.phone == "01234 567890"
    assert "information.special_category: must be true or false, not 'maybe'" in result.output
    assert (profile.layout, profile.information.special_category, profile.information.criminal_offence) == ("children-in-need-1998", True, True)
    assert "partners[].name" not in result.output  # a list of tables is written in the file, never asked


def test_schema_command_prints_the_committed_copy(cli, update_golden):
    committed = REPO / "profiles" / "profile.schema.json"
    if update_golden:
        committed.write_text(schema_text())
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == committed.read_text() == schema_text()


def test_schema_describes_every_key_and_allows_no_others():
    schema = json_schema()
    assert schema["required"] == ["name", "website"] and schema["additionalProperties"] is False
    contact = schema["$defs"]["Contact"]
    assert contact["additionalProperties"] is False
    assert set(contact["properties"]) == {"organisation", "team", "address", "postcode", "email", "phone"}
    assert "null" not in json.dumps(schema)
    assert [key.dotted for key in keys()][:4] == ["name", "layout", "website.url", "website.label"]
    assert schema["$defs"]["Period"]["required"] == ["records", "period"] and "from" in schema["$defs"]["Period"]["properties"]
    assert schema["$defs"]["Article6"]["properties"]["provision"]["pattern"] == r"^(Article )?6\(1\)\([a-f]\)$"
    assert schema["$defs"]["Transfers"]["required"] == ["outside_uk"]


def test_every_shipped_profile_names_the_schema():
    for path in [*(REPO / "profiles").glob("*.toml"), *(REPO / "examples" / "profiles").glob("*.toml")]:
        assert path.read_text().startswith("#:schema "), path


def test_the_schema_accepts_every_shipped_profile_and_the_plain_forms_and_refuses_a_stray_key():
    import datetime as dt
    import tomllib

    import jsonschema

    def as_editors_see_it(value):  # an editor validating TOML sees a date as an ISO string
        if isinstance(value, dict):
            return {key: as_editors_see_it(item) for key, item in value.items()}
        if isinstance(value, list):
            return [as_editors_see_it(item) for item in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    schema = json_schema()
    for path in [*(REPO / "profiles").glob("*.toml"), *(REPO / "examples" / "profiles").glob("*.toml")]:
        jsonschema.validate(as_editors_see_it(tomllib.loads(path.read_text("utf-8"))), schema)
    example = as_editors_see_it(tomllib.loads((REPO / "examples" / "profiles" / "exampleshire.toml").read_text("utf-8")))
    jsonschema.validate({**example, "partners": ["the NHS"], "retention": "We keep it for 25 years."}, schema)
    with pytest.raises(jsonschema.ValidationError, match="'wy' was unexpected"):
        jsonschema.validate({**example, "partners": [{"name": "the NHS", "wy": "health"}]}, schema)


def test_set_changes_keys_in_place_keeping_every_comment_of_the_annotated_example(cli, workspace_dir):
    import shutil

    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, workspace_dir / "profiles" / path.name)
    before = (workspace_dir / "profiles" / "exampleshire.toml").read_text()
    result = cli("set", "exampleshire", "ico_registration=Z7654321", "dpo.phone=01234 999999", "information.sources=your school",
                 "information.sources=the police")
    assert (result.exit_code, result.stdout) == (0, "profiles/exampleshire.toml\n")
    after = (workspace_dir / "profiles" / "exampleshire.toml").read_text()
    comments = lambda text: [line for line in text.splitlines() if line.lstrip().startswith("#")]  # noqa: E731
    assert comments(after) == comments(before) and len(after.splitlines()) == len(before.splitlines())
    profile = load_profile(workspace_dir / "profiles" / "exampleshire.toml")
    assert (profile.ico_registration, profile.dpo.phone, profile.information.sources) == ("Z7654321", "01234 999999", ("your school", "the police"))
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert [b.split(" = ")[0] for _, b in changed] == ["ico_registration", "phone", "sources"]


@pytest.mark.parametrize(("args", "message"), [
    (["reviewed=2026-13-01"], "reviewed: must be a date written as 2026-10-01, without quotes"),
    (["partners=the NHS"], "profiles/exampleshire.toml: partners: is written as [[partners]] sections in this profile; change them in the file"),
    (["dpo.email=nobody"], "dpo.email: 'nobody' is not an email address"),
    (["transfers.outside_uk=true", "transfers.statement=x"], None),
])
def test_set_checks_the_whole_profile_before_writing(cli, workspace_dir, args, message):
    import shutil

    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, workspace_dir / "profiles" / path.name)
    before = (workspace_dir / "profiles" / "exampleshire.toml").read_bytes()
    result = cli("set", "exampleshire", *args)
    if message is None:
        assert result.exit_code == 0
        return
    assert (result.exit_code, result.stderr) == (1, message + "\n")
    assert (workspace_dir / "profiles" / "exampleshire.toml").read_bytes() == before


def test_a_list_key_given_with_commas_is_one_item_and_warned(cli, workspace_dir):
    result = cli("new", "leeds", "--name", "Leeds City Council", "--website", "https://www.leeds.gov.uk", "--set", "layout=children-in-need-1998",
                 "--set", "information.sources=schools, the police, the NHS")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == ("warning: --set information.sources='schools, the police, the NHS' gives one item; for 3, repeat "
                                             "the key: --set information.sources='schools' --set information.sources='the police' "
                                             "--set information.sources='the NHS'")
    assert result.stderr.splitlines()[-1] == "Next: noticekit check leeds, then noticekit render leeds"


def test_new_asks_for_every_key_the_layout_needs_and_stops_quietly(workspace_dir, monkeypatch):
    from typer.testing import CliRunner

    from noticekit import cli as command

    monkeypatch.setattr(command, "_interactive", lambda: True)
    answers = ["Leeds City Council", "", "https://www.leeds.gov.uk"] + [""] * 200
    result = CliRunner().invoke(command.app, ["new", "leeds"], input="\n".join(answers) + "\n")
    assert "The layout children-in-need needs: dpo.email, complaints.email, retention, partners, transfers, automated_decisions, reviewed" in result.output
    assert "dpo.email: required; please give it" in result.output  # never skipped with the blank dpo.organisation
    assert result.exit_code == 130 and "stopped: nothing was written" in result.output  # the input ran out at a required question
    assert not (workspace_dir / "profiles" / "leeds.toml").exists()
    logo = CliRunner().invoke(command.app, ["new", "leeds"], input="\n".join(["Leeds", "children-in-need-1998", "https://leeds.gov.uk"] + [""] * 14 + ["missing.png"]) + "\n")
    assert "logo.file: 'missing.png' not found in profiles; put the file there first, or leave it out" in logo.output
