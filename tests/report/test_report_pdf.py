"""The PDF report: WeasyPrint lays out the same HTML; poppler renders it back to check the pages."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from eventcoder.queries import EventFilter, event_records
from eventcoder.report import write_report

pytest.importorskip("weasyprint", reason="PDF output needs the pdf extra: pip install 'eventcoder[pdf]'")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("pdftotext"),
                                   reason="poppler-utils (pdftoppm, pdftotext) not installed: scripts/system-deps.sh")


def dark_share(img, below: int) -> float:
    """Share of pixels darker than ``below`` (0-255 grey)."""
    hist = img.convert("L").histogram()
    return sum(hist[:below]) / (img.width * img.height)


@pytest.fixture(scope="module")
def pdf(handmade, tmp_path_factory):
    out = tmp_path_factory.mktemp("report_pdf") / "brief.pdf"
    assert write_report(handmade.db, out, fmt="pdf", country="Mali") == [out]
    return out


def test_pdf_is_a_pdf(pdf):
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000


@needs_poppler
def test_pdf_pages_have_content(pdf, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    shares = [dark_share(Image.open(p), 235) for p in pages]
    assert all(s > 0.001 for s in shares), f"blank page(s): {shares}"  # the last page may hold a paragraph only
    assert sum(shares) / len(shares) > 0.02, shares
    assert dark_share(Image.open(pages[0]), 80) > 0.03  # the first page carries the dark masthead


@needs_poppler
def test_pdf_has_the_same_content(pdf, handmade):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout
    squeezed = "".join(text.split()).lower()  # letter-spaced headings come out as "K E Y  P O I N T S"

    def has(phrase: str) -> bool:
        return "".join(phrase.split()).lower() in squeezed

    for heading in ("Key points", "Headline figures", "Events by type", "Timeline", "Map", "Key events", "Actors",
                    "Sources", "Text reuse: who reused whom", "Event log", "Method"):
        assert has(heading), heading
    recs = event_records(handmade.store, EventFilter(country="Mali"))
    assert has(f"{len(recs)} events recorded in Mali")
    assert has("seized President Keita")
    assert has("Single independent source") and has("Rests on reused text only")
    assert "/URI" not in pdf.read_bytes().decode("latin-1")  # no external links in the PDF
