"""Situation reports: the filtered events of a store as one brief (HTML, Markdown or PDF).

``eventcoder report`` is :func:`write_report`. The work is split in three:

* :mod:`eventcoder.report.content` decides what the report says (figures,
  key events, actors, sources, method) from the event records;
* :mod:`eventcoder.report.charts` draws the timeline and the map (matplotlib,
  country outlines from :mod:`eventcoder.report.boundaries`);
* :mod:`eventcoder.report.render` lays it out with Jinja2 (autoescaped) and,
  for PDF, WeasyPrint.

Example::

    from eventcoder.report import write_report
    write_report("events.db", "chad.html", country="Chad", since=date(2025, 3, 1), until=date(2025, 3, 31))
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from eventcoder.report.content import ReportContent, build_content
from eventcoder.report.render import ReportError, render_html, render_markdown, write_pdf
from eventcoder.store.db import resolve_url
from eventcoder.store.repo import Store

FORMATS = ("html", "md", "pdf")

__all__ = ["FORMATS", "ReportContent", "ReportError", "build_report", "render_html", "render_markdown",
           "write_report"]


def build_report(store: Store, *, country: str | None = None, since: date | None = None, until: date | None = None,
                 title: str | None = None, charts: bool = True) -> ReportContent:
    """The report's content for the events matching the filters, charts drawn (as SVG text) unless ``charts=False``."""
    try:
        content = build_content(store, country=country, since=since, until=until, title=title)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    if charts:
        from eventcoder.report import charts as ch

        timeline = ch.timeline_svg(content.events, content.period)
        if timeline:
            content.charts["timeline"] = timeline
        else:
            content.chart_notes["timeline"] = "No event in the selection has a date, so there is no timeline."
        if content.events:
            content.charts["map"], unmapped = ch.map_svg(content.events, country)
            if unmapped:
                content.chart_notes["map"] = (f"{unmapped} of {len(content.events)} events have no coordinates "
                                              "and are not on the map.")
        else:
            content.chart_notes["map"] = "No event to map."
    return content


def write_report(db: str | os.PathLike[str] | Store | None, out: str | os.PathLike[str], *, fmt: str = "html",
                 country: str | None = None, since: date | None = None, until: date | None = None,
                 title: str | None = None) -> list[Path]:
    """Write a situation report of the events in ``db`` matching the filters to ``out``.

    Args:
        db: a database path or URL (None: ``$EVENTCODER_DB`` or ./eventcoder.db), or an open :class:`Store`.
        out: the file to write. For ``md`` the charts go beside it as ``<stem>.timeline.svg`` and ``<stem>.map.svg``.
        fmt: ``html`` (one self-contained file), ``md`` or ``pdf`` (needs WeasyPrint).
        country, since, until: the filters (country name as stored; inclusive dates).

    Returns:
        The files written, the report first.
    """
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    if not isinstance(db, Store):
        url = resolve_url(db)
        if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
            raise ReportError(f"no database at {url[len('sqlite:///'):]}: ingest articles first or pass --db")
    store = db if isinstance(db, Store) else Store(db)
    if not out.parent.is_dir():
        raise ReportError(f"cannot write {out}: folder {out.parent} does not exist")
    content = build_report(store, country=country, since=since, until=until, title=title)
    if fmt == "html":
        out.write_text(render_html(content), encoding="utf-8")
        return [out]
    if fmt == "pdf":
        write_pdf(content, out)
        return [out]
    written = [out]
    files: dict[str, str] = {}
    for name, svg in content.charts.items():
        path = out.with_name(f"{out.stem}.{name}.svg")
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + svg + "\n", encoding="utf-8")
        files[name] = path.name
        written.append(path)
    out.write_text(render_markdown(content, files), encoding="utf-8")
    return written
