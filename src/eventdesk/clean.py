"""Raw article text -> body text, with every dropped piece of page furniture and its reason.

Works on plain text and on the text trafilatura gives for HTML, so the same rules protect both.
A teaser of another story ("Read also: ..."), a photo caption, a share button, a subscription
prompt, a cookie notice or a disclaimer never reaches event extraction.

The text is read in logical lines: physical lines are first joined where one runs on into the
next (a hard-wrapped paragraph), and a line too long to be furniture (a whole article without
line breaks) is read sentence by sentence, so that no rule drops a body because a caption or a
credit sits inside it. The English words behind the rules are in data/lang/en/furniture.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import CLOCK_WORDS, MONTH_WORDS, STAMP_LABELS, WEEKDAY_WORDS, parse_absolute_date
from .records import Document, Dropped
from .wordlists import alternation, load_wordlists

_I = re.IGNORECASE
_LISTS = frozenset({"navigation", "share", "teaser_markers", "caption_markers", "caption_credits", "agencies",
                    "promotion", "reader_promotion", "disclaimer", "cookies", "byline_prefixes", "credit_labels",
                    "date_prefix", "connectives", "sentence_openers"})
_W = load_wordlists("furniture", "en", required=_LISTS)


def _alt(name: str) -> str:
    return alternation(_W[name])


NAVIGATION = re.compile(rf"^{_alt('navigation')}\W*$", _I)
SHARE = re.compile(rf"^{_alt('share')}(?-i:(?![a-z]))", _I)
TEASER_MARKER = re.compile(rf"^{_alt('teaser_markers')}\b\s*[:\-–—]?\s*", _I)
CAPTION_START = re.compile(rf"^{_alt('caption_markers')}", _I)
CAPTION_CREDIT = re.compile(_alt("caption_credits"), _I)
AGENCY_CREDIT = re.compile(rf"[/|]\s?{_alt('agencies')}\b[^.]*\)?\]?\s*$", _I)
CREDIT_START = re.compile(rf"^(?:{_alt('caption_markers')}|(?:photo |image )?credit:)\s*", _I)
AGENCY_FIRST = re.compile(rf"^{_alt('agencies')}\b", _I)
SLASH_CREDIT = re.compile(r"[(\[][^()\[\]]{1,80}/[^()\[\]]{1,80}[)\]]\s*$")  # "(PHOT/VCG)", "[File: X/Reuters]"
# "Elbonia – soldiers march in the capital": a place, a dash, what the picture shows (a dateline is in capitals)
PLACE_CAPTION = re.compile(r"^(?![A-Z]{2,}\b)[A-Z][\w'’.]*(?:,? [A-Z][\w'’.]*){0,3} [–—] (?=\S)")
POSITION = re.compile(r"\((\d(st|nd|rd|th) )?(l|r|c)\)", _I)
PROMOTION = re.compile(rf"(?<!\w){_alt('promotion')}", _I)
READER_PROMOTION = re.compile(_alt("reader_promotion"), _I)
DISCLAIMER = re.compile(rf"\b{_alt('disclaimer')}\b|^©|^copyright\b", _I)
COOKIES = re.compile(_alt("cookies"), _I)
BYLINE = re.compile(rf"^(?i:{_alt('byline_prefixes')})\s+[A-Z][\w.'’\- ]{{1,60}}$")
CREDIT_LINE = re.compile(rf"^{_alt('credit_labels')}\s*:\s*\S", _I)
TIMESTAMP_LABEL = re.compile(rf"^{alternation(STAMP_LABELS)}\s*:?\s*", _I)
DATE_PREFIX = re.compile(rf"^\s*{_alt('date_prefix')}\s+(\d{{4}}-\d{{2}}-\d{{2}})(?!\S)\s*", _I)
CONNECTIVE_END = re.compile(rf"(?<![\w'’-]){_alt('connectives')}$", _I)
# "MOSCOW (Reuters) -", "Beijing, Aug 16 (EFE).-", "BUDAPEST, February 26. /TASS/.", "KYIV, Ukraine —"
_CITY_CAPS = r"[A-Z]{2,}(?:[ -][A-Z]{2,}){0,2}"
_CITY = r"[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}"
_DAY = r",\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})"
DATELINE = re.compile(  # a city in capitals or a city and a day, then the agency; or a city in capitals and a dash
    rf"^(?:(?:{_CITY_CAPS}(?:{_DAY})?|{_CITY}{_DAY})\.?\s*(?:\(\s*[A-Z][\w&\-]{{1,20}}\s*\)|/[A-Z][\w&\-]{{1,20}}/)"
    rf"\.?\s*(?:--?|–|—|\.-)?|{_CITY_CAPS}(?:, [A-Z][\w .]{{1,25}})? (?:--?|–|—))\s*(?=[A-Z\"“‘'])")
BULLET = re.compile(r"^[-•*·▪►]\s+\S")
SECTION_LABEL = re.compile(r"^[A-Z][\w&'’\-]*( [A-Z&][\w&'’\-]*){0,2}$")
TERMINAL = re.compile(r"[.!?\"”’»)]\s*$")
ELLIPSIS = re.compile(r"(…|\.\.\.)\s*$")
SENTENCE_END = re.compile(r"(?:[.!?][\"”’)\]]*|[)\]])\s+(?=[\"“‘(\[]?[A-Z0-9])")  # '(Photo by X / AFP) Elbonia
_ALPHA = re.compile(r"[^\W\d_]+")
_TIME_WORDS = MONTH_WORDS | WEEKDAY_WORDS | CLOCK_WORDS

TEASER_LINES = 3  # after a teaser marker, how many following non-body lines belong to the teaser
MAX_FURNITURE_WORDS = 80  # a longer line is read sentence by sentence: no rule drops it whole
SHORT_WORDS = 40  # prompts, credits and notices are short


@dataclass(frozen=True)
class CleanResult:
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]
    title: str | None
    byline_date: str | None
    prefix_date: str | None = None  # from a stray ' date YYYY-MM-DD ' before the text


class NothingLeft(ValueError):
    """Cleaning dropped every line of a non-empty text: the document is reported, not stored empty."""

    prefix = "cleaning left no body text"


def clean_document(doc: Document) -> Document:
    """The document with its body text, paragraphs, dropped furniture, title and publication date
    (a header or field date first, then a date prefix, then a byline date)."""
    result = clean_text(doc.raw)
    if not result.text and doc.raw.strip():
        reasons = sorted({d.reason for d in result.dropped})
        raise NothingLeft(f"{NothingLeft.prefix}: every line was page furniture ({', '.join(reasons)})")
    published, published_from = doc.published, doc.published_from
    if published is None and result.prefix_date:
        published, published_from = result.prefix_date, "prefix"
    elif published is None and result.byline_date:
        published, published_from = result.byline_date, "byline"
    return replace(doc, text=result.text, paragraphs=result.paragraphs, dropped=result.dropped,
                   title=doc.title or result.title, published=published, published_from=published_from)


@dataclass
class _State:
    kept: list[list[str]]
    dropped: list[Dropped]
    title: str | None = None
    byline_date: str | None = None
    teaser_left: int = 0
    seen_body: bool = False

    def drop(self, text: str, reason: str) -> None:
        self.dropped.append(Dropped(text, reason))

    def keep(self, text: str) -> None:
        if not self.seen_body:
            m = DATELINE.match(text)
            if m and len(text) - m.end() > 20:
                self.drop(text[: m.end()].strip(), "dateline")
                text = text[m.end():]
        self.seen_body = True
        self.teaser_left = 0
        self.kept[-1].append(text)


def clean_text(raw: str) -> CleanResult:
    physical = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    prefix_date, prefix = _strip_date_prefix(physical)
    lines = _logical_lines(physical)
    state = _State(kept=[[]], dropped=[Dropped(prefix, "date prefix")] if prefix else [])
    for i, text in enumerate(lines):
        if text is None:
            if state.kept[-1]:
                state.kept.append([])
        elif len(text.split()) > MAX_FURNITURE_WORDS:
            _read_sentences(text, state)
        else:
            _read_line(text, _next_line(lines, i), state)
    kept, dropped, title = state.kept, state.dropped, state.title
    if not any(kept) and title is not None:
        # a text that is a single unpunctuated line is the article, not its title
        kept = [[title]]
        dropped = [d for d in dropped if not (d.reason == "title" and d.text == title)]
    return _assemble(kept, dropped, title, state.byline_date, prefix_date)


def _read_line(text: str, nxt: str | None, state: _State) -> None:
    reason = _furniture(text, state.teaser_left > 0)
    if reason == "teaser" and TEASER_MARKER.match(text) and _rest_of_marker(text) == "":
        state.teaser_left = TEASER_LINES
    elif state.teaser_left:
        state.teaser_left -= 1
    if reason is None and _is_timestamp(text):
        reason = "timestamp"
    if reason in (None, "timestamp") and not state.seen_body and len(text) < 100:
        date = _stamp_date(text)
        if date:
            reason, state.byline_date = "dateline", state.byline_date or date
    if reason is None and _is_heading(text) and not (nxt is None and state.seen_body and _cut_off(text)):
        reason = "heading"
        if text.isupper() and len(text.split()) <= 3:
            reason = "section"  # 'MIDDLE EAST': the page's section, not the article's title
        elif nxt is not None and nxt.startswith(text) and len(nxt) > len(text) and _caption(nxt):
            reason = "caption"  # the picture's alt text, repeated by its caption
        elif state.title is None and not state.seen_body:
            reason, state.title = "title", text
    if reason is None:
        state.keep(text)
    else:
        state.drop(text, reason)


def _read_sentences(line: str, state: _State) -> None:
    """A line too long to be furniture: each sentence on its own (a caption or a credit inside is dropped)."""
    start = 0
    for piece in [*(m.end() for m in SENTENCE_END.finditer(line)), len(line)]:
        sentence = line[start:piece].strip()
        start = piece
        if not sentence:
            continue
        reason = None if len(sentence.split()) > MAX_FURNITURE_WORDS else _furniture(sentence, False)
        if reason is None:
            state.keep(sentence)
            continue
        headline, body = (sentence, "")
        if reason == "teaser":
            headline, body = _split_run_on_headline(sentence, _rest_of_marker(sentence))
        elif reason == "caption":
            headline, body = _split_run_on_credit(sentence)
        state.drop(headline, reason)
        if body:
            state.keep(body)


HEADLINE_END = re.compile(rf"(?<=[A-Za-z0-9’'])\s+(?={alternation(_W['sentence_openers'])}\s)")


def _split_run_on_credit(sentence: str) -> tuple[str, str]:
    """'Credit: Reuters Elbonia's foreign minister arrived on Monday.' on a line without breaks: the
    credit's agency, or the caption up to where a new sentence starts, is dropped; the rest is body."""
    m = CREDIT_START.match(sentence)
    if m is None:
        return sentence, ""
    body = sentence[m.end():].strip()
    if AGENCY_FIRST.match(body):
        agency = AGENCY_FIRST.match(body)
        rest = body[agency.end():].strip()
        if len(rest.split()) >= 6 and TERMINAL.search(rest) and not _caption(rest):
            return sentence[: m.end()] + body[: agency.end()], rest
    return _split_run_on_headline(sentence, body, title_case=True)


