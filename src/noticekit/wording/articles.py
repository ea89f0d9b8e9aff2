"""UK GDPR Articles 13 and 14: what a privacy notice must tell people, item by item.

Most of this information comes from other agencies, not from the child, so Article 14 applies as
much as Article 13: the notice must also give the categories of information (14(1)(d)) and
where it comes from (14(2)(f)). Which items apply depends on the council's profile: a consent
basis brings the right to withdraw consent (13(2)(c)), consent or contract data portability
(Article 20), special category data an Article 9 condition with its Schedule 1 paragraphs, and
criminal offence data an Article 10 condition.

Each item names what its section must say (``evidence``, for messages), the patterns the
section's text must match (and, for honesty, any it must not), and the council's own values it
must carry: its sources, each partner and basis, its retention periods, its statements. A layout
claims items in its layout.toml [coverage] ([coverage_cy] for its Welsh wording); check.coverage
proves the claims against the notice. Welsh wording is proved by Welsh evidence (``cy``): the same
facts in the words the Welsh notice uses for them (the ICO's Welsh pages for the rights).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from noticekit.profiles.profile import Contact, Profile

Values = Callable[[Profile], Iterable[str]]
Patterns = Callable[[Profile], tuple[str, ...]]


def _none(profile: Profile) -> Iterable[str]:
    return ()


def _always(profile: Profile) -> str | None:
    return None


@dataclass(frozen=True)
class Item:
    key: str
    label: str  # how the table names it
    article: str  # where the UK GDPR asks for it
    evidence: str  # what the section must say, for a reader of an error
    patterns: tuple[str, ...] | Patterns  # each must match the section's text (case-insensitive)
    values: Values = _none  # the council's own values, each must appear
    not_applicable: Callable[[Profile], str | None] = _always  # why the item does not apply to this council, or None
    forbidden: Patterns = lambda profile: ()  # patterns the section must not match: what would overstate
    cy: Welsh | None = None  # the evidence in Welsh wording, where its words differ

    def applies(self, profile: Profile) -> bool:
        return self.not_applicable(profile) is None

    def missing(self, text: str, profile: Profile, language: str = "en") -> list[str]:
        """What of this item's evidence ``text`` (in ``language``, "en" or "cy") lacks, and anything it says that it must not."""
        welsh = self.cy if language == "cy" and self.cy else None
        patterns = welsh.patterns if welsh else self.patterns
        patterns = patterns(profile) if callable(patterns) else patterns
        forbidden = welsh.forbidden if welsh else self.forbidden
        values = welsh.values if welsh and welsh.values else self.values
        absent = [f"/{pattern}/" for pattern in patterns if not re.search(pattern, text, re.IGNORECASE)]
        wrong = [f"nothing like /{pattern}/" for pattern in forbidden(profile) if re.search(pattern, text, re.IGNORECASE)]
        return absent + [repr(value) for value in values(profile) if not _says(text, value)] + wrong


@dataclass(frozen=True)
class Welsh:
    """An item's evidence in a Welsh notice: its patterns, any it must not match, and the values
    it must carry where they are worded (None: the same values as in English)."""

    patterns: tuple[str, ...] | Patterns
    values: Values | None = None
    forbidden: Patterns = lambda profile: ()


def _says(text: str, value: str) -> bool:
    """Whether ``text`` holds ``value`` as written, not inside a longer word or number ('paragraph 1' is not in 'paragraph 18')."""
    return re.search(rf"(?<!\w){re.escape(squash(value))}(?!\w)", text) is not None


def _contact(contact: Contact | None) -> list[str]:
    """The details a reader would use to reach ``contact``: its organisation, email and phone."""
    return [value for value in (contact.organisation, contact.email, contact.phone) if value] if contact else []


def _by_law(profile: Profile) -> bool:
    """Whether a basis is a duty in law (6(1)(c) legal obligation, 6(1)(e) public task)."""
    return bool({"6c", "6e"} & profile.lawful_basis.points)


# What a section on whether people must give the information says, in each language: the law, a
# duty, a choice, what follows if it is not given; and what would overstate it for a council
# relying on consent alone (telling people the law makes them give it).
_MUST_GIVE = {
    "en": (r"\blaw\b|\blegal", r"\bmust\b|requir|have to", r"\bchoice\b|do not have to", r"if you do not|without it|not be able|harder",
           r"law (requires|says) (us|you)|you must (give|tell)"),
    "cy": (r"gyfraith|cyfraith|cyfreithiol", r"\brhaid\b|gofyn", r"\b(dewis|ddewis)\b", r"os na|heb |na fyddwn yn gallu",
           r"gyfraith yn (mynnu|dweud bod rhaid)|rhaid i chi (roi|ddweud)"),
}


def _statutory(language: str) -> tuple[Patterns, Patterns]:
    """(the patterns, the forbidden patterns) of the statutory item in ``language``."""
    law, duty, choice, consequence, overstated = _MUST_GIVE[language]

    def patterns(profile: Profile) -> tuple[str, ...]:
        return (law, duty, choice, consequence) if _by_law(profile) else (choice, consequence)

    def forbidden(profile: Profile) -> tuple[str, ...]:
        return () if _by_law(profile) else (overstated,)

    return patterns, forbidden


