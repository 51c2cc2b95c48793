"""One validated query over the event record, shared by the CLI, the exports and the HTTP API.

Every value is checked when the query is built: a bad one raises `QueryError` naming the field
and, where there is a closed set, the valid choices. A query that has been built is safe to hand
to the store (values travel as SQL parameters, never as SQL text).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field, replace

from .dates import interval
from .errors import UsageError
from .records import PLOVER_TYPES, STATUSES

TYPES = PLOVER_TYPES
NOT_EVENTS = ("hypothetical", "negated")  # left out unless asked for: the text says they did not happen
MAX_LIMIT = 1000  # rows in one page of the API
HARD_LIMIT = 10**9  # rows anywhere (SQLite's LIMIT is a 64-bit integer)
MAX_TEXT = 200  # characters in a free-text filter
COUNTRY = re.compile(r"[A-Z]{2,6}")  # ISO alpha-3 or an organisation code (UN, NATO, EU, UNO)


class QueryError(UsageError):
    """A filter value that cannot be used; the message names the field (exit code 2, HTTP 400)."""


def search_text(value: str, name: str) -> str:
    """A free-text filter: stripped, bounded, without control characters (SQLite ends a pattern at NUL)."""
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise QueryError(f"{name}: at most {MAX_TEXT} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise QueryError(f"{name}: control characters are not allowed")
    return text


def _choice(value: str | None, name: str, choices: tuple[str, ...], fold=str.upper) -> str | None:
    if value is None or value == "":
        return None
    folded = fold(value.strip())
    if folded not in choices:
        raise QueryError(f"{name}: unknown value {value[:40]!r}; valid choices: {', '.join(choices)}")
    return folded


def _country(value: str, name: str) -> str:
    code = value.strip().upper()
    if not COUNTRY.fullmatch(code):
        raise QueryError(f"{name}: {value[:40]!r} is not a country code such as ISR or UKR")
    return code


def parse_dyad(value: str | tuple | list | None, name: str = "dyad") -> tuple[str, str] | None:
    """'ISR UKR', 'ISR-UKR', 'ISR,UKR' or a pair -> ('ISR', 'UKR')."""
    if value is None or value == "":
        return None
    parts = value.replace("-", " ").replace(",", " ").split() if isinstance(value, str) else list(value)
    if len(parts) != 2:
        raise QueryError(f"{name} expects two country codes such as 'ISR UKR', got {str(value)[:40]!r}")
    return _country(parts[0], name), _country(parts[1], name)


def parse_day(value: str | None, name: str, end: bool) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD -> the first (or, with `end`, the last) day it covers."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    span = None
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        try:
            span = interval(text, ("year", "month", "day")[text.count("-")])
        except (ValueError, OverflowError):
            span = None
    if span is None:
        raise QueryError(f"{name} expects a date such as 2022-10-18, 2022-10 or 2022, got {text[:40]!r}")
    return span[1 if end else 0].isoformat()


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort key of its last event (date_start is None for undated events)."""

    date_start: str | None
    type: str
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.date_start, self.type, self.id], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            date_start, type_, id_ = json.loads(raw)
            if not (date_start is None or isinstance(date_start, str)) or not isinstance(type_, str) \
                    or not isinstance(id_, str):
                raise ValueError
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
            raise QueryError("cursor: not a cursor given by a previous page's 'next'") from None
        return cls(date_start, type_, id_)


@dataclass(frozen=True)
class EventQuery:
    """The filters of `events`, `timeline`, `export` and `/api/events`, validated and normalised.

    `status` None means every status but hypothetical and negated; "all" means every status.
    `since`/`until` keep events whose date interval reaches past / starts before that day.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    cursor: Cursor | None = None
    all_statuses: bool = False
    max_limit: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if self.actor is not None:
            set_(self, "actor", search_text(self.actor, "actor") or None)
        set_(self, "dyad", parse_dyad(self.dyad))
        set_(self, "type", _choice(self.type, "type", TYPES))
        status = (self.status or "").strip().lower()
        if status == "all":
            set_(self, "status", None)
            set_(self, "all_statuses", True)
        else:
            set_(self, "status", _choice(status, "status", STATUSES + ("all",), fold=str.lower))
        set_(self, "since", parse_day(self.since, "since", end=False))
        set_(self, "until", parse_day(self.until, "until", end=True))
        if self.since and self.until and self.since > self.until:
            raise QueryError(f"since ({self.since}) is after until ({self.until})")
        if isinstance(self.cursor, str):
            set_(self, "cursor", Cursor.decode(self.cursor))
        self._check_limit()

    def _check_limit(self) -> None:
        if self.limit is None:
            return
        if isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 1:
            raise QueryError(f"limit: a whole number of at least 1, got {self.limit!r}")
        if self.limit > HARD_LIMIT:
            raise QueryError(f"limit: at most {HARD_LIMIT:,} events, got {self.limit:,}")
        if self.max_limit is not None and self.limit > self.max_limit:
            raise QueryError(f"limit: at most {self.max_limit} events per page, got {self.limit}; "
                             "follow the 'next' cursor for more")

    @property
    def statuses(self) -> tuple[str, ...]:
        """The statuses this query keeps."""
        if self.status:
            return (self.status,)
        return STATUSES if self.all_statuses else tuple(s for s in STATUSES if s not in NOT_EVENTS)

    def after(self, cursor: Cursor) -> EventQuery:
        return replace(self, cursor=cursor)
