"""The ordered stages, and `run`: documents in, (document, event mentions) out.

    read (ingest) -> cap and clean -> split sentences -> parse (spaCy, batched) -> extract -> cap mentions

Documents stream through; sentences of many documents are batched through `nlp.pipe`. With
several processes, each worker process (workers.py) takes whole documents and does every stage
(cleaning, parsing its documents' sentences in batches, extraction), and passes back the cleaned
document and its event mentions: the calling process only stores and links. Memory stays flat whatever the corpus size,
and bounded whatever one document holds (limits.py). A failure at any stage is that document's
skip reason; `Settings.debug` lets it through instead.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from .actors import load_actor_table
from .clean import NothingLeft, clean_document
from .extract import SentenceExtractor, anchor_of
from .extract.scope import in_scope
from .language import DEFAULT_LANGUAGE, language_for, load_language
from .limits import DEFAULT_LIMITS, Limits, cap_text, published_problem
from .mentions import DocumentContext
from .nlp import load_nlp, load_splitter, plain, split_sentences
from .records import Document, EventMention, Skipped
from .workers import parse, run_batches


@dataclass(frozen=True)
class Settings:
    n_process: int = 1
    batch_size: int = 64
    prefilter: bool = True  # parse only sentences that can yield an event (_Gate)
    limits: Limits = DEFAULT_LIMITS
    debug: bool = False  # let an error inside extraction through instead of skipping the document (one process)


def prepare(doc: Document, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Stage 1: cap the text, clean it (drop furniture, find title and byline date), refuse a
    publication date out of range (the document stays, undated, with a note)."""
    raw, cut = cap_text(doc.raw, limits)
    doc = clean_document(replace(doc, raw=raw) if cut else doc)
    problem = published_problem(doc.published)
    if problem:
        doc = replace(doc, published=None, published_from=None)
    return _noted(doc, cut, problem)


DOCUMENTS_PER_TASK = 8  # documents a worker process takes at a time (their sentences are parsed together)
DOCUMENT_DIED = "the worker process died while reading this document"


def run(docs: Iterable[Document], settings: Settings | None = None
        ) -> Iterator[tuple[Document | Skipped, list[EventMention]]]:
    """Every document, cleaned, with the event mentions extracted from it, in input order; a document
    that fails at any stage comes out as Skipped, with the reason."""
    settings = settings or Settings()
    nlp = load_nlp()
    extractors: dict[str, SentenceExtractor] = {}  # by language: each worker process fills its own copy
    if settings.n_process <= 1 or settings.debug:  # --debug: the traceback of this process
        yield from _run_here(nlp, extractors, docs, settings)
        return
    # loaded here, before the workers start, so that they share one copy (fork) instead of each
    # loading its own; the main process needs the actor tables to link anyway
    extractors[DEFAULT_LANGUAGE] = SentenceExtractor(load_language(DEFAULT_LANGUAGE),
                                                     load_actor_table(language=DEFAULT_LANGUAGE))
    load_splitter()
    work = functools.partial(_run_task, nlp, extractors, settings)
    items = ((doc, doc) for doc in docs)
    for result, doc, error in run_batches(work, items, settings.n_process, DOCUMENTS_PER_TASK, died=DOCUMENT_DIED):
        yield result if error is None else (Skipped(doc.source or doc.id, error), [])


def _run_task(nlp, extractors: dict[str, SentenceExtractor], settings: Settings, docs: list[Document]
              ) -> list[tuple[tuple[Document | Skipped, list[EventMention]] | None, str | None]]:
    """A worker process's share: `docs` read here, each with its (result, error)."""
    try:
        return [(result, None) for result in _run_here(nlp, extractors, docs, settings)]
    except Exception as exc:  # an error no stage caught: the document at fault is named, the others go on
        if len(docs) > 1:
            return [answer for doc in docs for answer in _run_task(nlp, extractors, settings, [doc])]
        return [(None, f"event extraction failed: {type(exc).__name__}: {exc}")]


def _extractor_for(extractors: dict[str, SentenceExtractor], doc: Document) -> SentenceExtractor:
    """The extractor of the document's language pack (language.language_for: English by default)."""
    code = language_for(doc.language)
    if code not in extractors:
        extractors[code] = SentenceExtractor(load_language(code), load_actor_table(language=code))
    return extractors[code]


def _run_here(nlp, extractors: dict[str, SentenceExtractor], docs: Iterable[Document], settings: Settings
              ) -> Iterator[tuple[Document | Skipped, list[EventMention]]]:
    """`run` in this process: the sentences of many documents parsed together, in batches."""
    pending: dict[int, _Pending] = {}
    gates: dict[str, _Gate] = {}  # by language
    next_out = 0

    def sentences() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, doc in enumerate(docs):
            try:
                doc = prepare(doc, settings.limits)
                spans = split_sentences(doc.text, doc.paragraphs)
            except Exception as exc:  # one bad article never stops the batch; only furniture is reported too
                if settings.debug:
                    raise
                error = str(exc) if isinstance(exc, NothingLeft) else f"could not be cleaned or split: {exc!r}"
                pending[n] = _Pending(doc, [], expected=1, error=error)
                yield "", (n, -1)
                continue
            gate = None
            if settings.prefilter:
                code = language_for(doc.language)
                gate = gates.get(code) or gates.setdefault(code, gate_of(_extractor_for(extractors, doc)))
            wanted = [k for k, (s, e) in enumerate(spans)
                      if e - s <= MAX_PARSED_CHARS and (gate is None or gate.may_yield(doc.text[s:e]))]
            pending[n] = _Pending(doc, spans, expected=max(1, len(wanted)))
            if not wanted:
                yield "", (n, -1)  # a placeholder, so that the document comes out in its turn
            for k in wanted:
                s, e = spans[k]
                yield plain(doc.text[s:e]), (n, k)

    for parsed, (n, k), error in parse(nlp, sentences(), 1, settings.batch_size):
        item = pending[n]
        item.received += 1
        if error:
            item.error = item.error or f"could not be parsed: {error}"
        elif k >= 0:
            item.parsed[k] = parsed
        while next_out in pending and pending[next_out].complete:
            done = pending.pop(next_out)
            next_out += 1
            yield _finish(_extractor_for(extractors, done.doc), done, settings)


