"""What `noticekit check` says of a profile and a layout: one Problem per finding.

Errors: a layout's claim to cover a UK GDPR Article 13 item that its wording does not bear out.
Warnings: missing contact details, odd postcodes, web addresses without https://, a brand colour
too light for body text, and wording that cites repealed law or is not current.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from noticekit.check.coverage import Coverage
from noticekit.problems import Problem, display_path
from noticekit.profiles.colours import BODY_TEXT, contrast_on_white
from noticekit.profiles.profile import Contact, Profile, has_no_scheme
from noticekit.wording.articles import ITEMS
from noticekit.wording.claims import unproved
from noticekit.wording.layouts import WORDING, Layout, read_layout_text

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
# Words of England's law and returns, out of place in the notice of a council in Wales.
ENGLAND_ONLY = re.compile(r"section 83|Department for Education|\bDfE\b|National Pupil Database|SSDA903|\(England\)", re.IGNORECASE)
UNAPPROVED = ("the Welsh wording noticekit ships is a careful translation, not yet approved: the council's Welsh language service "
              "must approve the Welsh text (the wording and the council's Welsh values) before publication; then record who "
              "approved it, and when, in welsh.approved_by")


def claim_findings(row: Coverage) -> Iterator[Problem]:
    """The errors of a layout's claims for one council (the same lines a render stops on)."""
    return unproved(row.results, row.layout, row.authority)


def currency_findings(layout: Layout, layouts: Sequence[Layout]) -> Iterator[Problem]:
    """A warning when ``layout`` is marked not current, naming the items it leaves out."""
    if layout.current:
        return
    claimed = dict(layout.coverage)
    left_out = [item.key for item in ITEMS if item.key not in claimed]
    current = [other.name for other in layouts if other.current]
    advice = f"set layout = {current[0]!r} in the profile, or render with --layout {current[0]}" if current else "write a current layout"
    yield Problem(
        display_path(layout.folder / "layout.toml"), "current",
        f"layout {layout.name!r} is not current law; it leaves out {len(left_out)} of the {len(ITEMS)} items "
        f"UK GDPR Articles 13 and 14 ask for ({', '.join(left_out)}); {advice}",
        "warning",
    )


NAMED = 5  # authorities a warning names before "and N more"


def not_current_warning(layout: Layout, current: str | None, authorities: Sequence[str] = ()) -> str:
    """The one line a render prints when ``layout`` is not current law: for whom, what it cites, what to use."""
    text = read_layout_text(layout.folder / WORDING)
    cited = next((message.removeprefix("cites ") for pattern, message in REPEALED if pattern.search(text)), None)
    what = f"cites {cited}" if cited else "is marked as not current law"
    advice = f"; for today's notice use layout {current!r} (layout = {current!r} in the profile, or --layout {current})" if current else ""
    shown = [*authorities[:NAMED], f"and {len(authorities) - NAMED} more"] if len(authorities) > NAMED + 1 else list(authorities)
    whom = f"{', '.join(shown)}: " if authorities else ""
    return f"warning: {whom}layout {layout.name!r} {what}{advice}"


def profile_findings(profile: Profile, shown: str) -> Iterator[Problem]:
    for index, partner in enumerate(profile.partners):
        if partner.why is None:
            yield Problem(shown, f"partners[{index}]", f"gives no reason for sharing with {partner.name!r}; write it as a [[partners]] "
                          "section with name and why, so that the notice says why", "warning")
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
    yield from welsh_findings(profile, shown)


def welsh_findings(profile: Profile, shown: str) -> Iterator[Problem]:
    """A council in Wales: Welsh text not yet approved, and its own values citing England's law."""
    if {"cy", "bilingual"} & set(profile.languages) and not (profile.welsh and profile.welsh.approved_by):
        yield Problem(shown, "welsh.approved_by", UNAPPROVED, "warning")
    if profile.jurisdiction != "wales":
        return
    values = [("lawful_basis.statutes", statute) for statute in profile.lawful_basis.statutes]
    values += [(f"lawful_basis.article_6[{index}].duty", basis.duty) for index, basis in enumerate(profile.lawful_basis.article_6)]
    values += [(f"partners[{index}].why", partner.why) for index, partner in enumerate(profile.partners) if partner.why]
    for key, value in values:
        if found := ENGLAND_ONLY.search(value):
            yield Problem(shown, key, f"{value!r} cites {found[0]!r}, England's law or returns, but the council is in Wales "
                          "(jurisdiction = \"wales\"); give the law that applies there, or remove the key for Wales's default", "warning")


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
    if contact.postcode and not POSTCODE.fullmatch(contact.postcode):
        yield Problem(
            shown, f"{key}.postcode",
            f"{contact.postcode!r} does not look like a UK postcode (e.g. 'PR1 8XJ': capitals, one space)",
            "warning",
        )


def layout_findings(layout: Layout) -> Iterator[Problem]:
    """Wording in the layout that cites repealed law, one finding per citation, by line."""
    path = layout.folder / WORDING
    text = read_layout_text(path)
    found = [(text.count("\n", 0, match.start()) + 1, message) for pattern, message in REPEALED for match in pattern.finditer(text)]
    for number, message in sorted(found):
        yield Problem(display_path(path), f"line {number}", message, "warning")
