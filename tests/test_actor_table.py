"""The actor tables: places known by another name, and where a name is ambiguous."""

from eventdesk.actors import load_actor_table


def test_a_city_known_by_another_name_is_the_big_one():
    table = load_actor_table()
    assert [e.code for e in table.lookup("Odessa")] == ["UKR"]  # not Odessa, Texas
    assert [e.code for e in table.lookup("Basra")] == ["IRQ"]  # GeoNames spells it Basrah
    assert [e.code for e in table.lookup("Alaska")] == ["USA"]


def test_a_word_the_lexicon_says_is_no_place_is_no_city():
    table = load_actor_table()
    assert "reading" in table.not_places
    assert not [e for e in table.lookup("Reading") if e.kind == "city"]
