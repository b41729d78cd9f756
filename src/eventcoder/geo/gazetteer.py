"""The gazetteer: the bundled GeoNames subset, and GeoNames dumps loaded into the store.

Two sources answer the same question ("which places are called *this*?"):

* :func:`bundled` — ``geo/data/places.tsv.gz``, every GeoNames place of 500+
  inhabitants with admin1/admin2 names, plus ``admin1.tsv.gz`` (first-order
  divisions with centroids) and ``common_words.txt``. Built by
  ``scripts/build_gazetteer.py``; read once per process, lazily (about 0.25 s),
  with the key index ``places.keys.gz`` derived from the places (:func:`write_key_index`).
* :class:`StoreGazetteer` — the ``gazetteer`` and ``gazetteer_names`` tables a
  user fills with :func:`load_dump` (``eventcoder gazetteer load ML.txt``),
  so villages the bundle lacks resolve too.

Every place comes back as a :class:`GeoRecord`; lookups take *folded* keys
(:func:`eventcoder.geo.names.fold`).
"""

from __future__ import annotations

import bisect
import io
import re
import threading
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from eventcoder.geo.names import ascii_name, fold, is_latin

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Engine

DATA = "eventcoder.geo.data"
GEONAMES_COLUMNS = 19
DEFAULT_FEATURE_CLASSES = ("P", "A")  # populated places and administrative areas


@dataclass(frozen=True, slots=True)
class GeoRecord:
    """One GeoNames place."""

    geonameid: int
    name: str
    asciiname: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    admin1: str | None  # name, when the source knows it
    admin2: str | None
    population: int
    feature_code: str = ""
    feature_class: str = "P"
    source: str = "bundle"  # "bundle" | "store"

    @property
    def is_capital(self) -> bool:
        return self.feature_code == "PPLC"


@dataclass(frozen=True, slots=True)
class Admin1:
    """A first-order administrative division (region, province, state)."""

    country_code: str
    code: str
    name: str
    latitude: float
    longitude: float
    population: int = 0
    largest_geonameid: int | None = None


# -- the bundled gazetteer -------------------------------------------------------------------------
# The key index (``places.keys.gz``): one line per folded name, ``key<TAB>row,row,...`` (rows of
# ``places.tsv``, ascending), the lines sorted, so a key is found by bisection. Reading it takes a tenth
# of the time building a dict of the 470,000 keys of ``places.tsv`` takes. It is derived from
# ``places.tsv.gz`` alone (:func:`write_key_index`); its first line names the CRC-32 of the places it
# was made from, and an index made from other places is not used (the index is then built here).
KEY_INDEX = "places.keys.gz"
_KEY_INDEX_HEADER = "# eventcoder key index of places.tsv crc32={crc:08x} rows={rows}"


def _gzip_crc(gz: bytes) -> int:
    """The CRC-32 of the uncompressed data, from the gzip trailer (RFC 1952): free to read."""
    return int.from_bytes(gz[-8:-4], "little")


def key_index_lines(lines: list[str]) -> list[str]:
    """The sorted ``key<TAB>rows`` lines of the key index of the ``places.tsv`` rows ``lines``.

    Keys are folded names (``[a-z0-9 ]``), and TAB sorts before every character of a key, so the
    lines sort as their keys do: ``"ab<TAB>..." < "ab c<TAB>..."``.
    """
    rows: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        for k in line.split("\t", 4)[3].split("|"):
            rows.setdefault(k, []).append(i)
    return sorted(f"{k}\t{','.join(map(str, ids))}" for k, ids in rows.items())


def write_key_index(data_dir: str | Path | None = None) -> Path:
    """(Re)write ``places.keys.gz`` beside ``places.tsv.gz`` (deterministic: same places, same bytes).

    Run after rebuilding the places (``scripts/build_gazetteer.py``)::

        .venv/bin/python -c "from eventcoder.geo.gazetteer import write_key_index; write_key_index()"
    """
    import gzip

    folder = Path(data_dir) if data_dir is not None else Path(__file__).resolve().parent / "data"
    gz = (folder / "places.tsv.gz").read_bytes()
    lines = zlib.decompress(gz, wbits=31).decode("utf-8").splitlines()
    header = _KEY_INDEX_HEADER.format(crc=_gzip_crc(gz), rows=len(lines))
    data = "\n".join([header, *key_index_lines(lines)]).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
        f.write(data)
    out = folder / KEY_INDEX
    out.write_bytes(buf.getvalue())
    return out


class Bundle:
    """The bundled GeoNames subset. Use :func:`bundled` (one instance per process).

    ``key_index``: the bytes of ``places.keys.gz`` (see :func:`write_key_index`); without it, or when
    it was made from other places, the index is built from ``places`` (slower).
    """

    def __init__(self, places: bytes, admin1: bytes, common_words: str, key_index: bytes | None = None):
        lines = zlib.decompress(places, wbits=31).decode("utf-8").splitlines()
        self._lines = lines
        index = None
        if key_index is not None:
            index = zlib.decompress(key_index, wbits=31).decode("utf-8").split("\n")
            if index[0] != _KEY_INDEX_HEADER.format(crc=_gzip_crc(places), rows=len(lines)):
                index = None  # stale: made from other places
            else:
                del index[0]
        self._index: list[str] = index if index is not None else key_index_lines(lines)
        self._ids: list[int] | None = None
        self.admin1s: dict[tuple[str, str], Admin1] = {}
        self._admin1_keys: dict[str, list[Admin1]] = {}
        for line in zlib.decompress(admin1, wbits=31).decode("utf-8").splitlines():
            cc, code, name, keys, lat, lon, pop, _n, largest = line.split("\t")
            a = Admin1(cc, code, name, float(lat), float(lon), int(pop), int(largest) if largest else None)
            self.admin1s[(cc, code)] = a
            for k in keys.split("|"):
                if k:
                    self._admin1_keys.setdefault(k, []).append(a)
        self.common_words = frozenset(w for w in common_words.split() if w)
        # Parsing rows is the cost of a lookup, and text after text asks for the same names: the answers
        # for the last names asked are kept (records are immutable, so they can be shared).
        self._names = lru_cache(maxsize=1 << 14)(self._names)  # type: ignore[method-assign]

    def __len__(self) -> int:
        return len(self._lines)

    def _index_line(self, key: str) -> str | None:
        """The ``key<TAB>rows`` line of ``key`` in the key index, or None."""
        prefix = key + "\t"
        index = self._index
        j = bisect.bisect_left(index, prefix)
        if j < len(index) and index[j].startswith(prefix):
            return index[j]
        return None

    def _rows(self, key: str) -> list[int]:
        line = self._index_line(key)
        return [] if line is None else [int(i) for i in line[len(key) + 1:].split(",")]

    def has(self, key: str) -> bool:
        return self._index_line(key) is not None

    def lookup(self, key: str) -> list[GeoRecord]:
        """Places one of whose names folds to ``key``."""
        return list(self._names(key)[0])

    def _record(self, i: int) -> GeoRecord:
        gid, name, asc, _keys, lat, lon, cc, a1, a1name, a2name, pop, fcode = self._lines[i].split("\t")
        return GeoRecord(int(gid), name, asc, float(lat), float(lon), cc, a1, a1name or None, a2name or None,
                         int(pop or 0), fcode)

    def get(self, geonameid: int) -> GeoRecord | None:
        if self._ids is None:
            self._ids = [int(line[: line.index("\t")]) for line in self._lines]
        i = bisect.bisect_left(self._ids, geonameid)
        return self._record(i) if i < len(self._ids) and self._ids[i] == geonameid else None

    def admin1(self, country_code: str, code: str) -> Admin1 | None:
        return self.admin1s.get((country_code, code))

    def admin1_lookup(self, key: str) -> list[Admin1]:
        return list(self._admin1_keys.get(key, ()))

    def names(self, key: str) -> tuple[tuple[GeoRecord, ...], tuple[Admin1, ...]]:
        """``(lookup(key), admin1_lookup(key))``, as tuples."""
        return self._names(key)

    def _names(self, key: str) -> tuple[tuple[GeoRecord, ...], tuple[Admin1, ...]]:
        return tuple(self._record(i) for i in self._rows(key)), tuple(self._admin1_keys.get(key, ()))

    def is_common_word(self, key: str) -> bool:
        return key in self.common_words


@lru_cache(maxsize=1)
def bundled() -> Bundle:
    """The bundled gazetteer, read on first use and kept for the process."""
    root = resources.files(DATA)
    index = root.joinpath(KEY_INDEX)
    return Bundle(
        root.joinpath("places.tsv.gz").read_bytes(),
        root.joinpath("admin1.tsv.gz").read_bytes(),
        root.joinpath("common_words.txt").read_text(encoding="utf-8"),
        index.read_bytes() if index.is_file() else None,
    )


# -- names -------------------------------------------------------------------------------------------
def keep_alternate(name: str) -> bool:
    """An alternate name worth matching: Latin script, capitalised, no digits, not a short code."""
    if not name or len(name) > 120 or not name[0].isupper():
        return False
    if any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 4):
        return False
    return is_latin(name) and len(name.split()) <= 6


def name_keys(name: str, asciiname: str = "", alternates: Iterable[str] = ()) -> list[str]:
    keys: list[str] = []
    for n in chain((name, asciiname), (a for a in alternates if keep_alternate(a))):
        k = fold(n) if n else ""
        if k and len(k) <= 200 and k not in keys:
            keys.append(k)
    return keys


_ADMIN_PREFIX = re.compile(
    r"^(?:Region|Province|Prefecture|Departement|Department|Governorate|Muhafazat|Wilaya|Wilayat(?:-e)?|State|District|Cercle|"
    r"Circonscription|Municipality|County|Division|Provincia|Regiao|Estado|Ville|City)\s+"
    r"(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|d'|of\s+(?:the\s+)?|da\s+|do\s+)?",
    re.I,
)
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:Region|Province|State|Governorate|Prefecture|District|Department|Oblast|Regional State|Division|County|Municipality|Area)$",
    re.I,
)


# English names ACLED uses where GeoNames' (2016) admin1 names differ; facts, not code.
ADMIN1_ENGLISH = {
    "Northern Darfur": "North Darfur", "Southern Darfur": "South Darfur", "Western Darfur": "West Darfur",
    "Eastern Darfur": "East Darfur", "Central Darfur": "Central Darfur", "Northern Kordofan": "North Kordofan",
    "Southern Kordofan": "South Kordofan", "Western Kordofan": "West Kordofan", "Nord Kivu": "North Kivu",
    "Sud Kivu": "South Kivu", "Adis Abeba": "Addis Ababa", "Arbil": "Erbil", "Ta'izz": "Taiz", "Sagain": "Sagaing",
    "Lower Shabeelle": "Lower Shabelle", "Middle Shabeelle": "Middle Shabelle", "Banaadir": "Banadir",
    "Al Hudaydah": "Al Hudaydah", "Amanat Al Asimah": "Amanat al Asimah",
}


def clean_admin_name(name: str) -> str:
    """``"Region de Segou" -> "Segou"``, ``"Tibesti Region" -> "Tibesti"``, ``"Nord Kivu" -> "North Kivu"`` (ASCII)."""
    s = ascii_name(name).strip()
    t = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", s)).strip() or s
    return ADMIN1_ENGLISH.get(t, t)


# -- GeoNames dumps in the store ---------------------------------------------------------------------
_generation = 0  # bumped by every load, so caches of store lookups know to refresh


def _open_text(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise ValueError(f"{path}: no .txt GeoNames file inside the zip")
            member = next((m for m in members if Path(m).stem == path.stem), members[0])
            with zf.open(member) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with open(path, encoding="utf-8") as f:
        yield from f


def _int(value: str, default: int | None = 0) -> int | None:
    value = value.strip()
    if not value:
        return default
    return int(float(value))


def parse_dump(path: str | Path, feature_classes: Iterable[str] | None = DEFAULT_FEATURE_CLASSES) -> Iterator[dict]:
    """Rows of a GeoNames dump (19 tab-separated columns), as dicts for the ``gazetteer`` table.

    Raises:
        ValueError: the file is missing or a line is not in the GeoNames format (the message names the line).
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    classes = set(feature_classes) if feature_classes else None
    try:
        for lineno, line in enumerate(_open_text(path), 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != GEONAMES_COLUMNS:
                raise ValueError(f"{path}:{lineno}: expected {GEONAMES_COLUMNS} tab-separated columns "
                                 f"(the GeoNames dump format), found {len(cols)}")
            if classes is not None and cols[6] not in classes:
                continue
            try:
                row = {
                    "geonameid": int(cols[0]),
                    "name": cols[1][:200],
                    "asciiname": (cols[2] or ascii_name(cols[1]))[:200],
                    "alternatenames": cols[3],
                    "latitude": float(cols[4]),
                    "longitude": float(cols[5]),
                    "feature_class": cols[6][:1] or None,
                    "feature_code": cols[7][:10] or None,
                    "country_code": cols[8][:2] or None,
                    "admin1_code": cols[10][:20] or None,
                    "admin2_code": cols[11][:80] or None,
                    "population": _int(cols[14]),
                }
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: bad number in a GeoNames row ({exc})") from None
            yield row
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason}); GeoNames dumps are UTF-8") from None


def _row_keys(row: dict) -> list[str]:
    alts = [a for a in (row.get("alternatenames") or "").split(",") if a]
    return name_keys(row["name"], row.get("asciiname") or "", alts)


def load_dump(engine: "Engine", path: str | Path, *, admin1_names: str | Path | None = None,
              feature_classes: Iterable[str] | None = DEFAULT_FEATURE_CLASSES, batch_size: int = 5000) -> int:
    """Load a GeoNames dump (e.g. ``ML.txt``, ``ML.zip`` or ``allCountries.txt``) into the store.

    Populated places and administrative areas (feature classes P and A) are kept
    by default; ``feature_classes=None`` keeps every row. Re-loading replaces the
    rows of the places in the file, so loading twice changes nothing. All or
    nothing: one transaction.

    Args:
        engine: a store engine (:func:`eventcoder.store.db.open_engine`).
        path: the dump, in the official 19-column tab-separated format.
        admin1_names: optional ``admin1CodesASCII.txt`` (``ML.05<TAB>Ségou<TAB>Segou<TAB>2451184``);
            its names become the admin1 names of the countries loaded.

    Returns:
        The number of places loaded from ``path``.

    Raises:
        ValueError: a file is missing or not in the GeoNames format.
    """
    from sqlalchemy import delete

    from eventcoder.store.schema import gazetteer, gazetteer_names

    global _generation
    n = 0
    countries: set[str] = set()
    with engine.begin() as conn:
        batch: list[dict] = []

        def flush() -> None:
            if not batch:
                return
            ids = [r["geonameid"] for r in batch]
            conn.execute(delete(gazetteer_names).where(gazetteer_names.c.geonameid.in_(ids)))
            conn.execute(delete(gazetteer).where(gazetteer.c.geonameid.in_(ids)))
            conn.execute(gazetteer.insert(), batch)
            names = [{"key": k, "geonameid": r["geonameid"]} for r in batch for k in _row_keys(r)]
            if names:
                conn.execute(gazetteer_names.insert(), names)
            batch.clear()

        seen: set[int] = set()
        for row in parse_dump(path, feature_classes):
            if row["geonameid"] in seen:  # a file listing a place twice: the last line wins
                flush()
                seen.clear()
            seen.add(row["geonameid"])
            batch.append(row)
            n += 1
            if row["country_code"]:
                countries.add(row["country_code"])
            if len(batch) >= batch_size:
                flush()
                seen.clear()
        flush()
        if admin1_names is not None:
            _load_admin1_names(conn, Path(admin1_names), countries)
    _generation += 1
    return n


def _load_admin1_names(conn, path: Path, countries: set[str]) -> int:
    """Name the admin1 areas of ``countries`` from GeoNames' admin1CodesASCII.txt."""
    from sqlalchemy import delete, func, select, update

    from eventcoder.store.schema import gazetteer, gazetteer_names

    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    done = 0
    for lineno, line in enumerate(_open_text(path), 1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4 or "." not in cols[0]:
            raise ValueError(f"{path}:{lineno}: expected 'CC.code<TAB>name<TAB>asciiname<TAB>geonameid' "
                             "(the GeoNames admin1CodesASCII.txt format)")
        cc, code = cols[0].split(".", 1)
        if cc not in countries:
            continue
        try:
            gid = int(cols[3])
        except ValueError:
            raise ValueError(f"{path}:{lineno}: bad geonameid {cols[3]!r}") from None
        name, asc = cols[1][:200], (cols[2] or ascii_name(cols[1]))[:200]
        old = conn.execute(select(gazetteer.c.name, gazetteer.c.alternatenames).where(gazetteer.c.geonameid == gid)).first()
        if old is not None:
            alts = ",".join(a for a in [old.name, old.alternatenames or ""] if a)
            conn.execute(update(gazetteer).where(gazetteer.c.geonameid == gid).values(
                name=name, asciiname=asc, alternatenames=alts, feature_class="A", feature_code="ADM1",
                country_code=cc, admin1_code=code))
        else:
            bundle_a1 = bundled().admin1(cc, code)
            if bundle_a1 is not None:
                lat, lon = bundle_a1.latitude, bundle_a1.longitude
            else:
                lat, lon = conn.execute(select(func.avg(gazetteer.c.latitude), func.avg(gazetteer.c.longitude)).where(
                    gazetteer.c.country_code == cc, gazetteer.c.admin1_code == code)).one()
                if lat is None:
                    continue
            alts = ""
            conn.execute(gazetteer.insert().values(
                geonameid=gid, name=name, asciiname=asc, alternatenames="", latitude=lat, longitude=lon,
                feature_class="A", feature_code="ADM1", country_code=cc, admin1_code=code, admin2_code=None, population=0))
        conn.execute(delete(gazetteer_names).where(gazetteer_names.c.geonameid == gid))
        keys = name_keys(name, asc, alts.split(",") if alts else ())
        conn.execute(gazetteer_names.insert(), [{"key": k, "geonameid": gid} for k in keys])
        done += 1
    return done


class StoreGazetteer:
    """Places of GeoNames dumps loaded into a store (see :func:`load_dump`)."""

    CHUNK = 400
    EMPTY_TTL = 30.0  # seconds an "empty gazetteer" answer is trusted

    def __init__(self, engine: "Engine"):
        self.engine = engine
        self._gen = -1
        self._empty_at: float | None = None
        self._admin_names: dict[tuple, str | None] = {}
        self._lock = threading.Lock()

    def _refresh(self) -> None:
        if self._gen != _generation:
            self._gen = _generation
            self._empty_at = None
            self._admin_names.clear()

    def is_empty(self) -> bool:
        from sqlalchemy import select

        from eventcoder.store.schema import gazetteer

        self._refresh()
        now = time.monotonic()
        if self._empty_at is not None and now - self._empty_at < self.EMPTY_TTL:
            return True
        try:
            with self.engine.connect() as conn:
                empty = conn.execute(select(gazetteer.c.geonameid).limit(1)).first() is None
        except Exception:  # no such table: a store without the schema has no loaded places
            empty = True
        self._empty_at = now if empty else None
        return empty

    def lookup_many(self, keys: Iterable[str]) -> dict[str, list[GeoRecord]]:
        """Folded key -> places of the store called so (features of class P and A)."""
        from sqlalchemy import select

        from eventcoder.store.schema import gazetteer, gazetteer_names

        keys = sorted(set(keys))
        out: dict[str, list[GeoRecord]] = {}
        if not keys or self.is_empty():
            return out
        rows = []
        with self.engine.connect() as conn:
            for i in range(0, len(keys), self.CHUNK):
                chunk = keys[i:i + self.CHUNK]
                q = (select(gazetteer_names.c.key, gazetteer).join(gazetteer, gazetteer.c.geonameid == gazetteer_names.c.geonameid)
                     .where(gazetteer_names.c.key.in_(chunk)))
                rows.extend(conn.execute(q).mappings().all())
            for r in rows:
                out.setdefault(r["key"], []).append(self._record(conn, r))
        return out

    def _record(self, conn, r) -> GeoRecord:
        cc, a1, a2 = r["country_code"] or "", r["admin1_code"] or "", r["admin2_code"] or ""
        return GeoRecord(
            geonameid=r["geonameid"], name=r["name"], asciiname=r["asciiname"] or ascii_name(r["name"]),
            latitude=r["latitude"], longitude=r["longitude"], country_code=cc, admin1_code=a1,
            admin1=self._admin_name(conn, "ADM1", cc, a1, ""), admin2=self._admin_name(conn, "ADM2", cc, a1, a2) if a2 else None,
            population=r["population"] or 0, feature_code=r["feature_code"] or "", feature_class=r["feature_class"] or "P",
            source="store",
        )

    def admin1_name(self, country_code: str, code: str) -> str | None:
        if not code or self.is_empty():
            return None
        with self.engine.connect() as conn:
            return self._admin_name(conn, "ADM1", country_code, code, "")

    def _admin_name(self, conn, level: str, cc: str, a1: str, a2: str) -> str | None:
        from sqlalchemy import select

        from eventcoder.store.schema import gazetteer

        if not cc or not a1:
            return None
        key = (level, cc, a1, a2)
        with self._lock:
            if key in self._admin_names:
                return self._admin_names[key]
        q = select(gazetteer.c.asciiname, gazetteer.c.name).where(
            gazetteer.c.feature_code == level, gazetteer.c.country_code == cc, gazetteer.c.admin1_code == a1)
        if level == "ADM2":
            q = q.where(gazetteer.c.admin2_code == a2)
        row = conn.execute(q.order_by(gazetteer.c.geonameid).limit(1)).first()
        name = clean_admin_name(row.asciiname or row.name) if row else None
        with self._lock:
            self._admin_names[key] = name
        return name
