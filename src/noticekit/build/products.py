"""What a render writes: each (variant, format) product and its files, and the options that shape them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from noticekit.errors import NoticekitError
from noticekit.render.variants import STANDARD, Variant, variant_named
from noticekit.wording.languages import SUFFIXES

FORMATS = ("pdf", "docx", "html")
DEFAULT_FORMATS = ("pdf", "docx")
_BLEED = re.compile(r"(?:[0-9](?:\.[0-9])?|10(?:\.0)?)mm")  # 0 to 10 mm, at most one decimal


@dataclass(frozen=True)
class Options:
    """Choices that change the bytes of an output (and so are part of its provenance)."""

    qr: bool = True
    bleed: str | None = None  # e.g. "3mm": printers' bleed beyond the trim
    marks: bool = False  # crop and registration marks

    def __post_init__(self) -> None:
        if self.bleed is not None and not _BLEED.fullmatch(self.bleed):
            raise NoticekitError(f"--bleed {self.bleed!r}: give millimetres from 0 to 10, e.g. --bleed 3mm")

    def describe(self) -> str:
        return f"qr={'on' if self.qr else 'off'} bleed={self.bleed or 'none'} marks={'on' if self.marks else 'off'}"


@dataclass(frozen=True)
class Product:
    """One variant in one format, in one language: the file(s) it writes for a layout."""

    variant: Variant
    fmt: str
    language: str = "en"  # "en", "cy" or "bilingual" (wording.languages)

    def files(self, layout: str) -> tuple[str, ...]:
        """e.g. children-in-need.pdf, children-in-need.cy.large-print.pdf, children-in-need.bilingual.docx."""
        stem = f"{layout}{SUFFIXES[self.language]}"
        stem = stem if self.variant.name == STANDARD.name else f"{stem}.{self.variant.name}"  # by name: workers unpickle copies
        if self.variant.imposed and self.fmt == "pdf":
            return (f"{stem}.{self.fmt}", f"{stem}-imposed.{self.fmt}")
        return (f"{stem}.{self.fmt}",)


def products(formats: Sequence[str], variants: Sequence[str]) -> tuple[Product, ...]:
    """Every (variant, format) asked for that makes sense; a format no chosen variant has is refused."""
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise NoticekitError(f"unknown format {unknown[0]!r}; use one of: {', '.join(FORMATS)}")
    chosen_variants = [variant_named(name) for name in dict.fromkeys(variants or ["standard"])]
    wanted = list(dict.fromkeys(formats or DEFAULT_FORMATS))
    for fmt in formats:
        if not any(fmt in variant.formats for variant in chosen_variants):
            made = "; ".join(f"{v.name}: {', '.join(f.upper() for f in v.formats)}" for v in chosen_variants)
            raise NoticekitError(f"--{fmt}: none of the chosen variants is made as {fmt.upper()} ({made})")
    return tuple(Product(variant, fmt) for variant in chosen_variants for fmt in wanted if fmt in variant.formats)
