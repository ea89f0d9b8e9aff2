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
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from noticekit.build import formats
from noticekit.build.files import libc, release_inherited_locks
from noticekit.build.products import Options, Product
from noticekit.errors import NoticekitError
from noticekit.profiles.authority import Authority
from noticekit.wording.claims import prove_notice, unproved
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
        notices = {}
        for language in dict.fromkeys(product.language for product in task.products):
            notices[language] = notice = notice_for(task.authority, layout, language)
            results = prove_notice(notice, task.authority, layout, language)
            refusals = [str(problem) for problem in unproved(results, layout, task.slug)]
            if refusals:  # the wording does not say what its layout claims for this council: publish nothing
                return Outcome(task.slug, problems=tuple(refusals))
        documents = {}
        for product in task.products:
            documents.update(formats.build(product, notices[product.language], layout, task.authority, task.workspace, task.options))
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


def run_tasks(tasks: Iterable[Task], jobs: int) -> Iterator[Outcome]:
    """Each task's outcome as it completes: in this process for one job or one task, else in a pool
    of at most ``jobs`` workers. ``tasks`` may be a generator that plans them: the workers start on
    the first while the rest are planned. Stopped early (Ctrl-C, or the caller closing this
    generator), the pool's workers are ended at once: nothing waits for the tasks still running."""
    tasks = iter(tasks)
    first = list(itertools.islice(tasks, 2))
    if jobs <= 1 or len(first) <= 1:
        if len(first) > 1:
            warm_backends()
        yield from map(build_task, itertools.chain(first, tasks))
        return
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        futures = {pool.submit(build_task, task): task for task in itertools.chain(first, tasks)}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                slug = futures[future].slug
                yield Outcome(slug, problems=(f"{slug}: its worker process stopped unexpectedly (out of memory?); render it again",))
    except BaseException:  # KeyboardInterrupt, or the caller stopped reading (GeneratorExit)
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now, dropping the tasks not yet started."""
    for process in list(getattr(pool, "_processes", {}).values()):  # the only handle Python 3.11 gives
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """Make a fresh worker safe (no folder locks, gone with its parent), then warm it."""
    release_inherited_locks()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it ends the workers
    _end_with_parent(parent)
    warm_backends()


def warm_backends() -> None:
    """Import the backends once per worker, before its first task; then set aside everything the
    imports made from the garbage collector's full collections (gc.freeze: a collection every
    few tasks then costs about 17 ms instead of 57 ms)."""
    import noticekit.render.docx  # noqa: F401
    import noticekit.render.pdf as pdf

    pdf._weasyprint()
    gc.freeze()


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """Ask Linux to end this worker when its parent dies (the parent may be killed, even by the
    out-of-memory killer, and must not leave workers behind); end now if it has died already."""
    if libc() is not None:
        libc().prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)
