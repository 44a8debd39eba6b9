"""Network analysis of the article graph, with answers worked out by hand.

The actor view as a simple undirected graph (see tests/test_network.py for its 28 nodes and 35
edges; merging the article's two links to Mari Kristine Buckholm leaves 34 ties). Its shape:

* the seminar S is the hub: 18 ties (the article, the follow-up, both groups, Remmen, Smart
  Innovation Norway, the committee, Elsie Hellström, Jon-Vidar Knold, Ole Gabrielsen, Thor Moen,
  Unni Skår, the simulator centre, five topics);
* block A = {S, committee C, follow-up F, Elsie E, Unni U}: S-C, S-F, S-E, S-U, C-F, C-E, F-U;
  behind C hang Norway N, Sweden W and the Svinesund region R (C-N, C-W, C-R, R-N, R-W);
  behind U hangs Sarpsborg kommune;
* block B = {S, Smart Innovation Norway SIN, NCE, Knold K, Ole O, Thor T, the unit Un}:
  S-SIN, S-K, S-O, S-T, SIN-NCE, NCE-K, SIN-O, SIN-Un, Un-T;
* the triangle S - Remmen - simulator centre; the article (and Buckholm behind it), the two
  groups and five topics hang off S alone;
* two topics (cross-sector partnership, service development) are tied only to quotations, which
  are not nodes: isolated. So the main component has 26 nodes, and there are 3 components.
"""

from __future__ import annotations

import csv
import json
import math
import random
from fractions import Fraction
from pathlib import Path

import networkx as nx
import pytest
from rdflib import URIRef

import graph
from graph.analysis import (
    analyze,
    articulation_points,
    betweenness_centrality,
    bridges,
    brokers,
    communities,
    degree_centrality,
    ego_summary,
    eigenvector_centrality,
    metrics_graph,
    metrics_graph_iri,
    node_metrics,
    shortest_path,
    simple_graph,
    spanning_actors,
)
from graph.kg import expand
from graph.network import write_network

ID = "https://w3id.org/innograph/id/"
IG = "https://w3id.org/innograph/ontology#"
PROV = "http://www.w3.org/ns/prov#"


def iri(name: str) -> str:
    out = expand(name)
    assert out is not None, name
    return out


S = iri("event:2018-01-08-digital-tsunami-seminar")
F = iri("event:2018-follow-up-seminar")
C = iri("orgs:svinesundskomiteen")
SIN = iri("orgs:smart-innovation-norway")
U = iri("person:unni-skar")
K = iri("person:jon-vidar-knold")
ARTICLE = iri("article:2018-01-09-digital-tsunami-seminar")


