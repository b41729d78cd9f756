"""Latency of the event list API on a large database (not part of pytest).

    .venv/bin/python benchmarks/bench_api.py                  # 100k events, 40 requests per case
    .venv/bin/python benchmarks/bench_api.py --events 20000 --requests 20
    .venv/bin/python benchmarks/bench_api.py --db /tmp/api100k.db   # reuse a database built before

Builds a SQLite store of synthetic events straight through ``Store.add_article`` (articles carrying the
mentions the reports point to) and ``Store.replace_events`` (batch insert), then times requests through
the ASGI app in-process (``fastapi.testclient``: routing, validation, the query, JSON encoding; no
network). Prints p50 / p95 / max per filter combination. Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

from eventcoder import taxonomy
from eventcoder.model import Article, Event, EventMention, Place, Report, Span
from eventcoder.store.repo import Store

COUNTRIES = [
    ("Mali", "MLI", 466, 12.6, -8.0, ["Bamako", "Mopti", "Gao", "Timbuktu", "Kayes", "Segou"]),
    ("Chad", "TCD", 148, 12.1, 15.0, ["N'Djamena", "Logone Occidental", "Ouaddai", "Lac", "Tibesti", "Moyen-Chari"]),
    ("Nigeria", "NGA", 566, 9.1, 7.4, ["Borno", "Lagos", "Kano", "Zamfara", "Kaduna", "Rivers"]),
    ("Burkina Faso", "BFA", 854, 12.4, -1.5, ["Centre", "Sahel", "Est", "Nord", "Boucle du Mouhoun", "Centre-Nord"]),
    ("Niger", "NER", 562, 13.5, 2.1, ["Niamey", "Tillaberi", "Diffa", "Tahoua", "Agadez", "Maradi"]),
    ("Sudan", "SDN", 729, 15.5, 32.5, ["Khartoum", "North Darfur", "South Darfur", "Kassala", "Gezira", "Blue Nile"]),
    ("Cameroon", "CMR", 120, 3.9, 11.5, ["Far North", "Northwest", "Southwest", "Centre", "Littoral", "Adamawa"]),
    ("Libya", "LBY", 434, 32.9, 13.2, ["Tripoli", "Benghazi", "Misrata", "Sabha", "Sirte", "Derna"]),
    ("Somalia", "SOM", 706, 2.0, 45.3, ["Banadir", "Lower Shabelle", "Bay", "Gedo", "Hiraan", "Mudug"]),
    ("Ethiopia", "ETH", 231, 9.0, 38.7, ["Amhara", "Oromia", "Tigray", "Afar", "Somali", "Addis Ababa"]),
]
ACTORS = ["Police Forces", "Military Forces", "Protesters", "Rioters", "Civilians", "Unidentified Armed Group",
          "JNIM", "ISWAP", "RSF", "Al Shabaab", "Communal Militia", "Teachers", "Traders", "Students"]
WORDS = ["fuel", "prices", "election", "curfew", "market", "checkpoint", "convoy", "village", "school", "strike",
         "attack", "clashes", "arrested", "march", "teargas", "road", "camp", "mine", "water", "salary"]
SUBS = list(taxonomy.SUB_EVENT_TYPES.values())
PER_ARTICLE = 100


def build(path: Path, n: int, seed: int) -> Store:
    """A store with ``n`` synthetic events, one report each, spread over 3 years and 10 countries."""
    rng = random.Random(seed)
    store = Store(path)
    start = date(2022, 1, 1)
    t0 = time.perf_counter()
    batch: list[Event] = []
    for a in range(0, n, PER_ARTICLE):
        text = " ".join(rng.choice(WORDS) for _ in range(PER_ARTICLE * 12))
        article = Article.from_text(f"synthetic article {a}: {text}", title=f"Synthetic report {a}",
                                    source=f"Outlet {a % 37}", published=start + timedelta(days=a % 1095))
        mentions, events = [], []
        for k in range(min(PER_ARTICLE, n - a)):
            i = a + k
            country, iso3, iso, lat, lon, admins = COUNTRIES[rng.randrange(len(COUNTRIES))]
            sub = rng.choice(SUBS)
            day = start + timedelta(days=rng.randrange(1095))
            place = Place(location=f"Town {rng.randrange(500)}", country=country, iso=iso, iso3=iso3,
                          admin1=rng.choice(admins), latitude=lat + rng.uniform(-3, 3), longitude=lon + rng.uniform(-3, 3),
                          geo_precision=1)
            quote = Span(article.article_id, k * 12, k * 12 + 11, article.text[k * 12:k * 12 + 11])
            mid = EventMention.make_id(article.article_id, quote.start)
            fatalities = rng.choice([0] * 6 + [rng.randrange(1, 60)])
            actor1 = f"{rng.choice(ACTORS)} ({country})"
            notes = f"{actor1} {' '.join(rng.choice(WORDS) for _ in range(14))} in {place.location}."
            modality = "occurred" if rng.random() < 0.9 else rng.choice(["planned", "threatened", "negated"])
            mentions.append(EventMention(mid, article.article_id, quote, sub.event_type, sub.name, event_date=day,
                                         place=place, actor1=actor1, fatalities=fatalities, modality=modality))
            events.append(Event(
                event_id=f"{iso3}{i:010d}", event_type=sub.event_type, sub_event_type=sub.name, event_date=day,
                time_precision=1, place=place, actor1=actor1, actor2=rng.choice([None, f"{rng.choice(ACTORS)} ({country})"]),
                fatalities=fatalities, fatalities_low=fatalities, fatalities_best=fatalities, fatalities_high=fatalities,
                modality=modality, confidence=round(rng.random(), 3), notes=notes,
                reports=[Report(article.article_id, mid, article.source, article.published, quote.text, quote.start, quote.end)],
                evidence={"sub_event_type": quote}, independent_sources=rng.choice([1, 1, 1, 2, 2, 3, 4]),
            ))
        store.add_article(article, mentions, [])
        batch += events
        if len(batch) >= 5000:
            store.replace_events([], batch)
            batch = []
    if batch:
        store.replace_events([], batch)
    print(f"built {n:,} events in {time.perf_counter() - t0:.1f} s -> {path}", file=sys.stderr)
    return store


CASES = [
    ("page 1, date asc (default)", {}),
    ("page 1, date desc", {"sort": "date", "order": "desc"}),
    ("country", {"country": "Mali"}),
    ("country + admin1", {"country": "Chad", "admin1": "Lac"}),
    ("event type + 3-month range", {"event_type": "Battles", "since": "2023-01-01", "until": "2023-03-31"}),
    ("sub-event type", {"sub_event_type": "Peaceful protest", "order": "desc"}),
    ("text search q", {"q": "checkpoint"}),
    ("actor substring", {"actor": "police"}),
    ("min fatalities, sort fatalities desc", {"min_fatalities": 10, "sort": "fatalities", "order": "desc"}),
    ("independent sources >= 3", {"min_sources": 3}),
    ("modality all", {"modality": "all"}),
    ("combined: country+type+range+min_fat", {"country": "Nigeria", "event_type": "Violence against civilians",
                                              "since": "2022-06-01", "until": "2023-06-01", "min_fatalities": 1}),
    ("deep page (offset 50,000)", {"offset": 50_000}),
    ("page size 500", {"limit": 500}),
]
OTHER = [
    ("map points (all, 20k cap)", "/api/events/points", {}),
    ("map points (country)", "/api/events/points", {"country": "Mali"}),
    ("aggregates (all)", "/api/aggregates", {}),
    ("aggregates (country)", "/api/aggregates", {"country": "Chad"}),
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def measure(client, path: str, params: dict, requests: int) -> dict:
    for _ in range(3):  # warm-up: connection pool, SQLite page cache
        client.get(path, params=params)
    times = []
    for _ in range(requests):
        t = time.perf_counter()
        r = client.get(path, params=params)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.text
    body = r.json()
    return {"p50_ms": statistics.median(times), "p95_ms": pct(times, 95), "max_ms": max(times),
            "total": body.get("total", body.get("total_events")) if isinstance(body, dict) else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40, help="timed requests per case")
    ap.add_argument("--db", type=Path, default=None, help="database file (built when missing or empty)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from eventcoder.web.app import create_app

    db = args.db or Path(f"/tmp/eventcoder-bench-api-{args.events}.db")
    store = Store(db)
    have = store.count_events()
    if have != args.events:
        if have:
            raise SystemExit(f"{db} holds {have:,} events, not {args.events:,}: remove it or pick another --db")
        store = build(db, args.events, args.seed)
    rows = []
    with TestClient(create_app(store=store)) as client:
        for name, params in CASES:
            rows.append({"case": name, "endpoint": "/api/events", **measure(client, "/api/events", params, args.requests)})
        for name, path, params in OTHER:
            rows.append({"case": name, "endpoint": path, **measure(client, path, params, max(5, args.requests // 4))})
    if args.json:
        print(json.dumps({"events": args.events, "requests": args.requests, "rows": rows}, indent=1))
        return 0
    print(f"{args.events:,} events, SQLite ({db}); {args.requests} timed requests per list case, in-process ASGI")
    print(f"{'case':42} {'endpoint':20} {'matches':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for r in rows:
        total = f"{r['total']:,}" if r["total"] is not None else "-"
        print(f"{r['case']:42} {r['endpoint']:20} {total:>8} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f}")
    worst = max((r for r in rows if r["endpoint"] == "/api/events"), key=lambda r: r["p95_ms"])
    print(f"worst list p95: {worst['p95_ms']:.1f} ms ({worst['case']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
