"""The Spark job: articles on any path Spark reads -> documents, mentions and events in Parquet.

    list the named files and folders (driver, Hadoop file system)
    -> read: each article file with the .json beside it, by the same readers as `ingest` (executors)
    -> keep what `ingest` keeps: the first document of an id, the first of byte-identical copies
    -> extract: `pipeline.run` over each partition's documents (the model loaded once per worker)
    -> link: mentions keyed by `link.block_key`, each block linked by `link.link_block`
    -> OUTPUT/documents, OUTPUT/mentions, OUTPUT/events, OUTPUT/skipped, OUTPUT/duplicates (Parquet)

Documents get the ids a local `ingest` of the same files and folders gives them, and the decisions
that depend on reading order (which of two records with one id, which of two copies) follow the
order `ingest` reads in (the folders named, then sorted paths, then records within a file), carried
as a sort key, so that partitioning and arrival order change no id. Inside a block, mentions reach
the linker in that order too, as they reach `jobs.relink` from the store.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import EventdeskError
from ..records import Document, Skipped
from ..sources import is_url, read_corpus
from ..sources.files import WITH_SIDECAR
from .tables import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    document_from_json,
    document_json,
    event_json,
    mention_from_json,
    mention_json,
)


class SparkJobError(EventdeskError):
    """The job cannot run as asked (no pyspark, an input Spark cannot list, an output that exists)."""


@dataclass(frozen=True)
class Root:
    """One file or folder named on the command line."""

    index: int  # its place among the inputs: the first key of the reading order
    location: str  # as named, for the documents' `source`
    uri: str  # fully qualified, as Spark names the files under it
    is_dir: bool
    files: tuple[str, ...] = ()  # a named file, and the metadata .json or article beside it


@dataclass
class SparkSummary:
    documents: int = 0
    mentions: int = 0
    events: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored: int = 0
    duplicates: int = 0


def session(master: str | None = None, config: dict[str, str] | None = None):
    """The active SparkSession (spark-submit's), else a new one on `master` (default: Spark's own)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkJobError("the Spark job needs pyspark: pip install 'eventdesk[spark]' (and Java 17)") from None
    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter, with eventdesk
    builder = SparkSession.builder.appName("eventdesk")
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run_spark(spark, locations: Iterable[str], output: str, partitions: int | None = None,
              batch_size: int = 64, overwrite: bool = False) -> SparkSummary:
    """Read, extract and link every article under `locations`; write the tables under `output`."""
    from pyspark import StorageLevel

    keep = StorageLevel.MEMORY_AND_DISK
    roots, missing = _roots(spark, list(locations))
    n = partitions or spark.sparkContext.defaultParallelism
    read = _files(spark, roots).groupByKey(n).flatMap(lambda kv: read_group(roots[kv[0][0]], list(kv[1])))
    read = read.persist(keep)
    kept, duplicate_ids, copies = _keep_first(spark, read.filter(lambda r: r[0] == "document"))
    extracted = kept.repartition(n, "id").rdd.mapPartitions(
        lambda rows: extract_partition(rows, batch_size)).persist(keep)
    linked = (_rows(extracted, "mention").map(lambda row: (row[2], row))  # keyed by block
              .groupByKey(n).mapPartitions(link_partition).persist(keep))
    skipped = (_rows(read, "skipped").union(_rows(extracted, "skipped")).union(duplicate_ids)
               .union(spark.sparkContext.parallelize([(s.source, s.reason, False) for s in missing], 1)))
    _write_tables(spark, output, "overwrite" if overwrite else "errorifexists", extracted, linked, skipped, copies)
    for rdd in (read, extracted, linked):
        rdd.unpersist()
    return _summary(spark, output)


def _rows(rdd, kind: str):
    """The rows of one kind from a stage that yields (kind, row) pairs."""
    return rdd.filter(lambda r: r[0] == kind).map(lambda r: r[1])


