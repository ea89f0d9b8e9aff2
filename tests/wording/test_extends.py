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


WELSH_OWN = """{% block sharing %}
{{ super() }}
<h3>Partneriaeth Hybiau Teulu Enghraifft</h3>
<p>Mae ein hybiau teulu yn dod â'n gweithwyr cymorth cynnar, ymwelwyr iechyd ac ysgolion at ei gilydd.</p>
{% endblock %}
"""


def welsh_council_with_own_layout(workspace_dir, welsh_wording: str | None) -> Workspace:
    """The example council in Wales, with the example council's own layout (and, if given, its Welsh wording)."""
    shutil.copytree(REPO / "examples" / "layouts" / OWN, workspace_dir / "layouts" / OWN)
    if welsh_wording is not None:
        (workspace_dir / "layouts" / OWN / "notice.cy.xml.j2").write_text(welsh_wording, "utf-8")
    for name in ("enghraifft.toml", "enghraifft-logo.png"):
        shutil.copy(REPO / "examples" / "profiles" / name, workspace_dir / "profiles" / name)
    profile = workspace_dir / "profiles" / "enghraifft.toml"
    profile.write_text(profile.read_text("utf-8").replace('jurisdiction = "wales"\n', f'jurisdiction = "wales"\nlayout = "{OWN}"\n'), "utf-8")
    return Workspace.discover(workspace_dir)


def test_a_councils_own_layout_without_welsh_wording_makes_no_welsh_notice(workspace_dir, cli):
    welsh_council_with_own_layout(workspace_dir, None)
    result = cli("render", "enghraifft", "--language", "cy")
    assert (result.exit_code, result.stderr) == (1, f"layouts/{OWN}: layout {OWN!r} has no Welsh wording (notice.cy.xml.j2); choose a "
                                                    "layout that has, or leave Welsh out of languages\n")
    assert cli("render", "enghraifft", "--language", "en").exit_code == 0  # its English states Wales's law: the shared wording's


def test_its_welsh_wording_must_change_the_sections_its_english_changes(workspace_dir, cli):
    welsh_council_with_own_layout(workspace_dir, WELSH_OWN)  # the English also changes why_we_share
    result = cli("render", "enghraifft", "--language", "cy")
    assert (result.exit_code, result.stderr) == (1, f"layouts/{OWN}/notice.cy.xml.j2: the Welsh and English wording change different "
                                                    "sections (why_we_share); change each section in both, so that the two versions say the same\n")


@pytest.mark.slow
def test_its_welsh_wording_is_laid_over_the_shared_welsh(workspace_dir, cli):
    why = "{% block why_we_share %}\n<h2>Pam rydym yn ei rhannu</h2>\n<p>Rydym yn rhannu cyn lleied ag sydd ei angen arnom.</p>\n{% endblock %}\n"
    workspace = welsh_council_with_own_layout(workspace_dir, WELSH_OWN + why)
    assert load_layout(workspace.layouts, OWN).languages == ("en", "cy")
    result = cli("render", "enghraifft", "--language", "bilingual", "--pdf")
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text((workspace_dir / "out" / "enghraifft" / f"{OWN}.bilingual.pdf").read_bytes()).split())
    assert text.index("Partneriaeth Hybiau Teulu Enghraifft") < text.index("The Exampleshire Family Hub partnership")
    assert "cyn lleied ag sydd ei angen arnom" in text and "Llywodraeth Cymru" in text  # its own Welsh, and the shared
