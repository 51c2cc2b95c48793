"""One sentence, top to bottom: actors -> triggers -> candidates -> constructions -> modality -> date -> mention.

`SentenceExtractor.extract` is the whole sequence for a parsed sentence; each step is a function of
the sentence state in the module named after it.
"""

from __future__ import annotations

from dataclasses import replace

from ..actors import ActorTable
from ..dates import find_time_expressions
from ..language import Language
from ..mentions import ActorFinder, DocumentContext
from ..records import Actor, Document, EventMention
from .agreements import note_agreements
from .backoff import backoff_candidates, load_backoff
from .constructions import (
    demands,
    denied_charges,
    drop_nested,
    punishment_reasons,
    reported_accusations,
    within_content,
)
from .context import Candidate, SentenceState
from .dating import date_of, meeting_setting, note_day, time_expressions
from .modality import attribution, denier, recode
from .places import event_place
from .syntax import is_descendant
from .triggers import applicable, candidates


class SentenceExtractor:
    """Extracts event mentions from one parsed sentence at a time, keeping document context."""

    def __init__(self, language: Language, table: ActorTable):
        self.language = language
        self.book = book = language.codebook
        self.words = language.lexicon
        self.table = table
        self.finder = ActorFinder(table, language.lexicon)
        self.lists = {name: book.words(name) for name in book.lists}
        # modal word -> the demand or appeal construction it makes ("must", "has to", "should")
        self.modals = {w: p for p in book.constructions.values() if p.type == "REQUEST" for w in p.lemmas}
        self.backoff = load_backoff(language.code) if book.uses("backoff") else None

    def extract(self, sent, offset: int, doc: Document, ctx: DocumentContext) -> list[EventMention]:
        """Event mentions of one sentence (a spaCy Doc) that starts at `offset` in doc.text."""
        found = self.finder.find(sent, ctx, ctx.anchor)
        st = SentenceState(sent, found, ctx, self.book, self.table, self.lists, self.words, self.modals)
        where = applicable(st)
        cands = [c for tok in sent for c in candidates(st, tok, where.get(tok.i, ()))]
        if self.backoff is not None:  # verbs the codebook does not know, by the CAMEO verb dictionary
            cands += backoff_candidates(st, where, self.backoff)
        cands = drop_nested(st, cands, set(where))
        cands += reported_accusations(st, cands) + punishment_reasons(st, cands)
        cands += denied_charges(st, cands)
        asked, contents = demands(st)
        if asked:  # what was demanded is not an event
            cands = [c for c in cands if not any(within_content(c.trigger, v) for v in contents)]
            cands += asked
        times = time_expressions(sent)
        out = [m for cand in cands for m in self.mention(st, cand, offset, doc, times)]
        who = denier(st)
        if who is not None and not out:  # "X rejected the claim": the previous sentence's events, denied
            out = [replace(m, sentence=doc.text[offset:offset + len(sent.text)], start=offset,
                           end=offset + len(sent.text), status="denied",
                           attributed_to=who, trigger="", confidence=round(m.confidence * 0.8, 3))
                   for m in ctx.previous if m.status in ("occurred", "disputed")]
        self._remember(found, ctx)
        out = dedupe(out)
        ctx.previous = out
        ctx.salience.note_events(out)
        note_agreements(st)
        note_day(ctx, [expr for expr, _ in times])
        return out

    def observe(self, sent, ctx: DocumentContext) -> None:
        """Read an unparsed sentence for the actors it names (for later references)."""
        ctx.previous = []
        note_day(ctx, find_time_expressions(sent.text))
        self._remember(self.finder.find(sent, ctx, ctx.anchor), ctx)

    @staticmethod
    def _remember(found, ctx: DocumentContext) -> None:
        named = [m.actor for m in sorted({id(m): m for m in found.values()}.values(), key=lambda m: m.start)
                 if m.actor is not None]
        for actor in named:
            ctx.remember(actor)
        ctx.salience.end_sentence(named)

    def mention(self, st: SentenceState, cand: Candidate, offset: int, doc: Document, times) -> list[EventMention]:
        """The event mention a candidate makes, coded, dated and placed (none when its dyad is unusable)."""
        if cand.pattern.type in st.book.domestic_types:
            cand = place_groups(st, cand)
        if cand.source.key == cand.target.key or not cand.source.country or not cand.target.country:
            return []  # an actor we cannot place (an unknown person, no title) makes no usable dyad
        if cand.source.country and cand.source.country == cand.target.country and (
                cand.source.kind != "person" or cand.target.kind != "person") and \
                cand.source.sector == cand.target.sector:
            return []
        if cand.source.country == cand.target.country and cand.pattern.type in st.book.interstate_types \
                and (is_bare_state(st, cand.source) or is_bare_state(st, cand.target)):
            return []  # "Cambodian troops opened fire, injuring two soldiers" is no attack on Cambodia
        coding = recode(st, cand)
        cand, status = coding.candidate, coding.status
        if cand.content is not None:  # "said X must reverse its August 2019 decision": not dated August 2019
            times = [(e, r) for e, r in times if not is_descendant(r, cand.content)]
        date, precision, date_text = date_of(cand.trigger, times, st.ctx.anchor, status, st.ctx.last_day)
        if date_text is None and status in ("occurred", "alleged", "disputed"):
            meeting = meeting_setting(st)  # "During which, Japan criticised China": the meeting's day
            if meeting is not None:
                date, precision, date_text = meeting.date, meeting.date_precision, meeting.date_text
        cameo = self.refine(coding.cameo, cand.object)
        code = self.book.cameo.get(cameo)
        end = offset + text_length(st.sent)
        return [EventMention(
            document=doc.id, sentence=doc.text[offset:end], start=offset, end=end,
            type=coding.type, cameo=cameo, mode=cand.pattern.mode if coding.type == cand.pattern.type else None,
            source=cand.source, target=cand.target, symmetric=cand.symmetric, status=status,
            confidence=round(cand.pattern.confidence * actor_weight(cand.source) * actor_weight(cand.target), 3),
            date=date, date_precision=precision,
            attributed_to=cand.alleged_by.name if cand.alleged_by is not None else attribution(st, cand.trigger),
            published=doc.published, publisher=doc.publisher, object=cand.object, trigger=cand.trigger.text,
            goldstein=code.goldstein if code else None, quad=code.quad if code else None, date_text=date_text,
            date_from_publication=date is not None and date_text is None, place=event_place(st, cand.trigger))]

    def refine(self, code: str, obj: str | None) -> str:
        """The finer CAMEO code the object of an act gives ('military aid' 0331 for aid 033)."""
        classes = self.book.refine.get(code)
        if not classes or not obj:
            return code
        words = set(obj.lower().replace("-", " ").split())
        for cls in ("military", "humanitarian", "economic"):
            if cls in classes and (words & self.lists.get(f"{cls}_objects", frozenset()) or
                                   {w.rstrip("s") for w in words} & self.lists.get(f"{cls}_objects", frozenset())):
                return classes[cls]
        return code


