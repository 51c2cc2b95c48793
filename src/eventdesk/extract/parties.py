"""Who acts on whom: the (source, target, symmetric) pairs of a trigger, by its pattern's slots.

The slots are tried in the pattern's order; the first that finds placed actors wins. Some events
name their parties by shape rather than slot: 'a meeting between X and Y', 'the US, Russia and
Switzerland met', a protest aimed at the government where it happens, the victims of an attack.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..codebook import Pattern
from ..records import Actor
from .arguments import implied_noun_target, is_agentless_passive, prep_actors, weapons
from .context import SentenceState
from .places import place_country, sentence_country
from .resolve import resolve_all
from .slots import between, find
from .syntax import children, is_passive, phrase, pobjs, preps


def pairs(st: SentenceState, tok, p: Pattern) -> Iterator[tuple[Actor, Actor, bool]]:
    """Every (source, target, symmetric) the pattern `p` finds at trigger `tok`."""
    if "between" in p.target:
        both = between(st, tok)
        mediated = "between_each" in p.target and sources(st, tok, p)  # a mediator faces each side
        if len(both) >= 2 and not mediated:
            yield from each_side(st, p, both[0], both[1])
            return
    found_sources = sources(st, tok, p)
    if p.source_sectors:  # "the foreign ministry protested" is a complaint, not a street protest
        found_sources = [a for a in found_sources if (a.sector or "GOV") in p.source_sectors]
    if p.pos == "noun" and p.symmetric and len(found_sources) < 2:
        inside = relative_clause_parties(st, tok)  # "a call in which Biden and Sisi agreed"
        if len(inside) >= 2:
            found_sources = inside
    implied = not found_sources and p.type in st.book.punitive_types | {"CONCEDE"} and p.pos == "verb" \
        and is_agentless_passive(tok) and st.book.uses("implied_agents")
    if implied:  # "the Chinese troops were detained", "he was released after two months"
        targets = find_targets(st, tok, p, [])
        agent = st.ctx.salience.other_party({t.country for t in targets if t.country})
        found_sources = [agent] if agent is not None and targets else []
    if not found_sources:
        return
    targets = find_targets(st, tok, p, found_sources)
    pairs_of_sources = p.pos == "noun" or "subj_conj" in p.target  # not 'Iraq and Oman hosted talks'
    if not targets and p.symmetric and len(found_sources) >= 2 and pairs_of_sources:
        for i, a in enumerate(found_sources[:4]):  # "The US, Russia and Switzerland met": every pair
            for b in found_sources[i + 1:4]:
                yield from each_side(st, p, a, b)
        return
    for s in found_sources[:4]:  # "Mali, Niger and Burkina Faso recalled their ambassadors"
        for t in targets[:6]:  # "lifted embargoes on Iran, Libya, North Korea, Sudan and Cuba"
            if p.symmetric:
                yield from each_side(st, p, s, t)
            else:
                yield s, t, False


def each_side(st: SentenceState, p: Pattern, a: Actor, b: Actor) -> Iterator[tuple[Actor, Actor, bool]]:
    """A symmetric pair; a clash is an attack by each side on the other, so two directed pairs."""
    if p.type == "ASSAULT" and st.book.uses("clashes_each_way"):
        yield a, b, False
        yield b, a, False
    else:
        yield a, b, True


def find_targets(st: SentenceState, tok, p: Pattern, found_sources: list[Actor]) -> list[Actor]:
    """The targets by the pattern's target slots, in order; for a noun, whom a rejected request was
    made to; for a protest, whom it is aimed at."""
    targets: list[Actor] = []
    for name in p.target:
        if name == "between":
            continue
        if name == "subj_conj":
            if len(found_sources) >= 2 and p.symmetric:
                break  # the subject holds every side: all pairs, below
            conj = find(st, "target", name, tok, p, found_sources)
            if conj:
                targets = conj
                break
            continue
        found = find(st, "target", name, tok, p, found_sources)
        if p.type == "ASSAULT":
            found = [placed_victim(st, tok, a, found_sources) for a in found or victims(st, tok, name)]
        targets = [a for a in found if all(a.key != s.key for s in found_sources)
                   and (a.country or (p.type in st.book.domestic_types and (
                           a.kind == "group" or (a.kind == "person" and a.role is not None))))]
        if targets:
            break
    if not targets and p.pos == "noun":
        targets = implied_noun_target(st, tok)
    if not targets and p.type == "PROTEST":
        targets = protest_reason(st, tok) or protest_target(st, found_sources)
    return targets


def sources(st: SentenceState, tok, p: Pattern) -> list[Actor]:
    """The sources by the pattern's source slots: the first slot with a placed actor wins."""
    unplaced: list[Actor] = []
    for name in p.source:
        actors = find(st, "source", name, tok, p, [])
        if actors and any(a.country for a in actors):
            return actors
        unplaced = unplaced or actors  # "the withdrawal of some forces": who withdrew them may follow
    return unplaced


