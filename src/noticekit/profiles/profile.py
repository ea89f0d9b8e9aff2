"""The authority profile: what varies between councils. ``load_profile(path)`` reads and validates it."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from noticekit.errors import ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.colours import HEX, LARGE_TEXT, contrast_on_white
from noticekit.profiles.messages import describe_all

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
)


# Invisible formatting characters (Unicode category Cf) that have no place in a printed notice:
# a byte-order mark inside a value, zero-width spaces, bidirectional overrides that reorder what
# a reader sees. Zero-width (non-)joiners stay allowed: emoji sequences and Urdu need them.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def _single_line(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must be a single line of text (it contains a line break or control character)")
    hidden = next((c for c in value if unicodedata.category(c) == "Cf" and c not in _ALLOWED_FORMAT), None)
    if hidden:
        raise ValueError(f"contains an invisible character (U+{ord(hidden):04X} {unicodedata.name(hidden, 'FORMAT CHARACTER')}); retype the value without it")
    return _composed(value)


def _composed(value: str) -> str:
    """``value`` in NFC, each accented letter one character ('w' + U+0302 becomes 'ŵ'). A combining
    mark that stays apart from its letter is refused: the PDF's text (what screen readers and
    copy-paste read) maps each drawn mark to one text, so a mark shared by two such letters reads wrongly."""
    value = unicodedata.normalize("NFC", value)
    for index, char in enumerate(value):
        if unicodedata.category(char).startswith("M") and not _is_variation_selector(ord(char)):
            after = f" after {value[index - 1]!r}" if index else ""
            raise ValueError(f"has a combining mark (U+{ord(char):04X} {unicodedata.name(char, 'COMBINING MARK')}){after} that makes no "
                             "single letter; type the accented letter itself, or leave the mark out")
    return value


def _is_variation_selector(code: int) -> bool:
    """Variation selectors (choosing an emoji's style) are marks that draw nothing of their own."""
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


_BARE_ADDRESS = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(/\S*)?$")


def _web_address(value: str) -> str:
    parts = urlsplit(value)
    full = parts.scheme in ("http", "https") and parts.hostname and " " not in value
    if not (full or has_no_scheme(value)):
        raise ValueError(f"{value!r} is not a web address; write it in full, e.g. 'https://www.example.gov.uk'")
    return value


def has_no_scheme(address: str) -> bool:
    """Whether ``address`` is a bare 'www.example.gov.uk/page', linked as https:// (check warns)."""
    return bool(_BARE_ADDRESS.match(address))


def _brand_colour(value: str) -> str:
    if not HEX.match(value):
        raise ValueError(f"{value!r} is not a colour; write it as '#' and six hex digits, e.g. '#0b3d6b'")
    ratio = contrast_on_white(value)
    if ratio < LARGE_TEXT:
        raise ValueError(f"{value!r} has a contrast of {ratio:.1f}:1 on white; headings need at least {LARGE_TEXT:.0f}:1 and body text 4.5:1 (WCAG 2.2 AA); choose a darker colour")
    return value.lower()


Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_single_line),
]
Email = Annotated[Line, AfterValidator(_email)]
WebAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_single_line),
    AfterValidator(_web_address),
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Contact(_Model):
    """Where to write to, or whom to ask. The council's name is always part of the address."""

    team: Line | None = Field(None, description="Team or officer above the council's name", examples=["Information Governance Team"])
    address: tuple[Line, ...] = Field((), description="Postal address lines after the council's name", examples=[["PO Box 78", "County Hall", "Preston"]])
    postcode: Line | None = Field(None, description="Postcode, the last line of the address", examples=["PR1 8XJ"])
    email: Email | None = Field(None, description="Email address", examples=["dataprotection@example.gov.uk"])


class Contacts(_Model):
    write_to: Contact = Field(Contact(), description='"or write to us at": the postal and email contact')
    subject_access: Contact = Field(Contact(), description='"want to see a copy of information about you": whom to contact')


class Website(_Model):
    url: WebAddress = Field(description="The council's web address, in full", examples=["https://www.hants.gov.uk"])
    label: Line | None = Field(None, description="The address as printed, when shorter than the URL", examples=["www.hants.gov.uk"])

    @property
    def href(self) -> str:
        """The link target: url, with https:// added when it was left out."""
        return f"https://{self.url}" if has_no_scheme(self.url) else self.url

    @property
    def text(self) -> str:
        """The address as printed."""
        return self.label or self.url


