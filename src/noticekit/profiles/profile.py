"""The authority profile: what varies between councils. ``load_profile(path)`` reads and validates it."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator

from noticekit.errors import ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.jurisdiction import JURISDICTIONS, WALES, jurisdiction_defaults
from noticekit.profiles.messages import describe_all
from noticekit.profiles.processing import AutomatedDecisions, Information, LawfulBasis, PartnerItem, RetentionValue, Transfers, or_text
from noticekit.profiles.values import BrandColour, Email, IcoRegistration, Line, Model, NoticeDate, Phone, WebAddress, has_no_scheme, web_href
from noticekit.profiles.welsh import Welsh
from noticekit.workspace import Unreadable, read_regular

__all__ = ["Contact", "Contacts", "Logo", "Profile", "Website", "has_no_scheme", "load_profile", "parse_profile", "read_profile", "validate_profile"]


class Contact(Model):
    """Where to write to, or whom to ask: the council itself, or an outside organisation."""

    organisation: Line | None = Field(None, description="The organisation, when it is not the council (an outside Data Protection Officer service)",
                                      examples=["Schools Data Protection Services Ltd"])
    team: Line | None = Field(None, description="Team or officer above the organisation's name", examples=["Information Governance Team"])
    address: tuple[Line, ...] = Field((), max_length=10, description="Postal address lines after the organisation's name", examples=[["PO Box 78", "County Hall", "Preston"]])
    postcode: Line | None = Field(None, description="Postcode, the last line of the address", examples=["PR1 8XJ"])
    email: Email | None = Field(None, description="Email address", examples=["dataprotection@example.gov.uk"])
    phone: Phone | None = Field(None, description="Phone number, as it is dialled", examples=["01234 567890"])

    @property
    def phone_text(self) -> str | None:
        """The phone number as printed: its spaces do not break, so it never splits across two lines."""
        return self.phone.replace(" ", "\u00a0") if self.phone else None

    @property
    def given(self) -> bool:
        """Whether any detail is given (an empty contact names the council alone)."""
        return any((self.organisation, self.team, self.address, self.postcode, self.email, self.phone))


class Contacts(Model):
    write_to: Contact = Field(Contact(), description='"or write to us at": the postal and email contact')
    subject_access: Contact = Field(Contact(), description="Whom to ask for a copy of the information held (a subject access request); "
                                                           "without it, the current layouts name the Data Protection Officer")


class Website(Model):
    url: WebAddress = Field(description="The council's web address, in full", examples=["https://www.hants.gov.uk"])
    label: Line | None = Field(None, description="The address as printed, when shorter than the URL", examples=["www.hants.gov.uk"])

    @property
    def href(self) -> str:
        """The link target: url, with https:// added when it was left out."""
        return web_href(self.url)

    @property
    def text(self) -> str:
        """The address as printed."""
        return self.label or self.url


def _file_name(what: str, example: str):
    """A validator: a file beside the profile is given by its name, never a path (the same rule
    for a profile, `new --set` and `set`)."""
    def validate(value: str) -> str:
        if "/" in value or "\\" in value or value in (".", ".."):
            raise ValueError(f"{value[:60]!r} is a path; give the name of the {what} beside the profile, e.g. {example!r}")
        return value

    return validate


class Logo(Model):
    file: Annotated[Line, AfterValidator(_file_name("logo file", "council-logo.png"))] = Field(description="The logo: the name of a PNG or SVG file beside the profile",
                                                               examples=["exampleshire-logo.png"])
    alt: Line = Field(description="What the logo shows, read out by screen readers", examples=["Exampleshire County Council crest"])


