"""Proof that a refactoring changes nothing: the JSONL export of every suite, hashed.

    python benchmarks/identical.py                  # hash this checkout's exports, compare with the record
    python benchmarks/identical.py --rev 9d7c07a    # hash the exports of a commit (from `git archive`)
    python benchmarks/identical.py --rev main --record   # make that commit the recorded baseline
    python benchmarks/identical.py --keep DIR       # also keep the exports, to diff a suite that moved

Each suite is ingested with one parser process (`-j 1`: spaCy's batches, hence its parses, then do
not depend on the process count) into a fresh database by the `eventdesk` command, and exported
with `--status all` (hypothetical and negated events included), so every field of every event
counts. The record (benchmarks/identical.json) holds one sha256 per suite and the commit it was
taken from; suites whose corpus is absent (../shared beside the checkout) are reported as skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RECORD = Path(__file__).with_suffix(".json")

SUITES = {
    "seeds": SHARED / "corpus/seeds/articles",
    "sample": ROOT / "src/eventdesk/data/sample",
    "plover_gsr": SHARED / "peer/plover_gsr_cameo/eval/corpus.jsonl",
    "petrarch2_gsr": SHARED / "peer/petrarch2_gsr_validation/eval/corpus.jsonl",
    "realnews": SHARED / "corpus/realnews/corpus.jsonl",
}
CLI = "from eventdesk.cli import main; main()"


def export_suite(src: Path, corpus: Path, work: Path) -> bytes:
    """Ingest `corpus` with the eventdesk found in `src`, return its JSONL export."""
    env = {**os.environ, "PYTHONPATH": str(src), "EVENTDESK_DB": str(work / "suite.db")}
    env.pop("EVENTDESK_DEBUG", None)
    ingest = subprocess.run([sys.executable, "-c", CLI, "ingest", "-j", "1", str(corpus)], env=env,
                            capture_output=True, text=True)
    if ingest.returncode not in (0, 3):  # 3: some inputs skipped, reported in the export's absence
        raise SystemExit(f"ingest of {corpus} failed ({ingest.returncode}):\n{ingest.stderr}")
    out = subprocess.run([sys.executable, "-c", CLI, "export", "--status", "all"], env=env,
                         capture_output=True, check=True)
    return out.stdout


def source_tree(rev: str | None, scratch: Path) -> tuple[Path, str]:
    """The `src` folder to import eventdesk from, and the commit it is (or 'worktree')."""
    if rev is None:
        return ROOT / "src", "worktree"
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True, text=True,
                            check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(scratch / "tree", filter="data")
    return scratch / "tree/src", commit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", help="hash this commit's exports instead of the checkout's")
    ap.add_argument("--record", action="store_true", help=f"write the hashes to {RECORD.name}")
    ap.add_argument("--keep", type=Path, help="write each suite's export to this folder")
    ap.add_argument("--suite", action="append", choices=sorted(SUITES), help="only these suites")
    args = ap.parse_args()
    recorded = json.loads(RECORD.read_text()) if RECORD.exists() else {"suites": {}}
    hashes: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="eventdesk-identical-") as tmp:
        scratch = Path(tmp)
        src, commit = source_tree(args.rev, scratch)
        for name in args.suite or SUITES:
            corpus = SUITES[name]
            if not corpus.exists():
                print(f"{name:<15}skipped ({corpus} not found)")
                continue
            work = scratch / name
            work.mkdir()
            data = export_suite(src, corpus, work)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{name}.jsonl").write_bytes(data)
            hashes[name] = hashlib.sha256(data).hexdigest()
            want = recorded["suites"].get(name)
            verdict = "no record" if want is None else "identical" if want == hashes[name] else "DIFFERS"
            lines = data.count(b"\n")
            print(f"{name:<15}{hashes[name][:16]}  {lines:>5} events  {verdict}")
    if args.record:
        RECORD.write_text(json.dumps({"commit": commit, "suites": {**recorded["suites"], **hashes}},
                                     indent=2) + "\n")
        print(f"recorded in {RECORD} (from {commit})")
    elif any(recorded["suites"].get(n) not in (None, h) for n, h in hashes.items()):
        sys.exit(1)


if __name__ == "__main__":
    main()
