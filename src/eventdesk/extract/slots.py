"""Argument slots: the places in a parse where a pattern finds its source and its target.

The codebook names a slot per pattern (`source = ["subj"]`, `target = ["dobj", "to"]`); each slot
is a function registered here with `@slot(name)` (targets) or `@slot(name, side="source")`, and
the codebook loader accepts exactly the names registered here. A slot function takes the sentence
state, the trigger token, the pattern and the sources found so far (targets only), and returns actors.
"""

from __future__ import annotations

from collections.abc import Callable

from ..codebook import Pattern
from ..records import Actor
from .arguments import (
    agent,
    is_agentless_passive,
    light_subject,
    placed_triggers,
    prep_actors,
    state_subject,
    subject,
    subject_conjuncts,
    weapons,
)
from .context import SentenceState, unique
from .places import city_people, is_locative, measure_place, people_where_thing_is, unidentified_attackers
from .references import the_two
from .resolve import owner, resolve_all
from .syntax import children, is_condition, is_passive, objects_of, phrase, pobjs, preps

SlotFinder = Callable[[SentenceState, object, Pattern, list[Actor]], list[Actor]]
SLOTS: dict[str, dict[str, SlotFinder]] = {"source": {}, "target": {}}
# prepositions a pattern may name as a slot: the objects of that preposition ('talks with X')
SOURCE_PREPOSITIONS = ("from", "by", "of")
TARGET_PREPOSITIONS = ("near", "along", "outside", "with", "to", "against", "on", "for", "from", "about", "over",
                       "into", "toward", "towards", "at", "of", "in", "upon", "across", "among", "by", "onto",
                       "off", "out", "after", "around", "behind")


def slot(name: str, side: str = "target") -> Callable[[SlotFinder], SlotFinder]:
    """Register a slot function under `name` for the source or the target side."""
    def register(finder: SlotFinder) -> SlotFinder:
        if name in SLOTS[side]:
            raise ValueError(f"{side} slot {name!r} registered twice")
        SLOTS[side][name] = finder
        return finder
    return register


def slot_names(side: str) -> frozenset[str]:
    """The slot names a codebook pattern may use on `side` ("source" or "target")."""
    return frozenset(SLOTS[side])


def find(st: SentenceState, side: str, name: str, tok, pattern: Pattern, sources: list[Actor]) -> list[Actor]:
    return SLOTS[side][name](st, tok, pattern, sources)


def _preposition(prep: str) -> SlotFinder:
    def finder(st: SentenceState, tok, pattern: Pattern, sources: list[Actor]) -> list[Actor]:
        return prep_actors(st, tok, prep)
    finder.__doc__ = f"The actors in the '{prep}' phrase of the trigger or of its object."
    return finder


for _prep in SOURCE_PREPOSITIONS:
    slot(_prep, side="source")(_preposition(_prep))
for _prep in TARGET_PREPOSITIONS:
    slot(_prep)(_preposition(_prep))


# -- sources ----------------------------------------------------------------------
@slot("subj", side="source")
def _source_subject(st, tok, pattern, sources):
    """The subject; for an attack with none, the owner of its weapon ('an Israeli airstrike killed')
    or, for a bomb or an agentless passive, unidentified attackers where it happened."""
    actors = subject(st, tok)
    if not actors and pattern.type == "ASSAULT":
        means = weapons(st, tok)
        actors = [a for w in means if (a := owner(st, w)) is not None and a.country]
        local = any(w.lemma_.lower() in st.words.local_means for w in means)
        if not actors and (local or is_agentless_passive(tok)):
            actors = unidentified_attackers(st)
    return actors


@slot("agent", side="source")
def _source_agent(st, tok, pattern, sources):
    return agent(st, tok)


@slot("state_subj", side="source")
def _state_subject(st, tok, pattern, sources):
    """'Israel is opposed to': a state, not a passive ('opposed by')."""
    return [] if agent(st, tok) else state_subject(st, tok)


@slot("poss", side="source")
def _possessor(st, tok, pattern, sources):
    """'Israel's refusal'."""
    return [a for c in children(tok, "poss") for a in resolve_all(st, c)]


@slot("demonym", side="source")
def _demonym(st, tok, pattern, sources):
    """'the Israeli refusal': a country adjective (not a person's name) on the noun."""
    return [st.found[c.i].actor for c in children(tok, "amod", "compound", "nmod")
            if c.i in st.found and st.found[c.i].actor is not None and st.found[c.i].kind != "person"]


@slot("light", side="source")
def _light(st, tok, pattern, sources):
    return light_subject(st, tok)


@slot("patient", side="source")
def _patient(st, tok, pattern, sources):
    """'guerrillas have been demobilized': they themselves stand down."""
    if not is_agentless_passive(tok):
        return []
    return [a for c in children(tok, "nsubjpass") for a in resolve_all(st, c)]


