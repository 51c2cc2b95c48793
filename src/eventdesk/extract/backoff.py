"""The lexical back-off: a verb the codebook has no pattern for, coded by the CAMEO verb dictionary.

`cameo_verbs.toml` (converted from the PETRARCH-2 dictionary by scripts/convert_petrarch_verbs.py)
gives each verb a CAMEO code, and patterns of its object and preposition a finer one ('rammed the
&car' 193, 'booted out the &military' 174). `backoff.toml` says which of those the extractor may use:
the PLOVER types and code prefixes it keeps, whether a verb's own default code counts, the verbs it
never reads, and where the target is looked for. A verb found this way becomes a pattern like the
codebook's, so its parties, negation, modality and date are read by the same stages. It reads only
verbs whose lemma the codebook has no pattern for, never a light verb ('held talks') or a verb whose
object is a codebook trigger (codebook mechanism `backoff`).
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..codebook import CameoCode, Codebook, Pattern, inflections, load_cameo, slot_names
from ..errors import DataFileError
from ..records import PLOVER_TYPES
from .context import Candidate, SentenceState
from .syntax import children, is_passive, pobjs
from .triggers import candidates

# (object, preposition, noun of the preposition, CAMEO code): '' where a pattern names no such part
Rule = tuple[str, str, str, str]


@dataclass(frozen=True)
class Entry:
    lemma: str
    particle: str
    code: str
    rules: tuple[Rule, ...]


# the keys of backoff.toml, with their defaults
POLICY_DEFAULTS: dict[str, object] = {"dictionary": "cameo_verbs.toml", "types": [], "blocked_codes": [],
                                      "matched_only": False, "blocked": [], "target": ["dobj"], "confidence": 0.5}


@dataclass
class Backoff:
    """The dictionary's verbs as the extractor reads them, and the policy that restricts them."""
    verbs: dict[str, Entry] = field(default_factory=dict)  # "lemma" or "lemma particle" -> entry
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    usable: frozenset[str] = frozenset()  # the CAMEO codes the policy lets it give
    matched_only: bool = False  # only codes a pattern of object or preposition gives, never a verb's own
    blocked: frozenset[str] = frozenset()  # verbs it never reads
    target: tuple[str, ...] = ("dobj",)  # target slots when the dictionary names no preposition for it
    confidence: float = 0.5
    forms: frozenset[str] = frozenset()  # every form of a verb that can give a usable code (parse prefilter)
    _patterns: dict[tuple, Pattern] = field(default_factory=dict)


def _lang_dir(code: str) -> Path:
    return Path(str(resources.files("eventdesk") / "data" / "lang" / code))


@functools.lru_cache(maxsize=4)
def load_backoff(code: str = "en") -> Backoff:
    """The back-off of language `code` (empty when its pack has none), validated."""
    folder = _lang_dir(code)
    if not (folder / "backoff.toml").is_file():
        return Backoff()
    policy = _read(folder / "backoff.toml")
    dictionary = folder / str(policy.get("dictionary", "cameo_verbs.toml"))
    cameo = load_cameo(_lang_dir(code).parents[1] / "cameo.tsv")
    return build(_read(dictionary), policy, cameo, folder / "backoff.toml")


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from None


def usable_codes(policy: dict, cameo: dict[str, CameoCode], where: Path | str) -> frozenset[str]:
    """The codes of the policy's PLOVER `types`, less those under a `blocked_codes` prefix."""
    unknown = set(policy) - set(POLICY_DEFAULTS)
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    types, blocked = policy.get("types", []), policy.get("blocked_codes", [])
    if not isinstance(types, list) or any(t not in PLOVER_TYPES for t in types):
        raise DataFileError(f"{where}: types: expected a list of PLOVER types, got {types!r}")
    if not isinstance(blocked, list) or not all(isinstance(b, str) and b.isdigit() for b in blocked):
        raise DataFileError(f"{where}: blocked_codes: expected a list of CAMEO code prefixes such as \"04\"")
    return frozenset(c for c, row in cameo.items() if row.plover in types and not c.startswith(tuple(blocked) or ("-",)))


def build(raw: dict, policy: dict, cameo: dict[str, CameoCode], where: Path | str = "backoff.toml") -> Backoff:
    """A Backoff from a converted dictionary and a policy table (both as read from TOML)."""
    out = Backoff(usable=usable_codes(policy, cameo, where), matched_only=bool(policy.get("matched_only", False)),
                  blocked=frozenset(w.lower() for w in policy.get("blocked", [])),
                  target=tuple(policy.get("target", ["dobj"])), confidence=float(policy.get("confidence", 0.5)))
    bad = [t for t in out.target if t not in slot_names("target")]
    if bad:
        raise DataFileError(f"{where}: target: unknown argument slot(s) {', '.join(bad)}")
    out.synsets = {k: frozenset(v) for k, v in raw.get("synsets", {}).items()}
    blocks = raw.get("block", {})
    forms: set[str] = set()
    for key, verb in raw.get("verb", {}).items():
        lemma, _, particle = key.partition(" ")
        if lemma in out.blocked or verb.get("block") not in blocks:
            continue
        rules = tuple(tuple(r) for r in blocks[verb["block"]].get("patterns", []))
        if any(len(r) != 4 for r in rules):
            raise DataFileError(f"{where}: block {verb['block']!r}: a pattern needs 4 parts")
        entry = Entry(lemma, particle, "" if out.matched_only else verb.get("code", ""), rules)  # type: ignore[arg-type]
        out.verbs[key] = entry
        if any(known_code(cameo, c) in out.usable for c in [entry.code] + [r[3] for r in rules]):
            forms |= inflections(lemma) | {f.lower() for f in verb.get("forms", [])}
    out.forms = frozenset(forms)
    return out


