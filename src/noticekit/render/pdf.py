"""HTML -> PDF bytes with WeasyPrint, imported only when a PDF is made.

WeasyPrint may read only files inside the folders it is given (the workspace's layouts/ and
fonts/): no network, no file elsewhere, no ../ escape, and nothing at all once layout is done,
so a rel="attachment" link can never embed a file. A refused fetch or any warning WeasyPrint
logs fails the render: a missing font or stylesheet is a defect, not noise.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from noticekit.errors import RenderError
from noticekit.render.glyphs import coverage as glyph_coverage
from noticekit.render.subsetting import FONTTOOLS_FALLBACK
from noticekit.render.tagging import repair
from noticekit.wording.document import FIXED_DATE
from noticekit.workspace import Unreadable, read_regular

PDF_VARIANT = "pdf/ua-1"
FETCH_LIMIT = 50_000_000  # bytes: the largest file a notice may load (a font)
MAX_PAGES = 60  # a backstop: the profile's limits keep the longest notice far below it
# The types a notice may load. A fixed table, not `mimetypes`, which reads /etc/mime.types.
CONTENT_TYPES = {
    ".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
}


class RefusedFetch(ValueError):
    """A document asked for something outside the allowed folders."""


def render_pdf(html: str, *, base_url: str, allowed: Sequence[Path], source: str, identifier: bytes | None = None,
               passages: str | None = None, versions: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """The PDF of ``html``; ``source`` names the layout in error messages.

    ``identifier`` (the PDF's /ID) should not depend on where the files are, so that the same
    notice gives the same bytes on every machine; by default it is derived from ``html``.
    ``passages`` is the language of the page's passages in another language than its own
    (each a <section lang> or <span lang>), which the tag tree marks; ``versions`` a bilingual
    notice's (language, title, description) of each version, which its XMP metadata carries.
    """
    weasyprint = _weasyprint()
    fetcher = _fetcher_class()(allowed)
    with _warnings_as_errors(source):
        try:
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                font_config=_font_config(), pdf_variant=PDF_VARIANT, cache=_image_cache()
            )
            if len(document.pages) > MAX_PAGES:
                raise RenderError(f"{source}: the notice runs to {len(document.pages)} pages, more than a notice needs ({MAX_PAGES}); shorten the profile's lists")
            fetcher.seal()
            identifier = identifier or pdf_identifier(html)
            with _fixed_epoch():  # fontTools, subsetting fonts where HarfBuzz cannot, stamps them with the time
                return repair(document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier), passages, versions)
        except weasyprint.urls.FatalURLFetchingError as error:
            raise RenderError(f"{source}: {error.__cause__}") from None


@contextmanager
def _fixed_epoch() -> Iterator[None]:
    """$SOURCE_DATE_EPOCH, if unset, set to a constant while a PDF is written."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(FIXED_DATE.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def pdf_identifier(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32].encode("ascii")


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


@functools.cache
def _weasyprint():
    import weasyprint
    import weasyprint.urls

    return weasyprint


@functools.cache
def _font_config():
    """One FontConfiguration per process: a new one per document leaks memory and is slower."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


IMAGES_KEPT = 200  # entries (an image and its data are a few each): past this, the cache starts again


@functools.cache
def _images() -> dict:
    """WeasyPrint's image cache, kept between documents: the notices' pictures are data: URLs,
    named by their content (the QR codes of the addresses every notice gives, a council's logo),
    so a picture decoded once serves every later document. Emptied between documents once it is
    large (never during one: a cached image's data must stay with it)."""
    return {}


def _image_cache() -> dict:
    cache = _images()
    if len(cache) > IMAGES_KEPT:
        cache.clear()
    return cache


def forget_fonts() -> None:
    """Drop the font configuration and the glyph table, so that the next PDF uses the fonts as they are now."""
    _font_config.cache_clear()
    glyph_coverage.cache_clear()


@functools.cache
def _fetcher_class():
    urls = _weasyprint().urls

    class WorkspaceFetcher(urls.URLFetcher):
        """Serves files inside ``allowed`` folders; refuses everything else, and everything once sealed."""

        def __init__(self, allowed: Sequence[Path]) -> None:
            super().__init__(fail_on_errors=True)
            self._roots = [os.path.realpath(folder) for folder in allowed]
            self._sealed = False

        def seal(self) -> None:
            self._sealed = True

        def fetch(self, url, headers=None):
            if url.startswith("data:") and not self._sealed:  # in the page itself: no file, no network
                return super().fetch(url, headers)
            path = self._allowed_path(url)
            try:
                body = read_regular(Path(path), FETCH_LIMIT)
            except Unreadable as error:
                raise RefusedFetch(f"refused to load {url!r}: it {error.reason}") from None
            except OSError as error:
                raise RefusedFetch(f"cannot read {url!r} ({error.strerror})") from None
            content_type = CONTENT_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")
            return urls.URLFetcherResponse(url, body, {"Content-Type": content_type})

        def _allowed_path(self, url: str) -> str:
            where = "the workspace's layouts/ and fonts/ folders"
            if self._sealed:
                raise RefusedFetch(f"refused to embed {url!r}: a notice may not carry attachments")
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise RefusedFetch(f"refused to load {url!r}: a notice may use only files inside {where}")
            path = os.path.realpath(unquote(parts.path))
            if not any(os.path.commonpath([path, root]) == root for root in self._roots):
                raise RefusedFetch(f"refused to load {url!r}: it is outside {where}")
            return path

    return WorkspaceFetcher


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(FONTTOOLS_FALLBACK):
            self.messages.append(message.splitlines()[0])


@contextmanager
def _warnings_as_errors(source: str) -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise RenderError(f"{source}: WeasyPrint: {handler.messages[0]}")
