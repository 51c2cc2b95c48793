"""Records <-> the rows of the Parquet tables the Spark job writes and `eventdesk load` reads.

Each table holds flat columns for people and tools that read Parquet, and the whole record as JSON
(`document`, `record`, `event`), from which load rebuilds the records exactly: the same JSON round
trip a mention makes through the local store.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from ..records import Actor, Document, Dropped, Event, EventMention

DOCUMENT_COLUMNS = ("id", "source", "format", "title", "publisher", "url", "published", "language",
                    "content_hash")
MENTION_COLUMNS = ("type", "cameo", "status", "date", "date_precision", "sentence")
EVENT_COLUMNS = ("type", "cameo", "status", "date", "date_precision")


def document_json(doc: Document) -> str:
    return json.dumps(asdict(doc), ensure_ascii=False)


def document_from_json(text: str) -> Document:
    d = json.loads(text)
    d["dropped"] = tuple(Dropped(**x) for x in d.get("dropped") or ())
    d["paragraphs"] = tuple(tuple(p) for p in d.get("paragraphs") or ())
    return Document(**d)


def mention_json(m: EventMention) -> str:
    """As the store writes a mention's `record`."""
    return json.dumps(m.as_dict(), ensure_ascii=False)


def mention_from_json(text: str) -> EventMention:
    """The mention as `jobs.relink` reads it back from the store (EventMention.from_dict), for linking."""
    return EventMention.from_dict(json.loads(text))


def stored_mention(text: str) -> EventMention:
    """The mention as extraction made it, for `Store.save_document` to write the same record: unlike
    from_dict, an actor's empty `text` stays empty."""
    d = json.loads(text)
    d["source"] = Actor(**d["source"])
    d["target"] = Actor(**d["target"]) if d.get("target") else None
    return EventMention(**d)


def event_json(e: Event) -> str:
    """The whole event (every field, every mention), for load to store it as `relink` would."""
    d = {f.name: getattr(e, f.name) for f in fields(Event)}
    d["source"] = e.source.as_dict()
    d["target"] = e.target.as_dict() if e.target else None
    d["mentions"] = [m.as_dict() for m in e.mentions]
    return json.dumps(d, ensure_ascii=False)


def event_from_json(text: str) -> Event:
    d = json.loads(text)
    d["source"] = Actor.from_dict(d["source"])
    d["target"] = Actor.from_dict(d["target"])
    d["mentions"] = [EventMention.from_dict(m) for m in d["mentions"]]
    return Event(**d)
