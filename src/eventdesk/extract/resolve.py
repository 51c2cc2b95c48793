"""Token -> actor: names from the tables, offices, pronouns, 'the two sides', owners of things.

`resolve_all(st, tok)` gives every actor a noun phrase stands for (its conjuncts and lists too);
`resolve(st, tok)` the one actor of a single token. Nouns qualified by a country ('the Israeli
leader', 'Russia's military') are read by `qualified` in references.py.
"""

from __future__ import annotations

from ..discourse import is_act_reference
from ..mentions import ActorMention
from ..records import Actor
from .context import SentenceState, unique
from .places import PLACE_KINDS, sentence_country
from .references import antecedent, qualified, the_two
from .syntax import children, objects_of, phrase, pobjs, preps


def resolve_all(st: SentenceState, tok) -> list[Actor]:
    """The actors a phrase names, with its conjuncts ('Israel and Egypt') and lists parsed as
    apposition ('The US, Russia, and Switzerland')."""
    out = []
    if tok.lower_ in st.words.plural_pronouns and st.book.uses("centering"):
        group = plural_antecedent(st, tok)  # "The UK and US said they supported ...": both
        if len(group) >= 2:
            return group
    members = [tok, *conjuncts(st, tok)]
    for a in children(tok, "appos"):
        m = st.found.get(a.i)
        if st.found.get(tok.i) is not None and m is not None and m.kind in ("country", "organization"):
            members += [a, *a.conjuncts]  # "The US, Russia, and Switzerland": a list parsed as apposition
        elif m is not None and m.kind == "person":
            members += list(a.conjuncts)  # "Iran's official, Ali Shamkhani, and the Saudi adviser, ..."
    for t in members:
        if is_the_two(st, t):
            out += the_two(st, t)
            continue
        parties = agreement_parties(st, t)
        if parties is not None:
            out += parties
            continue
        shared = shared_qualifier(st, tok, t, out)
        if shared is not None:
            out.append(shared)
            continue
        one = resolve(st, t)
        out += one
        if t.lemma_.lower() in st.table.agents and t.tag_ in ("NNS", "NNPS"):
            out += coordinated_countries(st, t)
        elif one and t.tag_ in ("NNS", "NNPS"):
            out += coordinated_owners(st, t)
    return unique(out)


def agreement_parties(st: SentenceState, tok) -> list[Actor] | None:
    """'the deal between Ethiopia and Eritrea', 'Ethiopia's pact with Eritrea', 'the Iran deal' stand for
    the parties they name; a definite 'the deal' naming none, for the parties of the latest agreement
    reported (other than the states named before it). None where `tok` is no such reference."""
    if tok.lemma_.lower() not in st.words.agreement_nouns or not st.book.uses("agreement_parties"):
        return None
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in st.words.agreement_verbs:
        return None  # 'signed the deal': the signers are the parties, read by the pattern
    owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in st.found]
    named = [a for c in owners for a in resolve_all(st, c)]
    named += [a for p in preps(tok, "between", "with") for o in pobjs(p) for a in resolve_all(st, o)]
    if named:
        return unique(named)
    dets = children(tok, "det")
    if dets and dets[0].lower_ in st.words.definite:  # parties other than whoever speaks of the deal
        return st.ctx.salience.agreement_parties(subject_countries(st, tok) or countries_before(st, tok))
    return None


