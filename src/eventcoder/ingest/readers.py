"""One reader per input kind: plain text, Markdown, HTML, JSONL.

Each reader turns bytes into :class:`~eventcoder.model.Article` objects (or a
:class:`~eventcoder.ingest.errors.ReadError` per bad document) through the
same steps: decode strictly, read the metadata lines, drop them, strip markup,
remove boilerplate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..model import Article
from . import metadata
from .boilerplate import clean_lines
from .errors import ReadError
from .markup import html_paragraph_text, looks_like_markdown, strip_markdown

KINDS = {
    "": "text",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
_SUPPORTED = ", ".join(ext for ext in KINDS if ext) + " or no extension"
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html[\s>])", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0d-\x1f]")  # control characters but tab, line feed, \v and \f (\r is gone by then)

Item = Article | ReadError


@dataclass(frozen=True)
class Stated:
    """Metadata a container states for a document (JSONL fields); wins over what the text says."""

    title: str | None = None
    author: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None


def decode(data: bytes, origin: str) -> str | ReadError:
    """Decode a document as strict UTF-8 text.

    Args:
        data: the raw bytes.
        origin: where they came from, for the error.

    Returns:
        The text (BOM removed), or a ReadError for empty input, binary content,
        UTF-16 or invalid UTF-8 (with the byte offset, line and column). Never
        decodes with replacement characters.
    """
    if not data.strip():
        return ReadError(origin, "empty file: no text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadError(origin, "not UTF-8: the file is UTF-16 text; convert it to UTF-8")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        return ReadError(origin, f"binary file, not text (NUL byte at offset {offset})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        bad = data[e.start : e.end].hex(" ")
        return ReadError(
            origin,
            f"invalid UTF-8 at byte {e.start} (line {line}, column {column}): {e.reason} "
            f"(bytes {bad}); re-save it as UTF-8",
        )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = len(_CONTROL.findall(text))
    if control > max(2, len(text) // 100):
        return ReadError(origin, f"binary file, not text ({control} control characters)")
    return text


def _article(cleaned: str, raw: str, origin: str, found: metadata.Metadata, stated: Stated) -> Item:
    """Build the Article; stated metadata wins over what the text says."""
    if not cleaned.strip():
        return ReadError(origin, "empty after cleaning: no text left once boilerplate and metadata lines are removed")
    return Article.from_text(
        cleaned,
        raw=raw,
        title=stated.title or found.title,
        author=stated.author or found.author,
        published=stated.published or found.published,
        source=stated.source or found.source,
        url=stated.url,
        language=metadata.guess_language(cleaned),
        origin=origin,
    )


def text_article(text: str, origin: str, *, markdown: bool | None = None, stated: Stated = Stated()) -> Item:
    """Read a plain-text or Markdown document.

    Args:
        text: the decoded document.
        origin: where it came from.
        markdown: strip Markdown syntax; None decides from the text (a text that
            starts like an HTML page is read as HTML).
        stated: metadata given alongside the text.

    Returns:
        An Article, or a ReadError if nothing is left after cleaning.
    """
    if markdown is None:
        if _HTML_START.match(text):
            return html_article(text, origin, stated=stated)
        markdown = looks_like_markdown(text)
    found = metadata.extract(text, title=stated.title)
    body = metadata.remove_lines(text, found.lines)
    if markdown:
        body = strip_markdown(body)
    return _article(clean_lines(body), text, origin, found, stated)


def _html_metadata(page: str) -> dict[str, str | None]:
    """Title, author, site name and canonical URL stated by the page (via trafilatura)."""
    import trafilatura  # here, not at module import: ~0.15 s that text and JSONL ingests never need

    try:
        doc = trafilatura.extract_metadata(page, date_config={"extensive_search": False, "original_date": True})
    except Exception:  # a third-party parser on untrusted input: no metadata rather than a crash
        doc = None
    return {key: getattr(doc, key, None) or None for key in ("title", "author", "sitename", "url")}


def html_article(page: str, origin: str, *, stated: Stated = Stated()) -> Item:
    """Read an HTML page: main text by trafilatura (stdlib ``<p>`` fallback), metadata from the page.

    The date is only one the page states (meta tags, JSON-LD, ``<time>``, or a
    visible dateline in the text); trafilatura's own date guess is not used.

    Args:
        page: the decoded HTML.
        origin: where it came from.
        stated: metadata given alongside the page.

    Returns:
        An Article, or a ReadError if the page has no article text.
    """
    import trafilatura  # see _html_metadata

    try:
        body = trafilatura.extract(
            page,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=False,
        )
    except Exception:  # a third-party parser on untrusted input: use the fallback
        body = None
    body = "\n\n".join(body.splitlines()) if body else html_paragraph_text(page)
    if not body.strip():
        return ReadError(origin, "no article text found in the HTML")
    page_meta = _html_metadata(page)
    found = metadata.extract(body, title=stated.title or page_meta["title"])
    stated = Stated(
        title=stated.title or page_meta["title"],
        author=stated.author or page_meta["author"],
        published=stated.published or metadata.html_published(page),
        source=stated.source or page_meta["sitename"],
        url=stated.url or page_meta["url"],
    )
    return _article(clean_lines(metadata.remove_lines(body, found.lines)), page, origin, found, stated)


def _stated_published(value: object) -> date | None:
    """A JSONL ``published`` value: ISO date/datetime or a written date; raises ValueError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and (parsed := metadata.parse_dateline(value)):
        return parsed
    raise ValueError(f"field 'published' is not a date: {value!r} (use YYYY-MM-DD)")