@pytest.fixture(scope="module")
def G(kg: graph.KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.to_networkx("actors")


@pytest.fixture(scope="module")
def result(G):
    return analyze(G)


def label(G, n) -> str:
    return G.nodes[n]["label"]


# ---------------------------------------------------------------------------- centralities

# Betweenness by hand, counting unordered pairs (a pair with m shortest paths, j of them
# through v, adds j/m to v):
#
# S: S is a cut vertex. Without it the main component falls into parts of sizes 8 (block A's
#    side with N, R, W and Sarpsborg), 6 (block B's side), 2 (article + Buckholm), 2 (Remmen +
#    simulator) and seven single leaves: 25 nodes. Pairs in different parts all pass S:
#    (25^2 - (64 + 36 + 4 + 4 + 7)) / 2 = 255. Inside block A's side, pairs with a shortest path
#    through S: C-U 1/2 (C-F-U or C-S-U), F-E 1/2, E-U 1, each of N, R, W to U 1/2 (3/2) and to
#    Sarpsborg 1/2 (3/2), C-Sarpsborg 1/2, E-Sarpsborg 1: 13/2. Inside block B's side: SIN-K
#    1/2, SIN-T 1/2, NCE-T 2/3 (3 paths, 2 via S), K-O 1, K-T 1, K-Un 2/3, O-T 1: 16/3.
#    Total 255 + 13/2 + 16/3 = 1601/6.
# C: cuts N, R, W (3) off the other 22 nodes of the main component: 66; N-W 1/2 (via R or C);
#    F-E 1/2 (via C or S). Total 67.
# SIN: the 20 nodes outside block B's side (S among them) reach NCE via SIN or K, and the unit
#    via SIN or T: 1/2 each, 20; inside: NCE-O 1, NCE-Un 1, O-Un 1, NCE-T 2/3, K-Un 2/3: 13/3.
#    Total 73/3.
# U: cuts Sarpsborg off the other 24: 24. The article: cuts Buckholm off the other 24: 24.
# K: NCE to the 20 outside 1/2 each (10), NCE-T 1/3: 31/3. T: likewise to the unit: 31/3.
# F: C-U 1/2, each of N, R, W to U 1/2, C, N, R, W to Sarpsborg 1/2: 1/2 + 3/2 + 2 = 4.
# NCE: SIN-K 1/2, K-Un 1/3: 5/6. The unit: SIN-T 1/2, NCE-T 1/3: 5/6. R: N-W 1/2.
# Everyone else lies on no shortest path between two others: 0.
BETWEENNESS = {
    S: Fraction(1601, 6),
    C: Fraction(67),
    SIN: Fraction(73, 3),
    U: Fraction(24),
    ARTICLE: Fraction(24),
    K: Fraction(31, 3),
    iri("person:thor-moen"): Fraction(31, 3),
    F: Fraction(4),
    iri("orgs:nce-smart-energy-markets"): Fraction(5, 6),
    iri("orgs:smart-innovation-norway-smart-cities"): Fraction(5, 6),
    iri("place:svinesundsregionen"): Fraction(1, 2),
}


def test_betweenness_worked_out_by_hand(G) -> None:
    raw = betweenness_centrality(G, normalized=False)
    for node, value in raw.items():
        assert value == pytest.approx(float(BETWEENNESS.get(node, 0)), abs=1e-9), label(G, node)
    # normalised: divided by the pairs of the 27 other nodes, 27 * 26 / 2 = 351
    normal = betweenness_centrality(G)
    assert normal[S] == pytest.approx(1601 / 6 / 351)
    assert normal[C] == pytest.approx(67 / 351)


def test_betweenness_agrees_with_networkx(G) -> None:
    H = simple_graph(G)
    ours, theirs = betweenness_centrality(H), nx.betweenness_centrality(H)
    assert ours == pytest.approx(theirs)


@pytest.mark.skipif(
    tuple(int(x) for x in nx.__version__.split(".")[:2]) < (3, 6),
    reason="networkx before 3.6 scaled sampled betweenness differently",
)
def test_sampled_betweenness_is_networkx_sample_and_scale(G) -> None:
    H = simple_graph(G)
    ours = betweenness_centrality(H, 7, seed=3)
    assert ours == pytest.approx(nx.betweenness_centrality(H, k=7, seed=3))


def test_sampled_betweenness_is_reproducible_and_reports_progress(G) -> None:
    calls: list[tuple[str, int, int]] = []
    first = betweenness_centrality(G, 10, seed=1, progress=lambda *a: calls.append(a))
    assert betweenness_centrality(G, 10, seed=1) == first
    assert betweenness_centrality(G, 10, seed=2) != first
    assert calls[-1] == ("betweenness", 10, 10)
    assert [done for _, done, _ in calls] == list(range(1, 11))
    # k of n or more is the exact value
    assert betweenness_centrality(G, 28) == betweenness_centrality(G)
    with pytest.raises(graph.InputError, match="k must be 1 or more"):
        betweenness_centrality(G, 0)


def _random_components(seed: int) -> nx.Graph:
    """A graph of several components, with leaves, cycles, isolated nodes and string ids."""
    G = nx.Graph()
    for part, (n, m) in enumerate(((60, 90), (25, 24), (12, 11), (3, 2))):
        H = nx.gnm_random_graph(n, m, seed=seed + part)
        G.add_edges_from((f"{part}/{u}", f"{part}/{v}") for u, v in H.edges())
        G.add_nodes_from(f"{part}/{u}" for u in H)
    G.add_node("alone")
    return G


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_betweenness_and_cuts_agree_with_networkx_on_random_graphs(seed) -> None:
    G = _random_components(seed)
    assert betweenness_centrality(G) == pytest.approx(nx.betweenness_centrality(G))
    raw = betweenness_centrality(G, 9, seed=seed, normalized=False)
    sample = random.Random(seed).sample(list(G), 9)
    # networkx halves the dependencies of the sampled sources on an undirected graph
    half = nx.betweenness_centrality_subset(G, sample, list(G), normalized=False)
    # scaled up to all n - 1 sources: by n - 1 over 9, or over 8 for a node in the sample
    # (its own dependency is never counted)
    expected = {v: half[v] * (len(G) - 1) / (8 if v in sample else 9) for v in G}
    assert raw == pytest.approx(expected)
    assert set(articulation_points(G)) == set(nx.articulation_points(G))
    assert {frozenset(e) for e in bridges(G)} == {frozenset(e) for e in nx.bridges(G)}


def test_sampled_betweenness_on_a_star() -> None:
    # a star: every path between two leaves runs through the centre; any sample of leaves as
    # sources sees exactly that, so the estimate is exact (1.0) for the centre
    star = nx.star_graph(20)
    estimate = betweenness_centrality(star, 5, seed=0)
    if 0 not in random_sample(star, 5, 0):
        assert estimate[0] == pytest.approx(1.0)
    assert all(estimate[leaf] == 0 for leaf in range(1, 21))


def random_sample(G, k: int, seed: int) -> list:
    import random

    return random.Random(seed).sample(list(G), k)


def test_degree_centrality(G) -> None:
    degree = degree_centrality(G)
    # the seminar's 18 ties among 27 others; the committee's 6: seminar, follow-up, Elsie
    # Hellström, Norway, Sweden, the region; isolated topics 0
    assert degree[S] == pytest.approx(18 / 27)
    assert degree[C] == pytest.approx(6 / 27)
    assert degree[iri("ig:topic-service-development")] == 0


def test_eigenvector_on_a_disconnected_graph(G) -> None:
    eigen = eigenvector_centrality(G)
    # two isolated topics: 0; the main component carries the leading eigenvector
    assert eigen[iri("ig:topic-service-development")] == 0
    assert eigen[iri("ig:topic-cross-sector-partnership")] == 0
    H = simple_graph(G)
    main = H.subgraph(max(nx.connected_components(H), key=len))
    reference = nx.eigenvector_centrality(main, max_iter=1000, tol=1e-10)
    for node, value in reference.items():
        assert eigen[node] == pytest.approx(value, abs=1e-6)
    assert math.fsum(v * v for v in eigen.values()) == pytest.approx(1.0)
    # the hub; then the committee (tied to the hub and five more); then the follow-up, tied to
    # both of them (and Unni Skår)
    top = sorted(eigen, key=eigen.get, reverse=True)[:3]
    assert top == [S, C, F]


def test_eigenvector_on_large_components_and_by_power_iteration() -> None:
    # components above 500 nodes go to ARPACK; the power iteration (its fallback) agrees
    import numpy as np
    from scipy.sparse import csr_matrix

    from graph.analysis.centrality import _power_iteration

    G = nx.barabasi_albert_graph(700, 2, seed=1)
    A = nx.to_numpy_array(G, nodelist=list(G))
    values, vectors = np.linalg.eigh(A)
    reference = np.abs(vectors[:, -1])
    ours = eigenvector_centrality(G)
    assert all(ours[n] == pytest.approx(reference[i], abs=1e-6) for i, n in enumerate(G))
    value, vector = _power_iteration(csr_matrix(A), max_iter=20000, tol=1e-13)
    assert value == pytest.approx(values[-1], rel=1e-6)
    assert all(vector[i] == pytest.approx(reference[i], abs=1e-5) for i, n in enumerate(G))


def test_eigenvector_shares_between_tied_components() -> None:
    # two triangles (eigenvalue 2 each) and an edge (1): the triangles share the unit length
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (7, 8)])
    eigen = eigenvector_centrality(G)
    assert [round(eigen[n], 6) for n in range(1, 9)] == [round(1 / math.sqrt(6), 6)] * 6 + [0, 0]
    assert eigenvector_centrality(nx.empty_graph(3)) == {0: 0.0, 1: 0.0, 2: 0.0}


