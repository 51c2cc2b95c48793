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
    # photo captions: credits, positions, a place and a dash, 'File photo'
    ("elbonia Soldiers march past the parliament in Elbonia City on Monday | AFP", ["caption"]),
    ("The two ministers shake hands in the capital on March 3, 2023. (Photo: Jane Roe)", ["caption"]),
    ("Fishing boats leave the harbour at dawn on June 30, 2025. (PHOTO/AGENCY)", ["caption"]),
    ("A soldier stands guard near the embassy on March 15, 2024. Reuters File Photo", ["caption"]),
    ("Talks aim to restore calm on the border. [File photo] / AP", ["caption"]),
    ("Elbonia – soldiers march in the capital during a parade", ["caption"]),
    ("Minister Jan Novak (2nd L) meets his counterpart in the capital on Monday.", ["caption"]),
    ("Minister Jan Novak\nMinister Jan Novak at a news conference in the capital [File: Jane Roe/Reuters]",
     ["caption", "caption"]),  # alt text, then the caption that repeats it
    # share buttons, follow prompts, newsletters, app prompts
    ("Share this articleComments", ["share"]),
    ("Copy/paste the article video embed link below:Copy to clipboardCopied", ["share"]),
    ("Click the alert icon to follow topics:", ["share"]),
    ("Follow us", ["navigation"]),
    ("Join our WhatsApp Channel to get the latest news and videos", ["promotion"]),
    ("Stay tuned with Example News HD Android App", ["promotion"]),
    ("Get the latest news alerts on our Telegram channel", ["promotion"]),
    # bylines, credits and stamps
    ("By Agencies.", ["byline"]),
    ("Source: Example Agency", ["byline"]),
    ("Editor: jdoe", ["byline"]),
    ("Updated: 17:07, November 19, 2025", ["timestamp"]),
    ("2022-07-21 05:50:11", ["timestamp"]),
    ("+ ↺ − 16 px", ["navigation"]),
    # cookie notices, related stories, comments
    ("We use cookies to give you the best experience. Accept all cookies", ["cookies"]),
    ("Manage your cookie settings", ["cookies"]),
    ("Related Articles", ["teaser"]),
    ("More from Example News", ["teaser"]),
    ("Comments", ["navigation"]),
    ("Back to top button", ["navigation"]),
    ("- Why a Reporter Crossed the Border in 1998\n- Can Diplomacy Teach Rivals to Be Friends?",
     ["navigation", "navigation"]),
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
    "Share prices in Moscow fell sharply after the sanctions were announced on Monday.",
    "Kenya – which hosted the talks – said it would not take sides in the dispute.",
    "The ministers met at the Line of Actual Control (LAC) in the east on Tuesday.",
    "By agreeing to the ceasefire, both sides said they hoped to resume trade.",
    "Source: a senior official told reporters that the envoy had been summoned on Monday and would leave.",
    "Updated figures released by the ministry on Monday showed 40 soldiers had been killed.",
    "Comments made by the minister on Monday angered officials in Ankara, who summoned the envoy.",
    "- Elbonia agreed to reopen the border crossing on Monday, the ministry said.",
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


# -- hard-wrapped paragraphs ------------------------------------------------------------------------

WRAPPED_PARAGRAPH = (
    "Elbonia rejected a request from Freedonia on Monday to hold a telephone call between Defence Minister "
    "Jan Novak and his Freedonian counterpart, according to a source who spoke on the condition of anonymity. "
    "Freedonian officials said Elbonia cancelled arrangements for a call it had itself proposed a few days "
    "earlier. Ruritania accused Elbonia on Monday morning of planning to supply weapons to Freedonia and warned "
    "that such a move would harm ties between the two capitals. Members of Novak's inner circle said the "
    "contacts are important to the minister and that Prime Minister Eva Lind intends to speak with President "
    "Karl Berg about them within days.")


@pytest.mark.parametrize("width", [50, 60, 72, 80])
def test_a_hard_wrapped_paragraph_keeps_every_line(width):
    """Wrapped lines that start with a title or a name ('Defence Minister ...') are not headings."""
    import textwrap

    wrapped = textwrap.fill(WRAPPED_PARAGRAPH, width)
    assert any(line[0].isupper() and not line.startswith(("Elbonia rejected",)) for line in wrapped.split("\n")[1:])
    result = clean_text(f"Elbonia rejects Freedonia request for a call\n\n{wrapped}\n\n{LATER}")
    assert result.title == "Elbonia rejects Freedonia request for a call"
    assert result.text == f"{WRAPPED_PARAGRAPH}\n\n{LATER}"
    assert [d.reason for d in result.dropped] == ["title"]


@pytest.mark.parametrize("raw", [
    "Elbonia rejected a request on Monday to hold a call between\nDefence Minister Jan Novak and his counterpart.",
    "Elbonia rejected a request on Monday to hold a call with the\nFreedonian defence minister, a source said.",
    "Elbonia rejected a request from Freedonia to hold a call,\nDefence Minister Jan Novak said on Monday.",
])
def test_a_line_ending_with_a_connective_runs_on(raw):
    result = clean_text(f"{BODY}\n\n{raw}")
    assert result.dropped == ()
    assert result.text == f"{BODY}\n\n{' '.join(raw.split())}"


