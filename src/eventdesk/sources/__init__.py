"""Where articles come from: readers in a registry keyed by format.

Files (`FILE_READERS`, chosen by the file's suffix) and URLs (`web.URL_READERS`: a page, an
RSS/Atom feed, a sitemap, a site's home page) all yield Document records, or Skipped with the
reason, one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..limits import DEFAULT_LIMITS, Limits
from ..records import Document, Skipped
from .files import content_hash, iter_files, read_article_file, read_json_file, read_jsonl_file
from .warc import read_warc_file

FileReader = Callable[[Path, str, bool, Limits], Iterator[Document | Skipped]]

FILE_READERS: dict[str, FileReader] = {
    "txt": read_article_file,
    "html": read_article_file,
    "json": read_json_file,  # one article, a news-please record, or the metadata beside an article
    "jsonl": read_jsonl_file,
    "warc": read_warc_file,
}
SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl",
            ".warc": "warc", ".warc.gz": "warc"}

__all__ = ["FILE_READERS", "SUFFIXES", "content_hash", "file_format", "is_url", "read_corpus"]


def file_format(path: Path) -> str | None:
    """The registry key of a file, by its suffix (case-insensitive), or None."""
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.split("://", 1)[0].lower() in ("http", "https") \
        and "://" in location


def read_corpus(locations: Iterable[str | Path], follow_links: bool = False,
                fetcher: Callable[[], object] | None = None,
                limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Skipped]:
    """Every article under the given files, folders and URLs as a Document, every input that could
    not be read as Skipped (with `ignored` set for files that are not articles at all). URLs are
    read through the web client `fetcher()` makes (by default, one without a store). Whatever goes
    wrong reading one file is that file's skip reason, never the end of the batch."""
    for location in locations:
        if is_url(location):
            from .web import default_fetcher, read_url

            yield from read_url(str(location), (fetcher or default_fetcher)())
        else:
            yield from _read_path(Path(location), follow_links, limits)


def _read_path(path: Path, follow_links: bool, limits: Limits) -> Iterator[Document | Skipped]:
    if not path.exists() and not path.is_symlink():
        yield Skipped(str(path), "no such file or folder")
        return
    named_folder = path.is_dir()
    for item in iter_files([path], follow_links):
        if isinstance(item, Skipped):
            yield item
            continue
        file, doc_id = item
        fmt = file_format(file)
        if fmt is None:
            suffix = file.suffix.lower()
            yield Skipped(str(file), f"not an article file type '{suffix or '(none)'}' "
                                     f"(expected one of {', '.join(SUFFIXES)})", ignored=True)
            continue
        try:
            yield from FILE_READERS[fmt](file, doc_id, named_folder, limits)
        except Exception as exc:
            yield Skipped(str(file), f"could not be read: {type(exc).__name__}: {exc}")