def _write_tables(spark, output: str, mode: str, extracted, linked, skipped, copies) -> None:
    """The Parquet tables, each sorted as `eventdesk load` streams them."""
    documents = spark.createDataFrame(_rows(extracted, "document"), _schema(DOCUMENT_COLUMNS + ("order", "document")))
    documents.orderBy("id").write.mode(mode).parquet(f"{output}/documents")
    assigned = spark.createDataFrame(_rows(linked, "assign"), "document string, n int, event_id string")
    mentions = spark.createDataFrame(_rows(extracted, "mention"), _MENTION_SCHEMA)
    (mentions.join(assigned, ["document", "n"], "left").drop("order").orderBy("document", "n")
     .write.mode(mode).parquet(f"{output}/mentions"))
    events = spark.createDataFrame(_rows(linked, "event"), _EVENT_SCHEMA)
    events.orderBy("block", "id").write.mode(mode).parquet(f"{output}/events")
    skipped = spark.createDataFrame(skipped, "source string, reason string, ignored boolean")
    skipped.orderBy("source").write.mode(mode).parquet(f"{output}/skipped")
    copies.write.mode(mode).parquet(f"{output}/duplicates")


def _summary(spark, output: str) -> SparkSummary:
    """Counts read back from what was written."""
    count = {t: spark.read.parquet(f"{output}/{t}").count() for t in ("documents", "mentions", "events", "duplicates")}
    skipped = spark.read.parquet(f"{output}/skipped")
    return SparkSummary(documents=count["documents"], mentions=count["mentions"], events=count["events"],
                        duplicates=count["duplicates"], ignored=skipped.filter("ignored").count(),
                        skipped=[(r.source, r.reason) for r in skipped.filter("NOT ignored").collect()])


def _schema(columns: tuple[str, ...]):
    return ", ".join(f"{c} string" for c in columns)


_MENTION_SCHEMA = ("document string, n int, block string, order string, " + _schema(MENTION_COLUMNS)
                   + ", start int, `end` int, source_country string, target_country string, record string")
_EVENT_SCHEMA = ("id string, block string, " + _schema(EVENT_COLUMNS) + ", source_country string, "
                 "target_country string, n_mentions int, n_documents int, record string, event string")


# -- listing (driver) ---------------------------------------------------------------------------

def _roots(spark, locations: list[str]) -> tuple[list[Root], list[Skipped]]:
    """The named inputs as Spark's file system sees them; those that do not exist, as Skipped."""
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    roots, missing = [], []
    for location in locations:
        if is_url(location):
            raise SparkJobError(f"{location}: the Spark job reads files and folders; fetch web pages with "
                                "'eventdesk ingest', or crawl them to WARC first")
        path = jvm.org.apache.hadoop.fs.Path(location)
        fs = path.getFileSystem(conf)
        if not fs.exists(path):
            missing.append(Skipped(location, "no such file or folder"))
            continue
        uri = fs.makeQualified(path).toString().rstrip("/")
        if ":" not in location.split("/", 1)[0]:
            location = str(Path(location))  # as `ingest` names a path: 'corpus/' and './corpus' are 'corpus'
        if fs.getFileStatus(path).isDirectory():
            roots.append(Root(len(roots), location, uri, True))
            continue
        parent, name = uri.rsplit("/", 1)
        stem = name.rsplit(".", 1)[0] if "." in name else name
        beside = [f"{parent}/{stem}{suffix}" for suffix in (*WITH_SIDECAR, ".json")]
        files = [name] + [b.rsplit("/", 1)[1] for b in beside
                          if b != uri and fs.exists(jvm.org.apache.hadoop.fs.Path(b))]
        roots.append(Root(len(roots), location, parent, False, tuple(files)))
    return roots, missing


