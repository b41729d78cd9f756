"""The main job: read -> extract -> store -> reuse -> link, for a batch of inputs.

``eventcoder ingest`` is a thin call into :meth:`Pipeline.ingest`.

Articles are stored with their mentions and reuse in batched transactions
(a commit every :data:`COMMIT_EVERY` articles or :data:`COMMIT_SECONDS`), so an
interrupted run keeps what it committed and re-running skips it (the content
hash is unique) and redoes the rest. Linking then re-clusters only the blocks
(country x date window) that the new mentions touch; mentions left
unlinked by an interrupted run are picked up by the next run.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from eventcoder.ingest import ReadError, read
from eventcoder.link import dedupe, reuse
from eventcoder.model import Article, EventMention
from eventcoder.store.repo import Store


COMMIT_EVERY = 50  # stored articles per transaction during ingest ...
COMMIT_SECONDS = 2.0  # ... or this long, whichever comes first
MAX_REUSE_CANDIDATES = 8  # a report reuses a handful of sources; the cap bounds the cost on heavily syndicated feeds
RECENT_ARTICLES = 512  # articles stored by this ingest kept in memory for reuse alignment (their texts: a few MB)


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # origins already stored
    errors: list[ReadError] = field(default_factory=list)
    mentions: int = 0
    events_touched: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Extracted:
    """One article's per-article work, done anywhere (this process, a worker, a Dask node)."""

    article: Article
    mentions: list[EventMention]
    sigs: list[reuse.SentenceSig]


def process_article(article: Article, extractor=None) -> Extracted:
    """The per-article stages: extraction and reuse signatures. Pure: no store access."""

    ex = extractor or _default_extractor()
    return Extracted(article, ex.extract(article), reuse.signatures(article))


