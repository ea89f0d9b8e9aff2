"""PDF bytes -> one PNG per page, for the browser (pdfium draws them: fast, and what Chrome itself uses)."""

from __future__ import annotations

import io

SCALE = 2.0  # 144 dpi: sharp on a high-density screen, an A4 page about 0.3 MB
PNG_EFFORT = 1  # zlib level: the images live a few seconds on loopback; speed matters more than size


def page_images(pdf: bytes) -> tuple[bytes, ...]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return tuple(_png(page.render(scale=SCALE).to_pil()) for page in document)
    finally:
        document.close()


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=PNG_EFFORT)
    return buffer.getvalue()
