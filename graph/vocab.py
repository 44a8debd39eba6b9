"""The RDF vocabulary: every namespace innograph uses, its prefix map, and CURIE handling.

This is the one place that names a namespace. Everything else imports the constants from here,
shortens IRIs with :func:`curie` and reads prefixed names with :func:`expand`.

Examples
--------
>>> str(SCHEMA.Person)
'https://schema.org/Person'
>>> curie("https://w3id.org/innograph/id/person/unni-skar")
'person:unni-skar'
>>> expand("org:Membership")
'http://www.w3.org/ns/org#Membership'
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

__all__ = [
    "BASE", "DCTERMS", "FOAF", "ID", "IG", "OA", "ONTOLOGY", "ORG", "OWL", "PREFIXES", "PROV",
    "RDF", "RDFS", "SCHEMA", "SH", "SKOS", "TIME", "XSD", "curie", "expand", "is_curie",
]

#: The base of every IRI that innograph mints.
BASE = "https://w3id.org/innograph/"
#: The ontology namespace (local terms).
ONTOLOGY = BASE + "ontology#"
#: The namespace of entities: persons, organisations, events, claims, sources, ...
ID = BASE + "id/"

IG = Namespace(ONTOLOGY)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Every prefix that claim bodies, queries and generated files may use.
PREFIXES: dict[str, str] = {
    "article": ID + "article/",
    "claim": ID + "claim/",
    "dcterms": str(DCTERMS),
    "event": ID + "event/",
    "foaf": str(FOAF),
    "group": ID + "group/",
    "ig": ONTOLOGY,
    "interval": ID + "interval/",
    "mship": ID + "membership/",
    "oa": str(OA),
    "org": str(ORG),
    "orgs": ID + "org/",
    "owl": str(OWL),
    "person": ID + "person/",
    "place": ID + "place/",
    "prov": str(PROV),
    "quote": ID + "quote/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "source": ID + "source/",
    "time": str(TIME),
    "tm": ID + "time/",
    "xsd": str(XSD),
}

# longest namespace first, so that the most specific prefix wins when shortening
_BY_LENGTH = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: (-len(x[0]), x[1]))
_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*(?<!\.)$")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([^/\s][^\s]*)?$")


def curie(iri: str | URIRef, *, strict: bool = False, brackets: bool = False) -> str:
    """Shorten an IRI with the project's prefixes (the longest namespace that fits).

    The local part must not contain ``/`` (with ``strict=True`` it must also be a valid Turtle
    local name). An IRI that cannot be shortened comes back as it is, or in angle brackets with
    ``brackets=True`` (as Turtle and SPARQL write it).

    Examples
    --------
    >>> curie("https://schema.org/Event")
    'schema:Event'
    >>> curie("http://example.org/x"), curie("http://example.org/x", brackets=True)
    ('http://example.org/x', '<http://example.org/x>')
    >>> curie("https://w3id.org/innograph/id/claim/000/unni-skar")
    'https://w3id.org/innograph/id/claim/000/unni-skar'
    >>> curie("https://w3id.org/innograph/id/org/a b", strict=True, brackets=True)
    '<https://w3id.org/innograph/id/org/a b>'
    """
    text = str(iri)
    for ns, prefix in _BY_LENGTH:
        if text.startswith(ns):
            local = text[len(ns):]
            if "/" not in local and (not strict or local == "" or _LOCAL.match(local)):
                return f"{prefix}:{local}"
            break
    return f"<{text}>" if brackets else text


def is_curie(text: str) -> bool:
    """Whether ``text`` is a prefixed name with one of the project's prefixes.

    Examples
    --------
    >>> is_curie("person:unni-skar"), is_curie("Unni Skår"), is_curie("http://x.org/")
    (True, False, False)
    """
    m = _PREFIXED.match(text)
    return bool(m and m.group(1) in PREFIXES)


def expand(text: str) -> str | None:
    """Expand a prefixed name with the project's prefixes; None when it is not one.

    Examples
    --------
    >>> expand("person:unni-skar")
    'https://w3id.org/innograph/id/person/unni-skar'
    >>> expand("Unni Skår") is None, expand("nope:x") is None
    (True, True)
    """
    m = _PREFIXED.match(text)
    if m and m.group(1) in PREFIXES:
        return PREFIXES[m.group(1)] + (m.group(2) or "")
    return None