def process_articles(articles: Sequence[Article], extractor=None) -> list[Extracted | ReadError]:
    """:func:`process_article` for a few articles at once (the parser batches their event clauses).

    A failure becomes a :class:`ReadError` for its article alone: when the batch fails, each
    article is extracted on its own to find which.
    """
    ex = extractor or _default_extractor()
    batch = None
    if hasattr(ex, "extract_many") and len(articles) > 1:
        try:
            batch = ex.extract_many(articles)
        except Exception:  # noqa: BLE001 - redone one by one below, where the culprit gets the error
            batch = None
    out: list[Extracted | ReadError] = []
    for i, a in enumerate(articles):
        try:
            out.append(Extracted(a, batch[i] if batch is not None else ex.extract(a), reuse.signatures(a)))
        except Exception as exc:  # one bad document must not stop the batch
            out.append(ReadError(a.origin or a.article_id, f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def process_stream(articles: Iterable[Article], extractor=None) -> Iterator[Extracted | ReadError]:
    """:func:`process_articles` over a stream, a chunk of :data:`eventcoder.scale.DEFAULT_CHUNKSIZE`
    articles at a time: what ``ingest --workers 1`` runs in its own process."""
    from eventcoder.scale import DEFAULT_CHUNKSIZE, _chunks, warm_up

    for chunk in _chunks(articles, DEFAULT_CHUNKSIZE):
        if extractor is None:
            warm_up()  # the default extractor, loaded once per process when there is work (see warm_up)
        yield from process_articles(chunk, extractor or _default_extractor())


_EXTRACTOR = None


def _default_extractor():
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from eventcoder.extract.extractor import Extractor

        _EXTRACTOR = Extractor()
    return _EXTRACTOR


class _Batches:
    """Commit the ingest's writes every :data:`COMMIT_EVERY` articles or :data:`COMMIT_SECONDS`,
    whichever comes first (see :meth:`Store.batch`): few commits, and little lost to a crash."""

    def __init__(self, store: Store, every: int | None = None, seconds: float | None = None):
        self.store, self.every, self.seconds = store, every or COMMIT_EVERY, seconds or COMMIT_SECONDS
        self._block = None

    def __enter__(self) -> "_Batches":
        self._open()
        return self

    def _open(self) -> None:
        self._block = self.store.batch()
        self._block.__enter__()
        self._count, self._since = 0, time.monotonic()

    def tick(self) -> None:
        self._count += 1
        if self._count >= self.every or time.monotonic() - self._since >= self.seconds:
            self._block.__exit__(None, None, None)  # commit
            self._open()

    def __exit__(self, *exc) -> None:
        self._block.__exit__(*exc)  # commit, or roll the unfinished batch back


class Pipeline:
    """Ingest articles into a store.

    Args:
        db: a path or SQLAlchemy URL (default: ``EVENTCODER_DB`` or ./eventcoder.db).
        store: an open :class:`Store` (instead of ``db``).
        extractor: the per-article extractor (default: :class:`eventcoder.extract.extractor.Extractor`).
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, *, store: Store | None = None, extractor=None):
        self.store = store or Store(db)
        self.extractor = extractor
        # the last articles this pipeline stored: a new report's reuse candidates are mostly the other
        # reports of its story, stored minutes before, which then need no reading back from the database
        self._recent: OrderedDict[str, Article] = OrderedDict()

    # -- reading ----------------------------------------------------------------
    @staticmethod
    def read(targets: Sequence[str], *, published: date | None = None, source: str | None = None,
             url: str | None = None, max_bytes: int | None = None) -> Iterator[Article | ReadError]:
        kw = {} if max_bytes is None else {"max_bytes": max_bytes}
        for target in targets:
            yield from read(target, published=published, source=source, url=url, **kw)

    # -- the job ----------------------------------------------------------------
    def ingest(self, targets: Sequence[str], *, published: date | None = None, source: str | None = None,
               url: str | None = None, workers: int = 1, engine: str = "local", scheduler: str | None = None,
               max_bytes: int | None = None, on_item: Callable[[str, str], None] | None = None,
               link_every: int = 1000, link_seconds: float = 60.0) -> IngestReport:
        """Read, extract, store, detect reuse and link.

        Args:
            targets: paths, folders or "-" for stdin.
            published, source, url: metadata overrides applied to every document.
            workers: processes for the per-article stages (``engine="local"``).
            engine: "local" or "dask".
            scheduler: Dask scheduler address (``engine="dask"``); None starts a local cluster.
            on_item: callback ``(status, origin)`` per document: "stored", "duplicate" or "error".
            link_every: link after this many stored articles (bounded memory on large corpora) ...
            link_seconds: ... or after this long, so a long ingest shows its events as it goes.
        """
        report = IngestReport()
        note = on_item or (lambda status, origin: None)
        items = self.read(targets, published=published, source=source, url=url, max_bytes=max_bytes)

        def fresh_articles() -> Iterator[Article]:
            for item in items:
                if isinstance(item, ReadError):
                    report.errors.append(item)
                    note("error", f"{item.origin}: {item.reason}")
                    continue
                if self.store.article_id_for_hash(item.content_hash):
                    report.duplicates.append(item.origin or item.article_id)
                    note("duplicate", item.origin or item.article_id)
                    continue
                yield item

        pending: list[str] = []
        last_link = time.monotonic()
        with _Batches(self.store) as batches:
            for done in self._run(fresh_articles(), workers=workers, engine=engine, scheduler=scheduler):
                if isinstance(done, ReadError):
                    report.errors.append(done)
                    note("error", f"{done.origin}: {done.reason}")
                    continue
                if not self.store.add_article(done.article, done.mentions, done.sigs):
                    report.duplicates.append(done.article.origin or done.article.article_id)
                    note("duplicate", done.article.origin or done.article.article_id)
                    continue
                self._detect_reuse(done.article, done.sigs)
                self._remember(done.article)
                report.stored.append(done.article.article_id)
                report.mentions += len(done.mentions)
                pending.append(done.article.article_id)
                note("stored", done.article.origin or done.article.article_id)
                if len(pending) >= link_every or time.monotonic() - last_link >= link_seconds:
                    report.events_touched += self.relink(pending)
                    pending, last_link = [], time.monotonic()
                batches.tick()
            pending.extend(a for a in self.store.unlinked_article_ids() if a not in pending)
            if pending:
                report.events_touched += self.relink(pending)
        return report

    def _run(self, articles: Iterable[Article], *, workers: int, engine: str, scheduler: str | None):
        if engine == "dask":
            from eventcoder.scale import dask_map

            # --workers sizes the local cluster (scheduler=None); a real cluster has its own size
            yield from dask_map(articles, scheduler=scheduler, n_workers=workers if workers > 1 else None)
        elif workers > 1:
            from eventcoder.scale import process_map

            yield from process_map(articles, workers=workers)
        else:
            yield from process_stream(articles, self.extractor)

    # -- cross-article ------------------------------------------------------------
    def _detect_reuse(self, article: Article, sigs: list[reuse.SentenceSig]) -> None:
        """Align ``article`` with every stored article sharing an LSH band with it; store the reuse found."""
        # the articles sharing the most sentence bands; a report copies from a handful of sources, not hundreds
        ranked = self.store.reuse_candidates(article.article_id, sigs, limit=MAX_REUSE_CANDIDATES)
        if not ranked:
            return
        others = {a: self._recent[a] for a in ranked if a in self._recent}
        if len(others) < len(ranked):
            others.update(self.store.get_articles([a for a in ranked if a not in others]))
        # compare() is symmetric: each pair is oriented copy -> origin by publication date
        pairs = [reuse.compare(article, others[o]) for o in sorted(ranked) if o in others]
        self.store.save_reuse(*(p for p in pairs if p))

    def _remember(self, article: Article) -> None:
        """Keep a stored article for :meth:`_detect_reuse` (stored articles never change; the oldest go).
        Alignment reads the text: the raw document (a whole HTML page, perhaps) is not kept."""
        self._recent[article.article_id] = dataclasses.replace(article, raw="") if article.raw else article
        while len(self._recent) > RECENT_ARTICLES:
            self._recent.popitem(last=False)

    def relink(self, article_ids: Sequence[str]) -> int:
        """Re-cluster the events touched by these articles. Returns the number of events written.

        The mentions re-linked are the new articles' mentions and those of the
        articles they share reused text with (their reports' ``reused_from`` may
        change), plus everything connected to them by a chain of compatible
        mentions (:func:`dedupe.expand`) and the other members of their current
        events. That set is closed, so linking it alone gives the same events as
        linking the whole store: ingest order does not matter.
        """
        ids = set(article_ids)
        partners = {x for p in self.store.reuse_pairs(ids) for x in (p.article_id, p.reused_from)} - ids
        seeds = self.store.mentions_for_articles(ids | partners)
        if not seeds:
            return 0

        def fetch(country, start, end):
            countries = {None if country == "?" else country}
            if start is None:
                return self.store.mentions_near(countries, None, None, undated=True)
            return self.store.mentions_near(countries, start, end, undated=False)

        scope = dedupe.expand(seeds, fetch)
        while True:
            old_events = self.store.event_ids_for_mentions(scope)
            # members of those events outside the scope (an analyst's merge) come along, so nothing is orphaned
            extra = self.store.mention_ids_for_events(old_events) - set(scope)
            found = [m for m in self.store.mentions_for_articles({mid.rsplit(":", 1)[0] for mid in extra})
                     if m.mention_id in extra] if extra else []
            if not found:
                break
            scope.update(dedupe.expand([*found, *scope.values()], fetch))
        mentions = sorted(scope.values(), key=dedupe.canonical_order)
        pairs = self.store.reuse_pairs({m.article_id for m in mentions})
        reused_from = reuse.reused_mentions(pairs, [(m.mention_id, m.article_id, m.quote.start, m.quote.end) for m in mentions])
        events = dedupe.link(mentions, reused_from)
        from eventcoder.review import apply_reviews

        events, status = apply_reviews(self.store, events, {m.mention_id: m for m in mentions})
        self.store.replace_events(old_events, events, status)
        return len(events)
