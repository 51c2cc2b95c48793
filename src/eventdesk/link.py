"""Event mentions -> events: one record per real-world event, with every report of it.

Mentions are linked only inside a *block* (same PLOVER type, same pair of countries), so
linking costs grow with the size of a block, never with the corpus. Inside a block, mentions
are visited in a canonical order that depends only on their content, so the events and their
ids are the same whatever order the articles arrived in.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field

from .actors import ActorTable, fold, load_actor_table
from .dates import interval, narrowed
from .records import Actor, Event, EventMention

# A plan and the event that then happens are one event (the rule: type, actors, dates);
# what did not or might not happen is never merged with what did.
STATUS_FAMILY = {"occurred": "fact", "disputed": "fact", "denied": "fact", "planned": "fact", "alleged": "fact",
                 "hypothetical": "hypothetical", "negated": "negated"}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


def side(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return actor.country or f"?{actor.name}"


def block_key(m: EventMention) -> str:
    """The blocking key: type, (ordered, or for symmetric events unordered) country pair, and year.

    An undated mention links only inside its own article, so its block is the article.
    """
    a, b = side(m.source), side(m.target)
    direction = "D"
    if m.symmetric:
        a, b = sorted((a, b))
        direction = "S"
    when = m.date[:4] if m.date else f"doc:{m.document}"
    return f"{m.type}|{direction}|{a}|{b}|{when}"


def compatible(a: EventMention, b: EventMention, actors: ActorTable | None = None) -> bool:
    """Whether two mentions may report the same event (the linking decision for one pair)."""
    if block_key(a) != block_key(b):
        return False
    first = Cluster(actors=actors or load_actor_table())
    first.add(a)
    return first.accepts(b)


def canonical_order(m: EventMention) -> tuple:
    return (PRECISION_RANK.get(m.date_precision, 3), m.date or "", m.published or "9999",
            m.document, m.start, m.source.key, m.target.key if m.target else "")


def order_key(m: EventMention, tiebreak: int) -> str:
    """canonical_order as one string that sorts the same way (in Python and in SQLite), then the
    tie-break (the order the mentions were stored in: a document's mentions in extraction order)."""
    rank, *texts = canonical_order(m)
    texts[3] = f"{texts[3]:012d}"  # start
    return "\x01".join([str(rank), *texts, f"{tiebreak:012d}"])


def twin_signature(m: EventMention, actors: ActorTable) -> str | None:
    """Everything linking reads of a mention besides its document, for a day-precise mention of a dated
    block; None for the others. Two mentions with one signature are accepted and refused by the same
    clusters, and adding the second to a cluster holding the first changes nothing linking reads
    (`jobs`: a new mention joins its twin's cluster without re-linking the block)."""
    if not _precise(m) or not m.date or (m.type in DISTINCT_ACTIONS and named_in(m.object, actors)):
        return None  # the names a sanction lists widen a cluster as it grows: no shortcut there
    span = link_span(m)
    speaker = speaker_of(m.source) if m.type in STATEMENTS else None
    parts = [block_key(m), STATUS_FAMILY[m.status], CHANNEL.get(m.cameo), m.cameo[:3] if m.type in DISTINCT_ACTIONS
             else None, m.place, speaker and [speaker[0], sorted(speaker[1]) if speaker[1] is not None else None],
             [span[0].isoformat(), span[1].isoformat()] if span else None, sorted(_people_by_country(m).items())]
    return hashlib.sha1(json.dumps(parts).encode("utf-8")).hexdigest()


@dataclass
class Cluster:
    """A group of mutually compatible mentions, with a summary that makes each test O(1):
    for intervals, pairwise overlap is the same as a common intersection."""

    mentions: list[EventMention] = field(default_factory=list)
    family: str = ""
    span: tuple | None = None  # intersection of the members' date intervals
    people: dict = field(default_factory=dict)  # country -> the person named on that side
    documents: set = field(default_factory=set)
    undated: bool = False
    date_texts: set = field(default_factory=set)  # of undated members

    channel: str | None = None  # phone or in person, where the CAMEO code says
    action: str | None = None  # the 3-digit CAMEO code, for types whose codes are different acts
    places: dict = field(default_factory=dict)  # country -> the city or capital named, if any
    named: set = field(default_factory=set)  # names in the objects of DISTINCT_ACTIONS members ('VTB')
    speaker: tuple | None = None  # of statements: (the ministry speaking, the person speaking's role words)
    actors: ActorTable | None = None  # tells the names of banks and companies from those of countries

    def accepts(self, m: EventMention, span=None) -> bool:
        """Whether m may join; `span` is link_span(m) when the caller has it already."""
        if STATUS_FAMILY[m.status] != self.family:
            return False
        channel = CHANNEL.get(m.cameo)
        if channel and self.channel and channel != self.channel:
            return False  # a phone call is not the visit
        if m.type in DISTINCT_ACTIONS and self.action and m.cameo[:3] != self.action:
            return False  # sanctions on a person are not the suspension of talks
        if not self._same_place(m.place):
            return False  # talks in Vienna are not the talks in Malta
        if m.type in DISTINCT_ACTIONS and self.named and (names := named_in(m.object, self.actors)) and not names & self.named:
            return False  # sanctions on Sberbank and VTB are not those on VEB and Promsvyazbank
        if m.type in STATEMENTS and self.speaker and not _same_speaker(self.speaker, speaker_of(m.source)):
            return False  # the foreign ministry's statement is not the Kremlin spokesman's remarks
        span = span if span is not None else link_span(m)
        if span is None or self.undated:
            if self.documents != {m.document}:
                return False
            if span is None and m.date_text and self.date_texts - {m.date_text}:
                return False
        if span is not None and self.span is not None and not (span[0] <= self.span[1] and self.span[0] <= span[1]):
            return False
        return all(self.people.get(c, key) == key for c, key in _people_by_country(m).items())

    def state(self) -> dict:
        """What `accepts` and `add` read, as JSON (the members are not part of it)."""
        speaker = self.speaker and [self.speaker[0], sorted(self.speaker[1]) if self.speaker[1] is not None else None]
        return {"family": self.family, "span": [d.isoformat() for d in self.span] if self.span else None,
                "people": self.people, "documents": sorted(self.documents), "undated": self.undated,
                "date_texts": sorted(self.date_texts), "channel": self.channel, "action": self.action,
                "places": self.places, "named": sorted(self.named), "speaker": speaker}

    @classmethod
    def from_state(cls, state: dict, actors: ActorTable) -> Cluster:
        speaker = state["speaker"]
        return cls(family=state["family"], span=tuple(dt.date.fromisoformat(d) for d in state["span"])
                   if state["span"] else None, people=dict(state["people"]), documents=set(state["documents"]),
                   undated=state["undated"], date_texts=set(state["date_texts"]), channel=state["channel"],
                   action=state["action"], places=dict(state["places"]), named=set(state["named"]),
                   speaker=(speaker[0], frozenset(speaker[1]) if speaker[1] is not None else None) if speaker
                   else None, actors=actors)

    def _same_place(self, place: str | None) -> bool:
        """Places agree when neither is named, or they are in one country and not two different towns."""
        if not place or not self.places:
            return True
        country, _, town = place.partition("/")
        if country not in self.places:
            return False
        known = self.places[country]
        return not (town and known and town != known)

    def add(self, m: EventMention, span=None) -> None:
        if not self.mentions:
            self.family = STATUS_FAMILY[m.status]
        self.mentions.append(m)
        self.documents.add(m.document)
        self.channel = self.channel or CHANNEL.get(m.cameo)
        if m.type in DISTINCT_ACTIONS:
            self.action = self.action or m.cameo[:3]
            self.named |= named_in(m.object, self.actors)
        if m.type in STATEMENTS:
            self.speaker = _merge_speaker(self.speaker, speaker_of(m.source))
        if m.place:
            country, _, town = m.place.partition("/")
            if town or country not in self.places:
                self.places[country] = town or self.places.get(country, "")
        span = span if span is not None else link_span(m)
        if span is None:
            self.undated = True
            if m.date_text:
                self.date_texts.add(m.date_text)
        elif self.span is None:
            self.span = span
        else:
            self.span = (max(self.span[0], span[0]), min(self.span[1], span[1]))
        for c, key in _people_by_country(m).items():
            self.people.setdefault(c, key)


# CAMEO codes that say how the parties met
CHANNEL = {"041": "phone", "042": "in person", "043": "in person", "044": "in person"}
# types whose CAMEO codes name different acts (expel vs embargo vs halting talks), unlike AID or CONSULT
DISTINCT_ACTIONS = frozenset({"SANCTION", "COERCE", "RETREAT", "CONCEDE"})
SOFT_DAYS = 14  # an event dated only by its article happened at most about this long before publication


# types whose event is what someone said: two speakers make two statements, even on one day
STATEMENTS = frozenset({"ACCUSE", "THREATEN", "REQUEST", "SUPPORT"})
MINISTRY = re.compile(r"\b(?:(\w+) ministry|ministry of (?:the )?(\w+))", re.IGNORECASE)


def speaker_of(actor: Actor) -> tuple[str | None, frozenset[str] | None]:
    """(the ministry that speaks, as its first distinctive word, or None; the words of a named person's
    role, or None): "Russia's foreign ministry" -> ("foreign", None); Lavrov -> (None, {"foreign", ...})."""
    if actor.kind == "person":
        return None, frozenset(w.replace("defense", "defence") for w in (actor.role or "").lower().split())
    found = MINISTRY.search(actor.text or "")
    if found is None:
        return None, None
    return (found.group(1) or found.group(2)).lower().replace("defense", "defence"), None


def _same_speaker(a: tuple, b: tuple) -> bool:
    """A ministry and a person are one speaker when the person's role names that ministry (the foreign
    minister for the foreign ministry); a country speaking ('Russia warned') fits any speaker."""
    (ministry_a, role_a), (ministry_b, role_b) = a, b
    if ministry_a and ministry_b:
        return ministry_a == ministry_b
    if role_a and role_b:
        return role_a == role_b  # the president's words are not the prime minister's
    ministry, role = (ministry_a, role_b) if ministry_a else (ministry_b, role_a)
    return ministry is None or role is None or ministry in role


def _merge_speaker(known: tuple | None, new: tuple) -> tuple:
    if known is None:
        return new
    return known[0] or new[0], known[1] if known[1] is not None else new[1]


NOT_NAMES = frozenset({"the", "a", "an", "all", "its", "their", "his", "her", "some", "two", "three", "new"})


@functools.lru_cache(maxsize=50_000)
def named_in(phrase: str | None, table: ActorTable) -> frozenset[str]:
    """The proper names in an object phrase that are neither countries nor organisations: the banks,
    companies and people that a sanction or a coercive act names ('two Russian banks, VEB and
    Promsvyazbank' -> VEB, Promsvyazbank)."""
    if not phrase:
        return frozenset()
    out = set()
    for word in re.findall(r"\b[A-Z][\w'-]*", phrase):
        word = word.removesuffix("'s")
        if fold(word) in NOT_NAMES or any(e.kind != "person" for e in table.lookup(word)):
            continue
        out.add(fold(word))
    return frozenset(out)


def link_span(m: EventMention):
    """The days a mention may fall on, for linking. A date that comes only from the article's
    publication (no time expression) is soft: any day in the two weeks before publication."""
    if m.date and m.date_from_publication and m.published:
        end = interval(m.published[:10], "day")
        if end is not None:
            return end[0] - dt.timedelta(days=SOFT_DAYS), end[1]
    return narrowed(interval(m.date, m.date_precision), m.date_text)


def _precise(m: EventMention) -> bool:
    return m.date_precision == "day" and not m.date_from_publication


def _people_by_country(m: EventMention) -> dict[str, str]:
    """Named people on each side, by country ('same countries' is already the block's)."""
    out = {}
    for role, actor in (("s", m.source), ("t", m.target)):
        if actor is not None and actor.kind == "person":
            out[actor.country if m.symmetric else f"{role}:{actor.country}"] = actor.key
    return out


def cluster_block(mentions: list[EventMention], actors: ActorTable) -> list[list[EventMention]]:
    """Groups of mentions of the same event, for the mentions of one block (see `clusters`)."""
    return [c.mentions for c in clusters(mentions, actors)]


def clusters(mentions: list[EventMention], actors: ActorTable) -> list[Cluster]:
    """The clusters of one block's mentions, in the order they were founded.

    Day-precise mentions are placed first. A coarser mention ("in October", or dated only by its
    article) that fits two or more distinct events is ambiguous and joins none of them. Mentions
    that sort alike keep the order they are given in.
    """
    found: list[Cluster] = []
    by_month: dict[tuple[int, int], list[int]] = {}  # month -> clusters whose dates touch it
    by_document: dict[str, list[int]] = {}  # article -> its clusters with undated members
    for m in sorted(mentions, key=canonical_order):
        span = link_span(m)
        months = _months(span)
        candidates = sorted({k for key in months for k in by_month.get(key, ())}
                            | set(by_document.get(m.document, ())))
        homes = [k for k in candidates if found[k].accepts(m, span)]
        index = homes[0] if len(homes) == 1 or (homes and _precise(m)) else None
        if index is None:
            found.append(Cluster(actors=actors))
            index = len(found) - 1
        found[index].add(m, span)
        for key in months:
            if index not in by_month.setdefault(key, []):
                by_month[key].append(index)
        if span is None and index not in by_document.setdefault(m.document, []):
            by_document[m.document].append(index)
    return found


def _months(span) -> list[tuple[int, int]]:
    """The months an interval touches (at most 13: a year, or a soft month-before-publication)."""
    if span is None:
        return []
    y, mth = span[0].year, span[0].month
    out = []
    while (y, mth) <= (span[1].year, span[1].month) and len(out) < 14:
        out.append((y, mth))
        y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
    return out


def oriented(m: EventMention) -> tuple[Actor, Actor | None]:
    """(source, target) in the block's order: symmetric events are stored with sorted sides."""
    if m.symmetric and m.target is not None and side(m.target) < side(m.source):
        return m.target, m.source
    return m.source, m.target


def merge(block: str, mentions: list[EventMention]) -> Event:
    """The event record for a group of mentions (in the order they were linked)."""
    summary = EventSummary()
    for i, m in enumerate(mentions):
        summary.add_member(m, f"{i:012d}")
    shown, documents = _one_per_sentence(mentions), set()
    for m in shown:
        summary.add_shown(m, new_document=m.document not in documents)
        documents.add(m.document)
    return summary.event(block, sorted(shown, key=lambda m: (m.published or "", m.document, m.start)))


def _one_per_sentence(mentions: list[EventMention]) -> list[EventMention]:
    """A sentence that states the event twice (two trigger words) is one mention of it: the most
    confident, else the first linked."""
    seen, out = set(), []
    for m in sorted(mentions, key=lambda m: (m.document, m.start, -m.confidence)):
        if (m.document, m.start) not in seen:
            seen.add((m.document, m.start))
            out.append(m)
    return out


ACTOR_RANK = {"person": 0, "office": 1, "organization": 2, "country": 3}


@dataclass
class EventSummary:
    """What an event record says of its mentions, kept so that one more mention updates it without
    reading the others. Fields that depend on which mention came first keep that mention's position
    (`order_key`), so a mention may be added in any order. Over all members: the best-dated report,
    the actors, statuses, denials, confidence; over the mentions shown (one per sentence): CAMEO codes,
    object, anchor of the id, documents and publishers."""

    best: list | None = None  # [precision rank, -confidence, document, start, position]
    best_fields: dict = field(default_factory=dict)
    sides: dict = field(default_factory=lambda: {"s": {}, "t": {}})  # side -> actor key -> {n, names}
    statuses: dict = field(default_factory=dict)  # status -> [members, position of the first]
    asserted: list = field(default_factory=list)  # kept only while someone denies it
    denied: list = field(default_factory=list)
    miss: float = 1.0  # product of (1 - confidence), in the order the members were added
    members: int = 0
    cameos: dict = field(default_factory=dict)
    shown: int = 0
    documents: int = 0
    publishers: dict = field(default_factory=dict)  # publisher (else document) -> mentions shown
    dated_not_from_publication: int = 0
    object: list | None = None  # [document, start, the object]
    anchor: list | None = None  # [rank, published, document, start, the parts of the id]

    def add_member(self, m: EventMention, position: str) -> None:
        key = [PRECISION_RANK.get(m.date_precision, 3), -m.confidence, m.document, m.start, position]
        if self.best is None or key < self.best:
            self.best = key
            self.best_fields = {"type": m.type, "symmetric": m.symmetric, "date": m.date,
                                "date_precision": m.date_precision, "mode": m.mode, "goldstein": m.goldstein,
                                "quad": m.quad, "flip": oriented(m) != (m.source, m.target)}
        for side, actor in zip("st", oriented(m), strict=True):
            if actor is not None:
                entry = self.sides[side].setdefault(actor.key, {"n": 0, "names": {}})
                entry["n"] += 1
                first = entry["names"].get(actor.name)
                if first is None or position < first[0]:
                    entry["names"][actor.name] = [position, actor.as_dict()]
        count = self.statuses.setdefault(m.status, [0, position])
        count[0] += 1
        count[1] = min(count[1], position)
        who = m.attributed_to or m.document
        if m.status == "denied":
            self.denied = sorted({*self.denied, who})
        else:
            self.asserted = sorted({*self.asserted, who})
        self.miss *= 1.0 - m.confidence
        self.members += 1

    def add_shown(self, m: EventMention, new_document: bool) -> None:
        self.cameos[m.cameo] = self.cameos.get(m.cameo, 0) + 1
        self.shown += 1
        self.documents += new_document
        publisher = m.publisher or m.document
        self.publishers[publisher] = self.publishers.get(publisher, 0) + 1
        self.dated_not_from_publication += bool(m.date) and not m.date_from_publication
        if m.object and (self.object is None or [m.document, m.start] < self.object[:2]):
            self.object = [m.document, m.start, m.object]
        key = [PRECISION_RANK.get(m.date_precision, 3) if not m.date_from_publication else 3,
               m.published or "9999", m.document, m.start]
        if self.anchor is None or key < self.anchor[:4]:
            target = m.target.key if m.target else ""
            self.anchor = [*key, [STATUS_FAMILY[m.status], m.document, m.start, m.source.key, target, m.cameo,
                                  m.trigger]]

    def certain_with(self, m: EventMention) -> bool:
        """Whether the confidence with `m` added rounds the same whatever order the members are multiplied
        in (the product's error is far below a thousandth; only a value at a rounding boundary is in doubt)."""
        scaled = (1.0 - self.miss * (1.0 - m.confidence)) * 1000
        return abs(scaled - int(scaled) - 0.5) > 1e-6

    def base_id(self, block: str) -> str:
        """Stable id: the block and the report that anchors the event — the most precisely dated, then the
        earliest published — with what that report says (its parties and CAMEO code), so that two events
        first reported in one sentence get two ids."""
        raw = "|".join([block, *(str(part) for part in self.anchor[4])])
        return "ev_" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def status(self) -> str:
        counts = self.statuses
        if "disputed" in counts or ("denied" in counts and ("occurred" in counts or "alleged" in counts)):
            return "disputed"
        if "occurred" in counts:
            return "occurred"  # it was planned, and then it happened
        return min(counts, key=lambda s: (-counts[s][0], counts[s][1]))  # the most common, else the first

    def actor(self, side: str) -> Actor | None:
        """The most specific actor named on a side: a person before an office, an organisation, a
        country; then the most often named; then by name; then the first linked."""
        choices = [(ACTOR_RANK.get(names[1]["kind"], 4), -entry["n"], name, names[0], names[1])
                   for entry in self.sides[side].values() for name, names in entry["names"].items()]
        return Actor(**min(choices)[4]) if choices else None

    def event(self, block: str, mentions: list[EventMention] | None = None) -> Event:
        best = self.best_fields
        source, target = self.actor("s"), self.actor("t")
        if best["flip"]:
            source, target = target, source  # keep the direction the text gives ("X visited Y")
        cameo = max(self.cameos, key=lambda c: (self.cameos[c], len(c), c))
        return Event(
            id=self.base_id(block), type=best["type"], cameo=cameo, source=source, target=target,
            symmetric=best["symmetric"], status=self.status(), confidence=round(1.0 - self.miss, 3),
            date=best["date"], date_precision=best["date_precision"], mentions=mentions or [], mode=best["mode"],
            object=self.object[2] if self.object else None, goldstein=best["goldstein"], quad=best["quad"],
            asserted_by=self.asserted if self.denied else [], denied_by=self.denied)

    def record(self, event: Event) -> dict:
        """The event record (README "The event record") without its mentions, which the store joins."""
        return event_fields(event, date_from_publication=not self.dated_not_from_publication,
                            n_mentions=self.shown, n_documents=self.documents, n_publishers=len(self.publishers))

    def state(self) -> dict:
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        if not self.denied:
            out["asserted"] = []  # a list of every document would grow with the event; read when needed
        return out

    @classmethod
    def from_state(cls, state: dict) -> EventSummary:
        return cls(**state)


def event_fields(e: Event, date_from_publication: bool, n_mentions: int, n_documents: int,
                 n_publishers: int) -> dict:
    """The fields of an event record before its `mentions`, in the order the export writes them."""
    return {
        "id": e.id, "type": e.type, "cameo": e.cameo, "mode": e.mode,
        "date": e.date, "date_precision": e.date_precision,
        # true when no sentence dates it: the date is the month of publication, not the text's
        "date_from_publication": bool(e.date) and date_from_publication,
        "source": actor_record(e.source), "target": actor_record(e.target),
        "symmetric": e.symmetric, "status": e.status, "confidence": e.confidence,
        "object": e.object, "goldstein": e.goldstein, "quad_class": e.quad,
        "n_mentions": n_mentions, "n_documents": n_documents, "n_publishers": n_publishers,
        "asserted_by": e.asserted_by, "denied_by": e.denied_by,
    }


def actor_record(a: Actor | None) -> dict | None:
    if a is None:
        return None
    return {"name": a.name, "text": a.text, "country": a.country, "sector": a.sector, "role": a.role,
            "kind": a.kind}


MENTION_FIELDS = ("document", "sentence", "start", "end", "attributed_to", "published", "publisher", "status",
                  "date", "date_precision", "date_from_publication", "trigger")


def mention_record(m: dict) -> dict:
    """A mention as the event record lists it, from the mention's own record (EventMention.as_dict)."""
    return {key: m.get(key) for key in MENTION_FIELDS}


def link_block(block: str, mentions: list[EventMention], actors: ActorTable) -> list[tuple[Event, list[EventMention]]]:
    """The events of one block, each with the mentions it was built from; ids unique in the block."""
    out, used = [], set()
    for group in cluster_block(mentions, actors):
        event = merge(block, group)
        base, n = event.id, 1
        while event.id in used:  # two events anchored on the same words: number them, in canonical order
            n += 1
            event.id = f"{base}-{n}"
        used.add(event.id)
        out.append((event, group))
    return out


def link(mentions: list[EventMention], actors: ActorTable | None = None) -> list[Event]:
    """All events for a list of mentions (used for whole-corpus runs and tests); the shipped actor
    table unless another is given."""
    actors = actors or load_actor_table()
    blocks: dict[str, list[EventMention]] = {}
    for m in mentions:
        blocks.setdefault(block_key(m), []).append(m)
    return [event for key in sorted(blocks) for event, _ in link_block(key, blocks[key], actors)]
