"""What an article is about, sentence by sentence: the account that per-sentence rules cannot reach.

An article keeps returning to the actors and acts it has named: "the move", "the ban", "the launch"
stand for an act reported before (and so for its author); "its neighbour", "the other side" for the
other party the article is about; "the two countries" for the pair it has named most. `Salience`
keeps that account for one document: the events extracted so far and how often each country was
named, and answers those references.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .language import Lexicon
from .records import Actor, EventMention

# how many earlier events a reference may reach back to
HISTORY = 12


@dataclass
class Salience:
    """The events and countries one document has named so far."""

    events: list[EventMention] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    actors: dict[str, Actor] = field(default_factory=dict)  # country code -> first actor naming it
    lead: list[Actor] = field(default_factory=list)  # the actors of the sentence before, in order of mention
    agreements: list[tuple[Actor, ...]] = field(default_factory=list)  # the parties of each agreement named

    def end_sentence(self, actors: list[Actor]) -> None:
        """The sentence is read: its actors become the ones a pronoun in the next sentence looks back to."""
        self.lead = actors

    def leading(self, kinds: set[str]) -> Actor | None:
        """The first actor of the right kind named in the sentence before: the one it is about
        ('Egypt, at odds with Ethiopia, ... . It signed a pact': it is Egypt)."""
        return next((a for a in self.lead if a.kind in kinds), None)

    def note_agreement(self, parties: list[Actor]) -> None:
        """An agreement was reported ('Ethiopia signed a deal with ...'): later, 'the deal' stands for them."""
        if parties:
            self.agreements.append(tuple(parties))
            del self.agreements[:-HISTORY]

    def agreement_parties(self, exclude: set[str]) -> list[Actor]:
        """The parties of the latest agreement reported that are not one of `exclude` (country codes)."""
        for parties in reversed(self.agreements):
            return [a for a in parties if a.country and a.country not in exclude]
        return []

    def note_actor(self, actor: Actor) -> None:
        if actor.country and actor.kind in ("country", "person", "organization", "group"):
            self.countries[actor.country] += 1
            self.actors.setdefault(actor.country, actor)

    def note_events(self, mentions: list[EventMention]) -> None:
        self.events.extend(m for m in mentions if m.status in ("occurred", "planned", "disputed", "alleged"))
        del self.events[:-HISTORY]

    def act_author(self, exclude: set[str]) -> Actor | None:
        """The author of the latest act reported whose author is not one of `exclude` (country codes);
        when no act was reported, the country the document names most (it is what the article is about)."""
        for m in reversed(self.events):
            if m.source.country and m.source.country not in exclude:
                return m.source
        return self.other_party(exclude)

    def other_party(self, exclude: set[str]) -> Actor | None:
        """The most named country of the document that is not one of `exclude`."""
        for code, _ in self.countries.most_common():
            if code not in exclude:
                return self.actors[code]
        return None


def is_act_reference(tok, words: Lexicon) -> bool:
    """'the move', 'this decision', 'the launch': a definite act noun with no owner of its own."""
    if tok.pos_ != "NOUN" or tok.lower_ not in words.act_references:
        return False
    dets = [c for c in tok.children if c.dep_ == "det"]
    owned = any(c.dep_ in ("poss", "compound", "amod", "nmod") and (
        c.pos_ in ("PROPN", "PRON") or (c.pos_ == "ADJ" and c.text[:1].isupper()))  # 'Israeli', not 'irrational'
                for c in tok.children)
    by = any(c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of", "from") for c in tok.children)
    return bool(dets) and dets[0].lower_ in words.definite and not owned and not by
