"""Bytes -> text: UTF-8, or the encoding a byte-order mark, an HTML page or an HTTP header declares,
or the one charset-normalizer reliably detects. What cannot be decoded is refused by name."""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
MAX_CHAOS = 0.2  # charset-normalizer's measure of mess in the decoded text: above it, no guess is trusted


def decode(data: bytes, declared: str | None = None, html: bool = False) -> tuple[str, str]:
    """(text, name of the encoding used); ValueError with the reason when the bytes are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding), encoding.replace("-sig", "")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    if html and declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    if declared:
        try:
            return _strict(data, declared), codecs.lookup(declared).name
        except (LookupError, ValueError):
            pass  # a wrong or unknown declaration: detect instead
    guess = _detect(data)
    if guess:
        return guess
    raise ValueError(
        f"not text in UTF-8 or any reliably detected encoding (byte 0x{data[first_error.start]:02x} at "
        f"offset {first_error.start}): convert the file to UTF-8")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"declared {encoding} but byte 0x{data[exc.start]:02x} at offset {exc.start} "
                         "is not valid in it") from None


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None
