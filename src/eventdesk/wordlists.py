"""The words of a language behind the cleaning and date patterns, read from `data/lang/<lang>/<name>.toml`.

Each file is a table of named lists of regular-expression fragments (most are plain words). The
code that uses a file names the lists it needs; a missing list, an unknown one, an empty entry or a
fragment that does not compile is refused with the file and the list named.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import DataFileError


def lang_dir(lang: str) -> Path:
    return Path(str(resources.files("eventdesk") / "data" / "lang" / lang))


@cache
def load_wordlists(name: str, lang: str = "en", required: frozenset[str] = frozenset(),
                   optional: frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """The lists of `data/lang/<lang>/<name>.toml`, validated: every key is known, every entry compiles."""
    path = lang_dir(lang) / f"{name}.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path}: missing (the {name} words of language {lang!r})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from None
    return validate_wordlists(raw, str(path), required, optional)


def validate_wordlists(raw: dict, where: str, required: frozenset[str], optional: frozenset[str] = frozenset()
                       ) -> dict[str, tuple[str, ...]]:
    missing = required - raw.keys()
    if missing:
        raise DataFileError(f"{where}: missing list(s) {', '.join(sorted(missing))}")
    unknown = raw.keys() - required - optional
    if unknown:
        raise DataFileError(f"{where}: unknown list(s) {', '.join(sorted(unknown))}")
    out = {}
    for key, values in raw.items():
        if not isinstance(values, list) or not values:
            raise DataFileError(f"{where}: '{key}' must be a non-empty list of strings")
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise DataFileError(f"{where}: '{key}' holds {value!r}, not a non-empty string")
            try:
                re.compile(value)
            except re.error as exc:
                raise DataFileError(f"{where}: '{key}': {value!r} is not a valid pattern ({exc})") from None
        out[key] = tuple(values)
    return out


def alternation(fragments: tuple[str, ...]) -> str:
    """One non-capturing group matching any of the fragments, longest first (so 'share this' beats 'share')."""
    return "(?:" + "|".join(sorted(fragments, key=len, reverse=True)) + ")"
