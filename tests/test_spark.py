"""The Spark job gives exactly what a local ingest gives: the same documents, events, ids and mentions,
whatever the partitioning and the order of the inputs; `eventdesk load` brings its tables into a
database whose export is the local one's. One local[2] SparkSession serves the module."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_sources_files import write_warc
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.jobs import ingest
from eventdesk.spark.job import SparkJobError, run_spark, session
from eventdesk.spark.load import load
from eventdesk.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "eventdesk" / "data" / "sample"


@pytest.fixture(scope="module")
def spark():
    spark = session("local[2]", {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "4"})
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def snapshot(db: Path) -> dict:
    """What must be identical: the export of every event, each mention with its event, the documents
    with their cleaned text, and the inputs skipped."""
    with Store(db, readonly=True) as store:
        events = [json.dumps(e, sort_keys=True) for e in store.events(all_statuses=True)]
    con = sqlite3.connect(db)
    try:
        mentions = sorted(con.execute("SELECT document, start, \"end\", block, event_id, record FROM mentions"))
        documents = sorted(con.execute("SELECT id, source, format, title, publisher, url, published, language, "
                                       "content_hash, text, dropped FROM documents"))
        skipped = sorted(con.execute("SELECT source, reason FROM skipped"))
    finally:
        con.close()
    return {"events": events, "mentions": mentions, "documents": documents, "skipped": skipped}


def local(tmp_path: Path, inputs: list, name: str = "local.db") -> dict:
    with Store(tmp_path / name) as store:
        ingest(store, inputs)
    return snapshot(tmp_path / name)


def on_spark(spark, tmp_path: Path, inputs: list, name: str = "spark", **options) -> dict:
    run_spark(spark, [str(p) for p in inputs], str(tmp_path / name), **options)
    with Store(tmp_path / f"{name}.db") as store:
        load(store, tmp_path / name)
    return snapshot(tmp_path / f"{name}.db")


def assert_identical(spark_result: dict, local_result: dict) -> None:
    assert local_result["events"], "the corpus must give events for the comparison to mean anything"
    for table in ("documents", "skipped", "mentions", "events"):
        assert spark_result[table] == local_result[table], table


@pytest.fixture(scope="module")
def sample_run(spark, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample")
    return tmp, on_spark(spark, tmp, [SAMPLE], partitions=3)


def test_the_bundled_sample_gives_what_the_ingest_command_gives(sample_run, tmp_path):
    tmp, result = sample_run
    out = CliRunner().invoke(app, ["--db", str(tmp_path / "cli.db"), "ingest", str(SAMPLE)])  # two processes
    assert out.exit_code == 0, out.output
    assert_identical(result, snapshot(tmp_path / "cli.db"))
    assert len(result["events"]) > 30 and not any(m[4] is None for m in result["mentions"])


def test_partitioning_and_input_order_change_no_id(spark, sample_run, tmp_path):
    _, by_folder = sample_run
    files = sorted(p for p in SAMPLE.iterdir() if p.suffix != ".md")
    random.Random(7).shuffle(files)  # each file named on its own, in another order
    one = on_spark(spark, tmp_path, files, name="one", partitions=1)
    many = on_spark(spark, tmp_path, files[::-1], name="many", partitions=5)
    assert one == many
    assert one["events"] == by_folder["events"] and one["mentions"] == by_folder["mentions"]


def test_seeds_give_what_a_local_ingest_gives(spark, shared_dir, tmp_path):
    corpus = shared_dir / "corpus" / "seeds" / "articles"
    assert_identical(on_spark(spark, tmp_path, [corpus]), local(tmp_path, [corpus]))


def test_realnews_gives_what_a_local_ingest_gives(spark, shared_dir, tmp_path):
    corpus = shared_dir / "corpus" / "realnews" / "corpus.jsonl"
    assert_identical(on_spark(spark, tmp_path, [corpus], partitions=4), local(tmp_path, [corpus]))


def _mixed_corpus(root: Path) -> Path:
    """WARC, JSON Lines with a repeated id, a copy in a subfolder, metadata beside an article, files
    that are not articles and files that cannot be read: every decision that depends on reading order."""
    corpus = root / "corpus"
    (corpus / "2023" / "copies").mkdir(parents=True)
    shutil.copy(SAMPLE / "01_us-china-call.txt", corpus / "2023" / "a.txt")
    shutil.copy(SAMPLE / "01_us-china-call.txt", corpus / "2023" / "copies" / "a-again.txt")  # stored once
    shutil.copy(SAMPLE / "03_nordic-nato-bids.txt", corpus / "2023" / "b.txt")
    (corpus / "2023" / "b.json").write_text(json.dumps({"publisher": "Nordic Wire", "published": "2022-05-19"}))
    lines = (SAMPLE / "11_middle-east-briefs.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    lines.append(json.dumps({**first, "text": first["text"] + " Later edition."}))  # the same id again
    (corpus / "briefs.jsonl").write_text("\n".join(lines) + "\n{not json\n", encoding="utf-8")
    html = (SAMPLE / "07_saudi-iran-deal.html").read_bytes()
    write_warc(corpus / "crawl.warc.gz", [("https://news.test/saudi-iran", html)])
    (corpus / "empty.txt").write_text("")
    (corpus / "notes.md").write_text("not an article")
    (corpus / ".hidden.txt").write_text("passed over")
    return corpus


def test_a_mixed_corpus_gives_the_same_documents_skips_and_events(spark, tmp_path):
    corpus = _mixed_corpus(tmp_path)
    result = on_spark(spark, tmp_path, [f"{corpus}/"], partitions=2)  # named as a path, sources as ingest's
    expected = local(tmp_path, [corpus])
    assert_identical(result, expected)
    ids = [d[0] for d in result["documents"]]
    assert "https://news.test/saudi-iran" in ids and "2023/a.txt" in ids and "2023/copies/a-again.txt" not in ids
    assert any("already read" in reason for _, reason in result["skipped"])
    duplicates = [row for row in _parquet_rows(tmp_path / "spark" / "duplicates")]
    assert [(Path(r["source"]).name, r["twin"]) for r in duplicates] == [("a-again.txt", "2023/a.txt")]


def _parquet_rows(folder: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return [row for part in sorted(folder.glob("part-*.parquet")) for row in pq.read_table(part).to_pylist()]


def test_load_into_a_database_that_holds_documents_relinks_with_them(sample_run, shared_dir, tmp_path):
    tmp, _ = sample_run
    seeds = shared_dir / "corpus" / "seeds" / "articles"
    with Store(tmp_path / "both.db") as store:
        ingest(store, [seeds])
        summary = load(store, tmp / "spark")
    assert summary.relinked and summary.documents == 12
    expected = local(tmp_path, [seeds, SAMPLE], name="local-both.db")
    assert snapshot(tmp_path / "both.db")["events"] == expected["events"]


def test_load_refuses_a_folder_that_is_not_the_jobs_output(tmp_path):
    from eventdesk.spark.load import LoadError

    with Store(tmp_path / "x.db") as store, pytest.raises(LoadError, match="no 'documents' table"):
        load(store, tmp_path)


def test_two_files_that_would_give_one_id_are_refused_by_name(spark, tmp_path):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        shutil.copy(SAMPLE / ("01_us-china-call.txt" if name == "x" else "08_zelensky-london.txt"),
                    tmp_path / name / "a.txt")
    with pytest.raises(SparkJobError, match="would both be document 'a.txt'"):
        run_spark(spark, [str(tmp_path / "x"), str(tmp_path / "y")], str(tmp_path / "out"))


def test_spark_submit_in_local_mode_runs_the_job(tmp_path):
    """The README's cluster command, on a master of two local threads: spark-submit runs
    eventdesk/spark/submit.py, whose tables load into what a local ingest gives."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("01_us-china-call.txt", "06_japan-korea-summit.json"):
        shutil.copy(SAMPLE / name, corpus / name)
    submit = Path(sys.executable).parent / "spark-submit"
    assert submit.exists(), "pyspark installs spark-submit beside the interpreter"
    import pyspark

    from eventdesk.spark import submit as driver

    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable,
           "SPARK_HOME": os.path.dirname(pyspark.__file__)}  # pip's pyspark is a whole Spark
    done = subprocess.run([str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                           driver.__file__, str(corpus), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "2 documents" in done.stdout
    with Store(tmp_path / "submitted.db") as store:
        load(store, tmp_path / "out")
    assert_identical(snapshot(tmp_path / "submitted.db"), local(tmp_path, [corpus]))


def test_the_load_command_prints_what_it_stored_and_the_cli_reads_it(sample_run, tmp_path):
    tmp, result = sample_run
    db = str(tmp_path / "cli-load.db")
    out = CliRunner().invoke(app, ["--db", db, "load", str(tmp / "spark")])
    assert out.exit_code == 0, out.output
    assert "loaded 12 documents" in out.output and f"{len(result['events'])} events as the job linked them" in out.output
    shown = CliRunner().invoke(app, ["--db", db, "timeline", "USA", "CHN"])
    assert shown.exit_code == 0, shown.output
    assert int(shown.output.strip().splitlines()[-1].split()[0]) > 0  # 'N event(s)' between the US and China
