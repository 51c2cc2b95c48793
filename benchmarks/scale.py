"""Linking costs as a database grows: 16 batches of 1,000 documents into one database.

    python benchmarks/scale.py [--batches 16] [--size 1000] [--mode one-dyad|many-dyads]

Each document carries synthetic event mentions (no parsing: this measures storing and linking).
`one-dyad`: every report is a call between the United States and China in 2023 (one linking
block of 16,000 reports, on 250 distinct days, so reports of one day merge). `many-dyads`: three
reports per document among 30 countries and 4 types. Each batch is stored with
`Store.save_document` and its blocks linked with `jobs.relink`, as `ingest` does; the actor tables
are loaded before the first batch, as a running ingest has them. Prints each batch's seconds and
peak resident memory, the total, and the last batch against the first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import tempfile
import time
from pathlib import Path

from eventdesk.actors import load_actor_table
from eventdesk.jobs import relink
from eventdesk.records import Actor, Document, EventMention
from eventdesk.store import Store

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "ISR", "IRN", "TUR", "SWE", "FIN", "IND", "PAK", "JPN", "KOR", "PRK",
             "SAU", "EGY", "FRA", "DEU", "GBR", "POL", "BRA", "ARG", "ZAF", "NGA", "KEN", "ETH", "AUS", "CAN",
             "MEX", "IDN"]
TYPES = [("CONSULT", "040", True), ("ACCUSE", "112", False), ("REQUEST", "020", False), ("AGREE", "057", True)]


def mention(doc: str, k: int, kind: tuple, a: str, b: str, day: dt.date, published: dt.date) -> EventMention:
    type_, cameo, symmetric = kind
    source, target = Actor(a, a, a, "GOV"), Actor(b, b, b, "GOV")
    sentence = f"{a} and {b} ({type_.lower()}) on {day.isoformat()}, report {doc}:{k}."
    return EventMention(document=doc, sentence=sentence, start=100 * k, end=100 * k + len(sentence),
                        type=type_, cameo=cameo, source=source, target=target, symmetric=symmetric,
                        date=day.isoformat(), date_precision="day", published=published.isoformat(),
                        publisher=f"wire{int(doc[3:9]) % 50}", trigger=type_.lower(), confidence=0.6)


def batch(n: int, start: int, mode: str, rng: random.Random) -> list[tuple[Document, list[EventMention]]]:
    out = []
    for i in range(start, start + n):
        doc_id = f"doc{i:06d}.txt"
        published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(365))
        if mode == "one-dyad":
            days = [dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(250))]
            pairs = [(TYPES[0], "USA", "CHN")]
        else:
            days = [published - dt.timedelta(days=rng.randrange(3)) for _ in range(3)]
            pairs = [(rng.choice(TYPES), *rng.sample(COUNTRIES, 2)) for _ in range(3)]
        mentions = [mention(doc_id, k, kind, a, b, day, published) for k, ((kind, a, b), day) in enumerate(zip(pairs, days, strict=True))]
        text = " ".join(m.sentence for m in mentions)
        out.append((Document(id=doc_id, raw=text, text=text, source=doc_id, published=published.isoformat(),
                             content_hash=f"{i:032x}"), mentions))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", type=int, default=16)
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--mode", choices=["one-dyad", "many-dyads"], default="one-dyad")
    args = ap.parse_args()
    rng = random.Random(13)
    times = []
    load_actor_table()
    with tempfile.TemporaryDirectory(prefix="eventdesk-scale-") as tmp, Store(Path(tmp) / "scale.db") as store:
        for b in range(args.batches):
            docs = batch(args.size, b * args.size, args.mode, rng)
            start = time.perf_counter()
            touched: set[str] = set()
            for doc, mentions in docs:
                touched |= store.save_document(doc, mentions)
            stored = time.perf_counter() - start
            events = relink(store, touched)
            times.append(time.perf_counter() - start)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"batch {b + 1:2d}: {times[-1]:6.2f} s (store {stored:5.2f} s, link {times[-1] - stored:5.2f} s), "
                  f"{events} events written, peak RSS {rss:.0f} MB", flush=True)
        counts = store.counts()
    print(f"{args.mode}: {counts['mentions']} mentions, {counts['events']} events; {sum(times):.1f} s in all; "
          f"last batch {times[-1] / times[0]:.2f}x the first")


if __name__ == "__main__":
    main()
