"""The check panel: `noticekit check`'s findings for the council, and its Articles 13 and 14
coverage in the layout being previewed, as an HTML fragment (autoescaped: profile values are text)."""

from __future__ import annotations

import functools
from pathlib import Path

from noticekit.check.coverage import Coverage
from noticekit.check.report import CheckReport
from noticekit.wording.claims import Result

TEMPLATES = Path(__file__).parent / "templates"


def check_panel(report: CheckReport) -> str:
    return templates().get_template("panel.html.j2").render(report=report, rows=report.coverage, note=note)


def note(result: Result, row: Coverage) -> str:
    """Why an item is not "yes", in the words `check` uses."""
    if not result.applies:
        return f"does not apply: {result.not_applicable}"
    if result.unclaimed:
        return f"the layout {row.layout.name} does not claim it"
    if not result.found:
        return f"the layout claims it in section {result.section!r}, which the notice does not have"
    if result.missing:
        return f"section {result.section!r} lacks: {'; '.join(result.missing)}"
    return ""


@functools.cache
def templates():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
