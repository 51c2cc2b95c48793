"""store: named migrations, document + mention writes, re-linking, and the event queries."""

from __future__ import annotations

import sqlite3

import pytest

from eventdesk.errors import StoreError
from eventdesk.jobs import relink
from eventdesk.records import Document
from eventdesk.sources import content_hash
from eventdesk.store import Store
from eventdesk.store.migrations import MIGRATIONS


def document(doc_id: str, text: str = "Body text of the article.", published: str = "2022-10-18") -> Document:
    return Document(id=doc_id, raw=text, text=text, source=f"corpus/{doc_id}", published=published,
                    published_from="header", content_hash=content_hash(text))


def save(store: Store, doc: Document, mentions) -> None:
    relink(store, store.save_document(doc, mentions))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "events.db"


# -- migrations -------------------------------------------------------------------------------------

def test_new_database_records_every_migration(db_path):
    with Store(db_path) as store:
        assert store.migrations() == sorted(name for name, _ in MIGRATIONS)
        assert store.counts() == {"documents": 0, "mentions": 0, "events": 0, "skipped": 0}


def test_reopening_applies_nothing_new(db_path):
    Store(db_path).close()
    with Store(db_path) as store:
        assert store.migrate() == []
        assert store.migrations() == sorted(name for name, _ in MIGRATIONS)


def test_database_from_a_newer_version_is_refused(db_path):
    Store(db_path).close()
    with sqlite3.connect(db_path) as db:
        db.execute("INSERT INTO migrations VALUES ('9999_from_the_future', '2030-01-01T00:00:00+00:00')")
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


@pytest.mark.parametrize("content", [b"this is not a database " * 100, b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_file_that_is_not_sqlite_is_refused(db_path, content):
    db_path.write_bytes(content)
    with pytest.raises(StoreError, match=str(db_path.name)):
        Store(db_path)


# -- writes and re-linking ----------------------------------------------------------------------------

def test_save_and_relink_round_trip(db_path, mention):
    call = mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-04-20", symmetric=True, cameo="040",
                   attributed_to="Haaretz")
    reject = mention("a.txt", 120, "REJECT", "ISR", "UKR", "2022-10-17", cameo="12", confidence=0.8)
    with Store(db_path) as store:
        blocks = store.save_document(document("a.txt"), [call, reject])
        assert blocks == {"CONSULT|S|ISR|UKR|2022", "REJECT|D|ISR|UKR|2022"}  # type, dyad, year
        assert relink(store, blocks) == 2
        assert store.document_hash("a.txt") == content_hash("Body text of the article.")
        assert store.document("a.txt")["published"] == "2022-10-18"
        events = {e["type"]: e for e in store.events()}
    assert set(events) == {"CONSULT", "REJECT"}
    consult = events["CONSULT"]
    assert (consult["date"], consult["date_precision"], consult["symmetric"], consult["status"]) == (
        "2022-04-20", "day", True, "occurred")
    assert (consult["source"]["name"], consult["source"]["country"], consult["source"]["role"]) == (
        "Benny Gantz", "ISR", "Minister of Defense")
    assert consult["target"]["country"] == "UKR"
    assert [(m["document"], m["sentence"], m["start"], m["end"], m["attributed_to"]) for m in consult["mentions"]] == [
        ("a.txt", call.sentence, call.start, call.end, "Haaretz")]
    assert (events["REJECT"]["cameo"], events["REJECT"]["confidence"]) == ("12", 0.8)
    assert all(e["id"].startswith("ev_") for e in events.values())


def test_two_documents_reporting_one_event(db_path, mention):
    with Store(db_path) as store:
        save(store, document("a.txt"), [mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-04-20",
                                                symmetric=True)])
        save(store, document("b.txt"), [mention("b.txt", 40, "CONSULT", "reznikov", "gantz", "2022-04", "month",
                                                symmetric=True)])
        events = list(store.events())
    assert len(events) == 1
    assert (events[0]["n_mentions"], events[0]["n_documents"], events[0]["date"]) == (2, 2, "2022-04-20")


def test_saving_a_document_again_replaces_its_mentions(db_path, mention):
    mentions = [mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17"),
                mention("a.txt", 90, "THREATEN", "medvedev", "ISR", "2022-10-17")]
    with Store(db_path) as store:
        save(store, document("a.txt"), mentions)
        first = sorted(e["id"] for e in store.events())
        save(store, document("a.txt"), mentions)
        assert store.counts() == {"documents": 1, "mentions": 2, "events": 2, "skipped": 0}
        assert sorted(e["id"] for e in store.events()) == first
        assert all(e["n_mentions"] == 1 for e in store.events())


