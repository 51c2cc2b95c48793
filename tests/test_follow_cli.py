"""The commands that follow sources: sources, alerts, watch, and ingest of URLs, run as a user would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner
from webserver import LocalServer, Route, page, rss

from eventdesk.cli import app
from eventdesk.errors import EventdeskError
from eventdesk.jobs import relink
from eventdesk.records import Document
from eventdesk.store import Store

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[1] / "src" / "eventdesk" / "data" / "sample"


def flat(text: str) -> str:
    return " ".join(text.split())


def sample_page(name: str) -> bytes:
    lines = (SAMPLE / name).read_text(encoding="utf-8").splitlines()
    return page(lines[1], [line for line in lines[2:] if len(line.split()) > 8], lines[0].split()[1])


@pytest.fixture
def web():
    with LocalServer() as server:
        yield server


@pytest.fixture
def threats_db(tmp_path, mention) -> Path:
    path = tmp_path / "t.db"
    with Store(path) as store:
        doc = Document(id="d1", raw="x", text="x", content_hash="h1")
        relink(store, store.save_document(doc, [mention("d1", 0, "THREATEN", "RUS", "UKR", "2022-10-18"),
                                               mention("d1", 80, "CONSULT", "ISR", "UKR", "2022-10-18")]))
    return path


def test_sources_add_list_remove(tmp_path, web):
    db = str(tmp_path / "s.db")
    folder = tmp_path / "articles"
    folder.mkdir()
    assert runner.invoke(app, ["--db", db, "sources", "add", "wire", web.url("/feed.xml")]).exit_code == 0
    added = runner.invoke(app, ["--db", db, "sources", "add", "mine", str(folder)])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["--db", db, "sources", "list"]).output
    assert "wire" in listed and web.url("/feed.xml") in listed and "never" in listed
    assert f"mine files {folder.resolve()}" in flat(listed)
    assert runner.invoke(app, ["--db", db, "sources", "remove", "wire"]).exit_code == 0
    assert "wire" not in runner.invoke(app, ["--db", db, "sources", "list"]).output


@pytest.mark.parametrize("args, named", [
    (["sources", "add", "x", "/no/such/folder"], "/no/such/folder"),
    (["sources", "add", "x", "http://127.0.0.1/f", "--kind", "podcast"], "podcast"),
    (["sources", "add", "x", "/tmp", "--kind", "feed"], "http"),
    (["sources", "remove", "nope"], "nope"),
    (["alerts", "add", "x", "--type", "THRETEN"], "THRETEN"),
    (["alerts", "add", "x", "--deliver", "webhook"], "--to"),
    (["alerts", "remove", "nope"], "nope"),
    (["alerts", "test", "nope"], "nope"),
    (["watch", "--cycles", "1"], "no sources"),
])
def test_bad_arguments_are_named(tmp_path, args, named):
    Store(tmp_path / "e.db").close()
    result = runner.invoke(app, ["--db", str(tmp_path / "e.db"), *args])
    assert result.exit_code != 0
    assert isinstance(result.exception, EventdeskError) and named in str(result.exception)


def test_alerts_add_list_test_remove(threats_db):
    db = str(threats_db)
    added = runner.invoke(app, ["--db", db, "alerts", "add", "ukraine-threats", "--against", "UKR",
                                "--type", "THREATEN", "--type", "ASSAULT"])
    assert added.exit_code == 0 and "1 event(s) already matching" in flat(added.output)
    assert "ukraine-threats" in runner.invoke(app, ["--db", db, "alerts", "list"]).output
    tested = runner.invoke(app, ["--db", db, "alerts", "test", "ukraine-threats"])
    assert "THREATEN Russia -> Ukraine" in tested.output and "1 event(s) match" in tested.output
    assert "CONSULT" not in tested.output
    assert runner.invoke(app, ["--db", db, "alerts", "remove", "ukraine-threats"]).exit_code == 0
    assert "no alerts" in runner.invoke(app, ["--db", db, "alerts", "list"]).output


@pytest.mark.slow
def test_ingest_a_url_and_deliver_an_alert(tmp_path, web):
    web.routes["/story"] = Route(sample_page("04_turkey-sweden-quran.txt"))
    db = str(tmp_path / "u.db")
    out = tmp_path / "alerts.jsonl"
    runner.invoke(app, ["--db", db, "alerts", "add", "sweden", "--actor", "SWE", "--deliver", "jsonl",
                        "--to", str(out)])
    result = runner.invoke(app, ["--db", db, "ingest", "-j", "1", web.url("/story")])
    assert result.exit_code == 0, result.output
    assert "new 1" in result.output and "alert(s) delivered" in result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and all("SWE" in (e["record"]["source"]["country"], e["record"]["target"]["country"])
                         for e in lines)
    again = runner.invoke(app, ["--db", db, "ingest", "-j", "1", web.url("/story")])
    assert "unchanged 1" in again.output and "alert(s) delivered" not in again.output
    with Store(db) as store:
        row = store.db.execute("SELECT document, body FROM pages").fetchone()
        assert row["document"] == web.url("/story") and b"<article>" in row["body"]


def feed_source(web: LocalServer, tmp_path: Path) -> str:
    """A database watching a feed of one sample article served by `web`."""
    web.routes["/a"] = Route(sample_page("04_turkey-sweden-quran.txt"))
    web.routes["/feed"] = Route(rss([("A", web.url("/a"), "")]), content_type="application/rss+xml")
    db = str(tmp_path / "w.db")
    runner.invoke(app, ["--db", db, "sources", "add", "feed", web.url("/feed")])
    return db


@pytest.mark.slow
def test_watch_command_runs_cycles_and_reports_failures(tmp_path, web):
    db = feed_source(web, tmp_path)
    runner.invoke(app, ["--db", db, "sources", "add", "gone", web.url("/missing.xml")])
    result = runner.invoke(app, ["--db", db, "watch", "--cycles", "1"])
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "feed: new 1" in out and "gone: new 0" in out and "FAILED: HTTP 404" in out
    assert "watch stopped after 1 cycle(s)" in out
    listed = runner.invoke(app, ["--db", db, "sources", "list"]).output
    assert "failing (1x): HTTP 404" in listed


@pytest.mark.slow
def test_one_ctrl_c_stops_watch_cleanly(tmp_path, web):
    db = feed_source(web, tmp_path)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = str(Path(sys.executable).parent / "eventdesk")  # the installed console script
    proc = subprocess.Popen([command, "--db", db, "watch", "--interval", "600"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()  # the first cycle's report: the loop is now waiting
        assert "feed: new 1" in first, first + proc.stderr.read()
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, errors = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - started < 10
    assert proc.returncode == 0, errors
    assert "watch stopped after 1 cycle(s)" in out and "Traceback" not in errors
    with Store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


@pytest.mark.slow
def test_reextract_reads_the_kept_pages_without_fetching(tmp_path, web):
    web.routes["/a"] = Route(sample_page("04_turkey-sweden-quran.txt").replace(b"article:published_time", b"x"))
    web.routes["/feed"] = Route(rss([("Feed title", web.url("/a"), "Tue, 24 Jan 2023 08:00:00 GMT")]),
                                content_type="application/rss+xml")
    db = str(tmp_path / "r.db")
    assert runner.invoke(app, ["--db", db, "ingest", "-j", "1", web.url("/feed")]).exit_code == 0
    before = runner.invoke(app, ["--db", db, "export"]).output
    requests = len(web.log)
    result = runner.invoke(app, ["--db", db, "reextract"])
    assert result.exit_code == 0, result.output
    assert "pages 1: updated 1" in result.output and len(web.log) == requests
    assert runner.invoke(app, ["--db", db, "export"]).output == before  # the feed's date and title kept
    with Store(db) as store:
        row = store.db.execute("SELECT published, published_from, title FROM documents").fetchone()
        assert tuple(row) == ("2023-01-24", "feed", "Feed title")
