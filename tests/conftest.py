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
    from eventdesk.jobs import relink
    from eventdesk.records import Document
    from eventdesk.sources import content_hash
    from eventdesk.store import Store

    text = "Body."
    with Store(path) as store:
        doc = Document(id=doc_id, raw=text, text=text, content_hash=content_hash(text), **doc_fields)
        relink(store, store.save_document(doc, mentions))
    return path


# -- the desk: databases to serve and export -------------------------------------------------------------

HOSTILE = '<script>window.__pwned = 1; alert("x")</script><img src=x onerror="window.__pwned=2">"\'&'


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The bundled sample corpus ingested once (the README's first command, in process)."""
    from importlib import resources

    from eventdesk.jobs import ingest
    from eventdesk.store import Store

    path = tmp_path_factory.mktemp("desk") / "sample.db"
    with Store(path) as store:
        summary = ingest(store, [Path(str(resources.files("eventdesk") / "data" / "sample"))])
    assert summary.skipped == []
    return path


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    """Events whose article text, title, URL, publisher and actor names carry HTML, scripts and quotes."""
    from dataclasses import replace

    from eventdesk.jobs import relink
    from eventdesk.records import Document
    from eventdesk.sources import content_hash
    from eventdesk.store import Store

    path = tmp_path_factory.mktemp("desk") / "hostile.db"
    sentence = f"Israel rejected {HOSTILE} the request of Ukraine."
    text = f"Intro {HOSTILE} line.\n{sentence}\nLast line with =HYPERLINK(\"http://x\") too."
    start = text.index(sentence)
    evil = Actor(f"Evil {HOSTILE}", HOSTILE, "ISR", "GOV", kind="person")
    mention = replace(build_mention("evil<b>.txt", start, "REJECT", "ISR", "UKR", "2022-10-17",
                                    publisher=f"Pub {HOSTILE}", attributed_to=f"=cmd|' /C calc'!A0 {HOSTILE}"),
                      sentence=sentence, end=start + len(sentence), source=evil)
    with Store(path) as store:
        doc = Document(id="evil<b>.txt", raw=text, text=text, title=f"Title {HOSTILE}", publisher=f"Pub {HOSTILE}",
                       url="javascript:window.__pwned=3", published="2022-10-18", content_hash=content_hash(text))
        touched = store.save_document(doc, [mention])
        denial_text = "Israel denied that it had rejected the request of Ukraine."
        denial = replace(build_mention("denial.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", status="denied",
                                       published="2022-10-20", publisher="Daily Paper",
                                       attributed_to="the Israeli foreign ministry"),
                         sentence=denial_text, end=len(denial_text))
        other = Document(id="denial.txt", raw=denial_text, text=denial_text, published="2022-10-20",
                         publisher="Daily Paper", content_hash=content_hash(denial_text))
        relink(store, touched | store.save_document(other, [denial]))
    return path
