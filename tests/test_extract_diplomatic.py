"""Diplomatic and verbal events between states: refusals, accusations, support, sanctions,
consultations, aid, agreements and concessions as news reports them, with the target inside
an object, behind an 'as' phrase, in a passive or in a nominalisation.

Each row is (sentence, expected (type, source country, target country)); symmetric events
may come in either direction. The last table holds sentences that must yield nothing.
"""

import pytest
from eventtables import events, same_dyad, triples

DIPLOMATIC = [
    # REJECT: the target inside what is refused
    ("The Greek government has refused to commit to any military assistance to the Saudi-led coalition against Yemen.",
     ("REJECT", "GRC", "SAU")),
    ("Brazil has refused to deploy peacekeepers in Haiti.", ("REJECT", "BRA", "HTI")),
    ("Hungary refused to back the EU's new sanctions package.", ("REJECT", "HUN", "EU")),
    ("Ankara rejected an offer from Athens for talks.", ("REJECT", "TUR", "GRC")),
    ("Serbia declined to recognise the election result despite pressure from the European Union.",
     ("REJECT", "SRB", "EU")),
    # REJECT: a state of opposition, a broken promise, a defied rule
    ("Turkey is opposed to Swedish membership of the alliance.", ("REJECT", "TUR", "SWE")),
    ("Chile is firmly opposed to Bolivian demands for access to the sea.", ("REJECT", "CHL", "BOL")),
    ("Moscow reneged on its commitment to Armenia.", ("REJECT", "RUS", "ARM")),
    ("Belarus ignored an order from the European Union.", ("REJECT", "BLR", "EU")),
    # REJECT: no agreement reached; a demand that will not be met
    ("Ethiopia and Egypt failed to reach an agreement on the dam on Tuesday.", ("REJECT", "ETH", "EGY")),
    ("Sudan failed to reach a deal with South Sudan.", ("REJECT", "SDN", "SSD")),
    ("Britain said it would not meet Argentina's demands.", ("REJECT", "GBR", "ARG")),
    # ACCUSE: a long object moved behind 'as ...'; a passive with the target in its subject
    ("Armenia on Monday denounced as a war crime Azerbaijan's shelling of Stepanakert.",
     ("ACCUSE", "ARM", "AZE")),
    ("Poland condemned as baseless allegations by Belarus that it had trained saboteurs.",
     ("ACCUSE", "POL", "BLR")),
    ("Evidence against Syria was presented by France.", ("ACCUSE", "FRA", "SYR")),
    # SUPPORT: an embassy opened
    ("Israel opened an embassy in Abu Dhabi on Tuesday.", ("SUPPORT", "ISR", "ARE")),
    # SANCTION: a nominalised suspension, a travel warning
    ("Canada announced a suspension of air links with Belarus on Monday.", ("SANCTION", "CAN", "BLR")),
    ("Germany advised against travel to Niger after the coup.", ("SANCTION", "DEU", "NER")),
    ("Australia warned its citizens against trips to Lebanon.", ("SANCTION", "AUS", "LBN")),
    # CONSULT: a welcome given to a visitor; talks with the leaders of a government; a mediator and each side
    ("French President Emmanuel Macron gave a warm welcome to Kenyan President William Ruto.",
     ("CONSULT", "FRA", "KEN")),
    ("The German chancellor held talks with leaders of Poland's new government on Tuesday.",
     ("CONSULT", "DEU", "POL")),
    ("Kuwait launched a mediation effort between Qatar and Bahrain.", ("CONSULT", "KWT", "QAT")),
    ("Kuwait launched a mediation effort on Sunday between Qatar and Bahrain.", ("CONSULT", "KWT", "BHR")),
    ("Egypt mediated between Israel and Hamas.", ("CONSULT", "EGY", "ISR")),
    ("Turkey brokered a deal between Russia and Ukraine on grain exports.", ("CONSULT", "TUR", "UKR")),
    # AID and AGREE received: the giver is the 'from' object
    ("Moldova received weapons from Romania.", ("AID", "ROU", "MDA")),
    ("Kyiv received assurances from the United States.", ("AGREE", "USA", "UKR")),
    # CONCEDE: demands accepted
    ("Lebanon accepted Israel's demands.", ("CONCEDE", "LBN", "ISR")),
]

SYMMETRIC = [
    # a first name the tagger takes for a preposition still heads the subject
    ("Barack Obama and Vladimir Putin will meet in Zurich to discuss trade.", ("CONSULT", "USA", "RUS")),
    ("Barack Obama and Vladimir Putin met in Geneva.", ("CONSULT", "USA", "RUS")),
]

NOTHING = [
    "Germany gave a cautious welcome to the Russian proposal.",  # a reaction to a plan, no visit
    "The French army opened fire on Monday.",  # no embassy, no target
    "Kenya failed to qualify for the World Cup.",  # no agreement failed
    "Japan warned of heavy rain in Tokyo.",  # no travel warning
    "The Indian team received a warm welcome in Mumbai.",  # no giver, no state
    "Italy is opposed to the plan.",  # nobody's plan
]


@pytest.mark.parametrize("text,want", DIPLOMATIC)
def test_diplomatic_events_between_states(text, want):
    found = events(text)
    flipped = {(m.type, m.target.country, m.source.country) for m in found if m.symmetric}
    assert want in triples(found) | flipped, triples(found)


@pytest.mark.parametrize("text,want", SYMMETRIC)
def test_meetings_named_with_first_names(text, want):
    found = events(text)
    assert same_dyad(triples(found), {want}), triples(found)


def test_the_mediator_faces_each_side_not_the_sides_each_other():
    got = triples(events("Kuwait launched a mediation effort between Qatar and Bahrain."))
    assert {("CONSULT", "KWT", "QAT"), ("CONSULT", "KWT", "BHR")} <= got
    assert not {t for t in got if {t[1], t[2]} == {"QAT", "BHR"}}, got


def test_a_refusal_in_the_future_to_meet_demands():
    found = [m for m in events("Britain said it would not meet Argentina's demands.") if m.type == "REJECT"]
    assert found and found[0].status == "occurred" and found[0].cameo.startswith("12"), found


@pytest.mark.parametrize("text", NOTHING)
def test_other_senses_yield_nothing(text):
    assert not events(text), triples(events(text))
