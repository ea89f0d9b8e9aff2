"""The shape of every message a user reads: one line, naming the file and the key, with the fix."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One finding about one file: shown as 'file: key: message' (or 'file: message')."""

    file: str
    key: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return ": ".join(part for part in (self.file, self.key, label + self.message) if part)


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def did_you_mean(word: str, known: list[str]) -> str:
    """"; did you mean 'x'?" when a known word is close, else ""."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


LINE_LIMIT = 600  # characters of one message line; a value pasted whole (megabytes) is cut
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str, limit: int = LINE_LIMIT) -> str:
    """``text`` as one safe line for a terminal: control characters shown escaped (a newline or a
    terminal escape in a profile key can neither forge a second line nor reach the terminal), and
    cut to ``limit`` characters."""
    text = _UNPRINTABLE.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text) - limit:,} characters cut)"


def internal_error(error: BaseException) -> str:
    """What a user sees of a bug: one line, and how to report it."""
    return f"noticekit: internal error ({type(error).__name__}: {error}); please report it with the command you ran"
