"""End to end against bare spaCy: eventdesk ingest -j N and spaCy's full pipeline over the same articles.

    python benchmarks/speed.py [--articles 1000] [--processes 2] [--rounds 2] [--with-sample]

Two corpora: `--articles` distinct seed-length articles (the seed articles of ../shared/corpus/seeds,
each copy made distinct by a closing line, as throughput.py makes its corpus; `--with-sample` adds
the bundled sample's .txt articles, which are shorter) and the real-news articles of
../shared/corpus/realnews. On each, the two variants run alternately, `--rounds` times, each in a
fresh process:

- bare spaCy: `spacy.load(MODEL)` (the full pipeline, ner included) and `nlp.pipe(texts, n_process=N)`
  over the article texts, as the issue measured it (spaCy's default batch of 1,000 texts: a corpus
  of 1,000 articles or fewer is one batch, read by one of the processes);
- bare spaCy, 16 per batch: the same with `batch_size=16`, so that every process has work;
- eventdesk: `ingest` of the same articles with N processes into a fresh database (reading,
  cleaning, parsing, extraction, storing and linking).

Each time counts from before the model is loaded to the end of the work (the interpreter's start
is not counted), with the CPU time of the process and its children. Prints articles/s of each run,
the ratios of each round (run in the same few minutes: on a shared machine, the figure to compare),
the ratios of the best of each variant, and the load average before and after. The CPU seconds
each variant needs are compared too: they depend less on what else the machine runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus/seeds/articles"
REALNEWS = SHARED / "corpus/realnews/corpus.jsonl"
BARE_BATCH = 16  # articles per nlp.pipe batch in the "bare16" variant


def make_corpus(folder: Path, n: int, with_sample: bool) -> None:
    """`n` distinct articles from the seed articles (and the bundled sample's .txt articles)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if with_sample:
        sample = Path(str(resources.files("eventdesk") / "data" / "sample"))
        texts += [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seed articles in {SEEDS}")
    folder.mkdir(parents=True)
    for i in range(n):
        body = texts[i % len(texts)].rstrip()
        (folder / f"article_{i:07d}.txt").write_text(f"{body}\n\nReference {i}.\n", encoding="utf-8")


def texts_of(corpus: Path) -> list[str]:
    """The article texts bare spaCy reads: each file's text, or each JSON Lines record's 'text'."""
    if corpus.suffix == ".jsonl":
        with corpus.open(encoding="utf-8") as handle:
            return [json.loads(line)["text"] for line in handle if line.strip()]
    return [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]


# -- the two variants, each run in a fresh process -------------------------------------------------

def run_bare(corpus: Path, processes: int, batch_size: int | None) -> dict:
    texts = texts_of(corpus)
    start = time.perf_counter()
    import spacy

    from eventdesk.nlp import MODEL

    nlp = spacy.load(MODEL)
    batching = {} if batch_size is None else {"batch_size": batch_size}
    parsed = sum(1 for _ in nlp.pipe(texts, n_process=processes, **batching))
    return {"articles": parsed, "seconds": time.perf_counter() - start, "pipes": nlp.pipe_names}


def run_eventdesk(corpus: Path, processes: int, db: Path) -> dict:
    start = time.perf_counter()
    from eventdesk.jobs import ingest
    from eventdesk.pipeline import Settings
    from eventdesk.store import Store

    with Store(db) as store:
        summary = ingest(store, [corpus], Settings(n_process=processes))
    return {"articles": summary.new + summary.updated, "seconds": time.perf_counter() - start,
            "skipped": len(summary.skipped), "mentions": summary.mentions, "events": summary.events}


def timed(variant: str, corpus: Path, processes: int, work: Path) -> dict:
    """One run of `variant` in a fresh process: its figures, with the CPU time it and its children used."""
    before = os.times()
    args = [sys.executable, __file__, "--run", variant, "--corpus", str(corpus), "--processes", str(processes),
            "--db", str(work / f"{variant}-{time.monotonic_ns()}.db")]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{variant} failed:\n{out.stderr}")
    after = os.times()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["cpu"] = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return result


VARIANTS = ("bare", "eventdesk", "bare16")


def compare(name: str, corpus: Path, processes: int, rounds: int, work: Path) -> None:
    best: dict[str, float] = {}
    for r in range(rounds):
        order = VARIANTS if r % 2 == 0 else VARIANTS[::-1]  # alternate who goes first
        rates: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for variant in order:
            res = timed(variant, corpus, processes, work)
            rate = rates[variant] = res["articles"] / res["seconds"]
            cpu[variant] = res["cpu"]
            best[variant] = max(best.get(variant, 0.0), rate)
            extra = (f"  {res['mentions']} mentions, {res['events']} events, {res['skipped']} skipped"
                     if variant == "eventdesk" else f"  ({', '.join(res['pipes'])})")
            print(f"  {name} round {r + 1} {variant:<9} {res['articles']} articles in {res['seconds']:6.1f} s "
                  f"= {rate:6.1f} articles/s, CPU {res['cpu']:5.1f} s{extra}", flush=True)
        print(f"  {name} round {r + 1}: eventdesk / bare spaCy {rates['eventdesk'] / rates['bare']:.2f}, "
              f"/ bare spaCy 16 per batch {rates['eventdesk'] / rates['bare16']:.2f}; CPU seconds of bare spaCy "
              f"per CPU second of eventdesk {cpu['bare'] / cpu['eventdesk']:.2f} and "
              f"{cpu['bare16'] / cpu['eventdesk']:.2f}", flush=True)
    print(f"{name} (best of {rounds}): eventdesk {best['eventdesk']:.1f} articles/s; bare spaCy "
          f"{best['bare']:.1f} articles/s -> ratio {best['eventdesk'] / best['bare']:.2f}; bare spaCy 16 per "
          f"batch {best['bare16']:.1f} articles/s -> ratio {best['eventdesk'] / best['bare16']:.2f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--with-sample", action="store_true", help="add the bundled sample's .txt articles")
    ap.add_argument("--run", choices=VARIANTS, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        result = (run_eventdesk(args.corpus, args.processes, args.db) if args.run == "eventdesk"
                  else run_bare(args.corpus, args.processes, BARE_BATCH if args.run == "bare16" else None))
        print(json.dumps(result))
        return
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    with tempfile.TemporaryDirectory(prefix="eventdesk-speed-") as tmp:
        work = Path(tmp)
        seeds = work / "seeds"
        make_corpus(seeds, args.articles, args.with_sample)
        words = sum(len(t.split()) for t in texts_of(seeds)) / args.articles
        print(f"{args.articles} seed-length articles ({words:.0f} words on average), {args.processes} processes")
        compare("seed-length", seeds, args.processes, args.rounds, work)
        if REALNEWS.exists():
            texts = texts_of(REALNEWS)
            words = sum(len(t.split()) for t in texts) / len(texts)
            print(f"{len(texts)} real-news articles ({words:.0f} words on average)")
            compare("realnews", REALNEWS, args.processes, args.rounds, work)
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
