"""Scoring exported events against gold files, as CONTRACT §4 defines it.

Per article, the predictions are the events with a mention in it. A prediction matches a
gold event when type, dyad and date agree; matching is one-to-one (maximum bipartite
matching), required gold events first, then optional ones among the predictions left.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from .dates import interval
from .errors import EventdeskError

SLACK_DAYS = 1


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Rates:
    """Precision, recall and F1 of anything with tp, fp and fn counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]


@dataclass
class Score(Rates):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    per_type: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0}))
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    trap_hits: list[str] = field(default_factory=list)
    groups: int = 0
    merged_groups: int = 0

    def summary(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3), "traps": len(self.trap_hits),
                "merged_groups": self.merged_groups, "groups": self.groups}


def article_key(name: str) -> str:
    base = PurePath(str(name)).name
    if base.endswith(".gold.json"):
        return base[: -len(".gold.json")]
    return PurePath(base).stem


def _country(actor) -> str:
    if isinstance(actor, dict):
        return (actor.get("country") or "").upper()
    return (actor or "").upper()


def _days(date, precision=None):
    if not date:
        return None
    text = str(date)[:10]
    parts = text.split("-")
    if precision is None:
        precision = {3: "day", 2: "month"}.get(len(parts), "year")
    return interval(text, precision)


def _overlap(a, b) -> bool:
    import datetime as dt

    slack = dt.timedelta(days=SLACK_DAYS)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def type_matches(gold: dict, pred: dict) -> bool:
    return pred.get("type") in {gold["type"], *gold.get("alt_types", [])}


def dyad_matches(gold: dict, pred: dict) -> bool:
    got = (_country(pred.get("source")), _country(pred.get("target")))
    want = (gold["source_country"], gold["target_country"])
    return got == want or (bool(gold.get("symmetric")) and got[::-1] == want)


def date_matches(gold: dict, pred: dict) -> bool:
    p = _days(pred.get("date"), pred.get("date_precision"))
    g = _days(gold.get("date"), gold.get("date_precision"))
    if g is not None and gold.get("date_end"):
        g = (g[0], _days(gold["date_end"])[1])
    if g is not None:
        return p is not None and _overlap(g, p)
    true = _days(gold.get("true_date"))
    return true is None or p is None or _overlap(true, p)


def max_matching(golds: list[dict], preds: list[dict], ok: Callable[[dict, dict], bool]) -> dict[int, int]:
    """Maximum bipartite matching by augmenting paths: {prediction index: gold index}."""
    holder: dict[int, int] = {}  # gold index -> prediction index

    def place(pi: int, visited: set[int]) -> bool:
        for gi, gold in enumerate(golds):
            if gi in visited or not ok(gold, preds[pi]):
                continue
            visited.add(gi)
            if gi not in holder or place(holder[gi], visited):
                holder[gi] = pi
                return True
        return False

    for pi in range(len(preds)):
        place(pi, set())
    return {pi: gi for gi, pi in holder.items()}


def _documents(event: dict) -> set[str]:
    out = set()
    for m in event.get("mentions") or []:
        d = m.get("document")
        if isinstance(d, dict):
            d = d.get("id") or d.get("path")
        if d:
            out.add(article_key(str(d)))
    return out


def _sentences(event: dict, art: str) -> list[str]:
    return [m.get("sentence") or "" for m in event.get("mentions") or []
            if m.get("document") and article_key(str(m["document"])) == art]


def _norm(text: str) -> str:
    return " ".join(str(text or "").split()).lower()


def _label(art: str, e: dict, pred: bool) -> str:
    if pred:
        return f"{art}: {e.get('type')} {_country(e.get('source'))}->{_country(e.get('target'))} {e.get('date')}"
    return f"{art}: {e['type']} {e['source_country']}->{e['target_country']} {e.get('date')}"


def _load_gold(path: Path) -> dict:
    """A gold file, checked enough that a broken one is named instead of crashing the scorer."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        for e in gold["events"]:
            e["type"], e["source_country"], e["target_country"]  # noqa: B018 - required keys
            for key in ("date", "true_date"):
                _days(e.get(key), e.get("date_precision") if key == "date" else None)
        return gold
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EventdeskError(f"{path}: not a valid gold file ({type(exc).__name__}: {exc})") from None


def score(gold_dir: str | Path, events: Iterable[dict], ignore_dates: bool = False) -> Score:
    events = list(events)
    by_article: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        for art in _documents(e):
            by_article[art].append(e)

    def ok(g: dict, p: dict) -> bool:
        return type_matches(g, p) and dyad_matches(g, p) and (ignore_dates or date_matches(g, p))

    result = Score()
    group_articles: dict[str, set[str]] = defaultdict(set)
    group_preds: dict[str, dict[str, str]] = defaultdict(dict)
    paths = sorted(Path(gold_dir).glob("*.gold.json"))
    if not paths:
        raise EventdeskError(f"{gold_dir}: no *.gold.json files (see 'Gold files' in the README)")
    for path in paths:
        gold = _load_gold(path)
        art = article_key(gold.get("article") or path.name)
        preds = by_article.get(art, [])
        required = [g for g in gold["events"] if not g.get("optional")]
        optional = [g for g in gold["events"] if g.get("optional")]
        for g in gold["events"]:
            if g.get("same_as"):
                group_articles[g["same_as"]].add(art)
        matched = max_matching(required, preds, ok)
        left = [i for i in range(len(preds)) if i not in matched]
        matched_opt = max_matching(optional, [preds[i] for i in left], ok)
        unmatched = [left[k] for k in range(len(left)) if k not in matched_opt]
        doubtful = [_norm(d.get("text", ""))[:80] for d in gold.get("doubtful", [])]
        unmatched = [i for i in unmatched if not any(
            d and any(d in _norm(s) or _norm(s)[:80] in d for s in _sentences(preds[i], art)) for d in doubtful)]
        for pi, gi in matched.items():
            g = required[gi]
            result.tp += 1
            result.per_type[g["type"]]["tp"] += 1
            if g.get("same_as"):
                group_preds[g["same_as"]][art] = preds[pi].get("id")
        hit = set(matched.values())
        for gi, g in enumerate(required):
            if gi not in hit:
                result.fn += 1
                result.per_type[g["type"]]["fn"] += 1
                result.misses.append(_label(art, g, pred=False))
        for pi in unmatched:
            p = preds[pi]
            result.fp += 1
            result.per_type[p.get("type")]["fp"] += 1
            result.false_positives.append(_label(art, p, pred=True))
            for t in gold.get("traps", []):
                if p.get("type") == t["type"] and (_country(p.get("source")), _country(p.get("target"))) == (
                        t["source_country"], t["target_country"]):
                    result.trap_hits.append(f"{art}: {t['type']} {t['source_country']}->{t['target_country']} ({t['why']})")
    for group, arts in group_articles.items():
        if len(arts) < 2:
            continue
        result.groups += 1
        hits = group_preds.get(group, {})
        if set(hits) == arts and len(set(hits.values())) == 1:
            result.merged_groups += 1
    return result
