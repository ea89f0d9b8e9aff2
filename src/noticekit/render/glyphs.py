"""Which characters the PDF's fonts can draw, so that a notice never prints a blank box.

The fonts are those fonts/fonts.css declares (the shipped Atkinson Hyperlegible Next, and any
fallback a council adds there). A character none of them has fails the render, by name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
# Characters that draw nothing of their own: spaces, controls and joiners (Cf), and variation
# selectors (which only choose between glyphs). Other combining marks do draw, and need a glyph.
_NOTHING_TO_DRAW = {"Zs", "Zl", "Zp", "Cc", "Cf"}
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def font_files(fonts_css: Path) -> list[Path]:
    return [fonts_css.parent / url for url in _URL.findall(fonts_css.read_text("utf-8"))]


@functools.lru_cache(maxsize=4)
def coverage(fonts_css: Path) -> frozenset[int]:
    """Every code point some declared font maps to a glyph."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in font_files(fonts_css):
        with TTFont(path, lazy=True) as font:
            covered.update(font.getBestCmap())
    return frozenset(covered)


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
