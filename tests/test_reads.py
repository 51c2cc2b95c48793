"""Reads at scale (issue 13 item 3), pinned on a small database: pages give every event once and in
order, the actor filter finds what the substring rule finds through indexes, listings stream the
same text and JSON they printed whole, --limit and --after page, every listing and count follows an
index (EXPLAIN QUERY PLAN), `show PREFIX` is a range of the primary key, exports stream."""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pytest
from conftest import ACTORS, store_mentions
from rich.console import Console
from typer.testing import CliRunner

from eventdesk import cli, export
from eventdesk.cli import app
from eventdesk.codebook import load_codebook
from eventdesk.dates import interval
from eventdesk.query import EventQuery, QueryError
from eventdesk.store import Store
from eventdesk.store import db as store_db

runner = CliRunner()
TYPES = ["CONSULT", "REJECT", "THREATEN", "ACCUSE", "REQUEST", "PROTEST", "SANCTION", "AGREE", "ASSAULT"]
KEYS = list(ACTORS)


@pytest.fixture(scope="module")
def many(tmp_path_factory, mention) -> Path:
    """About 90 mentions: every actor on both sides, dates to the day, month and year with many ties on
    the first day of their interval, undated ones, and statuses left out by default."""
    rng = random.Random(13)
    mentions = []
    for i in range(90):
        source, target = rng.sample(KEYS, 2)
        kind = "none" if i % 6 == 0 else "month" if i % 7 == 0 else "year" if i % 11 == 0 else "day"
        date = {"none": None, "month": f"2022-{1 + i % 3:02d}", "year": "2021",
                "day": f"2022-{1 + i % 3:02d}-{1 + i % 2:02d}"}[kind]
        status = "hypothetical" if i % 9 == 0 else "planned" if i % 13 == 0 else "occurred"
        mentions.append(mention("a.txt", 1000 * i, rng.choice(TYPES), source, target, date,
                                kind if date else None, status=status))
    return store_mentions(tmp_path_factory.mktemp("reads") / "many.db", "a.txt", mentions, published="2022-10-18")


@pytest.fixture
def store(many):
    with Store(many, readonly=True) as opened:
        yield opened


def order_key(event: dict) -> tuple:
    """The listing order, computed from the record: dated by (first day, type, id), undated last."""
    span = interval(event["date"], event["date_precision"]) if event.get("date") else None
    return (span is None, span[0].isoformat() if span else "", event["type"], event["id"])


QUERIES = [{}, {"all_statuses": True}, {"actor": "ISR"}, {"actor": "gantz"}, {"actor": "an"},
           {"dyad": ("ISR", "UKR")}, {"type": "REJECT"}, {"since": "2022-02-01"}, {"until": "2022-01-31"},
           {"actor": "ukr", "type": "CONSULT", "all_statuses": True}, {"status": "hypothetical"}]


# -- order, pages, counts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("filters", QUERIES)
def test_a_listing_is_in_date_order_undated_last(store, filters):
    events = list(store.events(EventQuery(**filters)))
    assert events, filters
    assert [e["id"] for e in events] == [e["id"] for e in sorted(events, key=order_key)]


@pytest.mark.parametrize("size", [1, 4, 7])
@pytest.mark.parametrize("filters", QUERIES)
def test_pages_give_every_event_once_in_order(store, filters, size):
    whole = [e["id"] for e in store.events(EventQuery(**filters))]
    paged, query = [], EventQuery(limit=size, **filters)
    while True:
        page, after = store.events_page(query)
        assert len(page) <= size
        paged += [e["id"] for e in page]
        if after is None:
            break
        query = query.after(after)
    assert paged == whole


@pytest.mark.parametrize("filters", QUERIES)
def test_the_count_is_the_number_listed(store, filters):
    assert store.count_matching(EventQuery(**filters)) == len(list(store.events(EventQuery(**filters))))


@pytest.mark.parametrize("text", ["ISR", "isr", "Gantz", "an", "e", "MEDVEDEV", "zz", "Benny G", "o_", "%"])
def test_the_actor_filter_is_the_substring_rule(store, text, monkeypatch):
    """A country code on either side, or any part of a name on either side (ASCII case folded), as the
    LIKE '%text%' it replaces; also when so many names match that one walk tests them all."""
    everything = list(store.events(all_statuses=True))

    def matches(e: dict) -> bool:
        sides = [s for s in (e["source"], e["target"]) if s]
        return any(s["country"] == text.upper() or text.lower() in s["name"].lower() for s in sides)

    expected = [e["id"] for e in everything if matches(e)]
    assert [e["id"] for e in store.events(actor=text, all_statuses=True)] == expected
    assert store.count_matching(actor=text, all_statuses=True) == len(expected)
    monkeypatch.setattr(store_db, "MAX_NAME_WALKS", 0)
    assert [e["id"] for e in store.events(actor=text, all_statuses=True)] == expected


