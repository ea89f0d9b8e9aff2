"""The noticekit command: parses arguments, calls noticekit.api, turns its errors into one line each.

Library modules are imported inside each command, so that `noticekit --help` stays instant.
Exit status: 0 success, 1 a problem with the user's data or environment, 2 a wrong command line.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from noticekit import __version__
from noticekit.problems import internal_error, one_line

TABLE_LIMIT = 2000  # characters: the coverage table's legend and rows are long, never megabytes

app = typer.Typer(
    name="noticekit",
    help="Build councils' privacy notices for children in need and children looked after, "
    "as print-ready PDF and editable Word (DOCX) files, from one TOML profile per council.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ProfilesOption = Annotated[
    Optional[Path],
    typer.Option(
        "--profiles",
        help="Folder of authority profiles (default: $NOTICEKIT_PROFILES, else ./profiles, else the bundled ones).",
        file_okay=False,
    ),
]


class ReportFormat(str, enum.Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"noticekit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Build councils' children's privacy notices as PDF and DOCX."""


@app.command()
def render(
    authorities: Annotated[Optional[list[str]], typer.Argument(help="Authority names: profile file names without .toml, e.g. hampshire.", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every authority in the profiles folder; one failing never stops the others.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Write the print-ready PDF.")] = False,
    docx: Annotated[bool, typer.Option("--docx", help="Write the editable Word file.")] = False,
    html: Annotated[bool, typer.Option("--html", help="Write a standalone web page of the notice, for the council's website.")] = False,
    variants: Annotated[Optional[list[str]], typer.Option("--variant", help="standard (A4), large-print (18 pt) or booklet (A5, and imposed for folding); repeat for several.", show_default=False)] = None,
    no_qr: Annotated[bool, typer.Option("--no-qr", help="Leave out the QR codes beside web addresses in print outputs.")] = False,
    bleed: Annotated[Optional[str], typer.Option("--bleed", help="Printers' bleed around each page, e.g. 3mm.", show_default=False)] = None,
    marks: Annotated[bool, typer.Option("--marks", help="Add crop and registration marks (for a printer; use with --bleed).")] = False,
    out: Annotated[Path, typer.Option("--out", help="Output folder; files go to OUT/<authority>/<layout>.pdf|.docx.")] = Path("out"),
    layout: Annotated[Optional[str], typer.Option("--layout", help="Layout for every authority named (default: each profile's own layout, else the current notice, children-in-need; see `noticekit list`).", show_default=False)] = None,
    languages: Annotated[Optional[list[str]], typer.Option("--language", help="en (English), cy (Welsh) or bilingual (Welsh first); repeat for several (default: each profile's languages).", show_default=False)] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of CPUs).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Render even outputs whose inputs are unchanged since the last run.")] = False,
    profiles: ProfilesOption = None,
) -> None:
    """Render authorities' notices. With neither --pdf nor --docx, writes both.

    Outputs whose profile, layout, fonts and software are unchanged since out/manifest.json
    recorded them are left as they are ("unchanged"), unless --force.
    """
    if bool(authorities) == all_:
        raise typer.BadParameter("give authority names, or --all (not both)", param_hint="AUTHORITIES")
    from noticekit import api

    formats = [fmt for fmt, wanted in (("pdf", pdf), ("docx", docx), ("html", html)) if wanted]
    if jobs and jobs > api.default_jobs():
        typer.echo(f"note: --jobs {jobs}: using {api.default_jobs()} worker processes, one per CPU of this machine", err=True)

    def run() -> None:
        workspace = api.Workspace.discover(profiles=profiles)
        options = dict(formats=formats, variants=variants or ["standard"], options=api.Options(qr=not no_qr, bleed=bleed, marks=marks),
                       out=out, layout=layout, workspace=workspace, jobs=jobs or api.default_jobs(), force=force, languages=languages or ())
        with _progress(enabled=all_) as progress:
            report = api.render_all(progress=progress, **options) if all_ else api.render(authorities, **options)
        _summarise(report, batch=all_)

    _run(run)


def _summarise(report, batch: bool) -> None:
    for path in report.written:
        typer.echo(str(path))
    rendered = len({path.parent for path in report.written})
    if batch or report.unchanged:
        typer.echo(
            f"{rendered} rendered, {report.authorities - rendered - len(report.failed)} unchanged, {len(report.failed)} failed"
            + ("" if report.written or not report.unchanged else " (use --force to render unchanged ones again)"),
            err=True,
        )
    for line in _failures(report):
        typer.echo(one_line(line), err=True)
    for line in report.warnings:
        typer.echo(one_line(line), err=True)
    if report.failed:
        raise typer.Exit(1)


def _failures(report) -> list[str]:
    """Each failure's lines; a failure every council shares (the output folder cannot be written)
    is said once, with the number of councils, instead of once per council."""
    import re

    shared: dict[str, list[str]] = {}
    for slug, problems in report.failed.items():
        for line in problems:
            found = re.fullmatch(rf"(.*)/{re.escape(slug)}/[^/:]+: (.+)", line)
            shared.setdefault(f"{found[1]}: {found[2]}" if found else line, []).append(slug)
    return [line if len(slugs) == 1 else f"{line} (for {len(slugs)} authorities: {', '.join(slugs[:5])}{', ...' if len(slugs) > 5 else ''})"
            for line, slugs in shared.items()] if len(report.failed) > 1 else [line for problems in report.failed.values() for line in problems]


@contextlib.contextmanager
def _progress(enabled: bool):
    """A progress callback: a rich bar on a terminal, one plain line per authority otherwise."""
    if not enabled:
        yield None
    elif sys.stderr.isatty() and not os.environ.get("CI"):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, transient=True, console=_stderr_console()) as bar:
            task = bar.add_task("rendering", total=None)
            yield lambda done, total, slug, status: bar.update(task, completed=done, total=total, description=f"{slug:<24.24}")
    else:
        yield lambda done, total, slug, status: typer.echo(f"[{done}/{total}] {slug}: {status}", err=True)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def check(
    authorities: Annotated[Optional[list[str]], typer.Argument(help="Authorities to check (default: every one).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
    format_: Annotated[ReportFormat, typer.Option("--format", help="text: one line per finding, then the coverage table; json: the same, for tooling.")] = ReportFormat.text,
    layout: Annotated[Optional[str], typer.Option("--layout", help="Layout to check the profiles against, and the only one in the coverage table (default: each profile's own layout, and every layout in the table).", show_default=False)] = None,
    profiles: ProfilesOption = None,
) -> None:
    """Check profiles without rendering: errors stop a render, warnings need a look. Then a table of
    the UK GDPR Article 13 items each notice covers, and how easy it is to read."""
    from noticekit import api

    def run() -> None:
        report = api.check_workspace(authorities or [], layout, api.Workspace.discover(profiles=profiles))
        if format_ is ReportFormat.json:
            import json

            typer.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        else:
            for line in [str(finding) for finding in report.findings] + ([""] if report.findings and report.coverage else []) + api.coverage_table(report):
                typer.echo(one_line(line, TABLE_LIMIT))
            typer.echo(_count(len(report.checked), "authority", "authorities") + f" checked: {_count(report.errors, 'error', 'errors')}, {_count(report.warnings, 'warning', 'warnings')}", err=True)
        if report.failed(strict):
            raise typer.Exit(1)

    _run(run)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@app.command()
def preview(
    authority: Annotated[str, typer.Argument(help="The authority to preview, e.g. hampshire.", show_default=False)],
    layout: Annotated[Optional[str], typer.Option("--layout", help="Layout to preview (default: the profile's own, else the current notice).", show_default=False)] = None,
    variant: Annotated[str, typer.Option("--variant", help="The PDF's presentation: standard (A4), large-print or booklet.")] = "standard",
    language: Annotated[Optional[str], typer.Option("--language", help="en, cy or bilingual (default: the profile's first language).", show_default=False)] = None,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (default: a free one).", show_default=False)] = 0,
    open_: Annotated[bool, typer.Option("--open", help="Open the preview in the default web browser.")] = False,
    profiles: ProfilesOption = None,
) -> None:
    """Show a notice in the browser as you edit it: the web page, the PDF's pages and its check,
    rendered again each time the profile, its logo or Word template, the layout or the fonts are
    saved. Serves on 127.0.0.1 only; writes no file. Ctrl-C stops it."""
    from noticekit import api

    def run() -> None:
        live = api.preview(authority, layout=layout, variant=variant, port=port, workspace=api.Workspace.discover(profiles=profiles), language=language,
                              report=lambda line: typer.echo(f"{time.strftime('%H:%M:%S')} {line}", err=True))

        def started(url: str) -> None:
            typer.echo(f"Previewing {authority} at {url} (press Ctrl-C to stop)")
            if open_:
                import webbrowser

                webbrowser.open(url)

        live.run(started)
        typer.echo("preview stopped", err=True)

    _run(run)


@app.command()
def new(
    authority: Annotated[str, typer.Argument(help="The new authority's name: lower-case letters, digits and hyphens, e.g. west-sussex.", show_default=False)],
    name: Annotated[Optional[str], typer.Option("--name", help="The council's name, e.g. 'West Sussex County Council'.", show_default=False)] = None,
    website: Annotated[Optional[str], typer.Option("--website", help="The council's website, e.g. https://www.westsussex.gov.uk.", show_default=False)] = None,
    settings: Annotated[Optional[list[str]], typer.Option("--set", help="Any other key, as KEY=VALUE (e.g. contacts.write_to.email=x@y.gov.uk); repeat a list key for each line.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the profile if it exists.")] = False,
    profiles: ProfilesOption = None,
) -> None:
    """Write profiles/AUTHORITY.toml from options or, on a terminal, by asking for each value."""
    from noticekit import api

    def run() -> None:
        workspace = api.Workspace.discover(profiles=profiles)
        values, warnings = api.authoring.parse_values({"name": name, "website.url": website}, settings or [])
        for line in warnings:
            typer.echo(one_line(line), err=True)
        if _interactive():
            api.authoring.profile_target(workspace, authority, force)  # refuse before asking anything
            try:
                _ask(values, workspace)
            except (typer.Abort, EOFError, KeyboardInterrupt):  # Ctrl-C or Ctrl-D at a question
                typer.echo("\nstopped: nothing was written", err=True)
                raise typer.Exit(130) from None
        typer.echo(api.display_path(api.new_profile(workspace, authority, values, force)))
        typer.echo(f"Next: noticekit check {authority}, then noticekit render {authority}", err=True)

    _run(run)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(values: dict, workspace) -> None:
    """Ask for every key not given yet, checking each answer as it is typed; every key the chosen
    layout needs is asked for, and never skipped with its section."""
    from noticekit.api import authoring

    typer.echo("Answer each question. Press Enter to leave out an optional one (or to end a list).")
    skipped: set[str] = set()
    needs: set[str] = set()
    for key in authoring.keys():
        if key.dotted in values or key.section in skipped or key.in_tables:  # [[partners]] and the like are written in the file
            if key.dotted == "layout":
                needs = _layout_needs(values, workspace)
            continue
        started = any(name.startswith(f"{key.section}.") for name in values)
        required = key.dotted in needs or (key.required and (key.section is None or started)) or _explains(key.dotted, values)
        answers = _answers(key, required, workspace)
        if answers:
            values[key.dotted] = answers if key.is_list else answers[0]
        elif key.section and not started and not any(need.startswith(f"{key.section}.") for need in needs):
            skipped.add(key.section)
        if key.dotted == "layout":
            needs = _layout_needs(values, workspace)


def _explains(dotted: str, values: dict) -> bool:
    """A statement is needed once the fact it explains is true (transfers abroad, automated decisions)."""
    section = dotted.rsplit(".", 1)[0]
    return dotted.endswith(".statement") and any(values.get(f"{section}.{fact}") is True for fact in ("outside_uk", "used"))


def _layout_needs(values: dict, workspace) -> set[str]:
    """The keys the chosen layout needs (said once, before they are asked for)."""
    from noticekit import api

    layout = api.load_layout(workspace.layouts, values.get("layout") or api.DEFAULT_LAYOUT)
    if layout.requires:
        typer.echo(f"The layout {layout.name} needs: {', '.join(layout.requires)}; each is asked for below.")
    return api.authoring.layout_needs(layout.requires)


def _answers(key, required: bool, workspace) -> list:
    """One key's answers (one, or a list's lines), each checked as it is typed."""
    from noticekit.api import NoticekitError

    hint = f" (e.g. {key.example})" if key.example else ""
    question = f"{key.dotted}: {key.field.description}{hint}" + ("" if required else " [optional]")
    answers = []
    while True:
        text = typer.prompt(question + (f", line {len(answers) + 1}" if key.is_list else ""), default="", show_default=False).strip()
        if not text:
            if required and not answers:
                typer.echo(f"{key.dotted}: required; please give it")
                continue
            return answers
        try:
            value = key.parse(text)
            _exists(key.dotted, value, workspace)
        except NoticekitError as error:
            typer.echo(one_line(error.lines[0]))
            continue
        answers.append(value)
        if not key.is_list:
            return answers


def _exists(dotted: str, value, workspace) -> None:
    """A layout that exists, and a logo or Word template already beside the profile."""
    from noticekit import api

    if dotted == "layout":
        api.load_layout(workspace.layouts, value)
    if dotted in ("logo.file", "docx_template") and not (workspace.profiles / value).is_file():
        raise api.NoticekitError(f"{dotted}: {value!r} not found in {api.display_path(workspace.profiles)}; put the file there first, or leave it out")


@app.command("set")
def set_(
    authority: Annotated[str, typer.Argument(help="The authority whose profile to change, e.g. hampshire.", show_default=False)],
    settings: Annotated[list[str], typer.Argument(help="KEY=VALUE pairs, e.g. contacts.write_to.email=data@example.gov.uk; repeat a list key for each item.", show_default=False)],
    profiles: ProfilesOption = None,
) -> None:
    """Change keys of an existing profile in place, keeping its comments; checked before it is written."""
    from noticekit import api

    def run() -> None:
        path, warnings = api.set_profile(api.Workspace.discover(profiles=profiles), authority, settings)
        for line in warnings:
            typer.echo(one_line(line), err=True)
        typer.echo(api.display_path(path))

    _run(run)


@app.command()
def schema() -> None:
    """Print the profile's JSON Schema (profiles/profile.schema.json is a copy of it)."""
    from noticekit import api

    typer.echo(api.authoring.schema_text(), nl=False)


@app.command("list")
def list_(profiles: ProfilesOption = None) -> None:
    """List the authority profiles and the layouts this workspace has."""
    from noticekit import api

    def run() -> None:
        listing = api.list_workspace(api.Workspace.discover(profiles=profiles))
        typer.echo(f"Authorities (in {api.display_path(listing.workspace.profiles)}):")
        _table(listing.profiles)
        typer.echo(f"Layouts (in {api.display_path(listing.workspace.layouts)}):")
        _table(listing.layouts)

    _run(run)


def _table(rows: list[tuple[str, str]]) -> None:
    width = max((len(name) for name, _ in rows), default=0)
    for name, text in rows:
        typer.echo(one_line(f"  {name.ljust(width)}  {text}"))
    if not rows:
        typer.echo("  (none)")


def _run(action) -> None:
    """Run ``action``; a NoticekitError becomes its lines on stderr and its exit status."""
    from noticekit.errors import NoticekitError

    try:
        action()
    except NoticekitError as error:
        for line in error.lines:
            typer.echo(one_line(line), err=True)
        raise typer.Exit(error.exit_code) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt:  # Ctrl-C outside a render: stop quietly
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None
    except BrokenPipeError:  # the reader stopped reading (`| head`): nothing to report, nowhere to write
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except Exception as error:  # a bug: say so in one line; NOTICEKIT_DEBUG=1 shows the traceback
        if os.environ.get("NOTICEKIT_DEBUG"):
            raise
        typer.echo(one_line(internal_error(error)), err=True)
        raise typer.Exit(1) from None


def main() -> None:
    app(prog_name="noticekit")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
