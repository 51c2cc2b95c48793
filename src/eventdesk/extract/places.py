"""Places in a sentence: where it happens, where a measure applies, what a named town stands for.

Each function is named for what it returns: a country code, a 'CCC/town' place, or an actor that
a place stands for (the people of a town attacked, unidentified attackers where a bomb went off).
"""

from __future__ import annotations

from ..actors import fold
from ..records import Actor
from .context import SentenceState
from .syntax import phrase, pobjs, preps

PLACE_KINDS = ("country", "capital", "city")


def is_locative(st: SentenceState, tok) -> bool:
    """'in Kabul', 'near the town of Samarra', '30 km north of Kyiv': the token names where."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in st.words.place_nouns:
        tok = tok.head.head  # "near the town of Samarra", "in the city of Basra"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in st.words.locative_preps | st.words.directions:
        return True  # "outside of the city of Basra", "30 km north of Kyiv"
    return tok.dep_ == "pobj" and tok.head.lower_ in st.words.locative_preps


def in_attribution(st: SentenceState, tok) -> bool:
    """Inside the subject of a speech verb: '..., relief officials in Nairobi said' is not where it happened."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return False
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in st.lists["speech_verbs"]:
            return True
        t = t.head
    return False


def sentence_country(st: SentenceState) -> str | None:
    """The one country the sentence places itself in ('in Kabul', 'in the Gaza Strip'), if any."""
    if st.where is None:
        places = {m.actor.country for k, m in st.found.items()
                  if m.actor is not None and m.kind in PLACE_KINDS and is_locative(st, st.sent[k])
                  and not in_attribution(st, st.sent[k])}
        st.where = places.pop() if len(places) == 1 else ""
    return st.where or None


def event_place(st: SentenceState, tok) -> str | None:
    """Where the event happens, from a place phrase on its trigger (or the verb of a noun trigger),
    not from its topic ('talks on the war in Ukraine'): 'AUT/vienna' for a town or capital,
    'RUS' for a country or a region of it ('in the Russian Far East')."""
    heads = [tok] + ([tok.head] if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubj", "pobj") else [])
    stack = list(heads)
    seen = set()
    while stack:
        h = stack.pop(0)
        if h.i in seen:
            continue
        seen.add(h.i)
        for c in h.children:
            if c.dep_ in ("relcl", "acl", "ccomp", "advcl", "xcomp", "conj") or (
                    c.dep_ == "prep" and c.lower_ in st.words.topic_preps):
                continue
            if c.dep_ == "prep" and c.lower_ in st.words.locative_preps:
                found = place_in(st, c)
                if found:
                    return found
            stack.append(c)
    return None


def place_in(st: SentenceState, prep) -> str | None:
    """The place code a locative phrase names: a country code, or 'CCC/town'."""
    for t in prep.subtree:
        m = st.found.get(t.i)
        if m is None or m.actor is None:
            continue
        if m.kind in ("country", "demonym"):
            return m.actor.country
        if m.kind in PLACE_KINDS:
            return f"{m.actor.country}/{fold(st.sent[m.start:m.end].text)}"
    return None


def measure_place(st: SentenceState, tok) -> tuple[str, str] | None:
    """(country, text) of the place phrase on a trigger, on its object ('a state of emergency in X')
    or on the participle after it ('the curfew imposed in Sudan')."""
    heads = [tok] + ([tok.head] if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") else [])
    heads += [c for h in list(heads) for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [g for h in heads[1:] for c in h.children for g in [c, *c.children]
              if (c.dep_ in ("acl", "relcl") and g is c) or (c.dep_ == "prep" and c.lower_ == "of" and g is not c)]
    for h in heads:
        for c in preps(h, *st.words.measure_preps):
            code = place_country(st, c)
            if code:
                return code, phrase(c, 8)
    return None


def place_country(st: SentenceState, prep) -> str | None:
    """The country of the place a phrase names; a country or town before an adjective of
    nationality ('in the Israeli-occupied West Bank' is in the West Bank)."""
    kinds = [(m.kind, m.actor.country) for t in prep.subtree if (m := st.found.get(t.i)) is not None
             and m.actor is not None and m.actor.country and t.i == m.start]
    places = [c for k, c in kinds if k in (*PLACE_KINDS, "capital")]
    places += [a.country for o in pobjs(prep) for a in city_people(st, o)]  # 'on Hebron'
    demonyms = [c for k, c in kinds if k == "demonym"]
    return (places or demonyms or [None])[0]


def city_people(st: SentenceState, tok) -> list[Actor]:
    """'attacked Kharkiv': a town attacked stands for its country's people."""
    span = st.sent[tok.left_edge.i: tok.i + 1] if tok.pos_ == "PROPN" else None
    for cand in ([span.text, tok.text] if span is not None else []):
        cities = [e for e in st.table.lookup(cand) if e.kind == "city"]
        if cities:
            return [st.table.country_actor(cities[0].code, cand, "CVL")]
    return []


def people_where_thing_is(st: SentenceState, tok) -> list[Actor]:
    """'targets in Jericho', 'a camp near Goma': what is attacked stands for where it is."""
    for c in preps(tok, "in", "near", "outside", "at", "inside"):
        for o in c.children:
            om = st.found.get(o.i)
            if o.dep_ == "pobj" and om is not None and om.actor is not None and om.kind in PLACE_KINDS:
                return [st.table.country_actor(om.actor.country, phrase(tok, 6), "CVL")]
    return []


def unidentified_attackers(st: SentenceState) -> list[Actor]:
    """Where an attack happened stands for its unnamed author (the event-data convention)."""
    where = sentence_country(st)
    if where is None:
        return []
    return [Actor(name=f"unidentified attackers in {st.table.country_name(where)}", text="",
                  country=where, sector="UNK", kind="group")]