def test_an_event_no_longer_reported_disappears(db_path, mention):
    with Store(db_path) as store:
        save(store, document("a.txt"), [mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17")])
        save(store, document("a.txt", "Edited text."), [mention("a.txt", 5, "ACCUSE", "RUS", "ISR", "2022-10-17")])
        assert [e["type"] for e in store.events()] == ["ACCUSE"]
        assert store.counts()["mentions"] == 1
        assert store.document_hash("a.txt") == content_hash("Edited text.")


def test_skipped_inputs_are_recorded_and_cleared(db_path):
    with Store(db_path) as store:
        store.record_skipped("corpus/a.txt", "empty file")
        store.record_skipped("corpus/b.txt", "binary file")
        assert store.skipped() == [("corpus/a.txt", "empty file"), ("corpus/b.txt", "binary file")]
        store.save_document(document("a.txt"), [])  # a.txt became readable
        assert store.skipped() == [("corpus/b.txt", "binary file")]


# -- queries --------------------------------------------------------------------------------------------

@pytest.fixture
def filled(db_path, mention):
    specs = [  # (type, source, target, date, precision, status, symmetric)
        ("CONSULT", "gantz", "reznikov", "2022-04-20", "day", "occurred", True),
        ("REQUEST", "UKR", "ISR", "2022-10", "month", "occurred", False),
        ("REJECT", "ISR", "UKR", "2022-10-17", "day", "occurred", False),
        ("THREATEN", "medvedev", "ISR", "2022-10-17", "day", "occurred", False),
        ("ACCUSE", "RUS", "ISR", "2022-10-17", "day", "hypothetical", False),
        ("SANCTION", "TUR", "SWE", "2023-01", "month", "negated", False),
        ("PROTEST", "TUR", "SWE", "2023-01-21", "day", "planned", False),
        ("AGREE", "TUR", "SWE", None, None, "occurred", True),
    ]
    store = Store(db_path)
    mentions = [mention("a.txt", 100 * i, t, s, g, d, p, status=st, symmetric=sym)
                for i, (t, s, g, d, p, st, sym) in enumerate(specs)]
    save(store, document("a.txt"), mentions)
    yield store
    store.close()


@pytest.mark.parametrize("filters, expected", [
    ({}, ["CONSULT", "REQUEST", "REJECT", "THREATEN", "PROTEST", "AGREE"]),  # by date, undated last
    ({"all_statuses": True}, ["CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "AGREE"]),
    ({"actor": "RUS"}, ["THREATEN"]),
    ({"actor": "rus"}, ["THREATEN"]),
    ({"actor": "Gantz"}, ["CONSULT"]),
    ({"actor": "Medvedev"}, ["THREATEN"]),
    ({"dyad": ("ISR", "UKR")}, ["CONSULT", "REQUEST", "REJECT"]),
    ({"dyad": ("UKR", "ISR")}, ["CONSULT", "REQUEST", "REJECT"]),
    ({"dyad": ("swe", "tur")}, ["PROTEST", "AGREE"]),
    ({"type": "consult"}, ["CONSULT"]),
    ({"type": "ACCUSE"}, []),  # hypothetical: left out by default
    ({"type": "ACCUSE", "all_statuses": True}, ["ACCUSE"]),
    ({"status": "hypothetical"}, ["ACCUSE"]),
    ({"status": "negated"}, ["SANCTION"]),
    ({"status": "planned"}, ["PROTEST"]),
    ({"since": "2022-10-17"}, ["REQUEST", "REJECT", "THREATEN", "PROTEST"]),
    ({"until": "2022-10-01"}, ["CONSULT", "REQUEST"]),
    ({"since": "2022-10-18", "until": "2022-12-31"}, ["REQUEST"]),  # the month of October covers the 18th
    ({"since": "2023-01-01", "status": "negated"}, ["SANCTION"]),
    ({"dyad": ("ISR", "UKR"), "type": "REJECT", "since": "2022-10-01"}, ["REJECT"]),
    ({"limit": 2}, ["CONSULT", "REQUEST"]),
])
def test_event_filters(filled, filters, expected):
    assert [e["type"] for e in filled.events(**filters)] == expected


def test_event_by_id_and_prefix(filled):
    first = next(filled.events())
    assert filled.event(first["id"]) == first
    assert filled.event(first["id"][:10])["id"] == first["id"]
    assert filled.event("ev_does_not_exist") is None
