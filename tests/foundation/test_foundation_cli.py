"""The foundation's contract, exercised through the CLI as a user would."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.export.records import ACLED_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLE = ROOT / "src" / "eventcoder" / "data" / "sample_corpus"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present")


def run(*args, input=None):
    res = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    return res


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("sample") / "s.db"
    res = run("ingest", SAMPLE, "--db", db, "--quiet")
    assert res.exit_code == 0, res.output
    return db


@needs_seeds
def test_seed_june_article_metadata_title_author_and_date(tmp_path):
    db = tmp_path / "a.db"
    assert run("ingest", SEEDS / "001_6dff0cb9d0f146f5.txt", "--db", db).exit_code == 0
    arts = json.loads(run("articles", "--db", db, "--format", "json").output)
    assert len(arts) == 1
    a = arts[0]
    assert a["title"] == "Tens of thousands rally in French-occupied Mali for resignation of president"
    assert a["author"] == "Will Morrow"
    assert a["published"] == "2020-06-22"
    assert "To contact the WSWS" not in a["text"]


@needs_seeds
def test_seed_august_article_has_no_publication_date_unless_given(tmp_path):
    db = tmp_path / "a.db"
    assert run("ingest", SEEDS / "000_2acd1dbdbc1249de.txt", "--db", db).exit_code == 0
    a = json.loads(run("articles", "--db", db, "--format", "json").output)[0]
    assert a["title"] == "Mali’s military oust Western-backed president amid mass protests"
    assert a["author"] == "Charlie Kimber"
    assert a["published"] is None
    for junk in ("Downloading PDF", "Issue 2719", "This article is over", "Sign up for our daily email", "Latest News",
                 "Make a donation"):
        assert junk not in a["text"]
    db2 = tmp_path / "b.db"
    assert run("ingest", SEEDS / "000_2acd1dbdbc1249de.txt", "--db", db2, "--published", "2020-08-19").exit_code == 0
    assert json.loads(run("articles", "--db", db2, "--format", "json").output)[0]["published"] == "2020-08-19"


def test_ingesting_the_same_content_twice_stores_it_once_and_says_so(tmp_path):
    db = tmp_path / "a.db"
    doc = tmp_path / "one.txt"
    doc.write_text("Riot police fired tear gas at hundreds of traders protesting in Moundou on 3 March 2025.\n", encoding="utf-8")
    first = run("ingest", doc, "--db", db)
    second = run("ingest", doc, "--db", db)
    assert "stored 1 article(s)" in first.output
    assert "stored 0 article(s), 1 already stored" in second.output
    assert len(json.loads(run("articles", "--db", db, "--format", "json").output)) == 1


def test_bad_documents_fail_one_by_one_and_the_batch_goes_on(tmp_path):
    db = tmp_path / "a.db"
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Soldiers clashed with rebels near Abeche on 2 March 2025, killing four.\n", encoding="utf-8")
    # stored before the bad batch: must survive it
    assert run("ingest", good, "--db", db).exit_code == 0
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "latin1.txt").write_bytes("Manifestation à Sarh le 4 mars\n".encode("latin-1"))
    (tmp_path / "in" / "big.txt").write_text("word " * 5000, encoding="utf-8")
    (tmp_path / "in" / "feed.jsonl").write_text(
        json.dumps({"text": "Police arrested twelve opposition activists in Sarh on 5 March 2025.", "published": "2025-03-06"})
        + "\n{not json\n", encoding="utf-8")
    (tmp_path / "in" / "other.md").write_text("# Flood\n\nFloods killed nine people in Bol on 6 March 2025.\n", encoding="utf-8")
    res = run("ingest", tmp_path / "in", "--db", db, "--max-bytes", "20000")
    assert res.exit_code == 2, res.output
    for name in ("binary.txt", "empty.txt", "latin1.txt", "big.txt", "feed.jsonl#2"):
        assert name in res.output, f"no error line naming {name}: {res.output}"
    assert "UTF-8" in res.output
    arts = json.loads(run("articles", "--db", db, "--format", "json").output)
    texts = " ".join(a["text"] for a in arts)
    assert "Abeche" in texts  # stored earlier, still there
    assert "twelve opposition activists" in texts and "Floods killed nine" in texts


def test_stdin_dash_is_read(tmp_path):
    db = tmp_path / "a.db"
    res = run("ingest", "-", "--db", db, "--source", "Desk Wire", "--published", "2025-03-10",
              input="Gunmen abducted six traders near Mongo on Sunday, police said.\n")
    assert res.exit_code == 0, res.output
    a = json.loads(run("articles", "--db", db, "--format", "json").output)[0]
    assert a["source"] == "Desk Wire" and a["published"] == "2025-03-10"


def test_acled_export_opens_in_pandas_with_acleds_columns_in_order(sample_db, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "e.csv"
    assert run("events", "--db", sample_db, "--format", "acled", "--output", out).exit_code == 0
    df = pd.read_csv(out)
    assert list(df.columns) == ACLED_COLUMNS
    assert len(df) > 0
    dated = df["event_date"].dropna()
    assert len(dated) > 0 and dated.str.match(r"^\d{4}-\d{2}-\d{2}$").all()


def test_geojson_export_is_rfc7946(sample_db, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "e.geojson"
    assert run("events", "--db", sample_db, "--format", "geojson", "--output", out).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    schema = {
        "type": "object", "required": ["type", "features"],
        "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": {"type": {"const": "Feature"}, "properties": {"type": ["object", "null"]},
                           "geometry": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["type", "coordinates"],
                                        "properties": {"type": {"const": "Point"}, "coordinates": {
                                            "type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}}}]}}}}},
    }
    jsonschema.validate(doc, schema)
    pts = [f["geometry"]["coordinates"] for f in doc["features"] if f["geometry"]]
    assert pts, "no located events"
    for lon, lat in pts:  # RFC 7946: longitude first
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_event_json_honours_the_output_contract(sample_db):
    recs = json.loads(run("events", "--db", sample_db, "--format", "json", "--modality", "all").output)
    arts = {a["article_id"]: a for a in json.loads(run("articles", "--db", sample_db, "--format", "json").output)}
    assert recs
    required = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "iso", "admin1", "admin2",
                "location", "latitude", "longitude", "geo_precision", "fatalities", "notes", "source", "injuries",
                "arrests", "crowd_size", "modality", "confidence", "reports", "independent_sources", "evidence"]
    for r in recs:
        for k in required:
            assert k in r, k
        assert r["modality"] in ("occurred", "planned", "threatened", "negated", "hypothetical")
        assert r["time_precision"] in (1, 2, 3, None)
        for rep in r["reports"]:
            text = arts[rep["article_id"]]["text"]
            assert text[rep["start"]:rep["end"]] == rep["quote"]
        for field, ev in r["evidence"].items():
            assert arts[ev["article_id"]]["text"][ev["start"]:ev["end"]] == ev["text"], field


def test_default_events_are_occurred_only(sample_db):
    occurred = json.loads(run("events", "--db", sample_db, "--format", "json").output)
    everything = json.loads(run("events", "--db", sample_db, "--format", "json", "--modality", "all").output)
    assert all(r["modality"] == "occurred" for r in occurred)
    assert len(everything) >= len(occurred)


def test_every_command_has_help():
    for cmd in (["--help"], ["ingest", "--help"], ["events", "--help"], ["articles", "--help"], ["reuse", "--help"],
                ["classify", "--help"], ["train", "--help"], ["evaluate", "--help"], ["gazetteer", "load", "--help"],
                ["serve", "--help"], ["report", "--help"], ["users", "add", "--help"], ["summary", "--help"]):
        res = run(*cmd)
        assert res.exit_code == 0 and "Usage" in res.output, cmd


def test_bad_option_exits_non_zero_with_a_reason(tmp_path):
    res = CliRunner().invoke(main, ["ingest", str(tmp_path / "x.txt"), "--published", "yesterday"])
    assert res.exit_code != 0
    assert "YYYY-MM-DD" in res.output


def test_interrupted_ingest_rerun_stores_no_duplicate(tmp_path):
    """Kill an ingest mid-run, run it again: every document once, every mention linked."""
    db = tmp_path / "k.db"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder", "ingest", str(SAMPLE), "--db", str(db), "--quiet"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from eventcoder.store.repo import Store

    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                if Store(db).count("articles") >= 2:
                    break
            except Exception:
                pass
        time.sleep(0.05)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    res = run("ingest", SAMPLE, "--db", db, "--quiet")
    assert res.exit_code == 0, res.output
    store = Store(db)
    arts = store.articles()
    assert len({a.content_hash for a in arts}) == len(arts)
    assert len(arts) == 12
    assert store.unlinked_article_ids() == []
