"""Event records -> the formats the field reads, through one registry of writers.

Every tabular writer reads the same flat rows (`flatten`: one row per event, `flatten_mentions`:
one per mention); the network writers read one graph (`network`). Add a format by adding a
`Writer` to `WRITERS`.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .dates import interval
from .errors import EventdeskError, UsageError

# ICEWS column names first, then the GDELT-style fields ICEWS lacks; each with its flat-row field.
CSV_FIELDS = [
    ("Event ID", "id"), ("Event Date", "date"), ("Date Precision", "date_precision"),
    ("Source Name", "source_name"), ("Source Sectors", "source_sector"), ("Source Country", "source_country"),
    ("Event Text", "cameo_name"), ("CAMEO Code", "cameo"), ("PLOVER Type", "type"), ("PLOVER Mode", "mode"),
    ("Intensity", "goldstein"), ("Target Name", "target_name"), ("Target Sectors", "target_sector"),
    ("Target Country", "target_country"), ("Story ID", "document"), ("Sentence", "sentence"),
    ("Start", "start"), ("End", "end"), ("Publisher", "publisher"), ("Status", "status"),
    ("Confidence", "confidence"), ("QuadClass", "quad_class"), ("NumMentions", "n_mentions"),
    ("NumArticles", "n_documents"), ("NumSources", "n_publishers"), ("Attributed To", "attributed_to"),
    ("Object", "object"),
]
CSV_COLUMNS = [name for name, _ in CSV_FIELDS]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as the start of a formula


class ExportError(EventdeskError):
    """An export that cannot be written as asked."""


class UnknownFormat(ExportError, UsageError):
    """A --format that is not one of WRITERS (exit code 2, HTTP 400)."""


# -- the one flatten step --------------------------------------------------------------------------------

EVENT_COLUMNS: dict[str, str] = {  # flat event row: column -> type (for typed tables)
    "id": "string", "date": "string", "date_precision": "string", "date_start": "date", "date_end": "date",
    "type": "string", "cameo": "string", "cameo_name": "string", "mode": "string",
    "source_name": "string", "source_text": "string", "source_country": "string", "source_sector": "string",
    "source_role": "string", "target_name": "string", "target_text": "string", "target_country": "string",
    "target_sector": "string", "target_role": "string", "symmetric": "bool", "status": "string",
    "confidence": "float", "goldstein": "float", "quad_class": "int", "object": "string",
    "n_mentions": "int", "n_documents": "int", "n_publishers": "int",
    "document": "string", "sentence": "string", "start": "int", "end": "int", "publisher": "string",
    "attributed_to": "string", "published": "string",
}
MENTION_COLUMNS: dict[str, str] = {
    "event_id": "string", "document": "string", "sentence": "string", "start": "int", "end": "int",
    "attributed_to": "string", "published": "string", "publisher": "string", "status": "string",
    "date": "string", "date_precision": "string", "trigger": "string",
}


ACTOR_FIELDS = [(side, key, f"{side}_{key}") for side in ("source", "target")
                for key in ("name", "text", "country", "sector", "role")]
EVIDENCE_FIELDS = ("document", "sentence", "start", "end", "publisher", "attributed_to", "published")
RECORD_FIELDS = [key for key in EVENT_COLUMNS if key not in {"date_start", "date_end", "cameo_name", *EVIDENCE_FIELDS}
                 and key not in {column for _, _, column in ACTOR_FIELDS}]


def flatten(event: dict, cameo_names: dict[str, str] | None = None) -> dict:
    """One event record -> one flat row of EVENT_COLUMNS; the evidence fields come from its first mention."""
    first = (event.get("mentions") or [{}])[0]
    span = interval(event["date"], event["date_precision"]) if event.get("date") else None
    row = {"date_start": span[0] if span else None, "date_end": span[1] if span else None,
           "cameo_name": (cameo_names or {}).get(event["cameo"])}
    sides = {"source": event.get("source") or {}, "target": event.get("target") or {}}
    for side, key, column in ACTOR_FIELDS:
        row[column] = sides[side].get(key)
    for key in EVIDENCE_FIELDS:
        row[key] = first.get(key)
    for key in RECORD_FIELDS:
        row[key] = event.get(key)
    return row


def flatten_mentions(event: dict) -> list[dict]:
    """Every mention of an event as a row of MENTION_COLUMNS."""
    return [{"event_id": event["id"], **{k: m.get(k) for k in MENTION_COLUMNS if k != "event_id"}}
            for m in event.get("mentions") or []]


# -- text writers ----------------------------------------------------------------------------------------

def write_jsonl(events: Iterable[str], out: IO, options: dict) -> int:
    """The records as the store holds them (JSON text, `json.dumps(record, ensure_ascii=False)`), one a
    line, never decoded: a million events write in seconds."""
    n = 0
    for text in events:
        out.write(text + "\n")
        n += 1
    return n


def safe_cell(value) -> str | int | float:
    """A CSV cell that a spreadsheet shows as text: text starting like a formula gets a leading quote.
    Numbers stay numbers (a Goldstein score of -5.0 is not a formula)."""
    if value is None:
        return ""
    if type(value) is str:  # (the common case first: this runs for every cell of an export)
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(events: Iterable[dict], out: IO, options: dict) -> int:
    """One row per event, ICEWS/GDELT-style column names."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for event in events:
        row = flatten(event, options.get("cameo_names"))
        writer.writerow([safe_cell(row[key]) for _, key in CSV_FIELDS])
        n += 1
    return n