def _split_run_on_headline(sentence: str, rest: str, title_case: bool = False) -> tuple[str, str]:
    """'Related: Elbonia urges Freedonia to pull back troops The talks resumed on Monday.' on a line
    without breaks: the teaser's headline (sentence case, no full stop) ends where a new sentence starts."""
    m = HEADLINE_END.search(rest)
    if m is None:
        return sentence, ""
    words = rest[: m.start()].split()[1:]
    capitals = sum(1 for w in words if w[:1].isupper())
    body = rest[m.end():]
    if (capitals > len(words) / 2 and not title_case) or len(body.split()) < 6 or not TERMINAL.search(body) or _caption(body):
        return sentence, ""  # a headline in Title Case, or too little after it to be a sentence
    return sentence[: len(sentence) - len(rest) + m.start()], body


def _assemble(kept, dropped, title, byline_date, prefix_date) -> CleanResult:
    parts, spans, pos = [], [], 0
    for para in kept:
        if not para:
            continue
        block = " ".join(para)
        if parts:
            pos += 2
        spans.append((pos, pos + len(block)))
        parts.append(block)
        pos += len(block)
    return CleanResult("\n\n".join(parts), tuple(spans), tuple(dropped), title, byline_date, prefix_date)


def _furniture(text: str, in_teaser: bool) -> str | None:
    """Why this line is page furniture, or None for body text."""
    words = len(text.split())
    if TEASER_MARKER.match(text) and _is_teaser_marker(text):
        return "teaser"
    if in_teaser and (not TERMINAL.search(text) or ELLIPSIS.search(text) or words < 8):
        return "teaser"
    if NAVIGATION.match(text):
        return "navigation"
    if words <= 12 and SHARE.match(text) and not TERMINAL.search(text):
        return "share"
    if _caption(text):
        return "caption"
    if words <= SHORT_WORDS and (PROMOTION.search(text) or READER_PROMOTION.search(text)):
        return "promotion"
    if words <= SHORT_WORDS and COOKIES.search(text):
        return "cookies"
    if DISCLAIMER.search(text):
        return "disclaimer"
    if words <= 8 and BYLINE.match(text.rstrip(".") if words <= 4 else text) and not TERMINAL.search(text.rstrip(".")):
        return "byline"
    if words <= 8 and CREDIT_LINE.match(text):
        return "byline"
    if _is_controls(text) or (BULLET.match(text) and words <= 20 and not re.search(r"[.!]\W*$", text)):
        return "navigation"  # page controls; a list of links ('- Elbonia's Quiet Election')
    return None


