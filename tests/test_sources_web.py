"""URLs as sources: the polite client against hostile servers, and pages, feeds, sitemaps and home pages,
all served by a server the test starts on 127.0.0.1."""

from __future__ import annotations

import time

import pytest
from webserver import LocalServer, Route, page, rss

from eventdesk.records import Document, Skipped
from eventdesk.sources import read_corpus
from eventdesk.sources.http import Fetcher, FetchError, FetchSettings
from eventdesk.sources.web import WebClient, discover_feeds, read_url

FAST = FetchSettings(timeout=0.5, total_timeout=3, retries=1, backoff=0.01, host_interval=0, max_bytes=1_000_000)
TEXT = ["Finland closed its border crossings with Russia on Friday, the interior ministry said in Helsinki.",
        "Officials said the measure would stay in place for two weeks while the situation was reviewed."]


@pytest.fixture
def web():
    with LocalServer() as server:
        yield server


def client(settings: FetchSettings = FAST) -> WebClient:
    return WebClient(Fetcher(settings))


def read(url: str, kind: str | None = None, settings: FetchSettings = FAST) -> list[Document | Skipped]:
    return list(read_url(url, client(settings), kind))


# -- the polite client -------------------------------------------------------------------------

def test_slow_server_times_out(web):
    web.routes["/slow"] = Route(page("Slow", TEXT), delay=2)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        Fetcher(FAST).get(web.url("/slow"))
    assert time.monotonic() - started < 2.5  # two attempts of 0.5 s, not the server's 2 s each


def test_server_error_is_retried_then_named(web):
    web.routes["/down"] = Route(b"oops", status=503)
    with pytest.raises(FetchError, match=r"HTTP 503 from .*/down \(after 2 attempts\)"):
        Fetcher(FAST).get(web.url("/down"))
    assert web.hits("/down") == 2


def test_client_error_is_not_retried(web):
    with pytest.raises(FetchError, match="HTTP 404"):
        Fetcher(FAST).get(web.url("/missing"))
    assert web.hits("/missing") == 1


def test_fifty_megabyte_response_is_cut_at_the_cap(web):
    def fifty_mb():
        for _ in range(50 * 16):
            yield b"x" * 65536
    web.routes["/huge"] = Route(fifty_mb, length=False)
    started = time.monotonic()
    with pytest.raises(FetchError, match="size cap of 1,000,000 bytes: cut"):
        Fetcher(FAST).get(web.url("/huge"))
    assert time.monotonic() - started < 5


def test_declared_oversize_response_is_not_read(web):
    web.routes["/big"] = Route(b"x" * 2_000_000)
    with pytest.raises(FetchError, match="over the size cap"):
        Fetcher(FAST).get(web.url("/big"))


def test_redirect_loop_is_named(web):
    web.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    web.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        Fetcher(FAST).get(web.url("/a"))


