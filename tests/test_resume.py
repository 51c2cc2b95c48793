"""Regression tests for what already held (issue 14): an ingest killed with SIGKILL at several moments
and re-run gives the database a clean run gives; two ingests into one database at once give what
running them in turn gives."""

from __future__ import annotations

import os
import signal

import pytest
from procs import documents, eventdesk, integrity, sample_corpus, start, wait_for


def _export(db) -> list[str]:
    result = eventdesk("--db", db, "export", "--status", "all", timeout=120)
    assert result.returncode == 0, result.stderr
    return sorted(result.stdout.splitlines())


def _stored(db) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(db) as con:
        docs = con.execute("SELECT id, content_hash, text FROM documents ORDER BY id").fetchall()
        mentions = con.execute("SELECT document, start, \"end\", type, cameo, event_id FROM mentions "
                               "ORDER BY document, start, type, cameo").fetchall()
    return docs + mentions


@pytest.mark.slow
def test_killed_at_several_moments_then_resumed_equals_a_clean_run(tmp_path):
    corpus = sample_corpus(tmp_path / "corpus", 80)
    clean = tmp_path / "clean.db"
    assert eventdesk("--db", clean, "ingest", corpus, "-j", "1").returncode == 0
    resumed = tmp_path / "resumed.db"
    for moment in (5, 30, 55):  # documents stored when the kill comes
        proc = start("--db", resumed, "ingest", corpus, "-j", "2", log=tmp_path / f"log{moment}.txt")
        reached = wait_for(lambda m=moment, p=proc: documents(resumed) >= m or p.poll() is not None, timeout=300,
                           every=0.02)
        assert reached and proc.poll() is None, (tmp_path / f"log{moment}.txt").read_text()
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    final = eventdesk("--db", resumed, "ingest", corpus, "-j", "1")
    assert final.returncode == 0, final.stdout + final.stderr
    assert "new 80" not in final.stdout  # it resumed: what the killed runs stored was kept
    assert integrity(resumed) == "ok"
    assert _export(resumed) == _export(clean)
    assert _stored(resumed) == _stored(clean)


@pytest.mark.slow
def test_two_ingests_into_one_database_at_once_equal_them_in_turn(tmp_path):
    a = sample_corpus(tmp_path / "a", 30)
    b = sample_corpus(tmp_path / "b", 30, offset=1000)
    in_turn = tmp_path / "in_turn.db"
    for corpus in (a, b):
        assert eventdesk("--db", in_turn, "ingest", corpus, "-j", "1").returncode == 0
    at_once = tmp_path / "at_once.db"
    first = start("--db", at_once, "ingest", a, "-j", "1", log=tmp_path / "a.log")
    second = start("--db", at_once, "ingest", b, "-j", "1", log=tmp_path / "b.log")
    assert first.wait(timeout=600) == 0, (tmp_path / "a.log").read_text()
    assert second.wait(timeout=600) == 0, (tmp_path / "b.log").read_text()
    assert integrity(at_once) == "ok"
    assert _export(at_once) == _export(in_turn)
