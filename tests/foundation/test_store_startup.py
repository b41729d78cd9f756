"""Opening a store that is already at the latest migration does not need alembic (start-up time)."""

import subprocess
import sys

from alembic import command
from alembic.script import ScriptDirectory

from eventcoder.store.db import _at_head, alembic_config, head_revisions, open_engine


def test_head_revisions_are_alembics():
    assert head_revisions() == frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def test_at_head_only_after_migrating(tmp_path):
    engine = open_engine(tmp_path / "a.db", migrate=False)
    assert not _at_head(engine)  # no version table yet
    engine = open_engine(tmp_path / "a.db")
    assert _at_head(engine)
    cfg = alembic_config()
    with engine.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, "0001")
    assert not _at_head(engine)  # behind: alembic runs
    open_engine(tmp_path / "a.db")
    assert _at_head(engine)


def test_opening_a_migrated_store_skips_alembic(tmp_path):
    db = tmp_path / "b.db"
    open_engine(db)
    code = ("import sys; from eventcoder.store.repo import Store; Store(sys.argv[1]); "
            "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    fresh = tmp_path / "c.db"
    out = subprocess.run([sys.executable, "-c", code, str(fresh)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"  # a new database is created by the migrations
