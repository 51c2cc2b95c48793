"""Article files -> Document records (or Skipped, with the reason): .txt, .html, .json, .jsonl.

Reading is streaming: each reader yields one record at a time, so a file of any size is read
in constant memory. One unreadable input never stops the others.

A `.json` beside a `.txt` or `.html` of the same stem (`101.json` next to `101.txt`) is that
article's metadata (url, title, publisher, published, language), as crawlers write it, not an
article of its own (CONTRACT section 1).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..limits import DEFAULT_LIMITS, Limits, check_record_text, load_json
from ..records import Document, Skipped
from .decode import decode

WITH_SIDECAR = (".txt", ".html", ".htm")  # article files that may have a NAME.json of metadata beside them
METADATA_FIELDS = ("title", "url", "publisher", "language")  # string fields; `published` is a date
_HEADER = re.compile(r"^[ \t]?date (\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\r?\n|$)")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def content_hash(text: str, *metadata: str | None) -> str:
    """What decides 'unchanged': the text and the metadata that changes its events (its date, title...)."""
    h = hashlib.sha256(text.encode("utf-8"))
    values = list(metadata)
    while values and not values[-1]:  # absent fields at the end change nothing
        values.pop()
    for value in values:
        h.update(b"\x1f" + (value or "").encode("utf-8"))
    return h.hexdigest()[:32]


def iter_files(paths: Iterable[str | Path], follow_links: bool = False
               ) -> Iterator[tuple[Path, str] | Skipped]:
    """(file, document id prefix) for every regular file under the given paths, in sorted order; a
    Skipped for every file not read: a link that leads out of the named folders (unless
    `follow_links`), a dangling link, a device or pipe. Hidden files and folders are passed over."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, path, {path.resolve()}, follow_links)
        elif path.is_symlink() and not path.exists():
            yield Skipped(str(path), "dangling symbolic link")
        elif path.exists() and not path.is_file():
            yield Skipped(str(path), "not a regular file (a device, pipe or socket)")
        else:
            yield path, path.name


def _walk(root: Path, folder: Path, seen: set[Path], follow_links: bool) -> Iterator[tuple[Path, str] | Skipped]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        yield Skipped(str(folder), f"cannot read the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        problem = _link_problem(entry, root, follow_links)
        if problem:
            yield Skipped(str(entry), problem)
            continue
        mode = entry.stat().st_mode
        if stat.S_ISDIR(mode):
            real = entry.resolve()
            if real in seen:
                yield Skipped(str(entry), "symbolic link loop: this folder was already read")
                continue
            yield from _walk(root, entry, seen | {real}, follow_links)
        elif stat.S_ISREG(mode):
            yield entry, entry.relative_to(root).as_posix()
        else:
            yield Skipped(str(entry), "not a regular file (a device, pipe or socket)")


def _link_problem(entry: Path, root: Path, follow_links: bool) -> str | None:
    """Why a symbolic link is not followed, or None (not a link, or a link that stays inside `root`)."""
    if not entry.is_symlink():
        return None
    target = Path(os.path.realpath(entry))
    if not target.exists():
        return f"dangling symbolic link (to {os.readlink(entry)})"
    if follow_links or target.is_relative_to(root.resolve()):
        return None
    return f"symbolic link to {target}, outside the folder named; not followed (use --follow-links)"


def read_article_file(path: Path, doc_id: str, named_folder: bool = True,
                      limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Skipped]:
    """A .txt or .html article, with the metadata of the .json beside it. A .txt is read up to the
    character cap; an .html is parsed whole, so it is refused above `max_bytes`."""
    try:
        if path.suffix.lower() == ".txt":
            text, encoding = read_text_file(path, limits.max_chars * 4 + 4, cut=True)
        else:
            text, encoding = read_text_file(path, limits.max_bytes)
    except ValueError as exc:
        yield Skipped(str(path), str(exc))
        return
    fields, problem = read_sidecar(path, limits)
    if problem:
        yield Skipped(str(path.with_suffix(".json")), problem + f"; {path.name} is read without it")
    if path.suffix.lower() in (".html", ".htm"):
        doc = from_html(text, doc_id, str(path), origin="sidecar", **fields)
    else:
        doc = from_txt(text, doc_id, str(path), origin="sidecar", **fields)
    yield replace(doc, encoding=encoding) if isinstance(doc, Document) and encoding != "utf-8" else doc


def read_json_file(path: Path, doc_id: str, named_folder: bool = True,
                   limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Skipped]:
    """One article object; or, beside an article of the same stem, that article's metadata."""
    article = article_of_sidecar(path)
    if article is not None:
        if not named_folder:
            yield Skipped(str(path), f"metadata of {article.name} beside it, not an article: "
                                     f"name {article.name} or its folder", ignored=True)
        return
    try:
        text = _read_text(path, limits.max_bytes)
    except ValueError as exc:
        yield Skipped(str(path), str(exc))
        return
    yield _read_json(path, text, doc_id)


def article_of_sidecar(path: Path) -> Path | None:
    """The article file a `.json` describes (`101.txt` for `101.json`), or None when it is an article."""
    if path.suffix.lower() != ".json":
        return None
    for suffix in WITH_SIDECAR:
        article = path.with_suffix(suffix)
        if article.is_file():
            return article
    return None


def read_sidecar(article: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, str], str | None]:
    """The metadata fields of the `.json` beside `article` ({} when there is none), and what was wrong
    with it (None when nothing was)."""
    sidecar = article.with_suffix(".json")
    if not sidecar.is_file():
        return {}, None
    try:
        record = load_json(_read_text(sidecar, limits.max_bytes))
    except ValueError as exc:  # unreadable, empty, too large, not UTF-8, malformed or hostile JSON
        return {}, f"metadata file could not be read: {exc}"
    if not isinstance(record, dict):
        return {}, f"metadata file holds a JSON {type(record).__name__}, not an object"
    return metadata_fields(record), None


