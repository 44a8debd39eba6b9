"""Exports: the N-Quads export, loaded into a bare pyoxigraph store, answers every competency
query as the project does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from graph import KnowledgeGraph
from graph.stores import to_rdflib

# evidence takes bindings (tested below with none: all evidence); top-brokers needs metrics
PLAIN_QUERIES = [n for n in KnowledgeGraph.named_queries() if n not in ("evidence", "top-brokers")]


@pytest.fixture(scope="module")
def exported_store(kg: KnowledgeGraph) -> ox.Store:
    store = ox.Store()
    store.load(kg.serialize("nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("name", [*PLAIN_QUERIES, "evidence"])
def test_nquads_export_answers_like_the_project(
    kg: KnowledgeGraph, exported_store: ox.Store, name: str
) -> None:
    sparql = KnowledgeGraph.named_query_text(name)
    raw = exported_store.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in raw.variables]
    theirs = [tuple(to_rdflib(s[v]) for v in names) for s in raw]
    ours = kg.named_query(name).rows
    assert len(ours) > 0
    assert theirs == ours


def test_nquads_keeps_every_quad_and_is_sorted(kg: KnowledgeGraph) -> None:
    lines = kg.serialize("nquads").splitlines()
    assert lines == sorted(lines)
    assert len(set(lines)) == len(kg)


def test_trig_and_jsonld_keep_the_claim_graphs(kg: KnowledgeGraph) -> None:
    claims = kg.stats()["claims"]
    for fmt, rdflib_fmt in (("trig", "trig"), ("jsonld", "json-ld")):
        ds = Dataset()
        ds.parse(data=kg.serialize(fmt), format=rdflib_fmt)
        named = [g for g in ds.graphs() if g.identifier != ds.default_graph.identifier and len(g)]
        assert len(named) == claims, fmt
        assert sum(1 for _ in ds.quads((None, None, None, None))) == len(kg), fmt


def test_turtle_merges_all_graphs(kg: KnowledgeGraph) -> None:
    g = Graph().parse(data=kg.serialize("turtle"), format="turtle")
    distinct = {(s, p, o) for s, p, o, _ in kg.store.quads()}
    assert len(g) == len(distinct)
