"""The ordered stages, and `run`: documents in, (document, event mentions) out.

    read (ingest) -> clean -> split sentences -> parse (spaCy, batched) -> extract

Documents stream through; sentences of many documents are batched through `nlp.pipe`,
optionally in several processes. Memory stays flat whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .actors import load_actor_table
from .clean import clean_document
from .codebook import load_codebook
from .extract import SentenceExtractor, anchor_of
from .mentions import DocumentContext
from .nlp import load_nlp, split_sentences
from .records import Document, EventMention


@dataclass(frozen=True)
class Settings:
    n_process: int = 1
    batch_size: int = 64


def prepare(doc: Document) -> Document:
    """Stage 1: clean the text (drop furniture, find title and byline date)."""
    return clean_document(doc)


def run(docs: Iterable[Document], settings: Settings | None = None) -> Iterator[tuple[Document, list[EventMention]]]:
    """Every document, cleaned, with the event mentions extracted from it, in input order."""
    settings = settings or Settings()
    nlp = load_nlp()
    extractor = SentenceExtractor(load_codebook(), load_actor_table())
    pending: dict[int, _Pending] = {}
    next_out = 0

    def sentences() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, doc in enumerate(docs):
            doc = prepare(doc)
            spans = split_sentences(doc.text, doc.paragraphs)
            pending[n] = _Pending(doc, spans)
            if not spans:
                yield "", (n, -1)  # a placeholder, so that the document comes out in its turn
            for k, (s, e) in enumerate(spans):
                yield doc.text[s:e], (n, k)

    for parsed, (n, k) in nlp.pipe(sentences(), as_tuples=True, batch_size=settings.batch_size,
                                   n_process=settings.n_process):
        item = pending[n]
        item.received += 1
        if k >= 0:
            item.parsed.append(parsed)
        while next_out in pending and pending[next_out].complete:
            done = pending.pop(next_out)
            yield done.doc, extract_document(extractor, done.doc, done.spans, done.parsed)
            next_out += 1


@dataclass
class _Pending:
    doc: Document
    spans: list[tuple[int, int]]
    parsed: list = field(default_factory=list)
    received: int = 0

    @property
    def complete(self) -> bool:
        return self.received == max(1, len(self.spans))


def extract_document(extractor: SentenceExtractor, doc: Document, spans: list[tuple[int, int]],
                     parsed: list) -> list[EventMention]:
    """Stage 3: event mentions of one document, sentence by sentence, with shared context."""
    ctx = DocumentContext(anchor=anchor_of(doc))
    out: list[EventMention] = []
    for (start, _end), sent in zip(spans, parsed, strict=True):
        out.extend(extractor.extract(sent, start, doc, ctx))
    return out


def extract_text(text: str, published: str | None = None, doc_id: str = "text") -> list[EventMention]:
    """Event mentions of one piece of text (for tests, notebooks and quick checks)."""
    from .ingest import content_hash

    doc = Document(id=doc_id, raw=text, published=published, content_hash=content_hash(text))
    return next(run([doc]))[1]
