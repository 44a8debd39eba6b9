"""The RDF → networkx projections, checked node by node and edge by edge against the data.

The expected sets below are read off ``data/000_1c50d6c5c024da5a.claims.toml`` (the readable
form of the data); the evidence offsets are those its anchor phrases resolve to in the TriG.
"""

from __future__ import annotations

import pytest

import graph
from graph.kg import expand
from graph.network import actor_graph, ego_graph, organisation_graph, query_graph, to_networkx

SEMINAR = "event:2018-01-08-digital-tsunami-seminar"
FOLLOW_UP = "event:2018-follow-up-seminar"
ARTICLE = "article:2018-01-09-digital-tsunami-seminar"
TOPICS_SPANS = "100-161;310-325;650-743"  # the three spans of the claim seminar-topics

# Every entity of the data: the article, the two seminars, the two unnamed groups, five
# organisations and one unit, six persons, four places and the seven topics that the seminar
# and the quotations are about. Kind = the most specific of KINDS the entity has (Remmen
# Kunnskapspark is both an ig:SciencePark and a schema:Place: an organisation). Country comes
# from schema:areaServed / location / containedInPlace up to a schema:Country: only the
# committee (areaServed Norway and Sweden) and the places have one. The sector is the helix
# concept of org:classification, which only organisations and the unit carry.
NODES = {
    ARTICLE: ("article", "Artikkel om Svinesund-seminaret om digitalisering 2018", "", ""),
    SEMINAR: ("event", "Den digitale tsunamien og kommunalt lederskap", "", ""),
    FOLLOW_UP: ("event", "Oppfølgingsseminar 2018", "", ""),
    "group:local-chief-executives": ("group", "lokale rådmenn", "", ""),
    "group:municipal-leaders": ("group", "svenske og norske kommuneledere", "", ""),
    "orgs:nce-smart-energy-markets": ("organisation", "NCE Smart Energy Markets", "", "industry"),
    "orgs:remmen-kunnskapspark": ("organisation", "Remmen Kunnskapspark", "", "industry"),
    "orgs:sarpsborg-kommune": ("organisation", "Sarpsborg kommune", "", "government"),
    "orgs:smart-innovation-norway": ("organisation", "Smart Innovation Norway", "", "academia"),
    "orgs:smart-innovation-norway-smart-cities": ("unit", "Smarte byer og samfunn", "", "academia"),
    "orgs:svinesundskomiteen": ("organisation", "Svinesundskomiteen", "Norway;Sweden", "government"),
    "person:elsie-hellstrom": ("person", "Elsie Hellström", "", ""),
    "person:jon-vidar-knold": ("person", "Jon-Vidar Knold", "", ""),
    "person:mari-kristine-buckholm": ("person", "Mari Kristine Buckholm", "", ""),
    "person:ole-gabrielsen": ("person", "Ole Gabrielsen", "", ""),
    "person:thor-moen": ("person", "Thor Moen", "", ""),
    "person:unni-skar": ("person", "Unni Skår", "", ""),
    "place:norway": ("place", "Norge", "Norway", ""),
    "place:simulatorsenteret": ("place", "Simulatorsenteret", "", ""),
    "place:svinesundsregionen": ("place", "Svinesundsregionen", "Norway;Sweden", ""),
    "place:sweden": ("place", "Sverige", "Sweden", ""),
    "ig:topic-cross-sector-partnership": ("topic", "partnerskap mellom sektorer", "", ""),
    "ig:topic-digitalisation": ("topic", "digitalisering", "", ""),
    "ig:topic-innovation": ("topic", "innovasjon", "", ""),
    "ig:topic-knowledge-sharing": ("topic", "kunnskapsdeling", "", ""),
    "ig:topic-municipal-leadership": ("topic", "kommunalt lederskap", "", ""),
    "ig:topic-service-development": ("topic", "tjenesteutvikling", "", ""),
    "ig:topic-smart-cities": ("topic", "smarte byer og samfunn", "", ""),
}

