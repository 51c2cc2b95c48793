"""Clause shapes: demands ('X said Y must Z'), and events nested in the content of another
(what was asked for, threatened, discussed), which are no events of their own."""

from __future__ import annotations

from dataclasses import replace

from ..codebook import Pattern
from ..records import Actor
from .arguments import subject
from .context import Candidate, SentenceState
from .modality import as_intent, as_threat
from .resolve import resolve_all
from .syntax import children, has_mark, is_conditional, is_to_infinitive, phrase


# -- demands ----------------------------------------------------------------------
def demands(st: SentenceState) -> tuple[list[Candidate], list]:
    """'X said (that) Y must / has to Z', 'a reminder to Y that it must Z': X demands of Y (REQUEST).
    Returns the demands and the clause heads whose content they are."""
    out, contents = [], []
    for verb in st.sent:
        pattern = demand_pattern(st, verb)
        if pattern is None:
            continue
        speech = demand_speech(st, verb)
        if speech is None:
            continue
        sources = speaker(st, speech)
        targets = [a for c in children(verb, "nsubj") for a in resolve_all(st, c)]
        found = [(s, t) for s in sources[:2] for t in targets[:3] if s.key != t.key and t.country]
        if found:
            contents.append(verb)
            obj = phrase(verb, 14, skip_marks=True)
            out += [Candidate(speech, pattern, s, t, False, obj, content=verb) for s, t in found]
    return out, contents


