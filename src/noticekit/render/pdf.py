"""HTML -> PDF bytes with WeasyPrint, imported only when a PDF is made.

WeasyPrint may read only files inside the folders it is given (the workspace's layouts/ and
fonts/): no network, no file elsewhere, no ../ escape, and nothing at all once layout is done,
so a rel="attachment" link can never embed a file. A refused fetch or any warning WeasyPrint
logs fails the render: a missing font or stylesheet is a defect, not noise.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
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


def render_pdf(html: str, *, base_url: str, allowed: Sequence[Path], source: str, stylesheets: Sequence[Path] = (), css: str = "",
               identifier: bytes | None = None, passages: str | None = None, versions: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """The PDF of ``html``; ``source`` names the layout in error messages.

    ``stylesheets`` (files) and then ``css`` (trusted CSS built from validated values) style the
    page, in that order, for a page that has no style of its own (build.formats.PrintPage): each
    file is parsed once per process and kept while it is unchanged (_stylesheet).
    ``identifier`` (the PDF's /ID) should not depend on where the files are, so that the same
    notice gives the same bytes on every machine; by default it is derived from ``html``.
    ``passages`` is the language of the page's passages in another language than its own
    (each a <section lang> or <span lang>), which the tag tree marks; ``versions`` a bilingual
    notice's (language, title, description) of each version, which its XMP metadata carries.
    """
    weasyprint = _weasyprint()
    fetcher = _fetcher_class()(allowed)
    with _warnings_as_errors(source) as warnings:
        try:
            sheets = [_stylesheet(path, fetcher, warnings) for path in stylesheets]
            if css:
                sheets.append(_Sheet.parse(weasyprint.CSS, string=css, url_fetcher=fetcher))
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                font_config=_font_config(), counter_style=_Sheet.counter_styles(sheets), pdf_variant=PDF_VARIANT,
                cache=_image_cache(), stylesheets=[sheet.css for sheet in sheets],
            )
            if len(document.pages) > MAX_PAGES:
                raise RenderError(f"{source}: the notice runs to {len(document.pages)} pages, more than a notice needs ({MAX_PAGES}); shorten the profile's lists")
            fetcher.seal()
            identifier = identifier or pdf_identifier(html)
            with _fixed_epoch():  # fontTools, subsetting fonts where HarfBuzz cannot, stamps them with the time
                return repair(document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier), passages, versions)
        except weasyprint.urls.FatalURLFetchingError as error:
            raise RenderError(f"{source}: {error.__cause__}") from None


@dataclass(frozen=True)
class _Sheet:
    """A parsed stylesheet, and the @counter-style rules it defines (WeasyPrint keeps those
    apart, in a table each document is given)."""

    css: Any
    counters: dict

    @classmethod
    def parse(cls, parser: Callable, **source: Any) -> _Sheet:
        counters: dict = {}
        return cls(parser(**source, media_type="print", font_config=_font_config(), counter_style=counters), counters)

    @staticmethod
    def counter_styles(sheets: Sequence[_Sheet]) -> Any:
        """One document's table of counter styles: the sheets', in order. (WeasyPrint then adds its
        own, as it does for any stylesheet given apart: a sheet cannot redefine "disc" or "decimal".)"""
        from weasyprint.css.counters import CounterStyle

        table = CounterStyle()
        for sheet in sheets:
            table.update(sheet.counters)
        return table


SHEETS_KEPT = 32  # parsed stylesheets: past this (a preview, its stylesheets edited many times), the cache starts again


@functools.cache
def _sheets() -> dict:
    return {}


def _stylesheet(path: Path, fetcher, warnings: list[str]) -> _Sheet:
    """``path`` parsed as a stylesheet, fetched by ``fetcher`` (so only the allowed folders serve
    it, and the fonts its @font-face rules name), once per process while the file is unchanged
    (the same path, modification time, size and inode) and the allowed folders the same. Parsing
    the print design's stylesheets is about 3 ms a document: most of a batch's councils share them.
    Kept with the font configuration their @font-face rules went into (forget_fonts drops both).
    A sheet WeasyPrint warns about (``warnings`` grows: the render will fail) is never kept."""
    try:
        stat = os.stat(path)
    except OSError:  # the fetcher says what is wrong with it, in the words it uses for every file
        return _Sheet.parse(_weasyprint().CSS, url=file_url(path), url_fetcher=fetcher)
    key = (os.path.realpath(path), stat.st_mtime_ns, stat.st_size, stat.st_ino, tuple(fetcher.roots))
    cache = _sheets()
    if key in cache:
        return cache[key]
    warned = len(warnings)
    sheet = _Sheet.parse(_weasyprint().CSS, url=file_url(path), url_fetcher=fetcher)
    if len(warnings) == warned:
        if len(cache) >= SHEETS_KEPT:
            cache.clear()
        cache[key] = sheet
    return sheet


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
    with quick_library_search():
        import weasyprint
        import weasyprint.urls

    return weasyprint


@contextmanager
def quick_library_search() -> Iterator[None]:
    """While the block runs (WeasyPrint loading Pango, HarfBuzz and fontconfig), ctypes looks for
    a library in the dynamic linker's cache, as it always does first, and no further unless a file
    of that name is in $LD_LIBRARY_PATH or $LIBRARY_PATH.

    WeasyPrint tries several names for each library, one per platform ("libgobject-2.0-0" for
    Windows, ...). ctypes.util.find_library looks for each name the cache lacks by running gcc,
    then ld, about 11 ms each: 15 names on this machine, 0.2 s of WeasyPrint's 0.5 s import, in every process
    that makes a PDF. Where ctypes looks otherwise (not Linux), nothing changes."""
    import ctypes.util

    in_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if in_cache is None:
        yield
        return
    find = ctypes.util.find_library
    folders = [folder for variable in ("LD_LIBRARY_PATH", "LIBRARY_PATH") for folder in os.environ.get(variable, "").split(os.pathsep) if folder]

    def quick(name: str) -> str | None:
        found = in_cache(name)
        if found or not any(glob.glob(os.path.join(glob.escape(folder), f"lib{glob.escape(name)}.*")) for folder in folders):
            return found
        return find(name)

    ctypes.util.find_library = quick
    try:
        yield
    finally:
        ctypes.util.find_library = find


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
    _sheets().clear()
    glyph_coverage.cache_clear()


@functools.cache
def _fetcher_class():
    urls = _weasyprint().urls

    class WorkspaceFetcher(urls.URLFetcher):
        """Serves files inside ``allowed`` folders; refuses everything else, and everything once sealed."""

        def __init__(self, allowed: Sequence[Path]) -> None:
            super().__init__(fail_on_errors=True)
            self.roots = [os.path.realpath(folder) for folder in allowed]
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
            if not any(os.path.commonpath([path, root]) == root for root in self.roots):
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
def _warnings_as_errors(source: str) -> Iterator[list[str]]:
    """WeasyPrint's warnings, collected while the block runs (it is given them), then the first as a RenderError."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise RenderError(f"{source}: WeasyPrint: {handler.messages[0]}")
