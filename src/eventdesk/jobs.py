"""What the CLI commands do, in terms of the pipeline and the store.

Each job is a plain function; the CLI only parses arguments and prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import SUPPORTED, iter_files, read_corpus
from .pipeline import Settings, run
from .records import Document, Skipped
from .store import Store

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
           progress: IngestProgress | None = None) -> IngestSummary:
    """Read, extract and store every article under `paths`; unchanged articles are not re-processed.

    Each document is stored in its own transaction, with the blocks it touches marked dirty, so a
    run stopped at any moment (Ctrl-C, kill -9) keeps what it stored, and the next run re-links
    what it left. Ctrl-C ends the run early with `interrupted` set.
    """
    settings = settings or Settings()
    progress = progress or IngestProgress()
    step = progress.on_input or (lambda _: None)
    summary = IngestSummary()
    relinked: set[str] = set()

    def relink(blocks: set[str]) -> None:
        if blocks and progress.on_relink:
            progress.on_relink(len(blocks))
        store.relink(blocks)
        relinked.update(blocks)

    relink(set(store.dirty_blocks()))  # finish what an interrupted ingest left
    known: dict[str, str | None] = {}
    sources: dict[str, str] = {}  # document id -> where this run read it

    def skip(source: str, reason: str) -> None:
        summary.skipped.append((source, reason))
        store.record_skipped(source, reason)
        step("skipped")

    def fresh() -> Iterator[Document]:
        for record in read_corpus(paths, settings.limits):
            summary.read += 1
            if isinstance(record, Skipped) and record.ignored:
                summary.read -= 1
                summary.ignored.append((record.source, record.reason))
                store.record_skipped(record.source, f"ignored: {record.reason}")
                continue
            if isinstance(record, Skipped):
                skip(record.source, record.reason)
                continue
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
            twin = store.document_with_hash(record.content_hash)
            if twin is not None and twin != record.id and not force:
                summary.unchanged += 1  # the same article under another name (a copy, a parent folder)
                summary.duplicates.append((record.source, twin))
                step("unchanged")
                continue
            known[record.id] = previous
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
                relink(touched)
                touched, pending = set(), 0
    except KeyboardInterrupt:
        summary.interrupted = True  # stop reading; what is stored stays, and is re-linked below
    finally:
        results.close()  # stops the parser processes whatever ended the loop
    relink(touched)
    summary.events = store.count_events(relinked)
    return summary


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many inputs an ingest of `paths` will settle (files, and lines of .jsonl files): cheap, for a
    progress bar's total."""
    total = 0
    for path, _ in iter_files(paths):
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            total += _count_lines(path)
        elif suffix in SUPPORTED or not path.exists():
            total += 1
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