def metadata_fields(record: dict) -> dict[str, str]:
    """The article metadata of a JSON object: non-empty title, url, publisher, language as strings,
    and `published` when it is an ISO date (otherwise the article is undated)."""
    fields = {k: str(record[k]) for k in METADATA_FIELDS if record.get(k) not in (None, "")}
    published = _valid_date(record.get("published"))
    if published:
        fields["published"] = published
    return fields


def _read_text(path: Path, max_bytes: int | None = None) -> str:
    return read_text_file(path, max_bytes)[0]


def read_text_file(path: Path, max_bytes: int | None = None, cut: bool = False) -> tuple[str, str]:
    """The text of a file and the encoding it was read in (UTF-8, or the one it declares or that is
    reliably detected); ValueError with the reason when it cannot be read as text. At most
    `max_bytes` of it are read: the rest is cut off (`cut`) or the file is refused as too large."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes if max_bytes is not None else -1)
            if max_bytes is not None and len(data) == max_bytes and handle.read(1):
                if not cut:
                    raise ValueError(f"file too large (more than {max_bytes:,} bytes to parse whole; "
                                     "raise --max-bytes to read it)")
                data = _whole_characters(data)
    except OSError as exc:  # permission denied, removed while the batch ran, a folder named *.txt
        raise ValueError(f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise ValueError("empty file")
    text, encoding = decode(data, html=path.suffix.lower() in (".html", ".htm"))
    if not text.strip():
        raise ValueError("empty file")
    return text, encoding


def _whole_characters(data: bytes) -> bytes:
    """A cut UTF-8 byte string without the partial character at its end."""
    for back in range(1, 4):
        if len(data) > back and data[-back] & 0xC0 == 0xC0:  # the lead byte of a cut character
            return data[:-back]
        if data[-back] & 0x80 == 0:
            break
    return data


def from_txt(text: str, doc_id: str, source: str = "", fmt: str = "txt", origin: str = "field",
             **fields: str) -> Document | Skipped:
    """A text article; a first line ` date YYYY-MM-DD` is a header, not text: it dates the article
    unless `fields` hold a `published` date (from a JSON record or a metadata file, named by `origin`)."""
    header = None
    m = _HEADER.match(text)
    if m:
        header = _valid_date(m.group(1))
        text = text[m.end():]
    if not text.strip():
        return Skipped(source or doc_id, "no article text after the date header")
    published = fields.pop("published", None)
    published_from = origin if published else ("header" if header else None)
    published = published or header
    return Document(id=doc_id, raw=text, source=source, format=fmt, published=published,
                    published_from=published_from,
                    content_hash=content_hash(text, published, *(fields.get(k) for k in ("title", "url",
                                                                                         "publisher"))),
                    **fields)


def from_html(html: str, doc_id: str, source: str = "", origin: str = "field", **fields) -> Document | Skipped:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises a variety of parser errors on broken markup
        return Skipped(source or doc_id, f"HTML could not be parsed: {exc}")
    result = extracted.as_dict() if extracted is not None else {}
    text = result.get("text") or ""
    if len(text.split()) < 5:
        return Skipped(source or doc_id, "HTML page with no article text")
    published = fields.get("published") or _valid_date(result.get("date"))
    return Document(
        id=doc_id, raw=text, source=source, format="html",
        title=fields.get("title") or result.get("title"),
        publisher=fields.get("publisher") or result.get("sitename") or result.get("hostname"),
        url=fields.get("url") or result.get("url"), published=published,
        published_from=origin if fields.get("published") else ("html-meta" if published else None),
        language=fields.get("language"), content_hash=content_hash(text, published, fields.get("title"),
                                                                   fields.get("url"), fields.get("publisher")))


def _read_json(path: Path, text: str, doc_id: str) -> Document | Skipped:
    try:
        record = load_json(text)
    except ValueError as exc:
        return Skipped(str(path), str(exc))
    return from_record(record, doc_id, str(path))


def open_or_skip(path: Path):
    """The file opened for reading bytes, or a Skipped saying why it cannot be."""
    try:
        return path.open("rb")
    except OSError as exc:
        return Skipped(str(path), f"cannot read the file: {exc.strerror or exc}")


def read_jsonl_file(path: Path, doc_id: str, named_folder: bool = True,
                    limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Skipped]:
    """One record per line, read one line at a time: a bad line is skipped, the others come through."""
    handle = open_or_skip(path)
    if isinstance(handle, Skipped):
        yield handle
        return
    with handle:
        empty = True
        for n, raw in enumerate(_lines(handle, limits.max_bytes), 1):
            if raw is not None and not raw.strip():
                continue
            empty = False
            where = f"{path}:{n}"
            if raw is None:
                yield Skipped(where, f"line too long (more than {limits.max_bytes:,} bytes, --max-bytes)")
                continue
            try:
                record = load_json(raw.decode("utf-8-sig"))
                yield from_record(record, f"{doc_id}#{n}", where)
            except UnicodeDecodeError as exc:
                yield Skipped(where, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); convert the line to UTF-8")
            except ValueError as exc:  # a bad line spoils only itself
                yield Skipped(where, str(exc).replace("malformed JSON", "malformed JSON line", 1))
            except Exception as exc:
                yield Skipped(where, f"could not be read: {type(exc).__name__}: {exc}")
        if empty:
            yield Skipped(str(path), "empty file")


def _lines(handle, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a binary file; None for a line longer than max_bytes (read past, never held)."""
    while line := handle.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := handle.readline(max_bytes)) and not rest.endswith(b"\n"):
            pass
        yield None


