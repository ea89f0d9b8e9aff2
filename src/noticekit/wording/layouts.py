"""A layout: one folder holding a notice's wording (a Jinja2 template) and its print design (CSS).

layouts/<name>/
  layout.toml      description = "..."           what the layout is for
                   requires = ["dpo.email", ...]  profile keys the wording needs (optional)
                   design = "<other layout>"      use that layout's stylesheets (optional)
                   current = true|false           whether the wording reflects current law
                   compact = true|false           a one-page layout: a tighter Word file too
                   qr = true|false                QR codes beside web addresses in print (default true)
                   jurisdictions = ["england", "wales"]  where the law it states applies (default: England)
                   [coverage] item = "Heading"    which section covers each UK GDPR Article 13 item
                   [coverage_cy] item = "Pennawd" the same, for the Welsh wording
  notice.xml.j2    the wording, as notice markup (see markup.py), filled from the profile
  notice.cy.xml.j2 the same wording in Welsh (optional): the layout then makes Welsh and bilingual notices
  print.css        the PDF design (unless borrowed); it may use fonts from fonts/fonts.css.
                   A layout that borrows a design may still have a print.css (and large-print.css,
                   booklet.css): each is laid over the borrowed sheet of the same name.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from noticekit.errors import LayoutError
from noticekit.problems import did_you_mean, display_path
from noticekit.profiles.jurisdiction import JURISDICTIONS
from noticekit.wording.articles import BY_KEY
from noticekit.workspace import Unreadable, read_regular

WORDING = "notice.xml.j2"
WELSH_WORDING = "notice.cy.xml.j2"
WORDINGS = {"en": WORDING, "cy": WELSH_WORDING}  # each language's wording file
STYLESHEET = "print.css"
SCREEN_STYLESHEET = "screen.css"
DEFAULT_LAYOUT = "children-in-need"  # the current notice; a profile may name another
# In an inlined stylesheet, anything that would fetch: @import, or url() other than data:.
_OUTSIDE_CSS = re.compile(r"@import[^;]*|url\(\s*['\"]?(?!data:)[^)]*\)", re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    name: str
    folder: Path
    description: str
    design_folder: Path | None = None
    requires: tuple[str, ...] = ()
    current: bool = True
    coverage: tuple[tuple[str, str], ...] = ()
    compact: bool = False
    qr: bool = True  # whether print outputs carry QR codes beside web addresses (a one-page leaflet may not)
    extends: Layout | None = None  # the shared layout whose wording this one changes by sections
    jurisdictions: tuple[str, ...] = ("england",)  # where the law its wording states applies
    coverage_cy: tuple[tuple[str, str], ...] = ()  # the coverage claims of its Welsh wording
    languages: tuple[str, ...] = ("en",)  # the languages it has wording in: "en", and "cy" with notice.cy.xml.j2

    def claims(self, language: str) -> tuple[tuple[str, str], ...]:
        """Which section (by heading) covers each item in the wording of ``language`` ("en" or "cy")."""
        return self.coverage_cy if language == "cy" else self.coverage

    @property
    def design(self) -> Path:
        """The folder whose stylesheets this layout uses: its own, or the one it borrows."""
        return self.design_folder or self.folder

    @property
    def stylesheet(self) -> Path:
        return self.design / STYLESHEET

    def screen_css(self) -> str:
        """screen.css, for the web page; refused if it would make the page request anything."""
        path = self.design / SCREEN_STYLESHEET
        if not path.is_file():
            raise LayoutError(f"{display_path(path)}: missing; layout {self.name!r} has no web page design")
        css = read_layout_text(path)
        outside = _OUTSIDE_CSS.search(css)
        if outside:
            raise LayoutError(f"{display_path(path)}: {outside[0]!r} would make the web page request a file; a page must be self-contained")
        if "</" in css:
            raise LayoutError(f"{display_path(path)}: '</' is not allowed in a stylesheet inlined into a page")
        return css

    def stylesheets(self, variant) -> list[Path]:
        """print.css, then the variant's own design laid over it (large-print.css, booklet.css).
        A layout that borrows a design lays its own print.css (and variant sheets), if any, over
        the borrowed ones: the same look, adjusted."""
        sheets = [self.stylesheet, *self._own(STYLESHEET)]
        if variant.stylesheet is None:
            return sheets
        overlay = self.design / variant.stylesheet
        if not overlay.is_file():
            raise LayoutError(f"{display_path(overlay)}: missing; layout {self.name!r} has no {variant.name} design")
        return [*sheets, overlay, *self._own(variant.stylesheet)]

    def _own(self, name: str) -> list[Path]:
        own = self.folder / name
        return [own] if self.design_folder and own.is_file() else []


def load_layout(layouts: Path, name: str, _child: str | None = None) -> Layout:
    """The layout called ``name`` inside the ``layouts`` folder (with the shared layout it extends)."""
    known = sorted(path.parent.name for path in layouts.glob("*/layout.toml"))
    if name not in known:
        listing = ", ".join(known) or "none"
        raise LayoutError(f"unknown layout {name!r}{did_you_mean(name, known)} (known in {display_path(layouts)}: {listing})")
    folder = layouts / name
    toml = folder / "layout.toml"
    meta = _read_meta(toml)
    parent = _parent(layouts, name, meta.get("extends"), known, toml, _child)
    design = meta.get("design")
    if design is not None and (design not in known or design == name):
        raise LayoutError(f"{display_path(toml)}: design: {design!r} is not another layout here")
    design_folder = layouts / design if design else (parent.design if parent else None)
    for required in (folder / WORDING, (design_folder or folder) / STYLESHEET):
        if not os.path.lexists(required):
            raise LayoutError(f"{display_path(required)}: missing; every layout needs {WORDING} and {STYLESHEET}")
    inherited = parent or Layout(name, folder, "")
    languages = ("en", "cy") if os.path.lexists(folder / WELSH_WORDING) and (parent is None or "cy" in parent.languages) else ("en",)
    return Layout(
        name=name, folder=folder, description=str(meta.get("description", inherited.description)), design_folder=design_folder,
        requires=tuple(meta.get("requires", inherited.requires)), current=_flag(meta, "current", inherited.current, toml),
        coverage=_merged(inherited.coverage, _coverage(meta.get("coverage", {}), toml)),
        compact=_flag(meta, "compact", inherited.compact, toml), qr=_flag(meta, "qr", inherited.qr, toml), extends=parent,
        jurisdictions=_jurisdictions(meta, inherited.jurisdictions, toml), languages=languages,
        coverage_cy=_merged(inherited.coverage_cy, _coverage(meta.get("coverage_cy", {}), toml, "coverage_cy")),
    )


def _jurisdictions(meta: dict[str, Any], default: tuple[str, ...], path: Path) -> tuple[str, ...]:
    value = meta.get("jurisdictions", list(default))
    if not isinstance(value, list) or not value or any(item not in JURISDICTIONS for item in value):
        raise LayoutError(f"{display_path(path)}: jurisdictions: must list where the law its wording states applies: "
                          f"{' and/or '.join(repr(item) for item in JURISDICTIONS)}, e.g. [\"england\", \"wales\"]")
    return tuple(value)


def _parent(layouts: Path, name: str, extends: Any, known: list[str], toml: Path, child: str | None) -> Layout | None:
    """The shared layout ``extends`` names: another layout here, which itself extends none."""
    if extends is None:
        return None
    if child is not None:
        raise LayoutError(f"{display_path(layouts / child / 'layout.toml')}: extends: {name!r} extends another layout itself; "
                          "extend a shared layout directly")
    if not isinstance(extends, str) or extends == name or extends not in known:
        hint = did_you_mean(str(extends), known) or f" (known: {', '.join(known)})"
        raise LayoutError(f"{display_path(toml)}: extends: {extends!r} is not another layout here{hint}")
    return load_layout(layouts, extends, _child=name)


def _merged(inherited: tuple[tuple[str, str], ...], own: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The shared layout's claims, each replaced or added to by the extending layout's own."""
    claims = dict(inherited)
    claims.update(own)
    return tuple(claims.items())


