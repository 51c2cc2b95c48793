"""The `eventdesk` command: a thin layer over jobs and store queries."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import desk, follow
from .errors import EventdeskError
from .export import WRITERS
from .pipeline import Settings
from .query import STATUSES, TYPES, EventQuery, QueryError
from .spark import commands as spark_commands
from .store import Store, default_db_path

EXIT_SKIPPED = 3  # ingest finished, but some inputs were skipped
DEFAULT_PROCESSES = min(2, os.cpu_count() or 1)

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Dated, deduplicated, source-attributed events from your own news articles.")
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
state: dict = {"db": None}


@app.callback()
def main_options(
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: $EVENTDESK_DB, else ./eventdesk.db).",
                                            envvar="EVENTDESK_DB", show_envvar=True)] = None,
) -> None:
    """eventdesk: point it at a folder of articles, get a database of events."""
    state["db"] = db


def _store(create: bool = False) -> Store:
    path = Path(state["db"] or default_db_path())
    if not create and not path.exists():
        raise EventdeskError(f"no database at {path}: run 'eventdesk ingest' first, or pass --db / EVENTDESK_DB")
    return Store(path, readonly=not create)  # read commands never write, migrate or create a file


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of .txt, .html, .json, .jsonl, .warc(.gz) "
                                               "articles, or URLs of pages, feeds, sitemaps, home pages.")],
    processes: Annotated[int, typer.Option("--processes", "-j", help="Parser processes (default: 2 on a "
                                           "machine with 2 or more cores).", min=1)] = DEFAULT_PROCESSES,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Sentences per parser batch.", min=1)] = 64,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged articles too (after an upgrade).")] = False,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Follow symbolic links that lead out of "
                                               "the folders named.")] = False,
) -> None:
    """Read articles, extract their events and store them (re-running skips unchanged articles)."""
    from .follow import deliver_alerts
    from .jobs import ingest as run_ingest

    with _store(create=True) as store, Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(),
                                     MofNCompleteColumn(), TextColumn("{task.fields[doc]}"),
                                     TimeElapsedColumn(), console=err, transient=True,
                                     disable=not err.is_terminal) as progress:
        task = progress.add_task("ingest", total=None, doc="")
        summary = run_ingest(store, paths, Settings(n_process=processes, batch_size=batch_size),
                             on_document=lambda d: progress.update(task, advance=1, doc=d.id[-40:]), force=force,
                             follow_links=follow_links)
        fired = deliver_alerts(store, console)
    console.print(f"read {summary.read}, new {summary.new}, updated {summary.updated}, "
                  f"unchanged {summary.unchanged}, skipped {len(summary.skipped)}, "
                  f"ignored {len(summary.ignored)} non-article file(s); "
                  f"{summary.mentions} event mentions, {summary.events} events re-linked")
    for source, reason in summary.skipped:
        console.print(f"  skipped {source}: {reason}", markup=False, highlight=False)
    for source, twin in summary.duplicates:
        console.print(f"  unchanged {source}: same text as document {twin}", markup=False, highlight=False)
    if fired:
        console.print(f"{fired} alert(s) delivered")
    if not summary.ok:
        raise typer.Exit(EXIT_SKIPPED)


def _query(actor, dyad, type_, status, since, until, limit=None) -> EventQuery:
    """The command's filters as one validated query; errors name the option."""
    try:
        return EventQuery(actor=actor, dyad=dyad, type=type_, status=status, since=since, until=until, limit=limit)
    except QueryError as exc:
        raise QueryError(f"--{exc}") from None