def demand_pattern(st: SentenceState, verb) -> Pattern | None:
    """The construction a clause head is under: 'must Z', 'has to Z' (a demand),
    'should Z', 'ought to Z' (an appeal). Past 'had to' tells what happened, not a demand."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for c in children(verb, "aux"):
        if c.tag_ == "MD" and c.lower_ in st.modals:
            return st.modals[c.lower_]
    lemma = verb.lemma_.lower()
    backshifted = verb.tag_ == "VBD" and verb.dep_ == "ccomp" and verb.head.tag_ == "VBD"  # 'said Y needed to'
    if lemma in st.modals and (verb.tag_ in ("VBZ", "VBP", "VB", "MD") or backshifted) and any(
            is_to_infinitive(c) for c in children(verb, "xcomp")):
        return st.modals[lemma]
    return None


def speaker(st: SentenceState, speech) -> list[Actor]:
    """Who speaks: the subject of the verb of saying, or of the verb of saying it is joined to
    ('has said ... and stressed that'); nothing when the parse joins it to anything else."""
    for verb in (speech, speech.head if speech.dep_ == "conj" else None):
        if verb is None:
            break
        subj = children(verb, "nsubj")
        if subj:
            return [a for c in subj for a in resolve_all(st, c)]
        if verb is not speech or verb.dep_ != "conj":
            break
        if verb.head.lemma_.lower() not in st.lists["speech_verbs"] | st.words.demand_speech:
            break
    return []


def demand_speech(st: SentenceState, verb):
    """The verb of saying whose clause the demand is ('said that ...'), or the verb of the statement
    noun it completes ('issued a reminder that ...')."""
    head = verb.head
    if head.i == verb.i:
        return None
    lemma = head.lemma_.lower()
    if verb.dep_ == "ccomp" and head.pos_ == "VERB" and (lemma in st.lists["speech_verbs"] or lemma in st.words.demand_speech):
        return head
    if verb.dep_ in ("acl", "ccomp") and lemma in st.words.statement_nouns and head.dep_ == "dobj":
        return head.head
    return None


def within_content(tok, head) -> bool:
    """Whether `tok` is part of what the clause headed by `head` says (not a relative or temporal
    clause hanging in it: 'must pay for the attack it launched' keeps the launch)."""
    t = tok
    for _ in range(12):
        if t.i == head.i:
            return True
        if t.head.i == t.i or t.dep_ in ("relcl", "parataxis") or (
                t.dep_ == "advcl" and not is_to_infinitive(t)):
            return False
        t = t.head
    return False


# -- nesting ----------------------------------------------------------------------
def drop_nested(st: SentenceState, cands: list[Candidate], triggers: set[int]) -> list[Candidate]:
    """An event inside the content of another (what was asked for, threatened, discussed) is not an event.
    `triggers` are the tokens where some pattern applies."""
    sent, book = st.sent, st.book
    types = {c.trigger.i: c.pattern.type for c in cands}
    keep, threatened, purposes = [], {}, set()
    for c in cands:
        outer = content_ancestor(st, c.trigger, triggers)
        if content_of_noun(st, c.trigger):
            continue  # "faces pressure from Congress to help Iran", "permission to help Israel"
        if c.pattern.type == "REQUEST" and c.trigger.dep_ == "advcl" and c.trigger.tag_ == "VBG" and \
                types.get(c.trigger.head.i) == "PROTEST":
            continue  # "demonstrated in Kirkuk calling for independence": what the protest demands
        if outer is None:
            keep.append(c)
        elif c.pattern.type == "CONSULT" and types.get(outer) == "CONSULT" and c.trigger.dep_ in ("advcl", "xcomp") \
                and sent[outer].lemma_.lower() in st.words.travel_verbs:
            keep.append(c)  # "flew to Geneva to meet his Azerbaijani counterpart": the meeting is the event
            purposes.add(outer)
        elif types.get(outer) == "THREATEN" and c.pattern.type in st.book.hostile_types:
            # "threatened to blockade Taiwan": the act says what kind of threat it is
            threatened.setdefault(outer, book.threat_code(c.pattern.cameo, is_conditional(c.trigger, st.words.condition_marks)))
        elif c.pattern.type == "REQUEST" and types.get(outer) == "REJECT" and c.trigger.head.i == outer:
            keep.append(c)  # "rejected a request from X": the request happened
        elif types.get(outer) == "ACCUSE" and book.uses("alleged_acts") and is_alleged_act(c.trigger, outer) \
                and c.pattern.type in st.book.alleged_types:
            accusations = [a for a in cands if a.trigger.i == outer]
            keep += [replace(c, source=a.target, alleged_by=a.source) for a in accusations[:1]
                     if a.target.key != c.target.key and a.target.country]  # "accused X of shelling Y"
        elif types.get(outer) is None and sent[outer].lemma_.lower() in st.words.intent_words | st.words.threat_intent:
            intent = as_intent(st, c)  # "agreed to lift the sanctions on Iran": nobody else codes it
            if intent is None and sent[outer].lemma_.lower() in st.words.threat_intent:
                conditional = is_conditional(c.trigger, st.words.condition_marks)
                code = book.threat_code(c.pattern.cameo, conditional) \
                    if c.pattern.type in st.book.hostile_types or conditional else None
                intent = as_threat(c, code) if code else None  # "threatened to impose a curfew"
            if intent is not None:
                keep.append(intent)
    keep = [c for c in keep if c.trigger.i not in purposes]  # the trip there is only the way to it
    return [replace(c, pattern=replace(c.pattern, cameo=threatened[c.trigger.i])) if threatened.get(c.trigger.i)
            and c.pattern.type == "THREATEN" and c.pattern.cameo in ("13", "130") else c for c in keep]


def is_alleged_act(tok, accusation: int) -> bool:
    """'accused Turkey of shelling the resort', 'charged them with spying': the act is the accusation's
    gerund clause."""
    prep = tok.head
    return tok.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ in ("of", "for", "with") \
        and prep.head.i == accusation


# -- reasons given for a measure ---------------------------------------------------
def punishment_reasons(st: SentenceState, found: list[Candidate]) -> list[Candidate]:
    """'recalled its ambassador to Kyrgyzstan for justifying the aggression', 'expelled the diplomats
    over their "subversive activities"': a measure taken for what the target did accuses it of that."""
    pattern = st.book.constructions.get("punishment_reason")
    if pattern is None or not st.book.uses("punishment_reasons"):
        return []
    out = []
    for c in found:
        if c.target.sector in st.book.sector_set("nonstate"):
            continue  # a court jailing a foreign student 'for helping militants' accuses the student, not the state
        if c.pattern.type not in st.book.punitive_types or any(
                o.pattern.type == "ACCUSE" and o.target.key == c.target.key for o in found):
            continue
        if any(is_blame(st, p) for p in children(c.trigger, "prep")):
            out.append(Candidate(c.trigger, pattern, c.source, c.target, False, None))
    return out


def is_blame(st: SentenceState, prep) -> bool:
    """'for justifying the aggression' (an act of the target's), 'over its "immoral position"' (a
    reason spoken of as wrong)."""
    if prep.lower_ == "for":
        return any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)
    if prep.lower_ == "over":
        words = {t.lemma_.lower() for t in prep.subtree} | {t.lower_ for t in prep.subtree}
        return bool(words & st.lists["accusation_words"]) or any(t.text in ('"', "“", "”") for t in prep.subtree)
    return False


