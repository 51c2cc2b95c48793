"""The desk at scale: p50/p95 latency of each HTTP endpoint over a synthetic database of N events.

    python benchmarks/desk.py                      # 1,000,000 events, 200 countries, 16 types, 10 years
    python benchmarks/desk.py --events 100000 --requests 50

The database is built in a temporary folder (or --db PATH, kept) with the real schema and
migrations; rows are synthetic but spread as news is: a few countries and dyads carry most of the
events (Zipf-like), consultations and accusations outnumber assaults, most events are dated to
the day. Each endpoint is asked --requests times with varied parameters, in process (FastAPI's
TestClient: routing, validation, SQL and JSON included, no network).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from eventdesk.query import TYPES
from eventdesk.store import Store

TYPE_WEIGHTS = [6, 14, 4, 2, 6, 3, 1, 6, 9, 4, 3, 5, 3, 2, 4, 3]  # in TYPES order
GOLDSTEIN = {"AGREE": 3.0, "CONSULT": 1.0, "SUPPORT": 3.4, "CONCEDE": 5.0, "COOPERATE": 6.0, "AID": 7.0,
             "RETREAT": 5.0, "REQUEST": 3.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -6.5,
             "SANCTION": -5.0, "MOBILIZE": -7.2, "COERCE": -7.0, "ASSAULT": -10.0}
QUAD = {t: (1 if g > 0 and t in ("AGREE", "CONSULT", "SUPPORT", "REQUEST") else 2 if g > 0 else
            3 if g > -6 else 4) for t, g in GOLDSTEIN.items()}
START = date(2015, 1, 1)
DAYS = 3652
EXPECTED = ["events, dyad filter", "events, type + date filter", "dyad trend", "dyad network"]


def countries(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [letters[i // 26 % 26] + letters[i % 26] + "X" for i in range(n)]


def synthetic_events(n: int, codes: list[str], seed: int = 7):
    """Rows of the events table, as the store writes them, with a plausible record."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) ** 1.1 for i in range(len(codes))]
    for i in range(n):
        a, b = rng.choices(codes, weights, k=2)
        while b == a:
            b = rng.choices(codes, weights)[0]
        type_ = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        day = START + timedelta(days=rng.randrange(DAYS))
        precision = rng.choices(("day", "month", "year"), (80, 15, 5))[0]
        text, start, end = {"day": (day.isoformat(), day, day),
                            "month": (day.isoformat()[:7], day.replace(day=1), _month_end(day)),
                            "year": (str(day.year), date(day.year, 1, 1), date(day.year, 12, 31))}[precision]
        status = rng.choices(("occurred", "planned", "disputed", "denied", "hypothetical", "negated"),
                             (80, 8, 3, 2, 4, 3))[0]
        symmetric = type_ in ("CONSULT", "COOPERATE") and rng.random() < 0.7
        if symmetric and b < a:
            a, b = b, a
        kind = "person" if rng.random() < 0.3 else "country"
        src = {"name": f"{kind} of {a}", "text": a, "country": a, "sector": "GOV", "role": None, "kind": kind}
        tgt = {"name": f"country {b}", "text": b, "country": b, "sector": "GOV", "role": None, "kind": "country"}
        event_id = f"ev_{i:016x}"
        sentence = f"Synthetic report {i}: {a} and {b}, {type_.lower()} on {text}, according to officials."
        record = {"id": event_id, "type": type_, "cameo": "010", "mode": None, "date": text,
                  "date_precision": precision, "date_from_publication": False, "source": src, "target": tgt,
                  "symmetric": symmetric, "status": status, "confidence": 0.7, "object": None,
                  "goldstein": GOLDSTEIN[type_], "quad_class": QUAD[type_], "n_mentions": 1, "n_documents": 1,
                  "n_publishers": 1, "asserted_by": [], "denied_by": [],
                  "mentions": [{"document": f"doc{i // 3}.txt", "sentence": sentence, "start": 100, "end": 100
                                + len(sentence), "attributed_to": None, "published": (end + timedelta(days=1))
                                .isoformat(), "publisher": f"Publisher {i % 40}", "status": status, "date": text,
                                "date_precision": precision, "date_from_publication": False, "trigger": "met"}]}
        yield (event_id, type_, "010", None, text, precision, start.isoformat(), end.isoformat(),
               f"{kind}:{src['name']}", f"country:{b}", src["name"], tgt["name"], a, b, int(symmetric), status,
               0.7, 1, 1, 1, f"{type_}|{a}|{b}|{day.year}", json.dumps(record))


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def build(path: Path, n: int, codes: list[str]) -> float:
    """A database of n synthetic events; returns the seconds it took. Indexes are dropped while
    rows go in and re-created after, from their own definitions."""
    began = time.perf_counter()
    Store(path).close()
    db = sqlite3.connect(path)
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' "
                         "AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        db.execute(f'DROP INDEX "{name}"')
    db.execute("PRAGMA synchronous = OFF")
    batch: list[tuple] = []
    for row in synthetic_events(n, codes):
        batch.append(row)
        if len(batch) == 20_000:
            db.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 22)})", batch)
            batch = []
    db.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 22)})", batch)
    db.commit()
    for _, sql in indexes:
        db.execute(sql)
    db.execute("ANALYZE")
    db.commit()
    db.close()
    return time.perf_counter() - began


def requests(codes: list[str], rng: random.Random) -> dict[str, callable]:
    """Endpoint name -> a function giving the URL of one request (varied parameters)."""
    busy = codes[:40]  # the countries that carry most events, as in news

    def with_dyad(template: str):
        def make() -> str:
            a, b = rng.sample(busy, 2)
            return template.format(a=a, b=b)
        return make

    def by_type_date() -> str:
        first = START + timedelta(days=rng.randrange(DAYS - 200))
        until = first + timedelta(days=rng.choice((30, 90, 180)))
        return f"/api/events?type={rng.choice(TYPES)}&since={first}&until={until}&limit=50"

    return {"events, dyad filter": with_dyad("/api/events?dyad={a}+{b}&limit=50"),
            "events, type + date filter": by_type_date,
            "dyad trend": with_dyad("/api/dyads/{a}/{b}/trend"),
            "dyad network": with_dyad("/api/network?dyad={a}+{b}"),
            "events, no filter": lambda: "/api/events?limit=50",
            "event by id": lambda: f"/api/events/ev_{rng.randrange(1000):016x}",
            "actors by name": lambda: f"/api/actors?q={rng.choice(busy)[:2]}"}


def measure(client, make_url, n: int) -> list[float]:
    client.get(make_url())  # warm the page cache for this kind of query
    times = []
    for _ in range(n):
        url = make_url()
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--db", type=Path, help="build (or reuse, if it exists) this database and keep it")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from eventdesk.api import create_app

    codes = countries(args.countries)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "desk.db"
        if not path.exists():
            seconds = build(path, args.events, codes)
            print(f"built {args.events:,} events in {seconds:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")
        client = TestClient(create_app(path))
        rng = random.Random(11)
        print(f"| endpoint ({args.events:,} events; {args.requests} requests each, 30 for the last three) "
              "| p50 ms | p95 ms | target |")
        print("| --- | --- | --- | --- |")
        failed = False
        for name, make_url in requests(codes, rng).items():
            times = measure(client, make_url, args.requests if name in EXPECTED else min(args.requests, 30))
            p95 = statistics.quantiles(times, n=20)[-1]
            target = "< 50" if name in EXPECTED else ""
            failed |= bool(target) and p95 >= 50
            print(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | {target} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
