"""(Authority, Layout) -> Notice: the one place where wording meets a council's data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping

from noticekit.errors import LayoutError, NoticekitError, ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.authority import Authority
from noticekit.profiles.jurisdiction import WALES
from noticekit.profiles.logo import Image
from noticekit.profiles.profile import Profile
from noticekit.profiles.values import FIRST_DATE, LAST_DATE
from noticekit.wording.document import FIXED_DATE, Notice
from noticekit.wording.languages import ENGLISH, bilingual, mark_passages, passages
from noticekit.wording.layouts import WORDINGS, Layout, fill_wording, wording_sources
from noticekit.wording.markup import parse_notice


def notice_for(authority: Authority, layout: Layout, language: str = "en") -> Notice:
    """``authority``'s notice in ``layout``, in ``language`` ("en", "cy" or "bilingual"); refused,
    naming the keys, when the profile lacks any the layout needs (in Welsh: its Welsh forms), and
    naming the layout when its wording states another country's law."""
    if authority.profile.jurisdiction not in layout.jurisdictions:
        where = " and ".join(name.capitalize() for name in layout.jurisdictions)
        raise LayoutError(f"{display_path(layout.folder / 'layout.toml')}: layout {layout.name!r} states the law in {where} "
                          f"(jurisdictions), but {authority.slug} is in {authority.profile.jurisdiction.capitalize()}; "
                          "choose a layout for it with --layout or the profile's layout key (`noticekit list` shows them)")
    missing = missing_keys(authority.profile, layout)
    if missing:
        raise ProfileError(Problem(
            display_path(authority.path), "",
            f"layout {layout.name!r} needs {', '.join(missing)}, which this profile lacks; add them, "
            "or choose another --layout",
        ))
    shown = display_path(layout.folder)
    if language == "en":
        return passages(compose(authority.profile, layout, authority.logo), shown)
    welsh = welsh_notice(authority, layout, bilingual=language == "bilingual")
    if language == "cy":
        return passages(welsh, shown)
    return passages(bilingual(welsh, compose(authority.profile, layout, authority.logo, language="en", both=True)), shown)


def welsh_notice(authority: Authority, layout: Layout, bilingual: bool = False) -> Notice:
    """The Welsh notice: the Welsh wording filled from the council's Welsh values, any English
    among them (english_fallback) marked as English."""
    if authority.profile.jurisdiction != WALES:
        raise ProfileError(Problem(display_path(authority.path), "jurisdiction", 'a Welsh notice states the law in Wales; set jurisdiction = "wales" '
                                   "for a council in Wales"))
    if authority.welsh.problems:
        raise ProfileError(*authority.welsh.problems)
    notice = compose(authority.welsh.profile, layout, authority.welsh_logo, language="cy", both=bilingual)
    return mark_passages(notice, authority.welsh.english, ENGLISH)


def missing_keys(profile: Profile, layout: Layout) -> list[str]:
    """The keys ``layout`` requires that ``profile`` leaves empty."""
    missing = []
    for dotted in layout.requires:
        value = profile
        for part in dotted.split("."):
            value = getattr(value, part, None)
        if value in (None, (), ""):
            missing.append(dotted)
    return missing


def compose(profile: Profile, layout: Layout, logo: Image | None = None, environ: Mapping[str, str] = os.environ,
            language: str = "en", both: bool = False) -> Notice:
    """The notice ``layout`` words in ``language`` for the council ``profile`` describes (with its
    checked ``logo``); ``both``: as one half of a bilingual notice."""
    markup = fill_wording(layout, {"council": profile, "bilingual": both}, language)
    notice = parse_notice(markup, display_path(layout.folder / WORDINGS[language]), wording_sources(layout, language))
    return dataclasses.replace(notice, date=document_date(profile, environ), logo=logo)


def document_date(profile: Profile, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The profile's ``reviewed`` date, else $SOURCE_DATE_EPOCH, else a constant: never today."""
    if profile.reviewed:
        return dt.datetime.combine(profile.reviewed, dt.time(), dt.timezone.utc)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return FIXED_DATE
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise NoticekitError(f"SOURCE_DATE_EPOCH: {epoch[:40]!r} is not a number of seconds since 1970; unset it or fix it") from None
    if not FIRST_DATE <= moment.date() <= LAST_DATE:
        raise NoticekitError(f"SOURCE_DATE_EPOCH: {epoch!r} is {moment.date().isoformat()}, not a date a notice can carry "
                             f"({FIRST_DATE.year} to {LAST_DATE.year}); unset it or fix it")
    return moment
