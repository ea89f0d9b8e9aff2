"""Presentations of one wording: standard A4, large print, and a folded A5 booklet."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from noticekit.errors import NoticekitError


@dataclass(frozen=True)
class Variant:
    """How one presentation looks. ``stylesheet`` is laid over the layout's print.css."""

    name: str
    formats: tuple[str, ...]
    stylesheet: str | None = None
    docx_sizes: dict[str, float] = field(default_factory=dict)
    docx_line_spacing: float = 1.3
    docx_space_after: float = 6  # points after a paragraph or heading
    docx_space_before: float | None = None  # points before a heading; None: Word's own
    docx_margins_mm: tuple[float, float, float, float] = (18, 20, 20, 20)  # top, right, bottom, left
    docx_logo_mm: float = 12  # height of the logo in the Word header
    docx_header_mm: float | None = None  # the header's and footer's distance from the page's edge; None: Word's own
    imposed: bool = False
    body_pt: float = 12  # the smallest body text size this presentation promises
    running_pt: float = 12  # header and footer: RNIB sizes are for all text a reader must read

    def compacted(self) -> Variant:
        """The tighter Word file of a layout that fits one page (``compact = true``): the standard
        variant with less space around paragraphs and headings; the others stay as they are."""
        if self.name != STANDARD.name:
            return self
        return replace(self, docx_sizes={**self.docx_sizes, "Title": 15, "Heading 1": 12.5}, docx_line_spacing=1.0,
                       docx_space_after=2, docx_space_before=5, docx_margins_mm=(9, 12, 11, 12), docx_logo_mm=8, docx_header_mm=6)


STANDARD = Variant(
    "standard", ("pdf", "docx", "html"),
    docx_sizes={"Normal": 12, "List Bullet": 12, "Title": 20, "Heading 1": 15, "Heading 2": 13},
)
# RNIB: large print no smaller than 16 pt, preferably 18; generous spacing, no hyphenation.
LARGE_PRINT = Variant(
    "large-print", ("pdf", "docx"), "large-print.css",
    docx_sizes={"Normal": 18, "List Bullet": 18, "Title": 28, "Heading 1": 24, "Heading 2": 21},
    docx_line_spacing=1.5, body_pt=18, running_pt=16,
)
# A5 pages to read on screen, and the same pages imposed 2-up on A4 landscape for folding.
BOOKLET = Variant("booklet", ("pdf",), "booklet.css", imposed=True)
VARIANTS = {variant.name: variant for variant in (STANDARD, LARGE_PRINT, BOOKLET)}


def variant_named(name: str) -> Variant:
    if name not in VARIANTS:
        raise NoticekitError(f"unknown variant {name!r}; use one of: {', '.join(VARIANTS)}")
    return VARIANTS[name]
