"""Codebook coverage: how news reports each of the 16 PLOVER types.

Each row is a sentence written in news style and the event it must yield, as
(type, source country, target country). Symmetric events (clashes, talks, agreements)
may come in either direction. The last table holds sentences that must yield nothing:
other senses of trigger words, statements without a target, sports and market news.
"""

import pytest
from eventtables import events, same_dyad, triples

from eventdesk.codebook import load_codebook
from eventdesk.records import PLOVER_TYPES

COVERAGE = [
    # PROTEST: civilians acting collectively against a target
    ("Kenyan students staged protests against the Kenyan government on Tuesday.", ("PROTEST", "KEN", "KEN")),
    ("Palestinian protesters demonstrated against Israel near the border fence on Friday.", ("PROTEST", "PSE", "ISR")),
    ("Nigerian workers launched a general strike against the Nigerian government on Wednesday.",
     ("PROTEST", "NGA", "NGA")),
    ("Jailed Turkish journalists began a hunger strike against the Turkish government.", ("PROTEST", "TUR", "TUR")),
    ("Venezuelan students rioted against the Venezuelan police in Caracas.", ("PROTEST", "VEN", "VEN")),
    ("Iranian students took to the streets against the Iranian government on Saturday.", ("PROTEST", "IRN", "IRN")),
    ("Armenian activists staged a protest outside the Azerbaijani embassy in Yerevan.", ("PROTEST", "ARM", "AZE")),
    ("French rail workers went on strike against the French government on Thursday.", ("PROTEST", "FRA", "FRA")),
    ("Polish farmers blocked transport into Ukraine at the border crossing.", ("PROTEST", "POL", "UKR")),
    # RETREAT: concrete de-escalation
    ("Israel withdrew its last soldiers from Lebanon in 2000.", ("RETREAT", "ISR", "LBN")),
    ("Iran released two British sailors on Monday.", ("RETREAT", "IRN", "GBR")),
    ("Colombia handed back three Venezuelan soldiers to Venezuela.", ("RETREAT", "COL", "VEN")),
    ("Israel returned the Sinai Peninsula to Egypt in 1982.", ("RETREAT", "ISR", "EGY")),
    ("Iran allowed IAEA inspectors into its nuclear facilities.", ("RETREAT", "IRN", "IAEA")),
    ("Egypt allowed the delivery of fuel to Gaza on Saturday.", ("RETREAT", "EGY", "PSE")),
    ("Armenian forces surrendered to Azerbaijani troops near the town.", ("RETREAT", "ARM", "AZE")),
    ("Syria declared a ceasefire with Turkey on Tuesday.", ("RETREAT", "SYR", "TUR")),
    ("Germany paid compensation to Namibia for colonial-era killings.", ("RETREAT", "DEU", "NAM")),
    # CONCEDE: concessions
    ("The United States eased sanctions on Venezuela on Wednesday.", ("CONCEDE", "USA", "VEN")),
    ("The French government accepted the demands of French workers.", ("CONCEDE", "FRA", "FRA")),
    ("Serbia lifted the night curfew in Montenegro on Sunday.", ("CONCEDE", "SRB", "MNE")),
    ("China lifted sanctions on Lithuania on Friday.", ("CONCEDE", "CHN", "LTU")),
    ("Japan lifted export controls on South Korea on Thursday.", ("CONCEDE", "JPN", "KOR")),
    ("The Angolan president has conceded to demands from the United States to overhaul the judiciary.",
     ("CONCEDE", "AGO", "USA")),
    ("The Serbian government bowed to pressure from the European Union and lifted the ban.", ("CONCEDE", "SRB", "EU")),
    ("The Greek government gave in to German demands on the bailout.", ("CONCEDE", "GRC", "DEU")),
    # COERCE: repression by state power
    ("Russian police arrested an American journalist in Yekaterinburg.", ("COERCE", "RUS", "USA")),
    ("China detained two Canadian citizens on spying charges.", ("COERCE", "CHN", "CAN")),
    ("Malaysia deported hundreds of Indonesian migrants on Monday.", ("COERCE", "MYS", "IDN")),
    ("India banned Pakistani television channels.", ("COERCE", "IND", "PAK")),
    ("Egyptian authorities shut down two Qatari television channels.", ("COERCE", "EGY", "QAT")),
    ("Iran seized a British oil tanker in the Gulf.", ("COERCE", "IRN", "GBR")),
    ("Belarusian police detained two Lithuanian activists in Minsk.", ("COERCE", "BLR", "LTU")),
    ("The International Criminal Court issued an arrest warrant for Vladimir Putin on Friday.", ("COERCE", "ICC", "RUS")),
    ("Russia declared martial law in the four annexed Ukrainian regions.", ("COERCE", "RUS", "UKR")),
    ("Belarusian authorities thwarted the opposition's march in Minsk.", ("COERCE", "BLR", "BLR")),
    # ASSAULT: physical violence
    ("Russian forces shelled Ukrainian positions near Bakhmut overnight.", ("ASSAULT", "RUS", "UKR")),
    ("Nigerian militants kidnapped 20 Nigerian students in Kaduna.", ("ASSAULT", "NGA", "NGA")),
    ("Somali militants ambushed a Kenyan military convoy near the border.", ("ASSAULT", "SOM", "KEN")),
    ("Azerbaijani troops fought Armenian forces in the disputed region.", ("ASSAULT", "AZE", "ARM")),
    ("Iraqi militants abducted three Iraqi journalists in Baghdad.", ("ASSAULT", "IRQ", "IRQ")),
    ("Yemeni rebels fired rockets at Saudi Arabia on Sunday.", ("ASSAULT", "YEM", "SAU")),
    ("Israeli soldiers shot dead a Palestinian teenager near Jenin.", ("ASSAULT", "ISR", "PSE")),
    ("Russia launched a full-scale invasion of Ukraine in February 2022.", ("ASSAULT", "RUS", "UKR")),
    ("Russian soldiers raped Ukrainian women in Bucha.", ("ASSAULT", "RUS", "UKR")),
    ("Libyan guards abused Sudanese migrants at the detention centre.", ("ASSAULT", "LBY", "SDN")),
    ("North Korean soldiers opened fire on South Korean soldiers at the border.", ("ASSAULT", "PRK", "KOR")),
    # MOBILIZE: shows of force
    ("China deployed warships near Taiwan on Friday.", ("MOBILIZE", "CHN", "TWN")),
    ("China held military drills near Taiwan on Saturday.", ("MOBILIZE", "CHN", "TWN")),
    ("China held war games near Taiwan on Saturday.", ("MOBILIZE", "CHN", "TWN")),
    ("Armenia mobilized its reservists against Azerbaijan.", ("MOBILIZE", "ARM", "AZE")),
    ("Russia deployed additional troops to Belarus in January.", ("MOBILIZE", "RUS", "BLR")),
    ("Israel reinforced its troops in Lebanon after the rocket attacks.", ("MOBILIZE", "ISR", "LBN")),
    ("Russia strengthened its forces in Belarus in January.", ("MOBILIZE", "RUS", "BLR")),
    ("Armenian forces stayed on high alert near the Azerbaijani border.", ("MOBILIZE", "ARM", "AZE")),
    # SANCTION: cutting back relations
    ("The United States suspended aid to Myanmar after the coup.", ("SANCTION", "USA", "MMR")),
    ("Morocco severed diplomatic relations with Iran.", ("SANCTION", "MAR", "IRN")),
    ("Saudi Arabia recalled its ambassador from Canada on Monday.", ("SANCTION", "SAU", "CAN")),
    ("Israel halted peace talks with the Palestinians.", ("SANCTION", "ISR", "PSE")),
    ("Germany cancelled a planned visit to Turkey.", ("SANCTION", "DEU", "TUR")),
    ("Iran sentenced a French tourist to eight years in prison.", ("SANCTION", "IRN", "FRA")),
    ("The United States imposed export controls on China in October 2022.", ("SANCTION", "USA", "CHN")),
    # THREATEN
    ("Iran threatened to attack Israel if it strikes Iranian nuclear sites.", ("THREATEN", "IRN", "ISR")),
    ("China vowed to retaliate against the United States over the tariffs.", ("THREATEN", "CHN", "USA")),
    ("Iran vowed to attack Israel after the strike on its consulate.", ("THREATEN", "IRN", "ISR")),
    ("North Korea issued an ultimatum to South Korea.", ("THREATEN", "PRK", "KOR")),
    ("The United States threatened to cut aid to Iraq.", ("THREATEN", "USA", "IRQ")),
    ("Pakistan threatened to break off diplomatic relations with Denmark.", ("THREATEN", "PAK", "DNK")),
    # REQUEST
    ("Kenya called on Ethiopia to release the detained journalists.", ("REQUEST", "KEN", "ETH")),
    ("Egypt demanded that Israel stop the military operation.", ("REQUEST", "EGY", "ISR")),
    ("Pakistan pressed India to resume dialogue.", ("REQUEST", "PAK", "IND")),
    ("The European Union pressured Serbia to recognize Kosovo.", ("REQUEST", "EU", "SRB")),
    ("Afghanistan sought military aid from the United States.", ("REQUEST", "AFG", "USA")),
    ("Thousands of Afghans sought asylum in Germany last year.", ("REQUEST", "AFG", "DEU")),
    # REJECT
    ("Iran rejected the American proposal for direct talks.", ("REJECT", "IRN", "USA")),
    ("Hungary vetoed the European Union's aid package for Ukraine.", ("REJECT", "HUN", "EU")),
    ("China turned down an American offer to hold military talks.", ("REJECT", "CHN", "USA")),
    ("Venezuela declined Colombia's offer of mediation.", ("REJECT", "VEN", "COL")),
    ("Turkey cancelled a visit by the Swedish defence minister.", ("REJECT", "TUR", "SWE")),
    ("Ankara postponed the meeting with Stockholm's envoy.", ("REJECT", "TUR", "SWE")),
    # ACCUSE
    ("India blamed Pakistan for the attack in Kashmir.", ("ACCUSE", "IND", "PAK")),
    ("Japan lodged a protest with China over the incursion.", ("ACCUSE", "JPN", "CHN")),
    ("Ukraine sued Russia at the International Court of Justice.", ("ACCUSE", "UKR", "RUS")),
    ("The ICC launched an investigation into Russia.", ("ACCUSE", "ICC", "RUS")),
    ("Lebanon complained to the United Nations about Israel on Tuesday.", ("ACCUSE", "LBN", "ISR")),
    ("Turkish President Recep Tayyip Erdogan called Sweden a hatchery for terrorist organisations.",
     ("ACCUSE", "TUR", "SWE")),
    ("Ukraine's parliament described Russia as a terrorist state.", ("ACCUSE", "UKR", "RUS")),
    ("The European Parliament branded Russia a state sponsor of terrorism.", ("ACCUSE", "EU", "RUS")),
    # SUPPORT
    ("China supported Russia in the United Nations Security Council.", ("SUPPORT", "CHN", "RUS")),
    ("France recognized the State of Palestine on Monday.", ("SUPPORT", "FRA", "PSE")),
    ("Japan apologized to South Korea for its wartime actions.", ("SUPPORT", "JPN", "KOR")),
    ("The United States restored diplomatic relations with Cuba in 2015.", ("SUPPORT", "USA", "CUB")),
    # AGREE
    ("India agreed to resume border talks with China.", ("AGREE", "IND", "CHN")),
    ("Japan pledged to provide India with economic assistance.", ("AGREE", "JPN", "IND")),
    ("The United States promised more military aid to the Philippines.", ("AGREE", "USA", "PHL")),
    ("Russia offered to negotiate with Ukraine.", ("AGREE", "RUS", "UKR")),
    # COOPERATE
    ("Britain shared intelligence with France on the attacks.", ("COOPERATE", "GBR", "FRA")),
    ("Spain extradited a Russian businessman to the United States.", ("COOPERATE", "ESP", "USA")),
    ("Japan cooperated with Australia on maritime security.", ("COOPERATE", "JPN", "AUS")),
    ("South Korea shared its expertise with Vietnam on nuclear safety.", ("COOPERATE", "KOR", "VNM")),
    # AID
    ("The United States sent Javelin missiles to Ukraine.", ("AID", "USA", "UKR")),
    ("Germany granted asylum to Afghan journalists.", ("AID", "DEU", "AFG")),
    ("Saudi Arabia provided Pakistan with a $3 billion loan.", ("AID", "SAU", "PAK")),
    ("France sent peacekeepers to Mali.", ("AID", "FRA", "MLI")),
    ("Japan contributed $100 million to the World Food Programme.", ("AID", "JPN", "WFP")),
    ("The United Arab Emirates airlifted medical supplies to Somalia.", ("AID", "ARE", "SOM")),
    # CONSULT
    ("India's prime minister telephoned the Russian president on Friday.", ("CONSULT", "IND", "RUS")),
    ("Qatar hosted an Iranian delegation in Doha.", ("CONSULT", "QAT", "IRN")),
    ("Egypt received an Israeli delegation in Cairo on Sunday.", ("CONSULT", "EGY", "ISR")),
]

