"""What the CLI, and any Python caller, uses. Raises NoticekitError subclasses; never imports Typer."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path

from noticekit.batch import Outcome, Task, run_tasks
from noticekit.compose import compose
from noticekit import glyphs
from noticekit.document import Image, Notice, plain_text_of
from noticekit.errors import LayoutError, NoticekitError, OutputError, ProfileError
from noticekit.layouts import DEFAULT_LAYOUT, WORDING, Layout, load_layout
from noticekit.logo import load_logo
from noticekit.manifest import Entry, Manifest
from noticekit.output import locked, safe_join, sweep_temporaries, write_atomic
from noticekit.provenance import Provenance, inputs_digest
from noticekit.problems import Problem, display_path
from noticekit.profile import Profile, load_profile
from noticekit.workspace import Workspace

FORMATS = ("pdf", "docx")
FONTS_CSS = "fonts.css"


@dataclass(frozen=True)
class Authority:
    slug: str
    path: Path
    profile: Profile
    logo: Image | None = None

    def notice(self, layout: Layout) -> Notice:
        return compose(self.profile, layout, self.logo)


def load_authorities(workspace: Workspace, names: Sequence[str]) -> list[Authority]:
    """Every named authority's validated profile; all problems of all of them reported at once."""
    authorities, problems = [], []
    for name in dict.fromkeys(names):
        try:
            path = workspace.profile_path(name)
            profile = load_profile(path)
            authorities.append(Authority(name, path, profile, load_logo(profile, path)))
        except NoticekitError as error:
            problems.extend(error.lines)
    if problems:
        raise NoticekitError(*problems)
    return authorities


def build_pdf(notice: Notice, layout: Layout, workspace: Workspace, authority: Authority | None = None) -> bytes:
    """PDF bytes of ``notice`` in ``layout``'s design; WeasyPrint is imported only here."""
    from noticekit.backends.html import notice_html
    from noticekit.backends.pdf import file_url, pdf_identifier, render_pdf

    fonts_css = workspace.fonts / FONTS_CSS
    if not fonts_css.is_file():
        raise LayoutError(f"{display_path(fonts_css)}: missing; the fonts folder must declare its fonts there")
    require_glyphs(notice, layout, fonts_css, authority)
    html = notice_html(notice, [file_url(fonts_css), file_url(layout.stylesheet)], file_url)
    portable = notice_html(notice, [FONTS_CSS, f"{layout.name}/{layout.stylesheet.name}"], lambda path: path.name)
    logo = [notice.logo.path] if notice.logo else []
    return render_pdf(
        html,
        base_url=file_url(layout.folder) + "/",
        allowed=[workspace.layouts, workspace.fonts, *logo],
        source=display_path(layout.folder),
        identifier=pdf_identifier(portable),
    )


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


def build_docx(notice: Notice, authority: Authority) -> bytes:
    from noticekit.backends.docx import notice_docx

    return notice_docx(notice, font=authority.profile.docx_font)


def build(fmt: str, notice: Notice, layout: Layout, authority: Authority, workspace: Workspace) -> bytes:
    """The bytes of ``notice`` in format ``fmt`` (one of FORMATS)."""
    if fmt == "pdf":
        return build_pdf(notice, layout, workspace, authority)
    return build_docx(notice, authority)


