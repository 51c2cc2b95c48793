"""Hostile input (issue 14): every kind of bad input in one folder, ingested with two parser processes,
ends with each bad input named, the good ones stored and the database sound; nothing reaches the
terminal raw."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import store_mentions
from procs import eventdesk, eventdesk_measured, integrity
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.records import Document
from eventdesk.store import Store

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "hostile.py"
spec = importlib.util.spec_from_file_location("hostile", BENCH)
hostile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hostile)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The hostile corpus (small scale) ingested once by the real command with -j 2."""
    work = tmp_path_factory.mktemp("hostile")
    corpus = work / "corpus"
    expect = hostile.make_corpus(corpus, repeats=4000, huge_mb=3)
    db = work / "h.db"
    run, peak_mb = eventdesk_measured("--db", db, "ingest", corpus, "-j", "2", "--max-chars", "50000",
                                      "--max-bytes", "1000000", workdir=work)
    run.peak_mb = peak_mb
    return corpus, expect, db, run


@pytest.mark.slow
def test_the_run_ends_with_exit_3_and_names_every_input_not_stored(hostile_run):
    corpus, expect, db, run = hostile_run
    assert run.returncode == 3, run.stdout + run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert run.peak_mb < 400  # the largest process of the run: the command or one of its parser processes
    lines = run.stdout.splitlines()
    for name, outcome in expect.items():
        where = str(corpus / name)
        if outcome is None:
            assert not any(where + ":" in line and "skipped" in line for line in lines), name
            continue
        kind, words = ("note", outcome[5:]) if outcome.startswith("note:") else \
            ("ignored", outcome) if name.endswith(".md") else ("skipped", outcome)
        named = [line for line in lines if line.strip().startswith(f"{kind} {where}:")]
        assert named and any(words in line for line in named), (name, kind, words, run.stdout)


@pytest.mark.slow
def test_the_good_inputs_are_stored_and_the_database_is_sound(hostile_run):
    corpus, expect, db, _ = hostile_run
    assert integrity(db) == "ok"
    with Store(db) as store:
        rows = {Path(r["source"]).name: r for r in store.db.execute("SELECT * FROM documents")}
        assert set(rows) == {name for name, outcome in expect.items() if not outcome or outcome.startswith("note:")}
        assert rows["year-one.json"]["published"] is None  # refused by name, kept undated
        assert rows["year-9999.txt"]["published"] is None
        assert len(rows["repeated.txt"]["text"]) <= 50_000  # the character cap
        per_event = store.db.execute("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM mentions "
                                     "WHERE document = ? GROUP BY event_id)", (rows["repeated.txt"]["id"],)).fetchone()[0]
        assert per_event == 20  # the mention cap
        skipped = {source for source, _ in store.skipped()}
    not_stored = {name for name, outcome in expect.items() if outcome and not outcome.startswith("note:")}
    assert {str(corpus / name) for name in not_stored} <= skipped  # `eventdesk skipped` names them too


@pytest.mark.slow
def test_terminal_escapes_in_articles_never_reach_the_terminal(hostile_run):
    _, _, db, _ = hostile_run
    timeline = eventdesk("--db", db, "timeline", "ISR", "--status", "all", timeout=120)
    assert timeline.returncode == 0, timeline.stderr
    assert "Israel" in timeline.stdout
    assert not any(c in timeline.stdout for c in "\x1b\x07"), repr(timeline.stdout)


@pytest.fixture
def escaped_db(tmp_path, mention):
    """A database whose only mention has a sentence, document id and attribution full of control codes."""
    m = mention("a\x1b[2J.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", attributed_to="\x1b]0;title\x07Haaretz")
    m = replace(m, sentence="Israel \x1b]0;pwned\x07rejected\x1b[2J\r\x9b31m Ukraine\u202e.")
    path = store_mentions(tmp_path / "esc.db", "a\x1b[2J.txt", [m], published="2022-10-18")
    with Store(path) as store:
        store.record_skipped("bad\x1b[2J.txt", "binary file\x07")
    return path


