"""noticekit check: validate profiles (and their notice's wording) without rendering.

Errors are what stops a render (schema problems, a value the layout needs) and a layout's claim
to cover a UK GDPR Article 13 item that its wording does not bear out. Warnings are what a
reviewer should see before a notice goes out (check.findings says which).

Beside the findings, the report holds one Coverage per authority and layout: which Article 13
items the notice covers, and how easy it is to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from noticekit.check.coverage import Coverage
from noticekit.check.findings import claim_findings, currency_findings, layout_findings, profile_findings
from noticekit.check.readability import measure
from noticekit.errors import NoticekitError, ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.authority import Authority, load_authority
from noticekit.render.glyphs import require_glyphs
from noticekit.wording.choice import LayoutChoice
from noticekit.wording.claims import prove_notice
from noticekit.wording.compose import missing_keys, notice_for
from noticekit.wording.layouts import Layout, load_layout
from noticekit.workspace import Workspace


@dataclass(frozen=True)
class CheckReport:
    checked: list[str]
    findings: list[Problem]
    layouts: tuple[Layout, ...] = ()
    coverage: tuple[Coverage, ...] = ()

    @property
    def errors(self) -> int:
        return sum(finding.severity == "error" for finding in self.findings)

    @property
    def warnings(self) -> int:
        return sum(finding.severity == "warning" for finding in self.findings)

    def failed(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def as_json(self) -> dict:
        return {
            "checked": self.checked,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [asdict(finding) for finding in self.findings],
            "layouts": [
                {"name": layout.name, "current": layout.current, "description": layout.description,
                 "claims": dict(layout.coverage), "claims_cy": dict(layout.coverage_cy), "languages": list(layout.languages),
                 "jurisdictions": list(layout.jurisdictions)}
                for layout in self.layouts
            ],
            "coverage": [row.as_json() for row in self.coverage],
        }


def check(workspace: Workspace, names: Sequence[str], layout: Layout | None = None, compare: Sequence[Layout] | None = None,
          also: Sequence[Problem] = ()) -> CheckReport:
    """Every finding for the named authorities' profiles and the layout each would be rendered with
    (``layout``, else its profile's own, else the current notice), and their coverage in each
    layout of ``compare`` (default: every layout here). ``also`` are findings found before (misnamed profiles)."""
    own: list[Problem] = []
    here = _all_layouts(workspace, own)
    layouts = list(compare) if compare is not None else [shared for shared in here if shared.extends is None]
    choice = LayoutChoice(workspace.layouts, layout.name if layout else None)
    used: dict[str, Layout] = {layout.name: layout} if layout else {}
    rows, findings = [], []
    for name in names:
        try:
            authority = load_authority(workspace, name)
            chosen = used.setdefault((chosen := choice.layout_for(authority)).name, chosen)
            for language in authority.profile.languages:
                require_glyphs(notice_for(authority, chosen, language), chosen, workspace.fonts_css, authority)
        except ProfileError as error:
            findings.extend(error.problems)
            continue
        except NoticekitError as error:
            findings.extend(Problem("", "", line) for line in error.lines)
            continue
        path, profile = authority.path, authority.profile
        findings.extend(profile_findings(profile, display_path(path)))
        if authority.logo and authority.logo.kind == "svg":
            findings.append(Problem(display_path(path), "logo.file", "an SVG logo appears in the PDF only; Word needs a PNG, so the DOCX shows the council's name alone", "warning"))
        for compared in layouts:  # a council's own layout stands in the column of the one it extends
            for language in authority.profile.languages:
                row = coverage(authority, chosen if chosen.extends and chosen.extends.name == compared.name else compared, language)
                rows.append(row)
                findings.extend(claim_findings(row))
    wording = [finding for chosen in used.values() for finding in layout_findings(chosen)]
    currency = [finding for chosen in used.values() for finding in currency_findings(chosen, here)]
    everything = [*wording, *own, *currency, *also, *findings]
    return CheckReport(list(names), list(dict.fromkeys(everything)), tuple(layouts), tuple(rows))


def _all_layouts(workspace: Workspace, findings: list[Problem]) -> list[Layout]:
    """Every layout in the workspace; one that cannot be loaded becomes a warning."""
    layouts = []
    for name in workspace.layout_names():
        try:
            layouts.append(load_layout(workspace.layouts, name))
        except NoticekitError as error:
            for line in error.lines:
                file, _, message = line.partition(": ")
                findings.append(Problem(file, "", message, "warning"))
    return layouts


def coverage(authority: Authority, layout: Layout, language: str = "en") -> Coverage:
    """``authority``'s notice in ``layout`` and ``language``: Article 13 items proved, and readability
    (English only: the Flesch formulas are English formulas, and would give Welsh a wrong figure)."""
    missing = missing_keys(authority.profile, layout)
    if missing:
        return Coverage(authority.slug, layout, not_rendered=f"needs {', '.join(missing)}", language=language)
    try:
        notice = notice_for(authority, layout, language)
    except NoticekitError as error:
        return Coverage(authority.slug, layout, not_rendered=error.lines[0], language=language)
    results = tuple(prove_notice(notice, authority, layout, language))
    return Coverage(authority.slug, layout, results, measure(notice) if language == "en" else None, language=language)


