"""URLs -> Document records: a page, an RSS/Atom feed, a sitemap or news sitemap, a site's home page.

`URL_READERS` is keyed by kind; `read_url` finds the kind from what the server sends when it is not
given. Every fetch goes through one `WebClient`: the polite `Fetcher`, plus (with a store) the
validators of earlier fetches for conditional GET and the raw body kept in the `pages` table.
A document read from the web is identified by its canonical URL; its content hash decides
whether it changed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from ..records import Document, Skipped
from .decode import decode
from .files import _valid_date, content_hash, from_html
from .http import FEED_TYPES, PAGE_TYPES, Fetcher, FetchError, FetchSettings, Response

MAX_SITEMAP_URLS = 1000  # pages read from one sitemap (its newest first where it dates them)
MAX_FEEDS = 3  # feeds read from one home page
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_SITEMAP_ROOT = re.compile(rb"<(urlset|sitemapindex)[\s>]", re.I)


class WebClient:
    """Fetches through one polite Fetcher; with a store, asks conditionally and keeps what it got."""

    def __init__(self, fetcher: Fetcher, store=None):
        self.fetcher = fetcher
        self.store = store

    def fetch(self, url: str, accept: tuple[str, ...] | None = None) -> Response:
        etag = last_modified = None
        if self.store is not None:
            row = self.store.db.execute("SELECT etag, last_modified FROM pages WHERE url = ?", (url,)).fetchone()
            if row is not None:
                etag, last_modified = row[0], row[1]
        response = self.fetcher.get(url, etag=etag, last_modified=last_modified, accept=accept)
        if self.store is not None and not response.not_modified:
            self._keep(response)
        return response

    def _keep(self, response: Response) -> None:
        import hashlib

        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with self.store.db:
            self.store.db.execute(
                "INSERT INTO pages (url, final_url, status, content_type, etag, last_modified, body_hash, body, "
                "fetched_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET final_url=excluded.final_url, "
                "status=excluded.status, content_type=excluded.content_type, etag=excluded.etag, "
                "last_modified=excluded.last_modified, body_hash=excluded.body_hash, body=excluded.body, "
                "fetched_at=excluded.fetched_at",
                (response.url, response.final_url, response.status, response.content_type, response.etag,
                 response.last_modified, hashlib.sha256(response.body).hexdigest()[:32], response.body, now))

    def link(self, url: str, doc: Document) -> None:
        """Remember which document a fetched page became (and its canonical URL)."""
        if self.store is not None:
            with self.store.db:
                self.store.db.execute("UPDATE pages SET document = ?, canonical_url = ? WHERE url = ?",
                                      (doc.id, doc.id, url))


_DEFAULT: list[WebClient] = []


def default_fetcher() -> WebClient:
    """One client without a store for the whole process, so its rate limit spans every call."""
    if not _DEFAULT:
        _DEFAULT.append(WebClient(Fetcher(FetchSettings())))
    return _DEFAULT[0]


def web_fetcher(store, settings: FetchSettings | None = None) -> Callable[[], WebClient]:
    """A factory of the store-backed client, made on first use (a run of local files makes none)."""
    client: list[WebClient] = []

    def make() -> WebClient:
        if not client:
            client.append(WebClient(Fetcher(settings or FetchSettings()), store))
        return client[0]
    return make


# -- the readers -------------------------------------------------------------------------------

def read_url(url: str, client: WebClient, kind: str | None = None) -> Iterator[Document | Skipped]:
    """The documents behind a URL of the given kind (page, feed, sitemap, home), or of the kind its
    content shows; every failure is a Skipped naming the URL and the reason."""
    if kind is not None and kind not in URL_READERS:
        yield Skipped(url, f"unknown source kind {kind!r} (expected one of {', '.join(URL_READERS)})")
        return
    try:
        response = client.fetch(url)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    if response.not_modified:
        return  # nothing new since the last fetch
    yield from URL_READERS[kind or kind_of(response)](response, client)


def kind_of(response: Response) -> str:
    """What a fetched URL is: a feed, a sitemap, a site's home page, or a page."""
    head = response.body[:2048]
    if _SITEMAP_ROOT.search(head):
        return "sitemap"
    if _FEED_ROOT.search(head) or (response.media_type in FEED_TYPES and b"<html" not in head.lower()):
        return "feed"
    if urlsplit(response.final_url).path in ("", "/"):
        return "home"
    return "page"


