"""Printers' marks: crop marks at the trim's corners, registration targets and fold marks, all
outside the bleed at the usual length, on a page made larger to hold them.

WeasyPrint's own marks (``marks: crop cross``) fall inside a 3 mm bleed and are 2 to 3 mm long,
so noticekit draws its own. In a tagged PDF they are Artifacts of type Page ("production aids
extraneous to the document itself, such as cut marks", ISO 32000-1, 14.8.2.2.2).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

MM = 72 / 25.4
OFFSET = 3 * MM  # the least gap between the trim and a mark: marks start outside the bleed
LENGTH = 5 * MM  # a usual crop mark
WEIGHT = 0.25  # points: a hairline
TARGET = 2 * MM  # the radius of a registration target's circle
BEZIER = 0.5523  # a quarter circle as a cubic Bézier curve


@dataclass(frozen=True)
class Page:
    """A page's trimmed size, its bleed and where its trim box starts, in points."""

    width: float
    height: float
    bleed: float
    x: float = 0.0
    y: float = 0.0

    @classmethod
    def of(cls, page: pikepdf.Page) -> Page:
        media = [float(value) for value in page.MediaBox]
        trim = [float(value) for value in page.TrimBox] if "/TrimBox" in page.obj else media
        return cls(trim[2] - trim[0], trim[3] - trim[1], max(0.0, trim[0] - media[0]), trim[0], trim[1])

    def offset(self) -> float:
        return max(self.bleed, OFFSET)

    def margin(self, with_marks: bool) -> float:
        """Room around the trim: the bleed alone, or the bleed and the marks beyond it."""
        return self.offset() + LENGTH if with_marks else self.bleed

    def set_boxes(self, page: pikepdf.Page, margin: float) -> None:
        """The page's media box ``margin`` beyond its trim; its bleed and trim boxes as they are."""
        x, y, w, h, b = self.x, self.y, self.width, self.height, self.bleed
        page.MediaBox = pikepdf.Array([x - margin, y - margin, x + w + margin, y + h + margin])
        page.BleedBox = pikepdf.Array([x - b, y - b, x + w + b, y + h + b])
        page.TrimBox = pikepdf.Array([x, y, x + w, y + h])
        for box in ("/CropBox", "/ArtBox"):
            if box in page.obj:
                del page.obj[box]

    def marks(self, *, fold: bool = False, artifact: bool = False) -> bytes:
        """Content that draws the marks in registration colour (every ink): crop marks at each
        corner, a registration target at the middle of the left and right edges and, ``fold``,
        dashed fold marks at the middle of the top and bottom edges."""
        x, y, w, h, near = self.x, self.y, self.width, self.height, self.offset()
        far = near + LENGTH
        lines = []
        for cx, sx in ((x, -1), (x + w, 1)):
            for cy, sy in ((y, -1), (y + h, 1)):
                lines.append((cx + sx * near, cy, cx + sx * far, cy))
                lines.append((cx, cy + sy * near, cx, cy + sy * far))
        ops = [f"q {WEIGHT} w 1 1 1 1 K [] 0 d"]
        ops += [f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S" for x0, y0, x1, y1 in lines]
        for cx in (x - (near + far) / 2, x + w + (near + far) / 2):
            ops.append(_target(cx, y + h / 2))
        if fold:
            middle = x + w / 2
            ops.append(f"[2 2] 0 d {middle:.3f} {y + h + near:.3f} m {middle:.3f} {y + h + far:.3f} l S")
            ops.append(f"{middle:.3f} {y - near:.3f} m {middle:.3f} {y - far:.3f} l S")
        ops.append("Q")
        drawn = "\n".join(ops) + "\n"
        return (f"/Artifact <</Type /Page>> BDC\n{drawn}EMC\n" if artifact else drawn).encode("ascii")


def _target(cx: float, cy: float) -> str:
    """A registration target: a circle with a cross through it."""
    r, k, half = TARGET, TARGET * BEZIER, LENGTH / 2
    circle = (f"{cx + r:.3f} {cy:.3f} m "
              f"{cx + r:.3f} {cy + k:.3f} {cx + k:.3f} {cy + r:.3f} {cx:.3f} {cy + r:.3f} c "
              f"{cx - k:.3f} {cy + r:.3f} {cx - r:.3f} {cy + k:.3f} {cx - r:.3f} {cy:.3f} c "
              f"{cx - r:.3f} {cy - k:.3f} {cx - k:.3f} {cy - r:.3f} {cx:.3f} {cy - r:.3f} c "
              f"{cx + k:.3f} {cy - r:.3f} {cx + r:.3f} {cy - k:.3f} {cx + r:.3f} {cy:.3f} c S")
    return f"{circle} {cx - half:.3f} {cy:.3f} m {cx + half:.3f} {cy:.3f} l S {cx:.3f} {cy - half:.3f} m {cx:.3f} {cy + half:.3f} l S"


def add_marks(pdf: bytes) -> bytes:
    """``pdf`` with room for printers' marks around each page's bleed, and the marks drawn there
    as Artifacts; its content, links and tags unchanged."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            trimmed = Page.of(page)
            trimmed.set_boxes(page, trimmed.margin(True))
            page.contents_add(pikepdf.Stream(document, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(document, b"Q\n" + trimmed.marks(artifact=True)))
        buffer = io.BytesIO()
        document.save(buffer, deterministic_id=True)
    return buffer.getvalue()
