"""SQLite store. Documents, their event mentions, and the linked events.

The store only stores: writing a document adds its mentions, not yet linked (a document written
again marks the blocks of its old mentions dirty, to be linked whole); `jobs.relink` links them
(store/linking.py). An event row holds its record without its mentions; reads join them
(`full_record`). Read commands and the HTTP API open the file read-only (`Store(path, readonly=True)`):
no write, no migration.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, replace
from pathlib import Path

from ..errors import StoreError, UsageError
from ..link import block_key, event_fields, mention_record
from ..query import Cursor, EventQuery
from ..records import Document, Event, EventMention
from .linking import mention_columns
from .migrations import MIGRATIONS

DB_ENV = "EVENTDESK_DB"
BUSY_SECONDS = 60  # how long a write waits for another eventdesk writing to the same database
MMAP_BYTES = 1 << 31  # of a database file mapped by a read-only connection (SQLite's build caps it near 2 GB)


def default_db_path() -> Path:
    """--db, else $EVENTDESK_DB, else ./eventdesk.db in the current folder."""
    return Path(os.environ.get(DB_ENV) or "eventdesk.db")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


MENTION_BATCH = 500  # events whose mentions are read in one query


class Store:
    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self.applied_now: list[str] = []
        self._longest: dict[str, int] = {}  # block -> its longest mention span in days, as written by this store
        if readonly:
            self.db = self._open_readonly()
            return
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
        self.applied_now = self.migrate()

    def _open_readonly(self) -> sqlite3.Connection:
        """A connection that cannot write; the file must exist and be fully migrated."""
        if not self.path.is_file():
            raise StoreError(f"no database at {self.path}: run 'eventdesk ingest' first, or pass --db / EVENTDESK_DB")
        if self.path.stat().st_size == 0:
            raise StoreError(f"{self.path} is an empty file, not an eventdesk database: "
                             "'eventdesk ingest' creates one, read commands never do")
        uri = self.path.resolve().as_uri()
        try:
            db = self._connect(uri + "?mode=ro")
        except sqlite3.OperationalError:  # read-only storage: a WAL database cannot make its -shm file
            db = self._connect(uri + "?mode=ro&immutable=1")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not an eventdesk database: {exc}") from None
        self._check_schema(db)
        return db

    def _connect(self, uri: str) -> sqlite3.Connection:
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA query_only = ON")
            # read the file through a memory map: an export or a long listing reads rows in date order,
            # one table look-up each, at half the cost of a read() per page. The mapped pages are the
            # operating system's file cache (counted in RSS while used, never copied or held dirty)
            db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _check_schema(self, db: sqlite3.Connection) -> None:
        try:
            done = {r[0] for r in db.execute("SELECT name FROM migrations")}
        except sqlite3.DatabaseError:
            db.close()
            raise StoreError(f"{self.path} is not an eventdesk database (no migrations table)") from None
        known = [name for name, _ in MIGRATIONS]
        if done - set(known):
            db.close()
            raise StoreError(f"{self.path} was written by a newer eventdesk "
                             f"(migrations {sorted(done - set(known))}); upgrade eventdesk")
        missing = [name for name in known if name not in done]
        if missing:
            db.close()
            raise StoreError(f"{self.path} was written by an older eventdesk (missing migrations "
                             f"{', '.join(missing)}); run 'eventdesk upgrade' to update it")

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
                if callable(sql):
                    sql(self.db, _statements)
                else:
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
            # the blocks of its old mentions are linked whole again: their events lose members
            touched = {r[0] for r in self.db.execute("SELECT DISTINCT block FROM mentions WHERE document = ?",
                                                     (doc.id,))}
            self.db.execute("DELETE FROM mentions WHERE document = ?", (doc.id,))
            self.db.execute(
                "INSERT OR REPLACE INTO documents (id, source, format, title, publisher, url, published, "
                "published_from, language, content_hash, raw, text, dropped, ingested_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.source, doc.format, doc.title, doc.publisher, doc.url, doc.published,
                 doc.published_from, doc.language, doc.content_hash, doc.raw, doc.text,
                 json.dumps([asdict(d) for d in doc.dropped]), _now()))
            if doc.encoding:
                self.db.execute("UPDATE documents SET encoding = ? WHERE id = ?", (doc.encoding, doc.id))
            self.db.execute("DELETE FROM skipped WHERE source = ?", (doc.source,))
            self.db.executemany("INSERT OR IGNORE INTO dirty_blocks VALUES (?)", [(b,) for b in touched])
            longest: dict[str, int] = {}
            for index, m in enumerate(mentions):
                block = block_key(m)
                touched.add(block)
                link = mention_columns(m, index)
                self.db.execute(
                    "INSERT INTO mentions (document, start, \"end\", sentence, type, cameo, mode, source_key, "
                    "target_key, source_country, target_country, symmetric, status, confidence, date, "
                    "date_precision, block, record, link_order, span_start, span_end) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (m.document, m.start, m.end, m.sentence, m.type, m.cameo, m.mode, m.source.key,
                     m.target.key if m.target else None, m.source.country, m.target.country if m.target else None,
                     int(m.symmetric), m.status, m.confidence, m.date, m.date_precision, block,
                     json.dumps(m.as_dict(), ensure_ascii=False), link["link_order"], link["span_start"],
                     link["span_end"]))
                longest[block] = max(longest.get(block, 0), link["days"])
            longer = [(b, days) for b, days in longest.items() if days > self._longest.get(b, -1)]
            self.db.executemany("INSERT INTO link_blocks VALUES (?, ?) ON CONFLICT(block) DO UPDATE SET "
                                "max_days = MAX(max_days, excluded.max_days)", longer)
        self._longest.update(longer)  # once committed: the table holds at least these
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
        """Blocks with mentions not linked yet (an ingest was interrupted), or to be linked whole."""
        return [r[0] for r in self.db.execute("SELECT block FROM dirty_blocks UNION "
                                              "SELECT block FROM mentions WHERE event_id IS NULL ORDER BY block")]

    def count_events(self, blocks: Iterable[str]) -> int:
        """How many events the given blocks hold now."""
        blocks = sorted(set(blocks))
        n = 0
        for i in range(0, len(blocks), 500):
            chunk = blocks[i:i + 500]
            n += self.db.execute(f"SELECT COUNT(*) FROM events WHERE block IN ({','.join('?' * len(chunk))})",
                                 chunk).fetchone()[0]
        return n

    # -- queries -------------------------------------------------------------------
    def events(self, query: EventQuery | None = None, **filters) -> Iterator[dict]:
        """Event records matching the query (or the EventQuery fields given as keywords), ordered by
        date, undated last. Without a status filter, hypothetical and negated events are left out
        unless `all_statuses` (or status "all") is set."""
        query = query or EventQuery(**filters)
        for _, text in self.event_texts(query):
            yield json.loads(text)

    def event_texts(self, query: EventQuery) -> Iterator[tuple[Cursor, str]]:
        """As `events`, each record as the JSON text the JSON Lines export writes (the row's record with
        its mentions), with its place in the order (the cursor of a page that would end on it). The
        mentions of a batch of events are read in one query."""
        rows = self._event_rows(query, "id, record")
        while True:
            batch = list(itertools.islice(rows, MENTION_BATCH))
            if not batch:
                return
            shown = self._shown_mentions([r["id"] for r in batch])
            for row in batch:
                text = json.dumps(self._with_mentions(row["record"], shown.get(row["id"], [])), ensure_ascii=False)
                yield Cursor(row["_d"], row["_t"], row["_i"]), text

    def _shown_mentions(self, event_ids: list[str]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        sql = f"SELECT event_id, record FROM mentions WHERE shown AND event_id IN ({', '.join('?' * len(event_ids))})"
        for event_id, record in self.db.execute(sql, event_ids):
            out.setdefault(event_id, []).append(json.loads(record))
        return out

    @staticmethod
    def _with_mentions(record: str, shown: list[dict]) -> dict:
        shown.sort(key=lambda m: (m["published"] or "", m["document"], m["start"]))
        return {**json.loads(record), "mentions": [mention_record(m) for m in shown]}

    def events_page(self, query: EventQuery) -> tuple[list[dict], Cursor | None]:
        """One page of `query.limit` events and the cursor of the next page (None at the end)."""
        rows = list(self._event_rows(replace(query, limit=query.limit + 1, max_limit=None), "id, record, date_start, type"))
        more = len(rows) > query.limit
        rows = rows[:query.limit]
        cursor = Cursor(rows[-1]["date_start"], rows[-1]["type"], rows[-1]["id"]) if more else None
        return [self.full_record(r["id"], r["record"]) for r in rows], cursor

    def full_record(self, event_id: str, record: str) -> dict:
        """An event's record (the row's JSON) with its mentions, one per sentence, by publication."""
        shown = [json.loads(r[0]) for r in self.db.execute(
            "SELECT record FROM mentions WHERE event_id = ? AND shown", (event_id,))]
        return self._with_mentions(record, shown)

    def _event_rows(self, q: EventQuery, columns: str) -> Iterator[sqlite3.Row]:
        """Dated events by (date_start, type, id), then undated ones by (type, id). Each phase walks an
        index in that order and stops at the limit, so a page costs the same wherever it starts; an
        actor filter walks one index per side and per matching name, and the walks are merged."""
        # status (and with an actor, type) is tested in the walked index, never chosen as the index to
        # walk: its rows are not in date order, and a database has no statistics to tell SQLite so
        where, args = event_filter(q, None, unindexed={"status", "type"} if q.actor else {"status"}, actor_walked=True)
        walks = actor_walks(self.db, q.actor) if q.actor else [("", [])]
        left = q.limit
        phases = [("date_start IS NOT NULL", "date_start, type, id"), ("date_start IS NULL", "type, id")]
        for phase, (condition, order) in enumerate(phases):
            if q.cursor is not None and phase == 0 and q.cursor.date_start is None:
                continue  # the previous page ended among the undated events
            if phase == 1 and (q.since or q.until):
                return  # no undated event is on or after, or before, a day
            clauses, params = [*where, condition], list(args)
            if q.cursor is not None and phase == 0:
                clauses.append("(date_start, type, id) > (?, ?, ?)")
                params += [q.cursor.date_start, q.cursor.type, q.cursor.id]
            elif q.cursor is not None and q.cursor.date_start is None:
                clauses.append("(type, id) > (?, ?)")
                params += [q.cursor.type, q.cursor.id]
            cursors = []
            for walk, walk_args in walks:
                sql = (f"SELECT date_start AS _d, type AS _t, id AS _i, {columns} FROM events "
                       f"WHERE {' AND '.join([*clauses, walk] if walk else clauses)} ORDER BY {order}")
                cursors.append(self.db.execute(sql + (" LIMIT ?" if left is not None else ""),
                                               [*params, *walk_args] + ([left] if left is not None else [])))
            for row in _merged(cursors):
                yield row
                if left is not None:
                    left -= 1
                    if left == 0:
                        return

    def count_matching(self, query: EventQuery | None = None, **filters) -> int:
        """How many events `events` would give for the query without its limit (and cursor). An actor's
        events are counted as four disjoint parts, each from one of the actor indexes alone."""
        query = query or EventQuery(**filters)
        narrowed = query.actor or query.dyad or query.type or query.since or query.until
        if not query.actor or query.dyad:  # (with a dyad: its index, the actor tested in each of its events)
            where, args = event_filter(query, self.db, unindexed={"status", "actor"} if narrowed else set())
            return self.db.execute(f"SELECT COUNT(*) FROM events WHERE {' AND '.join(where)}", args).fetchone()[0]
        where, args = event_filter(query, None, unindexed={"status", "type"}, actor_walked=True)
        code, names = query.actor.upper(), json.dumps(actor_names(self.db, query.actor))
        listed = "IN (SELECT value FROM json_each(?))"
        parts = [("source_country = ?", [code]),
                 ("target_country = ? AND source_country IS NOT ?", [code, code]),
                 (f"source_name {listed} AND source_country IS NOT ? AND target_country IS NOT ?", [names, code, code]),
                 (f"target_name {listed} AND source_country IS NOT ? AND target_country IS NOT ? "
                  f"AND (source_name IS NULL OR source_name NOT {listed})", [names, code, code, names])]
        sql = " + ".join(f"(SELECT COUNT(*) FROM events WHERE {' AND '.join([*where, part])})" for part, _ in parts)
        return self.db.execute(f"SELECT {sql}", [a for _, part_args in parts for a in [*args, *part_args]]).fetchone()[0]

    def event(self, event_id: str) -> dict | None:
        """The event with this id, or with this unique id prefix; an ambiguous prefix is an error."""
        row = self.db.execute("SELECT id, record FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None and event_id:
            end = _next_prefix(event_id)  # a range of the primary key: every id that starts with event_id
            prefix, bounds = ("id >= ? AND id < ?", (event_id, end)) if end else ("id >= ?", (event_id,))
            ids = [r[0] for r in self.db.execute(f"SELECT id FROM events WHERE {prefix} ORDER BY id LIMIT 4", bounds)]
            if len(ids) > 1:
                n = self.db.execute(f"SELECT COUNT(*) FROM events WHERE {prefix}", bounds).fetchone()[0]
                raise UsageError(f"event id prefix {event_id!r} is ambiguous: {n:,} events start with it "
                                 f"({', '.join(ids[:3])}{', ...' if n > 3 else ''}); give more of it")
            row = self.db.execute("SELECT id, record FROM events WHERE id = ?", (ids[0],)).fetchone() if ids else None
        return self.full_record(row[0], row[1]) if row else None

    def status(self) -> dict:
        """What the database holds: counts, publishers, the span of dates, what is left to re-link."""
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "events": one("SELECT COUNT(*) FROM events"),
            "mentions": one("SELECT COUNT(*) FROM mentions"),
            "publishers": one("SELECT COUNT(DISTINCT publisher) FROM documents WHERE publisher IS NOT NULL"),
            "first_date": one("SELECT MIN(date_start) FROM events"),
            # an interval is at most a year (dates.interval): the last one ends within a year of the
            # last start, and the index on (date_start, date_end) is read from there only
            "last_date": one("SELECT MAX(date_end) FROM events WHERE date_start >= "
                             "date((SELECT MAX(date_start) FROM events), '-366 days')"),
            "first_published": one("SELECT MIN(published) FROM documents"),
            "last_published": one("SELECT MAX(published) FROM documents"),
            "dirty_blocks": one("SELECT COUNT(*) FROM (SELECT block FROM dirty_blocks UNION "
                                "SELECT block FROM mentions WHERE event_id IS NULL)"),
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
    """The export record of an event that holds its mentions (CONTRACT §2, plus extra fields)."""
    fields = event_fields(e, date_from_publication=all(m.date_from_publication for m in e.mentions if m.date),
                          n_mentions=len(e.mentions), n_documents=len({m.document for m in e.mentions}),
                          n_publishers=len({m.publisher or m.document for m in e.mentions}))
    return {**fields, "mentions": [mention_record(m.as_dict()) for m in e.mentions]}


def event_filter(q: EventQuery, db: sqlite3.Connection | None, unindexed: set[str] = frozenset(),
                 actor_walked: bool = False) -> tuple[list[str], list]:
    """SQL conditions on the events table (and their parameters) for the filters of a query. The actor
    filter reads `db` (the names that contain it), unless the caller walks one index per name itself
    (`actor_walked`). The `unindexed` filters (status, type, actor) are tested in each event met, never
    used to choose the index (SQLite's unary +)."""
    plus = {column: "+" if column in unindexed else "" for column in ("status", "type")}
    where, args = [f"{plus['status']}status IN ({', '.join('?' * len(q.statuses))})"], list(q.statuses)
    if q.actor and not actor_walked:
        condition, condition_args = actor_condition(q.actor.upper(), actor_names(db, q.actor), "actor" in unindexed)
        where.append(condition)
        args += condition_args
    if q.dyad:
        where.append("dyad = ?")
        args.append(dyad_key(*q.dyad))
    if q.type:
        where.append(f"{plus['type']}type = ?")
        args.append(q.type)
    if q.since:  # an event's interval is at most a year: the second condition bounds the index scan
        where.append("date_end >= ? AND date_start >= ?")
        args += [q.since, (dt.date.fromisoformat(q.since) - dt.timedelta(days=366)).isoformat()]
    if q.until:
        where.append("date_start <= ?")
        args.append(q.until)
    return where, args


MAX_NAME_WALKS = 200  # actor names walked one index each; more names walk the date order once


def actor_names(db: sqlite3.Connection, text: str) -> list[str]:
    """The source and target names that contain `text` (ASCII case folded, as LIKE does), found by
    stepping from one distinct name to the next in the name indexes: one look-up per distinct name,
    however many events each has."""
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found: set[str] = set()
    for column in ("source_name", "target_name"):
        found.update(r[0] for r in db.execute(
            f"WITH RECURSIVE names(name) AS (SELECT MIN({column}) FROM events UNION ALL "
            f"SELECT (SELECT MIN({column}) FROM events WHERE {column} > name) FROM names WHERE name IS NOT NULL) "
            "SELECT name FROM names WHERE name LIKE ? ESCAPE '\\'", (like,)))
    return sorted(found)


def actor_walks(db: sqlite3.Connection, text: str) -> list[tuple[str, list]]:
    """The actor filter as conditions that each follow an index in date order (a country code on
    either side, each matching name on either side); with very many names, one condition that walks
    the date order and tests each event (the unary + keeps SQLite from the name indexes)."""
    code = text.upper()
    names = actor_names(db, text)
    if len(names) > MAX_NAME_WALKS:
        return [actor_condition(code, names, unindexed=True)]
    return [("source_country = ?", [code]), ("target_country = ?", [code]),
            *((f"{column} = ?", [name]) for name in names for column in ("source_name", "target_name"))]


def actor_condition(code: str, names: list[str], unindexed: bool) -> tuple[str, list]:
    """The country code on either side, or one of the names on either side, as one SQL condition;
    `unindexed`: tested in each event met, not used to choose an index."""
    plus, listed = "+" if unindexed else "", json.dumps(names)
    return (f"({plus}source_country = ? OR {plus}target_country = ? OR {plus}source_name IN (SELECT value FROM "
            f"json_each(?)) OR {plus}target_name IN (SELECT value FROM json_each(?)))", [code, code, listed, listed])


def _next_prefix(prefix: str) -> str | None:
    """The first string after every string that starts with `prefix`, in code point order (SQLite's
    BINARY order of UTF-8); None when there is none (a prefix of U+10FFFF alone)."""
    stem = prefix.rstrip("\U0010ffff")
    if not stem:
        return None
    last = ord(stem[-1]) + 1
    return stem[:-1] + chr(0xE000 if 0xD800 <= last < 0xE000 else last)  # (no surrogate in SQLite's text)


def _merged(cursors: list[sqlite3.Cursor]) -> Iterator[sqlite3.Row]:
    """Rows of several cursors, each ordered by its first three columns, in that order, once each."""
    if len(cursors) == 1:
        for row in cursors[0]:  # (not `yield from`: closing this generator must not close the cursor)
            yield row
        return
    last = None
    for row in heapq.merge(*cursors, key=lambda r: (r[0] or "", r[1], r[2])):
        if row[2] != last:
            yield row
            last = row[2]


def dyad_key(a: str, b: str) -> str:
    """The events table's `dyad` column: the two countries in sorted order."""
    return f"{a} {b}" if a <= b else f"{b} {a}"
