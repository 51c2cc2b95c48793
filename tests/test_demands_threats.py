"""Events read from the shape of a clause: demands ("X said Y must ..."), threats (a hostile act its
author commits to, announces or makes conditional) and promises (a cooperative act its author
announces: PLOVER AGREE, CAMEO 03x). Sentences are the team's own."""

import pytest
from eventtables import events, triples


def the(got, want):
    """The mention of `want` (type, source, target) among `got`, asserting it is there."""
    assert want in triples(got), triples(got)
    return next(m for m in got if (m.type, m.source.country, m.target.country) == want)

DEMANDS = [
    # (text, expected (type, source, target), CAMEO code)
    ("Germany said on Tuesday that Hungary must lift its veto on the aid package.", ("REQUEST", "DEU", "HUN"), "100"),
    ("Iran must release the detained sailors, the British foreign secretary said.", ("REQUEST", "GBR", "IRN"), "100"),
    ("Kenya insisted that Somalia has to withdraw its claim to the maritime zone.", ("REQUEST", "KEN", "SOM"), "100"),
    ("The Japanese government issued a stern warning to North Korea that it must halt its missile tests.",
     ("REQUEST", "JPN", "PRK"), "100"),
    ("Brazil said Venezuela should hold free elections next year.", ("REQUEST", "BRA", "VEN"), "020"),
]


@pytest.mark.parametrize("text,want,cameo", DEMANDS)
def test_a_statement_that_another_must_act_is_a_demand(text, want, cameo):
    demand = the(events(text), want)
    assert demand.cameo == cameo and demand.status == "occurred"


def test_what_was_demanded_is_not_an_event():
    # the withdrawal is the content of the demand: no RETREAT, no date from inside the clause
    got = events("Turkey said last week that Armenia must withdraw its troops, as it did in March 2021.",
                 published="2023-06-14")
    assert triples(got) == {("REQUEST", "TUR", "ARM")}, triples(got)
    got = events("Pakistan said India would have to reverse its August 2019 decision on Kashmir.",
                 published="2023-05-05")
    assert [(m.type, m.date) for m in got] == [("REQUEST", "2023-05")]


NO_DEMAND = [
    "Ukraine had to withdraw from the town, officials in Kyiv said.",  # what happened, not a demand
    "Zelensky said Ukraine must be ready for a long war.",  # of one's own side
    "Experts say sanctions on Russia must be tightened.",  # no addressee
    "The minister said the talks must continue.",
]


@pytest.mark.parametrize("text", NO_DEMAND)
def test_necessity_without_an_addressee_is_no_demand(text):
    assert not [m for m in events(text) if m.type == "REQUEST"], triples(events(text))


THREATS = [
    # (text, expected (type, source, target), CAMEO code)
    ("Mali announced that it would expel the French ambassador unless Paris apologised.",
     ("THREATEN", "MLI", "FRA"), "136"),
    ("Ethiopia said it will withdraw its peacekeepers from Somalia unless the payments resume.",
     ("THREATEN", "ETH", "SOM"), "131"),
    ("Azerbaijan vowed to attack Armenia if the shelling continued.", ("THREATEN", "AZE", "ARM"), "138"),
    ("The Serbian government is prepared to impose sanctions on Kosovo.", ("THREATEN", "SRB", "XKX"), "1312"),
    ("China threatened to blockade Taiwan.", ("THREATEN", "CHN", "TWN"), "1381"),
    ("Pyongyang said it would strike South Korea with missiles.", ("THREATEN", "PRK", "KOR"), "138"),
    # the speaker is the author even when only his office places him
    ("President Adama Sow announced that he will impose a curfew in Bamako after the riots.",
     ("THREATEN", "MLI", "MLI"), "1323"),
]


@pytest.mark.parametrize("text,want,cameo", THREATS)
def test_a_hostile_act_committed_to_or_made_conditional_is_a_threat(text, want, cameo):
    got = events(text)
    threat = the(got, want)
    assert threat.cameo == cameo and threat.status == "occurred"
    assert not {m.type for m in got} & {"ASSAULT", "SANCTION", "COERCE", "RETREAT"}, triples(got)


NOT_THREATS = [
    # others forecast the act: a plan, not a threat
    ("US officials said Russia plans to invade Ukraine.", ("ASSAULT", "RUS", "UKR"), "planned"),
    ("Russia is expected to attack Ukraine in the spring.", ("ASSAULT", "RUS", "UKR"), "planned"),
    # an announced sanction is a decision
    ("The United States said it would impose sanctions on Myanmar.", ("SANCTION", "USA", "MMR"), "planned"),
    # a withdrawal announced without a condition is a promise to withdraw, not a threat
    ("Ethiopia said it will withdraw its peacekeepers from Somalia.", ("AGREE", "ETH", "SOM"), "occurred"),
]


@pytest.mark.parametrize("text,want,status", NOT_THREATS)
def test_plans_reported_by_others_stay_plans(text, want, status):
    got = events(text)
    assert the(got, want).status == status
    assert "THREATEN" not in {m.type for m in got}, triples(got)


PROMISES = [
    ("The Japanese foreign minister wants to help Ukraine.", ("AGREE", "JPN", "UKR"), "033"),
    ("Israel announced it would free 200 Palestinian prisoners as a goodwill gesture.", ("AGREE", "ISR", "PSE"), "035"),
    ("The Kremlin said Putin will visit Beijing next month.", ("AGREE", "RUS", "CHN"), "036"),
]


@pytest.mark.parametrize("text,want,cameo", PROMISES)
def test_a_cooperative_act_its_author_announces_is_a_promise(text, want, cameo):
    promise = the(events(text), want)
    assert promise.cameo == cameo and promise.status == "occurred"


SCHEDULES = [
    ("US officials said Xi will visit Moscow next week.", ("CONSULT", "CHN", "RUS")),  # others announce it
    ("Biden will receive the Swedish prime minister at the White House on Thursday.", ("CONSULT", "USA", "SWE")),
]


@pytest.mark.parametrize("text,want", SCHEDULES)
def test_a_visit_others_announce_stays_a_planned_visit(text, want):
    got = events(text)
    assert the(got, want).status == "planned"
    assert "AGREE" not in {m.type for m in got}, triples(got)


ASKED_NOT_DONE = [
    # what is pressed for or permitted is not an event of its own
    "The chancellor faces pressure from parliament to help Moldova.",
    "Washington gave no permission to Kyiv to strike Russia.",
    "The president said he would not give permission to Turkey to help Azerbaijan.",
]


@pytest.mark.parametrize("text", ASKED_NOT_DONE)
def test_an_act_asked_for_or_permitted_did_not_happen(text):
    got = events(text)
    assert not [m for m in got if m.type in ("AID", "ASSAULT") and m.status == "occurred"], triples(got)