# ---------------------------------------------------------------------------- brokers


def test_articulation_points_and_bridges(G) -> None:
    # cut vertices: the seminar (holds everything together), the committee (N, R, W behind
    # it), Unni Skår (Sarpsborg behind her), the article (Buckholm behind it)
    assert set(articulation_points(G)) == {S, C, U, ARTICLE}
    # bridges: every tie to a leaf or to the article: article-Buckholm, seminar-article,
    # seminar to each group and each of its five topics, Unni Skår-Sarpsborg: 10
    got = {frozenset(e) for e in bridges(G)}
    leaves = [iri(n) for n in ("group:local-chief-executives", "group:municipal-leaders",
                               "ig:topic-digitalisation", "ig:topic-innovation",
                               "ig:topic-knowledge-sharing", "ig:topic-municipal-leadership",
                               "ig:topic-smart-cities")]
    assert got == {
        frozenset((ARTICLE, iri("person:mari-kristine-buckholm"))),
        frozenset((ARTICLE, S)),
        frozenset((U, iri("orgs:sarpsborg-kommune"))),
        *(frozenset((S, leaf)) for leaf in leaves),
    }


def test_the_committee_is_the_actor_that_spans_both_countries(G) -> None:
    # Only the committee and the places have a country. The committee's neighbours include
    # Norway (Norway) and Sweden (Sweden): two different neighbours, two countries. The seminar
    # and the follow-up touch only one neighbour with a country (the committee); the places
    # that span (Norway, the region) are not actors.
    assert spanning_actors(G, "country") == {C: ["Norway", "Sweden"]}


def test_cross_sector_actors(G) -> None:
    # Sectors sit on organisations only. The seminar is tied to the committee (government),
    # Smart Innovation Norway (academia) and Remmen (industry); Smart Innovation Norway to NCE
    # (industry) and its unit (academia). Everyone else meets one sector at most.
    assert spanning_actors(G, "sector") == {
        S: ["academia", "government", "industry"],
        SIN: ["academia", "industry"],
    }


def test_top_brokers_ranking(result) -> None:
    # Brokers: the three actors among the cut vertices (the article is not an actor) and the
    # two cross-sector actors, the seminar counted once. By betweenness (see above):
    # seminar 1601/6 > committee 67 > Smart Innovation Norway 73/3 > Unni Skår 24.
    assert result.broker_ranking() == [S, C, SIN, U]
    assert result.brokers == {
        S: ["articulation point", "cross-sector: academia, government, industry"],
        C: ["articulation point", "cross-border: Norway, Sweden"],
        SIN: ["cross-sector: academia, industry"],
        U: ["articulation point"],
    }
    assert brokers(result.G) == result.brokers


def test_betweenness_ranking_with_ties(G, result) -> None:
    # equal values are ranked by label: the article ("Artikkel ...") before Unni Skår (24 each),
    # Jon-Vidar Knold before Thor Moen (31/3 each)
    assert [label(G, n) for n in result.ranking("betweenness")[:9]] == [
        "Den digitale tsunamien og kommunalt lederskap", "Svinesundskomiteen",
        "Smart Innovation Norway", "Artikkel om Svinesund-seminaret om digitalisering 2018",
        "Unni Skår", "Jon-Vidar Knold", "Thor Moen", "Oppfølgingsseminar 2018",
        "NCE Smart Energy Markets",
    ]


