"""(Profile, Layout) -> Notice: the one place where wording meets a council's data."""

from __future__ import annotations

from noticekit.document import Notice
from noticekit.layouts import WORDING, Layout, fill_wording
from noticekit.markup import parse_notice
from noticekit.problems import display_path
from noticekit.profile import Profile


def compose(profile: Profile, layout: Layout) -> Notice:
    """The notice ``layout`` words for the council ``profile`` describes."""
    markup = fill_wording(layout, {"council": profile})
    return parse_notice(markup, display_path(layout.folder / WORDING))
