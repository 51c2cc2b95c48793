"""Worker processes (workers.py): an error is one sentence's or one document's, a dead process is replaced
(only what killed it fails), Ctrl-C and kill -9 of the parent leave no process behind."""

from __future__ import annotations

import os
import signal
import time

import pytest
import spacy
from procs import children, documents, integrity, live_in_group, sample_corpus, start, wait_for

from eventdesk.workers import parse


class Fragile:
    """A blank English pipeline that fails on sentences saying BOOM, and kills its process on DIE."""

    def __init__(self):
        self.nlp = spacy.blank("en")
        self.vocab = self.nlp.vocab
        self.parent = os.getpid()

    def _check(self, text: str) -> None:
        if "BOOM" in text:
            raise ValueError("boom")
        if "DIE" in text and os.getpid() != self.parent:
            os._exit(7)

    def pipe(self, texts, batch_size=64):
        for text in texts:
            self._check(text)
        return self.nlp.pipe(texts, batch_size=batch_size)

    def __call__(self, text):
        self._check(text)
        return self.nlp(text)


TEXTS = [f"Sentence number {i}." for i in range(40)]


@pytest.mark.parametrize("n_process", [1, 2])
def test_every_sentence_comes_back_in_order(n_process):
    out = list(parse(Fragile(), ((t, i) for i, t in enumerate(TEXTS)), n_process=n_process, batch_size=4))
    assert [key for _, key, _ in out] == list(range(40))
    assert [doc.text for doc, _, _ in out] == TEXTS


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_error_is_the_failing_sentence_only(n_process):
    texts = list(TEXTS)
    texts[9] = "This one goes BOOM."
    out = list(parse(Fragile(), ((t, i) for i, t in enumerate(texts)), n_process=n_process, batch_size=4))
    errors = {key: error for doc, key, error in out if error}
    assert list(errors) == [9] and "ValueError: boom" in errors[9]
    assert all(doc is not None for doc, key, _ in out if key != 9)


def test_a_parser_process_that_dies_is_replaced_and_its_sentences_named():
    texts = list(TEXTS)
    texts[13] = "Now DIE."
    out = list(parse(Fragile(), ((t, i) for i, t in enumerate(texts)), n_process=2, batch_size=4))
    assert [key for _, key, _ in out] == list(range(40))
    failed = [key for doc, key, error in out if error]
    assert failed == [13]  # its batch is done again sentence by sentence: only the one that kills fails
    assert all("died" in error for _, _, error in out if error)
    assert all(doc is not None for doc, key, _ in out if key not in failed)


def test_a_consumer_that_stops_stops_the_processes():
    others = set(children(os.getpid()))  # what earlier tests left running (a Spark gateway's JVM)
    results = parse(Fragile(), ((t, i) for i, t in enumerate(TEXTS * 50)), n_process=2, batch_size=4)
    next(results)
    kids = set(children(os.getpid())) - others
    assert len(kids) >= 2
    results.close()
    assert wait_for(lambda: not set(kids) & set(children(os.getpid())), timeout=5)


# -- signals, with the real command ------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return sample_corpus(tmp_path_factory.mktemp("signals") / "corpus", 400)


def _running_with_workers(tmp_path, corpus):
    db = tmp_path / "s.db"
    proc = start("--db", db, "ingest", corpus, "-j", "2", log=tmp_path / "log.txt")
    assert wait_for(lambda: len(children(proc.pid)) >= 2 and documents(db) >= 3, timeout=240), \
        (tmp_path / "log.txt").read_text()
    return proc, db


@pytest.mark.slow
def test_one_ctrl_c_with_two_processes_stops_within_seconds_keeping_what_was_stored(tmp_path, corpus):
    proc, db = _running_with_workers(tmp_path, corpus)
    stored = documents(db)
    began = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    code = proc.wait(timeout=30)
    took = time.monotonic() - began
    log = (tmp_path / "log.txt").read_text()
    assert took < 10, took
    assert code == 130, log
    assert wait_for(lambda: not live_in_group(proc.pid), timeout=5), live_in_group(proc.pid)
    assert "interrupted" in log and "Traceback" not in log, log
    assert documents(db) >= stored and integrity(db) == "ok"


@pytest.mark.slow
def test_kill_9_of_the_main_process_leaves_no_parser_process(tmp_path, corpus):
    proc, _ = _running_with_workers(tmp_path, corpus)
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert wait_for(lambda: not live_in_group(proc.pid), timeout=10), (workers, live_in_group(proc.pid))


# -- whole documents in worker processes (pipeline.run with several processes) -------------------------

def _fragile_pipeline(monkeypatch):
    """pipeline.run's model, failing on sentences saying BOOM and killing its process on DIE."""
    from eventdesk import pipeline

    real = pipeline.load_nlp()

    class Failing(Fragile):
        def __init__(self):
            self.nlp, self.vocab, self.parent = real, real.vocab, os.getpid()

    monkeypatch.setattr(pipeline, "load_nlp", Failing)
    return pipeline


def _documents(texts):
    from eventdesk.records import Document

    return [Document(id=f"d{i}", raw=t, source=f"d{i}.txt", published="2023-01-22", content_hash=str(i))
            for i, t in enumerate(texts)]


@pytest.mark.slow
def test_a_parser_error_skips_its_document_by_name_and_the_others_go_on(monkeypatch):
    from eventdesk.records import Skipped

    pipeline = _fragile_pipeline(monkeypatch)
    texts = ["Russia accused Israel on Monday of supplying weapons to Ukraine.",
             "Turkey accused Sweden of harbouring BOOM militants.",
             "Turkey summoned the Swedish ambassador on Saturday."]
    out = list(pipeline.run(_documents(texts), pipeline.Settings(n_process=2, batch_size=1)))
    assert [type(d).__name__ for d, _ in out] == ["Document", "Skipped", "Document"]
    skipped = out[1][0]
    assert isinstance(skipped, Skipped) and skipped.source == "d1.txt" and "ValueError: boom" in skipped.reason
    assert out[0][1] and out[2][1]  # the others' events


@pytest.mark.slow
def test_a_document_that_kills_its_worker_is_skipped_by_name_and_the_others_go_on(monkeypatch):
    from eventdesk.records import Skipped

    pipeline = _fragile_pipeline(monkeypatch)
    texts = [f"Turkey summoned the Swedish ambassador on Saturday, over protest number {i}." for i in range(20)]
    texts[5] = "Russia accused Israel of supplying weapons to Ukraine. DIE, Russia accused Israel again."
    out = list(pipeline.run(_documents(texts), pipeline.Settings(n_process=2)))
    assert [d.source for d, _ in out] == [f"d{i}.txt" for i in range(20)]  # every document, in order
    skipped = [d for d, _ in out if isinstance(d, Skipped)]
    assert [d.source for d in skipped] == ["d5.txt"] and "died" in skipped[0].reason
    assert all(mentions for d, mentions in out if not isinstance(d, Skipped))


@pytest.mark.slow
def test_documents_read_in_worker_processes_come_out_as_in_this_process():
    from eventdesk import pipeline

    texts = ["Russia accused Israel on Monday of supplying weapons to Ukraine. He denied it.",
             "Chancellor Olaf Scholz met President Emmanuel Macron in Paris. They agreed to share intelligence.",
             "Turkey summoned the Swedish ambassador on Saturday.", "Weather: sunny."] * 5
    here = list(pipeline.run(_documents(texts), pipeline.Settings(n_process=1)))
    there = list(pipeline.run(_documents(texts), pipeline.Settings(n_process=2)))
    assert there == here
    assert sum(len(m) for _, m in here) >= 15
