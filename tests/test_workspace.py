"""workspace.py: where profiles, layouts and fonts are found, and names that are slugs only."""

from __future__ import annotations

import pytest

from conftest import REPO
from noticekit.errors import NoticekitError, UnknownAuthorityError
from noticekit.workspace import Workspace, bundled_root


def test_current_folder_wins(workspace_dir):
    found = Workspace.discover(workspace_dir)
    assert found == Workspace(workspace_dir / "profiles", workspace_dir / "layouts", workspace_dir / "fonts")


def test_bundled_copies_fill_the_gaps(tmp_path):
    (tmp_path / "profiles").mkdir()
    found = Workspace.discover(tmp_path, environ={})
    assert found.profiles == tmp_path / "profiles"
    assert found.layouts == bundled_root() / "layouts" and found.fonts == bundled_root() / "fonts"
    assert (found.layouts / "children-in-need-1998" / "notice.xml.j2").is_file()


def test_bundled_root_in_a_checkout_is_the_repository():
    assert bundled_root() in (REPO, REPO / "src" / "noticekit" / "_data")


def test_profiles_option_beats_environment(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    assert Workspace.discover(tmp_path, environ={"NOTICEKIT_PROFILES": str(one)}).profiles == one
    assert Workspace.discover(tmp_path, profiles=two, environ={"NOTICEKIT_PROFILES": str(one)}).profiles == two


def test_environment_folder_must_exist(tmp_path):
    with pytest.raises(NoticekitError) as caught:
        Workspace.discover(tmp_path, environ={"NOTICEKIT_PROFILES": str(tmp_path / "nope")})
    assert caught.value.lines == (f"{tmp_path / 'nope'}: profiles folder not found (from $NOTICEKIT_PROFILES); give a folder that holds <name>.toml files",)


def test_slugs_come_from_file_names(workspace):
    (workspace.profiles / "Not A Slug.toml").write_text("")
    (workspace.profiles / "notes.txt").write_text("")
    assert workspace.slugs() == ["hampshire", "lancashire"]
    assert workspace.profile_path("hampshire") == workspace.profiles / "hampshire.toml"


def test_a_profile_linked_from_outside_is_refused(workspace, tmp_path):
    outside = tmp_path / "secret.toml"
    outside.write_text('name = "x"\n')
    (workspace.profiles / "linked.toml").symlink_to(outside)
    with pytest.raises(UnknownAuthorityError) as caught:
        workspace.profile_path("linked")
    assert caught.value.lines == ("profiles/linked.toml: points outside profiles; copy the profile into that folder instead of linking it",)


def test_layout_names(workspace):
    assert workspace.layout_names() == ["children-in-need", "children-in-need-1998", "children-in-need-young-people"]


def test_a_name_with_capitals_or_a_profile_path_suggests_the_authority(workspace):
    from noticekit.errors import UnknownAuthorityError

    for given in ("Hampshire", "profiles/hampshire.toml", "HAMPSHIRE.TOML"):
        with pytest.raises(UnknownAuthorityError) as caught:
            workspace.profile_path(given)
        assert caught.value.lines == (f"{given!r} is not an authority name (lower-case letters, digits and hyphens); did you mean 'hampshire'?",)
