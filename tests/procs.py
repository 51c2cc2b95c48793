"""Running `eventdesk` as a separate process, as a user does, and watching its processes (Linux /proc)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

CLI = [sys.executable, "-c", "from eventdesk.cli import main; main()"]


def eventdesk(*args: str | Path, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    """Run the command to its end; stdout and stderr as text."""
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs)


def start(*args: str | Path, log: Path) -> subprocess.Popen:
    """Start the command in a process group of its own (like a shell job), output to `log`."""
    out = log.open("w")
    return subprocess.Popen([*CLI, *map(str, args)], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def sample_corpus(folder: Path, n: int, offset: int = 0) -> Path:
    """n distinct articles made from the bundled sample (.txt ones), numbered from `offset`."""
    folder.mkdir(parents=True, exist_ok=True)
    sample = Path(str(resources.files("eventdesk") / "data" / "sample"))
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))]
    for i in range(offset, offset + n):
        (folder / f"article_{i:05d}.txt").write_text(f"{texts[i % len(texts)]}\n\nReference {i}.\n", encoding="utf-8")
    return folder


def live_in_group(pgid: int) -> list[int]:
    """Processes of the process group that are still running (zombies waiting to be reaped excluded)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(entry.name))
    return pids


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def wait_for(predicate, timeout: float, every: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


def documents(db: Path) -> int:
    """Documents stored so far, read while an ingest may be writing (0 before the schema exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA integrity_check").fetchone()[0]


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, 9)
    except ProcessLookupError:
        pass


# A small Python process starts the command and reports its wait4 figures: Linux carries the peak
# resident memory of the process that starts a command over into the command (through vfork and
# exec), so started from pytest itself the command would count the whole test process.
_MEASURE = ("import os, subprocess, sys; p = subprocess.Popen(sys.argv[2:]); _, status, usage = os.wait4(p.pid, 0); "
            "open(sys.argv[1], 'w').write(f'{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}')")


def eventdesk_measured(*args: str | Path, workdir: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run the command to its end; also the peak resident memory (MB) of the largest process of its
    tree (itself and the parser processes it waited for), from wait4."""
    out, err, figures = workdir / "stdout.txt", workdir / "stderr.txt", workdir / "wait4.txt"
    command = [*CLI, *map(str, args)]
    with out.open("w") as o, err.open("w") as e:
        subprocess.run([sys.executable, "-c", _MEASURE, str(figures), *command], stdout=o, stderr=e, check=True)
    code, maxrss = figures.read_text().split()
    done = subprocess.CompletedProcess(command, int(code), out.read_text(), err.read_text())
    return done, int(maxrss) / 1024
