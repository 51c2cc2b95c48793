"""The `eventdesk` command, run in process: help texts, ingest, export, eval, and database selection."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
import typer
from typer.testing import CliRunner

from eventdesk import cli
from eventdesk.cli import app
from eventdesk.errors import EventdeskError
from eventdesk.jobs import relink
from eventdesk.records import Document
from eventdesk.sources import content_hash
from eventdesk.store import Store

runner = CliRunner()

BODY_A = " date 2022-10-18\nRussia accused Israel on Monday of planning to supply weapons to Ukraine.\n"
BODY_B = " date 2023-01-22\nTurkey summoned the Swedish ambassador on Saturday over the protest in Stockholm.\n"


def flat(text: str) -> str:
    """Output with rich's line wrapping undone."""
    return " ".join(text.split())


def walk(command, path: str = "eventdesk"):
    """Every (command path, command) of the click tree (typer may vendor its own click: duck-typed)."""
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from walk(sub, f"{path} {name}")


COMMANDS = list(walk(typer.main.get_command(app)))


def test_every_command_is_reachable():
    assert {path for path, _ in COMMANDS} >= {
        "eventdesk", "eventdesk ingest", "eventdesk events", "eventdesk timeline", "eventdesk show",
        "eventdesk export", "eventdesk eval"}