def _caption(text: str) -> bool:
    if CAPTION_START.match(text) or CAPTION_CREDIT.search(text) or POSITION.search(text):
        return True
    if AGENCY_CREDIT.search(text) or SLASH_CREDIT.search(text):
        return True
    m = PLACE_CAPTION.match(text)
    return bool(m) and len(text.split()) <= SHORT_WORDS and not re.search("[–—]", text[m.end():]) and (
        not TERMINAL.search(text) or text[m.end()].islower())  # 'Kenya – which hosted the talks – said' is body


def _is_timestamp(text: str) -> bool:
    """'Updated: 17:07, November 19, 2025', '2022-07-21 05:50:11', '7 Apr 2025 22:12': a line of dates and times."""
    if len(text) > 100 or not any(c.isdigit() for c in text):
        return False
    rest = TIMESTAMP_LABEL.sub("", text, count=1)
    words = [w.lower() for w in _ALPHA.findall(rest)]
    return all(w in _TIME_WORDS or w.rstrip(".") in _TIME_WORDS for w in words)


def _stamp_date(text: str) -> str | None:
    """The day a dateline or a publication stamp gives ('Published: 14:00, November 19, 2025 | Updated: ...')."""
    for part in text.split("|"):
        date = parse_absolute_date(part) if len(part) < 60 else None
        if date:
            return date
    return None


