"""clean: page furniture is dropped with its reason, body text is kept, title and byline date are found."""

from __future__ import annotations

import pytest

from eventdesk.clean import clean_document, clean_text
from eventdesk.records import Document

BODY = "Russia accused Israel on Monday of planning to supply weapons to Ukraine, the foreign ministry said."
LATER = "Israeli officials rejected the claim and said no decision on arms shipments had been taken."


def dropped(raw: str) -> list[tuple[str, str]]:
    return [(d.text, d.reason) for d in clean_text(raw).dropped]


def between_body(furniture: str) -> str:
    return f"{BODY}\n\n{furniture}\n\n{LATER}"


# (furniture lines, the reason each is dropped with)
FURNITURE = [
    ("Skip to main content", ["navigation"]),
    ("Share this article", ["share"]),
    ("Read also:\nIsrael strikes Hamas targets in Gaza overnight", ["teaser", "teaser"]),
    ("Check Also\nIran sends more drones to Russia\nThe shipment was reported by officials in Kyiv who said that the "
     "new deliveries would arrive through the Caspian Sea in the coming weeks …", ["teaser", "teaser", "teaser"]),
    ("Related: Turkey summons Swedish envoy over Quran burning", ["teaser"]),
    ("Read also: Turkey summons the Swedish ambassador over a protest in Stockholm.", ["teaser"]),
    ("Watch: Erdogan meets Kristersson in Vilnius", ["teaser"]),
    ("Open gallery view Defense Minister Benny Gantz at a ceremony in Jerusalem last week.", ["caption"]),
    ("Prime Minister Fumio Kishida arrives at Seoul Air Base. (Photo by Jung Yeon-je / AFP)", ["caption"]),
    ("Credit: Reuters", ["caption"]),
    ("Subscribe", ["promotion"]),
    ("Only $100 per year.", ["promotion"]),
    ("Join our community of readers and get the best of our journalism in our newsletters.", ["promotion"]),
    ("Sign up for our morning newsletter", ["promotion"]),
    ("We remind our readers that publication of articles on our site does not mean that we agree with what is "
     "written.", ["disclaimer"]),
    ("© 2022 Example News. All rights reserved.", ["disclaimer"]),
    ("By News Desk", ["byline"]),
    ("Written by Jonathan Lis", ["byline"]),
]


@pytest.mark.parametrize("furniture, reasons", FURNITURE, ids=[f[0][:30] for f in FURNITURE])
def test_furniture_is_dropped_with_its_reason(furniture, reasons):
    result = clean_text(between_body(furniture))
    assert [(d.text, d.reason) for d in result.dropped] == list(zip(furniture.split("\n"), reasons, strict=True))
    assert result.text == f"{BODY}\n\n{LATER}"


# body text that looks a little like furniture but must reach extraction
KEPT = [
    "The foreign ministers met in Ankara on Tuesday and agreed to resume talks on the grain corridor next week "
    "and to keep the channel with Moscow open through the winter",  # long, no final period
    "Officials in Washington will watch closely as the talks in Geneva proceed, the spokesman said.",
    "Watch closely: the ministers said they would meet again in Brussels in March.",
    "Diplomats said both governments would subscribe to the joint statement issued after the summit.",
    "Sweden and Finland agreed on Tuesday to sign up to the declaration on maritime security.",
    "The ministry said in its weekly newsletter that the talks would resume in Doha.",
    "Related talks between Turkey and Sweden are due to resume in Brussels next month, officials said.",
    "By Tuesday evening Turkey had summoned the Swedish ambassador.",
    "By the end of the day, Turkey had summoned the Swedish ambassador over the protest.",
    "Home Secretary Suella Braverman met her French counterpart in Paris on Monday.",
    "Photographs released by the ministry showed the two leaders shaking hands in Beijing.",
    "“Our country will sign up to the pledge,” the president said on Monday.",
]


@pytest.mark.parametrize("sentence", KEPT, ids=[k[:30] for k in KEPT])
def test_body_text_is_kept(sentence):
    result = clean_text(between_body(sentence))
    assert result.dropped == ()
    assert result.text == f"{BODY}\n\n{sentence}\n\n{LATER}"


