"""wordlists: the English words behind cleaning and dates are data, validated when loaded."""

from __future__ import annotations

import pytest

from eventdesk.errors import DataFileError
from eventdesk.wordlists import alternation, load_wordlists, validate_wordlists


@pytest.mark.parametrize("name, some_list", [("furniture", "caption_credits"), ("dates", "reference_words")])
def test_the_shipped_files_load(name, some_list):
    lists = load_wordlists(name, "en", required=_keys(name))
    assert lists[some_list]


def _keys(name):
    import tomllib

    from eventdesk.wordlists import lang_dir

    return frozenset(tomllib.loads((lang_dir("en") / f"{name}.toml").read_text()))


@pytest.mark.parametrize("raw, message", [
    ({}, "missing list(s) months"),
    ({"months": ["January"], "colours": ["red"]}, "unknown list(s) colours"),
    ({"months": []}, "'months' must be a non-empty list"),
    ({"months": "January"}, "'months' must be a non-empty list"),
    ({"months": ["January", 3]}, "'months' holds 3"),
    ({"months": ["January", "  "]}, "'months' holds '  '"),
    ({"months": ["Jan(uary"]}, "'months': 'Jan(uary' is not a valid pattern"),
])
def test_a_bad_file_is_refused_with_the_file_and_the_list_named(raw, message):
    with pytest.raises(DataFileError, match="dates.toml") as err:
        validate_wordlists(raw, "data/lang/en/dates.toml", frozenset({"months"}))
    assert message in str(err.value)


def test_an_unknown_language_is_named():
    with pytest.raises(DataFileError, match="missing .*language 'xx'"):
        load_wordlists("dates", "xx")


def test_alternation_tries_the_longest_first():
    import re

    assert re.match(alternation(("share", "share this article")), "share this article").group(0) == "share this article"
