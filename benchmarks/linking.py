"""Linking on labelled pairs of mentions: merge precision, recall and F1 of the pairwise decision.

    python benchmarks/linking.py [--pairs FILE] [--by-category]

linking_pairs.jsonl (next to this file) holds pairs of event mentions, one JSON object a line:
{"id", "category", "same", "hard", "why", "a", "b"}, where "a" and "b" are EventMention records
(CONTRACT fields; actors as Actor.as_dict) and "same" says whether the two sentences really report
the same real-world event. The label comes from the real world, never from what the code does.
Dates are those a correct extractor gives: the sentence's time expression resolved against the
publication date, else the publication month; an article without a publication date leaves its
mentions undated (date_text keeps the expression). SANCTION mentions carry the extractor's `object`
(what was sanctioned: "two Russian state banks, VEB and Promsvyazbank").

Each pair is decided by eventdesk.link.compatible; eventdesk.link.link is also run on the two
mentions, and it must agree (one event out iff the pair is merged). Printed: merge precision
(of the pairs the code merges, how many are truly the same event), merge recall (of the truly
same pairs, how many the code merges), F1, the counts, every wrongly decided pair with its
reason, and any pair on which link and compatible disagree.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventdesk.evaluate import Rates
from eventdesk.link import compatible, link
from eventdesk.records import EventMention

PAIRS = Path(__file__).resolve().with_name("linking_pairs.jsonl")


def load_pairs(path: Path = PAIRS) -> list[dict]:
    """The labelled pairs, in file order (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def mentions(pair: dict) -> tuple[EventMention, EventMention]:
    return EventMention.from_dict(pair["a"]), EventMention.from_dict(pair["b"])


@dataclass(frozen=True)
class Decision:
    pair: dict
    merged: bool  # compatible(a, b): the pairwise decision
    clustered: bool  # link([a, b]) gives one event

    @property
    def correct(self) -> bool:
        return self.merged == self.pair["same"]


def decide(pair: dict) -> Decision:
    a, b = mentions(pair)
    return Decision(pair, merged=compatible(a, b), clustered=len(link([a, b])) == 1)


@dataclass
class Score(Rates):
    decisions: list[Decision] = field(default_factory=list)

    def _count(self, merged: bool, same: bool) -> int:
        return sum(1 for d in self.decisions if d.merged == merged and d.pair["same"] == same)

    @property
    def tp(self) -> int:
        return self._count(True, True)

    @property
    def fp(self) -> int:
        return self._count(True, False)

    @property
    def fn(self) -> int:
        return self._count(False, True)

    @property
    def tn(self) -> int:
        return self._count(False, False)


    @property
    def wrong(self) -> list[Decision]:
        return [d for d in self.decisions if not d.correct]

    @property
    def disagreements(self) -> list[Decision]:
        """Pairs on which the clustering (link) and the pairwise decision (compatible) differ."""
        return [d for d in self.decisions if d.merged != d.clustered]


def score(pairs: list[dict]) -> Score:
    return Score([decide(p) for p in pairs])


def report(s: Score, by_category: bool = False) -> str:
    n_same = s.tp + s.fn
    lines = [
        f"pairs: {len(s.decisions)} ({n_same} same event, {len(s.decisions) - n_same} different; "
        f"{sum(1 for d in s.decisions if d.pair.get('hard'))} marked hard)",
        f"merge precision: {s.precision:.3f}  ({s.tp} of {s.tp + s.fp} merged pairs are the same event)",
        f"merge recall:    {s.recall:.3f}  ({s.tp} of {n_same} same-event pairs merged)",
        f"F1:              {s.f1:.3f}",
        f"counts: tp={s.tp} fp={s.fp} fn={s.fn} tn={s.tn}",
        f"link agrees with compatible on {len(s.decisions) - len(s.disagreements)} of {len(s.decisions)} pairs",
    ]
    if by_category:
        lines.append("")
        lines.append(f"{'category':45} {'pairs':>5} {'wrong':>5}")
        total = Counter(d.pair.get("category", "?") for d in s.decisions)
        wrong = Counter(d.pair.get("category", "?") for d in s.wrong)
        for cat in sorted(total):
            lines.append(f"{cat:45} {total[cat]:5} {wrong[cat]:5}")
    for title, group, kind in (("wrongly merged (different events)", [d for d in s.wrong if d.merged], "FP"),
                               ("wrongly kept apart (same event)", [d for d in s.wrong if not d.merged], "FN")):
        lines.append("")
        lines.append(f"{title}: {len(group)}")
        for d in group:
            p = d.pair
            hard = " [hard]" if p.get("hard") else ""
            lines.append(f"  {kind} {p['id']}{hard}: {p['why']}")
            for side in ("a", "b"):
                m = p[side]
                when = f"{m.get('date')} ({m.get('date_precision')})" if m.get("date") else \
                    f"undated{' ' + m['date_text'] if m.get('date_text') else ''}"
                lines.append(f"     {side}: [{m['status']}, {when}, {m['document']}] {m['sentence']}")
    if s.disagreements:
        lines.append("")
        lines.append(f"link and compatible disagree: {len(s.disagreements)}")
        for d in s.disagreements:
            lines.append(f"  {d.pair['id']}: compatible={d.merged} link-one-event={d.clustered}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS, help="labelled pairs (JSON Lines)")
    ap.add_argument("--by-category", action="store_true", help="also print errors per category")
    args = ap.parse_args()
    print(report(score(load_pairs(args.pairs)), by_category=args.by_category))


if __name__ == "__main__":
    main()