ActorOpt = Annotated[str | None, typer.Option("--actor", help="Country code or actor name on either side.")]
DyadOpt = Annotated[str | None, typer.Option("--dyad", help="Two country codes, either direction: 'ISR UKR'.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help=f"PLOVER type: {', '.join(TYPES)}.")]
StatusOpt = Annotated[str | None, typer.Option(
    "--status", help=f"{', '.join(STATUSES)}, or all (default: all but hypothetical and negated).")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before this date (YYYY-MM-DD).")]


@app.command()
def events(actor: ActorOpt = None, dyad: DyadOpt = None, type_: TypeOpt = None, status: StatusOpt = None,
           since: SinceOpt = None, until: UntilOpt = None,
           limit: Annotated[int, typer.Option("--limit", help="At most this many events.", min=1)] = 200) -> None:
    """List events, one line each, with their number of reports."""
    with _store() as store:
        rows = list(store.events(_query(actor, dyad, type_, status, since, until, limit)))
    _print_events(rows, evidence=False)


@app.command()
def timeline(
    countries: Annotated[list[str], typer.Argument(help="One country code, or two for a dyad (ISR UKR).")],
    type_: TypeOpt = None, status: StatusOpt = None, since: SinceOpt = None, until: UntilOpt = None,
) -> None:
    """A dated table of the events involving one country or between two, with evidence."""
    if len(countries) not in (1, 2):
        raise EventdeskError("timeline takes one or two country codes, e.g. 'eventdesk timeline ISR UKR'")
    dyad = " ".join(countries) if len(countries) == 2 else None
    actor = countries[0] if len(countries) == 1 else None
    with _store() as store:
        rows = list(store.events(_query(actor, dyad, type_, status, since, until)))
    _print_events(rows, evidence=True)


def _print_events(rows: list[dict], evidence: bool) -> None:
    """One line per event; with evidence, the first reporting sentence under it."""
    for e in rows:
        src, tgt = e.get("source") or {}, e.get("target") or {}
        arrow = "<->" if e.get("symmetric") else "->"
        reports = f"{e['n_mentions']} report(s) in {e['n_documents']} doc(s)"
        console.print(f"[bold]{e.get('date') or '(undated)':<10}[/bold] {e['type']:<9} {e['cameo']:<5} "
                      f"{escape(_who(src))} {arrow} {escape(_who(tgt))}  {escape('[' + e['status'] + ']')} {reports}  "
                      f"[dim]{e['id']}[/dim]",
                      highlight=False)
        if evidence:
            first = e["mentions"][0]
            attribution = f" (according to {first['attributed_to']})" if first.get("attributed_to") else ""
            console.print(f"    {first['sentence']}", markup=False, highlight=False)
            console.print(f"    [dim]{escape(first['document'] + attribution)}[/dim]", highlight=False)
    console.print(f"{len(rows)} event(s)")


def _who(actor: dict) -> str:
    if not actor:
        return ""
    return f"{actor.get('name')} ({actor.get('country') or '?'})"


@app.command()
def show(event_id: Annotated[str, typer.Argument(help="Event id (or a unique prefix of it).")]) -> None:
    """Print one event and every mention that reports it."""
    with _store() as store:
        e = store.event(event_id)
    if e is None:
        raise EventdeskError(f"no event with id {event_id!r}")
    console.print(f"[bold]{e['id']}[/bold]  {e['type']} ({e['cameo']})  {e.get('date') or '(undated)'}  {e['status']}")
    console.print(f"  {_who(e['source'])} -> {_who(e['target'])}   confidence {e['confidence']}", markup=False)
    if e.get("object"):
        console.print(f"  object: {e['object']}", markup=False)
    if e.get("denied_by"):
        console.print(f"  asserted by: {', '.join(e['asserted_by'])}; denied by: {', '.join(e['denied_by'])}",
                      markup=False)
    console.print(f"  {e['n_mentions']} mention(s) in {e['n_documents']} document(s), {e['n_publishers']} publisher(s)")
    for m in e["mentions"]:
        where = f"{m['document']} [{m['start']}:{m['end']}]"
        console.print(f"\n  [dim]{escape(where)}  published {m.get('published') or '?'}  {m['status']}[/dim]")
        if m.get("attributed_to"):
            console.print(f"  according to: {m['attributed_to']}", markup=False)
        console.print(f"  {m['sentence']}", markup=False, highlight=False)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="; ".join(
        f"{name}: {w.help}" for name, w in WRITERS.items()))] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output "
                                                "(a folder for parquet).")] = None,
    actor: ActorOpt = None, dyad: DyadOpt = None, type_: TypeOpt = None, status: StatusOpt = None,
    since: SinceOpt = None, until: UntilOpt = None,
) -> None:
    """Export events as JSON Lines, CSV, Parquet, GEXF, GraphML or TimelineJS."""
    from .export import export_events

    query = _query(actor, dyad, type_, status, since, until)
    with _store() as store:
        n, unit = export_events(store, query, fmt, output)
    if output:
        err.print(f"wrote {n} {unit} to {output}")


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of NAME.gold.json files (CONTRACT §3).")],
    ignore_dates: Annotated[bool, typer.Option("--ignore-dates", help="Do not require dates to match.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the database against gold files: precision, recall, F1, per type, misses, false positives."""
    import json

    from .evaluate import score

    if not gold_dir.is_dir():
        raise EventdeskError(f"{gold_dir}: not a folder of gold files")
    with _store() as store:
        result = score(gold_dir, store.events(), ignore_dates=ignore_dates)
    if as_json:
        console.print_json(json.dumps({**result.summary(), "per_type": result.per_type, "misses": result.misses,
                                       "false_positives": result.false_positives, "trap_hits": result.trap_hits}))
        return
    for label, items in (("miss", result.misses), ("false positive", result.false_positives),
                         ("trap hit", result.trap_hits)):
        for line in items:
            console.print(f"{label}: {line}", markup=False, highlight=False)
    table = Table("type", "tp", "fp", "fn", "f1")
    for t in sorted(result.per_type, key=str):
        c = result.per_type[t]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        table.add_row(str(t), str(c["tp"]), str(c["fp"]), str(c["fn"]), f"{2 * p * r / (p + r) if p + r else 0:.3f}")
    console.print(table)
    s = result.summary()
    console.print(f"merged cross-article groups: {s['merged_groups']}/{s['groups']}")
    console.print(f"tp={s['tp']} fp={s['fp']} fn={s['fn']} traps={s['traps']} "
                  f"precision={s['precision']} recall={s['recall']} f1={s['f1']}")


desk.register(app, lambda: Path(state["db"] or default_db_path()))


def _sqlite_hint(exc: Exception) -> str:
    """The likely cause of an SQLite error, only where the message shows it."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return " (another eventdesk is writing to it: try again when it is done)"
    if "readonly" in text or "read-only" in text:
        return " (the file or its folder is read-only: ingest needs to write)"
    return ""


follow.register(app, _store)  # sources, watch, alerts
spark_commands.register(app, lambda: _store(create=True))  # spark, load


def main() -> None:
    import sqlite3

    try:
        app(standalone_mode=True)
    except EventdeskError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(1)
    except sqlite3.Error as exc:
        where = state["db"] or default_db_path()
        err.print(f"[red]error:[/red] database {escape(str(where))}: {escape(str(exc))}{_sqlite_hint(exc)}")
        sys.exit(1)
    except OSError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(1)
