"""An authority: a council's validated profile and checked logo, read once and carried to the build."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from noticekit.errors import NoticekitError
from noticekit.problems import display_path
from noticekit.profiles.jurisdiction import WALES
from noticekit.profiles.logo import Image, Unfit, beside, load_logo
from noticekit.profiles.profile import Profile, read_profile, read_toml, validate_profile
from noticekit.profiles.welsh import WelshProfile, welsh_profile
from noticekit.profiles.word_template import load_word_template
from noticekit.workspace import Unreadable, Workspace, read_regular

LIMIT = 20_000_000  # bytes: more than a logo or a Word template may be (each is checked when loaded)


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
    welsh: WelshProfile = WelshProfile()  # a council in Wales: its profile in Welsh, or why it cannot be made

    @property
    def welsh_logo(self) -> Image | None:
        """The logo with its Welsh text alternative (the English one when the council allows it)."""
        if self.logo is None or self.welsh.profile is None or self.welsh.profile.logo is None:
            return self.logo
        return dataclasses.replace(self.logo, alt=self.welsh.profile.logo.alt)

    @property
    def files(self) -> str:
        """The names of the files beside the profile that its digest covers: "logo|template" ("" for none)."""
        return f"{self.profile.logo.file if self.profile.logo else ''}|{self.profile.docx_template or ''}"


def load_authority(workspace: Workspace, name: str) -> Authority:
    """The authority ``name``: its validated profile and checked logo, from one read of its file."""
    path = workspace.profile_path(name)
    data = read_profile(path)
    raw = read_toml(data, display_path(path))
    profile = validate_profile(raw, display_path(path))
    template = load_word_template(profile, path)
    logo = load_logo(profile, path)
    template_digest = hashlib.sha256(template).digest() if template else b""
    welsh = welsh_profile(raw, Profile, display_path(path)) if profile.jurisdiction == WALES else WelshProfile()
    return Authority(name, path, profile, logo, authority_digest(data, logo.digest if logo else b"", template_digest), template, welsh)


def authority_digest(data: bytes, logo: bytes, template: bytes) -> str:
    """What the documents are made from beside the layout: the profile's bytes and the SHA-256 of
    its logo's and its Word template's (a new logo or template must render the council again)."""
    return hashlib.sha256(data + b"\0" + logo + b"\0" + template).hexdigest()


def digest_unread(workspace: Workspace, name: str, files: str) -> str | None:
    """The digest load_authority would give ``name``'s profile, if it names the files ``files``
    (Authority.files), from the bytes alone, without validating anything; None if any file is
    not as it must be. A batch uses it to find an unchanged authority without loading it."""
    logo, _, template = files.partition("|")
    try:
        path = workspace.profile_path(name)
        data = read_profile(path)
        beside_profile = [read_regular(beside(path.parent, file, "file"), LIMIT) if file else b"" for file in (logo, template)]
    except (NoticekitError, Unfit, Unreadable, OSError):
        return None
    return authority_digest(data, *(hashlib.sha256(found).digest() if found else b"" for found in beside_profile))


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
