"""The exceptions the library raises; the CLI turns each into lines on stderr and an exit code."""

from __future__ import annotations


class NoticekitError(Exception):
    """Base class: a problem the user can fix. ``lines`` are what the user sees."""

    exit_code = 1

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


class ProfileError(NoticekitError):
    """A profile cannot be read or fails validation: every problem, one line each."""

    def __init__(self, *problems) -> None:
        super().__init__(*map(str, problems))
        self.problems = problems


class UnknownAuthorityError(NoticekitError):
    """An authority name names no profile, or is not a valid slug."""


class LayoutError(NoticekitError):
    """A layout is missing or broken (bad template, bad markup, missing value)."""


class RenderError(NoticekitError):
    """A backend could not turn the notice into a document (a refused fetch, a WeasyPrint warning)."""


class OutputError(NoticekitError):
    """An output file could not be written."""


class Interrupted(NoticekitError):
    """The user stopped a render (Ctrl-C): what was done is kept, the rest was not started."""

    exit_code = 130
