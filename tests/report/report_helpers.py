"""Helpers for the report tests: a hand-made store and a reader for rendered reports.

* ``build_handmade``: a store filled directly with hand-written articles, mentions and
  :class:`Event` objects (``Store.replace_events``), so the report tests do not depend
  on extraction quality. The story (our own words) follows a Mali crisis: killings in
  February, protests in April and June, a teachers' boycott told by two outlets where one
  copies the other, a coup, and an announced rally.
* the seed paths: the ``seeds_db`` fixture ingests the two seed articles from ``../shared/seeds`` (skips when
  the folder is missing; their text stays there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from eventcoder.link.reuse import ReusePair
from eventcoder.model import Article, Event, EventMention, Place, Report, Span
from eventcoder.store.repo import Store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_WSWS = SEEDS / "001_6dff0cb9d0f146f5.txt"
SEED_SW = SEEDS / "000_2acd1dbdbc1249de.txt"

BAMAKO = Place("Bamako", country="Mali", iso=466, iso3="MLI", admin1="Bamako", latitude=12.65, longitude=-8.0,
               geo_precision=1)
KERENA = Place("Kerena", country="Mali", iso=466, iso3="MLI", admin1="Segou", latitude=13.9, longitude=-5.9,
               geo_precision=1)
KAYES = Place("Kayes", country="Mali", iso=466, iso3="MLI", admin1="Kayes", latitude=14.45, longitude=-11.43,
              geo_precision=1)

# Articles: (key, outlet, published, title, sentences). Our own text, not the seeds'.
ARTICLES = [
    ("rights", "Rights Monitor", date(2020, 3, 2), "Soldiers accused over village killings", [
        "On 7 February soldiers killed eight villagers in Kerena and detained 22 others, witnesses said.",
        "Residents said the army had searched every house before the shooting began.",
    ]),
    ("courier", "Sahel Courier", date(2020, 6, 8), "Bamako crowds demand the president quit", [
        "Thousands of people marched in Bamako on 5 June to demand the resignation of President Keita.",
        "Teachers boycotted classes after the government reopened schools on 2 June, the union said.",
        "In April, police used tear gas on traders protesting in Bamako on 15 April.",
    ]),
    ("daily", "Bamako Daily", date(2020, 6, 10), "Teachers stay away as schools reopen", [
        "A large crowd gathered at Independence Square on 5 June calling on Keita to step down.",
        "Teachers boycotted classes after the government reopened schools on 2 June, the union said today.",
    ]),
    ("wire", "West Africa Wire", date(2020, 8, 19), "Soldiers seize Mali's president", [
        "Mutinous soldiers seized President Keita at his residence on Tuesday and announced a transition.",
        "Opposition leaders said a mass rally would be held in Bamako on Friday.",
        "Clashes in Kayes on 10 July left 11 dead and 40 injured, according to hospital staff.",
    ]),
    ("copydesk", "Copy Desk <b>News</b>", date(2020, 8, 21), "<script>alert('title')</script> Coup in Mali", [
        "Clashes in Kayes on 10 July left 11 dead and 40 injured, according to hospital staff members.",
        "Mutinous soldiers seized President Keita at his residence on Tuesday and announced a transition today.",
    ]),
]


@dataclass
class Handmade:
    db: str
    store: Store
    articles: dict[str, Article]
    events: dict[str, Event]


def _article(key, outlet, published, title, sentences) -> Article:
    text = " ".join(sentences)
    return Article.from_text(text, title=title, author=None, published=published, source=outlet,
                             url=f"https://example.org/{key}", origin=f"handmade/{key}")


def _mention(a: Article, n: int, sentence: str, sub: str) -> EventMention:
    start = a.text.index(sentence)
    from eventcoder import taxonomy

    return EventMention(mention_id=EventMention.make_id(a.article_id, start), article_id=a.article_id,
                        quote=Span(a.article_id, start, start + len(sentence), sentence), event_type=taxonomy.event_type_of(sub),
                        sub_event_type=sub, source=a.source, published=a.published)


def build_handmade(path: Path) -> Handmade:
    store = Store(path)
    arts = {k: _article(k, o, p, t, s) for k, o, p, t, s in ARTICLES}
    sent = {k: s for k, _, _, _, s in ARTICLES}
    plan = {  # event key -> [(article key, sentence index, reused_from article key or None)]
        "killings": [("rights", 0, None)],
        "april": [("courier", 2, None)],
        "june5": [("courier", 0, None), ("daily", 0, None)],
        "boycott": [("courier", 1, None), ("daily", 1, "courier")],
        "coup": [("wire", 0, None), ("copydesk", 1, "wire")],
        "kayes": [("copydesk", 0, "wire")],  # the only report copies an article that is not a report of it
        "rally": [("wire", 1, None)],
    }
    subs = {"killings": "Attack", "april": "Protest with intervention", "june5": "Peaceful protest",
            "boycott": "Peaceful protest", "coup": "Change to group/activity", "kayes": "Armed clash",
            "rally": "Peaceful protest"}
    mentions: dict[str, list[EventMention]] = {k: [] for k in arts}
    reports: dict[str, list[Report]] = {}
    for ev, items in plan.items():
        for ak, i, origin in items:
            a = arts[ak]
            m = _mention(a, i, sent[ak][i], subs[ev])
            mentions[ak].append(m)
            reports.setdefault(ev, []).append(Report(
                article_id=a.article_id, mention_id=m.mention_id, source=a.source, published=a.published,
                quote=m.quote.text, start=m.quote.start, end=m.quote.end,
                reused_from=arts[origin].article_id if origin else None,
                independent=not (origin and any(r[0] == origin for r in items))))
    for k, a in arts.items():
        assert store.add_article(a, mentions[k], [])
    store.save_reuse(ReusePair(arts["daily"].article_id, arts["courier"].article_id, True,
                               [{"quote": sent["daily"][1], "source_quote": sent["courier"][1], "start": 0, "end": 1,
                                 "similarity": 0.9}]))
    store.save_reuse(ReusePair(arts["copydesk"].article_id, arts["wire"].article_id, True,
                               [{"quote": s, "source_quote": s, "start": 0, "end": 1, "similarity": 0.95}
                                for s in sent["copydesk"]]))

    from eventcoder import taxonomy

    def event(key, sub, when, place, *, actor1=None, inter1=None, actor2=None, inter2=None, fat=(None, None, None),
              fatalities=None, injuries=None, arrests=None, modality="occurred", independent=1, precision=1):
        low, best, high = fat
        return Event(
            event_id=f"hm-{key}", event_type=taxonomy.event_type_of(sub), sub_event_type=sub, event_date=when,
            time_precision=precision, place=place, actor1=actor1, inter1=inter1, actor2=actor2, inter2=inter2,
            fatalities=fatalities if fatalities is not None else best, fatalities_low=low, fatalities_best=best,
            fatalities_high=high, injuries=injuries, arrests=arrests, modality=modality,
            reports=reports[key], independent_sources=independent, notes=reports[key][0].quote)

    events = {
        "killings": event("killings", "Attack", date(2020, 2, 7), KERENA, actor1="Military Forces of Mali (2013-2020)",
                          inter1=1, actor2="Civilians (Mali)", inter2=7, fat=(8, 8, 8), arrests=22),
        "april": event("april", "Protest with intervention", date(2020, 4, 15), BAMAKO, actor1="Protesters (Mali)",
                       inter1=6, actor2="Police Forces of Mali (2013-2020)", inter2=1),
        "june5": event("june5", "Peaceful protest", date(2020, 6, 5), BAMAKO, actor1="Protesters (Mali)", inter1=6,
                       independent=2),
        "boycott": event("boycott", "Peaceful protest", date(2020, 6, 2), BAMAKO, actor1="Protesters (Mali)", inter1=6,
                         actor2=None, independent=1),
        "coup": event("coup", "Change to group/activity", date(2020, 8, 18), BAMAKO,
                      actor1="Military Forces of Mali (2020-) Mutiny <img src=x onerror=alert(2)>", inter1=1,
                      actor2="Government of Mali (2013-2020)", inter2=1, independent=1),
        "kayes": event("kayes", "Armed clash", date(2020, 7, 10), KAYES, actor1="Protesters (Mali)", inter1=6,
                       actor2="Military Forces of Mali (2013-2020)", inter2=1, fat=(9, 11, 14), fatalities=11,
                       injuries=40, precision=2),
        "rally": event("rally", "Peaceful protest", date(2020, 8, 21), BAMAKO, actor1="Protesters (Mali)", inter1=6,
                       modality="planned"),
    }
    store.replace_events([], list(events.values()))
    return Handmade(str(path), store, arts, events)


# -- reading a rendered report ----------------------------------------------------------------------
class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each element that has an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self._buf: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("img", "br", "meta", "link", "input", "hr", "source"):
            return
        self._open.append((tag, a.get("id")))
        if a.get("id"):
            self._buf[a["id"]] = []

    def handle_endtag(self, tag):
        while self._open:
            t, i = self._open.pop()
            if i:
                self.text_by_id[i] = " ".join("".join(self._buf.pop(i, [])).split())
            if t == tag:
                break

    def handle_data(self, data):
        for _, i in self._open:
            if i:
                self._buf[i].append(data)


def parse_html(text: str) -> Elements:
    p = Elements()
    p.feed(text)
    p.close()
    return p


def figure(html: str, name: str) -> int:
    m = re.search(rf'data-figure="{name}">([^<]+)<', html)
    assert m, f"no figure {name!r} in the report"
    return int(m.group(1).replace(",", "").replace("+", ""))
