"""The synthetic generator's vocabulary, names and N-Quads terms: plain strings, written as text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import vocab

__all__ = ["A", "CODAS", "FIELDS", "FIRST_NAMES", "MAX_TRIPLES", "MIDDLES", "MIN_TRIPLES",
           "ONSETS", "SEMINAR_DAY", "SEMINAR_DAY_EVERY", "SURNAMES", "SynthStats", "TOPICS",
           "TOPIC_NAMES", "date_term", "esc", "integer", "lit", "uri"]

# The namespaces as plain strings: the generator writes N-Quads text directly.
RDF, RDFS, XSD = str(vocab.RDF), str(vocab.RDFS), str(vocab.XSD)
SCHEMA, ORG, FOAF, SKOS = str(vocab.SCHEMA), str(vocab.ORG), str(vocab.FOAF), str(vocab.SKOS)
PROV, OA, TIME, DCTERMS = str(vocab.PROV), str(vocab.OA), str(vocab.TIME), str(vocab.DCTERMS)
IG = vocab.ONTOLOGY

#: The smallest and largest sizes :func:`generate` accepts.
MIN_TRIPLES, MAX_TRIPLES = 1_000, 100_000_000

#: The date of the seminar that the packaged article reports; the first seminar of one region
#: in :data:`SEMINAR_DAY_EVERY` falls on it too, so that the date-bound competency queries find
#: synthetic answers at every size (and as many more as the size grows, not all of them).
SEMINAR_DAY = date(2018, 1, 8)
SEMINAR_DAY_EVERY = 25

TOPICS = (
    "digitalisation", "municipal-leadership", "innovation", "smart-cities",
    "knowledge-sharing", "cross-sector-partnership", "service-development",
)
TOPIC_NAMES = {
    "digitalisation": ("digitalisation", "digitalisering"),
    "municipal-leadership": ("municipal leadership", "kommunalt lederskap"),
    "innovation": ("innovation", "innovasjon"),
    "smart-cities": ("smart communities", "smarte samfunn"),
    "knowledge-sharing": ("knowledge sharing", "kunnskapsdeling"),
    "cross-sector-partnership": ("partnership across sectors", "partnerskap"),
    "service-development": ("service development", "tjenesteutvikling"),
}
FIELDS = (
    ("Energy", "energi"), ("Health", "helse"), ("Ocean", "hav"), ("Food", "mat"),
    ("Mobility", "mobilitet"), ("Materials", "materialer"), ("Data", "data"),
    ("Forest", "skog"), ("Tourism", "reiseliv"), ("Logistics", "logistikk"),
)
ONSETS = (
    "Ar", "Bjør", "Da", "El", "Fj", "Gr", "Ha", "Is", "Kv", "Lu", "Mo", "Ny", "Os", "Ri",
    "Sk", "Tr", "Ul", "Ve", "Å", "Ør", "Br", "St", "Sn", "Ho", "Ly", "Mal", "Nor", "Sol",
)
MIDDLES = ("a", "e", "i", "o", "u", "y", "ø", "ås", "er", "en", "el", "an", "ek", "is")
CODAS = (
    "vik", "by", "dal", "berg", "sund", "stad", "holm", "ås", "fjord", "lund", "heim",
    "ness", "ker", "strand", "torp", "bro", "mark", "sjö", "hamn", "rud",
)
FIRST_NAMES = (
    "Anders", "Astrid", "Bente", "Birger", "Camilla", "Dag", "Eirik", "Elin", "Frida",
    "Geir", "Gunhild", "Hanne", "Henrik", "Ida", "Ingrid", "Jan", "Jorunn", "Kari", "Karl",
    "Kjersti", "Lars", "Linnea", "Magnus", "Maja", "Nils", "Nora", "Ola", "Per", "Ragnhild",
    "Rune", "Sigrid", "Siv", "Stein", "Sven", "Tone", "Trond", "Ulla", "Vidar", "Åse", "Øystein",
)
SURNAMES = (
    "Aas", "Berg", "Dahl", "Eriksson", "Fjeld", "Gustafsson", "Haug", "Holm", "Johansen",
    "Karlsson", "Lie", "Lindqvist", "Moe", "Nilsen", "Nyström", "Olsen", "Pettersson",
    "Rustad", "Sandberg", "Strand", "Solheim", "Tangen", "Vik", "Wallin", "Økland",
)


@dataclass
class SynthStats:
    """What :func:`generate` wrote."""

    quads: int = 0
    regions: int = 0
    articles: int = 0
    claims: int = 0
    persons: int = 0
    organisations: int = 0
    events: int = 0


def esc(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )


def lit(value: str, lang: str = "", datatype: str = "") -> str:
    """A literal in N-Quads syntax.

    Examples
    --------
    >>> lit('say "hi"', "en")
    '"say \\\\"hi\\\\""@en'
    >>> lit("2018-01-08", datatype=XSD + "date")
    '"2018-01-08"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    if lang:
        return f'"{esc(value)}"@{lang}'
    if datatype:
        return f'"{esc(value)}"^^<{datatype}>'
    return f'"{esc(value)}"'


def uri(value: str) -> str:
    return f"<{value}>"


A = uri(RDF + "type")


def integer(n: int) -> str:
    return lit(str(n), datatype=XSD + "integer")


def date_term(d: date) -> str:
    return lit(d.isoformat(), datatype=XSD + "date")
