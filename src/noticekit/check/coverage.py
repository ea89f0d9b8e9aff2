"""Whether a notice's wording covers the UK GDPR Article 13 items (wording.articles) its layout claims.

A layout declares in its layout.toml which section (by heading) covers each item:

    [coverage]
    retention = "How long we keep it"

``prove`` checks every claim against the notice as rendered for one council: the section must
exist, and its text must carry the item's evidence: each of the item's patterns, and the
council's own values for it (its DPO's email, its retention sentence, each partner...). An item
the layout does not claim is reported as missing, never guessed from the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from noticekit.check.readability import Readability
from noticekit.profiles.profile import Profile
from noticekit.wording.articles import ITEMS, Item, squash
from noticekit.wording.document import Block, Heading, Notice, plain_text, run_groups
from noticekit.wording.layouts import Layout


@dataclass(frozen=True)
class Result:
    """One item for one rendered notice: claimed (section is not None) and proved, or not."""

    item: Item
    section: str | None
    found: bool = False  # the claimed section is in the wording
    missing: tuple[str, ...] = ()  # the evidence that section lacks

    @property
    def covered(self) -> bool:
        return self.found and not self.missing

    @property
    def unproved(self) -> bool:
        """Claimed by the layout, but not true of the rendered wording."""
        return self.section is not None and not self.covered


@dataclass(frozen=True)
class Coverage:
    """One authority's notice in one layout: each Article 13 item proved or not, and readability.
    ``not_rendered`` says why there is no notice (a key the layout needs, say) instead."""

    authority: str
    layout: Layout
    results: tuple[Result, ...] = ()
    readability: Readability | None = None
    not_rendered: str | None = None

    @property
    def covered(self) -> int:
        return sum(result.covered for result in self.results)

    def as_json(self) -> dict:
        return {
            "authority": self.authority,
            "layout": self.layout.name,
            "current": self.layout.current,
            "rendered": self.not_rendered is None,
            "not_rendered": self.not_rendered,
            "covered": self.covered if self.not_rendered is None else None,
            "items": [
                {"key": r.item.key, "label": r.item.label, "article": r.item.article, "section": r.section,
                 "covered": r.covered, "missing": list(r.missing) if r.found else (["the section"] if r.section else [])}
                for r in self.results
            ],
            "readability": self.readability.as_json() if self.readability else None,
        }



def prove(notice: Notice, profile: Profile, claims: Iterable[tuple[str, str]]) -> list[Result]:
    """Every Article 13 item, in order, with its claimed section and what that section lacks."""
    texts = sections(notice)
    claimed = dict(claims)
    results = []
    for item in ITEMS:
        heading = claimed.get(item.key)
        text = texts.get(squash(heading)) if heading else None
        if text is None:
            results.append(Result(item, heading))
        else:
            results.append(Result(item, heading, True, tuple(item.missing(text, profile))))
    return results


def sections(notice: Notice) -> dict[str, str]:
    """Each heading's text -> the text of its section: the heading and every block up to the next
    heading of the same or a higher level. Whitespace is squashed to single spaces."""
    blocks = notice.blocks
    found: dict[str, str] = {}
    for start, block in enumerate(blocks):
        if not isinstance(block, Heading):
            continue
        end = next((i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], Heading) and blocks[i].level <= block.level), len(blocks))
        found.setdefault(squash(plain_text(block.runs)), " ".join(_block_text(b) for b in blocks[start:end]))
    return found


def _block_text(block: Block) -> str:
    return " ".join(squash(plain_text(runs)) for runs in run_groups(block))

