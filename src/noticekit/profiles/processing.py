"""The council's record of this processing: whose information, what and from where, the lawful
bases it relies on, whom it shares with and why, how long it keeps it, and its own statements on
transfers abroad and automated decisions.

Each lawful basis names its provision; a UK GDPR Article 9 condition and an Article 10 condition
name the paragraphs of the Data Protection Act 2018, Schedule 1, they rely on (section 10 of the
Act: 9(2)(b), (h), (i) and (j) need a condition in Part 1, 9(2)(g) one in Part 2, and Article 10
one in Part 1, 2 or 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictBool, field_validator, model_validator

from noticekit.profiles.values import Line, Model, Sentence, WebAddress, web_href

# DPA 2018 Schedule 1: the Part each condition paragraph is in, and the headings of those a
# children's social care notice relies on (paragraph 5 and Part 4 are requirements, not conditions).
SCHEDULE_1_PARTS = {**dict.fromkeys(range(1, 5), 1), **dict.fromkeys(range(6, 29), 2), **dict.fromkeys(range(29, 38), 3)}
SCHEDULE_1_HEADINGS = {
    1: "employment, social security and social protection", 2: "health or social care purposes", 3: "public health",
    4: "research", 6: "statutory and government purposes", 7: "administration of justice", 8: "equality of opportunity or treatment",
    10: "preventing or detecting unlawful acts", 16: "support for individuals with a particular disability or medical condition",
    17: "counselling", 18: "safeguarding of children and of individuals at risk", 29: "consent",
    30: "protecting an individual's vital interests", 33: "legal claims", 34: "judicial acts",
    36: "extension of the conditions in Part 2 to criminal offence data",
}
# Article 9(2) points whose condition must be met in a Part of Schedule 1 (DPA 2018 section 10).
ARTICLE_9_NEEDS_PART = {"b": 1, "h": 1, "i": 1, "j": 1, "g": 2}

DEFAULT_ABOUT = ("children in need and children looked after", "their parents and carers", "other members of their family")
DEFAULT_SOURCES = (
    "you and your family", "schools, colleges and early years settings", "doctors, hospitals, health visitors and other health services",
    "the police", "the courts", "other councils", "probation and youth justice services", "housing providers",
)
DEFAULT_STATUTES = (
    "the Children Act 1989 (sections 17, 20, 22, 31, 47 and 83)", "the Children Act 2004", "the Children and Social Work Act 2017",
    "the Education Act 1996", "the Education (Information About Individual Pupils) (England) Regulations 2013",
)


@dataclass(frozen=True)
class Paragraph:
    """A condition paragraph of the Data Protection Act 2018, Schedule 1: its number, Part and heading."""

    number: int
    part: int
    heading: str | None


def paragraphs(numbers: tuple[int, ...]) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(number, SCHEDULE_1_PARTS[number], SCHEDULE_1_HEADINGS.get(number)) for number in numbers)


def _provision(article: str, paragraph: str, points: str):
    """A validator of a provision written as '6(1)(e)' (or 'Article 6(1)(e)'); returns '6(1)(e)'."""
    pattern = re.compile(rf"^(?:Article\s*)?{article}\({paragraph}\)\(([a-z])\)$")

    def validate(value: str) -> str:
        found = pattern.match(value.strip())
        if not found or found[1] not in points:
            raise ValueError(f"{value!r} is not a provision of Article {article}({paragraph}); write it as "
                             f"'{article}({paragraph})({points[0]})' to '{article}({paragraph})({points[-1]})'")
        if article == "6" and found[1] == "f":
            raise ValueError("6(1)(f), legitimate interests, is not open to a council for its public tasks (UK GDPR Article 6(1), "
                             "last paragraph); use 6(1)(e), public task")
        return f"{article}({paragraph})({found[1]})"

    return validate


Article6Provision = Annotated[Line, Field(json_schema_extra={"pattern": r"^(Article )?6\(1\)\([a-f]\)$"})]
Article9Provision = Annotated[Line, Field(json_schema_extra={"pattern": r"^(Article )?9\(2\)\([a-j]\)$"})]
Paragraphs = Annotated[tuple[int, ...], Field(min_length=1, max_length=20)]


def _in_schedule_1(paragraphs: tuple[int, ...], parts: tuple[int, ...], why: str) -> tuple[int, ...]:
    wrong = [number for number in paragraphs if SCHEDULE_1_PARTS.get(number) not in parts]
    if wrong:
        names = f"Part {parts[0]}" if len(parts) == 1 else f"Part {', '.join(map(str, parts[:-1]))} or {parts[-1]}"
        raise ValueError(f"paragraph {wrong[0]} is not a condition in {names} of Schedule 1 to the Data Protection Act 2018, "
                         f"which {why}")
    return paragraphs


class Article6(Model):
    """One Article 6 lawful basis and the duty or task it serves."""

    provision: Article6Provision = Field(description="The provision of UK GDPR Article 6(1): '6(1)(a)' to '6(1)(e)'", examples=["6(1)(e)"])
    duty: Sentence = Field(description="The duty or task it serves, in plain words",
                           examples=["to carry out our duties to support and protect children, under the laws listed below"])

    @field_validator("provision")
    @classmethod
    def _a_provision(cls, value: str) -> str:
        return _provision("6", "1", "abcdef")(value)

    @property
    def point(self) -> str:
        return self.provision[-2]


class Article9(Model):
    """One Article 9 condition for special category data, with its Schedule 1 paragraphs."""

    provision: Article9Provision = Field(description="The provision of UK GDPR Article 9(2): '9(2)(a)' to '9(2)(j)'", examples=["9(2)(g)"])
    schedule_1: tuple[int, ...] = Field((), max_length=20, description="The paragraphs of the Data Protection Act 2018, Schedule 1, that the condition "
                                        "relies on (needed for 9(2)(b), (g), (h), (i) and (j))", examples=[[6, 18]])

    @field_validator("provision")
    @classmethod
    def _a_provision(cls, value: str) -> str:
        return _provision("9", "2", "abcdefghij")(value)

    @property
    def point(self) -> str:
        return self.provision[-2]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return paragraphs(self.schedule_1)

    @model_validator(mode="after")
    def _schedule_1_as_the_act_asks(self) -> Article9:
        part = ARTICLE_9_NEEDS_PART.get(self.point)
        if part is None and self.schedule_1:
            raise ValueError(f"schedule_1: {self.provision} needs no Schedule 1 condition; remove schedule_1")
        if part is not None and not self.schedule_1:
            raise ValueError(f"schedule_1: {self.provision} must name the paragraph(s) of Part {part} of Schedule 1 to the Data "
                             f"Protection Act 2018 it relies on (section 10 of the Act), e.g. schedule_1 = [{6 if part == 2 else 2}]")
        if part is not None:
            try:
                _in_schedule_1(self.schedule_1, (part,), f"section 10 of the Act requires for {self.provision}")
            except ValueError as error:
                raise ValueError(f"schedule_1: {error}") from None
        return self


class Article10(Model):
    """The condition for criminal offence data (UK GDPR Article 10): Schedule 1 paragraphs."""

    schedule_1: Paragraphs = Field(description="The paragraphs of the Data Protection Act 2018, Schedule 1 (Part 1, 2 or 3), that "
                                   "allow the council to use information about offences", examples=[[6, 18]])

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return paragraphs(self.schedule_1)

    @field_validator("schedule_1")
    @classmethod
    def _any_part(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        return _in_schedule_1(value, (1, 2, 3), "section 10(5) of the Act requires for Article 10")


def _one_or_more(value: Any) -> Any:
    """A single [section] where a list of them is expected is read as a list of one."""
    return [value] if isinstance(value, dict) else value


def _not_old_text(key: str, example: str):
    def refuse(value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError(f"is now a list of bases, each a [[lawful_basis.{key}]] section, e.g. {example}; see the README")
        return value

    return refuse


class LawfulBasis(Model):
    """The UK GDPR bases and conditions the council relies on, and the laws behind them."""

    article_6: Annotated[tuple[Article6, ...], BeforeValidator(_not_old_text("article_6", 'provision = "6(1)(e)" and duty = "..."')),
                         BeforeValidator(_one_or_more), Field(min_length=1, max_length=10)] = Field((
        Article6(provision="6(1)(e)", duty="to carry out our duties to support and protect children, under the laws listed below"),
        Article6(provision="6(1)(c)", duty="to meet our legal duty to send information to the Department for Education, "
                                           "under section 83 of the Children Act 1989"),
    ), description="Each Article 6 basis relied on, with the duty it serves")
    article_9: Annotated[tuple[Article9, ...], BeforeValidator(_not_old_text("article_9", 'provision = "9(2)(g)" and schedule_1 = [6]')),
                         BeforeValidator(_one_or_more), Field(max_length=20)] = Field((
        Article9(provision="9(2)(g)", schedule_1=(6, 18)),
        Article9(provision="9(2)(h)", schedule_1=(2,)),
    ), description="Each Article 9 condition for special category data (health, ethnicity...), with its Schedule 1 paragraphs")
    article_10: Article10 | None = Field(Article10(schedule_1=(6, 18)), description="The condition for criminal offence data")
    statutes: tuple[Line, ...] = Field(DEFAULT_STATUTES, max_length=30, description="The laws that give the council its duties", examples=[list(DEFAULT_STATUTES[:2])])

    @property
    def article_9_paragraphs(self) -> tuple[int, ...]:
        """Every Schedule 1 paragraph the Article 9 conditions rely on, once each, in order."""
        return tuple(sorted({number for condition in self.article_9 for number in condition.schedule_1}))

    @property
    def points(self) -> set[str]:
        """Every Article 6(1) and 9(2) letter relied on, as '6a' ... '9j'."""
        return {f"6{basis.point}" for basis in self.article_6} | {f"9{condition.point}" for condition in self.article_9}


def _partner_from_text(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class Partner(Model):
    """An organisation the council shares information with, and why."""

    name: Line = Field(description="Whom the council shares with", examples=["the NHS"])
    why: Sentence | None = Field(None, description="Why it shares with them, in plain words",
                                 examples=["to keep children safe and healthy, through the NHS's Child Protection Information Sharing service"])


PartnerItem = Annotated[Partner, BeforeValidator(_partner_from_text)]


def or_text(schema: dict) -> None:
    """JSON Schema: a table that may also be written as one line of text (the plain forms kept working)."""
    target = schema["items"] if "items" in schema else schema
    target["anyOf"] = [{"type": "string", "minLength": 1}, {"$ref": target.pop("$ref")}]


class Period(Model):
    """How long one kind of record is kept, and from when."""

    records: Line = Field(description="The kind of record", examples=["Child protection records"])
    period: Line = Field(description="How long it is kept", examples=["35 years"])
    start: Line | None = Field(None, alias="from", description="From when the period counts", examples=["the date the case is closed"])


class Retention(Model):
    """How long the council keeps the information: periods by record type, its schedule, or a sentence."""

    periods: tuple[Period, ...] = Field((), max_length=50, description="Each kind of record, how long it is kept and from when")
    schedule: WebAddress | None = Field(None, description="The web address of the council's retention schedule",
                                        examples=["https://www.exampleshire.gov.uk/retention"])
    summary: Sentence | None = Field(None, description="A sentence on how long the council keeps the information",
                                     examples=["We keep records only as long as the law requires."])

    @model_validator(mode="after")
    def _says_something(self) -> Retention:
        if not (self.periods or self.schedule or self.summary):
            raise ValueError("give the periods ([[retention.periods]]), the schedule's web address (schedule), or a summary")
        return self

    @property
    def schedule_href(self) -> str | None:
        return web_href(self.schedule) if self.schedule else None


def _retention_from_text(value: Any) -> Any:
    """A plain sentence (the form before periods) is kept as the summary."""
    return {"summary": value} if isinstance(value, str) else value


RetentionValue = Annotated[Retention, BeforeValidator(_retention_from_text)]


class Information(Model):
    """Whose information the council holds, what it holds beyond the shared list, and where it comes from."""

    about: tuple[Line, ...] = Field(DEFAULT_ABOUT, min_length=1, max_length=20, description="Whose information the notice is about")
    categories: tuple[Line, ...] = Field((), max_length=50, description="Kinds of information the council holds beyond the shared list",
                                         examples=[["foster carers' and adopters' assessments"]])
    sources: tuple[Line, ...] = Field(DEFAULT_SOURCES, min_length=1, max_length=50, description="Where the information comes from (UK GDPR Article 14(2)(f))")
    special_category: StrictBool = Field(True, description="Whether it includes special category data: health, ethnicity, religion, sexuality")
    criminal_offence: StrictBool = Field(True, description="Whether it includes information about offences (UK GDPR Article 10)")


def _explained(done: bool, statement: str | None, what: str) -> None:
    """A fact the council must explain in its own words when it is so (the layout says plainly 'we do not' otherwise)."""
    if done and not statement:
        raise ValueError(f"statement: say in the council's own words {what}")


class Transfers(Model):
    outside_uk: StrictBool = Field(description="Whether any of the information is sent outside the UK")
    statement: Sentence | None = Field(None, description="The council's own words on transfers abroad (needed when outside_uk = true)",
                                       examples=["We do not send your information outside the UK."])

    @model_validator(mode="after")
    def _explained(self) -> Transfers:
        _explained(self.outside_uk, self.statement, "where information goes outside the UK and how it stays protected (UK GDPR Article 13(1)(f))")
        return self


class AutomatedDecisions(Model):
    used: StrictBool = Field(description="Whether any decision about a person is made by computer alone")
    statement: Sentence | None = Field(None, description="The council's own words on automated decisions (needed when used = true)",
                                       examples=["A person always makes decisions about you, never a computer alone."])

    @model_validator(mode="after")
    def _explained(self) -> AutomatedDecisions:
        _explained(self.used, self.statement, "which decisions are automated, how, and what they mean for people (UK GDPR Article 13(2)(f))")
        return self