def timeline_date(event: dict) -> dict | None:
    parts = (event.get("date") or "").split("-")
    if not parts[0]:
        return None
    return dict(zip(("year", "month", "day"), (int(p) for p in parts), strict=False))


def write_timelinejs(events: Iterable[dict], out: IO, options: dict) -> int:
    """TimelineJS's JSON: one slide per dated event; text is HTML-escaped (TimelineJS renders HTML).
    The title counts the slides, which come after it: they are spooled to a temporary file as they
    are made, so memory holds one slide at a time."""
    import shutil
    import tempfile

    n = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for event in events:
            slide = timeline_slide(event, options)
            if slide is not None:
                spool.write((",\n  " if n else "\n  ") + json.dumps(slide, ensure_ascii=False, indent=1)
                            .replace("\n", "\n  "))
                n += 1
        title = {"text": {"headline": html.escape(options.get("title") or "eventdesk events"),
                          "text": f"<p>{n} dated events</p>"}}
        out.write('{\n "title": ' + json.dumps(title, ensure_ascii=False, indent=1).replace("\n", "\n ")
                  + ',\n "events": [')
        spool.seek(0)
        shutil.copyfileobj(spool, out)
        out.write("\n ]\n}\n" if n else "]\n}\n")  # laid out as json.dump(..., indent=1) lays it out
    return n


def timeline_slide(event: dict, options: dict) -> dict | None:
    """An event's TimelineJS slide; None for an undated event (TimelineJS needs a start date)."""
    start = timeline_date(event)
    if start is None:
        return None
    row = flatten(event, options.get("cameo_names"))
    arrow = "\u2194" if event.get("symmetric") else "\u2192"
    headline = f"{row['source_name'] or ''} {arrow} {row['target_name'] or ''}: {event['type']}"
    who = row["publisher"] or row["document"] or ""
    text = f"<p>{html.escape(row['sentence'] or '')}</p><p>{html.escape(who)} \u00b7 {html.escape(row['status'])}</p>"
    return {"start_date": start, "unique_id": event["id"], "group": event["type"],
            "text": {"headline": html.escape(headline), "text": text}}


# -- binary writers --------------------------------------------------------------------------------------

def _arrow_table(rows: list[dict], columns: dict[str, str]):
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "date": pa.date32()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
    return pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in rows], schema=schema)


PARQUET_BATCH = 20_000  # events per row group: the export holds one batch at a time


