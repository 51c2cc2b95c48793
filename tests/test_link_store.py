"""Linking in the store: new mentions placed against the events' summaries give exactly what linking
every mention at once gives, whatever the batches and the order; an old database converts."""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.dates import interval
from eventdesk.jobs import relink
from eventdesk.link import block_key, link
from eventdesk.records import Document
from eventdesk.store import Store
from eventdesk.store.db import _statements, event_record
from eventdesk.store.migrations import MIGRATIONS

# few values, so that many reports share a day, a pair and a status: the twins the store links fast
DATES = [("2022-10-17", "day"), ("2022-10-17", "day"), ("2022-10-18", "day"), ("2022-10", "month"),
         ("2022", "year"), (None, None)]


@st.composite
def mention_specs(draw) -> dict:
    source, target = draw(st.sampled_from([("ISR", "UKR"), ("UKR", "ISR"), ("gantz", "reznikov"),
                                           ("lapid", "zelensky"), ("ISR", "UKR")]))
    date, precision = draw(st.sampled_from(DATES))
    return dict(start=draw(st.integers(0, 3)) * 100, type=draw(st.sampled_from(["CONSULT", "CONSULT", "THREATEN"])),
                source=source, target=target, date=date, precision=precision, symmetric=draw(st.booleans()),
                status=draw(st.sampled_from(["occurred", "occurred", "occurred", "planned", "denied"])),
                published=draw(st.sampled_from(["2022-10-17", "2022-10-18", "2022-10-20", None])),
                confidence=draw(st.sampled_from([0.3, 0.5, 0.6, 0.9])),
                date_from_publication=draw(st.sampled_from([False, False, False, True])),
                publisher=draw(st.sampled_from([None, "wire", "daily"])))


documents = st.lists(st.lists(mention_specs(), min_size=1, max_size=3), min_size=1, max_size=12)


def build(mention, docs: list[list[dict]]) -> list[tuple[Document, list]]:
    out = []
    for n, specs in enumerate(docs):
        name = f"d{n:02d}.txt"
        ms = []
        for s in specs:
            s = dict(s)
            if not s["date"]:
                s["date_from_publication"] = False
            ms.append(mention(name, s.pop("start"), s.pop("type"), s.pop("source"), s.pop("target"),
                              s.pop("date"), s.pop("precision"), **s))
        out.append((Document(id=name, raw="Body.", text="Body.", content_hash=f"{n:032x}"), ms))
    return out


def stored(store: Store) -> list[dict]:
    return sorted(store.events(all_statuses=True), key=lambda r: r["id"])


def linked_at_once(docs) -> list[dict]:
    return sorted((event_record(e) for e in link([m for _, ms in docs for m in ms])), key=lambda r: r["id"])


@settings(max_examples=120, deadline=None)
@given(documents, st.integers(1, 4), st.randoms(use_true_random=False))
def test_new_mentions_linked_in_batches_give_what_linking_all_at_once_gives(mention, docs, batch, rnd):
    docs = build(mention, docs)
    rnd.shuffle(docs)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "x.db") as store:
        for i in range(0, len(docs), batch):
            touched = set()
            for doc, ms in docs[i:i + batch]:
                touched |= store.save_document(doc, ms)
            relink(store, touched)
        assert stored(store) == linked_at_once(docs)
        assert store.dirty_blocks() == []


@st.composite
def twin_specs(draw) -> dict:
    """Reports of few events: one pair, two days, a month; most of them twins of each other."""
    date, precision = draw(st.sampled_from([("2022-10-17", "day")] * 4 + [("2022-10-18", "day"), ("2022-10", "month")]))
    return dict(start=draw(st.integers(0, 2)) * 100, type="CONSULT", source="ISR", target="UKR", date=date,
                precision=precision, symmetric=True, status=draw(st.sampled_from(["occurred"] * 4 + ["planned", "denied"])),
                published=draw(st.sampled_from(["2022-10-17", "2022-10-18", "2022-10-19", "2022-10-20", None])),
                confidence=draw(st.sampled_from([0.5, 0.6, 0.9])), publisher=draw(st.sampled_from([None, "wire", "daily"])),
                date_from_publication=draw(st.sampled_from([False] * 5 + [True])),
                place=draw(st.sampled_from([None] * 4 + ["AUT/vienna", "AUT"])))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(twin_specs(), min_size=1, max_size=3), min_size=2, max_size=16), st.integers(1, 3),
       st.randoms(use_true_random=False))
def test_twins_join_their_events_as_linking_all_at_once_would(mention, docs, batch, rnd):
    test_new_mentions_linked_in_batches_give_what_linking_all_at_once_gives.hypothesis.inner_test(
        mention, docs, batch, rnd)


