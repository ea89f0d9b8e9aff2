"""noticekit check: validate profiles (and their notice's wording) without rendering.

Errors are what stops a render (schema problems, a value the layout needs) and a layout's claim
to cover a UK GDPR Article 13 item that its wording does not bear out. Warnings are what a
reviewer should see before a notice goes out: missing contact details, odd postcodes, web
addresses without https://, and wording that cites repealed law or is not current.

Beside the findings, the report holds one Coverage per authority and layout: which Article 13
items the notice covers, and how easy it is to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from noticekit.colours import BODY_TEXT, contrast_on_white
from noticekit.coverage import ITEMS, Result, prove
from noticekit.errors import NoticekitError, ProfileError
from noticekit.layouts import WORDING, Layout, load_layout
from noticekit.problems import Problem, display_path
from noticekit.profile import Contact, Profile, has_no_scheme
from noticekit.readability import Readability, measure
from noticekit.workspace import Workspace

if TYPE_CHECKING:
    from noticekit.api import Authority

# Full UK postcode: outward code, one space, inward code (and the special GIR 0AA).
POSTCODE = re.compile(r"^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$")
# Wording that cites law no longer in force, and what replaced it.
REPEALED = [
    (
        re.compile(r"Data\s+Protection\s+Act\s+1998"),
        "cites the Data Protection Act 1998, repealed on 25 May 2018; it was replaced by the UK GDPR "
        "and the Data Protection Act 2018",
    ),
]
CONTACTS = {"write_to": '"or write to us at"', "subject_access": '"see a copy of information about you"'}


@dataclass(frozen=True)
class Coverage:
    """One authority's notice in one layout: each Article 13 item proved or not, and readability.
    ``not_rendered`` says why there is no notice (a key the layout needs, say) instead."""

    authority: str
    layout: Layout
    results: tuple[Result, ...] = ()
    readability: Readability | None = None
    not_rendered: str | None = None

    @property
    def covered(self) -> int:
        return sum(result.covered for result in self.results)

    def as_json(self) -> dict:
        return {
            "authority": self.authority,
            "layout": self.layout.name,
            "current": self.layout.current,
            "rendered": self.not_rendered is None,
            "not_rendered": self.not_rendered,
            "covered": self.covered if self.not_rendered is None else None,
            "items": [
                {"key": r.item.key, "label": r.item.label, "article": r.item.article, "section": r.section,
                 "covered": r.covered, "missing": list(r.missing) if r.found else (["the section"] if r.section else [])}
                for r in self.results
            ],
            "readability": self.readability.as_json() if self.readability else None,
        }


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
                 "claims": dict(layout.coverage)}
                for layout in self.layouts
            ],
            "coverage": [row.as_json() for row in self.coverage],
        }


def check(workspace: Workspace, names: Sequence[str], layout: Layout, compare: Sequence[Layout] | None = None) -> CheckReport:
    """Every finding for the named authorities' profiles and the layout they would be rendered
    with, and their coverage in each layout of ``compare`` (default: every layout here)."""
    from noticekit.api import FONTS_CSS, load_authority, require_glyphs

    findings = list(layout_findings(layout))
    here = _all_layouts(workspace, findings)
    layouts = list(compare) if compare is not None else here
    findings.extend(currency_findings(layout, here))
    rows = []
    for name in names:
        try:
            authority = load_authority(workspace, name)
            require_glyphs(authority.notice(layout), layout, workspace.fonts / FONTS_CSS, authority)
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
        for compared in layouts:
            row = coverage(authority, compared)
            rows.append(row)
            findings.extend(claim_findings(row))
    return CheckReport(list(names), list(dict.fromkeys(findings)), tuple(layouts), tuple(rows))


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


def coverage(authority: Authority, layout: Layout) -> Coverage:
    """``authority``'s notice in ``layout``: Article 13 items proved, and readability."""
    from noticekit.api import missing_keys

    missing = missing_keys(authority.profile, layout)
    if missing:
        return Coverage(authority.slug, layout, not_rendered=f"needs {', '.join(missing)}")
    try:
        notice = authority.notice(layout)
    except NoticekitError as error:
        return Coverage(authority.slug, layout, not_rendered=error.lines[0])
    return Coverage(authority.slug, layout, tuple(prove(notice, authority.profile, layout.coverage)), measure(notice))


