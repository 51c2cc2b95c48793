"""One polite HTTP client for every URL eventdesk reads.

Timeouts (per read and for the whole response), a size cap, a redirect limit with loop detection,
a content-type check, retries with exponential backoff on timeouts, connection errors, 429 and 5xx,
a minimum interval between two requests to one host, robots.txt, a User-Agent that says who is
asking, and conditional GET (ETag / Last-Modified) so that an unchanged feed costs one request.
Every failure is a `FetchError` whose message says what happened.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..errors import EventdeskError

USER_AGENT = "eventdesk/0.1 (news event coder run by a user on their own machine; polite: robots.txt, rate limit)"
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json")
TEXT_TYPES = ("text/plain",)
ROBOTS_TTL = 24 * 3600  # seconds a site's robots.txt is trusted before it is read again


class FetchError(EventdeskError):
    """A URL could not be fetched: the message says why (timeout, size, status, robots.txt ...)."""


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 15.0  # seconds to connect, and between two reads
    total_timeout: float = 60.0  # seconds for a whole response, however slowly it trickles
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2  # further attempts after a timeout, a connection error, a 429 or a 5xx
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    host_interval: float = 1.0  # seconds between two requests to the same host
    user_agent: str = USER_AGENT
    robots: bool = True
    accept: tuple[str, ...] = PAGE_TYPES + FEED_TYPES + TEXT_TYPES


@dataclass
class Response:
    url: str  # as asked
    final_url: str  # after redirects
    status: int  # 200, or 304 when a conditional GET found it unchanged
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.strip().lower() == "charset" and value:
                return value.strip().strip('"')
        return None

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


class Fetcher:
    """GET with every politeness rule; `get(url, etag=..., last_modified=...)` -> Response."""

    def __init__(self, settings: FetchSettings | None = None, sleep: Callable[[float], None] = time.sleep):
        import urllib3

        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._pool = urllib3.PoolManager(retries=False)
        self._last: dict[str, float] = {}  # host -> monotonic time of its last request
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | str | None]] = {}
        self._lock = threading.Lock()

    # -- the one public call ---------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: tuple[str, ...] | None = None) -> Response:
        seen = [url]
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._check_robots(current)
            response = self._with_retries(current, etag, last_modified)
            if response.status in (301, 302, 303, 307, 308):
                target = urljoin(current, response.final_url)
                if target in seen:
                    raise FetchError(f"redirect loop: {' -> '.join(seen + [target])}")
                seen.append(target)
                current = target
                continue
            response.url, response.redirects = url, seen[1:]
            return self._checked(response, accept or self.settings.accept)
        raise FetchError(f"more than {self.settings.max_redirects} redirects from {url}")

    # -- steps -------------------------------------------------------------------------
    def _checked(self, response: Response, accept: tuple[str, ...]) -> Response:
        if response.status == 304:
            return response
        if response.status != 200:
            raise FetchError(f"HTTP {response.status} from {response.final_url}")
        if response.media_type and response.media_type not in accept:
            raise FetchError(f"{response.final_url} is {response.media_type}, not a page or feed eventdesk reads")
        return response

    def _with_retries(self, url: str, etag: str | None, last_modified: str | None) -> Response:
        delay = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            try:
                response = self._once(url, etag, last_modified)
            except _Transient as exc:
                problem = str(exc)
            else:
                if response.status != 429 and response.status < 500:
                    return response
                problem = f"HTTP {response.status} from {url}"
            if attempt < self.settings.retries:
                self._sleep(delay)
                delay *= 2
        raise FetchError(f"{problem} (after {self.settings.retries + 1} attempts)")

    def _once(self, url: str, etag: str | None, last_modified: str | None) -> Response:
        import urllib3

        headers = {"User-Agent": self.settings.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for_host(url)
        timeout = urllib3.Timeout(connect=self.settings.timeout, read=self.settings.timeout)
        try:
            raw = self._pool.request("GET", url, headers=headers, redirect=False, preload_content=False,
                                     timeout=timeout, decode_content=True)
        except urllib3.exceptions.LocationValueError as exc:
            raise FetchError(f"not a URL that can be fetched: {url} ({exc})") from None
        except urllib3.exceptions.NewConnectionError as exc:  # a subclass of the timeout error, checked first
            raise _Transient(f"cannot connect to {url}: {_reason(exc)}") from None
        except urllib3.exceptions.TimeoutError:
            raise _Transient(f"timed out after {self.settings.timeout:g} s: {url}") from None
        except urllib3.exceptions.HTTPError as exc:
            raise _Transient(f"cannot connect to {url}: {_reason(exc)}") from None
        try:
            return self._read(url, raw)
        finally:
            raw.release_conn()

    def _read(self, url: str, raw) -> Response:
        import urllib3

        response = Response(url=url, final_url=raw.headers.get("Location") or url, status=raw.status,
                            content_type=raw.headers.get("Content-Type") or "",
                            etag=raw.headers.get("ETag"), last_modified=raw.headers.get("Last-Modified"))
        if raw.status != 200:
            return response
        cap = self.settings.max_bytes
        declared = raw.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url} is {int(declared):,} bytes, over the size cap of {cap:,}: not read")
        chunks, size, deadline = [], 0, time.monotonic() + self.settings.total_timeout
        try:
            for chunk in raw.stream(65536):
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"{url} is larger than the size cap of {cap:,} bytes: cut, not read")
                if time.monotonic() > deadline:
                    raise _Transient(f"timed out: {url} took over {self.settings.total_timeout:g} s to send")
                chunks.append(chunk)
        except urllib3.exceptions.TimeoutError:
            raise _Transient(f"timed out after {self.settings.timeout:g} s while reading {url}") from None
        except urllib3.exceptions.HTTPError as exc:
            raise _Transient(f"connection broken while reading {url}: {_reason(exc)}") from None
        response.body = b"".join(chunks)
        return response

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            last = self._last.get(host)
            now = time.monotonic()
            if last is not None and now - last < self.settings.host_interval:
                self._sleep(self.settings.host_interval - (now - last))
            self._last[host] = time.monotonic()

    def _check_robots(self, url: str) -> None:
        if not self.settings.robots:
            return
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(key)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            cached = self._robots[key] = (time.monotonic(), self._load_robots(key + "/robots.txt"))
        rules = cached[1]
        if isinstance(rules, str):
            raise FetchError(f"{url} not fetched: {rules}")
        if rules is not None and not rules.can_fetch(self.settings.user_agent, url):
            raise FetchError(f"robots.txt of {parts.netloc} forbids {url}")

    def _load_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser | str | None:
        """The site's rules; None (everything allowed) when it has none (4xx) or cannot be reached
        (the page request then fails on its own); a reason when it answers 5xx, which RFC 9309 reads
        as 'crawl nothing for now'."""
        try:
            response = self._with_retries(robots_url, None, None)
        except FetchError as exc:
            return f"its robots.txt answers {exc}".split(" (after")[0] if "HTTP 5" in str(exc) else None
        if response.status != 200:
            return None
        rules = urllib.robotparser.RobotFileParser(robots_url)
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        return rules


class _Transient(Exception):
    """A failure worth retrying (timeout, connection error)."""


def _reason(exc: Exception) -> str:
    inner = getattr(exc, "reason", None)
    return str(inner or exc)[:200]