@pytest.mark.parametrize("args", [["events"], ["timeline", "ISR"], ["show", "ev_"], ["skipped"], ["status"]])
def test_control_characters_are_stripped_on_output(escaped_db, args):
    result = CliRunner().invoke(app, ["--db", str(escaped_db), *args])
    assert result.exit_code == 0, result.output
    assert not any(c in result.output for c in "\x1b\x07\r\x9b\u202e"), repr(result.output)
    if args[0] in ("timeline", "show"):
        assert "Israel ]0;pwnedrejected[2J 31m Ukraine." in result.output


def test_hostile_json_is_skipped_with_its_reason(tmp_path):
    from eventdesk.records import Skipped
    from eventdesk.sources import read_corpus

    for name, data in [("deep.json", "[" * 100_000 + "]" * 100_000),
                       ("bigint.json", '{"id": ' + "1" * 5000 + ', "text": "x"}'),
                       ("surrogate.json", '{"text": "Russia attacked Ukraine \\ud800"}')]:
        (tmp_path / name).write_text(data, encoding="utf-8")
    reasons = {Path(r.source).name: r.reason for r in read_corpus([tmp_path]) if isinstance(r, Skipped)}
    assert "nested too deeply" in reasons["deep.json"]
    assert "4,300 digits" in reasons["bigint.json"]
    assert "lone surrogate \\ud800 at character 24" in reasons["surrogate.json"]
    assert "'text'" in reasons["surrogate.json"]


def test_a_jsonl_keeps_its_good_lines_around_hostile_ones(tmp_path):
    from eventdesk.records import Skipped
    from eventdesk.sources import read_corpus

    lines = [json.dumps({"id": "a", "text": "Fine."}), "[" * 10_000 + "]" * 10_000, '{"id": "\\ud800", "text": "x"}',
             "x" * 3000, json.dumps({"id": "e", "text": "Also fine."})]
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from eventdesk.limits import Limits

    records = list(read_corpus([tmp_path], limits=Limits(max_bytes=2000)))
    assert [r.id for r in records if not isinstance(r, Skipped)] == ["a", "e"]
    reasons = {r.source.rsplit(":", 1)[1]: r.reason for r in records if isinstance(r, Skipped)}
    assert "line too long" in reasons["2"] and "line too long" in reasons["4"]
    assert "lone surrogate" in reasons["3"]


def test_a_long_txt_is_read_only_up_to_the_cap(tmp_path):
    from eventdesk.limits import Limits
    from eventdesk.pipeline import prepare
    from eventdesk.sources import read_corpus

    (tmp_path / "long.txt").write_text("Żółw szedł. " * 100_000, encoding="utf-8")
    limits = Limits(max_chars=1000)
    (doc,) = read_corpus([tmp_path], limits=limits)
    assert 1000 <= len(doc.raw) <= 4 * 1000 + 4  # only the beginning was read, cut on a whole character
    prepared = prepare(doc, limits)
    assert len(prepared.text) <= 1000 and prepared.notes and "text cut" in prepared.notes[0]


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1799-12-31"])
def test_a_publication_date_out_of_range_is_refused_by_name_and_the_article_kept(published):
    from eventdesk.pipeline import run

    doc = Document(id="d", raw="Russia accused Israel on Monday of planning to supply weapons to Ukraine.",
                   published=published, content_hash="h")
    ((result, mentions),) = list(run([doc]))
    assert isinstance(result, Document) and result.published is None
    assert mentions and all(m.date is None for m in mentions)
    assert any(published in note and "out of range" in note for note in result.notes)


def test_the_mention_cap_counts_per_event_per_document(mention):
    from eventdesk.pipeline import cap_mentions

    same = [mention("d", i * 30, "ASSAULT", "RUS", "UKR", "2022-02-24") for i in range(50)]
    other = [mention("d", 5000, "REJECT", "ISR", "UKR", "2022-02-24")]
    kept, dropped = cap_mentions(same + other, 20)
    assert (len(kept), dropped) == (21, 30)
    assert kept[-1].type == "REJECT"
