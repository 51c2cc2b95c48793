"""What the CLI commands do, in terms of the pipeline and the store.

Each job is a plain function; the CLI only parses arguments and prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .actors import load_actor_table
from .link import link_block
from .pipeline import Settings, run
from .records import Document, Skipped
from .sources import read_corpus
from .sources.web import web_fetcher
from .store import Store

RELINK_EVERY = 2000  # documents between two re-linking passes: bounds the set of touched blocks


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    mentions: int = 0
    events: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, id of the same text)

    @property
    def ok(self) -> bool:
        return not self.skipped


def ingest(store: Store, paths: Iterable[str | Path], settings: Settings | None = None,
           on_document: Callable[[Document], None] | None = None, force: bool = False,
           follow_links: bool = False, records: Iterable[Document | Skipped] | None = None) -> IngestSummary:
    """Read, extract and store every article under `paths` (files, folders, URLs), or the given
    `records`; unchanged articles are not re-processed."""
    summary = IngestSummary()
    summary.events += relink(store, store.dirty_blocks())  # finish what an interrupted ingest left
    known: dict[str, str | None] = {}
    sources: dict[str, str] = {}  # document id -> where this run read it
    texts: dict[str, str] = {}  # content hash -> id of the document this run read it in first
    if records is None:
        records = read_corpus(paths, follow_links=follow_links, fetcher=web_fetcher(store))

    def skip(source: str, reason: str) -> None:
        summary.skipped.append((source, reason))
        store.record_skipped(source, reason)

    def fresh() -> Iterator[Document]:
        for record in records:
            summary.read += 1
            if isinstance(record, Skipped) and record.ignored:
                summary.read -= 1
                summary.ignored.append((record.source, record.reason))
                continue
            if isinstance(record, Skipped):
                skip(record.source, record.reason)
                continue
            record = _distinct(record, sources, store)
            if record.id in sources:
                skip(record.source, f"document id {record.id!r} was already read from {sources[record.id]}; "
                                    "give the records distinct 'id' fields")
                continue
            sources[record.id] = record.source
            previous = store.document_hash(record.id)
            if previous == record.content_hash and not force:
                summary.unchanged += 1
                continue
            copy = named_by_its_source(record)
            twin = (texts.get(record.content_hash) or store.document_with_hash(record.content_hash)) if copy else None
            if twin is not None and twin != record.id and not force:
                summary.unchanged += 1  # the same article under another name (a copy, a parent folder)
                summary.duplicates.append((record.source, twin))
                continue
            known[record.id] = previous
            if copy:
                texts.setdefault(record.content_hash, record.id)
            yield record

    touched: set[str] = set()
    pending = 0
    for doc, mentions in run(fresh(), settings):
        if isinstance(doc, Skipped):
            skip(doc.source, doc.reason)
            continue
        touched |= store.save_document(doc, mentions)
        summary.mentions += len(mentions)
        if known.pop(doc.id, None) is None:
            summary.new += 1
        else:
            summary.updated += 1
        if on_document:
            on_document(doc)
        pending += 1
        if pending >= RELINK_EVERY:
            summary.events += relink(store, touched)
            touched, pending = set(), 0
    summary.events += relink(store, touched)
    return summary


def relink(store: Store, blocks: Iterable[str]) -> int:
    """Recompute the events of the given blocks from their stored mentions; returns events written."""
    written = 0
    actors = load_actor_table()
    for block in sorted(set(blocks)):
        rows = store.block_mentions(block)
        row_of = {id(m): row for row, m in rows}
        groups = link_block(block, [m for _, m in rows], actors)
        events = [(event, [row_of[id(m)] for m in group]) for event, group in groups]
        store.replace_block(block, events)
        written += len(events)
    return written


def named_by_its_source(record: Document) -> bool:
    """True when the document's id comes from where it was read (a file's path, a line of a JSON Lines
    file, a URL): then a byte-identical text under another name is a copy, stored once, in one run
    as in later ones. A record that carries its own `id` is its own document, whatever its text
    (test sets hold the same sentence under two ids)."""
    source, doc_id = record.source or "", record.id
    if "://" in doc_id or Path(source).as_posix().endswith(doc_id):
        return True
    line = source.rpartition(":")[2]
    return line.isdigit() and doc_id.endswith(f"#{line}")


def _distinct(record: Document, run: dict[str, str], store: Store) -> Document:
    """A document named after its file, under an id no other file holds (in this run or in the store):
    its name relative to the folder named, else with as many parent folders as make it unique
    (`2023/article.txt` after `2022/article.txt`'s `article.txt`). What one file stored is never
    replaced by another file's article because both folders were named separately."""
    if not record.source or not Path(record.source).as_posix().endswith(record.id) or "://" in record.source:
        return record  # a JSON record's own id, a line of a JSON Lines file, a web page
    origin = Path(record.source).resolve()
    parents = [p.name for p in origin.parents if p.name]
    candidate = record.id
    for parent in [None, *parents[len(Path(record.id).parts) - 1:]]:
        if parent is not None:
            candidate = f"{parent}/{candidate}"
        holder = run.get(candidate) if candidate in run else _stored_source(store, candidate)
        if holder is None or Path(holder).resolve() == origin:
            return record if candidate == record.id else replace(record, id=candidate)
    return record


def _stored_source(store: Store, doc_id: str) -> str | None:
    row = store.db.execute("SELECT source FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row[0] if row else None
