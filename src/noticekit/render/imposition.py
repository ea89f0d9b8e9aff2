"""Saddle-stitch imposition: A5 pages two-up on A4 landscape, in the order that folds into a booklet.

Print the result double-sided (flip on the short edge), stack the sheets, fold them in half:
the pages read 1, 2, 3, ... For N pages (padded with blanks to a multiple of 4), sheet s has
on its front N-2s (left) and 2s+1 (right), and on its back 2s+2 (left) and N-2s-1 (right).

The imposed file is for the printer alone, and honest about it: no links (they would sit on the
wrong half of a sheet), no structure tags or marked content (two pages of a booklet side by side
have no reading order), but its language and title set. The tagged, linked file for reading on
screen is the A5 booklet itself.
"""

from __future__ import annotations

import io

import pikepdf

from noticekit.render import marks

MARKED_CONTENT = {"BDC", "BMC", "EMC", "MP", "DP"}


def saddle_stitch_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page numbers (1-based; None for a blank) of each printed side, in order."""
    total = -(-pages // 4) * 4
    sides = []
    for sheet in range(total // 4):
        sides.append((total - 2 * sheet, 2 * sheet + 1))
        sides.append((2 * sheet + 2, total - 2 * sheet - 1))
    return [tuple(page if page <= pages else None for page in side) for side in sides]


A4_LANDSCAPE = (841.89, 595.28)  # points: the sheet's trimmed size (two A5 pages, 2 x 148 mm, leave 0.5 mm each side)


def impose(pdf: bytes, *, with_marks: bool = False) -> bytes:
    """The A5 pages of ``pdf`` imposed two-up, for a folded booklet: A4 landscape sides, plus the
    pages' bleed around the sheet (none at the fold) and, ``with_marks``, crop, registration and
    fold marks outside the bleed."""
    with pikepdf.open(io.BytesIO(pdf)) as source, pikepdf.new() as target:
        page = marks.Page.of(source.pages[0])
        margin = page.margin(with_marks)
        sheet = marks.Page(max(A4_LANDSCAPE[0], 2 * page.width), max(A4_LANDSCAPE[1], page.height), page.bleed, margin, margin)
        fold, bottom = sheet.x + sheet.width / 2, sheet.y + (sheet.height - page.height) / 2
        forms = [_flat_form(target, source, number) for number in range(len(source.pages))]
        for left, right in saddle_stitch_order(len(source.pages)):
            side = target.add_blank_page(page_size=(sheet.width + 2 * margin, sheet.height + 2 * margin))
            drawn = [_placed(side, forms[number - 1], page, (fold - page.width if half == 0 else fold, bottom), half)
                     for number, half in ((left, 0), (right, 1)) if number is not None]
            sheet.set_boxes(side, margin)
            side.contents_add(pikepdf.Stream(target, b"".join(drawn) + (sheet.marks(fold=True) if with_marks else b"")))
        _describe(target, source)
        buffer = io.BytesIO()
        target.save(buffer, deterministic_id=True, min_version="1.7")
    return buffer.getvalue()


def _flat_form(target: pikepdf.Pdf, source: pikepdf.Pdf, index: int) -> pikepdf.Object:
    """A source page as a form in ``target``, its marked content (tags, artifacts) taken out."""
    form = target.copy_foreign(source.pages[index].as_form_xobject())
    kept = [item for item in pikepdf.parse_content_stream(form) if str(item.operator) not in MARKED_CONTENT]
    form.write(pikepdf.unparse_content_stream(kept))
    return form


def _placed(side: pikepdf.Page, form: pikepdf.Object, page: marks.Page, trim_at: tuple[float, float], half: int) -> bytes:
    """Draw ``form`` (a page with its bleed) with its trim box's corner at ``trim_at``, on the left
    (0) or right (1) half of the sheet; it is clipped at the fold, so that neither page's bleed
    covers the other."""
    x0, y0, x1, y1 = (float(value) for value in form.BBox)
    trim_x, trim_y = x0 + page.bleed, y0 + page.bleed  # the form's own trim corner
    form.BBox = pikepdf.Array([x0, y0, trim_x + page.width, y1] if half == 0 else [trim_x, y0, x1, y1])
    name = side.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(f"/Page{half}"))  # named, not random: the same bytes every time
    return f"q 1 0 0 1 {trim_at[0] - trim_x:.4f} {trim_at[1] - trim_y:.4f} cm {name} Do Q\n".encode("ascii")


def _describe(target: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    """The booklet's title, author and language; its title shown in the window."""
    for key, value in source.docinfo.items():
        target.docinfo[key] = value
    if "/Lang" in source.Root:
        target.Root.Lang = source.Root.Lang
    target.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
