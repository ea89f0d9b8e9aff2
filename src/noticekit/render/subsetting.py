"""Which font subsetter WeasyPrint will use, known without importing it (a no-op render stays quick).

Without libharfbuzz-subset0 (a plain `pip install` on Debian or Ubuntu), WeasyPrint subsets
fonts with fontTools, more slowly, and says so on every PDF: that is no fault of the notice, so
it is not an error (render says it once, with what to install).
"""

from __future__ import annotations

import functools

FONTTOOLS_FALLBACK = "Using fontTools instead of HarfBuzz-Subset"
SUBSET_PACKAGE = "libharfbuzz-subset0"
SUBSET_LIBRARIES = ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")


@functools.cache
def fast_subsetting() -> bool:
    """Whether WeasyPrint will subset fonts with HarfBuzz (4.1 or later), found as it finds it,
    without importing WeasyPrint."""
    import ctypes

    for name in SUBSET_LIBRARIES:
        try:
            subset = ctypes.CDLL(name)
        except OSError:
            continue
        version_at_least = getattr(subset, "hb_version_atleast", None)
        return version_at_least is None or bool(version_at_least(4, 1, 0))
    return False


def subsetting_warning() -> str:
    return (f"warning: {SUBSET_PACKAGE} is not installed, so WeasyPrint subsets fonts with fontTools, more slowly (the PDFs are "
            f"as good, and the same on every run); install it for speed: sudo apt install {SUBSET_PACKAGE}")
