"""The `eventdesk` command: a thin layer over jobs and store queries."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperCommand, TyperGroup

from . import desk, follow
from .errors import EventdeskError, NotFoundError, UsageError
from .export import WRITERS
from .limits import DEFAULT_LIMITS, Limits
from .pipeline import Settings
from .query import HARD_LIMIT, STATUSES, TYPES, EventQuery, QueryError
from .spark import commands as spark_commands
from .store import Store, default_db_path
from .terminal import safe

EXIT_SKIPPED = 3  # ingest finished, but some inputs were skipped
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
DEFAULT_PROCESSES = min(2, os.cpu_count() or 1)


class _FlagHelp:
    """--help / -h is a flag: show no value for it (typer would print <bool>)."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option


class Command(_FlagHelp, TyperCommand):
    pass


class _Group(_FlagHelp, TyperGroup):
    pass


app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  cls=_Group, help="Dated, deduplicated, source-attributed events from your own news articles.")
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
state: dict = {"db": None, "debug": False}
FLAG = {"metavar": ""}  # boolean flags take no value: show none in the help


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        console.print(f"eventdesk {version('eventdesk')}", highlight=False)
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: $EVENTDESK_DB, else ./eventdesk.db).",
                                            envvar="EVENTDESK_DB", show_envvar=True)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Let an error inside extraction stop the run with its "
                                        "traceback, instead of skipping the article.", envvar="EVENTDESK_DEBUG",
                                        show_envvar=True, **FLAG)] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True, **FLAG)] = False,
) -> None:
    """eventdesk: point it at a folder of articles, get a database of events."""
    state["db"], state["debug"] = db, debug


def _store(create: bool = False) -> Store:
    path = Path(state["db"] or default_db_path())
    if not create and not path.exists():
        raise NotFoundError(f"no database at {path}: run 'eventdesk ingest' first, or pass --db / EVENTDESK_DB")
    return Store(path, readonly=not create)  # read commands never write, migrate or create a file


@app.command(cls=Command)
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of .txt, .html, .json, .jsonl, .warc(.gz) "
                                               "articles, or URLs of pages, feeds, sitemaps, home pages.")],
    processes: Annotated[int, typer.Option("--processes", "-j", help="Parser processes (default: 2 on a "
                                           "machine with 2 or more cores).", min=1)] = DEFAULT_PROCESSES,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Sentences per parser batch.", min=1)] = 64,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged articles too (after an upgrade).",
                                        **FLAG)] = False,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Follow symbolic links that lead out of "
                                               "the folders named.", **FLAG)] = False,
    max_chars: Annotated[int, typer.Option("--max-chars", help="Characters of text read per article; the rest "
                                           "is left out, and the article named.", min=1)] = DEFAULT_LIMITS.max_chars,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest .json, .html file or .jsonl line parsed "
                                           "(bytes); larger ones are skipped.", min=1)] = DEFAULT_LIMITS.max_bytes,
    max_mentions: Annotated[int, typer.Option("--max-mentions", help="Mentions of one event kept per article "
                                              "(a text repeating a sentence).", min=1)] = DEFAULT_LIMITS.max_mentions,
) -> None:
    """Read articles, extract their events and store them (re-running skips unchanged articles)."""
    from .follow import deliver_alerts
    from .ingest_view import run_ingest
    from .sources import is_url

    for path in paths:
        if path.lower() in ("true", "false", "yes", "no", "on", "off") and not is_url(path) \
                and not Path(path).exists():
            raise UsageError(f"no file or folder {path!r}: flags such as --force take no value "
                             "(write --force alone)")
    settings = Settings(n_process=processes, batch_size=batch_size, debug=state["debug"],
                        limits=Limits(max_chars=max_chars, max_bytes=max_bytes, max_mentions=max_mentions))
    with _store(create=True) as store:
        summary = run_ingest(store, paths, settings, force, console, err, follow_links=follow_links)
        fired = 0 if summary.interrupted else deliver_alerts(store, console)
    if fired:
        console.print(f"{fired} alert(s) delivered")
    if summary.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    if not summary.ok:
        raise typer.Exit(EXIT_SKIPPED)


def _query(actor, dyad, type_, status, since, until, limit=None, after=None) -> EventQuery:
    """The command's filters as one validated query; errors name the option."""
    try:
        return EventQuery(actor=actor, dyad=dyad, type=type_, status=status, since=since, until=until, limit=limit,
                          cursor=after)
    except QueryError as exc:
        raise QueryError(f"--{exc}".replace("--cursor:", "--after:").replace("a previous page's 'next'",
                                                                          "a previous page")) from None


