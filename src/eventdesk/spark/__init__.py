"""eventdesk on Apache Spark: the same record as a local `eventdesk ingest`, computed on a cluster.

    job.py     the Spark job: files on any path Spark reads -> documents -> mentions -> events (Parquet)
    tables.py  records <-> the rows of the Parquet tables (documents, mentions, events, skipped)
    load.py    the Parquet tables -> a local database for the CLI and `eventdesk serve` (no Spark needed)
    commands.py  the `eventdesk spark` and `eventdesk load` commands
    submit.py  the driver script for `spark-submit`

Only job.py and submit.py import pyspark (the `eventdesk[spark]` extra).
"""