@slot("previous_parties", side="source")
def _previous_parties(st, tok, pattern, sources):
    """'The talks were held over three days': a definite meeting noun that names no party stands for the
    parties of the meeting reported just before, else for the last two states the article named."""
    if not st.book.uses("centering") or objects_of(tok, "with", "between") or children(tok, "poss"):
        return []
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_.lower() not in st.words.occurrence_verbs:
        return []  # only where the sentence tells the meeting happening ('were held', 'took place', 'lasted')
    if not any(c.lower_ in st.words.definite for c in children(tok, "det")):
        return []
    for m in st.ctx.previous:
        if m.symmetric and m.target is not None:
            return [m.source, m.target]
    return the_two(st, tok)


@slot("border_parties", side="source")
def _border_parties(st, tok, pattern, sources):
    """'a week of bloody border clashes': a clash at a border that names neither side is between the
    two states the article is about."""
    if not st.book.uses("centering") or objects_of(tok, "between", "with") or children(tok, "poss"):
        return []
    if not any(c.lemma_.lower() in st.words.frontier_words for c in children(tok, "compound", "amod")):
        return []
    top = st.ctx.salience.countries.most_common(2)  # the two states the article names most
    return [st.ctx.salience.actors[code] for code, _ in top] if len(top) == 2 else []


# -- targets ----------------------------------------------------------------------
@slot("dobj")
def direct_object(st, tok, pattern, sources):
    """The object (the subject of a passive); 'soldiers killed in ...': the noun a participle qualifies;
    'kidnapped up to 16 advisers'; a place attacked for its people; an object moved behind 'as'."""
    passive = is_passive(tok)
    deps = ("nsubjpass",) if passive else ("dobj", "obj")
    found = [a for c in children(tok, *deps) for a in resolve_all(st, c)]
    if not found and not passive:  # 'declared the UAE an aggressor state', parsed as a small clause
        found = [a for c in children(tok, *deps) for s in children(c, "nsubj") for a in resolve_all(st, s)]
    if not found and tok.dep_ == "acl" and tok.tag_ == "VBN":
        found = resolve_all(st, tok.head)
    if not found and not passive:  # "kidnapped up to 16 Russian advisers" (parsed as a particle)
        ups = [c for c in children(tok, "prt") if c.lower_ == "up"]
        found = [a for u in ups for t in [*u.children, *tok.children] if t.dep_ == "prep" and t.lower_ == "to"
                 for o in pobjs(t) if any(n.dep_ == "nummod" for n in o.children)
                 for a in resolve_all(st, o)]
    if not found and tok.lemma_.lower() in placed_triggers(st):
        found = [a for c in children(tok, *deps) for a in people_where_thing_is(st, c) or city_people(st, c)]
    if not found and not passive and not children(tok, *deps):
        found = shifted_object(st, tok)
    return found


def shifted_object(st: SentenceState, tok) -> list[Actor]:
    """'denounced as a crime Serbia's crackdown', 'condemned as unacceptable allegations by Rwanda':
    a long object moved behind its 'as' phrase is parsed into that phrase."""
    out = []
    for c in preps(tok, "as"):
        if c.i > tok.i:
            for o in pobjs(c):
                if o.i not in st.found:
                    shifted = [o] if o.pos_ == "NOUN" and any(
                        g.dep_ in ("amod", "poss") or (g.dep_ == "prep" and g.lower_ in ("by", "of", "from"))
                        for g in o.children) else []
                    shifted += children(o, "appos")
                    out += [a for x in shifted for a in resolve_all(st, x)]
    return unique(out)


@slot("subj")
def _target_subject(st, tok, pattern, sources):
    """'received assurances from X': the receiver."""
    return subject(st, tok)


@slot("subj_conj")
def _subject_conjuncts(st, tok, pattern, sources):
    """'Israel and Egypt agreed': the other parties of the subject."""
    return subject_conjuncts(st, tok)


@slot("dative")
def _dative(st, tok, pattern, sources):
    return [a for c in children(tok, "dative", "iobj") for a in resolve_all(st, c)]


@slot("oprd")
def _predicate(st, tok, pattern, sources):
    """'called Aliyev the butcher of ...', parsed as two predicates."""
    return [a for c in children(tok, "oprd") for a in resolve_all(st, c)]


@slot("between")
def between(st, tok, pattern=None, sources=None):
    """'between X and Y', and 'between the French and Indian ministers'."""
    found = prep_actors(st, tok, "between", conj=True)
    if len(found) >= 2:
        return found
    for o in [o for c in preps(tok, "between") for o in c.children]:
        for mod in children(o, "amod", "compound", "nmod"):
            for t in [mod, *mod.conjuncts]:
                m = st.found.get(t.i)
                if m is not None and m.actor is not None and m.kind != "person":
                    found.append(st.table.country_actor(m.actor.country, phrase(o, 6),
                                                        st.table.agents.get(o.lemma_.lower())))
    return unique(found)


