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
        "javascript:alert(1)", "https://www.askshire.gov.uk", "",  # website.url (checked as typed), label
        "Data Team", "1 Road", "Asktown", "", "AS1 1KS", "not-an-email", "data@askshire.gov.uk",
        "", "", "", "",                                            # subject_access: nothing
        "",                                                        # docx_font: the default
        "",                                                        # logo: none (skips logo.alt)
        "",                                                        # brand_colour: none
        "", "",                                                    # dpo, complaints: none (skips each section)
        "", "", "", "",                                            # retention, lawful_basis (defaults), partners
        "yesterday", "2026-10-01",                                 # reviewed: checked as typed
    ]) + "\n"
    result = CliRunner().invoke(command.app, ["new", "askshire"], input=answers)
    assert result.exit_code == 0, result.output
    assert "reviewed: must be a date written as 2026-10-01, without quotes" in result.output
    assert "website.url: 'javascript:alert(1)' is not a web address" in result.output
    assert "contacts.write_to.email: 'not-an-email' is not an email address" in result.output
    profile = load_profile(workspace_dir / "profiles" / "askshire.toml")
    assert (profile.name, profile.website.url, profile.contacts.write_to.address) == ("Askshire Council", "https://www.askshire.gov.uk", ("1 Road", "Asktown"))
    assert profile.contacts.write_to.email == "data@askshire.gov.uk" and profile.docx_font == "Arial"


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
    assert contact["additionalProperties"] is False and set(contact["properties"]) == {"team", "address", "postcode", "email"}
    assert "null" not in json.dumps(schema)
    assert [key.dotted for key in keys()][:3] == ["name", "website.url", "website.label"]


def test_every_shipped_profile_names_the_schema():
    for path in [*(REPO / "profiles").glob("*.toml"), *(REPO / "examples" / "profiles").glob("*.toml")]:
        assert path.read_text().startswith("#:schema "), path
