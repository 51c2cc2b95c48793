"""WARC and WARC.gz archives (warcio): every HTML response becomes a document with its URL and date.

A crawl's requests, metadata records, redirects, errors and non-HTML responses are not articles:
they are passed over. A record that cannot be read is named, and the rest of the archive goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..limits import DEFAULT_LIMITS, Limits
from ..records import Document, Skipped
from .decode import decode
from .files import _valid_date, from_html, open_or_skip

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_file(path: Path, doc_id: str, named_folder: bool = True,
                   limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    handle = open_or_skip(path)
    if isinstance(handle, Skipped):
        yield handle
        return
    found = 0
    with handle:
        try:
            for n, record in enumerate(ArchiveIterator(handle), 1):
                doc = _response(record, f"{path}#{n}", limits)
                if doc is not None:
                    found += 1
                    yield doc
        except (ArchiveLoadFailed, OSError, ValueError, EOFError, AttributeError, TypeError) as exc:
            # warcio meets a damaged record with any of these: the pages before it are kept
            yield Skipped(str(path), f"not a readable WARC archive after {found} page(s): {exc}")
            return
    if not found:
        yield Skipped(str(path), "WARC archive without any HTML response", ignored=True)


def _response(record, where: str, limits: Limits = DEFAULT_LIMITS) -> Document | Skipped | None:
    """An HTML response record as a Document (its id is its URL), a bad one as Skipped, others None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or not content_type.startswith(HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or where
    try:
        body = record.content_stream().read(limits.max_bytes + 1)
        if len(body) > limits.max_bytes:
            return Skipped(f"{where} ({url})", f"page too large (more than {limits.max_bytes:,} bytes to parse "
                                               "whole; raise --max-bytes to read it)")
        html, _ = decode(body, declared=_charset(content_type), html=True)
    except (ValueError, OSError) as exc:
        return Skipped(f"{where} ({url})", str(exc))
    published = _valid_date(record.rec_headers.get_header("WARC-Date"))
    doc = from_html(html, url, f"{where} ({url})", url=url)
    if isinstance(doc, Document) and doc.published is None and published:
        # the crawl date dates an article whose page names no date of its own (as CC-NEWS is used)
        from dataclasses import replace

        from .files import content_hash
        doc = replace(doc, published=published, published_from="warc-date",
                      content_hash=content_hash(doc.raw, published, doc.title, doc.url, doc.publisher))
    return doc


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "charset" and value:
            return value.strip().strip('"')
    return None
