"""Argument slots live in one registry (extract/slots.py) that the codebook loader validates against."""

import pytest

from eventdesk.codebook import _data_dir, load_cameo, load_codebook, load_codebook_file
from eventdesk.errors import DataFileError
from eventdesk.extract.slots import SLOTS, slot, slot_names


def _book(tmp_path, body: str):
    path = tmp_path / "codebook.toml"
    path.write_text(body, encoding="utf-8")
    return load_codebook_file(path, load_cameo(_data_dir() / "cameo.tsv"), {})


def test_an_unregistered_slot_is_refused_by_name(tmp_path):
    with pytest.raises(DataFileError, match="unknown argument slot.*beside"):
        _book(tmp_path, '[[verb]]\nlemmas = ["meet"]\ncameo = "040"\ntarget = ["beside"]\n')


def test_a_source_only_slot_is_no_target(tmp_path):
    assert "patient" in slot_names("source") and "patient" not in slot_names("target")
    with pytest.raises(DataFileError, match="patient"):
        _book(tmp_path, '[[verb]]\nlemmas = ["meet"]\ncameo = "040"\ntarget = ["patient"]\n')


def test_registered_slots_are_accepted(tmp_path):
    book = _book(tmp_path, '[[verb]]\nlemmas = ["meet"]\ncameo = "040"\nsource = ["state_subj"]\n'
                           'target = ["war_aim", "towards", "between_each"]\n')
    assert book.for_token("verb", "meet")[0].target == ("war_aim", "towards", "between_each")


def test_every_slot_the_shipped_codebook_names_is_registered():
    book = load_codebook()
    patterns = [p for ps in book.patterns.values() for p in ps] + list(book.constructions.values())
    assert {s for p in patterns for s in p.source} <= slot_names("source")
    assert {s for p in patterns for s in p.target} <= slot_names("target")


def test_a_slot_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="dobj"):
        slot("dobj")(lambda st, tok, pattern, sources: [])
    assert SLOTS["target"]["dobj"].__name__ == "direct_object"
