"""SPARQL updates change every embedded store alike: each update below, run on a fresh copy of
a small dataset, leaves exactly the quads worked out by hand, on the memory store as on
Oxigraph in memory and on disk.

The dataset (that of ``tests/test_stores_graphs.py``): ``ex:a ex:p "x"`` in the default graph and in ``ex:g1``; ``ex:b ex:p "y"`` in the
default graph only; ``ex:c ex:p "x"`` in ``ex:g1``; ``ex:d ex:p "x"`` and ``ex:d ex:q ex:a`` in
``ex:g2``. An update's default graph is the store's own default graph, not the union that
queries read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import QuerySyntaxError
from graph.stores import load_files, open_store

from .test_stores_graphs import EX, TRIG  # the same small dataset

PREFIX = f"PREFIX ex: <{EX}> "
START = {
    ("a", "p", '"x"', ""), ("b", "p", '"y"', ""), ("c", "p", '"x"', "g1"),
    ("a", "p", '"x"', "g1"), ("d", "p", '"x"', "g2"), ("d", "q", "a", "g2"),
}

# each update with the quads it adds and the quads it removes, worked out by hand
CASES: dict[str, tuple[set[tuple[str, str, str, str]], set[tuple[str, str, str, str]]]] = {
    # into the default graph, a triple with no graph at all
    'INSERT DATA { ex:e ex:p "z" }': ({("e", "p", '"z"', "")}, set()),
    'INSERT DATA { GRAPH ex:g3 { ex:e ex:p "z" } }': ({("e", "p", '"z"', "g3")}, set()),
    # the default graph only: the copy in ex:g1 stays
    'DELETE DATA { ex:a ex:p "x" }': (set(), {("a", "p", '"x"', "")}),
    # every named graph, whichever it is
    'DELETE WHERE { GRAPH ?g { ?s ex:p "x" } }': (
        set(), {("c", "p", '"x"', "g1"), ("a", "p", '"x"', "g1"), ("d", "p", '"x"', "g2")}),
    # a pattern across graphs: ex:d's link to ex:a, where ex:a is "x" in ex:g1; both
    # matched quads go
    "DELETE WHERE { GRAPH ?g { ?s ex:q ?o } GRAPH ex:g1 { ?o ex:p ?v } }": (
        set(), {("d", "q", "a", "g2"), ("a", "p", '"x"', "g1")}),
    # the default graph's pattern matches the default graph only (ex:c is in ex:g1)
    'DELETE WHERE { ?s ex:p "x" }': (set(), {("a", "p", '"x"', "")}),
    "DELETE { ?s ex:p ?o } INSERT { ?s ex:r ?o } WHERE { ?s ex:p ?o }": (
        {("a", "r", '"x"', ""), ("b", "r", '"y"', "")},
        {("a", "p", '"x"', ""), ("b", "p", '"y"', "")}),
    "DELETE { GRAPH ?g { ?s ?p ?o } } INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ex:q ?o . "
    "?s ?p ?o } }": ({("d", "q", "a", "")}, {("d", "q", "a", "g2")}),
    # several operations run in order: the second sees what the first added
    'INSERT DATA { GRAPH ex:g3 { ex:e ex:p "x" } } ; DELETE WHERE { GRAPH ?g { ?s ex:p "x" } }'
    ' ; INSERT DATA { ex:f ex:p "w" }': (
        {("f", "p", '"w"', "")},
        {("c", "p", '"x"', "g1"), ("a", "p", '"x"', "g1"), ("d", "p", '"x"', "g2")}),
    "CLEAR GRAPH ex:g1": (set(), {("c", "p", '"x"', "g1"), ("a", "p", '"x"', "g1")}),
    "CLEAR DEFAULT": (set(), {("a", "p", '"x"', ""), ("b", "p", '"y"', "")}),
}


def _short(term: object) -> str:
    text = term.n3() if term is not None else ""  # type: ignore[attr-defined]
    return text[len(EX) + 1:-1] if text.startswith(f"<{EX}") else text


def _quads(store) -> set[tuple[str, str, str, str]]:
    return {tuple(_short(t) for t in quad) for quad in store.quads()}  # type: ignore[misc]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("update") / "small.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.mark.parametrize("spec", ["memory", "oxigraph", "oxigraph:PATH"])
@pytest.mark.parametrize("update", list(CASES))
def test_an_update_changes_every_store_alike(spec: str, update: str, data: Path,
                                             tmp_path: Path) -> None:
    if spec == "oxigraph:PATH":
        spec = f"oxigraph:{tmp_path / 'db'}"
    store = open_store(spec)
    try:
        load_files(store, [data])
        assert _quads(store) == START
        store.update(PREFIX + update)
        added, removed = CASES[update]
        assert _quads(store) == (START - removed) | added
    finally:
        store.close()


def test_a_bad_update_is_refused_with_its_position_on_the_memory_store() -> None:
    store = open_store("memory")
    with pytest.raises(QuerySyntaxError) as caught:
        store.update("INSERT DATA { <urn:a> <urn:p> }")
    assert "line 1" in str(caught.value) or "column" in str(caught.value)
