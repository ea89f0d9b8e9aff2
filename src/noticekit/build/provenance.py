"""What an output is made from: digests of its profile, layout, fonts, code and library versions.

Two runs with equal provenance give byte-identical files, so a batch can skip an output whose
provenance has not changed since the manifest recorded it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from noticekit import __version__

# The library that draws each format, whose version changes its bytes.
BACKEND_PACKAGES = {"pdf": "weasyprint", "docx": "python-docx", "html": "markupsafe"}
# The whole noticekit package: every stage's code shapes the bytes.
PACKAGE = Path(__file__).resolve().parents[1]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder: Path) -> str:
    """One digest of every file below ``folder``: relative names and contents, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def code_digest() -> str:
    """noticekit's own version and source, so that a change to the code re-renders everything."""
    return f"{__version__}+{folder_digest(PACKAGE)[:16]}"


@dataclass(frozen=True)
class Provenance:
    """The inputs every output of a batch shares; ``of()`` adds one authority's profile."""

    layout: str
    fonts: str
    source_date_epoch: str

    @classmethod
    def of_batch(cls, layout_folder: Path, fonts_folder: Path, environ: Mapping[str, str], design_folder: Path | None = None,
                 extends_folder: Path | None = None) -> Provenance:
        """``design_folder``: the layout whose stylesheets it uses; ``extends_folder``: the shared
        layout whose wording it changes (a fix to that wording must render it again)."""
        layout = folder_digest(layout_folder) + "".join(f"+{folder_digest(folder)}" for folder in (design_folder, extends_folder) if folder)
        return cls(layout, folder_digest(fonts_folder), environ.get("SOURCE_DATE_EPOCH", ""))

    def of(self, fmt: str, profile_digest: str) -> dict[str, str]:
        """The inputs of one output in ``fmt`` from a profile whose bytes have ``profile_digest``."""
        inputs = {"profile": profile_digest, "layout": self.layout, "noticekit": code_digest()}
        if fmt == "pdf":
            inputs["fonts"] = self.fonts
        package = BACKEND_PACKAGES[fmt]
        inputs[package] = package_version(package)
        inputs["SOURCE_DATE_EPOCH"] = self.source_date_epoch
        return inputs


@functools.cache
def package_version(package: str) -> str:
    """An installed package's version (looked up once: each lookup scans the installed packages)."""
    return version(package)


def inputs_digest(inputs: Mapping[str, str]) -> str:
    return hashlib.sha256(json.dumps(dict(inputs), sort_keys=True).encode()).hexdigest()
