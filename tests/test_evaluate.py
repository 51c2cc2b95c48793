"""evaluate: scoring an export against gold files, exactly as CONTRACT §4 and ../shared/tools/score.py do."""

from __future__ import annotations

import copy
import importlib.util
import json
import random

import pytest

from eventdesk.evaluate import score


def gold_event(type, source, target, date=None, precision="day", **extra) -> dict:
    return {"type": type, "source": source, "source_country": source, "target": target, "target_country": target,
            "symmetric": False, "date": date, "date_precision": precision if date else None,
            "status": "occurred", "optional": False, "evidence": f"{source} {type} {target}.", **extra}


def pred(type, source, target, date=None, precision="day", docs=("a.txt",), id=None) -> dict:
    return {"id": id or f"ev_{type}_{source}_{target}_{date}_{'_'.join(docs)}", "type": type, "cameo": "01",
            "date": date, "date_precision": precision if date else None,
            "source": {"name": source, "country": source}, "target": {"name": target, "country": target},
            "mentions": [{"document": d, "sentence": f"{source} {type} {target}.", "start": 0, "end": 10}
                         for d in docs]}


def write_gold(folder, name, events, traps=()):
    folder.mkdir(exist_ok=True)
    doc = {"article": f"{name}.txt", "published": "2022-10-18", "events": events, "traps": list(traps)}
    (folder / f"{name}.gold.json").write_text(json.dumps(doc), encoding="utf-8")


def counts(result) -> tuple[int, int, int]:
    return result.tp, result.fp, result.fn


CALL = gold_event("CONSULT", "ISR", "UKR", "2022-10-17", symmetric=True)
REJECT = gold_event("REJECT", "ISR", "UKR", "2022-10-17")
REJECT_OPT = {**gold_event("REJECT", "ISR", "UKR", "2022-10"), "optional": True}
UNDATED = gold_event("CONSULT", "ISR", "UKR", None, symmetric=True, true_date="2022-04-20")

CASES = [  # gold events of a.txt, predictions -> (tp, fp, fn)
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10-17")], (1, 0, 0)),
    ([REJECT], [pred("ACCUSE", "ISR", "UKR", "2022-10-17")], (0, 1, 1)),
    ([{**REJECT, "alt_types": ["ACCUSE"]}], [pred("ACCUSE", "ISR", "UKR", "2022-10-17")], (1, 0, 0)),
    ([REJECT], [pred("REJECT", "UKR", "ISR", "2022-10-17")], (0, 1, 1)),  # directed: order matters
    ([CALL], [pred("CONSULT", "UKR", "ISR", "2022-10-17")], (1, 0, 0)),  # symmetric: either order
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10-18")], (1, 0, 0)),  # one day of slack
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10-16")], (1, 0, 0)),
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10-19")], (0, 1, 1)),  # two days: no
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10", "month")], (1, 0, 0)),  # intervals overlap
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-11", "month")], (0, 1, 1)),
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022", "year")], (1, 0, 0)),
    ([gold_event("REJECT", "ISR", "UKR", "2022-10", "month")], [pred("REJECT", "ISR", "UKR", "2022-10-31")], (1, 0, 0)),
    ([gold_event("REJECT", "ISR", "UKR", "2022-10", "month")], [pred("REJECT", "ISR", "UKR", "2022-11-01")], (1, 0, 0)),
    ([gold_event("REJECT", "ISR", "UKR", "2022-10", "month")], [pred("REJECT", "ISR", "UKR", "2022-11-02")], (0, 1, 1)),
    ([REJECT], [pred("REJECT", "ISR", "UKR", None)], (0, 1, 1)),  # gold dated: a null date misses
    ([UNDATED], [pred("CONSULT", "ISR", "UKR", None)], (1, 0, 0)),  # gold null: null is right
    ([UNDATED], [pred("CONSULT", "ISR", "UKR", "2022-04-21")], (1, 0, 0)),  # ... or the true date
    ([UNDATED], [pred("CONSULT", "ISR", "UKR", "2022-04", "month")], (1, 0, 0)),
    ([UNDATED], [pred("CONSULT", "ISR", "UKR", "2022-10-17")], (0, 1, 1)),  # ... never a wrong guess
    ([{**UNDATED, "true_date": None}], [pred("CONSULT", "ISR", "UKR", "2021-01-01")], (1, 0, 0)),
    ([REJECT_OPT], [pred("REJECT", "ISR", "UKR", "2022-10-03")], (0, 0, 0)),  # optional hit: not a tp
    ([REJECT_OPT], [], (0, 0, 0)),  # optional miss: not a fn
    ([REJECT, REJECT_OPT], [pred("REJECT", "ISR", "UKR", "2022-10-17")], (1, 0, 0)),  # required first
    ([REJECT, REJECT_OPT], [pred("REJECT", "ISR", "UKR", "2022-10-17", id="x"),
                            pred("REJECT", "ISR", "UKR", "2022-10-17", id="y")], (1, 0, 0)),
    ([REJECT, REJECT_OPT], [pred("REJECT", "ISR", "UKR", "2022-10-17", id=str(i)) for i in range(3)], (1, 1, 0)),
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10-17", id=str(i)) for i in range(2)], (1, 1, 0)),  # one-to-one
    # maximum matching: the year-precision prediction comes first but must go to the October call
    ([gold_event("CONSULT", "ISR", "UKR", "2022-04-20", symmetric=True), CALL],
     [pred("CONSULT", "ISR", "UKR", "2022", "year"), pred("CONSULT", "ISR", "UKR", "2022-04-20")], (2, 0, 0)),
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10-17", docs=("b.txt",))], (0, 0, 1)),  # another article
    ([REJECT], [pred("REJECT", "ISR", "UKR", "2022-10-17", docs=("corpus/sub/a.txt",))], (1, 0, 0)),
    ([], [pred("REJECT", "ISR", "UKR", "2022-10-17")], (0, 1, 0)),
]


