"""out/manifest.json: for every output, what it is (SHA-256) and what it was made from.

Written atomically after every authority, so an interrupted batch leaves a manifest that is
true of the files it lists; an entry whose file is missing or differs is simply rendered again.
A manifest is read only as an ordinary file of a bounded size, never through a link; a damaged
or planted one is set aside with one warning line, and its bad entries and the entries of files
that are gone are dropped, so no planted file breaks a later render.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from noticekit.build.files import write_atomic
from noticekit.build.provenance import inputs_digest
from noticekit.problems import display_path
from noticekit.workspace import Unreadable, read_regular

NAME = "manifest.json"
VERSION = 1
LIMIT = 16_000_000  # bytes: about 20,000 outputs
OUTPUT_LIMIT = 200_000_000  # bytes: no notice is larger
# An output's key: "<authority>/<file>", nothing that could lead out of the folder.
KEY = re.compile(r"[a-z0-9][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9.-]*")


@dataclass(frozen=True)
class Entry:
    authority: str
    layout: str
    format: str
    sha256: str
    inputs_sha256: str
    inputs: dict[str, str]
    variant: str = "standard"


class Manifest:
    def __init__(self, out: Path, entries: dict[str, Entry], warnings: list[str] | None = None) -> None:
        self.out = out
        self.entries = entries
        self.warnings = warnings or []  # lines for the user: a manifest set aside, entries dropped

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest in ``out``: absent, it is empty (everything renders); damaged or planted,
        it is empty too, with a warning, and is replaced at the next save."""
        shown = display_path(out / NAME)
        replaced = "it is replaced, and every output is rendered again"
        try:
            data = read_regular(out / NAME, LIMIT, follow=False)
        except FileNotFoundError:
            return cls(out, {})
        except Unreadable as error:
            return cls(out, {}, [f"warning: {shown}: {error.reason}; {replaced}"])
        except OSError as error:
            return cls(out, {}, [f"warning: {shown}: cannot be read ({error.strerror or error}); {replaced}"])
        try:
            outputs = json.loads(data.decode("utf-8"))["outputs"]
            if not isinstance(outputs, dict):
                raise ValueError("outputs")
        except (RecursionError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            return cls(out, {}, [f"warning: {shown}: is damaged (not a manifest noticekit wrote); {replaced}"])
        return cls._from(out, outputs, shown)

    @classmethod
    def _from(cls, out: Path, outputs: dict, shown: str) -> Manifest:
        """The good entries whose files are still there; one warning counting the bad ones."""
        entries, bad = {}, 0
        for key, value in outputs.items():
            entry = _entry(key, value)
            if entry is None:
                bad += 1
            elif (out / key).is_file():
                entries[key] = entry
        warnings = [f"warning: {shown}: {bad} damaged {'entry' if bad == 1 else 'entries'} dropped; their outputs are rendered again"] if bad else []
        return cls(out, entries, warnings)

    def is_current(self, key: str, inputs: dict[str, str]) -> bool:
        """Whether the file ``key`` exists, is what the manifest recorded, and was made from ``inputs``."""
        entry = self.entries.get(key)
        return entry is not None and entry.inputs_sha256 == inputs_digest(inputs) and _digest(self.out / key) == entry.sha256

    def record(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry

    def forget(self, keys: list[str]) -> bool:
        """Drop entries (before their files are replaced); whether any was there."""
        return bool([self.entries.pop(key) for key in keys if key in self.entries])

    def save(self) -> None:
        outputs = {key: asdict(self.entries[key]) for key in sorted(self.entries)}
        text = json.dumps({"manifest_version": VERSION, "outputs": outputs}, indent=2, ensure_ascii=False)
        write_atomic(self.out / NAME, (text + "\n").encode("utf-8"))


def _entry(key: object, value: object) -> Entry | None:
    """The entry ``value`` describes for ``key``, or None when either is not what noticekit writes."""
    if not isinstance(key, str) or not KEY.fullmatch(key) or not isinstance(value, dict):
        return None
    names = {item.name for item in fields(Entry)}
    if set(value) - names or not all(isinstance(value.get(name), str) for name in names - {"inputs", "variant"}):
        return None
    inputs = value.get("inputs")
    if not isinstance(inputs, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in inputs.items()):
        return None
    return Entry(**value) if isinstance(value.get("variant", "standard"), str) else None


def _digest(path: Path) -> str | None:
    """The SHA-256 of an output, read as an ordinary file (never through a link), or None."""
    try:
        return hashlib.sha256(read_regular(path, OUTPUT_LIMIT, follow=False)).hexdigest()
    except (OSError, Unreadable):
        return None
