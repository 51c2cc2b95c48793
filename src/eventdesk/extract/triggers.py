"""Triggers: the tokens where a codebook pattern applies, and the candidate events found there."""

from __future__ import annotations

from collections.abc import Iterator

from ..codebook import Pattern
from ..language import Lexicon
from .context import Candidate, SentenceState
from .parties import pairs
from .slots import object_text
from .syntax import modifier_lemmas, nearby_lemmas


def part_of_speech(tok) -> str | None:
    """'verb' (verbs, adjectives, a root auxiliary), 'noun' (nouns and names), or None."""
    if tok.pos_ in ("VERB", "ADJ") or (tok.pos_ == "AUX" and tok.dep_ == "ROOT") or is_mistagged_verb(tok):
        return "verb"
    return "noun" if tok.pos_ in ("NOUN", "PROPN") else None


def is_mistagged_verb(tok) -> bool:
    """'Vietnam protests and demands that China ...': a plural-looking noun at the root with a subject of
    its own (or joined to one) is a present-tense verb the tagger missed."""
    head = tok.head if tok.dep_ == "conj" else tok
    return tok.tag_ == "NNS" and head.dep_ == "ROOT" and head.tag_ == "NNS" and \
        any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in head.children)


def applicable(st: SentenceState) -> dict[int, list[Pattern]]:
    """Token index -> the patterns whose conditions hold there (evaluated once per sentence)."""
    out = {}
    for tok in st.sent:
        pos = part_of_speech(tok)
        if pos is not None:
            patterns = [p for p in st.book.for_token(pos, tok.lemma_.lower()) if conditions_hold(tok, p, st.words)]
            if patterns:
                out[tok.i] = patterns
    return out


def conditions_hold(tok, pattern: Pattern, words: Lexicon) -> bool:
    """The pattern's `requires`, `forbids` and `light` conditions at `tok`."""
    near = nearby_lemmas(tok, words.time_words, words.quantity_nouns) if pattern.pos == "verb" else modifier_lemmas(tok)
    deps = {c.dep_ for c in tok.children}
    if pattern.requires and not any(r in near for r in pattern.requires):
        return False
    for f in pattern.forbids:
        if (f.startswith("dep:") and f[4:] in deps) or (not f.startswith("dep:") and f in near):
            return False
    if pattern.light:
        head = tok.head
        if not (tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj") and head.lemma_.lower() in pattern.light):
            return False
    return True


def candidates(st: SentenceState, tok, patterns: list[Pattern]) -> Iterator[Candidate]:
    """The events of the first applicable pattern at `tok` that finds two different parties."""
    if tok.i in st.found and st.found[tok.i].kind != "role":
        return
    for pattern in patterns:
        found = [(a, b, sym) for a, b, sym in pairs(st, tok, pattern) if a.key != b.key]
        if found:
            obj = object_text(st, tok, pattern)
            for source, target, symmetric in found:
                yield Candidate(tok, pattern, source, target, symmetric, obj)
            return
