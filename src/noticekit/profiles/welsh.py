"""The council's own values in Welsh: its Welsh name, team names, address lines, the Welsh web
address, its partners, retention and statements, under [welsh] in the profile.

    [welsh]
    approved_by = "Welsh Language Services, 12 October 2026"   who approved the Welsh text
    english_fallback = false       print the English value where no Welsh form is given
    name = "Cyngor Sir Enghraifft"
    [welsh.contacts.write_to]
    team = "Tîm Llywodraethu Gwybodaeth"

The Welsh profile is the English profile with every value it gives in words replaced by its
Welsh form, table by table; a list of tables (partners, retention periods, Article 6 bases) item
by item, in the same order. Emails, phone numbers, postcodes, provisions and dates are the same in
both languages and have no Welsh form. A key the council leaves out gets the Welsh default
(profiles.jurisdiction). A value given in English without its Welsh form refuses the Welsh notice,
naming the keys, unless the council allows its English there (english_fallback): then the
English words are printed, marked as English for screen readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ConfigDict, Field, StrictBool, ValidationError

from noticekit.problems import Problem
from noticekit.profiles.jurisdiction import WELSH_DEFAULTS, with_defaults
from noticekit.profiles.messages import describe_all, dotted
from noticekit.profiles.values import Line, Model

# The keys whose values are the same in every language.
SAME_IN_EVERY_LANGUAGE = frozenset({
    "email", "phone", "postcode", "provision", "schedule_1", "file", "outside_uk", "used", "special_category", "criminal_offence",
})
# Top-level keys that hold words (and so may have Welsh forms).
WORDED = ("name", "website", "contacts", "dpo", "complaints", "logo", "information", "lawful_basis", "partners", "retention",
          "transfers", "automated_decisions")
# Web addresses: a Welsh form is asked for (the Welsh page), but one printed in English is no English passage.
ADDRESSES = frozenset({"url", "label", "schedule"})
SETTINGS = ("approved_by", "english_fallback")


class Welsh(Model):
    """[welsh]: who approved the Welsh text, whether English may stand in, and the Welsh forms."""

    model_config = ConfigDict(frozen=True, extra="allow")

    approved_by: Line | None = Field(None, description="Who approved the council's Welsh text, and when (its Welsh language service); "
                                     "until it is given, `check` warns", examples=["Gwasanaethau Cymraeg / Welsh Language Services, 2026-10-12"])
    english_fallback: StrictBool = Field(False, description="Print the English value where no Welsh form is given (marked as English); "
                                         "without it, a Welsh notice lacking a Welsh form is refused, naming the keys")

    @property
    def forms(self) -> dict[str, Any]:
        """The Welsh forms given: every key under [welsh] but the settings."""
        return dict(self.__pydantic_extra__ or {})


@dataclass(frozen=True)
class WelshProfile:
    """A council's profile in Welsh (None when it cannot be made) and the English values it prints."""

    profile: Any = None  # Profile; typed loosely to keep this module below profile.py
    english: tuple[str, ...] = ()  # English values printed in the Welsh notice (english_fallback), to be marked as English
    problems: tuple[Problem, ...] = ()


def welsh_profile(raw: dict[str, Any], model: type, shown: str) -> WelshProfile:
    """The Welsh profile of the TOML ``raw`` (as the council wrote it), validated by ``model``."""
    settings = raw.get("welsh") if isinstance(raw.get("welsh"), dict) else {}
    forms = {key: value for key, value in settings.items() if key not in SETTINGS}
    fallback = settings.get("english_fallback") is True
    problems = [Problem(shown, f"welsh.{key}", message) for key, message in _misplaced(forms, raw)]
    given = {key: value for key, value in raw.items() if key in WORDED}
    merged, missing, english = _merge(given, forms, (), fallback)
    if missing:
        keys = ", ".join(missing)
        problems.append(Problem(shown, "welsh", f"the Welsh notice needs the Welsh form of {keys}; add {'it' if len(missing) == 1 else 'them'} "
                                                "under [welsh], or set welsh.english_fallback = true to print the English there"))
    if problems:
        return WelshProfile(problems=tuple(problems))
    document = with_defaults({**{k: v for k, v in raw.items() if k not in (*WORDED, "welsh")}, **merged}, WELSH_DEFAULTS)
    try:
        return WelshProfile(model.model_validate(document), tuple(dict.fromkeys(english)))
    except ValidationError as error:
        return WelshProfile(problems=tuple(Problem(shown, f"welsh.{key}", reason) for key, reason in describe_all(model, error.errors())))


def _merge(english: Any, welsh: Any, path: tuple, fallback: bool) -> tuple[Any, list[str], list[str]]:
    """(the value in Welsh, the keys lacking a Welsh form, the English values printed instead)."""
    if isinstance(english, dict):
        merged, missing, printed = {}, [], []
        for key, value in english.items():
            if key in SAME_IN_EVERY_LANGUAGE or not _worded(value):
                merged[key] = value
                continue
            form = welsh.get(key) if isinstance(welsh, dict) else None
            merged[key], lacking, kept = _merge(value, form, (*path, key), fallback)
            missing += lacking
            printed += kept
        return merged, missing, printed
    if _tables(english):
        items = welsh if isinstance(welsh, list) and len(welsh) == len(english) else [None] * len(english)  # else each item lacks its form
        results = [_merge(item, form, (*path, index), fallback) for index, (item, form) in enumerate(zip(english, items))]
        return [r[0] for r in results], [k for r in results for k in r[1]], [v for r in results for v in r[2]]
    if welsh is not None:
        return welsh, [], []
    if fallback:
        return english, [], [] if path[-1] in ADDRESSES else list(_texts(english))
    return english, [dotted(path)], []


def _worded(value: Any) -> bool:
    """Whether ``value`` holds any words (text, or tables and lists holding text)."""
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(key not in SAME_IN_EVERY_LANGUAGE and _worded(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_worded(item) for item in value)
    return False


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value.strip()
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _misplaced(forms: dict[str, Any], raw: dict[str, Any], path: tuple = ()) -> Iterator[tuple[str, str]]:
    """(key, reason) for each Welsh form that has no English value to stand for, or that is the same in every language."""
    for key, value in forms.items():
        where = dotted((*path, key))
        if not path and key not in WORDED:
            yield where, f"not a value in words; [welsh] holds the Welsh forms of: {', '.join(WORDED)}"
        elif key in SAME_IN_EVERY_LANGUAGE:
            yield where, "is the same in every language; give it once, outside [welsh]"
        elif not isinstance(raw, dict) or key not in raw:
            yield where, f"the profile gives no English {where}; give the English value too, or remove the Welsh form"
        elif isinstance(value, dict) and isinstance(raw[key], dict):
            yield from _misplaced(value, raw[key], (*path, key))
        elif isinstance(value, list) and _tables(raw[key]):
            if len(value) != len(raw[key]):
                yield where, (f"gives {len(value)} Welsh forms for the {len(raw[key])} items of {where}; give one for each, "
                              "in the same order")
            else:
                for index, (form, english) in enumerate(zip(value, raw[key])):
                    if isinstance(form, dict):
                        yield from _misplaced(form, english, (*path, key, index))


def _tables(value: Any) -> bool:
    """Whether ``value`` is a list of tables ([[partners]], [[retention.periods]]): Welsh forms item by item."""
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)