def _files(spark, roots: list[Root]):
    """((root, group), (relative path, bytes)) for every file to read; a group is an article file and
    the .json beside it (the same path but for the last suffix), which its reader needs at hand."""
    rdds = []
    for root in roots:
        reader = spark.read.format("binaryFile")
        if root.is_dir:
            frame = reader.option("recursiveFileLookup", "true").load(root.uri)
        else:
            frame = reader.load([f"{root.uri}/{name}" for name in root.files])
        prefix = root.uri + "/"

        def keyed(path, content, index=root.index, prefix=prefix):
            relative = _relative(path, prefix)
            return (index, relative.rsplit(".", 1)[0]), (relative, content)

        # every listed file joins its group with no content too: Spark's scan passes over empty files,
        # and the readers must see them to name them
        listed = spark.sparkContext.parallelize([(_hadoop_name(uri), None) for uri in frame.inputFiles()])
        files = frame.select("path", "content").rdd.map(lambda row: (row.path, bytes(row.content))).union(listed)
        rdds.append(files.map(lambda pc, keyed=keyed: keyed(*pc))
                    .filter(lambda kv: not any(p.startswith(".") for p in kv[1][0].split("/"))))
    if not rdds:
        return spark.sparkContext.parallelize([], 1)
    return spark.sparkContext.union(rdds)


def _hadoop_name(uri: str) -> str:
    """A file as Spark's `path` column names it (Hadoop's Path.toString) from its URI: 'file:///a%20b'
    -> 'file:/a b', 'hdfs://nn:8020/x' unchanged."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(uri)
    path = unquote(parts.path)
    return f"{parts.scheme}://{parts.netloc}{path}" if parts.netloc else f"{parts.scheme}:{path}"


def _relative(path: str, prefix: str) -> str:
    if not path.startswith(prefix):  # Spark names files by URI; a root named another way is a bug to report
        raise SparkJobError(f"Spark listed {path}, which is not under {prefix}")
    return path[len(prefix):]


# -- reading (executors) ----------------------------------------------------------------------------

def read_group(root: Root, files: list[tuple[str, bytes]]) -> Iterator[tuple]:
    """("document", row) and ("skipped", row) for the records of one group of files, read by the
    readers `ingest` uses from a private copy laid out as under the named folder."""
    from ..jobs import named_by_its_source

    contents: dict[str, bytes] = {}
    for relative, data in files:  # each file comes once with its bytes (unless empty) and once listed
        if data is not None or relative not in contents:
            contents[relative] = data or b""
    files = sorted(contents.items())
    with tempfile.TemporaryDirectory(prefix="eventdesk-spark-") as tmp:
        base = Path(tmp) / "root"
        for relative, data in files:
            (base / relative).parent.mkdir(parents=True, exist_ok=True)
            (base / relative).write_bytes(data)
        target = base if root.is_dir else base / root.files[0]
        display = root.location if root.is_dir else str(PurePosixPath(root.location).parent)
        counts: dict[str, int] = {}
        for record in read_corpus([target]):
            source = _display_source(record.source, str(base), display)
            if isinstance(record, Skipped):
                yield "skipped", (source, record.reason, record.ignored)
                continue
            relative = _file_of(record.source, str(base), [r for r, _ in files])
            k = counts[relative] = counts.get(relative, 0) + 1
            doc = _renamed(record, source)
            order = "\x00".join([f"{root.index:06d}", *PurePosixPath(relative).parts, f"{k:010d}"])
            yield "document", (doc.id, order, doc.content_hash, named_by_its_source(doc), doc.source,
                               document_json(doc))


def _display_source(source: str, base: str, display: str) -> str:
    """A source as `ingest` names it: below the location as named, not below the private copy."""
    if not source.startswith(base):
        return source
    rest = source[len(base):].lstrip("/")
    if display in ("", "."):
        return rest
    return f"{display.rstrip('/')}/{rest}" if rest else display


def _file_of(source: str, base: str, relatives: list[str]) -> str:
    """Which file of the group a record came from (its source is the file, `file:line` or `file#n (url)`)."""
    for relative in sorted(relatives, key=len, reverse=True):
        path = f"{base}/{relative}"
        if source == path or source.startswith((path + ":", path + "#")):
            return relative
    return relatives[0]


def _renamed(doc: Document, source: str) -> Document:
    from dataclasses import replace

    return replace(doc, source=source)


# -- which documents to keep (as `ingest` decides, by reading order) ---------------------------------

def _keep_first(spark, documents):
    """(documents to extract, Skipped rows for later records of an id, copies as (source, twin)).

    `ingest` skips a record whose id an earlier record holds, and stores byte-identical copies of a
    file once, under the first name read (`jobs.named_by_its_source`)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    frame = spark.createDataFrame(documents.map(lambda r: r[1]), "id string, order string, content_hash string, "
                                  "copy boolean, source string, document string")
    by_id = Window.partitionBy("id").orderBy("order")
    frame = frame.withColumn("rank", F.row_number().over(by_id)).withColumn("holder", F.first("source").over(by_id))
    _check_distinct_roots(frame)
    duplicate_ids = frame.filter("rank > 1").rdd.map(
        lambda r: (r.source, f"document id {r.id!r} was already read from {r.holder}; "
                             "give the records distinct 'id' fields", False))
    frame = frame.filter("rank = 1").withColumn(
        "text_key", F.when(F.col("copy"), F.col("content_hash")).otherwise(F.concat(F.lit("id:"), F.col("id"))))
    by_text = Window.partitionBy("text_key").orderBy("order")
    frame = frame.withColumn("rank", F.row_number().over(by_text)).withColumn("twin", F.first("id").over(by_text))
    copies = frame.filter("rank > 1").select("source", "twin")
    return frame.filter("rank = 1").select("id", "order", "document"), duplicate_ids, copies