def subject_countries(st: SentenceState, tok) -> set[str]:
    """The countries of the subject of the nearest clause above `tok` ('Egypt, at odds with Ethiopia,
    condemned the deal': Egypt)."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return set()
        t = t.head
        subjects = children(t, "nsubj")
        if subjects:
            return {a.country for s in subjects for a in resolve(st, s) if a.country}
    return set()


def plural_antecedent(st: SentenceState, tok) -> list[Actor]:
    """The nearest coordination of actors before a plural pronoun in its sentence ('The UK and the US
    said they ...'), every member of it."""
    for k in range(tok.i - 1, -1, -1):
        m = st.found.get(k)
        head = st.sent[k]
        if m is None or m.actor is None or head.dep_ == "conj":
            continue
        if any(c.dep_ == "conj" for c in head.children):
            group = [a for a in resolve_all(st, head) if a.kind in ("country", "organization", "person")]
            if len(group) >= 2:
                return group
    if tok.dep_ == "nsubj" and not any(st.found.get(k) for k in range(tok.i)):
        for m in st.ctx.previous:  # "X met Y on Monday. They agreed ...": the two who met
            if m.symmetric and m.target is not None:
                return [m.source, m.target]
    return []


def conjuncts(st: SentenceState, tok) -> list:
    """The conjuncts of a token, and of the rest of the name it is part of: in 'Barack Obama and
    Vladimir Putin' the tagger may take 'Barack' for a preposition and hang 'Putin' on 'Obama'."""
    out = list(tok.conjuncts)
    m = st.found.get(tok.i)
    if m is not None and m.end - m.start > 1:
        inside = range(m.start, m.end)
        out += [c for k in inside if k != tok.i for c in st.sent[k].conjuncts
                if c.i not in inside and all(c.i != o.i for o in out)]
    return out


def shared_qualifier(st: SentenceState, first, tok, before: list[Actor]) -> Actor | None:
    """'Israeli helicopters and tanks': a bare conjunct of a qualified agent noun shares its country."""
    lemma = tok.lemma_.lower()
    if tok.i == first.i or not before or tok not in first.conjuncts or lemma not in st.table.agents:
        return None
    if tok.i in st.found or children(tok, "amod", "compound", "poss", "nmod", "prep", "det"):
        return None
    head = before[0]
    is_qualified = first.lemma_.lower() in st.table.agents and any(
        c.dep_ in ("amod", "compound", "nmod") and c.i in st.found for c in first.children)
    if not is_qualified or head.kind == "person" or not head.country:
        return None
    return st.table.country_actor(head.country, tok.text, st.table.agents[lemma])


def is_the_two(st: SentenceState, tok) -> bool:
    """'the two presidents', 'both sides', 'the two countries' (and no country named in the phrase);
    'Both went on to condemn ...', 'The two agreed': the word alone as a subject."""
    if tok.lower_ in st.words.pair_words and tok.pos_ in ("PRON", "DET", "NUM") and \
            tok.dep_ in ("nsubj", "nsubjpass") and not list(tok.children):
        return True
    if (tok.lemma_.lower() not in st.table.agents and tok.lower_ not in st.words.relation_nouns) or \
            tok.tag_ not in ("NNS", "NNPS"):
        return False
    counted = any(c.lower_ in st.words.pair_words for c in children(tok, "nummod", "det", "predet"))
    named = any(c.i in st.found for c in tok.subtree if c.i != tok.i)
    return counted and not named


def coordinated_countries(st: SentenceState, tok) -> list[Actor]:
    """'the foreign ministers of Saudi Arabia and Iran', 'his Swedish and Finnish counterparts'."""
    if tok.i in st.found:  # "Houthi rebels" is one name, not rebels of a country
        return []
    heads = children(tok, "amod", "compound", "nmod") + objects_of(tok, "of", "from")
    return _countries_of(st, tok, [t for h in heads for t in [h, *h.conjuncts]],
                         st.table.agents.get(tok.lemma_.lower(), "GOV"))


def coordinated_owners(st: SentenceState, tok) -> list[Actor]:
    """'US and British ships', 'Israeli and Syrian posts': things owned by a coordination of countries
    stand for each of them (the first is the thing's own owner, already resolved)."""
    return _countries_of(st, tok, [t for h in children(tok, "amod", "compound", "nmod") for t in h.conjuncts], None)


def _countries_of(st: SentenceState, tok, owners: list, sector: str | None) -> list[Actor]:
    """One actor of each country named among `owners`, standing for `tok`."""
    return [st.table.country_actor(m.actor.country, phrase(tok, 8), sector) for t in owners
            if (m := st.found.get(t.i)) is not None and m.actor is not None and m.kind != "person" and m.actor.country]


def resolve(st: SentenceState, tok) -> list[Actor]:
    actor = resolve_one(st, tok)
    return [actor] if actor is not None else []


def resolve_one(st: SentenceState, tok) -> Actor | None:
    """The actor one token stands for, or None."""
    m = st.found.get(tok.i)
    if m is None and (tok.lower_ in st.words.quantity_nouns or tok.pos_ == "NUM"):
        for c in preps(tok, "of"):  # "dozens of students": the students
            objs = pobjs(c)
            if objs:
                return resolve_one(st, objs[0])
    if m is not None and m.kind == "person":
        return m.actor
    for a in children(tok, "appos", "compound", "flat"):
        am = st.found.get(a.i)
        if am is not None and am.kind == "person":
            return am.actor
    if m is not None and m.kind == "role":
        return office(st, m)
    if m is not None and m.kind == "city":
        return None  # a city is a place, not a government
    if tok.tag_ == "NNPS" or (m is not None and m.kind == "demonym" and tok.tag_ == "NNS"):
        home = people_of(st, tok, m)  # "Bosnian Serbs", "Iraqi Kurds": a people where they live
        if home is not None:
            return home
    if m is not None and m.actor is not None:
        return named(st, tok, m)
    lemma = tok.lemma_.lower()
    if lemma not in st.table.agents and tok.pos_ == "PROPN" and lemma.endswith("s") and \
            lemma[:-1] in st.table.agents:
        lemma = lemma[:-1]  # "Rebels in Mali ...": a capitalised plural taken for a name
    leader = led_by(st, tok)
    if leader is not None:
        return leader
    if tok.lower_ in st.words.person_pronouns:
        return antecedent(st, tok, {"person"})
    if tok.lower_ in st.words.group_pronouns:
        return antecedent(st, tok, {"country", "organization"})
    if lemma in st.table.agents or lemma in st.lists["action_nouns"]:
        actor = qualified(st, tok, lemma)
        if actor is None and lemma in st.lists["action_nouns"] and lemma not in st.table.agents:
            by = objects_of(tok, "by")
            if by:
                return resolve_one(st, by[0])  # "violations by the Israeli military"
        if actor is None and st.book.uses("act_references") and is_act_reference(tok, st.words):  # "the move"
            actor = st.ctx.salience.act_author(countries_before(st, tok))
        if actor is None and lemma in st.words.counterpart_nouns and st.book.uses("other_party"):
            actor = other_party(st, tok)  # "held a meeting with his counterpart": the other side's
        return actor
    for c in children(tok, "compound"):
        if c.i in st.found and st.found[c.i].actor is not None:
            cm = st.found[c.i]
            if cm.kind != "person":
                return cm.actor
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        person = titled_person(st, tok)
        if person is not None:
            return person
    if lemma in st.words.other_party_nouns and st.book.uses("other_party"):
        return other_party(st, tok)
    found = owner(st, tok)
    if found is None and st.book.uses("act_references") and is_act_reference(tok, st.words):  # "the launch"
        found = st.ctx.salience.act_author(countries_before(st, tok))
    return found


def countries_before(st: SentenceState, tok) -> set[str]:
    """The countries of the actors named before `tok` in its sentence."""
    return {m.actor.country for k, m in st.found.items() if k < tok.i and m.actor is not None and m.actor.country}


def other_party(st: SentenceState, tok) -> Actor | None:
    """'its neighbour Afghanistan', 'its neighbour', 'the rival': the named apposition, or the country
    the article names most other than those named before it in the sentence and its owner."""
    for c in children(tok, "appos"):
        named_one = resolve(st, c)
        if named_one:
            return named_one[0]
    exclude = countries_before(st, tok)
    exclude |= {a.country for c in children(tok, "poss") for a in resolve(st, c) if a.country}
    return st.ctx.salience.other_party(exclude)


def named(st: SentenceState, tok, m: ActorMention) -> Actor | None:
    """The actor a name from the tables stands for where it stands: a demonym as a modifier names
    no one; 'Kenyans' are people; 'ethnic Albanians' live where the sentence happens."""
    if m.kind == "demonym" and tok.tag_ not in ("NNPS", "NNS") and tok.dep_ not in ("nsubj", "pobj", "dobj"):
        return None
    if m.kind == "demonym" and m.start > 0 and st.sent[m.start - 1].lower_ in st.words.ethnic_markers:
        where = sentence_country(st)  # "ethnic Albanians in southern Serbia" live in Serbia
        if where is None:  # placed by the other side of a domestic event, if any
            return Actor(name=phrase(tok, 6), text=phrase(tok, 6), country=None, sector="CVL", kind="group")
        return st.table.country_actor(where, phrase(tok, 6), "CVL")
    if m.kind == "demonym" and tok.tag_ in ("NNS", "NNPS"):
        return st.table.country_actor(m.actor.country, tok.text, "CVL")  # "Kenyans": people
    return m.actor


def led_by(st: SentenceState, tok) -> Actor | None:
    """'the Saudi-led coalition', 'a US-led force': a body led by a country stands for that country."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    for c in children(tok, "amod"):
        if c.lemma_.lower() in st.words.led_lemmas and c.tag_ == "VBN":
            for g in c.children:
                gm = st.found.get(g.i)
                if g.i < c.i and gm is not None and gm.actor is not None and gm.kind in (
                        "country", "demonym", "organization") and gm.actor.country:
                    return st.table.country_actor(gm.actor.country, phrase(tok, 6), None)
    return None


def people_of(st: SentenceState, tok, m: ActorMention | None) -> Actor | None:
    """'Bosnian Serbs', 'Iraqi Kurds', 'Kosovo Albanians': an ethnic or national group named with the
    country it lives in stands for the people of that country."""
    for c in tok.children:
        cm = st.found.get(c.i)
        if c.dep_ not in ("amod", "compound", "nmod") or c.i > tok.i or cm is None or cm.actor is None:
            continue
        if cm.kind in ("demonym", "country") and cm.actor.country and (
                m is None or m.actor is None or cm.actor.country != m.actor.country):
            return st.table.country_actor(cm.actor.country, phrase(tok, 6), "CVL")
    if m is not None and m.actor is not None:  # "the Albanians of southern Serbia", "Russians in Estonia"
        for o in objects_of(tok, "of", "in"):
            om = st.found.get(o.i)
            if om is not None and om.actor is not None and \
                    om.kind in (*PLACE_KINDS, "capital") and om.actor.country != m.actor.country:
                return st.table.country_actor(om.actor.country, phrase(tok, 8), "CVL")
    return None


def owner(st: SentenceState, tok) -> Actor | None:
    """A thing stands for whoever it belongs to: 'Beijing's decision', 'the right of Russia',
    'German goods', 'Iraqi towns'."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.lemma_.lower() in st.words.relation_nouns:  # "Israel's militia ally in southern Lebanon" is not Israel
        where = [o for o in objects_of(tok, "in", "from") if o.i in st.found]
        m = st.found.get(where[0].i) if where else None
        if m is not None and m.actor is not None and m.kind in (*PLACE_KINDS, "demonym") and m.actor.country:
            return st.table.country_actor(m.actor.country, phrase(tok, 6), None)
        return None
    for c in tok.children:
        cm = st.found.get(c.i)
        if cm is None or cm.actor is None or not cm.actor.country:
            found = unnamed_owner(st, c, cm is None)
            if found is not None:
                return found
            continue
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and cm.kind in ("demonym", "country",
                                                                                    "organization")):
            return cm.actor if cm.kind == "person" else st.table.country_actor(
                cm.actor.country, phrase(tok, 6), None)
    return None


