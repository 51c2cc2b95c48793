"""Language packs: data/lang/<code>/ holds the codebook and the lexicon, loaded and validated together."""

import ast
import json
import tomllib
from pathlib import Path

import pytest

import eventdesk.extract as extract
from eventdesk.errors import DataFileError
from eventdesk.language import _lang_dir, language_for, load_language, load_lexicon
from eventdesk.pipeline import run
from eventdesk.records import Document
from eventdesk.sources import content_hash

EN_LEXICON = _lang_dir() / "en" / "lexicon.toml"


def _lexicon(tmp_path: Path, change) -> Path:
    raw = tomllib.loads(EN_LEXICON.read_text(encoding="utf-8"))
    change(raw)
    lines = []
    for name, words in raw.items():
        if isinstance(words, dict):
            continue
        lines.append(f"{name} = {json.dumps(words)}")
    lines.append("[anaphors]")
    lines += [f'{k} = "{v}"' for k, v in raw.get("anaphors", {}).items()]
    path = tmp_path / "lexicon.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_english_pack_loads_with_its_codebook_and_lexicon():
    en = load_language("en")
    assert en.codebook.for_token("verb", "meet")
    assert "he" in en.lexicon.person_pronouns and "kingdom" in en.lexicon.anaphors
    assert {"spoke", "met"} <= en.trigger_forms and "meets" in en.trigger_forms


def test_a_lexicon_round_trips_through_the_loader(tmp_path):
    assert load_lexicon(_lexicon(tmp_path, lambda raw: None)) == load_language("en").lexicon


@pytest.mark.parametrize("change, message", [
    (lambda raw: raw.pop("time_words"), "missing word list.*time_words"),
    (lambda raw: raw.update(spare_words=["x"]), "unknown word list.*spare_words"),
    (lambda raw: raw.update(directions=["north", 3]), "directions must be a list of words"),
    (lambda raw: raw["anaphors"].update(realm="kingdom"), "anaphors"),
])
def test_a_bad_lexicon_is_refused_naming_the_list(tmp_path, change, message):
    with pytest.raises(DataFileError, match=message):
        load_lexicon(_lexicon(tmp_path, change))


def test_an_unknown_pack_is_refused_with_the_packs_that_exist():
    with pytest.raises(DataFileError, match="no language pack 'xx'.*en"):
        load_language("xx")


@pytest.mark.parametrize("tag, code", [("en", "en"), ("en-GB", "en"), ("EN_us", "en"), (None, "en"), ("", "en"),
                                       ("fr", "en"), ("zh-Hant", "en")])
def test_a_document_gets_its_languages_pack_or_english(tag, code):
    assert language_for(tag) == code


def test_a_document_in_a_language_without_a_pack_is_read_as_english():
    text = "Israel imposed sanctions on Iran on Monday."
    docs = [Document(id=f"d-{tag}", raw=text, published="2023-05-03", language=tag,
                     content_hash=content_hash(text + str(tag))) for tag in ("en", "fr")]
    (_, english), (_, french) = list(run(docs))
    assert [(m.type, m.source.country, m.target.country) for m in english] == [("SANCTION", "ISR", "IRN")]
    assert [(m.type, m.cameo, m.date) for m in french] == [(m.type, m.cameo, m.date) for m in english]


def test_no_word_list_is_left_in_the_stages():
    """Module-level sets or lists of lower-case words belong in the lexicon, not in extract/ (the slot
    registry's prepositions excepted: they are the names the codebook gives its slots; *_KINDS name actor kinds)."""
    for path in Path(extract.__file__).parent.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, ast.Assign) else None
            if isinstance(value, ast.Call) and value.args:
                value = value.args[0]
            if isinstance(value, (ast.Set, ast.List, ast.Tuple)):
                words = [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                name = node.targets[0].id
                if name == "__all__" or name.endswith("_KINDS") or name.endswith("_PREPOSITIONS"):
                    continue
                assert not any(w.islower() for w in words), f"{path.name}: {name} holds words {words[:4]}"
