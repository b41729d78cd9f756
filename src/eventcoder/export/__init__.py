"""Readers of the store that write files: JSON, JSON Lines, CSV, ACLED CSV, GeoJSON, Parquet."""

from eventcoder.export.records import ACLED_COLUMNS, acled_row, event_record
from eventcoder.export.writers import FORMATS, write_events

__all__ = ["ACLED_COLUMNS", "FORMATS", "acled_row", "event_record", "write_events"]
