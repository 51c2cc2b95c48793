"""The ordered stages, and `run`: documents in, (document, event mentions) out.

    read (ingest) -> clean -> split sentences -> parse (spaCy, batched) -> extract

Documents stream through; sentences of many documents are batched through `nlp.pipe`,
optionally in several processes. Memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .actors import load_actor_table
from .clean import NothingLeft, clean_document
from .extract import SentenceExtractor, anchor_of
from .language import language_for, load_language
from .mentions import DocumentContext
from .nlp import load_nlp, load_splitter, split_sentences
from .records import Document, EventMention, Skipped


@dataclass(frozen=True)
class Settings:
    n_process: int = 1
    batch_size: int = 64
    prefilter: bool = True  # parse only sentences with a trigger word


def prepare(doc: Document) -> Document:
    """Stage 1: clean the text (drop furniture, find title and byline date)."""
    return clean_document(doc)


def run(docs: Iterable[Document], settings: Settings | None = None
        ) -> Iterator[tuple[Document | Skipped, list[EventMention]]]:
    """Every document, cleaned, with the event mentions extracted from it, in input order; a document
    that fails comes out as Skipped, with the reason."""
    settings = settings or Settings()
    nlp = load_nlp()
    extractors: dict[str, SentenceExtractor] = {}

    def extractor_for(doc: Document) -> SentenceExtractor:
        """The extractor of the document's language pack (language.language_for: English by default)."""
        code = language_for(doc.language)
        if code not in extractors:
            extractors[code] = SentenceExtractor(load_language(code), load_actor_table(language=code))
        return extractors[code]
    pending: dict[int, _Pending] = {}
    next_out = 0

    def sentences() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, doc in enumerate(docs):
            try:
                doc = prepare(doc)
                spans = split_sentences(doc.text, doc.paragraphs)
            except Exception as exc:  # one bad article never stops the batch; only furniture is reported too
                error = str(exc) if isinstance(exc, NothingLeft) else f"could not be cleaned or split: {exc}"
                pending[n] = _Pending(doc, [], expected=1, error=error)
                yield "", (n, -1)
                continue
            forms = extractor_for(doc).language.trigger_forms if settings.prefilter else None
            wanted = [k for k, (s, e) in enumerate(spans)
                      if e - s <= MAX_PARSED_CHARS and (forms is None or _has_trigger(doc.text[s:e], forms))]
            pending[n] = _Pending(doc, spans, expected=max(1, len(wanted)))
            if not wanted:
                yield "", (n, -1)  # a placeholder, so that the document comes out in its turn
            for k in wanted:
                s, e = spans[k]
                yield doc.text[s:e], (n, k)

    for parsed, (n, k) in nlp.pipe(sentences(), as_tuples=True, batch_size=settings.batch_size,
                                   n_process=settings.n_process):
        item = pending[n]
        item.received += 1
        if k >= 0:
            item.parsed[k] = parsed
        while next_out in pending and pending[next_out].complete:
            done = pending.pop(next_out)
            next_out += 1
            if done.error:
                yield Skipped(done.doc.source or done.doc.id, done.error), []
                continue
            try:
                mentions = extract_document(extractor_for(done.doc), done.doc, done.spans, done.parsed)
            except Exception as exc:  # a parse the extractor cannot read: skip the article, keep the batch
                yield Skipped(done.doc.source or done.doc.id, f"event extraction failed: {exc!r}"), []
                continue
            yield done.doc, mentions


_WORD = re.compile(r"[a-z]+")
MAX_PARSED_CHARS = 3000  # a longer "sentence" is a table or a list run together: read for names only


def _has_trigger(sentence: str, forms: frozenset[str]) -> bool:
    return any(w in forms for w in _WORD.findall(sentence.lower()))


@dataclass
class _Pending:
    doc: Document
    spans: list[tuple[int, int]]
    expected: int
    parsed: dict[int, object] = field(default_factory=dict)
    received: int = 0
    error: str | None = None

    @property
    def complete(self) -> bool:
        return self.received == self.expected


def extract_document(extractor: SentenceExtractor, doc: Document, spans: list[tuple[int, int]],
                     parsed: dict[int, object]) -> list[EventMention]:
    """Stage 3: event mentions of one document, sentence by sentence, with shared context.

    Sentences that were not parsed (no trigger word) are still read for actor names, so that a
    later "he" or "the defence minister" can refer back to them.
    """
    ctx = DocumentContext(anchor=anchor_of(doc))
    out: list[EventMention] = []
    tokenizer = load_splitter().tokenizer
    for k, (start, end) in enumerate(spans):
        if k in parsed:
            out.extend(extractor.extract(parsed[k], start, doc, ctx))
        else:
            extractor.observe(tokenizer(doc.text[start:end]), ctx)
    return out


def extract_text(text: str, published: str | None = None, doc_id: str = "text") -> list[EventMention]:
    """Event mentions of one piece of text (for tests, notebooks and quick checks)."""
    from .ingest import content_hash

    doc = Document(id=doc_id, raw=text, published=published, content_hash=content_hash(text))
    result, mentions = next(run([doc]))
    if isinstance(result, Skipped):
        if result.reason.startswith(NothingLeft.prefix):
            return []  # a text that is only furniture states no event
        raise ValueError(result.reason)
    return mentions
