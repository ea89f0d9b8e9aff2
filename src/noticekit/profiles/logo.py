"""A council's logo: found beside its profile, checked to be a self-contained PNG or SVG."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from noticekit.errors import ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.profile import Profile


@dataclass(frozen=True)
class Image:
    """A picture (the council's logo): a checked PNG or SVG file and its text alternative."""

    path: Path
    alt: str
    kind: str  # "png" or "svg"


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 2_000_000
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_REFERENCE_ATTRIBUTES = ("href", "{http://www.w3.org/1999/xlink}href", "src")
_FORBIDDEN_ELEMENTS = ("script", "foreignObject")


def load_logo(profile: Profile, profile_path: Path) -> Image | None:
    """The profile's logo as an Image, or None; a ProfileError on logo.file when it is unfit."""
    if profile.logo is None:
        return None
    shown = display_path(profile_path)
    folder = profile_path.parent
    path = folder / profile.logo.file

    def problem(message: str) -> ProfileError:
        return ProfileError(Problem(shown, "logo.file", message))

    real, root = os.path.realpath(path), os.path.realpath(folder)
    if os.path.isabs(profile.logo.file) or os.path.commonpath([real, root]) != root:
        raise problem(f"{profile.logo.file!r} is outside {display_path(folder)}; put the logo file beside the profile")
    if not path.is_file():
        raise problem(f"{profile.logo.file!r} not found in {display_path(folder)}; check the file name")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise problem(f"{profile.logo.file!r} is too large ({len(data) // 1000} kB; at most {MAX_BYTES // 1000} kB)")
    kind = "png" if data.startswith(PNG_MAGIC) else "svg" if _is_svg(data) else None
    if kind is None:
        raise problem(f"{profile.logo.file!r} is not a PNG or SVG image")
    if kind == "svg":
        outside = svg_outside_reference(data)
        if outside is not None:
            raise problem(f"{profile.logo.file!r} refers to {outside!r}; a logo must be self-contained (no links to other files or the web)")
    return Image(path=Path(real), alt=profile.logo.alt, kind=kind)


def _is_svg(data: bytes) -> bool:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return False
    try:
        return ET.fromstring(data).tag in ("{http://www.w3.org/2000/svg}svg", "svg")
    except ET.ParseError:
        return False


def svg_outside_reference(data: bytes) -> str | None:
    """The first reference in an SVG to anything outside itself (a file, the web, a script), or None."""
    for element in ET.fromstring(data).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in _FORBIDDEN_ELEMENTS:
            return f"<{name}>"
        references = [element.get(attribute) for attribute in _REFERENCE_ATTRIBUTES]
        styles = [*element.attrib.values(), element.text if name == "style" else None]
        references += _CSS_URL.findall(" ".join(filter(None, styles)))
        for reference in filter(None, references):
            if not reference.strip().startswith("#"):
                return reference.strip()
    return None