def from_record(record: object, default_id: str, source: str) -> Document | Skipped:
    """A JSON article object (CONTRACT §1) -> Document."""
    if not isinstance(record, dict):
        return Skipped(source, f"expected a JSON object, found {type(record).__name__}")
    invalid = check_record_text(record)
    if invalid:
        return Skipped(source, invalid)
    doc_id = str(record["id"]) if record.get("id") not in (None, "") else default_id
    fmt = "json"
    if is_news_please(record):
        record, fmt = from_news_please(record), "news-please"
    fields = metadata_fields(record)
    if isinstance(record.get("text"), str) and record["text"].strip():
        return from_txt(record["text"], doc_id, source, fmt=fmt, **fields)
    if isinstance(record.get("html"), str) and record["html"].strip():
        return from_html(record["html"], doc_id, source, **fields)
    return Skipped(source, "record has neither a non-empty 'text' nor 'html' field")


def is_news_please(record: dict) -> bool:
    """news-please writes `maintext`, `date_publish` and `source_domain` where CONTRACT §1 has
    `text`, `published` and `publisher`."""
    return "maintext" in record and "text" not in record and "html" not in record


def from_news_please(record: dict) -> dict:
    """A news-please record in CONTRACT §1 fields."""
    return {"text": record.get("maintext"), "title": record.get("title"), "url": record.get("url"),
            "publisher": record.get("source_domain"), "published": record.get("date_publish"),
            "language": record.get("language")}


def _valid_date(value: object) -> str | None:
    """'2022-10-18' or '2022-10-18T09:00:00Z' -> '2022-10-18'; anything else -> None."""
    import datetime as dt

    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None
