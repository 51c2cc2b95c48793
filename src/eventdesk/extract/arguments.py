"""Who the arguments of a trigger are: its subject, its agent, the objects of its prepositions.

These finders follow the parse from a trigger to the actors in a grammatical position; the codebook
names positions by slot (slots.py), and each slot is built from these.
"""

from __future__ import annotations

from ..records import Actor
from .context import SentenceState, unique
from .places import people_where_thing_is
from .resolve import conjuncts, resolve, resolve_all
from .syntax import ancestors, children, counted_nouns, is_passive, is_to_infinitive, objects_of, pobjs, preps


def subject(st: SentenceState, tok) -> list[Actor]:
    """Who does the act: the subject, the agent of a passive, the subject of the verb a clause
    hangs on ('is expected to visit', 'agreed to withdraw'), the head of a relative clause."""
    t = tok
    raised = False  # reached through "is expected / scheduled / due to <trigger>"
    for _ in range(9):
        if t is not tok and t.lemma_.lower() in st.words.decision_nouns and st.book.uses("decision_owner"):
            owners = [a for c in children(t, "poss") for a in resolve_all(st, c)]
            if owners:
                return owners
        if is_passive(t):
            found = agent(st, t)
            if found:
                return found
            if raised:  # "Kishida is expected to visit": Kishida visits
                subj = children(t, "nsubjpass")
                if subj:
                    return [a for s in subj for a in resolve_all(st, s)]
        else:
            subj = children(t, "nsubj", "csubj", "expl") or name_as_prep(st, t)
            if subj:
                return [a for s in subj for a in resolve_all(st, s)]
        if t.dep_ == "relcl":
            return resolve_all(st, t.head)
        charged = accused(st, t) if st.book.uses("alleged_acts") else []
        if charged:  # "accused Turkey of shelling the resort": Turkey is said to have shelled it
            return charged
        if t.dep_ == "acl" and t.tag_ == "VBG" and (
                t.head.i in st.found or t.head.lemma_.lower() in st.table.agents):
            actors = resolve_all(st, t.head)  # "Colonna, visiting Yerevan, said ...": the named actor acts
            if actors:
                return actors
        if t.dep_ in ("acomp", "xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "dobj"):
            if t.dep_ == "xcomp":
                objects = children(t.head, "dobj")
                if objects and t.head.lemma_.lower() not in st.words.promise_verbs:
                    resolved = [a for o in objects for a in resolve_all(st, o)]
                    if resolved:
                        return resolved
            raised = t.dep_ == "xcomp"
            t = t.head
            continue
        break
    return []


def accused(st: SentenceState, tok) -> list[Actor]:
    """Whom the accusation that `tok` is the gerund clause of ('of shelling', 'with spying') accuses."""
    prep = tok.head
    if tok.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "with"):
        return []
    verb = prep.head
    if verb.lemma_.lower() not in st.lists["accusation_verbs"]:
        return []
    return [a for c in children(verb, "nsubjpass" if is_passive(verb) else "dobj") for a in resolve_all(st, c)]


def agent(st: SentenceState, tok) -> list[Actor]:
    """'attacked by X': the agent of a passive."""
    for c in children(tok, "agent"):
        return [a for o in pobjs(c) for a in resolve_all(st, o)]
    return []


def state_subject(st: SentenceState, tok) -> list[Actor]:
    """Who is in the state a participle names ('Hungary is opposed to'); the parser may hang the
    subject on the verb 'is'."""
    holders = [tok, *children(tok, "auxpass", "aux")]
    if tok.dep_ == "acomp":  # "Turkey is opposed to": an adjective after 'is'
        holders.append(tok.head)
    return [a for h in holders for c in children(h, "nsubjpass", "nsubj") for a in resolve_all(st, c)]


def name_as_prep(st: SentenceState, tok) -> list:
    """'Barack Obama and Vladimir Putin met': a first name the tagger took for a preposition, before
    the verb, is the subject."""
    return [c for c in children(tok, "prep") if c.i < tok.i and c.pos_ == "ADP"
            and (m := st.found.get(c.i)) is not None and m.kind == "person"]


def is_agentless_passive(tok) -> bool:
    """'were killed in Ukraine', '10 soldiers killed in ...' (a participle with no 'by')."""
    passive = is_passive(tok) or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "ROOT", "ccomp"))
    return passive and not any(c.dep_ == "agent" for c in tok.children)


