"""Raw article text -> body text, with every dropped piece of page furniture and its reason.

Works line by line on plain text and on the text trafilatura gives for HTML, so the
same rules protect both. A teaser of another story ("Read also: ..."), a caption,
a subscription prompt or a disclaimer never reaches event extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import parse_absolute_date
from .records import Document, Dropped

_I = re.IGNORECASE

NAVIGATION = re.compile(
    r"^(skip to (main )?content|skip navigation|main menu|menu|home|search|sign in|log in|login|"
    r"register|share( this( article| story)?)?|print|email|advertisement|advert|close|back to top|"
    r"listen to (this )?article|follow us|toggle navigation|open menu|latest news)\W*$", _I)
TEASER_MARKER = re.compile(
    r"^(read also|also read|read more|check also|see also|related( articles?| stories| news| coverage| content)?|"
    r"more on this( story| topic)?|recommended( for you)?|you may also like|you might also like|most read|"
    r"most popular|trending( now)?|more from [\w ]+|more stories|editor'?s picks|further reading|"
    r"watch|watch also|don'?t miss|in other news)\b\s*[:\-–—]?\s*", _I)
CAPTION = re.compile(
    r"^(open gallery view|photo:|photos:|image:|picture:|file photo|photograph:|caption:)|"
    r"\((photo|photos|image|picture)s? (by|credit|courtesy)|\bphoto credit\b|\bcredit:\s|"
    r"\bgetty images\b|\bvia reuters\b|/\s?(afp|reuters|ap|epa|anadolu|tass|xinhua|pool)\b[^.]*\)?\s*$|"
    r"\((l|r|c|left|right|centre|center|l-r|r-l|from left)\)", _I)
PROMOTION = re.compile(
    r"\b(join our community|support our journalism|"
    r"unlimited access|already have an account|create (a free )?account|log in to (read|continue)|"
    r"download (our|the) app|follow us on|premium (content|article))\b|"
    r"^access (the|our|all)\b|[$€£]\s?\d+[\d.,]* (per|a|/) ?(year|month|week)", _I)
# also words of news prose ("states that subscribe to the treaty"): promotion only when addressed to the reader
READER_PROMOTION = re.compile(
    r"^(subscribe|subscription|subscriber|newsletter|sign up)\b|\b(subscribe|sign up)\s+(now|today|here|for free)\b|"
    r"\b(our|your)\s+(\w+\s+){0,2}(newsletters?|subscription|inbox)\b|\b(become|already) a (subscriber|member)\b", _I)
DISCLAIMER = re.compile(
    r"\b(we remind our readers|does not (necessarily )?(reflect|mean that we agree)|views expressed|"
    r"opinions expressed|all rights reserved|may not be (published|reproduced|redistributed)|"
    r"this (article|story) (was|has been) (originally )?(published|updated|corrected)|"
    r"reporting by|editing by|writing by|our policy is to publish|(we|this site) uses? cookies)\b|^©|^copyright\b", _I)
BYLINE = re.compile(r"^(?i:by|written by|reporting by|words by)\s+[A-Z][\w.'’\- ]{1,60}$")
SECTION_LABEL = re.compile(r"^[A-Z][\w&'’\-]*( [A-Z&][\w&'’\-]*){0,2}$")
TERMINAL = re.compile(r"[.!?\"”’»)]\s*$")
ELLIPSIS = re.compile(r"(…|\.\.\.)\s*$")

TEASER_LINES = 3  # after a teaser marker, how many following non-body lines belong to the teaser


@dataclass(frozen=True)
class CleanResult:
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]
    title: str | None
    byline_date: str | None


def clean_document(doc: Document) -> Document:
    """The document with its body text, paragraphs, dropped furniture, title and byline date."""
    result = clean_text(doc.raw)
    published, published_from = doc.published, doc.published_from
    if published is None and result.byline_date:
        published, published_from = result.byline_date, "byline"
    return replace(doc, text=result.text, paragraphs=result.paragraphs, dropped=result.dropped,
                   title=doc.title or result.title, published=published, published_from=published_from)


def clean_text(raw: str) -> CleanResult:
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[list[str]] = [[]]  # paragraphs of kept lines
    dropped: list[Dropped] = []
    title = byline_date = None
    teaser_left = 0
    seen_body = False
    for i, line in enumerate(lines):
        text = " ".join(line.split())
        if not text:
            if kept[-1]:
                kept.append([])
            continue
        continuation = _is_continuation(lines, i)
        reason = None if continuation else _furniture(text, teaser_left > 0)
        if reason == "teaser" and TEASER_MARKER.match(text) and _rest_of_marker(text) == "":
            teaser_left = TEASER_LINES
        elif teaser_left:
            teaser_left -= 1
        if reason is None and not seen_body and not continuation:
            date = parse_absolute_date(text) if len(text) < 40 else None
            if date:
                reason, byline_date = "dateline", byline_date or date
        if reason is None and _is_heading(lines, i, text):
            reason = "heading"
            if title is None and not seen_body:
                reason, title = "title", text
        if reason is None:
            seen_body = True
            teaser_left = 0
            kept[-1].append(text)
        else:
            dropped.append(Dropped(text, reason))
    if not any(kept) and title is not None:
        # a text that is a single unpunctuated line is the article, not its title
        kept = [[title]]
        dropped = [d for d in dropped if not (d.reason == "title" and d.text == title)]
    return _assemble(kept, dropped, title, byline_date)


def _assemble(kept, dropped, title, byline_date) -> CleanResult:
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
    return CleanResult("\n\n".join(parts), tuple(spans), tuple(dropped), title, byline_date)


def _furniture(text: str, in_teaser: bool) -> str | None:
    """Why this line is page furniture, or None for body text."""
    if TEASER_MARKER.match(text) and _is_teaser_marker(text):
        return "teaser"
    if in_teaser and (not TERMINAL.search(text) or ELLIPSIS.search(text) or len(text.split()) < 8):
        return "teaser"
    if NAVIGATION.match(text):
        return "navigation"
    if CAPTION.search(text):
        return "caption"
    words = len(text.split())
    if words <= 40 and (PROMOTION.search(text) or READER_PROMOTION.search(text)):
        return "promotion"
    if DISCLAIMER.search(text):
        return "disclaimer"
    if BYLINE.match(text) and words <= 8 and not TERMINAL.search(text):
        return "byline"
    return None


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


def _is_continuation(lines: list[str], i: int) -> bool:
    """A hard-wrapped line continuing the previous one (which had no sentence end)."""
    line = lines[i].strip()
    prev = lines[i - 1].strip() if i > 0 else ""
    return bool(prev) and bool(line) and line[0].islower() and not TERMINAL.search(prev)


def _is_heading(lines: list[str], i: int, text: str) -> bool:
    """A short line with no sentence end that does not run on into the next line."""
    if TERMINAL.search(text) or text.endswith((",", ";")):
        return False
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if nxt and nxt[0].islower():
        return False
    words = len(text.split())
    return words <= 18 or bool(SECTION_LABEL.match(text))
