"""UK GDPR Article 13: what a privacy notice must tell people, item by item.

Each item names what its section must say (``evidence``, for messages), the patterns the
section's text must match, and the council's own values it must carry (its DPO's email, its
retention sentence, each partner...). A layout claims items in its layout.toml [coverage];
check.coverage proves the claims against the composed notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from noticekit.profiles.profile import Profile


def _none(profile: Profile) -> Iterable[str]:
    return ()


@dataclass(frozen=True)
class Item:
    key: str
    label: str  # how the table names it
    article: str  # where UK GDPR Article 13 asks for it
    evidence: str  # what the section must say, for a reader of an error
    patterns: tuple[str, ...]  # each must match the section's text (case-insensitive)
    values: Callable[[Profile], Iterable[str]] = _none  # the council's own values, each must appear

    def missing(self, text: str, profile: Profile) -> list[str]:
        """What of this item's evidence ``text`` lacks: pattern descriptions and profile values."""
        absent = [f"/{pattern}/" for pattern in self.patterns if not re.search(pattern, text, re.IGNORECASE)]
        return absent + [repr(value) for value in self.values(profile) if squash(value) not in text]


def _contact_email(name: str) -> Callable[[Profile], Iterable[str]]:
    def values(profile: Profile) -> Iterable[str]:
        contact = getattr(profile, name)
        return [contact.email] if contact and contact.email else []

    return values


ITEMS: tuple[Item, ...] = (
    Item("controller", "Controller's identity and contact", "13(1)(a)",
         "the council's name and a way to reach it", (r"website|email|write to|contact",), lambda p: [p.name]),
    Item("dpo", "Data Protection Officer's contact", "13(1)(b)",
         "'Data Protection Officer' and the officer's email", (r"Data Protection Officer",), _contact_email("dpo")),
    Item("purposes", "Purposes", "13(1)(c)",
         "what the information is used for", (r"\buse (this|the|your|it)\b|\bpurposes?\b",)),
    Item("lawful_basis", "Lawful basis", "13(1)(c)",
         "the Article 6 basis and the Article 9 condition the council relies on", (),
         lambda p: [f"Article 6(1)({p.lawful_basis.article_6_point})", f"Article 9(2)({p.lawful_basis.article_9_point})"]),
    Item("recipients", "Recipients", "13(1)(e)",
         "whom it is shared with: the Department for Education and each of the council's partners",
         (r"\b(share|send|pass on|give)", r"Department for Education"), lambda p: p.partners),
    Item("transfers", "Transfers outside the UK", "13(1)(f)",
         "whether it goes outside the UK", (r"outside the UK|abroad|overseas|other countries",)),
    Item("retention", "How long it is kept", "13(2)(a)",
         "how long it is kept, in the council's words", (r"\b(keep|kept|retain|retention)\b",),
         lambda p: [p.retention] if p.retention else []),
    Item("right_access", "Right of access", "13(2)(b)",
         "that people can get a copy of their information", (r"\bcopy\b|\baccess\b",)),
    Item("right_rectification", "Right to rectification", "13(2)(b)",
         "that wrong information can be corrected", (r"\bcorrect|\brectif",)),
    Item("right_erasure", "Right to erasure", "13(2)(b)",
         "that information can be deleted", (r"\bdelet|\beras",)),
    Item("right_restriction", "Right to restriction", "13(2)(b)",
         "that its use can be limited", (r"\blimit|\brestrict",)),
    Item("right_objection", "Right to object", "13(2)(b)",
         "that people can object", (r"\bobject",)),
    Item("complaint_ico", "Right to complain to the ICO", "13(2)(d)",
         "the Information Commissioner's Office, its web address and its phone number",
         (r"Information Commissioner", r"ico\.org\.uk", r"0303 123 1113")),
    Item("statutory", "Required by law, or a choice", "13(2)(e)",
         "whether giving the information is required by law or a choice, and what happens if it is not given",
         (r"\blaw\b|\blegal", r"requir|\bmust\b|have to", r"\bchoice|voluntary|optional|do not have to",
          r"if you do not|without it|not be able|harder")),
    Item("automated", "Automated decision-making", "13(2)(f)",
         "whether decisions are made by computer alone", (r"automated|computer",)),
)
BY_KEY = {item.key: item for item in ITEMS}


def squash(text: str) -> str:
    """``text`` with every run of whitespace as one space, and none at the ends."""
    return " ".join(text.split())
