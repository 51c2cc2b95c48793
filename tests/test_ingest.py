"""ingest: files, folders, JSON and HTML -> Document records; every bad input -> Skipped with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.records import Document, Skipped
from eventdesk.sources import content_hash, read_corpus

BODY = "Russia accused Israel on Monday of planning to supply weapons to Ukraine."

PAGE = """<!doctype html>
<html><head>
<title>Russia warns Israel | Example News</title>
<meta property="article:published_time" content="2022-10-18T09:30:00+00:00">
<meta property="og:site_name" content="Example News">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news and analysis</a></li></ul></nav>
<article>
<h1>Russia warns Israel over arms for Ukraine</h1>
<figure><img src="gantz.jpg" alt=""><figcaption>Benny Gantz visiting a base near Gaza on 3 April 2021.
(Photo by Jack Guez / AFP)</figcaption></figure>
<p>Russia accused Israel on Monday of planning to supply weapons to Ukraine and warned that such
a move would harm ties between Jerusalem and Moscow.</p>
<p>Dmitry Medvedev, the deputy head of Russia's Security Council, said supplying arms would destroy
the political relations between the two countries.</p>
</article>
<footer>Copyright 2022 Example News. All rights reserved.</footer>
</body></html>
"""


def read_one(path: Path) -> Document | Skipped:
    records = list(read_corpus([path]))
    assert len(records) == 1, records
    return records[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- .txt ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("content, published, raw", [
    (BODY + "\n", None, BODY + "\n"),
    (" date 2022-10-18\n" + BODY + "\n", "2022-10-18", BODY + "\n"),
    ("date 2022-10-18\n" + BODY, "2022-10-18", BODY),
    (" date 2022-10-18 " + BODY + "\nSecond line.\n", "2022-10-18", BODY + "\nSecond line.\n"),
    (" date 2022-10-18\r\n" + BODY, "2022-10-18", BODY),
], ids=["no-header", "header", "header-no-space", "header-then-body-same-line", "crlf"])
def test_txt_date_header(tmp_path, content, published, raw):
    doc = read_one(write(tmp_path / "a.txt", content))
    assert isinstance(doc, Document)
    assert (doc.id, doc.format, doc.published, doc.raw) == ("a.txt", "txt", published, raw)
    assert doc.published_from == ("header" if published else None)
    assert "date 2022" not in doc.raw


def test_body_that_merely_starts_with_date_is_not_a_header(tmp_path):
    doc = read_one(write(tmp_path / "a.txt", "date palms grow in Gaza.\n"))
    assert doc.published is None and doc.raw == "date palms grow in Gaza.\n"


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    doc = read_one(write(tmp_path / "a.txt", b"\xef\xbb\xbf" + BODY.encode()))
    assert doc.raw == BODY


# -- .html ---------------------------------------------------------------------------------------

def test_html_page_gives_article_text_and_metadata(tmp_path):
    doc = read_one(write(tmp_path / "page.html", PAGE))
    assert isinstance(doc, Document)
    assert (doc.id, doc.format, doc.published, doc.published_from) == ("page.html", "html", "2022-10-18", "html-meta")
    assert "Russia accused Israel on Monday" in doc.raw
    assert "Dmitry Medvedev" in doc.raw
    for furniture in ("World news and analysis", "Photo by Jack Guez", "3 April 2021", "All rights reserved"):
        assert furniture not in doc.raw
    assert doc.title and "Russia warns Israel" in doc.title


# -- .json / .jsonl ------------------------------------------------------------------------------

def test_json_record_fields(tmp_path):
    record = {"id": "haaretz-1", "text": BODY, "title": "Russia warns Israel", "url": "https://example.org/1",
              "publisher": "Haaretz", "published": "2022-10-18T07:00:00Z", "language": "en"}
    doc = read_one(write(tmp_path / "a.json", json.dumps(record)))
    assert (doc.id, doc.raw, doc.title, doc.url, doc.publisher, doc.published, doc.language) == (
        "haaretz-1", BODY, "Russia warns Israel", "https://example.org/1", "Haaretz", "2022-10-18", "en")
    assert doc.published_from == "field"


def test_json_record_without_id_is_named_after_its_file(tmp_path):
    doc = read_one(write(tmp_path / "sub" / "a.json", json.dumps({"text": BODY})))
    assert doc.id == "a.json" and doc.published is None


def test_json_record_with_html_field(tmp_path):
    doc = read_one(write(tmp_path / "a.json", json.dumps({"id": "p1", "html": PAGE, "published": "2022-10-20"})))
    assert doc.id == "p1" and doc.format == "html"
    assert "Russia accused Israel" in doc.raw and "Photo by" not in doc.raw
    assert (doc.published, doc.published_from) == ("2022-10-20", "field")  # the record's field wins


def test_jsonl_records_and_default_ids(tmp_path):
    lines = [json.dumps({"id": "r1", "text": BODY}), json.dumps({"text": "Turkey summoned the Swedish envoy."}),
             "", json.dumps({"text": "Sweden protested.", "published": "2023-01-21"})]
    docs = list(read_corpus([write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")]))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == ["r1", "feed.jsonl#2", "feed.jsonl#4"]
    assert docs[2].published == "2023-01-21"
    assert len({d.id for d in docs}) == 3


# -- bad inputs ----------------------------------------------------------------------------------

BAD_INPUTS = [
    ("binary.txt", b"GIF89a\x00\x01\x00\x00", ["binary", "NUL"]),
    ("empty.txt", b"", ["empty"]),
    ("blank.txt", b"  \n\t\r\n   \n", ["empty"]),
    ("undecodable.txt", bytes(range(0x80, 0x100)) * 3, ["UTF-8", "0x80", "detected encoding"]),
    ("header-only.txt", b" date 2022-10-18\n\n", ["no article text"]),
    ("no-body.json", b'{"id": "x", "title": "A headline only"}', ["'text'", "'html'"]),
    ("empty-text.json", b'{"text": "   "}', ["'text'"]),
    ("list.json", b'["not", "an", "object"]', ["JSON object", "list"]),
    ("broken.json", b'{"text": "unterminated', ["malformed JSON"]),
    ("nav-only.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", ["HTML", "no article text"]),
]


@pytest.mark.parametrize("name, content, words", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_skipped_with_a_reason(tmp_path, name, content, words):
    path = write(tmp_path / name, content)
    skipped = read_one(path)
    assert isinstance(skipped, Skipped)
    assert skipped.source == str(path)
    for word in words:
        assert word.lower() in skipped.reason.lower()


def test_malformed_jsonl_line_does_not_stop_the_others(tmp_path):
    text = "\n".join([json.dumps({"id": "a", "text": BODY}), "{not json", json.dumps([1, 2]),
                      json.dumps({"title": "no text"}), json.dumps({"id": "b", "text": "Sweden protested."})])
    path = write(tmp_path / "feed.jsonl", text)
    records = list(read_corpus([path]))
    assert [r.id for r in records if isinstance(r, Document)] == ["a", "b"]
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "malformed JSON" in skipped[0].reason
    assert "JSON object" in skipped[1].reason
    assert "'text'" in skipped[2].reason


def test_unsupported_extension_names_the_extension(tmp_path):
    skipped = read_one(write(tmp_path / "report.pdf", b"%PDF-1.7"))
    assert isinstance(skipped, Skipped)
    assert "'.pdf'" in skipped.reason and ".txt" in skipped.reason


def test_missing_path(tmp_path):
    skipped = read_one(tmp_path / "nowhere.txt")
    assert isinstance(skipped, Skipped)
    assert skipped.source == str(tmp_path / "nowhere.txt")
    assert "no such file" in skipped.reason


# -- identity and folders ------------------------------------------------------------------------

def test_same_content_same_hash(tmp_path):
    a = read_one(write(tmp_path / "one" / "a.txt", " date 2022-10-18\n" + BODY))
    b = read_one(write(tmp_path / "two" / "b.txt", " date 2022-10-18\n" + BODY))
    c = read_one(write(tmp_path / "three" / "c.txt", " date 2022-10-18\n" + BODY + " Again."))
    assert a.content_hash == b.content_hash == content_hash(BODY, "2022-10-18")
    assert c.content_hash != a.content_hash
    j = read_one(write(tmp_path / "d.json", json.dumps({"text": BODY, "published": "2022-10-18"})))
    assert j.content_hash == a.content_hash
    redated = read_one(write(tmp_path / "e.txt", " date 2024-06-20\n" + BODY))
    assert redated.content_hash != a.content_hash  # a new date is a change: its events move


def test_a_bad_published_field_leaves_the_article_undated(tmp_path):
    doc = read_one(write(tmp_path / "bad-date.json", json.dumps({"text": "Body.", "published": "last Tuesday"})))
    assert doc.text == "" and doc.raw == "Body." and doc.published is None


def test_folder_walk_is_sorted_recursive_and_skips_dot_folders(tmp_path):
    root = tmp_path / "corpus"
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", ".git/e.txt", "sub/.cache/f.txt", ".g.txt"):
        write(root / name, f"Article {name} text.")
    ids = [r.id for r in read_corpus([root])]
    assert ids == ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]
    sources = [r.source for r in read_corpus([root])]
    assert sources[2] == str(root / "sub" / "c.txt")


def test_single_file_id_is_its_name(tmp_path):
    doc = read_one(write(tmp_path / "deep" / "folder" / "x.txt", BODY))
    assert doc.id == "x.txt"


def test_several_paths_in_order(tmp_path):
    a = write(tmp_path / "z.txt", BODY)
    b = write(tmp_path / "folder" / "y.txt", BODY)
    assert [r.id for r in read_corpus([a, tmp_path / "folder"])] == ["z.txt", "y.txt"]
    assert [r.id for r in read_corpus([str(b)])] == ["y.txt"]