# Every edge: (subject, relation or "post", object, label, evidence). Posts are the five
# org:Membership claims (label = the role's nb name); the other edges are the IRI-valued
# triples between entities, less rdf:type, vocabulary links, schema:mentions (the article's,
# not an actor's) and worksFor/headOf (carried by the post). Where the data also state the
# standard super-property (schema:contributor beside ig:host, schema:performer beside
# ig:speaker) or the inverse (org:hasUnit, schema:subOrganization), only the specific
# property in its canonical direction is kept. Quotations are works, not entities, so their
# schema:about links do not show; that leaves two topics without edges.
EDGES = {
    (ARTICLE, "schema:about", SEMINAR, "about", "59-99;258-286"),
    (ARTICLE, "schema:author", "person:mari-kristine-buckholm", "author", "164-205"),
    (ARTICLE, "ig:photographer", "person:mari-kristine-buckholm", "photographer", "476-509"),
    (SEMINAR, "ig:speaker", "group:local-chief-executives", "speaker", "1534-1720"),
    (SEMINAR, "schema:attendee", "group:municipal-leaders", "attendee", "327-396"),
    (SEMINAR, "ig:host", "orgs:remmen-kunnskapspark", "host", "0-67"),
    (SEMINAR, "ig:host", "orgs:smart-innovation-norway", "host", "0-67"),
    (SEMINAR, "schema:organizer", "orgs:svinesundskomiteen", "organizer", "72-99;1003-1047"),
    (SEMINAR, "schema:attendee", "person:elsie-hellstrom", "attendee", "848-996"),
    (SEMINAR, "ig:facilitator", "person:jon-vidar-knold", "facilitator", "2101-2163"),
    (SEMINAR, "ig:speaker", "person:ole-gabrielsen", "speaker", "1534-1720"),
    (SEMINAR, "ig:speaker", "person:thor-moen", "speaker", "1534-1720"),
    (SEMINAR, "schema:attendee", "person:unni-skar", "attendee", "1411-1531"),
    (SEMINAR, "schema:location", "place:simulatorsenteret", "location", "744-804"),
    (SEMINAR, "schema:about", "ig:topic-digitalisation", "about", TOPICS_SPANS),
    (SEMINAR, "schema:about", "ig:topic-innovation", "about", TOPICS_SPANS),
    (SEMINAR, "schema:about", "ig:topic-knowledge-sharing", "about", TOPICS_SPANS),
    (SEMINAR, "schema:about", "ig:topic-municipal-leadership", "about", TOPICS_SPANS),
    (SEMINAR, "schema:about", "ig:topic-smart-cities", "about", TOPICS_SPANS),
    (FOLLOW_UP, "ig:followUpOf", SEMINAR, "follow-up of", "2896-3011"),
    (FOLLOW_UP, "schema:organizer", "orgs:svinesundskomiteen", "organizer", "2896-3011"),
    (FOLLOW_UP, "ig:backer", "person:unni-skar", "backer", "2896-3011"),
    ("orgs:nce-smart-energy-markets", "ig:hostedBy", "orgs:smart-innovation-norway",
     "hosted by", "2032-2099"),
    ("orgs:smart-innovation-norway-smart-cities", "org:unitOf", "orgs:smart-innovation-norway",
     "unit of", "1534-1646"),
    ("orgs:svinesundskomiteen", "schema:areaServed", "place:norway", "area served", "280-307;557-645"),
    ("orgs:svinesundskomiteen", "schema:areaServed", "place:svinesundsregionen",
     "area served", "280-307;557-645"),
    ("orgs:svinesundskomiteen", "schema:areaServed", "place:sweden", "area served", "280-307;557-645"),
    ("person:elsie-hellstrom", "post", "orgs:svinesundskomiteen",
     "administrerende direktør", "981-1021"),
    ("person:jon-vidar-knold", "post", "orgs:nce-smart-energy-markets", "klyngeleder",
     "2022-2116"),
    ("person:ole-gabrielsen", "post", "orgs:smart-innovation-norway",
     "administrerende direktør", "1534-1599"),
    ("person:thor-moen", "post", "orgs:smart-innovation-norway-smart-cities", "avdelingsleder",
     "1604-1657"),
    ("person:unni-skar", "post", "orgs:sarpsborg-kommune", "rådmann", "1493-1531"),
    ("place:simulatorsenteret", "schema:containedInPlace", "orgs:remmen-kunnskapspark",
     "contained in place", "746-787"),
    ("place:svinesundsregionen", "schema:containedInPlace", "place:norway",
     "contained in place", "280-307;557-599"),
    ("place:svinesundsregionen", "schema:containedInPlace", "place:sweden",
     "contained in place", "280-307;557-599"),
}