def _is_controls(text: str) -> bool:
    """'+ ↺ − 16 px': page controls, with no word of three letters."""
    return len(text) <= 30 and not any(len(w) >= 3 for w in _ALPHA.findall(text)) and not text[-1:].isdigit()


def _is_teaser_marker(text: str) -> bool:
    """'Read also:' alone or followed by a headline; not a sentence that starts with 'Watch' etc."""
    rest = _rest_of_marker(text)
    marker = text[: len(text) - len(rest)]
    if not rest:
        return True
    return bool(re.search(r"[:\-–—]\s*$", marker)) or not TERMINAL.search(text)


def _rest_of_marker(text: str) -> str:
    m = TEASER_MARKER.match(text)
    return text[m.end():].strip() if m else text


def _is_heading(text: str) -> bool:
    """A short line with no sentence end (lines that run on were joined before)."""
    if TERMINAL.search(text) or text.endswith((",", ";")):
        return False
    return len(text.split()) <= 18 or bool(SECTION_LABEL.match(text))


def _next_line(lines: list[str | None], i: int) -> str | None:
    return next((line for line in lines[i + 1:] if line is not None), None)


def _cut_off(text: str) -> bool:
    """'China urges Japan to retract the remarks, stop creating provocations and ta': the last line of a
    page stored up to a length, cut mid-sentence (a sentence in sentence case, not a Title Case teaser)."""
    words = text.split()
    capitals = sum(1 for w in words[1:] if w[:1].isupper())
    return len(words) >= 6 and capitals <= len(words[1:]) / 3 and words[-1][-1:].isalpha()