# -- the plans: every listing and count follows an index ---------------------------------------------------

def plans(store: Store, action) -> list[tuple[str, list[str]]]:
    """(SQL, EXPLAIN QUERY PLAN lines) of every statement on the events table that `action` runs."""
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    try:
        action()
    finally:
        store.db.set_trace_callback(None)
    return [(sql, [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql)])
            for sql in statements if "FROM events" in sql and not sql.startswith("WITH RECURSIVE")]


PLANNED = [{}, {"status": "all"}, {"type": "CONSULT", "since": "2022-01-01"}, {"since": "2022-02-01"},
           {"until": "2022-01-31"}, {"dyad": "ISR UKR"}, {"actor": "ISR"}, {"actor": "Gantz"},
           {"actor": "ISR", "type": "REJECT", "since": "2022-01-01"}]


@pytest.mark.parametrize("filters", PLANNED)
def test_a_page_walks_an_index_in_order(store, filters):
    for cursor in (None, "after"):
        query = EventQuery(limit=3, **filters)
        if cursor:
            query = query.after(store.events_page(query)[1])
        found = plans(store, lambda q=query: store.events_page(q))
        assert found
        for sql, plan in found:
            assert any(re.search(r"USING (COVERING )?INDEX events_\w+", line) for line in plan), (sql, plan)
            assert not any("TEMP B-TREE" in line or line.startswith("SCAN events") for line in plan), (sql, plan)


@pytest.mark.parametrize("filters", PLANNED)
def test_a_count_reads_indexes_alone(store, filters):
    found = plans(store, lambda: store.count_matching(EventQuery(**filters)))
    assert found
    for sql, plan in found:
        searches = [line for line in plan if "events" in line]
        assert searches and all("USING" in line and "INDEX" in line for line in searches), (sql, plan)
        if "dyad" not in filters:  # (SQLite 3.40 reads a generated column from its row, not its index)
            assert all("COVERING INDEX" in line for line in searches), (sql, plan)


def test_status_reads_no_table_through(store):
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    status = store.status()
    store.db.set_trace_callback(None)
    events = list(store.events(all_statuses=True))
    spans = [interval(e["date"], e["date_precision"]) for e in events if e["date"]]
    assert (status["first_date"], status["last_date"]) == (min(s[0] for s in spans).isoformat(),
                                                          max(s[1] for s in spans).isoformat())
    for sql in statements:
        plan = [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql)]
        assert not any(re.fullmatch(r"SCAN (events|documents|mentions)", line) for line in plan), (sql, plan)


def test_show_by_prefix_is_a_range_of_the_primary_key(store):
    def ambiguous():
        with pytest.raises(Exception, match="ambiguous"):
            store.event("ev")

    ranged = [plan for sql, plan in plans(store, ambiguous) if "id >=" in sql]
    assert len(ranged) == 2  # the first ids, then how many there are
    assert all(any("sqlite_autoindex_events_1 (id>? AND id<?)" in line for line in plan) for plan in ranged)


def test_a_prefix_finds_its_event_and_names_an_ambiguous_one(store):
    ids = sorted(e["id"] for e in store.events(all_statuses=True))
    unique = next(i[:n] for i in ids for n in range(4, len(i)) if sum(j.startswith(i[:n]) for j in ids) == 1)
    assert store.event(unique)["id"].startswith(unique)
    shared = next(i[:n] for i in ids for n in range(3, len(i)) if sum(j.startswith(i[:n]) for j in ids) > 1)
    with pytest.raises(Exception, match=f"{sum(j.startswith(shared) for j in ids)} events start with it"):
        store.event(shared)
    assert store.event(ids[-1] + "0") is None


@pytest.mark.parametrize("prefix", ["ev_1", "ev_f", "a", "z", "~", "é", "\ud7ff", "\U0010ffff",
                                    "x\U0010ffff", "\U0010ffff\U0010ffff"])
def test_the_end_of_a_prefix_range_comes_after_every_string_that_starts_with_it(prefix):
    rng = random.Random(prefix)
    end = store_db._next_prefix(prefix)
    alphabet = ["0", "9", "a", "f", "z", "~", "é", "\ud7ff", "\ue000", "\U0010ffff", "\x7f", "\x00"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(5)))
        for candidate in (text, prefix + text, prefix[:-1] + text):
            inside = prefix <= candidate and (end is None or candidate < end)
            assert candidate.startswith(prefix) == inside, (prefix, candidate)


# -- the command: streamed text and JSON, --limit, --after, the terminal default ---------------------------

