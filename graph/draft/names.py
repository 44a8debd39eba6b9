"""The shape of names: name words, given names, the last words of organisation names,
particles inside surnames, and words of direction inside regional names.

Examples
--------
>>> bool(NAME_WORD.match("Nordmann")), bool(NAME_WORD.match("nordmann"))
(True, False)
>>> is_given("Kari"), is_given("Kari-Anne"), is_given("Fjellbyen")
(True, True, False)
"""

from __future__ import annotations

import re

from .gazetteer import gazetteers

__all__ = ["DIRECTIONS", "NAME_WORD", "ORG_HEADS", "PARTICLES", "is_given"]

NAME_WORD = re.compile(r"^[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèáóíúñç]+(?:-[A-ZÆØÅÄÖÜÉ]?[a-zæøåäöüéèáóíúñç]+)*$")
#: Last words of organisation names (``Mo Industripark``, ``Rana Utvikling``): never a surname.
ORG_HEADS = (
    "park", "parken", "klynge", "klyngen", "kluster", "klustret", "senter", "senteret", "center",
    "centret", "centrum", "lab", "labb", "hub", "inkubator", "utvikling", "utveckling", "invest",
    "holding", "gruppen", "næringshage", "kompetanse", "kompetens", "innovasjon", "innovation",
    "teknologi", "teknik", "teknikk", "energi", "kraft", "nett", "nät", "data", "consult",
    "kammer", "kammaren", "kammare", "forbund", "förbund", "forening", "förening", "bondelag",
    "sällskap", "stiftelse", "stiftelsen", "institutt", "institut", "instituttet", "institutet",
    "akademi", "akademien", "foods", "group", "solutions", "systems", "technologies", "partners",
    "ventures", "capital",
)


#: Particles inside surnames (``Henrik von Krogh``, ``Eva af Klint``).
PARTICLES = frozenset("von van af de der den la le du di da zu".split())

#: Words of direction that make a regional name (``Almi Mitt``, ``Skogsklustret Norr``).
DIRECTIONS = frozenset(
    "Nord Sør Syd Øst Vest Midt Mitt Norr Söder Öst Väst Nordvest Sørvest Nordost Sydost Sydväst "
    "Nordväst Indre Ytre Øvre Nedre".split()
)



def is_given(word: str) -> bool:
    """True when ``word`` is a given name of the gazetteer (each part of a hyphenated one)."""
    names = gazetteers().given_names
    return word in names or ("-" in word and all(p in names for p in word.split("-")))
