"""The English words the stages look for, by what they mark (to become the language pack's lexicon)."""

LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
# agent nouns that name the other side of a relation, never a group on the ground
PLACELESS_AGENTS = {"counterpart", "counterparts", "side", "party", "country", "nation", "state"}
# plan words that make a plan only of a clause ("set to meet"), not of an object ("set fire to")
PLANNED_WITH_CLAUSE_ONLY = frozenset({"set", "due", "going", "likely", "poised", "ready", "willing", "try",
                                      "attempt", "aim", "hope", "wish"})
# bodies of a state that a later "the ministry", "the government" refers back to
BODY_NOUNS = frozenset({"ministry", "government", "military", "army", "embassy", "parliament", "cabinet"})
# definite nouns that refer back to the last country or organisation named ("the kingdom", "the bloc")
# (kept to nouns that rarely name the subject's own country: "the country" often does)
ANAPHORS = {"kingdom": "country", "emirate": "country", "bloc": "organization", "alliance": "organization",
            "organisation": "organization", "organization": "organization"}
# "dozens of students", "thousands of protesters": the group is the 'of' object
QUANTITY_NOUNS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
                  "score", "scores", "number", "group", "some", "many", "most", "all", "several", "few",
                  "members", "member", "majority", "minority", "handful", "tens", "crowd", "crowds"}
# event types that happen inside one country: a group with no country takes the other side's
DOMESTIC_TYPES = {"PROTEST", "COERCE", "ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# triggers whose target, when it is a thing, stands for the place it is in ("shelled targets in Jericho")
PLACED_TARGETS = frozenset({"attack", "strike", "bomb", "shell", "hit", "raid", "fire", "target", "bombard",
                            "pound", "storm", "destroy", "damage", "blockade", "seize", "occupy", "invade",
                            "withdraw", "pull", "retreat", "evacuate", "deploy", "station", "mass", "withdrawal",
                            "pullout"})
# people an attack kills or wounds who are named by no actor noun ('four children and a man were killed')
VICTIM_NOUNS = frozenset({"person", "people", "persons", "child", "children", "man", "men", "woman", "women",
                          "boy", "boys", "girl", "girls", "baby", "babies", "family", "families", "teenager",
                          "teenagers", "passenger", "passengers", "worshipper", "worshippers", "pedestrian",
                          "pedestrians", "bystander", "bystanders", "shopper", "shoppers"})
# what a force is readied for ('for a possible war against Iraq')
WAR_NOUNS = frozenset({"war", "attack", "offensive", "invasion", "assault", "conflict", "strike", "strikes",
                       "operation", "incursion", "confrontation"})
# sectors that a modifier gives the noun it qualifies ('opposition parties', 'rebel forces')
SIDE_SECTORS = frozenset({"OPP", "REB"})
# sectors of people protesting: attacked by security forces, they are of the forces' country
PROTEST_SECTORS = frozenset({"OPP", "LAB", "EDU"})
# 'in protest of X', 'in defiance of X', 'during demonstrations against X': what a protest is about
PROTEST_REASONS = frozenset({"protest", "protests", "defiance", "opposition", "demonstration", "demonstrations",
                             "rally", "rallies", "outrage", "anger", "response"})
# purpose verbs of a protest ('staged a strike to protest against X', 'to demand the resignation of X')
PROTEST_AIMS = frozenset({"protest", "demand", "denounce", "condemn", "oppose", "decry", "show", "express",
                          "voice", "press", "challenge", "defy", "pressure", "force"})
# prepositions that name where a measure applies ('a curfew in', 'martial law over', 'a siege on')
MEASURE_PREPS = frozenset({"in", "on", "over", "across", "throughout", "inside", "upon"})
# nouns that name a place by its name ('the town of Samarra')
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "port", "capital",
                         "area", "outskirts", "suburb", "county", "state", "part", "parts", "east", "west", "north",
                         "south", "northeast", "northwest", "southeast", "southwest", "centre", "center", "heart"})
# what an attack is made with or as: it stands for its owner ('an Israeli airstrike') or, unowned, for
# unidentified attackers where it happened ('a roadside bomb in Mosul')
ATTACK_MEANS = frozenset({"bomb", "bombing", "airstrike", "strike", "shelling", "attack", "raid", "blast",
                          "explosion", "explosive", "device", "mine", "landmine", "rocket", "missile", "shell",
                          "mortar", "drone", "grenade", "ambush", "bombardment", "gunfire", "fire", "suicide",
                          "artillery", "air", "shooting", "assault",
                          # the weapon for its fire ('killed in Israeli tank shelling', parsed 'in Israeli tank')
                          "tank", "helicopter", "gunship", "warplane", "jet", "warship", "gunboat"})
# means set off where they strike: unowned, they stand for attackers in that place (not drones or missiles)
LOCAL_MEANS = frozenset({"bomb", "bombing", "blast", "explosion", "explosive", "device", "mine", "landmine",
                         "suicide", "grenade", "ambush", "shooting"})
