"""out/manifest.json: for every output, what it is (SHA-256) and what it was made from.

Written atomically once, at the end of a render; while it runs, each change (an entry dropped
before its file is replaced, an entry for a file written) is appended to out/manifest.journal,
one line each, which the next load replays and the final save removes. So a killed batch leaves a
manifest that is true of the files it lists, and a batch of N authorities costs N short lines,
not N rewrites of the whole manifest. An entry whose file is missing or differs is simply
rendered again.
A manifest is read only as an ordinary file of a bounded size, never through a link; a damaged
or planted one is set aside with one warning line, and its bad entries and the entries of files
that are gone are dropped, so no planted file breaks a later render.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from noticekit.build.files import append_line, write_atomic
from noticekit.build.provenance import inputs_digest
from noticekit.problems import display_path
from noticekit.workspace import Unreadable, read_regular

NAME = "manifest.json"
JOURNAL = "manifest.journal"
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
        self.changed = False
        self._by_authority: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest in ``out``: absent, it is empty (everything renders); damaged or planted,
        it is empty too, with a warning, and is replaced at the next save."""
        shown = display_path(out / NAME)
        replaced = "it is replaced, and every output is rendered again"
        try:
            data = read_regular(out / NAME, LIMIT, follow=False)
        except FileNotFoundError:
            return cls._from(out, {}, shown)
        except Unreadable as error:
            return cls(out, {}, [f"warning: {shown}: {error.reason}; {replaced}"])
        except OSError as error:
            return cls(out, {}, [f"warning: {shown}: cannot be read ({error.strerror or error}); {replaced}"])
        try:
            outputs = json.loads(data.decode("utf-8"), object_pairs_hook=_interned)["outputs"]
            if not isinstance(outputs, dict):
                raise ValueError("outputs")
        except (RecursionError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            return cls(out, {}, [f"warning: {shown}: is damaged (not a manifest noticekit wrote); {replaced}"])
        return cls._from(out, outputs, shown)

    @classmethod
    def _from(cls, out: Path, outputs: dict, shown: str) -> Manifest:
        """The good entries whose files are still there, with the journal's changes; one warning counting the bad ones."""
        entries, bad = {}, 0
        for key, value in outputs.items():
            entry = _entry(key, value)
            if entry is None:
                bad += 1
            else:
                entries[key] = entry
        journal, bad_lines = _journal(out)
        for change in journal:
            change(entries)
        entries = {key: entry for key, entry in entries.items() if (out / key).is_file()}
        warnings = [f"warning: {shown}: {bad} damaged {'entry' if bad == 1 else 'entries'} dropped; their outputs are rendered again"] if bad else []
        warnings += [(f"warning: {display_path(out / JOURNAL)}: {bad_lines} damaged {'line' if bad_lines == 1 else 'lines'} dropped; "
                      "their outputs are rendered again")] if bad_lines else []
        manifest = cls(out, entries, warnings)
        manifest.changed = bool(journal or bad_lines)  # a killed run's journal is folded into the manifest at the next save
        return manifest

    def is_current(self, key: str, inputs: dict[str, str]) -> bool:
        """Whether the file ``key`` exists, is what the manifest recorded, and was made from ``inputs``."""
        entry = self.entries.get(key)
        return entry is not None and entry.inputs_sha256 == inputs_digest(inputs) and _digest(self.out / key) == entry.sha256

    def keys_of(self, authority: str) -> list[str]:
        """The keys of ``authority``'s outputs (an index built once, kept as entries change)."""
        if self._by_authority is None:
            self._by_authority = {}
            for key in self.entries:
                self._by_authority.setdefault(key.split("/", 1)[0], []).append(key)
        return [key for key in self._by_authority.get(authority, ()) if key in self.entries]

    def record(self, key: str, entry: Entry) -> None:
        self._journal({"record": key, "entry": asdict(entry)})
        if self._by_authority is not None and key not in self.entries:
            self._by_authority.setdefault(key.split("/", 1)[0], []).append(key)
        self.entries[key] = entry

    def forget(self, keys: list[str]) -> bool:
        """Drop entries (before their files are replaced); whether any was there. Each change is in
        the journal before it is made here: a change the journal could not take is not made."""
        dropped = [key for key in keys if key in self.entries]
        if dropped:
            self._journal({"forget": dropped})
            for key in dropped:
                del self.entries[key]
        return bool(dropped)

    def save(self) -> None:
        """The whole manifest, atomically, if anything changed; then the journal is no longer needed."""
        if not self.changed:
            return
        outputs = {key: asdict(self.entries[key]) for key in sorted(self.entries)}
        text = json.dumps({"manifest_version": VERSION, "outputs": outputs}, indent=2, ensure_ascii=False)
        write_atomic(self.out / NAME, (text + "\n").encode("utf-8"))
        (self.out / JOURNAL).unlink(missing_ok=True)
        self.changed = False

    def _journal(self, change: dict) -> None:
        append_line(self.out / JOURNAL, json.dumps(change, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self.changed = True


def _journal(out: Path) -> tuple[list, int]:
    """The journal's changes, in order, each a function of the entries; and how many lines were bad.
    A last line cut short (a killed run) is not counted as bad: it never described a finished file."""
    try:
        data = read_regular(out / JOURNAL, LIMIT, follow=False)
    except (OSError, Unreadable):
        return [], 0
    lines = data.split(b"\n")
    changes, bad = [], 0
    for line in lines[:-1]:
        change = _change(line)
        if change is None:
            bad += 1
        else:
            changes.append(change)
    return changes, bad


def _change(line: bytes):
    try:
        change = json.loads(line.decode("utf-8"))
    except (RecursionError, ValueError, UnicodeDecodeError):
        return None
    if isinstance(change, dict) and set(change) == {"forget"} and isinstance(change["forget"], list):
        keys = [key for key in change["forget"] if isinstance(key, str) and KEY.fullmatch(key)]
        return (lambda entries: [entries.pop(key, None) for key in keys]) if len(keys) == len(change["forget"]) else None
    if isinstance(change, dict) and set(change) == {"record", "entry"}:
        key, entry = change["record"], _entry(change["record"], change["entry"])
        return None if entry is None else lambda entries: entries.__setitem__(key, entry)
    return None


def _interned(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object with its keys and short text values interned as they are read: the same
    digests and versions recur in every entry, and are kept once (a manifest of thousands of
    outputs then costs a few MB, not tens)."""
    return {sys.intern(key): sys.intern(value) if isinstance(value, str) and len(value) <= INTERNED else value for key, value in pairs}


INTERNED = 200  # characters: digests, versions, names; never a whole planted megabyte string


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
