"""noticekit check: validate profiles (and their notice's wording) without rendering.

Errors are what stops a render (schema problems, a value the layout needs). Warnings are what
a reviewer should see before a notice goes out: missing contact details, odd postcodes, web
addresses without https://, and wording that cites repealed law.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from noticekit.colours import BODY_TEXT, contrast_on_white
from noticekit.errors import NoticekitError, ProfileError
from noticekit.layouts import WORDING, Layout
from noticekit.logo import load_logo
from noticekit.problems import Problem, display_path
from noticekit.profile import Contact, Profile, has_no_scheme, load_profile
from noticekit.workspace import Workspace

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
class CheckReport:
    checked: list[str]
    findings: list[Problem]

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
        }


def check(workspace: Workspace, names: Sequence[str], layout: Layout) -> CheckReport:
    """Every finding for the named authorities' profiles and the layout they would be rendered with."""
    from noticekit.api import FONTS_CSS, Authority, require_glyphs

    findings = list(layout_findings(layout))
    for name in names:
        try:
            path = workspace.profile_path(name)
            profile = load_profile(path)
            authority = Authority(name, path, profile, load_logo(profile, path))
            require_glyphs(authority.notice(layout), layout, workspace.fonts / FONTS_CSS, authority)
        except ProfileError as error:
            findings.extend(error.problems)
            continue
        except NoticekitError as error:
            findings.extend(Problem("", "", line) for line in error.lines)
            continue
        findings.extend(profile_findings(profile, display_path(path)))
        if authority.logo and authority.logo.kind == "svg":
            findings.append(Problem(display_path(path), "logo.file", "an SVG logo appears in the PDF only; Word needs a PNG, so the DOCX shows the council's name alone", "warning"))
    return CheckReport(list(names), findings)


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