ActorOpt = Annotated[str | None, typer.Option("--actor", help="Country code or actor name on either side.")]
DyadOpt = Annotated[str | None, typer.Option("--dyad", help="Two country codes, either direction: 'ISR UKR'.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help=f"PLOVER type: {', '.join(TYPES)}.")]
StatusOpt = Annotated[str | None, typer.Option(
    "--status", help=f"{', '.join(STATUSES)}, or all (default: all but hypothetical and negated).")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before this date (YYYY-MM-DD).")]

TERMINAL_LIMIT = 200  # events a listing shows on a terminal unless --limit says otherwise
LimitOpt = Annotated[int | None, typer.Option("--limit", help=f"At most this many events (default: {TERMINAL_LIMIT} "
                                              "on a terminal; all of them, printed as they are read, when the "
                                              "output goes to a file or a pipe).", min=1)]
AfterOpt = Annotated[str | None, typer.Option("--after", help="The next page: the events after the cursor that "
                                              "the previous page printed.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the export record) instead of text.", **FLAG)]


@app.command(cls=Command)
def events(actor: ActorOpt = None, dyad: DyadOpt = None, type_: TypeOpt = None, status: StatusOpt = None,
           since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, after: AfterOpt = None,
           as_json: JsonOpt = False) -> None:
    """List events, one line each, with their number of reports."""
    _list_events(_query(actor, dyad, type_, status, since, until, limit, after), as_json, evidence=False)


@app.command(cls=Command)
def timeline(
    countries: Annotated[list[str], typer.Argument(help="One country code, or two for a dyad (ISR UKR).")],
    type_: TypeOpt = None, status: StatusOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    limit: LimitOpt = None, after: AfterOpt = None, as_json: JsonOpt = False,
) -> None:
    """A dated table of the events involving one country or between two, with evidence."""
    if len(countries) not in (1, 2):
        raise UsageError("timeline takes one or two country codes, e.g. 'eventdesk timeline ISR UKR'")
    dyad = " ".join(countries) if len(countries) == 2 else None
    actor = countries[0] if len(countries) == 1 else None
    _list_events(_query(actor, dyad, type_, status, since, until, limit, after), as_json, evidence=True)


def _list_events(query: EventQuery, as_json: bool, evidence: bool) -> None:
    """The events of `query`, each printed as soon as it is read (nothing is gathered in memory). On a
    terminal, at most TERMINAL_LIMIT unless the query's limit says otherwise; when some are left out,
    stderr says how many and gives the cursor of the next page."""
    import json

    limit = query.limit or (TERMINAL_LIMIT if console.is_terminal else None)
    out = Lines(console)
    shown, last, more = 0, None, False
    with _store() as store:
        records = store.event_texts(replace(query, limit=None if limit is None else min(limit + 1, HARD_LIMIT)))
        if as_json:
            shown, last, more = json_array(records, limit, out.write)
        else:
            for position, text in records:
                if shown == limit:
                    more = True
                    break
                for line, dim in event_lines(json.loads(text), evidence):
                    out.line(line, dim)
                shown, last = shown + 1, position
            out.line(f"{shown} event(s)")
        records.close()  # the query's cursors, while the database is open
        total = store.count_matching(query) if more else shown
    if more:
        after = f"--after {last.encode()} for the next page"
        err.print(f"{shown:,} of {total:,} events shown; use --limit {total} to see them all, or {after}"
                  if query.cursor is None else f"{shown:,} events shown ({total:,} match in all); {after}",
                  highlight=False, markup=False)


class Lines:
    """Lines for standard output: through rich on a terminal (dim lines dimmed), otherwise written as
    they are, the same text."""

    def __init__(self, to: Console):
        self.console, self.rich = to, to.is_terminal

    def write(self, text: str) -> None:
        self.console.file.write(text)

    def line(self, text: str, dim: bool = False) -> None:
        if not self.rich:
            self.console.file.write(text + "\n")
        elif dim:
            self.console.print(f"[dim]{escape(text)}[/dim]", highlight=False, emoji=False)
        else:
            self.console.print(text, markup=False, highlight=False, emoji=False)


def json_array(records, limit: int | None, write) -> tuple[int, object, bool]:
    """The records (cursor, JSON text) as one JSON array, laid out as `json.dumps(list, indent=1)`
    lays it out, written one record at a time; returns (records written, last cursor, more left)."""
    import json

    shown, last = 0, None
    for position, text in records:
        if shown == limit:
            write("\n]\n")
            return shown, last, True
        write(",\n " if shown else "[\n ")
        write(json.dumps(json.loads(text), ensure_ascii=False, indent=1).replace("\n", "\n "))
        shown, last = shown + 1, position
    write("\n]\n" if shown else "[]\n")
    return shown, last, False


def event_lines(e: dict, evidence: bool) -> Iterator[tuple[str, bool]]:
    """An event's line (and with evidence, its first reporting sentence and where it was read), each
    with whether it is printed dim."""
    src, tgt = e.get("source") or {}, e.get("target") or {}
    arrow = "<->" if e.get("symmetric") else "->"
    reports = f"{e['n_mentions']} report(s) in {e['n_documents']} doc(s)"
    yield (f"{e.get('date') or '(undated)':<10} {e['type']:<9} {e['cameo']:<5} "
           f"{_who(src)} {arrow} {_who(tgt)}  [{e['status']}] {reports}  {e['id']}"), False
    if evidence:
        first = e["mentions"][0]
        attribution = f" (according to {first['attributed_to']})" if first.get("attributed_to") else ""
        yield f"    {safe(first['sentence'])}", False
        yield f"    {safe(first['document'] + attribution)}", True


def _who(actor: dict) -> str:
    if not actor:
        return ""
    return safe(f"{actor.get('name')} ({actor.get('country') or '?'})")


@app.command(cls=Command)
def show(event_id: Annotated[str, typer.Argument(help="Event id (or a unique prefix of it).")],
         limit: Annotated[int, typer.Option("--limit", help="Mentions shown (a page).", min=1)] = 20,
         offset: Annotated[int, typer.Option("--offset", help="Mentions skipped before the page.", min=0)] = 0,
         as_json: Annotated[bool, typer.Option("--json", help="Print the whole export record as JSON.",
                                               **FLAG)] = False) -> None:
    """Print one event and its mentions, a page at a time."""
    with _store() as store:
        e = store.event(event_id)
    if e is None:
        raise NotFoundError(f"no event with id {event_id!r}")
    if as_json:
        import json

        console.out(json.dumps(e, ensure_ascii=False, indent=1), highlight=False)
        return
    line = lambda text: console.print(safe(text), markup=False, highlight=False)  # noqa: E731
    line(f"{e['id']}  {e['type']} ({e['cameo']})  {e.get('date') or '(undated)'}  {e['status']}")
    line(f"  {_who(e['source'])} -> {_who(e['target'])}   confidence {e['confidence']}")
    if e.get("object"):
        line(f"  object: {e['object']}")
    if e.get("denied_by"):
        line(f"  asserted by: {', '.join(e['asserted_by'])}; denied by: {', '.join(e['denied_by'])}")
    line(f"  {e['n_mentions']} mention(s) in {e['n_documents']} document(s), {e['n_publishers']} publisher(s)")
    page = e["mentions"][offset:offset + limit]
    for m in page:
        where = f"{m['document']} [{m['start']}:{m['end']}]  published {m.get('published') or '?'}  {m['status']}"
        console.print(f"\n  [dim]{escape(safe(where))}[/dim]", highlight=False)
        if m.get("attributed_to"):
            line(f"  according to: {m['attributed_to']}")
        line(f"  {m['sentence']}")
    rest = len(e["mentions"]) - offset - len(page)
    if rest > 0 or offset:
        line(f"\n  mentions {offset + 1 if page else offset}-{offset + len(page)} of {len(e['mentions']):,}"
             + (f"; --offset {offset + len(page)} for the next {min(rest, limit)}" if rest > 0 else ""))


@app.command(cls=Command)
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


@app.command(name="eval", cls=Command)
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of NAME.gold.json files (README, 'Gold files').")],
    ignore_dates: Annotated[bool, typer.Option("--ignore-dates", help="Do not require dates to match.",
                                               **FLAG)] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.", **FLAG)] = False,
) -> None:
    """Score the database against gold files: precision, recall, F1, per type, misses, false positives."""
    import json

    from .evaluate import score

    if not gold_dir.is_dir():
        raise UsageError(f"{gold_dir}: not a folder of gold files")
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
        _fail(str(exc), exc.exit_code)
    except sqlite3.Error as exc:
        where = state["db"] or default_db_path()
        _fail(f"database {where}: {exc}{_sqlite_hint(exc) or ' (is another eventdesk writing to it, or is it read-only?)'}", 1)
    except OSError as exc:
        _fail(str(exc), 1)


def _fail(message: str, code: int) -> None:
    if state["debug"]:
        raise
    err.print(f"[red]error:[/red] {escape(safe(message))}")
    sys.exit(code)


from . import info  # noqa: E402,F401  (registers `status` and `skipped`)
