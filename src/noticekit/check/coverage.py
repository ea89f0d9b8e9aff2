"""One council's notice in one layout, for `check`: each UK GDPR Article 13 and 14 item as the
layout's wording proves it for that council (wording.claims), and how easy it is to read."""

from __future__ import annotations

from dataclasses import dataclass

from noticekit.check.readability import Readability
from noticekit.wording.claims import Result
from noticekit.wording.layouts import Layout


@dataclass(frozen=True)
class Coverage:
    """One authority's notice in one layout: each Article 13 and 14 item proved, not, or not
    applicable, and readability. ``not_rendered`` says why there is no notice instead."""

    authority: str
    layout: Layout
    results: tuple[Result, ...] = ()
    readability: Readability | None = None
    not_rendered: str | None = None
    language: str = "en"  # "en", "cy" or "bilingual": the notice's language(s)

    @property
    def measured(self) -> bool:
        """Whether readability was measured: the Flesch formulas are English formulas, not for Welsh."""
        return self.language == "en"

    @property
    def covered(self) -> int:
        return sum(result.covered for result in self.results)

    @property
    def applicable(self) -> int:
        return sum(result.applies for result in self.results)

    def as_json(self) -> dict:
        return {
            "authority": self.authority,
            "layout": self.layout.name,
            "language": self.language,
            "current": self.layout.current,
            "rendered": self.not_rendered is None,
            "not_rendered": self.not_rendered,
            "covered": self.covered if self.not_rendered is None else None,
            "applicable": self.applicable if self.not_rendered is None else None,
            "items": [result.as_json() for result in self.results],
            "readability": self.readability.as_json() if self.readability else None,
            "readability_not_measured": None if self.measured else "the Flesch formulas measure English, not Welsh",
        }


