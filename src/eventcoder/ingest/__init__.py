"""Read news reports from files, folders, JSONL or stdin into clean :class:`Article` objects.

One entry point, :func:`read`; one reader per input kind in :mod:`.readers`;
boilerplate rules in :mod:`.boilerplate`; headline/byline/dateline rules in
:mod:`.metadata`. A bad document never raises: it becomes a :class:`ReadError`
in the stream, so one broken file does not stop a folder.

Example::

    for item in read("corpus/"):
        if isinstance(item, ReadError):
            print(item)  # "corpus/b.txt: invalid UTF-8 at byte 10 (line 1, column 11) ..."
        else:
            keep(item)
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..model import Article
from .errors import ReadError
from .readers import KINDS, read_file, read_stream

__all__ = ["KINDS", "ReadError", "iter_files", "read"]


def iter_files(root: Path) -> list[Path]:
    """Every non-hidden file under a folder, recursively, in sorted path order.

    Files and folders whose name starts with "." are skipped.

    Args:
        root: the folder.

    Returns:
        The file paths, sorted by their path components.
    """
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _items(target: str | os.PathLike[str] | BinaryIO, max_bytes: int) -> Iterator[Article | ReadError]:
    """Dispatch a target to the right reader."""
    if isinstance(target, str) and target == "-":
        yield from read_stream(sys.stdin.buffer, "stdin", max_bytes=max_bytes)
        return
    if hasattr(target, "read"):
        yield from read_stream(target, str(getattr(target, "name", "stream")), max_bytes=max_bytes)  # type: ignore[arg-type]
        return
    path = Path(target)  # type: ignore[arg-type]
    if path.is_dir():
        for file in iter_files(path):
            yield from read_file(file, max_bytes=max_bytes)
    elif path.exists():
        yield from read_file(path, max_bytes=max_bytes)
    else:
        yield ReadError(str(path), "no such file or folder")


def read(
    target: str | os.PathLike[str] | BinaryIO,
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Article | ReadError]:
    """Read articles from a file, a folder, or stdin.

    Kinds by extension: ``.txt`` or none (plain text; Markdown syntax and HTML
    pages are recognised), ``.md``/``.markdown``, ``.html``/``.htm``, ``.jsonl``
    (one article per line). Folders are read recursively in sorted order,
    skipping hidden files and folders.

    Args:
        target: a path (str or Path) to a file or folder, ``"-"`` for stdin
            (``sys.stdin.buffer``), or an open binary stream.
        published: publication date to set on every article; wins over the text.
        source: outlet name to set on every article; wins over the text.
        url: URL to set on every article; wins over the text.
        max_bytes: largest document read; a larger file is refused from its size
            without being read (for JSONL the limit applies to each line).

    Yields:
        One :class:`Article` per document (``origin`` = path, ``"stdin"`` or
        ``"path#LINE"``; ``ingested_at`` left None for the store to set), or one
        :class:`ReadError` per document that could not be read.
    """
    overrides = {k: v for k, v in {"published": published, "source": source, "url": url}.items() if v is not None}
    for item in _items(target, max_bytes):
        if overrides and isinstance(item, Article):
            item = dataclasses.replace(item, **overrides)
        yield item
