"""`eventdesk ingest` as the user sees it: progress while it runs, the summary after, Ctrl-C.

In a terminal, a bar with the number of inputs (counted first, cheaply) and the time left;
otherwise (a log, a pipe) one line on stderr every PROGRESS_EVERY seconds. Either way the final
re-linking pass is announced, since it can take a while on a large database.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .jobs import IngestProgress, IngestSummary, count_inputs, ingest
from .pipeline import Settings
from .store import Store
from .terminal import LineProgress, safe

PROGRESS_EVERY = 10.0  # seconds between two progress lines when stderr is not a terminal


def run_ingest(store: Store, paths: list[Path | str], settings: Settings, force: bool, out: Console,
               err: Console, follow_links: bool = False) -> IngestSummary:
    total = count_inputs(paths, follow_links)
    options = {"force": force, "follow_links": follow_links}
    try:
        if err.is_terminal:
            summary = _with_bar(store, paths, settings, options, total, err)
        else:
            summary = _with_lines(store, paths, settings, options, total, err)
    except KeyboardInterrupt:  # before the reading began, or a second Ctrl-C during the final re-linking
        err.print("interrupted: what was stored is kept; the next ingest goes on from there and re-links "
                  "what is left", highlight=False)
        return IngestSummary(interrupted=True)
    print_summary(summary, out)
    if summary.interrupted:
        err.print(f"interrupted: the {summary.new + summary.updated:,} document(s) stored are kept; run the "
                  "same command again to go on", highlight=False)
    return summary


def _with_bar(store, paths, settings, options: dict, total, err: Console) -> IngestSummary:
    columns = (SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        callbacks = IngestProgress(
            on_input=lambda _kind: bar.update(task, advance=1),
            on_relink=lambda n: bar.update(task, description=f"re-linking the events of {n:,} block(s)"))
        return ingest(store, paths, settings, progress=callbacks, **options)


def _with_lines(store, paths, settings, options: dict, total, err: Console) -> IngestSummary:
    err.print(f"ingest: {total:,} input(s) to read", highlight=False)
    lines = LineProgress(total, every=PROGRESS_EVERY, out=err.file)
    callbacks = IngestProgress(
        on_input=lines.advance,
        on_relink=lambda n: err.print(f"ingest: re-linking the events of {n:,} block(s)", highlight=False))
    return ingest(store, paths, settings, progress=callbacks, **options)


def print_summary(summary: IngestSummary, out: Console) -> None:
    def line(text: str) -> None:
        out.print(safe(text), markup=False, highlight=False)

    line(f"read {summary.read}, new {summary.new}, updated {summary.updated}, unchanged {summary.unchanged}, "
         f"skipped {len(summary.skipped)}, ignored {len(summary.ignored)} non-article file(s); "
         f"{summary.mentions} event mentions, {summary.events} events re-linked")
    for source, reason in summary.skipped:
        line(f"  skipped {source}: {reason}")
    for source, reason in summary.ignored:
        line(f"  ignored {source}: {reason}")
    for source, twin in summary.duplicates:
        line(f"  unchanged {source}: same text as document {twin}")
    for source, note in summary.notes:
        line(f"  note {source}: {note}")
