"""Everyday use of the command (issue 14 items 12-14, issue 9 item 6): status, skipped, --version, -h,
--json, truncation, paging, choices, flags, one error shape, progress, --debug."""

from __future__ import annotations

import json
import sys

import pytest
import typer
from conftest import store_mentions
from typer.testing import CliRunner

from eventdesk import cli
from eventdesk.cli import app
from eventdesk.errors import DataFileError, EventdeskError, NotFoundError, StoreError, UsageError
from eventdesk.records import PLOVER_TYPES
from eventdesk.store import Store

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def busy_db(tmp_path, mention):
    """25 REJECT events of ISR on UKR on 25 days, and one CONSULT reported 30 times."""
    mentions = [mention("a.txt", 1000 * day, "REJECT", "ISR", "UKR", f"2022-10-{day:02d}") for day in range(1, 26)]
    mentions += [mention("a.txt", 100_000 + 100 * k, "CONSULT", "gantz", "reznikov", "2022-04", "month",
                         symmetric=True) for k in range(30)]
    path = store_mentions(tmp_path / "busy.db", "a.txt", mentions, published="2022-10-18", publisher="Haaretz")
    with Store(path) as store:
        store.record_skipped("corpus/broken.txt", "binary file (contains NUL bytes), not text")
        store.record_skipped("corpus/README.md", "ignored: not an article file type '.md'")
    return path


def invoke(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


# -- status, skipped, --version, -h ------------------------------------------------------------------

def test_status_counts_what_the_database_holds(busy_db):
    result = invoke(busy_db, "status", "--json")
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    assert (s["documents"], s["events"], s["mentions"], s["publishers"]) == (1, 26, 55, 1)
    assert (s["first_date"], s["last_date"]) == ("2022-04-01", "2022-10-25")
    assert (s["skipped"], s["ignored"], s["dirty_blocks"]) == (1, 1, 0)
    text = flat(invoke(busy_db, "status").output)
    assert "documents 1 from 1 publisher(s)" in text and "events 26" in text and "to re-link 0 block(s)" in text


def test_skipped_names_every_skipped_and_ignored_input(busy_db):
    out = invoke(busy_db, "skipped").output
    assert "corpus/broken.txt: binary file" in out and "corpus/README.md: ignored:" in out
    assert [r["source"] for r in json.loads(invoke(busy_db, "skipped", "--json").stdout)] == [
        "corpus/README.md", "corpus/broken.txt"]


def test_version_and_short_help():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"eventdesk {version('eventdesk')}"
    for args in ([], ["ingest"], ["events"], ["show"], ["status"]):
        result = runner.invoke(app, [*args, "-h"])
        assert result.exit_code == 0 and "Usage" in result.output, args


HELP = {path: runner.invoke(app, [*path.split(), "--help"]).output
        for path in ("", "ingest", "events", "timeline", "show", "export", "eval", "status", "skipped")}


@pytest.mark.parametrize("command", HELP)
def test_help_shows_flags_without_a_value_and_cites_no_contract(command):
    text = HELP[command]
    assert "CONTRACT" not in text and "§" not in text
    for line in text.splitlines():
        for flag in ("--force", "--json", "--ignore-dates", "--debug", "--version", "--help"):
            if f"{flag} " in line:
                assert "<bool>" not in line, line


def test_a_flag_given_a_value_is_refused_before_anything_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--db", "x.db", "ingest", "--force", "true", "corpus"])
    assert isinstance(result.exception, UsageError) and "take no value" in str(result.exception)
    assert not (tmp_path / "x.db").exists()


# -- listings: --json, truncation, --limit, choices -------------------------------------------------------

def test_events_says_when_it_truncated(busy_db):
    result = invoke(busy_db, "events", "--limit", "10")
    assert result.exit_code == 0
    assert "10 event(s)" in result.stdout
    assert "10 of 26 events shown; use --limit 26" in flat(result.output)
    assert "events shown" not in invoke(busy_db, "events").output  # 26 < 200: nothing left out


def test_timeline_has_a_limit(busy_db):
    result = invoke(busy_db, "timeline", "ISR", "UKR", "--limit", "3")
    assert "3 event(s)" in result.stdout and "3 of 26 events shown" in flat(result.output)


@pytest.mark.parametrize("command", [["events"], ["timeline", "ISR", "UKR"]])
def test_listings_as_json(busy_db, command):
    result = invoke(busy_db, *command, "--json", "--type", "reject", "--limit", "5")
    rows = json.loads(result.stdout)
    assert [r["type"] for r in rows] == ["REJECT"] * 5
    assert [r["date"] for r in rows] == [f"2022-10-0{d}" for d in range(1, 6)]
    assert {"id", "mentions", "source", "target", "status"} <= set(rows[0])


@pytest.mark.parametrize("args, choices", [(["events", "--type", "CONSLUT"], PLOVER_TYPES),
                                           (["timeline", "ISR", "--status", "ocurred"], ("occurred", "negated"))])
def test_a_typo_in_type_or_status_is_refused_with_the_choices(busy_db, args, choices):
    result = invoke(busy_db, *args)
    assert isinstance(result.exception, UsageError)
    assert all(c in str(result.exception) for c in choices)


# -- show: paging, ambiguity, --json ---------------------------------------------------------------------

def _consult_id(db) -> str:
    return json.loads(invoke(db, "events", "--type", "CONSULT", "--json").stdout)[0]["id"]


def test_show_prints_a_page_of_mentions_and_says_how_to_get_the_next(busy_db):
    event = _consult_id(busy_db)
    first = invoke(busy_db, "show", event)
    assert first.exit_code == 0
    assert first.output.count("a.txt [") == 20
    assert "mentions 1-20 of 30; --offset 20 for the next 10" in first.output
    rest = invoke(busy_db, "show", event, "--offset", "20")
    assert rest.output.count("a.txt [") == 10 and "mentions 21-30 of 30" in rest.output
    record = json.loads(invoke(busy_db, "show", event, "--json").stdout)
    assert record["id"] == event and len(record["mentions"]) == 30


def test_an_ambiguous_event_prefix_says_so(busy_db):
    result = invoke(busy_db, "show", "ev_")
    assert isinstance(result.exception, UsageError)
    assert "ambiguous" in str(result.exception) and "26 events" in str(result.exception)
    assert invoke(busy_db, "show", _consult_id(busy_db)[:8]).exit_code == 0


# -- one error shape -------------------------------------------------------------------------------------

@pytest.mark.parametrize("error, code, status", [(EventdeskError, 1, 400), (UsageError, 2, 400),
                                                 (NotFoundError, 1, 404), (DataFileError, 1, 422),
                                                 (StoreError, 1, 503)])
def test_every_error_carries_its_exit_code_and_http_status(error, code, status):
    exc = error("what went wrong")
    assert (exc.exit_code, exc.http_status) == (code, status)
    assert exc.as_dict() == {"error": error.__name__, "message": "what went wrong", "status": status}


@pytest.mark.parametrize("args, code", [(["events", "--type", "nope"], 2), (["show", "ev_nope"], 1)])
def test_the_command_exits_with_the_errors_code(busy_db, monkeypatch, capsys, args, code):
    monkeypatch.setattr(sys, "argv", ["eventdesk", "--db", str(busy_db), *args])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == code
    assert capsys.readouterr().err.startswith("error:")


# -- progress, counts, --debug (these run the pipeline) -----------------------------------------------

CALLS = [f" date 2023-03-15\nUS President Joe Biden met Chinese President Xi Jinping in Beijing on {day}.\n"
         for day in ("Monday", "Tuesday", "Wednesday")]


@pytest.mark.slow
def test_progress_lines_and_the_relinked_count_is_of_events(tmp_path, monkeypatch):
    from eventdesk import jobs

    monkeypatch.setattr(jobs, "RELINK_EVERY", 1)  # one re-linking pass per document: one block, three passes
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i, text in enumerate(CALLS):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--db", str(tmp_path / "x.db"), "ingest", str(corpus), "-j", "1"])
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "x.db") as store:
        events = store.counts()["events"]
    assert events == 3  # three meetings on three days, in one block re-linked three times
    assert f"{events} events re-linked" in flat(result.output)
    assert "ingest: 3 input(s) to read" in result.output  # not a terminal: lines, not a bar
    assert "re-linking the events of 1 block(s)" in result.output


