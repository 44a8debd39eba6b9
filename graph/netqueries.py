"""The SPARQL that the network projections read the graph with (see :mod:`graph.network`).

Each query reads one kind of fact for every entity at once: which entities there are and of
what kind, their names, their details (types, sector, countries, dates), the links between
them, the posts, and the properties' super-properties and labels. The evidence of the links is
read by :func:`graph.evidence.evidence_spans`.
"""

from __future__ import annotations

from . import vocab

SCHEMA, ORG, SKOS = str(vocab.SCHEMA), str(vocab.ORG), str(vocab.SKOS)

# Properties that never become edges: names, typing, vocabulary, and links that another edge
# already carries (worksFor and headOf ride on the post; mentions is the article's, not an actor's).
SKIP = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2002/07/owl#sameAs",
    SKOS + "inScheme",
    ORG + "classification",
    ORG + "role",
    ORG + "headOf",
    ORG + "hasUnit",
    SCHEMA + "worksFor",
    SCHEMA + "subOrganization",
    SCHEMA + "parentOrganization",
    SCHEMA + "mentions",
}

ENTITIES = """
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX ig: <https://w3id.org/innograph/ontology#>
SELECT DISTINCT ?e ?class WHERE {
  VALUES ?class { %s }
  { ?e a ?class } UNION { ?e skos:inScheme ?class }
  FILTER(isIRI(?e))
}
"""

NAMES = """
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?name WHERE {
  { ?e skos:prefLabel ?name } UNION { ?e schema:name ?name }
}
"""

DETAILS = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?what ?value WHERE {
  {
    # the classes of entities only: claims, evidence and terms are typed too, by the thousand
    { VALUES ?kind { %(kinds)s } ?e a ?kind } UNION { VALUES ?kind { %(kinds)s } ?e skos:inScheme ?kind }
    ?e a ?value . BIND("type" AS ?what)
  } UNION {
    ?e org:classification ?c . ?c skos:inScheme ig:HelixScheme ; skos:prefLabel ?value .
    FILTER(lang(?value) = "en") BIND("sector" AS ?what)
  } UNION {
    ?e (schema:areaServed|schema:location|schema:containedInPlace)/schema:containedInPlace* ?c .
    ?c a schema:Country ; schema:name ?value . FILTER(lang(?value) = "en")
    BIND("country" AS ?what)
  } UNION {
    ?e a schema:Country ; schema:name ?value . FILTER(lang(?value) = "en")
    BIND("country" AS ?what)
  } UNION {
    ?e schema:startDate ?value . BIND("start" AS ?what)
  } UNION {
    ?e schema:endDate ?value . BIND("end" AS ?what)
  } UNION {
    ?e time:hasTime/rdfs:label ?value . BIND("time" AS ?what)
  }
}
"""

# The links between entities: IRI objects, without the properties that never become edges
# (``org:headOf`` stays: it marks the post that heads an organisation), so that the store, not
# Python, drops the typing and the evidence's own links.
NOT_LINKS = (SKIP - {ORG + "headOf"}) | {
    # the evidence's own links and the periods of posts: their subjects are never entities
    str(vocab.PROV) + "wasDerivedFrom", str(vocab.OA) + "hasSource", str(vocab.OA) + "hasSelector",
    str(vocab.TIME) + "inside", str(vocab.TIME) + "hasBeginning", str(vocab.TIME) + "hasEnd",
    str(vocab.TIME) + "before", ORG + "memberDuring",
}


def link_filter(p: str, o: str) -> str:
    skipped = ", ".join(f"<{x}>" for x in sorted(NOT_LINKS))
    return f"isIRI({o}) && {p} NOT IN ({skipped})"


# Only the links of entities are read (the views keep no other): starting from the entities'
# classes, the store looks up a few thousand subjects instead of scanning every quad.
TRIPLES = (
    "SELECT DISTINCT ?s ?p ?o WHERE {\n"
    "  { VALUES ?k { %(kinds)s } ?s a ?k }\n"
    "  UNION { VALUES ?k { %(kinds)s } ?s <" + SKOS + "inScheme> ?k }\n"
    f"  ?s ?p ?o FILTER({link_filter('?p', '?o')})\n"
    "}"
)

POSTS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT DISTINCT ?m ?person ?org ?role ?roleLabel ?on ?from ?to ?before WHERE {
  ?m a org:Membership ; org:member ?person ; org:organization ?org .
  OPTIONAL { ?m org:role ?role .
             OPTIONAL { ?role skos:prefLabel ?roleLabel FILTER(lang(?roleLabel) = "nb") } }
  OPTIONAL { ?m org:memberDuring/time:inside/time:inXSDDate ?on }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?from }
  OPTIONAL { ?m org:memberDuring/time:hasEnd/time:inXSDDate ?to }
  OPTIONAL { ?m org:memberDuring/time:before/time:inXSDDate ?before }
}
"""

SUPERS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?p ?super ?label WHERE {
  # subPropertyOf+ as a first step, then *: some servers refuse a path with both ends unbound
  { ?p rdfs:subPropertyOf ?direct . ?direct rdfs:subPropertyOf* ?super }
  UNION { ?p rdfs:label ?label FILTER(lang(?label) = "en") }
}
"""
