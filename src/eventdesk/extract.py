"""Parsed sentences + actors -> event mentions, by the codebook.

For every token whose lemma is a trigger in the codebook, the pattern says where the source,
target and object are in the dependency parse. Actors come from the actor tables (through
`mentions.ActorFinder`), from titles ("the Israeli leader") and from earlier sentences
("he", "the defence minister"). Status (planned, negated, hypothetical, denied), attribution
and the event's own date are read from the words around the trigger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .actors import ActorTable, fold
from .codebook import Codebook, Pattern
from .dates import REFERENCE_KINDS, coarsen, find_time_expressions, resolve, to_date
from .discourse import is_act_reference
from .mentions import GROUP_PRONOUNS, PERSON_PRONOUNS, ActorFinder, ActorMention, DocumentContext
from .records import Actor, Document, EventMention

LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
# agent nouns that name the other side of a relation, never a group on the ground
PLACELESS_AGENTS = {"counterpart", "counterparts", "side", "party", "country", "nation", "state"}
# definite nouns that refer back to the last country or organisation named ("the kingdom", "the bloc")
# (kept to nouns that rarely name the subject's own country: "the country" often does)
# plan words that make a plan only of a clause ("set to meet"), not of an object ("set fire to")
PLANNED_WITH_CLAUSE_ONLY = frozenset({"set", "due", "going", "likely", "poised", "ready", "willing", "try",
                                      "attempt", "aim", "hope", "wish"})
# bodies of a state that a later "the ministry", "the government" refers back to
BODY_NOUNS = frozenset({"ministry", "government", "military", "army", "embassy", "parliament", "cabinet"})
ANAPHORS = {"kingdom": "country", "emirate": "country", "bloc": "organization", "alliance": "organization",
            "organisation": "organization", "organization": "organization"}
# "dozens of students", "thousands of protesters": the group is the 'of' object
QUANTITY_NOUNS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
                  "score", "scores", "number", "group", "some", "many", "most", "all", "several", "few",
                  "members", "member", "majority", "minority", "handful", "tens", "crowd", "crowds"}
# event types that happen inside one country: a group with no country takes the other side's
DOMESTIC_TYPES = {"PROTEST", "COERCE", "ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# triggers whose target, when it is a thing, stands for the place it is in ("shelled targets in Jericho")
PLACED_TARGETS = frozenset({"attack", "strike", "bomb", "shell", "hit", "raid", "fire", "target", "bombard",
                            "pound", "storm", "destroy", "damage", "blockade", "seize", "occupy", "invade",
                            "withdraw", "pull", "retreat", "evacuate", "deploy", "station", "mass", "withdrawal",
                            "pullout"})
PLACE_KINDS = ("country", "capital", "city")
# target slots read from where the act takes place, relative to its source (see _Arguments.placed_slot)
PLACE_SLOTS = frozenset({"place", "abroad"})
# people an attack kills or wounds who are named by no actor noun ('four children and a man were killed')
VICTIM_NOUNS = frozenset({"person", "people", "persons", "child", "children", "man", "men", "woman", "women",
                          "boy", "boys", "girl", "girls", "baby", "babies", "family", "families", "teenager",
                          "teenagers", "passenger", "passengers", "worshipper", "worshippers", "pedestrian",
                          "pedestrians", "bystander", "bystanders", "shopper", "shoppers"})
# what a force is readied for ('for a possible war against Iraq')
WAR_NOUNS = frozenset({"war", "attack", "offensive", "invasion", "assault", "conflict", "strike", "strikes",
                       "operation", "incursion", "confrontation"})
# sectors that a modifier gives the noun it qualifies ('opposition parties', 'rebel forces')
SIDE_SECTORS = frozenset({"OPP", "REB"})
# sectors of people protesting: attacked by security forces, they are of the forces' country
PROTEST_SECTORS = frozenset({"OPP", "LAB", "EDU"})
# 'in protest of X', 'in defiance of X', 'during demonstrations against X': what a protest is about
PROTEST_REASONS = frozenset({"protest", "protests", "defiance", "opposition", "demonstration", "demonstrations",
                             "rally", "rallies", "outrage", "anger", "response"})
# purpose verbs of a protest ('staged a strike to protest against X', 'to demand the resignation of X')
PROTEST_AIMS = frozenset({"protest", "demand", "denounce", "condemn", "oppose", "decry", "show", "express",
                          "voice", "press", "challenge", "defy", "pressure", "force"})
# prepositions that name where a measure applies ('a curfew in', 'martial law over', 'a siege on')
MEASURE_PREPS = frozenset({"in", "on", "over", "across", "throughout", "inside", "upon"})
# nouns that name a place by its name ('the town of Samarra')
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "port", "capital",
                         "area", "outskirts", "suburb", "county", "state", "part", "parts", "east", "west", "north",
                         "south", "northeast", "northwest", "southeast", "southwest", "centre", "center", "heart"})
# what an attack is made with or as: it stands for its owner ('an Israeli airstrike') or, unowned, for
# unidentified attackers where it happened ('a roadside bomb in Mosul')
ATTACK_MEANS = frozenset({"bomb", "bombing", "airstrike", "strike", "shelling", "attack", "raid", "blast",
                          "explosion", "explosive", "device", "mine", "landmine", "rocket", "missile", "shell",
                          "mortar", "drone", "grenade", "ambush", "bombardment", "gunfire", "fire", "suicide",
                          "artillery", "air", "shooting", "assault",
                          # the weapon for its fire ('killed in Israeli tank shelling', parsed 'in Israeli tank')
                          "tank", "helicopter", "gunship", "warplane", "jet", "warship", "gunboat"})
# means set off where they strike: unowned, they stand for attackers in that place (not drones or missiles)
LOCAL_MEANS = frozenset({"bomb", "bombing", "blast", "explosion", "explosive", "device", "mine", "landmine",
                         "suicide", "grenade", "ambush", "shooting"})
# nouns for the other party of a relation: 'Israel's ally' is someone else
RELATION_NOUNS = frozenset({"ally", "allies", "proxy", "proxies", "rival", "rivals", "enemy", "enemies", "foe",
                            "foes", "adversary", "adversaries", "neighbour", "neighbours", "neighbor", "neighbors",
                            "partner", "partners", "client"})
# verbs whose subject brings others together ('hosted talks between the two rivals')
HOST_VERBS = frozenset({"host", "mediate", "broker", "sponsor", "facilitate", "arrange", "organise", "organize",
                        "convene"})
# the sectors of a country's non-state side: whom its own office holders face at home
NONSTATE_SECTORS = frozenset({"REB", "OPP", "CVL", "REF", "LAB", "EDU", "MED", "BUS", "UNK"})
# groups a thing can be 'for' ("a camp for Congolese refugees", "a school for Palestinian children")
BENEFICIARY_SECTORS = frozenset({"CVL", "REF"})
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning", "of", "for", "against", "to"})
PERSON_AGENTS = frozenset({"president", "leader", "minister", "premier", "chancellor", "counterpart", "diplomat",
                           "envoy", "ambassador", "king", "prince", "emir", "secretary", "spokesman"})
TRAVEL_VERBS = frozenset({"arrive", "travel", "fly", "land", "visit", "tour"})
MEETING_NOUNS = frozenset({"meeting", "talk", "talks", "summit", "negotiation", "visit", "conference"})
# nouns that name a request, whose author a refusal answers
REQUEST_NOUNS = frozenset({"request", "demand", "call", "appeal", "plea", "proposal", "offer", "plan",
                           "invitation", "ultimatum", "bid", "application", "initiative", "suggestion", "pressure"})
# nouns that name a promise, whose receiver a broken promise wrongs ('reneged on its pledge to Kyiv')
PROMISE_NOUNS = frozenset({"commitment", "promise", "pledge", "obligation", "obligations", "commitments",
                           "promises", "pledges", "assurance", "assurances", "guarantee", "guarantees", "word"})
# what one side gives another: a refused act that gives them names its recipient ('assistance to X')
GIFT_NOUNS = frozenset({"aid", "assistance", "help", "support", "backing", "troops", "weapons", "arms", "funding",
                        "money", "loan", "loans", "peacekeepers", "soldiers"})
# nouns whose to-clause says what is asked, pressed for or allowed, not what happened
# (not offers, plans or pledges: 'Britain's pledge to send tanks' is a promise of the sending)
CONTENT_NOUNS = frozenset({"request", "demand", "call", "appeal", "plea", "ultimatum", "pressure", "permission",
                           "authorization", "authorisation", "approval", "mandate", "consent", "push", "threat",
                           "order", "orders", "instruction", "instructions"})
# nouns for the other party of a two-sided relation: 'its neighbour', 'the other side'
OTHER_PARTY_NOUNS = frozenset({"neighbour", "neighbor", "rival", "adversary", "foe", "enemy", "nemesis"})
# nouns whose to-clause is their owner's own act ("Egypt's decision to recall its envoy")
DECISION_NOUNS = frozenset({"decision", "move", "plan", "plans", "bid", "attempt", "attempts", "effort", "efforts",
                            "order", "announcement", "choice", "readiness", "willingness", "intention", "pledge",
                            "promise", "commitment", "vow", "threat", "refusal", "resolve", "determination"})
# words of willingness or commitment: the act they govern is an offer or promise (PLOVER AGREE)
INTENT_WORDS = frozenset({"willing", "ready", "prepared", "agree", "offer", "promise", "pledge", "vow", "want", "seek",
                          "commit", "undertake", "consent"})
# the CAMEO 'express intent' code for each cooperative act
INTENT_CODES = {"AID": "033", "CONSULT": "036", "RETREAT": "035", "CONCEDE": "035", "COOPERATE": "031",
                "SUPPORT": "032", "AGREE": "030"}
# event types whose announced, vowed or conditional future is a threat (codebook [threats])
HOSTILE_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# words by which an actor commits itself to an act ('vowed to fight', 'is prepared to impose', 'wants to attack')
THREAT_INTENT = frozenset({"willing", "ready", "prepared", "determined", "vow", "swear", "pledge", "promise",
                           "threaten", "want", "intend", "plan", "commit"})
# statements whose clause tells what another must do ('a stern reminder to Iraq that it must cooperate')
STATEMENT_NOUNS = frozenset({"reminder", "warning", "message", "statement", "insistence", "position", "view",
                             "demand", "ultimatum", "assertion", "declaration"})
# verbs of saying or holding that carry a demand in their clause ('X reiterated that Y must ...')
DEMAND_SPEECH = frozenset({"reiterate", "repeat", "warn", "emphasize", "emphasise", "underline", "maintain",
                           "demand", "remind", "believe", "think", "feel", "urge"})
# cooperation refused in the future tense, and the CAMEO reject code it becomes
REFUSABLE = {"AID": "122", "COOPERATE": "121", "CONSULT": "125", "SUPPORT": "120", "AGREE": "120",
             "CONCEDE": "124", "RETREAT": "124"}


@dataclass
class Candidate:
    trigger: object  # spaCy Token
    pattern: Pattern
    source: Actor
    target: Actor
    symmetric: bool
    object: str | None
    committed: bool = False  # a threat or offer read from a commitment to act: it is made now
    content: object = None  # the clause that says what was demanded (its dates are not the demand's)
    alleged_by: Actor | None = None  # an act an accusation alleges ('accused X of shelling'): the accuser


class SentenceExtractor:
    """Extracts event mentions from one parsed sentence at a time, keeping document context."""

    def __init__(self, book: Codebook, table: ActorTable):
        self.book = book
        self.table = table
        self.finder = ActorFinder(table)
        self.lists = {name: book.words(name) for name in book.lists}
        # modal word -> the demand or appeal construction it makes ("must", "has to", "should")
        self._modals = {w: p for p in book.constructions.values() if p.type == "REQUEST" for w in p.lemmas}

    # -- public ----------------------------------------------------------------
    def extract(self, sent, offset: int, doc: Document, ctx: DocumentContext) -> list[EventMention]:
        """Event mentions of one sentence (a spaCy Doc) that starts at `offset` in doc.text."""
        day = ctx.anchor
        found = self.finder.find(sent, ctx, day)
        arg = _Arguments(self, sent, found, ctx)
        applicable = self._applicable(sent)
        candidates = [c for tok in sent for c in self._candidates(tok, arg, applicable.get(tok.i, ()))]
        candidates = self._drop_nested(candidates, sent, set(applicable), self.book)
        candidates += self._reported_accusations(sent, arg, candidates)
        demands, contents = self._demands(sent, arg)
        if demands:  # what was demanded is not an event
            candidates = [c for c in candidates if not any(_within_content(c.trigger, v) for v in contents)]
            candidates += demands
        times = self._time_expressions(sent)
        out = []
        for cand in candidates:
            out.extend(self._mention(cand, sent, offset, doc, ctx, times, arg))
        denier = self._denial(sent)
        if denier is not None and not out:
            out = [replace(m, sentence=sent.text, start=offset, end=offset + len(sent.text), status="denied",
                           attributed_to=denier, trigger="", confidence=round(m.confidence * 0.8, 3))
                   for m in ctx.previous if m.status in ("occurred", "disputed")]
        for mention in sorted({id(m): m for m in found.values()}.values(), key=lambda m: m.start):
            if mention.actor is not None:
                ctx.remember(mention.actor)
        out = _dedupe(out)
        ctx.previous = out
        ctx.salience.note_events(out)
        _note_day(ctx, [expr for expr, _ in times])
        return out

    def _denial(self, sent) -> str | None:
        """Who denies, when the sentence denies the claim made just before ('X rejected the claim')."""
        for tok in sent:
            if tok.dep_ != "ROOT":
                continue
            lemma = tok.lemma_.lower()
            objects = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
            if lemma in self.lists["denial_verbs"] or (
                    lemma in ("reject", "dismiss", "dispute", "refute") and objects & self.lists["denial_nouns"]):
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                return _phrase(subj[0], 14, clauses=True) if subj else "(unnamed)"
        return None

    def observe(self, sent, ctx: DocumentContext) -> None:
        """Read an unparsed sentence for the actors it names (for later references)."""
        ctx.previous = []
        _note_day(ctx, find_time_expressions(sent.text))
        found = self.finder.find(sent, ctx, ctx.anchor)
        for mention in sorted({id(m): m for m in found.values()}.values(), key=lambda m: m.start):
            if mention.actor is not None:
                ctx.remember(mention.actor)

    # -- triggers --------------------------------------------------------------
    def _applicable(self, sent) -> dict[int, list[Pattern]]:
        """Token index -> the patterns whose conditions hold there (evaluated once per sentence)."""
        out = {}
        for tok in sent:
            pos = self._pos(tok)
            if pos is not None:
                patterns = [p for p in self.book.for_token(pos, tok.lemma_.lower()) if self._conditions(tok, p)]
                if patterns:
                    out[tok.i] = patterns
        return out

    def _candidates(self, tok, arg: _Arguments, patterns) -> Iterator[Candidate]:
        if tok.i in arg.found and arg.found[tok.i].kind != "role":
            return
        for pattern in patterns:
            pairs = [(a, b, sym) for a, b, sym in arg.pairs(tok, pattern) if a.key != b.key]
            if pairs:
                obj = arg.object_text(tok, pattern)
                for source, target, symmetric in pairs:
                    yield Candidate(tok, pattern, source, target, symmetric, obj)
                return

    def _conditions(self, tok, pattern: Pattern) -> bool:
        near = _nearby_lemmas(tok) if pattern.pos == "verb" else _modifier_lemmas(tok)
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

    def _demands(self, sent, arg: _Arguments) -> tuple[list[Candidate], list]:
        """'X said (that) Y must / has to Z', 'a reminder to Y that it must Z': X demands of Y (REQUEST).
        Returns the demands and the clause heads whose content they are."""
        out, contents = [], []
        for verb in sent:
            pattern = self._demand_pattern(verb)
            if pattern is None:
                continue
            speech = self._demand_speech(verb)
            if speech is None:
                continue
            sources = self._speaker(speech, arg)
            targets = [a for c in verb.children if c.dep_ == "nsubj" for a in arg.resolve_all(c)]
            pairs = [(s, t) for s in sources[:2] for t in targets[:3] if s.key != t.key and t.country]
            if pairs:
                contents.append(verb)
                obj = _phrase(verb, 14, skip_marks=True)
                out += [Candidate(speech, pattern, s, t, False, obj, content=verb) for s, t in pairs]
        return out, contents

    def _reported_accusations(self, sent, arg: _Arguments, found: list[Candidate]) -> list[Candidate]:
        """'X said (that) Y was orchestrating a crisis': X accuses Y, when the clause holds a word of
        wrongdoing and nothing in the sentence is coded as an accusation already."""
        pattern = self.book.constructions.get("reported_accusation")
        if pattern is None or any(c.pattern.type == "ACCUSE" for c in found):
            return []
        out = []
        for clause in sent:
            speech = clause.head
            if clause.dep_ != "ccomp" or speech.lemma_.lower() not in self.lists["speech_verbs"] | {"allege"}:
                continue
            if any(c.dep_ == "neg" or c.tag_ == "MD" for c in clause.children) or arg.in_attribution_only(speech):
                continue  # not what Y did: 'Y did not ...', 'any support would be reckless'
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects:
                continue
            aside = [c for c in clause.children if c.dep_ == "prep" and c.lower_ in TEMPORAL_PREPS]
            said = {t.i for t in clause.subtree} - {t.i for t in subjects[0].subtree} \
                - {t.i for c in aside for t in c.subtree}  # 'in contact since the invasion': the time
            words = {sent[i].lemma_.lower() for i in said} | {sent[i].lower_ for i in said}
            if not words & self.lists["accusation_words"]:
                continue
            accused = [a for a in arg.resolve_all(subjects[0]) if a.country]
            for source in [a for a in arg.subject(speech) if a.country][:2]:
                if any(t.country == source.country for t in accused):
                    continue  # 'the leaders of Russia and Israel have ...', said by Israel: no accusation
                out += [Candidate(speech, pattern, source, t, False, None) for t in accused[:3]]
        return out

    def _demand_pattern(self, verb) -> Pattern | None:
        """The construction a clause head is under: 'must Z', 'has to Z' (a demand),
        'should Z', 'ought to Z' (an appeal). Past 'had to' tells what happened, not a demand."""
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        for c in verb.children:
            if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in self._modals:
                return self._modals[c.lower_]
        lemma = verb.lemma_.lower()
        if lemma in self._modals and verb.tag_ in ("VBZ", "VBP", "VB", "MD") and any(
                c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in verb.children):
            return self._modals[lemma]
        return None

    @staticmethod
    def _speaker(speech, arg: _Arguments) -> list[Actor]:
        """Who speaks: the subject of the verb of saying, or of the verb of saying it is joined to
        ('has said ... and stressed that'); nothing when the parse joins it to anything else."""
        for verb in (speech, speech.head if speech.dep_ == "conj" else None):
            if verb is None:
                break
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            if subj:
                return [a for c in subj for a in arg.resolve_all(c)]
            if verb is not speech or verb.dep_ != "conj":
                break
            if verb.head.lemma_.lower() not in arg.lists["speech_verbs"] | DEMAND_SPEECH:
                break
        return []

    def _demand_speech(self, verb):
        """The verb of saying whose clause the demand is ('said that ...'), or the verb of the statement
        noun it completes ('issued a reminder that ...')."""
        head = verb.head
        if head.i == verb.i:
            return None
        lemma = head.lemma_.lower()
        if verb.dep_ == "ccomp" and head.pos_ == "VERB" and (lemma in self.lists["speech_verbs"] or lemma in DEMAND_SPEECH):
            return head
        if verb.dep_ in ("acl", "ccomp") and lemma in STATEMENT_NOUNS and head.dep_ == "dobj":
            return head.head
        return None

    @staticmethod
    def _drop_nested(cands: list[Candidate], sent, triggers: set[int], book: Codebook) -> list[Candidate]:
        """An event inside the content of another (what was asked for, threatened, discussed) is not an event.
        `triggers` are the tokens where some pattern applies."""
        types = {c.trigger.i: c.pattern.type for c in cands}
        keep, threatened = [], {}
        for c in cands:
            outer = _content_ancestor(c.trigger, triggers)
            if _content_of_noun(c.trigger):
                continue  # "faces pressure from Congress to help Iran", "permission to help Israel"
            if outer is None:
                keep.append(c)
            elif types.get(outer) == "THREATEN" and c.pattern.type in HOSTILE_TYPES:
                # "threatened to blockade Taiwan": the act says what kind of threat it is
                threatened.setdefault(outer, book.threat_code(c.pattern.cameo, _conditional(c.trigger)))
            elif c.pattern.type == "REQUEST" and types.get(outer) == "REJECT" and c.trigger.head.i == outer:
                keep.append(c)  # "rejected a request from X": the request happened
            elif types.get(outer) == "ACCUSE" and _alleged_act(c.trigger, outer):
                accusations = [a for a in cands if a.trigger.i == outer]
                keep += [replace(c, source=a.target, alleged_by=a.source) for a in accusations[:1]
                         if a.target.key != c.target.key and a.target.country]  # "accused X of shelling Y"
            elif types.get(outer) is None and sent[outer].lemma_.lower() in INTENT_WORDS | THREAT_INTENT:
                intent = _as_intent(c)  # "agreed to lift the sanctions on Iran": nobody else codes it
                if intent is None and sent[outer].lemma_.lower() in THREAT_INTENT:
                    conditional = _conditional(c.trigger)
                    code = book.threat_code(c.pattern.cameo, conditional) \
                        if c.pattern.type in HOSTILE_TYPES or conditional else None
                    intent = _as_threat(c, code) if code else None  # "threatened to impose a curfew"
                if intent is not None:
                    keep.append(intent)
        return [replace(c, pattern=replace(c.pattern, cameo=threatened[c.trigger.i])) if threatened.get(c.trigger.i)
                and c.pattern.type == "THREATEN" and c.pattern.cameo in ("13", "130") else c for c in keep]

    @staticmethod
    def _pos(tok) -> str | None:
        if tok.pos_ in ("VERB", "ADJ") or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            return "verb"
        return "noun" if tok.pos_ in ("NOUN", "PROPN") else None

    # -- one event mention -----------------------------------------------------
    def _mention(self, cand: Candidate, sent, offset: int, doc: Document, ctx: DocumentContext,
                 times, arg: _Arguments | None = None) -> list[EventMention]:
        if cand.pattern.type in DOMESTIC_TYPES:
            cand = _place_groups(cand)
        if cand.source.key == cand.target.key or not cand.source.country or not cand.target.country:
            return []  # an actor we cannot place (an unknown person, no title) makes no usable dyad
        if cand.source.country and cand.source.country == cand.target.country and (
                cand.source.kind != "person" or cand.target.kind != "person") and \
                cand.source.sector == cand.target.sector:
            return []
        status = self._status(cand.trigger)
        if cand.alleged_by is not None and status == "occurred":
            status = "alleged"  # what an accuser says the accused did
        threat = self._threat_code(cand, status, arg)
        if threat is not None:  # "will impose sanctions unless ...", "said they would blockade Paris"
            cand = _as_threat(cand, threat)
        elif status == "planned" and cand.pattern.type in INTENT_CODES and cand.pattern.type != "AGREE" \
                and self._announced_by_source(cand, arg):
            cand = replace(_as_intent(cand), committed=True)  # "Israel announced it would free 150 prisoners"
        if cand.committed and status in ("planned", "hypothetical"):
            status = "occurred"
        if status == "planned" and cand.pattern.type != "AGREE" and _governor_in(cand.trigger, INTENT_WORDS) is not None:
            intent = _as_intent(cand)  # "Syria is willing to withdraw its troops": an offer, made now
            if intent is not None:
                cand, status = intent, "occurred"
        ptype, cameo = cand.pattern.type, cand.pattern.cameo
        if ptype == "COERCE" and cameo.startswith("171") and cand.source.sector == "OPP":
            ptype, cameo = "PROTEST", "145"  # property wrecked by protesters is a riot (CAMEO 145)
        if status == "negated" and ptype in REFUSABLE and _future(cand.trigger):
            # "X will not / would not provide support to Y" is a refusal (CAMEO 12x)
            ptype, cameo, status = "REJECT", REFUSABLE[ptype], "occurred"
        if cand.content is not None:  # "said X must reverse its August 2019 decision": not dated August 2019
            times = [(e, r) for e, r in times if not _is_descendant(r, cand.content)]
        date, precision, date_text = self._date(cand.trigger, times, ctx.anchor, status, ctx.last_day)
        from_publication = date is not None and date_text is None
        place = arg.place(cand.trigger) if arg is not None else None
        cameo = self._refine(cameo, cand.object)
        code = self.book.cameo.get(cameo)
        start = offset
        return [EventMention(
            document=doc.id, sentence=sent.text, start=start, end=start + len(sent.text),
            type=ptype, cameo=cameo, mode=cand.pattern.mode if ptype == cand.pattern.type else None,
            source=cand.source, target=cand.target, symmetric=cand.symmetric, status=status,
            confidence=round(cand.pattern.confidence * _actor_weight(cand.source) * _actor_weight(cand.target), 3),
            date=date, date_precision=precision,
            attributed_to=cand.alleged_by.name if cand.alleged_by is not None else self._attribution(cand.trigger, sent),
            published=doc.published, publisher=doc.publisher, object=cand.object, trigger=cand.trigger.text,
            goldstein=code.goldstein if code else None, quad=code.quad if code else None, date_text=date_text,
            date_from_publication=from_publication, place=place)]

    def _threat_code(self, cand: Candidate, status: str, arg: _Arguments | None) -> str | None:
        """The threat (CAMEO 13x) that a hostile act still to come makes, when its own author commits to
        it ('vowed to fight', 'is prepared to impose martial law', 'wants to attack'), announces it
        ('said they would blockade Paris') or makes it conditional ('will withdraw its force unless ...').
        A plan others report ('is expected to strike', 'officials said Russia plans to invade') is not."""
        if status not in ("planned", "hypothetical"):
            return None
        tok = cand.trigger
        conditional = _conditional(tok)
        if cand.pattern.type not in HOSTILE_TYPES and not conditional:
            return None
        speaker = self._speaker_of(cand, arg)
        if speaker == "other":
            return None  # someone else says what the source will do
        committed = _governor_in(tok, THREAT_INTENT) is not None
        # said by its author: an announced sanction is a decision ('said it would prohibit all aid'),
        # announced force or protest a threat ('said they would blockade Paris'), and any act a threat
        # when made conditional; unsaid, 'Russia would sever ties if ...' is the writer's hypothesis
        announced = _future(tok) and speaker == "source" and (conditional or cand.pattern.type != "SANCTION")
        if not (committed or announced):
            return None
        return self.book.threat_code(cand.pattern.cameo, conditional)

    def _announced_by_source(self, cand: Candidate, arg: _Arguments | None) -> bool:
        """'X said/announced it will/would <act>': the source itself announces the act."""
        return _future(cand.trigger) and self._speaker_of(cand, arg) == "source"

    def _speaker_of(self, cand: Candidate, arg: _Arguments | None) -> str | None:
        """Who says the act will happen: "source" (its own author), "other", or None (nobody: the text)."""
        speech = _speech_ancestor(cand.trigger, self.lists["speech_verbs"])
        if speech is None or arg is None:
            return None
        own = any(a.key == cand.source.key or (a.country and a.country == cand.source.country)
                  for a in arg.subject(speech))
        return "source" if own else "other"

    def _refine(self, code: str, obj: str | None) -> str:
        classes = self.book.refine.get(code)
        if not classes or not obj:
            return code
        words = set(obj.lower().replace("-", " ").split())
        for cls in ("military", "humanitarian", "economic"):
            if cls in classes and (words & self.lists.get(f"{cls}_objects", frozenset()) or
                                   {w.rstrip("s") for w in words} & self.lists.get(f"{cls}_objects", frozenset())):
                return classes[cls]
        return code

    # -- status, attribution, date ---------------------------------------------
    def _status(self, tok) -> str:
        L = self.lists
        clause = _clause_tokens(tok)
        for t in clause:
            for c in t.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and t.i == tok.i):
                    return "negated"
        if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "against":
            return "negated"
        if tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and any(c.dep_ == "neg" for c in tok.head.children):
            return "negated"  # "would not give permission to Russia to help Israel": no help either
        child = tok
        for anc in _ancestors(tok, 3):
            if anc.lemma_.lower() in L["refusal_verbs"] | {"unable"} and child.dep_ in ("xcomp", "ccomp", "acomp", "advcl"):
                return "negated"
            if child.dep_ not in ("xcomp", "dobj", "pobj", "prep", "pcomp"):
                break
            child = anc
        for anc in _ancestors(tok, 6):
            if anc.lemma_.lower() in L["denial_verbs"]:
                return "denied"
        for t in [tok, *_ancestors(tok, 6)]:
            if any(c.dep_ == "mark" and c.lower_ in L["hypothetical_marks"] for c in t.children):
                return "hypothetical"
            if t.dep_ in ("ccomp", "ROOT") and t is not tok and t.lemma_.lower() in L["speech_verbs"]:
                break
        aux = {c.lower_ for t in clause for c in t.children if c.dep_ in ("aux", "auxpass")}
        if aux & L["future_aux"]:
            return "planned"
        if aux & {"would"} and _speech_ancestor(tok, L["speech_verbs"]) is not None:
            return "planned"
        if aux & L["hypothetical_aux"]:
            return "hypothetical"
        t = tok
        for _ in range(4):  # "is expected to make a visit", "plans to visit", "the planned talks"
            if t.dep_ not in ("xcomp", "ccomp", "pobj", "dobj", "conj", "prep", "acomp") or t.head.i == t.i:
                break
            link, t = t.dep_, t.head
            lemma = t.lemma_.lower()
            if lemma in L["planned"] and (lemma not in PLANNED_WITH_CLAUSE_ONLY or link in ("xcomp", "ccomp")):
                return "planned"
        if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in L["planned_modifiers"] for c in tok.children):
            return "planned"
        return "occurred"

    def _attribution(self, tok, sent) -> str | None:
        for t in sent:
            if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
                to = next(c for c in t.children if c.lower_ == "to")
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    return _phrase(objs[0], 14, clauses=True)
        speaker = _speech_ancestor(tok, self.lists["speech_verbs"])
        if speaker is not None:
            subj = [c for c in speaker.children if c.dep_ in ("nsubj",)]
            if subj:
                return _phrase(subj[0], 14, clauses=True)
        return None

    def _time_expressions(self, sent) -> list[tuple[object, object]]:
        """(TimeExpr, root token) for each time expression in the sentence."""
        out = []
        for expr in find_time_expressions(sent.text):
            span = sent.char_span(expr.start, expr.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            out.append((expr, span.root))
        return out

    def _date(self, tok, times, anchor: dt.date | None, status: str,
              last_day: dt.date | None = None) -> tuple[str | None, str | None, str | None]:
        """The date of the event at `tok`: its nearest time expression in the parse, resolved against the
        publication (or, for 'a day earlier', against the day the text last spoke of)."""
        future = status == "planned"
        best = None
        anchors = {tok.i}
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "pobj"):
            anchors.add(tok.head.i)
        ancestors = {a.i: depth for depth, a in enumerate(_ancestors(tok, 8), 1)}
        for expr, root in times:
            attach = _attachment(root)
            if attach is None:
                continue
            if attach.i in anchors:
                dist = 0
            elif attach.i in ancestors:
                dist = ancestors[attach.i]
            elif _is_descendant(attach, tok):
                dist = 1 + _depth_between(attach, tok)
            else:
                continue
            if best is None or dist < best[0]:
                best = (dist, expr)
        if best is not None:
            resolved = resolve(best[1], last_day if best[1].kind in REFERENCE_KINDS else anchor, future)
            if resolved:
                return resolved[0], resolved[1], best[1].key
            return None, None, best[1].key
        if anchor is not None and status in ("occurred", "disputed", "denied", "negated", "alleged"):
            # a past event with no time expression: reported news, so the month of publication;
            # a plan with no date stays undated (it is for later, not for the article's day)
            return (*coarsen(anchor.isoformat(), "day", "month"), None)
        return None, None, None


class _Arguments:
    """Finds and resolves the arguments of triggers in one sentence."""

    def __init__(self, ex: SentenceExtractor, sent, found: dict[int, ActorMention], ctx: DocumentContext):
        self.ex, self.sent, self.found, self.ctx = ex, sent, found, ctx
        self.table = ex.table
        self.lists = ex.lists
        self._where: str | None = None

    # -- pairs -----------------------------------------------------------------
    def pairs(self, tok, p: Pattern) -> Iterator[tuple[Actor, Actor, bool]]:
        if "between" in p.target:
            both = self.slot(tok, "between")
            mediated = "between_each" in p.target and self.sources(tok, p)  # a mediator faces each side
            if len(both) >= 2 and not mediated:
                yield both[0], both[1], True
                return
        sources = self.sources(tok, p)
        if p.source_sectors:  # "the foreign ministry protested" is a complaint, not a street protest
            sources = [a for a in sources if (a.sector or "GOV") in p.source_sectors]
        if p.pos == "noun" and p.symmetric and len(sources) < 2:
            inside = self._relative_clause_parties(tok)  # "a call in which Biden and Sisi agreed"
            if len(inside) >= 2:
                sources = inside
        if not sources:
            return
        targets = []
        for slot in p.target:
            if slot == "between":
                continue
            if slot == "subj_conj":
                if len(sources) >= 2 and p.symmetric:
                    break  # the subject holds every side: all pairs, below
                conj = self.subject_conjuncts(tok)
                if conj:
                    targets = conj
                    break
                continue
            found = self.placed_slot(tok, slot, sources) if slot in PLACE_SLOTS else self.slot(tok, slot)
            if p.type == "ASSAULT":
                found = [self._placed_victim(tok, a, sources) for a in found or self._victims(tok, slot)]
            targets = [a for a in found if all(a.key != s.key for s in sources)
                       and (a.country or (p.type in DOMESTIC_TYPES and (
                               a.kind == "group" or (a.kind == "person" and a.role is not None))))]
            if targets:
                break
        if not targets and p.pos == "noun":
            targets = self.implied_noun_target(tok)

        if not targets and p.type == "PROTEST":
            targets = self._protest_reason(tok) or self._protest_target(sources)
        pairs_of_sources = p.pos == "noun" or "subj_conj" in p.target  # not 'Iraq and Oman hosted talks'
        if not targets and p.symmetric and len(sources) >= 2 and pairs_of_sources:
            for i, a in enumerate(sources[:4]):  # "The US, Russia and Switzerland met": every pair
                for b in sources[i + 1:4]:
                    yield a, b, True
            return
        for s in sources[:4]:  # "Mali, Niger and Burkina Faso recalled their ambassadors"
            for t in targets[:6]:  # "lifted embargoes on Iran, Libya, North Korea, Sudan and Cuba"
                yield s, t, p.symmetric

    def _relative_clause_parties(self, tok) -> list[Actor]:
        for c in tok.children:
            if c.dep_ == "relcl":
                subj = [s for s in c.children if s.dep_ == "nsubj"]
                if subj:
                    return self.resolve_all(subj[0])
        return []

    def _protest_reason(self, tok) -> list[Actor]:
        """A protest is aimed at whoever owns what it protests: 'in protest of the government's refusal',
        'in defiance of Chinese authorities', 'to protest against Sweden's decision', 'to demand the
        resignation of X', 'during demonstrations against violations by the army'."""
        verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") else tok  # 'began a hunger strike'
        if verb.dep_ == "prep":
            verb = verb.head
        for h in (tok, verb):
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "as", "during", "amid"):
                    for o in c.children:
                        if o.dep_ == "pobj" and o.lemma_.lower() in PROTEST_REASONS:
                            found = self._aimed_at(o)
                            if found:
                                return found
                if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in PROTEST_AIMS and \
                        any(m.lower_ == "to" for m in c.children):
                    found = [a for prep in ("against", "at", "over") for a in self.prep_objects(c, prep)]
                    found = found or [a for o in c.children if o.dep_ == "dobj" for a in
                                      self.resolve_all(o) or self._aimed_at(o)]
                    if found:
                        return found
        return []

    def _aimed_at(self, noun) -> list[Actor]:
        """The actors a protest noun or a demanded thing is aimed at ('defiance of X', 'disapproval for X')."""
        return [a for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "against", "at", "over", "for",
                                                                              "with", "to")
                for o in c.children if o.dep_ == "pobj" for a in self.resolve_all(o)]

    def _protest_target(self, sources: list[Actor]) -> list[Actor]:
        """A protest with no stated target is aimed at the government where it happens."""
        where = self.location() or next((s.country for s in sources if s.country), None)
        return [self.table.country_actor(where, "(the government)")] if where else []

    def placed_slot(self, tok, slot: str, sources: list[Actor]) -> list[Actor]:
        """'place': the people of the place a measure is taken in ('imposed a curfew in the town of Cizre',
        'lifted the state of emergency in Darfur'): a curfew or an emergency is aimed at those who live
        there, not at their government; an unknown or unnamed place is in the source's own country.
        'abroad': a place in another country than the source's ('troops on alert in the West Bank');
        'police on alert in Nairobi' face no one."""
        where = self._measure_place(tok)
        if slot == "abroad":
            if where is None or any(s.country == where[0] for s in sources):
                return []
            return [self.table.country_actor(where[0], where[1])]
        if where is None:
            home = next((s.country for s in sources if s.country), None)
            return [self.table.country_actor(home, "(the people)", "CVL")] if home else []
        return [self.table.country_actor(where[0], where[1], "CVL")]

    def _measure_place(self, tok) -> tuple[str, str] | None:
        """(country, text) of the place phrase on a trigger, on its object ('a state of emergency in X')
        or on the participle after it ('the curfew imposed in Sudan')."""
        heads = [tok] + ([tok.head] if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") else [])
        heads += [c for h in list(heads) for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
        heads += [g for h in heads[1:] for c in h.children for g in [c, *c.children]
                  if (c.dep_ in ("acl", "relcl") and g is c) or (c.dep_ == "prep" and c.lower_ == "of" and g is not c)]
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in MEASURE_PREPS:
                    code = self._place_code(c)
                    if code:
                        return code, _phrase(c, 8)
        return None

    def _place_code(self, prep) -> str | None:
        """The country of the place a phrase names; a country or town before an adjective of
        nationality ('in the Israeli-occupied West Bank' is in the West Bank)."""
        kinds = [(m.kind, m.actor.country) for t in prep.subtree if (m := self.found.get(t.i)) is not None
                 and m.actor is not None and m.actor.country and t.i == m.start]
        places = [c for k, c in kinds if k in (*PLACE_KINDS, "capital")]
        places += [a.country for o in prep.children if o.dep_ == "pobj" for a in self._city(o)]  # 'on Hebron'
        demonyms = [c for k, c in kinds if k == "demonym"]
        return (places or demonyms or [None])[0]

    def _victims(self, tok, slot: str) -> list[Actor]:
        """'Four children and a man were killed': people named by no actor noun are victims all the same."""
        if slot != "dobj":
            return []
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        heads = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        if not heads and tok.dep_ == "acl" and tok.tag_ == "VBN":
            heads = [tok.head]
        return [Actor(name=_phrase(h, 6), text=_phrase(h, 6), country=None, sector="CVL", kind="group")
                for h in heads for t in [h, *h.conjuncts] if t.lemma_.lower() in VICTIM_NOUNS][:1]

    def _placed_victim(self, tok, actor: Actor, sources: list[Actor]) -> Actor:
        """A group attacked with no country of its own: the people where the attack happened or struck
        ('were killed in a Russian missile strike on Kharkiv'); protesters or people facing their own
        police, of the police's country. Never by unnamed attackers' place (they are placed by it)."""
        if actor.country or actor.kind != "group" or all(s.sector == "UNK" for s in sources):
            return actor
        where = self.location() or next((c for w in self._weapons(tok) for p in w.children
                                         if p.dep_ == "prep" and p.lower_ in MEASURE_PREPS | {"against", "at", "of"}
                                         if (c := self._place_code(p))), None)
        if where is None and (actor.sector in PROTEST_SECTORS or any(s.sector == "COP" for s in sources)):
            where = next((s.country for s in sources if s.country), None)
        return replace(actor, country=where) if where else actor

    def sources(self, tok, p: Pattern) -> list[Actor]:
        unplaced: list[Actor] = []
        for slot in p.source:
            if slot == "subj":
                actors = self.subject(tok)
                if not actors and p.type == "ASSAULT":
                    weapons = self._weapons(tok)
                    actors = [a for w in weapons if (a := self._owner(w)) is not None and a.country]
                    local = any(w.lemma_.lower() in LOCAL_MEANS for w in weapons)
                    if not actors and (local or self._agentless_passive(tok)):
                        actors = self._unidentified_attackers()
            elif slot == "agent":
                actors = self.agent(tok)
            elif slot == "state_subj":  # "Israel is opposed to": a state, not a passive ('opposed by')
                actors = [] if self.agent(tok) else self._state_subject(tok)
            elif slot == "poss":
                actors = [a for c in tok.children if c.dep_ == "poss" for a in self.resolve_all(c)]
            elif slot == "demonym":
                actors = [self.found[c.i].actor for c in tok.children
                          if c.dep_ in ("amod", "compound", "nmod") and c.i in self.found
                          and self.found[c.i].actor is not None and self.found[c.i].kind != "person"]
            elif slot == "light":
                actors = self.light_subject(tok)
            elif slot == "patient":  # "guerrillas have been demobilized": they themselves stand down
                actors = [a for c in tok.children if c.dep_ == "nsubjpass" for a in self.resolve_all(c)] \
                    if self._agentless_passive(tok) else []
            else:
                actors = self.prep_objects(tok, slot)
            if actors and any(a.country for a in actors):
                return actors
            unplaced = unplaced or actors  # "the withdrawal of some forces": who withdrew them may follow
        return unplaced

    def subject(self, tok) -> list[Actor]:
        t = tok
        raised = False  # reached through "is expected / scheduled / due to <trigger>"
        for _ in range(9):
            if t is not tok and t.lemma_.lower() in DECISION_NOUNS:  # "Egypt's decision to recall its envoy"
                owners = [a for c in t.children if c.dep_ == "poss" for a in self.resolve_all(c)]
                if owners:
                    return owners
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)
            if passive:
                agent = self.agent(t)
                if agent:
                    return agent
                if raised:  # "Kishida is expected to visit": Kishida visits
                    subj = [c for c in t.children if c.dep_ == "nsubjpass"]
                    if subj:
                        return [a for s in subj for a in self.resolve_all(s)]
            else:
                subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj", "expl")] or self._name_as_prep(t)
                if subj:
                    actors = [a for s in subj for a in self.resolve_all(s)]
                    return actors
            if t.dep_ == "relcl":
                return self.resolve_all(t.head)
            accused = self._accused(t)
            if accused:  # "accused Turkey of shelling the resort": Turkey is said to have shelled it
                return accused
            if t.dep_ == "acl" and t.tag_ == "VBG" and (
                    t.head.i in self.found or t.head.lemma_.lower() in self.table.agents):
                actors = self.resolve_all(t.head)  # "Colonna, visiting Yerevan, said ...": the named actor acts
                if actors:
                    return actors
            if t.dep_ == "acomp" or t.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "dobj"):
                if t.dep_ == "xcomp":
                    objects = [c for c in t.head.children if c.dep_ == "dobj"]
                    if objects and t.head.lemma_.lower() not in ("promise", "vow", "pledge"):
                        resolved = [a for o in objects for a in self.resolve_all(o)]
                        if resolved:
                            return resolved
                raised = t.dep_ == "xcomp"
                t = t.head
                continue
            break
        return []

    def _accused(self, tok) -> list[Actor]:
        """Whom the accusation that `tok` is the gerund clause of ('of shelling', 'with spying') accuses."""
        prep = tok.head
        if tok.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "with"):
            return []
        verb = prep.head
        if verb.lemma_.lower() not in self.lists["accusation_verbs"]:
            return []
        deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in verb.children) else ("dobj",)
        return [a for c in verb.children if c.dep_ in deps for a in self.resolve_all(c)]

    def in_attribution_only(self, speech) -> bool:
        """'..., according to X' / 'X said' used only as a source line is still a statement; kept as a hook
        for a speech verb inside a relative clause ('who said'), which is not."""
        return speech.dep_ == "relcl"

    def _state_subject(self, tok) -> list[Actor]:
        """Who is in the state a participle names ('Hungary is opposed to'); the parser may hang the
        subject on the verb 'is'."""
        holders = [tok, *(c for c in tok.children if c.dep_ in ("auxpass", "aux"))]
        if tok.dep_ == "acomp":  # "Turkey is opposed to": an adjective after 'is'
            holders.append(tok.head)
        return [a for h in holders for c in h.children if c.dep_ in ("nsubjpass", "nsubj") for a in self.resolve_all(c)]

    def _name_as_prep(self, tok) -> list:
        """'Barack Obama and Vladimir Putin met': a first name the tagger took for a preposition, before
        the verb, is the subject."""
        return [c for c in tok.children if c.dep_ == "prep" and c.i < tok.i and c.pos_ == "ADP"
                and (m := self.found.get(c.i)) is not None and m.kind == "person"]

    @staticmethod
    def _agentless_passive(tok) -> bool:
        """'were killed in Ukraine', '10 soldiers killed in ...' (a participle with no 'by')."""
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "ROOT", "ccomp"))
        return passive and not any(c.dep_ == "agent" for c in tok.children)

    def _weapons(self, tok) -> list:
        """The means of an attack named in the subject or a by/in phrase: 'a roadside bomb killed',
        'were killed in an Israeli airstrike', 'killed by an improvised explosive device'."""
        out = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        out += [o for c in tok.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")
                for o in c.children if o.dep_ == "pobj"]
        attacks = self.lists.get("attack_means", ATTACK_MEANS)
        return [w for w in out if w.lemma_.lower() in attacks and w.i not in self.found]

    def _unidentified_attackers(self) -> list[Actor]:
        """Where an attack happened stands for its unnamed author (the event-data convention)."""
        where = self.location()
        if where is None:
            return []
        return [Actor(name=f"unidentified attackers in {self.table.country_name(where)}", text="",
                      country=where, sector="UNK", kind="group")]

    def agent(self, tok) -> list[Actor]:
        for c in tok.children:
            if c.dep_ == "agent":
                return [a for o in c.children if o.dep_ == "pobj" for a in self.resolve_all(o)]
        return []

    def subject_conjuncts(self, tok) -> list[Actor]:
        subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
        if not subj:
            return []
        return [a for c in self._conjuncts(subj[0]) for a in self.resolve(c)]

    def _conjuncts(self, tok) -> list:
        """The conjuncts of a token, and of the rest of the name it is part of: in 'Barack Obama and
        Vladimir Putin' the tagger may take 'Barack' for a preposition and hang 'Putin' on 'Obama'."""
        out = list(tok.conjuncts)
        m = self.found.get(tok.i)
        if m is not None and m.end - m.start > 1:
            inside = range(m.start, m.end)
            out += [c for k in inside if k != tok.i for c in self.sent[k].conjuncts
                    if c.i not in inside and all(c.i != o.i for o in out)]
        return out

    def light_subject(self, tok) -> list[Actor]:
        counted = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if counted is not None and (counted.pos_ == "NUM" or counted.lower_ in QUANTITY_NOUNS):
            tok = counted  # "launched dozens of airstrikes": the airstrikes are what was launched
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if verb.lemma_.lower() not in self.lists["light_verbs"]:
            return []
        if tok.dep_ in ("dobj", "attr", "conj") and tok.head.pos_ in ("VERB", "AUX"):
            return self.subject(tok.head)
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
            return self.subject(tok.head.head)
        return []

    def implied_noun_target(self, tok) -> list[Actor]:
        """'Israel rejected a request from Ukraine': the request was made to Israel."""
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("reject", "decline", "refuse", "accept", "grant",
                                                             "receive", "turn", "rebuff", "deny", "approve"):
            return self.subject(tok.head)
        return []

    # -- slots -----------------------------------------------------------------
    def slot(self, tok, slot: str) -> list[Actor]:
        children = list(tok.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        if slot == "dobj":
            deps = ("nsubjpass",) if passive else ("dobj", "obj")
            found = [a for c in children if c.dep_ in deps for a in self.resolve_all(c)]
            if not found and tok.dep_ == "acl" and tok.tag_ == "VBN":  # "soldiers killed in ...": the head
                found = self.resolve_all(tok.head)
            if not found and not passive:  # "kidnapped up to 16 Russian advisers" (parsed as a particle)
                ups = [c for c in children if c.dep_ == "prt" and c.lower_ == "up"]
                found = [a for u in ups for t in [*u.children, *children] if t.dep_ == "prep" and t.lower_ == "to"
                         for o in t.children if o.dep_ == "pobj" and any(n.dep_ == "nummod" for n in o.children)
                         for a in self.resolve_all(o)]
            if not found and tok.lemma_.lower() in self.placed_triggers:
                found = [a for c in children if c.dep_ in deps for a in self._place_of(c) or self._city(c)]
            if not found and not passive and not any(c.dep_ in deps for c in children):
                found = self._shifted_object(tok)
            return found
        if slot == "content_owner":
            return self._content_owner(tok)
        if slot == "war_aim":
            return self._war_aim(tok)
        if slot == "subj":  # "received assurances from X": the receiver
            return self.subject(tok)
        if slot == "between_each":  # "mediated between X and Y", "brokered a deal between X and Y": each side
            return self._between(tok) or _unique([a for c in children if c.dep_ == "dobj" for a in self._between(c)])
        if slot == "inner_to":  # "advised against travel to Tunisia": where the act it speaks of goes
            things = [c for c in children if c.dep_ == "dobj"]
            things += [o for c in children if c.dep_ == "prep" for o in c.children if o.dep_ in ("pobj", "pcomp")]
            return _unique([a for t in things for a in self.prep_objects(t, "to")])
        if slot == "dative":
            return [a for c in children if c.dep_ in ("dative", "iobj") for a in self.resolve_all(c)]
        if slot == "oprd":  # "called Aliyev the butcher of ...", parsed as two predicates
            return [a for c in children if c.dep_ == "oprd" for a in self.resolve_all(c)]
        if slot == "between":
            return self._between(tok)
        if slot in ("ccomp_subj", "ccomp_obj", "ccomp_actor"):
            return self._clausal(children, slot)
        if slot in ("xcomp_obj", "xcomp_with"):
            out = []
            for c in children:
                if c.dep_ == "xcomp":
                    if slot == "xcomp_obj":
                        out += [a for o in c.children if o.dep_ in ("dobj", "dative") for a in self.resolve_all(o)]
                        for prep in ("against", "on", "upon", "to", "at"):  # "threatened to impose X on Y"
                            out = out or self.prep_objects(c, prep)
                        if c.lemma_.lower() in self.placed_triggers:  # "refused to deploy troops in Iraq"
                            out = out or self.prep_objects(c, "in") or self.prep_objects(c, "into")
                        out = out or self._recipient(c)
                        out = out or self._condition_subject(c)
                    else:
                        out += self.prep_objects(c, "with")
            if slot == "xcomp_obj":
                out = out or self._condition_subject(tok)
            return out
        if slot == "obj_owner":
            out = self._content_owner(tok)
            for c in children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    out += [a for g in c.children if g.dep_ == "poss" for a in self.resolve_all(g)]
                    out += self.prep_objects(c, "from") + self.prep_objects(c, "of")
                    out += [self.found[g.i].actor for g in c.children if g.dep_ in ("amod", "compound")
                            and g.i in self.found and self.found[g.i].actor is not None]
            return _unique(out)
        return self.prep_objects(tok, slot)

    def _war_aim(self, tok) -> list[Actor]:
        """'mobilized reservists for a possible war against Iraq', 'massed troops in preparation for an
        invasion of Ukraine': the enemy of the war the force is readied for."""
        holders = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
        wars = [o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("for", "in", "ahead")
                for o in c.subtree if o.dep_ == "pobj" and o.lemma_.lower() in WAR_NOUNS]
        return [a for w in wars[:1] for c in w.children if c.dep_ == "prep" and c.lower_ in ("against", "on", "with",
                                                                                          "of", "into")
                for o in c.children if o.dep_ == "pobj" for a in self.resolve_all(o)]

    def _shifted_object(self, tok) -> list[Actor]:
        """'denounced as a crime Serbia's crackdown', 'condemned as unacceptable allegations by Rwanda':
        a long object moved behind its 'as' phrase is parsed into that phrase."""
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i:
                for o in c.children:
                    if o.dep_ == "pobj" and o.i not in self.found:
                        shifted = [o] if o.pos_ == "NOUN" and any(
                            g.dep_ in ("amod", "poss") or (g.dep_ == "prep" and g.lower_ in ("by", "of", "from"))
                            for g in o.children) else []
                        shifted += [a for a in o.children if a.dep_ == "appos"]
                        out += [a for x in shifted for a in self.resolve_all(x)]
        return _unique(out)

    @property
    def placed_triggers(self) -> frozenset[str]:
        return self.lists.get("placed_targets", PLACED_TARGETS)

    def _city(self, tok) -> list[Actor]:
        """'attacked Kharkiv': a town attacked stands for its country."""
        span = self.sent[tok.left_edge.i: tok.i + 1] if tok.pos_ == "PROPN" else None
        for cand in ([span.text, tok.text] if span is not None else []):
            cities = [e for e in self.table.lookup(cand) if e.kind == "city"]
            if cities:
                return [self.table.country_actor(cities[0].code, cand, "CVL")]
        return []

    def _place_of(self, tok) -> list[Actor]:
        """'targets in Jericho', 'a camp near Goma': what is attacked stands for where it is."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "near", "outside", "at", "inside"):
                for o in c.children:
                    om = self.found.get(o.i)
                    if o.dep_ == "pobj" and om is not None and om.actor is not None and om.kind in PLACE_KINDS:
                        return [self.table.country_actor(om.actor.country, _phrase(tok, 6), "CVL")]
        return []

    def _content_owner(self, tok) -> list[Actor]:
        """'refused to respond to a demand from the US President': the author of the refused demand."""
        requests = self.lists.get("request_nouns", REQUEST_NOUNS)
        for c in tok.children:
            if c.dep_ not in ("xcomp", "dobj", "prep", "ccomp"):
                continue
            for t in c.subtree:
                if t.lemma_.lower() in MEETING_NOUNS and t.pos_ == "NOUN":  # "pulled out of a meeting with X"
                    partners = self.prep_objects(t, "with")
                    if partners:
                        return partners
                if t.lemma_.lower() in PROMISE_NOUNS and t.pos_ == "NOUN":
                    receivers = self.prep_objects(t, "to")
                    if receivers:
                        return receivers
                if t.lemma_.lower() in requests and t.pos_ == "NOUN":
                    owners = [a for g in t.children if g.dep_ == "poss" for a in self.resolve_all(g)]
                    owners += [a for g in t.children if g.dep_ == "prep" and g.lower_ in ("from", "by", "of")
                               for o in g.children if o.dep_ == "pobj" for a in self.resolve_all(o)]
                    if owners:
                        return owners
        return []

    def _recipient(self, tok) -> list[Actor]:
        """'refused to commit to any assistance to the US-led war': whom the help in the act is for."""
        things = [c for c in tok.children if c.dep_ == "dobj"]
        things += [o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
        for t in things:
            if t.lemma_.lower() in GIFT_NOUNS:
                found = self.prep_objects(t, "to") or self.prep_objects(t, "for")
                if found:
                    return found
        return []

    def _condition_subject(self, tok) -> list[Actor]:
        """'threatened to strike unless Israel rescinded ...': the one the condition is put to."""
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                return [a for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for a in self.resolve_all(s)]
        return []

    def _between(self, tok) -> list[Actor]:
        """'between X and Y', and 'between the French and Indian ministers'."""
        found = self.prep_objects(tok, "between", conj=True)
        if len(found) >= 2:
            return found
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                for o in c.children:
                    for mod in o.children:
                        if mod.dep_ in ("amod", "compound", "nmod"):
                            for t in [mod, *mod.conjuncts]:
                                m = self.found.get(t.i)
                                if m is not None and m.actor is not None and m.kind != "person":
                                    found.append(self.table.country_actor(m.actor.country, _phrase(o, 6),
                                                                          self.table.agents.get(o.lemma_.lower())))
        return _unique(found)

    def _clausal(self, children, slot: str) -> list[Actor]:
        out = []
        for c in children:
            if c.dep_ not in ("ccomp", "xcomp"):
                continue
            if slot == "ccomp_subj":
                out += [a for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for a in self.resolve_all(s)]
            elif slot == "ccomp_obj":
                out += [a for s in c.children if s.dep_ in ("dobj", "dative") for a in self.resolve_all(s)]
            else:
                lemmas = {t.lemma_.lower() for t in c.subtree}
                if lemmas & self.lists["consequence"] or any(t.lower_ in ("would", "will") for t in c.subtree):
                    for t in c.subtree:
                        m = self.found.get(t.i)
                        if m is not None and m.actor is not None and not self._locative(t):
                            out.append(m.actor)
                            break
        return _unique(out)

    def prep_objects(self, tok, prep: str, conj: bool = True) -> list[Actor]:
        out = []
        # the object's own phrase: 'presented evidence against Russia', 'evidence against Russia was presented'
        holders = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and prep != "between"]
        # "closed three of its crossings to Russia": a counted object's own noun holds the phrase
        holders += [o for h in holders[1:] if h.pos_ == "NUM" or h.lower_ in QUANTITY_NOUNS
                    for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        if tok.pos_ in ("NOUN", "PROPN"):
            holders += [c for c in tok.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
            if prep in ("with", "to"):  # "the suspension of air links with Serbia": the act's object holds it
                holders += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                            for o in c.children if o.dep_ == "pobj"]
            if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
                holders.append(tok.head)
            if prep == "from":  # "the withdrawal of some forces from Panama"
                holders += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                            for o in c.children if o.dep_ == "pobj"]
        for h in holders:
            for c in h.children:
                if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                    for o in c.children:
                        if o.dep_ in ("pobj", "pcomp"):
                            out += self.resolve_all(o) if conj else self.resolve(o)
            if out:
                break
        if not out and prep == "from":  # "pulled its troops out of Lebanon"
            for h in holders:
                for c in h.children:
                    if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod"):
                        out += [a for p2 in c.children if p2.dep_ == "prep" and p2.lower_ == "of"
                                for o in p2.children if o.dep_ == "pobj" for a in self.resolve_all(o)]
                    if c.dep_ == "prep" and c.lower_ == "of" and any(
                            x.lower_ == "out" for x in h.children if x.dep_ in ("prt", "advmod")):
                        out += [a for o in c.children if o.dep_ == "pobj" for a in self.resolve_all(o)]
        if not out and prep in ("on", "upon", "to") and any(c.dep_ == "prt" and c.lower_ == prep for c in tok.children):
            out = [a for c in tok.children if c.dep_ == "dobj" for a in self.resolve_all(c)]
        if not out and tok.lemma_.lower() in TRAVEL_VERBS | self.placed_triggers:  # 'arrived in Goa', 'from Kherson'
            out = [self.table.country_actor(m.actor.country, o.text) for c in tok.children
                   if c.dep_ == "prep" and c.lower_ == prep for o in c.children
                   if (m := self.found.get(o.i)) is not None and m.kind == "city"]
        if not out and tok.lemma_.lower() in self.placed_triggers:
            out = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == prep
                   for o in c.children if o.dep_ == "pobj" for a in self._place_of(o)]
        return _unique(out)

    def object_text(self, tok, p: Pattern) -> str | None:
        for slot in p.object:
            heads = self._object_heads(tok, slot)
            for h in heads:
                if h.i in self.found or h.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | TIME_WORDS:
                    continue  # 'imposed sanctions on Tuesday on two banks': the banks
                if h.pos_ in ("NOUN", "PROPN", "VERB"):
                    return _phrase(h, 10)
        return None

    def _object_heads(self, tok, slot: str) -> list:
        children = list(tok.children)
        if slot == "dobj":
            return [c for c in children if c.dep_ == "dobj"]
        if slot in ("xcomp_obj", "ccomp_obj"):
            dep = "xcomp" if slot == "xcomp_obj" else "ccomp"
            inner = [c for c in children if c.dep_ == dep]
            out = [o for c in inner for o in c.children if o.dep_ == "dobj"]
            out += [o for c in inner for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                    for o in p.children if o.dep_ == "pobj"]
            return out + inner
        return [o for c in children if c.dep_ == "prep" and c.lower_ == slot for o in c.children if o.dep_ == "pobj"]

    # -- resolving one argument -----------------------------------------------
    def resolve_all(self, tok) -> list[Actor]:
        out = []
        members = [tok, *self._conjuncts(tok)]
        for a in [c for c in tok.children if c.dep_ == "appos"]:
            m = self.found.get(a.i)
            if self.found.get(tok.i) is not None and m is not None and m.kind in ("country", "organization"):
                members += [a, *a.conjuncts]  # "The US, Russia, and Switzerland": a list parsed as apposition
            elif m is not None and m.kind == "person":
                members += list(a.conjuncts)  # "Iran's official, Ali Shamkhani, and the Saudi adviser, ..."
        for t in members:
            if self._is_the_two(t):
                out += self._the_two(t)
                continue
            shared = self._shared_qualifier(tok, t, out)
            if shared is not None:
                out.append(shared)
                continue
            out += self.resolve(t)
            if t.lemma_.lower() in self.table.agents and t.tag_ in ("NNS", "NNPS"):
                out += self._coordinated_countries(t)
        return _unique(out)

    def _shared_qualifier(self, first, tok, before: list[Actor]) -> Actor | None:
        """'Israeli helicopters and tanks': a bare conjunct of a qualified agent noun shares its country."""
        lemma = tok.lemma_.lower()
        if tok.i == first.i or not before or tok not in first.conjuncts or lemma not in self.table.agents:
            return None
        if tok.i in self.found or any(c.dep_ in ("amod", "compound", "poss", "nmod", "prep", "det")
                                      for c in tok.children):
            return None
        head = before[0]
        qualified = first.lemma_.lower() in self.table.agents and any(
            c.dep_ in ("amod", "compound", "nmod") and c.i in self.found for c in first.children)
        if not qualified or head.kind == "person" or not head.country:
            return None
        return self.table.country_actor(head.country, tok.text, self.table.agents[lemma])

    def _is_the_two(self, tok) -> bool:
        """'the two presidents', 'both sides', 'the two countries' (and no country named in the phrase)."""
        if (tok.lemma_.lower() not in self.table.agents and tok.lower_ not in RELATION_NOUNS) or \
                tok.tag_ not in ("NNS", "NNPS"):
            return False
        counted = any(c.lower_ in ("two", "both") for c in tok.children if c.dep_ in ("nummod", "det", "predet"))
        named = any(c.i in self.found for c in tok.subtree if c.i != tok.i)
        return counted and not named

    def _the_two(self, tok) -> list[Actor]:
        """The last two parties of different countries mentioned before (in this sentence, then earlier)."""
        people = tok.lemma_.lower() in PERSON_AGENTS
        kinds = ("person",) if people else ("person", "country", "organization")
        hosts = self._hosts(tok)  # "Iraq and Oman hosted talks between the two rivals": not the hosts
        here = {k: m.actor for k, m in sorted(self.found.items())
                if m.actor is not None and m.kind in kinds and k not in hosts}
        before = [a for k, a in here.items() if k < tok.i]
        after = [a for k, a in here.items() if k > tok.i]
        context = [a for a in reversed(self.ctx.recent) if a.kind in kinds]
        pool = list(reversed(before)) + after + context
        office = self.table.role_of(tok.lemma_.lower())
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

    def _hosts(self, tok) -> set[int]:
        """Token indices of whoever hosts or mediates in the sentence ('Iraq hosted', 'hosted by Iraq')."""
        return {t.i for v in self.sent if v.lemma_.lower() in HOST_VERBS and v.pos_ == "VERB"
                for c in v.children if c.dep_ in ("nsubj", "agent") and tok.i not in {x.i for x in c.subtree}
                for t in c.subtree}

    def _coordinated_countries(self, tok) -> list[Actor]:
        """'the foreign ministers of Saudi Arabia and Iran', 'his Swedish and Finnish counterparts'."""
        out = []
        if tok.i in self.found:  # "Houthi rebels" is one name, not rebels of a country
            return out
        sector = self.table.agents.get(tok.lemma_.lower(), "GOV")
        heads = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        heads += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                  for o in c.children if o.dep_ == "pobj"]
        for h in heads:
            for t in [h, *h.conjuncts]:
                m = self.found.get(t.i)
                if m is not None and m.actor is not None and m.kind != "person" and m.actor.country:
                    out.append(self.table.country_actor(m.actor.country, _phrase(tok, 8), sector))
        return out

    def resolve(self, tok) -> list[Actor]:
        actor = self._resolve(tok)
        return [actor] if actor is not None else []

    def _resolve(self, tok) -> Actor | None:
        m = self.found.get(tok.i)
        day = self.ctx.anchor
        if m is None and (tok.lower_ in QUANTITY_NOUNS or tok.pos_ == "NUM"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs:
                        return self._resolve(objs[0])
        if m is not None and m.kind == "person":
            return m.actor
        appos = [c for c in tok.children if c.dep_ in ("appos", "compound", "flat")]
        for a in appos:
            am = self.found.get(a.i)
            if am is not None and am.kind == "person":
                return am.actor
        if m is not None and m.kind == "role":
            return self._office(tok, m, day)
        if m is not None and m.kind == "city":
            return None  # a city is a place, not a government
        if tok.tag_ == "NNPS" or (m is not None and m.kind == "demonym" and tok.tag_ == "NNS"):
            home = self._people_of(tok, m)  # "Bosnian Serbs", "Iraqi Kurds": a people where they live
            if home is not None:
                return home
        if m is not None and m.actor is not None:
            if m.kind == "demonym" and tok.tag_ not in ("NNPS", "NNS") and tok.dep_ not in ("nsubj", "pobj", "dobj"):
                return None
            if m.kind == "demonym" and m.start > 0 and self.sent[m.start - 1].lower_ == "ethnic":
                where = self.location()  # "ethnic Albanians in southern Serbia" live in Serbia
                if where is None:  # placed by the other side of a domestic event, if any
                    return Actor(name=_phrase(tok, 6), text=_phrase(tok, 6), country=None, sector="CVL",
                                 kind="group")
                return self.table.country_actor(where, _phrase(tok, 6), "CVL")
            if m.kind == "demonym" and tok.tag_ in ("NNS", "NNPS"):
                return self.table.country_actor(m.actor.country, tok.text, "CVL")  # "Kenyans": people
            return m.actor
        lemma = tok.lemma_.lower()
        if lemma not in self.table.agents and tok.pos_ == "PROPN" and lemma.endswith("s") and \
                lemma[:-1] in self.table.agents:
            lemma = lemma[:-1]  # "Rebels in Mali ...": a capitalised plural taken for a name
        leader = self._led_by(tok)
        if leader is not None:
            return leader
        if tok.lower_ in PERSON_PRONOUNS:
            return self._antecedent(tok, {"person"})
        if tok.lower_ in GROUP_PRONOUNS:
            return self._antecedent(tok, {"country", "organization"})
        if lemma in self.table.agents or lemma in self.lists["action_nouns"]:
            actor = self._qualified(tok, lemma)
            if actor is None and lemma in self.lists["action_nouns"] and lemma not in self.table.agents:
                by = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                      for o in c.children if o.dep_ == "pobj"]
                if by:
                    return self._resolve(by[0])  # "violations by the Israeli military"
            if actor is None and is_act_reference(tok):  # "Chile condemned the move": the move's author
                actor = self.ctx.salience.act_author(self._countries_before(tok))
            return actor
        for c in tok.children:
            if c.dep_ == "compound" and c.i in self.found and self.found[c.i].actor is not None:
                cm = self.found[c.i]
                if cm.kind != "person":
                    return cm.actor
        if tok.pos_ == "PROPN" and tok.text[:1].isupper():
            person = self._titled_person(tok)
            if person is not None:
                return person
        if lemma in OTHER_PARTY_NOUNS:
            return self._other_party(tok)
        owner = self._owner(tok)
        if owner is None and is_act_reference(tok):  # "Japan condemned the launch": the launch's author
            owner = self.ctx.salience.act_author(self._countries_before(tok))
        return owner

    def _countries_before(self, tok) -> set[str]:
        return {m.actor.country for k, m in self.found.items() if k < tok.i and m.actor is not None and m.actor.country}

    def _other_party(self, tok) -> Actor | None:
        """'its neighbour Afghanistan', 'its neighbour', 'the other side': the named apposition, or the
        country the article names most other than those named before it in the sentence."""
        for c in tok.children:
            if c.dep_ == "appos":
                named = self.resolve(c)
                if named:
                    return named[0]
        exclude = self._countries_before(tok)
        owner = [c for c in tok.children if c.dep_ == "poss"]
        exclude |= {a.country for c in owner for a in self.resolve(c) if a.country}
        return self.ctx.salience.other_party(exclude)

    def _led_by(self, tok) -> Actor | None:
        """'the Saudi-led coalition', 'a US-led force': a body led by a country stands for that country."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in tok.children:
            if c.dep_ == "amod" and c.lemma_.lower() == "lead" and c.tag_ == "VBN":
                for g in c.children:
                    gm = self.found.get(g.i)
                    if g.i < c.i and gm is not None and gm.actor is not None and gm.kind in (
                            "country", "demonym", "organization") and gm.actor.country:
                        return self.table.country_actor(gm.actor.country, _phrase(tok, 6), None)
        return None

    def _people_of(self, tok, m: ActorMention | None) -> Actor | None:
        """'Bosnian Serbs', 'Iraqi Kurds', 'Kosovo Albanians': an ethnic or national group named with the
        country it lives in stands for the people of that country."""
        for c in tok.children:
            cm = self.found.get(c.i)
            if c.dep_ not in ("amod", "compound", "nmod") or c.i > tok.i or cm is None or cm.actor is None:
                continue
            if cm.kind in ("demonym", "country") and cm.actor.country and (
                    m is None or m.actor is None or cm.actor.country != m.actor.country):
                return self.table.country_actor(cm.actor.country, _phrase(tok, 6), "CVL")
        if m is not None and m.actor is not None:  # "the Albanians of southern Serbia", "Russians in Estonia"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                    for o in c.children:
                        om = self.found.get(o.i)
                        if o.dep_ == "pobj" and om is not None and om.actor is not None and \
                                om.kind in (*PLACE_KINDS, "capital") and om.actor.country != m.actor.country:
                            return self.table.country_actor(om.actor.country, _phrase(tok, 8), "CVL")
        return None

    def _owner(self, tok) -> Actor | None:
        """A thing stands for whoever it belongs to: 'Beijing's decision', 'the right of Russia',
        'German goods', 'Iraqi towns'."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if tok.lemma_.lower() in RELATION_NOUNS:  # "Israel's militia ally in southern Lebanon" is not Israel
            where = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "from")
                     for o in c.children if o.dep_ == "pobj" and o.i in self.found]
            m = self.found.get(where[0].i) if where else None
            if m is not None and m.actor is not None and m.kind in (*PLACE_KINDS, "demonym") and m.actor.country:
                return self.table.country_actor(m.actor.country, _phrase(tok, 6), None)
            return None
        for c in tok.children:
            cm = self.found.get(c.i)
            if cm is None or cm.actor is None or not cm.actor.country:
                if c.dep_ == "poss" and cm is None and c.lemma_.lower() in self.table.agents:
                    owner = self._qualified(c, c.lemma_.lower())  # "the Russian government's refusal"
                    if owner is not None and owner.country:
                        return owner
                if c.dep_ == "prep" and c.lower_ == "for":  # "a camp for Congolese refugees": who it serves
                    for o in c.children:
                        lemma = o.lemma_.lower()
                        if o.dep_ == "pobj" and o.i not in self.found and \
                                self.table.agents.get(lemma) in BENEFICIARY_SECTORS:
                            owner = self._qualified(o, lemma)
                            if owner is not None and owner.country:
                                return owner
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "by"):  # "the right of Russia", "raids by X"
                    for o in c.children:
                        om = self.found.get(o.i)
                        if o.dep_ == "pobj" and om is not None and om.actor is not None and om.kind != "role":
                            return om.actor if om.kind == "person" else self.table.country_actor(
                                om.actor.country, _phrase(tok, 6), None)
                        if o.dep_ == "pobj" and om is None and o.lemma_.lower() in self.table.agents:
                            owner = self._qualified(o, o.lemma_.lower())
                            if owner is not None and owner.country:
                                return owner
                continue
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and cm.kind in ("demonym", "country",
                                                                                        "organization")):
                return cm.actor if cm.kind == "person" else self.table.country_actor(
                    cm.actor.country, _phrase(tok, 6), None)
        return None

    def _titled_person(self, tok) -> Actor | None:
        """'Deputy Chairman of the Russian Security Council Dmitry Medvedev': the person the title names."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    om = self.found.get(o.i)
                    if o.dep_ == "pobj" and om is not None and om.kind == "person" and o.i == om.end - 1:
                        return om.actor
        return None

    def _antecedent(self, tok, kinds: set[str]) -> Actor | None:
        """The nearest earlier actor of the right kind: in this sentence first, then before it."""
        for k in range(tok.i - 1, -1, -1):
            m = self.found.get(k)
            if m is not None and m.actor is not None and m.actor.kind in kinds and not self._locative(self.sent[k]):
                return m.actor
        return self.ctx.last(kinds)

    def _qualified(self, tok, lemma: str) -> Actor | None:
        """'the Israeli leader', 'Russia's military', 'his country', 'its counterpart in Kyiv'; and 'the
        ministry' for the last ministry whose country was named ('Ankara's foreign ministry')."""
        actor = self._qualified_here(tok, lemma)
        if lemma not in BODY_NOUNS:
            return actor
        if actor is not None and actor.country:
            self.ctx.bodies[lemma] = actor
            return actor
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
        return self.ctx.bodies.get(lemma, actor) if definite else actor

    def _qualified_here(self, tok, lemma: str) -> Actor | None:
        sector = self.table.agents.get(lemma, "GOV")
        for c in tok.children:  # "opposition parties", "rebel forces": the modifier tells whose side
            if c.dep_ in ("compound", "amod") and c.i not in self.found and \
                    self.table.agents.get(c.lemma_.lower()) in SIDE_SECTORS:
                sector = self.table.agents[c.lemma_.lower()]
        for c in tok.children:
            cm = self.found.get(c.i)
            if c.dep_ in ("amod", "compound", "poss", "nmod") and cm is not None and cm.actor is not None:
                if cm.kind == "demonym" and cm.start > 0 and self.sent[cm.start - 1].lower_ == "ethnic" and \
                        self.location() is not None:  # "ethnic Albanian rebels in Macedonia" are of Macedonia
                    return self.table.country_actor(self.location(), _phrase(tok, 6), sector)
                if cm.kind == "person" and lemma in ("country", "nation", "government", "state"):
                    return self.table.country_actor(cm.actor.country, tok.text) if cm.actor.country else None
                if cm.kind != "person" and cm.actor.country:
                    return self.table.country_actor(cm.actor.country, _phrase(tok, 6), sector)
            if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS and lemma in ("country", "nation", "government"):
                person = self._antecedent(c, {"person"})
                if person is not None and person.country:
                    return self.table.country_actor(person.country, _phrase(tok, 6))
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    # 'protesters in Cairo', 'inhabitants of the Syrian Golan Heights', 'leaders of Romania's
                    # new government'
                    owned = o.lemma_.lower() in self.table.agents and o.lemma_.lower() not in RELATION_NOUNS
                    for t in [o, *(g for g in o.children if g.dep_ in ("amod", "compound") or (
                            owned and g.dep_ == "poss"))]:
                        om = self.found.get(t.i)
                        if om is not None and om.actor is not None and om.kind not in ("person", "role"):
                            return self.table.country_actor(om.actor.country, _phrase(tok, 6), sector)
        if lemma in ANAPHORS and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
            kinds = {"organization"} if ANAPHORS[lemma] == "organization" else {"country"}
            found = self._antecedent(tok, kinds)  # "the kingdom", "the bloc": the last one named
            if found is not None:
                return found
        if lemma in self.table.agents and tok.pos_ in ("NOUN", "PROPN") and lemma not in PLACELESS_AGENTS:
            # "police", "protesters": placed by where the sentence happens; officials only by the other side
            where = self.location() if sector != "GOV" else None
            if where is not None:
                return self.table.country_actor(where, _phrase(tok, 6), sector)
            return Actor(name=_phrase(tok, 6), text=_phrase(tok, 6), country=None, sector=sector, kind="group")
        return None

    def place(self, tok) -> str | None:
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
                        c.dep_ == "prep" and c.lower_ in TOPIC_PREPS):
                    continue
                if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                    found = self._place_in(c)
                    if found:
                        return found
                stack.append(c)
        return None

    def _place_in(self, prep) -> str | None:
        for t in prep.subtree:
            m = self.found.get(t.i)
            if m is None or m.actor is None:
                continue
            if m.kind in ("country", "demonym"):
                return m.actor.country
            if m.kind in PLACE_KINDS:
                return f"{m.actor.country}/{fold(self.sent[m.start:m.end].text)}"
        return None

    def location(self) -> str | None:
        """The one country the sentence places itself in ('in Kabul', 'in the Gaza Strip'), if any."""
        if self._where is None:
            places = {m.actor.country for k, m in self.found.items()
                      if m.actor is not None and m.kind in PLACE_KINDS and self._locative(self.sent[k])
                      and not self._in_attribution(self.sent[k])}
            self._where = places.pop() if len(places) == 1 else ""
        return self._where or None

    def _office(self, tok, m: ActorMention, day) -> Actor | None:
        role, sector = m.role
        country = None
        for k in range(m.start - 1, max(-1, m.start - 4), -1):
            km = self.found.get(k)
            if km is not None and km.actor is not None and km.kind != "person":
                country = km.actor.country
                break
            if self.sent[k].pos_ not in ("PART", "DET", "ADJ", "PROPN", "PUNCT") and self.sent[k].lower_ not in ("'s", "’s"):
                break
        head = self.sent[m.end - 1]
        if country is None:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
                    for o in c.children:
                        om = self.found.get(o.i)
                        if om is not None and om.actor is not None and om.kind != "person":
                            country = om.actor.country
        if country is None:
            return self.ctx.last_with_role(role)
        return self.table.office_actor(country, role, sector, _phrase(head, 8), day)

    def _in_attribution(self, tok) -> bool:
        """Inside the subject of a speech verb: '..., relief officials in Nairobi said' is not where it happened."""
        t = tok
        for _ in range(8):
            if t.head.i == t.i:
                return False
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in self.lists["speech_verbs"]:
                return True
            t = t.head
        return False

    def _locative(self, tok) -> bool:
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS:
            tok = tok.head.head  # "near the town of Samarra", "in the city of Basra"
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in LOCATIVE_PREPS | DIRECTIONS:
            return True  # "outside of the city of Basra", "30 km north of Kyiv"
        return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


