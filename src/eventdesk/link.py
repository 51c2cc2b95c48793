"""Event mentions -> events: one record per real-world event, with every report of it.

Mentions are linked only inside a *block* (same PLOVER type, same pair of countries), so
linking costs grow with the size of a block, never with the corpus. Inside a block, mentions
are visited in a canonical order that depends only on their content, so the events and their
ids are the same whatever order the articles arrived in.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from .dates import interval
from .records import Actor, Event, EventMention

STATUS_FAMILY = {"occurred": "fact", "disputed": "fact", "denied": "fact", "planned": "planned",
                 "hypothetical": "hypothetical", "negated": "negated"}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


def side(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return actor.country or f"?{actor.name}"


def block_key(m: EventMention) -> str:
    """The blocking key: type and (ordered, or for symmetric events unordered) country pair."""
    a, b = side(m.source), side(m.target)
    if m.symmetric:
        a, b = sorted((a, b))
        return f"{m.type}|S|{a}|{b}"
    return f"{m.type}|D|{a}|{b}"


def _people(m: EventMention) -> set[str]:
    return {a.key for a in (m.source, m.target) if a is not None and a.kind == "person"}


def actors_compatible(a: EventMention, b: EventMention) -> bool:
    """Same block already means same countries; named people must not contradict each other."""
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if a.symmetric:
            break
        if x is not None and y is not None and x.kind == "person" and y.kind == "person" and x.key != y.key:
            return False
    if a.symmetric:
        pa, pb = _people(a), _people(b)
        by_country_a = {p.country: p.key for p in (a.source, a.target) if p is not None and p.kind == "person"}
        by_country_b = {p.country: p.key for p in (b.source, b.target) if p is not None and p.kind == "person"}
        for c in set(by_country_a) & set(by_country_b):
            if by_country_a[c] != by_country_b[c]:
                return False
        del pa, pb
    return True


def dates_compatible(a: EventMention, b: EventMention) -> bool:
    """Overlapping dates; an undated mention links only inside its own article."""
    ia, ib = interval(a.date, a.date_precision), interval(b.date, b.date_precision)
    if ia is None or ib is None:
        if a.document != b.document:
            return False
        # in one article, "Friday" and "Wednesday" are different days even when neither resolves
        return not (ia is None and ib is None and a.date_text and b.date_text and a.date_text != b.date_text)
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def compatible(a: EventMention, b: EventMention) -> bool:
    return (STATUS_FAMILY[a.status] == STATUS_FAMILY[b.status] and dates_compatible(a, b)
            and actors_compatible(a, b))


def canonical_order(m: EventMention) -> tuple:
    return (PRECISION_RANK.get(m.date_precision, 3), m.date or "", m.published or "9999",
            m.document, m.start, m.source.key, m.target.key if m.target else "")


@dataclass
class Cluster:
    mentions: list[EventMention] = field(default_factory=list)

    def accepts(self, m: EventMention) -> bool:
        return all(compatible(m, x) for x in self.mentions)


def cluster_block(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Groups of mentions of the same event, for the mentions of one block."""
    clusters: list[Cluster] = []
    for m in sorted(mentions, key=canonical_order):
        home = next((c for c in clusters if c.accepts(m)), None)
        if home is None:
            clusters.append(Cluster([m]))
        else:
            home.mentions.append(m)
    return [c.mentions for c in clusters]


def event_id(block: str, mentions: list[EventMention]) -> str:
    """Stable id: the block and the earliest-published report of the event."""
    first = min(mentions, key=lambda m: (m.published or "9999", m.document, m.start))
    status = STATUS_FAMILY[first.status]
    raw = f"{block}|{status}|{first.document}|{first.start}|{first.source.key}"
    return "ev_" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def oriented(m: EventMention) -> tuple[Actor, Actor | None]:
    """(source, target) in the block's order: symmetric events are stored with sorted sides."""
    if m.symmetric and m.target is not None and side(m.target) < side(m.source):
        return m.target, m.source
    return m.source, m.target


def merge(block: str, mentions: list[EventMention]) -> Event:
    """The event record for a group of mentions."""
    best = min(mentions, key=lambda m: (PRECISION_RANK.get(m.date_precision, 3), -m.confidence, m.document, m.start))
    pairs = [oriented(m) for m in mentions]
    source = _most_specific([s for s, _ in pairs])
    target = _most_specific([t for _, t in pairs if t is not None])
    statuses = Counter(m.status for m in mentions)
    asserted = sorted({m.attributed_to or m.document for m in mentions if m.status != "denied"})
    denied = sorted({m.attributed_to or m.document for m in mentions if m.status == "denied"})
    if statuses.get("denied") and (statuses.get("occurred") or statuses.get("disputed")):
        status = "disputed"
    elif statuses.get("disputed"):
        status = "disputed"
    else:
        status = statuses.most_common(1)[0][0]
    miss = 1.0
    for m in mentions:
        miss *= 1.0 - m.confidence
    codes = Counter(m.cameo for m in mentions)
    cameo = max(codes, key=lambda c: (codes[c], len(c), c))
    objects = [m.object for m in mentions if m.object]
    return Event(
        id=event_id(block, mentions), type=best.type, cameo=cameo, source=source, target=target,
        symmetric=best.symmetric, status=status, confidence=round(1.0 - miss, 3),
        date=best.date, date_precision=best.date_precision,
        mentions=sorted(mentions, key=lambda m: (m.published or "", m.document, m.start)),
        mode=best.mode, object=objects[0] if objects else None, goldstein=best.goldstein, quad=best.quad,
        asserted_by=asserted if denied else [], denied_by=denied)


def _most_specific(actors: list[Actor]) -> Actor | None:
    if not actors:
        return None
    rank = {"person": 0, "office": 1, "organization": 2, "country": 3}
    counts = Counter(a.key for a in actors)
    return min(actors, key=lambda a: (rank.get(a.kind, 4), -counts[a.key], a.name))


def link(mentions: list[EventMention]) -> list[Event]:
    """All events for a list of mentions (used for whole-corpus runs and tests)."""
    blocks: dict[str, list[EventMention]] = {}
    for m in mentions:
        blocks.setdefault(block_key(m), []).append(m)
    events = []
    for key in sorted(blocks):
        for group in cluster_block(blocks[key]):
            events.append(merge(key, group))
    return events