def _layout_name(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise ValueError(f"{value!r} is not a layout name; use one `noticekit list` shows, e.g. 'children-in-need'")
    return value


# The languages a notice is made in: English, Welsh, and both in one document (Welsh first).
LANGUAGES = ("en", "cy", "bilingual")
Language = Literal["en", "cy", "bilingual"]


class Profile(Model):
    """Everything that differs between two councils' notices."""

    name: Line = Field(description="The council's name as it signs the notice", examples=["Hampshire County Council"])
    layout: Annotated[Line, AfterValidator(_layout_name)] | None = Field(
        None, description="The layout this council's notice uses (default: the current notice, children-in-need)", examples=["children-in-need"])
    website: Website = Field(description="The council's website")
    contacts: Contacts = Field(Contacts(), description="Contacts named in the notice")
    docx_font: Line = Field("Arial", description="Font of the editable Word file; one installed on council PCs", examples=["Arial"])
    logo: Logo | None = Field(None, description="The council's logo, at the top of the notice")
    docx_template: Annotated[Line, AfterValidator(_file_name("Word template", "council-template.docx"))] | None = Field(
        None, description="The council's Word template (a .docx beside the profile): the Word file takes its styles, page set-up, "
        "header and footer", examples=["exampleshire-template.docx"])
    brand_colour: BrandColour | None = Field(
        None, description="The council's colour for headings (and links, if dark enough): '#' and six hex digits", examples=["#0b3d6b"])
    ico_registration: IcoRegistration | None = Field(None, description="The council's registration number with the Information Commissioner",
                                                     examples=["Z1234567"])
    dpo: Contact | None = Field(None, description="The council's Data Protection Officer (current-law layouts need dpo.email)")
    complaints: Contact | None = Field(None, description="Where to complain to the council first (current-law layouts need complaints.email)")
    information: Information = Field(Information(), description="Whose information, what the council holds beyond the shared list, and where it comes from")
    lawful_basis: LawfulBasis = Field(LawfulBasis(), description="UK GDPR Article 6 bases, Article 9 and 10 conditions, and the laws behind them")
    partners: tuple[PartnerItem, ...] = Field((), max_length=100, description="Organisations the council shares information with, each with why; "
                                              "a plain name is accepted", examples=[["the NHS", "schools", "the police"]], json_schema_extra=or_text)
    retention: RetentionValue | None = Field(None, description="How long the council keeps the information (current-law layouts need it); "
                                             "a sentence is accepted", json_schema_extra=or_text)
    transfers: Transfers | None = Field(None, description="Whether information goes outside the UK (current-law layouts need it)")
    automated_decisions: AutomatedDecisions | None = Field(None, description="Whether any decision is made by computer alone (current-law layouts need it)")
    reviewed: NoticeDate | None = Field(None, description="When the notice was last reviewed (a TOML date); the documents' date", examples=[dt.date(2026, 10, 1)])
    next_review: NoticeDate | None = Field(None, description="When the council will next review the notice (a TOML date)", examples=[dt.date(2027, 10, 1)])
    jurisdiction: Literal[JURISDICTIONS] = Field(  # type: ignore[valid-type]
        "england", description="Where the council is, and so which law its notice states: 'england' (the Children Act 1989 and the "
        "Department for Education's returns) or 'wales' (the Social Services and Well-being (Wales) Act 2014 and the Welsh "
        "Government's censuses)", examples=["wales"])
    languages: tuple[Language, ...] = Field(
        ("en",), min_length=1, max_length=3, description="The languages `render` makes the notice in: 'en' (English), 'cy' (Welsh) "
        "and 'bilingual' (Welsh first, then English); Welsh needs jurisdiction = 'wales'", examples=[["en", "cy", "bilingual"]])
    welsh: Welsh | None = Field(None, description="The council's values in Welsh (its Welsh name, teams, addresses, web address, "
                                "partners, retention...), who approved its Welsh text, and whether English may stand in")

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("languages: a language is given twice; give each once")
        if self.jurisdiction != WALES and set(self.languages) - {"en"}:
            raise ValueError('languages: the Welsh notice states the law in Wales; set jurisdiction = "wales" (for a council in Wales), '
                             'or keep languages = ["en"]')
        if self.next_review and self.reviewed and self.next_review <= self.reviewed:
            raise ValueError(f"next_review: {self.next_review.isoformat()} is not after reviewed ({self.reviewed.isoformat()})")
        if self.information.special_category and not self.lawful_basis.article_9:
            raise ValueError("lawful_basis.article_9: information.special_category is true, so name the Article 9 condition(s) relied on, "
                             "or set information.special_category = false")
        if self.information.criminal_offence and not self.lawful_basis.article_10:
            raise ValueError("lawful_basis.article_10: information.criminal_offence is true, so name the Schedule 1 paragraph(s) "
                             "relied on, or set information.criminal_offence = false")
        return self

    @property
    def subject_access(self) -> Contact | None:
        """Whom to ask for a copy: the subject access contact, else the Data Protection Officer."""
        return self.contacts.subject_access if self.contacts.subject_access.given else self.dpo

    @property
    def access_email(self) -> str | None:
        """Where to email for a copy: the subject access contact's email, else the Data Protection Officer's."""
        contact = self.subject_access
        return (contact.email if contact else None) or (self.dpo.email if self.dpo else None)


def load_profile(path: Path) -> Profile:
    """Read and validate one profile; every problem is reported at once as a ProfileError."""
    return parse_profile(read_profile(path), display_path(path))


PROFILE_LIMIT = 1_000_000  # bytes: a profile is a page or two of text


def read_profile(path: Path) -> bytes:
    """The profile file's bytes, or a ProfileError saying it cannot be read (or is no ordinary file)."""
    try:
        return read_regular(path, PROFILE_LIMIT)
    except Unreadable as error:
        raise ProfileError(Problem(display_path(path), "", f"{error.reason}; a profile must be an ordinary .toml file")) from None
    except OSError as error:
        raise ProfileError(Problem(display_path(path), "", f"cannot be read ({error.strerror or error}); check the file exists and is readable")) from None


def parse_profile(data: bytes, shown: str) -> Profile:
    """The validated profile in ``data`` (a profile file's bytes); ``shown`` names the file in messages."""
    return validate_profile(read_toml(data, shown), shown)


def validate_profile(raw: dict, shown: str) -> Profile:
    """The validated profile of the TOML ``raw``, with its jurisdiction's defaults; ``shown`` names the file in messages."""
    try:
        return Profile.model_validate(jurisdiction_defaults(raw))
    except RecursionError:
        raise ProfileError(Problem(shown, "", "nests lists or tables inside each other far too deeply; a profile needs two or three levels")) from None
    except ValidationError as error:
        raise ProfileError(*(Problem(shown, *described) for described in describe_all(Profile, error.errors()))) from None


def read_toml(data: bytes, shown: str) -> dict:
    """The TOML text in ``data`` as a dict, or a ProfileError naming the line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProfileError(Problem(shown, "", f"is not UTF-8 text (byte {error.start + 1}); save it as UTF-8")) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(Problem(shown, "", _toml_problem(str(error)))) from None
    except RecursionError:
        raise ProfileError(Problem(shown, "", "nests lists or tables inside each other far too deeply; a profile needs two or three levels")) from None


# tomllib's wording for the mistakes people make most, in plain English.
_PLAIN = {
    "illegal character '\\n'": "the line ends inside quotes; close the quotes",
    "cannot overwrite a value": "this key (or [section]) is already given above; keep one",
    "expected newline or end of document after a statement": "unexpected text after the value; put text in quotes, and dates as 2026-10-01",
    "invalid value": 'not a value; put text in "quotes"',
    "expected '=' after a key in a key/value pair": "expected '=' after the key; write key = value",
    "expected ']' at the end of a table declaration": "a [section] needs its closing ']'",
}
_PLAIN_PATTERNS = [
    (re.compile(r"^cannot declare \((.+?),?\) twice$"), lambda m: f"the [{m[1].replace(chr(39), '').replace(', ', '.')}] section is given twice; keep one"),
    (re.compile(r"^illegal character (.+)$"), lambda m: f"the character {m[1]} is not allowed here; delete it"),
]
_AT = re.compile(r"^(?P<what>.*?) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$")


def _toml_problem(message: str) -> str:
    match = _AT.match(message)
    if not match:
        return f"not valid TOML: {message}"
    what = match["what"][0].lower() + match["what"][1:]
    where = f"line {match['line']}, column {match['column']}" if match["line"] else "end of file"
    plain = _PLAIN.get(what)
    for pattern, rewrite in _PLAIN_PATTERNS:
        if plain is None and (found := pattern.match(what)):
            plain = rewrite(found)
    return f"{where}: not valid TOML: {plain or what}"
