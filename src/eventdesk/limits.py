"""Bounds on what one input may cost, and the checks that keep hostile input out.

Every cap is a setting with a default, reported when it is hit (a note on the document), never
applied in silence:

    max_chars     characters of text read per document (the rest is not read)
    max_bytes     bytes of a file (or JSON Lines line) that must be parsed whole: .json, .html
    max_mentions  mentions of one event kept per document (a text repeating one sentence)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

FIRST_YEAR, LAST_YEAR = 1800, 2199  # publication dates outside are placeholders, not dates


@dataclass(frozen=True)
class Limits:
    max_chars: int = 200_000
    max_bytes: int = 5_000_000  # lxml needs about 20 bytes of memory per byte of HTML
    max_mentions: int = 20


DEFAULT_LIMITS = Limits()


def load_json(raw: str | bytes) -> object:
    """json.loads, with every way hostile JSON fails turned into a ValueError with a readable reason."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise ValueError("malformed JSON: nested too deeply (arrays or objects inside each other "
                         "more than a thousand times)") from None
    except ValueError as exc:  # an integer literal longer than Python converts (4,300 digits)
        if "digits" in str(exc):
            raise ValueError("malformed JSON: a number with more than 4,300 digits") from None
        raise ValueError(f"malformed JSON: {exc}") from None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def invalid_text(value: str) -> str | None:
    """Why a string cannot be stored as text (a lone surrogate from a JSON escape), or None."""
    m = _SURROGATE.search(value)
    if m:
        return f"a lone surrogate \\u{ord(m.group()):04x} at character {m.start()} (not valid Unicode)"
    return None


def check_record_text(record: dict) -> str | None:
    """The first string field of a JSON article that is not valid Unicode, named, or None."""
    for key, value in record.items():
        if isinstance(value, str):
            why = invalid_text(value)
            if why:
                return f"field {key!r} holds {why}"
        if invalid_text(str(key)):
            return "a field name holds a lone surrogate (not valid Unicode)"
    return None


def published_problem(value: str | None) -> str | None:
    """Why a YYYY-MM-DD publication date is refused (out of the range dates are computed in), or None."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return f"published date {value!r} is not a calendar date"
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return (f"published date {value[:10]} is out of range (years {FIRST_YEAR}-{LAST_YEAR}); "
                "the article is kept undated")
    return None


def cap_text(text: str, limits: Limits) -> tuple[str, str | None]:
    """The text cut at `max_chars` (at the last line or sentence break before it), and the note saying so."""
    if len(text) <= limits.max_chars:
        return text, None
    cut = limits.max_chars
    for mark in ("\n", ". "):
        at = text.rfind(mark, limits.max_chars // 2, limits.max_chars)
        if at > 0:
            cut = at + 1
            break
    return text[:cut], (f"text cut at {cut:,} characters (max_chars {limits.max_chars:,}; "
                        "raise --max-chars to read more)")
