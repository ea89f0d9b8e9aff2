"""One council's notice in one layout and variant, rendered again on request by the same pipeline as
`render` (nothing written): the web page first, then the check panel, then the PDF and its pages.

A problem (a broken profile, a layout error) is published as the lines the CLI would print, while
the last good render stays on the board beneath them.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from noticekit.build.formats import build, build_html
from noticekit.build.products import Options, Product
from noticekit.check.report import check
from noticekit.errors import NoticekitError
from noticekit.preview.pages import page_images
from noticekit.preview.panel import check_panel
from noticekit.preview.state import Board
from noticekit.problems import internal_error, one_line
from noticekit.profiles.authority import Authority, load_authority
from noticekit.render.variants import Variant
from noticekit.wording.choice import LayoutChoice
from noticekit.wording.compose import notice_for
from noticekit.wording.document import Notice
from noticekit.wording.layouts import Layout, load_layout
from noticekit.workspace import Workspace


@dataclass(frozen=True)
class Inputs:
    """The files a render read: a change to one of them (or anything under ``folders``) calls for a
    new render. ``everything`` when the render failed before it knew them all (a broken profile
    may be about to name another logo or layout)."""

    files: frozenset[Path] = frozenset()
    folders: tuple[Path, ...] = ()
    everything: bool = True

    def concern(self, path: Path) -> bool:
        return self.everything or path in self.files or any(path.is_relative_to(folder) for folder in self.folders)


@dataclass(frozen=True)
class Loaded:
    authority: Authority
    layout: Layout
    notice: Notice
    language: str = "en"


class Session:
    """``report`` is told one line per render (what was updated, and how long it took, or each problem)."""

    def __init__(self, workspace: Workspace, slug: str, layout: str | None, variant: Variant,
                 report: Callable[[str], None] = lambda line: None, language: str | None = None) -> None:
        self.workspace, self.slug, self.variant, self.report = workspace, slug, variant, report
        self.language = language  # None: the profile's first language
        self.layout_name = layout
        LayoutChoice(workspace.layouts, layout, [variant])  # a wrong --layout or --variant fails before serving
        workspace.profile_path(slug)  # and so does an unknown authority
        self.board = Board()
        self.inputs = Inputs()

    def render_web(self) -> Loaded | None:
        """The web page and the check panel; the Loaded notice for render_pdf, or None after a problem."""
        started = time.perf_counter()
        self.board.publish(busy=True)
        loaded = self._attempt(self._load)
        web = loaded and self._attempt(lambda: build_html(loaded.notice, loaded.layout, loaded.authority))
        if web:
            self.board.publish(title=loaded.authority.profile.name, layout=loaded.layout.name, web=web, problems=())
            self.report(f"web page updated in {time.perf_counter() - started:.2f} s")
        self._check(loaded.layout if loaded else None)
        return loaded if web else None

    def _check(self, layout: Layout | None) -> None:
        """`check`'s findings; with the coverage in ``layout`` once the notice could be composed."""
        chosen = layout or (self.layout_name and self._attempt(lambda: load_layout(self.workspace.layouts, self.layout_name), quiet=True))
        panel = self._attempt(lambda: check_panel(check(self.workspace, [self.slug], chosen or None, [layout] if layout else [])), quiet=True)
        if panel is not None:
            self.board.publish(check=panel)

    def render_pdf(self, loaded: Loaded) -> None:
        """The PDF (as `render --pdf` makes it) and its page images."""
        started = time.perf_counter()
        product = Product(self.variant, "pdf", loaded.language)
        pdf = self._attempt(lambda: next(iter(build(product, loaded.notice, loaded.layout, loaded.authority, self.workspace, Options()).values())))
        if pdf is not None:
            self.board.publish(pdf=pdf, pages=page_images(pdf), busy=False)
            self.report(f"PDF updated in {time.perf_counter() - started:.2f} s")

    def _load(self) -> Loaded:
        self.inputs = Inputs()
        authority = load_authority(self.workspace, self.slug)
        layout = LayoutChoice(self.workspace.layouts, self.layout_name, [self.variant]).layout_for(authority)
        self.inputs = inputs_of(authority, layout, self.workspace)
        language = self.language or authority.profile.languages[0]
        return Loaded(authority, layout, notice_for(authority, layout, language), language)

    def _attempt(self, step: Callable, quiet: bool = False):
        """``step()``, or None once its problems are on the board and reported (``quiet``: neither)."""
        try:
            return step()
        except NoticekitError as error:
            problems = tuple(one_line(line) for line in error.lines)
        except Exception as error:  # noqa: BLE001 (a bug: said in one line, as the CLI says it; the preview goes on)
            if os.environ.get("NOTICEKIT_DEBUG"):  # as the CLI: the traceback for a developer
                traceback.print_exc()
            problems = (one_line(internal_error(error)),)
        if quiet:
            return None
        self.board.publish(problems=problems, busy=False)
        for line in problems:
            self.report(line)
        return None


def inputs_of(authority: Authority, layout: Layout, workspace: Workspace) -> Inputs:
    """The profile, its logo and Word template, the layout's folders (and those of the one it
    extends) and the fonts."""
    files = {authority.path, *([authority.logo.path] if authority.logo else [])}
    if authority.profile.docx_template:
        files.add(authority.path.parent / authority.profile.docx_template)
    layouts = [layout, *([layout.extends] if layout.extends else [])]
    folders = {folder for each in layouts for folder in (each.folder, each.design)} | {workspace.fonts}
    return Inputs(frozenset(path.resolve() for path in files), tuple(sorted(folder.resolve() for folder in folders)), everything=False)
