"""The gazetteers that ship with the drafter: given names, places, role words, legal forms and
nationally known organisations, read once from the package's ``data`` folder.

Examples
--------
>>> g = gazetteers()
>>> g.given_names["Siri"], g.given_names["Lars"]
('f', 'm')
>>> "Kristiansand" in g.places and "Östersund" in g.places
True
>>> g.roles["näringslivschef"]
'business-development-director'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Gazetteers", "gazetteers"]

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass(frozen=True)
class Gazetteers:
    """Every gazetteer, as plain dictionaries and sets.

    Attributes
    ----------
    given_names : dict
        Given name → ``f``, ``m`` or ``u`` (either).
    places : frozenset
        Names of Norwegian and Swedish counties, regions, provinces and municipalities, and
        other common place names.
    roles : dict
        Role word or phrase (base form, as written) → slug of its ``ig:role-*`` concept.
    legal_forms : frozenset
        Words that end a company name (``AS``, ``AB``...).
    known_orgs : dict
        Name or alias → (canonical name, kind) of nationally known organisations.
    """

    given_names: dict[str, str]
    places: frozenset[str]
    roles: dict[str, str]
    legal_forms: frozenset[str]
    known_orgs: dict[str, tuple[str, str]]


@lru_cache(maxsize=1)
def gazetteers() -> Gazetteers:
    """The packaged gazetteers (read on first use)."""
    names: dict[str, str] = {}
    for line in _lines("given_names.txt"):
        name, gender = line.split()
        names[name] = gender
    places = frozenset(
        line for f in ("places_no.txt", "places_se.txt", "places_other.txt") for line in _lines(f)
    )
    roles: dict[str, str] = {}
    for line in _lines("roles.tsv"):
        word, slug, _lang = line.split("\t")
        roles.setdefault(word, slug)
    known: dict[str, tuple[str, str]] = {}
    for line in _lines("known_orgs.tsv"):
        parts = line.split("\t")
        name, kind = parts[0], parts[1]
        known[name] = (name, kind)
        for alias in (parts[2].split("|") if len(parts) > 2 else []):
            known[alias] = (name, kind)
    return Gazetteers(names, places, roles, frozenset(_lines("legal_forms.txt")), known)
