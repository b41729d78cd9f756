"""`eventcoder report` on the sample corpus: every format, numbers against the store."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from report_helpers import figure, parse_html

from eventcoder.cli import main
from eventcoder.queries import EventFilter, event_records
from eventcoder.store.repo import Store


def test_cli_html_matches_the_store(sample_db, tmp_path):
    out = tmp_path / "chad.html"
    res = CliRunner().invoke(main, ["report", "--db", sample_db, "--country", "Chad", "--since", "2025-03-10",
                                    "--until", "2025-03-23", "--output", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    recs = event_records(Store(sample_db), EventFilter(country="Chad", since=date(2025, 3, 10), until=date(2025, 3, 23)))
    assert figure(html, "events") == len(recs)
    best = sum((r["fatalities_best"] if r["fatalities_best"] is not None else r["fatalities"] or 0) for r in recs)
    assert figure(html, "fatalities-best") == best
    logged = {a["data-event-id"] for t, a in parse_html(html).tags if t == "tbody" and "data-event-id" in a}
    assert {r["event_id"] for r in recs} <= logged


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_cli_other_formats(sample_db, tmp_path, fmt):
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
    out = tmp_path / f"report.{fmt}"
    res = CliRunner().invoke(main, ["report", "--db", sample_db, "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 1000
    if fmt == "md":
        assert (tmp_path / "report.timeline.svg").exists() and (tmp_path / "report.map.svg").exists()


def test_cli_reports_errors_without_a_traceback(tmp_path):
    res = CliRunner().invoke(main, ["report", "--db", str(tmp_path / "nope.db"), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 1 and "no database" in res.output and "Traceback" not in res.output
