"""An authority: a council's validated profile and checked logo, read once and carried to the build."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from noticekit.errors import NoticekitError
from noticekit.problems import display_path
from noticekit.profiles.logo import Image, load_logo
from noticekit.profiles.profile import Profile, parse_profile, read_profile
from noticekit.profiles.word_template import load_word_template
from noticekit.workspace import Workspace


@dataclass(frozen=True)
class Authority:
    """``digest`` is the SHA-256 of the profile's bytes that were validated (and of its Word
    template): what the manifest records, so that it describes exactly what the documents were
    built from."""

    slug: str
    path: Path
    profile: Profile
    logo: Image | None = None
    digest: str = ""
    word_template: bytes | None = None  # the council's .docx whose styles, page set-up, header and footer the Word file takes


def load_authority(workspace: Workspace, name: str) -> Authority:
    """The authority ``name``: its validated profile and checked logo, from one read of its file."""
    path = workspace.profile_path(name)
    data = read_profile(path)
    profile = parse_profile(data, display_path(path))
    template = load_word_template(profile, path)
    digest = hashlib.sha256(data + (hashlib.sha256(template).digest() if template else b"")).hexdigest()  # the template shapes the DOCX
    return Authority(name, path, profile, load_logo(profile, path), digest, template)


def load_authorities(workspace: Workspace, names: Sequence[str]) -> list[Authority]:
    """Every named authority's validated profile; all problems of all of them reported at once."""
    authorities, problems = [], []
    for name in dict.fromkeys(names):
        try:
            authorities.append(load_authority(workspace, name))
        except NoticekitError as error:
            problems.extend(error.lines)
    if problems:
        raise NoticekitError(*problems)
    return authorities
