"""Linking in the store: new mentions join the events of their block, at a cost that follows what is new.

An event row holds its cluster's summary (`cluster`: what `link.Cluster.accepts` reads) and the
summary of its record (`summary`: `link.EventSummary`); its mentions are rows of `mentions` with its
id (`shown` marks the one per sentence the record lists). A new mention of a block is placed by one of
two steps, each giving what `link.link_block` gives for the whole block:

- it joins the cluster of its *twin*: an earlier mention (in the canonical order) with the same
  `link.twin_signature`, when that cluster accepts it. A twin is refused by the same clusters, so it
  goes where its twin went, and what linking reads of the cluster stays as it was: no other mention
  of the block moves, and only its event's row is updated. With no earlier twin, it joins its later
  twins when they are all the mentions of its days (`_only_twins`): they are one event, and it the
  first of them;
- else the mentions of its *component* are linked again: those whose days overlap its days, and
  theirs, and so on. A mention can join a cluster only if it overlaps every member, so the block's
  components link independently of each other.

A block whose mentions were removed (a changed document), an undated block (one article's) and an
old database (migration 0006) are linked whole.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from ..actors import ActorTable, load_actor_table
from ..dates import interval
from ..link import Cluster, EventSummary, _one_per_sentence, clusters, link_span, order_key, twin_signature
from ..records import Event, EventMention

FULL = None  # the component of a block linked whole


@dataclass
class Row:
    id: int
    order: str
    event_id: str | None
    mention: EventMention


@dataclass
class Held:
    """An event that new mentions joined in this pass, written back once at the end of it."""

    id: str
    base: str
    founder: str
    summary: EventSummary
    cluster: Cluster
    changed: bool = False


def _event(h: Held, block: str) -> Event:
    event = h.summary.event(block)
    event.id = h.id  # numbered again by the caller when a new mention anchors the event on other words
    return event


BLOCKS_PER_TRANSACTION = 256  # another ingest waits for the write lock at most this many blocks' time


def link_blocks(db: sqlite3.Connection, blocks: list[str], actors: ActorTable) -> int:
    """Link the new mentions of these blocks, some hundreds of blocks to a transaction (each block's
    reading and writing under one lock: another ingest waits); returns how many events were written."""
    written = 0
    for i in range(0, len(blocks), BLOCKS_PER_TRANSACTION):
        with db:
            db.execute("BEGIN IMMEDIATE")
            written += sum(link_pending(db, block, actors) for block in blocks[i:i + BLOCKS_PER_TRANSACTION])
    return written


def link_pending(db: sqlite3.Connection, block: str, actors: ActorTable) -> int:
    """Link the block's mentions that have no event yet (or all of them when the block is dirty);
    returns how many events were written. The caller holds the transaction."""
    whole = "|doc:" in block or db.execute("SELECT 1 FROM dirty_blocks WHERE block = ?", (block,)).fetchone()
    if whole:
        written = relink_component(db, block, FULL, actors)
    else:
        written, done, held = set(), set(), {}
        for row in _rows(db, "block = ? AND event_id IS NULL", (block,)):
            if row.id in done:
                continue
            joined = join_twin(db, block, row, actors, held)
            if joined is not None:
                written.add(joined)
                continue
            _write_held(db, block, held)  # the events as they are now, before some are linked again
            ids = _component(db, block, link_span(row.mention))
            written |= relink_component(db, block, ids, actors)
            done |= ids
        _write_held(db, block, held)
    db.execute("DELETE FROM dirty_blocks WHERE block = ?", (block,))
    return len(written)


def _write_held(db: sqlite3.Connection, block: str, held: dict[str, Held]) -> None:
    for h in held.values():
        if h.changed:
            _write_event(db, block, _event(h, block), h.summary, h.cluster, h.founder, update=True)
    held.clear()


def _rows(db: sqlite3.Connection, where: str, args: tuple) -> list[Row]:
    sql = f"SELECT id, link_order, event_id, record FROM mentions WHERE {where} ORDER BY link_order"
    return [Row(r[0], r[1], r[2], EventMention.from_dict(json.loads(r[3]))) for r in db.execute(sql, args)]


def _component(db: sqlite3.Connection, block: str, span: tuple[dt.date, dt.date]) -> set[int]:
    """The mentions of the block connected to `span` by overlapping days."""
    longest = db.execute("SELECT max_days FROM link_blocks WHERE block = ?", (block,)).fetchone()
    longest = dt.timedelta(days=longest[0] if longest else 366)
    lo, hi = span
    while True:
        rows = db.execute("SELECT id, span_start, span_end FROM mentions INDEXED BY mentions_span WHERE block = ? "
                          "AND span_start >= ? "
                          "AND span_start <= ? AND span_end >= ?",
                          (block, (lo - longest).isoformat(), hi.isoformat(), lo.isoformat())).fetchall()
        new_lo = min([lo, *(dt.date.fromisoformat(r[1]) for r in rows)])
        new_hi = max([hi, *(dt.date.fromisoformat(r[2]) for r in rows)])
        if (new_lo, new_hi) == (lo, hi):
            return {r[0] for r in rows}
        lo, hi = new_lo, new_hi


def join_twin(db: sqlite3.Connection, block: str, row: Row, actors: ActorTable, held: dict[str, Held]) -> str | None:
    """Add the mention to its twin's event, if it has a twin there, and return the event's id; None when it
    must be linked with its component (no twin; a denial; a second mention of one sentence; a
    confidence at a rounding edge)."""
    m = row.mention
    signature = twin_signature(m, actors)
    if signature is None or m.status == "denied":
        return None
    twin = db.execute("SELECT event_id FROM mentions INDEXED BY mentions_twin WHERE link_sig = ? AND link_order < ? "
                      "AND event_id IS NOT NULL ORDER BY link_order DESC LIMIT 1", (signature, row.order)).fetchone()
    span = link_span(m)
    if twin is None:
        twin = _only_twins(db, block, signature, span)  # the first report of its day, by the canonical order
    if twin is None:
        return None
    h = held.get(twin[0])
    if h is None:
        event_id, base, founder, summary, cluster = db.execute(
            "SELECT id, base_id, founder, summary, cluster FROM events WHERE id = ?", (twin[0],)).fetchone()
        h = held[event_id] = Held(event_id, base, founder, EventSummary.from_state(json.loads(summary)),
                                  Cluster.from_state(json.loads(cluster), actors))
    if h.summary.denied or not h.summary.certain_with(m) or not h.cluster.accepts(m, span) or db.execute(
            "SELECT 1 FROM mentions INDEXED BY mentions_document WHERE document = ? AND start = ? AND event_id = ?",
            (m.document, m.start, h.id)).fetchone():
        return None
    anchor = h.summary.anchor
    new_document = not db.execute("SELECT 1 FROM mentions INDEXED BY mentions_document WHERE document = ? "
                                  "AND event_id = ?", (m.document, h.id)).fetchone()
    h.summary.add_member(m, row.order)
    h.summary.add_shown(m, new_document)
    h.cluster.add(m, span)
    h.changed = True
    db.execute("UPDATE mentions SET event_id = ?, shown = 1, link_sig = ? WHERE id = ?", (h.id, signature, row.id))
    if row.order < h.founder or h.summary.anchor is not anchor:  # its number among the same words may change
        h.founder = min(h.founder, row.order)
        _write_event(db, block, _event(h, block), h.summary, h.cluster, h.founder, update=True)
        del held[h.id]
        _write_held(db, block, held)  # numbering may rename the other events this pass holds
        # its new words first: it leaves its old id, which an event left on the old words may take
        event_id = _number(db, h.summary.base_id(block), [], h.founder)[h.founder]
        _number(db, h.base)
        return event_id
    return h.id


def _only_twins(db: sqlite3.Connection, block: str, signature: str, span: tuple[dt.date, dt.date]) -> tuple | None:
    """(the event id,) of the linked mentions whose days overlap the span when all of them are twins with
    this signature, else None. Twins alone make one event (each is accepted where the first went), and
    a twin added to it, even before all of them, changes nothing linking reads: it joins that event."""
    count, event_id = db.execute("SELECT COUNT(*), MIN(event_id) FROM mentions INDEXED BY mentions_twin "
                                 "WHERE link_sig = ?", (signature,)).fetchone()
    if not count:
        return None
    longest = db.execute("SELECT max_days FROM link_blocks WHERE block = ?", (block,)).fetchone()
    lo, hi = span
    overlapping = db.execute(
        "SELECT COUNT(*) FROM mentions INDEXED BY mentions_span WHERE block = ? AND span_start >= ? AND span_start <= ? "
        "AND span_end >= ? AND event_id IS NOT NULL",
        (block, (lo - dt.timedelta(days=longest[0] if longest else 366)).isoformat(), hi.isoformat(), lo.isoformat())
    ).fetchone()[0]
    return (event_id,) if overlapping == count else None


def relink_component(db: sqlite3.Connection, block: str, ids: set[int] | None, actors: ActorTable) -> set[str]:
    """Link these mentions of the block (all of them when `ids` is FULL) again, from their records;
    returns the ids of the events they make."""
    if ids is FULL:
        rows = _rows(db, "block = ?", (block,))
        old = [r[0] for r in db.execute("SELECT id FROM events WHERE block = ?", (block,))]
    else:
        rows = []
        ordered = sorted(ids)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            rows += _rows(db, f"id IN ({','.join('?' * len(chunk))})", tuple(chunk))
        rows.sort(key=lambda r: r.order)
        old = sorted({r.event_id for r in rows if r.event_id is not None})
    bases = set()
    for event_id in old:
        found = db.execute("DELETE FROM events WHERE id = ? RETURNING base_id", (event_id,)).fetchone()
        if found is not None:
            bases.add(found[0])
    row_of = {id(r.mention): r for r in rows}
    linked = []
    for cluster in clusters([r.mention for r in rows], actors):  # in the order of `rows`: ties keep it
        members = [row_of[id(m)] for m in cluster.mentions]
        summary = EventSummary()
        for r in members:
            summary.add_member(r.mention, r.order)
        shown, documents = {id(m) for m in _one_per_sentence(cluster.mentions)}, set()
        for r in members:
            if id(r.mention) in shown:
                summary.add_shown(r.mention, new_document=r.mention.document not in documents)
                documents.add(r.mention.document)
        linked.append((cluster, members, summary, shown))
    pending: dict[str, list[str]] = {}
    for _, members, summary, _ in linked:
        pending.setdefault(summary.base_id(block), []).append(members[0].order)
    final: dict[str, str] = {}
    for base in sorted(bases | set(pending)):
        final |= _number(db, base, pending.get(base, []))
    for cluster, members, summary, shown in linked:
        event = summary.event(block)
        event.id = final[members[0].order]
        _write_event(db, block, event, summary, cluster, members[0].order)
        db.executemany("UPDATE mentions SET event_id = ?, shown = ?, link_sig = ? WHERE id = ?",
                       [(event.id, int(id(r.mention) in shown), twin_signature(r.mention, actors), r.id)
                        for r in members])
    return {final[members[0].order] for _, members, _, _ in linked}


def _number(db: sqlite3.Connection, base: str, pending: list[str] = (), *stored_founders: str) -> dict[str, str]:
    """Ids for the events anchored on the same words (one `base_id`), numbered in the order their clusters
    were founded (`base`, `base-2`, ...): renames the stored ones whose number changed, and returns the
    ids of those about to be written, and of `stored_founders`, by founder."""
    stored = db.execute("SELECT founder, id FROM events WHERE base_id = ?", (base,)).fetchall()
    order = sorted([(f, i) for f, i in stored] + [(f, None) for f in pending])
    final = {f: base if k == 0 else f"{base}-{k + 1}" for k, (f, _) in enumerate(order)}
    moves = [(i, final[f]) for f, i in order if i is not None and i != final[f]]
    for old, _ in moves:  # out of the way first: two events may trade ids
        _rename(db, old, "#" + old)
    for old, new in moves:
        _rename(db, "#" + old, new)
    return {f: final[f] for f in [*pending, *stored_founders]}


def _rename(db: sqlite3.Connection, old: str, new: str) -> None:
    record = json.loads(db.execute("SELECT record FROM events WHERE id = ?", (old,)).fetchone()[0])
    record["id"] = new
    db.execute("UPDATE events SET id = ?, record = ? WHERE id = ?", (new, json.dumps(record, ensure_ascii=False), old))
    db.execute("UPDATE mentions SET event_id = ? WHERE event_id = ?", (new, old))


def _write_event(db: sqlite3.Connection, block: str, event: Event, summary: EventSummary, cluster: Cluster,
                 founder: str, update: bool = False) -> None:
    """Insert an event row, or with `update` rewrite the row that has its id."""
    span = interval(event.date, event.date_precision)
    record = summary.record(event)
    values = {
        "id": event.id, "type": event.type, "cameo": event.cameo, "mode": event.mode, "date": event.date,
        "date_precision": event.date_precision, "date_start": span[0].isoformat() if span else None,
        "date_end": span[1].isoformat() if span else None, "source_key": event.source.key,
        "target_key": event.target.key if event.target else None, "source_name": event.source.name,
        "target_name": event.target.name if event.target else None, "source_country": event.source.country,
        "target_country": event.target.country if event.target else None, "symmetric": int(event.symmetric),
        "status": event.status, "confidence": event.confidence, "n_mentions": record["n_mentions"],
        "n_documents": record["n_documents"], "n_publishers": record["n_publishers"], "block": block,
        "record": json.dumps(record, ensure_ascii=False), "base_id": summary.base_id(block), "founder": founder,
        "summary": json.dumps(summary.state(), ensure_ascii=False), "cluster": json.dumps(cluster.state()),
    }
    if update:
        db.execute(f"UPDATE events SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                   [*values.values(), event.id])
    else:
        db.execute(f"INSERT INTO events ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                   list(values.values()))


def mention_columns(m: EventMention, tiebreak: int) -> dict:
    """What the store keeps beside a mention's record for linking: its place in the canonical order, and
    its days (`_component`)."""
    span = link_span(m)
    return {"link_order": order_key(m, tiebreak), "span_start": span[0].isoformat() if span else None,
            "span_end": span[1].isoformat() if span else None, "days": (span[1] - span[0]).days if span else 0}


MIGRATION_0006 = """
    -- the linking columns of a mention: its place in the canonical order, its days, and (once linked)
    -- the signature its twins share; `shown` marks the one mention per sentence an event record lists
    ALTER TABLE mentions ADD COLUMN link_order TEXT;
    ALTER TABLE mentions ADD COLUMN span_start TEXT;
    ALTER TABLE mentions ADD COLUMN span_end TEXT;
    ALTER TABLE mentions ADD COLUMN link_sig TEXT;
    ALTER TABLE mentions ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX mentions_twin ON mentions(link_sig, link_order) WHERE link_sig IS NOT NULL;
    CREATE INDEX mentions_span ON mentions(block, span_start);
    DROP INDEX mentions_block;  -- mentions_span serves a block's mentions
    -- an event row holds its summaries; its record no longer holds its mentions
    ALTER TABLE events ADD COLUMN base_id TEXT;
    ALTER TABLE events ADD COLUMN founder TEXT;
    ALTER TABLE events ADD COLUMN summary TEXT;
    ALTER TABLE events ADD COLUMN cluster TEXT;
    CREATE INDEX events_base ON events(base_id);
    -- the longest span of days of a mention in each block, which bounds the search for overlapping ones
    CREATE TABLE link_blocks (block TEXT PRIMARY KEY, max_days INTEGER NOT NULL);
