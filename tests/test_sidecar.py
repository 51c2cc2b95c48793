"""A NAME.json beside NAME.txt or NAME.html is that article's metadata, not an article (CONTRACT §1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.records import Document, Skipped
from eventdesk.sources import read_corpus

BODY = "Finland closed its border crossings with Russia on Friday, the interior ministry said."
META = {"url": "https://news.example/2023/11/24/border", "title": "Finland closes crossings",
        "publisher": "Example Wire", "published": "2023-11-24T08:15:00Z"}
PAGE = """<html><head><title>Page title | Site</title>
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
<meta property="og:site_name" content="Page Site"></head>
<body><article><p>{body}</p><p>Officials in Helsinki said the measure would stay for two weeks.</p></article>
</body></html>"""


def write(path: Path, content: str | dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content) if isinstance(content, dict) else content, encoding="utf-8")
    return path


def documents(records) -> list[Document]:
    return [r for r in records if isinstance(r, Document)]


def test_sidecar_gives_the_text_its_metadata_and_is_not_an_article(tmp_path):
    write(tmp_path / "101.txt", BODY + "\n")
    write(tmp_path / "101.json", META)
    records = list(read_corpus([tmp_path]))
    assert len(records) == 1, records  # no document, skip or "ignored" line for the metadata file
    doc = records[0]
    assert (doc.id, doc.raw, doc.format) == ("101.txt", BODY + "\n", "txt")
    assert (doc.url, doc.title, doc.publisher) == (META["url"], META["title"], META["publisher"])
    assert (doc.published, doc.published_from) == ("2023-11-24", "sidecar")


def test_sidecar_date_wins_over_the_header_and_the_header_dates_what_the_sidecar_does_not(tmp_path):
    write(tmp_path / "a.txt", " date 2023-11-20 " + BODY)
    write(tmp_path / "a.json", META)
    write(tmp_path / "b.txt", " date 2023-11-20 " + BODY)
    write(tmp_path / "b.json", {"title": "No date here", "published": None})
    a, b = documents(read_corpus([tmp_path]))
    assert (a.published, a.published_from, a.raw) == ("2023-11-24", "sidecar", BODY)
    assert (b.published, b.published_from, b.title) == ("2023-11-20", "header", "No date here")


def test_sidecar_fields_win_over_what_the_html_page_says(tmp_path):
    write(tmp_path / "p.html", PAGE.format(body=BODY))
    write(tmp_path / "p.json", META)
    (doc,) = documents(read_corpus([tmp_path]))
    assert doc.format == "html" and "Helsinki" in doc.raw
    assert (doc.title, doc.publisher, doc.url) == (META["title"], META["publisher"], META["url"])
    assert (doc.published, doc.published_from) == ("2023-11-24", "sidecar")


def test_page_metadata_stays_where_the_sidecar_is_silent(tmp_path):
    write(tmp_path / "p.html", PAGE.format(body=BODY))
    write(tmp_path / "p.json", {"url": META["url"]})
    (doc,) = documents(read_corpus([tmp_path]))
    assert (doc.url, doc.publisher, doc.published, doc.published_from) == (
        META["url"], "Page Site", "2020-01-01", "html-meta")


def test_a_single_named_article_finds_its_sidecar(tmp_path):
    article = write(tmp_path / "deep" / "7.txt", BODY)
    write(tmp_path / "deep" / "7.json", META)
    (doc,) = list(read_corpus([article]))
    assert (doc.id, doc.title, doc.published) == ("7.txt", META["title"], "2023-11-24")


def test_a_sidecar_named_on_its_own_is_listed_as_not_an_article(tmp_path):
    write(tmp_path / "7.txt", BODY)
    sidecar = write(tmp_path / "7.json", META)
    (record,) = list(read_corpus([sidecar]))
    assert isinstance(record, Skipped) and record.ignored
    assert record.source == str(sidecar) and "metadata of 7.txt" in record.reason


def test_a_json_without_an_article_beside_it_is_an_article(tmp_path):
    write(tmp_path / "5.json", {"text": BODY, **META})
    write(tmp_path / "6.txt", BODY + " Again.")
    docs = documents(read_corpus([tmp_path]))
    assert [(d.id, d.format, d.title) for d in docs] == [("5.json", "json", META["title"]), ("6.txt", "txt", None)]


@pytest.mark.parametrize("content, words", [
    ("{not json", ["could not be read", "line 1"]),
    ("", ["empty"]),
    ('["a", "list"]', ["list", "not an object"]),
], ids=["malformed", "empty", "list"])
def test_a_broken_sidecar_is_named_and_the_article_is_read_without_it(tmp_path, content, words):
    write(tmp_path / "9.txt", " date 2023-11-20\n" + BODY)
    sidecar = write(tmp_path / "9.json", content)
    records = list(read_corpus([tmp_path]))
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [s.source for s in skipped] == [str(sidecar)]
    assert not skipped[0].ignored
    for word in words + ["9.txt is read without it"]:
        assert word in skipped[0].reason
    (doc,) = documents(records)
    assert (doc.id, doc.published, doc.title) == ("9.txt", "2023-11-20", None)


def test_changing_the_sidecar_changes_the_content_hash(tmp_path):
    write(tmp_path / "1.txt", BODY)
    write(tmp_path / "1.json", META)
    (before,) = documents(read_corpus([tmp_path]))
    write(tmp_path / "1.json", {**META, "published": "2023-11-25"})
    (after,) = documents(read_corpus([tmp_path]))
    assert before.content_hash != after.content_hash  # re-ingest updates the document and its dates


def test_folder_with_sidecars_reads_like_the_same_articles_as_json_lines(tmp_path):
    folder = tmp_path / "articles"
    lines = []
    for n, (header, meta) in enumerate([("", META), (" date 2022-03-01 ", {"title": None, "publisher": "P"}),
                                        ("", {})]):
        write(folder / f"{n}.txt", header + BODY + f" Number {n}.")
        if meta:
            write(folder / f"{n}.json", meta)
        lines.append(json.dumps({"id": f"{n}.txt", "text": header + BODY + f" Number {n}.", **meta}))
    corpus = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    key = ("id", "raw", "published", "title", "url", "publisher", "language", "content_hash")
    from_folder = [tuple(getattr(d, k) for k in key) for d in read_corpus([folder])]
    from_jsonl = [tuple(getattr(d, k) for k in key) for d in read_corpus([corpus])]
    assert from_folder == from_jsonl
    assert [row[2] for row in from_folder] == ["2023-11-24", "2022-03-01", None]


def test_shared_realnews_folder_and_json_lines_agree(shared_dir):
    """The realnews articles folder (text + metadata files) and its corpus.jsonl are the same corpus."""
    realnews = shared_dir / "corpus" / "realnews"
    key = ("id", "raw", "published", "title", "url", "publisher")
    folder = sorted(tuple(getattr(d, k) for k in key) for d in read_corpus([realnews / "articles"]))
    jsonl = sorted(tuple(getattr(d, k) for k in key) for d in read_corpus([realnews / "corpus.jsonl"]))
    assert len(folder) == 36 and folder == jsonl
    assert all(row[2] for row in folder)  # every article dated