def test_a_heading_before_a_paragraph_is_still_a_heading():
    raw = f"{BODY}\n\nSevere countermeasures\n{LATER}"
    assert dropped(raw) == [("Severe countermeasures", "heading")]


# -- a stray date prefix, datelines, stamps -----------------------------------------------------------

@pytest.mark.parametrize("raw, text", [
    (" date 2023-10-20 Turkey and Sweden held talks in Ankara last week, the ministry said.",
     "Turkey and Sweden held talks in Ankara last week, the ministry said."),
    ("date 2023-10-20 Turkey and Sweden hold talks\nTurkey and Sweden held talks in Ankara last week.",
     "Turkey and Sweden held talks in Ankara last week."),
    ("\n\n date 2023-10-20 \n\nTurkey and Sweden held talks in Ankara last week.",
     "Turkey and Sweden held talks in Ankara last week."),
])
def test_a_date_prefix_is_removed_and_becomes_the_publication_date(raw, text):
    result = clean_text(raw)
    assert result.text == text
    assert result.prefix_date == "2023-10-20"
    assert ("date 2023-10-20", "date prefix") in dropped(raw)
    assert clean_document(Document(id="a.txt", raw=raw)).published == "2023-10-20"
    known = clean_document(Document(id="a.txt", raw=raw, published="2023-10-19", published_from="field"))
    assert (known.published, known.published_from) == ("2023-10-19", "field")  # a better date wins


def test_a_date_prefix_never_dates_the_events_of_its_sentence():
    from eventdesk.pipeline import extract_text

    (mention,) = extract_text(" date 2023-10-20 Turkey and Sweden held talks in Ankara last week, the ministry said.")
    assert (mention.type, mention.date, mention.date_precision) == ("CONSULT", "2023-10", "month")


def test_the_word_date_in_a_sentence_is_not_a_prefix():
    raw = "The date 2023-10-20 was set for the talks between Turkey and Sweden, officials said."
    assert clean_text(raw).text == raw


@pytest.mark.parametrize("line, dateline", [
    ("MOSCOW (Reuters) -Elbonia said on Monday it had summoned the Freedonian ambassador.", "MOSCOW (Reuters) -"),
    ("Beijing, Aug 16 (EFE).- The ministry on Tuesday announced sanctions against the two officials.",
     "Beijing, Aug 16 (EFE).-"),
    ("SANAA, April 9 (Xinhua) -- A delegation arrived in the capital on Saturday evening for talks.",
     "SANAA, April 9 (Xinhua) --"),
    ("BUDAPEST, February 26. /TASS/. The envoy was summoned to the foreign ministry on Thursday.",
     "BUDAPEST, February 26. /TASS/."),
    ("KYIV, Ukraine — The defence ministry said on Monday that the talks had failed.", "KYIV, Ukraine —"),
])
def test_a_dateline_before_the_first_sentence_is_dropped(line, dateline):
    result = clean_text(line)
    assert (dateline, "dateline") in dropped(line)
    assert result.text == line[len(dateline):].strip()


def test_a_publication_stamp_gives_the_byline_date():
    raw = f"Published: 14:00, November 19, 2025 | Updated: 17:07, November 19, 2025\nChina notifies Japan\n\n{BODY}"
    result = clean_text(raw)
    assert result.byline_date == "2025-11-19"
    assert result.title == "China notifies Japan"
    assert result.text == BODY


# -- nothing lost: long lines, flattened articles, an empty result reported -----------------------------

def test_a_5_mb_text_on_one_line_keeps_its_body():
    caption = "Soldiers march in the capital during a parade. (Photo by Jane Roe / AFP) "
    credits = "(Reporting by Jane Roe; Editing by John Doe) "
    raw = ((BODY + " " + LATER + " ") * 10 + caption + credits) * 2600
    assert len(raw) > 5_000_000 and "\n" not in raw
    result = clean_text(raw)
    assert {(d.text, d.reason) for d in result.dropped} == {
        ("(Photo by Jane Roe / AFP)", "caption"), (credits.strip(), "disclaimer")}
    assert result.text == raw.replace("(Photo by Jane Roe / AFP) ", "").replace(credits, "").strip()
    assert result.text.count(BODY) == 26_000


def _sample_txt():
    from importlib import resources
    from pathlib import Path

    from eventdesk.sources import read_corpus

    folder = Path(str(resources.files("eventdesk") / "data" / "sample"))
    return [doc for doc in read_corpus(sorted(folder.glob("*.txt")))]


@pytest.mark.parametrize("doc", _sample_txt(), ids=lambda d: d.id)
def test_a_sample_article_flattened_to_one_line_keeps_its_text(doc):
    normal = clean_text(doc.raw).text
    flat = clean_text(" ".join(doc.raw.split())).text
    assert len(flat) >= 0.9 * len(normal)
    sentences = normal.replace("\n\n", " ").split(". ")
    assert sum(1 for s in sentences if s in flat) >= 0.8 * len(sentences)


