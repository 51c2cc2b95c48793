"""The commands that follow sources: `sources add|list|remove`, `watch`, `alerts add|list|remove|test`."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console

from .store import Store

console = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)
sources_app = typer.Typer(no_args_is_help=True, help="The named sources 'eventdesk watch' polls.")
alerts_app = typer.Typer(no_args_is_help=True, help="Alerts on new or updated events, delivered once.")
_store: Callable[..., Store] = Store  # replaced by the CLI's own (which knows --db) in register()


def register(app: typer.Typer, store: Callable[..., Store]) -> None:
    global _store
    _store = store
    app.add_typer(sources_app, name="sources")
    app.add_typer(alerts_app, name="alerts")
    app.command()(watch)
    app.command()(reextract)


def _say(text: str) -> None:
    console.print(text, markup=False)


# -- sources -----------------------------------------------------------------------------------

@sources_app.command("add")
def sources_add(
    name: Annotated[str, typer.Argument(help="A short name for the source.")],
    location: Annotated[str, typer.Argument(help="URL of a feed, sitemap, page or home page; or a folder.")],
    kind: Annotated[str, typer.Option("--kind", help="auto (from what the server sends), feed, sitemap, page, "
                                      "home or files.")] = "auto",
) -> None:
    """Add a source to watch."""
    from .watch import add_source

    with _store(create=True) as store:
        add_source(store, name, location, kind)
    _say(f"added source {name}: {location}")


@sources_app.command("list")
def sources_list() -> None:
    """The sources, with the outcome of their last poll."""
    from .watch import list_sources

    with _store() as store:
        rows = list_sources(store)
    if not rows:
        _say("no sources; add one with 'eventdesk sources add NAME URL'")
    for s in rows:
        state = f"failing ({s['failures']}x): {s['last_error']}" if s["last_error"] else "ok"
        _say(f"{s['name']}\t{s['kind']}\t{s['location']}\tlast polled {s['last_polled'] or 'never'}\t"
             f"{s['documents']} document(s)\t{state}")


@sources_app.command("remove")
def sources_remove(name: Annotated[str, typer.Argument(help="The source's name.")]) -> None:
    """Stop watching a source (its documents and events stay)."""
    from .watch import remove_source

    with _store(create=True) as store:
        remove_source(store, name)
    _say(f"removed source {name}")


# -- watch -------------------------------------------------------------------------------------

def watch(
    interval: Annotated[float, typer.Option("--interval", help="Seconds between two polls of every source.",
                                            min=1)] = 900,
    cycles: Annotated[int | None, typer.Option("--cycles", help="Stop after this many cycles (default: "
                                               "until Ctrl-C).", min=1)] = None,
) -> None:
    """Poll the sources on an interval, ingest what is new, deliver alerts (Ctrl-C: stop cleanly)."""
    from .watch import watch as run_watch

    stop = threading.Event()

    def on_interrupt(signum, frame) -> None:
        err.print("stopping after the current article (Ctrl-C again to quit at once)")
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        with _store(create=True) as store:
            n = run_watch(store, interval, stop, cycles=cycles, printer=_say, report=_report)
    finally:
        signal.signal(signal.SIGINT, previous)
    _say(f"watch stopped after {n} cycle(s)")


def _report(cycle) -> None:
    for p in cycle.polls:
        line = f"{p.source}: new {p.new}, updated {p.updated}, unchanged {p.unchanged}"
        if p.skipped:
            line += f", skipped {len(p.skipped)}"
        _say(line + (f"; FAILED: {p.error}" if p.error else ""))
        for source, reason in p.skipped:
            _say(f"  skipped {source}: {reason}")
    if cycle.alerts:
        _say(f"{cycle.alerts} alert(s) delivered")
    for failure in cycle.alert_failures:
        _say(f"  alert not delivered (retried next cycle): {failure}")


def reextract() -> None:
    """Extract every stored web page again from its kept HTML, without fetching (after an upgrade)."""
    from .jobs import ingest
    from .sources.web import stored_pages

    with _store(create=True) as store:
        summary = ingest(store, [], records=stored_pages(store), force=True)
        fired = deliver_alerts(store, console)
    _say(f"pages {summary.read}: updated {summary.updated}, new {summary.new}, skipped {len(summary.skipped)}; "
         f"{summary.events} events re-linked" + (f"; {fired} alert(s) delivered" if fired else ""))


# -- alerts ------------------------------------------------------------------------------------

@alerts_app.command("add")
def alerts_add(
    name: Annotated[str, typer.Argument(help="A short name for the alert.")],
    actor: Annotated[str | None, typer.Option("--actor", help="Country code or actor name on either side.")] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Two country codes, either direction: 'RUS UKR'.")] = None,
    against: Annotated[str | None, typer.Option("--against", help="Country the act is aimed at (target).")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type; repeat for several.")] = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="Status; repeat for several (default: all "
                                                     "but hypothetical and negated).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Events on or before this date.")] = None,
    min_reports: Annotated[int, typer.Option("--min-reports", help="Documents that report the event.")] = 1,
    shift: Annotated[float | None, typer.Option(
        "--shift", help="Instead of a query: fire when the dyad's mean Goldstein over the last 30 days is "
                        "below that of the 90 days before by this much.")] = None,
    deliver: Annotated[str, typer.Option("--deliver", help="print, jsonl or webhook.")] = "print",
    to: Annotated[str | None, typer.Option("--to", help="The JSON Lines file, or the webhook URL.")] = None,
) -> None:
    """Add an alert; events it already matches are its baseline, not news."""
    from .alerts import add_alert, make_alert

    alert = make_alert(name, actor=actor, dyad=dyad, types=type_ or (), statuses=status or (), since=since,
                       until=until, min_reports=min_reports, against=against, shift_threshold=shift,
                       deliver=deliver, to=to)
    with _store(create=True) as store:
        baseline = add_alert(store, alert)
    _say(f"added alert {alert.name} ({baseline} event(s) already matching: not delivered)")


@alerts_app.command("list")
def alerts_list() -> None:
    """The alerts and how they are delivered."""
    from .alerts import list_alerts

    with _store() as store:
        alerts = list_alerts(store)
    if not alerts:
        _say("no alerts; add one with 'eventdesk alerts add NAME --against UKR --type THREATEN'")
    for a in alerts:
        what = a.query or a.shift
        rule = {k: v for k, v in vars(what).items() if v not in (None, (), 1) or k == "threshold"}
        _say(f"{a.name}\t{type(what).__name__}\t{rule}\t{a.deliver}{' ' + a.target if a.target else ''}")


@alerts_app.command("remove")
def alerts_remove(name: Annotated[str, typer.Argument(help="The alert's name.")]) -> None:
    """Remove an alert and its delivery record."""
    from .alerts import remove_alert

    with _store(create=True) as store:
        remove_alert(store, name)
    _say(f"removed alert {name}")


@alerts_app.command("test")
def alerts_test(name: Annotated[str, typer.Argument(help="The alert's name.")]) -> None:
    """What the alert would fire over the stored record (delivers nothing)."""
    from .alerts import describe, get_alert, matching

    with _store() as store:
        alert = get_alert(store, name)
        found = list(matching(store, alert))
    for _, _, payload in found:
        _say(describe(alert.name, payload))
    _say(f"{len(found)} event(s) match alert {alert.name}")


def deliver_alerts(store: Store, out: Console) -> int:
    """After an ingest: deliver the alerts' new matches; returns how many went out."""
    from .alerts import run_alerts

    if not store.db.execute("SELECT 1 FROM alerts LIMIT 1").fetchone():
        return 0
    run = run_alerts(store, printer=lambda line: out.print(line, markup=False, highlight=False))
    for failed in run.failed:
        out.print(f"  alert not delivered (retried next run): {failed.alert} {failed.event}: {failed.error}",
                  markup=False, highlight=False)
    return len(run.delivered)