def weapons(st: SentenceState, tok) -> list:
    """The means of an attack named in the subject or a by/in phrase: 'a roadside bomb killed',
    'were killed in an Israeli airstrike', 'killed by an improvised explosive device'."""
    out = children(tok, "nsubj", "csubj")
    out += [o for c in tok.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in") for o in pobjs(c)]
    attacks = st.words.attack_means
    return [w for w in out if w.lemma_.lower() in attacks and w.i not in st.found]


def subject_conjuncts(st: SentenceState, tok) -> list[Actor]:
    """'Israel and Egypt agreed': the parties joined to the first subject."""
    subj = children(tok, "nsubj")
    if not subj:
        return []
    return [a for c in conjuncts(st, subj[0]) for a in resolve(st, c)]


def light_subject(st: SentenceState, tok) -> list[Actor]:
    """'held talks', 'made a visit': the subject of the light verb a noun trigger is the object of."""
    counted = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if counted is not None and (counted.pos_ == "NUM" or counted.lower_ in st.words.quantity_nouns):
        tok = counted  # "launched dozens of airstrikes": the airstrikes are what was launched
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "with":  # "China responded to the trip with military exercises"
        responding = next((a for a in ancestors(tok, 4) if a.pos_ == "VERB"), None)
        if responding is not None and responding.lemma_.lower() in st.words.response_verbs:
            return subject(st, responding)
    if tok.dep_ == "pobj" and tok.head.lower_ in st.words.setting_preps and tok.lemma_.lower() in st.words.meeting_nouns \
            and verb.pos_ in ("VERB", "AUX"):
        return subject(st, verb)  # "In a phone call with Macron, Scholz said", "X is on a visit to Y"
    if verb.lemma_.lower() not in st.lists["light_verbs"]:
        return []
    if tok.dep_ in ("dobj", "attr", "conj") and tok.head.pos_ in ("VERB", "AUX"):
        return subject(st, tok.head)
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        return subject(st, tok.head.head)
    return []


def implied_noun_target(st: SentenceState, tok) -> list[Actor]:
    """'Israel rejected a request from Ukraine': the request was made to Israel."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in st.words.answer_verbs:
        return subject(st, tok.head)
    return []


def placed_triggers(st: SentenceState) -> frozenset[str]:
    return st.words.placed_targets


def prep_actors(st: SentenceState, tok, prep: str, conj: bool = True) -> list[Actor]:
    """The actors in the `prep` phrase of a trigger, or of its object ('presented evidence against
    Russia'), or of the act a noun trigger names ('the suspension of air links with Serbia')."""
    out = []
    holders = prep_holders(st, tok, prep)
    for h in holders:
        for c in h.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                for o in children(c, "pobj", "pcomp"):
                    out += resolve_all(st, o) if conj else resolve(st, o)
        if out:
            break
    if not out and prep == "from":  # "pulled its troops out of Lebanon"
        out = out_of(st, holders)
    if not out and prep in ("on", "upon", "to") and any(c.dep_ == "prt" and c.lower_ == prep for c in tok.children):
        out = [a for c in children(tok, "dobj") for a in resolve_all(st, c)]
    if not out and tok.lemma_.lower() in st.words.travel_verbs | placed_triggers(st):  # 'arrived in Goa', 'from Kherson'
        out = [st.table.country_actor(m.actor.country, o.text) for c in preps(tok, prep)
               for o in c.children if (m := st.found.get(o.i)) is not None and m.kind == "city"]
    if not out:  # 'struck sites near Tehran', 'launched strikes on bases in Syria': the place stands for its people
        placed = [h for h in holders if h.lemma_.lower() in placed_triggers(st)]
        out = [a for h in placed for o in objects_of(h, prep) for a in people_where_thing_is(st, o)]
    return unique(out)


def prep_holders(st: SentenceState, tok, prep: str) -> list:
    """Where a `prep` phrase of a trigger may hang: the trigger, its object, and for a noun trigger
    its relative clause, its verb, and the thing it acts on."""
    # the object's own phrase: 'presented evidence against Russia', 'evidence against Russia was presented'
    holders = [tok] + [c for c in children(tok, "dobj", "nsubjpass") if prep != "between"]
    # "reserves the right to retaliate against X": the object's to-infinitive holds the phrase
    holders += [g for h in holders[1:] for g in children(h, "acl") if g.pos_ == "VERB" and is_to_infinitive(g)]
    # "closed three of its crossings to Russia": a counted object's own noun holds the phrase
    holders += [o for h in holders[1:] if h.pos_ == "NUM" or h.lower_ in st.words.quantity_nouns for o in counted_nouns(h)]
    if tok.pos_ in ("NOUN", "PROPN"):
        holders += [c for c in children(tok, "relcl", "acl") if c.pos_ == "VERB"]
        if prep in ("with", "to"):  # "the suspension of air links with Serbia": the act's object holds it
            holders += objects_of(tok, "of")
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
            holders.append(tok.head)
        if prep == "from":  # "the withdrawal of some forces from Panama"
            holders += objects_of(tok, "of")
        counted = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if counted is not None and counted.lower_ in st.words.quantity_nouns:
            holders.append(counted)  # "a new round of drills near Taiwan": the round holds the phrase
    return holders


def out_of(st: SentenceState, holders: list) -> list[Actor]:
    """'pulled its troops out of Lebanon': the place left, as 'from'."""
    out = []
    for h in holders:
        for c in h.children:
            if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod"):
                out += [a for o in objects_of(c, "of") for a in resolve_all(st, o)]
            if c.dep_ == "prep" and c.lower_ == "of" and any(
                    x.lower_ == "out" for x in h.children if x.dep_ in ("prt", "advmod")):
                out += [a for o in pobjs(c) for a in resolve_all(st, o)]
    return out

