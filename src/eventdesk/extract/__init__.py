"""Parsed sentences + actors -> event mentions, by the codebook.

For every token whose lemma is a trigger in the codebook, the pattern says where the source,
target and object are in the dependency parse. Actors come from the actor tables (through
`mentions.ActorFinder`), from titles ("the Israeli leader") and from earlier sentences
("he", "the defence minister"). Status (planned, negated, hypothetical, denied), attribution
and the event's own date are read from the words around the trigger.

The stages, each a module, imports running down this list only:

    syntax.py         the dependency tree: named predicates and walks (no actors, no codebook)
    context.py        SentenceState (what one sentence is read with) and Candidate
    places.py         where: the sentence's country, a measure's place, what a town stands for
    references.py     pronouns, 'the two sides', 'the ministry', nouns qualified by a country
    resolve.py        token -> actor
    agreements.py     agreements reported, remembered for 'the deal' later in the article
    arguments.py      subject, agent, objects of prepositions of a trigger
    slots.py          the @slot registry of argument positions the codebook names
    parties.py        (source, target) pairs of a trigger by its pattern's slots
    triggers.py       where patterns apply, and the candidate events there
    backoff.py        verbs the codebook lacks, coded by the CAMEO verb dictionary (mechanism backoff)
    modality.py       status, threats, promises, refusals, attribution, denials
    constructions.py  demands ('Y must Z') and events nested in another's content
    dating.py         the event's own date
    sentence.py       SentenceExtractor: the sequence for one sentence
    scope.py          the document-level pass: what an article's record keeps
"""

from .dating import anchor_of
from .sentence import SentenceExtractor

__all__ = ["SentenceExtractor", "anchor_of"]
