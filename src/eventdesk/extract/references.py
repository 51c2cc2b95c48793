"""References to actors named elsewhere: pronouns, 'the two sides', 'the ministry', nouns qualified
by a country ('the Israeli leader', 'Russia's military', 'his country', 'protesters in Cairo')."""

from __future__ import annotations

from ..records import Actor
from .context import SentenceState
from .places import is_locative, sentence_country
from .syntax import children, phrase, pobjs


def antecedent(st: SentenceState, tok, kinds: set[str]) -> Actor | None:
    """What a pronoun refers to: in its sentence, the subject of the clause it is in ('Mali accused
    Algeria of downing one of its drones': Mali), else the nearest earlier actor of the right kind;
    with none before it, the first actor of the sentence before (the one that sentence is about)."""
    earlier = [m.actor for k in range(tok.i - 1, -1, -1) if (m := st.found.get(k)) is not None
               and m.actor is not None and m.actor.kind in kinds and not is_locative(st, st.sent[k])]
    if not st.book.uses("centering"):
        return earlier[0] if earlier else st.ctx.last(kinds)
    if earlier:
        bound = clause_subject(st, tok, kinds)
        if bound is not None and tok.dep_ in ("dobj", "dative", "iobj", "nsubjpass"):
            # an object pronoun is not its own clause's subject: 'expelled the envoys and accused them of
            # spying', 'Russia said Ukraine attacked it'
            others = [a for a in earlier if a.key != bound.key]
            return others[0] if others else None
        if bound is None:
            bound = clause_body(st, tok, kinds)
            if bound is not None:
                return bound
        return bound if bound is not None and any(a.key == bound.key for a in earlier) else earlier[0]
    return st.ctx.salience.leading(kinds) or st.ctx.last(kinds)


def clause_subject(st: SentenceState, tok, kinds: set[str]) -> Actor | None:
    """The named subject of the nearest clause above `tok` that has one."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return None
        t = t.head
        for s in children(t, "nsubj"):
            m = st.found.get(s.i)
            if s.i != tok.i and m is not None and m.actor is not None and m.actor.kind in kinds:
                return m.actor
    return None


def clause_body(st: SentenceState, tok, kinds: set[str]) -> Actor | None:
    """The body ('the council', 'the ministry') that is the subject of the nearest clause above `tok`
    with a subject that is not a pronoun: 'The council said ..., saying that it reserves the right'."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i or t.head.pos_ not in ("VERB", "AUX"):
            return None  # only up a chain of verbs: 'a warning to X that it must ...' is about X
        t = t.head
        for s in children(t, "nsubj"):
            if s.i == tok.i or s.lower_ in st.words.group_pronouns:
                continue
            lemma = s.lemma_.lower()
            if s.i in st.found or lemma not in st.words.body_nouns:
                return None
            body = qualified(st, s, lemma)
            return body if body is not None and body.country and body.kind in kinds else None
    return None


def the_two(st: SentenceState, tok) -> list[Actor]:
    """The last two parties of different countries mentioned before (in this sentence, then earlier)."""
    people = tok.lemma_.lower() in st.words.person_agents
    kinds = ("person",) if people else ("person", "country", "organization")
    hosts = host_tokens(st, tok)  # "Iraq and Oman hosted talks between the two rivals": not the hosts
    here = {k: m.actor for k, m in sorted(st.found.items())
            if m.actor is not None and m.kind in kinds and k not in hosts}
    before = [a for k, a in here.items() if k < tok.i]
    # 'Both went on to condemn X': a bare 'both' looks back only
    after = [] if tok.lower_ in st.words.pair_words else [a for k, a in here.items() if k > tok.i]
    context = [a for a in reversed(st.ctx.recent) if a.kind in kinds]
    pool = list(reversed(before)) + after + context
    office = st.table.role_of(tok.lemma_.lower())
    if people and office is not None:  # 'the two presidents': presidents first
        pool = [a for a in pool if a.role == office[0]] + [a for a in pool if a.role != office[0]]
    out, countries = [], set()
    for actor in pool:
        if actor.country and actor.country not in countries:
            out.append(actor)
            countries.add(actor.country)
        if len(out) == 2:
            return out
    return []


def host_tokens(st: SentenceState, tok) -> set[int]:
    """Token indices of whoever hosts or mediates in the sentence ('Iraq hosted', 'hosted by Iraq')."""
    return {t.i for v in st.sent if v.lemma_.lower() in st.words.host_verbs and v.pos_ == "VERB"
            for c in children(v, "nsubj", "agent") if tok.i not in {x.i for x in c.subtree}
            for t in c.subtree}


