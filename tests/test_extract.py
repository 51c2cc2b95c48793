"""Sentence -> expected events: one table per mechanism of the extractor.

Each row is (text, publication date, expected events). An expected event is
(type, source country, target country) and, where the row pins them, status and date.
Rows whose expected list is empty must yield nothing.
"""

import pytest
from eventtables import events, same_dyad, triples

from eventdesk.pipeline import extract_text

CONSULT = [
    ("Turkish President Recep Tayyip Erdogan held a phone conversation with Russian President Vladimir Putin on Tuesday.",
     {("CONSULT", "TUR", "RUS")}),
    ("The Japanese prime minister met his South Korean counterpart in Tokyo.", {("CONSULT", "JPN", "KOR")}),
    ("German Chancellor Olaf Scholz visited China last week.", {("CONSULT", "DEU", "CHN")}),
    ("Egypt and Qatar held talks on the crisis on Sunday.", {("CONSULT", "EGY", "QAT")}),
    ("The call between the French and Indian foreign ministers lasted an hour.", {("CONSULT", "FRA", "IND")}),
]


@pytest.mark.parametrize("text,want", CONSULT)
def test_consultations_are_found_in_either_direction(text, want):
    got = triples(events(text))
    assert same_dyad(got, want), got
    assert all(m.symmetric for m in events(text) if m.type == "CONSULT")


DIRECTED = [
    ("Ukraine asked Germany for air defense systems on Monday.", ("REQUEST", "UKR", "DEU")),
    ("Poland urged the European Union to impose new sanctions on Belarus.", ("REQUEST", "POL", "EU")),
    ("Israel rejected a request from Ukraine to supply Iron Dome batteries.", ("REJECT", "ISR", "UKR")),
    ("China accused the United States of provoking tensions in the Taiwan Strait.", ("ACCUSE", "CHN", "USA")),
    ("The Indian foreign ministry condemned Pakistan for the attack.", ("ACCUSE", "IND", "PAK")),
    ("Russia warned Finland of retaliatory measures if it joins NATO.", ("THREATEN", "RUS", "FIN")),
    ("Britain sent Ukraine 14 Challenger tanks.", ("AID", "GBR", "UKR")),
    ("The United States imposed sanctions on Iran on Friday.", ("SANCTION", "USA", "IRN")),
    ("Norway expelled 15 Russian diplomats.", ("SANCTION", "NOR", "RUS")),
    ("Kenya praised Ethiopia for its role in the peace talks.", ("SUPPORT", "KEN", "ETH")),
    # a name-calling is an accusation, also where a phone call would otherwise be read
    ("Armenia's prime minister called Azerbaijani President Ilham Aliyev the butcher of Nagorno-Karabakh.",
     ("ACCUSE", "ARM", "AZE")),
    ("Lithuania branded Belarus a terrorist regime on Friday.", ("ACCUSE", "LTU", "BLR")),
    ("China is holding military exercises in Hawaii.", ("MOBILIZE", "CHN", "USA")),  # a US state is a place
    ("Norway helped Moldova with fuel deliveries last winter.", ("AID", "NOR", "MDA")),
    ("Serbian protesters set fire to the US embassy in Belgrade.", ("PROTEST", "SRB", "USA")),  # a riot
    ("India and Japan agreed to strengthen their partnership in clean energy.", ("AGREE", "IND", "JPN")),
    # a speech to another state's parliament is a visit; an apposition is no content of what it hangs on
    ("The Kenyan president addressed the South African parliament on Tuesday.", ("CONSULT", "KEN", "ZAF")),
    ("Romania's president arrived in Chisinau for a summit of regional leaders, the first visit to Moldova by a "
     "Romanian head of state in a decade.", ("CONSULT", "ROU", "MDA")),
]


@pytest.mark.parametrize("text,want", DIRECTED)
def test_directed_events_keep_their_direction(text, want):
    assert want in triples(events(text)), triples(events(text))


PASSIVE_AND_NOUNS = [
    ("Ukraine was attacked by Russia on Thursday.", ("ASSAULT", "RUS", "UKR")),
    ("Kyiv made a new demand for Berlin to provide it with tanks.", ("REQUEST", "UKR", "DEU")),
    ("Israel's humanitarian aid to Ukraine arrived on Monday.", ("AID", "ISR", "UKR")),
]


@pytest.mark.parametrize("text,want", PASSIVE_AND_NOUNS)
def test_passives_and_noun_triggers(text, want):
    assert want in triples(events(text)), triples(events(text))


