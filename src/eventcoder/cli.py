"""The command line: thin wrappers, each a call into the library.

``eventcoder ingest`` is :meth:`eventcoder.pipeline.Pipeline.ingest`,
``eventcoder events`` is :func:`eventcoder.queries.event_records` plus an
exporter, and so on.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

DB_HELP = "Database: a file path or a SQLAlchemy URL (postgresql://...). Default: $EVENTCODER_DB or ./eventcoder.db."


def _db_option(f):
    return click.option("--db", envvar="EVENTCODER_DB", default=None, help=DB_HELP)(f)


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


class Failure(click.ClickException):
    """An error with a one-line reason and exit status 1."""


_PROCESS_ENTRY = False  # set by run(): this process exists to run one command


def run() -> None:
    """The ``eventcoder`` executable (and ``python -m eventcoder``): :func:`main` in a process of its own,
    which a long command may leave without the interpreter's teardown (see :func:`_leave`)."""
    global _PROCESS_ENTRY
    _PROCESS_ENTRY = True
    main()


def _leave(code: int, *engines) -> None:
    """End a finished command with exit status ``code``.

    Databases are closed first (SQLite checkpoints its WAL into the file on close). Then, when this
    process runs nothing but the command (:func:`run`), the atexit handlers run and the process ends
    without the interpreter freeing every object one by one: after an ingest that is the loaded
    models, gazetteer and caches, ~0.3-0.5 s of nothing. Called as a library (tests, ``CliRunner``),
    it returns or raises ``SystemExit`` as usual.
    """
    for engine in engines:
        engine.dispose()
    if _PROCESS_ENTRY:
        import atexit
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        atexit._run_exitfuncs()
        os._exit(code)
    if code:
        sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventcoder")
def main() -> None:
    """eventcoder: news reports in, a sourced, deduplicated, geolocated event dataset out."""


# -- ingest ------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", callback=_parse_date, help="Publication date (YYYY-MM-DD) for every document; overrides the text.")
@click.option("--source", help="Outlet name for every document; overrides the text.")
@click.option("--url", help="URL for every document.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes for extraction.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where per-article stages run.")
@click.option("--scheduler", help="Dask scheduler address (with --engine dask); default starts a local cluster.")
@click.option("--max-bytes", type=int, default=20_000_000, show_default=True, help="Refuse documents larger than this.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-document lines.")
def ingest(paths, db, published, source, url, workers, engine, scheduler, max_bytes, quiet):
    """Read, clean, extract, link and store articles.

    PATHS are files (.txt .md .html .htm .jsonl), folders (recursive) or - for stdin.
    Exit status: 0 all stored or already present, 2 some documents failed.
    """
    if workers > 1 and engine == "local":
        from eventcoder.scale import prestart

        prestart(workers)  # the workers load their models while this process opens the store
    from eventcoder.pipeline import Pipeline
    from eventcoder.scale import tune_gc

    tune_gc()
    pipe = Pipeline(db)
    show = not quiet and sys.stderr.isatty()
    progress = None
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

        progress = Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                            MofNCompleteColumn(), transient=True)
        task = progress.add_task("ingesting", total=None)
        progress.start()

    def on_item(status: str, origin: str) -> None:
        if progress:
            progress.advance(task)
        if status == "error":
            click.echo(f"error: {origin}", err=True)
        elif status == "duplicate" and not quiet:
            click.echo(f"already stored: {origin}", err=True)

    try:
        report = pipe.ingest(list(paths), published=published, source=source, url=url, workers=workers, engine=engine,
                             scheduler=scheduler, max_bytes=max_bytes, on_item=on_item)
    finally:
        if progress:
            progress.stop()
    click.echo(f"stored {len(report.stored)} article(s), {len(report.duplicates)} already stored, "
               f"{len(report.errors)} failed; {report.mentions} event mention(s)")
    _leave(2 if report.errors else 0, pipe.store.engine)


# -- articles ----------------------------------------------------------------------------
@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to FILE instead of stdout.")
def articles(db, fmt, output):
    """List stored articles (id, title, author, published, source, url, text)."""
    from eventcoder.queries import article_records
    from eventcoder.store.repo import Store

    recs = article_records(Store(db))
    if fmt == "table":
        for r in recs:
            click.echo(f"{r['article_id']}  {r['published'] or '----------'}  {(r['source'] or '-')[:20]:20}  {r['title'] or ''}")
        return
    text = json.dumps(recs, ensure_ascii=False, indent=1) + "\n" if fmt == "json" else "".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    _emit(text, output)


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