def write_parquet(events: Iterable[dict], folder: Path, options: dict) -> int:
    """FOLDER/events.parquet and FOLDER/mentions.parquet, typed columns, written a batch at a time."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("--format parquet needs pyarrow: pip install 'eventdesk[desk]'") from None
    folder.mkdir(parents=True, exist_ok=True)
    n, rows, mentions = 0, [], []
    empty = _arrow_table([], EVENT_COLUMNS), _arrow_table([], MENTION_COLUMNS)
    with pq.ParquetWriter(folder / "events.parquet", empty[0].schema) as event_file, \
            pq.ParquetWriter(folder / "mentions.parquet", empty[1].schema) as mention_file:
        for event in events:
            rows.append(flatten(event, options.get("cameo_names")))
            mentions += flatten_mentions(event)
            if len(rows) == PARQUET_BATCH:
                n += _write_batch(event_file, mention_file, rows, mentions)
                rows, mentions = [], []
        n += _write_batch(event_file, mention_file, rows, mentions)
    return n


def _write_batch(event_file, mention_file, rows: list[dict], mentions: list[dict]) -> int:
    if rows:  # (no events: the files hold the schema and no row group)
        event_file.write_table(_arrow_table(rows, EVENT_COLUMNS))
        mention_file.write_table(_arrow_table(mentions, MENTION_COLUMNS))
    return len(rows)


def network(events: Iterable[dict]):
    """Actors as nodes, one directed edge per (source, target) weighted by event count and Goldstein."""
    import networkx as nx

    graph = nx.DiGraph()
    for event in events:
        src, tgt = event.get("source"), event.get("target")
        if not src or not tgt:
            continue
        ends = []
        for actor in (src, tgt):
            key = f"{actor.get('name')}|{actor.get('country') or ''}"
            graph.add_node(key, label=actor.get("name") or "", country=actor.get("country") or "",
                           sector=actor.get("sector") or "")
            ends.append(key)
        pairs = [tuple(ends)] + ([tuple(reversed(ends))] if event.get("symmetric") else [])
        for a, b in pairs:
            data = graph.get_edge_data(a, b) or {"weight": 0, "goldstein_sum": 0.0}
            data["weight"] += 1
            data["goldstein_sum"] += float(event.get("goldstein") or 0.0)
            data["goldstein_mean"] = round(data["goldstein_sum"] / data["weight"], 3)
            graph.add_edge(a, b, **data)
    return graph


def write_gexf(events: Iterable[dict], out: IO, options: dict) -> int:
    import networkx as nx

    graph = network(events)
    nx.write_gexf(graph, out)
    return graph.number_of_edges()


def write_graphml(events: Iterable[dict], out: IO, options: dict) -> int:
    import networkx as nx

    graph = network(events)
    nx.write_graphml(graph, out)
    return graph.number_of_edges()


@dataclass(frozen=True)
class Writer:
    write: Callable[[Iterable[dict], IO | Path, dict], int]
    help: str
    output: str = "text"  # text: a text stream; bytes: a binary stream; folder: a folder path
    counts: str = "event(s)"
    reads: str = "records"  # records: event records (dicts); text: their JSON text as stored


WRITERS: dict[str, Writer] = {
    "jsonl": Writer(write_jsonl, "one event record per line (the README's record)", reads="text"),
    "csv": Writer(write_csv, "ICEWS/GDELT-style columns, one row per event"),
    "parquet": Writer(write_parquet, "events.parquet and mentions.parquet in the -o folder", output="folder"),
    "gexf": Writer(write_gexf, "the actor network for Gephi", output="bytes", counts="edge(s)"),
    "graphml": Writer(write_graphml, "the actor network as GraphML", output="bytes", counts="edge(s)"),
    "timelinejs": Writer(write_timelinejs, "TimelineJS JSON, one slide per dated event"),
}


def writer(fmt: str) -> Writer:
    if fmt not in WRITERS:
        raise UnknownFormat(f"unknown --format {fmt!r}: valid choices: {', '.join(WRITERS)}")
    return WRITERS[fmt]


def export_events(store, query, fmt: str, output: Path | None) -> tuple[int, str]:
    """Write the events of `query` in format `fmt` to `output` (standard output when None);
    returns (how many were written, of what)."""
    import sys

    from .codebook import load_codebook

    chosen = writer(fmt)
    options = {"cameo_names": {c: v.name for c, v in load_codebook().cameo.items()}}
    events = (text for _, text in store.event_texts(query)) if chosen.reads == "text" else store.events(query)
    if chosen.output == "folder":
        if output is None:
            raise ExportError(f"--format {fmt} writes two files: give a folder with -o")
        if output.exists() and not output.is_dir():
            raise ExportError(f"--format {fmt} writes into a folder, and {output} is a file")
        return chosen.write(events, output, options), chosen.counts
    mode, binary = ("wb", None) if chosen.output == "bytes" else ("w", "utf-8")
    try:
        out = open(output, mode, encoding=binary, newline=None if binary is None else "") if output else (
            sys.stdout.buffer if binary is None else sys.stdout)
    except OSError as exc:
        raise ExportError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        return chosen.write(events, out, options), chosen.counts
    finally:
        if output:
            out.close()
