"""The labelled linking pairs (benchmarks/linking_pairs.jsonl): the file is sound, and the linker
reaches merge precision and recall >= 0.95 on it (figures printed by benchmarks/linking.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from eventdesk.records import PLOVER_TYPES, PRECISIONS, STATUSES, EventMention

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "linking.py"
_spec = importlib.util.spec_from_file_location("linking_benchmark", BENCH)
linking = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = linking  # its dataclasses look their module up while being defined
_spec.loader.exec_module(linking)

PAIRS = linking.load_pairs()
SCORE = linking.score(PAIRS)


def _mentions():
    for p in PAIRS:
        for side in ("a", "b"):
            yield p["id"], side, p[side]


# -- the file ---------------------------------------------------------------------------------------

def test_ids_are_unique():
    ids = [p["id"] for p in PAIRS]
    assert len(ids) == len(set(ids))


def test_labels_are_booleans_with_a_reason():
    for p in PAIRS:
        assert isinstance(p["same"], bool), p["id"]
        assert isinstance(p.get("hard", False), bool), p["id"]
        assert isinstance(p["why"], str) and p["why"].strip(), p["id"]


def test_at_least_150_pairs_and_40_percent_different():
    assert len(PAIRS) >= 150
    different = sum(1 for p in PAIRS if not p["same"])
    assert different >= 0.4 * len(PAIRS)


def test_every_mention_has_type_source_and_target_and_builds():
    for pid, side, m in _mentions():
        where = f"{pid}.{side}"
        assert m.get("type") in PLOVER_TYPES, where
        for role in ("source", "target"):
            assert isinstance(m.get(role), dict) and m[role].get("name"), f"{where}.{role}"
        assert m.get("status") in STATUSES, where
        assert m.get("date_precision") in (*PRECISIONS, None), where
        assert (m.get("date") is None) == (m.get("date_precision") is None), where
        assert m.get("sentence") and m["end"] - m["start"] == len(m["sentence"]), where
        assert isinstance(EventMention.from_dict(m), EventMention), where


def test_the_two_sides_of_a_pair_are_two_mentions():
    for p in PAIRS:
        assert (p["a"]["document"], p["a"]["start"]) != (p["b"]["document"], p["b"]["start"]), p["id"]


def test_a_mention_used_in_several_pairs_is_the_same_everywhere():
    seen: dict[tuple, dict] = {}
    for pid, side, m in _mentions():
        key = (m["document"], m["start"])
        assert seen.setdefault(key, m) == m, f"{pid}.{side}: {key} differs from its other use"


def test_an_article_has_one_publication_date_and_publisher():
    seen: dict[str, tuple] = {}
    for pid, side, m in _mentions():
        value = (m.get("published"), m.get("publisher"))
        assert seen.setdefault(m["document"], value) == value, f"{pid}.{side}"


# -- the linker on it -------------------------------------------------------------------------------

def test_clustering_agrees_with_the_pairwise_decision():
    assert [d.pair["id"] for d in SCORE.disagreements] == []


def _wrong(merged: bool) -> str:
    return ", ".join(d.pair["id"] for d in SCORE.wrong if d.merged == merged)


def test_merge_precision_is_at_least_095():
    assert SCORE.precision >= 0.95, f"precision {SCORE.precision:.3f}; wrongly merged: {_wrong(True)}"


def test_merge_recall_is_at_least_095():
    assert SCORE.recall >= 0.95, f"recall {SCORE.recall:.3f}; wrongly kept apart: {_wrong(False)}"
