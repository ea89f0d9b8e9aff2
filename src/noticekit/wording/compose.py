"""(Authority, Layout) -> Notice: the one place where wording meets a council's data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping

from noticekit.errors import NoticekitError, ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.authority import Authority
from noticekit.profiles.logo import Image
from noticekit.profiles.profile import Profile
from noticekit.profiles.values import FIRST_DATE, LAST_DATE
from noticekit.wording.document import FIXED_DATE, Notice
from noticekit.wording.layouts import WORDING, Layout, fill_wording, wording_sources
from noticekit.wording.markup import parse_notice


def notice_for(authority: Authority, layout: Layout) -> Notice:
    """``authority``'s notice in ``layout``; refused, naming the keys, when the profile lacks any the layout needs."""
    missing = missing_keys(authority.profile, layout)
    if missing:
        raise ProfileError(Problem(
            display_path(authority.path), "",
            f"layout {layout.name!r} needs {', '.join(missing)}, which this profile lacks; add them, "
            "or choose another --layout",
        ))
    return compose(authority.profile, layout, authority.logo)


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


def compose(profile: Profile, layout: Layout, logo: Image | None = None, environ: Mapping[str, str] = os.environ) -> Notice:
    """The notice ``layout`` words for the council ``profile`` describes (with its checked ``logo``)."""
    markup = fill_wording(layout, {"council": profile})
    notice = parse_notice(markup, display_path(layout.folder / WORDING), wording_sources(layout))
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