def _flag(meta: dict[str, Any], key: str, default: bool, path: Path) -> bool:
    value = meta.get(key, default)
    if not isinstance(value, bool):
        raise LayoutError(f"{display_path(path)}: {key}: must be true or false, without quotes")
    return value


def _coverage(claims: Any, path: Path, table: str = "coverage") -> tuple[tuple[str, str], ...]:
    """layout.toml's [coverage] (or [coverage_cy]): known Article 13 items, each naming a section heading."""
    if not isinstance(claims, dict):
        raise LayoutError(f"{display_path(path)}: {table}: must be a [{table}] section of item = \"Heading\" lines")
    for key, heading in claims.items():
        if key not in BY_KEY:
            hint = did_you_mean(key, list(BY_KEY)) or f"; the items are: {', '.join(BY_KEY)}"
            raise LayoutError(f"{display_path(path)}: {table}.{key}: not a UK GDPR Article 13 item{hint}")
        if not isinstance(heading, str) or not heading.strip():
            raise LayoutError(f"{display_path(path)}: {table}.{key}: must be the heading of the section that covers it, in quotes")
    return tuple(claims.items())


LAYOUT_KEYS = ("description", "extends", "requires", "design", "current", "coverage", "coverage_cy", "compact", "qr", "jurisdictions")


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = tomllib.loads(read_layout_text(path))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        raise LayoutError(f"{display_path(path)}: cannot be read ({error})") from None
    unknown = sorted(set(meta) - set(LAYOUT_KEYS))
    if unknown:
        hint = did_you_mean(unknown[0], list(LAYOUT_KEYS)) or f"; expected one of: {', '.join(LAYOUT_KEYS)}"
        raise LayoutError(f"{display_path(path)}: {unknown[0]}: unknown key{hint}")
    return meta


