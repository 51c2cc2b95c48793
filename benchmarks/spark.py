"""The Spark job against a local ingest: wall time of each, and whether their exports are identical.

    python benchmarks/spark.py [CORPUS ...] [--master local[2]] [--partitions N]

For each corpus (default: the bundled sample), runs in a temporary folder, as a user would:
`eventdesk ingest CORPUS` (two parser processes), then `eventdesk spark CORPUS -o OUT --master M`
(JVM start included) and `eventdesk load OUT`, and compares `eventdesk export --status all` of the
two databases byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

EVENTDESK = [str(Path(sys.executable).parent / "eventdesk")]  # the installed command


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([*EVENTDESK, *args], capture_output=True, text=True)
    if done.returncode not in (0, 3):  # 3: finished, some inputs skipped
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def export_digest(db: Path) -> tuple[str, int]:
    out = subprocess.run([*EVENTDESK, "--db", str(db), "export", "--status", "all"], capture_output=True,
                         check=True).stdout
    return hashlib.sha256(out).hexdigest()[:16], out.count(b"\n")


def compare(corpus: Path, work: Path, master: str, partitions: int | None) -> dict:
    local_db, spark_db, out = work / "local.db", work / "spark.db", work / "tables"
    local = timed(["--db", str(local_db), "ingest", str(corpus)])
    options = ["--partitions", str(partitions)] if partitions else []
    spark = timed(["spark", str(corpus), "-o", str(out), "--master", master, *options])
    loading = timed(["--db", str(spark_db), "load", str(out)])
    (local_digest, events), (spark_digest, _) = export_digest(local_db), export_digest(spark_db)
    return {"corpus": str(corpus), "events": events, "ingest_s": round(local, 1), "spark_s": round(spark, 1),
            "load_s": round(loading, 1), "identical": local_digest == spark_digest}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int)
    args = ap.parse_args()
    corpora = args.corpora or [Path(str(resources.files("eventdesk") / "data" / "sample"))]
    print("| corpus | events | ingest s | spark s | load s | identical |\n| --- | --- | --- | --- | --- | --- |")
    for corpus in corpora:
        with tempfile.TemporaryDirectory(prefix="eventdesk-spark-bench-") as tmp:
            r = compare(corpus, Path(tmp), args.master, args.partitions)
        print(f"| {r['corpus']} | {r['events']} | {r['ingest_s']} | {r['spark_s']} | {r['load_s']} | "
              f"{r['identical']} |", flush=True)


if __name__ == "__main__":
    main()