# acts an accusation records as alleged events ('accused X of shelling'), not what it only blames
# ('accused Paris of supporting the Rwandan army' is the accusation alone)
ALLEGED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"})
# nouns for the other party of a relation: 'Israel's ally' is someone else
RELATION_NOUNS = frozenset({"ally", "allies", "proxy", "proxies", "rival", "rivals", "enemy", "enemies", "foe",
                            "foes", "adversary", "adversaries", "neighbour", "neighbours", "neighbor", "neighbors",
                            "partner", "partners", "client"})
# verbs whose subject brings others together ('hosted talks between the two rivals')
HOST_VERBS = frozenset({"host", "mediate", "broker", "sponsor", "facilitate", "arrange", "organise", "organize",
                        "convene"})
# the sectors of a country's non-state side: whom its own office holders face at home
NONSTATE_SECTORS = frozenset({"REB", "OPP", "CVL", "REF", "LAB", "EDU", "MED", "BUS", "UNK"})
# groups a thing can be 'for' ("a camp for Congolese refugees", "a school for Palestinian children")
BENEFICIARY_SECTORS = frozenset({"CVL", "REF"})
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning", "of", "for", "against", "to"})
PERSON_AGENTS = frozenset({"president", "leader", "minister", "premier", "chancellor", "counterpart", "diplomat",
                           "envoy", "ambassador", "king", "prince", "emir", "secretary", "spokesman"})
TRAVEL_VERBS = frozenset({"arrive", "travel", "fly", "land", "visit", "tour"})
MEETING_NOUNS = frozenset({"meeting", "talk", "talks", "summit", "negotiation", "visit", "conference"})
# nouns that name a request, whose author a refusal answers
REQUEST_NOUNS = frozenset({"request", "demand", "call", "appeal", "plea", "proposal", "offer", "plan",
                           "invitation", "ultimatum", "bid", "application", "initiative", "suggestion", "pressure"})
# nouns that name a promise, whose receiver a broken promise wrongs ('reneged on its pledge to Kyiv')
PROMISE_NOUNS = frozenset({"commitment", "promise", "pledge", "obligation", "obligations", "commitments",
                           "promises", "pledges", "assurance", "assurances", "guarantee", "guarantees", "word"})
# what one side gives another: a refused act that gives them names its recipient ('assistance to X')
GIFT_NOUNS = frozenset({"aid", "assistance", "help", "support", "backing", "troops", "weapons", "arms", "funding",
                        "money", "loan", "loans", "peacekeepers", "soldiers"})
# nouns whose to-clause says what is asked, pressed for or allowed, not what happened
# (not offers, plans or pledges: 'Britain's pledge to send tanks' is a promise of the sending)
CONTENT_NOUNS = frozenset({"request", "demand", "call", "appeal", "plea", "ultimatum", "pressure", "permission",
                           "authorization", "authorisation", "approval", "mandate", "consent", "push", "threat",
                           "order", "orders", "instruction", "instructions"})
# words of willingness or commitment: the act they govern is an offer or promise (PLOVER AGREE)
INTENT_WORDS = frozenset({"willing", "ready", "prepared", "agree", "offer", "promise", "pledge", "vow", "want", "seek",
                          "commit", "undertake", "consent"})
# the CAMEO 'express intent' code for each cooperative act
INTENT_CODES = {"AID": "033", "CONSULT": "036", "RETREAT": "035", "CONCEDE": "035", "COOPERATE": "031",
                "SUPPORT": "032", "AGREE": "030"}
# event types whose announced, vowed or conditional future is a threat (codebook [threats])
HOSTILE_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# words by which an actor commits itself to an act ('vowed to fight', 'is prepared to impose', 'wants to attack')
THREAT_INTENT = frozenset({"willing", "ready", "prepared", "determined", "vow", "swear", "pledge", "promise",
                           "threaten", "want", "intend", "plan", "commit"})
# nouns for the other party of a two-sided relation: 'its neighbour', 'the other side'
OTHER_PARTY_NOUNS = frozenset({"neighbour", "neighbor", "rival", "adversary", "foe", "enemy", "nemesis"})
# nouns whose to-clause is their owner's own act ("Egypt's decision to recall its envoy")
DECISION_NOUNS = frozenset({"decision", "move", "plan", "plans", "bid", "attempt", "attempts", "effort", "efforts",
                            "order", "announcement", "choice", "readiness", "willingness", "intention", "pledge",
                            "promise", "commitment", "vow", "threat", "refusal", "resolve", "determination"})
# statements whose clause tells what another must do ('a stern reminder to Iraq that it must cooperate')
STATEMENT_NOUNS = frozenset({"reminder", "warning", "message", "statement", "insistence", "position", "view",
                             "demand", "ultimatum", "assertion", "declaration"})
# verbs of saying or holding that carry a demand in their clause ('X reiterated that Y must ...')
DEMAND_SPEECH = frozenset({"reiterate", "repeat", "warn", "emphasize", "emphasise", "underline", "maintain",
                           "demand", "remind", "believe", "think", "feel", "urge"})
# cooperation refused in the future tense, and the CAMEO reject code it becomes
REFUSABLE = {"AID": "122", "COOPERATE": "121", "CONSULT": "125", "SUPPORT": "120", "AGREE": "120",
             "CONCEDE": "124", "RETREAT": "124"}
