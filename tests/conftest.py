"""Shared fixtures: the ../shared folder (when present) and hand-built event mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.records import Actor, EventMention

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared next to the repository; a user's clone has none, so tests reading it skip."""
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    return SHARED


ACTORS = {
    "ISR": Actor("Israel", "Israel", "ISR", "GOV"),
    "UKR": Actor("Ukraine", "Ukraine", "UKR", "GOV"),
    "RUS": Actor("Russia", "Russia", "RUS", "GOV"),
    "TUR": Actor("Turkey", "Turkey", "TUR", "GOV"),
    "SWE": Actor("Sweden", "Sweden", "SWE", "GOV"),
    "gantz": Actor("Benny Gantz", "Gantz", "ISR", "GOV", "Minister of Defense", kind="person"),
    "reznikov": Actor("Oleksii Reznikov", "Reznikov", "UKR", "GOV", "Minister of Defense", kind="person"),
    "lapid": Actor("Yair Lapid", "Lapid", "ISR", "GOV", "Prime Minister", kind="person"),
    "zelensky": Actor("Volodymyr Zelensky", "Zelensky", "UKR", "GOV", "President", kind="person"),
    "medvedev": Actor("Dmitry Medvedev", "Dmitry Medvedev", "RUS", "GOV",
                      "Deputy Chairman of the Security Council", kind="person"),
}

CAMEO_ROOT = {"CONSULT": "040", "REJECT": "120", "THREATEN": "130", "ACCUSE": "112", "REQUEST": "020",
              "PROTEST": "140", "SANCTION": "160", "AGREE": "057", "ASSAULT": "190"}


def build_mention(document: str, start: int, type: str, source: str, target: str | None,
                  date: str | None = None, precision: str | None = "day", **fields) -> EventMention:
    """An EventMention between two ACTORS keys, with a plausible sentence and CAMEO code."""
    src, tgt = ACTORS[source], ACTORS[target] if target else None
    sentence = f"{src.text} {type.lower()} {tgt.text if tgt else ''} ({document}@{start})."
    fields.setdefault("published", "2022-10-18")
    fields.setdefault("cameo", CAMEO_ROOT.get(type, "010"))
    return EventMention(document=document, sentence=sentence, start=start, end=start + len(sentence),
                        type=type, source=src, target=tgt, date=date,
                        date_precision=precision if date else None, **fields)


@pytest.fixture(scope="session")
def mention():
    """Factory: mention(document, start, type, source, target, date, precision, **fields)."""
    return build_mention


def store_mentions(path, doc_id: str, mentions: list[EventMention], **doc_fields):
    """A database at `path` holding one document (text "Body.") with these mentions, linked; returns path."""
    from eventdesk.ingest import content_hash
    from eventdesk.records import Document
    from eventdesk.store import Store

    text = "Body."
    with Store(path) as store:
        doc = Document(id=doc_id, raw=text, text=text, content_hash=content_hash(text), **doc_fields)
        store.relink(store.save_document(doc, mentions))
    return path