@pytest.mark.parametrize("raw, joined", [
    ("Israel rejected a request from Ukraine on Monday to hold a telephone\n"
     "conversation between the two defence ministers, a source said.",
     "Israel rejected a request from Ukraine on Monday to hold a telephone "
     "conversation between the two defence ministers, a source said."),
    ("Zelensky said the prisoners of war released in the exchange would soon be back\nhome.",
     "Zelensky said the prisoners of war released in the exchange would soon be back home."),
    ("The talks were held under the auspices of the United Nations and\nsubscribe to its charter, officials said.",
     "The talks were held under the auspices of the United Nations and subscribe to its charter, officials said."),
], ids=["wrapped", "wrapped-home", "wrapped-subscribe"])
def test_hard_wrapped_lines_are_one_paragraph(raw, joined):
    result = clean_text(f"{BODY}\n\n{raw}")
    assert result.dropped == ()
    assert result.text == f"{BODY}\n\n{joined}"


def test_teaser_ends_at_the_next_body_sentence():
    raw = f"{BODY}\nRead also:\nIran sends more drones to Russia\n{LATER}"
    assert dropped(raw) == [("Read also:", "teaser"), ("Iran sends more drones to Russia", "teaser")]
    assert clean_text(raw).text == f"{BODY} {LATER}"


# -- title and byline date -------------------------------------------------------------------------

@pytest.mark.parametrize("raw, title", [
    (f"Israel rejects Ukraine request for a call\n\n{BODY}", "Israel rejects Ukraine request for a call"),
    (f"Skip to main content\nRussia warns Israel over arms\n\n{BODY}", "Russia warns Israel over arms"),
    (f"Israel rejects a request from Ukraine.\n\n{BODY}", None),  # a sentence, not a title
    (f"{BODY}\n\nA subheading later on\n\n{LATER}", None),  # after the body started: a heading
])
def test_title_is_the_first_short_line_without_final_punctuation(raw, title):
    assert clean_text(raw).title == title


def test_byline_date_near_the_top():
    raw = f"Israel rejects Ukraine request\nBy News Desk\nOctober 27 2022\n\n{BODY}"
    result = clean_text(raw)
    assert result.byline_date == "2022-10-27"
    assert ("October 27 2022", "dateline") in dropped(raw)
    assert result.text == BODY


@pytest.mark.parametrize("caption", [
    "Gantz and Reznikov in Kyiv on October 20, 2022. (Photo by Sergei Supinsky / AFP)",
    "Open gallery view Benny Gantz, October 20 2022",
    "October 20 2022 / REUTERS",
])
def test_a_date_inside_a_caption_never_becomes_the_publication_date(caption):
    raw = f"Israel rejects Ukraine request\n\n{caption}\n\n{BODY}"
    result = clean_text(raw)
    assert result.byline_date is None
    assert (caption, "caption") in dropped(raw)
    assert clean_document(Document(id="a.txt", raw=raw)).published is None


def test_a_date_line_after_the_body_is_not_a_byline_date():
    assert clean_text(f"{BODY}\n\nOctober 27 2022\n\n{LATER}").byline_date is None


@pytest.mark.parametrize("published, published_from, expected", [
    (None, None, ("2022-10-27", "byline")),
    ("2022-10-28", "header", ("2022-10-28", "header")),  # a header or field date wins over the byline
])
def test_clean_document_uses_the_byline_date_only_when_none_is_known(published, published_from, expected):
    raw = f"Israel rejects Ukraine request\nOctober 27 2022\n\n{BODY}"
    doc = clean_document(Document(id="a.txt", raw=raw, published=published, published_from=published_from))
    assert (doc.published, doc.published_from) == expected
    assert doc.title == "Israel rejects Ukraine request"
    assert doc.text == BODY
    assert doc.raw == raw


def test_clean_document_keeps_a_known_title():
    doc = clean_document(Document(id="a.html", raw=f"Some other heading\n\n{BODY}", title="Russia warns Israel"))
    assert doc.title == "Russia warns Israel"


# -- paragraphs --------------------------------------------------------------------------------------

def test_paragraph_offsets_point_into_the_cleaned_text():
    raw = (f"Russia warns Israel\nSkip to main content\n\n{BODY}\nIt said so on Monday.\n\n"
           "Credit: Reuters\n\nIsrael rejected a request from Ukraine on Monday to hold a\ntelephone call, "
           f"a source said.\n\n\n{LATER}\n")
    result = clean_text(raw)
    paragraphs = [result.text[s:e] for s, e in result.paragraphs]
    assert paragraphs == [f"{BODY} It said so on Monday.",
                          "Israel rejected a request from Ukraine on Monday to hold a telephone call, a source said.",
                          LATER]
    assert "\n\n".join(paragraphs) == result.text


def test_only_furniture_gives_empty_text():
    result = clean_text("Skip to main content\nSubscribe\nCredit: Reuters\n")
    assert (result.text, result.paragraphs) == ("", ())
    assert [d.reason for d in result.dropped] == ["navigation", "promotion", "caption"]
