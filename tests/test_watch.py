"""Watch and alerts: a changing feed polled three times, alerts delivered once per new matching event,
failing sources recorded without stopping the loop, webhooks retried and never sent twice."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from webserver import LocalServer, Route, page, rss

from eventdesk.alerts import add_alert, make_alert, run_alerts
from eventdesk.jobs import relink
from eventdesk.pipeline import Settings
from eventdesk.sources.http import FetchSettings
from eventdesk.sources.web import web_fetcher
from eventdesk.store import Store
from eventdesk.watch import add_source, list_sources, run_cycle, watch

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "eventdesk" / "data" / "sample"
FAST = FetchSettings(timeout=2, total_timeout=5, retries=0, backoff=0.01, host_interval=0)
ONE = Settings(n_process=1)


def article(name: str) -> tuple[str, bytes]:
    """A bundled sample article as a web page: (title, HTML)."""
    lines = (SAMPLE / name).read_text(encoding="utf-8").splitlines()
    published = lines[0].split()[1]
    paragraphs = [line for line in lines[2:] if len(line.split()) > 8 and not line.startswith("Read also")]
    return lines[1], page(lines[1], paragraphs, published)


def events(store) -> dict[str, dict]:
    return {r[0]: json.loads(r[1]) for r in store.db.execute("SELECT id, record FROM events")}


@pytest.fixture
def web():
    with LocalServer() as server:
        yield server


def cycle(store, stop=None, post=None):
    """One watch cycle, with one web client per store (as `watch` keeps one for its whole run)."""
    clients = CLIENTS.setdefault(id(store), web_fetcher(store, FAST))
    return run_cycle(store, clients, stop or threading.Event(), ONE, printer=lambda line: None, post=post)


CLIENTS: dict = {}


@pytest.mark.slow
def test_two_polls_of_a_changing_feed_create_events_once_and_alert_once(web, tmp_path):
    title_a, page_a = article("04_turkey-sweden-quran.txt")
    title_b, page_b = article("01_us-china-call.txt")
    web.routes["/a"] = Route(page_a, etag='"a"')
    web.routes["/b"] = Route(page_b, etag='"b"')
    web.routes["/feed"] = Route(rss([(title_a, web.url("/a"), "Tue, 24 Jan 2023 08:00:00 GMT")]),
                                content_type="application/rss+xml", etag='"1"')
    alerts_file = tmp_path / "alerts.jsonl"
    with Store(tmp_path / "w.db") as store:
        add_source(store, "test feed", web.url("/feed"))
        add_alert(store, make_alert("everything", deliver="jsonl", to=str(alerts_file)))

        first = cycle(store)
        after_first = events(store)
        assert first.polls[0].new == 1 and after_first
        delivered = [json.loads(line) for line in alerts_file.read_text().splitlines()]
        assert sorted(d["event"] for d in delivered) == sorted(
            k for k, e in after_first.items() if e["status"] not in ("hypothetical", "negated"))

        web.routes["/feed"] = Route(rss([(title_b, web.url("/b"), "Fri, 29 Jul 2022 08:00:00 GMT"),
                                         (title_a, web.url("/a"), "Tue, 24 Jan 2023 08:00:00 GMT")]),
                                    content_type="application/rss+xml", etag='"2"')
        second = cycle(store)
        after_second = events(store)
        assert (second.polls[0].new, second.polls[0].unchanged) == (1, 0)  # /a answered 304: not re-read
        created = set(after_second) - set(after_first)
        assert created and set(after_first) <= set(after_second)  # the first article's events untouched
        delivered = [json.loads(line) for line in alerts_file.read_text().splitlines()]
        keys = [d["event"] for d in delivered]
        assert len(keys) == len(set(keys))  # no event delivered twice
        assert set(keys[len(keys) - second.alerts:]) == {
            k for k in created if after_second[k]["status"] not in ("hypothetical", "negated")}

        requests = len(web.log)
        third = cycle(store)
        assert third.alerts == 0 and third.polls[0].new == 0
        assert [p for _, p, _ in web.log[requests:]] == ["/feed"]  # an unchanged feed costs one request
        assert len(alerts_file.read_text().splitlines()) == len(keys)
        assert store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2


@pytest.mark.slow
def test_failing_source_is_recorded_and_the_cycle_goes_on(web, tmp_path):
    title, html = article("04_turkey-sweden-quran.txt")
    web.routes["/story"] = Route(html)
    web.routes["/broken"] = Route(b"down for maintenance", status=503)
    with Store(tmp_path / "w.db") as store:
        add_source(store, "a-broken", web.url("/broken"))
        add_source(store, "b-good", web.url("/story"), kind="page")
        result = cycle(store)
        assert [p.source for p in result.polls] == ["a-broken", "b-good"]
        assert "HTTP 503" in result.polls[0].error and result.polls[1].new == 1
        rows = {s["name"]: s for s in list_sources(store)}
        assert rows["a-broken"]["failures"] == 1 and "HTTP 503" in rows["a-broken"]["last_error"]
        assert rows["b-good"]["last_error"] is None and rows["b-good"]["documents"] == 1
        web.routes["/broken"] = Route(html)  # back up: retried on the next cycle
        cycle(store)
        rows = {s["name"]: s for s in list_sources(store)}
        assert rows["a-broken"]["failures"] == 0 and rows["a-broken"]["last_error"] is None


@pytest.mark.slow
def test_stop_ends_the_poll_after_the_current_article(web, tmp_path):
    stop = threading.Event()
    title, html = article("04_turkey-sweden-quran.txt")

    def first_page():
        stop.set()  # Ctrl-C arrives while the first article is being read
        yield html
    web.routes["/1"] = Route(first_page, length=False)
    web.routes["/2"] = Route(article("01_us-china-call.txt")[1])
    web.routes["/feed"] = Route(rss([("1", web.url("/1"), ""), ("2", web.url("/2"), "")]),
                                content_type="application/rss+xml")
    with Store(tmp_path / "w.db") as store:
        add_source(store, "feed", web.url("/feed"))
        ran = watch(store, interval=60, stop=stop, settings=ONE, fetch=FAST, printer=lambda line: None)
        assert ran == 1
        assert [r[0] for r in store.db.execute("SELECT id FROM documents")] == [web.url("/1")]
        assert web.hits("/2") == 0


def test_webhook_is_retried_and_never_sent_twice(web, tmp_path, mention):
    from eventdesk.pipeline import Document

    with Store(tmp_path / "w.db") as store:
        add_alert(store, make_alert("threats", types=["THREATEN"], against="ISR", deliver="webhook",
                                    to=web.url("/hook")))
        doc = Document(id="d1", raw="x", text="x", content_hash="h1")
        relink(store, store.save_document(doc, [mention("d1", 0, "THREATEN", "RUS", "ISR", "2022-10-18"),
                                               mention("d1", 50, "CONSULT", "RUS", "ISR", "2022-10-18")]))
        web.post_status = [500, 500, 500]  # every attempt of the first run fails
        from eventdesk.alerts import post_json

        def quick(url, message):
            post_json(url, message, attempts=3, backoff=0.01, timeout=2)
        first = run_alerts(store, post=quick)
        assert (len(first.delivered), len(first.failed)) == (0, 1) and "HTTP 500" in first.failed[0].error
        second = run_alerts(store, post=quick)
        assert (len(second.delivered), len(second.failed)) == (1, 0)
        third = run_alerts(store, post=quick)
        assert (len(third.delivered), len(third.failed)) == (0, 0)
        (body,) = web.posts
        message = json.loads(body)
        assert message["alert"] == "threats" and message["record"]["type"] == "THREATEN"
        assert message["record"]["target"]["country"] == "ISR"


def test_alert_baseline_and_update(tmp_path, mention):
    from eventdesk.pipeline import Document

    printed: list[str] = []
    with Store(tmp_path / "w.db") as store:
        d1 = Document(id="d1", raw="x", text="x", content_hash="h1")
        relink(store, store.save_document(d1, [mention("d1", 0, "THREATEN", "RUS", "UKR", "2022-10-18")]))
        assert add_alert(store, make_alert("ukr", actor="UKR")) == 1  # already there: baseline
        assert run_alerts(store, printer=printed.append).delivered == []
        d2 = Document(id="d2", raw="y", text="y", content_hash="h2", publisher="Other")
        relink(store, store.save_document(d2, [mention("d2", 0, "THREATEN", "RUS", "UKR", "2022-10-18",
                                                      publisher="Other")]))
        run = run_alerts(store, printer=printed.append)
        assert len(run.delivered) == 1  # a second report updates the event: news again, once
        assert "THREATEN" in printed[0] and "2 document(s)" in printed[0]
        assert run_alerts(store, printer=printed.append).delivered == []


@pytest.mark.parametrize("query, matches", [
    ({"types": ["THREATEN"]}, True),
    ({"types": ["CONSULT", "AID"]}, False),
    ({"against": "UKR"}, True),
    ({"against": "RUS"}, False),
    ({"dyad": "UKR RUS"}, True),
    ({"actor": "Russia"}, True),
    ({"min_reports": 2}, False),
    ({"statuses": ["planned"]}, False),
    ({"since": "2022-10-19"}, False),
    ({"until": "2022-10"}, True),
    ({"until": "2022-09"}, False),
    ({"since": "2022"}, True),
])
def test_alert_query_fields(tmp_path, mention, query, matches):
    from eventdesk.alerts import matching
    from eventdesk.pipeline import Document

    with Store(tmp_path / "w.db") as store:
        doc = Document(id="d1", raw="x", text="x", content_hash="h1")
        relink(store, store.save_document(doc, [mention("d1", 0, "THREATEN", "RUS", "UKR", "2022-10-18")]))
        found = list(matching(store, make_alert("q", **query)))
        assert bool(found) is matches


def test_goldstein_shift_fires_when_the_dyad_sours(tmp_path, mention):
    import datetime as dt

    from eventdesk.alerts import matching
    from eventdesk.pipeline import Document

    today = dt.date(2023, 6, 30)
    with Store(tmp_path / "w.db") as store:
        calm = [mention("d1", k * 100, "CONSULT", "RUS", "UKR", f"2023-0{m}-1{k}", goldstein=1.0)
                for k, m in enumerate((3, 4, 5))]
        relink(store, store.save_document(Document(id="d1", raw="x", text="x", content_hash="h1"), calm))
        alert = make_alert("sours", dyad="RUS UKR", shift_threshold=3)
        assert list(matching(store, alert, today)) == []  # nothing in the last 30 days yet
        hostile = [mention("d2", 0, "ASSAULT", "RUS", "UKR", "2023-06-20", goldstein=-10.0)]
        relink(store, store.save_document(Document(id="d2", raw="y", text="y", content_hash="h2"), hostile))
        ((key, version, payload),) = matching(store, alert, today)
        assert key == "shift:RUS-UKR" and version == "2023-06-30"
        assert (payload["mean_recent"], payload["mean_before"]) == (-10.0, 1.0)
        assert list(matching(store, make_alert("mild", dyad="RUS UKR", shift_threshold=20), today)) == []


@pytest.mark.parametrize("fields, words", [
    ({"types": ["THRETEN"]}, ["THRETEN", "PLOVER"]),
    ({"statuses": ["maybe"]}, ["maybe", "occurred"]),
    ({"deliver": "email"}, ["email", "webhook"]),
    ({"deliver": "webhook"}, ["--to"]),
    ({"deliver": "webhook", "to": "ftp://x"}, ["http"]),
    ({"shift_threshold": 2}, ["--dyad"]),
    ({"dyad": "RUS"}, ["two country codes"]),
    ({"since": "last week"}, ["--since", "2022-10-18"]),
])
def test_bad_alert_definitions_are_refused_by_name(fields, words):
    from eventdesk.alerts import AlertError

    with pytest.raises(AlertError) as info:
        make_alert("bad", **fields)
    for word in words:
        assert word in str(info.value)


@pytest.mark.slow
def test_every_hostile_server_case_is_a_named_recorded_failure_and_the_cycle_goes_on(web, tmp_path):
    def fifty_mb():
        for _ in range(50 * 16):
            yield b"<p>" + b"x" * 65533
    web.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web.routes["/slow"] = Route(article("01_us-china-call.txt")[1], delay=3)
    web.routes["/down"] = Route(b"", status=503)
    web.routes["/huge"] = Route(fifty_mb, length=False)
    web.routes["/loop"] = Route(status=302, headers={"Location": "/loop2"})
    web.routes["/loop2"] = Route(status=302, headers={"Location": "/loop"})
    web.routes["/report.pdf"] = Route(b"%PDF-1.7", content_type="application/pdf")
    web.routes["/photo"] = Route(b"\x89PNG\r\n", content_type="image/png")
    web.routes["/private/story"] = Route(article("01_us-china-call.txt")[1])
    web.routes["/ok"] = Route(article("04_turkey-sweden-quran.txt")[1])
    paths = ["/slow", "/down", "/huge", "/loop", "/report.pdf", "/photo", "/private/story", "/ok"]
    web.routes["/feed"] = Route(rss([(p, web.url(p), "") for p in paths]), content_type="application/rss+xml")
    web.routes["/bad.xml"] = Route(b"<?xml version='1.0'?><rss><channel><item><link>", content_type="text/xml")
    with Store(tmp_path / "w.db") as store:
        add_source(store, "hostile", web.url("/feed"))
        add_source(store, "invalid", web.url("/bad.xml"))
        hostile, invalid = cycle(store).polls
        reasons = {source.rsplit("/", 1)[-1]: reason for source, reason in hostile.skipped}
        expected = {"slow": "timed out", "down": "HTTP 503", "huge": "size cap", "loop": "redirect loop",
                    "report.pdf": "application/pdf", "photo": "image/png", "story": "robots.txt"}
        assert set(reasons) == set(expected)
        for name, words in expected.items():
            assert words in reasons[name], (name, reasons[name])
        assert hostile.new == 1 and hostile.error is None
        assert invalid.error and "not a readable RSS/Atom feed" in invalid.error
        recorded = dict(store.db.execute("SELECT source, reason FROM skipped").fetchall())
        assert {web.url(p) for p in paths[:-1]} | {web.url("/bad.xml")} == set(recorded)
        assert [r[0] for r in store.db.execute("SELECT id FROM documents")] == [web.url("/ok")]