def place_groups(st: SentenceState, cand: Candidate) -> Candidate:
    """'Police arrested protesters in ...': a group with no country is of the other side's country."""
    s, t = cand.source, cand.target

    def placeable(a: Actor, other: Actor) -> bool:
        # a group; or an office holder whose country is not said ('President X'), facing the rebels,
        # opposition or people of a country (domestic politics), never another government
        return a.kind == "group" or (a.kind == "person" and a.role is not None and other.kind != "person"
                                     and (other.sector is None or other.sector in st.book.sector_set("nonstate")))

    if s.country is None and t.country and placeable(s, t):
        return replace(cand, source=replace(s, country=t.country))
    if t.country is None and s.country and placeable(t, s):
        return replace(cand, target=replace(t, country=s.country))
    return cand


def is_bare_state(st: SentenceState, actor: Actor) -> bool:
    """A state named as such ('Cambodia', 'Cambodian'), not its people or a non-state side of it."""
    return actor.kind == "country" and actor.sector not in st.book.sector_set("nonstate") and \
        actor.text.strip().lower() in (actor.name.lower(), "")


def actor_weight(actor: Actor) -> float:
    return {"person": 1.0, "country": 1.0, "organization": 1.0, "office": 0.9}.get(actor.kind, 0.85)


def text_length(sent) -> int:
    """len(sent.text), without joining the text (spaCy builds it from the tokens at each reading)."""
    if not len(sent):
        return 0
    last = sent[-1]
    return last.idx + len(last.text_with_ws)


def dedupe(mentions: list[EventMention]) -> list[EventMention]:
    """One mention per (type, dyad, status) in a sentence."""
    seen, out = set(), []
    for m in mentions:
        pair = (m.source.key, m.target.key if m.target else None)
        if m.symmetric:
            pair = tuple(sorted(k or "" for k in pair))
        key = (m.type, pair, m.status)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
