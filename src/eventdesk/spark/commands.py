"""`eventdesk spark` (the job, on a Spark master or under spark-submit) and `eventdesk load`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..store import Store

EXIT_SKIPPED = 3  # as `ingest`: finished, but some inputs were skipped


def register(app: typer.Typer, store_for_writing: Callable[[], Store]) -> None:
    """Add `spark` and `load` to the `eventdesk` command."""
    app.command(name="spark")(spark_command)

    @app.command(name="load")
    def load_command(
        folder: Annotated[Path, typer.Argument(help="The --output folder of 'eventdesk spark' (Parquet tables).")],
    ) -> None:
        """Bring the Parquet tables of 'eventdesk spark' into the database (--db), for the CLI and serve."""
        from .load import load

        with store_for_writing() as store:
            summary = load(store, folder)
        how = "re-linked with the documents already there" if summary.relinked else "as the job linked them"
        typer.echo(f"loaded {summary.documents} documents, {summary.mentions} event mentions, "
                   f"{summary.skipped} skipped input(s); {summary.events} events {how}")


def spark_command(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders of .txt, .html, .json, .jsonl, .warc(.gz) "
                                                "articles, on any path Spark reads (file:, hdfs:, s3a:, ...).")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder (any path Spark writes) for the "
                                        "documents, mentions, events, skipped and duplicates tables.")],
    master: Annotated[str | None, typer.Option("--master", help="Spark master, e.g. local[2] (default: "
                                               "spark-submit's, else Spark's own).")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", help="Partitions to extract and link in "
                                                   "(default: Spark's parallelism).", min=1)] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Sentences per parser batch.", min=1)] = 64,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the tables of an earlier run.")] = False,
) -> None:
    """Run ingest's work on Apache Spark: the same documents, mentions and events, written as Parquet."""
    from .job import run_spark, session

    spark = session(master)
    try:
        summary = run_spark(spark, inputs, output, partitions=partitions, batch_size=batch_size,
                            overwrite=overwrite)
    finally:
        spark.stop()
    typer.echo(f"{summary.documents} documents, {summary.mentions} event mentions, {summary.events} events; "
               f"skipped {len(summary.skipped)}, ignored {summary.ignored} non-article file(s), "
               f"{summary.duplicates} copies stored once; tables in {output}")
    for source, reason in summary.skipped:
        typer.echo(f"  skipped {source}: {reason}")
    if summary.skipped:
        raise typer.Exit(EXIT_SKIPPED)
