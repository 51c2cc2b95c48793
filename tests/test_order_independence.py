"""The whole pipeline, not just the linker: arrival order and re-ingesting change nothing."""

import json
import random
from importlib import resources
from pathlib import Path

import pytest

from eventdesk.jobs import ingest
from eventdesk.store import Store

SAMPLE = Path(str(resources.files("eventdesk") / "data" / "sample"))


def _snapshot(store: Store) -> list[tuple]:
    return sorted((e["id"], e["type"], e["date"], e["status"], e["n_mentions"],
                   tuple(sorted((m["document"], m["start"]) for m in e["mentions"])))
                  for e in store.events(all_statuses=True))


def _copy_articles(dest: Path) -> list[Path]:
    dest.mkdir()
    files = []
    for f in sorted(SAMPLE.iterdir()):
        if f.suffix in (".txt", ".html", ".json", ".jsonl"):
            (dest / f.name).write_bytes(f.read_bytes())
            files.append(dest / f.name)
    return files


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_any_arrival_order_gives_the_same_events_and_ids(tmp_path, seed):
    files = _copy_articles(tmp_path / "corpus")
    with Store(tmp_path / "together.db") as store:
        ingest(store, [tmp_path / "corpus"])
        together = _snapshot(store)
    shuffled = files[:]
    random.Random(seed).shuffle(shuffled)
    with Store(tmp_path / f"one-by-one-{seed}.db") as store:
        for f in shuffled:  # one article at a time, each ingest re-linking what it touches
            ingest(store, [f])
        one_by_one = _snapshot(store)
    assert together
    assert one_by_one == together


@pytest.mark.slow
def test_ingesting_twice_changes_nothing(tmp_path):
    _copy_articles(tmp_path / "corpus")
    with Store(tmp_path / "twice.db") as store:
        first = ingest(store, [tmp_path / "corpus"])
        before = _snapshot(store)
        again = ingest(store, [tmp_path / "corpus"])
        after = _snapshot(store)
    assert first.new > 0 and again.new == 0 and again.unchanged == first.new
    assert after == before


@pytest.mark.slow
def test_a_new_report_joins_the_existing_event_and_keeps_its_id(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(" date 2023-03-10\nChina's President Xi Jinping spoke with Russian President "
                                  "Vladimir Putin by phone on Friday.\n", encoding="utf-8")
    with Store(tmp_path / "grow.db") as store:
        ingest(store, [corpus])
        (first,) = [e for e in store.events() if e["type"] == "CONSULT"]
        (corpus / "b.txt").write_text(" date 2023-03-11\nPutin and Xi held a telephone conversation on "
                                      "Friday, the Kremlin said.\n", encoding="utf-8")
        ingest(store, [corpus])
        events = [e for e in store.events() if e["type"] == "CONSULT"]
    assert len(events) == 1, json.dumps(events, indent=1)[:2000]
    assert events[0]["id"] == first["id"]
    assert events[0]["n_documents"] == 2