SYMMETRIC = [
    ("Indian troops clashed with Pakistani soldiers along the Line of Control.", ("ASSAULT", "IND", "PAK")),
    ("Russian and Ukrainian forces exchanged fire near Kharkiv.", ("ASSAULT", "RUS", "UKR")),
    ("Fighting broke out between Sudanese and Chadian troops on Sunday.", ("ASSAULT", "SDN", "TCD")),
    ("Clashes between Indian and Chinese troops left 20 soldiers dead.", ("ASSAULT", "IND", "CHN")),
    ("Russia and Ukraine exchanged prisoners on Saturday.", ("RETREAT", "RUS", "UKR")),
    ("Armenia and Azerbaijan agreed on a ceasefire on Saturday.", ("AGREE", "ARM", "AZE")),
    ("Egypt signed an agreement with Sudan on water sharing.", ("AGREE", "EGY", "SDN")),
    ("Turkey struck a deal with Russia on grain exports.", ("AGREE", "TUR", "RUS")),
    ("India reached an understanding with China on border patrolling.", ("AGREE", "IND", "CHN")),
    ("The United States held joint military exercises with India.", ("COOPERATE", "USA", "IND")),
    ("The Philippines held war games with the United States in the South China Sea.", ("COOPERATE", "PHL", "USA")),
    ("The Chinese foreign minister held talks with his American counterpart in Bali.", ("CONSULT", "CHN", "USA")),
    ("Israel negotiated with the Palestinians over the prisoner release.", ("CONSULT", "ISR", "PSE")),
    ("Saudi Arabia established diplomatic relations with Israel.", ("SUPPORT", "SAU", "ISR")),
]


