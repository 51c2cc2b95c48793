"""Docs that cannot drift: the README names every command, the codebook header every slot and list."""

import re
import tomllib
from pathlib import Path

from eventdesk.cli import app
from eventdesk.extract.slots import slot_names
from eventdesk.language import _lang_dir

README = Path(__file__).resolve().parents[1] / "README.md"
CODEBOOK = _lang_dir() / "en" / "codebook.toml"


def _header() -> str:
    """The comment block at the top of the codebook, before its first table."""
    text = CODEBOOK.read_text(encoding="utf-8")
    return text[: re.search(r"^\[", text, flags=re.M).start()]


def _named(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def test_the_readme_names_every_command():
    readme = README.read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    commands += [g.name for g in app.registered_groups]
    assert commands
    missing = [c for c in commands if not re.search(rf"eventdesk (--\S+ \S+ )?{re.escape(c)}\b", readme)]
    assert not missing, f"README.md does not show: {missing}"


def test_the_codebook_header_documents_every_slot():
    header = _header()
    slots = slot_names("source") | slot_names("target")
    assert not [s for s in sorted(slots) if not _named(s, header)]


def test_the_codebook_header_documents_every_list_and_section():
    header = _header()
    raw = tomllib.loads(CODEBOOK.read_text(encoding="utf-8"))
    lists = list(raw.get("lists", {}))
    sections = [k for k in raw if k not in ("lists", "verb", "noun")]
    assert lists and not [name for name in lists + sections if not _named(name, header)]
