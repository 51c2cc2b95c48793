"""Each codebook pattern's `examples` yield the pattern's type, through the pattern's own trigger words."""

import pytest

from eventdesk.codebook import inflections
from eventdesk.language import load_language
from eventdesk.pipeline import run
from eventdesk.records import Document
from eventdesk.sources import content_hash


def _patterns():
    book = load_language("en").codebook
    unique = {id(p): p for ps in book.patterns.values() for p in ps}
    return [p for p in unique.values() if p.examples]


PATTERNS = _patterns()


@pytest.fixture(scope="module")
def extracted() -> dict[str, list]:
    """Every example sentence, extracted in one batch: text -> event mentions."""
    texts = sorted({t for p in PATTERNS for t in p.examples})
    docs = [Document(id=f"ex{i}", raw=t, published="2023-05-01", content_hash=content_hash(t))
            for i, t in enumerate(texts)]
    return {doc.raw: mentions for doc, mentions in run(docs)}


def test_examples_are_given_for_patterns_of_every_plover_type():
    assert len({p.type for p in PATTERNS}) >= 14


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_each_example_yields_its_patterns_type(pattern, extracted):
    irregular = load_language("en").lexicon.irregular_forms
    forms = {f for lemma in pattern.lemmas for f in inflections(lemma)} | irregular
    for text in pattern.examples:
        got = [(m.type, m.trigger) for m in extracted[text]]
        assert any(t == pattern.type and trigger.lower() in forms for t, trigger in got), (text, got)
