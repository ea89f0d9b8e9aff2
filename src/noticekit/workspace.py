"""Where profiles, layouts and fonts live, turning an authority name into a profile path safely, and
reading a file only when it is an ordinary file of a sane size."""

from __future__ import annotations

import os
import re
import stat
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
        return sorted(path.stem for path in self.profiles.glob("*.toml") if SLUG.fullmatch(path.stem))

    def misnamed(self) -> list[tuple[Path, str]]:
        """Profiles whose file names are no authority name ('West-Sussex.toml', 'x.TOML'), each with
        the name that would fix it: render --all, check and list name them instead of skipping them."""
        found = []
        for path in sorted(self.profiles.iterdir()):
            if path.suffix.lower() == ".toml" and not (path.suffix == ".toml" and SLUG.fullmatch(path.stem)):
                found.append((path, f"{suggested_slug(path.stem)}.toml"))
        return found

    def profile_path(self, name: str) -> Path:
        """The profile of authority ``name``; refuses anything that is not a known slug."""
        path = self.profiles / f"{name}.toml"
        if SLUG.fullmatch(name) and path.exists() and _inside(path, self.profiles):  # the common case: no listing of the folder
            return path
        known = self.slugs()
        if not SLUG.fullmatch(name):
            meant = suggested_slug(Path(name).stem if name.lower().endswith(".toml") else Path(name).name)
            hint = f"; did you mean {meant!r}?" if meant in known else f"; use a profile's name, such as {(known or ['hampshire'])[0]!r}"
            raise UnknownAuthorityError(f"{name[:80]!r} is not an authority name (lower-case letters, digits and hyphens){hint}")
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


def suggested_slug(name: str) -> str:
    """The authority name closest to ``name``: lower case, hyphens for spaces and the like."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:63] or "council"


def misnamed_problem(path: Path, fix: str) -> str:
    """The line that names a misnamed profile and the rename that fixes it."""
    return f"{display_path(path)}: {misnamed_reason(fix)}"


def misnamed_reason(fix: str) -> str:
    """What is wrong with a misnamed profile, and the rename that fixes it (without the file's name)."""
    return f"not an authority name (lower-case letters, digits and hyphens), so it is not rendered; rename it {fix}"


def _inside(path: Path, folder: Path) -> bool:
    """Whether path, with every symlink resolved, lies inside folder."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, root]) == root


class Unreadable(Exception):
    """A file that is not an ordinary file of a sane size; ``reason`` says what it is, plainly."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def read_regular(path: Path, limit: int, follow: bool = True) -> bytes:
    """The bytes of ``path``, only if it is an ordinary file of at most ``limit`` bytes.

    Anything else (a named pipe, a device such as /dev/zero, a folder, or with ``follow`` false a
    symbolic link) is refused before it is read, so nothing can make a render wait forever or
    read without end. Raises Unreadable, or OSError when the file cannot be opened at all.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if not follow and os.path.islink(path):
            raise Unreadable("is a symbolic link, not a file") from None
        raise error
    try:
        found = os.fstat(descriptor)
        kind, size = stat.S_IFMT(found.st_mode), found.st_size
        if kind != stat.S_IFREG:
            raise Unreadable(f"is {_KINDS.get(kind, 'not an ordinary file')}, not a file")
        if size > limit:
            raise Unreadable(f"is too large ({_size(size)}; at most {_size(limit)})")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            # read what fstat says is there (asking for `limit` bytes would allocate that much), and
            # the rest only if the file grew meanwhile
            expected = min(size, limit) + 1
            data = file.read(expected)
            if len(data) == expected <= limit:
                data += file.read(limit + 1 - len(data))
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise Unreadable(f"is too large (more than {_size(limit)})")
    return data


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count // 1000} kB"
