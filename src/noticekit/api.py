"""What the CLI, and any Python caller, uses. Raises NoticekitError subclasses; never imports Typer."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from noticekit.batch import Outcome, run_tasks
from noticekit.colours import text_colour
from noticekit.imposition import impose
from noticekit.ledger import Progress, Report, Ledger
from noticekit.compose import compose
from noticekit import glyphs
from noticekit.document import Image, Notice, plain_text_of
from noticekit.errors import LayoutError, NoticekitError, OutputError, ProfileError
from noticekit.layouts import DEFAULT_LAYOUT, WORDING, Layout, load_layout
from noticekit.logo import load_logo
from noticekit.output import locked, sweep_temporaries
from noticekit.outputs import Options, Product, products
from noticekit.variants import STANDARD, Variant
from noticekit.problems import Problem, display_path
from noticekit.profile import Profile, load_profile
from noticekit.workspace import Workspace

FONTS_CSS = "fonts.css"


@dataclass(frozen=True)
class Authority:
    slug: str
    path: Path
    profile: Profile
    logo: Image | None = None

    def notice(self, layout: Layout) -> Notice:
        missing = missing_keys(self.profile, layout)
        if missing:
            raise ProfileError(Problem(
                display_path(self.path), "",
                f"layout {layout.name!r} needs {', '.join(missing)}, which this profile lacks; add them, "
                "or choose another --layout",
            ))
        return compose(self.profile, layout, self.logo)


def missing_keys(profile: Profile, layout: Layout) -> list[str]:
    """The keys ``layout`` requires that ``profile`` leaves empty."""
    missing = []
    for dotted in layout.requires:
        value = profile
        for part in dotted.split("."):
            value = getattr(value, part, None)
        if value in (None, (), ""):
            missing.append(dotted)
    return missing


def load_authority(workspace: Workspace, name: str) -> Authority:
    """The authority ``name``: its validated profile and checked logo."""
    path = workspace.profile_path(name)
    profile = load_profile(path)
    return Authority(name, path, profile, load_logo(profile, path))


def load_authorities(workspace: Workspace, names: Sequence[str]) -> list[Authority]:
    """Every named authority's validated profile; all problems of all of them reported at once."""
    authorities, problems = [], []
    for name in dict.fromkeys(names):
        try:
            authorities.append(load_authority(workspace, name))
        except NoticekitError as error:
            problems.extend(error.lines)
    if problems:
        raise NoticekitError(*problems)
    return authorities


def build_pdf(notice: Notice, layout: Layout, workspace: Workspace, authority: Authority | None = None,
              variant: Variant = STANDARD, options: Options | None = None) -> bytes:
    """PDF bytes of ``notice`` in ``layout``'s design for ``variant``; WeasyPrint is imported only here."""
    from noticekit.backends.html import notice_html
    from noticekit.backends.pdf import file_url, pdf_identifier, render_pdf

    fonts_css = workspace.fonts / FONTS_CSS
    if not fonts_css.is_file():
        raise LayoutError(f"{display_path(fonts_css)}: missing; the fonts folder must declare its fonts there")
    require_glyphs(notice, layout, fonts_css, authority)
    sheets = [fonts_css, *layout.stylesheets(variant)]
    options = options or Options()
    page = print_css(options, authority.profile.brand_colour if authority else None)
    html = notice_html(notice, [file_url(sheet) for sheet in sheets], file_url, page, options.qr)
    portable = notice_html(notice, [sheet.name for sheet in sheets], lambda path: path.name, page, options.qr)
    logo = [notice.logo.path] if notice.logo else []
    return render_pdf(
        html,
        base_url=file_url(layout.folder) + "/",
        allowed=[workspace.layouts, workspace.fonts, *logo],
        source=display_path(layout.folder),
        identifier=pdf_identifier(portable),
    )


def print_css(options: Options, brand: str | None = None) -> str:
    """CSS from validated values only: the brand colours, and the page rules the command line asks
    for (printers' bleed and marks)."""
    css = f":root {{ --brand: {brand}; --brand-text: {text_colour(brand)}; }}" if brand else ""
    rules = [f"bleed: {options.bleed};"] if options.bleed else []
    rules += ["marks: crop cross;"] if options.marks else []
    return css + (f"@page {{ {' '.join(rules)} }}" if rules else "")


