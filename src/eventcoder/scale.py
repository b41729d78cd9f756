"""Run the per-article stages in parallel: worker processes on one machine, or a Dask cluster.

:meth:`eventcoder.pipeline.Pipeline.ingest` reads articles in the calling
process, hands them to one of the maps below, and stores what comes back in
the calling process (only the client ever talks to the database).

Both maps:

* take an iterable of :class:`~eventcoder.model.Article` and consume it
  lazily — at most ``max_pending`` articles are in flight at any time, so
  memory stays flat however large the corpus (a 100k-line JSONL file is
  streamed, never loaded whole);
* yield :class:`~eventcoder.pipeline.Extracted` for each article, or a
  :class:`~eventcoder.ingest.ReadError` when its extraction failed, in
  completion order (not input order);
* load the models (typing model, gazetteer) once per worker process, in a
  pool initializer (:func:`process_map`) or a worker plugin plus a
  module-level cache (:func:`dask_map`).

The article's ``raw`` document (often the whole HTML page) is not needed by the
stages, so it stays in the calling process: workers receive a light copy and
the original article is put back on the result.

Example::

    from eventcoder.scale import process_map
    for done in process_map(articles, workers=4):
        ...

The same ``dask_map`` code runs against a laptop's ``LocalCluster`` (``scheduler=None``)
and a real cluster (``scheduler="tcp://host:8786"``; every worker needs
``eventcoder`` installed at the same version).
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from eventcoder.ingest import ReadError
from eventcoder.model import Article

__all__ = ["process_map", "dask_map", "process_chunk", "warm_up", "DEFAULT_CHUNKSIZE"]

WORKER_NICE = 5  # worker processes yield the CPU to the calling process (EVENTCODER_WORKER_NICE=0: don't)
DEFAULT_CHUNKSIZE = 8  # articles per task: amortises pickling and IPC without hurting load balance
MAX_POOL_DEATHS = 3


# -- what a worker runs ------------------------------------------------------------------------
_WARM = False
_WARM_UP_TEXT = ("Police fired tear gas on Monday to disperse hundreds of protesters who marched in "
                 "N'Djamena, Chad, against fuel prices; two people were killed and 15 arrested, witnesses said.")


def warm_up() -> None:
    """Load the models of the per-article stages into this process (idempotent; cached per process)."""
    global _WARM
    if _WARM:
        return
    from eventcoder.pipeline import _default_extractor, process_article

    # Whatever the stages load lazily (gazetteer index, typing model, any spaCy model) is loaded by
    # running them once on a small article, so no real article pays for it. Loading makes millions of
    # objects that live as long as the process: the collector is paused meanwhile (its passes over them
    # would find nothing to free), then they are moved out of its sight for good (gc.freeze), so the
    # full collections that a long ingest sets off no longer walk the whole model each time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        process_article(Article.from_text(_WARM_UP_TEXT, title="Warm-up"), _default_extractor())
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    _WARM = True


GC_YOUNG = 10_000  # allocations between young collections (Python's default 700)


def tune_gc() -> None:
    """Collect less often in a process that runs the stages over many articles: a young collection
    every :data:`GC_YOUNG` allocations instead of 700, so the short-lived objects of an article die
    before they are examined (and promoted, which leads to full collections). Reference cycles are
    still collected. Called by ``eventcoder ingest`` and in worker processes, never on import."""
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


def _safe_warm_up() -> None:
    """Warm up, but never kill a worker over it: a stage that fails here fails again on each
    article, where it becomes a ReadError carrying the real message."""
    try:
        warm_up()
    except Exception:  # noqa: BLE001 - reported per article instead
        pass


def _init_worker() -> None:
    # Worker processes of a pool: one BLAS/OpenMP thread each, the pool is the parallelism.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    # The calling process stores, detects reuse and links, one article after another: the serial
    # part (Amdahl). When workers and it compete for the cores, it goes first; workers take the rest.
    nice = int(os.environ.get("EVENTCODER_WORKER_NICE", WORKER_NICE))
    if nice > 0 and hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError:  # pragma: no cover - not allowed here: run at normal priority
            pass
    tune_gc()
    _safe_warm_up()


def _light(article: Article) -> Article:
    """A copy without the raw document, for shipping to a worker."""
    return dataclasses.replace(article, raw="") if article.raw else article


def process_chunk(articles: list[Article]) -> list:
    """Run :func:`eventcoder.pipeline.process_articles` on a chunk; a failure becomes a ReadError for its article.

    Runs inside a worker (a pool process or a Dask worker); the models come from the
    per-process cache, so they are loaded once per worker, not once per chunk.
    """
    from eventcoder.pipeline import _default_extractor, process_articles

    return process_articles(articles, _default_extractor())


def _restore(results: list, originals: dict[str, Article]) -> Iterator:
    """Put each original article (with its raw document) back on its result."""
    for r in results:
        if not isinstance(r, ReadError):
            original = originals.get(r.article.article_id)
            if original is not None:
                r.article = original
        yield r


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def _mp_context(start_method: str | None):
    """``forkserver`` where available (Linux), else ``spawn``: never plain fork (threads, SQLite handles)."""
    if start_method is None:
        start_method = os.environ.get("EVENTCODER_START_METHOD") or (
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    return multiprocessing.get_context(start_method)


# -- worker processes on this machine ----------------------------------------------------------
_PRESTARTED: dict[tuple[int, str], ProcessPoolExecutor] = {}


def _noop() -> None:
    return None


def prestart(workers: int, start_method: str | None = None) -> None:
    """Start ``workers`` worker processes now, so they load their models while the caller finishes its
    own start-up (imports, opening the store). The next :func:`process_map` with the same number of
    workers and start method takes this pool over instead of starting its own."""
    ctx = _mp_context(start_method)
    key = (max(1, int(workers)), ctx.get_start_method())
    if key not in _PRESTARTED:
        pool = ProcessPoolExecutor(max_workers=key[0], mp_context=ctx, initializer=_init_worker)
        for _ in range(key[0]):
            pool.submit(_noop)  # a pool starts its processes as tasks arrive
        _PRESTARTED[key] = pool


def process_map(articles: Iterable[Article], *, workers: int = 2, chunksize: int = DEFAULT_CHUNKSIZE,
                max_pending: int | None = None, start_method: str | None = None) -> Iterator:
    """Extract articles in ``workers`` processes; yield results as they complete.

    Args:
        articles: any iterable (a generator is consumed lazily).
        workers: number of worker processes.
        chunksize: articles sent to a worker per task.
        max_pending: most articles in flight at once (default ``4 * workers * chunksize``);
            bounds the memory used whatever the corpus size.
        start_method: ``"forkserver"`` (default on Linux) or ``"spawn"``; ``EVENTCODER_START_METHOD``
            overrides the default.

    Yields:
        :class:`~eventcoder.pipeline.Extracted` or :class:`~eventcoder.ingest.ReadError`, in
        completion order. If a worker process dies (e.g. killed for memory), the articles in
        flight at that moment become ReadErrors ("worker process died") and a fresh pool
        carries on with the rest; re-running ingest retries them.
    """
    workers = max(1, int(workers))
    chunksize = max(1, int(chunksize))
    max_chunks = max(2 * workers, (max_pending or 4 * workers * chunksize) // chunksize)
    ctx = _mp_context(start_method)
    chunks = _chunks(articles, chunksize)
    pending: dict[Future, dict[str, Article]] = {}

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker)

    pool = _PRESTARTED.pop((workers, ctx.get_start_method()), None) or new_pool()
    deaths = 0  # pools lost in a row without a chunk completing: a worker that cannot live at all
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < max_chunks:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                originals = {a.article_id: a for a in chunk}
                try:
                    fut = pool.submit(process_chunk, [_light(a) for a in chunk])
                except BrokenProcessPool:
                    # the pool died between two submissions: report this chunk and start afresh
                    yield from _died(originals)
                    pool.shutdown(wait=False, cancel_futures=True)
                    deaths += 1
                    if deaths > MAX_POOL_DEATHS:
                        raise RuntimeError(f"worker processes died {deaths} times in a row without finishing an "
                                           "article; run with --workers 1 to see the error")
                    pool = new_pool()
                    continue
                pending[fut] = originals
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                originals = pending.pop(fut)
                try:
                    results = fut.result()
                except BrokenProcessPool:
                    broken = True
                    yield from _died(originals)
                    continue
                except Exception as exc:  # unpicklable result and the like: this chunk fails, not the run
                    for a in originals.values():
                        yield ReadError(a.origin or a.article_id, f"extraction failed: {type(exc).__name__}: {exc}")
                    continue
                deaths = 0
                yield from _restore(results, originals)
            if broken:
                for fut, originals in list(pending.items()):
                    yield from _died(originals)
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                deaths += 1
                if deaths > MAX_POOL_DEATHS:
                    raise RuntimeError(f"worker processes died {deaths} times in a row without finishing an article; "
                                       "run with --workers 1 to see the error")
                pool = new_pool()
    finally:
        # a consumer that stops early (or an exception) must not leave workers behind
        pool.shutdown(wait=True, cancel_futures=True)


def _died(originals: dict[str, Article]) -> Iterator[ReadError]:
    for a in originals.values():
        yield ReadError(a.origin or a.article_id,
                        "extraction failed: worker process died (out of memory?); run ingest again to retry")


# -- a Dask cluster ---------------------------------------------------------------------------------
def _warm_up_plugin_class() -> type:
    """``WarmUpPlugin``, a Dask worker plugin that loads the models once when a worker starts (and on
    workers that join later). Built on first use: importing Dask costs ~0.3 s, which ``--workers N``
    without Dask should not pay. It lives in this module's namespace, so it pickles by reference."""
    cls = globals().get("WarmUpPlugin")
    if cls is None:
        from distributed.diagnostics.plugin import WorkerPlugin

        class WarmUpPlugin(WorkerPlugin):
            name = "eventcoder-warm-up"
            idempotent = True

            def setup(self, worker) -> None:
                _safe_warm_up()

        WarmUpPlugin.__qualname__ = "WarmUpPlugin"
        cls = globals()["WarmUpPlugin"] = WarmUpPlugin
    return cls