def wording_sources(layout: Layout, language: str = "en") -> list[tuple[str, str]]:
    """(shown path, text) of the wording files a layout's notice is filled from: its own, then
    the one it extends; messages about the filled markup point back into them."""
    chain = [layout, *([layout.extends] if layout.extends else [])]
    name = WORDINGS[language]
    return [(display_path(item.folder / name), read_layout_text(item.folder / name)) for item in chain]


def fill_wording(layout: Layout, context: dict[str, Any], language: str = "en") -> str:
    """The layout's wording template in ``language`` ("en" or "cy") filled from ``context``; any missing value fails."""
    if language not in layout.languages:
        raise LayoutError(f"{display_path(layout.folder)}: layout {layout.name!r} has no Welsh wording ({WELSH_WORDING}); "
                          "choose a layout that has, or leave Welsh out of languages")
    name = WORDINGS[language]
    environment = _environment(layout.folder, layout.extends.folder if layout.extends else None)
    shown = display_path(layout.folder / name)
    try:
        if layout.extends:
            _only_known_sections(environment, layout, shown, name)
            if language == "cy":
                _same_sections(environment, layout)
        return _within_budget(environment.get_template(name), context, shown)
    except RecursionError:
        raise LayoutError(f"{shown}: a macro calls itself without end; fix the template") from None
    except jinja2.TemplateSyntaxError as error:
        raise LayoutError(f"{display_path(Path(error.filename or shown))}: line {error.lineno}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise LayoutError(f"{shown}: template {error.name!r} not found inside {display_path(layout.folder)}") from None
    except jinja2.UndefinedError as error:
        raise LayoutError(f"{shown}{_template_line(error)}: {_undefined(error.message)}") from None
    except jinja2.exceptions.SecurityError as error:
        raise LayoutError(f"{shown}: not allowed in a layout: {error}") from None


# A layout is filled in milliseconds: these bounds stop a template that loops for ever, or writes without end.
TEMPLATE_SECONDS = 5
TEMPLATE_CHARACTERS = 2_000_000


class _TooSlow(Exception):
    pass


def _within_budget(template: jinja2.Template, context: dict[str, Any], shown: str) -> str:
    """The filled template, or a LayoutError when it takes too long or grows too large."""
    started, size, chunks = time.monotonic(), 0, []
    try:
        with _alarm(TEMPLATE_SECONDS):
            for chunk in template.generate(context):
                size += len(chunk)
                if size > TEMPLATE_CHARACTERS:
                    raise LayoutError(f"{shown}: the wording grew past {TEMPLATE_CHARACTERS:,} characters (a loop that runs too long?); fix the template")
                if time.monotonic() - started > TEMPLATE_SECONDS:
                    raise _TooSlow
                chunks.append(chunk)
    except _TooSlow:
        raise LayoutError(f"{shown}: the wording took more than {TEMPLATE_SECONDS} seconds to fill (a loop that runs too long?); fix the template") from None
    return "".join(chunks)


@contextlib.contextmanager
def _alarm(seconds: float):
    """Interrupt the code inside after ``seconds`` (in the main thread; elsewhere the chunk checks stand in)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"^'([^']+)' is undefined$")


def _undefined(message: str | None) -> str:
    """Jinja's undefined-value message in a layout designer's terms."""
    message = message or "a value is undefined"
    if found := _NO_ATTRIBUTE.search(message):
        return f"uses {found[1]!r}, which the profile does not have here; check the name against `noticekit schema`"
    if found := _UNDEFINED.match(message):
        return f"uses {found[1]!r}, which is not defined; the profile is available as 'council'"
    return message


def _template_line(error: Exception) -> str:
    """', line N' of the template line that failed, from the traceback Jinja rewrites."""
    lines = [tb.tb_lineno for tb in _frames(error.__traceback__) if tb.tb_frame.f_code.co_filename.endswith(".j2")]
    return f": line {lines[-1]}" if lines else ""


def _frames(tb):
    while tb is not None:
        yield tb
        tb = tb.tb_next


LAYOUT_FILE_LIMIT = 2_000_000  # bytes: a layout file is a few pages of text


def read_layout_text(path: Path) -> str:
    """A layout's file as text, only if it is an ordinary file of a sane size; else a LayoutError."""
    try:
        return read_regular(path, LAYOUT_FILE_LIMIT).decode("utf-8")
    except Unreadable as error:
        raise LayoutError(f"{display_path(path)}: {error.reason}; a layout's files must be ordinary text files") from None


SHARED = "shared/"  # how an extending layout's wording names the shared layout's files


class _OrdinaryFiles(jinja2.BaseLoader):
    """Templates only from ordinary files of a sane size (a named pipe would make the render wait
    forever): the layout's own, and, under "shared/", those of the layout it extends, whose wording
    the extending layout's own wording is laid over, section by section ({% block %})."""

    def __init__(self, folder: Path, shared: Path | None) -> None:
        self.folder, self.shared = folder, shared

    def get_source(self, environment, template):
        folder, name = (self.shared, template[len(SHARED):]) if self.shared and template.startswith(SHARED) else (self.folder, template)
        path = Path(folder, *split_template_path(name))
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        source = read_layout_text(path)
        if self.shared and folder == self.folder and name in WORDINGS.values():
            source = f'{{% extends "{SHARED}{name}" %}}' + source  # on line 1: the lines keep their numbers
        modified = os.path.getmtime(path)
        return source, str(path), lambda: os.path.exists(path) and os.path.getmtime(path) == modified


def _only_known_sections(environment: SandboxedEnvironment, layout: Layout, shown: str, name: str = WORDING) -> None:
    """An extending layout's wording is sections ({% block name %}) of the shared layout, and
    macros or settings: text outside a section would vanish without a word, so it is refused, as
    is a section the shared layout does not have."""
    own = environment.parse(read_layout_text(layout.folder / name))
    known = sorted(block.name for block in environment.parse(read_layout_text(layout.extends.folder / name)).find_all(nodes.Block))
    for node in own.body:
        if isinstance(node, nodes.Block) and node.name not in known:
            hint = did_you_mean(node.name, known) or f"; its sections are: {', '.join(known)}"
            raise LayoutError(f"{shown}: line {node.lineno}: {layout.extends.name!r} has no section {node.name!r}{hint}")
        if isinstance(node, nodes.Output) and any(not isinstance(part, nodes.TemplateData) or part.data.strip() for part in node.nodes):
            raise LayoutError(f"{shown}: line {node.lineno}: text outside any {{% block %}}; an extending layout's wording is "
                              f"sections of {layout.extends.name!r}: put it inside one")


def _same_sections(environment: SandboxedEnvironment, layout: Layout) -> None:
    """An extending layout's Welsh wording changes the same sections as its English: the Welsh
    Language Standards ask for versions equal in content."""
    changed = {language: {block.name for block in environment.parse(read_layout_text(layout.folder / name)).find_all(nodes.Block)}
               for language, name in WORDINGS.items()}
    if changed["en"] != changed["cy"]:
        only = sorted(changed["en"] ^ changed["cy"])
        raise LayoutError(f"{display_path(layout.folder / WELSH_WORDING)}: the Welsh and English wording change different sections "
                          f"({', '.join(only)}); change each section in both, so that the two versions say the same")


@functools.lru_cache(maxsize=16)
def _environment(folder: Path, shared: Path | None = None) -> SandboxedEnvironment:
    """One environment per layout folder, so templates compile once (and reload when edited)."""
    # autoescape=True, not select_autoescape(): that does not cover *.xml.j2 names.
    return SandboxedEnvironment(
        loader=_OrdinaryFiles(folder, shared),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