@settings(max_examples=40, deadline=None)
@given(documents, documents)
def test_a_document_stored_again_with_other_mentions_relinks_its_blocks(mention, docs, changed):
    docs, changed = build(mention, docs), build(mention, changed)[:1]
    doc, ms = changed[0]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "x.db") as store:
        for d, m in docs:
            relink(store, store.save_document(d, m))
        relink(store, store.save_document(doc, ms))  # d00.txt again, now with these mentions
        assert stored(store) == linked_at_once([*changed, *docs[1:]])


def test_the_record_lists_one_mention_per_sentence_and_the_row_holds_none(tmp_path, mention):
    a = mention("a.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-17", confidence=0.5)
    again = mention("a.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-17", confidence=0.9, trigger="met")
    with Store(tmp_path / "x.db") as store:
        relink(store, store.save_document(Document(id="a.txt", raw="B.", text="B.", content_hash="1"), [a, again]))
        (event,) = store.events()
        assert [m["trigger"] for m in event["mentions"]] == ["met"] and event["n_mentions"] == 1
        assert "mentions" not in json.loads(store.db.execute("SELECT record FROM events").fetchone()[0])
        assert store.db.execute("SELECT COUNT(*) FROM mentions WHERE event_id = ?", (event["id"],)).fetchone()[0] == 2


# -- an old database -----------------------------------------------------------------------------------

def random_spec(rnd: random.Random) -> dict:
    source, target = rnd.choice([("ISR", "UKR"), ("gantz", "reznikov"), ("UKR", "ISR")])
    date, precision = rnd.choice(DATES)
    return dict(start=rnd.randrange(3) * 100, type=rnd.choice(["CONSULT", "THREATEN"]), source=source, target=target,
                date=date, precision=precision, symmetric=rnd.random() < 0.5,
                status=rnd.choice(["occurred", "occurred", "planned", "denied"]),
                published=rnd.choice(["2022-10-17", "2022-10-18", None]), confidence=rnd.choice([0.3, 0.6, 0.9]),
                date_from_publication=rnd.random() < 0.2, publisher=rnd.choice([None, "wire"]))


