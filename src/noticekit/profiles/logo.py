"""A council's logo: found beside its profile, checked to be a self-contained PNG or SVG."""

from __future__ import annotations

import hashlib
import io
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from noticekit.errors import ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.profile import Profile
from noticekit.workspace import Unreadable, read_regular


@dataclass(frozen=True)
class Image:
    """A picture (the council's logo): a checked PNG or SVG file and its text alternative."""

    path: Path
    alt: str
    kind: str  # "png" or "svg"
    data: bytes = field(default=b"", repr=False)  # the bytes that were checked: what every backend draws, never read again

    @property
    def digest(self) -> bytes:
        """SHA-256 of the checked bytes: part of the authority's digest."""
        return hashlib.sha256(self.data).digest()


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 2_000_000
MAX_SIDE = 5000  # pixels: a logo prints a few centimetres wide
MAX_DEPTH = 40  # elements nested in an SVG
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_REFERENCE_ATTRIBUTES = ("href", "{http://www.w3.org/1999/xlink}href", "src")
_FORBIDDEN_ELEMENTS = ("script", "foreignObject")


class Unfit(ValueError):
    """Why a logo file cannot be used, said plainly."""


def load_logo(profile: Profile, profile_path: Path) -> Image | None:
    """The profile's logo as an Image, or None; a ProfileError on logo.file when it is unfit.

    Every check happens here, before any renderer sees the file: where it is, its size on disk,
    its kind, a PNG's pixel size (from its header) and a full decoding, an SVG's every rule in
    whatever encoding it is written. So `check` finds what a render would trip on, and names
    logo.file."""
    if profile.logo is None:
        return None
    folder, name = profile_path.parent, profile.logo.file
    try:
        path = beside(folder, name, "logo file")
        data = read_regular(path, MAX_BYTES)
        kind = "png" if data.startswith(PNG_MAGIC) else "svg"
        _check_png(data) if kind == "png" else _check_svg(data)
    except Unfit as error:
        raise ProfileError(Problem(display_path(profile_path), "logo.file", f"{name!r} {error}")) from None
    except Unreadable as error:
        raise ProfileError(Problem(display_path(profile_path), "logo.file", f"{name!r} {error.reason}; use a PNG or SVG file")) from None
    except OSError as error:
        raise ProfileError(Problem(display_path(profile_path), "logo.file", f"{name!r} cannot be read ({error.strerror or error})")) from None
    return Image(path=path, alt=profile.logo.alt, kind=kind, data=data)


def beside(folder: Path, name: str, what: str = "file") -> Path:
    """A file's real path, which must lie in the profile's folder (a link may not lead out of it)."""
    path = folder / name
    real, root = os.path.realpath(path), os.path.realpath(folder)
    if os.path.isabs(name) or os.path.commonpath([real, root]) != root:
        raise Unfit(f"is outside {display_path(folder)}; put the {what} beside the profile")
    if not os.path.lexists(path):
        raise Unfit(f"not found in {display_path(folder)}; check the file name")
    return Path(real)


def _check_png(data: bytes) -> None:
    """Pixel size from the header (before decoding), then a full decoding, as a renderer would."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise Unfit("is not a readable PNG image (its header is damaged); export it again")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if max(width, height) > MAX_SIDE:
        raise Unfit(f"is {width} x {height} pixels; at most {MAX_SIDE} on each side (a logo prints a few centimetres wide): make it smaller")
    import warnings

    from PIL import Image as Picture
    from PIL import ImageFile

    tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False  # WeasyPrint turns it on
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with Picture.open(io.BytesIO(data)) as picture:
                picture.load()
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise Unfit(f"is not a readable PNG image ({_reason(error)}); export it again") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _reason(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:80]


def _check_svg(data: bytes) -> None:
    """Every SVG rule, on the text whatever its encoding: no DOCTYPE or entity, a real <svg>, not
    nested without end, and nothing outside itself."""
    text = _svg_text(data)
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise Unfit("declares a DOCTYPE or entities; a logo must be a plain PNG or SVG file")
    try:
        root = ET.fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (ET.ParseError, RecursionError):
        raise Unfit("is not a PNG or SVG image") from None
    if root.tag not in ("{http://www.w3.org/2000/svg}svg", "svg"):
        raise Unfit("is not a PNG or SVG image")
    if _depth(root) > MAX_DEPTH:
        raise Unfit(f"nests its drawing more than {MAX_DEPTH} levels deep; export a simpler SVG")
    outside = svg_outside_reference(root)
    if outside is not None:
        raise Unfit(f"refers to {outside!r}; a logo must be self-contained (no links to other files or the web)")


def _svg_text(data: bytes) -> str:
    """An SVG's text: UTF-8, or UTF-16 with its byte-order mark; anything else is refused."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            break
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise Unfit("is not a PNG or SVG image (an SVG must be UTF-8 text)") from None


def _depth(element: ET.Element) -> int:
    """How deep elements nest below ``element``, counted without recursion."""
    deepest, todo = 0, [(element, 1)]
    while todo:
        node, level = todo.pop()
        deepest = max(deepest, level)
        todo.extend((child, level + 1) for child in node)
    return deepest


def svg_outside_reference(svg: ET.Element | bytes) -> str | None:
    """The first reference in an SVG to anything outside itself (a file, the web, a script, a
    stylesheet it imports), or None."""
    root = ET.fromstring(svg) if isinstance(svg, bytes) else svg
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in _FORBIDDEN_ELEMENTS:
            return f"<{name}>"
        references = [element.get(attribute) for attribute in _REFERENCE_ATTRIBUTES]
        styles = " ".join(filter(None, [*element.attrib.values(), element.text if name == "style" else None]))
        if _CSS_IMPORT.search(styles):
            return "@import"
        references += _CSS_URL.findall(styles)
        for reference in filter(None, references):
            if not reference.strip().startswith("#"):
                return reference.strip()
    return None