@dataclass
class Report:
    """What a render did: files written and left unchanged, and each failed authority's problems."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    authorities: int = 0


Progress = Callable[[int, int, str, str], None]  # (done, total, authority, "rendered"|"unchanged"|"failed")


def render(
    names: Sequence[str],
    *,
    formats: Sequence[str] = FORMATS,
    out: Path = Path("out"),
    layout: str = DEFAULT_LAYOUT,
    workspace: Workspace | None = None,
    jobs: int = 1,
    force: bool = False,
    keep_going: bool = False,
    progress: Progress | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Report:
    """Render each authority's notice in each format into out/<slug>/<layout>.<format>.

    Outputs whose inputs are unchanged since out/manifest.json recorded them are skipped unless
    ``force``. Without ``keep_going`` every profile is checked first and files are written only
    when every document was built; with it (a batch), each authority is written as it finishes
    and a failing one is reported in the Report while the others carry on.
    """
    workspace = workspace or Workspace.discover()
    chosen = load_layout(workspace.layouts, layout)
    formats = _known_formats(formats)
    names = list(dict.fromkeys(names))
    if not keep_going:
        load_authorities(workspace, names)
    with locked(out):
        sweep_temporaries(out)
        batch = _Batch(workspace, chosen, formats, out, environ, Report(authorities=len(names)), progress)
        tasks = [task for task in map(lambda name: batch.plan(name, force), names) if task]
        outcomes = run_tasks(tasks, jobs)
        if keep_going:
            for outcome in outcomes:
                try:
                    batch.finish(outcome)
                except OutputError as error:  # this authority's files could not be written; go on
                    batch.finish(Outcome(outcome.slug, problems=error.lines))
        else:
            batch.finish_all(list(outcomes))
    return batch.report


def _known_formats(formats: Sequence[str]) -> tuple[str, ...]:
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise NoticekitError(f"unknown format {unknown[0]!r}; use one of: {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(formats))


class _Batch:
    """The bookkeeping of one render: what to build, writing results, the manifest and progress."""

    def __init__(self, workspace, layout, formats, out, environ, report, progress) -> None:
        self.workspace, self.layout, self.formats, self.out = workspace, layout, formats, out
        self.report, self.progress = report, progress or (lambda *args: None)
        self.manifest = Manifest.load(out)
        self.provenance = Provenance.of_batch(layout.folder, workspace.fonts, environ)
        self.inputs: dict[str, dict[str, str]] = {}
        self.done = 0

    def key(self, slug: str, fmt: str) -> str:
        return f"{slug}/{self.layout.name}.{fmt}"

    def plan(self, slug: str, force: bool) -> Task | None:
        """The task that builds slug's stale outputs, or None when all are current (or it failed)."""
        try:
            profile = self.workspace.profile_path(slug)
            for fmt in self.formats:
                safe_join(self.out, slug, f"{self.layout.name}.{fmt}")
                self.inputs[self.key(slug, fmt)] = self.provenance.of(fmt, profile)
        except NoticekitError as error:
            self.finish(Outcome(slug, problems=error.lines))
            return None
        stale = tuple(fmt for fmt in self.formats if force or not self.manifest.is_current(self.key(slug, fmt), self.inputs[self.key(slug, fmt)]))
        self.report.unchanged += [self.out / self.key(slug, fmt) for fmt in self.formats if fmt not in stale]
        if not stale:
            self._tick(slug, "unchanged")
            return None
        return Task(slug, stale, self.layout.name, self.workspace)

    def finish(self, outcome: Outcome) -> None:
        """Write one authority's documents (or record its failure), then save the manifest.

        Entries of files about to be replaced are dropped (and saved) first: whenever the run
        stops, every entry in the manifest describes its file as it is.
        """
        if outcome.failed:
            self.report.failed[outcome.slug] = outcome.problems
            self._tick(outcome.slug, "failed")
            return
        if self.manifest.forget([self.key(outcome.slug, fmt) for fmt in outcome.documents]):
            self.manifest.save()
        for fmt, data in outcome.documents.items():
            key = self.key(outcome.slug, fmt)
            write_atomic(self.out / key, data)
            inputs = self.inputs[key]
            self.manifest.record(key, Entry(outcome.slug, self.layout.name, fmt, sha256(data).hexdigest(), inputs_digest(inputs), inputs))
            self.report.written.append(self.out / key)
        self.manifest.save()
        self._tick(outcome.slug, "rendered")

    def finish_all(self, outcomes: list[Outcome]) -> None:
        """All or nothing: write every outcome, or raise every problem and write none."""
        problems = [line for outcome in outcomes for line in outcome.problems]
        if problems:
            raise NoticekitError(*problems)
        for outcome in sorted(outcomes, key=lambda outcome: outcome.slug):
            self.finish(outcome)

    def _tick(self, slug: str, status: str) -> None:
        self.done += 1
        self.progress(self.done, self.report.authorities, slug, status)


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
