"""Files, folders and JSON Lines -> Document records (or Skipped, with the reason).

Reading is streaming: `read_corpus` yields one record at a time, so a corpus of any
size is read in constant memory. One unreadable input never stops the others.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .limits import DEFAULT_LIMITS, Limits, check_record_text, load_json
from .records import Document, Skipped

SUPPORTED = (".txt", ".html", ".htm", ".json", ".jsonl")
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


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield (file, document id prefix) for every file under the given paths, in sorted order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file()):
                if any(part.startswith(".") for part in f.relative_to(path).parts):
                    continue
                yield f, f.relative_to(path).as_posix()
        else:
            yield path, path.name


def read_corpus(paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Skipped]:
    """Every article under `paths` as a Document, every unreadable input as Skipped: whatever goes
    wrong reading one file is that file's skip reason, never the end of the batch."""
    for path, doc_id in iter_files(paths):
        try:
            yield from _read_file(path, doc_id, limits)
        except Exception as exc:
            yield Skipped(str(path), f"could not be read: {type(exc).__name__}: {exc}")


def _read_file(path: Path, doc_id: str, limits: Limits) -> Iterator[Document | Skipped]:
    if not path.exists():
        yield Skipped(str(path), "no such file or folder")
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Skipped(str(path), f"not an article file type '{suffix or '(none)'}' "
                                 f"(expected one of {', '.join(SUPPORTED)})", ignored=True)
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, doc_id, limits)
        return
    try:  # a .txt is read up to the character cap; other formats are parsed whole, up to max_bytes
        text = _read_text(path, limits.max_chars * 4 + 4, cut=True) if suffix == ".txt" else \
            _read_text(path, limits.max_bytes, cut=False)
    except ValueError as exc:
        yield Skipped(str(path), str(exc))
        return
    if suffix == ".json":
        yield _read_json(path, text, doc_id)
    elif suffix in (".html", ".htm"):
        yield from_html(text, doc_id, str(path))
    else:
        yield from_txt(text, doc_id, str(path))


def _read_text(path: Path, max_bytes: int, cut: bool) -> str:
    """The file as text: at most max_bytes of it (cut there, or refused as too large)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes)
            if len(data) == max_bytes and handle.read(1):
                if not cut:
                    raise ValueError(f"file too large (more than {max_bytes:,} bytes to parse whole; "
                                     "raise --max-bytes to read it)")
                data = _whole_characters(data)
    except OSError as exc:  # permission denied, removed while the batch ran, a folder named *.txt
        raise ValueError(f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}; "
            "a legacy encoding such as cp1252?): convert the file to UTF-8") from None
    if not text.strip():
        raise ValueError("empty file")
    return text


def _whole_characters(data: bytes) -> bytes:
    """A cut UTF-8 byte string without the partial character at its end."""
    for back in range(1, 4):
        if len(data) > back and data[-back] & 0xC0 == 0xC0:  # the lead byte of a cut character
            return data[:-back]
        if data[-back] & 0x80 == 0:
            break
    return data


def from_txt(text: str, doc_id: str, source: str = "") -> Document | Skipped:
    published, published_from = None, None
    m = _HEADER.match(text)
    if m:
        published, published_from = _valid_date(m.group(1)), "header"
        text = text[m.end():]
    if not text.strip():
        return Skipped(source or doc_id, "no article text after the date header")
    return Document(id=doc_id, raw=text, source=source, format="txt", published=published,
                    published_from=published_from if published else None,
                    content_hash=content_hash(text, published))


def from_html(html: str, doc_id: str, source: str = "", **fields) -> Document | Skipped:
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
        published_from="field" if fields.get("published") else ("html-meta" if published else None),
        language=fields.get("language"), content_hash=content_hash(text, published, fields.get("title"),
                                                                   fields.get("url"), fields.get("publisher")))


def _read_json(path: Path, text: str, doc_id: str) -> Document | Skipped:
    try:
        record = load_json(text)
    except ValueError as exc:
        return Skipped(str(path), str(exc))
    return from_record(record, doc_id, str(path))


def _read_jsonl(path: Path, doc_id: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Skipped]:
    """One record per line, read one line at a time: a bad line is skipped, the others come through."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read the file: {exc.strerror or exc}")
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
    fields = {k: record.get(k) for k in ("title", "url", "publisher", "language")}
    fields = {k: str(v) for k, v in fields.items() if v}
    published = _valid_date(record.get("published"))  # not an ISO date: the article, undated
    if isinstance(record.get("text"), str) and record["text"].strip():
        text = record["text"]
        return Document(id=doc_id, raw=text, source=source, format="json", published=published,
                        published_from="field" if published else None,
                        content_hash=content_hash(text, published, *(fields.get(k) for k in ("title", "url",
                                                                                             "publisher"))),
                        **fields)
    if isinstance(record.get("html"), str) and record["html"].strip():
        return from_html(record["html"], doc_id, source, published=published, **fields)
    return Skipped(source, "record has neither a non-empty 'text' nor 'html' field")


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