def read_page(response: Response, client: WebClient, **fields: str) -> Iterator[Document | Skipped]:
    """One web page: its article text and metadata (trafilatura); id = its canonical URL."""
    if response.media_type not in PAGE_TYPES + ("",):
        yield Skipped(response.url, f"{response.media_type} is not an HTML page")
        return
    try:
        html, _ = decode(response.body, declared=response.charset, html=True)
    except ValueError as exc:
        yield Skipped(response.url, str(exc))
        return
    published = fields.pop("published", None)
    doc = from_html(html, response.final_url, response.url, origin="field", **fields)
    if isinstance(doc, Skipped):
        yield doc
        return
    doc = _identified(doc, response.final_url, published)
    client.link(response.url, doc)
    yield doc


def _identified(doc: Document, final_url: str, published: str | None) -> Document:
    """The page's document named by its canonical URL, dated by the feed where the page is not."""
    canonical = canonical_url(urljoin(final_url, doc.url) if doc.url else final_url)
    dated = doc.published or published
    return replace(doc, id=canonical, url=canonical, format="web", published=dated,
                   published_from=doc.published_from if doc.published else ("feed" if dated else None),
                   content_hash=content_hash(doc.raw, dated, doc.title, canonical, doc.publisher))


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters (courlan)."""
    from courlan import normalize_url

    try:
        return normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        return url.split("#", 1)[0]


def read_feed(response: Response, client: WebClient) -> Iterator[Document | Skipped]:
    """An RSS or Atom feed (feedparser): each entry's link fetched as a page, dated by the entry
    where the page names no date."""
    import feedparser

    parsed = feedparser.parse(response.body, response_headers={"content-type": response.content_type})
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):
        yield Skipped(response.url, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
        return
    seen = set()
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or link in seen:
            continue
        seen.add(link)
        yield from _read_linked_page(urljoin(response.final_url, link), client,
                                     title=entry.get("title"), published=_entry_date(entry))


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = dict.get(entry, key)  # not feedparser's get, which maps one key to the other, with a warning
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date().isoformat()
    return None


def _read_linked_page(url: str, client: WebClient, **fields: str | None) -> Iterator[Document | Skipped]:
    known = {k: v for k, v in fields.items() if v}
    yield from _follow(url, client, PAGE_TYPES, lambda response: read_page(response, client, **known))


def _follow(url: str, client: WebClient, accept: tuple[str, ...],
            read: Callable[[Response], Iterator[Document | Skipped]]) -> Iterator[Document | Skipped]:
    """Fetch a URL found in a feed, sitemap or page and read it; nothing when it is unchanged."""
    try:
        response = client.fetch(url, accept=accept)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    if not response.not_modified:
        yield from read(response)


def read_sitemap(response: Response, client: WebClient, depth: int = 0) -> Iterator[Document | Skipped]:
    """A sitemap or news sitemap: each <loc> fetched as a page (news:publication_date dates it);
    a sitemap index is followed one level down."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(response.body, parser)
    except etree.XMLSyntaxError as exc:
        yield Skipped(response.url, f"not a readable sitemap: {exc}")
        return
    index = etree.QName(root).localname == "sitemapindex"
    entries = [_sitemap_entry(node) for node in root if isinstance(node.tag, str)]
    entries = sorted((e for e in entries if e[0]), key=lambda e: e[1] or "", reverse=True)[:MAX_SITEMAP_URLS]
    for loc, published, title in entries:
        url = urljoin(response.final_url, loc)
        if not index:
            yield from _read_linked_page(url, client, published=published, title=title)
            continue
        if depth >= 1:
            yield Skipped(url, "sitemap index nested more than one level: not followed")
            continue
        yield from _follow(url, client, FEED_TYPES, lambda child: read_sitemap(child, client, depth + 1))