def require_glyphs(notice: Notice, layout: Layout, fonts_css: Path, authority: Authority | None = None) -> None:
    """Refuse a notice with a character no font in fonts/ has, naming the profile key it came from."""
    covered = glyphs.coverage(fonts_css)
    missing = glyphs.first_missing(plain_text_of(notice), covered)
    if missing is None:
        return
    fix = f"remove it, or add a font that has it to {display_path(fonts_css)}"
    for key, value in _text_values(authority.profile.model_dump() if authority else {}):
        if missing in unicodedata.normalize("NFC", value):
            raise ProfileError(Problem(display_path(authority.path), key, f"{glyphs.describe(missing)} is in no font of the PDF, so it would print as a blank box; {fix}"))
    raise LayoutError(f"{display_path(layout.folder / WORDING)}: {glyphs.describe(missing)} is in no font of the PDF, so it would print as a blank box; {fix}")


def _text_values(data, prefix: str = ""):
    """(dotted key, text) for every text value of a dumped profile."""
    for name, value in data.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from _text_values(value, f"{key}.")
        elif isinstance(value, str):
            yield key, value
        elif isinstance(value, (list, tuple)):
            yield from ((f"{key}[{index}]", item) for index, item in enumerate(value) if isinstance(item, str))


def build_docx(notice: Notice, authority: Authority, variant: Variant = STANDARD) -> bytes:
    from noticekit.backends.docx import notice_docx

    brand = authority.profile.brand_colour
    return notice_docx(notice, font=authority.profile.docx_font, variant=variant, accent=brand, link=text_colour(brand) if brand else None)


def build(product: Product, notice: Notice, layout: Layout, authority: Authority, workspace: Workspace,
          options: Options | None = None) -> dict[str, bytes]:
    """The file(s) of one product: {file name: bytes}."""
    options = options or Options()
    names = product.files(layout.name)
    if product.fmt == "pdf":
        pdf = build_pdf(notice, layout, workspace, authority, product.variant, options)
        return dict(zip(names, (pdf, impose(pdf)) if product.variant.imposed else (pdf,)))
    if product.fmt == "html":
        return {names[0]: build_html(notice, layout)}
    return {names[0]: build_docx(notice, authority, product.variant.compacted() if layout.compact else product.variant)}


def build_html(notice: Notice, layout: Layout) -> bytes:
    """A standalone web page of the notice, in the layout's screen.css."""
    import base64

    from noticekit.backends.html import web_page

    def data_url(path: Path) -> str:
        kind = "image/svg+xml" if notice.logo.kind == "svg" else "image/png"
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    return web_page(notice, layout.screen_css(), data_url).encode("utf-8")


def render(
    names: Sequence[str],
    *,
    formats: Sequence[str] = (),
    variants: Sequence[str] = ("standard",),
    options: Options | None = None,
    out: Path = Path("out"),
    layout: str = DEFAULT_LAYOUT,
    workspace: Workspace | None = None,
    jobs: int = 1,
    force: bool = False,
    keep_going: bool = False,
    progress: Progress | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Report:
    """Render each authority's notice, in each variant and format, into out/<slug>/.

    With no ``formats``, each variant's PDF and DOCX (where it has them). Outputs whose inputs
    are unchanged since out/manifest.json recorded them are skipped unless ``force``. Without
    ``keep_going`` every profile is checked first and files are written only when every
    document was built; with it (a batch), each authority is written as it finishes and a
    failing one is reported in the Report while the others carry on.
    """
    workspace = workspace or Workspace.discover()
    chosen = load_layout(workspace.layouts, layout)
    wanted = products(formats, variants)
    for product in wanted:
        chosen.stylesheets(product.variant)  # a layout without this variant's design fails here
    names = list(dict.fromkeys(names))
    if not keep_going:
        load_authorities(workspace, names)
    with locked(out):
        sweep_temporaries(out)
        ledger = Ledger(workspace, chosen, wanted, options or Options(), out, environ, len(names), progress)
        tasks = [task for task in (ledger.plan(name, force) for name in names) if task]
        outcomes = run_tasks(tasks, jobs)
        if keep_going:
            for outcome in outcomes:
                try:
                    ledger.finish(outcome)
                except OutputError as error:  # this authority's files could not be written; go on
                    ledger.finish(Outcome(outcome.slug, problems=error.lines))
        else:
            ledger.finish_all(list(outcomes))
    return ledger.report


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
