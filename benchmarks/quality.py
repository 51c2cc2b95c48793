"""Every gold suite in one table: precision, recall, F1, per type, misses and false positives.

    python benchmarks/quality.py [--details] [--suite NAME ...]

Suites: the bundled sample corpus, and, when ../shared is beside the checkout, the seed
development set, the real-news development set, and the two peer sentence suites (scored with
--ignore-dates: their dates are placeholders). Each suite is ingested into a fresh temporary database and scored by
eventdesk.evaluate, which gives the same figures as ../shared/tools/score.py on the export.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from eventdesk.evaluate import Score, score
from eventdesk.jobs import ingest
from eventdesk.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(str(resources.files("eventdesk") / "data"))

# name -> (corpus, gold folder, ignore dates)
SUITES = {
    "sample": (DATA / "sample", DATA / "sample_gold", False),
    "seeds": (SHARED / "corpus/seeds/articles", SHARED / "corpus/seeds/gold", False),
    "plover_gsr": (SHARED / "peer/plover_gsr_cameo/eval/corpus.jsonl", SHARED / "peer/plover_gsr_cameo/eval/gold", True),
    "petrarch2_gsr": (SHARED / "peer/petrarch2_gsr_validation/eval/corpus.jsonl",
                      SHARED / "peer/petrarch2_gsr_validation/eval/gold", True),
    "realnews": (SHARED / "corpus/realnews/corpus.jsonl", SHARED / "corpus/realnews/gold", False),
}


def run_suite(corpus: Path, gold: Path, ignore_dates: bool) -> Score:
    work = Path(tempfile.mkdtemp(prefix="eventdesk-quality-"))
    try:
        with Store(work / "q.db") as store:
            ingest(store, [corpus])
            return score(gold, store.events(), ignore_dates=ignore_dates)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="print misses and false positives")
    ap.add_argument("--suite", action="append", choices=sorted(SUITES), help="only these suites")
    args = ap.parse_args()
    results = {}
    for name in args.suite or SUITES:
        corpus, gold, ignore = SUITES[name]
        if not corpus.exists():
            print(f"{name}: skipped ({corpus} not found)")
            continue
        results[name] = run_suite(corpus, gold, ignore)
    print(f"{'suite':<15}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}{'traps':>7}{'merged':>8}")
    for name, r in results.items():
        print(f"{name:<15}{r.tp:>5}{r.fp:>5}{r.fn:>5}{r.precision:>8.3f}{r.recall:>8.3f}{r.f1:>8.3f}"
              f"{len(r.trap_hits):>7}{f'{r.merged_groups}/{r.groups}':>8}")
    types = sorted({t for r in results.values() for t in r.per_type if t}, key=str)
    print("\nF1 per type (tp/fp/fn)")
    print(f"{'type':<11}" + "".join(f"{n:>20}" for n in results))
    for t in types:
        cells = []
        for r in results.values():
            c = r.per_type.get(t, {"tp": 0, "fp": 0, "fn": 0})
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            rr = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            f = 2 * p * rr / (p + rr) if p + rr else 0.0
            cells.append(f"{f:.2f} ({c['tp']}/{c['fp']}/{c['fn']})")
        print(f"{t:<11}" + "".join(f"{c:>20}" for c in cells))
    if args.details:
        for name, r in results.items():
            print(f"\n== {name}")
            for label, items in (("miss", r.misses), ("false positive", r.false_positives), ("trap", r.trap_hits)):
                for line in items:
                    print(f"{label}: {line}")


if __name__ == "__main__":
    main()
