"""The date of an event: its nearest time expression in the parse, resolved against the publication
date (or, for 'a day earlier', against the day the text last fixed)."""

from __future__ import annotations

import datetime as dt

from ..dates import REFERENCE_KINDS, coarsen, find_time_expressions, resolve, to_date
from ..mentions import DocumentContext
from ..records import Document
from .context import SentenceState
from .syntax import ancestors, attachment, depth_between, is_descendant


def anchor_of(doc: Document) -> dt.date | None:
    return to_date(doc.published)


def time_expressions(sent) -> list[tuple[object, object]]:
    """(TimeExpr, root token) for each time expression in the sentence."""
    out = []
    for expr in find_time_expressions(sent.text):
        span = sent.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.append((expr, span.root))
    return out


def date_of(tok, times, anchor: dt.date | None, status: str,
            last_day: dt.date | None = None) -> tuple[str | None, str | None, str | None]:
    """(date, precision, the time expression's key) of the event at `tok`."""
    future = status == "planned"
    best = None
    anchors = {tok.i}
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "pobj"):
        anchors.add(tok.head.i)
    above = {a.i: depth for depth, a in enumerate(ancestors(tok, 8), 1)}
    for expr, root in times:
        attach = attachment(root)
        if attach is None:
            continue
        if attach.i in anchors:
            dist = 0
        elif attach.i in above:
            dist = above[attach.i]
        elif is_descendant(attach, tok) and not in_relative_clause(attach, tok):
            dist = 1 + depth_between(attach, tok)
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, expr)
    if best is not None:
        resolved = resolve(best[1], last_day if best[1].kind in REFERENCE_KINDS else anchor, future)
        if resolved:
            return resolved[0], resolved[1], best[1].key
        return None, None, best[1].key
    if anchor is not None and status in ("occurred", "disputed", "denied", "negated", "alleged"):
        # a past event with no time expression: reported news, so the month of publication;
        # a plan with no date stays undated (it is for later, not for the article's day)
        return (*coarsen(anchor.isoformat(), "day", "month"), None)
    return None, None, None


def meeting_setting(st: SentenceState):
    """The meeting reported before that a sentence is set in ('During which, ...', 'At the talks, ...',
    'during the visit'), when it was dated by its own time expression; else None."""
    if not st.book.uses("centering"):
        return None
    for prep in st.sent:
        if prep.dep_ != "prep" or prep.lower_ not in st.words.setting_preps or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        for o in prep.children:
            meeting = o.lower_ in st.words.relative_pronouns or (
                o.lemma_.lower() in st.words.meeting_nouns
                and any(d.lower_ in st.words.definite for d in o.children if d.dep_ == "det"))
            if o.dep_ == "pobj" and meeting:
                for m in reversed(st.ctx.salience.events):
                    if m.type == "CONSULT" and m.date_text is not None:
                        return m
                return None
    return None


def in_relative_clause(node, trigger) -> bool:
    """Whether `node` is inside a relative clause below the trigger ('weapons that enabled strikes
    since Sunday'): that clause tells of something else, and its time is not the event's."""
    t = node
    while t.i != trigger.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl") and t.head.i != trigger.i:
            return True
        t = t.head
    return False


def note_day(ctx: DocumentContext, times) -> None:
    """Remember the last day the text fixed (for a later 'the same day' or 'a day earlier')."""
    for expr in times:
        reference = ctx.last_day if expr.kind in REFERENCE_KINDS else ctx.anchor
        resolved = resolve(expr, reference)
        if resolved and resolved[1] == "day":
            ctx.last_day = to_date(resolved[0])
