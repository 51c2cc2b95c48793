"""Named schema migrations. Each runs once per database, in order, and is recorded.

Never edit a migration that has shipped: add a new one. A migration is SQL, or a function of the
connection (and of a splitter of SQL scripts into statements) when the new columns are computed.
"""

from collections.abc import Callable

from .linking import migrate_0006

MIGRATIONS: list[tuple[str, str | Callable]] = [
    ("0001_initial", """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT, format TEXT, title TEXT, publisher TEXT, url TEXT,
            published TEXT, published_from TEXT, language TEXT,
            content_hash TEXT NOT NULL,
            raw TEXT NOT NULL, text TEXT NOT NULL, dropped TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_hash ON documents(content_hash);
        CREATE INDEX documents_published ON documents(published);

        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence TEXT NOT NULL,
            type TEXT NOT NULL, cameo TEXT NOT NULL, mode TEXT,
            source_key TEXT NOT NULL, target_key TEXT,
            source_country TEXT, target_country TEXT,
            symmetric INTEGER NOT NULL, status TEXT NOT NULL, confidence REAL NOT NULL,
            date TEXT, date_precision TEXT, block TEXT NOT NULL,
            event_id TEXT,
            record TEXT NOT NULL
        );
        CREATE INDEX mentions_document ON mentions(document);
        CREATE INDEX mentions_block ON mentions(block);
        CREATE INDEX mentions_event ON mentions(event_id);

        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL, cameo TEXT NOT NULL, mode TEXT,
            date TEXT, date_precision TEXT, date_start TEXT, date_end TEXT,
            source_key TEXT NOT NULL, target_key TEXT,
            source_name TEXT, target_name TEXT,
            source_country TEXT, target_country TEXT,
            symmetric INTEGER NOT NULL, status TEXT NOT NULL, confidence REAL NOT NULL,
            n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_publishers INTEGER NOT NULL,
            block TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_date ON events(date_start, date_end);
        CREATE INDEX events_dyad ON events(source_country, target_country);
        CREATE INDEX events_target ON events(target_country);
        CREATE INDEX events_status ON events(status);
        CREATE INDEX events_block ON events(block);

        CREATE TABLE skipped (
            source TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
    """),
    ("0002_dirty_blocks", """
        -- blocks whose mentions changed and whose events are not yet re-linked: written in the same
        -- transaction as the mentions, so an interrupted ingest is repaired by the next one
        CREATE TABLE dirty_blocks (block TEXT PRIMARY KEY);
        INSERT OR IGNORE INTO dirty_blocks SELECT DISTINCT block FROM mentions WHERE event_id IS NULL;
    """),
    ("0003_desk_query_columns", """
        -- what the desk's queries filter and aggregate on, read from the record once, indexed:
        -- the dyad in either direction, the Goldstein score and the quad class
        ALTER TABLE events ADD COLUMN dyad TEXT GENERATED ALWAYS AS (
            CASE WHEN source_country <= target_country THEN source_country || ' ' || target_country
                 ELSE target_country || ' ' || source_country END) VIRTUAL;
        ALTER TABLE events ADD COLUMN goldstein REAL GENERATED ALWAYS AS (json_extract(record, '$.goldstein')) VIRTUAL;
        ALTER TABLE events ADD COLUMN quad_class INTEGER
            GENERATED ALWAYS AS (json_extract(record, '$.quad_class')) VIRTUAL;
        -- pages of a dyad, and its trend and network, from the index alone
        CREATE INDEX events_dyad_date ON events(dyad, date_start, type, id, status, date_end, date_precision,
                                                 symmetric, source_country, quad_class, goldstein, source_key,
                                                 target_key);
        -- pages of one type over a period
        CREATE INDEX events_type_date ON events(type, date_start, id, status, date_end);
        CREATE INDEX events_date_order ON events(date_start, type, id);
        -- actor search reads names and countries from these alone
        CREATE INDEX events_source_name ON events(source_name, source_country);
        CREATE INDEX events_target_name ON events(target_name, target_country);
    """),
    ("0004_desk_readable_views", """
        -- readable tables for datasette and SQL users: the JSON records spelled out as columns
        CREATE VIEW event_list AS
            SELECT id, date, date_precision, type, cameo, json_extract(record, '$.mode') AS mode,
                   source_name, source_country, json_extract(record, '$.source.sector') AS source_sector,
                   target_name, target_country, json_extract(record, '$.target.sector') AS target_sector,
                   symmetric, status, confidence, goldstein, quad_class, n_mentions, n_documents,
                   n_publishers, json_extract(record, '$.object') AS object,
                   json_extract(record, '$.mentions[0].sentence') AS first_sentence
            FROM events;
        CREATE VIEW mention_list AS
            SELECT m.id, m.event_id, m.document, d.publisher, d.published, m.start, m."end", m.sentence,
                   m.type, m.cameo, m.source_country, m.target_country, m.status, m.confidence,
                   m.date, m.date_precision, json_extract(m.record, '$.attributed_to') AS attributed_to,
                   json_extract(m.record, '$.trigger') AS trigger
            FROM mentions m LEFT JOIN documents d ON d.id = m.document;
        CREATE VIEW document_list AS
            SELECT id, title, publisher, url, published, language, source, format, length(text) AS characters,
                   json_array_length(dropped) AS dropped_blocks, ingested_at
            FROM documents;
    """),
    ("0005_sources_pages_alerts", """
        -- the encoding a file was read in, when not UTF-8
        ALTER TABLE documents ADD COLUMN encoding TEXT;

        -- every URL fetched: the validators for a conditional GET, and the raw body, so that an
        -- upgrade can re-extract without fetching again
        CREATE TABLE pages (
            url TEXT PRIMARY KEY,
            final_url TEXT, canonical_url TEXT, document TEXT,
            status INTEGER, content_type TEXT, etag TEXT, last_modified TEXT,
            body_hash TEXT, body BLOB, fetched_at TEXT NOT NULL
        );
        CREATE INDEX pages_document ON pages(document);

        -- the named sources `eventdesk watch` polls, with the outcome of the last poll
        CREATE TABLE sources (
            name TEXT PRIMARY KEY, location TEXT NOT NULL, kind TEXT NOT NULL, added_at TEXT NOT NULL,
            last_polled TEXT, last_ok TEXT, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0,
            documents INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE alerts (name TEXT PRIMARY KEY, spec TEXT NOT NULL, added_at TEXT NOT NULL);
        -- one row per alert, event and version: 'baseline' (matched when the alert was added),
        -- 'sent', or 'pending' (a webhook that failed, retried on the next run)
        CREATE TABLE alert_deliveries (
            alert TEXT NOT NULL REFERENCES alerts(name) ON DELETE CASCADE,
            event TEXT NOT NULL, version TEXT NOT NULL, state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, payload TEXT, last_error TEXT, at TEXT NOT NULL,
            PRIMARY KEY (alert, event, version)
        );
    """),
    ("0006_mentions_by_event", migrate_0006),
    ("0007_read_indexes", """
        -- every listing walks one of these in (date_start, type, id) order and stops at its limit:
        -- an actor filter is one walk per side and per matching name, merged (store.db._event_rows).
        -- status and date_end ride along, so the filters are checked before a row is read, and the
        -- other actor columns, so an actor's events are counted from the indexes alone
        CREATE INDEX events_order ON events(date_start, type, id, status, date_end);
        CREATE INDEX events_source_country_order ON events(source_country, date_start, type, id, status, date_end);
        CREATE INDEX events_target_country_order ON events(target_country, date_start, type, id, status, date_end,
                                                           source_country);
        CREATE INDEX events_source_name_order ON events(source_name, date_start, type, id, status, date_end,
                                                        source_country, target_country);
        CREATE INDEX events_target_name_order ON events(target_name, date_start, type, id, status, date_end,
                                                        source_country, target_country, source_name);
        -- `status` counts publishers from an index, not by reading every document
        CREATE INDEX documents_publisher ON documents(publisher);
        -- their leading columns are the ones above
        DROP INDEX IF EXISTS events_date_order;
        DROP INDEX IF EXISTS events_target;
    """),
]