def backoff_candidates(st: SentenceState, where: dict[int, list[Pattern]], lexicon: Backoff) -> list[Candidate]:
    """The candidate events of the verbs no codebook pattern applies to, by the dictionary."""
    return [c for i, patterns in backoff_patterns(st, where, lexicon).items()
            for c in candidates(st, st.sent[i], patterns)]


def backoff_patterns(st: SentenceState, where: dict[int, list[Pattern]], lexicon: Backoff) -> dict[int, list[Pattern]]:
    """Token index -> the one back-off pattern of each verb no codebook pattern applies to."""
    out = {}
    for tok in st.sent:
        if tok.pos_ != "VERB" or tok.i in where:
            continue
        lemma = tok.lemma_.lower()
        if st.book.for_token("verb", lemma) or lemma in lexicon.blocked:
            continue  # the codebook knows this verb: what it does not match, it leaves out on purpose
        if lemma in st.lists.get("light_verbs", ()) or governs_trigger(tok, where):
            continue  # 'held talks', 'escalated their attacks': the noun's pattern codes it
        pattern = pattern_at(st.book, tok, lexicon)
        if pattern is not None:
            out[tok.i] = [pattern]
    return out


def governs_trigger(tok, where: dict[int, list[Pattern]]) -> bool:
    """Whether the verb's object, or the object of one of its prepositions, is a codebook trigger."""
    heads = children(tok, "dobj", "nsubjpass") + [o for p in children(tok, "prep", "agent") for o in pobjs(p)]
    return any(h.i in where for h in heads)


def pattern_at(book: Codebook, tok, lexicon: Backoff) -> Pattern | None:
    """The pattern the dictionary gives verb `tok`: its first matching rule's code, else the verb's."""
    lemma = tok.lemma_.lower()
    particle = next((c.lower_ for c in children(tok, "prt")), "")
    entry = lexicon.verbs.get(f"{lemma} {particle}") if particle else None
    entry = entry or lexicon.verbs.get(lemma)
    if entry is None:
        return None
    code, prep = entry.code, ""
    for rule in entry.rules:
        if matches(tok, rule, lexicon.synsets):
            code, prep = rule[3], rule[1] if not rule[2] else ""
            break
    code = known_code(book.cameo, code)
    if code is None or code not in lexicon.usable:
        return None
    return make_pattern(book, lexicon, entry.lemma, code, prep)


def known_code(cameo: dict[str, CameoCode], code: str) -> str | None:
    """The code, or its nearest parent in cameo.tsv ('1124' -> '112'); None for no event."""
    while code:
        if code in cameo:
            return code
        code = code[:-1] if len(code) > 3 else ""
    return None


def make_pattern(book: Codebook, lexicon: Backoff, lemma: str, code: str, prep: str) -> Pattern:
    """A codebook-like pattern for the verb (the target first in the preposition the rule names)."""
    key = (lemma, code, prep)
    if key not in lexicon._patterns:
        target = ((prep,) if prep in slot_names("target") else ()) + lexicon.target
        lexicon._patterns[key] = Pattern(
            id=f"backoff:{lemma}:{code}", pos="verb", lemmas=(lemma,), type=book.cameo[code].plover or "",
            cameo=code, mode=book.cameo[code].mode, source=("subj", "agent"), target=tuple(dict.fromkeys(target)),
            confidence=lexicon.confidence, group="backoff")
    return lexicon._patterns[key]


def matches(tok, rule: Rule, synsets: dict[str, frozenset[str]]) -> bool:
    """Whether the verb's object and prepositions are those the rule names."""
    obj, prep, noun, _ = rule
    if obj:
        heads = children(tok, "nsubjpass" if is_passive(tok) else "dobj")
        if not any(word_is(h, obj, synsets) for h in heads):
            return False
    if prep:
        found = [c for c in tok.children if c.dep_ in ("prep", "prt", "agent") and c.lower_ == prep]
        if not found or (noun and not any(word_is(o, noun, synsets) for c in found for o in pobjs(c))):
            return False
    return True


def word_is(tok, word: str, synsets: dict[str, frozenset[str]]) -> bool:
    """'aid' is 'aid'; 'rice' is '&food'; plurals are their singulars."""
    forms = {tok.lower_, tok.lemma_.lower()}
    if word.startswith("&"):
        return bool(forms & synsets.get(word[1:], frozenset()))
    return word in forms or word.rstrip("s") in {f.rstrip("s") for f in forms}