# -- events ------------------------------------------------------------------------------
@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "acled", "geojson", "parquet"]), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to FILE instead of stdout (required for parquet).")
@click.option("--modality", default="occurred", show_default=True, help="occurred, planned, threatened, negated, hypothetical or all.")
@click.option("--country", help="Only events in this country.")
@click.option("--since", callback=_parse_date, help="Only events on or after this date.")
@click.option("--until", callback=_parse_date, help="Only events on or before this date.")
@click.option("--include-rejected", is_flag=True, help="Also events an analyst rejected.")
def events(db, fmt, output, modality, country, since, until, include_rejected):
    """Export events in the output contract's formats (ACLED column names)."""
    from eventcoder.export import write_events
    from eventcoder.queries import EventFilter, event_records
    from eventcoder.store.repo import Store

    flt = EventFilter(modality=None if modality == "all" else modality, country=country, since=since, until=until,
                      include_rejected=include_rejected)
    recs = event_records(Store(db), flt)
    if fmt == "parquet":
        if not output:
            raise Failure("--format parquet needs --output FILE")
        with open(output, "wb") as fh:
            write_events(recs, fmt, fh)
        return
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            write_events(recs, fmt, fh)
    else:
        write_events(recs, fmt, sys.stdout)


# -- reuse ---------------------------------------------------------------------------------
@main.command("reuse")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
def reuse_cmd(db, fmt):
    """Passages of one article reusing another's text, with direction."""
    from eventcoder.queries import reuse_records
    from eventcoder.store.repo import Store

    recs = reuse_records(Store(db))
    if fmt == "json":
        click.echo(json.dumps(recs, ensure_ascii=False, indent=1))
        return
    for r in recs:
        arrow = "<-" if r["direction_known"] else "<->"
        click.echo(f"{r['article_id']} {arrow} {r['reused_from']}: {len(r['passages'])} passage(s)")


