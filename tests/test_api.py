"""The HTTP API of `eventdesk serve`, in process: endpoints, pagination, one error shape, and that no
request can change the database or leak a stack trace."""

from __future__ import annotations

import hashlib
import sqlite3
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from eventdesk.api import create_app
from eventdesk.store import Store


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def client(sample_db):
    return TestClient(create_app(sample_db), raise_server_exceptions=False)


def all_events(path, **filters) -> list[dict]:
    with Store(path, readonly=True) as store:
        return list(store.events(**filters))


# -- endpoints --------------------------------------------------------------------------------------------

def test_events_are_sorted_by_date_and_carry_the_record(client, sample_db):
    body = client.get("/api/events", params={"limit": 1000}).json()
    expected = all_events(sample_db)
    assert [e["id"] for e in body["events"]] == [e["id"] for e in expected]
    dated = [e["date"] for e in body["events"] if e["date"]]
    assert dated and body["next"] is None
    assert {"id", "type", "cameo", "source", "target", "status", "mentions", "goldstein"} <= set(body["events"][0])


def test_keyset_pages_cover_every_event_once_in_order(client, sample_db):
    expected = [e["id"] for e in all_events(sample_db, status="all")]
    seen, cursor, pages = [], None, 0
    while True:
        body = client.get("/api/events", params={"limit": 7, "status": "all", **({"cursor": cursor} if cursor else {})})
        assert body.status_code == 200, body.text
        page = body.json()
        assert len(page["events"]) <= 7
        seen += [e["id"] for e in page["events"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == expected and pages == -(-len(expected) // 7)
    assert any(e["date"] is None for e in all_events(sample_db, status="all"))  # the undated tail is paged too


def test_filters_match_the_cli_query(client, sample_db):
    body = client.get("/api/events", params={"dyad": "CHN USA", "type": "accuse", "since": "2022-08"}).json()
    expected = all_events(sample_db, dyad="USA CHN", type="ACCUSE", since="2022-08")
    assert [e["id"] for e in body["events"]] == [e["id"] for e in expected] and expected
    assert all({e["source"]["country"], e["target"]["country"]} == {"USA", "CHN"} for e in body["events"])


def test_event_with_every_mention_and_its_document(client, sample_db):
    event = max(all_events(sample_db), key=lambda e: e["n_mentions"])
    body = client.get(f"/api/events/{event['id']}").json()
    assert body["id"] == event["id"] and len(body["mentions"]) == event["n_mentions"] > 1
    for m in body["mentions"]:
        assert {"document", "publisher", "attributed_to", "status", "sentence", "start", "end"} <= set(m)
        doc = client.get(f"/api/documents/{quote(m['document'])}").json()
        assert doc["text"][m["start"]:m["end"]] == m["sentence"]
        assert (m["start"], m["end"]) in {(x["start"], x["end"]) for x in doc["mentions"]}
        assert isinstance(doc["dropped"], list)
    assert client.get(f"/api/events/{event['id'][:10]}").json()["id"] == event["id"]  # a unique prefix


def test_dyad_trend_counts_both_directions(client, sample_db):
    trend = client.get("/api/dyads/USA/CHN/trend").json()
    events = [e for e in all_events(sample_db, dyad="USA CHN") if e["date_precision"] in ("day", "month")]
    assert sum(p["count"] for p in trend["series"]) == len(events)
    assert {p["direction"] for p in trend["series"]} <= {"USA->CHN", "CHN->USA", "USA<->CHN"}
    assert {"CHN->USA", "USA->CHN"} <= {p["direction"] for p in trend["series"]}
    for p in trend["series"]:
        members = [e for e in events if e["date"][:7] == p["period"] and _direction(e) == p["direction"]]
        assert p["count"] == len(members) == sum(p["types"].values()) == sum(p["quad_classes"].values())
        assert p["goldstein_sum"] == pytest.approx(sum(e["goldstein"] for e in members), abs=1e-3)
    weekly = client.get("/api/dyads/CHN/USA/trend", params={"interval": "week"}).json()
    assert all("-W" in p["period"] for p in weekly["series"]) and weekly["series"]


def _direction(e: dict) -> str:
    a, b = e["source"]["country"], e["target"]["country"]
    if e["symmetric"]:
        return "USA<->CHN"
    return f"{a}->{b}"


def test_network_edges_are_weighted_by_events(client, sample_db):
    net = client.get("/api/network", params={"dyad": "USA CHN"}).json()
    assert sum(e["events"] for e in net["edges"]) == len(all_events(sample_db, dyad="USA CHN"))
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert {n["country"] for n in net["nodes"]} == {"USA", "CHN"}
    assert client.get("/api/network", params={"edges": 1}).json()["truncated"] is True


def test_actors_by_name(client):
    found = client.get("/api/actors", params={"q": "bid"}).json()["actors"]
    assert found[0]["name"] == "Joe Biden" and found[0]["country"] == "USA" and found[0]["events"] > 0
    assert client.get("/api/actors", params={"q": "CHN"}).json()["actors"]


def test_openapi_and_docs_are_served_without_the_network(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{document_id}", "/api/dyads/{a}/{b}/trend",
            "/api/network", "/api/actors"} <= set(schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
    assert "http" not in docs.text.replace("http-equiv", "")  # nothing from a CDN
    assert client.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and "/static/desk.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


# -- one error shape --------------------------------------------------------------------------------------

ERRORS = [
    ("get", "/api/events?limit=1000000", 400, "limit"),
    ("get", "/api/events?limit=0", 400, "limit"),
    ("get", "/api/events?limit=many", 400, "limit"),
    ("get", "/api/events?type=CONSULTS", 400, "CONSULT"),
    ("get", "/api/events?status=maybe", 400, "occurred"),
    ("get", "/api/events?since=yesterday", 400, "since"),
    ("get", "/api/events?dyad=USA", 400, "dyad"),
    ("get", "/api/events?cursor=not-a-cursor", 400, "cursor"),
    ("get", "/api/events/ev_nothing_here", 404, "ev_nothing_here"),
    ("get", "/api/documents/missing.txt", 404, "missing.txt"),
    ("get", "/api/dyads/USA/CHN/trend?interval=day", 400, "interval"),
    ("get", "/api/actors", 400, "q"),
    ("get", "/api/nowhere", 404, "Not Found"),
    ("post", "/api/events", 405, "Method Not Allowed"),
    ("delete", "/api/events/x", 405, "Method Not Allowed"),
]


@pytest.mark.parametrize("method, url, status, named", ERRORS, ids=[f"{m} {u}" for m, u, _, _ in ERRORS])
def test_every_error_has_one_shape(client, method, url, status, named):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert set(body) == {"status", "title", "detail"}
    assert body["status"] == status and isinstance(body["title"], str) and body["title"]
    assert named in body["detail"]


def test_a_crash_answers_500_in_the_same_shape_without_a_trace(sample_db, monkeypatch):
    from eventdesk.store import reads

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals at /home/user/code.py line 3")

    monkeypatch.setattr(reads, "network", broken)
    response = TestClient(create_app(sample_db), raise_server_exceptions=False).get("/api/network")
    assert response.status_code == 500
    assert set(response.json()) == {"status", "title", "detail"}
    assert "secret" not in response.text and "Traceback" not in response.text and ".py" not in response.text


# -- nothing gets in, nothing gets written --------------------------------------------------------------------

NASTY = ["' OR 1=1 --", "\" OR \"\"=\"", "USA'; DROP TABLE events; --", "%", "_", "\\", "*", "1; DELETE FROM events",
         "USA CHN') OR ('1'='1", "ev_%", "../../etc/passwd", "\x00", "UNION SELECT record FROM documents"]
FILTERS = ["actor", "dyad", "type", "status", "since", "until", "cursor"]


@pytest.mark.parametrize("value", NASTY)
def test_sql_metacharacters_in_every_filter_are_refused_or_answered_empty(client, sample_db, value):
    before = digest(sample_db)
    everything = len(all_events(sample_db))
    for name in FILTERS:
        response = client.get("/api/events", params={name: value})
        assert response.status_code in (200, 400), (name, value, response.text)
        if response.status_code == 200:
            assert response.json()["events"] == [], (name, value)  # no actor has such a name
        for url in ("/api/network", "/api/actors?q=x"):
            assert client.get(url, params={name: value}).status_code in (200, 400)
    for url in (f"/api/events/{quote(value, safe='')}", f"/api/documents/{quote(value, safe='')}",
                f"/api/dyads/{quote(value, safe='')}/USA/trend"):
        assert client.get(url).status_code in (400, 404, 422), url
    assert client.get("/api/actors", params={"q": value}).status_code in (200, 400)
    assert digest(sample_db) == before and len(all_events(sample_db)) == everything


def test_the_api_has_no_route_that_writes(client):
    schema = client.get("/openapi.json").json()
    methods = {m for path in schema["paths"].values() for m in path}
    assert methods == {"get"}


def test_the_api_connection_cannot_write(sample_db):
    with Store(sample_db, readonly=True) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
            store.db.execute("DELETE FROM events")
        with pytest.raises(sqlite3.OperationalError):
            store.db.execute("CREATE TABLE x (a)")
