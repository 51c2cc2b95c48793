"""Conflict and domestic politics: sentence -> expected (type, source country, target country).

Security measures taken in a place, attacks reported in the passive, protests and their aims,
shows of force and stand-downs. Rows whose expected set is empty must yield no event of that type.
"""

import pytest
from eventtables import events, triples

# a curfew or an emergency is aimed at the people of the place (by default the source's own country)
MEASURES = [
    ("The Sri Lankan government declared a state of emergency in Colombo.", ("COERCE", "LKA", "LKA")),
    ("Ethiopian authorities imposed a curfew in the town of Gondar on Friday.", ("COERCE", "ETH", "ETH")),
    ("Israel imposed a curfew on Nablus after the shooting.", ("COERCE", "ISR", "PSE")),
    ("The Bolivian government lifted the state of emergency in La Paz on Monday.", ("CONCEDE", "BOL", "BOL")),
    ("The Kenyan government lifted the curfew in Mombasa.", ("CONCEDE", "KEN", "KEN")),
]

# victims without a country are of the place the attack struck, or face their own police
ATTACKS = [
    ("Three people were killed in a Turkish drone strike on Aleppo.", ("ASSAULT", "TUR", "SYR")),
    ("Six civilians were killed in a Saudi airstrike on Sanaa on Monday.", ("ASSAULT", "SAU", "YEM")),
    ("Two children were wounded in Israeli tank fire in the north of the Gaza Strip.", ("ASSAULT", "ISR", "PSE")),
    ("Kenyan police shot dead three protesters on Tuesday.", ("ASSAULT", "KEN", "KEN")),
    ("Police in Dhaka fired tear gas to disperse hundreds of student protesters.", ("COERCE", "BGD", "BGD")),
]

# a protest is aimed at what it protests, else at the government where it happens
PROTESTS = [
    ("Farmers in Warsaw blocked roads to protest against Ukraine's grain exports.", ("PROTEST", "POL", "UKR")),
    ("Students in Manila staged a hunger strike in defiance of Chinese authorities.", ("PROTEST", "PHL", "CHN")),
    ("Dock workers in Antwerp stopped work on Monday to protest against the government's pension reform.",
     ("PROTEST", "BEL", "BEL")),
    ("Palestinian youths threw stones at Israeli soldiers in Hebron.", ("PROTEST", "PSE", "ISR")),
    ("Opposition parties in Bangladesh organized a general strike on Sunday.", ("PROTEST", "BGD", "BGD")),
    ("Dozens of Tamil refugees continued their hunger strike in protest of the Indian government's refusal to "
     "grant them citizenship.", ("PROTEST", "IND", "IND")),
]

# shows of force: readied for a war against someone, or on alert abroad; stand-downs and withdrawals
FORCES = [
    ("Greece mobilized its reservists for a possible war against Turkey.", ("MOBILIZE", "GRC", "TUR")),
    ("Turkish troops remained on alert in northern Syria.", ("MOBILIZE", "TUR", "SYR")),
    ("France speeded up the withdrawal of its troops from Mali.", ("RETREAT", "FRA", "MLI")),
    ("Russia announced the withdrawal of troops from Kherson.", ("RETREAT", "RUS", "UKR")),
    ("Thousands of Maoist fighters in Nepal have been demobilized.", ("RETREAT", "NPL", "NPL")),
]


@pytest.mark.parametrize("text,want", MEASURES + ATTACKS + PROTESTS + FORCES)
def test_domestic_and_conflict_events(text, want):
    got = triples(events(text, "2000-01-01"))
    assert want in got, got


NOTHING = [
    # an attack's victims are not of the attackers' country because no place is named
    ("Russian troops killed five civilians on Monday.", "ASSAULT"),
    # a company halting work is no strike
    ("The company halted work on the new bridge in Lagos.", "PROTEST"),
    # police on alert at home face no one
    ("Indian police remained on alert in New Delhi.", "MOBILIZE"),
    # a band breaking up; a stand-down that is only the condition of a demand
    ("The rock band disbanded in 1999.", "RETREAT"),
    ("The rebels said the government must accept reforms before they demobilize.", "RETREAT"),
    # a strike with no place and no aim has nobody to face
    ("Workers stopped work on Monday.", "PROTEST"),
]


@pytest.mark.parametrize("text,kind", NOTHING)
def test_no_event(text, kind):
    got = triples(events(text, "2000-01-01"))
    assert not any(t == kind for t, _, _ in got), got


def test_unnamed_attackers_do_not_place_their_victims():
    got = triples(events("Five people were killed on Sunday.", "2000-01-01"))
    assert got == set(), got
