"""Ingest of a hostile corpus: every kind of bad input in one folder, with two parser processes.

    python benchmarks/hostile.py [--scale full|small] [--processes 2]

Makes the corpus in a temporary folder (`make_corpus`, also used by tests/test_hostile.py), ingests
it, and prints the time, what was stored and skipped, and the peak resident memory of this process
(the one reading, extracting and storing) and of the largest parser process. At full scale the
corpus holds "Russia attacked Ukraine." repeated 100,000 times, a 50 MB text and a 4.9 MB page.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

GOOD = ("Russia accused Israel on Monday of planning to supply weapons to Ukraine.\n\n"
        "Turkey summoned the Swedish ambassador on Saturday over the protest in Stockholm.\n")
REPEATED = "Russia attacked Ukraine. "
ESCAPES = "\x1b]0;pwned\x07\x1b[2J"


def make_corpus(folder: Path, repeats: int = 100_000, huge_mb: int = 50) -> dict[str, str | None]:
    """Write the corpus; returns, for each input, the words its skip reason must contain (None: stored).

    `.jsonl` lines are keyed 'file:line'. Inputs stored with a note are keyed with the note's words
    after 'note:'.
    """
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str | None] = {}

    def write(name: str, data: str | bytes, outcome: str | None) -> None:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expect[name] = outcome

    write("good.txt", " date 2022-10-18\n" + GOOD, None)
    write("good-record.json",  # not good.json: beside good.txt that is its metadata
           json.dumps({"id": "good-json", "text": GOOD, "published": "2023-01-22"}), None)
    # the three inputs that hung the default two processes
    write("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply")
    write("bigint.json", '{"id": ' + "7" * 5000 + ', "text": "Russia attacked Ukraine."}', "4,300 digits")
    write("surrogate.json", '{"id": "s", "text": "Russia attacked Ukraine. \\ud800"}', "lone surrogate")
    write("surrogate-id.json", '{"id": "\\udc80", "text": "Russia attacked Ukraine."}', "lone surrogate")
    lines = [json.dumps({"id": "line-1", "text": GOOD, "published": "2022-10-18"}),
             "[" * 50_000 + "]" * 50_000,
             '{"id": ' + "9" * 5000 + ', "text": "x"}',
             '{"id": "line-4", "text": "Russia attacked Ukraine \\ud800"}',
             "{not json",
             json.dumps({"id": "line-6", "text": GOOD.replace("Monday", "Tuesday"), "published": "2022-10-19"})]
    write("feed.jsonl", "\n".join(lines) + "\n", None)
    expect.pop("feed.jsonl")
    expect.update({"feed.jsonl:1": None, "feed.jsonl:2": "nested too deeply", "feed.jsonl:3": "4,300 digits",
                   "feed.jsonl:4": "lone surrogate", "feed.jsonl:5": "malformed JSON line", "feed.jsonl:6": None})
    # dates out of range: kept, undated
    write("year-one.json", json.dumps({"id": "y1", "text": GOOD, "published": "0001-01-01"}), "note:out of range")
    write("year-9999.txt", " date 9999-12-31\n" + GOOD, "note:out of range")
    # bounds: one sentence repeated, a huge text, a file too large to parse whole, terminal escapes
    write("repeated.txt", " date 2022-02-24\n" + REPEATED * repeats, "note:text cut")
    with (folder / "huge.txt").open("w", encoding="utf-8") as out:
        block = "The weather was mild and nothing happened in the valley. " * 1000 + "\n"
        for _ in range(huge_mb * 1_000_000 // len(block)):
            out.write(block)
    expect["huge.txt"] = "note:text cut"
    paragraph = "<p>" + "The minister said the talks in Geneva went on through the night. " * 20 + "</p>\n"
    write("report.html", "<html><head><title>Talks</title></head><body><article>"  # just under --max-bytes
          + paragraph * (huge_mb * 98_000 // len(paragraph)) + "</article></body></html>", None)
    write("escapes.txt", f" date 2022-10-18\nRussia accused {ESCAPES}Israel on Monday of planning to supply "
                         "weapons to Ukraine.\n", None)
    write("too-big.json", json.dumps({"text": "Words. " * 2_000_000}), "file too large")
    # everyday bad files
    write("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file")
    write("empty.txt", b"", "empty file")
    write("latin1.txt", "Caf\xe9 au lait.".encode("latin-1"), None)  # a legacy encoding is decoded (sources/decode.py)
    write("list.json", "[1, 2, 3]", "expected a JSON object")
    write("notes.md", "# not an article\n", "not an article file type")
    return expect


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    from eventdesk.jobs import ingest
    from eventdesk.pipeline import Settings
    from eventdesk.store import Store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=("full", "small"), default="full")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="eventdesk-hostile-"))
    try:
        sizes = {"full": (100_000, 50), "small": (10_000, 5)}[args.scale]
        expect = make_corpus(work / "corpus", *sizes)
        mb = sum(f.stat().st_size for f in (work / "corpus").iterdir()) / 1e6
        print(f"corpus: {len(expect)} inputs, {mb:.1f} MB ({args.scale} scale)")
        start = time.perf_counter()
        with Store(work / "hostile.db") as store:
            summary = ingest(store, [work / "corpus"], Settings(n_process=args.processes))
        seconds = time.perf_counter() - start
        ok = sqlite3.connect(work / "hostile.db").execute("PRAGMA integrity_check").fetchone()[0]
        print(f"time {seconds:.1f} s; new {summary.new}, skipped {len(summary.skipped)}, "
              f"ignored {len(summary.ignored)}, notes {len(summary.notes)}; integrity_check {ok}")
        for source, note in summary.notes:
            print(f"  note {Path(source).name}: {note}")
        print(f"peak RSS: this process {rss_mb(resource.RUSAGE_SELF):.0f} MB, "
              f"largest parser process {rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
