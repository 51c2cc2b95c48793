"""Time expressions in text, resolved against the publication date with a precision.

A time expression is found by pattern; `resolve` turns it into (date, precision) given the
anchor (the publication date). When the anchor is unknown, only absolute expressions resolve:
a date is never invented.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}

M = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
M_NOT_MAY = M.replace("May|", "")
D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
Y = r"(?P<year>(?:19|20)\d{2})"
WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

# (kind, pattern), tried in order; earlier patterns win overlaps. Modifiers such as 'in' or 'last'
# match in any case ("In May", "Last Wednesday" open sentences); month and day names do not ("may").
_PATTERNS = [
    ("ymd", r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ("mdy", rf"\b(?:{WD},?\s+)?{M}\s+{D},?\s+{Y}\b"),
    ("dmy", rf"\b(?:{WD},?\s+)?(?:the\s+)?{D}\s+(?:of\s+)?{M},?\s+{Y}\b"),
    ("my", rf"\b{M},?\s+(?:of\s+)?{Y}\b"),
    ("md", rf"\b(?:{WD},?\s+)?{M}\s+{D}\b(?!\s*,?\s*\d)"),
    ("dm", rf"\b(?:{WD},?\s+)?(?:the\s+)?{D}\s+(?:of\s+)?{M}\b"),
    ("m", rf"\b(?P<rel>(?i:in|since|during|until|by|from|of|earlier in|later in|early|late|mid-?|in early|"
          rf"in late|in mid-?|last|this|next|earlier this|late last|early last))\s+{M}\b"),
    ("m", rf"\b{M_NOT_MAY}\b(?!\s+\d)"),
    ("y", rf"\b(?P<rel>(?i:in|since|during|until|by|early|late|mid-?|of|throughout))\s+{Y}\b"),
    ("rel_day", r"\b(?P<word>earlier today|later today|today|tonight|this morning|this afternoon|this evening|"
                r"yesterday|tomorrow|last night)\b"),
    ("wd", rf"\b(?:(?P<rel>(?i:last|this|next|on|early|late|previous|coming))\s+)?{WD}{PART}\b"),
    ("rel_span", r"\b(?P<rel>last|this|next|earlier this|later this|previous|past)\s+(?P<unit>week|month|year)\b"),
    ("soon", r"\b(?P<word>within (?:the next |a few |several |the coming )?days|in the (?:coming|next) (?:few )?days|"
             r"within (?:a|one|the next) week|later this week|in the coming week)\b"),
    # a day told relative to the day the article was just speaking of ("a day earlier", "the same day")
    ("ref_day", r"\b(?P<word>(?:on )?the same day|that same day|(?:(?:earlier|later) )?that day|the (?:previous|next|"
                r"following) day|the day (?:before|after)(?!\s+(?:the|a|an|his|her|its|their|[A-Z]))|"
                r"(?:a|one|two|three|four|five|six|\d{1,2}) days? (?:earlier|later|(?:before|after)"
                r"(?!\s+(?:the|a|an|his|her|its|their|[A-Z]))))\b"),
    ("ago", r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b"),
]
_COMPILED = [(k, re.compile(p, re.IGNORECASE if k in ("rel_day", "rel_span", "ago", "soon", "ref_day") else 0))
             for k, p in _PATTERNS]


# qualifiers that change what an expression denotes ("last week", "late March"); "on", "in" do not
MEANINGFUL_RELS = {"last", "next", "this", "previous", "past", "coming", "earlier this", "later this",
                   "early", "late", "mid", "in early", "in late", "in mid", "late last", "early last"}
# a ten-day third of a month, for "early/mid/late March"
THIRDS = {"early": (1, 10), "in early": (1, 10), "mid": (11, 20), "in mid": (11, 20), "late": (21, 31),
          "in late": (21, 31)}


def narrowed(span, date_text: str | None):
    """A month interval narrowed by its qualifier: 'm:late/december' -> 21-31 December."""
    if span is None or not date_text or not date_text.startswith("m:") or "/" not in date_text:
        return span
    qualifier = date_text[2:].split("/")[0]
    if qualifier not in THIRDS:
        return span
    first, last = THIRDS[qualifier]
    start = span[0].replace(day=first)
    end = span[1] if last == 31 else span[0].replace(day=last)
    return start, end


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    kind: str
    fields: tuple[tuple[str, str], ...]

    def get(self, key: str) -> str | None:
        return dict(self.fields).get(key)

    @property
    def key(self) -> str:
        """What the expression says, without its wording: 'wd:friday', 'm:late/december', 'rel_span:last/month'."""
        values = [" ".join(v.lower().rstrip(".-").split()) for k, v in self.fields
                  if k != "rel" or v.lower().rstrip("-") in MEANINGFUL_RELS]
        return f"{self.kind}:{'/'.join(values)}"


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Non-overlapping time expressions in `text`, in order."""
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            fields = tuple((k, v) for k, v in m.groupdict().items() if v)
            taken.append((s, e))
            found.append(TimeExpr(s, e, m.group(0), kind, fields))
    return sorted(found, key=lambda t: t.start)


def resolve(expr: TimeExpr, anchor: dt.date | None, future: bool = False) -> tuple[str, str] | None:
    """(date, precision) for a time expression, or None when it cannot be fixed."""
    fn = _RESOLVERS[expr.kind]
    try:
        return fn(expr, anchor, future)
    except (ValueError, KeyError):
        return None


def _month(expr: TimeExpr) -> int:
    value = expr.get("month") or ""
    return int(value) if value.isdigit() else _MONTHS[value.lower().rstrip(".")]


