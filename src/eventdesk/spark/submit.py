"""The driver script for spark-submit: the arguments of `eventdesk spark`, on the submitted cluster.

    spark-submit --master yarn ... "$(python -c 'import eventdesk.spark.submit as s; print(s.__file__)')" \
        s3a://bucket/cc-news/ -o s3a://bucket/events
"""

import sys

import typer

from eventdesk.errors import EventdeskError
from eventdesk.spark.commands import spark_command


def main() -> None:
    try:
        typer.run(spark_command)
    except EventdeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
