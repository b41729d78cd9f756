"""The value ingest yields for a document it could not read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadError:
    """One document that could not be turned into an :class:`~eventcoder.model.Article`.

    Ingest never raises for a bad document: it yields one of these and moves on,
    so a folder with one broken file still yields every good one.

    Attributes:
        origin: where the document came from: a path, ``"stdin"`` or ``"file.jsonl#3"``.
        reason: what is wrong, phrased so a user can act on it.
    """

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
