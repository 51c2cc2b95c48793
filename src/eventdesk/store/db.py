"""SQLite store. Documents, their event mentions, and the linked events.

Writing a document replaces its mentions and re-links only the blocks they touch, so an
ingest of new articles updates existing events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from ..dates import interval
from ..errors import StoreError, UsageError
from ..link import block_key, link_block
from ..records import Document, Event, EventMention
from .migrations import MIGRATIONS

DB_ENV = "EVENTDESK_DB"
BUSY_SECONDS = 60  # how long a write waits for another eventdesk writing to the same database


def default_db_path() -> Path:
    """--db, else $EVENTDESK_DB, else ./eventdesk.db in the current folder."""
    return Path(os.environ.get(DB_ENV) or "eventdesk.db")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:  # e.g. "file is not a database"
            self.db.close()
            raise StoreError(f"{self.path} is not an eventdesk database: {exc}") from None
        self.migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------
    def migrate(self) -> list[str]:
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not an eventdesk database: {exc}") from None
        known = {name for name, _ in MIGRATIONS}
        unknown = done - known
        if not done and self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone():
            raise StoreError(f"{self.path} is another application's database, not an eventdesk one")
        if unknown:
            raise StoreError(f"{self.path} was written by a newer eventdesk (migrations {sorted(unknown)}); upgrade")
        applied: list[str] = []
        if known <= done:
            return applied
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")  # another eventdesk may be migrating the same new file now
            done = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
                applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    # -- documents -----------------------------------------------------------------
    def document_hash(self, doc_id: str) -> str | None:
        row = self.db.execute("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def document_with_hash(self, content_hash: str) -> str | None:
        row = self.db.execute("SELECT id FROM documents WHERE content_hash = ? LIMIT 1", (content_hash,)).fetchone()
        return row[0] if row else None

    def save_document(self, doc: Document, mentions: list[EventMention]) -> set[str]:
        """Store (or replace) a document and its mentions; returns the blocks to re-link."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")  # read and write under one lock: another ingest may run
            touched = {r[0] for r in self.db.execute("SELECT DISTINCT block FROM mentions WHERE document = ?",
                                                     (doc.id,))}
            self.db.execute("DELETE FROM mentions WHERE document = ?", (doc.id,))
            self.db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.source, doc.format, doc.title, doc.publisher, doc.url, doc.published,
                 doc.published_from, doc.language, doc.content_hash, doc.raw, doc.text,
                 json.dumps([asdict(d) for d in doc.dropped]), _now()))
            self.db.execute("DELETE FROM skipped WHERE source = ?", (doc.source,))
            for m in mentions:
                touched.add(block_key(m))
            self.db.executemany("INSERT OR IGNORE INTO dirty_blocks VALUES (?)", [(b,) for b in touched])
            for m in mentions:
                block = block_key(m)
                self.db.execute(
                    "INSERT INTO mentions (document, start, \"end\", sentence, type, cameo, mode, source_key, "
                    "target_key, source_country, target_country, symmetric, status, confidence, date, "
                    "date_precision, block, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (m.document, m.start, m.end, m.sentence, m.type, m.cameo, m.mode, m.source.key,
                     m.target.key if m.target else None, m.source.country, m.target.country if m.target else None,
                     int(m.symmetric), m.status, m.confidence, m.date, m.date_precision, block,
                     json.dumps(m.as_dict(), ensure_ascii=False)))
        return touched

    def record_skipped(self, source: str, reason: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO skipped VALUES (?,?,?)", (source, reason, _now()))

    def document(self, doc_id: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "mentions", "events", "skipped")}

    # -- linking -------------------------------------------------------------------
    def dirty_blocks(self) -> list[str]:
        """Blocks changed by an ingest that did not get to re-link them (it was interrupted)."""
        return [r[0] for r in self.db.execute("SELECT block FROM dirty_blocks ORDER BY block")]

    def relink(self, blocks: Iterable[str]) -> int:
        """Recompute the events of the given blocks from their mentions; returns events written."""
        written = 0
        if not blocks:
            return 0
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")  # no other ingest adds mentions between the read and the write
            for block in sorted(set(blocks)):
                rows = self.db.execute("SELECT id, record FROM mentions WHERE block = ?", (block,)).fetchall()
                self.db.execute("DELETE FROM events WHERE block = ?", (block,))
                mentions = [EventMention.from_dict(json.loads(row["record"])) for row in rows]
                row_of = {id(m): row["id"] for m, row in zip(mentions, rows, strict=True)}
                for event, group in link_block(block, mentions):
                    self._write_event(block, event)
                    self.db.executemany("UPDATE mentions SET event_id = ? WHERE id = ?",
                                        [(event.id, row_of[id(m)]) for m in group])
                    written += 1
                self.db.execute("DELETE FROM dirty_blocks WHERE block = ?", (block,))
        return written

    def count_events(self, blocks: Iterable[str]) -> int:
        """How many events the given blocks hold now."""
        blocks = sorted(set(blocks))
        n = 0
        for i in range(0, len(blocks), 500):
            chunk = blocks[i:i + 500]
            n += self.db.execute(f"SELECT COUNT(*) FROM events WHERE block IN ({','.join('?' * len(chunk))})",
                                 chunk).fetchone()[0]
        return n

    def _write_event(self, block: str, e: Event) -> None:
        span = interval(e.date, e.date_precision)
        record = event_record(e)
        self.db.execute(
            "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (e.id, e.type, e.cameo, e.mode, e.date, e.date_precision,
             span[0].isoformat() if span else None, span[1].isoformat() if span else None,
             e.source.key, e.target.key if e.target else None, e.source.name, e.target.name if e.target else None,
             e.source.country, e.target.country if e.target else None, int(e.symmetric), e.status, e.confidence,
             record["n_mentions"], record["n_documents"], record["n_publishers"], block,
             json.dumps(record, ensure_ascii=False)))

    # -- queries -------------------------------------------------------------------
    def events(self, actor: str | None = None, dyad: tuple[str, str] | None = None, type: str | None = None,
               status: str | None = None, since: str | None = None, until: str | None = None,
               limit: int | None = None, all_statuses: bool = False) -> Iterator[dict]:
        """Event records matching the filters, ordered by date (undated last).

        Without a status filter, hypothetical and negated events (things that did not happen)
        are left out unless `all_statuses` is set.
        """
        where, args = self._where(actor, dyad, type, status, since, until, all_statuses)
        sql = "SELECT record FROM events" + where
        sql += " ORDER BY date_start IS NULL, date_start, type, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.db.execute(sql, args):
            yield json.loads(row[0])

    def count_matching(self, actor: str | None = None, dyad: tuple[str, str] | None = None, type: str | None = None,
                       status: str | None = None, since: str | None = None, until: str | None = None,
                       all_statuses: bool = False) -> int:
        """How many events `events` would give without a limit."""
        where, args = self._where(actor, dyad, type, status, since, until, all_statuses)
        return self.db.execute("SELECT COUNT(*) FROM events" + where, args).fetchone()[0]

    @staticmethod
    def _where(actor, dyad, type, status, since, until, all_statuses) -> tuple[str, list]:
        where, args = [], []
        if not status and not all_statuses:
            where.append("status NOT IN ('hypothetical', 'negated')")
        if actor:
            a = actor.upper()
            where.append("(source_country = ? OR target_country = ? OR source_name LIKE ? OR target_name LIKE ?)")
            args += [a, a, f"%{actor}%", f"%{actor}%"]
        if dyad:
            a, b = dyad[0].upper(), dyad[1].upper()
            where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
            args += [a, b, b, a]
        if type:
            where.append("type = ?")
            args.append(type.upper())
        if status:
            where.append("status = ?")
            args.append(status.lower())
        if since:
            where.append("date_end >= ?")
            args.append(since)
        if until:
            where.append("date_start <= ?")
            args.append(until)
        return (" WHERE " + " AND ".join(where) if where else ""), args

    def event(self, event_id: str) -> dict | None:
        """The event with this id, or with this unique id prefix; an ambiguous prefix is an error."""
        row = self.db.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None and event_id:
            ids = [r[0] for r in self.db.execute("SELECT id FROM events WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 4",
                                                 (len(event_id), event_id))]
            if len(ids) > 1:
                n = self.db.execute("SELECT COUNT(*) FROM events WHERE substr(id, 1, ?) = ?",
                                    (len(event_id), event_id)).fetchone()[0]
                raise UsageError(f"event id prefix {event_id!r} is ambiguous: {n:,} events start with it "
                                 f"({', '.join(ids[:3])}{', ...' if n > 3 else ''}); give more of it")
            row = self.db.execute("SELECT record FROM events WHERE id = ?", (ids[0],)).fetchone() if ids else None
        return json.loads(row[0]) if row else None

    def status(self) -> dict:
        """What the database holds: counts, publishers, the span of dates, what is left to re-link."""
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "events": one("SELECT COUNT(*) FROM events"),
            "mentions": one("SELECT COUNT(*) FROM mentions"),
            "publishers": one("SELECT COUNT(DISTINCT publisher) FROM documents WHERE publisher IS NOT NULL"),
            "first_date": one("SELECT MIN(date_start) FROM events"),
            "last_date": one("SELECT MAX(date_end) FROM events"),
            "first_published": one("SELECT MIN(published) FROM documents"),
            "last_published": one("SELECT MAX(published) FROM documents"),
            "dirty_blocks": one("SELECT COUNT(*) FROM dirty_blocks"),
            "skipped": one("SELECT COUNT(*) FROM skipped WHERE reason NOT LIKE 'ignored: %'"),
            "ignored": one("SELECT COUNT(*) FROM skipped WHERE reason LIKE 'ignored: %'"),
        }

    def skipped(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT source, reason FROM skipped ORDER BY source")]


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script, one at a time (executescript would commit the transaction)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""


def event_record(e: Event) -> dict:
    """The export record of an event (CONTRACT §2, plus extra fields)."""
    docs = {m.document for m in e.mentions}
    publishers = {m.publisher or m.document for m in e.mentions}
    return {
        "id": e.id, "type": e.type, "cameo": e.cameo, "mode": e.mode,
        "date": e.date, "date_precision": e.date_precision,
        # true when no sentence dates it: the date is the month of publication, not the text's
        "date_from_publication": bool(e.date) and all(m.date_from_publication for m in e.mentions if m.date),
        "source": _actor(e.source), "target": _actor(e.target),
        "symmetric": e.symmetric, "status": e.status, "confidence": e.confidence,
        "object": e.object, "goldstein": e.goldstein, "quad_class": e.quad,
        "n_mentions": len(e.mentions), "n_documents": len(docs), "n_publishers": len(publishers),
        "asserted_by": e.asserted_by, "denied_by": e.denied_by,
        "mentions": [{"document": m.document, "sentence": m.sentence, "start": m.start, "end": m.end,
                      "attributed_to": m.attributed_to, "published": m.published, "publisher": m.publisher,
                      "status": m.status, "date": m.date, "date_precision": m.date_precision,
                      "date_from_publication": m.date_from_publication, "trigger": m.trigger}
                     for m in e.mentions],
    }


def _actor(a) -> dict | None:
    if a is None:
        return None
    return {"name": a.name, "text": a.text, "country": a.country, "sector": a.sector, "role": a.role,
            "kind": a.kind}
