"""(Profile, Layout) -> Notice: the one place where wording meets a council's data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping

from noticekit.document import FIXED_DATE, Image, Notice
from noticekit.errors import NoticekitError
from noticekit.layouts import WORDING, Layout, fill_wording
from noticekit.markup import parse_notice
from noticekit.problems import display_path
from noticekit.profile import Profile


def compose(profile: Profile, layout: Layout, logo: Image | None = None, environ: Mapping[str, str] = os.environ) -> Notice:
    """The notice ``layout`` words for the council ``profile`` describes (with its checked ``logo``)."""
    markup = fill_wording(layout, {"council": profile})
    notice = parse_notice(markup, display_path(layout.folder / WORDING))
    return dataclasses.replace(notice, date=document_date(profile, environ), logo=logo)


def document_date(profile: Profile, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The profile's ``reviewed`` date, else $SOURCE_DATE_EPOCH, else a constant: never today."""
    if profile.reviewed:
        return dt.datetime.combine(profile.reviewed, dt.time(), dt.timezone.utc)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return FIXED_DATE
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    except (ValueError, OverflowError):
        raise NoticekitError(f"SOURCE_DATE_EPOCH: {epoch!r} is not a number of seconds since 1970; unset it or fix it") from None
