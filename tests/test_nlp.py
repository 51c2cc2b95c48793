"""nlp: the attribute ruler's rules found by look-up give exactly what spaCy's matcher gives."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import spacy

from eventdesk.nlp import MODEL, IndexedRules, load_nlp

TRICKY = ["Y'all gonna see it, ain't it? C'mon, let's go: there is a man who gets it and got it.",
          "There are two ways , nothin' more .  And he has  been   there .",
          "The ministry has not said whether it had been informed ."]


def _paragraphs() -> list[str]:
    sample = Path(str(resources.files("eventdesk") / "data" / "sample"))
    return [p for f in sorted(sample.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]


def test_indexed_rules_match_as_the_matcher_does():
    reference = spacy.load(MODEL, exclude=["ner"])
    ruler = reference.get_pipe("attribute_ruler")
    indexed = IndexedRules(ruler)
    docs = list(reference.pipe(TRICKY + _paragraphs()))
    assert sum(len(d) for d in docs) > 2000
    for doc in docs:
        assert indexed.match(doc) == ruler.match(doc), doc.text


def test_the_pipeline_tags_as_the_unmodified_model():
    reference = spacy.load(MODEL, exclude=["ner"])
    ours = load_nlp()
    assert ours.get_pipe("attribute_ruler").match.__self__.__class__ is IndexedRules
    texts = TRICKY + _paragraphs()
    for a, b in zip(ours.pipe(texts), reference.pipe(texts), strict=True):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in a] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in b], a.text
