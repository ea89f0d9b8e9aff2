"""The kinds of value a profile holds, each validated where it is read: one line of text, a
sentence, an email or web address, a phone number, a colour, an ICO registration number."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from noticekit.profiles.colours import HEX, LARGE_TEXT, contrast_on_white

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
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


_BARE_ADDRESS = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(/\S*)?$")


def _web_address(value: str) -> str:
    parts = urlsplit(value)
    full = parts.scheme in ("http", "https") and parts.hostname and " " not in value
    if not (full or has_no_scheme(value)):
        raise ValueError(f"{value[:80]!r} is not a web address; write it in full, e.g. 'https://www.example.gov.uk'")
    if parts.username is not None or parts.password is not None:
        raise ValueError("has a user name or password in it, which the notice would print; give the public address alone")
    try:
        parts.port
    except ValueError:
        raise ValueError(f"{value[:80]!r} has a port that is not a number from 1 to 65535; give the public address") from None
    return value


def has_no_scheme(address: str) -> bool:
    """Whether ``address`` is a bare 'www.example.gov.uk/page', linked as https:// (check warns)."""
    return bool(_BARE_ADDRESS.fullmatch(address))


def _brand_colour(value: str) -> str:
    if not HEX.fullmatch(value):
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


class Model(BaseModel):
    """A part of a profile: frozen, and refusing keys it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid")


BrandColour = Annotated[str, AfterValidator(_brand_colour)]


def web_href(address: str) -> str:
    """The link target of a web address: with https:// added when it was left out."""
    return f"https://{address}" if has_no_scheme(address) else address


Sentence = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_single_line),
]


def _phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if not _PHONE.fullmatch(value) or not 10 <= len(digits) <= 13:
        raise ValueError(f"{value!r} is not a phone number; write it as it is dialled, e.g. '01234 567890' or '+44 1234 567890'")
    return value


_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*$")
Phone = Annotated[Line, AfterValidator(_phone)]


def _ico_registration(value: str) -> str:
    if not re.fullmatch(r"Z[A-Z0-9]{7}", value):
        raise ValueError(f"{value!r} is not an ICO registration number: 'Z' then seven capital letters or digits, e.g. 'Z1234567'")
    return value


IcoRegistration = Annotated[Line, AfterValidator(_ico_registration)]


# Dates a notice can carry: a Word file's dates start in 1980, and no review is a century away.
FIRST_DATE, LAST_DATE = dt.date(1980, 1, 1), dt.date(2099, 12, 31)


def in_range(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(f"{value.isoformat()} is not a date a notice can carry; give one from {FIRST_DATE.year} to {LAST_DATE.year}")
    return value


NoticeDate = Annotated[dt.date, AfterValidator(in_range)]
