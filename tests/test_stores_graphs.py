"""Queries over ``GRAPH ?g`` and over the default graph answer alike on every embedded store,
and the on-disk store's record of loaded files stays out of queries, counts and exports.

The small dataset below is worked out by hand: ``ex:a ex:p "x"`` is stated twice (in the
default graph and in ``ex:g1``), so the union default graph, a bag on every store, matches it
twice; ``ex:b`` holds "y" in the default graph only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import resources
from graph.stores import LOADS_GRAPH, QueryResult, load_files, open_store
from graph.stores.loadlog import LOG_NAME, PENDING_NAME, LoadLog

EX = "http://example.org/"
TRIG = """
@prefix ex: <http://example.org/> .
ex:a ex:p "x" .
ex:b ex:p "y" .
ex:g1 { ex:c ex:p "x" . ex:a ex:p "x" . }
ex:g2 { ex:d ex:p "x" . ex:d ex:q ex:a . }
"""

# each query with its answer worked out by hand: rows as sorted tuples of N3 ("" for unbound)
A, B, C, D, G1, G2 = (f"<{EX}{n}>" for n in ("a", "b", "c", "d", "g1", "g2"))
EXPECTED: dict[str, list[tuple[str, ...]]] = {
    'SELECT ?g WHERE { GRAPH ?g { ?s ?p "x" } }': [(G1,), (G1,), (G2,)],
    'SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p "x" } }': [(G1, A), (G1, C), (G2, D)],
    'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p "x" } }': [(G1,), (G2,)],
    # ?g is not in the pattern: every solution leaves it unbound, and each is still a row
    'SELECT ?g WHERE { ?s ?p "x" }': [("",)] * 4,
    'SELECT DISTINCT ?g WHERE { ?s ?p "x" }': [("",)],
    'SELECT ?s WHERE { ?s ?p "x" }': [(A,), (A,), (C,), (D,)],
    'SELECT DISTINCT ?s WHERE { ?s ?p "x" }': [(A,), (C,), (D,)],
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }": [
        ('"6"^^<http://www.w3.org/2001/XMLSchema#integer>',)],
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }": [
        ('"4"^^<http://www.w3.org/2001/XMLSchema#integer>',)],
    "SELECT ?g WHERE { GRAPH ?g { } }": [(G1,), (G2,)],
    'SELECT ?s WHERE { ?s ?p "y" FILTER NOT EXISTS { GRAPH ?g { ?s ?p "y" } } }': [(B,)],
    "SELECT ?g ?o WHERE { ?s ?p ?o OPTIONAL { GRAPH ?g { ?s ?p ?o } } FILTER(?s = <"
    + EX + 'a>) }': [(G1, '"x"'), (G1, '"x"')],  # both union matches find ex:g1
    f"SELECT ?o WHERE {{ GRAPH {G2} {{ {D} ?p ?o }} }}": [('"x"',), (A,)],
    # a group per ?s, and no solutions: no group, no row; without GROUP BY one row, count 0
    f"SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?s <{EX}none> ?o }} GROUP BY ?s": [],
    f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}none> ?o }}": [
        ('"0"^^<http://www.w3.org/2001/XMLSchema#integer>',)],
    # one solution (ex:d ex:q ex:a) with ?x unbound is still a row
    f"SELECT ?x WHERE {{ ?s <{EX}q> ?o OPTIONAL {{ ?o <{EX}none> ?x }} }}": [("",)],
    f'ASK {{ GRAPH {G1} {{ ?s ?p "y" }} }}': [("false",)],
    f'ASK {{ GRAPH {G1} {{ ?s ?p "x" }} }}': [("true",)],
}


def rows(result: QueryResult) -> list[tuple[str, ...]]:
    if result.kind == "ASK":
        return [(str(result.boolean).lower(),)]
    return sorted(tuple("" if t is None else t.n3() for t in row) for row in result.rows)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graphs") / "small.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["memory", "oxigraph", "oxigraph:PATH"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, data: Path):
    spec = request.param
    if spec == "oxigraph:PATH":
        spec = f"oxigraph:{tmp_path_factory.mktemp('disk') / 'db'}"
    st = open_store(spec)
    load_files(st, [data])
    yield st
    st.close()


@pytest.mark.parametrize("sparql", list(EXPECTED))
def test_graph_and_default_graph_queries_answer_alike_on_every_store(store, sparql: str) -> None:
    assert rows(store.query(sparql)) == EXPECTED[sparql]


def test_every_store_holds_exactly_the_loaded_quads(store) -> None:
    assert len(store) == 6
    graphs = sorted("" if g is None else str(g) for *_, g in store.quads())
    assert graphs == ["", "", EX + "g1", EX + "g1", EX + "g2", EX + "g2"]


def test_the_stores_agree_on_the_real_data_over_graph_and_default_graph() -> None:
    queries = [
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        "SELECT ?g WHERE { GRAPH ?g { ?s <https://schema.org/name> \"Unni Skår\" } }",
        "SELECT ?g WHERE { ?s <https://schema.org/name> \"Unni Skår\" }",
        "SELECT ?s ?g WHERE { ?s <https://schema.org/name> ?n OPTIONAL { GRAPH ?g { ?s a ?t } } }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ]
    stores = {spec: open_store(spec) for spec in ("memory", "oxigraph")}
    for st in stores.values():
        load_files(st, resources.default_files())
    for q in queries:
        answers = {spec: rows(st.query(q)) for spec, st in stores.items()}
        assert answers["memory"] == answers["oxigraph"], q
        assert answers["oxigraph"], q


# ---------------------------------------------------------------------------- the load record


def test_the_disk_stores_load_record_is_no_part_of_the_data(tmp_path: Path, data: Path) -> None:
    st = open_store(f"oxigraph:{tmp_path / 'db'}")
    load_files(st, [data])
    assert len(st) == 6
    assert len(st.loaded_digests()) == 1
    assert not st.query(f"ASK {{ GRAPH <{LOADS_GRAPH}> {{ ?s ?p ?o }} }}").boolean
    assert not st.query("ASK { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'urn:sha256:')) }").boolean
    assert all(str(g) != LOADS_GRAPH for *_, g in st.quads())
    assert (tmp_path / "db" / LOG_NAME).is_file()
    st.close()
    again = open_store(f"oxigraph:{tmp_path / 'db'}")  # the record survives reopening
    assert load_files(again, [data]).added == 0
    assert len(again) == 6
    again.close()


def test_a_store_with_the_record_in_the_data_moves_it_out_on_open(tmp_path: Path,
                                                                   data: Path) -> None:
    import pyoxigraph as ox

    db = tmp_path / "db"
    old = ox.Store(str(db))  # a store as an older version left it: the record as a graph
    old.load(path=str(data), format=ox.RdfFormat.TRIG)
    digest = "ab" * 32
    old.add(ox.Quad(ox.NamedNode(f"urn:sha256:{digest}"),
                    ox.NamedNode("http://purl.org/dc/terms/source"), ox.Literal("small.trig"),
                    ox.NamedNode(LOADS_GRAPH)))
    old.flush()
    del old
    st = open_store(f"oxigraph:{db}")
    assert st.loaded_digests() == {digest}
    assert len(st) == 6
    assert not st.query(f"ASK {{ GRAPH <{LOADS_GRAPH}> {{ ?s ?p ?o }} }}").boolean
    st.close()


def test_a_transaction_cut_short_is_settled_on_open(tmp_path: Path, data: Path) -> None:
    # a process killed after its transaction but before writing the record leaves the
    # pending file: the store's size changed, so the files are recorded
    db = tmp_path / "db"
    st = open_store(f"oxigraph:{db}")
    load_files(st, [data])
    st.close()
    log = LoadLog(db)
    log.begin([("cd" * 32, "later.trig")], 5)  # the size before: 5, now 6
    st = open_store(f"oxigraph:{db}")
    assert "cd" * 32 in st.loaded_digests()
    assert not (db / PENDING_NAME).exists()
    st.close()
    # one killed before its transaction committed: the size is unchanged, nothing recorded
    log.begin([("ef" * 32, "never.trig")], 6)
    st = open_store(f"oxigraph:{db}")
    assert "ef" * 32 not in st.loaded_digests()
    assert not (db / PENDING_NAME).exists()
    st.close()