def _finish(extractor: SentenceExtractor, done: _Pending, settings: Settings
            ) -> tuple[Document | Skipped, list[EventMention]]:
    """Stage 3 for one parsed document, or its Skipped record."""
    source = done.doc.source or done.doc.id
    if done.error:
        return Skipped(source, done.error), []
    try:
        mentions = extract_document(extractor, done.doc, done.spans, done.parsed)
    except Exception as exc:  # a parse the extractor cannot read: skip the article, keep the batch
        if settings.debug:
            raise
        return Skipped(source, f"event extraction failed: {exc!r} (run with --debug to see where)"), []
    mentions, dropped = cap_mentions(mentions, settings.limits.max_mentions)
    if dropped:
        note = (f"{dropped:,} repeated mention(s) not kept (at most {settings.limits.max_mentions} "
                "of one event per document; --max-mentions)")
        return _noted(done.doc, note), mentions
    return done.doc, mentions


def cap_mentions(mentions: list[EventMention], limit: int) -> tuple[list[EventMention], int]:
    """At most `limit` mentions of one event (same coding, actors, date and status) per document."""
    seen: Counter = Counter()
    kept = []
    for m in mentions:
        key = (m.type, m.cameo, m.source.key, m.target.key if m.target else None, m.date, m.status)
        seen[key] += 1
        if seen[key] <= limit:
            kept.append(m)
    return kept, len(mentions) - len(kept)


def _noted(doc: Document, *notes: str | None) -> Document:
    new = tuple(n for n in notes if n)
    return replace(doc, notes=doc.notes + new) if new else doc


_WORD = re.compile(r"[a-z]+")
MAX_PARSED_CHARS = 3000  # a longer "sentence" is a table or a list run together: read for names only


_CAPITALISED = re.compile(r"\b[A-Z]")


@dataclass(frozen=True)
class _Gate:
    """Whether a sentence can yield an event, cheaply, from its words: a trigger word, and a word
    that may stand for an actor (a capitalised word; a pronoun, 'both', 'the move', 'the ministry',
    'its neighbour', an office...). The other sentences are not parsed, only read for names."""

    triggers: frozenset[str]
    cues: frozenset[str]  # lower-case words that may stand for an actor
    plain_starts: frozenset[str]  # words that begin a sentence without naming anyone ('The', 'After')

    def may_yield(self, sentence: str) -> bool:
        words = _WORD.findall(sentence.lower())
        if not any(w in self.triggers for w in words):
            return False
        if any(w in self.cues for w in words) or _CAPITALISED.search(sentence, 1):
            return True
        first = _CAPITALISED.match(sentence)
        return first is not None and (not words or words[0] not in self.plain_starts)


def gate_of(extractor: SentenceExtractor) -> _Gate:
    """The prefilter of an extractor's language pack and actor tables."""
    from spacy.lang.en.stop_words import STOP_WORDS

    w = extractor.words
    cues = frozenset().union(
        w.person_pronouns, w.group_pronouns, w.plural_pronouns, w.pair_words, w.act_references,
        w.body_nouns, w.state_nouns, w.own_state_nouns, w.other_party_nouns, w.counterpart_nouns,
        w.relation_nouns, w.placeless_agents, w.person_agents, w.victim_nouns, w.quantity_nouns,
        w.anaphors, extractor.table.agents, {"we", "us", "our", "ours", "i", "me", "my", "you", "your"},
        # 'the talks were held', 'the deal', 'border clashes', 'During which': parties from the sentences before
        w.meeting_nouns, w.agreement_nouns, w.frontier_words, w.speaker_nouns, w.relative_pronouns)
    return _Gate(extractor.language.trigger_forms, cues, frozenset(STOP_WORDS) - cues)


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
            extractor.observe(tokenizer(plain(doc.text[start:end])), ctx)
    return in_scope(out, extractor.book)


def extract_text(text: str, published: str | None = None, doc_id: str = "text") -> list[EventMention]:
    """Event mentions of one piece of text (for tests, notebooks and quick checks)."""
    from .sources import content_hash

    doc = Document(id=doc_id, raw=text, published=published, content_hash=content_hash(text))
    result, mentions = next(run([doc]))
    if isinstance(result, Skipped):
        if result.reason.startswith(NothingLeft.prefix):
            return []  # a text that is only furniture states no event
        raise ValueError(result.reason)
    return mentions
