"""A council's Word template (`docx_template`): a .docx beside its profile, whose styles, page
set-up, header and footer the Word file takes, as pandoc takes a reference document. Judged here,
before the DOCX backend sees it: a Word document python-docx can open, never macro-enabled."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from noticekit.errors import ProfileError
from noticekit.problems import Problem, display_path
from noticekit.profiles.logo import Unfit, beside
from noticekit.profiles.profile import Profile
from noticekit.workspace import Unreadable, read_regular

MAX_BYTES = 10_000_000
DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def load_word_template(profile: Profile, profile_path: Path) -> bytes | None:
    """The template's bytes, or None; a ProfileError on docx_template when it is unfit."""
    if profile.docx_template is None:
        return None
    name = profile.docx_template
    try:
        data = read_regular(beside(profile_path.parent, name, "Word template"), MAX_BYTES)
        _a_word_document(data)
    except (Unfit, Unreadable) as error:
        reason = error.reason if isinstance(error, Unreadable) else str(error)
        raise ProfileError(Problem(display_path(profile_path), "docx_template", f"{name!r} {reason}")) from None
    except OSError as error:
        raise ProfileError(Problem(display_path(profile_path), "docx_template", f"{name!r} cannot be read ({error.strerror or error})")) from None
    return data


def _a_word_document(data: bytes) -> None:
    """A .docx: a zip holding a Word document's main part, with no macros; one python-docx opens."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise Unfit("is not a Word document; save the template as a .docx file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace") if "[Content_Types].xml" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError):
        raise Unfit("is not a Word document (a damaged zip); save the template as a .docx file again") from None
    if "macroEnabled" in types or any(name.endswith("vbaProject.bin") for name in names):
        raise Unfit("holds macros (a .docm); save the template as a plain Word document (.docx), without macros")
    if DOCUMENT not in types or "word/document.xml" not in names:
        raise Unfit("is not a Word document (a .dotx template or another kind of file); open it in Word and save it as a .docx")
    import docx

    try:
        docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a file it cannot open
        raise Unfit(f"cannot be opened as a Word document ({str(error)[:60]}); save it as a .docx again") from None