def unnamed_owner(st: SentenceState, c, unnamed: bool) -> Actor | None:
    """The owner a child of a thing names when it is no placed name: 'the Russian government's
    refusal', 'a camp for Congolese refugees', 'the right of Russia', 'raids by X'."""
    tok = c.head
    if c.dep_ == "poss" and unnamed and c.lemma_.lower() in st.table.agents:
        found = qualified(st, c, c.lemma_.lower())  # "the Russian government's refusal"
        if found is not None and found.country:
            return found
    if c.dep_ == "prep" and c.lower_ == "for":  # "a camp for Congolese refugees": who it serves
        for o in c.children:
            lemma = o.lemma_.lower()
            if o.dep_ == "pobj" and o.i not in st.found and st.table.agents.get(lemma) in st.book.sector_set("beneficiary"):
                found = qualified(st, o, lemma)
                if found is not None and found.country:
                    return found
    if c.dep_ == "prep" and c.lower_ in ("of", "from", "by"):  # "the right of Russia", "raids by X"
        for o in c.children:
            om = st.found.get(o.i)
            if o.dep_ == "pobj" and om is not None and om.actor is not None and om.kind != "role":
                return om.actor if om.kind == "person" else st.table.country_actor(
                    om.actor.country, phrase(tok, 6), None)
            if o.dep_ == "pobj" and om is None and o.lemma_.lower() in st.table.agents:
                found = qualified(st, o, o.lemma_.lower())
                if found is not None and found.country:
                    return found
    return None


