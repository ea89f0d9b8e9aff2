"""The bookkeeping of one render: which outputs are stale, writing results, the manifest, progress."""

from __future__ import annotations

import dataclasses
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path

from noticekit.build.files import safe_join, write_atomic
from noticekit.build.manifest import Entry, Manifest
from noticekit.build.pool import Outcome, Task
from noticekit.build.products import Options, Product
from noticekit.build.provenance import Provenance, inputs_digest, package_version
from noticekit.errors import NoticekitError, OutputError
from noticekit.profiles.authority import Authority, digest_unread, load_authority
from noticekit.render.subsetting import fast_subsetting
from noticekit.wording.choice import LayoutChoice
from noticekit.wording.layouts import DEFAULT_LAYOUT, Layout
from noticekit.workspace import Workspace

Progress = Callable[[int, int, str, str], None]  # (done, total, authority, "rendered"|"unchanged"|"failed")


@dataclass
class Report:
    """What a render did: files written and left unchanged, each failed authority's problems, and
    the authorities whose notice is in each layout not marked current (for a warning)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    authorities: int = 0
    not_current: dict[str, list[str]] = field(default_factory=dict)  # layout name -> authorities
    warnings: list[str] = field(default_factory=list)


class Ledger:
    """One render's bookkeeping. Each authority is loaded (read once, validated) when it is planned:
    its profile says which layout it uses, and so which files it writes."""

    def __init__(self, workspace: Workspace, choice: LayoutChoice, products: tuple[Product, ...], options: Options,
                 out: Path, environ: Mapping[str, str], authorities: int, progress: Progress | None,
                 languages: tuple[str, ...] = ()) -> None:
        self.workspace, self.choice, self.products, self.options, self.out = workspace, choice, products, options, out
        self.languages = languages  # the languages asked for (--language); none: each profile's own
        self.products_of: dict[str, tuple[Product, ...]] = {}  # each authority's products, in each of its languages
        self.environ = environ
        self.report = Report(authorities=authorities)
        self.progress = progress or (lambda *args: None)
        self.manifest = Manifest.load(out)
        self.report.warnings += self.manifest.warnings
        self.provenances: dict[str, Provenance] = {}
        self.inputs: dict[str, dict[str, str]] = {}
        self.made_by: dict[str, Product] = {}
        self.layout_of: dict[str, str] = {}
        self.done = 0

    def plan(self, slug: str, force: bool, authority: Authority | None = None) -> Task | None:
        """The task that builds slug's stale products, or None when all are current (or it failed).
        ``authority`` is slug's profile when the caller has loaded it already."""
        if authority is None and not force and self._unchanged_unread(slug):
            return None
        try:
            authority = authority or load_authority(self.workspace, slug)
            layout = self.choice.layout_for(authority)
            self._expect(slug, authority.digest, _facts(authority), layout)
        except NoticekitError as error:
            return self._failed(slug, error)
        stale = tuple(product for product in self.products_of[slug] if force or not self._current(slug, product))
        if not stale:
            self._unchanged(slug, layout)
            return None
        self._note_currency(slug, layout)
        self.report.unchanged += [self.out / slug / name for p in self.products_of[slug] if p not in stale for name in p.files(layout.name)]
        return Task(authority, stale, layout.name, self.workspace, self.options)

    def _unchanged_unread(self, slug: str) -> bool:
        """Whether every output of ``slug`` is current, known without loading its profile: its
        bytes, logo's and template's are those the manifest recorded (validated then; validation
        depends on nothing else), in the layout recorded. Any doubt: False, and the profile is loaded."""
        entries = [self.manifest.entries[key] for key in self.manifest.keys_of(slug)]
        if not entries:
            return False
        inputs = entries[0].inputs
        facts = {name: inputs[name] for name in FACTS if name in inputs}
        if len(facts) != len(FACTS) or digest_unread(self.workspace, slug, facts["profile_files"]) != inputs.get("profile"):
            return False
        try:  # the profile is as it was, so its own layout is the one recorded
            layout = self.choice.named(self.choice.chosen or facts["profile_layout"])
            self._expect(slug, inputs["profile"], facts, layout)
        except NoticekitError:
            return False
        if not all(self._current(slug, product) for product in self.products_of[slug]):
            return False
        self._unchanged(slug, layout)
        return True

    def _unchanged(self, slug: str, layout: Layout) -> None:
        self._note_currency(slug, layout)
        names = [name for product in self.products_of[slug] for name in product.files(layout.name)]
        self.report.unchanged += [self.out / slug / name for name in names]
        for name in names:  # nothing will be written: what it would be made from is no longer needed
            del self.inputs[f"{slug}/{name}"], self.made_by[f"{slug}/{name}"]
        self._tick(slug, "unchanged")

    def _note_currency(self, slug: str, layout: Layout) -> None:
        if not layout.current:
            self.report.not_current.setdefault(layout.name, []).append(slug)

    def _expect(self, slug: str, profile_digest: str, facts: dict[str, str], layout: Layout) -> None:
        """Note the files slug's products write (each inside the output folder) and their inputs."""
        self.layout_of[slug] = layout.name
        languages = self.languages or tuple(facts["profile_languages"].split(","))
        self.products_of[slug] = tuple(dataclasses.replace(product, language=language) for language in languages for product in self.products)
        for product in self.products_of[slug]:
            for name in product.files(layout.name):
                safe_join(self.out, slug, name)
                self.inputs[f"{slug}/{name}"] = {**self._inputs(product, profile_digest, layout), **facts}
                self.made_by[f"{slug}/{name}"] = product

    def _failed(self, slug: str, error: NoticekitError) -> None:
        self.finish(Outcome(slug, problems=error.lines))

    def _inputs(self, product: Product, profile_digest: str, layout: Layout) -> dict[str, str]:
        if layout.name not in self.provenances:
            self.provenances[layout.name] = Provenance.of_batch(layout.folder, self.workspace.fonts, self.environ, layout.design_folder,
                                                                 layout.extends.folder if layout.extends else None)
        inputs = self.provenances[layout.name].of(product.fmt, profile_digest)
        inputs.update(variant=product.variant.name, options=self.options.describe(), language=product.language)
        if product.fmt == "pdf":  # HarfBuzz and fontTools subset the fonts differently
            inputs["font_subsetting"] = "harfbuzz" if fast_subsetting() else "fonttools"
        if product.fmt == "pdf" and (product.variant.imposed or self.options.marks):
            inputs["pikepdf"] = package_version("pikepdf")  # it imposes the booklet and draws printers' marks
        return inputs

    def _current(self, slug: str, product: Product) -> bool:
        keys = [f"{slug}/{name}" for name in product.files(self.layout_of[slug])]
        return all(self.manifest.is_current(key, self.inputs[key]) for key in keys)

    def finish(self, outcome: Outcome) -> None:
        """Write one authority's documents (or record its failure), noting each in the manifest's journal.

        Entries of files about to be replaced are dropped (in the journal) first: whenever the
        run stops, every entry the manifest and its journal hold describes its file as it is.
        """
        if outcome.failed:
            self.report.failed[outcome.slug] = outcome.problems
            self._tick(outcome.slug, "failed")
            return
        with ctrl_c_deferred():  # an authority's files all written, or none: then the "interrupted" line counts true
            keys = [f"{outcome.slug}/{name}" for name in outcome.documents]
            self.manifest.forget(keys)
            for key, data in zip(keys, outcome.documents.values()):
                write_atomic(self.out / key, data)
                product, inputs = self.made_by[key], self.inputs[key]
                entry = Entry(outcome.slug, self.layout_of[outcome.slug], product.fmt, sha256(data).hexdigest(), inputs_digest(inputs), inputs,
                              product.variant.name)
                self.manifest.record(key, entry)
                self.report.written.append(self.out / key)
            self._tick(outcome.slug, "rendered")

    def close(self) -> None:
        """Save the manifest whole, once, at the end of the run (however it ends). If it cannot be
        written, its journal still holds every change, and the next run reads them: a warning."""
        with ctrl_c_deferred():
            try:
                self.manifest.save()
            except OutputError as error:
                self.report.warnings += [f"warning: {line}" for line in error.lines]

    def finish_all(self, outcomes: list[Outcome]) -> None:
        """All or nothing: write every outcome, or raise every problem and write none."""
        problems = [line for outcome in outcomes for line in outcome.problems]
        if problems:
            raise NoticekitError(*problems)
        for outcome in sorted(outcomes, key=lambda outcome: outcome.slug):
            self.finish(outcome)

    def _tick(self, slug: str, status: str) -> None:
        self.done += 1
        self.progress(self.done, self.report.authorities, slug, status)


# What a manifest entry records of the profile, beside its digest, so that a later batch can tell
# an unchanged authority from its bytes alone: the files beside it that the digest covers, and
# the layout the profile itself names.
FACTS = ("profile_files", "profile_layout", "profile_languages")


def _facts(authority: Authority) -> dict[str, str]:
    return {"profile_files": authority.files, "profile_layout": authority.profile.layout or DEFAULT_LAYOUT,
            "profile_languages": ",".join(authority.profile.languages)}


@contextmanager
def ctrl_c_deferred() -> Iterator[None]:
    """Ctrl-C (SIGINT) held back until the block is done, then handled as it would have been.

    Python runs a signal's handler at its next safe point, which may fall inside the block even
    for a signal that arrived before it: so the handler itself is swapped for one that only takes
    note. In a thread other than the main one (where Python never handles signals) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt
