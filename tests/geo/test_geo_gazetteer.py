"""The gazetteer: the bundled GeoNames subset and GeoNames dumps loaded into the store.

``tests/geo/data/XX.txt`` is a GeoNames country file (19 tab-separated columns)
of made-up places — "Fictibougou-Test", "Imaginakoro", "Songebougou",
"Région Fictive de Test" — filed under Mali's code so that the country
tables apply. None of them exists.
"""

from __future__ import annotations

import importlib.util
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventcoder.extract.where import PlaceFinder
from eventcoder.geo.gazetteer import bundled, clean_admin_name, load_dump, parse_dump
from eventcoder.geo.geocoder import Geocoder
from eventcoder.store.db import open_engine
from eventcoder.store.schema import gazetteer, gazetteer_names

DATA = Path(__file__).with_name("data")
DUMP = DATA / "XX.txt"
ADMIN1 = DATA / "admin1CodesASCII.txt"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def engine(tmp_path):
    return open_engine(tmp_path / "gaz.db")


def _counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(gazetteer)).scalar_one(),
                conn.execute(select(func.count()).select_from(gazetteer_names)).scalar_one())


# -- the bundle ---------------------------------------------------------------------------------------
def test_bundle_loads_once_and_fast():
    bundled.cache_clear()
    t = time.perf_counter()
    b = bundled()
    took = time.perf_counter() - t
    assert len(b) > 200_000  # cities500: every place of 500+ inhabitants
    assert bundled() is b
    assert took < 5.0, f"loading the bundled gazetteer took {took:.2f}s"


def test_bundle_files_stay_small():
    data = ROOT / "src" / "eventcoder" / "geo" / "data"
    assert (data / "places.tsv.gz").stat().st_size < 8.5 * 2**20
    assert (data / "README.md").is_file()


def test_bundle_has_admin1_names_for_places():
    b = bundled()
    zouar = [r for r in b.lookup("zouar") if r.country_code == "TD"][0]
    assert (zouar.admin1, zouar.population > 500) == ("Tibesti", True)
    segou = [r for r in b.lookup("segou") if r.country_code == "ML"][0]
    assert segou.admin1 == "Segou" and segou.name == "Ségou" and segou.asciiname == "Segou"


def test_ndjamena_is_its_own_region_not_the_stale_chari_baguirmi():
    """rg's 2016 data files N'Djamena under Chari-Baguirmi; that name belongs to the code with most votes."""
    nd = [r for r in bundled().lookup("n djamena") if r.country_code == "TD"][0]
    assert nd.admin1 == "N'Djamena" and nd.is_capital


def test_admin1_centroids_for_precision_3_fallbacks():
    a = bundled().admin1("ML", "05")
    assert a.name == "Segou"
    assert 12 < a.latitude < 15.5 and -8 < a.longitude < -3


def test_common_english_words_are_flagged_but_capitals_are_not():
    b = bundled()
    assert b.is_common_word("independence") and b.is_common_word("police") and b.is_common_word("march")
    assert not b.is_common_word("paris") and not b.is_common_word("bamako")


def test_clean_admin_name_strips_region_words():
    assert clean_admin_name("Région de Ségou") == "Segou"
    assert clean_admin_name("Tibesti Region") == "Tibesti"
    assert clean_admin_name("Kayes") == "Kayes"


# -- the build script's rules -------------------------------------------------------------------------
def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_names_admin1_by_majority_and_unclaimed_codes_after_their_largest_place():
    build = _build_module()
    cities = [
        {"geonameid": 1, "name": "Alpha", "countrycode": "QQ", "admin1code": "01", "population": 5000},
        {"geonameid": 2, "name": "Beta", "countrycode": "QQ", "admin1code": "01", "population": 900},
        {"geonameid": 3, "name": "Capitalia", "countrycode": "QQ", "admin1code": "02", "population": 90000},
    ]
    matched = {1: {"admin1": "Old Region"}, 2: {"admin1": "Old Region"}, 3: {"admin1": "Old Region"}}
    names = build.admin1_names(cities, matched)
    assert names[("QQ", "01")] == "Old Region"  # two votes
    assert names[("QQ", "02")] == "Capitalia"  # its only vote was already claimed


def test_build_keeps_latin_capitalised_alternates_only():
    build = _build_module()
    keys = build.place_keys("Abéché", "Abeche", ["AEH", "Abeshe", "أبشي", "abese", "Абеше", "Fort 12"])
    assert keys == ["abeche", "abeshe"]


# -- loading a GeoNames dump --------------------------------------------------------------------------
def test_parse_dump_keeps_populated_places_and_admin_areas():
    rows = list(parse_dump(DUMP))
    assert {r["name"] for r in rows} == {"Fictibougou-Test", "Imaginakoro", "Région Fictive de Test", "Songebougou"}
    assert all(r["feature_class"] in ("P", "A") for r in rows)  # the mountain (class T) is left out


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_load_dump_is_idempotent(db_url):
    engine = open_engine(db_url)
    assert load_dump(engine, DUMP) == 5
    first = _counts(engine)
    assert load_dump(engine, DUMP) == 5
    assert _counts(engine) == first
    assert first[0] == 5 and first[1] >= 6


def test_loaded_dump_resolves_a_village_the_bundle_lacks(engine):
    assert not bundled().has("fictibougou test")
    assert Geocoder().resolve("Fictibougou-Test") is None
    load_dump(engine, DUMP)
    p = Geocoder(engine).resolve("Fictibougou-Test", country_hint="ML")
    assert (p.location, p.country, p.admin1, p.geo_precision) == ("Fictibougou-Test", "Mali", "Segou", 1)
    assert (p.latitude, p.longitude) == (13.4021, -6.1187)
    # and through the place finder bound to that store, by an alternate name too
    found = PlaceFinder.for_engine(engine).find("Soldiers raided Fictibugu Test on Monday.", country="ML")
    assert found and found[0][0].location == "Fictibougou-Test"


def test_admin1_named_in_the_text_breaks_a_tie_between_loaded_villages(engine):
    load_dump(engine, DUMP)
    finder = PlaceFinder.for_engine(engine)
    bigger = finder.find("Gunmen attacked Songebougou on Monday.", country="ML")[0][0]
    assert bigger.admin1 == "Koulikoro"  # no hint: the more populous one
    hinted = finder.find("Gunmen attacked Songebougou, in the Segou region, on Monday.", country="ML")[0][0]
    assert hinted.admin1 == "Segou"


def test_loaded_admin1_rows_name_regions_the_bundle_lacks(engine):
    load_dump(engine, DUMP)
    p = Geocoder(engine).resolve("Imaginakoro", country_hint="ML")
    assert p.admin1 == "Fictive de Test"  # "Région Fictive de Test" without its "Région"


def test_admin1_names_file_names_the_regions(engine):
    load_dump(engine, DUMP, admin1_names=ADMIN1)
    p = Geocoder(engine).resolve("Imaginakoro", country_hint="ML")
    assert p.admin1 == "Fictiva"  # the ASCII name, as ACLED writes region names
    with engine.connect() as conn:  # only the countries of the dump are named
        assert conn.execute(select(gazetteer.c.geonameid).where(gazetteer.c.geonameid == 9900099)).first() is None


def test_load_dump_reads_a_zip(engine, tmp_path):
    z = tmp_path / "XX.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(DUMP, "XX.txt")
        zf.writestr("readme.txt", "not a dump")
    assert load_dump(engine, z) == 5


def test_a_malformed_line_names_the_file_and_line_and_loads_nothing(engine, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(DUMP.read_text(encoding="utf-8") + "123\tonly three columns\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.txt:7: expected 19 tab-separated columns"):
        load_dump(engine, bad)
    assert _counts(engine) == (0, 0)
    with pytest.raises(ValueError, match="no such file"):
        load_dump(engine, tmp_path / "missing.txt")


def test_place_finder_for_engine_is_cached_per_url_and_default_is_engine_less(engine, tmp_path):
    assert PlaceFinder.for_engine(engine) is PlaceFinder.for_engine(engine)
    other = open_engine(tmp_path / "other.db")
    assert PlaceFinder.for_engine(other) is not PlaceFinder.for_engine(engine)
    assert PlaceFinder.default().geo.engine is None
