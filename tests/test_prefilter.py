"""The prefilter parses only sentences that can yield an event: a trigger word (every form of every
trigger lemma must pass it) and a word that may stand for an actor."""

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


@pytest.mark.parametrize("sentence, parsed", [
    ("Russia warned of consequences.", True),  # the first word names an actor
    ("Officials in Kyiv condemned the attack.", True),  # a capitalised word after the first
    ("He condemned the attack.", True),  # a pronoun
    ("Both sides agreed to a truce.", True),  # 'both'
    ("the ministry summoned the ambassador without delay.", True),  # an office, in lower case
    ("The move was condemned.", True),  # an earlier act
    ("The talks ended without a deal.", True),  # a meeting noun: the parties of the meeting told before
    ("The storm destroyed the harvest.", False),  # a trigger, and nobody who could have done it
    ("It was raining all morning.", False),  # no trigger word
])
def test_a_sentence_is_parsed_when_it_can_yield_an_event(sentence, parsed):
    from eventdesk.actors import load_actor_table
    from eventdesk.extract import SentenceExtractor
    from eventdesk.pipeline import gate_of

    gate = gate_of(SentenceExtractor(load_language("en"), load_actor_table()))
    assert gate.may_yield(sentence) is parsed


def test_a_sentence_that_is_not_parsed_still_names_its_people_for_later():
    """A sentence with no trigger is not parsed; the sentences around it are, and still link up."""
    mentions = extract_text("Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday. "
                            "It was raining all afternoon. Scholz criticised Macron.", published="2023-05-01")
    found = {(m.type, m.source.country, m.target.country) for m in mentions}
    assert {("CONSULT", "DEU", "FRA"), ("ACCUSE", "DEU", "FRA")} <= found