Sentence = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_single_line),
]


def _cites(article: str, paragraph: str, points: str, example: str):
    """A validator: the text starts with the provision it relies on, e.g. 'Article 6(1)(e)'."""
    pattern = re.compile(rf"Article {article}\({paragraph}\)\(([{points}])\)")
    cite = f"Article {article}({paragraph})"

    def validate(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(
                f"must start with the provision it relies on, {cite}({points[0]}) to {cite}({points[-1]}), "
                f"e.g. '{cite}({example}): ...'"
            )
        return value

    return validate


class LawfulBasis(_Model):
    """The UK GDPR conditions the council relies on; the defaults are those most councils use."""

    article_6: Annotated[Sentence, AfterValidator(_cites("6", "1", "abcdef", "e"))] = Field(
        "Article 6(1)(e): we need it to carry out a task in the public interest, our duties under the Children Act 1989",
        description="The Article 6 lawful basis: 'Article 6(1)(x)' then what it means",
        json_schema_extra={"pattern": r"^Article 6\(1\)\([a-f]\)"}, examples=["Article 6(1)(c): we must do so by law"])
    article_9: Annotated[Sentence, AfterValidator(_cites("9", "2", "abcdefghij", "g"))] = Field(
        "Article 9(2)(g): it is needed for reasons of substantial public interest, as the Data Protection Act 2018 sets out",
        description="The Article 9 condition for special category data: 'Article 9(2)(x)' then what it means",
        json_schema_extra={"pattern": r"^Article 9\(2\)\([a-j]\)"}, examples=["Article 9(2)(h): for health or social care"])

    @property
    def article_6_point(self) -> str:
        """The letter of Article 6(1) relied on: 'e' for public task."""
        return self.article_6[len("Article 6(1)(")]

    @property
    def article_9_point(self) -> str:
        """The letter of Article 9(2) relied on: 'g' for substantial public interest."""
        return self.article_9[len("Article 9(2)(")]


class Logo(_Model):
    file: Line = Field(description="The logo: a PNG or SVG file beside the profile", examples=["exampleshire-logo.png"])
    alt: Line = Field(description="What the logo shows, read out by screen readers", examples=["Exampleshire County Council crest"])


class Profile(_Model):
    """Everything that differs between two councils' notices."""

    name: Line = Field(description="The council's name as it signs the notice", examples=["Hampshire County Council"])
    website: Website = Field(description="The council's website")
    contacts: Contacts = Field(Contacts(), description="Contacts named in the notice")
    docx_font: Line = Field("Arial", description="Font of the editable Word file; one installed on council PCs", examples=["Arial"])
    logo: Logo | None = Field(None, description="The council's logo, at the top of the notice")
    brand_colour: Annotated[str, AfterValidator(_brand_colour)] | None = Field(
        None, description="The council's colour for headings (and links, if dark enough): '#' and six hex digits", examples=["#0b3d6b"])
    dpo: Contact | None = Field(None, description="The council's Data Protection Officer (current-law layouts need dpo.email)")
    complaints: Contact | None = Field(None, description="Where to complain to the council first (current-law layouts need complaints.email)")
    retention: Sentence | None = Field(None, description="How long the council keeps the information", examples=["We keep a child's records until their 75th birthday, as the law on looked-after children requires."])
    lawful_basis: LawfulBasis = Field(LawfulBasis(), description="UK GDPR Article 6 basis and Article 9 condition")
    partners: tuple[Line, ...] = Field((), description="Local partners the council shares information with", examples=[["the NHS", "schools", "the police"]])
    reviewed: dt.date | None = Field(None, description="When the notice was last reviewed (a TOML date); the documents' date", examples=[dt.date(2026, 10, 1)])


def load_profile(path: Path) -> Profile:
    """Read and validate one profile; every problem is reported at once as a ProfileError."""
    return parse_profile(read_profile(path), display_path(path))


def read_profile(path: Path) -> bytes:
    """The profile file's bytes, or a ProfileError saying it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise ProfileError(Problem(display_path(path), "", f"cannot be read ({error.strerror or error}); check the file exists and is readable")) from None


def parse_profile(data: bytes, shown: str) -> Profile:
    """The validated profile in ``data`` (a profile file's bytes); ``shown`` names the file in messages."""
    try:
        return Profile.model_validate(read_toml(data, shown))
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
