"""The queries: everything that reads or writes the database goes through :class:`Store`."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from eventcoder.link.bands import BandPostings
from eventcoder.link.reuse import ReusePair, SentenceSig
from eventcoder.model import Article, Event, EventMention
from eventcoder.store import schema as t
from eventcoder.store.codec import article_from_row, event_from_dict, event_to_dict, mention_from_dict, mention_to_dict
from eventcoder.store.db import open_engine


_VALUES_ROWS = 4000  # (band, sentence) rows per candidate query (a few hundred for a typical article)


_BAND = re.compile(r"\d{1,3}:[0-9a-f]{1,32}")
_BANDS = re.compile(r"(?:\d{1,3}:[0-9a-f]{1,32}\n)*")  # band ids, one per line


def _checked_bands(bands: Sequence[str]) -> None:
    """Raise ValueError unless every one of ``bands`` is an LSH band id (checked in one pass)."""
    if not _BANDS.fullmatch("".join(b + "\n" for b in bands)):
        bad = next(b for b in bands if not _BAND.fullmatch(b))
        raise ValueError(f"not an LSH band id: {bad!r}")


def _placeholder(c: Connection) -> str:
    """The driver's parameter marker, for statements sent with ``exec_driver_sql`` (sqlite3: ?, psycopg: %s)."""
    return "?" if c.dialect.paramstyle == "qmark" else "%s"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class _RecentBands:
    """The band rows this handle wrote last, kept in memory (:class:`BandPostings`, SQLite only):
    :meth:`Store.reuse_candidates` counts them there and asks the database only about the rows
    below the first of them.

    SQLite gives a new row the rowid one above the largest in the table, so the rows of the articles
    kept here are one run of rowids at the top of the table, and every row below the run is the
    database's to count. Before each use the run is checked against the table: when the largest
    rowid is not the last one written here (another writer, a rolled-back batch), the memory is
    emptied and the database counts every row until this handle writes again.
    """

    def __init__(self) -> None:
        self.postings = BandPostings()
        self._first: dict[str, int] = {}  # article kept -> the first rowid of its rows
        self._top: int | None = None  # the largest rowid as this handle last saw it (None: look again)
        self._floor = 1  # rows below this rowid are the database's to count
        self._lock = threading.Lock()

    @staticmethod
    def _max_rowid(c: Connection) -> int:
        return c.exec_driver_sql("SELECT max(rowid) FROM sentence_bands").scalar() or 0

    def _sync(self, c: Connection) -> None:
        top = self._max_rowid(c)
        if top != self._top:  # rows came or went behind our back: the database counts them all
            self.postings.clear()
            self._first.clear()
            self._top, self._floor = top, top + 1

    def next_row(self, c: Connection) -> int:
        """The rowid the next band row written will get."""
        with self._lock:
            self._sync(c)
            return self._top + 1

    def wrote(self, c: Connection, first: int, n: int) -> tuple[int, int] | None:
        """After writing ``n`` band rows of one article from rowid ``first``: their rowids, when checked."""
        with self._lock:
            if self._max_rowid(c) == first + n - 1 == self._top + n:
                return first, first + n - 1
            self._top = None
            return None

    def keep(self, article_id: str, sigs: Sequence[SentenceSig], rows: tuple[int, int]) -> None:
        """Keep the bands of an article written as rows ``rows`` (first, last rowid)."""
        with self._lock:
            if self._top != rows[0] - 1 or not BandPostings.fits(sigs):
                self._top = None  # memory and table out of step: start again from the table
                return
            for gone in self.postings.add(article_id, sigs):
                del self._first[gone]
            self._first[article_id] = rows[0]
            self._top = rows[1]
            oldest = self.postings.oldest()
            self._floor = self._first[oldest] if oldest is not None else self._top + 1

    def forget(self) -> None:
        with self._lock:
            self._top = None

    def counts(self, c: Connection, sigs: Sequence[SentenceSig], exclude: str) -> tuple[dict[str, int], int]:
        """The kept articles' counts (:meth:`BandPostings.counts`) and the rowid below which the database counts."""
        with self._lock:
            self._sync(c)
            return self.postings.counts(sigs, exclude), self._floor


