"""Read commands open the database read-only: they never write, migrate or create a file."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.errors import StoreError
from eventdesk.store import Store
from eventdesk.store.migrations import MIGRATIONS

runner = CliRunner()


def state(path) -> tuple[str, int, list[str]]:
    """Content, modification time, and the files beside it (a -wal or -journal would show a write)."""
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir()))


@pytest.fixture
def settled_db(sample_db, tmp_path):
    """A copy of the sample database, checkpointed, as a user's file is after ingest has finished."""
    path = tmp_path / "copy.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    sqlite3.connect(path).execute("PRAGMA journal_mode = DELETE").close()
    return path


READS = [["events"], ["events", "--status", "all", "--limit", "3"], ["timeline", "USA", "CHN"],
         ["export", "--format", "csv"], ["export", "--format", "timelinejs"]]


@pytest.mark.parametrize("args", READS, ids=[" ".join(a) for a in READS])
def test_read_commands_change_nothing(settled_db, args):
    before = state(settled_db)
    result = runner.invoke(app, ["--db", str(settled_db), *args])
    assert result.exit_code == 0, result.output
    assert state(settled_db) == before


def test_show_changes_nothing(settled_db):
    with Store(settled_db, readonly=True) as store:
        event_id = next(store.events())["id"]
    before = state(settled_db)
    assert runner.invoke(app, ["--db", str(settled_db), "show", event_id]).exit_code == 0
    assert state(settled_db) == before


def test_a_read_only_file_can_be_queried(settled_db):
    os.chmod(settled_db, 0o444)
    try:
        result = runner.invoke(app, ["--db", str(settled_db), "events", "--limit", "2"])
        assert result.exit_code == 0, result.output
        assert "2 event(s)" in result.output
    finally:
        os.chmod(settled_db, 0o644)


def test_an_empty_file_is_not_turned_into_a_database(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for args in (["events"], ["timeline", "USA"], ["export"], ["serve"]):
        result = runner.invoke(app, ["--db", str(empty), *args])
        assert result.exit_code != 0
        assert "empty" in str(result.exception) and "empty.db" in str(result.exception)
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_a_mistyped_database_path_creates_nothing(tmp_path):
    for args in (["events"], ["show", "ev_1"], ["export"], ["serve"], ["upgrade"]):
        result = runner.invoke(app, ["--db", str(tmp_path / "typo.db"), *args])
        assert result.exit_code != 0 and "no database" in str(result.exception)
    assert list(tmp_path.iterdir()) == []


def test_an_older_database_is_read_after_upgrade_only(settled_db):
    with sqlite3.connect(settled_db) as db:  # as the previous release left it: without the desk's migrations
        db.executescript("DROP VIEW event_list; DROP VIEW mention_list; DROP VIEW document_list;")
        for name in ("events_dyad_date", "events_type_date", "events_source_name", "events_target_name",
                     "events_order", "events_source_country_order", "events_target_country_order",
                     "events_source_name_order", "events_target_name_order", "documents_publisher"):
            db.execute(f"DROP INDEX {name}")
        db.execute("CREATE INDEX events_target ON events(target_country)")
        for column in ("dyad", "goldstein", "quad_class"):
            db.execute(f"ALTER TABLE events DROP COLUMN {column}")
        db.execute("DELETE FROM migrations WHERE name LIKE '%desk%' OR name = '0007_read_indexes'")
    with pytest.raises(StoreError, match="upgrade"):
        Store(settled_db, readonly=True)
    result = runner.invoke(app, ["--db", str(settled_db), "events"])
    assert result.exit_code != 0 and "eventdesk upgrade" in str(result.exception)
    upgraded = runner.invoke(app, ["--db", str(settled_db), "upgrade"])
    assert upgraded.exit_code == 0 and "0003_desk_query_columns" in upgraded.output
    with Store(settled_db, readonly=True) as store:
        assert store.migrations() == sorted(name for name, _ in MIGRATIONS)
        assert next(store.events(dyad="USA CHN"))["id"]
    assert "up to date" in runner.invoke(app, ["--db", str(settled_db), "upgrade"]).output


def test_a_huge_limit_names_the_limit(settled_db):
    result = runner.invoke(app, ["--db", str(settled_db), "events", "--limit", "99999999999999999999"])
    assert result.exit_code != 0
    assert "--limit" in str(result.exception) and "datatype" not in str(result.exception)


def test_read_only_storage_falls_back_to_an_immutable_open(settled_db, monkeypatch):
    """On read-only storage a WAL database cannot make its -shm file and mode=ro fails; the store then
    opens it immutable (root ignores permissions, so the failure is simulated)."""
    sqlite3.connect(settled_db).execute("PRAGMA journal_mode = WAL").close()
    opened = []
    real = Store._connect

    def connect(self, uri):
        opened.append(uri)
        if "immutable" not in uri:
            raise sqlite3.OperationalError("unable to open database file")
        return real(self, uri)

    monkeypatch.setattr(Store, "_connect", connect)
    before = state(settled_db)
    with Store(settled_db, readonly=True) as store:
        assert next(store.events())["id"]
    assert [u.split("?")[1] for u in opened] == ["mode=ro", "mode=ro&immutable=1"]
    assert state(settled_db)[:2] == before[:2]