@pytest.mark.parametrize("golds, preds, expected", CASES)
def test_score_table(tmp_path, golds, preds, expected):
    write_gold(tmp_path / "gold", "a", golds)
    result = score(tmp_path / "gold", preds)
    assert counts(result) == expected
    assert (len(result.misses), len(result.false_positives)) == (expected[2], expected[1])


def test_ignore_dates(tmp_path):
    write_gold(tmp_path / "gold", "a", [REJECT])
    wrong_day = [pred("REJECT", "ISR", "UKR", "2023-05-01")]
    assert counts(score(tmp_path / "gold", wrong_day)) == (0, 1, 1)
    assert counts(score(tmp_path / "gold", wrong_day, ignore_dates=True)) == (1, 0, 0)


def test_trap_hits_are_false_positives_reported_apart(tmp_path):
    trap = {"type": "ASSAULT", "source_country": "ISR", "target_country": "PSE", "evidence": "Read also: ...",
            "why": "teaser of another story"}
    write_gold(tmp_path / "gold", "a", [REJECT], traps=[trap])
    result = score(tmp_path / "gold", [pred("REJECT", "ISR", "UKR", "2022-10-17"),
                                       pred("ASSAULT", "ISR", "PSE", "2022-10-17"),
                                       pred("ASSAULT", "PSE", "ISR", "2022-10-17")])
    assert counts(result) == (1, 2, 0)
    assert result.trap_hits == ["a: ASSAULT ISR->PSE (teaser of another story)"]
    assert result.summary()["traps"] == 1


def test_a_prediction_counts_in_every_article_it_is_mentioned_in(tmp_path):
    write_gold(tmp_path / "gold", "a", [REJECT])
    write_gold(tmp_path / "gold", "b", [])
    result = score(tmp_path / "gold", [pred("REJECT", "ISR", "UKR", "2022-10-17", docs=("a.txt", "b.txt"))])
    assert counts(result) == (1, 1, 0)
    assert result.false_positives == ["b: REJECT ISR->UKR 2022-10-17"]


WARNING = gold_event("THREATEN", "RUS", "ISR", "2022-10-17", same_as="medvedev-warning")


@pytest.mark.parametrize("preds, tp, merged", [
    ([pred("THREATEN", "RUS", "ISR", "2022-10-17", docs=("a.txt", "b.txt"), id="ev_1")], 2, 1),
    ([pred("THREATEN", "RUS", "ISR", "2022-10-17", docs=("a.txt",), id="ev_1"),
      pred("THREATEN", "RUS", "ISR", "2022-10-17", docs=("b.txt",), id="ev_2")], 2, 0),
    ([pred("THREATEN", "RUS", "ISR", "2022-10-17", docs=("a.txt",), id="ev_1")], 1, 0),
], ids=["one-event", "two-events", "one-article-only"])
def test_same_as_groups(tmp_path, preds, tp, merged):
    write_gold(tmp_path / "gold", "a", [WARNING])
    write_gold(tmp_path / "gold", "b", [WARNING])
    write_gold(tmp_path / "gold", "c", [{**REJECT, "same_as": "a-group-of-one-article"}])
    result = score(tmp_path / "gold", preds)
    assert (result.tp, result.groups, result.merged_groups) == (tp, 1, merged)


