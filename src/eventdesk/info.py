"""`eventdesk status` and `eventdesk skipped`: what a database holds, and what it left out."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from .cli import FLAG, Command, _store, app, console
from .terminal import safe

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.", **FLAG)]


@app.command(cls=Command)
def status(as_json: JsonOpt = False) -> None:
    """Documents, events, mentions, publishers, the span of dates, and what is left to re-link."""
    with _store() as store:
        s = store.status()
        path = store.path
    if as_json:
        console.out(json.dumps({"database": str(path), **s}, ensure_ascii=False), highlight=False)
        return
    rows = [
        ("database", str(path)),
        ("documents", f"{s['documents']:,} from {s['publishers']:,} publisher(s), published "
                      f"{s['first_published'] or '?'} to {s['last_published'] or '?'}"),
        ("events", f"{s['events']:,} dated {s['first_date'] or '?'} to {s['last_date'] or '?'}"),
        ("mentions", f"{s['mentions']:,}"),
        ("skipped", f"{s['skipped']:,} input(s), {s['ignored']:,} ignored non-article file(s) "
                    "(eventdesk skipped lists them)"),
        ("to re-link", f"{s['dirty_blocks']:,} block(s)" + (" (the next ingest re-links them)"
                                                           if s["dirty_blocks"] else "")),
    ]
    for name, value in rows:
        console.print(safe(f"{name:<11} {value}"), markup=False, highlight=False)


@app.command(cls=Command)
def skipped(as_json: JsonOpt = False) -> None:
    """Every input the last ingests left out (skipped or ignored), with the reason."""
    with _store() as store:
        rows = store.skipped()
    if as_json:
        console.out(json.dumps([{"source": s, "reason": r} for s, r in rows], ensure_ascii=False), highlight=False)
        return
    for source, reason in rows:
        console.print(safe(f"{source}: {reason}"), markup=False, highlight=False)
    console.print(f"{len(rows)} input(s) left out", highlight=False)
