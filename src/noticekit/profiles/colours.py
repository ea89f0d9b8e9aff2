"""Colour contrast as WCAG 2.2 defines it, for a council's brand colour on white paper."""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
LARGE_TEXT = 3.0  # WCAG 2.2 AA: large text (18 pt, or 14 pt bold) and graphics
BODY_TEXT = 4.5  # WCAG 2.2 AA: normal text
DEFAULT_ACCENT = "#0b3d6b"  # the layouts' own dark blue: 11.7:1 on white


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def text_colour(brand: str | None) -> str:
    """The colour for links and small text: the brand colour where it reaches 4.5:1, else the default."""
    return brand if brand and contrast_on_white(brand) >= BODY_TEXT else DEFAULT_ACCENT
