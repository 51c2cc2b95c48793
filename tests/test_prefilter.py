"""The prefilter parses only sentences with a trigger word: every form of every trigger lemma must pass it."""

import pytest

from eventdesk.language import load_language
from eventdesk.nlp import load_nlp
from eventdesk.pipeline import extract_text


def _irregular_forms(pos: str) -> dict[str, set[str]]:
    """lemma -> its irregular forms, from the model's lemmatizer exceptions (shipped with the model)."""
    table = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")[pos]
    out: dict[str, set[str]] = {}
    for form, lemmas in table.items():
        for lemma in lemmas:
            out.setdefault(lemma, set()).add(form)
    return out


@pytest.mark.parametrize("pos", ["verb", "noun"])
def test_every_irregular_form_of_a_trigger_lemma_passes_the_prefilter(pos):
    language = load_language("en")
    forms = _irregular_forms(pos)
    lemmas = {lemma for p, lemma in language.codebook.patterns if p == pos}
    assert lemmas & forms.keys(), "the model's exception table names none of the trigger lemmas"
    missing = sorted((lemma, form) for lemma in lemmas for form in forms.get(lemma, ())
                     if form not in language.trigger_forms)
    assert not missing, f"add to irregular_forms in lexicon.toml: {missing}"


def test_a_sentence_with_an_irregular_past_is_parsed():
    """'got' was missing: the sentence was never parsed, while 'gets' was."""
    past = extract_text("Ukraine got weapons from Germany.", published="2023-05-01")
    present = extract_text("Ukraine gets weapons from Germany.", published="2023-05-01")
    assert [(m.type, m.source.country, m.target.country) for m in past] == [("AID", "DEU", "UKR")]
    assert [(m.type, m.cameo) for m in past] == [(m.type, m.cameo) for m in present]
