"""Actor mentions in a parsed sentence: names from the actor tables, unknown people, offices.

`ActorFinder` marks every token that belongs to an actor name; `DocumentContext` remembers,
across the sentences of one article, who was mentioned (for "he", "the defence minister",
a surname on its own) so that later sentences can refer back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .actors import ActorTable, Entry, first_word, fold
from .discourse import Salience
from .language import Lexicon
from .records import Actor

KIND_PRIORITY = {"person": 0, "organization": 1, "group": 1, "country": 2, "capital": 3, "demonym": 4, "city": 5}


@dataclass(frozen=True)
class ActorMention:
    start: int  # token index in the sentence doc
    end: int
    kind: str  # person, organization, country, capital, demonym, role
    actor: Actor | None = None  # None for a bare office ("the defence minister")
    role: tuple[str, str] | None = None  # (role, sector) for kind == role


@dataclass
class DocumentContext:
    """What one article has said so far, for resolving references."""

    anchor: dt.date | None
    people: dict[str, Actor] = field(default_factory=dict)  # folded full name / surname -> person
    recent: list[Actor] = field(default_factory=list)  # actors in order of mention
    first_words: set[str] = field(default_factory=set)  # of the names in `people`
    previous: list = field(default_factory=list)  # event mentions of the sentence before
    bodies: dict[str, Actor] = field(default_factory=dict)  # 'ministry' -> the last one named with its country
    last_day: dt.date | None = None  # the last day a time expression fixed ('the same day' refers to it)
    salience: Salience = field(default_factory=Salience)  # the events and countries named so far

    def remember(self, actor: Actor) -> None:
        if actor.kind == "person":
            parts = actor.name.split()
            # 'Mao Ning', then 'Ms Mao': a two-word name is called by either word (family names come first in
            # some languages); a longer one by its last word
            for name in (actor.name, *(parts if len(parts) == 2 else parts[-1:])):
                self.people.setdefault(fold(name), actor)
                self.first_words.add(first_word(fold(name)))
        self.recent.append(actor)
        self.salience.note_actor(actor)
        if len(self.recent) > 60:
            del self.recent[:20]

    def last(self, kinds: set[str], exclude: set[str] = frozenset()) -> Actor | None:
        for actor in reversed(self.recent):
            if actor.kind in kinds and actor.key not in exclude:
                return actor
        return None

    def last_with_role(self, role: str) -> Actor | None:
        for actor in reversed(self.recent):
            if actor.kind == "person" and actor.role == role:
                return actor
        return None


class ActorFinder:
    """Finds actor mentions in spaCy docs using the actor tables."""

    def __init__(self, table: ActorTable, words: Lexicon, max_words: int = 6):
        self.table = table
        self.place_preps = words.place_preps  # 'in Basra': where a city name counts as a place
        self.max_words = min(max_words, table.max_words() + 1)

    def find(self, doc, ctx: DocumentContext, day: dt.date | None) -> dict[int, ActorMention]:
        """token index -> mention, for every token that is part of an actor name or office."""
        found: dict[int, ActorMention] = {}
        i, n = 0, len(doc)
        words = _Words(doc)
        while i < n:
            mention = self._longest(doc, words, i, ctx, day)
            if mention is None:
                i += 1
                continue
            for k in range(mention.start, mention.end):
                found[k] = mention
            i = mention.end
        self._unknown_people(doc, found, ctx)
        return found

    def _longest(self, doc, words: _Words, i: int, ctx: DocumentContext, day) -> ActorMention | None:
        """The longest actor name or office starting at token i; the text of each candidate length
        is cut from the sentence's text (a span is made only for the name found)."""
        first = words.texts[i]
        if not first[:1].isalpha():
            return None
        start = first_word(fold(first))
        longest = max(self.table.first_words.get(start, 0), 4 if start in ctx.first_words else 0)
        if not longest:
            return None
        capital = first[:1].isupper()
        for j in range(min(len(words.texts), i + longest), i, -1):
            text = words.text[words.starts[i]:words.ends[j - 1]]
            entries = self.table.lookup(text)
            if entries and all(e.kind == "city" for e in entries) and not (
                    i > 0 and words.texts[i - 1].lower() in self.place_preps):
                entries = []  # a city name counts only where the text puts something in it ('in Basra')
            if capital and j - i <= 4:  # the article's own Mao Ning before the tables' Mao Zedong
                person = ctx.people.get(fold(text))
                if person is not None and doc[j - 1].pos_ == "PROPN":
                    return ActorMention(i, j, "person", Actor(person.name, text, person.country, person.sector,
                                                              person.role, "person"))
            if entries and (capital or text in self.table.exact):
                return self._from_entries(doc[i:j], entries, day)
            role = self.table.role_of(text)
            if role and not (j - i == 1 and first.lower() in ("pm",) and first != "PM"):
                return ActorMention(i, j, "role", None, role)
        return None

    def _from_entries(self, span, entries: list[Entry], day) -> ActorMention:
        entry = min(entries, key=lambda e: KIND_PRIORITY.get(e.kind, 9))
        people = [e for e in entries if e.kind == "person"]
        if len(people) > 1:  # "Bush": the one in office on the day, else the most recent
            in_office = [e for e in people if (t := self.table.tenure(e.name, day)) is not None and t.covers(day)]
            entry = max(in_office or people, key=lambda e: self.table.latest_start(e.name))
        if entry.kind == "person":
            actor = self.table.person_actor(entry.name, span.text, day)
            if actor.country is None:
                actor = Actor(entry.name, span.text, entry.code, entry.sector, None, "person")
        elif entry.kind == "group":
            actor = Actor(entry.name, span.text, entry.code, entry.sector, None, "group")
        else:
            actor = self.table.country_actor(entry.code, span.text, entry.sector)
        return ActorMention(span.start, span.end, entry.kind, actor)

    def _unknown_people(self, doc, found: dict[int, ActorMention], ctx: DocumentContext) -> None:
        """People not in the tables (a PERSON entity, or proper names right after a title such as
        'Chancellor'): an actor whose country comes from the title next to it."""
        for ent in [*doc.ents, *self._names_after_titles(doc, found)]:
            if ent.label_ != "PERSON" or any(k in found for k in range(ent.start, ent.end)):
                continue
            if len(ent) == 1 and not _name_like(ent[0]):
                continue
            known = ctx.people.get(fold(ent.text)) or ctx.people.get(fold(ent[-1].text))
            if known is not None:
                actor = Actor(known.name, ent.text, known.country, known.sector, known.role, "person")
            else:
                country, role = self._title_before(doc, ent.start, found)
                actor = Actor(ent.text, ent.text, country, "GOV" if role else None, role, "person")
            mention = ActorMention(ent.start, ent.end, "person", actor)
            for k in range(ent.start, ent.end):
                found[k] = mention

    def _names_after_titles(self, doc, found: dict[int, ActorMention]) -> list:
        """'Chancellor Olaf Scholz' -> the span 'Olaf Scholz', labelled PERSON."""
        from spacy.tokens import Span

        spans = []
        for i in range(len(doc)):
            m = found.get(i)
            titled = m is not None and m.kind == "role" and i == m.end - 1
            # 'Libyan leader Muammar Gaddafi': a generic title right after a nationality word
            generic = (m is None and doc[i].lemma_.lower() in self.table.agents and i > 0
                       and found.get(i - 1) is not None and found[i - 1].kind in ("demonym", "country"))
            if not (titled or generic):
                continue
            j = i + 1
            while j < len(doc) and j not in found and _name_like(doc[j]) and doc[j].text[:1].isupper():
                j += 1
            if j - (i + 1) >= 2 or (j - (i + 1) == 1 and j < len(doc) and not _name_like(doc[j])):
                spans.append(Span(doc, i + 1, j, label="PERSON"))
        return spans

    def _title_before(self, doc, start: int, found: dict[int, ActorMention]) -> tuple[str | None, str | None]:
        """'Ukrainian Ambassador Yevgen Korniychuk' -> ('UKR', 'Ambassador')."""
        country = role = None
        k = start - 1
        while k >= 0 and start - k <= 6:
            m = found.get(k)
            tok = doc[k]
            if m is None and not (tok.text[:1].isupper() or tok.lower_ in ("of", "the", "'s", "’s", "to", "for")
                                  or tok.lemma_.lower() in self.table.agents
                                  or tok.lower_ in ("junior", "senior", "deputy", "acting", "former", "new")):
                break
            if m is not None and m.kind == "role" and role is None:
                role = m.role[0]
            elif m is None and tok.lemma_.lower() in ("leader", "envoy", "official", "diplomat", "spokesman",
                                                      "spokeswoman", "commander", "general", "negotiator"):
                role = role or tok.text.capitalize()
            elif m is not None and m.kind == "person":
                break
            elif m is not None and m.actor is not None and country is None and m.kind != "person":
                if not (k > 0 and doc[k - 1].lower_ == "to"):
                    country = m.actor.country
            k = (m.start if m is not None else k) - 1
        return country, role


class _Words:
    """The tokens of a sentence as plain lists: text, and where each starts and ends in the text
    (the sentence's text is read once: spaCy joins it from the tokens at each reading)."""

    def __init__(self, doc):
        self.text: str = doc.text
        self.texts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for token in doc:
            self.texts.append(token.text)
            self.starts.append(token.idx)
            self.ends.append(token.idx + len(token.text))


def _name_like(tok) -> bool:
    """A proper noun; in a sentence read without the tagger (not parsed: no trigger in it), a
    capitalised word, so that 'Spokeswoman Mao Ning said ...' still names Mao Ning for a later 'she'."""
    if tok.pos_:
        return tok.pos_ == "PROPN"
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start