def relative_clause_parties(st: SentenceState, tok) -> list[Actor]:
    """'a call in which Biden and Sisi agreed': the subject of the relative clause."""
    for c in children(tok, "relcl"):
        subj = children(c, "nsubj")
        if subj:
            return resolve_all(st, subj[0])
    return []


def protest_reason(st: SentenceState, tok) -> list[Actor]:
    """A protest is aimed at whoever owns what it protests: 'in protest of the government's refusal',
    'in defiance of Chinese authorities', 'to protest against Sweden's decision', 'to demand the
    resignation of X', 'during demonstrations against violations by the army'."""
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") else tok  # 'began a hunger strike'
    if verb.dep_ == "prep":
        verb = verb.head
    for h in (tok, verb):
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "as", "during", "amid"):
                for o in pobjs(c):
                    if o.lemma_.lower() in st.words.protest_reasons:
                        found = aimed_at(st, o)
                        if found:
                            return found
            if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in st.words.protest_aims and \
                    any(m.lower_ == "to" for m in c.children):
                found = [a for prep in ("against", "at", "over") for a in prep_actors(st, c, prep)]
                found = found or [a for o in children(c, "dobj") for a in resolve_all(st, o) or aimed_at(st, o)]
                if found:
                    return found
    return []


def aimed_at(st: SentenceState, noun) -> list[Actor]:
    """The actors a protest noun or a demanded thing is aimed at ('defiance of X', 'disapproval for X')."""
    return [a for c in preps(noun, "of", "against", "at", "over", "for", "with", "to")
            for o in pobjs(c) for a in resolve_all(st, o)]


def protest_target(st: SentenceState, found_sources: list[Actor]) -> list[Actor]:
    """A protest with no stated target is aimed at the government where it happens."""
    where = sentence_country(st) or next((s.country for s in found_sources if s.country), None)
    return [st.table.country_actor(where, "(the government)")] if where else []


def victims(st: SentenceState, tok, name: str) -> list[Actor]:
    """'Four children and a man were killed': people named by no actor noun are victims all the same."""
    if name != "dobj":
        return []
    heads = children(tok, "nsubjpass" if is_passive(tok) else "dobj")
    if not heads and tok.dep_ == "acl" and tok.tag_ == "VBN":
        heads = [tok.head]
    return [Actor(name=phrase(h, 6), text=phrase(h, 6), country=None, sector="CVL", kind="group")
            for h in heads for t in [h, *h.conjuncts] if t.lemma_.lower() in st.words.victim_nouns][:1]


def placed_victim(st: SentenceState, tok, actor: Actor, found_sources: list[Actor]) -> Actor:
    """A group attacked with no country of its own: the people where the attack happened or struck
    ('were killed in a Russian missile strike on Kharkiv'); protesters or people facing their own
    police, of the police's country. Never by unnamed attackers' place (they are placed by it)."""
    if actor.country or actor.kind != "group" or all(s.sector == "UNK" for s in found_sources):
        return actor
    where = sentence_country(st) or next((c for w in weapons(st, tok)
                                          for p in preps(w, *st.words.measure_preps, "against", "at", "of")
                                          if (c := place_country(st, p))), None)
    if where in {s.country for s in found_sources} and actor.sector not in st.book.sector_set("nonstate"):
        where = None  # "Cambodian troops opened fire, injuring two soldiers": not soldiers of their own
    if where is None and (actor.sector in st.book.sector_set("protest") or any(s.sector == "COP" for s in found_sources)):
        where = next((s.country for s in found_sources if s.country), None)
    return replace(actor, country=where) if where else actor