def test_line_progress_gives_count_rate_and_time_left():
    import io

    from eventdesk.terminal import LineProgress

    out = io.StringIO()
    lines = LineProgress(total=4, every=0, out=out)
    lines.advance()
    lines.advance()
    first, second = out.getvalue().splitlines()
    assert first.startswith("ingest: 1/4 inputs (25%), ") and "/s" in first and "left" in first
    assert second.startswith("ingest: 2/4 inputs (50%)")


def test_the_progress_total_counts_files_and_lines(tmp_path):
    from eventdesk.jobs import count_inputs

    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    assert count_inputs([tmp_path]) == 4


@pytest.mark.slow
def test_debug_lets_an_extraction_error_through(tmp_path, monkeypatch):
    from eventdesk import pipeline
    from eventdesk.jobs import ingest

    def broken(*_args):
        raise RuntimeError("a bug in extraction")

    monkeypatch.setattr(pipeline, "extract_document", broken)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(CALLS[0], encoding="utf-8")
    with Store(tmp_path / "x.db") as store:
        summary = ingest(store, [tmp_path / "c"], pipeline.Settings())
        assert "a bug in extraction" in summary.skipped[0][1]
        with pytest.raises(RuntimeError, match="a bug in extraction"):
            ingest(store, [tmp_path / "c"], pipeline.Settings(debug=True), force=True)


def test_debug_is_a_global_option_and_an_environment_variable():
    params = {p.name: p for p in typer.main.get_command(app).params}
    assert "EVENTDESK_DEBUG" == params["debug"].envvar


@pytest.mark.slow
def test_in_a_terminal_progress_is_a_bar_with_the_total_and_the_time_left(tmp_path):
    import io

    from rich.console import Console

    from eventdesk.ingest_view import run_ingest
    from eventdesk.pipeline import Settings

    corpus = tmp_path / "c"
    corpus.mkdir()
    for i, text in enumerate(CALLS):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    screen = io.StringIO()
    with Store(tmp_path / "x.db") as store:
        summary = run_ingest(store, [corpus], Settings(), False, Console(file=io.StringIO()),
                             Console(file=screen, force_terminal=True, width=150))
    assert summary.new == 3
    drawn = screen.getvalue()
    assert "0/3" in drawn and "left" in drawn
    assert "ingest: " not in drawn  # no log lines on a terminal
