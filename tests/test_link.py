"""link: event mentions -> one event per real-world event, whatever the order they arrive in."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.link import compatible, link
from eventdesk.records import Actor
from eventdesk.store.db import event_record


def summary(events) -> list[tuple]:
    return [(e.type, e.source.name, e.target.name if e.target else None, e.date, e.status, len(e.mentions))
            for e in events]


def test_the_same_call_reported_twice_is_one_event(mention):
    events = link([mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-04-20", symmetric=True),
                   mention("b.txt", 50, "CONSULT", "gantz", "reznikov", "2022-04", "month", symmetric=True)])
    assert summary(events) == [("CONSULT", "Benny Gantz", "Oleksii Reznikov", "2022-04-20", "occurred", 2)]
    assert events[0].date_precision == "day"  # the most precise report fixes the date


def test_two_calls_on_different_days_are_two_events(mention):
    events = link([mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-04-20", symmetric=True),
                   mention("a.txt", 80, "CONSULT", "gantz", "reznikov", "2022-10-17", symmetric=True)])
    assert sorted(e.date for e in events) == ["2022-04-20", "2022-10-17"]
    assert len({e.id for e in events}) == 2


def test_swapped_actors_of_a_symmetric_event_are_one_event(mention):
    events = link([mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-04-20", symmetric=True),
                   mention("b.txt", 0, "CONSULT", "reznikov", "gantz", "2022-04-20", symmetric=True)])
    assert len(events) == 1 and len(events[0].mentions) == 2


def test_swapped_actors_of_a_directed_event_are_two_events(mention):
    events = link([mention("a.txt", 0, "ACCUSE", "RUS", "UKR", "2022-10-17"),
                   mention("b.txt", 0, "ACCUSE", "UKR", "RUS", "2022-10-17")])
    assert sorted((e.source.country, e.target.country) for e in events) == [("RUS", "UKR"), ("UKR", "RUS")]


def test_different_people_of_the_same_countries_are_two_events(mention):
    events = link([mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-10-17", symmetric=True),
                   mention("b.txt", 0, "CONSULT", "lapid", "zelensky", "2022-10-17", symmetric=True)])
    assert sorted(e.source.name for e in events) == ["Benny Gantz", "Yair Lapid"]


def test_a_plan_and_the_event_that_then_happened_are_one_event(mention):
    events = link([mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-10", "month", symmetric=True,
                           status="planned"),
                   mention("b.txt", 0, "CONSULT", "gantz", "reznikov", "2022-10-24", symmetric=True)])
    assert [(e.status, e.date, len(e.mentions)) for e in events] == [("occurred", "2022-10-24", 2)]


def test_a_plan_for_another_day_stays_its_own_event(mention):
    events = link([mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-10-31", symmetric=True,
                           status="planned"),
                   mention("b.txt", 0, "CONSULT", "gantz", "reznikov", "2022-10-24", symmetric=True)])
    assert sorted(e.status for e in events) == ["occurred", "planned"]


def test_what_did_not_happen_never_joins_what_did(mention):
    events = link([mention("a.txt", 0, "CONSULT", "gantz", "reznikov", "2022-10-24", symmetric=True,
                           status="negated"),
                   mention("b.txt", 0, "CONSULT", "gantz", "reznikov", "2022-10-24", symmetric=True)])
    assert sorted(e.status for e in events) == ["negated", "occurred"]


def test_a_denied_report_makes_the_event_disputed(mention):
    events = link([mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17",
                           attributed_to="a source who spoke to Haaretz"),
                   mention("a.txt", 200, "REJECT", "ISR", "UKR", "2022-10-17", status="denied",
                           attributed_to="Israeli officials")])
    assert summary(events) == [("REJECT", "Israel", "Ukraine", "2022-10-17", "disputed", 2)]
    assert events[0].denied_by == ["Israeli officials"]
    assert events[0].asserted_by == ["a source who spoke to Haaretz"]


def test_undisputed_event_has_no_denials(mention):
    event, = link([mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", attributed_to="Haaretz")])
    assert (event.status, event.denied_by, event.asserted_by) == ("occurred", [], [])


def test_a_country_and_its_official_making_the_same_warning_are_one_event(mention):
    events = link([mention("a.txt", 0, "THREATEN", "RUS", "ISR", "2022-10-17", cameo="130"),
                   mention("a.txt", 300, "THREATEN", "medvedev", "ISR", "2022-10-17", cameo="138")])
    assert summary(events) == [("THREATEN", "Dmitry Medvedev", "Israel", "2022-10-17", "occurred", 2)]
    assert events[0].source.country == "RUS"


def test_a_ministry_and_a_person_of_another_office_make_two_statements(mention):
    ministry = Actor("Russia", "Russia's foreign ministry", "RUS", "GOV")
    spokesman = Actor("Dmitry Peskov", "Dmitry Peskov", "RUS", "GOV", "Spokesperson", kind="person")
    minister = Actor("Sergey Lavrov", "Lavrov", "RUS", "GOV", "Minister of Foreign Affairs", kind="person")
    by_ministry = replace(mention("a.txt", 0, "THREATEN", "RUS", "TUR", "2022-05-12"), source=ministry)
    by_spokesman = replace(mention("b.txt", 0, "THREATEN", "RUS", "TUR", "2022-05-12"), source=spokesman)
    by_minister = replace(mention("c.txt", 0, "THREATEN", "RUS", "TUR", "2022-05-12"), source=minister)
    by_country = mention("d.txt", 0, "THREATEN", "RUS", "TUR", "2022-05-12")
    assert len(link([by_ministry, by_spokesman])) == 2
    assert [len(e.mentions) for e in link([by_ministry, by_minister, by_country])] == [3]
    # an act is not a statement: whoever announced it, one visit is one visit
    assert len(link([replace(mention("a.txt", 0, "CONSULT", "RUS", "TUR", "2022-05-12"), source=ministry),
                     replace(mention("b.txt", 0, "CONSULT", "RUS", "TUR", "2022-05-12"), source=spokesman)])) == 1


def test_sanctions_on_differently_named_bodies_are_two_events(mention):
    day = mention("a.txt", 0, "SANCTION", "UKR", "RUS", "2022-02-22", object="two Russian state banks, VEB and PSB")
    month = mention("b.txt", 0, "SANCTION", "UKR", "RUS", "2022-02", "month", object="Sberbank and VTB")
    assert len(link([day, month])) == 2
    same_bank = mention("c.txt", 0, "SANCTION", "UKR", "RUS", "2022-02", "month", object="VEB, the state bank")
    unnamed = mention("d.txt", 0, "SANCTION", "UKR", "RUS", "2022-02", "month", object="Russian banks")
    assert [len(e.mentions) for e in link([day, same_bank, unnamed])] == [3]


def test_the_id_stays_when_a_later_report_is_added(mention):
    first = mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", published="2022-10-17")
    later = mention("b.txt", 10, "REJECT", "ISR", "UKR", "2022-10", "month", published="2022-10-20")
    before, = link([first])
    after, = link([first, later])
    assert after.id == before.id
    assert len(after.mentions) == 2


def test_confidence_grows_with_independent_reports(mention):
    one, = link([mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", confidence=0.5)])
    two, = link([mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", confidence=0.5),
                 mention("b.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", confidence=0.5)])
    assert (one.confidence, two.confidence) == (0.5, 0.75)


# -- properties -------------------------------------------------------------------------------------

PAIRS = [("ISR", "UKR"), ("UKR", "ISR"), ("gantz", "reznikov"), ("reznikov", "gantz"), ("lapid", "zelensky"),
         ("RUS", "ISR"), ("medvedev", "ISR"), ("TUR", "SWE")]
DATES = [(None, None), ("2022-10-17", "day"), ("2022-10-18", "day"), ("2022-10", "month"), ("2022", "year"),
         ("2022-04-20", "day"), ("2022-04", "month")]


@st.composite
def specs(draw) -> dict:
    """Keyword arguments of one mention (built by the `mention` fixture)."""
    source, target = draw(st.sampled_from(PAIRS))
    date, precision = draw(st.sampled_from(DATES))
    return dict(
        document=draw(st.sampled_from(["a.txt", "b.txt", "c.json"])), start=draw(st.integers(0, 6)) * 100,
        type=draw(st.sampled_from(["CONSULT", "REJECT", "THREATEN"])), source=source, target=target,
        date=date, precision=precision, symmetric=draw(st.booleans()),
        status=draw(st.sampled_from(["occurred", "occurred", "denied", "disputed", "planned", "hypothetical"])),
        published=draw(st.sampled_from([None, "2022-10-17", "2022-10-18"])),
        confidence=draw(st.sampled_from([0.3, 0.5, 0.9])),
        attributed_to=draw(st.sampled_from([None, "Haaretz", "Israeli officials"])))


# one mention per sentence position, as extraction gives them
spec_lists = st.lists(specs(), max_size=14, unique_by=lambda s: (s["document"], s["start"]))


def records(events) -> list[dict]:
    return sorted((event_record(e) for e in events), key=lambda r: r["id"])


@settings(max_examples=150, deadline=None)
@given(spec_lists, st.randoms(use_true_random=False))
def test_any_order_gives_the_same_events_and_ids(mention, spec_list, rnd):
    ms = [mention(**s) for s in spec_list]
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    assert records(link(shuffled)) == records(link(ms))


@settings(max_examples=150, deadline=None)
@given(spec_lists)
def test_linking_is_idempotent(mention, spec_list):
    ms = [mention(**s) for s in spec_list]
    events = link(ms)
    again = link([m for e in events for m in e.mentions])
    assert records(again) == records(events)
    for e in events:  # each event, linked on its own, is itself
        assert records(link(e.mentions)) == records([e])


@settings(max_examples=150, deadline=None)
@given(spec_lists)
def test_every_mention_is_in_exactly_one_event_of_compatible_mentions(mention, spec_list):
    ms = [mention(**s) for s in spec_list]
    events = link(ms)
    placed = [(m.document, m.start) for e in events for m in e.mentions]
    assert sorted(placed) == sorted((m.document, m.start) for m in ms)
    assert len({e.id for e in events}) == len(events)
    for e in events:
        assert {m.type for m in e.mentions} == {e.type}
        assert all(compatible(a, b) for a in e.mentions for b in e.mentions)
