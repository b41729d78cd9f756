"""`ingest --engine dask`: the per-article stages on a Dask cluster give the same dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.pipeline import Pipeline


distributed = pytest.importorskip("distributed", reason="--engine dask needs the dask extra")

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "sample_corpus"


def test_dask_local_cluster_stores_the_same_events(sample_db, tmp_path, events_of):
    # a LocalCluster of processes, as on a real cluster: 2 workers, 1 thread each
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        db = tmp_path / "dask.db"
        report = Pipeline(db).ingest([str(SAMPLE)], engine="dask", scheduler=cluster.scheduler_address)
        assert report.ok, report.errors
        with distributed.Client(cluster.scheduler_address) as client:
            # the worker plugin loaded the models once per worker
            assert "eventcoder-warm-up" in next(iter(client.run(lambda dask_worker: list(dask_worker.plugins)).values()))
    assert events_of(db) == events_of(sample_db)
