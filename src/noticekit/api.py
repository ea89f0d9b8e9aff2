"""What the CLI, and any Python caller, uses. Raises NoticekitError subclasses; never imports Typer.

Data flows down from here through the stages: profiles/ (the council's validated profile),
wording/ (its Notice), render/ (HTML, PDF, DOCX), build/ (files, the worker pool, the manifest)
and check/ (findings and coverage).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from noticekit.build.files import locked, sweep_temporaries, write_atomic
from noticekit.build.formats import build, build_docx, build_html, build_pdf, print_css
from noticekit.build.ledger import Ledger, Progress, Report
from noticekit.build.pool import Outcome, default_jobs, run_tasks
from noticekit.build.products import Options, Product, products
from noticekit.check.findings import not_current_warning
from noticekit.check.report import CheckReport, check
from noticekit.check.table import table as coverage_table
from noticekit.errors import Interrupted, NoticekitError, OutputError, ProfileError
from noticekit.problems import Problem, display_path, one_line
from noticekit.profiles import authoring
from noticekit.profiles.authority import Authority, load_authorities, load_authority
from noticekit.profiles.profile import LANGUAGES, load_profile
from noticekit.render.glyphs import require_glyphs
from noticekit.render.subsetting import fast_subsetting, subsetting_warning
from noticekit.render.variants import variant_named
from noticekit.wording.choice import LayoutChoice
from noticekit.wording.compose import missing_keys, notice_for
from noticekit.wording.languages import NAMES as LANGUAGE_NAMES
from noticekit.wording.layouts import DEFAULT_LAYOUT, Layout, load_layout
from noticekit.workspace import FONTS_CSS, Workspace, misnamed_problem, misnamed_reason

if TYPE_CHECKING:
    from noticekit.preview.service import Preview

__all__ = [
    "DEFAULT_LAYOUT", "FONTS_CSS", "Authority", "CheckReport", "Layout", "Listing", "NoticekitError", "Options",
    "Product", "ProfileError", "Report", "Workspace", "build", "build_docx", "build_html", "build_pdf",
    "check", "check_workspace", "coverage_table", "default_jobs", "display_path", "list_workspace",
    "load_authorities", "load_authority", "load_layout", "missing_keys", "new_profile", "notice_for",
    "one_line", "preview", "print_css", "products", "render", "render_all", "require_glyphs", "set_profile",
]


def render(
    names: Sequence[str],
    *,
    formats: Sequence[str] = (),
    variants: Sequence[str] = ("standard",),
    options: Options | None = None,
    out: Path = Path("out"),
    layout: str | None = None,
    workspace: Workspace | None = None,
    jobs: int = 1,
    force: bool = False,
    keep_going: bool = False,
    progress: Progress | None = None,
    environ: Mapping[str, str] = os.environ,
    failed: Mapping[str, tuple[str, ...]] | None = None,
    languages: Sequence[str] = (),
) -> Report:
    """Render each authority's notice, in each variant and format, into out/<slug>/.

    Each authority's notice is in ``layout`` when given, else in its profile's own layout, else
    in the current notice. With no ``formats``, each variant's PDF and DOCX (where it has them).
    Outputs whose inputs are unchanged since out/manifest.json recorded them are skipped unless
    ``force``. Without ``keep_going`` every profile (and its layout) is checked first and files
    are written only when every document was built; with it (a batch), each authority is written
    as it finishes and a failing one is reported in the Report while the others carry on. Either
    way each profile is read and validated once, and that validated authority is what its worker
    builds. ``Report.warnings`` names each layout used that is not current law. ``failed`` are
    failures known before (a misnamed profile), counted and reported with the others.
    ``languages`` ("en", "cy", "bilingual") replace each profile's own.
    """
    workspace = workspace or Workspace.discover()
    wanted = products(formats, variants)
    languages = chosen_languages(languages)
    choice = LayoutChoice(workspace.layouts, layout, {product.variant.name: product.variant for product in wanted}.values())
    names = list(dict.fromkeys(names))
    loaded = {} if keep_going else _load_all(workspace, names, choice)
    with locked(out):
        sweep_temporaries(out)
        ledger = Ledger(workspace, choice, wanted, options or Options(), out, environ, len(names) + len(failed or {}), progress, languages)
        for name, problems in (failed or {}).items():
            ledger.finish(Outcome(name, problems=problems))
        planned = (task for task in (ledger.plan(name, force, loaded.get(name)) for name in names) if task)
        tasks = planned if keep_going else list(planned)  # a batch plans while its first tasks run
        if not keep_going and ledger.report.failed:  # all or nothing: a refused destination stops every write
            raise NoticekitError(*(line for problems in ledger.report.failed.values() for line in problems))
        outcomes = run_tasks(tasks, max(1, min(jobs, default_jobs())))
        try:
            if keep_going:
                for outcome in outcomes:
                    try:
                        ledger.finish(outcome)
                    except OutputError as error:  # this authority's files could not be written; go on
                        ledger.finish(Outcome(outcome.slug, problems=error.lines))
            else:
                ledger.finish_all(list(outcomes))
        except KeyboardInterrupt:
            outcomes.close()
            done = len({path.parent for path in ledger.report.written})
            raise Interrupted(f"interrupted: {done} rendered, {ledger.report.authorities - ledger.done} not started") from None
        finally:
            ledger.close()
    report = ledger.report
    report.warnings += [not_current_warning(choice.loaded(name), DEFAULT_LAYOUT, slugs) for name, slugs in report.not_current.items()]
    if any(path.suffix == ".pdf" for path in report.written) and not fast_subsetting():
        report.warnings.append(subsetting_warning())
    return report


def chosen_languages(languages: Sequence[str]) -> tuple[str, ...]:
    """--language values, each known, once each, in order."""
    unknown = [language for language in languages if language not in LANGUAGES]
    if unknown:
        raise NoticekitError(f"--language {unknown[0]!r}: use one of: {', '.join(LANGUAGES)}")
    return tuple(dict.fromkeys(languages))


def render_all(workspace: Workspace | None = None, **options: Any) -> Report:
    """Every authority in the workspace, as a batch (``render(..., keep_going=True)``); a profile
    whose file name is no authority name is a failure naming the rename that fixes it."""
    workspace = workspace or Workspace.discover()
    misnamed = {path.name: (misnamed_problem(path, fix),) for path, fix in workspace.misnamed()}
    return render(workspace.slugs(), workspace=workspace, keep_going=True, failed=misnamed, **options)


def _load_all(workspace: Workspace, names: Sequence[str], choice: LayoutChoice) -> dict[str, Authority]:
    """Every named authority, validated, with its layout found: all the problems of all of them at once."""
    authorities = load_authorities(workspace, names)
    problems = []
    for authority in authorities:
        try:
            choice.layout_for(authority)
        except NoticekitError as error:
            problems.extend(error.lines)
    if problems:
        raise NoticekitError(*problems)
    return {authority.slug: authority for authority in authorities}


def check_workspace(names: Sequence[str], layout: str | None = None, workspace: Workspace | None = None) -> CheckReport:
    """`noticekit check`: the named authorities (default: every one), each against ``layout`` or, when
    none is named, its own; with their coverage in that layout alone, or in every layout when none is named."""
    workspace = workspace or Workspace.discover()
    chosen = load_layout(workspace.layouts, layout) if layout else None
    misnamed = [] if names else [Problem(display_path(path), "", misnamed_reason(fix)) for path, fix in workspace.misnamed()]
    return check(workspace, names or workspace.slugs(), chosen, [chosen] if chosen else None, misnamed)


def preview(name: str, *, layout: str | None = None, variant: str = "standard", port: int = 0, workspace: Workspace | None = None,
            report: Callable[[str], None] = lambda line: None, language: str | None = None) -> Preview:
    """A preview of ``name``'s notice, its server bound to 127.0.0.1:``port`` (0: a free port) but
    not started: ``Preview.run()`` serves until Ctrl-C. Nothing is written, to out/ or anywhere.
    ``language`` ("en", "cy", "bilingual"; default: the profile's first) is the notice's.
    ``report`` is told a line per render. A wrong --layout, --variant, --port or authority name
    fails here; a broken profile does not (the preview shows its problems until it is fixed)."""
    from noticekit.preview.service import Preview  # its server and watcher only when previewing
    from noticekit.preview.session import Session

    workspace = workspace or Workspace.discover()
    language = chosen_languages([language])[0] if language else None
    return Preview(Session(workspace, name, layout, variant_named(variant), report, language), port)


def new_profile(workspace: Workspace, slug: str, values: Mapping[str, Any], force: bool = False) -> Path:
    """Write profiles/<slug>.toml from {dotted key: value}, validated as a whole; returns its path."""
    files = authoring.new_profile(workspace, slug, values, force)
    for path, data in files.items():
        write_atomic(path, data)
    return next(iter(files))


def set_profile(workspace: Workspace, slug: str, settings: Sequence[str]) -> tuple[Path, list[str]]:
    """Change keys of an existing profile (KEY=VALUE each), keeping its comments and layout; the
    result is validated before it is written, atomically. Returns its path and any warnings."""
    path = workspace.profile_path(slug)
    data, warnings = authoring.set_keys(path, list(settings))
    write_atomic(path, data)
    return path, warnings


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
            profiles.append((slug, _council(load_profile(workspace.profiles / f"{slug}.toml"))))
        except NoticekitError as error:
            profiles.append((slug, f"(has problems: {len(error.lines)}; first: {error.lines[0]})"))
    profiles += [(path.name, misnamed_reason(fix)) for path, fix in workspace.misnamed()]
    layouts = [(name, _described(load_layout(workspace.layouts, name))) for name in workspace.layout_names()]
    return Listing(profiles, layouts, workspace)


def _council(profile) -> str:
    """A council's name, and where it is and its languages when they are not England and English alone."""
    if profile.jurisdiction == "england" and profile.languages == ("en",):
        return profile.name
    return f"{profile.name} ({profile.jurisdiction.capitalize()}: {', '.join(LANGUAGE_NAMES[language] for language in profile.languages)})"


def _described(layout: Layout) -> str:
    """A layout's description, and where its law applies and its Welsh wording when it has them."""
    extra = [" and ".join(name.capitalize() for name in layout.jurisdictions)] if layout.jurisdictions != ("england",) else []
    extra += ["in English and Welsh"] if "cy" in layout.languages else []
    return f"{layout.description} ({'; '.join(extra)})" if extra else layout.description
