"""Saddle-stitch imposition: A5 pages two-up on A4 landscape, in the order that folds into a booklet.

Print the result double-sided (flip on the short edge), stack the sheets, fold them in half:
the pages read 1, 2, 3, ... For N pages (padded with blanks to a multiple of 4), sheet s has
on its front N-2s (left) and 2s+1 (right), and on its back 2s+2 (left) and N-2s-1 (right).
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

A4_LANDSCAPE = (841.89, 595.28)  # points; two A5 pages (2 x 148 mm) leave 0.5 mm each side


def saddle_stitch_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page numbers (1-based; None for a blank) of each printed side, in order."""
    total = -(-pages // 4) * 4
    sides = []
    for sheet in range(total // 4):
        sides.append((total - 2 * sheet, 2 * sheet + 1))
        sides.append((2 * sheet + 2, total - 2 * sheet - 1))
    return [tuple(page if page <= pages else None for page in side) for side in sides]


def impose(pdf: bytes) -> bytes:
    """The A5 pages of ``pdf`` imposed two-up on A4 landscape sides, for a folded booklet."""
    reader = PdfReader(io.BytesIO(pdf))
    width, height = (float(size) for size in reader.pages[0].mediabox.upper_right)
    sheet_width = max(A4_LANDSCAPE[0], 2 * width)
    margin = (sheet_width - 2 * width) / 2
    writer = PdfWriter()
    for left, right in saddle_stitch_order(len(reader.pages)):
        side = PageObject.create_blank_page(width=sheet_width, height=max(A4_LANDSCAPE[1], height))
        for page_number, offset in ((left, margin), (right, margin + width)):
            if page_number is not None:
                side.merge_transformed_page(reader.pages[page_number - 1], Transformation().translate(tx=offset))
        writer.add_page(side)
    writer.add_metadata({key: value for key, value in (reader.metadata or {}).items()})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
