"""Terms for compiled claims: slugs and minted IRIs, the ontology's closure, role concepts,
organisation and source kinds, and the graph-level steps (super-types, blank nodes).

Examples
--------
>>> slug("Siri Aasen Tveit"), slug("Näringslivskontoret i Strömstad")
('siri-aasen-tveit', 'naringslivskontoret-i-stromstad')
>>> str(role_finder().concept("VD"))
'https://w3id.org/innograph/ontology#role-chief-executive'
>>> role_finder().concept("havnefogd") is None
True
"""

from __future__ import annotations

import functools

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..resources import ontology_files
from ..search import fold
from ..vocab import IG, ORG, RDF, RDFS, SCHEMA, SKOS

__all__ = [
    "EVENT_PROPERTIES", "HEAD_ROLES", "HELIX", "ORG_CLASSES", "SOURCE_CLASSES", "RoleFinder",
    "materialise", "ontology", "role_finder", "skolemise", "slug", "supers",
]


def slug(text: str) -> str:
    """A readable IRI segment: folded (no case, no accents), words joined by ``-``."""
    return fold(text).replace(" ", "-")


#: The class of a source by its kind.
SOURCE_CLASSES: dict[str, URIRef] = {
    "news-article": SCHEMA.NewsArticle,
    "press-release": IG.PressRelease,
    "event-notice": IG.EventNotice,
    "registry-record": IG.RegistryRecord,
}

#: The class of an organisation by its kind (super-classes are added from the ontology).
ORG_CLASSES: dict[str, URIRef] = {
    "company": IG.Company,
    "municipality": IG.Municipality,
    "county": IG.County,
    "region": IG.Region,
    "university": IG.University,
    "university-college": IG.UniversityCollege,
    "research-institute": IG.ResearchInstitute,
    "cluster": IG.Cluster,
    "incubator": IG.Incubator,
    "science-park": IG.SciencePark,
    "committee": IG.Committee,
    "association": IG.Association,
    "public-agency": IG.PublicAgency,
    "unit": IG.OrganizationalUnit,
    "organisation": ORG.Organization,
}

#: The helix sector of an organisation by its kind; a unit takes its parent's.
HELIX: dict[str, URIRef] = {
    "company": IG["helix-industry"],
    "cluster": IG["helix-industry"],
    "incubator": IG["helix-industry"],
    "science-park": IG["helix-industry"],
    "municipality": IG["helix-government"],
    "county": IG["helix-government"],
    "region": IG["helix-government"],
    "committee": IG["helix-government"],
    "public-agency": IG["helix-government"],
    "university": IG["helix-academia"],
    "university-college": IG["helix-academia"],
    "research-institute": IG["helix-academia"],
    "association": IG["helix-civil-society"],
}

#: The property that links an event to an agent, by the agent's part in it.
EVENT_PROPERTIES: dict[str, URIRef] = {
    "organiser": SCHEMA.organizer,
    "host": IG.host,
    "speaker": IG.speaker,
    "facilitator": IG.facilitator,
    "attendee": SCHEMA.attendee,
}

#: Roles whose holder heads the organisation (``org:headOf``).
HEAD_ROLES = frozenset(
    IG[f"role-{name}"] for name in (
        "chief-municipal-executive", "chief-county-executive", "chief-executive", "head-of-unit",
        "cluster-leader", "operations-manager", "incubator-manager", "rector",
    )
)


@functools.lru_cache(maxsize=1)
def ontology() -> Graph:
    """The packaged ontology (without the shapes), read once."""
    onto = Graph()
    for path in ontology_files():
        onto.parse(path, format="turtle")
    return onto


def _closure(onto: Graph, pred: URIRef) -> dict[Node, frozenset[Node]]:
    direct: dict[Node, set[Node]] = {}
    for s, o in onto.subject_objects(pred):
        direct.setdefault(s, set()).add(o)
    result: dict[Node, frozenset[Node]] = {}
    for start in direct:
        seen: set[Node] = set()
        pending = list(direct[start])
        while pending:
            n = pending.pop()
            if n not in seen:
                seen.add(n)
                pending.extend(direct.get(n, ()))
        result[start] = frozenset(seen)
    return result


@functools.lru_cache(maxsize=1)
def supers() -> tuple[dict[Node, frozenset[Node]], dict[Node, frozenset[Node]]]:
    """The ontology's super-classes and super-properties of each term (transitive)."""
    onto = ontology()
    return _closure(onto, RDFS.subClassOf), _closure(onto, RDFS.subPropertyOf)


def materialise(g: Graph) -> None:
    """State every super-type and super-property of ``g``'s triples in ``g`` itself."""
    classes, properties = supers()
    for s, p, o in list(g):
        if p == RDF.type:
            for c in classes.get(o, ()):
                g.add((s, RDF.type, c))
        else:
            for q in properties.get(p, ()):
                g.add((s, q, o))


def skolemise(g: Graph, base: str) -> Graph:
    """Replace blank nodes with IRIs ``<base>.node-<n>``, the same on every run.

    The nodes are numbered in the order of their canonical labels (RDF graph
    canonicalisation), so the same Turtle gives the same IRIs whatever order it is written in.

    Examples
    --------
    >>> g = Graph().parse(data="<urn:a> <urn:p> [ <urn:q> 1 ] .", format="turtle")
    >>> sorted(str(o) for o in skolemise(g, "urn:c").objects(URIRef("urn:a"), None))
    ['urn:c.node-1']
    """
    if not any(isinstance(n, BNode) for t in g for n in t):
        return g
    from rdflib.compare import to_canonical_graph

    canon = to_canonical_graph(g)
    labels = sorted({str(n) for t in canon for n in t if isinstance(n, BNode)})
    names = {label: URIRef(f"{base}.node-{i}") for i, label in enumerate(labels, start=1)}
    out = Graph()
    for t in canon:
        out.add(tuple(names[str(n)] if isinstance(n, BNode) else n for n in t))  # type: ignore[arg-type]
    return out


class RoleFinder:
    """Role words → concepts of ``ig:RoleScheme``, by any label in any language (folded)."""

    def __init__(self, *graphs: Graph) -> None:
        self.by_label: dict[str, URIRef] = {}
        self.known: set[URIRef] = set()
        for g in graphs:
            self.add(g)

    def add(self, g: Graph) -> None:
        """Learn the role concepts of ``g``."""
        for concept in sorted(g.subjects(SKOS.inScheme, IG.RoleScheme), key=str):
            if not isinstance(concept, URIRef):
                continue
            self.known.add(concept)
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for label in sorted(g.objects(concept, p), key=str):
                    self.by_label.setdefault(fold(str(label)), concept)

    def concept(self, role: str) -> URIRef | None:
        """The concept whose label is ``role``, or None."""
        return self.by_label.get(fold(role))


@functools.lru_cache(maxsize=1)
def role_finder() -> RoleFinder:
    """The role concepts of the packaged ontology."""
    return RoleFinder(ontology())