def invoke(db, *args):
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("command", [["events"], ["events", "--actor", "an"], ["timeline", "ISR"],
                                     ["timeline", "ISR", "UKR", "--status", "all"]])
def test_text_streamed_to_a_pipe_is_what_the_terminal_shows(many, command, monkeypatch):
    piped = invoke(many, *command, "--limit", "1000").stdout
    screen = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=screen, force_terminal=True, color_system=None, soft_wrap=True))
    invoke(many, *command, "--limit", "1000")
    assert screen.getvalue() == piped
    shown = piped.count(" report(s) in ")
    assert shown and piped.endswith(f"\n{shown} event(s)\n")


@pytest.mark.parametrize("args", [[], ["--limit", "5"], ["--actor", "zzz"], ["--status", "all", "--limit", "1"]])
def test_json_streamed_is_the_json_of_the_whole_list(many, args):
    out = invoke(many, "events", "--json", *args).stdout
    with Store(many, readonly=True) as store:
        limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
        status = args[args.index("--status") + 1] if "--status" in args else None
        actor = args[args.index("--actor") + 1] if "--actor" in args else None
        rows = list(store.events(EventQuery(limit=limit, status=status, actor=actor)))
    assert out == json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def test_limit_and_after_page_through_a_timeline(many):
    whole = [e["id"] for e in json.loads(invoke(many, "timeline", "ISR", "--json").stdout)]
    assert len(whole) > 6
    seen, args = [], []
    while True:
        result = invoke(many, "timeline", "ISR", "--json", "--limit", "4", *args)
        page = [e["id"] for e in json.loads(result.stdout)]
        assert 1 <= len(page) <= 4
        seen += page
        found = re.search(r"--after (\S+)", result.stderr)
        if not found:
            break
        assert f"{len(whole):,} " in result.stderr
        args = ["--after", found.group(1)]
    assert seen == whole


def test_a_bad_cursor_names_the_option(many):
    result = runner.invoke(app, ["--db", str(many), "events", "--after", "not-a-cursor"])
    assert isinstance(result.exception, QueryError) and str(result.exception).startswith("--after: ")


def test_a_terminal_shows_a_page_and_a_pipe_everything(many, monkeypatch):
    total = len(invoke(many, "events").stdout.splitlines()) - 1
    monkeypatch.setattr(cli, "TERMINAL_LIMIT", 5)
    assert len(invoke(many, "events").stdout.splitlines()) - 1 == total > 5  # a pipe: all, no note
    screen = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=screen, force_terminal=True, color_system=None, soft_wrap=True))
    result = invoke(many, "events")
    assert len(screen.getvalue().splitlines()) == 6 and screen.getvalue().endswith("\n5 event(s)\n")
    assert f"5 of {total} events shown" in result.stderr and "--after " in result.stderr


# -- exports stream ----------------------------------------------------------------------------------------

def test_jsonl_writes_the_stored_records_as_the_records_encode(many):
    lines = invoke(many, "export", "--status", "all").stdout.splitlines()
    with Store(many, readonly=True) as store:
        assert lines == [json.dumps(e, ensure_ascii=False) for e in store.events(all_statuses=True)]


def test_parquet_is_written_a_batch_at_a_time_with_the_same_rows(many, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    invoke(many, "export", "--format", "parquet", "-o", str(tmp_path / "one"))
    monkeypatch.setattr(export, "PARQUET_BATCH", 4)
    invoke(many, "export", "--format", "parquet", "-o", str(tmp_path / "batches"))
    for name in ("events.parquet", "mentions.parquet"):
        one, batches = pq.ParquetFile(tmp_path / "one" / name), pq.ParquetFile(tmp_path / "batches" / name)
        assert batches.metadata.num_row_groups > 1
        assert batches.read().to_pylist() == one.read().to_pylist()


@pytest.mark.parametrize("args", [[], ["--actor", "zzz"], ["--type", "REJECT"]])
def test_timelinejs_spooled_is_the_json_of_the_whole_document(many, args):
    out = invoke(many, "export", "--format", "timelinejs", *args).stdout
    options = {"cameo_names": {c: v.name for c, v in load_codebook().cameo.items()}}
    with Store(many, readonly=True) as store:
        events = list(store.events(EventQuery(actor=args[1] if "--actor" in args else None,
                                              type=args[1] if "--type" in args else None)))
    slides = [s for s in (export.timeline_slide(e, options) for e in events) if s]
    assert len(slides) < len(events) or "--actor" in args  # undated events have no slide
    whole = {"title": {"text": {"headline": "eventdesk events", "text": f"<p>{len(slides)} dated events</p>"}},
             "events": slides}
    assert out == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