# The posts: member → (role concept, heads the organisation). Every post in the data is the
# head of its organisation or unit (each claim also states org:headOf).
POSTS = {
    "person:elsie-hellstrom": "ig:role-chief-executive",
    "person:jon-vidar-knold": "ig:role-cluster-leader",
    "person:ole-gabrielsen": "ig:role-chief-executive",
    "person:thor-moen": "ig:role-head-of-unit",
    "person:unni-skar": "ig:role-chief-municipal-executive",
}


def iri(name: str) -> str:
    out = expand(name)
    assert out is not None, name
    return out


def short(G_iri: str) -> str:
    from rdflib import URIRef

    from graph.results import short as short_term

    return short_term(URIRef(G_iri))


@pytest.fixture(scope="module")
def actors(kg: graph.KnowledgeGraph):
    return actor_graph(kg)


def test_actor_nodes_are_exactly_the_entities(actors) -> None:
    got = {
        short(n): (d["kind"], d["label"], d["country"], d["sector"])
        for n, d in actors.nodes(data=True)
    }
    assert got == NODES


def test_every_node_carries_every_attribute(actors) -> None:
    committee = actors.nodes[iri("orgs:svinesundskomiteen")]
    assert committee["label_nb"] == "Svinesundskomiteen"
    assert committee["label_sv"] == "Svinesundskommittén"
    assert committee["label_en"] == "the Svinesund Committee"
    assert committee["iri"] == iri("orgs:svinesundskomiteen")
    assert "https://w3id.org/innograph/ontology#CrossBorderCommittee" in committee["types"].split()
    # a person has no Swedish or English name: every language falls back to the name
    unni = actors.nodes[iri("person:unni-skar")]
    assert (unni["label_nb"], unni["label_en"], unni["label_sv"]) == ("Unni Skår",) * 3
    keys = {"label", "label_nb", "label_en", "label_sv", "kind", "types", "country", "sector",
            "iri", "date"}
    for _, d in actors.nodes(data=True):
        assert set(d) == keys
        assert all(isinstance(v, str) for v in d.values())  # GEXF and GraphML hold them


def test_actor_edges_are_exactly_the_relations(actors) -> None:
    got = set()
    for u, v, d in actors.edges(data=True):
        relation = "post" if d["relation"] == "http://www.w3.org/ns/org#Membership" else short(
            d["relation"])
        got.add((short(u), relation, short(v), d["label"], d["evidence"]))
    assert got == EDGES
    assert actors.number_of_edges() == len(EDGES) == 35


def test_posts_carry_role_heads_and_membership(actors) -> None:
    posts = {
        short(u): (short(d["role"]), d["heads"], short(d["membership"]))
        for u, v, d in actors.edges(data=True) if "membership" in d
    }
    assert {p: r for p, (r, _, _) in posts.items()} == POSTS
    assert all(heads for _, heads, _ in posts.values())
    assert posts["person:unni-skar"][2] == "mship:unni-skar-sarpsborg-kommune"
    # other edges have no role and do not head anything
    others = [d for _, _, d in actors.edges(data=True) if "membership" not in d]
    assert {(d["role"], d["heads"]) for d in others} == {("", False)}


