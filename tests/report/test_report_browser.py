"""Open the HTML report as a reader would: headless Chromium renders it, offline, to a picture."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from eventcoder.report import write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM, reason="headless Chromium not installed: scripts/system-deps.sh")]


def test_report_renders_in_a_browser(handmade, tmp_path):
    from PIL import Image

    html = tmp_path / "brief.html"
    write_report(handmade.db, html, country="Mali")
    shot = tmp_path / "brief.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--no-first-run", "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={shot}", "--window-size=1200,2400", html.as_uri()],
                   check=True, capture_output=True, timeout=90)
    img = Image.open(shot).convert("L")
    assert img.size == (1200, 2400)
    hist = img.histogram()
    total = img.width * img.height
    assert sum(hist[:80]) / total > 0.02  # the dark masthead and the text
    assert sum(hist[250:]) / total > 0.3  # a light page
    # the charts drew: the map's land and the bars bring mid tones
    assert sum(hist[120:240]) / total > 0.02
