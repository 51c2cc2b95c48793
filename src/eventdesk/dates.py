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

from .wordlists import alternation, load_wordlists

_LISTS = frozenset({"months", "weekdays", "numbers", "day_parts", "month_modifiers", "year_modifiers",
                    "weekday_modifiers", "reference_words", "since_words", "comparison_words", "reference_fillers",
                    "day_before", "same_day", "day_after", "weekend", "weekend_modifiers", "soon", "span_before",
                    "span_this", "span_after", "units", "ago", "ref_same_day", "ref_day_before", "ref_day_after",
                    "ref_the_day", "ref_earlier", "ref_later", "ref_before", "ref_after", "ref_counted_from", "month_thirds",
                    "meaningful_modifiers", "stamp_labels", "clock_words"})
_W = load_wordlists("dates", "en", required=_LISTS)


def _positional(name: str) -> dict[str, int]:
    """'January|Jan' at position 0 -> {'january': 1, 'jan': 1}."""
    return {word.lower(): n for n, entry in enumerate(_W[name], 1) for word in entry.split("|")}


def _names(name: str, full_only: bool = False) -> str:
    words = [w for entry in _W[name] for w in (entry.split("|")[:1] if full_only else entry.split("|"))]
    return "|".join(sorted(words, key=len, reverse=True))


_MONTHS = _positional("months")
_WEEKDAYS = {w: n - 1 for w, n in _positional("weekdays").items()}
_NUMBERS = _positional("numbers")
MONTH_WORDS = frozenset(_MONTHS)
WEEKDAY_WORDS = frozenset(_WEEKDAYS)
_DAY_SHIFT = {**{w: -1 for w in _W["day_before"]}, **{w: 0 for w in _W["same_day"]}, **{w: 1 for w in _W["day_after"]}}

M = rf"(?P<month>{_names('months')})\.?"
M_NOT_MAY = M.replace("May|", "").replace("|May", "")
D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
Y = r"(?P<year>(?:19|20)\d{2})"
WD = rf"(?P<weekday>{_names('weekdays', full_only=True)})"
PART = rf"(?:\s+{alternation(_W['day_parts'])})?"
NUMBER = rf"(?P<n>\d+|{alternation(_W['numbers'])})"
_REL_M = alternation(_W["month_modifiers"])
_REL_Y = alternation(_W["year_modifiers"])
_REL_WD = alternation(_W["weekday_modifiers"])
_REL_WEEKEND = alternation(_W["weekend_modifiers"])
_SPAN_STEP = {**{w: -1 for w in _W["span_before"]}, **{w: 0 for w in _W["span_this"]}, **{w: 1 for w in _W["span_after"]}}
_UNITS = {w: unit for w, unit in zip(_W["units"], ("day", "week", "month", "year"), strict=True)}
UNIT = rf"(?P<unit>{alternation(_W['units'])})s?"
SPAN_UNIT = rf"(?P<unit>{alternation(_W['units'][1:])})"  # 'last week', not 'the previous day'
# "the day after the attack", "two days before his visit": counted from another event, not a reference day
_NOT_FROM = rf"(?!\s+(?:{alternation(_W['ref_counted_from'])}|[A-Z]))"
_COUNT = rf"(?:{alternation(_W['numbers'])}|\d{{1,2}})"
_REF_DAY = (rf"(?P<same>{alternation(_W['ref_same_day'])})|(?P<before>{alternation(_W['ref_day_before'])})|"
            rf"(?P<after>{alternation(_W['ref_day_after'])})|"
            rf"{alternation(_W['ref_the_day'])} (?:(?P<day_before>{alternation(_W['ref_before'])})|"
            rf"{alternation(_W['ref_after'])}){_NOT_FROM}|"
            rf"(?P<count>{_COUNT}) days? (?:(?P<earlier>{alternation(_W['ref_earlier'])})|{alternation(_W['ref_later'])}|"
            rf"(?P<count_before>{alternation(_W['ref_before'])}){_NOT_FROM}|{alternation(_W['ref_after'])}{_NOT_FROM})")
STAMP_LABELS = _W["stamp_labels"]
CLOCK_WORDS = frozenset(_W["clock_words"])