# -- helpers -------------------------------------------------------------------
def _nearby_lemmas(tok) -> set[str]:
    near = {tok.lemma_.lower(), tok.lower_}
    for c in tok.children:
        if c.dep_ == "prep" and _time_phrase(c):
            continue  # "launched a mediation effort on Saturday": 'on' is no argument of the verb
        near |= {c.lemma_.lower(), c.lower_}
        for g in c.children:
            if g.dep_ in ("compound", "amod", "pobj", "prep", "dobj", "prt"):
                near |= {g.lemma_.lower(), g.lower_}
                for gg in g.children:
                    if gg.dep_ in ("compound", "amod", "pobj"):
                        near |= {gg.lemma_.lower(), gg.lower_}
    near.discard(tok.lemma_.lower())
    near.discard(tok.lower_)
    return near


TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                        "yesterday", "tomorrow", "tonight", "january", "february", "march", "april", "may", "june",
                        "july", "august", "september", "october", "november", "december", "week", "month", "year"})
TEMPORAL_PREPS = {"after", "before", "since", "during", "amid", "despite", "while", "following", "until",
                  "when", "as", "ahead", "prior", "than"}


def _time_phrase(prep) -> bool:
    """'on Saturday', 'in March': a preposition whose only object is a day, a month or the like."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objects) and all(o.lower_ in TIME_WORDS for o in objects)


def _modifier_lemmas(tok) -> set[str]:
    """A noun's own modifiers: 'phone call', 'intelligence cooperation', 'Israeli refusals'."""
    near = set()
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "prep", "nummod", "npadvmod"):
            near |= {c.lemma_.lower(), c.lower_}
            for g in c.children:
                if g.dep_ in ("compound", "amod", "pobj") and c.dep_ != "prep":
                    near |= {g.lemma_.lower(), g.lower_}
    return near