@pytest.mark.parametrize("text,want", COVERAGE)
def test_each_plover_type_is_found_as_news_reports_it(text, want):
    got = triples(events(text))
    assert want in got, got


@pytest.mark.parametrize("text,want", SYMMETRIC)
def test_symmetric_events_are_found_in_either_direction(text, want):
    found = events(text)
    assert same_dyad(triples(found), {want}), triples(found)
    if want[0] == "ASSAULT":  # a clash is an attack by each side on the other: two directed events
        type_, a, b = want
        assert {want, (type_, b, a)} <= triples(found), triples(found)
        assert not any(m.symmetric for m in found if m.type == type_)
    else:
        assert all(m.symmetric for m in found if m.type == want[0])


def test_the_table_covers_every_plover_type_three_times():
    counts = {t: 0 for t in PLOVER_TYPES}
    for _, (type_, _, _) in COVERAGE + SYMMETRIC:
        counts[type_] += 1
    assert all(n >= 3 for n in counts.values()), counts


def test_every_plover_type_has_a_pattern():
    book = load_codebook()
    types = {p.type for patterns in book.patterns.values() for p in patterns}
    assert types == set(PLOVER_TYPES)


NOTHING = [
    "Kenya charged the battery of its electric buses overnight.",  # charge: a battery
    "Japan's Toyota struck a deal to buy batteries.",  # no counterpart
    "The Kenyan president fired the finance minister on Monday.",  # fire: dismiss
    "The Nigerian stock index hit a record high on Tuesday.",  # hit: a level
    "Indian captain Rohit Sharma led the team to victory against Pakistan.",  # sport
    "The Russian foreign ministry released a statement on Monday.",  # release: publish
    "Egypt released its inflation figures on Thursday.",
    "German officials raised concerns about the economy.",
    "Israeli forces opened fire.",  # no target
    "Russian troops withdrew.",  # no target
    "Turkey lifted its weight restrictions for trucks.",
    "China launched a new satellite on Friday.",
    "The Indian team beat Australia by five wickets.",  # beat: win
    "The Indian batsman fired a century against Australia.",
    "The Brazilian team clashed with Argentina in the final.",
    "The Canadian government shot down the proposal.",
    "Britain's prime minister called an election.",
    "French President Emmanuel Macron met reporters in Paris.",
    "Ukrainian refugees returned to Kyiv after the winter.",  # return: go back
    "Indian fans rallied behind their team in the final against Pakistan.",
    "Russian stocks rallied in Moscow on Tuesday.",
    "The French army marched in the Bastille Day parade in Paris.",
    "Ethiopian Airlines suspended flights to Kenya because of bad weather.",
    "The Kenyan athlete fought back tears after losing to an Ethiopian runner.",
    "Pakistani police fought a fire at a warehouse in Karachi.",
    "The Japanese government accepted the resignation of its finance minister.",
    "Brazil allowed foreign investors to buy more shares in Petrobras.",
    "Israeli scientists released new data on the virus.",
    "France's Total pulled out of a gas project in Mozambique.",
    "Iranian women took to social media to express their anger.",
    "Open gallery view Russian troops shelled Ukrainian positions. Credit: AFP",  # a caption
    "Russia sent troops to the border with Ukraine.",  # a border is no recipient of aid
    "Ghanaian peacekeepers arrived in Lebanon on Monday.",  # troops that arrive are not on a visit
    "Turkish troops arrived in Azerbaijan for joint exercises.",
    "The Polish economy grew despite Russia's invasion of Ukraine.",  # an invasion named, not launched
    "The Kenyan minister abused his power.",  # abuse: not physical
    "The Kenyan police were on alert in Nairobi ahead of the protests.",  # alert: no adversary named
    "The Indian court issued a warrant for the sale of the property.",
    "The Indian team won the game against Pakistan.",  # game: only war games
    "Japanese officials bowed to the Chinese president at the ceremony.",  # bow: a gesture
    "The Ukrainian president declared that the state of emergency would end on Monday.",
    "The Chinese president called Russia a close partner.",  # a name, but no insult
    "The Indian minister described his talks with China as constructive.",
    "Thousands of Afghan migrants ordered out of Pakistan crossed the border.",  # ordered out: no demand
    "The American rapper rapped about Mexican immigrants.",
    "India rapped Pakistan for the attack.",  # rap: headline English for a rebuke, lemmatized like "raped"
    "Ukraine conceded a late goal to England at Wembley.",  # sport
]


@pytest.mark.parametrize("text", NOTHING)
def test_other_senses_and_fragments_yield_nothing(text):
    assert events(text) == [], triples(events(text))


# Sentences whose trigger word must not yield one type (another event may be there).
NOT_THIS_TYPE = [
    ("Ukraine received security assurances from the United States.", "CONSULT"),  # receive: not a host
    ("Armenia received weapons from India last year.", "CONSULT"),
    ("The Greek government gave in to German demands on the bailout.", "AID"),  # give in: no gift
    ("Turkish police prevented the demonstration staged by students near the university.", "PROTEST"),
]


@pytest.mark.parametrize("text,unwanted", NOT_THIS_TYPE)
def test_other_senses_do_not_yield_this_type(text, unwanted):
    assert all(m.type != unwanted for m in events(text)), triples(events(text))
