"""SPARQL 1.1 datasets on every store: the union of all graphs is the default graph only when
a query names no dataset; ``FROM`` and ``FROM NAMED`` give exactly the dataset named (on
``sparql:URL`` too, against an Oxigraph server that answers over the union of its graphs).

The reference answers come from a bare pyoxigraph store holding the N-Quads export, queried
with the SPARQL dataset semantics and no union (so ``FROM`` rules there by definition), and
from counts worked out by hand from the claim graphs.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import graph
from graph import KnowledgeGraph

CLAIM = "https://w3id.org/innograph/id/claim/000_1c50d6c5c024da5a/"
A, B = CLAIM + "unni-skar", CLAIM + "thor-moen"
NAME = "https://schema.org/name"

QUERIES = {
    "from": f"SELECT (COUNT(*) AS ?n) FROM <{A}> {{ ?s ?p ?o }}",
    "from, two graphs merged": f"SELECT (COUNT(*) AS ?n) FROM <{A}> FROM <{B}> {{ ?s ?p ?o }}",
    "from named only: empty default graph": f"SELECT (COUNT(*) AS ?n) FROM NAMED <{A}> {{ ?s ?p ?o }}",
    "from named, in GRAPH": f"SELECT (COUNT(*) AS ?n) FROM NAMED <{A}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "from only: no named graphs": f"SELECT (COUNT(*) AS ?n) FROM <{A}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "claim graphs without a dataset": (
        f'SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{CLAIM}")) }}'
    ),
}
ASKS = {
    # a triple of claim B is not in a default graph made of claim A
    f'ASK FROM <{A}> {{ ?s <{NAME}> "Thor Moen" }}': False,
    f'ASK FROM <{B}> {{ ?s <{NAME}> "Thor Moen" }}': True,
    f"ASK FROM <{A}> {{ GRAPH <{B}> {{ ?s ?p ?o }} }}": False,
    f"ASK FROM NAMED <{B}> {{ GRAPH <{B}> {{ ?s <{NAME}> ?o }} }}": True,
    # no dataset named: the union of all graphs
    f'ASK {{ ?s <{NAME}> "Thor Moen" . ?t <{NAME}> "Unni Skår" }}': True,
}


@pytest.fixture(scope="module")
def reference() -> ox.Store:
    store = ox.Store()
    store.load(graph.load().serialize("nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture
def store_kg(backend_kg: KnowledgeGraph) -> KnowledgeGraph:
    """The packaged graph on every store (conftest's ``backend_kg``), read only."""
    return backend_kg


def test_the_claim_graphs_hold_what_the_counts_assume(reference: ox.Store) -> None:
    # worked out by hand from data/: the claim about Unni Skår states 7 triples
    sizes = {g: sum(1 for _ in reference.quads_for_pattern(None, None, None, ox.NamedNode(g)))
             for g in (A, B)}
    assert sizes[A] == 7 and sizes[B] > 0


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_dataset_clauses_answer_as_sparql_defines(store_kg: KnowledgeGraph,
                                                  reference: ox.Store, name: str) -> None:
    sparql = QUERIES[name]
    want = int(next(iter(reference.query(sparql)))[0].value)
    assert int(store_kg.query(sparql).rows[0][0]) == want


def test_the_expected_counts(store_kg: KnowledgeGraph) -> None:
    count = {k: int(store_kg.query(q).rows[0][0]) for k, q in QUERIES.items()}
    size_b = int(store_kg.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{B}> {{ ?s ?p ?o }} }}")
                 .rows[0][0])
    assert count["from"] == 7
    assert count["from, two graphs merged"] == 7 + size_b
    assert count["from named only: empty default graph"] == 0
    assert count["from named, in GRAPH"] == 7
    assert count["from only: no named graphs"] == 0


@pytest.mark.parametrize("sparql", list(ASKS))
def test_ask_sees_only_the_named_dataset(store_kg: KnowledgeGraph, reference: ox.Store,
                                         sparql: str) -> None:
    assert store_kg.query(sparql).boolean is ASKS[sparql]
    if "FROM" in sparql:
        assert bool(reference.query(sparql)) is ASKS[sparql]


def test_without_a_dataset_the_default_graph_is_the_union(store_kg: KnowledgeGraph) -> None:
    q = f'SELECT ?s WHERE {{ ?s <{NAME}> "Unni Skår" }}'
    assert len(store_kg.query(q).rows) >= 1
    names = store_kg.query(f"SELECT DISTINCT ?o {{ ?s <{NAME}> ?o }}").rows
    assert len(names) > 10  # names from many claim graphs at once
