"""The codebook: CAMEO and PLOVER tables and the trigger patterns, all loaded from data/.

A pattern names the word that triggers an event (a verb or noun lemma), the PLOVER type
and CAMEO code it yields, and where its source, target and object are found in the parse.
Patterns are validated when loaded; nothing is ever coded by default.
"""

from __future__ import annotations

import csv
import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import DataFileError
from .records import PLOVER_TYPES

# Mechanisms of the extractor that read more than one trigger pattern; the codebook's [mechanisms] table
# may switch each off (benchmarks/ablation.py measures what each is worth).
MECHANISMS = {
    "act_references": "'the move', 'the launch' stand for the latest act reported, and so for its author",
    "other_party": "'its neighbour', 'the rival': the apposition, else the other state the article is about",
    "centering": "pronouns bound to their clause's subject, else to the first actor of the sentence before",
    "decision_owner": "'Egypt's decision to recall its envoy': the decision's owner acts",
    "reported_accusations": "'X said Y was orchestrating a crisis' is an accusation of Y by X",
    "alleged_acts": "'accused X of shelling Y' also records the shelling by X, alleged",
    "clashes_each_way": "a clash is an attack by each side on the other",
    "implied_agents": "'the Chinese troops were detained': a measure with no agent is the other state's",
    "punishment_reasons": "a measure taken 'for justifying the aggression' accuses its target of that",
    "agreement_parties": "'the deal', 'the pact between X and Y' stand for the agreement's parties",
    "denied_charges": "'a charge the Kremlin denies', 'said the allegations were unfounded': a rejection of the accuser",
    "announcing_bodies": "'Sudan will cut ties, the defence council said': the council is Sudan's, here and later",
    "interstate_scope": "in an article about acts between states, a state acting on itself is a misread side",
    "backoff": "a verb the codebook has no pattern for, coded by the CAMEO verb dictionary (backoff.toml)",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str | None
    mode: str | None
    quad: int


@dataclass(frozen=True)
class Pattern:
    id: str
    pos: str  # verb or noun
    lemmas: tuple[str, ...]
    type: str
    cameo: str
    mode: str | None = None
    symmetric: bool = False
    source: tuple[str, ...] = ("subj",)
    target: tuple[str, ...] = ("dobj",)
    object: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()  # lemmas one of which must be a child (verb) or modifier (noun)
    forbids: tuple[str, ...] = ()  # lemmas none of which may be a child / modifier
    light: tuple[str, ...] = ()  # noun: verbs it must be the object of (empty: any or none)
    source_sectors: tuple[str, ...] = ()  # only when the source is of one of these sectors (GOV, CVL, ...)
    confidence: float = 0.7
    group: str | None = None  # a family of patterns added together ("measures"), for ablations
    examples: tuple[str, ...] = ()  # sentences that yield this pattern's type (checked by a test)


@dataclass(frozen=True)
class Reclassify:
    """An act of `type` (CAMEO code starting `cameo`) whose source is of `source_sector` is coded
    `to_type` / `to_cameo` instead."""
    type: str
    cameo: str
    source_sector: str
    to_type: str
    to_cameo: str


SECTOR_SETS = ("side", "protest", "nonstate", "beneficiary")


@dataclass
class Codebook:
    cameo: dict[str, CameoCode]
    plover: dict[str, dict]
    patterns: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)  # (pos, lemma) -> patterns
    lists: dict[str, frozenset[str]] = field(default_factory=dict)  # word lists: planned, speech, ...
    refine: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> object class -> finer code
    constructions: dict[str, Pattern] = field(default_factory=dict)  # clause shapes: "demand", "appeal"
    threats: dict[str, dict[str, str]] = field(default_factory=dict)  # "act"/"conditional" -> code prefix -> 13x
    mechanisms: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(MECHANISMS, True))

    def uses(self, mechanism: str) -> bool:
        """Whether a mechanism of the extractor is switched on ([mechanisms]; all are by default)."""
        return self.mechanisms.get(mechanism, True)
    hostile_types: frozenset[str] = frozenset()  # whose announced or conditional future is a threat
    domestic_types: frozenset[str] = frozenset()  # that happen inside one country
    alleged_types: frozenset[str] = frozenset()  # acts an accusation records as alleged events
    interstate_types: frozenset[str] = frozenset()  # acts a state never does to itself
    punitive_types: frozenset[str] = frozenset()  # measures whose stated reason accuses their target
    intents: dict[str, str] = field(default_factory=dict)  # act type -> CAMEO 03x of its offer or promise
    refusals: dict[str, str] = field(default_factory=dict)  # act type -> CAMEO 12x of its refusal
    reclassify: list[Reclassify] = field(default_factory=list)
    sectors: dict[str, frozenset[str]] = field(default_factory=dict)  # side, protest, nonstate, beneficiary

    def reclassified(self, ptype: str, cameo: str, source_sector: str | None) -> tuple[str, str]:
        """(type, code) after the [[reclassify]] rules ('property wrecked by protesters is a riot')."""
        for rule in self.reclassify:
            if ptype == rule.type and cameo.startswith(rule.cameo) and source_sector == rule.source_sector:
                return rule.to_type, rule.to_cameo
        return ptype, cameo

    def sector_set(self, name: str) -> frozenset[str]:
        return self.sectors.get(name, frozenset())

    def threat_code(self, code: str, conditional: bool) -> str | None:
        """The CAMEO threat code for a hostile act announced for the future (longest prefix wins);
        some acts (a withdrawal) threaten only when made conditional."""
        tables = [self.threats.get("act", {})] + ([self.threats.get("conditional", {})] if conditional else [])
        for n in range(len(code), 1, -1):
            for table in tables:
                if code[:n] in table:
                    return table[code[:n]]
        return None

    def for_token(self, pos: str, lemma: str) -> list[Pattern]:
        return self.patterns.get((pos, lemma), [])

    def words(self, name: str) -> frozenset[str]:
        return self.lists.get(name, frozenset())

    @functools.cached_property
    def _forms(self) -> frozenset[str]:
        forms: set[str] = set()
        for _, lemma in self.patterns:
            forms |= inflections(lemma)
        for pattern in self.constructions.values():
            forms |= {w for lemma in pattern.lemmas for w in inflections(lemma)}
        for word in self.lists.get("accusation_words", ()):  # the cue of a reported accusation
            forms |= inflections(word)
        return frozenset(forms)

    def trigger_forms(self) -> frozenset[str]:
        """Every regularly inflected form of every trigger lemma, for the prefilter that decides what to
        parse (the language pack adds the irregular forms: `Language.trigger_forms`)."""
        return self._forms


def inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun lemma (over-generating is harmless here)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", lemma + "er"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ion"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def slot_names(side: str) -> frozenset[str]:
    """The argument slots a pattern may name on `side` ("source" or "target"): exactly those the
    extractor registers (extract/slots.py, `@slot`), so a slot is named in one place."""
    from .extract.slots import slot_names as registered  # the extractor imports this module: load late

    return registered(side)


def _data_dir() -> Path:
    return Path(str(resources.files("eventdesk") / "data"))


def _tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_cameo(path: Path) -> dict[str, CameoCode]:
    table = {}
    for n, row in enumerate(_tsv(path), 2):
        try:
            code = CameoCode(row["code"], row["name"], float(row["goldstein"]), row["plover"] or None,
                             row["mode"] or None, int(row["quad"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{path}: row {n}: {exc}") from None
        table[code.code] = code
    return table


def _pattern(raw: dict, pos: str, n: int, path: Path, cameo: dict[str, CameoCode]) -> Pattern:
    where = f"{path}: {pos} pattern #{n} ({raw.get('lemmas')})"
    known = {"id", "lemmas", "type", "cameo", "mode", "symmetric", "source", "target", "object", "requires",
             "forbids", "light", "confidence", "source_sectors", "group", "examples"}
    unknown = set(raw) - known
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    code = str(raw.get("cameo", ""))
    if code not in cameo:
        raise DataFileError(f"{where}: CAMEO code {code!r} is not in cameo.tsv")
    ptype = raw.get("type") or cameo[code].plover
    if ptype not in PLOVER_TYPES:
        raise DataFileError(f"{where}: no PLOVER type (give 'type'; CAMEO {code} maps to none)")
    lemmas = tuple(raw.get("lemmas") or ())
    if not lemmas:
        raise DataFileError(f"{where}: 'lemmas' is empty")
    default_source = ("subj",) if pos == "verb" else ("poss", "from", "by", "demonym", "light")
    default_target = ("dobj",) if pos == "verb" else ("with", "to")
    source = tuple(raw.get("source", default_source))
    target = tuple(raw.get("target", default_target))
    bad = [s for s in source if s not in slot_names("source")] + [t for t in target if t not in slot_names("target")]
    if bad:
        raise DataFileError(f"{where}: unknown argument slot(s) {', '.join(bad)}")
    return Pattern(
        id=raw.get("id") or f"{pos}:{lemmas[0]}:{code}", pos=pos, lemmas=lemmas, type=ptype, cameo=code,
        mode=raw.get("mode", cameo[code].mode), symmetric=bool(raw.get("symmetric", False)),
        source=source, target=target, object=tuple(raw.get("object", ())),
        requires=tuple(raw.get("requires", ())), forbids=tuple(raw.get("forbids", ())),
        light=tuple(raw.get("light", ())), source_sectors=tuple(raw.get("source_sectors", ())),
        confidence=float(raw.get("confidence", 0.7)), group=raw.get("group"),
        examples=tuple(raw.get("examples", ())))


def load_codebook_file(path: Path, cameo: dict[str, CameoCode], plover: dict[str, dict]) -> Codebook:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path}: {exc}") from None
    book = Codebook(cameo=cameo, plover=plover)
    for pos in ("verb", "noun"):
        for n, entry in enumerate(raw.get(pos, []), 1):
            pattern = _pattern(entry, pos, n, path, cameo)
            for lemma in pattern.lemmas:
                book.patterns.setdefault((pos, lemma.lower()), []).append(pattern)
    for name, words in (raw.get("lists") or {}).items():
        if not isinstance(words, list):
            raise DataFileError(f"{path}: lists.{name} must be a list of words")
        book.lists[name] = frozenset(w.lower() for w in words)
    for n, entry in enumerate(raw.get("construction", []), 1):
        pattern = _pattern(entry, "verb", n, path, cameo)
        if not entry.get("id"):
            raise DataFileError(f"{path}: construction #{n} needs an 'id'")
        book.constructions[pattern.id] = pattern
    for kind, table in (raw.get("threats") or {}).items():
        if kind not in ("act", "conditional") or not isinstance(table, dict):
            raise DataFileError(f"{path}: threats.{kind}: expected [threats.act] or [threats.conditional]")
        for prefix, code in table.items():
            if code not in cameo or not code.startswith("13"):
                raise DataFileError(f"{path}: threats.{kind}.{prefix}: {code!r} is not a CAMEO threat code")
        book.threats[kind] = dict(table)
    for name, value in (raw.get("mechanisms") or {}).items():
        if name not in MECHANISMS or not isinstance(value, bool):
            raise DataFileError(f"{path}: mechanisms.{name}: expected one of {', '.join(sorted(MECHANISMS))} "
                                "set to true or false")
        book.mechanisms[name] = value
    for code, classes in (raw.get("refine") or {}).items():
        for finer in classes.values():
            if finer not in cameo:
                raise DataFileError(f"{path}: refine.{code}: CAMEO code {finer!r} is not in cameo.tsv")
        book.refine[code] = dict(classes)
    _load_rules(raw, path, book)
    return book


def _types(path: Path, where: str, values) -> frozenset[str]:
    if not isinstance(values, list) or any(v not in PLOVER_TYPES for v in values):
        raise DataFileError(f"{path}: {where}: expected a list of PLOVER types, got {values!r}")
    return frozenset(values)


def _codes_by_type(path: Path, where: str, table, cameo: dict[str, CameoCode]) -> dict[str, str]:
    if not isinstance(table, dict):
        raise DataFileError(f"{path}: [{where}] must be a table of PLOVER type = CAMEO code")
    for ptype, code in table.items():
        if ptype not in PLOVER_TYPES or code not in cameo:
            raise DataFileError(f"{path}: {where}.{ptype} = {code!r}: unknown PLOVER type or CAMEO code")
    return dict(table)


def _load_rules(raw: dict, path: Path, book: Codebook) -> None:
    """[rules], [intents], [refusals], [[reclassify]] and [sectors]: the coding rules beside the patterns."""
    rules = raw.get("rules") or {}
    unknown = set(rules) - {"hostile_types", "domestic_types", "alleged_types", "interstate_types", "punitive_types"}
    if unknown:
        raise DataFileError(f"{path}: rules: unknown key(s) {', '.join(sorted(unknown))}")
    book.hostile_types = _types(path, "rules.hostile_types", rules.get("hostile_types", []))
    book.domestic_types = _types(path, "rules.domestic_types", rules.get("domestic_types", []))
    book.alleged_types = _types(path, "rules.alleged_types", rules.get("alleged_types", []))
    book.interstate_types = _types(path, "rules.interstate_types", rules.get("interstate_types", []))
    book.punitive_types = _types(path, "rules.punitive_types", rules.get("punitive_types", []))
    book.intents = _codes_by_type(path, "intents", raw.get("intents") or {}, book.cameo)
    book.refusals = _codes_by_type(path, "refusals", raw.get("refusals") or {}, book.cameo)
    for n, entry in enumerate(raw.get("reclassify") or [], 1):
        try:
            rule = Reclassify(**entry)
        except TypeError:
            raise DataFileError(f"{path}: reclassify #{n}: expected keys type, cameo, source_sector, to_type, "
                                f"to_cameo, got {', '.join(sorted(entry))}") from None
        if rule.type not in PLOVER_TYPES or rule.to_type not in PLOVER_TYPES or rule.to_cameo not in book.cameo:
            raise DataFileError(f"{path}: reclassify #{n}: unknown PLOVER type or CAMEO code")
        book.reclassify.append(rule)
    sectors = raw.get("sectors") or {}
    for name, values in sectors.items():
        if name not in SECTOR_SETS:
            raise DataFileError(f"{path}: sectors.{name}: unknown set (known: {', '.join(SECTOR_SETS)})")
        if not isinstance(values, list) or not all(isinstance(v, str) and v.isupper() for v in values):
            raise DataFileError(f"{path}: sectors.{name}: expected a list of sector codes such as \"GOV\"")
        book.sectors[name] = frozenset(values)


@functools.lru_cache(maxsize=4)
def load_codebook(path: str | None = None) -> Codebook:
    """The shipped codebook (or the one at `path`), validated; loaded once per process."""
    data = _data_dir()
    cameo = load_cameo(data / "cameo.tsv")
    plover = {row["type"]: row for row in _tsv(data / "plover.tsv")}
    return load_codebook_file(Path(path) if path else data / "lang/en/codebook.toml", cameo, plover)
