"""Write event records in each export format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO

from eventcoder.export.records import ACLED_COLUMNS, acled_row, geojson_feature

FORMATS = ("json", "jsonl", "csv", "acled", "geojson", "parquet")
FLAT_SKIP = ("reports", "evidence", "claims")


def _flat(rec: dict) -> dict:
    out = {k: v for k, v in rec.items() if k not in FLAT_SKIP}
    out["report_count"] = len(rec.get("reports") or [])
    out["quotes"] = " | ".join(r["quote"] for r in rec.get("reports") or [])
    return out


def write_events(records: Iterable[dict], fmt: str, out: IO[str] | IO[bytes] | None = None) -> str | bytes | None:
    """Write ``records`` as ``fmt`` to ``out`` (a text stream; binary for parquet) or return the content."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [_flat(r) for r in records]
        table = pa.Table.from_pylist(rows) if rows else pa.table({"event_id": pa.array([], pa.string())})
        buf = out if out is not None else io.BytesIO()
        pq.write_table(table, buf)
        return None if out is not None else buf.getvalue()
    sink = out if out is not None else io.StringIO()
    if fmt == "json":
        sink.write("[")
        for i, r in enumerate(records):
            sink.write(("," if i else "") + "\n" + json.dumps(r, ensure_ascii=False))
        sink.write("\n]\n")
    elif fmt == "jsonl":
        for r in records:
            sink.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        sink.write('{"type": "FeatureCollection", "features": [')
        for i, r in enumerate(records):
            sink.write(("," if i else "") + "\n" + json.dumps(geojson_feature(r), ensure_ascii=False))
        sink.write("\n]}\n")
    elif fmt == "acled":
        w = csv.DictWriter(sink, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow(acled_row(r))
    elif fmt == "csv":
        w = None
        for r in records:
            flat = _flat(r)
            if w is None:
                w = csv.DictWriter(sink, fieldnames=list(flat), lineterminator="\n", extrasaction="ignore")
                w.writeheader()
            w.writerow(flat)
    return None if out is not None else sink.getvalue()
