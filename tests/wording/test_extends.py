"""wording/layouts.py's extends: a council's own wording laid over a shared layout, section by section."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from noticekit.errors import LayoutError
from noticekit.wording.layouts import fill_wording, load_layout
from noticekit.workspace import Workspace
from readback import pdf_text

OWN = "children-in-need-exampleshire"


@pytest.fixture
def council(workspace_dir):
    """The example council in the workspace, with its own layout (examples/layouts) extending children-in-need."""
    shutil.copytree(REPO / "examples" / "layouts" / OWN, workspace_dir / "layouts" / OWN)
    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, workspace_dir / "profiles" / path.name)
    profile = workspace_dir / "profiles" / "exampleshire.toml"
    profile.write_text(profile.read_text().replace('layout = "children-in-need"\n', f'layout = "{OWN}"\n'))
    return Workspace.discover(workspace_dir)


def test_it_inherits_what_it_does_not_say(council):
    own, shared = load_layout(council.layouts, OWN), load_layout(council.layouts, "children-in-need")
    assert own.extends.name == "children-in-need" and own.design == shared.design
    assert (own.requires, own.coverage, own.current, own.qr) == (shared.requires, shared.coverage, shared.current, shared.qr)
    assert own.description.startswith("Exampleshire's notice")


@pytest.mark.slow
def test_its_own_sections_and_the_shared_rest_and_later_fixes_reach_it(council, cli):
    assert cli("render", "exampleshire", "--pdf").exit_code == 0
    text = " ".join(pdf_text((council.profiles.parent / "out" / "exampleshire" / f"{OWN}.pdf").read_bytes()).split())
    assert "The Exampleshire Family Hub partnership" in text and "We share as little as we need to" in text  # its own
    assert "the NHS: to keep children healthy and safe" in text  # the shared section it kept with super()
    assert "We share information to keep children safe, to plan services" not in text  # the section it replaced
    assert "Sending information abroad" in text and "National Pupil Database" in text  # the shared rest
    wording = council.layouts / "children-in-need" / "notice.xml.j2"
    wording.write_text(wording.read_text().replace("The law calls us the data controller.", "The law calls us the data controller, and we take that seriously."))
    assert cli("render", "exampleshire", "--pdf").exit_code == 0
    again = " ".join(pdf_text((council.profiles.parent / "out" / "exampleshire" / f"{OWN}.pdf").read_bytes()).split())
    assert "The law calls us the data controller, and we take that seriously." in again


def test_check_shows_a_councils_own_layout_in_the_column_of_the_one_it_extends(council, cli):
    result = cli("check", "exampleshire")
    assert result.exit_code == 0, result.output
    assert f"  {OWN}" not in result.stdout.split("\n\n")[0]  # no column of its own
    assert f"  A: exampleshire's own layout, {OWN}, which extends children-in-need" in result.stdout
    assert "  Covered (of the items that apply)                   19/19  3/19   19/19" in result.stdout


def own_wording(council, text: str) -> None:
    (council.layouts / OWN / "notice.xml.j2").write_text(text)


@pytest.mark.parametrize(("text", "message"), [
    ("{% block sharng %}<h2>Sharing</h2>{% endblock %}",
     f"layouts/{OWN}/notice.xml.j2: line 1: 'children-in-need' has no section 'sharng'; did you mean 'sharing'?"),
    ("\n\nSome words for the notice\n{% block sharing %}{{ super() }}{% endblock %}",
     f"layouts/{OWN}/notice.xml.j2: line 1: text outside any {{% block %}}; an extending layout's wording is sections of 'children-in-need': put it inside one"),
])
def test_a_mistake_in_its_wording_names_its_own_file_and_line(council, text, message):
    own_wording(council, text)
    with pytest.raises(LayoutError) as caught:
        fill_wording(load_layout(council.layouts, OWN), {})
    assert caught.value.lines == (message,)


def test_it_extends_a_shared_layout_directly(council):
    (council.layouts / "twice").mkdir()
    (council.layouts / "twice" / "layout.toml").write_text(f'extends = "{OWN}"\n')
    (council.layouts / "twice" / "notice.xml.j2").write_text("")
    with pytest.raises(LayoutError) as caught:
        load_layout(council.layouts, "twice")
    assert caught.value.lines == (f"layouts/twice/layout.toml: extends: {OWN!r} extends another layout itself; extend a shared layout directly",)
    (council.layouts / "twice" / "layout.toml").write_text('extends = "children-in-ned"\n')
    with pytest.raises(LayoutError) as caught:
        load_layout(council.layouts, "twice")
    assert caught.value.lines == ("layouts/twice/layout.toml: extends: 'children-in-ned' is not another layout here; did you mean 'children-in-need'?",)


@pytest.mark.slow
def test_a_render_whose_claims_fail_for_the_council_is_refused_with_checks_line(council, cli):
    own_wording(council, "{% block rights %}<h2>What you can do</h2><p>Ask us.</p>{% endblock %}")
    result = cli("render", "exampleshire")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"layouts/{OWN}/layout.toml: coverage.right_rectification: no section is headed 'Your rights' in the wording; fix the wording or the claim")
    assert result.stderr.splitlines()[0] in cli("check", "exampleshire").stdout.splitlines()
    assert not (council.profiles.parent / "out" / "exampleshire").exists()
