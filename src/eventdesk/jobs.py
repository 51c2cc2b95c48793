"""What the CLI commands do, in terms of the pipeline and the store.

Each job is a plain function; the CLI only parses arguments and prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .actors import load_actor_table
from .pipeline import Settings, run
from .records import Document, Skipped
from .sources import file_format, is_url, read_corpus
from .sources.files import article_of_sidecar, iter_files
from .sources.web import web_fetcher
from .store import Store
from .store.linking import link_blocks

RELINK_EVERY = 2000  # documents between two re-linking passes: bounds the set of touched blocks


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    mentions: int = 0
    events: int = 0  # events in the blocks this run re-linked, each counted once
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, id of the same text)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (source, what was refused or cut) of stored ones
    interrupted: bool = False  # stopped by Ctrl-C: what was stored is kept

    @property
    def ok(self) -> bool:
        return not self.skipped


@dataclass
class IngestProgress:
    """Callbacks an interface may pass to follow an ingest."""

    on_input: Callable[[str], None] | None = None  # each input settled: new, updated, unchanged, skipped
    on_relink: Callable[[int], None] | None = None  # before a re-linking pass, with its number of blocks


def ingest(store: Store, paths: Iterable[str | Path], settings: Settings | None = None,
           on_document: Callable[[Document], None] | None = None, force: bool = False,
           follow_links: bool = False, records: Iterable[Document | Skipped] | None = None,
           progress: IngestProgress | None = None) -> IngestSummary:
    """Read, extract and store every article under `paths` (files, folders, URLs), or the given
    `records`; unchanged articles are not re-processed.

    Each document is stored in its own transaction, its mentions not yet linked, so a run stopped
    at any moment (Ctrl-C, kill -9) keeps what it stored, and the next run links what it left. Ctrl-C ends the run early with `interrupted` set.
    """
    settings = settings or Settings()
    progress = progress or IngestProgress()
    step = progress.on_input or (lambda _: None)
    summary = IngestSummary()
    relinked: set[str] = set()

    def relink_blocks(blocks: set[str]) -> None:
        if blocks and progress.on_relink:
            progress.on_relink(len(blocks))
        relink(store, blocks)
        relinked.update(blocks)

    relink_blocks(set(store.dirty_blocks()))  # finish what an interrupted ingest left
    known: dict[str, str | None] = {}
    sources: dict[str, str] = {}  # document id -> where this run read it
    texts: dict[str, str] = {}  # content hash -> id of the document this run read it in first
    if records is None:
        records = read_corpus(paths, follow_links=follow_links, fetcher=web_fetcher(store),
                              limits=settings.limits)

    def skip(source: str, reason: str) -> None:
        summary.skipped.append((source, reason))
        store.record_skipped(source, reason)
        step("skipped")

    def fresh() -> Iterator[Document]:
        for record in records:
            summary.read += 1
            if isinstance(record, Skipped) and record.ignored:
                summary.read -= 1
                summary.ignored.append((record.source, record.reason))
                store.record_skipped(record.source, f"ignored: {record.reason}")
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
                step("unchanged")
                continue
            copy = named_by_its_source(record)
            twin = (texts.get(record.content_hash) or store.document_with_hash(record.content_hash)) if copy else None
            if twin is not None and twin != record.id and not force:
                summary.unchanged += 1  # the same article under another name (a copy, a parent folder)
                summary.duplicates.append((record.source, twin))
                step("unchanged")
                continue
            known[record.id] = previous
            if copy:
                texts.setdefault(record.content_hash, record.id)
            yield record

    touched: set[str] = set()
    pending = 0
    results = run(fresh(), settings)
    try:
        for doc, mentions in results:
            if isinstance(doc, Skipped):
                skip(doc.source, doc.reason)
                continue
            try:
                touched |= store.save_document(doc, mentions)
            except (ValueError, OverflowError) as exc:  # a value SQLite cannot hold; the transaction rolled back
                skip(doc.source or doc.id, f"could not be stored: {type(exc).__name__}: {exc}")
                continue
            summary.mentions += len(mentions)
            summary.notes.extend((doc.source or doc.id, note) for note in doc.notes)
            if known.pop(doc.id, None) is None:
                summary.new += 1
            else:
                summary.updated += 1
            if on_document:
                on_document(doc)
            step("stored")
            pending += 1
            if pending >= RELINK_EVERY:
                relink_blocks(touched)
                touched, pending = set(), 0
    except KeyboardInterrupt:
        summary.interrupted = True  # stop reading; what is stored stays, and is re-linked below
    finally:
        results.close()  # stops the parser processes whatever ended the loop
    relink_blocks(touched)
    summary.events = store.count_events(relinked)
    return summary


def count_inputs(paths: Iterable[str | Path], follow_links: bool = False) -> int:
    """How many inputs an ingest of `paths` will settle (files, URLs, and lines of .jsonl files):
    cheap, for a progress bar's total."""
    total = 0
    for location in paths:
        if is_url(location):
            total += 1
            continue
        for item in iter_files([location], follow_links):
            if isinstance(item, Skipped):
                total += 1
                continue
            path = item[0]
            fmt = file_format(path)
            if fmt == "jsonl":
                total += _count_lines(path)
            elif (fmt is not None and article_of_sidecar(path) is None) or not path.exists():
                total += 1  # the metadata beside an article is not an input of its own
    return total


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                n += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return n + (last != b"\n")


def relink(store: Store, blocks: Iterable[str]) -> int:
    """Link the new mentions of the given blocks (store/linking.py); returns the events written."""
    return link_blocks(store.db, sorted(set(blocks)), load_actor_table())


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
