"""The CLI's reads at a million events: every read command timed as a user runs it, and the export rate.

    python benchmarks/reads.py                       # builds 1,000,000 synthetic events in a temporary folder
    python benchmarks/reads.py --db /tmp/1m.db       # builds it there once, then reuses it
    python benchmarks/reads.py --db OLD.db --src DIR # the same commands with another checkout's code

The database is the one `benchmarks/desk.py` builds (200 countries, 16 types, 10 years, Zipf-like
dyads; rows in id order, dates in random order: every listing in date order reads the table out of
order, the worst case for a disk), without the statistics of ANALYZE, as an ingest leaves a database
(the query plans must not depend on them). Each command runs as its own process, its output going to a file
as in `eventdesk ... > out`; a listing is given `--limit 200`, what it shows on a terminal without it.
The time reported is the best of --runs wall times minus the best of five runs of a command that
opens no database (`eventdesk --db MISSING skipped`: starting Python, importing the command, parsing
the arguments, which imports pydantic through typer, and stopping at 'no database'), and the same
for CPU time (user and system), which a machine shared with other work disturbs less. Peak RSS is the process's
`ru_maxrss`; it counts the database pages the read-only connection maps (the operating system's file
cache, shared and never dirty), so the private memory (`RssAnon`, sampled every 20 ms) is shown beside
it. A command over 1 s, or an export under 50,000 events/s, is marked and makes the exit status 1.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desk import build, countries  # noqa: E402  (the synthetic database of the desk benchmark)

ROOT = Path(__file__).resolve().parents[1]
CLI = "from eventdesk.cli import main; main()"
SECONDS = 1.0  # every listing, show and status answers in less, beyond process start
EXPORT_RATE = 50_000  # events per second, at least
PAGE = ["--limit", "200"]


def commands(out: Path) -> list[tuple[list[str], str, int]]:
    """(arguments, what they show, exit status) of every read, on the synthetic database's names: AAX
    is the busiest country, 'AAX ABX' the busiest dyad, ZZX a code no event has."""
    return [
        (["status"], "", 0),
        (["skipped"], "", 0),
        (["events", *PAGE], "", 0),
        (["events", *PAGE, "--after", "{cursor}"], "page 2: the cursor the first page printed", 0),
        (["events", "--status", "all", *PAGE], "", 0),
        (["events", "--type", "CONSULT", "--since", "2020-01-01", *PAGE], "", 0),
        (["events", "--since", "2024-06-01", "--until", "2024-06-30", *PAGE], "", 0),
        (["events", "--dyad", "AAX ABX", *PAGE], "", 0),
        (["events", "--actor", "AAX", *PAGE], "36% of the events", 0),
        (["events", "--actor", "person of ACX", *PAGE], "a name", 0),
        (["events", "--actor", "of", *PAGE], "every name contains it", 0),
        (["events", "--actor", "ZZX", *PAGE], "no event", 0),
        (["timeline", "AAX", "ABX", *PAGE], "", 0),
        (["timeline", "AAX", "ABX", "--json", *PAGE], "", 0),
        (["timeline", "AAX", "--type", "ASSAULT", *PAGE], "", 0),
        (["show", "ev_00000000000abcde"], "", 0),
        (["show", "ev_00000000000f"], "ambiguous prefix: counts the 16,960 ids that start with it", 2),
        (["show", "ev_"], "ambiguous prefix of every id", 2),
        (["export", "--type", "ASSAULT", "--since", "2024-01-01", "-o", str(out)], "JSON Lines", 0),
    ]


def streams(out: Path) -> list[tuple[str, list[str]]]:
    """The reads that write every matching event: timed once, reported as events per second."""
    return [("export (jsonl, every event)", ["export", "-o", str(out)]),
            ("export --format csv", ["export", "--format", "csv", "-o", str(out)]),
            ("events, no --limit, to a file (streamed)", ["events"])]


class Run:
    """One command as a process: wall seconds, exit status, ru_maxrss and the peak RssAnon (MB)."""

    def __init__(self, argv: list[str], env: dict, stdout) -> None:
        began = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE)
        self.private = 0.0
        sampler = threading.Thread(target=self._sample, args=(proc.pid,), daemon=True)
        sampler.start()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        self.seconds = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)
        self.status, self.stderr = proc.returncode, err.decode("utf-8", "replace")
        self.rss = usage.ru_maxrss / 1024
        self.cpu = usage.ru_utime + usage.ru_stime
        self.failure = ""
        sampler.join()

    def _sample(self, pid: int) -> None:
        status = Path(f"/proc/{pid}/status")
        while True:
            try:
                found = re.search(r"RssAnon:\s+(\d+) kB", status.read_text())
            except (FileNotFoundError, ProcessLookupError):
                return
            if found is None:  # a zombie: the process has ended
                return
            self.private = max(self.private, int(found.group(1)) / 1024)
            time.sleep(0.02)


def run(args: list[str], db: Path, env: dict, output: Path, expected: int = 0) -> Run:
    with open(output, "wb") as stdout:
        done = Run([sys.executable, "-c", CLI, "--db", str(db), *args], env, stdout)
    if done.status != expected:  # (another checkout's code, --src, may lack an option)
        done.failure = f"exit {done.status}: {done.stderr.strip().splitlines()[-1][:120] if done.stderr.strip() else ''}"
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="build (or reuse, if it exists) this database and keep it")
    parser.add_argument("--runs", type=int, default=3, help="runs of each short command (the median is shown)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the eventdesk code to run")
    parser.add_argument("--no-streams", action="store_true", help="time the short commands only")
    args = parser.parse_args()

    env = {**os.environ, "PYTHONPATH": str(args.src.resolve())}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = args.db or tmp / "reads.db"
        if not db.exists():
            seconds = build(db, args.events, countries(200))
            with sqlite3.connect(db) as built:  # no statistics, as ingest leaves a database: plans are not tuned
                built.execute("DELETE FROM sqlite_stat1")
            print(f"built {args.events:,} events in {seconds:.0f} s ({db.stat().st_size / 1e6:.0f} MB)")
        out, listing = tmp / "export.out", tmp / "stdout.txt"
        version = min(Run([sys.executable, "-c", CLI, "--version"], env, subprocess.DEVNULL).seconds for _ in range(3))
        starts = [Run([sys.executable, "-c", CLI, "--db", str(tmp / "missing.db"), "skipped"], env, subprocess.DEVNULL)
                  for _ in range(5)]
        start, start_cpu = min(r.seconds for r in starts), min(r.cpu for r in starts)
        events = int(re.search(r"events\s+([\d,]+)", (run(["status"], db, env, listing), listing.read_text())[1])
                     .group(1).replace(",", ""))
        print(f"{events:,} events in {db} ({db.stat().st_size / 1e6:.0f} MB); process start (`eventdesk --db "
              f"MISSING skipped`) {start:.2f} s, {start_cpu:.2f} s CPU (`eventdesk --version` {version:.2f} s); "
              f"load average {os.getloadavg()[0]:.1f}\n")
        print("| command | s beyond start | CPU s beyond start | peak RSS MB (private) | target |")
        print("| --- | --- | --- | --- | --- |")
        failed, cursor = False, None
        for argv, note, expected in commands(out):
            if "{cursor}" in argv:
                if cursor is None:
                    print(f"| `{' '.join(argv)}` | (no cursor: the first page was the last) | | | |")
                    continue
                argv = [cursor if a == "{cursor}" else a for a in argv]
            runs = [run(argv, db, env, listing, expected) for _ in range(args.runs)]
            seconds, cpu = min(r.seconds for r in runs) - start, min(r.cpu for r in runs) - start_cpu
            if argv == ["events", *PAGE]:
                found = re.search(r"--after (\S+)", runs[0].stderr)
                cursor = found.group(1) if found else None
            slow = seconds >= SECONDS
            failed |= slow or bool(runs[0].failure)
            shown = " ".join(a if " " not in a else f"'{a}'" for a in argv).replace(str(out), "FILE")
            if runs[0].failure:
                print(f"| `{shown}` | {runs[0].failure} | | | |", flush=True)
                continue
            print(f"| `{shown}`{f' ({note})' if note else ''} | {seconds:.2f} | {cpu:.2f} | {max(r.rss for r in runs):.0f} "
                  f"({max(r.private for r in runs):.0f}) | {'**over 1 s**' if slow else '< 1 s'} |", flush=True)
        if args.no_streams:
            return 1 if failed else 0
        print()
        print("| stream | events | s beyond start | events/s | CPU s | peak RSS MB (private) | target |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for label, argv in streams(out):
            shown = " ".join(argv).replace(str(out), "FILE")
            done = run(argv, db, env, listing)
            if done.failure:
                print(f"| `{shown}` | {done.failure} | | | | | |", flush=True)
                failed = True
                continue
            n = _count(done, listing)
            seconds = done.seconds - start
            rate = n / seconds
            slow = label.startswith("export (jsonl") and rate < EXPORT_RATE
            failed |= slow
            print(f"| `{shown}` | {n:,} | "
                  f"{seconds:.1f} | {rate:,.0f} | {done.cpu - start_cpu:.1f} | {done.rss:.0f} ({done.private:.0f}) | "
                  f"{'**under 50,000/s**' if slow else '>= 50,000/s' if label.startswith('export (jsonl') else ''} |",
                  flush=True)
    return 1 if failed else 0


def _count(done: Run, listing: Path) -> int:
    """Events written, as the command reports them: 'wrote N event(s)' (export), 'N event(s)' (listing)."""
    found = re.search(r"wrote (\d+) event", done.stderr)
    if found:
        return int(found.group(1))
    with open(listing, "rb") as f:
        f.seek(max(0, listing.stat().st_size - 200))
        return int(re.search(rb"(\d+) event\(s\)\s*$", f.read()).group(1))


if __name__ == "__main__":
    sys.exit(main())