def test_edge_evidence_names_claims_and_source(actors, source_text: str) -> None:
    d = actors.edges[iri(SEMINAR), iri("person:jon-vidar-knold"),
                     "https://w3id.org/innograph/ontology#facilitator"]
    assert d["claims"] == "https://w3id.org/innograph/id/claim/000_1c50d6c5c024da5a/seminar-facilitator"
    assert d["source"] == iri(ARTICLE)
    start, end = map(int, d["evidence"].split("-"))
    # the claim's anchor phrases: the span opens on his name and closes on the seminar
    assert source_text[start:end].startswith("Jon-Vidar Knold")
    assert source_text[start:end].endswith("seminaret")


def test_literals_classes_and_vocabulary_never_become_nodes(kg, actors) -> None:
    vocabulary = {
        str(r[0]) for r in kg.query("""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX ig: <https://w3id.org/innograph/ontology#>
        SELECT DISTINCT ?t WHERE {
          { ?t a owl:Class } UNION { ?t a rdfs:Class } UNION { ?x a ?t }
          UNION { ?t a owl:ObjectProperty } UNION { ?t a owl:DatatypeProperty }
          UNION { ?t a skos:ConceptScheme } UNION { ?t a owl:Ontology }
          UNION { ?t skos:inScheme ig:RoleScheme } UNION { ?t skos:inScheme ig:HelixScheme }
          UNION { ?s ?t ?o }
        }""")
    }
    assert len(vocabulary) > 100  # classes, properties, roles, sectors, schemes
    assert vocabulary.isdisjoint(actors.nodes)
    assert all(str(n).startswith("https://w3id.org/innograph/") for n in actors)


def test_organisation_network(kg) -> None:
    G = organisation_graph(kg)
    orgs = {n for n, (kind, *_) in NODES.items() if kind in ("organisation", "unit")}
    assert {short(n) for n in G} == orgs
    # All six take part in the seminar: the committee organises it, Smart Innovation Norway and
    # Remmen host it, Sarpsborg through Unni Skår (attendee), NCE through Jon-Vidar Knold
    # (facilitator), the unit through Thor Moen (speaker). So every pair is linked: 15 edges.
    assert G.number_of_edges() == 15
    # A pair has one more tie for each further shared event or structural link: the committee
    # and Sarpsborg meet again at the follow-up (organiser; Unni Skår backs it), NCE is hosted
    # by Smart Innovation Norway, the unit is a unit of it.
    heavy = {tuple(sorted((short(u), short(v)))): d["via"]
             for u, v, d in G.edges(data=True) if d["weight"] > 1}
    assert heavy == {
        ("orgs:sarpsborg-kommune", "orgs:svinesundskomiteen"):
            "Den digitale tsunamien og kommunalt lederskap; Oppfølgingsseminar 2018",
        ("orgs:nce-smart-energy-markets", "orgs:smart-innovation-norway"):
            "Den digitale tsunamien og kommunalt lederskap; structure",
        ("orgs:smart-innovation-norway", "orgs:smart-innovation-norway-smart-cities"):
            "Den digitale tsunamien og kommunalt lederskap; structure",
    }
    assert all(d["weight"] == 1 for u, v, d in G.edges(data=True)
               if tuple(sorted((short(u), short(v)))) not in heavy)


def test_ego_view(kg) -> None:
    # Unni Skår's direct ties: attendee of the seminar, backer of the follow-up, post in Sarpsborg
    G = ego_graph(kg, "Unni Skår", 1)
    assert {short(n) for n in G} == {"person:unni-skar", SEMINAR, FOLLOW_UP,
                                     "orgs:sarpsborg-kommune"}
    assert G.graph["focus"] == iri("person:unni-skar")
    # the edges among them: her three ties, and the follow-up of the seminar
    assert G.number_of_edges() == 4
    # two steps out: everything tied to the seminar (18 nodes, among them the follow-up and
    # Unni herself), plus the seminar and Sarpsborg: 20
    assert ego_graph(kg, "person:unni-skar", 2).number_of_nodes() == 20


