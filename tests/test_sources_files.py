"""File sources: the reader registry, WARC archives, news-please JSON, legacy encodings, links that lead
out of the corpus, and byte-identical copies in one run."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from eventdesk.records import Document, Skipped
from eventdesk.sources import FILE_READERS, SUFFIXES, file_format, read_corpus

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "eventdesk" / "data" / "sample"
BODY = "Der Außenminister traf am Montag seinen französischen Amtskollegen in Berlin zu Gesprächen über die Ukraine."


def docs(records) -> list[Document]:
    return [r for r in records if isinstance(r, Document)]


def skipped(records) -> list[Skipped]:
    return [r for r in records if isinstance(r, Skipped)]


# -- the registry ------------------------------------------------------------------------------

def test_every_suffix_has_a_reader():
    assert set(SUFFIXES.values()) == set(FILE_READERS)
    assert [file_format(Path(n)) for n in ("a.TXT", "a.htm", "crawl.warc.gz", "a.warc", "a.pdf")] == [
        "txt", "html", "warc", "warc", None]


# -- WARC --------------------------------------------------------------------------------------

def write_warc(path: Path, pages: list[tuple[str, bytes]], extra: bool = True, gzip: bool = True) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                                          http_headers=headers))
        if extra:  # what a crawl also holds: a request, a redirect, an image
            writer.write_record(writer.create_warc_record("https://news.test/", "request",
                                                          payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            moved = StatusAndHeaders("301 Moved", [("Location", "/new")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://news.test/old", "response",
                                                          payload=io.BytesIO(b""), http_headers=moved))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://news.test/a.png", "response",
                                                          payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=image))
    return path


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_documents_with_their_url(tmp_path, gzip):
    html = (SAMPLE / "02_china-pelosi-sanctions.html").read_bytes()
    warc = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), [("https://news.test/pelosi", html)])
    records = list(read_corpus([warc]))
    assert [(d.id, d.url, d.published) for d in docs(records)] == [
        ("https://news.test/pelosi", "https://news.test/pelosi", "2022-08-05")]
    assert skipped(records) == []  # requests, redirects and images are not articles: passed over


def test_damaged_warc_is_named_after_the_pages_read(tmp_path):
    html = (SAMPLE / "07_saudi-iran-deal.html").read_bytes()
    warc = write_warc(tmp_path / "crawl.warc.gz", [("https://news.test/a", html), ("https://news.test/b", html)],
                      extra=False)
    data = warc.read_bytes()
    for damaged, pages in ((data + b"not a WARC record\r\n" * 5, 2), (b"just some text\r\n" * 5, 0)):
        warc.write_bytes(damaged)
        records = list(read_corpus([warc]))
        assert [d.id for d in docs(records)] == ["https://news.test/a", "https://news.test/b"][:pages]
        (bad,) = skipped(records)
        assert bad.source == str(warc) and f"not a readable WARC archive after {pages} page(s)" in bad.reason


@pytest.mark.slow
def test_warc_of_the_sample_pages_gives_the_same_events_as_the_pages(tmp_path):
    from eventdesk.jobs import ingest
    from eventdesk.pipeline import Settings
    from eventdesk.store import Store

    pages = sorted(SAMPLE.glob("*.html"))
    folder = tmp_path / "pages"
    folder.mkdir()
    for p in pages:
        (folder / p.name).write_bytes(p.read_bytes())
    warc = write_warc(tmp_path / "pages.warc.gz", [(f"https://news.test/{p.stem}", p.read_bytes()) for p in pages])

    def coded(paths) -> list[tuple]:
        with Store(tmp_path / f"{len(list(tmp_path.iterdir()))}.db") as store:
            summary = ingest(store, paths, Settings(n_process=1))
            assert summary.new == len(pages) and not summary.skipped
            return sorted((e["type"], e["cameo"], e["date"], e["status"], e["source"]["name"],
                           (e["target"] or {}).get("name"), tuple(m["sentence"] for m in e["mentions"]))
                          for e in store.events(all_statuses=True))
    from_files, from_warc = coded([folder]), coded([warc])
    assert from_files and from_files == from_warc


# -- news-please -------------------------------------------------------------------------------

def test_news_please_record(tmp_path):
    record = {"authors": [], "date_download": "2023-11-25 10:00:00", "date_publish": "2023-11-24 08:15:00",
              "description": "Lead.", "filename": "x.json", "image_url": None, "language": "en",
              "localpath": None, "maintext": "Finland closed its border with Russia on Friday.",
              "source_domain": "news.test", "title": "Finland closes border", "url": "https://news.test/fi"}
    (tmp_path / "np.json").write_text(json.dumps(record), encoding="utf-8")
    (doc,) = read_corpus([tmp_path / "np.json"])
    assert (doc.format, doc.raw, doc.published, doc.publisher, doc.title, doc.url, doc.language) == (
        "news-please", record["maintext"], "2023-11-24", "news.test", record["title"], record["url"], "en")


# -- encodings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, encoding", [
    ("cp1252.txt", BODY.encode("cp1252"), "cp125"),
    ("utf16.txt", "\ufeff".encode("utf-16-le") + BODY.encode("utf-16-le"), "utf-16"),
    ("utf16be.txt", BODY.encode("utf-16"), "utf-16"),
], ids=["cp1252", "utf-16-le-bom", "utf-16-bom"])
def test_legacy_encodings_are_decoded_and_named(tmp_path, name, data, encoding):
    (tmp_path / name).write_bytes(data)
    (doc,) = read_corpus([tmp_path / name])
    assert isinstance(doc, Document), doc
    assert doc.raw == BODY and doc.encoding.startswith(encoding)


def test_html_declaring_latin1_is_read_in_latin1(tmp_path):
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            f"</head><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>")
    (tmp_path / "page.html").write_bytes(html.encode("latin-1"))
    (doc,) = read_corpus([tmp_path / "page.html"])
    assert isinstance(doc, Document) and "Außenminister" in doc.raw and doc.encoding == "iso8859-1"


def test_utf8_is_not_named(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (doc,) = read_corpus([tmp_path / "a.txt"])
    assert doc.encoding is None


# -- links and special files -------------------------------------------------------------------

def test_links_out_of_the_corpus_are_not_followed_but_named(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Not part of the corpus at all, but a private note.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(BODY, encoding="utf-8")
    os.symlink(corpus / "a.txt", corpus / "sub" / "inside-link.txt")  # stays inside: read
    os.symlink(outside / "secret.txt", corpus / "passwd.txt")
    os.symlink(outside, corpus / "elsewhere")
    os.symlink(tmp_path / "nothing.txt", corpus / "dangling.txt")
    os.symlink(corpus, corpus / "sub" / "loop")
    os.mkfifo(corpus / "pipe.txt")
    records = list(read_corpus([corpus]))
    assert sorted(d.id for d in docs(records)) == ["a.txt", "sub/inside-link.txt"]
    reasons = {Path(s.source).name: s.reason for s in skipped(records)}
    assert "outside the folder named" in reasons["passwd.txt"] and "--follow-links" in reasons["passwd.txt"]
    assert "outside the folder named" in reasons["elsewhere"]
    assert "dangling" in reasons["dangling.txt"]
    assert "not a regular file" in reasons["pipe.txt"]
    assert "loop" in reasons["loop"] or "outside" not in reasons["loop"]
    followed = list(read_corpus([corpus], follow_links=True))
    assert {"passwd.txt", "elsewhere/secret.txt"} <= {d.id for d in docs(followed)}


def test_a_named_device_is_refused(tmp_path):
    (record,) = read_corpus(["/dev/null"])
    assert isinstance(record, Skipped) and "not a regular file" in record.reason


# -- copies ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_byte_identical_copies_in_one_run_are_one_document(tmp_path):
    from eventdesk.jobs import ingest
    from eventdesk.pipeline import Settings
    from eventdesk.store import Store

    text = (SAMPLE / "04_turkey-sweden-quran.txt").read_text(encoding="utf-8")
    for name in ("a/story.txt", "b/story-copy.txt", "c/story.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "e.db") as store:
        first = ingest(store, [tmp_path / "a", tmp_path / "b", tmp_path / "c"], Settings(n_process=1))
        assert (first.new, first.unchanged) == (1, 2)
        assert [twin for _, twin in first.duplicates] == ["story.txt", "story.txt"]
        again = ingest(store, [tmp_path / "b"], Settings(n_process=1))
        assert (again.new, again.unchanged) == (0, 1)  # the same rule on a later run
        assert store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
        reports = store.db.execute("SELECT MAX(n_documents) FROM events").fetchone()[0]
        assert reports == 1


@pytest.mark.slow
def test_the_same_name_in_two_folders_named_separately_is_two_documents(tmp_path):
    from eventdesk.jobs import ingest
    from eventdesk.pipeline import Settings
    from eventdesk.store import Store

    for year, sample in (("2022", "01_us-china-call.txt"), ("2023", "04_turkey-sweden-quran.txt")):
        (tmp_path / "col" / year).mkdir(parents=True)
        (tmp_path / "col" / year / "article.txt").write_text((SAMPLE / sample).read_text(encoding="utf-8"),
                                                             encoding="utf-8")
    one = Settings(n_process=1)
    with Store(tmp_path / "e.db") as store:
        assert ingest(store, [tmp_path / "col" / "2022"], one).new == 1
        second = ingest(store, [tmp_path / "col" / "2023"], one)
        assert (second.new, second.updated) == (1, 0)
        ids = sorted(r[0] for r in store.db.execute("SELECT id FROM documents"))
        assert ids == ["2023/article.txt", "article.txt"]  # both end in the file's name (CONTRACT §1)
        publishers = {r[0] for r in store.db.execute("SELECT published FROM documents")}
        assert publishers == {"2022-07-29", "2023-01-24"}
        for year in ("2022", "2023"):  # re-runs find each file's own document unchanged
            again = ingest(store, [tmp_path / "col" / year], one)
            assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
        both = ingest(store, [tmp_path / "col"], one)  # the parent folder: the same two texts
        assert (both.new, both.updated, both.unchanged) == (0, 0, 2)


@pytest.mark.parametrize("doc_id, source, copy", [
    ("story.txt", "/corpus/a/story.txt", True),  # named after its file
    ("a/story.txt", "/corpus/a/story.txt", True),
    ("feed.jsonl#4", "/corpus/feed.jsonl:4", True),  # a line without an id of its own
    ("https://news.test/a", "https://news.test/a?utm_source=x", True),  # a web page
    ("PLOVER-0020", "/eval/corpus.jsonl:154", False),  # a record with its own id
    ("101.txt", "/realnews/corpus.jsonl:1", False),
])
def test_which_documents_a_byte_identical_text_makes_copies(doc_id, source, copy):
    from eventdesk.jobs import named_by_its_source

    assert named_by_its_source(Document(id=doc_id, raw="x", source=source)) is copy
