"""The public API: what ``import graph`` offers, lookup by name, entities with evidence."""

from __future__ import annotations

import inspect

import pytest
from rdflib import URIRef

import graph
from graph import KnowledgeGraph

COMMITTEE = "https://w3id.org/innograph/id/org/svinesundskomiteen"
SKAR = "https://w3id.org/innograph/id/person/unni-skar"


def test_all_is_sorted_and_lists_exactly_the_public_names() -> None:
    assert graph.__all__ == sorted(graph.__all__)
    public = {
        name for name, value in vars(graph).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert set(graph.__all__) == public


def test_every_error_is_a_graph_error() -> None:
    errors = [getattr(graph, n) for n in graph.__all__ if n.endswith("Error")]
    assert len(errors) == 8
    for cls in errors:
        assert issubclass(cls, graph.GraphError)
    assert issubclass(graph.ParseError, graph.InputError)
    assert issubclass(graph.QuerySyntaxError, graph.InputError)
    assert issubclass(graph.NotFoundError, graph.InputError)


@pytest.mark.parametrize(
    "text",
    ["Svinesundskomitténs", "Svinesundskomittèn", "svinesundskommittén", "SVINESUNDSKOMITEEN",
     "Svinesundskomiteens", "the Svinesund Committee"],
)
def test_find_the_committee_by_any_spelling(kg: KnowledgeGraph, text: str) -> None:
    assert [m.iri for m in kg.find(text)] == [COMMITTEE]


def test_find_tolerates_genitive_and_accents(kg: KnowledgeGraph) -> None:
    assert [m.iri for m in kg.find("Smart Innovation Norways")] == [
        "https://w3id.org/innograph/id/org/smart-innovation-norway"
    ]
    assert [m.label for m in kg.find("unni skar")] == ["Unni Skår"]
    assert [m.label for m in kg.find("Skårs")] == ["Unni Skår"]
    assert kg.find("nobody by this name") == []


def test_find_by_part_of_a_name_lists_all_that_match(kg: KnowledgeGraph) -> None:
    labels = [m.label for m in kg.find("smart")]
    assert labels == ["NCE Smart Energy Markets", "Smart Innovation Norway",
                      "Smarte byer og samfunn", "smarte byer og samfunn"]
    assert not any(m.exact for m in kg.find("smart"))


def test_resolve_names_prefixed_names_and_iris(kg: KnowledgeGraph) -> None:
    assert kg.resolve("Unni Skår") == SKAR
    assert kg.resolve("person:unni-skar") == SKAR
    assert kg.resolve(f"<{SKAR}>") == SKAR
    with pytest.raises(graph.NotFoundError, match="names 4 things"):
        kg.resolve("smart")
    with pytest.raises(graph.NotFoundError, match="nothing is named 'Zorro'"):
        kg.resolve("Zorro")


def test_entity_has_labels_types_relations_and_evidence(kg: KnowledgeGraph) -> None:
    e = kg.entity(COMMITTEE)
    assert e.label == "Svinesundskomiteen"
    assert "Svinesundskommittén" in e.labels["sv"]
    assert "Svinesundskomittèn" in e.labels[""]
    assert "https://w3id.org/innograph/ontology#CrossBorderCommittee" in e.types
    served = {str(r.object) for r in e.outgoing if r.predicate == "https://schema.org/areaServed"}
    assert served == {"https://w3id.org/innograph/id/place/norway",
                      "https://w3id.org/innograph/id/place/sweden",
                      "https://w3id.org/innograph/id/place/svinesundsregionen"}
    organised = [r for r in e.incoming if r.predicate == "https://schema.org/organizer"]
    assert sorted(r.subject for r in organised) == [
        "https://w3id.org/innograph/id/event/2018-01-08-digital-tsunami-seminar",
        "https://w3id.org/innograph/id/event/2018-follow-up-seminar",
    ]
    # every relation the data assert in a claim carries its span
    assert all(r.evidence for r in organised)
    assert [(ev.start, ev.end) for ev in organised[0].evidence] == [(72, 99), (1003, 1047)]


def test_entity_of_an_unknown_iri_is_not_found(kg: KnowledgeGraph) -> None:
    with pytest.raises(graph.NotFoundError):
        kg.entity("https://w3id.org/innograph/id/person/nobody")


def test_query_binds_values_safely(any_kg: KnowledgeGraph) -> None:
    q = "SELECT ?p ?name WHERE { ?p <https://schema.org/name> ?name }"
    got = any_kg.query(q, p=URIRef(SKAR)).rows
    assert [str(r[1]) for r in got] == ["Unni Skår"]
    # A value that would break a query pasted as text is only ever a value.
    evil = '" } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    assert any_kg.query("SELECT ?name ?p WHERE { ?p <https://schema.org/name> ?name }",
                        name=evil).rows == []


def test_a_bound_variable_must_be_projected_on_every_store(any_kg: KnowledgeGraph) -> None:
    with pytest.raises(graph.InputError, match=r"cannot bind \?p"):
        any_kg.query("SELECT ?name WHERE { ?p <https://schema.org/name> ?name }", p=URIRef(SKAR))


def test_query_syntax_error_says_where(any_kg: KnowledgeGraph) -> None:
    with pytest.raises(graph.QuerySyntaxError) as info:
        any_kg.query("SELECT ?s WHERE {\n  ?s ?p \n}")
    assert info.value.line is not None
    assert "line" in str(info.value)


def test_stats_counts_the_article_graph(kg: KnowledgeGraph) -> None:
    s = kg.stats()
    # six named persons; six organisations (four organisations, one unit, one cluster);
    # the seminar and the planned follow-up; one claim graph per fact group.
    assert (s["persons"], s["organisations"], s["events"], s["claims"]) == (6, 6, 2, 45)
    assert s["spans"] == 56
    assert s["quads"] == len(kg)
