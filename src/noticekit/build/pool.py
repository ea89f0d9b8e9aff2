"""Building many authorities' documents, in one process or a pool of worker processes.

A task carries one authority, validated once in the parent, and builds its documents as bytes;
it never writes: the parent writes them (build.files.write_atomic) and records them in the
manifest. A failing authority yields an outcome with its problems; it never stops the others.
"""

from __future__ import annotations

import functools
import gc
import itertools
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from noticekit.build import formats
from noticekit.build.products import Options, Product
from noticekit.errors import NoticekitError
from noticekit.profiles.authority import Authority
from noticekit.wording.compose import notice_for
from noticekit.wording.layouts import Layout, load_layout
from noticekit.workspace import Workspace


@dataclass(frozen=True)
class Task:
    authority: Authority
    products: tuple[Product, ...]
    layout: str
    workspace: Workspace
    options: Options | None = None  # None means the defaults

    @property
    def slug(self) -> str:
        return self.authority.slug


@dataclass(frozen=True)
class Outcome:
    slug: str
    documents: dict[str, bytes] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def build_task(task: Task) -> Outcome:
    """One authority's documents, or the problems that stopped them."""
    try:
        layout = _layout(task.workspace.layouts, task.layout)
        notice = notice_for(task.authority, layout)
        documents = {}
        for product in task.products:
            documents.update(formats.build(product, notice, layout, task.authority, task.workspace, task.options))
        return Outcome(task.slug, documents)
    except NoticekitError as error:
        return Outcome(task.slug, problems=error.lines)
    except Exception as error:  # a bug must not stop the batch: report it as this authority's failure
        return Outcome(task.slug, problems=(f"{task.slug}: internal error ({type(error).__name__}: {error}); please report it",))
    finally:
        _collect_now_and_then()


_tasks_done = itertools.count(1)
COLLECT_EVERY = 10


def _collect_now_and_then() -> None:
    """python-docx and WeasyPrint leave reference cycles that Python's own schedule collects late;
    a full collection every few tasks keeps a worker's memory flat (one costs about 20 ms)."""
    if next(_tasks_done) % COLLECT_EVERY == 0:
        gc.collect()


@functools.lru_cache(maxsize=8)
def _layout(layouts: Path, name: str) -> Layout:
    return load_layout(layouts, name)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_tasks(tasks: Sequence[Task], jobs: int) -> Iterator[Outcome]:
    """Each task's outcome as it completes: in this process for one job or one task, else in a pool."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(build_task, tasks)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(jobs, len(tasks)), mp_context=context, initializer=_warm_worker) as pool:
        futures = {pool.submit(build_task, task): task for task in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                slug = futures[future].slug
                yield Outcome(slug, problems=(f"{slug}: its worker process stopped unexpectedly (out of memory?); render it again",))


def _warm_worker() -> None:
    """Import the backends once per worker, before its first task."""
    import noticekit.render.docx  # noqa: F401
    import noticekit.render.pdf as pdf

    pdf._weasyprint()
