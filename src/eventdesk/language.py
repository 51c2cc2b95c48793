"""Language packs: the codebook and the lexicon of one language, loaded and validated together.

A pack is a folder `data/lang/<code>/` holding `codebook.toml` (trigger patterns, coding lists) and
`lexicon.toml` (the words the stages read the parse by: prepositions of place, pronouns, time words,
irregular verb forms, ...). `load_language(code)` loads and validates one; `language_for(tag)` picks
the pack for a document's `language` field.

Which pack a document gets: its `language` tag, lower-cased, cut at the first '-' or '_' ("en-GB",
"EN_us" -> "en"); the pack of that code if one ships, else English. So a document with no language,
or in a language that has no pack yet, is read as English (the only pack today).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

from .codebook import Codebook, load_codebook
from .errors import DataFileError

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Lexicon:
    """The words of one language the stages look for, by what they mark (see lexicon.toml)."""

    locative_preps: frozenset[str]
    directions: frozenset[str]
    placeless_agents: frozenset[str]
    planned_with_clause_only: frozenset[str]
    body_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    placed_targets: frozenset[str]
    victim_nouns: frozenset[str]
    war_nouns: frozenset[str]
    protest_reasons: frozenset[str]
    protest_aims: frozenset[str]
    measure_preps: frozenset[str]
    place_nouns: frozenset[str]
    attack_means: frozenset[str]
    local_means: frozenset[str]
    relation_nouns: frozenset[str]
    host_verbs: frozenset[str]
    topic_preps: frozenset[str]
    person_agents: frozenset[str]
    travel_verbs: frozenset[str]
    response_verbs: frozenset[str]
    speaker_nouns: frozenset[str]
    meeting_nouns: frozenset[str]
    setting_preps: frozenset[str]
    frontier_words: frozenset[str]
    relative_pronouns: frozenset[str]
    occurrence_verbs: frozenset[str]
    request_nouns: frozenset[str]
    promise_nouns: frozenset[str]
    gift_nouns: frozenset[str]
    content_nouns: frozenset[str]
    intent_words: frozenset[str]
    refusal_intents: frozenset[str]
    threat_intent: frozenset[str]
    other_party_nouns: frozenset[str]
    decision_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    demand_speech: frozenset[str]
    time_words: frozenset[str]
    temporal_preps: frozenset[str]
    announcing_aux: frozenset[str]
    condition_marks: frozenset[str]
    place_preps: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    counterpart_nouns: frozenset[str]
    not_places: frozenset[str]
    act_references: frozenset[str]
    definite: frozenset[str]
    agreement_nouns: frozenset[str]
    agreement_verbs: frozenset[str]
    irregular_forms: frozenset[str]
    promise_verbs: frozenset[str]
    answer_verbs: frozenset[str]
    claim_rejecting_verbs: frozenset[str]
    attribution_words: frozenset[str]
    negative_determiners: frozenset[str]
    inability_words: frozenset[str]
    opposing_preps: frozenset[str]
    reported_future_aux: frozenset[str]
    consequence_aux: frozenset[str]
    body_determiners: frozenset[str]
    anaphor_determiners: frozenset[str]
    ethnic_markers: frozenset[str]
    pair_words: frozenset[str]
    led_lemmas: frozenset[str]
    possessive_markers: frozenset[str]
    state_nouns: frozenset[str]
    own_state_nouns: frozenset[str]
    anaphors: dict[str, str]  # definite noun -> the kind of actor it refers back to


ANAPHOR_KINDS = ("country", "organization")


@dataclass(frozen=True)
class Language:
    code: str
    codebook: Codebook
    lexicon: Lexicon

    @functools.cached_property
    def trigger_forms(self) -> frozenset[str]:
        """Every form of every trigger word: the codebook's lemmas inflected, and the irregular forms."""
        forms = self.codebook.trigger_forms() | self.lexicon.irregular_forms
        if self.codebook.uses("backoff"):
            from .extract.backoff import load_backoff  # the extractor imports this module: load late

            forms |= load_backoff(self.code).forms
        return forms


def _lang_dir() -> Path:
    return Path(str(resources.files("eventdesk") / "data" / "lang"))


def available() -> tuple[str, ...]:
    """The codes of the packs that ship."""
    return tuple(sorted(p.name for p in _lang_dir().iterdir() if (p / "lexicon.toml").is_file()))


def language_for(tag: str | None) -> str:
    """The pack code for a document's language tag (see the module docstring for the rule)."""
    code = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in available() else DEFAULT_LANGUAGE


def load_lexicon(path: Path) -> Lexicon:
    """A lexicon file, validated: every list the stages read is there, and nothing else."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from None
    names = {f.name for f in fields(Lexicon)}
    unknown, missing = sorted(set(raw) - names), sorted(names - set(raw))
    if unknown:
        raise DataFileError(f"{path}: unknown word list(s) {', '.join(unknown)}")
    if missing:
        raise DataFileError(f"{path}: missing word list(s) {', '.join(missing)}")
    values: dict[str, object] = {}
    for name, words in raw.items():
        if name == "anaphors":
            if not isinstance(words, dict) or any(v not in ANAPHOR_KINDS for v in words.values()):
                raise DataFileError(f"{path}: [anaphors] maps nouns to one of {', '.join(ANAPHOR_KINDS)}")
            values[name] = {k.lower(): v for k, v in words.items()}
        elif not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise DataFileError(f"{path}: {name} must be a list of words")
        else:
            values[name] = frozenset(w.lower() for w in words)
    return Lexicon(**values)


@functools.lru_cache(maxsize=8)
def load_language(code: str = DEFAULT_LANGUAGE) -> Language:
    """The pack `code` (see `available()`), validated; loaded once per process."""
    folder = _lang_dir() / code
    if not (folder / "lexicon.toml").is_file():
        raise DataFileError(f"no language pack {code!r} (packs: {', '.join(available())})")
    return Language(code, load_codebook(str(folder / "codebook.toml")), load_lexicon(folder / "lexicon.toml"))
