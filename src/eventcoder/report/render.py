"""Turn :class:`~eventcoder.report.content.ReportContent` into HTML, Markdown or PDF.

* HTML: one self-contained file; the stylesheet is inlined and the charts are
  ``data:image/svg+xml`` images, so it opens offline and refers to nothing
  outside itself. Jinja2 autoescaping is on: article text is untrusted.
* Markdown: the same sections; the charts are written as SVG files beside it.
* PDF: the HTML laid out by WeasyPrint (a base dependency),
  with a fetcher that refuses anything but ``data:`` URLs.
"""

from __future__ import annotations

import base64
import re
from importlib import resources
from pathlib import Path

import click
from jinja2 import Environment, FunctionLoader, StrictUndefined

from eventcoder.report.content import ReportContent


class ReportError(click.ClickException):
    """A report could not be written, with a reason the user can act on (exit status 1 from the CLI)."""


def _template_source(name: str):
    text = (resources.files("eventcoder.report") / "templates" / name).read_text(encoding="utf-8")
    return text, None, lambda: True


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_text(value) -> str:
    """Markdown-safe inline text: HTML-escaped, Markdown syntax characters backslashed, one line."""
    s = "" if value is None else str(value)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def _common(env: Environment) -> Environment:
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    env.filters["pct"] = lambda x: f"{x:.0f}%"
    env.filters["plural"] = lambda n, word, many=None: f"{n:,} {word if n == 1 else (many or word + 's')}"
    return env


def html_env() -> Environment:
    env = Environment(loader=FunctionLoader(_template_source), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["data_uri"] = _data_uri
    return _common(env)


def md_env() -> Environment:
    env = Environment(loader=FunctionLoader(_template_source), autoescape=False, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_text
    return _common(env)


def render_html(content: ReportContent) -> str:
    css = (resources.files("eventcoder.report") / "templates" / "report.css").read_text(encoding="utf-8")
    return html_env().get_template("report.html.j2").render(r=content, css=css)


def render_markdown(content: ReportContent, chart_files: dict[str, str]) -> str:
    text = md_env().get_template("report.md.j2").render(r=content, chart_files=chart_files)
    return re.sub(r"\n{3,}", "\n\n", text)


def write_pdf(content: ReportContent, out: Path) -> None:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ReportError("PDF output needs WeasyPrint (pip install weasyprint==70.0) "
                          "(and the system libraries pango / pangoft2).") from exc
    except OSError as exc:  # pragma: no cover - missing pango
        raise ReportError(f"WeasyPrint cannot load its system libraries ({exc}); install Debian's "
                          "libpango-1.0-0 and libpangoft2-1.0-0.") from exc
    offline = URLFetcher(allowed_protocols={"data"})  # the report refers to nothing outside itself
    HTML(string=render_html(content), url_fetcher=offline).write_pdf(str(out))