"""


FIRST_SENTENCE = """(SELECT m.sentence FROM mentions m WHERE m.event_id = events.id AND m.shown
                    ORDER BY COALESCE(json_extract(m.record, '$.published'), ''), m.document, m.start LIMIT 1)"""


def migrate_0006(db: sqlite3.Connection, statements) -> None:
    """Add the linking columns, fill them from each mention's record, and link every block again: the
    events come out as before, each row with its summaries, and the mentions marked with their event."""
    for statement in statements(MIGRATION_0006):
        db.execute(statement)
    # the view of events for datasette: its first sentence now comes from the mentions table
    view = db.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'event_list'").fetchone()
    if view is not None:
        db.execute("DROP VIEW event_list")
        db.execute(view[0].replace("json_extract(record, '$.mentions[0].sentence')", FIRST_SENTENCE))
    longest: dict[str, int] = {}
    previous, index = None, 0
    for rowid, document, block, record in db.execute(
            "SELECT id, document, block, record FROM mentions ORDER BY document, id").fetchall():
        index = index + 1 if document == previous else 0
        previous = document
        columns = mention_columns(EventMention.from_dict(json.loads(record)), index)
        longest[block] = max(longest.get(block, 0), columns.pop("days"))
        db.execute("UPDATE mentions SET link_order = ?, span_start = ?, span_end = ? WHERE id = ?",
                   [*columns.values(), rowid])
    db.executemany("INSERT INTO link_blocks VALUES (?, ?)", sorted(longest.items()))
    db.execute("DELETE FROM events")
    actors = load_actor_table() if longest else None  # a new database links nothing: no tables to load
    for block in sorted(longest):
        relink_component(db, block, FULL, actors)
    db.execute("DELETE FROM dirty_blocks")