def test_precision_recall_f1(tmp_path):
    write_gold(tmp_path / "gold", "a", [REJECT, CALL])
    result = score(tmp_path / "gold", [pred("REJECT", "ISR", "UKR", "2022-10-17"), pred("AID", "ISR", "UKR")])
    assert counts(result) == (1, 1, 1)
    assert (result.precision, result.recall, result.f1) == (0.5, 0.5, 0.5)
    assert dict(result.per_type["REJECT"]) == {"tp": 1, "fp": 0, "fn": 0}
    assert dict(result.per_type["CONSULT"]) == {"tp": 0, "fp": 0, "fn": 1}


# -- agreement with the reference scorer --------------------------------------------------------------

@pytest.fixture(scope="module")
def reference(shared_dir):
    spec = importlib.util.spec_from_file_location("reference_score", shared_dir / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_gold(shared_dir):
    folder = shared_dir / "corpus" / "seeds" / "gold"
    return folder, [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.gold.json"))]


def perfect_export(golds) -> list[dict]:
    """One prediction per gold event; the events of a same_as group are one prediction."""
    by_group: dict[str, dict] = {}
    out = []
    for gold in golds:
        for n, g in enumerate(gold["events"]):
            if g.get("same_as") in by_group:
                by_group[g["same_as"]]["mentions"].append({"document": gold["article"], "sentence": g["evidence"]})
                continue
            p = pred(g["type"], g["source_country"], g["target_country"], g.get("date") or g.get("true_date"),
                     g.get("date_precision") or "day", docs=(gold["article"],), id=f"{gold['article']}#{n}")
            out.append(p)
            if g.get("same_as"):
                by_group[g["same_as"]] = p
    return out


def perturbed_export(golds, seed: int) -> list[dict]:
    """The perfect export with some events dropped, moved, swapped, retyped, undated, or split."""
    rnd = random.Random(seed)
    out = []
    for p in copy.deepcopy(perfect_export(golds)):
        roll = rnd.random()
        if roll < 0.15:
            continue
        if roll < 0.25 and p["date"]:
            p["date"] = p["date"][:7] if rnd.random() < 0.5 else p["date"][:4]
            p["date_precision"] = "month" if len(p["date"]) == 7 else "year"
        elif roll < 0.35 and p["date"] and len(p["date"]) == 10:
            day = int(p["date"][8:]) + rnd.choice([-2, -1, 1, 2])
            p["date"] = f"{p['date'][:8]}{min(max(day, 1), 28):02d}"
        elif roll < 0.45:
            p["source"], p["target"] = p["target"], p["source"]
        elif roll < 0.55:
            p["type"] = rnd.choice(["REQUEST", "SUPPORT", "ACCUSE", "THREATEN"])
        elif roll < 0.62:
            p["date"] = p["date_precision"] = None
        elif roll < 0.72 and len(p["mentions"]) > 1:
            second = copy.deepcopy(p)
            p["mentions"], second["mentions"] = p["mentions"][:1], p["mentions"][1:]
            second["id"] += "-split"
            out.append(second)
        out.append(p)
        if rnd.random() < 0.1:
            out.append({**copy.deepcopy(p), "id": p["id"] + "-dup"})
    for gold in golds:  # predict every trap
        for t in gold.get("traps", []):
            out.append(pred(t["type"], t["source_country"], t["target_country"], gold["published"],
                            docs=(gold["article"],), id=f"trap-{gold['article']}-{t['type']}"))
    rnd.shuffle(out)
    return out


def comparable(result) -> dict:
    return {"tp": result.tp, "fp": result.fp, "fn": result.fn, "trap_hits": result.trap_hits,
            "merged_groups": result.merged_groups, "groups": result.groups, "misses": result.misses,
            "false_positives": result.false_positives,
            "per_type": {t: {k: v for k, v in c.items() if v} for t, c in result.per_type.items()
                         if any(c.values())}}


def reference_comparable(ref: dict) -> dict:
    keys = ("tp", "fp", "fn", "trap_hits", "merged_groups", "groups", "misses", "false_positives", "per_type")
    return {k: ref[k] for k in keys}


def test_perfect_export_scores_perfectly(seed_gold):
    folder, golds = seed_gold
    result = score(folder, perfect_export(golds))
    required = sum(not g.get("optional") for gold in golds for g in gold["events"])
    assert counts(result) == (required, 0, 0)
    assert result.merged_groups == result.groups == 2


@pytest.mark.parametrize("ignore_dates", [False, True], ids=["dates", "ignore-dates"])
@pytest.mark.parametrize("seed", range(8))
def test_same_numbers_as_the_reference_scorer(seed_gold, reference, seed, ignore_dates):
    folder, golds = seed_gold
    events = perturbed_export(golds, seed) if seed else perfect_export(golds)
    ours = comparable(score(folder, events, ignore_dates=ignore_dates))
    theirs = reference_comparable(reference.score(str(folder), events, ignore_dates=ignore_dates))
    assert ours == theirs