def _alleged_act(tok, accusation: int) -> bool:
    """'accused Turkey of shelling the resort', 'charged them with spying': the act is the accusation's
    gerund clause."""
    prep = tok.head
    return tok.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ in ("of", "for", "with") \
        and prep.head.i == accusation


def _content_ancestor(tok, triggers: set[int]) -> int | None:
    """The trigger token whose content (what was asked, threatened, discussed) this trigger is part of."""
    t = tok
    for _ in range(10):
        if t.head.i == t.i:
            return None
        edge, parent = t.dep_, t.head
        if edge == "appos":
            return None  # an apposition restates ('a meeting of ministers, the first visit to India by ...')
        if parent.i in triggers:
            if edge in ("conj", "cc", "parataxis", "nsubj", "csubj", "relcl"):
                return None  # a relative clause tells what else happened ("a call in which they agreed")
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            if edge == "advcl" and not infinitive and not any(
                    c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
                return None
            if edge == "prep" and t.lower_ in TEMPORAL_PREPS:
                return None
            return parent.i
        if edge == "prep" and t.lower_ in TEMPORAL_PREPS:
            return None
        t = parent
    return None


def _content_of_noun(tok) -> bool:
    """An act in the to-clause of a request, pressure or permission noun is what was asked or allowed."""
    return tok.dep_ == "acl" and tok.head.lemma_.lower() in CONTENT_NOUNS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _within_content(tok, head) -> bool:
    """Whether `tok` is part of what the clause headed by `head` says (not a relative or temporal
    clause hanging in it: 'must pay for the attack it launched' keeps the launch)."""
    t = tok
    for _ in range(12):
        if t.i == head.i:
            return True
        if t.head.i == t.i or t.dep_ in ("relcl", "parataxis") or (
                t.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
            return False
        t = t.head
    return False


def _ancestors(tok, limit: int):
    out = []
    t = tok
    while t.head.i != t.i and len(out) < limit:
        t = t.head
        out.append(t)
    return out


def _clause_tokens(tok) -> list:
    """The trigger and, for a noun, the verb it is the object or subject of."""
    out = [tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        out.append(tok.head)
    return out


def _speech_ancestor(tok, speech: frozenset[str]):
    for anc in _ancestors(tok, 6):
        if anc.lemma_.lower() in speech and anc.pos_ == "VERB":
            return anc
    return None


def _attachment(root):
    """The verb or noun a time expression modifies."""
    t = root
    for _ in range(4):
        if t.dep_ in ("pobj",) and t.head.dep_ == "prep":
            t = t.head.head
            continue
        if t.dep_ in ("npadvmod", "tmod", "compound", "nmod", "appos", "prep", "obl", "advmod", "pobj", "nummod"):
            t = t.head
            if t.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ") and t.dep_ not in ("compound", "npadvmod", "appos"):
                return t
            continue
        return t.head if t.head.i != t.i else t
    return t


def _is_descendant(node, ancestor) -> bool:
    t = node
    for _ in range(12):
        if t.i == ancestor.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _depth_between(node, ancestor) -> int:
    d, t = 0, node
    while t.i != ancestor.i and t.head.i != t.i and d < 12:
        t, d = t.head, d + 1
    return d


def _phrase(tok, max_words: int, clauses: bool = False, skip_marks: bool = False) -> str:
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


def _future(tok) -> bool:
    """'will / would / shall' on the clause of the trigger (or of the verb of a noun trigger)."""
    aux = {c.lower_ for t in _clause_tokens(tok) for c in t.children if c.dep_ == "aux"}
    return bool(aux & {"will", "would", "wo", "shall", "'ll"})


def _governor_in(tok, words: frozenset[str]):
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


def _conditional(tok) -> bool:
    """'... unless President X arranged a ceasefire', '... if Y attacks': the act is made conditional."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
               for t in _clause_tokens(tok) for c in t.children)


def _as_threat(cand: Candidate, code: str) -> Candidate:
    """The THREATEN event for a hostile act committed to or announced (code from codebook [threats])."""
    pattern = replace(cand.pattern, type="THREATEN", cameo=code, mode=None, symmetric=False)
    return replace(cand, pattern=pattern, symmetric=False, committed=True)


def _as_intent(cand: Candidate) -> Candidate | None:
    """The AGREE event (CAMEO 03x) for a cooperative act that is offered, promised or agreed to."""
    code = INTENT_CODES.get(cand.pattern.type)
    if code is None:
        return None
    pattern = replace(cand.pattern, type="AGREE", cameo=code, mode=None, symmetric=False)
    return replace(cand, pattern=pattern, symmetric=False, committed=True)


def _place_groups(cand: Candidate) -> Candidate:
    """'Police arrested protesters in ...': a group with no country is of the other side's country."""
    s, t = cand.source, cand.target

    def placeable(a: Actor, other: Actor) -> bool:
        # a group; or an office holder whose country is not said ('President X'), facing the rebels,
        # opposition or people of a country (domestic politics), never another government
        return a.kind == "group" or (a.kind == "person" and a.role is not None and other.kind != "person"
                                     and (other.sector is None or other.sector in NONSTATE_SECTORS))

    if s.country is None and t.country and placeable(s, t):
        return replace(cand, source=replace(s, country=t.country))
    if t.country is None and s.country and placeable(t, s):
        return replace(cand, target=replace(t, country=s.country))
    return cand


def _unique(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a is not None and a.key not in seen:
            seen.add(a.key)
            out.append(a)
    return out


def _actor_weight(actor: Actor) -> float:
    return {"person": 1.0, "country": 1.0, "organization": 1.0, "office": 0.9}.get(actor.kind, 0.85)


def _dedupe(mentions: list[EventMention]) -> list[EventMention]:
    """One mention per (type, dyad) in a sentence."""
    seen, out = set(), []
    for m in mentions:
        pair = (m.source.key, m.target.key if m.target else None)
        if m.symmetric:
            pair = tuple(sorted(k or "" for k in pair))
        key = (m.type, pair, m.status)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _note_day(ctx: DocumentContext, times) -> None:
    """Remember the last day the text fixed (for a later 'the same day' or 'a day earlier')."""
    for expr in times:
        reference = ctx.last_day if expr.kind in REFERENCE_KINDS else ctx.anchor
        resolved = resolve(expr, reference)
        if resolved and resolved[1] == "day":
            ctx.last_day = to_date(resolved[0])


def anchor_of(doc: Document) -> dt.date | None:
    return to_date(doc.published)
