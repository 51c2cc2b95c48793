"""Review findings pinned: nothing is lost or duplicated when inputs clash, fail or stop half way."""

import json

import pytest

from eventdesk.jobs import ingest
from eventdesk.store import Store

CALL = " date 2023-03-15\nUS President Joe Biden met Chinese President Xi Jinping and Chinese Premier Li Qiang in " \
       "Beijing on Monday.\n"


def _events(store):
    return list(store.events(all_statuses=True))


def _corpus(tmp_path, text=CALL):
    """A folder holding one article, a.txt; returns (folder, article path)."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return folder, folder / "a.txt"


@pytest.mark.slow
def test_two_events_first_reported_in_one_sentence_keep_two_ids(tmp_path):
    folder, _ = _corpus(tmp_path)
    with Store(tmp_path / "x.db") as store:
        ingest(store, [folder])
        events = _events(store)
        rows = store.db.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM mentions").fetchone()
    assert len(events) == len({e["id"] for e in events}) == 2
    assert tuple(rows) == (2, 2)


@pytest.mark.slow
def test_a_repeated_document_id_is_skipped_not_overwritten(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "one.jsonl").write_text(json.dumps({"id": "x", "text": "Germany sent Ukraine tanks."}) + "\n")
    (tmp_path / "c" / "two.jsonl").write_text(json.dumps({"id": "x", "text": "France sent Ukraine jets."}) + "\n")
    with Store(tmp_path / "x.db") as store:
        summary = ingest(store, [tmp_path / "c"])
        assert summary.new == 1
        assert len(summary.skipped) == 1 and "already read" in summary.skipped[0][1]
        again = ingest(store, [tmp_path / "c"])
    assert again.updated == 0  # no flip-flopping between the two texts


@pytest.mark.slow
def test_the_same_text_under_another_name_is_not_a_second_document(tmp_path):
    (tmp_path / "c" / "sub").mkdir(parents=True)
    (tmp_path / "c" / "sub" / "a.txt").write_text(CALL, encoding="utf-8")
    with Store(tmp_path / "x.db") as store:
        ingest(store, [tmp_path / "c" / "sub"])
        summary = ingest(store, [tmp_path / "c"])  # the parent folder: id 'sub/a.txt', same text
        assert summary.new == 0 and summary.duplicates
        assert store.counts()["documents"] == 1


@pytest.mark.slow
def test_an_interrupted_ingest_is_repaired_by_the_next(tmp_path):
    folder, _ = _corpus(tmp_path)
    with Store(tmp_path / "x.db") as store:
        ingest(store, [folder])
        store.db.execute("DELETE FROM events")  # as if the run had stopped before re-linking
        store.db.execute("UPDATE mentions SET event_id = NULL")
        store.db.execute("INSERT INTO dirty_blocks SELECT DISTINCT block FROM mentions")
        store.db.commit()
        summary = ingest(store, [folder])
        assert summary.unchanged == 1
        assert len(_events(store)) == 2 and store.dirty_blocks() == []


@pytest.mark.slow
def test_a_changed_publication_date_is_a_change(tmp_path):
    folder, path = _corpus(tmp_path)
    with Store(tmp_path / "x.db") as store:
        ingest(store, [folder])
        path.write_text(CALL.replace("2023-03-15", "2024-06-20"), encoding="utf-8")
        summary = ingest(store, [folder])
        assert summary.updated == 1
        assert {e["date"][:4] for e in _events(store)} == {"2024"}


def test_an_unreadable_line_spoils_only_itself(tmp_path):
    from eventdesk.records import Document, Skipped
    from eventdesk.sources import read_corpus

    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Fine."}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "Also fine."}\n')
    records = list(read_corpus([path]))
    assert [r.id for r in records if isinstance(r, Document)] == ["a", "c"]
    assert [r.source.endswith(":2") for r in records if isinstance(r, Skipped)] == [True]
