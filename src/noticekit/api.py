"""What the CLI, and any Python caller, uses. Raises NoticekitError subclasses; never imports Typer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from noticekit.compose import compose
from noticekit.document import Notice
from noticekit.errors import LayoutError, NoticekitError
from noticekit.layouts import DEFAULT_LAYOUT, Layout, load_layout
from noticekit.output import safe_join, write_atomic
from noticekit.problems import display_path
from noticekit.profile import Profile, load_profile
from noticekit.workspace import Workspace

FORMATS = ("pdf", "docx")
FONTS_CSS = "fonts.css"


@dataclass(frozen=True)
class Authority:
    slug: str
    path: Path
    profile: Profile


def load_authorities(workspace: Workspace, names: Sequence[str]) -> list[Authority]:
    """Every named authority's validated profile; all problems of all of them reported at once."""
    authorities, problems = [], []
    for name in dict.fromkeys(names):
        try:
            path = workspace.profile_path(name)
            authorities.append(Authority(name, path, load_profile(path)))
        except NoticekitError as error:
            problems.extend(error.lines)
    if problems:
        raise NoticekitError(*problems)
    return authorities


def build_pdf(notice: Notice, layout: Layout, workspace: Workspace) -> bytes:
    """PDF bytes of ``notice`` in ``layout``'s design; WeasyPrint is imported only here."""
    from noticekit.backends.html import notice_html
    from noticekit.backends.pdf import file_url, render_pdf

    fonts_css = workspace.fonts / FONTS_CSS
    if not fonts_css.is_file():
        raise LayoutError(f"{display_path(fonts_css)}: missing; the fonts folder must declare its fonts there")
    html = notice_html(notice, [file_url(fonts_css), file_url(layout.stylesheet)])
    return render_pdf(
        html,
        base_url=file_url(layout.folder) + "/",
        allowed=[workspace.layouts, workspace.fonts],
        source=display_path(layout.folder),
    )


def build_docx(notice: Notice, authority: Authority) -> bytes:
    from noticekit.backends.docx import notice_docx

    return notice_docx(notice, font=authority.profile.docx_font)


def build(fmt: str, notice: Notice, layout: Layout, authority: Authority, workspace: Workspace) -> bytes:
    """The bytes of ``notice`` in format ``fmt`` (one of FORMATS)."""
    if fmt == "pdf":
        return build_pdf(notice, layout, workspace)
    if fmt == "docx":
        return build_docx(notice, authority)
    raise NoticekitError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")


def render(
    names: Sequence[str],
    *,
    formats: Sequence[str] = FORMATS,
    out: Path = Path("out"),
    layout: str = DEFAULT_LAYOUT,
    workspace: Workspace | None = None,
) -> list[Path]:
    """Render each authority's notice in each format into out/<slug>/<layout>.<format>.

    Everything is built in memory first; files are written only when all succeeded.
    """
    workspace = workspace or Workspace.discover()
    chosen = load_layout(workspace.layouts, layout)
    documents: dict[Path, bytes] = {}
    for authority in load_authorities(workspace, names):
        notice = compose(authority.profile, chosen)
        for fmt in dict.fromkeys(formats):
            path = safe_join(out, authority.slug, f"{chosen.name}.{fmt}")
            documents[path] = build(fmt, notice, chosen, authority, workspace)
    for path, data in documents.items():
        write_atomic(path, data)
    return list(documents)


@dataclass(frozen=True)
class Listing:
    profiles: list[tuple[str, str]]
    layouts: list[tuple[str, str]]
    workspace: Workspace


def list_workspace(workspace: Workspace | None = None) -> Listing:
    """Every profile (slug, council name or problem) and layout (name, description)."""
    workspace = workspace or Workspace.discover()
    profiles = []
    for slug in workspace.slugs():
        try:
            profiles.append((slug, load_profile(workspace.profiles / f"{slug}.toml").name))
        except NoticekitError as error:
            profiles.append((slug, f"(has problems: {len(error.lines)}; first: {error.lines[0]})"))
    layouts = [(name, load_layout(workspace.layouts, name).description) for name in workspace.layout_names()]
    return Listing(profiles, layouts, workspace)