def titled_person(st: SentenceState, tok) -> Actor | None:
    """'Deputy Chairman of the Russian Security Council Dmitry Medvedev': the person the title names."""
    for o in objects_of(tok, "of"):
        om = st.found.get(o.i)
        if om is not None and om.kind == "person" and o.i == om.end - 1:
            return om.actor
    return None


def office(st: SentenceState, m: ActorMention) -> Actor | None:
    """The holder of an office on the sentence's day: 'Israel's defence minister', 'the minister of
    X'; with no country, the last holder of that office the article named."""
    role, sector = m.role
    country = None
    for k in range(m.start - 1, max(-1, m.start - 4), -1):
        km = st.found.get(k)
        if km is not None and km.actor is not None and km.kind != "person":
            country = km.actor.country
            break
        if st.sent[k].pos_ not in ("PART", "DET", "ADJ", "PROPN", "PUNCT") and st.sent[k].lower_ not in st.words.possessive_markers:
            break
    head = st.sent[m.end - 1]
    if country is None:
        speaks_for = head.lemma_.lower() in st.words.speaker_nouns  # 'a spokesman for France's foreign ministry'
        for c in preps(head, *(("of", "from", "in", "for") if speaks_for else ("of", "from", "in"))):
            for o in c.children:
                owners = [g for g in o.children if g.dep_ in ("poss", "compound", "amod")] if speaks_for else []
                for t in [o, *owners]:
                    om = st.found.get(t.i)
                    if om is not None and om.actor is not None and om.kind != "person":
                        country = country or om.actor.country
    if country is None:
        return st.ctx.last_with_role(role)
    return st.table.office_actor(country, role, sector, phrase(head, 8), st.ctx.anchor)
