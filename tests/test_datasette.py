"""The database opens in datasette with readable tables: views spell out the JSON records."""

from __future__ import annotations

import asyncio
import hashlib

from datasette.app import Datasette

from eventdesk.store import Store


def test_datasette_serves_readable_views(sample_db):
    before = hashlib.sha256(sample_db.read_bytes()).hexdigest()
    with Store(sample_db, readonly=True) as store:
        events = list(store.events(status="all"))
        counts = store.counts()

    async def browse() -> dict:
        ds = Datasette(files=[str(sample_db)])
        name = sample_db.stem
        out = {}
        for table in ("event_list", "mention_list", "document_list", "events"):
            response = await ds.client.get(f"/{name}/{table}.json?_shape=array&_size=max")
            assert response.status_code == 200, (table, response.text[:200])
            out[table] = response.json()
        page = await ds.client.get(f"/{name}/event_list?type__exact=CONSULT")
        assert page.status_code == 200
        out["html"] = page.text
        return out

    got = asyncio.run(browse())
    assert len(got["event_list"]) == len(events) == len(got["events"])
    by_id = {e["id"]: e for e in events}
    for row in got["event_list"]:
        event = by_id[row["id"]]
        assert (row["type"], row["source_country"], row["goldstein"], row["first_sentence"]) == (
            event["type"], event["source"]["country"], event["goldstein"], event["mentions"][0]["sentence"])
    assert len(got["mention_list"]) == counts["mentions"]
    assert {"publisher", "attributed_to", "sentence", "event_id"} <= set(got["mention_list"][0])
    assert len(got["document_list"]) == counts["documents"]
    assert "CONSULT" in got["html"]
    assert hashlib.sha256(sample_db.read_bytes()).hexdigest() == before