def claim_findings(row: Coverage) -> Iterator[Problem]:
    """An error for each item the layout claims but the authority's rendered notice does not bear out."""
    shown = display_path(row.layout.folder / "layout.toml")
    for result in row.results:
        if not result.unproved:
            continue
        if not result.found:
            message = f"no section is headed {result.section!r} in the wording"
        else:
            message = f"the section {result.section!r} does not say {result.item.evidence} (for {row.authority} it lacks {', '.join(result.missing)})"
        yield Problem(shown, f"coverage.{result.item.key}", f"{message}; fix the wording or the claim")


def currency_findings(layout: Layout, layouts: Sequence[Layout]) -> Iterator[Problem]:
    """A warning when ``layout`` is marked not current, naming the Article 13 items it leaves out."""
    if layout.current:
        return
    claimed = dict(layout.coverage)
    left_out = [item.key for item in ITEMS if item.key not in claimed]
    current = [other.name for other in layouts if other.current]
    advice = f"render with --layout {current[0]}" if current else "write a current layout"
    yield Problem(
        display_path(layout.folder / "layout.toml"), "current",
        f"layout {layout.name!r} is not current law; it leaves out {len(left_out)} of the {len(ITEMS)} items "
        f"UK GDPR Article 13 asks for ({', '.join(left_out)}); {advice}",
        "warning",
    )


def profile_findings(profile: Profile, shown: str) -> Iterator[Problem]:
    for key, what in CONTACTS.items():
        yield from _contact_findings(getattr(profile.contacts, key), f"contacts.{key}", what, shown)
    if profile.brand_colour and contrast_on_white(profile.brand_colour) < BODY_TEXT:
        ratio = contrast_on_white(profile.brand_colour)
        yield Problem(
            shown, "brand_colour",
            f"{profile.brand_colour!r} has a contrast of {ratio:.1f}:1 on white: enough for headings (3:1) but not for "
            f"body text (4.5:1), so links and the council's name stay in the layout's own colour",
            "warning",
        )
    if has_no_scheme(profile.website.url):
        yield Problem(
            shown, "website.url",
            f"{profile.website.url!r} has no https://; it is linked as {profile.website.href!r}; write it in full",
            "warning",
        )


def _contact_findings(contact: Contact, key: str, what: str, shown: str) -> Iterator[Problem]:
    if not (contact.address or contact.postcode or contact.email):
        yield Problem(
            shown, key,
            f"gives no postal address or email, so the notice's {what} names the council alone; "
            f"add {key}.address, {key}.postcode and {key}.email",
            "warning",
        )
    elif contact.address and not contact.postcode:
        yield Problem(shown, f"{key}.postcode", "the address has no postcode; add it", "warning")
    if contact.postcode and not POSTCODE.match(contact.postcode):
        yield Problem(
            shown, f"{key}.postcode",
            f"{contact.postcode!r} does not look like a UK postcode (e.g. 'PR1 8XJ': capitals, one space)",
            "warning",
        )


def layout_findings(layout: Layout) -> Iterator[Problem]:
    """Wording in the layout that cites repealed law, one finding per citation, by line."""
    path = layout.folder / WORDING
    text = path.read_text("utf-8")
    found = [(text.count("\n", 0, match.start()) + 1, message) for pattern, message in REPEALED for match in pattern.finditer(text)]
    for number, message in sorted(found):
        yield Problem(display_path(path), f"line {number}", message, "warning")
