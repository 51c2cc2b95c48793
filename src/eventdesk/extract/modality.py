"""Modality: whether an event happened, is planned, denied, refused or only threatened, and who says so.

`status` reads the words around a trigger; `recode` turns a hostile act its author commits to into
a threat (codebook [threats]), a cooperative act announced or offered into a promise (AGREE 03x),
and cooperation refused for the future into a rejection (12x).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .arguments import subject
from .context import Candidate, SentenceState
from .syntax import (
    ancestors,
    children,
    clause_tokens,
    governor_in,
    has_mark,
    is_conditional,
    is_future,
    is_negated,
    is_to_infinitive,
    phrase,
    pobjs,
    speech_ancestor,
)


@dataclass(frozen=True)
class Coding:
    """The event a candidate is coded as, after its modality: type, CAMEO code and status."""
    candidate: Candidate
    type: str
    cameo: str
    status: str


def recode(st: SentenceState, cand: Candidate) -> Coding:
    """The candidate's type, code and status once its modality is read: threats, promises, offers,
    riots, refusals."""
    status = status_of(st, cand.trigger)
    if cand.alleged_by is not None and status == "occurred":
        status = "alleged"  # what an accuser says the accused did
    threat = threat_code(st, cand, status)
    if threat is not None:  # "will impose sanctions unless ...", "said they would blockade Paris"
        cand = as_threat(cand, threat)
    elif status == "planned" and cand.pattern.type in st.book.intents and cand.pattern.type != "AGREE" \
            and announced_by_source(st, cand):
        cand = replace(as_intent(st, cand), committed=True)  # "Israel announced it would free 150 prisoners"
    if cand.committed and status in ("planned", "hypothetical"):
        status = "occurred"
    if status == "planned" and cand.pattern.type != "AGREE" and governor_in(cand.trigger, st.words.intent_words) is not None:
        intent = as_intent(st, cand)  # "Syria is willing to withdraw its troops": an offer, made now
        if intent is not None:
            cand, status = intent, "occurred"
    ptype, cameo = cand.pattern.type, cand.pattern.cameo
    ptype, cameo = st.book.reclassified(ptype, cameo, cand.source.sector)  # protesters' wrecking is a riot
    if status == "negated" and ptype in st.book.refusals and (is_future(cand.trigger, st.words.announcing_aux)
                                                               or governor_in(cand.trigger, st.words.refusal_intents)):
        # "X will not / would not provide support to Y", "does not intend to withdraw" are refusals (CAMEO 12x)
        ptype, cameo, status = "REJECT", st.book.refusals[ptype], "occurred"
    return Coding(cand, ptype, cameo, status)


def status_of(st: SentenceState, tok) -> str:
    """occurred, planned, negated, denied or hypothetical, from the words around the trigger."""
    L = st.lists
    clause = clause_tokens(tok)
    for t in clause:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in st.words.negative_determiners and t.i == tok.i):
                return "negated"
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in st.words.opposing_preps:
        return "negated"
    if tok.dep_ in ("advcl", "xcomp") and is_to_infinitive(tok) and (
            is_negated(tok.head) or (tok.head.dep_ == "acomp" and is_negated(tok.head.head))):
        return "negated"  # "would not give permission to Russia to help Israel", "is not willing to help"
    child = tok
    for anc in ancestors(tok, 3):
        if anc.lemma_.lower() in L["refusal_verbs"] | st.words.inability_words and child.dep_ in ("xcomp", "ccomp", "acomp", "advcl"):
            return "negated"
        if child.dep_ not in ("xcomp", "dobj", "pobj", "prep", "pcomp"):
            break
        child = anc
    for anc in ancestors(tok, 6):
        if anc.lemma_.lower() in L["denial_verbs"]:
            return "denied"
    for t in [tok, *ancestors(tok, 6)]:
        if has_mark(t, L["hypothetical_marks"]):
            return "hypothetical"
        if t.dep_ in ("ccomp", "ROOT") and t is not tok and t.lemma_.lower() in L["speech_verbs"]:
            break
    aux = {c.lower_ for t in clause for c in children(t, "aux", "auxpass")}
    if aux & L["future_aux"]:
        return "planned"
    if aux & st.words.reported_future_aux and speech_ancestor(tok, L["speech_verbs"]) is not None:
        return "planned"
    if aux & L["hypothetical_aux"]:
        return "hypothetical"
    t = tok
    for _ in range(4):  # "is expected to make a visit", "plans to visit", "the planned talks"
        if t.dep_ not in ("xcomp", "ccomp", "pobj", "dobj", "conj", "prep", "acomp") or t.head.i == t.i:
            break
        link, t = t.dep_, t.head
        lemma = t.lemma_.lower()
        if lemma in L["planned"] and (lemma not in st.words.planned_with_clause_only or link in ("xcomp", "ccomp")):
            return "planned"
    if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in L["planned_modifiers"] for c in tok.children):
        return "planned"
    return "occurred"


def threat_code(st: SentenceState, cand: Candidate, status: str) -> str | None:
    """The threat (CAMEO 13x) that a hostile act still to come makes, when its own author commits to
    it ('vowed to fight', 'is prepared to impose martial law', 'wants to attack'), announces it
    ('said they would blockade Paris') or makes it conditional ('will withdraw its force unless ...').
    A plan others report ('is expected to strike', 'officials said Russia plans to invade') is not."""
    if status not in ("planned", "hypothetical"):
        return None
    tok = cand.trigger
    conditional = is_conditional(tok, st.words.condition_marks)
    if cand.pattern.type not in st.book.hostile_types and not conditional:
        return None
    said_by = speaker_of(st, cand)
    if said_by == "other":
        return None  # someone else says what the source will do
    committed = governor_in(tok, st.words.threat_intent) is not None
    # said by its author: an announced sanction is a decision ('said it would prohibit all aid'),
    # announced force or protest a threat ('said they would blockade Paris'), and any act a threat
    # when made conditional; unsaid, 'Russia would sever ties if ...' is the writer's hypothesis
    announced = is_future(tok, st.words.announcing_aux) and said_by == "source" and (conditional or cand.pattern.type != "SANCTION")
    if not (committed or announced):
        return None
    return st.book.threat_code(cand.pattern.cameo, conditional)


def announced_by_source(st: SentenceState, cand: Candidate) -> bool:
    """'X said/announced it will/would <act>': the source itself announces the act."""
    return is_future(cand.trigger, st.words.announcing_aux) and speaker_of(st, cand) == "source"


def speaker_of(st: SentenceState, cand: Candidate) -> str | None:
    """Who says the act will happen: "source" (its own author), "other", or None (nobody: the text)."""
    speech = speech_ancestor(cand.trigger, st.lists["speech_verbs"])
    if speech is None:
        return None
    own = any(a.key == cand.source.key or (a.country and a.country == cand.source.country)
              for a in subject(st, speech))
    return "source" if own else "other"


def attribution(st: SentenceState, tok) -> str | None:
    """Who the sentence says reports the event: 'according to X', or the subject of the verb of saying."""
    for t in st.sent:
        if t.lower_ in st.words.attribution_words and any(c.lower_ == "to" for c in t.children):
            to = next(c for c in t.children if c.lower_ == "to")
            objs = pobjs(to)
            if objs:
                return phrase(objs[0], 14, clauses=True)
    said = speech_ancestor(tok, st.lists["speech_verbs"])
    if said is not None:
        subj = children(said, "nsubj")
        if subj:
            return phrase(subj[0], 14, clauses=True)
    return None


def denier(st: SentenceState) -> str | None:
    """Who denies, when the sentence denies the claim made just before ('X rejected the claim')."""
    for tok in st.sent:
        if tok.dep_ != "ROOT":
            continue
        lemma = tok.lemma_.lower()
        objects = {c.lemma_.lower() for c in children(tok, "dobj", "nsubjpass")}
        if lemma in st.lists["denial_verbs"] or (
                lemma in st.words.claim_rejecting_verbs and objects & st.lists["denial_nouns"]):
            subj = children(tok, "nsubj")
            return phrase(subj[0], 14, clauses=True) if subj else "(unnamed)"
    return None


def as_threat(cand: Candidate, code: str) -> Candidate:
    """The THREATEN event for a hostile act committed to or announced (code from codebook [threats])."""
    pattern = replace(cand.pattern, type="THREATEN", cameo=code, mode=None, symmetric=False)
    return replace(cand, pattern=pattern, symmetric=False, committed=True)


def as_intent(st: SentenceState, cand: Candidate) -> Candidate | None:
    """The AGREE event (CAMEO 03x) for a cooperative act that is offered, promised or agreed to."""
    code = st.book.intents.get(cand.pattern.type)
    if code is None:
        return None
    pattern = replace(cand.pattern, type="AGREE", cameo=code, mode=None, symmetric=False)
    return replace(cand, pattern=pattern, symmetric=False, committed=True)
