"""The state one sentence is read with, and the candidate events found in it.

`SentenceState` holds what every stage of one sentence needs: the parse, the actor mentions found
in it, what the article said before (`DocumentContext`), the codebook, the actor tables and the
codebook's word lists. Stages are plain functions of a state and a token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..actors import ActorTable
from ..codebook import Codebook, Pattern
from ..language import Lexicon
from ..mentions import ActorMention, DocumentContext
from ..records import Actor


@dataclass
class SentenceState:
    sent: object  # the parsed sentence (a spaCy Doc)
    found: dict[int, ActorMention]  # token index -> the actor mention that starts or covers it
    ctx: DocumentContext
    book: Codebook
    table: ActorTable
    lists: dict[str, frozenset[str]]  # the codebook's word lists by name
    words: Lexicon  # the language's lexicon: the words the stages read the parse by
    modals: dict[str, Pattern]  # modal word -> the demand or appeal construction it makes
    where: str | None = field(default=None)  # the sentence's one country ("" when none), once computed


@dataclass
class Candidate:
    trigger: object  # spaCy Token
    pattern: Pattern
    source: Actor
    target: Actor
    symmetric: bool
    object: str | None
    committed: bool = False  # a threat or offer read from a commitment to act: it is made now
    content: object = None  # the clause that says what was demanded (its dates are not the demand's)
    alleged_by: Actor | None = None  # an act an accusation alleges ('accused X of shelling'): the accuser


def unique(actors: list[Actor]) -> list[Actor]:
    """The actors in order, each once (by key)."""
    seen, out = set(), []
    for a in actors:
        if a is not None and a.key not in seen:
            seen.add(a.key)
            out.append(a)
    return out
