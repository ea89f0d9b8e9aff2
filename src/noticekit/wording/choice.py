"""Which layout each council's notice uses: --layout for every council, else the profile's own
`layout`, else the current notice. Each layout is loaded once per run."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from noticekit.errors import LayoutError, ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.authority import Authority
from noticekit.wording.layouts import DEFAULT_LAYOUT, Layout, load_layout


class LayoutChoice:
    """``chosen`` is the --layout name (None: each profile's own); ``variants`` are checked to have
    a design in every layout chosen (a layout without a large-print design fails for that variant)."""

    def __init__(self, layouts: Path, chosen: str | None = None, variants: Iterable = ()) -> None:
        self.layouts, self.chosen, self.variants = layouts, chosen, tuple(variants)
        self._loaded: dict[str, Layout] = {}
        if chosen is not None:
            self._load(chosen)  # a wrong --layout fails before anything else

    def layout_for(self, authority: Authority) -> Layout:
        name = self.chosen or authority.profile.layout or DEFAULT_LAYOUT
        try:
            return self._load(name)
        except LayoutError as error:
            if self.chosen is None and authority.profile.layout and error.lines[0].startswith("unknown layout "):
                reason = error.lines[0].removeprefix("unknown layout ")
                raise ProfileError(Problem(display_path(authority.path), "layout", f"unknown layout {reason}; fix the name, or remove the key "
                                           f"to use {DEFAULT_LAYOUT!r}")) from None
            raise

    def named(self, name: str) -> Layout:
        """The layout ``name`` (loaded once), as the choice would give it to a profile that names it."""
        return self._load(name)

    def loaded(self, name: str) -> Layout:
        """A layout this choice has already loaded."""
        return self._loaded[name]

    def _load(self, name: str) -> Layout:
        if name not in self._loaded:
            layout = load_layout(self.layouts, name)
            for variant in self.variants:
                layout.stylesheets(variant)
            self._loaded[name] = layout
        return self._loaded[name]