def __getattr__(name: str):  # eventcoder.scale.WarmUpPlugin (e.g. when a Dask worker unpickles the plugin)
    if name == "WarmUpPlugin":
        return _warm_up_plugin_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def dask_map(articles: Iterable[Article], *, scheduler: str | None = None, client=None,
             chunksize: int = DEFAULT_CHUNKSIZE, max_pending: int | None = None,
             n_workers: int | None = None, threads_per_worker: int = 1) -> Iterator:
    """Extract articles on a Dask distributed cluster; yield results as they complete.

    Args:
        articles: any iterable (consumed lazily; at most ``max_pending`` articles in flight).
        scheduler: a scheduler address (``tcp://host:8786``); None starts a ``LocalCluster`` of
            processes on this machine (``n_workers`` x ``threads_per_worker``), closed at the end.
        client: an existing ``distributed.Client`` to use instead (not closed here).
        chunksize: articles per task.
        max_pending: most articles in flight (default ``4 * chunksize`` per worker thread).
        n_workers: workers of the local cluster (default: the CPU count).
        threads_per_worker: threads per local worker; 1 is best (the stages hold the GIL).

    Yields:
        :class:`~eventcoder.pipeline.Extracted` or :class:`~eventcoder.ingest.ReadError`, in
        completion order. The results come back to this (the client) process, which stores them.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("--engine dask needs Dask: pip install 'eventcoder[dask]'") from exc

    own_cluster = own_client = None
    if client is None:
        if scheduler:
            client = own_client = Client(scheduler)
        else:
            own_cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=threads_per_worker,
                                       processes=True, dashboard_address=None)
            client = own_client = Client(own_cluster)
    try:
        plugin = _warm_up_plugin_class()
        client.register_plugin(plugin(), name=plugin.name)
        threads = max(1, sum(client.nthreads().values()))
        chunksize = max(1, int(chunksize))
        max_chunks = max(2 * threads, (max_pending or 4 * threads * chunksize) // chunksize)
        chunks = _chunks(articles, chunksize)
        pending: dict[str, dict[str, Article]] = {}
        ac = as_completed()

        def submit(chunk: list[Article]) -> None:
            fut = client.submit(process_chunk, [_light(a) for a in chunk], pure=False)
            pending[fut.key] = {a.article_id: a for a in chunk}
            ac.add(fut)

        for chunk in islice(chunks, max_chunks):
            submit(chunk)
        for fut in ac:
            originals = pending.pop(fut.key)
            try:
                results = fut.result()
            except Exception as exc:  # a worker lost or a task erred: this chunk fails, not the run
                results = [ReadError(a.origin or a.article_id, f"extraction failed on the cluster: {type(exc).__name__}: {exc}")
                           for a in originals.values()]
            fut.release()
            nxt = next(chunks, None)
            if nxt is not None:
                submit(nxt)
            yield from _restore(results, originals)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