class Store:
    """A handle on one eventcoder database (SQLite file or PostgreSQL URL)."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, engine=None):
        self.engine = engine or open_engine(db)
        self._batch: Connection | None = None  # the connection of an open batch()
        self._recent_bands = _RecentBands() if self.engine.dialect.name == "sqlite" else None

    # -- transactions -----------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator["Store"]:
        """Make every read and write of the block go through one connection and one transaction.

        One commit for many articles instead of several per article (a commit costs milliseconds
        on SQLite, more on a networked PostgreSQL). Reads inside the block see its writes. The
        block commits when it ends and rolls back if it raises: what earlier blocks committed
        stays. Blocks do not nest.
        """
        if self._batch is not None:
            raise RuntimeError("Store.batch() blocks do not nest")
        with self.engine.begin() as c:
            self._batch = c
            try:
                yield self
            except BaseException:
                if self._recent_bands:
                    self._recent_bands.forget()  # the block's band rows are rolled back
                raise
            finally:
                self._batch = None

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        if self._batch is not None:
            yield self._batch
        else:
            with self.engine.connect() as c:
                yield c

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        if self._batch is not None:
            yield self._batch
        else:
            with self.engine.begin() as c:
                yield c

    @property
    def url(self) -> str:
        return str(self.engine.url)

    # -- articles -------------------------------------------------------------
    def article_id_for_hash(self, content_hash: str) -> str | None:
        with self._reading() as c:
            return c.execute(select(t.articles.c.article_id).where(t.articles.c.content_hash == content_hash)).scalar()

    def add_article(self, article: Article, mentions: Sequence[EventMention], sigs: Sequence[SentenceSig]) -> bool:
        """Store an article with its mentions and reuse bands in one transaction.

        Returns False (and writes nothing) when the same content is already stored.
        """
        kept = None
        with self._writing() as c:
            exists = c.execute(select(t.articles.c.article_id).where(t.articles.c.content_hash == article.content_hash)).scalar()
            if exists:
                return False
            c.execute(insert(t.articles).values(
                article_id=article.article_id, content_hash=article.content_hash, source=article.source, url=article.url,
                title=article.title, author=article.author, published=article.published, language=article.language,
                origin=article.origin, raw=article.raw, text=article.text, ingested_at=article.ingested_at or utcnow(),
            ))
            if mentions:
                c.execute(insert(t.mentions), [{
                    "mention_id": m.mention_id, "article_id": m.article_id, "sub_event_type": m.sub_event_type,
                    "event_date": m.event_date, "country": m.place.iso3 if m.place else None, "modality": m.modality,
                    "data": mention_to_dict(m),
                } for m in mentions])
            rows = [(b, article.article_id, s.index) for s in sigs for b in s.bands]
            if rows:
                first = self._recent_bands.next_row(c) if self._recent_bands else None
                # hundreds of rows per article: straight to the driver's executemany, past SQLAlchemy's
                # per-row parameter processing (plain strings and integers need none)
                ph = _placeholder(c)
                c.exec_driver_sql(f"INSERT INTO sentence_bands (band, article_id, sentence) VALUES ({ph}, {ph}, {ph})", rows)
                if first is not None:
                    kept = self._recent_bands.wrote(c, first, len(rows))
        if kept:  # written (committed now, or with the batch: a batch that rolls back forgets them)
            self._recent_bands.keep(article.article_id, sigs, kept)
        return True

    def get_article(self, article_id: str) -> Article | None:
        with self._reading() as c:
            row = c.execute(select(t.articles).where(t.articles.c.article_id == article_id)).first()
        return article_from_row(row) if row else None

    def get_articles(self, ids: Iterable[str]) -> dict[str, Article]:
        ids = list(set(ids))
        out: dict[str, Article] = {}
        with self._reading() as c:
            for i in range(0, len(ids), 500):
                for row in c.execute(select(t.articles).where(t.articles.c.article_id.in_(ids[i:i + 500]))):
                    a = article_from_row(row)
                    out[a.article_id] = a
        return out

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[Article]:
        q = select(t.articles).order_by(t.articles.c.published.is_(None), t.articles.c.published, t.articles.c.article_id)
        if limit is not None:
            q = q.limit(limit).offset(offset)
        with self._reading() as c:
            return [article_from_row(r) for r in c.execute(q)]

    def count(self, table: str) -> int:
        with self._reading() as c:
            return c.execute(select(func.count()).select_from(t.metadata.tables[table])).scalar() or 0

    # -- reuse ----------------------------------------------------------------
    def reuse_candidates(self, article_id: str, sigs: Sequence[SentenceSig], limit: int | None = None) -> list[str]:
        """Other articles sharing an LSH band with ``sigs``, the most similar first, at most ``limit``.

        Similarity is the number of distinct (my sentence, their sentence) pairs that share a band;
        ties go by article id. On SQLite, the last articles this handle stored are counted in memory
        (:class:`_RecentBands`) and the database counts the others; otherwise the database counts
        them all. A sentence pair shares many bands and a popular story has many stored copies:
        none of those rows need to reach Python.
        """
        pairs = sorted({(b, s.index) for s in sigs for b in s.bands})
        if not pairs:
            return []
        _checked_bands([b for b, _ in pairs])
        counts: dict[str, int] = {}
        below = None  # the database counts every row (None) or the rows below this rowid
        with self._reading() as c:
            if self._recent_bands:
                counts, below = self._recent_bands.counts(c, sigs, exclude=article_id)
            if below != 1:  # (rowids start at 1: nothing below 1)
                self._count_candidates(c, article_id, pairs, below, limit, counts)
        ranked = sorted(counts, key=lambda a: (-counts[a], a))
        return ranked if limit is None else ranked[:limit]

    @staticmethod
    def _count_candidates(c: Connection, article_id: str, pairs: list[tuple[str, int]], below: int | None,
                          limit: int | None, counts: dict[str, int]) -> None:
        """Add the database's counts for :meth:`reuse_candidates` to ``counts`` (band rows below rowid ``below``)."""
        # chunks partition *my* sentences, so per-chunk counts of distinct pairs add up exactly
        by_sentence: dict[int, list[tuple[str, int]]] = {}
        for p in pairs:
            by_sentence.setdefault(p[1], []).append(p)
        chunks: list[list[tuple[str, int]]] = [[]]
        for sentence in sorted(by_sentence):
            if chunks[-1] and len(chunks[-1]) + len(by_sentence[sentence]) > _VALUES_ROWS:
                chunks.append([])
            chunks[-1].extend(by_sentence[sentence])
        for chunk in chunks:
            # The (band, sentence) rows go into the SQL as literals: SQLAlchemy compiles a VALUES
            # list of bound parameters anew on every call (tens of ms), and these are our own LSH
            # band ids (digits, ':' and hex) and integers, checked here, never text from an article.
            # The statement goes straight to the driver: it is too long for SQLAlchemy's text() to
            # scan for parameters every time.
            rows = ", ".join(f"('{b}', {int(i)})" for b, i in chunk)
            sql = (f"WITH mine(band, s) AS (VALUES {rows}) "
                   "SELECT sb.article_id, COUNT(DISTINCT mine.s * 1000000 + sb.sentence) AS n "
                   "FROM sentence_bands sb JOIN mine ON sb.band = mine.band "
                   f"WHERE sb.article_id != {_placeholder(c)}")
            if below is not None:
                sql += f" AND sb.rowid < {int(below)}"
            sql += " GROUP BY sb.article_id"
            # the best `limit` of one query are the best overall: an article's rows are all in memory or
            # all below `below`, and chunks of several queries partition my sentences, not the articles
            if limit is not None and len(chunks) == 1:
                sql += f" ORDER BY n DESC, sb.article_id LIMIT {int(limit)}"
            for other, k in c.exec_driver_sql(sql, (article_id,)):
                counts[other] = counts.get(other, 0) + k

    def save_reuse(self, *pairs: ReusePair) -> None:
        """Store reuse pairs (in one transaction), replacing what was stored for the same two articles."""
        if not pairs:
            return
        latest = {frozenset((p.article_id, p.reused_from)): p for p in pairs}  # one row per two articles: the last given
        with self._writing() as c:
            # one executemany DELETE (either orientation of every pair: primary-key lookups) and one INSERT
            ph = _placeholder(c)
            c.exec_driver_sql(f"DELETE FROM reuse WHERE article_id = {ph} AND reused_from = {ph}",
                              [x for p in latest.values() for x in ((p.article_id, p.reused_from), (p.reused_from, p.article_id))])
            c.execute(insert(t.reuse), [{"article_id": p.article_id, "reused_from": p.reused_from,
                                         "direction_known": p.direction_known, "passages": p.passages}
                                        for p in latest.values()])

    def reuse_pairs(self, article_ids: Iterable[str] | None = None) -> list[ReusePair]:
        q = select(t.reuse).order_by(t.reuse.c.article_id, t.reuse.c.reused_from)
        if article_ids is not None:
            ids = list(set(article_ids))
            q = q.where(or_(t.reuse.c.article_id.in_(ids), t.reuse.c.reused_from.in_(ids)))
        with self._reading() as c:
            return [ReusePair(r.article_id, r.reused_from, bool(r.direction_known), list(r.passages)) for r in c.execute(q)]

    # -- mentions -------------------------------------------------------------
    def mentions_for_articles(self, article_ids: Iterable[str]) -> list[EventMention]:
        ids = list(set(article_ids))
        out = []
        with self._reading() as c:
            for i in range(0, len(ids), 500):
                for r in c.execute(select(t.mentions.c.data).where(t.mentions.c.article_id.in_(ids[i:i + 500]))):
                    out.append(mention_from_dict(r.data))
        return out

    def mentions_near(self, countries: set[str | None], start: date | None, end: date | None, *, undated: bool) -> list[EventMention]:
        """Mentions in ``countries`` dated within [start, end] (and undated ones when asked)."""
        conds = []
        named = [c for c in countries if c]
        country_cond = t.mentions.c.country.in_(named) if named else None
        if None in countries:
            country_cond = or_(country_cond, t.mentions.c.country.is_(None)) if country_cond is not None else t.mentions.c.country.is_(None)
        if start and end:
            conds.append(t.mentions.c.event_date.between(start, end))
        if undated:
            conds.append(t.mentions.c.event_date.is_(None))
        if not conds:
            return []
        q = select(t.mentions.c.data).where(or_(*conds))
        if country_cond is not None:
            q = q.where(country_cond)
        with self._reading() as c:
            return [mention_from_dict(r.data) for r in c.execute(q)]

    def unlinked_article_ids(self) -> list[str]:
        """Articles with mentions that belong to no event (an interrupted run leaves these)."""
        q = select(t.mentions.c.article_id).distinct().where(
            ~t.mentions.c.mention_id.in_(select(t.event_reports.c.mention_id)))
        with self._reading() as c:
            return [r[0] for r in c.execute(q)]

    # -- events ---------------------------------------------------------------
    def _report_links(self, want, match, ids: Iterable[str]) -> set[str]:
        """Values of column ``want`` in event_reports where column ``match`` is one of ``ids`` (chunked IN)."""
        ids = list(set(ids))
        out: set[str] = set()
        with self._reading() as c:
            for i in range(0, len(ids), 500):
                out.update(r[0] for r in c.execute(select(want).where(match.in_(ids[i:i + 500]))))
        return out

    def event_ids_for_mentions(self, mention_ids: Iterable[str]) -> set[str]:
        return self._report_links(t.event_reports.c.event_id, t.event_reports.c.mention_id, mention_ids)

    def mention_ids_for_events(self, event_ids: Iterable[str]) -> set[str]:
        return self._report_links(t.event_reports.c.mention_id, t.event_reports.c.event_id, event_ids)

    def replace_events(self, old_event_ids: Iterable[str], events: Sequence[Event], status: dict[str, str] | None = None) -> None:
        """Swap a set of machine events for their re-linked versions, in one transaction."""
        old = list(set(old_event_ids))
        now = utcnow()
        status = status or {}
        with self._writing() as c:
            for i in range(0, len(old), 500):
                chunk = old[i:i + 500]
                c.execute(delete(t.event_reports).where(t.event_reports.c.event_id.in_(chunk)))
                c.execute(delete(t.events).where(t.events.c.event_id.in_(chunk)))
            if events:
                c.execute(insert(t.events), [self._event_row(e, now, status.get(e.event_id, "machine")) for e in events])
                c.execute(insert(t.event_reports), [
                    {"event_id": e.event_id, "mention_id": r.mention_id, "article_id": r.article_id,
                     "reused_from": r.reused_from, "independent": r.independent}
                    for e in events for r in e.reports])

    @staticmethod
    def _event_row(e: Event, now: datetime, status: str) -> dict[str, Any]:
        p = e.place
        return {
            "event_id": e.event_id, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
            "event_date": e.event_date, "country": p.country if p else None, "admin1": p.admin1 if p else None,
            "location": p.location if p else None, "actor1": e.actor1, "actor2": e.actor2, "fatalities": e.fatalities,
            "modality": e.modality, "independent_sources": e.independent_sources,
            "latitude": p.latitude if p else None, "longitude": p.longitude if p else None, "status": status,
            "search_text": " ".join(filter(None, [e.notes, e.actor1, e.actor2, p.location if p else None,
                                                  " ".join(r.source or "" for r in e.reports)])).lower(),
            "data": event_to_dict(e), "updated_at": now,
        }

    def update_event(self, e: Event, status: str) -> None:
        row = self._event_row(e, utcnow(), status)
        with self._writing() as c:
            c.execute(update(t.events).where(t.events.c.event_id == e.event_id).values(**row))

    def get_event(self, event_id: str) -> tuple[Event, str] | None:
        with self._reading() as c:
            r = c.execute(select(t.events.c.data, t.events.c.status).where(t.events.c.event_id == event_id)).first()
        return (event_from_dict(r.data), r.status) if r else None

    def events(self, *, where: Sequence[Any] = (), order_by: Sequence[Any] = (), limit: int | None = None,
               offset: int = 0) -> list[tuple[Event, str]]:
        q = select(t.events.c.data, t.events.c.status).where(*where)
        q = q.order_by(*(order_by or (t.events.c.event_date.is_(None), t.events.c.event_date, t.events.c.event_id)))
        if limit is not None:
            q = q.limit(limit).offset(offset)
        with self._reading() as c:
            return [(event_from_dict(r.data), r.status) for r in c.execute(q)]

    def count_events(self, where: Sequence[Any] = ()) -> int:
        with self._reading() as c:
            return c.execute(select(func.count()).select_from(t.events).where(*where)).scalar() or 0

    def event_columns(self, columns: Sequence[str], *, where: Sequence[Any] = (), limit: int | None = None) -> list[tuple]:
        """Plain column values of the events matching ``where`` in storage order, without decoding their JSON (maps)."""
        q = select(*(t.events.c[name] for name in columns)).where(*where)
        if limit is not None:
            q = q.limit(limit)
        with self._reading() as c:
            return [tuple(r) for r in c.execute(q)]

    def event_counts(self, columns: Sequence[str], *, where: Sequence[Any] = ()) -> list[tuple]:
        """``(*values, events, fatalities)`` for each distinct value of ``columns`` among the events matching ``where``."""
        cols = [t.events.c[name] for name in columns]
        q = select(*cols, func.count(), func.coalesce(func.sum(t.events.c.fatalities), 0)).where(*where).group_by(*cols)
        with self._reading() as c:
            return [tuple(r) for r in c.execute(q)]

    # -- review & audit ---------------------------------------------------------
    def add_review(self, event_id: str, action: str, payload: dict, who: str) -> None:
        with self._writing() as c:
            c.execute(insert(t.reviews).values(event_id=event_id, action=action, payload=payload, who=who, at=utcnow()))

    def reviews(self, anchors: Iterable[str] | None = None) -> list[dict]:
        q = select(t.reviews).order_by(t.reviews.c.id)
        with self._reading() as c:
            rows = [dict(r._mapping) for r in c.execute(q)]
        if anchors is not None:
            anchors = set(anchors)
            rows = [r for r in rows if set(r["payload"].get("mentions", [])) & anchors]
        return rows

    def audit(self, who: str, action: str, event_id: str | None, before: Any, after: Any) -> None:
        with self._writing() as c:
            c.execute(insert(t.audit_log).values(at=utcnow(), who=who, action=action, event_id=event_id,
                                                 before=before, after=after))

    def audit_log(self, event_id: str | None = None, limit: int = 200) -> list[dict]:
        q = select(t.audit_log).order_by(t.audit_log.c.id.desc()).limit(limit)
        if event_id:
            q = q.where(t.audit_log.c.event_id == event_id)
        with self._reading() as c:
            return [dict(r._mapping) for r in c.execute(q)]