# -- typing --------------------------------------------------------------------------------
@main.command()
@click.option("--input", "input_", type=click.File("r", encoding="utf-8"), default="-", help="ID<TAB>TEXT lines (default stdin).")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), help="A model trained with `eventcoder train`.")
@click.option("--with-confidence", is_flag=True, help="Add a third column with the confidence.")
def classify(input_, model, with_confidence):
    """Label snippets with a sub-event type: ID<TAB>TEXT in, ID<TAB>SUB_EVENT_TYPE out, in input order."""
    from eventcoder.extract.classify import Classifier

    clf = Classifier.load(model)
    batch: list[tuple[str, str]] = []

    def flush():
        for (i, _), (label, conf) in zip(batch, clf.predict([t for _, t in batch])):
            click.echo(f"{i}\t{label}" + (f"\t{conf:.3f}" if with_confidence else ""))
        batch.clear()

    for n, line in enumerate(input_, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        ident, _, text = line.partition("\t")
        batch.append((ident, text))
        if len(batch) >= 256:
            flush()
    flush()


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Labelled TSV (ID<TAB>TEXT<TAB>LABEL) or ACLED CSV (notes, sub_event_type); repeatable. Default: the shipped training set.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to save the model (default: the shipped model file).")
@click.option("--dev", type=click.Path(exists=True, dir_okay=False), help="Score the new model on this labelled TSV (default: the shipped dev set).")
@click.option("--stage", type=click.Choice(["typing", "eventness"]), default="typing", show_default=True,
              help="typing: the sub-event type model; eventness: the event-vs-background sentence filter.")
def train(data, output, dev, stage):
    """Train a model (deterministic) and report its scores on a dev set.

    With --data pointing at your own labelled snippets (or an ACLED export with notes and
    sub_event_type), this retrains the typing model on them and prints the new model's scores.
    """
    if stage == "eventness":
        from eventcoder.extract import eventness as ev
        from eventcoder.extract.classify import read_labelled

        summary = ev.train(list(data) or None, output)
        click.echo(f"trained on {summary['rows']} sentences ({summary['events']} events) -> {summary['model']}")
        dev_path = dev or (ev.DATA_DIR / "dev.tsv")
        rows = [(t, lab == "event") for _, t, lab in read_labelled(dev_path)]
        res = ev.score(rows, ev.EventnessModel.load(summary["model"]))
        click.echo("  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in res.items()))
        return
    from eventcoder.extract import classify as c

    summary = c.train(list(data) or None, output)
    click.echo(f"trained on {summary['rows']} snippets -> {summary['model']}")
    dev_path = dev or (c.DATA_DIR / "dev.tsv")
    if Path(dev_path).exists():
        rows = c.read_labelled(dev_path)
        res = c.score([(t, lab) for _, t, lab in rows], c.Classifier.load(summary["model"]))
        _print_typing_scores(res)


def _print_typing_scores(res: dict) -> None:
    click.echo(f"n={res['n']}  accuracy={res['accuracy']:.3f}  weighted_f1={res['weighted_f1']:.3f}  macro_f1={res['macro_f1']:.3f}")
    click.echo("per label (f1, support):")
    for lab, s in sorted(res["per_label"].items(), key=lambda kv: kv[1]["f1"]):
        click.echo(f"  {s['f1']:.2f}  {s['support']:4d}  {lab}")
    click.echo("most confused (gold -> predicted):")
    for p in res["worst_pairs"]:
        click.echo(f"  {p['count']:3d}  {p['gold']} -> {p['predicted']}")


@main.command()
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--events", "events_mode", is_flag=True, help="Score whole-article event extraction on a gold JSONL (default: the shipped evaluation set).")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), help="Typing model to score.")
@click.option("--no-prefilter", is_flag=True, help="With --events: run every sentence through the stages.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate(path, events_mode, model, no_prefilter, as_json):
    """Score typing on PATH (ID<TAB>TEXT<TAB>LABEL; default the shipped dev set), or extraction with --events."""
    if events_mode:
        from eventcoder.evaluation import evaluate_events, format_event_scores

        res = evaluate_events(path, prefilter=not no_prefilter)
        click.echo(json.dumps(res, indent=1) if as_json else format_event_scores(res))
        return
    from eventcoder.extract import classify as c

    rows = c.read_labelled(path or (c.DATA_DIR / "dev.tsv"))
    res = c.score([(t, lab) for _, t, lab in rows], c.Classifier.load(model))
    if as_json:
        click.echo(json.dumps(res, indent=1))
    else:
        _print_typing_scores(res)


# -- gazetteer -----------------------------------------------------------------------------
@main.group()
def gazetteer():
    """The offline gazetteer: load a GeoNames dump so every village resolves."""


@gazetteer.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_db_option
@click.option("--admin1-names", type=click.Path(exists=True, dir_okay=False), help="GeoNames admin1CodesASCII.txt for region names.")
def gazetteer_load(file, db, admin1_names):
    """Load FILE, a GeoNames dump in the official tab-separated format (e.g. ML.txt), into the store."""
    from eventcoder.geo.gazetteer import load_dump
    from eventcoder.store.db import open_engine

    try:
        n = load_dump(open_engine(db), file, admin1_names=admin1_names)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    click.echo(f"loaded {n} place(s) from {file}")


# -- serve, report, users --------------------------------------------------------------------
@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--open-reads/--token-reads", default=True, show_default=True, help="Whether reading needs a token.")
@click.option("--tile-url", envvar="EVENTCODER_TILE_URL", help="Map tile URL template for online use, e.g. https://tile.example/{z}/{x}/{y}.png (default: bundled country outlines only).")
def serve(db, host, port, open_reads, tile_url):
    """Serve the REST API (OpenAPI at /openapi.json, docs at /docs) and the web app at /."""
    import uvicorn

    from eventcoder.web.app import create_app

    uvicorn.run(create_app(db, open_reads=open_reads, tile_url=tile_url), host=host, port=port, log_level="info")


@main.command()
@_db_option
@click.option("--country", help="Only events in this country.")
@click.option("--since", callback=_parse_date, help="Period start (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="Period end (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "pdf"]), default="html", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Output file (default: report.<format>).")
@click.option("--title", help="Report title (default: the country, or 'All countries').")
def report(db, country, since, until, fmt, output, title):
    """Write a situation report of the filtered events."""
    from eventcoder.report import write_report

    out = output or f"report.{fmt}"
    write_report(db, out, fmt=fmt, country=country, since=since, until=until, title=title)
    click.echo(f"wrote {out}")


@main.group()
def users():
    """API users and their tokens (roles: viewer, analyst, admin)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), default="analyst", show_default=True)
@_db_option
def users_add(name, role, db):
    """Create a user and print its token (shown once)."""
    from eventcoder.auth import add_user

    try:
        token = add_user(db, name, role)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    click.echo(token)


@users.command("list")
@_db_option
def users_list(db):
    """List users and roles."""
    from eventcoder.auth import list_users

    for u in list_users(db):
        click.echo(f"{u['name']}\t{u['role']}\t{u['created_at']}")


@users.command("remove")
@click.argument("name")
@_db_option
def users_remove(name, db):
    """Remove a user (its token stops working)."""
    from eventcoder.auth import remove_user

    if not remove_user(db, name):
        raise Failure(f"no user {name!r}")
    click.echo(f"removed {name}")


@main.command()
@_db_option
@click.option("--top", default=5, show_default=True, help="How many top locations to list.")
def summary(db, top):
    """Print a summary of the store: articles, events by type, top locations."""
    from eventcoder.queries import summary as summarise
    from eventcoder.store.repo import Store

    s = summarise(Store(db), top=top)
    click.echo(f"articles: {s['articles']}   event mentions: {s['mentions']}   events: {s['events']} "
               f"(occurred {s['occurred']}, other modalities {s['events'] - s['occurred']})")
    click.echo("events by type (occurred):")
    for k, v in s["by_type"]:
        click.echo(f"  {v:4d}  {k}")
    click.echo("top locations:")
    for k, v in s["top_locations"]:
        click.echo(f"  {v:4d}  {k}")
    click.echo(f"reuse pairs: {s['reuse_pairs']}")


if __name__ == "__main__":  # pragma: no cover
    main()