@pytest.mark.parametrize("path, command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_and_option_has_help(path, command):
    assert (command.help or "").strip(), f"{path} has no help text"
    for param in command.params:
        assert (getattr(param, "help", None) or "").strip(), f"{path} {param.name} has no help text"
    args = path.split()[1:] + ["--help"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


# -- ingest -----------------------------------------------------------------------------------------

def test_ingest_reports_a_bad_file_and_stores_the_good_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(BODY_A, encoding="utf-8")
    (corpus / "b.txt").write_text(BODY_B, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")

    first = runner.invoke(app, ["--db", "ed.db", "ingest", "corpus"])
    assert first.exit_code == cli.EXIT_SKIPPED == 3, first.output
    out = flat(first.output)
    assert "new 2" in out and "skipped 1" in out
    assert "corpus/broken.txt: binary file" in out
    with Store(tmp_path / "ed.db") as store:
        assert store.document_hash("a.txt") == content_hash(BODY_A.split("\n", 1)[1], "2022-10-18")
        assert store.document("b.txt")["published"] == "2023-01-22"
        assert store.counts()["documents"] == 2
        assert [source for source, _ in store.skipped()] == ["corpus/broken.txt"]

    again = runner.invoke(app, ["--db", "ed.db", "ingest", "corpus"])
    assert again.exit_code == 3
    assert "new 0, updated 0, unchanged 2" in flat(again.output)

    (corpus / "broken.txt").unlink()
    (corpus / "b.txt").write_text(BODY_B + "Sweden condemned the decision.\n", encoding="utf-8")
    fixed = runner.invoke(app, ["--db", "ed.db", "ingest", "corpus"])
    assert fixed.exit_code == 0, fixed.output
    assert "new 0, updated 1, unchanged 1" in flat(fixed.output)


# -- a database filled without the NLP pipeline ---------------------------------------------------------

@pytest.fixture
def filled_db(tmp_path, mention):
    path = tmp_path / "filled.db"
    text = "Body."
    with Store(path) as store:
        doc = Document(id="a.txt", raw=text, text=text, published="2022-10-18", content_hash=content_hash(text))
        blocks = store.save_document(doc, [
            mention("a.txt", 0, "REJECT", "ISR", "UKR", "2022-10-17", cameo="12", publisher="Haaretz",
                    attributed_to="a source who spoke to Haaretz"),
            mention("a.txt", 100, "CONSULT", "gantz", "reznikov", "2022-04", "month", symmetric=True, cameo="040"),
            mention("a.txt", 200, "THREATEN", "RUS", "ISR", "2022-10-17", status="hypothetical", cameo="130"),
        ])
        relink(store, blocks)
    return path


def test_export_csv_has_icews_style_columns(filled_db):
    result = runner.invoke(app, ["--db", str(filled_db), "export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = result.stdout.splitlines()[0].split(",")
    assert header[:4] == ["Event ID", "Event Date", "Date Precision", "Source Name"]
    assert {"Source Country", "CAMEO Code", "Target Name", "Target Country", "Story ID", "Sentence",
            "Publisher", "Status"} <= set(header)
    assert [(r["PLOVER Type"], r["Event Date"], r["Source Country"], r["Target Country"], r["CAMEO Code"])
            for r in rows] == [("CONSULT", "2022-04", "ISR", "UKR", "040"), ("REJECT", "2022-10-17", "ISR", "UKR", "12")]
    reject = rows[1]
    assert (reject["Story ID"], reject["Publisher"], reject["Attributed To"]) == (
        "a.txt", "Haaretz", "a source who spoke to Haaretz")


def test_export_jsonl_has_the_contract_fields(filled_db, tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["--db", str(filled_db), "export", "--output", str(out), "--status", "all"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(e["type"] for e in events) == ["CONSULT", "REJECT", "THREATEN"]
    for e in events:
        assert {"id", "type", "cameo", "date", "date_precision", "source", "target", "symmetric", "status",
                "confidence", "mentions"} <= set(e)
        assert {"name", "text", "country", "sector", "role"} <= set(e["source"])
        assert {"document", "sentence", "start", "end", "attributed_to", "published"} <= set(e["mentions"][0])


@pytest.mark.parametrize("args, types", [
    (["events"], ["CONSULT", "REJECT"]),
    (["events", "--status", "all"], ["CONSULT", "REJECT", "THREATEN"]),
    (["events", "--dyad", "UKR ISR", "--type", "reject"], ["REJECT"]),
    (["timeline", "ISR", "UKR", "--since", "2022-10-01"], ["REJECT"]),
])
def test_event_listings(filled_db, args, types):
    result = runner.invoke(app, ["--db", str(filled_db), *args])
    assert result.exit_code == 0, result.output
    assert f"{len(types)} event(s)" in result.output
    for t in ("CONSULT", "REJECT", "THREATEN"):
        assert (t in result.output) == (t in types)


def test_eval_scores_the_database(filled_db, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.gold.json").write_text(json.dumps({"article": "a.txt", "published": "2022-10-18", "events": [
        {"type": "REJECT", "source_country": "ISR", "target_country": "UKR", "symmetric": False,
         "date": "2022-10-17", "date_precision": "day"},
        {"type": "ACCUSE", "source_country": "RUS", "target_country": "ISR", "symmetric": False,
         "date": "2022-10-17", "date_precision": "day"}], "traps": []}))
    result = runner.invoke(app, ["--db", str(filled_db), "eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 1, 1)


# -- errors ----------------------------------------------------------------------------------------------

ERRORS = [
    (["eval", "missing-gold"], "missing-gold"),
    (["events", "--since", "yesterday"], "--since"),
    (["events", "--until", "2022-13-45"], "--until"),
    (["show", "ev_"], "ev_"),
    (["events", "--dyad", "ISR"], "--dyad"),
    (["export", "--format", "xml"], "xml"),
    (["show", "ev_nope"], "ev_nope"),
]


@pytest.mark.parametrize("args, named", ERRORS, ids=[a[0] for a, _ in ERRORS])
def test_errors_are_one_line_and_exit_non_zero(tmp_path, monkeypatch, capsys, args, named):
    monkeypatch.chdir(tmp_path)
    Store("ed.db").close()  # an existing, empty database: the error is about the arguments
    result = runner.invoke(app, ["--db", "ed.db", *args])
    assert result.exit_code != 0
    assert isinstance(result.exception, EventdeskError)
    assert named in str(result.exception)

    monkeypatch.setattr(sys, "argv", ["eventdesk", "--db", "ed.db", *args])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code not in (0, None)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and named in lines[0], lines


# -- choosing the database ------------------------------------------------------------------------------

def test_db_option_and_environment_variable(tmp_path, monkeypatch, filled_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTDESK_DB", raising=False)

    by_env = runner.invoke(app, ["events"], env={"EVENTDESK_DB": str(filled_db)})
    assert by_env.exit_code == 0 and "2 event(s)" in by_env.output

    other = tmp_path / "other.db"
    Store(other).close()
    by_option = runner.invoke(app, ["--db", str(other), "events"], env={"EVENTDESK_DB": str(filled_db)})
    assert by_option.exit_code == 0 and "0 event(s)" in by_option.output  # --db wins over the variable

    Store(tmp_path / "eventdesk.db").close()
    default = runner.invoke(app, ["events"])
    assert default.exit_code == 0 and "0 event(s)" in default.output  # ./eventdesk.db by default


def test_reading_a_database_that_does_not_exist_is_an_error_not_a_new_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--db", "typo.db", "events"])
    assert isinstance(result.exception, EventdeskError) and "no database" in str(result.exception)
    assert not (tmp_path / "typo.db").exists()


def test_a_malformed_gold_file_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Store("ed.db").close()
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.gold.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["--db", "ed.db", "eval", "gold"])
    assert isinstance(result.exception, EventdeskError) and "a.gold.json" in str(result.exception)