@slot("between_each")
def _between_each(st, tok, pattern, sources):
    """'mediated between X and Y', 'brokered a deal between X and Y': each side, facing the mediator."""
    return between(st, tok) or unique([a for c in children(tok, "dobj") for a in between(st, c)])


@slot("inner_to")
def _inner_to(st, tok, pattern, sources):
    """'advised against travel to Tunisia': where the act it speaks of goes."""
    things = children(tok, "dobj") + [o for c in children(tok, "prep") for o in children(c, "pobj", "pcomp")]
    return unique([a for t in things for a in prep_actors(st, t, "to")])


@slot("content_owner")
def content_owner(st, tok, pattern=None, sources=None):
    """'refused to respond to a demand from the US President': the author of the refused demand;
    'pulled out of a meeting with X': the partner; 'reneged on its pledge to Kyiv': the receiver."""
    requests = st.words.request_nouns
    for c in children(tok, "xcomp", "dobj", "prep", "ccomp"):
        for t in c.subtree:
            lemma, noun = t.lemma_.lower(), t.pos_ == "NOUN"
            if lemma in st.words.meeting_nouns and noun:  # "pulled out of a meeting with X"
                partners = prep_actors(st, t, "with")
                if partners:
                    return partners
            if lemma in st.words.promise_nouns and noun:
                receivers = prep_actors(st, t, "to")
                if receivers:
                    return receivers
            if lemma in requests and noun:
                owners = [a for g in children(t, "poss") for a in resolve_all(st, g)]
                owners += [a for g in preps(t, "from", "by", "of") for o in pobjs(g) for a in resolve_all(st, o)]
                if owners:
                    return owners
    return []


@slot("asked_for")
def _asked_for(st, tok, pattern, sources):
    """'called for the withdrawal of French troops', 'called for better ties with Algeria': whom what is
    asked for concerns (the 'for' object itself, its owner, or the actors in its own phrases)."""
    out = []
    for o in objects_of(tok, "for"):
        found = resolve_all(st, o)
        if not found:
            found = [a for c in children(o, "poss") for a in resolve_all(st, c)]
            found += [a for x in objects_of(o, "of", "with", "from", "against", "between") for a in resolve_all(st, x)]
        out += found
    return unique(out)


@slot("receiver")
def _receiver(st, tok, pattern, sources):
    """'X received criticism from Y', 'X faced condemnation': the subject of the verb the noun is the object of."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head  # 'came under criticism'
    return subject(st, verb) if tok.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" else []


@slot("obj_owner")
def _object_owner(st, tok, pattern, sources):
    """'froze Russia's assets', 'seized the property of X': whose the object is."""
    out = content_owner(st, tok)
    for c in children(tok, "dobj", "nsubjpass"):
        out += [a for g in children(c, "poss") for a in resolve_all(st, g)]
        out += prep_actors(st, c, "from") + prep_actors(st, c, "of")
        out += [st.found[g.i].actor for g in children(c, "amod", "compound")
                if g.i in st.found and st.found[g.i].actor is not None]
    return unique(out)


@slot("war_aim")
def _war_aim(st, tok, pattern, sources):
    """'mobilized reservists for a possible war against Iraq', 'massed troops in preparation for an
    invasion of Ukraine': the enemy of the war the force is readied for."""
    holders = [tok, *children(tok, "dobj")]
    wars = [o for h in holders for c in preps(h, "for", "in", "ahead")
            for o in c.subtree if o.dep_ == "pobj" and o.lemma_.lower() in st.words.war_nouns]
    return [a for w in wars[:1] for c in preps(w, "against", "on", "with", "of", "into")
            for o in pobjs(c) for a in resolve_all(st, o)]