_STATUTORY = {language: _statutory(language) for language in _MUST_GIVE}


def _recipients(profile: Profile) -> tuple[str, ...]:
    """Sharing, and the government the yearly returns go to: the DfE in England, the Welsh Government in Wales."""
    return (r"\b(share|send|pass on|give)", r"Welsh Government" if profile.jurisdiction == "wales" else r"Department for Education")


def _articles(word: str, provisions: Callable[[Profile], Iterable[str]]) -> Values:
    return lambda profile: [f"{word} {provision}" for provision in provisions(profile)]


def _article_6(profile: Profile) -> list[str]:
    return [basis.provision for basis in profile.lawful_basis.article_6]


def _article_9_provisions(profile: Profile) -> list[str]:
    return [condition.provision for condition in profile.lawful_basis.article_9]


def _welsh_paragraph(number: int) -> str:
    return rf"\bparagraff(au)?\b[\d ,a]*?\b{number}\b"


def _article_9_welsh(profile: Profile) -> tuple[str, ...]:
    numbers = dict.fromkeys(number for condition in profile.lawful_basis.article_9 for number in condition.schedule_1)
    return (r"Atodlen 1", *map(_welsh_paragraph, numbers))


def _article_10_welsh(profile: Profile) -> tuple[str, ...]:
    condition = profile.lawful_basis.article_10
    return (r"Atodlen 1", r"trosedd|droseddau", *map(_welsh_paragraph, condition.schedule_1 if condition else ()))


def _unless_consent(profile: Profile) -> str | None:
    if {"6a", "9a"} & profile.lawful_basis.points:
        return None
    return "no basis is consent (Article 6(1)(a) or 9(2)(a))"


def _unless_consent_or_contract(profile: Profile) -> str | None:
    if {"6a", "6b"} & profile.lawful_basis.points:
        return None
    return "no Article 6 basis is consent or a contract (6(1)(a) or (b)), the bases data portability applies to (Article 20)"


def _unless_special(profile: Profile) -> str | None:
    return None if profile.information.special_category else "information.special_category = false: no special category data"


def _unless_criminal(profile: Profile) -> str | None:
    return None if profile.information.criminal_offence else "information.criminal_offence = false: no criminal offence data"


def _paragraph(number: int) -> str:
    """A pattern for Schedule 1 paragraph ``number``, as 'paragraph 6' or in 'paragraphs 6 and 18'."""
    return rf"\bparagraphs?\b[\d ,and]*?\b{number}\b"


def _article_9(profile: Profile) -> tuple[str, ...]:
    numbers = dict.fromkeys(number for condition in profile.lawful_basis.article_9 for number in condition.schedule_1)
    return (r"Schedule 1", *map(_paragraph, numbers))


def _article_10(profile: Profile) -> tuple[str, ...]:
    condition = profile.lawful_basis.article_10
    return (r"Schedule 1", r"offen[cs]", *map(_paragraph, condition.schedule_1 if condition else ()))


def _retention(profile: Profile) -> list[str]:
    retention = profile.retention
    if retention is None:
        return []
    values = [value for period in retention.periods for value in (period.records, period.period, period.start) if value]
    values += [retention.schedule] if retention.schedule else []
    return values or [retention.summary]  # the summary is the evidence only when the council gives nothing more specific


def _statement(name: str, topic: str, default: str) -> Patterns:  # (also for Welsh: the same shape)
    """The topic, and the plain 'we do not' the layout says when the council gives no statement of its own."""
    def patterns(profile: Profile) -> tuple[str, ...]:
        section = getattr(profile, name)
        return (topic,) if section is not None and section.statement else (topic, default)

    return patterns


def _statement_value(name: str) -> Values:
    def values(profile: Profile) -> list[str]:
        section = getattr(profile, name)
        return [section.statement] if section is not None and section.statement else []

    return values


