"""What one article's record keeps: the document-level pass after every sentence is read.

An article about what states do to one another ("interstate" here: it reports at least one act
between two different countries) rarely means an act of a state on itself when a sentence reads
that way: a same-country pair there comes from a side resolved to the wrong country ("protesters
at the French embassy", "Japan needs to ask its citizens"). Such mentions are dropped (mechanism
`interstate_scope`). An article whose every act is domestic keeps them all.
"""

from __future__ import annotations

from ..codebook import Codebook
from ..records import EventMention


def in_scope(mentions: list[EventMention], book: Codebook) -> list[EventMention]:
    """The mentions an article's record keeps."""
    if not book.uses("interstate_scope") or not any(_interstate(m) for m in mentions):
        return mentions
    return [m for m in mentions if not _same_country(m)]


def _interstate(m: EventMention) -> bool:
    return bool(m.target and m.source.country and m.target.country and m.source.country != m.target.country)


def _same_country(m: EventMention) -> bool:
    return bool(m.target and m.source.country and m.source.country == m.target.country)
