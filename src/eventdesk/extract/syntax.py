"""The dependency tree: named predicates and walks over spaCy tokens, with no actors and no codebook.

Words come in as arguments (from the language pack's lexicon), so nothing here is English but
the parser's own labels.

Every stage reads the parse through these names ('is_passive(verb)', 'objects_of(tok, "with")')
instead of testing `dep_` labels itself, so a reader sees what a rule looks for.
"""

from __future__ import annotations


# -- named predicates -----------------------------------------------------------
def children(tok, *deps: str) -> list:
    """The children of `tok` attached by one of `deps`."""
    return [c for c in tok.children if c.dep_ in deps]


def is_root(tok) -> bool:
    return tok.head.i == tok.i


def is_passive(tok) -> bool:
    """'were killed', 'was attacked by': a passive auxiliary or subject on the verb."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def has_agent(tok) -> bool:
    return any(c.dep_ == "agent" for c in tok.children)


def is_to_infinitive(tok) -> bool:
    """'to withdraw': the verb has the infinitive marker 'to'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def has_mark(tok, words) -> bool:
    """A subordinating word ('if', 'unless', 'whether') on the clause `tok` heads."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)


def is_condition(tok, marks) -> bool:
    """An adverbial clause put as a condition: '... unless Israel rescinds', '... if Y attacks'."""
    return tok.dep_ == "advcl" and has_mark(tok, marks)


def is_negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def preps(tok, *words: str) -> list:
    """The prepositions on `tok` spelled as one of `words` ('with', 'to')."""
    return [c for c in tok.children if c.dep_ == "prep" and c.lower_ in words]


def pobjs(prep) -> list:
    """The objects of a preposition."""
    return [o for o in prep.children if o.dep_ == "pobj"]


def objects_of(tok, *words: str) -> list:
    """The objects of the prepositions `words` on `tok`: 'talks with X' -> [X]."""
    return [o for c in preps(tok, *words) for o in pobjs(c)]


def counted_nouns(tok) -> list:
    """What a number or quantity counts: 'four of its crossings', 'all but one of its eight crossings'."""
    out = objects_of(tok, "of")
    for other in objects_of(tok, "but", "except"):
        out += objects_of(other, "of")
    return out


# -- walks ------------------------------------------------------------------------
def ancestors(tok, limit: int) -> list:
    out = []
    t = tok
    while t.head.i != t.i and len(out) < limit:
        t = t.head
        out.append(t)
    return out


def is_descendant(node, ancestor) -> bool:
    t = node
    for _ in range(12):
        if t.i == ancestor.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def depth_between(node, ancestor) -> int:
    d, t = 0, node
    while t.i != ancestor.i and t.head.i != t.i and d < 12:
        t, d = t.head, d + 1
    return d


def clause_tokens(tok) -> list:
    """The trigger and, for a noun, the verb it is the object or subject of."""
    out = [tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        out.append(tok.head)
    return out


def speech_ancestor(tok, speech: frozenset[str]):
    """The verb of saying the clause of `tok` is reported by ('X said that ... <tok>')."""
    for anc in ancestors(tok, 6):
        if anc.lemma_.lower() in speech and anc.pos_ == "VERB":
            return anc
    return None


def governor_in(tok, words: frozenset[str]):
    """The word of `words` a clause hangs on through xcomp/ccomp/acomp ('willing to withdraw',
    'agreed to', 'prepared to impose')."""
    t = tok
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp", "acomp") or t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_.lower() in words:
            return t
    return None


def is_future(tok, aux_words) -> bool:
    """'will / would / shall' on the clause of the trigger (or of the verb of a noun trigger)."""
    aux = {c.lower_ for t in clause_tokens(tok) for c in t.children if c.dep_ == "aux"}
    return bool(aux & aux_words)


def is_conditional(tok, marks) -> bool:
    """'... unless President X arranged a ceasefire', '... if Y attacks': the act is made conditional."""
    return any(is_condition(c, marks) for t in clause_tokens(tok) for c in t.children)


def attachment(root):
    """The verb or noun a time expression modifies."""
    t = root
    for _ in range(4):
        if t.dep_ in ("pobj",) and t.head.dep_ == "prep":
            t = t.head.head
            if t.pos_ in ("VERB", "AUX"):
                return t  # 'occupied two towns since Sunday': the verb the phrase is on
            continue
        if t.dep_ in ("npadvmod", "tmod", "compound", "nmod", "appos", "prep", "obl", "advmod", "pobj", "nummod"):
            t = t.head
            if t.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ") and t.dep_ not in ("compound", "npadvmod", "appos"):
                return t
            continue
        return t.head if t.head.i != t.i else t
    return t


def is_time_phrase(prep, time_words) -> bool:
    """'on Saturday', 'in March': a preposition whose only object is a day, a month or the like."""
    objects = pobjs(prep)
    return bool(objects) and all(o.lower_ in time_words for o in objects)


def nearby_lemmas(tok, time_words, quantity_words) -> set[str]:
    """A verb's children and grandchildren (lemmas and forms), for the codebook's requires/forbids."""
    near = {tok.lemma_.lower(), tok.lower_}
    for c in tok.children:
        if c.dep_ == "prep" and is_time_phrase(c, time_words):
            continue  # "launched a mediation effort on Saturday": 'on' is no argument of the verb
        near |= {c.lemma_.lower(), c.lower_}
        if c.dep_ == "dobj" and (c.pos_ in ("NUM", "PRON") or c.lower_ in quantity_words):
            for n in counted_nouns(c):  # "closed all but one of its crossings": what was closed
                near |= {n.lemma_.lower(), n.lower_} | {x.lower_ for x in n.children if x.dep_ == "prep"}
        for g in c.children:
            if g.dep_ in ("compound", "amod", "pobj", "prep", "dobj", "prt"):
                near |= {g.lemma_.lower(), g.lower_}
                for gg in g.children:
                    if gg.dep_ in ("compound", "amod", "pobj"):
                        near |= {gg.lemma_.lower(), gg.lower_}
                    if gg.dep_ == "pobj" and g.lower_ == "of" and c.dep_ == "dobj":  # "fired waves of missiles at"
                        near |= {x.lower_ for x in gg.children if x.dep_ == "prep"}
    for c in tok.children:  # "warned that other retaliatory steps will be taken": what the clause says
        if c.dep_ == "ccomp":
            near |= {t.lemma_.lower() for t in c.subtree if t.dep_ in ("amod", "nsubj", "nsubjpass", "dobj")}
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "13 prisoners released by Saudi Arabia": what was released
        head = tok.head
        near |= {head.lemma_.lower(), head.lower_}
        near |= {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")}
    near.discard(tok.lemma_.lower())
    near.discard(tok.lower_)
    return near


def modifier_lemmas(tok) -> set[str]:
    """A noun's own modifiers: 'phone call', 'intelligence cooperation', 'Israeli refusals'."""
    near = set()
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "prep", "nummod", "npadvmod"):
            near |= {c.lemma_.lower(), c.lower_}
            for g in c.children:
                if g.dep_ in ("compound", "amod", "pobj") and c.dep_ != "prep":
                    near |= {g.lemma_.lower(), g.lower_}
    return near


def phrase(tok, max_words: int, clauses: bool = False, skip_marks: bool = False) -> str:
    """A short text for a noun phrase: the token's subtree, without relative clauses unless asked
    (and, for a clause, without its 'that')."""
    skip = set()
    for c in tok.children:
        if skip_marks and c.dep_ == "mark" and c.i < tok.i:
            skip.add(c.i)
        if (c.dep_ in ("advcl", "ccomp", "punct", "npadvmod") or (c.dep_ in ("relcl", "acl") and not clauses)) \
                and c.i > tok.i:  # ('tanks last month': no time in the phrase)
            skip |= {t.i for t in c.subtree}
    words = [t for t in tok.subtree if t.i not in skip]
    words = words[: max_words] if len(words) > max_words else words
    text = " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s").replace(" ,", ",")
    return text.strip(" ,;")