def _abs_day(expr, anchor, future):
    return dt.date(int(expr.get("year")), _month(expr), int(expr.get("day"))).isoformat(), "day"


def _abs_month(expr, anchor, future):
    return f"{int(expr.get('year')):04d}-{_month(expr):02d}", "month"


def _abs_year(expr, anchor, future):
    return expr.get("year"), "year"


def _month_day(expr, anchor, future):
    if anchor is None:
        return None
    month, day = _month(expr), int(expr.get("day"))
    year = anchor.year
    candidate = dt.date(year, month, day)
    if not future and candidate > anchor + dt.timedelta(days=7):
        candidate = dt.date(year - 1, month, day)
    elif future and candidate < anchor - dt.timedelta(days=7):
        candidate = dt.date(year + 1, month, day)
    return candidate.isoformat(), "day"


def _month_only(expr, anchor, future):
    if anchor is None:
        return None
    month = _month(expr)
    rel = (expr.get("rel") or "").lower()
    if rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel.startswith("last") or rel.endswith("last"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif future:
        year = anchor.year if month >= anchor.month else anchor.year + 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year:04d}-{month:02d}", "month"


def _relative_day(expr, anchor, future):
    if anchor is None:
        return None
    word = expr.get("word").lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return (anchor + dt.timedelta(days=shift)).isoformat(), "day"


def _weekday(expr, anchor, future):
    if anchor is None:
        return None
    target = _WEEKDAYS[expr.get("weekday").lower()]
    rel = (expr.get("rel") or "").lower()
    back = (anchor.weekday() - target) % 7
    if rel in ("next", "coming") or (future and rel not in ("last", "previous")):
        ahead = (target - anchor.weekday()) % 7 or (7 if rel in ("next", "coming") else 0)
        return (anchor + dt.timedelta(days=ahead)).isoformat(), "day"
    if rel in ("last", "previous") and back == 0:
        back = 7
    return (anchor - dt.timedelta(days=back)).isoformat(), "day"


def _relative_span(expr, anchor, future):
    if anchor is None:
        return None
    rel, unit = expr.get("rel").lower(), expr.get("unit").lower()
    step = -1 if rel in ("last", "previous", "past") else (1 if rel == "next" else 0)
    if unit == "year":
        return str(anchor.year + step), "year"
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
    sunday = monday + dt.timedelta(days=6)
    if rel in ("earlier this", "this") and step == 0:
        sunday = min(sunday, anchor)
    if monday.month == sunday.month:
        return f"{monday.year:04d}-{monday.month:02d}", "month"
    return None


def _soon(expr, anchor, future):
    """'within days', 'in the coming days': the month of the anchor when the next week stays in it."""
    if anchor is None:
        return None
    later = anchor + dt.timedelta(days=7)
    if later.month != anchor.month:
        return None
    return f"{anchor.year:04d}-{anchor.month:02d}", "month"


def _ago(expr, anchor, future):
    if anchor is None:
        return None
    raw = expr.get("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = expr.get("unit").lower()
    if unit == "day":
        return (anchor - dt.timedelta(days=n)).isoformat(), "day"
    if unit == "year":
        return str(anchor.year - n), "year"
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    return None


def _reference_day(expr, anchor, future):
    """'a day earlier', 'the same day', 'two days later': `anchor` is the day the text last spoke of."""
    if anchor is None:
        return None
    words = expr.get("word").lower().split()
    if "same" in words or words[-1] == "day" and words[-2] == "that":
        shift = 0
    else:
        n = _NUMBERS.get(words[0], int(words[0]) if words[0].isdigit() else 1)
        shift = -n if words[-1] in ("earlier", "before", "previous") or "previous" in words else n
    return (anchor + dt.timedelta(days=shift)).isoformat(), "day"


REFERENCE_KINDS = frozenset({"ref_day"})  # resolved against the day last spoken of, not the publication

_RESOLVERS = {
    "ymd": _abs_day, "mdy": _abs_day, "dmy": _abs_day, "my": _abs_month, "y": _abs_year,
    "md": _month_day, "dm": _month_day, "m": _month_only, "rel_day": _relative_day, "wd": _weekday,
    "rel_span": _relative_span, "ago": _ago, "soon": _soon, "ref_day": _reference_day,
}

_BYLINE_NOISE = re.compile(r"^(published|updated|posted|last updated|date|on)\s*:?\s*", re.IGNORECASE)


def parse_absolute_date(line: str) -> str | None:
    """The date a dateline or byline line consists of ('October 27 2022'), else None."""
    text = _BYLINE_NOISE.sub("", line.strip()).strip(" .,|-–—")
    text = re.sub(r"\s*(\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?|[ap]\.?m\.?)(\s*[A-Z]{2,4})?\s*$", "", text, flags=re.I)
    for expr in find_time_expressions(text):
        if expr.kind in ("ymd", "mdy", "dmy") and len(text) - len(expr.text) <= 12:
            result = resolve(expr, None)
            return result[0] if result else None
    return None


def to_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def interval(date: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a (date, precision) covers."""
    if not date:
        return None
    parts = [int(x) for x in date[:10].split("-")]
    if len(parts) == 3 and precision in (None, "day"):
        d = dt.date(*parts)
        return d, d
    if len(parts) >= 2 and precision in (None, "day", "month"):
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def coarsen(date: str | None, precision: str | None, to: str) -> tuple[str | None, str | None]:
    """The same date at a coarser precision ('2022-04-20', day -> '2022-04', month)."""
    if not date:
        return None, None
    order = {"day": 3, "month": 2, "year": 1}
    if order.get(precision or "day", 3) <= order[to]:
        return date, precision
    return date[: {"month": 7, "year": 4}[to]], to
