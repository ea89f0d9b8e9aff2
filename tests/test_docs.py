"""The README documents every command, option and profile key, and opens with the two commands."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from noticekit.profiles.authoring import keys
from noticekit.profiles.profile import Profile

README = (REPO / "README.md").read_text("utf-8")


def first_code_block() -> list[str]:
    block = README.split("```")[1].splitlines()[1:]
    return [line.split("#")[0].strip() for line in block if line.split("#")[0].strip()]


def profile_keys(model=None) -> list[str]:
    return [key.dotted for key in keys()]


def test_readme_opens_with_two_commands_and_ci_runs_the_test_one():
    assert first_code_block() == ["make demo", "make test"]
    ci = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert ci == ["make test"]


@pytest.mark.parametrize("key", profile_keys(Profile))
def test_every_profile_key_is_documented(key):
    assert re.search(rf"^\| `{re.escape(key)}` \| (required|optional)", README, re.MULTILINE), key


def test_every_command_and_option_is_documented():
    from typer.main import get_command

    from noticekit.cli import app

    group = get_command(app)
    for name, command in group.commands.items():
        assert f"noticekit {name}" in README
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in README, f"{name} {option}"


def test_the_example_uses_every_key():
    """Between them, the annotated example council and the Welsh one use every key."""
    text = "\n".join((REPO / "examples" / "profiles" / name).read_text("utf-8") for name in ("exampleshire.toml", "enghraifft.toml"))
    for key in profile_keys(Profile):
        # a list of tables ([[partners]]) is used by its sections, a key by its line
        assert re.search(rf"^{re.escape(key.split('.')[-1])} = |^\[\[{re.escape(key)}\]\]$", text, re.MULTILINE), key
