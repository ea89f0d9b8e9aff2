"""Which characters the PDF's fonts can draw, so that a notice never prints a blank box.

The fonts are those fonts/fonts.css declares (the shipped Atkinson Hyperlegible Next, and any
fallback a council adds there). A character none of them has fails the render, by name.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from pathlib import Path

from noticekit.errors import LayoutError, ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.authority import Authority
from noticekit.wording.document import Notice, plain_text_of
from noticekit.wording.layouts import WORDING, Layout, read_layout_text
from noticekit.workspace import Unreadable, read_regular

_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
# Characters that draw nothing of their own: spaces, controls and joiners (Cf), and variation
# selectors (which only choose between glyphs). Other combining marks do draw, and need a glyph.
_NOTHING_TO_DRAW = {"Zs", "Zl", "Zp", "Cc", "Cf"}
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def font_files(fonts_css: Path) -> list[Path]:
    return [fonts_css.parent / url for url in _URL.findall(read_layout_text(fonts_css))]


@functools.lru_cache(maxsize=4)
def coverage(fonts_css: Path) -> frozenset[int]:
    """Every code point some declared font maps to a glyph."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in font_files(fonts_css):
        with TTFont(io.BytesIO(_font_bytes(path)), lazy=True) as font:
            covered.update(font.getBestCmap())
    return frozenset(covered)


FONT_LIMIT = 50_000_000  # bytes


def _font_bytes(path: Path) -> bytes:
    try:
        return read_regular(path, FONT_LIMIT)
    except (OSError, Unreadable) as error:
        reason = error.reason if isinstance(error, Unreadable) else f"cannot be read ({error.strerror or error})"
        raise LayoutError(f"{display_path(path)}: {reason}; fonts/fonts.css must name font files in the fonts folder") from None


def first_missing(text: str, covered: frozenset[int]) -> str | None:
    """The first character of ``text`` that needs a glyph no font has, or None."""
    for char in unicodedata.normalize("NFC", text):
        if ord(char) in covered or unicodedata.category(char) in _NOTHING_TO_DRAW:
            continue
        if not any(ord(char) in selectors for selectors in _VARIATION_SELECTORS):
            return char
    return None


def describe(char: str) -> str:
    return f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')})"


def require_glyphs(notice: Notice, layout: Layout, fonts_css: Path, authority: Authority | None = None) -> None:
    """Refuse a notice with a character no font in fonts/ has, naming the profile key it came from."""
    missing = first_missing(plain_text_of(notice), coverage(fonts_css))
    if missing is None:
        return
    fix = f"remove it, or add a font that has it to {display_path(fonts_css)}"
    for key, value in _text_values(authority.profile.model_dump() if authority else {}):
        if missing in unicodedata.normalize("NFC", value):
            raise ProfileError(Problem(display_path(authority.path), key, f"{describe(missing)} is in no font of the PDF, so it would print as a blank box; {fix}"))
    raise LayoutError(f"{display_path(layout.folder / WORDING)}: {describe(missing)} is in no font of the PDF, so it would print as a blank box; {fix}")


def _text_values(data, prefix: str = ""):
    """(dotted key, text) for every text value of a dumped profile."""
    for name, value in data.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from _text_values(value, f"{key}.")
        elif isinstance(value, str):
            yield key, value
        elif isinstance(value, (list, tuple)):
            yield from ((f"{key}[{index}]", item) for index, item in enumerate(value) if isinstance(item, str))
