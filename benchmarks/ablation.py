"""What each real-news mechanism is worth: the suites with one mechanism or pattern family switched off.

    python benchmarks/ablation.py [--suite realnews --suite seeds ...]

Mechanisms are the codebook's [mechanisms] switches (codebook.MECHANISMS); pattern families are the
codebook patterns carrying a `group`. Each row runs the suites with the full codebook except that one
switch or family, in one process, and prints F1 (precision/recall) with the change against the full
codebook.
"""

from __future__ import annotations

import argparse
import dataclasses

from quality import SUITES, run_suite

import eventdesk.pipeline as pipeline
from eventdesk.codebook import MECHANISMS, Codebook
from eventdesk.language import load_language


def without_mechanism(book: Codebook, name: str) -> Codebook:
    return dataclasses.replace(book, mechanisms={**book.mechanisms, name: False})


def without_group(book: Codebook, group: str) -> Codebook:
    patterns = {key: [p for p in found if p.group != group] for key, found in book.patterns.items()}
    return dataclasses.replace(book, patterns={key: found for key, found in patterns.items() if found})


def measure(book: Codebook, suites: list[str]) -> dict[str, object]:
    english = load_language("en")
    variant = dataclasses.replace(english, codebook=book)
    pipeline.load_language = lambda code="en": variant  # the pipeline loads its language pack through this name
    out = {}
    for name in suites:
        corpus, gold, ignore = SUITES[name]
        if corpus.exists():
            out[name] = run_suite(corpus, gold, ignore)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", action="append", choices=sorted(SUITES), help="suites (default: realnews)")
    args = ap.parse_args()
    suites = args.suite or ["realnews"]
    full = load_language("en").codebook
    groups = sorted({p.group for found in full.patterns.values() for p in found if p.group})
    variants = [("(full codebook)", full)]
    variants += [(f"mechanism {m}", without_mechanism(full, m)) for m in MECHANISMS]
    variants += [(f"patterns {g}", without_group(full, g)) for g in groups]
    base = None
    print(f"{'switched off':<34}" + "".join(f"{s:>26}" for s in suites))
    for label, book in variants:
        scores = measure(book, suites)
        base = base or scores
        cells = []
        for s in suites:
            r, f0 = scores[s], base[s].f1
            delta = "" if label.startswith("(") else f" {r.f1 - f0:+.3f}"
            cells.append(f"{r.f1:.3f} ({r.precision:.2f}/{r.recall:.2f}){delta}")
        print(f"{label:<34}" + "".join(f"{c:>26}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