NOTHING = [
    "The weather in Kyiv was cold on Monday.",  # no trigger
    "Read also: Turkey threatens Cyprus over Kurdish actions",  # a teaser is furniture, not text
    "Open gallery view Ukrainian Defense Minister in Brussels. Credit: AFP",  # a caption
    "Officials spoke to reporters in Brussels.",  # reporters are not an actor
    "The ministry declined to comment.",  # no target
    "Israeli officials rejected the claim.",  # a denial of a claim is not a refusal
    "The minister described the talks as useful.",  # a description without an insult
    "The minister addressed the issue of sanctions with reporters.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_sentences_without_an_event_yield_nothing(text):
    assert events(text) == []


STATUS = [
    ("Gantz intends to speak with Reznikov within days.", "CONSULT", "planned"),
    ("The French president will visit India next month.", "CONSULT", "planned"),
    ("Ukraine did not ask Israel for weapons.", "REQUEST", "negated"),
    ("If Israel supplies arms to Ukraine, Russia would sever ties with Israel.", "SANCTION", "hypothetical"),
    ("The Egyptian and Qatari foreign ministers are set to meet in Cairo.", "CONSULT", "planned"),
    ("Israeli settlers set fire to Palestinian homes near Nablus.", "COERCE", "occurred"),  # no plan: an act
    ("India is due to host the Pakistani foreign minister next week.", "CONSULT", "planned"),
]


@pytest.mark.parametrize("text,type_,status", STATUS)
def test_status_is_read_from_the_text(text, type_, status):
    got = [m for m in events(text) if m.type == type_]
    assert got and all(m.status == status for m in got), [(m.type, m.status) for m in events(text)]


def test_content_of_a_threat_is_not_an_event_of_its_own():
    found = events("Russia warned that if Israel supplies arms to Ukraine it would destroy relations.")
    assert ("THREATEN", "RUS", "ISR") in triples(found)
    assert not any(m.type == "AID" for m in found)


DATES = [
    ("Egypt's foreign minister called his Qatari counterpart on Monday.", "2022-10-18", "2022-10-17", "day"),
    ("Egypt's foreign minister called his Qatari counterpart last Wednesday.", "2022-10-18", "2022-10-12", "day"),
    ("Egypt's foreign minister called his Qatari counterpart on 20 October.", "2022-10-27", "2022-10-20", "day"),
    ("Egypt's foreign minister last spoke with his Qatari counterpart in April.", "2022-10-18", "2022-04", "month"),
    ("Egypt's foreign minister called his Qatari counterpart on Monday.", None, None, None),
    ("Egypt's foreign minister called his Qatari counterpart on February 16, 2023.", None, "2023-02-16", "day"),
]


def test_a_day_and_a_ministry_told_by_reference_to_the_sentence_before():
    text = ("A far-right activist burned a Koran outside the Turkish embassy in Stockholm on Saturday. "
            "Ankara's foreign ministry condemned it the same day and accused the Swedish authorities of "
            "tolerating a hate crime. A day earlier, the ministry had summoned Sweden's ambassador to protest "
            "against the decision to allow the demonstration.")
    got = sorted((m.type, m.source.country, m.target.country, m.date) for m in events(text, "2023-01-24"))
    assert got == [("ACCUSE", "TUR", "SWE", "2023-01-20"), ("ACCUSE", "TUR", "SWE", "2023-01-21")]


@pytest.mark.parametrize("text,published,date,precision", DATES)
def test_event_date_comes_from_its_own_time_expression(text, published, date, precision):
    found = [m for m in events(text, published) if m.type == "CONSULT"]
    assert found, "no CONSULT found"
    assert (found[0].date, found[0].date_precision) == (date, precision)


def test_attribution_is_kept_on_the_mention():
    text = ("Israel rejected a request from Ukraine to hold a call between the defense ministers, "
            "according to a source who spoke to Haaretz.")
    found = [m for m in events(text) if m.type == "REJECT"]
    assert found and found[0].attributed_to.startswith("a source who spoke to Haaretz")


def test_evidence_offsets_point_at_the_sentence():
    text = "The weather was fine.\n\nGermany sent Ukraine tanks on Monday."
    found = extract_text(text, "2023-01-30")
    assert found
    m = found[0]
    assert text[m.start:m.end] == m.sentence == "Germany sent Ukraine tanks on Monday."