# ---------------------------------------------------------------------------- communities


def test_communities_follow_the_blocks(G) -> None:
    # Louvain finds the blocks around the hub: the seminar with what hangs off it alone (its
    # topics, the groups, Remmen and the simulator centre); block B (Smart Innovation Norway's
    # people); the committee with its places and its head; the follow-up with Unni Skår and
    # Sarpsborg; the article with its author; and the two isolated topics. The same partition
    # comes out for every seed from 0 to 29; and one seed always gives the same partition.
    found = [{label(G, n) for n in c} for c in communities(G, seed=0)]
    assert found == [
        {"Den digitale tsunamien og kommunalt lederskap", "digitalisering", "innovasjon",
         "kommunalt lederskap", "kunnskapsdeling", "lokale rådmenn", "Remmen Kunnskapspark",
         "Simulatorsenteret", "smarte byer og samfunn", "svenske og norske kommuneledere"},
        {"Jon-Vidar Knold", "NCE Smart Energy Markets", "Ole Gabrielsen",
         "Smart Innovation Norway", "Smarte byer og samfunn", "Thor Moen"},
        {"Elsie Hellström", "Norge", "Sverige", "Svinesundskomiteen", "Svinesundsregionen"},
        {"Oppfølgingsseminar 2018", "Sarpsborg kommune", "Unni Skår"},
        {"Artikkel om Svinesund-seminaret om digitalisering 2018", "Mari Kristine Buckholm"},
        {"partnerskap mellom sektorer"},
        {"tjenesteutvikling"},
    ]
    assert communities(G, seed=7) == communities(G, seed=7)


def test_node_metrics(G) -> None:
    metrics = node_metrics(G)
    assert set(metrics) == set(G)
    committee = metrics[C]
    assert set(committee) == {"degree", "betweenness", "eigenvector", "community", "broker"}
    assert committee["degree"] == pytest.approx(6 / 27)
    assert committee["betweenness"] == pytest.approx(67 / 351)
    assert committee["community"] == 2  # the third largest community (see above)
    assert committee["broker"] == 1
    assert metrics[K]["broker"] == 0


# ---------------------------------------------------------------------------- paths and egos


def test_path_from_unni_skar_to_jon_vidar_knold_runs_through_the_seminar(kg) -> None:
    # Unni Skår's neighbours are the seminar, the follow-up and Sarpsborg; Knold's are the
    # seminar and NCE. The one common neighbour, the seminar, gives the only 2-hop path: she
    # attended it (the seminar is the subject: the tie runs backwards), he facilitated it.
    hops = kg.shortest_path("Unni Skår", "Jon-Vidar Knold")
    assert [(h.source, h.target) for h in hops] == [(U, S), (S, K)]
    (attendee,), (facilitator,) = hops[0].ties, hops[1].ties
    assert (attendee.label, attendee.forward, attendee.evidence) == ("attendee", False, "1411-1531")
    assert attendee.relation == "https://schema.org/attendee"
    assert attendee.claims.endswith("/seminar-attendee-unni-skar")
    assert (facilitator.label, facilitator.forward, facilitator.evidence) == (
        "facilitator", True, "2101-2163")
    assert facilitator.source == ARTICLE


def test_path_errors(kg, G) -> None:
    with pytest.raises(graph.NotFoundError, match="different components"):
        kg.shortest_path("Unni Skår", "ig:topic-service-development")
    with pytest.raises(graph.NotFoundError, match="not a node of the actors view"):
        shortest_path(G, U, "https://example.org/nobody")
    assert shortest_path(G, U, U) == []


def test_path_reports_every_relation_of_a_hop(G) -> None:
    # the article names Buckholm as author and as photographer: one hop, two ties
    (hop,) = shortest_path(G, ARTICLE, iri("person:mari-kristine-buckholm"))
    assert [(t.label, t.evidence) for t in hop.ties] == [("author", "164-205"),
                                                          ("photographer", "476-509")]


def test_ego_summary_of_the_committee(G, result) -> None:
    s = ego_summary(G, C, result)
    assert (s.label, s.kind, s.country, s.sector) == (
        "Svinesundskomiteen", "organisation", "Norway;Sweden", "government")
    assert s.neighbours == 6
    assert s.ranks == {"degree": 2, "betweenness": 2, "eigenvector": 2}
    assert (s.community, s.community_size) == (2, 5)
    assert s.broker == ["articulation point", "cross-border: Norway, Sweden"]
    assert [(t.arrow(), label(G, t.other)) for t in s.ties] == [
        ("<-administrerende direktør-", "Elsie Hellström"),
        ("-area served->", "Norge"),
        ("-area served->", "Sverige"),
        ("-area served->", "Svinesundsregionen"),
        ("<-organizer-", "Den digitale tsunamien og kommunalt lederskap"),
        ("<-organizer-", "Oppfølgingsseminar 2018"),
    ]


# ---------------------------------------------------------------------------- back into RDF


@pytest.fixture(scope="module")
def own_kg() -> graph.KnowledgeGraph:
    """A graph of its own: these tests add metrics to it."""
    return graph.load()


