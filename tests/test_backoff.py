"""The lexical back-off: the PETRARCH verb dictionary converted (scripts/convert_petrarch_verbs.py), its
policy validated, and the mechanism switched by the codebook (events by sentence: tests/cases/backoff.toml)."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import eventdesk.pipeline as pipeline
from eventdesk.codebook import load_codebook
from eventdesk.errors import DataFileError
from eventdesk.extract.backoff import build
from eventdesk.language import load_language

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "convert_petrarch_verbs.py"

# A dictionary in PETRARCH's format, written for this test: two synonym sets, a block whose verbs share
# its patterns, one verb with its own code, a multi-word verb, a verb whose added word comes first.
FIXTURE = """\
# a comment
&VESSEL
+BARGE
+FERRY_BOAT

&SLOGAN_
+CHANT

####### VERB PATTERNS #######

---  NUDGE   [190]  ---
NUDGE
JOSTLE [180]
+SHOVE_ASIDE {+SHOVES_ASIDE +SHOVED_ASIDE +SHOVING_ASIDE}
HEAD_+BUTT
- * &VESSEL                                   [193]   # NUDGE
- * (INTO HARBOUR)                            [194:195]   # NUDGE
- * {CARGO BARGE} (NEAR PORT)                 [1951]  # NUDGE
- * (TOWARD)                                  [---]   # NUDGE
- CROWD *                                     [145]   # NUDGE
- * BARGE (FROM DOCK) (INTO HARBOUR)          [190]   # NUDGE
~ a (a b NUDGE) SAY = a b 015

---  MUMBLE   [---]  ---
MUMBLE {MUMBLES MUMBLED MUMBLING}
- * &SLOGAN                                   [140]   # MUMBLE
"""


@pytest.fixture(scope="module")
def converter():
    spec = importlib.util.spec_from_file_location("convert_petrarch_verbs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def converted(converter):
    synsets, blocks, verbs, report = converter.convert(FIXTURE.splitlines())
    return synsets, blocks, verbs, report, tomllib.loads(converter.to_toml(synsets, blocks, verbs))


def test_synonym_sets_are_lower_cased_with_phrases_spaced(converted):
    synsets = converted[4]["synsets"]
    assert synsets == {"vessel": ["barge", "ferry boat"], "slogan": ["chant"]}


def test_each_verb_gets_its_own_code_else_its_blocks(converted):
    verbs = converted[4]["verb"]
    assert verbs["nudge"]["code"] == "190"
    assert verbs["jostle"]["code"] == "180"
    assert verbs["mumble"] == {"block": "mumble", "code": "", "forms": ["mumbled", "mumbles", "mumbling"]}


def test_a_multi_word_verb_keeps_its_particle_and_one_with_a_word_before_it_is_dropped(converted):
    verbs, report = converted[4]["verb"], converted[3]
    assert verbs["shove aside"]["forms"] == ["shoved", "shoves", "shoving"]
    assert not any(key.startswith(("head", "butt")) for key in verbs)
    assert report["dropped_verbs"] == 1


def test_patterns_after_the_verb_are_kept_most_specific_first(converted):
    patterns = converted[4]["block"]["nudge"]["patterns"]
    assert patterns[0] == ["barge", "near", "port", "1951"]  # a braced phrase: its last word is its head
    assert ["&vessel", "", "", "193"] in patterns
    assert ["", "into", "harbour", "194"] in patterns  # 'A:B' keeps A
    assert ["", "toward", "", ""] in patterns  # '---': no event


def test_patterns_with_a_subject_or_two_phrases_and_transformations_are_dropped(converted):
    patterns, report = converted[4]["block"]["nudge"]["patterns"], converted[3]
    assert not any(p[3] in ("145", "190") for p in patterns)
    assert report["dropped_patterns"] == 2
    assert report["patterns"] == 5


def test_the_output_header_names_the_source_and_its_license(converter):
    text = converter.to_toml({}, {}, {})
    assert "PETRARCH-2" in text and "MIT" in text and "Open Event Data Alliance" in text


def test_the_script_names_a_missing_input(converter, tmp_path, capsys):
    assert converter.main([str(tmp_path / "nowhere.txt"), "-o", str(tmp_path / "out.toml")]) == 1
    assert "nowhere.txt" in capsys.readouterr().err
    assert not (tmp_path / "out.toml").exists()


def test_the_shipped_dictionary_is_the_converters_output(converter, shared_dir):
    source = shared_dir / "peer/petrarch2_dictionaries/raw/CAMEO.2.0.txt"
    if not source.exists():
        pytest.skip("the PETRARCH-2 dictionary is not beside the checkout")
    synsets, blocks, verbs, _ = converter.convert(source.read_text(encoding="utf-8", errors="replace").splitlines())
    shipped = Path(str(resources.files("eventdesk") / "data/lang/en/cameo_verbs.toml"))
    assert shipped.read_text(encoding="utf-8") == converter.to_toml(synsets, blocks, verbs)


def test_the_policy_restricts_codes_by_type_and_prefix(converted):
    cameo = load_codebook().cameo
    lexicon = build(converted[4], {"types": ["ASSAULT"], "blocked_codes": ["194"]}, cameo)
    assert {"193", "195"} <= lexicon.usable and "194" not in lexicon.usable
    assert not lexicon.usable & {"140", "141"}  # PROTEST is not among the types
    assert {"nudged", "jostling", "shoves"} <= lexicon.forms
    assert "mumbled" not in lexicon.forms  # its only code is of a type left out


@pytest.mark.parametrize("policy, message", [
    ({"types": ["FIGHT"]}, "types"),
    ({"types": [], "blocked_codes": ["x4"]}, "blocked_codes"),
    ({"types": [], "target": ["elsewhere"]}, "elsewhere"),
    ({"types": [], "colour": "red"}, "colour"),
])
def test_a_bad_policy_names_the_file_and_the_key(converted, policy, message):
    with pytest.raises(DataFileError, match=rf"backoff\.toml.*{message}"):
        build(converted[4], policy, load_codebook().cameo, "lang/xx/backoff.toml")


def test_switched_off_the_back_off_codes_nothing(monkeypatch):
    text = "Chad booted out Sudanese soldiers on Friday."
    assert [m.type for m in pipeline.extract_text(text, "2024-03-05")] == ["COERCE"]
    english = load_language("en")
    book = dataclasses.replace(english.codebook, mechanisms={**english.codebook.mechanisms, "backoff": False})
    monkeypatch.setattr(pipeline, "load_language", lambda code="en": dataclasses.replace(english, codebook=book))
    assert pipeline.extract_text(text, "2024-03-05") == []