@pytest.mark.slow
def test_seed_articles_flattened_to_one_line_keep_their_events(shared_dir):
    """Issue 14: five seed articles as one-line JSON Lines texts kept 0 events in three of them."""
    import json

    from eventdesk.pipeline import run
    from eventdesk.sources import read_corpus

    docs, flat = [], []
    for path in sorted((shared_dir / "corpus" / "seeds" / "articles").glob("*.txt")):
        doc = next(iter(read_corpus([path])))
        published = json.loads((shared_dir / "corpus/seeds/gold" / f"{path.stem}.gold.json").read_text())["published"]
        docs.append(Document(id=path.name, raw=doc.raw, published=published))
        flat.append(Document(id=path.name, raw=" ".join(doc.raw.split()), published=published))

    def events(batch):
        return {(d.id, m.type, m.source.country, m.target.country if m.target else None)
                for d, mentions in run(batch) for m in mentions}

    normal, flattened = events(docs), events(flat)
    assert {key[0] for key in flattened} == {d.id for d in docs}  # every article keeps events
    assert len(normal & flattened) >= 0.85 * len(normal)


def test_a_text_of_furniture_only_is_reported_not_stored_empty():
    from eventdesk.clean import NothingLeft
    from eventdesk.pipeline import run
    from eventdesk.records import Skipped

    raw = "Skip to main content\nSubscribe\nCredit: Reuters\n"
    with pytest.raises(NothingLeft, match="no body text"):
        clean_document(Document(id="a.txt", raw=raw))
    (result, mentions), = list(run([Document(id="a.txt", raw=raw, source="a.txt")]))
    assert isinstance(result, Skipped) and "no body text" in result.reason and mentions == []


@pytest.mark.parametrize("piece, furniture", [
    ("Credit: Reuters " + LATER, "Credit: Reuters"),
    ("Photo: Jane Roe via AP The talks were held in Ankara on Tuesday, officials said.", "Photo: Jane Roe via AP"),
    ("Read also: Elbonia urges Freedonia to pull back troops The talks were held in Ankara on Tuesday, officials said.",
     "Read also: Elbonia urges Freedonia to pull back troops"),
])
def test_on_a_line_without_breaks_only_the_credit_or_the_headline_is_dropped(piece, furniture):
    raw = " ".join([BODY] * 8 + [piece] + [BODY] * 8)
    result = clean_text(raw)
    assert [d.text for d in result.dropped] == [furniture]
    assert result.text == raw.replace(furniture + " ", "")


def test_ingest_names_a_file_of_furniture_only_and_stores_the_others(tmp_path):
    from eventdesk.jobs import ingest
    from eventdesk.store import Store

    (tmp_path / "only.txt").write_text("Skip to main content\nSubscribe\nCredit: Reuters\n")
    (tmp_path / "good.txt").write_text(" date 2023-10-20\nTurkey and Sweden held talks in Ankara last week.\n")
    with Store(tmp_path / "x.db") as store:
        summary = ingest(store, [tmp_path])
        assert summary.new == 1
        assert [(source.endswith("only.txt"), "no body text" in reason) for source, reason in summary.skipped] == [
            (True, True)]


@pytest.mark.parametrize("last, kept", [
    ("Elbonia urges Freedonia to withdraw the remarks, stop the provocations and ta", True),  # a page cut off
    ("Elbonian Minister Offers Condolences After Storm Kills 21 in Freedonia", False),  # a Title Case teaser
    ("Severe countermeasures", False),
])
def test_the_cut_off_last_line_of_a_stored_page_is_body(last, kept):
    result = clean_text(f"{BODY}\n\n{LATER}\n\n{last}")
    assert (result.text == f"{BODY}\n\n{LATER}\n\n{last}") is kept
    assert (result.dropped == ()) is kept


@pytest.mark.parametrize("line", [
    "NATO (North Atlantic Treaty Organization) Secretary General Jens Stoltenberg said on Monday that talks failed.",
    "The European Union (EU) said on Monday it would impose sanctions on the two officials.",
    "Kenya — which hosted the talks — said it would not take sides in the dispute.",
])
def test_a_first_sentence_that_opens_with_a_name_is_no_dateline(line):
    assert clean_text(line).text == line


def test_a_short_text_wrapped_before_a_name_keeps_both_lines():
    raw = (f"Elbonia rejects a call\n\n{BODY}\n"
           "Elbonia rejected a request from Freedonia on Monday to hold a telephone call\n"
           "Defence Minister Jan Novak had proposed, a source said.")
    result = clean_text(raw)
    assert result.title == "Elbonia rejects a call"
    assert result.text == (f"{BODY} Elbonia rejected a request from Freedonia on Monday to hold a telephone call "
                           "Defence Minister Jan Novak had proposed, a source said.")