def _check_distinct_roots(frame) -> None:
    """A file whose name an earlier record already holds (the same relative path under two folders
    named, or a JSON record's own id): `ingest` then names the file with its parent folders; the
    Spark job asks for one folder instead of guessing the same names."""
    from pyspark.sql import functions as F

    clash = (frame.filter("rank > 1").filter(F.col("source").endswith(F.col("id")))
             .filter(~F.col("id").contains("://")).select("id", "source", "holder").limit(1).collect())
    if clash:
        row = clash[0]
        raise SparkJobError(f"{row.source} and {row.holder} would both be document {row.id!r}: name the "
                            "folder that holds both, or run the job once per folder")


# -- extraction and linking (executors) ---------------------------------------------------------------

def extract_partition(rows: Iterable, batch_size: int = 64) -> Iterator[tuple]:
    """The partition's documents through `pipeline.run` (one model per worker process): ("document",
    row), ("mention", row) and ("skipped", row)."""
    from ..link import block_key
    from ..pipeline import Settings, run

    order_of: dict[str, str] = {}

    def documents() -> Iterator[Document]:
        for row in rows:
            order_of[row.id] = row.order
            yield document_from_json(row.document)

    for doc, mentions in run(documents(), Settings(batch_size=batch_size)):
        if isinstance(doc, Skipped):
            yield "skipped", (doc.source, doc.reason, False)
            continue
        order = order_of.pop(doc.id)
        yield "document", (*(getattr(doc, c) for c in DOCUMENT_COLUMNS), order, document_json(doc))
        for n, m in enumerate(mentions):
            yield "mention", (doc.id, n, block_key(m), order, *(getattr(m, c) for c in MENTION_COLUMNS),
                              m.start, m.end, m.source.country, m.target.country if m.target else None,
                              mention_json(m))


def link_partition(blocks: Iterable[tuple[str, Iterable]]) -> Iterator[tuple]:
    """Each block's events by `link.link_block`, its mentions in the order `ingest` stores them:
    ("event", row) and ("assign", (document, n, event id))."""
    from ..actors import load_actor_table
    from ..link import link_block
    from ..store.db import event_record

    actors = load_actor_table()
    for block, rows in blocks:
        rows = sorted(rows, key=lambda r: (r[3], r[1]))  # the documents' reading order, then the sentence's
        mentions = [mention_from_json(r[-1]) for r in rows]
        where = {id(m): (r[0], r[1]) for m, r in zip(mentions, rows, strict=True)}
        for event, group in link_block(block, mentions, actors):
            record = event_record(event)
            yield "event", (event.id, block, *(getattr(event, c) for c in EVENT_COLUMNS),
                            event.source.country, event.target.country if event.target else None,
                            record["n_mentions"], record["n_documents"], json.dumps(record, ensure_ascii=False),
                            event_json(event))
            for m in group:
                yield "assign", (*where[id(m)], event.id)
