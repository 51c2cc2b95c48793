"""Sentence -> events, as data: every tests/cases/*.toml file, one schema, this one runner.

A case file holds `[[case]]` tables (and may set a default `published` for its cases):

    text       the article text (one sentence or a few)
    published  its publication date, "" for none (default: the file's, else 2022-10-18)
    why        what the case pins (required: a case says what behaviour it is for)
    expect     events that must be found: "TYPE SOURCE TARGET" (either country may be "*"), or a table
               {event = "TYPE SOURCE TARGET", status, cameo, date, precision, symmetric, attributed_to,
               sentence, names, source_name}: the event must be found with those values (cameo "12*",
               attributed_to, sentence: a prefix; date/precision "": none; names: among the two actors' names)
    every      {type = ..., <attributes as above>}: there is an event of that type, and every one has them
    absent     events that must not be found: "TYPE SOURCE TARGET" or a table {event, status, country}
               (country: on either side); "TYPE" alone: no event of that type
    nothing    true: no event at all
    only       true: every event found is one of `expect`; a list of types: every event of those types is
    count      the number of events found
    either_way true: an expected or absent event may be found in the other direction when it is symmetric
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from eventdesk.pipeline import extract_text

CASES_DIR = Path(__file__).parent / "cases"
DEFAULT_PUBLISHED = "2022-10-18"
CASE_KEYS = {"text", "published", "why", "expect", "every", "absent", "nothing", "only", "count", "either_way"}
ATTRIBUTES = {"status", "cameo", "date", "precision", "symmetric", "attributed_to", "sentence", "names", "source_name"}


def load_cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        published = raw.get("published", DEFAULT_PUBLISHED)
        for n, case in enumerate(raw.get("case", []), 1):
            unknown = set(case) - CASE_KEYS
            assert not unknown, f"{path.name} case {n}: unknown key(s) {unknown}"
            assert case.get("why"), f"{path.name} case {n}: say why (the behaviour the case pins)"
            out.append((f"{path.stem}:{n}", {"published": published, **case}))
    return out


CASES = load_cases()


def _event(spec) -> dict:
    """'TYPE SOURCE TARGET' or {event = ..., attributes} -> a dict of what to match."""
    spec = {"event": spec} if isinstance(spec, str) else dict(spec)
    parts = spec.pop("event", "").split() + ["*", "*", "*"]
    unknown = set(spec) - ATTRIBUTES - {"country", "type"}
    assert not unknown, f"unknown event attribute(s) {unknown}"
    return {"type": spec.pop("type", parts[0]), "source": parts[1], "target": parts[2], **spec}


def _none(value):
    return None if value == "" else value


def _matches(m, want: dict, either_way: bool) -> bool:
    if want["type"] not in ("*", m.type):
        return False
    ends = [(m.source.country, m.target.country)] + ([(m.target.country, m.source.country)]
                                                      if either_way and m.symmetric else [])
    if not any(want["source"] in ("*", a) and want["target"] in ("*", b) for a, b in ends):
        return False
    for key, value in want.items():
        if key in ("type", "source", "target"):
            continue
        if key == "country" and value not in (m.source.country, m.target.country):
            return False
        if key in ("status", "symmetric") and getattr(m, key) != value:
            return False
        if key in ("date", "precision") and getattr(m, "date_precision" if key == "precision" else key) != _none(value):
            return False
        if key == "cameo" and not (m.cameo.startswith(value[:-1]) if value.endswith("*") else m.cameo == value):
            return False
        if key in ("attributed_to", "sentence") and not (getattr(m, key) or "").startswith(value):
            return False
        if key == "names" and not set(value) <= {m.source.name, m.target.name}:
            return False
        if key == "source_name" and m.source.name != value:
            return False
    return True


def _shown(found) -> list:
    return [(m.type, m.source.country, m.target.country, m.status, m.cameo, m.date) for m in found]


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[name for name, _ in CASES])
def test_case(case):
    found = extract_text(case["text"], _none(case["published"]))
    either = case.get("either_way", False)
    if case.get("nothing"):
        assert found == [], _shown(found)
    for spec in case.get("expect", []):
        want = _event(spec)
        assert any(_matches(m, want, either) for m in found), (want, _shown(found))
    for spec in case.get("every", []):
        want = {**_event({"type": spec["type"]}), **{k: v for k, v in spec.items() if k != "type"}}
        of_type = [m for m in found if m.type == want["type"]]
        assert of_type and all(_matches(m, want, either) for m in of_type), (want, _shown(found))
    for spec in case.get("absent", []):
        unwanted = _event(spec)
        assert not any(_matches(m, unwanted, either) for m in found), (unwanted, _shown(found))
    only = case.get("only")
    if only:
        wants = [_event(s) for s in case.get("expect", [])]
        checked = [m for m in found if only is True or m.type in only]
        assert all(any(_matches(m, w, either) for w in wants) for m in checked), _shown(found)
    if "count" in case:
        assert len(found) == case["count"], _shown(found)


def test_every_case_file_has_cases():
    files = sorted(CASES_DIR.glob("*.toml"))
    assert files and all(tomllib.loads(p.read_text(encoding="utf-8")).get("case") for p in files)


def test_evidence_offsets_point_at_the_sentence():
    text = "The weather was fine.\n\nGermany sent Ukraine tanks on Monday."
    found = extract_text(text, "2023-01-30")
    assert found
    m = found[0]
    assert text[m.start:m.end] == m.sentence == "Germany sent Ukraine tanks on Monday."
