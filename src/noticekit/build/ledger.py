"""The bookkeeping of one render: which outputs are stale, writing results, the manifest, progress."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from hashlib import sha256
from importlib.metadata import version
from pathlib import Path

from noticekit.build.files import safe_join, write_atomic
from noticekit.build.manifest import Entry, Manifest
from noticekit.build.pool import Outcome, Task
from noticekit.build.products import Options, Product
from noticekit.build.provenance import Provenance, file_digest, inputs_digest
from noticekit.errors import NoticekitError
from noticekit.profiles.authority import Authority, load_authority
from noticekit.wording.layouts import Layout
from noticekit.workspace import Workspace

Progress = Callable[[int, int, str, str], None]  # (done, total, authority, "rendered"|"unchanged"|"failed")


@dataclass
class Report:
    """What a render did: files written and left unchanged, and each failed authority's problems."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    authorities: int = 0


class Ledger:
    def __init__(self, workspace: Workspace, layout: Layout, products: tuple[Product, ...], options: Options,
                 out: Path, environ: Mapping[str, str], authorities: int, progress: Progress | None) -> None:
        self.workspace, self.layout, self.products, self.options, self.out = workspace, layout, products, options, out
        self.report = Report(authorities=authorities)
        self.progress = progress or (lambda *args: None)
        self.manifest = Manifest.load(out)
        self.provenance = Provenance.of_batch(layout.folder, workspace.fonts, environ, layout.design_folder)
        self.inputs: dict[str, dict[str, str]] = {}
        self.made_by: dict[str, Product] = {}
        self.done = 0

    def plan(self, slug: str, force: bool, authority: Authority | None = None) -> Task | None:
        """The task that builds slug's stale products, or None when all are current (or it failed).

        ``authority`` is slug's profile when the caller has loaded it already; otherwise it is
        loaded here, and only when something is stale (a no-op re-run validates nothing).
        """
        try:
            path = self.workspace.profile_path(slug)
            self._expect(slug, authority.digest if authority else _digest_or_none(path))
        except NoticekitError as error:
            return self._failed(slug, error)
        stale = tuple(product for product in self.products if force or not self._current(slug, product))
        self.report.unchanged += [self.out / slug / name for p in self.products if p not in stale for name in p.files(self.layout.name)]
        if not stale:
            self._tick(slug, "unchanged")
            return None
        try:
            authority = authority or load_authority(self.workspace, slug)
        except NoticekitError as error:
            return self._failed(slug, error)
        self._expect(slug, authority.digest)  # the manifest records the profile as it was validated
        return Task(authority, stale, self.layout.name, self.workspace, self.options)

    def _expect(self, slug: str, profile_digest: str | None) -> None:
        """Note the files slug's products write (each inside the output folder) and their inputs."""
        for product in self.products:
            for name in product.files(self.layout.name):
                safe_join(self.out, slug, name)
                self.inputs[f"{slug}/{name}"] = self._inputs(product, profile_digest or "unreadable")
                self.made_by[f"{slug}/{name}"] = product

    def _failed(self, slug: str, error: NoticekitError) -> None:
        self.finish(Outcome(slug, problems=error.lines))

    def _inputs(self, product: Product, profile_digest: str) -> dict[str, str]:
        inputs = self.provenance.of(product.fmt, profile_digest)
        inputs.update(variant=product.variant.name, options=self.options.describe())
        if product.variant.imposed:
            inputs["pypdf"] = version("pypdf")
        return inputs

    def _current(self, slug: str, product: Product) -> bool:
        keys = [f"{slug}/{name}" for name in product.files(self.layout.name)]
        return all(self.manifest.is_current(key, self.inputs[key]) for key in keys)

    def finish(self, outcome: Outcome) -> None:
        """Write one authority's documents (or record its failure), then save the manifest.

        Entries of files about to be replaced are dropped (and saved) first: whenever the run
        stops, every entry in the manifest describes its file as it is.
        """
        if outcome.failed:
            self.report.failed[outcome.slug] = outcome.problems
            self._tick(outcome.slug, "failed")
            return
        keys = [f"{outcome.slug}/{name}" for name in outcome.documents]
        if self.manifest.forget(keys):
            self.manifest.save()
        for key, data in zip(keys, outcome.documents.values()):
            write_atomic(self.out / key, data)
            product, inputs = self.made_by[key], self.inputs[key]
            entry = Entry(outcome.slug, self.layout.name, product.fmt, sha256(data).hexdigest(), inputs_digest(inputs), inputs, product.variant.name)
            self.manifest.record(key, entry)
            self.report.written.append(self.out / key)
        self.manifest.save()
        self._tick(outcome.slug, "rendered")

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


def _digest_or_none(path: Path) -> str | None:
    """The file's SHA-256, or None when it cannot be read (loading it then says why)."""
    try:
        return file_digest(path)
    except OSError:
        return None
