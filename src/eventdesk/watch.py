"""Named sources and the watch loop: poll each source, ingest what is new, link it, deliver alerts.

A source that fails (server down, invalid feed, robots.txt) is recorded with its error and polled
again on the next cycle; it never stops the loop. `stop` (set by one Ctrl-C) ends the loop after the
article being read.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EventdeskError
from .records import Document, Skipped
from .sources import is_url, read_corpus
from .sources.http import FetchSettings
from .sources.web import URL_READERS, WebClient, read_url, web_fetcher

KINDS = ("auto", *URL_READERS, "files")


class SourceError(EventdeskError):
    """A source definition is invalid, or names no source that exists."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def add_source(store, name: str, location: str, kind: str = "auto") -> None:
    name = name.strip()
    if not name:
        raise SourceError("a source needs a name")
    if kind not in KINDS:
        raise SourceError(f"--kind {kind!r}: choose from {', '.join(KINDS)}")
    if is_url(location):
        if kind == "files":
            raise SourceError(f"{location} is a URL; --kind files is for a file or folder")
    elif kind not in ("auto", "files"):
        raise SourceError(f"--kind {kind} needs an http:// or https:// URL, got {location!r}")
    elif not Path(location).exists():
        raise SourceError(f"no such file or folder: {location}")
    else:
        location, kind = str(Path(location).resolve()), "files"
    if store.db.execute("SELECT 1 FROM sources WHERE name = ?", (name,)).fetchone():
        raise SourceError(f"a source named {name!r} exists; remove it first")
    with store.db:
        store.db.execute("INSERT INTO sources (name, location, kind, added_at) VALUES (?,?,?,?)",
                         (name, location, kind, _now()))


def list_sources(store) -> list[dict]:
    return [dict(r) for r in store.db.execute("SELECT * FROM sources ORDER BY name")]


def remove_source(store, name: str) -> None:
    with store.db:
        if store.db.execute("DELETE FROM sources WHERE name = ?", (name,)).rowcount == 0:
            known = ", ".join(s["name"] for s in list_sources(store)) or "none"
            raise SourceError(f"no source named {name!r} (sources: {known})")


@dataclass
class PollResult:
    source: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None  # the source itself could not be read


@dataclass
class Cycle:
    polls: list[PollResult] = field(default_factory=list)
    alerts: int = 0
    alert_failures: list[str] = field(default_factory=list)


def poll(store, source: dict, client: Callable[[], WebClient], stop: threading.Event,
         settings=None) -> PollResult:
    """One poll of one source: its new and changed articles ingested, the outcome recorded."""
    from .jobs import ingest

    result = PollResult(source["name"])
    location, kind = source["location"], source["kind"]
    if kind == "files":
        records = read_corpus([location])
    else:
        records = read_url(location, client(), None if kind == "auto" else kind)
    try:
        summary = ingest(store, [], settings, records=_until(stop, _watching(records, location, result)))
    except Exception as exc:  # noqa: BLE001 - a source never stops the loop; its error is recorded
        result.error = f"{type(exc).__name__}: {exc}"
    else:
        result.new, result.updated, result.unchanged = summary.new, summary.updated, summary.unchanged
        result.skipped = [s for s in summary.skipped if s[0] != location]
    _record(store, source["name"], result)
    return result


def _watching(records: Iterable[Document | Skipped], location: str, result: PollResult
              ) -> Iterator[Document | Skipped]:
    """The records, noting a failure of the source itself (as opposed to one of its articles)."""
    for record in records:
        if isinstance(record, Skipped) and record.source == location and not record.ignored:
            result.error = record.reason
        yield record


def _until(stop: threading.Event, records: Iterable) -> Iterator:
    """The records up to and including the one being read when `stop` was set."""
    if stop.is_set():
        return
    for record in records:
        yield record
        if stop.is_set():
            return


def _record(store, name: str, result: PollResult) -> None:
    now = _now()
    with store.db:
        if result.error:
            store.db.execute("UPDATE sources SET last_polled = ?, last_error = ?, failures = failures + 1 "
                             "WHERE name = ?", (now, result.error, name))
        else:
            store.db.execute("UPDATE sources SET last_polled = ?, last_ok = ?, last_error = NULL, failures = 0, "
                             "documents = documents + ? WHERE name = ?", (now, now, result.new, name))


def run_cycle(store, client: Callable[[], WebClient], stop: threading.Event, settings=None,
              printer: Callable[[str], None] = print, post=None) -> Cycle:
    """Poll every source once, then deliver the alerts."""
    from .alerts import run_alerts

    cycle = Cycle()
    for source in list_sources(store):
        if stop.is_set():
            break
        cycle.polls.append(poll(store, source, client, stop, settings))
    fired = run_alerts(store, printer=printer, post=post)
    cycle.alerts = len(fired.delivered)
    cycle.alert_failures = [f"{d.alert} {d.event}: {d.error}" for d in fired.failed]
    return cycle


def watch(store, interval: float, stop: threading.Event, cycles: int | None = None, settings=None,
          fetch: FetchSettings | None = None, printer: Callable[[str], None] = print,
          report: Callable[[Cycle], None] | None = None, post=None) -> int:
    """Run cycles every `interval` seconds until `stop` is set (or `cycles` have run); returns the
    number of cycles run."""
    if not list_sources(store):
        raise SourceError("no sources to watch: add one with 'eventdesk sources add NAME URL'")
    client = web_fetcher(store, fetch)
    done = 0
    while not stop.is_set():
        cycle = run_cycle(store, client, stop, settings, printer, post)
        done += 1
        if report:
            report(cycle)
        if cycles is not None and done >= cycles:
            break
        stop.wait(interval)
    return done
