"""The HTML report is one self-contained, escaped file."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from report_helpers import parse_html

from eventcoder.queries import EventFilter, event_records
from eventcoder.report import ReportError, build_report, render_html, write_report

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def handmade_html(handmade) -> str:
    return render_html(build_report(handmade.store))


def test_no_external_references(handmade_html):
    doc = parse_html(handmade_html)
    for tag, attrs in doc.tags:
        for name in ("src", "href", "srcset", "action", "data", "poster", "background"):
            value = (attrs.get(name) or "").strip()
            if not value:
                continue
            assert value.startswith(("data:", "#")), f"<{tag} {name}={value[:60]!r}> points outside the file"
        assert tag not in ("script", "link", "iframe", "object", "embed", "base"), f"unexpected <{tag}>"
    css = "\n".join(re.findall(r"<style>(.*?)</style>", handmade_html, flags=re.S))
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    # a URL an article gave may appear as plain text, never as a link or a source
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*https?:""", handmade_html, flags=re.I)


def test_every_image_is_an_inline_svg_that_parses(handmade_html):
    imgs = [a for t, a in parse_html(handmade_html).tags if t == "img"]
    assert len(imgs) == 2  # the timeline and the map
    for a in imgs:
        assert a["src"].startswith("data:image/svg+xml;base64,"), a["src"][:40]
        assert a.get("alt")
        svg = base64.b64decode(a["src"].split(",", 1)[1]).decode("utf-8")
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg") and len(list(root.iter())) > 50  # something is drawn
        assert "<image" not in svg  # no nested raster that could point elsewhere


def test_untrusted_text_in_handmade_events_is_escaped(handmade_html):
    assert "&lt;img src=x onerror=alert(2)&gt;" in handmade_html  # an actor name
    assert "<img src=x" not in handmade_html
    assert "Copy Desk &lt;b&gt;News&lt;/b&gt;" in handmade_html  # an outlet name
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in handmade_html  # an article title
    assert "<script" not in handmade_html.lower()


@pytest.fixture(scope="module")
def xss_db(tmp_path_factory) -> str:
    """A store with one ingested article whose text carries a script tag."""
    from eventcoder.pipeline import Pipeline

    folder = tmp_path_factory.mktemp("report_xss")
    src = folder / "xss.txt"
    src.write_text(
        "Protesters clash with police in N'Djamena\n\n"
        f"Police fired tear gas at hundreds of protesters in N'Djamena on Monday {PAYLOAD} and arrested 12 people, "
        "witnesses said.\n\n"
        f"Two protesters were killed in the clashes, a hospital official said {PAYLOAD}.\n",
        encoding="utf-8")
    db = folder / "xss.db"
    assert Pipeline(db).ingest([str(src)], published=date(2025, 3, 4), source="Test <i>Wire</i>").ok
    return str(db)


def test_ingested_script_tag_is_escaped(xss_db, tmp_path):
    from eventcoder.store.repo import Store

    recs = event_records(Store(xss_db), EventFilter(modality=None))
    quotes = [rep["quote"] for r in recs for rep in r["reports"]]
    if not any(PAYLOAD in q for q in quotes):  # depends on where extraction cuts its quotes
        pytest.skip("extraction kept no quote with the payload; the hand-made test covers escaping")
    out = tmp_path / "xss.html"
    write_report(xss_db, out)
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert PAYLOAD not in html and "<script" not in html.lower()
    assert "Test &lt;i&gt;Wire&lt;/i&gt;" in html


def test_unknown_format_and_missing_database_are_clear_errors(handmade, tmp_path):
    with pytest.raises(ReportError, match="unknown report format"):
        write_report(handmade.db, tmp_path / "r.doc", fmt="doc")
    with pytest.raises(ReportError, match="no database"):
        write_report(tmp_path / "missing.db", tmp_path / "r.html")
    with pytest.raises(ReportError, match="after"):
        write_report(handmade.db, tmp_path / "r.html", since=date(2020, 9, 1), until=date(2020, 8, 1))
