"""`eventdesk export` in every format of the WRITERS registry, read back by the tools that use them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.export import WRITERS, safe_cell
from eventdesk.store import Store

runner = CliRunner()


def export(db, *args) -> str:
    result = runner.invoke(app, ["--db", str(db), "export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def count_events(db, **filters) -> int:
    with Store(db, readonly=True) as store:
        return sum(1 for _ in store.events(**filters))


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+2", "'+1+2"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("Israel rejected", "Israel rejected"), (-5.0, -5.0),
    (None, ""), (True, "true"),
])
def test_csv_cells_that_start_like_a_formula_are_neutralised(value, cell):
    assert safe_cell(value) == cell


def test_csv_export_writes_no_formula(hostile_db):
    rows = list(csv.DictReader(io.StringIO(export(hostile_db, "--format", "csv"))))
    assert len(rows) == 1
    assert rows[0]["Attributed To"].startswith("'=cmd")
    for row in rows:
        assert not any(v.startswith(("=", "+", "@")) or (v.startswith("-") and not _number(v)) for v in row.values())


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def test_parquet_is_read_back_by_pyarrow_and_duckdb(sample_db, tmp_path):
    import duckdb
    import pyarrow.parquet as pq
    out = tmp_path / "parquet"
    result = runner.invoke(app, ["--db", str(sample_db), "export", "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    n = count_events(sample_db)
    events = pq.read_table(out / "events.parquet")
    mentions = pq.read_table(out / "mentions.parquet")
    assert events.num_rows == n > 0
    assert str(events.schema.field("date_start").type) == "date32[day]"
    assert str(events.schema.field("goldstein").type) == "double"
    assert str(events.schema.field("n_mentions").type) == "int64"
    assert str(events.schema.field("symmetric").type) == "bool"
    with Store(sample_db, readonly=True) as store:
        assert mentions.num_rows == sum(e["n_mentions"] for e in store.events())
    con = duckdb.connect()
    assert con.execute(f"SELECT COUNT(*) FROM read_parquet('{out / 'events.parquet'}')").fetchone()[0] == n
    joined = con.execute(f"SELECT COUNT(DISTINCT e.id) FROM read_parquet('{out / 'events.parquet'}') e "
                         f"JOIN read_parquet('{out / 'mentions.parquet'}') m ON m.event_id = e.id").fetchone()[0]
    assert joined == n


def test_parquet_needs_a_folder(sample_db):
    result = runner.invoke(app, ["--db", str(sample_db), "export", "--format", "parquet"])
    assert result.exit_code != 0 and "folder" in str(result.exception)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_formats_open_in_networkx(sample_db, tmp_path, fmt):
    import networkx as nx

    out = tmp_path / f"net.{fmt}"
    result = runner.invoke(app, ["--db", str(sample_db), "export", "--format", fmt, "-o", str(out),
                                 "--dyad", "USA CHN"])
    assert result.exit_code == 0, result.output
    graph = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(out)
    events = count_events(sample_db, dyad="USA CHN")
    with Store(sample_db, readonly=True) as store:
        symmetric = sum(1 for e in store.events(dyad="USA CHN") if e["symmetric"])
    assert sum(d["weight"] for _, _, d in graph.edges(data=True)) == events + symmetric  # both ways when mutual
    assert {d["country"] for _, d in graph.nodes(data=True)} == {"USA", "CHN"}
    assert all(d["label"] for _, d in graph.nodes(data=True))


def test_timelinejs_has_one_escaped_slide_per_dated_event(hostile_db, sample_db):
    data = json.loads(export(sample_db, "--format", "timelinejs", "--dyad", "USA CHN"))
    with Store(sample_db, readonly=True) as store:
        dated = [e for e in store.events(dyad="USA CHN") if e["date"]]
    assert [s["unique_id"] for s in data["events"]] == [e["id"] for e in dated]
    first = data["events"][0]
    assert set(first["start_date"]) >= {"year", "month"} and isinstance(first["start_date"]["year"], int)
    assert data["title"]["text"]["headline"]
    hostile = json.loads(export(hostile_db, "--format", "timelinejs"))
    text = json.dumps(hostile)
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text


def test_an_unknown_format_lists_the_choices(sample_db):
    result = runner.invoke(app, ["--db", str(sample_db), "export", "--format", "xlsx"])
    assert result.exit_code != 0
    assert all(name in str(result.exception) for name in WRITERS)