ITEMS: tuple[Item, ...] = (
    Item("controller", "Controller's identity and contact", "13(1)(a)",
         "the council's name and a way to reach it", (r"website|email|write to|contact",), lambda p: [p.name],
         cy=Welsh((r"gwefan|e-bost|ysgrifennu|cysylltu",))),
    Item("dpo", "Data Protection Officer's contact", "13(1)(b)",
         "'Data Protection Officer' and how to reach them", (r"Data Protection Officer",), lambda p: _contact(p.dpo),
         cy=Welsh((r"Swyddog Diogelu Data",))),
    Item("purposes", "Purposes", "13(1)(c)",
         "what the information is used for", (r"\buse (this|the|your|it)\b|\bpurposes?\b",),
         cy=Welsh((r"\bdefnyddio\b|\bdiben",))),
    Item("lawful_basis", "Lawful basis (Article 6)", "13(1)(c)",
         "each Article 6 basis the council relies on", (), _articles("Article", _article_6),
         cy=Welsh((), _articles("Erthygl", _article_6))),
    Item("special_category", "Special category condition", "9(2), DPA Sch 1",
         "each Article 9 condition with its Schedule 1 paragraphs", _article_9,
         _articles("Article", _article_9_provisions), _unless_special,
         cy=Welsh(_article_9_welsh, _articles("Erthygl", _article_9_provisions))),
    Item("criminal_offence", "Criminal offence condition", "10, DPA Sch 1",
         "the Article 10 condition with its Schedule 1 paragraphs", _article_10, lambda p: ["Article 10"], _unless_criminal,
         cy=Welsh(_article_10_welsh, lambda p: ["Erthygl 10"])),
    Item("categories", "Categories of information", "14(1)(d)",
         "the kinds of information held, and the council's own additions",
         (r"name", r"date of birth|birthday", r"health"), lambda p: p.information.categories,
         cy=Welsh((r"\benw\b", r"dyddiad geni|[pb]en-blwydd", r"iechyd"))),
    Item("sources", "Where it comes from", "14(2)(f)",
         "each of the council's sources", (), lambda p: p.information.sources),
    Item("recipients", "Recipients", "13(1)(e)",
         "whom it is shared with: the Department for Education (in Wales, the Welsh Government) and each of the council's partners",
         _recipients, lambda p: [partner.name for partner in p.partners],
         cy=Welsh((r"\brhannu|\banfon|\brhoi", r"Llywodraeth Cymru"))),
    Item("transfers", "Transfers outside the UK", "13(1)(f)",
         "the council's statement on sending information outside the UK",
         _statement("transfers", r"outside the UK|abroad", r"\bnot\b.*outside the UK"), _statement_value("transfers"),
         cy=Welsh(_statement("transfers", r"y tu allan i'r DU|dramor", r"\b(nid|ni)\b.*y tu allan i'r DU"))),
    Item("retention", "How long it is kept", "13(2)(a)",
         "how long it is kept: the council's periods, schedule or sentence", (r"\b(keep|kept|retain|retention)\b",), _retention,
         cy=Welsh((r"\b(cadw|cedwir|chadw|gadw)\b",))),
    Item("right_access", "Right of access", "13(2)(b), 15",
         "that people can get a copy of their information, and where to ask",
         (r"\bcopy\b",), lambda p: [p.access_email] if p.access_email else [], cy=Welsh((r"\b(copi|gopi)\b",))),
    Item("right_rectification", "Right to rectification", "13(2)(b)",
         "that wrong information can be corrected", (r"\bcorrect|\brectif",), cy=Welsh((r"\b(cywiro|gywiro|chywiro|cywiriad)",))),
    Item("right_erasure", "Right to erasure", "13(2)(b)",
         "that information can be deleted, in some cases", (r"\bdelet|\beras",), cy=Welsh((r"\b(dileu|ddileu)",))),
    Item("right_restriction", "Right to restriction", "13(2)(b)",
         "that its use can be limited", (r"\blimit|\brestrict",), cy=Welsh((r"\b(cyfyngu|gyfyngu)",))),
    Item("right_objection", "Right to object", "13(2)(b), 21",
         "that people can object, and that the council may sometimes carry on", (r"\bobject", r"unless|strong|compelling"),
         cy=Welsh((r"\b(gwrthwynebu|wrthwynebu)", r"oni bai|cryf"))),
    Item("right_portability", "Right to data portability", "13(2)(b), 20",
         "that information given with consent or under a contract can be moved to another organisation",
         (r"portab|another organisation|move",), not_applicable=_unless_consent_or_contract,
         cy=Welsh((r"sefydliad arall|symud|cludadwy",))),
    Item("withdraw_consent", "Right to withdraw consent", "13(2)(c)",
         "that consent can be withdrawn at any time", (r"withdraw", r"consent", r"any time"), not_applicable=_unless_consent,
         cy=Welsh((r"\b(tynnu|dynnu)\b", r"\b[cg]ydsyniad", r"unrhyw adeg|unrhyw bryd"))),
    Item("complaint_ico", "Right to complain to the ICO", "13(2)(d)",
         "the Information Commissioner's Office, its web address and its phone number",
         (r"Information Commissioner", r"ico\.org\.uk", r"0303 123 1113"),
         cy=Welsh((r"Comisiynydd Gwybodaeth", r"ico\.org\.uk", r"0303 123 1113"))),
    Item("statutory", "Must people give it?", "13(2)(e)",
         "whether giving the information is required by law or a choice, and what happens if it is not given",
         _STATUTORY["en"][0], forbidden=_STATUTORY["en"][1], cy=Welsh(_STATUTORY["cy"][0], forbidden=_STATUTORY["cy"][1])),
    Item("automated", "Automated decision-making", "13(2)(f)",
         "the council's statement on decisions made by computer alone",
         _statement("automated_decisions", r"computer|automated", r"\b(not|never|no)\b.*\b(computer|automated)"),
         _statement_value("automated_decisions"),
         cy=Welsh(_statement("automated_decisions", r"cyfrifiadur|awtomat", r"\b(nid|ni|byth|dim)\b.*\b(cyfrifiadur|awtomat)"))),
)
BY_KEY = {item.key: item for item in ITEMS}


def squash(text: str) -> str:
    """``text`` with every run of whitespace as one space, and none at the ends."""
    return " ".join(text.split())
