"""Where profiles, layouts and fonts live, and turning an authority name into a profile path safely."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from noticekit.errors import NoticekitError, UnknownAuthorityError
from noticekit.problems import did_you_mean, display_path

FOLDERS = ("profiles", "layouts", "fonts")
FONTS_CSS = "fonts.css"  # in fonts/: the @font-face rules that declare the PDF's fonts
PROFILES_ENV = "NOTICEKIT_PROFILES"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def bundled_root() -> Path:
    """The copies installed with the package, or the source checkout's own folders."""
    package = Path(__file__).resolve().parent
    installed = package / "_data"
    return installed if installed.is_dir() else package.parents[1]


@dataclass(frozen=True)
class Workspace:
    profiles: Path
    layouts: Path
    fonts: Path

    @classmethod
    def discover(cls, cwd: Path | None = None, profiles: Path | None = None, environ=os.environ) -> Workspace:
        """The current folder's profiles/, layouts/, fonts/ when present, else the bundled ones.

        ``profiles`` (the --profiles option) wins over $NOTICEKIT_PROFILES, which wins over both.
        """
        cwd = cwd or Path.cwd()
        found = {name: cwd / name if (cwd / name).is_dir() else bundled_root() / name for name in FOLDERS}
        override = profiles or (Path(environ[PROFILES_ENV]) if environ.get(PROFILES_ENV) else None)
        if override is not None:
            if not override.is_dir():
                source = "--profiles" if profiles else f"${PROFILES_ENV}"
                raise NoticekitError(f"{override}: profiles folder not found (from {source}); give a folder that holds <name>.toml files")
            found["profiles"] = override
        return cls(**found)

    @property
    def fonts_css(self) -> Path:
        return self.fonts / FONTS_CSS

    def slugs(self) -> list[str]:
        """Every authority with a profile, sorted."""
        return sorted(path.stem for path in self.profiles.glob("*.toml") if SLUG.match(path.stem))

    def profile_path(self, name: str) -> Path:
        """The profile of authority ``name``; refuses anything that is not a known slug."""
        known = self.slugs()
        if not SLUG.match(name):
            raise UnknownAuthorityError(
                f"{name!r} is not an authority name; use a profile's name, such as {(known or ['hampshire'])[0]!r} "
                "(lower-case letters, digits and hyphens)"
            )
        path = self.profiles / f"{name}.toml"
        if name not in known:
            listing = ", ".join(known) if known else "none"
            raise UnknownAuthorityError(
                f"unknown authority {name!r}{did_you_mean(name, known)} "
                f"(known in {display_path(self.profiles)}: {listing})"
            )
        if not _inside(path, self.profiles):
            raise UnknownAuthorityError(f"{display_path(path)}: points outside {display_path(self.profiles)}; copy the profile into that folder instead of linking it")
        return path

    def layout_names(self) -> list[str]:
        """Every layout folder (one holding a layout.toml), sorted."""
        return sorted(path.parent.name for path in self.layouts.glob("*/layout.toml"))


def _inside(path: Path, folder: Path) -> bool:
    """Whether path, with every symlink resolved, lies inside folder."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, root]) == root
