"""Ingest throughput and memory: articles per second, and resident memory as the corpus grows.

    python benchmarks/throughput.py [--articles 2000] [--processes 2] [--corpus DIR]

Without --corpus, a corpus is made in a temporary folder by repeating the bundled sample
articles (each copy a distinct document). Prints articles/s over the run (model loading
included and excluded) and the peak resident memory of this process at each quarter of the run:
flat memory means those figures do not grow with the corpus.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from importlib import resources
from pathlib import Path

from eventdesk.jobs import ingest
from eventdesk.pipeline import Settings
from eventdesk.store import Store


def make_corpus(folder: Path, n: int) -> None:
    sample = Path(str(resources.files("eventdesk") / "data" / "sample"))
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))]
    for i in range(n):
        body = texts[i % len(texts)]
        (folder / f"article_{i:07d}.txt").write_text(f"{body}\n\nReference {i}.\n", encoding="utf-8")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--corpus", type=Path)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="eventdesk-bench-"))
    try:
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            corpus.mkdir()
            make_corpus(corpus, args.articles)
        files = [f for f in corpus.rglob("*") if f.is_file()]
        total = len(files)
        words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
        marks = {max(1, total * q // 4): q for q in (1, 2, 3, 4)}
        seen = {"n": 0, "first": None}
        memory = []

        def tick(_doc) -> None:
            seen["n"] += 1
            if seen["first"] is None:
                seen["first"] = time.perf_counter()
            if seen["n"] in marks:
                memory.append((marks[seen["n"]], seen["n"], rss_mb()))

        start = time.perf_counter()
        with Store(work / "bench.db") as store:
            summary = ingest(store, [corpus], Settings(n_process=args.processes), on_document=tick)
        end = time.perf_counter()
        n = summary.new + summary.updated
        warm = end - (seen["first"] or start)
        print(f"articles: {n} (mean {words / max(1, total):.0f} words)  processes: {args.processes}  "
              f"events: {summary.events}  mentions: {summary.mentions}")
        print(f"wall: {end - start:.1f} s  -> {n / (end - start):.1f} articles/s (model loading included)")
        print(f"after the first article: {warm:.1f} s -> {(n - 1) / warm:.1f} articles/s")
        for q, k, mb in memory:
            print(f"  peak RSS after {q}/4 of the corpus ({k} articles): {mb:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