def test_metrics_graph_is_derived_with_provenance(G, result) -> None:
    ds = metrics_graph(G, analysis=result, used=["https://example.org/data"])
    name = URIRef(metrics_graph_iri("actors"))
    g = ds.graph(name)
    assert len(g) == 5 * 28  # five metrics for each of the 28 nodes
    value = g.value(URIRef(C), URIRef(IG + "betweennessCentrality"))
    assert float(value) == pytest.approx(67 / 351)
    assert str(value.datatype) == "http://www.w3.org/2001/XMLSchema#double"
    assert g.value(URIRef(K), URIRef(IG + "isBroker")).toPython() is False
    d = ds.default_graph
    activity = d.value(name, URIRef(PROV + "wasGeneratedBy"))
    assert str(activity) == str(name) + "/activity"
    assert (name, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef(PROV + "Entity")) in d
    started = d.value(activity, URIRef(PROV + "startedAtTime")).toPython()
    ended = d.value(activity, URIRef(PROV + "endedAtTime")).toPython()
    assert started <= ended
    assert int(d.value(activity, URIRef(IG + "randomSeed"))) == 0
    assert d.value(activity, URIRef(IG + "sampleSize")) is None  # exact: nothing sampled
    assert str(d.value(activity, URIRef(PROV + "used"))) == "https://example.org/data"
    algorithms = {str(o) for o in d.objects(activity, URIRef(IG + "algorithm"))}
    assert "betweenness centrality (Brandes), exact, seed 0" in algorithms
    sampled = metrics_graph(G, k=5, seed=2).default_graph
    assert int(sampled.value(activity, URIRef(IG + "sampleSize"))) == 5


def test_top_brokers_query_answers_after_add_metrics(own_kg) -> None:
    assert len(own_kg.named_query("top-brokers")) == 0  # the packaged graph has no metrics
    before = own_kg.to_networkx("actors")
    name = own_kg.add_metrics("actors")
    assert name == ID + "analysis/actors"
    rows = own_kg.named_query("top-brokers").dicts()
    # the broker ranking worked out above, with the betweenness values of the hand count
    assert [str(r["name"]) for r in rows] == [
        "Den digitale tsunamien og kommunalt lederskap", "Svinesundskomiteen",
        "Smart Innovation Norway", "Unni Skår"]
    assert [float(r["betweenness"]) for r in rows] == pytest.approx(
        [1601 / 6 / 351, 67 / 351, 73 / 3 / 351, 24 / 351])
    assert {str(r["view"]) for r in rows} == {"actors"}
    # metrics are literals and provenance: the projection does not change
    after = own_kg.to_networkx("actors")
    assert set(after.nodes) == set(before.nodes)
    assert set(after.edges(keys=True)) == set(before.edges(keys=True))
    # the activity used the claim graphs
    used = own_kg.query(
        f"SELECT ?g WHERE {{ <{name}/activity> <{PROV}used> ?g }}").rows
    assert URIRef(ID + "claim/000_1c50d6c5c024da5a/seminar") in {r[0] for r in used}
    # adding again replaces the earlier analysis
    size = len(own_kg)
    own_kg.add_metrics("actors")
    assert len(own_kg) == size
    assert len(own_kg.named_query("top-brokers")) == 4


def test_metrics_keep_the_graph_valid(own_kg) -> None:
    own_kg.add_metrics("organisations", k=3, seed=1)
    assert own_kg.validate().conforms


def test_packaged_graph_has_no_metrics(kg) -> None:
    assert not kg.query(f"ASK {{ GRAPH ?g {{ ?s <{IG}betweennessCentrality> ?o }} }}").boolean


# ---------------------------------------------------------------------------- exports


def _drop(d: dict, *keys: str) -> dict:
    return {k: v for k, v in d.items() if k not in keys}