# -- charges denied ------------------------------------------------------------------
def denied_charges(st: SentenceState, found: list[Candidate]) -> list[Candidate]:
    """'X says Y is funnelling migrants, a charge Y denies': Y rejects X's accusation; 'Y said the
    allegations against its diplomats were unfounded': Y rejects the accusation made of it before."""
    pattern = st.book.constructions.get("denied_charge")
    if pattern is None or not st.book.uses("denied_charges"):
        return []
    out = []
    for tok in st.sent:
        if tok.lemma_.lower() not in st.lists["denial_nouns"]:
            continue
        deniers, accusers = [], []
        for verb in children(tok, "relcl"):  # 'a charge the Kremlin denies'
            if verb.lemma_.lower() in st.lists["denial_verbs"] | st.words.claim_rejecting_verbs:
                deniers = [a for a in subject(st, verb) if a.country]
                accusers = [c.source for c in found if c.pattern.type == "ACCUSE"]
                accusers += [a for a in subject(st, st.sent[tok.i].sent.root) if a.country] if not accusers else []
        copula = tok.head
        if tok.dep_ == "nsubj" and any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in st.lists["baseless_words"]
                                       for c in copula.children):
            speech = copula.head if copula.dep_ == "ccomp" else None  # 'said the allegations were unfounded'
            if speech is not None and speech.lemma_.lower() in st.lists["speech_verbs"]:
                deniers = [a for a in subject(st, speech) if a.country]
                by = [a for p in children(tok, "prep") if p.lower_ == "by" for o in children(p, "pobj")
                      for a in resolve_all(st, o)]
                accusers = by or [m.source for d in deniers[:1] for m in reversed(st.ctx.salience.events)
                                  if m.type == "ACCUSE" and m.target.country == d.country][:1]
        for source in deniers[:1]:
            out += [Candidate(tok, pattern, source, target, False, None) for target in unique_by_country(accusers)
                    if target.country and target.country != source.country]
    return out


def unique_by_country(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.country not in seen:
            seen.add(a.country)
            out.append(a)
    return out


# -- reported accusations -----------------------------------------------------------
def reported_accusations(st: SentenceState, found: list[Candidate]) -> list[Candidate]:
    """'X said (that) Y was orchestrating a crisis': X accuses Y, when the clause holds a word of
    wrongdoing and nothing in the sentence is coded as an accusation already."""
    pattern = st.book.constructions.get("reported_accusation")
    if pattern is None or not st.book.uses("reported_accusations") or any(c.pattern.type == "ACCUSE" for c in found):
        return []
    out = []
    for clause in st.sent:
        speech = clause.head
        if clause.dep_ != "ccomp" or speech.dep_ == "relcl" or \
                speech.lemma_.lower() not in st.lists["speech_verbs"]:
            continue
        if any(c.dep_ == "neg" or c.tag_ == "MD" for c in clause.children):
            continue  # not what Y did: 'Y did not ...', 'any support would be reckless'
        subjects = children(clause, "nsubj", "nsubjpass")
        if not subjects or not accusing_words(st, clause, subjects[0]):
            continue
        accused = [a for a in resolve_all(st, subjects[0]) if a.country]
        for source in [a for a in subject(st, speech) if a.country][:2]:
            if any(t.country == source.country for t in accused):
                continue  # 'the leaders of Russia and Israel have ...', said by Israel: no accusation
            out += [Candidate(speech, pattern, source, t, False, None) for t in accused[:3]]
    return out


def accusing_words(st: SentenceState, clause, subj) -> bool:
    """Whether what a clause says of its subject holds a word of wrongdoing (not counting its time
    phrases, 'in contact since the invasion', nor what a relative clause says of someone else,
    'granted asylum to rebels who entered illegally')."""
    aside = [c for c in children(clause, "prep") if c.lower_ in st.words.temporal_preps]
    aside += [t for t in clause.subtree if t.dep_ in ("relcl", "acl", "appos") and t.i != clause.i]
    said = {t.i for t in clause.subtree} - {t.i for t in subj.subtree} - {t.i for c in aside for t in c.subtree}
    words = {st.sent[i].lemma_.lower() for i in said} | {st.sent[i].lower_ for i in said}
    return bool(words & st.lists["accusation_words"])


def content_ancestor(st: SentenceState, tok, triggers: set[int]) -> int | None:
    """The trigger token whose content (what was asked, threatened, discussed) this trigger is part of."""
    t = tok
    for _ in range(10):
        if t.head.i == t.i:
            return None
        edge, parent = t.dep_, t.head
        if edge == "appos":
            return None  # an apposition restates ('a meeting of ministers, the first visit to India by ...')
        if edge == "pcomp" and parent.lower_ == "with" and children(t, "nsubj"):
            return None  # "..., with Zelenskyy expressing his gratitude": an act of its own, not content
        if parent.i in triggers:
            if edge in ("conj", "cc", "parataxis", "nsubj", "csubj", "relcl"):
                return None  # a relative clause tells what else happened ("a call in which they agreed")
            if edge == "advcl" and not is_to_infinitive(t) and not has_mark(t, ("if", "unless")):
                return None
            if edge == "prep" and t.lower_ in st.words.temporal_preps:
                return None
            if edge == "prep" and t.lower_ == "with" and parent.pos_ in ("NOUN", "PROPN"):
                return None  # a noun's 'with' phrase is company, not content ('responded to the visit with drills')
            return parent.i
        if edge == "prep" and t.lower_ in st.words.temporal_preps:
            return None
        t = parent
    return None


def content_of_noun(st: SentenceState, tok) -> bool:
    """An act in the to-clause of a request, pressure or permission noun is what was asked or allowed."""
    return tok.dep_ == "acl" and tok.head.lemma_.lower() in st.words.content_nouns and is_to_infinitive(tok)