def old_database(path: Path, docs) -> list[dict]:
    """A database as eventdesk wrote it before migration 0006 (events embedding their mentions)."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:5]:
        for statement in _statements(sql):
            db.execute(statement)
        db.execute("INSERT INTO migrations VALUES (?, '2026-12-01')", (name,))
    row_of = {}
    for doc, ms in docs:
        db.execute("INSERT INTO documents (id, source, content_hash, raw, text, dropped, ingested_at) "
                   "VALUES (?, ?, ?, ?, ?, '[]', '2026-12-01')", (doc.id, doc.id, doc.content_hash, doc.raw, doc.text))
        for m in ms:
            cur = db.execute(
                "INSERT INTO mentions (document, start, \"end\", sentence, type, cameo, source_key, symmetric, "
                "status, confidence, block, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (m.document, m.start, m.end, m.sentence, m.type, m.cameo, m.source.key, int(m.symmetric), m.status,
                 m.confidence, block_key(m), json.dumps(m.as_dict(), ensure_ascii=False)))
            row_of[id(m)] = cur.lastrowid
    events = link([m for _, ms in docs for m in ms])
    records = []
    for e in events:
        record = event_record(e)
        records.append(record)
        span = interval(e.date, e.date_precision)
        db.execute("INSERT INTO events (id, type, cameo, date, date_precision, date_start, date_end, source_key, "
                   "source_country, target_country, symmetric, status, confidence, n_mentions, n_documents, "
                   "n_publishers, block, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (e.id, e.type, e.cameo, e.date, e.date_precision, span[0].isoformat() if span else None,
                    span[1].isoformat() if span else None, e.source.key, e.source.country,
                    e.target.country if e.target else None, int(e.symmetric), e.status, e.confidence,
                    record["n_mentions"], record["n_documents"], record["n_publishers"], block_key(e.mentions[0]),
                    json.dumps(record, ensure_ascii=False)))
    db.commit()
    db.close()
    return sorted(records, key=lambda r: r["id"])


@pytest.mark.parametrize("seed", range(3))
def test_an_old_database_opens_and_reads_the_same(tmp_path, mention, seed):
    rnd = random.Random(seed)
    specs = [[random_spec(rnd) for _ in range(rnd.randint(1, 3))] for _ in range(10)]
    docs = build(mention, specs)
    before = old_database(tmp_path / "old.db", docs)
    with pytest.raises(Exception, match="older eventdesk"):
        Store(tmp_path / "old.db", readonly=True)
    with Store(tmp_path / "old.db") as store:
        assert store.applied_now == ["0006_mentions_by_event", "0007_read_indexes"]
        assert stored(store) == before
        first = store.db.execute("SELECT first_sentence FROM event_list WHERE id = ?", (before[0]["id"],)).fetchone()
        assert first[0] == before[0]["mentions"][0]["sentence"]
    with Store(tmp_path / "old.db", readonly=True) as store:
        assert stored(store) == before


def test_a_new_report_that_anchors_the_event_renames_it_and_its_mentions(tmp_path, mention):
    soft = mention("a.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-17", confidence=0.9, date_from_publication=True,
                   published="2022-10-17")
    precise = mention("a.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-17", confidence=0.5, published="2022-10-17")
    later = mention("b.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-17", confidence=0.5, published="2022-10-18")
    docs = [(Document(id="a.txt", raw="B.", text="B.", content_hash="1"), [soft, precise]),
            (Document(id="b.txt", raw="B.", text="B.", content_hash="2"), [later])]
    with Store(tmp_path / "x.db") as store:
        relink(store, store.save_document(*docs[0]))
        (before,) = store.events()
        relink(store, store.save_document(*docs[1]))
        (after,) = store.events()
        assert after["id"] != before["id"] and stored(store) == linked_at_once(docs)
        rows = store.db.execute("SELECT event_id, COUNT(*) FROM mentions GROUP BY 1").fetchall()
        assert [tuple(r) for r in rows] == [(after["id"], 3)]


def test_a_first_report_moving_an_event_off_words_another_event_is_anchored_on(tmp_path, mention):
    """One sentence of b.txt reports the talks on two days: two events anchored on the same words,
    numbered `X` and `X-2`. a.txt then reports the first day earlier in the canonical order: that event
    is now anchored on a.txt, and the other becomes `X` as linking all at once numbers it."""
    fields = dict(symmetric=True, confidence=0.5, published="2022-10-17")
    first = mention("a.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-17", **fields)
    twin = mention("b.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-17", **fields)
    next_day = mention("b.txt", 0, "CONSULT", "ISR", "UKR", "2022-10-18", **fields)
    docs = [(Document(id="b.txt", raw="B.", text="B.", content_hash="2"), [twin, next_day]),
            (Document(id="a.txt", raw="B.", text="B.", content_hash="1"), [first])]
    with Store(tmp_path / "x.db") as store:
        relink(store, store.save_document(*docs[0]))
        ids = [e["id"] for e in stored(store)]
        assert len(ids) == 2 and ids[1] == ids[0] + "-2"
        relink(store, store.save_document(*docs[1]))
        after = stored(store)
        assert after == linked_at_once(docs)
        assert ids[0] in [e["id"] for e in after] and ids[1] not in [e["id"] for e in after]
        rows = store.db.execute("SELECT event_id, COUNT(*) FROM mentions GROUP BY 1 ORDER BY 2").fetchall()
        assert sorted(tuple(r) for r in rows) == sorted((e["id"], len(e["mentions"])) for e in after)


def test_an_event_held_in_a_pass_keeps_what_joined_it_when_numbering_renames_it(tmp_path, mention):
    """One sentence of b.txt reports talks in Vienna (twice: the record shows the more confident report,
    dated by publication) and in Graz: two events anchored on its words, `X` and `X-2`. In one pass a
    twin joins `X-2` and is held to be written at the end; then a report dated by its text anchors `X`
    on its own words, and `X-2` becomes `X`: what joined it is written under its new id."""
    talks = dict(source="ISR", target="UKR", date="2022-10-17", published="2022-10-18")
    vienna = mention("b.txt", 0, "CONSULT", place="AUT/vienna", confidence=0.5, **talks)
    graz = mention("b.txt", 0, "CONSULT", place="AUT/graz", confidence=0.5, **talks)
    vienna_soft = mention("b.txt", 0, "CONSULT", place="AUT/vienna", confidence=0.9, date_from_publication=True,
                          **talks)
    talks["published"] = "2022-10-19"
    graz_again = mention("a.txt", 0, "CONSULT", place="AUT/graz", confidence=0.5, **talks)
    talks["published"] = "2022-10-20"
    vienna_dated = mention("d.txt", 0, "CONSULT", place="AUT/vienna", confidence=0.5, **talks)
    docs = [(Document(id="b.txt", raw="B.", text="B.", content_hash="1"), [vienna, graz, vienna_soft]),
            (Document(id="a.txt", raw="B.", text="B.", content_hash="2"), [graz_again]),
            (Document(id="d.txt", raw="B.", text="B.", content_hash="3"), [vienna_dated])]
    with Store(tmp_path / "x.db") as store:
        relink(store, store.save_document(*docs[0]))
        first = {e["mentions"][0]["date_from_publication"]: e["id"] for e in stored(store)}
        assert first[False] == first[True] + "-2"  # Graz's event is numbered after Vienna's
        relink(store, store.save_document(*docs[1]) | store.save_document(*docs[2]))
        after = stored(store)
        assert after == linked_at_once(docs)
        graz_event = next(e for e in after if e["id"] == first[True])
        assert [m["document"] for m in graz_event["mentions"]] == ["b.txt", "a.txt"]