@slot("ccomp_subj")
def _clause_subject(st, tok, pattern, sources):
    """'warned that Iran would ...': the subject of the clause ('protests and demands that China ...': the
    clause the parser hung on the first of two joined verbs)."""
    clauses = children(tok, "ccomp", "xcomp")
    if not clauses and tok.dep_ == "conj" and tok.i < len(st.sent) - 1:
        clauses = [c for c in children(tok.head, "ccomp", "advcl") if c.i > tok.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    return unique([a for c in clauses for s in children(c, "nsubj", "nsubjpass") for a in resolve_all(st, s)])


@slot("ccomp_obj")
def _clause_object(st, tok, pattern, sources):
    return unique([a for c in children(tok, "ccomp", "xcomp") for s in children(c, "dobj", "dative")
                   for a in resolve_all(st, s)])


@slot("ccomp_actor")
def _clause_actor(st, tok, pattern, sources):
    """The first actor (not a place) in a clause of consequence ('warned it would be a mistake for X')."""
    out = []
    for c in children(tok, "ccomp", "xcomp"):
        lemmas = {t.lemma_.lower() for t in c.subtree}
        if lemmas & st.lists["consequence"] or any(t.lower_ in st.words.consequence_aux for t in c.subtree):
            for t in c.subtree:
                m = st.found.get(t.i)
                if m is not None and m.actor is not None and not is_locative(st, t):
                    out.append(m.actor)
                    break
    return unique(out)


@slot("xcomp_obj")
def _clause_target(st, tok, pattern, sources):
    """'threatened to impose X on Y', 'refused to deploy troops in Iraq', 'refused to commit to any
    assistance to X', 'threatened to strike unless Israel ...': whom the act in the clause is aimed at."""
    out = []
    for c in children(tok, "xcomp"):
        out += [a for o in children(c, "dobj", "dative") for a in resolve_all(st, o)]
        for prep in ("against", "on", "upon", "to", "at"):  # "threatened to impose X on Y"
            out = out or prep_actors(st, c, prep)
        if c.lemma_.lower() in placed_triggers(st):  # "refused to deploy troops in Iraq"
            out = out or prep_actors(st, c, "in") or prep_actors(st, c, "into")
        out = out or recipient(st, c)
        out = out or condition_subject(st, c)
    return out or condition_subject(st, tok)


@slot("xcomp_with")
def _clause_partner(st, tok, pattern, sources):
    return [a for c in children(tok, "xcomp") for a in prep_actors(st, c, "with")]


def recipient(st: SentenceState, tok) -> list[Actor]:
    """'refused to commit to any assistance to the US-led war': whom the help in the act is for."""
    things = children(tok, "dobj") + [o for c in children(tok, "prep") for o in pobjs(c)]
    for t in things:
        if t.lemma_.lower() in st.words.gift_nouns:
            found = prep_actors(st, t, "to") or prep_actors(st, t, "for")
            if found:
                return found
    return []


def condition_subject(st: SentenceState, tok) -> list[Actor]:
    """'threatened to strike unless Israel rescinded ...': the one the condition is put to."""
    for c in tok.children:
        if is_condition(c, st.words.condition_marks):
            return [a for s in children(c, "nsubj", "nsubjpass") for a in resolve_all(st, s)]
    return []


@slot("place")
def _place_people(st, tok, pattern, sources):
    """The people of the place a measure is taken in ('imposed a curfew in the town of Cizre',
    'lifted the state of emergency in Darfur'): a curfew or an emergency is aimed at those who live
    there, not at their government; an unknown or unnamed place is in the source's own country."""
    where = measure_place(st, tok)
    if where is None:
        home = next((s.country for s in sources if s.country), None)
        return [st.table.country_actor(home, "(the people)", "CVL")] if home else []
    return [st.table.country_actor(where[0], where[1], "CVL")]


@slot("abroad")
def _abroad(st, tok, pattern, sources):
    """A place in another country than the source's ('troops on alert in the West Bank');
    'police on alert in Nairobi' face no one."""
    where = measure_place(st, tok)
    if where is None or any(s.country == where[0] for s in sources):
        return []
    return [st.table.country_actor(where[0], where[1])]


# -- the object of an event -------------------------------------------------------
def object_text(st: SentenceState, tok, p: Pattern) -> str | None:
    """What an act gives, asks for or imposes ('imposed sanctions on two banks'), by the pattern's
    object slots."""
    for name in p.object:
        for h in object_heads(tok, name):
            if h.i in st.found or h.lower_ in st.words.person_pronouns | st.words.group_pronouns | st.words.time_words:
                continue  # 'imposed sanctions on Tuesday on two banks': the banks
            if h.pos_ in ("NOUN", "PROPN", "VERB"):
                return phrase(h, 10)
    return None


def object_heads(tok, name: str) -> list:
    if name == "dobj":
        return children(tok, "dobj")
    if name in ("xcomp_obj", "ccomp_obj"):
        inner = children(tok, "xcomp" if name == "xcomp_obj" else "ccomp")
        out = [o for c in inner for o in children(c, "dobj")]
        out += [o for c in inner for p in preps(c, "with") for o in pobjs(p)]
        return out + inner
    return objects_of(tok, name)


@slot("other_party")
def _other_party(st, tok, pattern, sources):
    """The other state the article is about: the one it names most that is not a source ('It warned
    that retaliatory steps will be taken', in an article about Russia and Britain)."""
    if not st.book.uses("other_party"):
        return []
    party = st.ctx.salience.other_party({a.country for a in sources if a.country})
    return [party] if party is not None else []

