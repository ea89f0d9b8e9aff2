"""How easy a notice is to read: Flesch reading ease and Flesch-Kincaid grade (textstat).

Measured on the prose a family reads: every heading, paragraph and list item as its own
sentence (a list item has no full stop, and a formula would otherwise run a whole list into
one long sentence), without postal, web and email addresses, which are not prose.
The UK reading age is the US grade plus five.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from noticekit.wording.document import LineBreak, Notice, plain_text, run_groups

_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|\bwww\.\S+|\b\S+\.(gov|org|co)\.uk\S*", re.IGNORECASE)
_ENDS_SENTENCE = (".", "!", "?", ":")
# The UK reading age is the US school grade plus this many years.
GRADE_TO_AGE = 5


@dataclass(frozen=True)
class Readability:
    reading_ease: float  # Flesch: 0 (hard) to 100 (easy); 60-70 is plain English
    grade: float  # Flesch-Kincaid US school grade
    words: int
    sentences: int

    @property
    def reading_age(self) -> float:
        return self.grade + GRADE_TO_AGE

    def as_json(self) -> dict:
        return {
            "flesch_reading_ease": self.reading_ease,
            "flesch_kincaid_grade": self.grade,
            "reading_age": self.reading_age,
            "words": self.words,
            "sentences": self.sentences,
        }


def prose(notice: Notice) -> str:
    """The notice's body as sentences, one per line, without postal, web or email addresses."""
    lines = []
    for block in notice.blocks:
        for runs in run_groups(block):
            if any(isinstance(run, LineBreak) for run in runs):
                continue  # a postal address, line by line
            text = " ".join(_ADDRESS.sub(" ", plain_text(runs)).split()).rstrip(" ,;")
            if _is_label(text) or not any(character.isalpha() for character in text):
                continue  # "Email:" with its address removed
            lines.append(text if text.endswith(_ENDS_SENTENCE) else f"{text}.")
    return "\n".join(lines)


def _is_label(text: str) -> bool:
    return text.endswith(":") and len(text.split()) < 2


def measure(notice: Notice) -> Readability:
    """The notice's readability. textstat (and its pronouncing dictionary) load on first use."""
    import textstat

    text = prose(notice)
    return Readability(
        reading_ease=round(textstat.flesch_reading_ease(text), 1),
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
    )