def qualified(st: SentenceState, tok, lemma: str) -> Actor | None:
    """'the Israeli leader', 'Russia's military', 'his country', 'its counterpart in Kyiv'; and 'the
    ministry' for the last ministry whose country was named ('Ankara's foreign ministry')."""
    actor = qualified_here(st, tok, lemma)
    if lemma not in st.words.body_nouns:
        return actor
    if (actor is None or not actor.country) and st.book.uses("announcing_bodies"):
        actor = announcing_body(st, tok, lemma) or actor
    if actor is not None and actor.country:
        st.ctx.bodies[lemma] = actor
        return actor
    definite = any(c.lower_ in st.words.body_determiners for c in children(tok, "det"))
    return st.ctx.bodies.get(lemma, actor) if definite else actor


def announcing_body(st: SentenceState, tok, lemma: str) -> Actor | None:
    """'Sudan will cut ties with X, the defence council said': a body with no country of its own that
    announces what a state will do, or has decided, is that state's."""
    speech = tok.head
    if tok.dep_ != "nsubj" or speech.lemma_.lower() not in st.lists["speech_verbs"]:
        return None
    for clause in children(speech, "ccomp"):
        announced = any(c.dep_ == "aux" and c.lower_ in st.words.announcing_aux for c in clause.children)
        for s in children(clause, "nsubj"):
            m = st.found.get(s.i)
            if announced and m is not None and m.actor is not None and m.kind == "country":
                return st.table.country_actor(m.actor.country, phrase(tok, 6), st.table.agents.get(lemma, "GOV"))
    return None


def qualified_here(st: SentenceState, tok, lemma: str) -> Actor | None:
    """The actor an agent noun stands for by what qualifies it in this sentence."""
    sector = st.table.agents.get(lemma, "GOV")
    for c in children(tok, "compound", "amod"):  # "opposition parties", "rebel forces": whose side
        if c.i not in st.found and st.table.agents.get(c.lemma_.lower()) in st.book.sector_set("side"):
            sector = st.table.agents[c.lemma_.lower()]
    for c in tok.children:
        cm = st.found.get(c.i)
        if c.dep_ in ("amod", "compound", "poss", "nmod") and cm is not None and cm.actor is not None:
            if cm.kind == "demonym" and cm.start > 0 and st.sent[cm.start - 1].lower_ in st.words.ethnic_markers and \
                    sentence_country(st) is not None:  # "ethnic Albanian rebels in Macedonia" are of Macedonia
                return st.table.country_actor(sentence_country(st), phrase(tok, 6), sector)
            if cm.kind == "person" and lemma in st.words.state_nouns:
                return st.table.country_actor(cm.actor.country, tok.text) if cm.actor.country else None
            if cm.kind != "person" and cm.actor.country:
                return st.table.country_actor(cm.actor.country, phrase(tok, 6), sector)
        if c.dep_ == "poss" and c.lower_ in st.words.person_pronouns and lemma in st.words.own_state_nouns:
            person = antecedent(st, c, {"person"})
            if person is not None and person.country:
                return st.table.country_actor(person.country, phrase(tok, 6))
        if c.dep_ == "prep" and (c.lower_ in ("of", "from", "in") or (c.lower_ == "for" and lemma in st.words.speaker_nouns)):
            found = of_place(st, tok, c, sector)
            if found is not None:
                return found
    if lemma in st.words.anaphors and any(c.lower_ in st.words.anaphor_determiners for c in children(tok, "det")):
        kinds = {"organization"} if st.words.anaphors[lemma] == "organization" else {"country"}
        found = antecedent(st, tok, kinds)  # "the kingdom", "the bloc": the last one named
        if found is not None:
            return found
    if lemma in st.table.agents and tok.pos_ in ("NOUN", "PROPN") and lemma not in st.words.placeless_agents:
        # "police", "protesters": placed by where the sentence happens; officials only by the other side
        where = sentence_country(st) if sector != "GOV" else None
        if where is not None:
            return st.table.country_actor(where, phrase(tok, 6), sector)
        return Actor(name=phrase(tok, 6), text=phrase(tok, 6), country=None, sector=sector, kind="group")
    return None


def of_place(st: SentenceState, tok, prep, sector: str) -> Actor | None:
    """'protesters in Cairo', 'inhabitants of the Syrian Golan Heights', 'leaders of Romania's new
    government': an agent noun of a place or body named in its of/from/in phrase."""
    for o in pobjs(prep):
        owned = o.lemma_.lower() in st.table.agents and o.lemma_.lower() not in st.words.relation_nouns
        for t in [o, *(g for g in o.children if g.dep_ in ("amod", "compound") or (owned and g.dep_ == "poss"))]:
            om = st.found.get(t.i)
            if om is not None and om.actor is not None and om.kind not in ("person", "role"):
                return st.table.country_actor(om.actor.country, phrase(tok, 6), sector)
    return None
