"""out/manifest.json: for every output, what it is (SHA-256) and what it was made from.

Written atomically after every authority, so an interrupted batch leaves a manifest that is
true of the files it lists; an entry whose file is missing or differs is simply rendered again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from noticekit.build.files import write_atomic
from noticekit.build.provenance import file_digest, inputs_digest

NAME = "manifest.json"
VERSION = 1


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
    def __init__(self, out: Path, entries: dict[str, Entry]) -> None:
        self.out = out
        self.entries = entries

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest in ``out``; an absent or unreadable one is empty (everything renders)."""
        try:
            data = json.loads((out / NAME).read_text("utf-8"))
            entries = {key: Entry(**value) for key, value in data["outputs"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        return cls(out, entries)

    def is_current(self, key: str, inputs: dict[str, str]) -> bool:
        """Whether the file ``key`` exists, is what the manifest recorded, and was made from ``inputs``."""
        entry = self.entries.get(key)
        path = self.out / key
        return (
            entry is not None
            and entry.inputs_sha256 == inputs_digest(inputs)
            and path.is_file()
            and file_digest(path) == entry.sha256
        )

    def record(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry

    def forget(self, keys: list[str]) -> bool:
        """Drop entries (before their files are replaced); whether any was there."""
        return bool([self.entries.pop(key) for key in keys if key in self.entries])

    def save(self) -> None:
        outputs = {key: asdict(self.entries[key]) for key in sorted(self.entries)}
        text = json.dumps({"manifest_version": VERSION, "outputs": outputs}, indent=2, ensure_ascii=False)
        write_atomic(self.out / NAME, (text + "\n").encode("utf-8"))