def _edge_bag(G: nx.Graph, drop: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """Every edge as (source, target, attributes), sorted: keys and edge ids left out."""
    import json

    ends = (lambda u, v: (u, v)) if G.is_directed() else (lambda u, v: tuple(sorted((u, v))))
    return sorted((*ends(str(u), str(v)), json.dumps(_drop(d, *drop), sort_keys=True))
                  for u, v, d in G.edges(data=True))


@pytest.mark.parametrize("view", ["actors", "organisations"])
def test_gexf_round_trip(kg, tmp_path: Path, view: str) -> None:
    G0 = kg.to_networkx(view)
    (path,) = write_network(G0, tmp_path / f"{view}.gexf")
    G1 = nx.read_gexf(path)
    assert dict(G1.nodes(data=True)) == dict(G0.nodes(data=True))
    assert G1.is_directed() == G0.is_directed()
    # GEXF numbers the edges (networkx keeps the number as "id"); weights come back as floats
    G0w = G0.copy()
    for *_, d in G0w.edges(data=True):
        if "weight" in d:
            d["weight"] = float(d["weight"])
    assert _edge_bag(G1, ("id",)) == _edge_bag(G0w)


@pytest.mark.parametrize("view", ["actors", "organisations"])
def test_graphml_round_trip(kg, tmp_path: Path, view: str) -> None:
    G0 = kg.to_networkx(view)
    (path,) = write_network(G0, tmp_path / f"{view}.graphml")
    G1 = nx.read_graphml(path, edge_key_type=str)
    assert G1.graph["view"] == view
    # node ids are NMTOKENs (n0, n1, ...); the IRI is the "iri" attribute
    iri = {n: d["iri"] for n, d in G1.nodes(data=True)}
    assert set(iri) == {f"n{i}" for i in range(len(G0))}
    G1 = nx.relabel_nodes(G1, iri)
    assert dict(G1.nodes(data=True)) == dict(G0.nodes(data=True))
    # edge ids e0, e1, ... are unique (networkx keeps them as "id" on a simple graph)
    assert _edge_bag(G1, ("id",)) == _edge_bag(G0)


def test_csv_round_trip(kg, tmp_path: Path) -> None:
    G0 = kg.to_networkx("actors")
    nodes_csv, edges_csv = write_network(G0, tmp_path / "actors", "csv")
    with open(nodes_csv, encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    assert [r["id"] for r in nodes] == sorted(G0)
    assert {r["id"]: _drop(r, "id") for r in nodes} == dict(G0.nodes(data=True))
    with open(edges_csv, encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert len(edges) == G0.number_of_edges() == 35
    for r in edges:
        d = G0.edges[r["source"], r["target"], r["key"]]
        assert r["heads"] == ("true" if d["heads"] else "false")
        assert r["membership"] == d.get("membership", "")
        assert r["attr_source"] == d["source"]  # the evidence's document
        rest = _drop(r, "source", "target", "key", "heads", "membership", "attr_source")
        assert rest == _drop(d, "heads", "membership", "source")


def test_export_network_format_errors(kg, tmp_path: Path) -> None:
    with pytest.raises(graph.InputError, match="unknown network format 'dot'"):
        kg.export_network(tmp_path / "actors.dot")


# ---------------------------------------------------------------------------- the CLI

ANALYZE_TOP_3 = """\
Actors view: 28 nodes, 35 edges, 34 ties (linked pairs), 3 components
betweenness: exact; communities: Louvain, seed 0

Top 3 by degree centrality
rank  node                                           kind          ties  degree
----  ---------------------------------------------  ------------  ----  ------
1     Den digitale tsunamien og kommunalt lederskap  event         18    0.6667
2     Svinesundskomiteen                             organisation  6     0.2222
3     Smart Innovation Norway                        organisation  4     0.1481

Top 3 by betweenness centrality
rank  node                                           kind          ties  betweenness
----  ---------------------------------------------  ------------  ----  -----------
1     Den digitale tsunamien og kommunalt lederskap  event         18    0.7602
2     Svinesundskomiteen                             organisation  6     0.1909
3     Smart Innovation Norway                        organisation  4     0.0693

Top 3 by eigenvector centrality
rank  node                                           kind          ties  eigenvector
----  ---------------------------------------------  ------------  ----  -----------
1     Den digitale tsunamien og kommunalt lederskap  event         18    0.6461
2     Svinesundskomiteen                             organisation  6     0.2820
3     Oppfølgingsseminar 2018                        event         3     0.2379

Brokers (4), highest betweenness first
rank  actor                                          kind          betweenness  why
----  ---------------------------------------------  ------------  -----------  ----------------------------------------------------------------
1     Den digitale tsunamien og kommunalt lederskap  event         0.7602       articulation point; cross-sector: academia, government, industry
2     Svinesundskomiteen                             organisation  0.1909       articulation point; cross-border: Norway, Sweden
3     Smart Innovation Norway                        organisation  0.0693       cross-sector: academia, industry

Bridges (10): ties whose removal cuts the graph apart
node                                                    node
------------------------------------------------------  ---------------------------------------------
Artikkel om Svinesund-seminaret om digitalisering 2018  Den digitale tsunamien og kommunalt lederskap
Artikkel om Svinesund-seminaret om digitalisering 2018  Mari Kristine Buckholm
Den digitale tsunamien og kommunalt lederskap           digitalisering

Communities (7), largest first
community  size  members (most ties first)
---------  ----  -----------------------------------------------------------------------------------------------------------------
0          10    Den digitale tsunamien og kommunalt lederskap, Remmen Kunnskapspark, Simulatorsenteret, digitalisering and 6 more
1          6     Smart Innovation Norway, Jon-Vidar Knold, NCE Smart Energy Markets, Ole Gabrielsen and 2 more
2          5     Svinesundskomiteen, Svinesundsregionen, Elsie Hellström, Norge and 1 more
"""


def test_cli_analyze_table(cli) -> None:
    # degree 18/27, 6/27, 4/27; betweenness (1601/6)/351, 67/351, (73/3)/351 (see above)
    r = cli("analyze", "--top", "3")
    assert r.code == 0
    assert r.out == ANALYZE_TOP_3


def test_cli_analyze_csv_and_json(cli) -> None:
    r = cli("analyze", "--format", "csv")
    rows = list(csv.DictReader(r.out.splitlines()))
    assert len(rows) == 28
    assert [row["label"] for row in rows[:2]] == [
        "Den digitale tsunamien og kommunalt lederskap", "Svinesundskomiteen"]
    assert rows[1]["broker"] == "articulation point; cross-border: Norway, Sweden"
    doc = json.loads(cli("analyze", "--format", "json", "--top", "2").out)
    assert [b["label"] for b in doc["brokers"]] == [
        "Den digitale tsunamien og kommunalt lederskap", "Svinesundskomiteen",
        "Smart Innovation Norway", "Unni Skår"]
    assert len(doc["top"]["betweenness"]) == 2
    assert doc["parameters"] == {"k": None, "seed": 0, "resolution": 1.0}
    assert len(doc["bridges"]) == 10 and len(doc["communities"]) == 7


def test_cli_analyze_sampled_says_so(cli) -> None:
    r = cli("analyze", "--k", "5", "--seed", "4", "--top", "1")
    assert r.code == 0
    assert "betweenness: estimated from 5 sampled sources, seed 4;" in r.out
    assert cli("analyze", "--k", "0").code == 2


def test_cli_analyze_write_keeps_metrics_in_a_store_on_disk(cli, tmp_path: Path) -> None:
    store = f"oxigraph:{tmp_path / 'store'}"
    r = cli("analyze", "--store", store, "--write", "--top", "1")
    assert r.code == 0 and "Stored the metrics in <" in r.err
    r = cli("query", "--store", store, "top-brokers", "--format", "csv")
    names = [row["name"] for row in csv.DictReader(r.out.splitlines())]
    assert names == ["Den digitale tsunamien og kommunalt lederskap", "Svinesundskomiteen",
                     "Smart Innovation Norway", "Unni Skår"]


def test_cli_path(cli) -> None:
    r = cli("path", "Unni Skår", "Jon-Vidar Knold")
    assert r.code == 0
    assert r.out == (
        "From Unni Skår to Jon-Vidar Knold: 2 hops\n"
        "step  from                                           relation        to                                             evidence\n"
        "----  ---------------------------------------------  --------------  ---------------------------------------------  ---------\n"
        "1     Unni Skår                                      <-attendee-     Den digitale tsunamien og kommunalt lederskap  1411-1531\n"
        "2     Den digitale tsunamien og kommunalt lederskap  -facilitator->  Jon-Vidar Knold                                2101-2163\n"
    )
    rows = list(csv.DictReader(cli("path", "person:unni-skar", "Knold", "-f", "csv").out.splitlines()))
    assert [(r["from"], r["relation"], r["direction"], r["to"]) for r in rows] == [
        ("Unni Skår", "attendee", "<-", "Den digitale tsunamien og kommunalt lederskap"),
        ("Den digitale tsunamien og kommunalt lederskap", "facilitator", "->", "Jon-Vidar Knold"),
    ]
    hops = json.loads(cli("path", "Unni Skår", "Jon-Vidar Knold", "-f", "json").out)
    assert hops[1]["ties"][0]["relation"] == IG + "facilitator"


def test_cli_path_errors(cli) -> None:
    r = cli("path", "Unni Skår", "Nobody Atall")
    assert r.code == 2 and "nothing is named 'Nobody Atall'" in r.err
    r = cli("path", "Unni Skår", "tjenesteutvikling")
    assert r.code == 2 and "different components" in r.err
    assert "Traceback" not in r.err


def test_cli_ego(cli) -> None:
    r = cli("ego", "Unni Skår")
    assert r.code == 0
    assert r.out == (
        "Unni Skår  <https://w3id.org/innograph/id/person/unni-skar>\n"
        "kind: person; country: -; sector: -\n"
        "ties: 3 neighbours; community 3 (3 members)\n"
        # places shared: the follow-up and the Svinesund region also have 3 ties (the seminar,
        # the committee and Smart Innovation Norway have more); the article, with Buckholm
        # behind it, lies on as many shortest paths as Unni Skår with Sarpsborg behind her
        "degree centrality 0.1111 (rank 4 of 28, tied with 2 others)\n"
        "betweenness centrality 0.0684 (rank 4 of 28, tied with 1 other)\n"
        "eigenvector centrality 0.1959 (rank 6 of 28)\n"
        "broker: articulation point\n"
        "\n"
        "relation     neighbour                                      kind          evidence\n"
        "-----------  ---------------------------------------------  ------------  ---------\n"
        "<-attendee-  Den digitale tsunamien og kommunalt lederskap  event         1411-1531\n"
        "<-backer-    Oppfølgingsseminar 2018                        event         2896-3011\n"
        "-rådmann->   Sarpsborg kommune                              organisation  1493-1531\n"
    )


def test_cli_export_network(cli, tmp_path: Path) -> None:
    r = cli("export-network", "--format", "gexf", "-o", str(tmp_path / "a.gexf"))
    assert r.code == 0 and nx.read_gexf(tmp_path / "a.gexf").number_of_nodes() == 28
    r = cli("export-network", "--view", "organisations", "-o", str(tmp_path / "orgs"),
            "--format", "csv")
    assert r.code == 0
    assert sorted(p.name for p in (tmp_path / "orgs").iterdir()) == ["edges.csv", "nodes.csv"]
    r = cli("export-network", "-o", str(tmp_path / "a.graphml"))
    assert r.code == 0 and nx.read_graphml(tmp_path / "a.graphml").number_of_edges() == 35


def test_library_never_prints(G, capsys) -> None:
    a = analyze(G, k=5, progress=lambda *_: None)
    ego_summary(G, C, a)
    assert capsys.readouterr() == ("", "")


def test_analyze_reports_each_step(G) -> None:
    seen: list[tuple[str, int, int]] = []
    a = analyze(G, k=4, seed=1, progress=lambda *call: seen.append(call))
    steps = [step for step, done, total in seen if done == total]
    assert steps == ["simple graph", "degree", "betweenness", "eigenvector", "communities",
                     "articulation points", "bridges", "brokers"]
    assert ("betweenness", 4, 4) in seen and a.k == 4
    assert set(a.timings) == set(steps)


def test_cli_progress_off_a_terminal_prints_every_tenth(capsys) -> None:
    from graph.cli.output import StepProgress

    progress = StepProgress()
    progress.tty = False
    for done in range(1, 201):
        progress("betweenness", done, 200)
    progress("degree", 1, 1)  # one-part steps are not worth a line
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"betweenness: {done}/200" for done in (1, 20, 40, 60, 80, 100, 120, 140,
                                                             160, 180, 200)]


def test_igraph_and_networkx_louvain_agree_in_quality():
    import networkx as nx

    from graph.analysis import analyze, communities

    # a planted partition: 8 blocks of 40 nodes, dense inside, sparse between
    G = nx.planted_partition_graph(8, 40, 0.3, 0.01, seed=4)
    fast = communities(G, seed=1)
    reference = communities(G, seed=1, method="networkx")
    q_fast = nx.community.modularity(G, [set(c) for c in fast])
    q_ref = nx.community.modularity(G, [set(c) for c in reference])
    assert abs(q_fast - q_ref) < 0.02
    assert q_fast > 0.6
    # every node in exactly one community, largest first
    assert sorted(v for c in fast for v in c) == sorted(G)
    assert [len(c) for c in fast] == sorted((len(c) for c in fast), reverse=True)
    # reproducible with the same seed
    assert communities(G, seed=1) == fast
    # the stored description says what ran
    lines = analyze(G, seed=1).algorithms()
    assert any("igraph multilevel" in line for line in lines)
    assert any("numpy eigh" in line for line in lines)
    lines = analyze(G, seed=1, community_method="networkx").algorithms()
    assert any("networkx louvain_communities" in line for line in lines)


def test_an_unknown_community_method_is_refused():
    import networkx as nx

    from graph.analysis import communities
    from graph.errors import InputError

    with pytest.raises(InputError, match="unknown community method 'leiden'"):
        communities(nx.path_graph(3), method="leiden")


def test_the_stored_description_names_the_eigensolver_that_ran(monkeypatch) -> None:
    # a component above 500 nodes goes to ARPACK; scipy then ran, and the provenance says so
    G = nx.barabasi_albert_graph(700, 2, seed=3)
    G.graph["view"] = "demo"
    a = analyze(G)
    assert a.eigen_solvers == ("ARPACK eigsh",)
    line = next(x for x in a.algorithms() if x.startswith("eigenvector"))
    assert "ARPACK eigsh, the sparse symmetric (Lanczos) eigensolver" in line
    assert "power iteration" not in line and "numpy eigh" not in line
    assert a.software() == ["igraph", "networkx", "numpy", "scipy"]
    d = metrics_graph(G, analysis=a).default_graph
    activity = URIRef(metrics_graph_iri("demo") + "/activity")
    agents = set(d.objects(activity, URIRef(PROV + "wasAssociatedWith")))
    assert {str(x) for x in agents} == {"https://igraph.org/python/", "https://networkx.org/",
                                        "https://numpy.org/", "https://scipy.org/"}
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert all((x, rdf_type, URIRef(PROV + "SoftwareAgent")) in d for x in agents)
    assert str(d.value(URIRef("https://networkx.org/"), label)) == f"networkx {nx.__version__}"
    # when ARPACK does not converge, power iteration takes over, and the description says so
    import numpy as np
    import scipy.sparse.linalg
    from scipy.sparse.linalg import ArpackNoConvergence

    def no_convergence(*args, **kwargs):
        raise ArpackNoConvergence("no convergence", np.array([]), np.array([]))

    monkeypatch.setattr(scipy.sparse.linalg, "eigsh", no_convergence)
    b = analyze(G, community_method="networkx")
    assert b.eigen_solvers == ("power iteration",)
    assert any("power iteration on A + I, where ARPACK did not converge" in x
               for x in b.algorithms())
    # networkx's Louvain ran, igraph still found the articulation points and bridges
    assert b.software() == ["igraph", "networkx", "numpy", "scipy"]
    assert all(b.eigenvector[n] == pytest.approx(a.eigenvector[n], abs=1e-6) for n in G)
    # a small graph: numpy's dense solver only
    assert analyze(nx.path_graph(4)).eigen_solvers == ("numpy eigh",)
    assert analyze(nx.path_graph(4)).software() == ["igraph", "networkx", "numpy"]


def test_eigenvector_values_do_not_depend_on_the_hash_seed() -> None:
    # string nodes come out of sets in an order that depends on PYTHONHASHSEED; the values
    # must be the same to the last digit in every process
    import os
    import subprocess
    import sys

    code = ("import networkx as nx; from graph.analysis import eigenvector_centrality; "
            "G = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=1), lambda n: f'n{n}'); "
            "print(sorted((k, repr(v)) for k, v in eigenvector_centrality(G).items()))")
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