# (kind, pattern), tried in order; earlier patterns win overlaps. Modifiers such as 'in' or 'last'
# match in any case ("In May", "Last Wednesday" open sentences); month and day names do not ("may").
_PATTERNS = [
    ("ymd", r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ("mdy", rf"\b(?:{WD},?\s+)?{M}\s+{D},?\s+{Y}\b"),
    ("dmy", rf"\b(?:{WD},?\s+)?(?:the\s+)?{D}\s+(?:of\s+)?{M},?\s+{Y}\b"),
    ("my", rf"\b{M},?\s+(?:of\s+)?{Y}\b"),
    ("md", rf"\b(?:{WD},?\s+)?{M}\s+{D}\b(?!\s*,?\s*\d)"),
    ("dm", rf"\b(?:{WD},?\s+)?(?:the\s+)?{D}\s+(?:of\s+)?{M}\b"),
    ("m", rf"\b(?P<rel>(?i:{_REL_M}))\s+{M}\b"),
    ("m", rf"\b{M_NOT_MAY}\b(?!\s+\d)"),
    ("y", rf"\b(?P<rel>(?i:{_REL_Y}))\s+{Y}\b"),
    ("weekend", rf"\b(?P<rel>{_REL_WEEKEND})\s+{alternation(_W['weekend'])}\b"),
    ("rel_day", rf"\b(?P<word>{alternation(tuple(_DAY_SHIFT))})\b"),
    ("wd", rf"\b(?:(?P<rel>(?i:{_REL_WD}))\s+)?{WD}{PART}\b"),
    ("rel_span", rf"\b(?P<rel>{alternation(tuple(_SPAN_STEP))})\s+{SPAN_UNIT}\b"),
    ("soon", rf"\b(?P<word>{alternation(_W['soon'])})\b"),
    # a day told relative to the day the article was just speaking of ("a day earlier", "the same day")
    ("ref_day", rf"\b(?P<word>{_REF_DAY})\b"),
    ("ago", rf"\b{NUMBER}\s+{UNIT}\s+{alternation(_W['ago'])}\b"),
]
_COMPILED = [(k, re.compile(p, re.IGNORECASE if k in ("rel_day", "rel_span", "ago", "soon", "ref_day", "weekend")
                            else 0))
             for k, p in _PATTERNS]
# a time phrase right after 'since', 'until', 'before' ... is a reference, not the date of the event beside it
_FILLER = rf"(?:{alternation(_W['reference_fillers'])}\s+)?"
_REFERENCE = re.compile(rf"\b{alternation(_W['reference_words'])}\s+{_FILLER}$", re.IGNORECASE)
_SINCE = re.compile(rf"\b{alternation(_W['since_words'])}\s+{_FILLER}$", re.IGNORECASE)
_COMPARISON = re.compile(rf"\b{alternation(_W['comparison_words'])}\b[^,;.]*$", re.IGNORECASE)
_REFERENCE_RELS = frozenset(w.lower() for w in _W["reference_words"])


# qualifiers that change what an expression denotes ("last week", "late March"); "on", "in" do not
MEANINGFUL_RELS = frozenset(_W["meaningful_modifiers"])
# a ten-day third of a month, for "early/mid/late March"
THIRDS = {word: days for entry, days in zip(_W["month_thirds"], ((1, 10), (11, 20), (21, 31)), strict=True)
          for word in entry.split("|")}


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
            taken.append((s, e))  # a reference keeps its span, so no shorter pattern dates the event by it
            if not is_reference(text, s, dict(fields).get("rel")):
                found.append(TimeExpr(s, e, m.group(0), kind, fields))
    return sorted(found, key=lambda t: t.start)


def is_reference(text: str, start: int, rel: str | None = None) -> bool:
    """Whether the time phrase at `start` follows 'since', 'until', 'before' ...: a point of reference
    ('the first such visit since May 2009'), not the date of the event it is written beside."""
    if rel and rel.lower() in _REFERENCE_RELS:
        return True
    before = text[max(0, start - 40):start]
    if _REFERENCE.search(before):
        return True
    since = _SINCE.search(before)
    return since is not None and bool(_COMPARISON.search(text[max(0, start - 120):start - len(since.group(0))]))


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
    shift = _DAY_SHIFT.get(" ".join(expr.get("word").lower().split()), 0)
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
    rel, unit = " ".join(expr.get("rel").lower().split()), _UNITS[expr.get("unit").lower()]
    step = _SPAN_STEP[rel]
    if unit == "year":
        return str(anchor.year + step), "year"
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
    sunday = monday + dt.timedelta(days=6)
    if step == 0:  # 'earlier this week': the days up to publication; 'will meet this week': the days after it
        monday, sunday = (max(monday, anchor), sunday) if future else (monday, min(sunday, anchor))
    if monday.month == sunday.month:
        return f"{monday.year:04d}-{monday.month:02d}", "month"
    days = [monday + dt.timedelta(days=k) for k in range((sunday - monday).days + 1)]
    for part in ([d for d in days if d.month == sunday.month], [d for d in days if d.month == monday.month]):
        if len(part) * 2 > len(days):  # a week across two months: the month of most of it (a tie: undated)
            return f"{part[0].year:04d}-{part[0].month:02d}", "month"
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
    unit = _UNITS[expr.get("unit").lower()]
    if unit == "day":
        return (anchor - dt.timedelta(days=n)).isoformat(), "day"
    if unit == "year":
        return str(anchor.year - n), "year"
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    # 'three weeks ago': the week around that day, as its month when the week stays inside one
    return _month_of_days(anchor - dt.timedelta(weeks=n, days=3), anchor - dt.timedelta(weeks=n) + dt.timedelta(days=3))


def _month_of_days(first: dt.date, last: dt.date) -> tuple[str, str] | None:
    """The month holding every day from `first` to `last`, or None when they straddle two months."""
    if (first.year, first.month) != (last.year, last.month):
        return None
    return f"{first.year:04d}-{first.month:02d}", "month"


def _weekend(expr, anchor, future):
    """'over the weekend', 'next weekend': that Saturday and Sunday, as their month when they share one."""
    if anchor is None:
        return None
    rel = " ".join(expr.get("rel").lower().split())
    weekday = anchor.weekday()  # Saturday 5, Sunday 6
    if rel == "next" or (rel == "coming") or (future and rel not in ("last", "past", "previous")):
        saturday = anchor + dt.timedelta(days=(5 - weekday) % 7)
        if rel == "next" and weekday >= 5:
            saturday += dt.timedelta(weeks=1)
    else:
        saturday = anchor - dt.timedelta(days=(weekday - 5) % 7)
        if rel in ("last", "previous") and weekday >= 5:
            saturday -= dt.timedelta(weeks=1)
    return _month_of_days(saturday, saturday + dt.timedelta(days=1))


def _reference_day(expr, anchor, future):
    """'a day earlier', 'the same day', 'two days later': `anchor` is the day the text last spoke of."""
    if anchor is None:
        return None
    if expr.get("same"):
        shift = 0
    elif not expr.get("count"):
        shift = -1 if expr.get("before") or expr.get("day_before") else 1
    else:
        count = expr.get("count").lower()
        n = int(count) if count.isdigit() else _NUMBERS[count]
        shift = -n if expr.get("earlier") or expr.get("count_before") else n
    return (anchor + dt.timedelta(days=shift)).isoformat(), "day"


REFERENCE_KINDS = frozenset({"ref_day"})  # resolved against the day last spoken of, not the publication

_RESOLVERS = {
    "ymd": _abs_day, "mdy": _abs_day, "dmy": _abs_day, "my": _abs_month, "y": _abs_year,
    "md": _month_day, "dm": _month_day, "m": _month_only, "rel_day": _relative_day, "wd": _weekday,
    "rel_span": _relative_span, "ago": _ago, "soon": _soon, "ref_day": _reference_day, "weekend": _weekend,
}

_BYLINE_NOISE = re.compile(rf"^{alternation(STAMP_LABELS)}\s*:?\s*", re.IGNORECASE)
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"


def parse_absolute_date(line: str) -> str | None:
    """The date a dateline or byline line consists of ('October 27 2022'), else None."""
    text = _BYLINE_NOISE.sub("", line.strip()).strip(" .,|-–—")
    text = re.sub(rf"^{_CLOCK}[,\s|]+", "", text, flags=re.I)  # '14:00, November 19, 2025'
    text = re.sub(r"\s*(\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?|[ap]\.?m\.?)(\s*[A-Z]{2,4})?\s*$", "", text, flags=re.I)
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
