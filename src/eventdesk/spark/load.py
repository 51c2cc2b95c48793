"""The Spark job's Parquet tables -> a local database, for the CLI and `eventdesk serve`.

Documents and their mentions are stored by `Store.save_document`, as `ingest` stores them, and
linked by `jobs.relink` with what the database held: the events come out as the job's `events`
table holds them (the same `link` code), and each event row gets the summaries later ingests link
new mentions against. Tables are read one batch at a time, in the order the job sorted them
(documents and mentions by document).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import EventdeskError
from ..jobs import relink
from ..records import Document, EventMention
from ..store import Store
from .tables import document_from_json, stored_mention


class LoadError(EventdeskError):
    """The folder is not what `eventdesk spark` writes."""


@dataclass
class LoadSummary:
    documents: int = 0
    mentions: int = 0
    events: int = 0
    skipped: int = 0
    relinked: bool = False  # the database held documents: blocks were re-linked with them


def load(store: Store, folder: str | Path) -> LoadSummary:
    """Store the job's documents, mentions, skipped inputs and events in `store`."""
    folder = Path(folder)
    for table in ("documents", "mentions", "events", "skipped"):
        if not (folder / table).is_dir():
            raise LoadError(f"{folder}: no '{table}' table; give the --output folder of 'eventdesk spark'")
    summary = LoadSummary(relinked=store.counts()["documents"] > 0)
    touched: set[str] = set()
    for doc, mentions in _documents(folder):
        touched |= store.save_document(doc, mentions)
        summary.documents += 1
        summary.mentions += len(mentions)
    for row in _rows(folder / "skipped"):
        if row["ignored"]:  # files that are not articles at all, named as ingest names them
            store.record_skipped(row["source"], f"ignored: {row['reason']}")
        else:
            store.record_skipped(row["source"], row["reason"])
            summary.skipped += 1
    summary.events = relink(store, touched)
    return summary


def _documents(folder: Path) -> Iterator[tuple[Document, list[EventMention]]]:
    """Each document with its mentions, joining the two sorted tables."""
    mentions = _rows(folder / "mentions")
    pending = next(mentions, None)
    for row in _rows(folder / "documents"):
        doc = document_from_json(row["document"])
        own = []
        while pending is not None and pending["document"] == doc.id:
            own.append(stored_mention(pending["record"]))
            pending = next(mentions, None)
        if pending is not None and pending["document"] < doc.id:
            raise LoadError(f"{folder}/mentions: mentions of document {pending['document']!r}, which is not "
                            "in the documents table (or the tables are not sorted as the job writes them)")
        yield doc, own
    if pending is not None:
        raise LoadError(f"{folder}/mentions: mentions of document {pending['document']!r}, which is not in "
                        "the documents table")


def _rows(table: Path) -> Iterator[dict]:
    """The rows of a Parquet folder written by Spark, in the order of its part files."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise LoadError("loading Parquet needs pyarrow: pip install 'eventdesk[desk]'") from None
    for part in sorted(table.glob("part-*.parquet")):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=1024):
            yield from batch.to_pylist()