def test_redirect_chain_longer_than_the_limit_is_refused(web):
    for n in range(8):
        web.routes[f"/r{n}"] = Route(status=301, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        Fetcher(FAST).get(web.url("/r0"))


def test_redirect_is_followed_to_the_page(web):
    web.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    web.routes["/new"] = Route(page("New", TEXT))
    response = Fetcher(FAST).get(web.url("/old"))
    assert response.final_url == web.url("/new") and response.url == web.url("/old")


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png"])
def test_pdf_or_image_is_refused_by_content_type(web, content_type):
    web.routes["/file"] = Route(b"%PDF-1.7 \x00\x01", content_type=content_type)
    (skipped,) = read(web.url("/file"))
    assert isinstance(skipped, Skipped) and content_type in skipped.reason


def test_robots_txt_forbidding_a_path_is_respected(web):
    web.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web.routes["/private/story"] = Route(page("Private", TEXT))
    web.routes["/public/story"] = Route(page("Public", TEXT))
    (skipped,) = read(web.url("/private/story"))
    assert isinstance(skipped, Skipped) and "robots.txt" in skipped.reason and "forbids" in skipped.reason
    assert web.hits("/private/story") == 0
    (doc,) = read(web.url("/public/story"))
    assert isinstance(doc, Document)


def test_robots_txt_that_answers_5xx_means_crawl_nothing_for_now(web):
    web.routes["/robots.txt"] = Route(b"busy", status=503)
    web.routes["/story"] = Route(page("Story", TEXT))
    with pytest.raises(FetchError, match=r"robots.txt answers HTTP 503"):
        Fetcher(FAST).get(web.url("/story"))
    assert web.hits("/story") == 0


def test_user_agent_names_eventdesk_and_hosts_are_rate_limited(web):
    web.routes["/p"] = Route(page("P", TEXT))
    waits: list[float] = []
    fetcher = Fetcher(FetchSettings(host_interval=5, robots=False), sleep=waits.append)
    fetcher.get(web.url("/p"))
    fetcher.get(web.url("/p"))
    assert len(waits) == 1 and 4 < waits[0] <= 5
    assert all("eventdesk" in headers.get("User-Agent", "") for _, _, headers in web.log)


def test_conditional_get_makes_an_unchanged_feed_cost_one_request(web, tmp_path):
    from eventdesk.store import Store

    web.routes["/feed"] = Route(rss([("Border", web.url("/story"), "Fri, 24 Nov 2023 08:00:00 GMT")]),
                                content_type="application/rss+xml", etag='"v1"')
    web.routes["/story"] = Route(page("Border", TEXT), etag='"s1"')
    with Store(tmp_path / "e.db") as store:
        shared = WebClient(Fetcher(FAST), store)
        first = list(read_url(web.url("/feed"), shared))
        assert [d.title for d in first] == ["Border"]
        requests_before = len(web.log)
        assert list(read_url(web.url("/feed"), shared)) == []
        assert [p for _, p, _ in web.log[requests_before:]] == ["/feed"]  # one request, answered 304
        row = store.db.execute("SELECT document, body FROM pages WHERE url = ?", (web.url("/story"),)).fetchone()
        assert row["document"] == web.url("/story") and b"Finland closed" in row["body"]  # raw HTML kept


# -- pages, feeds, sitemaps, home pages --------------------------------------------------------

def test_page_is_a_document_named_by_its_canonical_url(web):
    web.routes["/story?utm_source=rss"] = Route(page("Border", TEXT, "2023-11-24T08:00:00Z",
                                                     canonical=web.url("/world/story")))
    (doc,) = read(web.url("/story?utm_source=rss"))
    assert (doc.id, doc.url, doc.format) == (web.url("/world/story"), web.url("/world/story"), "web")
    assert (doc.published, doc.title) == ("2023-11-24", "Border")
    assert "Finland closed its border" in doc.raw and "Home" not in doc.raw


def test_feed_entries_are_fetched_and_dated_by_the_feed(web):
    web.routes["/a"] = Route(page("A", TEXT))
    web.routes["/b"] = Route(page("B", [t.replace("Finland", "Estonia") for t in TEXT], "2023-11-20"))
    web.routes["/feed"] = Route(rss([("A", web.url("/a"), "Fri, 24 Nov 2023 08:00:00 GMT"),
                                     ("B", web.url("/b"), "Tue, 21 Nov 2023 08:00:00 GMT")]),
                                content_type="application/rss+xml")
    docs = read(web.url("/feed"))
    assert [(d.id, d.published, d.published_from) for d in docs] == [
        (web.url("/a"), "2023-11-24", "feed"), (web.url("/b"), "2023-11-20", "html-meta")]


def test_feed_entry_that_fails_is_named_and_the_others_are_read(web):
    web.routes["/ok"] = Route(page("OK", TEXT))
    web.routes["/feed"] = Route(rss([("gone", web.url("/gone"), ""), ("ok", web.url("/ok"), "")]),
                                content_type="application/rss+xml")
    records = read(web.url("/feed"))
    assert [type(r).__name__ for r in records] == ["Skipped", "Document"]
    assert records[0].source == web.url("/gone") and "404" in records[0].reason


def test_invalid_xml_feed_is_named(web):
    web.routes["/feed.xml"] = Route(b"<?xml version='1.0'?><rss><channel><item><title>x</ti",
                                    content_type="application/rss+xml")
    (skipped,) = read(web.url("/feed.xml"))
    assert isinstance(skipped, Skipped) and "not a readable RSS/Atom feed" in skipped.reason


def test_news_sitemap_pages_are_read_and_dated(web):
    web.routes["/s1"] = Route(page("S1", TEXT))
    web.routes["/sitemap.xml"] = Route(
        ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
         f'<url><loc>{web.url("/s1")}</loc><news:news><news:publication_date>2023-11-24T10:00:00Z'
         '</news:publication_date><news:title>S1</news:title></news:news></url></urlset>').encode(),
        content_type="application/xml")
    (doc,) = read(web.url("/sitemap.xml"))
    assert (doc.id, doc.published, doc.published_from) == (web.url("/s1"), "2023-11-24", "feed")


def test_sitemap_index_is_followed(web):
    web.routes["/s1"] = Route(page("S1", TEXT))
    web.routes["/child.xml"] = Route(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{web.url("/s1")}</loc></url>'
        '</urlset>'.encode(), content_type="application/xml")
    web.routes["/index.xml"] = Route(
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{web.url("/child.xml")}'
        '</loc></sitemap></sitemapindex>'.encode(), content_type="text/xml")
    assert [d.id for d in read(web.url("/index.xml"))] == [web.url("/s1")]


def test_home_page_feeds_are_discovered(web):
    web.routes["/news/1"] = Route(page("One", TEXT))
    web.routes["/rss.xml"] = Route(rss([("One", web.url("/news/1"), "")]), content_type="application/rss+xml")
    web.routes["/"] = Route(b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
                            b"</head><body><a href='/news/1'>One</a></body></html>")
    assert [d.id for d in read(web.url("/"))] == [web.url("/news/1")]


def test_home_page_without_a_feed_is_named(web):
    web.routes["/"] = Route(page("Home", TEXT))
    (skipped,) = read(web.url("/"))
    assert "announces no RSS/Atom feed" in skipped.reason


@pytest.mark.parametrize("html, expected", [
    ('<link rel="alternate" type="application/atom+xml" href="/atom.xml">', ["http://x.test/atom.xml"]),
    ('<a href="/feed/">Feed</a><a href="https://other.test/rss.xml">theirs</a>', ["http://x.test/feed/"]),
    ('<a href="/world/">World</a>', []),
])
def test_discover_feeds(html, expected):
    assert discover_feeds(html, "http://x.test/") == expected


def test_urls_mix_with_files_in_one_corpus(web, tmp_path):
    web.routes["/p"] = Route(page("P", TEXT))
    (tmp_path / "a.txt").write_text("Estonia expelled the Russian ambassador on Monday.", encoding="utf-8")
    import socket

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        nobody = f"http://127.0.0.1:{closed.getsockname()[1]}/none"
    records = list(read_corpus([str(tmp_path / "a.txt"), web.url("/p"), nobody],
                               fetcher=lambda: client()))
    assert [r.id if isinstance(r, Document) else "skip" for r in records] == ["a.txt", web.url("/p"), "skip"]
    assert "cannot connect" in records[2].reason