# -- logical lines ---------------------------------------------------------------------------------

def _strip_date_prefix(lines: list[str]) -> tuple[str | None, str | None]:
    """Remove a stray ' date YYYY-MM-DD ' from the start of one of the first lines: (its date, the prefix)."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        m = DATE_PREFIX.match(line)
        if m:
            lines[i] = line[m.end():]
            date = parse_absolute_date(m.group(1))
            return date, m.group(0).strip()
        seen += 1
        if seen >= 5:
            break
    return None, None


def _logical_lines(lines: list[str]) -> list[str | None]:
    """Physical lines joined where one runs on into the next; None for a blank line (a paragraph break)."""
    width = _wrap_width(lines)
    out: list[str | None] = []
    count = 0  # logical lines so far: the first is a title, never a wrapped pair
    for i, line in enumerate(lines):
        if not line:
            out.append(None)
        elif i > 0 and lines[i - 1] and out and out[-1] is not None and (_runs_on(lines[i - 1], line, width) or (
                width is None and count > 1 and _wrapped_pair(lines[i - 1], line))):
            out[-1] = out[-1] + line if re.search(r"\w-$", lines[i - 1]) else f"{out[-1]} {line}"
        else:
            out.append(line)
            count += 1
    return out


def _runs_on(prev: str, line: str, width: int | None) -> bool:
    """Whether `line` continues `prev` (a hard-wrapped sentence), not a new line after a heading."""
    if TERMINAL.search(prev) or prev.endswith(":"):
        return False
    if line[0].islower() or prev.endswith((",", ";")) or re.search(r"\w-$", prev) or CONNECTIVE_END.search(prev):
        return True
    # a wrapped line is one the next word did not fit on
    return width is not None and len(prev) >= 0.6 * width and len(prev) + 1 + len(line.split()[0]) > width


def _wrapped_pair(prev: str, line: str) -> bool:
    """With no width to go by (a short text): a sentence-case line of a usual wrap length, not the text's first,
    whose next line ends the sentence ('... to hold a telephone call' / 'Defence Minister Jan Novak said.')."""
    words = prev.split()
    capitals = sum(1 for w in words[1:] if w[:1].isupper())
    return (len(words) >= 8 and 50 <= len(prev) <= 100 and capitals <= len(words[1:]) / 3 and len(line) <= 100
            and not TERMINAL.search(prev) and TERMINAL.search(line) is not None)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when its lines are paragraphs."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 6:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return None
    near = sum(1 for n in lengths if width - 15 <= n <= width + 5)
    over = sum(1 for n in lengths if n > width + 5)
    return width if near >= max(4, len(lengths) // 3) and over <= len(lengths) // 10 else None
