"""The records that flow through the pipeline, stage by stage.

Document -> (clean) -> Document with body -> (extract) -> EventMention -> (link) -> Event
"""

from __future__ import annotations

from dataclasses import dataclass, field

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("occurred", "planned", "disputed", "denied", "hypothetical", "negated", "alleged")
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Dropped:
    """A piece of the raw text that cleaning removed, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Document:
    """One article: what was read, and (after cleaning) its body text."""

    id: str
    raw: str
    source: str = ""  # the file it came from
    format: str = "txt"
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None  # header, field, html-meta, byline
    language: str | None = None
    text: str = ""  # cleaned body; mention offsets point into it
    dropped: tuple[Dropped, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()  # (start, end) of each body paragraph in text
    content_hash: str = ""
    notes: tuple[str, ...] = ()  # what reading it refused or cut (a date out of range, a cap hit)
    encoding: str | None = None  # of the file, when not UTF-8 (cp1252, utf-16 ...)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read as an article."""

    source: str
    reason: str
    ignored: bool = False  # not an article format at all (README.md, .png): listed, not an error


@dataclass(frozen=True)
class Actor:
    name: str  # canonical
    text: str  # as written
    country: str | None = None  # ISO alpha-3 or organisation code
    sector: str | None = None  # GOV, MIL, IGO, ...
    role: str | None = None
    kind: str = "country"  # country, organization, person, group

    @property
    def key(self) -> str:
        """What identifies the actor when events are compared."""
        if self.kind in ("person", "group"):
            return f"{self.kind}:{self.name}"
        base = f"{self.kind}:{self.country or self.name}"
        # a country's police or rebels are other actors than its government
        return base if self.sector in (None, "GOV", "IGO") else f"{base}/{self.sector}"

    def as_dict(self) -> dict:
        return {"name": self.name, "text": self.text, "country": self.country,
                "sector": self.sector, "role": self.role, "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict | None) -> Actor | None:
        if not d:
            return None
        return cls(name=d["name"], text=d.get("text") or d["name"], country=d.get("country"),
                   sector=d.get("sector"), role=d.get("role"), kind=d.get("kind") or "country")


@dataclass(frozen=True)
class EventMention:
    """One sentence stating one event."""

    document: str
    sentence: str
    start: int
    end: int
    type: str
    cameo: str
    source: Actor
    target: Actor | None
    symmetric: bool = False
    status: str = "occurred"
    confidence: float = 0.5
    date: str | None = None
    date_precision: str | None = None
    attributed_to: str | None = None
    published: str | None = None
    publisher: str | None = None
    mode: str | None = None
    object: str | None = None  # what was asked for, refused, given
    trigger: str = ""
    goldstein: float | None = None
    quad: int | None = None
    date_text: str | None = None  # the time expression the date came from, normalised ("wd:friday")
    date_from_publication: bool = False  # no time expression: dated by the article (month precision)
    place: str | None = None  # where the sentence puts it: "AUT/vienna", or "UKR" for a country

    def as_dict(self) -> dict:
        return {
            "date_text": self.date_text, "date_from_publication": self.date_from_publication,
            "place": self.place,
            "document": self.document, "sentence": self.sentence, "start": self.start, "end": self.end,
            "type": self.type, "cameo": self.cameo, "mode": self.mode,
            "source": self.source.as_dict(), "target": self.target.as_dict() if self.target else None,
            "symmetric": self.symmetric, "status": self.status, "confidence": self.confidence,
            "date": self.date, "date_precision": self.date_precision,
            "attributed_to": self.attributed_to, "published": self.published, "publisher": self.publisher,
            "object": self.object, "trigger": self.trigger, "goldstein": self.goldstein, "quad": self.quad,
        }

    @classmethod
    def from_dict(cls, d: dict) -> EventMention:
        d = dict(d)
        d["source"] = Actor.from_dict(d["source"])
        d["target"] = Actor.from_dict(d.get("target"))
        return cls(**d)


@dataclass
class Event:
    """One real-world event with every mention that reports it."""

    id: str
    type: str
    cameo: str
    source: Actor
    target: Actor | None
    symmetric: bool
    status: str
    confidence: float
    date: str | None
    date_precision: str | None
    mentions: list[EventMention] = field(default_factory=list)
    mode: str | None = None
    object: str | None = None
    goldstein: float | None = None
    quad: int | None = None
    asserted_by: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
