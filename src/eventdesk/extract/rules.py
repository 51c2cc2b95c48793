"""Coding rules the stages apply: event types and sectors by what they do, codes by type.

Language-independent; they move into the codebook beside [threats] (issue 9, item 3).
"""

# event types that happen inside one country: a group with no country takes the other side's
DOMESTIC_TYPES = {"PROTEST", "COERCE", "ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# sectors that a modifier gives the noun it qualifies ('opposition parties', 'rebel forces')
SIDE_SECTORS = frozenset({"OPP", "REB"})
# sectors of people protesting: attacked by security forces, they are of the forces' country
PROTEST_SECTORS = frozenset({"OPP", "LAB", "EDU"})
# the sectors of a country's non-state side: whom its own office holders face at home
NONSTATE_SECTORS = frozenset({"REB", "OPP", "CVL", "REF", "LAB", "EDU", "MED", "BUS", "UNK"})
# groups a thing can be 'for' ("a camp for Congolese refugees", "a school for Palestinian children")
BENEFICIARY_SECTORS = frozenset({"CVL", "REF"})
# the CAMEO 'express intent' code for each cooperative act
INTENT_CODES = {"AID": "033", "CONSULT": "036", "RETREAT": "035", "CONCEDE": "035", "COOPERATE": "031",
                "SUPPORT": "032", "AGREE": "030"}
# acts an accusation records as alleged events ('accused X of shelling'), not what it only blames
# ('accused Paris of supporting the Rwandan army' is the accusation alone)
ALLEGED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"})
# event types whose announced, vowed or conditional future is a threat (codebook [threats])
HOSTILE_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# cooperation refused in the future tense, and the CAMEO reject code it becomes
REFUSABLE = {"AID": "122", "COOPERATE": "121", "CONSULT": "125", "SUPPORT": "120", "AGREE": "120",
             "CONCEDE": "124", "RETREAT": "124"}
