"""Whether a layout's wording bears out its claims for one council: the proof of each UK GDPR
Article 13 and 14 item (wording.articles) against the notice as composed.

A layout declares in its layout.toml which section (by heading) covers each item:

    [coverage]
    retention = "How long we keep it"

``prove`` checks every claim: an item that does not apply to the council (consent items, when
no basis is consent) is "n/a", with the reason; otherwise the section must exist, and its text
(the heading and everything up to the next heading of the same or a higher level) must carry the
item's evidence. An item the layout does not claim is "no", never guessed from the text.
``unproved`` gives the one-line problems that stop a render and that `check` prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from noticekit.problems import Problem, display_path
from noticekit.profiles.authority import Authority
from noticekit.profiles.profile import Profile
from noticekit.wording.articles import ITEMS, Item, squash
from noticekit.wording.document import Block, Heading, Notice, plain_text, run_groups
from noticekit.wording.layouts import Layout


@dataclass(frozen=True)
class Result:
    """One item for one rendered notice: not applicable to the council, or claimed (section is not
    None) and proved, or not."""

    item: Item
    section: str | None
    found: bool = False  # the claimed section is in the wording
    missing: tuple[str, ...] = ()  # the evidence that section lacks
    not_applicable: str | None = None  # why the item does not apply to this council
    language: str = "en"  # the wording proved: "en", or "cy" (claimed in [coverage_cy])

    @property
    def applies(self) -> bool:
        return self.not_applicable is None

    @property
    def covered(self) -> bool:
        return self.applies and self.found and not self.missing

    @property
    def unproved(self) -> bool:
        """Claimed by the layout and applicable, but not true of the rendered wording."""
        return self.applies and self.section is not None and not self.covered

    @property
    def unclaimed(self) -> bool:
        """Applicable to the council, but not claimed by the layout."""
        return self.applies and self.section is None

    @property
    def cell(self) -> str:
        return "n/a" if not self.applies else "yes" if self.covered else "no"

    def as_json(self) -> dict:
        return {
            "key": self.item.key, "label": self.item.label, "article": self.item.article, "section": self.section,
            "applies": self.applies, "not_applicable": self.not_applicable, "covered": self.covered,
            "missing": list(self.missing) if self.found else (["the section"] if self.section and self.applies else []),
        }


def prove(notice: Notice, profile: Profile, claims: Iterable[tuple[str, str]], language: str = "en") -> list[Result]:
    """Every item, in order: not applicable to this council (and why), or its claimed section and
    what that section lacks. ``language`` is the wording's ("cy": proved by Welsh evidence)."""
    texts = sections(notice)
    claimed = dict(claims)
    results = []
    for item in ITEMS:
        heading = claimed.get(item.key)
        why_not = item.not_applicable(profile)
        text = texts.get(squash(heading)) if heading else None
        if why_not is not None:
            results.append(Result(item, heading, not_applicable=why_not, language=language))
        elif text is None:
            results.append(Result(item, heading, language=language))
        else:
            results.append(Result(item, heading, True, tuple(item.missing(text, profile, language)), language=language))
    return results


def prove_notice(notice: Notice, authority: Authority, layout: Layout, language: str = "en") -> list[Result]:
    """Every item for ``authority``'s notice in ``language`` ("en", "cy" or "bilingual"): each
    version's wording against its own claims and the council's values in its language; for a
    bilingual notice, each item as the weaker of its two versions proves it."""
    versions = [("cy", authority.welsh.profile), ("en", authority.profile)] if language == "bilingual" else \
        [(language, authority.welsh.profile if language == "cy" else authority.profile)]
    proofs = [prove(notice, profile, layout.claims(version), version) for version, profile in versions]
    return [next((result for result in group if result.unproved or result.unclaimed), group[-1]) for group in zip(*proofs)]


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


def unproved(results: Iterable[Result], layout: Layout, authority: str) -> Iterator[Problem]:
    """An error for each item the layout claims but the council's notice does not bear out, and,
    in a current layout, for each item that applies to the council but the layout does not claim."""
    shown = display_path(layout.folder / "layout.toml")
    for result in results:
        item = result.item
        table = "coverage_cy" if result.language == "cy" else "coverage"
        if result.unclaimed and layout.current:
            yield Problem(shown, f"{table}.{item.key}", f"claims no section for {item.label.lower()} (UK GDPR {item.article}), which "
                          f"applies to {authority}; add a section that says {item.evidence}, and claim it")
        if not result.unproved:
            continue
        if not result.found:
            message = f"no section is headed {result.section!r} in the wording"
        else:
            message = f"the section {result.section!r} does not say {item.evidence} (for {authority} it lacks {', '.join(result.missing)})"
        yield Problem(shown, f"{table}.{item.key}", f"{message}; fix the wording or the claim")
