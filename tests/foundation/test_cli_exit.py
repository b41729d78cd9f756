"""The ``eventcoder`` process ends an ingest without the interpreter's teardown (cli._leave): what it
printed, its exit status and the database must be exactly as with a normal exit."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path


def _ingest(*args):
    return subprocess.run([sys.executable, "-m", "eventcoder", "ingest", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_ingest_process_flushes_output_closes_the_database_and_keeps_its_status(tmp_path):
    db = tmp_path / "a.db"
    good = tmp_path / "good.txt"
    good.write_text("Police arrested twelve opposition activists in Sarh on 5 March 2025.\n", encoding="utf-8")
    res = _ingest(good, "--db", db, "--published", "2025-03-06")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "stored 1 article(s), 0 already stored, 0 failed; 1 event mention(s)"
    # closed before leaving: SQLite folded its write-ahead log into the file and removed it
    assert not Path(f"{db}-wal").exists()
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": ""}) + "\n", encoding="utf-8")
    res = _ingest(bad, good, "--db", db)
    assert res.returncode == 2  # some documents failed
    assert "error:" in res.stderr and "already stored" in res.stderr
    assert res.stdout.strip() == "stored 0 article(s), 1 already stored, 1 failed; 0 event mention(s)"