def test_query_view_drops_literals(kg) -> None:
    G = query_graph(kg, """
        CONSTRUCT { ?e <https://w3id.org/innograph/ontology#host> ?o ;
                       <https://schema.org/startDate> ?d }
        WHERE { ?e <https://w3id.org/innograph/ontology#host> ?o ;
                   <https://schema.org/startDate> ?d }""")
    assert {short(n) for n in G} == {SEMINAR, "orgs:smart-innovation-norway",
                                     "orgs:remmen-kunnskapspark"}
    assert G.number_of_edges() == 2  # the start date is a literal: no node, no edge


def test_to_networkx_on_the_facade(kg, actors) -> None:
    G = kg.to_networkx("actors")
    assert set(G.nodes) == set(actors.nodes)
    assert set(G.edges(keys=True)) == set(actors.edges(keys=True))
    assert G.graph["view"] == "actors"
    assert kg.to_networkx("organisations").graph["view"] == "organisations"
    assert kg.to_networkx("ego", focus="Thor Moen").number_of_nodes() == 3


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"view": "people"}, graph.InputError),
        ({"view": "ego"}, graph.InputError),
        ({"view": "ego", "focus": "Nobody Atall"}, graph.NotFoundError),
        ({"view": "ego", "focus": "Thor Moen", "depth": 0}, graph.InputError),
        ({"view": "query"}, graph.InputError),
        ({"view": "query", "query": "ASK { ?s ?p ?o }"}, graph.InputError),
    ],
)
def test_bad_views_say_what_is_wrong(kg, kwargs, error) -> None:
    with pytest.raises(error):
        to_networkx(kg, **kwargs)


def test_evidence_spans_are_the_evidence_pattern_read_whole(tmp_path) -> None:
    # the projection's reader (six one-property scans joined in Python) against the joined
    # pattern every other reader uses, on the packaged graph plus a synthetic ecosystem
    import io

    from graph.evidence import evidence_query, evidence_spans
    from graph.stores import text_rows
    from graph.synthetic import write_nquads

    buf = io.StringIO()
    write_nquads(buf, triples=4000, seed=2)
    eco = tmp_path / "eco.nq"
    eco.write_text(buf.getvalue(), encoding="utf-8")
    kg = graph.load(eco, store="oxigraph")
    joined: dict = {}
    for s, p, o, claim, source, start, end in kg.query(evidence_query(iri_objects=True)).rows:
        joined.setdefault((str(s), str(p), str(o)), set()).add(
            (int(start), int(end), str(claim), str(source)))
    read = evidence_spans(lambda q: text_rows(kg.store, q), keep="isIRI(?object)")
    assert read == joined
    assert len(read) > 500


def test_actor_view_without_evidence_has_the_same_nodes_and_edges() -> None:
    kg = graph.load()
    full, bare = kg.to_networkx(), kg.to_networkx(evidence=False)
    assert dict(full.nodes(data=True)) == dict(bare.nodes(data=True))
    strip = ("evidence", "claims", "source", "evidence_sources")

    def edges(G, keep):
        return sorted((u, v, k, tuple(sorted((a, b) for a, b in d.items() if a not in strip)),
                       tuple(d[a] for a in strip) if keep else ())
                      for u, v, k, d in G.edges(keys=True, data=True))

    assert edges(full, False) == edges(bare, False)
    assert all(d["evidence"] == "" and d["claims"] == "" for *_, d in bare.edges(data=True))
    assert sum(1 for *_, d in full.edges(data=True) if d["evidence"]) > 20
