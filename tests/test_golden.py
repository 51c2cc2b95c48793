"""Golden corpora with recorded F1 floors: the build fails when quality drops.

The bundled sample corpus always runs; the seed development set and the peer sentence suites
run when ../shared is beside the checkout (a user's clone has none: those tests skip).
Floors (tests/floors.toml, also read by benchmarks/quality.py) are the figures measured when they
were last raised, less a small margin.
"""

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from eventdesk.evaluate import score
from eventdesk.jobs import ingest
from eventdesk.store import Store

FLOORS = tomllib.loads((Path(__file__).parent / "floors.toml").read_text(encoding="utf-8"))  # suite -> floors
PEER = {
    "plover_gsr": "peer/plover_gsr_cameo/eval",
    "petrarch2_gsr": "peer/petrarch2_gsr_validation/eval",
}


def _scored(tmp_path, corpus, gold, ignore_dates=False):
    with Store(tmp_path / "golden.db") as store:
        summary = ingest(store, [corpus])
        result = score(gold, store.events(), ignore_dates=ignore_dates)
    return summary, result


@pytest.mark.slow
def test_sample_corpus_meets_its_floor(tmp_path):
    data = Path(str(resources.files("eventdesk") / "data"))
    summary, result = _scored(tmp_path, data / "sample", data / "sample_gold")
    assert summary.skipped == []
    assert result.trap_hits == []
    assert result.f1 >= FLOORS["sample"]["f1"], result.summary()
    assert result.precision >= FLOORS["sample"]["precision"], result.summary()


@pytest.mark.slow
def test_seed_development_set_meets_its_floor(tmp_path, shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    summary, result = _scored(tmp_path, seeds / "articles", seeds / "gold")
    assert summary.new == 5
    assert result.trap_hits == []
    assert result.f1 >= FLOORS["seeds"]["f1"], result.summary()
    assert result.precision >= FLOORS["seeds"]["precision"], result.summary()
    assert result.merged_groups == result.groups == 2


@pytest.mark.slow
@pytest.mark.parametrize("suite", sorted(PEER))
def test_peer_sentence_suites_meet_their_floors(tmp_path, shared_dir, suite):
    folder = shared_dir / PEER[suite]
    _, result = _scored(tmp_path, folder / "corpus.jsonl", folder / "gold", ignore_dates=True)
    assert result.f1 >= FLOORS[suite]["f1"], result.summary()
    assert result.precision >= FLOORS[suite]["precision"], result.summary()


@pytest.mark.slow
@pytest.mark.parametrize("source", ["corpus.jsonl", "articles"])
def test_real_news_development_set_meets_its_floor(tmp_path, shared_dir, source):
    """Real pages scored with their dates, from the JSON Lines corpus and from the folder of pages with
    their metadata files beside them (the two must read the same articles)."""
    realnews = shared_dir / "corpus" / "realnews"
    summary, result = _scored(tmp_path, realnews / source, realnews / "gold")
    assert summary.new == 36 and summary.skipped == []
    assert result.trap_hits == []
    assert result.f1 >= FLOORS["realnews"]["f1"], result.summary()
    assert result.precision >= FLOORS["realnews"]["precision"], result.summary()