def _jsonl_record(line: bytes, origin: str) -> Item:
    """Read one JSONL line: an object with ``text`` or ``html`` and optional metadata."""
    text = decode(line, origin)
    if isinstance(text, ReadError):
        return text
    try:
        obj = json.loads(text.rstrip("\n"))
    except json.JSONDecodeError as e:
        return ReadError(origin, f"malformed JSON: {e.msg} at column {e.colno}")
    if not isinstance(obj, dict):
        return ReadError(origin, f"expected a JSON object, got {type(obj).__name__}")
    try:
        published = _stated_published(obj.get("published"))
    except ValueError as e:
        return ReadError(origin, str(e))
    fields = {k: (str(obj[k]) if obj.get(k) not in (None, "") else None) for k in ("title", "author", "source", "url")}
    stated = Stated(published=published, **fields)
    body, page = obj.get("text"), obj.get("html")
    if isinstance(body, str) and body.strip():
        return text_article(body, origin, stated=stated)
    if isinstance(page, str) and page.strip():
        return html_article(page, origin, stated=stated)
    return ReadError(origin, "JSON object has no non-empty 'text' or 'html' string")


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Read a JSONL file, one article per line (blank lines skipped).

    ``max_bytes`` limits each line (each document), so a large corpus file is
    streamed; an over-long line is skipped without being held in memory.

    Args:
        path: the file.
        max_bytes: the largest line accepted.

    Yields:
        An Article or a ReadError (origin ``"path#LINE"``) per non-blank line.
    """
    seen = False
    with path.open("rb") as f:
        number = 0
        while chunk := f.readline(max_bytes + 1):
            number += 1
            origin = f"{path}#{number}"
            if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
                while (more := f.readline(max_bytes + 1)) and not more.endswith(b"\n"):
                    pass
                seen = True
                yield ReadError(origin, f"line is over the {max_bytes:,}-byte limit (max_bytes); skipped")
                continue
            if chunk.strip():
                seen = True
                yield _jsonl_record(chunk, origin)
    if not seen:
        yield ReadError(str(path), "empty file: no JSON lines")


def read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Read one file by its extension (see :data:`KINDS`).

    Args:
        path: the file.
        max_bytes: the largest file accepted (per line for JSONL); a larger file
            is refused from its size, without being read.

    Yields:
        Articles and ReadErrors.
    """
    origin = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        yield ReadError(origin, f"unsupported file type {path.suffix!r}; supported: {_SUPPORTED}")
        return
    try:
        if kind == "jsonl":
            yield from read_jsonl(path, max_bytes=max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadError(origin, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_bytes); not read")
            return
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        yield ReadError(origin, f"cannot read: {e.strerror or e}")
        return
    if len(data) > max_bytes:
        yield ReadError(origin, f"file is over the {max_bytes:,}-byte limit (max_bytes); not read")
        return
    text = decode(data, origin)
    if isinstance(text, ReadError):
        yield text
    elif kind == "html":
        yield html_article(text, origin)
    else:
        yield text_article(text, origin, markdown=True if kind == "markdown" else None)


def read_stream(stream: BinaryIO, origin: str, *, max_bytes: int) -> Iterator[Item]:
    """Read one plain-text document (Markdown and HTML recognised) from a binary stream.

    Args:
        stream: e.g. ``sys.stdin.buffer``.
        origin: the name to report, e.g. ``"stdin"``.
        max_bytes: the largest input accepted; reading stops just past it.

    Yields:
        One Article or one ReadError.
    """
    data = stream.read(max_bytes + 1)
    if isinstance(data, str):  # a text stream was passed
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        yield ReadError(origin, f"input is over the {max_bytes:,}-byte limit (max_bytes); stopped reading")
        return
    text = decode(data, origin)
    yield text if isinstance(text, ReadError) else text_article(text, origin)