def _sitemap_entry(node) -> tuple[str | None, str | None, str | None]:
    """(loc, publication date, news title) of a <url> or <sitemap> element."""
    values = {}
    for child in node.iter():
        if isinstance(child.tag, str):
            name = child.tag.rsplit("}", 1)[-1]
            values.setdefault(name, (child.text or "").strip())
    published = _valid_date(values.get("publication_date") or values.get("lastmod"))
    return values.get("loc") or None, published, values.get("title") or None


def read_home(response: Response, client: WebClient) -> Iterator[Document | Skipped]:
    """A site's home page: the feeds it announces (link rel=alternate, or links named like feeds)."""
    try:
        html, _ = decode(response.body, declared=response.charset, html=True)
    except ValueError as exc:
        yield Skipped(response.url, str(exc))
        return
    feeds = discover_feeds(html, response.final_url)
    if not feeds:
        yield Skipped(response.url, "home page announces no RSS/Atom feed; add a feed or sitemap URL instead")
        return
    for feed in feeds[:MAX_FEEDS]:
        yield from _follow(feed, client, FEED_TYPES, lambda child: read_feed(child, client))


_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_ANCHOR = re.compile(r"""<a\b[^>]*href\s*=\s*["']([^"']+)["']""", re.I)
_ATTR = re.compile(r"""([a-z-]+)\s*=\s*["']([^"']*)["']""", re.I)
_FEED_HREF = re.compile(r"(/feed/?$|/rss/?$|\.rss$|\.atom$|rss\.xml$|atom\.xml$|feed\.xml$)", re.I)


def discover_feeds(html: str, base: str) -> list[str]:
    """Feed URLs a page announces, on its own host, in page order: <link rel="alternate"
    type="application/rss+xml|atom+xml">, then links whose path names a feed."""
    found: list[str] = []
    for tag in _LINK_TAG.findall(html):
        attrs = {k.lower(): v for k, v in _ATTR.findall(tag)}
        if "alternate" in attrs.get("rel", "").lower() and attrs.get("type", "").lower() in (
                "application/rss+xml", "application/atom+xml") and attrs.get("href"):
            found.append(urljoin(base, attrs["href"]))
    if not found:
        found = [urljoin(base, href) for href in _ANCHOR.findall(html) if _FEED_HREF.search(href.split("?")[0])]
    host = urlsplit(base).netloc.lower()
    own = [u for u in found if urlsplit(u).netloc.lower() == host]
    return list(dict.fromkeys(own))


def stored_pages(store) -> Iterator[Document | Skipped]:
    """The documents of every page kept in the store, extracted again from its raw HTML without
    fetching (after an upgrade); the dates and titles a feed or sitemap gave are kept."""
    rows = store.db.execute(
        "SELECT p.url, p.final_url, p.content_type, p.body, d.published, d.published_from, d.title "
        "FROM pages p JOIN documents d ON d.id = p.document ORDER BY p.url").fetchall()
    offline = WebClient(fetcher=None, store=None)
    for url, final_url, content_type, body, published, published_from, title in rows:
        response = Response(url=url, final_url=final_url or url, status=200, content_type=content_type or "",
                            body=body or b"")
        given = {"published": published} if published_from == "feed" else {}
        yield from read_page(response, offline, title=title, **given)


URL_READERS: dict[str, Callable[[Response, WebClient], Iterator[Document | Skipped]]] = {
    "page": read_page,
    "feed": read_feed,
    "sitemap": read_sitemap,
    "home": read_home,
}
